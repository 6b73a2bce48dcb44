/**
 * What moderators see after a refresh of the index (`/reindex`, `/source add`, `/source remove`):
 * pure functions from the engine's report or error to a message body. File names and reasons come
 * from the seeds folder (and its names from uploads), so every one is escaped.
 */
import type { APIEmbed, APIEmbedField } from "discord.js";
import { CURATED_ACTORS_FILE } from "../actors/curated.js";
import type { ReindexBusyError, ReindexReport } from "../engine.js";
import { fitItems, LIMITS, shortenToFit } from "./limits.js";
import { NO_PINGS, safeText } from "./markdown.js";
import { notice, type MessageBody } from "./render.js";

export const REPORT_RENDER = {
  changedColor: 0x57f287,
  unchangedColor: 0x99aab5,
  failedColor: 0xed4245,
  /** The description (lead line, counts); five lists of at most 1,024 each stay inside the 6,000 total. */
  description: 700,
  /** One listed file, or skip reason, in characters before escaping. */
  line: 200,
} as const;

/** `/reindex`'s answer (and what follows an added or removed article): what changed, counts before → after, time. */
export function reindexReportMessage(report: ReindexReport, lead?: string): MessageBody {
  const counts = [
    `Documents ${report.documents.before} → ${report.documents.after}`,
    `passages ${report.passages.before} → ${report.passages.after}`,
    `actors ${report.actors.before} → ${report.actors.after}`,
    `took ${formatDuration(report.ms)}`,
  ].join(" · ");
  const status = report.changed
    ? "The new index is serving now."
    : "Nothing changed: the index already matches the articles.";
  const description = shortenToFit([lead, status, counts].filter(Boolean).join("\n"), REPORT_RENDER.description);
  const file = (f: string) => safeText(shortenToFit(f, REPORT_RENDER.line));
  // The engine lists articles only: metadata changes under their article, the curated actors file apart.
  const metadataOnly = new Set(report.metadataOnly ?? []);
  const withActors = (files: readonly string[], how: ReindexReport["curatedActors"]) =>
    report.curatedActors === how ? [...files, `${CURATED_ACTORS_FILE} (curated actors)`] : files;
  const fields: APIEmbedField[] = [
    listField("Added", foldMetadata(withActors(report.added, "added")).map(file)),
    listField("Changed", foldMetadata(withActors(report.updated.map((f) => (metadataOnly.has(f) ? `${f} (metadata)` : f)), "changed")).map(file)),
    listField("Removed", foldMetadata(withActors(report.removed, "removed")).map(file)),
    listField("Skipped", report.skipped.map((s) => `${file(s.file)}: ${safeText(shortenToFit(s.reason, REPORT_RENDER.line))}`)),
    listField("Warnings", report.warnings.map((w) => safeText(shortenToFit(w, REPORT_RENDER.line)))),
  ].filter((f): f is APIEmbedField => f !== undefined);
  const embed: APIEmbed = {
    color: report.changed ? REPORT_RENDER.changedColor : REPORT_RENDER.unchangedColor,
    title: report.changed ? "Index refreshed" : "Nothing changed",
    description,
    ...(fields.length ? { fields } : {}),
  };
  return { content: "", embeds: [embed], components: [], allowedMentions: NO_PINGS };
}

/** A refresh is already running: since when, and who started it. */
export function busyMessage(busy: Pick<ReindexBusyError, "since" | "by">): MessageBody {
  const t = Math.floor(busy.since.getTime() / 1000);
  return notice(
    `A refresh of the index is already running: started by ${safeText(busy.by.name)} at <t:${t}:T> (<t:${t}:R>). ` +
      "Only one runs at a time; try again when it has finished.",
  );
}

/** A refresh failed: the error, and that the previous index keeps serving. */
export function refreshFailedMessage(error: unknown, lead?: string): MessageBody {
  const message = error instanceof Error ? error.message : String(error);
  const embed: APIEmbed = {
    color: REPORT_RENDER.failedColor,
    title: "The refresh failed",
    description: [
      lead,
      safeText(shortenToFit(message.split("\n")[0] ?? "", 1000)),
      "The previous index keeps serving: members' answers are unchanged.",
    ]
      .filter(Boolean)
      .join("\n\n"),
  };
  return { content: "", embeds: [embed], components: [], allowedMentions: NO_PINGS };
}

/**
 * The files of one list with each `NAME.meta.json` left out when its article `NAME.txt`/`NAME.md`
 * is in the list too (one article added with its metadata is one line); a metadata file changed
 * alone stays listed.
 */
export function foldMetadata(files: readonly string[]): string[] {
  const articles = new Set(files.filter((f) => /\.(txt|md)$/i.test(f)).map((f) => f.replace(/\.(txt|md)$/i, "").toLowerCase()));
  return files.filter((f) => {
    const m = /^(.*)\.meta\.json$/i.exec(f);
    return !m || !articles.has(m[1]!.toLowerCase());
  });
}

/** "850 ms", "1.2 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** A field listing `lines` (already escaped), as many as fit, then "…and N more"; none for no lines. */
function listField(name: string, lines: readonly string[]): APIEmbedField | undefined {
  if (lines.length === 0) return undefined;
  return { name: `${name} (${lines.length})`, value: fitItems(lines, LIMITS.fieldValue) };
}
