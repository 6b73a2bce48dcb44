/**
 * The engine: what every front end (CLI, console, Discord, tests, benchmarks) talks to. It knows
 * nothing of Discord. It serves answers from one immutable {@link Library} at a time; a refresh
 * builds a new library beside it and swaps it in whole, so questions asked meanwhile are
 * answered from the previous one, and a failed refresh leaves it serving.
 */
import type { Config } from "./config.js";
import type { Logger } from "./log.js";
import type { Answer, AnswerOptions } from "./search/answer.js";
import { buildLibrary, type Library, type Manifest, type SourceInfo } from "./search/library.js";
import { diffFiles, openLibrary, saveLibrary } from "./search/store.js";
import type { SkippedFile } from "./corpus/load.js";

export interface ReindexReport {
  /** False when the seeds had not changed: nothing was swapped. */
  changed: boolean;
  added: string[];
  updated: string[];
  removed: string[];
  skipped: SkippedFile[];
  warnings: string[];
  documents: { before: number; after: number };
  passages: { before: number; after: number };
  actors: { before: number; after: number };
  ms: number;
}

/** Who asked for a refresh, for the "one is running" answer and the audit log. */
export interface Requester {
  id?: string;
  name: string;
  where?: string;
}

export class ReindexBusyError extends Error {
  override name = "ReindexBusyError";
  constructor(
    readonly since: Date,
    readonly by: Requester,
  ) {
    super(`a refresh started by ${by.name} at ${since.toISOString()} is still running`);
  }
}

export type EngineSettings = Pick<Config, "SEEDS_DIR" | "INDEX_DIR">;

export class Engine {
  private current: Library;
  private running?: { since: Date; by: Requester; done: Promise<ReindexReport> };

  private constructor(
    library: Library,
    readonly settings: EngineSettings,
    private readonly log: Logger,
  ) {
    this.current = library;
  }

  /** Load the persisted index, or build it when missing, stale or corrupt (logging why). */
  static async open(settings: EngineSettings, log: Logger): Promise<Engine> {
    const started = Date.now();
    const { library, rebuilt } = await openLibrary(settings.SEEDS_DIR, settings.INDEX_DIR);
    if (rebuilt) log.info({ reason: rebuilt, ms: Date.now() - started }, `index rebuilt: ${rebuilt}`);
    for (const s of library.manifest.skipped) log.warn({ file: s.file, reason: s.reason }, `skipped ${s.file}: ${s.reason}`);
    for (const w of library.manifest.warnings) log.warn(w);
    return new Engine(library, settings, log);
  }

  get library(): Library {
    return this.current;
  }

  answer(question: string, options: Partial<AnswerOptions> = {}): Answer {
    return this.current.answer(question, options);
  }

  sources(): { sources: readonly SourceInfo[]; builtAt: string } {
    return { sources: this.current.sources, builtAt: this.current.manifest.builtAt };
  }

  /** The refresh under way, if any. */
  get refreshing(): { since: Date; by: Requester } | undefined {
    return this.running && { since: this.running.since, by: this.running.by };
  }

  /**
   * Rebuild from the seeds, persist, then swap. One refresh at a time: a second request while
   * one runs gets {@link ReindexBusyError}. On failure the current library keeps serving.
   */
  async reindex(by: Requester = { name: "cli" }): Promise<ReindexReport> {
    if (this.running) throw new ReindexBusyError(this.running.since, this.running.by);
    const done = this.rebuild();
    this.running = { since: new Date(), by, done };
    try {
      const report = await done;
      this.log.info({ audit: "reindex", by, result: "ok", ...summary(report) }, "index refreshed");
      return report;
    } catch (err) {
      this.log.error({ audit: "reindex", by, result: "failed", err }, "index refresh failed; the previous index keeps serving");
      throw err;
    } finally {
      this.running = undefined;
    }
  }

  private async rebuild(): Promise<ReindexReport> {
    const started = Date.now();
    const before = this.current;
    const next = await buildLibrary(this.settings.SEEDS_DIR);
    const report = compareManifests(before.manifest, next.manifest, started);
    if (report.changed) {
      await saveLibrary(this.settings.INDEX_DIR, next);
      this.current = next;
    }
    return report;
  }
}

/** What a new build changes against the previous one (none: everything is new). */
export function compareManifests(before: Manifest | undefined, after: Manifest, startedAt: number): ReindexReport {
  const diff = diffFiles(before?.files ?? {}, after.files);
  const count = (m: Manifest | undefined, key: keyof Manifest["counts"]) => m?.counts[key] ?? 0;
  return {
    changed: diff.added.length + diff.changed.length + diff.removed.length > 0 || before?.optionsHash !== after.optionsHash,
    added: diff.added,
    updated: diff.changed,
    removed: diff.removed,
    skipped: after.skipped,
    warnings: after.warnings,
    documents: { before: count(before, "documents"), after: count(after, "documents") },
    passages: { before: count(before, "passages"), after: count(after, "passages") },
    actors: { before: count(before, "actors"), after: count(after, "actors") },
    ms: Date.now() - startedAt,
  };
}

function summary(r: ReindexReport) {
  return { changed: r.changed, added: r.added, updated: r.updated, removed: r.removed, skipped: r.skipped.length, ms: r.ms };
}

/** The report as plain lines, for the CLI, the console and logs. */
export function formatReindexReport(r: ReindexReport): string[] {
  const lines: string[] = [];
  if (!r.changed) lines.push("Nothing changed: the index already matches the articles.");
  for (const f of r.added) lines.push(`added    ${f}`);
  for (const f of r.updated) lines.push(`changed  ${f}`);
  for (const f of r.removed) lines.push(`removed  ${f}`);
  for (const s of r.skipped) lines.push(`skipped  ${s.file}: ${s.reason}`);
  for (const w of r.warnings) lines.push(`warning  ${w}`);
  lines.push(
    `documents ${r.documents.before} → ${r.documents.after}, passages ${r.passages.before} → ${r.passages.after}, actors ${r.actors.before} → ${r.actors.after}, ${r.ms} ms`,
  );
  return lines;
}
