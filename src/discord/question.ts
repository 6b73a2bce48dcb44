/**
 * A question from Discord text (`/ask`'s option, a message mentioning the bot, a message checked
 * with "Find sources"): mentions, channel links, custom emoji and links are not words of the
 * question, and would only lower how well the passages seem to cover it.
 */

/** The message's words without Discord's markup; empty when nothing is left. */
export function questionFromMessage(content: string): string {
  return content
    .replace(/<@[!&]?\d+>/g, " ") // user and role mentions
    .replace(/<#\d+>/g, " ") // channel links
    .replace(/<a?:\w+:\d+>/g, " ") // custom emoji
    .replace(/<t:\d+(?::[tTdDfFR])?>/g, " ") // timestamps
    .replace(/<?https?:\/\/\S+>?/g, " ") // links
    .replace(/@(everyone|here)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Whether `content` mentions the user `botId` (`<@id>` or the legacy `<@!id>`), or its managed role. */
export function mentionsBot(content: string, botId: string, botRoleId?: string): boolean {
  if (content.includes(`<@${botId}>`) || content.includes(`<@!${botId}>`)) return true;
  return botRoleId !== undefined && content.includes(`<@&${botRoleId}>`);
}
