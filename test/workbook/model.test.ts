/**
 * The workbook model: headcount by method (figures worked out by hand below), exclusions, wage total, disabled
 * eligibility and weights, declared figures, parameters, and the row accounting. Expected values are written out.
 */
import { describe, expect, it } from "vitest";
import { Decimal, display2, plainString } from "../../src/core/decimal";
import { buildWorkbookModel } from "../../src/workbook/model";
import type { CellValue, SheetData } from "../../src/workbook/types";
import {
  CLEAN_EXPECTED,
  cleanCompany,
  cleanEmployees,
  disabledSheet,
  makeCert,
  makeId,
  parameterSheet,
  payRow,
  payrollSheet,
  rosterSheet,
  sheet,
  withColumn,
} from "./fixtures";

const TODAY = { today: "2025-06-01" };

/**
 * Data year 2024 (a leap year). A: all year. B: hired 2024-03-16. C: left 2024-06-10. D: seasonal 2024-07-01 to
 * 2024-09-15 (a 2.5-month contract, counted because seasonal staff are averaged). E: intern all year (excluded).
 *
 *   month        Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec
 *   start        2   2   2   3   3   3   3   3   3   2   2   2
 *   end          2   2   3   3   3   2   3   3   2   2   2   2
 *   (s+e)/2      2   2   2.5 3   3   2.5 3   3   2.5 2   2   2     Σ 29.5 → 29.5/12
 *   month-end    Σ 29 → 29/12
 *   daily        2   2  78/31 3  3  70/30 3  3  75/30 2  2   2     Σ 24.5 + 78/31 + 7/3 = 5459/186 → 5459/2232
 */
function methodRoster(): SheetData {
  return rosterSheet([
    { id: "A", name: "甲" },
    { id: "B", name: "乙", hire: "2024-03-16" },
    { id: "C", name: "丙", leave: "2024-06-10" },
    { id: "D", name: "丁", type: "季节工", hire: "2024-07-01", leave: "2024-09-15", contractStart: "2024-07-01", contractEnd: "2024-09-15" },
    { id: "E", name: "戊", type: "实习" },
  ]);
}

function modelWith(extra: SheetData[], params: Array<[string, CellValue]> = [["申报年度", 2025]]) {
  return buildWorkbookModel([parameterSheet(params), ...extra, payrollSheet([payRow("A", "甲", "2024-01", { basic: 1 })])], TODAY);
}

describe("headcount by method", () => {
  it("start-end-average (the default)", () => {
    const m = modelWith([methodRoster()]);
    expect(m.headcount!.method).toBe("start-end-average");
    expect(m.headcount!.counts.start).toEqual([2, 2, 2, 3, 3, 3, 3, 3, 3, 2, 2, 2]);
    expect(m.headcount!.counts.end).toEqual([2, 2, 3, 3, 3, 2, 3, 3, 2, 2, 2, 2]);
    expect(m.headcount!.figures.map(plainString)).toEqual(["2", "2", "2.5", "3", "3", "2.5", "3", "3", "2.5", "2", "2", "2"]);
    expect(m.headcount!.annual.equals(new Decimal("29.5").dividedBy(12))).toBe(true);
    expect(m.levyCase!.monthlyHeadcount![2]).toEqual(["2", "3"]);
  });
  it("month-end", () => {
    const m = modelWith([methodRoster()], [["申报年度", 2025], ["月人数口径", "month-end"]]);
    expect(m.headcount!.annual.equals(new Decimal(29).dividedBy(12))).toBe(true);
    expect(display2(m.headcount!.annual)).toBe("2.42");
  });
  it("daily-average", () => {
    const m = modelWith([methodRoster()], [["申报年度", 2025], ["月人数口径", "daily-average"]]);
    expect(m.headcount!.figures[2].toSignificantDigits(30).equals(new Decimal(78).dividedBy(31).toSignificantDigits(30))).toBe(true);
    expect(m.headcount!.annual.toSignificantDigits(30).equals(new Decimal(5459).dividedBy(2232).toSignificantDigits(30))).toBe(true);
    expect(display2(m.headcount!.annual)).toBe("2.45");
  });
  it("excludes the intern and reports what she would add (1.0)", () => {
    const m = modelWith([methodRoster()]);
    const e = m.persons.find((p) => p.employeeId === "E")!;
    expect([e.status, e.reason]).toEqual(["excluded", "HC_INTERN"]);
    expect(plainString(m.headcount!.excludedAnnual.get("HC_INTERN")!)).toBe("1");
    expect(m.accounting.perTable.get(m.tables.find((t) => t.kind === "roster")!.id)).toEqual({ read: 5, counted: 4, excluded: 1, rejected: 0 });
  });
});

describe("roster rows: every row counted, excluded or rejected", () => {
  const rows = rosterSheet([
    { id: "1", name: "正式", idNumber: makeId(1) },
    { id: "2", name: "在编", type: "在编", contractStart: null, contractEnd: null },
    { id: "3", name: "非全", type: "非全日制" },
    { id: "4", name: "返聘", type: "退休返聘" },
    { id: "5", name: "派遣", type: "劳务派遣" },
    { id: "6", name: "约定", type: "劳务派遣(约定计入)" },
    { id: "7", name: "劳务", type: "劳务" },
    { id: "8", name: "短合同", contractStart: "2024-01-01", contractEnd: "2024-06-30" },
    { id: "9", name: "旧人", hire: "2015-01-01", leave: "2022-05-31" },
    { id: "10", name: "坏日期", hire: "2024-02-30" },
    { id: "11", name: "倒挂", hire: "2024-05-01", leave: "2024-04-01" },
    { id: "1", name: "正式", idNumber: makeId(1) },
    { id: "12", name: "外星", type: "外星人" },
    { id: null as unknown as string, name: null as unknown as string, type: "全日制" },
    { id: "合计", name: null as unknown as string, type: null },
  ]);
  const m = modelWith([rows]);
  const outcome = (id: string) => {
    const p = m.persons.find((x) => x.employeeId === id && x.status !== "rejected") ?? m.persons.find((x) => x.employeeId === id)!;
    return [p.status, p.reason];
  };
  it("classifies each row", () => {
    expect(outcome("1")).toEqual(["counted", null]);
    expect(outcome("2")).toEqual(["counted", null]);
    expect(outcome("3")).toEqual(["excluded", "HC_PART_TIME"]);
    expect(outcome("4")).toEqual(["excluded", "HC_RETIREE"]);
    expect(outcome("5")).toEqual(["excluded", "HC_DISPATCH_IN"]);
    expect(outcome("6")).toEqual(["counted", null]);
    expect(outcome("7")).toEqual(["excluded", "HC_LABOUR_SERVICE"]);
    expect(outcome("8")).toEqual(["excluded", "HC_SHORT_CONTRACT"]);
    expect(outcome("9")).toEqual(["excluded", "PERIOD_MISMATCH"]);
    expect(outcome("10")).toEqual(["rejected", "DATA_BAD_DATE"]);
    expect(outcome("11")).toEqual(["rejected", "DATA_LEAVE_BEFORE_HIRE"]);
    expect(outcome("12")).toEqual(["counted", null]);
    expect(m.persons.filter((p) => p.employeeId === "1").map((p) => p.reason)).toEqual([null, "ID_DUPLICATE"]);
  });
  it("adds up: 15 rows read = 4 counted + 8 excluded + 4 rejected … with the summary row excluded and the nameless row rejected", () => {
    const t = m.accounting.perTable.get(m.tables.find((x) => x.kind === "roster")!.id)!;
    // counted: 1, 2, 6, 12 · excluded: 3, 4, 5, 7, 8, 9, 合计 · rejected: 10, 11, duplicate 1, nameless
    expect(t).toEqual({ read: 15, counted: 4, excluded: 7, rejected: 4 });
    expect(t.read).toBe(t.counted + t.excluded + t.rejected);
    expect(m.headcount!.annual.toString()).toBe("4");
  });
  it("reports the unreadable cells with their addresses", () => {
    const bad = m.issues.byCode("DATA_BAD_DATE")[0];
    expect(bad.cells).toEqual([{ sheet: "花名册", address: "E11" }]);
    expect(bad.samples).toEqual(["2024-02-30"]);
    // 外星人 is no employment type the rules know: HC_TYPE_UNKNOWN (an error finding, with the money at stake).
    expect(m.issues.byCode("HC_TYPE_UNKNOWN")[0].cells).toEqual([{ sheet: "花名册", address: "D14" }]);
  });
});

describe("payroll → wage total", () => {
  const employees = [
    { id: "P1", name: "甲" },
    { id: "P2", name: "乙" },
    { id: "P3", name: "实习生", type: "实习" },
  ];
  it("sums the six components, keeps non-wage items and excluded staff out, reads text numbers, rejects bad rows", () => {
    const pay = payrollSheet([
      payRow("P1", "甲", "2024-01", { basic: 8000, bonus: "1,000", allowance: 500.5, welfare: 300, employerSocial: 2000 }),
      payRow("P1", "甲", "2024-02", { basic: 8000, yearEnd: 12000, meal: 100 }),
      payRow("P2", "乙", "2024年1月", { basic: "８０００元", overtime: 250 }),
      payRow("P2", "乙", "2024-02", { basic: "#N/A" }),
      payRow("P3", "实习生", "2024-01", { basic: 3000 }),
      payRow("P9", "外人", "2024-01", { basic: 100 }),
      payRow("P1", "甲", "2025-01", { basic: 9999 }),
      ["合计", null, null, 99999, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ]);
    const m = buildWorkbookModel([parameterSheet([["申报年度", 2025]]), rosterSheet(employees), pay], TODAY);
    // 8000 + 1000 + 500.50 + 8000 + 12000 + 8000 + 250 + 100 (P9, unmatched but paid) = 37850.50
    expect(plainString(m.payroll.wageTotal)).toBe("37850.5");
    expect(plainString(m.payroll.nonWageTotal)).toBe("2400");
    expect(plainString(m.payroll.excludedStaff.total)).toBe("3000");
    expect(m.payroll.unmatched).toMatchObject({ rows: 1 });
    expect(plainString(m.payroll.byCategory.get("bonus")!)).toBe("13000");
    const t = m.accounting.perTable.get(m.tables.find((x) => x.kind === "payroll")!.id)!;
    // counted: rows 1, 2, 3, P9 · excluded: intern, 2025-01, 合计 · rejected: #N/A
    expect(t).toEqual({ read: 8, counted: 4, excluded: 3, rejected: 1 });
    expect(m.issues.byCode("DATA_TEXT_NUMBER").map((i) => i.cells.map((c) => c.address))).toEqual([["F2"], ["D4"]]);
    expect(m.issues.byCode("DATA_BAD_NUMBER")[0].cells).toEqual([{ sheet: "工资表", address: "D5" }]);
    expect(m.levyCase!.wageTotal).toBe("37850.5");
  });
  it("reads one row per person per year, and monthly sheets named by month", () => {
    const annual = sheet("年度工资", [["工号", "姓名", "全年工资", "独生子女费"], ["P1", "甲", 100000, 120], ["P2", "乙", 90000.25, 0]]);
    const m = buildWorkbookModel([parameterSheet([["申报年度", 2025]]), rosterSheet(employees.slice(0, 2)), annual], TODAY);
    expect(plainString(m.payroll.wageTotal)).toBe("190000.25");
    expect(m.payroll.tables[0]).toMatchObject({ perMonth: false, basis: "total" });
    const jan = sheet("2024年1月", [["工号", "姓名", "基本工资"], ["P1", "甲", 100]]);
    const feb = sheet("2024年2月", [["工号", "姓名", "基本工资"], ["P1", "甲", 200]]);
    const m2 = buildWorkbookModel([parameterSheet([["申报年度", 2025]]), rosterSheet(employees.slice(0, 1)), jan, feb], TODAY);
    expect(plainString(m2.payroll.wageTotal)).toBe("300");
    expect(m2.payroll.monthsCovered).toBe(0b11);
  });
  it("sums a 社保缴费基数 column over exactly the counted rows, apart from the wages; Shanghai's case uses it", () => {
    const bases: CellValue[] = [7000, "abc", "6,500.50", 5000, 100, 9999, 6500, null, 0.125];
    const rows = [
      payRow("P1", "甲", "2024-01", { basic: 8000 }),
      payRow("P1", "甲", "2024-02", { basic: 8000 }), // unreadable base: reported, the wages still count
      payRow("P2", "乙", "2024-01", { basic: 6000 }), // text base
      payRow("P3", "实习生", "2024-01", { basic: 3000 }), // intern: excluded with the wages
      payRow("P9", "外人", "2024-01", { basic: 100 }), // not in the roster: counted, like the wages
      payRow("P1", "甲", "2025-01", { basic: 9999 }), // outside the data year
      payRow("P2", "乙", "2024-02", { basic: "#N/A" }), // rejected row
      ["合计", null, null, 99999, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      payRow("P2", "乙", "2024-03", { basic: 0.5 }), // three-decimal base stays exact
    ];
    const pay = withColumn(payrollSheet(rows), "社保缴费基数", (_r, i) => bases[i]);
    const build = (region: string) => buildWorkbookModel([parameterSheet([["申报年度", 2025], ["地区", region]]), rosterSheet(employees), pay], TODAY);
    const m = build("CN");
    // wages: 8000 + 8000 + 6000 + 100 + 0.50 = 22100.50 (the base column never enters it)
    expect(plainString(m.payroll.wageTotal)).toBe("22100.5");
    // bases: 7000 + 0 ("abc") + 6500.50 + 100 (P9) + 0.125 = 13600.625; not 5000 (intern), 9999 (2025), 6500 (rejected)
    expect(plainString(m.payroll.socialInsuranceBase!.total)).toBe("13600.625");
    expect(m.payroll.socialInsuranceBase).toMatchObject({ tablesWithout: 0, badCells: 1, columns: [{ column: "P", header: "社保缴费基数", headerCell: "P1" }] });
    expect(m.payroll.byCategory.has("socialInsuranceBase")).toBe(false);
    expect(plainString(m.payroll.nonWageTotal)).toBe("0");
    expect(m.issues.byCode("DATA_BAD_NUMBER").map((i) => i.cells[0].address)).toEqual(["P3", "D8"]);
    const t = m.accounting.perTable.get(m.tables.find((x) => x.kind === "payroll")!.id)!;
    // counted: P1-01, P1-02, P2-01, P9, P2-03 · excluded: intern, 2025-01, 合计 · rejected: #N/A
    expect(t).toEqual({ read: 9, counted: 5, excluded: 3, rejected: 1 });
    // National rules: column 4 is the wage total.
    expect(m.wageBasis).toBe("wage-total");
    expect(m.levyCase!.wageTotal).toBe("22100.5");
    // Shanghai (social-insurance-base): column 4 is the base sum; the same rows are read.
    const sh = build("上海");
    expect(sh.wageBasis).toBe("social-insurance-base");
    expect(sh.levyCase!.wageTotal).toBe("13600.625");
    expect(plainString(sh.payroll.wageTotal)).toBe("22100.5");
    expect(sh.accounting.perTable.get(sh.tables.find((x) => x.kind === "payroll")!.id)).toEqual(t);
  });
  it("does not use a base column that only some monthly sheets have", () => {
    const jan = sheet("2024年1月", [["工号", "姓名", "基本工资", "缴费基数"], ["P1", "甲", 100, 90]]);
    const feb = sheet("2024年2月", [["工号", "姓名", "基本工资"], ["P1", "甲", 200]]);
    const m = buildWorkbookModel([parameterSheet([["申报年度", 2025], ["地区", "上海"]]), rosterSheet(employees.slice(0, 1)), jan, feb], TODAY);
    expect(m.payroll.socialInsuranceBase).toMatchObject({ tablesWithout: 1 });
    expect(m.wageBasis).toBe("wage-total");
    expect(m.levyCase!.wageTotal).toBe("300");
  });
  it("keeps amounts with more than two decimals exact", () => {
    const m = buildWorkbookModel([parameterSheet([["申报年度", 2025]]), rosterSheet(employees.slice(0, 1)), payrollSheet([payRow("P1", "甲", 1, { basic: 0.125 }), payRow("P1", "甲", 2, { basic: 0.1 }), payRow("P1", "甲", 3, { basic: 0.2 })])], TODAY);
    expect(plainString(m.payroll.wageTotal)).toBe("0.425");
  });
});

describe("disabled register", () => {
  const ids = [makeId(11, "19800101"), makeId(12, "19850505", "female"), makeId(13, "19900101"), makeId(14, "19500101"), makeId(15, "19880808")];
  const emps = [
    { id: "D1", name: "一级", idNumber: ids[0] },
    { id: "D2", name: "三级", idNumber: ids[1], hire: "2024-07-01" },
    { id: "D3", name: "未认定", idNumber: ids[2] },
    { id: "D4", name: "超龄", idNumber: ids[3] },
    { id: "D5", name: "派遣", idNumber: ids[4], type: "劳务派遣" },
  ];
  const register = disabledSheet([
    { id: "D1", name: "一级", idNumber: ids[0], certificate: makeCert(ids[0], 1, 1) },
    { id: "D2", name: "三级", idNumber: ids[1], certificate: makeCert(ids[1], 4, 3), monthlyWage: "3,000" },
    { id: "D3", name: "未认定", idNumber: ids[2], certificate: makeCert(ids[2], 2, 2), certified: "否" },
    { id: "D4", name: "超龄", idNumber: ids[3], certificate: makeCert(ids[3], 4, 4) },
    { id: "D5", name: "派遣", idNumber: ids[4], certificate: makeCert(ids[4], 4, 3) },
    { id: "D1", name: "一级", idNumber: ids[0], certificate: makeCert(ids[0], 1, 1) },
  ]);
  const m = buildWorkbookModel([parameterSheet([["申报年度", 2025], ["最低工资", 2490]]), rosterSheet(emps), register, payrollSheet([payRow("D1", "一级", 1, { basic: 5000 })])], TODAY);
  const entry = (id: string) => m.disabled!.entries.find((e) => e.person?.employeeId === id)!;
  it("weights grade 1–2 as 2 and pro-rates part-year staff (D2 from July: 0.5)", () => {
    expect([entry("D1").weight, entry("D1").status, plainString(entry("D1").contribution)]).toEqual([2, "counted", "2"]);
    expect([entry("D2").weight, entry("D2").status, plainString(entry("D2").fraction)]).toEqual([1, "counted", "0.5"]);
    expect(plainString(m.disabled!.certified)).toBe("2.5");
    expect(m.levyCase!.certifiedDisabled).toBe("2.5");
  });
  it("excludes the uncertified, the over-age and the dispatched, each with its reason", () => {
    expect(entry("D3").failures.map((f) => f.code)).toEqual(["DS_UNCERTIFIED"]);
    expect(entry("D4").failures.map((f) => f.code)).toEqual(["DS_AGE_OUT_OF_RANGE"]);
    expect(entry("D5").failures.map((f) => f.code)).toEqual(["HC_DISPATCH_IN"]);
  });
  it("rejects the duplicate certificate and accounts for every register row", () => {
    const t = m.accounting.perTable.get(m.tables.find((x) => x.kind === "disabled")!.id)!;
    expect(t).toEqual({ read: 6, counted: 2, excluded: 3, rejected: 1 });
  });
});

describe("parameters and declared figures", () => {
  it("keeps form labels out of the parameter block (a declared ratio is not an override)", () => {
    const decl = sheet("申报表", [["上年在职职工工资总额", 1000], ["上年在职职工人数", 10], ["应安排残疾人就业比例", "1.5%"], ["本期应补（退）费额", 0]]);
    const m = buildWorkbookModel([parameterSheet([["申报年度", 2025], ["地区", "江苏"]]), rosterSheet([{ id: "1", name: "a" }]), decl, payrollSheet([payRow("1", "a", 1, { basic: 1000 })])], TODAY);
    expect(m.overrides).toEqual({});
    expect(plainString(m.declared.quotaRatio!.value)).toBe("0.015");
    expect(m.declared.headcount).toMatchObject({ cell: { sheet: "申报表", address: "B2" }, source: "declaration" });
    expect(m.period).toMatchObject({ filingYear: 2025, dataYear: 2024, source: "parameters" });
    expect(m.levyCase!.region).toBe("江苏");
  });
  it("lets options win over the parameter block", () => {
    const m = buildWorkbookModel(cleanCompany(), { ...TODAY, filingYear: 2026, region: "CN-SH", entityType: "事业单位" });
    expect(m.period).toMatchObject({ filingYear: 2026, dataYear: 2025, source: "options" });
    expect(m.entityType).toBe("public-institution");
    expect(m.region!.code).toBe("CN-SH");
  });
  it("infers the period from the payroll when no filing year is given", () => {
    const m = buildWorkbookModel([rosterSheet([{ id: "1", name: "a" }]), payrollSheet([payRow("1", "a", "2023-05", { basic: 1 })])], TODAY);
    expect(m.period).toMatchObject({ filingYear: 2024, dataYear: 2023, source: "payroll" });
  });
});

describe("the clean company", () => {
  const m = buildWorkbookModel(cleanCompany(), TODAY);
  it("produces the expected case for the core", () => {
    expect(m.fatal).toBeUndefined();
    expect(plainString(m.headcount!.annual)).toBe(CLEAN_EXPECTED.headcount);
    expect(m.levyCase).toMatchObject({ filingYear: CLEAN_EXPECTED.filingYear, wageTotal: CLEAN_EXPECTED.wageTotal, certifiedDisabled: CLEAN_EXPECTED.certifiedDisabled, socialAverageWage: "100000", region: "CN", entityType: "enterprise" });
    expect(plainString(m.payroll.nonWageTotal)).toBe(CLEAN_EXPECTED.nonWageTotal);
  });
  it("accounts for every row", () => {
    expect(m.accounting.total()).toEqual({ read: 1314, counted: 1314, excluded: 0, rejected: 0 });
  });
});

describe("unusable and hostile input", () => {
  it("an empty workbook is fatal, not a crash", () => {
    expect(buildWorkbookModel([], TODAY).fatal?.en).toMatch(/empty/);
    expect(buildWorkbookModel([sheet("Sheet1", [])], TODAY).fatal?.en).toMatch(/empty/);
    expect(buildWorkbookModel(null as unknown as SheetData[], TODAY).fatal?.en).toMatch(/empty/);
  });
  it("no roster is fatal", () => {
    expect(buildWorkbookModel([sheet("x", [["a", "b"], [1, 2]])], TODAY).fatal?.en).toMatch(/No roster/);
  });
  it("__proto__ and constructor as headers, values and parameter names change nothing global", () => {
    const s = sheet("花名册", [
      ["__proto__", "constructor", "工号", "姓名", "用工形式"],
      ["{\"polluted\":1}", "constructor", "__proto__", "constructor", "__proto__"],
    ]);
    const params = parameterSheet([["__proto__", "x"], ["constructor", "y"], ["列:__proto__", "employeeId"], ["申报年度", 2025]]);
    const m = buildWorkbookModel([params, s, payrollSheet([payRow("__proto__", "x", 1, { basic: 1 })])], TODAY);
    expect(m.fatal).toBeUndefined();
    // The mapping row 列:__proto__ → employeeId makes column A the 工号; column C (工号) is then a duplicate.
    expect(m.persons[0].employeeId).toBe('{"POLLUTED":1}');
    expect(m.tables[0].columns.find((c) => c.letter === "C")!.duplicate).toBe(true);
    expect(m.persons[0].typeClass).toBe("unknown");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(typeof ({} as { constructor: unknown }).constructor).toBe("function");
  });
  it("a big roster (20,000 people × 12 months of pay) is read completely", () => {
    const emps = cleanEmployees(20000).map((e, i) => ({ ...e, type: i % 100 === 0 ? "实习" : "全日制" }));
    const pay = emps.flatMap((e) => Array.from({ length: 12 }, (_, k) => payRow(e.id, e.name, k + 1, { basic: 5000, bonus: 100.5 })));
    const m = buildWorkbookModel([parameterSheet([["申报年度", 2025]]), rosterSheet(emps), payrollSheet(pay)], TODAY);
    // 200 interns excluded → 19,800 counted; wage 19,800 × 12 × 5,100.50
    expect(plainString(m.headcount!.annual)).toBe("19800");
    expect(plainString(m.payroll.wageTotal)).toBe("1211878800");
    expect(m.accounting.total()).toEqual({ read: 260000, counted: 257400, excluded: 2600, rejected: 0 });
  });
});

describe("single-sheet firms and form layouts", () => {
  it("a roster that carries annual pay and certificate numbers serves as payroll and register too", () => {
    const id1 = makeId(21, "19850101");
    const id2 = makeId(22, "19860202", "female");
    const s = sheet("职工", [
      ["工号", "姓名", "身份证号", "入职日期", "用工形式", "全年工资", "福利费", "残疾人证号"],
      ["1", "甲", id1, "2019-01-01", "全日制", 100000, 500, makeCert(id1, 1, 2)],
      ["2", "乙", id2, "2019-01-01", "全日制", 90000, 500, null],
      ["3", "丙", null, "2019-01-01", "实习", 20000, 0, null],
    ]);
    const m = buildWorkbookModel([parameterSheet([["申报年度", 2025]]), s], TODAY);
    expect(m.tables.map((t) => [t.kind, t.embedded])).toEqual([["roster", { payroll: true, disabled: true }]]);
    expect(m.wageSource).toBe("roster");
    expect(plainString(m.payroll.wageTotal)).toBe("190000");
    expect(plainString(m.payroll.excludedStaff.total)).toBe("20000");
    // The certificate holder has no 残联认定 column, so she is not counted (and the register is read from the roster);
    // nor a 社保缴纳 column, so full social insurance cannot be confirmed either.
    expect(m.disabled!.entries.map((e) => [e.display, e.failures.map((f) => f.code)])).toEqual([["1 甲", ["DS_UNCERTIFIED", "DS_SOCIAL_INSURANCE_UNKNOWN"]]]);
    // Rows are accounted once, in the roster.
    expect(m.accounting.total()).toEqual({ read: 3, counted: 2, excluded: 1, rejected: 0 });
  });
  it("reads the filing form's horizontal layout (labels, a row of column numbers, values)", () => {
    const form = sheet("缴费申报表", [
      ["残疾人就业保障金缴费申报表"],
      ["上年在职职工工资总额", "上年在职职工人数", "应安排残疾人就业比例", "上年实际安排残疾人就业人数", "上年在职职工年平均工资", "本期应纳费额", "本期减免费额", "本期已缴费额", "本期应补（退）费额"],
      [4, 5, 6, 7, 8, 9, 10, 11, 12],
      [4980000, 60.67, "1.5%", 0, 82087.91, 74700, 7470, 0, 67230],
    ]);
    const m = buildWorkbookModel([parameterSheet([["申报年度", 2025]]), rosterSheet([{ id: "1", name: "a" }]), payrollSheet([payRow("1", "a", 1, { basic: 1 })]), form], TODAY);
    expect(Object.fromEntries(Object.entries(m.declared).map(([k, v]) => [k, [plainString(v!.value), v!.cell.address]]))).toEqual({
      wageTotal: ["4980000", "A4"],
      headcount: ["60.67", "B4"],
      quotaRatio: ["0.015", "C4"],
      certifiedDisabled: ["0", "D4"],
      averageWage: ["82087.91", "E4"],
      grossDue: ["74700", "F4"],
      reduction: ["7470", "G4"],
      alreadyPaid: ["0", "H4"],
      payable: ["67230", "I4"],
    });
  });
  it("a sheet of a million rows that is not a table is skipped without reading it", () => {
    const huge = sheet("日志", Array.from({ length: 1_000_000 }, (_, i) => [i, "log line"]));
    const t0 = Date.now();
    const m = buildWorkbookModel([...cleanCompany(), huge], TODAY);
    expect(m.skipped.map((s) => s.sheet)).toContain("日志");
    expect(m.accounting.total().read).toBe(1314);
    expect(Date.now() - t0).toBeLessThan(20_000); // a hang guard, not a benchmark
  });
  it("a million-row roster of blank rows reads no rows", () => {
    const rows: CellValue[][] = [["工号", "姓名", "入职日期"], ...Array.from({ length: 1_000_000 }, () => [null, "", null])];
    rows.push(["E1", "张三", "2020-01-01"]);
    const m = buildWorkbookModel([parameterSheet([["申报年度", 2025]]), sheet("花名册", rows), payrollSheet([payRow("E1", "张三", 1, { basic: 1 })])], TODAY);
    expect(m.accounting.total()).toEqual({ read: 2, counted: 2, excluded: 0, rejected: 0 });
    expect(plainString(m.headcount!.annual)).toBe("1");
  });
});
