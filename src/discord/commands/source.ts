/**
 * `/source add` and `/source remove` (moderators, in servers): change the articles from Discord,
 * then refresh the index and show the report. Every answer is private; every change (and every
 * refusal) is logged with who and where (`audit: "source add"` / `"source remove"`).
 *
 * - `add file:<attachment> [title] [publisher] [url] [published] [replace]`: the name, the declared
 *   size and the metadata are checked before anything is downloaded; the file is downloaded from
 *   Discord's attachment hosts only (`../attachments.ts`), checked again (size, UTF-8) and written
 *   with its `.meta.json` (`corpus/articles-folder.ts`). An existing name is replaced only with
 *   `replace: true`.
 * - `remove file` (autocomplete over the articles): asks for confirmation with two buttons,
 *   `source:confirm:<requester>:<key>` and `source:cancel:<requester>:<key>`, that only the moderator
 *   who asked may press; the file name waits under `key` (the interaction id) meanwhile.
 */
import {
  ApplicationIntegrationType,
  ButtonStyle,
  ComponentType,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from "discord.js";
import {
  ArticleError,
  addArticle,
  checkArticleMeta,
  checkArticleUpload,
  listArticleFiles,
  removeArticle,
  type ArticleMeta,
} from "../../corpus/articles-folder.js";
import type { ReindexReport, Requester } from "../../engine.js";
import { AttachmentError, attachmentOrigins, downloadAttachment } from "../attachments.js";
import type { BotContext, ComponentHandler } from "../command.js";
import { encodeCustomId } from "../custom-id.js";
import { fitChoices } from "../limits.js";
import { NO_PINGS, safeText } from "../markdown.js";
import { isModerator, requesterOf, requireModerator } from "../moderators.js";
import { refreshFailedMessage, reindexReportMessage } from "../reindex-report.js";
import { notice, type MessageBody } from "../render.js";
import { replyPrivately } from "../respond.js";

export const SOURCE_DEFAULTS = {
  /** How long a removal waits for its confirmation (an interaction's token lasts 15 minutes). */
  confirmMs: 14 * 60 * 1000,
  /** Longest metadata values accepted from the options (the same as the metadata check's). */
  maxTitle: 300,
  maxPublisher: 200,
  maxUrl: 2000,
  maxPublished: 100,
} as const;

export const kind = "slash";

export const help = "(moderators) `add` an article (a .txt or .md attachment) or `remove` one; the index is refreshed after";

export const data = new SlashCommandBuilder()
  .setName("source")
  .setDescription("Add or remove an article (moderators)")
  .setContexts(InteractionContextType.Guild)
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
  .addSubcommand((s) =>
    s
      .setName("add")
      .setDescription("Add an article from a .txt or .md file, then refresh the index")
      .addAttachmentOption((o) => o.setName("file").setDescription("The article: UTF-8 text, .txt or .md").setRequired(true))
      .addStringOption((o) => o.setName("title").setDescription("Its title").setMaxLength(SOURCE_DEFAULTS.maxTitle))
      .addStringOption((o) => o.setName("publisher").setDescription("Who published it").setMaxLength(SOURCE_DEFAULTS.maxPublisher))
      .addStringOption((o) => o.setName("url").setDescription("Where it was published (http or https)").setMaxLength(SOURCE_DEFAULTS.maxUrl))
      .addStringOption((o) => o.setName("published").setDescription("When it was published").setMaxLength(SOURCE_DEFAULTS.maxPublished))
      .addBooleanOption((o) => o.setName("replace").setDescription("Replace an article of the same name")),
  )
  .addSubcommand((s) =>
    s
      .setName("remove")
      .setDescription("Remove an article (asks to confirm), then refresh the index")
      .addStringOption((o) => o.setName("file").setDescription("The article's file name").setRequired(true).setAutocomplete(true)),
  );

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const sub = interaction.options.getSubcommand(true);
  if (!(await requireModerator(interaction, ctx, `source ${sub}`))) return;
  if (sub === "add") await add(interaction, ctx);
  else await askToRemove(interaction, ctx);
}

/** Article files matching what the moderator typed (prefix matches first); nothing for non-moderators. */
export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  if (!isModerator(interaction, ctx.config).ok) {
    await interaction.respond([]);
    return;
  }
  const typed = String(interaction.options.getFocused()).trim().toLowerCase();
  const files = await listArticleFiles(ctx.config.SEEDS_DIR);
  const starts = files.filter((f) => f.toLowerCase().startsWith(typed));
  const contains = files.filter((f) => !f.toLowerCase().startsWith(typed) && f.toLowerCase().includes(typed));
  await interaction.respond(fitChoices([...starts, ...contains].map((f) => ({ name: f, value: f }))));
}

// ---------------------------------------------------------------------------------------------------------
// add
// ---------------------------------------------------------------------------------------------------------

async function add(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const by = requesterOf(interaction);
  const attachment = interaction.options.getAttachment("file", true);
  const replace = interaction.options.getBoolean("replace") ?? false;
  const refuse = async (reason: string, text: string) => {
    ctx.log.info({ audit: "source add", by, upload: attachment.name, size: attachment.size, result: "refused", reason }, "article refused");
    const body = { ...notice(text), flags: MessageFlags.Ephemeral as const };
    if (interaction.deferred) await interaction.editReply(notice(text));
    else await interaction.reply(body);
  };

  // Everything that can be checked without the bytes, before downloading them.
  let file: string;
  let meta: ArticleMeta;
  try {
    file = checkArticleUpload({ fileName: attachment.name, size: attachment.size }, { maxBytes: ctx.config.MAX_ARTICLE_UPLOAD_BYTES });
    meta = checkArticleMeta({
      title: interaction.options.getString("title") ?? undefined,
      publisher: interaction.options.getString("publisher") ?? undefined,
      url: interaction.options.getString("url") ?? undefined,
      published: interaction.options.getString("published") ?? undefined,
    });
    if (!replace && (await listArticleFiles(ctx.config.SEEDS_DIR)).includes(file))
      throw new ArticleError("exists", `${file} already exists; add it again with replace to overwrite it.`);
  } catch (err) {
    if (err instanceof ArticleError) return refuse(err.code, safeText(err.message));
    throw err;
  }

  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  let added;
  try {
    const bytes = await downloadAttachment(attachment.url, {
      maxBytes: ctx.config.MAX_ARTICLE_UPLOAD_BYTES,
      origins: attachmentOrigins(ctx.config),
    });
    added = await addArticle(ctx.config.SEEDS_DIR, { fileName: attachment.name, bytes, meta, replace }, { maxBytes: ctx.config.MAX_ARTICLE_UPLOAD_BYTES });
  } catch (err) {
    if (err instanceof ArticleError || err instanceof AttachmentError) return refuse(err.code, safeText(err.message));
    throw err;
  }
  ctx.log.info(
    { audit: "source add", by, file: added.file, metaFile: added.metaFile, bytes: added.bytes, replaced: added.replaced, result: "ok" },
    `article ${added.replaced ? "replaced" : "added"}: ${added.file}`,
  );
  const lead = `${added.replaced ? "Replaced" : "Added"} **${safeText(added.file)}** (${formatSize(added.bytes)})${added.metaFile ? " with its metadata" : ""}.`;
  await interaction.editReply(await refreshAfterChange(ctx, by, lead));
}

// ---------------------------------------------------------------------------------------------------------
// remove
// ---------------------------------------------------------------------------------------------------------

interface PendingRemoval {
  file: string;
  requesterId: string;
  expiresAt: number;
}

/** Removals waiting for their confirmation, by key (the /source remove interaction's id). */
const pending = new Map<string, PendingRemoval>();

function rememberRemoval(key: string, removal: PendingRemoval): void {
  const now = Date.now();
  for (const [k, p] of pending) if (p.expiresAt <= now) pending.delete(k);
  pending.set(key, removal);
}

async function askToRemove(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const file = interaction.options.getString("file", true);
  const files = await listArticleFiles(ctx.config.SEEDS_DIR);
  if (!files.includes(file)) {
    await replyPrivately(interaction, `There is no article named ${safeText(JSON.stringify(file))}. Pick one from the list as you type.`);
    return;
  }
  const key = interaction.id;
  rememberRemoval(key, { file, requesterId: interaction.user.id, expiresAt: Date.now() + SOURCE_DEFAULTS.confirmMs });
  await interaction.reply({ ...confirmationMessage(file, interaction.user.id, key), flags: MessageFlags.Ephemeral });
}

/** The question before a removal, with Confirm and Cancel. */
export function confirmationMessage(file: string, requesterId: string, key: string): MessageBody {
  const button = (action: string, label: string, style: ButtonStyle.Danger | ButtonStyle.Secondary) => ({
    type: ComponentType.Button as const,
    style,
    label,
    custom_id: encodeCustomId(data.name, action, requesterId, key),
  });
  return {
    content: `Remove **${safeText(file)}** (and its metadata) from the articles? The index is refreshed afterwards.`,
    embeds: [],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [button("confirm", "Remove", ButtonStyle.Danger), button("cancel", "Cancel", ButtonStyle.Secondary)],
      },
    ],
    allowedMentions: NO_PINGS,
  };
}

/** The pending removal a click is about, or undefined after telling the clicker why not. */
async function pendingFor(
  interaction: Parameters<ComponentHandler>[0],
  [requesterId, key]: string[],
): Promise<PendingRemoval | undefined> {
  if (interaction.user.id !== requesterId) {
    await replyPrivately(interaction, "Only the moderator who asked to remove this article can confirm or cancel it.");
    return undefined;
  }
  const removal = key ? pending.get(key) : undefined;
  if (!removal || removal.expiresAt <= Date.now()) {
    if (key) pending.delete(key);
    await interaction.update(notice("This confirmation has expired; nothing was removed. Use `/source remove` again."));
    return undefined;
  }
  return removal;
}

const confirm: ComponentHandler = async (interaction, args, ctx) => {
  const removal = await pendingFor(interaction, args);
  if (!removal) return;
  if (!(await requireModerator(interaction, ctx, "source remove"))) return;
  pending.delete(args[1]!);
  const by = requesterOf(interaction);
  await interaction.update(notice(`Removing **${safeText(removal.file)}** and refreshing the index…`));
  let removed;
  try {
    removed = await removeArticle(ctx.config.SEEDS_DIR, removal.file);
  } catch (err) {
    if (!(err instanceof ArticleError)) throw err;
    ctx.log.info({ audit: "source remove", by, file: removal.file, result: "refused", reason: err.code }, "article not removed");
    await interaction.editReply(notice(safeText(err.message)));
    return;
  }
  ctx.log.info({ audit: "source remove", by, file: removed.file, metaFile: removed.metaFile, result: "ok" }, `article removed: ${removed.file}`);
  const lead = `Removed **${safeText(removed.file)}**${removed.metaFile ? " and its metadata" : ""}.`;
  await interaction.editReply(await refreshAfterChange(ctx, by, lead));
};

const cancel: ComponentHandler = async (interaction, args, ctx) => {
  const removal = await pendingFor(interaction, args);
  if (!removal) return;
  pending.delete(args[1]!);
  ctx.log.info({ audit: "source remove", by: requesterOf(interaction), file: removal.file, result: "cancelled" }, "article removal cancelled");
  await interaction.update(notice(`Cancelled: **${safeText(removal.file)}** stays.`));
};

export const components: Record<string, ComponentHandler> = { confirm, cancel };

// ---------------------------------------------------------------------------------------------------------

/**
 * Refresh the index after a change to the articles (waiting for a refresh under way, then running
 * one that sees the change) and say what happened, `lead` first.
 */
async function refreshAfterChange(ctx: BotContext, by: Requester, lead: string): Promise<MessageBody> {
  const engine = await ctx.engine;
  let report: ReindexReport;
  try {
    report = await engine.reindex(by, { whenBusy: "wait" });
  } catch (err) {
    return refreshFailedMessage(err, `${lead} The change is saved in the articles folder, but the index could not be refreshed; run \`/reindex\` once the problem is fixed.`);
  }
  return reindexReportMessage(report, lead);
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
