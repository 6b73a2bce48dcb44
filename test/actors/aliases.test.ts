import { describe, expect, it } from "vitest";
import { AliasTable, MAX_ID_CHARS, gazetteerActors, mergeActorDefs, slug, type ActorDef } from "../../src/actors/aliases.js";

const gazetteer = gazetteerActors();
const table = new AliasTable(gazetteer);
const mentioned = (t: AliasTable, text: string) => t.mentions(text).map((m) => t.actors.get(m.actorId)!.name);

describe("countries in running text", () => {
  it("takes no ISO code for a country: “GM”, “LA”, “PM”, “AI”, “CA”, “ID” are something else", () => {
    const text = "The PM met GM executives in LA to talk about AI; the CA of the firm showed his ID at the door.";
    const found = mentioned(table, text);
    for (const country of ["Gambia", "Laos", "Saint Pierre and Miquelon", "Anguilla", "Canada", "Indonesia"]) expect(found).not.toContain(country);
    expect(found).toEqual([]);
  });

  it("takes no capital named 'The …' for its country once the article goes: 'the Rift Valley' is not Anguilla", () => {
    expect(mentioned(table, "Our geologists say the Rift Valley holds heat, and the valley floor is dry; Bottom trawling stopped.")).toEqual([]);
    expect(mentioned(table, "Anguilla and Nairobi")).toEqual(["Anguilla", "Kenya"]);
  });

  it("takes a name with or without its accents, as people type it: Reykjavík and Reykjavik, Brasília and Brasilia", () => {
    expect(mentioned(table, "Talks in Reykjavík and Reykjavik, then in Brasília and Brasilia.")).toEqual(["Iceland", "Iceland", "Brazil", "Brazil"]);
    expect(table.resolve("Bogota")?.name).toBe("Colombia");
  });

  it("takes the abbreviations news writes for a country, as written: “the UK”, “the UAE”, “the DRC”", () => {
    expect(mentioned(table, "Officials from the UK and the UAE met rebels from the DRC.")).toEqual([
      "United Kingdom",
      "United Arab Emirates",
      "DR Congo",
    ]);
    // In capitals only: "uae" or "Uk" is no abbreviation.
    expect(mentioned(table, "the uae and the Uk")).toEqual([]);
  });

  it("takes U.S., US and USA for the United States, with or without a curated entry that lists them", () => {
    const text = "The U.S. envoy said the US and the USA agree.";
    expect(mentioned(table, text)).toEqual(["United States", "United States", "United States"]);
    const curated: ActorDef = { id: slug("United States"), name: "United States", kind: "country", aliases: ["U.S.", "US", "USA", "America"] };
    expect(mentioned(new AliasTable(mergeActorDefs(gazetteer, [curated])), text)).toEqual(["United States", "United States", "United States"]);
    expect(mentioned(table, "Tell us more.")).toEqual([]);
  });

  it("finds a country by its codes only when they are typed as a name, in capitals", () => {
    expect(table.resolve("GM")).toBeUndefined();
    expect(table.resolveCode("GM")?.name).toBe("Gambia");
    expect(table.resolveCode("RUS")?.name).toBe("Russia");
    expect(table.resolveCode("rus")).toBeUndefined();
    expect(table.resolve("UK")?.name).toBe("United Kingdom");
  });

  it("finds a renamed state by its old and new names alike, shown by the name English news uses", () => {
    const pairs: Array<[string, string]> = [
      ["Turkey", "Türkiye"],
      ["Czech Republic", "Czechia"],
      ["Ivory Coast", "Côte d'Ivoire"],
      ["Swaziland", "Eswatini"],
      ["Burma", "Myanmar"],
      ["Macedonia", "North Macedonia"],
      ["Cape Verde", "Cabo Verde"],
      ["East Timor", "Timor-Leste"],
    ];
    for (const [older, newer] of pairs) {
      const a = table.resolve(older);
      expect(a, older).toBeDefined();
      expect(table.resolve(newer)?.id, `${older} / ${newer}`).toBe(a!.id);
      expect(mentioned(table, `Officials of ${newer} met.`), newer).toEqual([a!.name]);
    }
    expect(table.resolve("Türkiye")?.name).toBe("Turkey");
  });

  it("knows the short demonyms of the states named after a people with “-stan”, and none for Pakistan", () => {
    const cases: Array<[string, string]> = [
      ["Uzbek", "Uzbekistan"],
      ["Tajik", "Tajikistan"],
      ["Kazakh", "Kazakhstan"],
      ["Kyrgyz", "Kyrgyzstan"],
      ["Turkmen", "Turkmenistan"],
      ["Afghan", "Afghanistan"],
    ];
    for (const [demonym, state] of cases) expect(table.resolve(demonym)?.name, demonym).toBe(state);
    expect(table.resolve("Pak")).toBeUndefined();
    expect(table.resolve("Pakistani")?.name).toBe("Pakistan");
  });
});

describe("actor ids", () => {
  it("keep letters and digits of any script, lower-cased, accents folded", () => {
    expect(slug("Zamir Kabulov")).toBe("zamir-kabulov");
    expect(slug("Élysée Palace")).toBe("elysee-palace");
    expect(slug("Russia’s")).toBe("russias");
    expect(slug("Владимир Путин")).toBe("владимир-путин");
    expect(slug("习近平")).toBe("习近平");
    expect(slug("नरेन्द्र मोदी")).toBe("नरेन्द्र-मोदी");
    expect(slug("G7")).toBe("g7");
  });

  it("are never empty, and stay short and distinct for long names", () => {
    expect(slug("😀")).not.toBe("");
    expect(slug("😀")).not.toBe(slug("🙂"));
    expect(slug("😀")).toBe(slug("😀"));
    const long = "The Extraordinarily Long Named International Organization For Very Many Things";
    for (const name of [`${long} in Europe`, `${long} in Asia`]) expect(Array.from(slug(name)).length).toBeLessThanOrEqual(MAX_ID_CHARS);
    expect(slug(`${long} in Europe`)).not.toBe(slug(`${long} in Asia`));
  });

  it("keep distinct actors apart when merged, and merge one actor's definitions", () => {
    const def = (name: string, aliases: string[] = [], id = slug(name)): ActorDef => ({ id, name, kind: "person", aliases });
    const merged = mergeActorDefs([def("Владимир Путин", ["Путин"]), def("习近平")], [def("Vladimir Putin")]);
    expect(merged.map((d) => d.name)).toEqual(["Владимир Путин", "习近平", "Vladimir Putin"]);
    expect(new Set(merged.map((d) => d.id)).size).toBe(3);
    // Two names under one hand-made id: two actors, each found by its name.
    const clash = mergeActorDefs([def("Alpha Group", [], "x")], [def("Beta Group", ["Beta"], "x")]);
    expect(clash.map((d) => d.name)).toEqual(["Alpha Group", "Beta Group"]);
    expect(new Set(clash.map((d) => d.id)).size).toBe(2);
    const t = new AliasTable(clash);
    expect(t.resolve("Beta")?.name).toBe("Beta Group");
    expect(t.resolve("Alpha Group")?.name).toBe("Alpha Group");
    // One actor written two ways: one definition with both definitions' aliases.
    const one = mergeActorDefs([def("Al-Qaeda", ["AQ"])], [def("al Qaeda", ["the base"])]);
    expect(one).toHaveLength(1);
    expect(one[0]!.aliases).toEqual(["AQ", "the base"]);
  });
});

describe("names misspelled", () => {
  it("finds the one actor a name misspells by one slip, and nothing for a name it spells or a short word", () => {
    expect(table.misspelled("russains")?.name).toBe("Russia");
    expect(table.misspelled("pakistn")?.name).toBe("Pakistan");
    expect(table.misspelled("Azerbaijain")?.name).toBe("Azerbaijan");
    expect(table.misspelled("Russian")).toBeUndefined();
    // Two slips, or a word too short for one slip to say which name it was.
    expect(table.misspelled("rusains")).toBeUndefined();
    expect(table.misspelled("Irn")).toBeUndefined();
  });
});

