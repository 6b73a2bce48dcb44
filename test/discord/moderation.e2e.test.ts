/**
 * Moderators keeping the index fresh from Discord, end to end through the stand-in with the real
 * discord.js client: who may run `/reindex` and `/source` (Manage Server, a role in
 * `MODERATOR_ROLE_IDS`; not others, not in DMs), one refresh at a time, answers from the previous
 * index while a refresh runs or after one fails, and adding and removing articles with the checks
 * on what is uploaded. One bot for the whole file; the tests build on each other's changes to the
 * articles folder, in order. Refreshes are made slow on demand by a builder that waits at a gate.
 */
import { existsSync } from "node:fs";
import { readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { PermissionFlagsBits, type APIAttachment, type APIMessage, type APIUser } from "discord.js";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { data as reindexData } from "../../src/discord/commands/reindex.ts";
import { data as sourceData } from "../../src/discord/commands/source.ts";
import { LIMITS } from "../../src/discord/limits.ts";
import { REFUSAL_TEXT } from "../../src/discord/moderators.ts";
import { inThreadBuilder, type LibraryBuilder } from "../../src/search/builder.ts";
import {
  buttonId,
  finalAnswer,
  isEphemeral,
  LAKE_ARTICLE,
  LAKE_QUESTION,
  LAKE_WORDS,
  messageText,
  newUser,
  payloadChecker,
  pingingMessages,
  SEED_ARTICLE,
  SECOND_ARTICLE,
  sentChoices,
  startBotHarness,
  type BotHarness,
  type MessageData,
} from "../support/bot-harness.ts";
import { DEFAULT_MODERATOR_PERMISSIONS } from "../support/discord-standin.ts";

vi.setConfig({ testTimeout: 20_000 });

const seedFile = path.basename(SEED_ARTICLE);
const riverFile = path.basename(SECOND_ARTICLE);
/** A question the seed article answers (from the dev set), and words of its answer. */
const SEED_QUESTION = "Who reported the terms of the new peace agreement?";
const SEED_WORDS = "Associated Press";

// A builder that waits at a gate when one is set, or fails as if saving had failed: a slow or broken refresh on demand.
let gate: { started: () => void; open: Promise<void> } | undefined;
const builder: LibraryBuilder = async (job) => {
  if (gate) {
    gate.started();
    await gate.open;
  }
  return inThreadBuilder(job);
};
function closeGate(): { started: Promise<void>; release(): void } {
  let started!: () => void;
  let release!: () => void;
  const startedP = new Promise<void>((r) => (started = r));
  const open = new Promise<void>((r) => (release = r));
  gate = { started, open };
  return {
    started: startedP,
    release() {
      gate = undefined;
      release();
    },
  };
}

let h: BotHarness;
const newPayloadProblems = payloadChecker(() => h.standin);

beforeAll(async () => {
  const roles = [
    { name: "Moderator", permissions: DEFAULT_MODERATOR_PERMISSIONS },
    { name: "Helper", permissions: DEFAULT_MODERATOR_PERMISSIONS }, // not listed in MODERATOR_ROLE_IDS
  ];
  h = await startBotHarness({ seeds: [SEED_ARTICLE], builder, standin: { guilds: [{ roles }] } });
  // The role ids exist only now; the bot reads this settings object at each check.
  h.config.MODERATOR_ROLE_IDS = [h.standin.guild.role("Moderator").id];
});
afterAll(async () => {
  gate = undefined;
  await h?.close();
});
afterEach(() => {
  expect(newPayloadProblems()).toEqual([]);
  expect(pingingMessages(h.standin)).toEqual([]);
  expect(h.standin.unknownRequests()).toEqual([]);
});

/** Users: no permission; Manage Server; the "Moderator" role (Manage Messages and such, not Manage Server); the owner. */
const users = () => ({
  member: h.standin.testUsers.alice,
  moderator: h.standin.testUsers.moderator,
  owner: h.standin.testUsers.owner,
});
const MANAGE_SERVER = PermissionFlagsBits.ManageGuild | PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages;

function reindex(user: APIUser, extra: { dm?: boolean; permissions?: bigint; roles?: string[] } = {}) {
  return h.standin.interaction.chatInput({ name: "reindex", user, ...extra });
}

async function ask(question: string) {
  const { text, data } = await finalAnswer(h.standin.interaction.chatInput({ name: "ask", options: { question, private: true }, user: newUser("asker") }));
  return { text, files: (data.embeds ?? []).map((e) => e.footer?.text ?? "") };
}

const indexedFiles = () => h.engine.sources().sources.map((s) => s.file);
const auditLines = (what: string) => h.logs.records().filter((r) => r.audit === what);

describe("the moderator commands' definitions", () => {
  it("are for servers only, and shown by default to members with Manage Server", () => {
    for (const json of [reindexData.toJSON(), sourceData.toJSON()]) {
      expect(json.contexts).toEqual([0]);
      expect(json.default_member_permissions).toBe(PermissionFlagsBits.ManageGuild.toString());
    }
  });
});

describe("who may refresh the index", () => {
  it("refuses, privately, a member without Manage Server, a role not listed, and anyone in a DM; the index is unchanged", async () => {
    await writeFile(path.join(h.seedsDir, riverFile), await readFile(SECOND_ARTICLE)); // a change a refresh would pick up
    const before = h.engine.library;
    const { member } = users();
    const cases: Array<[string, ReturnType<typeof reindex>, string]> = [
      ["member", reindex(member), REFUSAL_TEXT["not-moderator"]],
      ["a role not in MODERATOR_ROLE_IDS", reindex(newUser("helper"), { roles: ["Helper"] }), REFUSAL_TEXT["not-moderator"]],
      ["DM", reindex(member, { dm: true }), REFUSAL_TEXT.dm],
      ["DM, with Manage Server elsewhere", reindex(users().owner, { dm: true }), REFUSAL_TEXT.dm],
    ];
    for (const [who, handle, text] of cases) {
      const response = await handle.response();
      expect(response.type, who).toBe(4);
      const data = ("data" in response ? response.data : {}) as MessageData;
      expect(isEphemeral(data), who).toBe(true);
      expect(data.content, who).toBe(text);
    }
    expect(h.engine.library).toBe(before);
    expect(indexedFiles()).not.toContain(riverFile);
    expect(auditLines("reindex").map((r) => r.result)).toEqual(["refused", "refused", "refused", "refused"]);
  });

  it("lets a member with Manage Server refresh, privately, and reports what changed", async () => {
    const admin = newUser("server_admin");
    const { data, deferred, text } = await finalAnswer(reindex(admin, { permissions: MANAGE_SERVER }));
    expect(deferred).toBe(true);
    expect(isEphemeral(data)).toBe(true);
    expect(text).toContain("Index refreshed");
    expect(text).toContain(`Added (1) ${riverFile}`);
    expect(text).toMatch(/Documents 1 → 2 · passages \d+ → \d+ · actors \d+ → \d+ · took/);
    expect(indexedFiles()).toContain(riverFile);
    const audit = auditLines("reindex").at(-1)!;
    expect(audit).toMatchObject({ result: "ok", by: { id: admin.id } });
    expect((audit.by as { where: string }).where).toContain(h.standin.guild.id);
    expect(audit.by).toMatchObject({ via: "manage-server" }); // how the requester is a moderator
  });

  it("lets a member with a role in MODERATOR_ROLE_IDS refresh; with nothing to do it says so", async () => {
    const before = h.engine.library;
    const { text } = await finalAnswer(reindex(users().moderator));
    expect(text).toContain("Nothing changed");
    expect(text).toMatch(/Documents 2 → 2/);
    expect(h.engine.library).toBe(before);
    expect(auditLines("reindex").at(-1)).toMatchObject({ result: "ok", changed: false, by: { id: users().moderator.id } });
    expect(auditLines("reindex").at(-1)!.by).toMatchObject({ via: "role" });
  });
});

describe("refreshing while members ask", () => {
  it("tells a second /reindex who started the running one and since when, and answers questions from the previous index meanwhile", async () => {
    await writeFile(path.join(h.seedsDir, "lake.txt"), LAKE_ARTICLE);
    const slow = closeGate();
    const first = reindex(users().owner);
    expect((await first.response()).type).toBe(5);
    await slow.started;

    const second = await finalAnswer(reindex(users().moderator));
    expect(isEphemeral(second.data)).toBe(true);
    expect(second.text).toContain("already running");
    expect(second.text).toContain("guild_owner");
    const since = Math.floor(h.engine.refreshing!.since.getTime() / 1000);
    expect(second.data.content).toContain(`<t:${since}:`);

    const during = await ask(LAKE_QUESTION);
    expect(during.text).not.toContain(LAKE_WORDS);
    expect(during.files.join(" ")).not.toContain("lake.txt");
    const old = await ask(SEED_QUESTION);
    expect(old.text).toContain(SEED_WORDS);

    slow.release();
    const done = await finalAnswer(first);
    expect(done.text).toContain("Added (1) lake.txt");
    const after = await ask(LAKE_QUESTION);
    expect(after.text).toContain(LAKE_WORDS);
    expect(after.files.join(" ")).toContain("lake.txt");
    expect(auditLines("reindex").slice(-2).map((r) => r.result)).toEqual(["busy", "ok"]);
  });

  it("reports a refresh that cannot read the articles folder; the previous index keeps answering", async () => {
    const away = `${h.seedsDir}.away`;
    await rename(h.seedsDir, away);
    await writeFile(h.seedsDir, "not a folder");
    const before = h.engine.library;
    try {
      const { text } = await finalAnswer(reindex(users().owner));
      expect(text).toContain("The refresh failed");
      expect(text).toContain("previous index keeps serving");
      expect(h.engine.library).toBe(before);
      expect((await ask(LAKE_QUESTION)).text).toContain(LAKE_WORDS);
    } finally {
      await rm(h.seedsDir, { force: true });
      await rename(away, h.seedsDir);
    }
    expect(auditLines("reindex").at(-1)).toMatchObject({ result: "failed" });
  });

  it("reports a refresh that fails half way, after building, while saving; the previous index keeps answering", async () => {
    const indexDir = h.config.INDEX_DIR;
    const away = `${indexDir}.away`;
    await rm(path.join(h.seedsDir, "lake.txt"));
    await rename(indexDir, away);
    await writeFile(indexDir, "a file where the index folder should be"); // saving cannot create its files
    const before = h.engine.library;
    try {
      const { text } = await finalAnswer(reindex(users().owner));
      expect(text).toContain("The refresh failed");
      expect(text).toContain("saving the index failed");
      expect(h.engine.library).toBe(before);
      expect((await ask(LAKE_QUESTION)).text).toContain(LAKE_WORDS);
    } finally {
      await rm(indexDir, { force: true });
      await rename(away, indexDir);
      await writeFile(path.join(h.seedsDir, "lake.txt"), LAKE_ARTICLE);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// /source add and /source remove
// ---------------------------------------------------------------------------------------------------------

const CANAL_ARTICLE = [
  "Brennic canal reopens to barges",
  "",
  "The Brennic canal reopened to barges on Monday after the harbour master, Ilse Marrow, lifted the ban imposed during the spring floods.",
  "",
  "Marrow said the locks had been repaired and that barges up to forty metres long may pass again.",
].join("\n");
const CANAL_QUESTION = "Who lifted the ban on barges on the Brennic canal?";

function sourceAdd(user: APIUser, file: APIAttachment, extra: Record<string, string | boolean> = {}) {
  return h.standin.interaction.chatInput({ name: "source", subcommand: "add", options: { file, ...extra }, user });
}
function sourceRemove(user: APIUser, file: string) {
  return h.standin.interaction.chatInput({ name: "source", subcommand: "remove", options: { file }, user });
}
/** Requests for attachment bytes from the (fake) CDN after request `after`. */
const downloadsAfter = (after: number) => h.standin.requests.filter((r) => r.seq > after && r.path.startsWith("/attachments/")).length;
const lastSeq = () => h.standin.requests.at(-1)?.seq ?? 0;
const seedsListing = async () => (await readdir(h.seedsDir)).sort();

describe("/source add", () => {
  it("adds a .txt article with its metadata, refreshes, and /sources lists it", async () => {
    const attachment = h.standin.addAttachment("canal.txt", CANAL_ARTICLE, "text/plain; charset=utf-8");
    const { data, text } = await finalAnswer(
      sourceAdd(users().moderator, attachment, { title: "Brennic canal reopens", publisher: "The Harbour Gazette", url: "https://example.org/canal" }),
    );
    expect(isEphemeral(data)).toBe(true);
    expect(text).toContain("Added canal.txt");
    expect(text).toContain("Added (1) canal.txt");
    expect(await readFile(path.join(h.seedsDir, "canal.txt"), "utf8")).toBe(CANAL_ARTICLE);
    expect(JSON.parse(await readFile(path.join(h.seedsDir, "canal.meta.json"), "utf8"))).toEqual({
      title: "Brennic canal reopens",
      publisher: "The Harbour Gazette",
      url: "https://example.org/canal",
    });
    const sources = await finalAnswer(h.standin.interaction.chatInput({ name: "sources", user: newUser("reader") }));
    expect(sources.text).toContain("Brennic canal reopens — The Harbour Gazette");
    expect(sources.text).toContain("canal.txt");
    expect((await ask(CANAL_QUESTION)).text).toContain("Ilse Marrow");
    expect(h.logs.records().find((r) => r.audit === "source add" && r.result === "ok")).toMatchObject({ file: "canal.txt", by: { id: users().moderator.id } });
  });

  const big = () => "word ".repeat(Math.ceil((h.config.MAX_ARTICLE_UPLOAD_BYTES + 10) / 5));
  const badUploads: Array<{ name: string; attachment: () => APIAttachment; says: string; downloaded: boolean; options?: Record<string, string> }> = [
    {
      name: "a binary file",
      attachment: () => h.standin.addAttachment("photo.txt", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xfe]), "image/png"),
      says: "binary file",
      downloaded: true,
    },
    {
      name: "text that is not UTF-8",
      attachment: () => h.standin.addAttachment("latin1.txt", Buffer.from("Caf\xe9 cr\xe8me and more words", "latin1"), "text/plain"),
      says: "not valid UTF-8",
      downloaded: true,
    },
    {
      name: "a file declared larger than the limit",
      attachment: () => ({ ...h.standin.addAttachment("huge.txt", "small"), size: h.config.MAX_ARTICLE_UPLOAD_BYTES + 1 }),
      says: "the limit is",
      downloaded: false,
    },
    {
      name: "a file larger than it declared",
      attachment: () => ({ ...h.standin.addAttachment("liar.txt", big()), size: 1000 }),
      says: "larger than the limit",
      downloaded: true,
    },
    {
      name: "a url that is not http(s)",
      attachment: () => h.standin.addAttachment("linked.txt", "Some article text."),
      options: { url: "javascript:alert(1)" },
      says: "Bad url",
      downloaded: false,
    },
    { name: "a .pdf", attachment: () => h.standin.addAttachment("report.pdf", "%PDF-1.7 text"), says: "not a .txt or .md file", downloaded: false },
    { name: "../../x.txt", attachment: () => h.standin.addAttachment("../../x.txt", "escape"), says: "not a plain file name", downloaded: false },
    { name: "a hidden file", attachment: () => h.standin.addAttachment(".hidden.txt", "hidden"), says: "hidden file", downloaded: false },
    { name: "an existing name, without replace", attachment: () => h.standin.addAttachment("canal.txt", "other text"), says: "already exists", downloaded: false },
    {
      name: "a URL off Discord's attachment hosts",
      attachment: () => ({ ...h.standin.addAttachment("elsewhere.txt", "text"), url: "https://example.com/attachments/1/2/elsewhere.txt" }),
      says: "not on Discord's attachment servers",
      downloaded: false,
    },
  ];

  it.each(badUploads)("refuses $name privately; nothing is written and the index is unchanged", async ({ attachment, says, downloaded, options }) => {
    const listing = await seedsListing();
    const before = h.engine.library;
    const mark = lastSeq();
    const { data, text } = await finalAnswer(sourceAdd(users().moderator, attachment(), options));
    expect(isEphemeral(data)).toBe(true);
    expect(text).toContain(says);
    expect(downloadsAfter(mark) > 0).toBe(downloaded);
    expect(await seedsListing()).toEqual(listing);
    expect(existsSync(path.resolve(h.seedsDir, "../../x.txt"))).toBe(false);
    expect(h.engine.library).toBe(before);
    expect(h.logs.records().filter((r) => r.audit === "source add").at(-1)).toMatchObject({ result: "refused", upload: expect.any(String) });
  });

  it("refuses a member who is not a moderator, without downloading", async () => {
    const mark = lastSeq();
    const { data } = await finalAnswer(sourceAdd(users().member, h.standin.addAttachment("sneaky.txt", "some words")));
    expect(data.content).toBe(REFUSAL_TEXT["not-moderator"]);
    expect(downloadsAfter(mark)).toBe(0);
    expect(existsSync(path.join(h.seedsDir, "sneaky.txt"))).toBe(false);
  });

  it("replaces an existing article with replace: true, keeping its metadata", async () => {
    const changed = `${CANAL_ARTICLE}\n\nThe first barge through carried timber for the new bridge at Ostrel.`;
    const { text } = await finalAnswer(sourceAdd(users().owner, h.standin.addAttachment("canal.txt", changed), { replace: true }));
    expect(text).toContain("Replaced canal.txt");
    expect(text).toContain("Changed (1) canal.txt");
    expect(await readFile(path.join(h.seedsDir, "canal.txt"), "utf8")).toBe(changed);
    expect(JSON.parse(await readFile(path.join(h.seedsDir, "canal.meta.json"), "utf8"))).toMatchObject({ title: "Brennic canal reopens" });
  });
});

describe("/source remove", () => {
  it("suggests article files to moderators as they type, and nothing to others", async () => {
    const mark = lastSeq();
    await h.standin.interaction.autocomplete({ name: "source", subcommand: "remove", focused: "file", options: { file: "CAN" }, user: users().moderator }).response();
    await h.standin.interaction.autocomplete({ name: "source", subcommand: "remove", focused: "file", options: { file: "" }, user: users().member }).response();
    const [forModerator, forMember] = sentChoices(h.standin, mark);
    expect(forModerator!.map((c) => c.value)).toEqual(["canal.txt"]);
    expect(forMember).toEqual([]);
  });

  async function confirmation(user: APIUser, file: string) {
    const handle = sourceRemove(user, file);
    const { data } = await finalAnswer(handle);
    expect(isEphemeral(data)).toBe(true);
    return { data, message: handle.originalMessage() as APIMessage };
  }

  it("asks to confirm; Cancel keeps the article, and only the moderator who asked may press", async () => {
    const { data, message } = await confirmation(users().moderator, "canal.txt");
    expect(messageText(data)).toContain("Remove canal.txt");
    const before = h.engine.library;

    const stranger = await finalAnswer(h.standin.interaction.button({ customId: buttonId(data, "Remove")!, message, user: users().owner }));
    expect(isEphemeral(stranger.data)).toBe(true);
    expect(stranger.text).toContain("Only the moderator who asked");
    expect(existsSync(path.join(h.seedsDir, "canal.txt"))).toBe(true);

    const cancel = h.standin.interaction.button({ customId: buttonId(data, "Cancel")!, message, user: users().moderator });
    const response = await cancel.response();
    expect(response.type).toBe(7);
    expect(messageText(("data" in response ? response.data : {}) as MessageData)).toContain("Cancelled: canal.txt stays");
    expect(existsSync(path.join(h.seedsDir, "canal.txt"))).toBe(true);
    expect(h.engine.library).toBe(before);
  });

  it("removes the article and its metadata on Remove, refreshes, and /sources no longer lists it", async () => {
    const { data, message } = await confirmation(users().moderator, "canal.txt");
    const click = h.standin.interaction.button({ customId: buttonId(data, "Remove")!, message, user: users().moderator });
    expect((await click.response()).type).toBe(7);
    const done = await h.standin.waitUntil(
      () => {
        const m = h.standin.messages.get(message.id);
        return m && messageText(m as MessageData).includes("Removed (1)") ? m : undefined;
      },
      "the removal report",
      { timeout: 15_000 },
    );
    expect(messageText(done as MessageData)).toContain("Removed canal.txt and its metadata");
    expect(existsSync(path.join(h.seedsDir, "canal.txt"))).toBe(false);
    expect(existsSync(path.join(h.seedsDir, "canal.meta.json"))).toBe(false);
    expect(indexedFiles()).not.toContain("canal.txt");
    const sources = await finalAnswer(h.standin.interaction.chatInput({ name: "sources", user: newUser("reader") }));
    expect(sources.text).not.toContain("canal.txt");
    expect(sources.text).toContain(seedFile);
    expect(h.logs.records().find((r) => r.audit === "source remove" && r.result === "ok")).toMatchObject({ file: "canal.txt" });
  });

  /** The text of the confirmation message once `done` holds for it (it is edited after Remove). */
  function confirmationOnceEdited(message: APIMessage, done: (text: string) => boolean, what: string) {
    return h.standin.waitUntil(
      () => {
        const m = h.standin.messages.get(message.id);
        const text = m && messageText(m as MessageData);
        return text && done(text) ? text : undefined;
      },
      what,
      { timeout: 15_000 },
    );
  }

  it("refuses, privately, a moderator who lost the moderator role before pressing Remove; the article stays", async () => {
    const { data, message } = await confirmation(users().moderator, riverFile);
    const before = h.engine.library;
    const click = h.standin.interaction.button({ customId: buttonId(data, "Remove")!, message, user: users().moderator, roles: [] });
    const refused = await finalAnswer(click);
    expect(isEphemeral(refused.data)).toBe(true);
    expect(refused.data.content).toBe(REFUSAL_TEXT["not-moderator"]);
    expect(existsSync(path.join(h.seedsDir, riverFile))).toBe(true);
    expect(messageText(h.standin.messages.get(message.id) as MessageData)).toContain(`Remove ${riverFile}`); // the question, unanswered
    expect(h.engine.library).toBe(before);
    expect(auditLines("source remove").at(-1)).toMatchObject({ result: "refused", reason: "not-moderator", by: { id: users().moderator.id } });
  });

  it("says so in the confirmation, and logs it, when the removal fails unexpectedly; it does not stay at “Removing…”", async () => {
    const { data, message } = await confirmation(users().moderator, riverFile);
    // Between the question and the click, the articles folder becomes unreadable: removing fails with no reason for the moderator.
    const away = `${h.seedsDir}.away`;
    await rename(h.seedsDir, away);
    await writeFile(h.seedsDir, "not a folder");
    let text: string;
    try {
      const click = h.standin.interaction.button({ customId: buttonId(data, "Remove")!, message, user: users().moderator });
      expect((await click.response()).type).toBe(7);
      text = await confirmationOnceEdited(message, (t) => !t.includes("refreshing the index…") && !t.startsWith("Remove "), "the confirmation edited after Remove");
    } finally {
      await rm(h.seedsDir, { force: true });
      await rename(away, h.seedsDir);
    }
    expect(text).toContain(`Removing ${riverFile} failed`);
    expect(text).toContain("/reindex");
    expect(existsSync(path.join(h.seedsDir, riverFile))).toBe(true);
    const line = await h.standin.waitUntil(() => auditLines("source remove").find((r) => r.result === "failed"), "the failure's audit line");
    expect(line).toMatchObject({ level: 50, file: riverFile, by: { id: users().moderator.id, via: "role" }, err: { code: "ENOTDIR" } });
  });

  it("offers a file whose name is too long for an autocomplete value under a short key, and removes it by that key", async () => {
    const long = `${"Very long article name ".repeat(6)}end.txt`; // put there by hand: uploads are refused such names
    expect(Array.from(long).length).toBeGreaterThan(LIMITS.choiceValue);
    await writeFile(path.join(h.seedsDir, long), "The Velmar bridge toll was abolished by the county council on Friday.");
    const mark = lastSeq();
    await h.standin.interaction.autocomplete({ name: "source", subcommand: "remove", focused: "file", options: { file: "very long" }, user: users().moderator }).response();
    const [choices] = sentChoices(h.standin, mark);
    expect(choices).toHaveLength(1);
    const value = String(choices![0]!.value);
    expect(Array.from(value).length).toBeLessThanOrEqual(LIMITS.choiceValue);

    const { data, message } = await confirmation(users().moderator, value);
    expect(messageText(data)).toContain(`Remove ${long}`);
    const click = h.standin.interaction.button({ customId: buttonId(data, "Remove")!, message, user: users().moderator });
    expect((await click.response()).type).toBe(7);
    const done = await confirmationOnceEdited(message, (t) => t.includes("Removed "), "the removal report");
    expect(done).toContain(`Removed ${long}`);
    expect(existsSync(path.join(h.seedsDir, long))).toBe(false);
    expect(auditLines("source remove").at(-1)).toMatchObject({ result: "ok", file: long });
  });

  it("says so when the named article does not exist", async () => {
    const { data } = await finalAnswer(sourceRemove(users().moderator, "../seeds/nothing.txt"));
    expect(isEphemeral(data)).toBe(true);
    expect(messageText(data)).toContain("There is no article named");
  });
});
