/**
 * LEVY.* formulas saved in a workbook: Excel stores a custom function call as `_xldudf_LEVY_DUE(...)`, the add-in's
 * own namespace as `LEVY.DUE(...)`, and an XLL-style call as `_xll.LEVY.DUE(...)`, each with the value it last
 * calculated. A formula whose arguments are cell references, ranges, numbers, text or booleans is recomputed here
 * with the very implementation behind the custom functions (src/functions/impl.ts) and compared with that cached
 * value: a difference of more than 0.005 means the workbook shows a stale figure (FORMULA_STALE). Nested
 * expressions, names and whole-column references are not evaluated (reported as unsupported), and a formula with no
 * cached value is reported as such.
 */
import { isoToExcelSerial, parseDateLoose } from "../core/dates";
import { LevyInputError } from "../core/levy/types";
import type { Bilingual } from "../core/rules/types";
import * as impl from "../functions/impl";
import { cellAddress, columnIndex, originOf } from "../workbook/address";
import { errorValueOf } from "../workbook/text";
import type { CellValue, SheetData } from "../workbook/types";
import type { FormulaCheck } from "./analyse-contract";

type Impl = (...args: unknown[]) => unknown;

/** LEVY function name → implementation. A Map, so "CONSTRUCTOR" or "__PROTO__" is simply unknown. */
const FUNCTIONS = new Map<string, Impl>([
  ["AVGHEADCOUNT", impl.avgHeadcount as Impl],
  ["AVGWAGE", impl.avgWage as Impl],
  ["REQUIRED", impl.required as Impl],
  ["SHORTFALL", impl.shortfall as Impl],
  ["GROSS", impl.gross as Impl],
  ["REDUCTION", impl.reduction as Impl],
  ["DUE", impl.due as Impl],
  ["TIER", impl.tier as Impl],
  ["HIRESNEEDED", impl.hires as Impl],
  ["LATEFEE", impl.lateFeeOf as Impl],
  ["INSTALLMENT", impl.installmentOf as Impl],
  ["DISABLEDWEIGHT", impl.disabledWeightOf as Impl],
  ["CHECKID", impl.checkId as Impl],
  ["RULE", impl.rule as Impl],
]);

const CALL = /^\s*=?\s*(?:_xldudf_LEVY_|_xll\.LEVY\.|LEVY\.|LEVY_)([A-Z0-9]+)\s*\(([\s\S]*)\)\s*$/i;
const REF = /^(?:(?:'((?:[^']|'')+)'|([^'!:,()"]+))!)?\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/i;
/** Ranges larger than this are not materialised (a LEVY argument is a settings block or 12 months, never this big). */
const MAX_RANGE_CELLS = 100_000;

export function isLevyFormula(formula: string): boolean {
  return CALL.test(formula);
}

/** Split the argument list at top-level commas; null when an argument contains a nested call or brackets. */
function splitArgs(text: string): string[] | null {
  const args: string[] = [];
  let cur = "";
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      cur += ch;
      if (ch === quote) {
        if (text[i + 1] === quote) {
          cur += text[++i];
        } else quote = null;
      }
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      cur += ch;
    } else if (ch === ",") {
      args.push(cur.trim());
      cur = "";
    } else if (ch === "(" || ch === ")" || ch === "{" || ch === "}") return null;
    else cur += ch;
  }
  if (quote) return null;
  args.push(cur.trim());
  return args.length === 1 && args[0] === "" ? [] : args;
}

class Unsupported extends Error {}

function sheetByName(sheets: readonly SheetData[], name: string): SheetData | undefined {
  const k = name.trim().toLowerCase();
  return sheets.find((s) => String(s.name).trim().toLowerCase() === k);
}

/** A cell as a custom function receives it: dates as serials, blanks as null, errors raise. */
function argValue(v: CellValue | undefined): unknown {
  if (v === undefined || v === null) return null;
  if (v instanceof Date) {
    const iso = parseDateLoose(v);
    return iso ? isoToExcelSerial(iso) : null;
  }
  const err = errorValueOf(v);
  if (err) throw new ExcelErrorArg(err);
  return v;
}

class ExcelErrorArg extends Error {
  constructor(readonly excelError: string) {
    super(excelError);
  }
}

function resolveArg(arg: string, home: SheetData, sheets: readonly SheetData[]): unknown {
  if (arg === "") return undefined;
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(arg)) return Number(arg);
  if (/^".*"$/s.test(arg)) return arg.slice(1, -1).replace(/""/g, '"');
  if (/^(true|false)$/i.test(arg)) return arg.toLowerCase() === "true";
  const m = REF.exec(arg);
  if (!m) throw new Unsupported(arg);
  const sheetName = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  const sheet = sheetName !== undefined ? sheetByName(sheets, sheetName) : home;
  if (!sheet) throw new Unsupported(arg);
  const o = originOf(sheet);
  const c1 = columnIndex(m[3]);
  const r1 = Number(m[4]);
  const at = (row: number, col: number) => sheet.values[row - o.row]?.[col - o.col];
  if (m[5] === undefined) return argValue(at(r1, c1));
  const c2 = columnIndex(m[5]);
  const r2 = Number(m[6]);
  const [rLo, rHi] = r1 <= r2 ? [r1, r2] : [r2, r1];
  const [cLo, cHi] = c1 <= c2 ? [c1, c2] : [c2, c1];
  if ((rHi - rLo + 1) * (cHi - cLo + 1) > MAX_RANGE_CELLS) throw new Unsupported(arg);
  const out: unknown[][] = [];
  for (let r = rLo; r <= rHi; r++) {
    const row: unknown[] = [];
    for (let c = cLo; c <= cHi; c++) row.push(argValue(at(r, c)));
    out.push(row);
  }
  return out;
}

export interface LevyEvaluation {
  function: string;
  status: "value" | "error" | "unsupported";
  value?: number | string | boolean;
  error?: Bilingual;
}

/** Evaluate one LEVY formula as written on `sheetName`. Never throws. */
export function evaluateLevyFormula(formula: string, sheetName: string, sheets: readonly SheetData[]): LevyEvaluation {
  const m = CALL.exec(formula);
  if (!m) return { function: "", status: "unsupported" };
  const name = m[1].toUpperCase();
  const fn = FUNCTIONS.get(name);
  const args = splitArgs(m[2]);
  const home = sheetByName(sheets, sheetName);
  if (!fn || args === null || !home) return { function: name, status: "unsupported" };
  let values: unknown[];
  try {
    values = args.map((a) => resolveArg(a, home, sheets));
  } catch (e) {
    if (e instanceof ExcelErrorArg) return { function: name, status: "error", error: { zh: `参数引用了错误值 ${e.excelError}`, en: `an argument refers to the error value ${e.excelError}` } };
    return { function: name, status: "unsupported" };
  }
  try {
    const v = fn(...values);
    if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return { function: name, status: "value", value: v };
    return { function: name, status: "unsupported" };
  } catch (e) {
    if (e instanceof LevyInputError) return { function: name, status: "error", error: { zh: e.zh, en: e.en } };
    return { function: name, status: "error", error: { zh: "计算出错", en: "the calculation failed" } };
  }
}

const TOLERANCE = 0.005;

/** Find every LEVY formula in the sheets, recompute it and compare with its cached value. */
export function checkLevyFormulas(sheets: readonly SheetData[]): FormulaCheck[] {
  const out: FormulaCheck[] = [];
  for (const sheet of sheets) {
    const formulas = sheet.formulas;
    if (!Array.isArray(formulas)) continue;
    const o = originOf(sheet);
    for (let r = 0; r < formulas.length; r++) {
      const row = formulas[r];
      if (!Array.isArray(row)) continue;
      for (let c = 0; c < row.length; c++) {
        const f = row[c];
        if (typeof f !== "string" || f.length < 8 || !/levy/i.test(f) || !CALL.test(f)) continue;
        const cached = sheet.values[r]?.[c] ?? null;
        const check: FormulaCheck = { sheet: sheet.name, address: cellAddress(o, r, c), formula: f, function: (CALL.exec(f)?.[1] ?? "").toUpperCase(), status: "ok", cached: cached instanceof Date ? cached.toISOString() : cached };
        const ev = evaluateLevyFormula(f, sheet.name, sheets);
        if (ev.status === "unsupported") check.status = "unsupported";
        else if (cached === null || (typeof cached === "string" && cached.trim() === "")) {
          check.status = "no-cached-value";
          check.recomputed = ev.status === "value" ? ev.value : null;
          if (ev.error) check.error = ev.error;
        } else {
          const cachedError = errorValueOf(cached) !== null;
          if (ev.status === "error") {
            check.recomputed = null;
            check.error = ev.error;
            if (!cachedError) check.status = "stale";
          } else {
            check.recomputed = ev.value;
            const v = ev.value!;
            if (cachedError) check.status = "stale";
            else if (typeof v === "number") check.status = typeof cached === "number" && Math.abs(cached - v) <= TOLERANCE ? "ok" : "stale";
            else check.status = String(cached).trim() === String(v).trim() ? "ok" : "stale";
          }
        }
        out.push(check);
      }
    }
  }
  return out;
}
