import { describe, expect, it } from "vitest";
import type { Passage } from "../../src/corpus/types.js";
import { standardScores } from "../../src/search/answer.js";
import {
  SENTENCE_DIMENSIONS,
  SentenceVectors,
  encodePassages,
  knownSentences,
  loadOnce,
  loadSentenceEncoder,
  normalise,
  passageSentences,
  quantise,
  type SentenceEncoder,
} from "../../src/search/sentence-encoder.js";

/** A unit vector along axis `i` (mixed with axis `j` when given). */
function axis(i: number, j?: number): Float32Array {
  const v = new Float32Array(SENTENCE_DIMENSIONS);
  v[i] = 1;
  if (j !== undefined) v[j] = 1;
  return normalise(v);
}

/** A passage of the given sentences, laid out one after another from `start`. */
function passageOf(id: string, sentences: string[], start = 0): Passage {
  const text = sentences.join(" ");
  let at = start;
  const spans = sentences.map((s) => {
    const span = { start: at, end: at + s.length };
    at += s.length + 1;
    return span;
  });
  return { id, file: "a.txt", paragraph: 1, start, end: start + text.length, text, sentences: spans };
}

/** An encoder that maps each text to an axis by its first letter and counts what it was asked. */
function countingEncoder(): SentenceEncoder & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    embed: async (texts) => {
      asked.push(...texts);
      return texts.map((t) => axis(t.charCodeAt(0) % SENTENCE_DIMENSIONS));
    },
  };
}

describe("sentence vectors", () => {
  it("quantise unit vectors to bytes and keep cosine similarity", () => {
    const vectors = SentenceVectors.fromVectors([axis(0), axis(1), axis(0, 1)]);
    expect(vectors.count).toBe(3);
    const sims = vectors.similarities(axis(0));
    expect(sims[0]).toBeCloseTo(1, 2);
    expect(sims[1]).toBeCloseTo(0, 2);
    expect(sims[2]).toBeCloseTo(Math.SQRT1_2, 2);
    expect([...quantise(new Float32Array([1, -1, 0.5, 2]))]).toEqual([127, -127, 64, 127]);
    expect([...normalise([3, 4])].map((x) => Math.round(x * 10) / 10)).toEqual([0.6, 0.8]);
    expect([...normalise([0, 0])]).toEqual([0, 0]);
  });

  it("round-trip through base64, and refuse a length that is not whole vectors", () => {
    const vectors = SentenceVectors.fromVectors([axis(3), axis(7, 9)]);
    const again = SentenceVectors.fromBase64(vectors.toBase64());
    expect([...again.data]).toEqual([...vectors.data]);
    expect([...again.row(1)]).toEqual([...vectors.row(1)]);
    expect(() => new SentenceVectors(new Int8Array(SENTENCE_DIMENSIONS + 1))).toThrow(/wrong length/);
  });

  it("standard scores centre and scale, and are all zero when the values hardly differ", () => {
    const z = standardScores(new Float32Array([1, 2, 3]));
    expect([...z].map((x) => Math.round(x * 100) / 100)).toEqual([-1.22, 0, 1.22]);
    expect([...standardScores(new Float32Array([0.5, 0.5, 0.5]))]).toEqual([0, 0, 0]);
    expect(standardScores(new Float32Array([])).length).toBe(0);
  });
});

describe("encoding passages", () => {
  const passages = [passageOf("p1", ["Alpha one.", "Beta two."]), passageOf("p2", ["Gamma three."], 100)];

  it("encodes every sentence of every passage, in order", async () => {
    const encoder = countingEncoder();
    expect(passageSentences(passages)).toEqual(["Alpha one.", "Beta two.", "Gamma three."]);
    const vectors = await encodePassages(encoder, passages);
    expect(vectors.count).toBe(3);
    expect(encoder.asked).toEqual(["Alpha one.", "Beta two.", "Gamma three."]);
    expect(vectors.similarities(axis("B".charCodeAt(0)))[1]).toBeCloseTo(1, 2);
  });

  it("reuses the vectors of sentences an earlier build encoded, and encodes only the new ones", async () => {
    const first = await encodePassages(countingEncoder(), passages);
    const known = knownSentences(passages, first);
    expect([...known.keys()]).toEqual(["Alpha one.", "Beta two.", "Gamma three."]);
    const changed = [passages[0]!, passageOf("p3", ["Delta four."], 200)];
    const encoder = countingEncoder();
    const second = await encodePassages(encoder, changed, known);
    expect(encoder.asked).toEqual(["Delta four."]);
    expect([...second.row(0)]).toEqual([...first.row(0)]);
    expect([...second.row(2)]).toEqual([...quantise(axis("D".charCodeAt(0)))]);
  });

  it("reuses nothing from vectors that do not match the passages", () => {
    const stray = SentenceVectors.fromVectors([axis(1)]);
    expect(knownSentences(passages, stray).size).toBe(0);
  });
});

describe("the Universal Sentence Encoder", () => {
  it("loads once, and after a failure tries again only once the retry time has passed", async () => {
    let clock = 0;
    let calls = 0;
    let fail = true;
    const load = loadOnce(async () => {
      calls++;
      if (fail) throw new Error("no weights");
      return calls;
    }, 1000, () => clock);
    await expect(load()).rejects.toThrow("no weights");
    clock = 999;
    await expect(load()).rejects.toThrow("no weights");
    expect(calls).toBe(1);
    clock = 1000;
    fail = false;
    await expect(load()).resolves.toBe(2);
    clock = 10_000;
    await expect(load()).resolves.toBe(2);
    expect(calls).toBe(2);
  });

  it("puts a paraphrase closer to a question than an unrelated sentence", async () => {
    const encoder = await loadSentenceEncoder();
    const [question, paraphrase, unrelated, blank] = await encoder.embed([
      "How much help did the government get?",
      "The ministry received twenty years of financial and military assistance.",
      "The recipe calls for two cups of flour and a pinch of salt.",
      "   ",
    ]);
    const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);
    expect(question!.length).toBe(SENTENCE_DIMENSIONS);
    expect(cos(question!, question!)).toBeCloseTo(1, 3);
    expect(cos(question!, paraphrase!)).toBeGreaterThan(cos(question!, unrelated!) + 0.1);
    expect(blank!.length).toBe(SENTENCE_DIMENSIONS);
  });
});
