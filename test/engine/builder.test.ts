import { copyFile, rm } from "node:fs/promises";
import path from "node:path";
import { threadId } from "node:worker_threads";
import { afterAll, describe, expect, it, vi } from "vitest";
import { BuildError, libraryChanged, workerBuilder } from "../../src/search/builder.js";
import { loadLibrary } from "../../src/search/store.js";
import { AFGHAN, RIVER, captureLog, removeTempDirs, tempDirs } from "./support/fixtures.js";

afterAll(removeTempDirs);
// Builds and worker threads take a while on a busy machine; this is a hang guard, not a speed check.
vi.setConfig({ testTimeout: 30_000 });

describe("workerBuilder", () => {
  it("builds and persists in another thread, handing back only the manifest", async () => {
    const dirs = await tempDirs([RIVER, AFGHAN]);
    const { log, lines } = captureLog();
    const outcome = await workerBuilder({ log })({ seedsDir: dirs.seeds, indexDir: dirs.index });
    expect(outcome.threadId).not.toBe(threadId);
    expect(outcome.library).toBeUndefined();
    expect(outcome.persisted).toBe(true);
    expect(outcome.manifest.counts.documents).toBe(2);
    const persisted = await loadLibrary(dirs.index);
    expect(persisted.manifest).toEqual(outcome.manifest);
    expect(lines()).toEqual([]);
  });

  it("persists nothing when the build equals the previous one", async () => {
    const dirs = await tempDirs([RIVER]);
    const build = workerBuilder();
    const first = await build({ seedsDir: dirs.seeds, indexDir: dirs.index });
    await rm(dirs.index, { recursive: true });
    const second = await build({ seedsDir: dirs.seeds, indexDir: dirs.index, previous: first.manifest });
    expect(second.persisted).toBe(false);
    expect(libraryChanged(first.manifest, second.manifest)).toBe(false);
    await expect(loadLibrary(dirs.index)).rejects.toThrow(/no index/);
  });

  it("rejects with the worker's error, saying what failed", async () => {
    const dirs = await tempDirs([RIVER]);
    await rm(dirs.seeds, { recursive: true });
    const err = await workerBuilder()({ seedsDir: dirs.seeds, indexDir: dirs.index }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BuildError);
    expect((err as BuildError).stage).toBe("build");
    expect((err as BuildError).message).toBe(`building the index failed: cannot read the articles folder ${dirs.seeds}: it does not exist`);
    // The worker's error comes back whole, with the stack from the worker's thread.
    const cause = (err as BuildError).cause as Error;
    expect(cause).toBeInstanceOf(Error);
    expect(cause.name).toBe("SeedsFolderError");
    expect(cause.stack).toMatch(/^SeedsFolderError: cannot read the articles folder .*\n\s+at .*corpus\/load\.ts/);
  });

  it("builds on this thread, with a log line, when the worker cannot start", async () => {
    const dirs = await tempDirs([RIVER]);
    await copyFile(AFGHAN, path.join(dirs.seeds, path.basename(AFGHAN)));
    const { log, lines } = captureLog();
    const entry = new URL("./no-such-worker.ts", import.meta.url);
    const outcome = await workerBuilder({ log, entry })({ seedsDir: dirs.seeds, indexDir: dirs.index });
    expect(outcome.threadId).toBe(threadId);
    expect(outcome.library?.manifest).toEqual(outcome.manifest);
    expect((await loadLibrary(dirs.index)).manifest).toEqual(outcome.manifest);
    const warning = lines().find((l) => String(l.msg).includes("could not start a build worker"));
    expect(warning?.level).toBe(40);
    expect(String(warning?.msg)).toContain("building on the main thread");
  });
});

describe("libraryChanged", () => {
  const m = (files: Record<string, string>, optionsHash = "o1") => ({ files, optionsHash });
  it("is true for added, removed or changed files, other options, or no previous build", () => {
    expect(libraryChanged(undefined, m({}))).toBe(true);
    expect(libraryChanged(m({ a: "1" }), m({ a: "1" }))).toBe(false);
    expect(libraryChanged(m({ a: "1" }), m({ a: "2" }))).toBe(true);
    expect(libraryChanged(m({ a: "1" }), m({ a: "1", b: "1" }))).toBe(true);
    expect(libraryChanged(m({ a: "1", b: "1" }), m({ a: "1" }))).toBe(true);
    expect(libraryChanged(m({ a: "1", b: "1" }), m({ a: "1", c: "1" }))).toBe(true);
    expect(libraryChanged(m({ a: "1" }), m({ a: "1" }, "o2"))).toBe(true);
    expect(libraryChanged({ ...m({ a: "1" }), formatVersion: 1 }, { ...m({ a: "1" }), formatVersion: 2 })).toBe(true);
  });
});
