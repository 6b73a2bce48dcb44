/** `npm run index`: rebuilds `index/` from `seeds/` and prints what changed. */
import { compareManifests, formatReindexReport } from "../engine.js";
import { buildLibrary } from "../search/library.js";
import { loadLibrary, saveLibrary } from "../search/store.js";
import { runCli } from "./run.js";

runCli(async ({ config, log }) => {
  const started = Date.now();
  const previous = await loadLibrary(config.INDEX_DIR).catch(() => undefined);
  const next = await buildLibrary(config.SEEDS_DIR);
  await saveLibrary(config.INDEX_DIR, next);
  const report = compareManifests(previous?.manifest, next.manifest, started);
  log.info({ audit: "reindex", by: { name: "cli" }, result: "ok", changed: report.changed, ms: report.ms }, "index rebuilt");
  process.stdout.write(`${formatReindexReport(report).join("\n")}\n`);
});
