/**
 * Generates examples/example-company.xlsx: a realistic workbook of a fictional 苏州 manufacturer filing its 2025
 * 残保金 declaration (data year 2024), in a user-made layout (title rows above the headers, its own column order and
 * header names, extra columns the tool does not need) with deliberate mistakes of every kind issue 3 §2 lists.
 * examples/README.md lists each planted mistake and the finding it should produce.
 *
 *   npx tsx scripts/make-example.ts [--out examples/example-company.xlsx]
 *
 * Deterministic: a seeded PRNG, fixed dates, and the zip rewritten with fixed timestamps, so the same source gives
 * the same bytes (the test suite regenerates it and compares).
 */
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import ExcelJS from "exceljs";
import { chineseName, cents, corruptCheckChar, disabilityCertificate, isoDate, makeRng, randomDate, residentId, uscc, utcDate } from "./sample-data";
import type { Rng } from "./sample-data";

export const EXAMPLE_COMPANY = "苏州恒昌精密机械有限公司";
const DATA_YEAR = 2024;
const FILING_YEAR = 2025;
const SEED = 20250620;
const FIXED_TIME = new Date(Date.UTC(2025, 5, 20, 9, 0, 0));
const MINIMUM_WAGE = 2280; // 苏州 (江苏一类地区) monthly minimum wage in force during 2024
const SOCIAL_AVERAGE = 118_236; // illustrative local social average wage (annual) — the user's own parameter

type Kind = "regular" | "intern" | "partTime" | "retiree" | "dispatch" | "labour";

interface Person {
  no: string;
  name: string;
  sex: "男" | "女";
  dept: string;
  id: string;
  /** What the roster shows in the ID column (a planted mistake may differ from `id`). */
  idShown: string | number;
  kind: Kind;
  typeText: string;
  hire: string;
  leave: string | null;
  contractStart: string | null;
  contractEnd: string | null;
  insured: boolean;
  base: number;
  onPayroll: boolean;
  oneChild: boolean;
  production: boolean;
  note?: string;
  /** Planted roster cell overrides: header → value shown. */
  cells?: Record<string, string | number | Date | null>;
  disabled?: { category: number; grade: number; certified: boolean; countedAs: number; certOverride?: string; wage?: number };
}

const AREAS = ["320505", "320506", "320507", "320508", "320583", "320585", "320581", "341221", "411522", "510722", "522425", "321322", "320722"];
const DEPTS: Array<[string, number, number, boolean]> = [
  ["生产部", 0.52, 5200, true],
  ["质量部", 0.1, 6500, true],
  ["技术部", 0.12, 11000, false],
  ["销售部", 0.1, 9000, false],
  ["仓储物流部", 0.08, 5600, true],
  ["行政人事部", 0.05, 7000, false],
  ["财务部", 0.03, 8500, false],
];

function pickDept(rng: Rng): [string, number, boolean] {
  let x = rng.next();
  for (const [name, share, base, production] of DEPTS) {
    if ((x -= share) < 0) return [name, base, production];
  }
  const last = DEPTS[0];
  return [last[0], last[2], last[3]];
}

function addYears(iso: string, years: number, days = 0): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function makePeople(rng: Rng): Person[] {
  const people: Person[] = [];
  let seq = 0;
  const next = (kind: Kind, typeText: string, opts: Partial<Person> = {}): Person => {
    seq++;
    const [dept, deptBase, production] = pickDept(rng);
    const male = rng.chance(0.58);
    const birth = opts.id ? "" : kind === "retiree" ? randomDate(rng, "1958-01-01", "1963-12-31") : kind === "intern" ? randomDate(rng, "2001-01-01", "2004-06-30") : randomDate(rng, "1970-01-01", "2002-12-31");
    const id = opts.id ?? residentId(rng, rng.pick(AREAS), birth, male);
    const hire = opts.hire ?? (rng.chance(0.93) ? randomDate(rng, "2008-03-01", "2023-12-31") : randomDate(rng, "2024-01-02", "2024-11-30"));
    // Contracts run three years and are renewed; after two renewals many become open-ended (无固定期限).
    let contractStart: string | null = hire;
    while (addYears(contractStart, 3) <= `${DATA_YEAR}-01-01`) contractStart = addYears(contractStart, 3);
    const openEnded = hire < "2015-01-01" && rng.chance(0.7);
    const p: Person = {
      no: `HC${String(seq).padStart(4, "0")}`,
      name: chineseName(rng),
      sex: Number(id[16]) % 2 === 1 ? "男" : "女",
      dept,
      id,
      idShown: id,
      kind,
      typeText,
      hire,
      leave: null,
      contractStart: openEnded ? hire : contractStart,
      contractEnd: openEnded ? null : addYears(contractStart, 3, -1),
      insured: true,
      base: Math.round((deptBase * (0.8 + rng.next() * 0.7)) / 10) * 10,
      onPayroll: true,
      oneChild: rng.chance(0.12),
      production,
      ...opts,
    };
    return p;
  };

  // Regular full-time staff, a few of whom leave during 2024.
  for (let i = 0; i < 262; i++) {
    const p = next("regular", rng.chance(0.85) ? "全日制" : rng.pick(["正式工", "合同制", "全日制"]));
    if (rng.chance(0.055)) p.leave = randomDate(rng, p.hire > `${DATA_YEAR}-01-01` ? p.hire : `${DATA_YEAR}-01-15`, `${DATA_YEAR}-12-20`);
    people.push(p);
  }
  // Staff who must not be in 上年在职职工人数 (each kind gives its finding).
  for (let i = 0; i < 6; i++) {
    const hire = randomDate(rng, `${DATA_YEAR}-06-01`, `${DATA_YEAR}-07-10`);
    people.push(next("intern", i % 2 ? "实习" : "实习生", { hire, leave: randomDate(rng, `${DATA_YEAR}-08-20`, `${DATA_YEAR}-09-30`), contractStart: hire, contractEnd: null, insured: false, base: 2600, oneChild: false, note: "暑期实习" }));
  }
  for (const t of ["非全日制", "非全日制", "兼职", "兼职", "小时工"]) people.push(next("partTime", t, { base: 1800 + Math.round(rng.next() * 700), insured: false, contractEnd: null, oneChild: false }));
  for (let i = 0; i < 4; i++) people.push(next("retiree", "退休返聘", { base: 6800 + Math.round(rng.next() * 2500), insured: false, contractEnd: null, oneChild: false, note: "退休后返聘技术顾问" }));
  for (let i = 0; i < 8; i++) people.push(next("dispatch", "劳务派遣", { onPayroll: false, note: "苏州某人力资源公司派遣" }));
  for (let i = 0; i < 3; i++) people.push(next("labour", "劳务", { onPayroll: false, insured: false, contractEnd: null, note: "劳务协议（保洁）" }));
  // Short contracts: six months in 2024.
  for (let i = 0; i < 4; i++) {
    const start = isoDate(DATA_YEAR, 3 + i, 1);
    people.push(next("regular", "全日制", { hire: start, contractStart: start, contractEnd: addYears(start, 0, 182), leave: addYears(start, 0, 182), note: "短期项目合同" }));
  }
  return people;
}

/** Plant the disabled employees and the data mistakes on regular staff; returns what was planted, for the README. */
function plant(people: Person[], rng: Rng): void {
  const regular = people.filter((p) => p.kind === "regular" && p.leave === null && p.hire < `${DATA_YEAR}-01-01`);
  // Each mistake goes to a different person, spread through the roster.
  let k = 0;
  const take = (): Person => regular.splice((k = (k + 7) % regular.length), 1)[0];
  // Disabled register (weights: grade 1–2 count 2).
  take().disabled = { category: 4, grade: 3, certified: true, countedAs: 1 }; // valid, counts 1
  take().disabled = { category: 1, grade: 1, certified: true, countedAs: 1 }; // DS_WEIGHT_MISMATCH: grade 1 counted once
  take().disabled = { category: 2, grade: 4, certified: false, countedAs: 1 }; // DS_UNCERTIFIED
  take().disabled = { category: 4, grade: 3, certified: true, countedAs: 1, certOverride: "bad-category" }; // DS_CERT_INVALID
  const lowWage = take();
  lowWage.disabled = { category: 5, grade: 4, certified: true, countedAs: 1, wage: 2000 }; // DS_WAGE_BELOW_MIN
  lowWage.base = 2000;
  const uninsured = take();
  uninsured.disabled = { category: 2, grade: 3, certified: true, countedAs: 1 }; // DS_NO_SOCIAL_INSURANCE
  uninsured.insured = false;
  const shortContract = take();
  shortContract.disabled = { category: 4, grade: 4, certified: true, countedAs: 1 }; // DS_CONTRACT_SHORT
  shortContract.contractStart = `${DATA_YEAR}-01-01`;
  shortContract.contractEnd = `${DATA_YEAR}-06-30`;
  const old = take();
  old.id = old.idShown = residentId(rng, "320505", "1962-05-18", true); // 62 in 2024: beyond the statutory retirement age
  old.sex = "男";
  old.disabled = { category: 4, grade: 3, certified: true, countedAs: 1 }; // DS_AGE_OUT_OF_RANGE

  // Data mistakes on the roster.
  const badId = take();
  badId.idShown = corruptCheckChar(badId.id); // ID_INVALID
  const dupA = take();
  const dupB = take();
  dupB.idShown = dupA.id; // ID_DUPLICATE (copy-paste)
  take().cells = { 入职日期: "2023-02-30" }; // DATA_BAD_DATE
  const leaver = people.find((p) => p.kind === "regular" && p.hire > `${DATA_YEAR}-04-01` && p.leave === null)!;
  leaver.cells = { 离职日期: utcDate(`${DATA_YEAR}-03-15`) }; // DATA_LEAVE_BEFORE_HIRE (hired later in 2024)
  leaver.note = "离职日期录入有误";
  // Text dates Excel did not convert (tolerated, read as dates).
  for (let i = 0; i < 4; i++) {
    const p = take();
    p.cells = { ...(p.cells ?? {}), 入职日期: p.hire.replace(/-0?/g, i % 2 ? "." : "/") };
  }
}

const ROSTER_HEADERS = ["序号", "员工编号", "姓名", "性别", "部门", "证件号码", "用工性质", "入职日期", "离职日期", "合同起始日期", "合同终止日期", "是否参保", "备注"];
const PAYROLL_HEADERS = ["员工编号", "姓名", "部门", "工资月份", "基本工资", "岗位津贴", "绩效奖金", "加班费", "年终奖", "高温津贴", "防暑降温费", "独生子女费", "应发合计", "个人社保", "个人所得税", "实发工资"];
const DISABLED_HEADERS = ["序号", "员工编号", "姓名", "身份证号码", "残疾证号", "残疾类别", "残疾等级", "是否认定", "合同起始日期", "合同终止日期", "是否缴纳社保", "月工资", "按几人计算"];
const CATEGORY = ["", "视力", "听力", "言语", "肢体", "智力", "精神", "多重"];
const GRADE = ["", "一级", "二级", "三级", "四级"];

function employedIn(p: Person, month: number): { start: boolean; end: boolean; any: boolean } {
  const first = isoDate(DATA_YEAR, month, 1);
  const last = isoDate(DATA_YEAR, month, new Date(Date.UTC(DATA_YEAR, month, 0)).getUTCDate());
  const on = (day: string) => p.hire <= day && (p.leave === null || p.leave >= day);
  return { start: on(first), end: on(last), any: p.hire <= last && (p.leave === null || p.leave >= first) };
}

interface PayRow {
  person: Person;
  month: string;
  items: number[]; // in PAYROLL_HEADERS order from 基本工资 to 独生子女费
  gross: number;
  social: number;
  tax: number;
  net: number;
}

function monthlyTax(taxable: number): number {
  // Cumulative withholding is overkill for sample data: monthly brackets on (gross − social − 5000).
  const t = Math.max(0, taxable - 5000);
  const brackets: Array<[number, number, number]> = [[3000, 0.03, 0], [12000, 0.1, 210], [25000, 0.2, 1410], [35000, 0.25, 2660], [55000, 0.3, 4410], [80000, 0.35, 7160], [Infinity, 0.45, 15160]];
  for (const [limit, rate, deduction] of brackets) if (t <= limit) return cents(t * rate - deduction);
  return 0;
}

function payroll(people: Person[], rng: Rng): PayRow[] {
  const rows: PayRow[] = [];
  for (let m = 1; m <= 12; m++) {
    for (const p of people) {
      if (!p.onPayroll || !employedIn(p, m).any) continue;
      const regular = p.kind === "regular";
      const base = p.base;
      const allowance = regular ? (p.production ? 300 : 500) : 0;
      const bonus = regular ? Math.round((base * (0.05 + rng.next() * 0.2)) / 10) * 10 : 0;
      const overtime = regular && p.production ? Math.round(rng.next() * 1400 / 10) * 10 : 0;
      const yearEnd = regular && m === 12 ? Math.round((base * (1 + rng.next())) / 100) * 100 : 0;
      const heat = p.production && m >= 6 && m <= 9 && p.kind !== "intern" ? 300 : 0;
      const cooling = m === 7 ? 200 : 0;
      const oneChild = p.oneChild ? 10 : 0;
      const items = [base, allowance, bonus, overtime, yearEnd, heat, cooling, oneChild];
      const gross = cents(items.reduce((a, b) => a + b, 0));
      const insuredBase = p.insured ? Math.min(Math.max(base, 4494), 36_921) : 0;
      const social = cents(insuredBase * 0.105);
      const tax = monthlyTax(gross - social);
      rows.push({ person: p, month: isoDate(DATA_YEAR, m, 1), items, gross, social, tax, net: cents(gross - social - tax) });
    }
  }
  return rows;
}

export interface ExampleSummary {
  people: number;
  payrollRows: number;
  disabled: number;
  declared: Record<number, number>;
}

export function buildExample(): { workbook: ExcelJS.Workbook; summary: ExampleSummary } {
  const rng = makeRng(SEED);
  const people = makePeople(rng);
  plant(people, rng);
  const pay = payroll(people, rng);

  const wb = new ExcelJS.Workbook();
  wb.creator = "人事部 王丽";
  wb.lastModifiedBy = "财务部 陈静";
  wb.created = new Date(Date.UTC(2025, 0, 8, 2, 0, 0));
  wb.modified = FIXED_TIME;

  const title = (ws: ExcelJS.Worksheet, text: string, width: number) => {
    ws.mergeCells(1, 1, 1, width);
    ws.getCell(1, 1).value = text;
    ws.getCell(1, 1).font = { bold: true, size: 14 };
    ws.getCell(1, 1).alignment = { horizontal: "center" };
  };
  const headerRow = (ws: ExcelJS.Worksheet, row: number, headers: string[]) => {
    ws.getRow(row).values = headers;
    ws.getRow(row).font = { bold: true };
    ws.getRow(row).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
    ws.views = [{ state: "frozen", ySplit: row }];
  };

  /* 申报信息: the parameter block and the figures filed on the e-tax form. */
  const info = wb.addWorksheet("申报信息");
  const declared = declaredFigures(people, pay, PLANTED_ROWS);
  info.columns = [{ width: 10 }, { width: 30 }, { width: 26 }, { width: 40 }];
  title(info, `残疾人就业保障金申报资料（${FILING_YEAR}年申报 · ${DATA_YEAR}年度数据）`, 4);
  info.getCell("A3").value = "一、单位信息及参数";
  info.getCell("A3").font = { bold: true };
  const usccValue = uscc(rng, "320505");
  const wrongUscc = usccValue.slice(0, 17) + (usccValue[17] === "A" ? "B" : "A"); // USCC_INVALID
  const params: Array<[string, string | number | Date, string?]> = [
    ["单位名称", EXAMPLE_COMPANY],
    ["统一社会信用代码", wrongUscc, "（营业执照）"],
    ["所在地区", "苏州市"],
    ["申报年度", FILING_YEAR],
    ["单位性质", "企业"],
    ["当地社平工资", SOCIAL_AVERAGE, "元/年"],
    ["最低工资标准", MINIMUM_WAGE, "元/月"],
    ["已缴费额", 0],
    ["申报日期", utcDate(`${FILING_YEAR}-06-20`)],
  ];
  params.forEach(([name, value, note], i) => {
    const r = 4 + i;
    info.getCell(`B${r}`).value = name;
    info.getCell(`C${r}`).value = value;
    if (note) info.getCell(`D${r}`).value = note;
  });
  info.getCell("C9").numFmt = "#,##0";
  info.getCell("C12").numFmt = "yyyy-mm-dd";
  info.getCell("A14").value = "二、已申报数据（电子税务局《残疾人就业保障金缴费申报表》）";
  info.getCell("A14").font = { bold: true };
  headerRow(info, 15, ["栏次", "项目", "申报数", "备注"]);
  info.views = [];
  const lines: Array<[number, string, number, string?]> = [
    [4, "上年在职职工工资总额", declared[4], "按工资明细汇总（奖金另行发放）"],
    [5, "上年在职职工人数", declared[5], "按月度考勤人数平均"],
    [6, "应安排残疾人就业比例", 0.015],
    [7, "上年实际安排残疾人就业人数", declared[7], "残疾职工名册人数"],
    [8, "上年在职职工年平均工资", declared[8]],
    [9, "本期应纳费额", declared[9]],
    [10, "本期减免费额", declared[10]],
    [11, "本期已缴费额", 0],
    [12, "本期应补（退）费额", declared[12]],
  ];
  lines.forEach(([col, label, value, note], i) => {
    const r = 16 + i;
    info.getCell(`A${r}`).value = col;
    info.getCell(`B${r}`).value = label;
    info.getCell(`C${r}`).value = value;
    info.getCell(`C${r}`).numFmt = col === 6 ? "0.00%" : col === 5 || col === 7 ? "0.00" : "#,##0.00";
    if (note) info.getCell(`D${r}`).value = note;
  });

  /* 员工花名册 */
  const roster = wb.addWorksheet("员工花名册");
  title(roster, `${EXAMPLE_COMPANY} 员工花名册（${DATA_YEAR}年度）`, ROSTER_HEADERS.length);
  roster.getCell("A2").value = `制表：人事部　　截止日期：${DATA_YEAR}-12-31　　单位：人`;
  headerRow(roster, 3, ROSTER_HEADERS);
  roster.columns = ROSTER_HEADERS.map((h) => ({ width: h === "证件号码" ? 21 : h === "备注" ? 24 : h.length > 4 ? 13 : 10 }));
  people.forEach((p, i) => {
    const values: Record<string, string | number | Date | null> = {
      序号: i + 1,
      员工编号: p.no,
      姓名: p.name,
      性别: p.sex,
      部门: p.dept,
      证件号码: p.idShown,
      用工性质: p.typeText,
      入职日期: utcDate(p.hire),
      离职日期: p.leave ? utcDate(p.leave) : null,
      合同起始日期: p.contractStart ? utcDate(p.contractStart) : null,
      合同终止日期: p.contractEnd ? utcDate(p.contractEnd) : null,
      是否参保: p.insured ? "是" : "否",
      备注: p.note ?? null,
      ...(p.cells ?? {}),
    };
    const row = roster.getRow(4 + i);
    ROSTER_HEADERS.forEach((h, c) => {
      const cell = row.getCell(c + 1);
      cell.value = values[h];
      if (values[h] instanceof Date) cell.numFmt = "yyyy-mm-dd";
      if (h === "证件号码") cell.numFmt = "@";
    });
  });

  /* 2024年工资明细 */
  const payrollSheet = wb.addWorksheet(`${DATA_YEAR}年工资明细`);
  title(payrollSheet, `${EXAMPLE_COMPANY} ${DATA_YEAR}年度工资发放明细`, PAYROLL_HEADERS.length);
  headerRow(payrollSheet, 2, PAYROLL_HEADERS);
  payrollSheet.columns = PAYROLL_HEADERS.map((h) => ({ width: h.length > 4 ? 12 : 10 }));
  // Planted payroll mistakes: amounts typed as text, one unreadable amount, an error value, a row of the wrong year.
  const { textAt, unreadableAt, errorAt } = PLANTED_ROWS;
  const all = payrollRows(pay);
  all.forEach((r, i) => {
    const row = payrollSheet.getRow(3 + i);
    // 应发合计 is the sum of every pay item, 防暑降温费 and 独生子女费 included (WG_NON_WAGE_INCLUDED).
    const cells: Array<string | number | Date | ExcelJS.CellErrorValue | null> = [r.person.no, r.person.name, r.person.dept, utcDate(r.month), ...r.items.map((v) => (v === 0 ? null : v)), r.gross, r.social || null, r.tax || null, r.net];
    if (textAt.has(i)) cells[4] = i % 2 ? `${r.items[0].toLocaleString("en-US")}.00` : `${r.items[0]}元`; // DATA_TEXT_NUMBER
    if (i === unreadableAt) cells[6] = "待核"; // DATA_BAD_NUMBER
    if (i === errorAt) cells[7] = { error: "#N/A" }; // an error value in 加班费
    cells.forEach((v, c) => {
      const cell = row.getCell(c + 1);
      cell.value = v;
      if (c === 3) cell.numFmt = 'yyyy"年"m"月"';
      else if (c >= 4 && typeof v === "number") cell.numFmt = "#,##0.00";
    });
  });

  /* 残疾职工名册 */
  const register = wb.addWorksheet("残疾职工名册");
  title(register, `残疾职工名册（${DATA_YEAR}年度，报残联审核）`, DISABLED_HEADERS.length);
  headerRow(register, 2, DISABLED_HEADERS);
  register.columns = DISABLED_HEADERS.map((h) => ({ width: h === "残疾证号" ? 24 : h === "身份证号码" ? 21 : 11 }));
  const disabled = people.filter((p) => p.disabled);
  disabled.forEach((p, i) => {
    const d = p.disabled!;
    let cert = disabilityCertificate(p.id, d.category, d.grade);
    if (d.certOverride === "bad-category") cert = `${p.id}9${d.grade}`; // DS_CERT_INVALID: no category 9
    const values = [i + 1, p.no, p.name, p.id, cert, CATEGORY[d.category], GRADE[d.grade], d.certified ? "已认定" : "未认定", p.contractStart ? utcDate(p.contractStart) : null, p.contractEnd ? utcDate(p.contractEnd) : null, p.insured ? "是" : "否", d.wage ?? p.base, d.countedAs];
    const row = register.getRow(3 + i);
    values.forEach((v, c) => {
      const cell = row.getCell(c + 1);
      cell.value = v;
      if (v instanceof Date) cell.numFmt = "yyyy-mm-dd";
      if (c === 3 || c === 4) cell.numFmt = "@";
    });
  });

  /* 月度人数统计: the firm's own figures from attendance: everyone on site but the cleaners (劳务). */
  const monthly = wb.addWorksheet("月度人数统计");
  title(monthly, `${DATA_YEAR}年各月在职人数（考勤口径）`, 4);
  headerRow(monthly, 2, ["月份", "月初人数", "月末人数", "备注"]);
  monthly.columns = [{ width: 10 }, { width: 10 }, { width: 10 }, { width: 30 }];
  const counted = (p: Person) => p.kind !== "labour"; // the firm counted everyone but the cleaners
  for (let m = 1; m <= 12; m++) {
    const start = people.filter((p) => counted(p) && employedIn(p, m).start).length;
    const end = people.filter((p) => counted(p) && employedIn(p, m).end).length;
    monthly.getRow(2 + m).values = [`${m}月`, start, end, m === 7 ? "含暑期实习生、派遣人员" : null];
  }
  return { workbook: wb, summary: { people: people.length, payrollRows: all.length, disabled: disabled.length, declared } };
}

/** Payroll sheet rows (index into the written rows) that carry planted mistakes. */
const PLANTED_ROWS = { textAt: new Set([37, 411, 1200, 2222]), unreadableAt: 905, errorAt: 1733, strayAt: 3 };

/** The rows as written: the pay rows plus one stray December 2023 row (PERIOD_MISMATCH). */
function payrollRows(pay: PayRow[]): PayRow[] {
  const all = [...pay];
  const stray = pay.find((r) => r.person.kind === "regular" && r.month === `${DATA_YEAR}-01-01`)!;
  all.splice(PLANTED_ROWS.strayAt, 0, { ...stray, month: `${DATA_YEAR - 1}-12-01` });
  return all;
}

/** The figures the firm filed, with its mistakes (see examples/README.md). */
function declaredFigures(people: Person[], pay: PayRow[], planted: typeof PLANTED_ROWS): Record<number, number> {
  // Col 4: the wage components of the staff who count, without the bonuses (绩效奖金, 年终奖) — paid through a separate
  // bonus run, the firm forgot them (WG_BONUS_MISSING). Rows the audit cannot read are left out here too, so the gap
  // is exactly the bonuses.
  const countedKind = (p: Person) => p.kind === "regular" && !(p.contractEnd !== null && p.contractStart !== null && p.contractEnd < addYears(p.contractStart, 1, -1));
  const rows = payrollRows(pay);
  const wageTotal = cents(
    rows.reduce((sum, r, i) => {
      if (!countedKind(r.person) || i === planted.unreadableAt || i === planted.errorAt || i === planted.strayAt) return sum;
      const [base, allowance, , overtime, , heat] = r.items;
      return sum + base + allowance + overtime + heat;
    }, 0),
  );
  // Col 5: the monthly attendance headcount: interns, part-timers, retirees, dispatched and short-contract staff in.
  let months = 0;
  for (let m = 1; m <= 12; m++) {
    const start = people.filter((p) => p.kind !== "labour" && employedIn(p, m).start).length;
    const end = people.filter((p) => p.kind !== "labour" && employedIn(p, m).end).length;
    months += (start + end) / 2;
  }
  const headcount = Math.round((months / 12) * 100) / 100;
  // Col 7: everyone on the disabled register but the invalid certificate, each counted once.
  const disabled = people.filter((p) => p.disabled && p.disabled.certOverride === undefined).length;
  const average = cents(wageTotal / headcount);
  const gross = Math.max(0, cents((headcount * 0.015 - disabled) * average));
  return { 4: wageTotal, 5: headcount, 7: disabled, 8: average, 9: gross, 10: 0, 12: gross };
}

/** Write the workbook with fixed zip timestamps, so the file is byte-for-byte reproducible. */
export async function writeExample(path: string): Promise<ExampleSummary> {
  const { workbook, summary } = buildExample();
  const raw = Buffer.from(await workbook.xlsx.writeBuffer());
  const JSZip = createRequire(require.resolve("exceljs"))("jszip");
  const zip = await JSZip.loadAsync(raw);
  const fixed = new JSZip();
  const names: string[] = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  for (const name of names) fixed.file(name, await zip.file(name).async("nodebuffer"), { date: FIXED_TIME, createFolders: false });
  const bytes: Buffer = await fixed.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 6 } });
  writeFileSync(path, bytes);
  return summary;
}

if (require.main === module) {
  const i = process.argv.indexOf("--out");
  const out = resolve(i >= 0 ? process.argv[i + 1] : resolve(__dirname, "..", "examples", "example-company.xlsx"));
  writeExample(out).then(
    (s) => process.stdout.write(`wrote ${out}: ${s.people} people, ${s.payrollRows} payroll rows, ${s.disabled} on the disabled register; declared ${JSON.stringify(s.declared)}\n`),
    (error) => {
      process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
      process.exitCode = 1;
    },
  );
}
