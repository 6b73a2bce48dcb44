/**
 * The corpus vocabulary: a source file becomes an {@link Article} (its text, where the article
 * itself begins and ends, its metadata), and the article is cut into {@link Passage}s, the units
 * Parley indexes and quotes. Every offset is a JavaScript string index into the file's text, so
 * `fileText.slice(start, end)` always gives back the exact characters a user is shown.
 */

/** A span of the source file's text. */
export interface Span {
  start: number;
  end: number;
}

/** A paragraph of a file, numbered from 1 in file order (boilerplate paragraphs count too). */
export interface Paragraph extends Span {
  number: number;
}

/** What is known about where an article comes from: from `NAME.meta.json`, else from its text. */
export interface SourceMeta {
  title: string;
  /** Who published the article first (the attribution line, or meta.json `publisher`). */
  publisher?: string;
  /** The outlet that carried the file, when it differs from the publisher (e.g. a republisher's appeal). */
  carriedBy?: string;
  author?: string;
  url?: string;
  published?: string;
}

/** A line of a file that says where its article comes from (an attribution, a byline): never a passage. */
export interface OriginLine extends Span {
  kind: "attribution" | "byline";
  paragraph: number;
  /** The line verbatim: `fileText.slice(start, end)`. */
  text: string;
}

/** One article file after cleaning. */
export interface Article {
  /** File name relative to the seeds folder, e.g. `000_950a411777f2414a.txt`. */
  file: string;
  /** SHA-256 of the file's bytes. */
  hash: string;
  text: string;
  meta: SourceMeta;
  /** The file's paragraphs that are the article itself, in order. */
  paragraphs: Paragraph[];
  /** Paragraphs left out as boilerplate or attribution, with the reason, for reports and tests. */
  removed: Array<Paragraph & { reason: string }>;
}

/** A passage: the unit that is indexed, ranked and quoted. At most {@link MAX_PASSAGE_CHARS}. */
export interface Passage extends Span {
  /** Stable id: `file#paragraph.part`. */
  id: string;
  file: string;
  paragraph: number;
  text: string;
  /** Sentence spans inside the passage, as absolute file offsets. */
  sentences: Span[];
}

export const MAX_PASSAGE_CHARS = 700;
