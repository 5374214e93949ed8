/**
 * What every rule module sees: the workbook model, the computed result, and a way to price a "what if" (the payable
 * amount had the case been different), which is how findings state the money at stake.
 */
import type { Decimal } from "../core/decimal";
import { calculateLevy } from "../core/levy/calculate";
import type { LevyCase, LevyResult } from "../core/levy/types";
import type { WorkbookModel } from "../workbook/model";
import type { SheetData } from "../workbook/types";
import type { AnalyseOptions, FormulaCheck } from "./analyse-contract";
import type { Finding, RuleInfo } from "./types";

export interface RuleContext {
  sheets: readonly SheetData[];
  model: WorkbookModel;
  /** Null when the workbook is unusable (then only data-level rules have something to say). */
  result: LevyResult | null;
  options: AnalyseOptions;
  formulas: FormulaCheck[];
  /** Payable (form column 12) had the case been patched; null when it cannot be computed. */
  payableWith(patch: Partial<LevyCase>): Decimal | null;
}

export interface RuleModule {
  /** Catalogue entries of every code this module can produce. */
  rules: readonly RuleInfo[];
  check(ctx: RuleContext): Finding[];
}

export function makeContext(sheets: readonly SheetData[], model: WorkbookModel, result: LevyResult | null, options: AnalyseOptions, formulas: FormulaCheck[]): RuleContext {
  return {
    sheets,
    model,
    result,
    options,
    formulas,
    payableWith(patch) {
      if (!model.levyCase || !result) return null;
      const c: LevyCase = { ...model.levyCase, ...patch };
      if (patch.headcount !== undefined) delete c.monthlyHeadcount;
      // Keep the policy of the original calculation even if the region fell back.
      c.filingYear = result.filingYear;
      c.filingDate = result.filingDate;
      try {
        return calculateLevy(c).payable;
      } catch {
        return null;
      }
    },
  };
}

/** Small helper so modules declare their catalogue next to the check. */
export function rule(code: string, severity: RuleInfo["severity"], title: RuleInfo["title"], description: RuleInfo["description"], source: string, fix?: RuleInfo["fix"]): RuleInfo {
  return fix ? { code, severity, title, description, source, fix } : { code, severity, title, description, source };
}
