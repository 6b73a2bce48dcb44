/**
 * Discord stand-in: a fake Discord REST API + WebSocket gateway on 127.0.0.1 (random port) that the real
 * discord.js Client can log in to over real sockets.
 *
 *   const standin = await startDiscordStandin();
 *   const client = new Client({ intents: [...], rest: { api: standin.apiUrl } });
 *   await client.login(standin.token);               // GET /gateway/bot, ws connect, IDENTIFY → READY + GUILD_CREATE
 *   const i = standin.interaction.chatInput({ name: "ask", options: { question: "why?" } });
 *   expect((await i.response()).type).toBe(4);      // body of POST /interactions/:id/:token/callback
 *   await client.destroy(); await standin.close();
 *
 * (test/support/discord-client.ts has `loginClient()` which does the login + wait for clientReady.)
 *
 * Protocol notes (checked against discord.js 14.28.1, @discordjs/ws 1.2.3, @discordjs/rest 2.6.3):
 * - REST URLs are `${api}/v10${route}`; apiUrl is `http://127.0.0.1:PORT/api`. Paths are percent-decoded per
 *   segment before routing (`@original` and `@me` may arrive as `%40original` / `%40me`, emoji as %F0...).
 * - Interaction callbacks and interaction-webhook routes are sent with `auth: false` (no Authorization
 *   header); every other route requires `Authorization: Bot <token>` (else 401, code 0).
 * - discord.js always adds `?with_response=false|true` to callbacks; false → 204, true → 200 with
 *   RESTPostAPIInteractionCallbackWithResponseResult ({ interaction, resource }).
 * - Files arrive as multipart/form-data: `files[n]` parts + a `payload_json` part (parsed into `body`).
 * - Gateway: `?v=10&encoding=json`; discord.js asks for `compress=zlib-stream` only when the optional
 *   `zlib-sync` package is installed (it is not here). The stand-in supports zlib-stream anyway (node:zlib,
 *   one deflate context per connection, Z_SYNC_FLUSH per message). Only JSON encoding is supported.
 * - @discordjs/ws throttles IDENTIFY per `session_start_limit.max_concurrency` bucket with 5 s between
 *   identifies; the stand-in reports max_concurrency 16 by default so multi-shard logins are instant.
 * - discord.js queues non-guild dispatches (INTERACTION_CREATE, MESSAGE_CREATE...) until every shard has
 *   received all GUILD_CREATEs, so wait for the client's `clientReady` event before dispatching.
 * - @discordjs/rest retries 5xx answers up to 3 times (4 attempts): `failNext(re, 500)` fails only the first
 *   attempt; use `{ times: 4 }` or a 4xx status to make the caller see an error.
 *
 * Realism (on by default, see StandinOptions): payload limits (discord-standin-validate.ts), 3 s interaction
 * acknowledgement deadline, "already acknowledged" (40060), follow-ups before the ack → Unknown Webhook,
 * the first follow-up after a deferred reply replaces the loading message, intents (no MESSAGE_CREATE without
 * GuildMessages / DirectMessages, empty content without MessageContent unless the bot is mentioned/DM),
 * bot permissions for channel messages, allowed_mentions applied to the `mentions` of created messages.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */

import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { randomBytes } from "node:crypto";
import zlib from "node:zlib";
import { WebSocketServer, WebSocket, type RawData } from "ws";
import { PermissionFlagsBits } from "discord.js";
import type {
  APIApplicationCommand,
  APIAttachment,
  APIChannel,
  APIEmbed,
  APIGuildMember,
  APIInteraction,
  APIInteractionResponse,
  APIMessage,
  APIRole,
  APIUser,
  APIChatInputApplicationCommandInteraction,
  APIApplicationCommandAutocompleteInteraction,
  APIMessageApplicationCommandInteraction,
  APIUserApplicationCommandInteraction,
  APIMessageComponentButtonInteraction,
  APIMessageComponentSelectMenuInteraction,
  APIModalSubmitInteraction,
  APIApplicationCommandOption,
  APIApplicationCommandInteractionDataOption,
} from "discord.js";
import {
  ApiError,
  apiErrors,
  commandErrors,
  formError,
  validateAutocompleteResult,
  validateCommandList,
  validateMessageBody,
  validateModal,
} from "./discord-standin-validate.ts";

export { ApiError } from "./discord-standin-validate.ts";

type Json = any;

// ---------------------------------------------------------------------------------------------------------
// Snowflakes, permissions, intents
// ---------------------------------------------------------------------------------------------------------

const DISCORD_EPOCH = 1420070400000n;
let snowflakeIncrement = 0n;

/** A snowflake id (string of digits) for the given time (default now); unique within the process. */
export function snowflake(timestampMs: number = Date.now()): string {
  snowflakeIncrement = (snowflakeIncrement + 1n) & 0xfffn;
  return (((BigInt(timestampMs) - DISCORD_EPOCH) << 22n) | (1n << 17n) | snowflakeIncrement).toString();
}

/** Shard a guild belongs to: (guild_id >> 22) % shardCount. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** A fresh guild id that lands on `shardId` when the bot runs `shardCount` shards. */
export function guildIdForShard(shardId: number, shardCount: number): string {
  for (let t = Date.now() - 1000; ; t--) {
    const id = snowflake(t);
    if (shardOf(id, shardCount) === shardId) return id;
  }
}

type PermName = keyof typeof PermissionFlagsBits;
const perms = (...names: PermName[]) => names.reduce((acc, n) => acc | PermissionFlagsBits[n], 0n);
export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((a, b) => a | b, 0n);
export const DEFAULT_EVERYONE_PERMISSIONS = perms(
  "CreateInstantInvite", "ChangeNickname", "ViewChannel", "SendMessages", "SendMessagesInThreads",
  "CreatePublicThreads", "EmbedLinks", "AttachFiles", "AddReactions", "UseExternalEmojis", "UseExternalStickers",
  "ReadMessageHistory", "UseApplicationCommands", "Connect", "Speak", "Stream", "UseVAD",
);
export const DEFAULT_MODERATOR_PERMISSIONS = perms(
  "ManageMessages", "KickMembers", "BanMembers", "ModerateMembers", "ManageThreads", "MuteMembers", "MentionEveryone",
);
export const DEFAULT_BOT_PERMISSIONS = perms(
  "ViewChannel", "SendMessages", "SendMessagesInThreads", "EmbedLinks", "AttachFiles", "ReadMessageHistory",
  "AddReactions", "UseExternalEmojis", "UseApplicationCommands",
);
const DM_APP_PERMISSIONS = perms(
  "ViewChannel", "SendMessages", "EmbedLinks", "AttachFiles", "ReadMessageHistory", "AddReactions",
  "UseExternalEmojis", "MentionEveryone", "UseApplicationCommands",
);

export const Intents = {
  Guilds: 1 << 0,
  GuildMembers: 1 << 1,
  GuildPresences: 1 << 8,
  GuildMessages: 1 << 9,
  DirectMessages: 1 << 12,
  MessageContent: 1 << 15,
} as const;
const PRIVILEGED = { GuildMembers: Intents.GuildMembers, GuildPresences: Intents.GuildPresences, MessageContent: Intents.MessageContent };
export type PrivilegedIntent = keyof typeof PRIVILEGED;

const MessageFlag = { Ephemeral: 64, Loading: 128, SuppressEmbeds: 4, SuppressNotifications: 4096, ComponentsV2: 1 << 15 };
const CHANNEL_TEXT_TYPES = new Set([0, 1, 2, 3, 5, 10, 11, 12, 13]);

const toPerm = (p: bigint | string | number | undefined, fallback: bigint): bigint =>
  p === undefined ? fallback : BigInt(p);
const randomHex = (bytes: number) => randomBytes(bytes).toString("hex");

// ---------------------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------------------

export interface UserSpec {
  id?: string;
  username: string;
  globalName?: string | null;
  bot?: boolean;
}

export interface RoleSpec {
  id?: string;
  name: string;
  permissions?: bigint | string;
  color?: number;
  position?: number;
  hoist?: boolean;
  mentionable?: boolean;
}

export interface OverwriteSpec {
  /** Role id or name, user id, or "@everyone". */
  target: string;
  /** 0 = role (default), 1 = member. */
  type?: 0 | 1;
  allow?: bigint | string;
  deny?: bigint | string;
}

export interface ChannelSpec {
  id?: string;
  name: string;
  /** ChannelType; default 0 (GuildText). */
  type?: number;
  topic?: string | null;
  nsfw?: boolean;
  parentId?: string | null;
  position?: number;
  overwrites?: OverwriteSpec[];
}

export interface MemberSpec {
  user: UserSpec | APIUser;
  /** Role ids or names. */
  roles?: string[];
  nick?: string | null;
}

export interface GuildSpec {
  id?: string;
  name?: string;
  /** Owner user (default: standin.testUsers.owner). */
  owner?: UserSpec | APIUser;
  /** Permissions of @everyone (default DEFAULT_EVERYONE_PERMISSIONS). */
  everyonePermissions?: bigint | string;
  /** Extra roles (default: one "Moderator" role). */
  roles?: RoleSpec[];
  /** Channels (default: one text channel "general"). */
  channels?: ChannelSpec[];
  /** Members besides the bot (default: owner, alice, moderator with the "Moderator" role if it exists). */
  members?: MemberSpec[];
  /** Permissions of the bot's managed role (default DEFAULT_BOT_PERMISSIONS). */
  botPermissions?: bigint | string;
  /** Unavailable guilds appear in READY but get no GUILD_CREATE (discord.js then waits `waitGuildTimeout`). */
  unavailable?: boolean;
  locale?: string;
  features?: string[];
}

export interface StandinOptions {
  /** Shard count recommended by GET /gateway/bot (default 1). */
  shards?: number;
  /** session_start_limit.max_concurrency (default 16 so multi-shard logins are not throttled 5 s per shard). */
  maxConcurrency?: number;
  /** Guilds the bot is in. Default: one guild (with shards > 1: one guild per shard). */
  guilds?: GuildSpec[];
  botUser?: { id?: string; username?: string; globalName?: string | null; discriminator?: string };
  token?: string;
  /** HELLO heartbeat_interval (default 41250). */
  heartbeatIntervalMs?: number;
  /** Interaction callbacks later than this after dispatch fail with 10062 Unknown interaction (default 3000). */
  interactionDeadlineMs?: number;
  /** Privileged intents enabled "in the developer portal" (default: all three). Others → close 4014. */
  privilegedIntents?: PrivilegedIntent[];
  /** Drop MESSAGE_CREATE for shards lacking GuildMessages/DirectMessages and blank content without MessageContent. */
  enforceIntents?: boolean;
  /** Reject payloads that break Discord's limits (default true). */
  validatePayloads?: boolean;
  /** Default timeout of the waitFor* helpers (default 3000 ms). */
  defaultTimeoutMs?: number;
}

export interface RecordedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
  data: Buffer;
}

export interface RecordedRequest {
  seq: number;
  method: string;
  /** Decoded path without the `/api` prefix, e.g. `/v10/webhooks/1/tok/messages/@original`; CDN: `/attachments/...`. */
  path: string;
  /** Path exactly as received, e.g. `/api/v10/webhooks/1/tok/messages/%40original`. */
  rawPath: string;
  /** Matched route template, e.g. `PATCH /webhooks/:applicationId/:token/messages/:messageId`; null = unknown route. */
  route: string | null;
  params: Record<string, string>;
  query: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  contentType: string | null;
  /** Parsed JSON body, or the parsed `payload_json` part of a multipart body; undefined without body. */
  body: Json;
  /** Non-file multipart fields as received (including payload_json); null for non-multipart requests. */
  form: Record<string, string> | null;
  files: RecordedFile[];
  status: number;
  /** JSON answer (undefined for 204 / binary answers). */
  response: Json;
  receivedAt: number;
  durationMs: number;
}

export interface IdentifyRecord {
  shard: [number, number];
  intents: number;
  token: string;
  properties: Json;
  compress: boolean;
  largeThreshold?: number;
  presence?: Json;
  connectionId: number;
  sessionId: string;
  at: number;
}

export interface ResumeRecord {
  shardId: number;
  sessionId: string;
  seq: number;
  replayed: number;
  ok: boolean;
  connectionId: number;
  at: number;
}

export interface WaitOptions {
  timeout?: number;
}

export interface InteractionHandle<P extends APIInteraction = APIInteraction> {
  id: string;
  token: string;
  applicationId: string;
  shardId: number;
  payload: P;
  /** Waits for the first successful POST /interactions/:id/:token/callback; resolves with its body ({type, data}). */
  response(opts?: WaitOptions): Promise<APIInteractionResponse>;
  /** All callback attempts (including refused ones). */
  callbacks(): RecordedRequest[];
  /** Requests to /webhooks/:appId/:token... (editReply, followUp, deleteReply, fetchReply). */
  webhookCalls(): RecordedRequest[];
  waitForWebhook(predicate?: (r: RecordedRequest) => boolean, opts?: WaitOptions): Promise<RecordedRequest>;
  /** The current @original message, if any. */
  originalMessage(): APIMessage | undefined;
  /** Waits until @original exists and matches (e.g. `m => !(m.flags! & 128)` = no longer "thinking"). */
  waitForOriginal(predicate?: (m: APIMessage) => boolean, opts?: WaitOptions): Promise<APIMessage>;
  followUps(): APIMessage[];
}

export interface MessageHandle {
  message: APIMessage;
  /** The MESSAGE_CREATE data actually sent (content may be blanked without the MessageContent intent). */
  dispatched: Json | null;
  delivered: boolean;
  reason?: string;
  shardId: number;
  /** Waits for a bot message in the same channel whose message_reference points at this message. */
  waitForReply(predicate?: (m: APIMessage) => boolean, opts?: WaitOptions): Promise<APIMessage>;
}

/** Options shared by all interaction builders. */
export interface InteractionContextOptions {
  /** Guild id (default: first guild). Ignored with `dm: true`. */
  guildId?: string;
  /** Bot DM instead of a guild (no guild_id/member; `user` set; context 1). */
  dm?: boolean;
  /** Channel id or name within the guild (default: the guild's first text channel). */
  channelId?: string;
  /** Invoking user: APIUser, user id or username (default: standin.testUsers.alice). */
  user?: APIUser | string;
  /** Override the member's roles (ids or names). */
  roles?: string[];
  /** Override member.permissions (otherwise computed from roles + channel overwrites). */
  permissions?: bigint | string;
  /** Override app_permissions (otherwise computed for the bot member). */
  appPermissions?: bigint | string;
  locale?: string;
  /** "guild" (default) or "user" install: sets authorizing_integration_owners. */
  installation?: "guild" | "user";
  attachmentSizeLimit?: number;
}

/** Option values: strings/numbers/booleans, attachments (from addAttachment), or explicit `{type, value}`. */
export type OptionInput =
  | string
  | number
  | boolean
  | APIAttachment
  | { type: number; value: string | number | boolean };

export interface ChatInputOptions extends InteractionContextOptions {
  name: string;
  /** Record (types taken from the registered command, else inferred) or raw API options. */
  options?: Record<string, OptionInput> | APIApplicationCommandInteractionDataOption[];
  subcommand?: string;
  subcommandGroup?: string;
}

export interface AutocompleteOptions extends ChatInputOptions {
  /** Name of the focused option; its value is what the user typed so far. */
  focused: string;
}

export interface MessageContextOptions extends InteractionContextOptions {
  name: string;
  /** Target message (default: a fresh message by `targetAuthor` in the channel). */
  targetMessage?: APIMessage | { content: string; author?: APIUser | string };
}

export interface UserContextOptions extends InteractionContextOptions {
  name: string;
  target: APIUser | string;
}

export interface ComponentOptions extends InteractionContextOptions {
  customId: string;
  /** The message carrying the component (default: a bot message with one matching button/select). */
  message?: APIMessage;
}

export interface SelectOptions extends ComponentOptions {
  values: string[];
  /** ComponentType (default 3 = string select). */
  componentType?: 3 | 5 | 6 | 7 | 8;
}

export interface ModalSubmitOptions extends InteractionContextOptions {
  customId: string;
  /** custom_id → value of the text inputs. */
  fields: Record<string, string>;
  /** Set when the modal was opened from a component (enables type 6/7 responses). */
  message?: APIMessage;
}

export interface UserMessageOptions {
  content?: string;
  /** Author (APIUser, id or username; default alice). */
  author?: APIUser | string;
  /** Guild (default first guild); ignored with `dm: true`. */
  guildId?: string;
  /** Channel id or name (default guild's first text channel / the DM channel). */
  channelId?: string;
  dm?: boolean;
  /** Prefix the content with `<@botId> ` unless it already mentions the bot. */
  mentionBot?: boolean;
  /** Mentioned users; `<@id>` tokens are prepended to the content for those not already in it
   * (mentions written into the content are detected automatically). */
  mentions?: APIUser[];
  attachments?: APIAttachment[];
  embeds?: APIEmbed[];
  /** Makes it a reply (type 19) to this message id. */
  replyTo?: string;
}

interface Fault {
  match: RegExp | ((r: RecordedRequest) => boolean);
  status?: number;
  body?: Json;
  delayMs?: number;
  retryAfter?: number;
  global?: boolean;
  remaining: number;
}

type RouteHandler = (req: RecordedRequest) => RouteResult | Promise<RouteResult>;
export interface RouteResult {
  status: number;
  body?: Json;
  headers?: Record<string, string>;
  raw?: Buffer;
}

interface Route {
  method: string;
  template: string;
  regex: RegExp;
  keys: string[];
  auth: boolean;
  handler: RouteHandler;
}

interface InteractionState {
  id: string;
  token: string;
  type: number;
  commandType?: number;
  payload: Json;
  shardId: number;
  dispatchedAt: number;
  guildId: string | null;
  channelId: string;
  user: APIUser;
  callback?: { type: number; data?: Json; at: number };
  originalMessageId?: string;
  componentMessageId?: string;
  followUpIds: string[];
  expired: boolean;
}

interface GatewaySession {
  sessionId: string;
  shardId: number;
  shardCount: number;
  intents: number;
  seq: number;
  sent: Array<{ op: 0; t: string; s: number; d: Json }>;
  conn: GatewayConnection | null;
  resumable: boolean;
}

interface GatewayConnection {
  id: number;
  ws: WebSocket;
  query: { v: string | null; encoding: string | null; compress: string | null };
  deflate: zlib.Deflate | null;
  deflateChunks: Buffer[];
  chain: Promise<void>;
  session: GatewaySession | null;
  heartbeats: number;
  closed: boolean;
  closeCode?: number;
}

// ---------------------------------------------------------------------------------------------------------
// Guild model
// ---------------------------------------------------------------------------------------------------------

export class StandinGuild {
  readonly everyoneRole: APIRole;
  readonly botRole: APIRole;
  constructor(
    readonly id: string,
    readonly name: string,
    readonly ownerId: string,
    readonly roles: APIRole[],
    readonly channels: Json[],
    readonly members: APIGuildMember[],
    readonly botMember: APIGuildMember,
    readonly unavailable: boolean,
    readonly locale: string,
    readonly features: string[],
    readonly joinedAt: string,
  ) {
    this.everyoneRole = roles.find((r) => r.id === id)!;
    this.botRole = roles.find((r) => r.managed)!;
  }
  shardId(shardCount: number): number {
    return shardOf(this.id, shardCount);
  }
  /** First text channel (type 0). */
  get textChannel(): Json {
    const c = this.channels.find((ch) => ch.type === 0);
    if (!c) throw new Error(`guild ${this.name} has no text channel`);
    return c;
  }
  role(nameOrId: string): APIRole {
    const r = this.roles.find((x) => x.id === nameOrId || x.name === nameOrId);
    if (!r) throw new Error(`guild ${this.name}: no role ${nameOrId}`);
    return r;
  }
  channel(nameOrId: string): Json {
    const c = this.channels.find((x) => x.id === nameOrId || x.name === nameOrId);
    if (!c) throw new Error(`guild ${this.name}: no channel ${nameOrId}`);
    return c;
  }
  member(userId: string): APIGuildMember | undefined {
    return userId === this.botMember.user.id ? this.botMember : this.members.find((m) => m.user.id === userId);
  }
  /** Guild-level permissions (roles only). */
  basePermissions(userId: string, roleIds: string[]): bigint {
    if (userId === this.ownerId) return ALL_PERMISSIONS;
    let p = BigInt(this.everyoneRole.permissions);
    for (const id of roleIds) {
      const r = this.roles.find((x) => x.id === id);
      if (r) p |= BigInt(r.permissions);
    }
    return p & PermissionFlagsBits.Administrator ? ALL_PERMISSIONS : p;
  }
  /** Channel permissions: base permissions with the channel's overwrites applied (Discord's algorithm). */
  channelPermissions(userId: string, roleIds: string[], channel: Json | undefined): bigint {
    let p = this.basePermissions(userId, roleIds);
    if (p === ALL_PERMISSIONS || !channel) return p;
    const ows: Json[] = channel.permission_overwrites ?? [];
    const everyone = ows.find((o) => o.id === this.id);
    if (everyone) p = (p & ~BigInt(everyone.deny)) | BigInt(everyone.allow);
    let allow = 0n;
    let deny = 0n;
    for (const o of ows) {
      if (o.type === 0 && o.id !== this.id && roleIds.includes(o.id)) {
        allow |= BigInt(o.allow);
        deny |= BigInt(o.deny);
      }
    }
    p = (p & ~deny) | allow;
    const mine = ows.find((o) => o.type === 1 && o.id === userId);
    if (mine) p = (p & ~BigInt(mine.deny)) | BigInt(mine.allow);
    return p;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The stand-in
// ---------------------------------------------------------------------------------------------------------

export class DiscordStandin {
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: APIUser;
  /** Shard count announced by GET /gateway/bot. */
  readonly shardCount: number;
  readonly guilds: StandinGuild[] = [];
  /** Users known to the stand-in (bot, test users, guild members, message authors). */
  readonly users = new Map<string, APIUser>();
  /** Default people present in default guilds. */
  readonly testUsers: { owner: APIUser; alice: APIUser; moderator: APIUser };
  readonly channels = new Map<string, Json>();
  /** Every message the stand-in knows (bot-sent and dispatched user messages), by id. Deleted ones are removed. */
  readonly messages = new Map<string, APIMessage>();
  readonly deletedMessageIds = new Set<string>();
  readonly requests: RecordedRequest[] = [];
  readonly identifies: IdentifyRecord[] = [];
  readonly resumes: ResumeRecord[] = [];
  /** Every payload the bot sent over the gateway (with the shard of its connection). */
  readonly gatewayReceived: Array<{ connectionId: number; shardId: number | null; op: number; d: Json; at: number }> = [];
  readonly commands = { global: [] as APIApplicationCommand[], guild: new Map<string, APIApplicationCommand[]>() };
  /** Notes about things that may explain a timeout (dropped dispatches, refused payloads...). */
  readonly notes: string[] = [];

  /** Build + dispatch INTERACTION_CREATE; returns a handle to wait for the bot's answer. */
  readonly interaction: {
    chatInput(o: ChatInputOptions): InteractionHandle<APIChatInputApplicationCommandInteraction>;
    autocomplete(o: AutocompleteOptions): InteractionHandle<APIApplicationCommandAutocompleteInteraction>;
    messageContext(o: MessageContextOptions): InteractionHandle<APIMessageApplicationCommandInteraction>;
    userContext(o: UserContextOptions): InteractionHandle<APIUserApplicationCommandInteraction>;
    button(o: ComponentOptions): InteractionHandle<APIMessageComponentButtonInteraction>;
    select(o: SelectOptions): InteractionHandle<APIMessageComponentSelectMenuInteraction>;
    modalSubmit(o: ModalSubmitOptions): InteractionHandle<APIModalSubmitInteraction>;
    /** Dispatch a hand-made payload (e.g. a tweaked `standin.build.*` result). */
    dispatch<P extends APIInteraction>(payload: P): InteractionHandle<P>;
  };
  /** Same builders as `interaction`, without dispatching. */
  readonly build: {
    chatInput(o: ChatInputOptions): APIChatInputApplicationCommandInteraction;
    autocomplete(o: AutocompleteOptions): APIApplicationCommandAutocompleteInteraction;
    messageContext(o: MessageContextOptions): APIMessageApplicationCommandInteraction;
    userContext(o: UserContextOptions): APIUserApplicationCommandInteraction;
    button(o: ComponentOptions): APIMessageComponentButtonInteraction;
    select(o: SelectOptions): APIMessageComponentSelectMenuInteraction;
    modalSubmit(o: ModalSubmitOptions): APIModalSubmitInteraction;
    /** A message authored by the bot, stored so it can be edited / carry components. */
    botMessage(o: { channelId?: string; guildId?: string; content?: string; components?: Json[]; embeds?: APIEmbed[] }): APIMessage;
  };
  readonly message: {
    /** Dispatch MESSAGE_CREATE for a user message. */
    create(o: UserMessageOptions): MessageHandle;
  };
  readonly gateway: {
    /** Send op 7 RECONNECT; the client resumes on a new connection. */
    requestReconnect(shardId?: number): void;
    /** Send op 9 INVALID_SESSION. */
    invalidateSession(shardId?: number, resumable?: boolean): void;
    /** Close the shard's socket with a close code (default 4000 → client resumes). */
    disconnect(shardId?: number, code?: number, reason?: string): void;
    /** Stop answering heartbeats (zombie connection). */
    setHeartbeatAck(enabled: boolean): void;
    /** Resolves once `count` IDENTIFYs (default: shardCount) were answered with READY. */
    waitForIdentifies(count?: number, opts?: WaitOptions): Promise<IdentifyRecord[]>;
    waitForResume(shardId?: number, opts?: WaitOptions): Promise<ResumeRecord>;
    /** Number of heartbeats received per shard. */
    heartbeats(shardId?: number): number;
    /** Live shards (connected and identified/resumed). */
    liveShards(): number[];
  };

  readonly options: Required<Omit<StandinOptions, "guilds" | "botUser" | "token">>;
  private server!: http.Server;
  private wss!: WebSocketServer;
  private port = 0;
  private routes: Route[] = [];
  private customRoutes: Route[] = [];
  private faults: Fault[] = [];
  private interactions = new Map<string, InteractionState>();
  private interactionsByToken = new Map<string, InteractionState>();
  private sessions = new Map<number, GatewaySession>();
  private connections = new Set<GatewayConnection>();
  private connectionSeq = 0;
  private requestSeq = 0;
  private listeners = new Set<() => void>();
  private waiters = new Set<(err: Error) => void>();
  private timers = new Set<NodeJS.Timeout>();
  private cdn = new Map<string, { data: Buffer; contentType: string }>();
  private ackHeartbeats = true;
  private closed = false;

  constructor(private readonly opts: StandinOptions = {}) {
    this.options = {
      shards: opts.shards ?? 1,
      maxConcurrency: opts.maxConcurrency ?? 16,
      heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 41250,
      interactionDeadlineMs: opts.interactionDeadlineMs ?? 3000,
      privilegedIntents: opts.privilegedIntents ?? ["GuildMembers", "GuildPresences", "MessageContent"],
      enforceIntents: opts.enforceIntents ?? true,
      validatePayloads: opts.validatePayloads ?? true,
      defaultTimeoutMs: opts.defaultTimeoutMs ?? 3000,
    };
    this.shardCount = this.options.shards;
    this.applicationId = opts.botUser?.id ?? snowflake(Date.now() - 86_400_000 * 400);
    // Discord bot tokens: base64(user id).timestamp.hmac
    this.token =
      opts.token ??
      `${Buffer.from(this.applicationId).toString("base64url")}.${randomBytes(4).toString("base64url")}.${randomBytes(27).toString("base64url")}`;
    this.botUser = {
      id: this.applicationId,
      username: opts.botUser?.username ?? "Parley",
      discriminator: opts.botUser?.discriminator ?? "6390",
      global_name: opts.botUser?.globalName ?? null,
      avatar: null,
      bot: true,
      public_flags: 0,
    } as Json as APIUser;
    this.users.set(this.botUser.id, this.botUser);
    this.testUsers = {
      owner: this.makeUser({ username: "guild_owner", globalName: "Guild Owner" }),
      alice: this.makeUser({ username: "alice", globalName: "Alice" }),
      moderator: this.makeUser({ username: "mod_marvin", globalName: "Marvin" }),
    };
    const specs = opts.guilds ?? (this.shardCount > 1 ? [...Array(this.shardCount).keys()].map((s) => ({ id: guildIdForShard(s, this.shardCount), name: `Parley Test Guild ${s}` })) : [{}]);
    specs.forEach((spec, i) => this.guilds.push(this.makeGuild(spec, i)));

    this.interaction = {
      chatInput: (o) => this.dispatchInteraction(this.buildChatInput(o)),
      autocomplete: (o) => this.dispatchInteraction(this.buildAutocomplete(o)),
      messageContext: (o) => this.dispatchInteraction(this.buildMessageContext(o)),
      userContext: (o) => this.dispatchInteraction(this.buildUserContext(o)),
      button: (o) => this.dispatchInteraction(this.buildButton(o)),
      select: (o) => this.dispatchInteraction(this.buildSelect(o)),
      modalSubmit: (o) => this.dispatchInteraction(this.buildModalSubmit(o)),
      dispatch: (p) => this.dispatchInteraction(p),
    };
    this.build = {
      chatInput: (o) => this.buildChatInput(o),
      autocomplete: (o) => this.buildAutocomplete(o),
      messageContext: (o) => this.buildMessageContext(o),
      userContext: (o) => this.buildUserContext(o),
      button: (o) => this.buildButton(o),
      select: (o) => this.buildSelect(o),
      modalSubmit: (o) => this.buildModalSubmit(o),
      botMessage: (o) => this.buildBotMessage(o),
    };
    this.message = { create: (o) => this.createUserMessage(o) };
    this.gateway = {
      requestReconnect: (shardId = 0) => this.sendOp(shardId, { op: 7, d: null, s: null, t: null }),
      invalidateSession: (shardId = 0, resumable = false) => {
        const s = this.sessions.get(shardId);
        if (s && !resumable) s.resumable = false;
        this.sendOp(shardId, { op: 9, d: resumable, s: null, t: null });
      },
      disconnect: (shardId = 0, code = 4000, reason = "stand-in disconnect") => {
        const conn = this.sessions.get(shardId)?.conn;
        if (!conn) throw new Error(`DiscordStandin: shard ${shardId} has no live connection`);
        conn.ws.close(code, reason);
      },
      setHeartbeatAck: (enabled) => {
        this.ackHeartbeats = enabled;
      },
      waitForIdentifies: (count = this.shardCount, o) =>
        this.waitUntil(() => (this.identifies.length >= count ? [...this.identifies] : undefined), `${count} IDENTIFY(s)`, o),
      waitForResume: (shardId = 0, o) =>
        this.waitUntil(() => this.resumes.find((r) => r.shardId === shardId && r.ok), `RESUME of shard ${shardId}`, o),
      heartbeats: (shardId = 0) =>
        [...this.connections].filter((c) => c.session?.shardId === shardId).reduce((a, c) => a + c.heartbeats, 0),
      liveShards: () => [...this.sessions.values()].filter((s) => s.conn && !s.conn.closed).map((s) => s.shardId).sort(),
    };
    this.registerRoutes();
  }

  // ---- addresses --------------------------------------------------------------------------------------

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }
  /** Base of the fake CDN (attachment urls live under `${cdnUrl}/attachments/...`). */
  get cdnUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }
  /** First guild (the default one). */
  get guild(): StandinGuild {
    return this.guilds[0]!;
  }

  async listen(): Promise<this> {
    this.server = http.createServer((req, res) => void this.onHttp(req, res));
    this.server.keepAliveTimeout = 1000;
    this.wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
    this.server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onGatewayConnection(ws, req));
    });
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, "127.0.0.1", () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Terminates gateway sockets, closes the HTTP server and rejects pending waits. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const reject of [...this.waiters]) reject(new Error("DiscordStandin closed"));
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const c of this.connections) {
      c.closed = true;
      c.deflate?.close();
      c.ws.terminate();
    }
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- fault injection / custom routes -------------------------------------------------------------------

  /**
   * Make the next `times` (default 1) requests matching `match` (tested against `"METHOD /v10/path"`, decoded)
   * fail with `status`. 429 gets Retry-After / X-RateLimit-* headers (retryAfter seconds, default 0.1).
   * Note: @discordjs/rest retries 5xx up to 3 times, so use times: 4 for a visible 5xx failure.
   */
  failNext(
    match: RegExp | ((r: RecordedRequest) => boolean),
    status = 500,
    o: { times?: number; body?: Json; delayMs?: number; retryAfter?: number; global?: boolean } = {},
  ): void {
    this.faults.push({ match, status, body: o.body, delayMs: o.delayMs, retryAfter: o.retryAfter, global: o.global, remaining: o.times ?? 1 });
  }
  /** Delay matching requests by `ms` (default: all following matches; `times` limits it). */
  delay(match: RegExp | ((r: RecordedRequest) => boolean), ms: number, o: { times?: number } = {}): void {
    this.faults.push({ match, delayMs: ms, remaining: o.times ?? Infinity });
  }
  clearFaults(): void {
    this.faults = [];
  }
  /** Add/override a REST route, e.g. `route("GET", "/guilds/:guildId/bans", () => ({ status: 200, body: [] }))`. */
  route(method: string, template: string, handler: RouteHandler, o: { auth?: boolean } = {}): void {
    this.customRoutes.unshift(this.compileRoute(method, template, handler, o.auth ?? true));
  }

  // ---- queries / waits -----------------------------------------------------------------------------------

  /** Requests that hit no known route (404/405). */
  unknownRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.route === null && r.path.startsWith("/v"));
  }
  interactionCallbacks(interactionId: string): RecordedRequest[] {
    return this.requests.filter((r) => r.route?.endsWith("/callback") && r.params.interactionId === interactionId);
  }
  waitForRequest(predicate: (r: RecordedRequest) => boolean, o?: WaitOptions & { describe?: string }): Promise<RecordedRequest> {
    return this.waitUntil(() => this.requests.find(predicate), o?.describe ?? "a matching request", o);
  }
  /** Body ({type, data}) of the first successful interaction callback for this interaction. */
  waitForInteractionResponse(interactionId: string, o?: WaitOptions): Promise<APIInteractionResponse> {
    return this.waitUntil(
      () => this.interactionCallbacks(interactionId).find((r) => r.status < 300)?.body,
      `the interaction callback of ${interactionId}`,
      o,
    );
  }
  webhookCalls(token: string): RecordedRequest[] {
    return this.requests.filter((r) => r.route?.includes("/webhooks/") && r.params.token === token);
  }
  waitForWebhook(token: string, predicate: (r: RecordedRequest) => boolean = () => true, o?: WaitOptions): Promise<RecordedRequest> {
    return this.waitUntil(() => this.webhookCalls(token).find(predicate), `a webhook call for token ${token.slice(0, 24)}…`, o);
  }
  /** Messages the bot created via POST /channels/:id/messages in that channel (oldest first). */
  channelMessages(channelId: string): APIMessage[] {
    return this.requests
      .filter((r) => r.route === "POST /channels/:channelId/messages" && r.params.channelId === channelId && r.status === 200)
      .map((r) => r.response as APIMessage);
  }
  waitForChannelMessage(channelId: string, predicate: (m: APIMessage) => boolean = () => true, o?: WaitOptions): Promise<APIMessage> {
    return this.waitUntil(() => this.channelMessages(channelId).find(predicate), `a bot message in channel ${channelId}`, o);
  }
  /** Resolves when `probe` returns something other than undefined (re-checked after every stand-in event and every 10 ms). */
  waitUntil<T>(probe: () => T | undefined, what: string, o?: WaitOptions): Promise<T> {
    const timeout = o?.timeout ?? this.options.defaultTimeoutMs;
    const first = probe();
    if (first !== undefined) return Promise.resolve(first);
    return new Promise<T>((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        clearInterval(poll);
        this.listeners.delete(check);
        this.waiters.delete(fail);
      };
      const fail = (err: Error) => {
        cleanup();
        reject(err);
      };
      const check = () => {
        let v: T | undefined;
        try {
          v = probe();
        } catch (e) {
          fail(e as Error);
          return;
        }
        if (v !== undefined) {
          cleanup();
          resolve(v);
        }
      };
      const timer = setTimeout(
        () => fail(new Error(`DiscordStandin: timed out after ${timeout}ms waiting for ${what}.\n${this.describeRecent()}`)),
        timeout,
      );
      // Also poll, so probes of state outside the stand-in (e.g. what the client received) work too.
      const poll = setInterval(check, 10);
      this.listeners.add(check);
      this.waiters.add(fail);
    });
  }
  /** Human-readable summary of recent traffic (used in timeout errors). */
  describeRecent(n = 15): string {
    const lines = this.requests.slice(-n).map((r) => {
      const err = r.status >= 400 ? ` ${JSON.stringify(r.response)}` : "";
      const path = r.path.replace(/[^/]{40,}/g, (t) => `${t.slice(0, 16)}…`);
      return `  ${r.method} ${path}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query)}` : ""} → ${r.status}${err}`;
    });
    const ids = this.identifies.map((i) => `[${i.shard.join(",")}] intents=${i.intents}`).join(" ");
    return [
      `Recent requests (${this.requests.length} total):`,
      ...(lines.length ? lines : ["  (none)"]),
      `Identifies: ${ids || "(none)"}; live shards: ${this.gateway.liveShards().join(",") || "(none)"}`,
      ...(this.notes.length ? ["Notes:", ...this.notes.slice(-10).map((s) => `  ${s}`)] : []),
    ].join("\n");
  }
  private notify(): void {
    for (const l of [...this.listeners]) l();
  }

  // ---- attachments / CDN ---------------------------------------------------------------------------------

  /** Store bytes on the fake CDN and return an attachment object (for interaction `resolved.attachments`). */
  addAttachment(
    filename: string,
    bytes: Buffer | Uint8Array | string,
    contentType = guessContentType(filename),
    o: { channelId?: string; description?: string } = {},
  ): APIAttachment {
    const data = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes as any);
    const channelId = o.channelId ?? this.guild?.textChannel.id ?? "0";
    return this.storeAttachment(channelId, filename, data, contentType, o.description);
  }
  private storeAttachment(channelId: string, filename: string, data: Buffer, contentType: string, description?: string): APIAttachment {
    const id = snowflake();
    const path = `/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
    this.cdn.set(path, { data, contentType });
    const now = Math.floor(Date.now() / 1000);
    const sig = `?ex=${(now + 86400).toString(16)}&is=${now.toString(16)}&hm=${randomHex(32)}&`;
    const att: Json = {
      id,
      filename,
      size: data.length,
      url: `${this.cdnUrl}${path}${sig}`,
      proxy_url: `${this.cdnUrl}${path}${sig}`,
      content_type: contentType,
    };
    if (description) att.description = description;
    return att as APIAttachment;
  }

  // ---- gateway dispatch ----------------------------------------------------------------------------------

  /** Send a dispatch (op 0) with the next sequence number. Default shard: guild_id's shard, else 0. */
  dispatch(event: string, data: Json, shardId?: number): { shardId: number; s: number } {
    const shard = shardId ?? this.shardForPayload(data);
    const session = this.sessions.get(shard);
    if (!session || (!session.conn && !session.resumable)) {
      throw new Error(
        `DiscordStandin: cannot dispatch ${event}: shard ${shard} has no gateway session (is the client logged in?).\n${this.describeRecent(5)}`,
      );
    }
    const payload = { op: 0 as const, t: event, s: ++session.seq, d: data };
    session.sent.push(payload);
    if (session.conn && !session.conn.closed) this.send(session.conn, payload);
    else this.notes.push(`${event} s=${payload.s} buffered for shard ${shard} (connection down, will replay on RESUME)`);
    return { shardId: shard, s: payload.s };
  }
  private shardForPayload(data: Json): number {
    const guildId = data?.guild_id;
    if (typeof guildId === "string") return this.shardOfGuild(guildId);
    return 0;
  }
  /** Shard of a guild using the shard count the client identified with (else the announced one). */
  shardOfGuild(guildId: string): number {
    const count = [...this.sessions.values()][0]?.shardCount ?? this.shardCount;
    return shardOf(guildId, count);
  }
  private sendOp(shardId: number, payload: Json): void {
    const conn = this.sessions.get(shardId)?.conn;
    if (!conn || conn.closed) throw new Error(`DiscordStandin: shard ${shardId} has no live connection`);
    this.send(conn, payload);
  }
  private send(conn: GatewayConnection, payload: Json): void {
    if (conn.closed || conn.ws.readyState !== WebSocket.OPEN) return;
    const json = JSON.stringify(payload);
    const deflate = conn.deflate;
    if (!deflate) {
      conn.ws.send(json);
      return;
    }
    conn.chain = conn.chain.then(
      () =>
        new Promise<void>((resolve) => {
          deflate.write(json);
          deflate.flush(zlib.constants.Z_SYNC_FLUSH, () => {
            const buf = Buffer.concat(conn.deflateChunks);
            conn.deflateChunks = [];
            if (!conn.closed && conn.ws.readyState === WebSocket.OPEN) conn.ws.send(buf, { binary: true });
            resolve();
          });
        }),
    );
  }

  private onGatewayConnection(ws: WebSocket, req: IncomingMessage): void {
    const url = new URL(req.url ?? "/", "http://localhost");
    const conn: GatewayConnection = {
      id: ++this.connectionSeq,
      ws,
      query: { v: url.searchParams.get("v"), encoding: url.searchParams.get("encoding"), compress: url.searchParams.get("compress") },
      deflate: null,
      deflateChunks: [],
      chain: Promise.resolve(),
      session: null,
      heartbeats: 0,
      closed: false,
    };
    this.connections.add(conn);
    ws.on("error", () => {});
    ws.on("close", (code) => this.onGatewayClose(conn, code));
    if (this.closed) {
      ws.terminate();
      return;
    }
    if (conn.query.v !== null && conn.query.v !== "10") {
      ws.close(4012, "Invalid API version.");
      return;
    }
    if (conn.query.encoding !== null && conn.query.encoding !== "json") {
      ws.close(4002, "The stand-in only supports encoding=json.");
      return;
    }
    if (conn.query.compress === "zlib-stream") {
      conn.deflate = zlib.createDeflate({ chunkSize: 65535 });
      conn.deflate.on("data", (chunk: Buffer) => conn.deflateChunks.push(chunk));
    }
    ws.on("message", (data, isBinary) => this.onGatewayMessage(conn, data, isBinary));
    this.send(conn, { op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs, _trace: ['["discord-standin"]'] }, s: null, t: null });
    this.notify();
  }

  private onGatewayClose(conn: GatewayConnection, code: number): void {
    conn.closed = true;
    conn.closeCode = code;
    conn.deflate?.close();
    const s = conn.session;
    if (s && s.conn === conn) {
      s.conn = null;
      // Closing with 1000/1001 invalidates the session (Discord semantics); 4200 (discord.js "resuming") keeps it.
      if (code === 1000 || code === 1001) s.resumable = false;
    }
    this.connections.delete(conn);
    this.notify();
  }

  private onGatewayMessage(conn: GatewayConnection, data: RawData, isBinary: boolean): void {
    let payload: Json;
    try {
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      payload = JSON.parse(buf.toString("utf8"));
    } catch {
      conn.ws.close(4002, `Error while decoding payload${isBinary ? " (binary frames are not supported)" : ""}.`);
      return;
    }
    const op = payload?.op;
    this.gatewayReceived.push({ connectionId: conn.id, shardId: conn.session?.shardId ?? null, op, d: payload?.d, at: Date.now() });
    if (op !== 1 && op !== 2 && op !== 6 && !conn.session && [3, 4, 8, 31].includes(op)) {
      conn.ws.close(4003, "Not authenticated.");
      return;
    }
    switch (op) {
      case 1:
        conn.heartbeats++;
        if (this.ackHeartbeats) this.send(conn, { op: 11, d: null, s: null, t: null });
        break;
      case 2:
        this.onIdentify(conn, payload.d ?? {});
        break;
      case 3: // presence update
      case 4: // voice state update
      case 31: // request soundboard sounds
        break;
      case 6:
        this.onResume(conn, payload.d ?? {});
        break;
      case 8:
        this.onRequestGuildMembers(conn, payload.d ?? {});
        break;
      default:
        conn.ws.close(4001, "Unknown opcode.");
        return;
    }
    this.notify();
  }

  private onIdentify(conn: GatewayConnection, d: Json): void {
    if (conn.session) return void conn.ws.close(4005, "Already authenticated.");
    if (d.token !== this.token) return void conn.ws.close(4004, "Authentication failed.");
    if (typeof d.intents !== "number" && typeof d.intents !== "string") return void conn.ws.close(4013, "Invalid intent(s).");
    const intents = Number(d.intents);
    for (const [name, bit] of Object.entries(PRIVILEGED)) {
      if (intents & bit && !this.options.privilegedIntents.includes(name as PrivilegedIntent)) {
        this.notes.push(`IDENTIFY requested privileged intent ${name}, which is not enabled → close 4014`);
        return void conn.ws.close(4014, "Disallowed intent(s).");
      }
    }
    const shard: [number, number] = Array.isArray(d.shard) ? [Number(d.shard[0]), Number(d.shard[1])] : [0, 1];
    if (!(shard[1] >= 1 && shard[0] >= 0 && shard[0] < shard[1])) return void conn.ws.close(4010, "Invalid shard.");
    const session: GatewaySession = {
      sessionId: randomHex(16),
      shardId: shard[0],
      shardCount: shard[1],
      intents,
      seq: 0,
      sent: [],
      conn,
      resumable: true,
    };
    const old = this.sessions.get(shard[0]);
    if (old?.conn && old.conn !== conn) old.conn.session = null;
    this.sessions.set(shard[0], session);
    conn.session = session;
    this.identifies.push({
      shard,
      intents,
      token: d.token,
      properties: d.properties,
      compress: Boolean(d.compress),
      largeThreshold: d.large_threshold,
      presence: d.presence,
      connectionId: conn.id,
      sessionId: session.sessionId,
      at: Date.now(),
    });
    const mine = this.guilds.filter((g) => shardOf(g.id, shard[1]) === shard[0]);
    const flags =
      (1 << 23) | // APPLICATION_COMMAND_BADGE
      (this.options.privilegedIntents.includes("GuildPresences") ? 1 << 13 : 0) |
      (this.options.privilegedIntents.includes("GuildMembers") ? 1 << 15 : 0) |
      (this.options.privilegedIntents.includes("MessageContent") ? 1 << 19 : 0);
    this.dispatch(
      "READY",
      {
        v: 10,
        user: { ...this.botUser, verified: true, mfa_enabled: false, email: null, flags: 0 },
        guilds: mine.map((g) => ({ id: g.id, unavailable: true })),
        session_id: session.sessionId,
        session_type: "normal",
        resume_gateway_url: this.gatewayUrl,
        shard,
        application: { id: this.applicationId, flags },
        private_channels: [],
        relationships: [],
        presences: [],
        guild_join_requests: [],
        geo_ordered_rtc_regions: ["local"],
        user_settings: {},
        auth: {},
        _trace: ['["discord-standin",{"micros":0}]'],
      },
      shard[0],
    );
    for (const g of mine) if (!g.unavailable) this.dispatch("GUILD_CREATE", this.guildCreatePayload(g, intents), shard[0]);
  }

  private onResume(conn: GatewayConnection, d: Json): void {
    if (d.token !== this.token) return void conn.ws.close(4004, "Authentication failed.");
    const session = [...this.sessions.values()].find((s) => s.sessionId === d.session_id);
    const rec: ResumeRecord = {
      shardId: session?.shardId ?? -1,
      sessionId: String(d.session_id),
      seq: Number(d.seq ?? 0),
      replayed: 0,
      ok: false,
      connectionId: conn.id,
      at: Date.now(),
    };
    if (!session || !session.resumable) {
      this.resumes.push(rec);
      this.send(conn, { op: 9, d: false, s: null, t: null });
      return;
    }
    if (session.conn && session.conn !== conn) {
      session.conn.session = null;
      session.conn.ws.close(4000, "Session resumed elsewhere");
    }
    session.conn = conn;
    conn.session = session;
    const missed = session.sent.filter((p) => p.s > rec.seq);
    for (const p of missed) this.send(conn, p);
    rec.replayed = missed.length;
    rec.ok = true;
    this.resumes.push(rec);
    const payload = { op: 0 as const, t: "RESUMED", s: ++session.seq, d: { _trace: ['["discord-standin"]'] } };
    session.sent.push(payload);
    this.send(conn, payload);
  }

  private onRequestGuildMembers(conn: GatewayConnection, d: Json): void {
    const session = conn.session!;
    const guildIds: string[] = Array.isArray(d.guild_id) ? d.guild_id : [d.guild_id];
    for (const gid of guildIds) {
      const g = this.guilds.find((x) => x.id === gid);
      if (!g) continue;
      let members = [g.botMember, ...g.members];
      if (Array.isArray(d.user_ids)) members = members.filter((m) => d.user_ids.includes(m.user.id));
      else if (typeof d.query === "string" && d.query) members = members.filter((m) => m.user.username.startsWith(d.query));
      else if (!(session.intents & Intents.GuildMembers)) {
        this.notes.push("REQUEST_GUILD_MEMBERS for all members without the GuildMembers intent");
        members = [];
      }
      if (d.limit) members = members.slice(0, d.limit);
      this.dispatch(
        "GUILD_MEMBERS_CHUNK",
        { guild_id: g.id, members, chunk_index: 0, chunk_count: 1, not_found: [], nonce: d.nonce },
        session.shardId,
      );
    }
  }

  // ---- interactions --------------------------------------------------------------------------------------

  private dispatchInteraction<P extends APIInteraction>(payload: P): InteractionHandle<P> {
    const p = payload as Json;
    const shardId = p.guild_id ? this.shardOfGuild(p.guild_id) : 0;
    const st: InteractionState = {
      id: p.id,
      token: p.token,
      type: p.type,
      commandType: p.data?.type,
      payload,
      shardId,
      dispatchedAt: Date.now(),
      guildId: p.guild_id ?? null,
      channelId: p.channel?.id ?? p.channel_id,
      user: p.member?.user ?? p.user,
      componentMessageId: p.message?.id,
      followUpIds: [],
      expired: false,
    };
    if (p.message && !this.messages.has(p.message.id)) this.messages.set(p.message.id, p.message);
    this.interactions.set(st.id, st);
    this.interactionsByToken.set(st.token, st);
    this.dispatch("INTERACTION_CREATE", payload, shardId);
    const handle: InteractionHandle<P> = {
      id: st.id,
      token: st.token,
      applicationId: this.applicationId,
      shardId,
      payload,
      response: (o) => this.waitForInteractionResponse(st.id, o),
      callbacks: () => this.interactionCallbacks(st.id),
      webhookCalls: () => this.webhookCalls(st.token),
      waitForWebhook: (pred, o) => this.waitForWebhook(st.token, pred, o),
      originalMessage: () => (st.originalMessageId ? this.messages.get(st.originalMessageId) : undefined),
      waitForOriginal: (pred = () => true, o) =>
        this.waitUntil(
          () => {
            const m = st.originalMessageId ? this.messages.get(st.originalMessageId) : undefined;
            return m && pred(m) ? m : undefined;
          },
          `the @original message of interaction ${st.id} to match`,
          o,
        ),
      followUps: () => st.followUpIds.map((id) => this.messages.get(id)).filter((m): m is APIMessage => !!m),
    };
    return handle;
  }

  /** Mark an interaction token as expired (webhook calls then fail with 401 Invalid Webhook Token). */
  expireInteraction(idOrToken: string): void {
    const st = this.interactions.get(idOrToken) ?? this.interactionsByToken.get(idOrToken);
    if (st) st.expired = true;
  }

  private resolveUser(u: APIUser | string | undefined): APIUser {
    if (u === undefined) return this.testUsers.alice;
    if (typeof u !== "string") {
      if (!this.users.has(u.id)) this.users.set(u.id, u);
      return u;
    }
    const found = this.users.get(u) ?? [...this.users.values()].find((x) => x.username === u);
    if (!found) throw new Error(`DiscordStandin: unknown user ${u}`);
    return found;
  }
  private resolveGuild(id?: string): StandinGuild {
    const g = id ? this.guilds.find((x) => x.id === id || x.name === id) : this.guilds[0];
    if (!g) throw new Error(`DiscordStandin: unknown guild ${String(id)}`);
    return g;
  }
  private dmChannelFor(user: APIUser): Json {
    const existing = [...this.channels.values()].find((c) => c.type === 1 && c.recipients?.[0]?.id === user.id);
    if (existing) return existing;
    const ch = { id: snowflake(), type: 1, last_message_id: null, flags: 0, recipients: [user] };
    this.channels.set(ch.id, ch);
    return ch;
  }

  private baseInteraction(type: number, data: Json, o: InteractionContextOptions): Json {
    const id = snowflake();
    const token = `aW50ZXJhY3Rpb246${Buffer.from(id).toString("base64url")}${randomBytes(96).toString("base64url")}`;
    const user = this.resolveUser(o.user);
    const common = {
      id,
      application_id: this.applicationId,
      type,
      data,
      token,
      version: 1,
      locale: o.locale ?? "en-US",
      entitlements: [],
      attachment_size_limit: o.attachmentSizeLimit ?? 10 * 1024 * 1024,
    };
    if (o.dm) {
      const ch = this.dmChannelFor(user);
      return {
        ...common,
        channel: { ...ch },
        channel_id: ch.id,
        user,
        app_permissions: (o.appPermissions !== undefined ? BigInt(o.appPermissions) : DM_APP_PERMISSIONS).toString(),
        authorizing_integration_owners: o.installation === "user" ? { "1": user.id } : { "0": "0" },
        context: 1,
      };
    }
    const g = this.resolveGuild(o.guildId);
    const channel = o.channelId ? g.channel(o.channelId) : g.textChannel;
    const existing = g.member(user.id);
    const roleIds = o.roles ? o.roles.map((r) => g.role(r).id) : (existing?.roles ?? []);
    const memberPerms =
      o.permissions !== undefined ? BigInt(o.permissions) : g.channelPermissions(user.id, roleIds, channel);
    const appPerms =
      o.appPermissions !== undefined ? BigInt(o.appPermissions) : g.channelPermissions(this.botUser.id, g.botMember.roles, channel);
    const member = {
      avatar: null,
      banner: null,
      communication_disabled_until: null,
      deaf: false,
      flags: 0,
      joined_at: existing?.joined_at ?? new Date().toISOString(),
      mute: false,
      nick: existing?.nick ?? null,
      pending: false,
      premium_since: null,
      roles: roleIds,
      unusual_dm_activity_until: null,
      user,
      permissions: memberPerms.toString(),
    };
    return {
      ...common,
      guild: { id: g.id, locale: g.locale, features: g.features },
      guild_id: g.id,
      channel: { ...channel, guild_id: g.id, permissions: memberPerms.toString() },
      channel_id: channel.id,
      member,
      app_permissions: appPerms.toString(),
      guild_locale: g.locale,
      authorizing_integration_owners: o.installation === "user" ? { "1": user.id } : { "0": g.id },
      context: 0,
    };
  }

  private findCommand(name: string, type: number, guildId?: string): APIApplicationCommand | undefined {
    const g = guildId ? this.commands.guild.get(guildId) : undefined;
    return g?.find((c) => c.name === name && c.type === type) ?? this.commands.global.find((c) => c.name === name && (c.type ?? 1) === type);
  }

  private buildCommandData(o: ChatInputOptions, focused?: string): Json {
    const guildId = o.dm ? undefined : this.resolveGuild(o.guildId).id;
    const cmd = this.findCommand(o.name, 1, guildId);
    const resolved: Json = {};
    let defs: APIApplicationCommandOption[] | undefined = cmd ? ((cmd.options ?? []) as APIApplicationCommandOption[]) : undefined;
    const wrap: Array<{ type: number; name: string }> = [];
    if (o.subcommandGroup) {
      const grp = defs?.find((d) => d.name === o.subcommandGroup && d.type === 2) as Json;
      if (defs && !grp) throw new Error(`DiscordStandin: command /${o.name} has no subcommand group ${o.subcommandGroup}`);
      defs = grp?.options;
      wrap.push({ type: 2, name: o.subcommandGroup });
    }
    if (o.subcommand) {
      const sub = defs?.find((d) => d.name === o.subcommand && d.type === 1) as Json;
      if (defs && !sub) throw new Error(`DiscordStandin: command /${o.name} has no subcommand ${o.subcommand}`);
      defs = sub?.options ?? (defs ? [] : undefined);
      wrap.push({ type: 1, name: o.subcommand });
    }
    let options: Json[];
    if (Array.isArray(o.options)) options = o.options as Json[];
    else {
      options = Object.entries(o.options ?? {}).map(([name, v]) => this.buildOption(name, v, defs, resolved, guildId, o.name, focused === name));
      if (defs) {
        for (const d of defs as Json[]) {
          if (d.required && !options.some((x) => x.name === d.name) && focused === undefined)
            throw new Error(`DiscordStandin: /${o.name} requires option "${d.name}" (registered as required)`);
        }
      }
    }
    for (const w of wrap.reverse()) options = [{ type: w.type, name: w.name, options }];
    const data: Json = { id: cmd?.id ?? snowflake(), name: o.name, type: 1 };
    if (options.length) data.options = options;
    if (Object.keys(resolved).length) data.resolved = resolved;
    if (cmd?.guild_id) data.guild_id = cmd.guild_id;
    return data;
  }

  private buildOption(name: string, v: OptionInput, defs: Json[] | undefined, resolved: Json, guildId: string | undefined, cmd: string, focused: boolean): Json {
    const def = defs?.find((d) => d.name === name);
    if (defs && !def) throw new Error(`DiscordStandin: option "${name}" is not part of the registered command /${cmd}`);
    let type: number;
    let value: Json;
    if (typeof v === "object" && v !== null && "filename" in v && "url" in v) {
      type = 11;
      value = v.id;
      (resolved.attachments ??= {})[v.id] = v;
    } else if (typeof v === "object" && v !== null && "type" in v) {
      type = v.type;
      value = v.value;
    } else {
      type = def?.type ?? (typeof v === "boolean" ? 5 : typeof v === "number" ? (Number.isInteger(v) ? 4 : 10) : 3);
      value = v;
    }
    if (def && def.type !== type && !(focused && typeof value === "string"))
      throw new Error(`DiscordStandin: option "${name}" of /${cmd} has type ${def.type}, got ${type}`);
    if (!focused && type === 4 && !Number.isInteger(value)) throw new Error(`DiscordStandin: option "${name}" must be an integer`);
    const g = guildId ? this.resolveGuild(guildId) : undefined;
    if (type === 6 || type === 9) {
      const u = this.users.get(String(value));
      if (u) {
        (resolved.users ??= {})[u.id] = u;
        const m = g?.member(u.id);
        if (m && g) {
          const { user: _u, ...rest } = m as Json;
          (resolved.members ??= {})[u.id] = { ...rest, permissions: g.basePermissions(u.id, m.roles).toString() };
        }
      }
    }
    if ((type === 8 || type === 9) && g) {
      const r = g.roles.find((x) => x.id === value || x.name === value);
      if (r) {
        value = r.id;
        (resolved.roles ??= {})[r.id] = r;
      }
    }
    if (type === 7 && g) {
      const c = g.channels.find((x) => x.id === value || x.name === value);
      if (c) {
        value = c.id;
        const { permission_overwrites: _po, ...rest } = c;
        (resolved.channels ??= {})[c.id] = { ...rest, permissions: g.channelPermissions(this.testUsers.alice.id, [], c).toString() };
      }
    }
    const out: Json = { name, type, value };
    if (focused) out.focused = true;
    return out;
  }

  private buildChatInput(o: ChatInputOptions): APIChatInputApplicationCommandInteraction {
    return this.baseInteraction(2, this.buildCommandData(o), o);
  }
  private buildAutocomplete(o: AutocompleteOptions): APIApplicationCommandAutocompleteInteraction {
    const opts = Array.isArray(o.options) ? o.options : { ...(o.options ?? {}) };
    if (!Array.isArray(opts) && !(o.focused in opts)) (opts as Record<string, OptionInput>)[o.focused] = "";
    const data = this.buildCommandData({ ...o, options: opts }, o.focused);
    return this.baseInteraction(4, data, o);
  }
  private buildMessageContext(o: MessageContextOptions): APIMessageApplicationCommandInteraction {
    const base = this.baseInteraction(2, {}, o);
    let target: APIMessage;
    if (o.targetMessage && "id" in o.targetMessage) target = o.targetMessage;
    else {
      const author = this.resolveUser((o.targetMessage as Json)?.author);
      target = this.newMessage({
        channelId: base.channel_id,
        guildId: base.guild_id,
        author,
        content: (o.targetMessage as Json)?.content ?? "Some message worth asking about.",
      });
    }
    if (!this.messages.has(target.id)) this.messages.set(target.id, target);
    const cmd = this.findCommand(o.name, 3, base.guild_id);
    base.data = { id: cmd?.id ?? snowflake(), name: o.name, type: 3, target_id: target.id, resolved: { messages: { [target.id]: target } } };
    if (cmd?.guild_id) base.data.guild_id = cmd.guild_id;
    return base;
  }
  private buildUserContext(o: UserContextOptions): APIUserApplicationCommandInteraction {
    const base = this.baseInteraction(2, {}, o);
    const target = this.resolveUser(o.target);
    const cmd = this.findCommand(o.name, 2, base.guild_id);
    const resolved: Json = { users: { [target.id]: target } };
    const g = base.guild_id ? this.resolveGuild(base.guild_id) : undefined;
    const m = g?.member(target.id);
    if (g && m) {
      const { user: _u, ...rest } = m as Json;
      resolved.members = { [target.id]: { ...rest, permissions: g.basePermissions(target.id, m.roles).toString() } };
    }
    base.data = { id: cmd?.id ?? snowflake(), name: o.name, type: 2, target_id: target.id, resolved };
    return base;
  }
  private componentMessage(o: ComponentOptions, component: Json): APIMessage {
    if (o.message) return o.message;
    return this.buildBotMessage({
      guildId: o.dm ? undefined : o.guildId,
      channelId: o.dm ? this.dmChannelFor(this.resolveUser(o.user)).id : o.channelId,
      content: "Here is a message with a component.",
      components: [{ type: 1, components: [component] }],
    });
  }
  private buildButton(o: ComponentOptions): APIMessageComponentButtonInteraction {
    const message = this.componentMessage(o, { type: 2, style: 1, label: "Button", custom_id: o.customId });
    const base = this.baseInteraction(3, { custom_id: o.customId, component_type: 2 }, { ...o, channelId: o.channelId ?? message.channel_id });
    base.message = message;
    return base;
  }
  private buildSelect(o: SelectOptions): APIMessageComponentSelectMenuInteraction {
    const componentType = o.componentType ?? 3;
    const component: Json = { type: componentType, custom_id: o.customId };
    if (componentType === 3) component.options = o.values.map((v) => ({ label: v, value: v }));
    const message = this.componentMessage(o, component);
    const base = this.baseInteraction(3, { custom_id: o.customId, component_type: componentType, values: o.values }, { ...o, channelId: o.channelId ?? message.channel_id });
    base.message = message;
    return base;
  }
  private buildModalSubmit(o: ModalSubmitOptions): APIModalSubmitInteraction {
    let n = 0;
    const components = Object.entries(o.fields).map(([customId, value]) => ({
      type: 1,
      id: ++n,
      components: [{ type: 4, id: ++n, custom_id: customId, value }],
    }));
    const base = this.baseInteraction(5, { custom_id: o.customId, components }, { ...o, channelId: o.channelId ?? o.message?.channel_id });
    if (o.message) base.message = o.message;
    return base;
  }
  private buildBotMessage(o: { channelId?: string; guildId?: string; content?: string; components?: Json[]; embeds?: APIEmbed[] }): APIMessage {
    let channelId = o.channelId;
    let guildId: string | undefined;
    const known = channelId ? this.channels.get(channelId) : undefined;
    if (known) guildId = known.guild_id;
    else {
      const g = this.resolveGuild(o.guildId);
      channelId = channelId ? g.channel(channelId).id : g.textChannel.id;
      guildId = g.id;
    }
    const m = this.newMessage({ channelId: channelId!, guildId, author: this.botUser, content: o.content ?? "", embeds: o.embeds, components: o.components });
    this.messages.set(m.id, m);
    return m;
  }

  // ---- user messages -------------------------------------------------------------------------------------

  private createUserMessage(o: UserMessageOptions): MessageHandle {
    const author = this.resolveUser(o.author);
    let channel: Json;
    let g: StandinGuild | undefined;
    if (o.dm) channel = o.channelId ? this.channels.get(o.channelId) : this.dmChannelFor(author);
    else {
      g = this.resolveGuild(o.guildId);
      channel = o.channelId ? g.channel(o.channelId) : g.textChannel;
    }
    if (!channel) throw new Error(`DiscordStandin: unknown channel ${String(o.channelId)}`);
    let content = o.content ?? "";
    // On Discord a user mention always comes from a <@id> token in the content, so add missing tokens up front.
    const toMention = [...(o.mentionBot ? [this.botUser] : []), ...(o.mentions ?? [])];
    for (const u of toMention.reverse()) {
      if (!new RegExp(`<@!?${u.id}>`).test(content)) content = `<@${u.id}> ${content}`.trim();
    }
    const referenced = o.replyTo ? this.messages.get(o.replyTo) : undefined;
    if (o.replyTo && !referenced) throw new Error(`DiscordStandin: replyTo ${o.replyTo} is not a known message`);
    const message = this.newMessage({
      channelId: channel.id,
      guildId: g?.id,
      author,
      content,
      embeds: o.embeds,
      attachments: o.attachments,
      referenced,
    });
    for (const u of o.mentions ?? []) this.resolveUser(u);
    const mentionIds = new Set([...content.matchAll(/<@!?(\d{5,25})>/g)].map((m) => m[1]!));
    if (referenced) mentionIds.add(referenced.author.id);
    message.mentions = [...mentionIds].map((id) => this.users.get(id)).filter((u): u is APIUser => !!u);
    message.mention_roles = g ? [...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1]!).filter((id) => g!.roles.some((r) => r.id === id)) : [];
    message.mention_everyone = /@(everyone|here)\b/.test(content);
    this.messages.set(message.id, message);
    channel.last_message_id = message.id;

    const shardId = g ? this.shardOfGuild(g.id) : 0;
    const session = this.sessions.get(shardId);
    const handle: MessageHandle = {
      message,
      dispatched: null,
      delivered: false,
      shardId,
      waitForReply: (pred = () => true, wo) =>
        this.waitForChannelMessage(channel.id, (m) => m.message_reference?.message_id === message.id && pred(m), wo),
    };
    const needed = g ? Intents.GuildMessages : Intents.DirectMessages;
    if (this.options.enforceIntents && session && !(session.intents & needed)) {
      handle.reason = `shard ${shardId} did not identify with the ${g ? "GuildMessages" : "DirectMessages"} intent`;
      this.notes.push(`MESSAGE_CREATE ${message.id} not dispatched: ${handle.reason}`);
      return handle;
    }
    const d: Json = { ...message };
    if (g) {
      d.guild_id = g.id;
      const m = g.member(author.id);
      d.member = {
        roles: m?.roles ?? [],
        joined_at: m?.joined_at ?? new Date().toISOString(),
        nick: m?.nick ?? null,
        premium_since: null,
        deaf: false,
        mute: false,
        pending: false,
        flags: 0,
        avatar: null,
        banner: null,
        communication_disabled_until: null,
      };
      d.mentions = message.mentions.map((u) => {
        const mm = g!.member(u.id);
        if (!mm) return u;
        const { user: _u, ...rest } = mm as Json;
        return { ...u, member: rest };
      });
    }
    d.channel_type = channel.type;
    const mentionsBot = message.mentions.some((u) => u.id === this.botUser.id);
    if (this.options.enforceIntents && session && !(session.intents & Intents.MessageContent) && g && !mentionsBot && author.id !== this.botUser.id) {
      d.content = "";
      d.embeds = [];
      d.attachments = [];
      d.components = [];
      this.notes.push(`MESSAGE_CREATE ${message.id}: content blanked (no MessageContent intent, bot not mentioned)`);
    }
    this.dispatch("MESSAGE_CREATE", d, shardId);
    handle.dispatched = d;
    handle.delivered = true;
    return handle;
  }

  private newMessage(o: {
    channelId: string;
    guildId?: string;
    author: APIUser;
    content?: string;
    embeds?: Json[];
    components?: Json[];
    attachments?: APIAttachment[];
    referenced?: APIMessage;
    type?: number;
    flags?: number;
  }): APIMessage {
    const m: Json = {
      id: snowflake(),
      type: o.type ?? (o.referenced ? 19 : 0),
      channel_id: o.channelId,
      author: o.author,
      content: o.content ?? "",
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: o.attachments ?? [],
      embeds: (o.embeds ?? []).map((e) => ({ type: "rich", ...e })),
      components: o.components ?? [],
      pinned: false,
      flags: o.flags ?? 0,
    };
    if (o.referenced) {
      m.message_reference = { type: 0, message_id: o.referenced.id, channel_id: o.referenced.channel_id, guild_id: o.guildId };
      m.referenced_message = o.referenced;
    }
    return m as APIMessage;
  }

  // ---- guild construction --------------------------------------------------------------------------------

  private makeUser(spec: UserSpec | APIUser): APIUser {
    if ("discriminator" in spec && spec.id && this.users.has(spec.id)) return this.users.get(spec.id)!;
    if ("discriminator" in spec && spec.id) {
      this.users.set(spec.id, spec as APIUser);
      return spec as APIUser;
    }
    const s = spec as UserSpec;
    const existing = s.id ? this.users.get(s.id) : [...this.users.values()].find((u) => u.username === s.username);
    if (existing) return existing;
    const u = {
      id: s.id ?? snowflake(Date.now() - 86_400_000 * 300),
      username: s.username,
      discriminator: s.bot ? "0001" : "0",
      global_name: s.globalName === undefined ? s.username : s.globalName,
      avatar: null,
      bot: s.bot ?? false,
      public_flags: 0,
      avatar_decoration_data: null,
      banner: null,
      accent_color: null,
    } as Json as APIUser;
    this.users.set(u.id, u);
    return u;
  }

  private makeGuild(spec: GuildSpec, index: number): StandinGuild {
    const id = spec.id ?? snowflake(Date.now() - 86_400_000 * 200 - index);
    const joinedAt = new Date(Date.now() - 86_400_000 * 30).toISOString();
    const role = (r: RoleSpec, position: number, extra: Partial<APIRole> = {}): APIRole =>
      ({
        id: r.id ?? snowflake(),
        name: r.name,
        color: r.color ?? 0,
        colors: { primary_color: r.color ?? 0, secondary_color: null, tertiary_color: null },
        hoist: r.hoist ?? false,
        icon: null,
        unicode_emoji: null,
        position: r.position ?? position,
        permissions: toPerm(r.permissions, 0n).toString(),
        managed: false,
        mentionable: r.mentionable ?? false,
        flags: 0,
        ...extra,
      }) as APIRole;
    const everyone = role({ id, name: "@everyone", permissions: toPerm(spec.everyonePermissions, DEFAULT_EVERYONE_PERMISSIONS) }, 0);
    const botRole = role({ name: this.botUser.username, permissions: toPerm(spec.botPermissions, DEFAULT_BOT_PERMISSIONS) }, 1, {
      managed: true,
      tags: { bot_id: this.botUser.id },
    });
    const extra = (spec.roles ?? [{ name: "Moderator", permissions: DEFAULT_MODERATOR_PERMISSIONS, hoist: true, color: 0x3498db }]).map((r, i) =>
      role({ ...r, permissions: r.permissions ?? 0n }, i + 2),
    );
    const roles = [everyone, botRole, ...extra];
    const roleId = (ref: string) => {
      const r = roles.find((x) => x.id === ref || x.name === ref);
      if (!r) throw new Error(`DiscordStandin: guild spec references unknown role ${ref}`);
      return r.id;
    };
    const owner = this.makeUser(spec.owner ?? this.testUsers.owner);
    const member = (user: APIUser, roleIds: string[], nick: string | null = null): APIGuildMember =>
      ({
        user,
        nick,
        avatar: null,
        banner: null,
        roles: roleIds,
        joined_at: joinedAt,
        premium_since: null,
        deaf: false,
        mute: false,
        flags: 0,
        pending: false,
        communication_disabled_until: null,
      }) as Json as APIGuildMember;
    const modRole = roles.find((r) => r.name === "Moderator");
    const memberSpecs: MemberSpec[] = spec.members ?? [
      { user: owner },
      { user: this.testUsers.alice },
      { user: this.testUsers.moderator, roles: modRole ? [modRole.id] : [] },
    ];
    const members = memberSpecs.map((m) => member(this.makeUser(m.user), (m.roles ?? []).map(roleId), m.nick ?? null));
    if (!members.some((m) => m.user.id === owner.id)) members.unshift(member(owner, []));
    const botMember = member(this.botUser, [botRole.id]);
    botMember.joined_at = joinedAt;
    const channels = (spec.channels ?? [{ name: "general", topic: "General chat" }]).map((c, i) => {
      const type = c.type ?? 0;
      const ch: Json = {
        id: c.id ?? snowflake(),
        type,
        guild_id: id,
        name: c.name,
        position: c.position ?? i,
        permission_overwrites: (c.overwrites ?? []).map((o) => ({
          id: o.target === "@everyone" ? id : (o.type ?? 0) === 0 ? roleId(o.target) : o.target,
          type: o.type ?? 0,
          allow: toPerm(o.allow, 0n).toString(),
          deny: toPerm(o.deny, 0n).toString(),
        })),
        parent_id: c.parentId ?? null,
        flags: 0,
      };
      if (type !== 4) {
        ch.nsfw = c.nsfw ?? false;
        ch.rate_limit_per_user = 0;
      }
      if (CHANNEL_TEXT_TYPES.has(type) && type !== 2) {
        ch.topic = c.topic ?? null;
        ch.last_message_id = null;
        ch.last_pin_timestamp = null;
        ch.default_auto_archive_duration = 1440;
      }
      if (type === 2 || type === 13) {
        ch.bitrate = 64000;
        ch.user_limit = 0;
        ch.rtc_region = null;
        ch.last_message_id = null;
      }
      this.channels.set(ch.id, ch);
      return ch;
    });
    return new StandinGuild(
      id,
      spec.name ?? "Parley Test Guild",
      owner.id,
      roles,
      channels,
      members,
      botMember,
      spec.unavailable ?? false,
      spec.locale ?? "en-US",
      spec.features ?? [],
      joinedAt,
    );
  }

  private guildObject(g: StandinGuild): Json {
    return {
      id: g.id,
      name: g.name,
      icon: null,
      icon_hash: null,
      splash: null,
      discovery_splash: null,
      owner_id: g.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      widget_enabled: false,
      widget_channel_id: null,
      verification_level: 1,
      default_message_notifications: 1,
      explicit_content_filter: 2,
      roles: g.roles,
      emojis: [],
      features: g.features,
      mfa_level: 0,
      application_id: null,
      system_channel_id: g.channels.find((c) => c.type === 0)?.id ?? null,
      system_channel_flags: 0,
      rules_channel_id: null,
      max_presences: null,
      max_members: 500000,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: g.locale,
      public_updates_channel_id: null,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      nsfw_level: 0,
      stickers: [],
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      incidents_data: null,
      hub_type: null,
    };
  }

  private guildCreatePayload(g: StandinGuild, intents: number): Json {
    // Without GUILD_PRESENCES, Discord only includes the bot's own member (and voice members).
    const members = intents & Intents.GuildPresences ? [g.botMember, ...g.members] : [g.botMember];
    return {
      ...this.guildObject(g),
      joined_at: g.joinedAt,
      large: false,
      unavailable: false,
      member_count: g.members.length + 1,
      voice_states: [],
      members,
      channels: g.channels.map(({ guild_id: _gid, ...c }) => c),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      lazy: true,
    };
  }

  // ---- HTTP plumbing -------------------------------------------------------------------------------------

  private compileRoute(method: string, template: string, handler: RouteHandler, auth: boolean): Route {
    const keys: string[] = [];
    const pattern = template
      .split("/")
      .map((seg) => {
        if (seg.startsWith(":")) {
          keys.push(seg.slice(1));
          return "([^/]+)";
        }
        return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("/");
    return { method, template, regex: new RegExp(`^${pattern}$`), keys, auth, handler };
  }

  private async onHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const url = new URL(req.url ?? "/", "http://localhost");
    const rawPath = url.pathname;
    const decodeSeg = (s: string) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    };
    const segments = rawPath.split("/").map(decodeSeg);
    const isApi = segments[1] === "api";
    const path = (isApi ? segments.slice(2) : segments.slice(1)).join("/");
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
    const rec: RecordedRequest = {
      seq: ++this.requestSeq,
      method: (req.method ?? "GET").toUpperCase(),
      path: `/${path}`,
      rawPath,
      route: null,
      params: {},
      query: Object.fromEntries(url.searchParams),
      headers,
      contentType: headers["content-type"] ?? null,
      body: undefined,
      form: null,
      files: [],
      status: 0,
      response: undefined,
      receivedAt,
      durationMs: 0,
    };
    let result: RouteResult;
    try {
      const raw = await readBody(req, 30 * 1024 * 1024);
      if (raw === null) throw apiErrors.tooLarge();
      await parseBody(rec, raw);
      result = await this.handle(rec, isApi);
    } catch (e) {
      if (e instanceof ApiError) result = { status: e.status, body: e.body, headers: e.headers };
      else {
        this.notes.push(`stand-in error on ${rec.method} ${rec.path}: ${(e as Error).stack ?? String(e)}`);
        result = { status: 500, body: { message: "500: Internal Server Error (stand-in bug)", code: 0 } };
      }
    }
    rec.status = result.status;
    rec.response = result.raw ? undefined : result.body;
    rec.durationMs = Date.now() - receivedAt;
    if (this.closed) {
      res.destroy();
      return;
    }
    this.requests.push(rec);
    this.notify();
    const outHeaders: Record<string, string> = { ...result.headers };
    let payload: Buffer | undefined;
    if (result.raw) payload = result.raw;
    else if (result.body !== undefined && result.status !== 204) {
      payload = Buffer.from(JSON.stringify(result.body));
      outHeaders["content-type"] = "application/json";
    }
    if (payload) outHeaders["content-length"] = String(payload.length);
    res.writeHead(result.status, outHeaders);
    res.end(rec.method === "HEAD" ? undefined : payload);
  }

  private async handle(rec: RecordedRequest, isApi: boolean): Promise<RouteResult> {
    // Route matching first so faults can use rec.route / params.
    let route: Route | undefined;
    let pathMatched = false;
    let routePath = rec.path;
    let versionOk = true;
    if (isApi) {
      const m = /^\/v(\d+)(\/.*)$/.exec(rec.path);
      if (m) {
        routePath = m[2]!;
        versionOk = m[1] === "10";
      } else versionOk = false;
    }
    if (versionOk) {
      for (const r of [...this.customRoutes, ...this.routes]) {
        const isCdn = r.template.startsWith("/attachments/");
        if (isCdn === isApi) continue;
        const m = r.regex.exec(routePath);
        if (!m) continue;
        pathMatched = true;
        if (r.method !== rec.method && !(r.method === "GET" && rec.method === "HEAD")) continue;
        route = r;
        rec.route = `${r.method} ${r.template}`;
        r.keys.forEach((k, i) => (rec.params[k] = m[i + 1]!));
        break;
      }
    }
    // Faults
    const key = `${rec.method} ${rec.path}`;
    for (const f of this.faults) {
      if (f.remaining <= 0) continue;
      const hit = f.match instanceof RegExp ? f.match.test(key) : f.match(rec);
      if (!hit) continue;
      f.remaining--;
      if (f.delayMs) await this.sleep(f.delayMs);
      if (f.status !== undefined) return this.faultResult(f);
    }
    if (!route) {
      if (!isApi) return { status: 404, raw: Buffer.from("Not Found"), headers: { "content-type": "text/plain" } };
      throw pathMatched ? apiErrors.methodNotAllowed() : apiErrors.notFound();
    }
    if (route.auth && rec.headers.authorization !== `Bot ${this.token}`) throw apiErrors.unauthorized();
    return route.handler(rec);
  }

  private faultResult(f: Fault): RouteResult {
    const status = f.status!;
    if (status === 429) {
      const retryAfter = f.retryAfter ?? 0.1;
      const headers: Record<string, string> = {
        "retry-after": String(retryAfter),
        "x-ratelimit-limit": "5",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset-after": String(retryAfter),
        "x-ratelimit-reset": String((Date.now() / 1000 + retryAfter).toFixed(3)),
        "x-ratelimit-bucket": "standin-bucket",
        "x-ratelimit-scope": f.global ? "global" : "user",
      };
      if (f.global) headers["x-ratelimit-global"] = "true";
      return { status, headers, body: f.body ?? { message: "You are being rate limited.", retry_after: retryAfter, global: Boolean(f.global) } };
    }
    const defaults: Record<number, Json> = {
      400: { message: "Invalid Form Body", code: 50035 },
      401: { message: "401: Unauthorized", code: 0 },
      403: { message: "Missing Permissions", code: 50013 },
      404: { message: "404: Not Found", code: 0 },
    };
    return { status, body: f.body ?? defaults[status] ?? { message: `${status}: ${http.STATUS_CODES[status] ?? "Error"}`, code: 0 } };
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  // ---- REST routes ---------------------------------------------------------------------------------------

  private registerRoutes(): void {
    const add = (method: string, template: string, handler: RouteHandler, auth = true) =>
      this.routes.push(this.compileRoute(method, template, handler, auth));
    const ok = (body: Json, status = 200): RouteResult => ({ status, body });
    const noContent: RouteResult = { status: 204 };

    // gateway
    add("GET", "/gateway", () => ok({ url: this.gatewayUrl }), false);
    add("GET", "/gateway/bot", () =>
      ok({
        url: this.gatewayUrl,
        shards: this.shardCount,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: this.options.maxConcurrency },
      }),
    );

    // users / application
    add("GET", "/users/@me", () => ok({ ...this.botUser, verified: true, mfa_enabled: false, locale: "en-US", flags: 0, email: null }));
    add("GET", "/users/:userId", (r) => {
      const u = this.users.get(r.params.userId!);
      if (!u) throw apiErrors.unknownUser();
      return ok(u);
    });
    add("POST", "/users/@me/channels", (r) => {
      const u = this.users.get(r.body?.recipient_id);
      if (!u) throw formError([{ path: "recipient_id", code: "USER_NOT_FOUND", message: "Unknown user" }]);
      return ok(this.dmChannelFor(u));
    });
    const application = () => ({
      id: this.applicationId,
      name: this.botUser.username,
      icon: null,
      description: "Parley test application",
      summary: "",
      type: null,
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: randomHex(32),
      flags: 1 << 23,
      owner: this.testUsers.owner,
      team: null,
      bot: this.botUser,
      guild_id: undefined,
      approximate_guild_count: this.guilds.length,
      approximate_user_install_count: 0,
      redirect_uris: [],
      interactions_endpoint_url: null,
      integration_types_config: { "0": {} },
      install_params: { scopes: ["bot", "applications.commands"], permissions: DEFAULT_BOT_PERMISSIONS.toString() },
      tags: [],
      rpc_origins: [],
    });
    add("GET", "/applications/@me", () => ok(application()));
    add("GET", "/oauth2/applications/@me", () => ok(application()));

    // application commands
    const checkApp = (r: RecordedRequest) => {
      if (r.params.applicationId !== this.applicationId) throw apiErrors.unknownApplication();
    };
    const listFor = (r: RecordedRequest): APIApplicationCommand[] => {
      checkApp(r);
      const gid = r.params.guildId;
      if (!gid) return this.commands.global;
      if (!this.guilds.some((g) => g.id === gid)) throw apiErrors.missingAccess();
      let list = this.commands.guild.get(gid);
      if (!list) this.commands.guild.set(gid, (list = []));
      return list;
    };
    const toCommand = (body: Json, guildId: string | undefined, existing?: APIApplicationCommand): APIApplicationCommand =>
      ({
        id: existing?.id ?? snowflake(),
        application_id: this.applicationId,
        version: snowflake(),
        type: body.type ?? 1,
        name: body.name,
        name_localizations: body.name_localizations ?? null,
        description: body.description ?? "",
        description_localizations: body.description_localizations ?? null,
        options: body.options,
        default_member_permissions: body.default_member_permissions ?? null,
        dm_permission: body.dm_permission ?? true,
        nsfw: body.nsfw ?? false,
        contexts: body.contexts ?? null,
        integration_types: body.integration_types ?? [0],
        ...(guildId ? { guild_id: guildId } : {}),
      }) as APIApplicationCommand;
    const setList = (r: RecordedRequest, list: APIApplicationCommand[]) => {
      if (r.params.guildId) this.commands.guild.set(r.params.guildId, list);
      else this.commands.global = list;
    };
    for (const base of ["/applications/:applicationId/commands", "/applications/:applicationId/guilds/:guildId/commands"]) {
      add("GET", base, (r) => ok(listFor(r)));
      add("PUT", base, (r) => {
        const current = listFor(r);
        if (this.options.validatePayloads) validateCommandList(r.body);
        const next = (r.body as Json[]).map((c) =>
          toCommand(c, r.params.guildId, current.find((x) => x.name === c.name && x.type === (c.type ?? 1))),
        );
        setList(r, next);
        return ok(next);
      });
      add("POST", base, (r) => {
        const current = listFor(r);
        if (this.options.validatePayloads) {
          const errs = commandErrors(r.body);
          if (errs.length) throw formError(errs);
        }
        const existing = current.find((x) => x.name === r.body.name && x.type === (r.body.type ?? 1));
        const cmd = toCommand(r.body, r.params.guildId, existing);
        setList(r, existing ? current.map((c) => (c === existing ? cmd : c)) : [...current, cmd]);
        return ok(cmd, existing ? 200 : 201);
      });
      add("GET", `${base}/:commandId`, (r) => {
        const c = listFor(r).find((x) => x.id === r.params.commandId);
        if (!c) throw apiErrors.unknownCommand();
        return ok(c);
      });
      add("PATCH", `${base}/:commandId`, (r) => {
        const current = listFor(r);
        const c = current.find((x) => x.id === r.params.commandId);
        if (!c) throw apiErrors.unknownCommand();
        const merged = { ...c, ...r.body };
        if (this.options.validatePayloads) {
          const errs = commandErrors(merged);
          if (errs.length) throw formError(errs);
        }
        const next = toCommand(merged, r.params.guildId, c);
        setList(r, current.map((x) => (x === c ? next : x)));
        return ok(next);
      });
      add("DELETE", `${base}/:commandId`, (r) => {
        const current = listFor(r);
        if (!current.some((x) => x.id === r.params.commandId)) throw apiErrors.unknownCommand();
        setList(r, current.filter((x) => x.id !== r.params.commandId));
        return noContent;
      });
    }

    // interaction callback
    add("POST", "/interactions/:interactionId/:token/callback", (r) => this.onInteractionCallback(r), false);

    // interaction webhooks
    add("POST", "/webhooks/:applicationId/:token", (r) => this.onFollowUp(r), false);
    add("GET", "/webhooks/:applicationId/:token/messages/:messageId", (r) => {
      const { msg } = this.webhookMessage(r);
      return ok(msg);
    }, false);
    add("PATCH", "/webhooks/:applicationId/:token/messages/:messageId", (r) => {
      const { msg } = this.webhookMessage(r);
      const edited = this.editMessage(msg, r, true);
      return ok(edited);
    }, false);
    add("DELETE", "/webhooks/:applicationId/:token/messages/:messageId", (r) => {
      const { msg } = this.webhookMessage(r);
      this.deleteMessage(msg.id);
      return noContent;
    }, false);

    // channels & messages
    const channelOf = (r: RecordedRequest) => {
      const c = this.channels.get(r.params.channelId!);
      if (!c) throw apiErrors.unknownChannel();
      const g = c.guild_id ? this.guilds.find((x) => x.id === c.guild_id) : undefined;
      const botPerms = g ? g.channelPermissions(this.botUser.id, g.botMember.roles, c) : DM_APP_PERMISSIONS;
      if (g && !(botPerms & PermissionFlagsBits.ViewChannel)) throw apiErrors.missingAccess();
      return { c, g, botPerms };
    };
    const messageIn = (r: RecordedRequest) => {
      const { c, g, botPerms } = channelOf(r);
      const msg = this.messages.get(r.params.messageId!);
      if (!msg || msg.channel_id !== c.id) throw apiErrors.unknownMessage();
      return { c, g, botPerms, msg };
    };
    add("GET", "/channels/:channelId", (r) => ok(channelOf(r).c));
    add("GET", "/channels/:channelId/messages", (r) => {
      const { c } = channelOf(r);
      const limit = Math.min(Number(r.query.limit ?? 50), 100);
      const list = [...this.messages.values()].filter((m) => m.channel_id === c.id).sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
      return ok(list.slice(0, limit));
    });
    add("GET", "/channels/:channelId/messages/:messageId", (r) => ok(messageIn(r).msg));
    add("POST", "/channels/:channelId/messages", (r) => {
      const { c, g, botPerms } = channelOf(r);
      const need = (p: bigint) => {
        if (g && (botPerms & p) !== p) throw apiErrors.missingPermissions();
      };
      need(c.type === 11 || c.type === 12 ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages);
      if (r.files.length) need(PermissionFlagsBits.AttachFiles);
      if (this.options.validatePayloads) validateMessageBody(r.body, { mode: "create", fileCount: r.files.length, allowEphemeral: false });
      let referenced: APIMessage | undefined;
      const ref = r.body?.message_reference;
      if (ref?.message_id) {
        need(PermissionFlagsBits.ReadMessageHistory);
        referenced = this.messages.get(ref.message_id);
        if (!referenced && ref.fail_if_not_exists !== false)
          throw formError([{ path: "message_reference", code: "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", message: "Unknown message" }]);
      }
      const msg = this.createMessage({ channel: c, guild: g, body: r.body ?? {}, files: r.files, referenced });
      if (!referenced && ref) (msg as Json).message_reference = { type: 0, ...ref, channel_id: ref.channel_id ?? c.id };
      return ok(msg);
    });
    add("PATCH", "/channels/:channelId/messages/:messageId", (r) => {
      const { msg } = messageIn(r);
      if (msg.author.id !== this.botUser.id) {
        const keys = Object.keys(r.body ?? {});
        if (keys.some((k) => k !== "flags")) throw apiErrors.cannotEditOthers();
      }
      return ok(this.editMessage(msg, r, false));
    });
    add("DELETE", "/channels/:channelId/messages/:messageId", (r) => {
      const { msg, g, botPerms } = messageIn(r);
      if (msg.author.id !== this.botUser.id && g && !(botPerms & PermissionFlagsBits.ManageMessages)) throw apiErrors.missingPermissions();
      this.deleteMessage(msg.id);
      return noContent;
    });
    add("POST", "/channels/:channelId/typing", (r) => {
      channelOf(r);
      return noContent;
    });
    const react = (r: RecordedRequest, on: boolean) => {
      const { msg, g, botPerms } = messageIn(r);
      if (on && g && (botPerms & (PermissionFlagsBits.AddReactions | PermissionFlagsBits.ReadMessageHistory)) !== (PermissionFlagsBits.AddReactions | PermissionFlagsBits.ReadMessageHistory))
        throw apiErrors.missingPermissions();
      const name = r.params.emoji!;
      const [emojiName, emojiId] = name.includes(":") ? name.split(":") : [name, null];
      const m = msg as Json;
      m.reactions ??= [];
      const existing = m.reactions.find((x: Json) => x.emoji.name === emojiName);
      if (on && !existing)
        m.reactions.push({ emoji: { id: emojiId ?? null, name: emojiName }, count: 1, me: true, count_details: { burst: 0, normal: 1 }, me_burst: false, burst_colors: [] });
      if (!on && existing) m.reactions = m.reactions.filter((x: Json) => x !== existing);
      return noContent;
    };
    add("PUT", "/channels/:channelId/messages/:messageId/reactions/:emoji/@me", (r) => react(r, true));
    add("DELETE", "/channels/:channelId/messages/:messageId/reactions/:emoji/@me", (r) => react(r, false));

    // guilds
    const guildOf = (r: RecordedRequest) => {
      const g = this.guilds.find((x) => x.id === r.params.guildId);
      if (!g) throw apiErrors.unknownGuild();
      return g;
    };
    add("GET", "/guilds/:guildId", (r) => ok(this.guildObject(guildOf(r))));
    add("GET", "/guilds/:guildId/channels", (r) => ok(guildOf(r).channels));
    add("GET", "/guilds/:guildId/roles", (r) => ok(guildOf(r).roles));
    add("GET", "/guilds/:guildId/members/:userId", (r) => {
      const m = guildOf(r).member(r.params.userId!);
      if (!m) throw apiErrors.unknownMember();
      return ok(m);
    });

    // CDN
    add("GET", "/attachments/:channelId/:attachmentId/:filename", (r) => {
      const f = this.cdn.get(`/attachments/${r.params.channelId}/${r.params.attachmentId}/${encodeURIComponent(r.params.filename!)}`);
      if (!f) return { status: 404, raw: Buffer.from("Not Found"), headers: { "content-type": "text/plain" } };
      return { status: 200, raw: f.data, headers: { "content-type": f.contentType } };
    }, false);
  }

  // ---- interaction callback & webhooks -------------------------------------------------------------------

  private onInteractionCallback(r: RecordedRequest): RouteResult {
    const st = this.interactions.get(r.params.interactionId!);
    if (!st || st.token !== r.params.token) throw apiErrors.unknownInteraction();
    if (st.callback) throw apiErrors.alreadyAcknowledged();
    const late = Date.now() - st.dispatchedAt;
    if (late > this.options.interactionDeadlineMs) {
      this.notes.push(`interaction ${st.id} acknowledged after ${late}ms (> ${this.options.interactionDeadlineMs}ms) → 10062`);
      throw apiErrors.unknownInteraction();
    }
    const body = r.body ?? {};
    const type = body.type;
    const allowed: Record<number, number[]> = {
      2: [4, 5, 9, 10, 12],
      3: [4, 5, 6, 7, 9, 10, 12],
      4: [8],
      5: st.componentMessageId ? [4, 5, 6, 7, 10] : [4, 5, 10],
    };
    if (typeof type !== "number" || !(allowed[st.type] ?? []).includes(type))
      throw formError([{ path: "type", code: "INTERACTION_RESPONSE_TYPE_INVALID", message: `Interaction response type ${String(type)} is not valid for interaction type ${st.type}` }]);
    const validate = this.options.validatePayloads;
    const channel = this.channels.get(st.channelId);
    const guild = st.guildId ? this.guilds.find((g) => g.id === st.guildId) : undefined;
    let message: APIMessage | undefined;
    switch (type) {
      case 4: {
        if (validate) validateMessageBody(body.data, { mode: "create", fileCount: r.files.length, allowEphemeral: true, prefix: "data" });
        message = this.createMessage({ channel, guild, body: body.data ?? {}, files: r.files, interaction: st, allowEphemeral: true });
        st.originalMessageId = message.id;
        break;
      }
      case 5: {
        const flags = (body.data?.flags ?? 0) & MessageFlag.Ephemeral;
        message = this.newMessage({ channelId: st.channelId, guildId: st.guildId ?? undefined, author: this.botUser, flags: flags | MessageFlag.Loading, type: this.interactionMessageType(st) });
        this.decorateInteractionMessage(message, st);
        this.messages.set(message.id, message);
        st.originalMessageId = message.id;
        message = undefined;
        break;
      }
      case 6:
        st.originalMessageId = st.componentMessageId;
        break;
      case 7: {
        const target = st.componentMessageId ? this.messages.get(st.componentMessageId) : undefined;
        if (!target) throw apiErrors.unknownMessage();
        if (validate) validateMessageBody(body.data, { mode: "edit", fileCount: r.files.length, allowEphemeral: false, prefix: "data" });
        message = this.applyEdit(target, body.data ?? {}, r.files);
        st.originalMessageId = target.id;
        break;
      }
      case 8:
        if (validate) validateAutocompleteResult(body.data);
        break;
      case 9:
        if (validate) validateModal(body.data);
        break;
    }
    st.callback = { type, data: body.data, at: Date.now() };
    if (r.query.with_response !== "true") return { status: 204 };
    const original = st.originalMessageId ? this.messages.get(st.originalMessageId) : undefined;
    const interaction: Json = { id: st.id, type: st.type };
    if (original && (type === 4 || type === 5 || type === 7)) {
      interaction.response_message_id = original.id;
      interaction.response_message_loading = type === 5;
      interaction.response_message_ephemeral = Boolean((original.flags ?? 0) & MessageFlag.Ephemeral);
    }
    const resource: Json = { type };
    if (message) resource.message = message;
    return { status: 200, body: { interaction, resource } };
  }

  private interactionMessageType(st: InteractionState): number {
    if (st.type === 2) return st.commandType === 1 ? 20 : 23;
    return 0;
  }

  private decorateInteractionMessage(m: APIMessage, st: InteractionState, followUp = false): void {
    const x = m as Json;
    x.webhook_id = this.applicationId;
    x.application_id = this.applicationId;
    const meta: Json = {
      id: st.id,
      type: st.type,
      user: st.user,
      authorizing_integration_owners: st.payload.authorizing_integration_owners,
    };
    if (followUp && st.originalMessageId) meta.original_response_message_id = st.originalMessageId;
    if (st.type === 3 && st.componentMessageId) meta.interacted_message_id = st.componentMessageId;
    if (st.type === 2 && st.payload.data?.target_id) {
      if (st.commandType === 3) meta.target_message_id = st.payload.data.target_id;
      if (st.commandType === 2) meta.target_user = this.users.get(st.payload.data.target_id);
    }
    x.interaction_metadata = meta;
    if (st.type === 2) x.interaction = { id: st.id, type: st.type, name: st.payload.data?.name, user: st.user };
  }

  private webhookState(r: RecordedRequest): InteractionState {
    if (r.params.applicationId !== this.applicationId) throw apiErrors.unknownWebhook();
    const st = this.interactionsByToken.get(r.params.token!);
    if (!st || st.expired) throw apiErrors.invalidWebhookToken();
    if (!st.callback) {
      this.notes.push(`webhook call for interaction ${st.id} before it was acknowledged → 10015 Unknown Webhook`);
      throw apiErrors.unknownWebhook();
    }
    return st;
  }

  private webhookMessage(r: RecordedRequest): { st: InteractionState; msg: APIMessage } {
    const st = this.webhookState(r);
    const mid = r.params.messageId === "@original" ? st.originalMessageId : r.params.messageId;
    if (!mid || (mid !== st.originalMessageId && !st.followUpIds.includes(mid))) throw apiErrors.unknownMessage();
    const msg = this.messages.get(mid);
    if (!msg) throw apiErrors.unknownMessage();
    return { st, msg };
  }

  private onFollowUp(r: RecordedRequest): RouteResult {
    const st = this.webhookState(r);
    if (this.options.validatePayloads) validateMessageBody(r.body, { mode: "create", fileCount: r.files.length, allowEphemeral: true });
    const body = r.body ?? {};
    const original = st.originalMessageId ? this.messages.get(st.originalMessageId) : undefined;
    let msg: APIMessage;
    if (st.callback?.type === 5 && original && (original.flags ?? 0) & MessageFlag.Loading) {
      // Discord: the first follow-up after a deferred reply replaces the "thinking…" message (keeping its ephemerality).
      const keepEphemeral = (original.flags ?? 0) & MessageFlag.Ephemeral;
      msg = this.applyEdit(original, { ...body, flags: ((body.flags ?? 0) & ~MessageFlag.Ephemeral) | keepEphemeral }, r.files, { keepEdited: true });
    } else {
      const channel = this.channels.get(st.channelId);
      const guild = st.guildId ? this.guilds.find((g) => g.id === st.guildId) : undefined;
      msg = this.createMessage({ channel, guild, body, files: r.files, interaction: st, allowEphemeral: true, followUp: true });
      st.followUpIds.push(msg.id);
    }
    if (r.query.wait === "false") return { status: 204 };
    return { status: 200, body: msg };
  }

  // ---- message store -------------------------------------------------------------------------------------

  private createMessage(o: {
    channel: Json | undefined;
    guild: StandinGuild | undefined;
    body: Json;
    files: RecordedFile[];
    referenced?: APIMessage;
    interaction?: InteractionState;
    allowEphemeral?: boolean;
    followUp?: boolean;
  }): APIMessage {
    const channelId = o.channel?.id ?? o.interaction?.channelId ?? "0";
    const b = o.body;
    const allowedFlags = MessageFlag.SuppressEmbeds | MessageFlag.SuppressNotifications | MessageFlag.ComponentsV2 | (o.allowEphemeral ? MessageFlag.Ephemeral : 0);
    const msg = this.newMessage({
      channelId,
      guildId: o.guild?.id,
      author: this.botUser,
      content: b.content ?? "",
      embeds: b.embeds,
      components: b.components,
      attachments: this.materializeAttachments(channelId, b.attachments, o.files, []),
      referenced: o.referenced,
      flags: (b.flags ?? 0) & allowedFlags,
      type: o.interaction ? (o.followUp ? 0 : this.interactionMessageType(o.interaction)) : undefined,
    });
    const x = msg as Json;
    x.tts = Boolean(b.tts);
    if (b.nonce !== undefined) x.nonce = b.nonce;
    Object.assign(x, this.computeMentions(b.content ?? "", b.allowed_mentions, o.guild, o.referenced));
    if (o.interaction) this.decorateInteractionMessage(msg, o.interaction, o.followUp);
    this.messages.set(msg.id, msg);
    if (o.channel) o.channel.last_message_id = msg.id;
    return msg;
  }

  private applyEdit(target: APIMessage, b: Json, files: RecordedFile[], o: { keepEdited?: boolean } = {}): APIMessage {
    const x: Json = { ...target }; // edit a copy; committed only if the result is valid
    const wasLoading = (x.flags ?? 0) & MessageFlag.Loading;
    if ("content" in b) x.content = b.content ?? "";
    if ("embeds" in b) x.embeds = (b.embeds ?? []).map((e: Json) => ({ type: "rich", ...e }));
    if ("components" in b) x.components = b.components ?? [];
    if ("attachments" in b || files.length) x.attachments = this.materializeAttachments(x.channel_id, b.attachments, files, x.attachments ?? []);
    if ("flags" in b && b.flags !== null && b.flags !== undefined) {
      const keep = (x.flags ?? 0) & MessageFlag.Ephemeral;
      x.flags = (b.flags & (MessageFlag.SuppressEmbeds | MessageFlag.ComponentsV2)) | keep;
    }
    x.flags = (x.flags ?? 0) & ~MessageFlag.Loading;
    if ("content" in b || "allowed_mentions" in b) {
      const g = this.guilds.find((gg) => gg.channels.some((c) => c.id === x.channel_id));
      Object.assign(x, this.computeMentions(x.content, b.allowed_mentions, g, x.referenced_message ?? undefined));
    }
    if (!wasLoading && !o.keepEdited) x.edited_timestamp = new Date().toISOString();
    const empty =
      !String(x.content ?? "").trim() && !(x.embeds?.length) && !(x.components?.length) && !(x.attachments?.length) && !x.poll && !x.sticker_items?.length;
    if (empty && this.options.validatePayloads) throw apiErrors.emptyMessage();
    Object.assign(target, x);
    return target;
  }

  private editMessage(msg: APIMessage, r: RecordedRequest, viaWebhook: boolean): APIMessage {
    if (this.options.validatePayloads) validateMessageBody(r.body, { mode: "edit", fileCount: r.files.length, allowEphemeral: viaWebhook });
    return this.applyEdit(msg, r.body ?? {}, r.files);
  }

  private deleteMessage(id: string): void {
    this.messages.delete(id);
    this.deletedMessageIds.add(id);
  }

  private materializeAttachments(channelId: string, specs: Json[] | undefined, files: RecordedFile[], existing: APIAttachment[]): APIAttachment[] {
    const out: APIAttachment[] = [];
    if (Array.isArray(specs)) {
      for (const s of specs) {
        const old = existing.find((a) => a.id === String(s.id));
        if (old) out.push(old);
      }
    } else out.push(...existing);
    files.forEach((f, i) => {
      const idx = /^files\[(\d+)\]$/.exec(f.field)?.[1] ?? String(i);
      const spec = Array.isArray(specs) ? specs.find((s) => String(s.id) === idx) : undefined;
      out.push(this.storeAttachment(channelId, spec?.filename ?? f.filename, f.data, f.contentType, spec?.description));
    });
    return out;
  }

  /** Applies allowed_mentions the way Discord does to decide who is actually mentioned (pinged). */
  private computeMentions(content: string, am: Json, guild: StandinGuild | undefined, replied?: APIMessage) {
    const userIds = [...content.matchAll(/<@!?(\d{5,25})>/g)].map((m) => m[1]!);
    const roleIds = [...content.matchAll(/<@&(\d{5,25})>/g)].map((m) => m[1]!);
    const everyone = /@(everyone|here)\b/.test(content);
    const parse: string[] | undefined = am ? (Array.isArray(am.parse) ? am.parse : []) : undefined;
    const allowUser = (id: string) => !am || parse!.includes("users") || (am.users ?? []).includes(id);
    const allowRole = (id: string) => !am || parse!.includes("roles") || (am.roles ?? []).includes(id);
    const mentioned = new Set(userIds.filter(allowUser));
    if (replied && (!am || am.replied_user === true)) mentioned.add(replied.author.id);
    return {
      mentions: [...mentioned].map((id) => this.users.get(id)).filter((u): u is APIUser => !!u),
      mention_roles: roleIds.filter(allowRole).filter((id) => !guild || guild.roles.some((r) => r.id === id)),
      mention_everyone: everyone && (!am || parse!.includes("everyone")),
    };
  }
}

// ---------------------------------------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------------------------------------

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) tooLarge = true;
      else chunks.push(c);
    });
    req.on("end", () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

async function parseBody(rec: RecordedRequest, raw: Buffer): Promise<void> {
  if (!raw.length) return;
  const ct = rec.contentType ?? "";
  if (ct.startsWith("multipart/form-data")) {
    const form = await new Response(raw, { headers: { "content-type": ct } }).formData();
    rec.form = {};
    for (const [field, value] of form.entries()) {
      if (typeof value === "string") rec.form[field] = value;
      else {
        const data = Buffer.from(await value.arrayBuffer());
        rec.files.push({ field, filename: value.name, contentType: value.type || "application/octet-stream", size: data.length, data });
      }
    }
    if (rec.form.payload_json !== undefined) {
      try {
        rec.body = JSON.parse(rec.form.payload_json);
      } catch {
        throw apiErrors.invalidJson();
      }
    }
    return;
  }
  const text = raw.toString("utf8");
  if (ct.startsWith("application/json")) {
    try {
      rec.body = JSON.parse(text);
    } catch {
      throw apiErrors.invalidJson();
    }
  } else rec.body = text;
}

function guessContentType(filename: string): string {
  const ext = filename.toLowerCase().split(".").pop() ?? "";
  const types: Record<string, string> = {
    txt: "text/plain; charset=utf-8",
    md: "text/markdown; charset=utf-8",
    html: "text/html; charset=utf-8",
    htm: "text/html; charset=utf-8",
    json: "application/json",
    pdf: "application/pdf",
    png: "image/png",
    jpg: "image/jpeg",
    jpeg: "image/jpeg",
    gif: "image/gif",
    webp: "image/webp",
    csv: "text/csv; charset=utf-8",
  };
  return types[ext] ?? "application/octet-stream";
}

/** Start a stand-in on 127.0.0.1 with a random port. Remember `await standin.close()`. */
export async function startDiscordStandin(opts: StandinOptions = {}): Promise<DiscordStandin> {
  return new DiscordStandin(opts).listen();
}
