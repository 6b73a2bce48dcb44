import { copyFile, readdir, rename, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { Engine, type SwapCause } from "../../src/engine.js";
import { inThreadBuilder } from "../../src/search/builder.js";
import { buildLibrary, type Library } from "../../src/search/library.js";
import { LIBRARY_FILE, saveLibrary } from "../../src/search/store.js";
import { AFGHAN, RIVER, captureLog, deferred, removeTempDirs, tempDirs } from "./support/fixtures.js";

afterAll(removeTempDirs);
// Builds and worker threads take a while on a busy machine; this is a hang guard, not a speed check.
vi.setConfig({ testTimeout: 30_000 });

const AFGHAN_FILE = path.basename(AFGHAN);
const files = (engine: Engine) => engine.sources().sources.map((s) => s.file);

/** Two engines on the same folders, as two shards are. */
async function twoShards() {
  const dirs = await tempDirs([RIVER]);
  const a = captureLog();
  const b = captureLog();
  const shardA = await Engine.open(dirs.settings, a.log, { builder: inThreadBuilder });
  const shardB = await Engine.open(dirs.settings, b.log, { builder: inThreadBuilder });
  return { dirs, shardA, shardB, logA: a, logB: b };
}

describe("reloadIfNewer", () => {
  it("makes a refresh done by one engine reach another on the same folders", async () => {
    const { dirs, shardA, shardB, logB } = await twoShards();
    expect(await shardB.reloadIfNewer()).toEqual({ reloaded: false, builtAt: shardB.library.manifest.builtAt });

    await copyFile(AFGHAN, path.join(dirs.seeds, AFGHAN_FILE));
    await shardA.reindex({ name: "alice" });
    expect(files(shardB)).not.toContain(AFGHAN_FILE);

    const result = await shardB.reloadIfNewer();
    expect(result).toEqual({ reloaded: true, builtAt: shardA.library.manifest.builtAt });
    expect(shardB.library.manifest).toEqual(shardA.library.manifest);
    expect(files(shardB)).toContain(AFGHAN_FILE);
    const question = "Who is Zamir Kabulov?";
    expect(await shardB.answer(question)).toEqual(await shardA.answer(question));
    expect(logB.lines().some((l) => l.msg === "index reloaded: another process refreshed it")).toBe(true);

    // Nothing new since: nothing to do, on either side (A persisted it itself).
    const again = await shardB.reloadIfNewer();
    expect(again.reloaded).toBe(false);
    const own = await shardA.reloadIfNewer();
    expect(own.reloaded).toBe(false);
  });

  it("keeps serving when the persisted index is corrupt or missing", async () => {
    const { dirs, shardB } = await twoShards();
    const serving = shardB.library;
    await writeFile(path.join(dirs.index, LIBRARY_FILE), '{"manifest": {"formatVersion": 1}, "passa');
    const corrupt = await shardB.reloadIfNewer();
    expect(corrupt.reloaded).toBe(false);
    expect(corrupt.reason).toMatch(/corrupt/);
    expect(shardB.library).toBe(serving);
  });

  it("does not replace the library while a refresh runs here", async () => {
    const dirs = await tempDirs([RIVER]);
    const gate = deferred();
    const started = deferred();
    const shardA = await Engine.open(dirs.settings, captureLog().log, {
      builder: async (job) => {
        started.resolve();
        await gate.promise;
        return inThreadBuilder(job);
      },
    });
    await copyFile(AFGHAN, path.join(dirs.seeds, AFGHAN_FILE));
    const refreshA = shardA.reindex({ name: "alice" });
    await started.promise;
    // Meanwhile `npm run index` (which takes no refresh lock) persists a newer index.
    await saveLibrary(dirs.index, await buildLibrary(dirs.seeds));
    const during = await shardA.reloadIfNewer();
    expect(during).toMatchObject({ reloaded: false, reason: "a refresh is running in this process" });
    gate.resolve();
    await refreshA;
    expect(files(shardA)).toContain(AFGHAN_FILE);
  });
});

/** Ask `engine` to reload every `everyMs`, at most `times` times, until `done` is set: a bound on waiting for a watcher. */
async function pollReload(engine: Engine, done: { value: boolean }, everyMs = 500, times = 40): Promise<void> {
  for (let i = 0; i < times && !done.value; i++) {
    await new Promise((r) => setTimeout(r, everyMs));
    if (!done.value) await engine.reloadIfNewer();
  }
}

describe("watchIndex", () => {
  it("reloads when another engine persists a refresh", async () => {
    const { dirs, shardA, shardB } = await twoShards();
    const swapped = deferred<[Library, SwapCause]>();
    shardB.onSwap((library, cause) => swapped.resolve([library, cause]));
    const stop = shardB.watchIndex();
    const done = { value: false };
    try {
      await copyFile(AFGHAN, path.join(dirs.seeds, AFGHAN_FILE));
      await shardA.reindex({ name: "alice" });
      // The watch event normally comes first; where the file system sends none (no inotify), a
      // bounded poll makes the same reload, so the test ends either way.
      const polling = pollReload(shardB, done);
      const [library, cause] = await swapped.promise;
      done.value = true;
      await polling;
      expect(cause).toBe("reload");
      expect(library.manifest.builtAt).toBe(shardA.library.manifest.builtAt);
      expect(shardB.library).toBe(library);
    } finally {
      done.value = true;
      stop();
    }
  });
});

describe("Engine.open", () => {
  it("serves the persisted index, with a warning, when the articles folder cannot be read", async () => {
    const dirs = await tempDirs([RIVER]);
    const first = await Engine.open(dirs.settings, captureLog().log, { builder: inThreadBuilder });
    await rename(dirs.seeds, `${dirs.seeds}-elsewhere`);
    const { log, lines } = captureLog();
    const engine = await Engine.open(dirs.settings, log, { builder: inThreadBuilder });
    expect(engine.library.manifest).toEqual(first.library.manifest);
    const warning = lines().find((l) => l.level === 40 && String(l.msg).startsWith("cannot read the articles folder"));
    expect(warning?.msg).toBe(`cannot read the articles folder ${dirs.seeds}: it does not exist: serving the index built at ${first.library.manifest.builtAt}`);
  });

  it("removes old temporary files left by an interrupted write, and only old ones", async () => {
    const dirs = await tempDirs([RIVER]);
    await Engine.open(dirs.settings, captureLog().log, { builder: inThreadBuilder });
    const old = path.join(dirs.index, `${LIBRARY_FILE}.123456`);
    const fresh = path.join(dirs.index, `${LIBRARY_FILE}.654321`);
    const unrelated = path.join(dirs.index, `${LIBRARY_FILE}.bak`);
    for (const f of [old, fresh, unrelated]) await writeFile(f, "partial");
    const longAgo = new Date(Date.now() - 24 * 3600 * 1000);
    await utimes(old, longAgo, longAgo);
    await utimes(unrelated, longAgo, longAgo);
    const { log, lines } = captureLog();
    await Engine.open(dirs.settings, log, { builder: inThreadBuilder });
    expect((await readdir(dirs.index)).sort()).toEqual([LIBRARY_FILE, `${LIBRARY_FILE}.654321`, `${LIBRARY_FILE}.bak`, "manifest.json"].sort());
    expect(lines().some((l) => l.file === old)).toBe(true);
  });
});
