/**
 * How many additional certified disabled hires reach the 50% band or full compliance, and what that saves.
 *
 * A hire from month m (1–12) of the data year adds (13 − m) ÷ 12 to the annual average headcount and weight × that to
 * the certified count. Planning assumption: the employer's average wage is unchanged, so the wage total grows in
 * proportion to the headcount. Part-year employers keep their proration.
 */
import { Decimal, ONE, TWELVE, dec } from "../decimal";
import { calculateLevy } from "./calculate";
import { LevyInputError } from "./types";
import type { LevyCase, LevyResult } from "./types";

/** The most hires a plan considers before doubling; with DOUBLINGS doublings, hire counts stay far below 2^53. */
export const MAX_HIRES = 100_000_000;
const DOUBLINGS = 20;

export type HireTarget = "tier-50" | "full" | "next";

export interface HiresPlan {
  target: "tier-50" | "full" | "none";
  hires: number;
  reachable: boolean;
  weight: 1 | 2;
  fromMonth: number;
  before: LevyResult;
  after: LevyResult;
  /** Payable before minus payable after (col 12 difference). */
  saving: Decimal;
}

function reached(result: LevyResult, target: "tier-50" | "full"): boolean {
  if (result.shortfall.isZero()) return true;
  if (target === "full") return false;
  return result.reductionKind === "tier-50" || result.reductionKind === "small-enterprise" || result.grossDue.isZero();
}

export function withHires(base: LevyCase, before: LevyResult, hires: number, weight: number, fromMonth: number): LevyCase {
  const fraction = new Decimal(13 - fromMonth).dividedBy(TWELVE);
  const added = fraction.times(hires);
  const headcount = before.headcount.plus(added);
  const scale = before.headcount.isZero() ? ONE : headcount.dividedBy(before.headcount);
  let wageTotal = before.headcount.isZero() ? dec(base.wageTotal) : before.wageTotal.times(scale);
  // A Jiangsu part-year employer: `before.wageTotal` is already annualised and calculateLevy annualises again,
  // so hand it the operating-months figure; the registration date keeps the (12 − month) ÷ 12 proration.
  const jiangsuPartYear = before.trail.some((s) => s.id === "partYear" && s.rule?.value === "jiangsu-proration");
  if (jiangsuPartYear && base.registrationDate) {
    const monthsOperated = 13 - Number(base.registrationDate.slice(5, 7));
    wageTotal = wageTotal.times(monthsOperated).dividedBy(TWELVE);
  }
  const { monthlyHeadcount: _monthly, headcount: _headcount, ...rest } = base;
  return {
    ...rest,
    filingYear: before.filingYear,
    filingDate: before.filingDate,
    headcount: headcount.toString(),
    wageTotal: wageTotal.toString(),
    certifiedDisabled: before.certifiedDisabled.plus(added.times(weight)).toString(),
  };
}

export function hiresNeeded(base: LevyCase, target: HireTarget = "next", weight: 1 | 2 = 1, fromMonth = 1): HiresPlan {
  if (weight !== 1 && weight !== 2) throw new LevyInputError("weight", { zh: "每名新增残疾人按1或2人计算。", en: "Each hire counts 1 or 2." }, "number");
  if (!Number.isInteger(fromMonth) || fromMonth < 1 || fromMonth > 12) throw new LevyInputError("fromMonth", { zh: "起始月份应为 1 到 12。", en: "fromMonth must be 1 to 12." }, "number");
  const before = calculateLevy(base);
  let goal: "tier-50" | "full" | "none";
  if (target === "next") goal = reached(before, "full") ? "none" : reached(before, "tier-50") ? "full" : "tier-50";
  else goal = target;
  if (goal === "none" || reached(before, goal)) {
    return { target: goal, hires: 0, reachable: true, weight, fromMonth, before, after: before, saving: new Decimal(0) };
  }
  const compute = (k: number) => calculateLevy(withHires(base, before, k, weight, fromMonth));
  // Upper bound: enough hires to cover the whole shortfall even at the smallest monthly fraction.
  const estimate = before.shortfall.times(12).dividedBy(13 - fromMonth).dividedBy(weight).ceil().plus(1);
  // Every loop below is bounded by construction (issue 9 §4): hire counts stay integers below MAX_HIRES · 2^DOUBLINGS
  // < 2^53, where doubles are exact, so the bisection halves a real interval each step and ends within 53 steps.
  // (It used to loop forever from a headcount of 1e18: past 2^53, floor((lo + hi) / 2) can equal lo or hi.)
  if (!estimate.isFinite() || estimate.greaterThan(MAX_HIRES)) {
    throw new LevyInputError(
      "headcount",
      { zh: `差额 ${before.shortfall.toSignificantDigits(6).toString()} 人太大，无法计算需新增人数（上限 ${MAX_HIRES.toLocaleString("en-US")} 人）。`, en: `The shortfall of ${before.shortfall.toSignificantDigits(6).toString()} is too large to plan hires for (at most ${MAX_HIRES.toLocaleString("en-US")}).` },
      "number",
    );
  }
  let hi = Math.max(1, estimate.toNumber());
  let hiResult = compute(hi);
  for (let doubling = 0; doubling < DOUBLINGS && !reached(hiResult, goal); doubling++) {
    hi *= 2;
    hiResult = compute(hi);
  }
  if (!reached(hiResult, goal)) return { target: goal, hires: hi, reachable: false, weight, fromMonth, before, after: hiResult, saving: before.payable.minus(hiResult.payable) };
  let lo = 0; // not reached at lo, reached at hi
  for (let step = 0; step < 64 && hi - lo > 1; step++) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const r = compute(mid);
    if (reached(r, goal)) {
      hi = mid;
      hiResult = r;
    } else lo = mid;
  }
  return { target: goal, hires: hi, reachable: true, weight, fromMonth, before, after: hiResult, saving: before.payable.minus(hiResult.payable) };
}
