import path from "node:path";
import { describe, expect, it } from "vitest";
import { Writable } from "node:stream";
import { ConfigError, loadConfig } from "../src/config.js";
import { createLogger } from "../src/log.js";

const TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789";

/** The message of the error `loadConfig(env)` throws. */
function failure(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be rejected`);
}

describe("settings", () => {
  it("has the documented defaults", () => {
    const c = loadConfig({});
    expect(c.DISCORD_TOKEN).toBeUndefined();
    expect(c.DISCORD_GUILD_ID).toBeUndefined();
    expect(c.DISCORD_API_URL).toBeUndefined();
    expect(c.SHARD_COUNT).toBeUndefined();
    expect(c.MODERATOR_ROLE_IDS).toEqual([]);
    expect(c.SEEDS_DIR).toBe(path.resolve("seeds"));
    expect(c.INDEX_DIR).toBe(path.resolve("index"));
    // Unset stays unset (quiet commands then log warnings only); the logger's default is info.
    expect(c.LOG_LEVEL).toBeUndefined();
    expect(createLogger(c.LOG_LEVEL, new Writable({ write: (_c, _e, done) => done() })).level).toBe("info");
  });

  it("reads good values", () => {
    const c = loadConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_CLIENT_ID: "123456789012345678",
      DISCORD_API_URL: "http://127.0.0.1:8080/api/",
      MODERATOR_ROLE_IDS: " 123456789012345678 , 876543210987654321 ",
      SEEDS_DIR: "/tmp/articles",
      LOG_LEVEL: "debug",
      SHARD_COUNT: "4",
    });
    expect(c.DISCORD_TOKEN).toBe(TOKEN);
    expect(c.DISCORD_API_URL).toBe("http://127.0.0.1:8080/api");
    expect(c.MODERATOR_ROLE_IDS).toEqual(["123456789012345678", "876543210987654321"]);
    expect(c.SEEDS_DIR).toBe(path.resolve("/tmp/articles"));
    expect(c.LOG_LEVEL).toBe("debug");
    expect(c.SHARD_COUNT).toBe(4);
  });

  it("treats empty (and blank) strings as unset, as a copied .env.example leaves them", () => {
    const blank = { DISCORD_TOKEN: "", DISCORD_CLIENT_ID: "", DISCORD_GUILD_ID: " ", DISCORD_API_URL: "", MODERATOR_ROLE_IDS: "", SEEDS_DIR: "", INDEX_DIR: "", LOG_LEVEL: "", SHARD_COUNT: "" };
    expect(loadConfig(blank)).toEqual(loadConfig({}));
  });

  it.each([
    ["MODERATOR_ROLE_IDS", { MODERATOR_ROLE_IDS: "123456789012345678,moderators" }],
    ["DISCORD_API_URL", { DISCORD_API_URL: "not a url" }],
    ["DISCORD_API_URL", { DISCORD_API_URL: "ftp://example.org/api" }],
    ["SHARD_COUNT", { SHARD_COUNT: "0" }],
    ["SHARD_COUNT", { SHARD_COUNT: "two" }],
    ["LOG_LEVEL", { LOG_LEVEL: "loud" }],
    ["DISCORD_GUILD_ID", { DISCORD_GUILD_ID: "my-server" }],
    ["DISCORD_CLIENT_ID", { DISCORD_CLIENT_ID: "12" }],
    ["DISCORD_TOKEN", { DISCORD_TOKEN: "short" }],
  ])("names %s when it is bad", (name, env) => {
    const message = failure(env);
    expect(message).toContain(name);
    expect(message).not.toMatch(/\n/);
    for (const other of ["MODERATOR_ROLE_IDS", "DISCORD_API_URL", "SHARD_COUNT", "LOG_LEVEL", "DISCORD_GUILD_ID", "DISCORD_CLIENT_ID", "DISCORD_TOKEN"]) {
      if (other !== name) expect(message).not.toContain(other);
    }
  });

  it("names every bad setting at once", () => {
    const message = failure({ SHARD_COUNT: "0", LOG_LEVEL: "loud" });
    expect(message).toContain("SHARD_COUNT");
    expect(message).toContain("LOG_LEVEL");
  });

  it("never repeats a rejected token's value in its message", () => {
    const message = failure({ DISCORD_TOKEN: "abc.def.g" });
    expect(message).toContain("DISCORD_TOKEN");
    expect(message).not.toContain("abc.def.g");
  });

  it("accepts a log level in capitals and 'auto' shards", () => {
    expect(loadConfig({ LOG_LEVEL: "WARN" }).LOG_LEVEL).toBe("warn");
    expect(loadConfig({ SHARD_COUNT: "auto" }).SHARD_COUNT).toBeUndefined();
  });
});
