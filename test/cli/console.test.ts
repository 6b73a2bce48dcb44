import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CONSOLE_HELP, consoleCommands, handleConsoleLine, runConsole } from "../../src/cli/console.js";
import { NO_ANSWER_TEXT } from "../../src/cli/format.js";
import { Engine } from "../../src/engine.js";
import { createLogger } from "../../src/log.js";
import { linesOf, runTsx, tempSeeds, type RunResult } from "./spawn.js";

const SPAWN_TIMEOUT = 60_000;
// Child processes and builds share a possibly busy machine: these are not speed tests.
vi.setConfig({ testTimeout: SPAWN_TIMEOUT, hookTimeout: SPAWN_TIMEOUT });
let dirs: { root: string; seeds: string; index: string };
let engine: Engine;
let started: Promise<RunResult>;

beforeAll(async () => {
  dirs = await tempSeeds("parley-console-");
  engine = await Engine.open({ SEEDS_DIR: dirs.seeds, INDEX_DIR: dirs.index }, createLogger("silent"));
  // `npm start` with no token, on its own index folder (it builds it), fed from a pipe.
  started = runTsx("src/main.ts", [], {
    env: { SEEDS_DIR: dirs.seeds, INDEX_DIR: path.join(dirs.root, "index-start"), DISCORD_TOKEN: "" },
    input: ":help\nWho is Kabulov?\n:quit\nWho is never asked?\n",
  });
}, SPAWN_TIMEOUT);

afterAll(async () => {
  await started.catch(() => undefined);
  await rm(dirs.root, { recursive: true, force: true });
});

describe("console mode, line by line", () => {
  const state = { shown: 0 };
  const line = (text: string) => handleConsoleLine(engine, text, state);

  it("ignores an empty line and lists its commands on :help", async () => {
    expect(await line("   ")).toEqual({ output: "" });
    const help = await line(":help");
    expect(help.output).toBe(CONSOLE_HELP);
    for (const command of [":more", ":sources", ":reindex", ":help", ":quit"]) expect(help.output).toContain(command);
  });

  it("asks for a question before :more", async () => {
    expect((await line(":more")).output).toBe("Ask a question first.");
  });

  it("answers a question with marked quotes and their sources, then pages with :more", async () => {
    const reply = await line("Who is Zamir Kabulov?");
    const answer = await engine.answer("Who is Zamir Kabulov?", { k: 3 });
    expect(answer.answered).toBe(true);
    expect(reply.quit).toBeFalsy();
    expect(reply.output.startsWith("[1] ")).toBe(true);
    for (const r of answer.results) {
      expect(reply.output).toContain(`»${r.quote}«`);
      expect(reply.output).toContain(`¶${r.source.paragraph} · ${r.source.file}`);
    }
    const more = await line(":more");
    const next = await engine.answer("Who is Zamir Kabulov?", { k: 3, offset: 3 });
    if (next.results.length === 0) expect(more.output).toBe("No more results for that question.");
    else expect(more.output.startsWith("[4] ")).toBe(true);
  });

  it("says so when the articles do not answer", async () => {
    const question = "zzzqx vvvwy";
    expect((await engine.answer(question)).answered).toBe(false);
    expect((await line(question)).output).toBe(NO_ANSWER_TEXT);
  });

  it("lists the sources", async () => {
    const out = (await line(":sources")).output;
    expect(out).toMatch(/^2 article\(s\), indexed /);
    for (const s of engine.sources().sources) expect(out).toContain(`${s.meta.title} · ${s.meta.publisher} · ${s.passages} passages · ${s.file}`);
  });

  it("reindexes: nothing changed, then a new article is added and answers", async () => {
    expect((await line(":reindex")).output).toMatch(/^Nothing changed/);
    await writeFile(
      path.join(dirs.seeds, "002_glacier.txt"),
      "Scientists in Greenland measured the Petermann glacier shrinking by four kilometres this summer.\nThe team, led by Ingrid Halvorsen, used drones and satellite images.\n",
    );
    const out = (await line(":reindex")).output;
    expect(linesOf(out)).toContain("added    002_glacier.txt");
    const reply = await line("Who led the glacier team?");
    expect(reply.output).toContain("002_glacier.txt");
  }, SPAWN_TIMEOUT);

  it("runs commands added by other modules, and names an unknown one", async () => {
    consoleCommands.set("echo", (_engine, arg) => `echo: ${arg}`);
    try {
      expect((await line(":echo two words")).output).toBe("echo: two words");
    } finally {
      consoleCommands.delete("echo");
    }
    expect((await line(":frobnicate")).output).toBe("Unknown command :frobnicate. Type :help for the list.");
  });

  it("leaves on :quit", async () => {
    expect(await line(":quit")).toEqual({ output: "Bye.", quit: true });
  });
});

describe("runConsole over streams", () => {
  it("greets, answers each line and stops at :quit", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = "";
    output.setEncoding("utf8").on("data", (d: string) => (text += d));
    input.end(":nope\n:quit\nWho is Kabulov?\n");
    await runConsole(engine, input, output);
    expect(text).toMatch(/^\d+ article\(s\), \d+ passages\. Ask a question, or :help\./);
    expect(text).toContain("Unknown command :nope");
    expect(text).toContain("Bye.");
    expect(text).not.toContain("»");
    // Piped input: answers only, no prompt for a person who is not there.
    expect(text).not.toContain("parley>");
  });
});

describe("npm start without DISCORD_TOKEN", () => {
  it("says so in one line and opens the console, which answers with quotes", async () => {
    const run = await started;
    expect(run.code).toBe(0);
    const notices = linesOf(run.stderr).filter((l) => l.includes("DISCORD_TOKEN"));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/console/);
    expect(run.stdout).toContain(":quit");
    expect(run.stdout).toMatch(/»[^«]*Kabulov[^«]*«/);
    expect(run.stdout).toMatch(/— .* · ¶\d+ · 000_950a411777f2414a\.txt/);
    expect(run.stdout).toContain("Bye.");
    // Nothing after :quit was answered.
    expect(run.stdout.indexOf("Bye.")).toBeGreaterThan(run.stdout.lastIndexOf("«"));
  }, SPAWN_TIMEOUT);
});
