import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chunkArticle, groupSentences } from "../../src/corpus/chunk.js";
import { cleanArticle } from "../../src/corpus/clean.js";
import { splitParagraphs, splitSentences } from "../../src/corpus/text.js";
import { MAX_PASSAGE_CHARS, type Article, type Passage, type Span } from "../../src/corpus/types.js";

const read = (rel: string) => readFileSync(fileURLToPath(new URL(rel, import.meta.url)), "utf8");
const FILES = {
  "000_950a411777f2414a.txt": read("../../seeds/000_950a411777f2414a.txt"),
  "001_river_treaty.txt": read("../fixtures/second/001_river_treaty.txt"),
};

/** A lone surrogate means a passage was cut inside a character. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The passage invariants of DESIGN.md, checked against the file's text: verbatim offsets, the
 * length limit, no empty passage, one paragraph per passage, sentences inside and in order, and
 * nothing of a kept paragraph lost between passages.
 */
function checkPassages(text: string, article: Article, passages: Passage[]): void {
  const paragraphs = new Map(splitParagraphs(text).map((p) => [p.number, p]));
  for (const p of passages) {
    expect(text.slice(p.start, p.end)).toBe(p.text);
    expect(p.text.length).toBeGreaterThan(0);
    expect(p.text.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
    expect(p.text.trim()).toBe(p.text);
    expect(p.text).not.toMatch(LONE_SURROGATE);
    const para = paragraphs.get(p.paragraph)!;
    expect(para, `paragraph ${p.paragraph} exists`).toBeDefined();
    expect(p.start).toBeGreaterThanOrEqual(para.start);
    expect(p.end).toBeLessThanOrEqual(para.end);
    expect(p.sentences.length).toBeGreaterThan(0);
    expect(p.sentences[0]!.start).toBe(p.start);
    expect(p.sentences[p.sentences.length - 1]!.end).toBe(p.end);
    let last = p.start;
    for (const s of p.sentences) {
      expect(s.start).toBeGreaterThanOrEqual(last);
      expect(s.end).toBeGreaterThan(s.start);
      expect(s.end).toBeLessThanOrEqual(p.end);
      last = s.end;
    }
  }
  // Each kept paragraph is covered: passages in order, only white space between them.
  for (const para of article.paragraphs) {
    const own = passages.filter((p) => p.paragraph === para.number);
    expect(own.length).toBeGreaterThan(0);
    expect(own[0]!.start).toBe(para.start);
    expect(own[own.length - 1]!.end).toBe(para.end);
    for (let i = 1; i < own.length; i++) expect(text.slice(own[i - 1]!.end, own[i]!.start).trim()).toBe("");
  }
  expect(new Set(passages.map((p) => p.id)).size).toBe(passages.length);
}

/** Paragraph number of the line holding `offset`, counted independently: non-blank lines before it, plus one. */
function lineParagraphNumber(text: string, offset: number): number {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return text.slice(0, lineStart).split(/\r?\n/).filter((l) => l.trim() !== "").length + 1;
}

describe("passages of the test articles", () => {
  for (const [file, text] of Object.entries(FILES)) {
    it(`${file}: every passage is verbatim, short, inside one paragraph, with ordered sentences`, () => {
      const article = cleanArticle(file, text, "hash");
      const passages = chunkArticle(article);
      expect(passages.length).toBeGreaterThan(5);
      checkPassages(text, article, passages);
    });

    it(`${file}: paragraph numbers count the file's lines from 1`, () => {
      const passages = chunkArticle(cleanArticle(file, text, "hash"));
      for (const p of passages) expect(p.paragraph).toBe(lineParagraphNumber(text, p.start));
      expect(passages[0]!.paragraph).toBe(1);
    });
  }

  it("keeps 'U.S. president' and its sentence whole in the seed", () => {
    const text = FILES["000_950a411777f2414a.txt"];
    const sentences = chunkArticle(cleanArticle("seed", text, "h")).flatMap((p) => p.sentences.map((s) => text.slice(s.start, s.end)));
    const withPresident = sentences.filter((s) => s.includes("U.S. president"));
    expect(withPresident).toHaveLength(1);
    expect(withPresident[0]).toMatch(/^But the final word lies with the new U\.S\. president, Joe Biden, .* not yet known\.$/);
    for (const s of sentences) expect(s).not.toMatch(/\bU\.S\.$/);
  });
});

describe("sentence splitting", () => {
  const sentencesOf = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

  it("does not break after abbreviations and titles", () => {
    expect(sentencesOf("The new U.S. president, Joe Biden, spoke on Monday. Then Mr. Smith left.")).toEqual([
      "The new U.S. president, Joe Biden, spoke on Monday.",
      "Then Mr. Smith left.",
    ]);
    expect(sentencesOf("He met Dr. Jones and Mrs. Doe in Washington, D.C. on Monday. It rained.")).toEqual([
      "He met Dr. Jones and Mrs. Doe in Washington, D.C. on Monday.",
      "It rained.",
    ]);
    expect(sentencesOf("The U.K. agreed. The U.N. Security Council met in Geneva.")).toEqual([
      "The U.K. agreed.",
      "The U.N. Security Council met in Geneva.",
    ]);
    expect(sentencesOf("He flew to the U.S. President Biden met him there.")).toEqual(["He flew to the U.S. President Biden met him there."]);
  });

  it("still ends a sentence after an initialism when a new sentence clearly begins", () => {
    expect(sentencesOf("He moved to the U.S. The move was costly.")).toEqual(["He moved to the U.S.", "The move was costly."]);
  });

  it("keeps closing quotation marks with their sentence", () => {
    expect(sentencesOf("“Why?” she asked. “Because,” he said.")).toEqual(["“Why?” she asked.", "“Because,” he said."]);
    expect(sentencesOf("“We will not accept it.” The talks ended.")).toEqual(["“We will not accept it.”", "The talks ended."]);
    expect(sentencesOf('He said "Stop." Then he left.')).toEqual(['He said "Stop."', "Then he left."]);
  });

  it("returns trimmed, non-empty, ordered spans inside the span it is given", () => {
    const text = "  First one.  Second one!   Third?  ";
    const span = { start: 1, end: text.length - 1 };
    const spans = splitSentences(text, span);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(["First one.", "Second one!", "Third?"]);
  });
});

describe("grouping sentences", () => {
  it("never makes a group longer than the limit and keeps every sentence once, in order", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ len: fc.integer({ min: 1, max: 120 }), gap: fc.integer({ min: 1, max: 3 }) }), { maxLength: 40 }), fc.integer({ min: 120, max: 400 }), (shape, max) => {
        let at = 0;
        const spans: Span[] = shape.map(({ len, gap }) => {
          const s = { start: at, end: at + len };
          at += len + gap;
          return s;
        });
        const groups = groupSentences(spans, max);
        expect(groups.flat()).toEqual(spans);
        for (const g of groups) {
          expect(g.length).toBeGreaterThan(0);
          expect(g[g.length - 1]!.end - g[0]!.start).toBeLessThanOrEqual(max);
        }
      }),
    );
  });
});

// ---- property tests on random articles ----

const WORDS = [
  "the", "talks", "in", "Doha", "government", "said", "on", "Monday", "and", "ministers", "agreed", "to", "a", "new",
  "timetable", "for", "troops", "8,600", "3.5", "percent", "Taliban’s", "Soviet-Afghan", "now—First", "“peace”", "‘deal’",
  "(believed", "sponsor)", "e.g.", "Mr. Smith", "Dr. Jones", "U.S. president", "U.S. officials", "Washington", "Kabul",
  "but", "which", "—", "–", "…", "it’s", "don't", "Café", "naïve", "Zürich", "😀", "北京",
];

const word = fc.constantFrom(...WORDS);
const ending = fc.constantFrom(".", "!", "?", ".”", "?”", "…", ".)");
const sentence = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 30 }), ending)
  .map(([words, end]) => {
    const s = words.join(" ");
    return `${s[0]!.toUpperCase()}${s.slice(1)}${end}`;
  });
/** A sentence far over the passage limit, without any sentence punctuation. */
const runOn = fc.array(fc.constantFrom("and", "the", "river", "dam", "talks", "water", "—", "ministers", "Addis"), { minLength: 150, maxLength: 400 }).map((w) => `Then ${w.join(" ")}`);
/** A "word" with no space at all, longer than a passage (a URL, a run of emoji). */
const monster = fc.oneof(
  fc.integer({ min: 701, max: 1600 }).map((n) => `https://example.org/${"a".repeat(n)}`),
  // An odd number of one-unit characters first, so that a cut at the limit would fall inside a pair.
  fc.integer({ min: 351, max: 800 }).map((n) => `x${"😀".repeat(n)}`),
);
const paragraph = fc.oneof(
  { weight: 8, arbitrary: fc.array(sentence, { minLength: 1, maxLength: 14 }).map((ss) => ss.join(" ")) },
  { weight: 2, arbitrary: fc.tuple(sentence, runOn, sentence).map((ss) => ss.join(" ")) },
  { weight: 1, arbitrary: fc.tuple(sentence, monster).map((ss) => ss.join(" ")) },
);

describe("passages of random articles (fast-check)", () => {
  for (const [name, separator] of [
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["blank lines", "\n\n"],
  ] as const) {
    it(`holds every passage invariant, paragraphs separated by ${name}`, () => {
      fc.assert(
        fc.property(fc.array(paragraph, { minLength: 1, maxLength: 8 }), fc.boolean(), (paras, trailingNewline) => {
          const text = paras.join(separator) + (trailingNewline ? separator : "");
          const article = cleanArticle("random.txt", text, "hash");
          const passages = chunkArticle(article);
          checkPassages(text, article, passages);
          // Paragraph numbers are the generated paragraphs, counted from 1.
          let at = 0;
          const starts = paras.map((p) => {
            const s = at;
            at += p.length + separator.length;
            return s;
          });
          for (const p of passages) {
            const n = p.paragraph;
            expect(p.start).toBeGreaterThanOrEqual(starts[n - 1]!);
            expect(p.end).toBeLessThanOrEqual(starts[n - 1]! + paras[n - 1]!.length);
          }
        }),
        { numRuns: 60 },
      );
    });
  }

  it("splits no sentence after 'Mr.', 'Dr.' or 'U.S.' followed by a name or a small word", () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 12 }), (ss) => {
        const text = ss.join(" ");
        const spans = splitSentences(text);
        for (const s of spans) expect(text.slice(s.start, s.end)).not.toMatch(/(?:\bMr|\bDr|\bU\.S)\.$/);
        for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
      }),
      { numRuns: 100 },
    );
  });
});

describe("sentences after numbers", () => {
  it("end a sentence at a number followed by a capital, but not at a decimal point", () => {
    const text = "The campaign has been waged since 2001. Still, the mission goes on. It cost $2.5 billion in 2020.";
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual([
      "The campaign has been waged since 2001.",
      "Still, the mission goes on.",
      "It cost $2.5 billion in 2020.",
    ]);
  });
});
