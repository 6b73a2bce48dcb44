/**
 * Logging: one pino logger for the process. The token never appears in a log line (`redact`),
 * whatever object carries it.
 */
import { pino, type Logger } from "pino";

export type { Logger };

export const REDACT_PATHS = [
  "token",
  "*.token",
  "*.*.token",
  "DISCORD_TOKEN",
  "*.DISCORD_TOKEN",
  "headers.authorization",
  "*.headers.authorization",
  "config.DISCORD_TOKEN",
];

/** The process logger; logs go to stderr so stdout stays clean for CLI output. */
export function createLogger(level = "info", destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: "[redacted]" }, base: { app: "parley" } }, destination);
}
