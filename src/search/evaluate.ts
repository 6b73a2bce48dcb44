/**
 * Retrieval evaluation on a question file shaped like `eval/dev-qa.json`: each question has an
 * answer span `a` (verbatim from the article) or null when the articles do not answer it.
 * A result is a hit when its passage contains the span, whitespace collapsed; a quote hit when
 * its quoted sentence(s) do.
 */
import { z } from "zod";
import type { Answer } from "./answer.js";

export const QuestionFile = z.object({
  about: z.string().optional(),
  file: z.string().optional(),
  questions: z
    .array(z.object({ q: z.string(), a: z.string().nullable(), kind: z.string().default("other") }))
    .min(1),
});
export type QuestionFile = z.infer<typeof QuestionFile>;
export type EvalQuestion = QuestionFile["questions"][number];

export interface QuestionOutcome {
  question: EvalQuestion;
  answered: boolean;
  /** 1-based rank of the first result that contains the answer, or null. */
  rank: number | null;
  quoteHit: boolean;
  quote?: string;
}

export interface Figures {
  questions: number;
  answerable: number;
  hitAt1: number;
  hitAt3: number;
  mrr: number;
  quoteHit: number;
  /** Share of answerable questions with `answered: true`. */
  answeredRate: number;
  /** Share of unanswerable questions with `answered: false`. */
  abstention: number;
  /** Of the questions Parley declined, the share that were really unanswerable. */
  abstentionPrecision: number;
}

export interface Report {
  overall: Figures;
  byKind: Record<string, Figures>;
  outcomes: QuestionOutcome[];
}

export async function evaluate(questions: EvalQuestion[], ask: (q: string) => Promise<Answer>): Promise<Report> {
  const outcomes: QuestionOutcome[] = [];
  for (const question of questions) outcomes.push(judge(question, await ask(question.q)));
  const kinds = [...new Set(questions.map((q) => q.kind))];
  return {
    overall: figures(outcomes),
    byKind: Object.fromEntries(kinds.map((k) => [k, figures(outcomes.filter((o) => o.question.kind === k))])),
    outcomes,
  };
}

function judge(question: EvalQuestion, answer: Answer): QuestionOutcome {
  const first = answer.results[0];
  const quote = first?.quote;
  if (question.a === null) return { question, answered: answer.answered, rank: null, quoteHit: false, ...(quote ? { quote } : {}) };
  const span = collapse(question.a);
  const index = answer.answered ? answer.results.findIndex((r) => collapse(r.text).includes(span)) : -1;
  return {
    question,
    answered: answer.answered,
    rank: index >= 0 ? index + 1 : null,
    quoteHit: answer.answered && first !== undefined && collapse(first.quote).includes(span),
    ...(quote ? { quote } : {}),
  };
}

function figures(outcomes: QuestionOutcome[]): Figures {
  const answerable = outcomes.filter((o) => o.question.a !== null);
  const unanswerable = outcomes.filter((o) => o.question.a === null);
  const declined = outcomes.filter((o) => !o.answered);
  const share = (xs: QuestionOutcome[], pred: (o: QuestionOutcome) => boolean) => (xs.length === 0 ? NaN : xs.filter(pred).length / xs.length);
  return {
    questions: outcomes.length,
    answerable: answerable.length,
    hitAt1: share(answerable, (o) => o.rank === 1),
    hitAt3: share(answerable, (o) => o.rank !== null && o.rank <= 3),
    mrr: answerable.length === 0 ? NaN : answerable.reduce((s, o) => s + (o.rank ? 1 / o.rank : 0), 0) / answerable.length,
    quoteHit: share(answerable, (o) => o.quoteHit),
    answeredRate: share(answerable, (o) => o.answered),
    abstention: share(unanswerable, (o) => !o.answered),
    abstentionPrecision: share(declined, (o) => o.question.a === null),
  };
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
