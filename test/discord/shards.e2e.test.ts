/**
 * The bot as two shards on a stand-in whose `/gateway/bot` recommends 2, with one guild per shard:
 * - one discord.js client running both shards (`shards: [0, 1]`): each IDENTIFY carries its shard,
 *   and interactions in the guilds of both shards are answered;
 * - `npm run start:sharded` (`src/sharded.ts`, discord.js's ShardingManager, one process per
 *   shard): it asks the stand-in's `/gateway/bot` for the count, both shards identify and answer,
 *   a `/reindex` on one shard makes the other reload the new index, and SIGTERM stops them all.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { createBot, type Bot } from "../../src/discord/bot.ts";
import { deployCommands } from "../../src/discord/deploy.ts";
import { Engine } from "../../src/engine.ts";
import { createLogger } from "../../src/log.ts";
import { finalAnswer, LAKE_ARTICLE, LAKE_QUESTION, LAKE_WORDS, LogCapture, PROJECT_ROOT, SEED_ARTICLE } from "../support/bot-harness.ts";
import { startDiscordStandin, type DiscordStandin, type InteractionHandle } from "../support/discord-standin.ts";

vi.setConfig({ testTimeout: 90_000, hookTimeout: 30_000 });

/** The text of the final answer to an interaction, with the time two shards may take. */
const finalText = async (handle: InteractionHandle) => (await finalAnswer(handle, { responseTimeout: 15_000, editTimeout: 30_000 })).text;

const made: string[] = [];
async function tempFolders(prefix: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  made.push(dir);
  const seeds = path.join(dir, "seeds");
  await mkdir(seeds);
  await copyFile(SEED_ARTICLE, path.join(seeds, path.basename(SEED_ARTICLE)));
  return { dir, seeds, index: path.join(dir, "index") };
}
afterAll(async () => {
  await Promise.all(made.map((d) => rm(d, { recursive: true, force: true })));
});

describe("one client running two shards", () => {
  let standin: DiscordStandin;
  let bot: Bot | undefined;
  let engine: Engine | undefined;

  beforeAll(async () => {
    standin = await startDiscordStandin({ shards: 2 });
    const folders = await tempFolders("parley-shards-");
    const config = loadConfig({
      DISCORD_TOKEN: standin.token,
      DISCORD_API_URL: standin.apiUrl,
      DISCORD_CLIENT_ID: standin.applicationId,
      SEEDS_DIR: folders.seeds,
      INDEX_DIR: folders.index,
      COOLDOWN_SECONDS: "0",
    });
    const log = createLogger("warn", new LogCapture());
    await deployCommands(config);
    engine = await Engine.open(config, log);
    bot = await createBot(config, log, engine, { client: { shards: [0, 1], shardCount: 2 } });
  });
  afterAll(async () => {
    await bot?.stop();
    engine?.close();
    await standin?.close();
  });

  it("identifies once per shard, each IDENTIFY carrying its shard, and answers in the guilds of both", async () => {
    expect(standin.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(standin.guilds.map((g) => g.shardId(2)).sort()).toEqual([0, 1]);
    for (const guild of standin.guilds) {
      const handle = standin.interaction.chatInput({ name: "ask", guildId: guild.id, options: { question: "Who reported the terms of the new peace agreement?" } });
      expect(handle.shardId).toBe(guild.shardId(2));
      expect(await finalText(handle)).toContain("Associated Press");
    }
  });
});

describe("npm run start:sharded", () => {
  let standin: DiscordStandin;
  let child: ChildProcess | undefined;
  let output = "";
  let seeds: string;

  beforeAll(async () => {
    standin = await startDiscordStandin({ shards: 2 });
    const folders = await tempFolders("parley-sharded-");
    seeds = folders.seeds;
    await deployCommands(loadConfig({ DISCORD_TOKEN: standin.token, DISCORD_API_URL: standin.apiUrl, DISCORD_CLIENT_ID: standin.applicationId }));
    child = spawn(path.join(PROJECT_ROOT, "node_modules/.bin/tsx"), [path.join(PROJECT_ROOT, "src/sharded.ts")], {
      cwd: folders.dir, // no .env here: only these settings count
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DISCORD_TOKEN: standin.token,
        DISCORD_API_URL: standin.apiUrl,
        SEEDS_DIR: folders.seeds,
        INDEX_DIR: folders.index,
        COOLDOWN_SECONDS: "0",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // its own process group: the shards it forks can be stopped with it if a test fails
    });
    child.stdout!.on("data", (b: Buffer) => (output += b.toString()));
    child.stderr!.on("data", (b: Buffer) => (output += b.toString()));
  });
  afterAll(async () => {
    if (child?.pid && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    await standin?.close();
  });

  const logLines = () =>
    output
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  it("asks /gateway/bot for the shard count, starts both shards, answers in both, and a refresh on one reaches the other", async () => {
    await standin.gateway.waitForIdentifies(2, { timeout: 60_000 });
    expect(standin.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(standin.requests.some((r) => r.route === "GET /gateway/bot")).toBe(true);
    await standin.waitUntil(() => (output.includes("every shard is connected") ? true : undefined), "both shards ready", { timeout: 60_000 });
    await standin.waitUntil(() => (logLines().filter((l) => l.msg?.toString().startsWith("ready on Discord")).length === 2 ? true : undefined), "both shards serving", { timeout: 30_000 });

    const [first, second] = [...standin.guilds].sort((a, b) => a.shardId(2) - b.shardId(2));
    for (const guild of [first!, second!]) {
      const help = standin.interaction.chatInput({ name: "help", guildId: guild.id });
      expect((await help.response({ timeout: 15_000 })).type).toBe(4);
    }

    await writeFile(path.join(seeds, "lake.txt"), LAKE_ARTICLE);
    const refresh = standin.interaction.chatInput({ name: "reindex", guildId: first!.id, user: standin.testUsers.owner });
    expect(refresh.shardId).toBe(0);
    expect(await finalText(refresh)).toContain("Added (1) lake.txt");

    const reloaded = await standin.waitUntil(
      () => logLines().find((l) => l.msg === "shard reloaded the index refreshed on another shard"),
      "shard 1 reloading the index",
      { timeout: 15_000 },
    );
    expect(reloaded.shard).toEqual([1]);
    // Each shard logs from its own process: shard 0's line may come after shard 1's.
    const current = await standin.waitUntil(
      () => logLines().find((l) => l.msg === "shard already serves the latest index"),
      "shard 0 finding it serves the latest index",
      { timeout: 15_000 },
    );
    expect(current.shard).toEqual([0]);
    const ask = standin.interaction.chatInput({ name: "ask", guildId: second!.id, options: { question: LAKE_QUESTION } });
    expect(ask.shardId).toBe(1);
    expect(await finalText(ask)).toContain(LAKE_WORDS);
  });

  it("stops every shard on SIGTERM and exits 0", async () => {
    const exited = new Promise<number | null>((resolve) => child!.once("exit", (code) => resolve(code)));
    child!.kill("SIGTERM");
    expect(await exited).toBe(0);
    await standin.waitUntil(() => (standin.gateway.liveShards().length === 0 ? true : undefined), "the shards' gateway connections closed", { timeout: 15_000 });
    expect(output).not.toContain(standin.token);
  });
});
