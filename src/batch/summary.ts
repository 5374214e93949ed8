/**
 * The consolidated summary of a batch (issue 10 §4): one row per entity — file, 单位名称, 统一社会信用代码, region,
 * data year, form columns 4–12, findings by severity, reconciliation status, result and its working paper — as plain
 * data (`batch.entities` in `--json`) and as the GROUP.xlsx workbook. A file that could not be audited is a row with
 * its reason. Totals of columns 9–12 are exact decimal sums over the entities audited.
 */
import ExcelJS from "exceljs";
import { relative } from "node:path";
import { dec } from "../core/decimal";
import type { Bilingual } from "../core/rules/types";
import { sanitiseWorkbook } from "../cli/safe-output";
import type { BatchEntry } from "./task";
import { FORM_SUMMARY_COLUMNS } from "../cli/form-columns";

/** "duplicate" (added): a byte-identical copy of an earlier file of the batch, not audited and not in the totals. */
export type EntityStatus = "clean" | "findings" | "unusable" | "duplicate";

/** One row of the summary (`batch.entities[]` in `--json`). Money and ratios are decimal strings. */
export interface SummaryRow {
  no: number;
  file: string;
  /** Set for an entity of a group workbook: its position and how many the workbook holds. */
  entity: { index: number; of: number } | null;
  name: string | null;
  uscc: string | null;
  region: { code: string; label: Bilingual } | null;
  filingYear: number | null;
  dataYear: number | null;
  /** Form columns 4–12 (null when the file could not be audited). */
  columns: Record<"4" | "5" | "6" | "7" | "8" | "9" | "10" | "11" | "12", string> | null;
  findings: { error: number; warning: number; info: number };
  /**
   * The reconciliation with the ledger and returns (issue 10 §1–2): how many sources and bridges, how many bridges
   * leave an unexplained remainder above tolerance. Null when the file was not audited; `sources: 0` when the
   * workbook carries no reconciliation source (the summary shows "—").
   */
  reconciliation: { sources: number; bridges: number; unexplained: number } | null;
  status: EntityStatus;
  exitCode: number;
  /** Why the file (or entity) could not be audited. */
  reason?: Bilingual;
  /** The entity's working paper (absolute path), or why it was not written. */
  paper?: string;
  paperError?: Bilingual;
  /** Status "duplicate": the file this one is a byte-identical copy of (added). */
  duplicateOf?: string;
}

export interface SummaryTotals {
  /** Rows other than duplicate files. */
  entities: number;
  /** Byte-identical copies left out of every total (added). */
  duplicates: number;
  clean: number;
  findings: number;
  unusable: number;
  /** Sums of form columns 9–12 over the entities audited. */
  grossDue: string;
  reduction: string;
  alreadyPaid: string;
  payable: string;
}

function reconciliationText(r: SummaryRow["reconciliation"]): string {
  if (!r || r.sources === 0) return "—";
  if (r.bridges === 0) return `${r.sources} 个来源，无可对账项 · ${r.sources} source(s), no bridge`;
  return r.unexplained === 0
    ? `${r.bridges} 项已勾稽 · ${r.bridges} bridge(s) reconciled`
    : `${r.unexplained}/${r.bridges} 项有未解释差异 · ${r.unexplained} of ${r.bridges} bridge(s) unexplained`;
}

export function summaryRows(entries: readonly BatchEntry[]): SummaryRow[] {
  return entries.map((e, i) => {
    const a = e.audit;
    const c = a.calculation;
    const status: EntityStatus = a.duplicateOf !== undefined ? "duplicate" : a.exitCode === 2 ? "unusable" : a.exitCode === 1 ? "findings" : "clean";
    const row: SummaryRow = {
      no: i + 1,
      file: a.file,
      entity: a.entity ? { index: a.entity.index, of: a.entity.of } : null,
      name: e.employer.name,
      uscc: e.employer.uscc,
      region: c ? { code: c.region.code, label: c.region.label } : null,
      filingYear: c?.filingYear ?? null,
      dataYear: c?.dataYear ?? null,
      columns: c && !a.error
        ? { "4": c.wageTotal, "5": c.headcount, "6": c.quotaRatio, "7": c.certifiedDisabled, "8": c.averageWage, "9": c.grossDue, "10": c.reduction, "11": c.alreadyPaid, "12": c.payable }
        : null,
      findings: { ...a.counts },
      reconciliation: a.reconciliation
        ? { sources: a.reconciliation.sources.length, bridges: a.reconciliation.bridges.length, unexplained: a.reconciliation.bridges.filter((b) => b.status === "unexplained").length }
        : null,
      status,
      exitCode: a.exitCode,
    };
    if (a.error) row.reason = a.error;
    if (e.paper) row.paper = e.paper;
    if (e.paperError) row.paperError = e.paperError;
    if (a.duplicateOf !== undefined) row.duplicateOf = a.duplicateOf;
    return row;
  });
}

export function summaryTotals(rows: readonly SummaryRow[]): SummaryTotals {
  // Columns 9–12 are amounts in fen (two decimals), so their exact sum is shown with two decimals too.
  const sum = (col: "9" | "10" | "11" | "12") => rows.reduce((s, r) => (r.columns ? s.plus(dec(r.columns[col])) : s), dec(0)).toFixed(2);
  return {
    entities: rows.filter((r) => r.status !== "duplicate").length,
    duplicates: rows.filter((r) => r.status === "duplicate").length,
    clean: rows.filter((r) => r.status === "clean").length,
    findings: rows.filter((r) => r.status === "findings").length,
    unusable: rows.filter((r) => r.status === "unusable").length,
    grossDue: sum("9"),
    reduction: sum("10"),
    alreadyPaid: sum("11"),
    payable: sum("12"),
  };
}

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E78" } };
const STATUS_TEXT: Record<EntityStatus, string> = { clean: "通过 clean", findings: "有错误 errors found", unusable: "无法审核 not audited", duplicate: "重复文件 duplicate file" };
const STATUS_FILL: Record<EntityStatus, string | null> = { clean: null, findings: "FFF8CBAD", unusable: "FFD9D9D9", duplicate: "FFFFEB9C" };

function num(value: string | undefined): number | null {
  return value === undefined ? null : Number(value);
}

/** Write GROUP.xlsx: the summary sheet (one row per entity, totals) and a sheet of what was left out and why. */
export async function writeSummaryWorkbook(
  path: string,
  rows: readonly SummaryRow[],
  info: { ignored: ReadonlyArray<{ file: string; reason: Bilingual }>; jobs: number; papersDir: string | null; exitCode: number },
): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "levy-assistant 残保金助手 (levy audit, batch)";
  wb.created = wb.modified = new Date();
  const columns: Array<{ header: string; width: number; format?: string }> = [
    { header: "编号 No.", width: 7 },
    { header: "文件 File", width: 30 },
    { header: "单位名称 Entity", width: 26 },
    { header: "统一社会信用代码 USCC", width: 21 },
    { header: "地区 Region", width: 16 },
    { header: "申报年度 Filing year", width: 10 },
    { header: "数据年度 Data year", width: 10 },
    ...FORM_SUMMARY_COLUMNS,
    { header: "错误 Errors", width: 8 },
    { header: "警告 Warnings", width: 9 },
    { header: "提示 Info", width: 8 },
    { header: "对账 Reconciliation", width: 12 },
    { header: "结论 Result", width: 40 },
    { header: "底稿 Working paper", width: 36 },
  ];
  const ws = wb.addWorksheet("汇总 Summary", { views: [{ state: "frozen", ySplit: 1, xSplit: 3 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width, style: { ...(c.format ? { numFmt: c.format } : {}), alignment: { vertical: "top", wrapText: true } } }));
  const header = ws.getRow(1);
  header.font = { bold: true, color: { argb: "FFFFFFFF" } };
  header.fill = HEADER_FILL;
  header.height = 32;
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const base = path.replace(/[^/\\]*$/, "");
  for (const r of rows) {
    const k = r.columns;
    const result = r.duplicateOf !== undefined
      ? `${STATUS_TEXT[r.status]}: 与 ${r.duplicateOf} 相同，未计入合计 / identical to ${r.duplicateOf}, not in the totals`
      : r.reason ? `${STATUS_TEXT[r.status]}: ${r.reason.zh} / ${r.reason.en}` : STATUS_TEXT[r.status];
    const paper = r.paper ? relative(base, r.paper) : r.paperError ? `未写入 not written: ${r.paperError.zh}` : null;
    const row = ws.addRow([
      r.entity ? `${r.no} (${r.entity.index}/${r.entity.of})` : r.no,
      r.file,
      r.name,
      r.uscc,
      r.region ? `${r.region.label.zh} ${r.region.code}` : null,
      r.filingYear,
      r.dataYear,
      num(k?.["4"]),
      num(k?.["5"]),
      num(k?.["6"]),
      num(k?.["7"]),
      num(k?.["8"]),
      num(k?.["9"]),
      num(k?.["10"]),
      num(k?.["11"]),
      num(k?.["12"]),
      r.findings.error,
      r.findings.warning,
      r.findings.info,
      reconciliationText(r.reconciliation),
      result,
      paper,
    ]);
    if (r.paper && paper) row.getCell(22).value = { text: paper, hyperlink: paper.split(/[\\/]/).map(encodeURIComponent).join("/") };
    const fill = STATUS_FILL[r.status];
    if (fill) row.getCell(21).fill = { type: "pattern", pattern: "solid", fgColor: { argb: fill } };
  }
  const t = summaryTotals(rows);
  const total = ws.addRow([
    "合计 Total",
    `${t.entities} 个单位 entities${t.duplicates ? ` (+${t.duplicates} 个重复文件 duplicate files)` : ""}`,
    `通过 ${t.clean} clean · 有错误 ${t.findings} with errors · 无法审核 ${t.unusable} not audited`,
    null, null, null, null, null, null, null, null, null,
    Number(t.grossDue),
    Number(t.reduction),
    Number(t.alreadyPaid),
    Number(t.payable),
  ]);
  total.font = { bold: true };
  ws.addRow([]);
  ws.addRow([
    "注 Note",
    "合计只含已审核的单位；金额为精确值（各单位 JSON 中为十进制字符串）。对账列：有对账来源时写明对账桥数和未解释差异超出容差的个数，无来源为“—”。退出码：0 全部通过，1 有单位存在错误级发现，2 有文件无法审核。",
    null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
    `Totals cover the entities audited; amounts are exact (decimal strings in --json). The reconciliation column gives the bridges and how many leave an unexplained remainder above tolerance; \u2014 where the workbook has no reconciliation source. Exit code ${info.exitCode}: 0 all clean, 1 some entity has error findings, 2 some file could not be audited.`,
  ]);
  if (info.papersDir) ws.addRow(["底稿 Papers", relative(base, info.papersDir) || ".", null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, `${info.jobs} 个并行任务 parallel jobs`]);

  const left = wb.addWorksheet("未读取 Left out", { views: [{ state: "frozen", ySplit: 1 }] });
  left.columns = [
    { header: "文件 File", width: 40 },
    { header: "原因 Reason", width: 50 },
    { header: "Reason (English)", width: 50 },
  ];
  left.getRow(1).font = { bold: true };
  for (const i of info.ignored) left.addRow([i.file, i.reason.zh, i.reason.en]);
  if (info.ignored.length === 0) left.addRow(["—", "文件夹中的每个电子表格文件都已审核", "Every spreadsheet file in the folders was audited"]);
  sanitiseWorkbook(wb);
  await wb.xlsx.writeFile(path);
}
