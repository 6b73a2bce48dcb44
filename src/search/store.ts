/**
 * Persistence of a {@link Library} under the index folder.
 *
 * - `library.json`: everything needed to serve (manifest, sources, passages, actors, the
 *   serialised MiniSearch). It is the commit point: written to a temporary file, fsynced and
 *   renamed over the old one (`write-file-atomic`), so a crash mid-write leaves the previous
 *   index whole.
 * - `manifest.json`: a copy of the manifest for people and tools; never trusted on load.
 *
 * {@link openLibrary} loads the persisted library when it is current, and otherwise rebuilds it
 * from the seeds, saying why. When the seeds folder cannot be read at all, a valid persisted
 * library still serves, with a warning.
 */
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import writeFileAtomic from "write-file-atomic";
import { z } from "zod";
import type { ActorDef } from "../actors/aliases.js";
import { ActorRegistry, type RegistryData } from "../actors/registry.js";
import { SeedsFolderError } from "../corpus/load.js";
import type { Passage } from "../corpus/types.js";
import { FORMAT_VERSION, Library, OPTIONS_HASH, buildLibrary, seedFingerprints, type Manifest, type SourceInfo } from "./library.js";
import { PassageIndex } from "./passage-index.js";
import { ENCODER_ID, SentenceVectors, knownSentences, type KnownSentences } from "./sentence-encoder.js";

export const LIBRARY_FILE = "library.json";
export const MANIFEST_FILE = "manifest.json";

interface Persisted {
  manifest: Manifest;
  sources: SourceInfo[];
  passages: Passage[];
  actorDefs: ActorDef[];
  /** The actor registry (format 2 on). */
  actors: RegistryData;
  search: unknown;
  /** The passages' sentence vectors, base64 of signed bytes (format 3 on; absent when none were made). */
  sentenceVectors?: string;
  /** The encoder that made them ({@link ENCODER_ID}). */
  sentenceEncoder?: string;
}

export async function saveLibrary(indexDir: string, library: Library): Promise<void> {
  await mkdir(indexDir, { recursive: true });
  const persisted: Persisted = {
    manifest: library.manifest,
    sources: [...library.sources],
    passages: [...library.passages],
    actorDefs: [...library.actorDefs],
    actors: library.actors.data,
    search: library.index.toJSON(),
    ...(library.index.sentenceVectors ? { sentenceVectors: library.index.sentenceVectors.toBase64(), sentenceEncoder: ENCODER_ID } : {}),
  };
  await writeFileAtomic(path.join(indexDir, LIBRARY_FILE), JSON.stringify(persisted), { fsync: true });
  await writeFileAtomic(path.join(indexDir, MANIFEST_FILE), `${JSON.stringify(library.manifest, null, 2)}\n`, { fsync: true });
}

/** Load the persisted library; throws a {@link StaleIndexError} with a reason when it is missing or unreadable. */
export async function loadLibrary(indexDir: string): Promise<Library> {
  let raw: string;
  try {
    raw = await readFile(path.join(indexDir, LIBRARY_FILE), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new StaleIndexError("no index yet");
    throw new StaleIndexError(`cannot read ${path.join(indexDir, LIBRARY_FILE)} (${(err as Error).message})`);
  }
  let data: Persisted;
  try {
    data = JSON.parse(raw) as Persisted;
    if (!data.manifest || !Array.isArray(data.passages) || !Array.isArray(data.sources)) throw new Error("missing parts");
    if (data.manifest.formatVersion === FORMAT_VERSION && (!data.actors || !Array.isArray(data.actors.actors) || !Array.isArray(data.actors.sentences)))
      throw new Error("missing actors");
  } catch (err) {
    throw new StaleIndexError(`index is corrupt (${(err as Error).message})`);
  }
  if (data.manifest.formatVersion !== FORMAT_VERSION) throw new StaleIndexError("index format changed");
  if (data.manifest.optionsHash !== OPTIONS_HASH) throw new StaleIndexError("analysis options changed");
  try {
    const vectors = data.sentenceVectors === undefined ? undefined : SentenceVectors.fromBase64(data.sentenceVectors);
    const index = PassageIndex.fromJS(data.passages, data.search, vectors);
    const actorDefs = data.actorDefs ?? [];
    return new Library(data.manifest, data.sources, index, actorDefs, undefined, new ActorRegistry(data.actors));
  } catch (err) {
    throw new StaleIndexError(`index is corrupt (${(err as Error).message})`);
  }
}

/** Why a persisted index cannot serve as it is. */
export class StaleIndexError extends Error {
  override name = "StaleIndexError";
}

/** What differs between the files an index was built from and the seeds folder now; empty when current. */
export async function staleness(manifest: Manifest, seedsDir: string): Promise<string | undefined> {
  const now = await seedFingerprints(seedsDir);
  const diff = diffFiles(manifest.files, now);
  const parts = [
    diff.added.length ? `added ${diff.added.join(", ")}` : "",
    diff.changed.length ? `changed ${diff.changed.join(", ")}` : "",
    diff.removed.length ? `removed ${diff.removed.join(", ")}` : "",
  ].filter(Boolean);
  return parts.length ? `seeds changed (${parts.join("; ")})` : undefined;
}

export interface FileDiff {
  added: string[];
  changed: string[];
  removed: string[];
}

export function diffFiles(before: Record<string, string>, after: Record<string, string>): FileDiff {
  return {
    added: Object.keys(after).filter((f) => !(f in before)).sort(),
    changed: Object.keys(after).filter((f) => f in before && before[f] !== after[f]).sort(),
    removed: Object.keys(before).filter((f) => !(f in after)).sort(),
  };
}

export interface OpenResult {
  library: Library;
  /** Why the index was rebuilt, when it was. */
  rebuilt?: string;
  /** Why the rebuilt index could not be persisted, when it could not (it still serves). */
  unsaved?: string;
  /** Why `rebuild` failed, when the library was then built in this thread instead. */
  fallback?: string;
  /** Why the persisted index serves without being checked against the seeds (the folder cannot be read). */
  warning?: string;
}

export interface OpenOptions {
  /** The clock a rebuild's build time is read from. */
  now?: () => Date;
  /**
   * How to rebuild and persist when the index cannot serve (the engine passes its worker-thread
   * builder, so a long build does not block the process). When it fails, the build runs here.
   */
  rebuild?: () => Promise<Library>;
}

/**
 * The library to serve: the persisted one when current, else a fresh build (then persisted). When
 * the seeds folder cannot be read, a valid persisted library serves as it is, with a warning;
 * without one, the folder's error is thrown.
 */
export async function openLibrary(seedsDir: string, indexDir: string, options: OpenOptions = {}): Promise<OpenResult> {
  let reason: string | undefined;
  // The sentence vectors of a stale library read here, for the rebuild below to reuse.
  let known: KnownSentences | undefined;
  try {
    const library = await loadLibrary(indexDir);
    try {
      reason = await staleness(library.manifest, seedsDir);
    } catch (err) {
      if (!(err instanceof SeedsFolderError)) throw err;
      return { library, warning: `${err.message}: serving the index built at ${library.manifest.builtAt}` };
    }
    if (!reason) return { library };
    if (library.index.sentenceVectors) known = knownSentences(library.passages, library.index.sentenceVectors);
  } catch (err) {
    if (!(err instanceof StaleIndexError)) throw err;
    reason = err.message;
  }
  let fallback: string | undefined;
  if (options.rebuild) {
    try {
      return { library: await options.rebuild(), rebuilt: reason };
    } catch (err) {
      // Built again below, in this thread, where a failure to save does not stop serving.
      fallback = (err as Error).message;
    }
  }
  const library = await buildLibrary(seedsDir, (options.now ?? (() => new Date()))(), { knownSentences: known ?? (await readKnownSentences(indexDir)) });
  const fellBack = fallback ? { fallback } : {};
  try {
    await saveLibrary(indexDir, library);
  } catch (err) {
    // A full disk or a read-only folder costs the next start a rebuild; it must not stop this one.
    return { library, rebuilt: reason, unsaved: (err as Error).message, ...fellBack };
  }
  return { library, rebuilt: reason, ...fellBack };
}

/**
 * The sentence vectors of whatever index is persisted, by sentence text, when the same encoder
 * made them, for a rebuild to reuse (they do not depend on any other option). Empty when there are none.
 */
export async function readKnownSentences(indexDir: string): Promise<KnownSentences> {
  try {
    const data = JSON.parse(await readFile(path.join(indexDir, LIBRARY_FILE), "utf8")) as Partial<Persisted>;
    if (data.sentenceEncoder !== ENCODER_ID || typeof data.sentenceVectors !== "string" || !Array.isArray(data.passages)) return new Map();
    return knownSentences(data.passages, SentenceVectors.fromBase64(data.sentenceVectors));
  } catch {
    // Missing, unreadable or of another shape: everything is encoded anew.
    return new Map();
  }
}

/** What a persisted manifest is known to hold when it is read without being trusted ({@link readPreviousManifest}). */
export type PreviousManifest = Pick<Manifest, "files"> & Partial<Pick<Manifest, "formatVersion" | "optionsHash" | "builtAt" | "counts">>;

const PreviousManifestSchema = z.looseObject({
  files: z.record(z.string(), z.string()),
  formatVersion: z.number().optional(),
  optionsHash: z.string().optional(),
  builtAt: z.string().optional(),
  counts: z.object({ documents: z.number(), passages: z.number(), actors: z.number(), skipped: z.number() }).optional(),
});

/**
 * The manifest of whatever index is persisted, whatever its format or options, for telling what
 * changed since (never for serving): `manifest.json`, else the manifest inside `library.json`.
 * Undefined when neither can be read.
 */
export async function readPreviousManifest(indexDir: string): Promise<PreviousManifest | undefined> {
  for (const [file, pick] of [
    [MANIFEST_FILE, (data: unknown) => data],
    [LIBRARY_FILE, (data: unknown) => (data as { manifest?: unknown } | null)?.manifest],
  ] as const) {
    try {
      const parsed = PreviousManifestSchema.safeParse(pick(JSON.parse(await readFile(path.join(indexDir, file), "utf8"))));
      if (parsed.success) return parsed.data;
    } catch {
      // Missing or not JSON: try the next one.
    }
  }
  return undefined;
}
