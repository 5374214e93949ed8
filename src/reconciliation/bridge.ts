/**
 * A bridge: the payroll's figure, the explained parts, the unexplained remainder, the other source's figure.
 * from + Σ explained + unexplained = to, exactly: the remainder is computed by subtraction and labelled as such,
 * never shown as an explanation.
 */
import { Decimal, ZERO } from "../core/decimal";
import type { Bilingual } from "../core/rules/types";
import type { CellRef } from "../workbook/types";

export type BridgeId = "wage-ledger" | "wage-cit" | "wage-iit" | "headcount-iit" | "headcount-social-insurance";

export interface BridgeEnd {
  label: Bilingual;
  amount: Decimal;
  cells: CellRef[];
}

export interface BridgeStep {
  /** Stable id: a staff category (HC_INTERN…), "bonusAccrual", "nonWageIn2211", "cashWelfare". */
  id: string;
  label: Bilingual;
  amount: Decimal;
  cells: CellRef[];
}

export interface Bridge {
  id: BridgeId;
  measure: "wage" | "headcount";
  from: BridgeEnd;
  to: BridgeEnd;
  /** Explained parts (zero parts are left out). */
  steps: BridgeStep[];
  /** to − from − Σ steps. */
  unexplained: Decimal;
  tolerance: Decimal;
  toleranceCell: CellRef | null;
  /** |unexplained| ≤ tolerance. */
  withinTolerance: boolean;
  notes: Bilingual[];
  /**
   * Headcount bridges to a monthly source: per month the source covers, the roster's figure, the parts that have a
   * monthly figure, the source's count and the remainder (to − from − Σ steps). The averaging part has no month.
   */
  months?: Array<{ month: number; from: Decimal; to: Decimal; steps: Array<{ id: string; amount: Decimal }>; unexplained: Decimal }>;
}

export function makeBridge(id: BridgeId, measure: Bridge["measure"], from: BridgeEnd, to: BridgeEnd, parts: BridgeStep[], tolerance: Decimal, toleranceCell: CellRef | null, notes: Bilingual[] = []): Bridge {
  const steps = parts.filter((p) => !p.amount.isZero());
  const explained = steps.reduce((a, s) => a.plus(s.amount), ZERO);
  const unexplained = to.amount.minus(from.amount).minus(explained);
  return { id, measure, from, to, steps, unexplained, tolerance, toleranceCell, withinTolerance: unexplained.abs().lte(tolerance), notes };
}

export const UNEXPLAINED_LABEL: Bilingual = { zh: "未解释差异（倒挤）", en: "Unexplained remainder (by subtraction)" };

/** Plain JSON of a bridge (decimals as strings, exact). */
export interface BridgeJson {
  id: BridgeId;
  measure: "wage" | "headcount";
  from: { label: Bilingual; amount: string; cells: CellRef[] };
  to: { label: Bilingual; amount: string; cells: CellRef[] };
  steps: Array<{ id: string; label: Bilingual; amount: string; cells: CellRef[] }>;
  unexplained: { label: Bilingual; amount: string };
  tolerance: string;
  toleranceCell: CellRef | null;
  status: "within-tolerance" | "unexplained";
  notes: Bilingual[];
  /** Per month (headcount bridges to a monthly source only). */
  months?: Array<{ month: number; from: string; to: string; steps: Array<{ id: string; amount: string }>; unexplained: string }>;
}

function amountText(d: Decimal, measure: "wage" | "headcount"): string {
  return measure === "wage" ? d.toFixed(2) : d.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toString();
}

export function bridgeJson(b: Bridge): BridgeJson {
  const t = (d: Decimal) => amountText(d, b.measure);
  return {
    id: b.id,
    measure: b.measure,
    from: { label: b.from.label, amount: t(b.from.amount), cells: b.from.cells },
    to: { label: b.to.label, amount: t(b.to.amount), cells: b.to.cells },
    steps: b.steps.map((s) => ({ id: s.id, label: s.label, amount: t(s.amount), cells: s.cells })),
    unexplained: { label: UNEXPLAINED_LABEL, amount: t(b.unexplained) },
    tolerance: b.tolerance.toString(),
    toleranceCell: b.toleranceCell,
    status: b.withinTolerance ? "within-tolerance" : "unexplained",
    notes: b.notes,
    ...(b.months ? { months: b.months.map((m) => ({ month: m.month, from: t(m.from), to: t(m.to), steps: m.steps.map((x) => ({ id: x.id, amount: t(x.amount) })), unexplained: t(m.unexplained) })) } : {}),
  };
}
