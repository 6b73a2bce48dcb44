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

/** A short text reply that only the user sees. */
export async function replyPrivately(interaction: RepliableInteraction, text: string): Promise<void> {
  await interaction.reply({ ...notice(text), flags: MessageFlags.Ephemeral });
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
