/**
 * Building and persisting a new {@link Library} for a refresh. Building takes seconds for a large
 * corpus, so the engine runs it in a `worker_threads` worker ({@link workerBuilder}): the worker
 * builds the library from the seeds folder and persists it with `saveLibrary`; the main thread,
 * whose event loop stays free meanwhile (gateway heartbeats, interactions), then loads the
 * persisted library and swaps it in. A library cannot cross threads (it is a graph of class
 * instances), which is why the index folder is the hand-over point.
 *
 * A builder is a function, so tests can slow a build down or make it fail deterministically.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { threadId, Worker } from "node:worker_threads";
import type { Logger } from "../log.js";
import { FORMAT_VERSION, OPTIONS_HASH, buildLibrary, seedFingerprints, type Library, type Manifest } from "./library.js";
import { readKnownSentences, saveLibrary } from "./store.js";

export interface BuildJob {
  seedsDir: string;
  indexDir: string;
  /**
   * What the serving library was built from. The new build is persisted only when it differs
   * ({@link libraryChanged}); without it the build is always persisted.
   */
  previous?: BuildIdentity;
}

/** What tells two builds apart: the files read, and the options and format that shape an index. */
export type BuildIdentity = Pick<Manifest, "files" | "optionsHash"> & Partial<Pick<Manifest, "formatVersion">>;

export interface BuildOutcome {
  manifest: Manifest;
  /** True when the new library was written to the index folder. */
  persisted: boolean;
  /** The `worker_threads` thread id that built it (the main thread's is 0). */
  threadId: number;
  /** The library itself when it was built in this thread, which spares loading it back. */
  library?: Library;
}

/** Builds a library from `job.seedsDir` and persists it under `job.indexDir` when it changed. */
export type LibraryBuilder = (job: BuildJob) => Promise<BuildOutcome>;

export type BuildStage = "build" | "save" | "load" | "worker";

/**
 * A refresh that failed, with the stage it failed at. The message is one line, fit to show a
 * moderator; `cause` is the error itself, with its whole message and stack, for the log.
 */
export class BuildError extends Error {
  override name = "BuildError";
  constructor(
    readonly stage: BuildStage,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

const STAGE_PREFIX: Record<BuildStage, string> = {
  build: "building the index failed",
  save: "saving the index failed",
  load: "loading the new index failed",
  worker: "the build worker failed",
};

/** Wrap an error from a stage of the refresh in a {@link BuildError} whose message says what failed. */
export function buildError(stage: BuildStage, err: unknown): BuildError {
  if (err instanceof BuildError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new BuildError(stage, `${STAGE_PREFIX[stage]}: ${message.split("\n")[0]}`, { cause: err });
}

/** Whether a build differs from the one before it (files read, or the options and format that shape an index). */
export function libraryChanged(before: BuildIdentity | undefined, after: BuildIdentity): boolean {
  if (!before) return true;
  if (before.optionsHash !== after.optionsHash) return true;
  if ((before.formatVersion ?? FORMAT_VERSION) !== (after.formatVersion ?? FORMAT_VERSION)) return true;
  const a = Object.keys(before.files);
  const b = Object.keys(after.files);
  return a.length !== b.length || b.some((f) => before.files[f] !== after.files[f]);
}

/**
 * Whether the seeds folder still holds exactly the files `previous` was built from (hashing them
 * is cheap next to a build, so a refresh with nothing to do costs no build). Throws when the
 * folder cannot be read.
 */
export async function seedsUnchanged(seedsDir: string, previous: BuildIdentity): Promise<boolean> {
  return !libraryChanged(previous, { files: await seedFingerprints(seedsDir), optionsHash: OPTIONS_HASH, formatVersion: FORMAT_VERSION });
}

/** Build and persist in the calling thread. */
export async function buildAndPersist(job: BuildJob): Promise<BuildOutcome> {
  let library: Library;
  try {
    library = await buildLibrary(job.seedsDir, new Date(), { knownSentences: await readKnownSentences(job.indexDir) });
  } catch (err) {
    throw buildError("build", err);
  }
  const persisted = libraryChanged(job.previous, library.manifest);
  if (persisted) {
    try {
      await saveLibrary(job.indexDir, library);
    } catch (err) {
      throw buildError("save", err);
    }
  }
  return { manifest: library.manifest, persisted, threadId, library };
}

/** The in-thread builder: for the command line, and the fallback when no worker can start. */
export const inThreadBuilder: LibraryBuilder = buildAndPersist;

/** An error as it crosses threads: what the log needs of it. */
export interface PostedError {
  name: string;
  message: string;
  stack?: string;
}

/** What the worker posts back (see `build-worker.ts`). */
export type WorkerMessage =
  | { type: "started"; threadId: number }
  | { type: "done"; outcome: Omit<BuildOutcome, "library"> }
  | { type: "failed"; stage: BuildStage; message: string; cause?: PostedError };

/** The error to post for a failure: its cause when it has one (the error that was thrown), else itself. */
export function postedError(err: BuildError): PostedError {
  const cause = err.cause instanceof Error ? err.cause : err;
  return { name: cause.name, message: cause.message, ...(cause.stack ? { stack: cause.stack } : {}) };
}

/** A {@link BuildError} from a worker's failure message, with the worker's error (and stack) as its cause. */
function failureFrom(msg: Extract<WorkerMessage, { type: "failed" }>): BuildError {
  const cause = msg.cause && Object.assign(new Error(msg.cause.message), { name: msg.cause.name, stack: msg.cause.stack });
  return new BuildError(msg.stage, msg.message, cause ? { cause } : undefined);
}

export interface WorkerBuilderOptions {
  /** For the fallback's log line. */
  log?: Logger;
  /** The worker's entry module; tests point it elsewhere to exercise the fallback. */
  entry?: URL;
}

export const WORKER_BUILDER_DEFAULTS: Required<Pick<WorkerBuilderOptions, "entry">> = {
  /** `build-worker.ts` beside this module (`.js` should the project ever be compiled). */
  entry: new URL(`./build-worker${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url),
};

/**
 * The worker builder: each build runs in a fresh worker thread. When a worker cannot start (its
 * module fails to load, threads are unavailable), the build runs in this thread instead, with a
 * warning in the log. A build that fails inside the worker rejects with a {@link BuildError}.
 */
export function workerBuilder(options: WorkerBuilderOptions = {}): LibraryBuilder {
  const entry = options.entry ?? WORKER_BUILDER_DEFAULTS.entry;
  return async (job) => {
    try {
      return await runInWorker(entry, job);
    } catch (err) {
      if (!(err instanceof WorkerStartError)) throw err;
      options.log?.warn({ err: err.message }, `could not start a build worker (${err.message}); building on the main thread`);
      return inThreadBuilder(job);
    }
  };
}

class WorkerStartError extends Error {}

function runInWorker(entry: URL, job: BuildJob): Promise<BuildOutcome> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = startWorker(entry, job);
    } catch (err) {
      reject(new WorkerStartError((err as Error).message));
      return;
    }
    let started = false;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on("message", (msg: WorkerMessage) => {
      if (msg.type === "started") started = true;
      else if (msg.type === "done") settle(() => resolve(msg.outcome));
      else if (msg.type === "failed") settle(() => reject(failureFrom(msg)));
    });
    worker.on("error", (err) => {
      settle(() => reject(started ? buildError("worker", err) : new WorkerStartError(err.message)));
    });
    worker.on("exit", (code) => {
      const why = `it stopped with exit code ${code} before finishing`;
      settle(() => reject(started ? new BuildError("worker", `${STAGE_PREFIX.worker}: ${why}`) : new WorkerStartError(why)));
    });
  });
}

/**
 * Start the worker. The project runs TypeScript through tsx, whose loader a worker does not
 * inherit on Node 20 (`--import tsx` in `execArgv` is not applied to a worker's entry), so a `.ts`
 * entry is started by a small bootstrap that registers tsx in the worker first.
 */
function startWorker(entry: URL, job: BuildJob): Worker {
  const workerData = { job };
  if (!entry.pathname.endsWith(".ts")) return new Worker(entry, { workerData });
  const tsx = import.meta.resolve("tsx/esm/api");
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}
