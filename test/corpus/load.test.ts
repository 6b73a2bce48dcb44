import { mkdtemp, readFile, rm, writeFile, copyFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { chunkArticle } from "../../src/corpus/chunk.js";
import { MAX_ARTICLE_BYTES, SeedsFolderError, decodeText, loadSeeds, sha256, type LoadedSeeds } from "../../src/corpus/load.js";
import { Engine } from "../../src/engine.js";
import { createLogger } from "../../src/log.js";
import { buildLibrary } from "../../src/search/library.js";

// Builds run the whole pipeline; on a busy machine one can take seconds. These are not speed tests.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

const SEED = fileURLToPath(new URL("../../seeds/000_950a411777f2414a.txt", import.meta.url));
const SEED_NAME = path.basename(SEED);
const ARTICLE = [
  "Rail workers in Lisbon went on strike on Thursday over pay, halting most suburban trains.",
  "The union said the walkout would last two days unless the operator reopened talks.",
  "Commuters crowded onto buses and ferries across the river.",
].join("\n");

const BAD_FILES = {
  "image.txt": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]),
  "latin1.txt": Buffer.from("Caf\xe9 au lait in S\xe3o Paulo, a story of a strike.\n", "latin1"),
  "empty.md": Buffer.alloc(0),
  "blank.txt": Buffer.from("  \n\n \t\n"),
  "huge.txt": Buffer.alloc(MAX_ARTICLE_BYTES + 1, "word "),
};

let dir: string;
let seeds: LoadedSeeds;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "parley-load-"));
  await copyFile(SEED, path.join(dir, SEED_NAME));
  for (const [name, bytes] of Object.entries(BAD_FILES)) await writeFile(path.join(dir, name), bytes);
  await writeFile(path.join(dir, "010_rail.txt"), ARTICLE);
  await writeFile(path.join(dir, "010_rail.meta.json"), "{ title: 'not JSON' ");
  await writeFile(path.join(dir, "020_bom.md"), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`# Strike ends\n\n${ARTICLE}\n`)]));
  await writeFile(path.join(dir, "030_meta.txt"), `By Ana Costa\n${ARTICLE}\nThis article was first published by the Lisbon Ledger.\n`);
  await writeFile(path.join(dir, "030_meta.meta.json"), JSON.stringify({ title: "Lisbon rail strike", publisher: "Iberian Wire", author: 7 }));
  await writeFile(path.join(dir, "040_list.txt"), ARTICLE);
  await writeFile(path.join(dir, "040_list.meta.json"), "[1, 2]");
  await writeFile(path.join(dir, "notes.csv"), "not,an,article\n");
  seeds = await loadSeeds(dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("loading the seeds folder", () => {
  it("loads the readable articles, in file name order, and only *.txt / *.md", () => {
    expect(seeds.articles.map((a) => a.file)).toEqual([SEED_NAME, "010_rail.txt", "020_bom.md", "030_meta.txt", "040_list.txt"]);
  });

  it("skips a binary, a non-UTF-8, an empty, a blank and an oversized file, each with a reason", () => {
    const byFile = Object.fromEntries(seeds.skipped.map((s) => [s.file, s.reason]));
    expect(Object.keys(byFile).sort()).toEqual(Object.keys(BAD_FILES).sort());
    expect(byFile["image.txt"]).toMatch(/binary/);
    expect(byFile["latin1.txt"]).toMatch(/UTF-8/);
    expect(byFile["empty.md"]).toMatch(/empty/);
    expect(byFile["blank.txt"]).toMatch(/empty/);
    expect(byFile["huge.txt"]).toMatch(new RegExp(`larger than ${MAX_ARTICLE_BYTES}`));
  });

  it("warns about a malformed meta.json, naming it, and still loads the article with derived metadata", () => {
    expect(seeds.warnings.some((w) => w.startsWith("010_rail.meta.json") && /not valid JSON/.test(w))).toBe(true);
    const rail = seeds.articles.find((a) => a.file === "010_rail.txt")!;
    expect(rail.meta.title).toMatch(/^Rail workers in Lisbon went on strike/);
    expect(seeds.warnings.some((w) => w.startsWith("040_list.meta.json") && /not a JSON object/.test(w))).toBe(true);
  });

  it("lets meta.json win, warns about a field that is not text, and keeps what it leaves out", () => {
    const a = seeds.articles.find((x) => x.file === "030_meta.txt")!;
    expect(a.meta.title).toBe("Lisbon rail strike");
    expect(a.meta.publisher).toBe("Iberian Wire");
    expect(a.meta.author).toBe("Ana Costa");
    expect(seeds.warnings.some((w) => w.startsWith("030_meta.meta.json") && w.includes("author"))).toBe(true);
  });

  it("keeps a byte-order mark so offsets match the file as Node reads it", () => {
    const a = seeds.articles.find((x) => x.file === "020_bom.md")!;
    const onDisk = readFileSync(path.join(dir, "020_bom.md"), "utf8");
    expect(a.text).toBe(onDisk);
    expect(a.meta.title).toBe("Strike ends");
    for (const p of chunkArticle(a)) expect(onDisk.slice(p.start, p.end)).toBe(p.text);
  });

  it("records the SHA-256 of each article's bytes", async () => {
    const a = seeds.articles.find((x) => x.file === SEED_NAME)!;
    expect(a.hash).toBe(sha256(await readFile(SEED)));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reports a missing folder as such, naming it", async () => {
    const missing = path.join(dir, "no-such-folder");
    await expect(loadSeeds(missing)).rejects.toThrow(SeedsFolderError);
    await expect(loadSeeds(missing)).rejects.toThrow(missing);
  });
});

describe("a build over a folder with bad files", () => {
  it("goes on, and the manifest and the start-up log name every skipped file and warning", async () => {
    const library = await buildLibrary(dir);
    expect(library.manifest.counts.documents).toBe(5);
    expect(library.manifest.counts.skipped).toBe(Object.keys(BAD_FILES).length);
    expect(library.manifest.skipped.map((s) => s.file).sort()).toEqual(Object.keys(BAD_FILES).sort());

    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const index = await mkdtemp(path.join(os.tmpdir(), "parley-load-index-"));
    try {
      await Engine.open({ SEEDS_DIR: dir, INDEX_DIR: index }, createLogger("warn", sink));
    } finally {
      await rm(index, { recursive: true, force: true });
    }
    const warnings = lines.map((l) => JSON.parse(l) as { level: number; msg: string });
    for (const file of Object.keys(BAD_FILES)) expect(warnings.some((w) => w.level === 40 && w.msg.includes(file))).toBe(true);
    expect(warnings.some((w) => w.level === 40 && w.msg.includes("010_rail.meta.json"))).toBe(true);
  });
});

describe("decodeText", () => {
  it("tells text from what is not text", () => {
    expect(decodeText(Buffer.from("Plain text.\n"))).toBe("Plain text.\n");
    expect(decodeText(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toEqual({ reason: expect.stringMatching(/binary/) });
    expect(decodeText(Buffer.from([0x41, 0xc3, 0x28, 0x42]))).toEqual({ reason: expect.stringMatching(/UTF-8/) });
    expect(decodeText(Buffer.from("\x01\x02\x03\x04 control soup \x05\x06"))).toEqual({ reason: expect.stringMatching(/binary/) });
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).toBe("\uFEFFA");
  });
});
