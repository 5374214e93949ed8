/** core/levy/plausibility.ts (issue 9 §3), the settings name lookups and the bounded hiresNeeded (issue 9 §4). */
import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/core/decimal";
import { calculateLevy } from "../../src/core/levy/calculate";
import { hiresNeeded } from "../../src/core/levy/hires";
import { checkPlausibility, checkResultPlausibility } from "../../src/core/levy/plausibility";
import { LevyInputError } from "../../src/core/levy/types";
import { PARAMETER_INFO, PARAMETER_NAMES, parameterForName } from "../../src/core/rules/parameters";
import { caseFieldForName, isInformationalSettingName, parameterForSettingName } from "../../src/core/settings";

const base = { filingYear: 2025, headcount: "100", wageTotal: "10000000", certifiedDisabled: "0", socialAverageWage: "100000" };
const issuesFor = (overrides: Record<string, string>, extra: Record<string, unknown> = {}) => {
  const c = { ...base, ...extra, overrides };
  return checkResultPlausibility(calculateLevy(c), (extra.registrationDate as string) ?? null, (extra.today as string) ?? null);
};
const summary = (issues: ReturnType<typeof issuesFor>) => issues.map((i) => `${i.severity} ${i.field}${i.suggestion ? ` → ${i.suggestion}` : ""}`);

describe("plausibility: errors are values that cannot be meant, warnings lawful but unusual", () => {
  it("accepts the profiles' own values and ordinary overrides without a word", () => {
    expect(issuesFor({})).toEqual([]);
    expect(issuesFor({ quotaRatio: "1.6%", localCollectionRate: "60%", capMultiple: "2", lateFeeRatePerDay: "5‰" })).toEqual([]);
  });

  it("ratios above 100% are errors with the percentage reading", () => {
    expect(summary(issuesFor({ quotaRatio: "1.5" }))).toEqual(["error quotaRatio → 0.015"]);
    expect(summary(issuesFor({ localCollectionRate: "60" }))).toEqual(["error localCollectionRate → 0.6"]);
    expect(summary(issuesFor({ tierUpperPays: "50" }))).toEqual(["error tierUpperPays → 0.5"]);
    expect(summary(issuesFor({ quotaRatio: "150" }))).toEqual(["error quotaRatio"]);
  });

  it("a quota of 15% is an error (did you mean 1.5%), 4% a warning; below the 1.5% floor of 条例 第八条 an error", () => {
    expect(summary(issuesFor({ quotaRatio: "0.15" }))).toEqual(["error quotaRatio → 0.015"]);
    expect(summary(issuesFor({ quotaRatio: "4%" }))).toEqual(["warning quotaRatio"]);
    // Provinces may only set the ratio higher than 1.5%: 1% cannot be right; 0.15% is 1.5% with a zero too many.
    expect(summary(issuesFor({ quotaRatio: "1%" }))).toEqual(["error quotaRatio"]);
    expect(summary(issuesFor({ quotaRatio: "0.0015" }))).toEqual(["error quotaRatio → 0.015"]);
  });

  it("late fee above the statutory 5‰ a day is an error; 0.05% (the tax rate) a warning", () => {
    expect(summary(issuesFor({ lateFeeRatePerDay: "5" }))).toEqual(["error lateFeeRatePerDay → 0.005"]);
    expect(summary(issuesFor({ lateFeeRatePerDay: "0.5" }))).toEqual(["error lateFeeRatePerDay → 0.005"]);
    expect(summary(issuesFor({ lateFeeRatePerDay: "0.05%" }))).toEqual(["warning lateFeeRatePerDay"]);
  });

  it("cap multiples: 200 reads as 200% = 2×, 0 is an error, 1 (Hunan) fine, 4 a warning", () => {
    expect(summary(issuesFor({ capMultiple: "200" }))).toEqual(["error capMultiple → 2"]);
    expect(summary(issuesFor({ capMultiple: "0" }))).toEqual(["error capMultiple"]);
    expect(issuesFor({ capMultiple: "1" })).toEqual([]);
    expect(summary(issuesFor({ capMultiple: "4" }))).toEqual(["warning capMultiple"]);
    // Below 1× no region caps: 0.2 is 2× with a slipped point; 20 likewise (was: "did you mean 20% = 0.2×").
    expect(summary(issuesFor({ capMultiple: "0.2" }))).toEqual(["error capMultiple → 2"]);
    expect(summary(issuesFor({ capMultiple: "20" }))).toEqual(["error capMultiple → 2"]);
  });

  it("social average wage: monthly (×12) and 万元 (×10,000) readings, absurd highs, unusual bands", () => {
    const saw = (v: string) => summary(checkPlausibility({ socialAverageWage: new Decimal(v) }));
    expect(saw("8000")).toEqual(["error socialAverageWage → 96000"]);
    expect(saw("9.5")).toEqual(["error socialAverageWage → 95000"]);
    expect(saw("5000000")).toEqual(["error socialAverageWage"]);
    expect(saw("25000")).toEqual(["warning socialAverageWage"]);
    expect(saw("350000")).toEqual(["warning socialAverageWage"]);
    expect(saw("40000")).toEqual([]);
    expect(saw("220000")).toEqual([]);
  });

  it("dates: registration after the filing date is an error, after the data year a warning; a filing far after today a warning", () => {
    expect(summary(issuesFor({}, { registrationDate: "2042-01-01" }))).toEqual(["error registrationDate"]);
    expect(summary(issuesFor({}, { registrationDate: "2025-02-01" }))).toEqual(["warning registrationDate"]);
    expect(issuesFor({}, { registrationDate: "2024-03-01" })).toEqual([]);
    expect(summary(issuesFor({}, { today: "2024-01-01" }))).toEqual(["warning filingDate"]);
    expect(issuesFor({}, { today: "2025-01-01" })).toEqual([]);
  });

  it("headcount, money and the disabled count have hard limits", () => {
    expect(summary(checkPlausibility({ headcount: new Decimal("1e7") }))).toEqual(["error headcount"]);
    expect(checkPlausibility({ headcount: new Decimal("9999999") }).map((i) => i.severity)).toEqual(["warning"]);
    expect(summary(checkPlausibility({ wageTotal: new Decimal("1e13").plus(1) }))).toEqual(["error wageTotal"]);
    expect(summary(checkPlausibility({ headcount: new Decimal(10), certifiedDisabled: new Decimal(21) }))).toEqual(["error certifiedDisabled"]);
    expect(checkPlausibility({ headcount: new Decimal(10), certifiedDisabled: new Decimal(20) })).toEqual([]);
    // 100 staff and a wage total of 800 (surely 万元): 8 yuan a head.
    // Below any minimum wage: an error (a wage total in 万元 cannot be computed on as yuan).
    expect(summary(checkPlausibility({ headcount: new Decimal(100), wageTotal: new Decimal(800) }))).toEqual(["error averageWage"]);
  });

  it("errors come before warnings", () => {
    expect(issuesFor({ quotaRatio: "4%", localCollectionRate: "60" }).map((i) => i.severity)).toEqual(["error", "warning"]);
  });
});

describe("settings name lookups", () => {
  it("the precomputed parameter lookup agrees with parameterForName on every alias and its variants", () => {
    for (const p of PARAMETER_NAMES) {
      for (const a of PARAMETER_INFO[p].aliases) {
        for (const variant of [a, ` ${a} `, a.toUpperCase(), `${a}:`, a.replace(/(.)/, "$1 ")]) {
          expect(parameterForSettingName(variant), variant).toBe(parameterForName(variant));
        }
      }
    }
    expect(parameterForSettingName("征收比列")).toBeUndefined();
    expect(caseFieldForName("社平工资")).toBe("socialAverageWage");
    expect(caseFieldForName(" Region ")).toBe("region");
  });

  it("informational names: employer, credit code, captions and mapping rows", () => {
    for (const n of ["单位名称", "统一社会信用代码", "参数 Parameter", "备注", "列:用工类别", "表：Sheet3"]) expect(isInformationalSettingName(n), n).toBe(true);
    for (const n of ["征收比列", "地区x", "quota"]) expect(isInformationalSettingName(n), n).toBe(false);
  });
});

describe("hiresNeeded is bounded by construction", () => {
  it("refuses a headcount of 1e18 at once instead of looping forever", () => {
    const t = performance.now();
    expect(() => hiresNeeded({ filingYear: 2025, headcount: "1e18", wageTotal: "1e20" })).toThrow(LevyInputError);
    expect(() => hiresNeeded({ filingYear: 2025, headcount: "1e30", wageTotal: "1e35" }, "full", 1, 12)).toThrow(/too large/);
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it("still plans ordinary cases: 200 staff, none disabled → 3 hires reach the 50% band", () => {
    const plan = hiresNeeded({ filingYear: 2025, headcount: "200", wageTotal: "18000000", socialAverageWage: "60000" });
    expect(plan.target).toBe("tier-50");
    expect(plan.hires).toBe(3);
  });
});

describe("parseSettings never stringifies an object", () => {
  it("an error cell {error: '#N/A'} and any other object are reported by name, without [object Object]", async () => {
    const { parseSettings } = await import("../../src/core/settings");
    const parsed = parseSettings([
      ["安置比例", { error: "#N/A" }],
      ["征收比例", { richText: [] }],
    ]);
    expect(parsed.overrides).toEqual({});
    expect(parsed.errors.map((e) => e.message.en)).toEqual(['"安置比例" holds the error value #N/A.', '"征收比例" holds the error value {…}.']);
  });
});
