import { describe, expect, it } from "vitest";
import * as ask from "../../src/discord/commands/ask.ts";
import { commands } from "../../src/discord/commands/index.ts";
import * as source from "../../src/discord/commands/source.ts";
import { embedLength, ELLIPSIS, LIMITS } from "../../src/discord/limits.ts";
import { bold, safeText } from "../../src/discord/markdown.ts";
import {
  answerMessage,
  helpLine,
  helpLines,
  helpMessage,
  markedPassage,
  NO_ANSWER_TEXT,
  NO_MORE_TEXT,
  sourcesMessage,
} from "../../src/discord/render.ts";
import type { Answer, AnswerResult } from "../../src/search/answer.ts";
import type { SourceInfo } from "../../src/search/library.ts";
import { visibleText } from "../support/bot-harness.ts";

function result(rank: number, text: string, quote: string, title = "An article"): AnswerResult {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error("quote not in text");
  return {
    rank,
    score: 10 - rank,
    text,
    quote,
    quoteSpan: { start, end: start + quote.length },
    source: { file: `00${rank}_article.txt`, title, publisher: "A Publisher", paragraph: rank + 2, start: 0, end: text.length },
  };
}

const answer = (query: string, results: AnswerResult[], total = results.length): Answer => ({
  query,
  answered: results.length > 0 || total > 0,
  results,
  total,
});

/** A 700-character passage whose every sentence is full of Markdown characters (escaping doubles it). */
function starryPassage(n: number): { text: string; quote: string } {
  const sentences = Array.from({ length: 30 }, (_, i) => `S${n}.${i} a**b__c d~~e||f **g__h.`);
  const text = sentences.join(" ").slice(0, 700);
  return { text, quote: sentences[7]! };
}

describe("answerMessage", () => {
  const r1 = result(1, "Before the quote. The quote that answers. After the quote.", "The quote that answers.");

  it("echoes the question, quotes each passage with the answering sentence in bold, and cites its source", () => {
    const body = answerMessage({ answer: answer("Who *answers*?", [r1]), offset: 0, deleteId: "ask:delete:1" });
    expect(body.content).toContain("**Question:** Who \\*answers\\*?");
    expect(body.embeds).toHaveLength(1);
    expect(body.embeds[0]!.description).toBe("Before the quote. **The quote that answers.** After the quote.");
    expect(body.embeds[0]!.footer?.text).toBe("[1] An article · A Publisher · ¶3 · 001_article.txt");
    expect(body.allowedMentions).toEqual({ parse: [], repliedUser: false });
    expect(body.components[0]!.components.map((b) => b.type === 2 && "label" in b && b.label)).toEqual(["Delete"]);
  });

  it("says the articles do not answer, and quotes nothing, when the answer is not answered", () => {
    const body = answerMessage({ answer: answer("Anything?", []), offset: 0, moreId: "ask:more:k:3" });
    expect(body.content).toContain(NO_ANSWER_TEXT);
    expect(body.embeds).toEqual([]);
    expect(body.components).toEqual([]);
  });

  it("names, escaped, what the articles never mention when that is why nothing is quoted", () => {
    const declined = { ...answer("What is the GDP of *Brazil*?", []), absent: ["*Brazil*"] };
    const body = answerMessage({ answer: declined, offset: 0 });
    expect(body.content).toContain("The articles never mention “\\*Brazil\\*”.");
    expect(body.content).toContain(NO_ANSWER_TEXT);
    expect(body.content.length).toBeLessThanOrEqual(2000);
  });

  it("says what kind of answer the passages lack when that is why nothing is quoted", () => {
    const declined = { ...answer("How much did Kabul pay?", []), missing: "sum of money" };
    const body = answerMessage({ answer: declined, offset: 0 });
    expect(body.content).toContain("The passages about it give no sum of money.");
    expect(body.content).toContain(NO_ANSWER_TEXT);
  });

  it("says there is nothing more when a page is past the last result", () => {
    const body = answerMessage({ answer: answer("Q?", [], 3), offset: 3 });
    expect(body.content).toContain(NO_MORE_TEXT);
    expect(body.embeds).toEqual([]);
  });

  it("numbers a later page's results from the offset", () => {
    const body = answerMessage({ answer: answer("Q?", [{ ...r1, rank: 4 }], 7), offset: 3, moreId: "ask:more:k:4" });
    expect(body.content).toContain("result 4 of 7");
    expect(body.embeds[0]!.footer?.text.startsWith("[4] ")).toBe(true);
    expect(body.components[0]!.components).toHaveLength(1);
  });

  it("keeps the worst case — long question, five long passages full of Markdown, long titles — within every limit", () => {
    const results = [1, 2, 3, 4, 5].map((n) => {
      const { text, quote } = starryPassage(n);
      return result(n, text, quote, `A title *with* _marks_ ${"very ".repeat(400)}long`);
    });
    const rawTotal = results.reduce((n, r) => n + safeText(r.text).length + 300, 0);
    expect(rawTotal).toBeGreaterThan(LIMITS.embedTotal); // it really must be shortened
    const question = `@everyone <@&123456789012345678> *why* ${"word ".repeat(400)}`;
    const body = answerMessage({ answer: answer(question, results, 9), offset: 0, moreId: "ask:more:x:5", deleteId: "ask:delete:1" });

    expect(body.content.length).toBeLessThanOrEqual(LIMITS.content);
    expect(body.content).not.toMatch(/@everyone/);
    expect(body.embeds).toHaveLength(5);
    expect(body.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
    for (const [i, e] of body.embeds.entries()) {
      expect(e.description!.length).toBeLessThanOrEqual(LIMITS.embedDescription);
      expect(e.footer!.text.length).toBeLessThanOrEqual(LIMITS.footerText);
      expect(e.footer!.text.endsWith(ELLIPSIS)).toBe(true);
      // The answering sentence survives whole, in bold.
      expect(e.description).toContain(bold(safeText(results[i]!.quote)));
      // Every piece between ellipses is verbatim passage text.
      for (const piece of visibleText(e.description!).split(ELLIPSIS).map((p) => p.trim()).filter(Boolean)) {
        expect(results[i]!.text).toContain(piece);
      }
    }
  });
});

describe("markedPassage", () => {
  const text = "One. Two is here. The answer sits in this sentence. Four follows. Five ends it.";
  const quote = { start: text.indexOf("The answer"), end: text.indexOf(" Four") };

  it("gives way on the context around the quote first, at sentence boundaries when it can", () => {
    expect(markedPassage(text, quote, 75)).toBe("One. Two is here. **The answer sits in this sentence.** Four follows. …");
    const tight = markedPassage(text, quote, 60);
    expect(tight.length).toBeLessThanOrEqual(60);
    expect(tight).toContain("**The answer sits in this sentence.**");
    expect(tight.startsWith(ELLIPSIS)).toBe(true);
    expect(tight.endsWith(ELLIPSIS)).toBe(true);
    for (const piece of visibleText(tight).split(ELLIPSIS).map((p) => p.trim()).filter(Boolean)) expect(text).toContain(piece);
  });

  it("shortens the quote itself only when it alone is too long", () => {
    const out = markedPassage(text, quote, 25);
    expect(out.length).toBeLessThanOrEqual(25);
    expect(out.startsWith("**The answer")).toBe(true);
    expect(out.endsWith(`${ELLIPSIS}**`)).toBe(true);
  });
});

describe("sourcesMessage", () => {
  const source = (i: number): SourceInfo => ({
    file: `${String(i).padStart(3, "0")}_a_b.txt`,
    meta: { title: `Title *${i}*`, publisher: "Pub" },
    passages: i + 1,
    removed: [],
  });

  it("lists title, publisher, passages and file of each article, and when the index was built", () => {
    const body = sourcesMessage([source(0), source(1)], "2024-05-01T10:00:00.000Z");
    const d = body.embeds[0]!.description!;
    expect(d).toContain("**Title \\*0\\*** — Pub · 1 passage · 000\\_a\\_b.txt");
    expect(d).toContain("2 passages");
    expect(d).toContain(`<t:${Date.parse("2024-05-01T10:00:00.000Z") / 1000}:f>`);
  });

  it("stops with “…and N more” when the articles do not fit", () => {
    const many = Array.from({ length: 300 }, (_, i) => source(i));
    const d = sourcesMessage(many, "2024-05-01T10:00:00.000Z").embeds[0]!.description!;
    expect(d.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    const more = /…and (\d+) more\./.exec(d);
    expect(more).not.toBeNull();
    const listed = d.split("\n").filter((l) => l.startsWith("**")).length;
    expect(listed + Number(more![1])).toBe(300);
  });

  it("says so when nothing is indexed", () => {
    expect(sourcesMessage([], "2024-05-01T10:00:00.000Z").content).toMatch(/No articles/);
  });
});

describe("help", () => {
  it("derives each command's line from its definition", () => {
    expect(helpLine(ask)).toBe("`/ask question [results] [private]` — Answer a question from the articles, quoting them with their sources");
  });

  it("gives a command with subcommands a line per subcommand, with that subcommand's own options", () => {
    expect(helpLines(source)).toEqual([
      `\`/source add file [title] [publisher] [url] [published] [replace]\` — ${source.help.add}`,
      `\`/source remove file\` — ${source.help.remove}`,
    ]);
    const text = helpMessage(commands, "<@1>").embeds[0]!.fields!.map((f) => f.value).join("\n");
    expect(text).toContain("`/source remove file`");
    expect(text).not.toContain("[add]");
  });

  it("lists every registered command", () => {
    const body = helpMessage(commands, "<@1>");
    const text = JSON.stringify(body.embeds);
    for (const c of commands) expect(text).toContain(c.data.name);
    for (const f of body.embeds[0]!.fields!) expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
  });
});
