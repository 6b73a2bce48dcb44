/**
 * Answering: from a question to ranked passages, each with the sentence(s) that answer it, and a
 * decision whether anything answers at all.
 *
 * 1. The question becomes *concepts*: its content terms, each with the index terms that may stand
 *    for it (itself; words that start with it; words one or two edits away, for typos; its
 *    actor, for names such as "the Kremlin" that the article writes "Moscow").
 * 2. MiniSearch's BM25 over the passages gathers candidates.
 * 3. Each candidate is scored again by *coverage*: the idf-weighted share of the question's
 *    concepts that the passage, and its best sentence, contain. A passage that answers tends to
 *    hold all of the question in one sentence; a weak match holds one common word.
 * 4. The question is `answered` only when the best passage covers enough of the question.
 */
import type { AliasTable } from "../actors/aliases.js";
import type { Passage, SourceMeta, Span } from "../corpus/types.js";
import { analyse, processTerm, tokenize } from "./analyse.js";
import type { PassageIndex } from "./passage-index.js";

/** Tunables of ranking and abstention, with their defaults in one place. */
export interface AnswerOptions {
  /** How many results to return (1–20). */
  k: number;
  /** Skip this many results first (for "More"). */
  offset: number;
  /** Candidates taken from BM25 before re-ranking. */
  candidates: number;
  /** Minimum idf-weighted coverage of the question by the best passage for `answered`. */
  minCoverage: number;
  /** Results after the first must score at least this share of the first's score. */
  minRelativeScore: number;
  /** Strength of a match through a word that starts with the question's term. */
  prefixStrength: number;
  /** Strength of a match through a word a typo away. */
  fuzzyStrength: number;
  /** Strength of a match through another name of the same actor. */
  actorStrength: number;
}

export const DEFAULT_ANSWER_OPTIONS: AnswerOptions = {
  k: 3,
  offset: 0,
  candidates: 40,
  minCoverage: 0.5,
  minRelativeScore: 0.35,
  prefixStrength: 0.6,
  fuzzyStrength: 0.7,
  actorStrength: 0.8,
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
  /** The answering sentence(s), verbatim, a substring of `text`. */
  quote: string;
  /** Where `quote` starts and ends inside `text`. */
  quoteSpan: Span;
  source: Citation;
}

export interface Answer {
  query: string;
  answered: boolean;
  results: AnswerResult[];
  /** Total results that pass the bar (for paging with `offset`). */
  total: number;
}

/** A content term of the question and what in a passage may stand for it. */
interface Concept {
  term: string;
  weight: number;
  /** index term → strength of the match (1 = the term itself). */
  variants: Map<string, number>;
  actorId?: string;
}

interface Scored {
  passage: Passage;
  score: number;
  coverage: number;
  quote: Span;
}

export interface AnswerContext {
  index: PassageIndex;
  aliases: AliasTable;
  sources: ReadonlyMap<string, SourceMeta>;
}

export function answerQuestion(ctx: AnswerContext, question: string, opts: Partial<AnswerOptions> = {}): Answer {
  const o = { ...DEFAULT_ANSWER_OPTIONS, ...opts };
  const query = question.trim();
  const concepts = questionConcepts(ctx, query, o);
  const none: Answer = { query: question, answered: false, results: [], total: 0 };
  if (concepts.length === 0) return none;

  const scored = candidates(ctx, concepts, o).map((c) => scorePassage(ctx, c.passage, c.bm25, concepts, o));
  scored.sort((a, b) => b.score - a.score || a.passage.start - b.passage.start);
  const best = scored[0];
  if (!best || best.coverage < o.minCoverage) return { ...none, total: 0 };

  const kept = scored.filter((s) => s.coverage >= o.minCoverage * 0.6 && s.score >= best.score * o.minRelativeScore);
  const results = kept.slice(o.offset, o.offset + o.k).map((s, i) => toResult(ctx, s, o.offset + i + 1));
  return { query: question, answered: true, results, total: kept.length };
}

function questionConcepts(ctx: AnswerContext, question: string, o: AnswerOptions): Concept[] {
  const { index, aliases } = ctx;
  const mentions = aliases.mentions(question);
  const concepts = new Map<string, Concept>();
  for (const token of tokenize(question)) {
    const processed = processTerm(token.text);
    if (processed === null) continue;
    // A hyphenated word counts by its parts; its whole form is one more way to match the first part.
    const terms = Array.isArray(processed) ? processed.slice(1) : [processed];
    const mention = mentions.find((m) => m.start <= token.start && token.end <= m.end);
    for (const term of terms) {
      if (concepts.has(term)) continue;
      const variants = termVariants(index, term, o);
      const concept: Concept = { term, weight: 0, variants, ...(mention ? { actorId: mention.actorId } : {}) };
      concept.weight = conceptWeight(index, concept);
      concepts.set(term, concept);
    }
  }
  return [...concepts.values()];
}

/** The index terms that may stand for `term`: itself, longer words it starts, typo neighbours. */
function termVariants(index: PassageIndex, term: string, o: AnswerOptions): Map<string, number> {
  const variants = new Map<string, number>();
  if (index.documentFrequency.has(term)) variants.set(term, 1);
  const edits = term.length >= 8 ? 2 : term.length >= 4 ? 1 : 0;
  const prefix = term.length >= 4;
  if (edits === 0 && !prefix) return variants;
  const found = index.search.search(term, {
    fields: ["text"],
    fuzzy: edits > 0 ? (t) => (t.length >= 8 ? 2 : t.length >= 4 ? 1 : 0) : false,
    prefix,
    maxFuzzy: edits,
    tokenize: (t) => [t],
    processTerm: (t) => t,
  });
  for (const r of found) {
    for (const t of r.terms) {
      if (variants.has(t) || /[-.]/.test(t) !== /[-.]/.test(term)) continue;
      variants.set(t, t.startsWith(term) ? o.prefixStrength : o.fuzzyStrength);
    }
  }
  return variants;
}

/** A concept weighs its idf; an unseen word weighs as the rarest, so leaving it unmatched costs most. */
function conceptWeight(index: PassageIndex, c: Concept): number {
  if (c.variants.size > 0) return Math.max(...[...c.variants.keys()].map((t) => index.idf(t)));
  return index.idf("\u0000unseen");
}

function candidates(ctx: AnswerContext, concepts: Concept[], o: AnswerOptions): Array<{ passage: Passage; bm25: number }> {
  const terms = new Map<string, number>();
  for (const c of concepts) for (const [t, strength] of c.variants) terms.set(t, Math.max(terms.get(t) ?? 0, strength));
  const actorIds = [...new Set(concepts.flatMap((c) => (c.actorId ? [c.actorId] : [])))];
  const queries: Array<string | object> = [];
  if (terms.size > 0) {
    queries.push({
      queries: [...terms.keys()],
      fields: ["text"],
      tokenize: (t: string) => [t],
      processTerm: (t: string) => t,
      boostTerm: (t: string) => terms.get(t) ?? 1,
    });
  }
  if (actorIds.length > 0) {
    queries.push({ queries: actorIds, fields: ["actors"], tokenize: (t: string) => [t], processTerm: (t: string) => t, boost: { actors: o.actorStrength } });
  }
  if (queries.length === 0) return [];
  const results = ctx.index.search.search({ combineWith: "OR", queries } as never);
  return results.slice(0, o.candidates).map((r) => ({ passage: ctx.index.passage(r), bm25: r.score }));
}

function scorePassage(ctx: AnswerContext, passage: Passage, bm25: number, concepts: Concept[], o: AnswerOptions): Scored {
  const total = concepts.reduce((s, c) => s + c.weight, 0);
  const sentenceCover = passage.sentences.map((s) =>
    coverage(ctx, passage.text.slice(s.start - passage.start, s.end - passage.start), concepts, o),
  );
  const passageMatched = concepts.map((_, i) => Math.max(...sentenceCover.map((sc) => sc[i]!)));
  const coverageOf = (m: number[]) => m.reduce((s, v, i) => s + v * concepts[i]!.weight, 0) / total;
  const passageCoverage = coverageOf(passageMatched);
  const quote = bestQuote(passage.sentences, sentenceCover.map(coverageOf));
  const sentenceCoverage = quote.coverage;
  const score = passageCoverage + sentenceCoverage + 0.15 * Math.log1p(bm25);
  return { passage, score, coverage: passageCoverage, quote: quote.span };
}

/** For each concept, how strongly `text` holds it (0–1). */
function coverage(ctx: AnswerContext, text: string, concepts: Concept[], o: AnswerOptions): number[] {
  const terms = new Set(analyse(text));
  const actors = new Set(concepts.some((c) => c.actorId) ? ctx.aliases.actorIds(text) : []);
  return concepts.map((c) => {
    let best = 0;
    for (const [t, strength] of c.variants) if (strength > best && terms.has(t)) best = strength;
    if (c.actorId && best < o.actorStrength && actors.has(c.actorId)) best = o.actorStrength;
    return best;
  });
}

/** The sentence, or two adjacent sentences when the second adds much, that best cover the question. */
function bestQuote(sentences: Span[], covers: number[]): { span: Span; coverage: number } {
  let bi = 0;
  covers.forEach((c, i) => {
    if (c > covers[bi]!) bi = i;
  });
  const span = sentences[bi]!;
  return { span, coverage: covers[bi]! };
}

function toResult(ctx: AnswerContext, s: Scored, rank: number): AnswerResult {
  const p = s.passage;
  const meta = ctx.sources.get(p.file);
  const quoteSpan = { start: s.quote.start - p.start, end: s.quote.end - p.start };
  return {
    rank,
    score: Math.round(s.score * 1000) / 1000,
    text: p.text,
    quote: p.text.slice(quoteSpan.start, quoteSpan.end),
    quoteSpan,
    source: {
      file: p.file,
      title: meta?.title ?? p.file,
      ...(meta?.publisher ? { publisher: meta.publisher } : {}),
      paragraph: p.paragraph,
      start: p.start,
      end: p.end,
    },
  };
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
