/**
 * One measurement in a fresh process, so its peak memory (maxRSS) is its own. Prints one JSON line on stdout.
 *
 *   floor FILE   ExcelJS's streaming reader visits every cell (the floor)
 *   read FILE    our reader only (xlsx → SheetData[])
 *   model FILE   read once, then workbook model + calculation + every validation rule in memory, best of N runs
 *   audit FILE   `levy audit FILE --json` end to end, in process, output discarded
 *   functions FILE  the template's table-level functions (LEVY.FORM + FINDINGS + CHECK through the custom-function
 *                adapter, ranges as Excel passes them) against analyseWorkbook on the same sheets, best of N each
 */
import { performance } from "node:perf_hooks";
import { main } from "../src/cli/main";
import { analyseWorkbook } from "../src/validation/analyse";
import { readXlsx } from "../src/cli/xlsx-reader";
import { visitEveryCell } from "./floor";
import { isoToExcelSerial } from "../src/core/dates";
import * as F from "../src/functions/functions";
import { clearTableCache, setTableFunctionsToday } from "../src/functions/table-functions";
import type { CellValue, SheetData } from "../src/workbook/types";

/** A sheet as Excel hands it to a custom function: rectangular, blanks "", dates as serial numbers. */
function excelRange(sheets: SheetData[]): unknown[][] {
  const out: unknown[][] = [];
  sheets.forEach((s, i) => {
    let width = 0;
    for (const r of s.values) if (r.length > width) width = r.length; // no spread: a million rows overflow the stack
    // Several sheets of one role (the 100k payroll is split in two: Excel holds 1,048,576 rows) become one range.
    for (const r of i === 0 ? s.values : s.values.slice(1)) {
      const row: unknown[] = new Array(width);
      for (let c = 0; c < width; c++) {
        const v: CellValue | undefined = r[c];
        row[c] = v === null || v === undefined ? "" : v instanceof Date ? isoToExcelSerial(v.toISOString().slice(0, 10)) : v;
      }
      out.push(row);
    }
  });
  return out;
}

declare const gc: undefined | (() => void);

async function run(): Promise<Record<string, unknown>> {
  const [mode, file, repeatText] = process.argv.slice(2);
  const t0 = performance.now();
  switch (mode) {
    case "floor": {
      const r = await visitEveryCell(file);
      return { ms: performance.now() - t0, cells: r.cells, rows: r.rows };
    }
    case "read": {
      const r = await readXlsx(file);
      return { ms: performance.now() - t0, cells: r.cells, sheets: r.sheets.length, notes: r.notes.length };
    }
    case "model": {
      const read = await readXlsx(file);
      const readMs = performance.now() - t0;
      const repeat = Number(repeatText ?? 3);
      const times: number[] = [];
      let summary: Record<string, unknown> = {};
      for (let i = 0; i < repeat; i++) {
        if (typeof gc === "function") gc();
        const t = performance.now();
        const result = await analyseWorkbook(read.sheets, { today: "2025-06-30" });
        times.push(performance.now() - t);
        summary = { rows: result.rows, findings: result.findings.length, payable: result.calculation?.payable ?? null, headcount: result.calculation?.headcount ?? null, fatal: result.fatal ?? null };
      }
      return { readMs, best: Math.min(...times), times, ...summary };
    }
    case "audit": {
      let bytes = 0;
      const sink = { write: (text: string) => ((bytes += text.length), true) };
      const code = await main(["audit", file, "--json", "--today", "2025-06-30"], { stdout: sink, stderr: sink, cwd: process.cwd() });
      return { ms: performance.now() - t0, exitCode: code, outputChars: bytes };
    }
    case "functions": {
      const read = await readXlsx(file);
      const repeat = Number(repeatText ?? 3);
      const pick = (re: RegExp) => read.sheets.filter((s) => re.test(s.name));
      const args = [excelRange(pick(/^花名册$/)), excelRange(pick(/^工资表/)), excelRange(pick(/^残疾职工$/)), excelRange(pick(/^参数$/))] as const;
      setTableFunctionsToday("2025-06-30");
      const modelTimes: number[] = [];
      const fnTimes: number[] = [];
      let summary: Record<string, unknown> = {};
      for (let i = 0; i < repeat; i++) {
        if (typeof gc === "function") gc();
        let t = performance.now();
        const result = analyseWorkbook(read.sheets, { today: "2025-06-30" });
        modelTimes.push(performance.now() - t);
        clearTableCache();
        if (typeof gc === "function") gc();
        t = performance.now();
        const form = F.form(...args);
        const findings = F.findings(...args);
        const check = F.check(...args);
        fnTimes.push(performance.now() - t);
        summary = { auditPayable: result.calculation?.payable ?? null, formPayable: form[8][2], findings: findings.length - 1, check };
      }
      return { model: Math.min(...modelTimes), functions: Math.min(...fnTimes), modelTimes, fnTimes, ...summary };
    }
    default:
      throw new Error(`unknown mode ${mode}`);
  }
}

run().then(
  (result) => {
    // maxRSS is in kilobytes on Linux.
    process.stdout.write(`${JSON.stringify({ ...result, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
  },
  (error) => {
    process.stdout.write(`${JSON.stringify({ error: String(error && error.stack ? error.stack : error) })}\n`);
    process.exitCode = 1;
  },
);
