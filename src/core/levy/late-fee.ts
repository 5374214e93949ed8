/**
 * 滞纳金 (条例 第二十七条; 72号 第二十六条): rate per day from the profile (5‰ by default), days counted from the day
 * after the deadline through the payment date (tax practice, rules file §1.8), capped at the principal
 * (行政强制法 第四十五条) when the profile says so. The fee is rounded once, to 0.01 yuan.
 */
import { Decimal, ZERO, dec, minDecimal, roundMoney } from "../decimal";
import { daysBetween, isIsoDate } from "../dates";
import type { DecimalLike } from "../decimal";
import { LevyInputError } from "./types";

export interface LateFeeResult {
  days: number;
  ratePerDay: Decimal;
  uncapped: Decimal;
  capped: boolean;
  fee: Decimal;
}

export function lateFee(principal: DecimalLike, deadline: string, paidOn: string, ratePerDay: DecimalLike, cappedAtPrincipal: boolean): LateFeeResult {
  let amount: Decimal;
  try {
    amount = dec(principal);
  } catch {
    throw new LevyInputError("amount", { zh: "滞纳金本金不是数字。", en: "The amount owed is not a number." });
  }
  if (amount.isNegative()) throw new LevyInputError("amount", { zh: "本金不能为负数。", en: "The amount owed cannot be negative." }, "number");
  for (const [field, d] of [["deadline", deadline], ["paidOn", paidOn]] as const) {
    if (!isIsoDate(d)) throw new LevyInputError(field, { zh: `${field} 不是有效日期：“${d}”。`, en: `${field} is not a valid date: "${d}".` });
  }
  const rate = dec(ratePerDay);
  const days = Math.max(0, daysBetween(deadline, paidOn));
  const uncapped = amount.times(rate).times(days);
  const capped = cappedAtPrincipal && uncapped.greaterThan(amount);
  const fee = roundMoney(cappedAtPrincipal ? minDecimal(uncapped, amount) : uncapped);
  return { days, ratePerDay: rate, uncapped, capped, fee: days === 0 ? ZERO : fee };
}
