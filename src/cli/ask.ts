/**
 * `npm run --silent ask -- [--json] [--k N] "question"` answers one question;
 * `npm run --silent ask -- --json --stdin` answers one question per line of stdin, as JSON Lines.
 */
import { fstatSync } from "node:fs";
import { createInterface } from "node:readline";
import { formatAnswer } from "./format.js";
import { UsageError, parseCliArgs, runCli } from "./run.js";

export const MAX_QUESTION_CHARS = 1000;

runCli(
  async (ctx) => {
    const { values, positionals } = parseCliArgs({
      json: { type: "boolean", default: false },
      k: { type: "string" },
      stdin: { type: "boolean", default: false },
    });
    const k = parseK(values.k);
    if (values.stdin && positionals.length > 0) throw new UsageError("give either a question or --stdin, not both");
    if (values.stdin && !values.json) throw new UsageError("--stdin answers as JSON Lines: add --json");
    if (values.stdin) checkStdin();
    if (!values.stdin) {
      const question = positionals.join(" ").trim();
      if (question === "") throw new UsageError('usage: npm run --silent ask -- [--json] [--k N] "question"');
      if (question.length > MAX_QUESTION_CHARS) throw new UsageError(`the question is longer than ${MAX_QUESTION_CHARS} characters`);
    }
    const [engine, { answerToJSON }] = await Promise.all([ctx.engine(), import("../search/answer.js")]);
    const ask = (q: string) => engine.answer(q.slice(0, MAX_QUESTION_CHARS), { k });
    if (!values.stdin) {
      const answer = await ask(positionals.join(" ").trim());
      process.stdout.write(values.json ? `${JSON.stringify(answerToJSON(answer))}\n` : `${formatAnswer(answer, { color: process.stdout.isTTY })}\n`);
      return;
    }
    // readline ends quietly on an input error: catch it, and fail.
    let readError: Error | undefined;
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    process.stdin.once("error", (err) => {
      readError = err;
      lines.close();
    });
    for await (const line of lines) {
      if (readError) break;
      process.stdout.write(`${JSON.stringify(answerToJSON(await ask(line)))}\n`);
    }
    if (readError) throw new Error(`cannot read the questions from stdin: ${readError.message}`);
  },
  { quiet: true },
);

/**
 * Fail when stdin cannot be read as text. Node gives a stdin it does not know how to read (a
 * folder, `< /tmp`) as an empty stream, which would answer nothing and exit 0.
 */
function checkStdin(): void {
  let kind: string | undefined;
  try {
    const st = fstatSync(0);
    if (st.isDirectory()) kind = "it is a folder";
  } catch (err) {
    kind = (err as Error).message;
  }
  if (kind) throw new Error(`cannot read the questions from stdin: ${kind}`);
}

function parseK(raw: string | undefined): number {
  if (raw === undefined) return 3;
  const k = Number(raw);
  if (!Number.isInteger(k) || k < 1 || k > 20) throw new UsageError(`--k must be a whole number from 1 to 20, not "${raw}"`);
  return k;
}
