/**
 * Group workbooks for the tests (own generator, after tester round 2's layouts), written with ExcelJS.
 *
 * A公司: 100 staff, staff i paid 8,000 + 50i a month, E0001 certified grade-3 disabled, 浙江省杭州市.
 *   W = 12 × (100 × 8,000 + 50 × 5,050) = 12,630,000; average 126,300; required 100 × 1.5% = 1.5, actual 1;
 *   shortfall 0.5 × 126,300 = 63,150.00; 1% ≤ actual ratio < 1.5% in 浙江 → pays 50%: 31,575.00.
 * B公司: 50 staff, staff i paid 6,000 + 100i, no disabled staff, 江苏省盐城市.
 *   W = 12 × (50 × 6,000 + 100 × 1,275) = 5,130,000; average 102,600; 0.75 × 102,600 = 76,950 × 60% = 46,170;
 *   below 1% → 90% band: 41,553.00 (tester's arithmetic, adv-report-2 §1).
 */
import ExcelJS from "exceljs";

export const D = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
export function idc(body17: string): string {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(body17[i]) * W[i];
  return body17 + "10X98765432"[s % 11];
}
export const CH = "0123456789ABCDEFGHJKLMNPQRTUWXY";
export const WT = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export function uscc(b17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += CH.indexOf(b17[i]) * WT[i];
  let c = 31 - (s % 31);
  if (c === 31) c = 0;
  return b17 + CH[c];
}
export const UA = uscc("91330106MA2AAAAA1");
export const UB = uscc("91320900MA1BBBBB2");

export interface Person { no: string; name: string; id: string; pay: number; hire: Date }
export function peopleA(): Person[] {
  const out: Person[] = [];
  for (let i = 1; i <= 100; i++) {
    let q = 100 + (i % 800);
    if (q % 2 === 0) q++;
    out.push({ no: "E" + String(i).padStart(4, "0"), name: "员工" + i, id: idc("330106" + "1985" + "0" + (1 + (i % 9)) + String(10 + (i % 18)) + String(q).slice(-3)), pay: 8000 + 50 * i, hire: D(2015, 3, 1) });
  }
  return out;
}
export function peopleB(): Person[] {
  const out: Person[] = [];
  for (let i = 1; i <= 50; i++) out.push({ no: "B" + String(i).padStart(4, "0"), name: "乙员工" + i, id: idc("320902" + "1990" + "0" + (1 + (i % 9)) + String(10 + (i % 18)) + String(200 + 2 * i + 1).padStart(3, "0")), pay: 6000 + 100 * i, hire: D(2016, 1, 1) });
  return out;
}
export const A = peopleA();
export const B = peopleB();
export type Params = Record<string, string | number | Date>;
export const PA: Params = { 单位名称: "A公司", 统一社会信用代码: UA, 所在地区: "浙江省杭州市", 申报年度: 2025, 单位性质: "企业", 当地社平工资: 100000, 最低工资标准: 2490, 已缴费额: 0 };
export const PB: Params = { ...PA, 单位名称: "B公司", 统一社会信用代码: UB, 所在地区: "江苏省盐城市", 当地社平工资: 120000 };

export function params(ws: ExcelJS.Worksheet, p: Params) {
  ws.addRow(["残疾人就业保障金申报资料"]);
  ws.addRow([]);
  for (const [k, v] of Object.entries(p)) ws.addRow([k, v]);
}
export const ROSTER = ["工号", "姓名", "身份证号", "用工形式", "入职日期", "离职日期", "合同起始日期", "合同终止日期", "是否参保"];
export function roster(ws: ExcelJS.Worksheet, ps: Person[]) {
  ws.addRow(["员工花名册（2024年度）"]);
  ws.addRow(ROSTER);
  for (const p of ps) ws.addRow([p.no, p.name, p.id, "全日制", p.hire, null, p.hire, null, "是"]);
}
export function payroll(ws: ExcelJS.Worksheet, ps: Person[]) {
  ws.addRow(["工号", "姓名", "工资月份", "基本工资", "应发工资", "实发工资"]);
  for (let m = 1; m <= 12; m++) for (const p of ps) ws.addRow([p.no, p.name, D(2024, m, 1), p.pay, p.pay, Math.round(p.pay * 0.85)]);
}
export const REGISTER = ["工号", "姓名", "身份证号", "残疾证号", "残疾类别", "残疾等级", "是否认定", "合同起始日期", "合同终止日期", "是否缴纳社保", "月工资"];
export function register(ws: ExcelJS.Worksheet, p: Person) {
  ws.addRow(REGISTER);
  ws.addRow([p.no, p.name, p.id, p.id + "43", "肢体", "三级", "已认定", p.hire, null, "是", p.pay]);
}

/** One roster / payroll / register for both companies with an entity column (name or credit code). */
export function columnWorkbook(key: "name" | "uscc", paramSheets: (wb: ExcelJS.Workbook) => void, nameOf: (e: "A" | "B") => string = (e) => (key === "name" ? `${e}公司` : e === "A" ? UA : UB)): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  paramSheets(wb);
  const head = key === "name" ? "单位名称" : "统一社会信用代码";
  let ws = wb.addWorksheet("花名册");
  ws.addRow([head, ...ROSTER]);
  for (const [e, ps] of [["A", A], ["B", B]] as const) for (const p of ps) ws.addRow([nameOf(e), p.no, p.name, p.id, "全日制", p.hire, null, p.hire, null, "是"]);
  ws = wb.addWorksheet("工资表");
  ws.addRow([head, "工号", "姓名", "工资月份", "基本工资", "应发工资", "实发工资"]);
  for (let m = 1; m <= 12; m++) for (const [e, ps] of [["A", A], ["B", B]] as const) for (const p of ps) ws.addRow([nameOf(e), p.no, p.name, D(2024, m, 1), p.pay, p.pay, Math.round(p.pay * 0.85)]);
  ws = wb.addWorksheet("残疾职工");
  ws.addRow([head, ...REGISTER]);
  ws.addRow([nameOf("A"), A[0].no, A[0].name, A[0].id, A[0].id + "43", "肢体", "三级", "已认定", A[0].hire, null, "是", A[0].pay]);
  return wb;
}
export const twoParamSheets = (a = "参数A", b = "参数B") => (wb: ExcelJS.Workbook) => {
  params(wb.addWorksheet(a), PA);
  params(wb.addWorksheet(b), PB);
};
export function prefixWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  params(wb.addWorksheet("A公司-参数"), PA);
  roster(wb.addWorksheet("A公司-花名册"), A);
  payroll(wb.addWorksheet("A公司-工资表"), A);
  register(wb.addWorksheet("A公司-残疾职工"), A[0]);
  params(wb.addWorksheet("B公司-参数"), PB);
  roster(wb.addWorksheet("B公司-花名册"), B);
  payroll(wb.addWorksheet("B公司-工资表"), B);
  return wb;
}

