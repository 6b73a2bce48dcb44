/**
 * `npm run bench [-- --articles N --questions N]`: how fast Parley builds, loads and answers, and
 * how much memory it holds, on the seeds folder and on a synthetic corpus N times its size.
 * Numbers, not pass/fail: speed goals live here, not in unit tests.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { buildLibrary, type Library } from "../search/library.js";
import { loadSentenceEncoder, passageSentences } from "../search/sentence-encoder.js";
import { loadLibrary, saveLibrary } from "../search/store.js";
import { loadWordVectors } from "../search/word-vectors.js";
import { UsageError, parseCliArgs, runCli } from "./run.js";

const QUESTIONS = [
  "Who is Zamir Kabulov?",
  "What does the Kremlin fear in Central Asia?",
  "How long has it been since the US-Taliban agreement?",
  "Does Kabul trust Washington?",
  "russian coronavirus vacines",
  "What is the population of Brazil?",
  "Why are the Americans staying longer than planned?",
  "Recommend a good laptop for gaming",
];

runCli(
  async ({ config }) => {
    const { values } = parseCliArgs({ articles: { type: "string", default: "50" }, questions: { type: "string", default: "200" } });
    const copies = Number(values.articles);
    const asks = Number(values.questions);
    if (!Number.isInteger(copies) || copies < 1 || copies > 5000) throw new UsageError("--articles must be a whole number from 1 to 5000");
    if (!Number.isInteger(asks) || asks < 1 || asks > 100_000) throw new UsageError("--questions must be a whole number from 1 to 100000");

    const vectorsStart = performance.now();
    await loadWordVectors();
    row("word vectors ready (cache, or first build)", performance.now() - vectorsStart);

    await measure(`seeds (${config.SEEDS_DIR})`, config.SEEDS_DIR, asks);
    // The seeds' sentences, for the encoder row and the synthetic corpus (no vectors needed here).
    const sentences = passageSentences((await buildLibrary(config.SEEDS_DIR, new Date(), { sentenceEncoder: null })).passages);
    await encoding(sentences);
    const big = await syntheticCorpus(sentences, copies);
    try {
      await measure(`synthetic: ${copies} articles of the seeds' sentences, shuffled`, big, asks);
    } finally {
      await rm(big, { recursive: true, force: true });
    }
  },
  { quiet: true },
);

async function measure(label: string, seedsDir: string, asks: number): Promise<void> {
  process.stdout.write(`\n${label}\n`);
  const heapBefore = process.memoryUsage().heapUsed;
  let t = performance.now();
  const library = await buildLibrary(seedsDir);
  row(`build: ${library.manifest.counts.documents} documents, ${library.manifest.counts.passages} passages`, performance.now() - t);
  const indexDir = await mkdtemp(path.join(tmpdir(), "parley-bench-index-"));
  try {
    t = performance.now();
    await saveLibrary(indexDir, library);
    row("persist", performance.now() - t);
    t = performance.now();
    const loaded = await loadLibrary(indexDir);
    row("load", performance.now() - t);
    process.stdout.write(`  heap held by the library: ${((process.memoryUsage().heapUsed - heapBefore) / 1e6).toFixed(1)} MB\n`);
    await answerLatency(loaded, asks);
  } finally {
    await rm(indexDir, { recursive: true, force: true });
  }
}

async function answerLatency(library: Library, asks: number): Promise<void> {
  await library.answer(QUESTIONS[0]!); // warm caches (WordNet, vectors)
  const times: number[] = [];
  for (let i = 0; i < asks; i++) {
    const t = performance.now();
    await library.answer(QUESTIONS[i % QUESTIONS.length]!, { k: 5 });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  process.stdout.write(`  answer (${asks} questions): p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${at(1).toFixed(1)} ms\n`);
}

/**
 * What encoding sentences costs: builds reuse sentences already encoded (and the synthetic corpus
 * repeats the seeds' sentences), so this encodes sentences nobody encoded before.
 */
async function encoding(sentences: readonly string[]): Promise<void> {
  process.stdout.write("\nsentence encoder\n");
  let t = performance.now();
  const encoder = await loadSentenceEncoder();
  row("load (once a thread)", performance.now() - t);
  const fresh = Array.from({ length: 200 }, (_, i) => `${sentences[i % sentences.length]} (${Date.now()}-${i})`);
  t = performance.now();
  for (let i = 0; i < fresh.length; i += 8) await encoder.embed(fresh.slice(i, i + 8));
  const ms = performance.now() - t;
  process.stdout.write(`  encode ${fresh.length} new sentences: ${ms.toFixed(0)} ms (${(ms / fresh.length).toFixed(1)} ms a sentence)\n`);
}

/**
 * A seeds folder of `copies` articles made from the seeds' `sentences`, shuffled across
 * articles and paragraphs (deterministically), so passages differ from one article to the next
 * (their sentences do not: their vectors are encoded once, see {@link encoding}).
 */
async function syntheticCorpus(sentences: readonly string[], copies: number): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "parley-bench-seeds-"));
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < copies; i++) {
    const paragraphs = Array.from({ length: 12 + Math.floor(random() * 12) }, () =>
      Array.from({ length: 1 + Math.floor(random() * 3) }, () => sentences[Math.floor(random() * sentences.length)]!).join(" "),
    );
    await writeFile(path.join(dir, `${String(i).padStart(4, "0")}_synthetic.txt`), `${paragraphs.join("\n")}\n`);
  }
  return dir;
}

function row(label: string, ms: number): void {
  process.stdout.write(`  ${label}: ${ms.toFixed(0)} ms\n`);
}
