/**
 * The explained parts added for issue 10's remaining gaps, asserted to the fen (money) and to 4 places (people)
 * against figures derived by hand from test/reconciliation/fixtures.ts (the arithmetic is beside each assertion):
 * months the IIT summary lacks, counted staff without social insurance, people paid in the data year but employed
 * outside it, per-person social-insurance detail, an ambiguous list layout, and the payroll cited by its data range.
 */
import { describe, expect, it } from "vitest";
import { analyseWorkbook } from "../../src/validation/analyse";
import type { BridgeJson } from "../../src/reconciliation/bridge";
import { reconciliationSheetRows } from "../../src/reconciliation/sheet-rows";
import type { SheetData } from "../../src/workbook/types";
import * as F from "./fixtures";

function audit(sheets: SheetData[], today = "2025-06-01") {
  return analyseWorkbook(sheets, { today });
}

function bridge(a: ReturnType<typeof audit>, id: string): BridgeJson {
  const b = a.reconciliation!.bridges.find((x) => x.id === id);
  if (!b) throw new Error(`no bridge ${id}: ${JSON.stringify(a.reconciliation!.bridges.map((x) => x.id))}`);
  return b;
}

const steps = (b: BridgeJson) => Object.fromEntries(b.steps.map((s) => [s.id, s.amount]));
const rec = (a: ReturnType<typeof audit>) => a.findings.filter((f) => f.code.startsWith("REC_")).map((f) => `${f.code}/${f.severity}`).sort();

describe("IIT summary covering some months", () => {
  it("months 1–10: the payroll's November and December are an explained part; the deadline passed, so a warning names them", () => {
    const a = audit([...F.companyWithoutWelfare(), F.iitByItemMonths([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])]);
    const b = bridge(a, "wage-iit");
    // Levy wage total: 10 × (12 × 6,300.25 + 2,000) = 776,030.00 (the welfare column is emptied; it was no wage anyway).
    expect(b.from.amount).toBe("776030.00");
    // IIT: 10 × 66,002.50 + 20,000 (January bonus) = 680,025.00.
    expect(b.to.amount).toBe("680025.00");
    // Retiree (in the IIT as wage income) over the 10 months covered: 10 × 3,000 = 30,000.00.
    // November + December of the levy's payroll: 2 × 10 × 6,300.25 = 126,005.00, on the payroll and not in the summary.
    expect(steps(b)).toEqual({ HC_RETIREE: "30000.00", monthsNotInIit: "-126005.00" });
    // 680,025 − 776,030 − 30,000 + 126,005 = 0
    expect(b.unexplained.amount).toBe("0.00");
    expect(b.status).toBe("within-tolerance");
    // Headcount: 11 people a month in the summary (E01–E10 + retiree) over the 10 months: 11; roster 10; retiree 1.
    const h = bridge(a, "headcount-iit");
    expect([h.from.amount, h.to.amount, h.unexplained.amount]).toEqual(["10", "11", "0"]);
    expect(steps(h)).toEqual({ HC_RETIREE: "1" });
    expect(h.months!.map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(h.months![0]).toEqual({ month: 1, from: "10", to: "11", steps: [{ id: "HC_RETIREE", amount: "1" }], unexplained: "0" });
    // Deadlines of November (2024-12-15) and December (2025-01-15) are before 2025-06-01.
    expect(a.reconciliation!.iitMonths).toEqual({ due: [11, 12], notDue: [], paid: "126005.00" });
    expect(rec(a)).toEqual(["REC_SOURCE_MONTHS_MISSING/warning"]);
    const w = a.findings.find((f) => f.code === "REC_SOURCE_MONTHS_MISSING")!;
    expect(w.message.zh).toContain("缺少 11、12 月");
    expect(w.message.zh).toContain("126005.00");
    expect(w.source).toContain("《中华人民共和国个人所得税法》第十四条");
  });

  it("months 1–11 on 2025-01-10: December's deadline (2025-01-15) has not passed — an explained part, a note, no warning", () => {
    const a = audit([...F.companyWithoutWelfare(), F.iitByItemMonths([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])], "2025-01-10");
    const b = bridge(a, "wage-iit");
    // IIT: 11 × 66,002.50 + 20,000 = 746,027.50; retiree 11 × 3,000 = 33,000.00; December 10 × 6,300.25 = 63,002.50.
    expect(b.to.amount).toBe("746027.50");
    expect(steps(b)).toEqual({ HC_RETIREE: "33000.00", monthsNotInIit: "-63002.50" });
    // 746,027.50 − 776,030.00 − 33,000.00 + 63,002.50 = 0
    expect(b.unexplained.amount).toBe("0.00");
    expect(a.reconciliation!.iitMonths).toEqual({ due: [], notDue: [12], paid: "0.00" });
    expect(b.notes.map((n) => n.zh).join("")).toContain("12 月的个税申报期限");
    expect(rec(a)).toEqual([]);
  });

  it("cash welfare on the payroll cannot be split by month: the missing months stay unexplained, with a note (never a guess)", () => {
    const a = audit([...F.company(), F.iitByItemMonths([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])]);
    const b = bridge(a, "wage-iit");
    // Parts as for a full year: retiree 12 × 3,000 = 36,000.00; welfare 10 × 500 = 5,000.00.
    expect(steps(b)).toEqual({ HC_RETIREE: "36000.00", cashWelfare: "5000.00" });
    // 680,025.00 − 776,030.00 − 41,000.00 = −137,005.00 (November and December's pay, and December's welfare).
    expect(b.unexplained.amount).toBe("-137005.00");
    expect(b.notes.map((n) => n.zh).join("")).toContain("无法按月拆分");
    expect(rec(a)).toEqual(["REC_SOURCE_MONTHS_MISSING/warning", "REC_WAGE_UNEXPLAINED/warning"]);
  });
});

describe("headcount → social insurance: counted staff without insurance", () => {
  it("E10 (roster 社保缴纳 否) is an explained part, per month too", () => {
    const a = audit([...F.companyE10NotInsured(), F.siMonthlyCount(9)]);
    const b = bridge(a, "headcount-social-insurance");
    // Roster 10 all year; 9 insured each month; E10 all year: −1.
    expect([b.from.amount, b.to.amount]).toEqual(["10", "9"]);
    expect(steps(b)).toEqual({ noSocialInsurance: "-1" });
    expect(b.steps[0].cells).toEqual([{ sheet: "花名册", address: "I11" }]);
    expect(b.unexplained.amount).toBe("0");
    expect(b.months).toHaveLength(12);
    for (const m of b.months!) expect(m).toMatchObject({ from: "10", to: "9", steps: [{ id: "noSocialInsurance", amount: "-1" }], unexplained: "0" });
    expect(rec(a)).toEqual([]);
  });

  it("the disabled register's 社保缴纳 否 counts where the roster has no such column (E02, cited in the register)", () => {
    const a = audit([...F.companyRegisterSaysE02NotInsured(), F.siMonthlyCount(9)]);
    const b = bridge(a, "headcount-social-insurance");
    // Roster 10 (E02 still counted in the headcount); 9 insured; E02 all year: −1. 残疾职工 header row 1, E02 row 3, 社保缴纳 H.
    expect(steps(b)).toEqual({ noSocialInsurance: "-1" });
    expect(b.steps[0].cells).toEqual([{ sheet: "残疾职工", address: "H3" }]);
    expect(b.unexplained.amount).toBe("0");
  });

  it("without the roster's answer the same list leaves 1 unexplained (REC_HEADCOUNT_UNEXPLAINED warning)", () => {
    const a = audit([...F.company(), F.siMonthlyCount(9)]);
    const b = bridge(a, "headcount-social-insurance");
    // 9 − 10 = −1, nothing explains it.
    expect(b.steps).toEqual([]);
    expect(b.unexplained.amount).toBe("-1");
    expect(rec(a)).toEqual(["REC_HEADCOUNT_UNEXPLAINED/warning"]);
  });
});

describe("a monthly list covering some months while the roster changes", () => {
  it("the average over other months is an explained part (roster 9.5 over 12 months, 9.6 over the 10 the list covers)", () => {
    // E10 leaves 2024-06-30: roster 10 a month Jan–Jun, 9 Jul–Dec → annual (6 × 10 + 6 × 9) ÷ 12 = 9.5.
    // List Jan–Oct: 10 × 6 + 9 × 4 = 96 → 96 ÷ 10 = 9.6. Roster over the same 10 months: 96 ÷ 10 = 9.6 → part 9.6 − 9.5 = 0.1.
    const counts = new Map([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((m) => [m, m <= 6 ? 10 : 9] as [number, number]));
    const a = audit([...F.companyE10LeavesJune(), F.siMonths(counts)]);
    const b = bridge(a, "headcount-social-insurance");
    expect([b.from.amount, b.to.amount]).toEqual(["9.5", "9.6"]);
    expect(steps(b)).toEqual({ monthsNotCovered: "0.1" });
    // 9.6 − 9.5 − 0.1 = 0
    expect(b.unexplained.amount).toBe("0");
    expect(b.months!.map((m) => `${m.from}/${m.to}/${m.unexplained}`)).toEqual(["10/10/0", "10/10/0", "10/10/0", "10/10/0", "10/10/0", "10/10/0", "9/9/0", "9/9/0", "9/9/0", "9/9/0"]);
    expect(rec(a)).toEqual(["REC_SOURCE_MONTHS_MISSING/warning"]);
  });
});

describe("per-person social-insurance detail", () => {
  it("one row per person, month and insurance: counted per month (基本养老保险 rows), bridged like the monthly list", () => {
    // E01–E09 insured all year (indexes 0–8); E10 is 否 in the roster.
    const a = audit([...F.companyE10NotInsured(), F.siPerPerson([0, 1, 2, 3, 4, 5, 6, 7, 8])]);
    const s = a.reconciliation!.sources.find((x) => x.kind === "socialInsurance")!;
    expect(s.layout).toBe("perPerson");
    // 9 people × 12 months × 2 insurances = 216 rows read; the 108 基本养老保险 rows used, 108 失业保险 rows skipped.
    expect(s.rows).toEqual({ read: 216, used: 108, skipped: 108, rejected: 0 });
    const b = bridge(a, "headcount-social-insurance");
    expect([b.from.amount, b.to.amount, b.unexplained.amount]).toEqual(["10", "9", "0"]);
    expect(steps(b)).toEqual({ noSocialInsurance: "-1" });
    expect(a.reconciliation!.missingMonths).toEqual({});
    expect(rec(a)).toEqual([]);
  });

  it("a person the roster lacks, listed all year: 1 unexplained (error: the list has more people), named in a note", () => {
    const a = audit([...F.companyE10NotInsured(), F.siPerPerson([0, 1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])]);
    const b = bridge(a, "headcount-social-insurance");
    // 10 listed a month − 10 roster + 1 (E10 uninsured) = 1.
    expect([b.to.amount, b.unexplained.amount]).toEqual(["10", "1"]);
    expect(b.months![6]).toEqual({ month: 7, from: "10", to: "10", steps: [{ id: "noSocialInsurance", amount: "-1" }], unexplained: "1" });
    expect(b.notes.map((n) => n.zh).join("")).toContain("1 人不在花名册中");
    expect(rec(a)).toEqual(["REC_HEADCOUNT_UNEXPLAINED/error"]);
  });

  it("the stranger in July–December only: 0.5 a year (within tolerance) but each of those months shows 1 unexplained", () => {
    const a = audit([...F.companyE10NotInsured(), F.siPerPerson([0, 1, 2, 3, 4, 5, 6, 7, 8], [7, 8, 9, 10, 11, 12])]);
    const b = bridge(a, "headcount-social-insurance");
    // (6 × 9 + 6 × 10) ÷ 12 = 9.5; 9.5 − 10 + 1 = 0.5 ≤ 0.5.
    expect([b.to.amount, b.unexplained.amount, b.status]).toEqual(["9.5", "0.5", "within-tolerance"]);
    expect(b.months!.map((m) => m.unexplained)).toEqual(["0", "0", "0", "0", "0", "0", "1", "1", "1", "1", "1", "1"]);
  });

  it("one row per person with a column per month: listed when the month holds an amount or 是; 停保 and blank are not", () => {
    const a = audit([...F.companyE10NotInsured(), F.siPerPersonWide()]);
    const s = a.reconciliation!.sources.find((x) => x.kind === "socialInsurance")!;
    expect([s.sheet, s.layout]).toEqual(["社保基数", "perPersonWide"]);
    expect(s.rows).toEqual({ read: 9, used: 9, skipped: 0, rejected: 0 });
    // The levy is untouched: the sheet is not read as a payroll (776,030.00, 10 people).
    expect([a.calculation!.wageTotal, a.calculation!.headcount]).toEqual(["776030", "10"]);
    const b = bridge(a, "headcount-social-insurance");
    // Jan–Mar: E01–E07 + E08 = 8; Apr–Nov: 9; Dec: E01–E07 + E09 = 8. Σ = 3 × 8 + 8 × 9 + 8 = 104; 104 ÷ 12 = 8.6667.
    expect(b.to.amount).toBe("8.6667");
    expect(steps(b)).toEqual({ noSocialInsurance: "-1" });
    // 104/12 − 10 + 1 = −4/12 = −0.3333 (within 0.5)
    expect([b.unexplained.amount, b.status]).toEqual(["-0.3333", "within-tolerance"]);
    expect(b.months!.map((m) => `${m.to}/${m.unexplained}`)).toEqual(["8/-1", "8/-1", "8/-1", "9/0", "9/0", "9/0", "9/0", "9/0", "9/0", "9/0", "9/0", "8/-1"]);
    expect(rec(a)).toEqual([]);
  });

  it("a month cell that is neither an amount nor yes/no rejects its row, named by REC_SOURCE_UNREADABLE (error)", () => {
    // E07 (row 9: title row 1, header row 2, E01 row 3), March (column E) = "待定".
    const a = audit([...F.companyE10NotInsured(), F.siPerPersonWide(undefined, { person: 6, month: 3, value: "待定" })]);
    const s = a.reconciliation!.sources.find((x) => x.kind === "socialInsurance")!;
    expect(s.rows).toEqual({ read: 9, used: 8, skipped: 0, rejected: 1 });
    const f = a.findings.find((x) => x.code === "REC_SOURCE_UNREADABLE")!;
    expect(f.severity).toBe("error");
    expect(f.cells).toEqual([{ sheet: "社保基数", address: "E9" }]);
    // Without E07: Σ = 104 − 12 = 92 → 92 ÷ 12 = 7.6667; 7.6667 − 10 + 1 = −1.3333 (a REC_HEADCOUNT_UNEXPLAINED warning).
    expect(bridge(a, "headcount-social-insurance").unexplained.amount).toBe("-1.3333");
  });

  it("the same shape titled as pay is no social-insurance source", () => {
    const a = audit([...F.company(), F.siPerPersonWide("2024年工资明细")]);
    expect(a.reconciliation!.sources.some((x) => x.kind === "socialInsurance")).toBe(false);
  });

  it("a person column beside a count column cannot be told: REC_SOURCE_LAYOUT_AMBIGUOUS (error), the table is not used", () => {
    const a = audit([...F.companyE10NotInsured(), F.siPerPerson([0, 1, 2, 3, 4, 5, 6, 7, 8], [], true)]);
    const s = a.reconciliation!.sources.find((x) => x.kind === "socialInsurance")!;
    expect(s.layout).toBe("ambiguous");
    expect(s.rows).toEqual({ read: 216, used: 0, skipped: 216, rejected: 0 });
    expect(a.reconciliation!.bridges.find((x) => x.id === "headcount-social-insurance")).toBeUndefined();
    expect(rec(a)).toContain("REC_SOURCE_LAYOUT_AMBIGUOUS/error");
    const f = a.findings.find((x) => x.code === "REC_SOURCE_LAYOUT_AMBIGUOUS")!;
    // Header row 2: 身份证号 in B, 参保人数 in H.
    expect(f.cells).toEqual([{ sheet: "社保个人明细", address: "B2" }, { sheet: "社保个人明细", address: "H2" }]);
  });
});

describe("people employed outside the data year but paid in it", () => {
  it("离职戊 (left 2023-12-31, paid 8,000.00 in 2024-01): an explained part of the IIT headcount; the wage bridges tie and say so", () => {
    const a = audit([...F.companyWithLeaverPaid(), F.iitByItemMonths([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], { people: 1, income: 8000 })]);
    // The levy counts the pay (776,030.00 + 8,000.00) and not the person (10).
    expect(a.calculation!.wageTotal).toBe("784030");
    const h = bridge(a, "headcount-iit");
    // IIT people: January 12, other months 11: 133 ÷ 12 = 11.0833…; retiree 1; 离职戊 1 ÷ 12 = 0.0833…
    expect([h.from.amount, h.to.amount]).toEqual(["10", "11.0833"]);
    expect(steps(h)).toEqual({ HC_RETIREE: "1", outsideDataYear: "0.0833" });
    // 133/12 − 10 − 1 − 1/12 = (133 − 120 − 12 − 1) ÷ 12 = 0 exactly
    expect(h.unexplained.amount).toBe("0");
    expect(h.months![0]).toEqual({ month: 1, from: "10", to: "12", steps: [{ id: "HC_RETIREE", amount: "1" }, { id: "outsideDataYear", amount: "1" }], unexplained: "0" });
    const w = bridge(a, "wage-iit");
    // IIT income 817,030.00 + 8,000.00 = 825,030.00; 784,030.00 + retiree 36,000.00 + welfare 5,000.00 = 825,030.00.
    expect([w.from.amount, w.to.amount, w.unexplained.amount]).toEqual(["784030.00", "825030.00", "0.00"]);
    expect(w.notes.map((n) => n.zh).join("")).toContain("1 名数据年度内未在职人员");
    expect(w.notes.map((n) => n.zh).join("")).toContain("8000.00");
    expect(rec(a)).toEqual([]);
  });
});

describe("people employed outside the data year: accrual-basis sources", () => {
  it("2211 without sub-accounts: the leaver's 8,000.00 was accrued before the data year — an explained part, −8,000.00", () => {
    const a = audit([...F.companyWithLeaverPaid(), F.ledgerParentOnly()]);
    const b = bridge(a, "wage-ledger");
    expect([b.from.amount, b.to.amount]).toEqual(["784030.00", "859030.00"]);
    expect(steps(b)).toEqual({ HC_INTERN: "24000.00", HC_RETIREE: "36000.00", HC_LABOUR_SERVICE: "18000.00", nonWageIn2211: "5000.00", outsideDataYear: "-8000.00" });
    // 859,030 − 784,030 − (24,000 + 36,000 + 18,000 + 5,000 − 8,000) = 0
    expect(b.unexplained.amount).toBe("0.00");
    // 花名册: header row 1, 14 people in rows 2–15, 离职戊 row 16; the leave date (F) decided the exclusion.
    expect(b.steps.find((x) => x.id === "outsideDataYear")!.cells).toEqual([{ sheet: "花名册", address: "F16" }]);
    expect(rec(a)).toEqual([]);
  });

  it("with a 奖金 sub-account (whose debits may hold it) the 8,000.00 cannot be attributed: it stays unexplained, with a note", () => {
    const a = audit([...F.companyWithLeaverPaid(), F.ledgerBalanceYonyou()]);
    const b = bridge(a, "wage-ledger");
    // 859,030 − 784,030 − (24,000 + 36,000 + 18,000 + 5,000) = −8,000.00
    expect(steps(b)).toEqual({ HC_INTERN: "24000.00", HC_RETIREE: "36000.00", HC_LABOUR_SERVICE: "18000.00", bonusAccrual: "5000.00" });
    expect(b.unexplained.amount).toBe("-8000.00");
    expect(b.notes.map((n) => n.zh).join("")).toContain("无法区分");
    expect(rec(a)).toEqual(["REC_WAGE_UNEXPLAINED/warning"]);
  });
});

describe("cells and the 对账 sheet", () => {
  it("the payroll side cites the wage columns' data ranges, and the new parts appear in the sheet rows", () => {
    const a = audit([...F.companyE10NotInsured(), F.siMonthlyCount(9), F.iitByItemMonths([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])]);
    const w = bridge(a, "wage-iit");
    // 工资表: header row 1; 14 people × 12 months − 2 interns × 6 months = 156 rows → rows 2–157. 基本工资 D, 年终奖 E, 津贴补贴 F
    // (福利费 G is no wage and is not cited).
    expect(w.from.cells).toEqual([
      { sheet: "工资表", address: "D2:D157" },
      { sheet: "工资表", address: "E2:E157" },
      { sheet: "工资表", address: "F2:F157" },
    ]);
    const rows = reconciliationSheetRows(a.reconciliation!);
    const items = rows.map((r) => r.cells[1] ?? "");
    expect(items.some((t) => t.startsWith("+ 计入人数但花名册标明未参保的职工"))).toBe(true);
    expect(rows.some((r) => r.cells[1]?.startsWith("1月") && r.cells[0]?.startsWith("人数 → 社保参保人数"))).toBe(true);
  });
});
