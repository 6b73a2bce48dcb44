/**
 * Logging: one pino logger for the process. The token never appears in a log line: the fields
 * that may carry it are censored (`redact`), and as a second guard every secret value handed to
 * {@link createLogger} is masked in each finished line, whatever object or message carried it.
 */
import { pino, type Logger } from "pino";

export type { Logger };

export const REDACT_PATHS = [
  "token",
  "*.token",
  "*.*.token",
  "*.*.*.token",
  "DISCORD_TOKEN",
  "*.DISCORD_TOKEN",
  "*.*.DISCORD_TOKEN",
  "config.DISCORD_TOKEN",
  "authorization",
  "Authorization",
  "headers.authorization",
  "headers.Authorization",
  "*.headers.authorization",
  "*.headers.Authorization",
  "*.*.headers.authorization",
  "*.*.headers.Authorization",
];

export const REDACTED = "[redacted]";

export interface LoggerOptions {
  /** Values (the bot token) masked wherever they appear in a line. Values shorter than 8 characters are ignored. */
  secrets?: ReadonlyArray<string | undefined>;
}

/** The process logger; logs go to stderr so stdout stays clean for CLI output. */
export function createLogger(
  level = "info",
  destination: pino.DestinationStream = pino.destination(2),
  opts: LoggerOptions = {},
): Logger {
  const secrets = (opts.secrets ?? []).filter((s): s is string => typeof s === "string" && s.length >= 8);
  return pino({ level, redact: { paths: REDACT_PATHS, censor: REDACTED }, base: { app: "parley" } }, masking(destination, secrets));
}

/** Interaction and webhook tokens inside Discord API URLs (an error's `url` carries them). */
const URL_TOKEN = /\b((?:interactions|webhooks)\/\d+)\/[\w.-]{20,}/g;

/** A destination that masks `secrets`, and tokens in API URLs, in every line before passing it on. */
function masking(destination: pino.DestinationStream, secrets: string[]): pino.DestinationStream {
  const mask = (line: string) =>
    secrets.reduce((s, secret) => s.split(secret).join(REDACTED), line).replace(URL_TOKEN, `$1/${REDACTED}`);
  const flushable = destination as pino.DestinationStream & { flush?: (cb?: (err?: Error) => void) => void; flushSync?: () => void };
  return {
    write: (line: string) => flushable.write(mask(line)),
    ...(flushable.flush ? { flush: (cb?: (err?: Error) => void) => flushable.flush!(cb) } : {}),
    ...(flushable.flushSync ? { flushSync: () => flushable.flushSync!() } : {}),
  } as pino.DestinationStream;
}
