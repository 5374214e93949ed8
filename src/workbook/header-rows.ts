/**
 * Two-row headers of wide payrolls, where one row names the months and the other the pay items:
 *
 *   month over item             item over month
 *   | 2024年1月       | …        | 应发工资      | 实发工资      |
 *   | 应发工资 | 实发工资 | …     | 1月 | 2月 | … | 1月 | 2月 | … |
 *
 * The upper label sits in the first cell of its span only (a merged cell keeps its value in the top-left cell, and
 * many exports do not merge at all), so it is carried right over the span: up to the next upper label. The two rows
 * become one row of composed headers ("应发工资(1月)"), which the ordinary month-column recognition reads
 * (detect.ts monthPayHeader). Columns outside the month spans keep their own label (工号 in the upper row, merged
 * down; or in the lower row under a group title).
 */
import { monthOfText } from "./parse";
import { cellText, nfkc } from "./text";
import type { CellValue } from "./types";

/** A label that names a month and nothing else: "2024年1月", "1月", "1月份", "2024-01", "Jan", "一月", "1月工资". */
export function monthLabel(text: string): number {
  const t = nfkc(text).trim().replace(/(工资|薪资|薪酬|工资表)$/, "");
  if (t === "" || /^\d{1,2}$/.test(t)) return 0; // a bare number is a column number, not a month
  return monthOfText(t) % 100;
}

function texts(row: readonly CellValue[] | undefined, width: number): string[] {
  const out: string[] = new Array(width).fill("");
  if (!Array.isArray(row)) return out;
  for (let c = 0; c < Math.min(width, row.length); c++) if (typeof row[c] === "string") out[c] = cellText(row[c]) ?? "";
  return out;
}

/**
 * The composed header row of two adjacent rows, or null when they are not a month/item pair: the month row must name
 * at least three different months, and the item row must label columns in at least three of the month spans.
 */
export function composeMonthHeader(upperRow: readonly CellValue[] | undefined, lowerRow: readonly CellValue[] | undefined, maxWidth: number): CellValue[] | null {
  const width = Math.min(maxWidth, Math.max(Array.isArray(upperRow) ? upperRow.length : 0, Array.isArray(lowerRow) ? lowerRow.length : 0));
  if (width === 0) return null;
  const upper = texts(upperRow, width);
  const lower = texts(lowerRow, width);
  const upperMonths = upper.map(monthLabel);
  const lowerMonths = lower.map(monthLabel);
  const distinct = (ms: number[]) => new Set(ms.filter((m) => m > 0)).size;
  if (distinct(upperMonths) >= 3) return monthOverItem(upper, lower, upperMonths);
  if (distinct(lowerMonths) >= 3) return itemOverMonth(upper, lower, lowerMonths);
  return null;
}

/** Header text, not a value: a data row below a month header row holds amounts (numbers, or numbers stored as text). */
function isLabel(text: string): boolean {
  return text !== "" && /[^\d\s,.\-+¥￥()（）元%]/.test(text);
}

function monthOverItem(upper: string[], lower: string[], months: number[]): CellValue[] | null {
  const out: CellValue[] = new Array(upper.length).fill(null);
  const spansLabelled = new Set<number>();
  let month = 0;
  let span = -1;
  for (let c = 0; c < upper.length; c++) {
    if (upper[c] !== "") {
      month = months[c];
      span = c;
    }
    if (month > 0) {
      if (isLabel(lower[c])) {
        out[c] = `${lower[c]}(${month}月)`;
        spansLabelled.add(span);
      } else if (upper[c] !== "") out[c] = `${month}月`; // a month spanning both rows: the month's total pay
    } else out[c] = lower[c] !== "" ? lower[c] : upper[c] !== "" ? upper[c] : null;
  }
  return spansLabelled.size >= 3 ? out : null;
}

function itemOverMonth(upper: string[], lower: string[], months: number[]): CellValue[] | null {
  const out: CellValue[] = new Array(upper.length).fill(null);
  let item = "";
  let composed = 0;
  for (let c = 0; c < upper.length; c++) {
    const m = months[c];
    // An item label carries right only over month columns, and only from a column that is itself a month column
    // (a title in A1 over 工号 | 姓名 | 1月 … is not an item).
    if (upper[c] !== "") item = m > 0 ? upper[c].replace(/^20\d{2}\s*年度?/, "") : "";
    else if (m === 0) item = "";
    if (m > 0 && item !== "") {
      out[c] = `${item}(${m}月)`;
      composed++;
    } else out[c] = lower[c] !== "" ? lower[c] : upper[c] !== "" ? upper[c] : null;
  }
  return composed >= 3 ? out : null;
}
