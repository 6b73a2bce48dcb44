import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ANSWER_OPTIONS, refersBack } from "../../src/search/answer.js";
import { buildLibrary, type Library } from "../../src/search/library.js";
import { SECOND_ARTICLE_DIR, SEED_ARTICLE, fixture, seedCopy } from "./support.js";

/** Asks `question` and expects an answer whose first quote holds `text`. */
async function expectQuote(lib: Library, question: string, text: string): Promise<void> {
  const answer = await lib.answer(question);
  expect(answer.answered, question).toBe(true);
  expect(answer.results[0]!.quote, question).toContain(text);
}

/** Asks `question` and expects it declined, for a reason that says `why`. */
async function expectDeclined(lib: Library, question: string, why: string): Promise<void> {
  const answer = await lib.answer(question);
  expect(answer.answered, question).toBe(false);
  expect(answer.reason, question).toContain(why);
}

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

  it("reads a support verb as the question's frame: 'holding their talks' is answered where the talks take place", async () => {
    await expectQuote(seed, "Where are the Taliban and the Afghan government holding their talks?", "taking place in the Qatari capital Doha");
  });

  it("says which names the articles never mention", async () => {
    const answer = await seed.answer("What did Brazil and Vladimir Putin say about the Taliban?");
    expect(answer).toMatchObject({ answered: false, results: [] });
    expect(answer.absent).toEqual(["Brazil", "Vladimir Putin"]);
  });

  it("takes a day or a month the articles never write for a date, not for a name they never mention", async () => {
    // The seed names no Friday and no December.
    for (const q of ["What happened to the talks in Doha on Friday?", "What did the Taliban agree to in December?"]) {
      const answer = await seed.answer(q);
      expect(answer.absent, q).toBeUndefined();
      expect(answer.answered, q).toBe(true);
    }
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
    await expectQuote(lib, "Did Egypt give help to the fishermen?", "assistance");
  });

  it("answers from a passage naming the question's actor even when a passage without it scores higher", async () => {
    const lib = await libraryOf({
      "a.txt": "The committee discussed the role of volunteers, the role of donors and the role of the press in detail.\n",
      "b.txt": "Officials in Cairo sent observers to the meeting.\n",
    });
    const answer = await lib.answer("What is Egypt's role?");
    expect(answer.answered).toBe(true);
    expect(answer.results.map((r) => r.quote)).toEqual(["Officials in Cairo sent observers to the meeting."]);
  });

  it("answers 'how much did … pay' only from a passage that holds a sum of money, and declines when none does", async () => {
    const bought = "Officials in Cairo bought 300 new trains from a French company last year for the city's metro.\n";
    const withoutSum = await libraryOf({ "a.txt": bought });
    await expectDeclined(withoutSum, "How much did Egypt pay for the new trains?", "sum of money");
    expect((await withoutSum.answer("How much did Egypt pay for the new trains?")).missing).toBe("sum of money");
    // The number of trains is no sum of money, but it answers "how many".
    await expectQuote(withoutSum, "How many trains did Egypt buy?", "300 new trains");

    const withSum = await libraryOf({ "a.txt": `${bought}The metro's new trains were paid for with a loan of $90 million, the ministry said.\n` });
    await expectQuote(withSum, "How much did Egypt pay for the new trains?", "$90 million");

    // A sum in another sentence of the paragraph is the price of something else.
    const otherSum = await libraryOf({ "a.txt": "Rijnport agreed in June to invest €41 million in the new berths. It also bought a disused fish plant next to the harbour in 2023.\n" });
    await expectDeclined(otherSum, "How much did Rijnport pay for the fish plant?", "sum of money");
    // So is a sum in a passage that scores far below the one about what was bought: here 0.46 of it.
    const fines = await libraryOf({
      "a.txt": "Australia gave Tonga a new patrol boat in March to police its fishing zone.\nTonga's fisheries minister said the owners of each vessel caught on patrol could face fines of up to $210,000.\n",
    });
    await expectDeclined(fines, "How much did Australia pay for the patrol boat it gave Tonga?", "sum of money");
  });

  it("quotes the sentence that holds what a 'what is the …' question asks for, over one holding more of its other words", async () => {
    const lib = await libraryOf({
      "a.txt": [
        "When the election commission published the results of the parliamentary election, the ruling party had taken 49 of the 90 seats. That is a comfortable majority. Turnout was 41.3 percent, the lowest since 2010.",
        "The harbour reopened after repairs.",
        "The fleet returned to port in May.",
      ].join("\n"),
    });
    const question = "What was the turnout in the parliamentary election?";
    expect((await lib.answer(question)).results[0]!.quote).toBe("Turnout was 41.3 percent, the lowest since 2010.");
    expect((await lib.answer(question, { focusBonus: 0 })).results[0]!.quote).toContain("the ruling party had taken 49");
  });

  it("answers 'how many …' from a passage that counts what it asks for, else one that gives a number, and declines when none does", async () => {
    const drilled = "Engineers at the Olkaria field have drilled new geothermal wells this year, the power company said.\nThe power company employs 300 engineers at Olkaria.\n";
    const withoutCount = await libraryOf({ "a.txt": drilled });
    await expectDeclined(withoutCount, "How many geothermal wells have been drilled at Olkaria?", "number");
    // A count written without the noun it counts still answers.
    // A year is no count: the drilling's start answers nothing; "thousands" is one.
    const started = await libraryOf({ "a.txt": "Drilling of new drainage wells in the Porto district began in 2019, the water board said.\nThousands have fled the town since the floods.\n" });
    await expectDeclined(started, "How many drainage wells were drilled in the Porto district?", "number");
    await expectQuote(started, "How many people have fled the town?", "Thousands have fled");
    const visits = await libraryOf({ "a.txt": "Antony Blinken has visited Kyiv twice since the invasion began.\nThe talks in Geneva ended without a deal.\n" });
    await expectQuote(visits, "How many times has Blinken visited Kyiv?", "twice");
    // "Twice" is a number of times by itself, and beats another count of times.
    const deputy = await libraryOf({ "a.txt": "Antony Blinken has visited Kyiv twice since the invasion began.\nThe talks in Geneva ended without a deal.\nBlinken's deputy has visited Warsaw four times since then.\n" });
    await expectQuote(deputy, "How many times has Blinken visited Kyiv?", "visited Kyiv twice");
    // A count of one actor's things is not given by a passage counting another's.
    const troops = await libraryOf({
      "a.txt": "The United States has reduced its contingent in Afghanistan from 8,600 troops to 2,500.\nRussia keeps close ties with the northern leaders of Afghanistan.\nThe talks in Doha ended without a deal.\n",
    });
    await expectDeclined(troops, "How many Russian troops are in Afghanistan?", "number");
    await expectQuote(troops, "How many US troops are in Afghanistan?", "from 8,600 troops to 2,500");
    const toll = await libraryOf({ "a.txt": "The death toll from the floods in Kerala rose to 40 on Monday, officials said.\nThe rains are expected to ease by Friday.\n" });
    await expectQuote(toll, "How many people died in the floods in Kerala?", "rose to 40");
    // A number of something else, or "one of" several, counts nothing asked for.
    const recruited = await libraryOf({ "a.txt": "The trust bought two new MRI scanners and recruited additional consultant anaesthetists.\nIts wards stayed open if one of the surgeons fell ill.\n" });
    await expectDeclined(recruited, "How many consultant anaesthetists did the trust recruit?", "number");
    await expectDeclined(recruited, "How many surgeons did the trust employ?", "number");
    // Another count (engineers) is no count of wells, but it answers its own question.
    await expectQuote(withoutCount, "How many engineers does the power company employ at Olkaria?", "300 engineers");

    const withCount = await libraryOf({ "a.txt": `${drilled}Since May, crews at Olkaria have finished 14 more wells, all of them geothermal.\n` });
    await expectQuote(withCount, "How many geothermal wells have been drilled at Olkaria?", "14 more wells");

    // What is counted is the noun with its adjectives: "four operating theatres" counts "surgical suites".
    const unit = await libraryOf({ "a.txt": "The planned surgical unit in Limerick would have four operating theatres, its backers said.\nThe trust employs 3,350 nurses.\n" });
    await expectQuote(unit, "How many surgical suites would the planned unit in Limerick contain?", "four operating theatres");
  });

  it("answers 'how many N does X have' only with a count in a sentence about X", async () => {
    const lib = await libraryOf({
      "a.txt": "The United States has cut its contingent in Afghanistan to 2,500 troops. Germany has extended its mission there until 2022.\nBritain keeps 750 troops in the south of the country.\n",
    });
    await expectQuote(lib, "How many troops does the United States have in Afghanistan?", "2,500 troops");
    await expectQuote(lib, "How many troops does Britain have?", "750 troops");
    // The passage naming Germany counts the Americans' troops, not Germany's.
    expect((await lib.answer("How many troops does Germany have in Afghanistan?")).answered).toBe(false);
  });

  it("answers 'who did X' only from a passage that holds the deed, and says so when none does", async () => {
    const talks = "The talks in Bergen failed on Tuesday after two days, officials said. Fisheries minister Anna Berg said she was disappointed.\nThe fleet returned to port in May.\n";
    const lib = await libraryOf({ "a.txt": talks });
    const answer = await lib.answer("Who chaired the failed talks in Bergen?");
    expect(answer.answered).toBe(false);
    expect(answer.reason).toContain("never say who chaired");
    // A question about the same talks that asks no deed is still answered.
    await expectQuote(lib, "When did the talks in Bergen fail?", "The talks in Bergen failed on Tuesday");
    const chaired = await libraryOf({ "a.txt": talks.replace("after two days", "after two days of meetings chaired by Anna Berg") });
    await expectQuote(chaired, "Who chaired the failed talks in Bergen?", "chaired by Anna Berg");
  });

  it("answers 'which party' and 'what did X do before' only from a passage that names a party or an earlier post", async () => {
    const minister = "Tomasz Wrona, Poland's agriculture minister, said the Commission had moved the goalposts.\nThe harbour reopened after repairs.\n";
    const without = await libraryOf({ "a.txt": minister });
    await expectDeclined(without, "Which party does Tomasz Wrona belong to?", "political party");
    await expectDeclined(without, "What did Tomasz Wrona do before becoming minister?", "earlier post");
    const withBoth = await libraryOf({ "a.txt": `${minister}Wrona, of the Law and Justice party, previously ran a sugar cooperative in Lublin.\n` });
    await expectQuote(withBoth, "Which political party does Tomasz Wrona belong to?", "Law and Justice party");
    await expectQuote(withBoth, "What did Tomasz Wrona do before becoming minister?", "previously ran a sugar cooperative");
  });

  it("answers 'what percentage' only from a passage that gives one", async () => {
    const cases = "Of the 1,200 dementia cases in the study, most were Alzheimer's disease, the authors said.\n";
    // The second passage gives a percentage and shares some words, but scores far below the first.
    const withoutShare = await libraryOf({ "a.txt": `${cases}Alzheimer's disease was not the focus of a second study, which found 8% more traffic in the city.\n` });
    await expectDeclined(withoutShare, "What percentage of the dementia cases in the study were Alzheimer's disease?", "percentage");
    const withShare = await libraryOf({ "a.txt": "Of the 1,200 dementia cases in the study, 62% were Alzheimer's disease, the authors said.\n" });
    await expectQuote(withShare, "What percentage of the dementia cases in the study were Alzheimer's disease?", "62%");
    // A share of another group answers nothing about this one; a share said to be of nothing may be of it.
    const leavers = await libraryOf({ "a.txt": "According to the union, 9 per cent of its nurses left the trust in 2024.\nThe trust hired junior doctors from abroad.\n" });
    await expectQuote(leavers, "What percentage of the trust's nurses left in 2024?", "9 per cent of its nurses");
    await expectDeclined(leavers, "What percentage of junior doctors left the trust in 2024?", "percentage");
    const vote = await libraryOf({ "a.txt": "Labour won 34 percent in the election, its best result since 1997.\n" });
    await expectQuote(vote, "What percentage of the vote did Labour win in the election?", "34 percent");
  });

  it("declines 'how old is …' when the articles give no age", async () => {
    const lib = await libraryOf({ "a.txt": "Union president Marcos Ribeiro said the strike in Santos would go on until the port met its demands.\n" });
    await expectDeclined(lib, "How old is union president Marcos Ribeiro?", "age");
    const aged = await libraryOf({ "a.txt": "Union president Marcos Ribeiro, 54, said the strike in Santos would go on until the port met its demands.\n" });
    await expectQuote(aged, "How old is union president Marcos Ribeiro?", "Marcos Ribeiro, 54,");
  });

  it("declines a factual question about an actor when the passages naming it hold nothing else it asks for", async () => {
    const lib = await libraryOf({
      "a.txt": "Officials in Cairo sent observers to the meeting.\nThe harbour reopened after repairs.\n",
      "b.txt": "The president of the club, Ana Ruiz, opened the new stadium.\n",
    });
    expect(await lib.answer("Who is the president of Egypt?")).toMatchObject({ answered: false, reason: expect.stringContaining("nothing else") });
    expect((await lib.answer("How many people live in Egypt?")).answered).toBe(false);
    // Nor does a question whose other words the articles never use.
    expect((await lib.answer("What is the weather like in Cairo?")).answered).toBe(false);
    // The same passage answers what it does say of Egypt, and a vague question about it.
    expect((await lib.answer("Who sent observers from Egypt?")).answered).toBe(true);
    expect((await lib.answer("What is Egypt doing?")).answered).toBe(true);
  });

  it("declines a factual question in words the articles never use, met only by a broader word", async () => {
    const lib = await libraryOf({ "a.txt": "The community centre in Cairo reopened after 12 weeks of repairs.\nThe harbour in Lisbon reopened too.\n" });
    // "people" meets "community" only as a broader term; nothing says how many live there.
    expect((await lib.answer("How many people live in Cairo?")).answered).toBe(false);
    expect((await lib.answer("How many weeks did the repairs in Cairo take?")).answered).toBe(true);
  });

  it("does not answer a question about one country from a passage about another, whatever the article names elsewhere", async () => {
    const lib = await libraryOf({
      "a.txt": "Prime Minister Ana Ruiz of Peru met the envoys in Lima on Monday.\nPeru also signed a trade pact with Japan and Chile last year.\n",
    });
    // Japan is named in the article, but the passage about prime ministers is about Peru.
    expect((await lib.answer("Who is the prime minister of Japan?")).answered).toBe(false);
    expect((await lib.answer("Who is the prime minister of Peru?")).results[0]?.quote).toContain("Ana Ruiz");
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
    await expectQuote(lib, "What did Egypt reject?", "Cairo");
    const egyptians = await lib.answer("What did the Egyptians reject?");
    expect(egyptians.results[0]!.quote).toContain("Cairo");
  });

  it("lets a stem stand for the words derived from it, not for any word it begins", async () => {
    const lib = await libraryOf({
      "a.txt": "Everyone in the village signed the agreement on water.\nThe Russian delegation left early.\n",
    });
    const explained = await lib.explain("Did Russia ever agree?");
    const variants = Object.fromEntries(explained.concepts.map((c) => [c.term, Object.keys(c.variants)]));
    expect(variants["agre"]).toContain("agreement");
    expect(variants["ever"]).toEqual([]);
    // A question cut short mid-word still completes its last word.
    const cut = await lib.explain("Who signed the agreement in the vill");
    expect(cut.concepts.find((c) => c.term === "vill")?.variants).toHaveProperty("villag");
  });

  it("counts the question's word in a word derived from it that stems alike less than the word itself", async () => {
    // The derived word's passage comes first, and is shorter, so BM25 and order favour it;
    // closeness in meaning is left out to see the words alone.
    const lib = await libraryOf({ "a.txt": "The regional plan was approved by officials.\n\nThe plan for the region was approved by officials in the city.\n" });
    const ranked = async (derivationStrength: number) =>
      (await lib.answer("Which regions approved a plan?", { k: 2, minCoverage: 0, minDirectCoverage: 0, meaningWeight: 0, derivationStrength })).results.map((r) => r.quote);
    expect(await ranked(DEFAULT_ANSWER_OPTIONS.derivationStrength)).toEqual([
      "The plan for the region was approved by officials in the city.",
      "The regional plan was approved by officials.",
    ]);
    // Counted as the word itself, the derived word's passage would win.
    expect((await ranked(1))[0]).toBe("The regional plan was approved by officials.");
  });

  it("lets a derived word stand for the word it is derived from", async () => {
    const lib = await libraryOf({ "a.txt": "The strike by train drivers ended on Monday.\nForeign investment in the village fell.\nThe old mill closed.\n" });
    const variants = Object.fromEntries((await lib.explain("What did the strikers and investors say about the million?")).concepts.map((c) => [c.term, Object.keys(c.variants)]));
    expect(variants["striker"]).toContain("strike");
    expect(variants["investor"]).toContain("invest");
    // Only from an ending that surely derives: "million" is no "mill".
    expect(variants["million"]).not.toContain("mill");
    await expectQuote(lib, "When did the train strikers stop?", "The strike by train drivers ended");
  });

  it("weighs a word known only as an adverb as a qualifier of the question", async () => {
    const lib = await libraryOf({ "a.txt": "The council approved the harbour budget.\nThe harbour reopened.\n" });
    const weight = async (term: string, options = {}) =>
      (await lib.explain("Has the council ever approved the budget?", options)).concepts.find((c) => c.term === term)!.weight;
    expect(await weight("ever")).toBeCloseTo((await weight("ever", { adverbWeight: 1 })) * DEFAULT_ANSWER_OPTIONS.adverbWeight, 1);
    expect(await weight("council")).toBe(await weight("council", { adverbWeight: 1 }));
  });

  it("answers a question about an actor from a passage whose article names the actor elsewhere", async () => {
    const lib = await libraryOf({
      "a.txt": [
        "The Portuguese port of Setúbal will close its old ferry terminal next year.",
        "The harbour master said the new quay would open to ferries in the spring.",
      ].join("\n\n"),
      "b.txt": "The harbour master in the other town said the new quay would open to ferries in the autumn.\n",
    });
    const answer = await lib.answer("What did the Portuguese harbour master say about the quay?");
    expect(answer.answered).toBe(true);
    expect(answer.results.map((r) => r.quote)).toContain("The harbour master said the new quay would open to ferries in the spring.");
    // The same words in an article that never names Portugal do not answer.
    expect(answer.results.map((r) => r.source.file)).not.toContain("b.txt");
  });

  it("never lets one word of the question stand in for another of its words", async () => {
    const lib = await libraryOf({ "a.txt": "Oil and gas are shared natural resources.\nThe crude figures were published later.\n" });
    const explained = await lib.explain("What is the price of crude oil?");
    const variants = Object.fromEntries(explained.concepts.map((c) => [c.term, Object.keys(c.variants)]));
    // WordNet gives "oil" as another word for "crude"; here "oil" is the question's own next word.
    expect(variants["crude"]).toEqual(["crude"]);
    expect(variants["oil"]).toEqual(["oil"]);
  });

  it("takes a capitalised adjective for a description when WordNet relates it to the articles' words, not for an unknown name", async () => {
    const lib = await libraryOf({ "a.txt": "The German government extended its mission in the north.\nThe harbour reopened after repairs.\n" });
    const european = await lib.answer("Which European country extended its mission?");
    expect(european.answered).toBe(true);
    expect(european.results[0]!.quote).toContain("German government");
    // "Islamic" relates to nothing in the article: the question is about something it never mentions.
    expect(await lib.answer("What did Islamic leaders extend?")).toMatchObject({ answered: false, absent: ["Islamic"] });
  });

  it("reads a word after a determiner or a possessive as a noun", async () => {
    const lib = await libraryOf({ "a.txt": "The council will train new staff at this point.\nThe goals of the council are unclear.\n" });
    const aims = async (q: string) => Object.keys((await lib.explain(q)).concepts.find((c) => c.term === "aim")!.variants);
    expect(await aims("Are the council's aims clear?")).not.toContain("train");
    expect(await aims("Are the council's aims clear?")).toContain("goal");
    expect(await aims("Where does the council aim its cameras?")).toContain("train");
  });

  it("finds a country the articles name only inside a longer name", async () => {
    const lib = await libraryOf({
      "a.txt": "The doses are manufactured by the Serum Institute of India, which also supplies Kenya.\nThe Serum Institute of India says it can double its output.\nThe harbour reopened after repairs.\n",
    });
    // The longer name is an actor of its own, so "India" is never an actor mention on its own.
    expect(lib.aliases.actorIds("the Serum Institute of India")).not.toContain("india");
    await expectQuote(lib, "Who makes the doses in India?", "manufactured by the Serum Institute of India");
  });

  it("answers 'which country' with a sentence naming a country the question does not", async () => {
    const lib = await libraryOf({
      "a.txt": "Officials said the capital will start vaccinating in March.\nNeighbouring Kenya and Uganda are expected to start their own campaigns later this year.\n",
    });
    await expectQuote(lib, "Which countries will start next?", "Kenya and Uganda");
  });

  it("answers 'how does X see Y' with X's view of Y, not with a sentence that uses the verb", async () => {
    const lib = await libraryOf({
      "a.txt": [
        "Egypt would like to see the dam finished before the floods.",
        "For Egypt, the dam remains a threat to its water supply.",
        "Sudan regards the dam as a source of cheap power.",
        "The river carries silt from the highlands every summer.",
        "Farmers downstream plant wheat and cotton in the winter.",
        "Engineers tested the turbines in March.",
      ].join("\n"),
    });
    const egypt = await lib.answer("How does Egypt see the dam?");
    expect(egypt.answered).toBe(true);
    expect(egypt.results[0]!.quote).toBe("For Egypt, the dam remains a threat to its water supply.");
    const sudan = await lib.answer("What does Sudan make of the dam?");
    expect(sudan.results[0]!.quote).toBe("Sudan regards the dam as a source of cheap power.");
  });

  it("takes the noun after 'which' for the kind of answer when the articles never use it", async () => {
    const lib = await libraryOf({
      "a.txt": [
        "Drivers near busy roads face more risk, according to a study published on Tuesday in The Lancet Planetary Health.",
        "The study was funded by the Wellcome Trust and followed adults for eleven years.",
        "The harbour reopened after repairs.",
        "The fleet returned to port in May.",
      ].join("\n"),
    });
    const question = "Which journal published the study?";
    expect((await lib.explain(question)).concepts.map((c) => c.term)).not.toContain("journal");
    expect((await lib.answer(question)).results[0]!.quote).toContain("The Lancet Planetary Health");
    // A noun the articles use stays a topic word.
    expect((await lib.explain("Which study followed adults?")).concepts.map((c) => c.term)).toContain("studi");
  });

  it("reads an interview's answer as about the question before it", async () => {
    const lib = await buildLibrary(fixture("thirteenth"));
    // "A: Because steam is not infinite …" answers "Q: … why does Kenya need a nuclear plant?", whose words it does not repeat.
    const answer = await lib.answer("Why isn't underground heat alone enough for the country's power needs, according to Korir?");
    expect(answer.results[0]!.quote).toContain("Because steam is not infinite and drilling is slow.");
  });

  it("knows the sentences that refer back to the one before them", () => {
    expect(refersBack("It was signed in May.")).toBe(true);
    expect(refersBack("Egypt rejected that demand.")).toBe(true);
    expect(refersBack('"A vaccine is not a wall," she told reporters.')).toBe(true);
    expect(refersBack("“We will appeal” he said.")).toBe(true);
    expect(refersBack('"A vaccine is not a wall," Ruiz told reporters.')).toBe(false);
    expect(refersBack("The minister opened the clinic.")).toBe(false);
  });

  it("asks for a person with 'which <kind of person>', and keeps the noun as a topic word", async () => {
    const lib = await libraryOf({ "a.txt": "Maria Lopez, the deputy mayor, backed the plan.\nThe project was approved on Monday.\n" });
    const official = await lib.explain("Which local official backed the plan?");
    expect(official.type).toBe("person");
    expect(official.concepts.map((c) => c.term)).toContain("offici");
    expect((await lib.explain("Which project was approved?")).type).toBeUndefined();
    expect((await lib.explain("Who backed the plan?")).type).toBe("person");
    // "has" is no noun here, though WordNet has "the haves" as people.
    expect((await lib.explain("What has the mayor been doing?")).type).toBeUndefined();
  });

  it("declines a question close in meaning to a sentence when most of its words appear nowhere in the articles", async () => {
    const lib = await buildLibrary(SECOND_ARTICLE_DIR);
    const fishing = "What is the best fishing spot on the Nile?";
    expect((await lib.answer(fishing)).answered).toBe(false);
    // The bar is what declines it: without it, closeness alone answers.
    expect((await lib.answer(fishing, { maxUnheardForCloseness: 1 })).answered).toBe(true);
    expect((await lib.answer("What smaller agreement do experts predict?")).answered).toBe(true);
  });

  it("answers a question about an actor in other words from a passage naming the actor whose sentence is close in meaning", async () => {
    const lib = await buildLibrary(fixture("ninth"));
    const question = "How much money did Iran pour into keeping the Syrian leadership in power during the war?";
    const paragraphs = async (opts = {}) => (await lib.answer(question, { k: 5, ...opts })).results.map((r) => r.text);
    // Its words cover little of the paragraph that answers ("Iran spent … propping up the Assad regime").
    expect(await paragraphs()).toContainEqual(expect.stringContaining("Iran spent, by some estimates"));
    expect(await paragraphs({ minCloseness: 1.01 })).not.toContainEqual(expect.stringContaining("Iran spent, by some estimates"));
  });

  it("matches a misspelled word to the article's word", async () => {
    const lib = await libraryOf({ "a.txt": "The hospital received a shipment of vaccines from the capital.\nThe bridge was closed for repairs.\n" });
    await expectQuote(lib, "vacines shipment", "vaccines");
  });

  it("spells out an abbreviation the articles write only in full", async () => {
    const lib = await libraryOf({
      "a.txt": "Both sides filed claims with the United Nations Commission on the Limits of the Continental Shelf, which has deferred consideration.\nThe harbour reopened after repairs.\nThe fleet returned to port in May.\n",
    });
    const question = "Has the UN ruled on the claims yet?";
    const answer = await lib.answer(question);
    expect(answer.answered).toBe(true);
    expect(answer.query).toBe(question);
    expect(answer.results[0]!.quote).toContain("United Nations Commission");
    // Unknown otherwise: an abbreviation with no run of capitalised words to spell it out.
    expect((await lib.answer("Has the WTO ruled on the claims yet?")).answered).toBe(false);
  });

  it("takes a name written out in full for the acronym the articles write instead, whatever its language", async () => {
    const lib = await libraryOf({
      "a.txt":
        "OPEC said output would rise by 400,000 barrels a day in June.\nThe carmakers' association ANFAVEA said sales fell 8% in May.\nBRO, a design studio, moved to Porto.\n",
    });
    await expectQuote(lib, "What did the Organization of the Petroleum Exporting Countries say about output?", "OPEC said output would rise");
    await expectQuote(lib, "What did the Associação Nacional dos Fabricantes de Veículos Automotores say about sales?", "ANFAVEA said sales fell");
    // A name whose words spell none of them stays a name the articles never mention, and so does
    // a person's two names, though they begin as an acronym does.
    await expectDeclined(lib, "What did the Organization of American States say about output?", "never mention");
    await expectDeclined(lib, "Where did Bruno Rossi move?", "never mention");
  });

  it("spells out an abbreviation whose name has 'and' or 'of' between its capitalised words", async () => {
    const lib = await libraryOf({
      "a.txt": "Margaret Furlong, general secretary of the Irish Nursing and Midwifery Union, opposes the deal.\nThe harbour reopened after repairs.\n",
    });
    await expectQuote(lib, "Who leads the INMU?", "Irish Nursing and Midwifery Union");
    // In the possessive too.
    await expectQuote(lib, "Who is the INMU's general secretary?", "Irish Nursing and Midwifery Union");
    // Only inside a longer name: two names joined by "and", or "Gulf of Mexico", spell out nothing.
    const joined = await libraryOf({ "a.txt": "Oil prices in the Gulf of Mexico rose as Apple and Intel reported results.\nThe Prime Minister met Putin and Modi.\n" });
    expect((await joined.answer("What did GM say about jobs?")).absent).toEqual(["GM"]);
    expect((await joined.answer("What does the article say about AI?")).answered).toBe(false);
    // "PM" is still the Prime Minister, whom the same paragraph names beside "Putin and Modi".
    await expectQuote(joined, "Who did the PM meet?", "The Prime Minister met");
  });

  it("takes a capital the gazetteer does not list for its country, as WordNet places it", async () => {
    const lib = await libraryOf({
      "a.txt": "Bolivia's Foreign Ministry requested full access to the environmental studies.\nThe project was discussed by officials in Buenos Aires, Santiago and La Paz.\n",
    });
    await expectQuote(lib, "What did La Paz request about the project?", "requested full access");
  });

  it("spells out an abbreviation the dictionary knows when the articles write most of its words, and only then", async () => {
    const lib = await libraryOf({ "a.txt": "The operator's chief executive, Helena Vaz, said the company could not afford the demand.\nThe harbour reopened after repairs.\n" });
    await expectQuote(lib, "What did the CEO say about the demand?", "chief executive, Helena Vaz");
    // "PM" is a prime minister to the dictionary, whom these articles never mention.
    expect((await lib.answer("What did the PM say about the demand?")).absent).toEqual(["PM"]);
    // Chat writes it in lower case too; a word that is also one in lower case ("us") stays itself.
    await expectQuote(lib, "what did the ceo say abt the demand", "chief executive, Helena Vaz");
    const states = await libraryOf({ "a.txt": "The company told the united states of the region about the demand.\nThe harbour reopened after repairs.\n" });
    const us = await states.explain("What did the company tell us about the demand?");
    expect(us.concepts.map((c) => c.actorId)).not.toContain("united-states");
  });

  it("finds a country named by its people when the articles never use that word ('the Poles' → Poland)", async () => {
    const lib = await libraryOf({
      "a.txt": "Poland led the opposition, joined by Hungary and Romania.\nThe harbour reopened after repairs.\nThe fleet returned to port in May.\n",
    });
    await expectQuote(lib, "Which countries joined the Poles?", "joined by Hungary and Romania");
  });

  it("finds a country by an abbreviation WordNet gives for it ('PRC' → China), and only a country", async () => {
    const lib = await libraryOf({
      "a.txt": "For China, the corridor is a useful option, not a strategic priority.\nThe harbour reopened after repairs.\nThe fleet returned to port in May.\n",
    });
    await expectQuote(lib, "Is the PRC behind the corridor?", "For China, the corridor");
    expect((await lib.answer("Is the IMF behind the corridor?")).absent).toEqual(["IMF"]);
  });

  it("matches a misspelling that does not stem like the word it misspells", async () => {
    const lib = await libraryOf({ "a.txt": "The president of the growers' association warned of losses.\nThe harbour reopened after repairs.\n" });
    // "presidnet" stems to itself, "president" to "presid": three edits apart, two as written.
    const concept = (await lib.explain("presidnet of the growers")).concepts.find((c) => c.term === "presidnet")!;
    expect(Object.keys(concept.variants)).toContain("presid");
    const answer = await lib.answer("what did the growers presidnet warn of");
    expect(answer.results[0]!.quote).toContain("president of the growers");
  });

  it("completes a word cut short as chat cuts them ('univ'), when it is no dictionary word", async () => {
    const lib = await libraryOf({ "a.txt": "A researcher at the university of Lagos led the study.\nThe harbour reopened after repairs.\nThe grandstand was full in May.\n" });
    const variants = async (q: string, term: string) => Object.keys((await lib.explain(q)).concepts.find((c) => c.term === term)!.variants);
    expect(await variants("univ researcher", "univ")).toContain("univers");
    // A dictionary word is not cut short: "grand" does not stand for "grandstand".
    expect(await variants("a grand harbour", "grand")).not.toContain("grandstand");
    expect((await lib.answer("who led the study at the univ")).answered).toBe(true);
  });

  it("spells out a quarter or a half as business news abbreviates it ('q3', 'H1')", async () => {
    const lib = await libraryOf({ "a.txt": "Operating profit fell in the third quarter to 1.1 billion euros.\nSales rose in the first half.\nThe harbour reopened after repairs.\n" });
    const terms = async (q: string) => (await lib.explain(q)).concepts.map((c) => c.term);
    expect(await terms("profit in q3")).toEqual(expect.arrayContaining(["third", "quarter"]));
    expect(await terms("sales in H1")).toEqual(expect.arrayContaining(["first", "half"]));
    await expectQuote(lib, "how much did profit fall in Q3", "third quarter");
  });

  it("drops a typo of a function word ('wil', 'teh') rather than weigh it as a word the articles never use", async () => {
    const lib = await libraryOf({ "a.txt": "Rebuilding the port will cost 40 million dollars.\nThe harbour reopened after repairs.\n" });
    const terms = (await lib.explain("how much wil teh rebuilding cost")).concepts.map((c) => c.term);
    expect(terms).not.toContain("wil");
    expect(terms).not.toContain("teh");
    expect(terms).toEqual(expect.arrayContaining(["rebuild", "cost"]));
  });

  it("reads an actor's name misspelled by one slip as the actor, but not a dictionary word", async () => {
    const lib = await libraryOf({ "a.txt": "Russian troops left the base in Kunduz on Monday.\nThe harbour reopened after repairs.\n" });
    const explained = await lib.explain("when did the russains leave the base?");
    expect(explained.concepts.map((c) => c.actorId)).toContain("russia");
    await expectQuote(lib, "when did the russains leave the base?", "Russian troops left the base");
    // "chili" is one slip from Chile too, but a word of its own.
    const chile = await libraryOf({ "a.txt": "Chilean exporters shipped more copper in May.\nThe harbour reopened after repairs.\n" });
    expect((await chile.explain("How hot is the chili sauce?")).concepts.map((c) => c.actorId)).not.toContain("chile");
    expect((await chile.explain("What did the chilean exporters ship?")).concepts.map((c) => c.actorId)).toContain("chile");
  });

  it("matches two letters typed the wrong way round, one slip though two edits", async () => {
    const lib = await libraryOf({ "a.txt": "Robusta prices rose by a fifth this year.\nThe harbour reopened after repairs.\n" });
    const concept = (await lib.explain("robsuta prices")).concepts.find((c) => c.term === "robsuta")!;
    expect(Object.keys(concept.variants)).toContain("robusta");
  });

  it("reads American spellings as the British ones and a name WordNet knows ('Mayer') as a possible typo", async () => {
    const lib = await libraryOf({ "a.txt": "The mayor said the harbour project was on track and on budget.\nThe port handled 412,000 containers last year.\n" });
    const concepts = (await lib.explain("wat did the mayer say abt the harbor projct")).concepts;
    expect(concepts.find((c) => c.term === "harbor")!.variants).toMatchObject({ harbour: 1 });
    expect(Object.keys(concepts.find((c) => c.term === "mayer")!.variants)).toContain("mayor");
    await expectQuote(lib, "wat did the mayer say abt the harbor projct", "harbour project");
  });
});

describe("questions about the article itself", () => {
  it("quotes the attribution line for who published it and the byline for who wrote it, citing their paragraphs", async () => {
    const harbour = "Port Alder approves harbour expansion\nBy Jane Doe in Port Alder | 14 March 2025\nThe council voted on Monday to expand the harbour.\nWork starts in May.\nThis article was first published by the Coastal Times.\n";
    const mill = "Old mill to become a museum\nThe town bought the old mill for a museum.\nThis article was first published by the Valley Post.\n";
    const lib = await libraryOf({ "harbour.txt": harbour, "mill.txt": mill });
    const published = await lib.answer("Who first published the article on the harbour expansion?");
    expect(published.answered).toBe(true);
    expect(published.results.map((r) => [r.quote, r.source.file])).toEqual([
      ["This article was first published by the Coastal Times.", "harbour.txt"],
      ["This article was first published by the Valley Post.", "mill.txt"],
    ]);
    const first = published.results[0]!;
    expect(first.source.paragraph).toBe(5);
    expect(harbour.slice(first.source.start, first.source.end)).toBe(first.quote);
    const wrote = await lib.answer("Who wrote this article?");
    expect(wrote.results.map((r) => r.quote)).toEqual(["By Jane Doe in Port Alder | 14 March 2025"]);
    // A question about what the article reports is answered from its passages.
    await expectQuote(lib, "When did the council vote on the harbour?", "The council voted on Monday");
    // No byline: no passage says who wrote the article, though one may use the verb.
    const unsigned = await libraryOf({ "mill.txt": mill.replace("The town bought", "The town wrote to the owners and bought") });
    await expectDeclined(unsigned, "Who wrote this article?", "do not say who wrote");
  });
});

describe("weighing the question's words", () => {
  it("weighs an actor named in most passages enough that a passage naming both of the question's actors wins", async () => {
    const lib = await libraryOf({
      "a.txt": [
        "A delegation from Sudan came to Cairo in the first week of May for talks on the dam.",
        "The visit of the United Nations inspectors to the dam in June was a success, engineers said.",
        "Egypt and Sudan depend on the Nile for almost all of their fresh water.",
        "Egypt and Sudan have argued with Ethiopia about the dam for more than a decade.",
        "Sudan and Egypt held joint military exercises on the border.",
      ].join("\n"),
    });
    const question = "When did Sudan visit Egypt?";
    expect((await lib.answer(question)).results[0]!.quote).toContain("came to Cairo");
    // By idf alone, Egypt and Sudan weigh almost nothing here, and the one passage saying "visit" wins.
    expect((await lib.answer(question, { minActorWeight: 0 })).results[0]!.quote).toContain("visit of the United Nations");
  });

  it("tells sentences apart by their closest word to a question word the articles never use", async () => {
    const lib = await libraryOf({ "a.txt": "Egypt's goals were set out in March.\nEgypt's goals have been volatile since the election, officials in the capital admit.\n" });
    // Sentence meaning is left out, so that only the words speak: "stable" is nowhere, "volatile" is closest to it.
    const words = { meaningWeight: 0 };
    expect((await lib.explain("Are Egypt's goals stable?")).concepts.find((c) => c.term === "stabl")?.variants).toEqual({});
    expect((await lib.answer("Are Egypt's goals stable?", words)).results[0]!.quote).toContain("volatile");
    expect((await lib.answer("Are Egypt's goals stable?", { ...words, minUnheardSimilarity: 1.01 })).results[0]!.quote).toContain("set out in March");
  });
});

describe("the quote", () => {
  it("takes in the next sentence when it holds, in the question's words, what the best one lacks", async () => {
    const lib = await libraryOf({
      "a.txt": [
        "Not everyone is ready. Nurses in several districts say they have not yet received the refrigerators needed to store the doses.",
        "Nurses will give the first doses on Saturday.",
        "Nurses and doctors were trained in March.",
        "The first trucks arrived in the capital on Friday. The roads were closed by rain.",
      ].join("\n"),
    });
    const answer = await lib.answer("Why aren't nurses ready?");
    const { text, quote, quoteSpan } = answer.results[0]!;
    expect(quote).toBe("Not everyone is ready. Nurses in several districts say they have not yet received the refrigerators needed to store the doses.");
    expect(text.slice(quoteSpan.start, quoteSpan.end)).toBe(quote);
    // A next sentence that adds none of the question's words stays out.
    expect((await lib.answer("When did the trucks arrive in the capital?")).results[0]!.quote).toBe("The first trucks arrived in the capital on Friday.");
  });
});

describe("closeness in meaning", () => {
  const question = "What smaller agreement do experts predict?";

  it("answers a question in other words when a sentence is close to it in meaning, and not from words alone", async () => {
    const withMeaning = await buildLibrary(SECOND_ARTICLE_DIR);
    expect(withMeaning.index.sentenceVectors?.count).toBe(withMeaning.passages.reduce((n, p) => n + p.sentences.length, 0));
    const answer = await withMeaning.answer(question);
    expect(answer.answered).toBe(true);
    expect(answer.results[0]!.text).toContain("narrower memorandum on data sharing");
    const wordsOnly = await buildLibrary(SECOND_ARTICLE_DIR, new Date(), { sentenceEncoder: null });
    expect(wordsOnly.index.sentenceVectors).toBeUndefined();
    expect((await wordsOnly.answer(question)).answered).toBe(false);
  });

  it("answers a question that holds much of a passage in other words when a sentence is near it in meaning", async () => {
    const lib = await buildLibrary(fixture("twentyseventh"));
    // "foot the bill" is "would be paid by", "penalty" the article's "fine": neither the words nor the meaning alone would do.
    const question = "Who is going to foot the bill for the penalty?";
    const answer = await lib.answer(question);
    expect(answer.answered).toBe(true);
    expect(answer.results[0]!.quote).toContain("the fine would be paid by shareholders");
    expect((await lib.answer(question, { minOtherWordsCoverage: 1.01 })).answered).toBe(false);
    expect((await lib.answer(question, { minOtherWordsCloseness: 1.01 })).answered).toBe(false);
    // Not a question mostly in words the articles never use, which a sentence on malaria is near.
    const malaria = await buildLibrary(fixture("fifth"));
    expect((await malaria.answer("Where can I buy mosquito repellent?")).answered).toBe(false);
    expect((await malaria.answer("Where can I buy mosquito repellent?", { maxUnheardInOtherWords: 1 })).answered).toBe(true);
  });

  it("still declines off-topic questions, however close their best sentence", async () => {
    const lib = await buildLibrary(SECOND_ARTICLE_DIR);
    for (const q of ["How do I bake sourdough bread?", "What is the best way to learn piano?", "Who won the football match?"]) {
      expect((await lib.answer(q)).answered, q).toBe(false);
    }
  });

  it("answers from the words, with a warning in the manifest, when the encoder fails", async () => {
    const broken = { embed: async () => Promise.reject(new Error("no WebAssembly here")) };
    const lib = await buildLibrary(SECOND_ARTICLE_DIR, new Date(), { sentenceEncoder: broken });
    expect(lib.manifest.warnings).toContainEqual(expect.stringContaining("sentence encoder unavailable (no WebAssembly here)"));
    await expectQuote(lib, "Who chaired the talks?", "Amina Diallo");
  });
});
