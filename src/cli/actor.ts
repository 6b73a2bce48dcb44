/**
 * `npm run --silent actor -- [--json] "name or alias"`: one actor's summary. A name that is no
 * actor exits non-zero with the closest names on stderr.
 */
import { formatActorSummary, formatUnknownActor } from "../actors/format.js";
import { actorSummaryToJSON, isUnknownActor } from "../actors/registry.js";
import { UsageError, parseCliArgs, runCli } from "./run.js";

export const MAX_NAME_CHARS = 200;

/** A name that stands for no actor: exit 1 (not a usage mistake), one line on stderr. */
class UnknownActorError extends Error {
  override name = "UnknownActorError";
}

runCli(
  async (ctx) => {
    const { values, positionals } = parseCliArgs({ json: { type: "boolean", default: false } });
    const name = positionals.join(" ").trim();
    if (name === "") throw new UsageError('usage: npm run --silent actor -- [--json] "name or alias"');
    if (name.length > MAX_NAME_CHARS) throw new UsageError(`the name is longer than ${MAX_NAME_CHARS} characters`);
    const found = (await ctx.engine()).actor(name);
    if (isUnknownActor(found)) throw new UnknownActorError(formatUnknownActor(found));
    process.stdout.write(values.json ? `${JSON.stringify(actorSummaryToJSON(found))}\n` : `${formatActorSummary(found, { color: process.stdout.isTTY })}\n`);
  },
  { quiet: true },
);
