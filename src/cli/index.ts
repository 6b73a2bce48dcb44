/**
 * `npm run index`: rebuilds `index/` from `seeds/` and prints what changed (the same report as a
 * refresh from the console or Discord). The index is rewritten only when something changed, so
 * running bots watching the folder are not made to reload an identical index. When the persisted
 * index cannot serve (another format or analysis options, or corrupt), its manifest is still read
 * for the report, which then lists only what really changed in the seeds and says why everything
 * was indexed anew.
 */
import { compareManifests, formatReindexReport, reindexSummary } from "../engine.js";
import { inThreadBuilder } from "../search/builder.js";
import { loadLibrary, readPreviousManifest } from "../search/store.js";
import { runCli } from "./run.js";

runCli(async ({ config, log }) => {
  const started = Date.now();
  const by = { name: "cli", where: "npm run index" };
  let stale: string | undefined;
  const previous = await loadLibrary(config.INDEX_DIR).catch((err: Error) => {
    stale = err.message;
    log.info({ reason: err.message }, `building from scratch: ${err.message}`);
    return undefined;
  });
  // For the report only: whatever index was there before, trusted or not.
  const before = previous?.manifest ?? (await readPreviousManifest(config.INDEX_DIR));
  try {
    const outcome = await inThreadBuilder({ seedsDir: config.SEEDS_DIR, indexDir: config.INDEX_DIR, previous: previous?.manifest });
    const report = compareManifests(before, outcome.manifest, started, stale && before ? { fullRebuild: `${stale}: full rebuild` } : {});
    log.info({ audit: "reindex", by, result: "ok", ...reindexSummary(report) }, report.changed ? "index rebuilt" : "index rebuild: nothing changed");
    process.stdout.write(`${formatReindexReport(report).join("\n")}\n`);
  } catch (err) {
    log.error({ audit: "reindex", by, result: "failed", err }, "index rebuild failed; the previous index is unchanged");
    throw err;
  }
});
