/**
 * The filed snapshot as a hidden sheet (issue 10 §3): the one layout both writers use (the CLI's working paper through
 * ExcelJS, src/cli/snapshot-io.ts, and the pane's 写入底稿 through Office.js, src/taskpane/excel-gateway.ts), and the
 * reader of it. Pure: rows of plain values in, rows of plain values out.
 *
 * The sheet is "veryHidden" (not listed under Unhide; only VBA or a tool shows it) and protected without a password.
 * A1 holds the marker "levy-snapshot", B1 the number of chunks, A2 a note, and A3… the snapshot JSON in chunks of at
 * most 30,000 characters (a cell holds 32,767), every non-ASCII character escaped so nothing is altered on write.
 */
import type { SheetData } from "../workbook/types";
import { parseSnapshot } from "./parse";
import { SnapshotError } from "./types";
import type { Snapshot } from "./types";

export const SNAPSHOT_SHEET = "快照";
export const SNAPSHOT_MARKER = "levy-snapshot";
const CHUNK = 30_000;
const NOTE =
  "残保金申报快照（由 levy audit 写入，请勿修改；用 levy verify 核对）/ Filed levy snapshot written by levy audit — do not edit; check it with levy verify";

function asciiJson(s: Snapshot): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The sheet's cells, row by row from A1 (two columns; null = empty). */
export function snapshotSheetRows(s: Snapshot): Array<[string | number, string | number | null]> {
  const text = asciiJson(s);
  const chunks = Math.max(1, Math.ceil(text.length / CHUNK));
  const rows: Array<[string | number, string | number | null]> = [
    [SNAPSHOT_MARKER, chunks],
    [NOTE, null],
  ];
  for (let i = 0; i < chunks; i++) rows.push([text.slice(i * CHUNK, (i + 1) * CHUNK), null]);
  return rows;
}

/** The snapshots held in a workbook's snapshot sheets (name "快照" or "F2 快照" …), in sheet order. */
export function snapshotsInSheets(sheets: readonly SheetData[]): Array<{ sheet: string; snapshot: Snapshot }> {
  const out: Array<{ sheet: string; snapshot: Snapshot }> = [];
  for (const sheet of sheets) {
    if (!sheet.name.endsWith(SNAPSHOT_SHEET) || sheet.values[0]?.[0] !== SNAPSHOT_MARKER) continue;
    const chunks = Number(sheet.values[0]?.[1]);
    if (!Number.isInteger(chunks) || chunks < 1) throw new SnapshotError({ zh: `工作表“${sheet.name}”中的快照已损坏。`, en: `The snapshot on sheet "${sheet.name}" is damaged.` });
    let text = "";
    for (let i = 0; i < chunks; i++) {
      const v = sheet.values[2 + i]?.[0];
      if (typeof v !== "string") throw new SnapshotError({ zh: `工作表“${sheet.name}”中的快照不完整（缺第 ${3 + i} 行）。`, en: `The snapshot on sheet "${sheet.name}" is incomplete (row ${3 + i} is missing).` });
      text += v;
    }
    out.push({ sheet: sheet.name, snapshot: parseSnapshot(text) });
  }
  return out;
}
