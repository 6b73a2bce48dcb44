/**
 * The actor registry: every actor the articles name, the sentences that name it, and how.
 *
 * Built with the index (`buildActors`), from three sources merged by id:
 * 1. names found in the text (`extract.ts`): people, organizations, groups;
 * 2. the countries gazetteer (`aliases.ts`), with capitals, demonyms and seats of government;
 * 3. the curated `seeds/actors.json`, which wins over both.
 * Only actors the articles actually mention are in the registry. Every form that names an actor
 * resolves to it: possessives, demonyms, capitals, abbreviations, and a surname alone for the one
 * person in the articles with that surname ("Kabulov" → Zamir Kabulov). A form that could name
 * several is left to none: a surname shared by two people resolves to neither, and "Afghan" is
 * the country, never the Afghan government unless a moderator says so in `actors.json`.
 *
 * Mentions are counted in the article's own sentences (passages) and in its attribution line
 * ("This article was first published by …"); never in boilerplate such as donation appeals.
 *
 * The registry is plain data ({@link RegistryData}), persisted with the index; the
 * {@link ActorRegistry} class answers from memory: the list, a summary, suggestions.
 */
import { splitSentences } from "../corpus/text.js";
import type { Article, Passage, Span } from "../corpus/types.js";
import { AliasTable, aliasKey, gazetteerActors, mergeActorDefs, slug, type ActorDef, type ActorKind, type Mention } from "./aliases.js";
import { compromise } from "../corpus/tagger.js";
import { capitalisedWords, findNames, initialsOf, isSurnameForm, stripPossessive, surnameOf, tagText, type NameChunk, type TaggedTerm } from "./extract.js";
import { pageCount, pageOf, rankSentences, type Candidate, type MentionRole, type Ranked, type SummaryOptions } from "./summary.js";
import { Suggester, normalizeName } from "./suggest.js";

/** Bump when extraction or the registry's shape changes: persisted indexes are rebuilt. */
export const ACTORS_VERSION = 17;

/** A text the registry reads: a passage, or an article's attribution line. */
export interface ActorSourceText extends Span {
  file: string;
  paragraph: number;
  /** The passage id, when the text is a passage. */
  passage?: string;
  text: string;
  /** Sentence spans (file offsets). */
  sentences: readonly Span[];
}

/** A sentence that mentions at least one actor. */
export interface RegistrySentence extends Span {
  file: string;
  paragraph: number;
  passage?: string;
  text: string;
}

/** Where an actor's definition comes from (the most particular source that has it). */
export type ActorOrigin = "curated" | "gazetteer" | "text";

/** One mention: sentence index, offsets in the file, role. */
export type RegistryMention = [sentence: number, start: number, end: number, role: MentionRole];

export interface RegistryActor {
  id: string;
  name: string;
  kind: ActorKind;
  description?: string;
  origin: ActorOrigin;
  /** Other names to show: the curated aliases and every other form the articles use. */
  aliases: string[];
  /** Every name it can be looked up by (gazetteer and curated aliases included). */
  names: string[];
  /** Codes it can be looked up by, typed in capitals (a country's ISO codes: "RU", "RUS"). */
  codes?: string[];
  mentions: RegistryMention[];
}

/** The persisted registry. */
export interface RegistryData {
  version: number;
  sentences: RegistrySentence[];
  /** Most mentioned first. */
  actors: RegistryActor[];
}

/** An actor in the list (`actors --json`). */
export interface ActorListing {
  name: string;
  kind: ActorKind;
  aliases: string[];
  mentions: number;
}

export interface QuoteSource {
  file: string;
  title?: string;
  publisher?: string;
  paragraph: number;
  start: number;
  end: number;
}

export interface ActorQuote {
  quote: string;
  source: QuoteSource;
}

/** One actor's summary (`actor --json`). */
export interface ActorSummary {
  actor: { id: string; name: string; kind: ActorKind; aliases: string[]; description?: string };
  mentions: number;
  passages: number;
  documents: number;
  /** The quotes of the page asked for (the first: 3–5 sentences). */
  summary: ActorQuote[];
  /** Co-mentioned actors: in how many sentences, most first. */
  related: Array<{ name: string; count: number }>;
  /** Page shown (from 0) and how many pages of quotes there are. */
  page: number;
  pages: number;
}

/** A name that is no actor, with the closest actors' names. */
export interface UnknownActor {
  unknown: string;
  suggestions: string[];
}

export interface ActorSuggestion {
  /** The actor's id: what to look it up by when its name is too long to pass whole (an autocomplete value). */
  id: string;
  name: string;
  kind: ActorKind;
  mentions: number;
  /** The alias that matched, when it was not the name ("Washington" for United States). */
  via?: string;
}

export interface SummaryRequest {
  /** Page of quotes, from 0. */
  page?: number;
  /** Quotes per further page. */
  pageSize?: number;
  /** Related actors to list, at most. */
  related?: number;
  /** Title and publisher of each file, for citations. */
  sources?: ReadonlyMap<string, { title?: string; publisher?: string }>;
  ranking?: Partial<SummaryOptions>;
}

export const DEFAULT_SUMMARY_REQUEST = { page: 0, pageSize: 5, related: 10 } as const;

// ---------------------------------------------------------------------------------------------
// Building

export interface BuildActorsInput {
  texts: readonly ActorSourceText[];
  curated: readonly ActorDef[];
  /** The countries gazetteer (default: {@link gazetteerActors}). */
  gazetteer?: readonly ActorDef[];
}

export interface BuiltActors {
  registry: ActorRegistry;
  /** Actors found in the text and curated ones, merged: what the alias table adds to the gazetteer. */
  defs: ActorDef[];
}

/** What the registry reads of an article: its passages, and its attribution line (the publisher is an actor too). */
export function actorSourceTexts(article: Article, passages: readonly Passage[]): ActorSourceText[] {
  const texts: ActorSourceText[] = passages.map((p) => ({ file: p.file, paragraph: p.paragraph, passage: p.id, start: p.start, end: p.end, text: p.text, sentences: p.sentences }));
  for (const r of article.removed) {
    if (r.reason !== "attribution") continue;
    texts.push({ file: article.file, paragraph: r.number, start: r.start, end: r.end, text: article.text.slice(r.start, r.end), sentences: splitSentences(article.text, r) });
  }
  return texts.sort((a, b) => a.start - b.start);
}

interface TaggedSentence {
  text: ActorSourceText;
  span: Span;
  terms: TaggedTerm[];
  chunks: NameChunk[];
}

/** Words after which a new clause (with its own subject) may begin. */
const CLAUSE_OPENERS = /^(?:and|but|or|nor|yet|so|since|that|while|because|when|whereas|although|though|after|before|if|unless|as|where|which|who|whom|whose|both)$/i;
const LOCATIVE = new Set(["in", "at", "to", "from", "near", "into", "inside", "outside", "across", "toward", "towards", "via"]);
const PEOPLE_NOUNS = /^\s*(?:communit(?:y|ies)|minorit(?:y|ies)|diaspora|tribes?|clans?|ethnic\s+groups?|populations?)\b/i;
const ROLE_WORDS = /^(?:president|vice|minister|secretary|chancellor|envoy|ambassador|official|spokesman|spokeswoman|spokesperson|leader|chief|negotiator|director|head|commander|chairman|chairwoman|general|governor|mayor|adviser|advisor|analyst|professor|founder|editor|correspondent|premier|king|queen|prince|emir|sheikh|judge|prosecutor|representative|senator|deputy|member|officer|expert)$/i;

/** Build the registry from the texts (passages and attribution lines) of all articles, in document order. */
export async function buildActors(input: BuildActorsInput): Promise<BuiltActors> {
  const gazetteer = input.gazetteer ?? gazetteerActors();
  const nlp = compromise();
  const tagged: TaggedSentence[] = [];
  for (const text of input.texts) {
    const bySentence = tagText(nlp, text.text, text.start, text.sentences);
    text.sentences.forEach((span, i) => tagged.push({ text, span, terms: bySentence[i] ?? [], chunks: [] }));
  }
  const elsewhere = capitalisedWords(tagged.map((s) => s.terms));
  for (const s of tagged) s.chunks = findNames(s.terms, elsewhere);

  const base = new AliasTable(mergeActorDefs(gazetteer, input.curated));
  const found = actorsFromNames(tagged, base, input.curated);
  const table = new AliasTable(mergeActorDefs(gazetteer, found, input.curated));
  const curatedIds = new Set(input.curated.map((d) => d.id));
  const foundIds = new Set(found.map((d) => d.id));
  const gazetteerIds = new Set(gazetteer.map((d) => d.id));
  // Names are capitalised ("turkey" the bird is not Turkey) in scripts that have capitals (not in "习近平"), except
  // lower-case aliases a moderator chose ("central government").
  const lowerCaseAliases = new Set(input.curated.flatMap((d) => d.aliases.filter((a) => !/\p{Lu}/u.test(a)).map((a) => `${d.id} ${normalizeName(a)}`)));
  const named = (m: Mention) => /\p{Lu}/u.test(m.text) || !/\p{Ll}/u.test(m.text) || lowerCaseAliases.has(`${m.actorId} ${normalizeName(displayForm(m.text))}`);

  const sentences: RegistrySentence[] = [];
  const mentionsOf = new Map<string, RegistryMention[]>();
  const formsOf = new Map<string, Map<string, { form: string; count: number }>>();
  for (const s of tagged) {
    const offset = s.text.start;
    const sentenceText = s.text.text.slice(s.span.start - offset, s.span.end - offset);
    const blocked = s.chunks.filter((c) => c.kind === "thing" || (c.kind === "place" && c.words.length > 1 && !base.resolve(c.name)));
    const kept: Mention[] = [];
    for (const m of table.mentions(sentenceText)) {
      const start = s.span.start + m.start;
      const end = s.span.start + m.end;
      if (!named(m)) continue;
      if (blocked.some((c) => c.start <= start && end <= c.end && c.end - c.start > end - start)) continue;
      const actor = table.actors.get(m.actorId)!;
      if (actor.kind === "country" && namesAPeople(sentenceText, m)) continue;
      kept.push({ ...m, start, end });
    }
    if (kept.length === 0) continue;
    const index = sentences.length;
    sentences.push({ file: s.text.file, paragraph: s.text.paragraph, ...(s.text.passage ? { passage: s.text.passage } : {}), start: s.span.start, end: s.span.end, text: sentenceText });
    for (const m of kept) {
      const list = mentionsOf.get(m.actorId) ?? [];
      list.push([index, m.start, m.end, roleOf(s.terms, m)]);
      mentionsOf.set(m.actorId, list);
      const form = displayForm(m.text);
      const forms = formsOf.get(m.actorId) ?? new Map<string, { form: string; count: number }>();
      const key = normalizeName(form);
      forms.set(key, { form: forms.get(key)?.form ?? form, count: (forms.get(key)?.count ?? 0) + 1 });
      formsOf.set(m.actorId, forms);
    }
  }

  const actors: RegistryActor[] = [];
  for (const [id, mentions] of mentionsOf) {
    const def = table.actors.get(id)!;
    const origin: ActorOrigin = curatedIds.has(id) ? "curated" : foundIds.has(id) || !gazetteerIds.has(id) ? "text" : "gazetteer";
    const curated = input.curated.find((d) => d.id === id);
    const nameKey = normalizeName(def.name);
    const shown = new Map<string, string>();
    // The forms the articles use, most used first, then the curated file's other aliases.
    const used = [...(formsOf.get(id)?.values() ?? [])].sort((x, y) => y.count - x.count).map((f) => f.form);
    for (const a of [...used, ...(curated?.aliases ?? [])]) {
      const key = normalizeName(a);
      if (key !== nameKey && key !== "" && !shown.has(key)) shown.set(key, displayForm(a));
    }
    actors.push({
      id,
      name: def.name,
      kind: def.kind,
      ...(def.description ? { description: def.description } : {}),
      origin,
      aliases: [...shown.values()],
      // Only the names that stand for this actor: "Kabul" is the gazetteer's Afghanistan but a moderator's Afghan government.
      names: [...new Set([def.name, ...def.aliases])].filter((n) => table.resolve(n)?.id === id),
      ...(def.codes && def.codes.length > 0 ? { codes: def.codes.filter((c) => table.resolveCode(c)?.id === id) } : {}),
      mentions,
    });
  }
  actors.sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
  const definedIds = new Set(actors.map((a) => a.id));
  const defs = mergeActorDefs(found, input.curated).filter((d) => definedIds.has(d.id) || curatedIds.has(d.id));
  return { registry: new ActorRegistry({ version: ACTORS_VERSION, sentences, actors }), defs };
}

/** A mention's form for display: no leading "the", no possessive. */
function displayForm(text: string): string {
  return stripPossessive(text.replace(/^the\s+/i, "").trim());
}

/** "ethnic Tajiks and Uzbeks", "the Tajik community": a people, not the state of that name. */
function namesAPeople(sentence: string, m: Mention): boolean {
  if (PEOPLE_NOUNS.test(sentence.slice(m.end))) return true;
  const before = sentence.slice(Math.max(0, m.start - 60), m.start);
  return /\b[Ee]thnic\s+(?:[\p{Lu}][\p{L}’'-]*\s*(?:,\s*|\s+and\s+|\s+or\s+)){0,3}$/u.test(before);
}

/**
 * Turn the names found in the text into actor definitions: merge short forms into full names
 * (a surname alone → the one person with that surname; an acronym → the organization with those
 * initials), drop names that no definition can make sense of.
 */
function actorsFromNames(tagged: readonly TaggedSentence[], base: AliasTable, curated: readonly ActorDef[]): ActorDef[] {
  interface Candidate {
    words: string[];
    forms: Map<string, number>;
    kinds: Map<string, number>;
    initialOnly: boolean;
    knownPerson: boolean;
    /** Written after "the" wherever it is written ("the Commission said"). */
    afterThe: boolean;
  }
  const candidates = new Map<string, Candidate>();
  // Last words of the names of places and things ("River Tane"): such a word alone may be the place.
  const placeHeads = new Set<string>();
  for (const s of tagged) {
    for (const c of s.chunks) {
      if ((c.kind === "place" || c.kind === "thing") && c.words.length > 1) placeHeads.add(c.words.at(-1)!.toLowerCase());
      // A place is no actor, but its mentions count as votes: "at Santos" outvotes "Santos handles …".
      if (c.kind === "thing" || c.kind === "title") continue;
      if (base.resolve(c.name)) continue;
      const key = aliasKey(c.words);
      const cand = candidates.get(key) ?? { words: c.words, forms: new Map(), kinds: new Map(), initialOnly: true, knownPerson: false, afterThe: true };
      cand.forms.set(c.name, (cand.forms.get(c.name) ?? 0) + 1);
      cand.kinds.set(c.kind, (cand.kinds.get(c.kind) ?? 0) + 1);
      cand.initialOnly &&= c.initialOnly;
      cand.knownPerson ||= c.knownPerson;
      const at = s.terms.findIndex((t) => t.start >= c.start);
      cand.afterThe &&= at > 0 && s.terms[at - 1]!.text.toLowerCase() === "the";
      candidates.set(key, cand);
    }
  }
  // "the Segura Irrigators' Association (SCRATS)": an acronym in brackets right after a name is
  // defined by it, whatever its letters (a name in another language, or shortened as its owner likes).
  const bracketed = new Map<string, string>();
  for (const s of tagged) {
    for (const c of s.chunks) {
      const last = s.terms.findIndex((t) => t.end >= c.end);
      const next = s.terms[last + 1];
      if (c.words.length < 2 || last < 0 || !next || !/^\s*\($/.test(s.terms[last]!.post + next.pre) || !/^\)/.test(next.post) || !ACRONYM.test(next.text)) continue;
      bracketed.set(next.text, aliasKey(c.words));
    }
  }
  const kindOf = (c: Candidate): ActorKind | "unknown" => {
    const votes = [...c.kinds.entries()].filter(([k]) => k !== "unknown").sort((a, b) => b[1] - a[1]);
    const kind = votes[0]?.[0];
    return kind === undefined || kind === "place" ? "unknown" : (kind as ActorKind);
  };
  const nameOf = (c: Candidate) => [...c.forms.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)[0]![0];

  const defs = new Map<string, ActorDef>();
  const persons: Array<{ words: string[]; id: string }> = [];
  const orgs: ActorDef[] = [];
  // Full names first: people with two names or more (or a name the tagger knows), organizations, groups.
  for (const c of candidates.values()) {
    const kind = kindOf(c);
    if (kind === "unknown" || (c.initialOnly && kind !== "person")) continue;
    if (kind === "person" && c.words.length < 2 && !c.knownPerson) continue;
    const name = nameOf(c);
    const def: ActorDef = { id: slug(name), name, kind, aliases: [] };
    if (kind === "person" && c.words.length >= 2 && !isSurnameForm(c.words)) persons.push({ words: c.words, id: def.id });
    if (kind === "organization" || kind === "institution") orgs.push(def);
    defs.set(def.id, def);
  }
  // Curated people count too: their surnames find them.
  for (const d of curated) if (d.kind === "person") persons.push({ words: d.name.split(/\s+/), id: d.id });
  const personIds = new Set(persons.map((p) => p.id));
  const curatedIds = new Set(curated.map((d) => d.id));

  // Short forms: the last words of a name → the one person with them; an acronym → the one organization with those initials.
  const extra = new Map<string, string[]>();
  const addAlias = (id: string, alias: string) => extra.set(id, [...(extra.get(id) ?? []), alias]);
  const lastWords = (words: string[], n: number) => words.slice(-n).join(" ").toLowerCase();
  for (const c of candidates.values()) {
    const form = nameOf(c);
    const owners = new Set(persons.filter((p) => p.words.length > c.words.length && lastWords(p.words, c.words.length) === c.words.join(" ").toLowerCase()).map((p) => p.id));
    if (owners.size > 0) {
      // "Sarmento Vaz" is Helena Sarmento Vaz when she is the one person so named, unless curated apart.
      if (!personIds.has(slug(form)) || c.words.length === 1 || (owners.size === 1 && !curatedIds.has(slug(form)))) defs.delete(slug(form));
      if (owners.size === 1) addAlias([...owners][0]!, form); // several: names no one
      continue;
    }
    // "the Commission" after "the European Commission": the last word of one organization's name,
    // written alone after "the" as a name, is that organization; not the last word of a place's name too
    // ("the Tane" is the River Tane, not the campaign Clean Tane).
    const alone = c.words.length === 1 && c.afterThe && !c.initialOnly && kindOf(c) !== "person" && !placeHeads.has(c.words[0]!.toLowerCase());
    const heads = alone ? orgs.filter((o) => o.id !== slug(form) && lastWords(o.name.split(/\s+/), 1) === c.words[0]!.toLowerCase()) : [];
    if (heads.length === 1) {
      defs.delete(slug(form));
      addAlias(heads[0]!.id, form);
      continue;
    }
    if (c.words.length === 1 && ACRONYM.test(c.words[0]!)) {
      // Exact initials first; failing those, initials the acronym skips some of, from the first to
      // the last ("NIHR": National Institute for Health and Care Research).
      if (bracketed.has(c.words[0]!)) continue;
      const initials = orgs.map((o) => initialsOf(o.name.split(/\s+/)));
      const exact = orgs.filter((_, i) => initials[i] === c.words[0]);
      const expanded = exact.length > 0 ? exact : orgs.filter((_, i) => abbreviates(c.words[0]!, initials[i]!));
      if (expanded.length === 1) {
        defs.delete(slug(form));
        addAlias(expanded[0]!.id, form);
      }
    }
  }
  // An acronym in brackets is the name it follows, though the text may never write it elsewhere.
  for (const [acronym, key] of bracketed) {
    const owner = candidates.get(key);
    const def = owner ? defs.get(slug(nameOf(owner))) : undefined;
    if (!def || def.kind === "person" || base.resolve(acronym)) continue;
    defs.delete(slug(acronym));
    addAlias(def.id, acronym);
  }
  // A person's surname finds them even where the text never uses it alone, when no one else has it.
  const surnames = new Map<string, Set<string>>();
  for (const p of persons) {
    const surname = surnameOf(p.words).join(" ");
    surnames.set(surname.toLowerCase(), (surnames.get(surname.toLowerCase()) ?? new Set()).add(p.id));
  }
  for (const p of persons) {
    const surname = stripPossessive(surnameOf(p.words).join(" "));
    if (p.words.length < 2 || surnames.get(surname.toLowerCase())?.size !== 1) continue;
    // A surname that is also a capital ("Lewis Hamilton", Bermuda's capital) is the person's in articles that name them.
    const taken = base.resolve(surname);
    if (taken && !taken.capitals?.some((c) => aliasKey(c.split(/\s+/)) === aliasKey(surname.split(/\s+/)))) continue;
    if (!(extra.get(p.id) ?? []).includes(surname)) addAlias(p.id, surname);
  }

  const out: ActorDef[] = [...defs.values()].filter((d) => !base.resolve(d.name));
  for (const d of out) d.aliases.push(...(extra.get(d.id) ?? []).filter((a) => a !== d.name));
  // Aliases found for curated actors (a surname the curated file leaves out), as supplements merged by id.
  for (const d of curated) {
    const more = (extra.get(d.id) ?? []).filter((a) => a !== d.name && !d.aliases.includes(a));
    if (more.length > 0) out.push({ id: d.id, name: d.name, kind: d.kind, aliases: more });
  }
  return out;
}

/** How the actor figures in the sentence, from the words around its mention. */
function roleOf(terms: readonly TaggedTerm[], m: Mention): MentionRole {
  const first = terms.findIndex((t) => t.end > m.start && t.start < m.end);
  if (first < 0) return "mention";
  let last = first;
  while (last + 1 < terms.length && terms[last + 1]!.start < m.end) last++;
  const prev = terms[first - 1];
  const next = terms[last + 1];
  const lastTerm = terms[last]!;
  const isRole = (t: TaggedTerm) => ROLE_WORDS.test(t.text) || t.tags.has("Honorific");
  const punct = (s: string) => /[^\s]/.test(s);

  // Who it is: "X, the …", "X, Ethiopia’s chief negotiator", "X, who …"; "former president X"; "its irrigation minister, X".
  if (next && /^\s*,\s*$/.test(lastTerm.post) && (/^(?:the|a|an|its|his|her|their|who)$/i.test(next.text) || next.tags.has("Possessive"))) {
    if (tailHasRole(terms, last + 1)) return "definition";
  }
  if (prev && !punct(prev.post) && isRole(prev)) return "definition";
  if (prev && /^\s*,\s*$/.test(prev.post)) {
    for (let i = first - 1; i >= Math.max(0, first - 6); i--) {
      const t = terms[i]!;
      if (isRole(t) || t.tags.has("Actor")) return "definition";
      if (i < first - 1 && punct(t.post)) break;
    }
  }
  // Where something happens: "in Moscow", "to the Kremlin".
  const before = prev && /^the$/i.test(prev.text) ? terms[first - 2] : prev;
  if (before && LOCATIVE.has(before.text.toLowerCase()) && !punct(before.post)) return "location";
  // The subject (or its possessor): no verb or preposition between the clause's start and the mention, a verb after it.
  let clauseStart = first;
  while (clauseStart > 0 && !/[,;:—–()]/.test(terms[clauseStart - 1]!.post) && !CLAUSE_OPENERS.test(terms[clauseStart - 1]!.text)) clauseStart--;
  const beforeInClause = terms.slice(clauseStart, first);
  if (beforeInClause.some((t) => t.tags.has("Verb") || t.tags.has("Preposition"))) return "mention";
  for (let i = last + 1; i < terms.length; i++) {
    const t = terms[i]!;
    if (t.tags.has("Verb")) return lastTerm.tags.has("Possessive") ? "possessor" : "subject";
    if (/[;:—–()]/.test(terms[i - 1]!.post)) break;
  }
  return "mention";
}

/** Whether the words after a comma describe (a role noun, or "who"). */
function tailHasRole(terms: readonly TaggedTerm[], from: number): boolean {
  for (let i = from; i < Math.min(terms.length, from + 8); i++) {
    const t = terms[i]!;
    if (/^who$/i.test(t.text) || ROLE_WORDS.test(t.text) || t.tags.has("Actor")) return true;
    if (i > from && /[,;.)]/.test(terms[i - 1]!.post)) return false;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Serving

interface ActorState {
  actor: RegistryActor;
  listing: ActorListing & { id: string };
  passages: number;
  documents: number;
  related: Map<string, number>;
  ranked?: Ranked;
}

export class ActorRegistry {
  private readonly byId = new Map<string, ActorState>();
  private readonly table: AliasTable;
  private readonly suggester: Suggester<ActorState["listing"] & { aliases: string[] }>;
  private readonly lookupNames = new Map<string, string>();
  /** Mentions of any actor, by sentence. */
  private readonly mentionsIn = new Map<number, number>();

  constructor(readonly data: RegistryData) {
    const inSentence = new Map<number, Set<string>>();
    for (const a of data.actors) {
      for (const [s] of a.mentions) {
        (inSentence.get(s) ?? inSentence.set(s, new Set()).get(s)!).add(a.id);
        this.mentionsIn.set(s, (this.mentionsIn.get(s) ?? 0) + 1);
      }
    }
    for (const a of data.actors) {
      const sentences = new Set(a.mentions.map(([s]) => s));
      const passages = new Set<string>();
      const documents = new Set<string>();
      const related = new Map<string, number>();
      for (const s of sentences) {
        const sentence = data.sentences[s]!;
        if (sentence.passage) passages.add(sentence.passage);
        documents.add(sentence.file);
        for (const other of inSentence.get(s) ?? []) if (other !== a.id) related.set(other, (related.get(other) ?? 0) + 1);
      }
      this.byId.set(a.id, {
        actor: a,
        listing: { id: a.id, name: a.name, kind: a.kind, aliases: a.aliases, mentions: a.mentions.length },
        passages: passages.size,
        documents: documents.size,
        related,
      });
    }
    this.table = new AliasTable(data.actors.map((a) => ({ id: a.id, name: a.name, kind: a.kind, aliases: a.names, ...(a.codes ? { codes: a.codes } : {}) })));
    for (const a of data.actors) {
      for (const n of [a.name, ...a.names, ...a.aliases]) {
        const key = normalizeName(n);
        if (key !== "" && !this.lookupNames.has(key)) this.lookupNames.set(key, a.id);
      }
    }
    this.suggester = new Suggester(
      data.actors.map((a) => ({ ...this.byId.get(a.id)!.listing, aliases: [...new Set([...a.aliases, ...a.names.filter((n) => n !== a.name)])] })),
    );
  }

  static empty(): ActorRegistry {
    return new ActorRegistry({ version: ACTORS_VERSION, sentences: [], actors: [] });
  }

  get size(): number {
    return this.data.actors.length;
  }

  /** Every actor, most mentioned first. */
  list(): ActorListing[] {
    return this.data.actors.map((a) => {
      const { id: _id, ...listing } = this.byId.get(a.id)!.listing;
      return listing;
    });
  }

  /**
   * The actor a name, alias, id or code ("RUS", in capitals) stands for; undefined when none (or
   * when the name is ambiguous).
   */
  resolve(nameOrAlias: string): RegistryActor | undefined {
    const name = nameOrAlias.trim();
    if (name === "") return undefined;
    const id = this.table.resolve(name)?.id ?? this.lookupNames.get(normalizeName(name)) ?? this.table.resolveCode(name)?.id;
    return id === undefined ? undefined : this.byId.get(id)?.actor;
  }

  /** The summary of the actor a name stands for, or the closest names when it stands for none. */
  lookup(nameOrAlias: string, request: SummaryRequest = {}): ActorSummary | UnknownActor {
    const actor = this.resolve(nameOrAlias);
    if (!actor) return { unknown: nameOrAlias, suggestions: this.suggest(nameOrAlias, 5).map((s) => s.name) };
    return this.summary(actor.id, request);
  }

  /** Suggestions for a partly typed name (prefix first, then words, then aliases, then close spellings). */
  suggest(typed: string, limit = 25): ActorSuggestion[] {
    return this.suggester.suggest(typed, limit).map((s) => ({
      id: s.actor.id,
      name: s.actor.name,
      kind: s.actor.kind,
      mentions: s.actor.mentions,
      ...(s.via ? { via: s.via } : {}),
    }));
  }

  /** An actor's summary by id. */
  summary(id: string, request: SummaryRequest = {}): ActorSummary {
    const state = this.byId.get(id);
    if (!state) throw new Error(`no actor with id ${id}`);
    const r = { ...DEFAULT_SUMMARY_REQUEST, ...request };
    const person = state.actor.kind === "person";
    // The default ranking is kept (a summary's pages are asked one after another); other options are ranked afresh.
    const ranked = request.ranking ? rankSentences(this.candidates(state.actor), person, request.ranking) : (state.ranked ??= rankSentences(this.candidates(state.actor), person));
    const pages = pageCount(ranked, r.pageSize);
    const page = Math.max(0, Math.min(r.page, Math.max(0, pages - 1)));
    const quotes = pageOf(ranked, page, r.pageSize, person).map((c) => this.quote(c.order, r.sources));
    const related = [...state.related.entries()]
      .map(([other, count]) => ({ name: this.byId.get(other)!.actor.name, count, mentions: this.byId.get(other)!.actor.mentions.length }))
      .sort((a, b) => b.count - a.count || b.mentions - a.mentions || a.name.localeCompare(b.name))
      .slice(0, r.related)
      .map(({ name, count }) => ({ name, count }));
    const a = state.actor;
    return {
      actor: { id: a.id, name: a.name, kind: a.kind, aliases: a.aliases, ...(a.description ? { description: a.description } : {}) },
      mentions: a.mentions.length,
      passages: state.passages,
      documents: state.documents,
      summary: quotes,
      related,
      page,
      pages,
    };
  }

  private candidates(actor: RegistryActor): Candidate[] {
    const bySentence = new Map<number, RegistryMention[]>();
    for (const m of actor.mentions) (bySentence.get(m[0]) ?? bySentence.set(m[0], []).get(m[0])!).push(m);
    const rank: Record<MentionRole, number> = { definition: 0, subject: 1, possessor: 2, mention: 3, location: 4 };
    return [...bySentence.entries()].map(([order, mentions]) => {
      const s = this.data.sentences[order]!;
      let blanked = s.text;
      for (const [, start, end] of [...mentions].sort((x, y) => y[1] - x[1])) blanked = blanked.slice(0, start - s.start) + " ".repeat(end - start) + blanked.slice(end - s.start);
      const role = mentions.map((m) => m[3]).sort((x, y) => rank[x] - rank[y])[0]!;
      const others = (this.mentionsIn.get(order) ?? 0) - mentions.length;
      return { order, file: s.file, paragraph: s.paragraph, text: s.text, role, mentions: mentions.length, others, textWithoutActor: blanked };
    });
  }

  private quote(order: number, sources?: SummaryRequest["sources"]): ActorQuote {
    const s = this.data.sentences[order]!;
    const meta = sources?.get(s.file);
    return {
      quote: s.text,
      source: {
        file: s.file,
        ...(meta?.title ? { title: meta.title } : {}),
        ...(meta?.publisher ? { publisher: meta.publisher } : {}),
        paragraph: s.paragraph,
        start: s.start,
        end: s.end,
      },
    };
  }
}

/** Whether a lookup found an actor. */
export function isUnknownActor(x: ActorSummary | UnknownActor): x is UnknownActor {
  return "unknown" in x;
}

/** The `actor --json` shape of DESIGN.md (with passage counts besides). */
export function actorSummaryToJSON(s: ActorSummary) {
  return {
    actor: { name: s.actor.name, kind: s.actor.kind, aliases: s.actor.aliases, ...(s.actor.description ? { description: s.actor.description } : {}) },
    mentions: s.mentions,
    passages: s.passages,
    documents: s.documents,
    summary: s.summary,
    related: s.related,
  };
}

/** An acronym as news writes one: two to eight capitals ("EIB", "SCRATS", "ANFAVEA"). */
const ACRONYM = /^\p{Lu}{2,8}$/u;

/** Whether an acronym keeps the first and last of a name's initials and some of those between, in order ("NIHR" of "NIHCR"). */
function abbreviates(acronym: string, initials: string): boolean {
  if (acronym.length < 3 || acronym.length >= initials.length || acronym[0] !== initials[0] || acronym.at(-1) !== initials.at(-1)) return false;
  let at = 0;
  for (const letter of initials) if (letter === acronym[at]) at++;
  return at === acronym.length;
}
