/**
 * Row digests of the tables an audit read. Per table: the columns read ("letter:field"), one SHA-256 per non-blank
 * data row over those columns' cells (canonical text, see canonical.ts), kept as its first 12 hex digits, and the
 * table's SHA-256 over the column list and the full row digests in sheet order. A number shown as a date counts as
 * the date (digestCell), so the pane (Office.js serials) and the CLI (Dates) digest the same workbook alike.
 * Only the digests are kept: the snapshot says which rows changed, never what they held.
 */
import { columnIndex, originOf } from "../workbook/address";
import type { SheetData } from "../workbook/types";
import type { TableReport } from "../validation/analyse-contract";
import { canonicalCell, canonicalJson, digestCell } from "./canonical";
import { sha256Hex } from "./sha256";
import type { TableDigest } from "./types";

export const ROW_HASH_LENGTH = 12;

function lastRowOf(range: string): number {
  const m = /(\d+)$/.exec(range.split(":").pop() ?? "");
  return m ? Number(m[1]) : 0;
}

/** Row numbers as ranges: [2,3,4,6] → "2-4,6". */
export function compressRows(rows: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
    parts.push(i === j ? String(rows[i]) : `${rows[i]}-${rows[j]}`);
    i = j + 1;
  }
  return parts.join(",");
}

export function expandRows(text: string): number[] {
  const out: number[] = [];
  if (text.trim() === "") return out;
  for (const part of text.split(",")) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) throw new Error(`bad row range "${part}"`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a || b - a > 10_000_000) throw new Error(`bad row range "${part}"`);
    for (let r = a; r <= b; r++) out.push(r);
  }
  return out;
}

/** The digests of every table the audit read (views of other sheets are not sources and are left out). */
export function tableDigests(sheets: readonly SheetData[], tables: readonly TableReport[]): TableDigest[] {
  const byName = new Map<string, SheetData>();
  for (const s of sheets) if (!byName.has(s.name)) byName.set(s.name, s);
  const out: TableDigest[] = [];
  for (const t of tables) {
    if (t.role === "derived") continue;
    const sheet = byName.get(t.sheet);
    const origin = sheet ? originOf(sheet) : { row: 1, col: 0 };
    const used = t.columns.filter((c) => c.field && !c.duplicate);
    const columns = used.map((c) => `${c.column}:${c.field}`);
    const indexes = used.map((c) => columnIndex(c.column) - origin.col);
    const rowNumbers: number[] = [];
    const full: string[] = [];
    let hashes = "";
    const last = lastRowOf(t.range);
    for (let row = t.headerRow + 1; row <= last && sheet; row++) {
      const values = sheet.values[row - origin.row];
      if (!values) continue;
      const formats = sheet.numberFormats?.[row - origin.row];
      const cells = indexes.map((i) => (i >= 0 ? canonicalCell(digestCell(values[i], formats?.[i], sheet.date1904)) : ""));
      if (cells.every((c) => c === "")) continue;
      const h = sha256Hex(JSON.stringify(cells)); // an array of strings: JSON.stringify is already canonical
      rowNumbers.push(row);
      full.push(h);
      hashes += h.slice(0, ROW_HASH_LENGTH);
    }
    const digest: TableDigest = {
      sheet: t.sheet,
      kind: t.kind,
      range: t.range,
      headerRow: t.headerRow,
      columns,
      rows: { ...t.rows },
      dataRows: rowNumbers.length,
      sha256: sha256Hex(`${canonicalJson(columns)}\n${full.join("\n")}`),
      rowNumbers: compressRows(rowNumbers),
      rowHashes: hashes,
    };
    if (t.month) digest.month = t.month;
    out.push(digest);
  }
  return out;
}

/** A table's identity across two audits: sheet, kind and month slice. */
export function tableKey(t: Pick<TableDigest, "sheet" | "kind" | "month">): string {
  return `${t.sheet}\u0000${t.kind}\u0000${t.month ?? ""}`;
}

export interface RowChange {
  /** "changed": the row at this number holds other data; "added": a row the snapshot did not have; "removed": a row gone. */
  change: "changed" | "added" | "removed";
  sheet: string;
  row: number;
}

/** Which rows differ between two digests of the same table (rows that only moved are not reported). */
export function rowChanges(before: TableDigest, after: TableDigest): RowChange[] {
  const split = (t: TableDigest) => {
    const rows = expandRows(t.rowNumbers);
    return rows.map((row, i) => ({ row, hash: t.rowHashes.slice(i * ROW_HASH_LENGTH, (i + 1) * ROW_HASH_LENGTH) }));
  };
  const old = split(before);
  const now = split(after);
  // Multiset difference on the row digests: rows whose content exists on both sides (perhaps moved) cancel out.
  const pool = new Map<string, number>();
  for (const r of old) pool.set(r.hash, (pool.get(r.hash) ?? 0) + 1);
  const added: number[] = [];
  for (const r of now) {
    const n = pool.get(r.hash) ?? 0;
    if (n > 0) pool.set(r.hash, n - 1);
    else added.push(r.row);
  }
  const removed: number[] = [];
  const pool2 = new Map<string, number>();
  for (const r of now) pool2.set(r.hash, (pool2.get(r.hash) ?? 0) + 1);
  for (const r of old) {
    const n = pool2.get(r.hash) ?? 0;
    if (n > 0) pool2.set(r.hash, n - 1);
    else removed.push(r.row);
  }
  const removedSet = new Set(removed);
  const out: RowChange[] = [];
  for (const row of added) out.push({ change: removedSet.has(row) ? "changed" : "added", sheet: after.sheet, row });
  const addedSet = new Set(added);
  for (const row of removed) if (!addedSet.has(row)) out.push({ change: "removed", sheet: before.sheet, row });
  return out.sort((a, b) => a.row - b.row || a.change.localeCompare(b.change));
}
