/**
 * Converting what Excel hands a custom function into core values.
 * Excel facts honoured here (issue 2 §3): omitted optional arguments arrive as null (or undefined); empty cells arrive
 * as null or 0 depending on the build; dates arrive as serial numbers; error cells never reach us (Excel short-circuits).
 */
import { parseDateLoose } from "../core/dates";
import { moneyTextOfNumber } from "../core/fen";
import { LevyInputError } from "../core/levy/types";
import { shown } from "../core/shown";

/** Longest number text accepted (the core keeps 40 significant digits) and the largest decimal exponent. */
const MAX_NUMBER_TEXT = 50;
const MAX_EXPONENT = 30;
/** A settings range may be whole columns (A:B, a million rows, mostly blank); this many filled rows at most. */
export const MAX_SETTINGS_ROWS = 10_000;

export type Cell = string | number | boolean | null | undefined;
export type Matrix = Cell[][];

export function isMissing(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** A required number: a numeric cell, or text such as "1,234.50", "１２３", "60人", "4980000元". Returns a decimal string. */
export function decimalArg(value: unknown, field: string, label: { zh: string; en: string }): string {
  if (isMissing(value)) {
    throw new LevyInputError(field, { zh: `缺少“${label.zh}”（${field}）。`, en: `${label.en} (${field}) is missing.` });
  }
  const outOfRange = () => new LevyInputError(field, { zh: `“${label.zh}”超出合理范围：“${shown(value)}”。`, en: `${label.en} is out of range: "${shown(value)}".` }, "number");
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new LevyInputError(field, { zh: `“${label.zh}”不是有限数字。`, en: `${label.en} is not a finite number.` }, "number");
    if (value !== 0 && (Math.abs(value) >= 10 ** MAX_EXPONENT || Math.abs(value) < 10 ** -MAX_EXPONENT)) throw outOfRange();
    return String(value);
  }
  if (typeof value === "string") {
    const t = value.normalize("NFKC").trim().replace(/,/g, "").replace(/(元|人|名)$/, "").trim();
    if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
      const exponent = /[eE]([+-]?\d+)$/.exec(t);
      if (t.length > MAX_NUMBER_TEXT || (exponent && Math.abs(Number(exponent[1])) > MAX_EXPONENT)) throw outOfRange();
      return t;
    }
  }
  throw new LevyInputError(field, { zh: `“${label.zh}”不是数字：“${shown(value)}”。`, en: `${label.en} is not a number: "${shown(value)}".` });
}

/**
 * A required amount of money: as decimalArg, but a double is snapped to the fen first (core/fen.ts) — a wage total or
 * a payment never holds a fraction of a fen, and a sum Excel computed in binary (231931.24999999997) means 231931.25.
 */
export function moneyArg(value: unknown, field: string, label: { zh: string; en: string }): string {
  if (typeof value === "number" && Number.isFinite(value)) return moneyTextOfNumber(value);
  return decimalArg(value, field, label);
}

export function optionalMoneyArg(value: unknown, field: string, label: { zh: string; en: string }): string | undefined {
  return isMissing(value) ? undefined : moneyArg(value, field, label);
}

export function optionalDecimalArg(value: unknown, field: string, label: { zh: string; en: string }): string | undefined {
  return isMissing(value) ? undefined : decimalArg(value, field, label);
}

/** A date: an Excel serial number or date text. */
export function dateArg(value: unknown, field: string, label: { zh: string; en: string }): string {
  if (isMissing(value)) throw new LevyInputError(field, { zh: `缺少“${label.zh}”。`, en: `${label.en} is missing.` });
  const iso = parseDateLoose(value);
  if (!iso) throw new LevyInputError(field, { zh: `“${label.zh}”不是有效日期：“${shown(value)}”。`, en: `${label.en} is not a valid date: "${shown(value)}".` });
  return iso;
}

/** An integer in [min, max]. */
export function integerArg(value: unknown, field: string, min: number, max: number, fallback: number | undefined, label: { zh: string; en: string }): number {
  if (isMissing(value)) {
    if (fallback !== undefined) return fallback;
    throw new LevyInputError(field, { zh: `缺少“${label.zh}”。`, en: `${label.en} is missing.` });
  }
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value.normalize("NFKC").trim()) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new LevyInputError(field, { zh: `“${label.zh}”应为 ${min} 到 ${max} 的整数。`, en: `${label.en} must be a whole number from ${min} to ${max}.` }, "number");
  }
  return n;
}

function isCell(v: unknown): boolean {
  return v === null || v === undefined || typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));
}

/**
 * A range, or nothing. A single cell (not a 2-D array) is refused with a clear message, and so is a range holding
 * anything but plain cell values (Excel hands strings, finite numbers, booleans and blanks; anything else — an
 * object, NaN — is not a cell and is named by position, never stringified). Blank rows are skipped cheaply, so
 * whole columns are fine; more than MAX_SETTINGS_ROWS filled rows are refused.
 */
export function matrixArg(value: unknown, field: string): Matrix | undefined {
  if (isMissing(value)) return undefined;
  if (!Array.isArray(value) || !value.every((row) => Array.isArray(row))) {
    throw new LevyInputError(field, { zh: `“${field}”应为两列（名称、值）的区域。`, en: `${field} must be a two-column range of names and values.` });
  }
  let filled = 0;
  for (let r = 0; r < value.length; r++) {
    const row = value[r] as unknown[];
    let any = false;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (!isCell(v)) {
        throw new LevyInputError(field, { zh: `“${field}”第${r + 1}行第${c + 1}列不是单元格值。`, en: `${field}: row ${r + 1}, column ${c + 1} is not a cell value.` });
      }
      if (!isMissing(v)) any = true;
    }
    if (any && ++filled > MAX_SETTINGS_ROWS) {
      throw new LevyInputError(field, {
        zh: `“${field}”区域填写了超过 ${MAX_SETTINGS_ROWS.toLocaleString("en-US")} 行：请只引用参数区。`,
        en: `${field} has more than ${MAX_SETTINGS_ROWS.toLocaleString("en-US")} filled rows: point it at the parameter block only.`,
      });
    }
  }
  return value as Matrix;
}
