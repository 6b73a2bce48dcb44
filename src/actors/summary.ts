/**
 * Extractive actor summaries: which of the sentences that mention an actor to quote, and in what
 * order. Nothing is rewritten; a summary is a choice of whole sentences.
 *
 * A sentence's score is the product of
 * - how central the actor is to it: the role of its mention (the subject, or the person being
 *   described, scores above a passing mention or a place where something happens), with a
 *   little more for several mentions, and less when many other actors share the sentence;
 * - how much it says about what the actor's sentences are about: its TextRank centrality in the
 *   graph of the actor's sentences, linked by the content words they share (the actor's own
 *   names left out);
 * - its length in content words, up to a point (a short sentence says less).
 *
 * Sentences are then chosen greedily, best first, spreading over the articles: a sentence from an
 * article not yet quoted goes before one from a paragraph not yet quoted, which goes before one
 * from a paragraph already quoted; a near-duplicate of one already chosen is skipped. The summary
 * of a person opens with the sentence that says who the person is ("Zamir Kabulov, the Foreign
 * Ministry official responsible for …"); the rest follow in document order.
 *
 * The cost stays bounded however often an actor is named: only a pool of the actor's sentences,
 * the best by the weight of the actor's role (`maxCandidates`; exact repeats skipped, ties taken
 * round the articles), is scored in full and chosen from as above, in time quadratic in the
 * pool's size, not in the actor's mentions. The other sentences follow the pool's, for later
 * pages, in the pool's order: O(n log n) in the actor's sentences.
 */
import { analyse } from "../search/analyse.js";

/** How an actor figures in a sentence. */
export const MENTION_ROLES = ["definition", "subject", "possessor", "mention", "location"] as const;
export type MentionRole = (typeof MENTION_ROLES)[number];

export interface SummaryOptions {
  /** Sentences on the first page of a summary, at most. */
  maxQuotes: number;
  /** Sentences on the first page, at least (when the actor has that many). */
  minQuotes: number;
  /** Sentences past `minQuotes` are quoted only when their score reaches this share of the best. */
  keepShare: number;
  /** Weight of each role. */
  roleWeight: Record<MentionRole, number>;
  /** Extra weight of the describing sentence in a person's summary. */
  personDefinitionBonus: number;
  /** Share of a sentence's score that the actor's share of the sentence's mentions decides. */
  focusShare: number;
  /** Share of a sentence's score that its TextRank centrality decides. */
  centralityShare: number;
  /** Content words at which a sentence counts as saying enough. */
  fullLengthWords: number;
  /** Word overlap (Jaccard) at which two sentences are near-duplicates. */
  duplicateOverlap: number;
  /** TextRank damping and iterations. */
  damping: number;
  iterations: number;
  /**
   * Sentences scored in full (TextRank, length, focus, near-duplicates, spreading over articles),
   * at most: the actor's best by the weight of its role, exact repeats skipped, ties taken round
   * the articles. The rest follow them, for later pages, in that order.
   * Keeps a summary of an actor named thousands of times as fast as one named sixty times.
   */
  maxCandidates: number;
}

export const DEFAULT_SUMMARY_OPTIONS: SummaryOptions = {
  maxQuotes: 5,
  minQuotes: 3,
  keepShare: 0.3,
  roleWeight: { definition: 1, subject: 1, possessor: 0.8, mention: 0.55, location: 0.35 },
  personDefinitionBonus: 1.8,
  focusShare: 0.4,
  centralityShare: 0.6,
  fullLengthWords: 10,
  duplicateOverlap: 0.6,
  damping: 0.85,
  iterations: 30,
  maxCandidates: 60,
};

/** One sentence that mentions the actor, as the ranking sees it. */
export interface Candidate {
  /** Index of the sentence in document order (across all articles). */
  order: number;
  file: string;
  paragraph: number;
  text: string;
  /** The best role of the actor's mentions in it. */
  role: MentionRole;
  mentions: number;
  /** Mentions of other actors in the sentence. */
  others: number;
  /** The sentence's text with the actor's mentions blanked out (for the word overlap). */
  textWithoutActor: string;
}

export interface Ranked {
  /**
   * Every candidate in the order it is chosen, exact repeats dropped (and near-duplicates among the
   * pool's); pages are cut from it.
   */
  chosen: Candidate[];
  /** How many of `chosen` the first page quotes. */
  firstPage: number;
}

/** Rank an actor's sentences. `person`: open with the sentence that says who the actor is. */
export function rankSentences(candidates: readonly Candidate[], person: boolean, options: Partial<SummaryOptions> = {}): Ranked {
  const o = { ...DEFAULT_SUMMARY_OPTIONS, ...options };
  if (candidates.length === 0) return { chosen: [], firstPage: 0 };
  const roleScore = candidates.map((c) => o.roleWeight[c.role] * (person && c.role === "definition" ? o.personDefinitionBonus : 1));
  // The pool: best role first; ties go round the articles (each article's first sentence of that
  // role, then each one's second, …), then document order. Exact repeats of a sentence are kept out.
  const byRole = spreadOrder(candidates, roleScore);
  const seen = new Set<string>();
  const distinct = byRole.filter((i) => {
    const key = candidates[i]!.text.replace(/\s+/g, " ").trim();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const pool = distinct.slice(0, Math.max(1, o.maxCandidates));
  const rest = distinct.slice(pool.length);

  const poolCandidates = pool.map((i) => candidates[i]!);
  const terms = poolCandidates.map((c) => new Set(analyse(c.textWithoutActor)));
  const centrality = textRank(terms, o);
  const maxCentrality = Math.max(...centrality, Number.EPSILON);
  const score = poolCandidates.map((c, k) => {
    const several = 1 + 0.15 * Math.min(3, c.mentions - 1);
    const focus = 1 - o.focusShare + (o.focusShare * c.mentions) / (c.mentions + c.others);
    const info = 1 - o.centralityShare + o.centralityShare * (centrality[k]! / maxCentrality);
    const length = Math.min(1, terms[k]!.size / o.fullLengthWords);
    return roleScore[pool[k]!]! * several * focus * info * (0.5 + 0.5 * length);
  });

  // Greedy choice in the pool, best first; a sentence from an article not yet quoted goes before
  // one from a paragraph not yet quoted, which goes before one from a paragraph already quoted.
  const chosen: number[] = [];
  const usedFiles = new Set<string>();
  const usedParagraphs = new Set<string>();
  const freshness = (c: Candidate) => (!usedFiles.has(c.file) ? 2 : !usedParagraphs.has(`${c.file}#${c.paragraph}`) ? 1 : 0);
  const left = new Set(poolCandidates.keys());
  while (left.size > 0) {
    let best = -1;
    for (const k of left) {
      if (best < 0) {
        best = k;
        continue;
      }
      const a = poolCandidates[k]!;
      const b = poolCandidates[best]!;
      const byFreshness = freshness(a) - freshness(b);
      if (byFreshness > 0 || (byFreshness === 0 && (score[k]! > score[best]! || (score[k] === score[best] && a.order < b.order)))) best = k;
    }
    left.delete(best);
    if (chosen.some((j) => nearDuplicate(poolCandidates[j]!, poolCandidates[best]!, terms[j]!, terms[best]!, o.duplicateOverlap))) continue;
    chosen.push(best);
    usedFiles.add(poolCandidates[best]!.file);
    usedParagraphs.add(`${poolCandidates[best]!.file}#${poolCandidates[best]!.paragraph}`);
  }

  const top = score[chosen[0]!]!;
  let firstPage = Math.min(chosen.length, o.minQuotes);
  while (firstPage < Math.min(chosen.length, o.maxQuotes) && score[chosen[firstPage]!]! >= o.keepShare * top) firstPage++;
  return { chosen: [...chosen.map((k) => poolCandidates[k]!), ...rest.map((i) => candidates[i]!)], firstPage };
}

/**
 * Indexes of the candidates by descending score; equal scores go round the articles (every
 * article's best before any article's second best), then in document order. O(n log n).
 */
function spreadOrder(candidates: readonly Candidate[], score: readonly number[]): number[] {
  const byFile = new Map<string, number[]>();
  for (let i = 0; i < candidates.length; i++) (byFile.get(candidates[i]!.file) ?? byFile.set(candidates[i]!.file, []).get(candidates[i]!.file)!).push(i);
  const rankInFile = new Array<number>(candidates.length);
  for (const list of byFile.values()) {
    list.sort((a, b) => score[b]! - score[a]! || candidates[a]!.order - candidates[b]!.order);
    list.forEach((i, r) => (rankInFile[i] = r));
  }
  return [...candidates.keys()].sort((a, b) => score[b]! - score[a]! || rankInFile[a]! - rankInFile[b]! || candidates[a]!.order - candidates[b]!.order);
}

/**
 * The quotes of one page, in reading order: on the first page of a person's summary, the
 * sentence that says who the person is comes first; the rest follow in document order.
 */
export function pageOf(ranked: Ranked, page: number, pageSize: number, person: boolean): Candidate[] {
  const start = page === 0 ? 0 : ranked.firstPage + (page - 1) * pageSize;
  const end = page === 0 ? ranked.firstPage : start + pageSize;
  const quotes = ranked.chosen.slice(start, end).sort((a, b) => a.order - b.order);
  if (page === 0 && person) {
    const definition = quotes.findIndex((c) => c.role === "definition");
    if (definition > 0) quotes.unshift(...quotes.splice(definition, 1));
  }
  return quotes;
}

/** How many pages an actor's ranked sentences make. */
export function pageCount(ranked: Ranked, pageSize: number): number {
  if (ranked.chosen.length === 0) return 0;
  return 1 + Math.ceil((ranked.chosen.length - ranked.firstPage) / pageSize);
}

/** TextRank (PageRank over sentence similarity) of the pool's sentences, given their content words. */
function textRank(terms: ReadonlyArray<Set<string>>, o: Pick<SummaryOptions, "damping" | "iterations">): number[] {
  const m = terms.length;
  if (m === 1) return [1];
  const weights: number[][] = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      const ta = terms[a]!;
      const tb = terms[b]!;
      if (ta.size < 2 || tb.size < 2) continue;
      let shared = 0;
      for (const t of ta) if (tb.has(t)) shared++;
      const w = shared / (Math.log(ta.size) + Math.log(tb.size));
      weights[a]![b] = w;
      weights[b]![a] = w;
    }
  }
  const outSum = weights.map((row) => row.reduce((s, w) => s + w, 0));
  let rank = new Array<number>(m).fill(1 / m);
  for (let it = 0; it < o.iterations; it++) {
    const next = new Array<number>(m).fill((1 - o.damping) / m);
    for (let a = 0; a < m; a++) {
      if (outSum[a] === 0) {
        for (let b = 0; b < m; b++) next[b]! += (o.damping * rank[a]!) / m;
        continue;
      }
      for (let b = 0; b < m; b++) if (weights[a]![b]! > 0) next[b]! += (o.damping * rank[a]! * weights[a]![b]!) / outSum[a]!;
    }
    rank = next;
  }
  return rank;
}

function nearDuplicate(a: Candidate, b: Candidate, ta: Set<string>, tb: Set<string>, overlap: number): boolean {
  if (a.text === b.text || a.text.includes(b.text) || b.text.includes(a.text)) return true;
  if (ta.size === 0 || tb.size === 0) return false;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared) >= overlap;
}
