/**
 * A {@link Library} is one complete, immutable build of the corpus: the sources, their passages,
 * the search index and the actors' alias table, with the manifest that says what it was built
 * from. Answers are always served from one Library; a refresh builds a new one and swaps it in.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { AliasTable, gazetteerActors, mergeActorDefs, type ActorDef } from "../actors/aliases.js";
import { CURATED_ACTORS_FILE, readCuratedActors } from "../actors/curated.js";
import { ACTORS_VERSION, ActorRegistry, actorSourceTexts, buildActors, type ActorSourceText } from "../actors/registry.js";
import { personRoles, type PersonRole } from "../actors/roles.js";
import { chunkArticle } from "../corpus/chunk.js";
import { CLEANER_VERSION } from "../corpus/clean.js";
import { fingerprintFile, hashSeeds, loadSeeds, sha256, type LoadOptions, type SkippedFile } from "../corpus/load.js";
import { MAX_PASSAGE_CHARS, type OriginLine, type Passage, type SourceMeta } from "../corpus/types.js";
import { answerQuestion, explainQuestion, type Answer, type AnswerContext, type AnswerOptions } from "./answer.js";
import { WordNetLexicon } from "./lexicon.js";
import { loadWordVectors } from "./word-vectors.js";
import { ANALYSER_VERSION, BM25, PassageIndex } from "./passage-index.js";
import { ENCODER_ID, encodePassages, loadSentenceEncoder, type KnownSentences, type SentenceEncoder, type SentenceVectors } from "./sentence-encoder.js";

/** WordNet, shared by every library of the process (it caches look-ups). */
const LEXICON = new WordNetLexicon();

/** Bump when the persisted layout changes. */
export const FORMAT_VERSION = 4;

/**
 * Versions of the packages whose output is persisted in an index (tokenizing, stemming, stop
 * words, sentence splitting, tagging, the gazetteer, the index itself): an upgrade rebuilds.
 */
function analysisPackageVersions(): Record<string, string> {
  const names = ["minisearch", "stemmer", "stopword", "wink-lemmatizer", "sentence-splitter", "compromise", "world-countries"];
  // Read from the installed folder: some packages' "exports" do not expose their package.json.
  const modules = fileURLToPath(new URL("../../node_modules/", import.meta.url));
  return Object.fromEntries(
    names.map((name) => {
      try {
        return [name, (JSON.parse(readFileSync(path.join(modules, name, "package.json"), "utf8")) as { version: string }).version];
      } catch {
        return [name, "unknown"];
      }
    }),
  );
}

/** Hash of everything besides the seeds that shapes an index: a change means a rebuild. */
export const OPTIONS_HASH = sha256(
  JSON.stringify({ ANALYSER_VERSION, BM25, MAX_PASSAGE_CHARS, ACTORS_VERSION, CLEANER_VERSION, ENCODER_ID, packages: analysisPackageVersions() }),
).slice(0, 16);

export interface SourceInfo {
  file: string;
  meta: SourceMeta;
  passages: number;
  /** Paragraphs left out, with why (title, attribution, trailer, boilerplate). */
  removed: Array<{ paragraph: number; reason: string }>;
  /** The lines that say where the article comes from (attribution, byline), verbatim: no passages, but what answers a question about the article itself. */
  origin?: OriginLine[];
}

export interface Manifest {
  formatVersion: number;
  optionsHash: string;
  builtAt: string;
  /**
   * The fingerprint of every file of the seeds folder the build read: each article name (skipped
   * ones too), the `NAME.meta.json` beside one, and `actors.json`. A SHA-256 of the bytes the
   * build read, or "unreadable" / "not a file" (see `corpus/load.ts`).
   */
  files: Record<string, string>;
  counts: { documents: number; passages: number; actors: number; skipped: number };
  skipped: SkippedFile[];
  warnings: string[];
}

export class Library {
  readonly sourceMap: ReadonlyMap<string, SourceMeta>;
  /** What the articles call each person besides their name: worked out on the first question. */
  private roles?: Map<string, PersonRole>;

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
    this.origins = new Map(sources.map((s) => [s.file, s.origin ?? []]));
  }

  /** Each article's lines on where it comes from, by file. */
  private readonly origins: ReadonlyMap<string, readonly OriginLine[]>;

  get passages(): readonly Passage[] {
    return this.index.passages;
  }

  async answer(question: string, options: Partial<AnswerOptions> = {}): Promise<Answer> {
    return answerQuestion(await this.answerContext(), question, options);
  }

  /** What a question becomes before ranking (its answer type, concepts and their stand-ins), for `eval --explain`. */
  async explain(question: string, options: Partial<AnswerOptions> = {}) {
    return explainQuestion(await this.answerContext(), question, options);
  }

  private async answerContext(): Promise<AnswerContext> {
    // Questions are encoded only when the passages' sentences were; an encoder that fails to load
    // leaves answering to the words (the build said so in its warnings).
    const encoder = this.index.sentenceVectors ? await loadSentenceEncoder().catch(() => undefined) : undefined;
    this.roles ??= personRoles(this.passages.map((p) => p.text), this.aliases);
    return { index: this.index, aliases: this.aliases, sources: this.sourceMap, origins: this.origins, roles: this.roles, lexicon: LEXICON, vectors: await loadWordVectors(), encoder };
  }
}

/** What {@link buildLibrary} may be given besides the folder. */
export interface BuildOptions extends LoadOptions {
  /** Encodes the passages' sentences; `null` builds without sentence vectors. Default: the shared encoder. */
  sentenceEncoder?: SentenceEncoder | null;
  /** Sentences encoded by an earlier build, reused as they are. */
  knownSentences?: KnownSentences;
}

/** The passages' sentence vectors, or why there are none (answers then rest on words alone). */
async function sentenceVectors(passages: readonly Passage[], options: BuildOptions): Promise<{ vectors?: SentenceVectors; warning?: string }> {
  if (options.sentenceEncoder === null) return {};
  try {
    const encoder = options.sentenceEncoder ?? (await loadSentenceEncoder());
    return { vectors: await encodePassages(encoder, passages, options.knownSentences) };
  } catch (err) {
    return { warning: `sentence encoder unavailable (${(err as Error).message}): answers match words only` };
  }
}

/**
 * The fingerprints a build of `seedsDir` would record in {@link Manifest.files}, computed the same
 * way without building: the build is current when they are equal. Throws when the folder cannot be read.
 */
export async function seedFingerprints(seedsDir: string): Promise<Record<string, string>> {
  const [files, curated] = await Promise.all([hashSeeds(seedsDir), fingerprintFile(path.join(seedsDir, CURATED_ACTORS_FILE))]);
  return curated === undefined ? files : { ...files, [CURATED_ACTORS_FILE]: curated };
}

/**
 * Build a Library from a seeds folder. Throws only when the folder itself cannot be read. The
 * manifest's fingerprints of articles and their metadata come from the very bytes indexed.
 */
export async function buildLibrary(seedsDir: string, now = new Date(), options: BuildOptions = {}): Promise<Library> {
  // actors.json is read by the actors' own reader, so it is fingerprinted before it is read: a
  // change in between makes the next check see a difference and rebuild, never miss it.
  const curatedHash = await fingerprintFile(path.join(seedsDir, CURATED_ACTORS_FILE));
  const [seeds, curated] = await Promise.all([loadSeeds(seedsDir, options), readCuratedActors(seedsDir)]);
  const files = curatedHash === undefined ? seeds.files : { ...seeds.files, [CURATED_ACTORS_FILE]: curatedHash };
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
      origin: article.removed.flatMap((r) =>
        r.reason === "attribution" || r.reason === "byline" ? [{ kind: r.reason as OriginLine["kind"], paragraph: r.number, start: r.start, end: r.end, text: article.text.slice(r.start, r.end) }] : [],
      ),
    });
  }
  // Actors: found in the passages (and attribution lines), merged with the gazetteer and the curated file.
  const gazetteer = gazetteerActors();
  const actors = await buildActors({ texts: actorTexts, curated: curated.actors, gazetteer });
  const actorDefs = actors.defs;
  const aliases = new AliasTable(mergeActorDefs(gazetteer, actorDefs));
  const encoded = await sentenceVectors(passages, options);
  const warnings = [...seeds.warnings, ...(curated.warning ? [curated.warning] : []), ...(encoded.warning ? [encoded.warning] : [])];
  const manifest: Manifest = {
    formatVersion: FORMAT_VERSION,
    optionsHash: OPTIONS_HASH,
    builtAt: now.toISOString(),
    files,
    counts: { documents: sources.length, passages: passages.length, actors: actors.registry.size, skipped: seeds.skipped.length },
    skipped: seeds.skipped,
    warnings,
  };
  return new Library(manifest, sources, PassageIndex.build(passages, aliases, encoded.vectors), actorDefs, aliases, actors.registry);
}

/** Merge actor definitions (kept here for existing imports; it lives with the actors). */
export { mergeActorDefs } from "../actors/aliases.js";
