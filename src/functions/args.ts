/**
 * Converting what Excel hands a custom function into core values.
 * Excel facts honoured here (issue 2 §3): omitted optional arguments arrive as null (or undefined); empty cells arrive
 * as null or 0 depending on the build; dates arrive as serial numbers; error cells never reach us (Excel short-circuits).
 */
import { parseDateLoose } from "../core/dates";
import { moneyTextOfNumber } from "../core/fen";
import { LevyInputError } from "../core/levy/types";

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
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new LevyInputError(field, { zh: `“${label.zh}”不是有限数字。`, en: `${label.en} is not a finite number.` }, "number");
    return String(value);
  }
  if (typeof value === "string") {
    const t = value.normalize("NFKC").trim().replace(/,/g, "").replace(/(元|人|名)$/, "").trim();
    if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return t;
  }
  throw new LevyInputError(field, { zh: `“${label.zh}”不是数字：“${String(value)}”。`, en: `${label.en} is not a number: "${String(value)}".` });
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
  if (!iso) throw new LevyInputError(field, { zh: `“${label.zh}”不是有效日期：“${String(value)}”。`, en: `${label.en} is not a valid date: "${String(value)}".` });
  return iso;
}

/** An integer in [min, max]. */
export function integerArg(value: unknown, field: string, min: number, max: number, fallback: number | undefined, label: { zh: string; en: string }): number {
  if (isMissing(value)) {
    if (fallback !== undefined) return fallback;
    throw new LevyInputError(field, { zh: `缺少“${label.zh}”。`, en: `${label.en} is missing.` });
  }
  const n = typeof value === "number" ? value : Number(String(value).normalize("NFKC").trim());
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new LevyInputError(field, { zh: `“${label.zh}”应为 ${min} 到 ${max} 的整数。`, en: `${label.en} must be a whole number from ${min} to ${max}.` }, "number");
  }
  return n;
}

/** A settings range, or nothing. A single cell (not a 2-D array) is refused with a clear message. */
export function matrixArg(value: unknown, field: string): Matrix | undefined {
  if (isMissing(value)) return undefined;
  if (Array.isArray(value) && value.every((row) => Array.isArray(row))) return value as Matrix;
  throw new LevyInputError(field, { zh: `“${field}”应为两列（名称、值）的区域。`, en: `${field} must be a two-column range of names and values.` });
}
