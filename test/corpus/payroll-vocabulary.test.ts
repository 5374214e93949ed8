/**
 * Payroll column vocabulary (adversarial report 3, defects 2, 5 and the header part of 12): real HR-system headers,
 * rate/standard/count columns beside the pay, and several gross-like columns. Every workbook is written by ExcelJS
 * (adversarial-workbooks.ts, the base company), read by the real reader and audited.
 *
 * Figures, by hand (base company: 100 staff, person i paid 8,000 + 50·i a month, one certified grade-3 disabled
 * employee, 浙江, social average 100,000, cap 2 × 100,000 = 200,000 not reached):
 *   base          W = 12 × (800,000 + 50 × 5,050) = 12 × 1,052,500 = 12,630,000.00; N = 100; average 126,300.00
 *                 required 1.5, A = 1, shortfall 0.5 → gross 63,150.00; ratio 1% → 浙江 band pays 50% → 31,575.00
 *   + 绩效 200    W = 12,630,000 + 200 × 100 × 12 = 12,870,000.00; average 128,700.00; gross 0.5 × 128,700 = 64,350.00
 *                 → pays 50% → 32,175.00
 *   + 其中 500    应发 = pay + 500: W = 12,630,000 + 500 × 1,200 = 13,230,000.00; average 132,300.00; gross 66,150.00
 *                 → 33,075.00
 */
import type ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readXlsx } from "../../src/cli/xlsx-reader";
import { analyseWorkbook } from "../../src/validation/analyse";
import { runCli } from "../cli/helpers";
import { D, baseWorkbook } from "./adversarial-workbooks";
import type { BaseOptions, Staff } from "./adversarial-workbooks";

const TODAY = "2025-07-01";
const dir = mkdtempSync(join(tmpdir(), "levy-paycols-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function save(wb: ExcelJS.Workbook): Promise<string> {
  const file = join(dir, `v${n++}.xlsx`);
  await wb.xlsx.writeFile(file);
  return file;
}

async function audit(wb: ExcelJS.Workbook) {
  const { sheets } = await readXlsx(await save(wb));
  return analyseWorkbook(sheets, { today: TODAY });
}

type Audit = Awaited<ReturnType<typeof audit>>;

function errors(a: Audit, code?: string) {
  return a.findings.filter((f) => f.severity === "error" && (!code || f.code === code));
}

function payrollColumn(a: Audit, header: string) {
  const t = a.tables.find((x) => x.kind === "payroll")!;
  return t.columns.find((c) => c.header === header)!;
}

const BASE = { wageTotal: "12630000", headcount: "100", certifiedDisabled: "1", payable: "31575.00" };
const WITH_BONUS = { wageTotal: "12870000", headcount: "100", certifiedDisabled: "1", payable: "32175.00" };
const month = (m: number) => `2024-${String(m).padStart(2, "0")}`;

/** The tester's layout (g11/g12/g31): one extra column X before 基本工资 | 绩效奖金 | 个税 | 实发工资, no 应发 column. */
function withColumn(header: string, value: (p: Staff) => ExcelJS.CellValue): BaseOptions {
  return {
    payrollHeader: ["工号", "姓名", "工资月份", header, "基本工资", "绩效奖金", "个税", "实发工资"],
    payrollRow: (p, m) => [p.no, p.name, month(m), value(p), p.pay, 200, 100, p.pay + 100],
  };
}

describe("defect 2: rate, base and count columns are never summed as wages", () => {
  // Each column below was added to the wage total: rates doubled W to ~25.5M (payable capped at 50,000.00), 年薪 made
  // it 164,430,000, counts added their days/grades (32,240.25 for 计薪天数 21.75). The wage total is 基本工资 + 绩效奖金.
  const rates: Array<[string, (p: Staff) => ExcelJS.CellValue]> = [
    ["工资标准", (p) => p.pay],
    ["月薪", (p) => p.pay],
    ["月薪标准", (p) => p.pay],
    ["薪资标准", (p) => p.pay],
    ["基本工资标准", (p) => p.pay],
    ["定薪", (p) => p.pay],
    ["合同工资", (p) => p.pay],
    ["年薪", (p) => 12 * p.pay],
    ["上年月平均工资", (p) => p.pay - 300],
    ["计税基数", (p) => p.pay],
  ];
  for (const [header, value] of rates) {
    it(`${header}: a rate, shown as not used; W 12,870,000, payable 32,175.00, no error`, async () => {
      const a = await audit(baseWorkbook(withColumn(header, value)));
      expect(a.calculation).toMatchObject(WITH_BONUS);
      expect(errors(a)).toEqual([]);
      expect(payrollColumn(a, header)).toMatchObject({ field: "pay:payRate", payKind: "reference" });
      expect(a.wages?.columns.map((c) => c.header)).not.toContain(header);
    });
  }
  const counts: Array<[string, ExcelJS.CellValue]> = [
    ["计薪天数", 21.75],
    ["出勤天数", 21.75],
    ["薪级", 5],
    ["薪资档位", 3],
    ["加班小时", 10],
    ["绩效系数", 1.2],
    ["工龄", 9],
  ];
  for (const [header, value] of counts) {
    it(`${header}: a count, shown as not used; W 12,870,000, payable 32,175.00`, async () => {
      const a = await audit(baseWorkbook(withColumn(header, () => value)));
      expect(a.calculation).toMatchObject(WITH_BONUS);
      expect(errors(a)).toEqual([]);
      expect(payrollColumn(a, header)).toMatchObject({ field: "pay:payCount", payKind: "reference" });
    });
  }
  it("a count written as text (薪级 “P5”) neither rejects the row nor is read", async () => {
    const a = await audit(baseWorkbook(withColumn("薪级", () => "P5")));
    expect(a.calculation).toMatchObject(WITH_BONUS);
    expect(a.rows.rejected).toBe(0);
    expect(errors(a)).toEqual([]);
  });
  for (const [header, category] of [
    ["社保缴费工资", "pay:socialInsuranceBase"],
    ["缴费基数", "pay:socialInsuranceBase"],
    ["银行代发工资", "pay:netPay"],
    ["实付工资", "pay:netPay"],
  ] as const) {
    it(`${header} is ${category}, not wages: W 12,870,000, payable 32,175.00`, async () => {
      const a = await audit(baseWorkbook(withColumn(header, (p) => p.pay + 100)));
      expect(a.calculation).toMatchObject(WITH_BONUS);
      expect(payrollColumn(a, header).field).toBe(category);
      expect(errors(a)).toEqual([]);
    });
  }
  it("年薪 on monthly rows without a social average (no cap to hide it): 32,175.00, not 411,075.00", async () => {
    const wb = baseWorkbook(withColumn("年薪", (p) => 12 * p.pay));
    const par = wb.getWorksheet("参数")!;
    par.eachRow((row, r) => {
      if (row.getCell(1).value === "当地社平工资") par.spliceRows(r, 1);
    });
    const a = await audit(wb);
    expect(a.calculation).toMatchObject(WITH_BONUS);
  });
  it("年薪 on the roster (one row per person per year) is still the year's pay", async () => {
    // No separate payroll: the roster's 年薪 column (12 × monthly pay) is W = 12,630,000 → 31,575.00 as the base.
    const wb = baseWorkbook({ payrollHeader: ["说明"], payrollRow: () => [] });
    wb.removeWorksheet(wb.getWorksheet("2024工资")!.id);
    const ros = wb.getWorksheet("花名册")!;
    ros.getRow(2).getCell(10).value = "年薪";
    ros.eachRow((row, r) => {
      if (r > 2) row.getCell(10).value = 12 * (8000 + 50 * (r - 2));
    });
    const a = await audit(wb);
    expect(a.calculation).toMatchObject(BASE);
  });
  it("工资标准 beside an 应发 column: the components reconcile with it, no WG_TOTAL_UNRECONCILED", async () => {
    // 基本工资 + 绩效奖金 = 应发工资 on every row: W 12,870,000 → 32,175.00.
    const a = await audit(
      baseWorkbook({
        payrollHeader: ["工号", "姓名", "工资月份", "工资标准", "基本工资", "绩效奖金", "应发工资", "个税", "实发工资"],
        payrollRow: (p, m) => [p.no, p.name, month(m), p.pay, p.pay, 200, p.pay + 200, 100, p.pay + 100],
      }),
    );
    expect(a.calculation).toMatchObject(WITH_BONUS);
    expect(a.findings.map((f) => f.code)).not.toContain("WG_TOTAL_UNRECONCILED");
    expect(errors(a)).toEqual([]);
  });
  for (const only of ["工资标准", "月薪", "合同工资"]) {
    it(`only ${only} beside net pay: the wage total is refused with WG_PAY_RATE_ONLY naming the column, no guess`, async () => {
      const a = await audit(
        baseWorkbook({
          payrollHeader: ["工号", "姓名", "工资月份", only, "实发工资"],
          payrollRow: (p, m) => [p.no, p.name, month(m), p.pay, p.pay - 900],
        }),
      );
      // Nothing read as wages: W 0, and an error beside it naming the rate column's header cell (D1).
      expect(a.calculation?.wageTotal).toBe("0");
      const f = errors(a, "WG_PAY_RATE_ONLY");
      expect(f).toHaveLength(1);
      expect(f[0].cells).toEqual([{ sheet: "2024工资", address: "D1" }]);
      expect(f[0].message.zh).toContain(only);
      expect(errors(a, "WG_NO_GROSS_PAY")).toHaveLength(1);
    });
  }
  it("the CLI lists a rate column as unused, with what it is, and exits 0", async () => {
    const file = await save(baseWorkbook(withColumn("工资标准", (p) => p.pay)));
    const r = await runCli(["audit", file, "--today", TODAY], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/未使用 unused: 工资标准：非当期发放的工资标准或定额 pay rate or standard/);
    expect(r.stdout).toContain("32,175.00");
  });
});

describe("defect 5: two gross columns, never the first by default", () => {
  const gross = (h: string[], row: (p: Staff) => ExcelJS.CellValue[]): BaseOptions => ({
    payrollHeader: ["工号", "姓名", "工资月份", ...h],
    payrollRow: (p, m) => [p.no, p.name, month(m), ...row(p)],
  });
  const settled: Array<[string, BaseOptions, string, string]> = [
    // [case, workbook, column used, column left out]; the one used holds pay, so W 12,630,000 → 31,575.00.
    ["应发工资（调整前）/（调整后）", gross(["应发工资（调整前）", "应发工资（调整后）", "实发工资"], (p) => [p.pay - 100, p.pay, p.pay - 100]), "E1", "D1"],
    ["本月应发 / 上月应发", gross(["本月应发", "上月应发", "实发工资"], (p) => [p.pay, p.pay - 250, p.pay - 100]), "D1", "E1"],
    ["预算工资 / 应发工资", gross(["预算工资", "应发工资", "实发工资"], (p) => [p.pay + 1000, p.pay, p.pay - 100]), "E1", "D1"],
    ["应发工资 / 去年同期应发", gross(["应发工资", "去年同期应发", "实发工资"], (p) => [p.pay, p.pay - 300, p.pay - 100]), "D1", "E1"],
    ["应发工资 / 调整后应发", gross(["应发工资", "调整后应发", "实发工资"], (p) => [p.pay - 80, p.pay, p.pay - 100]), "E1", "D1"],
  ];
  for (const [name, o, used, left] of settled) {
    it(`${name}: the qualifier settles it — W 12,630,000, payable 31,575.00, WG_GROSS_CHOSEN info naming both`, async () => {
      const a = await audit(baseWorkbook(o));
      expect(a.calculation).toMatchObject(BASE);
      expect(errors(a)).toEqual([]);
      const f = a.findings.filter((x) => x.code === "WG_GROSS_CHOSEN");
      expect(f).toHaveLength(1);
      expect(f[0].severity).toBe("info");
      expect(f[0].cells.map((c) => c.address).sort()).toEqual([used, left].sort());
      expect(f[0].message.zh).toMatch(new RegExp(`工资总额取 ${used[0]} `));
    });
  }
  it("其中：绩效奖金 under 应发工资 is a breakdown: W = 应发, 13,230,000 → 33,075.00, no WG_TOTAL_UNRECONCILED", async () => {
    const a = await audit(baseWorkbook(gross(["应发工资", "其中：绩效奖金", "实发工资"], (p) => [p.pay + 500, 500, p.pay + 400])));
    expect(a.calculation).toMatchObject({ wageTotal: "13230000", payable: "33075.00" });
    expect(errors(a)).toEqual([]);
    expect(a.findings.find((x) => x.code === "WG_GROSS_CHOSEN")?.cells.map((c) => c.address)).toEqual(["D1", "E1"]);
  });
  it("two unqualified gross columns with different sums: an error naming both (the first is used meanwhile)", async () => {
    // 应发工资 = pay, 应发合计 = pay + 100: sums 12,630,000 and 12,750,000; nothing says which is right.
    const a = await audit(baseWorkbook(gross(["应发工资", "应发合计", "实发工资"], (p) => [p.pay, p.pay + 100, p.pay - 100])));
    expect(a.calculation?.wageTotal).toBe("12630000");
    const f = errors(a, "WG_GROSS_AMBIGUOUS");
    expect(f).toHaveLength(1);
    expect(f[0].cells).toEqual([
      { sheet: "2024工资", address: "D1" },
      { sheet: "2024工资", address: "E1" },
    ]);
    expect(f[0].message.zh).toContain("12,630,000.00");
    expect(f[0].message.zh).toContain("12,750,000.00");
  });
  it("two unqualified gross columns that agree: 31,575.00, and no WG_GROSS_AMBIGUOUS (the sums agree)", async () => {
    // (Whether the second repeats the first or holds more pay is still asked, by DATA_DOUBLE_SOURCE.)
    const a = await audit(baseWorkbook(gross(["应发工资", "应发合计", "实发工资"], (p) => [p.pay, p.pay, p.pay - 100])));
    expect(a.calculation).toMatchObject(BASE);
    expect(errors(a, "WG_GROSS_AMBIGUOUS")).toEqual([]);
  });
});

describe("defect 12 (vocabulary) and a metamorphic check: the same people under HR-system headers give the same levy", () => {
  // Every rendering below carries the base company's pay (应发 = pay) and must give exactly the base figures,
  // 31,575.00 and no error; the base rendering is audited too and must agree with the hand figures.
  const asDate = (m: number) => D(2024, m, 1);
  const renderings: Array<[string, BaseOptions]> = [
    ["用友HR", { payrollHeader: ["人员编码", "人员姓名", "期间", "应发合计", "扣款合计", "实发合计"], payrollRow: (p, m) => [p.no, p.name, month(m), p.pay, 100, p.pay - 100] }],
    ["金蝶s-HR", { payrollHeader: ["员工编码", "员工姓名", "薪酬期间", "应发合计", "扣款合计", "实发合计"], payrollRow: (p, m) => [p.no, p.name, month(m), p.pay, 100, p.pay - 100] }],
    ["飞书", { payrollHeader: ["工号", "姓名", "算薪周期", "税前收入合计", "个税", "税后收入"], payrollRow: (p, m) => [p.no, p.name, month(m), p.pay, 100, p.pay - 100] }],
    ["北森", { payrollHeader: ["工号", "姓名", "薪资所属月份", "应发薪资", "实发薪资", "发放日期"], payrollRow: (p, m) => [p.no, p.name, month(m), p.pay, p.pay - 100, D(2024, m, 10)] }],
    ["钉钉", { payrollHeader: ["工号", "姓名", "发薪月份", "应发工资", "实发工资", "工资条发送状态"], payrollRow: (p, m) => [p.no, p.name, month(m), p.pay, p.pay - 100, "已发送"] }],
    ["Moka", { payrollHeader: ["员工ID", "姓名", "月份", "税前工资", "税后工资", "银行卡号"], payrollRow: (p, m) => [p.no, p.name, month(m), p.pay, p.pay - 100, "6222020000000000"] }],
    ["本月应发", { payrollHeader: ["工号", "姓名", "工资月份", "本月应发", "实发工资"], payrollRow: (p, m) => [p.no, p.name, month(m), p.pay, p.pay - 100] }],
    ["工资标准 beside 应发", { payrollHeader: ["工号", "姓名", "工资月份", "工资标准", "基本工资", "应发工资", "实发工资"], payrollRow: (p, m) => [p.no, p.name, month(m), p.pay + 500, p.pay, p.pay, p.pay - 100] }],
    ["计薪天数 and 出勤天数 beside 应发", { payrollHeader: ["工号", "姓名", "计薪月份", "计薪天数", "出勤天数", "应发工资"], payrollRow: (p, m) => [p.no, p.name, month(m), 21.75, 21, p.pay] }],
  ];
  for (const h of ["发薪月份", "薪资期间", "薪酬期间", "算薪周期", "薪资所属月份", "薪资月份", "计薪月份", "工资所属期", "发放月份"]) {
    renderings.push([`${h} as text`, { payrollHeader: ["姓名", "工号", h, "基本工资", "应发工资", "实发工资"], payrollRow: (p, m) => [p.name, p.no, `2024年${String(m).padStart(2, "0")}月`, p.pay, p.pay, p.pay - 100] }]);
    renderings.push([`${h} as a date`, { payrollHeader: ["姓名", "工号", h, "基本工资", "应发工资", "实发工资"], payrollRow: (p, m) => [p.name, p.no, asDate(m), p.pay, p.pay, p.pay - 100] }]);
  }

  let base: Audit;
  it("the base rendering: W 12,630,000, payable 31,575.00, no error", async () => {
    base = await audit(baseWorkbook());
    expect(base.calculation).toMatchObject(BASE);
    expect(errors(base)).toEqual([]);
  });
  for (const [name, o] of renderings) {
    it(`${name}: the same form columns 4–12 as the base rendering`, async () => {
      base ??= await audit(baseWorkbook());
      const a = await audit(baseWorkbook(o));
      expect(a.calculation).toMatchObject(BASE);
      for (const k of ["wageTotal", "headcount", "averageWage", "grossDue", "reduction", "payable"] as const) expect(a.calculation?.[k], k).toBe(base.calculation?.[k]);
      expect(errors(a)).toEqual([]);
      expect(a.rows.rejected).toBe(0);
      const t = a.tables.find((x) => x.kind === "payroll")!;
      expect(t.columns.filter((c) => c.field === "month")).toHaveLength(1);
    });
  }
  it("北森's field-description row under the header (文本 | 数值 | 年月) is header, not a rejected row", async () => {
    const wb = baseWorkbook({ payrollHeader: ["员工工号", "员工姓名", "证件号码", "薪资期间", "税前工资", "个人所得税", "税后工资"], payrollRow: (p, m) => [p.no, p.name, p.id, `2024年${String(m).padStart(2, "0")}月`, p.pay, 100, p.pay - 100] });
    wb.getWorksheet("2024工资")!.spliceRows(2, 0, ["文本", "文本", "文本", "年月", "数值", "数值", "数值"]);
    const a = await audit(wb);
    expect(a.calculation).toMatchObject(BASE);
    expect(errors(a)).toEqual([]);
    expect(a.rows.rejected).toBe(0);
  });
});
