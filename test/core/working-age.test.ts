/**
 * Retirement dates under the 2025 gradual-retirement schedule (rules file §2.2) and the working-age check.
 * Expected dates are worked out by hand: increase = floor(birth months since the first affected month / step) + 1,
 * capped; retirement date = birth date + base age + increase, day clamped to the month's end.
 */
import { describe, it, expect } from "vitest";
import { RETIREMENT_SCHEDULE, isWorkingAgeDuring, retirementAge, retirementDate } from "../../src/core/people/working-age";

describe("RETIREMENT_SCHEDULE data", () => {
  it("carries the rules file's confidence tag and the three groups", () => {
    expect(RETIREMENT_SCHEDULE.tag).toBe("[memory, medium]");
    expect(RETIREMENT_SCHEDULE.confidence).toBe("memory");
    expect(RETIREMENT_SCHEDULE.entries.map((e) => [e.group, e.baseAgeYears, e.targetAgeYears])).toEqual([
      ["male", 60, 63],
      ["female-cadre", 55, 58],
      ["female-worker", 50, 55],
    ]);
  });
  it("each entry's cap reaches its target age", () => {
    for (const e of RETIREMENT_SCHEDULE.entries) expect(e.baseAgeYears * 12 + e.maxIncreaseMonths).toBe(e.targetAgeYears * 12);
  });
});

describe("retirementDate — men (60 → 63, +1 month per 4 birth months from 1965-01)", () => {
  it("born 1964-12-31: old age 60 → 2024-12-31", () => expect(retirementDate("1964-12-31", "male")).toBe("2024-12-31"));
  it("born 1965-01-15: 60 + 1 month → 2025-02-15", () => expect(retirementDate("1965-01-15", "male")).toBe("2025-02-15"));
  it("born 1965-04-30: still +1 month → 2025-05-30", () => expect(retirementDate("1965-04-30", "male")).toBe("2025-05-30"));
  it("born 1965-05-01: +2 months → 2025-07-01", () => expect(retirementDate("1965-05-01", "male")).toBe("2025-07-01"));
  it("born 1970-06-10: 65 months after 1965-01 → +17 = 61y5m → 2031-11-10", () =>
    expect(retirementDate("1970-06-10", "male")).toBe("2031-11-10"));
  it("born 1976-08-20: 139 months → +35 = 62y11m → 2039-07-20", () => expect(retirementDate("1976-08-20", "male")).toBe("2039-07-20"));
  it("born 1976-09-01: 140 months → +36, reaches 63 → 2039-09-01", () => expect(retirementDate("1976-09-01", "male")).toBe("2039-09-01"));
  it("born 1990-03-03: capped at 63 → 2053-03-03", () => expect(retirementDate("1990-03-03", "male")).toBe("2053-03-03"));
  it("born 1965-01-31: 2025-02-31 does not exist → clamped to 2025-02-28", () =>
    expect(retirementDate("1965-01-31", "male")).toBe("2025-02-28"));
  it("born 1964-02-29: 60 → 2024-02-29 (leap year)", () => expect(retirementDate("1964-02-29", "male")).toBe("2024-02-29"));
  it("category is ignored for men", () => expect(retirementDate("1965-01-15", "male", "worker")).toBe("2025-02-15"));
  it("retirementAge reports years and months", () =>
    expect(retirementAge("1970-06-10", "male")).toEqual({ group: "male", years: 61, months: 5, totalMonths: 737 }));
});

describe("retirementDate — women cadre (55 → 58, +1 month per 4 birth months from 1970-01)", () => {
  it("born 1969-12-20: old age 55 → 2024-12-20", () => expect(retirementDate("1969-12-20", "female", "cadre")).toBe("2024-12-20"));
  it("born 1970-01-01: 55 + 1 month → 2025-02-01", () => expect(retirementDate("1970-01-01", "female", "cadre")).toBe("2025-02-01"));
  it("born 1975-08-15: 67 months → +17 = 56y5m → 2032-01-15", () =>
    expect(retirementDate("1975-08-15", "female", "cadre")).toBe("2032-01-15"));
  it("born 1990-03-03: capped at 58 → 2048-03-03", () => expect(retirementDate("1990-03-03", "female", "cadre")).toBe("2048-03-03"));
  it("born 1968-02-29: 55 → 2023-02-29 does not exist → 2023-02-28", () =>
    expect(retirementDate("1968-02-29", "female", "cadre")).toBe("2023-02-28"));
});

describe("retirementDate — women worker (50 → 55, +1 month per 2 birth months from 1975-01)", () => {
  it("born 1974-12-31: old age 50 → 2024-12-31", () => expect(retirementDate("1974-12-31", "female", "worker")).toBe("2024-12-31"));
  it("born 1975-01-10: 50 + 1 month → 2025-02-10", () => expect(retirementDate("1975-01-10", "female", "worker")).toBe("2025-02-10"));
  it("born 1975-03-10: +2 months → 2025-05-10", () => expect(retirementDate("1975-03-10", "female", "worker")).toBe("2025-05-10"));
  it("born 1980-07-20: 66 months → +34 = 52y10m → 2033-05-20", () =>
    expect(retirementDate("1980-07-20", "female", "worker")).toBe("2033-05-20"));
  it("born 1984-10-05: 117 months → +59 = 54y11m → 2039-09-05", () =>
    expect(retirementDate("1984-10-05", "female", "worker")).toBe("2039-09-05"));
  it("born 1984-11-05: 118 months → +60, reaches 55 → 2039-11-05", () =>
    expect(retirementDate("1984-11-05", "female", "worker")).toBe("2039-11-05"));
  it("born 1995-06-30: capped at 55 → 2050-06-30", () => expect(retirementDate("1995-06-30", "female", "worker")).toBe("2050-06-30"));
  it("women default to the worker schedule", () => {
    expect(retirementDate("1980-07-20", "female")).toBe("2033-05-20");
    expect(retirementDate("1974-12-31", "female")).toBe("2024-12-31");
  });
});

describe("retirementDate — invalid input gives null, never throws", () => {
  it("bad dates and sexes", () => {
    expect(retirementDate("1965-02-30", "male")).toBeNull();
    expect(retirementDate("1965-1-5", "male")).toBeNull();
    expect(retirementDate("", "female")).toBeNull();
    expect(retirementDate(null as unknown as string, "male")).toBeNull();
    expect(retirementDate("1965-01-15", "unknown" as "male")).toBeNull();
  });
});

describe("isWorkingAgeDuring — data year 2024", () => {
  const Y = ["2024-01-01", "2024-12-31"] as const;

  it("turns 16 on the last day of the year → working age", () => {
    const r = isWorkingAgeDuring("2008-12-31", "male", ...Y);
    expect(r.ok).toBe(true);
    expect(r.workingAgeFrom).toBe("2024-12-31");
  });
  it("turns 16 on 2025-01-01 → not working age in 2024", () => {
    const r = isWorkingAgeDuring("2009-01-01", "female", ...Y);
    expect(r.ok).toBe(false);
    expect(r.workingAgeFrom).toBe("2025-01-01");
    expect(r.reason.en).toContain("under 16");
  });
  it("man born 1964-01-01 retires 2024-01-01, the first day → not working age on any day", () => {
    const r = isWorkingAgeDuring("1964-01-01", "male", ...Y);
    expect(r.ok).toBe(false);
    expect(r.retirementDate).toBe("2024-01-01");
    expect(r.reason.en).toContain("retirement");
  });
  it("man born 1964-01-02 retires 2024-01-02 → working age on 2024-01-01", () => {
    const r = isWorkingAgeDuring("1964-01-02", "male", ...Y);
    expect(r.ok).toBe(true);
    expect(r.retirementDate).toBe("2024-01-02");
  });
  it("man born 1964-07-15 retires mid-year (2024-07-15) → working age", () =>
    expect(isWorkingAgeDuring("1964-07-15", "male", ...Y).ok).toBe(true));
  it("woman born 1973-06-30: as worker retired 2023-06-30 → not working age; as cadre she is", () => {
    expect(isWorkingAgeDuring("1973-06-30", "female", ...Y).ok).toBe(false);
    // Cadre: 41 birth months after 1970-01 → +11 = 55y11m → 2029-05-30.
    const cadre = isWorkingAgeDuring("1973-06-30", "female", ...Y, "cadre");
    expect(cadre.ok).toBe(true);
    expect(cadre.retirementDate).toBe("2029-05-30");
  });
});

describe("isWorkingAgeDuring — data year 2025 (first reform year)", () => {
  const Y = ["2025-01-01", "2025-12-31"] as const;

  it("man born 1964-12-31 retired 2024-12-31 → not working age", () =>
    expect(isWorkingAgeDuring("1964-12-31", "male", ...Y).ok).toBe(false));
  it("man born 1965-01-15 retires 2025-02-15 → working age", () => {
    const r = isWorkingAgeDuring("1965-01-15", "male", ...Y);
    expect(r.ok).toBe(true);
    expect(r.retirementDate).toBe("2025-02-15");
    expect(r.reason.zh).toContain("60岁1个月");
  });
  it("woman (default worker) born 1975-01-10 retires 2025-02-10 → working age in 2025, not in 2026", () => {
    expect(isWorkingAgeDuring("1975-01-10", "female", ...Y).ok).toBe(true);
    expect(isWorkingAgeDuring("1975-01-10", "female", "2026-01-01", "2026-12-31").ok).toBe(false);
  });
});

describe("isWorkingAgeDuring — invalid input", () => {
  it("returns ok = false with a reason instead of throwing", () => {
    expect(isWorkingAgeDuring("1980-02-30", "male", "2024-01-01", "2024-12-31").ok).toBe(false);
    expect(isWorkingAgeDuring("1980-01-01", "male", "2024-12-31", "2024-01-01").ok).toBe(false);
    expect(isWorkingAgeDuring("1980-01-01", "male", "2024-13-01", "2024-12-31").ok).toBe(false);
    const badSex = isWorkingAgeDuring("1980-01-01", "x" as "male", "2024-01-01", "2024-12-31");
    expect(badSex.ok).toBe(false);
    expect(badSex.reason.en).toContain("sex");
    expect(isWorkingAgeDuring(undefined as unknown as string, "male", "2024-01-01", "2024-12-31").ok).toBe(false);
  });
});
