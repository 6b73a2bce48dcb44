/**
 * The bot end to end: the real discord.js client started by `createBot`, logged in to the Discord
 * stand-in over real sockets, answering from an index built from the test articles in a temp dir.
 * One bot for the whole file; each test uses its own user so the per-user cooldown (on, as in
 * production) never couples tests. After each test, every payload the bot sent is checked against
 * Discord's limits and for pings.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { APIUser } from "discord.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { splitParagraphs } from "../../src/corpus/text.ts";
import { FAILURE_TEXT } from "../../src/discord/dispatcher.ts";
import { NO_ANSWER_TEXT } from "../../src/discord/render.ts";
import {
  buttonId,
  collapse,
  dataOf,
  isEphemeral,
  messageText,
  newUser,
  payloadChecker,
  pingingMessages,
  SEED_ARTICLE,
  startBotHarness,
  type BotHarness,
  type MessageData,
} from "../support/bot-harness.ts";

interface DevQuestion {
  q: string;
  a: string;
  kind: string;
}
const devSet = JSON.parse(await readFile(path.resolve(import.meta.dirname, "../fixtures/dev-qa.json"), "utf8")) as {
  questions: DevQuestion[];
};
const literal = devSet.questions.filter((q) => q.kind === "literal");
const unanswerable = devSet.questions.filter((q) => q.kind === "none");
const seedText = await readFile(SEED_ARTICLE, "utf8");
const seedFile = path.basename(SEED_ARTICLE);

/** The paragraph number (from 1) of the seed article that holds `span`, whitespace collapsed. */
function paragraphOf(span: string): number {
  const p = splitParagraphs(seedText).find((p) => collapse(seedText.slice(p.start, p.end)).includes(collapse(span)));
  if (!p) throw new Error(`not in the seed article: ${span}`);
  return p.number;
}

let h: BotHarness;
const newPayloadProblems = payloadChecker(() => h.standin);

beforeAll(async () => {
  h = await startBotHarness({ cooldownSeconds: 30 });
});
afterAll(async () => {
  await h?.close();
});
afterEach(() => {
  expect(newPayloadProblems()).toEqual([]);
  expect(pingingMessages(h.standin)).toEqual([]);
  expect(h.standin.unknownRequests()).toEqual([]);
});

async function ask(question: string, user: APIUser, extra: Record<string, string | number | boolean> = {}) {
  const handle = h.standin.interaction.chatInput({ name: "ask", options: { question, ...extra }, user });
  const response = await handle.response();
  return { handle, response, data: dataOf(response) };
}

describe("/ask", () => {
  it.each(literal.slice(0, 4))("quotes the passage that answers “$q” with its source", async ({ q, a }) => {
    const { response, data } = await ask(q, newUser("asker"));
    expect(response.type).toBe(4);
    expect(isEphemeral(data)).toBe(false);
    expect(messageText(data)).toContain(collapse(q));
    const embed = data.embeds?.find((e) => collapse(messageText({ embeds: [e] })).includes(collapse(a)));
    expect(embed, `no result quotes “${a}”`).toBeDefined();
    expect(embed!.footer?.text).toContain(seedFile);
    expect(embed!.footer?.text).toContain(`¶${paragraphOf(a)}`);
    expect(embed!.description).toMatch(/\*\*[^*]+\*\*/); // the answering sentence in bold
  });

  it("says the articles do not answer an unanswerable dev-set question, quoting nothing", async () => {
    // The dev set's questions of kind "none" that the engine abstains on (its abstention is the engine's business).
    const abstained = [];
    for (const { q } of unanswerable) if (!(await h.engine.answer(q)).answered) abstained.push(q);
    expect(abstained.length, "the engine answers every unanswerable dev question").toBeGreaterThan(0);
    for (const q of abstained) {
      const { data } = await ask(q, newUser("asker"));
      expect(data.content).toContain(collapse(q));
      expect(data.content).toContain(NO_ANSWER_TEXT);
      expect(data.embeds ?? []).toEqual([]);
      expect(buttonId(data, "More")).toBeUndefined();
      expect(buttonId(data, "Delete")).toBeDefined();
    }
  });

  it("answers privately with `private`, without a Delete button", async () => {
    const { data } = await ask(literal[0]!.q, newUser("shy"), { private: true });
    expect(isEphemeral(data)).toBe(true);
    expect(data.embeds?.length).toBeGreaterThan(0);
    expect(buttonId(data, "Delete")).toBeUndefined();
  });

  it("shows as many results as `results` asks", async () => {
    const question = await questionWithResults(3);
    const one = await ask(question, newUser("one"), { results: 1 });
    expect(one.data.embeds).toHaveLength(1);
    const three = await ask(question, newUser("three"), { results: 3 });
    expect(three.data.embeds).toHaveLength(3);
  });

  it("never pings @everyone or a role named in the question", async () => {
    const role = h.standin.guild.role("Moderator");
    const question = `@everyone @here <@&${role.id}> ${literal[3]!.q}`;
    const { handle, data } = await ask(question, newUser("loud"));
    expect(data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(data.content).not.toMatch(/@(everyone|here)/);
    expect(data.embeds?.length).toBeGreaterThan(0); // the mentions are not words of the question
    const stored = handle.originalMessage()!;
    expect(stored.mention_everyone).toBe(false);
    expect(stored.mention_roles).toEqual([]);
    expect(stored.mentions).toEqual([]);
  });
});

/** A dev-set question the engine answers with at least `n` results (found by asking the engine). */
async function questionWithResults(n: number): Promise<string> {
  for (const { q } of literal) if ((await h.engine.answer(q, { k: 1 })).total >= n) return q;
  throw new Error(`no literal dev question has ${n} results`);
}

describe("buttons", () => {
  it("“More” pages through the results of the same question", async () => {
    const question = await questionWithResults(3);
    const asker = newUser("pager");
    const first = await ask(question, asker, { results: 1 });
    const moreId = buttonId(first.data, "More");
    expect(moreId).toBeDefined();

    // The asker pages the answer in place.
    const click = h.standin.interaction.button({ customId: moreId!, message: first.handle.originalMessage()!, user: asker });
    const update = await click.response();
    expect(update.type).toBe(7);
    const second = (await h.engine.answer(question, { k: 1, offset: 1 })).results[0]!;
    const page2 = dataOf(update);
    expect(page2.embeds).toHaveLength(1);
    expect(page2.embeds![0]!.footer?.text).toContain(`[2] `);
    expect(page2.embeds![0]!.footer?.text).toContain(`¶${second.source.paragraph}`);
    expect(messageText(page2)).toContain(collapse(second.quote));
    expect(page2.embeds![0]!.description).not.toBe(first.data.embeds![0]!.description);

    // Someone else gets the next page privately; the asker's message stays as it is.
    const stored = h.standin.messages.get(first.handle.originalMessage()!.id)!;
    const other = h.standin.interaction.button({ customId: buttonId(page2, "More")!, message: stored, user: newUser("onlooker") });
    const page3 = dataOf(await other.response());
    expect(isEphemeral(page3)).toBe(true);
    expect(page3.embeds![0]!.footer?.text).toContain(`[3] `);
    expect(buttonId(page3, "Delete")).toBeUndefined();
  });

  it("“Delete” removes the answer for the asker, and refuses anyone else", async () => {
    const asker = newUser("deleter");
    const { handle, data } = await ask(literal[1]!.q, asker);
    const deleteId = buttonId(data, "Delete")!;
    const message = handle.originalMessage()!;

    const stranger = h.standin.interaction.button({ customId: deleteId, message, user: newUser("stranger") });
    const refused = dataOf(await stranger.response());
    expect(isEphemeral(refused)).toBe(true);
    expect(refused.content).toMatch(/only the person who asked/i);
    expect(h.standin.messages.has(message.id)).toBe(true);

    const own = h.standin.interaction.button({ customId: deleteId, message, user: asker });
    expect((await own.response()).type).toBe(6);
    await h.standin.waitUntil(() => (h.standin.deletedMessageIds.has(message.id) ? true : undefined), "the answer deleted");
  });

  it("a button of an answer from before a restart asks to ask again", async () => {
    const click = h.standin.interaction.button({ customId: "ask:more:123456789012345678:3", user: newUser("late") });
    const data = dataOf(await click.response());
    expect(isEphemeral(data)).toBe(true);
    expect(data.content).toMatch(/ask again/i);
  });
});

describe("mentions", () => {
  it("@Parley question → a reply in the channel with the answer, which the asker can delete", async () => {
    const author = newUser("mentioner");
    const { q, a } = literal[2]!;
    const msg = h.standin.message.create({ content: q, mentionBot: true, author });
    expect(msg.delivered).toBe(true);
    const reply = await msg.waitForReply();
    expect(reply.message_reference?.message_id).toBe(msg.message.id);
    expect(messageText(reply as MessageData)).toContain(collapse(a));
    expect(reply.embeds[0]!.footer?.text).toContain(seedFile);

    const deleteId = buttonId(reply as MessageData, "Delete")!;
    const click = h.standin.interaction.button({ customId: deleteId, message: reply, user: author });
    expect((await click.response()).type).toBe(6);
    await h.standin.waitUntil(() => (h.standin.deletedMessageIds.has(reply.id) ? true : undefined), "the reply deleted");
  });

  it("“More” on a mention reply pages it for its author", async () => {
    const author = newUser("mention-pager");
    const msg = h.standin.message.create({ content: await questionWithResults(4), mentionBot: true, author });
    const reply = await msg.waitForReply();
    expect(reply.embeds).toHaveLength(3);
    const click = h.standin.interaction.button({ customId: buttonId(reply as MessageData, "More")!, message: reply, user: author });
    const update = await click.response();
    expect(update.type).toBe(7);
    expect(dataOf(update).embeds![0]!.footer?.text).toContain("[4] ");
  });

  it("a mention without a question gets a short how-to", async () => {
    const msg = h.standin.message.create({ content: "", mentionBot: true, author: newUser("curious") });
    const reply = await msg.waitForReply();
    expect(reply.content).toMatch(/\/ask/);
    expect(reply.embeds).toEqual([]);
  });

  it("ignores messages that do not mention it", async () => {
    const channel = h.standin.guild.textChannel.id;
    const before = h.standin.channelMessages(channel).length;
    h.standin.message.create({ content: literal[0]!.q, author: newUser("chatter") });
    const marker = h.standin.message.create({ content: "", mentionBot: true, author: newUser("marker") });
    await marker.waitForReply(); // handled after the first message, which got no reply
    expect(h.standin.channelMessages(channel).length).toBe(before + 1);
  });
});

describe("Find sources", () => {
  it("answers privately with the message's text as the question", async () => {
    const { q, a } = literal[3]!;
    const handle = h.standin.interaction.messageContext({ name: "Find sources", targetMessage: { content: `<@${newUser("x").id}> ${q}` }, user: newUser("checker") });
    const data = dataOf(await handle.response());
    expect(isEphemeral(data)).toBe(true);
    expect(messageText(data)).toContain(collapse(a));
  });

  it("says so when the message has no text", async () => {
    const handle = h.standin.interaction.messageContext({ name: "Find sources", targetMessage: { content: "" }, user: newUser("checker") });
    const data = dataOf(await handle.response());
    expect(isEphemeral(data)).toBe(true);
    expect(data.content).toMatch(/no text/i);
  });
});

describe("/sources and /help", () => {
  it("/sources lists every indexed article with its passages", async () => {
    const data = dataOf(await h.standin.interaction.chatInput({ name: "sources", user: newUser("reader") }).response());
    const { sources } = h.engine.sources();
    expect(sources.length).toBe(2);
    const text = messageText(data);
    for (const s of sources) {
      expect(text).toContain(collapse(s.meta.title));
      expect(text).toContain(`${s.passages} passages`);
      expect(text).toContain(s.file);
    }
  });

  it("/help explains the bot and lists every command", async () => {
    const data = dataOf(await h.standin.interaction.chatInput({ name: "help", user: newUser("newcomer") }).response());
    const text = messageText(data);
    for (const name of ["/ask", "/sources", "/help", "Find sources"]) expect(text).toContain(name);
    expect(text).toMatch(/own words/);
  });
});

describe("cooldown and errors", () => {
  it("a second question within the cooldown gets the time left, privately", async () => {
    const user = newUser("hasty");
    const first = await ask(literal[0]!.q, user);
    expect(first.data.embeds?.length).toBeGreaterThan(0);
    const second = await ask(literal[1]!.q, user);
    expect(isEphemeral(second.data)).toBe(true);
    expect(second.data.content).toMatch(/again in (\d+) seconds?/);
    const seconds = Number(/again in (\d+)/.exec(second.data.content!)![1]);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(h.config.COOLDOWN_SECONDS);
    // Other people are not held up by it.
    expect((await ask(literal[1]!.q, newUser("patient"))).data.embeds?.length).toBeGreaterThan(0);
  });

  it("a question with no words (only a mention, an empty message) costs no wait: the next question is answered", async () => {
    const user = newUser("fumbler");
    const empty = await ask(`<@${newUser("someone").id}>`, user);
    expect(isEphemeral(empty.data)).toBe(true);
    expect(empty.data.content).toMatch(/Ask with words/);
    const nothing = dataOf(await h.standin.interaction.messageContext({ name: "Find sources", targetMessage: { content: "" }, user }).response());
    expect(nothing.content).toMatch(/no text/i);
    const bare = await h.standin.message.create({ content: "", mentionBot: true, author: user }).waitForReply();
    expect(bare.content).toMatch(/\/ask/);

    const asked = await ask(literal[0]!.q, user);
    expect(asked.data.content).not.toMatch(/again in/);
    expect(asked.data.embeds?.length).toBeGreaterThan(0);
    // That one did count.
    expect((await ask(literal[1]!.q, user)).data.content).toMatch(/again in/);
  });

  it("an unknown command gets an error reply, and the bot keeps answering", async () => {
    const handle = h.standin.interaction.chatInput({ name: "no-such-command", user: newUser("explorer") });
    const data = dataOf(await handle.response());
    expect(isEphemeral(data)).toBe(true);
    expect(data.content).toMatch(/don't know/);
    const warn = await h.standin.waitUntil(() => h.logs.records().find((r) => r.interaction === handle.id), "the log line");
    expect(warn).toMatchObject({ command: "/no-such-command", guild: h.standin.guild.id });
    expect((await ask(literal[0]!.q, newUser("after"))).data.embeds?.length).toBeGreaterThan(0);
    expect(data.content).not.toContain(FAILURE_TEXT);
  });

  it("logged in with the fewest intents, and the token appears in no log line", () => {
    expect(h.standin.identifies[0]!.intents).toBe((1 << 0) | (1 << 9)); // Guilds | GuildMessages
    expect(h.logs.lines.length).toBeGreaterThan(0);
    for (const line of h.logs.lines) expect(line).not.toContain(h.config.DISCORD_TOKEN);
    const ready = h.logs.records().find((r) => typeof r.msg === "string" && r.msg.startsWith("ready"));
    expect(ready).toMatchObject({ guilds: 1, documents: 2 });
    expect(ready!.passages).toBeGreaterThan(0);
  });
});
