/**
 * Loading the seeds folder: the one place where article files are read. Every `*.txt` / `*.md`
 * file becomes an {@link Article}, with `NAME.meta.json` beside it when present. A file that is
 * not readable UTF-8 text, is empty or is too large is skipped with a reason; it never stops a
 * build. A missing or unreadable folder is an error: there would be nothing to serve.
 */
import { createHash } from "node:crypto";
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { cleanArticle } from "./clean.js";
import type { Article, SourceMeta } from "./types.js";

export const ARTICLE_EXTENSIONS = [".txt", ".md"] as const;
/** Files larger than this are not articles (a news article is tens of kilobytes). */
export const MAX_ARTICLE_BYTES = 5 * 1024 * 1024;

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface LoadedSeeds {
  articles: Article[];
  skipped: SkippedFile[];
  /** Warnings that did not skip a file (e.g. a malformed meta.json that was ignored). */
  warnings: string[];
}

export function isArticleFile(name: string): boolean {
  return !name.startsWith(".") && ARTICLE_EXTENSIONS.some((ext) => name.toLowerCase().endsWith(ext));
}

/** The seeds folder cannot be listed: nothing could be served from it. */
export class SeedsFolderError extends Error {
  override name = "SeedsFolderError";
}

/** The files of the seeds folder, sorted by name; a missing or unreadable folder is a {@link SeedsFolderError}. */
async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => e.name).sort();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "it does not exist" : code === "ENOTDIR" ? "it is not a folder" : (err as Error).message;
    throw new SeedsFolderError(`cannot read the articles folder ${dir}: ${why}`);
  }
}

export async function loadSeeds(dir: string): Promise<LoadedSeeds> {
  const names = (await listFiles(dir)).filter(isArticleFile);
  const articles: Article[] = [];
  const skipped: SkippedFile[] = [];
  const warnings: string[] = [];
  for (const file of names) {
    const full = path.join(dir, file);
    try {
      const size = (await stat(full)).size;
      if (size > MAX_ARTICLE_BYTES) {
        skipped.push({ file, reason: `larger than ${MAX_ARTICLE_BYTES} bytes` });
        continue;
      }
      const bytes = await readFile(full);
      const decoded = decodeText(bytes);
      if (typeof decoded !== "string") {
        skipped.push({ file, reason: decoded.reason });
        continue;
      }
      const meta = await readMeta(dir, file, warnings);
      const article = cleanArticle(file, decoded, sha256(bytes), meta);
      if (article.paragraphs.length === 0) {
        skipped.push({ file, reason: "no article text after cleaning" });
        continue;
      }
      articles.push(article);
    } catch (err) {
      skipped.push({ file, reason: `unreadable: ${(err as Error).message}` });
    }
  }
  return { articles, skipped, warnings };
}

/** The SHA-256 of each article file in the folder, for staleness checks, without cleaning them. */
export async function hashSeeds(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await listFiles(dir)) {
    if (!(isArticleFile(name) || name.endsWith(".json"))) continue;
    try {
      out[name] = sha256(await readFile(path.join(dir, name)));
    } catch {
      out[name] = "unreadable";
    }
  }
  return out;
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

const META_FIELDS = ["title", "publisher", "author", "url", "published"] as const;

async function readMeta(dir: string, file: string, warnings: string[]): Promise<Partial<SourceMeta>> {
  const metaFile = `${file.replace(/\.(txt|md)$/i, "")}.meta.json`;
  let raw: string;
  try {
    raw = await readFile(path.join(dir, metaFile), "utf8");
  } catch {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    warnings.push(`${metaFile}: ignored, not valid JSON (${(err as Error).message})`);
    return {};
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    warnings.push(`${metaFile}: ignored, not a JSON object`);
    return {};
  }
  const meta: Partial<SourceMeta> = {};
  const wrong: string[] = [];
  for (const key of META_FIELDS) {
    const value = (parsed as Record<string, unknown>)[key];
    if (typeof value === "string" && value.trim() !== "") meta[key] = value.trim();
    else if (value !== undefined && value !== null && typeof value !== "string") wrong.push(key);
  }
  if (wrong.length) warnings.push(`${metaFile}: ${wrong.join(", ")} ignored, not text`);
  return meta;
}
