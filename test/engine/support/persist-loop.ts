/**
 * Run as a child process by `crash.test.ts`: loads the persisted index from the folder given as
 * its argument, then persists new generations of it (their build time says which) until killed.
 * It prints `writing N` before and `saved N` after each save.
 */
import { loadLibrary, saveLibrary } from "../../../src/search/store.js";
import { builtAtOfGeneration, withManifest } from "./generations.js";

const indexDir = process.argv[2];
if (!indexDir) throw new Error("usage: persist-loop.ts INDEX_DIR");
const base = await loadLibrary(indexDir);
process.stdout.write("ready\n");
for (let generation = 1; ; generation++) {
  const library = withManifest(base, { ...base.manifest, builtAt: builtAtOfGeneration(generation) });
  process.stdout.write(`writing ${generation}\n`);
  await saveLibrary(indexDir, library);
  process.stdout.write(`saved ${generation}\n`);
}
