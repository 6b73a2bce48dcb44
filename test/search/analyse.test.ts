import { describe, expect, it } from "vitest";
import { analyse, formsOfOneWord, processTerm, tokenize, transpositions, wordTokens, US_TERM } from "../../src/search/analyse.js";

describe("tokenizer and term processing", () => {
  it("treats curly and straight possessives alike", () => {
    expect(analyse("Taliban’s")).toEqual(analyse("Taliban"));
    expect(analyse("Taliban's")).toEqual(analyse("Taliban"));
  });

  it("keeps U.S. and US as one term that does not collide with the pronoun us", () => {
    expect(processTerm("U.S.")).toBe(US_TERM);
    expect(processTerm("US")).toBe(US_TERM);
    expect(processTerm("USA")).toBe(US_TERM);
    expect(processTerm("us")).toBeNull();
    expect(analyse("the new U.S. president")).toContain(US_TERM);
    expect(analyse("tell us more")).not.toContain(US_TERM);
  });

  it("indexes hyphenated words whole and by part, and US inside a compound", () => {
    const terms = analyse("the Soviet-Afghan War");
    expect(terms).toEqual(expect.arrayContaining(["soviet-afghan", "soviet", "afghan"]));
    expect(analyse("the US-Taliban deal")).toEqual(expect.arrayContaining([US_TERM, "taliban"]));
    expect(wordTokens("US-Taliban").map((t) => t.text)).toEqual(["US", "Taliban"]);
  });

  it("drops the accents of Latin letters, as users type without them", () => {
    expect(analyse("the Meadow Kiosk café")).toEqual(analyse("the meadow kiosk cafe"));
    expect(analyse("Paulo Mendonça of Évora")).toEqual(analyse("paulo mendonca of evora"));
    // Letters of their own stay as written.
    expect(analyse("Øresund")).toEqual(["øresund"]);
  });

  it("reads numbers with separators as their value", () => {
    expect(analyse("from 8,600 troops")).toContain("8600");
    expect(analyse("8600 troops")).toContain("8600");
  });

  it("splits at em dashes written without spaces", () => {
    expect(tokenize("right now—First Vice President").map((t) => t.text)).toEqual(["right", "now", "First", "Vice", "President"]);
  });

  it("keeps offsets of tokens", () => {
    const text = "Kabul’s ally—the U.S.";
    for (const t of tokenize(text)) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it("drops contractions of function words, curly or straight, and keeps names with apostrophes", () => {
    expect(analyse("Why aren’t nurses ready? They're sure we've seen it, but it won't last and I'm told they can't.")).toEqual(
      analyse("Why are not nurses ready? They are sure we have seen it, but it will not last and I am told they cannot."),
    );
    expect(analyse("O'Neill met Ma'am Diallo")).toEqual(["o'neil", "meet", "ma'am", "diallo"]);
    // Typed without the apostrophe, as in chat; "cant" and "wont" are words too, but rare ones.
    expect(analyse("whats the quad, why dont they say, theyre sure it isnt")).toEqual(analyse("the quad, why they say, sure it"));
    expect(analyse("the whale hunts and the well-known wells")).toContain("hunt");
    // Chat spellings of function words.
    expect(analyse("wat did the president say abt the ruling pls")).toEqual(analyse("did the president say the ruling"));
    // The fillers of chat are no topic either.
    expect(analyse("yo whats the mayor tryna do w/ the water company, shes selling it lol")).toEqual(["mayor", "water", "compani", "sell"]);
    expect(analyse("do they hav stocks")).toEqual(analyse("do they have stocks"));
  });

  it("swaps each pair of neighbouring letters, for typos", () => {
    expect(transpositions("abc")).toEqual(["bac", "acb"]);
    expect(transpositions("robsuta")).toContain("robusta");
    expect(transpositions("a")).toEqual([]);
  });

  it("keeps every form of 'say', so that 'What did she say?' meets the 'said' of news", () => {
    expect(analyse("said")).toEqual(analyse("say"));
    expect(analyse("she says")).toEqual(["sai"]);
  });

  it("drops 'vs', 'versus' and 'via' like other prepositions", () => {
    expect(analyse("Russia vs Ukraine, versus Turkey, via Iran")).toEqual(analyse("Russia, Ukraine, Turkey, Iran"));
  });

  it("stems inflections together and drops stop words", () => {
    expect(analyse("withdrawing")).toEqual(analyse("withdraw"));
    expect(analyse("longer")).toEqual(analyse("long"));
    expect(analyse("What is the")).toEqual([]);
  });

  it("tells forms of one word from words derived from it, which stem alike", () => {
    expect(analyse("regional")).toEqual(analyse("regions"));
    expect(formsOfOneWord("regions", "region")).toBe(true);
    expect(formsOfOneWord("met", "meet")).toBe(true);
    expect(formsOfOneWord("talks", "talking")).toBe(true);
    expect(formsOfOneWord("regional", "regions")).toBe(false);
    expect(formsOfOneWord("independent", "independence")).toBe(false);
  });
});
