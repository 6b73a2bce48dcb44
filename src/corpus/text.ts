/**
 * Pure text helpers shared by cleaning and chunking: paragraphs and sentences as spans of the
 * original text (never a modified copy), so that quotes stay verbatim.
 */
import { split as splitSentenceNodes } from "sentence-splitter";
import { eng as englishStopWords } from "stopword";
import type { Paragraph, Span } from "./types.js";

/**
 * A news dateline's place in capitals and maybe its date ("SUVA/NUKU'ALOFA, March 12", "KYIV"),
 * as a pattern source: cleaning reads the agency in brackets after it, and actor extraction
 * knows the sentence starts after its dash.
 */
export const DATELINE_PLACE = String.raw`\p{Lu}[\p{Lu} .'’\/-]*\p{Lu}(?:,\s+\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2})?`;

/**
 * The file's paragraphs. Paragraphs are separated by line breaks; a file whose lines are
 * hard-wrapped (most lines followed by another line end mid-sentence) is read as blocks
 * separated by blank lines instead, as Markdown is.
 */
export function splitParagraphs(text: string): Paragraph[] {
  const lines = spansOf(text, /[^\r\n]+/g).filter((s) => text.slice(s.start, s.end).trim() !== "");
  // A block: consecutive lines that are not blank (a line of spaces separates blocks too).
  const spans = isHardWrapped(text, lines) ? spansOf(text, /(?:[^\r\n]*\S[^\r\n]*(?:\r\n|\r|\n)?)+/g) : lines;
  return spans
    .map((s) => trimSpan(text, s))
    .filter((s) => s.end > s.start)
    .map((s, i) => ({ ...s, number: i + 1 }));
}

/**
 * Sentence spans (absolute offsets) inside `span` of `text`, trimmed, never empty, in order.
 * `sentence-splitter` finds the boundaries; {@link mendSentences} then undoes the cuts it makes
 * that news text shows to be wrong.
 */
export function splitSentences(text: string, span: Span = { start: 0, end: text.length }): Span[] {
  const slice = text.slice(span.start, span.end);
  const out: Span[] = [];
  for (const node of splitSentenceNodes(slice)) {
    if (node.type !== "Sentence") continue;
    const s = trimSpan(text, { start: span.start + node.range[0], end: span.start + node.range[1] });
    if (s.end > s.start) out.push(s);
  }
  return out.length > 0 ? mendSentences(text, out.flatMap((s) => splitAfterQuotes(text, s)).flatMap((s) => splitAfterNumbers(text, s))) : [trimSpan(text, span)];
}

/**
 * The splitter does not end a sentence after a number ("… since 2001. Still, …"); cut there when
 * a capital follows (a decimal point is never followed by a space).
 */
function splitAfterNumbers(text: string, span: Span): Span[] {
  const out: Span[] = [];
  let start = span.start;
  const body = text.slice(span.start, span.end);
  for (const m of body.matchAll(/\d[.!?]+(?=\s+["“‘]?\p{Lu})/gu)) {
    const end = span.start + m.index + m[0].length;
    out.push({ start, end });
    start = trimSpan(text, { start: end, end: span.end }).start;
  }
  out.push({ start, end: span.end });
  return out;
}

/**
 * The splitter keeps a quotation and what follows it together even when the quotation ends a
 * sentence ("“We will not accept it.” The talks ended."); cut there when a capital follows.
 */
function splitAfterQuotes(text: string, span: Span): Span[] {
  const out: Span[] = [];
  let start = span.start;
  const body = text.slice(span.start, span.end);
  for (const m of body.matchAll(/[.!?…]+["”’»]+(?=\s+["“‘]?\p{Lu})/gu)) {
    const end = span.start + m.index + m[0].length;
    out.push({ start, end });
    start = trimSpan(text, { start: end, end: span.end }).start;
  }
  out.push({ start, end: span.end });
  return out;
}

/** Words that commonly open an English sentence after an initialism ("… to the U.S. The talks …"). */
const SENTENCE_OPENERS: ReadonlySet<string> = new Set([...englishStopWords, "she", "its", "there", "yet", "so", "not"]);

/**
 * Repair the splitter's wrong cuts, with rules about English punctuation rather than word lists:
 * - a closing quotation mark or bracket never opens a sentence: it ends the previous one
 *   ("“Why?” she asked" → the ” stays with “Why?);
 * - a sentence does not begin with a small letter: what follows such a cut continues the sentence
 *   ("Washington, D.C. on Monday", "The U.K. agreed");
 * - after an initialism ("U.S.", "U.N.") a capitalised word that is not a function word goes on
 *   with the same sentence ("the U.S. President said").
 */
export function mendSentences(text: string, spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const span of spans) {
    const prev = out[out.length - 1];
    if (!prev) {
      out.push({ ...span });
      continue;
    }
    if (span.start < prev.end) {
      prev.end = Math.max(prev.end, span.end);
      continue;
    }
    const before = text.slice(prev.start, prev.end);
    const body = text.slice(span.start, span.end);
    const closers = leadingClosers(before, body);
    const rest = trimSpan(text, { start: span.start + closers, end: span.end });
    const restText = text.slice(rest.start, rest.end);
    if (rest.end <= rest.start || continuesSentence(before + body.slice(0, closers), restText)) {
      prev.end = span.end;
    } else if (closers > 0) {
      prev.end = span.start + closers;
      out.push(rest);
    } else {
      out.push({ ...span });
    }
  }
  return out;
}

/** How many characters at the start of `body` close a quotation or bracket opened in `before`. */
function leadingClosers(before: string, body: string): number {
  let n = 0;
  let straight = (before.match(/"/g) ?? []).length;
  const openSingle = (before.match(/‘/g) ?? []).length - (before.match(/’/g) ?? []).length;
  for (const ch of body) {
    if (ch === "”" || ch === "»" || ch === ")" || ch === "]") n++;
    else if (ch === '"' && straight % 2 === 1) {
      straight++;
      n++;
    } else if (ch === "’" && openSingle > 0) n++;
    else break;
  }
  return n;
}

function continuesSentence(before: string, next: string): boolean {
  if (/^\p{Ll}/u.test(next)) return true;
  if (!/(?:^|[\s(“"‘])(?:\p{Lu}\.){2,}$/u.test(before)) return false;
  const word = /^\p{Lu}[\p{L}'’-]*/u.exec(next)?.[0];
  return word !== undefined && !SENTENCE_OPENERS.has(word.toLowerCase());
}

/** Narrow a span so it neither starts nor ends with white space. */
export function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

/** Shorten `text` to at most `max` characters at a word boundary, with an ellipsis. */
export function shorten(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const atWord = cut.replace(/\s+\S*$/, "");
  return `${(atWord.length > max / 2 ? atWord : cut).replace(/[\s,;:—–-]+$/, "")}…`;
}

function spansOf(text: string, re: RegExp): Span[] {
  return [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

function isHardWrapped(text: string, lines: Span[]): boolean {
  if (!/\n[ \t]*\r?\n/.test(text)) return false;
  let joined = 0;
  let midSentence = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    const between = text.slice(lines[i]!.end, lines[i + 1]!.start);
    if (/\n[ \t]*\r?\n/.test(between)) continue;
    joined++;
    if (!/[.!?:"”’)\]]\s*$/.test(text.slice(lines[i]!.start, lines[i]!.end))) midSentence++;
  }
  return joined > 0 && midSentence / joined > 0.5;
}
