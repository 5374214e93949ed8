/**
 * PARAM_IMPLAUSIBLE / PARAM_UNUSUAL (issue 9 §3) on the parameter block. Worked by hand for the clean company without
 * disabled staff (national rules, filing 2025, 100 staff, wage total 12,840,000 → average 128,400; social average
 * 100,000 → cap 200,000, not binding): at 1.5% the payable is 0.9 × 1.5 × 128,400 = 173,340.00.
 */
import { describe, expect, it } from "vitest";
import { analyseWorkbook } from "../../src/validation/analyse";
import { ruleInfo } from "../../src/validation/registry";
import type { Finding } from "../../src/validation/types";
import type { CellValue } from "../../src/workbook/types";
import { CLEAN_PARAMS, cleanCompany } from "../workbook/fixtures";

const withParams = (extra: Array<[string, CellValue]>, replace: Record<string, CellValue> = {}) =>
  cleanCompany({ disabled: null, declaration: null, params: [...CLEAN_PARAMS.map(([k, v]): [string, CellValue] => [k, k in replace ? replace[k] : v]), ...extra] });

const run = (sheets: ReturnType<typeof cleanCompany>) => analyseWorkbook(sheets, { today: "2025-06-01" });
const of = (findings: Finding[], code: string) => findings.filter((f) => f.code === code);

describe("plausibility of the parameter block", () => {
  it("is in the registry with bilingual text: implausible is an error, unusual a warning", () => {
    expect(ruleInfo("PARAM_IMPLAUSIBLE")).toMatchObject({ severity: "error" });
    expect(ruleInfo("PARAM_UNUSUAL")).toMatchObject({ severity: "warning" });
    expect(ruleInfo("PARAM_IMPLAUSIBLE")?.title.zh).toBe("参数值不合理（疑似笔误）");
  });

  it("安置比例 1.5 is an error on its cell, with the likely meaning and the money at stake", () => {
    // Read as 150%: 150 required, gross 150 × 128,400 = 19,260,000.00, 90% band → payable 17,334,000.00;
    // at 1.5% it would be 173,340.00, so 17,160,660.00 is at stake.
    const a = run(withParams([["安置比例", 1.5]]));
    expect(a.calculation?.payable).toBe("17334000.00");
    const [f] = of(a.findings, "PARAM_IMPLAUSIBLE");
    expect(f).toMatchObject({ severity: "error", cells: [{ sheet: "参数", address: "B9" }], amount: "17160660.00" });
    expect(f.message.en).toContain("did you mean 1.5% (0.015)?");
    expect(f.message.zh).toContain("是否应为 1.5%");
    expect(f.message.en).toContain("payable 17334000.00");
    expect(of(a.findings, "PARAM_IMPLAUSIBLE")).toHaveLength(1);
  });

  it("a monthly social average wage is an error on its cell (cap 16,000 binding: 21,600.00 instead of 173,340.00)", () => {
    const a = run(withParams([], { 社会平均工资: 8000 }));
    expect(a.calculation?.payable).toBe("21600.00");
    const [f] = of(a.findings, "PARAM_IMPLAUSIBLE");
    expect(f).toMatchObject({ cells: [{ sheet: "参数", address: "B7" }], amount: "151740.00" });
    expect(f.message.en).toContain("A year is 96000.");
  });

  it("a registration date after the filing date is an error; 征收比例 10% a warning; 1.5% and 60% nothing", () => {
    const a = run(withParams([["登记注册日期", "2042-01-01"], ["征收比例", "10%"]]));
    const [e] = of(a.findings, "PARAM_IMPLAUSIBLE");
    expect(e.cells).toEqual([{ sheet: "参数", address: "B9" }]);
    expect(e.message.en).toContain("after the filing date 2025-07-01");
    const [w] = of(a.findings, "PARAM_UNUSUAL");
    expect(w).toMatchObject({ severity: "warning", cells: [{ sheet: "参数", address: "B10" }] });
    const clean = run(withParams([["安置比例", "1.5%"], ["征收比例", "60%"]]));
    expect(of(clean.findings, "PARAM_IMPLAUSIBLE")).toEqual([]);
    expect(of(clean.findings, "PARAM_UNUSUAL")).toEqual([]);
  });

  it("the clean company raises neither", () => {
    const a = run(cleanCompany());
    expect(a.findings.filter((f) => f.code.startsWith("PARAM_"))).toEqual([]);
  });
});
