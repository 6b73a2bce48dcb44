/**
 * Actors and the many ways a text names them. An {@link AliasTable} finds every mention of every
 * known actor in a text ("Moscow", "the Kremlin", "Russian", "Russia’s" → Russia) and resolves a
 * name typed by a user. It is shared by retrieval (questions that name an actor another way) and
 * by the actor registry.
 *
 * Its sources, from general to particular:
 * 1. a gazetteer of the world's countries (the `world-countries` package): common and official
 *    names, alternative spellings and abbreviations, capitals, demonyms; its ISO codes ("GM",
 *    "LAO") find a country only when typed as a name, never in running text, where such capitals
 *    are mostly something else ("PM", "AI", "LA");
 * 2. seats of government that news uses for governments (the Kremlin, the White House, …), a
 *    few names news uses that the gazetteer lacks, and the European Union ("Brussels");
 * 3. the curated `seeds/actors.json`, which adds actors and aliases and wins over 1 and 2.
 */
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type { Country } from "world-countries";
import damerauLevenshtein from "damerau-levenshtein";
import { stemmer } from "stemmer";
import { STOP_WORDS, US_TERM, normalizeToken, tokenize, wordTokens } from "../search/analyse.js";

export const ACTOR_KINDS = ["country", "person", "group", "organization", "institution"] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** An actor as defined by the gazetteer, the curated file or extraction. */
export interface ActorDef {
  /** Stable id: a slug of the name ({@link slug}). */
  id: string;
  name: string;
  kind: ActorKind;
  /** Other names that find the actor, typed as a name or written in running text. */
  aliases: string[];
  /**
   * Codes that find the actor only when typed as a name, in capitals (a country's ISO codes,
   * "RU", "RUS"); running text never matches them.
   */
  codes?: string[];
  /** A country's capitals among its aliases: a person's surname may be one ("Hamilton"), and then the person wins it. */
  capitals?: string[];
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

/** Seats of government that stand for the government itself in news writing, by ISO code (and "Uncle Sam", the personification of the US government). */
const SEATS_OF_GOVERNMENT: Record<string, string[]> = {
  RU: ["Kremlin", "the Kremlin"],
  US: ["White House", "the White House", "U.S.", "Washington", "Uncle Sam"],
  GB: ["Downing Street", "Whitehall", "Britain", "U.K."],
  FR: ["Élysée", "Elysee", "Élysée Palace"],
  CN: ["Zhongnanhai"],
  KR: ["Blue House"],
  IL: ["Knesset"],
  DE: ["Bundeskanzleramt"],
};

/**
 * States named "land of the <people>" with the Persian "-stan": the people's name is a short
 * demonym news uses beside the gazetteer's ("Uzbek" beside "Uzbekistani", "Kyrgyz" beside
 * "Kirghiz"). Pakistan's name is an acronym, not a people's, so it has none. Such demonyms name
 * peoples as much as states; the actor registry tells the two apart by context ("ethnic Uzbeks",
 * "the Tajik community" are peoples, not states).
 */
const STAN = /^(\p{Lu}\p{Ll}+?)i?stan$/u;
const NOT_NAMED_AFTER_A_PEOPLE = new Set(["PK"]);

function stanDemonyms(c: Country): string[] {
  const people = NOT_NAMED_AFTER_A_PEOPLE.has(c.cca2) ? undefined : STAN.exec(c.name.common)?.[1];
  return people ? [people] : [];
}

/**
 * The name to show where the gazetteer's common name is the state's own spelling that
 * English-language news has not taken up ("Türkiye"); the gazetteer's stays an alias.
 */
const ENGLISH_NAMES: Record<string, string> = { TR: "Turkey" };

/**
 * Short names in current use that the gazetteer has only inside a longer form ("Republic of Cabo
 * Verde", "Holy See (Vatican City State)"), so that a renamed state is found by its old and new
 * names alike (Turkey/Türkiye, Czech Republic/Czechia, Ivory Coast/Côte d'Ivoire,
 * Swaziland/Eswatini, Burma/Myanmar, Macedonia/North Macedonia, East Timor/Timor-Leste and
 * Cape Verde/Cabo Verde: the gazetteer has the others).
 */
const MORE_NAMES: Record<string, string[]> = { CV: ["Cabo Verde"], VA: ["Holy See"] };

/** Written in capitals throughout: an abbreviation ("UK", "UAE", "DPRK") or a code. */
const isCapitals = (s: string) => /^[A-Z]{2,}$/.test(s);

// The package's data file, read as JSON (its typings describe an ESM default export that CommonJS does not give).
const worldCountries = createRequire(import.meta.url)("world-countries/countries.json") as Country[];

/** Build the actor definitions of the countries gazetteer. */
export function gazetteerActors(): ActorDef[] {
  // Territories first, so that independent states, defined later, win shared aliases ("American").
  const ordered = [...worldCountries].sort((a, b) => Number(a.independent ?? false) - Number(b.independent ?? false));
  const countries = ordered.map((c) => {
    const demonyms = Object.values(c.demonyms?.eng ?? {}).filter((d): d is string => typeof d === "string" && d !== "");
    // A capital named "The Valley" or "The Bottom" is a common noun once its article goes (aliases
    // drop a leading "the"): "the Rift Valley" would name Anguilla.
    const capitals = (c.capital ?? []).filter((cap) => !/^the\s/i.test(cap)).flatMap((cap) => [cap, cap.replace(/\s+D\.C\.$/, "")]);
    const codes = [c.cca2, c.cca3]; // ISO 3166 alpha-2 and alpha-3
    // Abbreviations news writes ("UK" for GB, "UAE", "DRC"): in capitals, and none of the country's codes.
    const abbreviations = c.altSpellings.filter((a) => isCapitals(a) && !codes.includes(a) && !STOP_WORDS.has(a.toLowerCase()));
    const name = ENGLISH_NAMES[c.cca2] ?? c.name.common;
    const names = [c.name.common, c.name.official, ...c.altSpellings.filter((a) => !isCapitals(a)), ...(MORE_NAMES[c.cca2] ?? [])];
    return {
      id: slug(name),
      name,
      kind: "country" as const,
      aliases: unique([...names, ...capitals, ...demonyms, ...stanDemonyms(c), ...abbreviations, ...(SEATS_OF_GOVERNMENT[c.cca2] ?? [])]).filter(
        (a) => a !== name,
      ),
      codes: unique(codes),
      ...(capitals.length > 0 ? { capitals: unique(capitals) } : {}),
    };
  });
  // After the countries, so that "Brussels" is the Union's, as news writes it, not Belgium's.
  return [...countries, ...UNIONS_OF_STATES];
}

/**
 * The union of states news names beside them, with the city that stands for its institutions as
 * "the Kremlin" stands for Russia's: "Brussels wants …" is the European Union.
 */
const UNIONS_OF_STATES: ActorDef[] = [{ id: "european-union", name: "European Union", kind: "organization", aliases: ["EU", "E.U.", "Brussels"] }];

interface AliasEntry {
  actorId: string;
  /** The spellings required, when only exact ones match (short all-capital aliases such as "UK"). */
  exact?: string[];
}

/**
 * Finds actors' mentions. Aliases are matched on whole words, longest first, after the same
 * normalisation as search (case, apostrophes, possessives) and a stem, so "Americans" is
 * "American". Short all-capital aliases ("UK", "UAE") match only as written; codes (a country's
 * ISO codes) never match running text, and resolve only with {@link AliasTable.resolveCode}.
 * Later definitions win over earlier ones for the same alias, so curated actors override the
 * gazetteer; an actor's own spellings of one alias add up ("U.S.", "US", "USA").
 */
export class AliasTable {
  readonly actors: ReadonlyMap<string, ActorDef>;
  private readonly entries = new Map<string, AliasEntry>();
  private readonly codes = new Map<string, string>();
  private readonly longest: number;
  /** Keys of the first word of every alias (after a leading "the"). */
  private readonly firstWords = new Set<string>();

  constructor(defs: ActorDef[]) {
    const actors = new Map<string, ActorDef>();
    for (const def of defs) actors.set(def.id, def);
    this.actors = actors;
    let longest = 1;
    for (const def of actors.values()) {
      for (const code of def.codes ?? []) this.codes.set(code, def.id);
      for (const alias of [def.name, ...def.aliases]) {
        const words = wordTokens(alias);
        if (words.length === 0) continue;
        const key = aliasKey(words.map((w) => w.text));
        this.firstWords.add(key.split(" ")[0]!);
        // "the Kremlin": also as "Kremlin"; articles at the front do not change the actor.
        const exact = /^[A-Z]{2,3}$/.test(alias) ? alias : undefined;
        const prev = this.entries.get(key);
        if (prev?.actorId === def.id) {
          // Another spelling of one of its aliases: any spelling that matches freely makes the key match freely.
          if (prev.exact && exact) prev.exact = unique([...prev.exact, exact]);
          else delete prev.exact;
        } else {
          this.entries.set(key, { actorId: def.id, ...(exact ? { exact: [exact] } : {}) });
        }
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
          if (!entry || (entry.exact && !entry.exact.includes(tokens[i]!.text))) continue;
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

  /** The actor a name, alias or id stands for, if any (case-insensitive, possessives ignored; codes are not names). */
  resolve(name: string): ActorDef | undefined {
    const byId = this.actors.get(name) ?? this.actors.get(slug(name));
    if (byId) return byId;
    const words = tokenize(name).map((t) => t.text);
    const entry = this.entries.get(aliasKey(words)) ?? this.entries.get(aliasKey(words.filter((w) => !/^the$/i.test(w))));
    return entry ? this.actors.get(entry.actorId) : undefined;
  }

  /**
   * The actor one of whose one-word names `word` misspells by one slip (a letter left out, added,
   * changed, or two swapped: "russains", "pakistn"), when exactly one actor has such a name; only
   * for words of five letters or more, where one slip rarely makes another name.
   */
  misspelled(word: string): ActorDef | undefined {
    const key = wordKey(word);
    if (key.length < MIN_MISSPELLED || this.entries.has(key)) return undefined;
    const ids = new Set<string>();
    for (const [alias, entry] of this.entries) {
      if (entry.exact || alias.includes(" ") || Math.abs(alias.length - key.length) > 1 || alias.length < MIN_MISSPELLED) continue;
      if (damerauLevenshtein(alias, key).steps === 1) ids.add(entry.actorId);
    }
    return ids.size === 1 ? this.actors.get([...ids][0]!) : undefined;
  }

  /** The actor a code stands for ("RUS", "GB"), typed in capitals as a name; undefined for anything else. */
  resolveCode(code: string): ActorDef | undefined {
    const id = this.codes.get(code.trim());
    return id === undefined ? undefined : this.actors.get(id);
  }

  /** Ids of the actors a text names. */
  actorIds(text: string): string[] {
    return unique(this.mentions(text).map((m) => m.actorId));
  }
}

/** Shortest name, in letters of its key, that a one-slip misspelling may stand for. */
const MIN_MISSPELLED = 5;

/** Lookup key of an alias: normalised, stemmed words; a leading "the" is dropped. */
export function aliasKey(words: string[]): string {
  return joinKeys(words.map(wordKey));
}

function joinKeys(keys: string[]): string {
  return (keys.length > 1 && keys[0] === "the" ? keys.slice(1) : keys).join(" ");
}

const wordKeys = new Map<string, string>();

/**
 * Lookup key of one word: normalised, accents of Latin letters folded ("Reykjavík" and
 * "Reykjavik", "Brasília" and "Brasilia" are one name, as people type them either way), and
 * stemmed (memoised: names recur in every sentence).
 */
function wordKey(word: string): string {
  let key = wordKeys.get(word);
  if (key === undefined) {
    const n = normalizeToken(word).normalize("NFD").replace(/(\p{Script=Latin})\p{M}+/gu, "$1").normalize("NFC");
    key = n === US_TERM || n.includes(".") ? n : stemmer(n);
    if (wordKeys.size > 100_000) wordKeys.clear();
    wordKeys.set(word, key);
  }
  return key;
}

/** Longest id, in characters: a longer slug is cut, and ends in a hash of the name so that ids stay distinct. */
export const MAX_ID_CHARS = 48;

/**
 * An actor's id: its name in lower case, accents folded where Unicode decomposes them
 * ("Élysée" → elysee), apostrophes dropped, every other run of characters that are no letter,
 * mark or digit (of any script) a hyphen: "Владимир Путин" → владимир-путин, "习近平" → 习近平.
 * A name with no letter or digit ("😀") gets a hash of itself; a slug longer than
 * {@link MAX_ID_CHARS} is cut and ends in one.
 */
export function slug(name: string): string {
  const s = nameFold(name);
  if (s === "") return `h-${nameHash(name)}`;
  const chars = Array.from(s);
  if (chars.length <= MAX_ID_CHARS) return s;
  return `${chars.slice(0, MAX_ID_CHARS - 9).join("").replace(/-+$/, "")}-${nameHash(name)}`;
}

/** The slug of a name before its length is bounded: two names with one fold are one actor. */
function nameFold(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .normalize("NFC")
    .toLowerCase()
    .replace(/[’']/g, "")
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

/** Eight hex digits of a name's SHA-256 (its Unicode composition and surrounding spaces do not count). */
function nameHash(name: string): string {
  return createHash("sha256").update(name.normalize("NFC").trim()).digest("hex").slice(0, 8);
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/**
 * Merge actor definitions: a later definition of the same actor adds its aliases and codes and
 * wins on the rest. The same actor means the same id and names that fold alike (case, accents
 * and punctuation aside: "Al-Qaeda", "al Qaeda"). A definition whose id is taken by an actor of
 * another name (a hand-made id, a clash of hashes) stays a distinct actor: its id gets a hash of
 * its name.
 */
export function mergeActorDefs(...lists: ReadonlyArray<readonly ActorDef[]>): ActorDef[] {
  const byId = new Map<string, ActorDef>();
  for (const def of lists.flat()) {
    let id = def.id;
    for (let n = 2; byId.has(id) && !sameActor(byId.get(id)!, def); n++) id = `${def.id}-${nameHash(n === 2 ? def.name : `${def.name}#${n}`)}`;
    const prev = byId.get(id);
    const codes = unique([...(prev?.codes ?? []), ...(def.codes ?? [])]);
    const merged: ActorDef = prev ? { ...prev, ...def, id, aliases: unique([...prev.aliases, ...def.aliases]) } : { ...def, id };
    if (codes.length > 0) merged.codes = codes;
    byId.set(id, merged);
  }
  return [...byId.values()];
}

/** Whether two definitions with one id name one actor (their names fold alike). */
function sameActor(a: ActorDef, b: ActorDef): boolean {
  const fa = nameFold(a.name);
  const fb = nameFold(b.name);
  return fa !== "" || fb !== "" ? fa === fb : a.name.normalize("NFC").trim() === b.name.normalize("NFC").trim();
}
