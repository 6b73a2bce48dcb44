import { createHash } from "node:crypto";
import { copyFile, cp, mkdir, mkdtemp, readFile, readdir, rename, rm, unlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sha256 } from "../../src/corpus/load.js";
import { seedsUnchanged } from "../../src/search/builder.js";
import { buildLibrary, type Library, type Manifest } from "../../src/search/library.js";
import { LIBRARY_FILE, MANIFEST_FILE, loadLibrary, openLibrary, readKnownSentences, readPreviousManifest, saveLibrary } from "../../src/search/store.js";
import { passageSentences } from "../../src/search/sentence-encoder.js";

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
    expect([...loaded.index.sentenceVectors!.data]).toEqual([...built.index.sentenceVectors!.data]);
  });

  it("hands a rebuild the sentence vectors it already has, by sentence, and none from another encoder", async () => {
    const { seeds, index } = await freshDirs();
    const built = await buildLibrary(seeds);
    await saveLibrary(index, built);
    const known = await readKnownSentences(index);
    const sentences = passageSentences(built.passages);
    expect(known.size).toBe(new Set(sentences).size);
    expect([...known.get(sentences[3]!)!]).toEqual([...built.index.sentenceVectors!.row(3)]);
    const file = path.join(index, LIBRARY_FILE);
    await writeFile(file, JSON.stringify({ ...(await readJson<object>(file)), sentenceEncoder: "another-model" }));
    expect((await readKnownSentences(index)).size).toBe(0);
    await writeFile(file, "{ not json");
    expect((await readKnownSentences(index)).size).toBe(0);
    expect((await readKnownSentences(path.join(index, "missing"))).size).toBe(0);
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
    // Built "in the past": a rebuild (at the real time) gets another build time.
    const first = await openLibrary(template.seeds, template.index, { now: () => new Date("2020-01-01T00:00:00Z") });
    expect(first.rebuilt).toMatch(/no index/);
    firstBuild = first.library.manifest.builtAt;
    expect(firstBuild).toBe("2020-01-01T00:00:00.000Z");
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
    // Not "no index yet": the index cannot be read, and the reason says so.
    expect(rebuilt).toMatch(/^cannot read .*(ENOTDIR|not a directory)/i);
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
    expect(library.passages.length).toBeGreaterThan(0);
    expect(library.passages.filter((p) => p.file === "001_river_treaty.txt")).toEqual([]);
    const answer = await library.answer("Why did the dock workers in Porto strike?");
    expect(answer.answered).toBe(true);
    expect(answer.results.map((r) => r.source.file)).toContain("002_port.txt");
  });

  it("rebuilds, saying what happened, when library.json cannot be read (not only when it is missing)", async () => {
    await rm(libraryFile());
    await mkdir(libraryFile());
    const { rebuilt, unsaved, library } = await reopen();
    expect(rebuilt).toMatch(/^cannot read .*library\.json.*EISDIR/);
    expect(unsaved).toBeDefined();
    expect(library.manifest.counts.documents).toBe(2);
  });

  it("serves the persisted index, with a warning, when the articles folder cannot be read", async () => {
    await rename(dirs.seeds, `${dirs.seeds}-moved`);
    const { library, rebuilt, warning } = await reopen();
    expect(rebuilt).toBeUndefined();
    expect(library.manifest.builtAt).toBe(firstBuild);
    expect(warning).toBe(`cannot read the articles folder ${dirs.seeds}: it does not exist: serving the index built at ${firstBuild}`);
    expect((await library.answer("Who chaired the talks?")).answered).toBe(true);
    // Without a persisted index there is nothing to serve: the folder's error stops it.
    await rm(libraryFile());
    await expect(reopen()).rejects.toThrow(/cannot read the articles folder/);
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

describe("the manifest records what was indexed", () => {
  it("hashes the bytes the build read, so a change made meanwhile makes the next check rebuild", async () => {
    const { seeds } = await freshDirs();
    const river = path.join(seeds, "001_river_treaty.txt");
    const meta = path.join(seeds, "001_river_treaty.meta.json");
    await writeFile(meta, JSON.stringify({ title: "Nile dam talks" }));
    const original = await readFile(river);
    const originalMeta = await readFile(meta);
    // Each file is changed right after the build read it, before anything else could read it again.
    const changed = new Set<string>();
    const read = async (file: string) => {
      const bytes = await readFile(file);
      if (!changed.has(file) && (file === river || file === meta)) {
        changed.add(file);
        await writeFile(file, file === meta ? JSON.stringify({ title: "Changed meanwhile" }) : "The talks were moved to Cairo.\n");
      }
      return bytes;
    };
    const library = await buildLibrary(seeds, new Date(), { read });
    expect(changed.size).toBe(2);
    expect(library.manifest.files["001_river_treaty.txt"]).toBe(sha256(original));
    expect(library.manifest.files["001_river_treaty.meta.json"]).toBe(sha256(originalMeta));
    expect(library.sources.find((s) => s.file === "001_river_treaty.txt")?.meta.title).toBe("Nile dam talks");
    expect(library.passages.some((p) => p.file === "001_river_treaty.txt" && original.toString("utf8").includes(p.text))).toBe(true);
    expect(await seedsUnchanged(seeds, library.manifest)).toBe(false);
    // Built again from what is there now, it is current.
    expect(await seedsUnchanged(seeds, (await buildLibrary(seeds)).manifest)).toBe(true);
  });
});

describe("readPreviousManifest", () => {
  it("reads the manifest of an index of another format or options, for the report only", async () => {
    const { seeds, index } = await freshDirs();
    const built = await buildLibrary(seeds);
    await saveLibrary(index, built);
    const data = await readJson<{ manifest: Manifest }>(path.join(index, LIBRARY_FILE));
    data.manifest.optionsHash = "0123456789abcdef";
    await writeFile(path.join(index, LIBRARY_FILE), JSON.stringify(data));
    await writeFile(path.join(index, MANIFEST_FILE), JSON.stringify(data.manifest));
    await expect(loadLibrary(index)).rejects.toThrow(/analysis options changed/);
    expect(await readPreviousManifest(index)).toMatchObject({ files: built.manifest.files, optionsHash: "0123456789abcdef", counts: built.manifest.counts });
    // Without manifest.json, the one inside library.json.
    await unlink(path.join(index, MANIFEST_FILE));
    expect((await readPreviousManifest(index))?.files).toEqual(built.manifest.files);
    // Nothing readable: none.
    await writeFile(path.join(index, LIBRARY_FILE), "{ not json");
    expect(await readPreviousManifest(index)).toBeUndefined();
    expect(await readPreviousManifest(path.join(index, "missing"))).toBeUndefined();
  });
});
