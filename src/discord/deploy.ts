/**
 * `npm run deploy`: registers the slash commands and context menus of `commands/index.ts` (the
 * same definitions the bot serves) with one bulk overwrite: to `DISCORD_GUILD_ID` when set
 * (instant, for development), else globally. Prints what it registered.
 */
import { pathToFileURL } from "node:url";
import { REST, Routes, type RESTPutAPIApplicationCommandsResult } from "discord.js";
import { DISCORD_API_DEFAULT, type Config } from "../config.js";
import { runCli, UsageError } from "../cli/run.js";
import type { CommandModule } from "./command.js";
import { commandDefinitions, commands } from "./commands/index.js";

export interface DeployResult {
  scope: { guild: string } | "global";
  registered: RESTPutAPIApplicationCommandsResult;
}

/** Overwrite the application's commands (guild or global) with `modules`' definitions. */
export async function deployCommands(config: Config, modules: readonly CommandModule[] = commands): Promise<DeployResult> {
  if (!config.DISCORD_TOKEN) throw new UsageError("DISCORD_TOKEN is not set (see .env.example)");
  if (!config.DISCORD_CLIENT_ID) throw new UsageError("DISCORD_CLIENT_ID is not set: the application id, from the Developer Portal");
  const rest = new REST({ version: "10", api: config.DISCORD_API_URL ?? DISCORD_API_DEFAULT }).setToken(config.DISCORD_TOKEN);
  const route = config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(config.DISCORD_CLIENT_ID, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(config.DISCORD_CLIENT_ID);
  const registered = (await rest.put(route, { body: commandDefinitions(modules) })) as RESTPutAPIApplicationCommandsResult;
  return { scope: config.DISCORD_GUILD_ID ? { guild: config.DISCORD_GUILD_ID } : "global", registered };
}

/** The lines `npm run deploy` prints. */
export function formatDeploy(result: DeployResult): string[] {
  const where = result.scope === "global" ? "globally (may take up to an hour to appear)" : `to guild ${result.scope.guild}`;
  const names = result.registered.map((c) => (c.type === 1 || c.type === undefined ? `/${c.name}` : `"${c.name}" (context menu)`));
  return [`Registered ${result.registered.length} commands ${where}:`, ...names.map((n) => `  ${n}`)];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  runCli(
    async (ctx) => {
      const result = await deployCommands(ctx.config);
      process.stdout.write(`${formatDeploy(result).join("\n")}\n`);
    },
    { quiet: true },
  );
}
