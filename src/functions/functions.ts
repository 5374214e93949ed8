/* LEVY.* custom functions: thin adapters. The JSDoc below is the source of functions.json
 * (custom-functions-metadata-plugin); zh-CN descriptions live in locale/zh-CN.json, merged at build time.
 * Keep `export function` (arrow functions are skipped by the metadata generator) and ASCII names. */
import { guarded } from "./errors";
import * as impl from "./impl";
import * as tables from "./table-functions";

/**
 * Annual average headcount (上年在职职工人数) from 12 monthly figures: 12×1 counts or 12×2 start/end pairs averaged.
 * @customfunction AVGHEADCOUNT
 * @param months 12 monthly counts (12×1) or start-of-month and end-of-month counts (12×2).
 * @returns The annual average headcount, Σ months ÷ 12.
 */
export function avgHeadcount(months: any[][]): number {
  return guarded(() => impl.avgHeadcount(months));
}

/**
 * Average annual wage (form column 8); with a social average wage, the wage base after the cap.
 * @customfunction AVGWAGE
 * @param wageTotal Wage total of the data year (工资总额); a binary fraction is snapped to the fen first.
 * @param headcount Annual average headcount.
 * @param [socialAverageWage] Local social average wage; when given, the cap (2× since 2018-04) is applied.
 * @param [settings] Two-column range of settings (地区, 申报年度, 单位类型, …).
 * @returns The average wage, or the capped wage base.
 */
export function avgWage(wageTotal: any, headcount: any, socialAverageWage?: any, settings?: any[][]): number {
  return guarded(() => impl.avgWage(wageTotal, headcount, socialAverageWage, settings));
}

/**
 * Required number of disabled employees: headcount × quota ratio (not rounded).
 * @customfunction REQUIRED
 * @param headcount Annual average headcount.
 * @param [settings] Two-column range of settings (地区, 申报年度, …).
 * @returns Headcount × the quota ratio in force.
 */
export function required(headcount: any, settings?: any[][]): number {
  return guarded(() => impl.required(headcount, settings));
}

/**
 * Shortfall: max(0, required − certified disabled count).
 * @customfunction SHORTFALL
 * @param headcount Annual average headcount.
 * @param disabled Certified disabled employees, weighted (grade 1–2 count 2).
 * @param [settings] Two-column range of settings.
 * @returns The shortfall in persons (not rounded).
 */
export function shortfall(headcount: any, disabled: any, settings?: any[][]): number {
  return guarded(() => impl.shortfall(headcount, disabled, settings));
}

/**
 * Gross levy (form column 9): shortfall × wage base × local collection rate, rounded to 0.01 yuan.
 * @customfunction GROSS
 * @param headcount Annual average headcount.
 * @param disabled Certified disabled employees, weighted.
 * @param wageTotal Wage total of the data year; a binary fraction is snapped to the fen first.
 * @param [settings] Two-column range of settings.
 * @returns 本期应纳费额 in yuan.
 */
export function gross(headcount: any, disabled: any, wageTotal: any, settings?: any[][]): number {
  return guarded(() => impl.gross(headcount, disabled, wageTotal, settings));
}

/**
 * Reduction (form column 10): the ≤30 enterprise exemption or the 50%/90% tier reduction.
 * @customfunction REDUCTION
 * @param headcount Annual average headcount.
 * @param disabled Certified disabled employees, weighted.
 * @param wageTotal Wage total of the data year; a binary fraction is snapped to the fen first.
 * @param [settings] Two-column range of settings.
 * @returns 本期减免费额 in yuan.
 */
export function reduction(headcount: any, disabled: any, wageTotal: any, settings?: any[][]): number {
  return guarded(() => impl.reduction(headcount, disabled, wageTotal, settings));
}

/**
 * Amount payable (form column 12): gross − reduction − already paid; negative means a refund.
 * @customfunction DUE
 * @param headcount Annual average headcount.
 * @param disabled Certified disabled employees, weighted.
 * @param wageTotal Wage total of the data year; a binary fraction is snapped to the fen first.
 * @param [settings] Two-column range of settings (已缴 sets the amount already paid).
 * @returns 本期应补（退）费额 in yuan.
 */
export function due(headcount: any, disabled: any, wageTotal: any, settings?: any[][]): number {
  return guarded(() => impl.due(headcount, disabled, wageTotal, settings));
}

/**
 * The reduction band that applies: quota met, 50% band, 90% band, or small-enterprise exemption.
 * @customfunction TIER
 * @param headcount Annual average headcount.
 * @param disabled Certified disabled employees, weighted.
 * @param [wageTotal] Wage total of the data year (needed only to tell an exempt enterprise apart).
 * @param [settings] Two-column range of settings.
 * @returns The band, in Chinese and English.
 */
export function tier(headcount: any, disabled: any, wageTotal?: any, settings?: any[][]): string {
  return guarded(() => impl.tier(headcount, disabled, wageTotal, settings));
}

/**
 * Additional certified disabled hires needed to reach the next band (or the one named).
 * @customfunction HIRESNEEDED
 * @param headcount Annual average headcount.
 * @param disabled Certified disabled employees, weighted.
 * @param wageTotal Wage total of the data year; a binary fraction is snapped to the fen first.
 * @param [target] "tier-50", "full" or "next" (default).
 * @param [weight] 1 or 2: how each hire counts (grade 1–2 count 2). Default 1.
 * @param [fromMonth] Month (1–12) of the data year from which the hires work. Default 1.
 * @param [settings] Two-column range of settings.
 * @returns The number of hires.
 */
export function hiresNeeded(headcount: any, disabled: any, wageTotal: any, target?: any, weight?: any, fromMonth?: any, settings?: any[][]): number {
  return guarded(() => impl.hires(headcount, disabled, wageTotal, target, weight, fromMonth, settings));
}

/**
 * Late fee: amount × daily rate (5‰ by default) × days after the deadline, capped at the amount.
 * @customfunction LATEFEE
 * @param amount Amount paid late.
 * @param deadline Payment deadline (a date).
 * @param paidOn Payment date (a date).
 * @param [settings] Two-column range of settings (滞纳金日费率 overrides the rate).
 * @returns 滞纳金 in yuan.
 */
export function lateFee(amount: any, deadline: any, paidOn: any, settings?: any[][]): number {
  return guarded(() => impl.lateFeeOf(amount, deadline, paidOn, settings));
}

/**
 * Quarterly instalment: ¼ of the annual amount; the fourth quarter absorbs the rounding.
 * @customfunction INSTALLMENT
 * @param annual Annual amount payable.
 * @param quarter Quarter, 1 to 4.
 * @returns The instalment in yuan.
 */
export function installment(annual: any, quarter: any): number {
  return guarded(() => impl.installmentOf(annual, quarter));
}

/**
 * How many persons one certified disabled employee counts for: 2 for grade 1–2 (veterans 1–3), else 1.
 * @customfunction DISABLEDWEIGHT
 * @param certificateNo 20-character disability certificate number (or "残疾军人证 3级").
 * @param [settings] Two-column range of settings.
 * @returns 1 or 2.
 */
export function disabledWeight(certificateNo: any, settings?: any[][]): number {
  return guarded(() => impl.disabledWeightOf(certificateNo, settings));
}

/**
 * Checks a resident ID number (GB 11643 check character and birth date).
 * @customfunction CHECKID
 * @param id 18-character (or legacy 15-digit) ID number, stored as text.
 * @returns TRUE if valid.
 */
export function checkId(id: any): boolean {
  return guarded(() => impl.checkId(id));
}

/**
 * The value of a rule parameter in force (quotaRatio, capMultiple, localCollectionRate, …).
 * @customfunction RULE
 * @param name Parameter name in English or Chinese (安置比例, 封顶倍数, 征收比例, …).
 * @param [settings] Two-column range of settings (地区, 申报年度, overrides).
 * @returns The value in force.
 */
export function rule(name: any, settings?: any[][]): any {
  return guarded(() => impl.rule(name, settings));
}

/**
 * The calculation trail as a table: step, form column, formula, value, source.
 * @customfunction EXPLAIN
 * @param headcount Annual average headcount.
 * @param disabled Certified disabled employees, weighted.
 * @param wageTotal Wage total of the data year; a binary fraction is snapped to the fen first.
 * @param [settings] Two-column range of settings.
 * @returns A table that spills.
 */
export function explain(headcount: any, disabled: any, wageTotal: any, settings?: any[][]): string[][] {
  return guarded(() => impl.explain(headcount, disabled, wageTotal, settings));
}

/* ---- Table-level functions (src/functions/table-functions.ts): whole ranges with their header rows, the same
 * analysis as `levy audit` and the task pane. Money arriving as a double is snapped to the fen (core/fen.ts). ---- */

/**
 * Annual average headcount (form column 5) from the roster range, header row included: the same workbook model as levy audit (employment types, contracts, dates).
 * @customfunction HEADCOUNT
 * @requiresParameterAddresses
 * @param roster Roster range with its header row (a table such as RosterTable[#All]).
 * @param [settings] Settings range (name/value pairs; may carry 列:/表: mapping rows).
 * @param invocation Supplied by Excel: the ranges' addresses, so findings point at the user's cells.
 * @returns 上年在职职工人数.
 */
export function headcount(roster: any[][], settings?: any[][], invocation?: CustomFunctions.Invocation): number {
  return guarded(() => tables.headcountOf(roster, settings, invocation?.parameterAddresses));
}

/**
 * Wage total (form column 4) from the payroll range: wage components of counted staff in the data year, summed exactly in fen.
 * @customfunction WAGETOTAL
 * @requiresParameterAddresses
 * @param payroll Payroll range with its header row.
 * @param [roster] Roster range with its header row (who counts; without it all pay counts and is reported).
 * @param [settings] Settings range.
 * @param invocation Supplied by Excel: the ranges' addresses.
 * @returns 上年在职职工工资总额, to the fen.
 */
export function wageTotal(payroll: any[][], roster?: any[][], settings?: any[][], invocation?: CustomFunctions.Invocation): number {
  return guarded(() => tables.wageTotalOf(payroll, roster, settings, invocation?.parameterAddresses));
}

/**
 * Certified disabled employees, weighted (form column 7): certificate, 残联 certification, contract of a year, working age, minimum wage, social insurance.
 * @customfunction DISABLED
 * @requiresParameterAddresses
 * @param register Disabled register range with its header row, or a roster carrying the disability columns.
 * @param [roster] Roster range with its header row.
 * @param [payroll] Payroll range (monthly wage against the minimum wage).
 * @param [settings] Settings range.
 * @param invocation Supplied by Excel: the ranges' addresses.
 * @returns 上年实际安排残疾人就业人数.
 */
export function disabled(register: any[][], roster?: any[][], payroll?: any[][], settings?: any[][], invocation?: CustomFunctions.Invocation): number {
  return guarded(() => tables.disabledOf(register, roster, payroll, settings, invocation?.parameterAddresses));
}

/**
 * The declaration form, columns 4–12, computed exactly as levy audit computes it; spills 9 rows: column number, label, value.
 * @customfunction FORM
 * @requiresParameterAddresses
 * @param roster Roster range with its header row.
 * @param [payroll] Payroll range with its header row.
 * @param [register] Disabled register range with its header row.
 * @param [settings] Settings range.
 * @param invocation Supplied by Excel: the ranges' addresses.
 * @returns A 9×3 table that spills.
 */
export function form(roster: any[][], payroll?: any[][], register?: any[][], settings?: any[][], invocation?: CustomFunctions.Invocation): any[][] {
  return guarded(() => tables.formOf(roster, payroll, register, settings, invocation?.parameterAddresses));
}

/**
 * Every finding of levy audit on these ranges; spills a header and one row each: code, severity, message, cells.
 * @customfunction FINDINGS
 * @requiresParameterAddresses
 * @param roster Roster range with its header row.
 * @param [payroll] Payroll range with its header row.
 * @param [register] Disabled register range with its header row.
 * @param [settings] Settings range.
 * @param invocation Supplied by Excel: the ranges' addresses.
 * @returns A table that spills.
 */
export function findings(roster: any[][], payroll?: any[][], register?: any[][], settings?: any[][], invocation?: CustomFunctions.Invocation): string[][] {
  return guarded(() => tables.findingsOf(roster, payroll, register, settings, invocation?.parameterAddresses));
}

/**
 * The check line: rows read = counted + excluded + rejected, and the number of findings by severity.
 * @customfunction CHECK
 * @requiresParameterAddresses
 * @param roster Roster range with its header row.
 * @param [payroll] Payroll range with its header row.
 * @param [register] Disabled register range with its header row.
 * @param [settings] Settings range.
 * @param invocation Supplied by Excel: the ranges' addresses.
 * @returns One line of text.
 */
export function check(roster: any[][], payroll?: any[][], register?: any[][], settings?: any[][], invocation?: CustomFunctions.Invocation): string {
  return guarded(() => tables.checkOf(roster, payroll, register, settings, invocation?.parameterAddresses));
}
