/**
 * How a refresh on one shard reaches the others (`linkShards`), with stand-ins for the engine and
 * for discord.js's shard utility: `broadcastEval` is given the function every shard would run, and
 * runs it against each shard's client here, as discord.js does in each shard's process.
 */
import type { Client } from "discord.js";
import { describe, expect, it } from "vitest";
import type { Engine, ReloadResult, SwapListener } from "../../src/engine.ts";
import { linkShards } from "../../src/discord/shard.ts";
import type { Library } from "../../src/search/library.ts";
import { captureLog } from "../engine/support/fixtures.ts";

/** An engine that counts reloads and lets the test swap libraries in. */
function fakeEngine(reloads: ReloadResult) {
  const listeners = new Set<SwapListener>();
  let reloadCalls = 0;
  const engine = {
    onSwap(l: SwapListener) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async reloadIfNewer() {
      reloadCalls++;
      return reloads;
    },
  };
  return {
    engine: engine as unknown as Engine,
    swap: (cause: "refresh" | "reload") => listeners.forEach((l) => l({} as Library, cause)),
    reloadCalls: () => reloadCalls,
  };
}

/** Shards' clients; each one's `shard.broadcastEval` runs the script on all of them, serialised like discord.js does. */
function fakeShards(count: number) {
  const clients: Client[] = [];
  let broadcasts = 0;
  for (let id = 0; id < count; id++) {
    const client = {
      shard: {
        ids: [id],
        async broadcastEval(script: (c: Client) => unknown) {
          broadcasts++;
          // discord.js sends the function's source to each shard and evaluates it there.
          const fn = new Function(`return (${script.toString()})`)() as (c: Client) => unknown;
          return Promise.all(clients.map((c) => fn(c)));
        },
      },
    } as unknown as Client;
    clients.push(client);
  }
  return { clients, broadcasts: () => broadcasts };
}

describe("linkShards", () => {
  it("after a refresh on one shard, tells every shard to reload, each logging a line", async () => {
    const shards = fakeShards(2);
    const origin = fakeEngine({ reloaded: false, builtAt: "new" });
    const other = fakeEngine({ reloaded: true, builtAt: "new" });
    const logs = captureLog();
    linkShards(shards.clients[0]!, origin.engine, logs.log.child({ shard: [0] }));
    linkShards(shards.clients[1]!, other.engine, logs.log.child({ shard: [1] }));

    origin.swap("refresh");
    const told = await waitFor(() => logs.lines().find((l) => String(l.msg).startsWith("told 2 shard(s)")));
    expect(told.results).toEqual([
      { shards: [0], reloaded: false, builtAt: "new" },
      { shards: [1], reloaded: true, builtAt: "new" },
    ]);
    expect([origin.reloadCalls(), other.reloadCalls()]).toEqual([1, 1]);
    const perShard = logs.lines().filter((l) => "reloaded" in l);
    expect(perShard.map((l) => [l.shard, l.msg])).toEqual([
      [[0], "shard already serves the latest index"],
      [[1], "shard reloaded the index refreshed on another shard"],
    ]);
  });

  it("does not broadcast again for a reload (which a broadcast caused), nor after unlinking", async () => {
    const shards = fakeShards(2);
    const engine = fakeEngine({ reloaded: true, builtAt: "x" });
    const unlink = linkShards(shards.clients[0]!, engine.engine, captureLog().log);
    engine.swap("reload");
    unlink();
    engine.swap("refresh");
    await new Promise((r) => setTimeout(r, 10));
    expect(shards.broadcasts()).toBe(0);
  });
});

async function waitFor<T>(probe: () => T | undefined): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error("timed out");
}
