/**
 * Every worked example of levy-rules.md §8 (examples 1–13) with the expected figures copied by hand from the rules
 * file, plus the seed conflicts the tool must correct (seed 003's 40,000; the Nanjing letter's 15-person company).
 */
import { describe, expect, it } from "vitest";
import { calculateLevy } from "../../src/core/levy/calculate";
import { lateFee } from "../../src/core/levy/late-fee";
import { quarterlyInstallments } from "../../src/core/levy/installments";
import { serializeLevyResult } from "../../src/core/levy/serialize";
import type { LevyCase } from "../../src/core/levy/types";
import { checkDisabilityCertificate, checkUscc, disabledWeight } from "../../src/core/identifiers";

const calc = (c: LevyCase) => serializeLevyResult(calculateLevy(c));

describe("Example 1 — seed 003: 100 staff, 1 disabled, average 80,000", () => {
  const r = calc({ filingYear: 2025, headcount: "100", certifiedDisabled: "1", wageTotal: "8000000", socialAverageWage: "60000" });
  it("computes required 1.5, shortfall 0.5, gross 40,000.00", () => {
    expect(r.required).toBe("1.5");
    expect(r.shortfall).toBe("0.5");
    expect(r.wageCap).toBe("120000");
    expect(r.grossDue).toBe("40000.00");
  });
  it("corrects seed 003: exactly 1.00% lands in the 50% band, payable 20,000.00 not 40,000", () => {
    expect(r.reductionKind).toBe("tier-50");
    expect(r.reduction).toBe("20000.00");
    expect(r.payable).toBe("20000.00");
    expect(r.payable).not.toBe("40000.00");
  });
});

describe("Example 2 — seed 000/004 Nanjing letter: 15 staff, 65,556, × 45%", () => {
  it("an enterprise of 15 is exempt under 2023 No.8 (the letter's 6,637 is wrong)", () => {
    const r = calc({ filingYear: 2025, region: "南京市", headcount: "15", wageTotal: "983340", entityType: "enterprise" });
    expect(r.region.code).toBe("CN-JS-320100");
    expect(r.localCollectionRate).toBe("0.45");
    expect(r.grossDue).toBe("6637.55"); // 6,637.545 rounded half-up to the fen, not truncated to 6,637
    expect(r.reductionKind).toBe("small-enterprise");
    expect(r.reduction).toBe("6637.55");
    expect(r.payable).toBe("0.00");
  });
  it("a non-enterprise of 15 pays 90%: reduction 663.76, payable 5,973.79", () => {
    const r = calc({ filingYear: 2025, region: "南京", headcount: "15", wageTotal: "983340", entityType: "public-institution" });
    expect(r.grossDue).toBe("6637.55");
    expect(r.reductionKind).toBe("tier-90");
    expect(r.reduction).toBe("663.76");
    expect(r.payable).toBe("5973.79");
  });
});

describe("Example 3 — a grade-1 worker counts twice", () => {
  it("A = 2 of 200 → ratio 1.00% → 50% band → 45,000.00", () => {
    const weight = disabledWeight({ certificateNo: "11010519491231002X11" });
    expect(weight.weight).toBe(2);
    const r = calc({ filingYear: 2025, headcount: "200", certifiedDisabled: String(weight.weight), wageTotal: "18000000", socialAverageWage: "50000" });
    expect(r.required).toBe("3");
    expect(r.shortfall).toBe("1");
    expect(r.grossDue).toBe("90000.00");
    expect(r.reductionKind).toBe("tier-50");
    expect(r.payable).toBe("45000.00");
  });
  it("a grade-3 worker instead: A = 1 → 180,000.00 → 90% → 162,000.00", () => {
    const weight = disabledWeight({ certificateNo: "11010519491231002X53" });
    expect(weight.weight).toBe(1);
    const r = calc({ filingYear: 2025, headcount: "200", certifiedDisabled: "1", wageTotal: "18000000", socialAverageWage: "50000" });
    expect(r.grossDue).toBe("180000.00");
    expect(r.reductionKind).toBe("tier-90");
    expect(r.payable).toBe("162000.00");
  });
});

describe("Example 4 — the 2× cap binds", () => {
  it("2020–2027 regime: base 200,000, gross 450,000.00, payable 405,000.00", () => {
    const r = calc({ filingYear: 2025, headcount: "150", wageTotal: "45000000", socialAverageWage: "100000" });
    expect(r.wageCap).toBe("200000");
    expect(r.wageBase).toBe("200000");
    expect(r.capApplied).toBe(true);
    expect(r.grossDue).toBe("450000.00");
    expect(r.payable).toBe("405000.00");
  });
  it("2017-04-01 → 2018-03-31 regime: 3× cap, no tiers → 675,000.00", () => {
    const r = calc({ filingDate: "2017-07-01", headcount: "150", wageTotal: "45000000", socialAverageWage: "100000" });
    expect(r.wageCap).toBe("300000");
    expect(r.reductionKind).toBe("none");
    expect(r.payable).toBe("675000.00");
  });
  it("after 2018-04-01 the seed 002 3× cap no longer applies (39号)", () => {
    const r = calc({ filingDate: "2018-04-01", headcount: "150", wageTotal: "45000000", socialAverageWage: "100000" });
    expect(r.wageCap).toBe("200000");
  });
});

describe("Example 5 — monthly averaging, seasonal workers, wage total", () => {
  const start = [48, 50, 50, 52, 55, 55, 56, 56, 58, 60, 60, 61];
  const end = [50, 50, 52, 55, 55, 56, 56, 58, 60, 60, 61, 62];
  it("(start + end) / 2 per month sums to 668 → 55.6667", () => {
    const r = calc({ filingYear: 2025, monthlyHeadcount: start.map((s, i) => [String(s), String(end[i])] as const), wageTotal: "0" });
    expect(r.headcount.startsWith("55.66666666")).toBe(true);
  });
  it("with 5.00 seasonal FTE: N = 60.6667, gross 74,700.00 (= 1.5% × 4,980,000), payable 67,230.00", () => {
    // Seasonal: 20 workers × 3 months added to three months' figures (20 × 3 / 12 = 5 FTE).
    const months = start.map((s, i) => [String(s + (i < 3 ? 20 : 0)), String(end[i] + (i < 3 ? 20 : 0))] as const);
    const r = calc({ filingYear: 2025, monthlyHeadcount: months, wageTotal: "4980000", socialAverageWage: "95000" });
    expect(r.headcount.startsWith("60.66666666")).toBe(true);
    expect(r.averageWage.startsWith("82087.912")).toBe(true);
    expect(r.grossDue).toBe("74700.00");
    expect(r.reductionKind).toBe("tier-90");
    expect(r.payable).toBe("67230.00");
  });
});

describe("Example 5b — rounding sensitivity with the cap binding (social average 40,000)", () => {
  const months = [48, 50, 50, 52, 55, 55, 56, 56, 58, 60, 60, 61].map((s, i) => {
    const e = [50, 50, 52, 55, 55, 56, 56, 58, 60, 60, 61, 62][i];
    return [String(s + (i < 3 ? 20 : 0)), String(e + (i < 3 ? 20 : 0))] as const;
  });
  it("exact headcount (the default): 72,800.00 → payable 65,520.00", () => {
    const r = calc({ filingYear: 2025, monthlyHeadcount: months, wageTotal: "4980000", socialAverageWage: "40000" });
    expect(r.grossDue).toBe("72800.00");
    expect(r.payable).toBe("65520.00");
  });
  it("headcount rounded to 60.67 first (switch): 72,804.00 → payable 65,523.60", () => {
    const r = calc({ filingYear: 2025, monthlyHeadcount: months, wageTotal: "4980000", socialAverageWage: "40000", overrides: { roundHeadcount: true } });
    expect(r.headcount).toBe("60.67");
    expect(r.grossDue).toBe("72804.00");
    expect(r.payable).toBe("65523.60");
    expect(r.overridden).toEqual(["roundHeadcount"]);
  });
});

describe("Example 6 — new registrant: Jiangsu proration vs divide-by-12 (the ≤30 trap)", () => {
  const monthly = ["0", "0", "0", "0", "0", "0", "40", "40", "40", "40", "40", "40"];
  it("Jiangsu: annualised 2,400,000, N = 40, × 5/12 → 15,000.00 → 90% → 13,500.00", () => {
    const r = calc({ filingYear: 2025, region: "CN-JS", registrationDate: "2024-07-15", monthlyHeadcount: monthly, wageTotal: "1200000" });
    expect(r.headcount).toBe("40");
    expect(r.wageTotal).toBe("2400000");
    expect(r.averageWage).toBe("60000");
    expect(r.grossDue).toBe("15000.00");
    expect(r.payable).toBe("13500.00");
  });
  it("divide by 12: N = 20 → enterprise ≤ 30 → exempt", () => {
    const r = calc({ filingYear: 2025, region: "CN", registrationDate: "2024-07-15", monthlyHeadcount: monthly, wageTotal: "1200000" });
    expect(r.headcount).toBe("20");
    expect(r.reductionKind).toBe("small-enterprise");
    expect(r.payable).toBe("0.00");
  });
  it("registered in December (less than one month) → no levy", () => {
    const r = calc({ filingYear: 2025, region: "CN-JS", registrationDate: "2024-12-15", headcount: "40", wageTotal: "100000" });
    expect(r.grossDue).toBe("0.00");
    expect(r.notes.map((n) => n.code)).toContain("NO_LEVY_SHORT_OPERATION");
  });
});

describe("Example 7 — quarterly filing: 36,000.00 → 9,000.00 a quarter", () => {
  it("four equal quarters", () => {
    expect(quarterlyInstallments("36000").map((q) => q.toString())).toEqual(["9000", "9000", "9000", "9000"]);
  });
  it("the last quarter absorbs the rounding: 100.01 → 25.00 × 3 + 25.01", () => {
    expect(quarterlyInstallments("100.01").map((q) => q.toFixed(2))).toEqual(["25.00", "25.00", "25.00", "25.01"]);
  });
});

describe("Example 8 — late fee", () => {
  it("20,000.00 due 2025-06-30, paid 2025-07-20 → 20 days × 5‰ = 2,000.00", () => {
    const r = lateFee("20000", "2025-06-30", "2025-07-20", "0.005", true);
    expect(r.days).toBe(20);
    expect(r.fee.toFixed(2)).toBe("2000.00");
  });
  it("at seed 003's 0.05%/day it would be 200.00 (shown only as an override)", () => {
    expect(lateFee("20000", "2025-06-30", "2025-07-20", "0.0005", true).fee.toFixed(2)).toBe("200.00");
  });
  it("is capped at the principal after 200 days", () => {
    const r = lateFee("20000", "2025-06-30", "2026-06-30", "0.005", true);
    expect(r.capped).toBe(true);
    expect(r.fee.toFixed(2)).toBe("20000.00");
  });
});

describe("Example 9 — ≤30 threshold with a non-integer headcount", () => {
  it("N = 30.00 → exempt", () => {
    const r = calc({ filingYear: 2025, headcount: "30", wageTotal: "1800000" });
    expect(r.reductionKind).toBe("small-enterprise");
    expect(r.payable).toBe("0.00");
  });
  it("N = 30.25 → not exempt: 27,225.00 → 90% → 24,502.50", () => {
    const r = calc({ filingYear: 2025, headcount: "30.25", wageTotal: "1815000" });
    expect(r.required).toBe("0.45375");
    expect(r.grossDue).toBe("27225.00");
    expect(r.payable).toBe("24502.50");
  });
});

describe("Example 10 — Henan 1.6%", () => {
  it("250 staff, 3 disabled: shortfall 1.00, 70,000.00 → 1.2% ≥ 1% → 35,000.00", () => {
    const r = calc({ filingYear: 2025, region: "河南", headcount: "250", certifiedDisabled: "3", wageTotal: "17500000", socialAverageWage: "70000" });
    expect(r.quotaRatio).toBe("0.016");
    expect(r.required).toBe("4");
    expect(r.grossDue).toBe("70000.00");
    expect(r.reductionKind).toBe("tier-50");
    expect(r.payable).toBe("35000.00");
  });
  it("the same employer at 1.5%: 52,500.00 → 26,250.00", () => {
    const r = calc({ filingYear: 2025, region: "CN-ZJ", headcount: "250", certifiedDisabled: "3", wageTotal: "17500000", socialAverageWage: "70000" });
    expect(r.grossDue).toBe("52500.00");
    expect(r.payable).toBe("26250.00");
  });
});

describe("Example 11 — Xinjiang ratio conflict", () => {
  it("default 1.5% (secondary) with the conflict stated: 56,000.00 → 50,400.00", () => {
    const r = calc({ filingYear: 2025, region: "新疆", headcount: "120", certifiedDisabled: "1", wageTotal: "8400000" });
    expect(r.quotaRatio).toBe("0.015");
    expect(r.grossDue).toBe("56000.00");
    expect(r.payable).toBe("50400.00");
    expect(r.notes.some((n) => n.code === "REGION_CAVEAT" && n.message.en.includes("2%"))).toBe(true);
  });
  it("overridden to seed 000's 2%: 98,000.00 → 88,200.00", () => {
    const r = calc({ filingYear: 2025, region: "CN-XJ", headcount: "120", certifiedDisabled: "1", wageTotal: "8400000", overrides: { quotaRatio: "2%" } });
    expect(r.grossDue).toBe("98000.00");
    expect(r.payable).toBe("88200.00");
  });
});

describe("Example 12 — seed 002 Jiangsu 2017 vs today (盐城 60%)", () => {
  it("2017 regime: 3× cap 157,167 × 1.5 × 0.6 = 141,450.30", () => {
    const r = calc({ filingDate: "2017-07-01", region: "盐城市", headcount: "100", wageTotal: "20000000", socialAverageWage: "52389" });
    expect(r.wageCap).toBe("157167");
    expect(r.payable).toBe("141450.30");
  });
  it("2020–2027 regime: 2× cap 104,778 → 94,300.20 → 90% → 84,870.18", () => {
    const r = calc({ filingYear: 2025, region: "盐城", headcount: "100", wageTotal: "20000000", socialAverageWage: "52389" });
    expect(r.grossDue).toBe("94300.20");
    expect(r.reduction).toBe("9430.02");
    expect(r.payable).toBe("84870.18");
  });
});

describe("Example 13 — identifiers", () => {
  it("certificates and USCC", () => {
    const c1 = checkDisabilityCertificate("11010519491231002X11");
    expect(c1.ok).toBe(true);
    expect(c1.category?.zh).toBe("视力");
    expect(c1.grade).toBe(1);
    const c2 = checkDisabilityCertificate("11010519491231002X53");
    expect(c2.category?.zh).toBe("智力");
    expect(c2.grade).toBe(3);
    const bad = checkDisabilityCertificate("11010519491231002081");
    expect(bad.ok).toBe(false);
    expect(bad.errors.map((e) => e.code)).toEqual(expect.arrayContaining(["ID_INVALID", "CATEGORY"]));
    expect(checkUscc("91310110666007217T").ok).toBe(true);
    const u = checkUscc("91310110666007217A");
    expect(u.ok).toBe(false);
    expect(u.expectedCheckChar).toBe("T");
  });
});

describe("policy dating and expiry", () => {
  it("a filing year without a date means 1 July; data year is the year before", () => {
    const r = calc({ filingYear: 2023, headcount: "100", wageTotal: "1" });
    expect(r.filingDate).toBe("2023-07-01");
    expect(r.dataYear).toBe(2022);
  });
  it("2015 regime: ≤20 within 3 years of registration exempt; no cap", () => {
    const within = calc({ filingDate: "2016-07-01", headcount: "15", wageTotal: "900000", registrationDate: "2014-03-01", socialAverageWage: "10000" });
    expect(within.reductionKind).toBe("small-enterprise");
    expect(within.wageCap).toBe(null);
    const after = calc({ filingDate: "2016-07-01", headcount: "15", wageTotal: "900000", registrationDate: "2012-03-01" });
    expect(after.reductionKind).toBe("none");
    expect(after.grossDue).toBe("13500.00");
  });
  it("after 2027-12-31 nothing is assumed: no tiers, no exemption, POLICY_EXPIRED", () => {
    const r = calc({ filingYear: 2028, headcount: "15", wageTotal: "900000" });
    expect(r.policyExpired).toBe(true);
    expect(r.reductionKind).toBe("none");
    expect(r.notes.map((n) => n.code)).toContain("POLICY_EXPIRED");
  });
  it("refuses filings before 72号 with a message naming the field", () => {
    expect(() => calculateLevy({ filingDate: "2014-07-01", headcount: "1", wageTotal: "1" })).toThrow(/filingDate/);
  });
});
