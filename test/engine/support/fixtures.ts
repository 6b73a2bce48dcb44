/** Shared set-up for the engine tests: temporary seeds/index folders, a log that can be read back, gates. */
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { createLogger, type Logger } from "../../../src/log.js";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const RIVER = path.join(ROOT, "test/fixtures/second/001_river_treaty.txt");
export const AFGHAN = path.join(ROOT, "seeds/000_950a411777f2414a.txt");
/** A question only the river article answers. */
export const RIVER_QUESTION = "Who chaired the talks?";

export interface Dirs {
  root: string;
  seeds: string;
  index: string;
  settings: { SEEDS_DIR: string; INDEX_DIR: string };
}

const made: string[] = [];

/** A fresh temporary folder with `seeds/` holding copies of `articles`, and an `index/` path. */
export async function tempDirs(articles: string[] = [RIVER]): Promise<Dirs> {
  const root = await mkdtemp(path.join(tmpdir(), "parley-engine-"));
  made.push(root);
  const seeds = path.join(root, "seeds");
  const index = path.join(root, "index");
  await mkdir(seeds);
  for (const a of articles) await copyFile(a, path.join(seeds, path.basename(a)));
  return { root, seeds, index, settings: { SEEDS_DIR: seeds, INDEX_DIR: index } };
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

export interface CapturedLog {
  log: Logger;
  /** Every line logged so far, parsed. */
  lines(): Array<Record<string, unknown>>;
}

export function captureLog(): CapturedLog {
  const out: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      out.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  const log = createLogger("debug", sink);
  return { log, lines: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

export interface Deferred<T = void> {
  promise: Promise<T>;
  resolve(value: T): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
