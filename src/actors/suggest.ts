/**
 * Name suggestions for what a user is typing (Discord autocomplete, "did you mean" for an
 * unknown name). Answered from memory: the names are normalised once, when the registry is made.
 *
 * Order: names that start with what was typed, then names with a word that does, then aliases
 * that do (so "Washington" offers United States), then close spellings (edit distance, for
 * "Rusia"); within each, the most mentioned actor first.
 */
import damerauLevenshtein from "damerau-levenshtein";

/** An actor as the suggester sees it. */
export interface Suggestible {
  name: string;
  /** Every other name it goes by. */
  aliases: readonly string[];
  mentions: number;
}

export interface Suggestion<T> {
  actor: T;
  /** The alias that matched, when it was not the name. */
  via?: string;
}

interface Entry<T> {
  actor: T;
  name: string;
  forms: Array<{ text: string; norm: string; words: string[]; alias: boolean }>;
}

/** Lower case, no accents, one apostrophe, no possessive, no leading "the", single spaces. */
export function normalizeName(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/'s\b/g, "")
    .replace(/[^\p{L}\p{N}.' -]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^the /, "");
}

export class Suggester<T extends Suggestible> {
  private readonly entries: Entry<T>[];

  constructor(actors: readonly T[]) {
    this.entries = actors.map((actor) => {
      const seen = new Set<string>();
      const forms: Entry<T>["forms"] = [];
      [actor.name, ...actor.aliases].forEach((text, i) => {
        const norm = normalizeName(text);
        if (norm === "" || seen.has(norm)) return;
        seen.add(norm);
        forms.push({ text, norm, words: norm.split(" "), alias: i > 0 });
      });
      return { actor, name: actor.name, forms };
    });
  }

  /**
   * Up to `limit` suggestions for `typed`; the most mentioned actors when nothing is typed, and
   * none when what is typed has no letter or digit to go by ("😀", "?!").
   */
  suggest(typed: string, limit: number): Suggestion<T>[] {
    const q = normalizeName(typed);
    if (limit <= 0) return [];
    if (typed.trim() === "") return [...this.entries].sort(byMentions).slice(0, limit).map((e) => ({ actor: e.actor }));
    if (!/[\p{L}\p{N}]/u.test(q)) return [];
    const scored: Array<{ e: Entry<T>; tier: number; distance: number; via?: string }> = [];
    const unmatched: Entry<T>[] = [];
    for (const e of this.entries) {
      let best: { tier: number; via?: string } | undefined;
      for (const f of e.forms) {
        const prefix = f.norm.startsWith(q) ? 0 : f.words.some((w) => w.startsWith(q)) || f.norm.includes(` ${q}`) ? 1 : -1;
        if (prefix < 0) continue;
        const tier = prefix + (f.alias ? 2 : 0);
        if (!best || tier < best.tier) best = { tier, ...(f.alias ? { via: f.text } : {}) };
      }
      if (best) scored.push({ e, distance: 0, ...best });
      else unmatched.push(e);
    }
    // Close spellings only when the names that start with the input do not fill the list.
    if (scored.length < limit) {
      const typos = maxTypos(q);
      for (const e of unmatched) {
        let best: { distance: number; via?: string } | undefined;
        for (const f of e.forms) {
          const distance = fuzzyDistance(q, f, typos);
          if (distance <= typos && (!best || distance < best.distance)) best = { distance, ...(f.alias ? { via: f.text } : {}) };
        }
        if (best) scored.push({ e, tier: 4, ...best });
      }
    }
    scored.sort((a, b) => a.tier - b.tier || a.distance - b.distance || byMentions(a.e, b.e));
    return scored.slice(0, limit).map((s) => ({ actor: s.e.actor, ...(s.via ? { via: s.via } : {}) }));
  }
}

function byMentions<T extends Suggestible>(a: Entry<T>, b: Entry<T>): number {
  return b.actor.mentions - a.actor.mentions || a.name.localeCompare(b.name);
}

/** Typos tolerated: none for very short input, then one per four characters, at most three. */
function maxTypos(q: string): number {
  return q.length < 3 ? 0 : Math.min(3, Math.ceil(q.length / 4));
}

/**
 * How far a typed name is from a form: from the whole form, a word of it, or its start, in edits;
 * a target so short that the edits would rewrite a third of it or more does not count.
 */
function fuzzyDistance(q: string, f: { norm: string; words: string[] }, typos: number): number {
  const within = (target: string) => {
    if (Math.abs(target.length - q.length) > typos) return Infinity; // cheaper than counting the edits
    const d = editDistance(q, target);
    return d * 3 < Math.max(q.length, target.length) ? d : Infinity;
  };
  let best = within(f.norm);
  for (const w of f.words) best = Math.min(best, within(w));
  if (q.length < f.norm.length) best = Math.min(best, within(f.norm.slice(0, q.length)) + 0.5);
  return best;
}

/** Edit distance with transpositions (Damerau–Levenshtein, from the `damerau-levenshtein` package). */
export function editDistance(a: string, b: string): number {
  return damerauLevenshtein(a, b).steps;
}
