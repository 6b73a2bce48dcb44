import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildLibrary, type Library } from "../../src/search/library.js";
import { SEED_ARTICLE, seedCopy } from "./support.js";

async function libraryOf(files: Record<string, string>): Promise<Library> {
  const dir = await mkdtemp(path.join(tmpdir(), "parley-answer-"));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return buildLibrary(dir);
}

describe("answering on the seed article", () => {
  let seed: Library;
  let text: string;
  beforeAll(async () => {
    seed = await buildLibrary(await seedCopy());
    text = await readFile(SEED_ARTICLE, "utf8");
  });

  it("quotes the appositive for 'Who is Zamir Kabulov?' with offsets into the file", async () => {
    const answer = await seed.answer("Who is Zamir Kabulov?");
    expect(answer.answered).toBe(true);
    const first = answer.results[0]!;
    expect(first.quote).toContain("Foreign Ministry official");
    expect(text.slice(first.source.start, first.source.end)).toBe(first.text);
    expect(first.text.slice(first.quoteSpan.start, first.quoteSpan.end)).toBe(first.quote);
    expect(first.source).toMatchObject({ file: "000_950a411777f2414a.txt", paragraph: 8, publisher: "Carnegie Moscow Center" });
  });

  it("finds an actor named another way (the Kremlin → Moscow, US → the United States)", async () => {
    const kremlin = await seed.answer("What does the Kremlin fear in Central Asia?");
    expect(kremlin.answered).toBe(true);
    expect(kremlin.results[0]!.quote).toMatch(/Russia|Moscow/);
    const us = await seed.answer("How long has it been since the US-Taliban agreement?", { k: 3 });
    expect(us.results.map((r) => r.text).join(" ")).toContain("It’s been a year since the United States and the Taliban");
  });

  it("says which names the articles never mention", async () => {
    const answer = await seed.answer("What did Brazil and Vladimir Putin say about the Taliban?");
    expect(answer).toMatchObject({ answered: false, results: [] });
    expect(answer.absent).toEqual(["Brazil", "Vladimir Putin"]);
  });

  it("declines nonsense, out-of-domain questions and questions about absent names", async () => {
    for (const q of ["xqzv blorf wibble", "What is the population of Brazil?", "Recommend a good laptop for gaming", "What did Vladimir Putin say?", "", "   ?  "]) {
      const answer = await seed.answer(q);
      expect(answer, q).toMatchObject({ answered: false, results: [] });
    }
  });

  it("pages with offset without repeating results", async () => {
    const first = await seed.answer("What do Russia and the United States want in Afghanistan?", { k: 2 });
    const next = await seed.answer("What do Russia and the United States want in Afghanistan?", { k: 2, offset: 2 });
    expect(first.results).toHaveLength(2);
    expect(next.results.length).toBeGreaterThan(0);
    expect(next.results[0]!.rank).toBe(3);
    const ids = new Set(first.results.map((r) => r.source.start));
    for (const r of next.results) expect(ids.has(r.source.start)).toBe(false);
  });
});

describe("expansion on a small crafted corpus", () => {
  it("never lets a synonym outrank the user's own word", async () => {
    const lib = await libraryOf({
      "a.txt": "The farmers said the ministry offered assistance after the floods in the valley.\nThe farmers said the ministry offered help after the floods in the valley.\n",
    });
    // Abstention bars are lowered so that both passages are ranked, whatever their coverage.
    const answer = await lib.answer("Did the ministry offer help to the farmers?", { k: 2, minCoverage: 0, minDirectCoverage: 0 });
    expect(answer.results.map((r) => r.quote)).toEqual([
      "The farmers said the ministry offered help after the floods in the valley.",
      "The farmers said the ministry offered assistance after the floods in the valley.",
    ]);
  });

  it("reaches a passage through a synonym when the user's word is absent", async () => {
    const lib = await libraryOf({
      "a.txt": "Officials in Cairo approved assistance for fishermen after the storm.\nThe harbour in Cairo reopened on Monday with new cranes.\n",
    });
    const answer = await lib.answer("Did Egypt give help to the fishermen?");
    expect(answer.answered).toBe(true);
    expect(answer.results[0]!.quote).toContain("assistance");
  });

  it("answers from a passage naming the question's actor even when a passage without it scores higher", async () => {
    const lib = await libraryOf({
      "a.txt": "The committee discussed the role of volunteers, the role of donors and the role of the press in detail.\nOfficials in Cairo sent observers to the meeting.\n",
    });
    const answer = await lib.answer("What is Egypt's role?");
    expect(answer.answered).toBe(true);
    expect(answer.results.map((r) => r.quote)).toEqual(["Officials in Cairo sent observers to the meeting."]);
  });

  it("asks a question that names no actor to match mostly in its own words", async () => {
    const lib = await libraryOf({
      "a.txt": "The council approved assistance for fishermen after the storm.\nThe harbour reopened on Monday with new cranes.\n",
    });
    expect((await lib.answer("What is the meaning of help?")).answered).toBe(false);
    expect((await lib.answer("Who approved assistance for fishermen?")).answered).toBe(true);
  });

  it("resolves capitals and demonyms to countries in both directions", async () => {
    const lib = await libraryOf({
      "a.txt": "Officials in Cairo rejected the proposal on Tuesday.\nThe harbour in Lisbon reopened after repairs.\n",
    });
    const answer = await lib.answer("What did Egypt reject?");
    expect(answer.answered).toBe(true);
    expect(answer.results[0]!.quote).toContain("Cairo");
    const egyptians = await lib.answer("What did the Egyptians reject?");
    expect(egyptians.results[0]!.quote).toContain("Cairo");
  });

  it("matches a misspelled word to the article's word", async () => {
    const lib = await libraryOf({ "a.txt": "The hospital received a shipment of vaccines from the capital.\nThe bridge was closed for repairs.\n" });
    const answer = await lib.answer("vacines shipment");
    expect(answer.answered).toBe(true);
    expect(answer.results[0]!.quote).toContain("vaccines");
  });
});
