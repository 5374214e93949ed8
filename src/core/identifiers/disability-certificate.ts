/**
 * 第二代《中华人民共和国残疾人证》 numbers and the "counts as 2" weighting (rules file §5.1 and §2.2).
 *
 * The 20-character number is the holder's 18-character 公民身份号码 + 1 category digit + 1 grade digit. The weight of a
 * certified disabled employee follows 财税〔2015〕72号 第七条: grade 1–2 of any category counts 2; 残疾军人证 grade 1–3
 * counts 2. Nothing here throws; every function returns bilingual, coded errors.
 */
import type { Bilingual } from "../rules/types";
import { checkResidentId, identifierText, toHalfWidth, type ResidentIdCheck } from "./resident-id";

export type CertErrorCode =
  | "EMPTY"
  | "LENGTH"
  | "CHARSET"
  | "ID_INVALID"
  | "CATEGORY"
  | "GRADE"
  | "GRADE_MISSING"
  | "GRADE_MISMATCH"
  | "CATEGORY_MISMATCH";

export interface CertError {
  code: CertErrorCode;
  message: Bilingual;
}

export interface DisabilityCategory {
  code: number;
  zh: string;
  en: string;
}

/**
 * Category digit (19th character) → name, per the Tieling 残联 page `[confirmed]`. One web page swaps 1 and 2; the
 * rules file marks it wrong.
 */
export const DISABILITY_CATEGORIES: readonly DisabilityCategory[] = [
  { code: 1, zh: "视力", en: "visual" },
  { code: 2, zh: "听力", en: "hearing" },
  { code: 3, zh: "言语", en: "speech" },
  { code: 4, zh: "肢体", en: "physical" },
  { code: 5, zh: "智力", en: "intellectual" },
  { code: 6, zh: "精神", en: "mental" },
  { code: 7, zh: "多重", en: "multiple" },
];

export type DisabilityGrade = 1 | 2 | 3 | 4;

export interface DisabilityCertificateCheck {
  ok: boolean;
  /** The cleaned 20-character number (upper-case X) whenever its length is right; check `ok` before trusting it. */
  normalized: string | null;
  /** The embedded ID's own check (birth date, sex, checksum); null when the length is wrong. */
  id: ResidentIdCheck | null;
  /** Set whenever the 19th character is a valid category, even if other parts fail, so reports can still name it. */
  category: DisabilityCategory | null;
  /** Set whenever the 20th character is a valid grade, even if other parts fail. */
  grade: DisabilityGrade | null;
  errors: CertError[];
}

/** Check a 20-character 第二代残疾人证 number. `today` bounds the embedded birth date (see checkResidentId). */
export function checkDisabilityCertificate(input: unknown, today?: string): DisabilityCertificateCheck {
  const result: DisabilityCertificateCheck = { ok: false, normalized: null, id: null, category: null, grade: null, errors: [] };
  const text = identifierText(input);
  if (!text.ok) {
    result.errors.push(text.error);
    return result;
  }
  const raw = text.value.replace(/x/g, "X");
  if (raw.length !== 20) {
    result.errors.push({
      code: "LENGTH",
      message: {
        zh: `第二代残疾人证号应为 20 位（18 位身份证号 + 类别 + 等级），实际 ${raw.length} 位`,
        en: `a second-generation disability certificate number has 20 characters (18-character ID + category + grade), got ${raw.length}`,
      },
    });
    return result;
  }
  result.normalized = raw;

  // Positions 1–18: the holder's ID. Only an 18-character ID is valid here (the 15-digit form predates the card).
  const id = checkResidentId(raw.slice(0, 18), today);
  result.id = id;
  if (!id.ok) {
    const zh = id.errors.map((e) => e.message.zh).join("；");
    const en = id.errors.map((e) => e.message.en).join("; ");
    result.errors.push({ code: "ID_INVALID", message: { zh: `前 18 位身份证号无效：${zh}`, en: `the ID part (first 18 characters) is invalid: ${en}` } });
  }

  result.category = categoryByCode(raw[18]);
  if (!result.category) {
    result.errors.push({
      code: "CATEGORY",
      message: {
        zh: `第 19 位残疾类别“${raw[18]}”无效，应为 1–7（视力、听力、言语、肢体、智力、精神、多重）`,
        en: `category (19th character) "${raw[18]}" is invalid; it must be 1–7 (visual, hearing, speech, physical, intellectual, mental, multiple)`,
      },
    });
  }

  result.grade = /^[1-4]$/.test(raw[19]) ? (Number(raw[19]) as DisabilityGrade) : null;
  if (result.grade === null) {
    result.errors.push({
      code: "GRADE",
      message: { zh: `第 20 位残疾等级“${raw[19]}”无效，应为 1–4`, en: `grade (20th character) "${raw[19]}" is invalid; it must be 1–4` },
    });
  }

  result.ok = result.errors.length === 0;
  return result;
}

function categoryByCode(char: string): DisabilityCategory | null {
  return DISABILITY_CATEGORIES.find((c) => String(c.code) === char) ?? null;
}

// ---------------------------------------------------------------------------------------------------------------------
// Weighting
// ---------------------------------------------------------------------------------------------------------------------

export type CertificateKind = "disability-certificate" | "veteran-certificate";

export interface DisabledWeightArgs {
  /** Default "disability-certificate". */
  kind?: CertificateKind;
  /** The 20-character 残疾人证 number; for a 残疾军人证, its own free-text number (not validated). */
  certificateNo?: string | null;
  /** The grade as recorded separately (1–4 for 残疾人证, 1–8 for 残疾军人证). Numeric text is accepted too. */
  grade?: number | null;
  /** The category code (1–7) as recorded separately; only matters for the legacy blind rule. */
  category?: number | null;
}

export interface DisabledWeightOptions {
  /** Legacy local rule (pre-2015, e.g. old Nanjing/Jilin texts): every 视力 holder counts 2. National default: false. */
  blindCountsDouble?: boolean;
}

export interface DisabledWeight {
  weight: 1 | 2;
  grade: number | null;
  category: number | null;
  reason: Bilingual;
  errors: CertError[];
}

const SOURCE_72 = { zh: "财税〔2015〕72号第七条", en: "Caishui [2015] No. 72, art. 7" };

/**
 * How many people one certified disabled employee counts as. Only the weight is decided here; whether the person
 * counts at all (working age, contract, pay, social insurance, certification) is checked elsewhere.
 *
 * Anything that leaves the grade unknown or untrustworthy gives weight 1 with errors: 1 is the weight every valid
 * certificate has, and the extra person of weight 2 must be proven, not assumed.
 */
export function disabledWeight(args: DisabledWeightArgs, options?: DisabledWeightOptions): DisabledWeight {
  const safeArgs: DisabledWeightArgs = args !== null && typeof args === "object" ? args : {};
  if (safeArgs.kind === "veteran-certificate") return veteranWeight(safeArgs);
  return disabilityCertificateWeight(safeArgs, options?.blindCountsDouble === true);
}

/** 残疾军人证: own numbering (free text), grades 1–8 qualify, 1–3 count 2 (rules file §5.1, [memory, medium]). */
function veteranWeight(args: DisabledWeightArgs): DisabledWeight {
  const grade = parseGrade(args.grade);
  if (grade === "missing") return one(null, null, [gradeMissingError("残疾军人证", "disabled veteran certificate")]);
  if (grade === "invalid" || grade > 8) {
    return one(null, null, [
      { code: "GRADE", message: { zh: `残疾军人证等级“${String(args.grade)}”无效，应为 1–8`, en: `veteran certificate grade "${String(args.grade)}" is invalid; it must be 1–8` } },
    ]);
  }
  if (grade <= 3) {
    return {
      weight: 2,
      grade,
      category: null,
      reason: { zh: `残疾军人证${grade}级（1–3级）：按 2 人计算（${SOURCE_72.zh}）`, en: `disabled veteran certificate grade ${grade} (grades 1–3): counts as 2 (${SOURCE_72.en})` },
      errors: [],
    };
  }
  return {
    weight: 1,
    grade,
    category: null,
    reason: { zh: `残疾军人证${grade}级（4–8级）：按 1 人计算`, en: `disabled veteran certificate grade ${grade} (grades 4–8): counts as 1` },
    errors: [],
  };
}

function disabilityCertificateWeight(args: DisabledWeightArgs, blindCountsDouble: boolean): DisabledWeight {
  const errors: CertError[] = [];
  const explicitGrade = parseGrade(args.grade);
  const explicitCategory = parseGrade(args.category); // same shape: a small positive integer or missing/invalid
  // Only a blank number falls back to the grade column; anything else typed there (even junk) is checked and reported.
  const numberText = identifierText(args.certificateNo);
  const hasNumber = numberText.ok || numberText.error.code !== "EMPTY";

  let grade: number | null = null;
  let category: number | null = null;

  if (hasNumber) {
    // The number is the certified fact, so it wins over separately typed columns; a disagreement is reported.
    const cert = checkDisabilityCertificate(args.certificateNo);
    grade = cert.grade;
    category = cert.category?.code ?? null;
    if (typeof explicitGrade === "number" && cert.grade !== null && explicitGrade !== cert.grade) {
      errors.push({
        code: "GRADE_MISMATCH",
        message: {
          zh: `填写的等级 ${explicitGrade} 与证号中的等级 ${cert.grade} 不一致，以证号为准`,
          en: `the grade entered (${explicitGrade}) differs from the certificate number's grade (${cert.grade}); the number's grade is used`,
        },
      });
    }
    if (typeof explicitCategory === "number" && cert.category !== null && explicitCategory !== cert.category.code) {
      errors.push({
        code: "CATEGORY_MISMATCH",
        message: {
          zh: `填写的类别 ${explicitCategory} 与证号中的类别 ${cert.category.code}（${cert.category.zh}）不一致，以证号为准`,
          en: `the category entered (${explicitCategory}) differs from the certificate number's category (${cert.category.code}, ${cert.category.en}); the number's category is used`,
        },
      });
    }
    if (!cert.ok) {
      // A number that fails its own check will not pass 残联 certification, so its grade is not trusted for weight 2.
      return one(grade, category, [...cert.errors, ...errors], {
        zh: "残疾人证号无效，等级无法确认：按 1 人计算",
        en: "the disability certificate number is invalid, so the grade cannot be confirmed: counts as 1",
      });
    }
  } else {
    if (explicitGrade === "missing") return one(null, null, [gradeMissingError("残疾人证", "disability certificate")]);
    if (explicitGrade === "invalid" || explicitGrade > 4) {
      return one(null, null, [
        { code: "GRADE", message: { zh: `残疾等级“${String(args.grade)}”无效，应为 1–4`, en: `disability grade "${String(args.grade)}" is invalid; it must be 1–4` } },
      ]);
    }
    grade = explicitGrade;
    if (typeof explicitCategory === "number" && explicitCategory <= 7) category = explicitCategory;
    else if (explicitCategory !== "missing") {
      // The category only matters for the legacy blind rule, so a bad one is reported but does not block the weight.
      errors.push({
        code: "CATEGORY",
        message: { zh: `残疾类别“${String(args.category)}”无效，应为 1–7`, en: `disability category "${String(args.category)}" is invalid; it must be 1–7` },
      });
    }
  }

  if (grade === null) return one(null, category, errors); // unreachable: both branches above leave a grade 1–4
  return { ...weighByGrade(grade, category, blindCountsDouble), errors };
}

/** The national rule, plus the legacy blind rule when a profile switches it on. `grade` is 1–4 here. */
function weighByGrade(grade: number, category: number | null, blindCountsDouble: boolean): Omit<DisabledWeight, "errors"> {
  const cat = category === null ? null : DISABILITY_CATEGORIES.find((c) => c.code === category) ?? null;
  const zhName = `残疾人证${cat ? `（${cat.zh}）` : ""}${grade}级`;
  const enName = `disability certificate${cat ? ` (${cat.en})` : ""} grade ${grade}`;
  if (grade <= 2) {
    return {
      weight: 2,
      grade,
      category,
      reason: { zh: `${zhName}（1–2级，任何类别）：按 2 人计算（${SOURCE_72.zh}）`, en: `${enName} (grades 1–2, any category): counts as 2 (${SOURCE_72.en})` },
    };
  }
  if (blindCountsDouble && category === 1) {
    return {
      weight: 2,
      grade,
      category,
      reason: {
        zh: `${zhName}：按 2 人计算，依据地方旧规“盲人按两人计算”（2015年前地方规定；全国规定仅1–2级按 2 人）`,
        en: `${enName}: counts as 2 under the legacy local rule "a blind person counts as two" (pre-2015 local rule; nationally only grades 1–2 count 2)`,
      },
    };
  }
  return {
    weight: 1,
    grade,
    category,
    reason: { zh: `${zhName}（3–4级）：按 1 人计算`, en: `${enName} (grades 3–4): counts as 1` },
  };
}

function one(grade: number | null, category: number | null, errors: CertError[], reason?: Bilingual): DisabledWeight {
  return {
    weight: 1,
    grade,
    category,
    reason: reason ?? { zh: "等级无法确认：按 1 人计算", en: "the grade cannot be determined: counts as 1" },
    errors,
  };
}

function gradeMissingError(zhKind: string, enKind: string): CertError {
  return {
    code: "GRADE_MISSING",
    message: { zh: `未提供${zhKind}号码或等级，无法确认等级`, en: `no ${enKind} number or grade was given, so the grade cannot be determined` },
  };
}

const CHINESE_NUMERALS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8 };

/**
 * A grade or category cell → a positive integer 1–9, "missing" (null, undefined, blank) or "invalid". Accepts numbers,
 * digit text ("2", "２", "2级") and Chinese numerals ("二级"), because roster columns are typed by hand.
 */
function parseGrade(value: unknown): number | "missing" | "invalid" {
  if (value === null || value === undefined) return "missing";
  if (typeof value === "number") return Number.isInteger(value) && value >= 1 && value <= 9 ? value : "invalid";
  if (typeof value !== "string") return "invalid";
  const text = toHalfWidth(value).trim();
  if (text === "") return "missing";
  const m = /^([1-9]|[一二三四五六七八])\s*级?$/.exec(text);
  if (!m) return "invalid";
  return CHINESE_NUMERALS[m[1]] ?? Number(m[1]);
}
