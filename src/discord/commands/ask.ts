/**
 * `/ask question [results] [private]`: the quoted passages that answer, with their sources, and
 * the buttons every answer carries (also the answers to mentions and "Find sources"):
 * - "More" (`ask:more:<session>:<offset>`): the next results of the same question. The asker (or
 *   anyone, on a private answer) pages the message in place; someone else gets the next results
 *   privately, so a public answer does not change under the asker.
 * - "Delete" (`ask:delete:<askerId>`): removes the answer; only the asker may.
 */
import { SlashCommandBuilder, type ChatInputCommandInteraction, type RepliableInteraction } from "discord.js";
import type { Engine } from "../../engine.js";
import { offeredIn, type BotContext, type ComponentHandler, type ComponentInteraction } from "../command.js";
import { cooldownText } from "../cooldowns.js";
import { encodeCustomId } from "../custom-id.js";
import { questionFromMessage } from "../question.js";
import { answerMessage, RENDER, type MessageBody } from "../render.js";
import { pageInPlaceOrPrivately, replyFromEngine, replyPrivately } from "../respond.js";
import type { AnswerSession } from "../sessions.js";

export const ASK_DEFAULTS = {
  /** Results per page when the asker does not say. */
  results: 3,
  maxResults: 5,
  maxQuestion: 300,
} as const;

export const kind = "slash";

export const data = offeredIn(new SlashCommandBuilder(), "servers and DMs")
  .setName("ask")
  .setDescription("Answer a question from the articles, quoting them with their sources")
  .addStringOption((o) =>
    o.setName("question").setDescription("What you want to know").setRequired(true).setMaxLength(ASK_DEFAULTS.maxQuestion),
  )
  .addIntegerOption((o) =>
    o
      .setName("results")
      .setDescription(`How many passages to quote (1–${ASK_DEFAULTS.maxResults}, default ${ASK_DEFAULTS.results})`)
      .setMinValue(1)
      .setMaxValue(ASK_DEFAULTS.maxResults),
  )
  .addBooleanOption((o) => o.setName("private").setDescription("Only you see the answer"));

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const question = questionFromMessage(interaction.options.getString("question", true));
  if (!question) {
    await replyPrivately(interaction, `Ask with words, for example: \`/ask question: ${RENDER.exampleQuestion}\``);
    return;
  }
  await replyWithAnswer(interaction, ctx, {
    question,
    k: interaction.options.getInteger("results") ?? ASK_DEFAULTS.results,
    ephemeral: interaction.options.getBoolean("private") ?? false,
  });
}

/**
 * Answer `question` as the reply to `interaction` (used by /ask and "Find sources"). Asking costs
 * the asker the cooldown (taken here, so a question refused before it, an empty one, costs
 * nothing); within it, they are told privately how long to wait.
 */
export async function replyWithAnswer(
  interaction: RepliableInteraction,
  ctx: BotContext,
  ask: { question: string; k: number; ephemeral: boolean },
): Promise<void> {
  const check = ctx.cooldowns.take(interaction.user.id);
  if (!check.ok) {
    await replyPrivately(interaction, cooldownText(check.retryAfterMs));
    return;
  }
  const session: AnswerSession = { question: ask.question, k: clampResults(ask.k), askerId: interaction.user.id };
  ctx.sessions.remember(interaction.id, session);
  await replyFromEngine(interaction, ctx, ask.ephemeral, (engine) =>
    answerBody(engine, session, { key: interaction.id, offset: 0, ephemeral: ask.ephemeral }),
  );
}

/**
 * The answer message for one page of a session's question. `key` names the session for "More";
 * `ephemeral` answers get no "Delete" (Discord lets their reader dismiss them).
 */
export async function answerBody(
  engine: Engine,
  session: AnswerSession,
  page: { key: string; offset: number; ephemeral: boolean },
): Promise<MessageBody> {
  const answer = await engine.answer(session.question, { k: session.k, offset: page.offset });
  const next = page.offset + session.k;
  return answerMessage({
    answer,
    offset: page.offset,
    ...(answer.answered && answer.total > next ? { moreId: encodeCustomId(data.name, "more", page.key, next) } : {}),
    ...(page.ephemeral ? {} : { deleteId: encodeCustomId(data.name, "delete", session.askerId) }),
  });
}

const more: ComponentHandler = async (interaction, [key, offsetText], ctx) => {
  const session = key ? ctx.sessions.get(key) : undefined;
  const offset = Number(offsetText);
  if (!session || !Number.isSafeInteger(offset) || offset < 0) {
    await replyPrivately(interaction, "This answer is too old to page through. Ask again with `/ask`.");
    return;
  }
  await pageInPlaceOrPrivately(interaction, ctx, session.askerId, (engine, { ephemeral }) =>
    answerBody(engine, session, { key: key!, offset, ephemeral }),
  );
};

const remove: ComponentHandler = async (interaction, [askerId]) => {
  if (interaction.user.id !== askerId) {
    await replyPrivately(interaction, "Only the person who asked can delete this answer.");
    return;
  }
  await interaction.deferUpdate();
  if (isInteractionResponse(interaction)) await interaction.deleteReply();
  else await interaction.message.delete();
};

export const components: Record<string, ComponentHandler> = { more, delete: remove };

/** Whether the clicked message was sent through an interaction webhook (else through the channel). */
function isInteractionResponse(interaction: ComponentInteraction): boolean {
  const m = interaction.message;
  return Boolean(m.interactionMetadata ?? m.webhookId);
}

function clampResults(k: number): number {
  return Math.min(ASK_DEFAULTS.maxResults, Math.max(1, Math.trunc(k) || ASK_DEFAULTS.results));
}
