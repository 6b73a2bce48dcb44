/** Plain-text rendering of actors for the terminal (the `actor`/`actors` commands and console mode). */
import { formatCitation } from "../search/citation.js";
import type { ActorListing, ActorSummary, UnknownActor } from "./registry.js";

/** Aliases shown in a list row, at most. */
const LIST_ALIASES = 4;

/** An actor's summary: who, other names, counts, the quotes with their sources, related actors. */
export function formatActorSummary(s: ActorSummary, opts: { color?: boolean } = {}): string {
  const bold = opts.color ? (t: string) => `\x1b[1m${t}\x1b[22m` : (t: string) => t;
  const lines = [`${bold(s.actor.name)} (${s.actor.kind})${s.actor.description ? ` — ${s.actor.description}` : ""}`];
  if (s.actor.aliases.length > 0) lines.push(`Also: ${s.actor.aliases.join(", ")}`);
  lines.push(
    `${plural(s.mentions, "mention")} in ${plural(s.passages, "passage")} of ${plural(s.documents, "article")}.` +
      (s.pages > 1 ? ` Quotes: page ${s.page + 1} of ${s.pages}.` : ""),
  );
  s.summary.forEach((q, i) => lines.push("", `${i + 1}. “${q.quote}”`, `   — ${formatCitation(q.source)}`));
  if (s.related.length > 0) lines.push("", `Related: ${s.related.map((r) => `${r.name} (${r.count})`).join(", ")}`);
  return lines.join("\n");
}

/** The actors, one a line, most mentioned first. */
export function formatActorList(actors: readonly ActorListing[]): string {
  if (actors.length === 0) return "No actors: the articles name no one the index knows.";
  const width = Math.min(32, Math.max(...actors.map((a) => a.name.length)));
  const count = String(actors[0]!.mentions).length;
  const rows = actors.map((a) => {
    const aliases = a.aliases.slice(0, LIST_ALIASES).join(", ") + (a.aliases.length > LIST_ALIASES ? ", …" : "");
    return `${String(a.mentions).padStart(count)}  ${a.name.padEnd(width)}  ${a.kind.padEnd(12)}  ${aliases}`.trimEnd();
  });
  return [`${plural(actors.length, "actor")}, most mentioned first (mentions, name, kind, other names):`, ...rows].join("\n");
}

/** One line for a name that is no actor, with the closest names. */
export function formatUnknownActor(u: UnknownActor): string {
  const name = u.unknown.trim();
  return u.suggestions.length > 0
    ? `No actor named "${name}". Did you mean: ${u.suggestions.join(", ")}?`
    : `No actor named "${name}", and none with a close name. List them with :actors (or npm run actors).`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
