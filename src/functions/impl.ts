/**
 * Plain implementations behind the LEVY.* custom functions: Excel arguments in, plain values out, core errors thrown.
 * `functions.ts` wraps each in `guarded` and carries the JSDoc that becomes functions.json.
 */
import { CONFIDENCE_LABELS, citationLine } from "../core/rules/sources";
import { Decimal, dec, moneyString, plainString } from "../core/decimal";
import type { DecimalLike } from "../core/decimal";
import { todayInChina } from "../core/dates";
import { checkResidentId, disabledWeight } from "../core/identifiers";
import { calculateLevy, filingDateOf } from "../core/levy/calculate";
import { annualAverageHeadcount } from "../core/levy/headcount";
import { hiresNeeded } from "../core/levy/hires";
import { installment } from "../core/levy/installments";
import { lateFee } from "../core/levy/late-fee";
import { LIMITS, checkPlausibility, checkResultPlausibility } from "../core/levy/plausibility";
import type { PlausibilityInput } from "../core/levy/plausibility";
import type { LevyCase, LevyResult, MonthHeadcount } from "../core/levy/types";
import { LevyInputError } from "../core/levy/types";
import { PARAMETER_INFO, parameterForName } from "../core/rules/parameters";
import { resolveRegion, resolveRules } from "../core/rules/resolve";
import type { ResolvedRules } from "../core/rules/types";
import { isInformationalSettingName, parseSettings } from "../core/settings";
import { shown } from "../core/shown";
import { dateArg, decimalArg, integerArg, isMissing, matrixArg, moneyArg, optionalDecimalArg, optionalMoneyArg } from "./args";
import type { Matrix } from "./args";

const L = {
  headcount: { zh: "在职职工人数", en: "headcount" },
  disabled: { zh: "残疾人数", en: "certified disabled count" },
  wageTotal: { zh: "工资总额", en: "wage total" },
  socialAverageWage: { zh: "社会平均工资", en: "social average wage" },
  amount: { zh: "金额", en: "amount" },
  deadline: { zh: "缴款期限", en: "deadline" },
  paidOn: { zh: "缴款日期", en: "payment date" },
  quarter: { zh: "季度", en: "quarter" },
  weight: { zh: "每人计数", en: "weight per hire" },
  fromMonth: { zh: "起始月份", en: "start month" },
};

function finite(n: number): number {
  if (!Number.isFinite(n)) throw new LevyInputError("result", { zh: "结果超出 Excel 能表示的数字范围，请检查输入。", en: "The result is beyond the numbers Excel can hold; check the inputs." }, "number");
  return n;
}

/** Money as the number Excel stores: the exact 2-decimal value (the displayed value is the computed value). */
export function moneyNumber(d: Decimal): number {
  return finite(Number(moneyString(d)));
}

/** A full-precision decimal as the nearest double (headcounts, ratios, average wages). */
export function decimalNumber(d: Decimal): number {
  return finite(Number(plainString(d)));
}

/**
 * Plausibility (issue 9 §3): the first error — a likely typo such as 安置比例 1.5 (150%) in the settings, or a
 * headcount of ten million — becomes #NUM! with the likely meaning. Warnings (lawful but unusual) do not stop a
 * function: a cell has no place to show them; the task pane and the audit do.
 */
function assertPlausible(input: PlausibilityInput): void {
  const error = checkPlausibility(input).find((i) => i.severity === "error");
  if (error) throw new LevyInputError(error.field, error.message, "number");
}

function plausible(result: LevyResult, c: LevyCase): LevyResult {
  const error = checkResultPlausibility(result, c.registrationDate).find((i) => i.severity === "error");
  if (error) throw new LevyInputError(error.field, error.message, "number");
  return result;
}

/** The rules in force for a case without computing a levy (LATEFEE, RULE, DISABLEDWEIGHT), checked for plausibility. */
function rulesFor(c: LevyCase): ResolvedRules {
  const { filingDate, dataYear } = filingDateOf(c);
  const { rules } = resolveRules(resolveRegion(c.region ?? "CN"), filingDate, c.overrides as Record<string, unknown>);
  let socialAverageWage: Decimal | null = null;
  if (c.socialAverageWage !== undefined && c.socialAverageWage !== null && c.socialAverageWage !== "") socialAverageWage = dec(c.socialAverageWage as DecimalLike);
  assertPlausible({ rules, socialAverageWage, filingDate, dataYear, registrationDate: c.registrationDate ?? null });
  return rules;
}

/**
 * Build a case from the settings range plus the function's explicit arguments (which win). A name the settings do
 * not know is a likely typo (征收比列 for 征收比例) and would otherwise be ignored silently: the first one is reported,
 * once, with how many more there are. Informational rows (单位名称, 统一社会信用代码, notes, the block's caption,
 * the reader's 列:/表: mapping rows) are accepted and ignored.
 */
export function caseFrom(settings: unknown, explicit: Partial<LevyCase>): LevyCase {
  const parsed = parseSettings(matrixArg(settings, "settings"));
  if (parsed.errors.length > 0) {
    const first = parsed.errors[0];
    throw new LevyInputError(`settings:${shown(first.name)}`, first.message);
  }
  const unknown = parsed.unknown.filter((u) => !isMissing(u.value) && !isInformationalSettingName(u.name));
  if (unknown.length > 0) {
    const first = unknown[0];
    const more = unknown.length - 1;
    throw new LevyInputError(`settings:${shown(first.name)}`, {
      zh: `参数区第${first.row + 1}行的名称“${shown(first.name)}”无法识别${more > 0 ? `（另有 ${more} 个无法识别的名称）` : ""}：请检查拼写，如 地区、申报年度、社会平均工资、征收比例。`,
      en: `settings row ${first.row + 1}: the name "${shown(first.name)}" is not known${more > 0 ? ` (and ${more} more unknown names)` : ""}: check the spelling (地区/region, 申报年度/filingYear, 社会平均工资, 征收比例, …).`,
    });
  }
  const merged: LevyCase = { ...parsed.case, wageTotal: parsed.case.wageTotal ?? "0", overrides: parsed.overrides as LevyCase["overrides"] };
  for (const [k, v] of Object.entries(explicit)) if (v !== undefined) (merged as unknown as Record<string, unknown>)[k] = v;
  // Without a filing year, the filing made now is meant: this year's declaration of last year's data.
  if (merged.filingYear === undefined && merged.filingDate === undefined) merged.filingYear = Number(todayInChina().slice(0, 4));
  return merged;
}

/** calculateLevy, then the plausibility checks on what it read. */
function levyOf(c: LevyCase): LevyResult {
  return plausible(calculateLevy(c), c);
}

function levyFor(headcount: unknown, disabled: unknown, wageTotal: unknown, settings: unknown): LevyResult {
  return levyOf(
    caseFrom(settings, {
      headcount: decimalArg(headcount, "headcount", L.headcount),
      certifiedDisabled: optionalDecimalArg(disabled, "disabled", L.disabled) ?? "0",
      wageTotal: moneyArg(wageTotal, "wageTotal", L.wageTotal),
    }),
  );
}

export function avgHeadcount(months: unknown): number {
  const m = matrixArg(months, "months");
  if (!m) throw new LevyInputError("months", { zh: "缺少12个月的人数区域。", en: "The 12-month headcount range is missing." });
  const rows = m.length;
  const cols = m[0]?.length ?? 0;
  let monthly: MonthHeadcount[];
  const cell = (v: unknown, i: number, part?: string) => {
    const where = `month ${i + 1}${part ? ` ${part}` : ""}`;
    if (isMissing(v)) throw new LevyInputError(`months[${i + 1}]`, { zh: `第${i + 1}月${part === "end" ? "月末" : part === "start" ? "月初" : ""}人数为空：没有职工请填0。`, en: `${where} is blank: enter 0 if there were no staff.` });
    return decimalArg(v, `months[${i + 1}]`, { zh: `第${i + 1}月人数`, en: `${where}` });
  };
  if (rows === 12 && cols === 1) monthly = m.map((r, i) => cell(r[0], i));
  else if (rows === 12 && cols === 2) monthly = m.map((r, i) => [cell(r[0], i, "start"), cell(r[1], i, "end")] as const);
  else if (rows === 1 && cols === 12) monthly = m[0].map((v, i) => cell(v, i));
  else if (rows === 2 && cols === 12) monthly = m[0].map((v, i) => [cell(v, i, "start"), cell(m[1][i], i, "end")] as const);
  else {
    throw new LevyInputError("months", {
      zh: `人数区域应为12行×1列（每月人数）或12行×2列（月初、月末），实际为 ${rows}×${cols}。`,
      en: `The range must be 12×1 (monthly counts) or 12×2 (start, end); got ${rows}×${cols}.`,
    });
  }
  const annual = annualAverageHeadcount(monthly).annual;
  assertPlausible({ headcount: annual });
  return decimalNumber(annual);
}

export function avgWage(wageTotal: unknown, headcount: unknown, socialAverageWage: unknown, settings: unknown): number {
  const c = caseFrom(settings, {
    headcount: decimalArg(headcount, "headcount", L.headcount),
    wageTotal: moneyArg(wageTotal, "wageTotal", L.wageTotal),
    socialAverageWage: optionalMoneyArg(socialAverageWage, "socialAverageWage", L.socialAverageWage),
  });
  const r = levyOf(c);
  // With a social average wage the base after the cap is returned; without one, column 8 as on the form.
  return decimalNumber(r.socialAverageWage === null ? r.averageWage : r.wageBase);
}

export function required(headcount: unknown, settings: unknown): number {
  return decimalNumber(levyOf(caseFrom(settings, { headcount: decimalArg(headcount, "headcount", L.headcount), certifiedDisabled: "0" })).required);
}

export function shortfall(headcount: unknown, disabled: unknown, settings: unknown): number {
  return decimalNumber(
    levyOf(caseFrom(settings, { headcount: decimalArg(headcount, "headcount", L.headcount), certifiedDisabled: optionalDecimalArg(disabled, "disabled", L.disabled) ?? "0" })).shortfall,
  );
}

export function gross(headcount: unknown, disabled: unknown, wageTotal: unknown, settings: unknown): number {
  return moneyNumber(levyFor(headcount, disabled, wageTotal, settings).grossDue);
}

export function reduction(headcount: unknown, disabled: unknown, wageTotal: unknown, settings: unknown): number {
  return moneyNumber(levyFor(headcount, disabled, wageTotal, settings).reduction);
}

export function due(headcount: unknown, disabled: unknown, wageTotal: unknown, settings: unknown): number {
  return moneyNumber(levyFor(headcount, disabled, wageTotal, settings).payable);
}

export const TIER_TEXT: Record<string, string> = {
  "quota-met": "已达比例 quota met",
  "tier-50": "50%档 tier-50",
  "tier-90": "90%档 tier-90",
  "small-enterprise": "免征 exempt (≤30)",
  none: "无减免 none",
};

export function tier(headcount: unknown, disabled: unknown, wageTotal: unknown, settings: unknown): string {
  const r = levyFor(headcount, disabled, isMissing(wageTotal) ? 0 : wageTotal, settings);
  if (r.shortfall.isZero() && !r.headcount.isZero()) return TIER_TEXT["quota-met"];
  if (r.reductionKind === "none" && r.grossDue.isZero()) {
    // Zero wage total: report the band the disabled share would put the employer in.
    if (!r.rules.tiersEnabled.value) return TIER_TEXT.none;
    return r.disabledShare.greaterThanOrEqualTo(dec(r.rules.tierThreshold.value)) ? TIER_TEXT["tier-50"] : TIER_TEXT["tier-90"];
  }
  return TIER_TEXT[r.reductionKind];
}

export function hires(headcount: unknown, disabled: unknown, wageTotal: unknown, target: unknown, weight: unknown, fromMonth: unknown, settings: unknown): number {
  const c = caseFrom(settings, {
    headcount: decimalArg(headcount, "headcount", L.headcount),
    certifiedDisabled: optionalDecimalArg(disabled, "disabled", L.disabled) ?? "0",
    wageTotal: moneyArg(wageTotal, "wageTotal", L.wageTotal),
  });
  // Checked before planning: hiresNeeded recomputes the levy many times.
  levyOf(c);
  const t = isMissing(target) ? "next" : typeof target === "string" ? target.trim().toLowerCase() : typeof target === "number" ? String(target) : "";
  const targets: Record<string, "next" | "tier-50" | "full"> = { next: "next", "tier-50": "tier-50", "50%": "tier-50", "50": "tier-50", full: "full", 达标: "full", 减半: "tier-50", 下一档: "next" };
  const chosen = targets[t];
  if (!chosen) throw new LevyInputError("target", { zh: "目标应为 tier-50（减半）、full（达标）或 next（下一档）。", en: "target must be tier-50, full or next." });
  const w = integerArg(weight, "weight", 1, 2, 1, L.weight) as 1 | 2;
  const m = integerArg(fromMonth, "fromMonth", 1, 12, 1, L.fromMonth);
  const plan = hiresNeeded(c, chosen, w, m);
  if (!plan.reachable) throw new LevyInputError("target", { zh: "在合理人数内无法达到目标。", en: "The target cannot be reached with a reasonable number of hires." }, "number");
  return plan.hires;
}

export function lateFeeOf(amount: unknown, deadline: unknown, paidOn: unknown, settings: unknown): number {
  const rules = rulesFor(caseFrom(settings, {}));
  const principal = moneyArg(amount, "amount", L.amount);
  if (dec(principal).abs().greaterThan(LIMITS.money)) {
    throw new LevyInputError("amount", { zh: "金额超过10万亿元，不可能：请核对。", en: "An amount above 10 trillion yuan cannot be right: check it." }, "number");
  }
  const r = lateFee(
    principal,
    dateArg(deadline, "deadline", L.deadline),
    dateArg(paidOn, "paidOn", L.paidOn),
    rules.lateFeeRatePerDay.value,
    rules.lateFeeCappedAtPrincipal.value,
  );
  return moneyNumber(r.fee);
}

export function installmentOf(annual: unknown, quarter: unknown): number {
  const amount = moneyArg(annual, "annual", L.amount);
  if (dec(amount).abs().greaterThan(LIMITS.money)) {
    throw new LevyInputError("annual", { zh: "金额超过10万亿元，不可能：请核对。", en: "An amount above 10 trillion yuan cannot be right: check it." }, "number");
  }
  return moneyNumber(installment(amount, integerArg(quarter, "quarter", 1, 4, undefined, L.quarter)));
}

export function disabledWeightOf(certificateNo: unknown, settings: unknown): number {
  if (isMissing(certificateNo)) throw new LevyInputError("certificateNo", { zh: "缺少残疾人证号。", en: "The certificate number is missing." });
  if (typeof certificateNo === "number") {
    throw new LevyInputError("certificateNo", { zh: "证号被存成了数字（会丢失位数）：请把单元格设为文本后重新输入。", en: "The number was stored as a number and lost digits: format the cell as text and re-enter it." });
  }
  if (typeof certificateNo !== "string") throw new LevyInputError("certificateNo", { zh: "残疾人证号应为文字。", en: "The certificate number must be text." });
  const rules = rulesFor(caseFrom(settings, {}));
  const text = certificateNo;
  // A 残疾军人证 is written as "军" or "veteran" followed by its grade, e.g. "残疾军人证 3级" (its number has no fixed format).
  const veteran = /军|veteran/i.exec(text);
  const grade = /([1-8])\s*级|grade\s*([1-8])/i.exec(text);
  const w = veteran
    ? disabledWeight({ kind: "veteran-certificate", grade: grade ? Number(grade[1] ?? grade[2]) : null }, { blindCountsDouble: rules.blindCountsDouble.value })
    : disabledWeight({ kind: "disability-certificate", certificateNo: text }, { blindCountsDouble: rules.blindCountsDouble.value });
  if (w.errors.length > 0) throw new LevyInputError("certificateNo", w.errors[0].message);
  return w.weight;
}

export function checkId(id: unknown): boolean {
  if (typeof id === "number") {
    throw new LevyInputError("id", { zh: "身份证号被存成了数字（会丢失位数）：请把单元格设为文本后重新输入。", en: "The ID was stored as a number and lost digits: format the cell as text and re-enter it." });
  }
  if (isMissing(id)) throw new LevyInputError("id", { zh: "缺少身份证号。", en: "The ID number is missing." });
  if (typeof id !== "string") throw new LevyInputError("id", { zh: "身份证号应为文字。", en: "The ID number must be text." });
  return checkResidentId(id).ok;
}

export function rule(name: unknown, settings: unknown): number | string | boolean {
  if (isMissing(name) || typeof name !== "string") throw new LevyInputError("name", { zh: "缺少参数名。", en: "The parameter name is missing." });
  const parameter = parameterForName(name);
  if (!parameter) {
    throw new LevyInputError("name", { zh: `未知的参数名“${shown(name)}”。`, en: `Unknown parameter "${shown(name)}".` }, "not-available");
  }
  const rules = rulesFor(caseFrom(settings, {}));
  const value = rules[parameter].value;
  if (value === null) return "无 none";
  if (typeof value === "boolean") return value;
  const kind = PARAMETER_INFO[parameter].kind;
  if (kind === "decimal" || kind === "decimal-or-null") return finite(Number(value));
  return typeof value === "number" ? finite(value) : String(value);
}

export const EXPLAIN_HEADER = ["步骤 Step", "栏次 Column", "公式 Formula", "值 Value", "依据 Source"];

export function explain(headcount: unknown, disabled: unknown, wageTotal: unknown, settings: unknown): string[][] {
  const r = levyFor(headcount, disabled, wageTotal, settings);
  const rows = r.trail.map((s) => [
    `${s.label.zh} ${s.label.en}`,
    s.formColumn === undefined ? "" : String(s.formColumn),
    s.formulaText ? `${s.formulaText.zh} / ${s.formulaText.en}` : s.formula,
    s.value,
    s.rule ? `${citationLine(s.rule.source)}（${CONFIDENCE_LABELS[s.rule.confidence].zh} ${CONFIDENCE_LABELS[s.rule.confidence].en}）${s.rule.overridden ? "（已覆盖 overridden）" : ""}` : "",
  ]);
  const notes = r.notes.map((n) => [`${n.code}`, "", n.message.zh, n.message.en, n.severity]);
  return [EXPLAIN_HEADER, ...rows, ...notes];
}
