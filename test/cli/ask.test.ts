import { closeSync, openSync, readFileSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MAX_PASSAGE_CHARS } from "../../src/corpus/types.js";
import { loadLibrary, openLibrary } from "../../src/search/store.js";
import { linesOf, runTsx, tempSeeds, type RunOptions, type RunResult } from "./spawn.js";

const ASK = "src/cli/ask.ts";
const INDEX = "src/cli/index.ts";
const SPAWN_TIMEOUT = 60_000;
// Child processes and builds share a possibly busy machine: these are not speed tests.
vi.setConfig({ testTimeout: SPAWN_TIMEOUT, hookTimeout: SPAWN_TIMEOUT });

interface JsonAnswer {
  query: string;
  answered: boolean;
  results: Array<{
    rank: number;
    score: number;
    text: string;
    quote: string;
    source: { file: string; title: string; publisher?: string; paragraph: number; start: number; end: number };
  }>;
}

let dirs: { root: string; seeds: string; index: string };
let env: NodeJS.ProcessEnv;
/** Every child process is started at once in beforeAll; the tests await their own. */
const runs: Record<string, Promise<RunResult>> = {};

const STDIN_QUESTIONS = ["Who is Zamir Kabulov?", "", "Who chaired the talks?", "What did the World Bank offer?"];

beforeAll(async () => {
  dirs = await tempSeeds("parley-cli-");
  env = { SEEDS_DIR: dirs.seeds, INDEX_DIR: dirs.index };
  await openLibrary(dirs.seeds, dirs.index); // build once, so the children only load it
  const ask = (args: string[], more: RunOptions = {}) => runTsx(ASK, args, { ...more, env: { ...env, ...more.env } });
  runs.json = ask(["--json", "Who is Zamir Kabulov?"]);
  runs.human = ask(["Who", "is", "Zamir", "Kabulov?"]);
  runs.stdin = ask(["--json", "--stdin", "--k", "2"], { input: `${STDIN_QUESTIONS.join("\n")}\n` });
  runs.noQuestion = ask([]);
  runs.kZero = ask(["--k", "0", "Who is Kabulov?"]);
  runs.kText = ask(["--k", "abc", "Who is Kabulov?"]);
  runs.unknownFlag = ask(["--verbose", "Who is Kabulov?"]);
  runs.stdinAndQuestion = ask(["--json", "--stdin", "Who is Kabulov?"]);
  runs.badSetting = ask(["Who is Kabulov?"], { env: { LOG_LEVEL: "loud" } });
  runs.noSeeds = ask(["Who is Kabulov?"], { env: { SEEDS_DIR: path.join(dirs.root, "missing"), INDEX_DIR: path.join(dirs.root, "index-missing") } });
  // stdin is a folder (`< /tmp`): Node reads it as empty input.
  const folder = openSync(dirs.root, "r");
  runs.stdinFolder = ask(["--json", "--stdin"], { stdinFd: folder }).finally(() => closeSync(folder));
  // `npm run index`, twice in a row on a fresh index folder.
  const indexEnv = { ...env, INDEX_DIR: path.join(dirs.root, "index-cli") };
  runs.indexFirst = runTsx(INDEX, [], { env: indexEnv });
  runs.indexSecond = runs.indexFirst.then(() => runTsx(INDEX, [], { env: indexEnv }));
  // Then as after an upgrade that changed the analysis options: the persisted index no longer serves.
  runs.indexAfterOptions = runs.indexSecond.then(async () => {
    for (const file of ["library.json", "manifest.json"]) {
      const full = path.join(indexEnv.INDEX_DIR, file);
      const data = JSON.parse(await readFile(full, "utf8")) as { optionsHash?: string; manifest?: { optionsHash: string } };
      if (data.manifest) data.manifest.optionsHash = "0000000000000000";
      else data.optionsHash = "0000000000000000";
      await writeFile(full, JSON.stringify(data));
    }
    return runTsx(INDEX, [], { env: indexEnv });
  });
}, SPAWN_TIMEOUT);

afterAll(async () => {
  await Promise.allSettled(Object.values(runs));
  await rm(dirs.root, { recursive: true, force: true });
});

const fileText = (file: string) => readFileSync(path.join(dirs.seeds, file), "utf8");

/** Every promise DESIGN.md makes about an `ask --json` answer. */
function checkAnswerShape(answer: JsonAnswer): void {
  expect(Object.keys(answer)).toEqual(["query", "answered", "results"]);
  expect(typeof answer.answered).toBe("boolean");
  answer.results.forEach((r, i) => {
    expect(Object.keys(r)).toEqual(["rank", "score", "text", "quote", "source"]);
    expect(r.rank).toBe(i + 1);
    expect(typeof r.score).toBe("number");
    expect(Number.isFinite(r.score)).toBe(true);
    const keys = Object.keys(r.source);
    expect(keys).toEqual(["file", "title", ...(r.source.publisher !== undefined ? ["publisher"] : []), "paragraph", "start", "end"]);
    const text = fileText(r.source.file);
    expect(text.slice(r.source.start, r.source.end)).toBe(r.text);
    expect(r.text.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
    expect(r.quote.length).toBeGreaterThan(0);
    expect(r.text).toContain(r.quote);
    expect(text).toContain(r.quote);
    expect(Number.isInteger(r.source.paragraph) && r.source.paragraph >= 1).toBe(true);
    // paragraph counts the file's lines (the test articles have one paragraph per line) from 1.
    const lineStart = text.lastIndexOf("\n", r.source.start - 1) + 1;
    expect(r.source.paragraph).toBe(text.slice(0, lineStart).split("\n").filter((l) => l.trim() !== "").length + 1);
  });
}

/** A usage or settings error: nothing on stdout, exactly one line on stderr, no stack trace. */
function checkOneLineError(run: RunResult, code: number, mentions: RegExp): void {
  expect(run.stdout).toBe("");
  expect(run.code).toBe(code);
  const lines = linesOf(run.stderr);
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(mentions);
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

describe("npm run ask -- --json", () => {
  it("answers on one line of JSON shaped as DESIGN.md says, quoting the file verbatim", async () => {
    const run = await runs.json!;
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(linesOf(run.stdout)).toHaveLength(1);
    const answer = JSON.parse(run.stdout) as JsonAnswer;
    checkAnswerShape(answer);
    expect(answer.query).toBe("Who is Zamir Kabulov?");
    expect(answer.answered).toBe(true);
    expect(answer.results.length).toBeGreaterThan(0);
    expect(answer.results.length).toBeLessThanOrEqual(3);
    expect(answer.results[0]!.quote).toContain("Foreign Ministry official");
    expect(answer.results[0]!.source).toMatchObject({ file: "000_950a411777f2414a.txt", publisher: "Carnegie Moscow Center" });
  }, SPAWN_TIMEOUT);

  it("--stdin answers each line in order, as JSON Lines; an empty line is answered:false", async () => {
    const run = await runs.stdin!;
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const answers = linesOf(run.stdout).map((l) => JSON.parse(l) as JsonAnswer);
    expect(answers.map((a) => a.query)).toEqual(STDIN_QUESTIONS);
    for (const a of answers) {
      checkAnswerShape(a);
      expect(a.results.length).toBeLessThanOrEqual(2);
    }
    expect(answers[1]).toEqual({ query: "", answered: false, results: [] });
    expect(answers[0]!.answered).toBe(true);
    expect(answers[2]!.results[0]?.source.file).toBe("001_river_treaty.txt");
  }, SPAWN_TIMEOUT);
});

describe("npm run ask (human-readable)", () => {
  it("shows the quote marked inside its passage, with the source", async () => {
    const [run, json] = await Promise.all([runs.human!, runs.json!]);
    expect(run.code).toBe(0);
    const first = (JSON.parse(json.stdout) as JsonAnswer).results[0]!;
    expect(run.stdout).toContain(`»${first.quote}«`);
    expect(run.stdout).toContain(`[1] ${first.text.slice(0, first.text.indexOf(first.quote))}»`);
    expect(run.stdout).toContain(`— ${first.source.title} · ${first.source.publisher} · ¶${first.source.paragraph} · ${first.source.file}`);
  }, SPAWN_TIMEOUT);
});

describe("bad arguments and settings", () => {
  it("no question: usage, exit 2", async () => checkOneLineError(await runs.noQuestion!, 2, /usage/), SPAWN_TIMEOUT);
  it("--k 0: exit 2", async () => checkOneLineError(await runs.kZero!, 2, /--k.*"0"/), SPAWN_TIMEOUT);
  it("--k abc: exit 2", async () => checkOneLineError(await runs.kText!, 2, /--k.*"abc"/), SPAWN_TIMEOUT);
  it("an unknown flag: exit 2, naming it", async () => checkOneLineError(await runs.unknownFlag!, 2, /--verbose/), SPAWN_TIMEOUT);
  it("--stdin with a question: exit 2", async () => checkOneLineError(await runs.stdinAndQuestion!, 2, /--stdin/), SPAWN_TIMEOUT);
  it("a bad setting: exit 1, naming it", async () => checkOneLineError(await runs.badSetting!, 1, /LOG_LEVEL/), SPAWN_TIMEOUT);
  it("--stdin from something that cannot be read as text: exit 1, one line", async () => {
    checkOneLineError(await runs.stdinFolder!, 1, /^error: cannot read the questions from stdin: it is a folder$/);
  }, SPAWN_TIMEOUT);
  it("a missing articles folder: exit 1, naming it", async () => {
    checkOneLineError(await runs.noSeeds!, 1, new RegExp(`${path.join(dirs.root, "missing").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}.*does not exist`));
  }, SPAWN_TIMEOUT);
});

describe("npm run index", () => {
  it("reports the added files the first time and 'Nothing changed' the second", async () => {
    const first = await runs.indexFirst!;
    expect(first.code).toBe(0);
    const firstLines = linesOf(first.stdout);
    expect(firstLines).toContain("added    000_950a411777f2414a.txt");
    expect(firstLines).toContain("added    001_river_treaty.txt");
    expect(first.stdout).not.toMatch(/Nothing changed/);
    expect(firstLines.at(-1)).toMatch(/^documents 0 → 2, passages 0 → \d+/);

    const second = await runs.indexSecond!;
    expect(second.code).toBe(0);
    expect(linesOf(second.stdout)[0]).toMatch(/^Nothing changed/);
    expect(second.stdout).not.toMatch(/^added/m);
    expect(linesOf(second.stdout).at(-1)).toMatch(/^documents 2 → 2/);
  }, SPAWN_TIMEOUT);
});

describe("npm run index after the analysis options changed", () => {
  it("says so, rebuilds, and lists no article as added", async () => {
    const run = await runs.indexAfterOptions!;
    expect(run.code).toBe(0);
    const lines = linesOf(run.stdout);
    expect(lines[0]).toBe("analysis options changed: full rebuild");
    expect(run.stdout).not.toMatch(/^(added|removed|changed) /m);
    expect(run.stdout).not.toMatch(/Nothing changed/);
    expect(lines.at(-1)).toMatch(/^documents 2 → 2/);
    // What it persisted serves as it is.
    expect((await loadLibrary(path.join(dirs.root, "index-cli"))).manifest.counts.documents).toBe(2);
  }, SPAWN_TIMEOUT);
});
