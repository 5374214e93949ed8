import { describe, expect, it } from "vitest";
import { hiresNeeded } from "../../src/core/levy/hires";
import { lateFee } from "../../src/core/levy/late-fee";
import { installment } from "../../src/core/levy/installments";

describe("hires solver", () => {
  // 200 staff, none disabled, wage total 18,000,000 (average 90,000), national 2025:
  // before: required 3 → gross 270,000.00 → 90% band → payable 243,000.00.
  const base = { filingYear: 2025, headcount: "200", certifiedDisabled: "0", wageTotal: "18000000" };

  it("3 hires from January reach the 50% band; saving 240,975.00", () => {
    // after: N = 203, W = 18,270,000 (average unchanged), A = 3 → required 3.045, shortfall 0.045
    // → gross 4,050.00; share 3/203 = 1.48% ≥ 1% → pays 50% → 2,025.00.
    const plan = hiresNeeded(base, "next", 1, 1);
    expect(plan.target).toBe("tier-50");
    expect(plan.hires).toBe(3);
    expect(plan.before.payable.toFixed(2)).toBe("243000.00");
    expect(plan.after.payable.toFixed(2)).toBe("2025.00");
    expect(plan.saving.toFixed(2)).toBe("240975.00");
  });

  it("2 hires counting double reach full compliance", () => {
    // 2 × 2 = 4 ≥ 1.5% × 202 = 3.03
    const plan = hiresNeeded(base, "full", 2, 1);
    expect(plan.hires).toBe(2);
    expect(plan.after.payable.toFixed(2)).toBe("0.00");
  });

  it("hires from July count half a year: 5 are needed for the 50% band", () => {
    // k hires from July add k/2 to both counts: k/2 ÷ (200 + k/2) ≥ 1% ⇔ k ≥ 4.04 → 5.
    expect(hiresNeeded(base, "tier-50", 1, 7).hires).toBe(5);
  });

  it("an employer already in the 50% band is pointed at full compliance", () => {
    // A = 2 of 200. One hire: 3 < 1.5% × 201 = 3.015 (still short); two hires: 4 ≥ 1.5% × 202 = 3.03.
    const plan = hiresNeeded({ ...base, certifiedDisabled: "2" }, "next", 1, 1);
    expect(plan.target).toBe("full");
    expect(plan.hires).toBe(2);
  });

  it("a Jiangsu part-year employer keeps its proration", () => {
    // Example 6: 40 staff Jul–Dec, 1,200,000 → payable 13,500.00. One hire from January of the data year brings
    // A = 1 ≥ 1.5% × 41 = 0.615 → quota met → 0.
    const plan = hiresNeeded({ filingYear: 2025, region: "CN-JS", registrationDate: "2024-07-15", headcount: "40", wageTotal: "1200000" }, "full", 1, 1);
    expect(plan.before.payable.toFixed(2)).toBe("13500.00");
    expect(plan.hires).toBe(1);
    expect(plan.saving.toFixed(2)).toBe("13500.00");
  });
});

describe("late fee and instalments edge cases", () => {
  it("paying on the deadline costs nothing; the day after costs one day", () => {
    expect(lateFee("1000", "2025-06-30", "2025-06-30", "0.005", true).fee.toFixed(2)).toBe("0.00");
    expect(lateFee("1000", "2025-06-30", "2025-07-01", "0.005", true).fee.toFixed(2)).toBe("5.00");
    expect(lateFee("1000", "2025-06-30", "2025-06-01", "0.005", true).days).toBe(0);
  });
  it("without the cap the fee can exceed the principal", () => {
    expect(lateFee("1000", "2025-01-01", "2026-01-01", "0.005", false).fee.toFixed(2)).toBe("1825.00");
  });
  it("instalment quarter must be 1–4", () => {
    expect(() => installment("100", 0)).toThrow(/quarter/);
    expect(installment("0.03", 4).toFixed(2)).toBe("0.00");
    expect(installment("0.03", 1).toFixed(2)).toBe("0.01");
  });
});
