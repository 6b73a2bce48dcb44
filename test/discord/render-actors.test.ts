import fc from "fast-check";
import type { APIEmbed } from "discord.js";
import { describe, expect, it } from "vitest";
import { slug } from "../../src/actors/aliases.ts";
import type { ActorListing, ActorQuote, ActorSummary } from "../../src/actors/registry.ts";
import { ELLIPSIS, embedLength, LIMITS } from "../../src/discord/limits.ts";
import {
  ACTOR_RENDER,
  actorChoices,
  actorListMessage,
  actorListPages,
  actorMessage,
  citation,
  quoteLine,
  unknownActorMessage,
} from "../../src/discord/render-actors.ts";
import { visibleText } from "../support/bot-harness.ts";

function quote(text: string, paragraph: number, file = "001_article.txt"): ActorQuote {
  return { quote: text, source: { file, title: "An article", publisher: "A Publisher", paragraph, start: 0, end: text.length } };
}

function summary(quotes: ActorQuote[], more: Partial<ActorSummary> = {}): ActorSummary {
  return {
    actor: { id: "zamir-kabulov", name: "Zamir Kabulov", kind: "person", aliases: ["Kabulov"], description: "A diplomat." },
    mentions: 7,
    passages: 5,
    documents: 2,
    summary: quotes,
    related: [
      { name: "Russia", count: 4 },
      { name: "Taliban", count: 2 },
    ],
    page: 0,
    pages: 1,
    ...more,
  };
}

/** The block-quote lines of a summary's description, as a reader sees them. */
function shownQuotes(embed: APIEmbed): string[] {
  return (embed.description ?? "")
    .split("\n")
    .filter((l) => l.startsWith("> "))
    .map((l) => visibleText(l.slice(2)));
}

/** Everything wrong with an embed against Discord's limits. */
function embedProblems(e: APIEmbed): string[] {
  const problems: string[] = [];
  if ((e.title?.length ?? 0) > LIMITS.embedTitle) problems.push(`title ${e.title!.length}`);
  if ((e.description?.length ?? 0) > LIMITS.embedDescription) problems.push(`description ${e.description!.length}`);
  if ((e.fields?.length ?? 0) > LIMITS.embedFields) problems.push(`${e.fields!.length} fields`);
  for (const f of e.fields ?? []) {
    if (f.name.length < 1 || f.name.length > LIMITS.fieldName) problems.push(`field name ${f.name.length}`);
    if (f.value.length < 1 || f.value.length > LIMITS.fieldValue) problems.push(`field value ${f.value.length}`);
  }
  if ((e.footer?.text.length ?? 0) > LIMITS.footerText) problems.push(`footer ${e.footer!.text.length}`);
  if (embedLength(e) > LIMITS.embedTotal) problems.push(`total ${embedLength(e)}`);
  return problems;
}

describe("actorMessage", () => {
  it("shows name, kind, other names, the quotes verbatim in order with their sources, counts and related actors", () => {
    const quotes = [quote("Zamir Kabulov, the envoy, spoke.", 8), quote("Kabulov said more.", 9, "002_other.txt")];
    const body = actorMessage(summary(quotes));
    const embed = body.embeds[0]!;
    expect(embed.title).toBe("Zamir Kabulov");
    expect(shownQuotes(embed)).toEqual(quotes.map((q) => q.quote));
    const description = visibleText(embed.description!);
    expect(description).toContain("person");
    expect(description).toContain("Also: Kabulov");
    expect(description).toContain("A diplomat.");
    expect(description).toContain("An article · A Publisher · ¶8 · 001_article.txt");
    expect(description).toContain("¶9 · 002_other.txt");
    expect(embed.fields).toEqual([
      { name: "Mentions", value: "7 mentions in 5 passages of 2 articles", inline: true },
      { name: "Mentioned with", value: "Russia (4), Taliban (2)" },
    ]);
    expect(body.components).toEqual([]);
    expect(body.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });

  it("carries the paging buttons it is given, and says which page it shows", () => {
    const body = actorMessage(summary([quote("Kabulov spoke.", 1)], { page: 1, pages: 3 }), { previousId: "actor:page:1:0:k", nextId: "actor:page:1:2:k" });
    const buttons = body.components.flatMap((r) => r.components).map((b) => ("custom_id" in b ? [b.label, b.custom_id] : []));
    expect(buttons).toEqual([
      ["Previous quotes", "actor:page:1:0:k"],
      ["More quotes", "actor:page:1:2:k"],
    ]);
    expect(body.embeds[0]!.footer?.text).toContain("page 2 of 3");
  });

  it("escapes Markdown and defuses mass mentions in names, aliases, descriptions, quotes and related actors", () => {
    const s = summary([quote("**Loud** @everyone > _here_ said `x`.", 3)], {
      actor: { id: "x", name: "*Star* @here", kind: "group", aliases: ["__Under__"], description: "~~gone~~ @everyone" },
      related: [{ name: "||Spoiler||", count: 1 }],
    });
    const embed = actorMessage(s).embeds[0]!;
    expect(shownQuotes(embed)).toEqual([s.summary[0]!.quote]);
    const raw = JSON.stringify(embed);
    expect(raw).not.toMatch(/@(everyone|here)/);
    for (const marked of ["**Loud**", "*Star*", "__Under__", "~~gone~~", "||Spoiler||", "`x`"]) expect(raw).not.toContain(marked);
    expect(visibleText(embed.title!)).toBe("*Star* @here");
  });

  it("keeps a multi-line quote inside its block quote", () => {
    expect(quoteLine("one\ntwo")).toBe("> one\n> two");
  });

  it("stays within the limits with five long Markdown-heavy quotes, shortening only the longest", () => {
    const long = Array.from({ length: 40 }, (_, i) => `S${i} a**b__c**d~~e||f||g__h.`).join(" ").slice(0, 700);
    const short = "A short sentence about Kabulov.";
    expect(4 * quoteLine(long).length).toBeGreaterThan(LIMITS.embedDescription); // escaping makes them too long together
    const quotes = [quote(long, 1), quote(short, 2), quote(long, 3), quote(long, 4), quote(long, 5)];
    const related = Array.from({ length: 300 }, (_, i) => ({ name: `Actor number ${i} with a long name`, count: 300 - i }));
    const embed = actorMessage(summary(quotes, { related })).embeds[0]!;
    expect(embedProblems(embed)).toEqual([]);
    const shown = shownQuotes(embed);
    expect(shown).toHaveLength(5);
    expect(shown[1]).toBe(short);
    for (const i of [0, 2, 3, 4]) {
      expect(shown[i]!.endsWith(ELLIPSIS)).toBe(true);
      expect(long.startsWith(shown[i]!.slice(0, -ELLIPSIS.length).trimEnd())).toBe(true);
    }
    expect(embed.fields![1]!.value).toMatch(/…and \d+ more$/);
  });

  it("says when there is no sentence to quote", () => {
    const embed = actorMessage(summary([])).embeds[0]!;
    expect(shownQuotes(embed)).toEqual([]);
    expect(embed.description).toMatch(/no sentence to quote/);
  });

  it("stays within the limits whatever the text (property)", () => {
    const text = fc.string({ unit: "grapheme", maxLength: 800 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(text, fc.integer({ min: 1, max: 999 }), fc.string({ maxLength: 300 })), { maxLength: 8 }),
        fc.string({ maxLength: 300 }),
        fc.array(fc.string({ maxLength: 200 }), { maxLength: 40 }),
        fc.option(fc.string({ maxLength: 2000 }), { nil: undefined }),
        (quotes, name, aliases, description) => {
          const s = summary(
            quotes.map(([t, p, title]) => ({ quote: t, source: { file: `${title}.txt`, title, paragraph: p, start: 0, end: t.length } })),
            { actor: { id: "x", name: name || "x", kind: "organization", aliases, ...(description ? { description } : {}) }, related: aliases.map((a, i) => ({ name: a || "y", count: i })) },
          );
          const body = actorMessage(s);
          expect(embedProblems(body.embeds[0]!)).toEqual([]);
          expect(body.embeds[0]!.description!.split("\n").filter((l) => /^-# .*¶\d+ · /.test(l) && !l.startsWith("-# Also:")).length).toBe(quotes.length);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe("unknownActorMessage", () => {
  it("names the closest actors, with a button for each (at most one row)", () => {
    const names = ["Russia", "Russian Foreign Ministry", "A", "B", "C", "D"];
    const body = unknownActorMessage(
      { unknown: "Rusia", suggestions: names },
      names.map((n, i) => ({ name: n, customId: `actor:page:1:0:${i}` })),
    );
    expect(body.content).toContain("No actor is named “Rusia”");
    expect(body.content).toContain("**Russia**, **Russian Foreign Ministry**");
    const buttons = body.components.flatMap((r) => r.components);
    expect(buttons).toHaveLength(ACTOR_RENDER.suggestionButtons);
    expect(buttons[0]).toMatchObject({ label: "Russia", custom_id: "actor:page:1:0:0" });
  });

  it("says so when no actor is close, escaping what was typed", () => {
    const body = unknownActorMessage({ unknown: "**@everyone**", suggestions: [] });
    expect(body.content).not.toMatch(/@everyone|\*\*@/);
    expect(visibleText(body.content)).toContain("“**@everyone**”");
    expect(body.content).toContain("/actors");
    expect(body.components).toEqual([]);
  });
});

describe("actorListMessage", () => {
  const listing = (i: number, name = `Actor ${i}`): ActorListing => ({ name, kind: "country", aliases: [`A${i}`, `B${i}`, `C${i}`, `D${i}`], mentions: 100 - i });

  it("shows one page of actors in order, numbered, with kind, mentions and a few other names", () => {
    const actors = Array.from({ length: 23 }, (_, i) => listing(i));
    const body = actorListMessage(actors, { page: 1, nextId: "actors:page:1:2", previousId: "actors:page:1:0" });
    const lines = visibleText(body.embeds[0]!.description!).split("\n");
    expect(lines).toHaveLength(ACTOR_RENDER.listPageSize);
    const first = ACTOR_RENDER.listPageSize;
    expect(lines[0]).toBe(`${first + 1}. Actor ${first} · country · ${100 - first} mentions · also A${first}, B${first}, C${first}, …`);
    expect(body.embeds[0]!.title).toBe("Actors (23)");
    expect(body.embeds[0]!.footer?.text).toContain(`Page 2 of ${actorListPages(23)}`);
    expect(body.components.flatMap((r) => r.components).map((b) => ("label" in b ? b.label : ""))).toEqual(["Previous", "Next"]);
  });

  it("clamps a page past the end to the last page", () => {
    const actors = Array.from({ length: 12 }, (_, i) => listing(i));
    const text = visibleText(actorListMessage(actors, { page: 99 }).embeds[0]!.description!);
    expect(text).toContain("Actor 11 ·");
    expect(text).not.toContain("Actor 0 ·");
  });

  it("stays within the limits with long, Markdown-heavy names and aliases", () => {
    const actors = Array.from({ length: 40 }, (_, i) => listing(i, `**${"_x_".repeat(150)}** ${i}`));
    for (const a of actors) a.aliases = Array.from({ length: 10 }, () => "*".repeat(300));
    for (let page = 0; page < actorListPages(actors.length); page++) {
      const embed = actorListMessage(actors, { page }).embeds[0]!;
      expect(embedProblems(embed)).toEqual([]);
    }
  });

  it("says so when there are no actors", () => {
    const body = actorListMessage([], { page: 0 });
    expect(body.embeds).toEqual([]);
    expect(body.content).toMatch(/no actor/i);
  });
});

describe("actorChoices", () => {
  it("puts the name first, then the alias that matched, kind and mentions; the value is the actor's id", () => {
    const choices = actorChoices([{ id: "united-states", name: "United States", kind: "country", mentions: 20, via: "Washington" }]);
    expect(choices).toEqual([{ name: "United States (Washington) · country · 20 mentions", value: "united-states" }]);
  });

  it("offers at most 25 choices with names of at most 100 characters, each valued by its whole id", () => {
    const long = "Very Long Organization Name ".repeat(10).trim();
    const suggestions = Array.from({ length: 40 }, (_, i) => ({ id: slug(`${long} ${i}`), name: `${long} ${i}`, kind: "organization" as const, mentions: i }));
    const choices = actorChoices(suggestions);
    expect(choices).toHaveLength(LIMITS.choices);
    choices.forEach((c, i) => {
      expect(c.name.length).toBeLessThanOrEqual(LIMITS.choiceName);
      expect(c.name.startsWith("Very Long Organization Name")).toBe(true);
      // The shown name is cut; the value is not, and names this actor only.
      expect(c.value).toBe(suggestions[i]!.id);
      expect(c.value.length).toBeLessThanOrEqual(LIMITS.choiceValue);
    });
    expect(new Set(choices.map((c) => c.value)).size).toBe(choices.length);
  });
});

describe("citation", () => {
  it("is title · publisher · ¶ · file, and shortens a long title or file without losing the paragraph", () => {
    expect(citation({ file: "a.txt", title: "T", publisher: "P", paragraph: 3, start: 0, end: 1 })).toBe("T · P · ¶3 · a.txt");
    expect(citation({ file: "a.txt", paragraph: 3, start: 0, end: 1 })).toBe("¶3 · a.txt");
    const long = citation({ file: `${"f".repeat(300)}.txt`, title: "word ".repeat(200), publisher: "pub ".repeat(100), paragraph: 12, start: 0, end: 1 });
    expect(long).toContain(" · ¶12 · ");
    expect(long.length).toBeLessThan(ACTOR_RENDER.citationTitle + ACTOR_RENDER.citationPublisher + ACTOR_RENDER.citationFile + 20);
  });
});
