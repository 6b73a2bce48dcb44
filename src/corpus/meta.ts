/**
 * An article's metadata file, `NAME.meta.json` beside `NAME.txt` / `NAME.md`: the one schema of
 * its fields and the one reader of it, for the build and for uploads.
 *
 * - The build reads it leniently ({@link readMetaFile}): a file that is not JSON or not an object
 *   is ignored, and a field the schema refuses is left out; each with a warning naming the file,
 *   never fatal. Unknown fields are ignored; empty values are dropped.
 * - An upload is checked strictly against {@link UploadMetaSchema}, the same fields with limits
 *   (`checkArticleMeta` in `articles-folder.ts`): unknown fields and bad values are refused.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { SourceMeta } from "./types.js";

/** The metadata a `NAME.meta.json` may give (all optional). */
export type ArticleMeta = Partial<Pick<SourceMeta, "title" | "publisher" | "author" | "url" | "published">>;

const TEXT = z.string().trim().min(1);

/** The fields of a metadata file, as the build takes them: each is text. */
export const MetaSchema = z.object({ title: TEXT, publisher: TEXT, author: TEXT, url: TEXT, published: TEXT }).partial();

/**
 * What an upload may give: the same fields and no others, each short enough for Discord's fields,
 * and the URL an http(s) one.
 */
export const UploadMetaSchema = MetaSchema.extend({
  title: TEXT.max(300).optional(),
  publisher: TEXT.max(200).optional(),
  author: TEXT.max(200).optional(),
  url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  published: TEXT.max(100).optional(),
}).strict();

const FIELD_NAMES = Object.keys(MetaSchema.shape) as Array<keyof ArticleMeta>;

/** An article's metadata file name: `NAME.meta.json` (shared by `NAME.txt` and `NAME.md`). */
export function metaFileName(articleFile: string): string {
  return `${articleFile.replace(/\.(txt|md)$/i, "")}.meta.json`;
}

/** Reads a file's bytes (the build passes its own, so tests can change a file between reads). */
export type ReadBytes = (file: string) => Promise<Uint8Array>;

export interface MetaFileRead {
  /** The metadata file's name, e.g. `canal.meta.json`. */
  file: string;
  meta: ArticleMeta;
  /** The bytes read; undefined when there is no such file, or it could not be read. */
  bytes?: Uint8Array;
  /** True when the file exists but could not be read. */
  unreadable?: boolean;
  warnings: string[];
}

/**
 * Read the metadata beside `articleFile` in `dir`, leniently. No file is no metadata, silently; a
 * file that cannot be read, is not JSON, or has bad fields gives warnings and what could be used.
 */
export async function readMetaFile(dir: string, articleFile: string, read: ReadBytes = readFile): Promise<MetaFileRead> {
  const file = metaFileName(articleFile);
  let bytes: Uint8Array;
  try {
    bytes = await read(path.join(dir, file));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return { file, meta: {}, warnings: [] };
    return { file, meta: {}, unreadable: true, warnings: [`${file}: ignored, cannot be read (${(err as Error).message})`] };
  }
  return { file, bytes, ...parseMetaFile(file, new TextDecoder().decode(bytes)) };
}

/** Metadata from a metadata file's text, leniently (see the module comment). */
export function parseMetaFile(file: string, raw: string): { meta: ArticleMeta; warnings: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.replace(/^\uFEFF/, ""));
  } catch (err) {
    return { meta: {}, warnings: [`${file}: ignored, not valid JSON (${(err as Error).message})`] };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { meta: {}, warnings: [`${file}: ignored, not a JSON object`] };
  const meta: ArticleMeta = {};
  const wrong: string[] = [];
  for (const key of FIELD_NAMES) {
    const value = (parsed as Record<string, unknown>)[key];
    if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) continue;
    if (typeof value !== "string") {
      wrong.push(`${key} (not text)`);
      continue;
    }
    const field = MetaSchema.shape[key].safeParse(value);
    if (field.success) meta[key] = field.data;
    else wrong.push(`${key} (${field.error.issues[0]?.message ?? "invalid"})`);
  }
  return { meta, warnings: wrong.length ? [`${file}: ignored ${wrong.join(", ")}`] : [] };
}
