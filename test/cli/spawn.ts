/**
 * Running the real command-line entry points in a child process, the way a user or a script
 * does, with settings pointing at temporary folders.
 */
import { spawn } from "node:child_process";
import { copyFile, mkdir, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
export const SEED = path.join(ROOT, "seeds", "000_950a411777f2414a.txt");
export const SECOND = path.join(ROOT, "test", "fixtures", "second", "001_river_treaty.txt");

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run `tsx <script> <args>` from the project folder. The child gets `env` over the parent's
 * environment with LOG_LEVEL and DISCORD_TOKEN empty (empty is unset for the settings, and a
 * variable that is present, even empty, is never overridden by a developer's `.env`).
 */
export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  /** What the child reads on stdin. */
  input?: string;
  /** A file descriptor to give the child as stdin instead of `input`. */
  stdinFd?: number;
}

export function runTsx(script: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [script, ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: "", DISCORD_TOKEN: "", ...opts.env },
      stdio: [opts.stdinFd ?? "pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin?.end(opts.input ?? "");
  });
}

/** A temporary seeds folder holding the seed article and the second test article. */
export async function tempSeeds(prefix: string): Promise<{ root: string; seeds: string; index: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), prefix));
  const seeds = path.join(root, "seeds");
  await mkdir(seeds);
  await copyFile(SEED, path.join(seeds, path.basename(SEED)));
  await copyFile(SECOND, path.join(seeds, path.basename(SECOND)));
  return { root, seeds, index: path.join(root, "index") };
}

/** Lines of a stream's text, without the empty last one. */
export const linesOf = (text: string) => text.split("\n").filter((l, i, all) => l !== "" || i < all.length - 1);
