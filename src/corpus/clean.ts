/**
 * Cleaning: tell the article from what surrounds it, with general rules about news pages, never
 * with the sentences of one article. Nothing is rewritten: cleaning only decides which paragraphs
 * of the file are the article, and reads metadata (title, publisher, author) from the others.
 *
 * - A "By …" line near the top is the byline; a heading line at the top is the title. Other
 *   Markdown headings ("## Background") are not passages.
 * - An attribution line ("This article was first published by X.", "© 2024 X. All rights
 *   reserved.") names the publisher and is
 *   never a passage. In the second half of the file it ends the article when what follows is a
 *   trailer (it opens with a trailer header or a boilerplate cue) or is short beside the article;
 *   otherwise (a digest, an attribution in the middle) the text after it stays.
 * - A header such as "A Message from X:" or "Dear readers," in the second half opens a trailer
 *   (donation appeal, newsletter prompt) that runs to the end of the file; X is the outlet that
 *   carried the article.
 * - Anywhere, a paragraph carrying a strong boilerplate cue ("Remind me later", "subscribe to our
 *   newsletter", "support us", "all rights reserved", …) is not article text. Weaker appeal
 *   phrases ("please consider", "make a donation") count only in a paragraph that addresses the
 *   reader ("you", "your"), so that news about support and contributions stays.
 * - Anywhere, a page's furniture is not article text: a navigation heading ("Most read", "You
 *   might also like", "Advertisement"), a link label ("Read more: …"), a credit or caption line
 *   ("Photo: …", "(Reporting by …; Editing by …)"), a time stamp ("Updated 14 March 2025"), and a short paragraph (at most
 *   {@link SHORT_PARAGRAPH_WORDS} words) with a sentence that is a call to action addressed to the
 *   reader: led by an imperative such as subscribe, donate, share, follow, join, sign in, read
 *   more, click, download, chip in, become a member, and stating nothing (no verb of a statement
 *   after it, as "said" in "Follow the money, investigators said", and no noun right after it,
 *   as in "Share prices").
 * - A wire dateline opening the article ("SUVA, March 12 (Pacific Wire) - …") names the agency
 *   as the publisher, unless an attribution line names one; the paragraph stays.
 * - A title with no letter or digit in it (a file of punctuation) is the file's name instead.
 */
import { tagWords } from "./tagger.js";
import { DATELINE_PLACE, shorten, splitParagraphs, splitSentences } from "./text.js";
import type { Article, Paragraph, SourceMeta } from "./types.js";

/** Bump when cleaning decides differently (a persisted index is then rebuilt: see `OPTIONS_HASH`). */
export const CLEANER_VERSION = 9;

/**
 * Attribution lines; the group is what names the publisher. The first and third forms say plainly
 * that the text is a reprint; the others ("First published in 1998, …", "Source: …", "Copyright
 * law …") count only when what follows is a name.
 */
const ATTRIBUTION: Array<{ re: RegExp; needsName: boolean }> = [
  /^(?:this|the above|the following)\s+(?:article|story|piece|post|essay|column|analysis|op-?ed|commentary|interview|report|text)\s+(?:was|is|has been|had been)\s+(?:first\s+|originally\s+)?(?:published|appeared|posted|ran)\s+(?:by|in|on|at|with)\s+(.+?)[.!]?$/i,
  /^(?:it\s+was\s+)?(?:first|originally)\s+(?:published|appeared|posted)\s+(?:by|in|on|at)\s+(.+?)[.!]?$/i,
  /^(?:re-?published|reprinted|republished)\s+(?:with\s+permission\s+)?(?:from|by)\s+(.+?)[.!]?$/i,
  /^(?:source|courtesy(?:\s+of)?)\s*:\s*(.+?)[.!]?$/i,
  // A copyright line names the publisher: "© 2024 West Africa Health Desk. All rights reserved."
  /^(?:©|\(c\)|copyright\s*©?)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(.+?)(?:[.,;]?\s*all\s+rights\s+reserved)?[.!]?$/i,
].map((re, i) => ({ re, needsName: i === 1 || i >= 3 }));

const TRAILER_HEADER = [
  /^(?:an?\s+|one\s+)?(?:message|note|word|letter|appeal)\s+from\s+(.{2,60}?)\s*:?$/i,
  /^dear\s+(?:readers?|friends|subscribers|supporters|members)\b/i,
];

/** Cues that mark a paragraph as boilerplate wherever it stands. */
const BOILERPLATE_CUES = [
  /\bremind me later\b/i,
  /\b(?:subscribe|sign up|signup)\b[^.]{0,60}\b(?:newsletters?|inbox|updates|alerts|digest)\b/i,
  /\b(?:our|this)\s+(?:free\s+|weekly\s+|daily\s+)?newsletter\b/i,
  // "us" in small letters only: "support US troops" is news.
  /\b[Ss]upport(?:ing)?\s+(?:us\b|[Oo]ur\s+(?:work|journalism|newsroom|reporting|mission))/,
  /\bsupport\s+(?:independent|quality|free)\s+(?:journalism|media|press)\b/i,
  /\bdonat(?:e|ion|ions)\s+(?:now|today|here)\b/i,
  /\ball rights reserved\b/i,
  /\bclick here to\b/i,
  /\b(?:accept|use)\s+cookies\b/i,
];

/** Appeal phrases that mark boilerplate only in a paragraph that addresses the reader. */
const APPEAL_CUES = [
  /\b(?:please|help)\s+(?:support|donate|consider)\b/i,
  /\b(?:make|making)\s+a\s+(?:(?:one-?time|monthly|small|regular)\s+)?(?:donation|contribution)\b/i,
  /\b(?:every|any)\s+(?:contribution|donation)\b/i,
];
const ADDRESSES_READER = /\b(?:you|your|you're|you’re|yourself)\b/i;

/** A page's navigation headings, as a whole paragraph. */
const NAVIGATION =
  /^(?:most\s+(?:read|popular|viewed|shared|commented)|you\s+(?:might|may)\s+(?:also\s+)?(?:like|enjoy)|related(?:\s+(?:articles?|stories|content|coverage|topics|news|posts|reading))?|recommended(?:\s+(?:for\s+you|stories|reading))?|advertisements?|sponsored(?:\s+content)?|trending(?:\s+now)?|top\s+stories|more\s+(?:stories|news|on\s+this(?:\s+story)?)|read\s+(?:more|next)|up\s+next|editor['’]?s\s+picks?|latest\s+(?:news|stories)|see\s+also|also\s+read|share\s+this(?:\s+(?:article|story|page))?|follow\s+us.*)\s*[:.!]?$/i;
/** A link label: a navigation word and a colon, then the linked headline. */
const LINK_LABEL = /^(?:read\s+(?:more|also|next)|also\s+read|see\s+also|related|more\s+on\s+this(?:\s+story)?|further\s+reading|watch|listen)\s*:/i;
/** Credit and caption lines: who reported, edited or photographed, and what a picture shows. */
const CREDIT = [
  /^\(?\s*(?:(?:additional\s+)?(?:reporting|writing|editing|research|fact-checking|translation)|compiled|edited|translated|produced)\s+by\b/i,
  /^(?:(?:file|top|header|main|cover|featured|lead)\s+)?(?:photo(?:graph)?s?|images?|pictures?|videos?|graphics?|illustrations?|captions?|credits?)(?:\s+credits?)?\s*(?:\([^)]*\)\s*)?:/i,
  /^(?:photo(?:graph)?|image|picture)s?\s+(?:by|courtesy\s+of)\b/i,
  // A page's time stamp: "Updated 14 March 2025", "Published: March 14, 2025 10:32 GMT", "Published 3 hours ago".
  /^(?:(?:last\s+)?updated|published|posted|modified)(?:\s+on)?\s*:?\s+[^.!?]{0,40}\b(?:(?:19|20)\d\d|ago|yesterday|today)\b[^.!?]{0,30}$/i,
];
/** Longest credit, caption or link-label line, in characters; longer paragraphs are article text. */
const FURNITURE_MAX_CHARS = 300;
/** A paragraph of at most this many words is short enough to be a call to action. */
const SHORT_PARAGRAPH_WORDS = 12;
/**
 * Imperatives that open a call to action. `(?![\w'’-])` keeps "Follow-up talks" and "Shares fell" out;
 * a sentence that goes on to state something is told apart by {@link isCallToAction}.
 */
const CALL_TO_ACTION =
  /^(?:please\s+)?(?:subscribe|donate|share|follow|join|register|sign\s+(?:up|in|on)|log\s*(?:in|on)|read\s+(?:more|on|the\s+full(?:\s+\w+)?)|continue\s+reading|keep\s+reading|click|tap|download|chip\s+in|become\s+an?\s+(?:member|patron|subscriber|supporter|donor)|get\s+(?:the|our)\s+(?:app|newsletter))(?![\w'’-])/i;
/** Marks before a call to action's first word (bullets, arrows, emoji, quotation marks). */
const LEADING_MARKS = /^[\p{P}\p{S}\s]+/u;

/**
 * A wire dateline opening the article: the place in capitals, maybe a date, the agency in
 * brackets, a dash ("KYIV (AP) —", "WASHINGTON, March 3 (Reuters) -").
 */
const WIRE_DATELINE = new RegExp(String.raw`^${DATELINE_PLACE}\s+\((\p{Lu}[^()]{1,40})\)\s*[-–—]`, "u");
const HEADING = /^#{1,6}\s+\S/;
/** "By Jane Doe", "By Jane Doe and Omar Reyes", "By Marta Kowalczyk, Brussels", "By Jane Doe in Lisbon", "By Jane Doe | Reuters". */
const BYLINE = /^(?:by|By|BY)\s+([A-Z][\p{L}.'’-]+(?:\s+(?:[A-Z][\p{L}.'’-]+|and|&|de|van|von|al|bin))*)(?:\s*(?:[,|—–]|\s-\s|\sin\s)\s*[\p{Lu}\p{N}][\p{L}\p{N}.'’/&-]*(?:\s+[\p{L}\p{N}.'’/&-]+){0,3}){0,2}(?<![.!?])\s*$/u;
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

  // Byline and title at the top.
  if (all.length > 1) {
    for (let i = 0; i < Math.min(3, all.length); i++) {
      const by = BYLINE.exec(lineOf(all[i]!));
      if (by) {
        found.author = by[1];
        drop(i, "byline");
      }
    }
    const top = keep.indexOf(true);
    const first = top >= 0 && top < 2 ? lineOf(all[top]!) : "";
    if (first && (HEADING.test(first) || looksLikeHeading(first))) {
      found.title = first.replace(/^#+\s*/, "").replace(/\s*#+$/, "").trim();
      drop(top, "title");
    }
  }
  for (let i = 0; i < all.length; i++) if (HEADING.test(lineOf(all[i]!)) && !/[\r\n]/.test(lineOf(all[i]!))) drop(i, "heading");

  // Attribution lines anywhere; trailers from the second half on.
  const half = Math.floor(all.length / 2);
  const isTrailerStart = (i: number) => {
    const line = lineOf(all[i]!);
    return (line.length <= 100 && TRAILER_HEADER.some((re) => re.test(line))) || isBoilerplate(line);
  };
  const charsOf = (from: number, to: number) => all.slice(from, to).reduce((n, p) => n + (p.end - p.start), 0);
  let trailerFrom = all.length;
  for (let i = 0; i < all.length; i++) {
    const line = lineOf(all[i]!);
    const attribution = line.length <= 200 ? matchAttribution(line) : undefined;
    if (attribution) {
      if (attribution.publisher) found.publisher ??= attribution.publisher;
      drop(i, "attribution");
      const endsArticle = i + 1 < all.length && (isTrailerStart(i + 1) || charsOf(i + 1, all.length) * 4 <= charsOf(0, i));
      if (i >= half && endsArticle) trailerFrom = Math.min(trailerFrom, i + 1);
      continue;
    }
    if (i >= half && line.length <= 100 && TRAILER_HEADER.some((re) => re.test(line))) {
      const from = matchFirst(TRAILER_HEADER.slice(0, 1), line);
      if (from !== undefined) found.carriedBy ??= cleanName(from);
      trailerFrom = Math.min(trailerFrom, i);
    }
  }
  for (let i = trailerFrom; i < all.length; i++) drop(i, "trailer");
  // A wire story's dateline names the agency: "SUVA, March 12 (Pacific Wire) - …".
  const lead = keep.indexOf(true);
  const wire = lead >= 0 ? WIRE_DATELINE.exec(lineOf(all[lead]!)) : null;
  if (wire) found.publisher ??= wire[1]!.trim();
  for (let i = 0; i < all.length; i++) {
    if (keep[i] && isBoilerplate(lineOf(all[i]!))) drop(i, "boilerplate");
  }
  removed.sort((a, b) => a.number - b.number);

  const paragraphs = all.filter((_, i) => keep[i]);
  const title = definedOnly(given).title ?? found.title ?? deriveTitle(text, paragraphs, file);
  const meta: SourceMeta = {
    ...found,
    ...definedOnly(given),
    title: /[\p{L}\p{N}]/u.test(title) ? title : fileStem(file),
  };
  if (meta.carriedBy && meta.carriedBy === meta.publisher) delete meta.carriedBy;
  return { file, hash, text, meta, paragraphs, removed };
}

/** A title from the first sentence of the article, shortened at a word boundary. */
export function deriveTitle(text: string, paragraphs: Paragraph[], file: string): string {
  const first = paragraphs[0];
  if (!first) return fileStem(file);
  const sentence = splitSentences(text, first)[0]!;
  return shorten(text.slice(sentence.start, sentence.end).replace(/[.!?]+$/, ""), TITLE_MAX);
}

/** The file's name without its extension. */
function fileStem(file: string): string {
  return file.replace(/\.(txt|md)$/i, "");
}

/** Whether a paragraph is boilerplate rather than article text (see the rules above). */
export function isBoilerplate(paragraph: string): boolean {
  const line = paragraph.trim();
  if (BOILERPLATE_CUES.some((re) => re.test(line))) return true;
  if (ADDRESSES_READER.test(line) && APPEAL_CUES.some((re) => re.test(line))) return true;
  if (NAVIGATION.test(line)) return true;
  if (line.length <= FURNITURE_MAX_CHARS && (LINK_LABEL.test(line) || CREDIT.some((re) => re.test(line)))) return true;
  if (line.split(/\s+/).length > SHORT_PARAGRAPH_WORDS) return false;
  return splitSentences(line).some((s) => isCallToAction(line.slice(s.start, s.end)));
}

/**
 * Whether a sentence is a call to action: it opens with one ({@link CALL_TO_ACTION}), the word
 * after it is no common noun ("Share prices …", "Tap water …"), and no verb after it states
 * something (past or third-person forms, auxiliaries: "Follow the money, investigators said").
 */
export function isCallToAction(sentence: string): boolean {
  const text = sentence.replace(LEADING_MARKS, "");
  const lead = CALL_TO_ACTION.exec(text);
  if (!lead) return false;
  const after = tagWords(text).slice(lead[0].split(/\s+/).length);
  const next = after[0];
  if (next?.text.toLowerCase() === "of") return false; // "Share of votes", a noun
  if (next && next.tags.has("Noun") && !["Pronoun", "Possessive", "ProperNoun", "Date"].some((t) => next.tags.has(t))) return false;
  return !after.some(({ tags }) => STATEMENT_VERB_TAGS.some((t) => tags.has(t)) || (tags.has("PresentTense") && !tags.has("Infinitive") && !tags.has("Gerund")));
}

/** Part-of-speech tags of a verb that states something rather than asks the reader to act. */
const STATEMENT_VERB_TAGS = ["PastTense", "Copula", "Modal", "Auxiliary", "FutureTense", "PerfectTense", "Participle"];

/**
 * The publisher named by an attribution line's tail, or undefined when the tail names no one
 * ("… first published on 3 March 2021", "First published in 1998, the report …").
 */
function publisherName(tail: string): string | undefined {
  const byPart = /\bby\s+(.+)$/i.exec(tail)?.[1];
  const name = cleanName((byPart ?? tail).replace(/\s+(?:on|in)\s+(?:\d.*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\p{L}*\.?\s+\d.*)$/iu, ""));
  if (name.length === 0 || name.length > 80 || name.split(/\s+/).length > 10) return undefined;
  if (/,\s+\p{Ll}/u.test(name) || /^\p{Ll}+(?:\s|$)/u.test(name)) return undefined;
  if (/^(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\p{L}*\.?\s+\d)/iu.test(name)) return undefined;
  return name;
}

function looksLikeHeading(line: string): boolean {
  // A closing quotation mark may end a heading ('Minister: "We Cannot Pray for Rain"'), unless a sentence ends inside it.
  return line.length <= 140 && !/(?:[.!?:;,]|[.!?,]["”])$/.test(line) && /^[\p{Lu}\d"“‘']/u.test(line) && line.split(/\s+/).length >= 2;
}

/** The line as an attribution line, with the publisher it names, if it is one. */
function matchAttribution(line: string): { publisher?: string } | undefined {
  for (const { re, needsName } of ATTRIBUTION) {
    const tail = re.exec(line)?.[1];
    if (!tail) continue;
    const publisher = publisherName(tail);
    if (publisher) return { publisher };
    if (!needsName) return {};
  }
  return undefined;
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
