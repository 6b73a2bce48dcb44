/**
 * Actors and the many ways a text names them. An {@link AliasTable} finds every mention of every
 * known actor in a text ("Moscow", "the Kremlin", "Russian", "Russia’s" → Russia) and resolves a
 * name typed by a user. It is shared by retrieval (questions that name an actor another way) and
 * by the actor registry.
 *
 * Its sources, from general to particular:
 * 1. a gazetteer of the world's countries (the `world-countries` package): common and official
 *    names, alternative spellings and codes, capitals, demonyms;
 * 2. seats of government that news uses for governments (the Kremlin, the White House, …);
 * 3. the curated `seeds/actors.json`, which adds actors and aliases and wins over 1 and 2.
 */
import { createRequire } from "node:module";
import type { Country } from "world-countries";
import { stemmer } from "stemmer";
import { STOP_WORDS, US_TERM, normalizeToken, tokenize, wordTokens } from "../search/analyse.js";

export const ACTOR_KINDS = ["country", "person", "group", "organization", "institution"] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** An actor as defined by the gazetteer, the curated file or extraction. */
export interface ActorDef {
  /** Stable id: a slug of the name. */
  id: string;
  name: string;
  kind: ActorKind;
  aliases: string[];
  description?: string;
}

/** One place where a text names an actor. */
export interface Mention {
  actorId: string;
  start: number;
  end: number;
  /** The words as written. */
  text: string;
}

/** Seats of government that stand for the government itself in news writing, by ISO code. */
const SEATS_OF_GOVERNMENT: Record<string, string[]> = {
  RU: ["Kremlin", "the Kremlin"],
  US: ["White House", "the White House", "U.S.", "Washington"],
  GB: ["Downing Street", "Whitehall", "Britain", "U.K."],
  FR: ["Élysée", "Elysee", "Élysée Palace"],
  CN: ["Zhongnanhai"],
  KR: ["Blue House"],
  IL: ["Knesset"],
  DE: ["Bundeskanzleramt"],
};

/**
 * Short demonyms that news writing uses beside the gazetteer's longer ones ("Uzbek" beside
 * "Uzbekistani"), by ISO code. They name peoples as much as states; the actor registry tells the
 * two apart by context ("ethnic Uzbeks", "the Tajik community" are peoples, not states).
 */
const SHORT_DEMONYMS: Record<string, string[]> = {
  UZ: ["Uzbek"],
  TJ: ["Tajik"],
  KZ: ["Kazakh"],
  KG: ["Kyrgyz"],
  TM: ["Turkmen"],
};

/** Names English-language news uses where the gazetteer has a newer or native one (the gazetteer's stays an alias). */
const ENGLISH_NAMES: Record<string, string> = { TR: "Turkey" };
/** Other names news uses that the gazetteer lacks, by ISO code. */
const MORE_NAMES: Record<string, string[]> = { CZ: ["Czech Republic"] };

// The package's data file, read as JSON (its typings describe an ESM default export that CommonJS does not give).
const worldCountries = createRequire(import.meta.url)("world-countries/countries.json") as Country[];

/** Build the actor definitions of the countries gazetteer. */
export function gazetteerActors(): ActorDef[] {
  // Territories first, so that independent states, defined later, win shared aliases ("American").
  const ordered = [...worldCountries].sort((a, b) => Number(a.independent ?? false) - Number(b.independent ?? false));
  return ordered.map((c) => {
    const demonyms = Object.values(c.demonyms?.eng ?? {}).filter((d): d is string => typeof d === "string" && d !== "");
    const capitals = (c.capital ?? []).flatMap((cap) => [cap, cap.replace(/\s+D\.C\.$/, "")]);
    const codes = [c.cca2, c.cca3, ...c.altSpellings].filter((a) => /^[A-Z]{2,3}$/.test(a) && !STOP_WORDS.has(a.toLowerCase()));
    const name = ENGLISH_NAMES[c.cca2] ?? c.name.common;
    const names = [c.name.common, c.name.official, ...c.altSpellings.filter((a) => !/^[A-Z]{2,3}$/.test(a)), ...(MORE_NAMES[c.cca2] ?? [])];
    return {
      id: slug(name),
      name,
      kind: "country" as const,
      aliases: unique([...names, ...capitals, ...demonyms, ...(SHORT_DEMONYMS[c.cca2] ?? []), ...codes, ...(SEATS_OF_GOVERNMENT[c.cca2] ?? [])]).filter(
        (a) => a !== name,
      ),
    };
  });
}

interface AliasEntry {
  actorId: string;
  /** Exact spelling required (short all-capital codes such as "UK"). */
  exact?: string;
}

/**
 * Finds actors' mentions. Aliases are matched on whole words, longest first, after the same
 * normalisation as search (case, apostrophes, possessives) and a stem, so "Americans" is
 * "American". Short codes ("UK", "USA") match only in capitals. Later definitions win over
 * earlier ones for the same alias, so curated actors override the gazetteer.
 */
export class AliasTable {
  readonly actors: ReadonlyMap<string, ActorDef>;
  private readonly entries = new Map<string, AliasEntry>();
  private readonly longest: number;
  /** Keys of the first word of every alias (after a leading "the"). */
  private readonly firstWords = new Set<string>();

  constructor(defs: ActorDef[]) {
    const actors = new Map<string, ActorDef>();
    for (const def of defs) actors.set(def.id, def);
    this.actors = actors;
    let longest = 1;
    for (const def of actors.values()) {
      for (const alias of [def.name, ...def.aliases]) {
        const words = wordTokens(alias);
        if (words.length === 0) continue;
        const key = aliasKey(words.map((w) => w.text));
        this.firstWords.add(key.split(" ")[0]!);
        // "the Kremlin": also as "Kremlin"; articles at the front do not change the actor.
        const exact = /^[A-Z]{2,3}$/.test(alias) ? alias : undefined;
        this.entries.set(key, { actorId: def.id, ...(exact ? { exact } : {}) });
        longest = Math.max(longest, words.length);
      }
    }
    this.longest = longest;
  }

  /** Every mention in `text`, left to right, longest alias first where they overlap. */
  mentions(text: string): Mention[] {
    const tokens = wordTokens(text);
    const keys = tokens.map((t) => wordKey(t.text));
    const found: Mention[] = [];
    for (let i = 0; i < tokens.length; ) {
      let matched = 0;
      // Only words that begin some alias (or "the") can start a mention: most words are skipped at once.
      if (keys[i] === "the" || this.firstWords.has(keys[i]!)) {
        for (let n = Math.min(this.longest, tokens.length - i); n >= 1; n--) {
          const entry = this.entries.get(joinKeys(keys.slice(i, i + n)));
          if (!entry || (entry.exact && tokens[i]!.text !== entry.exact)) continue;
          const start = tokens[i]!.start;
          const end = tokens[i + n - 1]!.end;
          found.push({ actorId: entry.actorId, start, end, text: text.slice(start, end) });
          matched = n;
          break;
        }
      }
      i += Math.max(1, matched);
    }
    return found;
  }

  /** The actor a name or alias stands for, if any (case-insensitive, possessives ignored). */
  resolve(name: string): ActorDef | undefined {
    const byId = this.actors.get(name) ?? this.actors.get(slug(name));
    if (byId) return byId;
    const words = tokenize(name).map((t) => t.text);
    const entry = this.entries.get(aliasKey(words)) ?? this.entries.get(aliasKey(words.filter((w) => !/^the$/i.test(w))));
    return entry ? this.actors.get(entry.actorId) : undefined;
  }

  /** Ids of the actors a text names. */
  actorIds(text: string): string[] {
    return unique(this.mentions(text).map((m) => m.actorId));
  }
}

/** Lookup key of an alias: normalised, stemmed words; a leading "the" is dropped. */
export function aliasKey(words: string[]): string {
  return joinKeys(words.map(wordKey));
}

function joinKeys(keys: string[]): string {
  return (keys.length > 1 && keys[0] === "the" ? keys.slice(1) : keys).join(" ");
}

const wordKeys = new Map<string, string>();

/** Lookup key of one word: normalised and stemmed (memoised: names recur in every sentence). */
function wordKey(word: string): string {
  let key = wordKeys.get(word);
  if (key === undefined) {
    const n = normalizeToken(word);
    key = n === US_TERM || n.includes(".") ? n : stemmer(n);
    if (wordKeys.size > 100_000) wordKeys.clear();
    wordKeys.set(word, key);
  }
  return key;
}

export function slug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[’']/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** Merge actor definitions: a later definition with the same id adds its aliases and wins on the rest. */
export function mergeActorDefs(...lists: ReadonlyArray<readonly ActorDef[]>): ActorDef[] {
  const byId = new Map<string, ActorDef>();
  for (const def of lists.flat()) {
    const prev = byId.get(def.id);
    byId.set(def.id, prev ? { ...prev, ...def, aliases: [...new Set([...prev.aliases, ...def.aliases])] } : def);
  }
  return [...byId.values()];
}
