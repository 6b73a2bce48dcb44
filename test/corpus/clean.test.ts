import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { chunkArticle } from "../../src/corpus/chunk.js";
import { cleanArticle, isBoilerplate, isCallToAction } from "../../src/corpus/clean.js";
import { splitParagraphs } from "../../src/corpus/text.js";
import type { Article } from "../../src/corpus/types.js";

const SEED_FILE = "000_950a411777f2414a.txt";
const seedText = readFileSync(fileURLToPath(new URL(`../../seeds/${SEED_FILE}`, import.meta.url)), "utf8");
const ATTRIBUTION_LINE = "This article was first published by the Carnegie Moscow Center.";

const clean = (text: string, given = {}) => cleanArticle("crafted.txt", text, "hash", given);
/** The text of the paragraphs the cleaner kept as the article. */
const kept = (a: Article) => a.paragraphs.map((p) => a.text.slice(p.start, p.end));
const passageTexts = (a: Article) => chunkArticle(a).map((p) => p.text);

describe("cleaning the seed article", () => {
  const article = cleanArticle(SEED_FILE, seedText, "hash");
  const passages = chunkArticle(article);
  const trailer = seedText.slice(seedText.indexOf(ATTRIBUTION_LINE) + ATTRIBUTION_LINE.length);

  it("has the attribution line and a trailer after it (the fixture is what the tests assume)", () => {
    expect(seedText).toContain(ATTRIBUTION_LINE);
    expect(trailer.trim().length).toBeGreaterThan(500);
  });

  it("keeps no sentence of the donation appeal in any passage", () => {
    // Every sentence and line of the trailer, cut with a rule independent of the code under test.
    const pieces = trailer
      .split(/\n|(?<=[.!?:])\s+/)
      .map((s) => s.trim())
      .filter((s) => s.length >= 4);
    expect(pieces.length).toBeGreaterThan(10);
    for (const piece of pieces) {
      for (const p of passages) expect(p.text, `passage ${p.id} holds appeal text`).not.toContain(piece);
    }
    for (const phrase of ["Dear readers", "Remind me later", "undesirable", "$2", "foreign agent", "A Message from", "The Moscow Times"]) {
      expect(trailer).toContain(phrase);
      for (const p of passages) expect(p.text).not.toContain(phrase);
    }
  });

  it("keeps the attribution line as metadata, not as a passage", () => {
    expect(article.meta.publisher).toBe("Carnegie Moscow Center");
    expect(article.meta.carriedBy).toBe("The Moscow Times");
    for (const p of passages) expect(p.text).not.toMatch(/first published by/i);
    expect(article.removed.find((r) => r.reason === "attribution")).toBeDefined();
  });

  it("keeps every paragraph before the attribution line", () => {
    const articleLines = seedText.slice(0, seedText.indexOf(ATTRIBUTION_LINE)).split("\n").filter((l) => l.trim() !== "");
    expect(kept(article)).toEqual(articleLines);
  });

  it("derives a sensible title from the first sentence", () => {
    const title = article.meta.title;
    expect(title.length).toBeGreaterThan(20);
    expect(title.length).toBeLessThanOrEqual(90);
    expect(title).not.toMatch(/\n/);
    expect(seedText.startsWith(title.replace(/…$/, ""))).toBe(true);
  });
});

/** A short article about a harbour, for crafting files around it. */
const HARBOUR = [
  "The city council of Port Alder voted on Monday to expand the harbour, ending a dispute that had lasted six years.",
  "The plan adds two berths for container ships and a breakwater, at a cost the council put at 140 million euros.",
  "Fishermen opposed the first draft, saying the works would close their moorings for two summers.",
  "Mayor Ilse Varga said the final plan keeps the moorings open and moves construction to the winter months.",
  "Work is due to begin in November and to finish within three years.",
];

describe("cleaning crafted texts", () => {
  it("drops a newsletter prompt and 'Remind me later'", () => {
    const a = clean(
      [...HARBOUR, "Sign up for our daily newsletter to get the top stories in your inbox.", "Remind me later."].join("\n"),
    );
    expect(kept(a)).toEqual(HARBOUR);
    expect(a.removed.map((r) => a.text.slice(r.start, r.end))).toEqual([
      "Sign up for our daily newsletter to get the top stories in your inbox.",
      "Remind me later.",
    ]);
  });

  it("drops 'Remind me later' wherever it stands", () => {
    const a = clean([HARBOUR[0], "Remind me later", ...HARBOUR.slice(1)].join("\n"));
    expect(kept(a)).toEqual(HARBOUR);
  });

  it("reads a 'By Jane Doe' byline as the author, not as a passage or the title", () => {
    const a = clean(["By Jane Doe", ...HARBOUR].join("\n"));
    expect(a.meta.author).toBe("Jane Doe");
    expect(kept(a)).toEqual(HARBOUR);
    expect(a.meta.title).toMatch(/^The city council of Port Alder voted/);
    for (const text of passageTexts(a)) expect(text).not.toContain("Jane Doe");
  });

  it("reads a byline with a place, an outlet or a date after the name, and drops a time stamp", () => {
    for (const [line, author] of [
      ["By Marta Kowalczyk, Brussels", "Marta Kowalczyk"],
      ["By Jane Doe in Lisbon", "Jane Doe"],
      ["By Jane Doe | Reuters", "Jane Doe"],
      ["By Jane Doe in Lisbon | 14 August 2025", "Jane Doe"],
      ["By Jane Doe, Health Correspondent | Tuesday 14 October 2025", "Jane Doe"],
    ] as const) {
      const a = clean(["# Port Alder approves harbour expansion", line, "Updated 14 March 2025", "Published 3 hours ago", ...HARBOUR].join("\n"));
      expect(a.meta.author, line).toBe(author);
      expect(kept(a), line).toEqual(HARBOUR);
    }
    // Article sentences that start the same way stay.
    const lines = [HARBOUR[0]!, "Published figures from 2024 show a rise in traffic.", "By noon, the harbour was full.", "By Monday, Parliament voted.", ...HARBOUR.slice(1)];
    expect(kept(clean(lines.join("\n")))).toEqual(lines);
  });

  it("takes a headline that ends in a quotation for the title, not a quoted sentence", () => {
    const headline = 'Kenya\'s Energy Minister: "We Cannot Pray for Rain and Call It a Power Policy"';
    const a = clean([headline, ...HARBOUR].join("\n"));
    expect(a.meta.title).toBe(headline);
    expect(kept(a)).toEqual(HARBOUR);
    const quoted = 'The minister said: "We cannot pray for rain."';
    expect(kept(clean([quoted, ...HARBOUR].join("\n")))).toEqual([quoted, ...HARBOUR]);
  });

  it("takes a Markdown heading as the title and a byline under it as the author", () => {
    const a = clean(["# Port Alder approves harbour expansion", "By Jane Doe and Omar Reyes", ...HARBOUR].join("\n"));
    expect(a.meta.title).toBe("Port Alder approves harbour expansion");
    expect(a.meta.author).toBe("Jane Doe and Omar Reyes");
    expect(kept(a)).toEqual(HARBOUR);
  });

  it("keeps the article after an attribution line in the middle, and still takes the publisher from it", () => {
    const lines = [...HARBOUR.slice(0, 3), "This article was first published by the Alder Gazette.", ...HARBOUR.slice(3)];
    const a = clean(lines.join("\n"));
    expect(a.meta.publisher).toBe("Alder Gazette");
    expect(kept(a)).toEqual(HARBOUR);
    for (const text of passageTexts(a)) expect(text).not.toMatch(/first published/);
  });

  it("ends the article at a closing attribution line followed by a short appeal without cue words", () => {
    const a = clean([...HARBOUR, "This article was originally published by The Alder Gazette.", "We rely on readers like you."].join("\n"));
    expect(a.meta.publisher).toBe("The Alder Gazette");
    expect(kept(a)).toEqual(HARBOUR);
  });

  it("treats a 'Dear readers' trailer in the second half as boilerplate to the end, naming who carried it", () => {
    const appeal = [
      "A Message from Coastal Voice:",
      "Dear readers,",
      "Independent reporting on the coast has never been harder to fund.",
      "Thank you for standing with us.",
    ];
    const a = clean([...HARBOUR, "This article was first published by the Alder Gazette.", ...appeal].join("\n"));
    expect(kept(a)).toEqual(HARBOUR);
    expect(a.meta.publisher).toBe("Alder Gazette");
    expect(a.meta.carriedBy).toBe("Coastal Voice");
  });

  it("lets NAME.meta.json fields win over what the text says, and keeps what it leaves out", () => {
    const text = ["# Harbour vote", "By Jane Doe", ...HARBOUR, "This article was first published by the Alder Gazette."].join("\n");
    const a = clean(text, { title: "Port Alder expands its harbour", publisher: "Northern Ports Weekly", url: "https://example.org/a" });
    expect(a.meta.title).toBe("Port Alder expands its harbour");
    expect(a.meta.publisher).toBe("Northern Ports Weekly");
    expect(a.meta.url).toBe("https://example.org/a");
    expect(a.meta.author).toBe("Jane Doe");
    expect(kept(a)).toEqual(HARBOUR);
  });

  it("ignores empty meta fields instead of blanking derived ones", () => {
    const a = clean(["# Harbour vote", ...HARBOUR].join("\n"), { title: "", publisher: " " });
    expect(a.meta.title).toBe("Harbour vote");
    expect(a.meta.publisher).toBeUndefined();
  });

  it("reads a hard-wrapped Markdown file as blank-line-separated paragraphs", () => {
    const text = [
      "# Harbour vote",
      "",
      "The city council of Port Alder voted on Monday to expand the",
      "harbour, ending a dispute that had lasted six years.",
      "",
      "Fishermen opposed the first draft, saying the works would close",
      "their moorings for two summers. The final plan keeps them open.",
      "   ",
      "Work is due to begin in November and to finish within three",
      "years.",
      "",
    ].join("\n");
    const a = clean(text);
    expect(a.meta.title).toBe("Harbour vote");
    expect(kept(a).map((p) => p.replace(/\n/g, " "))).toEqual([
      "The city council of Port Alder voted on Monday to expand the harbour, ending a dispute that had lasted six years.",
      "Fishermen opposed the first draft, saying the works would close their moorings for two summers. The final plan keeps them open.",
      "Work is due to begin in November and to finish within three years.",
    ]);
    expect(a.paragraphs.map((p) => p.number)).toEqual([2, 3, 4]);
    for (const p of chunkArticle(a)) expect(text.slice(p.start, p.end)).toBe(p.text);
  });

  it("does not take Markdown sub-headings as passages", () => {
    const a = clean(["# Harbour vote", "", HARBOUR[0], "", "## Background", "", HARBOUR[1], "", HARBOUR[2]].join("\n"));
    expect(kept(a)).toEqual(HARBOUR.slice(0, 3));
  });

  it("handles CRLF line endings: no carriage return in any paragraph or passage", () => {
    const text = `${[...HARBOUR, "Remind me later."].join("\r\n")}\r\n`;
    const a = clean(text);
    expect(kept(a)).toEqual(HARBOUR);
    for (const p of chunkArticle(a)) {
      expect(p.text).not.toMatch(/\r/);
      expect(text.slice(p.start, p.end)).toBe(p.text);
    }
  });

  it("keeps a leading byte-order mark out of paragraphs and the title while offsets stay file offsets", () => {
    const text = `\uFEFF${HARBOUR.join("\n")}`;
    const a = clean(text);
    expect(a.paragraphs[0]!.start).toBe(1);
    expect(a.meta.title.startsWith("The city council")).toBe(true);
    for (const p of chunkArticle(a)) expect(text.slice(p.start, p.end)).toBe(p.text);
  });

  it("keeps article sentences that merely mention support, contributions or US", () => {
    const legit = [
      "The first side to come to Port Alder for support ahead of the vote was the fishermen's union at the end of January.",
      "The European grant will help support the town's economy while the works last.",
      "The mayor said the harbour would continue to support US Navy vessels on exercises.",
      "Japan is making a contribution of 5 million euros to the breakwater.",
      "Supporters of the plan say it brings 400 jobs.",
    ];
    const a = clean([...HARBOUR.slice(0, 2), ...legit, ...HARBOUR.slice(2)].join("\n"));
    expect(kept(a)).toEqual([...HARBOUR.slice(0, 2), ...legit, ...HARBOUR.slice(2)]);
  });

  it("drops appeals that address the reader", () => {
    const appeals = [
      "If you value our reporting, please consider making a donation.",
      "Your support, no matter how small, makes a difference: every contribution counts.",
      "Please support us with a monthly gift.",
      "Support independent journalism today.",
      "Donate now.",
    ];
    for (const appeal of appeals) expect(isBoilerplate(appeal), appeal).toBe(true);
    const a = clean([HARBOUR[0], appeals[0], ...HARBOUR.slice(1), ...appeals.slice(1)].join("\n"));
    expect(kept(a)).toEqual(HARBOUR);
  });

  it("does not read a date or a clause after 'first published' as a publisher", () => {
    const a = clean([...HARBOUR, "This article was first published on 3 March 2021."].join("\n"));
    expect(a.meta.publisher).toBeUndefined();
    expect(kept(a)).toEqual(HARBOUR);
    // Not an attribution line at all: article text that happens to start the same way.
    const lines = [HARBOUR[0]!, "First published in 1998, the plan was shelved twice.", "Source: a council official who asked not to be named.", ...HARBOUR.slice(1)];
    const b = clean(lines.join("\n"));
    expect(b.meta.publisher).toBeUndefined();
    expect(kept(b)).toEqual(lines);
  });

  it("reads the short attribution forms when they name a publisher", () => {
    expect(clean([...HARBOUR, "Originally published by Coastal Voice."].join("\n")).meta.publisher).toBe("Coastal Voice");
    expect(clean([...HARBOUR, "Republished with permission from the Alder Gazette."].join("\n")).meta.publisher).toBe("Alder Gazette");
    const source = clean([...HARBOUR, "Source: Reuters"].join("\n"));
    expect(source.meta.publisher).toBe("Reuters");
    expect(kept(source)).toEqual(HARBOUR);
  });

  it("reads the publisher from a copyright line, and keeps article text that starts like one", () => {
    const a = clean([...HARBOUR, "© 2024 West Africa Health Desk. All rights reserved."].join("\n"));
    expect(a.meta.publisher).toBe("West Africa Health Desk");
    expect(kept(a)).toEqual(HARBOUR);
    expect(clean([...HARBOUR, "Copyright 2019-2024 Alder Gazette"].join("\n")).meta.publisher).toBe("Alder Gazette");
    // An attribution line earlier in the file wins.
    expect(clean([...HARBOUR, "Originally published by Coastal Voice.", "(c) 2024 Syndicate Ltd. All rights reserved."].join("\n")).meta.publisher).toBe("Coastal Voice");
    const lines = [HARBOUR[0]!, "Copyright law protects the harbour's old charts as well.", ...HARBOUR.slice(1)];
    const b = clean(lines.join("\n"));
    expect(b.meta.publisher).toBeUndefined();
    expect(kept(b)).toEqual(lines);
  });

  it("reads the agency of a wire dateline as the publisher, and keeps the paragraph", () => {
    const lead = "SUVA/NUKU'ALOFA, March 12 (Pacific Wire) - Fiji and Tonga traded accusations on Wednesday.";
    const a = clean([lead, ...HARBOUR].join("\n"));
    expect(a.meta.publisher).toBe("Pacific Wire");
    expect(kept(a)).toEqual([lead, ...HARBOUR]);
    expect(clean(["KYIV (AP) — Air raid sirens sounded across the capital.", ...HARBOUR].join("\n")).meta.publisher).toBe("AP");
    // An attribution line wins; brackets later in the paragraph, or in small letters, are no dateline.
    expect(clean(["KYIV (AP) — Sirens sounded.", ...HARBOUR, "Originally published by Coastal Voice."].join("\n")).meta.publisher).toBe("Coastal Voice");
    expect(clean(["The port (Harbour Board) - said to be busy - reopened.", ...HARBOUR].join("\n")).meta.publisher).toBeUndefined();
    expect(clean([...HARBOUR, "OSLO (Reuters) - A later paragraph."].join("\n")).meta.publisher).toBeUndefined();
  });

  it("numbers paragraphs over the whole file, boilerplate included", () => {
    const text = ["Remind me later.", ...HARBOUR].join("\n");
    const a = clean(text);
    expect(splitParagraphs(text).map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(a.paragraphs.map((p) => p.number)).toEqual([2, 3, 4, 5, 6]);
  });
});

describe("page furniture: calls to action, navigation, credits", () => {
  const furniture = [
    "Subscribe now for unlimited access.",
    "Already a subscriber? Log in.",
    "Donate",
    "Become a patron",
    "Read more: Taliban fighters seized the airport on Sunday",
    "Continue reading below",
    "Most read",
    "You might also like",
    "Join our Telegram channel",
    "Click to share on WhatsApp",
    "We rely on readers like you. Chip in today.",
    "Photo: AFP / Getty Images",
    "(Reporting by Jane Doe in Kabul; Editing by Tom Smith)",
    "Advertisement",
    "Related",
    "► Sign up for free",
    "Download the app",
  ];
  const articleText = [
    "Russia will join the talks in Doha next week, officials said.",
    "Follow-up talks are planned for March.",
    "Share prices fell 3% on Monday.",
    "Follow the money, investigators said.",
    "Join the talks, Russia says.",
    "Support for the plan grew among fishermen.",
    "Tap water was declared safe again on Tuesday.",
    "Related talks in Geneva ended without a deal.",
    "Most readers of the report agreed with its findings.",
    "Photographers were barred from the hearing.",
    "Editing of the treaty text went on all night.",
    "Downloads of the ministry's app doubled after the ban.",
    "“Join us,” the fishermen's leader told the crowd.",
    "Share of the vote: 52 percent, the commission said.",
  ];

  it("takes each of them for boilerplate", () => {
    for (const line of furniture) expect(isBoilerplate(line), line).toBe(true);
  });

  it("keeps article sentences that contain the same verbs and words", () => {
    for (const line of articleText) expect(isBoilerplate(line), line).toBe(false);
  });

  it("leaves every piece of furniture out of an article and its passages, and keeps the sentences around them", () => {
    const lines = [HARBOUR[0]!, ...furniture.slice(0, 8), ...HARBOUR.slice(1, 3), ...articleText, ...furniture.slice(8), ...HARBOUR.slice(3)];
    const a = clean(lines.join("\n"));
    expect(kept(a)).toEqual([HARBOUR[0], ...HARBOUR.slice(1, 3), ...articleText, ...HARBOUR.slice(3)]);
    expect(a.removed.map((r) => a.text.slice(r.start, r.end))).toEqual([...furniture.slice(0, 8), ...furniture.slice(8)]);
    expect(a.removed.map((r) => r.reason)).toEqual(furniture.map(() => "boilerplate"));
    const passages = passageTexts(a).join("\n");
    for (const line of furniture.filter((l) => l.length > 15)) expect(passages).not.toContain(line);
  });

  it("counts only short paragraphs as calls to action", () => {
    const long = "Subscribe now for unlimited access to every story about the harbour, the port and the city council.";
    expect(long.split(" ").length).toBeGreaterThan(12);
    expect(isCallToAction(long)).toBe(true);
    expect(isBoilerplate(long)).toBe(false);
  });
});

describe("titles", () => {
  it("falls back to the file name when the derived title has no letter or digit", () => {
    const a = cleanArticle("punctuation.txt", "—— … !!!\n*** ???\n", "hash");
    expect(a.meta.title).toBe("punctuation");
    const b = cleanArticle("notes.md", "# ***\n\n...\n\n!!!\n", "hash");
    expect(b.meta.title).toBe("notes");
  });

  it("keeps a derived title that has letters or digits", () => {
    expect(cleanArticle("x.txt", "1998\nThe treaty was signed that year.\n", "hash").meta.title).toBe("1998");
    expect(clean(HARBOUR.join("\n")).meta.title).toMatch(/^The city council of Port Alder/);
  });
});
