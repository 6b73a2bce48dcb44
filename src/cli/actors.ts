/** `npm run --silent actors -- [--json]`: the actors the articles mention, most mentioned first. */
import { formatActorList } from "../actors/format.js";
import { UsageError, parseCliArgs, runCli } from "./run.js";

runCli(
  async (ctx) => {
    const { values, positionals } = parseCliArgs({ json: { type: "boolean", default: false } });
    if (positionals.length > 0) throw new UsageError("usage: npm run --silent actors -- [--json]");
    const actors = (await ctx.engine()).actors();
    process.stdout.write(values.json ? `${JSON.stringify({ actors })}\n` : `${formatActorList(actors)}\n`);
  },
  { quiet: true },
);
