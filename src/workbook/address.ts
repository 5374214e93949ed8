/**
 * A1 addresses. Sheets arrive as 2-D arrays whose [0][0] sits at `origin` (Office.js usedRange may start anywhere),
 * so every finding converts an array position back to the address the user sees in Excel.
 */
import type { SheetData } from "./types";

/** 0-based column index → letters (0 → "A", 26 → "AA"). */
export function columnLetters(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Letters → 0-based column index, or -1 when the text is not a column (only A–XFD exist in Excel). */
export function columnIndex(letters: string): number {
  const t = letters.trim().toUpperCase();
  if (!/^[A-Z]{1,3}$/.test(t)) return -1;
  let n = 0;
  for (let i = 0; i < t.length; i++) n = n * 26 + (t.charCodeAt(i) - 64);
  return n - 1 < 16384 ? n - 1 : -1;
}

export interface CellPosition {
  /** 1-based sheet row. */
  row: number;
  /** 0-based sheet column. */
  col: number;
}

/** "B5" or "$B$5" → {row: 5, col: 1}; null when not a single-cell address. */
export function parseA1(address: string): CellPosition | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(address.trim());
  if (!m) return null;
  const col = columnIndex(m[1]);
  const row = Number(m[2]);
  if (col < 0 || row < 1) return null;
  return { row, col };
}

export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

/** Where values[0][0] sits; a missing or malformed origin means A1 (the adapters' default). */
export function originOf(sheet: Pick<SheetData, "origin">): CellPosition {
  return (typeof sheet.origin === "string" && parseA1(sheet.origin)) || { row: 1, col: 0 };
}

/** Address of values[r][c] on a sheet with the given origin. */
export function cellAddress(origin: CellPosition, r: number, c: number): string {
  return a1(origin.row + r, origin.col + c);
}
