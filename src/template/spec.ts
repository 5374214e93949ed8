/**
 * The firm template as one pure description: its sheets, cells, formulas, tables, drop-downs, styles, protection and
 * print setup. Two writers turn it into a workbook — `levy template` through ExcelJS (src/cli/template.ts) and the
 * task pane's "insert template" through Office.js (src/taskpane/template-insert.ts) — so the two cannot drift: a test
 * writes both and compares them cell by cell.
 *
 * Formulas are written here as a user reads them (`LEVY.FORM(RosterTable[#All],…)`, no leading "="). The ExcelJS
 * writer stores a custom function the way Excel saves it (`_xldudf_LEVY_FORM(`, see src/cli/template.ts); Office.js
 * takes the formula as typed.
 *
 * The declaration sheet (申报表) computes form columns 4–12 with the table-level functions over whole Excel tables
 * (src/functions/table-functions.ts): the very analysis of `levy audit`, so no rule is re-implemented in built-in
 * formulas and nothing depends on a fixed last row. Where a table cannot be used (the pane adds the template to a
 * workbook in which a data sheet of that name already exists, and never touches it), the argument is that sheet's
 * whole columns instead.
 *
 * Pure: no ExcelJS, no Office.js, no Node.
 */
import { FORM_LINES } from "../functions/table-functions";
import { columnLetters } from "../workbook/address";
import {
  TEMPLATE_DISABLED_HEADERS,
  TEMPLATE_EMPLOYMENT_TYPES,
  TEMPLATE_PARAMETER_ROWS,
  TEMPLATE_PAYROLL_HEADERS,
  TEMPLATE_ROSTER_HEADERS,
  TEMPLATE_SHEETS,
  TEMPLATE_YES_NO,
} from "../workbook/template-layout";

/* ------------------------------------------------------------------------------------------------ the vocabulary */

/** A value written into a cell. Dates as ISO text wrapped in {date} so each writer stores a real date. */
export type SpecValue = string | number | boolean | null | { date: string };

/** Named styles; each writer maps them to its own API (STYLES below holds the concrete look). */
export type StyleName = "title" | "label" | "header" | "input" | "formula" | "check" | "note";

export interface StyleSpec {
  /** Fill colour, RRGGBB. */
  fill?: string;
  font?: { bold?: boolean; italic?: boolean; color?: string; size?: number };
  horizontal?: "center";
  wrap?: boolean;
}

export const STYLES: Readonly<Record<StyleName, StyleSpec>> = {
  title: { font: { bold: true, size: 14 } },
  label: { font: { bold: true } },
  header: { fill: "1F4E78", font: { bold: true, color: "FFFFFF" }, horizontal: "center", wrap: true },
  // Input cells: light yellow. Formula and check cells: light grey, locked on a protected sheet.
  input: { fill: "FFF2CC" },
  formula: { fill: "EDEDED" },
  check: { fill: "EDEDED", font: { bold: true, color: "9C0006" } },
  note: { font: { italic: true, color: "595959" } },
};

export interface CellSpec {
  address: string;
  value?: SpecValue;
  /** A formula as typed, without "=" (e.g. "LEVY.CHECK(RosterTable[#All],…)"). */
  formula?: string;
  /** The formula spills (a dynamic array): nothing is written below it; the rows it needs must stay free. */
  spill?: boolean;
  style?: StyleName;
  numFmt?: string;
  /** Text of a cell note (comment). */
  note?: string;
}

export interface ColumnSpec {
  /** Width in characters. */
  width: number;
  numFmt?: string;
  /** The whole column is an input column (input style, so cells typed or pasted below get it too). */
  input?: boolean;
}

export interface ValidationSpec {
  kind: "list" | "date";
  /** List: the values offered. */
  values?: readonly string[];
  /** Date: the earliest date accepted (ISO). */
  after?: string;
  promptTitle: string;
  prompt: string;
  /** "stop" where a wrong value would change the money: typing outside the list is refused. */
  errorStyle: "stop" | "warning";
  errorTitle: string;
  error: string;
}

export interface TableSpec {
  name: string;
  headers: readonly string[];
  /** Data rows (at least one, blank when there is no data): the table is sized to its data. */
  rows: SpecValue[][];
}

export interface SheetSpec {
  name: string;
  columns: ColumnSpec[];
  /** Frozen rows at the top. */
  freezeRows?: number;
  /** An Excel table at A1 (header row + rows). */
  table?: TableSpec;
  cells: CellSpec[];
  merges: string[];
  validations: Array<{ range: string; rule: ValidationSpec }>;
  /** Sheet protection without a password (Review › Unprotect Sheet). */
  protect: boolean;
  print: { landscape: boolean; /** Rows repeated on every printed page, e.g. "1:1". */ titleRows?: string };
}

export interface TemplateSpec {
  sheets: SheetSpec[];
}

/* ------------------------------------------------------------------------------------------------ names and cells */

export const MONEY = "#,##0.00";
export const DATE = "yyyy-mm-dd";
export const TEXT = "@";

/** The instructions sheet, first in the workbook. */
export const INSTRUCTIONS_SHEET = "说明";

/** Excel table names: the declaration's formulas read whole tables, so nothing depends on a fixed last row. */
export const TEMPLATE_TABLES = { parameters: "ParamTable", roster: "RosterTable", payroll: "PayrollTable", disabled: "DisabledTable" } as const;
export type TemplateTableRole = keyof typeof TEMPLATE_TABLES;

/** Header row of the parameter table. */
export const PARAMETER_HEADERS = ["参数 Parameter", "值 Value", "说明 Note"] as const;

/** Row (1-based) of a parameter in the 参数 sheet: the header is row 1, the parameters follow in layout order. */
export function parameterRow(name: string): number {
  const index = TEMPLATE_PARAMETER_ROWS.findIndex((p) => p.name === name);
  if (index < 0) throw new Error(`template-layout has no parameter "${name}"`);
  return index + 2;
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
/**
 * Top-left cell of the findings (LEVY.FINDINGS): a dynamic array that spills a header and exactly one row per finding,
 * downwards. It is the last thing on the sheet, so every row below it is free for the spill.
 */
export const FINDINGS_CELL = "A29";

const ENTITY_TYPES = ["企业", "机关", "事业单位", "社会团体", "民办非企业"];

/** Where the table-level functions read each role: a table, or a pre-existing sheet's whole columns. */
export type TableRefs = Record<TemplateTableRole, string>;

function quoteSheet(name: string): string {
  return /^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

const ROLE_SHEET: Record<TemplateTableRole, string> = {
  parameters: TEMPLATE_SHEETS.parameters,
  roster: TEMPLATE_SHEETS.roster,
  payroll: TEMPLATE_SHEETS.payroll,
  disabled: TEMPLATE_SHEETS.disabled,
};
const ROLE_HEADERS: Record<TemplateTableRole, readonly string[]> = {
  parameters: PARAMETER_HEADERS,
  roster: TEMPLATE_ROSTER_HEADERS,
  payroll: TEMPLATE_PAYROLL_HEADERS,
  disabled: TEMPLATE_DISABLED_HEADERS,
};

/**
 * The range argument of each role. A table the template writes: `Name[#All]` (header row included: the functions
 * recognise the headers). A data sheet that existed before and is left untouched: its whole columns, e.g.
 * `花名册!$A:$I` (Excel passes them to the function; blank rows below the data are ignored by the analysis).
 */
export function tableRefs(tableNames: Partial<Record<TemplateTableRole, string>> = {}, untouchedSheets: readonly string[] = []): TableRefs {
  const out = {} as TableRefs;
  for (const role of Object.keys(TEMPLATE_TABLES) as TemplateTableRole[]) {
    const sheet = ROLE_SHEET[role];
    if (untouchedSheets.includes(sheet)) {
      const last = columnLetters(ROLE_HEADERS[role].length - 1);
      out[role] = `${quoteSheet(sheet)}!$A:$${last}`;
    } else {
      out[role] = `${tableNames[role] ?? TEMPLATE_TABLES[role]}[#All]`;
    }
  }
  return out;
}

/** The four table-level arguments of LEVY.FORM / FINDINGS / CHECK, in order. */
export function tableArgs(refs: TableRefs = tableRefs()): string[] {
  return [refs.roster, refs.payroll, refs.disabled, refs.parameters];
}

/**
 * The settings range of the scalar LEVY.* formulas (TIER, AVGWAGE, HIRESNEEDED): the parameter rows, e.g.
 * 参数!$A$2:$B$11. A fixed block on purpose: the parameters are a fixed list (not data that grows), and `levy audit`
 * re-computes these cells from plain references to report a stale value (a structured reference it could not).
 */
export function settingsRange(): string {
  return `${TEMPLATE_SHEETS.parameters}!$A$2:$B$${TEMPLATE_PARAMETER_ROWS.length + 1}`;
}

/** `LEVY.NAME(a,b,…)` as typed. */
export function levyCall(name: string, ...args: string[]): string {
  return `LEVY.${name.toUpperCase()}(${args.join(",")})`;
}

/* ------------------------------------------------------------------------------------------------ the content */

/** The instructions sheet (说明), Chinese with English. */
export const INSTRUCTIONS: ReadonlyArray<[string, string]> = [
  ["残疾人就业保障金测算模板", "Disabled Persons' Employment Security Fund — firm template"],
  ["1. 在“参数”表填写单位名称、统一社会信用代码、地区、申报年度等（黄色单元格为输入项）。", "1. Fill in the 参数 sheet: employer name, USCC, region, filing year (yellow cells are inputs)."],
  [
    "2. 在“花名册”“工资表”“残疾职工”表录入或粘贴数据：在表格最后一行正下方输入或粘贴，Excel 会自动扩展表格（公式、下拉列表和格式随之扩展）；不要在表格与新数据之间留空行。",
    "2. Type or paste data into 花名册, 工资表, 残疾职工 in the row directly below each table: Excel extends the table (and its formats and drop-downs) to take it in. Leave no blank row between the table and the new data.",
  ],
  ["3. “申报表”第4–12栏由 LEVY.FORM 按与 levy audit 完全相同的计算得出（需加载残保金助手加载项）。", "3. 申报表 columns 4–12 come from LEVY.FORM, the very calculation of levy audit (the add-in must be loaded)."],
  [
    "4. 查看核对行：读取 = 计入 + 排除 + 拒绝，以及校验发现数。发现列表（LEVY.FORM 下方的 LEVY.FINDINGS）按发现条数向下溢出，请保持其下方为空。",
    "4. Read the check line: read = counted + excluded + rejected, and the number of findings. The findings list (LEVY.FINDINGS) spills one row per finding downwards: keep the rows below it empty.",
  ],
  [
    "5. 下拉列表只是建议：粘贴的 正式工、合同制、已认定 等写法同样可读；无法识别的值会列为校验发现，不会被悄悄丢弃。",
    "5. The drop-downs are suggestions: pasted values such as 正式工, 合同制, 已认定 are read too; what cannot be read is listed as a finding, never silently dropped.",
  ],
  ["6. 金额以分为单位精确计算；以小数传入的金额先取整到分（工资总额或缴费额不可能含不足一分的金额）。", "6. Money is exact to the fen; a number arriving as a binary fraction is snapped to the fen first."],
  ["7. 申报表与本说明受保护（无密码）：审阅 › 撤销工作表保护 即可修改。", "7. 申报表 and this sheet are protected without a password: Review › Unprotect Sheet to change them."],
  ["8. 没有加载项时，数据表仍可使用；申报表的公式显示 #NAME?。命令行 levy audit 计算结果相同。", "8. Without the add-in the data sheets still work and the form shows #NAME?; levy audit on the command line gives the same figures."],
];

/** Form lines of the declaration sheet: how each is computed and its basis. Columns 4–12 come from LEVY.FORM. */
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

function listRule(values: readonly string[], title: string, prompt: string, stop: boolean): ValidationSpec {
  return {
    kind: "list",
    values,
    promptTitle: title.slice(0, 32),
    prompt: prompt.slice(0, 255),
    errorStyle: stop ? "stop" : "warning",
    errorTitle: title.slice(0, 32),
    error: `请从列表中选择：${values.join("、")}。Choose from the list.`.slice(0, 255),
  };
}

const DATE_RULE: ValidationSpec = {
  kind: "date",
  after: "1950-01-01",
  promptTitle: "日期 Date",
  prompt: "如 2024-03-01。Enter a date such as 2024-03-01.",
  errorStyle: "warning",
  errorTitle: "日期 Date",
  error: "请输入日期，如 2024-03-01。Enter a date such as 2024-03-01.",
};

/**
 * A validation over a table column's data rows. When Excel extends a table (a row typed or pasted below it) it gives
 * the new row the column's validation and format, so the drop-downs grow with the table; nothing is fixed to a last
 * row beyond the table itself.
 */
export function tableColumnRange(letter: string, dataRows: number): string {
  return `${letter}2:${letter}${Math.max(1, dataRows) + 1}`;
}

export interface TemplateSpecOptions {
  region?: string;
  /** Filing year (data year = filing year − 1). */
  filingYear: number;
  /** Rows (without the header, in the template's column order) to write into the tables; each table is sized to them. */
  data?: { roster?: SpecValue[][]; payroll?: SpecValue[][]; disabled?: SpecValue[][] };
  /** Table names when the defaults are taken in the workbook (the pane picks free ones). */
  tableNames?: Partial<Record<TemplateTableRole, string>>;
  /** Template sheets that exist already and are left as they are (the pane): formulas read their whole columns. */
  untouchedSheets?: readonly string[];
}

interface DataColumn {
  width: number;
  numFmt?: string;
  note?: string;
}

function dataSheet(name: string, tableName: string, headers: readonly string[], columns: Record<string, DataColumn>, data: SpecValue[][] | undefined): SheetSpec {
  const rows = data && data.length > 0 ? data.map((r) => headers.map((_, i) => r[i] ?? null)) : [headers.map(() => null)];
  return {
    name,
    columns: headers.map((h) => {
      const spec = columns[h] ?? { width: Math.max(10, h.length * 2 + 4) };
      return { width: spec.width, ...(spec.numFmt ? { numFmt: spec.numFmt } : {}), input: true };
    }),
    freezeRows: 1,
    table: { name: tableName, headers, rows },
    cells: headers.flatMap((h, i) => {
      const note = columns[h]?.note;
      return [{ address: `${columnLetters(i)}1`, style: "header" as const, ...(note ? { note } : {}) }];
    }),
    merges: [],
    validations: [],
    // Data sheets stay unprotected: Excel cannot extend a table on a protected sheet.
    protect: false,
    print: { landscape: headers.length > 8, titleRows: "1:1" },
  };
}

/** The firm template, as data. */
export function templateSpec(options: TemplateSpecOptions): TemplateSpec {
  const filingYear = options.filingYear;
  const dataYear = filingYear - 1;
  const S = TEMPLATE_SHEETS;
  const names = { ...TEMPLATE_TABLES, ...(options.tableNames ?? {}) };
  const refs = tableRefs(names, options.untouchedSheets ?? []);

  /* 说明 */
  const help: SheetSpec = {
    name: INSTRUCTIONS_SHEET,
    columns: [{ width: 90 }, { width: 90 }],
    cells: INSTRUCTIONS.flatMap(([zh, en], i) => [
      { address: `A${i + 1}`, value: zh, ...(i === 0 ? { style: "title" as const } : {}) },
      { address: `B${i + 1}`, value: en, ...(i === 0 ? { style: "title" as const } : {}) },
    ]),
    merges: [],
    validations: [],
    protect: true,
    print: { landscape: true },
  };

  /* 参数: name / value / note, an Excel table (mapping rows 列:/表: may be added to it). */
  const paramValue = (name: string): SpecValue =>
    name === "地区" ? options.region ?? null : name === "申报年度" ? filingYear : name === "单位类型" ? "企业" : null;
  const paramFormat: Record<string, string> = { 统一社会信用代码: TEXT, 社会平均工资: MONEY, 最低工资: MONEY, 已缴: MONEY, 征收比例: "0%", 登记注册日期: DATE };
  const noteRow = TEMPLATE_PARAMETER_ROWS.length + 3;
  const params: SheetSpec = {
    name: S.parameters,
    columns: [{ width: 22 }, { width: 26, input: true }, { width: 56 }],
    freezeRows: 1,
    table: { name: names.parameters, headers: PARAMETER_HEADERS, rows: TEMPLATE_PARAMETER_ROWS.map((p) => [p.name, paramValue(p.name), p.note]) },
    cells: [
      ...PARAMETER_HEADERS.map((_, i) => ({ address: `${columnLetters(i)}1`, style: "header" as const })),
      ...TEMPLATE_PARAMETER_ROWS.flatMap((p) => {
        const row = parameterRow(p.name);
        const fmt = paramFormat[p.name];
        return [{ address: `C${row}`, style: "note" as const }, ...(fmt ? [{ address: `B${row}`, numFmt: fmt, style: "input" as const }] : [])];
      }),
      {
        address: `A${noteRow}`,
        value: `申报年度 ${filingYear} 使用 ${dataYear} 年数据。可在表格中添加映射行（列:用工类别 | 用工形式、表:Sheet3 | 花名册）。Filing year ${filingYear} uses ${dataYear} data; mapping rows may be added to the table.`,
        style: "note",
      },
    ],
    merges: [],
    validations: [
      { range: `B${parameterRow("单位类型")}`, rule: listRule(ENTITY_TYPES, "单位类型 Entity type", "企业/机关/事业单位/社会团体/民办非企业", true) },
      { range: `B${parameterRow("登记注册日期")}`, rule: DATE_RULE },
    ],
    protect: false,
    print: { landscape: false, titleRows: "1:1" },
  };

  /* 花名册 */
  const rosterRows = options.data?.roster?.length ?? 0;
  const roster = dataSheet(
    S.roster,
    names.roster,
    TEMPLATE_ROSTER_HEADERS,
    {
      工号: { width: 12, numFmt: TEXT },
      姓名: { width: 10 },
      身份证号: { width: 21, numFmt: TEXT, note: "18位身份证号，请以文本格式录入。ID number, as text." },
      用工形式: {
        width: 18,
        note: `下拉列表：${TEMPLATE_EMPLOYMENT_TYPES.join("、")}。粘贴的 正式工、合同制 等也可识别。实习、非全日制、退休返聘、劳务派遣（未约定计入）、劳务不计入在职职工人数。`,
      },
      入职日期: { width: 12, numFmt: DATE },
      离职日期: { width: 12, numFmt: DATE, note: "在职人员留空。Blank while employed." },
      合同开始日期: { width: 14, numFmt: DATE },
      合同结束日期: { width: 14, numFmt: DATE, note: "无固定期限合同留空。Blank for an open-ended contract." },
      社保缴纳: { width: 10 },
    },
    options.data?.roster,
  );
  const rc = (h: string) => tableColumnRange(templateColumn(TEMPLATE_ROSTER_HEADERS, h), rosterRows);
  roster.validations.push(
    { range: rc("用工形式"), rule: listRule(TEMPLATE_EMPLOYMENT_TYPES, "用工形式 Employment type", "决定是否计入在职职工人数。Decides who counts in the headcount.", true) },
    { range: rc("社保缴纳"), rule: listRule(TEMPLATE_YES_NO, "社保缴纳 Social insurance", "是/否 yes/no", true) },
    ...["入职日期", "离职日期", "合同开始日期", "合同结束日期"].map((h) => ({ range: rc(h), rule: DATE_RULE })),
  );

  /* 工资表 */
  const payrollColumns: Record<string, DataColumn> = {
    工号: { width: 12, numFmt: TEXT },
    姓名: { width: 10 },
    月份: { width: 10, numFmt: TEXT, note: `如 ${dataYear}-01；其他年度的行不计入。Month, e.g. ${dataYear}-01; rows of another year are left out.` },
  };
  for (const h of TEMPLATE_PAYROLL_HEADERS.slice(3)) payrollColumns[h] = { width: 12, numFmt: MONEY };
  payrollColumns["基本工资"].note = "工资总额 = 基本工资至特殊情况工资七列（《关于工资总额组成的规定》第四条），只计花名册中计入人数者的工资。";
  payrollColumns["福利费"].note = "福利费至单位缴纳社保为非工资项目（第十一条），不计入工资总额，仅供核对。";
  const payroll = dataSheet(S.payroll, names.payroll, TEMPLATE_PAYROLL_HEADERS, payrollColumns, options.data?.payroll);

  /* 残疾职工 */
  const disabledRows = options.data?.disabled?.length ?? 0;
  const disabled = dataSheet(
    S.disabled,
    names.disabled,
    TEMPLATE_DISABLED_HEADERS,
    {
      工号: { width: 12, numFmt: TEXT },
      姓名: { width: 10 },
      身份证号: { width: 21, numFmt: TEXT },
      残疾人证号: { width: 24, numFmt: TEXT, note: "第二代残疾人证号20位（身份证号+类别+等级）；一、二级按2人计算。" },
      残联认定: { width: 10, note: "经残疾人就业服务机构审核认定的填“是”。" },
      合同开始日期: { width: 14, numFmt: DATE },
      合同结束日期: { width: 14, numFmt: DATE },
      社保缴纳: { width: 10 },
      月工资: { width: 12, numFmt: MONEY, note: "应不低于当地月最低工资标准。" },
    },
    options.data?.disabled,
  );
  const dc = (h: string) => tableColumnRange(templateColumn(TEMPLATE_DISABLED_HEADERS, h), disabledRows);
  disabled.validations.push(
    { range: dc("残联认定"), rule: listRule(TEMPLATE_YES_NO, "残联认定 Certified", "经残联审核认定填“是”。", true) },
    { range: dc("社保缴纳"), rule: listRule(TEMPLATE_YES_NO, "社保缴纳 Social insurance", "是/否 yes/no", true) },
    ...["合同开始日期", "合同结束日期"].map((h) => ({ range: dc(h), rule: DATE_RULE })),
  );

  return { sheets: [help, params, roster, payroll, disabled, declarationSheet(dataYear, refs)] };
}

/** 申报表: laid out like the e-tax form (栏次 1–12, 费款所属期, 单位名称, 统一社会信用代码), computed by LEVY.FORM. */
function declarationSheet(dataYear: number, refs: TableRefs): SheetSpec {
  const S = TEMPLATE_SHEETS;
  const p = (name: string) => `${S.parameters}!$B$${parameterRow(name)}`;
  const cells: CellSpec[] = [];
  const text = (address: string, value: SpecValue, style?: StyleName) => cells.push({ address, value, ...(style ? { style } : {}) });
  const formula = (address: string, f: string, numFmt?: string, style: StyleName = "formula") => cells.push({ address, formula: f, style, ...(numFmt ? { numFmt } : {}) });

  text("A1", "残疾人就业保障金缴费申报表（测算）Disabled Persons' Employment Security Fund — declaration", "title");
  text("A2", "用人单位名称", "label");
  formula("B2", `IF(${p("单位名称")}="","",${p("单位名称")})`);
  text("A3", "统一社会信用代码", "label");
  formula("B3", `IF(${p("统一社会信用代码")}="","",${p("统一社会信用代码")})`);
  text("A4", "费款所属期", "label");
  formula("B4", `IF(${p("申报年度")}="","",(${p("申报年度")}-1)&"-01-01 至 "&(${p("申报年度")}-1)&"-12-31")`);
  ["栏次", "项目", "金额/数值", "计算方法 How it is computed", "依据 Basis"].forEach((h, i) => text(`${columnLetters(i)}6`, h, "header"));

  const row = (column: number) => FORM_FIRST_ROW + column - 1;
  text(`A${row(1)}`, 1);
  text(`B${row(1)}`, "征收品目");
  text(`C${row(1)}`, "残疾人就业保障金");
  text(`A${row(2)}`, 2);
  text(`B${row(2)}`, "费款所属期起");
  formula(DECLARATION_CELLS[2], `DATE(${p("申报年度")}-1,1,1)`, DATE);
  text(`D${row(2)}`, `数据年度 ${dataYear}（申报年度 − 1）`);
  text(`A${row(3)}`, 3);
  text(`B${row(3)}`, "费款所属期止");
  formula(DECLARATION_CELLS[3], `DATE(${p("申报年度")}-1,12,31)`, DATE);

  // 栏次 4–12: one LEVY.FORM over the whole tables; each cell takes its line (one analysis for all of them).
  const args = tableArgs(refs);
  const form = levyCall("FORM", ...args);
  FORM_LINES.forEach(([column, label, , isMoney], i) => {
    const r = row(column);
    text(`A${r}`, column);
    text(`B${r}`, label);
    formula(`C${r}`, `INDEX(${form},${i + 1},3)`, isMoney ? MONEY : column === 6 ? "0.00%" : "0.00");
    const [how, basis] = FORM_NOTES[column];
    text(`D${r}`, how);
    text(`E${r}`, basis);
  });

  // The check line: nothing dropped, and how many findings.
  const checkRow = CHECK_CELL.slice(1);
  text(`B${checkRow}`, "核对 Check（读取=计入+排除+拒绝；发现）", "label");
  formula(CHECK_CELL, levyCall("CHECK", ...args), undefined, "check");

  const C = DECLARATION_CELLS;
  const settings = settingsRange();
  text("B22", "减免档次 Reduction band");
  formula("C22", levyCall("TIER", C[5], C[7], C[4], settings));
  text("B23", "封顶后计费基数 Wage base after the cap");
  formula("C23", levyCall("AVGWAGE", C[4], C[5], p("社会平均工资"), settings), MONEY);
  text("B24", "达到下一档需新增残疾职工 Hires to the next band");
  formula("C24", levyCall("HIRESNEEDED", C[5], C[7], C[4], `"next"`, "1", "1", settings));
  text("A26", `计算过程 Calculation trail: =${levyCall("EXPLAIN", C[5], C[7], C[4], settings)}`, "note");

  // The findings: a dynamic array, one row per finding, spilling down from the last block of the sheet.
  const findingsRow = Number(FINDINGS_CELL.slice(1));
  text(`A${findingsRow - 1}`, "校验发现 Findings（=LEVY.FINDINGS：表头及每条发现一行，向下溢出，请保持下方为空；one row per finding, spilling down — keep the rows below empty）", "label");
  cells.push({ address: FINDINGS_CELL, formula: levyCall("FINDINGS", ...args), spill: true });

  return {
    name: S.declaration,
    columns: [{ width: 8 }, { width: 34 }, { width: 22 }, { width: 50 }, { width: 34 }],
    freezeRows: 6,
    cells,
    merges: ["A1:E1", `${CHECK_CELL}:E${checkRow}`],
    validations: [],
    protect: true,
    print: { landscape: false, titleRows: "6:6" },
  };
}

/** Every formula of a spec, "Sheet!A1" → formula as typed (for the writers' parity test). */
export function specFormulas(spec: TemplateSpec): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of spec.sheets) for (const c of s.cells) if (c.formula) out.set(`${s.name}!${c.address}`, c.formula);
  return out;
}
