/**
 * The build worker's entry (started by `workerBuilder` in `builder.ts`): builds the library from
 * the seeds folder in this worker thread, persists it, and posts the outcome (never the library
 * itself, which cannot cross threads) back to the main thread; a failure goes back with the
 * error's message and stack.
 */
import { parentPort, threadId, workerData } from "node:worker_threads";
import { buildAndPersist, buildError, postedError, type BuildJob, type WorkerMessage } from "./builder.js";

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
  // The error itself goes along (message and stack): the main thread logs it.
  post({ type: "failed", stage: failure.stage, message: failure.message, cause: postedError(failure) });
}
