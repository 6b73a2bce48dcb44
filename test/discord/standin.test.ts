/**
 * Smoke test of the Discord stand-in with the real discord.js Client (no bot code from src/).
 */
import zlib from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  ApplicationCommandOptionType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  MessageFlags,
  type Interaction,
  type Message,
} from "discord.js";
import { shardOf, startDiscordStandin, type DiscordStandin } from "../support/discord-standin.ts";
import { loginClient } from "../support/discord-client.ts";

let standin: DiscordStandin | undefined;
let client: Client<true> | undefined;

afterEach(async () => {
  await client?.destroy();
  client = undefined;
  await standin?.close();
  standin = undefined;
});

/** Tiny in-test bot: records errors thrown by interaction handlers so tests can assert on them. */
function installHandlers(c: Client) {
  const errors: unknown[] = [];
  const seen: Interaction[] = [];
  c.on(Events.InteractionCreate, async (interaction) => {
    seen.push(interaction);
    try {
      if (interaction.isChatInputCommand()) {
        switch (interaction.commandName) {
          case "ping":
            await interaction.reply({ content: "pong", allowedMentions: { parse: [] } });
            break;
          case "slow":
            await interaction.deferReply();
            await interaction.editReply({ content: `done: ${interaction.options.getString("question") ?? "?"}` });
            break;
          case "long":
            await interaction.reply({ content: "x".repeat(2100) });
            break;
          case "echo-file": {
            const att = interaction.options.getAttachment("doc", true);
            const text = await (await fetch(att.url)).text();
            await interaction.reply({
              content: `${att.name}: ${text}`,
              files: [{ attachment: Buffer.from(text.toUpperCase()), name: "upper.txt" }],
            });
            break;
          }
          case "with-response": {
            const res = await interaction.reply({ content: "pong", withResponse: true });
            await interaction.followUp({ content: `id=${res.resource?.message?.id ?? "none"}`, flags: MessageFlags.Ephemeral });
            break;
          }
          case "add":
            await interaction.reply(`${interaction.options.getInteger("a", true) + interaction.options.getInteger("b", true)}`);
            break;
        }
      } else if (interaction.isButton()) {
        await interaction.update({ content: `clicked ${interaction.customId}`, components: [] });
      }
    } catch (e) {
      errors.push(e);
    }
  });
  return { errors, seen };
}

describe("Discord stand-in with the real discord.js client", () => {
  it("logs in, caches the guild from GUILD_CREATE and answers a chat input command", async () => {
    standin = await startDiscordStandin();
    client = await loginClient(standin);
    const { errors } = installHandlers(client);

    expect(standin.identifies).toHaveLength(1);
    expect(standin.identifies[0]!.shard).toEqual([0, 1]);
    expect(standin.identifies[0]!.intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages);
    expect(client.user.id).toBe(standin.botUser.id);
    expect(client.application?.id).toBe(standin.applicationId);

    const guild = client.guilds.cache.get(standin.guild.id);
    expect(guild?.name).toBe("Parley Test Guild");
    expect(guild?.available).toBe(true);
    expect(guild?.channels.cache.get(standin.guild.textChannel.id)?.name).toBe("general");
    expect(guild?.roles.cache.map((r) => r.name).sort()).toEqual(["@everyone", "Moderator", "Parley"]);
    expect(guild?.members.me?.id).toBe(standin.botUser.id);

    const ping = standin.interaction.chatInput({ name: "ping" });
    const body = await ping.response();
    expect(body).toEqual({ type: 4, data: expect.objectContaining({ content: "pong", allowed_mentions: { parse: [] } }) });

    const [callback] = ping.callbacks();
    expect(callback!.status).toBe(204);
    expect(callback!.query).toEqual({ with_response: "false" });
    expect(callback!.headers.authorization).toBeUndefined(); // interaction callbacks are sent with auth: false
    expect(ping.originalMessage()?.content).toBe("pong");
    expect(ping.originalMessage()?.mentions).toEqual([]);

    const seenByBot = await new Promise<Interaction>((resolve) => {
      client!.once(Events.InteractionCreate, resolve);
      standin!.interaction.chatInput({ name: "ping", user: standin!.testUsers.moderator });
    });
    expect(seenByBot.user.username).toBe("mod_marvin");
    expect(seenByBot.inCachedGuild() && seenByBot.member.roles.cache.some((r) => r.name === "Moderator")).toBe(true);
    expect(seenByBot.channel?.id).toBe(standin.guild.textChannel.id);

    expect(errors).toEqual([]);
    expect(standin.unknownRequests()).toEqual([]);
  });

  it("routes a deferred reply's editReply to PATCH .../messages/@original", async () => {
    standin = await startDiscordStandin();
    client = await loginClient(standin);
    const { errors } = installHandlers(client);

    const slow = standin.interaction.chatInput({ name: "slow", options: { question: "why?" } });
    expect(await slow.response()).toEqual({ type: 5, data: { flags: 0 } });

    const edit = await slow.waitForWebhook((r) => r.method === "PATCH");
    expect(edit.status).toBe(200);
    expect(edit.route).toBe("PATCH /webhooks/:applicationId/:token/messages/:messageId");
    expect(edit.params.messageId).toBe("@original");
    expect(edit.params.applicationId).toBe(standin.applicationId);
    expect(edit.path).toBe(`/v10/webhooks/${standin.applicationId}/${slow.token}/messages/@original`);
    expect(edit.rawPath).toMatch(/\/messages\/(%40|@)original$/);
    expect(edit.body.content).toBe("done: why?");

    const original = await slow.waitForOriginal((m) => !((m.flags ?? 0) & MessageFlags.Loading));
    expect(original.content).toBe("done: why?");
    expect(errors).toEqual([]);
    expect(standin.unknownRequests()).toEqual([]);
  });

  it("answers a button with an UPDATE_MESSAGE callback", async () => {
    standin = await startDiscordStandin();
    client = await loginClient(standin);
    const { errors } = installHandlers(client);

    const click = standin.interaction.button({ customId: "again" });
    const body = await click.response();
    expect(body.type).toBe(7);
    expect(body).toMatchObject({ data: { content: "clicked again", components: [] } });
    const updated = standin.messages.get(click.payload.message.id);
    expect(updated?.content).toBe("clicked again");
    expect(updated?.components).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("delivers a MESSAGE_CREATE mentioning the bot and records message.reply", async () => {
    standin = await startDiscordStandin();
    client = await loginClient(standin); // Guilds + GuildMessages, no MessageContent
    const received: Message[] = [];
    client.on(Events.MessageCreate, async (message) => {
      received.push(message);
      if (message.author.bot || !message.mentions.has(message.client.user)) return;
      await message.reply({ content: `You said: ${message.content.replace(/<@!?\d+>/g, "").trim()}`, allowedMentions: { repliedUser: false } });
    });

    const sent = standin.message.create({ content: "what is new?", mentions: [standin.botUser] });
    expect(sent.delivered).toBe(true);
    expect(sent.message.content).toBe(`<@${standin.botUser.id}> what is new?`);
    const reply = await sent.waitForReply();
    expect(reply.content).toBe("You said: what is new?");
    expect(reply.message_reference?.message_id).toBe(sent.message.id);
    expect(reply.author.id).toBe(standin.botUser.id);
    expect(reply.mentions).toEqual([]); // repliedUser: false
    expect(received[0]!.mentions.users.has(standin.botUser.id)).toBe(true);
    const post = standin.requests.find((r) => r.route === "POST /channels/:channelId/messages")!;
    expect(post.headers.authorization).toBe(`Bot ${standin.token}`);
    expect(post.body.message_reference).toMatchObject({ message_id: sent.message.id });

    // Without the MessageContent intent, a message that does not mention the bot arrives with empty content.
    const plain = standin.message.create({ content: "just chatting" });
    await standin.waitUntil(() => (received.length === 2 ? true : undefined), "the second messageCreate");
    expect(received[1]!.id).toBe(plain.message.id);
    expect(received[1]!.content).toBe("");
    expect(standin.channelMessages(standin.guild.textChannel.id)).toHaveLength(1);
  });

  it.each([
    ["shards: 'auto'", { shards: "auto" as const }],
    ["shards: [0, 1], shardCount: 2", { shards: [0, 1], shardCount: 2 }],
  ])("runs two shards (%s) and answers an interaction in a guild of each", async (_label, shardOptions) => {
    standin = await startDiscordStandin({ shards: 2 });
    const [g0, g1] = standin.guilds;
    expect(shardOf(g0!.id, 2)).toBe(0);
    expect(shardOf(g1!.id, 2)).toBe(1);

    client = await loginClient(standin, shardOptions);
    const { errors } = installHandlers(client);

    expect(standin.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(standin.requests.filter((r) => r.path === "/v10/gateway/bot").length).toBeGreaterThanOrEqual(1);
    expect(client.guilds.cache.get(g0!.id)?.shardId).toBe(0);
    expect(client.guilds.cache.get(g1!.id)?.shardId).toBe(1);

    const a = standin.interaction.chatInput({ name: "ping", guildId: g0!.id });
    const b = standin.interaction.chatInput({ name: "ping", guildId: g1!.id });
    expect([a.shardId, b.shardId]).toEqual([0, 1]);
    expect((await a.response()).type).toBe(4);
    expect(await b.response()).toMatchObject({ type: 4, data: { content: "pong" } });
    expect(errors).toEqual([]);
  });

  it("refuses payloads Discord would refuse and injected failures reach the caller", async () => {
    standin = await startDiscordStandin();
    client = await loginClient(standin);
    const { errors } = installHandlers(client);

    // 2,100 characters of content → 400 Invalid Form Body, as on Discord.
    const long = standin.interaction.chatInput({ name: "long" });
    await standin.waitUntil(() => (errors.length ? true : undefined), "the handler error");
    const err = errors[0] as DiscordAPIError;
    expect(err).toBeInstanceOf(DiscordAPIError);
    expect(err.code).toBe(50035);
    expect(err.message).toContain("data.content[BASE_TYPE_MAX_LENGTH]");
    expect(long.callbacks()[0]!.status).toBe(400);

    // A 429 with Retry-After is retried transparently by @discordjs/rest.
    standin.failNext(/^POST \/v10\/interactions\/.*\/callback$/, 429, { retryAfter: 0.05 });
    const limited = standin.interaction.chatInput({ name: "ping" });
    expect((await limited.response()).type).toBe(4);
    expect(limited.callbacks().map((r) => r.status)).toEqual([429, 204]);

    // Injected failure on the next callback.
    standin.failNext(/^POST \/v10\/interactions\/.*\/callback$/, 403, { body: { message: "Missing Access", code: 50001 } });
    standin.interaction.chatInput({ name: "ping" });
    await standin.waitUntil(() => (errors.length === 2 ? true : undefined), "the second handler error");
    expect((errors[1] as DiscordAPIError).code).toBe(50001);

    // A second answer to the same interaction is refused with 40060.
    const ping = standin.interaction.chatInput({ name: "ping" });
    await ping.response();
    const res = await fetch(`${standin.apiUrl}/v10/interactions/${ping.id}/${ping.token}/callback`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: 4, data: { content: "again" } }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 40060 });

    // Unknown routes are 404 + recorded; a missing token is 401.
    const unknown = await fetch(`${standin.apiUrl}/v10/nope`, { headers: { authorization: `Bot ${standin.token}` } });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: "404: Not Found", code: 0 });
    expect(standin.unknownRequests().map((r) => r.path)).toEqual(["/v10/nope"]);
    expect((await fetch(`${standin.apiUrl}/v10/users/@me`)).status).toBe(401);
  });

  it("serves attachments, parses multipart replies and answers with_response", async () => {
    standin = await startDiscordStandin();
    client = await loginClient(standin);
    const { errors } = installHandlers(client);

    const doc = standin.addAttachment("notes.txt", "hello from the cdn");
    const echo = standin.interaction.chatInput({ name: "echo-file", options: { doc } });
    expect(echo.payload.data.options?.[0]).toEqual({ name: "doc", type: ApplicationCommandOptionType.Attachment, value: doc.id });
    const body = await echo.response();
    expect(body).toMatchObject({ type: 4, data: { content: "notes.txt: hello from the cdn" } });
    const cb = echo.callbacks()[0]!;
    expect(cb.contentType).toMatch(/^multipart\/form-data/);
    expect(cb.form?.payload_json).toBeDefined();
    expect(cb.files).toHaveLength(1);
    expect(cb.files[0]!.filename).toBe("upper.txt");
    expect(cb.files[0]!.data.toString()).toBe("HELLO FROM THE CDN");
    const uploaded = echo.originalMessage()!.attachments[0]!;
    expect(await (await fetch(uploaded.url)).text()).toBe("HELLO FROM THE CDN");

    const wr = standin.interaction.chatInput({ name: "with-response" });
    const followUp = await wr.waitForWebhook((r) => r.method === "POST");
    const cb2 = wr.callbacks()[0]!;
    expect(cb2.query.with_response).toBe("true");
    expect(cb2.response).toMatchObject({ interaction: { id: wr.id, type: 2 }, resource: { type: 4, message: { content: "pong" } } });
    expect(followUp.body).toMatchObject({ content: `id=${wr.originalMessage()!.id}`, flags: MessageFlags.Ephemeral });
    expect(wr.followUps()[0]!.flags).toBe(MessageFlags.Ephemeral);
    expect(errors).toEqual([]);
  });

  it("drives autocomplete, context menus, selects, modals, DMs and follow-ups", async () => {
    standin = await startDiscordStandin();
    client = await loginClient(standin);
    const errors: unknown[] = [];
    const log: string[] = [];
    client.on(Events.InteractionCreate, async (i) => {
      try {
        if (i.isAutocomplete()) {
          log.push(`autocomplete ${i.commandName} ${i.options.getFocused()}`);
          await i.respond([{ name: "Alpha", value: "alpha" }]);
        } else if (i.isMessageContextMenuCommand()) {
          log.push(`message-context ${i.targetMessage.author.username}: ${i.targetMessage.content}`);
          await i.reply({ content: "checked", flags: MessageFlags.Ephemeral });
        } else if (i.isStringSelectMenu()) {
          log.push(`select ${i.values.join(",")}`);
          await i.deferUpdate();
          await i.editReply({ content: `picked ${i.values.join(",")}`, components: [] });
        } else if (i.isModalSubmit()) {
          log.push(`modal ${i.fields.getTextInputValue("question")}`);
          await i.reply("thanks");
        } else if (i.isChatInputCommand() && i.commandName === "dm") {
          log.push(`dm inGuild=${i.inGuild()} context=${i.context}`);
          await i.reply("hello in DM");
        } else if (i.isChatInputCommand() && i.commandName === "thinking") {
          await i.deferReply({ flags: MessageFlags.Ephemeral });
          await i.followUp("first"); // replaces the deferred "thinking…" message, like Discord
          await i.followUp("second");
        }
      } catch (e) {
        errors.push(e);
      }
    });

    const ac = standin.interaction.autocomplete({ name: "ask", options: { topic: "al" }, focused: "topic" });
    expect(await ac.response()).toEqual({ type: 8, data: { choices: [{ name: "Alpha", value: "alpha" }] } });

    const mc = standin.interaction.messageContext({ name: "Check claim", targetMessage: { content: "The moon is cheese." } });
    expect(await mc.response()).toMatchObject({ type: 4, data: { content: "checked", flags: MessageFlags.Ephemeral } });

    const sel = standin.interaction.select({ customId: "pick", values: ["a", "b"] });
    expect((await sel.response()).type).toBe(6);
    await sel.waitForWebhook((r) => r.method === "PATCH" && r.status === 200);
    expect(sel.originalMessage()?.id).toBe(sel.payload.message.id); // @original = the component's message
    expect(sel.originalMessage()?.content).toBe("picked a,b");

    const modal = standin.interaction.modalSubmit({ customId: "ask-modal", fields: { question: "Why?" } });
    expect((await modal.response()).type).toBe(4);

    const dm = standin.interaction.chatInput({ name: "dm", dm: true });
    expect(dm.payload.guild_id).toBeUndefined();
    expect(dm.payload.user?.id).toBe(standin.testUsers.alice.id);
    expect((await dm.response()).type).toBe(4);

    const th = standin.interaction.chatInput({ name: "thinking" });
    await th.waitForWebhook((r) => r.method === "POST" && r.body?.content === "second");
    expect(th.originalMessage()).toMatchObject({ content: "first", flags: MessageFlags.Ephemeral });
    expect(th.followUps().map((m) => m.content)).toEqual(["second"]);

    expect(log).toEqual([
      "autocomplete ask al",
      "message-context alice: The moon is cheese.",
      "select a,b",
      "modal Why?",
      "dm inGuild=false context=1",
    ]);
    expect(errors).toEqual([]);
    expect(standin.unknownRequests()).toEqual([]);
  });

  it("registers commands and types options from the registered definition", async () => {
    standin = await startDiscordStandin();
    client = await loginClient(standin);
    const { errors } = installHandlers(client);

    await client.application.commands.set([
      {
        name: "add",
        description: "Add two integers",
        options: [
          { name: "a", description: "first", type: ApplicationCommandOptionType.Integer, required: true },
          { name: "b", description: "second", type: ApplicationCommandOptionType.Integer, required: true },
        ],
      },
    ]);
    expect(standin.commands.global.map((c) => c.name)).toEqual(["add"]);
    await expect(client.application.commands.create({ name: "Bad Name", description: "x" })).rejects.toMatchObject({ code: 50035 });

    const add = standin.interaction.chatInput({ name: "add", options: { a: 2, b: 40 } });
    expect(add.payload.data.id).toBe(standin.commands.global[0]!.id);
    expect(await add.response()).toMatchObject({ data: { content: "42" } });
    expect(() => standin!.build.chatInput({ name: "add", options: { a: 1 } })).toThrow(/requires option "b"/);
    expect(errors).toEqual([]);
  });

  it("resumes after the gateway asks the client to reconnect", async () => {
    standin = await startDiscordStandin();
    client = await loginClient(standin);
    const { errors } = installHandlers(client);

    standin.gateway.requestReconnect(0);
    const resume = await standin.gateway.waitForResume(0, { timeout: 4000 });
    expect(resume.ok).toBe(true);
    expect(standin.identifies).toHaveLength(1);

    const ping = standin.interaction.chatInput({ name: "ping" });
    expect((await ping.response()).type).toBe(4);
    expect(errors).toEqual([]);
  });

  it("speaks zlib-stream to clients that ask for it", async () => {
    standin = await startDiscordStandin();
    const ws = new WebSocket(`${standin.gatewayUrl}/?v=10&encoding=json&compress=zlib-stream`);
    const inflate = zlib.createInflate();
    const received: any[] = [];
    let pending = "";
    inflate.on("data", (chunk: Buffer) => {
      pending += chunk.toString();
    });
    ws.on("message", (data: Buffer) => {
      inflate.write(data);
      inflate.flush(zlib.constants.Z_SYNC_FLUSH, () => {
        received.push(JSON.parse(pending));
        pending = "";
      });
    });
    await standin.waitUntil(() => (received.length ? true : undefined), "HELLO");
    expect(received[0]).toMatchObject({ op: 10, d: { heartbeat_interval: 41250 } });
    ws.send(JSON.stringify({ op: 2, d: { token: standin.token, intents: 1, properties: {}, shard: [0, 1] } }));
    await standin.waitUntil(() => (received.length >= 3 ? true : undefined), "READY + GUILD_CREATE");
    expect(received[1]).toMatchObject({ op: 0, t: "READY", s: 1, d: { session_id: expect.any(String), shard: [0, 1] } });
    expect(received[2]).toMatchObject({ op: 0, t: "GUILD_CREATE", s: 2, d: { id: standin.guild.id } });
    ws.terminate();
    inflate.close();
  });
});
