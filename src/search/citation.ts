/**
 * Wording every front end shares: where a quote comes from (title · publisher · ¶ paragraph ·
 * file), and why a question was declined when the engine knows: a name the articles never
 * mention, or the kind of answer the passages about it do not give.
 */

/** The parts of a source a citation shows (answers' and actor summaries' sources both have them). */
export interface CitedSource {
  file: string;
  title?: string;
  publisher?: string;
  paragraph: number;
}

export function formatCitation(c: CitedSource): string {
  return [c.title, c.publisher, `¶${c.paragraph}`, c.file].filter(Boolean).join(" · ");
}

/** "The articles never mention “Brazil”." or "The passages about it give no sum of money." when that is why a question was declined; else "". */
export function declinedText(answer: { absent?: readonly string[]; missing?: string }): string {
  const names = answer.absent ?? [];
  if (names.length > 0) return `The articles never mention ${names.map((n) => `“${n}”`).join(", ")}.`;
  return answer.missing ? `The passages about it give no ${answer.missing}.` : "";
}
