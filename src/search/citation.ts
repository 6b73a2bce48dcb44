/** How every front end names where a quote comes from: title · publisher · ¶ paragraph · file. */

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
