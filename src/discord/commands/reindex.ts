/**
 * `/reindex` (moderators, in servers): rebuild the index from the articles and report what changed.
 * The answer is private and deferred (a build takes a while); members keep getting answers from
 * the previous index meanwhile. One refresh at a time: a second request is told who started the
 * running one and when. A failed refresh reports the error; the previous index keeps serving.
 * The engine writes the audit line (who, where, how they are a moderator, result); a refusal is
 * logged by `moderators.ts`.
 */
import { MessageFlags, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from "discord.js";
import { ReindexBusyError } from "../../engine.js";
import { offeredIn, type BotContext } from "../command.js";
import { requireModerator } from "../moderators.js";
import { busyMessage, refreshFailedMessage, reindexReportMessage } from "../reindex-report.js";

export const kind = "slash";

export const help = "(moderators) rebuild the index from the articles and show what changed";

export const data = offeredIn(new SlashCommandBuilder(), "servers")
  .setName("reindex")
  .setDescription("Rebuild the index from the articles and show what changed (moderators)")
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild);

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const by = await requireModerator(interaction, ctx, "reindex");
  if (!by) return;
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const engine = await ctx.engine;
  try {
    const report = await engine.reindex(by, { whenBusy: "reject" });
    await interaction.editReply(reindexReportMessage(report));
  } catch (err) {
    // The engine has logged the audit line (busy or failed) already.
    await interaction.editReply(err instanceof ReindexBusyError ? busyMessage(err) : refreshFailedMessage(err));
  }
}
