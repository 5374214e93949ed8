/**
 * The user's own monthly headcount table (月份 | 月初人数 | 月末人数, or 月份 | 人数): what they counted or declared,
 * compared with the roster (HC_DECLARED_MISMATCH). A month given twice keeps the first row (DATA_DUPLICATE).
 */
import { Decimal, TWELVE, ZERO } from "../core/decimal";
import type { RowAccounting } from "./accounting";
import type { DetectedTable } from "./detect";
import type { IssueLog } from "./issues";
import { BAD, BLANK, MonthReader, TEXT, readQuantity } from "./parse";
import { addressOf, headerOf, isBlankRow, isRepeatedHeader, sheetRow, summaryText, usedColumns } from "./rows";
import { showValue } from "./text";
import type { CellRef } from "./types";

export interface MonthlyTableResult {
  tables: number[];
  /** Per month (index 0 = January): the month's figure (average of start and end when both are given). */
  figures: Array<Decimal | null>;
  start: Array<Decimal | null>;
  end: Array<Decimal | null>;
  /** Where each month's figure is (the row's first count cell). */
  cells: Array<CellRef | null>;
  /** Σ figures ÷ 12 (missing months count 0 and are reported as MONTHS_INCOMPLETE). */
  annual: Decimal;
  monthsPresent: number;
  hasStartEnd: boolean;
}

export function readMonthlyTables(tables: readonly DetectedTable[], dataYear: number, issues: IssueLog, accounting: RowAccounting): MonthlyTableResult | null {
  if (tables.length === 0) return null;
  const out: MonthlyTableResult = {
    tables: tables.map((t) => t.id),
    figures: new Array(12).fill(null),
    start: new Array(12).fill(null),
    end: new Array(12).fill(null),
    cells: new Array(12).fill(null),
    annual: ZERO,
    monthsPresent: 0,
    hasStartEnd: false,
  };
  const months = new MonthReader();
  for (const t of tables) {
    accounting.touch(t.id);
    months.date1904 = t.sheet.date1904 === true;
    const cMonth = t.field.get("month")!;
    const cStart = t.field.get("monthStart") ?? -1;
    const cEnd = t.field.get("monthEnd") ?? -1;
    const cCount = t.field.get("monthCount") ?? -1;
    if (cStart >= 0 && cEnd >= 0) out.hasStartEnd = true;
    const cols = usedColumns(t);
    const values = t.sheet.values;
    for (let r = t.dataStart; r < values.length; r++) {
      const row = values[r];
      if (!Array.isArray(row) || isBlankRow(row, cols) || isRepeatedHeader(row, t)) continue;
      const base = { sheet: t.sheetName, row: sheetRow(t, r), table: "monthlyHeadcount" as const };
      const summary = summaryText(row, t, cols);
      if (summary !== null) {
        accounting.excluded(t.id, { ...base, reason: "DATA_SUMMARY_ROW", detail: { zh: `合计/备注行“${summary}”。`, en: `Summary or note row "${summary}".` } });
        issues.addCell("DATA_SUMMARY_ROW", t.sheetName, "row", "", t.origin, r, cols[0], summary);
        continue;
      }
      const s = months.read(row[cMonth]);
      if (s === BAD || s === BLANK) {
        const code = s === BAD ? "DATA_BAD_DATE" : "DATA_MISSING_VALUE";
        issues.addCell(code, t.sheetName, "month", headerOf(t, cMonth), t.origin, r, cMonth, showValue(row[cMonth]));
        accounting.rejected(t.id, { ...base, reason: code, detail: { zh: `月份无法识别：“${showValue(row[cMonth])}”。`, en: `Unreadable month: "${showValue(row[cMonth])}".` }, cell: addressOf(t, r, cMonth) });
        continue;
      }
      if (months.year && months.year !== dataYear) {
        accounting.excluded(t.id, { ...base, reason: "PERIOD_MISMATCH", detail: { zh: `${months.year}年的人数不属于数据年度 ${dataYear}。`, en: `Headcount for ${months.year} is outside data year ${dataYear}.` }, cell: addressOf(t, r, cMonth) });
        continue;
      }
      const m = months.month - 1;
      const counts: Array<Decimal | null> = [];
      let bad = -1;
      for (const c of [cStart, cEnd, cCount]) {
        if (c < 0) {
          counts.push(null);
          continue;
        }
        const q = readQuantity(row[c]);
        if (q.status === BAD || (q.value !== null && q.value.isNegative())) {
          issues.addCell("DATA_BAD_NUMBER", t.sheetName, "count", headerOf(t, c), t.origin, r, c, showValue(row[c]));
          if (bad < 0) bad = c;
        } else if (q.status === TEXT) issues.addCell("DATA_TEXT_NUMBER", t.sheetName, "count", headerOf(t, c), t.origin, r, c, showValue(row[c]));
        counts.push(q.value);
      }
      if (bad >= 0) {
        accounting.rejected(t.id, { ...base, reason: "DATA_BAD_NUMBER", detail: { zh: `人数无法识别：“${showValue(row[bad])}”。`, en: `Unreadable count: "${showValue(row[bad])}".` }, cell: addressOf(t, r, bad) });
        continue;
      }
      const [start, end, count] = counts;
      const figure = start !== null && end !== null ? start.plus(end).dividedBy(2) : (count ?? end ?? start);
      if (figure === null) {
        const c = cStart >= 0 ? cStart : cEnd >= 0 ? cEnd : cCount;
        issues.addCell("DATA_MISSING_VALUE", t.sheetName, "count", headerOf(t, c), t.origin, r, c);
        accounting.rejected(t.id, { ...base, reason: "DATA_MISSING_VALUE", detail: { zh: "该月没有人数。", en: "No count for this month." }, cell: addressOf(t, r, c) });
        continue;
      }
      if (out.figures[m] !== null) {
        issues.addCell("DATA_DUPLICATE", t.sheetName, "month", headerOf(t, cMonth), t.origin, r, cMonth, showValue(row[cMonth]));
        accounting.rejected(t.id, { ...base, reason: "DATA_DUPLICATE", detail: { zh: `${months.month}月重复出现，采用第一次。`, en: `Month ${months.month} appears twice; the first is used.` }, cell: addressOf(t, r, cMonth) });
        continue;
      }
      out.figures[m] = figure;
      out.start[m] = start;
      out.end[m] = end;
      const c = [cStart, cEnd, cCount].find((x) => x >= 0)!;
      out.cells[m] = { sheet: t.sheetName, address: addressOf(t, r, c) };
      out.monthsPresent++;
      accounting.counted(t.id);
    }
  }
  out.annual = out.figures.reduce<Decimal>((a, b) => a.plus(b ?? ZERO), ZERO).dividedBy(TWELVE);
  return out;
}

