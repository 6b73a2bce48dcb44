/**
 * Engine results as Discord messages: pure functions from answers, sources and the command list to
 * message bodies that stay inside Discord's limits and ping nobody. Text from users and articles
 * is escaped wherever Discord renders Markdown (content, descriptions, field values); footers are
 * plain text in Discord, so they carry it as is.
 */
import {
  ApplicationCommandOptionType,
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIApplicationCommandOption,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
  type MessageMentionOptions,
} from "discord.js";
import { declinedText, formatCitation } from "../search/citation.js";
import type { Span } from "../corpus/types.js";
import type { Answer, AnswerResult } from "../search/answer.js";
import type { SourceInfo } from "../search/library.js";
import type { CommandModule } from "./command.js";
import { fitItems, LIMITS, shortenStartToFit, shortenToFit } from "./limits.js";
import { bold, NO_PINGS, safeText } from "./markdown.js";

/** A message as the bot sends it: every part set, so an edit replaces the whole previous message. */
export interface MessageBody {
  content: string;
  embeds: APIEmbed[];
  components: Array<APIActionRowComponent<APIButtonComponent>>;
  allowedMentions: MessageMentionOptions;
}

/** Rendering choices, in one place. */
export const RENDER = {
  /** The question as echoed above an answer (after escaping), in characters. */
  questionShown: 300,
  /** A result's source line (embed footer), in characters. */
  citation: 300,
  answerColor: 0x5865f2,
  infoColor: 0x99aab5,
  /** A one-line example for /help and the mention how-to. */
  exampleQuestion: "Who reported the terms of the new peace agreement?",
} as const;

export const NO_ANSWER_TEXT =
  "The articles don't answer that well enough to quote. Try asking in other words, or see what they cover with `/sources`.";
export const NO_MORE_TEXT = "No more passages answer this question.";

/** A short text-only message (notices, refusals, errors). */
export function notice(text: string): MessageBody {
  return { content: shortenToFit(text, LIMITS.content), embeds: [], components: [], allowedMentions: NO_PINGS };
}

export interface AnswerView {
  /** The engine's answer for this page (`results` already offset). */
  answer: Answer;
  /** Results skipped before this page. */
  offset: number;
  /** Custom id for "More" (the next page); none: no such button. */
  moreId?: string;
  /** Custom id for "Delete"; none: no such button (ephemeral answers are dismissed in Discord). */
  deleteId?: string;
}

/** An answer: the question, then one embed per quoted passage (answering sentence in bold) with its source. */
export function answerMessage(view: AnswerView): MessageBody {
  const { answer, offset } = view;
  const header = `**Question:** ${safeText(shortenToFit(oneLine(answer.query), RENDER.questionShown, (s) => safeText(s)))}`;
  const components = buttonRows([
    view.moreId && answer.answered && answer.results.length > 0 ? button(view.moreId, "More") : undefined,
    view.deleteId ? button(view.deleteId, "Delete", ButtonStyle.Danger) : undefined,
  ]);

  if (!answer.answered) {
    const why = safeText(shortenToFit(declinedText(answer), RENDER.questionShown, (s) => safeText(s)));
    const content = [header, why, NO_ANSWER_TEXT].filter(Boolean).join("\n");
    return { content, embeds: [], components, allowedMentions: NO_PINGS };
  }
  if (answer.results.length === 0) return { content: `${header}\n${NO_MORE_TEXT}`, embeds: [], components, allowedMentions: NO_PINGS };

  const first = offset + 1;
  const last = offset + answer.results.length;
  const range = first === last ? `result ${first}` : `results ${first}–${last}`;
  const content = `${header}\n-# ${range} of ${answer.total} · the sentence that answers is in bold`;
  return { content, embeds: resultEmbeds(answer.results), components, allowedMentions: NO_PINGS };
}

/** One embed per result; the passages share what the 6,000-character total leaves after the sources. */
export function resultEmbeds(results: readonly AnswerResult[]): APIEmbed[] {
  const shown = results.slice(0, LIMITS.embeds);
  const footers = shown.map((r) => shortenToFit(`[${r.rank}] ${formatCitation(r.source)}`, Math.min(RENDER.citation, LIMITS.footerText)));
  const room = LIMITS.embedTotal - footers.reduce((n, f) => n + f.length, 0);
  const each = Math.min(LIMITS.embedDescription, Math.floor(room / Math.max(1, shown.length)));
  return shown.map((r, i) => ({
    color: RENDER.answerColor,
    description: markedPassage(r.text, r.quoteSpan, each),
    footer: { text: footers[i]! },
  }));
}

/**
 * The passage, escaped, with the quote in bold, in at most `max` characters: context before and
 * after the quote gives way first (whole sentences, else whole words, marked with an ellipsis),
 * the quote itself only when it alone is too long.
 */
export function markedPassage(text: string, quote: Span, max: number): string {
  const before = text.slice(0, quote.start);
  const marked = text.slice(quote.start, quote.end);
  const after = text.slice(quote.end);
  const whole = `${safeText(before)}${bold(safeText(marked))}${safeText(after)}`;
  if (whole.length <= max) return whole;

  const quoted = bold(safeText(marked));
  if (quoted.length > max) return bold(safeText(shortenToFit(marked, max - 4, safeText)));
  const room = max - quoted.length;
  const beforeLength = safeText(before).length;
  const afterLength = safeText(after).length;
  // Share the room evenly; what one side does not need goes to the other.
  const afterRoom = Math.min(afterLength, room - Math.min(beforeLength, Math.floor(room / 2)));
  const beforeRoom = room - afterRoom;
  const shortBefore = shortenStartToFit(before, beforeRoom, safeText);
  const shortAfter = shortenToFit(after, afterRoom, safeText);
  return `${safeText(shortBefore)}${quoted}${safeText(shortAfter)}`;
}

/** /sources: the indexed articles, with title, publisher, passages, and when the index was built. */
export function sourcesMessage(sources: readonly SourceInfo[], builtAt: string): MessageBody {
  const built = Math.floor(Date.parse(builtAt) / 1000);
  const builtLine = Number.isFinite(built) ? `\n-# Index built <t:${built}:f> (<t:${built}:R>)` : "";
  if (sources.length === 0) {
    return notice(`No articles are indexed yet. Put \`.txt\` or \`.md\` files in the seeds folder and refresh the index.${builtLine}`);
  }
  const lines = sources.map((s) => {
    const title = `**${safeText(shortenToFit(oneLine(s.meta.title), 200))}**`;
    const publisher = s.meta.publisher ? ` — ${safeText(shortenToFit(oneLine(s.meta.publisher), 100))}` : "";
    return `${title}${publisher} · ${s.passages} passage${s.passages === 1 ? "" : "s"} · ${safeText(shortenToFit(s.file, 120))}`;
  });
  const description = fitItems(lines, LIMITS.embedDescription - builtLine.length, { end: "." }) + builtLine;
  const embed: APIEmbed = { color: RENDER.infoColor, title: `Indexed articles (${sources.length})`, description };
  return { content: "", embeds: [embed], components: [], allowedMentions: NO_PINGS };
}

/** /help: what Parley does, every command (from the registry), asking by mention, an example. */
export function helpMessage(commands: readonly CommandModule[], botMention: string): MessageBody {
  const description = [
    "I answer questions about the indexed news articles **in the articles' own words**: I quote the passages that answer, with the sentence that answers in bold, and cite each one (title, publisher, paragraph, file).",
    "When the articles don't answer a question, I say so instead of quoting something weak.",
  ].join("\n\n");
  const fields: APIEmbedField[] = [
    ...linesToFields("Commands", commands.flatMap(helpLines)),
    { name: "Ask by mention", value: `${botMention} ${safeText(RENDER.exampleQuestion)}\nI reply in the channel.` },
    { name: "Example", value: `\`/ask question: ${RENDER.exampleQuestion}\`` },
  ].slice(0, LIMITS.embedFields);
  const embed: APIEmbed = { color: RENDER.answerColor, title: "Parley", description, fields };
  return { content: "", embeds: [embed], components: [], allowedMentions: NO_PINGS };
}

/** How to ask by mention, for a mention without a question. */
export function mentionHowTo(botMention: string): MessageBody {
  return notice(
    `Ask me about the articles: ${botMention} ${safeText(RENDER.exampleQuestion)}\nOr use \`/ask\`; \`/help\` lists everything I do.`,
  );
}

/** A command's /help lines (see {@link helpLines}), one per line of text. */
export function helpLine(command: CommandModule): string {
  return helpLines(command).join("\n");
}

/**
 * A command's lines in /help: its usage from its definition (required options bare, the others in
 * brackets), then its `help` text or description. A command with subcommands gets a line per
 * subcommand, with that subcommand's options.
 */
export function helpLines(command: CommandModule): string[] {
  const json = command.data.toJSON();
  if (command.kind === "message") return [`**${json.name}** (on a message: Apps → ${json.name})${command.help ? ` — ${command.help}` : ""}`];
  const options: readonly APIApplicationCommandOption[] = "options" in json ? (json.options ?? []) : [];
  const help = command.help;
  const line = (path: string[], opts: readonly APIApplicationCommandOption[], description: string) => {
    const text = (typeof help === "string" ? help : help?.[path.slice(1).join(" ")]) ?? description;
    const usage = [`/${path.join(" ")}`, ...opts.map((o) => ("required" in o && o.required ? o.name : `[${o.name}]`))].join(" ");
    return `\`${usage}\` — ${text}`;
  };
  const lines = (path: string[], opts: readonly APIApplicationCommandOption[], description: string): string[] => {
    const subs = opts.filter((o) => o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup);
    if (subs.length === 0) return [line(path, opts, description)];
    return subs.flatMap((o) => lines([...path, o.name], "options" in o ? (o.options ?? []) : [], o.description));
  };
  return lines([json.name], options, "description" in json ? json.description : "");
}

/** A button; a secondary (grey) one unless `style` says otherwise. */
export function button(customId: string, label: string, style: ButtonStyle.Secondary | ButtonStyle.Danger | ButtonStyle.Primary = ButtonStyle.Secondary): APIButtonComponent {
  return { type: ComponentType.Button, style, label, custom_id: customId };
}

/** Buttons (undefined ones left out) as a message's components: one row of at most five, or none. */
export function buttonRows(buttons: ReadonlyArray<APIButtonComponent | undefined>): MessageBody["components"] {
  const shown = buttons.filter((b): b is APIButtonComponent => b !== undefined).slice(0, LIMITS.buttonsPerRow);
  return shown.length > 0 ? [{ type: ComponentType.ActionRow, components: shown }] : [];
}

/** Whitespace (line breaks included) collapsed to single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Lines grouped into fields of at most 1,024 characters, named `name` (the first) and `​` after. */
function linesToFields(name: string, lines: readonly string[]): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  let value = "";
  for (const raw of lines) {
    const line = shortenToFit(raw, LIMITS.fieldValue);
    if (value && value.length + 1 + line.length > LIMITS.fieldValue) {
      fields.push({ name: fields.length === 0 ? name : "\u200b", value });
      value = "";
    }
    value = value ? `${value}\n${line}` : line;
  }
  if (value) fields.push({ name: fields.length === 0 ? name : "\u200b", value });
  return fields;
}
