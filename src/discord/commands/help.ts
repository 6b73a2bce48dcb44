/** `/help`: what Parley does, the commands (read from the registry), asking by mention, an example. */
import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
} from "discord.js";
import type { BotContext } from "../command.js";
import { helpMessage } from "../render.js";

export const kind = "slash";

export const data = new SlashCommandBuilder()
  .setName("help")
  .setDescription("What I do and how to ask")
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await interaction.reply(helpMessage([...ctx.commands.values()], interaction.client.user.toString()));
}
