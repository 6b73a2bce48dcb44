/**
 * Wording every front end shares: where a quote comes from (title · publisher · ¶ paragraph ·
 * file), and what a declined question names that the articles never mention.
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

/** "The articles never mention “Brazil”." when that is why a question was declined; else "". */
export function absentText(answer: { absent?: readonly string[] }): string {
  const names = answer.absent ?? [];
  return names.length > 0 ? `The articles never mention ${names.map((n) => `“${n}”`).join(", ")}.` : "";
}
