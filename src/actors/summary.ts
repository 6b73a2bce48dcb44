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
 * from a paragraph already quoted; a near-duplicate of one already chosen is skipped. The summary of a person opens with the sentence that says who the person is
 * ("Zamir Kabulov, the Foreign Ministry official responsible for …"); the rest follow in
 * document order.
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
  /** At most this many of an actor's sentences enter the TextRank graph (the best by role first). */
  maxGraph: number;
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
  maxGraph: 200,
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
  /** Every candidate in the order it is chosen, near-duplicates dropped; pages are cut from it. */
  chosen: Candidate[];
  /** How many of `chosen` the first page quotes. */
  firstPage: number;
}

/** Rank an actor's sentences. `person`: open with the sentence that says who the actor is. */
export function rankSentences(candidates: readonly Candidate[], person: boolean, options: Partial<SummaryOptions> = {}): Ranked {
  const o = { ...DEFAULT_SUMMARY_OPTIONS, ...options };
  if (candidates.length === 0) return { chosen: [], firstPage: 0 };
  const terms = candidates.map((c) => new Set(analyse(c.textWithoutActor)));
  const centrality = textRank(candidates, terms, o);
  const maxCentrality = Math.max(...centrality, Number.EPSILON);
  const score = candidates.map((c, i) => {
    const role = o.roleWeight[c.role] * (person && c.role === "definition" ? o.personDefinitionBonus : 1);
    const several = 1 + 0.15 * Math.min(3, c.mentions - 1);
    const focus = 1 - o.focusShare + (o.focusShare * c.mentions) / (c.mentions + c.others);
    const info = 1 - o.centralityShare + o.centralityShare * (centrality[i]! / maxCentrality);
    const length = Math.min(1, terms[i]!.size / o.fullLengthWords);
    return role * several * focus * info * (0.5 + 0.5 * length);
  });

  // Greedy choice, best first; a sentence from an article not yet quoted goes before one from a
  // paragraph not yet quoted, which goes before one from a paragraph already quoted.
  const chosen: number[] = [];
  const usedFiles = new Set<string>();
  const usedParagraphs = new Set<string>();
  const freshness = (c: Candidate) => (!usedFiles.has(c.file) ? 2 : !usedParagraphs.has(`${c.file}#${c.paragraph}`) ? 1 : 0);
  const left = new Set(candidates.map((_, i) => i));
  while (left.size > 0) {
    let best = -1;
    for (const i of left) {
      if (best < 0) {
        best = i;
        continue;
      }
      const a = candidates[i]!;
      const b = candidates[best]!;
      const byFreshness = freshness(a) - freshness(b);
      if (byFreshness > 0 || (byFreshness === 0 && (score[i]! > score[best]! || (score[i] === score[best] && a.order < b.order)))) best = i;
    }
    left.delete(best);
    if (chosen.some((j) => nearDuplicate(candidates[j]!, candidates[best]!, terms[j]!, terms[best]!, o.duplicateOverlap))) continue;
    chosen.push(best);
    usedFiles.add(candidates[best]!.file);
    usedParagraphs.add(`${candidates[best]!.file}#${candidates[best]!.paragraph}`);
  }

  const top = score[chosen[0]!]!;
  let firstPage = Math.min(chosen.length, o.minQuotes);
  while (firstPage < Math.min(chosen.length, o.maxQuotes) && score[chosen[firstPage]!]! >= o.keepShare * top) firstPage++;
  return { chosen: chosen.map((i) => candidates[i]!), firstPage };
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

/** TextRank (PageRank over sentence similarity) of the candidates. */
function textRank(candidates: readonly Candidate[], terms: ReadonlyArray<Set<string>>, o: SummaryOptions): number[] {
  const n = candidates.length;
  if (n === 1) return [1];
  // Large actors: the graph holds the sentences where the actor matters most; the rest get the lowest centrality.
  const inGraph = candidates
    .map((c, i) => ({ i, w: o.roleWeight[c.role] }))
    .sort((a, b) => b.w - a.w || a.i - b.i)
    .slice(0, o.maxGraph)
    .map((x) => x.i);
  const m = inGraph.length;
  const weights: number[][] = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      const ta = terms[inGraph[a]!]!;
      const tb = terms[inGraph[b]!]!;
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
  const out = new Array<number>(n).fill(Math.min(...rank) / 2);
  inGraph.forEach((i, k) => (out[i] = rank[k]!));
  return out;
}

function nearDuplicate(a: Candidate, b: Candidate, ta: Set<string>, tb: Set<string>, overlap: number): boolean {
  if (a.text === b.text || a.text.includes(b.text) || b.text.includes(a.text)) return true;
  if (ta.size === 0 || tb.size === 0) return false;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared) >= overlap;
}
