/** Canonical text for digests: JSON with sorted keys, and one cell value as text that says its type. */
import type { CellValue } from "../workbook/types";
import { isCellError } from "../workbook/types";

/** JSON with object keys sorted at every level (arrays keep their order); undefined members are left out. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  const entries = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(",")}}`;
}

/**
 * One cell as text: "" for empty, "n:<shortest number>", "d:<ISO date-time>", "b:true", "e:#N/A", or "s:<text>".
 * The type prefix keeps the number 1 and the text "1" apart (the analysis reads them differently).
 */
export function canonicalCell(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return `n:${Object.is(v, -0) ? 0 : v}`;
  if (typeof v === "string") return v === "" ? "" : `s:${v}`;
  if (typeof v === "boolean") return `b:${v}`;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "d:invalid" : `d:${v.toISOString()}`;
  if (isCellError(v)) return `e:${v.error}`;
  return `s:${String(v)}`;
}

/**
 * Does a number format show dates? (y or d outside quotes, brackets and escapes; time-only formats are not dates.)
 * The same test as the CLI's reader (src/cli/xlsx-reader.ts isDateFormat), which turns such numbers into Dates.
 */
export function isDateFormat(format: string): boolean {
  const clean = format.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "").replace(/\\./g, "").replace(/[_*]./g, "");
  return /[yYdD]/.test(clean);
}

/**
 * A cell as the digests see it, whichever adapter read it. Office.js (the pane) gives a date as its serial number
 * with a date number format; the CLI's reader gives a Date made from that serial. The serial is turned into the
 * Date the CLI's reader makes (same arithmetic, same range), so a row digests the same in the pane and on the CLI.
 */
export function digestCell(v: CellValue | undefined, format: string | null | undefined, date1904 = false): CellValue | undefined {
  if (typeof v !== "number" || !format || !isDateFormat(format)) return v;
  if (!Number.isFinite(v) || v < 0 || v > 2_958_465) return v;
  const days = date1904 ? v + 1462 : v;
  return new Date(Math.round((days - 25569) * 86_400_000));
}
