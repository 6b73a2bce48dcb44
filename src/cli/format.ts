/** Plain-text rendering of engine results for the terminal (CLI and console mode). */
import type { Answer, AnswerResult } from "../search/answer.js";
import { declinedText, formatCitation } from "../search/citation.js";

export const NO_ANSWER_TEXT =
  "The articles do not answer that well enough to quote. Try other words, or list the articles with :sources.";

/** An answer as text: each quote (the answering sentence between » «) with its source. */
export function formatAnswer(answer: Answer, opts: { color?: boolean } = {}): string {
  if (!answer.answered || answer.results.length === 0) return [declinedText(answer), NO_ANSWER_TEXT].filter(Boolean).join(" ");
  return answer.results.map((r) => formatResult(r, opts.color ?? false)).join("\n\n");
}

function formatResult(r: AnswerResult, color: boolean): string {
  const before = r.text.slice(0, r.quoteSpan.start);
  const after = r.text.slice(r.quoteSpan.end);
  const mark = color ? (s: string) => `\x1b[1m${s}\x1b[22m` : (s: string) => `»${s}«`;
  return `[${r.rank}] ${before}${mark(r.quote)}${after}\n    — ${formatCitation(r.source)}`;
}
