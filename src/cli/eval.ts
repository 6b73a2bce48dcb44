/**
 * `npm run eval -- [file] [--seeds DIR] [--explain] [--json]`: scores retrieval on a question file
 * shaped like `eval/dev-qa.json` (default: the project's copy of the development set,
 * test/fixtures/dev-qa.json), against the index (or, with `--seeds`, a fresh build of DIR).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { QuestionFile, evaluate, type Figures, type Report } from "../search/evaluate.js";
import { buildLibrary } from "../search/library.js";
import { UsageError, parseCliArgs, runCli } from "./run.js";

export const DEFAULT_QUESTION_FILE = path.resolve("test/fixtures/dev-qa.json");

runCli(
  async (ctx) => {
    const { values, positionals } = parseCliArgs({
      explain: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      k: { type: "string", default: "5" },
      seeds: { type: "string" },
    });
    if (positionals.length > 1) throw new UsageError("usage: npm run eval -- [file] [--seeds DIR] [--explain] [--json]");
    const file = positionals[0] ?? DEFAULT_QUESTION_FILE;
    const questions = await readQuestionFile(file);
    const k = Number(values.k);
    if (!Number.isInteger(k) || k < 3 || k > 20) throw new UsageError("--k must be a whole number from 3 to 20");
    const library = values.seeds ? await buildLibrary(path.resolve(values.seeds)) : (await ctx.engine()).library;
    const report = await evaluate(questions, (q) => library.answer(q, { k }));
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ file, overall: report.overall, byKind: report.byKind }, null, 2)}\n`);
      return;
    }
    const lines = formatReport(file, report, values.explain);
    if (values.explain) {
      lines.push("", "Questions whose first result misses, and what they became (concept: weight, stand-ins):");
      for (const o of report.outcomes.filter((x) => (x.question.a === null ? x.answered : x.rank !== 1))) {
        const e = await library.explain(o.question.q);
        const concepts = e.concepts.map((c) => `${c.actorId ? `@${c.actorId}` : c.term}:${c.weight}${Object.keys(c.variants).length ? ` [${Object.keys(c.variants).slice(0, 6).join(" ")}]` : ""}`);
        lines.push(`- ${o.question.q}${e.type ? ` (${e.type})` : ""}`, `    ${concepts.join("  ")}`);
      }
    }
    process.stdout.write(`${lines.join("\n")}\n`);
  },
  { quiet: true },
);

async function readQuestionFile(file: string): Promise<QuestionFile["questions"]> {
  let raw: string;
  try {
    raw = await readFile(file, "utf8");
  } catch {
    throw new UsageError(`cannot read question file ${file}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new UsageError(`${file} is not JSON`);
  }
  const parsed = QuestionFile.safeParse(json);
  if (!parsed.success) throw new UsageError(`${file} is not a question file: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`);
  return parsed.data.questions;
}

export function formatReport(file: string, report: Report, explain: boolean): string[] {
  const pct = (x: number) => (Number.isNaN(x) ? "   –" : x.toFixed(2).padStart(4));
  const row = (name: string, f: Figures) =>
    `${name.padEnd(12)} ${String(f.questions).padStart(3)}  ${pct(f.hitAt1)}   ${pct(f.hitAt3)}  ${pct(f.mrr)}  ${pct(f.quoteHit)}    ${pct(f.answeredRate)}     ${pct(f.abstention)}`;
  const lines = [
    `Questions: ${file}`,
    "kind           n  hit@1  hit@3   MRR  quote  answered  abstained",
    ...Object.entries(report.byKind).map(([kind, f]) => row(kind, f)),
    row("all", report.overall),
    `abstention precision (declined that were unanswerable): ${pct(report.overall.abstentionPrecision)}`,
  ];
  if (explain) {
    lines.push("", "rank  quote  kind        question → first quote");
    for (const o of report.outcomes) {
      const rank = o.question.a === null ? (o.answered ? "ANS" : "abst") : o.rank === null ? (o.answered ? "miss" : "abst") : String(o.rank);
      lines.push(`${rank.padEnd(5)} ${(o.quoteHit ? "yes" : "-").padEnd(6)} ${o.question.kind.padEnd(11)} ${o.question.q}`);
      if (o.quote) lines.push(`      → ${o.quote.length > 160 ? `${o.quote.slice(0, 157)}…` : o.quote}`);
    }
  }
  return lines;
}
