import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ELLIPSIS, embedLength, fitChoices, fitItems, LIMITS, shortenStartToFit, shortenToFit } from "../../src/discord/limits.ts";
import { safeText } from "../../src/discord/markdown.ts";

const TEXT =
  "The first sentence is here. The second one is a bit longer than the first. Third: short. And a fourth sentence follows, closing the paragraph.";

/** Words and sentences with Markdown-special characters, as articles and questions have them. */
const word = fc.stringMatching(/^[A-Za-z0-9*_~|`'’-]{1,12}$/);
const sentence = fc.array(word, { minLength: 1, maxLength: 12 }).map((ws) => `${ws.join(" ")}.`);
const prose = fc.array(sentence, { minLength: 1, maxLength: 8 }).map((ss) => ss.join(" "));

/** Whether `piece` (without ellipses) starts and ends on word boundaries of `text`. */
function onWordBoundaries(text: string, piece: string, from: "start" | "end"): boolean {
  const at = from === "start" ? 0 : text.length - piece.length;
  if (text.slice(at, at + piece.length) !== piece) return false;
  const before = text[at - 1];
  const after = text[at + piece.length];
  return (before === undefined || /\s/.test(before)) && (after === undefined || /[\s.,;:!?—–-]/.test(after) || /[.,;:!?]$/.test(piece));
}

describe("shortenToFit", () => {
  it("leaves text that fits alone", () => {
    expect(shortenToFit(TEXT, TEXT.length)).toBe(TEXT);
  });

  it("cuts after a whole sentence, with an ellipsis, when that keeps enough", () => {
    expect(shortenToFit(TEXT, 80)).toBe("The first sentence is here. The second one is a bit longer than the first. …");
  });

  it("cuts after a whole word when a sentence cut would drop too much", () => {
    const out = shortenToFit(TEXT, 60);
    expect(out.endsWith(ELLIPSIS)).toBe(true);
    expect(onWordBoundaries(TEXT, out.slice(0, -1), "start")).toBe(true);
    expect(out.length).toBeLessThanOrEqual(60);
  });

  it("measures what `render` makes of the text (escaping lengthens it)", () => {
    const starry = "A *b* c. ".repeat(30).trim();
    const out = shortenToFit(starry, 100, safeText);
    expect(safeText(out).length).toBeLessThanOrEqual(100);
    expect(out.length).toBeLessThan(100);
  });

  it("cuts a word only when the first word alone is longer than the room", () => {
    expect(shortenToFit("The cat", 3)).toBe(ELLIPSIS);
    expect(shortenToFit("https://example.com/a/very/long/link more", 10)).toBe("https://e…");
  });

  it("keeps every result within the limit, on whole words of the text (property)", () => {
    fc.assert(
      fc.property(prose, fc.integer({ min: 1, max: 300 }), (text, max) => {
        const out = shortenToFit(text, max, safeText);
        expect(safeText(out).length).toBeLessThanOrEqual(max);
        if (out === text || out === ELLIPSIS) return;
        expect(out.endsWith(ELLIPSIS)).toBe(true);
        const firstWord = text.split(/\s/)[0]!;
        if (safeText(firstWord).length > max) return; // the one case where a word is cut
        const kept = out.slice(0, -ELLIPSIS.length).trimEnd();
        expect(onWordBoundaries(text, kept, "start")).toBe(true);
      }),
    );
  });
});

describe("shortenStartToFit", () => {
  it("drops whole sentences from the start, with a leading ellipsis", () => {
    expect(shortenStartToFit(TEXT, 80)).toBe("… Third: short. And a fourth sentence follows, closing the paragraph.");
  });

  it("keeps every result within the limit, on whole words of the text's end (property)", () => {
    fc.assert(
      fc.property(prose, fc.integer({ min: 1, max: 300 }), (text, max) => {
        const out = shortenStartToFit(text, max, safeText);
        expect(safeText(out).length).toBeLessThanOrEqual(max);
        if (out === text || out.trim() === ELLIPSIS) return;
        expect(out.startsWith(ELLIPSIS)).toBe(true);
        const kept = out.slice(ELLIPSIS.length).trimStart();
        expect(onWordBoundaries(text, kept, "end")).toBe(true);
      }),
    );
  });
});

describe("fitChoices", () => {
  it("keeps at most 25 choices with names and values of at most 100 characters", () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ name: `Choice ${i} ${"word ".repeat(40)}`, value: `v${i}${"x".repeat(150)}` }));
    const fitted = fitChoices(many);
    expect(fitted).toHaveLength(LIMITS.choices);
    for (const c of fitted) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.name.length).toBeLessThanOrEqual(LIMITS.choiceName);
      expect(c.value.length).toBeLessThanOrEqual(LIMITS.choiceValue);
    }
    expect(fitted[0]!.name.endsWith(ELLIPSIS)).toBe(true);
  });
});

describe("fitItems", () => {
  it("keeps every item when they all fit", () => {
    expect(fitItems(["alpha", "beta"], 100)).toBe("alpha\nbeta");
    expect(fitItems([], 100)).toBe("");
    expect(fitItems(["~", "_"], 3)).toBe("~\n_"); // all of them fit, though one with a count of the rest would not
  });

  it("keeps whole items while they fit with the count of the rest, on its own line for lines", () => {
    const items = ["alpha", "beta", "gamma", "delta", "epsilon"];
    expect(fitItems(items, 24)).toBe("alpha\nbeta\n…and 3 more");
    expect(fitItems(items, 24, { separator: ", ", end: "." })).toBe("alpha, beta …and 3 more.");
  });

  it("shortens the first item only when not even it fits whole", () => {
    expect(fitItems(["a very long first item here", "b"], 20)).toBe(`a very${ELLIPSIS}\n${ELLIPSIS}and 1 more`);
  });

  it("stays within the limit, keeping items whole and in order (property)", () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), fc.integer({ min: 1, max: 200 }), fc.constantFrom("\n", ", "), (items, max, separator) => {
        const out = fitItems(items, max, { separator });
        expect(out.length).toBeLessThanOrEqual(max);
        if (items.join(separator).length <= max) expect(out).toBe(items.join(separator));
        const more = /[\n ]…and (\d+) more$/.exec(out);
        if (!more) return;
        // The items before the count are the first ones, whole (unless not even the first fit whole: then it alone, shortened).
        const head = out.slice(0, more.index);
        if (!head.endsWith(ELLIPSIS)) expect(head).toBe(items.slice(0, items.length - Number(more[1])).join(separator));
      }),
    );
  });
});

describe("embedLength", () => {
  it("counts title, description, footer, author and fields", () => {
    expect(
      embedLength({ title: "ab", description: "cde", footer: { text: "f" }, author: { name: "gh" }, fields: [{ name: "i", value: "jk" }] }),
    ).toBe(11);
  });
});
