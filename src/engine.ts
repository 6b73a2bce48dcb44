/**
 * The engine: what every front end (CLI, console, Discord, tests, benchmarks) talks to. It knows
 * nothing of Discord. It serves answers from one immutable {@link Library} at a time; a refresh
 * builds a new library beside it and swaps it in whole, so questions asked meanwhile are
 * answered from the previous one, and a failed refresh leaves it serving.
 *
 * A refresh: a worker thread builds the new library from the seeds folder and persists it under
 * the index folder (`search/builder.ts`); this thread then loads the persisted library and swaps
 * it in. So the new library serves only once it is complete and on disk, and the event loop is
 * not blocked by the build. Several processes (shards) serving the same index folder pick up a
 * refresh done by one of them with {@link Engine.reloadIfNewer} (or {@link Engine.watchIndex}).
 */
import { watch, type FSWatcher } from "node:fs";
import { readdir, stat, unlink } from "node:fs/promises";
import path from "node:path";
import type { Config } from "./config.js";
import type { Logger } from "./log.js";
import type { Answer, AnswerOptions } from "./search/answer.js";
import { buildError, libraryChanged, seedsUnchanged, workerBuilder, type BuildOutcome, type LibraryBuilder } from "./search/builder.js";
import type { Library, Manifest, SourceInfo } from "./search/library.js";
import { LIBRARY_FILE, MANIFEST_FILE, StaleIndexError, diffFiles, loadLibrary, openLibrary, type PreviousManifest } from "./search/store.js";
import { CURATED_ACTORS_FILE } from "./actors/curated.js";
import { isArticleFile, type SkippedFile } from "./corpus/load.js";
import { metaFileName } from "./corpus/meta.js";
import { loadSentenceEncoder } from "./search/sentence-encoder.js";
import { loadWordVectors } from "./search/word-vectors.js";
import { acquireRefreshLock, refreshLockFree } from "./search/refresh-lock.js";
import type { ActorListing, ActorSuggestion, ActorSummary, SummaryRequest, UnknownActor } from "./actors/registry.js";

export { BuildError, type BuildStage } from "./search/builder.js";

export interface ReindexReport {
  /** False when the seeds had not changed: nothing was swapped. */
  changed: boolean;
  /**
   * Article files added, changed and removed. An article counts as changed when its text or its
   * metadata (`NAME.meta.json` added, changed or removed) did; metadata files are never listed
   * themselves.
   */
  added: string[];
  updated: string[];
  removed: string[];
  /** The articles of `updated` whose metadata alone changed (their text did not). */
  metadataOnly?: string[];
  /** How the curated actors file (`actors.json`) changed, when it did. */
  curatedActors?: "added" | "changed" | "removed";
  /** Why every article was indexed anew, when the previous index could not serve as it was ("analysis options changed: full rebuild"). */
  fullRebuild?: string;
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

export interface ReindexOptions {
  /**
   * What to do when a refresh is already running: `"reject"` throws {@link ReindexBusyError};
   * `"wait"` waits for it to finish and then refreshes again (for a change made meanwhile, such
   * as an article just added). Concurrent waiters share that one follow-up refresh.
   */
  whenBusy?: "reject" | "wait";
}

export interface EngineOptions {
  /** How a refresh builds and persists the new library. Default: in a worker thread. */
  builder?: LibraryBuilder;
  /**
   * Where a rebuild at start-up runs: in this thread (the command line, which waits for it anyway)
   * or with the refresh builder (the bot, which logs in and answers meanwhile). Default: "in-thread".
   */
  startupBuild?: "in-thread" | "builder";
}

/** What {@link Engine.reloadIfNewer} did. */
export interface ReloadResult {
  reloaded: boolean;
  /** When the library now serving was built. */
  builtAt: string;
  /** Why nothing was reloaded, when that was not simply "nothing new". */
  reason?: string;
}

/** Why the serving library changed: a refresh here, or a reload of what another process persisted. */
export type SwapCause = "refresh" | "reload";
export type SwapListener = (library: Library, cause: SwapCause) => void;

export type EngineSettings = Pick<Config, "SEEDS_DIR" | "INDEX_DIR">;

/** Leftover temporary files of an interrupted atomic write older than this are removed at open. */
const STALE_TEMP_FILE_MS = 10 * 60 * 1000;
/** Index-folder events closer together than this make one reload ({@link Engine.watchIndex}). */
const WATCH_DEBOUNCE_MS = 250;

export class Engine {
  private current: Library;
  private running?: { since: Date; by: Requester; done: Promise<ReindexReport> };
  private followUp?: Promise<ReindexReport>;
  private reloading?: Promise<ReloadResult>;
  /** Identity (inode, size, mtime) of the persisted library file last loaded or known to be served. */
  private persistedStamp: string;
  private readonly builder: LibraryBuilder;
  private readonly listeners = new Set<SwapListener>();
  private watcher?: { close(): void };

  private constructor(
    library: Library,
    readonly settings: EngineSettings,
    private readonly log: Logger,
    builder: LibraryBuilder,
    stamp: string,
  ) {
    this.current = library;
    this.builder = builder;
    this.persistedStamp = stamp;
  }

  /** Load the persisted index, or build it when missing, stale or corrupt (logging why). */
  static async open(settings: EngineSettings, log: Logger, options: EngineOptions = {}): Promise<Engine> {
    const started = Date.now();
    await removeStaleTempFiles(settings.INDEX_DIR, log);
    // Taken before loading: should another process persist meanwhile, the next reloadIfNewer looks again.
    const stamp = await persistedStamp(settings.INDEX_DIR);
    // A start-up rebuild runs where refreshes do (a worker thread), so a bot logging in meanwhile stays responsive.
    const builder = options.builder ?? workerBuilder({ log });
    const rebuild = async () => {
      const outcome = await builder({ seedsDir: settings.SEEDS_DIR, indexDir: settings.INDEX_DIR });
      return outcome.library ?? (await loadLibrary(settings.INDEX_DIR));
    };
    const { library, rebuilt, unsaved, warning, fallback } = await openLibrary(settings.SEEDS_DIR, settings.INDEX_DIR, options.startupBuild === "builder" ? { rebuild } : {});
    if (rebuilt) log.info({ reason: rebuilt, ms: Date.now() - started }, `index rebuilt: ${rebuilt}`);
    if (fallback) log.warn({ reason: fallback }, `the start-up build failed with the refresh builder (${fallback}); built in this thread`);
    if (unsaved) log.warn({ reason: unsaved }, `the rebuilt index serves but could not be saved: ${unsaved}`);
    if (warning) log.warn({ reason: warning }, warning);
    // Word vectors are read (or, the first time on a machine, cached) now, not on the first question.
    await loadWordVectors(undefined, (ms) => log.info({ ms }, "word vectors cached for later starts"));
    // So is the sentence encoder, which questions need when the index holds sentence vectors.
    if (library.index.sentenceVectors) {
      await loadSentenceEncoder().catch((err: Error) => log.warn({ err }, `the sentence encoder cannot load (${err.message}): answers match words only`));
    }
    for (const s of library.manifest.skipped) log.warn({ file: s.file, reason: s.reason }, `skipped ${s.file}: ${s.reason}`);
    for (const w of library.manifest.warnings) log.warn(w);
    return new Engine(library, settings, log, builder, stamp);
  }

  get library(): Library {
    return this.current;
  }

  answer(question: string, options: Partial<AnswerOptions> = {}): Promise<Answer> {
    return this.current.answer(question, options);
  }

  sources(): { sources: readonly SourceInfo[]; builtAt: string } {
    return { sources: this.current.sources, builtAt: this.current.manifest.builtAt };
  }

  /** Every actor the articles mention, most mentioned first (plain data). */
  actors(): ActorListing[] {
    return this.current.actors.list();
  }

  /**
   * One actor's summary, by name, alias or id ("Kabulov", "Moscow", "the Taliban"); or, when the
   * name stands for no actor, `{ unknown, suggestions }` with the closest names. `page` pages
   * further quotes (from 0).
   */
  actor(nameOrAlias: string, options: Pick<SummaryRequest, "page" | "pageSize" | "related"> = {}): ActorSummary | UnknownActor {
    return this.current.actors.lookup(nameOrAlias, { ...options, sources: this.current.sourceMap });
  }

  /** Actors for a partly typed name, for autocomplete: prefix, then words, aliases, close spellings. From memory. */
  suggestActors(prefix: string, limit = 25): ActorSuggestion[] {
    return this.current.actors.suggest(prefix, limit);
  }

  /** The refresh under way, if any. */
  get refreshing(): { since: Date; by: Requester } | undefined {
    return this.running && { since: this.running.since, by: this.running.by };
  }

  /**
   * Rebuild from the seeds (in a worker thread), persist, then swap. One refresh at a time: a
   * second request while one runs gets {@link ReindexBusyError} (or waits, see
   * {@link ReindexOptions}). Questions asked meanwhile are answered from the current library; on
   * failure it keeps serving and the promise rejects with a {@link BuildError} saying what failed.
   * Every request leaves an audit log line (who, where, result).
   */
  async reindex(by: Requester = { name: "cli" }, options: ReindexOptions = {}): Promise<ReindexReport> {
    if (this.running) {
      if (options.whenBusy === "wait") return this.refreshAfterRunning(by);
      const { since, by: runningBy } = this.running;
      this.log.info({ audit: "reindex", by, result: "busy", running: { since, by: runningBy } }, "refresh refused: one is already running");
      throw new ReindexBusyError(since, runningBy);
    }
    const since = new Date();
    const built: { thread?: number } = {};
    const done = this.refreshLocked(since, by, built);
    this.running = { since, by, done };
    try {
      const report = await done;
      this.log.info({ audit: "reindex", by, result: "ok", ...reindexSummary(report), ...built }, report.changed ? "index refreshed" : "index refresh: nothing changed");
      if (report.changed && report.documents.after === 0)
        this.log.warn({ seeds: this.settings.SEEDS_DIR, skipped: report.skipped.length }, "the refreshed index holds no article: questions will find nothing");
      return report;
    } catch (err) {
      if (err instanceof ReindexBusyError) {
        // Another process (a shard) serving this index is refreshing it.
        this.log.info({ audit: "reindex", by, result: "busy", running: { since: err.since, by: err.by } }, "refresh refused: one is already running in another process");
        if (options.whenBusy !== "wait") throw err;
        this.running = undefined;
        await this.untilLockFree();
        return this.reindex(by, options);
      }
      // The error itself (its cause's stack, for a bug in the build) goes to the log; the message stays one line.
      this.log.error({ audit: "reindex", by, result: "failed", err }, `index refresh failed; the previous index keeps serving: ${(err as Error).message}`);
      throw err;
    } finally {
      this.running = undefined;
    }
  }

  /** A refresh holding the index folder's lock, so shards sharing the folder refresh one at a time. */
  private async refreshLocked(since: Date, by: Requester, built: { thread?: number }): Promise<ReindexReport> {
    // An index folder that cannot take the lock cannot take the new index either: say so as a failed save.
    const lock = await acquireRefreshLock(this.settings.INDEX_DIR, { pid: process.pid, since: since.toISOString(), by }).catch((err: unknown) => {
      throw buildError("save", err);
    });
    if ("heldBy" in lock) throw new ReindexBusyError(new Date(lock.heldBy.since), lock.heldBy.by);
    try {
      return await this.refresh(since.getTime(), built);
    } finally {
      await lock.release();
    }
  }

  private async untilLockFree(): Promise<void> {
    while (!(await refreshLockFree(this.settings.INDEX_DIR))) await new Promise((r) => setTimeout(r, 250));
  }

  private refreshAfterRunning(by: Requester): Promise<ReindexReport> {
    this.followUp ??= (async () => {
      while (this.running) await this.running.done.catch(() => undefined);
      this.followUp = undefined;
      return this.reindex(by, { whenBusy: "wait" });
    })();
    return this.followUp;
  }

  /** Build, persist and swap; `built.thread` is set to the thread that built (for the audit line). */
  private async refresh(startedAt: number, built: { thread?: number }): Promise<ReindexReport> {
    const before = this.current;
    let unchanged: boolean;
    try {
      unchanged = await seedsUnchanged(this.settings.SEEDS_DIR, before.manifest);
    } catch (err) {
      throw buildError("build", err);
    }
    if (unchanged) return compareManifests(before.manifest, before.manifest, startedAt);
    let outcome: BuildOutcome;
    try {
      outcome = await this.builder({ seedsDir: this.settings.SEEDS_DIR, indexDir: this.settings.INDEX_DIR, previous: before.manifest });
    } catch (err) {
      throw buildError("build", err);
    }
    built.thread = outcome.threadId;
    if (outcome.persisted) {
      let next = outcome.library;
      if (!next) {
        try {
          next = await this.loadPersisted();
        } catch (err) {
          throw buildError("load", err);
        }
      }
      if (next.manifest.builtAt !== outcome.manifest.builtAt)
        this.log.info({ built: outcome.manifest.builtAt, persisted: next.manifest.builtAt }, "another process persisted a newer index meanwhile; serving that one");
      this.swap(next, "refresh");
    }
    return compareManifests(before.manifest, outcome.manifest, startedAt);
  }

  /**
   * Serve the persisted index when it is not the library serving here: how a refresh done by one
   * process (shard) reaches the others. Cheap when nothing changed (one `stat`); otherwise the
   * persisted library is loaded and swapped in when its manifest (build time, files) differs. A
   * missing or unreadable persisted index leaves the current library serving. Does nothing while
   * a refresh runs here (that refresh swaps in what it persisted).
   */
  reloadIfNewer(): Promise<ReloadResult> {
    this.reloading ??= this.reload().finally(() => {
      this.reloading = undefined;
    });
    return this.reloading;
  }

  private async reload(): Promise<ReloadResult> {
    const serving = this.current;
    const unchanged = (reason?: string): ReloadResult => ({ reloaded: false, builtAt: this.current.manifest.builtAt, ...(reason ? { reason } : {}) });
    if (this.running) return unchanged("a refresh is running in this process");
    const stamp = await persistedStamp(this.settings.INDEX_DIR);
    if (stamp === this.persistedStamp) return unchanged();
    let loaded: Library;
    try {
      loaded = await loadLibrary(this.settings.INDEX_DIR);
    } catch (err) {
      if (!(err instanceof StaleIndexError)) throw err;
      this.log.warn({ reason: err.message }, `persisted index not reloaded (${err.message}); the current one keeps serving`);
      return unchanged(err.message);
    }
    // A refresh here swapped meanwhile: it served what is at least as new as what was loaded.
    if (this.current !== serving || this.running) return unchanged("superseded by a refresh in this process");
    this.persistedStamp = stamp;
    if (sameBuild(loaded.manifest, serving.manifest)) return unchanged();
    this.swap(loaded, "reload");
    this.log.info(
      { builtAt: loaded.manifest.builtAt, previous: serving.manifest.builtAt, ...countsOf(loaded.manifest) },
      "index reloaded: another process refreshed it",
    );
    return { reloaded: true, builtAt: loaded.manifest.builtAt };
  }

  /**
   * Watch the index folder and {@link reloadIfNewer} when the persisted library changes; an
   * alternative to being told by the process that refreshed. Returns a function that stops watching.
   */
  watchIndex(): () => void {
    this.watcher?.close();
    let timer: NodeJS.Timeout | undefined;
    let fsWatcher: FSWatcher;
    try {
      fsWatcher = watch(this.settings.INDEX_DIR, (_event, file) => {
        if (file && file !== LIBRARY_FILE) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          this.reloadIfNewer().catch((err: Error) => this.log.warn({ err }, `index reload failed: ${err.message}`));
        }, WATCH_DEBOUNCE_MS);
      });
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, `cannot watch ${this.settings.INDEX_DIR}; other processes' refreshes are seen only when told`);
      return () => {};
    }
    fsWatcher.on("error", (err) => this.log.warn({ err: err.message }, "index folder watch stopped"));
    const stop = () => {
      clearTimeout(timer);
      fsWatcher.close();
      if (this.watcher === handle) this.watcher = undefined;
    };
    const handle = { close: stop };
    this.watcher = handle;
    return stop;
  }

  /** Be told whenever another library starts serving. Returns a function that unsubscribes. */
  onSwap(listener: SwapListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stop watching the index folder (a refresh under way still completes). */
  close(): void {
    this.watcher?.close();
  }

  private async loadPersisted(): Promise<Library> {
    // The stamp is taken before reading: if the file is replaced meanwhile, the next reload looks again.
    const stamp = await persistedStamp(this.settings.INDEX_DIR);
    const library = await loadLibrary(this.settings.INDEX_DIR);
    this.persistedStamp = stamp;
    return library;
  }

  private swap(next: Library, cause: SwapCause): void {
    this.current = next;
    for (const listener of this.listeners) {
      try {
        listener(next, cause);
      } catch (err) {
        this.log.warn({ err: (err as Error).message }, "a swap listener failed");
      }
    }
  }
}

/** Same build: same build time and the same files. */
function sameBuild(a: Manifest, b: Manifest): boolean {
  return a.builtAt === b.builtAt && !libraryChanged(a, b);
}

function countsOf(m: Manifest) {
  return { documents: m.counts.documents, passages: m.counts.passages, actors: m.counts.actors };
}

/** The persisted library file's identity: an atomic write (rename) always changes it. */
async function persistedStamp(indexDir: string): Promise<string> {
  try {
    const s = await stat(path.join(indexDir, LIBRARY_FILE));
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return "none";
  }
}

/** Remove the temporary files a process killed mid-write leaves behind (old enough not to be another writer's). */
async function removeStaleTempFiles(indexDir: string, log: Logger): Promise<void> {
  // write-file-atomic writes to `NAME.<number>` beside NAME, then renames it over NAME.
  const isTemp = (n: string) => [LIBRARY_FILE, MANIFEST_FILE].some((f) => n.startsWith(`${f}.`) && /^\d+$/.test(n.slice(f.length + 1)));
  let names: string[];
  try {
    names = (await readdir(indexDir)).filter(isTemp);
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(indexDir, name);
    try {
      if (Date.now() - (await stat(file)).mtimeMs < STALE_TEMP_FILE_MS) continue;
      await unlink(file);
      log.info({ file }, `removed ${name}, left by an interrupted index write`);
    } catch {
      // Gone already, or not ours to remove: harmless either way.
    }
  }
}

export interface CompareOptions {
  /** Why the previous index could not serve as it was: every article was indexed anew. */
  fullRebuild?: string;
}

/**
 * What a new build changes against the previous one (none: everything is new). `before` may be a
 * manifest read without being trusted (another format or options), for the report only.
 */
export function compareManifests(before: PreviousManifest | undefined, after: Manifest, startedAt: number, options: CompareOptions = {}): ReindexReport {
  const count = (m: PreviousManifest | undefined, key: keyof Manifest["counts"]) => m?.counts?.[key] ?? 0;
  const fullRebuild =
    options.fullRebuild ??
    (!before
      ? undefined
      : (before.formatVersion ?? after.formatVersion) !== after.formatVersion
        ? "index format changed: full rebuild"
        : before.optionsHash !== after.optionsHash
          ? "analysis options changed: full rebuild"
          : undefined);
  const identity = before?.optionsHash === undefined ? undefined : { ...before, optionsHash: before.optionsHash };
  return {
    changed: fullRebuild !== undefined || libraryChanged(identity, after),
    ...fileChanges(before?.files ?? {}, after.files),
    ...(fullRebuild ? { fullRebuild } : {}),
    skipped: after.skipped,
    warnings: after.warnings,
    documents: { before: count(before, "documents"), after: count(after, "documents") },
    passages: { before: count(before, "passages"), after: count(after, "passages") },
    actors: { before: count(before, "actors"), after: count(after, "actors") },
    ms: Date.now() - startedAt,
  };
}

/** The articles added, changed and removed between two sets of fingerprints, metadata counted under its article. */
function fileChanges(before: Record<string, string>, after: Record<string, string>): Pick<ReindexReport, "added" | "updated" | "removed" | "metadataOnly" | "curatedActors"> {
  const diff = diffFiles(before, after);
  const added = diff.added.filter(isArticleFile);
  const removed = diff.removed.filter(isArticleFile);
  const updated = new Set(diff.changed.filter(isArticleFile));
  const articles = [...new Set([...Object.keys(before), ...Object.keys(after)].filter(isArticleFile))];
  const metadataOnly: string[] = [];
  for (const meta of [...diff.added, ...diff.changed, ...diff.removed]) {
    if (isArticleFile(meta) || meta === CURATED_ACTORS_FILE) continue;
    for (const article of articles.filter((a) => metaFileName(a) === meta)) {
      // An article added or removed with its metadata is one line.
      if (added.includes(article) || removed.includes(article) || updated.has(article)) continue;
      updated.add(article);
      metadataOnly.push(article);
    }
  }
  const curatedActors = diff.added.includes(CURATED_ACTORS_FILE)
    ? "added"
    : diff.changed.includes(CURATED_ACTORS_FILE)
      ? "changed"
      : diff.removed.includes(CURATED_ACTORS_FILE)
        ? "removed"
        : undefined;
  return { added, updated: [...updated].sort(), removed, metadataOnly: metadataOnly.sort(), ...(curatedActors ? { curatedActors } : {}) };
}

/** A report as log fields (the audit line of a refresh, and of `npm run index`). */
export function reindexSummary(r: ReindexReport) {
  return {
    changed: r.changed,
    added: r.added,
    updated: r.updated,
    removed: r.removed,
    ...(r.metadataOnly?.length ? { metadataOnly: r.metadataOnly } : {}),
    ...(r.curatedActors ? { curatedActors: r.curatedActors } : {}),
    ...(r.fullRebuild ? { fullRebuild: r.fullRebuild } : {}),
    skipped: r.skipped.length,
    ms: r.ms,
  };
}

/** The report as plain lines, for the CLI, the console and logs. */
export function formatReindexReport(r: ReindexReport): string[] {
  const lines: string[] = [];
  if (!r.changed) lines.push("Nothing changed: the index already matches the articles.");
  if (r.fullRebuild) lines.push(r.fullRebuild);
  const metadataOnly = new Set(r.metadataOnly ?? []);
  for (const f of r.added) lines.push(`added    ${f}`);
  for (const f of r.updated) lines.push(`changed  ${f}${metadataOnly.has(f) ? " (metadata)" : ""}`);
  for (const f of r.removed) lines.push(`removed  ${f}`);
  if (r.curatedActors) lines.push(`${r.curatedActors.padEnd(8)} ${CURATED_ACTORS_FILE} (curated actors)`);
  for (const s of r.skipped) lines.push(`skipped  ${s.file}: ${s.reason}`);
  for (const w of r.warnings) lines.push(`warning  ${w}`);
  lines.push(
    `documents ${r.documents.before} → ${r.documents.after}, passages ${r.passages.before} → ${r.passages.after}, actors ${r.actors.before} → ${r.actors.after}, ${r.ms} ms`,
  );
  return lines;
}
