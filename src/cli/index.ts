/**
 * `npm run index`: rebuilds `index/` from `seeds/` and prints what changed (the same report as a
 * refresh from the console or Discord). The index is rewritten only when something changed, so
 * running bots watching the folder are not made to reload an identical index.
 */
import { compareManifests, formatReindexReport } from "../engine.js";
import { inThreadBuilder } from "../search/builder.js";
import { loadLibrary } from "../search/store.js";
import { runCli } from "./run.js";

runCli(async ({ config, log }) => {
  const started = Date.now();
  const by = { name: "cli", where: "npm run index" };
  const previous = await loadLibrary(config.INDEX_DIR).catch((err: Error) => {
    log.info({ reason: err.message }, `building from scratch: ${err.message}`);
    return undefined;
  });
  try {
    const outcome = await inThreadBuilder({ seedsDir: config.SEEDS_DIR, indexDir: config.INDEX_DIR, previous: previous?.manifest });
    const report = compareManifests(previous?.manifest, outcome.manifest, started);
    log.info(
      { audit: "reindex", by, result: "ok", changed: report.changed, added: report.added, updated: report.updated, removed: report.removed, skipped: report.skipped.length, ms: report.ms },
      report.changed ? "index rebuilt" : "index rebuild: nothing changed",
    );
    process.stdout.write(`${formatReindexReport(report).join("\n")}\n`);
  } catch (err) {
    log.error({ audit: "reindex", by, result: "failed", err: (err as Error).message }, "index rebuild failed; the previous index is unchanged");
    throw err;
  }
});
