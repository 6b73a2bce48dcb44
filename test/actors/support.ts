/** Temporary seeds folders for the actor tests: copies of the test articles, with or without a curated file. */
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ActorQuote } from "../../src/actors/registry.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const SEED = path.join(ROOT, "seeds", "000_950a411777f2414a.txt");
export const CURATED = path.join(ROOT, "seeds", "actors.json");
export const SECOND = path.join(ROOT, "test", "fixtures", "second", "001_river_treaty.txt");

export interface TempSeeds {
  root: string;
  seeds: string;
  index: string;
}

/** A temporary seeds folder with copies of `files` (and any extra files given as text). */
export async function tempSeeds(prefix: string, files: string[], extra: Record<string, string> = {}): Promise<TempSeeds> {
  const root = await mkdtemp(path.join(os.tmpdir(), prefix));
  const seeds = path.join(root, "seeds");
  await mkdir(seeds);
  for (const f of files) await copyFile(f, path.join(seeds, path.basename(f)));
  for (const [name, text] of Object.entries(extra)) await writeFile(path.join(seeds, name), text);
  return { root, seeds, index: path.join(root, "index") };
}

/** The text of every file in a seeds folder that quotes cite. */
export async function fileTexts(seeds: string, files: Iterable<string>): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of files) out.set(f, await readFile(path.join(seeds, f), "utf8"));
  return out;
}

/** Whether a quote is the exact text of the file at its offsets. */
export function verbatim(texts: ReadonlyMap<string, string>, q: ActorQuote): boolean {
  return texts.get(q.source.file)?.slice(q.source.start, q.source.end) === q.quote;
}

/** Lower case, one apostrophe, no possessive: for "the quote names the actor" checks. */
export const fold = (s: string) => s.toLowerCase().replace(/[’‘]/g, "'").replace(/'s\b/g, "");
