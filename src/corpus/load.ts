/**
 * Loading the seeds folder: the one place where article files are read. Every `*.txt` / `*.md`
 * file (or link to one) becomes an {@link Article}, with `NAME.meta.json` beside it when present.
 * A file that is not readable UTF-8 text, is empty or is too large, and an article name that is
 * no file (a folder, a broken link), is skipped with a reason; it never stops a build. A missing
 * or unreadable folder is an error: there would be nothing to serve.
 *
 * What was read is fingerprinted from the very bytes read ({@link LoadedSeeds.files}), so an index
 * never records the hash of a newer file over older content; {@link hashSeeds} fingerprints the
 * same files the same way, to tell whether a build is current.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { cleanArticle } from "./clean.js";
import { metaFileName, readMetaFile, type MetaFileRead, type ReadBytes } from "./meta.js";
import type { Article } from "./types.js";

export const ARTICLE_EXTENSIONS = [".txt", ".md"] as const;
/** Files larger than this are not articles (a news article is tens of kilobytes). */
export const MAX_ARTICLE_BYTES = 5 * 1024 * 1024;

/** The fingerprint of a file that exists but could not be read. */
export const UNREADABLE = "unreadable";
/** The fingerprint of an article name that is no file (a folder, a broken link). */
export const NOT_A_FILE = "not a file";

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface LoadedSeeds {
  articles: Article[];
  skipped: SkippedFile[];
  /** Warnings that did not skip a file (e.g. a malformed meta.json that was ignored, an empty folder). */
  warnings: string[];
  /**
   * The fingerprint (SHA-256, or {@link UNREADABLE} / {@link NOT_A_FILE}) of every article name in
   * the folder, skipped ones included, and of each `NAME.meta.json` beside one, from the bytes
   * this load read.
   */
  files: Record<string, string>;
}

export interface LoadOptions {
  /** How a file's bytes are read (tests change a file between reads through it). */
  read?: ReadBytes;
}

export function isArticleFile(name: string): boolean {
  return !name.startsWith(".") && ARTICLE_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext));
}

/** The seeds folder cannot be listed: nothing could be served from it. */
export class SeedsFolderError extends Error {
  override name = "SeedsFolderError";
}

/** An article name (`*.txt`, `*.md`) in the seeds folder. */
export interface ArticleEntry {
  name: string;
  /** Why it cannot be read as an article, when it is neither a file nor a link to one. */
  notAFile?: string;
}

/**
 * The article names in `dir`, sorted, links followed (a link to a file is a file). Throws what
 * `readdir` throws.
 */
export async function readArticleEntries(dir: string): Promise<ArticleEntry[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => isArticleFile(e.name));
  const out = await Promise.all(
    entries.map(async (e): Promise<ArticleEntry> => {
      if (e.isFile()) return { name: e.name };
      if (!e.isSymbolicLink()) return { name: e.name, notAFile: e.isDirectory() ? "a folder, not a file" : "not a regular file" };
      try {
        const target = await stat(path.join(dir, e.name));
        if (target.isFile()) return { name: e.name };
        return { name: e.name, notAFile: target.isDirectory() ? "a link to a folder, not a file" : "a link to something that is not a file" };
      } catch (err) {
        return { name: e.name, notAFile: `a broken link (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` };
      }
    }),
  );
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** {@link readArticleEntries}, with a missing or unreadable folder as a {@link SeedsFolderError}. */
async function listArticles(dir: string): Promise<ArticleEntry[]> {
  try {
    return await readArticleEntries(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "it does not exist" : code === "ENOTDIR" ? "it is not a folder" : (err as Error).message;
    throw new SeedsFolderError(`cannot read the articles folder ${dir}: ${why}`);
  }
}

export async function loadSeeds(dir: string, options: LoadOptions = {}): Promise<LoadedSeeds> {
  const read = options.read ?? readFile;
  const entries = await listArticles(dir);
  const articles: Article[] = [];
  const skipped: SkippedFile[] = [];
  const warnings: string[] = [];
  const files: Record<string, string> = {};
  // `NAME.txt` and `NAME.md` share `NAME.meta.json`: it is read once.
  const metas = new Map<string, Promise<MetaFileRead>>();
  const metaOf = (file: string) => {
    const name = metaFileName(file);
    let pending = metas.get(name);
    if (!pending) {
      pending = readMetaFile(dir, file, read).then((m) => {
        if (m.bytes) files[m.file] = sha256(m.bytes);
        else if (m.unreadable) files[m.file] = UNREADABLE;
        warnings.push(...m.warnings);
        return m;
      });
      metas.set(name, pending);
    }
    return pending;
  };
  for (const { name: file, notAFile } of entries) {
    // The metadata first: an upload writes it before the article (see articles-folder.ts).
    const { meta } = await metaOf(file);
    if (notAFile) {
      files[file] = NOT_A_FILE;
      skipped.push({ file, reason: notAFile });
      continue;
    }
    const full = path.join(dir, file);
    try {
      const size = (await stat(full)).size;
      if (size > MAX_ARTICLE_BYTES) {
        files[file] = await hashFile(full);
        skipped.push({ file, reason: `larger than ${MAX_ARTICLE_BYTES} bytes` });
        continue;
      }
      const bytes = await read(full);
      files[file] = sha256(bytes);
      if (bytes.length > MAX_ARTICLE_BYTES) {
        skipped.push({ file, reason: `larger than ${MAX_ARTICLE_BYTES} bytes` });
        continue;
      }
      const decoded = decodeText(bytes);
      if (typeof decoded !== "string") {
        skipped.push({ file, reason: decoded.reason });
        continue;
      }
      const article = cleanArticle(file, decoded, files[file]!, meta);
      if (article.paragraphs.length === 0) {
        skipped.push({ file, reason: "no article text after cleaning" });
        continue;
      }
      articles.push(article);
    } catch (err) {
      files[file] ??= UNREADABLE;
      skipped.push({ file, reason: `unreadable: ${(err as Error).message}` });
    }
  }
  if (articles.length === 0) {
    const why = skipped.length ? `every article file in ${dir} was skipped` : `${dir} holds no .txt or .md article`;
    warnings.push(`no article was indexed: ${why}; questions will find nothing`);
  }
  return { articles, skipped, warnings, files };
}

/**
 * The fingerprint of each file {@link loadSeeds} reads (article names and the metadata beside
 * them), computed the same way, without cleaning anything: to tell whether a build is current.
 */
export async function hashSeeds(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const { name, notAFile } of await listArticles(dir)) {
    const meta = metaFileName(name);
    if (!(meta in out)) {
      const hash = await fingerprintFile(path.join(dir, meta));
      if (hash !== undefined) out[meta] = hash;
    }
    out[name] = notAFile ? NOT_A_FILE : ((await fingerprintFile(path.join(dir, name))) ?? UNREADABLE);
  }
  return out;
}

/**
 * The SHA-256 of a file's bytes, {@link UNREADABLE} when it cannot be read, undefined when there
 * is no such file. (A folder in its place is unreadable.)
 */
export async function fingerprintFile(file: string): Promise<string | undefined> {
  try {
    return await hashFile(file);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ENOENT" ? undefined : UNREADABLE;
  }
}

/** The SHA-256 of a file, read as a stream (a file of any size). */
async function hashFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * Text as a string, or why it is not UTF-8 text. A leading byte-order mark is kept as U+FEFF, as
 * `fs.readFile(file, "utf8")` keeps it, so offsets stay offsets into the file's text.
 */
export function decodeText(bytes: Uint8Array): string | { reason: string } {
  if (bytes.length === 0) return { reason: "empty file" };
  if (bytes.includes(0)) return { reason: "binary file (contains NUL bytes)" };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { reason: "not valid UTF-8 text" };
  }
  // eslint-disable-next-line no-control-regex
  const control = text.match(/[\u0001-\u0008\u000e-\u001f\u007f]/g)?.length ?? 0;
  if (control > text.length / 100) return { reason: "binary file (control characters)" };
  if (text.trim() === "") return { reason: "empty file" };
  return text;
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}
