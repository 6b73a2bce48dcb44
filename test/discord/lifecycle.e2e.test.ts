/**
 * The bot's plumbing end to end, with a probe command added to the real ones the way another
 * engineer adds a command: answers while the index is still loading (deferred), failures (a short
 * private message, one log line with the interaction's particulars, never the token), autocomplete
 * within Discord's limits, component routing by custom id, and disconnecting on stop.
 */
import { SlashCommandBuilder } from "discord.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SlashCommandModule } from "../../src/discord/command.ts";
import { commands } from "../../src/discord/commands/index.ts";
import { encodeCustomId } from "../../src/discord/custom-id.ts";
import { FAILURE_TEXT } from "../../src/discord/dispatcher.ts";
import { fitChoices, LIMITS } from "../../src/discord/limits.ts";
import { notice } from "../../src/discord/render.ts";
import { inThreadBuilder, type LibraryBuilder } from "../../src/search/builder.ts";
import { dataOf, lastRequest, messageText, newUser, payloadChecker, sentChoices, startBotHarness, type BotHarness } from "../support/bot-harness.ts";

/** A command as another engineer would add one: definition, handler, autocomplete, a button. */
const probe: SlashCommandModule = {
  kind: "slash",
  data: new SlashCommandBuilder()
    .setName("probe")
    .setDescription("Test probe")
    .addStringOption((o) => o.setName("name").setDescription("A name").setAutocomplete(true))
    .addStringOption((o) => o.setName("mode").setDescription("What to do")),
  async execute(interaction) {
    const mode = interaction.options.getString("mode");
    if (mode === "throw") throw new Error("probe failed on purpose");
    if (mode === "defer-throw") {
      await interaction.deferReply();
      throw new Error("probe failed after deferring");
    }
    await interaction.reply({
      ...notice("probe"),
      components: [{ type: 1, components: [{ type: 2, style: 2, label: "Echo", custom_id: encodeCustomId("probe", "echo", "x1", 7) }] }],
    });
  },
  async autocomplete(interaction) {
    const typed = interaction.options.getFocused();
    const many = Array.from({ length: 40 }, (_, i) => ({ name: `${typed} ${"very long name ".repeat(10)}${i}`, value: `value-${i}` }));
    await interaction.respond(fitChoices(many));
  },
  components: {
    async echo(interaction, args) {
      await interaction.update(notice(`echo ${args.join(",")}`));
    },
  },
};

let h: BotHarness;
const newPayloadProblems = payloadChecker(() => h.standin);
let openIndex: () => void;
let finishRefresh: () => void;

beforeAll(async () => {
  const gate = new Promise<void>((resolve) => (openIndex = resolve));
  const refreshGate = new Promise<void>((resolve) => (finishRefresh = resolve));
  // A refresh waits for the test to let it finish, so interactions can arrive while it runs.
  const builder: LibraryBuilder = (job) => refreshGate.then(() => inThreadBuilder(job));
  h = await startBotHarness({ commands: [...commands, probe], engineGate: gate, builder });
});
afterAll(async () => {
  openIndex?.();
  finishRefresh?.();
  await h?.close();
});
afterEach(() => {
  expect(newPayloadProblems()).toEqual([]);
});

describe("while the index is still loading", () => {
  it("defers, then answers once it is loaded; a mention waits too", async () => {
    const question = "Who reported the terms of the new peace agreement?";
    const asked = h.standin.interaction.chatInput({ name: "ask", options: { question }, user: newUser("early") });
    const privately = h.standin.interaction.chatInput({ name: "ask", options: { question, private: true }, user: newUser("early2") });
    const mention = h.standin.message.create({ content: question, mentionBot: true, author: newUser("early3") });
    expect((await asked.response()).type).toBe(5);
    expect(await privately.response()).toEqual({ type: 5, data: { flags: 64 } });
    await h.standin.waitForRequest((r) => r.route === "POST /channels/:channelId/typing");
    expect(h.logs.records().some((r) => typeof r.msg === "string" && r.msg.startsWith("ready"))).toBe(false);

    openIndex();
    const edited = await asked.waitForWebhook((r) => r.method === "PATCH");
    expect(edited.params.messageId).toBe("@original");
    expect(messageText(edited.body)).toContain("According to the Associated Press");
    const original = await privately.waitForOriginal((m) => (m.embeds?.length ?? 0) > 0);
    expect(original.flags! & 64).toBe(64);
    const reply = await mention.waitForReply();
    expect(messageText(reply as never)).toContain("According to the Associated Press");
    await h.bot.serving;
    const ready = h.logs.records().find((r) => typeof r.msg === "string" && r.msg.startsWith("ready"));
    expect(ready).toMatchObject({ guilds: 1, documents: 2 });
  });
});

describe("while the index is being refreshed", () => {
  it("defers, then answers from the index", async () => {
    const refresh = h.engine.reindex({ name: "test" });
    expect(h.engine.refreshing).toBeDefined();
    const asked = h.standin.interaction.chatInput({ name: "ask", options: { question: "Who reported the terms of the new peace agreement?" }, user: newUser("during") });
    expect((await asked.response()).type).toBe(5);
    const edited = await asked.waitForWebhook((r) => r.method === "PATCH");
    expect(messageText(edited.body)).toContain("According to the Associated Press");
    finishRefresh();
    await refresh;
    expect(h.engine.refreshing).toBeUndefined();
  });
});

describe("failures", () => {
  it("a failing command gets a short private message, and one log line with its particulars", async () => {
    const user = newUser("unlucky");
    const handle = h.standin.interaction.chatInput({ name: "probe", options: { mode: "throw" }, user });
    const data = dataOf(await handle.response());
    expect(data.content).toBe(FAILURE_TEXT);
    expect(data.flags).toBe(64);
    const line = await h.standin.waitUntil(() => h.logs.records().find((r) => r.interaction === handle.id && r.level === 50), "the error line");
    expect(line).toMatchObject({ command: "/probe", user: user.id, guild: h.standin.guild.id, err: { message: "probe failed on purpose" } });
    expect(line.ms).toBeGreaterThanOrEqual(0);
    for (const l of h.logs.lines) expect(l).not.toContain(h.config.DISCORD_TOKEN);
  });

  it("a command failing after it deferred replaces “thinking…” with the message", async () => {
    const handle = h.standin.interaction.chatInput({ name: "probe", options: { mode: "defer-throw" }, user: newUser("unlucky2") });
    expect((await handle.response()).type).toBe(5);
    const edit = await handle.waitForWebhook((r) => r.method === "PATCH");
    expect(edit.body.content).toBe(FAILURE_TEXT);
  });

  it("after failures the bot keeps answering", async () => {
    const data = dataOf(await h.standin.interaction.chatInput({ name: "help", user: newUser("later") }).response());
    expect(messageText(data)).toContain("/ask");
  });
});

describe("routing", () => {
  it("autocomplete answers stay within 25 choices of at most 100 characters", async () => {
    const mark = lastRequest(h.standin);
    const handle = h.standin.interaction.autocomplete({ name: "probe", focused: "name", options: { name: "Rus" }, user: newUser("typist") });
    expect((await handle.response()).type).toBe(8);
    const [choices] = sentChoices(h.standin, mark);
    expect(choices).toHaveLength(LIMITS.choices);
    expect(choices![0]!.name.startsWith("Rus ")).toBe(true);
  });

  it("a click reaches the handler of the command that owns the button, with its arguments", async () => {
    const first = h.standin.interaction.chatInput({ name: "probe", user: newUser("clicker") });
    await first.response();
    const click = h.standin.interaction.button({ customId: "probe:echo:x1:7", message: first.originalMessage()!, user: newUser("clicker") });
    const update = await click.response();
    expect(update.type).toBe(7);
    expect(dataOf(update).content).toBe("echo x1,7");
  });

  it("a button nobody owns gets a private “no longer works”", async () => {
    const click = h.standin.interaction.button({ customId: "gone:away", user: newUser("clicker2") });
    const data = dataOf(await click.response());
    expect(data.flags).toBe(64);
    expect(data.content).toMatch(/no longer works/);
  });
});

describe("stop", () => {
  it("disconnects from the gateway", async () => {
    expect(h.standin.gateway.liveShards()).toEqual([0]);
    await h.bot.stop();
    await h.standin.waitUntil(() => (h.standin.gateway.liveShards().length === 0 ? true : undefined), "the gateway connection closed");
  });
});
