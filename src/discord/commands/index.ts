/**
 * Every command the bot has: the one list that both the dispatcher (routing interactions and
 * component clicks) and `npm run deploy` (registering definitions) read. To add a command, write
 * a module next to these (see `../command.ts` for its shape) and list it here.
 */
import type { CommandModule } from "../command.js";
import * as actor from "./actor.js";
import * as actors from "./actors.js";
import * as ask from "./ask.js";
import * as findSources from "./find-sources.js";
import * as help from "./help.js";
import * as reindex from "./reindex.js";
import * as source from "./source.js";
import * as sources from "./sources.js";

export const commands: readonly CommandModule[] = [ask, actor, actors, sources, help, findSources, reindex, source];

/** The definitions Discord registers (`PUT …/commands`). */
export function commandDefinitions(modules: readonly CommandModule[] = commands) {
  return modules.map((m) => m.data.toJSON());
}
