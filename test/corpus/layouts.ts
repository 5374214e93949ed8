/**
 * One company, many workbooks: the same people rendered the ways HR and payroll systems and accountants lay them out.
 * Each layout is a transformation of the sheet set; they compose (title rows + two-row headers + monthly sheets …).
 * The levy must not change under any of them (metamorphic.test.ts).
 *
 * Layouts are written from what real exports look like (DingTalk / Feishu / Beisen / Kingdee / Yonyou column names,
 * e-tax form labels, department subtotals, lookup sheets), not from what src/workbook happens to recognise.
 */
import type { CellValue, SheetData } from "../../src/workbook/types";
import { grossOf } from "./people";
import type { Kind, MonthPay, Person } from "./people";

type Row = CellValue[];

export type Vocabulary = "standard" | "hr" | "english";

export interface LayoutOptions {
  vocabulary: Vocabulary;
  /** Title and note rows above the header, notes below the data. */
  titles: boolean;
  /** Payroll headers on two rows with group cells (应发项目 / 扣款项目). */
  twoRowHeader: boolean;
  /** "long": one row per person per month; "sheets": one sheet per month; "wide": month columns; "annual": roster carries annual pay. */
  payroll: "long" | "sheets" | "wide" | "annual";
  /** Sheet-name style for monthly sheets. */
  monthSheetNames: "n月" | "yyyy年n月" | "yyyy.mm" | "n月工资";
  /** Year-end bonus on its own sheet. */
  bonusSheet: boolean;
  /** Gross, deductions and net pay columns on the payroll. */
  grossAndNet: boolean;
  /** The payroll gives only gross (应发) — no components. */
  grossOnly: boolean;
  /** Disability columns inline on the roster instead of a separate register. */
  inlineDisabled: boolean;
  /** Department subtotal rows (一部小计 …) and a grand total in the payroll. */
  subtotals: boolean;
  /** A lookup sheet of SUMIF/VLOOKUP formulas over the payroll. */
  lookupSheet: boolean;
  /** Columns in another order, with unrelated extra columns. */
  shuffleColumns: boolean;
  /** Sheets in another order, with unrelated sheets. */
  shuffleSheets: boolean;
  /** Parameter labels: "form" = the e-tax words (费款所属期 2024年度, 所在省份 …); "none" = no year given at all. */
  parameters: "standard" | "form" | "noYear";
}

export const BASE: LayoutOptions = {
  vocabulary: "standard",
  titles: false,
  twoRowHeader: false,
  payroll: "long",
  monthSheetNames: "n月",
  bonusSheet: false,
  grossAndNet: false,
  grossOnly: false,
  inlineDisabled: false,
  subtotals: false,
  lookupSheet: false,
  shuffleColumns: false,
  shuffleSheets: false,
  parameters: "standard",
};

const KIND_WORDS: Record<Vocabulary, Record<Kind, string>> = {
  standard: { fullTime: "全日制", intern: "实习", retiree: "退休返聘", dispatch: "劳务派遣", partTime: "非全日制" },
  hr: { fullTime: "全职", intern: "实习", retiree: "退休返聘", dispatch: "劳务派遣", partTime: "兼职" },
  english: { fullTime: "Full-time", intern: "Intern", retiree: "Retiree (re-hired)", dispatch: "Dispatched", partTime: "Part-time" },
};

interface Column {
  header: Record<Vocabulary, string>;
  value: (p: Person) => CellValue;
  /** An unrelated column (only with shuffleColumns). */
  extra?: boolean;
}

function h(standard: string, hr: string, english: string): Record<Vocabulary, string> {
  return { standard, hr, english };
}

function yes(v: Vocabulary, b: boolean): string {
  return v === "english" ? (b ? "Yes" : "No") : b ? "是" : "否";
}

function rosterColumns(o: LayoutOptions): Column[] {
  const v = o.vocabulary;
  const cols: Column[] = [
    { header: h("工号", "工号", "Employee ID"), value: (p) => p.employeeId },
    { header: h("姓名", "姓名", "Name"), value: (p) => p.name },
    { header: h("身份证号", "证件号码", "ID number"), value: (p) => p.idNumber },
    { header: h("用工形式", "员工类型", "Employment type"), value: (p) => KIND_WORDS[v][p.kind] },
    { header: h("入职日期", "入职时间", "Hire date"), value: (p) => p.hire },
    { header: h("离职日期", "离职时间", "Leave date"), value: (p) => p.leave },
    { header: h("合同开始日期", "合同开始日期", "Contract start"), value: (p) => p.contractStart },
    { header: h("合同结束日期", "合同到期日", "Contract end"), value: (p) => p.contractEnd },
    { header: h("社保缴纳", "是否缴纳社保", "Social insurance"), value: () => yes(v, true) },
  ];
  if (v === "hr") {
    cols.push({ header: h("", "员工状态", ""), value: (p) => (p.leave ? "离职" : "正式") });
    cols.push({ header: h("", "部门", ""), value: (p) => p.department });
  }
  if (o.inlineDisabled) {
    cols.push({ header: h("残疾人证号", "残疾人证号", "Disability certificate no"), value: (p) => p.disabled?.certificate ?? null });
    cols.push({ header: h("残联认定", "残联认定", "Certified"), value: (p) => (p.disabled ? yes(v, p.disabled.certified) : null) });
  }
  if (o.payroll === "annual") {
    cols.push({ header: h("全年工资", "全年应发", "Annual pay"), value: (p) => (p.pay.size ? sumPay(p, (mp) => grossOf(mp) - (o.bonusSheet ? mp.yearEnd : 0)) : null) });
  }
  if (o.shuffleColumns) {
    cols.push({ header: h("手机号", "手机号码", "Mobile"), value: (p) => `1380000${String(p.no).padStart(4, "0")}`, extra: true });
    cols.push({ header: h("岗位", "职位", "Position"), value: (p) => (p.no % 2 ? "操作工" : "文员"), extra: true });
  }
  return cols;
}

function sumPay(p: Person, f: (m: MonthPay) => number): number {
  let fen = 0;
  for (const mp of p.pay.values()) fen += Math.round(f(mp) * 100);
  return fen / 100;
}

interface PayColumn {
  header: Record<Vocabulary, string>;
  group: "id" | "gross" | "deduction" | "net";
  value: (p: Person, m: number, mp: MonthPay) => CellValue;
}

function payColumns(o: LayoutOptions, withMonth: boolean): PayColumn[] {
  const cols: PayColumn[] = [
    { header: h("工号", "工号", "Employee ID"), group: "id", value: (p) => p.employeeId },
    { header: h("姓名", "姓名", "Name"), group: "id", value: (p) => p.name },
  ];
  if (o.vocabulary === "hr") cols.push({ header: h("", "部门", ""), group: "id", value: (p) => p.department });
  if (withMonth) cols.push({ header: h("月份", "工资月份", "Month"), group: "id", value: (_p, m) => `2024-${String(m).padStart(2, "0")}` });
  if (!o.grossOnly) {
    cols.push({ header: h("基本工资", "基本工资", "Basic pay"), group: "gross", value: (_p, _m, mp) => mp.basic });
    cols.push({ header: h("绩效奖金", "绩效工资", "Bonus"), group: "gross", value: (_p, _m, mp) => mp.bonus || null });
    if (!o.bonusSheet) cols.push({ header: h("年终奖", "年终奖", "Year-end bonus"), group: "gross", value: (_p, _m, mp) => mp.yearEnd || null });
    cols.push({ header: h("津贴补贴", "津贴", "Allowance"), group: "gross", value: (_p, _m, mp) => mp.allowance });
  }
  if (o.grossAndNet || o.grossOnly) {
    const gross = (mp: MonthPay) => grossOf(mp) - (o.bonusSheet ? mp.yearEnd : 0);
    cols.push({ header: h("应发工资", "应发工资", "Gross pay"), group: "gross", value: (_p, _m, mp) => round2(gross(mp)) });
    cols.push({ header: h("个人社保", "代扣社保", "Employee social insurance"), group: "deduction", value: (_p, _m, mp) => mp.pension });
    cols.push({ header: h("个人所得税", "个税", "Income tax"), group: "deduction", value: (_p, _m, mp) => mp.tax });
    cols.push({ header: h("实发工资", "实发工资", "Net pay"), group: "net", value: (_p, _m, mp) => round2(gross(mp) - mp.pension - mp.tax) });
  }
  return cols;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function shuffled<T>(xs: readonly T[], key: number): T[] {
  // A fixed, visibly different order: rotate and reverse.
  const r = [...xs.slice(key % xs.length), ...xs.slice(0, key % xs.length)];
  return r.reverse();
}

function titleRows(title: string, o: LayoutOptions): Row[] {
  if (!o.titles) return [];
  return [[title], ["制表日期：2025-01-10", null, null, "单位：元"], []];
}

function noteRows(o: LayoutOptions): Row[] {
  if (!o.titles) return [];
  return [[], ["备注：本表由人事部提供，数据截至2024年12月31日。"], ["制表人：张三", null, "审核人：李四"]];
}

function rosterSheet(people: readonly Person[], o: LayoutOptions): SheetData {
  let cols = rosterColumns(o);
  if (o.shuffleColumns) cols = shuffled(cols, 3);
  const rows: Row[] = [...titleRows("苏州示例制造有限公司 2024年度员工花名册", o), cols.map((c) => c.header[o.vocabulary])];
  for (const p of people) rows.push(cols.map((c) => c.value(p)));
  rows.push(...noteRows(o));
  return { name: o.vocabulary === "english" ? "Staff" : o.vocabulary === "hr" ? "员工信息" : "花名册", origin: "A1", values: rows };
}

function registerSheet(people: readonly Person[], o: LayoutOptions): SheetData {
  const v = o.vocabulary;
  const headers = v === "english" ? ["Employee ID", "Name", "ID number", "Disability certificate no", "Certified", "Social insurance"] : ["工号", "姓名", "身份证号", "残疾人证号", "残联认定", "社保缴纳"];
  const rows: Row[] = [...titleRows("残疾职工名册", o), headers];
  for (const p of people) if (p.disabled) rows.push([p.employeeId, p.name, p.idNumber, p.disabled.certificate, yes(v, p.disabled.certified), yes(v, true)]);
  return { name: v === "english" ? "Disabled staff" : "残疾职工", origin: "A1", values: rows };
}

/** Header row(s) of a payroll: one row, or group cells (应发项目 / 扣款项目) above the item names. */
function payHeader(cols: PayColumn[], o: LayoutOptions): Row[] {
  const names = cols.map((c) => c.header[o.vocabulary]);
  if (!o.twoRowHeader) return [names];
  const upper: Row = [];
  const lower: Row = [];
  let lastGroup = "";
  for (const c of cols) {
    if (c.group === "id" || c.group === "net") {
      upper.push(c.header[o.vocabulary]);
      lower.push(null);
      lastGroup = "";
      continue;
    }
    const title = c.group === "gross" ? (o.vocabulary === "english" ? "Earnings" : "应发项目") : o.vocabulary === "english" ? "Deductions" : "扣款项目";
    upper.push(lastGroup === c.group ? null : title);
    lower.push(c.header[o.vocabulary]);
    lastGroup = c.group;
  }
  return [upper, lower];
}

/** Rows of one payroll block: detail rows, and with `subtotals` a 小计 row per department and a grand total. */
function payRows(people: readonly Person[], cols: PayColumn[], months: readonly number[], o: LayoutOptions): Row[] {
  const rows: Row[] = [];
  const order = o.subtotals ? [...people].sort((a, b) => a.department.localeCompare(b.department) || a.no - b.no) : [...people];
  const totalRow = (label: string, members: Row[]) => {
    const row: Row = cols.map(() => null);
    const nameCol = cols.findIndex((c) => c.header.standard === "姓名");
    row[nameCol] = label;
    cols.forEach((c, i) => {
      if (c.group === "id") return;
      let fen = 0;
      for (const m of members) fen += Math.round(Number(m[i] ?? 0) * 100);
      row[i] = fen / 100;
    });
    return row;
  };
  let current = "";
  let block: Row[] = [];
  const all: Row[] = [];
  const flush = () => {
    if (!o.subtotals || block.length === 0) return;
    rows.push(totalRow(`${current}小计`, block));
    block = [];
  };
  for (const p of order) {
    if (o.subtotals && p.department !== current) {
      flush();
      current = p.department;
    }
    for (const m of months) {
      const mp = p.pay.get(m);
      if (!mp) continue;
      const row = cols.map((c) => c.value(p, m, mp));
      rows.push(row);
      block.push(row);
      all.push(row);
    }
  }
  flush();
  if (o.subtotals) rows.push(totalRow("合计", all));
  return rows;
}

const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

function monthSheetName(m: number, o: LayoutOptions): string {
  switch (o.monthSheetNames) {
    case "n月":
      return `${m}月`;
    case "yyyy年n月":
      return `2024年${m}月`;
    case "yyyy.mm":
      return `2024.${String(m).padStart(2, "0")}`;
    case "n月工资":
      return `${m}月工资`;
  }
}

function payrollSheets(people: readonly Person[], o: LayoutOptions): SheetData[] {
  const name = o.vocabulary === "english" ? "Payroll" : "工资表";
  if (o.payroll === "annual") return [];
  if (o.payroll === "wide") {
    const headers: Row = o.vocabulary === "english" ? ["Employee ID", "Name", ...MONTHS.map((m) => `Gross pay ${m}`)] : ["工号", "姓名", ...MONTHS.map((m) => `${m}月应发`)];
    const rows: Row[] = [...titleRows("2024年工资汇总（按月）", o), headers];
    for (const p of people) {
      if (p.pay.size === 0) continue;
      rows.push([p.employeeId, p.name, ...MONTHS.map((m) => {
        const mp = p.pay.get(m);
        return mp ? round2(grossOf(mp) - (o.bonusSheet ? mp.yearEnd : 0)) : null;
      })]);
    }
    rows.push(...noteRows(o));
    return [{ name, origin: "A1", values: rows }];
  }
  if (o.payroll === "sheets") {
    let cols = payColumns(o, false);
    if (o.shuffleColumns) cols = shuffled(cols, 2);
    return MONTHS.map((m) => ({
      name: monthSheetName(m, o),
      origin: "A1",
      values: [...titleRows(`2024年${m}月工资表`, o), ...payHeader(cols, o), ...payRows(people, cols, [m], o), ...noteRows(o)],
    }));
  }
  let cols = payColumns(o, true);
  if (o.shuffleColumns) cols = shuffled(cols, 2);
  return [{ name, origin: "A1", values: [...titleRows("2024年度工资明细", o), ...payHeader(cols, o), ...payRows(people, cols, MONTHS, o), ...noteRows(o)] }];
}

function bonusSheet(people: readonly Person[], o: LayoutOptions): SheetData | null {
  if (!o.bonusSheet) return null;
  const headers = o.vocabulary === "english" ? ["Employee ID", "Name", "Year-end bonus"] : ["工号", "姓名", "年终奖"];
  const rows: Row[] = [...titleRows("2024年度年终奖发放表", o), headers];
  for (const p of people) {
    const dec = p.pay.get(12);
    if (dec && dec.yearEnd) rows.push([p.employeeId, p.name, dec.yearEnd]);
  }
  return { name: o.vocabulary === "english" ? "Year-end bonus" : "年终奖", origin: "A1", values: rows };
}

/** A lookup sheet: per person, SUMIF over the payroll (cached values equal the payroll's sums), VLOOKUP of the name. */
function lookupSheet(people: readonly Person[], o: LayoutOptions, payroll: SheetData | undefined): SheetData | null {
  if (!o.lookupSheet || !payroll) return null;
  const values: Row[] = [["工号", "姓名", "全年应发"]];
  const formulas: (string | null)[][] = [[null, null, null]];
  people.forEach((p, i) => {
    const r = i + 2;
    values.push([p.employeeId, p.name, sumPay(p, (mp) => grossOf(mp))]);
    formulas.push([null, `VLOOKUP(A${r},'${payroll.name}'!A:B,2,FALSE)`, `SUMIF('${payroll.name}'!A:A,A${r},'${payroll.name}'!D:D)+SUMIF('${payroll.name}'!A:A,A${r},'${payroll.name}'!E:E)`]);
  });
  return { name: "工资汇总", origin: "A1", values, formulas };
}

function parameterSheet(o: LayoutOptions): SheetData {
  const rows: Row[] = [["参数", "值"], ["单位名称", "苏州示例制造有限公司"]];
  if (o.parameters === "form") {
    rows.push(["费款所属期", "2024年度"], ["所在省份", "江苏省"], ["上年度全省社会平均工资（元）", 118000]);
  } else if (o.parameters === "noYear") {
    rows.push(["地区", "江苏"], ["社会平均工资", 118000]);
  } else {
    rows.push(["地区", "江苏"], ["申报年度", 2025], ["社会平均工资", 118000]);
  }
  return { name: o.parameters === "form" ? "申报信息" : "参数", origin: "A1", values: rows };
}

const UNRELATED: SheetData[] = [
  { name: "说明", origin: "A1", values: [["本工作簿由人事部整理，用于2024年度残保金申报。"], ["如有疑问请联系财务部。"]] },
  { name: "部门", origin: "A1", values: [["部门编码", "部门名称", "负责人"], ["D01", "一部", "王伟"], ["D02", "二部", "李娜"], ["D03", "三部", "张强"]] },
];

/** The workbook for these people under these layout options. */
export function render(people: readonly Person[], options: Partial<LayoutOptions> = {}): SheetData[] {
  const o: LayoutOptions = { ...BASE, ...options };
  const payroll = payrollSheets(people, o);
  const sheets: SheetData[] = [parameterSheet(o), rosterSheet(people, o)];
  sheets.push(...payroll);
  const bonus = bonusSheet(people, o);
  if (bonus) sheets.push(bonus);
  if (!o.inlineDisabled) sheets.push(registerSheet(people, o));
  const lookup = lookupSheet(people, o, payroll[0]);
  if (lookup) sheets.push(lookup);
  if (o.shuffleSheets) return shuffled([...sheets, ...UNRELATED], 2);
  return sheets;
}

/** The named renderings of the corpus: each layout alone, then combinations. */
export const RENDERINGS: Record<string, Partial<LayoutOptions>> = {
  baseline: {},
  titles: { titles: true },
  twoRowHeader: { twoRowHeader: true, grossAndNet: true },
  monthSheets: { payroll: "sheets" },
  monthSheetsDated: { payroll: "sheets", monthSheetNames: "yyyy年n月" },
  monthSheetsDotted: { payroll: "sheets", monthSheetNames: "yyyy.mm", titles: true },
  wide: { payroll: "wide" },
  bonusSheet: { bonusSheet: true },
  grossAndNet: { grossAndNet: true },
  grossOnly: { grossOnly: true },
  english: { vocabulary: "english" },
  hrExport: { vocabulary: "hr", grossAndNet: true },
  inlineDisabled: { inlineDisabled: true },
  subtotals: { subtotals: true },
  lookupSheet: { lookupSheet: true },
  shuffled: { shuffleColumns: true, shuffleSheets: true },
  annualOnRoster: { payroll: "annual" },
  formParameters: { parameters: "form" },
  noYear: { parameters: "noYear" },
  combinedA: { titles: true, twoRowHeader: true, grossAndNet: true, subtotals: true, payroll: "sheets", monthSheetNames: "n月工资" },
  combinedB: { vocabulary: "hr", inlineDisabled: true, bonusSheet: true, subtotals: true, lookupSheet: true, shuffleSheets: true, parameters: "form" },
  combinedC: { vocabulary: "english", payroll: "wide", bonusSheet: true, titles: true, shuffleColumns: true },
  combinedD: { inlineDisabled: true, payroll: "annual", titles: true, parameters: "noYear", vocabulary: "hr" },
};
