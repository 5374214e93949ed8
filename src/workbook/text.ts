/**
 * Cell-value helpers shared by the recognisers and parsers. Text is compared after NFKC (full-width digits and
 * letters become ASCII, as Chinese input methods often produce them) and trimming.
 */
import { isCellError } from "./types";
import type { CellValue } from "./types";

const ERROR_TEXT = /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BUSY!|UNKNOWN!|BLOCKED!|CONNECT!|PYTHON!|EXTERNAL!)$/i;

/**
 * Only ASCII, CJK unified ideographs and the ideographic comma/full stop? None of these has a compatibility
 * decomposition, so NFKC cannot change the text and the normalisation is skipped (most names and values).
 */
const NFKC_STABLE = /^[\x00-\x7f\u3001\u3002\u4e00-\u9fff]*$/;

export function nfkc(text: string): string {
  return NFKC_STABLE.test(text) ? text : text.normalize("NFKC");
}

export function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** An Excel error value, whether the adapter passed {error} or the text "#N/A". Returns the error text or null. */
export function errorValueOf(v: unknown): string | null {
  if (isCellError(v)) return v.error;
  if (typeof v === "string" && v.length <= 16 && v.charCodeAt(0) === 35 /* # */ && ERROR_TEXT.test(v.trim())) return v.trim();
  return null;
}

/** Cell → trimmed NFKC text, or null for blank / non-text-like values (numbers become their shortest string). */
export function cellText(v: CellValue | undefined): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") {
    const t = nfkc(v).trim();
    return t === "" ? null : t;
  }
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : null;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return null;
}

/** Short display of a raw cell value for messages (never more than 40 characters). */
export function showValue(v: unknown): string {
  let s: string;
  if (v instanceof Date) s = Number.isNaN(v.getTime()) ? "Invalid Date" : v.toISOString().slice(0, 10);
  else if (isCellError(v)) s = v.error;
  else s = String(v);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}
