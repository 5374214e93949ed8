/**
 * The reconciliation in the terminal (`levy audit` without --json): one block per bridge — start, explained parts,
 * the unexplained remainder and the other source's figure — printed only when the workbook has reconciliation sources.
 */
import type { ReconciliationJson } from "./reconcile";
import { BRIDGE_TITLES } from "./sheet-rows";

function grouped(amount: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(amount);
  return m ? `${m[1]}${m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${m[3] ?? ""}` : amount;
}

export function formatReconciliation(rec: ReconciliationJson | undefined): string[] {
  if (!rec || (rec.sources.length === 0 && rec.bridges.length === 0)) return [];
  const out = ["", `对账 Reconciliation — 来源 sources: ${rec.sources.map((s) => `${s.sheet}（${s.label.zh} ${s.label.en}）`).join("、")}`];
  for (const b of rec.bridges) {
    const t = BRIDGE_TITLES[b.id] ?? { zh: b.id, en: b.id };
    const row = (label: string, amount: string) => `    ${label.padEnd(40)} ${grouped(amount).padStart(16)}`;
    out.push(`  ${t.zh} ${t.en}: ${b.status === "within-tolerance" ? "✓ 在容差内 within tolerance" : "✗ 超过容差 above tolerance"}，容差 tolerance ${b.tolerance}`);
    out.push(row(b.from.label.zh, b.from.amount));
    for (const s of b.steps) out.push(row(`+ ${s.label.zh}`, s.amount));
    out.push(row(`+ ${b.unexplained.label.zh}`, b.unexplained.amount));
    out.push(row(`= ${b.to.label.zh}`, b.to.amount));
  }
  for (const n of rec.notes) out.push(`  ${n.zh} ${n.en}`);
  return out;
}
