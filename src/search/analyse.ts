/**
 * Text analysis for English news text: the tokenizer and term processing that MiniSearch uses
 * for passages and questions alike, so both sides meet on the same terms.
 *
 * - Curly and straight apostrophes are one; possessives go ("Taliban’s" → taliban); contractions
 *   of function words ("aren't", "they're", and "whats", "dont" as typed in chat) and chat
 *   spellings of them ("wat", "abt", "pls") are stop words.
 * - "U.S.", "US" and "USA" written in capitals are one term, `u.s.`; the pronoun "us" is a stop word.
 * - Dotted abbreviations ("U.K.") stay whole.
 * - Hyphenated words are indexed whole and by part ("Soviet-Afghan" → soviet-afghan, soviet, afghan).
 * - Numbers keep their value whatever the separators ("8,600" → 8600).
 * - Accents go from Latin letters ("café" → cafe), as users type them.
 * - Em and en dashes separate words even without spaces ("now—First").
 * - Words are Porter-stemmed (the `stemmer` package) after English stop words are removed;
 *   comparatives and irregular verb forms first go to their dictionary form (`wink-lemmatizer`).
 */
import { eng as englishStopWords } from "stopword";
import { stemmer } from "stemmer";
import lemmatizer from "wink-lemmatizer";

/** A token of the original text, with its place. */
export interface Token {
  text: string;
  start: number;
  end: number;
}

const TOKEN = /(?:\p{L}\.){2,}|\d{1,3}(?:,\d{3})+(?:\.\d+)?|[\p{L}\p{N}]+(?:['’\-‐][\p{L}\p{N}]+)*/gu;
const US_FORMS = new Set(["U.S.", "US", "USA", "U.S.A.", "U.S"]);
export const US_TERM = "u.s.";

/**
 * Words that carry no meaning for retrieval: the `stopword` English list (but "said") plus the closed-class
 * function words of NLTK's English list that it lacks (pronouns, prepositions, auxiliaries,
 * negations, "us" as the pronoun).
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // "said" is no function word: the list drops it but keeps "say", so "What did she say?" never met it.
  ...englishStopWords.filter((w: string) => w !== "said"),
  ...("myself ours ourselves yours yourself yourselves she hers herself its itself theirs themselves whom having " +
    "does doing until against during above below down off again further once when why few no nor not own so will just us cannot vs versus via").split(" "),
]);

/** Split text into tokens, keeping their offsets (case and punctuation as written). */
export function tokenize(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

/**
 * Tokens with hyphenated compounds split into their words ("US-Taliban" → US, Taliban), for
 * matching names inside compounds.
 */
export function wordTokens(text: string): Token[] {
  return tokenize(text).flatMap((t) => {
    if (!/[-‐]/.test(t.text)) return [t];
    const parts: Token[] = [];
    for (const m of t.text.matchAll(/[^-‐]+/g)) parts.push({ text: m[0], start: t.start + m.index, end: t.start + m.index + m[0].length });
    return parts;
  });
}

/** MiniSearch's tokenizer: the tokens' text. */
export function tokenizeForIndex(text: string): string[] {
  return tokenize(text).map((t) => t.text);
}

/**
 * Normalise one token for matching, without stemming: lower case, one apostrophe, no possessive,
 * and Latin letters without their accents, as chat types them ("cafe" for "café", "Evora" for "Évora").
 */
export function normalizeToken(raw: string): string {
  if (US_FORMS.has(raw)) return US_TERM;
  return raw
    .replace(/[’‐]/g, (c) => (c === "’" ? "'" : "-"))
    .toLowerCase()
    .replace(/'s$|s'$|'$/, (m) => (m === "s'" ? "s" : ""))
    .replace(LATIN_ACCENTED, (c) => c.normalize("NFD").replace(/\p{M}/gu, ""));
}

/** Latin letters with a diacritic that decomposes (é, ñ, ç, ő); not ø or ß, which are letters of their own. */
const LATIN_ACCENTED = /[\u00C0-\u024F]/g;

/**
 * MiniSearch's term processing: normalise, drop stop words, stem; hyphenated words give the
 * whole and each part. Returns null for a term to drop.
 */
export function processTerm(raw: string): string | string[] | null {
  let term = processed.get(raw);
  if (term === undefined) {
    term = processUncached(raw);
    if (processed.size > 200_000) processed.clear();
    processed.set(raw, term);
  }
  return term;
}

/** Memo of {@link processTerm}: news text repeats its words, and stemming is the hot path of a build. */
const processed = new Map<string, string | string[] | null>();

function processUncached(raw: string): string | string[] | null {
  const term = normalizeToken(raw);
  if (term === US_TERM) return term;
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(term)) return term.replace(/,/g, "");
  if (term.includes("-")) {
    const raws = raw.split(/[-‐]/);
    const parts = raws.map((p) => (US_FORMS.has(p) ? US_TERM : stemWord(normalizeToken(p)))).filter((p): p is string => p !== null);
    const whole = raws.map((p) => (US_FORMS.has(p) ? US_TERM : stemmer(normalizeToken(p)))).join("-");
    return parts.length > 0 ? [whole, ...parts] : null;
  }
  return stemWord(term);
}

/**
 * Whether two normalised words are forms of one word ("regions", "region"; "met", "meet"), not
 * one derived from the other ("regional", "region"), which stemming joins too.
 */
export function formsOfOneWord(a: string, b: string): boolean {
  if (a === b) return true;
  const forms = (w: string) => [w, lemmatizer.noun(w), lemmatizer.verb(w), lemmatizer.adjective(w)];
  const ofA = forms(a);
  return forms(b).some((f) => ofA.includes(f));
}

/** `word` with each pair of neighbouring letters swapped ("robsuta" → … "robusta" …): the commonest slip in typing. */
export function transpositions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < word.length; i++) out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  return out;
}

/** Content terms of a text, in order, with duplicates (hyphenated words give their parts). */
export function analyse(text: string): string[] {
  return tokenize(text).flatMap((t) => {
    const p = processTerm(t.text);
    return p === null ? [] : Array.isArray(p) ? p : [p];
  });
}

/**
 * A contraction of a function word ("aren't", "they're", "I've", "won't"): it carries no more
 * meaning than the words it contracts, which are stop words.
 */
const CONTRACTION = /^(\p{L}+?)(n't|'re|'ve|'ll|'d|'m)$/u;

/**
 * The same contractions typed without their apostrophe, as chat often has them ("whats",
 * "dont", "theyre"), where the spelling is no other word.
 */
const APOSTROPHELESS = /^(?:(?:what|that|who|where|when|why|how|there|here)s|(?:do|does|did|is|are|was|were|ca|could|should|would|have|has|had|must|need|ai)nt|(?:you|we|they)(?:re|ve)|ive|im|youll|theyll)$/;

/** Question words as chat spells them, or runs them into "is" ("wat", "whats", "whos"): the question word each stands for. */
export const CHAT_QUESTION_WORDS: Readonly<Record<string, string>> = {
  hw: "how",
  wen: "when",
  wat: "what",
  wut: "what",
  wht: "what",
  whats: "what",
  whos: "who",
  wheres: "where",
  whens: "when",
  hows: "how",
  whys: "why",
};

/**
 * Function words as chat spells them ("wat did he say", "pls", "abt"), and the fillers of chat
 * ("yo", "lol", "btw", "tryna"): no other word is spelled so, and none is what a question is about.
 */
const CHAT_SPELLINGS: ReadonlySet<string> = new Set([
  ...Object.keys(CHAT_QUESTION_WORDS),
  ..."hav ur abt pls plz cuz coz tho thru".split(" "),
  ..."yo lol lmao btw tbh idk imo imho tryna gonna wanna gotta lemme gimme kinda sorta dunno shes hes".split(" "),
]);

function isContraction(word: string): boolean {
  if (APOSTROPHELESS.test(word) || CHAT_SPELLINGS.has(word)) return true;
  const m = CONTRACTION.exec(word);
  return m !== null && (m[2] === "n't" || STOP_WORDS.has(m[1]!));
}

function stemWord(word: string): string | null {
  if (word.length === 0 || STOP_WORDS.has(word) || isContraction(word)) return null;
  if (word.length === 1 && !/\d/.test(word)) return null;
  if (/\./.test(word)) return word;
  // Dictionary forms first where stemming cannot reach them: comparatives ("longer" → long)
  // and irregular verbs ("met" → meet); regular inflections stem alike either way.
  const base = /(?:er|est)$/.test(word) ? lemmatizer.adjective(word) : word;
  return stemmer(lemmatizer.verb(base));
}
