import { describe, expect, it } from "vitest";
import { pageCount, pageOf, rankSentences, type Candidate, type MentionRole } from "../../src/actors/summary.js";
import { Suggester, editDistance, normalizeName } from "../../src/actors/suggest.js";

let order = 0;
function candidate(text: string, role: MentionRole, paragraph: number, file = "a.txt"): Candidate {
  return { order: order++, file, paragraph, text, role, mentions: 1, others: 0, textWithoutActor: text.replace(/\bReyes\b/g, "     ") };
}

describe("ranking an actor's sentences", () => {
  it("opens a person's summary with the describing sentence, the rest in document order", () => {
    order = 0;
    const cs = [
      candidate("Reyes spoke first at the meeting on water rights and irrigation quotas.", "subject", 1),
      candidate("Delegates later criticised Reyes for the delay in the irrigation talks.", "mention", 2),
      candidate("Reyes, the agriculture minister of the coastal province, leads the delegation on irrigation.", "definition", 3),
      candidate("Reyes promised farmers more water during the dry season and new irrigation canals.", "subject", 4),
    ];
    const ranked = rankSentences(cs, true);
    const page = pageOf(ranked, 0, 5, true);
    expect(page[0]!.role).toBe("definition");
    const rest = page.slice(1).map((c) => c.order);
    expect(rest).toEqual([...rest].sort((a, b) => a - b));
    // Not a person: plain document order.
    const asGroup = pageOf(rankSentences(cs, false), 0, 5, false).map((c) => c.order);
    expect(asGroup).toEqual([...asGroup].sort((a, b) => a - b));
  });

  it("prefers sentences where the actor acts to passing mentions, all else equal", () => {
    order = 0;
    const text = "Reyes negotiated the water treaty with the northern provinces for three long years.";
    const cs = [candidate(text.replace("Reyes negotiated", "Others negotiated, near Reyes,"), "mention", 1), candidate(text, "subject", 2)];
    const ranked = rankSentences(cs, false);
    expect(ranked.chosen[0]!.role).toBe("subject");
  });

  it("skips near-duplicates and spreads over paragraphs and articles", () => {
    order = 0;
    const s = "Reyes signed the water treaty in the capital after months of difficult talks with farmers.";
    const cs = [
      candidate(s, "subject", 1),
      candidate(s, "subject", 1, "b.txt"),
      candidate(`${s.slice(0, -1)} on Monday.`, "subject", 2),
      candidate("Reyes also met the press about the harvest forecasts and prices.", "subject", 3),
      candidate("In the same paragraph, Reyes thanked the mediators and the donors.", "subject", 1),
    ];
    const ranked = rankSentences(cs, false);
    const texts = ranked.chosen.map((c) => c.text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts.filter((t) => t.startsWith("Reyes signed the water treaty"))).toHaveLength(1);
    // The first three chosen come from three different paragraphs.
    const firstThree = ranked.chosen.slice(0, 3).map((c) => `${c.file}#${c.paragraph}`);
    expect(new Set(firstThree).size).toBe(3);
  });

  it("pages: the first page holds 3 to 5 quotes, later pages the rest, each once", () => {
    order = 0;
    const cs = Array.from({ length: 12 }, (_, i) =>
      candidate(`Reyes made statement number ${i} about topic ${String.fromCharCode(97 + i)}${String.fromCharCode(97 + i)} and policy ${i * 7}.`, i % 3 === 0 ? "subject" : "mention", i + 1),
    );
    const ranked = rankSentences(cs, false);
    const first = pageOf(ranked, 0, 5, false);
    expect(first.length).toBeGreaterThanOrEqual(3);
    expect(first.length).toBeLessThanOrEqual(5);
    const all = Array.from({ length: pageCount(ranked, 5) }, (_, p) => pageOf(ranked, p, 5, false)).flat();
    expect(all.map((c) => c.order).sort((a, b) => a - b)).toEqual(ranked.chosen.map((c) => c.order).sort((a, b) => a - b));
  });

  it("ranks a large actor's sentences from a pool of the best by role, each distinct sentence once", () => {
    order = 0;
    // 400 passing mentions in 100 articles, the same few sentences over and over; the describing sentence last.
    const cs: Candidate[] = [];
    const passing = [
      "Delegates in the capital discussed Reyes and the harvest forecast.",
      "Newspapers mocked Reyes over a cartoon about bridges.",
      "Teachers marched past Reyes demanding higher salaries.",
      "A court summoned Reyes about irregular campaign donations.",
    ];
    const acting = ["water accords with farmers", "trade deals with neighbours", "budget cuts for ministries", "railway plans for mountains", "school reforms across villages"];
    for (let a = 0; a < 100; a++) passing.forEach((text, k) => cs.push(candidate(text, "mention", k + 1, `${a}.txt`)));
    acting.forEach((what, a) => cs.push(candidate(`Reyes signed ${what} after long talks.`, "subject", 9, `${a}.txt`)));
    cs.push(candidate("Reyes, the agriculture minister of the coastal province, leads the delegation.", "definition", 10, "99.txt"));
    const ranked = rankSentences(cs, true, { maxCandidates: 8 });
    const first = pageOf(ranked, 0, 5, true);
    expect(first[0]!.role).toBe("definition");
    expect(first.slice(1).every((c) => c.role === "subject")).toBe(true);
    // Every distinct sentence is on some page, once.
    const texts = ranked.chosen.map((c) => c.text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(new Set(texts)).toEqual(new Set(cs.map((c) => c.text)));
    const all = Array.from({ length: pageCount(ranked, 5) }, (_, p) => pageOf(ranked, p, 5, true)).flat();
    expect(all.map((c) => c.order).sort((x, y) => x - y)).toEqual(ranked.chosen.map((c) => c.order).sort((x, y) => x - y));
  });

  it("spreads the pool over the articles when the actor's roles tie", () => {
    order = 0;
    const cs: Candidate[] = [];
    for (let a = 0; a < 30; a++) for (let k = 0; k < 5; k++) cs.push(candidate(`Reyes visited farm ${a * 5 + k} of the valley and spoke with its workers.`, "subject", k + 1, `${String(a).padStart(2, "0")}.txt`));
    const ranked = rankSentences(cs, false, { maxCandidates: 10 });
    const firstPageFiles = pageOf(ranked, 0, 5, false).map((c) => c.file);
    expect(new Set(firstPageFiles).size).toBe(firstPageFiles.length);
  });

  it("returns nothing for an actor without sentences", () => {
    const ranked = rankSentences([], true);
    expect(ranked.chosen).toEqual([]);
    expect(pageCount(ranked, 5)).toBe(0);
  });
});

describe("suggesting actors", () => {
  const actors = [
    { name: "Russia", aliases: ["Moscow", "Russian", "Kremlin"], mentions: 27 },
    { name: "Russian Foreign Ministry", aliases: ["Foreign Ministry"], mentions: 1 },
    { name: "United States", aliases: ["Washington", "U.S.", "Americans"], mentions: 20 },
    { name: "Zamir Kabulov", aliases: ["Kabulov"], mentions: 2 },
    { name: "Afghan government", aliases: ["Kabul"], mentions: 21 },
  ];
  const suggester = new Suggester(actors);
  const names = (typed: string, limit = 25) => suggester.suggest(typed, limit).map((s) => s.actor.name);

  it("offers names that start with the input first, the most mentioned first", () => {
    expect(names("Rus")[0]).toBe("Russia");
    expect(names("rus")).toEqual(["Russia", "Russian Foreign Ministry"]);
  });

  it("finds an actor by an alias, saying which", () => {
    const [first] = suggester.suggest("Washington", 25);
    expect(first?.actor.name).toBe("United States");
    expect(first?.via).toBe("Washington");
    expect(names("kab")).toEqual(expect.arrayContaining(["Zamir Kabulov", "Afghan government"]));
  });

  it("offers a word inside a name, then close spellings", () => {
    expect(names("Kabulov")[0]).toBe("Zamir Kabulov");
    expect(names("Rusia")[0]).toBe("Russia");
    expect(names("Washingtn")[0]).toBe("United States");
    expect(names("zzzz")).toEqual([]);
  });

  it("suggests nothing for input with no letter or digit to go by", () => {
    expect(names("😀")).toEqual([]);
    expect(names("?!")).toEqual([]);
    expect(names(" … ")).toEqual([]);
  });

  it("keeps to the limit, and lists the most mentioned for empty input", () => {
    expect(names("", 2)).toEqual(["Russia", "Afghan government"]);
    expect(names("a", 1)).toHaveLength(1);
    expect(names("r", 0)).toEqual([]);
  });

  it("normalises names and measures edits with transpositions", () => {
    expect(normalizeName("  The Taliban’s ")).toBe("taliban");
    expect(normalizeName("Élysée")).toBe("elysee");
    expect(editDistance("russia", "russia")).toBe(0);
    expect(editDistance("rusia", "russia")).toBe(1);
    expect(editDistance("rusisa", "russia")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
  });
});
