/**
 * `/actor name [private]`: what the articles say about one actor (person, country, group,
 * organization, institution), in the articles' own sentences, each with its source.
 * - `name` autocompletes from the actor registry in memory (prefix first, then other names such as
 *   "Washington" for United States, then close spellings); never deferred. A choice shows the
 *   actor's name (shortened if long) and passes its id, which `/actor` looks up like a name.
 * - A name that is no actor gets the closest actors' names, as buttons that show that actor.
 * - "Previous quotes" / "More quotes" (`actor:page:<askerId>:<page>:<actor>`) page further quotes:
 *   the asker (or anyone, on a private answer) pages the message in place; someone else gets the
 *   page privately, so a public answer does not change under the asker. The same button shows a
 *   suggested actor from the answer to an unknown name.
 */
import { SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from "discord.js";
import { isUnknownActor, type ActorSummary, type UnknownActor } from "../../actors/registry.js";
import type { Engine } from "../../engine.js";
import { offeredIn, type BotContext, type ComponentHandler } from "../command.js";
import { encodeCustomId, shortKey } from "../custom-id.js";
import { LIMITS } from "../limits.js";
import { notice, type MessageBody } from "../render.js";
import { ACTOR_RENDER, actorChoices, actorMessage, unknownActorMessage, type SuggestionButton } from "../render-actors.js";
import { pageInPlaceOrPrivately, replyFromEngine, replyPrivately } from "../respond.js";

export const ACTOR_DEFAULTS = {
  /** Longest name accepted (autocomplete values are at most 100 characters). */
  maxName: LIMITS.choiceValue,
} as const;

export const GONE_TEXT = "This actor is no longer in the index, or the button is too old. `/actors` lists the actors now.";

export const kind = "slash";

export const help = "what the articles say about a person, country or group, in their own sentences with sources";

export const data = offeredIn(new SlashCommandBuilder(), "servers and DMs")
  .setName("actor")
  .setDescription("What the articles say about a person, country or group, in their own sentences")
  .addStringOption((o) =>
    o
      .setName("name")
      .setDescription("A name, or another name it goes by (Moscow, U.S., Kabulov)")
      .setRequired(true)
      .setAutocomplete(true)
      .setMaxLength(ACTOR_DEFAULTS.maxName),
  )
  .addBooleanOption((o) => o.setName("private").setDescription("Only you see the answer"));

/** Choices for what is typed in `name`, from memory; none while the index is still loading. */
export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const engine = ctx.engineNow();
  const focused = interaction.options.getFocused(true);
  if (!engine || focused.name !== "name") {
    await interaction.respond([]);
    return;
  }
  await interaction.respond(actorChoices(engine.suggestActors(String(focused.value), LIMITS.choices)));
}

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const name = interaction.options.getString("name", true).trim();
  if (!name) {
    await replyPrivately(interaction, `Name an actor, for example \`/actor name: ${ACTOR_RENDER.example}\`; \`/actors\` lists them all.`);
    return;
  }
  const ephemeral = interaction.options.getBoolean("private") ?? false;
  await replyFromEngine(interaction, ctx, ephemeral, (engine) => actorBody(engine, engine.actor(name), interaction.user.id));
}

/** The message for a lookup: the summary with its paging buttons, or the closest actors with theirs. */
export function actorBody(engine: Engine, found: ActorSummary | UnknownActor, askerId: string): MessageBody {
  if (isUnknownActor(found)) {
    const buttons: SuggestionButton[] = [];
    for (const name of found.suggestions) {
      const s = engine.actor(name);
      if (isUnknownActor(s) || buttons.some((b) => b.name === s.actor.name)) continue;
      buttons.push({ name: s.actor.name, customId: pageId(askerId, 0, s) });
    }
    return unknownActorMessage(found, buttons);
  }
  return actorMessage(found, {
    ...(found.page > 0 ? { previousId: pageId(askerId, found.page - 1, found) } : {}),
    ...(found.page + 1 < found.pages ? { nextId: pageId(askerId, found.page + 1, found) } : {}),
  });
}

/** The custom id of a button showing page `page` of an actor's quotes: its id, or a hash of its name when the id is too long. */
export function pageId(askerId: string, page: number, s: ActorSummary): string {
  try {
    return encodeCustomId(data.name, "page", askerId, page, s.actor.id);
  } catch {
    return encodeCustomId(data.name, "page", askerId, page, `#${shortKey(s.actor.name)}`);
  }
}

/** The summary page of the actor a button's key names, or undefined when no actor has it now. */
export function actorByKey(engine: Engine, key: string, page: number): ActorSummary | undefined {
  if (key.startsWith("#")) {
    const listing = engine.actors().find((a) => shortKey(a.name) === key.slice(1));
    const s = listing && engine.actor(listing.name, { page });
    return s && !isUnknownActor(s) ? s : undefined;
  }
  const s = engine.actor(key, { page });
  return !isUnknownActor(s) && s.actor.id === key ? s : undefined;
}

const showPage: ComponentHandler = async (interaction, [askerId, pageText, key], ctx) => {
  const page = Number(pageText);
  const now = ctx.engineNow();
  if (!askerId || !key || !Number.isSafeInteger(page) || page < 0 || (now && !actorByKey(now, key, page))) {
    await replyPrivately(interaction, GONE_TEXT);
    return;
  }
  await pageInPlaceOrPrivately(interaction, ctx, askerId, (engine, { ownerId }) => {
    const s = actorByKey(engine, key, page);
    return s ? actorBody(engine, s, ownerId) : notice(GONE_TEXT);
  });
};

export const components: Record<string, ComponentHandler> = { page: showPage };
