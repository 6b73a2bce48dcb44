import { readFile, readdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import {
  ARTICLE_FOLDER_DEFAULTS,
  ArticleError,
  MAX_ARTICLE_NAME_CHARS,
  addArticle,
  articleFileName,
  checkArticleUpload,
  listArticleFiles,
  removeArticle,
  type ArticleErrorCode,
} from "../../src/corpus/articles-folder.js";
import { loadConfig } from "../../src/config.js";
import { Engine } from "../../src/engine.js";
import { inThreadBuilder } from "../../src/search/builder.js";
import { RIVER, captureLog, removeTempDirs, tempDirs } from "./support/fixtures.js";

afterAll(removeTempDirs);
// Builds and worker threads take a while on a busy machine; this is a hang guard, not a speed check.
vi.setConfig({ testTimeout: 30_000 });

const text = (s: string) => new TextEncoder().encode(s);
const ARTICLE = text("Ministers met in Geneva on Friday to discuss the river treaty.\nThe talks will resume in May.\n");

async function refusal(p: Promise<unknown>): Promise<ArticleError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ArticleError);
  return err as ArticleError;
}

/** Everything in the folder and its parents' other children: nothing may appear outside the seeds folder. */
async function snapshot(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(root, { recursive: true, withFileTypes: true })) out.push(path.join(e.parentPath, e.name));
  return out.sort();
}

describe("articleFileName", () => {
  it.each([
    ["../../x.txt", "bad-name"],
    ["..\\x.txt", "bad-name"],
    ["/etc/passwd.txt", "bad-name"],
    ["seeds/x.txt", "bad-name"],
    [".hidden.txt", "hidden"],
    ["..txt", "hidden"],
    ["x.pdf", "bad-extension"],
    ["x.txt.exe", "bad-extension"],
    ["x", "bad-extension"],
    [".txt", "hidden"],
    ["x.meta.json", "bad-extension"],
    ["actors.json", "bad-extension"],
    ["x.meta.txt", "bad-name"],
    ["a\u0000b.txt", "bad-name"],
    ["line\nbreak.txt", "bad-name"],
    ["-rf.txt", "bad-name"],
    ["what?.txt", "bad-name"],
    ["<script>.md", "bad-name"],
    ["", "bad-name"],
    [`${"a".repeat(MAX_ARTICLE_NAME_CHARS)}.txt`, "bad-name"],
  ] as Array<[string, ArticleErrorCode]>)("refuses %j (%s)", (name, code) => {
    let err: unknown;
    try {
      articleFileName(name);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ArticleError);
    expect((err as ArticleError).code).toBe(code);
    expect((err as ArticleError).message.length).toBeGreaterThan(10);
    expect((err as ArticleError).message).not.toMatch(/[\u0000-\u001f]/);
  });

  it.each([
    ["report.txt", "report.txt"],
    ["Report 2024.MD", "Report 2024.MD"],
    ["  spaced   out  name.txt ", "spaced out name.txt"],
    ["Élysée (draft)-1_final.md", "Élysée (draft)-1_final.md"],
    ["e\u0301te\u0301.txt", "\u00e9t\u00e9.txt"],
    [`${"a".repeat(MAX_ARTICLE_NAME_CHARS - 4)}.txt`, `${"a".repeat(MAX_ARTICLE_NAME_CHARS - 4)}.txt`],
  ])("accepts %j as %j", (name, expected) => {
    expect(articleFileName(name)).toBe(expected);
  });
});

describe("checkArticleUpload", () => {
  it("refuses a declared size over the limit before anything is downloaded, and takes the setting's default", () => {
    expect(ARTICLE_FOLDER_DEFAULTS.maxBytes).toBe(loadConfig({}).MAX_ARTICLE_UPLOAD_BYTES);
    expect(checkArticleUpload({ fileName: "a.txt", size: ARTICLE_FOLDER_DEFAULTS.maxBytes })).toBe("a.txt");
    const err = (() => {
      try {
        checkArticleUpload({ fileName: "a.txt", size: ARTICLE_FOLDER_DEFAULTS.maxBytes + 1 });
      } catch (e) {
        return e as ArticleError;
      }
    })();
    expect(err?.code).toBe("too-large");
    expect(err?.message).toContain("1 MB");
    expect(() => checkArticleUpload({ fileName: "a.txt", size: 2048 }, { maxBytes: 1024 })).toThrow(ArticleError);
  });
});

describe("addArticle", () => {
  it("writes the article and its metadata, which the next build uses", async () => {
    const dirs = await tempDirs([RIVER]);
    const added = await addArticle(dirs.seeds, {
      fileName: "geneva talks.txt",
      bytes: ARTICLE,
      meta: { title: "Talks in Geneva", publisher: "The Test Gazette", url: "https://example.org/geneva", author: " " },
    });
    expect(added).toEqual({ file: "geneva talks.txt", metaFile: "geneva talks.meta.json", bytes: ARTICLE.length, replaced: false });
    expect(await readFile(path.join(dirs.seeds, "geneva talks.txt"))).toEqual(Buffer.from(ARTICLE));
    expect(JSON.parse(await readFile(path.join(dirs.seeds, "geneva talks.meta.json"), "utf8"))).toEqual({
      title: "Talks in Geneva",
      publisher: "The Test Gazette",
      url: "https://example.org/geneva",
    });
    expect(await listArticleFiles(dirs.seeds)).toEqual([path.basename(RIVER), "geneva talks.txt"]);

    const engine = await Engine.open(dirs.settings, captureLog().log, { builder: inThreadBuilder });
    const source = engine.sources().sources.find((s) => s.file === "geneva talks.txt");
    expect(source?.meta.title).toBe("Talks in Geneva");
    expect(source?.meta.publisher).toBe("The Test Gazette");
  });

  it("writes no metadata file when none is given", async () => {
    const dirs = await tempDirs([]);
    const added = await addArticle(dirs.seeds, { fileName: "plain.md", bytes: ARTICLE });
    expect(added.metaFile).toBeUndefined();
    expect(await readdir(dirs.seeds)).toEqual(["plain.md"]);
  });

  it("refuses an existing name without replace, and replaces it with replace (keeping metadata not given again)", async () => {
    const dirs = await tempDirs([]);
    await addArticle(dirs.seeds, { fileName: "a.txt", bytes: ARTICLE, meta: { title: "First", publisher: "Gazette" } });
    const err = await refusal(addArticle(dirs.seeds, { fileName: "a.txt", bytes: text("Something else entirely.\n") }));
    expect(err.code).toBe("exists");
    expect(err.message).toContain("replace");
    expect(await readFile(path.join(dirs.seeds, "a.txt"))).toEqual(Buffer.from(ARTICLE));

    const replaced = await addArticle(dirs.seeds, { fileName: "a.txt", bytes: text("Something else entirely.\n"), meta: { title: "Second" }, replace: true });
    expect(replaced.replaced).toBe(true);
    expect(await readFile(path.join(dirs.seeds, "a.txt"), "utf8")).toBe("Something else entirely.\n");
    expect(JSON.parse(await readFile(path.join(dirs.seeds, "a.meta.json"), "utf8"))).toEqual({ title: "Second", publisher: "Gazette" });
  });

  it("never writes through a link: a linked article or metadata file is refused and its target unchanged", async () => {
    const dirs = await tempDirs([]);
    const outside = path.join(dirs.root, "outside.txt");
    await writeFile(outside, "Not an article of this folder.\n");
    await symlink(outside, path.join(dirs.seeds, "linked.txt"));
    const err = await refusal(addArticle(dirs.seeds, { fileName: "linked.txt", bytes: ARTICLE, replace: true }));
    expect(err.code).toBe("link");
    expect(await readFile(outside, "utf8")).toBe("Not an article of this folder.\n");

    const outsideMeta = path.join(dirs.root, "outside.json");
    await writeFile(outsideMeta, "{}\n");
    await symlink(outsideMeta, path.join(dirs.seeds, "fresh.meta.json"));
    const metaErr = await refusal(addArticle(dirs.seeds, { fileName: "fresh.txt", bytes: ARTICLE, meta: { title: "T" } }));
    expect(metaErr.code).toBe("link");
    expect(await readFile(outsideMeta, "utf8")).toBe("{}\n");
    expect((await readdir(dirs.seeds)).sort()).toEqual(["fresh.meta.json", "linked.txt"]);
  });

  it("refuses a name whose metadata file another article already uses", async () => {
    const dirs = await tempDirs([]);
    await addArticle(dirs.seeds, { fileName: "a.txt", bytes: ARTICLE, meta: { title: "T" } });
    const err = await refusal(addArticle(dirs.seeds, { fileName: "a.md", bytes: ARTICLE, meta: { title: "Other" }, replace: true }));
    expect(err.code).toBe("exists");
    expect(JSON.parse(await readFile(path.join(dirs.seeds, "a.meta.json"), "utf8"))).toEqual({ title: "T" });
  });

  it.each([
    ["binary", "b.txt", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), "not-text"],
    ["not UTF-8", "latin1.txt", Buffer.from("caf\xe9 au lait, a Paris news story\n", "latin1"), "not-text"],
    ["empty", "empty.txt", Buffer.alloc(0), "not-text"],
    ["too large", "big.txt", Buffer.alloc(2048, "a"), "too-large"],
    ["wrong extension", "x.pdf", ARTICLE, "bad-extension"],
    ["path traversal", "../../x.txt", ARTICLE, "bad-name"],
    ["hidden", ".hidden.txt", ARTICLE, "hidden"],
  ] as Array<[string, string, Uint8Array, ArticleErrorCode]>)("refuses %s input and writes nothing", async (_what, fileName, bytes, code) => {
    const dirs = await tempDirs([RIVER]);
    const before = await snapshot(dirs.root);
    const err = await refusal(addArticle(dirs.seeds, { fileName, bytes }, { maxBytes: 1024 }));
    expect(err.code).toBe(code);
    expect(await snapshot(dirs.root)).toEqual(before);
  });

  it("refuses bad metadata with the field named", async () => {
    const dirs = await tempDirs([]);
    const badUrl = await refusal(addArticle(dirs.seeds, { fileName: "a.txt", bytes: ARTICLE, meta: { url: "javascript:alert(1)" } }));
    expect(badUrl.code).toBe("bad-meta");
    expect(badUrl.message).toContain("url");
    const long = await refusal(addArticle(dirs.seeds, { fileName: "a.txt", bytes: ARTICLE, meta: { title: "t".repeat(301) } }));
    expect(long.message).toContain("title");
    const unknown = await refusal(addArticle(dirs.seeds, { fileName: "a.txt", bytes: ARTICLE, meta: { colour: "red" } as never }));
    expect(unknown.message).toContain("colour");
    expect(await readdir(dirs.seeds)).toEqual([]);
  });

  it("keeps one of two simultaneous uploads of a new name and refuses the other", async () => {
    const dirs = await tempDirs([]);
    const results = await Promise.allSettled([
      addArticle(dirs.seeds, { fileName: "same.txt", bytes: text("First version of the story.\n") }),
      addArticle(dirs.seeds, { fileName: "same.txt", bytes: text("Second version of the story.\n") }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await readFile(path.join(dirs.seeds, "same.txt"), "utf8")).toBe("First version of the story.\n");
  });
});

describe("removeArticle", () => {
  it("removes the article and its metadata", async () => {
    const dirs = await tempDirs([RIVER]);
    await addArticle(dirs.seeds, { fileName: "a.txt", bytes: ARTICLE, meta: { title: "T" } });
    expect(await removeArticle(dirs.seeds, "a.txt")).toEqual({ file: "a.txt", metaFile: "a.meta.json" });
    expect(await readdir(dirs.seeds)).toEqual([path.basename(RIVER)]);
    expect(await removeArticle(dirs.seeds, path.basename(RIVER))).toEqual({ file: path.basename(RIVER) });
    expect(await listArticleFiles(dirs.seeds)).toEqual([]);
  });

  it("refuses names that are not articles in the folder", async () => {
    const dirs = await tempDirs([RIVER]);
    await writeFile(path.join(dirs.root, "outside.txt"), "not in the seeds folder\n");
    await writeFile(path.join(dirs.seeds, "actors.json"), "{}\n");
    const before = await snapshot(dirs.root);
    for (const name of ["../outside.txt", "missing.txt", "actors.json", "", "."]) {
      const err = await refusal(removeArticle(dirs.seeds, name));
      expect(err.code).toBe("not-found");
    }
    expect(await snapshot(dirs.root)).toEqual(before);
  });

  it("keeps a metadata file another article still uses", async () => {
    const dirs = await tempDirs([]);
    await writeFile(path.join(dirs.seeds, "a.txt"), ARTICLE);
    await writeFile(path.join(dirs.seeds, "a.md"), ARTICLE);
    await writeFile(path.join(dirs.seeds, "a.meta.json"), '{"title":"T"}\n');
    expect(await removeArticle(dirs.seeds, "a.md")).toEqual({ file: "a.md" });
    expect((await readdir(dirs.seeds)).sort()).toEqual(["a.meta.json", "a.txt"]);
  });
});

describe("listArticleFiles", () => {
  it("lists only article files, sorted, and nothing for a missing folder", async () => {
    const dirs = await tempDirs([]);
    for (const f of ["b.md", "a.txt", ".hidden.txt", "a.meta.json", "actors.json", "notes.pdf"]) await writeFile(path.join(dirs.seeds, f), "x\n");
    expect(await listArticleFiles(dirs.seeds)).toEqual(["a.txt", "b.md"]);
    expect(await listArticleFiles(path.join(dirs.root, "nope"))).toEqual([]);
  });
});
