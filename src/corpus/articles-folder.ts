/**
 * Adding and removing articles in the seeds folder, safely: what `/source add` and
 * `/source remove` do underneath (they then refresh the index). Nothing here knows Discord.
 *
 * - A file name is checked and tidied by {@link articleFileName}: a plain name (no folders, no
 *   control characters), not hidden, `.txt` or `.md`, letters, digits and a little punctuation, at most
 *   {@link MAX_ARTICLE_NAME_CHARS} characters (an autocomplete choice's limit).
 * - The text must be UTF-8 ({@link decodeText}) and no larger than the upload limit
 *   (`MAX_ARTICLE_UPLOAD_BYTES`).
 * - An existing article is replaced only when asked (`replace: true`).
 * - The article and its `NAME.meta.json` are each written atomically (write-file-atomic): the
 *   metadata first, then the article, so a build never sees the new article without its
 *   metadata; removal goes the other way round.
 *
 * Every refusal is an {@link ArticleError} whose message can be shown to a moderator as it is.
 */
import { lstat, unlink } from "node:fs/promises";
import path from "node:path";
import writeFileAtomic from "write-file-atomic";
import { loadConfig } from "../config.js";
import { ARTICLE_EXTENSIONS, decodeText, readArticleEntries } from "./load.js";
import { UploadMetaSchema, metaFileName, readMetaFile, type ArticleMeta } from "./meta.js";

export { metaFileName, type ArticleMeta };

/** Longest article file name, in characters (a Discord autocomplete choice holds 100). */
export const MAX_ARTICLE_NAME_CHARS = 100;

export const ARTICLE_FOLDER_DEFAULTS = {
  /** Largest article accepted, in bytes: the `MAX_ARTICLE_UPLOAD_BYTES` setting's default. */
  maxBytes: loadConfig({}).MAX_ARTICLE_UPLOAD_BYTES,
};

export type ArticleErrorCode = "bad-name" | "bad-extension" | "hidden" | "too-large" | "not-text" | "bad-meta" | "exists" | "not-found" | "link";

/** Why an article was refused; `message` is written for the moderator who sent it. */
export class ArticleError extends Error {
  override name = "ArticleError";
  constructor(
    readonly code: ArticleErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface AddArticleInput {
  /** The name it was uploaded under; checked and tidied by {@link articleFileName}. */
  fileName: string;
  bytes: Uint8Array;
  /** Written to `NAME.meta.json`. When replacing, it is merged over the existing metadata. */
  meta?: ArticleMeta;
  /** Replace an article of the same name; without it an existing name is refused. */
  replace?: boolean;
}

export interface ArticleFolderOptions {
  /** Largest article accepted, in bytes (`MAX_ARTICLE_UPLOAD_BYTES`). */
  maxBytes?: number;
}

export interface AddedArticle {
  /** The file name it was saved under, in the seeds folder. */
  file: string;
  /** Its metadata file, when one was written. */
  metaFile?: string;
  bytes: number;
  /** True when it replaced an article of the same name. */
  replaced: boolean;
}

export interface RemovedArticle {
  file: string;
  /** Its metadata file, when there was one (removed too). */
  metaFile?: string;
}

const NAME_CHARS = /^[\p{L}\p{N}][\p{L}\p{N}\p{M} ._()'-]*$/u;
/** A file name is at most 255 bytes on common file systems; the metadata file's name is the longer one. */
const MAX_NAME_BYTES = 255;

/**
 * The file name an upload is saved under, or an {@link ArticleError}. Whitespace runs become a
 * single space and the name is Unicode-normalised (NFC); anything that could leave the folder,
 * hide a file or confuse the index is refused rather than rewritten, so what is saved is what the
 * moderator sees.
 */
export function articleFileName(raw: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[/\\\u0000-\u001f\u007f]/.test(raw))
    throw new ArticleError("bad-name", `"${printable(raw)}" is not a plain file name: folders and control characters are not allowed.`);
  const name = raw.normalize("NFC").trim().replace(/\s+/g, " ");
  if (name === "") throw new ArticleError("bad-name", "The file has no name.");
  if (name.startsWith(".")) throw new ArticleError("hidden", `"${printable(name)}" would be a hidden file; the name must not start with a dot.`);
  const ext = path.extname(name).toLowerCase();
  if (!(ARTICLE_EXTENSIONS as readonly string[]).includes(ext) || name.length === ext.length)
    throw new ArticleError("bad-extension", `"${printable(name)}" is not a .txt or .md file; only ${ARTICLE_EXTENSIONS.join(" and ")} articles are accepted.`);
  if (name.toLowerCase().endsWith(".meta.txt") || name.toLowerCase().endsWith(".meta.md"))
    throw new ArticleError("bad-name", `"${printable(name)}" looks like a metadata file; choose another name.`);
  if (!NAME_CHARS.test(name))
    throw new ArticleError("bad-name", `"${printable(name)}": use letters, digits, spaces and . _ - ( ) ' only, starting with a letter or digit.`);
  if (name.length > MAX_ARTICLE_NAME_CHARS || Buffer.byteLength(metaFileName(name)) > MAX_NAME_BYTES)
    throw new ArticleError("bad-name", `The file name is too long (at most ${MAX_ARTICLE_NAME_CHARS} characters).`);
  return name;
}

/**
 * Check an upload before downloading it: its name and its declared size. Returns the name it
 * would be saved under.
 */
export function checkArticleUpload(upload: { fileName: string; size: number }, options: ArticleFolderOptions = {}): string {
  const file = articleFileName(upload.fileName);
  checkSize(file, upload.size, options.maxBytes ?? ARTICLE_FOLDER_DEFAULTS.maxBytes);
  return file;
}

/** Check metadata a moderator gave: known fields only, sensible lengths, an http(s) URL. Empty values are dropped. */
export function checkArticleMeta(meta: Record<string, unknown>): ArticleMeta {
  const given = Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined && !(typeof v === "string" && v.trim() === "")));
  const parsed = UploadMetaSchema.safeParse(given);
  if (parsed.success) return parsed.data as ArticleMeta;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join(".") || (issue.code === "unrecognized_keys" ? issue.keys.join(", ") : "metadata");
  throw new ArticleError("bad-meta", `Bad ${field}: ${issue.message}.`);
}

/**
 * Write an article (and its metadata) into the seeds folder. Refuses, with an
 * {@link ArticleError}, a bad name, a file that is too large or not UTF-8 text, and an existing
 * name unless `replace` is set. Does not refresh the index: call `engine.reindex` next.
 */
export async function addArticle(seedsDir: string, input: AddArticleInput, options: ArticleFolderOptions = {}): Promise<AddedArticle> {
  const file = articleFileName(input.fileName);
  checkSize(file, input.bytes.length, options.maxBytes ?? ARTICLE_FOLDER_DEFAULTS.maxBytes);
  const text = decodeText(input.bytes);
  if (typeof text !== "string") throw new ArticleError("not-text", `${file} was refused: ${text.reason}. Articles must be UTF-8 text.`);
  const meta = checkArticleMeta(input.meta ?? {});
  return exclusive(seedsDir, async () => {
    const existing = new Set(await listArticleFiles(seedsDir));
    const replaced = existing.has(file);
    if (replaced && !input.replace) throw new ArticleError("exists", `${file} already exists; add it again with replace to overwrite it.`);
    const metaFile = metaFileName(file);
    const sibling = [...existing].find((f) => f !== file && metaFileName(f) === metaFile);
    if (sibling) throw new ArticleError("exists", `${sibling} already exists under the same name with another extension; choose another name.`);
    // The metadata kept from before: what the build would use of it (a malformed file keeps nothing).
    const previous = replaced ? (await readMetaFile(seedsDir, file)).meta : {};
    const merged = { ...previous, ...meta };
    const wroteMeta = Object.keys(merged).length > 0;
    // Writing through a link would change a file outside the folder: links are replaced by hand only.
    await refuseLink(seedsDir, file);
    if (wroteMeta) await refuseLink(seedsDir, metaFile);
    if (wroteMeta) await writeFileAtomic(path.join(seedsDir, metaFile), `${JSON.stringify(merged, null, 2)}\n`, { fsync: true });
    await writeFileAtomic(path.join(seedsDir, file), Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength), { fsync: true });
    return { file, ...(wroteMeta ? { metaFile } : {}), bytes: input.bytes.length, replaced };
  });
}

/** Remove an article and its metadata file from the seeds folder. Does not refresh the index. */
export async function removeArticle(seedsDir: string, fileName: string): Promise<RemovedArticle> {
  return exclusive(seedsDir, async () => {
    const files = await listArticleFiles(seedsDir);
    // Only a name that is listed can be removed, so nothing outside the folder can be named.
    if (!files.includes(fileName)) throw new ArticleError("not-found", `There is no article named "${printable(fileName)}".`);
    const metaFile = metaFileName(fileName);
    const sharedMeta = files.some((f) => f !== fileName && metaFileName(f) === metaFile);
    await unlink(path.join(seedsDir, fileName));
    if (sharedMeta) return { file: fileName };
    try {
      await unlink(path.join(seedsDir, metaFile));
      return { file: fileName, metaFile };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return { file: fileName };
      throw err;
    }
  });
}

/** The article files in the seeds folder (links to files included), sorted (for autocomplete); none when the folder is missing. */
export async function listArticleFiles(seedsDir: string): Promise<string[]> {
  try {
    return (await readArticleEntries(seedsDir)).filter((e) => e.notAFile === undefined).map((e) => e.name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
}

async function refuseLink(seedsDir: string, name: string): Promise<void> {
  const stats = await lstat(path.join(seedsDir, name)).catch(() => undefined);
  if (stats?.isSymbolicLink()) {
    throw new ArticleError("link", `${name} is a link in the articles folder; it can only be replaced there, not from Discord.`);
  }
}

function checkSize(file: string, bytes: number, maxBytes: number): void {
  if (bytes > maxBytes) throw new ArticleError("too-large", `${file} is ${formatBytes(bytes)}; the limit is ${formatBytes(maxBytes)}.`);
}

/** Changes to one folder, one at a time within this process (check-then-write stays consistent). */
const folderQueues = new Map<string, Promise<unknown>>();
function exclusive<T>(dir: string, task: () => Promise<T>): Promise<T> {
  const key = path.resolve(dir);
  const run = (folderQueues.get(key) ?? Promise.resolve()).catch(() => undefined).then(task);
  folderQueues.set(key, run);
  void run.finally(() => {
    if (folderQueues.get(key) === run) folderQueues.delete(key);
  }).catch(() => undefined);
  return run;
}

/** A size for people: "850 bytes", "12.5 KB", "2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/** A name as it may be echoed back: control characters shown as �, at most 100 characters. */
function printable(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[\u0000-\u001f\u007f]/g, "\uFFFD");
  return clean.length > 100 ? `${clean.slice(0, 99)}…` : clean;
}
