/**
 * The independent tester's base company (round 3), as plain sheets, and the reconciliation-source layouts it found
 * read wrongly or silently ignored. Every figure is set by hand:
 *   100 staff E0001–E0100, 全日制 since 2015-03-01, all year; person i earns 8,000 + 50 × i a month (应发工资).
 *   Monthly payroll M = 100 × 8,000 + 50 × (1 + … + 100) = 800,000 + 50 × 5,050 = 1,052,500.00;
 *   W (column 4) = 12 × 1,052,500 = 12,630,000.00; N (column 5) = 100.
 *   E0001 is disabled, category 4 (肢体) grade 3, certificate <ID>43, certified → A = 1.
 *   浙江, filing 2025: required 1.5% × 100 = 1.5; shortfall 0.5; average wage 12,630,000 ÷ 100 = 126,300;
 *   gross 0.5 × 126,300 = 63,150; ratio 1% is in the 50% band → payable 31,575.00.
 * The deliberate gaps: 100,000.00 more credited to 2211 工资 than the payroll (December 1,152,500 instead of
 * 1,052,500), and 105 people on the IIT summary against 100 on the roster.
 */
import { isoToExcelSerial } from "../../src/core/dates";
import type { CellValue, SheetData } from "../../src/workbook/types";
import { residentId } from "../taskpane/fixtures";

const DATE = "yyyy-mm-dd";
export const M = 1052500;
export const W = 12630000;

function sheet(name: string, rows: CellValue[][], dateColumns: readonly number[] = [], fromRow = 1): SheetData {
  const numberFormats = rows.map((row, r) => row.map((v, c) => (r >= fromRow && typeof v === "number" && dateColumns.includes(c) ? DATE : null)));
  return { name, origin: "A1", values: rows, numberFormats };
}

export const id = (i: number) => residentId(5000 + i);
const no = (i: number) => `E${String(i).padStart(4, "0")}`;
const d = (iso: string) => isoToExcelSerial(iso);

/** Parameters, roster, payroll (one row per person per month) and the disabled register (E0001, certificate suffix `registerSuffix`). */
export function baseCompany(registerSuffix = "43", registerGrade = "三级"): SheetData[] {
  const parameters: CellValue[][] = [
    ["残疾人就业保障金申报资料"],
    [],
    ["单位名称", "杭州测试科技有限公司"],
    ["统一社会信用代码", "91310110666007217T"],
    ["所在地区", "浙江省"],
    ["申报年度", 2025],
    ["单位性质", "企业"],
    ["当地社平工资", 100000],
    ["最低工资标准", 2490],
    ["已缴费额", 0],
    ["申报日期", d("2025-08-20")],
  ];
  const paramFormats = parameters.map((row, r) => row.map((_, c) => (r === 10 && c === 1 ? DATE : null)));
  const roster: CellValue[][] = [["员工花名册（2024年度）"], ["工号", "姓名", "身份证号", "用工形式", "入职日期", "离职日期", "合同起始日期", "合同终止日期", "是否参保"]];
  for (let i = 1; i <= 100; i++) roster.push([no(i), `员工${i}`, id(i), "全日制", d("2015-03-01"), null, d("2015-03-01"), null, "是"]);
  const payroll: CellValue[][] = [["工号", "姓名", "工资月份", "基本工资", "应发工资", "实发工资"]];
  for (let m = 1; m <= 12; m++) {
    for (let i = 1; i <= 100; i++) {
      const pay = 8000 + 50 * i;
      payroll.push([no(i), `员工${i}`, d(`2024-${String(m).padStart(2, "0")}-01`), pay, pay, Math.round(pay * 0.85)]);
    }
  }
  const register: CellValue[][] = [
    ["工号", "姓名", "身份证号", "残疾证号", "残疾类别", "残疾等级", "是否认定", "合同起始日期", "合同终止日期", "是否缴纳社保", "月工资"],
    [no(1), "员工1", id(1), `${id(1)}${registerSuffix}`, "肢体", registerGrade, "已认定", d("2015-03-01"), null, "是", 8050],
  ];
  return [
    { name: "参数", origin: "A1", values: parameters, numberFormats: paramFormats },
    sheet("花名册", roster, [4, 5, 6, 7], 2),
    sheet("2024工资", payroll, [2]),
    sheet("残疾职工", register, [7, 8]),
  ];
}

/** 残联 list: E0001 通过 under certificate <ID>`suffix` (the ID part `ofPerson`'s). */
export function certList(suffix: string, ofPerson = 1): SheetData {
  return sheet("残联认证结果", [["姓名", "身份证号", "残疾人证号", "认证结果", "认证日期"], ["员工1", id(1), `${id(ofPerson)}${suffix}`, "通过", d("2025-03-01")]], [4]);
}

/** 速达-style 科目余额表, period 2024年12月, 本年累计 columns; `unit` in the title. 221101 credit = yearCredit. */
export function sudaBalance(yearCredit: number, unit: "元" | "万元" = "元", period = "期间：2024年12月"): SheetData {
  const k = unit === "万元" ? 10000 : 1;
  const v = (x: number) => x / k;
  return sheet("科目余额表", [
    ["科目余额表"],
    ["编制单位：杭州测试科技有限公司", null, null, null, period, null, null, null, `单位：${unit}`],
    ["科目代码", "科目名称", "期初方向", "期初余额", "本期借方", "本期贷方", "本年借方累计", "本年贷方累计", "期末方向", "期末余额"],
    ["2211", "应付职工薪酬", "贷", 0, v(M + 200000), v(M + 200000), v(W + 2400000), v(yearCredit + 2400000), "平", 0],
    ["221101", "工资", "贷", 0, v(M), v(M), v(W), v(yearCredit), "平", 0],
    ["221103", "社会保险费", "贷", 0, v(200000), v(200000), v(2400000), v(2400000), "平", 0],
  ]);
}

/** U8 明细账: 月 / 日 columns, the year only in the title; December credit M + extra. */
export function u8Journal(extra: number): SheetData {
  const rows: CellValue[][] = [["应付职工薪酬明细账"], ["科目：221101 工资", "2024年"], ["月", "日", "凭证号数", "摘要", "借方", "贷方", "方向", "余额"], [1, 1, null, "期初余额", null, null, "平", 0]];
  for (let m = 1; m <= 12; m++) {
    const c = m === 12 ? M + extra : M;
    rows.push([m, 28, `记-${m}`, `计提${m}月工资`, null, c, "贷", c], [m, 28, `记-${100 + m}`, `发放${m}月工资`, c, null, "平", 0], [null, null, null, "本月合计", c, c, "平", 0]);
  }
  rows.push([null, null, null, "本年累计", W + extra, W + extra, "平", 0]);
  return sheet("明细账", rows);
}

/** 明细账 named after the account, the year and sub-account in the title only ("2024年度 应付职工薪酬-工资 明细账"). */
export function titledJournal(extra: number): SheetData {
  const rows: CellValue[][] = [["2024年度 应付职工薪酬-工资 明细账"], ["月", "日", "凭证号数", "摘要", "借方", "贷方", "方向", "余额"]];
  for (let m = 1; m <= 12; m++) {
    const c = m === 12 ? M + extra : M;
    rows.push([m, 28, `记-${m}`, `计提${m}月工资`, null, c, "贷", c], [m, 28, `记-${100 + m}`, `发放${m}月工资`, c, null, "平", 0]);
  }
  return sheet("应付职工薪酬明细账", rows);
}

/** Leaf-only ledger: codes `codes` named by department; the first leaf is 100,000 above its debit. */
export function leafLedger(codes: [string, string, string], names: [string, string, string]): SheetData {
  return sheet("科目余额表", [
    ["科目编码", "科目名称", "期初余额", null, "本期发生", null, "期末余额", null],
    [null, null, "借方", "贷方", "借方", "贷方", "借方", "贷方"],
    [codes[0], names[0], 0, 0, 6000000, 6100000, 0, 100000],
    [codes[1], names[1], 0, 0, 6630000, 6630000, 0, 0],
    [codes[2], names[2], 0, 0, 1600000, 1600000, 0, 0],
  ]);
}

/** 金蝶 K/3 with 币别 rows: each account once per currency in `currencies` (same amounts). */
export function kingdeeCurrencies(currencies: string[], period = "会计期间：2024年第1期 至 2024年第12期"): SheetData {
  const rows: CellValue[][] = [
    ["科目余额表"],
    [period, "币别：所有币别"],
    ["科目代码", "科目名称", "币别", "期初余额", null, "本期发生额", null, "本年累计", null, "期末余额", null],
    [null, null, null, "借方", "贷方", "借方", "贷方", "借方", "贷方", "借方", "贷方"],
  ];
  for (const cur of currencies) rows.push(["2211", "应付职工薪酬", cur, 0, 0, W, W, W, W, 0, 0], ["2211.01", "工资", cur, 0, 0, W, W, W, W, 0, 0]);
  return sheet("科目余额表", rows);
}

/** A105050 with a period row under the title. */
export function cit(period: string, actual = W): SheetData {
  return sheet("A105050", [
    ["A105050 职工薪酬支出及纳税调整明细表"],
    [period],
    ["行次", "项目", "账载金额", "实际发生额", "税收规定扣除率", "以前年度累计结转扣除额", "税收金额", "纳税调整金额", "累计结转以后年度扣除额"],
    [1, "一、工资薪金支出", W, actual, null, null, actual, 0, null],
  ]);
}

/** IIT summary by month: `item` in 所得项目, `people` a month, income M a month, months as `month(m)`. */
export function iitSummary(item: string, people: number, month: (m: number) => string = (m) => `2024年${m}月`): SheetData {
  const rows: CellValue[][] = [["综合所得申报汇总表"], ["税款所属期", "所得项目", "纳税人数", "收入额", "已缴税额"]];
  for (let m = 1; m <= 12; m++) rows.push([month(m), item, people, M, 1000]);
  return sheet("个税扣缴申报汇总", rows);
}
