/**
 * Actors as Discord messages (`/actor`, `/actors` and their autocomplete): pure functions from the
 * engine's actor summaries, listings and suggestions to message bodies and choices that stay
 * inside Discord's limits and ping nobody. Quotes are the articles' sentences verbatim, escaped so
 * that they show exactly their characters; only when a page of quotes is too long for one message
 * are the longest shortened (at sentence, else word boundaries, with "…").
 */
import type { APIApplicationCommandOptionChoice, APIEmbed, APIEmbedField } from "discord.js";
import type { ActorListing, ActorQuote, ActorSuggestion, ActorSummary, UnknownActor } from "../actors/registry.js";
import { formatCitation } from "../search/citation.js";
import { ELLIPSIS, fitChoices, fitItems, LIMITS, shortenToFit } from "./limits.js";
import { NO_PINGS, safeText } from "./markdown.js";
import { button, buttonRows, notice, oneLine, RENDER, type MessageBody } from "./render.js";

/** Rendering choices for actors, in one place. */
export const ACTOR_RENDER = {
  color: RENDER.answerColor,
  listColor: RENDER.infoColor,
  /** The actor's name as a title, in characters. */
  name: 200,
  /** The line of other names on a summary, in characters. */
  aliasesLine: 400,
  /** The moderator's description of the actor, in characters. */
  description: 600,
  /** A quote's source line (title · publisher · ¶ · file): its parts, in characters (after escaping). */
  citationTitle: 120,
  citationPublisher: 60,
  citationFile: 80,
  /** Other names shown per actor in the list. */
  listAliases: 3,
  /** An actor's row in the list, in characters. */
  listRow: 300,
  /** Actors per page of `/actors`. */
  listPageSize: 10,
  /** Suggestion buttons on the answer to an unknown name (one row). */
  suggestionButtons: LIMITS.buttonsPerRow,
  /** What to type, in the notices. */
  example: "Russia",
} as const;

/** The buttons a summary carries: custom ids for the previous and the next page of quotes (none: no such button). */
export interface QuotePaging {
  previousId?: string;
  nextId?: string;
}

/**
 * One actor's summary as one embed: name and kind, other names, the moderator's description if
 * any, then the page of quotes (each a block quote with its source: title · publisher · ¶ · file),
 * the mention counts and the actors mentioned with it; buttons page further quotes.
 */
export function actorMessage(s: ActorSummary, paging: QuotePaging = {}): MessageBody {
  const title = safeText(shortenToFit(oneLine(s.actor.name), ACTOR_RENDER.name, safeText));
  const header = [`**${s.actor.kind}**`];
  if (s.actor.aliases.length > 0) {
    header.push(`-# Also: ${safeText(shortenToFit(s.actor.aliases.map(oneLine).join(", "), ACTOR_RENDER.aliasesLine, safeText))}`);
  }
  if (s.actor.description) header.push(`*${safeText(shortenToFit(oneLine(s.actor.description), ACTOR_RENDER.description, safeText))}*`);
  const headerText = header.join("\n");

  const fields: APIEmbedField[] = [
    {
      name: "Mentions",
      value: `${plural(s.mentions, "mention")} in ${plural(s.passages, "passage")} of ${plural(s.documents, "article")}`,
      inline: true,
    },
  ];
  if (s.related.length > 0) {
    fields.push({ name: "Mentioned with", value: fitItems(s.related.map((r) => `${safeText(shortenToFit(oneLine(r.name), ACTOR_RENDER.name))} (${r.count})`), LIMITS.fieldValue, { separator: ", " }) });
  }
  const footer =
    s.pages > 1
      ? `Quotes, page ${s.page + 1} of ${s.pages} · the articles' own sentences, in document order`
      : "The articles' own sentences, in document order";

  const fixed = title.length + footer.length + fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const separator = "\n\n";
  const room = Math.min(LIMITS.embedDescription, LIMITS.embedTotal - fixed) - headerText.length - separator.length;
  const quotes = s.summary.length > 0 ? quoteBlocks(s.summary, room, separator) : "*The articles name this actor only in passing: no sentence to quote.*";
  const embed: APIEmbed = {
    color: ACTOR_RENDER.color,
    title,
    description: `${headerText}${separator}${quotes}`,
    fields,
    footer: { text: footer },
  };
  const components = buttonRows([
    paging.previousId ? button(paging.previousId, "Previous quotes") : undefined,
    paging.nextId ? button(paging.nextId, "More quotes") : undefined,
  ]);
  return { content: "", embeds: [embed], components, allowedMentions: NO_PINGS };
}

/** A quote as shown: a block quote (every line of it), escaped. */
export function quoteLine(text: string): string {
  return `> ${safeText(text).replace(/\n/g, "\n> ")}`;
}

/**
 * The quotes with their sources in at most `room` characters. Sources are kept; the quotes share
 * what is left, a short quote leaving its unused share to the longer ones, so that only quotes
 * too long for their share are shortened.
 */
function quoteBlocks(quotes: readonly ActorQuote[], room: number, separator: string): string {
  const cites = quotes.map((q) => `-# ${safeText(citation(q.source))}`);
  const overhead = cites.reduce((n, c) => n + c.length + 1, 0) + separator.length * (quotes.length - 1);
  let left = Math.max(0, room - overhead);
  const shown = new Array<string>(quotes.length);
  const byLength = quotes.map((q, i) => ({ i, length: quoteLine(q.quote).length })).sort((a, b) => a.length - b.length);
  byLength.forEach(({ i, length }, k) => {
    const share = Math.floor(left / (byLength.length - k));
    shown[i] = length <= share ? quoteLine(quotes[i]!.quote) : quoteLine(shortenToFit(quotes[i]!.quote, share, quoteLine) || ELLIPSIS);
    left -= shown[i]!.length;
  });
  return quotes.map((_, i) => `${shown[i]}\n${cites[i]}`).join(separator);
}

/** Where a quote comes from (title · publisher · ¶ · file), each part shortened so that the paragraph always shows. */
export function citation(source: ActorQuote["source"]): string {
  const part = (text: string | undefined, max: number) => (text ? shortenToFit(oneLine(text), max, safeText) : undefined);
  const { title, publisher, file, ...rest } = source;
  const t = part(title, ACTOR_RENDER.citationTitle);
  const p = part(publisher, ACTOR_RENDER.citationPublisher);
  return formatCitation({ ...rest, ...(t ? { title: t } : {}), ...(p ? { publisher: p } : {}), file: part(file, ACTOR_RENDER.citationFile) ?? "" });
}

/** A suggestion button on the answer to an unknown name: the actor's name, and the custom id that shows it. */
export interface SuggestionButton {
  name: string;
  customId: string;
}

/** The answer to a name that is no actor: the closest actors' names, as buttons when given. */
export function unknownActorMessage(u: UnknownActor, buttons: readonly SuggestionButton[] = []): MessageBody {
  const typed = safeText(shortenToFit(oneLine(u.unknown), 100, safeText));
  if (u.suggestions.length === 0) {
    return notice(`No actor is named “${typed}”, and none has a close name. \`/actors\` lists every actor the articles mention.`);
  }
  const names = u.suggestions.map((n) => `**${safeText(oneLine(n))}**`);
  const body = notice(`No actor is named “${typed}”. Did you mean ${fitItems(names, 1500, { separator: ", " })}? \`/actors\` lists them all.`);
  const shown = buttons.slice(0, ACTOR_RENDER.suggestionButtons).map((b) => button(b.customId, shortenToFit(oneLine(b.name), LIMITS.buttonLabel) || ELLIPSIS));
  return { ...body, components: buttonRows(shown) };
}

/** A page of the actor list, and the custom ids of the buttons to the pages around it. */
export interface ActorListPage {
  /** The page shown, from 0 (clamped to the pages there are). */
  page: number;
  pageSize?: number;
  previousId?: string;
  nextId?: string;
}

/** How many pages `count` actors make. */
export function actorListPages(count: number, pageSize: number = ACTOR_RENDER.listPageSize): number {
  return Math.max(1, Math.ceil(count / pageSize));
}

/** The page of `page` clamped to the pages there are. */
export function clampListPage(count: number, page: number, pageSize: number = ACTOR_RENDER.listPageSize): number {
  return Math.min(Math.max(0, Math.trunc(page) || 0), actorListPages(count, pageSize) - 1);
}

/** `/actors`: one page of the actors, most mentioned first (rank, name, kind, mentions, a few other names). */
export function actorListMessage(actors: readonly ActorListing[], view: ActorListPage): MessageBody {
  if (actors.length === 0) {
    return notice("The articles name no actor yet. Put articles in the seeds folder (and, optionally, an `actors.json`) and refresh the index.");
  }
  const pageSize = view.pageSize ?? ACTOR_RENDER.listPageSize;
  const page = clampListPage(actors.length, view.page, pageSize);
  const pages = actorListPages(actors.length, pageSize);
  const first = page * pageSize;
  const shown = actors.slice(first, first + pageSize);
  const lines = shown.map((a, i) => {
    const aliases = a.aliases.slice(0, ACTOR_RENDER.listAliases).map(oneLine);
    const also = aliases.length > 0 ? ` · also ${aliases.join(", ")}${a.aliases.length > aliases.length ? ", …" : ""}` : "";
    const name = shortenToFit(oneLine(a.name), ACTOR_RENDER.name);
    const row = `**${first + i + 1}.** **${safeText(name)}** · ${a.kind} · ${plural(a.mentions, "mention")}`;
    return row + safeText(shortenToFit(also, Math.max(0, ACTOR_RENDER.listRow - row.length), safeText));
  });
  const footer = `${pages > 1 ? `Page ${page + 1} of ${pages} · ` : ""}most mentioned first · /actor name: for what the articles say about one`;
  const title = `Actors (${actors.length})`;
  const room = Math.min(LIMITS.embedDescription, LIMITS.embedTotal - title.length - footer.length);
  const embed: APIEmbed = { color: ACTOR_RENDER.listColor, title, description: fitItems(lines, room), footer: { text: footer } };
  const components = buttonRows([view.previousId ? button(view.previousId, "Previous") : undefined, view.nextId ? button(view.nextId, "Next") : undefined]);
  return { content: "", embeds: [embed], components, allowedMentions: NO_PINGS };
}

/**
 * Autocomplete choices for actor names: the actor's name first (what survives shortening), then
 * the alias that matched, its kind and mentions: "United States (Washington) · country · 20 mentions".
 * The value is the actor's id, which `/actor` looks up: short and whole, where a long name would
 * be cut at 100 characters and then name no one.
 */
export function actorChoices(suggestions: readonly ActorSuggestion[]): Array<APIApplicationCommandOptionChoice<string>> {
  return fitChoices(
    suggestions.map((s) => ({
      name: `${oneLine(s.name)}${s.via ? ` (${oneLine(s.via)})` : ""} · ${s.kind} · ${plural(s.mentions, "mention")}`,
      value: s.id,
    })),
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
