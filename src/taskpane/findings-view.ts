/**
 * Findings ordered for decisions: grouped by severity (errors first), inside a group by the money at stake (largest
 * first; findings without an amount last), findings with the same amount gathered so that the amount is said once.
 * And the selection of a finding's cells in batches Excel accepts: one sheet at a time, at most `max` areas each.
 */
import { dec } from "../core/decimal";
import type { Finding, Severity } from "../validation/types";
import type { CellRef } from "../workbook/types";
import { SEVERITIES } from "./view-model";

export interface FindingEntry {
  finding: Finding;
  /** Index in audit.findings (stable key of the finding). */
  index: number;
}

/** Findings of one amount (or one finding without an amount). */
export interface AmountCluster {
  amount: string | null;
  entries: FindingEntry[];
}

export interface SortedGroup {
  severity: Severity;
  count: number;
  clusters: AmountCluster[];
}

function amountOf(f: Finding): ReturnType<typeof dec> | null {
  if (f.amount === undefined || f.amount === null) return null;
  try {
    return dec(f.amount);
  } catch {
    return null;
  }
}

/** Money first (largest amount), then severity, then code: the order of the whole list. */
export function compareFindings(a: FindingEntry, b: FindingEntry): number {
  const x = amountOf(a.finding);
  const y = amountOf(b.finding);
  if (x && y && !x.equals(y)) return y.comparedTo(x);
  if (x && !y) return -1;
  if (!x && y) return 1;
  const s = SEVERITIES.indexOf(a.finding.severity) - SEVERITIES.indexOf(b.finding.severity);
  return s !== 0 ? s : a.finding.code.localeCompare(b.finding.code) || a.index - b.index;
}

export function sortedGroups(findings: readonly Finding[], code: string | null = null): SortedGroup[] {
  const entries = findings.map((finding, index) => ({ finding, index })).filter((e) => code === null || e.finding.code === code);
  return SEVERITIES.map((severity) => {
    const list = entries.filter((e) => e.finding.severity === severity).sort(compareFindings);
    const clusters: AmountCluster[] = [];
    for (const e of list) {
      const amount = amountOf(e.finding);
      const last = clusters[clusters.length - 1];
      if (amount && last && last.amount !== null && dec(last.amount).equals(amount)) last.entries.push(e);
      else clusters.push({ amount: amount ? amount.toString() : null, entries: [e] });
    }
    return { severity, count: list.length, clusters };
  }).filter((g) => g.count > 0);
}

export interface SelectionBatch {
  sheet: string;
  address: string;
  /** Areas in this batch. */
  areas: number;
}

/** A finding's cells as selections: per sheet in order of appearance, at most `max` areas per selection. */
export function selectionBatches(cells: readonly CellRef[], max = 30): SelectionBatch[] {
  const bySheet = new Map<string, string[]>();
  for (const c of cells) {
    const list = bySheet.get(c.sheet) ?? [];
    if (!list.includes(c.address)) list.push(c.address);
    bySheet.set(c.sheet, list);
  }
  const out: SelectionBatch[] = [];
  for (const [sheet, addresses] of bySheet) {
    for (let i = 0; i < addresses.length; i += max) {
      const slice = addresses.slice(i, i + max);
      out.push({ sheet, address: slice.join(","), areas: slice.length });
    }
  }
  return out;
}
