// Minimal typings for the two WordNet-related packages, covering only what Parley calls.
declare module "wordpos" {
  export interface Pointer {
    pointerSymbol: string;
    synsetOffset: string;
    pos: string;
    sourceTarget: string;
  }
  export interface Synset {
    synsetOffset: string;
    pos: string;
    lemma: string;
    synonyms: string[];
    ptrs: Pointer[];
    def: string;
  }
  export default class WordPOS {
    constructor(options?: { profile?: boolean; stopwords?: boolean; dictPath?: string });
    lookup(word: string): Promise<Synset[]>;
    seek(offset: string | number, pos: string): Promise<Synset>;
  }
}

declare module "wink-lemmatizer" {
  const lemmatizer: {
    noun(word: string): string;
    verb(word: string): string;
    adjective(word: string): string;
  };
  export default lemmatizer;
}
