/**
 * Message context menu "Find sources": the message's text is the question, and the answer is
 * private. Good for checking a claim someone posted against the articles.
 */
import { ApplicationCommandType, ContextMenuCommandBuilder, type MessageContextMenuCommandInteraction } from "discord.js";
import { offeredIn, type BotContext } from "../command.js";
import { questionFromMessage } from "../question.js";
import { replyPrivately } from "../respond.js";
import { ASK_DEFAULTS, replyWithAnswer } from "./ask.js";

export const kind = "message";
export const help = "checks that message against the articles; only you see the answer";

export const data = offeredIn(new ContextMenuCommandBuilder(), "servers and DMs").setName("Find sources").setType(ApplicationCommandType.Message);

export async function execute(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<void> {
  const question = questionFromMessage(interaction.targetMessage.content);
  if (!question) {
    await replyPrivately(interaction, "That message has no text to look up in the articles.");
    return;
  }
  await replyWithAnswer(interaction, ctx, { question, k: ASK_DEFAULTS.results, ephemeral: true });
}
