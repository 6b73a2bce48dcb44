/** `/sources`: the indexed articles (title, publisher, passages) and when the index was built. */
import { SlashCommandBuilder, type ChatInputCommandInteraction } from "discord.js";
import { offeredIn, type BotContext } from "../command.js";
import { sourcesMessage } from "../render.js";
import { replyFromEngine } from "../respond.js";

export const kind = "slash";

export const data = offeredIn(new SlashCommandBuilder(), "servers and DMs").setName("sources").setDescription("List the articles I answer from");

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await replyFromEngine(interaction, ctx, false, (engine) => {
    const { sources, builtAt } = engine.sources();
    return sourcesMessage(sources, builtAt);
  });
}
