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
