/**
 * `levy audit --out REPORT.xlsx`: the audit working paper (审计底稿). One workbook, readable without the tool:
 *
 *   汇总 Summary          one line per audited file: form columns 4–12, row accounting, findings, verdict
 *   计算过程 Trail         every step of the calculation: form column, formula, inputs, value, rule, source, confidence
 *   发现 Findings          every finding with all its cell references, suggestion, source and amount
 *   排除与拒绝 Rows        every excluded or rejected row: sheet, row, cell, person, reason code and explanation
 *   参数 Parameters        every rule parameter: value, region, confidence, used or overridden, source; then the
 *                         parameter block as read from the workbook, with its cells
 *   识别的表 Tables        each table found: range, kind, and what every column was taken to mean (and why)
 *   月度人数 Headcount     the twelve monthly figures, and what each excluded category would add
 *   工资构成 Wages         the wage total by component, the non-wage items, pay of excluded staff
 *   残疾职工 Disabled      each person on the register: weight, share of the year, counted or not and why
 *   LEVY公式 Formulas      LEVY.* formulas found in the workbook, cached and recomputed (only when there are some)
 *
 * With several files the per-file sheets carry the file's number (F1, F2, …) and the summary names the files.
 * Headers are frozen and filtered, columns sized, money shown as #,##0.00.
 */
import { reconciliationSheetRows } from "../reconciliation/sheet-rows";
import ExcelJS from "exceljs";
import type { LevyResultJson } from "../core/levy/serialize";
import type { AuditResult } from "../validation/analyse-contract";
import type { Finding } from "../validation/types";
import type { AuditRun, FileAudit } from "./audit";
import { sanitiseWorkbook } from "./safe-output";
import type { YoyBridge } from "../core/levy/yoy";
import { addSnapshotSheet, SNAPSHOT_SHEET } from "./snapshot-io";
import { chinaTime } from "../core/china-time";
import { TRAIL_INPUT_LABELS } from "../core/levy/trail-labels";
import { CONFIDENCE_LABELS, citationText, citationUrl } from "../core/rules/sources";
import { FORM_SUMMARY_COLUMNS, MONEY_FORMAT as MONEY } from "./form-columns";

/** A confidence tag in words, both languages ("二手资料，待核实 secondary source, to verify"). */
function confidenceText(tag: string): string {
  const l = (CONFIDENCE_LABELS as Record<string, { zh: string; en: string }>)[tag];
  return l ? `${l.zh}\n${l.en}` : tag;
}

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E78" } };
const SEVERITY_FILL: Record<string, string> = { error: "FFF8CBAD", warning: "FFFFE699", info: "FFDDEBF7" };
const SEVERITY_TEXT: Record<string, string> = { error: "错误 error", warning: "警告 warning", info: "提示 info" };

/** Money-valued calculation fields (shown as #,##0.00). */
const MONEY_STEPS = /wage|due|gross|reduction|paid|payable|cap|base|amount|fee/i;

interface Column {
  header: string;
  width: number;
  format?: string;
  wrap?: boolean;
}

function sheetWithHeader(wb: ExcelJS.Workbook, name: string, columns: Column[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width, style: { ...(c.format ? { numFmt: c.format } : {}), alignment: { vertical: "top", wrapText: c.wrap ?? false } } }));
  const header = ws.getRow(1);
  header.font = { bold: true, color: { argb: "FFFFFFFF" } };
  header.fill = HEADER_FILL;
  header.alignment = { vertical: "middle", wrapText: true };
  header.height = 30;
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  ws.pageSetup = a4PageSetup(columns.reduce((sum, c) => sum + c.width, 0));
  return ws;
}

/**
 * Columns (Excel character widths) that fit across portrait A4 at the default margins: 210 mm − 2 × 17.8 mm ≈ 174 mm
 * ≈ 6.9 in ≈ 660 px at 96 dpi ≈ 90 characters of 7 px. Wider sheets print landscape (≈ 130 characters).
 */
export const A4_PORTRAIT_COLUMNS = 90;

/** Issue 11: every sheet prints on A4, all columns on one page wide (as many pages tall as needed), header row repeated. */
export function a4PageSetup(totalColumnWidth: number): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9 as ExcelJS.PaperSize, // A4 (ECMA-376 ST_PaperSize 9)
    orientation: totalColumnWidth > A4_PORTRAIT_COLUMNS ? "landscape" : "portrait",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0, // 0 = as many pages tall as the rows need
    printTitlesRow: "1:1",
  };
}

/** A decimal string as a number cell (the nearest double; the exact text stays in the trail and the JSON). */
function numberOrText(value: string | null | undefined): number | string | null {
  if (value === null || value === undefined) return null;
  return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

function prefix(files: readonly FileAudit[], index: number, name: string): string {
  return files.length === 1 ? name : `F${index + 1} ${name}`.slice(0, 31);
}

function cellList(f: Finding): string {
  return f.cells.map((c) => `${c.sheet}!${c.address}`).join(", ");
}

export async function writeWorkingPaper(path: string, run: AuditRun): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "levy-assistant 残保金助手 (levy audit)";
  wb.created = wb.modified = new Date();
  writeSummary(wb, run.files);
  const summarySheet = wb.getWorksheet("汇总 Summary");
  summarySheet?.addRow([]);
  summarySheet?.addRow(["生成时间（北京时间） Generated (China time, UTC+8)", chinaTime(wb.created)]);
  run.files.forEach((file, i) => {
    const result = run.results[i] ?? null;
    const name = (base: string) => prefix(run.files, i, base);
    writeTrail(wb, name("计算过程 Trail"), file.calculation);
    writeFindings(wb, name("发现 Findings"), file.findings);
    writeRows(wb, name("排除与拒绝 Rows"), result);
    writeParameters(wb, name("参数 Parameters"), file.calculation, result);
    writeTables(wb, name("识别的表 Tables"), result);
    writeHeadcount(wb, name("月度人数 Headcount"), result);
    writeWages(wb, name("工资构成 Wages"), result);
    writeDisabled(wb, name("残疾职工 Disabled"), result);
    if (result?.formulas && result.formulas.length > 0) writeFormulas(wb, name("LEVY公式 Formulas"), result);
    if (result?.reconciliation && (result.reconciliation.sources.length > 0 || result.reconciliation.bridges.length > 0)) writeReconciliation(wb, name("对账 Reconciliation"), result.reconciliation);
  });
  writeFiledSnapshots(wb, run);
  // Text from the audited files may hold characters XML 1.0 forbids (a name with U+FFFE, a control character read
  // from an `_x0001_` escape): written as they are, Excel and ExcelJS could not open the paper. Replace and say so.
  const replaced = sanitiseWorkbook(wb);
  if (replaced > 0) {
    const summary = wb.getWorksheet("汇总 Summary");
    summary?.addRow([]);
    summary?.addRow([
      "注 Note",
      `有 ${replaced} 个单元格的文本含有 XML 不允许的字符（控制字符、U+FFFE 等），在本底稿中已替换为 “\ufffd”；原文件未改动。`,
      null,
      null,
      null,
      `${replaced} cells held characters XML does not allow (control characters, U+FFFE, …); they are shown as "\ufffd" in this working paper. The audited files are unchanged.`,
    ]);
  }
  await wb.xlsx.writeFile(path);
}

function writeSummary(wb: ExcelJS.Workbook, files: readonly FileAudit[]): void {
  const ws = sheetWithHeader(wb, "汇总 Summary", [
    { header: "编号 No.", width: 8 },
    { header: "文件 File", width: 36, wrap: true },
    { header: "地区 Region", width: 16 },
    { header: "申报年度 Filing year", width: 10 },
    { header: "数据年度 Data year", width: 10 },
    ...FORM_SUMMARY_COLUMNS,
    { header: "读取行 Rows read", width: 10 },
    { header: "计入 Counted", width: 10 },
    { header: "排除 Excluded", width: 10 },
    { header: "拒绝 Rejected", width: 10 },
    { header: "错误 Errors", width: 8 },
    { header: "警告 Warnings", width: 9 },
    { header: "提示 Info", width: 8 },
    { header: "结论 Result", width: 30, wrap: true },
  ]);
  files.forEach((f, i) => {
    const c = f.calculation;
    const verdict = f.error ? `无法使用 unusable: ${f.error.zh} / ${f.error.en}` : f.counts.error > 0 ? "有错误 errors found" : "通过 clean";
    const row = ws.addRow([
      `F${i + 1}`,
      f.file,
      c ? `${c.region.label.zh} ${c.region.code}` : null,
      c?.filingYear ?? null,
      c?.dataYear ?? null,
      numberOrText(c?.wageTotal),
      numberOrText(c?.headcount),
      numberOrText(c?.quotaRatio),
      numberOrText(c?.certifiedDisabled),
      numberOrText(c?.averageWage),
      numberOrText(c?.grossDue),
      numberOrText(c?.reduction),
      numberOrText(c?.alreadyPaid),
      numberOrText(c?.payable),
      f.rows.read,
      f.rows.counted,
      f.rows.excluded,
      f.rows.rejected,
      f.counts.error,
      f.counts.warning,
      f.counts.info,
      verdict,
    ]);
    if (f.exitCode !== 0) row.getCell(22).fill = { type: "pattern", pattern: "solid", fgColor: { argb: f.exitCode === 1 ? SEVERITY_FILL.error : "FFD9D9D9" } };
  });
}

function writeTrail(wb: ExcelJS.Workbook, name: string, calc: LevyResultJson | null): void {
  const ws = sheetWithHeader(wb, name, [
    { header: "序号 #", width: 6 },
    { header: "步骤 Step", width: 34, wrap: true },
    { header: "栏次 Form column", width: 8 },
    { header: "公式 Formula", width: 40, wrap: true },
    { header: "输入 Inputs", width: 44, wrap: true },
    { header: "值 Value", width: 18 },
    { header: "精确值 Exact value", width: 22 },
    { header: "规则参数 Rule parameter", width: 26, wrap: true },
    { header: "依据 Source", width: 48, wrap: true },
    { header: "可信度 Confidence", width: 12 },
    { header: "说明 Note", width: 40, wrap: true },
  ]);
  if (!calc) {
    ws.addRow([null, "无计算结果（文件无法使用）No calculation (the file could not be used)"]);
    return;
  }
  calc.trail.forEach((step, i) => {
    const value = numberOrText(step.value);
    const row = ws.addRow([
      i + 1,
      `${step.label.zh}\n${step.label.en}`,
      step.formColumn ?? null,
      step.formulaText ? `${step.formulaText.zh}\n${step.formulaText.en}` : step.formula,
      Object.entries(step.inputs)
        .map(([k, v]) => `${TRAIL_INPUT_LABELS[k] ? `${TRAIL_INPUT_LABELS[k].zh} ${TRAIL_INPUT_LABELS[k].en}` : k} = ${v}`)
        .join("\n"),
      value,
      step.value,
      step.rule ? `${step.rule.name} = ${step.rule.value}${step.rule.overridden ? "（覆盖 override）" : ""}` : null,
      step.rule ? [citationText(step.rule.source), citationUrl(step.rule.source), step.rule.source.note].filter(Boolean).join("\n") : null,
      step.rule ? confidenceText(step.rule.confidence) : null,
      step.note ? `${step.note.zh}\n${step.note.en}` : null,
    ]);
    if (typeof value === "number") row.getCell(6).numFmt = MONEY_STEPS.test(step.id) ? MONEY : "#,##0.00####";
  });
  if (calc.notes.length > 0) {
    ws.addRow([]);
    ws.addRow([null, "说明 Notes"]).font = { bold: true };
    for (const n of calc.notes) ws.addRow([null, n.code, null, `${n.message.zh}\n${n.message.en}`, null, null, null, null, null, n.severity]);
  }
  // Headcounts, shortfall and average wage are shown rounded elsewhere; the amounts use the exact values (column 精确值).
  ws.addRow([]);
  ws.addRow([
    null,
    "说明 Note",
    null,
    "人数和平均工资在申报表中按两位小数显示；金额按精确值（“精确值”列）计算，用两位小数手算可能相差几分。\nHeadcounts and average wages show two decimals on the form; amounts use the exact values (column Exact value), so a hand check with two decimals may differ by a few fen.",
  ]);
}

function writeFindings(wb: ExcelJS.Workbook, name: string, findings: readonly Finding[]): void {
  const ws = sheetWithHeader(wb, name, [
    { header: "序号 #", width: 6 },
    { header: "严重程度 Severity", width: 12 },
    { header: "代码 Code", width: 24 },
    { header: "说明 Message (中文)", width: 50, wrap: true },
    { header: "Message (English)", width: 50, wrap: true },
    { header: "单元格 Cells", width: 40, wrap: true },
    { header: "行数 Rows", width: 8 },
    { header: "建议 Suggestion", width: 44, wrap: true },
    { header: "Suggestion (English)", width: 44, wrap: true },
    { header: "依据 Source", width: 30, wrap: true },
    { header: "金额 Amount", width: 14, format: MONEY },
  ]);
  const order = { error: 0, warning: 1, info: 2 } as const;
  [...findings]
    .sort((a, b) => order[a.severity] - order[b.severity])
    .forEach((f, i) => {
      const row = ws.addRow([i + 1, SEVERITY_TEXT[f.severity] ?? f.severity, f.code, f.message.zh, f.message.en, cellList(f), f.rows, f.suggestion.zh, f.suggestion.en, [f.source, f.sourceUrl].filter(Boolean).join("\n") || null, numberOrText(f.amount)]);
      row.getCell(2).fill = { type: "pattern", pattern: "solid", fgColor: { argb: SEVERITY_FILL[f.severity] ?? "FFFFFFFF" } };
    });
  if (findings.length === 0) ws.addRow([null, null, null, "未发现问题", "No findings"]);
}

function writeRows(wb: ExcelJS.Workbook, name: string, result: AuditResult | null): void {
  const ws = sheetWithHeader(wb, name, [
    { header: "类别 Kind", width: 14 },
    { header: "原因代码 Reason", width: 24 },
    { header: "工作表 Sheet", width: 18 },
    { header: "行 Row", width: 8 },
    { header: "单元格 Cell", width: 10 },
    { header: "人员 Person", width: 18 },
    { header: "表 Table", width: 16 },
    { header: "说明 Detail (中文)", width: 56, wrap: true },
    { header: "Detail (English)", width: 56, wrap: true },
  ]);
  const outcomes = [...(result?.exclusions ?? []), ...(result?.rejections ?? [])];
  for (const o of outcomes) {
    ws.addRow([o.status === "excluded" ? "排除 excluded" : "拒绝 rejected", o.reason, o.sheet, o.row, o.cell ?? null, o.person ?? null, o.table, o.detail.zh, o.detail.en]);
  }
  if (result?.outcomesOmitted) {
    ws.addRow([null, null, null, null, null, null, null, `另有 ${result.outcomesOmitted} 行未逐一列出（各原因的行数见汇总与发现表）`, `${result.outcomesOmitted} more rows not listed one by one (counts per reason are in the summary and findings)`]);
  }
  if (outcomes.length === 0) ws.addRow(["—", null, null, null, null, null, null, "没有被排除或拒绝的行", "No excluded or rejected rows"]);
}

function writeParameters(wb: ExcelJS.Workbook, name: string, calc: LevyResultJson | null, result: AuditResult | null): void {
  const ws = sheetWithHeader(wb, name, [
    { header: "参数 Parameter", width: 26 },
    { header: "值 Value", width: 22, wrap: true },
    { header: "本次使用 Used", width: 10 },
    { header: "覆盖 Overridden", width: 10 },
    { header: "可信度 Confidence", width: 12 },
    { header: "地区 Region", width: 14 },
    { header: "依据 Source document", width: 56, wrap: true },
    { header: "官方链接 Official link", width: 40, wrap: true },
    { header: "备注 Note", width: 50, wrap: true },
  ]);
  if (calc) {
    for (const p of calc.parameters) {
      const value = p.value === null ? "无 none" : typeof p.value === "object" ? JSON.stringify(p.value) : (p.value as string | number | boolean);
      const row = ws.addRow([p.name, value, p.used ? "是 yes" : "否 no", p.overridden ? "是 yes" : "否 no", confidenceText(p.confidence), p.regionCode, citationText(p.source), citationUrl(p.source) ?? null, p.source.note ?? null]);
      if (p.used && p.confidence !== "confirmed") row.getCell(5).fill = { type: "pattern", pattern: "solid", fgColor: { argb: SEVERITY_FILL.warning } };
    }
  }
  const block = result?.parameters;
  if (!block) return;
  ws.addRow([]);
  ws.addRow(["工作簿中的参数 Parameters read from the workbook", block.sheet ? `工作表 sheet: ${block.sheet}` : "（未找到参数区 no parameter block）"]).font = { bold: true };
  const facts: Array<[string, string | number | null]> = [
    ["单位名称 Employer", block.employerName],
    ["统一社会信用代码 USCC", block.uscc],
    ["地区 Region", `${block.region.input || "—"} → ${block.region.code ?? "?"}`],
    ["申报年度 Filing year", block.filingYear],
    ["数据年度 Data year", block.dataYear],
    ["申报日期 Filing date", block.filingDate],
    ["年度来源 Period from", block.periodSource],
    ["单位类型 Entity type", block.entityType],
    ["月人数口径 Headcount method", block.headcountMethod],
  ];
  for (const [k, v] of facts) ws.addRow([k, v]);
  for (const v of block.values) ws.addRow([v.name, v.value, null, null, null, null, `${v.cell.sheet}!${v.cell.address}`]);
  for (const o of block.overrides) ws.addRow([o.name, o.value, null, "是 yes", null, "override", o.cell]);
  for (const u of block.unknown) ws.addRow([u.name, u.value, "未识别 unknown", null, null, null, `${u.cell.sheet}!${u.cell.address}`]);
}

function writeTables(wb: ExcelJS.Workbook, name: string, result: AuditResult | null): void {
  const ws = sheetWithHeader(wb, name, [
    { header: "工作表 Sheet", width: 18 },
    { header: "表 Kind", width: 16 },
    { header: "范围 Range", width: 14 },
    { header: "列 Column", width: 7 },
    { header: "表头 Header", width: 20 },
    { header: "字段 Field", width: 22 },
    { header: "含义 Meaning", width: 30 },
    { header: "工资属性 Pay kind", width: 12 },
    { header: "识别方式 Via", width: 12 },
    { header: "映射来源 Mapping origin", width: 18 },
    { header: "读取行 Read", width: 8 },
    { header: "计入 Counted", width: 8 },
    { header: "排除 Excluded", width: 8 },
    { header: "拒绝 Rejected", width: 8 },
  ]);
  for (const t of result?.tables ?? []) {
    t.columns.forEach((c, i) => {
      ws.addRow([
        t.sheet,
        t.kind,
        t.range,
        c.column,
        c.header,
        c.duplicate ? `${c.field}（重复，未用 duplicate, unused）` : c.field ?? "未使用 unused",
        c.label ? `${c.label.zh} ${c.label.en}` : null,
        c.payKind ?? null,
        c.via,
        c.mappingOrigin ?? null,
        i === 0 ? t.rows.read : null,
        i === 0 ? t.rows.counted : null,
        i === 0 ? t.rows.excluded : null,
        i === 0 ? t.rows.rejected : null,
      ]);
    });
  }
  for (const s of result?.skippedSheets ?? []) ws.addRow([s.sheet, "未作为数据表 not a data table", null, null, null, null, `${s.reason.zh} ${s.reason.en}`]);
  for (const m of result?.mapping ?? []) ws.addRow(["映射 mapping", m.target, null, null, m.key, m.value, `应用 ${m.applied} 次 applied ${m.applied}×`, null, "mapping", m.origin]);
}

function writeHeadcount(wb: ExcelJS.Workbook, name: string, result: AuditResult | null): void {
  const ws = sheetWithHeader(wb, name, [
    { header: "月份 Month", width: 10 },
    { header: "月初人数 Start", width: 12 },
    { header: "月末人数 End", width: 12 },
    { header: "当月人数 Figure", width: 14, format: "#,##0.00##" },
    { header: "说明 Note", width: 60, wrap: true },
  ]);
  const h = result?.headcount;
  if (!h) {
    ws.addRow([null, null, null, null, "未从花名册计算人数 no roster-derived headcount"]);
    return;
  }
  for (const m of h.months) ws.addRow([m.month, m.start, m.end, numberOrText(m.figure)]);
  ws.addRow(["年平均 Annual", null, null, numberOrText(h.annual), `口径 method: ${h.method}; Σ ÷ 12`]).font = { bold: true };
  ws.addRow([]);
  ws.addRow(["未计入的类别 Excluded", "行数 Rows", null, "折合年平均 Annual", "若计入将增加的年平均人数 What counting them would add"]).font = { bold: true };
  for (const [reason, e] of Object.entries(h.excluded)) ws.addRow([reason, e.rows, null, numberOrText(e.annual)]);
}

function writeWages(wb: ExcelJS.Workbook, name: string, result: AuditResult | null): void {
  const ws = sheetWithHeader(wb, name, [
    { header: "项目 Item", width: 30 },
    { header: "金额 Amount", width: 18, format: MONEY },
    { header: "工作表 Sheet", width: 18 },
    { header: "列 Column", width: 8 },
    { header: "表头 Header", width: 18 },
    { header: "其中不计人数人员 Of which excluded staff", width: 20, format: MONEY },
  ]);
  const w = result?.wages;
  if (!w) {
    ws.addRow(["无工资数据 no wage data"]);
    return;
  }
  ws.addRow([`工资总额 Wage total（来源 source: ${w.source}）`, numberOrText(w.total)]).font = { bold: true };
  for (const [k, v] of Object.entries(w.byCategory)) ws.addRow([`工资构成 wage: ${k}`, numberOrText(v)]);
  ws.addRow(["非工资项目合计 Non-wage items", numberOrText(w.nonWageTotal)]);
  for (const [k, v] of Object.entries(w.nonWage)) ws.addRow([`非工资 non-wage: ${k}`, numberOrText(v)]);
  ws.addRow([`不计人数人员的工资 Pay of excluded staff (${w.excludedStaff.rows} 行 rows)`, numberOrText(w.excludedStaff.total)]);
  for (const [k, v] of Object.entries(w.excludedStaff.byReason)) ws.addRow([`  ${k}`, numberOrText(v)]);
  ws.addRow([`花名册中找不到的人员 Unmatched (${w.unmatched.rows} 行 rows)`, numberOrText(w.unmatched.total)]);
  ws.addRow([`覆盖月份 Months covered: ${w.monthsCovered.join(", ") || "—"}`]);
  ws.addRow([]);
  ws.addRow(["各列 Per column", "计入 Included", "工作表 Sheet", "列 Column", "表头 Header", "不计人数人员 Excluded staff"]).font = { bold: true };
  for (const c of w.columns) ws.addRow([`${c.category} (${c.payKind})`, numberOrText(c.included), c.sheet, c.column, c.header, numberOrText(c.excludedStaff)]);
}

function writeDisabled(wb: ExcelJS.Workbook, name: string, result: AuditResult | null): void {
  const ws = sheetWithHeader(wb, name, [
    { header: "工作表 Sheet", width: 16 },
    { header: "行 Row", width: 7 },
    { header: "人员 Person", width: 20 },
    { header: "按几人 Weight", width: 8 },
    { header: "依据 Why", width: 40, wrap: true },
    { header: "在岗比例 Share of year", width: 10, format: "0.00%" },
    { header: "计入人数 Contribution", width: 12, format: "0.00##" },
    { header: "计入 Counted", width: 9 },
    { header: "不计入原因 Reasons", width: 60, wrap: true },
  ]);
  const d = result?.disabled;
  if (!d) {
    ws.addRow(["无残疾职工数据 no disabled register"]);
    return;
  }
  for (const p of d.persons) {
    ws.addRow([p.sheet, p.row, p.person, p.weight, `${p.weightReason.zh}\n${p.weightReason.en}`, numberOrText(p.fraction), numberOrText(p.contribution), p.counted ? "是 yes" : "否 no", p.reasons.map((r) => `${r.code}: ${r.detail.zh} / ${r.detail.en}`).join("\n") || null]);
  }
  ws.addRow([`合计 Certified (${d.source})`, null, null, null, null, null, numberOrText(d.certified)]).font = { bold: true };
}

function writeFormulas(wb: ExcelJS.Workbook, name: string, result: AuditResult): void {
  const ws = sheetWithHeader(wb, name, [
    { header: "单元格 Cell", width: 16 },
    { header: "公式 Formula", width: 50, wrap: true },
    { header: "状态 Status", width: 16 },
    { header: "缓存值 Cached", width: 18 },
    { header: "重算值 Recomputed", width: 18 },
    { header: "说明 Error", width: 50, wrap: true },
  ]);
  for (const f of result.formulas ?? []) {
    ws.addRow([`${f.sheet}!${f.address}`, f.formula, f.status, f.cached === undefined || f.cached === null ? null : typeof f.cached === "object" ? JSON.stringify(f.cached) : (f.cached as string | number | boolean), f.recomputed ?? null, f.error ? `${f.error.zh} / ${f.error.en}` : null]);
  }
}

/** The 对账 sheet: each bridge as rows (from, explained parts, unexplained remainder, to) with the cells, then sources. */
function writeReconciliation(wb: ExcelJS.Workbook, name: string, rec: NonNullable<AuditResult["reconciliation"]>): void {
  const ws = sheetWithHeader(wb, name, [
    { header: "对账 Bridge", width: 26, wrap: true },
    { header: "项目 Item", width: 50, wrap: true },
    { header: "金额/人数 Amount", width: 18, format: "#,##0.00##" },
    { header: "单元格 Cells", width: 40, wrap: true },
    { header: "说明 Note", width: 50, wrap: true },
  ]);
  for (const row of reconciliationSheetRows(rec)) {
    const added = ws.addRow(row.cells.map((v, i) => (i === 2 ? numberOrText(v as string | null) : v)));
    if (row.bold) added.font = { bold: true };
  }
}

/* ---------------------------------------------------------------------------------------------------------------
 * Issue 10 §3: the filed snapshot (hidden, protected 快照 sheet) and the year-over-year bridge (同比 sheet).
 * ------------------------------------------------------------------------------------------------------------- */

function writeFiledSnapshots(wb: ExcelJS.Workbook, run: AuditRun): void {
  run.files.forEach((file, i) => {
    if (file.yoy) writeYoy(wb, prefix(run.files, i, "同比 YoY"), file.yoy);
    const snapshot = run.snapshots?.[i];
    if (snapshot) addSnapshotSheet(wb, prefix(run.files, i, SNAPSHOT_SHEET), snapshot);
  });
}

/** The YoY bridge: last year's payable, each step with its amount and what changed, this year's payable. */
export function writeYoy(wb: ExcelJS.Workbook, name: string, b: YoyBridge): void {
  const ws = sheetWithHeader(wb, name, [
    { header: "步骤 Step", width: 8 },
    { header: "项目", width: 22 },
    { header: "Item", width: 30 },
    { header: "金额 Amount", width: 16, format: MONEY },
    { header: "累计应补（退）Payable after", width: 18, format: MONEY },
    { header: "变化 What changed (上年 → 本年 last → this year)", width: 60, wrap: true },
    { header: "说明 Note", width: 60, wrap: true },
  ]);
  ws.addRow(["", `${b.lastYear.filingYear}年应补（退）费额`, `Payable ${b.lastYear.filingYear} (filed)`, null, numberOrText(b.lastYear.payable), "", ""]);
  b.steps.forEach((s, i) => {
    ws.addRow([
      i + 1,
      s.label.zh,
      s.label.en,
      numberOrText(s.amount),
      numberOrText(s.payableAfter),
      s.changes.map((c) => `${c.label.zh} ${c.label.en}: ${c.from} → ${c.to}`).join("\n"),
      s.note ? `${s.note.zh}\n${s.note.en}` : "",
    ]);
  });
  ws.addRow(["", `${b.thisYear.filingYear}年应补（退）费额`, `Payable ${b.thisYear.filingYear} (filed)`, null, numberOrText(b.thisYear.payable), "", ""]);
  const total = ws.addRow(["", "变动合计", "Change (sum of the steps)", numberOrText(b.change), null, "", ""]);
  total.font = { bold: true };
  ws.addRow([]);
  ws.addRow(["", "方法", "Method", null, null, b.method.zh, b.method.en]);
  for (const n of b.notes) ws.addRow(["", "注", "Note", null, null, n.zh, n.en]);
}
