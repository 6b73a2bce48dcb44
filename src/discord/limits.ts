/**
 * Discord's message limits, and pure helpers that keep text inside them by shortening at
 * sentence boundaries (else word boundaries) with an ellipsis, never rejecting and never cutting
 * a word in half (a first word longer than the whole limit, such as a long link, is the only
 * exception).
 *
 * Lengths are measured in UTF-16 code units (`String#length`); Discord counts code points, so
 * this is never more than Discord's count.
 */
import type { APIApplicationCommandOptionChoice, APIEmbed } from "discord.js";
import { splitSentences } from "../corpus/text.js";

/** The limits Discord enforces on what a bot sends (see DESIGN.md, "Slash commands"). */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  /** Everything in all the embeds of one message together. */
  embedTotal: 6000,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

export const ELLIPSIS = "…";

type Render = (text: string) => string;
const identity: Render = (s) => s;

/**
 * `text`, shortened if needed so that `render(result).length <= max`: whole sentences first
 * (when that keeps at least half of the room), else whole words, then an ellipsis. `render` is
 * what will be applied to the result before sending (escaping, for instance), so the limit holds
 * for what Discord receives.
 */
export function shortenToFit(text: string, max: number, render: Render = identity): string {
  const fits = (s: string) => render(s).length <= max;
  if (fits(text)) return text;
  if (max <= 0) return "";

  const sentenceEnds = splitSentences(text).map((s) => s.end);
  for (let i = sentenceEnds.length - 1; i >= 0; i--) {
    const candidate = `${text.slice(0, sentenceEnds[i]).trimEnd()} ${ELLIPSIS}`;
    if (!fits(candidate)) continue;
    if (render(candidate).length >= max / 2) return candidate;
    break;
  }

  const wordEnds = boundaries(text, /\S(?=\s)/g).map((i) => i + 1);
  const byWord = longestFitting(wordEnds, (end) => `${trimTrailingPunctuation(text.slice(0, end))}${ELLIPSIS}`, fits);
  if (byWord !== undefined) return byWord;

  // Only when the first word alone is longer than the room (a long link, say) is a word cut.
  const firstWord = /^\s*\S+/.exec(text)?.[0] ?? "";
  if (render(firstWord).length <= max) return fits(ELLIPSIS) ? ELLIPSIS : "";
  const chars = Array.from(text);
  const cuts = chars.map((_, i) => i).filter((i) => i > 0);
  return longestFitting(cuts, (n) => `${chars.slice(0, n).join("")}${ELLIPSIS}`, fits) ?? (fits(ELLIPSIS) ? ELLIPSIS : "");
}

/**
 * Like {@link shortenToFit} but keeps the *end* of `text` (the context just before a quote):
 * drops whole sentences, else whole words, from the start, with a leading ellipsis.
 */
export function shortenStartToFit(text: string, max: number, render: Render = identity): string {
  const fits = (s: string) => render(s).length <= max;
  if (fits(text)) return text;
  if (max <= 0) return "";
  const trailing = /\s*$/.exec(text)![0];

  const sentenceStarts = splitSentences(text).map((s) => s.start);
  for (const start of sentenceStarts) {
    if (start === 0) continue;
    const candidate = `${ELLIPSIS} ${text.slice(start)}`;
    if (!fits(candidate)) continue;
    if (render(candidate).length >= max / 2) return candidate;
    break;
  }

  const wordStarts = boundaries(text, /(?<=\s)\S/g).reverse();
  const byWord = longestFitting(wordStarts, (start) => `${ELLIPSIS}${text.slice(start)}`, fits);
  if (byWord !== undefined) return byWord;
  return fits(`${ELLIPSIS}${trailing}`) ? `${ELLIPSIS}${trailing}` : "";
}

/** The embeds' share of the 6,000-character message total, counted the way Discord counts it. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Autocomplete choices inside Discord's limits: at most 25, names and values of at most 100. */
export function fitChoices<T extends string | number>(
  choices: ReadonlyArray<{ name: string; value: T }>,
): Array<APIApplicationCommandOptionChoice<T>> {
  return choices.slice(0, LIMITS.choices).map((c) => ({
    name: shortenToFit(c.name, LIMITS.choiceName) || ELLIPSIS,
    value: (typeof c.value === "string" ? Array.from(c.value).slice(0, LIMITS.choiceValue).join("") : c.value) as T,
  }));
}

/**
 * As many whole `items` (already rendered) as fit in `max` characters joined by `separator`, then
 * "…and N more" for the rest (on a line of its own when the items are lines, else after a space),
 * followed by `end`. When not even the first item fits whole, it is shortened to leave room for
 * the count.
 */
export function fitItems(items: readonly string[], max: number, options: { separator?: string; end?: string } = {}): string {
  const { separator = "\n", end = "" } = options;
  const all = items.join(separator);
  if (all.length <= max) return all;
  const more = (n: number) => (n > 0 ? `${separator.includes("\n") ? "\n" : " "}…and ${n} more${end}` : "");
  let out = "";
  let kept = 0;
  for (const [i, item] of items.entries()) {
    const next = kept === 0 ? item : `${out}${separator}${item}`;
    if (next.length + more(items.length - i - 1).length > max) break;
    out = next;
    kept++;
  }
  if (kept > 0) return out + more(items.length - kept);
  const tail = more(items.length - 1);
  if (max - tail.length >= ELLIPSIS.length) return `${shortenToFit(items[0]!, max - tail.length)}${tail}`;
  return shortenToFit(`${ELLIPSIS}and ${items.length} more${end}`, max) || (max >= ELLIPSIS.length ? ELLIPSIS : "");
}

/** Indexes of the matches of `re` in `text`, ascending. */
function boundaries(text: string, re: RegExp): number[] {
  return [...text.matchAll(re)].map((m) => m.index);
}

/**
 * Among `positions` ordered from the one giving the shortest candidate to the longest, the
 * longest candidate that fits (candidates grow monotonically, so a binary search finds it).
 */
function longestFitting(positions: number[], candidate: (p: number) => string, fits: (s: string) => boolean): string | undefined {
  let lo = 0;
  let hi = positions.length - 1;
  let best: string | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = candidate(positions[mid]!);
    if (fits(c)) {
      best = c;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

function trimTrailingPunctuation(s: string): string {
  return s.replace(/[\s,;:—–-]+$/, "");
}
