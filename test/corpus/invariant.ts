/** What must not change between renderings of the same people (shared by the in-memory and the .xlsx corpus). */
import type { WorkbookAudit } from "../../src/validation/analyse-contract";

const FORM_FIELDS = ["wageTotal", "headcount", "quotaRatio", "certifiedDisabled", "averageWage", "wageCap", "wageBase", "required", "shortfall", "grossDue", "reductionKind", "reduction", "alreadyPaid", "payable"] as const;

/** What must not change between renderings of the same people. */
export function invariant(audit: WorkbookAudit) {
  const calc = audit.calculation as unknown as Record<string, unknown> | null;
  // Title, note and footer rows are accounted as excluded "summary or note" rows: they are layout, not people.
  const notes = audit.exclusions.filter((o) => o.table === "roster" && o.reason === "DATA_SUMMARY_ROW").length;
  const roster = audit.tables.filter((t) => t.kind === "roster").map((t) => t.rows);
  const people = roster.reduce((a, r) => ({ counted: a.counted + r.counted, excluded: a.excluded + r.excluded, rejected: a.rejected + r.rejected }), { counted: 0, excluded: -notes, rejected: 0 });
  return {
    fatal: audit.fatal?.en ?? null,
    form: calc ? Object.fromEntries(FORM_FIELDS.map((f) => [f, calc[f]])) : null,
    rosterRows: people,
    codes: [...new Set(audit.findings.filter((f) => /^(HC|WG|DS)_/.test(f.code)).map((f) => `${f.code}:${f.severity}`))].sort(),
    errors: [...new Set(audit.findings.filter((f) => f.severity === "error").map((f) => f.code))].sort(),
    region: audit.parameters.region.code,
    filingYear: audit.parameters.filingYear,
    dataYear: audit.parameters.dataYear,
  };
}

