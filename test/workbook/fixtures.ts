/**
 * Fixture builders for workbook tests (shared with the CLI tests): SheetData arrays in the firm template's layout, a
 * clean company that triggers no finding, valid ID and certificate numbers, and ExcelJS round trips to real .xlsx.
 *
 * Every expected figure of the clean company is written out by hand below (CLEAN_EXPECTED), never computed by the
 * code under test.
 */
import ExcelJS from "exceljs";
import { residentIdCheckChar } from "../../src/core/identifiers";
import {
  TEMPLATE_DISABLED_HEADERS,
  TEMPLATE_MONTHLY_HEADERS,
  TEMPLATE_PAYROLL_HEADERS,
  TEMPLATE_ROSTER_HEADERS,
  TEMPLATE_SHEETS,
} from "../../src/workbook/template-layout";
import type { CellValue, SheetData } from "../../src/workbook/types";

export type Row = CellValue[];

export function sheet(name: string, rows: Row[], origin = "A1"): SheetData {
  return { name, origin, values: rows };
}

/** A valid 18-character 公民身份号码: address 110105, birth date, sequence (odd = male), check character. */
export function makeId(seq: number, birth = "19900101", sex: "male" | "female" = "male"): string {
  // The sequence keeps its hundreds and tens; its last digit is made odd for men, even for women.
  let s = seq % 1000;
  if ((s % 2 === 1) !== (sex === "male")) s = s % 2 === 1 ? s - 1 : s + 1;
  const first17 = `110105${birth}${String(s).padStart(3, "0")}`;
  return first17 + residentIdCheckChar(first17);
}

/** A 20-character 第二代残疾人证 number: the holder's ID + category (1–7) + grade (1–4). */
export function makeCert(id: string, category = 4, grade = 3): string {
  return `${id}${category}${grade}`;
}

export interface Employee {
  id: string;
  name: string;
  idNumber?: CellValue;
  type?: CellValue;
  hire?: CellValue;
  leave?: CellValue;
  contractStart?: CellValue;
  contractEnd?: CellValue;
  socialInsurance?: CellValue;
}

/** Roster in the template layout: 工号 姓名 身份证号 用工形式 入职日期 离职日期 合同开始日期 合同结束日期 社保缴纳. */
export function rosterSheet(employees: Employee[], name: string = TEMPLATE_SHEETS.roster, titleRows: Row[] = []): SheetData {
  return sheet(name, [
    ...titleRows,
    [...TEMPLATE_ROSTER_HEADERS],
    ...employees.map((e) => [
      e.id,
      e.name,
      e.idNumber ?? null,
      e.type ?? "全日制",
      e.hire ?? "2020-01-01",
      e.leave ?? null,
      e.contractStart ?? "2023-01-01",
      e.contractEnd ?? "2025-12-31",
      e.socialInsurance ?? "是",
    ]),
  ]);
}

/** Pay per month in the template's column order (after 工号 姓名 月份). */
export interface Pay {
  basic?: CellValue;
  piece?: CellValue;
  bonus?: CellValue;
  yearEnd?: CellValue;
  allowance?: CellValue;
  overtime?: CellValue;
  special?: CellValue;
  welfare?: CellValue;
  oneChild?: CellValue;
  meal?: CellValue;
  severance?: CellValue;
  employerSocial?: CellValue;
}

export function payRow(id: string, name: string, month: CellValue, p: Pay): Row {
  return [
    id,
    name,
    month,
    p.basic ?? 0,
    p.piece ?? 0,
    p.bonus ?? 0,
    p.yearEnd ?? 0,
    p.allowance ?? 0,
    p.overtime ?? 0,
    p.special ?? 0,
    p.welfare ?? 0,
    p.oneChild ?? 0,
    p.meal ?? 0,
    p.severance ?? 0,
    p.employerSocial ?? 0,
  ];
}

export function payrollSheet(rows: Row[], name: string = TEMPLATE_SHEETS.payroll): SheetData {
  return sheet(name, [[...TEMPLATE_PAYROLL_HEADERS], ...rows]);
}

/** 12 monthly rows per employee for `year`; `pay(month)` gives the month's pay. */
export function yearOfPay(employees: Array<Pick<Employee, "id" | "name">>, year: number, pay: (month: number, e: Pick<Employee, "id" | "name">) => Pay): Row[] {
  const rows: Row[] = [];
  for (const e of employees) for (let m = 1; m <= 12; m++) rows.push(payRow(e.id, e.name, `${year}-${String(m).padStart(2, "0")}`, pay(m, e)));
  return rows;
}

export interface DisabledRow {
  id: string;
  name: string;
  idNumber: CellValue;
  certificate: CellValue;
  certified?: CellValue;
  contractStart?: CellValue;
  contractEnd?: CellValue;
  socialInsurance?: CellValue;
  monthlyWage?: CellValue;
}

/** Register in the template layout: 工号 姓名 身份证号 残疾人证号 残联认定 合同开始日期 合同结束日期 社保缴纳 月工资. */
export function disabledSheet(rows: DisabledRow[], extraHeaders: string[] = [], extra: Row[] = []): SheetData {
  return sheet(TEMPLATE_SHEETS.disabled, [
    [...TEMPLATE_DISABLED_HEADERS, ...extraHeaders],
    ...rows.map((d, i) => [
      d.id,
      d.name,
      d.idNumber,
      d.certificate,
      d.certified ?? "是",
      d.contractStart ?? "2023-01-01",
      d.contractEnd ?? "2025-12-31",
      d.socialInsurance ?? "是",
      d.monthlyWage ?? 8000,
      ...(extra[i] ?? []),
    ]),
  ]);
}

export function parameterSheet(pairs: Array<[string, CellValue]>): SheetData {
  return sheet(TEMPLATE_SHEETS.parameters, [["参数", "值", "说明"], ...pairs.map(([k, v]) => [k, v, null])]);
}

/** Name/value declaration (labels in column A, values in B), form columns 4–12. */
export function declarationSheet(values: Array<[string, CellValue]>): SheetData {
  return sheet(TEMPLATE_SHEETS.declaration, [["残疾人就业保障金缴费申报表", null], ["项目", "金额"], ...values]);
}

export function monthlySheet(year: number, start: number[], end: number[]): SheetData {
  return sheet(TEMPLATE_SHEETS.monthlyHeadcount, [[...TEMPLATE_MONTHLY_HEADERS], ...start.map((s, i) => [`${year}-${String(i + 1).padStart(2, "0")}`, s, end[i]])]);
}

// ---------------------------------------------------------------------------------------------------------------------
// The clean company: 100 full-year staff (2 of them certified disabled, grade 3, weight 1 each), filing 2025 for
// data year 2024, national rules, social average wage 100,000, minimum wage 2,490.
// Monthly pay: 基本工资 8,000 + 绩效奖金 1,000 + 津贴补贴 500 + 加班工资 200; 年终奖 12,000 in December.
// Non-wage: 福利费 300, 误餐补助 100, 单位缴纳社保 2,000 a month.
// ---------------------------------------------------------------------------------------------------------------------

export const CLEAN_EXPECTED = {
  filingYear: 2025,
  dataYear: 2024,
  headcount: "100",
  // 100 × (12 × 9,700 + 12,000) = 100 × 128,400
  wageTotal: "12840000",
  averageWage: "128400",
  certifiedDisabled: "2",
  required: "1.5",
  shortfall: "0",
  grossDue: "0.00",
  payable: "0.00",
  // 100 × 12 × (300 + 100 + 2,000)
  nonWageTotal: "2880000",
  rosterRows: 100,
  payrollRows: 1200,
  disabledRows: 2,
  monthlyRows: 12,
} as const;

export function cleanEmployees(n = 100): Employee[] {
  const out: Employee[] = [];
  for (let i = 1; i <= n; i++) {
    // Unique up to 336,000 people: sequence i mod 1000, month and day from the thousands.
    const birth = `${1980 + (i % 20)}${String(1 + (Math.floor(i / 1000) % 12)).padStart(2, "0")}${String(1 + (Math.floor(i / 12000) % 28)).padStart(2, "0")}`;
    out.push({ id: `E${String(i).padStart(4, "0")}`, name: `员工${i}`, idNumber: makeId(i, birth, i % 2 ? "male" : "female") });
  }
  return out;
}

export const CLEAN_PAY = (month: number): Pay => ({ basic: 8000, bonus: 1000, allowance: 500, overtime: 200, yearEnd: month === 12 ? 12000 : 0, welfare: 300, meal: 100, employerSocial: 2000 });

export interface CleanOptions {
  employees?: Employee[];
  pay?: (month: number, e: Pick<Employee, "id" | "name">) => Pay;
  params?: Array<[string, CellValue]>;
  declaration?: Array<[string, CellValue]> | null;
  disabled?: DisabledRow[] | null;
  monthly?: { start: number[]; end: number[] } | null;
  extraSheets?: SheetData[];
}

export const CLEAN_PARAMS: Array<[string, CellValue]> = [
  ["单位名称", "示例科技有限公司"],
  ["统一社会信用代码", "91310110666007217T"],
  ["地区", "CN"],
  ["申报年度", 2025],
  ["单位类型", "企业"],
  ["社会平均工资", 100000],
  ["最低工资", 2490],
];

export const CLEAN_DECLARATION: Array<[string, CellValue]> = [
  ["上年在职职工工资总额", 12840000],
  ["上年在职职工人数", 100],
  ["应安排残疾人就业比例", 0.015],
  ["上年实际安排残疾人就业人数", 2],
  ["上年在职职工年平均工资", 128400],
  ["本期应纳费额", 0],
  ["本期减免费额", 0],
  ["本期已缴费额", 0],
  ["本期应补（退）费额", 0],
];

export function cleanDisabledRows(employees: Employee[]): DisabledRow[] {
  return [employees[0], employees[1]].map((e) => ({ id: e.id, name: e.name, idNumber: e.idNumber ?? null, certificate: makeCert(String(e.idNumber), 4, 3) }));
}

export function cleanCompany(o: CleanOptions = {}): SheetData[] {
  const employees = o.employees ?? cleanEmployees();
  const sheets: SheetData[] = [
    parameterSheet(o.params ?? CLEAN_PARAMS),
    rosterSheet(employees),
    payrollSheet(yearOfPay(employees, 2024, o.pay ?? CLEAN_PAY)),
  ];
  if (o.disabled !== null) sheets.push(disabledSheet(o.disabled ?? cleanDisabledRows(employees)));
  if (o.monthly !== null) {
    const m = o.monthly ?? { start: new Array(12).fill(100), end: new Array(12).fill(100) };
    sheets.push(monthlySheet(2024, m.start, m.end));
  }
  if (o.declaration !== null) sheets.push(declarationSheet(o.declaration ?? CLEAN_DECLARATION));
  sheets.push(...(o.extraSheets ?? []));
  return sheets;
}

/**
 * Append a column to a sheet: `header` on its first row, `value(row, i)` on data row i (0-based). Used for the
 * payroll's monthly social-insurance contribution base (社保缴费基数), which the template does not carry.
 */
export function withColumn(target: SheetData, header: string, value: (row: Row, i: number) => CellValue): SheetData {
  const [head, ...rows] = target.values;
  return { ...target, values: [[...head, header], ...rows.map((r, i) => [...r, value(r, i)])] };
}

/** Replace one sheet (by name) in a workbook. */
export function withSheet(sheets: SheetData[], replacement: SheetData): SheetData[] {
  return sheets.map((s) => (s.name === replacement.name ? replacement : s));
}

/** Change one roster row (by 工号) in a clean workbook. */
export function patchEmployees(employees: Employee[], patches: Record<string, Partial<Employee>>): Employee[] {
  return employees.map((e) => (patches[e.id] ? { ...e, ...patches[e.id] } : e));
}

// ---------------------------------------------------------------------------------------------------------------------
// ExcelJS round trip
// ---------------------------------------------------------------------------------------------------------------------

export interface XlsxCell {
  value: CellValue;
  formula?: string;
  numFmt?: string;
}

/** Write sheets to an .xlsx. Cells may be plain values or {value, formula, numFmt}; ISO date text stays text. */
export async function writeXlsx(path: string, sheets: Array<{ name: string; rows: Array<Array<CellValue | XlsxCell>>; merges?: string[] }>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const range of s.merges ?? []) ws.mergeCells(range);
    s.rows.forEach((row, r) => {
      row.forEach((cell, c) => {
        const target = ws.getCell(r + 1, c + 1);
        if (cell !== null && typeof cell === "object" && !(cell instanceof Date) && !("error" in cell)) {
          const x = cell as XlsxCell;
          if (x.formula) target.value = (x.value === null ? { formula: x.formula } : { formula: x.formula, result: x.value as never }) as ExcelJS.CellFormulaValue;
          else target.value = x.value as ExcelJS.CellValue;
          if (x.numFmt) target.numFmt = x.numFmt;
        } else target.value = cell as ExcelJS.CellValue;
      });
    });
  }
  await wb.xlsx.writeFile(path);
}

/** SheetData → writeXlsx input (values only). */
export function sheetsToRows(sheets: SheetData[]): Array<{ name: string; rows: CellValue[][] }> {
  return sheets.map((s) => ({ name: s.name, rows: s.values }));
}

/** Read an .xlsx with ExcelJS into SheetData, as the CLI does: values (formula results), formulas, number formats. */
export async function readXlsx(path: string): Promise<SheetData[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out: SheetData[] = [];
  wb.eachSheet((ws) => {
    const values: CellValue[][] = [];
    const formulas: (string | null)[][] = [];
    const numberFormats: (string | null)[][] = [];
    const rows = ws.rowCount;
    const cols = ws.columnCount;
    for (let r = 1; r <= rows; r++) {
      const vr: CellValue[] = [];
      const fr: (string | null)[] = [];
      const nr: (string | null)[] = [];
      const row = ws.getRow(r);
      for (let c = 1; c <= cols; c++) {
        const cell = row.getCell(c);
        // Like Office.js, a merged area has its value in the top-left cell only (ExcelJS repeats it in every cell).
        const slave = cell.isMerged && cell.master.address !== cell.address;
        const { value, formula } = slave ? { value: null, formula: null } : cellValueOf(cell.value);
        vr.push(value);
        fr.push(formula);
        nr.push(cell.numFmt ?? null);
      }
      values.push(vr);
      formulas.push(fr);
      numberFormats.push(nr);
    }
    out.push({ name: ws.name, origin: "A1", values, formulas, numberFormats });
  });
  return out;
}

function cellValueOf(v: ExcelJS.CellValue): { value: CellValue; formula: string | null } {
  if (v === null || v === undefined) return { value: null, formula: null };
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean" || v instanceof Date) return { value: v, formula: null };
  if (typeof v === "object") {
    if ("error" in v) return { value: { error: String((v as ExcelJS.CellErrorValue).error) }, formula: null };
    if ("formula" in v || "sharedFormula" in v) {
      const f = v as ExcelJS.CellFormulaValue;
      const inner = f.result === undefined ? { value: null, formula: null } : cellValueOf(f.result as ExcelJS.CellValue);
      return { value: inner.value, formula: f.formula ?? (v as ExcelJS.CellSharedFormulaValue).sharedFormula ?? null };
    }
    if ("richText" in v) return { value: (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join(""), formula: null };
    if ("text" in v) return { value: String((v as ExcelJS.CellHyperlinkValue).text), formula: null };
  }
  return { value: String(v), formula: null };
}
