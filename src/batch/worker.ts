/**
 * The batch worker thread: audits the files the pool hands it, one at a time, and posts each result back. Bundled by
 * webpack as dist-cli/batch-worker.js (webpack.config.js, cli entry "batch-worker"); under vitest the pool starts this
 * file through tsx's require hook. A task never throws (runBatchTask reports an unusable file as such); should something below it
 * throw anyway, the error goes back with the task so the pool reports that file and carries on.
 */
import { parentPort } from "node:worker_threads";
import { runBatchTask } from "./task";
import type { BatchTask } from "./task";

if (parentPort) {
  const port = parentPort;
  port.on("message", (task: BatchTask) => {
    runBatchTask(task).then(
      (result) => port.postMessage({ ok: true, result }),
      (error: unknown) => port.postMessage({ ok: false, index: task.index, message: error instanceof Error ? error.message : String(error) }),
    );
  });
}
