import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { threadId } from "node:worker_threads";
import { afterAll, describe, expect, it, vi } from "vitest";
import { Engine, ReindexBusyError, formatReindexReport, type Requester } from "../../src/engine.js";
import { BuildError, inThreadBuilder, type LibraryBuilder } from "../../src/search/builder.js";
import { REFRESH_LOCK_FILE } from "../../src/search/refresh-lock.js";
import { loadLibrary } from "../../src/search/store.js";
import { AFGHAN, RIVER, RIVER_QUESTION, captureLog, deferred, removeTempDirs, tempDirs } from "./support/fixtures.js";

afterAll(removeTempDirs);
// Builds and worker threads take a while on a busy machine; this is a hang guard, not a speed check.
vi.setConfig({ testTimeout: 30_000 });

/** A builder that waits at a gate before building: a refresh that is "slow" for exactly as long as a test wants. */
function gatedBuilder(inner: LibraryBuilder = inThreadBuilder) {
  const started = deferred();
  const gate = deferred();
  const builder: LibraryBuilder = async (job) => {
    started.resolve();
    await gate.promise;
    return inner(job);
  };
  return { builder, started: started.promise, release: () => gate.resolve() };
}

const alice: Requester = { id: "1", name: "alice", where: "guild 1 #mods" };
const bob: Requester = { id: "2", name: "bob", where: "guild 1 #general" };

const sourcesOf = (answer: { results: Array<{ source: { file: string } }> }) => answer.results.map((r) => r.source.file);

describe("one refresh at a time", () => {
  it("holds across processes serving the same index folder (shards): the lock file names who refreshes", async () => {
    const dirs = await tempDirs();
    const slow = gatedBuilder();
    const shard0 = await Engine.open(dirs.settings, captureLog().log, { builder: slow.builder });
    const { log, lines } = captureLog();
    const shard1 = await Engine.open(dirs.settings, log, { builder: inThreadBuilder });
    await copyFile(AFGHAN, path.join(dirs.seeds, path.basename(AFGHAN)));

    const first = shard0.reindex(alice);
    await slow.started;
    expect(JSON.parse(await readFile(path.join(dirs.index, REFRESH_LOCK_FILE), "utf8"))).toMatchObject({ pid: process.pid, by: alice });
    const refused = await shard1.reindex(bob).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(ReindexBusyError);
    expect((refused as ReindexBusyError).by).toEqual(alice);
    expect(lines().find((l) => l.audit === "reindex")).toMatchObject({ result: "busy", by: bob });

    // A request that waits runs once the other process is done, and the lock is gone after.
    const waiting = shard1.reindex(bob, { whenBusy: "wait" });
    slow.release();
    expect((await first).added).toEqual([path.basename(AFGHAN)]);
    await waiting;
    await expect(readFile(path.join(dirs.index, REFRESH_LOCK_FILE))).rejects.toThrow(/ENOENT/);
  });

  it("takes over a lock left by a process that is gone", async () => {
    const dirs = await tempDirs();
    const engine = await Engine.open(dirs.settings, captureLog().log, { builder: inThreadBuilder });
    await writeFile(path.join(dirs.index, REFRESH_LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 12345, since: new Date().toISOString(), by: { name: "ghost" } }));
    await copyFile(AFGHAN, path.join(dirs.seeds, path.basename(AFGHAN)));
    expect((await engine.reindex(alice)).added).toEqual([path.basename(AFGHAN)]);
  });

  it("tells a second request that a refresh is running, since when and by whom", async () => {
    const dirs = await tempDirs();
    const { log, lines } = captureLog();
    const slow = gatedBuilder();
    const engine = await Engine.open(dirs.settings, log, { builder: slow.builder });
    await copyFile(AFGHAN, path.join(dirs.seeds, path.basename(AFGHAN)));

    const first = engine.reindex(alice);
    await slow.started;
    const running = engine.refreshing;
    expect(running?.by).toEqual(alice);

    const second = await engine.reindex(bob).catch((err: unknown) => err);
    expect(second).toBeInstanceOf(ReindexBusyError);
    const busy = second as ReindexBusyError;
    expect(busy.by).toEqual(alice);
    expect(busy.since).toEqual(running?.since);
    expect(busy.message).toContain("alice");

    slow.release();
    const report = await first;
    expect(report.added).toEqual([path.basename(AFGHAN)]);
    expect(engine.refreshing).toBeUndefined();

    const audit = lines().filter((l) => l.audit === "reindex");
    expect(audit.map((l) => [(l.by as Requester).name, l.result])).toEqual([
      ["bob", "busy"],
      ["alice", "ok"],
    ]);
    expect((audit[1]!.by as Requester).where).toBe(alice.where);
  });

  it("with whenBusy: wait, runs one follow-up refresh after the running one, which sees changes made meanwhile", async () => {
    const dirs = await tempDirs();
    const { log } = captureLog();
    // The first build reads the seeds, then waits: a change made while it waits is not in it.
    const built = deferred();
    const gate = deferred();
    let builds = 0;
    const builder: LibraryBuilder = async (job) => {
      builds++;
      const outcome = await inThreadBuilder(job);
      if (builds === 1) {
        built.resolve();
        await gate.promise;
      }
      return outcome;
    };
    const engine = await Engine.open(dirs.settings, log, { builder });
    await writeFile(path.join(dirs.seeds, "002_note.txt"), "A short note about the river talks in Khartoum and the reservoir.\n");

    const first = engine.reindex(alice);
    await built.promise;
    await copyFile(AFGHAN, path.join(dirs.seeds, path.basename(AFGHAN)));
    const followA = engine.reindex(bob, { whenBusy: "wait" });
    const followB = engine.reindex(alice, { whenBusy: "wait" });
    gate.resolve();

    const [r1, rA, rB] = await Promise.all([first, followA, followB]);
    expect(r1.added).toEqual(["002_note.txt"]);
    expect(rA.added).toEqual([path.basename(AFGHAN)]);
    expect(rB).toBe(rA);
    expect(builds).toBe(2);
    expect(engine.sources().sources.map((s) => s.file).sort()).toEqual([path.basename(AFGHAN), "002_note.txt", path.basename(RIVER)].sort());
  });
});

describe("no downtime", () => {
  it("answers questions asked during a slow refresh from the previous index, then from the new one", async () => {
    const dirs = await tempDirs([RIVER]);
    const { log } = captureLog();
    const slow = gatedBuilder();
    const engine = await Engine.open(dirs.settings, log, { builder: slow.builder });
    const before = await engine.answer(RIVER_QUESTION);
    expect(before.answered).toBe(true);
    expect(sourcesOf(before)).toContain(path.basename(RIVER));

    // The river article goes; another comes.
    await rm(path.join(dirs.seeds, path.basename(RIVER)));
    await copyFile(AFGHAN, path.join(dirs.seeds, path.basename(AFGHAN)));
    const refresh = engine.reindex(alice);
    await slow.started;

    const during = await engine.answer(RIVER_QUESTION);
    expect(during).toEqual(before);
    expect(engine.sources().sources.map((s) => s.file)).toEqual([path.basename(RIVER)]);

    slow.release();
    const report = await refresh;
    expect(report.removed).toEqual([path.basename(RIVER)]);
    expect(report.added).toEqual([path.basename(AFGHAN)]);
    const after = await engine.answer(RIVER_QUESTION);
    expect(sourcesOf(after)).not.toContain(path.basename(RIVER));
    expect(engine.sources().sources.map((s) => s.file)).toEqual([path.basename(AFGHAN)]);
    // What serves is what was persisted.
    expect((await loadLibrary(dirs.index)).manifest.builtAt).toBe(engine.library.manifest.builtAt);
  });

  it("reports nothing changed, and swaps nothing, when the articles are as they were", async () => {
    const dirs = await tempDirs();
    const { log } = captureLog();
    let builds = 0;
    const engine = await Engine.open(dirs.settings, log, {
      builder: (job) => {
        builds++;
        return inThreadBuilder(job);
      },
    });
    const serving = engine.library;
    const report = await engine.reindex(alice);
    expect(report.changed).toBe(false);
    expect([report.added, report.updated, report.removed]).toEqual([[], [], []]);
    expect(report.passages.after).toBe(report.passages.before);
    expect(formatReindexReport(report)[0]).toMatch(/^Nothing changed/);
    expect(engine.library).toBe(serving);
    expect(builds).toBe(0);
  });

  it("reports changed and skipped documents with their reasons, and counts before → after", async () => {
    const dirs = await tempDirs([RIVER, AFGHAN]);
    const { log } = captureLog();
    const engine = await Engine.open(dirs.settings, log, { builder: inThreadBuilder });
    const before = engine.library.manifest.counts;
    await writeFile(path.join(dirs.seeds, "binary.txt"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    await writeFile(path.join(dirs.seeds, path.basename(RIVER)), "The talks on the Nile dam were postponed until further notice.\n");
    await rm(path.join(dirs.seeds, path.basename(AFGHAN)));
    const report = await engine.reindex(alice);
    expect(report.changed).toBe(true);
    expect(report.added).toEqual(["binary.txt"]);
    expect(report.updated).toEqual([path.basename(RIVER)]);
    expect(report.removed).toEqual([path.basename(AFGHAN)]);
    expect(report.skipped.map((s) => s.file)).toEqual(["binary.txt"]);
    expect(report.skipped[0]!.reason).toMatch(/binary/);
    expect(report.documents).toEqual({ before: before.documents, after: 1 });
    expect(report.passages.before).toBe(before.passages);
    expect(report.passages.after).toBe(engine.library.passages.length);
    const text = formatReindexReport(report).join("\n");
    expect(text).toContain("skipped  binary.txt: binary");
    expect(text).toContain(`documents ${before.documents} → 1`);
  });
});

describe("a refresh that fails", () => {
  async function failingCase(fail: (dirs: Awaited<ReturnType<typeof tempDirs>>) => Promise<void>, builder?: LibraryBuilder) {
    const dirs = await tempDirs([RIVER]);
    const { log, lines } = captureLog();
    const engine = await Engine.open(dirs.settings, log, builder ? { builder } : {});
    const serving = engine.library;
    const before = await engine.answer(RIVER_QUESTION);
    await copyFile(AFGHAN, path.join(dirs.seeds, path.basename(AFGHAN)));
    await fail(dirs);
    const err = await engine.reindex(alice).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BuildError);
    expect(engine.library).toBe(serving);
    expect(await engine.answer(RIVER_QUESTION)).toEqual(before);
    expect(engine.refreshing).toBeUndefined();
    const audit = lines().filter((l) => l.audit === "reindex");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ level: 50, result: "failed", by: alice, msg: expect.stringContaining((err as Error).message) });
    // The log keeps the error whole: its message, and the stack of what was thrown.
    const logged = audit[0]!.err as { type: string; message: string; stack: string };
    expect(logged.type).toBe("BuildError");
    expect(logged.message).toContain((err as Error).message);
    expect(logged.stack).toContain("caused by: ");
    expect((err as Error).message).not.toContain("\n");
    return { err: err as BuildError, dirs, engine, logged };
  }

  it("keeps the old answers when the seeds folder disappears half way through the build", async () => {
    let seeds = "";
    const { err } = await failingCase(
      async (dirs) => {
        seeds = dirs.seeds;
      },
      async (job) => {
        await rm(seeds, { recursive: true });
        return inThreadBuilder(job);
      },
    );
    expect(err.stage).toBe("build");
    expect(err.message).toMatch(/articles folder .* does not exist/);
  });

  it("keeps the old answers when the seeds folder cannot be read at all", async () => {
    const { err } = await failingCase((dirs) => rm(dirs.seeds, { recursive: true }));
    expect(err.message).toMatch(/articles folder/);
  });

  it("keeps the old answers when the new index cannot be written (in the worker)", async () => {
    // The index file's place is taken by a folder: the worker's atomic rename fails.
    const { err, dirs, engine } = await failingCase(async (dirs) => {
      await rm(path.join(dirs.index, "library.json"));
      await mkdir(path.join(dirs.index, "library.json"));
    });
    expect(err.stage).toBe("save");
    expect(err.message).toMatch(/^saving the index failed: /);
    // Once the cause is gone, the next refresh works.
    await rm(path.join(dirs.index, "library.json"), { recursive: true });
    const report = await engine.reindex(bob);
    expect(report.added).toEqual([path.basename(AFGHAN)]);
  });

  it("reports a bug in the build as a failed build, with its message, and logs its stack", async () => {
    function buggyBuild(): never {
      throw new TypeError("cannot read properties of undefined (reading 'text')\nsecond line of the message");
    }
    const { err, logged } = await failingCase(
      async () => {},
      async () => buggyBuild(),
    );
    expect(err.stage).toBe("build");
    expect(err.message).toBe("building the index failed: cannot read properties of undefined (reading 'text')");
    expect(logged.stack).toMatch(/caused by: TypeError: cannot read properties of undefined \(reading 'text'\)\nsecond line of the message\n\s+at buggyBuild /);
  });
});

describe("what the report lists", () => {
  it("lists metadata changes under their article, actors.json on its own, and other JSON not at all", async () => {
    const dirs = await tempDirs([RIVER]);
    const engine = await Engine.open(dirs.settings, captureLog().log, { builder: inThreadBuilder });
    const river = path.basename(RIVER);

    await writeFile(path.join(dirs.seeds, "notes.json"), "{}");
    await writeFile(path.join(dirs.seeds, "orphan.meta.json"), JSON.stringify({ title: "No article" }));
    const nothing = await engine.reindex(alice);
    expect(nothing.changed).toBe(false);

    await writeFile(path.join(dirs.seeds, "001_river_treaty.meta.json"), JSON.stringify({ title: "Nile dam talks" }));
    await writeFile(path.join(dirs.seeds, "002_canal.txt"), "The canal reopened to barges on Monday after a year of repairs.\n");
    await writeFile(path.join(dirs.seeds, "002_canal.meta.json"), JSON.stringify({ title: "Canal reopens" }));
    await writeFile(path.join(dirs.seeds, "actors.json"), JSON.stringify({ actors: [{ name: "Canal Authority", kind: "institution", aliases: ["the authority"] }] }));
    const report = await engine.reindex(alice);
    expect(report.changed).toBe(true);
    expect(report.added).toEqual(["002_canal.txt"]);
    expect(report.updated).toEqual([river]);
    expect(report.metadataOnly).toEqual([river]);
    expect(report.removed).toEqual([]);
    expect(report.curatedActors).toBe("added");
    const text = formatReindexReport(report);
    expect(text).toContain("added    002_canal.txt");
    expect(text).toContain(`changed  ${river} (metadata)`);
    expect(text).toContain("added    actors.json (curated actors)");
    expect(text.join("\n")).not.toMatch(/\.meta\.json|notes\.json/);
    expect(engine.sources().sources.find((s) => s.file === river)?.meta.title).toBe("Nile dam talks");

    // Text and metadata changed together: one plain line; an article removed with its metadata: one line.
    await writeFile(path.join(dirs.seeds, "001_river_treaty.meta.json"), JSON.stringify({ title: "Nile talks" }));
    await writeFile(path.join(dirs.seeds, river), "The talks on the Nile dam were postponed until further notice.\n");
    await rm(path.join(dirs.seeds, "002_canal.txt"));
    await rm(path.join(dirs.seeds, "002_canal.meta.json"));
    await rm(path.join(dirs.seeds, "actors.json"));
    const second = await engine.reindex(alice);
    expect([second.added, second.updated, second.removed, second.metadataOnly]).toEqual([[], [river], ["002_canal.txt"], []]);
    expect(second.curatedActors).toBe("removed");
    expect(formatReindexReport(second)).toEqual(expect.arrayContaining([`changed  ${river}`, "removed  002_canal.txt", "removed  actors.json (curated actors)"]));
  });

  it("warns when a refresh leaves no article to serve", async () => {
    const dirs = await tempDirs([RIVER]);
    const { log, lines } = captureLog();
    const engine = await Engine.open(dirs.settings, log, { builder: inThreadBuilder });
    await rm(path.join(dirs.seeds, path.basename(RIVER)));
    const report = await engine.reindex(alice);
    expect(report.documents.after).toBe(0);
    expect(report.warnings).toEqual([expect.stringMatching(/^no article was indexed/)]);
    expect(lines().some((l) => l.level === 40 && String(l.msg).includes("holds no article"))).toBe(true);
  });
});

describe("the default builder", () => {
  it("builds in a worker thread and swaps in what the worker persisted", async () => {
    const dirs = await tempDirs([RIVER]);
    const { log, lines } = captureLog();
    const engine = await Engine.open(dirs.settings, log);
    await copyFile(AFGHAN, path.join(dirs.seeds, path.basename(AFGHAN)));
    const report = await engine.reindex(alice);
    expect(report.added).toEqual([path.basename(AFGHAN)]);
    const audit = lines().find((l) => l.audit === "reindex");
    expect(typeof audit?.thread).toBe("number");
    expect(audit?.thread).not.toBe(threadId);
    expect(lines().some((l) => String(l.msg).includes("could not start a build worker"))).toBe(false);
    expect((await loadLibrary(dirs.index)).manifest).toEqual(engine.library.manifest);
    expect(engine.sources().sources.map((s) => s.file)).toEqual([path.basename(AFGHAN), path.basename(RIVER)]);
  });
});
