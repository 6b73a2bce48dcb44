/**
 * `npm start` with a token, as a child process against the Discord stand-in: it loads the index,
 * logs in, logs one line when ready, answers, and on SIGTERM disconnects and exits 0. The token
 * appears in none of its output.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDiscordStandin, type DiscordStandin } from "../support/discord-standin.ts";
import { PROJECT_ROOT, SEED_ARTICLE } from "../support/bot-harness.ts";

let standin: DiscordStandin;
let dir: string;
let child: ChildProcess | undefined;
let output = "";

beforeAll(async () => {
  standin = await startDiscordStandin();
  dir = await mkdtemp(path.join(os.tmpdir(), "parley-start-"));
  await mkdir(path.join(dir, "seeds"));
  await copyFile(SEED_ARTICLE, path.join(dir, "seeds", path.basename(SEED_ARTICLE)));
});
afterAll(async () => {
  // After a failure: stop the whole process group, the bot under the tsx wrapper included (even
  // when the wrapper itself has exited).
  if (child?.pid) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  await standin?.close();
  await rm(dir, { recursive: true, force: true });
});

function exited(c: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (c.exitCode !== null || c.signalCode !== null) return Promise.resolve({ code: c.exitCode, signal: c.signalCode });
  return new Promise((resolve) => c.once("exit", (code, signal) => resolve({ code, signal })));
}

describe("npm start with DISCORD_TOKEN", () => {
  it("logs in, says when it is ready, answers, and exits 0 on SIGTERM", async () => {
    child = spawn(path.join(PROJECT_ROOT, "node_modules/.bin/tsx"), [path.join(PROJECT_ROOT, "src/main.ts")], {
      cwd: dir, // no .env here: only these settings count
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DISCORD_TOKEN: standin.token,
        DISCORD_API_URL: standin.apiUrl,
        SEEDS_DIR: path.join(dir, "seeds"),
        INDEX_DIR: path.join(dir, "index"),
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // its own process group, so that a failed test can stop the bot tsx starts along with tsx
    });
    child.stdout!.on("data", (b: Buffer) => (output += b.toString()));
    child.stderr!.on("data", (b: Buffer) => (output += b.toString()));

    const readyLine = await standin.waitUntil(
      () => output.split("\n").find((l) => l.includes("ready on Discord")),
      "the ready log line",
      { timeout: 30_000 },
    );
    const ready = JSON.parse(readyLine) as Record<string, unknown>;
    expect(ready).toMatchObject({ level: 30, guilds: 1, documents: 1 });
    expect(ready.passages).toBeGreaterThan(0);
    expect(ready.ms).toBeGreaterThanOrEqual(0);
    expect(standin.identifies).toHaveLength(1);

    const help = standin.interaction.chatInput({ name: "help" });
    expect((await help.response()).type).toBe(4);

    child.kill("SIGTERM");
    const { code } = await exited(child);
    expect(code).toBe(0);
    expect(output).toContain("shutting down");
    await standin.waitUntil(() => (standin.gateway.liveShards().length === 0 ? true : undefined), "the gateway connection closed");
    expect(output).not.toContain(standin.token);
  });
});
