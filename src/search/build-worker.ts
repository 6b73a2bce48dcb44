/**
 * The build worker's entry (started by `workerBuilder` in `builder.ts`): builds the library from
 * the seeds folder in this worker thread, persists it, and posts the outcome (never the library
 * itself, which cannot cross threads) back to the main thread.
 */
import { parentPort, threadId, workerData } from "node:worker_threads";
import { buildAndPersist, buildError, type BuildJob, type WorkerMessage } from "./builder.js";

const port = parentPort;
if (!port) throw new Error("build-worker.ts runs only as a worker thread");
const post = (msg: WorkerMessage) => port.postMessage(msg);

const { job } = workerData as { job: BuildJob };
post({ type: "started", threadId });
try {
  const { library: _built, ...outcome } = await buildAndPersist(job);
  post({ type: "done", outcome });
} catch (err) {
  const failure = buildError("build", err);
  post({ type: "failed", stage: failure.stage, message: failure.message });
}
