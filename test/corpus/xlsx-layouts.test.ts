/**
 * The metamorphic corpus through real .xlsx files: what only a saved workbook has — Excel tables (ListObjects) with
 * filters, hidden rows, columns and sheets, merged group cells over two-row headers, real Excel dates — written by
 * ExcelJS, read back by `levy audit`'s reader, must give the in-memory baseline's invariant.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readXlsx } from "../../src/cli/xlsx-reader";
import { analyseWorkbook } from "../../src/validation/analyse";
import type { CellValue, SheetData } from "../../src/workbook/types";
import { invariant } from "./invariant";
import { RENDERINGS, render } from "./layouts";
import { makeCompany } from "./people";

const TODAY = "2025-03-01";
const dir = mkdtempSync(join(tmpdir(), "levy-xlsx-corpus-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Dressing {
  /** Write each sheet's table as an Excel table (ListObject) with an auto-filter. */
  tables: boolean;
  /** Hide every 7th data row and the last column of each sheet; hide the disabled register's sheet. */
  hidden: boolean;
  /** Merge the group cells (应发项目 …) of two-row headers across their columns. */
  merges: boolean;
  /** Dates as Excel dates (serials with a date format) instead of text. */
  realDates: boolean;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function cell(v: CellValue, realDates: boolean): ExcelJS.CellValue {
  if (realDates && typeof v === "string" && ISO.test(v)) return new Date(`${v}T00:00:00Z`);
  return v as ExcelJS.CellValue;
}

async function writeXlsx(sheets: SheetData[], d: Dressing, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    const header = s.values.findIndex((r) => r.filter((v) => v !== null && v !== undefined).length >= 3);
    const width = Math.max(...s.values.map((r) => r.length));
    const simple = header >= 0 && s.values[header].every((v) => typeof v === "string" && v !== "") && !s.formulas;
    if (d.tables && simple) {
      // Rows above the table stay plain cells; the table starts at its header row.
      s.values.slice(0, header).forEach((r, i) => r.forEach((v, c) => (ws.getCell(i + 1, c + 1).value = cell(v, d.realDates))));
      const body = s.values.slice(header + 1).filter((r) => r.some((v) => v !== null && v !== undefined));
      ws.addTable({
        name: `T${wb.worksheets.length}`,
        ref: `A${header + 1}`,
        headerRow: true,
        style: { theme: "TableStyleMedium2", showRowStripes: true },
        columns: (s.values[header] as string[]).map((name) => ({ name, filterButton: true })),
        rows: body.map((r) => Array.from({ length: s.values[header].length }, (_, c) => cell(r[c] ?? null, d.realDates))),
      });
    } else {
      s.values.forEach((r, i) =>
        r.forEach((v, c) => {
          const f = s.formulas?.[i]?.[c];
          ws.getCell(i + 1, c + 1).value = f ? ({ formula: f, result: v } as ExcelJS.CellFormulaValue) : cell(v, d.realDates);
        }),
      );
    }
    if (d.realDates) ws.columns.forEach((col) => col.eachCell?.({ includeEmpty: false }, (c) => c.value instanceof Date && (c.numFmt = "yyyy-mm-dd")));
    if (d.hidden) {
      for (let r = header + 2; r <= s.values.length; r += 7) ws.getRow(r).hidden = true;
      ws.getColumn(width).hidden = true;
      if (/残疾|Disabled/.test(s.name)) ws.state = "hidden";
    }
    if (d.merges && header >= 0) {
      // Group cells: a title followed by blanks in the same row, above a second header row.
      const row = s.values[header];
      const below = s.values[header + 1] ?? [];
      for (let c = 0; c < row.length; c++) {
        if (typeof row[c] !== "string" || below[c] === null || below[c] === undefined) continue;
        let end = c;
        while (end + 1 < row.length && (row[end + 1] === null || row[end + 1] === undefined) && below[end + 1] !== null && below[end + 1] !== undefined) end++;
        if (end > c) ws.mergeCells(header + 1, c + 1, header + 1, end + 1);
      }
    }
  }
  await wb.xlsx.writeFile(file);
}

describe("the corpus as real .xlsx files", () => {
  const people = makeCompany(11, 120);
  const baseline = invariant(analyseWorkbook(render(people, {}), { today: TODAY }));
  const cases: Array<[string, keyof typeof RENDERINGS, Dressing]> = [
    ["Excel tables with filters, real dates", "baseline", { tables: true, hidden: false, merges: false, realDates: true }],
    ["hidden rows, columns and the register's sheet", "shuffled", { tables: false, hidden: true, merges: false, realDates: false }],
    ["merged group cells over a two-row header, titles", "combinedA", { tables: false, hidden: false, merges: true, realDates: true }],
    ["HR export with a lookup sheet of formulas, hidden rows", "combinedB", { tables: false, hidden: true, merges: false, realDates: true }],
    ["English, month columns, bonus sheet, as Excel tables", "combinedC", { tables: true, hidden: false, merges: false, realDates: true }],
  ];
  for (const [title, rendering, dressing] of cases) {
    it(`${title} (${rendering})`, async () => {
      const file = join(dir, `${rendering}.xlsx`);
      await writeXlsx(render(people, RENDERINGS[rendering]), dressing, file);
      const { sheets } = await readXlsx(file);
      expect(invariant(analyseWorkbook(sheets, { today: TODAY }))).toEqual(baseline);
    });
  }
});
