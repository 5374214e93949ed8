/**
 * The what-if panel's figures: the workbook's own aggregates (audit.case) with hires added and the headcount or wage
 * total adjusted, recalculated by the core (calculateLevy, and hires.ts's withHires for the hires), never by the pane.
 * Plus the series for the chart of payable against hires 0…N, with the hire counts where the reduction band changes.
 */
import { dec, moneyString } from "../core/decimal";
import { calculateLevy } from "../core/levy/calculate";
import { withHires } from "../core/levy/hires";
import type { LevyCase, LevyResult, ReductionKind } from "../core/levy/types";
import type { Bilingual } from "../core/rules/types";

export interface WhatIfInput {
  hires: number;
  weight: 1 | 2;
  fromMonth: number;
  /** Added to the annual average headcount (may be negative). */
  headcountDelta: string;
  /** Added to the wage total in yuan (may be negative). */
  wageDelta: string;
}

export const DEFAULT_WHAT_IF: WhatIfInput = { hires: 0, weight: 1, fromMonth: 1, headcountDelta: "0", wageDelta: "0" };

export interface WhatIfColumns {
  grossDue: string;
  reduction: string;
  alreadyPaid: string;
  payable: string;
  reductionKind: ReductionKind;
}

function columns(r: LevyResult): WhatIfColumns {
  return { grossDue: moneyString(r.grossDue), reduction: moneyString(r.reduction), alreadyPaid: moneyString(r.alreadyPaid), payable: moneyString(r.payable), reductionKind: r.reductionKind };
}

function scenario(base: LevyCase, before: LevyResult, input: WhatIfInput, hires: number): LevyCase {
  const c = withHires(base, before, hires, input.weight, input.fromMonth);
  const headcount = dec(c.headcount ?? "0").plus(dec(input.headcountDelta || "0"));
  const wageTotal = dec(c.wageTotal).plus(dec(input.wageDelta || "0"));
  return { ...c, headcount: headcount.toString(), wageTotal: wageTotal.toString() };
}

export type WhatIfResult = { ok: true; now: WhatIfColumns; then: WhatIfColumns } | { ok: false; message: Bilingual };

function problem(error: unknown): Bilingual {
  const e = error as { bilingual?: Bilingual; zh?: string; en?: string; message?: string };
  if (e?.bilingual) return e.bilingual;
  if (typeof e?.zh === "string" && typeof e?.en === "string") return { zh: e.zh, en: e.en };
  const m = e?.message ?? String(error);
  return { zh: m, en: m };
}

/** Columns 9–12 now and under the assumptions. */
export function whatIf(base: LevyCase, input: WhatIfInput): WhatIfResult {
  try {
    const before = calculateLevy(base);
    const after = calculateLevy(scenario(base, before, input, input.hires));
    return { ok: true, now: columns(before), then: columns(after) };
  } catch (error) {
    return { ok: false, message: problem(error) };
  }
}

export interface ChartPoint {
  hires: number;
  payable: string;
  /** The band reached; "quota-met" when the shortfall is gone. */
  kind: ReductionKind | "quota-met";
}

/** Payable for 0…max hires (the other assumptions as given); `bounds` are the hire counts where the band changes. */
export function payableSeries(base: LevyCase, input: WhatIfInput, max: number): { points: ChartPoint[]; bounds: ChartPoint[] } | null {
  try {
    const before = calculateLevy(base);
    const points: ChartPoint[] = [];
    for (let k = 0; k <= max; k++) {
      const r = calculateLevy(scenario(base, before, input, k));
      points.push({ hires: k, payable: moneyString(r.payable), kind: r.shortfall.isZero() ? "quota-met" : r.reductionKind });
    }
    const bounds = points.filter((p, i) => i > 0 && p.kind !== points[i - 1].kind);
    return { points, bounds };
  } catch {
    return null;
  }
}
