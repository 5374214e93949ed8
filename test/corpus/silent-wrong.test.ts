/**
 * Regression tests for the cases that were silently wrong or unusable on ordinary client workbooks (issue: "Any
 * client workbook"). Each asserts the money, by hand, and the finding.
 *
 * The company: 40 full-time staff on long contracts, each paid 10,000.00 a month for all of 2024, nobody disabled,
 * region CN (national rules), filing year 2025, social average wage 100,000 (cap 200,000, not reached).
 *   column 4  wage total      40 × 12 × 10,000 = 4,800,000.00
 *   column 5  headcount       40
 *   column 8  average wage    120,000.00
 *   required                  40 × 1.5% = 0.6; shortfall 0.6; disabled share 0% < 1% → pays 90% (2023 No.8)
 *   column 9  gross           0.6 × 120,000 = 72,000.00
 *   column 10 reduction       10% = 7,200.00
 *   column 12 payable         64,800.00
 */
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { residentIdCheckChar } from "../../src/core/identifiers";
import { readXlsx } from "../../src/cli/xlsx-reader";
import { analyseWorkbook } from "../../src/validation/analyse";
import type { CellValue, SheetData } from "../../src/workbook/types";
import { runCli } from "../cli/helpers";

type Row = CellValue[];
const TODAY = "2025-03-01";
const N = 40;

function id(n: number): string {
  const first17 = `110105198${n % 10}0101${String(100 + n * 2 + 1).padStart(3, "0")}`;
  return first17 + residentIdCheckChar(first17);
}

function cert(n: number, grade: number): string {
  return `${id(n)}4${grade}`;
}

const staff = Array.from({ length: N }, (_, i) => ({ no: `E${String(i + 1).padStart(3, "0")}`, name: `职工${i + 1}`, id: id(i + 1), dept: ["一部", "二部"][i % 2] }));

function params(extra: Row[] = [["地区", "CN"], ["申报年度", 2025]]): SheetData {
  return { name: "参数", origin: "A1", values: [["参数", "值"], ...extra, ["社会平均工资", 100000]] };
}

function roster(extraHeaders: string[] = [], extra: (i: number) => CellValue[] = () => []): SheetData {
  return {
    name: "花名册",
    origin: "A1",
    values: [["工号", "姓名", "身份证号", "用工形式", "入职日期", "离职日期", "合同开始日期", "合同结束日期", "社保缴纳", ...extraHeaders], ...staff.map((s, i) => [s.no, s.name, s.id, "全日制", "2020-01-01", null, "2023-01-01", "2026-12-31", "是", ...extra(i)])],
  };
}

function payrollRows(): Row[] {
  const rows: Row[] = [];
  for (const s of staff) for (let m = 1; m <= 12; m++) rows.push([s.no, s.name, `2024-${String(m).padStart(2, "0")}`, 10000]);
  return rows;
}

function payroll(name = "工资表"): SheetData {
  return { name, origin: "A1", values: [["工号", "姓名", "月份", "基本工资"], ...payrollRows()] };
}

function money(audit: ReturnType<typeof analyseWorkbook>) {
  const c = audit.calculation!;
  return { wageTotal: c.wageTotal, headcount: c.headcount, grossDue: c.grossDue, reduction: c.reduction, payable: c.payable };
}

const CLEAN = { wageTotal: "4800000", headcount: "40", grossDue: "72000.00", reduction: "7200.00", payable: "64800.00" };

function codes(audit: ReturnType<typeof analyseWorkbook>, severity?: string): string[] {
  return [...new Set(audit.findings.filter((f) => !severity || f.severity === severity).map((f) => f.code))].sort();
}

describe("the clean company (reference)", () => {
  it("gives the hand-computed levy", () => {
    const a = analyseWorkbook([params(), roster(), payroll()], { today: TODAY });
    expect(money(a)).toEqual(CLEAN);
    expect(codes(a, "error")).toEqual([]);
  });
});

describe("a staff list with the disability columns inline (the most common single-sheet HR export)", () => {
  // Two certified disabled staff inline, grade 3 and grade 2 (counts twice): certified 3 ≥ required 0.6 → nothing due.
  const inline = (i: number): CellValue[] => (i === 0 ? [cert(1, 3), "已认定"] : i === 1 ? [cert(2, 2), "是"] : [null, null]);
  it("is the roster and the register (Chinese headers)", () => {
    const a = analyseWorkbook([params(), roster(["残疾人证号", "残联认定"], inline), payroll()], { today: TODAY });
    expect(a.fatal).toBeUndefined();
    expect(a.calculation!.certifiedDisabled).toBe("3");
    expect(a.calculation!.payable).toBe("0.00");
    expect(a.tables.find((t) => t.sheet === "花名册")).toMatchObject({ kind: "roster", roles: ["roster", "disabled"] });
  });
  it("is the roster and the register (English headers), with a separate register absent", () => {
    const values: Row[] = [["Employee ID", "Name", "ID number", "Employment type", "Hire date", "Contract start", "Contract end", "Social insurance", "Disability certificate no", "Certified"]];
    staff.forEach((s, i) => values.push([s.no, s.name, s.id, "Full-time", "2020-01-01", "2023-01-01", "2026-12-31", "Yes", ...(i === 0 ? [cert(1, 3), "Yes"] : [null, null])]));
    const a = analyseWorkbook([params(), { name: "Staff", origin: "A1", values }, payroll()], { today: TODAY });
    expect(a.fatal).toBeUndefined();
    expect(a.calculation!.certifiedDisabled).toBe("1");
    // required 0.6, certified 1: quota met.
    expect(a.calculation!.payable).toBe("0.00");
  });
});

describe("department subtotal rows", () => {
  function withSubtotals(label: (dept: string) => string | null, total: string | null, tamper = 0): SheetData {
    const values: Row[] = [["部门", "工号", "姓名", "月份", "基本工资"]];
    for (const dept of ["一部", "二部"]) {
      const members = staff.filter((s) => s.dept === dept);
      for (const s of members) for (let m = 1; m <= 12; m++) values.push([dept, s.no, s.name, `2024-${String(m).padStart(2, "0")}`, 10000]);
      values.push([label(dept), null, label(dept) === null ? null : `${dept}小计`, null, members.length * 12 * 10000 + tamper]);
    }
    values.push([null, null, total, null, N * 12 * 10000]);
    return { name: "工资表", origin: "A1", values };
  }
  it("labelled 一部小计 / 合计 are excluded, not doubled (was: wage total doubled, reported clean)", () => {
    const a = analyseWorkbook([params(), roster(), withSubtotals((d) => `${d}小计`, "合计")], { today: TODAY });
    expect(money(a)).toEqual(CLEAN);
    expect(codes(a)).toContain("DATA_SUMMARY_ROW");
    expect(codes(a, "error")).toEqual([]);
  });
  it("unlabelled subtotal rows (no person, amount = the rows above) are excluded too", () => {
    const a = analyseWorkbook([params(), roster(), withSubtotals(() => null, null)], { today: TODAY });
    expect(money(a)).toEqual(CLEAN);
    expect(a.rowsByReason.DATA_SUMMARY_ROW.excluded).toBe(3);
  });
  it("a subtotal the detail does not add up to is a finding; the detail is used", () => {
    const a = analyseWorkbook([params(), roster(), withSubtotals((d) => `${d}小计`, "合计", 500)], { today: TODAY });
    expect(money(a)).toEqual(CLEAN);
    const f = a.findings.filter((x) => x.code === "DATA_TOTAL_MISMATCH");
    expect(f.length).toBe(2);
    expect(f[0].message.zh).toContain("差 500.00");
  });
});

describe("two tables supplying the same pay", () => {
  it("a second copy of the payroll is DATA_DOUBLE_SOURCE (error) and is not added", () => {
    const a = analyseWorkbook([params(), roster(), payroll(), payroll("工资表 (2)")], { today: TODAY });
    expect(money(a)).toEqual(CLEAN);
    expect(codes(a, "error")).toEqual(["DATA_DOUBLE_SOURCE"]);
    const f = a.findings.find((x) => x.code === "DATA_DOUBLE_SOURCE")!;
    expect(f.message.zh).toContain("工资表 (2)");
    expect(f.message.zh).toContain("“工资表”");
  });
  it("monthly sheets plus an annual summary: the monthly detail is used, the summary is DATA_DOUBLE_SOURCE", () => {
    const summary: SheetData = { name: "年度汇总", origin: "A1", values: [["工号", "姓名", "全年应发"], ...staff.map((s) => [s.no, s.name, 120000])] };
    const months: SheetData[] = Array.from({ length: 12 }, (_, i) => ({ name: `${i + 1}月`, origin: "A1", values: [["工号", "姓名", "应发工资"], ...staff.map((s) => [s.no, s.name, 10000])] }));
    // The summary sheet comes first in the workbook: order must not decide which source wins.
    const a = analyseWorkbook([params(), roster(), summary, ...months], { today: TODAY });
    expect(money(a)).toEqual(CLEAN);
    expect(codes(a, "error")).toEqual(["DATA_DOUBLE_SOURCE"]);
    expect(a.rowsByReason.DATA_DOUBLE_SOURCE.excluded).toBe(N);
  });
  it("a year-end bonus sheet adds to the monthly payroll (not a double source)", () => {
    const bonus: SheetData = { name: "年终奖", origin: "A1", values: [["工号", "姓名", "年终奖"], ...staff.map((s) => [s.no, s.name, 1000])] };
    const a = analyseWorkbook([params(), roster(), payroll(), bonus], { today: TODAY });
    expect(a.calculation!.wageTotal).toBe("4840000");
    expect(codes(a, "error")).toEqual([]);
  });
});

describe("a lookup sheet of VLOOKUP/SUMIF formulas over the payroll (real .xlsx)", () => {
  const dir = mkdtempSync(join(tmpdir(), "levy-lookup-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it("is a view, not a second payroll (was: added to the wage total, reported clean)", async () => {
    const wb = new ExcelJS.Workbook();
    for (const s of [params(), roster(), payroll()]) {
      const ws = wb.addWorksheet(s.name);
      for (const row of s.values) ws.addRow(row);
    }
    const lookup = wb.addWorksheet("工资查询");
    lookup.addRow(["工号", "姓名", "全年工资"]);
    staff.forEach((s, i) => {
      const r = i + 2;
      lookup.addRow([s.no, { formula: `VLOOKUP(A${r},花名册!A:B,2,FALSE)`, result: s.name }, { formula: `SUMIF(工资表!A:A,A${r},工资表!D:D)`, result: 120000 }]);
    });
    const file = join(dir, "lookup.xlsx");
    await wb.xlsx.writeFile(file);
    const { sheets } = await readXlsx(file);
    const a = analyseWorkbook(sheets, { today: TODAY });
    expect(money(a)).toEqual(CLEAN);
    expect(a.tables.find((t) => t.sheet === "工资查询")).toMatchObject({ role: "derived", derivedFrom: expect.arrayContaining(["工资表"]), rows: { read: 0 } });
    expect(codes(a, "error")).toEqual([]);
  });
});

describe("parameter labels as the e-tax form and accountants write them", () => {
  it("费款所属期 2024年度, 所在省份, 上年度全省社会平均工资（万元）", () => {
    const p: SheetData = { name: "申报信息", origin: "A1", values: [["单位名称", "测试有限公司"], ["费款所属期", "2024年度"], ["所在省份", "北京市"], ["上年度全省社会平均工资（万元）", 10]] };
    const a = analyseWorkbook([p, roster(), payroll()], { today: "2026-11-30" });
    expect(a.parameters.filingYear).toBe(2025);
    expect(a.parameters.dataYear).toBe(2024);
    expect(a.parameters.region.code).toBe("CN-BJ");
    expect(a.calculation!.wageCap).toBe("200000");
    expect(codes(a)).not.toContain("PERIOD_INFERRED");
  });
  it("a bare 年度 takes the reading the data supports and names both", () => {
    const p = params([["地区", "CN"], ["年度", 2024]]);
    const a = analyseWorkbook([p, roster(), payroll()], { today: "2026-11-30" });
    expect(a.parameters.dataYear).toBe(2024);
    const f = a.findings.find((x) => x.code === "PARAM_AMBIGUOUS_YEAR")!;
    expect(f.severity).toBe("warning");
    expect(f.message.zh).toContain("数据年度 2024");
    expect(f.message.zh).toContain("申报年度 2024");
    expect(money(a)).toEqual(CLEAN);
  });
  it("a bare 年度 of 2025 over 2024 data reads as the filing year", () => {
    const a = analyseWorkbook([params([["地区", "CN"], ["年份", 2025]]), roster(), payroll()], { today: "2026-11-30" });
    expect(a.parameters.filingYear).toBe(2025);
    expect(money(a)).toEqual(CLEAN);
  });
});

describe("the period comes from the data before the clock", () => {
  it("no year anywhere but the payroll months: data year 2024 even when today is 2026", () => {
    const a = analyseWorkbook([params([["地区", "CN"]]), roster(), payroll()], { today: "2026-11-30" });
    expect(a.parameters.dataYear).toBe(2024);
    expect(a.parameters.periodSource).toBe("payroll");
    expect(money(a)).toEqual(CLEAN);
  });
  it("no months at all: the year in sheet names and titles", () => {
    const annual: SheetData = { name: "2024年工资", origin: "A1", values: [["工号", "姓名", "全年工资"], ...staff.map((s) => [s.no, s.name, 120000])] };
    const a = analyseWorkbook([params([["地区", "CN"]]), roster(), annual], { today: "2026-11-30" });
    expect(a.parameters.dataYear).toBe(2024);
    expect(a.parameters.periodSource).toBe("titles");
    expect(money(a)).toEqual(CLEAN);
  });
  it("payroll months and titles that disagree are an error naming both years", () => {
    const p = payroll("2023年工资表");
    const a = analyseWorkbook([params([["地区", "CN"]]), roster(), p], { today: "2026-11-30" });
    const f = a.findings.find((x) => x.code === "PERIOD_SIGNALS_DISAGREE")!;
    expect(f.severity).toBe("error");
    expect(f.message.zh).toContain("2024");
    expect(f.message.zh).toContain("2023");
  });
  it("费款所属期 against an explicit 申报年度 that disagrees is an error", () => {
    const a = analyseWorkbook([params([["地区", "CN"], ["费款所属期", "2023年度"], ["申报年度", 2025]]), roster(), payroll()], { today: TODAY });
    expect(codes(a, "error")).toContain("PERIOD_SIGNALS_DISAGREE");
  });
  it("no region at all is said, not silently national", () => {
    const a = analyseWorkbook([params([["申报年度", 2025]]), roster(), payroll()], { today: TODAY });
    expect(codes(a)).toContain("PARAM_REGION_DEFAULT");
  });
});

describe("the same through the CLI on a real file", () => {
  const dir = mkdtempSync(join(tmpdir(), "levy-sw-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it("levy audit exits 1 on a doubled payroll and names DATA_DOUBLE_SOURCE; the payable is the single one", async () => {
    const wb = new ExcelJS.Workbook();
    for (const s of [params(), roster(), payroll(), payroll("工资表副本")]) {
      const ws = wb.addWorksheet(s.name);
      for (const row of s.values) ws.addRow(row);
    }
    await wb.xlsx.writeFile(join(dir, "double.xlsx"));
    const r = await runCli(["audit", "double.xlsx", "--json", "--today", TODAY], dir);
    expect(r.code).toBe(1);
    const [file] = JSON.parse(r.stdout).files;
    expect(file.calculation.payable).toBe("64800.00");
    expect(file.findings.map((f: { code: string }) => f.code)).toContain("DATA_DOUBLE_SOURCE");
  });
});

describe("parameter-block flags reach the core", () => {
  it("湖南 财政拨款 是: the wage base is the regional average (100,000), not the employer's own 120,000", () => {
    const flagged = analyseWorkbook([params([["地区", "湖南"], ["申报年度", 2025], ["财政拨款", "是"]]), roster(), payroll()], { today: TODAY });
    const plain = analyseWorkbook([params([["地区", "湖南"], ["申报年度", 2025]]), roster(), payroll()], { today: TODAY });
    expect(flagged.calculation!.wageBase).toBe("100000");
    // Not budget-funded: the own average 120,000, capped at 1 × the regional average in Hunan.
    expect(plain.calculation!.wageCap).toBe("100000");
  });
  it("批准减缴额 (72号 第十七条) is added to column 10", () => {
    const a = analyseWorkbook([params([["地区", "CN"], ["申报年度", 2025], ["批准减缴额", 1000]]), roster(), payroll()], { today: TODAY });
    // 7,200.00 (90% band) + 1,000.00 approved → 8,200.00; payable 72,000.00 − 8,200.00 = 63,800.00.
    expect(a.calculation!.reduction).toBe("8200.00");
    expect(a.calculation!.payable).toBe("63800.00");
  });
});

describe("year signals that are about the filing do not vote", () => {
  it("a sheet named 2025年残保金申报 beside 2024 payroll months raises no disagreement", () => {
    const decl: SheetData = { name: "2025年残保金申报", origin: "A1", values: [["说明"], ["本表用于申报"]] };
    const a = analyseWorkbook([params([["地区", "CN"]]), roster(), payroll(), decl], { today: "2026-11-30" });
    expect(a.parameters.dataYear).toBe(2024);
    expect(codes(a)).not.toContain("PERIOD_SIGNALS_DISAGREE");
    expect(money(a)).toEqual(CLEAN);
  });
});

/**
 * Cases an adversarial tester found (workbooks built without seeing the code): each was a wrong levy with exit 0 and
 * no error. The company is the reference one (4,800,000 / 40 / 64,800.00) unless said otherwise.
 */
describe("found by an adversarial tester", () => {
  function payWith(headers: string[], row: (m: number) => CellValue[]): SheetData {
    const values: Row[] = [["工号", "姓名", "月份", ...headers]];
    for (const s of staff) for (let m = 1; m <= 12; m++) values.push([s.no, s.name, `2024-${String(m).padStart(2, "0")}`, ...row(m)]);
    return { name: "工资表", origin: "A1", values };
  }
  it("attendance deductions reduce gross pay (基本 8,000 + 绩效 2,200 − 考勤扣款 200, no 应发 column)", () => {
    const a = analyseWorkbook([params(), roster(), payWith(["基本工资", "绩效奖金", "考勤扣款", "个人社保", "个税"], () => [8000, 2200, 200, 1050, 85])], { today: TODAY });
    expect(money(a)).toEqual(CLEAN);
    expect(codes(a, "error")).toEqual([]);
  });
  it("应付工资 / 实付工资 are gross and net, not two wage columns", () => {
    const a = analyseWorkbook([params(), roster(), payWith(["应付工资", "社保个人部分", "个税", "实付工资"], () => [10000, 1050, 850, 8100])], { today: TODAY });
    expect(money(a)).toEqual(CLEAN);
  });
  for (const net of ["实付工资", "到手工资", "税后工资", "实领工资", "实得工资", "工资卡金额", "净工资"]) {
    it(`应发合计 with a net-pay column named ${net}: the gross is used`, () => {
      const a = analyseWorkbook([params(), roster(), payWith(["基本工资", "绩效奖金", "应发合计", "个人社保", "个税", net], () => [8000, 2000, 10000, 1050, 850, 8100])], { today: TODAY });
      expect(money(a)).toEqual(CLEAN);
      expect(codes(a, "error")).toEqual([]);
    });
  }
  it("an unrecognised component (夜班费) inside 应发合计: the total is used", () => {
    const a = analyseWorkbook([params(), roster(), payWith(["基本工资", "绩效奖金", "夜班费", "应发合计"], () => [8000, 1000, 1000, 10000])], { today: TODAY });
    expect(money(a)).toEqual(CLEAN);
  });
  it("a component the total does not match at all is an error beside the total-based figure", () => {
    const a = analyseWorkbook([params(), roster(), payWith(["基本工资", "项目X工资", "应发合计"], () => [8000, 5000, 10000])], { today: TODAY });
    expect(a.calculation!.wageTotal).toBe("4800000");
    expect(codes(a, "error")).toEqual(["WG_TOTAL_UNRECONCILED"]);
  });
  it("the income-tax export's 本期收入 is the gross pay", () => {
    const a = analyseWorkbook([params(), roster(), payWith(["本期收入"], () => [10000])], { today: TODAY });
    expect(money(a)).toEqual(CLEAN);
  });
  it("month columns headed 2024-01 … 2024-12", () => {
    const values: Row[] = [["工号", "姓名", ...Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, "0")}`)]];
    for (const s of staff) values.push([s.no, s.name, ...new Array(12).fill(10000)]);
    const a = analyseWorkbook([params(), roster(), { name: "工资汇总", origin: "A1", values }], { today: TODAY });
    expect(money(a)).toEqual(CLEAN);
  });
  for (const label of ["本期已缴费额", "已缴费额", "已缴纳金额", "已预缴", "本年已缴纳", "已缴金额（元）"]) {
    it(`already paid labelled ${label} is read (payable 64,800.00 − 20,000.00)`, () => {
      const a = analyseWorkbook([params([["地区", "CN"], ["申报年度", 2025], [label, 20000]]), roster(), payroll()], { today: TODAY });
      expect(a.calculation!.alreadyPaid).toBe("20000.00");
      expect(a.calculation!.payable).toBe("44800.00");
    });
  }
  it("社平工资（元/月） is a monthly figure: × 12", () => {
    const a = analyseWorkbook([{ name: "参数", origin: "A1", values: [["地区", "CN"], ["申报年度", 2025], ["社平工资（元/月）", 8500]] }, roster(), payroll()], { today: TODAY });
    // 8,500 × 12 = 102,000; cap 2 × = 204,000, above the own 120,000.
    expect(a.calculation!.wageCap).toBe("204000");
    expect(money(a)).toEqual(CLEAN);
  });
  it("DATA_DOUBLE_SOURCE is one finding per repeating table, not one per person", () => {
    const summary: SheetData = { name: "全年汇总", origin: "A1", values: [["工号", "姓名", "全年应发"], ...staff.map((s) => [s.no, s.name, 120000])] };
    const a = analyseWorkbook([params(), roster(), payroll(), summary], { today: TODAY });
    expect(a.findings.filter((f) => f.code === "DATA_DOUBLE_SOURCE")).toHaveLength(1);
    expect(money(a)).toEqual(CLEAN);
  });
});

describe("certificates as people type them", () => {
  function register(cert: CellValue, extra: Row = []): SheetData {
    return { name: "残疾职工", origin: "A1", values: [["工号", "姓名", "身份证号", "残疾人证号", "残联认定", "社保缴纳", ...extra.map((_, i) => (i === 0 ? "残疾等级" : `x${i}`))], [staff[0].no, staff[0].name, staff[0].id, cert, "是", "是", ...extra]] };
  }
  it("a 20-character number typed in groups with spaces counts (grade 3 → 1)", () => {
    const c = cert(1, 3);
    const spaced = `${c.slice(0, 6)} ${c.slice(6, 14)} ${c.slice(14, 18)} ${c.slice(18)}`;
    const a = analyseWorkbook([params(), roster(), payroll(), register(spaced)], { today: TODAY });
    expect(a.calculation!.certifiedDisabled).toBe("1");
  });
  it("残疾军人证 3级 in the certificate column counts twice (veterans 1–3)", () => {
    const a = analyseWorkbook([params(), roster(), payroll(), register("残疾军人证 3级")], { today: TODAY });
    expect(a.calculation!.certifiedDisabled).toBe("2");
  });
});

describe("nothing lost: sheets with people and amounts", () => {
  it("a bonus sheet headed 金额 is read as bonuses (was: listed as unused, wage total short)", () => {
    const bonus: SheetData = { name: "2024年终奖", origin: "A1", values: [["工号", "姓名", "金额"], ...staff.map((s) => [s.no, s.name, 1000])] };
    const a = analyseWorkbook([params(), roster(), payroll(), bonus], { today: TODAY });
    expect(a.calculation!.wageTotal).toBe("4840000");
  });
  it("a sheet with people and amounts that fits no role is a warning, not silence", () => {
    const odd: SheetData = { name: "其他", origin: "A1", values: [["工号", "姓名", "某某数"], ...staff.map((s) => [s.no, s.name, 1234.5])] };
    const a = analyseWorkbook([params(), roster(), payroll(), odd], { today: TODAY });
    expect(a.findings.find((f) => f.code === "DATA_SHEET_UNUSED")?.message.zh).toContain("“其他”");
    expect(money(a)).toEqual(CLEAN);
  });
});

describe("a disabled employee the roster does not know", () => {
  it("does not count (was: counted 2 with a warning, levy understated)", () => {
    const outsider = { no: "X001", name: "外人", id: id(90) };
    const reg: SheetData = { name: "残疾职工", origin: "A1", values: [["工号", "姓名", "身份证号", "残疾人证号", "残联认定", "社保缴纳"], [outsider.no, outsider.name, outsider.id, cert(90, 1), "是", "是"]] };
    const a = analyseWorkbook([params(), roster(), payroll(), reg], { today: TODAY });
    expect(a.calculation!.certifiedDisabled).toBe("0");
    expect(money(a)).toEqual(CLEAN);
    expect(codes(a)).toContain("DS_NOT_IN_ROSTER");
  });
});

describe("员工状态 离职 without a leave date", () => {
  it("is an error naming the people (was: counted all year, no finding)", () => {
    const r = roster(["员工状态"], (i) => [i < 5 ? "离职" : "在职"]);
    const a = analyseWorkbook([params(), r, payroll()], { today: TODAY });
    const f = a.findings.find((x) => x.code === "HC_LEFT_NO_DATE")!;
    expect(f.severity).toBe("error");
    expect(f.rows).toBe(5);
    expect(f.message.zh).toContain("E001 职工1（离职）");
  });
});

describe("a payroll linked by name only, two people of the same name", () => {
  it("is an error (was: a warning, with an intern's pay possibly counted)", () => {
    const r = roster();
    // Row 3 (职工2) becomes a second 职工1, an intern.
    r.values[2] = [...r.values[2]];
    r.values[2][1] = "职工1";
    r.values[2][3] = "实习";
    const pay: SheetData = { name: "工资表", origin: "A1", values: [["姓名", "月份", "基本工资"], ...staff.flatMap((s, i) => Array.from({ length: 12 }, (_, m) => [i === 1 ? "职工1" : s.name, `2024-${String(m + 1).padStart(2, "0")}`, 10000]))] };
    const a = analyseWorkbook([params(), r, pay], { today: TODAY });
    expect(codes(a, "error")).toContain("DATA_AMBIGUOUS_PERSON");
  });
});

describe("a disabled employee's low wage with no minimum wage given", () => {
  // E001 certified, grade 3 (weight 1), on post all year. Counted: 1 / 40 = 2.5% ≥ 1.5%, quota met, payable 0.00.
  // Not counted: the clean company's 64,800.00. The tool cannot tell whether 1,500 (or 2,300: Shanghai's first tier
  // is higher) reaches the local minimum, so the person is not counted and an error names them with the difference.
  const reg = (wage: number): SheetData => ({ name: "残疾职工", origin: "A1", values: [["工号", "姓名", "身份证号", "残疾人证号", "残联认定", "社保缴纳", "月工资"], [staff[0].no, staff[0].name, staff[0].id, cert(1, 3), "是", "是", wage]] });
  for (const wage of [1500, 2300]) {
    it(`is an error naming the person and the money when the wage is ${wage} (was: a warning, counted)`, () => {
      const a = analyseWorkbook([params(), roster(), payroll(), reg(wage)], { today: TODAY });
      expect(money(a)).toEqual(CLEAN);
      expect(a.calculation!.certifiedDisabled).toBe("0");
      const f = a.findings.find((x) => x.code === "DS_WAGE_UNCHECKED")!;
      expect(f.severity).toBe("error");
      expect(f.message.zh).toContain("E001 职工1");
      expect(f.cells).toEqual([{ sheet: "残疾职工", address: "G2" }]);
      // amount at stake: |0.00 − 64,800.00|
      expect(f.amount).toBe("64800.00");
      expect(f.message.en).toContain("the payable falls by 64,800.00");
    });
  }
  it("with 最低工资 given, the exact check decides: 1,500 < 2,490 does not count (DS_WAGE_BELOW_MIN), 8,000 counts", () => {
    const withMin = params([["地区", "CN"], ["申报年度", 2025], ["最低工资", 2490]]);
    const low = analyseWorkbook([withMin, roster(), payroll(), reg(1500)], { today: TODAY });
    expect(money(low)).toEqual(CLEAN);
    expect(codes(low)).toContain("DS_WAGE_BELOW_MIN");
    expect(codes(low)).not.toContain("DS_WAGE_UNCHECKED");
    const ok = analyseWorkbook([withMin, roster(), payroll(), reg(8000)], { today: TODAY });
    expect(ok.calculation!.payable).toBe("0.00");
    expect(codes(ok)).not.toContain("DS_WAGE_UNCHECKED");
  });
});

describe("a disabled employee whose social insurance is blank", () => {
  // As above: counted → payable 0.00; not counted → 64,800.00. 72号 第七条: only with social insurance paid in full.
  const reg = (si: CellValue, certified: CellValue = "是"): SheetData => ({ name: "残疾职工", origin: "A1", values: [["工号", "姓名", "身份证号", "残疾人证号", "残联认定", "社保缴纳", "月工资"], [staff[0].no, staff[0].name, staff[0].id, cert(1, 3), certified, si, 8000]] });
  const rosterBlankSi = (): SheetData => {
    const r = roster();
    r.values[1][8] = null;
    return r;
  };
  it("is not counted, with an error naming the person and the money (was: counted, no finding)", () => {
    const withMin = params([["地区", "CN"], ["申报年度", 2025], ["最低工资", 2490]]);
    const a = analyseWorkbook([withMin, rosterBlankSi(), payroll(), reg(null)], { today: TODAY });
    expect(money(a)).toEqual(CLEAN);
    const f = a.findings.find((x) => x.code === "DS_SOCIAL_INSURANCE_UNKNOWN")!;
    expect(f.severity).toBe("error");
    expect(f.message.zh).toContain("E001 职工1");
    expect(f.cells).toEqual([{ sheet: "残疾职工", address: "F2" }]);
    expect(f.amount).toBe("64800.00");
  });
  it("the roster's 是 answers for a blank register cell; 否 is DS_NO_SOCIAL_INSURANCE", () => {
    const withMin = params([["地区", "CN"], ["申报年度", 2025], ["最低工资", 2490]]);
    const yes = analyseWorkbook([withMin, roster(), payroll(), reg(null)], { today: TODAY });
    expect(yes.calculation!.payable).toBe("0.00");
    expect(codes(yes)).not.toContain("DS_SOCIAL_INSURANCE_UNKNOWN");
    const no = analyseWorkbook([withMin, roster(), payroll(), reg("否")], { today: TODAY });
    expect(money(no)).toEqual(CLEAN);
    expect(codes(no)).toContain("DS_NO_SOCIAL_INSURANCE");
  });
  it("is only a warning when the person does not count anyway (not certified)", () => {
    const withMin = params([["地区", "CN"], ["申报年度", 2025], ["最低工资", 2490]]);
    const a = analyseWorkbook([withMin, rosterBlankSi(), payroll(), reg(null, "否")], { today: TODAY });
    expect(money(a)).toEqual(CLEAN);
    expect(a.findings.find((x) => x.code === "DS_SOCIAL_INSURANCE_UNKNOWN")!.severity).toBe("warning");
  });
});

describe("pay of people the roster does not know", () => {
  it("is an error: counted in the wage total but absent from the headcount", () => {
    const p = payroll();
    for (let m = 1; m <= 12; m++) p.values.push(["Z001", "外包人员", `2024-${String(m).padStart(2, "0")}`, 5000]);
    const a = analyseWorkbook([params(), roster(), p], { today: TODAY });
    expect(a.calculation!.wageTotal).toBe("4860000");
    expect(a.findings.find((f) => f.code === "DATA_UNMATCHED_PERSON")?.severity).toBe("error");
  });
});

describe("TIER_NEAR names the band the hires actually reach", () => {
  it("one hire on 40 staff meets the full quota (1/40 = 2.5% ≥ 1.5%): says full compliance, not the 50% band", () => {
    const a = analyseWorkbook([params(), roster(), payroll()], { today: TODAY });
    const f = a.findings.find((x) => x.code === "TIER_NEAR")!;
    expect(f.message.zh).toContain("足额安排");
    expect(f.message.zh).toContain("降至 0.00");
  });
});
