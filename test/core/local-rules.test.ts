/**
 * Issue 9 §6: Hunan's budget-funded units, Guangdong's fixed 计征工资上限, 72号 第十七条 relief and the ≤30 reading
 * after 2027. Every expected figure is worked by hand in the comment above it (never taken from the code under test).
 */
import { describe, expect, it } from "vitest";
import { calculateLevy } from "../../src/core/levy/calculate";
import { serializeLevyResult } from "../../src/core/levy/serialize";
import type { LevyCase } from "../../src/core/levy/types";
import { parseSettings } from "../../src/core/settings";

const calc = (c: LevyCase) => serializeLevyResult(calculateLevy(c));
const codes = (r: { notes: Array<{ code: string }> }) => r.notes.map((n) => n.code);

describe("Hunan: budget-funded units pay on the regional average (省政府令第273号, rules file §2.3)", () => {
  // 100 staff, no disabled, wage total 6,000,000 → own average 60,000; regional average 80,000; 事业单位, filing 2025.
  const base: LevyCase = { filingYear: 2025, region: "湖南", entityType: "public-institution", headcount: "100", wageTotal: "6000000", socialAverageWage: "80000" };

  it("budget-funded: base = 80,000 → gross 1.5 × 80,000 = 120,000.00 → 90% band → 108,000.00", () => {
    const r = calc({ ...base, budgetFunded: true });
    expect(r.wageBase).toBe("80000");
    expect(r.grossDue).toBe("120000.00");
    expect(r.reduction).toBe("12000.00");
    expect(r.payable).toBe("108000.00");
    expect(r.trail.find((s) => s.id === "wageBase")?.rule?.name).toBe("budgetFundedWageBase");
  });

  it("not budget-funded: own 60,000 under the 1 × 80,000 cap → gross 90,000.00 → 81,000.00", () => {
    const r = calc(base);
    expect(r.wageCap).toBe("80000");
    expect(r.wageBase).toBe("60000");
    expect(r.grossDue).toBe("90000.00");
    expect(r.payable).toBe("81000.00");
  });

  it("not budget-funded, own average above the regional one: capped at 1 × 80,000 (own 120,000 → base 80,000)", () => {
    const r = calc({ ...base, wageTotal: "12000000" });
    expect(r.capApplied).toBe(true);
    expect(r.wageBase).toBe("80000");
    expect(r.grossDue).toBe("120000.00");
  });

  it("budget-funded without a social average: warned, own average used (gross 90,000.00)", () => {
    const r = calc({ ...base, socialAverageWage: null, budgetFunded: true });
    expect(codes(r)).toContain("BUDGET_FUNDED_NEEDS_SOCIAL_AVERAGE");
    expect(r.grossDue).toBe("90000.00");
  });

  it("elsewhere the flag changes nothing: Hubei, own 60,000 under 2 × 80,000 → gross 90,000.00", () => {
    const r = calc({ ...base, region: "湖北", budgetFunded: true });
    expect(r.wageBase).toBe("60000");
    expect(r.grossDue).toBe("90000.00");
  });

  it("a settings block says it: 财政拨款 是 / 否; anything else is an error on its row", () => {
    expect(parseSettings([["财政拨款", "是"]]).case.budgetFunded).toBe(true);
    expect(parseSettings([["budgetFunded", "no"]]).case.budgetFunded).toBe(false);
    const bad = parseSettings([["地区", "湖南"], ["是否财政拨款", "部分"]]);
    expect(bad.errors.map((e) => e.row)).toEqual([1]);
  });
});

describe("Guangdong: a city's fixed 计征工资上限 replaces 2 × the social average", () => {
  // Illustrative Guangzhou case (the real form's own inputs are not in the rules file or the seeds): 50 staff,
  // no disabled, wage total 3,629,200 → own average 72,584 (= 2 × 36,292). Required 50 × 1.5% = 0.75.
  const gz: LevyCase = { filingYear: 2025, region: "广州市", headcount: "50", wageTotal: "3629200" };

  it("Guangzhou 2025 from region and year alone: 0.75 × 36,292 = 27,219.00 → 90% → 24,497.10", () => {
    const r = calc(gz);
    expect(r.region.code).toBe("CN-GD-440100");
    expect(r.wageCap).toBe("36292");
    expect(r.capApplied).toBe(true);
    expect(r.wageBase).toBe("36292");
    expect(r.grossDue).toBe("27219.00");
    expect(r.reduction).toBe("2721.90");
    expect(r.payable).toBe("24497.10");
    expect(codes(r)).not.toContain("CAP_NOT_CHECKED");
  });

  it("…which is half of what the own average gives (0.75 × 72,584 = 54,438.00): the 'about twice' of issue 9", () => {
    const r = calc({ ...gz, overrides: { wageCapAmount: null } });
    expect(r.grossDue).toBe("54438.00");
  });

  it("Dongguan 2025: 40 staff, own average 50,000 → 0.6 × 36,993 = 22,195.80 → 90% → 19,976.22", () => {
    const r = calc({ filingYear: 2025, region: "东莞", headcount: "40", wageTotal: "2000000" });
    expect(r.wageBase).toBe("36993");
    expect(r.grossDue).toBe("22195.80");
    expect(r.reduction).toBe("2219.58");
    expect(r.payable).toBe("19976.22");
  });

  it("a cap below the own average does not raise it: Guangzhou, own average 30,000 → base 30,000", () => {
    const r = calc({ ...gz, wageTotal: "1500000" });
    expect(r.capApplied).toBe(false);
    expect(r.wageBase).toBe("30000");
    expect(r.grossDue).toBe("22500.00"); // 0.75 × 30,000
  });

  it("no cap recorded for Guangzhou 2026 or for Foshan: the national 2 × social average applies again", () => {
    const r = calc({ filingYear: 2026, region: "广州", headcount: "50", wageTotal: "3629200" });
    expect(r.wageCap).toBe(null);
    expect(codes(r)).toContain("CAP_NOT_CHECKED");
    const foshan = calc({ filingYear: 2025, region: "佛山", headcount: "50", wageTotal: "3629200", socialAverageWage: "100000" });
    expect(foshan.wageCap).toBe("200000");
    expect(foshan.grossDue).toBe("54438.00");
  });

  it("a parameter block can set 计征工资上限 for a year that is not recorded (Foshan, 40,000: 0.75 × 40,000 = 30,000.00)", () => {
    const s = parseSettings([["计征工资上限", "40,000"]]);
    const r = calc({ filingYear: 2025, region: "佛山", headcount: "50", wageTotal: "3629200", overrides: s.overrides as LevyCase["overrides"] });
    expect(r.wageCap).toBe("40000");
    expect(r.grossDue).toBe("30000.00");
  });
});

describe("72号 第十七条: an approved reduction after force majeure", () => {
  // Enterprise, 100 staff, none disabled, own average 80,000: gross 1.5 × 80,000 = 120,000.00; 90% band → 12,000.00.
  const c: LevyCase = { filingYear: 2025, headcount: "100", wageTotal: "8000000" };

  it("50,000 approved: col 10 = 12,000.00 + 50,000.00 = 62,000.00 → payable 58,000.00", () => {
    const r = calc({ ...c, approvedRelief: "50000" });
    expect(r.grossDue).toBe("120000.00");
    expect(r.reduction).toBe("62000.00");
    expect(r.payable).toBe("58000.00");
    expect(codes(r)).toContain("FORCE_MAJEURE_RELIEF");
  });

  it("more than is left is limited to it: 200,000 → 108,000.00, payable 0.00, warned", () => {
    const r = calc({ ...c, approvedRelief: "200000" });
    expect(r.reduction).toBe("120000.00");
    expect(r.payable).toBe("0.00");
    expect(codes(r)).toContain("RELIEF_LIMITED");
  });

  it("read from a settings block as 批准减缴额", () => {
    expect(parseSettings([["批准减缴额", "1,000"]]).case.approvedRelief).toBe("1000");
  });
});

describe("the ≤30 exemption after 2027-12-31: the reading is stated", () => {
  // Enterprise, 15 staff, own average 60,000: required 0.225 → 13,500.00; no tiers after 2027.
  it("no exemption, and a note says why (18号 had no end date; 2023 No.8 read as ending it)", () => {
    const r = calc({ filingYear: 2028, headcount: "15", wageTotal: "900000" });
    expect(r.payable).toBe("13500.00");
    const note = r.notes.find((n) => n.code === "SMALL_ENTERPRISE_READING");
    expect(note?.message.zh).toContain("财税〔2017〕18号");
    expect(note?.message.en).toContain("2027-12-31");
    expect(r.parameters.find((p) => p.name === "smallEnterpriseThreshold")?.source.note).toContain("Reading applied");
  });

  it("overriding 免征人数上限 = 30 applies 18号 instead, and the note goes away", () => {
    const r = calc({ filingYear: 2028, headcount: "15", wageTotal: "900000", overrides: { smallEnterpriseThreshold: "30" } });
    expect(r.reductionKind).toBe("small-enterprise");
    expect(r.payable).toBe("0.00");
    expect(codes(r)).not.toContain("SMALL_ENTERPRISE_READING");
  });

  it("no note where the reading does not matter (a 事业单位, or an enterprise of 31)", () => {
    expect(codes(calc({ filingYear: 2028, headcount: "15", wageTotal: "900000", entityType: "public-institution" }))).not.toContain("SMALL_ENTERPRISE_READING");
    expect(codes(calc({ filingYear: 2028, headcount: "31", wageTotal: "1860000" }))).not.toContain("SMALL_ENTERPRISE_READING");
  });
});

describe("caveats the result must show (issue 9 §6: where a text is not found, a visible caveat)", () => {
  it("Guangzhou's and Dongguan's fixed caps were not found in a published notice: a warning in every result that uses them", () => {
    const gz = calc({ filingYear: 2025, region: "广州市", headcount: "50", wageTotal: "3629200" });
    const w = gz.notes.find((n) => n.code === "CAP_SOURCE_NOT_FOUND");
    expect(w?.severity).toBe("warning");
    expect(w?.message.zh).toContain("36,292.00");
    expect(w?.message.zh).toContain("实际申报表");
    const dg = calc({ filingYear: 2025, region: "东莞", headcount: "40", wageTotal: "2000000" });
    expect(dg.notes.find((n) => n.code === "CAP_SOURCE_NOT_FOUND")?.message.en).toContain("36,993.00");
    // An override is the user's own figure: no warning. A year without a recorded cap uses none: no warning.
    expect(codes(calc({ filingYear: 2025, region: "广州市", headcount: "50", wageTotal: "3629200", overrides: { wageCapAmount: "36292" } }))).not.toContain("CAP_SOURCE_NOT_FOUND");
    expect(codes(calc({ filingYear: 2026, region: "广州市", headcount: "50", wageTotal: "3629200" }))).not.toContain("CAP_SOURCE_NOT_FOUND");
  });

  it("Shenzhen's own rules were not found: the region caveat is a warning, not an info line", () => {
    const sz = calc({ filingYear: 2025, region: "深圳", headcount: "50", wageTotal: "3629200", socialAverageWage: "150000" });
    const caveat = sz.notes.find((n) => n.code === "REGION_CAVEAT" && n.message.zh.includes("深圳"));
    expect(caveat?.severity).toBe("warning");
  });

  it("72号 第十七条: with no approved relief, the result says none is included; with one, it says it is", () => {
    // Enterprise, 100 staff, own average 80,000: gross 120,000.00 (> 0).
    const none = calc({ filingYear: 2025, headcount: "100", wageTotal: "8000000" });
    const n = none.notes.find((x) => x.code === "FORCE_MAJEURE_NOT_APPLIED");
    expect(n?.severity).toBe("info");
    expect(n?.message.zh).toContain("第十七条");
    expect(n?.message.zh).toContain("批准减缴额");
    const some = calc({ filingYear: 2025, headcount: "100", wageTotal: "8000000", approvedRelief: "1000" });
    expect(codes(some)).toContain("FORCE_MAJEURE_RELIEF");
    expect(codes(some)).not.toContain("FORCE_MAJEURE_NOT_APPLIED");
    // Nothing due (quota met): nothing to reduce, no note.
    expect(codes(calc({ filingYear: 2025, headcount: "100", wageTotal: "8000000", certifiedDisabled: "2" }))).not.toContain("FORCE_MAJEURE_NOT_APPLIED");
  });

  it("the ≤30 reading cites documents, never our rules file", () => {
    const r = calc({ filingYear: 2028, headcount: "15", wageTotal: "900000" });
    const note = r.notes.find((n) => n.code === "SMALL_ENTERPRISE_READING")!;
    expect(note.message.zh).toContain("财政部公告2019年第98号");
    expect(`${note.message.zh} ${note.message.en}`).not.toMatch(/规则文件|rules file|§/);
  });
});
