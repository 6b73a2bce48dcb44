/**
 * Settings: the one place that reads the environment. Every setting is listed in `.env.example`
 * and validated here; a bad one stops start-up with a message that names it.
 */
import path from "node:path";
import { config as loadDotenv } from "dotenv";
import { z } from "zod";

const snowflake = z.string().regex(/^\d{15,21}$/, "must be a Discord id (15–21 digits)");
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v), schema.optional());

const Settings = z.object({
  DISCORD_TOKEN: optional(z.string().min(20, "looks too short to be a bot token")),
  DISCORD_CLIENT_ID: optional(snowflake),
  DISCORD_GUILD_ID: optional(snowflake),
  DISCORD_API_URL: optional(z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ""))),
  MODERATOR_ROLE_IDS: optional(z.string()).transform((v, ctx) => {
    const ids = (v ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    const bad = ids.filter((id) => !snowflake.safeParse(id).success);
    if (bad.length) ctx.addIssue({ code: "custom", message: `not Discord ids: ${bad.join(", ")}` });
    return ids;
  }),
  SEEDS_DIR: optional(z.string()).transform((v) => path.resolve(v ?? "seeds")),
  INDEX_DIR: optional(z.string()).transform((v) => path.resolve(v ?? "index")),
  // Left undefined when unset, so that a command can tell "unset" from "info": the default ("info")
  // is applied where the logger is made (`createLogger`), and quiet commands log warnings only.
  LOG_LEVEL: optional(z.string().toLowerCase().pipe(z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]))),
  // "auto" (discord.js's word) means the same as unset: ask DISCORD_API_URL's /gateway/bot.
  SHARD_COUNT: optional(z.preprocess((v) => (typeof v === "string" && v.toLowerCase() === "auto" ? undefined : v), z.coerce.number().int().min(1).max(1000).optional())),
  COOLDOWN_SECONDS: optional(z.coerce.number().min(0).max(3600)).transform((v) => v ?? 3),
  MAX_ARTICLE_UPLOAD_BYTES: optional(z.coerce.number().int().min(1024).max(25 * 1024 * 1024)).transform((v) => v ?? 1024 * 1024),
});

export type Config = z.output<typeof Settings>;

/** Discord's REST base when `DISCORD_API_URL` is not set. */
export const DISCORD_API_DEFAULT = "https://discord.com/api";

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Validate settings from `env` (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Settings.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `${i.path.join(".") || "settings"}: ${i.message}`);
  throw new ConfigError(`Bad setting ${lines.join("; ")}`);
}

/** Load `.env` (if any) into process.env without overriding what is already set, then validate. */
export function loadConfigFromEnvironment(): Config {
  loadDotenv({ quiet: true });
  return loadConfig(process.env);
}
