/**
 * The 对账 (reconciliation) sheet as plain rows, shared by the CLI working paper (ExcelJS) and any other writer:
 * per bridge, the payroll figure, each explained part, the unexplained remainder (labelled as computed by
 * subtraction), the other source's figure, the tolerance and the status; then the sources found and the
 * certification list. Columns: bridge | item | amount (exact decimal text) | cells | note.
 */
import type { Bilingual } from "../core/rules/types";
import type { CellRef } from "../workbook/types";
import type { ReconciliationJson } from "./reconcile";

export interface SheetRow {
  cells: [string | null, string | null, string | null, string | null, string | null];
  bold?: boolean;
}

export const BRIDGE_TITLES: Record<string, Bilingual> = {
  "wage-ledger": { zh: "工资总额 → 总账2211", en: "Wage total → ledger 2211" },
  "wage-cit": { zh: "工资总额 → A105050 第1行", en: "Wage total → A105050 line 1" },
  "wage-iit": { zh: "工资总额 → 个税工资薪金收入", en: "Wage total → IIT wage income" },
  "headcount-iit": { zh: "人数 → 个税人数", en: "Headcount → IIT people" },
  "headcount-social-insurance": { zh: "人数 → 社保参保人数", en: "Headcount → insured people" },
};

const both = (b: Bilingual) => `${b.zh} / ${b.en}`;
const refs = (cells: readonly CellRef[]) => (cells.length ? cells.map((c) => `${c.sheet}!${c.address}`).join(", ") : null);

export function reconciliationSheetRows(rec: ReconciliationJson): SheetRow[] {
  const out: SheetRow[] = [];
  for (const b of rec.bridges) {
    const title = both(BRIDGE_TITLES[b.id] ?? { zh: b.id, en: b.id });
    out.push({ cells: [title, both(b.from.label), b.from.amount, refs(b.from.cells), "起点 start"], bold: true });
    for (const s of b.steps) out.push({ cells: [title, `+ ${both(s.label)}`, s.amount, refs(s.cells), "已解释 explained"] });
    out.push({ cells: [title, `+ ${both(b.unexplained.label)}`, b.unexplained.amount, null, b.status === "within-tolerance" ? `在容差 ${b.tolerance} 内 within tolerance` : `超过容差 ${b.tolerance} above tolerance` ] });
    out.push({ cells: [title, `= ${both(b.to.label)}`, b.to.amount, refs(b.to.cells), b.notes.map(both).join("\n") || null], bold: true });
    // Per month (headcount bridges to a monthly source): the remainder in the amount column, the figures beside it.
    for (const m of b.months ?? []) {
      const parts = m.steps.map((x) => `${x.id} ${x.amount}`).join("；");
      out.push({ cells: [title, `${m.month}月 month ${m.month}：花名册 roster ${m.from} → 对方 source ${m.to}${parts ? `（${parts}）` : ""}`, m.unexplained, null, "当月未解释差异 unexplained in the month"] });
    }
    out.push({ cells: [null, null, null, null, null] });
  }
  for (const n of rec.notes) out.push({ cells: ["说明 Note", both(n), null, null, null] });
  out.push({ cells: ["对账来源 Sources", "工作表 / 类型 Sheet / kind", "得分 Score", "范围 Range", "行 Rows (read / used / skipped / rejected)"], bold: true });
  for (const s of rec.sources) {
    out.push({ cells: ["对账来源 Sources", `${s.sheet}：${both(s.label)}（${s.layout}）`, String(s.score), `${s.sheet}!${s.range}`, `${s.rows.read} / ${s.rows.used} / ${s.rows.skipped} / ${s.rows.rejected}`] });
  }
  const c = rec.certification;
  if (c) {
    out.push({ cells: ["残联认证清单 Certification list", `清单 ${c.listEntries} 人，匹配 ${c.matched} 人 / ${c.listEntries} on the list, ${c.matched} matched`, null, null, null], bold: true });
    for (const o of c.overridden) out.push({ cells: ["残联认证清单 Certification list", `${o.person}：按清单${o.list ? "通过" : "不通过"} / list ${o.list ? "passed" : "not passed"}`, null, refs([o.registerCell, o.listCell]), "REC_CERT_OVERRIDDEN"] });
    for (const e of c.notInRegister) out.push({ cells: ["残联认证清单 Certification list", `${e.name ?? e.idNumber ?? "?"}：不在名册中 / not in the register`, null, refs([e.cell]), "REC_CERT_NOT_IN_REGISTER"] });
    for (const u of c.undecided ?? []) out.push({ cells: ["残联认证清单 Certification list", `${u.person}：清单无法确定结果，不计入 / the list does not settle the result, not counted`, null, refs([u.registerCell, ...u.listCells]), "REC_CERT_UNDECIDED"] });
    for (const e of c.notOnList) out.push({ cells: ["残联认证清单 Certification list", `${e.person}：不在清单上 / not on the list`, null, refs([e.cell]), "REC_CERT_NOT_ON_LIST"] });
  }
  out.push({ cells: ["容差 Tolerances", `工资 wage ${rec.tolerances.wage.value}；人数 headcount ${rec.tolerances.headcount.value}`, null, refs([rec.tolerances.wage.cell, rec.tolerances.headcount.cell].filter((x): x is CellRef => x !== null)), "参数 parameters: 工资对账容差, 人数对账容差"] });
  for (const b of rec.basis) out.push({ cells: ["依据 Basis", b, null, null, null] });
  return out;
}
