/**
 * The console mode's actor commands: `:actors` lists the actors, `:actor NAME` shows one actor's
 * summary. Importing this module registers them with the console (`main.ts` does); their help
 * lines are in the console's `CONSOLE_HELP`.
 */
import { consoleCommands } from "../cli/console.js";
import { isUnknownActor } from "./registry.js";
import { formatActorList, formatActorSummary, formatUnknownActor } from "./format.js";

consoleCommands.set("actors", (engine) => formatActorList(engine.actors()));
consoleCommands.set("actor", (engine, arg) => {
  const name = arg.trim();
  if (name === "") return "Which actor? Type :actor and a name or alias, e.g. :actor Russia. :actors lists them.";
  const found = engine.actor(name);
  return isUnknownActor(found) ? formatUnknownActor(found) : formatActorSummary(found);
});
