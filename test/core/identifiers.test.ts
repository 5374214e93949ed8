/**
 * Identifier checks against the vectors of shared/domain/levy-rules.md §5 and §8 Example 13.
 * Every expected value is written out by hand (from the rules file, or hand arithmetic shown in the comment).
 */
import { describe, it, expect } from "vitest";
import {
  checkDisabilityCertificate,
  checkResidentId,
  checkUscc,
  disabledWeight,
  residentIdCheckChar,
  usccCheckChar,
} from "../../src/core/identifiers";

const codes = (errors: Array<{ code: string }>) => errors.map((e) => e.code);

describe("residentIdCheckChar (GB 11643 MOD 11-2)", () => {
  it("§5.2 vector 11010519491231002X: S = 167, 167 mod 11 = 2 → X", () => {
    expect(residentIdCheckChar("11010519491231002")).toBe("X");
  });
  it("§5.2 vector 440524188001010014: S = 195, 195 mod 11 = 8 → 4", () => {
    expect(residentIdCheckChar("44052418800101001")).toBe("4");
  });
  it("§5.1 hrbesd ID 230103195710270938 has check 8", () => {
    expect(residentIdCheckChar("23010319571027093")).toBe("8");
  });
  it("returns null for anything that is not 17 digits", () => {
    expect(residentIdCheckChar("1101051949123100")).toBeNull();
    expect(residentIdCheckChar("11010519491231002X")).toBeNull();
    expect(residentIdCheckChar("1101051949123100A")).toBeNull();
    expect(residentIdCheckChar(undefined as unknown as string)).toBeNull();
  });
});

describe("checkResidentId", () => {
  it("accepts 11010519491231002X with birth date and sex", () => {
    expect(checkResidentId("11010519491231002X", "2026-11-15")).toEqual({
      ok: true,
      normalized: "11010519491231002X",
      errors: [],
      birthDate: "1949-12-31",
      sex: "female", // 17th digit 2 is even
      upgradedFrom15: false,
      expectedCheckChar: "X",
    });
  });

  it("440524188001010014: checksum right (4) but born 1880, before 1900-01-01 → BIRTH_DATE only", () => {
    const r = checkResidentId("440524188001010014", "2026-11-15");
    expect(r.ok).toBe(false);
    expect(codes(r.errors)).toEqual(["BIRTH_DATE"]);
    expect(r.expectedCheckChar).toBe("4");
    expect(r.normalized).toBe("440524188001010014");
    expect(r.sex).toBe("male"); // 17th digit 1 is odd
    expect(r.birthDate).toBeNull();
  });

  it("230103195710270938 (hrbesd sample) is valid, male, born 1957-10-27", () => {
    const r = checkResidentId("230103195710270938", "2026-11-15");
    expect(r.ok).toBe(true);
    expect(r.birthDate).toBe("1957-10-27");
    expect(r.sex).toBe("male");
  });

  it("reports the expected check character bilingually", () => {
    const r = checkResidentId("110105194912310020", "2026-11-15");
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([{ code: "CHECKSUM", message: { zh: "校验位应为 X", en: "check character should be X" } }]);
    expect(r.expectedCheckChar).toBe("X");
  });

  it("upgrades a 15-digit ID: 110105491231002 → 11010519491231002X", () => {
    const r = checkResidentId("110105491231002", "2026-11-15");
    expect(r.ok).toBe(true);
    expect(r.upgradedFrom15).toBe(true);
    expect(r.normalized).toBe("11010519491231002X");
    expect(r.birthDate).toBe("1949-12-31");
    expect(r.sex).toBe("female");
  });

  it("accepts a 15-digit ID stored as an Excel number (exact below 2^53)", () => {
    const r = checkResidentId(110105491231002, "2026-11-15");
    expect(r.ok).toBe(true);
    expect(r.normalized).toBe("11010519491231002X");
  });

  it("accepts lower-case x and surrounding whitespace", () => {
    const r = checkResidentId("  11010519491231002x\t", "2026-11-15");
    expect(r.ok).toBe(true);
    expect(r.normalized).toBe("11010519491231002X");
  });

  it("accepts full-width digits and full-width Ｘ (and an ideographic space)", () => {
    const r = checkResidentId("\u3000１１０１０５１９４９１２３１００２Ｘ", "2026-11-15");
    expect(r.ok).toBe(true);
    expect(r.normalized).toBe("11010519491231002X");
  });

  it("accepts an HK/Macau/Taiwan residence permit number with prefix 81", () => {
    // Hand sum for 81000019940823002: 56+9+2+9+54+12+72+20+15+4 = 253 = 23 × 11 → index 0 → "1".
    const r = checkResidentId("810000199408230021", "2026-11-15");
    expect(r.ok).toBe(true);
    expect(r.birthDate).toBe("1994-08-23");
  });

  it("rejects 1949-02-30 even with a correct check character", () => {
    // Hand sum for 11010519490230002: 7+9+5+20+2+9+24+27+18+30+4 = 155, 155 mod 11 = 1 → "0".
    const r = checkResidentId("110105194902300020", "2026-11-15");
    expect(r.ok).toBe(false);
    expect(codes(r.errors)).toEqual(["BIRTH_DATE"]);
    expect(r.expectedCheckChar).toBe("0");
    expect(r.birthDate).toBeNull();
  });

  it("rejects a 15-digit ID with an impossible date (19490230)", () => {
    expect(codes(checkResidentId("110105490230002", "2026-11-15").errors)).toEqual(["BIRTH_DATE"]);
  });

  it("rejects a birth date after today, accepts one equal to today", () => {
    // Hand sum for 11010520270101001: 7+9+5+20+4+12+21+9+5+2 = 94, 94 mod 11 = 6 → "6".
    const future = checkResidentId("110105202701010016", "2026-11-15");
    expect(future.ok).toBe(false);
    expect(codes(future.errors)).toEqual(["FUTURE_BIRTH"]);
    expect(future.expectedCheckChar).toBe("6");
    const sameDay = checkResidentId("110105202701010016", "2027-01-01");
    expect(sameDay.ok).toBe(true);
    expect(sameDay.birthDate).toBe("2027-01-01");
  });

  it("reports length and charset problems", () => {
    expect(codes(checkResidentId("1101051949123100", "2026-11-15").errors)).toEqual(["LENGTH"]);
    expect(codes(checkResidentId("11010519491231002Y", "2026-11-15").errors)).toEqual(["CHARSET"]);
    expect(codes(checkResidentId("1101051949123X002X", "2026-11-15").errors)).toEqual(["CHARSET"]);
    expect(codes(checkResidentId("11010549123100X", "2026-11-15").errors)).toEqual(["CHARSET"]);
    expect(checkResidentId("11010519491231002Y").normalized).toBeNull();
  });

  it("never throws on odd inputs and returns structured errors", () => {
    expect(codes(checkResidentId(null).errors)).toEqual(["EMPTY"]);
    expect(codes(checkResidentId(undefined).errors)).toEqual(["EMPTY"]);
    expect(codes(checkResidentId("   ").errors)).toEqual(["EMPTY"]);
    expect(codes(checkResidentId({}).errors)).toEqual(["CHARSET"]);
    expect(codes(checkResidentId([1, 2]).errors)).toEqual(["CHARSET"]);
    // An 18-digit ID typed into a numeric cell has lost its last digits: never validate the rounded value.
    expect(codes(checkResidentId(110105194912310020).errors)).toEqual(["CHARSET"]);
    expect(codes(checkResidentId(Number.NaN).errors)).toEqual(["CHARSET"]);
    expect(codes(checkResidentId(-5).errors)).toEqual(["CHARSET"]);
    expect(checkResidentId(true).ok).toBe(false);
    expect(checkResidentId("\u0000\uFFFF😀".repeat(6)).ok).toBe(false);
  });

  it("ignores an invalid `today` rather than failing (uses the current date)", () => {
    expect(checkResidentId("11010519491231002X", "not a date").ok).toBe(true);
  });
});

describe("checkDisabilityCertificate (第二代残疾人证)", () => {
  it("§5.1 hrbesd 23010319571027093862 is 精神 grade 2", () => {
    const r = checkDisabilityCertificate("23010319571027093862", "2026-11-15");
    expect(r.ok).toBe(true);
    expect(r.normalized).toBe("23010319571027093862");
    expect(r.category).toEqual({ code: 6, zh: "精神", en: "mental" });
    expect(r.grade).toBe(2);
    expect(r.id?.birthDate).toBe("1957-10-27");
    expect(r.errors).toEqual([]);
  });

  it("Example 13: 11010519491231002X11 is 视力 grade 1", () => {
    const r = checkDisabilityCertificate("11010519491231002X11", "2026-11-15");
    expect(r.ok).toBe(true);
    expect(r.category).toEqual({ code: 1, zh: "视力", en: "visual" });
    expect(r.grade).toBe(1);
  });

  it("Example 13: 11010519491231002X53 is 智力 grade 3", () => {
    const r = checkDisabilityCertificate("11010519491231002X53", "2026-11-15");
    expect(r.ok).toBe(true);
    expect(r.category?.zh).toBe("智力");
    expect(r.grade).toBe(3);
  });

  it("Example 13: 11010519491231002081 fails the ID check (expected X) and category 8", () => {
    const r = checkDisabilityCertificate("11010519491231002081", "2026-11-15");
    expect(r.ok).toBe(false);
    expect(codes(r.errors)).toEqual(["ID_INVALID", "CATEGORY"]);
    expect(r.id?.expectedCheckChar).toBe("X");
    expect(r.errors[0].message.en).toContain("check character should be X");
    expect(r.category).toBeNull();
    expect(r.grade).toBe(1);
  });

  it("normalises lower-case x and full-width input", () => {
    expect(checkDisabilityCertificate("11010519491231002x11").normalized).toBe("11010519491231002X11");
    expect(checkDisabilityCertificate("１１０１０５１９４９１２３１００２Ｘ１１").normalized).toBe("11010519491231002X11");
  });

  it("rejects grade 0/5, a letter grade, and X outside position 18", () => {
    expect(codes(checkDisabilityCertificate("11010519491231002X15").errors)).toEqual(["GRADE"]);
    expect(codes(checkDisabilityCertificate("11010519491231002X10").errors)).toEqual(["GRADE"]);
    expect(codes(checkDisabilityCertificate("11010519491231002X0A").errors)).toEqual(["CATEGORY", "GRADE"]);
    expect(codes(checkDisabilityCertificate("11010519491231002XX1").errors)).toEqual(["CATEGORY"]);
  });

  it("rejects a bare 18-character ID (no category/grade) with LENGTH", () => {
    const r = checkDisabilityCertificate("11010519491231002X");
    expect(codes(r.errors)).toEqual(["LENGTH"]);
    expect(r.id).toBeNull();
  });

  it("never throws on odd inputs", () => {
    expect(codes(checkDisabilityCertificate(null).errors)).toEqual(["EMPTY"]);
    expect(codes(checkDisabilityCertificate(undefined).errors)).toEqual(["EMPTY"]);
    expect(codes(checkDisabilityCertificate("").errors)).toEqual(["EMPTY"]);
    expect(codes(checkDisabilityCertificate(12345).errors)).toEqual(["LENGTH"]);
    expect(codes(checkDisabilityCertificate(23010319571027093862).errors)).toEqual(["CHARSET"]);
    expect(codes(checkDisabilityCertificate({ no: "x" }).errors)).toEqual(["CHARSET"]);
  });
});

describe("disabledWeight (72号 第七条)", () => {
  it("精神 grade 2 (23010319571027093862) counts 2", () => {
    const w = disabledWeight({ certificateNo: "23010319571027093862" });
    expect(w.weight).toBe(2);
    expect(w.grade).toBe(2);
    expect(w.category).toBe(6);
    expect(w.errors).toEqual([]);
  });

  it("Example 13: 视力 grade 1 counts 2; 智力 grade 3 counts 1", () => {
    expect(disabledWeight({ certificateNo: "11010519491231002X11" }).weight).toBe(2);
    const w = disabledWeight({ certificateNo: "11010519491231002X53" });
    expect(w.weight).toBe(1);
    expect(w.grade).toBe(3);
    expect(w.category).toBe(5);
  });

  it("Example 13: an invalid number counts 1 with the certificate's errors", () => {
    const w = disabledWeight({ certificateNo: "11010519491231002081" });
    expect(w.weight).toBe(1);
    expect(codes(w.errors)).toEqual(["ID_INVALID", "CATEGORY"]);
  });

  it("an explicit grade that disagrees is GRADE_MISMATCH and the number's grade wins", () => {
    const w = disabledWeight({ certificateNo: "11010519491231002X11", grade: 3 });
    expect(w.weight).toBe(2);
    expect(w.grade).toBe(1);
    expect(codes(w.errors)).toEqual(["GRADE_MISMATCH"]);
    const down = disabledWeight({ certificateNo: "11010519491231002X53", grade: 1 });
    expect(down.weight).toBe(1);
    expect(down.grade).toBe(3);
    expect(codes(down.errors)).toEqual(["GRADE_MISMATCH"]);
    expect(disabledWeight({ certificateNo: "11010519491231002X53", grade: 3 }).errors).toEqual([]);
  });

  it("without a number, uses the explicit grade (any category)", () => {
    expect(disabledWeight({ grade: 1 }).weight).toBe(2);
    expect(disabledWeight({ grade: 2, category: 4 }).weight).toBe(2);
    expect(disabledWeight({ grade: 3, category: 4 }).weight).toBe(1);
    expect(disabledWeight({ grade: 4 }).weight).toBe(1);
    expect(disabledWeight({ grade: "二级" as unknown as number }).weight).toBe(2);
    expect(disabledWeight({ grade: "２" as unknown as number }).weight).toBe(2);
  });

  it("no grade at all → 1 with GRADE_MISSING; out-of-range grade → 1 with GRADE", () => {
    const none = disabledWeight({});
    expect(none.weight).toBe(1);
    expect(none.grade).toBeNull();
    expect(codes(none.errors)).toEqual(["GRADE_MISSING"]);
    expect(codes(disabledWeight({ certificateNo: "  ", grade: null }).errors)).toEqual(["GRADE_MISSING"]);
    expect(codes(disabledWeight({ grade: 5 }).errors)).toEqual(["GRADE"]);
    expect(codes(disabledWeight({ grade: 1.5 }).errors)).toEqual(["GRADE"]);
    expect(disabledWeight({ grade: 5 }).weight).toBe(1);
  });

  it("a malformed number is not ignored in favour of the grade column", () => {
    const w = disabledWeight({ certificateNo: "123", grade: 1 });
    expect(w.weight).toBe(1);
    expect(codes(w.errors)).toEqual(["LENGTH"]);
  });

  it("残疾军人证: grade 3 counts 2, grade 4 counts 1, grade 9 and missing grade count 1 with errors", () => {
    const g3 = disabledWeight({ kind: "veteran-certificate", certificateNo: "军残字第000123号", grade: 3 });
    expect(g3.weight).toBe(2);
    expect(g3.grade).toBe(3);
    expect(g3.errors).toEqual([]);
    const g4 = disabledWeight({ kind: "veteran-certificate", certificateNo: "军残字第000124号", grade: 4 });
    expect(g4.weight).toBe(1);
    expect(g4.errors).toEqual([]);
    expect(disabledWeight({ kind: "veteran-certificate", grade: 8 }).weight).toBe(1);
    expect(codes(disabledWeight({ kind: "veteran-certificate", grade: 9 }).errors)).toEqual(["GRADE"]);
    expect(codes(disabledWeight({ kind: "veteran-certificate" }).errors)).toEqual(["GRADE_MISSING"]);
  });

  it("legacy blind rule: 视力 grade 3 counts 2 only with blindCountsDouble, and says it is a legacy local rule", () => {
    const cert = "11010519491231002X13"; // 视力 grade 3
    expect(disabledWeight({ certificateNo: cert }).weight).toBe(1);
    expect(disabledWeight({ certificateNo: cert }, { blindCountsDouble: false }).weight).toBe(1);
    const legacy = disabledWeight({ certificateNo: cert }, { blindCountsDouble: true });
    expect(legacy.weight).toBe(2);
    expect(legacy.reason.en).toContain("legacy local rule");
    expect(legacy.reason.zh).toContain("地方旧规");
    expect(disabledWeight({ grade: 4, category: 1 }, { blindCountsDouble: true }).weight).toBe(2);
    // Other categories are unaffected by the flag.
    expect(disabledWeight({ certificateNo: "11010519491231002X23" }, { blindCountsDouble: true }).weight).toBe(1);
    // The flag does not apply to veterans.
    expect(disabledWeight({ kind: "veteran-certificate", grade: 5, category: 1 }, { blindCountsDouble: true }).weight).toBe(1);
  });

  it("never throws on odd arguments", () => {
    expect(disabledWeight(null as unknown as object).weight).toBe(1);
    expect(disabledWeight({ certificateNo: {} as unknown as string }).weight).toBe(1);
    expect(codes(disabledWeight({ grade: {} as unknown as number }).errors)).toEqual(["GRADE"]);
  });
});

describe("checkUscc (GB 32100-2015)", () => {
  it("§5.3 / Example 13: 91310110666007217T is valid (S = 966, r = 26 → T), inner check 7 passes", () => {
    expect(checkUscc("91310110666007217T")).toEqual({
      ok: true,
      normalized: "91310110666007217T",
      errors: [],
      warnings: [],
      expectedCheckChar: "T",
    });
  });

  it("Example 13: 91310110666007217A fails with expected T", () => {
    const r = checkUscc("91310110666007217A");
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([{ code: "CHECKSUM", message: { zh: "校验位应为 T", en: "check character should be T" } }]);
    expect(r.expectedCheckChar).toBe("T");
  });

  it("§5.3: 91310115591693856A is valid (S = 1199, r = 10 → A)", () => {
    const r = checkUscc("91310115591693856A");
    expect(r.ok).toBe(true);
    expect(r.warnings).toEqual([]);
    expect(usccCheckChar("91310115591693856")).toBe("A");
  });

  it("a failing GB 11714 inner check is a warning only", () => {
    // Position 17 changed 7 → 8 adds weight 28: S = 966 + 28 = 994, 994 mod 31 = 2, r = 29 → X. Inner check wants 7.
    const r = checkUscc("91310110666007218X");
    expect(r.ok).toBe(true);
    expect(r.errors).toEqual([]);
    expect(codes(r.warnings)).toEqual(["ORG_CODE_CHECK"]);
    expect(r.warnings[0].message.en).toContain("should be 7");
  });

  it("normalises case, whitespace and full-width characters", () => {
    expect(checkUscc(" 91310110666007217t ").normalized).toBe("91310110666007217T");
    expect(checkUscc("９１３１０１１０６６６００７２１７Ｔ").ok).toBe(true);
  });

  it("rejects the excluded letters I, O, S, V, Z, letters in the region code, and wrong lengths", () => {
    expect(codes(checkUscc("91310110666007217I").errors)).toEqual(["CHARSET"]);
    expect(codes(checkUscc("9131011066600721OT").errors)).toEqual(["CHARSET"]);
    expect(codes(checkUscc("913A0110666007217T").errors)).toEqual(["CHARSET"]);
    expect(codes(checkUscc("91310110666007217").errors)).toEqual(["LENGTH"]);
    expect(checkUscc("91310110666007217I").expectedCheckChar).toBeNull();
  });

  it("never throws on odd inputs", () => {
    expect(codes(checkUscc(null).errors)).toEqual(["EMPTY"]);
    expect(codes(checkUscc(undefined).errors)).toEqual(["EMPTY"]);
    expect(codes(checkUscc(913101106660072).errors)).toEqual(["LENGTH"]);
    expect(codes(checkUscc({}).errors)).toEqual(["CHARSET"]);
    expect(usccCheckChar(null as unknown as string)).toBeNull();
  });
});
