/**
 * Component custom ids: `command:action[:arg…]`. The first part names the command module that
 * owns the component (the dispatcher routes the click there), the second one of that module's
 * `components` handlers, the rest are the handler's arguments. Arguments must not contain `:`;
 * the whole id stays within Discord's 100 characters.
 */
import { createHash } from "node:crypto";
import { LIMITS } from "./limits.js";

export interface CustomId {
  command: string;
  action: string;
  args: string[];
}

const SEPARATOR = ":";

export function encodeCustomId(command: string, action: string, ...args: Array<string | number>): string {
  const parts = [command, action, ...args.map(String)];
  const bad = parts.find((p) => p.includes(SEPARATOR));
  if (bad !== undefined) throw new Error(`custom id part contains "${SEPARATOR}": ${bad}`);
  const id = parts.join(SEPARATOR);
  if (id.length > LIMITS.customId) throw new Error(`custom id longer than ${LIMITS.customId} characters: ${id}`);
  return id;
}

/** The parts of a custom id, or undefined when it is not one of ours. */
export function decodeCustomId(id: string): CustomId | undefined {
  const [command, action, ...args] = id.split(SEPARATOR);
  if (!command || !action) return undefined;
  return { command, action, args };
}

/**
 * A short key standing for a text too long to carry whole in a custom id or an autocomplete value
 * (a long name, say): 16 characters of its SHA-256, safe in both. Whoever reads it back finds the
 * text by computing the key of each candidate.
 */
export function shortKey(text: string): string {
  return createHash("sha256").update(text).digest("base64url").slice(0, 16);
}
