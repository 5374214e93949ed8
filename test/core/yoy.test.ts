/**
 * The year-over-year bridge (src/core/levy/yoy.ts): hand-computed cases, and a property that the parts sum exactly
 * to the change on randomised pairs of years (regions, quota ratios, bands, exemptions, part-year employers).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, dec, moneyString } from "../../src/core/decimal";
import { calculateLevy } from "../../src/core/levy/calculate";
import { serializeLevyResult } from "../../src/core/levy/serialize";
import type { LevyCase } from "../../src/core/levy/types";
import { YOY_ORDER, yoyBridge, yoyWaterfall } from "../../src/core/levy/yoy";
import type { YoyBridge, YoyFiling } from "../../src/core/levy/yoy";
import type { ParameterValues } from "../../src/core/rules/types";

/** A filing as the engine computes it: its case, every rule value it used, its payable. */
function filing(c: LevyCase): YoyFiling {
  const r = calculateLevy(c);
  const parameters: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r.rules)) parameters[k] = v.value;
  return { case: c, parameters: parameters as unknown as ParameterValues, payable: serializeLevyResult(r).payable, filingYear: r.filingYear };
}

function amounts(b: YoyBridge): Record<string, string> {
  return Object.fromEntries(b.steps.map((s) => [s.id, s.amount]));
}

function sum(b: YoyBridge): Decimal {
  return b.steps.reduce((acc, s) => acc.plus(dec(s.amount)), dec(0));
}

describe("money strings keep the sign of a refund under one yuan (found by the YoY property)", () => {
  it("-0.01 stays -0.01; -0 is 0.00", () => {
    expect(moneyString(dec("-0.01"))).toBe("-0.01");
    expect(moneyString(dec("-0.5"))).toBe("-0.50");
    expect(moneyString(dec("-0.004"))).toBe("0.00");
    expect(moneyString(dec("-0"))).toBe("0.00");
    // A case with nothing due and 0.01 already paid: payable 0 − 0 − 0.01 = −0.01 (a refund), not 0.01.
    const r = calculateLevy({ region: "CN", filingYear: 2025, headcount: "0", wageTotal: "0", alreadyPaid: "0.01" });
    expect(serializeLevyResult(r).payable).toBe("-0.01");
  });
});

describe("YoY bridge, by hand", () => {
  it("national 2024 → Henan 2025: more staff, higher wages, a higher quota, one disabled hire, a payment", () => {
    // Last year (national rules, filing 2024): 100 staff, wage total 10,000,000 → average 100,000 (cap 2 × 100,000
    // not reached), 0 disabled, quota 1.5% → required 1.5 = shortfall; gross 1.5 × 100,000 = 150,000.00; disabled
    // share 0 < 1% → pays 90%: reduction 15,000.00; payable 135,000.00.
    // This year (Henan, filing 2025: quota 1.6%): 120 staff, wage total 13,200,000 → average 110,000, 1 disabled,
    // 1,000 already paid. Required 1.92, shortfall 0.92; gross 0.92 × 110,000 = 101,200.00; share 1/120 = 0.83% < 1%
    // → pays 90%: reduction 10,120.00; payable 101,200 − 10,120 − 1,000 = 90,080.00. Change −44,920.00.
    const last = filing({ region: "CN", filingYear: 2024, headcount: "100", wageTotal: "10000000", certifiedDisabled: "0", socialAverageWage: "100000" });
    const current = filing({ region: "CN-HA", filingYear: 2025, headcount: "120", wageTotal: "13200000", certifiedDisabled: "1", socialAverageWage: "100000", alreadyPaid: "1000" });
    expect([last.payable, current.payable]).toEqual(["135000.00", "90080.00"]);
    const b = yoyBridge(last, current);
    expect(b.change).toBe("-44920.00");
    expect(amounts(b)).toEqual({
      // 1 headcount 100 → 120 at average 100,000, quota 1.5%, 0 disabled, 90% band: 1.8 × 100,000 × 0.9 = 162,000
      //   − 135,000 = +27,000.00
      headcount: "27000.00",
      // 2 average 100,000 → 110,000: 1.8 × 110,000 × 0.9 = 178,200 → +16,200.00
      averageWage: "16200.00",
      // 3 quota 1.5% → 1.6%: 1.92 × 110,000 × 0.9 = 190,080 → +11,880.00
      quota: "11880.00",
      // 4 disabled 0 → 1: 0.92 × 110,000 × 0.9 = 91,080 → −99,000.00
      disabled: "-99000.00",
      // 5 band: still under 1% → 90%: 0.00; 6 nothing else changes the money: 0.00
      tier: "0.00",
      policy: "0.00",
      // 7 already paid 0 → 1,000: −1,000.00
      alreadyPaid: "-1000.00",
      residue: "0.00",
    });
    expect(sum(b).equals(dec(b.change))).toBe(true);
    expect(b.steps.find((s) => s.id === "quota")?.changes).toEqual([expect.objectContaining({ name: "quotaRatio", from: "0.015", to: "0.016" })]);
    const bars = yoyWaterfall(b);
    expect(bars[0]).toEqual({ label_zh: "2024年应补（退）费额", label_en: "Payable 2024", amount: "135000.00", kind: "start" });
    expect(bars.at(-1)).toEqual({ label_zh: "2025年应补（退）费额", label_en: "Payable 2025", amount: "90080.00", kind: "end" });
    expect(bars.slice(1, -1).map((s) => s.label_en)).toEqual(["Headcount", "Average wage and cap", "Quota ratio and local collection rate", "Disabled staff", "Reduction band and exemption", "Policy and other changes", "Already paid", "Rounding residue"]);
  });

  it("a small enterprise that grows past 30 staff: the lost exemption shows in the band step, not in headcount", () => {
    // Last year (filing 2025): 25 staff, average 100,000 (wage total 2,500,000), 0 disabled: gross 0.375 × 100,000
    // = 37,500.00, exempt (≤ 30 staff) → payable 0.00.
    // This year (filing 2026): 40 staff, wage total 4,000,000 (average 100,000): required 0.6, gross 60,000.00,
    // 90% band → reduction 6,000.00, payable 54,000.00.
    const last = filing({ region: "CN", filingYear: 2025, headcount: "25", wageTotal: "2500000", certifiedDisabled: "0", socialAverageWage: "100000" });
    const current = filing({ region: "CN", filingYear: 2026, headcount: "40", wageTotal: "4000000", certifiedDisabled: "0", socialAverageWage: "100000" });
    expect([last.payable, current.payable]).toEqual(["0.00", "54000.00"]);
    const b = yoyBridge(last, current);
    // Steps 1–4 hold last year's band (exempt): 0.00 each. Step 5 decides the band afresh: 90% → +54,000.00.
    expect(amounts(b)).toEqual({ headcount: "0.00", averageWage: "0.00", quota: "0.00", disabled: "0.00", tier: "54000.00", policy: "0.00", alreadyPaid: "0.00", residue: "0.00" });
    expect(b.steps.find((s) => s.id === "tier")?.note?.en).toBe("Reduction band: small-enterprise → tier-90");
  });

  it("a filed figure the rules do not reproduce goes to the residue, which says so", () => {
    const last = filing({ region: "CN", filingYear: 2024, headcount: "100", wageTotal: "10000000", certifiedDisabled: "0" });
    const current = filing({ region: "CN", filingYear: 2025, headcount: "100", wageTotal: "10000000", certifiedDisabled: "0" });
    // Same inputs and rules: recomputed change 0.00. Filed this year as 135,000.01 (one fen off): residue 0.01.
    const b = yoyBridge(last, { ...current, payable: "135000.01" });
    expect(b.change).toBe("0.01");
    expect(amounts(b).residue).toBe("0.01");
    expect(b.steps.at(-1)?.note?.en).toContain("filed 135000.01");
    expect(sum(b).toFixed(2)).toBe("0.01");
  });
});

const REGIONS = ["CN", "CN-JS", "CN-JS-320500", "CN-HA", "CN-SH", "CN-BJ", "CN-GD", "CN-HN", "CN-ZJ", "CN-SD"];
const ENTITY = ["enterprise", "government", "public-institution"] as const;

const money = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((n) => (n / 100).toFixed(2));

const caseArb: fc.Arbitrary<LevyCase> = fc
  .record({
    region: fc.constantFrom(...REGIONS),
    filingYear: fc.integer({ min: 2016, max: 2030 }),
    headcount: fc.integer({ min: 0, max: 60000 }).map((n) => (n / 100).toFixed(2)),
    monthly: fc.option(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 12, maxLength: 12 }), { nil: undefined }),
    averageWage: money(400000),
    certifiedDisabled: fc.integer({ min: 0, max: 20 }).map((n) => (n / 2).toString()),
    socialAverageWage: fc.option(money(200000).filter((v) => Number(v) >= 20000), { nil: null }),
    entityType: fc.constantFrom(...ENTITY),
    alreadyPaid: fc.option(money(50000), { nil: undefined }),
    registrationMonth: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
    quota: fc.option(fc.constantFrom("0.015", "0.016", "0.017", "0.02"), { nil: undefined }),
    rate: fc.option(fc.constantFrom("1", "0.6", "0.8"), { nil: undefined }),
  })
  .map((r) => {
    const head = r.monthly ? r.monthly.reduce((a, b) => a + b, 0) / 12 : Number(r.headcount);
    const c: LevyCase = {
      region: r.region,
      filingYear: r.filingYear,
      entityType: r.entityType,
      wageTotal: dec(r.averageWage).times(head).toDecimalPlaces(2).toString(),
      certifiedDisabled: r.certifiedDisabled,
      socialAverageWage: r.socialAverageWage,
    };
    if (r.monthly) c.monthlyHeadcount = r.monthly.map(String);
    else c.headcount = r.headcount;
    if (r.alreadyPaid !== undefined) c.alreadyPaid = r.alreadyPaid;
    // Registered during the data year: a part-year employer (Jiangsu prorates, elsewhere divide by 12).
    if (r.registrationMonth !== undefined) c.registrationDate = `${r.filingYear - 1}-${String(r.registrationMonth).padStart(2, "0")}-15`;
    const overrides: Record<string, string> = {};
    if (r.quota) overrides.quotaRatio = r.quota;
    if (r.rate) overrides.localCollectionRate = r.rate;
    if (Object.keys(overrides).length) c.overrides = overrides;
    return c;
  });

describe("YoY bridge, property", () => {
  it("the parts sum exactly to the change in payable, in the documented order", () => {
    fc.assert(
      fc.property(caseArb, caseArb, (a, b) => {
        const last = filing(a);
        const current = filing(b);
        const bridge = yoyBridge(last, current);
        expect(bridge.steps.map((s) => s.id)).toEqual([...YOY_ORDER]);
        // Exactly, to the fen and beyond: every amount has 2 decimals and they add up to the filed change.
        expect(sum(bridge).equals(dec(current.payable).minus(dec(last.payable)))).toBe(true);
        expect(bridge.change).toBe(dec(current.payable).minus(dec(last.payable)).toFixed(2));
        for (const s of bridge.steps) expect(s.amount).toMatch(/^-?\d+\.\d{2}$/);
        // The filings are the engine's own, so both recompute to themselves and the residue is 0.00.
        expect(bridge.lastYear.recomputed).toBe(last.payable);
        expect(bridge.thisYear.recomputed).toBe(current.payable);
        expect(bridge.steps.at(-1)?.amount).toBe("0.00");
      }),
      { numRuns: 250 },
    );
  }, 120_000);
});
