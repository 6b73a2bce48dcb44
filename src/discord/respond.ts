/**
 * Answering interactions within Discord's 3-second window: at once when the index is loaded, no
 * refresh is running and the answer is ready in time; else acknowledge first (`deferReply` /
 * `deferUpdate`, which allows 15 minutes) and edit the answer in when it is ready.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { MessageFlags, type RepliableInteraction } from "discord.js";
import type { Engine } from "../engine.js";
import type { BotContext, ComponentInteraction } from "./command.js";
import { notice, type MessageBody } from "./render.js";

type Build = (engine: Engine) => MessageBody | Promise<MessageBody>;

/** An answer not ready after this long is deferred, well inside Discord's 3 seconds. */
export const DEFER_AFTER_MS = 1500;

/** Reply with what `build` makes of the engine; `ephemeral`: only the user sees it. */
export async function replyFromEngine(interaction: RepliableInteraction, ctx: BotContext, ephemeral: boolean, build: Build): Promise<void> {
  const flags = ephemeral ? MessageFlags.Ephemeral : undefined;
  const { early, body } = await answerInTime(ctx, build);
  if (early) {
    await interaction.reply({ ...early, ...(flags ? { flags } : {}) });
    return;
  }
  await interaction.deferReply(flags ? { flags } : {});
  await interaction.editReply(await body);
}

/** Replace the message the clicked component is on with what `build` makes of the engine. */
export async function updateFromEngine(interaction: ComponentInteraction, ctx: BotContext, build: Build): Promise<void> {
  const { early, body } = await answerInTime(ctx, build);
  if (early) {
    await interaction.update(early);
    return;
  }
  await interaction.deferUpdate();
  await interaction.editReply(await body);
}

/**
 * A click on a button that pages an answer (more results, more quotes, the next page of a list):
 * the asker, or anyone on a private message, gets the page in place; someone else gets it in a
 * private reply, so a public answer does not change under the asker. `build` learns whose the
 * page's own buttons are (`ownerId`: the asker in place, else the clicker) and whether it is private.
 */
export async function pageInPlaceOrPrivately(
  interaction: ComponentInteraction,
  ctx: BotContext,
  askerId: string,
  build: (engine: Engine, page: { ownerId: string; ephemeral: boolean }) => MessageBody | Promise<MessageBody>,
): Promise<void> {
  const onPrivateMessage = interaction.message.flags.has(MessageFlags.Ephemeral);
  if (onPrivateMessage || interaction.user.id === askerId) {
    await updateFromEngine(interaction, ctx, (engine) => build(engine, { ownerId: askerId, ephemeral: onPrivateMessage }));
  } else {
    await replyFromEngine(interaction, ctx, true, (engine) => build(engine, { ownerId: interaction.user.id, ephemeral: true }));
  }
}

/**
 * A short text only the user sees, whatever state the interaction is in: the reply; for a command
 * that deferred ("thinking…"), its reply edited in; else (already answered, or a click that
 * deferred and must not overwrite the message it was on) a follow-up.
 */
export async function replyPrivately(interaction: RepliableInteraction, text: string): Promise<void> {
  const body = notice(text);
  if (!interaction.deferred && !interaction.replied) await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
  else if (interaction.deferred && !interaction.replied && !interaction.isMessageComponent()) await interaction.editReply(body);
  else await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
}

/**
 * Start building the body; `early` is set when it was ready within {@link DEFER_AFTER_MS} with
 * the index loaded and no refresh running (a refresh may slow the process down), else the
 * caller defers and then awaits `body`.
 */
async function answerInTime(ctx: BotContext, build: Build): Promise<{ early?: MessageBody; body: Promise<MessageBody> }> {
  const ready = ctx.engineNow();
  const body = ready ? Promise.resolve(build(ready)) : ctx.engine.then(build);
  body.catch(() => undefined); // surfaced where it is awaited; never an unhandled rejection
  if (!ready || ready.refreshing) return { body };
  const abort = new AbortController();
  try {
    const early = await Promise.race([body, sleep(DEFER_AFTER_MS, undefined, { signal: abort.signal }).catch(() => undefined)]);
    return early ? { early, body } : { body };
  } finally {
    abort.abort();
  }
}
