/**
 * Synthetic workbooks for the bench (and the large-file tests): the firm template's sheets and headers, N employees,
 * one payroll row per person per month, written with ExcelJS's streaming WorkbookWriter so generating 100k employees
 * (1.2 million payroll rows) needs little memory. Deterministic for a given seed.
 */
import ExcelJS from "exceljs";
import { TEMPLATE_SHEETS } from "../src/workbook/template-layout";
import { chineseName, disabilityCertificate, isoDate, makeRng, randomDate, residentId, uscc, utcDate } from "../scripts/sample-data";

export interface SyntheticOptions {
  employees: number;
  seed?: number;
  /** "monthly" (default): one payroll row per person per month; "annual": one row per person with annual amounts. */
  payroll?: "monthly" | "annual";
}

export interface SyntheticStats {
  employees: number;
  payrollRows: number;
  disabled: number;
  /** Non-empty cells written, all sheets. */
  cells: number;
}

const AREA = "320505"; // 苏州市虎丘区
const ROSTER = ["工号", "姓名", "身份证号", "用工形式", "入职日期", "离职日期", "合同开始日期", "合同结束日期", "社保缴纳"];
const PAYROLL_MONTHLY = ["工号", "月份", "基本工资", "绩效奖金", "津贴补贴", "加班工资"];
const PAYROLL_ANNUAL = ["工号", "基本工资", "绩效奖金", "年终奖", "津贴补贴", "加班工资"];
const DISABLED = ["工号", "姓名", "身份证号", "残疾人证号", "残联认定", "合同开始日期", "合同结束日期", "社保缴纳", "月工资"];

export async function writeSyntheticWorkbook(filename: string, options: SyntheticOptions): Promise<SyntheticStats> {
  const rng = makeRng(options.seed ?? 20250101);
  const n = options.employees;
  const monthly = (options.payroll ?? "monthly") === "monthly";
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename, useStyles: true, useSharedStrings: true });
  wb.created = wb.modified = new Date(Date.UTC(2025, 0, 1));
  let cells = 0;
  const dateStyle = { numFmt: "yyyy-mm-dd" };

  const params = wb.addWorksheet(TEMPLATE_SHEETS.parameters);
  const paramRows: Array<[string, string | number]> = [
    ["名称", "值"],
    ["单位名称", "苏州合成数据科技有限公司"],
    ["统一社会信用代码", uscc(rng, AREA)],
    ["地区", "苏州市"],
    ["申报年度", 2025],
    ["单位类型", "企业"],
    ["社会平均工资", 118_000],
    ["最低工资", 2490],
  ];
  for (const r of paramRows) {
    params.addRow(r).commit();
    cells += 2;
  }
  await params.commit();

  // Roster: ~97% full-time, the rest interns, part-timers, retirees, dispatched staff.
  const roster = wb.addWorksheet(TEMPLATE_SHEETS.roster);
  roster.columns = ROSTER.map((h, i) => ({ header: h, width: 14, style: i >= 4 && i <= 7 ? dateStyle : {} }));
  cells += ROSTER.length;
  const types = ["全日制", "全日制", "全日制", "全日制", "全日制", "全日制", "全日制", "全日制", "全日制", "全日制", "全日制", "全日制", "实习", "非全日制", "退休返聘", "劳务派遣"];
  const employees: Array<{ id: string; pid: string; name: string; hire: string; leave: string | null; wage: number }> = [];
  const disabledEvery = 80;
  const ids = new Set<string>();
  for (let i = 0; i < n; i++) {
    const id = `E${String(i + 1).padStart(7, "0")}`;
    const male = rng.chance(0.55);
    const birth = randomDate(rng, "1978-01-01", "2003-12-31");
    let pid = residentId(rng, AREA, birth, male);
    while (ids.has(pid)) pid = residentId(rng, AREA, birth, male); // unique, like real ID numbers
    ids.add(pid);
    const name = chineseName(rng);
    const type = rng.chance(0.03) ? rng.pick(types.slice(12)) : "全日制";
    const hire = rng.chance(0.85) ? randomDate(rng, "2012-01-01", "2023-12-31") : randomDate(rng, "2024-01-01", "2024-12-31");
    const leave = rng.chance(0.08) ? randomDate(rng, hire > "2024-01-01" ? hire : "2024-01-01", "2024-12-31") : null;
    const contractEnd = isoDate(Number(hire.slice(0, 4)) + 3, Number(hire.slice(5, 7)), 1);
    const row = [id, name, pid, type, utcDate(hire), leave ? utcDate(leave) : null, utcDate(hire), utcDate(contractEnd > "2025-12-31" ? contractEnd : "2026-12-31"), "是"];
    roster.addRow(row).commit();
    cells += leave ? 9 : 8;
    employees.push({ id, pid, name, hire, leave, wage: 4000 + Math.round(rng.next() * 12_000) });
  }
  await roster.commit();

  // Excel holds at most 1,048,576 rows per sheet: a monthly payroll that would not fit is split by half-year, as a
  // firm exporting 100k employees' payroll would have to.
  const span = (e: { hire: string; leave: string | null }) => ({ from: e.hire > "2024-01-01" ? Number(e.hire.slice(5, 7)) : 1, to: e.leave ? Number(e.leave.slice(5, 7)) : 12 });
  const monthlyRows = monthly ? employees.reduce((n, e) => n + Math.max(0, span(e).to - span(e).from + 1), 0) : employees.length;
  const parts: Array<{ name: string; months: [number, number] }> =
    monthlyRows + 1 > 1_048_576 ? [{ name: `${TEMPLATE_SHEETS.payroll}1-6月`, months: [1, 6] }, { name: `${TEMPLATE_SHEETS.payroll}7-12月`, months: [7, 12] }] : [{ name: TEMPLATE_SHEETS.payroll, months: [1, 12] }];
  let payrollRows = 0;
  for (const part of parts) {
    const payroll = wb.addWorksheet(part.name);
    payroll.columns = (monthly ? PAYROLL_MONTHLY : PAYROLL_ANNUAL).map((h) => ({ header: h, width: 12 }));
    cells += PAYROLL_MONTHLY.length;
    for (const e of employees) {
      const { from, to } = span(e);
      if (monthly) {
        for (let m = Math.max(from, part.months[0]); m <= Math.min(to, part.months[1]); m++) {
          const bonus = Math.round(e.wage * 0.1 * (1 + (m % 3)));
          payroll.addRow([e.id, `2024-${String(m).padStart(2, "0")}`, e.wage, bonus, 300, m % 4 === 0 ? 450 : 0]).commit();
          payrollRows++;
          cells += 6;
        }
      } else {
        const months = Math.max(0, to - from + 1);
        payroll.addRow([e.id, e.wage * months, Math.round(e.wage * 0.2 * months), e.wage, 300 * months, 450 * Math.floor(months / 4)]).commit();
        payrollRows++;
        cells += 6;
      }
    }
    await payroll.commit();
  }

  const disabled = wb.addWorksheet(TEMPLATE_SHEETS.disabled);
  disabled.columns = DISABLED.map((h, i) => ({ header: h, width: 14, style: i === 5 || i === 6 ? dateStyle : {} }));
  cells += DISABLED.length;
  let disabledCount = 0;
  for (let i = 0; i < employees.length; i += disabledEvery) {
    const e = employees[i];
    const cert = disabilityCertificate(e.pid, rng.int(1, 7), rng.int(1, 4));
    disabled.addRow([e.id, e.name, e.pid, cert, "是", utcDate(e.hire), utcDate("2026-12-31"), "是", e.wage]).commit();
    disabledCount++;
    cells += 9;
  }
  await disabled.commit();
  await wb.commit();
  return { employees: n, payrollRows, disabled: disabledCount, cells };
}
