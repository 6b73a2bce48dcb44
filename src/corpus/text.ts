/**
 * Pure text helpers shared by cleaning and chunking: paragraphs and sentences as spans of the
 * original text (never a modified copy), so that quotes stay verbatim.
 */
import { split as splitSentenceNodes } from "sentence-splitter";
import type { Paragraph, Span } from "./types.js";

/**
 * The file's paragraphs. Paragraphs are separated by line breaks; a file whose lines are
 * hard-wrapped (most lines followed by another line end mid-sentence) is read as blocks
 * separated by blank lines instead, as Markdown is.
 */
export function splitParagraphs(text: string): Paragraph[] {
  const lines = spansOf(text, /[^\r\n]+/g).filter((s) => text.slice(s.start, s.end).trim() !== "");
  const spans = isHardWrapped(text, lines) ? spansOf(text, /(?:[^\r\n]+(?:\r?\n|\r)?)+/g) : lines;
  return spans
    .map((s) => trimSpan(text, s))
    .filter((s) => s.end > s.start)
    .map((s, i) => ({ ...s, number: i + 1 }));
}

/** Sentence spans (absolute offsets) inside `span` of `text`, trimmed, never empty. */
export function splitSentences(text: string, span: Span = { start: 0, end: text.length }): Span[] {
  const slice = text.slice(span.start, span.end);
  const out: Span[] = [];
  for (const node of splitSentenceNodes(slice)) {
    if (node.type !== "Sentence") continue;
    const s = trimSpan(text, { start: span.start + node.range[0], end: span.start + node.range[1] });
    if (s.end > s.start) out.push(s);
  }
  return out.length > 0 ? out : [trimSpan(text, span)];
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
