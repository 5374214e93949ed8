/**
 * 统一社会信用代码 — GB 32100-2015 (rules file §5.3).
 *
 * 18 characters: 登记管理部门代码 + 机构类别代码 + 6-digit 行政区划码 + 9-character 主体标识码 (the GB 11714 组织机构代码,
 * with its own check character) + 1 check character over the first 17. The outer check decides `ok`; the inner
 * GB 11714 check is only a warning, because some legitimately issued codes (e.g. 个体工商户) do not satisfy it.
 * Nothing here throws.
 */
import type { Bilingual } from "../rules/types";
import { identifierText } from "./resident-id";

export type UsccErrorCode = "EMPTY" | "LENGTH" | "CHARSET" | "CHECKSUM" | "ORG_CODE_CHECK";

export interface UsccError {
  code: UsccErrorCode;
  message: Bilingual;
}

export interface UsccCheck {
  ok: boolean;
  /** Trimmed, half-width, upper-case 18 characters whenever length and characters are right; check `ok` first. */
  normalized: string | null;
  errors: UsccError[];
  /** Non-blocking findings (the GB 11714 inner check). */
  warnings: UsccError[];
  /** The check character the first 17 characters call for; null when they are not 17 valid characters. */
  expectedCheckChar: string | null;
}

/** The 31 code characters (I, O, S, V, Z are never used); a character's index is its value. */
const CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/** W_i = 3^(i−1) mod 31, i = 1..17. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/** GB 11714 weights for the 8-character body of the 组织机构代码 (positions 9–16 of the USCC). */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

export function checkUscc(input: unknown): UsccCheck {
  const result: UsccCheck = { ok: false, normalized: null, errors: [], warnings: [], expectedCheckChar: null };
  const text = identifierText(input);
  if (!text.ok) {
    result.errors.push(text.error);
    return result;
  }
  // Codes contain letters, and people type them in lower case; case never distinguishes two codes.
  const raw = text.value.toUpperCase();
  if (raw.length !== 18) {
    result.errors.push({
      code: "LENGTH",
      message: { zh: `统一社会信用代码应为 18 位，实际 ${raw.length} 位`, en: `a unified social credit code has 18 characters, got ${raw.length}` },
    });
    return result;
  }
  const bad = firstBadPosition(raw);
  if (bad !== null) {
    result.errors.push({
      code: "CHARSET",
      message: {
        zh: `第 ${bad + 1} 位字符“${raw[bad]}”无效：只能使用数字和除 I、O、S、V、Z 以外的大写字母，第 3–8 位须为数字`,
        en: `character ${bad + 1} "${raw[bad]}" is not allowed: only digits and capital letters other than I, O, S, V, Z, with digits in positions 3–8`,
      },
    });
    return result;
  }
  result.normalized = raw;

  const expected = usccCheckChar(raw.slice(0, 17));
  result.expectedCheckChar = expected;
  if (expected !== null && raw[17] !== expected) {
    result.errors.push({ code: "CHECKSUM", message: { zh: `校验位应为 ${expected}`, en: `check character should be ${expected}` } });
  }

  const orgExpected = orgCodeCheckChar(raw.slice(8, 16));
  if (orgExpected !== raw[16]) {
    result.warnings.push({
      code: "ORG_CODE_CHECK",
      message: {
        zh: `第 9–17 位组织机构代码（GB 11714）校验不符：第 17 位应为 ${orgExpected}。部分代码（如个体工商户）本就不满足此校验，请核对营业执照`,
        en: `the organisation code in positions 9–17 (GB 11714) does not check: character 17 should be ${orgExpected}. Some codes (e.g. individual businesses) legitimately fail this; compare with the business licence`,
      },
    });
  }

  result.ok = result.errors.length === 0;
  return result;
}

/** The GB 32100 check character for 17 code characters (upper-case), or null if they are not 17 valid characters. */
export function usccCheckChar(first17: string): string | null {
  if (typeof first17 !== "string" || first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * WEIGHTS[i];
  }
  const r = 31 - (sum % 31);
  return CHARSET[r === 31 ? 0 : r];
}

/** The hutool pattern: ^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$ — index of the first violation, or null. */
function firstBadPosition(code: string): number | null {
  for (let i = 0; i < code.length; i++) {
    const allowed = i >= 2 && i <= 7 ? /\d/.test(code[i]) : CHARSET.includes(code[i]);
    if (!allowed) return i;
  }
  return null;
}

/** GB 11714: 0–9 → 0–9 and A–Z → 10–35; c = 11 − (S mod 11), with 11 → '0' and 10 → 'X'. */
function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body8[i], 36) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 11 ? "0" : c === 10 ? "X" : String(c);
}
