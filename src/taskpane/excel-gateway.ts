/**
 * The one interface between the task pane and Excel. The pane logic sees plain values (SheetData, strings, numbers);
 * Office.js proxies stay inside `createOfficeGateway`.
 *
 * Reads are batched: `readWorkbook` takes exactly three `context.sync()` calls whatever the size of the workbook
 * (sheet list → used ranges → every chunk's values and number formats), chunked by rows so that no single range holds
 * more than CHUNK_CELLS cells. Writes go only to the sheets the add-in owns (OWN_SHEETS: the working paper, the
 * findings and the 残保金映射 mapping sheet, which is also read as input) and to new sheets it creates on request
 * (`addSheets`, never over an existing one), as one 2-D assignment per block, with calculation suspended until the sync.
 */
import { SNAPSHOT_SHEET } from "../snapshot/sheet";
import { a1 as a1OneBased, parseA1 } from "../workbook/address";
import { MAPPING_SHEET } from "../workbook/mapping";
import type { CellValue, SheetData } from "../workbook/types";
import { insertTemplateSheets, type InsertTemplateOptions } from "./template-insert";

/** A1 address of a 0-based cell. */
function a1(row: number, column: number): string {
  return a1OneBased(row + 1, column);
}

/**
 * The sheets the add-in owns. It writes to these and to nothing else (besides new sheets it creates on request, see
 * `addSheets`). The mapping sheet is also input: every reader of the workbook applies it, so it is read like the
 * user's sheets; the other two are output only and never read.
 */
export const OWN_SHEETS = {
  workingPaper: "残保金底稿",
  findings: "校验结果",
  mapping: MAPPING_SHEET,
} as const;

export type OwnSheetName = (typeof OWN_SHEETS)[keyof typeof OWN_SHEETS];

const OWN_SHEET_NAMES: readonly string[] = Object.values(OWN_SHEETS);

/** The pane's snapshot sheet for a filing year: "2025 快照" (src/snapshot/sheet.ts reads any name ending in 快照). */
export function paneSnapshotSheetName(filingYear: number): string {
  return `${filingYear} ${SNAPSHOT_SHEET}`;
}

function isSnapshotSheetName(name: string): boolean {
  return /^\d{4} /.test(name) && name === paneSnapshotSheetName(Number(name.slice(0, 4)));
}

/** The add-in's output sheets: not read for the analysis, and edits to them do not re-validate. */
export const OUTPUT_SHEET_NAMES: readonly string[] = [OWN_SHEETS.workingPaper, OWN_SHEETS.findings];

export function isOwnSheet(name: string): name is OwnSheetName {
  return OWN_SHEET_NAMES.includes(name);
}

export function isOutputSheet(name: string): boolean {
  return OUTPUT_SHEET_NAMES.includes(name);
}

export class NotOwnSheetError extends Error {
  constructor(readonly sheet: string) {
    super(`The add-in writes only to its own sheets (${OWN_SHEET_NAMES.join(", ")}), not to "${sheet}". / 本插件只写入自己的工作表，不会写入“${sheet}”。`);
    this.name = "NotOwnSheetError";
  }
}

export interface SheetInfo {
  name: string;
  id: string;
  visible: boolean;
  /** Used range (values only) without the sheet name, e.g. "A1:I301"; null for an empty sheet. */
  usedAddress: string | null;
  rowCount: number;
  columnCount: number;
}

export interface ReadOptions {
  /** Also read formulas (doubles the payload; the analysis only needs them to recompute saved LEVY.* formulas). */
  formulas?: boolean;
  /** Sheet names not to read. The add-in's own sheets are never read. */
  exclude?: readonly string[];
  onProgress?: (fraction: number, stage: string) => void;
}

/** What the add-in writes into a cell. Text starting with "=" is written as text (number format "@"), never as a formula. */
export type WriteCell = string | number | boolean | null;

export interface WriteOptions {
  /** Number formats, same shape as the rows (null = leave General). */
  formats?: (string | null)[][];
  /** Leading rows shown bold and frozen. */
  headerRows?: number;
  /** Column widths in points (optional, by column index). */
  columnWidths?: readonly number[];
  /** Show the sheet after writing it (default true). */
  activate?: boolean;
  /**
   * The filed snapshot (issue 10 §3): its cells (src/snapshot/sheet.ts snapshotSheetRows), written in the same batch
   * to a veryHidden sheet protected without a password, named "<filing year> 快照" (paneSnapshotSheetName) so that
   * last year's snapshot in the same workbook is kept. A visible sheet of that name is the user's: left alone.
   */
  snapshot?: { sheet: string; rows: WriteCell[][] };
}

/** A sheet the add-in creates on the user's request (the template's sheets): rows written in one assignment. */
export interface NewSheet {
  name: string;
  rows: WriteCell[][];
  /** Leading rows shown bold and frozen. */
  headerRows?: number;
}

export interface AddSheetsResult {
  added: string[];
  /** Sheets that already existed: left exactly as they were. */
  existing: string[];
}

export interface WriteResult {
  /** False when the sheet existed and the user chose not to replace it. */
  written: boolean;
  sheet: OwnSheetName;
  /** Address of the block written, e.g. "A1:F40". */
  address: string;
  replaced: boolean;
  /** With options.snapshot: "written", or "kept" when a sheet of that name is the user's (visible) and was left alone. */
  snapshot?: "written" | "kept";
}

export type Language = "zh-CN" | "en-US";

/** The add-in's settings, kept in the workbook (Office document settings) so that a firm template carries them. */
export interface AddinSettings {
  /** Region code or name; absent = the workbook's parameter block decides. */
  region?: string;
  filingYear?: number;
  entityType?: string;
  /** Explicit column mapping, as AnalyseOptions.mapping. */
  mapping?: Record<string, string>;
  /** Re-validate after edits (debounced worksheet change events). */
  autoValidate?: boolean;
  /** Interface language chosen in settings; absent = Office's display language. */
  language?: Language;
}

/** One run of the analysis, as kept in the workbook (aggregates only: never a person's data). */
export interface RunRecord {
  /** ISO timestamp. */
  at: string;
  region: string;
  filingYear: number;
  entityType: string;
  /** Col 12 (decimal string), or null when the run could not calculate. */
  payable: string | null;
  errors: number;
  warnings: number;
  infos: number;
}

/** Runs kept (the oldest dropped first). */
export const HISTORY_LIMIT = 20;

/** Validates the history a workbook carries (anything malformed is dropped, never trusted). */
export function parseHistory(raw: unknown): RunRecord[] {
  let value = raw;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return [];
    }
  }
  if (!Array.isArray(value)) return [];
  const out: RunRecord[] = [];
  for (const v of value) {
    if (typeof v !== "object" || v === null) continue;
    const o = v as Record<string, unknown>;
    const count = (x: unknown) => (typeof x === "number" && Number.isInteger(x) && x >= 0 ? x : null);
    const errors = count(o.errors);
    const warnings = count(o.warnings);
    const infos = count(o.infos);
    if (typeof o.at !== "string" || errors === null || warnings === null || infos === null) continue;
    if (o.payable !== null && (typeof o.payable !== "string" || !/^-?\d+(\.\d+)?$/.test(o.payable))) continue;
    out.push({
      at: o.at,
      region: typeof o.region === "string" ? o.region : "",
      filingYear: typeof o.filingYear === "number" ? o.filingYear : 0,
      entityType: typeof o.entityType === "string" ? o.entityType : "",
      payable: o.payable as string | null,
      errors,
      warnings,
      infos,
    });
  }
  return out.slice(-HISTORY_LIMIT);
}

export interface WorksheetChange {
  sheetId: string;
  /** Sheet name when known. */
  sheet?: string;
  address: string;
  /** True when the change was made by this add-in (our own writes), when Excel says so. */
  byThisAddin: boolean;
}

export interface ExcelGateway {
  listSheets(): Promise<SheetInfo[]>;
  /** Every sheet's used range (except the add-in's own sheets and `exclude`) as SheetData. */
  readWorkbook(options?: ReadOptions): Promise<SheetData[]>;
  /** Writes rows to one of the add-in's own sheets, creating it or (after confirmReplace) replacing its content. */
  writeOwnSheet(name: OwnSheetName, rows: WriteCell[][], options?: WriteOptions): Promise<WriteResult>;
  /**
   * Creates the sheets that do not exist yet, each written in one 2-D assignment; a sheet whose name exists is left
   * untouched and reported. Two context.sync() calls whatever the number of sheets.
   */
  addSheets(sheets: readonly NewSheet[]): Promise<AddSheetsResult>;
  /** Adds the firm template's sheets that do not exist yet (src/taskpane/template-insert.ts). Two context.sync() calls. */
  addTemplate(options: InsertTemplateOptions): Promise<AddSheetsResult>;
  /** Activates `sheet` and selects `address` ("A5", "B2:B40" or a list "A2,A5:A7"). */
  select(sheet: string, address: string): Promise<void>;
  getSettings(): AddinSettings;
  setSettings(settings: AddinSettings): Promise<void>;
  /** The run history kept in the document's settings (saved with the workbook); optional for test doubles. */
  getHistory?(): RunRecord[];
  saveHistory?(history: readonly RunRecord[]): Promise<void>;
  /** Calls `listener` after any cell edit in any worksheet; resolves to a function that unsubscribes. */
  onWorksheetChanged(listener: (change: WorksheetChange) => void): Promise<() => Promise<void>>;
}

/* ------------------------------------------------------------------------------------------------------------------
 * Pure helpers (shared by the Office.js implementation, the tests and the browser harness)
 * ---------------------------------------------------------------------------------------------------------------- */

/** Largest number of cells in one range read or written (Excel's own limit is 5 million cells and 5 MB on the web). */
export const CHUNK_CELLS = 50_000;

/** A1 address of a block (single cell when 1×1). */
export function blockAddress(row: number, column: number, rows: number, columns: number): string {
  const start = a1(row, column);
  if (rows <= 1 && columns <= 1) return start;
  return `${start}:${a1(row + Math.max(rows, 1) - 1, column + Math.max(columns, 1) - 1)}`;
}

/** "'My sheet'!B2:C9" → "B2:C9". */
export function stripSheet(address: string): string {
  const bang = address.lastIndexOf("!");
  return bang >= 0 ? address.slice(bang + 1) : address;
}

export interface RowChunk {
  /** 0-based row offset within the block. */
  start: number;
  rows: number;
}

/** Splits `rowCount` rows of `columnCount` columns into chunks of at most `maxCells` cells (at least one row each). */
export function planRowChunks(rowCount: number, columnCount: number, maxCells = CHUNK_CELLS): RowChunk[] {
  if (rowCount <= 0 || columnCount <= 0) return [];
  const perChunk = Math.max(1, Math.floor(maxCells / columnCount));
  const chunks: RowChunk[] = [];
  for (let start = 0; start < rowCount; start += perChunk) chunks.push({ start, rows: Math.min(perChunk, rowCount - start) });
  return chunks;
}

/** The error values Excel shows in a cell; Office.js hands them over as these strings. */
const EXCEL_ERRORS = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CALC!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#BUSY!",
  "#UNKNOWN!",
  "#PYTHON!",
]);

/** One cell as Office.js returns it → the workbook model's CellValue ("" → null, "#N/A" → {error}). */
export function normaliseCell(value: unknown): CellValue {
  if (value === "" || value === null || value === undefined) return null;
  if (typeof value === "string") return EXCEL_ERRORS.has(value) ? { error: value } : value;
  if (typeof value === "number" || typeof value === "boolean") return value;
  return String(value);
}

/** Number format as read → null for "General" (the common case, to keep large reads small). */
export function normaliseFormat(format: unknown): string | null {
  if (typeof format !== "string" || format === "" || format === "General") return null;
  return format;
}

/** Office.js gives a cell's value as its "formula" when it has none: keep only real formulas. */
export function normaliseFormula(formula: unknown): string | null {
  return typeof formula === "string" && formula.startsWith("=") ? formula : null;
}

/** Pads ragged rows to a rectangle (Office.js needs every row of a 2-D assignment to have the same length). */
export function rectangular<T>(rows: readonly (readonly T[])[], fill: T): { rows: T[][]; width: number } {
  const width = Math.max(1, ...rows.map((r) => r.length));
  return { rows: rows.map((r) => (r.length === width ? [...r] : [...r, ...Array<T>(width - r.length).fill(fill)])), width };
}

const SETTINGS_KEY = "levyAssistant";
/** The run history: a document setting of its own, so that the settings object stays small. */
const HISTORY_KEY = "levyAssistantHistory";

/** Validates whatever the document's settings hold (a workbook may carry anything). */
export function parseAddinSettings(raw: unknown): AddinSettings {
  const out: AddinSettings = {};
  let value = raw;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return out;
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return out;
  const o = value as Record<string, unknown>;
  if (typeof o.region === "string" && o.region.trim() !== "") out.region = o.region.trim();
  if (typeof o.filingYear === "number" && Number.isInteger(o.filingYear) && o.filingYear >= 2000 && o.filingYear <= 2100) out.filingYear = o.filingYear;
  if (typeof o.entityType === "string" && o.entityType.trim() !== "") out.entityType = o.entityType.trim();
  if (typeof o.autoValidate === "boolean") out.autoValidate = o.autoValidate;
  if (o.language === "zh-CN" || o.language === "en-US") out.language = o.language;
  if (typeof o.mapping === "object" && o.mapping !== null && !Array.isArray(o.mapping)) {
    const mapping: Record<string, string> = Object.create(null);
    for (const [k, v] of Object.entries(o.mapping as Record<string, unknown>)) if (typeof v === "string") mapping[k] = v;
    if (Object.keys(mapping).length > 0) out.mapping = { ...mapping };
  }
  return out;
}

/* ------------------------------------------------------------------------------------------------------------------
 * Office.js implementation
 * ---------------------------------------------------------------------------------------------------------------- */

/** The parts of the Office.js globals the gateway uses (Excel.run and the document's settings); injectable for tests. */
export interface OfficeHost {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** Runs a batch on an existing context (to remove an event handler on the context it was added on). */
  runOn<T>(context: OfficeExtension.ClientRequestContext, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  settings: Pick<Office.Settings, "get" | "set" | "saveAsync">;
  /** Office.context.requirements.isSetSupported; absent = the set is taken as not supported. */
  isSetSupported?: (name: string, minVersion: string) => boolean;
}

/** Columns beyond which an output sheet prints landscape (the working paper's 项目/值/依据/说明 fit portrait). */
export const PORTRAIT_MAX_COLUMNS = 5;

/**
 * Issue 11: the output sheets print on A4, one page wide and as many pages tall as needed, the header rows repeated on
 * each page. Page layout needs ExcelApi 1.9; on an older host the sheet is written without it (Excel's default print
 * setup) — queued only, no sync of its own.
 */
function queueA4PageLayout(ws: Excel.Worksheet, host: OfficeHost, width: number, headerRows: number): boolean {
  if (!host.isSetSupported?.("ExcelApi", "1.9")) return false;
  ws.pageLayout.paperSize = "A4";
  ws.pageLayout.orientation = width > PORTRAIT_MAX_COLUMNS ? "Landscape" : "Portrait";
  // One page wide, as many pages tall as needed (0 = automatic, as fitToHeight="0" in the file).
  ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  if (headerRows > 0) ws.pageLayout.setPrintTitleRows(`$1:$${headerRows}`);
  return true;
}

export interface OfficeGatewayOptions {
  /** Asked before an existing own sheet is replaced; resolve false to keep it. Default: replace. */
  confirmReplace?: (sheet: OwnSheetName) => Promise<boolean>;
  /** Cells per range read or written (default CHUNK_CELLS). */
  chunkCells?: number;
  /** Yields to the event loop between chunks while assembling a read (default setTimeout 0). */
  pause?: () => Promise<void>;
}

/** The real host: the global `Excel` and `Office` objects (call after Office.onReady). */
export function officeHostFromGlobals(): OfficeHost {
  return {
    run: (batch) => Excel.run(batch),
    runOn: (context, batch) => Excel.run(context, batch),
    settings: Office.context.document.settings,
    isSetSupported: (name, minVersion) => Office.context.requirements?.isSetSupported(name, minVersion) ?? false,
  };
}

function isPayloadTooLarge(error: unknown): boolean {
  const code = typeof error === "object" && error !== null ? String((error as { code?: unknown }).code ?? "") : "";
  return code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded";
}

interface PlannedSheet {
  name: string;
  row: number;
  column: number;
  rows: number;
  columns: number;
}

interface LoadedChunk {
  sheet: number;
  start: number;
  range: Excel.Range;
}

export function createOfficeGateway(host: OfficeHost, options: OfficeGatewayOptions = {}): ExcelGateway {
  const chunkCells = options.chunkCells ?? CHUNK_CELLS;
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  const confirmReplace = options.confirmReplace ?? (async () => true);
  const sheetNames = new Map<string, string>(); // worksheet id → name, refreshed by every listing

  /** Sync 1: the sheet list. Sync 2: each sheet's used range (values only, so formatted empty cells do not count). */
  async function usedRanges(context: Excel.RequestContext): Promise<SheetInfo[]> {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name,items/id,items/visibility");
    await context.sync();
    const used = sheets.items.map((ws) => {
      const range = ws.getUsedRangeOrNullObject(true);
      range.load("address,rowCount,columnCount");
      return range;
    });
    await context.sync();
    sheetNames.clear();
    return sheets.items.map((ws, i) => {
      sheetNames.set(ws.id, ws.name);
      const range = used[i];
      const empty = range.isNullObject;
      return {
        name: ws.name,
        id: ws.id,
        visible: ws.visibility === "Visible",
        usedAddress: empty ? null : stripSheet(range.address),
        rowCount: empty ? 0 : range.rowCount,
        columnCount: empty ? 0 : range.columnCount,
      };
    });
  }

  /** The sheets to read, as blocks of rows and columns (0-based). */
  function planSheets(infos: SheetInfo[], exclude: ReadonlySet<string>): PlannedSheet[] {
    return infos
      .filter((s) => !exclude.has(s.name) && s.usedAddress !== null)
      .map((s) => {
        const start = parseA1((s.usedAddress as string).split(":")[0]) ?? { row: 1, col: 0 };
        return { name: s.name, row: start.row - 1, column: start.col, rows: s.rowCount, columns: s.columnCount };
      });
  }

  function planChunks(plan: PlannedSheet[]): Array<{ sheet: number; start: number; rows: number }> {
    return plan.flatMap((p, sheet) => planRowChunks(p.rows, p.columns, chunkCells).map((c) => ({ sheet, ...c })));
  }

  /** Queues the loads of `chunks` on `context`; the caller syncs once. */
  function queueChunks(context: Excel.RequestContext, plan: PlannedSheet[], chunks: Array<{ sheet: number; start: number; rows: number }>, props: string): LoadedChunk[] {
    const sheets = new Map<number, Excel.Worksheet>();
    return chunks.map((c) => {
      const p = plan[c.sheet];
      let ws = sheets.get(c.sheet);
      if (!ws) {
        ws = context.workbook.worksheets.getItem(p.name);
        sheets.set(c.sheet, ws);
      }
      const range = ws.getRangeByIndexes(p.row + c.start, p.column, c.rows, p.columns);
      range.load(props);
      return { sheet: c.sheet, start: c.start, range };
    });
  }

  /** Turns the loaded chunks into SheetData, letting the pane breathe between chunks (a 100k-row read is 2M+ cells). */
  async function assemble(plan: PlannedSheet[], chunks: LoadedChunk[], withFormulas: boolean): Promise<SheetData[]> {
    const out: SheetData[] = plan.map((p) => ({
      name: p.name,
      origin: a1(p.row, p.column),
      values: new Array<CellValue[]>(p.rows),
      numberFormats: new Array<(string | null)[]>(p.rows),
      ...(withFormulas ? { formulas: new Array<(string | null)[]>(p.rows) } : {}),
    }));
    for (const c of chunks) {
      const target = out[c.sheet];
      const values = c.range.values as unknown[][];
      const formats = c.range.numberFormat as unknown[][];
      const formulas = withFormulas ? (c.range.formulas as unknown[][]) : undefined;
      for (let r = 0; r < values.length; r++) {
        target.values[c.start + r] = values[r].map(normaliseCell);
        (target.numberFormats as (string | null)[][])[c.start + r] = formats[r].map(normaliseFormat);
        if (formulas && target.formulas) target.formulas[c.start + r] = formulas[r].map(normaliseFormula);
      }
      if (chunks.length > 1) await pause();
    }
    return out;
  }

  async function readWorkbook(readOptions: ReadOptions = {}): Promise<SheetData[]> {
    const exclude = new Set([...OUTPUT_SHEET_NAMES, ...(readOptions.exclude ?? [])]);
    const withFormulas = readOptions.formulas === true;
    const props = withFormulas ? "values,numberFormat,formulas" : "values,numberFormat";
    const progress = readOptions.onProgress ?? (() => undefined);
    try {
      return await host.run(async (context) => {
        progress(0, "sheets");
        const plan = planSheets(await usedRanges(context), exclude);
        progress(0.2, "cells");
        // Sync 3: every chunk of every sheet in one round trip.
        const chunks = queueChunks(context, plan, planChunks(plan), props);
        await context.sync();
        progress(1, "cells");
        return assemble(plan, chunks, withFormulas);
      });
    } catch (error) {
      if (!isPayloadTooLarge(error)) throw error;
      // Excel on the web refuses a round trip over 5 MB as a whole: read again, one chunk per round trip.
      return host.run(async (context) => {
        const plan = planSheets(await usedRanges(context), exclude);
        const keys = planChunks(plan);
        const loaded: LoadedChunk[] = [];
        for (let i = 0; i < keys.length; i++) {
          loaded.push(...queueChunks(context, plan, [keys[i]], props));
          await context.sync();
          progress(0.2 + (0.8 * (i + 1)) / keys.length, "cells");
        }
        return assemble(plan, loaded, withFormulas);
      });
    }
  }

  async function writeOwnSheet(name: OwnSheetName, rows: WriteCell[][], writeOptions: WriteOptions = {}): Promise<WriteResult> {
    // The whitelist is checked before anything touches Excel, whatever the caller's types say.
    if (!isOwnSheet(name)) throw new NotOwnSheetError(String(name));
    if (writeOptions.snapshot && !isSnapshotSheetName(writeOptions.snapshot.sheet)) throw new NotOwnSheetError(writeOptions.snapshot.sheet);
    const { rows: block, width } = rectangular<WriteCell>(rows.length > 0 ? rows : [[null]], null);
    const formats = writeOptions.formats ? rectangular<string | null>(writeOptions.formats, null).rows : undefined;
    const address = blockAddress(0, 0, block.length, width);

    const exists = await host.run(async (context) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(name);
      ws.load("name");
      await context.sync();
      return !ws.isNullObject;
    });
    if (exists && !(await confirmReplace(name))) return { written: false, sheet: name, address, replaced: false };

    let snapshot: WriteResult["snapshot"];
    await host.run(async (context) => {
      const existing = context.workbook.worksheets.getItemOrNullObject(name);
      existing.load("name");
      // The snapshot sheet is probed in the same round trip (no extra context.sync()).
      const snapshotSheet = writeOptions.snapshot ? context.workbook.worksheets.getItemOrNullObject(writeOptions.snapshot.sheet) : null;
      snapshotSheet?.load("name,visibility");
      await context.sync();
      context.workbook.application.suspendApiCalculationUntilNextSync();
      let ws: Excel.Worksheet;
      if (existing.isNullObject) {
        ws = context.workbook.worksheets.add(name);
      } else {
        ws = existing;
        // Clear the old content (not delete the sheet, so that references to it from elsewhere keep working).
        ws.getRange().clear();
      }
      for (const chunk of planRowChunks(block.length, width, chunkCells)) {
        const range = ws.getRangeByIndexes(chunk.start, 0, chunk.rows, width);
        const values = block.slice(chunk.start, chunk.start + chunk.rows);
        // Text that looks like a formula is stored as text: format "@" is assigned before the values.
        const fmt = values.map((row, r) =>
          row.map((v, c) => (typeof v === "string" && v.startsWith("=") ? "@" : (formats?.[chunk.start + r]?.[c] ?? "General"))),
        );
        if (formats || fmt.some((row) => row.some((f) => f !== "General"))) range.numberFormat = fmt;
        range.values = values;
      }
      const headerRows = Math.min(writeOptions.headerRows ?? 0, block.length);
      if (headerRows > 0) {
        ws.getRangeByIndexes(0, 0, headerRows, width).format.font.bold = true;
        ws.freezePanes.freezeRows(headerRows);
      }
      if (OUTPUT_SHEET_NAMES.includes(name)) queueA4PageLayout(ws, host, width, headerRows);
      const all = ws.getRangeByIndexes(0, 0, block.length, width);
      if (writeOptions.columnWidths) {
        writeOptions.columnWidths.forEach((w, c) => {
          if (c < width) ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = w;
        });
      } else {
        all.format.autofitColumns();
      }
      if (writeOptions.activate !== false) ws.activate();
      if (snapshotSheet && writeOptions.snapshot) snapshot = queueSnapshotSheet(context, snapshotSheet, writeOptions.snapshot.sheet, writeOptions.snapshot.rows);
      await context.sync();
    });
    return { written: true, sheet: name, address, replaced: exists, ...(snapshot ? { snapshot } : {}) };
  }

  /**
   * Queues the snapshot sheet's write (no sync): a new sheet, or our own earlier one (veryHidden) unprotected, cleared
   * and rewritten; then veryHidden and protected without a password. A visible sheet of that name is not ours: kept.
   */
  function queueSnapshotSheet(context: Excel.RequestContext, probe: Excel.Worksheet, sheet: string, rows: WriteCell[][]): "written" | "kept" {
    let ws: Excel.Worksheet;
    if (probe.isNullObject) {
      ws = context.workbook.worksheets.add(sheet);
    } else if (probe.visibility === "VeryHidden") {
      ws = probe;
      ws.protection.unprotect();
      ws.getRange().clear();
    } else {
      return "kept";
    }
    const { rows: block, width } = rectangular<WriteCell>(rows, null);
    const range = ws.getRangeByIndexes(0, 0, block.length, width);
    range.numberFormat = block.map((row) => row.map((v) => (typeof v === "string" ? "@" : "General")));
    range.values = block;
    ws.visibility = "VeryHidden";
    ws.protection.protect();
    return "written";
  }

  async function addSheets(newSheets: readonly NewSheet[]): Promise<AddSheetsResult> {
    return host.run(async (context) => {
      // Sync 1: which names exist (checked in the same batch as the writes, so nothing existing is ever touched).
      const probes = newSheets.map((s) => {
        const ws = context.workbook.worksheets.getItemOrNullObject(s.name);
        ws.load("name");
        return ws;
      });
      await context.sync();
      const added: string[] = [];
      const existing: string[] = [];
      context.workbook.application.suspendApiCalculationUntilNextSync();
      newSheets.forEach((s, i) => {
        if (!probes[i].isNullObject) {
          existing.push(s.name);
          return;
        }
        const { rows: block, width } = rectangular<WriteCell>(s.rows.length > 0 ? s.rows : [[null]], null);
        const ws = context.workbook.worksheets.add(s.name);
        const range = ws.getRangeByIndexes(0, 0, block.length, width);
        range.numberFormat = block.map((row) => row.map((v) => (typeof v === "string" && v.startsWith("=") ? "@" : "General")));
        range.values = block;
        const headerRows = Math.min(s.headerRows ?? 0, block.length);
        if (headerRows > 0) {
          ws.getRangeByIndexes(0, 0, headerRows, width).format.font.bold = true;
          ws.freezePanes.freezeRows(headerRows);
        }
        added.push(s.name);
      });
      // Sync 2: every new sheet at once.
      if (added.length > 0) await context.sync();
      return { added, existing };
    });
  }

  async function select(sheet: string, address: string): Promise<void> {
    await host.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      const target = stripSheet(address);
      if (target.includes(",")) ws.getRanges(target).select();
      else ws.getRange(target).select();
      await context.sync();
    });
  }

  function getSettings(): AddinSettings {
    return parseAddinSettings(host.settings.get(SETTINGS_KEY));
  }

  function setSettings(settings: AddinSettings): Promise<void> {
    host.settings.set(SETTINGS_KEY, parseAddinSettings(settings));
    return new Promise((resolve, reject) => {
      host.settings.saveAsync((result) => {
        if (String(result.status) === "failed") reject(new Error(result.error?.message ?? "saveAsync failed"));
        else resolve();
      });
    });
  }

  function getHistory(): RunRecord[] {
    return parseHistory(host.settings.get(HISTORY_KEY));
  }

  function saveHistory(history: readonly RunRecord[]): Promise<void> {
    host.settings.set(HISTORY_KEY, parseHistory([...history]));
    return new Promise((resolve, reject) => {
      host.settings.saveAsync((result) => {
        if (String(result.status) === "failed") reject(new Error(result.error?.message ?? "saveAsync failed"));
        else resolve();
      });
    });
  }

  async function onWorksheetChanged(listener: (change: WorksheetChange) => void): Promise<() => Promise<void>> {
    const handle = await host.run(async (context) => {
      await usedRanges(context); // refreshes the id → name map so events can name their sheet
      const result = context.workbook.worksheets.onChanged.add(async (event) => {
        listener({
          sheetId: event.worksheetId,
          sheet: sheetNames.get(event.worksheetId),
          address: event.address,
          byThisAddin: event.triggerSource === "ThisLocalAddin",
        });
      });
      await context.sync();
      return result;
    });
    return async () => {
      await host.runOn(handle.context, async (context) => {
        handle.remove();
        await context.sync();
      });
    };
  }

  return {
    listSheets: () => host.run(usedRanges),
    readWorkbook,
    writeOwnSheet,
    addSheets,
    addTemplate: (templateOptions) => insertTemplateSheets(host, templateOptions),
    select,
    getSettings,
    setSettings,
    getHistory,
    saveHistory,
    onWorksheetChanged,
  };
}
