/**
 * `npm run deploy` (src/discord/deploy.ts) as a child process against the Discord stand-in: it
 * registers exactly the commands the bot serves, guild-scoped or global.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandDefinitions } from "../../src/discord/commands/index.ts";
import { startDiscordStandin, type DiscordStandin } from "../support/discord-standin.ts";
import { PROJECT_ROOT } from "../support/bot-harness.ts";

const run = promisify(execFile);
const TSX = path.join(PROJECT_ROOT, "node_modules/.bin/tsx");
const DEPLOY = path.join(PROJECT_ROOT, "src/discord/deploy.ts");

let standin: DiscordStandin;
let cwd: string; // no .env there: only the settings given here count

beforeAll(async () => {
  standin = await startDiscordStandin();
  cwd = await mkdtemp(path.join(os.tmpdir(), "parley-deploy-"));
});
afterAll(async () => {
  await standin?.close();
  await rm(cwd, { recursive: true, force: true });
});

function deploy(env: Record<string, string>) {
  return run(TSX, [DEPLOY], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DISCORD_API_URL: standin.apiUrl, DISCORD_TOKEN: standin.token, DISCORD_GUILD_ID: "", ...env },
    timeout: 30_000,
  });
}

/** The definitions as they travel (JSON), for comparison with what the stand-in received. */
const expected = () => JSON.parse(JSON.stringify(commandDefinitions())) as Array<{ name: string }>;

describe("npm run deploy", () => {
  it("registers exactly the defined commands to DISCORD_GUILD_ID, or globally without it", async () => {
    const guildId = standin.guild.id;
    const [guild, global] = await Promise.all([
      deploy({ DISCORD_CLIENT_ID: standin.applicationId, DISCORD_GUILD_ID: guildId }),
      deploy({ DISCORD_CLIENT_ID: standin.applicationId }),
    ]);

    const puts = standin.requests.filter((r) => r.method === "PUT" && r.status === 200);
    const toGuild = puts.find((r) => r.params.guildId === guildId);
    const toAll = puts.find((r) => r.route === "PUT /applications/:applicationId/commands");
    expect(toGuild?.params.applicationId).toBe(standin.applicationId);
    expect(toGuild?.body).toEqual(expected());
    expect(toAll?.body).toEqual(expected());
    expect(puts).toHaveLength(2);

    const names = expected().map((c) => c.name);
    expect(standin.commands.guild.get(guildId)?.map((c) => c.name)).toEqual(names);
    expect(standin.commands.global.map((c) => c.name)).toEqual(names);

    expect(guild.stdout).toContain(`to guild ${guildId}`);
    expect(global.stdout).toContain("globally");
    for (const out of [guild.stdout, global.stdout]) {
      expect(out).toContain(`Registered ${names.length} commands`);
      for (const name of names) expect(out).toContain(name);
    }
  });

  it("without DISCORD_CLIENT_ID: one line naming it, a non-zero exit, nothing registered", async () => {
    const before = standin.requests.length;
    const failed = await deploy({ DISCORD_CLIENT_ID: "" }).then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed?.code).not.toBe(0);
    expect(failed?.stderr.trim().split("\n")).toHaveLength(1);
    expect(failed?.stderr).toContain("DISCORD_CLIENT_ID");
    expect(standin.requests.length).toBe(before);
  });
});
