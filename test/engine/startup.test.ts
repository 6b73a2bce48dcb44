/** Where a rebuild at start-up runs: in this thread by default, with the refresh builder for the bot. */
import { afterAll, describe, expect, it } from "vitest";
import { Engine } from "../../src/engine.js";
import { BuildError, inThreadBuilder, type BuildJob, type LibraryBuilder } from "../../src/search/builder.js";
import { RIVER_QUESTION, captureLog, removeTempDirs, tempDirs } from "./support/fixtures.js";

afterAll(removeTempDirs);

function recordingBuilder(fail = false): { builder: LibraryBuilder; jobs: BuildJob[] } {
  const jobs: BuildJob[] = [];
  const builder: LibraryBuilder = async (job) => {
    jobs.push(job);
    if (fail) throw new BuildError("worker", "the worker could not start");
    return inThreadBuilder(job);
  };
  return { builder, jobs };
}

describe("a rebuild at start-up", () => {
  it("runs in this thread unless asked otherwise", async () => {
    const dirs = await tempDirs();
    const { builder, jobs } = recordingBuilder();
    const engine = await Engine.open(dirs.settings, captureLog().log, { builder });
    expect(jobs).toHaveLength(0);
    expect((await engine.answer(RIVER_QUESTION)).answered).toBe(true);
  });

  it("runs with the refresh builder when the bot asks for it, and serves what it built", async () => {
    const dirs = await tempDirs();
    const { builder, jobs } = recordingBuilder();
    const engine = await Engine.open(dirs.settings, captureLog().log, { builder, startupBuild: "builder" });
    expect(jobs).toEqual([{ seedsDir: dirs.seeds, indexDir: dirs.index }]);
    expect((await engine.answer(RIVER_QUESTION)).answered).toBe(true);
  });

  it("falls back to building in this thread when the builder fails", async () => {
    const dirs = await tempDirs();
    const { builder, jobs } = recordingBuilder(true);
    const { log, lines } = captureLog();
    const engine = await Engine.open(dirs.settings, log, { builder, startupBuild: "builder" });
    expect(jobs).toHaveLength(1);
    expect((await engine.answer(RIVER_QUESTION)).answered).toBe(true);
    expect(lines().some((l) => String(l.msg).startsWith("index rebuilt"))).toBe(true);
    expect(lines().find((l) => String(l.msg).includes("built in this thread"))).toMatchObject({ level: 40, reason: "the worker could not start" });
  });
});
