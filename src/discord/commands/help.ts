/** `/help`: what Parley does, the commands (read from the registry), asking by mention, an example. */
import { SlashCommandBuilder, type ChatInputCommandInteraction } from "discord.js";
import { offeredIn, type BotContext } from "../command.js";
import { helpMessage } from "../render.js";

export const kind = "slash";

export const data = offeredIn(new SlashCommandBuilder(), "servers and DMs").setName("help").setDescription("What I do and how to ask");

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await interaction.reply(helpMessage([...ctx.commands.values()], interaction.client.user.toString()));
}
