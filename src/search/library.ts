/**
 * A {@link Library} is one complete, immutable build of the corpus: the sources, their passages,
 * the search index and the actors' alias table, with the manifest that says what it was built
 * from. Answers are always served from one Library; a refresh builds a new one and swaps it in.
 */
import { AliasTable, gazetteerActors, mergeActorDefs, type ActorDef } from "../actors/aliases.js";
import { readCuratedActors } from "../actors/curated.js";
import { ACTORS_VERSION, ActorRegistry, actorSourceTexts, buildActors, type ActorSourceText } from "../actors/registry.js";
import { chunkArticle } from "../corpus/chunk.js";
import { hashSeeds, loadSeeds, sha256, type SkippedFile } from "../corpus/load.js";
import { MAX_PASSAGE_CHARS, type Passage, type SourceMeta } from "../corpus/types.js";
import { answerQuestion, type Answer, type AnswerOptions } from "./answer.js";
import { WordNetLexicon } from "./lexicon.js";
import { loadWordVectors } from "./word-vectors.js";
import { ANALYSER_VERSION, BM25, PassageIndex } from "./passage-index.js";

/** WordNet, shared by every library of the process (it caches look-ups). */
const LEXICON = new WordNetLexicon();

/** Bump when the persisted layout changes. */
export const FORMAT_VERSION = 2;

/** Hash of everything besides the seeds that shapes an index: a change means a rebuild. */
export const OPTIONS_HASH = sha256(JSON.stringify({ ANALYSER_VERSION, BM25, MAX_PASSAGE_CHARS, ACTORS_VERSION })).slice(0, 16);

export interface SourceInfo {
  file: string;
  meta: SourceMeta;
  passages: number;
  /** Paragraphs left out, with why (title, attribution, trailer, boilerplate). */
  removed: Array<{ paragraph: number; reason: string }>;
}

export interface Manifest {
  formatVersion: number;
  optionsHash: string;
  builtAt: string;
  /** SHA-256 of every file in the seeds folder that the build read (articles, meta, actors.json). */
  files: Record<string, string>;
  counts: { documents: number; passages: number; actors: number; skipped: number };
  skipped: SkippedFile[];
  warnings: string[];
}

export class Library {
  readonly sourceMap: ReadonlyMap<string, SourceMeta>;

  constructor(
    readonly manifest: Manifest,
    readonly sources: readonly SourceInfo[],
    readonly index: PassageIndex,
    /** Actors beyond the gazetteer: found in the text, and curated (`seeds/actors.json`). */
    readonly actorDefs: readonly ActorDef[],
    readonly aliases: AliasTable = new AliasTable(mergeActorDefs(gazetteerActors(), actorDefs)),
    /** The actors the articles mention, with the sentences that mention them. */
    readonly actors: ActorRegistry = ActorRegistry.empty(),
  ) {
    this.sourceMap = new Map(sources.map((s) => [s.file, s.meta]));
  }

  get passages(): readonly Passage[] {
    return this.index.passages;
  }

  async answer(question: string, options: Partial<AnswerOptions> = {}): Promise<Answer> {
    const vectors = await loadWordVectors();
    return answerQuestion({ index: this.index, aliases: this.aliases, sources: this.sourceMap, lexicon: LEXICON, vectors }, question, options);
  }
}

/** Build a Library from a seeds folder. Throws only when the folder itself cannot be read. */
export async function buildLibrary(seedsDir: string, now = new Date()): Promise<Library> {
  const [seeds, curated, files] = await Promise.all([loadSeeds(seedsDir), readCuratedActors(seedsDir), hashSeeds(seedsDir)]);
  const sources: SourceInfo[] = [];
  const passages: Passage[] = [];
  const actorTexts: ActorSourceText[] = [];
  for (const article of seeds.articles) {
    const own = chunkArticle(article);
    passages.push(...own);
    actorTexts.push(...actorSourceTexts(article, own));
    sources.push({
      file: article.file,
      meta: article.meta,
      passages: own.length,
      removed: article.removed.map((r) => ({ paragraph: r.number, reason: r.reason })),
    });
  }
  // Actors: found in the passages (and attribution lines), merged with the gazetteer and the curated file.
  const gazetteer = gazetteerActors();
  const actors = await buildActors({ texts: actorTexts, curated: curated.actors, gazetteer });
  const actorDefs = actors.defs;
  const aliases = new AliasTable(mergeActorDefs(gazetteer, actorDefs));
  const warnings = [...seeds.warnings, ...(curated.warning ? [curated.warning] : [])];
  const manifest: Manifest = {
    formatVersion: FORMAT_VERSION,
    optionsHash: OPTIONS_HASH,
    builtAt: now.toISOString(),
    files,
    counts: { documents: sources.length, passages: passages.length, actors: actors.registry.size, skipped: seeds.skipped.length },
    skipped: seeds.skipped,
    warnings,
  };
  return new Library(manifest, sources, PassageIndex.build(passages, aliases), actorDefs, aliases, actors.registry);
}

/** Merge actor definitions (kept here for existing imports; it lives with the actors). */
export { mergeActorDefs } from "../actors/aliases.js";
