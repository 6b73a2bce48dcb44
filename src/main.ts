/**
 * `npm start`: with `DISCORD_TOKEN`, the Discord bot; without it, one line that says so and the
 * local console mode, so the project does something useful on a fresh clone.
 */
import { runConsole } from "./cli/console.js";
import "./actors/console.js"; // registers :actor and :actors
import { runCli } from "./cli/run.js";

runCli(async (ctx) => {
  if (!ctx.config.DISCORD_TOKEN) {
    process.stderr.write("No DISCORD_TOKEN set (see .env.example): starting the local console instead of the Discord bot.\n");
    await runConsole(await ctx.engine());
    return;
  }
  // Log in while the index loads: interactions that arrive meanwhile are deferred, then answered.
  const { startBot } = await import("./discord/bot.js");
  await startBot(ctx.config, ctx.log, ctx.engine({ startupBuild: "builder" }));
});
