import { createHash } from "node:crypto";
import { copyFile, cp, mkdir, mkdtemp, readFile, readdir, rm, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { buildLibrary, type Library, type Manifest } from "../../src/search/library.js";
import { LIBRARY_FILE, MANIFEST_FILE, loadLibrary, openLibrary, saveLibrary } from "../../src/search/store.js";

// Builds run the whole pipeline; on a busy machine one can take seconds. These are not speed tests.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

const here = (rel: string) => fileURLToPath(new URL(rel, import.meta.url));
const SEED = here("../../seeds/000_950a411777f2414a.txt");
const SECOND = here("../fixtures/second/001_river_treaty.txt");
const readJson = async <T>(file: string) => JSON.parse(await readFile(file, "utf8")) as T;

/** Questions from both question files, two of each kind per file: answered ones, unanswerable ones, typos. */
let questions: string[] = [];
let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "parley-store-"));
  for (const file of ["../fixtures/dev-qa.json", "../fixtures/second-qa.json"]) {
    const { questions: all } = await readJson<{ questions: Array<{ q: string; kind: string }> }>(here(file));
    const perKind = new Map<string, number>();
    for (const q of all) {
      const seen = perKind.get(q.kind) ?? 0;
      perKind.set(q.kind, seen + 1);
      if (seen < 2) questions.push(q.q);
    }
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let n = 0;
/** A fresh seeds folder (the seed and the second article) and an empty index folder. */
async function freshDirs(): Promise<{ seeds: string; index: string }> {
  const base = path.join(root, String(++n));
  const seeds = path.join(base, "seeds");
  await mkdir(seeds, { recursive: true });
  await copyFile(SEED, path.join(seeds, path.basename(SEED)));
  await copyFile(SECOND, path.join(seeds, path.basename(SECOND)));
  return { seeds, index: path.join(base, "index") };
}

async function answersOf(library: Library, k = 5) {
  const out = [];
  for (const q of questions) out.push(await library.answer(q, { k }));
  return out;
}

describe("persisting the index", () => {
  it("gives the same answers after build → save → load", async () => {
    const { seeds, index } = await freshDirs();
    const built = await buildLibrary(seeds);
    await saveLibrary(index, built);
    const loaded = await loadLibrary(index);
    expect(questions.length).toBeGreaterThan(12);
    const before = await answersOf(built);
    expect(before.filter((a) => a.answered).length).toBeGreaterThan(6);
    expect(before.filter((a) => !a.answered).length).toBeGreaterThan(0);
    expect(await answersOf(loaded)).toEqual(before);
    expect(loaded.sources).toEqual(built.sources);
    expect(loaded.passages).toEqual(built.passages);
  });

  it("writes a manifest with format version, build time, options hash, the SHA-256 of each file and counts", async () => {
    const { seeds, index } = await freshDirs();
    const { library } = await openLibrary(seeds, index);
    const manifest = await readJson<Manifest>(path.join(index, MANIFEST_FILE));
    expect(manifest.formatVersion).toEqual(expect.any(Number));
    expect(manifest.optionsHash).toMatch(/^[0-9a-f]{8,}$/);
    expect(new Date(manifest.builtAt).toISOString()).toBe(manifest.builtAt);
    const expected: Record<string, string> = {};
    for (const f of await readdir(seeds)) expected[f] = createHash("sha256").update(await readFile(path.join(seeds, f))).digest("hex");
    expect(manifest.files).toEqual(expected);
    expect(manifest.counts.documents).toBe(2);
    expect(manifest.counts.passages).toBe(library.passages.length);
    expect(manifest.counts.skipped).toBe(0);
    expect(manifest).toEqual(library.manifest);
    // Written atomically: no temporary file is left beside them.
    expect((await readdir(index)).sort()).toEqual([LIBRARY_FILE, MANIFEST_FILE].sort());
  });
});

describe("opening the index", () => {
  // A small corpus (rebuilds are the point here, not the answers), built once and copied per test.
  let template: { seeds: string; index: string };
  let firstBuild: string;
  let dirs: { seeds: string; index: string };

  beforeAll(async () => {
    const base = path.join(root, "template");
    template = { seeds: path.join(base, "seeds"), index: path.join(base, "index") };
    await mkdir(template.seeds, { recursive: true });
    await copyFile(SECOND, path.join(template.seeds, path.basename(SECOND)));
    await writeFile(path.join(template.seeds, "002_port.txt"), "Dock workers in Porto struck on Friday over night shifts.\nThe port authority said talks would resume.\n");
    const first = await openLibrary(template.seeds, template.index);
    expect(first.rebuilt).toMatch(/no index/);
    firstBuild = first.library.manifest.builtAt;
    await new Promise((r) => setTimeout(r, 5)); // a rebuild gets a later build time
  });

  beforeEach(async () => {
    const base = path.join(root, String(++n));
    dirs = { seeds: path.join(base, "seeds"), index: path.join(base, "index") };
    await cp(template.seeds, dirs.seeds, { recursive: true });
    await cp(template.index, dirs.index, { recursive: true });
  });

  const reopen = () => openLibrary(dirs.seeds, dirs.index);
  const libraryFile = () => path.join(dirs.index, LIBRARY_FILE);

  it("loads the persisted index when nothing changed", async () => {
    const { library, rebuilt } = await reopen();
    expect(rebuilt).toBeUndefined();
    expect(library.manifest.builtAt).toBe(firstBuild);
  });

  it("rebuilds a truncated library.json, saying it is corrupt, and persists the new one", async () => {
    const raw = await readFile(libraryFile(), "utf8");
    await writeFile(libraryFile(), raw.slice(0, Math.floor(raw.length / 2)));
    const { library, rebuilt } = await reopen();
    expect(rebuilt).toMatch(/corrupt/);
    expect(library.manifest.builtAt).not.toBe(firstBuild);
    expect((await reopen()).rebuilt).toBeUndefined();
    expect((await loadLibrary(dirs.index)).manifest.builtAt).toBe(library.manifest.builtAt);
  });

  it("serves a rebuilt index that cannot be saved, and says why", async () => {
    // An index folder below a regular file can be neither created nor written, even as root.
    const blocked = path.join(dirs.index, LIBRARY_FILE, "index");
    const { library, rebuilt, unsaved } = await openLibrary(dirs.seeds, blocked);
    expect(rebuilt).toMatch(/no index/);
    expect(unsaved).toMatch(/ENOTDIR|not a directory/i);
    expect(library.passages.length).toBeGreaterThan(0);
    expect((await library.answer("Who chaired the talks?")).answered).toBe(true);
  });

  it("rebuilds a garbage library.json", async () => {
    await writeFile(libraryFile(), Buffer.from([0x00, 0xff, 0x13, 0x37, 0x42]));
    expect((await reopen()).rebuilt).toMatch(/corrupt/);
  });

  it("rebuilds a library.json that is JSON but not an index", async () => {
    await writeFile(libraryFile(), JSON.stringify({ hello: "world" }));
    expect((await reopen()).rebuilt).toMatch(/corrupt/);
  });

  it("rebuilds when the passages and the search index disagree", async () => {
    const data = await readJson<{ passages: unknown[] }>(libraryFile());
    data.passages.pop();
    await writeFile(libraryFile(), JSON.stringify(data));
    expect((await reopen()).rebuilt).toMatch(/corrupt/);
  });

  it("rebuilds when a seed changed, naming it", async () => {
    const file = path.join(dirs.seeds, "001_river_treaty.txt");
    const text = await readFile(file, "utf8");
    const firstBreak = text.indexOf("\n") + 1;
    await writeFile(file, `${text.slice(0, firstBreak)}A late paragraph about the dam and its turbines.\n${text.slice(firstBreak)}`);
    const { library, rebuilt } = await reopen();
    expect(rebuilt).toMatch(/changed 001_river_treaty\.txt/);
    expect(library.passages.some((p) => p.text.includes("late paragraph"))).toBe(true);
  });

  it("rebuilds when a seed was added, naming it", async () => {
    await writeFile(path.join(dirs.seeds, "003_added.txt"), "Fishermen in Porto protested on Friday against new quotas.\nThe ministry said it would review them.\n");
    const { library, rebuilt } = await reopen();
    expect(rebuilt).toMatch(/added 003_added\.txt/);
    expect(library.manifest.counts.documents).toBe(3);
  });

  it("rebuilds when a seed was removed, naming it", async () => {
    await unlink(path.join(dirs.seeds, "001_river_treaty.txt"));
    const { library, rebuilt } = await reopen();
    expect(rebuilt).toMatch(/removed 001_river_treaty\.txt/);
    expect(library.sources.map((s) => s.file)).toEqual(["002_port.txt"]);
    expect((await library.answer("Who chaired the talks on the dam?")).results.every((r) => r.source.file !== "001_river_treaty.txt")).toBe(true);
  });

  it("rebuilds when a meta.json beside a seed appears", async () => {
    await writeFile(path.join(dirs.seeds, "001_river_treaty.meta.json"), JSON.stringify({ title: "Nile dam talks" }));
    const { library, rebuilt } = await reopen();
    expect(rebuilt).toMatch(/added 001_river_treaty\.meta\.json/);
    expect(library.sources.find((s) => s.file === "001_river_treaty.txt")?.meta.title).toBe("Nile dam talks");
  });

  it("rebuilds when the index was written by another format version", async () => {
    const data = await readJson<{ manifest: Manifest }>(libraryFile());
    data.manifest.formatVersion += 1000;
    await writeFile(libraryFile(), JSON.stringify(data));
    expect((await reopen()).rebuilt).toMatch(/format/);
  });
});
