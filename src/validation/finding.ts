/** Building findings: one place caps the cell list and formats amounts, so every rule module stays small. */
import type { Decimal } from "../core/decimal";
import { moneyString } from "../core/decimal";
import type { Bilingual } from "../core/rules/types";
import { MAX_CELLS } from "../workbook/issues";
import type { CellRef } from "../workbook/types";
import type { Finding, RuleInfo, Severity } from "./types";

export interface FindingInput {
  severity?: Severity;
  message: Bilingual;
  cells?: readonly CellRef[];
  rows?: number;
  suggestion?: Bilingual;
  source?: string;
  /** The official page of the source, when one is known. */
  sourceUrl?: string;
  amount?: Decimal | null;
}

export function makeFinding(info: RuleInfo, f: FindingInput): Finding {
  const cells = (f.cells ?? []).filter((c) => c.address !== "").slice(0, MAX_CELLS);
  const out: Finding = {
    code: info.code,
    severity: f.severity ?? info.severity,
    message: f.message,
    cells,
    rows: f.rows ?? 0,
    // The description explains the rule (and its severity); the fix says what to do. Older rules without a fix fall
    // back to the description.
    suggestion: f.suggestion ?? info.fix ?? info.description,
    source: f.source ?? info.source,
  };
  if (f.sourceUrl) out.sourceUrl = f.sourceUrl;
  // Only where money is at stake: a zero difference is not an amount worth showing.
  if (f.amount && !f.amount.toDecimalPlaces(2).isZero()) out.amount = moneyString(f.amount.abs());
  return out;
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function worst(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[a] <= SEVERITY_RANK[b] ? a : b;
}

/** "E0001 张三、E0002 李四 等 12 人" — a short list for messages. */
export function listPeople(names: readonly string[], max = 5): Bilingual {
  const shown = names.slice(0, max);
  const more = names.length - shown.length;
  return {
    zh: `${shown.join("、")}${more > 0 ? ` 等 ${names.length} 人` : ""}`,
    en: `${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}`,
  };
}

/**
 * English count with agreement: counted(1, "cell is", "cells are") → "1 cell is", counted(3, …) → "3 cells are".
 * Chinese needs none ("1 行", "3 行").
 */
export function counted(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
