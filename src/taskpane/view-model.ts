/**
 * What the pane shows, computed from the analysis without a DOM: the form card, the reduction band and the distance
 * to the next one, the trail as a tree down to the rows, the findings grouped by severity, and the rows of the two
 * sheets the add-in writes. Every figure is formatted from the decimal strings of the calculation (never a float).
 */
import type { Snapshot } from "../snapshot/types";
import { dec, fixedPlaces, moneyDisplay } from "../core/decimal";
import { ENTITY_TYPES } from "../core/levy/calculate";
import { PARAMETER_INFO } from "../core/rules/parameters";
import type { LevyResultJson } from "../core/levy/serialize";
import type { EntityType, ReductionKind, TrailStep } from "../core/levy/types";
import { TRAIL_INPUT_LABELS, exactText, trailInputsText } from "../core/levy/trail-labels";
import { chinaTime } from "../core/china-time";
import { ALL_PROFILES, findRegion } from "../core/rules/resolve";
import { CONFIDENCE_LABELS, citationLine, citationText, citationUrl } from "../core/rules/sources";
import type { Bilingual } from "../core/rules/types";
import type { AuditResult } from "../validation/analyse-contract";
import type { RowOutcome } from "../workbook/accounting";
import type { TableKind } from "../workbook/fields";
import { ruleInfo } from "../validation/registry";
import type { Finding, Severity } from "../validation/types";
import type { CellRef } from "../workbook/types";
import type { WriteCell } from "./excel-gateway";
import { both, pick, t, type Language } from "./i18n";

/** Certified disabled hires (from January of the data year, weight 1) that reach the next reduction band. */
export interface HiresView {
  target: "tier-50" | "full" | "none";
  hires: number;
  reachable: boolean;
  /** Col 12 before minus after (decimal string). */
  saving: string;
  payableAfter: string;
}

/** Rows excluded or rejected for one reason on one sheet (the analysis lists them row by row; the pane groups them). */
export interface OutcomeGroup {
  table: TableKind;
  sheet: string;
  status: "excluded" | "rejected";
  reason: string;
  /** 1-based sheet rows. */
  rows: number[];
  detail: Bilingual;
}

/**
 * The analysis as the pane keeps it: AuditResult without the Decimal-valued `result` (not cloneable from a worker)
 * and with the excluded and rejected rows grouped (up to 50,000 row objects would otherwise cross from the worker).
 */
export type PaneAudit = Omit<AuditResult, "result" | "exclusions" | "rejections"> & {
  outcomes?: OutcomeGroup[];
  hires?: HiresView | null;
  /** The filed snapshot of this run (issue 10 §3), written to the hidden 快照 sheet with the working paper. */
  snapshot?: Snapshot | null;
  /** Set when the workbook was too large for the pane to make the snapshot (rows read, the pane's limit). */
  snapshotSkipped?: { rows: number; limit: number };
  /** Snapshots found in the workbook's hidden 快照 sheets (last year's for the 同比 view), or why they cannot be read. */
  filed?: { snapshots: Array<{ sheet: string; snapshot: Snapshot }>; error?: Bilingual };
};

/** Groups row outcomes by (sheet, status, reason), keeping only the row numbers. */
export function groupOutcomes(outcomes: readonly RowOutcome[]): OutcomeGroup[] {
  const groups = new Map<string, OutcomeGroup>();
  for (const o of outcomes) {
    const k = `${o.sheet}\u0000${o.status}\u0000${o.reason}`;
    const g = groups.get(k);
    if (g) g.rows.push(o.row);
    else groups.set(k, { table: o.table, sheet: o.sheet, status: o.status, reason: o.reason, rows: [o.row], detail: o.detail });
  }
  return [...groups.values()];
}

export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/* ---------------------------------------------------------------- formatting */

const MONEY_STEPS = new Set(["wageTotal", "averageWage", "wageBase", "wageCap", "grossDue", "reduction", "alreadyPaid", "payable", "socialAverageWage"]);
const PEOPLE_STEPS = new Set(["headcount", "certifiedDisabled", "required", "shortfall"]);
const RATIO_STEPS = new Set(["quotaRatio", "localCollectionRate", "disabledShare", "payableShare", "proration"]);

function isDecimalText(s: string): boolean {
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s.trim());
}

export function formatMoney(value: string | null | undefined): string {
  if (value === null || value === undefined || !isDecimalText(value)) return value ?? "";
  return moneyDisplay(dec(value));
}

/** Headcounts and shortfalls: two decimals, as the filing guides show them, grouped in thousands. */
export function formatPeople(value: string): string {
  return isDecimalText(value) ? moneyDisplay(dec(value)) : value;
}

/** "0.015" → "1.5%"; long shares are shown to two decimals of a percent. */
export function formatPercent(value: string): string {
  if (!isDecimalText(value)) return value;
  const pct = dec(value).times(100);
  return `${pct.decimalPlaces() > 2 ? fixedPlaces(pct, 2) : pct.toString()}%`;
}

/** A trail step's value, formatted by what it measures. */
export function formatStepValue(step: Pick<TrailStep, "id" | "value">): string {
  if (MONEY_STEPS.has(step.id)) return formatMoney(step.value);
  if (PEOPLE_STEPS.has(step.id)) return formatPeople(step.value);
  if (RATIO_STEPS.has(step.id)) return formatPercent(step.value);
  return step.value;
}

/**
 * The exact value behind a figure shown rounded (差额人数 0.68 shown, 0.67875 used), or undefined when the shown
 * figure is the value itself. The pane shows it on hover/expand, so a hand check of 0.68 × base is not mistaken for
 * an error.
 */
export function exactValue(step: Pick<TrailStep, "id" | "value">): string | undefined {
  if (!isDecimalText(step.value) || !(MONEY_STEPS.has(step.id) || PEOPLE_STEPS.has(step.id))) return undefined;
  return exactText(step.value);
}

/** One money style: "42,789.53 元" in Chinese, "CNY 42,789.53" in English. */
export function formatAmount(lang: Language, value: string | null | undefined): string {
  const shown = formatMoney(value);
  if (shown === "") return shown;
  return lang === "zh-CN" ? `${shown} 元` : `CNY ${shown}`;
}

/** "1 row", "2 rows", "3 行". */
export function rowsText(lang: Language, count: number): string {
  return t(lang, "rowCount", { count });
}

/** A source as the pane shows it: the citation, and how sure it is when it is not confirmed ("" when none). */
export function sourceText(lang: Language, source: string | undefined, confidence?: Bilingual): string {
  if (!source) return "";
  if (!confidence) return source;
  return lang === "zh-CN" ? `${source}（${confidence.zh}）` : `${source} (${confidence.en})`;
}

/** The trail's input names in the form's terms ("在职职工人数（第5栏）" for "headcount"). */
export { TRAIL_INPUT_LABELS };

export const ENTITY_LABELS: Record<EntityType, Bilingual> = {
  enterprise: { zh: "企业", en: "Enterprise" },
  government: { zh: "机关", en: "Government body" },
  "public-institution": { zh: "事业单位", en: "Public institution" },
  "social-organization": { zh: "社会团体", en: "Social organisation" },
  "private-non-enterprise": { zh: "民办非企业单位", en: "Private non-enterprise unit" },
  other: { zh: "其他", en: "Other" },
};

export const REDUCTION_LABELS: Record<ReductionKind, Bilingual> = {
  none: { zh: "无减免（按全额缴纳）", en: "No reduction (pays in full)" },
  "tier-50": { zh: "分档减缴：按 50% 缴纳", en: "Upper band: pays 50%" },
  "tier-90": { zh: "分档减缴：按 90% 缴纳", en: "Lower band: pays 90%" },
  "small-enterprise": { zh: "30 人（含）以下企业免征", en: "Small-enterprise exemption (≤ 30 staff)" },
};

/* ---------------------------------------------------------------- pickers */

export interface PickerOption {
  value: string;
  label: string;
}

export function regionOptions(lang: Language): PickerOption[] {
  return ALL_PROFILES.map((p) => ({ value: p.code, label: `${p.parent && p.parent !== "CN" ? "　" : ""}${pick(lang, p.label)} · ${p.code}` }));
}

export function regionLabel(lang: Language, code: string): string {
  const p = ALL_PROFILES.find((r) => r.code === code);
  return p ? pick(lang, p.label) : code;
}

export function entityOptions(lang: Language): PickerOption[] {
  return ENTITY_TYPES.map((e) => ({ value: e, label: pick(lang, ENTITY_LABELS[e]) }));
}

/** What the workbook's parameter block says for the pickers (shown on their "from the workbook" option). */
export function workbookDefaults(lang: Language, audit: PaneAudit | null): { region: string | null; filingYear: string | null; entityType: string | null } {
  const values = audit?.parameters?.values ?? [];
  const value = (name: string) => values.find((v) => v.name === name)?.value ?? null;
  const region = value("region");
  const entity = value("entityType");
  const known = entity !== null && (ENTITY_TYPES as readonly string[]).includes(entity) ? ENTITY_LABELS[entity as EntityType] : null;
  const regionCode = region === null ? null : findRegion(region)?.code;
  return {
    region: region === null ? null : regionCode ? regionLabel(lang, regionCode) : region,
    filingYear: value("filingYear"),
    entityType: entity === null ? null : known ? pick(lang, known) : entity,
  };
}

/** Filing years offered: from the first under 72号 (2016) to next year. */
export function filingYearOptions(today: string): PickerOption[] {
  const last = Number(today.slice(0, 4)) + 1;
  const out: PickerOption[] = [];
  for (let y = last; y >= 2016; y--) out.push({ value: String(y), label: String(y) });
  return out;
}

/* ---------------------------------------------------------------- form card */

export interface CardRow {
  /** Form column (4–12), or null for an intermediate figure. */
  column: number | null;
  stepId: string;
  label: Bilingual;
  value: string;
  /** Added: the exact value when `value` is shown rounded (see exactValue). */
  exact?: string;
  /** Added: how the figure is computed, in the form's terms. */
  formulaText?: Bilingual;
  emphasis?: boolean;
}

/** Form columns 4–12 in order, with the cap, base, required and shortfall between 8 and 9. */
export function formCard(calc: LevyResultJson): CardRow[] {
  const byId = new Map(calc.trail.map((s) => [s.id, s]));
  const rows: CardRow[] = [];
  const column = (n: number) => calc.trail.find((s) => s.formColumn === n);
  const push = (step: TrailStep | undefined, col: number | null, extra: Partial<CardRow> = {}) => {
    if (!step) return;
    const row: CardRow = { column: col, stepId: step.id, label: step.label, value: formatStepValue(step), ...extra };
    const exact = exactValue(step);
    if (exact !== undefined) row.exact = exact;
    if (step.formulaText) row.formulaText = step.formulaText;
    rows.push(row);
  };
  for (const n of [4, 5, 6, 7, 8]) push(column(n), n);
  rows.push({
    column: null,
    stepId: "wageCap",
    label: { zh: "封顶额（社平工资 × 倍数）", en: "Wage cap (social average × multiple)" },
    value: calc.wageCap === null ? "—" : formatMoney(calc.wageCap),
  });
  push(byId.get("wageBase"), null);
  push(byId.get("required"), null);
  push(byId.get("shortfall"), null);
  for (const n of [9, 10, 11]) push(column(n), n);
  push(column(12), 12, { emphasis: true });
  return rows;
}

/**
 * The form card's note when a figure is shown rounded: amounts use the exact values (null when nothing is rounded).
 */
export function formCardNote(calc: LevyResultJson): Bilingual | null {
  return formCard(calc).some((r) => r.exact !== undefined) ? both("exactValuesNote") : null;
}

/* ---------------------------------------------------------------- band */

export interface BandView {
  kind: ReductionKind;
  label: Bilingual;
  disabledShare: string;
  quotaMet: boolean;
  /** Hires to the next band and the saving (formatted), when there is a next band. */
  hires: { count: number; target: Bilingual; saving: string; payableAfter: string; reachable: boolean } | null;
  /** The TIER_NEAR finding, when the analysis produced one. */
  near: { message: Bilingual; suggestion: Bilingual; saving: string | null; cells: CellRef[] } | null;
}

const TARGET_LABELS: Record<"tier-50" | "full", Bilingual> = {
  "tier-50": { zh: "按 50% 缴纳的档次", en: "the 50% band" },
  full: { zh: "按比例安排（无需缴纳）", en: "the full quota (nothing to pay)" },
};

export function bandView(audit: PaneAudit): BandView | null {
  const calc = audit.calculation;
  if (!calc) return null;
  const near = audit.findings.find((f) => f.code === "TIER_NEAR");
  const quotaMet = dec(calc.shortfall).isZero();
  const plan = audit.hires;
  return {
    kind: calc.reductionKind,
    label: quotaMet ? { zh: "已达到按比例安排要求，无需缴纳", en: "Quota met: nothing to pay" } : REDUCTION_LABELS[calc.reductionKind],
    disabledShare: formatPercent(calc.disabledShare),
    quotaMet,
    hires:
      plan && plan.target !== "none" && plan.hires > 0
        ? { count: plan.hires, target: TARGET_LABELS[plan.target], saving: formatMoney(plan.saving), payableAfter: formatMoney(plan.payableAfter), reachable: plan.reachable }
        : null,
    near: near ? { message: near.message, suggestion: near.suggestion, saving: near.amount ? formatMoney(near.amount) : null, cells: near.cells } : null,
  };
}

/* ---------------------------------------------------------------- trail tree */

export interface TrailNode {
  /** Unique within the tree (the path of step ids). */
  key: string;
  label: Bilingual;
  value: string;
  column?: number;
  /** The engine's formula (as in the JSON trail); show `formulaText` to people. */
  formula?: string;
  /** Added: the formula in the form's terms, both languages. */
  formulaText?: Bilingual;
  /** The legal or official source (citation only, never a file of ours). */
  source?: string;
  /** Added: the official page of the source, when known. */
  sourceUrl?: string;
  /** Added: how sure the source is, when not confirmed ("二手资料，待核实"). */
  confidence?: Bilingual;
  /** Added: the exact value when `value` is shown rounded. */
  exact?: string;
  note?: Bilingual;
  cells: CellRef[];
  /** Rows concerned, for row nodes. */
  rows?: number;
  /** Finding code of an excluded or rejected group. */
  code?: string;
  kind: "step" | "counted" | "excluded";
  children: TrailNode[];
}

/** The tables behind each input of the calculation, and the findings that fall back when the analysis has no row list. */
const INPUT_TABLES: Record<string, { tables: readonly TableKind[]; findings: RegExp }> = {
  headcount: { tables: ["roster", "monthlyHeadcount"], findings: /^(HC_|MONTHS_)/ },
  wageTotal: { tables: ["payroll"], findings: /^WG_/ },
  certifiedDisabled: { tables: ["disabled"], findings: /^DS_/ },
};

/** "A1:I301" → its columns and last row. */
function rangeParts(range: string): { first: string; last: string; top: number; bottom: number } | null {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(range.trim());
  if (!m) return null;
  return { first: m[1], last: m[3] ?? m[1], top: Number(m[2]), bottom: Number(m[4] ?? m[2]) };
}

/** Row numbers → row ranges across the table's columns ("A5:I9"), consecutive rows merged. */
function rowRanges(sheet: string, rows: readonly number[], first: string, last: string): CellRef[] {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  return runs(sorted.length, (i) => sorted[i]).map(([a, b]) => ({ sheet, address: `${first}${a}:${last}${b}` }));
}

/** Runs of consecutive values in an increasing sequence of `n` numbers: [first, last] pairs. */
function runs(n: number, at: (i: number) => number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && at(j + 1) === at(j) + 1) j++;
    out.push([at(i), at(j)]);
    i = j + 1;
  }
  return out;
}

/** The data rows of a table that are neither excluded nor rejected, as row ranges (no per-row array). */
function countedRanges(sheet: string, from: number, to: number, left: ReadonlySet<number>, first: string, last: string): CellRef[] {
  const out: CellRef[] = [];
  let start = -1;
  for (let row = from; row <= to + 1; row++) {
    const counted = row <= to && !left.has(row);
    if (counted && start < 0) start = row;
    if (!counted && start >= 0) {
      out.push({ sheet, address: `${first}${start}:${last}${row - 1}` });
      start = -1;
    }
  }
  return out;
}

/** The row-level children of an input step: the rows counted per table, then the rows excluded or rejected per reason. */
function rowNodes(audit: PaneAudit, stepId: string, key: string): TrailNode[] {
  const spec = INPUT_TABLES[stepId];
  if (!spec) return [];
  const nodes: TrailNode[] = [];
  const tables = (audit.tables ?? []).filter((t) => spec.tables.includes(t.kind));
  const groups = (audit.outcomes ?? []).filter((g) => spec.tables.includes(g.table));
  for (const table of tables) {
    // The table's data rows less the rows excluded or rejected (the selection shows exactly what was counted).
    const r = rangeParts(table.range);
    const left = new Set(groups.filter((g) => g.sheet === table.sheet).flatMap((g) => g.rows));
    nodes.push({
      key: `${key}#counted:${table.sheet}`,
      label: { zh: `计入的行：${table.sheet}`, en: `Rows counted: ${table.sheet}` },
      value: String(table.rows.counted),
      cells: r ? countedRanges(table.sheet, table.headerRow + 1, r.bottom, left, r.first, r.last) : [],
      rows: table.rows.counted,
      kind: "counted",
      children: [],
    });
  }
  if (audit.outcomes !== undefined) {
    // One node per status and reason, across the sheets of this input.
    const merged = new Map<string, OutcomeGroup[]>();
    for (const g of groups) {
      const k = `${g.status}:${g.reason}`;
      merged.set(k, [...(merged.get(k) ?? []), g]);
    }
    for (const [k, list] of merged) {
      const { status, reason } = list[0];
      const finding = audit.findings.find((f) => f.code === reason);
      const cells: CellRef[] = [];
      for (const g of list) {
        const r = rangeParts(tables.find((t) => t.sheet === g.sheet)?.range ?? "");
        cells.push(...rowRanges(g.sheet, g.rows, r?.first ?? "A", r?.last ?? "A"));
      }
      const word = status === "excluded" ? { zh: "剔除", en: "Excluded" } : { zh: "拒收", en: "Rejected" };
      const title = ruleInfo(reason)?.title ?? list[0].detail;
      const count = list.reduce((n, g) => n + g.rows.length, 0);
      nodes.push({
        key: `${key}#${k}`,
        code: reason,
        label: { zh: `${word.zh}：${title.zh}`, en: `${word.en}: ${title.en}` },
        value: String(count),
        cells,
        rows: count,
        source: finding?.source,
        kind: "excluded",
        children: [],
      });
    }
    return nodes;
  }
  // An AuditResult without the row lists: the findings that excluded rows stand for them.
  audit.findings
    .filter((f) => spec.findings.test(f.code) && f.rows > 0)
    .forEach((f, i) => {
      nodes.push({ key: `${key}#${f.code}-${i}`, code: f.code, label: ruleInfo(f.code)?.title ?? f.message, value: String(f.rows), cells: f.cells, rows: f.rows, source: f.source, kind: "excluded", children: [] });
    });
  return nodes;
}

/**
 * The trail as a tree: the payable amount at the root, each step's children are the steps its inputs name, and the
 * inputs read from the workbook end in the rows counted and the rows excluded (with their cells).
 */
export function trailTree(audit: PaneAudit): TrailNode | null {
  const calc = audit.calculation;
  if (!calc) return null;
  const byId = new Map(calc.trail.map((s) => [s.id, s]));
  const root = byId.get("payable") ?? calc.trail[calc.trail.length - 1];
  if (!root) return null;
  // An input can appear twice in the tree (the headcount under col 8 and under the required number): its row
  // nodes are computed once and re-keyed.
  const rowsByStep = new Map<string, TrailNode[]>();
  const rowsOf = (stepId: string, key: string): TrailNode[] => {
    let nodes = rowsByStep.get(stepId);
    if (!nodes) {
      nodes = rowNodes(audit, stepId, "");
      rowsByStep.set(stepId, nodes);
    }
    return nodes.map((n) => ({ ...n, key: `${key}${n.key}` }));
  };

  const build = (step: TrailStep, path: string, seen: ReadonlySet<string>): TrailNode => {
    const key = path ? `${path}/${step.id}` : step.id;
    const node: TrailNode = {
      key,
      label: step.label,
      value: formatStepValue(step),
      column: step.formColumn,
      formula: step.formula,
      source: step.rule ? citationText(step.rule.source) : undefined,
      note: step.note,
      cells: [],
      kind: "step",
      children: [],
    };
    if (step.formulaText) node.formulaText = step.formulaText;
    const url = step.rule ? citationUrl(step.rule.source) : undefined;
    if (url) node.sourceUrl = url;
    if (step.rule && step.rule.confidence !== "confirmed") node.confidence = CONFIDENCE_LABELS[step.rule.confidence];
    const exact = exactValue(step);
    if (exact !== undefined) node.exact = exact;
    const next = new Set(seen).add(step.id);
    for (const input of Object.keys(step.inputs)) {
      const child = byId.get(input);
      if (child && !next.has(input)) node.children.push(build(child, key, next));
    }
    node.children.push(...rowsOf(step.id, key));
    return node;
  };
  return build(root, "", new Set());
}

/* ---------------------------------------------------------------- findings */

export interface FindingGroup {
  severity: Severity;
  count: number;
  findings: Finding[];
}

export function severityCounts(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** Findings grouped by severity (errors first), optionally only one rule's; empty groups are dropped. */
export function groupFindings(findings: readonly Finding[], code: string | null = null): FindingGroup[] {
  const shown = code ? findings.filter((f) => f.code === code) : findings;
  return SEVERITIES.map((severity) => {
    const list = shown.filter((f) => f.severity === severity);
    return { severity, count: list.length, findings: list };
  }).filter((g) => g.count > 0);
}

/** The rule codes present, with counts, for the filter. */
export function ruleCodes(findings: readonly Finding[]): Array<{ code: string; count: number; severity: Severity; title: Bilingual | null }> {
  const map = new Map<string, { code: string; count: number; severity: Severity; title: Bilingual | null }>();
  for (const f of findings) {
    const e = map.get(f.code);
    if (e) e.count++;
    else map.set(f.code, { code: f.code, count: 1, severity: f.severity, title: ruleInfo(f.code)?.title ?? null });
  }
  return [...map.values()].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.code.localeCompare(b.code));
}

/** "花名册!D5, D7, D9 (+12)": cells grouped by sheet, at most `max` shown. */
export function describeCells(cells: readonly CellRef[], max = 4, total?: number): string {
  if (cells.length === 0) return "";
  const shown = cells.slice(0, max);
  const parts: string[] = [];
  let sheet = "";
  for (const c of shown) {
    parts.push(c.sheet === sheet ? c.address : `${c.sheet}!${c.address}`);
    sheet = c.sheet;
  }
  const rest = Math.max(cells.length, total ?? 0) - shown.length;
  return parts.join(", ") + (rest > 0 ? ` (+${rest})` : "");
}

/**
 * What to select for a list of cells: the first sheet's cells, as one address list Excel accepts
 * (RangeAreas addresses are limited in length, so at most `max` areas).
 */
export function selectionFor(cells: readonly CellRef[], max = 30): { sheet: string; address: string } | null {
  if (cells.length === 0) return null;
  const sheet = cells[0].sheet;
  const addresses = cells.filter((c) => c.sheet === sheet).map((c) => c.address);
  return { sheet, address: [...new Set(addresses)].slice(0, max).join(",") };
}

/* ---------------------------------------------------------------- sheets the add-in writes */

const MONEY_FORMAT = "#,##0.00";

/** A decimal string as an Excel number when that loses nothing at display precision (≤ 15 significant digits), else text. */
function excelNumber(value: string): WriteCell {
  if (!isDecimalText(value)) return value;
  const d = dec(value);
  return d.precision(true) <= 15 ? Number(d.toString()) : value;
}

export interface SheetRows {
  rows: WriteCell[][];
  formats: (string | null)[][];
  headerRows: number;
}

function sheetRows(rows: Array<{ cells: WriteCell[]; formats?: (string | null)[] }>, headerRows: number): SheetRows {
  return { rows: rows.map((r) => r.cells), formats: rows.map((r) => r.formats ?? r.cells.map(() => null)), headerRows };
}

/** "zh / en" in one cell (the sheets the add-in writes are bilingual side by side). */
function bilingualCell(text: Bilingual): string {
  return text.zh === text.en ? text.zh : `${text.zh} / ${text.en}`;
}

/** A step's formula for people: the form's terms when the trail has them, else the engine's. */
function formulaOf(step: TrailStep): Bilingual {
  return step.formulaText ?? { zh: step.formula, en: step.formula };
}

/** The 残保金底稿 working paper: form columns, trail, row accounting, parameters with their sources. Bilingual. */
export function workingPaperRows(audit: PaneAudit, generatedAt: string): SheetRows {
  const calc = audit.calculation;
  const out: Array<{ cells: WriteCell[]; formats?: (string | null)[] }> = [];
  const header = (cells: WriteCell[]) => out.push({ cells });
  header(["残保金计算底稿 Levy working paper", "", "", "", "", ""]);
  out.push({ cells: [`${both("generatedAtChinaTime").zh} ${both("generatedAtChinaTime").en}`, chinaTime(generatedAt), "", "", "", ""] });
  if (!calc) {
    out.push({ cells: ["无法计算 Cannot calculate", audit.fatal ? `${audit.fatal.zh} / ${audit.fatal.en}` : ""] });
    return sheetRows(out, 1);
  }
  out.push({ cells: ["地区 Region", `${calc.region.label.zh} / ${calc.region.label.en} (${calc.region.code})`] });
  out.push({ cells: ["申报年度 Filing year", calc.filingYear, "数据年度 Data year", calc.dataYear, "申报日期 Filing date", calc.filingDate] });
  out.push({ cells: ["单位类型 Entity type", `${ENTITY_LABELS[calc.entityType as EntityType]?.zh ?? calc.entityType} / ${ENTITY_LABELS[calc.entityType as EntityType]?.en ?? ""}`] });
  out.push({ cells: [] });
  header(["栏次 Column", "项目 Item", "值 Value", "公式 Formula", "依据 Source", "可信度 Confidence"]);
  for (const row of formCard(calc)) {
    const step = calc.trail.find((s) => s.id === row.stepId);
    const raw = row.stepId === "wageCap" ? calc.wageCap : step?.value ?? "";
    const money = MONEY_STEPS.has(row.stepId);
    // As the form shows it: money to the fen (col 8 is kept exact in the trail below), people to two decimals.
    const shown = raw === null ? "—" : money && isDecimalText(raw) ? excelNumber(fixedPlaces(dec(raw), 2)) : raw;
    out.push({
      cells: [row.column ?? "", `${row.label.zh} ${row.label.en}`, shown, step ? bilingualCell(formulaOf(step)) : "", step?.rule ? citationLine(step.rule.source) : "", step?.rule ? bilingualCell(CONFIDENCE_LABELS[step.rule.confidence]) : ""],
      formats: [null, null, money ? MONEY_FORMAT : null, null, null, null],
    });
  }
  out.push({ cells: ["", "减免类型 Reduction kind", `${REDUCTION_LABELS[calc.reductionKind].zh} / ${REDUCTION_LABELS[calc.reductionKind].en}`] });
  const note = formCardNote(calc);
  if (note) out.push({ cells: ["", "说明 Note", bilingualCell(note)] });
  out.push({ cells: [] });
  header(["计算轨迹 Trail", "步骤 Step", "值 Value", "公式 Formula", "输入 Inputs", "依据 Source"]);
  calc.trail.forEach((s, i) => {
    out.push({
      cells: [
        i + 1,
        `${s.label.zh} ${s.label.en}`,
        s.valueText ? bilingualCell(s.valueText) : s.value,
        bilingualCell(formulaOf(s)),
        trailInputsText(s.inputs, "zh"),
        s.rule ? `${citationLine(s.rule.source)}（${CONFIDENCE_LABELS[s.rule.confidence].zh} ${CONFIDENCE_LABELS[s.rule.confidence].en}）` : "",
      ],
    });
  });
  out.push({ cells: [] });
  header(["行 Rows", "读取 Read", "计入 Counted", "剔除 Excluded", "拒收 Rejected"]);
  out.push({ cells: ["", audit.rows.read, audit.rows.counted, audit.rows.excluded, audit.rows.rejected] });
  const excluded = audit.findings.filter((f) => f.rows > 0);
  if (excluded.length > 0) {
    out.push({ cells: [] });
    header(["剔除/问题行 Rows excluded or flagged", "代码 Code", "行数 Rows", "单元格 Cells", "说明 Message"]);
    for (const f of excluded) out.push({ cells: ["", f.code, f.rows, describeCells(f.cells, 20, f.rows), `${f.message.zh} / ${f.message.en}`] });
  }
  out.push({ cells: [] });
  header(["参数 Parameter", "值 Value", "来源 Source", "可信度 Confidence", "地区 Region", "覆盖 Overridden"]);
  for (const p of calc.parameters.filter((q) => q.used)) {
    const label = PARAMETER_INFO[p.name as keyof typeof PARAMETER_INFO]?.label;
    const confidence = CONFIDENCE_LABELS[p.confidence as keyof typeof CONFIDENCE_LABELS];
    out.push({ cells: [label ? `${label.zh} ${label.en}` : p.name, p.value === null ? "—" : String(p.value), citationLine(p.source), confidence ? bilingualCell(confidence) : p.confidence, p.regionCode, p.overridden ? "是 yes" : ""] });
  }
  return sheetRows(out, 1);
}

export const FINDINGS_SHEET_HEADERS: readonly string[] = [
  "严重程度 Severity",
  "代码 Code",
  "说明",
  "Message",
  "建议",
  "Suggestion",
  "依据 Source",
  "行数 Rows",
  "单元格 Cells",
  "涉及金额 Amount",
];

const SEVERITY_TEXT: Record<Severity, string> = { error: "错误 error", warning: "警告 warning", info: "提示 info" };

/** The 校验结果 findings sheet: one row per finding, both languages side by side for reviewers. */
export function findingsSheetRows(findings: readonly Finding[]): SheetRows {
  const sorted = [...findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
  const rows = [
    { cells: [...FINDINGS_SHEET_HEADERS] as WriteCell[] },
    ...sorted.map((f) => ({
      cells: [
        SEVERITY_TEXT[f.severity],
        f.code,
        f.message.zh,
        f.message.en,
        f.suggestion.zh,
        f.suggestion.en,
        [f.source, f.sourceUrl].filter(Boolean).join(" "),
        f.rows,
        describeCells(f.cells, 50, f.rows),
        f.amount === undefined ? "" : excelNumber(f.amount),
      ] as WriteCell[],
      formats: [null, null, null, null, null, null, null, null, null, f.amount === undefined ? null : MONEY_FORMAT],
    })),
  ];
  return sheetRows(rows, 1);
}

/** The bilingual one-line summary of a run (status line, and the "done" message). */
export function runSummary(audit: PaneAudit): Bilingual {
  const c = severityCounts(audit.findings);
  const payable = audit.calculation ? formatMoney(audit.calculation.payable) : null;
  const findings = both("findingsSummary", { errors: c.error, warnings: c.warning, infos: c.info });
  return payable === null ? findings : { zh: `应缴 ${payable} 元；${findings.zh}`, en: `payable CNY ${payable}; ${findings.en}` };
}
