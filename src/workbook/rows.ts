/**
 * Row-level helpers shared by the table readers: what counts as a data row, a repeated header, or a summary/note
 * row ("合计", "制表人：…"), and cell addresses for findings.
 */
import { cellAddress, columnLetters } from "./address";
import type { DetectedTable } from "./detect";
import type { FieldId } from "./fields";
import type { IssueLog } from "./issues";
import { cellText } from "./text";
import type { CellValue } from "./types";

/** Columns a reader uses (recognised or mapped, not duplicates, not ignored). */
export function usedColumns(t: DetectedTable): number[] {
  return t.columns.filter((c) => c.meaning && !c.duplicate).map((c) => c.index);
}

export function isBlankRow(row: readonly CellValue[], cols: readonly number[]): boolean {
  for (let i = 0; i < cols.length; i++) {
    const v = row[cols[i]];
    if (v === null || v === undefined) continue;
    if (typeof v === "string" && v.trim() === "") continue;
    return false;
  }
  return true;
}

/**
 * The header row repeated inside the data (a second block pasted below the first): not a data row. Called for every
 * row, so it compares raw text and stops at the first header cell that differs (almost always the first one).
 */
export function isRepeatedHeader(row: readonly CellValue[], t: DetectedTable): boolean {
  const { columns, texts } = t.headerTexts;
  const n = Math.min(columns.length, 2);
  for (let i = 0; i < n; i++) {
    const v = row[columns[i]];
    const text = texts[i];
    if (typeof v !== "string" || v.length < text.length || v.length > text.length + 8) return false;
    // Cheap first-character test before normalising (a data value almost never starts like its header).
    const c0 = v.charCodeAt(0);
    if (c0 !== text.charCodeAt(0) && c0 > 32 && c0 < 0x3000) return false;
    if (v !== text && cellText(v) !== text) return false;
  }
  return n === 2;
}

/**
 * The title of a second table on the same sheet ("离职人员" above a repeated header row): one text cell, directly
 * above the repeated header. Part of that table's header, not a data row.
 */
export function isTitleAboveRepeatedHeader(values: readonly (readonly CellValue[] | undefined)[], r: number, t: DetectedTable, cols: readonly number[]): boolean {
  const next = values[r + 1];
  if (!Array.isArray(next) || !isRepeatedHeader(next, t)) return false;
  const row = values[r];
  if (!Array.isArray(row)) return false;
  let filled = 0;
  for (const c of cols) {
    const v = row[c];
    if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) continue;
    if (typeof v !== "string") return false;
    filled++;
  }
  return filled === 1;
}

const SUMMARY = /^(合计|总计|小计|共计|累计|本页合计|total|subtotal|sum|注[:：]|备注|说明|制表|审核|填表|负责人|单位负责人|经办人)/i;

/** First characters a summary or note row can start with (after NFKC); anything else is rejected without a regex. */
const SUMMARY_FIRST = new Set([..."合总小共累本注备说制审填负单经tTsS"].map((ch) => ch.charCodeAt(0)));

/** A label that ends a block: "一部小计", "销售部 合计", "Dept A subtotal", "Grand total". */
const SUBTOTAL_ANYWHERE = /(小计|合计|总计|共计|累计)\s*[:：]?\s*$|^\S{0,16}\s*(小计|合计|总计)|sub-?total|grand\s*total|\btotal\s*$/i;

/**
 * The text of a summary or note row, or null. Rows whose first used cell starts as one (合计, 备注：…), or reads as a
 * block label such as "一部小计" / "Sales subtotal". Runs once per row, so the common case (an ID or a name that starts
 * with an ordinary character and has no 计/total in it) is decided without a regular expression.
 */
export function summaryText(row: readonly CellValue[], t: DetectedTable, cols: readonly number[]): string | null {
  for (let i = 0; i < cols.length; i++) {
    const v = row[cols[i]];
    if (v === null || v === undefined) continue;
    if (typeof v !== "string") return null;
    const c0 = v.charCodeAt(0);
    const startsLike = !(c0 > 32 && c0 !== 0x3000 && c0 < 0xff00 && !SUMMARY_FIRST.has(c0));
    if (!startsLike) {
      // A block label ends in 计 / total (optionally a colon): the last character decides the common case cheaply.
      const last = v.charCodeAt(v.length - 1);
      if (v.length > 40 || (last !== 0x8ba1 && last !== 0x6c && last !== 0x4c && last !== 0xff1a && last !== 0x3a)) return null;
    }
    if (v.trim() === "") continue;
    const text = cellText(v);
    if (text === null) return null;
    if (startsLike && SUMMARY.test(text)) return text;
    return SUBTOTAL_ANYWHERE.test(text) ? text : null;
  }
  return null;
}

/** Column letters per table, computed once (addresses are built for every excluded row, up to 1M of them). */
const letterCache = new WeakMap<DetectedTable, Map<number, string>>();

export function addressOf(t: DetectedTable, r: number, c: number): string {
  let letters = letterCache.get(t);
  if (!letters) letterCache.set(t, (letters = new Map()));
  let l = letters.get(c);
  if (l === undefined) {
    l = columnLetters(t.origin.col + c);
    letters.set(c, l);
  }
  return `${l}${t.origin.row + r}`;
}

/** The row's span across the table's columns, e.g. "A7:I7". */
export function rowAddress(t: DetectedTable, r: number): string {
  const cols = t.columns.map((c) => c.index);
  const lo = Math.min(...cols);
  const hi = Math.max(...cols);
  return lo === hi ? cellAddress(t.origin, r, lo) : `${cellAddress(t.origin, r, lo)}:${cellAddress(t.origin, r, hi)}`;
}

export function sheetRow(t: DetectedTable, r: number): number {
  return t.origin.row + r;
}

export function headerOf(t: DetectedTable, c: number): string {
  return t.columns.find((col) => col.index === c)?.header ?? "";
}

/** A blank cell that holds a formula: Excel never saved its value (FORMULA_NO_VALUE). */
export function noteFormulaWithoutValue(t: DetectedTable, r: number, c: number, field: FieldId | string, issues: IssueLog): boolean {
  const f = t.sheet.formulas?.[r]?.[c];
  if (typeof f !== "string" || f === "") return false;
  issues.addCell("FORMULA_NO_VALUE", t.sheetName, String(field), headerOf(t, c), t.origin, r, c, f.length > 40 ? `${f.slice(0, 39)}…` : f);
  return true;
}
