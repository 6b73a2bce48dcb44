/**
 * What every command-line entry point shares: settings, a logger on stderr, the engine, and the
 * rule that a bad argument or input gets one line on stderr and a non-zero exit, never a stack trace.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { ConfigError, loadConfigFromEnvironment, type Config } from "../config.js";
import type { Engine, EngineOptions } from "../engine.js";
import { createLogger, type Logger } from "../log.js";

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export interface CliContext {
  config: Config;
  log: Logger;
  /** Opens the engine (loading or building the index) on first use. */
  engine(options?: EngineOptions): Promise<Engine>;
}

/**
 * Run a command. `quiet` commands log only warnings unless LOG_LEVEL is set, so their stdout
 * (answers, JSON) is all a script sees and stderr stays short.
 */
export function runCli(main: (ctx: CliContext) => Promise<void>, opts: { quiet?: boolean } = {}): void {
  // A reader that stops early (`| head -1`) is not an error worth a stack trace.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") fail(err);
    process.exit(process.exitCode ?? 0);
  });
  void (async () => {
    let config: Config;
    try {
      config = loadConfigFromEnvironment();
    } catch (err) {
      fail(err);
      return;
    }
    // LOG_LEVEL unset: quiet commands log warnings only; the others take the logger's default.
    const level = config.LOG_LEVEL ?? (opts.quiet ? "warn" : undefined);
    const log = createLogger(level, undefined, { secrets: [config.DISCORD_TOKEN] });
    let engine: Promise<Engine> | undefined;
    // The engine's modules load only when a command needs them, so a bad argument fails at once.
    const openEngine = async (options?: EngineOptions) => (await import("../engine.js")).Engine.open(config, log, options);
    const ctx: CliContext = { config, log, engine: (options) => (engine ??= openEngine(options)) };
    try {
      await main(ctx);
    } catch (err) {
      fail(err);
    }
  })();
}

/** parseArgs with our error style. */
export function parseCliArgs<T extends ParseArgsConfig["options"]>(options: T, args = process.argv.slice(2)) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.split("\n")[0]!);
  }
}

function fail(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  const prefix = err instanceof UsageError || err instanceof ConfigError ? "" : "error: ";
  process.stderr.write(`${prefix}${message.split("\n")[0]}\n`);
  process.exitCode = err instanceof UsageError ? 2 : 1;
}
