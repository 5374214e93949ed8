/**
 * 公民身份号码 — GB 11643-1999, check character by ISO 7064:1983 MOD 11-2 (rules file §5.2).
 *
 * Pure and total: every input (any string, null, a number from an Excel cell, an object) returns a structured result;
 * nothing here throws. The result carries the normalised 18-character form, the birth date and sex read from it, and
 * bilingual errors that the validation layer can show next to the offending cell.
 */
import type { Bilingual } from "../rules/types";

export type IdErrorCode = "EMPTY" | "LENGTH" | "CHARSET" | "BIRTH_DATE" | "FUTURE_BIRTH" | "CHECKSUM";

export interface IdError {
  code: IdErrorCode;
  message: Bilingual;
}

export interface ResidentIdCheck {
  /** True only when there are no errors. */
  ok: boolean;
  /**
   * The cleaned 18-character upper-case number whenever its shape is right (length and characters), even if the
   * checksum or birth date is wrong, so reports can show exactly what was checked. Null when the shape is wrong.
   * Always test `ok` before trusting it.
   */
  normalized: string | null;
  errors: IdError[];
  /** ISO YYYY-MM-DD, only when the embedded date is a real date in [1900-01-01, today]. */
  birthDate: string | null;
  /** From the sequence code's last digit (odd = male); null when the shape is wrong. */
  sex: "male" | "female" | null;
  /** The input was a 15-digit GB 11643-1989 number, converted to 18 characters. */
  upgradedFrom15: boolean;
  /** The check character the first 17 digits call for; null when they are not 17 digits. */
  expectedCheckChar: string | null;
}

/** W[i] = 2^(17−i) mod 11 for i = 0..16 (GB 11643-1999). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character indexed by S mod 11. */
const CHECK_CHARS = "10X98765432";
/** GB 11643 numbers exist only for people born in or after 1900 (the 15-digit form assumes 19xx). */
const EARLIEST_BIRTH = "1900-01-01";

/** The check character for 17 digits (half- or full-width), or null if the argument is not exactly 17 digits. */
export function residentIdCheckChar(first17: string): string | null {
  if (typeof first17 !== "string") return null;
  const digits = toHalfWidth(first17.trim());
  if (!/^\d{17}$/.test(digits)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(digits[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * Check a 公民身份号码 (also the HK/Macau/Taiwan residence permits with address prefixes 81/82/83, which use the same
 * algorithm). `today` (ISO) bounds the birth date; without it, or if it is not a real ISO date, today's date in China
 * is used.
 */
export function checkResidentId(input: unknown, today?: string): ResidentIdCheck {
  const result: ResidentIdCheck = {
    ok: false,
    normalized: null,
    errors: [],
    birthDate: null,
    sex: null,
    upgradedFrom15: false,
    expectedCheckChar: null,
  };
  const text = identifierText(input);
  if (!text.ok) {
    result.errors.push(text.error);
    return result;
  }
  // Lower-case x is common in typed data. Only x is folded: other letters are invalid anyway, and a full toUpperCase()
  // could change the length ("ß" → "SS") and so the positions the errors report.
  const raw = text.value.replace(/x/g, "X");

  const shaped = shapeCheck(raw);
  if (shaped.errors.length > 0) {
    result.errors.push(...shaped.errors);
    return result;
  }

  const first17 = shaped.first17;
  const expected = residentIdCheckChar(first17);
  result.expectedCheckChar = expected;
  result.upgradedFrom15 = shaped.upgraded;
  // A 15-digit number has no check character of its own: the computed one completes it, so it cannot fail the checksum.
  result.normalized = first17 + (shaped.upgraded ? expected : raw[17]);
  result.sex = Number(first17[16]) % 2 === 1 ? "male" : "female";

  const birth = birthDateCheck(first17.slice(6, 14), resolveToday(today));
  if (birth.error) result.errors.push(birth.error);
  else result.birthDate = birth.iso;

  if (!shaped.upgraded && expected !== null && raw[17] !== expected) {
    result.errors.push({
      code: "CHECKSUM",
      message: { zh: `校验位应为 ${expected}`, en: `check character should be ${expected}` },
    });
  }

  result.ok = result.errors.length === 0;
  return result;
}

/** Length and character checks; returns the 17 leading digits (with "19" inserted for a 15-digit number). */
function shapeCheck(raw: string): { first17: string; upgraded: boolean; errors: IdError[] } {
  if (raw.length === 15) {
    const bad = firstBadChar(raw, () => /\d/);
    if (bad) return { first17: "", upgraded: false, errors: [charsetError(bad, "15 位身份证号码只能是数字", "a 15-digit ID has digits only")] };
    // GB 11643-1989 numbers carry a 2-digit year; all were issued to people born in the 1900s.
    return { first17: `${raw.slice(0, 6)}19${raw.slice(6)}`, upgraded: true, errors: [] };
  }
  if (raw.length === 18) {
    const bad = firstBadChar(raw, (i) => (i === 17 ? /[\dX]/ : /\d/));
    if (bad) {
      return {
        first17: "",
        upgraded: false,
        errors: [charsetError(bad, "前 17 位须为数字，第 18 位为数字或 X", "the first 17 characters must be digits, the 18th a digit or X")],
      };
    }
    return { first17: raw.slice(0, 17), upgraded: false, errors: [] };
  }
  return {
    first17: "",
    upgraded: false,
    errors: [
      {
        code: "LENGTH",
        message: {
          zh: `身份证号码应为 18 位（或旧版 15 位），实际 ${raw.length} 位`,
          en: `an ID number has 18 characters (or 15 for the old format), got ${raw.length}`,
        },
      },
    ],
  };
}

/** YYYYMMDD → ISO, checking it is a real calendar date in [1900-01-01, today]. */
function birthDateCheck(yyyymmdd: string, today: string): { iso: string | null; error: IdError | null } {
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  if (!isRealIsoDate(iso) || iso < EARLIEST_BIRTH) {
    return {
      iso: null,
      error: {
        code: "BIRTH_DATE",
        message: {
          zh: `出生日期 ${yyyymmdd} 不是 1900-01-01 以后的有效日期`,
          en: `birth date ${yyyymmdd} is not a valid date on or after 1900-01-01`,
        },
      },
    };
  }
  // ISO strings with four-digit years compare correctly as plain strings.
  if (iso > today) {
    return {
      iso: null,
      error: {
        code: "FUTURE_BIRTH",
        message: { zh: `出生日期 ${iso} 晚于今天（${today}）`, en: `birth date ${iso} is after today (${today})` },
      },
    };
  }
  return { iso, error: null };
}

function charsetError(bad: { position: number; char: string }, zhRule: string, enRule: string): IdError {
  return {
    code: "CHARSET",
    message: {
      zh: `第 ${bad.position} 位字符“${bad.char}”无效：${zhRule}`,
      en: `character ${bad.position} "${bad.char}" is not allowed: ${enRule}`,
    },
  };
}

/** 1-based position and text of the first character that does not match the pattern for its index. */
function firstBadChar(text: string, patternAt: (index: number) => RegExp): { position: number; char: string } | null {
  for (let i = 0; i < text.length; i++) {
    if (!patternAt(i).test(text[i])) return { position: i + 1, char: text[i] };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------------
// Input normalisation shared by the identifier checkers (exported for disability-certificate.ts and uscc.ts).
// ---------------------------------------------------------------------------------------------------------------------

/** The outcome of turning an arbitrary cell value into identifier text. Errors use the shared EMPTY/CHARSET codes. */
export type IdentifierText = { ok: true; value: string } | { ok: false; error: { code: "EMPTY" | "CHARSET"; message: Bilingual } };

/**
 * Cell value → trimmed half-width text (case unchanged). Numbers are accepted only while they are exact: Excel stores
 * an 18-digit ID typed as a number as a rounded double (e.g. 1.10105194912310E+17), and silently accepting its digits
 * would validate a different person's number.
 */
export function identifierText(input: unknown): IdentifierText {
  if (input === null || input === undefined) return { ok: false, error: emptyError() };
  let text: string;
  if (typeof input === "string") text = input;
  else if (typeof input === "bigint") text = input.toString(); // exact, unlike a number; a minus sign fails later
  else if (typeof input === "number") {
    if (!Number.isSafeInteger(input) || input < 0) {
      return {
        ok: false,
        error: {
          code: "CHARSET",
          message: {
            zh: "数字格式的号码已失去精度，请将单元格设为文本后重新输入",
            en: "the number has lost precision as a numeric cell; format the cell as text and re-enter it",
          },
        },
      };
    }
    text = String(input);
  } else {
    return {
      ok: false,
      error: { code: "CHARSET", message: { zh: "号码应为文本", en: "the number must be text" } },
    };
  }
  // Zero-width characters arrive invisibly with text copied from web pages and PDFs; they are never part of a number.
  const cleaned = toHalfWidth(text.replace(/[\u200B-\u200D\u2060\uFEFF]/g, "")).trim();
  if (cleaned === "") return { ok: false, error: emptyError() };
  return { ok: true, value: cleaned };
}

/** Full-width ASCII forms (U+FF01–U+FF5E, e.g. "１２Ｘ") → ASCII; Chinese input methods produce them easily. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
}

function emptyError(): { code: "EMPTY"; message: Bilingual } {
  return { code: "EMPTY", message: { zh: "号码为空", en: "the number is empty" } };
}

// ---------------------------------------------------------------------------------------------------------------------
// Date helpers: plain integer arithmetic on ISO strings, so no time zone can shift a date by one day.
// (working-age.ts keeps its own copy: the two modules are deliberately independent.)
// ---------------------------------------------------------------------------------------------------------------------

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** True for "YYYY-MM-DD" naming a day that exists (rejects 1949-02-30, 2023-02-29, month 13, …). */
export function isRealIsoDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The caller's `today` if it is a real ISO date; otherwise the current date in China. China keeps UTC+8 all year
 * (no daylight saving), so a fixed offset is exact, and it avoids the host machine's time zone deciding the date.
 */
function resolveToday(today: string | undefined): string {
  if (typeof today === "string" && isRealIsoDate(today.trim())) return today.trim();
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}
