/**
 * Text from users and articles, made safe to show in a Discord message: Markdown escaped (so a
 * quote shows exactly its characters), and mass mentions defused (a zero-width space after the
 * `@`), on top of the `allowed_mentions` that already keep every message from pinging anyone.
 */
import { escapeMarkdown, type MessageMentionOptions } from "discord.js";

/** Pings nobody: no users, roles, @everyone/@here, nor the author of a replied-to message. */
export const NO_PINGS: MessageMentionOptions = Object.freeze({ parse: [], repliedUser: false }) as MessageMentionOptions;

const ZERO_WIDTH_SPACE = "\u200b";

/** Escape Markdown (including headings, subtext, lists, block quotes and masked links) and defuse mass mentions. */
export function safeText(text: string): string {
  const escaped = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
  // Line-start markers escapeMarkdown leaves alone, escaped the way it escapes the others (a backslash before the marker).
  return escaped
    .replace(/^(\s*)>/gm, "$1\\>") // a block quote
    .replace(/^(\s*)-#/gm, "$1\\-#") // subtext (`-# small print`)
    .replace(/@(everyone|here)\b/g, `@${ZERO_WIDTH_SPACE}$1`);
}

/** Bold, for text already made safe. Whitespace stays outside the markers (or they would not render). */
export function bold(safe: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(safe)!;
  return m[2] ? `${m[1]}**${m[2]}**${m[3]}` : safe;
}
