/**
 * End-to-end harness for the Discord bot: a Discord stand-in, seeds copied into a temp dir, an
 * index in a temp dir, the real bot (`createBot`) logged in to the stand-in, and its log lines
 * captured. Plus what every e2e test shares: reading the bot's answers (the message a response
 * carries, its buttons, whether it is private, the final answer of a deferred reply), the checks
 * that every message payload the bot sent stays within Discord's limits and pings nobody, the
 * text of a rendered message without its Markdown, and a test article no other fixture has.
 */
import { collapse } from "../../src/search/evaluate.ts";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { MessageFlags, type APIEmbed, type APIInteractionResponse, type APIMessage, type APIUser } from "discord.js";
import { loadConfig, type Config } from "../../src/config.ts";
import { createBot, type Bot } from "../../src/discord/bot.ts";
import { deployCommands } from "../../src/discord/deploy.ts";
import type { CommandModule } from "../../src/discord/command.ts";
import { Engine } from "../../src/engine.ts";
import { createLogger } from "../../src/log.ts";
import type { LibraryBuilder } from "../../src/search/builder.ts";
import {
  snowflake,
  startDiscordStandin,
  type DiscordStandin,
  type InteractionHandle,
  type RecordedRequest,
  type StandinOptions,
} from "./discord-standin.ts";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
export const SEED_ARTICLE = path.join(PROJECT_ROOT, "seeds/000_950a411777f2414a.txt");
export const SECOND_ARTICLE = path.join(PROJECT_ROOT, "test/fixtures/second/001_river_treaty.txt");

/** An article no fixture or seed has (for tests that add it to the seeds), a question only it answers, and words of its answer. */
export const LAKE_ARTICLE = [
  "Lake Varnu fishing accord signed after years of quarrels",
  "",
  "The mayor of Ostrel, Dana Kovic, signed the Lake Varnu fishing accord on Tuesday with the heads of the three lakeside villages.",
  "",
  "Under the accord, boats from Ostrel may fish the northern bays of Lake Varnu only between April and September, and the villages share the catch quotas equally.",
  "",
  "Kovic said the accord ends a decade of quarrels over nets cut in the night and boats seized at the piers.",
].join("\n");
export const LAKE_QUESTION = "Who signed the Lake Varnu fishing accord?";
export const LAKE_WORDS = "Dana Kovic";

export interface HarnessOptions {
  /** Files for the seeds folder: absolute paths to copy, or `{ name: content }`. Default: the two test articles. */
  seeds?: string[] | Record<string, string>;
  /** COOLDOWN_SECONDS (default 0: no cooldown). */
  cooldownSeconds?: number;
  standin?: StandinOptions;
  /** Command modules instead of the real registry (e.g. the real ones plus a failing one). */
  commands?: readonly CommandModule[];
  /** Give the bot the engine only once this resolves (the index "still loading"). */
  engineGate?: Promise<void>;
  /** How the engine builds on a refresh (e.g. one that waits, to test answers during a refresh). */
  builder?: LibraryBuilder;
}

export interface BotHarness {
  standin: DiscordStandin;
  bot: Bot;
  engine: Engine;
  config: Config;
  seedsDir: string;
  logs: LogCapture;
  close(): Promise<void>;
}

/** Every log line the bot wrote, raw and parsed. */
export class LogCapture {
  readonly lines: string[] = [];
  write(line: string): void {
    this.lines.push(line);
  }
  records(): Array<Record<string, unknown>> {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

export async function startBotHarness(options: HarnessOptions = {}): Promise<BotHarness> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "parley-bot-"));
  const seedsDir = path.join(dir, "seeds");
  const indexDir = path.join(dir, "index");
  await writeSeeds(seedsDir, options.seeds ?? [SEED_ARTICLE, SECOND_ARTICLE]);

  const standin = await startDiscordStandin(options.standin);
  const logs = new LogCapture();
  const config = loadConfig({
    DISCORD_TOKEN: standin.token,
    DISCORD_API_URL: standin.apiUrl,
    DISCORD_CLIENT_ID: standin.applicationId,
    SEEDS_DIR: seedsDir,
    INDEX_DIR: indexDir,
    COOLDOWN_SECONDS: String(options.cooldownSeconds ?? 0),
    LOG_LEVEL: "debug",
  });
  const log = createLogger(config.LOG_LEVEL, logs);
  let engine: Engine | undefined;
  let bot: Bot | undefined;
  try {
    // Registered like `npm run deploy` does, so the stand-in builds options with their registered types.
    await deployCommands(config, options.commands);
    engine = await Engine.open(config, log, options.builder ? { builder: options.builder } : {});
    await engine.answer("warm up"); // the first answer loads lazily-loaded data; keep that out of the 3-second window
    const opened = engine;
    const handed = options.engineGate ? options.engineGate.then(() => opened) : opened;
    bot = await createBot(config, log, handed, options.commands ? { commands: options.commands } : {});
  } catch (err) {
    engine?.close();
    await standin.close();
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  const started = { bot, engine };
  return {
    standin,
    bot,
    engine,
    config,
    seedsDir,
    logs,
    async close() {
      await started.bot.stop();
      started.engine.close();
      await standin.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function writeSeeds(seedsDir: string, seeds: string[] | Record<string, string>): Promise<void> {
  await mkdir(seedsDir, { recursive: true });
  if (Array.isArray(seeds)) {
    for (const file of seeds) await copyFile(file, path.join(seedsDir, path.basename(file)));
  } else {
    for (const [name, content] of Object.entries(seeds)) await writeFile(path.join(seedsDir, name), content);
  }
}

/** A new Discord user (not a member of any guild unless added), for tests that need distinct people. */
export function newUser(username: string): APIUser {
  return { id: snowflake(), username, discriminator: "0", global_name: null, avatar: null } as APIUser;
}

// ---------------------------------------------------------------------------------------------------------
// Reading the bot's answers
// ---------------------------------------------------------------------------------------------------------

/** A message as the tests read it: a response's data, a webhook edit, a stored message. */
export interface MessageData {
  content?: string;
  embeds?: APIEmbed[];
  components?: Array<{ components: Array<{ custom_id?: string; label?: string }> }>;
  flags?: number;
  allowed_mentions?: unknown;
}

/** The message an interaction response carries (nothing, for a deferral without data). */
export const dataOf = (r: APIInteractionResponse): MessageData => (("data" in r ? r.data : undefined) ?? {}) as MessageData;

/** The buttons of a message, row after row. */
export const buttonsOf = (d: MessageData) => (d.components ?? []).flatMap((row) => row.components);

/** The custom id of the button labelled `label`, if the message has one. */
export const buttonId = (d: MessageData, label: string) => buttonsOf(d).find((b) => b.label === label)?.custom_id;

/** Whether only its recipient sees the message. */
export const isEphemeral = (d: { flags?: number }) => ((d.flags ?? 0) & MessageFlags.Ephemeral) !== 0;

/**
 * The final answer to an interaction: the reply, or the deferred reply once edited in (waiting up
 * to `responseTimeout` for the response, then `editTimeout` for the edit).
 */
export async function finalAnswer(
  handle: InteractionHandle,
  { responseTimeout = 10_000, editTimeout = 15_000 }: { responseTimeout?: number; editTimeout?: number } = {},
): Promise<{ data: MessageData; deferred: boolean; text: string }> {
  const response = await handle.response({ timeout: responseTimeout });
  if (response.type === 5) {
    const message = (await handle.waitForOriginal((m) => ((m.flags ?? 0) & MessageFlags.Loading) === 0, { timeout: editTimeout })) as MessageData;
    return { data: message, deferred: true, text: messageText(message) };
  }
  const data = dataOf(response);
  return { data, deferred: false, text: messageText(data) };
}

// ---------------------------------------------------------------------------------------------------------
// What the bot sent
// ---------------------------------------------------------------------------------------------------------

/** A message payload the bot sent (create or edit), with where it went. */
export interface SentPayload {
  request: RecordedRequest;
  /** e.g. "callback type 4", "PATCH /webhooks/…", "POST /channels/…". */
  via: string;
  body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** The sequence number of the last request so far: pass it as `after` to look only at later ones. */
export function lastRequest(standin: DiscordStandin): number {
  return standin.requests.at(-1)?.seq ?? 0;
}

/** Every message body the bot sent (after request `after`): interaction replies/updates, webhook edits and follow-ups, channel messages. */
export function sentPayloads(standin: DiscordStandin, after = 0): SentPayload[] {
  const out: SentPayload[] = [];
  for (const r of standin.requests) {
    if (r.seq <= after) continue;
    if (!r.route || r.body === undefined || r.body === null) continue;
    if (r.route.endsWith("/callback")) {
      if ((r.body.type === 4 || r.body.type === 7) && r.body.data) out.push({ request: r, via: `callback type ${r.body.type}`, body: r.body.data });
    } else if (/^(POST|PATCH) \/webhooks\//.test(r.route) || /^(POST|PATCH) \/channels\/:channelId\/messages/.test(r.route)) {
      out.push({ request: r, via: r.route, body: r.body });
    }
  }
  return out;
}

/** Autocomplete answers the bot sent (callback type 8), after request `after`. */
export function sentChoices(standin: DiscordStandin, after = 0): Array<{ name: string; value: unknown }[]> {
  return standin.requests
    .filter((r) => r.seq > after && r.route?.endsWith("/callback") && r.body?.type === 8)
    .map((r) => (r.body.data?.choices ?? []) as Array<{ name: string; value: unknown }>);
}

const length = (s: unknown) => (typeof s === "string" ? Array.from(s).length : 0);

/**
 * Everything wrong with the payloads the bot sent, as readable lines (empty: all good): Discord's
 * limits (content, embeds, fields, the 6,000 total, components, autocomplete), `allowed_mentions`
 * on every message pinging nobody, and no payload refused by the stand-in. Only requests after
 * `after` (see {@link lastRequest}) count.
 */
export function payloadProblems(standin: DiscordStandin, after = 0): string[] {
  const problems: string[] = [];
  for (const { request, via, body } of sentPayloads(standin, after)) {
    const at = `${via} #${request.seq}`;
    const p = (msg: string) => problems.push(`${at}: ${msg}`);
    if (request.status >= 300) p(`refused with ${request.status} ${JSON.stringify(request.response)}`);
    const am = body.allowed_mentions;
    if (!am) p("no allowed_mentions");
    else {
      if (!Array.isArray(am.parse) || am.parse.length > 0) p(`allowed_mentions.parse is ${JSON.stringify(am.parse)}`);
      if (am.users?.length) p(`allowed_mentions.users ${JSON.stringify(am.users)}`);
      if (am.roles?.length) p(`allowed_mentions.roles ${JSON.stringify(am.roles)}`);
      if (am.replied_user === true) p("allowed_mentions.replied_user is true");
    }
    if (length(body.content) > 2000) p(`content of ${length(body.content)} characters`);
    const embeds: APIEmbed[] = body.embeds ?? [];
    if (embeds.length > 10) p(`${embeds.length} embeds`);
    let total = 0;
    embeds.forEach((e, i) => {
      const q = (msg: string) => p(`embed ${i}: ${msg}`);
      if (length(e.title) > 256) q(`title of ${length(e.title)}`);
      if (length(e.description) > 4096) q(`description of ${length(e.description)}`);
      if (length(e.footer?.text) > 2048) q(`footer of ${length(e.footer?.text)}`);
      if (length(e.author?.name) > 256) q(`author of ${length(e.author?.name)}`);
      const fields = e.fields ?? [];
      if (fields.length > 25) q(`${fields.length} fields`);
      fields.forEach((f, j) => {
        if (length(f.name) > 256 || length(f.name) < 1) q(`field ${j} name of ${length(f.name)}`);
        if (length(f.value) > 1024 || length(f.value) < 1) q(`field ${j} value of ${length(f.value)}`);
      });
      total +=
        length(e.title) + length(e.description) + length(e.footer?.text) + length(e.author?.name) +
        fields.reduce((n, f) => n + length(f.name) + length(f.value), 0);
    });
    if (total > 6000) p(`embeds total ${total} characters`);
    const rows: Array<{ components?: Array<Record<string, any>> }> = body.components ?? []; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (rows.length > 5) p(`${rows.length} action rows`);
    rows.forEach((row, i) => {
      const items = row.components ?? [];
      if (items.length < 1 || items.length > 5) p(`row ${i} holds ${items.length} components`);
      for (const c of items) {
        if (c.custom_id !== undefined && (length(c.custom_id) > 100 || length(c.custom_id) < 1)) p(`custom_id of ${length(c.custom_id)}: ${c.custom_id}`);
        if (length(c.label) > 80) p(`label of ${length(c.label)}`);
      }
    });
  }
  for (const choices of sentChoices(standin, after)) {
    if (choices.length > 25) problems.push(`autocomplete: ${choices.length} choices`);
    for (const c of choices) {
      if (length(c.name) > 100 || length(c.name) < 1) problems.push(`autocomplete: choice name of ${length(c.name)}`);
      if (typeof c.value === "string" && length(c.value) > 100) problems.push(`autocomplete: choice value of ${length(c.value)}`);
    }
  }
  return problems;
}

/**
 * For `afterEach`: a function that reports the problems of the payloads sent since its last call,
 * so that each test answers for its own payloads.
 */
export function payloadChecker(standin: () => DiscordStandin): () => string[] {
  let after = 0;
  return () => {
    const s = standin();
    const problems = payloadProblems(s, after);
    after = lastRequest(s);
    return problems;
  };
}

/** Messages the stand-in stored that mention (ping) someone: users, roles or everyone. */
export function pingingMessages(standin: DiscordStandin): APIMessage[] {
  return [...standin.messages.values()].filter(
    (m) => m.author.id === standin.botUser.id && ((m.mentions?.length ?? 0) > 0 || (m.mention_roles?.length ?? 0) > 0 || m.mention_everyone),
  );
}

/**
 * The text a reader sees in rendered Markdown of the kind the bot writes: escapes resolved, bold
 * markers and the zero-width spaces that defuse mass mentions removed.
 */
export function visibleText(markdown: string): string {
  let out = "";
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown[i]!;
    if (c === "\\" && i + 1 < markdown.length && /[^A-Za-z0-9\s]/.test(markdown[i + 1]!)) {
      out += markdown[++i];
    } else if (c === "*" && markdown[i + 1] === "*") {
      i++;
    } else if (c !== "\u200b") out += c;
  }
  return out;
}

/** All the text of a message payload (content, embeds), as a reader sees it, whitespace collapsed. */
export function messageText(body: { content?: string; embeds?: APIEmbed[] }): string {
  const parts = [visibleText(body.content ?? "")];
  for (const e of body.embeds ?? []) {
    parts.push(...[e.title ?? "", e.description ?? "", ...(e.fields ?? []).flatMap((f) => [f.name, f.value])].map(visibleText));
    parts.push(e.footer?.text ?? ""); // plain text in Discord: no Markdown to resolve
  }
  return collapse(parts.join("\n"));
}

/** White space collapsed, as the eval compares answer spans. */
export { collapse };
