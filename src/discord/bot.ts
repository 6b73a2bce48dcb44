/**
 * The Discord bot: a discord.js client with the fewest intents that serve (Guilds, and
 * GuildMessages for mentions, whose content arrives without the privileged MessageContent
 * intent), `allowed_mentions` that ping nobody, and REST (and through `/gateway/bot`, the
 * gateway) at `DISCORD_API_URL`. It logs in while the index is still loading; interactions that
 * arrive meanwhile are deferred and answered once it is ready.
 */
import { once } from "node:events";
import { Client, Events, GatewayIntentBits, RESTEvents, type ClientOptions } from "discord.js";
import { DISCORD_API_DEFAULT, type Config } from "../config.js";
import type { Engine } from "../engine.js";
import type { Logger } from "../log.js";
import { commandRegistry, type BotContext, type CommandModule } from "./command.js";
import { commands as allCommands } from "./commands/index.js";
import { Cooldowns } from "./cooldowns.js";
import { createDispatcher } from "./dispatcher.js";
import { NO_PINGS } from "./markdown.js";
import { createMentionHandler } from "./mention.js";
import { AnswerSessions } from "./sessions.js";

export interface BotOptions {
  /** The command modules to serve (default: every module in `commands/index.ts`). */
  commands?: readonly CommandModule[];
  /** More client options, e.g. `shards`/`shardCount` for a sharded start. */
  client?: Partial<ClientOptions>;
}

export interface Bot {
  readonly client: Client<true>;
  /** Resolves once the index is loaded too (and the ready line logged); rejects if loading failed. */
  readonly serving: Promise<void>;
  /** Disconnect (`client.destroy()`); the engine is left to its owner. */
  stop(): Promise<void>;
}

/** The client options every Parley client uses. */
export function clientOptions(config: Pick<Config, "DISCORD_API_URL">): ClientOptions {
  return {
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    allowedMentions: { ...NO_PINGS, parse: [] },
    rest: { api: config.DISCORD_API_URL ?? DISCORD_API_DEFAULT },
  };
}

/**
 * Log in and serve. Resolves once the client is ready (rejects, disconnected, if login fails);
 * the index may still be loading then: `bot.serving` resolves once it is loaded, after logging
 * one line with guilds, passages and the time it all took.
 */
export async function createBot(config: Config, log: Logger, engine: Engine | Promise<Engine>, options: BotOptions = {}): Promise<Bot> {
  const started = Date.now();
  if (!config.DISCORD_TOKEN) throw new Error("DISCORD_TOKEN is not set");
  const enginePromise = Promise.resolve(engine);
  let loaded: Engine | undefined;
  enginePromise.then(
    (e) => (loaded = e),
    () => undefined,
  );
  const ctx: BotContext = {
    config,
    log,
    engine: enginePromise,
    engineNow: () => loaded,
    cooldowns: new Cooldowns(config.COOLDOWN_SECONDS),
    sessions: new AnswerSessions(),
    commands: commandRegistry(options.commands ?? allCommands),
  };

  const client = new Client({ ...clientOptions(config), ...options.client });
  const onInteraction = createDispatcher(ctx);
  const onMention = createMentionHandler(ctx);
  client.on(Events.InteractionCreate, (interaction) => void onInteraction(interaction));
  client.on(Events.MessageCreate, (message) => void onMention(message));
  client.on(Events.Error, (err) => log.error({ err }, "discord client error"));
  client.on(Events.Warn, (message) => log.warn(message));
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ shard, code: event.code }, "shard disconnected"));
  client.on(Events.ShardReconnecting, (shard) => log.info({ shard }, "shard reconnecting"));
  client.rest.on(RESTEvents.RateLimited, (info) =>
    log.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, "rate limited by Discord"),
  );

  const ready = once(client, Events.ClientReady);
  ready.catch(() => undefined);
  try {
    await client.login(config.DISCORD_TOKEN);
    await ready;
  } catch (err) {
    await client.destroy();
    throw err;
  }

  const serving = enginePromise.then((e) => {
    const counts = e.library.manifest.counts;
    log.info(
      { guilds: client.guilds.cache.size, documents: counts.documents, passages: counts.passages, ms: Date.now() - started },
      `ready on Discord as ${client.user?.tag ?? "?"}`,
    );
  });
  serving.catch(() => undefined); // the owner awaits it

  return {
    client: client as Client<true>,
    serving,
    async stop() {
      client.removeAllListeners();
      await client.destroy();
    },
  };
}

/** `npm start` with a token: serve until SIGINT/SIGTERM, then disconnect, flush the log and exit 0. */
export async function startBot(config: Config, log: Logger, engine: Engine | Promise<Engine>): Promise<Bot> {
  const bot = await createBot(config, log, engine);
  try {
    await bot.serving;
  } catch (err) {
    await bot.stop();
    throw err;
  }
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    void (async () => {
      try {
        await bot.stop();
        (await Promise.resolve(engine)).close();
      } catch (err) {
        log.warn({ err }, "error while shutting down");
      }
      log.flush(() => process.exit(0));
    })();
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  return bot;
}
