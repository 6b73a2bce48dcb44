/** Paths to the project's seed article and test fixtures, and a temporary copy of the seeds to build from. */
import { copyFile, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export const SEED_ARTICLE = path.join(ROOT, "seeds", "000_950a411777f2414a.txt");
export const SEED_ACTORS = path.join(ROOT, "seeds", "actors.json");
export const SECOND_ARTICLE_DIR = path.join(ROOT, "test", "fixtures", "second");

export function fixture(name: string): string {
  return path.join(ROOT, "test", "fixtures", name);
}

/**
 * A fresh folder holding the seed article and its curated actors, so that tests never depend on
 * what else a moderator has put in the project's own seeds/ folder.
 */
export async function seedCopy(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "parley-seed-"));
  await copyFile(SEED_ARTICLE, path.join(dir, path.basename(SEED_ARTICLE)));
  await copyFile(SEED_ACTORS, path.join(dir, path.basename(SEED_ACTORS)));
  return dir;
}
