/**
 * Runs the analysis away from the pane's event loop where it can: in a Web Worker (webpack 5 bundles
 * `new Worker(new URL(...))`), cancelled by terminating the worker. Where a worker cannot start (a host or CSP that
 * refuses it, the unit tests), the same analysis runs inline with a yield to the event loop before it starts and a
 * cancellation check at every progress report.
 */
import type { AnalyseOptions, AuditResult } from "../validation/analyse-contract";
import type { SheetData } from "../workbook/types";
import { moneyString } from "../core/decimal";
import { hiresNeeded } from "../core/levy/hires";
import { buildSnapshot } from "../snapshot/build";
import { snapshotsInSheets } from "../snapshot/sheet";
import { SnapshotError, type Snapshot } from "../snapshot/types";
import { groupOutcomes, type HiresView, type PaneAudit } from "./view-model";
import packageJson from "../../package.json";

export type AnalyseFn = (sheets: SheetData[], options: AnalyseOptions) => AuditResult | Promise<AuditResult>;

export type AnalysisOptions = Omit<AnalyseOptions, "onProgress">;

export interface Analyser {
  run(sheets: SheetData[], options: AnalysisOptions, onProgress: (fraction: number, stage: string) => void, signal: AbortSignal): Promise<PaneAudit>;
}

export class CancelledError extends Error {
  constructor() {
    super("cancelled");
    this.name = "CancelledError";
  }
}

export function isCancelled(error: unknown): boolean {
  return error instanceof CancelledError || (typeof error === "object" && error !== null && (error as { name?: unknown }).name === "CancelledError");
}

/**
 * The part of an AuditResult the pane keeps (plain data: `result` holds Decimal objects), plus the hires that reach
 * the next reduction band, planned on the same aggregates (`case`) the calculation used.
 */
export function toPaneAudit(audit: AuditResult, sheets?: readonly SheetData[], options?: AnalysisOptions, now: () => Date = () => new Date()): PaneAudit {
  const { result: _decimals, exclusions, rejections, ...plain } = audit;
  let hires: HiresView | null = null;
  if (audit.case && audit.calculation) {
    try {
      const plan = hiresNeeded(audit.case, "next");
      // Name the band actually reached: one hire may clear the whole quota even when the goal was the 50% band.
      const target = plan.target === "none" ? "none" : plan.after.shortfall.isZero() ? "full" : "tier-50";
      hires = { target, hires: plan.hires, reachable: plan.reachable, saving: moneyString(plan.saving), payableAfter: moneyString(plan.after.payable) };
    } catch {
      hires = null; // the plan is a help, not a figure of the filing: no plan rather than no result
    }
  }
  const outcomes = exclusions || rejections ? groupOutcomes([...(exclusions ?? []), ...(rejections ?? [])]) : undefined;
  const pane: PaneAudit = outcomes ? { ...plain, outcomes, hires } : { ...plain, hires };
  if (!sheets) return pane;
  const rows = (audit.tables ?? []).reduce((n, t) => n + (t.role === "derived" ? 0 : t.rows.read), 0);
  if (rows > PANE_SNAPSHOT_MAX_ROWS) return { ...pane, snapshot: null, snapshotSkipped: { rows, limit: PANE_SNAPSHOT_MAX_ROWS }, filed: filedSnapshots(sheets) };
  return { ...pane, snapshot: paneSnapshot(audit, sheets, options ?? {}, now), filed: filedSnapshots(sheets) };
}

/** The snapshots already in the workbook (its hidden "<year> 快照" sheets), for the 同比 view; a damaged one says so. */
export function filedSnapshots(sheets: readonly SheetData[]): NonNullable<PaneAudit["filed"]> {
  try {
    return { snapshots: snapshotsInSheets(sheets).map((s) => ({ sheet: s.sheet, snapshot: s.snapshot })) };
  } catch (error) {
    const detail = error instanceof SnapshotError ? error.detail : { zh: String(error), en: String(error) };
    return { snapshots: [], error: detail };
  }
}

/**
 * Above this many source rows the pane makes no snapshot (a SHA-256 per row in JavaScript would hold every run up by
 * seconds); the write status says so and points to `levy audit --snapshot`, which makes the same snapshot.
 */
export const PANE_SNAPSHOT_MAX_ROWS = 120_000;

/** The name a snapshot made in the pane gives as its source file (Office.js does not tell the add-in the file name). */
export const PANE_SNAPSHOT_FILE = "当前工作簿 open workbook";

/**
 * The filed snapshot of this run (issue 10 §3), built where the sheets are (the worker), with the same builder and
 * options as `levy audit --snapshot` (src/cli/snapshot-io.ts snapshotOf). Null when the run gave no result.
 */
export function paneSnapshot(audit: AuditResult, sheets: readonly SheetData[], options: AnalysisOptions, now: () => Date = () => new Date()): Snapshot | null {
  if (!audit.result || audit.fatal || !audit.case) return null;
  const { region, filingYear, entityType, mapping } = options;
  return buildSnapshot(sheets, audit, {
    file: PANE_SNAPSHOT_FILE,
    options: { ...(region ? { region } : {}), ...(filingYear ? { filingYear } : {}), ...(entityType ? { entityType } : {}), ...(mapping ? { mapping: { ...mapping } } : {}) },
    createdAt: now().toISOString(),
    toolVersion: packageJson.version,
  });
}

/** Lets the browser paint (and handle a Cancel click) before long synchronous work. */
export function yieldToUi(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function inlineAnalyser(analyse: AnalyseFn): Analyser {
  return {
    async run(sheets, options, onProgress, signal) {
      await yieldToUi();
      if (signal.aborted) throw new CancelledError();
      const result = await analyse(sheets, {
        ...options,
        onProgress: (fraction, stage) => {
          if (signal.aborted) throw new CancelledError();
          onProgress(fraction, stage);
        },
      });
      if (signal.aborted) throw new CancelledError();
      return toPaneAudit(result, sheets, options);
    },
  };
}

/*
 * Messages between the pane and analysis.worker.ts. The sheets go over in slices of at most POST_CELLS cells with a
 * yield between them: one structured clone of a 100k-row workbook would block the pane for most of a second.
 */
export const POST_CELLS = 20_000;

export type WorkerRequest =
  | { type: "begin"; id: number; options: AnalysisOptions; sheets: Array<{ name: string; origin: string; rows: number; formats: boolean; formulas: boolean }> }
  | { type: "rows"; id: number; sheet: number; start: number; values: SheetData["values"]; numberFormats?: (string | null)[][]; formulas?: (string | null)[][] }
  | { type: "run"; id: number };

export type WorkerReply =
  | { type: "progress"; id: number; fraction: number; stage: string }
  | { type: "done"; id: number; audit: PaneAudit }
  | { type: "error"; id: number; message: string };

/** Posts `sheets` to a worker in slices, yielding between them; false if cancelled on the way. */
export async function postSheets(post: (message: WorkerRequest) => void, id: number, sheets: readonly SheetData[], options: AnalysisOptions, signal: AbortSignal): Promise<boolean> {
  post({
    type: "begin",
    id,
    options,
    sheets: sheets.map((s) => ({ name: s.name, origin: s.origin, rows: s.values.length, formats: s.numberFormats !== undefined, formulas: s.formulas !== undefined })),
  });
  for (let sheet = 0; sheet < sheets.length; sheet++) {
    const s = sheets[sheet];
    const width = Math.max(1, s.values[0]?.length ?? 1);
    const step = Math.max(1, Math.floor(POST_CELLS / width));
    for (let start = 0; start < s.values.length; start += step) {
      const end = start + step;
      post({
        type: "rows",
        id,
        sheet,
        start,
        values: s.values.slice(start, end),
        ...(s.numberFormats ? { numberFormats: s.numberFormats.slice(start, end) } : {}),
        ...(s.formulas ? { formulas: s.formulas.slice(start, end) } : {}),
      });
      if (s.values.length > step) await yieldToUi();
      if (signal.aborted) return false;
    }
  }
  post({ type: "run", id });
  return true;
}

/** The worker's side of postSheets: collects the slices into SheetData. */
export class SheetCollector {
  readonly sheets: SheetData[];
  constructor(begin: Extract<WorkerRequest, { type: "begin" }>) {
    this.sheets = begin.sheets.map((s) => ({
      name: s.name,
      origin: s.origin,
      values: new Array(s.rows),
      ...(s.formats ? { numberFormats: new Array(s.rows) } : {}),
      ...(s.formulas ? { formulas: new Array(s.rows) } : {}),
    }));
  }
  add(slice: Extract<WorkerRequest, { type: "rows" }>): void {
    const target = this.sheets[slice.sheet];
    for (let i = 0; i < slice.values.length; i++) {
      target.values[slice.start + i] = slice.values[i];
      if (slice.numberFormats && target.numberFormats) target.numberFormats[slice.start + i] = slice.numberFormats[i];
      if (slice.formulas && target.formulas) target.formulas[slice.start + i] = slice.formulas[i];
    }
  }
}

/** The subset of Worker the analyser uses (so tests can hand in a fake). */
export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  terminate(): void;
  onmessage: ((event: { data: WorkerReply }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
}

/**
 * A worker per run while it is needed: a cancelled run terminates its worker (the only way to stop synchronous work
 * in it); the next run starts a fresh one. If the worker fails to start, `fallback` runs the analysis inline.
 */
export function workerAnalyser(createWorker: () => WorkerLike, fallback: Analyser): Analyser {
  let worker: WorkerLike | null = null;
  let nextId = 1;
  let broken = false;
  return {
    run(sheets, options, onProgress, signal) {
      if (broken) return fallback.run(sheets, options, onProgress, signal);
      return new Promise<PaneAudit>((resolve, reject) => {
        let started = false;
        try {
          worker = worker ?? createWorker();
        } catch {
          broken = true;
          fallback.run(sheets, options, onProgress, signal).then(resolve, reject);
          return;
        }
        const w = worker;
        const id = nextId++;
        const finish = () => {
          signal.removeEventListener("abort", abort);
          w.onmessage = null;
          w.onerror = null;
        };
        const abort = () => {
          finish();
          w.terminate();
          if (worker === w) worker = null;
          reject(new CancelledError());
        };
        signal.addEventListener("abort", abort);
        w.onmessage = (event) => {
          const reply = event.data;
          if (reply.id !== id) return;
          started = true;
          if (reply.type === "progress") onProgress(reply.fraction, reply.stage);
          else if (reply.type === "done") {
            finish();
            resolve(reply.audit);
          } else {
            finish();
            reject(new Error(reply.message));
          }
        };
        w.onerror = (event) => {
          finish();
          w.terminate();
          if (worker === w) worker = null;
          if (!started) {
            // The worker script could not load or run at all: use the inline analysis from now on.
            broken = true;
            fallback.run(sheets, options, onProgress, signal).then(resolve, reject);
          } else reject(new Error(event.message ?? "analysis worker failed"));
        };
        if (signal.aborted) abort();
        else postSheets((m) => w.postMessage(m), id, sheets, options, signal).catch((error: unknown) => {
          finish();
          reject(error);
        });
      });
    },
  };
}
