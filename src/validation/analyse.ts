/**
 * analyseWorkbook: sheets → workbook model → the core's calculation → every rule in the registry → AuditResult.
 * Never throws: unusable input gives `fatal` (and calculation null) with whatever data findings could be made.
 */
import { plainString } from "../core/decimal";
import { calculateLevy } from "../core/levy/calculate";
import { serializeLevyResult } from "../core/levy/serialize";
import type { LevyResult } from "../core/levy/types";
import { LevyInputError } from "../core/levy/types";
import type { Bilingual } from "../core/rules/types";
import { tableRange } from "../workbook/detect";
import { PAY_CATEGORIES, meaningId, meaningLabel } from "../workbook/fields";
import { buildWorkbookModel } from "../workbook/model";
import type { WorkbookModel } from "../workbook/model";
import type { SheetData } from "../workbook/types";
import type { AnalyseOptions, AuditResult, DisabledReport, HeadcountReport, ParametersReport, TableReport, WagesReport, WorkbookAudit } from "./analyse-contract";
import { makeContext } from "./context";
import { SEVERITY_RANK } from "./finding";
import { checkLevyFormulas } from "./formulas";
import { RULE_MODULES } from "./registry";
import type { Finding } from "./types";
import { reconcile, reconciliationJson } from "../reconciliation/reconcile";

export { checkLevyFormulas, evaluateLevyFormula } from "./formulas";

function progress(options: AnalyseOptions | undefined, fraction: number, stage: string): void {
  try {
    options?.onProgress?.(fraction, stage);
  } catch {
    // ignore a failing progress display
  }
}

function tablesReport(model: WorkbookModel): TableReport[] {
  return model.tables.map((t) => {
    const c = model.accounting.perTable.get(t.id) ?? { read: 0, counted: 0, excluded: 0, rejected: 0 };
    const report: TableReport = {
      sheet: t.sheetName,
      kind: t.kind,
      kindVia: t.kindVia,
      range: tableRange(t),
      headerRow: t.origin.row + t.headerRowIndex,
      columns: t.columns.map((col) => {
        const out: TableReport["columns"][number] = {
          column: col.letter,
          header: col.header,
          field: col.meaning ? meaningId(col.meaning) : null,
          label: col.meaning ? meaningLabel(col.meaning) : null,
          via: col.via,
        };
        if (col.meaning?.field === "pay" && col.meaning.category) out.payKind = PAY_CATEGORIES[col.meaning.category].kind;
        if (col.mappingOrigin) out.mappingOrigin = col.mappingOrigin;
        if (col.duplicate) out.duplicate = true;
        return out;
      }),
      rows: { ...c },
      role: t.derived ? "derived" : t.kind,
      roles: t.recognition.roles,
      score: t.recognition.score,
      runnerUp: t.recognition.runnerUp,
      reasons: t.recognition.reasons,
      unsure: t.recognition.unsure,
    };
    if (t.derived) report.derivedFrom = t.derived.sheets;
    if (t.wideMonth) report.month = t.wideMonth;
    if (col0Month(t)) report.layout = "month-columns";
    if (t.kind === "roster" && (t.embedded.payroll || t.embedded.disabled)) report.embedded = { ...t.embedded, payUsed: t.embedded.payroll && !model.embeddedPayIgnored.includes(t.id) };
    return report;
  });
}

function col0Month(t: WorkbookModel["tables"][number]): boolean {
  return t.wideMonth > 0;
}

function parametersReport(model: WorkbookModel): ParametersReport {
  const p = model.parameters;
  const values: ParametersReport["values"] = [];
  if (p) {
    const s = p.settings;
    for (const [name, row] of Object.entries(s.rows) as Array<[string, number]>) {
      const v = (s.case as Record<string, unknown>)[name] ?? (s.overrides as Record<string, unknown>)[name];
      values.push({ name, value: String(v), cell: p.cellOf(row) });
    }
  }
  return {
    sheet: p?.sheet ?? null,
    values,
    unknown: (p?.unknown ?? []).map((u) => ({ name: u.name, value: String(u.value), cell: u.cell })),
    employerName: p?.employerName?.value ?? null,
    uscc: p?.uscc ? String(p.uscc.value) : null,
    filingYear: model.period.filingYear,
    dataYear: model.period.dataYear,
    filingDate: model.period.filingDate ?? null,
    periodSource: model.period.source,
    region: { input: model.regionInput, code: model.region?.code ?? null },
    entityType: model.entityType,
    headcountMethod: model.headcount?.method ?? model.rules?.headcountMethod.value ?? "start-end-average",
    overrides: Object.entries(model.overrides).map(([name, value]) => ({ name, value: String(value), cell: model.overrideOrigins[name as keyof typeof model.overrideOrigins] ?? null })),
  };
}

function headcountReport(model: WorkbookModel): HeadcountReport | null {
  const h = model.headcount;
  if (!h) return null;
  const excluded: HeadcountReport["excluded"] = {};
  for (const p of model.persons) {
    if (p.status !== "excluded" || !p.reason) continue;
    const e = (excluded[p.reason] ??= { rows: 0, annual: plainString(h.excludedAnnual.get(p.reason) ?? h.annual.minus(h.annual)) });
    e.rows++;
  }
  return {
    method: h.method,
    months: h.figures.map((f, m) => ({ month: m + 1, start: h.counts.start[m], end: h.counts.end[m], figure: plainString(f) })),
    annual: plainString(h.annual),
    excluded,
  };
}

function wagesReport(model: WorkbookModel): WagesReport | null {
  const p = model.payroll;
  if (model.wageSource === "none") return null;
  const rec = <T>(m: Map<string, T>, f: (v: T) => string) => Object.fromEntries([...m].map(([k, v]) => [k, f(v)]));
  const months: number[] = [];
  for (let m = 0; m < 12; m++) if (p.monthsCovered & (1 << m)) months.push(m + 1);
  const total = model.wageSource === "payroll" || model.wageSource === "roster" ? p.wageTotal : model.declared.wageTotal!.value;
  return {
    source: model.wageSource,
    total: plainString(total),
    byCategory: rec(p.byCategory, plainString),
    nonWage: rec(p.nonWage, plainString),
    nonWageTotal: plainString(p.nonWageTotal),
    excludedStaff: { total: plainString(p.excludedStaff.total), rows: p.excludedStaff.rows, byReason: rec(p.excludedStaff.byReason, plainString) },
    unmatched: { rows: p.unmatched.rows, total: plainString(p.unmatched.total) },
    columns: p.columns.map((c) => ({ sheet: c.sheet, column: c.column, header: c.header, category: c.category, payKind: PAY_CATEGORIES[c.category].kind, included: plainString(c.included), excludedStaff: plainString(c.excludedStaff) })),
    perMonth: p.tables.some((t) => t.perMonth),
    monthsCovered: months,
    basis: model.wageBasis,
    ...(p.socialInsuranceBase
      ? { socialInsuranceBase: { total: plainString(p.socialInsuranceBase.total), used: model.wageBasis === "social-insurance-base", columns: p.socialInsuranceBase.columns.map((c) => ({ sheet: c.sheet, column: c.column, header: c.header })) } }
      : {}),
  };
}

function disabledReport(model: WorkbookModel): DisabledReport | null {
  const d = model.disabled;
  if (!d) {
    if (model.certifiedSource === "none") return null;
    return { source: model.certifiedSource, certified: plainString(model.declared.certifiedDisabled!.value), persons: [] };
  }
  return {
    source: "register",
    certified: plainString(d.certified),
    persons: d.entries.map((e) => ({
      sheet: e.sheet,
      row: e.sheetRow,
      person: e.display,
      weight: e.weight,
      weightReason: e.weightReason,
      fraction: plainString(e.fraction),
      contribution: plainString(e.contribution),
      counted: e.status === "counted",
      reasons: e.failures.map((f) => ({ code: f.code, detail: f.detail })),
    })),
  };
}

/** The analysis with the workbook model it was built from (for callers that need people or tables). */
export function analyseWorkbookWithModel(input: SheetData[], options: AnalyseOptions = {}): { audit: WorkbookAudit; model: WorkbookModel | null } {
  const emptyRows = { read: 0, counted: 0, excluded: 0, rejected: 0 };
  const sheets = (Array.isArray(input) ? input : []).filter((s): s is SheetData => s !== null && typeof s === "object");
  try {
    progress(options, 0, "start");
    const model = buildWorkbookModel(sheets, options);
    let result: LevyResult | null = null;
    let fatal: Bilingual | undefined = model.fatal;
    if (!fatal && model.levyCase) {
      try {
        result = calculateLevy(model.levyCase);
      } catch (e) {
        if (e instanceof LevyInputError) fatal = { zh: e.zh, en: e.en };
        else throw e;
      }
    }
    progress(options, 0.88, "formulas");
    const formulas = checkLevyFormulas(sheets);
    progress(options, 0.92, "rules");
    const ctx = makeContext(sheets, model, result, options, formulas);
    const findings: Finding[] = [];
    for (const m of RULE_MODULES) findings.push(...m.check(ctx));
    findings.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.code.localeCompare(b.code));
    const byReason: Record<string, { excluded: number; rejected: number }> = Object.create(null);
    for (const [k, v] of model.accounting.byReason) byReason[k] = { ...v };
    const declared: WorkbookAudit["declared"] = {};
    for (const [k, v] of Object.entries(model.declared)) declared[k as keyof typeof declared] = { value: plainString(v!.value), cell: v!.cell, source: v!.source };
    const audit: WorkbookAudit = {
      calculation: result ? serializeLevyResult(result) : null,
      result,
      rows: model.accounting.total(),
      findings,
      tables: tablesReport(model),
      skippedSheets: model.skipped,
      mapping: [
        ...model.mapping.columns.map((r) => ({ key: r.key, value: r.value, origin: r.origin, target: r.target === "ignore" ? "ignore" : meaningId(r.target), applied: r.applied })),
        ...model.mapping.kinds.map((r) => ({ key: r.key, value: r.value, origin: r.origin, target: r.kind, applied: r.applied })),
      ],
      exclusions: model.accounting.outcomes.filter((o) => o.status === "excluded"),
      rejections: model.accounting.outcomes.filter((o) => o.status === "rejected"),
      outcomesOmitted: model.accounting.omitted,
      rowsByReason: byReason,
      parameters: parametersReport(model),
      case: model.levyCase,
      headcount: headcountReport(model),
      wages: wagesReport(model),
      disabled: disabledReport(model),
      declared,
      formulas,
      reconciliation: reconciliationJson(reconcile(model)),
    };
    if (fatal) {
      audit.fatal = fatal;
      if (model.candidates) audit.candidates = model.candidates;
      audit.calculation = null;
      audit.result = null;
    }
    progress(options, 1, "done");
    return { audit, model };
  } catch (e) {
    // A defect, not bad input: still a clear message instead of a crash.
    const message = e instanceof Error ? e.message : String(e);
    return {
      audit: {
        calculation: null,
        result: null,
        rows: emptyRows,
        findings: [],
        fatal: { zh: `内部错误，无法分析此工作簿：${message}`, en: `Internal error; the workbook could not be analysed: ${message}` },
        tables: [],
        skippedSheets: [],
        mapping: [],
        exclusions: [],
        rejections: [],
        outcomesOmitted: 0,
        rowsByReason: {},
        parameters: {
          sheet: null,
          values: [],
          unknown: [],
          employerName: null,
          uscc: null,
          filingYear: 0,
          dataYear: 0,
          filingDate: null,
          periodSource: "today",
          region: { input: "", code: null },
          entityType: "enterprise",
          headcountMethod: "start-end-average",
          overrides: [],
        },
        case: null,
        headcount: null,
        wages: null,
        disabled: null,
        declared: {},
        formulas: [],
      },
      model: null,
    };
  }
}

export function analyseWorkbook(sheets: SheetData[], options?: AnalyseOptions): WorkbookAudit {
  return analyseWorkbookWithModel(sheets, options ?? {}).audit;
}

export type { AuditResult };
