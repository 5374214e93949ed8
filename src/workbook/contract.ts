/**
 * Contract length: "at least one year" (72号 第八条, rules file §2.1). From dates, a contract from 2024-01-01 to
 * 2024-12-31 is exactly one year (the end day is the last day of the contract). From a term column, the unit is read
 * from the header ("合同期限(月)", "(年)", "months", "years"), then from the value ("12个月", "3年"); a bare number
 * without any unit is years when ≤ 10 and months otherwise (nobody signs 11-year contracts; 6 is ambiguous and read
 * as years, so it never wrongly excludes). 无固定期限 / 长期 / open-ended are at least one year.
 */
import { civilOfDay, cleanNumberText, dayOfCivil } from "./parse";
import { nfkc } from "./text";
import type { CellValue } from "./types";

/** Day number one calendar year after `day` (29 Feb → 1 Mar). */
export function oneYearAfter(day: number): number {
  const { y, m, d } = civilOfDay(day);
  return m === 2 && d === 29 ? dayOfCivil(y + 1, 3, 1) : dayOfCivil(y + 1, m, d);
}

/** Short (< 1 year) from dates; null when the end is open or unknown. A missing start falls back to the hire date. */
export function shortByDates(start: number, end: number, hire: number): boolean | null {
  const from = start === start ? start : hire;
  if (end !== end || from !== from) return null;
  return end < oneYearAfter(from) - 1;
}

const OPEN = /无固定|长期|不定期|open|indefinite|permanent|无期限/;

/** Term in months (Infinity = open-ended); null = blank; NaN = unreadable. */
export function termMonths(v: CellValue | undefined, header: string): number | null {
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return null;
  const h = nfkc(header).toLowerCase();
  const headerUnit = /月|month/.test(h) ? "months" : /年|year/.test(h) ? "years" : null;
  if (typeof v === "number") {
    if (!Number.isFinite(v) || v < 0) return NaN;
    return toMonths(v, headerUnit);
  }
  if (typeof v !== "string") return NaN;
  const t = nfkc(v).trim().toLowerCase();
  if (OPEN.test(t)) return Infinity;
  let m = /^(\d+(?:\.\d+)?)\s*(个月|月|months?|mos?)$/.exec(t);
  if (m) return Number(m[1]);
  m = /^(\d+(?:\.\d+)?)\s*(年|years?|yrs?)$/.exec(t);
  if (m) return Number(m[1]) * 12;
  m = /^(\d+)\s*年\s*(\d+)\s*(个)?月$/.exec(t);
  if (m) return Number(m[1]) * 12 + Number(m[2]);
  const plain = cleanNumberText(t);
  if (plain !== null && !plain.startsWith("-")) return toMonths(Number(plain), headerUnit);
  return NaN;
}

function toMonths(n: number, unit: "months" | "years" | null): number {
  if (unit === "months") return n;
  if (unit === "years") return n * 12;
  return n <= 10 ? n * 12 : n;
}
