/**
 * The worst case end to end: an article whose passages are near the 700-character maximum and
 * full of Markdown characters (escaping nearly doubles them), with a title and publisher far
 * longer than a footer; a 300-character question with mass and role mentions; five results.
 * Everything the bot sends must stay within Discord's limits (the stand-in would refuse it too),
 * ping nobody, and shorten only at sentence or word boundaries.
 */
import type { APIEmbed } from "discord.js";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ELLIPSIS, embedLength, LIMITS } from "../../src/discord/limits.ts";
import { safeText } from "../../src/discord/markdown.ts";
import { questionFromMessage } from "../../src/discord/question.ts";
import {
  dataOf,
  lastRequest,
  newUser,
  payloadChecker,
  pingingMessages,
  sentPayloads,
  startBotHarness,
  visibleText,
  type BotHarness,
} from "../support/bot-harness.ts";

/** Paragraphs of sentences made mostly of Markdown pairs (`**`, `__`, `~~`, `||`), which escaping doubles. */
function worstCaseSeeds(): Record<string, string> {
  const sentence = (i: number, j: number) =>
    `Zorblax Quintar clause ${Array.from({ length: 11 }, (_, k) => `**${i}__${j}~~${k}||`).join(" ")} river water.`;
  const paragraphs = Array.from({ length: 10 }, (_, i) => Array.from({ length: 8 }, (_, j) => sentence(i, j)).join(" "));
  return {
    "900_worst.md": ["The Zorblax accord", ...paragraphs].join("\n\n"),
    "900_worst.meta.json": JSON.stringify({
      title: `The *Zorblax*_Quintar accord ${"__and__ its ~~many~~ clauses ".repeat(20)}`,
      publisher: `The **Basin** Observer ${"of record ".repeat(30)}`,
    }),
  };
}

let h: BotHarness;
const newPayloadProblems = payloadChecker(() => h.standin);
let question: string;
/** The last request before the running test: each test must have sent payloads for the checks to look at. */
let mark = 0;

beforeAll(async () => {
  h = await startBotHarness({ seeds: worstCaseSeeds() });
  const role = h.standin.guild.role("Moderator").id;
  const unit = `@everyone @here <@&${role}> *Zorblax* _Quintar_ clause: river ~~water~~? `;
  question = unit.repeat(Math.floor(300 / unit.length)).padEnd(300, "?"); // the longest /ask allows, whole words
});
afterAll(async () => {
  await h?.close();
});
beforeEach(() => {
  mark = lastRequest(h.standin);
});
afterEach(() => {
  expect(sentPayloads(h.standin, mark).length, "the test sent nothing to check").toBeGreaterThan(0);
  expect(newPayloadProblems()).toEqual([]);
  expect(pingingMessages(h.standin)).toEqual([]);
});

const embedsTotal = (embeds: APIEmbed[] = []) => embeds.reduce((n, e) => n + embedLength(e), 0);

/** Whether every piece of `markdown` between ellipses is verbatim `text`, cut only at word boundaries. */
function cutOnlyAtWords(markdown: string, text: string): boolean {
  return visibleText(markdown)
    .split(ELLIPSIS)
    .map((p) => p.trim())
    .filter(Boolean)
    .every((piece) => {
      const at = text.indexOf(piece);
      if (at < 0) return false;
      const before = text[at - 1];
      const after = text[at + piece.length];
      return (before === undefined || /\s/.test(before)) && (after === undefined || /\s/.test(after) || /[.!?]$/.test(piece));
    });
}

describe("the worst case stays within Discord's limits", () => {
  it("/ask with a 300-character question and five long, Markdown-heavy results", async () => {
    expect(question.length).toBe(300);
    const engineAnswer = await h.engine.answer(questionFromMessage(question), { k: 5 });
    const untrimmed = engineAnswer.results.reduce((n, r) => n + safeText(r.text).length + 4 + 300, 0);
    expect(engineAnswer.results).toHaveLength(5);
    expect(untrimmed).toBeGreaterThan(LIMITS.embedTotal); // the case really is beyond the limit

    const handle = h.standin.interaction.chatInput({ name: "ask", options: { question, results: 5 }, user: newUser("worst") });
    const response = await handle.response();
    expect(response.type).toBe(4);
    const data = dataOf(response);
    expect(data.embeds).toHaveLength(5);
    expect(embedsTotal(data.embeds)).toBeLessThanOrEqual(LIMITS.embedTotal);
    expect(embedsTotal(data.embeds)).toBeGreaterThan(LIMITS.embedTotal * 0.8); // shortened, not gutted
    data.embeds!.forEach((e, i) => {
      const r = engineAnswer.results[i]!;
      expect(e.description).toContain(`**${safeText(r.quote)}**`); // the answering sentence, whole
      expect(cutOnlyAtWords(e.description!, r.text)).toBe(true);
      expect(e.footer!.text.endsWith(ELLIPSIS)).toBe(true); // the very long title, shortened
    });
    expect(handle.originalMessage()?.mention_everyone).toBe(false);
  });

  it("“More” on it pages within the limits too", async () => {
    const asker = newUser("worst-pager");
    const first = h.standin.interaction.chatInput({ name: "ask", options: { question, results: 5 }, user: asker });
    const more = dataOf(await first.response()).components![0]!.components.find((b) => b.label === "More")!.custom_id!;
    const click = h.standin.interaction.button({ customId: more, message: first.originalMessage()!, user: asker });
    const page = dataOf(await click.response());
    expect(page.embeds).toHaveLength(5);
    expect(page.embeds![0]!.footer!.text.startsWith("[6] ")).toBe(true);
  });

  it("a mention of nearly 2,000 characters gets a reply within the limits", async () => {
    const long = `${"*Zorblax* _Quintar_ clause, river water @everyone ".repeat(40)}`.slice(0, 1950);
    const msg = h.standin.message.create({ content: long, mentionBot: true, author: newUser("verbose") });
    const reply = await msg.waitForReply();
    expect(reply.embeds.length).toBeGreaterThan(0);
    expect(reply.content.length).toBeLessThan(LIMITS.content);
  });

  it("“Find sources” on a 4,000-character message answers within the limits", async () => {
    const long = "Zorblax Quintar clause, river water. ".repeat(120).slice(0, 4000);
    const handle = h.standin.interaction.messageContext({ name: "Find sources", targetMessage: { content: long }, user: newUser("checker") });
    const data = dataOf(await handle.response());
    expect(data.embeds?.length).toBeGreaterThan(0);
    expect(visibleText(data.content!)).toContain(ELLIPSIS); // the echoed question, shortened
  });

  it("/sources with a title and publisher longer than any field", async () => {
    const data = dataOf(await h.standin.interaction.chatInput({ name: "sources", user: newUser("reader") }).response());
    expect(data.embeds![0]!.description).toContain(ELLIPSIS);
  });
});
