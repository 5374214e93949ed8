/**
 * Generator for the independent tester's "silently wrong" cases (adversarial report 1), rebuilt with ExcelJS so the
 * tests do not depend on files outside the repository.
 *
 * The base company (浙江, filing year 2025, data year 2024, social average wage 100,000):
 *   100 staff E0001…E0100 on open-ended contracts since 2015-03-01, all year; person i is paid 8,000 + 50·i a month.
 *   E0001 is a certified grade-3 disabled employee (register sheet 残疾职工), social insurance paid.
 *   monthly wage bill   100 × 8,000 + 50 × (1 + … + 100) = 800,000 + 252,500 = 1,052,500
 *   column 4  W         12 × 1,052,500 = 12,630,000.00
 *   column 5  N         100;  column 8 average 126,300.00 (cap 3 × 100,000 = 300,000 not reached)
 *   required            100 × 1.5% = 1.5
 *   with A = 1          shortfall 0.5, gross 0.5 × 126,300 = 63,150.00; ratio 1% → 浙江 1%–1.5% band pays 50% → 31,575.00
 *   with A = 0          gross 1.5 × 126,300 = 189,450.00; ratio 0 < 1% → pays 90% → 170,505.00
 */
import ExcelJS from "exceljs";
import { residentIdCheckChar } from "../../src/core/identifiers";

export const D = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));

export interface Staff {
  no: string;
  name: string;
  id: string;
  type: string;
  hire: Date;
  leave: Date | null;
  si: string;
  pay: number;
  /** Months (1–12) of 2024 the payroll pays; all when absent. */
  months?: number[];
}

function mkId(i: number): string {
  let q = 100 + (i % 800);
  if (q % 2 === 0) q++; // odd sequence digit: male
  const body = `330106${1985}0${1 + (i % 9)}${String(10 + (i % 18))}${String(q).padStart(3, "0").slice(-3)}`;
  return body + residentIdCheckChar(body);
}

export function staff(n = 100): Staff[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + 1;
    return { no: `E${String(i).padStart(4, "0")}`, name: `员工${i}`, id: mkId(i), type: "全日制", hire: D(2015, 3, 1), leave: null, si: "是", pay: 8000 + 50 * i };
  });
}

export interface BaseOptions {
  people?: Staff[];
  /** Roster columns (in order); 离职日期 may be renamed with `leaveHeader`. */
  leaveHeader?: string;
  typeHeader?: string;
  /** Payroll header row and the cells of one person-month. */
  payrollHeader?: (string | null)[];
  payrollRow?: (p: Staff, month: number) => ExcelJS.CellValue[];
  /** Rows before the payroll header (e.g. a title 单位：万元). */
  payrollTitle?: string[];
  /** Extra rows after the payroll detail. */
  payrollTail?: ExcelJS.CellValue[][];
  /** Social-insurance value of the disabled employee in the register. */
  disabledSocialInsurance?: string;
  /** Category and grade digits appended to the ID for the certificate number ("43" = limbs, grade 3). */
  disabledCert?: string;
  disabled?: boolean;
}

export const DEFAULT_PAYROLL_HEADER = ["工号", "姓名", "工资月份", "基本工资", "应发工资", "实发工资"];

export function defaultPayrollRow(p: Staff, m: number): ExcelJS.CellValue[] {
  return [p.no, p.name, D(2024, m, 1), p.pay, p.pay, Math.round(p.pay * 0.85)];
}

export function baseWorkbook(o: BaseOptions = {}): ExcelJS.Workbook {
  const ps = o.people ?? staff();
  const wb = new ExcelJS.Workbook();
  const par = wb.addWorksheet("参数");
  par.addRow(["残疾人就业保障金申报资料"]);
  par.addRow([]);
  const p: [string, ExcelJS.CellValue][] = [
    ["单位名称", "杭州测试科技有限公司"],
    ["统一社会信用代码", "91310110666007217T"],
    ["所在地区", "浙江省"],
    ["申报年度", 2025],
    ["单位性质", "企业"],
    ["当地社平工资", 100000],
    ["最低工资标准", 2490],
    ["已缴费额", 0],
    ["申报日期", D(2025, 8, 20)],
  ];
  for (const row of p) par.addRow(row);

  const cols = ["工号", "姓名", "身份证号", o.typeHeader ?? "用工形式", "入职日期", o.leaveHeader ?? "离职日期", "合同起始日期", "合同终止日期", "是否参保"];
  const ros = wb.addWorksheet("花名册");
  ros.addRow(["员工花名册（2024年度）"]);
  ros.addRow(cols);
  for (const s of ps) ros.addRow([s.no, s.name, s.id, s.type, s.hire, s.leave, s.hire, null, s.si]);

  const pay = wb.addWorksheet("2024工资");
  for (const t of o.payrollTitle ?? []) pay.addRow([t]);
  pay.addRow(o.payrollHeader ?? DEFAULT_PAYROLL_HEADER);
  const row = o.payrollRow ?? defaultPayrollRow;
  for (let m = 1; m <= 12; m++) for (const s of ps) if (!s.months || s.months.includes(m)) pay.addRow(row(s, m));
  for (const r of o.payrollTail ?? []) pay.addRow(r);

  if (o.disabled !== false) {
    const reg = wb.addWorksheet("残疾职工");
    reg.addRow(["工号", "姓名", "身份证号", "残疾证号", "是否认定", "合同起始日期", "合同终止日期", "是否缴纳社保", "月工资"]);
    const d = ps[0];
    reg.addRow([d.no, d.name, d.id, `${d.id}${o.disabledCert ?? "43"}`, "已认定", D(2015, 3, 1), null, o.disabledSocialInsurance ?? "是", d.pay]);
  }
  return wb;
}

/** A valid resident ID number for a woman born on the given date (even sequence digit = female). */
export function femaleId(birth: string): string {
  const body = `330106${birth.replace(/-/g, "")}024`;
  return body + residentIdCheckChar(body);
}
