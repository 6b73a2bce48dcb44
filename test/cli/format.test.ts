import { describe, expect, it } from "vitest";
import { NO_ANSWER_TEXT, formatAnswer } from "../../src/cli/format.js";
import { formatCitation } from "../../src/search/citation.js";
import type { Answer } from "../../src/search/answer.js";

const text = "The talks were chaired by Amina Diallo. She is the African Union envoy.";
const answer: Answer = {
  query: "Who chaired the talks?",
  answered: true,
  total: 1,
  results: [
    {
      rank: 1,
      score: 2.5,
      text,
      quote: "The talks were chaired by Amina Diallo.",
      quoteSpan: { start: 0, end: 39 },
      source: { file: "001_river_treaty.txt", title: "Nile talks", publisher: "Nile Basin Observer", paragraph: 2, start: 246, end: 246 + text.length },
    },
  ],
};

describe("terminal answers", () => {
  it("marks the quote inside its passage and cites the source", () => {
    expect(formatAnswer(answer)).toBe(
      "[1] »The talks were chaired by Amina Diallo.« She is the African Union envoy.\n    — Nile talks · Nile Basin Observer · ¶2 · 001_river_treaty.txt",
    );
  });

  it("uses bold instead of marks in colour", () => {
    expect(formatAnswer(answer, { color: true })).toContain("\x1b[1mThe talks were chaired by Amina Diallo.\x1b[22m She is");
  });

  it("leaves out a missing publisher", () => {
    expect(formatCitation({ file: "a.txt", title: "A", paragraph: 1 })).toBe("A · ¶1 · a.txt");
  });

  it("never quotes an answer that is not answered", () => {
    expect(formatAnswer({ ...answer, answered: false })).toBe(NO_ANSWER_TEXT);
    expect(formatAnswer({ ...answer, results: [] })).toBe(NO_ANSWER_TEXT);
    expect(formatAnswer({ ...answer, answered: false, results: [], absent: ["Brazil", "Peru"] })).toBe(
      `The articles never mention “Brazil”, “Peru”. ${NO_ANSWER_TEXT}`,
    );
    expect(formatAnswer({ ...answer, answered: false, results: [], missing: "sum of money" })).toBe(
      `The passages about it give no sum of money. ${NO_ANSWER_TEXT}`,
    );
  });
});
