import { describe, expect, it } from "vitest";
import { commandRegistry } from "../../src/discord/command.ts";
import { commandDefinitions, commands } from "../../src/discord/commands/index.ts";
import { Cooldowns, formatWait } from "../../src/discord/cooldowns.ts";
import { decodeCustomId, encodeCustomId } from "../../src/discord/custom-id.ts";
import { bold, safeText } from "../../src/discord/markdown.ts";
import { mentionsBot, questionFromMessage } from "../../src/discord/question.ts";
import { AnswerSessions } from "../../src/discord/sessions.ts";
import { visibleText } from "../support/bot-harness.ts";

describe("custom ids", () => {
  it("round-trips command, action and arguments", () => {
    const id = encodeCustomId("ask", "more", "1234567890123456789", 6);
    expect(id).toBe("ask:more:1234567890123456789:6");
    expect(decodeCustomId(id)).toEqual({ command: "ask", action: "more", args: ["1234567890123456789", "6"] });
  });

  it("refuses parts with the separator and ids over 100 characters", () => {
    expect(() => encodeCustomId("ask", "more", "a:b")).toThrow(/contains/);
    expect(() => encodeCustomId("ask", "more", "x".repeat(100))).toThrow(/100/);
  });

  it("does not decode what is not ours", () => {
    expect(decodeCustomId("legacy-button")).toBeUndefined();
  });
});

describe("Cooldowns", () => {
  it("holds a user back for the set time and reports the time left", () => {
    let now = 1_000_000;
    const cooldowns = new Cooldowns(3, () => now);
    expect(cooldowns.take("u1")).toEqual({ ok: true });
    now += 1200;
    expect(cooldowns.take("u1")).toEqual({ ok: false, retryAfterMs: 1800 });
    expect(cooldowns.take("u2")).toEqual({ ok: true });
    now += 1800;
    expect(cooldowns.take("u1")).toEqual({ ok: true });
  });

  it("is off at 0 seconds", () => {
    const cooldowns = new Cooldowns(0);
    expect(cooldowns.take("u").ok && cooldowns.take("u").ok).toBe(true);
  });

  it("says the wait in whole seconds, rounded up", () => {
    expect(formatWait(1800)).toBe("2 seconds");
    expect(formatWait(200)).toBe("1 second");
  });
});

describe("AnswerSessions", () => {
  it("forgets the oldest beyond its capacity", () => {
    const sessions = new AnswerSessions(2);
    for (const key of ["a", "b", "c"]) sessions.remember(key, { question: key, k: 3, askerId: "1" });
    expect(sessions.get("a")).toBeUndefined();
    expect(sessions.get("c")?.question).toBe("c");
  });
});

describe("questions from messages", () => {
  it("drops mentions, channel links, custom emoji and links", () => {
    expect(questionFromMessage("<@123456789012345678> who <#123456789012345678> signed <:ok:123456789012345678> it? https://x.y/z @everyone")).toBe(
      "who signed it?",
    );
    expect(questionFromMessage("<@!123456789012345678>   ")).toBe("");
  });

  it("recognises a mention of the bot, in either form, or of its role", () => {
    expect(mentionsBot("<@42> hi", "42")).toBe(true);
    expect(mentionsBot("<@!42> hi", "42")).toBe(true);
    expect(mentionsBot("<@&7> hi", "42", "7")).toBe(true);
    expect(mentionsBot("<@43> hi", "42", "7")).toBe(false);
  });
});

describe("safeText", () => {
  it("escapes Markdown, headings, lists, quotes and masked links, and defuses mass mentions", () => {
    const out = safeText("# Head\n- item\n1. one\n> quote *b* _i_ [x](http://y) @everyone @here");
    expect(out).toBe("\\# Head\n\\- item\n1\\. one\n\\> quote \\*b\\* \\_i\\_ \\[x](http://y) @\u200beveryone @\u200bhere");
  });

  it("escapes the subtext marker at a line's start (as escapeMarkdown escapes headings), so no text shows as small print", () => {
    const text = "-# small print\n  -# indented\nnot -# at the start\n-#";
    const out = safeText(text);
    expect(out).toBe("\\-# small print\n  \\-# indented\nnot -# at the start\n\\-#");
    expect(visibleText(out)).toBe(text);
  });

  it("bolds with the markers inside surrounding whitespace", () => {
    expect(bold(" a b ")).toBe(" **a b** ");
    expect(bold("  ")).toBe("  ");
  });
});

describe("the command registry", () => {
  it("holds each command once, under its name", () => {
    const registry = commandRegistry(commands);
    expect([...registry.keys()]).toEqual(["ask", "actor", "actors", "sources", "help", "Find sources", "reindex", "source"]);
    expect(() => commandRegistry([...commands, commands[0]!])).toThrow(/two command modules/);
  });

  it("gives /ask the options of the contract", () => {
    const ask = commandDefinitions().find((d) => d.name === "ask") as unknown as { options: Array<Record<string, unknown>> };
    expect(ask.options).toEqual([
      expect.objectContaining({ name: "question", type: 3, required: true, max_length: 300 }),
      expect.objectContaining({ name: "results", type: 4, min_value: 1, max_value: 5 }),
      expect.objectContaining({ name: "private", type: 5 }),
    ]);
  });
});
