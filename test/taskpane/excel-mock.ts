/**
 * An Excel workbook built from office-addin-mock objects, for the gateway's tests.
 *
 * office-addin-mock gives each proxy Office.js's load/sync discipline: a property read before `load` + `sync` returns
 * an error string instead of its value, so a gateway that forgets a load or reads before the sync gets garbage and
 * the tests see it. Two things the library does not model are added here:
 *  - proxies returned by methods (getRangeByIndexes, getItem, …) are not part of the mock's object tree, so the
 *    counted `context.sync()` also syncs every proxy created so far (as Office.js does);
 *  - a collection load such as `worksheets.load("items/name")` is translated into loads on each item.
 */
import { OfficeMockObject } from "office-addin-mock";
import { blockAddress, type OfficeHost } from "../../src/taskpane/excel-gateway";
import type { CellValue, SheetData } from "../../src/workbook/types";
import { parseA1 } from "../../src/workbook/address";

type Cell = string | number | boolean;

interface SheetState {
  name: string;
  id: string;
  values: Cell[][];
  formats: string[][];
  formulas: (string | null)[][];
  mock: OfficeMockObject;
  /** Calls that change a sheet as a whole. */
  calls: string[];
  /** True for sheets created by the add-in during the test. */
  added: boolean;
}

export interface CreatedRange {
  sheet: string;
  address: string;
  mock: OfficeMockObject;
  original: { values: Cell[][]; numberFormat: string[][] };
  calls: string[];
  /** Where the range is, so that values written to it reach the sheet at the next sync (and a later read sees them). */
  at: { state: SheetState; row: number; column: number };
  /** The values last copied into the sheet (JSON), so each assignment is applied once. */
  applied?: string;
}

/** Office.js shape of a cell: "" for empty, "#N/A" text for errors. */
function officeValue(v: CellValue): Cell {
  if (v === null) return "";
  if (v instanceof Date) throw new Error("the Office.js host gives dates as serial numbers");
  if (typeof v === "object") return v.error;
  return v;
}

export interface ExcelMock {
  host: OfficeHost;
  /** context.sync() calls so far. */
  syncs(): number;
  resetSyncs(): void;
  ranges: CreatedRange[];
  sheets: Map<string, SheetState>;
  selections: Array<{ sheet: string; address: string }>;
  suspendCalls(): number;
  settingsStore: Map<string, unknown>;
  fireChange(sheet: string, address: string, triggerSource?: string): Promise<void>;
  handlers(): number;
  /** Blocks assigned to `sheet`'s ranges (values as written), in the order the ranges were created. */
  written(sheet: string): Array<{ address: string; values: unknown[][]; numberFormat?: unknown[][] }>;
  /** Excel tables added (worksheet.tables.add), with the name and style the add-in gave them. */
  tables: Array<{ sheet: string; address: string; hasHeaders: boolean; mock: { name?: string; style?: string; showBandedRows?: boolean } }>;
  /** worksheet.protection.protect calls. */
  protections: Array<{ sheet: string; options: unknown; password: unknown }>;
  /** workbook.comments.add calls. */
  comments: Array<{ address: string; content: string }>;
  /** Each sheet's page layout as the add-in set it (paperSize, orientation, zoom, printTitleRows, …). */
  pageLayouts: Map<string, Record<string, unknown>>;
  /** Names of the tables the workbook holds at the start (workbook.tables). */
  existingTables: string[];
  /** Differences between each user sheet's state and what it held at the start (empty = untouched). */
  userSheetChanges(ownSheets: readonly string[]): string[];
}

export function createExcelMock(workbook: SheetData[], options: { tables?: string[] } = {}): ExcelMock {
  const registry: OfficeMockObject[] = [];
  const ranges: CreatedRange[] = [];
  const sheets = new Map<string, SheetState>();
  const selections: Array<{ sheet: string; address: string }> = [];
  const settingsStore = new Map<string, unknown>();
  const handlers: Array<(event: unknown) => Promise<unknown>> = [];
  const tablesAdded: ExcelMock["tables"] = [];
  const protections: ExcelMock["protections"] = [];
  const comments: ExcelMock["comments"] = [];
  const pageLayouts = new Map<string, Record<string, unknown>>();
  const existingTables = [...(options.tables ?? [])];
  let syncCount = 0;
  let suspends = 0;
  let nextId = 1;

  function track(m: OfficeMockObject): OfficeMockObject {
    registry.push(m);
    return m;
  }

  function rangeMock(state: SheetState, row: number, column: number, rows: number, columns: number): OfficeMockObject {
    const values: Cell[][] = [];
    const numberFormat: string[][] = [];
    const formulas: Cell[][] = [];
    for (let r = 0; r < rows; r++) {
      const src = state.values[row + r] ?? [];
      values.push(Array.from({ length: columns }, (_, c) => src[column + c] ?? ""));
      numberFormat.push(Array.from({ length: columns }, (_, c) => state.formats[row + r]?.[column + c] ?? "General"));
      formulas.push(Array.from({ length: columns }, (_, c) => state.formulas[row + r]?.[column + c] ?? values[r][c]));
    }
    const address = blockAddress(row, column, rows, columns);
    const calls: string[] = [];
    const mock = track(
      new OfficeMockObject({
        address: `${state.name}!${address}`,
        rowCount: rows,
        columnCount: columns,
        values,
        numberFormat,
        formulas,
        format: {
          font: { bold: false, italic: false, color: "#000000", size: 11 },
          fill: { color: "#FFFFFF" },
          horizontalAlignment: "General",
          wrapText: false,
          columnWidth: 48,
          autofitColumns: () => calls.push("autofitColumns"),
        },
        dataValidation: { ignoreBlanks: true },
        merge: () => calls.push("merge"),
        clear: () => calls.push("clear"),
        select: () => {
          calls.push("select");
          selections.push({ sheet: state.name, address });
        },
      }),
    );
    mock.isNullObject = false;
    ranges.push({ sheet: state.name, address, mock, original: { values: values.map((r) => [...r]), numberFormat: numberFormat.map((r) => [...r]) }, calls, at: { state, row, column } });
    return mock;
  }

  function addressRange(state: SheetState, address: string): OfficeMockObject {
    const [a, b] = address.split(":");
    const start = parseA1(a);
    const end = parseA1(b ?? a);
    if (!start || !end) throw new Error(`mock: unsupported address ${address}`);
    return rangeMock(state, start.row - 1, start.col, end.row - start.row + 1, end.col - start.col + 1);
  }

  function usedBounds(state: SheetState): { row: number; column: number; rows: number; columns: number } | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    state.values.forEach((row, r) => {
      row?.forEach((v, c) => {
        if (v === "" || v === undefined) return;
        top = Math.min(top, r);
        left = Math.min(left, c);
        bottom = Math.max(bottom, r);
        right = Math.max(right, c);
      });
    });
    return bottom < 0 ? null : { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
  }

  function nullObject(props: Record<string, unknown>): OfficeMockObject {
    const m = track(new OfficeMockObject(props));
    m.isNullObject = true;
    return m;
  }

  function addSheet(name: string, values: Cell[][], formats: string[][], formulas: (string | null)[][], added: boolean): SheetState {
    const calls: string[] = [];
    const state: SheetState = { name, id: `{sheet-${nextId++}}`, values, formats, formulas, calls, added, mock: undefined as unknown as OfficeMockObject };
    state.mock = track(
      new OfficeMockObject({
        name,
        id: state.id,
        visibility: "Visible",
        getUsedRangeOrNullObject: () => {
          const used = usedBounds(state);
          return used ? rangeMock(state, used.row, used.column, used.rows, used.columns) : nullObject({ address: undefined, rowCount: undefined, columnCount: undefined });
        },
        getRangeByIndexes: (row: number, column: number, rows: number, columns: number) => rangeMock(state, row, column, rows, columns),
        getRange: (address?: string) => {
          if (address === undefined) {
            const m = rangeMock(state, 0, 0, 0, 0);
            m.clear = () => {
              calls.push("clear");
              state.values = [];
            };
            return m;
          }
          return addressRange(state, address);
        },
        getRanges: (address: string) => {
          const first = addressRange(state, address.split(",")[0].trim());
          first.select = () => selections.push({ sheet: state.name, address });
          return first;
        },
        activate: () => calls.push("activate"),
        delete: () => calls.push("delete"),
        freezePanes: { freezeRows: (n: number) => calls.push(`freezeRows(${n})`) },
        tables: {
          add: (address: string, hasHeaders: boolean) => {
            const table = { name: undefined, style: undefined, showBandedRows: undefined };
            tablesAdded.push({ sheet: name, address, hasHeaders, mock: table });
            calls.push(`tables.add(${address})`);
            return table;
          },
        },
        protection: {
          protect: (protectOptions?: unknown, password?: unknown) => {
            protections.push({ sheet: name, options: protectOptions, password });
            calls.push("protect");
          },
          unprotect: () => calls.push("unprotect"),
        },
        pageLayout: {
          setPrintTitleRows: (rows: string) => {
            layout.printTitleRows = rows;
          },
        },
      }),
    );
    // Page layout properties are plain assignments; recorded from the mock object when read.
    const layout: Record<string, unknown> = {};
    pageLayouts.set(name, layout);
    const pl = state.mock.pageLayout as unknown as Record<string, unknown>;
    for (const key of ["paperSize", "orientation", "zoom", "centerHorizontally"]) {
      Object.defineProperty(pl, key, { get: () => layout[key], set: (v) => (layout[key] = v), configurable: true });
    }
    state.mock.isNullObject = false;
    sheets.set(name, state);
    return state;
  }

  for (const s of workbook) {
    const origin = parseA1(s.origin) ?? { row: 1, col: 0 };
    const values: Cell[][] = [];
    const formats: string[][] = [];
    const formulas: (string | null)[][] = [];
    s.values.forEach((row, r) => {
      const target = origin.row - 1 + r;
      values[target] = [];
      formats[target] = [];
      formulas[target] = [];
      row.forEach((v, c) => {
        values[target][origin.col + c] = officeValue(v);
        formats[target][origin.col + c] = s.numberFormats?.[r]?.[c] ?? "General";
        formulas[target][origin.col + c] = s.formulas?.[r]?.[c] ?? null;
      });
    });
    for (let r = 0; r < values.length; r++) values[r] = Array.from(values[r] ?? [], (v) => v ?? "");

    addSheet(s.name, values, formats, formulas, false);
  }

  const worksheets = new OfficeMockObject({
    items: [...sheets.values()].map((s) => s.mock),
    getItem: (name: string) => {
      const state = sheets.get(name);
      if (!state) throw Object.assign(new Error(`mock: no sheet ${name}`), { code: "ItemNotFound" });
      return state.mock;
    },
    getItemOrNullObject: (name: string) => sheets.get(name)?.mock ?? nullObject({ name: undefined, visibility: undefined }),
    add: (name: string) => addSheet(name, [], [], [], true).mock,
    onChanged: {
      add: (handler: (event: unknown) => Promise<unknown>) => {
        handlers.push(handler);
        return { context, remove: () => handlers.splice(handlers.indexOf(handler), 1) };
      },
    },
  });
  // office-addin-mock cannot load through an array ("items/name"): load the items themselves, then the collection.
  const collectionLoad = worksheets.load.bind(worksheets);
  worksheets.load = (props: string) => {
    const itemProps = props.split(",").map((p) => p.trim().replace(/^items\//, ""));
    for (const s of sheets.values()) s.mock.load(itemProps);
    // Sheets added since (by the add-in) are items too.
    worksheets.items = [...sheets.values()].map((s) => s.mock);
    collectionLoad("items");
    return worksheets;
  };

  const root = new OfficeMockObject({
    context: {
      workbook: {
        application: { suspendApiCalculationUntilNextSync: () => suspends++ },
        comments: { add: (address: string, content: string) => comments.push({ address, content }) },
      },
    },
  });
  const context = root.context;
  context.workbook.worksheets = worksheets;
  // workbook.tables: the names of the tables the workbook holds (loaded as items/name, like the worksheets).
  const tableItems = existingTables.map((n) => track(new OfficeMockObject({ name: n })));
  const workbookTables = track(new OfficeMockObject({ items: tableItems }));
  const tablesLoad = workbookTables.load.bind(workbookTables);
  workbookTables.load = (props: string) => {
    for (const t of tableItems) t.load(props.split(",").map((p) => p.trim().replace(/^items\//, "")));
    tablesLoad("items");
    return workbookTables;
  };
  context.workbook.tables = workbookTables;
  track(worksheets);
  const mockSync = context.sync.bind(context);
  /** Values assigned to ranges take effect in their sheet at the sync, as in Excel. */
  function applyWrites(): void {
    for (const r of ranges) {
      const v = r.mock.values;
      if (!Array.isArray(v)) continue;
      const json = JSON.stringify(v);
      if (json === (r.applied ?? JSON.stringify(r.original.values))) continue;
      r.applied = json;
      const { state, row, column } = r.at;
      (v as Cell[][]).forEach((line, i) => {
        const target = (state.values[row + i] ??= []);
        for (let c = 0; c < column; c++) if (target[c] === undefined) target[c] = "";
        line.forEach((cell, j) => (target[column + j] = cell === null || cell === undefined ? "" : cell));
      });
      for (let i = 0; i < state.values.length; i++) state.values[i] ??= [];
    }
  }
  context.sync = async () => {
    syncCount++;
    applyWrites();
    await mockSync();
    for (const m of registry) await m.sync();
  };

  const settings = {
    get: (key: string) => settingsStore.get(key) ?? null,
    set: (key: string, value: unknown) => void settingsStore.set(key, JSON.parse(JSON.stringify(value))),
    saveAsync: (callback?: (result: { status: string }) => void) => callback?.({ status: "succeeded" }),
  };

  const host: OfficeHost = {
    run: async (batch) => batch(context as unknown as Excel.RequestContext),
    runOn: async (_ctx, batch) => batch(context as unknown as Excel.RequestContext),
    settings: settings as unknown as OfficeHost["settings"],
  };

  return {
    host,
    syncs: () => syncCount,
    resetSyncs: () => {
      syncCount = 0;
    },
    ranges,
    sheets,
    selections,
    suspendCalls: () => suspends,
    settingsStore,
    handlers: () => handlers.length,
    tables: tablesAdded,
    protections,
    comments,
    pageLayouts,
    existingTables,
    async fireChange(sheet, address, triggerSource = "Unknown") {
      const state = sheets.get(sheet);
      for (const h of [...handlers]) await h({ worksheetId: state?.id ?? "{unknown}", address, triggerSource, source: "Local", changeType: "RangeEdited", type: "WorksheetChanged" });
    },
    written(sheet) {
      return ranges
        .filter((r) => r.sheet === sheet && Array.isArray(r.mock.values) && JSON.stringify(r.mock.values) !== JSON.stringify(r.original.values))
        .map((r) => ({ address: r.address, values: r.mock.values, numberFormat: Array.isArray(r.mock.numberFormat) && JSON.stringify(r.mock.numberFormat) !== JSON.stringify(r.original.numberFormat) ? r.mock.numberFormat : undefined }));
    },
    userSheetChanges(ownSheets) {
      const out: string[] = [];
      for (const s of sheets.values()) {
        if (s.added && !ownSheets.includes(s.name)) out.push(`sheet ${s.name} was added`);
      }
      for (const s of sheets.values()) {
        if (ownSheets.includes(s.name)) continue;
        for (const call of s.calls) if (call !== "activate") out.push(`${s.name}: ${call}()`);
      }
      for (const r of ranges) {
        if (ownSheets.includes(r.sheet)) continue;
        const m = r.mock;
        const loadedOrOriginal = (now: unknown, original: unknown) => typeof now === "string" || JSON.stringify(now) === JSON.stringify(original);
        if (!loadedOrOriginal(m.values, r.original.values)) out.push(`${r.sheet}!${r.address}: values assigned`);
        if (!loadedOrOriginal(m.numberFormat, r.original.numberFormat)) out.push(`${r.sheet}!${r.address}: numberFormat assigned`);
        if (m.format.font.bold === true) out.push(`${r.sheet}!${r.address}: bold`);
        if (m.format.columnWidth !== 48 && typeof m.format.columnWidth !== "string") out.push(`${r.sheet}!${r.address}: column width`);
        for (const call of r.calls) if (call !== "select") out.push(`${r.sheet}!${r.address}: ${call}()`);
      }
      return out;
    },
  };
}
