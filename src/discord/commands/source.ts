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
 * - `remove file` (autocomplete over the articles; a name too long for an autocomplete value, as
 *   only a file put in the folder by hand can have, is offered as `#` and a short key of it): asks
 *   for confirmation with two buttons, `source:confirm:<requester>:<key>` and
 *   `source:cancel:<requester>:<key>`, that only the moderator who asked, and is a moderator
 *   still, may press; the file name waits under `key` (the interaction id) meanwhile. Whatever
 *   goes wrong after Remove, the confirmation ends up saying so.
 */
import {
  ButtonStyle,
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
  formatBytes,
  listArticleFiles,
  removeArticle,
  type ArticleMeta,
} from "../../corpus/articles-folder.js";
import type { ReindexReport, Requester } from "../../engine.js";
import { AttachmentError, attachmentOrigins, downloadAttachment } from "../attachments.js";
import { offeredIn, type BotContext, type ComponentHandler } from "../command.js";
import { encodeCustomId, shortKey } from "../custom-id.js";
import { fitChoices, LIMITS } from "../limits.js";
import { NO_PINGS, safeText } from "../markdown.js";
import { isModerator, requesterOf, requireModerator, type ModeratorRequester } from "../moderators.js";
import { refreshFailedMessage, reindexReportMessage } from "../reindex-report.js";
import { button, buttonRows, notice, type MessageBody } from "../render.js";
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

export const help = {
  add: "(moderators) add an article from a .txt or .md attachment; the index is refreshed after",
  remove: "(moderators) remove an article, once you confirm; the index is refreshed after",
} as const;

export const data = offeredIn(new SlashCommandBuilder(), "servers")
  .setName("source")
  .setDescription("Add or remove an article (moderators)")
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
  const by = await requireModerator(interaction, ctx, `source ${sub}`);
  if (!by) return;
  if (sub === "add") await add(interaction, ctx, by);
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
  await interaction.respond(fitChoices([...starts, ...contains].map((f) => ({ name: f, value: fileChoiceValue(f) }))));
}

/**
 * The autocomplete value that names an article file: its name, or, for a name too long to be a
 * value whole (a file put in the folder by hand), `#` and a short key of it.
 */
export function fileChoiceValue(file: string): string {
  return Array.from(file).length <= LIMITS.choiceValue ? file : `#${shortKey(file)}`;
}

/** The article file among `files` that `value` (picked from the choices, or typed) names, if any. */
export function fileForChoiceValue(files: readonly string[], value: string): string | undefined {
  if (files.includes(value)) return value;
  return value.startsWith("#") ? files.find((f) => fileChoiceValue(f) === value) : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// add
// ---------------------------------------------------------------------------------------------------------

async function add(interaction: ChatInputCommandInteraction, ctx: BotContext, by: ModeratorRequester): Promise<void> {
  const attachment = interaction.options.getAttachment("file", true);
  const replace = interaction.options.getBoolean("replace") ?? false;
  const refuse = async (reason: string, text: string) => {
    ctx.log.info({ audit: "source add", by, upload: attachment.name, size: attachment.size, result: "refused", reason }, "article refused");
    await replyPrivately(interaction, text);
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
  const lead = `${added.replaced ? "Replaced" : "Added"} **${safeText(added.file)}** (${formatBytes(added.bytes)})${added.metaFile ? " with its metadata" : ""}.`;
  await interaction.editReply(await refreshAfterChange(ctx, by, lead));
}

// ---------------------------------------------------------------------------------------------------------
// remove
// ---------------------------------------------------------------------------------------------------------

interface PendingRemoval {
  file: string;
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
  const value = interaction.options.getString("file", true);
  const file = fileForChoiceValue(await listArticleFiles(ctx.config.SEEDS_DIR), value);
  if (file === undefined) {
    await replyPrivately(interaction, `There is no article named ${safeText(JSON.stringify(value))}. Pick one from the list as you type.`);
    return;
  }
  const key = interaction.id;
  rememberRemoval(key, { file, expiresAt: Date.now() + SOURCE_DEFAULTS.confirmMs });
  await interaction.reply({ ...confirmationMessage(file, interaction.user.id, key), flags: MessageFlags.Ephemeral });
}

/** The question before a removal, with Confirm and Cancel. */
export function confirmationMessage(file: string, requesterId: string, key: string): MessageBody {
  const id = (action: string) => encodeCustomId(data.name, action, requesterId, key);
  return {
    content: `Remove **${safeText(file)}** (and its metadata) from the articles? The index is refreshed afterwards.`,
    embeds: [],
    components: buttonRows([button(id("confirm"), "Remove", ButtonStyle.Danger), button(id("cancel"), "Cancel")]),
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

/** What the confirmation says when the removal failed for a reason the moderator cannot act on. */
export function removalFailedText(file: string): string {
  return `Removing **${safeText(file)}** failed: something went wrong, and it has been logged. Check the articles folder, then refresh the index with \`/reindex\`.`;
}

const confirm: ComponentHandler = async (interaction, args, ctx) => {
  const removal = await pendingFor(interaction, args);
  if (!removal) return;
  const by = await requireModerator(interaction, ctx, "source remove");
  if (!by) return;
  pending.delete(args[1]!);
  await interaction.update(notice(`Removing **${safeText(removal.file)}** and refreshing the index…`));
  let outcome: MessageBody;
  try {
    outcome = await removeAndRefresh(ctx, by, removal.file);
  } catch (err) {
    // Whatever failed, the confirmation must not stay at "Removing…".
    ctx.log.error({ audit: "source remove", by, file: removal.file, result: "failed", err }, `article removal failed: ${removal.file}`);
    outcome = notice(removalFailedText(removal.file));
  }
  await interaction.editReply(outcome);
};

/** Remove the article and refresh the index; what to say about it (a refusal the moderator can act on included). */
async function removeAndRefresh(ctx: BotContext, by: ModeratorRequester, file: string): Promise<MessageBody> {
  let removed;
  try {
    removed = await removeArticle(ctx.config.SEEDS_DIR, file);
  } catch (err) {
    if (!(err instanceof ArticleError)) throw err;
    ctx.log.info({ audit: "source remove", by, file, result: "refused", reason: err.code }, "article not removed");
    return notice(safeText(err.message));
  }
  ctx.log.info({ audit: "source remove", by, file: removed.file, metaFile: removed.metaFile, result: "ok" }, `article removed: ${removed.file}`);
  const lead = `Removed **${safeText(removed.file)}**${removed.metaFile ? " and its metadata" : ""}.`;
  return refreshAfterChange(ctx, by, lead);
}

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
  let report: ReindexReport;
  try {
    const engine = await ctx.engine;
    report = await engine.reindex(by, { whenBusy: "wait" });
  } catch (err) {
    return refreshFailedMessage(err, `${lead} The change is saved in the articles folder, but the index could not be refreshed; run \`/reindex\` once the problem is fixed.`);
  }
  return reindexReportMessage(report, lead);
}
