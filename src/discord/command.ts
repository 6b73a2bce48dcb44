/**
 * What a command module is, and what every handler gets. A command module (one file under
 * `commands/`, listed in `commands/index.ts`) exports, discord.js-guide style:
 *
 * - `kind`: `"slash"` or `"message"` (message context menu);
 * - `data`: its builder (the definition `npm run deploy` registers), made with {@link offeredIn};
 * - `execute(interaction, ctx)`: the handler;
 * - optionally `autocomplete(interaction, ctx)` (slash commands), `help` (its line in /help,
 *   instead of one derived from `data`; for a command with subcommands, by subcommand), and
 *   `components`: handlers for the buttons/select menus it puts on messages, by action; their
 *   custom ids are made with `encodeCustomId(data.name, action, …args)` and routed back here.
 *
 * Handlers turn engine results into messages; no search logic lives in the Discord layer. A
 * handler that asks the engine a question takes the asker's cooldown (`ctx.cooldowns`) once it
 * has a question to ask, so an empty one costs nothing (see `commands/ask.ts`).
 */
import {
  ApplicationIntegrationType,
  InteractionContextType,
  type AnySelectMenuInteraction,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type MessageContextMenuCommandInteraction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type RESTPostAPIContextMenuApplicationCommandsJSONBody,
} from "discord.js";
import type { Config } from "../config.js";
import type { Engine } from "../engine.js";
import type { Logger } from "../log.js";
import type { Cooldowns } from "./cooldowns.js";
import type { AnswerSessions } from "./sessions.js";

/** What handlers share: settings, log, the engine, per-user state and the command registry. */
export interface BotContext {
  readonly config: Config;
  readonly log: Logger;
  /** Resolves once the index is loaded. */
  readonly engine: Promise<Engine>;
  /** The engine if the index is loaded, else undefined (then defer, and await {@link engine}). */
  engineNow(): Engine | undefined;
  readonly cooldowns: Cooldowns;
  readonly sessions: AnswerSessions;
  readonly commands: CommandRegistry;
}

export type Handler<I> = (interaction: I, ctx: BotContext) => Promise<unknown>;

/** A click on a component (button, select menu) owned by a command. */
export type ComponentInteraction = ButtonInteraction | AnySelectMenuInteraction;

/** Handles a component click; `args` are the custom id's parts after the action. */
export type ComponentHandler = (interaction: ComponentInteraction, args: string[], ctx: BotContext) => Promise<unknown>;

interface CommandBase {
  /** Handlers for this command's components, by the action part of their custom id. */
  readonly components?: Readonly<Record<string, ComponentHandler>>;
}

export interface SlashCommandModule extends CommandBase {
  readonly kind: "slash";
  readonly data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  readonly execute: Handler<ChatInputCommandInteraction>;
  readonly autocomplete?: Handler<AutocompleteInteraction>;
  /**
   * The text of the command's line in /help (by default its description). For a command with
   * subcommands, the text of each subcommand's line, by subcommand name (by default the
   * subcommand's description); a single text then serves every line.
   */
  readonly help?: string | Readonly<Record<string, string>>;
}

export interface MessageCommandModule extends CommandBase {
  readonly kind: "message";
  readonly data: { readonly name: string; toJSON(): RESTPostAPIContextMenuApplicationCommandsJSONBody };
  readonly execute: Handler<MessageContextMenuCommandInteraction>;
  /** What the command does, for its line in /help. */
  readonly help?: string;
}

export type CommandModule = SlashCommandModule | MessageCommandModule;

/** Command modules by name (`data.name`), which is also the owner part of their custom ids. */
export type CommandRegistry = ReadonlyMap<string, CommandModule>;

/** A registry from a list of modules; two modules with one name are a programming error. */
export function commandRegistry(modules: readonly CommandModule[]): CommandRegistry {
  const map = new Map<string, CommandModule>();
  for (const m of modules) {
    if (map.has(m.data.name)) throw new Error(`two command modules are named "${m.data.name}"`);
    map.set(m.data.name, m);
  }
  return map;
}

/** A command builder (slash or context menu), as far as {@link offeredIn} needs it. */
interface ContextsBuilder {
  setContexts(...contexts: InteractionContextType[]): this;
  setIntegrationTypes(...types: ApplicationIntegrationType[]): this;
}

/**
 * `builder`, offered where the command makes sense: in servers (and, with `"servers and DMs"`,
 * in DMs with the bot), for the bot installed in a server.
 */
export function offeredIn<B extends ContextsBuilder>(builder: B, where: "servers" | "servers and DMs"): B {
  const contexts = where === "servers" ? [InteractionContextType.Guild] : [InteractionContextType.Guild, InteractionContextType.BotDM];
  return builder.setContexts(...contexts).setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
}
