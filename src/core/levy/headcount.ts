/**
 * 上年在职职工人数 as an annual average (72号 第八条: seasonal staff are converted to an annual average).
 * Each month is one figure or a (start-of-month, end-of-month) pair averaged (苏财综〔2017〕17号); the year is the
 * sum of the 12 months ÷ 12, also for employers that existed only part of the year (months before registration = 0).
 */
import { Decimal, TWELVE, ZERO, dec } from "../decimal";
import type { DecimalLike } from "../decimal";
import { LevyInputError } from "./types";
import type { MonthHeadcount } from "./types";

export interface AnnualHeadcount {
  annual: Decimal;
  monthly: Decimal[];
}

function nonNegative(value: DecimalLike, field: string): Decimal {
  let d: Decimal;
  try {
    d = dec(value);
  } catch {
    throw new LevyInputError(field, { zh: `${field} 不是数字：“${String(value)}”。`, en: `${field} is not a number: "${String(value)}".` });
  }
  if (d.isNegative()) throw new LevyInputError(field, { zh: `${field} 不能为负数。`, en: `${field} cannot be negative.` }, "number");
  return d;
}

/** One month's figure: a count, or the average of a start/end pair. */
export function monthFigure(month: MonthHeadcount, index: number): Decimal {
  const field = `monthlyHeadcount[${index + 1}]`;
  if (Array.isArray(month)) {
    if (month.length !== 2) throw new LevyInputError(field, { zh: "每月应为一个人数或“月初、月末”两个人数。", en: "Each month is one count or a (start, end) pair." });
    return nonNegative(month[0], `${field}.start`).plus(nonNegative(month[1], `${field}.end`)).dividedBy(2);
  }
  return nonNegative(month as DecimalLike, field);
}

export function annualAverageHeadcount(months: readonly MonthHeadcount[]): AnnualHeadcount {
  if (!Array.isArray(months) || months.length !== 12) {
    throw new LevyInputError("monthlyHeadcount", {
      zh: `需要12个月的人数，实际为 ${Array.isArray(months) ? months.length : 0} 个。`,
      en: `12 monthly figures are needed, got ${Array.isArray(months) ? months.length : 0}.`,
    });
  }
  const monthly = months.map((m, i) => monthFigure(m, i));
  const sum = monthly.reduce((a, b) => a.plus(b), ZERO);
  return { annual: sum.dividedBy(TWELVE), monthly };
}

/** Average over the months an employer operated (Jiangsu proration needs the operating-month average). */
export function operatingMonthsAverage(monthly: readonly Decimal[], firstMonth: number): Decimal {
  const operating = monthly.slice(firstMonth - 1);
  if (operating.length === 0) return ZERO;
  return operating.reduce((a, b) => a.plus(b), ZERO).dividedBy(operating.length);
}

export { nonNegative as nonNegativeDecimal };
