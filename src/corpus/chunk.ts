/**
 * Chunking: an article's paragraphs become passages of at most {@link MAX_PASSAGE_CHARS}
 * characters. A paragraph that fits is one passage; a longer one is cut between sentences into
 * parts of similar length; a single sentence longer than the limit is cut between clauses or,
 * failing that, between words. Passages never cross paragraphs, so each cites one paragraph.
 */
import { splitSentences, trimSpan } from "./text.js";
import { MAX_PASSAGE_CHARS, type Article, type Passage, type Span } from "./types.js";

/** The text of each of a passage's sentences, verbatim, in order. */
export function sentenceTexts(passage: Passage): string[] {
  return passage.sentences.map((s) => passage.text.slice(s.start - passage.start, s.end - passage.start));
}

export function chunkArticle(article: Article, max = MAX_PASSAGE_CHARS): Passage[] {
  const passages: Passage[] = [];
  for (const paragraph of article.paragraphs) {
    const sentences = splitSentences(article.text, paragraph).flatMap((s) => splitLong(article.text, s, max));
    const groups = groupSentences(sentences, max);
    groups.forEach((group, part) => {
      const start = group[0]!.start;
      const end = group[group.length - 1]!.end;
      passages.push({
        id: `${article.file}#${paragraph.number}.${part + 1}`,
        file: article.file,
        paragraph: paragraph.number,
        start,
        end,
        text: article.text.slice(start, end),
        sentences: group,
      });
    });
  }
  return passages;
}

/** Group consecutive sentences into runs no longer than `max`, balancing the runs' lengths. */
export function groupSentences(sentences: Span[], max: number): Span[][] {
  if (sentences.length === 0) return [];
  const total = sentences[sentences.length - 1]!.end - sentences[0]!.start;
  const parts = Math.max(1, Math.ceil(total / max));
  const target = total / parts;
  const groups: Span[][] = [];
  let current: Span[] = [];
  for (const s of sentences) {
    const start = current[0]?.start ?? s.start;
    const wouldBe = s.end - start;
    if (current.length > 0 && (wouldBe > max || s.start - start >= target)) {
      groups.push(current);
      current = [];
    }
    current.push(s);
  }
  groups.push(current);
  return groups;
}

/** Cut a sentence longer than `max` at clause boundaries (; : , —) or else at spaces. */
function splitLong(text: string, s: Span, max: number): Span[] {
  if (s.end - s.start <= max) return [s];
  const out: Span[] = [];
  let start = s.start;
  while (s.end - start > max) {
    const window = text.slice(start, start + max);
    const clause = lastMatchEnd(window, /[;:,—–)]\s+/g);
    const space = lastMatchEnd(window, /\s+/g);
    // Failing both, cut at the limit, but never inside a surrogate pair.
    const hard = /[\uD800-\uDBFF]/.test(text[start + max - 1] ?? "") ? max - 1 : max;
    const cut = clause > max / 3 ? clause : space > 0 ? space : hard;
    out.push(trimSpan(text, { start, end: start + cut }));
    start = trimSpan(text, { start: start + cut, end: s.end }).start;
  }
  out.push({ start, end: s.end });
  return out.filter((p) => p.end > p.start);
}

function lastMatchEnd(text: string, re: RegExp): number {
  let end = -1;
  for (const m of text.matchAll(re)) end = m.index + m[0].length;
  return end;
}
