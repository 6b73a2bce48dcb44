import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { buildLibrary } from "../../src/search/library.js";
import { loadLibrary, openLibrary, saveLibrary } from "../../src/search/store.js";
import { builtAtOfGeneration, generationOfBuiltAt, withManifest } from "./support/generations.js";
import { AFGHAN, RIVER, removeTempDirs, tempDirs } from "./support/fixtures.js";

afterAll(removeTempDirs);

const SCRIPT = fileURLToPath(new URL("./support/persist-loop.ts", import.meta.url));
/** Saves the child completes before the countdown to its kill starts. */
const WARM_UP_SAVES = 2;
/** Milliseconds after that at which it is killed: in the middle of writes, between them, before and after renames. */
const KILL_DELAYS = [0, 10, 25, 40, 60, 90];
/** Warnings that make the persisted index large (several MB), so that a write takes a while to be killed in. */
const PADDING = Array.from({ length: 40_000 }, (_, i) => `padding warning ${i}: ${"x".repeat(80)}`);

interface Run {
  /** The last generation the child started to write, and the last it finished (0: the one it loaded). */
  writing: number;
  saved: number;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * Start the persisting child and SIGKILL it `delay` ms after its warm-up saves. Node is started
 * directly with tsx's loader (`node --import tsx`), not through `npx tsx`: the tsx command runs
 * the script in a second process, which a SIGKILL to the first would leave running.
 */
function persistAndKill(indexDir: string, delay: number): Promise<Run> {
  const child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), SCRIPT, indexDir], { stdio: ["ignore", "pipe", "pipe"] });
  const run: Run = { writing: 0, saved: 0, signal: null, stderr: "" };
  child.stderr.on("data", (d: Buffer) => (run.stderr += d.toString()));
  let timer: NodeJS.Timeout | undefined;
  createInterface({ input: child.stdout }).on("line", (line) => {
    const [what, n] = line.split(" ");
    if (what === "writing") run.writing = Number(n);
    else if (what === "saved") {
      run.saved = Number(n);
      // Once writes run at their usual pace (after the first ones), kill at some point during the next ones.
      if (run.saved === WARM_UP_SAVES) timer = setTimeout(() => child.kill("SIGKILL"), delay);
    }
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (_code, signal) => {
      clearTimeout(timer);
      run.signal = signal;
      resolve(run);
    });
  });
}

describe("a process killed while persisting the index", () => {
  it("leaves a valid index behind, the old or the new, never a broken one", { timeout: 60_000 }, async () => {
    const dirs = await tempDirs([RIVER, AFGHAN]);
    const built = await buildLibrary(dirs.seeds);
    const original = withManifest(built, { ...built.manifest, builtAt: builtAtOfGeneration(0), warnings: PADDING });

    const runs = await Promise.all(
      KILL_DELAYS.map(async (delay) => {
        const indexDir = path.join(dirs.root, `index-${delay}`);
        await saveLibrary(indexDir, original);
        return { indexDir, delay, run: await persistAndKill(indexDir, delay) };
      }),
    );

    for (const { indexDir, delay, run } of runs) {
      expect(run.stderr, `child killed at ${delay} ms`).toBe("");
      expect(run.signal).toBe("SIGKILL");
      // The kill may land before the child reports its next write: at least the warm-up writes happened.
      expect(run.writing).toBeGreaterThanOrEqual(WARM_UP_SAVES);
      const library = await loadLibrary(indexDir);
      const generation = generationOfBuiltAt(library.manifest.builtAt);
      // The last generation fully saved, or the one being written when the process died.
      expect(generation).toBeGreaterThanOrEqual(run.saved);
      expect(generation).toBeLessThanOrEqual(run.writing);
      expect(library.passages).toEqual(built.passages);
      expect(library.sources).toEqual(built.sources);
      expect(library.manifest.warnings).toHaveLength(PADDING.length);
      // The next start serves it as it is: valid and current, no rebuild needed.
      const opened = await openLibrary(dirs.seeds, indexDir);
      expect(opened.rebuilt).toBeUndefined();
      expect(opened.library.manifest.builtAt).toBe(library.manifest.builtAt);
    }
  });
});
