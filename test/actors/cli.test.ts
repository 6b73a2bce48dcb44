import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import "../../src/actors/console.js";
import { CONSOLE_HELP, handleConsoleLine } from "../../src/cli/console.js";
import { Engine } from "../../src/engine.js";
import { createLogger } from "../../src/log.js";
import { buildLibrary } from "../../src/search/library.js";
import { saveLibrary } from "../../src/search/store.js";
import { linesOf, runTsx, type RunResult } from "../cli/spawn.js";
import { fileTexts, tempSeeds, verbatim, CURATED, SEED, type TempSeeds } from "./support.js";

const SPAWN_TIMEOUT = 60_000;
// Child processes share a possibly busy machine: these are not speed tests.
vi.setConfig({ testTimeout: SPAWN_TIMEOUT, hookTimeout: SPAWN_TIMEOUT });

let dirs: TempSeeds;
let engine: Engine;
let texts: Map<string, string>;
let runs: Record<"actor" | "actorText" | "actors" | "unknown" | "noName" | "emoji", RunResult>;

beforeAll(async () => {
  dirs = await tempSeeds("parley-actor-cli-", [SEED, CURATED]);
  // Build the index once, so that the commands below only load it.
  await saveLibrary(dirs.index, await buildLibrary(dirs.seeds));
  const env = { SEEDS_DIR: dirs.seeds, INDEX_DIR: dirs.index };
  const run = (script: string, args: string[]) => runTsx(script, args, { env });
  const [actor, actorText, actors, unknown, noName, emoji] = await Promise.all([
    run("src/cli/actor.ts", ["--json", "Kabulov"]),
    run("src/cli/actor.ts", ["Washington"]),
    run("src/cli/actors.ts", ["--json"]),
    run("src/cli/actor.ts", ["--json", "Rusia"]),
    run("src/cli/actor.ts", []),
    run("src/cli/actor.ts", ["😀"]),
  ]);
  runs = { actor: actor!, actorText: actorText!, actors: actors!, unknown: unknown!, noName: noName!, emoji: emoji! };
  engine = await Engine.open(env, createLogger("silent"));
  texts = await fileTexts(dirs.seeds, ["000_950a411777f2414a.txt"]);
}, SPAWN_TIMEOUT);

afterAll(async () => {
  engine?.close();
  await rm(dirs.root, { recursive: true, force: true });
});

describe("npm run actor / actors", () => {
  it("actor --json prints the summary in the documented shape", () => {
    expect(runs.actor.code, runs.actor.stderr).toBe(0);
    const out = JSON.parse(runs.actor.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      actor: { name: "Zamir Kabulov", kind: "person", aliases: expect.arrayContaining(["Kabulov"]) },
      mentions: expect.any(Number),
      documents: 1,
      summary: expect.any(Array),
      related: expect.any(Array),
    });
    const summary = out.summary as Array<{ quote: string; source: { file: string; paragraph: number; start: number; end: number } }>;
    expect(summary.length).toBeGreaterThan(0);
    for (const q of summary) {
      expect(Object.keys(q.source)).toEqual(expect.arrayContaining(["file", "paragraph", "start", "end"]));
      expect(verbatim(texts, q)).toBe(true);
    }
    expect(summary[0]!.quote).toContain("the Foreign Ministry official responsible for Russia’s Afghanistan policy");
    for (const r of out.related as unknown[]) expect(r).toEqual({ name: expect.any(String), count: expect.any(Number) });
  });

  it("actor prints a readable summary: name, kind, quotes with sources, related actors", () => {
    expect(runs.actorText.code, runs.actorText.stderr).toBe(0);
    const text = runs.actorText.stdout;
    expect(linesOf(text)[0]).toMatch(/^United States \(country\)/);
    expect(text).toMatch(/mentions in \d+ passages of 1 article/);
    expect(text).toMatch(/¶\d+ · 000_950a411777f2414a\.txt/);
    expect(text).toMatch(/^Related: /m);
  });

  it("actors --json lists every actor, most mentioned first", () => {
    expect(runs.actors.code, runs.actors.stderr).toBe(0);
    const { actors } = JSON.parse(runs.actors.stdout) as { actors: Array<{ name: string; kind: string; aliases: string[]; mentions: number }> };
    expect(actors.map((a) => a.name)).toEqual(engine.actors().map((a) => a.name));
    for (const a of actors) expect(Object.keys(a).sort()).toEqual(["aliases", "kind", "mentions", "name"]);
    for (let i = 1; i < actors.length; i++) expect(actors[i - 1]!.mentions).toBeGreaterThanOrEqual(actors[i]!.mentions);
  });

  it("an unknown name exits non-zero with close names on one line of stderr", () => {
    expect(runs.unknown.code).not.toBe(0);
    expect(runs.unknown.stdout).toBe("");
    expect(linesOf(runs.unknown.stderr)).toHaveLength(1);
    expect(runs.unknown.stderr).toContain("Russia");
    expect(runs.noName.code).toBe(2);
    expect(linesOf(runs.noName.stderr)).toHaveLength(1);
  });

  it("a name with no letter or digit exits non-zero saying no actor has it, without suggestions", () => {
    expect(runs.emoji.code).not.toBe(0);
    expect(runs.emoji.stdout).toBe("");
    expect(linesOf(runs.emoji.stderr)).toHaveLength(1);
    expect(runs.emoji.stderr).toMatch(/No actor named "😀", and none with a close name/);
    expect(runs.emoji.stderr).not.toMatch(/did you mean/i);
  });
});

describe("the engine's actor methods", () => {
  it("answers a name, an alias or a close miss", () => {
    expect(engine.actor("Moscow")).toMatchObject({ actor: { name: "Russia" } });
    expect(engine.actor("the Taliban")).toMatchObject({ actor: { name: "Taliban" } });
    const unknown = engine.actor("Rusia");
    expect(unknown).toEqual({ unknown: "Rusia", suggestions: expect.arrayContaining(["Russia"]) });
  });

  it("suggests for autocomplete: prefix, aliases, within the limit", () => {
    expect(engine.suggestActors("Rus")[0]!.name).toBe("Russia");
    expect(engine.suggestActors("Washington")[0]).toMatchObject({ name: "United States", via: "Washington" });
    expect(engine.suggestActors("", 25).length).toBeLessThanOrEqual(25);
    expect(engine.suggestActors("a", 3)).toHaveLength(3);
  });
});

describe("console commands", () => {
  const state = { shown: 0 };
  it(":actors lists the actors, :actor NAME shows one, an unknown name gets suggestions", async () => {
    expect(CONSOLE_HELP).toContain(":actor NAME");
    expect(CONSOLE_HELP).toContain(":actors");
    const list = await handleConsoleLine(engine, ":actors", state);
    expect(linesOf(list.output)).toHaveLength(engine.actors().length + 1);
    const one = await handleConsoleLine(engine, ":actor Kabulov", state);
    expect(one.output).toMatch(/^Zamir Kabulov \(person\)/);
    expect(one.output).toContain("the Foreign Ministry official responsible for Russia’s Afghanistan policy");
    expect((await handleConsoleLine(engine, ":actor Rusia", state)).output).toMatch(/^No actor named "Rusia"\. Did you mean: Russia/);
    expect((await handleConsoleLine(engine, ":actor", state)).output).toMatch(/^Which actor\?/);
    const emoji = (await handleConsoleLine(engine, ":actor 😀", state)).output;
    expect(emoji).toMatch(/^No actor named "😀", and none with a close name/);
    expect(emoji).not.toMatch(/did you mean/i);
  });
});
