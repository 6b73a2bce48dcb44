/**
 * Cleaning: tell the article from what surrounds it, with general rules about news pages, never
 * with the sentences of one article. Nothing is rewritten: cleaning only decides which paragraphs
 * of the file are the article, and reads metadata (title, publisher, author) from the others.
 *
 * - A heading line at the top is the title; a "By …" line near the top is the byline.
 * - An attribution line ("This article was first published by X.") names the publisher; when it
 *   stands in the second half of the file the article ends there.
 * - A header such as "A Message from X:" or "Dear readers," in the second half opens a trailer
 *   (donation appeal, newsletter prompt) that runs to the end of the file; X is the outlet that
 *   carried the article.
 * - Anywhere, a paragraph carrying a strong boilerplate cue ("Remind me later", "subscribe to our
 *   newsletter", "support us", "all rights reserved", …) is not article text.
 */
import { shorten, splitParagraphs, splitSentences } from "./text.js";
import type { Article, Paragraph, SourceMeta } from "./types.js";

const ATTRIBUTION = [
  /^(?:this|the above|the following)\s+(?:article|story|piece|post|essay|column|analysis|op-?ed|commentary|interview|report|text)\s+(?:was|is|has been|had been)\s+(?:first\s+|originally\s+)?(?:published|appeared|posted|ran)\s+(?:by|in|on|at|with)\s+(.+?)[.!]?$/i,
  /^(?:it\s+was\s+)?(?:first|originally)\s+(?:published|appeared|posted)\s+(?:by|in|on|at)\s+(.+?)[.!]?$/i,
  /^(?:re-?published|reprinted|republished)\s+(?:with\s+permission\s+)?(?:from|by)\s+(.+?)[.!]?$/i,
  /^(?:source|courtesy(?:\s+of)?)\s*:\s*(.+?)[.!]?$/i,
];

const TRAILER_HEADER = [
  /^(?:an?\s+|one\s+)?(?:message|note|word|letter|appeal)\s+from\s+(.{2,60}?)\s*:?$/i,
  /^dear\s+(?:readers?|friends|subscribers|supporters|members)\b/i,
];

const BOILERPLATE_CUES = [
  /\bremind me later\b/i,
  /\b(?:subscribe|sign up|signup)\b[^.]{0,60}\b(?:newsletter|inbox|updates|alerts|digest)\b/i,
  /\b(?:our|the|this)\s+newsletter\b/i,
  /\b(?:please|help)\s+(?:support|donate|consider)\b/i,
  /\bsupport(?:ing)?\s+(?:us|our\s+(?:work|journalism|newsroom))\b/i,
  /\b(?:make|making)\s+a\s+(?:donation|contribution)\b/i,
  /\bdonat(?:e|ion|ions)\s+(?:now|today|here)\b/i,
  /\ball rights reserved\b/i,
  /^(?:advertisement|sponsored(?: content)?|read more|related(?: articles)?|share this(?: article)?|follow us\b.*)[:.]?$/i,
  /\bclick here to\b/i,
  /\b(?:accept|use)\s+cookies\b/i,
];

const HEADING = /^#{1,6}\s+\S/;
const BYLINE = /^by\s+([A-Z][\p{L}.'’-]+(?:\s+(?:[A-Z][\p{L}.'’-]+|and|&|de|van|von|al|bin))*)\s*$/u;
const TITLE_MAX = 90;

/** Clean one file's text. `given` is what `NAME.meta.json` says; it wins over what the text says. */
export function cleanArticle(file: string, text: string, hash: string, given: Partial<SourceMeta> = {}): Article {
  const all = splitParagraphs(text);
  const removed: Article["removed"] = [];
  const found: Partial<SourceMeta> = {};
  const keep = new Array<boolean>(all.length).fill(true);
  const lineOf = (p: Paragraph) => text.slice(p.start, p.end).trim();
  const drop = (i: number, reason: string) => {
    if (keep[i]) removed.push({ ...all[i]!, reason });
    keep[i] = false;
  };

  // Title and byline at the top.
  if (all.length > 1) {
    const first = lineOf(all[0]!);
    if (HEADING.test(first) || looksLikeHeading(first)) {
      found.title = first.replace(/^#+\s*/, "").trim();
      drop(0, "title");
    }
    for (let i = 0; i < Math.min(3, all.length); i++) {
      const by = BYLINE.exec(lineOf(all[i]!));
      if (by) {
        found.author = by[1];
        drop(i, "byline");
      }
    }
  }

  // Attribution lines anywhere; trailers from the second half on.
  const half = Math.floor(all.length / 2);
  let trailerFrom = all.length;
  for (let i = 0; i < all.length; i++) {
    const line = lineOf(all[i]!);
    const attribution = matchFirst(ATTRIBUTION, line);
    if (attribution !== undefined && line.length <= 200) {
      found.publisher ??= cleanName(attribution);
      drop(i, "attribution");
      if (i >= half) trailerFrom = Math.min(trailerFrom, i + 1);
      continue;
    }
    if (i >= half && line.length <= 100 && TRAILER_HEADER.some((re) => re.test(line))) {
      const from = matchFirst(TRAILER_HEADER.slice(0, 1), line);
      if (from !== undefined) found.carriedBy ??= cleanName(from);
      trailerFrom = Math.min(trailerFrom, i);
    }
  }
  for (let i = trailerFrom; i < all.length; i++) drop(i, "trailer");
  for (let i = 0; i < all.length; i++) {
    if (keep[i] && BOILERPLATE_CUES.some((re) => re.test(lineOf(all[i]!)))) drop(i, "boilerplate");
  }
  removed.sort((a, b) => a.number - b.number);

  const paragraphs = all.filter((_, i) => keep[i]);
  const meta: SourceMeta = {
    ...found,
    ...definedOnly(given),
    title: given.title ?? found.title ?? deriveTitle(text, paragraphs, file),
  };
  if (meta.carriedBy && meta.carriedBy === meta.publisher) delete meta.carriedBy;
  return { file, hash, text, meta, paragraphs, removed };
}

/** A title from the first sentence of the article, shortened at a word boundary. */
export function deriveTitle(text: string, paragraphs: Paragraph[], file: string): string {
  const first = paragraphs[0];
  if (!first) return file.replace(/\.(txt|md)$/i, "");
  const sentence = splitSentences(text, first)[0]!;
  return shorten(text.slice(sentence.start, sentence.end).replace(/[.!?]+$/, ""), TITLE_MAX);
}

function looksLikeHeading(line: string): boolean {
  return line.length <= 140 && !/[.!?:;,"”]$/.test(line) && /^[\p{Lu}\d"“‘']/u.test(line) && line.split(/\s+/).length >= 2;
}

function matchFirst(patterns: RegExp[], line: string): string | undefined {
  for (const re of patterns) {
    const m = re.exec(line);
    if (m?.[1]) return m[1];
  }
  return undefined;
}

/** "the Carnegie Moscow Center" → "Carnegie Moscow Center"; keeps names that begin with "The". */
function cleanName(raw: string): string {
  const name = raw.replace(/[\s:.,;]+$/, "").replace(/^["“'‘]|["”'’]$/g, "").trim();
  return name.replace(/^the\s+(?=\p{Ll})/u, "").replace(/^the\s+(?=\p{Lu})/u, "");
}

function definedOnly(meta: Partial<SourceMeta>): Partial<SourceMeta> {
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => typeof v === "string" && v.trim() !== ""));
}
