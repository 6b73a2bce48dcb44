/**
 * `/actor` (with its autocomplete and quote paging) and `/actors` end to end: the real bot logged
 * in to the Discord stand-in, answering from an index of the seed article and its curated
 * `actors.json`, both copied to a temp dir. One bot for the whole file. After each test, every
 * payload the bot sent is checked against Discord's limits and for pings.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { APIUser } from "discord.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isUnknownActor, type ActorSummary } from "../../src/actors/registry.ts";
import { splitParagraphs } from "../../src/corpus/text.ts";
import { commandDefinitions } from "../../src/discord/commands/index.ts";
import { LIMITS } from "../../src/discord/limits.ts";
import { ACTOR_RENDER } from "../../src/discord/render-actors.ts";
import {
  buttonId,
  buttonsOf,
  collapse,
  dataOf,
  isEphemeral,
  messageText,
  newUser,
  payloadChecker,
  pingingMessages,
  PROJECT_ROOT,
  SEED_ARTICLE,
  startBotHarness,
  visibleText,
  type BotHarness,
  type MessageData,
} from "../support/bot-harness.ts";

const seedText = await readFile(SEED_ARTICLE, "utf8");
const seedFile = path.basename(SEED_ARTICLE);
const CURATED = path.join(PROJECT_ROOT, "seeds/actors.json");

/** The quotes of a summary message as a reader sees them (its block-quote lines, escapes resolved). */
function shownQuotes(d: MessageData): string[] {
  const description = d.embeds?.[0]?.description ?? "";
  return description
    .split("\n")
    .filter((l) => l.startsWith("> "))
    .map((l) => visibleText(l.slice(2)));
}

/** The paragraph number (from 1) of the seed article that holds `sentence`. */
function paragraphOf(sentence: string): number {
  const p = splitParagraphs(seedText).find((p) => seedText.slice(p.start, p.end).includes(sentence));
  if (!p) throw new Error(`not in the seed article: ${sentence}`);
  return p.number;
}

function summaryOf(name: string, page = 0): ActorSummary {
  const s = h.engine.actor(name, { page });
  if (isUnknownActor(s)) throw new Error(`no actor ${name}`);
  return s;
}

let h: BotHarness;
const newPayloadProblems = payloadChecker(() => h.standin);

beforeAll(async () => {
  h = await startBotHarness({ seeds: [SEED_ARTICLE, CURATED] });
});
afterAll(async () => {
  await h?.close();
});
afterEach(() => {
  expect(newPayloadProblems()).toEqual([]);
  expect(pingingMessages(h.standin)).toEqual([]);
  expect(h.standin.unknownRequests()).toEqual([]);
});

async function choicesFor(typed: string) {
  const handle = h.standin.interaction.autocomplete({ name: "actor", options: { name: typed }, focused: "name", user: newUser("typist") });
  const response = await handle.response();
  expect(response.type).toBe(8);
  return ((response as { data?: { choices?: Array<{ name: string; value: string }> } }).data?.choices ?? []);
}

async function actor(name: string, user: APIUser, extra: Record<string, string | boolean> = {}) {
  const handle = h.standin.interaction.chatInput({ name: "actor", options: { name, ...extra }, user });
  const response = await handle.response();
  return { handle, response, data: dataOf(response) };
}

/** The name of the actor an autocomplete value (an id) stands for. */
const nameOf = (value: string | undefined) => {
  const s = value === undefined ? undefined : h.engine.actor(value);
  return s && !isUnknownActor(s) ? s.actor.name : undefined;
};

describe("/actor autocomplete", () => {
  it("offers Russia first for “Rus”", async () => {
    const choices = await choicesFor("Rus");
    expect(nameOf(choices[0]?.value)).toBe("Russia");
    expect(choices[0]?.name).toMatch(/^Russia\b/);
  });

  it("finds an actor by another name: “Washington” offers United States, saying why", async () => {
    const choices = await choicesFor("Washington");
    const us = choices.find((c) => nameOf(c.value) === "United States");
    expect(us).toBeDefined();
    expect(us!.name).toContain("Washington");
  });

  it("offers at most 25 actors, most mentioned first, when nothing is typed", async () => {
    const choices = await choicesFor("");
    const expected = h.engine.actors().slice(0, LIMITS.choices).map((a) => a.name);
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(LIMITS.choices);
    expect(choices.map((c) => nameOf(c.value))).toEqual(expected);
  });

  it("offers close spellings for a typo", async () => {
    const choices = await choicesFor("Kabulv");
    expect(choices.map((c) => nameOf(c.value))).toContain("Zamir Kabulov");
  });

  it("offers nothing for input with no letter or digit", async () => {
    expect(await choicesFor("😀")).toEqual([]);
    expect(await choicesFor("?!")).toEqual([]);
  });

  it("values each choice by the actor's id, which /actor shows", async () => {
    const [choice] = await choicesFor("Kabulov");
    expect(choice?.value).toBe(h.engine.suggestActors("Kabulov", 1)[0]!.id);
    expect(choice?.value).not.toBe("Zamir Kabulov");
    const { data } = await actor(choice!.value, newUser("picker"));
    expect(data.embeds?.[0]?.title).toBe("Zamir Kabulov");
  });
});

describe("/actor", () => {
  it("“Kabulov”: the appositive first, every quote verbatim from the article with its ¶, aliases, counts", async () => {
    const { response, data } = await actor("Kabulov", newUser("reader"));
    expect(response.type).toBe(4);
    expect(isEphemeral(data)).toBe(false);
    const embed = data.embeds![0]!;
    expect(embed.title).toBe("Zamir Kabulov");
    const quotes = shownQuotes(data);
    const expected = summaryOf("Kabulov");
    expect(quotes).toEqual(expected.summary.map((q) => q.quote));
    expect(quotes[0]).toContain("the Foreign Ministry official responsible for Russia’s Afghanistan policy");
    const description = visibleText(embed.description!);
    for (const q of quotes) {
      expect(seedText).toContain(q);
      expect(description).toContain(`¶${paragraphOf(q)}`);
    }
    expect(description).toContain(seedFile);
    const text = messageText(data);
    expect(text).toContain("person");
    for (const alias of expected.actor.aliases) expect(text).toContain(alias);
    expect(text).toContain(`${expected.mentions} mention`);
    for (const r of expected.related) expect(text).toContain(`${r.name} (${r.count})`);
  });

  it("answers a name given by another name (Moscow → Russia)", async () => {
    const { data } = await actor("Moscow", newUser("reader"));
    expect(data.embeds![0]!.title).toBe("Russia");
    expect(shownQuotes(data).length).toBeGreaterThanOrEqual(3);
  });

  it("answers privately with `private`", async () => {
    const { data } = await actor("Taliban", newUser("shy"), { private: true });
    expect(isEphemeral(data)).toBe(true);
    expect(data.embeds![0]!.title).toBe("Taliban");
  });

  it("“More quotes” pages further quotes in place for the asker, privately for anyone else", async () => {
    const first = summaryOf("Russia");
    expect(first.pages).toBeGreaterThan(1); // the test needs an actor with further quotes
    const asker = newUser("pager");
    const opened = await actor("Russia", asker);
    expect(buttonId(opened.data, "Previous quotes")).toBeUndefined();
    const moreId = buttonId(opened.data, "More quotes");
    expect(moreId).toBeDefined();

    const click = h.standin.interaction.button({ customId: moreId!, message: opened.handle.originalMessage()!, user: asker });
    const update = await click.response();
    expect(update.type).toBe(7);
    const page2 = dataOf(update);
    const second = summaryOf("Russia", 1);
    expect(shownQuotes(page2)).toEqual(second.summary.map((q) => q.quote));
    expect(shownQuotes(page2)).not.toEqual(shownQuotes(opened.data));
    for (const q of shownQuotes(page2)) expect(seedText).toContain(q);
    expect(page2.embeds![0]!.footer?.text).toContain(`page 2 of ${first.pages}`);
    expect(buttonId(page2, "Previous quotes")).toBeDefined();

    const stored = h.standin.messages.get(opened.handle.originalMessage()!.id)!;
    const other = h.standin.interaction.button({ customId: buttonId(page2, "Previous quotes")!, message: stored, user: newUser("onlooker") });
    const theirs = dataOf(await other.response());
    expect(isEphemeral(theirs)).toBe(true);
    expect(shownQuotes(theirs)).toEqual(first.summary.map((q) => q.quote));
  });

  it("an unknown name gets the closest actors, as buttons that show them", async () => {
    const asker = newUser("typo");
    const { handle, data } = await actor("Rusia", asker);
    expect(data.embeds ?? []).toEqual([]);
    expect(visibleText(data.content!)).toMatch(/No actor is named “Rusia”/);
    expect(visibleText(data.content!)).toContain("Russia");
    const russia = buttonId(data, "Russia");
    expect(russia).toBeDefined();
    const click = h.standin.interaction.button({ customId: russia!, message: handle.originalMessage()!, user: asker });
    const shown = dataOf(await click.response());
    expect(shown.embeds![0]!.title).toBe("Russia");
    expect(shownQuotes(shown)).toEqual(summaryOf("Russia").summary.map((q) => q.quote));
  });

  it("a name close to no actor says so and points to /actors", async () => {
    const { data } = await actor("Xqzwv Plorb", newUser("lost"));
    expect(data.content).toMatch(/none has a close name/);
    expect(data.content).toContain("/actors");
    expect(buttonsOf(data)).toEqual([]);
  });

  it("a button naming an actor that no longer exists says so, privately", async () => {
    const click = h.standin.interaction.button({ customId: "actor:page:123456789012345678:0:no-such-actor", user: newUser("late") });
    const data = dataOf(await click.response());
    expect(isEphemeral(data)).toBe(true);
    expect(data.content).toMatch(/no longer in the index/);
  });
});

describe("/actors", () => {
  it("lists the actors most mentioned first, Russia, United States and the Taliban near the top, and pages", async () => {
    const all = h.engine.actors();
    const pageSize = ACTOR_RENDER.listPageSize;
    expect(all.length).toBeGreaterThan(pageSize); // the test needs more than one page
    const asker = newUser("lister");
    const handle = h.standin.interaction.chatInput({ name: "actors", user: asker });
    const first = dataOf(await handle.response());
    const text = messageText(first);
    const positions = ["Russia", "United States", "Taliban"].map((n) => text.indexOf(`${n} ·`));
    for (const p of positions) expect(p).toBeGreaterThanOrEqual(0);
    const listed = all.slice(0, pageSize).map((a) => text.indexOf(`${a.name} ·`));
    expect(listed.every((p) => p >= 0)).toBe(true);
    expect([...listed].sort((a, b) => a - b)).toEqual(listed); // in the engine's order
    expect(text).toContain(`${all[0]!.mentions} mentions`);
    expect(text).not.toContain(`${all[pageSize]!.name} ·`);
    expect(buttonId(first, "Previous")).toBeUndefined();

    const next = h.standin.interaction.button({ customId: buttonId(first, "Next")!, message: handle.originalMessage()!, user: asker });
    const update = await next.response();
    expect(update.type).toBe(7);
    const second = dataOf(update);
    const secondText = messageText(second);
    expect(secondText).toContain(`${pageSize + 1}. ${all[pageSize]!.name} ·`);
    expect(secondText).not.toContain(`${all[0]!.name} ·`);
    expect(second.embeds![0]!.footer?.text).toContain("Page 2 of");
    expect(buttonId(second, "Previous")).toBeDefined();
  });
});

describe("the definitions", () => {
  it("give /actor and /actors the options of the contract", () => {
    const defs = commandDefinitions() as unknown as Array<{ name: string; options?: Array<Record<string, unknown>> }>;
    expect(defs.find((d) => d.name === "actor")?.options).toEqual([
      expect.objectContaining({ name: "name", type: 3, required: true, autocomplete: true }),
      expect.objectContaining({ name: "private", type: 5 }),
    ]);
    expect(defs.find((d) => d.name === "actors")?.options ?? []).toEqual([]);
  });
});

describe("/help", () => {
  it("lists /actor and /actors", async () => {
    const handle = h.standin.interaction.chatInput({ name: "help", user: newUser("helped") });
    const text = collapse(messageText(dataOf(await handle.response())));
    expect(text).toContain("/actor name [private]");
    expect(text).toContain("/actors");
  });
});
