/**
 * Who may change the index from Discord: in a server, a member with Manage Server (Administrator
 * implies it), or a member holding one of the roles in `MODERATOR_ROLE_IDS`. Never in DMs.
 *
 * Commands for moderators are registered with Manage Server as their default permission and for
 * servers only, but a server's admins can change who sees a command, so every handler checks
 * again here, at run time, with what Discord sent along with the interaction.
 */
import { GuildMember, PermissionFlagsBits, type Interaction, type RepliableInteraction } from "discord.js";
import type { Config } from "../config.js";
import type { Requester } from "../engine.js";
import type { BotContext } from "./command.js";
import { replyPrivately } from "./respond.js";

/** What the check needs to know about the person asking. */
export interface ModeratorCandidate {
  /** False in DMs and group DMs. */
  inGuild: boolean;
  /** The member's permissions in the channel, as Discord computed them; none outside a server. */
  permissions?: bigint;
  /** The member's role ids. */
  roleIds: readonly string[];
}

export type ModeratorCheck = { ok: true; via: ModeratorVia } | { ok: false; reason: "dm" | "not-moderator" };

/** How a member qualifies as a moderator: Manage Server (or Administrator), or a role in `MODERATOR_ROLE_IDS`. */
export type ModeratorVia = "manage-server" | "role";

/** A moderator as the audit log lines name them: who, where, and how they qualify. */
export interface ModeratorRequester extends Requester {
  via: ModeratorVia;
}

export const REFUSAL_TEXT = {
  dm: "This command works only in a server, for its moderators.",
  "not-moderator":
    "Only moderators can do this: members with the Manage Server permission, or a moderator role the bot is configured with.",
} as const;

/** Whether `who` is a moderator (pure). */
export function checkModerator(who: ModeratorCandidate, moderatorRoleIds: readonly string[]): ModeratorCheck {
  if (!who.inGuild) return { ok: false, reason: "dm" };
  const perms = who.permissions ?? 0n;
  if ((perms & PermissionFlagsBits.Administrator) !== 0n || (perms & PermissionFlagsBits.ManageGuild) !== 0n) {
    return { ok: true, via: "manage-server" };
  }
  if (who.roleIds.some((id) => moderatorRoleIds.includes(id))) return { ok: true, via: "role" };
  return { ok: false, reason: "not-moderator" };
}

/** The candidate an interaction describes: the member's channel permissions and roles, as sent with it. */
export function candidateOf(interaction: Interaction): ModeratorCandidate {
  if (!interaction.inGuild()) return { inGuild: false, roleIds: [] };
  const member = interaction.member;
  const roleIds = member instanceof GuildMember ? [...member.roles.cache.keys()] : (member?.roles ?? []);
  const permissions = interaction.memberPermissions?.bitfield;
  return { inGuild: true, roleIds, ...(permissions !== undefined ? { permissions } : {}) };
}

/** Whether the interaction comes from a moderator (see the module comment). */
export function isModerator(interaction: Interaction, config: Pick<Config, "MODERATOR_ROLE_IDS">): ModeratorCheck {
  return checkModerator(candidateOf(interaction), config.MODERATOR_ROLE_IDS);
}

/**
 * Check that the interaction comes from a moderator: if so, the requester to name in the audit log
 * lines (with how they qualify, `via`); if not, refuse privately, log the attempt (`audit: action`,
 * `result: "refused"`) and return undefined. Nothing else happens then.
 */
export async function requireModerator(interaction: RepliableInteraction, ctx: BotContext, action: string): Promise<ModeratorRequester | undefined> {
  const check = isModerator(interaction, ctx.config);
  if (check.ok) return { ...requesterOf(interaction), via: check.via };
  ctx.log.info(
    { audit: action, by: requesterOf(interaction), result: "refused", reason: check.reason },
    `${action} refused: ${check.reason === "dm" ? "not in a server" : "not a moderator"}`,
  );
  await replyPrivately(interaction, REFUSAL_TEXT[check.reason]);
  return undefined;
}

/** Who asked, and where, for the engine's "one is running" answer and for audit log lines. */
export function requesterOf(interaction: Interaction): Requester {
  const user = interaction.user;
  const name = user.globalName && user.globalName !== user.username ? `${user.globalName} (@${user.username})` : `@${user.username}`;
  return { id: user.id, name, where: whereOf(interaction) };
}

/** "guild Parley Test Guild (123…) #general (456…)", or "DM". */
export function whereOf(interaction: Interaction): string {
  if (!interaction.inGuild()) return "DM";
  const guild = interaction.guild?.name ? `guild ${interaction.guild.name} (${interaction.guildId})` : `guild ${interaction.guildId}`;
  const channel = interaction.channel && "name" in interaction.channel && interaction.channel.name
    ? `#${interaction.channel.name} (${interaction.channelId})`
    : `channel ${interaction.channelId}`;
  return `${guild} ${channel}`;
}
