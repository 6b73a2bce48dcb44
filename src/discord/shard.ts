/**
 * One shard of `npm run start:sharded` (`src/sharded.ts` starts this file once per shard, in its
 * own process, through discord.js's `ShardingManager`, which tells the client its shard ids and
 * count in the environment). Each shard is the ordinary bot serving the same index folder; its log
 * lines carry `shard`.
 *
 * A refresh done on one shard reaches the others by `broadcastEval`: when this shard swaps in an
 * index it refreshed, it asks every shard (through the manager) to run `reloadIfNewer`, which loads
 * the index just persisted. Each shard logs one line saying whether it reloaded.
 */
import { pathToFileURL } from "node:url";
import type { Client, ShardClientUtil } from "discord.js";
import { runCli } from "../cli/run.js";
import { Engine, type ReloadResult } from "../engine.js";
import type { Logger } from "../log.js";
import { startBot } from "./bot.js";

/** What one shard answers when told to reload. */
export interface ShardReload extends ReloadResult {
  shards: number[];
}

/** A client that other shards can tell to reload the index (set by {@link linkShards}). */
type LinkedClient = Client & { parley?: { reloadIndex(): Promise<ShardReload> } };

/**
 * Let the other shards tell this one to reload the index, and tell them whenever this one
 * refreshes it. Returns a function that undoes both.
 */
export function linkShards(client: Client, engine: Engine, log: Logger): () => void {
  const shards = client.shard?.ids ?? [];
  (client as LinkedClient).parley = {
    async reloadIndex() {
      const result = await engine.reloadIfNewer();
      log.info(
        { shards, reloaded: result.reloaded, builtAt: result.builtAt, ...(result.reason ? { reason: result.reason } : {}) },
        result.reloaded ? "shard reloaded the index refreshed on another shard" : "shard already serves the latest index",
      );
      return { shards, ...result };
    },
  };
  const unsubscribe = engine.onSwap((_library, cause) => {
    if (cause !== "refresh" || !client.shard) return;
    void tellShardsToReload(client.shard, log);
  });
  return () => {
    unsubscribe();
    delete (client as LinkedClient).parley;
  };
}

/** Ask every shard (this one included, for which it is a no-op) to load the newest persisted index. */
export async function tellShardsToReload(shard: ShardClientUtil, log: Logger): Promise<Array<ShardReload | null>> {
  try {
    // Serialised and evaluated in each shard's process with its client: it may use nothing but `c`.
    const results = await shard.broadcastEval((c) => (c as LinkedClient).parley?.reloadIndex() ?? null);
    log.info({ results }, `told ${results.length} shard(s) to reload the refreshed index`);
    return results;
  } catch (err) {
    log.warn({ err: (err as Error).message }, "could not tell the other shards to reload the index; they serve the previous one until told again");
    return [];
  }
}

/** The shard process: settings, a logger that names the shard, the engine, the bot, the link to the other shards. */
function main(): void {
  runCli(async (ctx) => {
    const shards = parseShards(process.env.SHARDS);
    const log = ctx.log.child({ shard: shards });
    const engine = Engine.open(ctx.config, log, { startupBuild: "builder" });
    const bot = await startBot(ctx.config, log, engine);
    linkShards(bot.client, await engine, log);
    // The manager gone (killed) leaves no one to restart or stop this shard: stop like on SIGTERM.
    process.once("disconnect", () => {
      log.warn("the sharding manager is gone; shutting down");
      process.kill(process.pid, "SIGTERM");
    });
  });
}

/** The shard ids discord.js's manager passes in `SHARDS` ("0" or "[0,1]"). */
function parseShards(raw: string | undefined): number[] {
  try {
    const parsed = JSON.parse(raw ?? "[]") as unknown;
    return (Array.isArray(parsed) ? parsed : [parsed]).filter((n): n is number => Number.isInteger(n));
  } catch {
    return [];
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
