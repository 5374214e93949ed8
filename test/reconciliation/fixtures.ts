/**
 * Reconciliation fixtures: one small company (data year 2024) and each reconciliation source in two layouts, as
 * plain sheets (SheetData) and as real .xlsx files written by ExcelJS (`writeFixture`). Every figure below is set by
 * hand so the bridges' expected amounts can be derived by hand in the tests.
 *
 * The company (payroll 工资表, one row per person per month):
 *   E01–E10  全日制, all year: 基本工资 6,000.00 + 津贴补贴 300.25 a month; 年终奖 2,000.00 each in 2024-01 (the 2023
 *            bonus, paid in January); 福利费 500.00 each in 2024-12 (a non-wage item).
 *   I01–I02  实习, 2024-01-01 to 2024-06-30: 基本工资 2,000.00 a month (Jan–Jun).
 *   R01      退休返聘, all year: 基本工资 3,000.00 a month.
 *   L01      劳务, all year: 基本工资 1,500.00 a month.
 * Levy wage total (column 4) = E01–E10 only = 10 × (12 × 6,300.25 + 2,000) = 10 × 77,603.00 = 776,030.00.
 * Excluded pay: interns 2 × 6 × 2,000 = 24,000.00; retiree 12 × 3,000 = 36,000.00; service agreement 12 × 1,500 = 18,000.00.
 * Headcount (column 5) = 10.00; excluded annual averages: interns 2 × 6 ÷ 12 = 1, retiree 1, service agreement 1.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { isoToExcelSerial } from "../../src/core/dates";
import type { CellValue, SheetData } from "../../src/workbook/types";
import { residentId } from "../taskpane/fixtures";

const DATE = "yyyy-mm-dd";
const m2 = (m: number) => String(m).padStart(2, "0");

function sheet(name: string, rows: CellValue[][], dateColumns: readonly number[] = []): SheetData {
  const numberFormats = rows.map((row) => row.map((v, c) => (typeof v === "number" && v > 30000 && dateColumns.includes(c) ? DATE : null)));
  return { name, origin: "A1", values: rows, numberFormats };
}

export const PEOPLE = [
  ...Array.from({ length: 10 }, (_, i) => ({ id: `E${m2(i + 1)}`, name: `员工${i + 1}`, type: "全日制", hire: "2020-01-06", leave: null as string | null, contractEnd: "2029-01-05", si: "是", pay: 6000 })),
  { id: "I01", name: "实习甲", type: "实习", hire: "2024-01-01", leave: "2024-06-30", contractEnd: "2024-06-30", si: "否", pay: 2000 },
  { id: "I02", name: "实习乙", type: "实习", hire: "2024-01-01", leave: "2024-06-30", contractEnd: "2024-06-30", si: "否", pay: 2000 },
  { id: "R01", name: "返聘丙", type: "退休返聘", hire: "2022-03-01", leave: null, contractEnd: "2026-02-28", si: "否", pay: 3000 },
  { id: "L01", name: "劳务丁", type: "劳务", hire: "2023-01-01", leave: null, contractEnd: "2025-12-31", si: "否", pay: 1500 },
];

export const idOf = (i: number) => residentId(100 + i);

/** Parameters, roster, payroll and the disabled register (E01 是, E02 否, E03 是). */
export function company(extraParameters: CellValue[][] = []): SheetData[] {
  const parameters: CellValue[][] = [["参数", "值"], ["单位名称", "对账示例有限公司"], ["地区", "CN"], ["申报年度", 2025], ["单位类型", "企业"], ["已缴", 0], ...extraParameters];
  const roster: CellValue[][] = [["工号", "姓名", "身份证号", "用工形式", "入职日期", "离职日期", "合同开始日期", "合同结束日期", "社保缴纳"]];
  PEOPLE.forEach((p, i) => roster.push([p.id, p.name, idOf(i), p.type, isoToExcelSerial(p.hire), p.leave ? isoToExcelSerial(p.leave) : null, isoToExcelSerial(p.hire), isoToExcelSerial(p.contractEnd), p.si]));
  const payroll: CellValue[][] = [["工号", "姓名", "月份", "基本工资", "年终奖", "津贴补贴", "福利费"]];
  for (let m = 1; m <= 12; m++) {
    for (const p of PEOPLE) {
      if (p.type === "实习" && m > 6) continue;
      const full = p.type === "全日制";
      payroll.push([p.id, p.name, `2024-${m2(m)}`, p.pay, full && m === 1 ? 2000 : null, full ? 300.25 : null, full && m === 12 ? 500 : null]);
    }
  }
  const register: CellValue[][] = [["工号", "姓名", "身份证号", "残疾人证号", "残联认定", "合同开始日期", "合同结束日期", "社保缴纳"]];
  for (const [i, certified] of [[0, "是"], [1, "否"], [2, "是"]] as const) {
    register.push([PEOPLE[i].id, PEOPLE[i].name, idOf(i), `${idOf(i)}14`, certified, isoToExcelSerial("2020-01-06"), isoToExcelSerial("2029-01-05"), "是"]);
  }
  return [sheet("参数", parameters), sheet("花名册", roster, [4, 5, 6, 7]), sheet("工资表", payroll), sheet("残疾职工", register, [5, 6])];
}

/* ------------------------------------------------------------------ ledger */

/**
 * 科目余额表 as 用友 exports it: a title, the period, a two-level header (期初余额 / 本期发生额 / 期末余额 over 借方 | 贷方),
 * sub-accounts by code. 工资 credits = the whole payroll's basic pay: 720,000 + 24,000 + 36,000 + 18,000 = 798,000.00;
 * 奖金: opening 20,000 (the 2023 bonus), debit 20,000 (paid 2024-01), credit 25,000 (the 2024 bonus accrued), closing
 * 25,000; 津贴和补贴 credit 10 × 12 × 300.25 = 36,030.00; 职工福利费 credit 5,000; 社会保险费 credit 150,000.
 */
export function ledgerBalanceYonyou(): SheetData {
  return sheet("科目余额表", [
    ["科目余额表"],
    ["期间：2024.01-2024.12", null, null, null, null, null, null, "金额单位：元"],
    ["科目编码", "科目名称", "期初余额", null, "本期发生额", null, "期末余额", null],
    [null, null, "借方", "贷方", "借方", "贷方", "借方", "贷方"],
    ["1001", "库存现金", 5000, null, 100, 200, 4900, null],
    ["2211", "应付职工薪酬", null, 20000, 1014030, 1039030, null, 45000],
    ["221101", "工资", null, null, 798000, 798000, null, null],
    ["221102", "奖金", null, 20000, 20000, 25000, null, 25000],
    ["221103", "津贴和补贴", null, null, 36030, 36030, null, null],
    ["221104", "职工福利费", null, null, 5000, 5000, null, null],
    ["221105", "社会保险费", null, null, 155000, 175000, null, 20000],
    ["6602", "管理费用", null, null, 300000, 300000, null, null],
    ["合计", null, 5000, 20000, 1314130, 1339230, 4900, 45000],
  ]);
}

/**
 * 明细账 as 金蝶 exports it: one row per voucher line, Kingdee codes (2211.01), 期初余额 / 本月合计 rows, a 2025 voucher
 * (outside the data year). 工资 credits: 68,500 a month Jan–Jun (60,000 + 4,000 + 3,000 + 1,500), 64,500 Jul–Dec,
 * = 798,000.00, plus a deliberate 1,234.56 "补提工资" in December that no payroll row explains.
 * 奖金: debit 20,000 (2024-01), credit 25,000 (2024-12). 津贴: 3,002.50 a month = 36,030.00.
 */
export function ledgerJournalKingdee(): SheetData {
  const rows: CellValue[][] = [["明细分类账"], ["科目：2211 应付职工薪酬", null, null, null, null, null, null, "2024年度"], ["日期", "凭证字号", "科目代码", "科目名称", "摘要", "借方金额", "贷方金额", "余额"]];
  rows.push([isoToExcelSerial("2024-01-01"), null, "2211.02", "应付职工薪酬_奖金", "期初余额", null, null, 20000]);
  for (let m = 1; m <= 12; m++) {
    const wages = m <= 6 ? 68500 : 64500;
    rows.push([isoToExcelSerial(`2024-${m2(m)}-25`), `记-${m * 10 + 1}`, "2211.01", "应付职工薪酬_工资", `计提${m}月工资`, null, wages]);
    rows.push([isoToExcelSerial(`2024-${m2(m)}-28`), `记-${m * 10 + 2}`, "2211.01", "应付职工薪酬_工资", `发放${m}月工资`, wages, null]);
    rows.push([isoToExcelSerial(`2024-${m2(m)}-25`), `记-${m * 10 + 3}`, "2211.03", "应付职工薪酬_津贴和补贴", `计提${m}月津贴`, null, 3002.5]);
    if (m === 1) rows.push([isoToExcelSerial("2024-01-20"), "记-5", "2211.02", "应付职工薪酬_奖金", "发放2023年年终奖", 20000, null]);
    if (m === 12) {
      rows.push([isoToExcelSerial("2024-12-31"), "记-130", "2211.02", "应付职工薪酬_奖金", "计提2024年年终奖", null, 25000]);
      rows.push([isoToExcelSerial("2024-12-31"), "记-131", "2211.01", "应付职工薪酬_工资", "补提工资", null, 1234.56]);
    }
    rows.push([null, null, null, null, "本月合计", null, null]);
  }
  rows.push([isoToExcelSerial("2025-01-20"), "记-1", "2211.02", "应付职工薪酬_奖金", "发放2024年年终奖", 25000, null]);
  return sheet("应付职工薪酬明细账", rows, [0]);
}

/* ------------------------------------------------------------------ A105050 */

/**
 * A105050 as the e-tax system exports it: title, 行次, all seven columns and the column-number row. Line 1: 实际发生额
 * (paid) = E 720,000 + 36,030 + 20,000 bonus + interns 24,000 + retiree 36,000 = 836,030.00 (service-agreement pay is
 * 劳务报酬, not line 1); 账载金额 = 836,030 + 5,000 accrued bonus = 841,030.00.
 */
export function citExported(): SheetData {
  const line = (no: number, label: string, book: number | null, actual: number | null, rate: string | null, tax: number | null): CellValue[] => [no, label, book, actual, rate, null, tax, book !== null && tax !== null ? book - tax : null, null];
  return sheet("A105050", [
    ["A105050", "职工薪酬支出及纳税调整明细表"],
    ["行次", "项目", "账载金额", "实际发生额", "税收规定扣除率", "以前年度累计结转扣除额", "税收金额", "纳税调整金额", "累计结转以后年度扣除额"],
    [null, null, 1, 2, 3, 4, 5, "6（1-5）", "7（1+4-5）"],
    line(1, "一、工资薪金支出", 841030, 836030, "*", 836030),
    line(2, "其中：股权激励", 0, 0, "*", 0),
    line(3, "二、职工福利费支出", 5000, 5000, "14%", 5000),
    line(4, "三、职工教育经费支出", 0, 0, "*", 0),
    line(5, "其中：按税收规定比例扣除的职工教育经费", 0, 0, "8%", 0),
    line(7, "四、工会经费支出", 0, 0, "2%", 0),
    line(8, "五、各类基本社会保障性缴款", 175000, 155000, "*", 155000),
    line(13, "合计（1+3+4+7+8+9+10+11+12）", 1021030, 996030, "*", 996030),
  ]);
}

/** A105050 retyped by an accountant: no 行次, no numbering, four columns, amounts as text with separators. */
export function citRetyped(): SheetData {
  return sheet("所得税年报职工薪酬", [
    ["项目", "账载金额", "实际发生额", "税收金额", "纳税调整金额"],
    ["工资薪金支出", "841,030.00", "836,030.00", "836,030.00", "5,000.00"],
    ["职工福利费支出", "5,000.00", "5,000.00", "5,000.00", "0.00"],
    ["工会经费支出", "—", "—", "—", "—"],
  ]);
}

/* ------------------------------------------------------------------ IIT */

/**
 * 扣缴客户端 summary by month and income item. 正常工资薪金: 11 people (E01–E10 + the retiree; interns and the service
 * agreement are 劳务报酬), income 10 × 6,300.25 + 3,000 = 66,002.50 a month, 71,002.50 in December (+ 5,000 welfare);
 * 全年一次性奖金收入 in January: 10 people, 20,000. Total wage income = 12 × 66,002.50 + 5,000 + 20,000 = 817,030.00.
 */
export function iitByItem(): SheetData {
  const rows: CellValue[][] = [["综合所得预扣预缴申报 汇总"], ["税款所属期", "所得项目", "申报人数", "收入额", "应纳税额"]];
  for (let m = 1; m <= 12; m++) {
    rows.push([`2024-${m2(m)}`, "正常工资薪金所得", 11, m === 12 ? 71002.5 : 66002.5, 1000]);
    if (m === 1) rows.push([`2024-${m2(m)}`, "全年一次性奖金收入", 10, 20000, 600]);
    rows.push([`2024-${m2(m)}`, "劳务报酬所得", m <= 6 ? 3 : 1, m <= 6 ? 5500 : 1500, 0]);
  }
  rows.push(["合计", null, null, null, null]);
  return sheet("个税扣缴汇总", rows);
}

/**
 * One row per month, wage income only (headers name 工资薪金), months as 1–12. A deliberate difference: 13 people
 * in July–December (two people the roster does not have), so the average is (6 × 11 + 6 × 13) ÷ 12 = 12.
 */
export function iitWide(): SheetData {
  const rows: CellValue[][] = [["2024年个人所得税扣缴情况"], ["所属月份", "工资薪金所得人数", "工资薪金收入额"]];
  for (let m = 1; m <= 12; m++) rows.push([m, m <= 6 ? 11 : 13, m === 1 ? 86002.5 : m === 12 ? 71002.5 : 66002.5]);
  return sheet("个税", rows);
}

/* ------------------------------------------------------------------ social insurance */

/** 社保 list by month and insurance: 基本养老保险 10 people (E01–E10), base 63,002.50; 失业保险 rows too. */
export function siByInsurance(): SheetData {
  const rows: CellValue[][] = [["社会保险费缴费明细"], ["费款所属期", "险种", "缴费人数", "缴费基数", "单位缴费", "个人缴费"]];
  for (let m = 1; m <= 12; m++) {
    rows.push([`2024${m2(m)}`, "基本养老保险", 10, 63002.5, 10080.4, 5040.2]);
    rows.push([`2024${m2(m)}`, "失业保险", 10, 63002.5, 315.01, 315.01]);
  }
  return sheet("社保缴费", rows);
}

/** One row per month, no 险种, November missing: the average over the 11 months present is 11 × 10 ÷ 11 = 10. */
export function siMonthly(): SheetData {
  const rows: CellValue[][] = [["社会保险参保情况"], ["月份", "参保人数", "缴费工资"]];
  for (let m = 1; m <= 12; m++) if (m !== 11) rows.push([`2024年${m}月`, 10, 63002.5]);
  return sheet("参保人数", rows);
}

/* ------------------------------------------------------------------ certification list */

/** 联网认证结果: E01 通过 (register 是), E02 通过 (register 否: overridden), 外来人 通过 (not in the register); E03 absent. */
export function certList(): SheetData {
  return sheet("残联联网认证结果", [
    ["序号", "姓名", "身份证号", "残疾人证号", "认证结果", "认证日期"],
    [1, PEOPLE[0].name, idOf(0), `${idOf(0)}14`, "通过", "2025-03-10"],
    [2, PEOPLE[1].name, idOf(1), `${idOf(1)}14`, "通过", "2025-03-10"],
    [3, "外来人", residentId(999), `${residentId(999)}24`, "通过", "2025-03-10"],
  ]);
}

/** 年审结果 without certificate numbers: E02 通过 then 不通过 later (the later wins), E01 and E03 通过. */
export function certAnnualReview(): SheetData {
  return sheet("2024年审", [
    ["残疾人就业年审结果"],
    ["姓名", "证件号码", "审核结果", "审核日期"],
    [PEOPLE[0].name, idOf(0), "通过", "2025-04-01"],
    [PEOPLE[1].name, idOf(1), "通过", "2025-04-01"],
    [PEOPLE[1].name, idOf(1), "不通过", "2025-05-20"],
    [PEOPLE[2].name, idOf(2), "通过", "2025-04-01"],
  ]);
}

/** Write sheets as a real .xlsx (dates as Excel dates), for the CLI and the reader. */
export async function writeFixture(dir: string, file: string, sheets: readonly SheetData[]): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.values.forEach((row, r) => {
      row.forEach((v, c) => {
        if (v === null || v === undefined) return;
        const cell = ws.getCell(r + 1, c + 1);
        const fmt = s.numberFormats?.[r]?.[c];
        if (fmt === DATE && typeof v === "number") {
          cell.value = new Date(Date.UTC(1899, 11, 30) + v * 86400000);
          cell.numFmt = DATE;
        } else cell.value = v as ExcelJS.CellValue;
      });
    });
  }
  const path = join(dir, file);
  await wb.xlsx.writeFile(path);
  return path;
}

/* ------------------------------------------------------------------ variants for the explained parts (gaps.test.ts) */

/** The company with E10 marked 社保缴纳 = 否 in the roster (still counted: a full-time employee without insurance). */
export function companyE10NotInsured(): SheetData[] {
  const sheets = company();
  const roster = sheets.find((s) => s.name === "花名册")!;
  const row = roster.values.find((r) => r[0] === "E10")!;
  row[8] = "否";
  return sheets;
}

/** The company without the 福利费 column's amounts (so every wage item of the payroll is in a month and nothing else). */
export function companyWithoutWelfare(sheets: SheetData[] = company()): SheetData[] {
  const payroll = sheets.find((s) => s.name === "工资表")!;
  for (const row of payroll.values.slice(1)) row[6] = null;
  return sheets;
}

/**
 * The company plus 离职戊 (O01): 全日制, employed 2019-01-01 to 2023-12-31 (wholly before the data year), paid a final
 * 8,000.00 基本工资 in 2024-01. The levy's wage total becomes 776,030.00 + 8,000.00 = 784,030.00; the headcount stays 10.
 */
export function companyWithLeaverPaid(): SheetData[] {
  const sheets = company();
  const roster = sheets.find((s) => s.name === "花名册")!;
  roster.values.push(["O01", "离职戊", idOf(20), "全日制", isoToExcelSerial("2019-01-01"), isoToExcelSerial("2023-12-31"), isoToExcelSerial("2019-01-01"), isoToExcelSerial("2029-01-05"), "是"]);
  roster.numberFormats!.push(roster.values[roster.values.length - 1].map((v, c) => (typeof v === "number" && [4, 5, 6, 7].includes(c) ? DATE : null)));
  const payroll = sheets.find((s) => s.name === "工资表")!;
  payroll.values.splice(1, 0, ["O01", "离职戊", "2024-01", 8000, null, null, null]);
  payroll.numberFormats?.splice(1, 0, [null, null, null, null, null, null, null]);
  return sheets;
}

/**
 * iitByItem() for some months only (`months`), with `extraJan` people / income added to January's 正常工资薪金 row.
 * Month m's 正常工资薪金: 11 people, 66,002.50 (71,002.50 in December); January also 全年一次性奖金 20,000.
 */
export function iitByItemMonths(months: readonly number[], extraJan = { people: 0, income: 0 }): SheetData {
  const rows: CellValue[][] = [["综合所得预扣预缴申报 汇总"], ["税款所属期", "所得项目", "申报人数", "收入额", "应纳税额"]];
  for (const m of months) {
    rows.push([`2024-${m2(m)}`, "正常工资薪金所得", 11 + (m === 1 ? extraJan.people : 0), (m === 12 ? 71002.5 : 66002.5) + (m === 1 ? extraJan.income : 0), 1000]);
    if (m === 1) rows.push([`2024-${m2(m)}`, "全年一次性奖金收入", 10, 20000, 600]);
  }
  return sheet("个税扣缴汇总", rows);
}

/**
 * 社保 per-person detail as the social-insurance system exports it: one row per person, month and insurance (基本养老保险
 * and 失业保险), base 6,300.25. `people`: indexes into PEOPLE; `stranger`: months a person the roster lacks is listed.
 */
export function siPerPerson(people: readonly number[], stranger: readonly number[] = [], withCount = false): SheetData {
  const header: CellValue[] = ["姓名", "身份证号", "费款所属期", "险种", "缴费基数", "单位缴费", "个人缴费"];
  if (withCount) header.push("参保人数");
  const rows: CellValue[][] = [["社会保险个人缴费明细"], header];
  for (let m = 1; m <= 12; m++) {
    const listed = people.map((i) => [PEOPLE[i].name, idOf(i)] as const);
    if (stranger.includes(m)) listed.push(["外来人", residentId(999)]);
    for (const [name, id] of listed) {
      for (const kind of ["基本养老保险", "失业保险"]) {
        const row: CellValue[] = [name, id, `2024${m2(m)}`, kind, 6300.25, kind === "失业保险" ? 31.5 : 1008.04, kind === "失业保险" ? 31.5 : 504.02];
        if (withCount) row.push(1);
        rows.push(row);
      }
    }
  }
  return sheet("社保个人明细", rows);
}

/** 社保 monthly list, all 12 months, `count` insured people a month. */
export function siMonthlyCount(count: number): SheetData {
  const rows: CellValue[][] = [["社会保险参保情况"], ["月份", "参保人数", "缴费工资"]];
  for (let m = 1; m <= 12; m++) rows.push([`2024年${m}月`, count, count * 6300.25]);
  return sheet("参保人数", rows);
}

/** The company with E10 leaving on 2024-06-30 (the leave date is the last day employed): 10 a month Jan–Jun, 9 Jul–Dec. */
export function companyE10LeavesJune(): SheetData[] {
  const sheets = company();
  const roster = sheets.find((s) => s.name === "花名册")!;
  const r = roster.values.findIndex((row) => row[0] === "E10");
  roster.values[r][5] = isoToExcelSerial("2024-06-30");
  roster.numberFormats![r][5] = DATE;
  return sheets;
}

/** 社保 monthly list for the given months with the given counts (month → insured people). */
export function siMonths(counts: ReadonlyMap<number, number>): SheetData {
  const rows: CellValue[][] = [["社会保险参保情况"], ["月份", "参保人数", "缴费工资"]];
  for (const [m, n] of counts) rows.push([`2024年${m}月`, n, n * 6300.25]);
  return sheet("参保人数", rows);
}

/** The company with no 社保缴纳 column in the roster, and the disabled register saying 否 for E02. */
export function companyRegisterSaysE02NotInsured(): SheetData[] {
  const sheets = company();
  const roster = sheets.find((s) => s.name === "花名册")!;
  for (const row of roster.values) row.length = 8;
  for (const row of roster.numberFormats ?? []) row.length = 8;
  const register = sheets.find((s) => s.name === "残疾职工")!;
  register.values.find((row) => row[0] === "E02")![7] = "否";
  return sheets;
}

/**
 * 社保 per person, one column per month (姓名 | 身份证号 | 1月 … 12月), title naming social insurance:
 * E01–E07 base 6,300.25 every month; E08 是 Jan–Nov and 停保 in December; E09 blank Jan–Mar, 6,300.25 Apr–Dec.
 * `cell`: one cell to overwrite (row index into E01…, month, value). The sheet is 社保基数 (月度明细 when the title
 * does not name social insurance).
 */
export function siPerPersonWide(title = "2024年社会保险缴费基数明细", cell?: { person: number; month: number; value: CellValue }): SheetData {
  const rows: CellValue[][] = [[title], ["姓名", "身份证号", ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`)]];
  for (let i = 0; i < 9; i++) {
    const months: CellValue[] = Array.from({ length: 12 }, (_, m) => (i === 7 ? (m === 11 ? "停保" : "是") : i === 8 && m < 3 ? null : 6300.25));
    if (cell && cell.person === i) months[cell.month - 1] = cell.value;
    rows.push([PEOPLE[i].name, idOf(i), ...months]);
  }
  return sheet(/社会保险/.test(title) ? "社保基数" : "月度明细", rows);
}

/**
 * 科目余额表 with 2211 only (no sub-accounts), accrual basis without the leaver (their pay was accrued before 2024):
 * credit = levy pay 776,030 + interns 24,000 + retiree 36,000 + service agreement 18,000 + welfare 5,000 = 859,030.00.
 */
export function ledgerParentOnly(): SheetData {
  return sheet("科目余额表", [
    ["科目编码", "科目名称", "期初余额", "本期借方", "本期贷方", "期末余额"],
    ["2211", "应付职工薪酬", 8000, 867030, 859030, 0],
  ]);
}
