import { describe, expect, it } from "vitest";
import { WordNetLexicon, spellsAlike } from "../../src/search/lexicon.js";
import { WordVectors, loadWordVectors } from "../../src/search/word-vectors.js";

describe("WordNet lexicon", () => {
  const lexicon = new WordNetLexicon();

  it("gives synonyms and broader terms of a word's common senses, from inflected forms too", async () => {
    const help = await lexicon.lookup("help");
    expect(help.related).toContainEqual({ word: "assistance", relation: "synonym" });
    const aims = await lexicon.lookup("aims");
    expect(aims.related).toContainEqual({ word: "goal", relation: "hypernym" });
  });

  it("gives the narrower terms of a word's first sense (think → view, worry → fear)", async () => {
    const think = await lexicon.lookup("think");
    expect(think.related).toContainEqual({ word: "view", relation: "hyponym" });
    const worries = await lexicon.lookup("worries");
    expect(worries.related).toContainEqual({ word: "fear", relation: "hyponym" });
    // A word keeps its closest relation: "assistance" is a synonym of help, not also a narrower term.
    expect((await lexicon.lookup("help")).related.filter((r) => r.word === "assistance")).toHaveLength(1);
  });

  it("gives the synonyms of a word's derived forms (independence → independent → autonomous)", async () => {
    const independence = await lexicon.lookup("independence");
    expect(independence.related).toContainEqual({ word: "autonomous", relation: "derived" });
    expect(independence.related).toContainEqual({ word: "sovereign", relation: "derived" });
    // A closer relation wins: "independency" is a synonym of the noun itself.
    expect(independence.related).toContainEqual({ word: "independency", relation: "synonym" });
  });

  it("knows the country whose people a noun names", async () => {
    expect((await lexicon.lookup("Poles", { noun: true })).peopleOf).toContain("Poland");
    expect((await lexicon.lookup("Swede", { noun: true })).peopleOf).toContain("Sweden");
    expect((await lexicon.lookup("minister", { noun: true })).peopleOf).toBeUndefined();
  });

  it("spells out the abbreviations it knows, by the words their initials stand for", async () => {
    expect((await lexicon.lookup("CEO", { noun: true })).expansions).toContain("chief executive officer");
    expect((await lexicon.lookup("GDP", { noun: true })).expansions).toEqual(["gross domestic product"]);
    // Only words whose initials spell it: "nongovernmental organization" gives "NO", not "NGO".
    expect((await lexicon.lookup("NGO", { noun: true })).expansions).toBeUndefined();
    expect((await lexicon.lookup("harbour", { noun: true })).expansions).toBeUndefined();
    // Whether the dictionary writes it in lower case too: "mad" is a word, "ceo" only an abbreviation.
    expect((await lexicon.lookup("mad")).lowerCase).toBe(true);
    expect((await lexicon.lookup("ceo")).lowerCase).toBeUndefined();
  });

  it("knows the country a capital or seat of government belongs to, not a former capital's", async () => {
    expect((await lexicon.lookup("La Paz", { noun: true })).capitalOf).toEqual(["Bolivia"]);
    expect((await lexicon.lookup("The Hague", { noun: true })).capitalOf).toEqual(["Netherlands"]);
    expect((await lexicon.lookup("Istanbul", { noun: true })).capitalOf).toBeUndefined();
    expect((await lexicon.lookup("Rotterdam", { noun: true })).capitalOf).toBeUndefined();
  });

  it("keeps only the noun senses of a word used as a noun", async () => {
    const any = (await lexicon.lookup("aims")).related.map((r) => r.word);
    const noun = (await lexicon.lookup("aims", { noun: true })).related.map((r) => r.word);
    // "aim" the verb (to point, to train a camera) lends "train" and "point"; "Russia's aims" does not.
    expect(any).toEqual(expect.arrayContaining(["goal", "train", "point"]));
    expect(noun).toContain("goal");
    expect(noun).not.toContain("train");
    expect(noun).not.toContain("point");
  });

  it("knows the nouns whose first sense is a kind of person", async () => {
    expect((await lexicon.lookup("official")).personNoun).toBe(true);
    expect((await lexicon.lookup("lawyers")).personNoun).toBe(true);
    expect((await lexicon.lookup("project")).personNoun).toBe(false);
    expect((await lexicon.lookup("country")).personNoun).toBe(false);
  });

  it("knows the words it has as adjectives, whatever their case", async () => {
    expect((await lexicon.lookup("European")).adjective).toBe(true);
    expect((await lexicon.lookup("stable")).adjective).toBe(true);
    expect((await lexicon.lookup("Tehran")).adjective).toBe(false);
  });

  it("knows the words it has only as adverbs", async () => {
    expect((await lexicon.lookup("ever")).adverb).toBe(true);
    expect((await lexicon.lookup("still")).adverb).toBe(false); // also an adjective and a noun
    expect((await lexicon.lookup("think")).adverb).toBe(false);
    expect((await lexicon.lookup("qqqzzz")).adverb).toBeFalsy();
  });

  it("tells dictionary words from typos, and knows antonyms", async () => {
    expect((await lexicon.lookup("think")).known).toBe(true);
    expect((await lexicon.lookup("vacines")).known).toBe(false);
    expect((await lexicon.lookup("northern")).antonyms).toContain("southern");
  });

  it("does not count a word it knows only as a person's name ('Mayer') as a dictionary word, so it may be a typo", async () => {
    expect((await lexicon.lookup("mayer")).known).toBe(false);
    expect((await lexicon.lookup("mayor")).known).toBe(true);
    expect((await lexicon.lookup("monday")).known).toBe(true);
    expect((await lexicon.lookup("english")).known).toBe(true);
  });

  it("tells a word spelt another way (harbor, harbour) from a synonym", async () => {
    const relationOf = async (word: string, other: string) => (await lexicon.lookup(word)).related.find((r) => r.word === other)?.relation;
    expect(await relationOf("harbor", "harbour")).toBe("spelling");
    expect(await relationOf("centre", "center")).toBe("spelling");
    expect(await relationOf("harbor", "seaport")).toBe("synonym");
    expect(await relationOf("help", "helper")).toBe("synonym");
    const pairs = [["analyse", "analyze"], ["programme", "program"], ["travelled", "traveled"], ["catalogue", "catalog"], ["paediatric", "pediatric"],
      ["neighbourhood", "neighborhood"], ["judgement", "judgment"], ["organiser", "organizer"], ["fulfil", "fulfill"], ["counsellor", "counselor"], ["centred", "centered"]];
    for (const [british, american] of pairs) {
      expect(spellsAlike(british!, american!), british).toBe(true);
    }
    // Different words of one sense, however close in letters.
    for (const [a, b] of [["lead", "leave"], ["clean", "clear"], ["serve", "service"], ["premier", "premiere"], ["help", "helper"], ["tax", "taxation"]]) {
      expect(spellsAlike(a!, b!), a).toBe(false);
    }
  });
});

describe("word vectors", () => {
  it("rates paraphrases above unrelated words", async () => {
    const vectors = await loadWordVectors();
    expect(vectors).toBeDefined();
    expect(vectors!.similarity("worries", "fears")!).toBeGreaterThan(0.7);
    expect(vectors!.similarity("laptop", "advocate")!).toBeLessThan(0.3);
    expect(vectors!.similarity("worries", "qqqzzz")).toBeUndefined();
  });

  it("round-trips through the cache format, and refuses a truncated cache", async () => {
    const small = WordVectors.fromEmbeddings({
      words: ["peace", "war", "Mixed", "truce"],
      vectors: { peace: [...Array(100).fill(1), 10], war: [...Array(100).fill(-1), 10], truce: [...Array(50).fill(1), ...Array(50).fill(0), Math.sqrt(50)] },
    });
    expect(small.words).toEqual(["peace", "war", "truce"]);
    const again = WordVectors.fromBuffer(small.toBuffer());
    expect(again.similarity("peace", "war")).toBeCloseTo(-1, 1);
    expect(again.similarity("peace", "truce")).toBeCloseTo(Math.SQRT1_2, 1);
    const buffer = small.toBuffer();
    expect(() => WordVectors.fromBuffer(buffer.subarray(0, buffer.length - 5))).toThrow(/truncated/);
  });
});
