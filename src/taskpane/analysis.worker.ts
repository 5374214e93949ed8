/**
 * The analysis in a Web Worker, so that a 100k-row roster never freezes the pane. Receives the sheets read through the
 * gateway, posts progress (at most every 50 ms) and the result without its Decimal-valued `result` field.
 */
import { analyseWorkbook } from "../validation/analyse";
import { SheetCollector, toPaneAudit, type WorkerReply, type WorkerRequest } from "./analyser";

interface WorkerScope {
  onmessage: ((event: { data: WorkerRequest }) => void) | null;
  postMessage(message: WorkerReply): void;
}

const scope = self as unknown as WorkerScope;

let collecting: { id: number; options: Extract<WorkerRequest, { type: "begin" }>["options"]; collector: SheetCollector } | null = null;

scope.onmessage = (event) => {
  const request = event.data;
  if (request.type === "begin") {
    collecting = { id: request.id, options: request.options, collector: new SheetCollector(request) };
    return;
  }
  if (!collecting || collecting.id !== request.id) return;
  if (request.type === "rows") {
    collecting.collector.add(request);
    return;
  }
  const { id, options, collector } = collecting;
  collecting = null;
  let last = 0;
  try {
    const result = analyseWorkbook(collector.sheets, {
      ...options,
      onProgress: (fraction, stage) => {
        const now = Date.now();
        if (now - last < 50 && fraction < 1) return;
        last = now;
        scope.postMessage({ type: "progress", id, fraction, stage });
      },
    });
    scope.postMessage({ type: "done", id, audit: toPaneAudit(result, collector.sheets, options) });
  } catch (error) {
    scope.postMessage({ type: "error", id, message: error instanceof Error ? error.message : String(error) });
  }
};
