/**
 * `levy template --out TEMPLATE.xlsx [--region CN-JS] [--year 2025]`: the firm template.
 *
 * Sheets, headers and parameter rows come from src/workbook/template-layout.ts, so the workbook model recognises a
 * filled template out of the box. The declaration sheet (申报表) computes form columns 4–12 with LEVY.* formulas
 * over the other sheets, so a firm that fills the data sheets in Excel with the add-in sees its filing at once.
 *
 * How a custom function is written into the file. Excel stores a JavaScript custom function of an add-in under the
 * prefix `_xldudf_`, with the namespace dot turned into an underscore: the cell that shows `=LEVY.DUE(C8,C10,C7,…)`
 * holds `_xldudf_LEVY_DUE(C8,C10,C7,…)` in the sheet XML. Sources: an Excel engineer in
 * OfficeDev/Excel-Custom-Functions#108 ("For Javascript Custom Functions, we by default save out with a different
 * prefix _xldudf"; a formula typed in as `CUSTOMJS.NEWFDS(` without the prefix in a file did not calculate when
 * opened, until each cell was re-entered); OfficeDev/office-js#3558 (on opening, a cell shows `_xldudf_…` until the
 * add-in registers its functions, then Excel binds the name and calculates) and #2568 (the XML of a saved workbook
 * holds `_xldudf_XXXX`); workbooks saved by Excel in public repositories hold e.g. `_xldudf_CX_GET(...)`. So the
 * template writes `_xldudf_LEVY_<NAME>(` — what Excel itself would have saved — and asks Excel to recalculate on
 * load (`fullCalcOnLoad`). Without the add-in the cells show `#NAME?`; the data sheets work regardless. The reader
 * (xlsx-reader.ts) shows such a formula back as `=LEVY.DUE(…)`, as Office.js does.
 */
import { resolve } from "node:path";
import ExcelJS from "exceljs";
import { todayInChina } from "../core/dates";
import { findRegion } from "../core/rules/resolve";
import {
  TEMPLATE_DISABLED_HEADERS,
  TEMPLATE_EMPLOYMENT_TYPES,
  TEMPLATE_MONTHLY_HEADERS,
  TEMPLATE_PARAMETER_ROWS,
  TEMPLATE_PAYROLL_HEADERS,
  TEMPLATE_ROSTER_HEADERS,
  TEMPLATE_SHEETS,
  TEMPLATE_YES_NO,
} from "../workbook/template-layout";
import { ArgsError, parseArgs } from "./args";
import { checkOutputPath, OutputRefused, sanitiseWorkbook, writeAtomically } from "./safe-output";
import { EXIT } from "./io";
import type { CliIO } from "./io";
import { columnLetters } from "../workbook/address";

export interface TemplateOptions {
  region?: string;
  filingYear?: number;
  /** Data rows covered by the validation lists and the formulas (default 2000 staff, 200 disabled, 12 payroll rows a person). */
  rows?: { roster?: number; disabled?: number; payroll?: number };
}

/** How a LEVY.* call is written into the file (see the header comment). */
export function storedCustomFunction(name: string): string {
  return `_xldudf_LEVY_${name.toUpperCase()}`;
}

/** A LEVY.* formula in the form Excel stores it: levyFormula("DUE", "C8", "C10") → "_xldudf_LEVY_DUE(C8,C10)". */
export function levyFormula(name: string, ...args: string[]): string {
  return `${storedCustomFunction(name)}(${args.join(",")})`;
}

const MONEY = "#,##0.00";
const DATE = "yyyy-mm-dd";
const TEXT = "@";
const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E78" } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: "FFFFFFFF" } };
const NOTE_FONT: Partial<ExcelJS.Font> = { italic: true, color: { argb: "FF595959" } };
const ENTITY_TYPES = ["企业", "机关", "事业单位", "社会团体", "民办非企业"];

/** Row (1-based) of a parameter in the 参数 sheet: the header is row 1, the parameters follow in layout order. */
export function parameterRow(name: string): number {
  const index = TEMPLATE_PARAMETER_ROWS.findIndex((p) => p.name === name);
  if (index < 0) throw new Error(`template-layout has no parameter "${name}"`);
  return index + 2;
}

/** The settings range every LEVY.* formula of the template points at, e.g. 参数!$A$2:$B$11. */
export function settingsRange(): string {
  return `${TEMPLATE_SHEETS.parameters}!$A$2:$B$${TEMPLATE_PARAMETER_ROWS.length + 1}`;
}

/** Column letter of a header in a template sheet. */
export function templateColumn(headers: readonly string[], header: string): string {
  const index = headers.indexOf(header);
  if (index < 0) throw new Error(`template-layout has no header "${header}"`);
  return columnLetters(index);
}

/** Wage-component columns of the payroll sheet (基本工资 … 特殊情况工资): the only ones col 4 adds up. */
export const PAYROLL_WAGE_HEADERS = ["基本工资", "计件工资", "绩效奖金", "年终奖", "津贴补贴", "加班工资", "特殊情况工资"] as const;

/** Cells of the declaration sheet, by form column, so tests and the docs can point at them. */
export const DECLARATION_CELLS = { 4: "C7", 5: "C8", 6: "C9", 7: "C10", 8: "C11", 9: "C12", 10: "C13", 11: "C14", 12: "C15" } as const;

function styleHeader(row: ExcelJS.Row): void {
  row.font = HEADER_FONT;
  row.fill = HEADER_FILL;
  row.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  row.height = 22;
}

/**
 * A data sheet: an Excel table (header plus one row; Excel extends a table as rows are typed or pasted below it),
 * column formats, frozen header, widths and header notes.
 */
function dataSheet(
  wb: ExcelJS.Workbook,
  name: string,
  tableName: string,
  headers: readonly string[],
  columns: Record<string, { width?: number; format?: string; note?: string }>,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] });
  ws.addTable({
    name: tableName,
    ref: "A1",
    headerRow: true,
    totalsRow: false,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: headers.map((h) => ({ name: h, filterButton: true })),
    rows: [headers.map(() => null)],
  });
  headers.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    const spec = columns[h] ?? {};
    col.width = spec.width ?? Math.max(10, h.length * 2 + 4);
    // A column format (not one per cell): Excel gives it to every cell typed or pasted into the column.
    if (spec.format) col.numFmt = spec.format;
    if (spec.note) ws.getCell(1, i + 1).note = spec.note;
  });
  styleHeader(ws.getRow(1));
  return ws;
}

/** ExcelJS 4.4 supports range validations (worksheet.dataValidations.add) but its typings omit them. */
function validations(ws: ExcelJS.Worksheet): { add(range: string, validation: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
}

function listValidation(values: readonly string[], title: string): ExcelJS.DataValidation {
  return {
    type: "list",
    allowBlank: true,
    formulae: [`"${values.join(",")}"`],
    showErrorMessage: true,
    errorStyle: "warning",
    errorTitle: title,
    error: `请从列表中选择：${values.join("、")}`,
  };
}

const DATE_VALIDATION: ExcelJS.DataValidation = {
  type: "date",
  operator: "greaterThan",
  allowBlank: true,
  formulae: [new Date(Date.UTC(1950, 0, 1))],
  showErrorMessage: true,
  errorStyle: "warning",
  errorTitle: "日期 Date",
  error: "请输入日期，如 2024-03-01。Enter a date such as 2024-03-01.",
};

/** Build the template workbook (not yet written). */
export function buildTemplate(options: TemplateOptions = {}): ExcelJS.Workbook {
  const filingYear = options.filingYear ?? Number(todayInChina().slice(0, 4));
  const dataYear = filingYear - 1;
  const rosterRows = options.rows?.roster ?? 2000;
  const disabledRows = options.rows?.disabled ?? 200;
  const payrollRows = options.rows?.payroll ?? rosterRows * 12;
  const S = TEMPLATE_SHEETS;

  const wb = new ExcelJS.Workbook();
  wb.creator = "levy-assistant 残保金助手";
  wb.created = wb.modified = new Date(Date.UTC(filingYear, 0, 1));
  // The LEVY.* cells carry no cached results: let Excel compute everything when the file is opened.
  wb.calcProperties = { fullCalcOnLoad: true };

  /* 参数: name / value / note. */
  const params = wb.addWorksheet(S.parameters, { views: [{ state: "frozen", ySplit: 1 }] });
  params.columns = [{ width: 22 }, { width: 26 }, { width: 56 }];
  params.addRow(["参数 Parameter", "值 Value", "说明 Note"]);
  styleHeader(params.getRow(1));
  for (const p of TEMPLATE_PARAMETER_ROWS) {
    const value = p.name === "地区" ? options.region ?? null : p.name === "申报年度" ? filingYear : p.name === "单位类型" ? "企业" : null;
    params.addRow([p.name, value, p.note]);
  }
  params.getCell(`B${parameterRow("统一社会信用代码")}`).numFmt = TEXT;
  for (const name of ["社会平均工资", "最低工资", "已缴"]) params.getCell(`B${parameterRow(name)}`).numFmt = MONEY;
  params.getCell(`B${parameterRow("征收比例")}`).numFmt = "0%";
  params.getCell(`B${parameterRow("登记注册日期")}`).numFmt = DATE;
  params.getCell(`B${parameterRow("单位类型")}`).dataValidation = listValidation(ENTITY_TYPES, "单位类型 Entity type");
  params.getCell(`B${parameterRow("登记注册日期")}`).dataValidation = DATE_VALIDATION;
  for (let r = 2; r <= TEMPLATE_PARAMETER_ROWS.length + 1; r++) params.getCell(`C${r}`).font = NOTE_FONT;
  params.getCell(`A${TEMPLATE_PARAMETER_ROWS.length + 3}`).value = `各 LEVY.* 公式以 ${settingsRange().replace(/\$/g, "")} 为参数区。申报年度 ${filingYear} 使用 ${dataYear} 年数据。Every LEVY.* formula reads its settings from this block.`;
  params.getCell(`A${TEMPLATE_PARAMETER_ROWS.length + 3}`).font = NOTE_FONT;

  /* 花名册: one row per person. */
  const roster = dataSheet(wb, S.roster, "RosterTable", TEMPLATE_ROSTER_HEADERS, {
    工号: { width: 12, format: TEXT },
    姓名: { width: 10 },
    身份证号: { width: 21, format: TEXT, note: "18位身份证号，请以文本格式录入。ID number, as text." },
    用工形式: { width: 18, note: `从下拉列表选择：${TEMPLATE_EMPLOYMENT_TYPES.join("、")}。实习、非全日制、退休返聘、劳务派遣（未约定计入）、劳务不计入在职职工人数。` },
    入职日期: { width: 12, format: DATE },
    离职日期: { width: 12, format: DATE, note: "在职人员留空。Blank while employed." },
    合同开始日期: { width: 14, format: DATE },
    合同结束日期: { width: 14, format: DATE, note: "无固定期限合同留空。Blank for an open-ended contract." },
    社保缴纳: { width: 10 },
  });
  const rc = (h: string) => templateColumn(TEMPLATE_ROSTER_HEADERS, h);
  validations(roster).add(`${rc("用工形式")}2:${rc("用工形式")}${rosterRows + 1}`, listValidation(TEMPLATE_EMPLOYMENT_TYPES, "用工形式 Employment type"));
  validations(roster).add(`${rc("社保缴纳")}2:${rc("社保缴纳")}${rosterRows + 1}`, listValidation(TEMPLATE_YES_NO, "社保缴纳 Social insurance"));
  for (const h of ["入职日期", "离职日期", "合同开始日期", "合同结束日期"]) validations(roster).add(`${rc(h)}2:${rc(h)}${rosterRows + 1}`, DATE_VALIDATION);

  /* 工资表: one row per person per month. */
  const payrollColumns: Record<string, { width?: number; format?: string; note?: string }> = {
    工号: { width: 12, format: TEXT },
    姓名: { width: 10 },
    月份: { width: 10, format: TEXT, note: `如 ${dataYear}-01。Month, e.g. ${dataYear}-01.` },
  };
  for (const h of TEMPLATE_PAYROLL_HEADERS.slice(3)) payrollColumns[h] = { width: 12, format: MONEY };
  payrollColumns["基本工资"].note = `工资总额 = 基本工资至特殊情况工资七列（《关于工资总额组成的规定》第四条），申报表只计花名册中计入人数者的工资（第2–${payrollRows + 1}行）。`;
  payrollColumns["福利费"].note = "福利费至单位缴纳社保为非工资项目（第十一条），不计入工资总额，仅供核对。";
  dataSheet(wb, S.payroll, "PayrollTable", TEMPLATE_PAYROLL_HEADERS, payrollColumns);

  /* 残疾职工: the disabled employee register. */
  const disabled = dataSheet(wb, S.disabled, "DisabledTable", TEMPLATE_DISABLED_HEADERS, {
    工号: { width: 12, format: TEXT },
    姓名: { width: 10 },
    身份证号: { width: 21, format: TEXT },
    残疾人证号: { width: 24, format: TEXT, note: "第二代残疾人证号20位（身份证号+类别+等级）；一、二级按2人计算。" },
    残联认定: { width: 10, note: "经残疾人就业服务机构审核认定的填“是”。" },
    合同开始日期: { width: 14, format: DATE },
    合同结束日期: { width: 14, format: DATE },
    社保缴纳: { width: 10 },
    月工资: { width: 12, format: MONEY, note: "应不低于当地月最低工资标准。" },
  });
  const dc = (h: string) => templateColumn(TEMPLATE_DISABLED_HEADERS, h);
  validations(disabled).add(`${dc("残联认定")}2:${dc("残联认定")}${disabledRows + 1}`, listValidation(TEMPLATE_YES_NO, "残联认定 Certified"));
  validations(disabled).add(`${dc("社保缴纳")}2:${dc("社保缴纳")}${disabledRows + 1}`, listValidation(TEMPLATE_YES_NO, "社保缴纳 Social insurance"));

  /* 月度人数: start- and end-of-month counts from the roster (only the employment types that count). */
  const monthly = dataSheet(wb, S.monthlyHeadcount, "MonthlyTable", TEMPLATE_MONTHLY_HEADERS, {
    月份: { width: 10, format: TEXT },
    月初人数: { width: 12, format: "0", note: "公式：花名册中当月1日在职、计入人数的人员（全日制、在编、季节工、劳务派遣(约定计入)）。可改为手工填写。" },
    月末人数: { width: 12, format: "0" },
  });
  for (let m = 1; m <= 12; m++) {
    const r = m + 1;
    const first = `DATE(${dataYear},${m},1)`;
    const last = `DATE(${dataYear},${m + 1},0)`;
    monthly.getCell(`A${r}`).value = `${dataYear}-${String(m).padStart(2, "0")}`;
    monthly.getCell(`B${r}`).value = { formula: onPayrollFormula(first, rosterRows) } as ExcelJS.CellFormulaValue;
    monthly.getCell(`C${r}`).value = { formula: onPayrollFormula(last, rosterRows) } as ExcelJS.CellFormulaValue;
  }

  /* 申报表: form columns 4–12 as formulas. */
  buildDeclaration(wb, dataYear, rosterRows, payrollRows, disabledRows);
  return wb;
}

/** Employment types of the template's list that count in 在职职工人数 (the others are excluded with a reason). */
export const COUNTED_EMPLOYMENT_TYPES = ["全日制", "在编", "季节工", "劳务派遣(约定计入)"] as const;

function rosterColumn(h: string, rosterRows: number): string {
  const c = templateColumn(TEMPLATE_ROSTER_HEADERS, h);
  return `${TEMPLATE_SHEETS.roster}!$${c}$2:$${c}$${rosterRows + 1}`;
}

/** Staff on the roster on `day` whose employment type counts (COUNTIFS over the roster's type, hire and leave dates). */
export function onPayrollFormula(day: string, rosterRows: number): string {
  const col = (h: string) => rosterColumn(h, rosterRows);
  const counted = `{${COUNTED_EMPLOYMENT_TYPES.map((t) => `"${t}"`).join(",")}}`;
  const employed = `${col("用工形式")},${counted},${col("入职日期")},"<="&${day}`;
  return `SUM(COUNTIFS(${employed},${col("离职日期")},""),COUNTIFS(${employed},${col("离职日期")},">="&${day}))`;
}

/**
 * Column 4: the wage components (D:J) of payroll rows whose employee's roster type counts. Pay of interns, part-time
 * staff, re-hired retirees, dispatched and service-agreement workers is left out, as their headcount is (72号 第八条;
 * otherwise the average wage is inflated). COUNTIFS with the payroll's ID column as criteria gives one count per
 * payroll row; the N×1 condition broadcasts across the 7 wage columns in SUMPRODUCT.
 */
export function countedWageFormula(rosterRows: number, payrollRows: number): string {
  const P = TEMPLATE_SHEETS.payroll;
  const pay = (h: string) => templateColumn(TEMPLATE_PAYROLL_HEADERS, h);
  const ids = `${P}!$${pay("工号")}$2:$${pay("工号")}$${payrollRows + 1}`;
  const wages = `${P}!$${pay(PAYROLL_WAGE_HEADERS[0])}$2:$${pay(PAYROLL_WAGE_HEADERS[PAYROLL_WAGE_HEADERS.length - 1])}$${payrollRows + 1}`;
  const counts = COUNTED_EMPLOYMENT_TYPES.map((t) => `COUNTIFS(${rosterColumn("工号", rosterRows)},${ids},${rosterColumn("用工形式", rosterRows)},"${t}")`).join("+");
  return `SUMPRODUCT(((${counts})>0)*${wages})`;
}

/**
 * Column 7: certified disabled employees who meet 72号 第七条 as far as a formula can tell — 残联认定 是, social
 * insurance not marked 否, a contract of at least one year (or no end date), a monthly wage not below the minimum
 * wage parameter (when set; a blank wage is not held against them) — each counting 2 for grade 1–2 (the
 * certificate's last digit). The audit also checks the certificate itself, age and part-year service, which a
 * formula cannot. Blank cells are 0 in the arithmetic, so an empty row contributes nothing.
 */
export function certifiedDisabledFormula(disabledRows: number, minimumWageCell: string): string {
  const D = TEMPLATE_SHEETS.disabled;
  const col = (h: string) => {
    const c = templateColumn(TEMPLATE_DISABLED_HEADERS, h);
    return `${D}!$${c}$2:$${c}$${disabledRows + 1}`;
  };
  const cert = col("残疾人证号");
  const start = col("合同开始日期");
  const end = col("合同结束日期");
  const wage = col("月工资");
  return [
    "SUMPRODUCT(",
    `(${col("残联认定")}="是")`,
    `*(${col("社保缴纳")}<>"否")`,
    `*(((${end}="")+(${end}-${start}+1>=365))>0)`,
    `*(((${wage}="")+(${wage}>=N(${minimumWageCell})))>0)`,
    `*(${cert}<>"")`,
    `*(1+(RIGHT(${cert},1)="1")+(RIGHT(${cert},1)="2")))`,
  ].join("");
}

function buildDeclaration(wb: ExcelJS.Workbook, dataYear: number, rosterRows: number, payrollRows: number, disabledRows: number): void {
  const S = TEMPLATE_SHEETS;
  const ws = wb.addWorksheet(S.declaration, { views: [{ state: "frozen", ySplit: 6 }] });
  ws.columns = [{ width: 8 }, { width: 34 }, { width: 20 }, { width: 46 }, { width: 30 }];
  ws.mergeCells("A1:E1");
  ws.getCell("A1").value = "残疾人就业保障金缴费申报表（测算）Disabled Persons' Employment Security Fund — declaration";
  ws.getCell("A1").font = { bold: true, size: 14 };
  const p = (name: string) => `${S.parameters}!$B$${parameterRow(name)}`;
  const settings = settingsRange();
  ws.getCell("A2").value = "用人单位名称";
  ws.getCell("B2").value = { formula: `IF(${p("单位名称")}="","",${p("单位名称")})` } as ExcelJS.CellFormulaValue;
  ws.getCell("A3").value = "统一社会信用代码";
  ws.getCell("B3").value = { formula: `IF(${p("统一社会信用代码")}="","",${p("统一社会信用代码")})` } as ExcelJS.CellFormulaValue;
  ws.getCell("A4").value = "费款所属期";
  ws.getCell("B4").value = `${dataYear}-01-01 至 ${dataYear}-12-31`;
  for (const a of ["A2", "A3", "A4"]) ws.getCell(a).font = { bold: true };

  const header = ws.getRow(6);
  header.values = ["栏次", "项目", "金额/数值", "计算方法 How it is computed", "依据 Basis"];
  styleHeader(header);

  const payroll = (h: string) => templateColumn(TEMPLATE_PAYROLL_HEADERS, h);
  const wageFrom = payroll(PAYROLL_WAGE_HEADERS[0]);
  const wageTo = payroll(PAYROLL_WAGE_HEADERS[PAYROLL_WAGE_HEADERS.length - 1]);
  const dis = (h: string) => `${S.disabled}!$${templateColumn(TEMPLATE_DISABLED_HEADERS, h)}:$${templateColumn(TEMPLATE_DISABLED_HEADERS, h)}`;
  const C = DECLARATION_CELLS;
  const lines: Array<[number, string, string, string, string, string]> = [
    [4, "上年在职职工工资总额", countedWageFormula(rosterRows, payrollRows), MONEY, `工资表 ${wageFrom}–${wageTo} 列（工资总额的组成部分）合计，只计花名册中计入人数的人员（全日制、在编、季节工、劳务派遣(约定计入)）`, "国家统计局令1990年第1号 第四条；财税〔2015〕72号 第八条"],
    [5, "上年在职职工人数", levyFormula("AVGHEADCOUNT", `${S.monthlyHeadcount}!$B$2:$C$13`), "0.00", "Σ(月初+月末)/2 ÷ 12", "财税〔2015〕72号 第八条"],
    [6, "应安排残疾人就业比例", levyFormula("RULE", `"quotaRatio"`, settings), "0.00%", "地区规则库", "残疾人就业条例 第八条；省级规定"],
    [
      7,
      "上年实际安排残疾人就业人数",
      certifiedDisabledFormula(disabledRows, p("最低工资")),
      "0.00",
      "残联认定、社保未写“否”、合同满一年（或无固定期限）、月工资不低于最低工资的残疾职工；一、二级（证号末位1、2）按2人",
      "财税〔2015〕72号 第七条",
    ],
    [8, "上年在职职工年平均工资", levyFormula("AVGWAGE", C[4], C[5]), MONEY, "第4栏 ÷ 第5栏", "财税〔2015〕72号 第八条"],
    [9, "本期应纳费额", levyFormula("GROSS", C[5], C[7], C[4], settings), MONEY, "(第5栏×第6栏−第7栏)×计费基数(封顶)×征收比例", "财税〔2015〕72号 第八条；财税〔2018〕39号"],
    [10, "本期减免费额", levyFormula("REDUCTION", C[5], C[7], C[4], settings), MONEY, "30人以下企业免征，或按比例档次减缴", "财政部公告2023年第8号"],
    [11, "本期已缴费额", `N(${p("已缴")})`, MONEY, "参数区“已缴”", ""],
    [12, "本期应补（退）费额", levyFormula("DUE", C[5], C[7], C[4], settings), MONEY, "第9栏 − 第10栏 − 第11栏", ""],
  ];
  lines.forEach(([column, label, formula, format, how, basis], i) => {
    const r = 7 + i;
    ws.getCell(`A${r}`).value = column;
    ws.getCell(`B${r}`).value = label;
    ws.getCell(`C${r}`).value = { formula } as ExcelJS.CellFormulaValue;
    ws.getCell(`C${r}`).numFmt = format;
    ws.getCell(`D${r}`).value = how;
    ws.getCell(`E${r}`).value = basis;
    ws.getCell(`A${r}`).alignment = { horizontal: "center" };
  });
  ws.getCell("B17").value = "减免档次 Reduction band";
  ws.getCell("C17").value = { formula: levyFormula("TIER", C[5], C[7], C[4], settings) } as ExcelJS.CellFormulaValue;
  ws.getCell("B18").value = "封顶后计费基数 Wage base after the cap";
  ws.getCell("C18").value = { formula: levyFormula("AVGWAGE", C[4], C[5], p("社会平均工资"), settings) } as ExcelJS.CellFormulaValue;
  ws.getCell("C18").numFmt = MONEY;
  ws.getCell("B19").value = "达到下一档需新增残疾职工 Hires to the next band";
  ws.getCell("C19").value = { formula: levyFormula("HIRESNEEDED", C[5], C[7], C[4], `"next"`, "1", "1", settings) } as ExcelJS.CellFormulaValue;
  ws.getCell("A21").value = "计算过程 Calculation trail (=LEVY.EXPLAIN)";
  ws.getCell("A21").font = { bold: true };
  // A legacy array formula over a fixed block: ExcelJS cannot write dynamic-array (spill) metadata, and a plain
  // formula would open as =@LEVY.EXPLAIN(…) showing one cell. Unused cells of the block show #N/A.
  ws.getCell("A22").value = { formula: levyFormula("EXPLAIN", C[5], C[7], C[4], settings), shareType: "array", ref: "A22:E46" } as unknown as ExcelJS.CellFormulaValue;
}

export async function runTemplate(args: string[], io: CliIO): Promise<number> {
  const usage = "用法 usage: levy template --out TEMPLATE.xlsx [--region CN-JS] [--year 2025] [--force]";
  let parsed;
  try {
    parsed = parseArgs(args, { boolean: ["force"], value: ["out", "region", "year"] });
  } catch (error) {
    io.stderr.write(`levy template: ${(error as Error).message}\n${usage}\n`);
    return EXIT.badInput;
  }
  const out = parsed.flags.get("out");
  if (typeof out !== "string" || parsed.positional.length > 0) {
    io.stderr.write(`levy template: ${usage}\n`);
    return EXIT.badInput;
  }
  const options: TemplateOptions = {};
  const region = parsed.flags.get("region");
  if (typeof region === "string") {
    if (!findRegion(region)) {
      io.stderr.write(`levy template: 未知地区 unknown region "${region}"（如 e.g. CN-JS、江苏、南京市）\n`);
      return EXIT.badInput;
    }
    options.region = region;
  }
  const year = parsed.flags.get("year");
  if (typeof year === "string") {
    const y = Number(year);
    if (!/^\d{4}$/.test(year) || y < 2016 || y > 2100) {
      io.stderr.write(`levy template: 申报年度应为四位年份 --year must be a four-digit filing year, got "${year}"\n`);
      return EXIT.badInput;
    }
    options.filingYear = y;
  }
  const path = resolve(io.cwd, out);
  const force = parsed.flags.get("force") === true;
  try {
    checkOutputPath(path, out, [], force); // an existing file is replaced only with --force (issue 9 §2)
  } catch (error) {
    if (!(error instanceof OutputRefused)) throw error;
    io.stderr.write(`levy template: ${error.message_.zh}\n  ${error.message_.en}\n`);
    return EXIT.badInput;
  }
  try {
    const wb = buildTemplate(options);
    sanitiseWorkbook(wb);
    await writeAtomically(path, force, (temp) => wb.xlsx.writeFile(temp));
  } catch (error) {
    io.stderr.write(`levy template: 无法写入 cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return EXIT.badInput;
  }
  io.stdout.write(`已生成模板 template written: ${out}\n  ${Object.values(TEMPLATE_SHEETS).join(" · ")}\n`);
  return EXIT.ok;
}
