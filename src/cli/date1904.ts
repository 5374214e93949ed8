/**
 * The 1904 date system for cells the reader cannot recognise as dates on its own.
 *
 * The reader converts date-formatted cells with the workbook's date system (xlsx-reader.ts). A date typed into a
 * General-format cell reaches the model as a bare serial number, which the model (like Office.js) reads as a 1900
 * serial — four years and a day early in a workbook saved with the 1904 system (older Mac Excel): issue 9 §1 saw a
 * headcount of 72 instead of 76, exit 0. Which numbers are dates is known only once the model has recognised the
 * columns, so for a 1904 workbook the analysis runs twice: the first run finds the date columns (hire, leave,
 * contract, birth, certificate validity, month) and the date parameters; their serial numbers become dates (UTC
 * midnight, as the reader gives) and the second run is the audit. A 1900 workbook runs once, unchanged.
 */
import { analyseWorkbook } from "../validation/analyse";
import type { AnalyseOptions, AuditResult } from "../validation/analyse-contract";
import type { CellValue, SheetData } from "../workbook/types";
import type { WorkbookRead } from "./xlsx-reader";
import { columnNumber } from "./xlsx-reader";

const DATE_FIELDS = new Set(["birthDate", "hireDate", "leaveDate", "contractStart", "contractEnd", "certValidUntil", "month"]);
const DATE_PARAMETERS = new Set(["filingDate", "registrationDate"]);

/** A 1904-system serial as the date it means (UTC midnight); anything else unchanged. */
export function date1904(serial: CellValue, isMonth = false): CellValue {
  if (typeof serial !== "number" || !Number.isFinite(serial) || serial < 0 || serial >= 2_957_003) return serial;
  // A month column may hold 1–12 or 202403 rather than a serial: the model reads those as months, not dates.
  if (isMonth && Number.isInteger(serial) && ((serial >= 1 && serial <= 12) || (serial >= 190001 && serial <= 220012))) return serial;
  return new Date(Math.round((serial + 1462 - 25569) * 86_400_000));
}

function rowOf(address: string): number {
  const m = /(\d+)$/.exec(address.split(":").pop() ?? "");
  return m ? Number(m[1]) : 0;
}

/** Convert the serials in the cells the first analysis read as dates; how many changed. */
export function convertDateCells(sheets: SheetData[], result: AuditResult): number {
  const byName = new Map<string, SheetData>();
  for (const s of sheets) byName.set(s.name, s);
  let changed = 0;
  const convert = (sheet: SheetData | undefined, row: number, col: number, isMonth: boolean) => {
    if (!sheet) return;
    const firstRow = rowOf(sheet.origin);
    const firstCol = columnNumber(sheet.origin);
    const r = sheet.values[row - firstRow];
    const c = col - firstCol;
    if (!r || c < 0 || c >= r.length) return;
    const next = date1904(r[c], isMonth);
    if (next !== r[c]) {
      r[c] = next;
      changed++;
    }
  };
  for (const t of result.tables ?? []) {
    const sheet = byName.get(t.sheet);
    const last = rowOf(t.range);
    for (const col of t.columns) {
      if (!col.field || col.duplicate || !DATE_FIELDS.has(col.field)) continue;
      const c = columnNumber(col.column);
      for (let row = t.headerRow + 1; row <= last; row++) convert(sheet, row, c, col.field === "month");
    }
  }
  for (const p of result.parameters?.values ?? []) {
    if (!DATE_PARAMETERS.has(p.name)) continue;
    const m = /^([A-Z]+)(\d+)$/.exec(p.cell.address);
    if (m) convert(byName.get(p.cell.sheet), Number(m[2]), columnNumber(m[1]), false);
  }
  return changed;
}

/** analyseWorkbook on what the reader read, honouring the workbook's date system. */
export async function analyseRead(read: WorkbookRead, options: AnalyseOptions): Promise<AuditResult> {
  const first = await analyseWorkbook(read.sheets, options);
  if (!read.date1904) return first;
  if (convertDateCells(read.sheets, first) === 0) return first;
  return analyseWorkbook(read.sheets, options);
}
