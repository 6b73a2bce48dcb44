/**
 * The one place interactions are routed: commands and context menus to their module's `execute`,
 * autocomplete to its `autocomplete`, component clicks by custom id (`command:action:…`) to the
 * owning module's `components[action]`. Failures become a short private message for the user and
 * one log line (interaction id, command, user id, guild id, error, latency) for the operator.
 * (Cooldowns are taken where a question is answered, once there is one: see `commands/ask.ts`.)
 */
import type { Interaction } from "discord.js";
import type { BotContext, CommandModule } from "./command.js";
import { decodeCustomId } from "./custom-id.js";
import { replyPrivately } from "./respond.js";

export const FAILURE_TEXT = "Sorry, something went wrong while answering that. It has been logged; please try again.";

/** A handler for `Events.InteractionCreate` that never throws. */
export function createDispatcher(ctx: BotContext): (interaction: Interaction) => Promise<void> {
  return async (interaction) => {
    const started = Date.now();
    const what = describe(interaction);
    const fields = () => ({
      interaction: interaction.id,
      command: what,
      user: interaction.user.id,
      guild: interaction.guildId,
      ms: Date.now() - started,
    });
    try {
      const outcome = await route(interaction, ctx);
      if (outcome === "unknown") ctx.log.warn(fields(), `unknown interaction: ${what}`);
      else ctx.log.debug({ ...fields(), outcome }, `handled ${what}`);
    } catch (err) {
      ctx.log.error({ ...fields(), err }, `interaction failed: ${what}`);
      await tellUser(interaction).catch((e: unknown) =>
        ctx.log.warn({ ...fields(), err: e }, `could not tell the user that ${what} failed`),
      );
    }
  };
}

type Outcome = "done" | "unknown";

async function route(interaction: Interaction, ctx: BotContext): Promise<Outcome> {
  if (interaction.isAutocomplete()) {
    const command = ctx.commands.get(interaction.commandName);
    if (command?.kind !== "slash" || !command.autocomplete) {
      await interaction.respond([]);
      return "unknown";
    }
    await command.autocomplete(interaction, ctx);
    return "done";
  }

  if (interaction.isCommand()) {
    const command = ctx.commands.get(interaction.commandName);
    const kind = interaction.isChatInputCommand() ? "slash" : interaction.isMessageContextMenuCommand() ? "message" : undefined;
    if (!command || command.kind !== kind) {
      await replyPrivately(interaction, `I don't know \`${interaction.commandName}\`; it may have been removed. \`/help\` lists what I can do.`);
      return "unknown";
    }
    await runCommand(interaction, command, ctx);
    return "done";
  }

  if (interaction.isButton() || interaction.isAnySelectMenu()) {
    const id = decodeCustomId(interaction.customId);
    const handler = id && ctx.commands.get(id.command)?.components?.[id.action];
    if (!id || !handler) {
      await replyPrivately(interaction, "This button no longer works. Ask again with `/ask`.");
      return "unknown";
    }
    await handler(interaction, id.args, ctx);
    return "done";
  }

  return "unknown";
}

/** Run the module's handler for this kind of command (the caller checked that they match). */
async function runCommand(interaction: Interaction, command: CommandModule, ctx: BotContext): Promise<void> {
  if (command.kind === "slash" && interaction.isChatInputCommand()) await command.execute(interaction, ctx);
  else if (command.kind === "message" && interaction.isMessageContextMenuCommand()) await command.execute(interaction, ctx);
}

/** The short private message for a failure, however far the answer had got. */
async function tellUser(interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) {
    if (!interaction.responded) await interaction.respond([]);
    return;
  }
  if (interaction.isRepliable()) await replyPrivately(interaction, FAILURE_TEXT);
}

/** "/ask", "Find sources", "button ask:more" — what the log calls the interaction. */
function describe(interaction: Interaction): string {
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) {
    const sub = interaction.options.getSubcommand(false);
    return `/${interaction.commandName}${sub ? ` ${sub}` : ""}${interaction.isAutocomplete() ? " (autocomplete)" : ""}`;
  }
  if (interaction.isCommand()) return interaction.commandName;
  if (interaction.isMessageComponent()) {
    const id = decodeCustomId(interaction.customId);
    return `component ${id ? `${id.command}:${id.action}` : "?"}`;
  }
  return `interaction type ${interaction.type}`;
}
