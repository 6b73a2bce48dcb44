/**
 * Log a real discord.js Client in to a DiscordStandin and wait until it is fully ready
 * (READY + every GUILD_CREATE processed → `clientReady`). Interactions dispatched before that are queued by
 * discord.js and only drained one per incoming packet, so always wait for this before dispatching.
 * The default timeout (4 s) is below vitest's default test timeout, so the stand-in's diagnostics get shown.
 */
import { Client, Events, GatewayIntentBits, type ClientOptions, type WebSocketOptions } from "discord.js";
import type { DiscordStandin } from "./discord-standin.ts";

/**
 * `ws` client option that removes @discordjs/ws's identify throttle (5 s + up to 1.5 s jitter between two
 * IDENTIFYs of the same bucket). Only matters for tests that make the client re-identify (invalid session,
 * close code 1000...): `loginClient(standin, { ws: noIdentifyThrottle })`.
 */
export const noIdentifyThrottle: WebSocketOptions = {
  buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }),
};

export async function loginClient(
  standin: DiscordStandin,
  options: Partial<ClientOptions> = {},
  { timeout = 4000 }: { timeout?: number } = {},
): Promise<Client<true>> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages],
    ...options,
    rest: { ...options.rest, api: standin.apiUrl },
  });
  return readyClient(client, standin, timeout);
}

/** Log an already constructed client in (its `rest.api` must point at the stand-in) and wait for clientReady. */
export async function readyClient(client: Client, standin: DiscordStandin, timeout = 4000): Promise<Client<true>> {
  let timer: NodeJS.Timeout | undefined;
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  const failure = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`discord.js client not ready after ${timeout}ms.\n${standin.describeRecent()}`)),
      timeout,
    );
    client.once(Events.ShardDisconnect, (event, shardId) =>
      reject(new Error(`shard ${shardId} closed with unrecoverable code ${event.code}.\n${standin.describeRecent()}`)),
    );
  });
  const login = client.login(standin.token);
  login.catch(() => {}); // observed through the race below
  try {
    await Promise.race([Promise.all([login, ready]), failure]);
  } catch (e) {
    await client.destroy();
    throw e;
  } finally {
    clearTimeout(timer);
  }
  return client as Client<true>;
}
