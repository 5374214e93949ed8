/**
 * Merged cells: a merged range keeps its value in the top-left cell only, and the other cells read as blank. For a
 * person's 工号/姓名 merged down over their twelve month rows (a payroll grouped by person), the rows below the first
 * belong to the same person: readers of the person key carry the merged value down (payroll.ts). Amounts are never
 * carried (a bonus merged over a person's rows is paid once).
 */
import { originOf, parseA1 } from "./address";
import type { CellValue, SheetData } from "./types";

/**
 * For column `col` of the sheet's values (0-based, relative to the sheet's origin): row index → the value of the
 * vertical merge it lies inside (rows below the merge's first row only); null when no such merge exists.
 */
export function mergedDown(sheet: SheetData, col: number): Map<number, CellValue> | null {
  if (!Array.isArray(sheet.merges) || sheet.merges.length === 0) return null;
  const origin = originOf(sheet);
  let out: Map<number, CellValue> | null = null;
  for (const ref of sheet.merges) {
    const [a, b] = String(ref).split(":");
    const from = parseA1(a ?? "");
    const to = parseA1(b ?? "");
    if (!from || !to) continue;
    const c0 = Math.min(from.col, to.col) - origin.col;
    const c1 = Math.max(from.col, to.col) - origin.col;
    const r0 = Math.min(from.row, to.row) - origin.row;
    const r1 = Math.max(from.row, to.row) - origin.row;
    if (col < c0 || col > c1 || r1 === r0 || r0 < 0) continue;
    const value = sheet.values[r0]?.[c0];
    if (value === null || value === undefined) continue;
    for (let r = r0 + 1; r <= r1; r++) (out ??= new Map()).set(r, value);
  }
  return out;
}
