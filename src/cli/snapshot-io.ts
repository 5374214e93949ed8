/**
 * The filed snapshot on disk (issue 10 §3): as JSON (`levy audit --snapshot OUT.json`) and as the hidden, protected
 * 快照 sheet of the working paper (`--out`); reading either back (`levy verify`, `levy audit --last-year`); and
 * last year's filing from a snapshot, a working paper or a client workbook for the YoY bridge.
 *
 * The sheet's layout (shared with the pane's 写入底稿) is in src/snapshot/sheet.ts.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type ExcelJS from "exceljs";
import { dec, moneyDisplay } from "../core/decimal";
import type { YoyBridge } from "../core/levy/yoy";
import { buildSnapshot } from "../snapshot/build";
import { parseSnapshot } from "../snapshot/parse";
import { SNAPSHOT_SHEET, snapshotSheetRows, snapshotsInSheets } from "../snapshot/sheet";
import { SnapshotError } from "../snapshot/types";
import type { Snapshot } from "../snapshot/types";
import type { AnalyseOptions, AuditResult } from "../validation/analyse-contract";
import type { SheetData } from "../workbook/types";
import { readBounded } from "./calc";
import { readXlsx, XlsxReadError } from "./xlsx-reader";
import type { ReadOptions } from "./xlsx-reader";
import packageJson from "../../package.json";

export { SNAPSHOT_SHEET, snapshotsInSheets };
/** A snapshot of 300,000 payroll rows is about 5 MB; 256 MiB is a generous bound for a bounded read. */
const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;

/** The tool version recorded in every snapshot (package.json). */
export const TOOL_VERSION: string = packageJson.version;

/** The snapshot of one audited file (null when the audit gave no result). */
export function snapshotOf(file: string, result: AuditResult | null, sheets: readonly SheetData[] | undefined, options: AnalyseOptions): Snapshot | null {
  if (!result || !result.result || result.fatal || !sheets) return null;
  const { region, filingYear, entityType, mapping } = options;
  return buildSnapshot(sheets, result, {
    file,
    options: { ...(region ? { region } : {}), ...(filingYear ? { filingYear } : {}), ...(entityType ? { entityType } : {}), ...(mapping ? { mapping: { ...mapping } } : {}) },
    createdAt: new Date().toISOString(),
    toolVersion: TOOL_VERSION,
  });
}

export function snapshotJson(s: Snapshot): string {
  return `${JSON.stringify(s, null, 2)}\n`;
}

/** Write the JSON (the caller has checked the path with checkOutputPath; `wx` refuses a file that appeared since). */
export function writeSnapshotJson(path: string, s: Snapshot, force: boolean): void {
  writeFileSync(path, snapshotJson(s), { encoding: "utf8", flag: force ? "w" : "wx" });
}

/** Add the hidden, protected snapshot sheet to a workbook being written (layout: src/snapshot/sheet.ts). */
export function addSnapshotSheet(wb: ExcelJS.Workbook, name: string, s: Snapshot): void {
  const ws = wb.addWorksheet(name, { state: "veryHidden" });
  snapshotSheetRows(s).forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null) ws.getCell(r + 1, c + 1).value = v;
    }),
  );
  (ws as unknown as { sheetProtection: Record<string, boolean> }).sheetProtection = { sheet: true, objects: true, scenarios: true, selectLockedCells: true, selectUnlockedCells: true };
}

function isZip(buffer: Buffer): boolean {
  return buffer.length >= 4 && buffer[0] === 0x50 && buffer[1] === 0x4b;
}

export type SnapshotSource = { kind: "json"; snapshot: Snapshot } | { kind: "workbook"; sheets: SheetData[]; snapshots: Array<{ sheet: string; snapshot: Snapshot }> };

/** Read a snapshot file (JSON) or a workbook (.xlsx, perhaps a working paper holding snapshot sheets). */
export async function readSnapshotSource(path: string, shownAs: string, readOptions: ReadOptions = {}): Promise<SnapshotSource> {
  let bytes: Buffer | null;
  try {
    bytes = readBounded(path, MAX_SNAPSHOT_BYTES);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new SnapshotError({ zh: `无法读取“${shownAs}”：${code}`, en: `Cannot read "${shownAs}": ${code}` });
  }
  if (bytes === null) throw new SnapshotError({ zh: `“${shownAs}”太大，不是快照。`, en: `"${shownAs}" is too large to be a snapshot.` });
  if (!isZip(bytes)) return { kind: "json", snapshot: parseSnapshot(bytes.toString("utf8")) };
  try {
    const read = await readXlsx(path, readOptions);
    return { kind: "workbook", sheets: read.sheets, snapshots: snapshotsInSheets(read.sheets) };
  } catch (e) {
    if (e instanceof XlsxReadError) throw new SnapshotError({ zh: e.zh, en: e.en });
    throw e;
  }
}

/** Exactly one snapshot from a source, or a refusal that says why (none, or several to choose from). */
export function oneSnapshot(source: SnapshotSource, shownAs: string): Snapshot {
  if (source.kind === "json") return source.snapshot;
  if (source.snapshots.length === 1) return source.snapshots[0].snapshot;
  if (source.snapshots.length === 0) {
    throw new SnapshotError({ zh: `“${shownAs}”中没有快照（用 levy audit --out 写出的底稿才有）。`, en: `"${shownAs}" holds no snapshot (working papers written by levy audit --out do).` });
  }
  throw new SnapshotError({
    zh: `“${shownAs}”含有 ${source.snapshots.length} 份快照（${source.snapshots.map((s) => s.sheet).join("、")}），多为含多个单位的工作簿（每个单位一份）。levy verify 一次只核对一个单位的快照，尚不能按单位核对集团工作簿：请按单位拆分为多个文件，分别用 levy audit --snapshot 导出后核对。`,
    en: `"${shownAs}" holds ${source.snapshots.length} snapshots (${source.snapshots.map((s) => s.sheet).join(", ")}), usually one per entity of a group workbook. levy verify checks one entity's snapshot at a time and cannot verify a group workbook per entity yet: split the workbook into one file per entity, export each with levy audit --snapshot, and verify those.`,
  });
}

/**
 * Last year's filing for the YoY bridge: a snapshot JSON, a working paper with one snapshot, or a client workbook,
 * which is audited here (with this run's mapping, region and entity type, never this run's filing year).
 */
export async function lastYearSnapshot(
  path: string,
  shownAs: string,
  options: AnalyseOptions,
  readOptions: ReadOptions,
  audit: (path: string, shownAs: string, options: AnalyseOptions, readOptions: ReadOptions) => Promise<{ result: AuditResult | null; sheets?: SheetData[] }>,
): Promise<Snapshot> {
  const source = await readSnapshotSource(resolve(path), shownAs, readOptions);
  if (source.kind === "json" || source.snapshots.length > 0) return oneSnapshot(source, shownAs);
  const { filingYear: _year, ...rest } = options;
  const { result, sheets } = await audit(resolve(path), shownAs, rest, readOptions);
  const snapshot = snapshotOf(shownAs, result, sheets, rest);
  if (!snapshot) {
    const why = result?.fatal ?? { zh: "没有计算结果", en: "no result" };
    throw new SnapshotError({ zh: `上年工作簿“${shownAs}”无法审核：${why.zh}`, en: `Last year's workbook "${shownAs}" cannot be audited: ${why.en}` });
  }
  return snapshot;
}

/** The YoY bridge as text for the terminal. */
export function formatYoy(b: YoyBridge): string {
  const lines = [
    "",
    `同比分析 Year-over-year bridge: ${b.lastYear.filingYear} → ${b.thisYear.filingYear}`,
    `  ${b.lastYear.filingYear}年应补（退）费额 Payable ${b.lastYear.filingYear}`.padEnd(52) + moneyDisplay(dec(b.lastYear.payable)).padStart(16),
  ];
  for (const s of b.steps) {
    const changed = s.changes.map((c) => `${c.label.zh} ${c.from} → ${c.to}`).join("；");
    lines.push(`  ${s.label.zh} ${s.label.en}`.padEnd(52) + moneyDisplay(dec(s.amount)).padStart(16) + (changed ? `   ${changed}` : ""));
    if (s.note) lines.push(`      ${s.note.zh}`, `      ${s.note.en}`);
  }
  lines.push(`  ${b.thisYear.filingYear}年应补（退）费额 Payable ${b.thisYear.filingYear}`.padEnd(52) + moneyDisplay(dec(b.thisYear.payable)).padStart(16));
  lines.push(`  变动 Change ${moneyDisplay(dec(b.change))} = 各项之和 sum of the steps`);
  for (const n of b.notes) lines.push(`  注 Note: ${n.zh}`, `        ${n.en}`);
  lines.push(`  方法 Method: ${b.method.zh}`, `          ${b.method.en}`);
  return `${lines.join("\n")}\n`;
}
