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
import { buildSnapshot, TOOL_NAME } from "../snapshot/build";
import { buildGroupSnapshot, parseSnapshotDocument } from "../snapshot/group";
import { SNAPSHOT_SHEET, snapshotSheetRows, snapshotsInSheets } from "../snapshot/sheet";
import { SnapshotError } from "../snapshot/types";
import type { GroupSnapshot, Snapshot, SnapshotEntity } from "../snapshot/types";
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

function snapshotOptions(options: AnalyseOptions): Snapshot["source"]["options"] {
  const { region, filingYear, entityType, mapping } = options;
  return { ...(region ? { region } : {}), ...(filingYear ? { filingYear } : {}), ...(entityType ? { entityType } : {}), ...(mapping ? { mapping: { ...mapping } } : {}) };
}

/**
 * The snapshot of one audited file (null when the audit gave no result). `entity`: the file is a group workbook and
 * this is one of its entities (recorded in the snapshot so verify and --last-year can pair it again).
 */
export function snapshotOf(file: string, result: AuditResult | null, sheets: readonly SheetData[] | undefined, options: AnalyseOptions, entity?: SnapshotEntity): Snapshot | null {
  if (!result || !result.result || result.fatal || !sheets) return null;
  return buildSnapshot(sheets, result, {
    file,
    options: snapshotOptions(options),
    createdAt: new Date().toISOString(),
    toolVersion: TOOL_VERSION,
    ...(entity ? { entity } : {}),
  });
}

/** A group workbook's filing: its entities' snapshots in one JSON (src/snapshot/group.ts). */
export function groupSnapshotOf(file: string, entities: readonly Snapshot[], options: AnalyseOptions): GroupSnapshot {
  return buildGroupSnapshot(entities, { file, options: snapshotOptions(options), createdAt: new Date().toISOString(), toolVersion: TOOL_VERSION, toolName: TOOL_NAME });
}

/** Write a group's snapshot JSON (the path checked as for writeSnapshotJson). */
export function writeGroupSnapshotJson(path: string, g: GroupSnapshot, force: boolean): void {
  writeFileSync(path, `${JSON.stringify(g, null, 2)}\n`, { encoding: "utf8", flag: force ? "w" : "wx" });
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

export type SnapshotSource =
  | { kind: "json"; snapshot: Snapshot }
  | { kind: "group-json"; group: GroupSnapshot }
  | { kind: "workbook"; sheets: SheetData[]; snapshots: Array<{ sheet: string; snapshot: Snapshot }> };

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
  if (!isZip(bytes)) {
    const doc = parseSnapshotDocument(bytes.toString("utf8"));
    return doc.kind === "group" ? { kind: "group-json", group: doc.group } : { kind: "json", snapshot: doc.snapshot };
  }
  try {
    const read = await readXlsx(path, readOptions);
    return { kind: "workbook", sheets: read.sheets, snapshots: snapshotsInSheets(read.sheets) };
  } catch (e) {
    if (e instanceof XlsxReadError) throw new SnapshotError({ zh: e.zh, en: e.en });
    throw e;
  }
}

/**
 * What a snapshot source files: one entity's snapshot (a snapshot JSON, or a working paper with one snapshot of an
 * ordinary workbook), or a group's (a group JSON, or a working paper whose snapshots are the entities of one
 * workbook). A working paper with no snapshot, or with snapshots of several different files, is refused with why.
 */
export type Filed = { kind: "single"; snapshot: Snapshot } | { kind: "group"; snapshots: Snapshot[]; group?: GroupSnapshot };

export function filedSnapshots(source: SnapshotSource, shownAs: string): Filed {
  if (source.kind === "json") return { kind: "single", snapshot: source.snapshot };
  if (source.kind === "group-json") return { kind: "group", snapshots: source.group.entities, group: source.group };
  const all = source.snapshots.map((s) => s.snapshot);
  if (all.length === 0) {
    throw new SnapshotError({ zh: `“${shownAs}”中没有快照（用 levy audit --out 写出的底稿才有）。`, en: `"${shownAs}" holds no snapshot (working papers written by levy audit --out do).` });
  }
  if (all.length === 1 && !all[0].entity) return { kind: "single", snapshot: all[0] };
  const files = new Set(all.map((s) => s.source?.file ?? ""));
  if (files.size === 1) return { kind: "group", snapshots: all };
  throw new SnapshotError({
    zh: `“${shownAs}”含有 ${all.length} 份快照（${source.snapshots.map((s) => s.sheet).join("、")}），来自不同的文件（${[...files].join("、")}）。一次只能核对一个工作簿：请分别用 levy audit --snapshot 导出各文件的快照后核对。`,
    en: `"${shownAs}" holds ${all.length} snapshots (${source.snapshots.map((s) => s.sheet).join(", ")}) of different files (${[...files].join(", ")}). One workbook is checked at a time: export each file's snapshot with levy audit --snapshot and verify those.`,
  });
}

/** The entity audits of a workbook (src/batch/entity-audit.ts's auditFileEntities, passed in to keep imports one-way). */
type AuditEntities = (path: string, shownAs: string, options: AnalyseOptions, readOptions: ReadOptions) => Promise<Array<{ audit: { entity?: { index: number; of: number; name: string | null; uscc: string | null; sheets: string[] }; error?: { zh: string; en: string } }; result: AuditResult | null; sheets?: SheetData[] }>>;

/**
 * Last year's filing for the YoY bridge: a snapshot JSON (one entity's or a group's), a working paper, or a client
 * workbook — audited here (with this run's mapping, region and entity type, never this run's filing year) and, when
 * it is a group workbook, split into its entities. An entity of last year's workbook that gives no result refuses the
 * whole (exit 2): its partner this year would otherwise be reported as having no last year.
 */
export async function lastYearFiled(path: string, shownAs: string, options: AnalyseOptions, readOptions: ReadOptions, auditEntities: AuditEntities): Promise<Filed> {
  const source = await readSnapshotSource(resolve(path), shownAs, readOptions);
  if (source.kind !== "workbook" || source.snapshots.length > 0) return filedSnapshots(source, shownAs);
  const { filingYear: _year, ...rest } = options;
  const entries = await auditEntities(resolve(path), shownAs, rest, readOptions);
  const snapshots: Snapshot[] = [];
  for (const { audit, result, sheets } of entries) {
    const e = audit.entity;
    const snapshot = snapshotOf(shownAs, result, sheets, rest, e ? { index: e.index, of: e.of, name: e.name, uscc: e.uscc, sheets: e.sheets } : undefined);
    if (!snapshot) {
      const why = result?.fatal ?? audit.error ?? { zh: "没有计算结果", en: "no result" };
      const who = e ? `（单位 ${e.name ?? e.uscc ?? e.index}）` : "";
      const whoEn = e ? ` (entity ${e.name ?? e.uscc ?? e.index})` : "";
      throw new SnapshotError({ zh: `上年工作簿“${shownAs}”${who}无法审核：${why.zh}`, en: `Last year's workbook "${shownAs}"${whoEn} cannot be audited: ${why.en}` });
    }
    snapshots.push(snapshot);
  }
  return snapshots.length === 1 && !snapshots[0].entity ? { kind: "single", snapshot: snapshots[0] } : { kind: "group", snapshots };
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
