import { beforeAll, describe, expect, it } from "vitest";
import { StubExcelError, callExcel, installCustomFunctionsStub } from "./custom-functions-stub";

installCustomFunctionsStub();
// Imported after the stub is installed, as in Excel where the runtime defines CustomFunctions first.
let F: typeof import("../../src/functions/functions");
beforeAll(async () => {
  F = await import("../../src/functions/functions");
});

const SETTINGS_2025 = [
  ["地区", "CN"],
  ["申报年度", 2025],
  ["单位类型", "企业"],
  ["社会平均工资", 60000],
];

function excelError(fn: () => unknown): StubExcelError {
  const r = callExcel(fn);
  if ("value" in r) throw new Error(`expected an Excel error, got ${JSON.stringify(r.value)}`);
  return r.error;
}

describe("LEVY.* adapters", () => {
  it("DUE / GROSS / REDUCTION follow example 1 (20,000 payable, not seed 003's 40,000)", () => {
    expect(F.gross(100, 1, 8_000_000, SETTINGS_2025)).toBe(40000);
    expect(F.reduction(100, 1, 8_000_000, SETTINGS_2025)).toBe(20000);
    expect(F.due(100, 1, 8_000_000, SETTINGS_2025)).toBe(20000);
    expect(F.tier(100, 1, 8_000_000, SETTINGS_2025)).toBe("50%档 tier-50");
  });

  it("settings carry region, local collection rate and already-paid; explicit args win", () => {
    const settings = [
      ["region", "盐城市"],
      ["filingYear", "2025"],
      ["socialAverageWage", "52,389"],
      ["已缴", "10000"],
    ];
    expect(F.gross(100, 0, 20_000_000, settings)).toBe(94300.2);
    expect(F.due(100, 0, 20_000_000, settings)).toBe(74870.18);
  });

  it("omitted optional arguments arrive as null and are accepted", () => {
    expect(F.required(200, null as unknown as undefined)).toBe(3);
    expect(F.shortfall(200, null, undefined)).toBe(3);
  });

  it("AVGHEADCOUNT takes 12×1 counts and 12×2 start/end pairs", () => {
    const counts = [[10], [10], [10], [10], [10], [10], [20], [20], [20], [20], [20], [20]];
    expect(F.avgHeadcount(counts)).toBe(15);
    const pairs = [48, 50, 50, 52, 55, 55, 56, 56, 58, 60, 60, 61].map((s, i) => [s, [50, 50, 52, 55, 55, 56, 56, 58, 60, 60, 61, 62][i]]);
    expect(F.avgHeadcount(pairs)).toBeCloseTo(55.666666666666664, 12);
  });

  it("AVGHEADCOUNT refuses a blank month and a wrong shape with #VALUE! and a bilingual message", () => {
    const blank = [[10], [10], [null], [10], [10], [10], [10], [10], [10], [10], [10], [10]];
    const e = excelError(() => F.avgHeadcount(blank));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain("第3月");
    expect(e.message).toContain("month 3");
    expect(excelError(() => F.avgHeadcount([[1, 2, 3]])).message).toContain("1×3");
  });

  it("AVGWAGE returns column 8, or the capped base when a social average is given", () => {
    expect(F.avgWage(45_000_000, 150, null, SETTINGS_2025.slice(0, 2))).toBe(300000);
    expect(F.avgWage(45_000_000, 150, 100000, null as unknown as undefined)).toBe(200000);
  });

  it("LATEFEE reads Excel date serials: 2025-06-30 = 45838, 2025-07-20 = 45858 → 2,000.00", () => {
    expect(F.lateFee(20000, 45838, 45858)).toBe(2000);
    expect(F.lateFee(20000, "2025-06-30", "2025年7月20日")).toBe(2000);
    expect(F.lateFee(20000, 45838, 45858, [["滞纳金日费率", "0.05%"]])).toBe(200);
  });

  it("INSTALLMENT: the fourth quarter absorbs the rounding", () => {
    expect([1, 2, 3, 4].map((q) => F.installment(100.01, q))).toEqual([25, 25, 25, 25.01]);
    expect(excelError(() => F.installment(100, 5)).code).toBe("#NUM!");
  });

  it("DISABLEDWEIGHT from the certificate; numbers that lost digits are refused", () => {
    expect(F.disabledWeight("11010519491231002X11")).toBe(2);
    expect(F.disabledWeight("11010519491231002X53")).toBe(1);
    expect(F.disabledWeight("残疾军人证 3级")).toBe(2);
    expect(excelError(() => F.disabledWeight(1.1010519491231002e19)).message).toContain("text");
    expect(excelError(() => F.disabledWeight("11010519491231002081")).code).toBe("#VALUE!");
  });

  it("CHECKID", () => {
    expect(F.checkId("11010519491231002X")).toBe(true);
    expect(F.checkId("110105194912310021")).toBe(false);
    expect(excelError(() => F.checkId(110105194912310020)).code).toBe("#VALUE!");
  });

  it("RULE gives the value in force by filing year and region", () => {
    expect(F.rule("quotaRatio", [["地区", "河南"], ["申报年度", 2025]])).toBe(0.016);
    expect(F.rule("封顶倍数", [["申报年度", 2017]])).toBe(3);
    expect(F.rule("capMultiple", [["申报日期", "2016-07-01"]])).toBe("无 none");
    expect(F.rule("tiersEnabled", [["申报年度", 2025]])).toBe(true);
    expect(excelError(() => F.rule("nonsense")).code).toBe("#N/A");
  });

  it("HIRESNEEDED: 200 staff, none disabled → 3 hires reach the 50% band", () => {
    expect(F.hiresNeeded(200, 0, 18_000_000, null, null, null, SETTINGS_2025)).toBe(3);
    expect(F.hiresNeeded(200, 0, 18_000_000, "full", 2, 1, SETTINGS_2025)).toBe(2);
  });

  it("EXPLAIN spills a header and one row per trail step, ending with the payable", () => {
    const rows = F.explain(100, 1, 8_000_000, SETTINGS_2025);
    expect(rows[0]).toEqual(["步骤 Step", "栏次 Column", "公式 Formula", "值 Value", "依据 Source"]);
    expect(rows.every((r) => r.length === 5)).toBe(true);
    const payable = rows.find((r) => r[1] === "12");
    expect(payable?.[3]).toBe("20000.00");
  });

  it("bad input gives #VALUE! naming the field in both languages, never an uncaught exception", () => {
    const e = excelError(() => F.due("abc", 0, 100, SETTINGS_2025));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain("在职职工人数");
    expect(e.message).toContain("headcount");
    expect(excelError(() => F.due(-5, 0, 100, SETTINGS_2025)).code).toBe("#NUM!");
    expect(excelError(() => F.due(10, 0, 100, [["地区", "火星"]])).message).toContain("Unknown region");
    expect(excelError(() => F.due(10, 0, 100, [["申报年度", "#N/A"]])).message).toContain("#N/A");
    expect(excelError(() => F.due(10, 0, 100, [["安置比例", "abc"]])).message).toContain("quotaRatio");
  });

  it("empty cells that arrive as 0 are numbers; as null they are 'missing' for required arguments", () => {
    expect(F.due(0, 0, 0, SETTINGS_2025)).toBe(0);
    expect(excelError(() => F.due(null, 0, 100, SETTINGS_2025)).message).toContain("missing");
  });
});
