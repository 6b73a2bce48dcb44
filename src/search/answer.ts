/**
 * Answering: from a question to ranked passages, each with the sentence that answers it, and a
 * decision whether anything answers at all.
 *
 * 1. The question becomes *concepts*: each actor it names (in any of the actor's names: "the
 *    Kremlin" is held wherever Russia is named, "Moscow" or "Russian"), and each other content
 *    word with the index terms that may stand for it, and how strongly: the word itself (1), a
 *    word it begins (russia → russian), a word one or two edits away when the word itself is
 *    unknown (typos), WordNet synonyms and broader terms (help → assistance), the last ones
 *    weakest, so that the user's own words always count most.
 * 2. MiniSearch's BM25 (over passage words and the actors each passage names) gathers candidates.
 * 3. Each candidate is scored by *coverage*: the idf-weighted share of the question's concepts
 *    that the passage holds, and that its best sentence holds; plus a bonus when that sentence
 *    holds the kind of answer the question asks for (a date for "when", a number for "how many").
 * 4. `answered` is false when the question names someone or something the articles never
 *    mention, or when the best passage covers too little of the question.
 */
import type { AliasTable, Mention } from "../actors/aliases.js";
import { sentenceTexts } from "../corpus/chunk.js";
import type { OriginLine, Passage, SourceMeta, Span } from "../corpus/types.js";
import { STOP_WORDS, analyse, formsOfOneWord, normalizeToken, processTerm, transpositions, wordTokens, type Token } from "./analyse.js";
import { NO_LEXICON, type Lexicon, type Relation, type WordInfo } from "./lexicon.js";
import type { PersonRole } from "../actors/roles.js";
import SearchableMap from "minisearch/SearchableMap";
import type { PassageIndex } from "./passage-index.js";
import { DETERMINERS, asksOfTheArticle, countsAt, givesBareShare, givesNumber, shareEnds, hasAnswerType, isCalendarName, questionShape, type AnswerType, type QuestionShape } from "./question.js";
import type { SentenceEncoder } from "./sentence-encoder.js";
import type { WordVectors } from "./word-vectors.js";

/** Tunables of ranking and abstention, with their defaults in {@link DEFAULT_ANSWER_OPTIONS}. */
export interface AnswerOptions {
  /** How many results to return. */
  k: number;
  /** Skip this many results first (for "More"). */
  offset: number;
  /** Candidates taken from BM25 before re-ranking. */
  candidates: number;
  /** Minimum idf-weighted coverage for `answered`, when the question names an actor the passage names. */
  minCoverage: number;
  /** Minimum coverage by the question's own words for `answered`, when the question names no actor. */
  minDirectCoverage: number;
  /** Results after the first must have at least this share of the first's score. */
  minRelativeScore: number;
  /** Strength of a match through a longer word that starts with the question's word. */
  prefixStrength: number;
  /** Strength of a match through a word a typo away (only for words the articles lack). */
  fuzzyStrength: number;
  /** Boost of the actors field in candidate search (a passage naming the question's actor another way). */
  actorStrength: number;
  /** Strength of a match through a WordNet synonym. */
  synonymStrength: number;
  /** Strength of a match through a WordNet broader term. */
  hypernymStrength: number;
  /** Strength of a match through a WordNet narrower term (think → view). */
  hyponymStrength: number;
  /** Strength of a match through a synonym of a word's derived form (independence → independent → autonomous). */
  derivedStrength: number;
  /** Strength of a word of a person's role where the text names the person only ("Wrona" for "the agriculture minister"). */
  roleStrength: number;
  /**
   * Least weight of an actor the question names. An actor named in most passages has almost no
   * idf, yet a question that names it ("When did the Taliban visit Moscow?") asks about it: this
   * is about the idf of a word in half the passages.
   */
  minActorWeight: number;
  /** Share of its weight that a word known only as an adverb ("ever", "still") keeps. */
  adverbWeight: number;
  /** Score bonus for a best sentence that holds the kind of answer asked for. */
  answerTypeBonus: number;
  /** Weight of BM25 (log-scaled) in the final score, mostly a tie-breaker. */
  bm25Weight: number;
  /** How much of the previous sentence a sentence that refers back to it ("that demand") holds. */
  contextStrength: number;
  /**
   * Share of the best passage's score from which a passage holding the answer's form answers a
   * question whose form is strict (a sum, a percentage, an age, a count, a party, an earlier
   * post). On the question sets,
   * the passages that answer one score 0.8 of the best or more; of those holding a sum or a count
   * of something else, six score 0.58 or less and one 0.68. A count said in other words than the
   * question's ("crews have finished 14 more wells" for "how many wells have been drilled") may
   * score about two thirds.
   */
  minFormScore: number;
  /** Word-vector similarity from which a word counts as another way to say the question's word. */
  minSimilarity: number;
  /**
   * Word-vector similarity from which a sentence's closest word to a question word that the
   * articles never use in any form ("Are Russia's aims stable?") still tells sentences apart, for
   * ranking and quoting only: it never makes a passage answer.
   */
  minUnheardSimilarity: number;
  /** A word that similar holds the question's word with strength `similarity × vectorStrength`. */
  vectorStrength: number;
  /** Weight of the question's closeness in meaning to a passage's closest sentence (in standard scores over the corpus). */
  meaningWeight: number;
  /** Passages closest in meaning added to the candidates even when they share no word with the question. */
  meaningCandidates: number;
  /**
   * Cosine similarity of the question to a passage's closest sentence from which a question that
   * names no actor is answered by the passage even in other words…
   */
  minCloseness: number;
  /** …when the passage still holds this much of the question's weight in some words… */
  minClosenessCoverage: number;
  /** …and at most this share of the question's weight is in words the articles never use in any form ("the best fishing spot on the Nile"). */
  maxUnheardForCloseness: number;
  /**
   * A question that names no actor is also answered by a passage that holds this much of its
   * weight counting other words for its own (synonyms, similar words: "takings fell" for "income
   * drop")…
   */
  minOtherWordsCoverage: number;
  /** …when the passage's closest sentence is at least this close to the question in meaning (cosine)… */
  minOtherWordsCloseness: number;
  /** …and at most this share of the question's weight is in words the articles never use in any form ("Where can I buy mosquito repellent?"). */
  maxUnheardInOtherWords: number;
  /**
   * How much more a sentence counts, in choosing the quote, for holding the noun a "what is the …"
   * question asks for ("turnout"): as much as half the question's weight in its other words (on
   * the question sets, any value from 0.1 to 1 quotes the same sentences).
   */
  focusBonus: number;
  /**
   * Strength of the question's word in a word derived from it that stems alike ("regional" for
   * "regions", "independent" for "independence"): the Porter stemmer joins them, yet "regional
   * figures" are no regions. As much as a synonym: another word, near in meaning. On the question
   * sets any value from 0.35 to 0.55 ranks alike; 0.6 and more leave "regional figures" first for
   * "Which northern regions …?".
   */
  derivationStrength: number;
}

export const DEFAULT_ANSWER_OPTIONS: AnswerOptions = {
  k: 3,
  offset: 0,
  candidates: 50,
  minCoverage: 0.2,
  minDirectCoverage: 0.5,
  minRelativeScore: 0.4,
  prefixStrength: 0.6,
  fuzzyStrength: 0.7,
  actorStrength: 0.8,
  synonymStrength: 0.45,
  hypernymStrength: 0.35,
  hyponymStrength: 0.35,
  derivedStrength: 0.35,
  roleStrength: 0.8,
  minActorWeight: 0.8,
  adverbWeight: 0.25,
  answerTypeBonus: 0.25,
  minFormScore: 0.6,
  bm25Weight: 0.1,
  contextStrength: 0.3,
  minSimilarity: 0.7,
  minUnheardSimilarity: 0.45,
  vectorStrength: 0.55,
  meaningWeight: 0.3,
  meaningCandidates: 10,
  minCloseness: 0.42,
  minClosenessCoverage: 0.05,
  maxUnheardForCloseness: 0.8,
  minOtherWordsCoverage: 0.2,
  minOtherWordsCloseness: 0.3,
  maxUnheardInOtherWords: 0.65,
  focusBonus: 0.5,
  derivationStrength: 0.45,
};

export interface Citation {
  file: string;
  title: string;
  publisher?: string;
  paragraph: number;
  start: number;
  end: number;
}

export interface AnswerResult {
  rank: number;
  score: number;
  /** The whole passage, verbatim. */
  text: string;
  /** The answering sentence (with the next one when it continues the answer), verbatim, a substring of `text`. */
  quote: string;
  /** Where `quote` starts and ends inside `text`. */
  quoteSpan: Span;
  source: Citation;
}

export interface Answer {
  query: string;
  answered: boolean;
  results: AnswerResult[];
  /** How many results pass the bar in all (for paging with `offset`). */
  total: number;
  /** Why nothing was quoted, when `answered` is false. */
  reason?: string;
  /** Names in the question that the articles never mention, when that is why. */
  absent?: string[];
  /** The kind of answer asked for ("sum of money", "age") that the passages about the question do not give, when that is why. */
  missing?: string;
}

export interface AnswerContext {
  index: PassageIndex;
  aliases: AliasTable;
  /** What the articles call each person besides their name (`actors/roles.ts`), by actor id. */
  roles?: ReadonlyMap<string, PersonRole>;
  sources: ReadonlyMap<string, SourceMeta>;
  /** Each article's lines on where it comes from (attribution, byline), by file: they answer questions about the article itself. */
  origins?: ReadonlyMap<string, readonly OriginLine[]>;
  lexicon?: Lexicon;
  vectors?: WordVectors;
  /** Encodes the question when the index holds sentence vectors. */
  encoder?: SentenceEncoder;
}

/** A content word of the question and what in a passage may stand for it. */
interface Concept {
  term: string;
  /** The question's word, lower case, for word-vector similarity. */
  word?: string;
  /** Words of opposite meaning, which word vectors find similar but never stand for the word. */
  antonyms?: Set<string>;
  /** A word that qualifies the question rather than names its topic (an adverb): it weighs less, and only in its own words. */
  qualifier?: boolean;
  weight: number;
  /** index term → strength of the match (1 = the word itself). */
  variants: Map<string, number>;
  actorId?: string;
}

interface Scored {
  passage: Passage;
  score: number;
  coverage: number;
  /** Coverage counting only the question's own words, names and close spellings (strength ≥ 0.6). */
  directCoverage: number;
  /**
   * The question's actors the passage holds: named in it, or named elsewhere in its article while
   * the passage names no other actor of that kind.
   */
  actorsHeld: ReadonlySet<string>;
  /** Whether the quoted sentence holds the kind of answer the question asks for. */
  typeHeld: boolean;
  /** The question's actors that the passage's best sentence holds, in its words or through the sentence it refers back to. */
  bestSentenceActors: ReadonlySet<string>;
  /** How strongly the passage holds each of the question's concepts (0–1), in concept order. */
  held: readonly number[];
  /** How many of the question's actors the passage itself names. */
  actorsNamed: number;
  /** Coverage of the question's other words (1 when it has none). */
  topicCoverage: number;
  /** The strongest match of any of the question's other words (1 when it has none). */
  topicStrength: number;
  /** Cosine similarity of the question to the passage's closest sentence (0 without sentence vectors). */
  closeness: number;
  quote: Span;
}

/** The concepts a question becomes, for `eval --explain` and tests. */
export async function explainQuestion(ctx: AnswerContext, asked: string, opts: Partial<AnswerOptions> = {}) {
  const o = { ...DEFAULT_ANSWER_OPTIONS, ...opts };
  const question = await spellOut(ctx, asked);
  const tokens = wordTokens(question);
  const shape = await withPersonFocus(ctx, tokens, questionShape(tokens));
  const concepts = await questionConcepts(ctx, question, tokens, shape.phraseTokens, o);
  return {
    type: shape.type,
    unknown: await unknownNames(ctx, question, tokens),
    concepts: concepts.map((c) => ({ term: c.term, weight: Math.round(c.weight * 100) / 100, actorId: c.actorId, variants: Object.fromEntries(c.variants) })),
  };
}

export async function answerQuestion(ctx: AnswerContext, asked: string, opts: Partial<AnswerOptions> = {}): Promise<Answer> {
  const o = { ...DEFAULT_ANSWER_OPTIONS, ...opts };
  const declined = (reason: string): Answer => ({ query: asked, answered: false, results: [], total: 0, reason });
  const origin = originAnswer(ctx, asked, o);
  if (origin) return origin;
  const question = await spellOut(ctx, asked);
  const tokens = wordTokens(question);
  const shape = await withPersonFocus(ctx, tokens, questionShape(tokens));
  const unknown = await unknownNames(ctx, question, tokens);
  if (unknown.length > 0) return { ...declined(`the articles never mention ${unknown.join(", ")}`), absent: unknown };
  const concepts = await questionConcepts(ctx, question, tokens, shape.phraseTokens, o);
  if (concepts.length === 0) return declined("the question has no content words");

  const meaning = await questionMeaning(ctx, question);
  const focusTerm = shape.focus === undefined ? undefined : processTerm(tokens[shape.focus]!.text);
  const focus = concepts.find((c) => !c.actorId && c.term === focusTerm);
  const expected: Expected = { type: shape.type, counted: countedConcepts(ctx, question, tokens, shape, concepts), ...(focus ? { focus } : {}) };
  const scored = candidates(ctx, concepts, meaning, o).map((c) => scorePassage(ctx, c.passage, c.bm25, concepts, expected, meaning, o));
  scored.sort((a, b) => b.score - a.score || a.passage.start - b.passage.start);
  const anchored = concepts.some((c) => c.actorId);
  const unheard = unheardShare(concepts);
  // A sum of money, a percentage or an age has an unmistakable form ("$4.5 billion", "8%", "aged
  // 54"), and so has a number of the thing "how many" counts ("2,500 troops"): only a passage that
  // quotes one answers "How much did Kabul pay …?" or "How many wells …?", however well it matches
  // the rest: a sum elsewhere in the paragraph is the price of something else.
  const form = shape.type === undefined ? undefined : STRICT_FORMS[shape.type];
  const strict = form !== undefined || expected.counted !== undefined;
  // "How many Russian troops …", "How many soldiers does Germany have …": a count of the actor's own
  // things, which a passage holding another of its kind instead gives of that one ("The United
  // States has reduced its contingent … to 2,500").
  const owner = expected.counted ? countOwner(ctx, question, tokens, shape) : undefined;
  const countedActors = (expected.counted ?? []).flatMap((c) => (c.actorId ? [c.actorId] : []));
  // "Who chaired the talks?": only a passage that holds the deed, in some form or stand-in, can say
  // who did it; one on the same talks that never mentions a chair cannot.
  const deedTerm = shape.deed === undefined ? undefined : processTerm(tokens[shape.deed]!.text);
  const deed = concepts.findIndex((c) => !c.actorId && c.term === deedTerm);
  const relevant = scored.filter(
    (s) => answers(s, anchored, unheard, o) && countedActors.every((id) => s.actorsHeld.has(id)) && (owner === undefined || s.bestSentenceActors.has(owner)),
  );
  const covering = deed < 0 ? relevant : relevant.filter((s) => s.held[deed]! > 0);
  if (covering.length === 0 && relevant.length > 0) return declined(`the passages about it never say who ${tokens[shape.deed!]!.text}`);
  let answering = strict ? covering.filter((s) => s.typeHeld) : covering;
  // A count may be written without the noun it counts ("The death toll rose to 40" for "How many
  // people died?"): failing a passage that counts it, one whose quote holds a number answers.
  if (expected.counted && answering.length === 0) answering = covering.filter((s) => (shape.type === "percent" ? givesBareShare : givesNumber)(quoteText(s)));
  // The passage with the answer must score near the best one (minFormScore of it): a far weaker
  // one that happens to hold some sum or percentage gives that of something else.
  const best = strict && answering[0] && answering[0].score < (covering[0]?.score ?? 0) * o.minFormScore ? undefined : answering[0];
  if (!best && covering.length > 0) {
    const missing = form ?? "number";
    return { ...declined(`the passages about it give no ${missing}`), missing };
  }
  if (!best) return declined("no passage covers enough of the question");
  if (anchored && sharesOnlyTheActor(best, shape.type, concepts, o)) return declined("the passages about the question's actor hold nothing else it asks for");

  const kept = answering.filter((s) => s.score >= best.score * o.minRelativeScore);
  const results = kept.slice(o.offset, o.offset + o.k).map((s, i) => toResult(ctx, s, o.offset + i + 1));
  return { query: asked, answered: true, results, total: kept.length };
}

/**
 * The answer to a question about the article itself ("Who first published this article?"): the
 * lines that say so (an attribution line for the publisher, a byline for the author), quoted
 * whole; with several articles, first those that hold most of the question's other words; declined
 * when no article has such a line. Undefined when the question asks of something else.
 */
function originAnswer(ctx: AnswerContext, asked: string, o: AnswerOptions): Answer | undefined {
  const asks = asksOfTheArticle(asked);
  if (!asks || !ctx.origins) return undefined;
  const kind = asks === "publisher" ? "attribution" : "byline";
  const lines = [...ctx.origins].flatMap(([file, own]) => own.filter((l) => l.kind === kind).map((line) => ({ file, line })));
  // "Who wrote this?" where no article has a byline: no passage can say it either ("write a new constitution" is no author).
  if (lines.length === 0) return { query: asked, answered: false, results: [], total: 0, reason: `the articles do not say who ${asks === "publisher" ? "published" : "wrote"} them` };
  const terms = new Set(analyse(asked));
  const shared = new Map<string, number>();
  for (const p of ctx.index.passages) shared.set(p.file, (shared.get(p.file) ?? 0) + new Set(analyse(p.text).filter((t) => terms.has(t))).size);
  lines.sort((a, b) => (shared.get(b.file) ?? 0) - (shared.get(a.file) ?? 0) || a.file.localeCompare(b.file) || a.line.start - b.line.start);
  const results = lines.slice(o.offset, o.offset + o.k).map(
    ({ file, line }, i): AnswerResult => ({
      rank: o.offset + i + 1,
      score: 1,
      text: line.text,
      quote: line.text,
      quoteSpan: { start: 0, end: line.text.length },
      source: citationOf(ctx, file, line),
    }),
  );
  return { query: asked, answered: true, results, total: lines.length };
}

/**
 * The question with names the articles never write put as they do: an abbreviation spelled out
 * ("Has the UN ruled?" → "Has the United Nations ruled?", when they write "the United Nations
 * Commission"), a name written out that they write as its acronym ("the Instituto Nacional de
 * Estadística y Censos" → "the INDEC"), and a people's name the country's ("the Poles" → "the
 * Poland", which the alias table knows, from WordNet's "a native or inhabitant of Poland"). Names
 * the articles write, or that name an actor already, stay.
 */
async function spellOut(ctx: AnswerContext, question: string): Promise<string> {
  const mentions = ctx.aliases.mentions(question);
  const lexicon = ctx.lexicon ?? NO_LEXICON;
  const tokens = wordTokens(question);
  let out = "";
  let at = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (mentionAt(mentions, t) !== undefined) continue;
    const name = acronymAt(ctx, question, tokens, i, mentions) ?? (await capitalAt(ctx, lexicon, question, tokens, i, mentions));
    const words = name?.written ?? (indexTerm(ctx.index, t.text) ? undefined : await asWritten(ctx, lexicon, t.text));
    if (!words) continue;
    const last = name ? tokens[name.last]! : t;
    out += question.slice(at, t.start) + words;
    at = last.end;
    i = name?.last ?? i;
  }
  return out + question.slice(at);
}

/**
 * A capital the alias table does not know, named by the capitalised words from token `i` (at most
 * three): the country WordNet calls it the capital or seat of government of, when the alias table
 * knows that country ("What did La Paz ask for?" → Bolivia, "The Hague" → the Netherlands).
 */
async function capitalAt(ctx: AnswerContext, lexicon: Lexicon, question: string, tokens: readonly Token[], i: number, mentions: readonly Mention[]) {
  for (let n = Math.min(3, tokens.length - i); n >= 1; n--) {
    const run = tokens.slice(i, i + n);
    const joined = run.every((t, j) => j === 0 || /^ $/.test(question.slice(run[j - 1]!.end, t.start)));
    if (!joined || !run.every((t) => /^\p{Lu}/u.test(t.text) && mentionAt(mentions, t) === undefined)) continue;
    const country = countryNamed(ctx, (await lexicon.lookup(question.slice(run[0]!.start, run[n - 1]!.end), { noun: true })).capitalOf);
    if (country) return { written: country, last: i + n - 1 };
  }
  return undefined;
}

/**
 * A name the articles write only as its acronym, written out in the question ("Instituto Nacional
 * de Estadística y Censos" for INDEC, "European Investment Bank" for EIB): the longest run of
 * capitalised words from token `i` (three or more), with short lower-case words between them
 * ("de", "of"), whose words' beginnings spell exactly one of the articles' acronyms.
 */
function acronymAt(ctx: AnswerContext, question: string, tokens: readonly Token[], i: number, mentions: readonly Mention[]) {
  if (!/^\p{Lu}\p{Ll}/u.test(tokens[i]!.text)) return undefined;
  const capitalised = [i];
  for (let j = i + 1; j < tokens.length && j - i < MAX_NAME_WORDS; j++) {
    const t = tokens[j]!;
    if (!/^\s+$/.test(question.slice(tokens[j - 1]!.end, t.start)) || mentionAt(mentions, t) !== undefined) break;
    if (/^\p{Lu}/u.test(t.text)) capitalised.push(j);
    else if (!/^\p{Ll}{1,3}$/u.test(t.text)) break;
  }
  const acronyms = acronymsOf(ctx);
  // Three capitalised words at least: two that spell an acronym are more often a person ("Bruno Rossi" is no "BRO").
  for (let n = capitalised.length; n >= 3; n--) {
    const last = capitalised[n - 1]!;
    const words = tokens.slice(i, last + 1).map((t) => ({ text: normalizeToken(t.text), capitalised: /^\p{Lu}/u.test(t.text) }));
    const spelled = acronyms.filter((a) => spells(a.toLowerCase(), words));
    if (spelled.length === 1) return { written: spelled[0]!, last };
  }
  return undefined;
}

/** Most words of a name written out in full ("Associação Nacional dos Fabricantes de Veículos Automotores"). */
const MAX_NAME_WORDS = 10;

/** The acronyms the passages write ("INDEC", "EIB"), worked out once an index. */
const acronymsByIndex = new WeakMap<PassageIndex, string[]>();

function acronymsOf(ctx: AnswerContext): string[] {
  let acronyms = acronymsByIndex.get(ctx.index);
  if (!acronyms) {
    acronyms = [...new Set(ctx.index.passages.flatMap((p) => wordTokens(p.text).map((t) => t.text)).filter((w) => ACRONYM.test(w)))];
    acronymsByIndex.set(ctx.index, acronyms);
  }
  return acronyms;
}

/** An acronym long enough that spelling it from a name's words is no accident: three to eight capitals. */
const ACRONYM = /^\p{Lu}{3,8}$/u;

/**
 * Whether `acronym` (lower case) is the beginnings of `words` in order: each capitalised word gives
 * one letter or more, a short joining word ("de", "of") one letter or none (INDEC: Instituto
 * Nacional de Estadística y Censos; ANFAVEA: Associação Nacional dos Fabricantes de Veículos Automotores).
 */
function spells(acronym: string, words: ReadonlyArray<{ text: string; capitalised: boolean }>): boolean {
  if (words.length === 0) return acronym.length === 0;
  const [word, ...rest] = words;
  if (!word!.capitalised && spells(acronym, rest)) return true;
  const most = word!.capitalised ? word!.text.length : 1;
  for (let k = 1; k <= Math.min(most, acronym.length); k++) {
    if (acronym[k - 1] !== word!.text[k - 1]) break;
    if (spells(acronym.slice(k), rest)) return true;
  }
  return false;
}

/** The words the articles would write for a word of the question they never write; undefined to keep it as it is. */
async function asWritten(ctx: AnswerContext, lexicon: Lexicon, word: string): Promise<string | undefined> {
  if (PERIOD.test(word)) return `${ORDINALS[Number(word[1]) - 1]} ${/^q/i.test(word) ? "quarter" : "half"}`;
  // An actor's name misspelled, as chat does ("russains", "pakistn"): no dictionary word, one slip
  // from a name of an actor the articles name.
  const misspelled = ctx.aliases.misspelled(word);
  if (misspelled && ctx.index.actorPassages(misspelled.id) > 0 && !(await lexicon.lookup(word)).known) return misspelled.name;
  // Chat writes abbreviations in lower case too ("aurelion ceo why portugal"), but not a word
  // that is also one in lower case ("mad", "us").
  if (/^[a-z]{2,5}$/.test(word)) return STOP_WORDS.has(word) || (await lexicon.lookup(word, { noun: true })).lowerCase ? undefined : expansionWritten(ctx, lexicon, word);
  if (!/^\p{Lu}/u.test(word)) return undefined;
  // An abbreviation in the possessive ("KTZ's") is spelled out with its possessive.
  const [, abbreviation, possessive] = /^([A-Z]{2,6})((?:['’]s)?)$/.exec(word) ?? [];
  if (abbreviation !== undefined) {
    const spelled = ctx.index.spelledOut(abbreviation) ?? (await expansionWritten(ctx, lexicon, abbreviation)) ?? (await countryAbbreviated(ctx, lexicon, abbreviation));
    return spelled === undefined ? undefined : spelled + possessive;
  }
  return countryOfPeople(ctx, lexicon, word);
}

/** The country an abbreviation the alias table lacks is another name for in WordNet ("PRC" → China), when the alias table knows it. */
async function countryAbbreviated(ctx: AnswerContext, lexicon: Lexicon, abbreviation: string): Promise<string | undefined> {
  const { related } = await lexicon.lookup(abbreviation, { noun: true });
  return countryNamed(ctx, related.filter((r) => r.relation === "synonym").map((r) => r.word));
}

/** The first of `names` that the alias table knows as a country, by the country's own name. */
function countryNamed(ctx: AnswerContext, names: readonly string[] = []): string | undefined {
  for (const name of names) {
    const actor = ctx.aliases.resolve(name);
    if (actor?.kind === "country") return actor.name;
  }
  return undefined;
}

/**
 * What the dictionary says an abbreviation stands for, when the articles write most of its words
 * ("CEO" → "chief executive officer" where they write "chief executive"); undefined otherwise,
 * so that an abbreviation for something they never mention ("PM" → "prime minister") stays a name
 * they never mention.
 */
async function expansionWritten(ctx: AnswerContext, lexicon: Lexicon, abbreviation: string): Promise<string | undefined> {
  const written = (phrase: string) => {
    const words = wordTokens(phrase).map((t) => t.text);
    return words.filter((w) => indexTerm(ctx.index, w) !== undefined).length / words.length;
  };
  return (await lexicon.lookup(abbreviation, { noun: true })).expansions?.find((phrase) => written(phrase) > 0.5);
}

/** A quarter or a half of a year as business news abbreviates it: "Q3", "h1". */
const PERIOD = /^(?:q[1-4]|h[12])$/i;
const ORDINALS = ["first", "second", "third", "fourth"];

/** The name of the country whose people a word names ("Poles" → Poland), when WordNet knows them and the alias table the country. */
async function countryOfPeople(ctx: AnswerContext, lexicon: Lexicon, word: string): Promise<string | undefined> {
  return countryNamed(ctx, (await lexicon.lookup(word, { noun: true })).peopleOf);
}

/**
 * "Which Afghan official …?", "What lawyer …?" ask for a person, like "who": the noun after
 * "which" or "what" (past one adjective) is a kind of person in its first WordNet sense. The noun
 * stays a topic word, since the answer often holds it ("Zamir Kabulov, the … official").
 */
async function withPersonFocus(ctx: AnswerContext, tokens: readonly Token[], shape: QuestionShape): Promise<QuestionShape> {
  if (shape.type) return shape;
  for await (const { info } of afterWhich(tokens, ctx.lexicon ?? NO_LEXICON)) if (info.personNoun) return { ...shape, type: "person" };
  return shape;
}

/**
 * The words after "which" or "what" that may be the noun naming the kind of answer, with what
 * WordNet knows of each: the next word, and the one after it when the first is an adjective
 * ("which Afghan official"). None when a function word follows ("What has …", "Which of …").
 */
async function* afterWhich(tokens: readonly Token[], lexicon: Lexicon): AsyncGenerator<{ token: Token; info: WordInfo }> {
  const at = tokens.findIndex((t) => /^(?:which|what)$/i.test(t.text));
  if (at < 0) return;
  for (const token of tokens.slice(at + 1, at + 3)) {
    if (STOP_WORDS.has(normalizeToken(token.text))) return;
    const info = await lexicon.lookup(token.text, { noun: true });
    yield { token, info };
    if (!info.adjective) return;
  }
}

/**
 * Whether a passage answers well enough to quote. A question about an actor of the articles
 * (it names one, in any of its names) is answered by a passage that names the actor and covers
 * enough of the rest, even in other words, or whose closest sentence is close to the question in
 * meaning (a paraphrase in words of its own: "How much did Iran pour into keeping the Syrian
 * leadership in power?" against "Iran spent … propping up the Assad regime"); a question that names none must be matched mostly
 * in its own words, since other words alone match almost anything somewhere, unless one of the
 * passage's sentences is close to the question in meaning as a whole, or the passage holds
 * much of the question in other words and one sentence is near it in meaning: neither
 * evidence alone is enough, both together are.
 */
function answers(s: Scored, anchored: boolean, unheard: number, o: AnswerOptions): boolean {
  if (anchored) return s.actorsHeld.size > 0 && (s.coverage >= o.minCoverage || s.closeness >= o.minCloseness);
  const close = s.closeness >= o.minCloseness && s.coverage >= o.minClosenessCoverage && unheard <= o.maxUnheardForCloseness;
  const inOtherWords = s.coverage >= o.minOtherWordsCoverage && s.closeness >= o.minOtherWordsCloseness && unheard <= o.maxUnheardInOtherWords;
  return s.directCoverage >= o.minDirectCoverage || close || inOtherWords;
}

/** The share of the question's weight in words the articles never use in any form (no stand-in, derivation or typo). */
function unheardShare(concepts: readonly Concept[]): number {
  const total = concepts.reduce((sum, c) => sum + c.weight, 0);
  const unheard = concepts.filter((c) => !c.actorId && c.variants.size === 0).reduce((sum, c) => sum + c.weight, 0);
  return total > 0 ? unheard / total : 0;
}

/**
 * Whether the best passage for a question about an actor shares nothing with it but that one
 * actor, and either lacks the kind of answer the question asks for ("Who is the president of
 * Uzbekistan?" against the one passage naming Uzbeks, about a railway) or answers a question
 * whose other words the articles never use ("What's the weather like in Doha?"); or whether it
 * meets a factual question in such words only through a broader or a loosely related word. A passage
 * naming two of the question's actors is about their relation; a vague question in the
 * articles' words ("What is Egypt's role?") or one asking why is answered by what the passage
 * says of the actor.
 */
function sharesOnlyTheActor(best: Scored, type: AnswerType | undefined, concepts: readonly Concept[], o: AnswerOptions): boolean {
  if (best.actorsNamed >= 2) return false;
  // None of the question's other words is in the articles, not even derived or misspelled (at most through WordNet).
  const otherWordsAbsent = concepts.filter((c) => !c.actorId && !c.qualifier).every((c) => ![...c.variants.values()].some((v) => v >= DIRECT));
  const factual = type !== undefined && type !== "reason" && type !== "definition" && type !== "view" && type !== "career";
  // A factual question in words the articles never use, matched at best by a broad term ("people"
  // → "community"), asks for a fact they do not hold ("How many people live in Kabul?").
  if (otherWordsAbsent && factual && best.topicStrength < o.synonymStrength) return true;
  if (best.topicCoverage > 0) return false;
  return otherWordsAbsent || (factual && !best.typeHeld);
}

/**
 * Names in the question that the articles never mention: a known actor with no passage (a
 * country from the gazetteer, say), or a capitalised word inside the question that is neither
 * in the articles' vocabulary nor a typo of a word that is, nor an adjective that WordNet
 * relates to a word of the articles ("European" → "German": it describes what they name
 * otherwise). A question about them cannot be answered from these articles, however well its
 * other words match.
 */
async function unknownNames(ctx: AnswerContext, question: string, tokens: readonly Token[]): Promise<string[]> {
  const lexicon = ctx.lexicon ?? NO_LEXICON;
  const mentions = ctx.aliases.mentions(question);
  const unknown: Span[] = mentions.filter((m) => ctx.index.actorPassages(m.actorId) === 0 && !nameAsWord(ctx.index, m)).map((m) => ({ start: m.start, end: m.end }));
  for (const [i, t] of tokens.entries()) {
    if (i === 0 || !/^\p{Lu}/u.test(t.text) || /[.!?:]\s*$/.test(question.slice(0, t.start)) || isCalendarName(t.text)) continue;
    if (mentionAt(mentions, t) !== undefined) continue;
    const term = processTerm(t.text);
    if (typeof term !== "string" || ctx.index.documentFrequency.has(term)) continue;
    if (fuzzyVariants(ctx.index, term, normalizeToken(t.text)).size > 0 || describesIndexed(ctx, await lexicon.lookup(t.text))) continue;
    // Words of one name ("Vladimir Putin") are one unknown name.
    const last = unknown[unknown.length - 1];
    if (last && /^\s+$/.test(question.slice(last.end, t.start))) last.end = t.end;
    else unknown.push({ start: t.start, end: t.end });
  }
  return unknown.map((s) => question.slice(s.start, s.end));
}

/** A word's index term, when the articles hold it (a hyphenated word, which gives several, has none). */
function indexTerm(index: PassageIndex, word: string): string | undefined {
  const term = processTerm(word);
  return typeof term === "string" && index.documentFrequency.has(term) ? term : undefined;
}

/** The index term of a one-word name in the question ("India"), when the articles hold that word. */
function nameAsWord(index: PassageIndex, m: { text: string }): string | undefined {
  return wordTokens(m.text).length === 1 ? indexTerm(index, m.text) : undefined;
}

/** Whether a word is an adjective that WordNet relates to a word the articles hold. */
function describesIndexed(ctx: AnswerContext, info: WordInfo): boolean {
  return info.adjective === true && info.related.some((r) => indexTerm(ctx.index, r.word) !== undefined);
}

async function questionConcepts(ctx: AnswerContext, question: string, tokens: readonly Token[], skip: Set<number>, o: AnswerOptions): Promise<Concept[]> {
  const { index, aliases } = ctx;
  const lexicon = ctx.lexicon ?? NO_LEXICON;
  const mentions = aliases.mentions(question);
  const concepts = new Map<string, Concept>();
  // An actor named in the question, in whatever words, is one concept: held where the actor is named.
  for (const m of mentions) {
    const key = `@${m.actorId}`;
    if (!concepts.has(key)) concepts.set(key, { term: key, weight: 0, variants: new Map(), actorId: m.actorId });
    // An actor the articles name only inside a longer name ("India" in "the Serum Institute of
    // India") is held where they write the question's word for it.
    const word = index.actorPassages(m.actorId) === 0 ? nameAsWord(index, m) : undefined;
    if (word) concepts.get(key)!.variants.set(word, 1);
  }
  const pending: Array<Promise<void>> = [];
  tokens.forEach((token, i) => {
    const term = processTerm(token.text);
    if (skip.has(i) || term === null || Array.isArray(term) || concepts.has(term)) return;
    if (mentionAt(mentions, token) !== undefined) return;
    // A last word with nothing after it may be unfinished (a question cut short): any longer word may complete it.
    const unfinished = i === tokens.length - 1 && token.end === question.length;
    const concept: Concept = { term, word: normalizeToken(token.text), weight: 0, variants: termVariants(index, term, unfinished, o) };
    concepts.set(term, concept);
    pending.push(
      lexicon.lookup(token.text, { noun: usedAsNoun(question, tokens, i) }).then(({ known, adverb, related, antonyms }) => {
        concept.antonyms = new Set(antonyms);
        if (adverb) {
          concept.qualifier = true;
          return;
        }
        // A word the articles lack may be a typo of one they have, or one cut short as chat cuts
        // them ("univ", "assoc"), unless it is a dictionary word; failing those, a typo of a
        // function word ("wil", "teh") is no topic at all.
        if (!known && !index.documentFrequency.has(term)) {
          for (const t of fuzzyVariants(index, term, concept.word!)) if (!concept.variants.has(t)) concept.variants.set(t, o.fuzzyStrength);
          if (term.length >= 4) for (const t of termVariants(index, term, true, o).keys()) if (!concept.variants.has(t)) concept.variants.set(t, o.prefixStrength);
          if (concept.variants.size === 0 && isStopWordTypo(concept.word!)) concepts.delete(term);
        }
        for (const r of related) {
          const stem = indexTerm(index, r.word);
          if (stem !== undefined && !concept.variants.has(stem)) concept.variants.set(stem, relationStrength(r.relation, o));
        }
      }),
    );
  });
  await Promise.all(pending);
  await dropAbsentAnswerNoun(tokens, concepts, lexicon);
  // A word of the question stands for itself only, never for another of its words: in "crude
  // oil", "oil" is not also a broader term for "crude", or a passage saying "oil" would count twice.
  const own = new Set(concepts.keys());
  for (const c of concepts.values()) for (const t of [...c.variants.keys()]) if (t !== c.term && own.has(t)) c.variants.delete(t);
  for (const c of concepts.values()) c.weight = conceptWeight(index, c, o) * (c.qualifier ? o.adverbWeight : 1);
  return [...concepts.values()];
}

/**
 * "Which journal published the study?", "What percentage of …": the noun after "which" or "what"
 * (past one adjective) names the kind of answer, and the answer often names only an instance of it
 * ("The Lancet Planetary Health"). When the articles never use the noun in any form, it is the
 * question's frame, not a topic word that no passage holds.
 */
async function dropAbsentAnswerNoun(tokens: readonly Token[], concepts: Map<string, Concept>, lexicon: Lexicon): Promise<void> {
  for await (const { token } of afterWhich(tokens, lexicon)) {
    const term = processTerm(token.text);
    if (typeof term !== "string") return;
    const concept = concepts.get(term);
    if (concept && !concept.actorId && concept.variants.size === 0) {
      concepts.delete(term);
      return;
    }
  }
}

const NOUN_DETERMINER = new RegExp(`^(?:${DETERMINERS}|every|each|no)$`, "i");

/** Whether the question's word follows a determiner or a possessive ("the aims", "Russia's aims"), so that it is a noun. */
function usedAsNoun(question: string, tokens: readonly Token[], i: number): boolean {
  const previous = tokens[i - 1];
  if (!previous || !/^\s+$/.test(question.slice(previous.end, tokens[i]!.start))) return false;
  return NOUN_DETERMINER.test(previous.text) || /\p{L}['’]s?$|['’]s$/u.test(previous.text);
}

/**
 * What may follow a stem to make a word derived from it, as the stemmer leaves it (russia →
 * russian, agre → agreement, alli → allianc, minist → ministri; a stem may have lost an "e"),
 * and not a word that merely starts the same (ever → everyon).
 */
const DERIVATION_SUFFIX = /^e?(?:n|an|ian|al|ic|ment|anc|enc|ri|ari|i|er|or|ist|ism|iti|ion|ation|ship|hood|ness)$/;

/** Endings that make a word derived from another, as the stemmer leaves them: a doer ("striker", "investor", "economist", "historian"), an action or state ("agreement", "weakness"). */
const BASE_SUFFIX = /(?:er|or|ist|ian|ment|ness)$/;

function relationStrength(relation: Relation, o: AnswerOptions): number {
  return { spelling: 1, synonym: o.synonymStrength, hypernym: o.hypernymStrength, hyponym: o.hyponymStrength, derived: o.derivedStrength }[relation];
}

/**
 * The index terms that may stand for `term`: itself, the words derived from it, and the word it
 * is derived from ("striker" → strike, "investor" → invest, "teacher" → teach); or any word it
 * begins when `unfinished`.
 */
function termVariants(index: PassageIndex, term: string, unfinished: boolean, o: AnswerOptions): Map<string, number> {
  const variants = new Map<string, number>();
  if (index.documentFrequency.has(term)) variants.set(term, 1);
  if (term.length >= 4 && !/[.-]/.test(term)) {
    for (const t of index.vocabularyWithPrefix(term)) {
      if (t !== term && (unfinished || DERIVATION_SUFFIX.test(t.slice(term.length)))) variants.set(t, o.prefixStrength);
    }
    // Back to the base only from a suffix that surely derives ("strikers", "investors"), not from
    // any ending ("million" is no "mill", "country" no "count").
    const derived = BASE_SUFFIX.exec(term);
    if (derived && derived.index >= 4) {
      const base = term.slice(0, derived.index);
      // The stem may have kept an "e" the derived word drops: strike → strik-er.
      for (const t of [base, `${base}e`]) if (index.documentFrequency.has(t)) variants.set(t, o.prefixStrength);
    }
  }
  return variants;
}

/** Function words, for telling their typos (one slip away: "wil", "teh", "waht"). */
let stopWordMap: SearchableMap<true> | undefined;

function isStopWordTypo(word: string): boolean {
  if (word.length < 3 || word.length > 6) return false;
  stopWordMap ??= SearchableMap.from([...STOP_WORDS].filter((w) => w.length >= 3).map((w) => [w, true as const]));
  return stopWordMap.fuzzyGet(word, 1).size > 0 || transpositions(word).some((w) => stopWordMap!.has(w));
}

/**
 * Index terms one edit away (two for long words) from a word of five letters or more: from its
 * term, and from the word as written (`word`, normalised) against the words the articles write.
 */
function fuzzyVariants(index: PassageIndex, term: string, word: string): Set<string> {
  const edits = (n: number) => (n >= 9 ? 2 : n >= 5 ? 1 : 0);
  const found = new Set<string>();
  const termEdits = edits(term.length);
  if (termEdits > 0) {
    const results = index.search.search(term, { fields: ["text"], fuzzy: termEdits, maxFuzzy: termEdits, tokenize: (t) => [t], processTerm: (t) => t });
    for (const r of results) r.terms.forEach((t) => found.add(t));
  }
  const wordEdits = edits(word.length);
  if (wordEdits > 0) index.writtenWordTerms(word, wordEdits).forEach((t) => found.add(t));
  return new Set([...found].filter((t) => t !== term && !/[.-]/.test(t)));
}

/**
 * A concept weighs the idf of the word itself, or of its best stand-in when the word is unknown;
 * a word with no stand-in weighs as the rarest word, so leaving it unmatched costs most.
 */
function conceptWeight(index: PassageIndex, c: Concept, o: AnswerOptions): number {
  if (c.actorId) return Math.max(index.actorIdf(c.actorId), o.minActorWeight);
  if (index.documentFrequency.has(c.term)) return index.idf(c.term);
  const best = [...c.variants].sort((a, b) => b[1] - a[1])[0];
  return best && best[1] >= 0.6 ? index.idf(best[0]) : index.idf("");
}

/**
 * How close in meaning the question is to every sentence of the corpus (cosine of their sentence
 * vectors), as standard scores over the corpus: what counts is how much closer a sentence is than
 * the rest, since raw similarities of one question to any text sit in a narrow band.
 */
async function questionMeaning(ctx: AnswerContext, question: string): Promise<Meaning | undefined> {
  const vectors = ctx.index.sentenceVectors;
  if (!vectors || !ctx.encoder) return undefined;
  const [q] = await ctx.encoder.embed([question]);
  if (!q) return undefined;
  const similarity = vectors.similarities(q);
  // In a large corpus the closest sentences stand further out from the rest without being more of
  // an answer: beyond three standard deviations, closeness counts the same.
  return { similarity, standard: standardScores(similarity).map((z) => Math.min(z, MAX_STANDARD_SCORE)) };
}

const MAX_STANDARD_SCORE = 3;

/** The question's closeness to each sentence of the corpus, by row. */
interface Meaning {
  /** Cosine similarity. */
  similarity: Float32Array;
  /** The same as standard scores over the corpus. */
  standard: Float32Array;
}

/** `(x − mean) / standard deviation` of each value; all zero when they hardly differ. */
export function standardScores(values: Float32Array): Float32Array {
  const n = values.length;
  const out = new Float32Array(n);
  if (n === 0) return out;
  let mean = 0;
  for (const v of values) mean += v / n;
  let variance = 0;
  for (const v of values) variance += (v - mean) ** 2 / n;
  const sd = Math.sqrt(variance);
  if (sd < 1e-3) return out;
  for (let i = 0; i < n; i++) out[i] = (values[i]! - mean) / sd;
  return out;
}

/** One of the question's closeness measures for each sentence of a passage (0 without sentence vectors). */
function sentenceMeaning(ctx: AnswerContext, passage: Passage, meaning: Meaning | undefined, measure: keyof Meaning = "standard"): number[] {
  const row = ctx.index.sentenceRow(passage);
  return passage.sentences.map((_, i) => (meaning && row >= 0 ? meaning[measure][row + i]! : 0));
}

function candidates(ctx: AnswerContext, concepts: Concept[], meaning: Meaning | undefined, o: AnswerOptions): Array<{ passage: Passage; bm25: number }> {
  const found = wordCandidates(ctx, concepts, o);
  if (!meaning || o.meaningCandidates <= 0) return found;
  const seen = new Set(found.map((c) => c.passage.id));
  const closest = ctx.index.passages
    .filter((p) => !seen.has(p.id))
    .map((p) => ({ passage: p, closeness: Math.max(...sentenceMeaning(ctx, p, meaning)) }))
    .sort((a, b) => b.closeness - a.closeness)
    .slice(0, o.meaningCandidates);
  return [...found, ...closest.map((c) => ({ passage: c.passage, bm25: 0 }))];
}

function wordCandidates(ctx: AnswerContext, concepts: Concept[], o: AnswerOptions): Array<{ passage: Passage; bm25: number }> {
  const terms = new Map<string, number>();
  for (const c of concepts) for (const [t, strength] of c.variants) terms.set(t, Math.max(terms.get(t) ?? 0, strength));
  const actorIds = [...new Set(concepts.flatMap((c) => (c.actorId ? [c.actorId] : [])))];
  const exact = { tokenize: (t: string) => [t], processTerm: (t: string) => t };
  const queries = [
    ...(terms.size > 0 ? [{ ...exact, queries: [...terms.keys()], fields: ["text"], boostTerm: (t: string) => terms.get(t) ?? 1 }] : []),
    ...(actorIds.length > 0 ? [{ ...exact, queries: actorIds, fields: ["actors"], boost: { actors: o.actorStrength } }] : []),
  ];
  if (queries.length === 0) return [];
  const results = ctx.index.search.search({ combineWith: "OR", queries });
  return results.slice(0, o.candidates).map((r) => ({ passage: ctx.index.passage(r), bm25: r.score }));
}

/** Answer types whose form is unmistakable in text, so that a passage without one does not answer, and what to call that form when none does. */
const STRICT_FORMS: Partial<Record<AnswerType, string>> = { money: "sum of money", percent: "percentage", age: "age", party: "political party", career: "earlier post" };

/** Match strength from which a match is the question's own word (itself, a prefix, a typo, an actor's name). */
const DIRECT = 0.6;

function scorePassage(
  ctx: AnswerContext,
  passage: Passage,
  bm25: number,
  concepts: Concept[],
  expected: Expected,
  meaning: Meaning | undefined,
  o: AnswerOptions,
): Scored {
  const total = concepts.reduce((s, c) => s + c.weight, 0) || 1;
  const share = (held: number[]) => held.reduce((s, v, i) => s + v * concepts[i]!.weight, 0) / total;
  const previous = ctx.index.previousSentence(passage);
  let before = previous ? conceptsHeld(ctx, previous, concepts, o) : undefined;
  const inArticle = concepts.some((c) => c.actorId) ? actorsOfArticle(ctx, passage.file) : new Set<string>();
  const closeness = sentenceMeaning(ctx, passage, meaning);
  const texts = sentenceTexts(passage);
  const asked = actorIdsOf(concepts);
  // An interview's answer ("A: …") is about the question before it ("Q: …"): each of its sentences
  // also holds what the question held, as if the two were one paragraph.
  const interviewer = /^A\s*:/.test(passage.text) ? ctx.index.previousPassage(passage) : undefined;
  const questionHeld = interviewer && /^Q\s*:/.test(interviewer.text) ? conceptsHeld(ctx, interviewer.text, concepts, o) : undefined;
  const sentences = passage.sentences.map((span, i) => {
    const text = texts[i]!;
    const own = conceptsHeld(ctx, text, concepts, o);
    // A sentence that refers back ("that demand", "It …") also holds, more weakly, what it refers to.
    const referred = before && refersBack(text) ? own.map((v, i) => Math.max(v, o.contextStrength * before![i]!)) : own;
    const held = questionHeld ? referred.map((v, i) => Math.max(v, questionHeld[i]!)) : referred;
    before = own;
    const typed = holdsAnswerType(ctx, text, expected, asked);
    const unheard = unheardCloseness(ctx, text, concepts, o).map((v, i) => Math.max(0, v - held[i]!));
    return { span, held, typed, coverage: share(held), value: share(held) + share(unheard) + (typed ? o.answerTypeBonus : 0) };
  });
  const held = concepts.map((_, i) => Math.max(...sentences.map((s) => s.held[i]!)));
  const coverage = share(held);
  const directCoverage = share(held.map((v) => (v >= DIRECT ? v : 0)));
  const best = sentences.reduce((a, b) => (b.value > a.value ? b : a));
  const actorsHeld = new Set(
    concepts.flatMap((c, i) => (c.actorId !== undefined && (held[i] === 1 || (inArticle.has(c.actorId) && !namesAnotherOfItsKind(ctx, passage, c.actorId, asked))) ? [c.actorId] : [])),
  );
  const score = coverage + best.value + o.bm25Weight * Math.log1p(bm25) + o.meaningWeight * Math.max(0, ...closeness);
  const similarity = Math.max(0, ...sentenceMeaning(ctx, passage, meaning, "similarity"));
  const topic = concepts.map((c, i) => ({ c, v: held[i]! })).filter(({ c }) => !c.actorId && !c.qualifier);
  const topicWeight = topic.reduce((s, t) => s + t.c.weight, 0);
  const topicCoverage = topicWeight === 0 ? 1 : topic.reduce((s, t) => s + t.v * t.c.weight, 0) / topicWeight;
  const topicStrength = topic.length === 0 ? 1 : Math.max(...topic.map((t) => t.v));
  const actorsNamed = concepts.filter((c, i) => c.actorId !== undefined && held[i] === 1).length;
  // The quote: the best sentence, or one nearly as good that holds what a "what is the …" question asks for.
  const focusAt = expected.focus ? concepts.indexOf(expected.focus) : -1;
  const quoteValue = (s: (typeof sentences)[number]) => s.value + (s.held[focusAt]! >= DIRECT ? o.focusBonus : 0);
  const quoted = focusAt < 0 ? best : sentences.reduce((a, b) => (quoteValue(b) > quoteValue(a) ? b : a));
  const next = sentences[sentences.indexOf(quoted) + 1];
  // The sentence after the quoted one continues the answer when it holds, in the question's own
  // words, something the quoted one does not ("Not everyone is ready. Nurses … say they have not yet
  // received the refrigerators …"): then the quote is both.
  const continued = next?.held.some((v, i) => v >= DIRECT && quoted.held[i]! < DIRECT);
  const quote = continued ? { start: quoted.span.start, end: next!.span.end } : quoted.span;
  const bestSentenceActors = new Set(concepts.flatMap((c, i) => (c.actorId !== undefined && best.held[i]! >= o.contextStrength ? [c.actorId] : [])));
  return { passage, score, coverage, directCoverage, actorsHeld, actorsNamed, topicCoverage, topicStrength, typeHeld: best.typed, bestSentenceActors, held, closeness: similarity, quote };
}

/** The mention of an actor that a token stands inside ("Kabul" in "Kabul's government"), if any. */
function mentionAt(mentions: readonly Mention[], token: Token): Mention | undefined {
  return mentions.find((m) => m.start <= token.start && token.end <= m.end);
}

/** The actors the question names. */
function actorIdsOf(concepts: readonly Concept[]): Set<string> {
  return new Set(concepts.flatMap((c) => (c.actorId ? [c.actorId] : [])));
}

/** What the answer to a question looks like. */
interface Expected {
  type?: AnswerType;
  /**
   * For "how many …", the concepts of what is counted, its noun and the words before it: the
   * answer gives a number of it ("2,500 troops"; "four operating theatres" for "surgical suites").
   */
  counted?: Concept[];
  /** The concept of the noun a "what is the …" question asks for: the quote is the sentence that holds it, other things equal. */
  focus?: Concept;
}

/** The concepts of what "how many" counts (its noun and the words before it), when the noun is one of the question's concepts. */
function countedConcepts(ctx: AnswerContext, question: string, tokens: readonly Token[], shape: QuestionShape, concepts: readonly Concept[]): Concept[] | undefined {
  if (!shape.counted) return undefined;
  const mentions = ctx.aliases.mentions(question);
  const conceptOf = (token: Token | undefined) => {
    if (!token) return undefined;
    const mention = mentionAt(mentions, token);
    if (mention) return concepts.find((c) => c.actorId === mention.actorId);
    const term = processTerm(token.text);
    return typeof term === "string" ? concepts.find((c) => c.term === term) : undefined;
  };
  const noun = conceptOf(tokens[shape.counted.to]);
  if (!noun) return undefined;
  const before = tokens.slice(shape.counted.from, shape.counted.to).map(conceptOf).filter((c): c is Concept => c !== undefined);
  return [...new Set([noun, ...before])];
}

/**
 * The actor whose things a "how many" question counts when it is the subject after the counted
 * noun: Germany in "How many soldiers does Germany have …?", "How many wells has Petrobras drilled?".
 */
function countOwner(ctx: AnswerContext, question: string, tokens: readonly Token[], shape: QuestionShape): string | undefined {
  if (!shape.counted) return undefined;
  const auxiliary = tokens[shape.counted.to + 1];
  const subject = tokens[shape.counted.to + 2];
  if (!auxiliary || !subject || !AUXILIARY.test(auxiliary.text)) return undefined;
  return mentionAt(ctx.aliases.mentions(question), subject)?.actorId;
}

const AUXILIARY = /^(?:do|does|did|has|have|had|will|would|can|could|should|must|is|are|was|were)$/i;

/** How many words a number may come before what it counts ("3.6 million Syrian refugees"). */
const COUNT_REACH = 4;

/** Whether a sentence gives a number of what is `counted`: a number a few words before one of its concepts, in any of its words or stand-ins ("40,000 residents" for "people"). */
function givesCount(ctx: AnswerContext, text: string, counted: readonly Concept[]): boolean {
  const tokens = wordTokens(text);
  // "twice" is a number of times by itself: it answers "how many times …".
  if (counted.some((c) => c.term === "time") && tokens.some((t) => /^(?:once|twice|thrice)$/i.test(t.text))) return true;
  const numbers = tokens.flatMap((_, i) => (countsAt(tokens, i) ? [i] : []));
  if (numbers.length === 0) return false;
  const holds = holdsCounted(ctx, text, counted);
  return numbers.some((n) => tokens.slice(n + 1, n + 1 + COUNT_REACH).some(holds));
}

/** Whether a sentence gives a share of what is `counted`: a percentage a few words before one of its concepts ("9 per cent of its nurses"). */
function givesShare(ctx: AnswerContext, text: string, counted: readonly Concept[]): boolean {
  const ends = shareEnds(text);
  if (ends.length === 0) return false;
  const tokens = wordTokens(text);
  const holds = holdsCounted(ctx, text, counted);
  return ends.some((end) => tokens.filter((t) => t.start >= end).slice(0, COUNT_REACH).some(holds));
}

/** Whether a token of `text` holds one of the concepts of what is `counted`, in any of its words, stand-ins or actor names. */
function holdsCounted(ctx: AnswerContext, text: string, counted: readonly Concept[]): (t: Token) => boolean {
  const actors = new Set(counted.flatMap((c) => (c.actorId ? [c.actorId] : [])));
  const mentions = actors.size > 0 ? ctx.aliases.mentions(text).filter((m) => actors.has(m.actorId)) : [];
  return (t: Token) => {
    if (mentionAt(mentions, t) !== undefined) return true;
    return analyse(t.text).some((x) => counted.some((c) => x === c.term || c.variants.has(x)));
  };
}

/**
 * Whether a sentence holds the kind of answer asked for: for "how many", a number of what is
 * counted; for "which country", a country the question (`asked`) does not name.
 */
function holdsAnswerType(ctx: AnswerContext, text: string, expected: Expected, asked: ReadonlySet<string>): boolean {
  const type = expected.type;
  if (type === undefined) return false;
  if (expected.counted) return (type === "percent" ? givesShare : givesCount)(ctx, text, expected.counted);
  if (type !== "country") return hasAnswerType(text, type);
  return ctx.aliases.actorIds(text).some((id) => !asked.has(id) && ctx.aliases.actors.get(id)?.kind === "country");
}

/**
 * Whether a passage names an actor of the same kind as `actorId` that the question does not name
 * (another country, another person): then it is about that one, not about the question's actor
 * whom its article names elsewhere.
 */
function namesAnotherOfItsKind(ctx: AnswerContext, passage: Passage, actorId: string, asked: ReadonlySet<string>): boolean {
  const kind = ctx.aliases.actors.get(actorId)?.kind;
  return ctx.aliases.actorIds(passage.text).some((id) => !asked.has(id) && ctx.aliases.actors.get(id)?.kind === kind);
}

/** The actors each article names, in its title or any passage, by index (worked out once a file). */
const articleActors = new WeakMap<PassageIndex, Map<string, Set<string>>>();

function actorsOfArticle(ctx: AnswerContext, file: string): Set<string> {
  let byFile = articleActors.get(ctx.index);
  if (!byFile) articleActors.set(ctx.index, (byFile = new Map()));
  let actors = byFile.get(file);
  if (!actors) {
    const texts = [ctx.sources.get(file)?.title ?? "", ...ctx.index.passages.filter((p) => p.file === file).map((p) => p.text)];
    actors = new Set(texts.flatMap((t) => ctx.aliases.actorIds(t)));
    byFile.set(file, actors);
  }
  return actors;
}

/**
 * Whether a sentence opens with a pronoun, quotes someone it names by a pronoun ('"…," he told
 * reporters'), or holds a demonstrative noun phrase ("that demand").
 */
export function refersBack(sentence: string): boolean {
  return (
    /^(?:it|its|they|their|them|he|his|she|her|this|that|these|those|such)\b/i.test(sentence) ||
    /^["“‘'][^"”’]*["”’'],?\s+(?:he|she|they)\b/i.test(sentence) ||
    /\b(?:this|that|these|those|such)\s+(?!(?:the|a|an|it|they|he|she|we|you|i|is|was|are|were|would|will|could|should|can|may|might|must|has|have|had|does|did)\b)\p{Ll}+/u.test(sentence)
  );
}

/**
 * For each concept, how strongly `text` holds it (0–1). A person the text names also holds, more
 * weakly, the words and actors of their role ("Wrona" → Poland's agriculture minister).
 */
function conceptsHeld(ctx: AnswerContext, text: string, concepts: Concept[], o: AnswerOptions): number[] {
  const terms = new Set(analyse(text));
  const named = (ctx.roles?.size ?? 0) > 0 || concepts.some((c) => c.actorId) ? ctx.aliases.actorIds(text) : [];
  const actors = new Set(named);
  const roleTerms = new Set<string>();
  const roleActors = new Set<string>();
  for (const id of named) {
    const role = ctx.roles?.get(id);
    role?.terms.forEach((t) => roleTerms.add(t));
    role?.actors.forEach((a) => roleActors.add(a));
  }
  let words: string[] | undefined;
  let surfaces: Map<string, string[]> | undefined;
  return concepts.map((c) => {
    let best = 0;
    for (const [t, strength] of c.variants) {
      if (terms.has(t)) {
        // The question's own stem, written here only in a word derived from its word ("regional").
        const derived = t === c.term && c.word !== undefined && !(surfaces ??= surfaceWords(text)).get(t)?.some((w) => formsOfOneWord(w, c.word!));
        best = Math.max(best, derived ? strength * o.derivationStrength : strength);
      } else if (roleTerms.has(t)) best = Math.max(best, strength * o.roleStrength);
    }
    if (c.actorId && actors.has(c.actorId)) best = 1;
    else if (c.actorId && roleActors.has(c.actorId)) best = Math.max(best, o.roleStrength);
    if (best < o.vectorStrength && c.word && !c.qualifier) {
      words ??= contentWords(text);
      best = Math.max(best, closestWord(ctx, c, concepts, words, o.minSimilarity) * o.vectorStrength);
    }
    return best;
  });
}

/** Each term of a text, with the words (normalised, unstemmed) it comes from. */
function surfaceWords(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const t of wordTokens(text)) {
    const p = processTerm(t.text);
    if (typeof p !== "string") continue;
    const list = out.get(p);
    if (list) list.push(normalizeToken(t.text));
    else out.set(p, [normalizeToken(t.text)]);
  }
  return out;
}

/**
 * For each question word that the articles never use in any form (no stand-in, derivation or
 * typo), how close the sentence's closest word comes to it, weighted like a word-vector match;
 * 0 for every other concept.
 */
function unheardCloseness(ctx: AnswerContext, text: string, concepts: Concept[], o: AnswerOptions): number[] {
  let words: string[] | undefined;
  return concepts.map((c) => {
    if (c.actorId || c.qualifier || c.variants.size > 0 || !c.word) return 0;
    words ??= contentWords(text);
    return closestWord(ctx, c, concepts, words, o.minUnheardSimilarity) * o.vectorStrength;
  });
}

/** The distinct content words of a text, normalised but not stemmed (as word vectors know them). */
function contentWords(text: string): string[] {
  return [...new Set(wordTokens(text).map((t) => normalizeToken(t.text)))].filter((w) => !STOP_WORDS.has(w));
}

/**
 * The word-vector similarity of a concept's word to the closest of `words`, from `floor` (0
 * below it). Never a word of opposite meaning, nor another word of the question, which stands for itself.
 */
function closestWord(ctx: AnswerContext, c: Concept, concepts: readonly Concept[], words: readonly string[], floor: number): number {
  if (!c.word || !ctx.vectors?.has(c.word)) return 0;
  let best = 0;
  for (const w of words) {
    if (c.antonyms?.has(w) || (w !== c.word && concepts.some((d) => d.word === w))) continue;
    const sim = ctx.vectors.similarity(c.word, w) ?? 0;
    if (sim >= floor) best = Math.max(best, sim);
  }
  return best;
}

/** Where a scored passage's quote stands inside the passage's text. */
function quoteSpanOf(s: Scored): Span {
  return { start: s.quote.start - s.passage.start, end: s.quote.end - s.passage.start };
}

function quoteText(s: Scored): string {
  const span = quoteSpanOf(s);
  return s.passage.text.slice(span.start, span.end);
}

function toResult(ctx: AnswerContext, s: Scored, rank: number): AnswerResult {
  const p = s.passage;
  return {
    rank,
    score: Math.round(s.score * 1000) / 1000,
    text: p.text,
    quote: quoteText(s),
    quoteSpan: quoteSpanOf(s),
    source: citationOf(ctx, p.file, p),
  };
}

/** Where a quoted text stands: its file, the article's title and publisher, its paragraph and offsets. */
function citationOf(ctx: AnswerContext, file: string, at: Span & { paragraph: number }): Citation {
  const meta = ctx.sources.get(file);
  return { file, title: meta?.title ?? file, ...(meta?.publisher ? { publisher: meta.publisher } : {}), paragraph: at.paragraph, start: at.start, end: at.end };
}

/** The `ask --json` contract (DESIGN.md): only the documented fields, in their order. */
export function answerToJSON(answer: Answer) {
  return {
    query: answer.query,
    answered: answer.answered,
    results: answer.results.map((r) => ({
      rank: r.rank,
      score: r.score,
      text: r.text,
      quote: r.quote,
      source: {
        file: r.source.file,
        title: r.source.title,
        ...(r.source.publisher ? { publisher: r.source.publisher } : {}),
        paragraph: r.source.paragraph,
        start: r.source.start,
        end: r.source.end,
      },
    })),
  };
}
