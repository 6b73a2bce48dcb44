/**
 * `npm run start:sharded`: the bot as several shards, one process each, started and watched by
 * discord.js's `ShardingManager` (a shard that dies is started again). The shard count is
 * `SHARD_COUNT`, else what `DISCORD_API_URL`'s `GET /gateway/bot` recommends (discord.js's own
 * "auto" would ask discord.com whatever the setting). The index is loaded (or built) once here
 * first, so the shards load it rather than each building it; every shard then serves the same
 * index folder, and a refresh on one reaches all (see `discord/shard.ts`).
 *
 * SIGINT/SIGTERM stops every shard (each disconnects cleanly), then exits 0.
 */
import { once } from "node:events";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult, type Shard } from "discord.js";
import { runCli, UsageError, type CliContext } from "./cli/run.js";
import { DISCORD_API_DEFAULT, type Config } from "./config.js";
import type { Logger } from "./log.js";

export const SHARDING_DEFAULTS = {
  /** Discord lets one identify bucket start a session every 5 seconds; a little margin. */
  spawnDelayMs: 5500,
  /** A shard not ready after this long is a failed start. */
  readyTimeoutMs: 60_000,
  /** A shard that has not exited this long after SIGTERM is killed. */
  stopTimeoutMs: 10_000,
} as const;

/** The shard entry, next to this file (`.ts` under tsx). */
const SHARD_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "discord", `shard${path.extname(fileURLToPath(import.meta.url))}`);

export interface ShardPlan {
  shards: number;
  /** Shards that may identify at once (`session_start_limit.max_concurrency`). */
  maxConcurrency: number;
}

/**
 * How many shards, and how many may start at once: `SHARD_COUNT`, else `/gateway/bot` at
 * `DISCORD_API_URL`. With `SHARD_COUNT` set, a failing `/gateway/bot` only means starting one at a time.
 */
export async function planShards(config: Pick<Config, "DISCORD_TOKEN" | "DISCORD_API_URL" | "SHARD_COUNT">, log: Logger): Promise<ShardPlan> {
  const rest = new REST({ version: "10", api: config.DISCORD_API_URL ?? DISCORD_API_DEFAULT }).setToken(config.DISCORD_TOKEN ?? "");
  let gateway: RESTGetAPIGatewayBotResult;
  try {
    gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  } catch (err) {
    const message = (err as Error).message.split("\n")[0];
    if (config.SHARD_COUNT) {
      log.warn({ err: message }, "GET /gateway/bot failed; starting the shards one at a time");
      return { shards: config.SHARD_COUNT, maxConcurrency: 1 };
    }
    throw new Error(`could not ask ${config.DISCORD_API_URL ?? DISCORD_API_DEFAULT}/gateway/bot for the shard count (${message}); set SHARD_COUNT`);
  }
  return {
    shards: config.SHARD_COUNT ?? gateway.shards,
    maxConcurrency: Math.max(1, gateway.session_start_limit?.max_concurrency ?? 1),
  };
}

/** Load (or build) the index once, so the shards find it ready. */
async function prepareIndex(ctx: CliContext): Promise<void> {
  const engine = await ctx.engine();
  const counts = engine.library.manifest.counts;
  ctx.log.info({ documents: counts.documents, passages: counts.passages }, "index ready for the shards");
  engine.close();
}

/** SIGTERM every shard (without a restart) and wait for it to exit; SIGKILL one that does not. */
async function stopShards(shards: Iterable<Shard>): Promise<void> {
  await Promise.all(
    [...shards].map(async (shard) => {
      const child = shard.process;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      shard.kill();
      const stopped = await Promise.race([exited.then(() => true), sleep(SHARDING_DEFAULTS.stopTimeoutMs, false)]);
      if (!stopped) child.kill("SIGKILL");
    }),
  );
}

function main(): void {
  runCli(serve);
}

async function serve(ctx: CliContext): Promise<void> {
  const { config, log } = ctx;
  if (!config.DISCORD_TOKEN) throw new UsageError("DISCORD_TOKEN is not set (see .env.example); the sharded bot needs it");
  const plan = await planShards(config, log);
  await prepareIndex(ctx);

  let stopping = false;
  const manager = new ShardingManager(SHARD_FILE, {
    token: config.DISCORD_TOKEN,
    totalShards: plan.shards,
    mode: "process",
    respawn: true,
    execArgv: process.execArgv, // the shards run TypeScript under tsx, like this process
  });
  manager.on("shardCreate", (shard) => {
    log.info({ shard: shard.id, of: plan.shards }, `starting shard ${shard.id}`);
    shard.on("ready", () => log.info({ shard: shard.id }, `shard ${shard.id} connected`));
    shard.on("death", (child) => {
      const code = "exitCode" in child ? child.exitCode : undefined;
      if (!stopping) log.warn({ shard: shard.id, code }, `shard ${shard.id} exited; it is restarted`);
    });
  });

  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    manager.respawn = false;
    log.info({ signal }, "shutting down the shards");
    void stopShards(manager.shards.values()).finally(() => log.flush(() => process.exit(0)));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);

  log.info({ shards: plan.shards, maxConcurrency: plan.maxConcurrency }, `starting ${plan.shards} shard(s)`);
  try {
    await manager.spawn({
      amount: plan.shards,
      delay: plan.shards <= plan.maxConcurrency ? 0 : SHARDING_DEFAULTS.spawnDelayMs,
      timeout: SHARDING_DEFAULTS.readyTimeoutMs,
    });
  } catch (err) {
    if (stopping) return;
    stopping = true;
    manager.respawn = false;
    await stopShards(manager.shards.values());
    throw new Error(`the shards could not start: ${(err as Error).message}`);
  }
  log.info({ shards: plan.shards }, "every shard is connected");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
