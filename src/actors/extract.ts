/**
 * Finding names in text: the candidates for actors that no gazetteer or curated file knows
 * ("Zamir Kabulov", "the International Crisis Group", "the Taliban").
 *
 * The part-of-speech tagger of the `compromise` library tags every word (proper noun, person,
 * place, organization, verb, …); general rules about English news writing then cut runs of
 * capitalised words into names and say what kind of name each is:
 * - a capitalised word at the start of a sentence is a name only if the tagger knows it as one,
 *   or the text also writes it capitalised where capitals are not required ("Still", "Despite"
 *   and "Relations" never are; "Kabulov" is);
 * - titles are not part of a name ("First Vice President Amrullah Saleh" → Amrullah Saleh);
 * - a possessive ends a name ("Russia’s Afghanistan policy" → Russia);
 * - the last word says the kind: "… Group", "… Press" are organizations, "… Ministry" an
 *   institution, "… War", "… Dam", "… Summit" are no actors at all;
 * - the tagger's person, organization and place tags decide the rest; two or more capitalised
 *   words it does not know are a person's name;
 * - a single capitalised word used as a whole noun phrase after "the" ("the Taliban said") is a group.
 *
 * Everything here is pure; the tagger (`src/corpus/tagger.ts`) is loaded on first use (it takes
 * a moment), so that serving a persisted index loads it only for a question that needs it.
 */
import type { Compromise } from "../corpus/tagger.js";
import { DATELINE_PLACE } from "../corpus/text.js";
import type { Span } from "../corpus/types.js";
import type { ActorKind } from "./aliases.js";

/** A word as the tagger sees it, with its place in the file. */
export interface TaggedTerm {
  text: string;
  start: number;
  end: number;
  tags: ReadonlySet<string>;
  /** Punctuation and spaces before and after the word. */
  pre: string;
  post: string;
  /** First word of a sentence (or of a quotation): capitals there prove nothing. */
  initial: boolean;
}

/** A dateline before a sentence's first word ("LONDON - ", "SAO PAULO, March 15 (Reuters) — "): the word after it starts the sentence. */
const DATELINE = new RegExp(String.raw`^${DATELINE_PLACE}(?:\s+\([^()]{1,40}\))?\s+[-–—]\s*$`, "u");

/** An interview's speaker label before a sentence ("Q: ", "A: ", "KORIR: "): the word after it starts the sentence. */
const SPEAKER_LABEL = /^(?:Q|A|\p{Lu}{2,}(?:\s\p{Lu}{2,})?)\s*:\s*$/u;

/** What a name found in the text is. */
export type NameKind = ActorKind | "place" | "thing" | "title" | "unknown";

/** A name found in the text. */
export interface NameChunk extends Span {
  /** The name as written, without possessive, leading "the" or titles. */
  name: string;
  words: string[];
  kind: NameKind;
  /** Only seen as the first word of a sentence, where capitals prove nothing. */
  initialOnly: boolean;
  /** Tagged as a person's name by the tagger (first or last name known to it). */
  knownPerson: boolean;
}

interface CompromiseTerm {
  text: string;
  pre: string;
  post: string;
  tags: string[];
  offset: { start: number; length: number };
}

/**
 * Tag `text` (a passage) whose first character is at file offset `offset`; `sentences` are its
 * sentence spans (file offsets). Returns the words, sentence by sentence.
 */
export function tagText(nlp: Compromise, text: string, offset: number, sentences: readonly Span[]): TaggedTerm[][] {
  const json = nlp(text).json({ offset: true, terms: { offset: true } }) as Array<{ terms: CompromiseTerm[] }>;
  const terms: TaggedTerm[] = [];
  for (const sentence of json) {
    for (const t of sentence.terms) {
      if (t.offset.length === 0) continue; // the implicit half of a contraction ("It’s")
      const start = offset + t.offset.start;
      terms.push({ text: t.text, start, end: start + t.offset.length, tags: new Set(t.tags), pre: t.pre ?? "", post: t.post ?? "", initial: false });
    }
  }
  return sentences.map((s) => {
    const own = terms.filter((t) => t.start >= s.start && t.end <= s.end);
    own.forEach((t, i) => {
      const before = text.slice(s.start - offset, t.start - offset);
      t.initial = i === 0 || !/[\p{L}\p{N}]/u.test(before) || /[“"‘(]\s*$/.test(t.pre) || /[“"]\s*$/.test(before) || DATELINE.test(before) || SPEAKER_LABEL.test(before);
    });
    return own;
  });
}

/** Titles and offices that come before a name and are not part of it. */
export const ROLE_TITLES = new Set(
  "president vice-president premier pm vp mp ceo cfo coo executive officer minister secretary commissioner chancellor general gen gen. col col. colonel sen sen. senator rep rep. representative gov gov. governor mr mr. mrs mrs. ms ms. dr dr. sir lord lady king queen prince princess sheikh emir sultan ambassador envoy spokesman spokeswoman spokesperson chairman chairwoman chair commander mayor judge justice pope imam ayatollah mullah marshal admiral director chief leader professor prof prof. captain capt capt. lieutenant lt lt. major sergeant sgt sgt. reverend rev rev. speaker"
    .split(" "),
);
/** Words that qualify a title ("First Vice President"). */
const TITLE_MODIFIERS = new Set(
  ("first second vice deputy former acting interim foreign prime special supreme senior chief grand " +
    // Portfolios before "minister" or "secretary" ("Health Minister", "Defence Secretary").
    "finance health defence defense interior home education energy trade economy economic transport labour labor agriculture environment culture science information communications treasury")
    .split(" "),
);

/** Common nouns for a business that, right before a name, say it names one ("the mining company Andes Copper"). */
const FIRM_NOUNS = new Set("company firm miner producer manufacturer maker carrier airline retailer lender insurer operator developer startup conglomerate".split(" "));

/** Last words that make a name an organization. */
const ORGANIZATION_HEADS = new Set(
  "group bank union center centre council institute agency organization organisation committee fund party foundation association university college corporation corp corp. company co co. inc inc. ltd ltd. llc press times post news observer herald tribune journal gazette guardian telegraph review monitor network radio television tv alliance league federation movement front coalition brigade brigades society club forum commission initiative watch international trust bureau media magazine daily weekly express mail chronicle institution consortium partnership"
    .split(" "),
);
/** Last words that make a name an institution of a state. */
const INSTITUTION_HEADS = new Set(
  "ministry government parliament assembly senate congress court army navy police department office cabinet presidency administration military forces guard legislature duma majlis embassy consulate secretariat directorate authority kremlin"
    .split(" "),
);
/** Last words of names that are no actors: events, places, things, documents, times. */
const NON_ACTOR_HEADS = new Set(
  "war wars summit conference talks agreement accord accords treaty deal dam project river lake sea ocean mountains mountain valley basin day act law prize award cup games festival plan programme program pipeline railway airport bridge street avenue square province region district strait gulf peninsula island islands desert revolution crisis pandemic virus vaccine operation campaign doctrine declaration resolution constitution era period century week month year station highway road canal border line zone hospital hotel stadium port city county territory territories east west north south asia africa europe america delta coast plateau range falls park memorial cathedral mosque church temple"
    .split(" "),
);
/** Small words that may stand inside a name ("Bank of England", "Osama bin Laden"). */
const NAME_CONNECTORS = new Set(["of", "for", "on", "de", "do", "dos", "das", "di", "della", "des", "al", "bin", "ibn", "van", "von", "der", "den", "du", "da", "la", "le", "del"]);
const CLAUSE_CONNECTORS = new Set(["of", "for", "on"]);

/**
 * A person's surname: the last word of the name with the particles before it ("Anneke de Vries"
 * → de Vries, "Pieter van Dam" → van Dam, "Ursula von der Leyen" → von der Leyen).
 */
export function surnameOf(words: readonly string[]): string[] {
  let from = words.length - 1;
  while (from > 1 && NAME_CONNECTORS.has(lower(words[from - 1]!)) && !CLAUSE_CONNECTORS.has(lower(words[from - 1]!))) from--;
  return words.slice(Math.max(0, from));
}

/** Whether a name begins with a surname particle ("De Vries", "van Dam"): a surname, not a full name. */
export function isSurnameForm(words: readonly string[]): boolean {
  return words.length >= 2 && NAME_CONNECTORS.has(lower(words[0]!)) && !CLAUSE_CONNECTORS.has(lower(words[0]!));
}

const FUNCTION_TAGS = ["Pronoun", "Determiner", "Preposition", "Conjunction", "Adverb", "Verb", "Value", "Date", "QuestionWord", "Negative"];
const NAME_TAGS = ["Person", "Place", "Organization", "Acronym", "FirstName", "LastName"];

const isCapitalised = (w: string) => /^\p{Lu}/u.test(w);
const isAcronym = (w: string) => /^(?:\p{Lu}\.){2,}$|^\p{Lu}{2,6}$/u.test(w);
const hasAny = (t: TaggedTerm, tags: readonly string[]) => tags.some((x) => t.tags.has(x));
const lower = (w: string) => w.toLowerCase();
/** A word without its possessive ending ("Russia’s" → Russia, "Americans’" → Americans). */
export const stripPossessive = (w: string) => w.replace(/['’]s$/u, "").replace(/(?<=s)['’]$/u, "");
const punctuationIn = (s: string) => /[^\s]/u.test(s);

/**
 * Whether a capitalised word may be part of a name. Mid-sentence capitals mean a name unless the
 * tagger says the word is a date, a pronoun or a number; at the start of a sentence only the
 * tagger's name tags count (the caller then checks the word against the rest of the text).
 */
function nameWord(t: TaggedTerm): boolean {
  if (!isCapitalised(t.text) || /^\p{Lu}$/u.test(t.text)) return false;
  if (isAcronym(stripPossessive(t.text))) return true; // capitals throughout: a name wherever it stands ("(WHO)")
  if (t.tags.has("Date") || t.tags.has("Pronoun") || t.tags.has("Month") || t.tags.has("WeekDay")) return false;
  if (/^(?:The|A|An)$/.test(t.text)) return false;
  // A question opens with its auxiliary ("Has President Mwangi …?"), which the tagger may take for a name.
  if (t.initial && /^(?:has|have|had|is|are|was|were|do|does|did|will|would|can|could|should|shall|may|might|must)$/i.test(t.text)) return false;
  if (t.initial) return hasAny(t, NAME_TAGS) || t.tags.has("ProperNoun") || !hasAny(t, FUNCTION_TAGS);
  return true;
}

/** Whether an initial word is certainly a name (the tagger knows it as one). */
function knownName(t: TaggedTerm): boolean {
  return hasAny(t, NAME_TAGS) || isAcronym(stripPossessive(t.text));
}

/**
 * Whether a hyphen joins two words into one name: after a particle ("al-Qaeda") or between two
 * name words neither of which names a place or a people on its own ("Okoe-Boye", "Jean-Pierre",
 * "Inter-American"); "Afghan-Uzbek" and "US-Taliban" are two names.
 */
function hyphenJoins(t: TaggedTerm, next: TaggedTerm | undefined): boolean {
  if (t.post !== "-" || next === undefined || !nameWord(next)) return false;
  return /^(?:al|el|bin|ibn)$/.test(t.text) || (nameWord(t) && !placeLike(t) && !placeLike(next));
}

/** A name word that names a place or a people on its own ("Afghan", "Russia", "US"). */
function placeLike(t: TaggedTerm): boolean {
  return hasAny(t, ["Place", "Country", "City", "Region", "Demonym"]) || isAcronym(stripPossessive(t.text));
}

/** The words of a name as written, those joined by a hyphen as one word ("Bernard", "Okoe-Boye"). */
function nameWords(run: readonly TaggedTerm[], words: readonly string[]): string[] {
  const out: string[] = [];
  words.forEach((w, i) => {
    if (i > 0 && run[i - 1]!.post === "-") out[out.length - 1] += `-${w}`;
    // A plural possessive inside the name keeps its apostrophe ("Dockworkers' Union").
    else out.push(i < words.length - 1 && /^['’]\s/u.test(run[i]!.post) ? `${w}${run[i]!.post[0]}` : w);
  });
  return out;
}

/** Names in one sentence's words. `capitalisedElsewhere` holds lower-cased words written capitalised mid-sentence somewhere in the corpus. */
export function findNames(terms: readonly TaggedTerm[], capitalisedElsewhere: ReadonlySet<string>): NameChunk[] {
  const chunks: NameChunk[] = [];
  let run: TaggedTerm[] = [];
  const flush = (next?: TaggedTerm) => {
    if (run.length > 0) chunks.push(...chunkFromRun(run, terms, next, capitalisedElsewhere));
    run = [];
  };
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i]!;
    const prev = terms[i - 1];
    // A plural possessive inside a name ("the Santos Dockworkers' Union") joins; "Russia's President" does not.
    const pluralPossessive = prev !== undefined && /s$/u.test(prev.text) && /^['’]\s+$/u.test(prev.post);
    const joinedToPrev =
      prev !== undefined && (((!punctuationIn(prev.post) || pluralPossessive) && !punctuationIn(t.pre)) || hyphenJoins(prev, t)) && !/['’]s$/iu.test(prev.text);
    if (!joinedToPrev) flush(t);
    const next = terms[i + 1];
    const connector =
      run.length > 0 && (NAME_CONNECTORS.has(t.text) || (t.text === "and" && (namesAnOffice(run) || joinsTwoWordsOfAName(run, terms, i)))) && next !== undefined && !punctuationIn(t.post) && nameWord(next) && !next.initial;
    const hyphenJoin = hyphenJoins(t, next);
    if (nameWord(t) || connector || hyphenJoin) run.push(t);
    else flush(t);
    // A hyphen between two places or peoples separates names ("Afghan-Uzbek", "US-Taliban");
    // otherwise it is inside one name ("al-Qaeda", "Okoe-Boye", "Inter-American").
    if (t.post === "-" && !hyphenJoin) flush(next);
  }
  flush();
  return chunks;
}

/**
 * Whether "and" at `i` joins one capitalised word to another that an organization's head word
 * follows and ends ("Belt and Road Initiative", "Trade and Development Bank"), not two names
 * ("Russia and China", "Apple and Intel").
 */
function joinsTwoWordsOfAName(run: readonly TaggedTerm[], terms: readonly TaggedTerm[], i: number): boolean {
  const [second, head, after] = [terms[i + 1], terms[i + 2], terms[i + 3]];
  if (run.length !== 1 || !second || !head || punctuationIn(second.post)) return false;
  return nameWord(head) && ORGANIZATION_HEADS.has(lower(head.text)) && !(after && nameWord(after) && !punctuationIn(head.post));
}

/**
 * Whether a run of words so far is the name of an organization or institution by its head and
 * "of" or "for" ("Ministry of Infrastructure", "Directorate-General for Employment"): then "and"
 * goes on with the same name ("… and Housing", "… and Labour Relations").
 */
function namesAnOffice(run: readonly TaggedTerm[]): boolean {
  const at = run.findIndex((t) => CLAUSE_CONNECTORS.has(t.text));
  return at > 0 && headWords(run, at - 1).some((w) => ORGANIZATION_HEADS.has(w) || INSTITUTION_HEADS.has(w));
}

/** The word at `i` in lower case, with the word hyphenated before it ("Directorate-General": directorate, general). */
function headWords(run: readonly TaggedTerm[], i: number): string[] {
  const before = run[i - 1];
  return [...(before?.post === "-" ? [lower(before.text)] : []), lower(run[i]!.text)];
}

/** Cut a run of capitalised words into names (at inner connectors when it is no organization) and classify them. */
function chunkFromRun(run: TaggedTerm[], sentence: readonly TaggedTerm[], next: TaggedTerm | undefined, elsewhere: ReadonlySet<string>): NameChunk[] {
  // A first word of a sentence that is not known as a name leaves the run, unless it starts a
  // person's name ("Zamir Kabulov": an unknown noun directly before a name word) or an
  // organization's ("Human Rights Watch": the run ends in a word such as Watch, Group, Ministry).
  while (run.length > 0 && run[0]!.initial && !knownName(run[0]!) && !elsewhere.has(lower(stripPossessive(run[0]!.text)))) {
    const first = run[0]!;
    const beforeName = run.length > 1 && first.tags.has("Noun") && !first.tags.has("Plural") && !hasAny(first, FUNCTION_TAGS) && !hasAny(first, ["Adjective"]);
    const head = lower(stripPossessive(run[run.length - 1]!.text));
    const inOrganization = run.length > 2 && !hasAny(first, FUNCTION_TAGS) && (ORGANIZATION_HEADS.has(head) || INSTITUTION_HEADS.has(head));
    if (beforeName || inOrganization) break;
    run = run.slice(1);
  }
  // A particle hyphenated to the name ("al-Qaeda") is part of it.
  while (run.length > 0 && NAME_CONNECTORS.has(run[0]!.text) && run[0]!.post !== "-") run = run.slice(1);
  while (run.length > 0 && NAME_CONNECTORS.has(run[run.length - 1]!.text)) run = run.slice(0, -1);
  if (run.length === 0) return [];
  // "Bank of England", "Ministry of Defence": the words before "of" end like an organization's name.
  const connectorAt = run.findIndex((t) => CLAUSE_CONNECTORS.has(t.text));
  const beforeConnector = connectorAt > 0 ? headWords(run, connectorAt - 1) : [];
  const forced = beforeConnector.some((w) => ORGANIZATION_HEADS.has(w)) ? "organization" : beforeConnector.some((w) => INSTITUTION_HEADS.has(w)) ? "institution" : undefined;
  const whole = classify(run, sentence, next, forced);
  if (whole.kind !== "organization" && whole.kind !== "institution" && connectorAt >= 0) {
    const parts: TaggedTerm[][] = [[]];
    for (const t of run) {
      if (CLAUSE_CONNECTORS.has(t.text)) parts.push([]);
      else parts[parts.length - 1]!.push(t);
    }
    return parts.filter((p) => p.length > 0).map((p, i, all) => classify(p, sentence, i === all.length - 1 ? next : undefined));
  }
  return [whole];
}

function classify(runIn: TaggedTerm[], sentence: readonly TaggedTerm[], next: TaggedTerm | undefined, forced?: NameKind): NameChunk {
  let run = runIn;
  // Titles before a name: strip up to the last title word ("First Vice President Amrullah Saleh").
  let lastTitle = -1;
  run.forEach((t, i) => {
    const w = lower(t.text);
    if (ROLE_TITLES.has(w) || t.tags.has("Honorific")) lastTitle = i;
  });
  // A portfolio of any words before the title when a person's name follows it ("Ports and Airports Minister Ricardo Almeida").
  const personAfterTitle = lastTitle >= 0 && run.length - lastTitle > 2 && run.slice(lastTitle + 1).some((t) => hasAny(t, ["FirstName", "LastName", "MaleName", "FemaleName"]));
  const titlePrefix =
    lastTitle >= 0 &&
    (personAfterTitle || run.slice(0, lastTitle).every((t) => TITLE_MODIFIERS.has(lower(t.text)) || ROLE_TITLES.has(lower(t.text)) || t.tags.has("Honorific") || t.tags.has("Demonym") || t.tags.has("Place")));
  if (titlePrefix) {
    if (lastTitle === run.length - 1) return chunkOf(run, "title");
    run = run.slice(lastTitle + 1);
    while (run.length > 1 && NAME_CONNECTORS.has(run[0]!.text)) run = run.slice(1);
  }
  const first = run[0]!;
  const lastTerm = run[run.length - 1]!;
  const words = run.map((t, i) => (i === run.length - 1 ? stripPossessive(t.text) : t.text));
  const head = lower(words[words.length - 1]!);
  const firstIndex = sentence.indexOf(first);
  const before = firstIndex > 0 ? sentence[firstIndex - 1] : undefined;
  const afterThe = before !== undefined && /^the$/i.test(before.text) && !punctuationIn(before.post);
  // "the mining company Andes Copper", "Andes Copper, which …": a company, not a person.
  const afterKindNoun = before !== undefined && !punctuationIn(before.post) && (ORGANIZATION_HEADS.has(lower(before.text)) || FIRM_NOUNS.has(lower(before.text)));
  const lastIndex = sentence.indexOf(lastTerm);
  const beforeWhich = /,/.test(lastTerm.post) && /^which$/i.test(sentence[lastIndex + 1]?.text ?? "");
  const endsPhrase =
    lastTerm.post !== "-" &&
    (lastTerm.tags.has("Possessive") ||
    punctuationIn(lastTerm.post) ||
    next === undefined ||
    sentence.indexOf(next) !== sentence.indexOf(lastTerm) + 1 ||
    hasAny(next, ["Verb", "Adverb", "Preposition", "Conjunction", "Determiner", "Modal", "Auxiliary", "Copula", "Pronoun"]));
  const knownPerson = run.some((t) => hasAny(t, ["Person", "FirstName", "LastName", "MaleName", "FemaleName"]) && !t.tags.has("Honorific"));
  // "at Santos", "a trader at Nordvik Trading": one is at a place or a firm, not at a person.
  const afterAt = before !== undefined && /^(?:at|in|near|outside)$/i.test(before.text) && !punctuationIn(before.post);
  // "the port of Santos", "the port of Bandar Abbas", "Santos, Brazil's main export port": a place by what it is called.
  const placeOf = before !== undefined && /^of$/i.test(before.text) && PLACE_NOUNS.has(lower(sentence[firstIndex - 2]?.text ?? ""));
  const placeAppositive = /,/.test(lastTerm.post) && appositiveNoun(sentence.slice(lastIndex + 1), PLACE_NOUNS);
  // "Pieter van Dam, the Dutch agriculture minister, …": a name set off by a role is a person's,
  // whatever its last word ("Dam") would otherwise make it.
  const followedByRole = /,/.test(lastTerm.post) && roleAppositive(sentence.slice(lastIndex + 1));
  const tagged = (tag: string) => run.some((t) => t.tags.has(tag));
  let kind: NameKind;
  // "Cabinet Secretary", "Energy Minister": a name never ends in a title.
  if (!forced && ROLE_TITLES.has(head) && words.length > 1) return chunkOf(run, "title");
  if (forced && !titlePrefix) kind = forced;
  else if (followedByRole && words.length >= 2 && !ORGANIZATION_HEADS.has(head) && !INSTITUTION_HEADS.has(head)) kind = "person";
  else if (NON_ACTOR_HEADS.has(head)) kind = "thing";
  else if (INSTITUTION_HEADS.has(head) && words.length > 1) kind = "institution";
  else if (ORGANIZATION_HEADS.has(head) && words.length > 1) kind = "organization";
  else if (words.length === 1 && isAcronym(words[0]!)) kind = tagged("Organization") || afterThe ? "organization" : "unknown";
  else if (tagged("Organization")) kind = "organization";
  else if (((afterAt || placeAppositive) && words.length === 1) || placeOf) kind = "place";
  else if (knownPerson) kind = "person";
  else if (tagged("Place")) kind = "place";
  else if (tagged("Demonym")) kind = "unknown";
  else if (words.length >= 2 && words.every((w) => /^\p{Lu}[\p{Ll}'’-]+$/u.test(w) || NAME_CONNECTORS.has(w))) kind = afterThe || afterKindNoun || beforeWhich || /^at$/i.test(before?.text ?? "") ? "organization" : "person";
  else if (words.length === 1 && afterThe && endsPhrase) kind = "group";
  else kind = "unknown";
  const written = nameWords(run, words);
  return { ...chunkOf(run, kind), name: written.join(" "), words: written, knownPerson };
}

/** Whether the words after a name open an appositive that names a role: "the Dutch agriculture minister", "a senior official". */
function roleAppositive(after: readonly TaggedTerm[]): boolean {
  return /^(?:the|a|an)$/i.test(after[0]?.text ?? "") && appositiveNoun(after, ROLE_TITLES);
}

/** Whether one of `nouns` ends the phrase after a name, within five words ("Brazil's main export port"). */
function appositiveNoun(after: readonly TaggedTerm[], nouns: ReadonlySet<string>): boolean {
  for (const t of after.slice(0, 6)) {
    if (nouns.has(lower(stripPossessive(t.text)))) return true;
    if (punctuationIn(t.post) && !/^['’]/u.test(t.post)) return false;
  }
  return false;
}

/** Nouns for places that a one-word name may be called by: "the port of Santos". */
const PLACE_NOUNS = new Set("port city town capital village province region state district island harbour harbor county municipality suburb".split(" "));

function chunkOf(run: TaggedTerm[], kind: NameKind): NameChunk {
  const words = run.map((t) => t.text);
  const last = run[run.length - 1]!;
  const end = last.start + stripPossessive(last.text).length;
  const written = nameWords(run, words);
  return { start: run[0]!.start, end, name: written.join(" "), words: written, kind, initialOnly: run.every((t) => t.initial), knownPerson: false };
}

/** The initials of an organization's name ("International Crisis Group" → ICG), for matching acronyms. */
export function initialsOf(words: readonly string[]): string {
  return words
    .filter((w) => !NAME_CONNECTORS.has(w) && !/^(?:the|and|&)$/i.test(w))
    .map((w) => w[0]!.toUpperCase())
    .join("");
}

/** Lower-cased words written capitalised away from the start of a sentence. */
export function capitalisedWords(sentences: ReadonlyArray<readonly TaggedTerm[]>): Set<string> {
  const out = new Set<string>();
  for (const terms of sentences) for (const t of terms) if (!t.initial && isCapitalised(t.text)) out.add(lower(stripPossessive(t.text)));
  return out;
}
