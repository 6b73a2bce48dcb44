/**
 * The searchable side of the corpus: a MiniSearch index over passages, with two fields.
 * - `text`: the passage's words, analysed by {@link processTerm};
 * - `actors`: ids of the actors the passage names in any way (Moscow, the Kremlin → russia),
 *   so that a question naming an actor one way finds passages naming it another way.
 * Passages themselves are kept beside the index (MiniSearch stores nothing but ids), together
 * with document frequencies of terms for idf weights outside BM25, and the meaning vector of
 * each of their sentences when the sentence encoder was at hand on build.
 */
import MiniSearch, { type AsPlainObject, type Options, type SearchResult } from "minisearch";
import SearchableMap from "minisearch/SearchableMap";
import type { AliasTable } from "../actors/aliases.js";
import { sentenceTexts } from "../corpus/chunk.js";
import type { Passage } from "../corpus/types.js";
import { analyse, normalizeToken, processTerm, tokenize, tokenizeForIndex, transpositions } from "./analyse.js";
import type { SentenceVectors } from "./sentence-encoder.js";

/** A passage as MiniSearch sees it. */
interface IndexedPassage {
  id: number;
  text: string;
  actors: string;
}

/** BM25 for short passages: length matters less than in long documents. */
export const BM25 = { k: 1.2, b: 0.5, d: 0.5 };

/** MiniSearch options; the same on build and load (a change here must change {@link ANALYSER_VERSION}). */
export const MINISEARCH_OPTIONS: Options<IndexedPassage> = {
  fields: ["text", "actors"],
  storeFields: [],
  tokenize: (text, field) => (field === "actors" ? text.split(" ").filter(Boolean) : tokenizeForIndex(text)),
  processTerm: (term, field) => (field === "actors" ? term : processTerm(term)),
  searchOptions: { bm25: BM25 },
};

/** A run of capitalised words, with "and", "of" or "for" between two of them ("Irish Nursing and Midwifery Union"). */
const CAPITALISED_RUN = /\p{Lu}[\p{L}'’-]*(?:\s+(?:(?:and|of|for|&)\s+)?\p{Lu}[\p{L}'’-]*)+/gu;

/** Bump when tokenizing, term processing or the stored shape changes: persisted indexes are rebuilt. */
export const ANALYSER_VERSION = 14;

export class PassageIndex {
  readonly passages: readonly Passage[];
  readonly search: MiniSearch<IndexedPassage>;
  /** In how many passages each analysed term occurs. */
  readonly documentFrequency: ReadonlyMap<string, number>;
  /** The analysed terms, sorted, for prefix look-ups. */
  private readonly vocabulary: readonly string[];
  private readonly actorCounts = new Map<string, number>();
  private readonly ordinal: ReadonlyMap<string, number>;
  /** Where each passage's sentences start in {@link sentenceVectors}. */
  private readonly firstSentence: readonly number[];
  /** The passages' words as written (normalised, not stemmed), each with its terms: built on first use. */
  private writtenWords?: SearchableMap<Set<string>>;
  /** Runs of capitalised words by their initials: built on first use. */
  private initialisms?: Map<string, string>;

  private constructor(
    passages: readonly Passage[],
    search: MiniSearch<IndexedPassage>,
    /** One vector per sentence of every passage, in order (see `sentence-encoder.ts`). */
    readonly sentenceVectors?: SentenceVectors,
  ) {
    this.passages = passages;
    this.search = search;
    const first: number[] = [];
    let n = 0;
    for (const p of passages) first.push(n), (n += p.sentences.length);
    this.firstSentence = first;
    if (sentenceVectors && sentenceVectors.count !== n) throw new Error("sentence vectors and passages disagree");
    const df = new Map<string, number>();
    for (const p of passages) for (const t of new Set(analyse(p.text))) df.set(t, (df.get(t) ?? 0) + 1);
    this.documentFrequency = df;
    this.vocabulary = [...df.keys()].sort();
    this.ordinal = new Map(passages.map((p, i) => [p.id, i]));
  }

  static build(passages: readonly Passage[], aliases: AliasTable, sentenceVectors?: SentenceVectors): PassageIndex {
    const search = new MiniSearch<IndexedPassage>(MINISEARCH_OPTIONS);
    search.addAll(passages.map((p, id) => ({ id, text: p.text, actors: aliases.actorIds(p.text).join(" ") })));
    return new PassageIndex(passages, search, sentenceVectors);
  }

  /** From the object {@link toJSON} gave, as parsed from the persisted file (no second JSON pass). */
  static fromJS(passages: readonly Passage[], data: unknown, sentenceVectors?: SentenceVectors): PassageIndex {
    const search = MiniSearch.loadJS<IndexedPassage>(data as AsPlainObject, MINISEARCH_OPTIONS);
    if (search.documentCount !== passages.length) throw new Error("index and passages disagree");
    return new PassageIndex(passages, search, sentenceVectors);
  }

  toJSON(): unknown {
    return this.search.toJSON();
  }

  /** Inverse document frequency of an analysed term (BM25's form, never negative). */
  idf(term: string): number {
    return bm25Idf(this.passages.length, this.documentFrequency.get(term) ?? 0);
  }

  /** Terms of the vocabulary that start with `prefix`. */
  vocabularyWithPrefix(prefix: string): string[] {
    let lo = 0;
    let hi = this.vocabulary.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.vocabulary[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < this.vocabulary.length && this.vocabulary[i]!.startsWith(prefix); i++) out.push(this.vocabulary[i]!);
    return out;
  }

  /**
   * Terms of the words the passages write within `maxDistance` edits of `word` (normalised, not
   * stemmed), or one swap of two neighbouring letters away. Typos are compared with words as
   * written, since a misspelled word does not stem like the word it misspells ("presidnet" →
   * presidnet, "president" → presid).
   */
  writtenWordTerms(word: string, maxDistance: number): Set<string> {
    if (!this.writtenWords) {
      const words = new SearchableMap<Set<string>>();
      for (const p of this.passages) {
        for (const t of tokenize(p.text)) {
          const term = processTerm(t.text);
          if (typeof term !== "string") continue;
          const key = normalizeToken(t.text);
          const terms = words.get(key);
          if (terms) terms.add(term);
          else words.set(key, new Set([term]));
        }
      }
      this.writtenWords = words;
    }
    const found = new Set<string>();
    for (const [, [terms]] of this.writtenWords.fuzzyGet(word, maxDistance)) for (const t of terms) found.add(t);
    // Two letters typed the wrong way round ("robsuta") are one slip, though two edits apart.
    for (const swapped of transpositions(word)) for (const t of this.writtenWords.get(swapped) ?? []) found.add(t);
    return found;
  }

  /**
   * The words an abbreviation stands for, when the passages write a run of capitalised words with
   * those initials ("UN" → "United Nations", from "the United Nations Commission on …").
   */
  spelledOut(abbreviation: string): string | undefined {
    if (!this.initialisms) {
      const found = new Map<string, string>();
      // Names without a joining word first: "PM" is "Prime Minister" before it is "Putin and Modi".
      for (const joined of [false, true]) {
        for (const p of this.passages) {
          for (const run of p.text.matchAll(CAPITALISED_RUN)) {
            const words = run[0].split(/\s+/);
            // The capitalised words give the initials; "and", "of", "for" between them are written
            // out but give none ("INMU": "Irish Nursing and Midwifery Union"). A joining word
            // belongs to a longer name only: three capitalised words at least, so that "Gulf of
            // Mexico" or "Apple and Intel" spell out nothing.
            const capitals = words.flatMap((w, i) => (/^\p{Lu}/u.test(w) ? [i] : []));
            for (let i = 0; i < capitals.length; i++) {
              for (let n = 2; n <= Math.min(6, capitals.length - i); n++) {
                const chosen = capitals.slice(i, i + n);
                const crosses = chosen.at(-1)! - chosen[0]! + 1 > n;
                if (crosses !== joined || (crosses && n < 3)) continue;
                const initials = chosen.map((k) => words[k]![0]!).join("");
                if (!found.has(initials)) found.set(initials, words.slice(chosen[0], chosen.at(-1)! + 1).join(" "));
              }
            }
          }
        }
      }
      this.initialisms = found;
    }
    return this.initialisms.get(abbreviation);
  }

  /** In how many passages an actor is named, in any of its names. */
  actorPassages(actorId: string): number {
    let n = this.actorCounts.get(actorId);
    if (n === undefined) {
      n = this.search.search(actorId, { fields: ["actors"], tokenize: (t) => [t], processTerm: (t) => t }).length;
      this.actorCounts.set(actorId, n);
    }
    return n;
  }

  /** Inverse document frequency of an actor, like {@link idf}. */
  actorIdf(actorId: string): number {
    return bm25Idf(this.passages.length, this.actorPassages(actorId));
  }

  /** The passage just before a passage in its file, if any. */
  previousPassage(passage: Passage): Passage | undefined {
    const i = this.ordinal.get(passage.id);
    const prev = i === undefined ? undefined : this.passages[i - 1];
    return prev && prev.file === passage.file ? prev : undefined;
  }

  /** The sentence just before a passage in its file, if any (the end of the passage before it). */
  previousSentence(passage: Passage): string | undefined {
    const prev = this.previousPassage(passage);
    return prev ? sentenceTexts(prev).at(-1) : undefined;
  }

  /** The position of a passage's first sentence among all sentences (its vectors' row). */
  sentenceRow(passage: Passage): number {
    return this.firstSentence[this.ordinal.get(passage.id) ?? -1] ?? -1;
  }

  passage(result: SearchResult): Passage {
    return this.passages[result.id as number]!;
  }
}

/** BM25's inverse document frequency of something found in `df` of `n` passages (never negative). */
function bm25Idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}
