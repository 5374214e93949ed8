/**
 * What a result must show beside the money (issue 9 §1, §6 and the recognition leftovers), through the audit itself:
 * the ≤30 reading after 2027, the 72号 第十七条 caveat, a city cap whose notice was not found, and a date typed as
 * the number 20240701. Figures are worked by hand in the comments.
 */
import { describe, expect, it } from "vitest";
import { analyseWorkbook } from "../../src/validation/analyse";
import { CLEAN_PAY, CLEAN_PARAMS, cleanCompany, cleanEmployees, parameterSheet, patchEmployees, payrollSheet, rosterSheet, yearOfPay } from "../workbook/fixtures";

const TODAY = "2028-03-01";
const find = (a: ReturnType<typeof analyseWorkbook>, code: string) => a.findings.filter((f) => f.code === code);

describe("levy audit shows the readings and caveats of the rules, not only levy calc", () => {
  it("an enterprise of 15 filing in 2028: no ≤30 exemption, and the finding says which reading is applied and why", () => {
    // 15 full-year staff at 128,400 a year: required 15 × 1.5% = 0.225; gross 0.225 × 128,400 = 28,890.00; no tiers
    // after 2027 (no reduction): payable 28,890.00.
    const staff = cleanEmployees(15).map((e) => ({ ...e, contractEnd: "2030-12-31" }));
    const params = parameterSheet([["地区", "CN"], ["申报年度", 2028], ["单位类型", "企业"], ["社会平均工资", 100000], ["最低工资", 2490]]);
    const a = analyseWorkbook([params, rosterSheet(staff), payrollSheet(yearOfPay(staff, 2027, CLEAN_PAY))], { today: TODAY });
    expect(a.calculation!.payable).toBe("28890.00");
    const reading = find(a, "SMALL_ENTERPRISE_READING");
    expect(reading).toHaveLength(1);
    expect(reading[0].message.zh).toContain("财税〔2017〕18号");
    expect(reading[0].message.zh).toContain("免征人数上限 = 30");
    expect(find(a, "POLICY_EXPIRED")).toHaveLength(1);
    // And the 72号 第十七条 caveat: something is due and no relief is given.
    expect(find(a, "FORCE_MAJEURE_NOT_APPLIED")[0].message.zh).toContain("第十七条");
  });

  it("Guangzhou 2025: the fixed cap is used from region and year alone, with a warning that its notice was not found", () => {
    // The clean company (average 128,400) in 广州, filing 2025: base min(128,400, 36,292) = 36,292; its 2 certified
    // disabled meet the 1.5 required, so nothing is due either way — the caveat is about the figure used.
    const params = CLEAN_PARAMS.map(([k, v]) => (k === "地区" ? ([k, "广州市"] as [string, typeof v]) : [k, v])) as typeof CLEAN_PARAMS;
    const a = analyseWorkbook(cleanCompany({ params, declaration: null }), { today: "2025-03-01" });
    expect(a.calculation!.wageBase).toBe("36292");
    const w = find(a, "CAP_SOURCE_NOT_FOUND");
    expect(w).toHaveLength(1);
    expect(w[0].severity).toBe("warning");
  });
});

describe("a date typed as the number 20240701", () => {
  it("is read as 2024-07-01 with an info finding on the cell; 240701 stays an error", () => {
    // E0003 hired 2024-07-01: in post July–December, (start + end) ÷ 2 per month → 6 months = 0.5; headcount 99.5.
    // E0004's 240701 is rejected (DATA_BAD_DATE): 98.5.
    const staff = patchEmployees(cleanEmployees(), { E0003: { hire: 20240701 }, E0004: { hire: 240701 } });
    const a = analyseWorkbook(cleanCompany({ employees: staff, declaration: null, monthly: null }), { today: "2025-03-01" });
    expect(a.calculation!.headcount).toBe("98.5");
    const packed = find(a, "DATA_PACKED_DATE");
    expect(packed).toHaveLength(1);
    expect(packed[0].severity).toBe("info");
    expect(packed[0].cells).toEqual([{ sheet: "花名册", address: "E4" }]);
    expect(packed[0].message.zh).toContain("20240701 → 2024-07-01");
    expect(find(a, "DATA_BAD_DATE")[0].cells).toEqual([{ sheet: "花名册", address: "E5" }]);
  });
});
