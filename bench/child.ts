/**
 * One measurement in a fresh process, so its peak memory (maxRSS) is its own. Prints one JSON line on stdout.
 *
 *   floor FILE   ExcelJS's streaming reader visits every cell (the floor)
 *   read FILE    our reader only (xlsx → SheetData[])
 *   model FILE   read once, then workbook model + calculation + every validation rule in memory, best of N runs
 *   audit FILE   `levy audit FILE --json` end to end, in process, output discarded
 */
import { performance } from "node:perf_hooks";
import { main } from "../src/cli/main";
import { analyseWorkbook } from "../src/validation/analyse";
import { readXlsx } from "../src/cli/xlsx-reader";
import { visitEveryCell } from "./floor";

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
