/**
 * analyseWorkbook as a whole: the registry's completeness, the result's additions (tables and mapping, exclusions,
 * parameters), unusable input (fatal, never a throw), progress, and the codes added beyond issue 3 §2.
 */
import { describe, expect, it } from "vitest";
import { analyseWorkbook } from "../../src/validation/analyse";
import { RULES, ruleInfo } from "../../src/validation/registry";
import type { Finding } from "../../src/validation/types";
import type { SheetData } from "../../src/workbook/types";
import { CLEAN_PARAMS, CLEAN_PAY, cleanCompany, cleanEmployees, monthlySheet, parameterSheet, patchEmployees, payRow, payrollSheet, rosterSheet, sheet, withSheet, yearOfPay } from "../workbook/fixtures";

const TODAY = { today: "2025-06-01" };
const codes = (f: Finding[]) => f.map((x) => x.code);

const REQUIRED = [
  "HC_INTERN",
  "HC_PART_TIME",
  "HC_RETIREE",
  "HC_DISPATCH_IN",
  "HC_LABOUR_SERVICE",
  "HC_SHORT_CONTRACT",
  "HC_DECLARED_MISMATCH",
  "WG_BONUS_MISSING",
  "WG_NON_WAGE_INCLUDED",
  "WG_EXCLUDED_STAFF_PAY",
  "WG_DECLARED_MISMATCH",
  "DS_UNCERTIFIED",
  "DS_CERT_INVALID",
  "DS_CONTRACT_SHORT",
  "DS_WAGE_BELOW_MIN",
  "DS_NO_SOCIAL_INSURANCE",
  "DS_AGE_OUT_OF_RANGE",
  "DS_WEIGHT_MISMATCH",
  "DS_DECLARED_MISMATCH",
  "ID_INVALID",
  "ID_DUPLICATE",
  "USCC_INVALID",
  "DATA_TEXT_NUMBER",
  "DATA_BAD_NUMBER",
  "DATA_BAD_DATE",
  "DATA_LEAVE_BEFORE_HIRE",
  "DATA_MISSING_COLUMN",
  "PERIOD_MISMATCH",
  "MONTHS_INCOMPLETE",
  "EXEMPT_SMALL_ENTERPRISE",
  "CAP_APPLIED",
  "CAP_NOT_CHECKED",
  "PARAM_UNVERIFIED",
  "PARAM_OVERRIDDEN",
  "POLICY_EXPIRED",
  "TIER_NEAR",
  "DECL_PAYABLE_MISMATCH",
  "FORMULA_STALE",
];

describe("the registry", () => {
  it("lists every code of issue 3 §2 (and FORMULA_STALE) exactly once", () => {
    const list = RULES.map((r) => r.code);
    expect(new Set(list).size).toBe(list.length);
    for (const code of REQUIRED) expect(list, code).toContain(code);
  });
  it("gives every rule a severity, bilingual title and description, and a legal source unless it is about data quality", () => {
    // Data-quality, recognition and formula checks rest on no legal text: their source is empty, never an internal
    // name. Every rule about the levy itself (headcount, wages, disabled count, identifiers, policy) cites a document.
    const NO_LEGAL_SOURCE = /^(DATA_|RECOGNITION_|PARAM_INVALID$|PARAM_UNVERIFIED$|PARAM_OVERRIDDEN$|REGION_CAVEAT$|FORMULA_|TABLE_ROWS_OUTSIDE$|RANGE_ROWS_OUTSIDE$)/;
    for (const r of RULES) {
      expect(["error", "warning", "info"]).toContain(r.severity);
      for (const text of [r.title.zh, r.title.en, r.description.zh, r.description.en]) expect(text.length, r.code).toBeGreaterThan(1);
      if (NO_LEGAL_SOURCE.test(r.code)) expect(r.source, r.code).toBe("");
      else expect(r.source, r.code).toMatch(/〔\d{4}〕|《|GB \d|公告\d{4}年/);
      expect(/[\u4e00-\u9fff]/.test(r.description.zh), r.code).toBe(true);
    }
    expect(ruleInfo("DS_UNCERTIFIED")?.severity).toBe("error");
    expect(ruleInfo("HC_INTERN")?.severity).toBe("info");
  });
});

describe("unusable input", () => {
  it("an empty workbook gives fatal and no calculation, never a throw", () => {
    for (const input of [[], [sheet("Sheet1", [])], null as unknown as SheetData[], [null as unknown as SheetData]]) {
      const a = analyseWorkbook(input, TODAY);
      expect(a.fatal?.zh).toContain("空");
      expect(a.calculation).toBeNull();
      expect(a.result).toBeNull();
      expect(a.rows).toEqual({ read: 0, counted: 0, excluded: 0, rejected: 0 });
    }
  });
  it("no roster gives fatal with a bilingual explanation", () => {
    const a = analyseWorkbook([parameterSheet(CLEAN_PARAMS), payrollSheet([payRow("1", "a", 1, { basic: 1 })])], TODAY);
    expect(a.fatal?.en).toContain("No roster");
    expect(a.calculation).toBeNull();
    expect(a.tables.map((t) => t.kind)).toEqual(["payroll"]);
  });
  it("garbage cells (objects, NaN, huge strings, jagged rows) do not crash", () => {
    const rows = [
      ["工号", "姓名", "入职日期", "用工形式"],
      [{ weird: 1 } as never, Number.NaN, "x".repeat(100_000), undefined as never],
      "not a row" as never,
      [],
      ["E1", "张三", 1e308, true],
    ];
    const a = analyseWorkbook([sheet("花名册", rows), payrollSheet([payRow("E1", "张三", 1, { basic: Number.POSITIVE_INFINITY })])], TODAY);
    expect(a.fatal).toBeUndefined();
    expect(a.rows.read).toBe(a.rows.counted + a.rows.excluded + a.rows.rejected);
    expect(codes(a.findings)).toContain("DATA_BAD_DATE");
    expect(codes(a.findings)).toContain("DATA_BAD_NUMBER");
  });
});

describe("the result's additions", () => {
  const a = analyseWorkbook(cleanCompany(), { ...TODAY, mapping: { "花名册!D": "employmentType" } });
  it("reports every table and what each column was mapped to", () => {
    expect(a.tables.map((t) => [t.sheet, t.kind, t.headerRow, t.rows.read])).toEqual([
      ["花名册", "roster", 1, 100],
      ["工资表", "payroll", 1, 1200],
      ["残疾职工", "disabled", 1, 2],
      ["月度人数", "monthlyHeadcount", 1, 12],
    ]);
    const roster = a.tables[0];
    expect(roster.columns.find((c) => c.column === "D")).toMatchObject({ header: "用工形式", field: "employmentType", via: "mapping", mappingOrigin: "option" });
    expect(roster.columns.find((c) => c.column === "E")).toMatchObject({ field: "hireDate", via: "dictionary", label: { zh: "入职日期", en: "hire date" } });
    const pay = a.tables[1];
    expect(pay.columns.find((c) => c.header === "福利费")).toMatchObject({ field: "pay:welfare", payKind: "nonWage" });
    expect(a.mapping).toEqual([{ key: "花名册!D", value: "employmentType", origin: "option", target: "employmentType", applied: 1 }]);
    expect(a.skippedSheets.map((s) => s.sheet)).toEqual(["参数", "申报表"]);
  });
  it("reports parameters, the case, headcount, wages, the register and the declaration", () => {
    expect(a.parameters).toMatchObject({ sheet: "参数", employerName: "示例科技有限公司", uscc: "91310110666007217T", filingYear: 2025, dataYear: 2024, periodSource: "parameters", region: { input: "CN", code: "CN" }, entityType: "enterprise", headcountMethod: "start-end-average" });
    expect(a.parameters.values).toContainEqual({ name: "socialAverageWage", value: "100000", cell: { sheet: "参数", address: "B7" } });
    expect(a.case).toMatchObject({ wageTotal: "12840000", certifiedDisabled: "2" });
    expect(a.headcount).toMatchObject({ method: "start-end-average", annual: "100", excluded: {} });
    expect(a.wages).toMatchObject({ source: "payroll", total: "12840000", nonWageTotal: "2880000", byCategory: { timeWage: "9600000", bonus: "2400000", allowance: "600000", overtime: "240000" }, perMonth: true, monthsCovered: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] });
    expect(a.disabled?.persons.map((p) => [p.person, p.weight, p.fraction, p.counted])).toEqual([
      ["E0001 员工1", 1, "1", true],
      ["E0002 员工2", 1, "1", true],
    ]);
    expect(a.declared.wageTotal).toEqual({ value: "12840000", cell: { sheet: "申报表", address: "B3" }, source: "declaration" });
  });
  it("lists excluded and rejected rows with their reasons", () => {
    const emps = patchEmployees(cleanEmployees(), { E0010: { type: "实习" }, E0011: { hire: "bad date" } });
    const b = analyseWorkbook(cleanCompany({ employees: emps, declaration: null, monthly: null }), TODAY);
    expect(b.exclusions.filter((o) => o.table === "roster")).toEqual([expect.objectContaining({ sheet: "花名册", row: 11, reason: "HC_INTERN", cell: "D11", person: "E0010 员工10" })]);
    expect(b.rejections).toEqual([expect.objectContaining({ sheet: "花名册", row: 12, reason: "DATA_BAD_DATE", cell: "E12" })]);
    expect(b.rowsByReason.WG_EXCLUDED_STAFF_PAY).toEqual({ excluded: 12, rejected: 0 });
    expect(b.rows.read).toBe(b.rows.counted + b.rows.excluded + b.rows.rejected);
  });
  it("reports progress from 0 to 1", () => {
    const seen: number[] = [];
    analyseWorkbook(cleanCompany(), { ...TODAY, onProgress: (f) => seen.push(f) });
    expect(seen[0]).toBe(0);
    expect(seen[seen.length - 1]).toBe(1);
    expect([...seen].sort((x, y) => x - y)).toEqual(seen);
    // A throwing progress callback does not stop the analysis.
    const c = analyseWorkbook(cleanCompany(), {
      ...TODAY,
      onProgress: () => {
        throw new Error("display gone");
      },
    });
    expect(c.calculation?.payable).toBe("0.00");
  });
});

describe("codes beyond issue 3 §2", () => {
  it("DATA_MISSING_VALUE, DATA_UNKNOWN_VALUE, DATA_SUMMARY_ROW, DATA_UNMATCHED_PERSON", () => {
    const emps = patchEmployees(cleanEmployees(), { E0003: { hire: "", socialInsurance: "也许" }, E0004: { type: "神秘" } });
    const sheets = cleanCompany({ employees: emps, declaration: null, monthly: null });
    const pay = payrollSheet([...yearOfPay(cleanEmployees(), 2024, CLEAN_PAY), payRow("X999", "外人", "2024-01", { basic: 1 }), ["合计", null, null, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]]);
    const a = analyseWorkbook(withSheet(sheets, pay), TODAY);
    for (const code of ["DATA_MISSING_VALUE", "DATA_UNKNOWN_VALUE", "DATA_SUMMARY_ROW", "DATA_UNMATCHED_PERSON"]) expect(codes(a.findings), code).toContain(code);
  });
  it("DATA_DUPLICATE and PERIOD_INFERRED", () => {
    const start = new Array(12).fill(100);
    const m = monthlySheet(2024, start, start);
    m.values.push(["2024-03", 100, 100]);
    const sheets = withSheet(cleanCompany({ params: CLEAN_PARAMS.filter(([k]) => k !== "申报年度") }), m);
    const a = analyseWorkbook(sheets, TODAY);
    expect(codes(a.findings)).toContain("DATA_DUPLICATE");
    expect(codes(a.findings)).toContain("PERIOD_INFERRED");
    expect(a.parameters.filingYear).toBe(2025);
  });
  it("DATA_MISSING_TABLE when the wage total comes from the parameter block", () => {
    const a = analyseWorkbook([parameterSheet([...CLEAN_PARAMS, ["工资总额", 12840000]]), rosterSheet(cleanEmployees())], TODAY);
    expect(codes(a.findings)).toContain("DATA_MISSING_TABLE");
    expect(a.calculation?.wageTotal).toBe("12840000");
  });
  it("PARAM_INVALID for a bad region, a bad override and a mapping that matches nothing", () => {
    const a = analyseWorkbook(cleanCompany({ params: [...CLEAN_PARAMS.filter(([k]) => k !== "地区"), ["地区", "火星"], ["安置比例", "很多"], ["列:不存在的列", "employmentType"]] }), TODAY);
    const hits = a.findings.filter((f) => f.code === "PARAM_INVALID");
    expect(hits.map((f) => f.severity).sort()).toEqual(["error", "error", "warning"]);
    expect(a.calculation?.region.code).toBe("CN");
  });
  it("FORMULA_NO_VALUE and FORMULA_UNCHECKED", () => {
    const s: SheetData = {
      name: "公式",
      origin: "A1",
      values: [[null, 5]],
      formulas: [["LEVY.DUE(100,0,1000)", "LEVY.DUE(ROUND(A1,0),0,1000)"]],
    };
    const a = analyseWorkbook([...cleanCompany(), s], TODAY);
    expect(codes(a.findings)).toContain("FORMULA_NO_VALUE");
    expect(codes(a.findings)).toContain("FORMULA_UNCHECKED");
  });
  it("core notes: HEADCOUNT_ZERO, NO_LEVY_SHORT_OPERATION, REGION_CAVEAT", () => {
    const empty = analyseWorkbook([parameterSheet(CLEAN_PARAMS), rosterSheet([]), payrollSheet([])], TODAY);
    expect(codes(empty.findings)).toContain("HEADCOUNT_ZERO");
    const late = analyseWorkbook(cleanCompany({ params: [...CLEAN_PARAMS, ["登记注册日期", "2024-12-15"]] }), TODAY);
    expect(codes(late.findings)).toContain("NO_LEVY_SHORT_OPERATION");
    const wuxi = analyseWorkbook(cleanCompany({ params: [...CLEAN_PARAMS.filter(([k]) => k !== "地区"), ["地区", "无锡市"]] }), TODAY);
    expect(codes(wuxi.findings)).toContain("REGION_CAVEAT");
  });
});

describe("parameter block report", () => {
  it("skips the block's own heading row and lists names it does not know, with their cells", () => {
    // parameterSheet writes the heading row ["参数", "值", "说明"] first, as the firm template does.
    const sheets = withSheet(cleanCompany(), parameterSheet([...CLEAN_PARAMS, ["备注项", "客户要求"]]));
    const a = analyseWorkbook(sheets, TODAY);
    expect(a.parameters?.unknown.map((u) => u.name)).toEqual(["备注项"]);
    expect(a.parameters?.unknown[0].cell.sheet).toBe("参数");
  });
});
