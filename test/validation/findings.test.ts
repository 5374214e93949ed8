/**
 * Every finding code of issue 3 §2 triggered by a small fixture, and none of them by the clean company.
 * Amounts are worked out by hand in the comments (national rules, filing 2025, social average 100,000):
 *   no disabled staff: gross = 1.5 × 128,400 = 192,600.00; share 0 → 90% → payable 173,340.00
 *   (with A = 0 and no cap, payable = 0.9 × 1.5% × wage total).
 */
import { describe, expect, it } from "vitest";
import { analyseWorkbook } from "../../src/validation/analyse";
import type { AnalyseOptions } from "../../src/validation/analyse-contract";
import type { Finding } from "../../src/validation/types";
import type { CellValue, SheetData } from "../../src/workbook/types";
import {
  CLEAN_DECLARATION,
  CLEAN_PARAMS,
  CLEAN_PAY,
  type Employee,
  cleanCompany,
  cleanDisabledRows,
  cleanEmployees,
  declarationSheet,
  disabledSheet,
  makeCert,
  makeId,
  parameterSheet,
  patchEmployees,
  payRow,
  payrollSheet,
  rosterSheet,
  sheet,
  withColumn,
  withSheet,
  yearOfPay,
} from "../workbook/fixtures";

const TODAY: AnalyseOptions = { today: "2025-06-01" };

function run(sheets: SheetData[], options: AnalyseOptions = {}) {
  return analyseWorkbook(sheets, { ...TODAY, ...options });
}

function only(findings: Finding[], code: string): Finding[] {
  return findings.filter((f) => f.code === code);
}

function one(findings: Finding[], code: string): Finding {
  const hits = only(findings, code);
  expect(hits.map((f) => f.code), `expected exactly one ${code} in ${findings.map((f) => f.code).join(", ")}`).toEqual([code]);
  return hits[0];
}

const params = (patch: Record<string, CellValue | undefined>): Array<[string, CellValue]> => {
  const out: Array<[string, CellValue]> = CLEAN_PARAMS.filter(([k]) => !(k in patch) || patch[k] !== undefined).map(([k, v]) => [k, k in patch ? (patch[k] as CellValue) : v]);
  for (const [k, v] of Object.entries(patch)) if (v !== undefined && !CLEAN_PARAMS.some(([x]) => x === k)) out.push([k, v]);
  return out;
};

/** 100 staff, nobody disabled, no declaration: payable 173,340.00. */
function noDisabled(o: Parameters<typeof cleanCompany>[0] = {}) {
  return cleanCompany({ disabled: null, declaration: null, ...o });
}

const decl = (patch: Record<string, CellValue>): Array<[string, CellValue]> => CLEAN_DECLARATION.map(([k, v]) => [k, k in patch ? patch[k] : v]);

describe("the clean company", () => {
  it("computes the expected figures and raises no finding at all", () => {
    const a = run(cleanCompany());
    expect(a.fatal).toBeUndefined();
    expect(a.findings).toEqual([]);
    expect(a.calculation).toMatchObject({ headcount: "100", wageTotal: "12840000", certifiedDisabled: "2", averageWage: "128400", grossDue: "0.00", payable: "0.00" });
    expect(a.rows).toEqual({ read: 1314, counted: 1314, excluded: 0, rejected: 0 });
  });
  it("without disabled staff pays 173,340.00 and is 2 hires from the next band (TIER_NEAR)", () => {
    const a = run(noDisabled());
    expect(a.calculation).toMatchObject({ grossDue: "192600.00", reductionKind: "tier-90", reduction: "19260.00", payable: "173340.00" });
    // 1 hire: 1/101 < 1%; 2 hires: 2/102 ≥ 1% and 2 ≥ 1.53 required → nothing due.
    const f = one(a.findings, "TIER_NEAR");
    expect(f).toMatchObject({ severity: "info", amount: "173340.00" });
    expect(f.message.zh).toContain("再安排 2 名");
    // Besides TIER_NEAR only the caveat that no 72号 第十七条 relief is included (something is due).
    expect(a.findings.map((x) => x.code).sort()).toEqual(["FORCE_MAJEURE_NOT_APPLIED", "TIER_NEAR"]);
  });
});

describe("headcount exclusions (HC_*)", () => {
  const types: Array<[string, string]> = [
    ["实习", "HC_INTERN"],
    ["非全日制", "HC_PART_TIME"],
    ["退休返聘", "HC_RETIREE"],
    ["劳务派遣", "HC_DISPATCH_IN"],
    ["劳务", "HC_LABOUR_SERVICE"],
  ];
  it.each(types)("%s → %s (info, with the cell of the employment type)", (type, code) => {
    const emps = patchEmployees(cleanEmployees(), { E0100: { type } });
    // Without a declaration or monthly table nothing suggests the exclusion was wrong: information only.
    const f = one(run(cleanCompany({ employees: emps, declaration: null, monthly: null })).findings, code);
    expect(f).toMatchObject({ severity: "info", rows: 1, cells: [{ sheet: "花名册", address: "D101" }] });
  });
  it("HC_SHORT_CONTRACT for a six-month contract", () => {
    const emps = patchEmployees(cleanEmployees(), { E0100: { contractStart: "2024-01-01", contractEnd: "2024-06-30" } });
    expect(one(run(cleanCompany({ employees: emps, declaration: null, monthly: null })).findings, "HC_SHORT_CONTRACT")).toMatchObject({ severity: "info", rows: 1, cells: [{ sheet: "花名册", address: "H101" }] });
    // The clean declaration still says 100: it appears to include the short contract → warning.
    expect(one(run(cleanCompany({ employees: emps })).findings, "HC_SHORT_CONTRACT").severity).toBe("warning");
  });
  it("HC_DISPATCH_IN warns when a non-disabled dispatched worker is marked as counted by agreement", () => {
    const emps = patchEmployees(cleanEmployees(), { E0100: { type: "劳务派遣(约定计入)" } });
    const f = one(run(cleanCompany({ employees: emps })).findings, "HC_DISPATCH_IN");
    expect(f.severity).toBe("warning");
    expect(f.message.zh).toContain("98号");
  });
  it("HC_DECLARED_MISMATCH: declared 101 with an intern in the roster → the intern finding turns into a warning", () => {
    // One certified disabled employee: computed 100 staff → shortfall 0.5 → gross 64,200.00 → 1% → 50% → 32,100.00.
    // Declared 101: shortfall 0.515, average 12,840,000/101 → gross 65,471.29; 1/101 < 1% → 90% → 58,924.16.
    const emps = [...cleanEmployees(), { id: "E0101", name: "实习生", type: "实习" }];
    const a = run(cleanCompany({ employees: emps, disabled: cleanDisabledRows(emps).slice(0, 1), declaration: decl({ 上年在职职工人数: 101, 上年实际安排残疾人就业人数: 1, 本期应纳费额: 64200, 本期减免费额: 32100, "本期应补（退）费额": 32100 }) }));
    expect(a.calculation?.payable).toBe("32100.00");
    const f = one(a.findings, "HC_DECLARED_MISMATCH");
    expect(f).toMatchObject({ severity: "error", amount: "26824.16", cells: [{ sheet: "申报表", address: "B4" }] });
    expect(f.message.zh).toContain("实习生 1.00（恰好等于差额）");
    expect(one(a.findings, "HC_INTERN").severity).toBe("warning");
  });
  it("HC_DECLARED_MISMATCH from the monthly table names the months that differ", () => {
    const start = new Array(12).fill(100);
    const end = new Array(12).fill(100);
    end[11] = 103;
    const f = one(run(cleanCompany({ monthly: { start, end } })).findings, "HC_DECLARED_MISMATCH");
    expect(f).toMatchObject({ severity: "warning", cells: [{ sheet: "月度人数", address: "B13" }] });
  });
});

describe("wage total (WG_*)", () => {
  // Payroll per person per year: 12 × 9,700 + 12,000 = 128,400 wages; 12 × 2,400 = 28,800 non-wage.
  it("WG_NON_WAGE_INCLUDED: declared wage total = wages + non-wage items (12,840,000 + 2,880,000)", () => {
    // Declared 15,720,000 → payable 0.9 × 1.5% × 15,720,000 = 212,220.00; 38,880.00 more than 173,340.00.
    const a = run(noDisabled({ declaration: [["上年在职职工工资总额", 15720000]] }));
    expect(one(a.findings, "WG_NON_WAGE_INCLUDED")).toMatchObject({ severity: "error", amount: "38880.00" });
    expect(one(a.findings, "WG_DECLARED_MISMATCH")).toMatchObject({ severity: "error", amount: "38880.00" });
  });
  it("WG_NON_WAGE_INCLUDED: the sheet's own 应发合计 column includes the non-wage items, beside an employer-contribution column", () => {
    // 应发合计 = wages 9,700 (+ year-end bonus) + welfare 300 + missed-meal 100. The employer's 2,000 social insurance
    // is paid on top of gross pay, so a realistic total never contains it; the finding must still fire.
    const rows = yearOfPay(cleanEmployees(3), 2024, CLEAN_PAY).map((r) => [...r, 9700 + 400 + (r[6] as number)]);
    const pay = sheet("工资表", [[...payrollSheet([]).values[0], "应发合计"], ...rows]);
    const a = run(noDisabled({ employees: cleanEmployees(3), extraSheets: [] }).map((s) => (s.name === "工资表" ? pay : s)));
    expect(one(a.findings, "WG_NON_WAGE_INCLUDED").severity).toBe("warning");
  });
  it("WG_BONUS_MISSING: declared wage total short by exactly the bonuses (2,400,000)", () => {
    // Declared 10,440,000 → payable 140,940.00; 32,400.00 less than 173,340.00.
    const a = run(noDisabled({ declaration: [["上年在职职工工资总额", 10440000]] }));
    const f = one(a.findings, "WG_BONUS_MISSING");
    expect(f).toMatchObject({ severity: "error", amount: "32400.00" });
    expect(f.message.zh).toContain("奖金");
  });
  it("WG_BONUS_MISSING: a payroll with neither bonus nor allowance columns", () => {
    const pay = sheet("工资表", [["工号", "姓名", "月份", "基本工资", "加班工资"], ...cleanEmployees().flatMap((e) => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => [e.id, e.name, m, 9000, 0]))]);
    const a = run(withSheet(noDisabled(), pay));
    expect(one(a.findings, "WG_BONUS_MISSING").severity).toBe("warning");
  });
  it("WG_EXCLUDED_STAFF_PAY: an intern's pay is left out (info), or flagged when the declaration includes it", () => {
    const emps = patchEmployees(cleanEmployees(), { E0100: { type: "实习" } });
    const a = run(noDisabled({ employees: emps }));
    // 99 counted × 128,400 = 12,711,600; the intern's 128,400 is excluded.
    expect(a.calculation?.wageTotal).toBe("12711600");
    expect(one(a.findings, "WG_EXCLUDED_STAFF_PAY")).toMatchObject({ severity: "info", rows: 12 });
    const b = run(noDisabled({ employees: emps, declaration: [["上年在职职工工资总额", 12840000]] }));
    // 0.9 × 1.5% × 128,400 = 1,733.40 at stake.
    expect(one(b.findings, "WG_EXCLUDED_STAFF_PAY")).toMatchObject({ severity: "error", amount: "1733.40" });
  });
  it("WG_PAID_OUTSIDE_EMPLOYMENT: someone who left before the data year is paid in it (warning with the payable at stake)", () => {
    const emps = patchEmployees(cleanEmployees(), { E0100: { hire: "2019-03-01", leave: "2023-12-31" } });
    const a = run(noDisabled({ employees: emps }));
    // Paid, so in the wage total: 100 × 128,400 = 12,840,000; not employed in 2024, so headcount 99.
    // Payable = 0.9 × 1.5% × W (the headcount cancels): 0.9 × 0.015 × 12,840,000 = 173,340.00;
    // without E0100's 128,400: 0.9 × 0.015 × 12,711,600 = 171,606.60 — 1,733.40 at stake.
    expect(a.calculation?.wageTotal).toBe("12840000");
    expect(a.calculation?.headcount).toBe("99");
    const f = one(a.findings, "WG_PAID_OUTSIDE_EMPLOYMENT");
    expect(f).toMatchObject({ severity: "warning", rows: 12, amount: "1733.40" });
    expect(f.message.zh).toContain("128,400.00");
    expect(only(run(noDisabled()).findings, "WG_PAID_OUTSIDE_EMPLOYMENT")).toEqual([]);
  });
  it("WG_TOTAL_UNRECONCILED when base pay sits only in 应发工资 and the year-end bonus has its own column", () => {
    const emps = cleanEmployees(10);
    const pay = sheet("工资表", [["工号", "姓名", "月份", "应发工资", "年终奖"], ...emps.flatMap((e) => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => [e.id, e.name, m, 9000, m === 12 ? 5000 : 0]))]);
    const a = run(withSheet(noDisabled({ employees: emps }), pay));
    // Two sources disagree (应发 108,000 a person, components 5,000): an error, and the payroll system's gross is used —
    // which here misses the year-end bonus beside it, so the message shows both figures.
    const f = one(a.findings, "WG_TOTAL_UNRECONCILED");
    expect(f.severity).toBe("error");
    expect(a.calculation?.wageTotal).toBe(String(10 * 12 * 9000));
    expect(f.message.zh).toContain("1,080,000.00");
    expect(f.message.zh).toContain("50,000.00");
    // The mapping fixes it: 应发工资 is base pay here.
    const b = run(withSheet(noDisabled({ employees: emps }), pay), { mapping: { 应发工资: "pay:timeWage" } });
    expect(only(b.findings, "WG_TOTAL_UNRECONCILED")).toEqual([]);
    expect(b.calculation?.wageTotal).toBe(String(10 * (12 * 9000 + 5000)));
  });
  it("WG_DECLARED_MISMATCH alone when nothing explains the gap", () => {
    // Declared 12,000,000 → payable 162,000.00; 11,340.00 less.
    const a = run(noDisabled({ declaration: [["上年在职职工工资总额", 12000000]] }));
    expect(one(a.findings, "WG_DECLARED_MISMATCH")).toMatchObject({ severity: "error", amount: "11340.00", cells: [{ sheet: "申报表", address: "B3" }] });
    expect(only(a.findings, "WG_BONUS_MISSING")).toEqual([]);
  });
});

describe("disabled employees (DS_*)", () => {
  const emps = cleanEmployees();
  const third = (patch: Partial<Parameters<typeof disabledSheet>[0][number]>) => {
    const rows = cleanDisabledRows(emps);
    const e = emps[2];
    return [...rows, { id: e.id, name: e.name, idNumber: e.idNumber ?? null, certificate: makeCert(String(e.idNumber), 4, 3), ...patch }];
  };
  const runWith = (rows: ReturnType<typeof third>, o: Parameters<typeof cleanCompany>[0] = {}) => run(cleanCompany({ disabled: rows, ...o }));
  it.each<[string, Partial<Parameters<typeof disabledSheet>[0][number]>]>([
    ["DS_UNCERTIFIED", { certified: "否" }],
    ["DS_CERT_INVALID", { certificate: "1101051990010100" }],
    ["DS_CONTRACT_SHORT", { contractStart: "2024-01-01", contractEnd: "2024-06-30" }],
    ["DS_WAGE_BELOW_MIN", { monthlyWage: 2000 }],
    ["DS_NO_SOCIAL_INSURANCE", { socialInsurance: "否" }],
  ])("%s is a warning when the person is correctly left out", (code, patch) => {
    const a = runWith(third(patch));
    const f = one(a.findings, code);
    expect(f).toMatchObject({ severity: "warning", rows: 1 });
    expect(f.cells[0].sheet).toBe("残疾职工");
    expect(a.calculation?.certifiedDisabled).toBe("2");
  });
  it("DS_UNCERTIFIED is an error when the declaration counts the person (column 7 = 3)", () => {
    const a = runWith(third({ certified: "否" }), { declaration: decl({ 上年实际安排残疾人就业人数: 3 }) });
    expect(one(a.findings, "DS_UNCERTIFIED").severity).toBe("error");
    expect(one(a.findings, "DS_DECLARED_MISMATCH").cells).toEqual([{ sheet: "申报表", address: "B6" }]);
  });
  it("DS_AGE_OUT_OF_RANGE for a man born in 1950 (info: correctly left out)", () => {
    const old = makeId(501, "19500101", "male");
    const staff = patchEmployees(cleanEmployees(), { E0003: { idNumber: old } });
    const rows = [...cleanDisabledRows(staff), { id: "E0003", name: "员工3", idNumber: old, certificate: makeCert(old, 4, 3) }];
    expect(one(run(cleanCompany({ employees: staff, disabled: rows })).findings, "DS_AGE_OUT_OF_RANGE").severity).toBe("info");
  });
  it("DS_WEIGHT_MISMATCH when the register counts a grade-3 holder as 2 (error)", () => {
    const rows = cleanDisabledRows(emps);
    const sheetWithWeight = disabledSheet(rows, ["按几人计算"], [[2], [1]]);
    const f = one(run(withSheet(cleanCompany(), sheetWithWeight)).findings, "DS_WEIGHT_MISMATCH");
    expect(f).toMatchObject({ severity: "error", rows: 1, cells: [{ sheet: "残疾职工", address: "J2" }] });
  });
  it("DS_WEIGHT_MISMATCH (warning) when the typed grade disagrees with the certificate", () => {
    const rows = cleanDisabledRows(emps);
    const s = disabledSheet(rows, ["残疾等级"], [["一级"], [3]]);
    expect(one(run(withSheet(cleanCompany(), s)).findings, "DS_WEIGHT_MISMATCH").severity).toBe("warning");
  });
  it("DS_DECLARED_MISMATCH with the money at stake", () => {
    // Register: 1 certified. Computed payable 32,100.00 (see the headcount test). Declared 2 → shortfall 0 → 0.00.
    const a = run(cleanCompany({ disabled: cleanDisabledRows(emps).slice(0, 1), declaration: decl({ 上年实际安排残疾人就业人数: 2, 本期应纳费额: 64200, 本期减免费额: 32100, "本期应补（退）费额": 32100 }) }));
    expect(one(a.findings, "DS_DECLARED_MISMATCH")).toMatchObject({ severity: "error", amount: "32100.00" });
  });
});

describe("identifiers (ID_*, USCC_INVALID)", () => {
  it("ID_INVALID for a wrong check digit and for an ID stored as a number", () => {
    // 11010519900101001 calls for check character 0, so …0011 is wrong.
    const emps = patchEmployees(cleanEmployees(), { E0005: { idNumber: "110105199001010011" }, E0006: { idNumber: 110105199001010020 } });
    const f = only(run(cleanCompany({ employees: emps })).findings, "ID_INVALID");
    expect(f.map((x) => [x.severity, x.rows, x.cells])).toEqual([
      ["warning", 1, [{ sheet: "花名册", address: "C6" }]],
      ["warning", 1, [{ sheet: "花名册", address: "C7" }]],
    ]);
    expect(f[0].message.en).toContain("check");
    expect(f[1].message.en).toContain("lost precision");
  });
  it("ID_DUPLICATE: the same person twice with overlapping dates is counted once", () => {
    const emps = [...cleanEmployees(), cleanEmployees()[4]];
    const a = run(cleanCompany({ employees: emps }));
    expect(one(a.findings, "ID_DUPLICATE")).toMatchObject({ severity: "error", rows: 1, cells: [{ sheet: "花名册", address: "C102" }] });
    expect(a.calculation?.headcount).toBe("100");
  });
  it("USCC_INVALID for a wrong check character", () => {
    const f = one(run(cleanCompany({ params: params({ 统一社会信用代码: "91310110666007217A" }) })).findings, "USCC_INVALID");
    expect(f).toMatchObject({ severity: "error", cells: [{ sheet: "参数", address: "B3" }] });
  });
});

describe("data quality (DATA_*)", () => {
  it("DATA_TEXT_NUMBER (info) for amounts typed as text; the total is unchanged", () => {
    const emps = cleanEmployees();
    const a = run(cleanCompany({ pay: (m, e) => ({ ...CLEAN_PAY(m), basic: e.id === "E0001" ? "8,000元" : 8000 }) }));
    expect(one(a.findings, "DATA_TEXT_NUMBER")).toMatchObject({ severity: "info", rows: 12 });
    expect(a.calculation?.wageTotal).toBe("12840000");
    void emps;
  });
  it("DATA_BAD_NUMBER (error) for #N/A: the row is rejected, never read as 0", () => {
    const a = run(cleanCompany({ pay: (m, e) => ({ ...CLEAN_PAY(m), basic: e.id === "E0001" && m === 1 ? { error: "#N/A" } : 8000 }) }));
    expect(one(a.findings, "DATA_BAD_NUMBER")).toMatchObject({ severity: "error", rows: 1, cells: [{ sheet: "工资表", address: "D2" }] });
    expect(a.rows).toMatchObject({ rejected: 1 });
    // One month of E0001 (9,700) is missing from the total.
    expect(a.calculation?.wageTotal).toBe("12830300");
  });
  it("DATA_BAD_DATE (error) for an impossible hire date", () => {
    const emps = patchEmployees(cleanEmployees(), { E0007: { hire: "2024-13-45" } });
    expect(one(run(cleanCompany({ employees: emps })).findings, "DATA_BAD_DATE")).toMatchObject({ severity: "error", cells: [{ sheet: "花名册", address: "E8" }] });
  });
  it("DATA_LEAVE_BEFORE_HIRE (error)", () => {
    const emps = patchEmployees(cleanEmployees(), { E0007: { hire: "2024-05-01", leave: "2024-04-01" } });
    expect(one(run(cleanCompany({ employees: emps })).findings, "DATA_LEAVE_BEFORE_HIRE")).toMatchObject({ severity: "error", cells: [{ sheet: "花名册", address: "F8" }] });
  });
  it("DATA_MISSING_COLUMN (warning) for a roster without an employment-type column", () => {
    const r = rosterSheet(cleanEmployees());
    const noType = sheet(r.name, r.values.map((row) => row.filter((_, i) => i !== 3)));
    const f = one(run(withSheet(cleanCompany(), noType)).findings, "DATA_MISSING_COLUMN");
    expect(f.severity).toBe("warning");
    expect(f.message.en).toContain("employment-type");
  });
});

describe("period (PERIOD_MISMATCH, MONTHS_INCOMPLETE)", () => {
  it("PERIOD_MISMATCH (error): a 2024 payroll cannot be filed for 2026 (data year 2025)", () => {
    const f = run(cleanCompany({ params: params({ 申报年度: 2026 }) })).findings;
    const hit = only(f, "PERIOD_MISMATCH").find((x) => x.severity === "error")!;
    expect(hit.message.zh).toContain("应使用 2025 年（上年）的数据");
  });
  it("PERIOD_MISMATCH (error) names the filing year when the data year equals it", () => {
    const emps = cleanEmployees(40);
    const sheets = noDisabled({ employees: emps });
    const pay = payrollSheet(yearOfPay(emps, 2025, CLEAN_PAY));
    const hit = only(run(withSheet(sheets, pay)).findings, "PERIOD_MISMATCH").find((x) => x.severity === "error")!;
    expect(hit.message.en).toContain("the data year cannot be the filing year");
  });
  it("PERIOD_MISMATCH (info) for individual rows outside the year", () => {
    const emps = [...cleanEmployees(), { id: "OLD", name: "老员工", hire: "2010-01-01", leave: "2020-12-31" }];
    const f = one(run(cleanCompany({ employees: emps })).findings, "PERIOD_MISMATCH");
    expect(f).toMatchObject({ severity: "info", rows: 1 });
    // The message names the user's sheet, not an internal table id.
    expect(f.message.en).toContain("“花名册” 1");
  });
  it("MONTHS_INCOMPLETE (warning) when December's payroll is missing", () => {
    const emps = cleanEmployees();
    const rows = yearOfPay(emps, 2024, CLEAN_PAY).filter((r) => r[2] !== "2024-12");
    const f = one(run(withSheet(cleanCompany(), payrollSheet(rows))).findings, "MONTHS_INCOMPLETE");
    expect(f.message.zh).toContain("12月");
  });
});

describe("wage base type (WG_BASE_SOCIAL_INSURANCE)", () => {
  it("Shanghai: the result says it used the wage total, not the sum of social-insurance bases", () => {
    const f = one(run(cleanCompany({ params: params({ 地区: "上海" }) })).findings, "WG_BASE_SOCIAL_INSURANCE");
    expect(f.severity).toBe("warning");
    expect(f.message.zh).toContain("缴费基数之和");
    expect(f.source).toContain("沪财发〔2020〕9号");
  });
  it("is not raised where the wage total is the base, nor when Shanghai's base type is overridden", () => {
    expect(only(run(cleanCompany()).findings, "WG_BASE_SOCIAL_INSURANCE")).toEqual([]);
    expect(only(run(cleanCompany({ params: params({ 地区: "上海", 工资基数口径: "wage-total" }) })).findings, "WG_BASE_SOCIAL_INSURANCE")).toEqual([]);
  });
});

describe("Shanghai: the levy base from a 缴费基数 column (WG_BASE_FROM_SI_COLUMN)", () => {
  // 100 staff, nobody disabled, each with a monthly contribution base of 7,310 (wages as the clean company: 128,400 a year).
  //   bases: 100 × 12 × 7,310 = 8,772,000.00 → average 87,720.00 (below the 2 × 100,000 cap)
  //   gross = 1.5% × 100 × 87,720 = 1.5 × 87,720 = 131,580.00; share 0 → 90% → payable 118,422.00
  //   (on the wage total it would be 0.9 × 1.5 × 128,400 = 173,340.00)
  const withBase = (region: CellValue, extra: Record<string, CellValue> = {}) => {
    const sheets = noDisabled({ params: params({ 地区: region, ...extra }) });
    return sheets.map((s) => (s.name === payrollSheet([]).name ? withColumn(s, "缴费基数", () => 7310) : s));
  };
  it("uses the sum of bases as column 4, says so (info), and drops the warning", () => {
    const a = run(withBase("上海"));
    expect(a.calculation?.wageTotal).toBe("8772000");
    expect(a.calculation?.averageWage).toBe("87720");
    expect(a.calculation?.payable).toBe("118422.00");
    const f = one(a.findings, "WG_BASE_FROM_SI_COLUMN");
    expect(f.severity).toBe("info");
    // The template payroll has 15 columns (A–O): the base column is P, its header on row 1.
    expect(f.cells).toEqual([{ sheet: "工资表", address: "P1" }]);
    expect(f.message.zh).toContain("8,772,000.00");
    expect(f.message.zh).toContain("12,840,000.00");
    expect(f.message.en).toContain("缴费基数");
    expect(f.source).toContain("沪财发〔2020〕9号");
    expect(only(a.findings, "WG_BASE_SOCIAL_INSURANCE")).toEqual([]);
    expect(a.wages).toMatchObject({ total: "12840000", basis: "social-insurance-base", socialInsuranceBase: { total: "8772000", used: true } });
    // Every payroll row still accounted for: 1,200 read, all counted.
    expect(a.tables?.find((t) => t.kind === "payroll")).toMatchObject({ rows: { read: 1200, counted: 1200, excluded: 0, rejected: 0 } });
  });
  it("a declared column 4 equal to the base sum is not a wage-total mismatch", () => {
    const sheets = withBase("上海");
    sheets.push(declarationSheet([["上年在职职工工资总额", 8772000], ["上年在职职工人数", 100]]));
    const a = run(sheets);
    expect(only(a.findings, "WG_DECLARED_MISMATCH")).toEqual([]);
  });
  it("elsewhere (江苏), or in Shanghai with 工资基数口径 | wage-total, the column is ignored for the levy", () => {
    for (const a of [run(withBase("江苏")), run(withBase("上海", { 工资基数口径: "wage-total" }))]) {
      expect(a.calculation?.wageTotal).toBe("12840000");
      expect(only(a.findings, "WG_BASE_FROM_SI_COLUMN")).toEqual([]);
      expect(only(a.findings, "WG_BASE_SOCIAL_INSURANCE")).toEqual([]);
      expect(a.wages).toMatchObject({ total: "12840000", basis: "wage-total", socialInsuranceBase: { total: "8772000", used: false } });
      // Recognised like any other column, never as wages.
      expect(a.wages?.columns.find((c) => c.header === "缴费基数")).toMatchObject({ category: "socialInsuranceBase", payKind: "base" });
    }
    expect(run(withBase("江苏")).calculation?.payable).toBe("173340.00");
  });
  it("Shanghai without the column keeps the warning and the wage total", () => {
    const a = run(noDisabled({ params: params({ 地区: "上海" }) }));
    expect(a.calculation?.wageTotal).toBe("12840000");
    expect(one(a.findings, "WG_BASE_SOCIAL_INSURANCE").severity).toBe("warning");
    expect(only(a.findings, "WG_BASE_FROM_SI_COLUMN")).toEqual([]);
  });
});

describe("policy (exemption, cap, parameters, tiers, declaration)", () => {
  const small = (o: Parameters<typeof cleanCompany>[0] = {}) => cleanCompany({ employees: cleanEmployees(20), disabled: null, monthly: null, declaration: null, ...o });
  it("EXEMPT_SMALL_ENTERPRISE (info): 20 staff, gross 38,520.00 exempt under 2023年第8号", () => {
    // 20 × 128,400 = 2,568,000; required 0.3 × 128,400 = 38,520.00.
    const a = run(small());
    const f = one(a.findings, "EXEMPT_SMALL_ENTERPRISE");
    expect(f).toMatchObject({ severity: "info", amount: "38520.00" });
    expect(f.source).toContain("2023年第8号");
    expect(a.calculation?.payable).toBe("0.00");
  });
  it("DECL_PAYABLE_MISMATCH (error) when a ≤30 enterprise declares a payable amount, citing 2023年第8号", () => {
    const a = run(small({ declaration: [["本期应纳费额", 38520], ["本期减免费额", 3852], ["本期应补（退）费额", 34668], ["上年在职职工人数", 20]] }));
    const f = one(a.findings, "DECL_PAYABLE_MISMATCH");
    expect(f).toMatchObject({ severity: "error", amount: "34668.00" });
    expect(f.message.zh).toContain("2023年第8号");
    expect(f.message.zh).toContain("已过时");
  });
  it("DECL_PAYABLE_MISMATCH: the Nanjing letter's 15-person company (6,637 truncated, charged)", () => {
    // 15 × 65,556 = 983,340; × 45% Nanjing collection rate: gross 6,637.55 (the letter truncates to 6,637), exempt.
    const emps = cleanEmployees(15);
    const sheets = [
      parameterSheet([["地区", "南京市"], ["申报年度", 2025], ["单位类型", "企业"], ["社会平均工资", 65556]]),
      rosterSheet(emps),
      payrollSheet(emps.map((e) => payRow(e.id, e.name, "全年", { basic: 65556 })).map((r) => [r[0], r[1], ...r.slice(3)]).map((r) => r)),
    ];
    const pay = sheet("工资表", [["工号", "姓名", "基本工资"], ...emps.map((e) => [e.id, e.name, 65556])]);
    sheets[2] = pay;
    sheets.push(declarationSheet([["本期应纳费额", 6637], ["本期减免费额", 0], ["本期应补（退）费额", 6637]]));
    const a = run(sheets);
    expect(a.calculation).toMatchObject({ grossDue: "6637.55", reductionKind: "small-enterprise", payable: "0.00" });
    const f = one(a.findings, "DECL_PAYABLE_MISMATCH");
    expect(f.message.zh).toContain("南京");
    expect(f.message.zh).toContain("截尾");
    expect(only(a.findings, "PARAM_UNVERIFIED").length).toBe(1);
  });
  it("CAP_APPLIED (info) and a declaration still capped at 3× (财税〔2018〕39号 applies)", () => {
    // Social average 40,000: cap 80,000 < 128,400 → gross 1.5 × 80,000 = 120,000.00 → 90% → 108,000.00.
    // Uncapped payable 173,340.00 → 65,340.00 saved. At 3× (120,000): gross 180,000.00.
    const a = run(noDisabled({ params: params({ 社会平均工资: 40000 }), declaration: [["本期应纳费额", 180000], ["本期减免费额", 18000], ["本期应补（退）费额", 162000]] }));
    expect(a.calculation).toMatchObject({ wageCap: "80000", grossDue: "120000.00", payable: "108000.00" });
    expect(one(a.findings, "CAP_APPLIED")).toMatchObject({ severity: "info", amount: "65340.00" });
    const d = one(a.findings, "DECL_PAYABLE_MISMATCH");
    expect(d.message.zh).toContain("3倍");
    expect(d.message.zh).toContain("39号");
  });
  it("CAP_NOT_CHECKED (warning) without a social average wage", () => {
    expect(one(run(noDisabled({ params: params({ 社会平均工资: undefined }) })).findings, "CAP_NOT_CHECKED").severity).toBe("warning");
  });
  it("PARAM_UNVERIFIED (warning) for Henan's 1.6% (a secondary source)", () => {
    const f = one(run(cleanCompany({ params: params({ 地区: "河南" }) })).findings, "PARAM_UNVERIFIED");
    expect(f.severity).toBe("warning");
    expect(f.message.zh).toContain("0.016");
  });
  it("PARAM_OVERRIDDEN (info) for a quota ratio set in the parameter block", () => {
    const f = one(run(cleanCompany({ params: params({ 安置比例: "1.6%" }) })).findings, "PARAM_OVERRIDDEN");
    expect(f).toMatchObject({ severity: "info", cells: [{ sheet: "参数", address: "B9" }] });
  });
  it("PARAM_OVERRIDDEN (warning) when the override brings back the 3× cap: 财税〔2018〕39号 applies", () => {
    const f = one(run(noDisabled({ params: params({ 封顶倍数: 3 }) })).findings, "PARAM_OVERRIDDEN");
    expect(f.severity).toBe("warning");
    expect(f.message.zh).toContain("已失效");
    expect(f.message.zh).toContain("39号");
    const g = one(run(noDisabled({ params: params({ 免征人数: 20 }) })).findings, "PARAM_OVERRIDDEN");
    expect(g.message.en).toContain("outdated");
  });
  it("POLICY_EXPIRED (warning) for a filing after 2027", () => {
    const a = run(noDisabled({ params: params({ 申报年度: 2029 }) }));
    expect(one(a.findings, "POLICY_EXPIRED").severity).toBe("warning");
  });
  it("TIER_NEAR is not raised when the band is far away", () => {
    const a = run(cleanCompany({ employees: cleanEmployees(1000), disabled: null, declaration: null, monthly: null }));
    expect(only(a.findings, "TIER_NEAR")).toEqual([]);
  });
});

describe("saved LEVY formulas (FORMULA_STALE)", () => {
  const settings = "参数!A2:B8";
  const formulaSheet = (cached: CellValue, formula: string): SheetData => ({
    name: "申报表",
    origin: "A1",
    values: [["项目", "金额"], ["本期应补（退）费额", cached]],
    formulas: [[null, null], [null, formula]],
  });
  it("flags a cached value that no longer matches the recomputation", () => {
    const a = run([...noDisabled(), formulaSheet(170000, `_xldudf_LEVY_DUE(100,0,12840000,${settings})`)]);
    const f = one(a.findings, "FORMULA_STALE");
    expect(f).toMatchObject({ severity: "warning", cells: [{ sheet: "申报表", address: "B2" }] });
    expect(a.formulas).toEqual([expect.objectContaining({ status: "stale", recomputed: 173340, function: "DUE" })]);
  });
  it("accepts every stored spelling and a matching value", () => {
    for (const f of [`LEVY.DUE(100,0,12840000,${settings})`, `_xll.LEVY.DUE(100,0,12840000,${settings})`, `=_xldudf_LEVY_DUE(100, 0, 12840000, ${settings})`]) {
      const a = run([...noDisabled(), formulaSheet(173340, f)]);
      expect(a.formulas.map((x) => x.status), f).toEqual(["ok"]);
      expect(only(a.findings, "FORMULA_STALE")).toEqual([]);
    }
  });
});

describe("the registry", () => {
  it("every code raised above is in the catalogue", async () => {
    const { RULES } = await import("../../src/validation/registry");
    const codes = new Set(RULES.map((r) => r.code));
    for (const code of ["HC_INTERN", "WG_BONUS_MISSING", "DS_UNCERTIFIED", "FORMULA_STALE", "TIER_NEAR", "DECL_PAYABLE_MISMATCH"]) expect(codes.has(code)).toBe(true);
  });
});

export type { Employee };
