/**
 * `@Parley question` in a channel: a reply to that message with the same answer as `/ask` (a
 * mention without a question gets a short how-to). The content of a message that mentions the
 * bot arrives without the privileged MessageContent intent.
 */
import type { Message } from "discord.js";
import type { BotContext } from "./command.js";
import { ASK_DEFAULTS, answerBody } from "./commands/ask.js";
import { cooldownText } from "./cooldowns.js";
import { FAILURE_TEXT } from "./dispatcher.js";
import { mentionsBot, questionFromMessage } from "./question.js";
import { mentionHowTo, notice } from "./render.js";
import type { AnswerSession } from "./sessions.js";

/** A handler for `Events.MessageCreate` that never throws. */
export function createMentionHandler(ctx: BotContext): (message: Message) => Promise<void> {
  return async (message) => {
    const me = message.client.user;
    if (message.author.bot || message.system || message.webhookId) return;
    if (!mentionsBot(message.content, me.id, message.guild?.roles.botRoleFor(me)?.id)) return;
    const started = Date.now();
    const fields = () => ({
      message: message.id,
      command: "mention",
      user: message.author.id,
      guild: message.guildId,
      channel: message.channelId,
      ms: Date.now() - started,
    });
    try {
      const question = questionFromMessage(message.content);
      if (!question) {
        await message.reply(mentionHowTo(me.toString()));
        return;
      }
      const check = ctx.cooldowns.take(message.author.id);
      if (!check.ok) {
        await message.reply(notice(cooldownText(check.retryAfterMs)));
        return;
      }
      if (!ctx.engineNow() && message.channel.isSendable()) await message.channel.sendTyping().catch(() => undefined);
      const engine = await ctx.engine;
      const session: AnswerSession = { question, k: ASK_DEFAULTS.results, askerId: message.author.id };
      ctx.sessions.remember(message.id, session);
      await message.reply(await answerBody(engine, session, { key: message.id, offset: 0, ephemeral: false }));
      ctx.log.debug(fields(), "answered a mention");
    } catch (err) {
      ctx.log.error({ ...fields(), err }, "mention failed");
      await message.reply(notice(FAILURE_TEXT)).catch((e: unknown) => ctx.log.warn({ ...fields(), err: e }, "could not tell the user"));
    }
  };
}
