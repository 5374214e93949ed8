/**
 * The header dictionary on HR-system payroll vocabulary (adversarial report 3, defects 2, 5, 12): what each header
 * means, and the headers that must keep their old meaning. The money effect is tested on real .xlsx in
 * test/corpus/payroll-vocabulary.test.ts.
 */
import { describe, expect, it } from "vitest";
import { recogniseHeader } from "../../src/workbook/headers";
import { detectTables } from "../../src/workbook/detect";
import { emptyMapping } from "../../src/workbook/mapping";
import { PAY_CATEGORIES } from "../../src/workbook/fields";
import type { CellValue, SheetData } from "../../src/workbook/types";

function id(header: string): string | null {
  const m = recogniseHeader(header);
  if (!m) return null;
  return m.field === "pay" ? `pay:${m.category}` : m.field;
}

describe("rates, standards and bases are reference figures, not pay", () => {
  for (const h of ["工资标准", "月薪标准", "薪资标准", "基本工资标准", "岗位工资标准", "补贴标准", "定薪", "合同工资", "约定工资", "档案工资", "上年月平均工资", "年平均工资", "计税基数", "工资基数", "日薪", "工资标准（元/月）"]) {
    it(`${h} → pay:payRate`, () => expect(id(h)).toBe("pay:payRate"));
  }
  for (const h of ["社保缴费工资", "缴费工资", "社保缴费基数", "缴费基数"]) it(`${h} → the contribution base`, () => expect(id(h)).toBe("pay:socialInsuranceBase"));
  for (const h of ["银行代发工资", "代发金额", "实付工资", "实发工资"]) it(`${h} → net pay`, () => expect(id(h)).toBe("pay:netPay"));
  it("every reference category is of kind reference", () => {
    for (const c of ["payRate", "payCount", "payOtherPeriod", "payBreakdown"] as const) expect(PAY_CATEGORIES[c].kind).toBe("reference");
  });
});

describe("counts are not amounts, whether or not they carry a pay word", () => {
  for (const h of ["计薪天数", "出勤天数", "实际出勤天数", "病假天数", "薪级", "薪资档位", "薪资等级", "加班小时", "加班时长", "加班工时", "绩效系数", "工龄", "工龄(年)"]) {
    it(`${h} → pay:payCount`, () => expect(id(h)).toBe("pay:payCount"));
  }
});

describe("another period, a budget, a breakdown; this month's gross", () => {
  for (const h of ["上月应发", "上月应发工资", "去年同期应发", "上年同期应发", "预算工资", "计划工资", "预计年终奖", "应发工资(上月)", "应发工资（预算）"]) {
    it(`${h} → pay:payOtherPeriod`, () => expect(id(h)).toBe("pay:payOtherPeriod"));
  }
  for (const h of ["其中：绩效奖金", "其中:加班费"]) it(`${h} → pay:payBreakdown`, () => expect(id(h)).toBe("pay:payBreakdown"));
  for (const h of ["本月应发", "当月应发工资", "调整后应发", "实际应发", "应发工资（调整后）", "应发工资（调整前）"]) it(`${h} → gross pay`, () => expect(id(h)).toBe("pay:grossPay"));
});

describe("HR-system period and status headers", () => {
  for (const h of ["发薪月份", "薪资期间", "薪酬期间", "算薪周期", "薪资所属月份", "薪资月份", "计薪月份", "工资所属期", "发放月份", "所属期间", "核算期间"]) {
    it(`${h} → month`, () => expect(id(h)).toBe("month"));
  }
  for (const h of ["工资条发送状态", "发薪日期", "工资发放方式", "发放日期"]) it(`${h} → not a column the tool reads`, () => expect(id(h)).toBeNull());
  for (const h of ["员工编码", "人员编码"]) it(`${h} → employee ID`, () => expect(id(h)).toBe("employeeId"));
});

describe("headers that keep their meaning", () => {
  const keep: Array<[string, string]> = [
    ["标准工资", "pay:timeWage"],
    ["薪级工资", "pay:timeWage"],
    ["工龄工资", "pay:timeWage"],
    ["基本工资", "pay:timeWage"],
    ["岗位工资", "pay:timeWage"],
    ["补发工资", "pay:timeWage"],
    ["年薪", "pay:timeWage"],
    ["绩效", "pay:bonus"],
    ["绩效工资", "pay:bonus"],
    ["上年年终奖", "pay:bonus"],
    ["全年一次性奖金", "pay:bonus"],
    ["加班费", "pay:overtime"],
    ["计划生育费", "pay:oneChild"],
    ["上年工资总额", "pay:timeWage"],
    ["应发工资", "pay:grossPay"],
    ["税前收入合计", "pay:grossPay"],
    ["本期收入", "pay:grossPay"],
    ["月薪", "monthlyWage"],
    ["月工资", "monthlyWage"],
    ["社保缴纳状态", "socialInsurance"],
    ["员工状态", "employeeStatus"],
    ["合同期间", "contractTerm"],
  ];
  for (const [h, want] of keep) it(`${h} → ${want}`, () => expect(id(h)).toBe(want));
});

describe("a payroll table's columns (detect.ts)", () => {
  const sheet = (name: string, rows: CellValue[][]): SheetData => ({ name, origin: "A1", values: rows });
  const payroll = (header: string[], row: CellValue[]) => detectTables([sheet("2024工资", [header, row, row])], emptyMapping()).tables.find((t) => t.kind === "payroll")!;

  it("reference columns are shown with their meaning but are not among the pay columns read", () => {
    const t = payroll(["工号", "姓名", "月份", "工资标准", "计薪天数", "基本工资", "绩效奖金"], ["E1", "张三", "2024-01", 9000, 21.75, 9000, 200]);
    expect(t.columns.find((c) => c.header === "工资标准")?.meaning).toEqual({ field: "pay", category: "payRate" });
    expect(t.columns.find((c) => c.header === "计薪天数")?.meaning).toEqual({ field: "pay", category: "payCount" });
    expect(t.pay.map((p) => p.category)).toEqual(["timeWage", "bonus"]);
  });
  it("月薪 in a payroll is a rate; 月工资 stays the month's pay", () => {
    expect(payroll(["工号", "姓名", "月份", "月薪", "基本工资"], ["E1", "张三", "2024-01", 9000, 9000]).pay.map((p) => p.category)).toEqual(["timeWage"]);
    expect(payroll(["工号", "姓名", "月份", "月工资"], ["E1", "张三", "2024-01", 9000]).pay.map((p) => p.category)).toEqual(["timeWage"]);
  });
  it("年薪 on monthly rows is a rate; on a whole-year payroll it is the year's pay", () => {
    expect(payroll(["工号", "姓名", "月份", "年薪", "基本工资"], ["E1", "张三", "2024-01", 108000, 9000]).pay.map((p) => p.index)).toEqual([4]);
    expect(payroll(["工号", "姓名", "年薪"], ["E1", "张三", 108000]).pay.map((p) => p.category)).toEqual(["timeWage"]);
  });
  it("调整后 over 调整前, and the plain gross over 调整前; two plain gross columns are both kept for the rules to compare", () => {
    expect(payroll(["工号", "姓名", "月份", "应发工资（调整前）", "应发工资（调整后）"], ["E1", "张三", "2024-01", 1, 2]).pay.map((p) => p.index)).toEqual([4]);
    expect(payroll(["工号", "姓名", "月份", "调整前应发", "应发工资"], ["E1", "张三", "2024-01", 1, 2]).pay.map((p) => p.index)).toEqual([4]);
    expect(payroll(["工号", "姓名", "月份", "应发工资", "应发合计"], ["E1", "张三", "2024-01", 1, 2]).pay.map((p) => p.index)).toEqual([3, 4]);
  });
  it("a field-description row under the header (文本 | 数值 | 年月) is part of the header", () => {
    const t = detectTables([sheet("薪资", [["工号", "姓名", "薪资期间", "税前工资"], ["文本", "文本", "年月", "数值"], ["E1", "张三", "2024年01月", 9000]])], emptyMapping()).tables[0];
    expect(t.kind).toBe("payroll");
    expect(t.dataStart).toBe(2);
  });
});
