/**
 * Quarterly instalments (Jiangsu 2017: each quarter pays ¼ of the annual amount). Quarters 1–3 are the annual amount
 * ÷ 4 rounded to 0.01; the fourth absorbs the rounding so the four always sum to the annual amount exactly.
 */
import { Decimal, dec, roundMoney } from "../decimal";
import type { DecimalLike } from "../decimal";
import { LevyInputError } from "./types";

export function quarterlyInstallments(annual: DecimalLike): [Decimal, Decimal, Decimal, Decimal] {
  let total: Decimal;
  try {
    total = roundMoney(dec(annual));
  } catch {
    throw new LevyInputError("annual", { zh: "年度金额不是数字。", en: "The annual amount is not a number." });
  }
  const quarter = roundMoney(total.dividedBy(4));
  return [quarter, quarter, quarter, total.minus(quarter.times(3))];
}

export function installment(annual: DecimalLike, quarter: number): Decimal {
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) {
    throw new LevyInputError("quarter", { zh: "季度应为 1 到 4。", en: "quarter must be 1 to 4." }, "number");
  }
  return quarterlyInstallments(annual)[quarter - 1];
}
