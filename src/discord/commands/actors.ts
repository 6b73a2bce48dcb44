/**
 * `/actors`: every actor the articles mention, most mentioned first, a page at a time.
 * "Previous" / "Next" (`actors:page:<askerId>:<page>`) page the list: the asker pages the message
 * in place; someone else gets that page privately, so a public list does not change under the asker.
 */
import { SlashCommandBuilder, type ChatInputCommandInteraction } from "discord.js";
import type { ActorListing } from "../../actors/registry.js";
import { offeredIn, type BotContext, type ComponentHandler } from "../command.js";
import { encodeCustomId } from "../custom-id.js";
import type { MessageBody } from "../render.js";
import { actorListMessage, actorListPages, clampListPage } from "../render-actors.js";
import { pageInPlaceOrPrivately, replyFromEngine, replyPrivately } from "../respond.js";

export const kind = "slash";

export const data = offeredIn(new SlashCommandBuilder(), "servers and DMs")
  .setName("actors")
  .setDescription("The people, countries and groups the articles mention, most mentioned first");

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await replyFromEngine(interaction, ctx, false, (engine) => actorListBody(engine.actors(), 0, interaction.user.id));
}

/** Page `page` of the list (clamped), with buttons to the pages around it. */
export function actorListBody(actors: readonly ActorListing[], page: number, askerId: string): MessageBody {
  const shown = clampListPage(actors.length, page);
  const pages = actorListPages(actors.length);
  return actorListMessage(actors, {
    page: shown,
    ...(shown > 0 ? { previousId: encodeCustomId(data.name, "page", askerId, shown - 1) } : {}),
    ...(shown + 1 < pages ? { nextId: encodeCustomId(data.name, "page", askerId, shown + 1) } : {}),
  });
}

const showPage: ComponentHandler = async (interaction, [askerId, pageText], ctx) => {
  const page = Number(pageText);
  if (!askerId || !Number.isSafeInteger(page) || page < 0) {
    await replyPrivately(interaction, "This button no longer works. List the actors again with `/actors`.");
    return;
  }
  await pageInPlaceOrPrivately(interaction, ctx, askerId, (engine, { ownerId }) => actorListBody(engine.actors(), page, ownerId));
};

export const components: Record<string, ComponentHandler> = { page: showPage };
