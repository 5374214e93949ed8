/**
 * `levy template --out TEMPLATE.xlsx [--region CN-JS] [--year 2025]`: the firm template.
 *
 * Sheets, headers and parameter rows come from src/workbook/template-layout.ts, so the workbook model recognises a
 * filled template out of the box. The declaration sheet (申报表) computes form columns 4–12 with the table-level
 * functions (LEVY.FORM / CHECK / FINDINGS, src/functions/table-functions.ts) over the Excel tables: the very analysis
 * of `levy audit`, so the template cannot disagree with it. No rule is re-implemented in built-in formulas.
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
import { FORM_LINES } from "../functions/table-functions";

export interface TemplateOptions {
  region?: string;
  filingYear?: number;
  /**
   * Data to write into the tables (rows without the header, in the template's column order). Each table is sized to
   * its data (at least one row); Excel extends it as rows are typed or pasted directly below.
   */
  data?: { roster?: ExcelJS.CellValue[][]; payroll?: ExcelJS.CellValue[][]; disabled?: ExcelJS.CellValue[][] };
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
/** Input cells: light yellow. Formula and check cells: light grey, locked on a protected sheet. */
export const INPUT_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
export const FORMULA_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEDEDED" } };
const ENTITY_TYPES = ["企业", "机关", "事业单位", "社会团体", "民办非企业"];

/** The instructions sheet, first in the workbook. */
export const INSTRUCTIONS_SHEET = "说明";

/** Excel table names: the declaration's formulas read whole tables, so nothing depends on a fixed last row. */
export const TEMPLATE_TABLES = { parameters: "ParamTable", roster: "RosterTable", payroll: "PayrollTable", disabled: "DisabledTable" } as const;

/** A whole table, header row included, as a formula argument (the table-level functions recognise the headers). */
export function tableArg(name: string): string {
  return `${name}[#All]`;
}

/** The four table-level arguments of LEVY.FORM / FINDINGS / CHECK, in order. */
export function tableArgs(): string[] {
  const T = TEMPLATE_TABLES;
  return [tableArg(T.roster), tableArg(T.payroll), tableArg(T.disabled), tableArg(T.parameters)];
}

/** Row (1-based) of a parameter in the 参数 sheet: the header is row 1, the parameters follow in layout order. */
export function parameterRow(name: string): number {
  const index = TEMPLATE_PARAMETER_ROWS.findIndex((p) => p.name === name);
  if (index < 0) throw new Error(`template-layout has no parameter "${name}"`);
  return index + 2;
}

/** The settings range of the scalar LEVY.* formulas (the parameter rows), e.g. 参数!$A$2:$B$11. */
export function settingsRange(): string {
  return `${TEMPLATE_SHEETS.parameters}!$A$2:$B$${TEMPLATE_PARAMETER_ROWS.length + 1}`;
}

/** Column letter of a header in a template sheet. */
export function templateColumn(headers: readonly string[], header: string): string {
  const index = headers.indexOf(header);
  if (index < 0) throw new Error(`template-layout has no header "${header}"`);
  return columnLetters(index);
}

/** Wage-component columns of the payroll sheet (基本工资 … 特殊情况工资): the ones column 4 adds up. */
export const PAYROLL_WAGE_HEADERS = ["基本工资", "计件工资", "绩效奖金", "年终奖", "津贴补贴", "加班工资", "特殊情况工资"] as const;

/** First row of the form lines (栏次 1) on the declaration sheet. */
const FORM_FIRST_ROW = 7;
/** Cells of the declaration sheet, by form column (栏次 n is on row FORM_FIRST_ROW + n − 1). */
export const DECLARATION_CELLS = { 2: "C8", 3: "C9", 4: "C10", 5: "C11", 6: "C12", 7: "C13", 8: "C14", 9: "C15", 10: "C16", 11: "C17", 12: "C18" } as const;
/** The check cell: rows read / counted / excluded / rejected and the count of findings (LEVY.CHECK). */
export const CHECK_CELL = "C20";
/** Top-left cell of the findings block (LEVY.FINDINGS) and how many rows it shows. */
export const FINDINGS_CELL = "A33";
export const FINDINGS_ROWS = 100;

function styleHeader(row: ExcelJS.Row): void {
  row.font = HEADER_FONT;
  row.fill = HEADER_FILL;
  row.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  row.height = 22;
}

/** A4, one page wide, as many pages tall as needed, header rows repeated on every page. */
function printSetup(ws: ExcelJS.Worksheet, options: { landscape?: boolean; titleRows?: string } = {}): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9, // A4
    orientation: options.landscape ? "landscape" : "portrait",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(options.titleRows ? { printTitlesRow: options.titleRows } : {}),
  };
}

/** Sheet protection without a password (a firm can unlock it: Review › Unprotect Sheet). */
function protect(ws: ExcelJS.Worksheet): void {
  (ws as unknown as { sheetProtection: Record<string, boolean> }).sheetProtection = {
    sheet: true,
    objects: true,
    scenarios: true,
    selectLockedCells: false,
    selectUnlockedCells: false,
    formatColumns: false,
    formatRows: false,
  };
}

/**
 * A data sheet: an Excel table sized to its data (at least one row; Excel extends a table as rows are typed or pasted
 * directly below it), input-styled columns with their formats, a frozen header repeated on every printed page.
 */
function dataSheet(
  wb: ExcelJS.Workbook,
  name: string,
  tableName: string,
  headers: readonly string[],
  columns: Record<string, { width?: number; format?: string; note?: string }>,
  data: ExcelJS.CellValue[][] | undefined,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] });
  const rows = data && data.length > 0 ? data.map((r) => headers.map((_, i) => r[i] ?? null)) : [headers.map(() => null)];
  ws.addTable({
    name: tableName,
    ref: "A1",
    headerRow: true,
    totalsRow: false,
    style: { theme: "TableStyleLight9", showRowStripes: false },
    columns: headers.map((h) => ({ name: h, filterButton: true })),
    rows,
  });
  headers.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    const spec = columns[h] ?? {};
    col.width = spec.width ?? Math.max(10, h.length * 2 + 4);
    // A column style (not one per cell): Excel gives it to every cell typed or pasted into the column.
    col.style = { ...(spec.format ? { numFmt: spec.format } : {}), fill: INPUT_FILL };
    if (spec.note) ws.getCell(1, i + 1).note = spec.note;
  });
  styleHeader(ws.getRow(1));
  printSetup(ws, { landscape: headers.length > 8, titleRows: "1:1" });
  return ws;
}

/** ExcelJS 4.4 supports range validations (worksheet.dataValidations.add) but its typings omit them. */
function validations(ws: ExcelJS.Worksheet): { add(range: string, validation: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
}

/**
 * A drop-down with an input prompt. `stop` where a wrong value would change the money (employment type, yes/no):
 * typing outside the list is refused. Pasted values bypass any validation in Excel — the functions read the audit's
 * whole vocabulary (正式工, 合同制, 已认定, trailing spaces, …) and report what they cannot read as findings.
 */
function listValidation(values: readonly string[], title: string, prompt: string, stop: boolean): ExcelJS.DataValidation {
  return {
    type: "list",
    allowBlank: true,
    formulae: [`"${values.join(",")}"`],
    showInputMessage: true,
    promptTitle: title.slice(0, 32),
    prompt: prompt.slice(0, 255),
    showErrorMessage: true,
    errorStyle: stop ? "stop" : "warning",
    errorTitle: title.slice(0, 32),
    error: `请从列表中选择：${values.join("、")}`.slice(0, 255),
  };
}

const DATE_VALIDATION: ExcelJS.DataValidation = {
  type: "date",
  operator: "greaterThan",
  allowBlank: true,
  formulae: [new Date(Date.UTC(1950, 0, 1))],
  showInputMessage: true,
  promptTitle: "日期 Date",
  prompt: "如 2024-03-01。Enter a date such as 2024-03-01.",
  showErrorMessage: true,
  errorStyle: "warning",
  errorTitle: "日期 Date",
  error: "请输入日期，如 2024-03-01。Enter a date such as 2024-03-01.",
};

/**
 * A validation over a table column's data rows. When Excel extends a table (a row typed or pasted below it) it copies
 * the column's validation and format to the new row, so the drop-downs grow with the table; nothing is fixed to a
 * last row. (A whole-column range would do as well in Excel, but is expanded cell by cell by ExcelJS.)
 */
function tableColumn(letter: string, dataRows: number): string {
  return `${letter}2:${letter}${Math.max(1, dataRows) + 1}`;
}

/** The instructions sheet (说明), Chinese with English. */
export const INSTRUCTIONS: ReadonlyArray<[string, string]> = [
  ["残疾人就业保障金测算模板", "Disabled Persons' Employment Security Fund — firm template"],
  ["1. 在“参数”表填写单位名称、统一社会信用代码、地区、申报年度等（黄色单元格为输入项）。", "1. Fill in the 参数 sheet: employer name, USCC, region, filing year (yellow cells are inputs)."],
  ["2. 在“花名册”“工资表”“残疾职工”表录入或粘贴数据：在表格正下方输入或粘贴，表格会自动扩展。", "2. Type or paste data into 花名册, 工资表, 残疾职工 directly below each table: Excel extends the table."],
  ["3. “申报表”第4–12栏由 LEVY.FORM 按与 levy audit 完全相同的计算得出（需加载残保金助手加载项）。", "3. 申报表 columns 4–12 come from LEVY.FORM, the very calculation of levy audit (the add-in must be loaded)."],
  ["4. 查看核对行：读取 = 计入 + 排除 + 拒绝，以及校验发现数；发现列表在申报表下方。", "4. Read the check line: read = counted + excluded + rejected, and the number of findings; the findings are listed below the form."],
  ["5. 下拉列表只是建议：粘贴的 正式工、合同制、已认定 等写法同样可读；无法识别的值会列为校验发现，不会被悄悄丢弃。", "5. The drop-downs are suggestions: pasted values such as 正式工, 合同制, 已认定 are read too; what cannot be read is listed as a finding, never silently dropped."],
  ["6. 金额以分为单位精确计算；以小数传入的金额先取整到分（工资总额或缴费额不可能含不足一分的金额）。", "6. Money is exact to the fen; a number arriving as a binary fraction is snapped to the fen first."],
  ["7. 申报表与本说明受保护（无密码）：审阅 › 撤销工作表保护 即可修改。", "7. 申报表 and this sheet are protected without a password: Review › Unprotect Sheet to change them."],
  ["8. 没有加载项时，数据表仍可使用；申报表的公式显示 #NAME?。命令行 levy audit 计算结果相同。", "8. Without the add-in the data sheets still work and the form shows #NAME?; levy audit on the command line gives the same figures."],
];

/** Build the template workbook (not yet written). */
export function buildTemplate(options: TemplateOptions = {}): ExcelJS.Workbook {
  const filingYear = options.filingYear ?? Number(todayInChina().slice(0, 4));
  const dataYear = filingYear - 1;
  const S = TEMPLATE_SHEETS;
  const T = TEMPLATE_TABLES;
  const rosterRows = options.data?.roster?.length ?? 0;
  const disabledRows = options.data?.disabled?.length ?? 0;

  const wb = new ExcelJS.Workbook();
  wb.creator = "levy-assistant 残保金助手";
  wb.created = wb.modified = new Date(Date.UTC(filingYear, 0, 1));
  // The LEVY.* cells carry no cached results: let Excel compute everything when the file is opened.
  wb.calcProperties = { fullCalcOnLoad: true };

  /* 说明: instructions. */
  const help = wb.addWorksheet(INSTRUCTIONS_SHEET);
  help.columns = [{ width: 90 }, { width: 90 }];
  INSTRUCTIONS.forEach(([zh, en], i) => {
    help.getCell(i + 1, 1).value = zh;
    help.getCell(i + 1, 2).value = en;
    help.getRow(i + 1).alignment = { wrapText: true, vertical: "top" };
  });
  help.getRow(1).font = { bold: true, size: 14 };
  printSetup(help, { landscape: true });
  protect(help);

  /* 参数: name / value / note, an Excel table (mapping rows 列:/表: may be added below it). */
  const params = wb.addWorksheet(S.parameters, { views: [{ state: "frozen", ySplit: 1 }] });
  params.addTable({
    name: T.parameters,
    ref: "A1",
    headerRow: true,
    totalsRow: false,
    style: { theme: "TableStyleLight9", showRowStripes: false },
    columns: [{ name: "参数 Parameter" }, { name: "值 Value" }, { name: "说明 Note" }],
    rows: TEMPLATE_PARAMETER_ROWS.map((p) => [p.name, p.name === "地区" ? options.region ?? null : p.name === "申报年度" ? filingYear : p.name === "单位类型" ? "企业" : null, p.note]),
  });
  params.columns = [{ width: 22 }, { width: 26 }, { width: 56 }];
  styleHeader(params.getRow(1));
  params.getColumn(2).style = { fill: INPUT_FILL };
  params.getCell(`B${parameterRow("统一社会信用代码")}`).numFmt = TEXT;
  for (const name of ["社会平均工资", "最低工资", "已缴"]) params.getCell(`B${parameterRow(name)}`).numFmt = MONEY;
  params.getCell(`B${parameterRow("征收比例")}`).numFmt = "0%";
  params.getCell(`B${parameterRow("登记注册日期")}`).numFmt = DATE;
  params.getCell(`B${parameterRow("单位类型")}`).dataValidation = listValidation(ENTITY_TYPES, "单位类型 Entity type", "企业/机关/事业单位/社会团体/民办非企业", true);
  params.getCell(`B${parameterRow("登记注册日期")}`).dataValidation = DATE_VALIDATION;
  for (let r = 2; r <= TEMPLATE_PARAMETER_ROWS.length + 1; r++) params.getCell(`C${r}`).font = NOTE_FONT;
  const noteRow = TEMPLATE_PARAMETER_ROWS.length + 3;
  params.getCell(`A${noteRow}`).value = `申报年度 ${filingYear} 使用 ${dataYear} 年数据。可在表格下方添加映射行（列:用工类别 | 用工形式、表:Sheet3 | 花名册）。Filing year ${filingYear} uses ${dataYear} data; mapping rows may be added to the table.`;
  params.getCell(`A${noteRow}`).font = NOTE_FONT;
  printSetup(params, { titleRows: "1:1" });

  /* 花名册: one row per person. */
  const roster = dataSheet(
    wb,
    S.roster,
    T.roster,
    TEMPLATE_ROSTER_HEADERS,
    {
      工号: { width: 12, format: TEXT },
      姓名: { width: 10 },
      身份证号: { width: 21, format: TEXT, note: "18位身份证号，请以文本格式录入。ID number, as text." },
      用工形式: { width: 18, note: `下拉列表：${TEMPLATE_EMPLOYMENT_TYPES.join("、")}。粘贴的 正式工、合同制 等也可识别。实习、非全日制、退休返聘、劳务派遣（未约定计入）、劳务不计入在职职工人数。` },
      入职日期: { width: 12, format: DATE },
      离职日期: { width: 12, format: DATE, note: "在职人员留空。Blank while employed." },
      合同开始日期: { width: 14, format: DATE },
      合同结束日期: { width: 14, format: DATE, note: "无固定期限合同留空。Blank for an open-ended contract." },
      社保缴纳: { width: 10 },
    },
    options.data?.roster,
  );
  const rc = (h: string) => templateColumn(TEMPLATE_ROSTER_HEADERS, h);
  validations(roster).add(tableColumn(rc("用工形式"), rosterRows), listValidation(TEMPLATE_EMPLOYMENT_TYPES, "用工形式 Employment type", "决定是否计入在职职工人数。Decides who counts in the headcount.", true));
  validations(roster).add(tableColumn(rc("社保缴纳"), rosterRows), listValidation(TEMPLATE_YES_NO, "社保缴纳 Social insurance", "是/否 yes/no", true));
  for (const h of ["入职日期", "离职日期", "合同开始日期", "合同结束日期"]) validations(roster).add(tableColumn(rc(h), rosterRows), DATE_VALIDATION);

  /* 工资表: one row per person per month. */
  const payrollColumns: Record<string, { width?: number; format?: string; note?: string }> = {
    工号: { width: 12, format: TEXT },
    姓名: { width: 10 },
    月份: { width: 10, format: TEXT, note: `如 ${dataYear}-01；其他年度的行不计入。Month, e.g. ${dataYear}-01; rows of another year are left out.` },
  };
  for (const h of TEMPLATE_PAYROLL_HEADERS.slice(3)) payrollColumns[h] = { width: 12, format: MONEY };
  payrollColumns["基本工资"].note = "工资总额 = 基本工资至特殊情况工资七列（《关于工资总额组成的规定》第四条），只计花名册中计入人数者的工资。";
  payrollColumns["福利费"].note = "福利费至单位缴纳社保为非工资项目（第十一条），不计入工资总额，仅供核对。";
  dataSheet(wb, S.payroll, T.payroll, TEMPLATE_PAYROLL_HEADERS, payrollColumns, options.data?.payroll);

  /* 残疾职工: the disabled employee register. */
  const disabled = dataSheet(
    wb,
    S.disabled,
    T.disabled,
    TEMPLATE_DISABLED_HEADERS,
    {
      工号: { width: 12, format: TEXT },
      姓名: { width: 10 },
      身份证号: { width: 21, format: TEXT },
      残疾人证号: { width: 24, format: TEXT, note: "第二代残疾人证号20位（身份证号+类别+等级）；一、二级按2人计算。" },
      残联认定: { width: 10, note: "经残疾人就业服务机构审核认定的填“是”。" },
      合同开始日期: { width: 14, format: DATE },
      合同结束日期: { width: 14, format: DATE },
      社保缴纳: { width: 10 },
      月工资: { width: 12, format: MONEY, note: "应不低于当地月最低工资标准。" },
    },
    options.data?.disabled,
  );
  const dc = (h: string) => templateColumn(TEMPLATE_DISABLED_HEADERS, h);
  validations(disabled).add(tableColumn(dc("残联认定"), disabledRows), listValidation(TEMPLATE_YES_NO, "残联认定 Certified", "经残联审核认定填“是”。", true));
  validations(disabled).add(tableColumn(dc("社保缴纳"), disabledRows), listValidation(TEMPLATE_YES_NO, "社保缴纳 Social insurance", "是/否 yes/no", true));
  for (const h of ["合同开始日期", "合同结束日期"]) validations(disabled).add(tableColumn(dc(h), disabledRows), DATE_VALIDATION);

  /* 申报表: the form, computed by the table-level functions. */
  buildDeclaration(wb, dataYear);
  return wb;
}

/** Form lines of the declaration sheet: 栏次, label, how it is computed, basis. Columns 4–12 come from LEVY.FORM. */
const FORM_NOTES: Record<number, [string, string]> = {
  4: ["工资表中计入人员、数据年度内的工资总额组成项目合计（按分精确）", "国家统计局令1990年第1号 第四条；财税〔2015〕72号 第八条"],
  5: ["花名册：用工形式、合同期限、入离职日期，各月(月初+月末)/2 之和 ÷ 12", "财税〔2015〕72号 第八条"],
  6: ["地区规则库", "残疾人就业条例 第八条；省级规定"],
  7: ["残联认定、证号有效、合同满一年、劳动年龄、最低工资、社保；一、二级按2人", "财税〔2015〕72号 第七条"],
  8: ["第4栏 ÷ 第5栏", "财税〔2015〕72号 第八条"],
  9: ["(第5栏×第6栏−第7栏)×计费基数(封顶)×征收比例，四舍五入到分", "财税〔2015〕72号 第八条；财税〔2018〕39号"],
  10: ["30人以下企业免征，或按比例档次减缴", "财政部公告2023年第8号"],
  11: ["参数区“已缴”", ""],
  12: ["第9栏 − 第10栏 − 第11栏", ""],
};

function buildDeclaration(wb: ExcelJS.Workbook, dataYear: number): void {
  const S = TEMPLATE_SHEETS;
  const ws = wb.addWorksheet(S.declaration, { views: [{ state: "frozen", ySplit: 6 }] });
  ws.columns = [{ width: 8 }, { width: 34 }, { width: 22 }, { width: 50 }, { width: 34 }];
  ws.mergeCells("A1:E1");
  ws.getCell("A1").value = "残疾人就业保障金缴费申报表（测算）Disabled Persons' Employment Security Fund — declaration";
  ws.getCell("A1").font = { bold: true, size: 14 };
  const p = (name: string) => `${S.parameters}!$B$${parameterRow(name)}`;
  const formula = (address: string, f: string, numFmt?: string) => {
    const cell = ws.getCell(address);
    cell.value = { formula: f } as ExcelJS.CellFormulaValue;
    cell.fill = FORMULA_FILL;
    if (numFmt) cell.numFmt = numFmt;
  };
  ws.getCell("A2").value = "用人单位名称";
  formula("B2", `IF(${p("单位名称")}="","",${p("单位名称")})`);
  ws.getCell("A3").value = "统一社会信用代码";
  formula("B3", `IF(${p("统一社会信用代码")}="","",${p("统一社会信用代码")})`);
  ws.getCell("A4").value = "费款所属期";
  formula("B4", `IF(${p("申报年度")}="","",(${p("申报年度")}-1)&"-01-01 至 "&(${p("申报年度")}-1)&"-12-31")`);
  for (const a of ["A2", "A3", "A4"]) ws.getCell(a).font = { bold: true };

  const header = ws.getRow(6);
  header.values = ["栏次", "项目", "金额/数值", "计算方法 How it is computed", "依据 Basis"];
  styleHeader(header);

  // 栏次 1–3: the levy item and the period (dates, from the filing year).
  const row = (column: number) => FORM_FIRST_ROW + column - 1;
  ws.getCell(`A${row(1)}`).value = 1;
  ws.getCell(`B${row(1)}`).value = "征收品目";
  ws.getCell(`C${row(1)}`).value = "残疾人就业保障金";
  ws.getCell(`A${row(2)}`).value = 2;
  ws.getCell(`B${row(2)}`).value = "费款所属期起";
  formula(DECLARATION_CELLS[2], `DATE(${p("申报年度")}-1,1,1)`, DATE);
  ws.getCell(`A${row(3)}`).value = 3;
  ws.getCell(`B${row(3)}`).value = "费款所属期止";
  formula(DECLARATION_CELLS[3], `DATE(${p("申报年度")}-1,12,31)`, DATE);
  ws.getCell(`D${row(2)}`).value = `数据年度 ${dataYear}（申报年度 − 1）`;

  // 栏次 4–12: one LEVY.FORM over the whole tables; each cell takes its line (one analysis for all of them).
  const form = levyFormula("FORM", ...tableArgs());
  FORM_LINES.forEach(([column, label, , isMoney], i) => {
    const r = row(column);
    ws.getCell(`A${r}`).value = column;
    ws.getCell(`B${r}`).value = label;
    formula(`C${r}`, `INDEX(${form},${i + 1},3)`, isMoney ? MONEY : column === 6 ? "0.00%" : "0.00");
    const [how, basis] = FORM_NOTES[column];
    ws.getCell(`D${r}`).value = how;
    ws.getCell(`E${r}`).value = basis;
  });
  for (let r = FORM_FIRST_ROW; r <= row(12); r++) ws.getCell(`A${r}`).alignment = { horizontal: "center" };

  // The check line: nothing dropped, and how many findings.
  ws.getCell(`B${CHECK_CELL.slice(1)}`).value = "核对 Check（读取=计入+排除+拒绝；发现）";
  ws.getCell(`B${CHECK_CELL.slice(1)}`).font = { bold: true };
  ws.mergeCells(`${CHECK_CELL}:E${CHECK_CELL.slice(1)}`);
  formula(CHECK_CELL, levyFormula("CHECK", ...tableArgs()));
  ws.getCell(CHECK_CELL).font = { bold: true, color: { argb: "FF9C0006" } };

  const C = DECLARATION_CELLS;
  const settings = settingsRange();
  ws.getCell("B22").value = "减免档次 Reduction band";
  formula("C22", levyFormula("TIER", C[5], C[7], C[4], settings));
  ws.getCell("B23").value = "封顶后计费基数 Wage base after the cap";
  formula("C23", levyFormula("AVGWAGE", C[4], C[5], p("社会平均工资"), settings), MONEY);
  ws.getCell("B24").value = "达到下一档需新增残疾职工 Hires to the next band";
  formula("C24", levyFormula("HIRESNEEDED", C[5], C[7], C[4], `"next"`, "1", "1", settings));

  const findingsRow = Number(FINDINGS_CELL.slice(1));
  ws.getCell(`A${findingsRow - 1}`).value = `校验发现 Findings (=LEVY.FINDINGS，显示前 ${FINDINGS_ROWS - 1} 条；全部见任务窗格或 levy audit)`;
  ws.getCell(`A${findingsRow - 1}`).font = { bold: true };
  // A legacy array formula over a fixed block: ExcelJS cannot write dynamic-array (spill) metadata, and a plain
  // formula would open as =@LEVY.FINDINGS(…) showing one cell. Unused cells of the block show #N/A.
  ws.getCell(FINDINGS_CELL).value = {
    formula: levyFormula("FINDINGS", ...tableArgs()),
    shareType: "array",
    ref: `${FINDINGS_CELL}:D${findingsRow + FINDINGS_ROWS - 1}`,
  } as unknown as ExcelJS.CellFormulaValue;
  ws.getCell(`A${row(12) + 8}`).value = "计算过程 Calculation trail: =LEVY.EXPLAIN(C11,C13,C10,参数!$A$2:$B$11)";
  ws.getCell(`A${row(12) + 8}`).font = NOTE_FONT;
  printSetup(ws, { titleRows: "6:6" });
  protect(ws);
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
