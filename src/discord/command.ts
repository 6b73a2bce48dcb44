/**
 * What a command module is, and what every handler gets. A command module (one file under
 * `commands/`, listed in `commands/index.ts`) exports, discord.js-guide style:
 *
 * - `kind`: `"slash"`, `"message"` (message context menu) or `"user"` (user context menu);
 * - `data`: its builder (the definition `npm run deploy` registers);
 * - `execute(interaction, ctx)`: the handler;
 * - optionally `autocomplete(interaction, ctx)` (slash commands), `cooldown: true` (counts against
 *   the per-user cooldown), `help` (its line in /help, instead of one derived from `data`), and
 *   `components`: handlers for the buttons/select menus it puts on messages, by action; their
 *   custom ids are made with `encodeCustomId(data.name, action, …args)` and routed back here.
 *
 * Handlers turn engine results into messages; no search logic lives in the Discord layer.
 */
import type {
  AnySelectMenuInteraction,
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
  RESTPostAPIContextMenuApplicationCommandsJSONBody,
  UserContextMenuCommandInteraction,
} from "discord.js";
import type { Config } from "../config.js";
import type { Engine } from "../engine.js";
import type { Logger } from "../log.js";
import type { Cooldowns } from "./cooldowns.js";
import type { AnswerSessions } from "./sessions.js";

/** What handlers share: settings, log, the engine, per-user state and the command registry. */
export interface BotContext {
  readonly config: Config;
  readonly log: Logger;
  /** Resolves once the index is loaded. */
  readonly engine: Promise<Engine>;
  /** The engine if the index is loaded, else undefined (then defer, and await {@link engine}). */
  engineNow(): Engine | undefined;
  readonly cooldowns: Cooldowns;
  readonly sessions: AnswerSessions;
  readonly commands: CommandRegistry;
}

export type Handler<I> = (interaction: I, ctx: BotContext) => Promise<unknown>;

/** A click on a component (button, select menu) owned by a command. */
export type ComponentInteraction = ButtonInteraction | AnySelectMenuInteraction;

/** Handles a component click; `args` are the custom id's parts after the action. */
export type ComponentHandler = (interaction: ComponentInteraction, args: string[], ctx: BotContext) => Promise<unknown>;

interface CommandBase {
  /** Counts against the per-user cooldown (commands that ask the engine a question). */
  readonly cooldown?: boolean;
  /** The command's line in /help; by default derived from its definition. */
  readonly help?: string;
  /** Handlers for this command's components, by the action part of their custom id. */
  readonly components?: Readonly<Record<string, ComponentHandler>>;
}

export interface SlashCommandModule extends CommandBase {
  readonly kind: "slash";
  readonly data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  readonly execute: Handler<ChatInputCommandInteraction>;
  readonly autocomplete?: Handler<AutocompleteInteraction>;
}

export interface MessageCommandModule extends CommandBase {
  readonly kind: "message";
  readonly data: { readonly name: string; toJSON(): RESTPostAPIContextMenuApplicationCommandsJSONBody };
  readonly execute: Handler<MessageContextMenuCommandInteraction>;
}

export interface UserCommandModule extends CommandBase {
  readonly kind: "user";
  readonly data: { readonly name: string; toJSON(): RESTPostAPIContextMenuApplicationCommandsJSONBody };
  readonly execute: Handler<UserContextMenuCommandInteraction>;
}

export type CommandModule = SlashCommandModule | MessageCommandModule | UserCommandModule;

/** Command modules by name (`data.name`), which is also the owner part of their custom ids. */
export type CommandRegistry = ReadonlyMap<string, CommandModule>;

/** A registry from a list of modules; two modules with one name are a programming error. */
export function commandRegistry(modules: readonly CommandModule[]): CommandRegistry {
  const map = new Map<string, CommandModule>();
  for (const m of modules) {
    if (map.has(m.data.name)) throw new Error(`two command modules are named "${m.data.name}"`);
    map.set(m.data.name, m);
  }
  return map;
}
