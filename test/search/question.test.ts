import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/search/analyse.js";
import { asksOfTheArticle, givesBareShare, givesNumber, hasAnswerType, questionShape } from "../../src/search/question.js";

const shape = (q: string) => questionShape(tokenize(q));
/** The word of a question that its shape points at as its focus or its deed. */
const wordAt = (part: "focus" | "deed", q: string) => {
  const tokens = tokenize(q);
  const at = questionShape(tokens)[part];
  return at === undefined ? undefined : tokens[at]!.text;
};
/** The words of a question that frame it rather than name its topic, in order. */
const phrase = (q: string) => {
  const tokens = tokenize(q);
  return [...questionShape(tokens).phraseTokens].sort((a, b) => a - b).map((i) => tokens[i]!.text);
};

describe("expected answer type", () => {
  it("reads the type from the question words", () => {
    expect(shape("When did the ministers meet?").type).toBe("time");
    expect(shape("Since what year has the US been fighting there?").type).toBe("year");
    expect(shape("On which day did the talks open?").type).toBe("time");
    expect(shape("How long has the war lasted?").type).toBe("duration");
    expect(shape("How many troops remain?").type).toBe("quantity");
    expect(shape("how small are the particles").type).toBe("quantity");
    expect(shape("How tall is the dam?").type).toBe("quantity");
    expect(shape("What percentage of its power comes from steam?").type).toBe("percent");
    expect(shape("What share of the debt does China hold?").type).toBe("percent");
    expect(shape("What number of seats did they win?").type).toBe("quantity");
    expect(phrase("What share of the debt does China hold?")).toEqual(["share"]);
    expect(shape("Who is Amina Diallo?").type).toBe("definition");
    expect(shape("Who chaired the talks?").type).toBe("person");
    expect(shape("Who is the president of the union?").type).toBe("person");
    expect(shape("Who was a witness?").type).toBe("person");
    expect(shape("Where was the summit?").type).toBe("place");
    expect(shape("Why did they leave?").type).toBe("reason");
    expect(shape("Tell me about the dam").type).toBeUndefined();
  });

  it("finds what 'how many' counts: the first plural noun after it, with its adjectives", () => {
    const counted = (q: string) => {
      const tokens = tokenize(q);
      const span = questionShape(tokens).counted;
      return span === undefined ? undefined : tokens.slice(span.from, span.to + 1).map((t) => t.text).join(" ");
    };
    expect(counted("How many electric buses will Valparaíso get?")).toBe("electric buses");
    expect(counted("How many tonnes of tuna were in the holds?")).toBe("tonnes");
    expect(counted("how many people lost their water")).toBe("people");
    expect(counted("How many children will get the vaccine?")).toBe("children");
    expect(counted("How much water does the city lose?")).toBeUndefined();
    expect(counted("How many died in the storm?")).toBeUndefined();
    expect(counted("How many injured people were rescued?")).toBe("injured people");
    // "What percentage of …" takes a share of the noun phrase after "of", to its head noun.
    expect(counted("What percentage of the dementia cases in the study were Alzheimer's disease?")).toBe("dementia cases");
    expect(counted("What percentage of the expansion cost has Oslo pledged to pay?")).toBe("expansion cost");
    expect(counted("What percentage of junior doctors left the trust in 2024?")).toBe("junior doctors");
    expect(counted("What percentage of capacity was the reservoir at?")).toBe("capacity");
    expect(counted("What percentage did the party win?")).toBeUndefined();
    expect(shape("What share of the popular vote did Yntymak receive?").type).toBe("percent");
    expect(counted("What share of the popular vote did Yntymak receive?")).toBe("popular vote");
  });

  it("asks for a sum of money when 'how much' goes with money or a payment, and for an age with 'how old'", () => {
    expect(shape("How much money has Qatar pledged?").type).toBe("money");
    expect(shape("How much did Kabul pay for the vaccines?").type).toBe("money");
    expect(shape("how much does a dose cost").type).toBe("money");
    expect(shape("How much help did America give Kabul?").type).toBe("quantity");
    expect(shape("How much time did students spend online?").type).toBe("quantity");
    expect(shape("How much of its budget did Kenya spend on health?").type).toBe("quantity");
    expect(shape("How much tax did Apple pay?").type).toBe("money");
    expect(shape("How much debt does Sri Lanka owe?").type).toBe("money");
    // "What is …" a noun for a sum, with nothing after it but a preposition.
    for (const q of ["What's Rui Pinto's salary as CEO?", "What is the price of a ticket?", "what was the cost of the strikes", "What was Kessler's revenue in the third quarter?"]) {
      expect(shape(q).type, q).toBe("money");
    }
    for (const q of ["What did the fine cover?", "What is the budget used for?", "What worries economists about the cost?"]) expect(shape(q).type, q).not.toBe("money");
    expect(shape("How much water does the city lose?").type).toBe("quantity");
    expect(shape("How old is the union's president?").type).toBe("age");
    expect(phrase("How old is the dam?")).toEqual(["old"]);
  });

  it("reads question words as chat spells them", () => {
    expect(shape("wat date do farmers hav to stop").type).toBe("time");
    expect(shape("whos the researcher they quoted").type).toBe("person");
    expect(shape("wheres the summit").type).toBe("place");
    expect(shape("hw much did robusta go up").type).toBe("quantity");
    expect(shape("wen does the plant open").type).toBe("time");
    expect(shape("who's chairing the talks").type).toBe("person");
    expect(shape("watching the vote").type).toBeUndefined();
  });

  it("asks for a party with 'which (political) party', and for an earlier post with 'what … before becoming'", () => {
    expect(shape("Which political party does Tomasz Wrona belong to?").type).toBe("party");
    expect(shape("What party won the election?").type).toBe("party");
    for (const q of ["What did Helena Vaz do before becoming chief executive?", "What job did Hakan Fidan hold before he became foreign minister?", "What was Korir's career before she joined the government?"]) {
      expect(shape(q).type, q).toBe("career");
    }
    expect(shape("What must happen before anyone goes back to work?").type).toBeUndefined();
    for (const party of ["Wrona, of the Law and Justice party, said", "a Social Democrat", "the Orange Democratic Movement"]) expect(hasAnswerType(party, "party"), party).toBe(true);
    for (const other of ["Tomasz Wrona, Poland's agriculture minister, said", "asked both parties to accept mediation", "a third party"]) expect(hasAnswerType(other, "party"), other).toBe(false);
    // A year in figures answers "what year", a month does not.
    expect(hasAnswerType("the campaign it has been waging there since 2001", "year")).toBe(true);
    expect(hasAnswerType("it does not intend to withdraw the rest before May", "year")).toBe(false);
    for (const post of ["a former diplomat", "she spent 14 years at the utility", "he previously ran the bank", "who had served as finance minister"]) expect(hasAnswerType(post, "career"), post).toBe(true);
    expect(hasAnswerType("Foreign Minister Hakan Fidan, appointed in June 2023, said", "career")).toBe(false);
  });

  it("asks for a country with 'which country' and the like, the noun being the question's frame", () => {
    expect(shape("Which countries will start next?").type).toBe("country");
    expect(phrase("Which countries will start next?")).toEqual(["countries", "next"]);
    expect(shape("What European nation sent troops?").type).toBe("country");
    expect(phrase("What European nation sent troops?")).toEqual(["nation"]);
    expect(shape("What did the country decide?").type).toBeUndefined();
    // "next" before a noun is the topic's own word.
    expect(phrase("When is the next round of talks?")).toEqual([]);
  });

  it("marks the question phrase so that 'long' in 'how long' is not a topic word", () => {
    expect(phrase("How long has it been?")).toEqual(["long"]);
    // A second question phrase frames the question like the first.
    expect(phrase("when was the contract signed and how long does it run")).toEqual(["long"]);
    // "In order to" states a purpose: no order is asked about.
    expect(phrase("What is Brasília planning in order to end the dispute?")).toEqual(["order"]);
    expect(phrase("Who signed the order to fire?")).toEqual([]);
    // "How long did X last?", "how long does it take to …": the verb only says that time passed.
    expect(phrase("How long did the worst spill last?")).toEqual(["long", "last"]);
    expect(phrase("how long does it take to get goods to Europe?")).toEqual(["long", "take"]);
    expect(phrase("How long did the last session of talks take?")).toEqual(["long", "take"]);
    expect(phrase("How long will the last ferry run?")).toEqual(["long"]);
  });

  it("finds the noun a 'what is the …' question asks for", () => {
    expect(wordAt("focus", "What was the turnout in the parliamentary election?")).toBe("turnout");
    expect(wordAt("focus", "What is the main concern of US officials in the region?")).toBe("concern");
    expect(wordAt("focus", "What's Pinto's salary as CEO?")).toBe("salary");
    expect(wordAt("focus", "What did the minister say?")).toBeUndefined();
    expect(wordAt("focus", "Who is the president?")).toBeUndefined();
  });

  it("reads 'is going to' as a future, not a going", () => {
    expect(phrase("Who is going to foot the bill?")).toEqual(["going"]);
    expect(shape("Who is going to foot the bill?").type).toBe("person");
    expect(phrase("Where are the refugees going?")).toEqual([]);
    expect(phrase("Why did the minister keep going to Brussels?")).toEqual([]);
  });

  it("does not take words that place the question in time ('today') for its topic", () => {
    expect(phrase("What does Egypt plan for the dam today?")).toEqual(["today"]);
  });

  it("asks for a view with 'how does X see Y' and 'what does X make of Y', the verb being the frame", () => {
    expect(shape("How does Egypt see the dam today?").type).toBe("view");
    expect(phrase("How does Egypt see the dam today?")).toEqual(["see", "today"]);
    expect(phrase("How did Egypt use to regard the dam?")).toEqual(["use", "regard"]);
    expect(shape("What does Cairo make of the ruling?").type).toBe("view");
    expect(phrase("What do the farmers think about the tax?")).toEqual(["think"]);
    // Making, thinking and seeing themselves stay topic words.
    expect(shape("What does the plant make?").type).toBeUndefined();
    expect(shape("How does the council think the dam will be paid for?").type).toBeUndefined();
    expect(shape("What did the minister see at the border?").type).toBeUndefined();
    expect(shape("How do you view the report?").type).toBe("view");
  });

  it("finds a person in a name with a particle and the appositive that says who they are", () => {
    expect(hasAnswerType("Dr Anneke de Vries, an ecotoxicologist at Wageningen University, led the study.", "person")).toBe(true);
    expect(hasAnswerType("The study, a long one, was led from the university.", "person")).toBe(false);
  });

  it("finds a view in the sentences that state one", () => {
    expect(hasAnswerType("Moscow views the Afghan government as a U.S. puppet.", "view")).toBe(true);
    expect(hasAnswerType("Still, for the United States, Afghanistan remains a partner.", "view")).toBe(true);
    expect(hasAnswerType("For years the dam was a plan.", "view")).toBe(false);
    expect(hasAnswerType("Both countries would like to see an interim government.", "view")).toBe(false);
    expect(hasAnswerType("He said he considered Lindqvist “a capable commissioner”.", "view")).toBe(true);
    expect(hasAnswerType("Warsaw considers the ban to be unfair.", "view")).toBe(true);
    expect(hasAnswerType("The plan will be considered in March.", "view")).toBe(false);
  });

  it("takes a support verb before its noun for the frame ('holding their talks', 'take place'), not a verb of its own", () => {
    expect(phrase("Where are the Taliban and the Afghan government holding their talks?")).toEqual(["holding"]);
    expect(phrase("Where will the meeting take place?")).toEqual(["take"]);
    expect(phrase("When did the board make a decision?")).toEqual(["make"]);
    // "Carry out" says no more than "do".
    expect(phrase("Which university carried out the research?")).toEqual(["carried", "out"]);
    // A phrasal verb, or a verb before a pronoun, is the topic: "give back" is to refund.
    expect(phrase("How much must the utility give back to customers?")).toEqual(["much"]);
    expect(phrase("Who took it over?")).toEqual([]);
    expect(phrase("Who holds the record?")).toEqual(["holds"]);
  });

  it("does not take 'happen' or 'occur' for a topic word", () => {
    expect(phrase("When did the spill happen, and what occurred next?")).toEqual(["happen", "occurred", "next"]);
  });

  it("does not take 'used to' for a use of anything, unless it is one", () => {
    expect(phrase("When did Egypt use to fill the dam?")).toEqual(["use"]);
    expect(phrase("Who used to chair the talks?")).toEqual(["used"]);
    expect(phrase("What is the loan used to build?")).toEqual([]);
    expect(phrase("How is the water used?")).toEqual([]);
  });

  it("does not take a request or a reference to the source for the topic", () => {
    expect(phrase("Tell me about Egypt")).toEqual(["Tell", "me"]);
    expect(phrase("Describe the dam")).toEqual(["Describe"]);
    expect(phrase("What does the article say about vaccines?")).toEqual(["article", "say"]);
    expect(phrase("What does this text mention about the dam?")).toEqual(["text", "mention"]);
    // A saying by an actor is the topic: "say" stays.
    expect(phrase("What did Egypt say about the dam?")).toEqual([]);
  });

  it("recognises sentences that hold each kind of answer", () => {
    expect(hasAnswerType("The talks resume in March.", "time")).toBe(true);
    expect(hasAnswerType("The talks resume soon.", "time")).toBe(false);
    expect(hasAnswerType("It has been a year since the deal.", "duration")).toBe(true);
    // A view is said affirmatively; "doesn't see it as autonomous" says only what it is not.
    expect(hasAnswerType("Moscow views the Afghan government as a U.S. puppet.", "view")).toBe(true);
    expect(hasAnswerType("Moscow doesn’t see the current Afghan government as autonomous.", "view")).toBe(false);
    expect(hasAnswerType("Paris does not regard the deal as final, but Berlin sees it as done.", "view")).toBe(true);
    // A length written as one hyphenated word before its noun.
    expect(hasAnswerType("The workers returned after an 11-day strike ended.", "duration")).toBe(true);
    expect(hasAnswerType("The workers returned after a two-week stoppage.", "duration")).toBe(true);
    expect(hasAnswerType("The workers returned after a long stoppage.", "duration")).toBe(false);
    expect(hasAnswerType("About 97 percent of its water.", "quantity")).toBe(true);
    expect(hasAnswerType("Amina Diallo, the African Union envoy, spoke.", "definition")).toBe(true);
    expect(hasAnswerType("the envoy spoke.", "definition")).toBe(false);
  });

  it("finds a sum of money in any currency of the gazetteer, a percentage and an age, and not in other numbers", () => {
    const sums = ["It cost $4.5 billion.", "a fine of €12m", "NOK 3 billion a year", "USD 5bn", "350 million shillings", "2 million euros", "Ten euros a month",
      "1,200 kronor", "45 million soles", "50 million Norwegian kroner", "1.2 billion U.S. dollars", "Rs 40 a litre", "Rs. 500", "R$ 5 billion",
      "40 million Euros", "300 Baht a night", "20 million pounds", "500 crore rupees", "EUR 500"];
    for (const sum of sums) expect(hasAnswerType(sum, "money"), sum).toBe(true);
    const others = ["all 5 judges agreed", "Q3 results fell", "the party won 3 seats", "who in 2019 won a seat", "passed the 20,000 mark", "two real options",
      "3.6 million Syrians", "in 2020", "up 6.5 percent from 2023", "CAD 3D models", "AMD 7nm chips", "pledged at COP28", "at COP 28", "the TOP 10 list",
      "it weighed 20 pounds"];
    for (const other of others) expect(hasAnswerType(other, "money"), other).toBe(false);
    for (const share of ["rose by 8%", "22 percent of them", "about 40 per cent", "fell by 0.4 percentage points", "rose 3pc", "one in five nurses", "a third of them"]) {
      expect(hasAnswerType(share, "percent"), share).toBe(true);
    }
    for (const other of ["in the third quarter", "laid off 300 in 2023", "reached 40,000 in 2023", "in the second half of the year", "half an hour"]) {
      expect(hasAnswerType(other, "percent"), other).toBe(false);
    }
    const ages = ["Marcos Ribeiro, 54, said", "The union is led by Marcos Ribeiro, 54.", "Ribeiro (54) said", "the minister, aged 61", "Aged 61, she retired.",
      "a 54-year-old nurse", "fifty years old", "He is 54 years of age.", "at the age of 60"];
    for (const age of ages) expect(hasAnswerType(age, "age"), age).toBe(true);
    for (const other of ["In 2020, 54 people left.", "In March, 40 people were hurt.", "in total, 40, were hurt", "He has led the union for 12 years.", "by Friday, 40 had been evacuated"]) {
      expect(hasAnswerType(other, "age"), other).toBe(false);
    }
  });

  it("finds a number that may count what a question does not name, and not a year, a date, 'one', a share or a number of something else", () => {
    for (const count of ["The death toll rose to 40 on Monday.", "Thousands have fled the town.", "He has visited Kyiv twice.", "By Friday, 40 had been evacuated.", "has shuttled between the capitals four times since December"]) {
      expect(givesNumber(count), count).toBe(true);
    }
    const others = ["Drilling began in 2019.", "The talks resume on 14 March.", "if one of those forces collapses", "It bought two new MRI scanners.",
      "levels 18 times the guideline", "no number at all", "said one plant manager in Måløy", "Turnout was 41.3 percent, the lowest since 2010"];
    for (const other of others) expect(givesNumber(other), other).toBe(false);
  });

  it("finds a percentage that is not said to be of something, which may be a share of what a question names", () => {
    for (const bare of ["Labour won 34 percent in the election.", "Sales rose 4% to 61,000 cars.", "It fell by 9 per cent, and 3% of its staff left."]) expect(givesBareShare(bare), bare).toBe(true);
    for (const other of ["9 per cent of its nurses left the trust.", "No share at all."]) expect(givesBareShare(other), other).toBe(false);
  });
});

describe("the deed a 'who' question asks the doer of", () => {
  it("is the verb after a question-opening 'who', past auxiliaries and adverbs, and nothing when a noun phrase or a name follows", () => {
    expect(wordAt("deed", "Who chaired the talks?")).toBe("chaired");
    expect(wordAt("deed", "Who will chair the Istanbul conference?")).toBe("chair");
    expect(wordAt("deed", "Who is going to foot the bill?")).toBe("foot");
    expect(wordAt("deed", "whos building the port?")).toBe("building");
    expect(wordAt("deed", "Who else is leaning on both countries?")).toBe("leaning");
    // Holding an office or a thing is said by a title or an owner's name, not a deed.
    expect(wordAt("deed", "Who leads the INMU?")).toBeUndefined();
    expect(wordAt("deed", "whos running the tuna block?")).toBeUndefined();
    for (const q of ["Who is the president of the union?", "Whom has Washington called on to attend?", "Who is Zamir Kabulov?", "What did the envoy say about who was honoring the deal?"]) {
      expect(wordAt("deed", q), q).toBeUndefined();
    }
  });
});

describe("questions about the article itself", () => {
  it("tells who published it or who wrote it from questions about what it reports", () => {
    for (const q of ["Who first published this article?", "Where was this article first published?", "Where was it first published?", "What is the source of this story?", "who published this?"]) {
      expect(asksOfTheArticle(q), q).toBe("publisher");
    }
    for (const q of ["Who wrote this piece?", "Who is the author of the article?", "who wrote this?"]) expect(asksOfTheArticle(q), q).toBe("author");
    for (const q of [
      "When was the report published?",
      "Which newspaper published the leaked documents?",
      "Who wrote the letter to the minister?",
      "What is this deal about?",
      "Is it true that the Taliban published a statement?",
      "Did it publish the figures?",
    ]) {
      expect(asksOfTheArticle(q), q).toBeUndefined();
    }
  });
});
