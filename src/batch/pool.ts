/**
 * Running a batch's files on several cores (issue 10 §4): files are independent, so each worker thread takes the
 * next file when it finishes one. Results are stored by the task's index, so their order is the input order (sorted
 * by path) whatever finishes first. With one job — or when no worker script can be found — the very same task
 * function runs in this thread, one file after the other.
 *
 * The worker script: dist-cli/batch-worker.js beside the CLI bundle (webpack builds it from worker.ts), or, when
 * running the TypeScript sources (vitest, tsx), worker.ts itself loaded through tsx's require hook.
 *
 * A worker that dies (out of memory, a crash in a native module) costs only the file it was on: that file is
 * reported as not audited, with the reason, and a fresh worker takes the remaining files.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { unusable } from "../cli/audit";
import { runBatchTask } from "./task";
import type { BatchTask, BatchTaskResult } from "./task";

export interface WorkerScript {
  /** A script path, or (eval) the source of a bootstrap. */
  file: string;
  eval: boolean;
}

/** The worker script next to this module: the webpack bundle's, or the TypeScript source run through tsx. */
export function findWorkerScript(): WorkerScript | null {
  const bundled = join(__dirname, "batch-worker.js");
  if (existsSync(bundled)) return { file: bundled, eval: false };
  // The sources (vitest, tsx): tsx's require hook compiles worker.ts and what it imports, as bin/levy-bench.js does.
  const source = join(__dirname, "worker.ts");
  if (existsSync(source)) return { file: `require("tsx/cjs"); require(${JSON.stringify(source)});`, eval: true };
  return null;
}

export interface PoolOptions {
  jobs: number;
  /** Called after each file, in completion order (the progress line). */
  onDone?: (done: number, total: number, task: BatchTask) => void;
  /** The worker script (default: findWorkerScript()); null forces in-process. */
  worker?: WorkerScript | null;
}

function failed(task: BatchTask, message: string): BatchTaskResult {
  return {
    index: task.index,
    entries: [
      {
        audit: unusable(task.displayName, { zh: `审核中断：${message}`, en: `The audit of this file stopped: ${message}` }),
        employer: { name: null, uscc: null },
      },
    ],
  };
}

async function inProcess(tasks: readonly BatchTask[], options: PoolOptions): Promise<BatchTaskResult[]> {
  const results: BatchTaskResult[] = [];
  for (const task of tasks) {
    try {
      results.push(await runBatchTask(task));
    } catch (error) {
      results.push(failed(task, error instanceof Error ? error.message : String(error)));
    }
    options.onDone?.(results.length, tasks.length, task);
  }
  return results;
}

/** Run every task; results in task order. Never rejects because of one file. */
export async function runBatchTasks(tasks: readonly BatchTask[], options: PoolOptions): Promise<BatchTaskResult[]> {
  const script = options.worker === undefined ? findWorkerScript() : options.worker;
  const jobs = Math.max(1, Math.min(Math.floor(options.jobs), tasks.length));
  if (jobs <= 1 || script === null) return inProcess(tasks, options);

  const results = new Array<BatchTaskResult | undefined>(tasks.length);
  let next = 0;
  let done = 0;
  return new Promise((resolvePool) => {
    const finish = (task: BatchTask, result: BatchTaskResult) => {
      if (results[task.index] !== undefined) return;
      results[task.index] = result;
      done++;
      options.onDone?.(done, tasks.length, task);
      if (done === tasks.length) resolvePool(results as BatchTaskResult[]);
    };
    const start = () => {
      const worker = new Worker(script.file, { eval: script.eval, stdout: false, stderr: false });
      let current: BatchTask | null = null;
      const take = () => {
        if (next >= tasks.length) {
          current = null;
          void worker.terminate();
          return;
        }
        current = tasks[next++];
        worker.postMessage(current);
      };
      worker.on("message", (message: { ok: true; result: BatchTaskResult } | { ok: false; index: number; message: string }) => {
        const task = current;
        if (!task) return;
        finish(task, message.ok ? message.result : failed(task, message.message));
        take();
      });
      const died = (why: string) => {
        const task = current;
        current = null;
        if (!task) return;
        finish(task, failed(task, why));
        if (next < tasks.length) start();
      };
      worker.on("error", (error) => died(error.message));
      worker.on("exit", (code) => died(`工作线程退出 worker exited (${code})`));
      take();
    };
    for (let i = 0; i < jobs; i++) start();
  });
}
