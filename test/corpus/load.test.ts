import { mkdir, mkdtemp, readFile, rm, symlink, writeFile, copyFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { chunkArticle } from "../../src/corpus/chunk.js";
import { MAX_ARTICLE_BYTES, NOT_A_FILE, SeedsFolderError, decodeText, hashSeeds, loadSeeds, sha256, type LoadedSeeds } from "../../src/corpus/load.js";
import { Engine } from "../../src/engine.js";
import { createLogger } from "../../src/log.js";
import { buildLibrary, seedFingerprints } from "../../src/search/library.js";

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

describe("what the seeds folder holds besides plain files", () => {
  let other: string;
  let loaded: LoadedSeeds;

  beforeAll(async () => {
    other = await mkdtemp(path.join(os.tmpdir(), "parley-load-links-"));
    const outside = path.join(other, "outside");
    const seedsDir = path.join(other, "seeds");
    await mkdir(outside);
    await mkdir(seedsDir);
    await writeFile(path.join(outside, "rail.txt"), ARTICLE);
    await symlink(path.join(outside, "rail.txt"), path.join(seedsDir, "010_linked.txt"));
    await symlink(path.join(outside, "gone.txt"), path.join(seedsDir, "020_broken.txt"));
    await mkdir(path.join(seedsDir, "030_folder.md"));
    await symlink(outside, path.join(seedsDir, "040_folder-link.txt"));
    await writeFile(path.join(seedsDir, "050_plain.txt"), ARTICLE);
    // A metadata file that cannot be read (a folder in its place), one beside no article, other JSON.
    await mkdir(path.join(seedsDir, "050_plain.meta.json"));
    await writeFile(path.join(seedsDir, "orphan.meta.json"), JSON.stringify({ title: "No article" }));
    await writeFile(path.join(seedsDir, "notes.json"), "{}");
    loaded = await loadSeeds(seedsDir);
  });

  afterAll(async () => {
    await rm(other, { recursive: true, force: true });
  });

  it("follows a link to an article file", () => {
    const linked = loaded.articles.find((a) => a.file === "010_linked.txt");
    expect(linked?.text).toBe(ARTICLE);
    expect(linked?.hash).toBe(sha256(ARTICLE));
  });

  it("skips a broken link, a folder and a link to a folder, each with a reason", () => {
    const byFile = Object.fromEntries(loaded.skipped.map((s) => [s.file, s.reason]));
    expect(Object.keys(byFile).sort()).toEqual(["020_broken.txt", "030_folder.md", "040_folder-link.txt"]);
    expect(byFile["020_broken.txt"]).toMatch(/broken link/);
    expect(byFile["030_folder.md"]).toMatch(/folder/);
    expect(byFile["040_folder-link.txt"]).toMatch(/link to a folder/);
  });

  it("warns about a metadata file that cannot be read, and still loads its article", () => {
    expect(loaded.articles.map((a) => a.file)).toContain("050_plain.txt");
    expect(loaded.warnings.some((w) => w.startsWith("050_plain.meta.json") && /cannot be read/.test(w))).toBe(true);
  });

  it("fingerprints every article name and the metadata beside one, from what it read, and nothing else", async () => {
    expect(Object.keys(loaded.files).sort()).toEqual(
      ["010_linked.txt", "020_broken.txt", "030_folder.md", "040_folder-link.txt", "050_plain.meta.json", "050_plain.txt"].sort(),
    );
    expect(loaded.files["010_linked.txt"]).toBe(sha256(ARTICLE));
    expect(loaded.files["030_folder.md"]).toBe(NOT_A_FILE);
    // A check of the folder computes the very same fingerprints.
    expect(await hashSeeds(path.join(other, "seeds"))).toEqual(loaded.files);
  });

  it("counts actors.json among the files a build reads, and no other JSON", async () => {
    const seedsDir = path.join(other, "seeds");
    await writeFile(path.join(seedsDir, "actors.json"), JSON.stringify({ actors: [] }));
    try {
      const fingerprints = await seedFingerprints(seedsDir);
      expect(fingerprints["actors.json"]).toBe(sha256(JSON.stringify({ actors: [] })));
      expect(Object.keys(fingerprints).filter((f) => f.endsWith(".json")).sort()).toEqual(["050_plain.meta.json", "actors.json"]);
      expect((await buildLibrary(seedsDir)).manifest.files).toEqual(fingerprints);
    } finally {
      await rm(path.join(seedsDir, "actors.json"));
    }
  });
});

describe("an empty corpus", () => {
  it("builds, with a warning in the manifest and in the start-up log", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "parley-load-empty-"));
    try {
      const seedsDir = path.join(root, "seeds");
      await mkdir(seedsDir);
      await writeFile(path.join(seedsDir, "notes.csv"), "not,an,article\n");
      const library = await buildLibrary(seedsDir);
      expect(library.manifest.counts.documents).toBe(0);
      expect(library.manifest.warnings).toEqual([expect.stringMatching(/^no article was indexed: .*holds no \.txt or \.md article/)]);

      await writeFile(path.join(seedsDir, "blank.txt"), "   \n");
      expect((await loadSeeds(seedsDir)).warnings).toEqual([expect.stringMatching(/^no article was indexed: every article file .* was skipped/)]);

      const lines: string[] = [];
      const sink = new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      });
      await Engine.open({ SEEDS_DIR: seedsDir, INDEX_DIR: path.join(root, "index") }, createLogger("warn", sink));
      const logged = lines.map((l) => JSON.parse(l) as { level: number; msg: string });
      expect(logged.some((l) => l.level === 40 && l.msg.startsWith("no article was indexed"))).toBe(true);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe("metadata files", () => {
  it("keep the fields that are text and warn about the others", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "parley-load-meta-"));
    try {
      await writeFile(path.join(root, "a.txt"), ARTICLE);
      const longTitle = `Rail strike ${"and more ".repeat(50)}`.trim();
      await writeFile(path.join(root, "a.meta.json"), JSON.stringify({ title: ` ${longTitle} `, url: 7, author: ["x"], publisher: "", colour: "red" }));
      const { articles, warnings } = await loadSeeds(root);
      // No upload limits here: a title longer than an upload may give is kept (Discord shortens it).
      expect(articles[0]!.meta.title).toBe(longTitle);
      expect(articles[0]!.meta.url).toBeUndefined();
      expect(articles[0]!.meta.publisher).toBeUndefined();
      expect(warnings).toEqual(["a.meta.json: ignored author (not text), url (not text)"]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
