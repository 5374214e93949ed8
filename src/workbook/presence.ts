/**
 * Who was employed on which day of the data year, and the 12 monthly headcounts that follow from it.
 *
 * Employment is the closed interval [hire date, leave date]: the leave date is the last day employed. A difference
 * array over the days of the year makes the whole roster O(people + 366). Monthly methods (rule parameter
 * `headcountMethod`):
 *   start-end-average  (people on the 1st + people on the last day) ÷ 2      (苏财综〔2017〕17号; the default)
 *   month-end          people on the last day of the month
 *   daily-average      Σ people per day ÷ days in the month
 * The annual figure is Σ 12 months ÷ 12 (the core does that division), also for part-year employers.
 */
import { Decimal, ONE, TWELVE, ZERO } from "../core/decimal";
import type { ParameterValues } from "../core/rules/types";
import { dayOf } from "./parse";

export type HeadcountMethod = ParameterValues["headcountMethod"];

export interface YearFrame {
  year: number;
  /** Day numbers (days since 1970-01-01) of 1 January and 31 December. */
  start: number;
  end: number;
  days: number;
  /** Offsets (0-based, from `start`) of each month's first and last day. */
  monthFirst: number[];
  monthLast: number[];
}

export function yearFrame(year: number): YearFrame {
  const start = dayOf(year, 1, 1);
  const end = dayOf(year, 12, 31);
  const monthFirst: number[] = [];
  const monthLast: number[] = [];
  for (let m = 1; m <= 12; m++) {
    monthFirst.push(dayOf(year, m, 1) - start);
    monthLast.push((m === 12 ? end + 1 : dayOf(year, m + 1, 1)) - 1 - start);
  }
  return { year, start, end, days: end - start + 1, monthFirst, monthLast };
}

/** Clip [from, to] (day numbers; NaN = open) to the year; null when the person was not employed in it. */
export function clipToYear(frame: YearFrame, from: number, to: number): [number, number] | null {
  const a = from !== from ? frame.start : Math.max(from, frame.start);
  const b = to !== to ? frame.end : Math.min(to, frame.end);
  return a <= b ? [a, b] : null;
}

export class PresenceCounter {
  private readonly diff: Int32Array;
  people = 0;

  constructor(private readonly frame: YearFrame) {
    this.diff = new Int32Array(frame.days + 1);
  }

  /** Add one person employed on the clipped days [a, b]. */
  add(a: number, b: number): void {
    this.diff[a - this.frame.start]++;
    this.diff[b - this.frame.start + 1]--;
    this.people++;
  }

  daily(): Int32Array {
    const out = new Int32Array(this.frame.days);
    let running = 0;
    for (let d = 0; d < this.frame.days; d++) {
      running += this.diff[d];
      out[d] = running;
    }
    return out;
  }

  monthly(): MonthlyCounts {
    return monthlyCounts(this.daily(), this.frame);
  }
}

export interface MonthlyCounts {
  /** People on each month's first day. */
  start: number[];
  /** People on each month's last day. */
  end: number[];
  /** Σ people per day, per month. */
  daySum: number[];
  /** Calendar days per month. */
  days: number[];
}

export function monthlyCounts(daily: Int32Array, frame: YearFrame): MonthlyCounts {
  const out: MonthlyCounts = { start: [], end: [], daySum: [], days: [] };
  for (let m = 0; m < 12; m++) {
    const f = frame.monthFirst[m];
    const l = frame.monthLast[m];
    let sum = 0;
    for (let d = f; d <= l; d++) sum += daily[d];
    out.start.push(daily[f]);
    out.end.push(daily[l]);
    out.daySum.push(sum);
    out.days.push(l - f + 1);
  }
  return out;
}

/** One month's figure under the method (exact: halves, or a fraction over the days of the month). */
export function monthFigure(c: MonthlyCounts, m: number, method: HeadcountMethod): Decimal {
  switch (method) {
    case "month-end":
      return new Decimal(c.end[m]);
    case "daily-average":
      return new Decimal(c.daySum[m]).dividedBy(c.days[m]);
    default:
      return new Decimal(c.start[m] + c.end[m]).dividedBy(2);
  }
}

export function monthFigures(c: MonthlyCounts, method: HeadcountMethod): Decimal[] {
  const out: Decimal[] = [];
  for (let m = 0; m < 12; m++) out.push(monthFigure(c, m, method));
  return out;
}

export function annualOf(figures: readonly Decimal[]): Decimal {
  return figures.reduce((a, b) => a.plus(b), ZERO).dividedBy(TWELVE);
}

/** One person's share of a year (what they add to the annual average), e.g. 0.5 for July–December. */
export function personYearFraction(frame: YearFrame, a: number, b: number, method: HeadcountMethod): Decimal {
  if (a <= frame.start && b >= frame.end) return ONE; // the whole year, under every method
  const counter = new PresenceCounter(frame);
  counter.add(a, b);
  return annualOf(monthFigures(counter.monthly(), method));
}
