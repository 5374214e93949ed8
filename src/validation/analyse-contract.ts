/**
 * The contract between the pure analysis (workbook model + core + validation) and its adapters (CLI, task pane).
 * `analyseWorkbook` in ./analyse.ts implements it.
 */
import type { LevyResultJson } from "../core/levy/serialize";
import type { LevyCase, LevyResult } from "../core/levy/types";
import type { Bilingual } from "../core/rules/types";
import type { RowOutcome } from "../workbook/accounting";
import type { DeclField } from "../workbook/declaration";
import type { PayKind, TableKind } from "../workbook/fields";
import type { CellRef, SheetData } from "../workbook/types";
import type { Finding } from "./types";
import type { ReconciliationJson } from "../reconciliation/reconcile";

export interface AnalyseOptions {
  /** Explicit column mapping, e.g. {"花名册!F": "employmentType"} or {"用工类别": "employmentType"} (CLI --map). */
  mapping?: Record<string, string>;
  /** Values that win over the workbook's parameter block (task-pane pickers, CLI flags). */
  region?: string;
  filingYear?: number;
  entityType?: string;
  /** Today's date (ISO) for age and validity checks; defaults to today in China. */
  today?: string;
  /** Progress callback for long runs (the pane shows it); called with a 0..1 fraction. */
  onProgress?: (fraction: number, stage: string) => void;
}

export interface RowCounts {
  read: number;
  counted: number;
  excluded: number;
  rejected: number;
}

export interface AuditResult {
  /** Same object as `levy calc --json` prints; null when the workbook could not be used (see `fatal`). */
  calculation: LevyResultJson | null;
  result: LevyResult | null;
  rows: RowCounts;
  findings: Finding[];
  /** Set when the input is unusable (no roster found, …): the CLI exits 2 with this message. */
  fatal?: Bilingual;
  /** With `fatal` when recognition was unsure: the tables, the role chosen, the runner-up and why (added). */
  candidates?: Array<{ sheet: string; kind: string; score: number; runnerUp: { kind: string; score: number } | null; reasons: Bilingual[] }>;
  // ---- Additions (always set by analyseWorkbook; optional here so adapters may build AuditResults of their own) ----
  /** Every table found and what each column was mapped to. */
  tables?: TableReport[];
  /** Sheets that held no usable table, with the reason. */
  skippedSheets?: Array<{ sheet: string; reason: Bilingual }>;
  /** Explicit mapping rules (options and parameter block) and how often each applied. */
  mapping?: MappingReport[];
  /** Excluded rows with their reason code (listed up to 50,000 rows in all; `rowsByReason` is complete). */
  exclusions?: RowOutcome[];
  /** Rejected rows with the finding code that rejected them. */
  rejections?: RowOutcome[];
  /** Excluded and rejected rows not listed because the list was full. */
  outcomesOmitted?: number;
  rowsByReason?: Record<string, { excluded: number; rejected: number }>;
  /** The parameters as read, with their cells, and the period. */
  parameters?: ParametersReport;
  /** The aggregates handed to the core (decimals as strings). */
  case?: LevyCase | null;
  headcount?: HeadcountReport | null;
  wages?: WagesReport | null;
  disabled?: DisabledReport | null;
  /** The figures the workbook declares (form columns 2–12), with their cells. */
  declared?: Partial<Record<DeclField, { value: string; cell: CellRef; source: "declaration" | "parameters" }>>;
  /** LEVY.* formulas found in the workbook and whether their cached values still hold. */
  formulas?: FormulaCheck[];
  /** Bridges to the ledger, A105050, IIT and social insurance, and the certification list (src/reconciliation). */
  reconciliation?: ReconciliationJson;
}

/** AuditResult with every addition present: what analyseWorkbook returns. */
export type WorkbookAudit = AuditResult & Required<Pick<AuditResult, "tables" | "skippedSheets" | "mapping" | "exclusions" | "rejections" | "outcomesOmitted" | "rowsByReason" | "parameters" | "case" | "headcount" | "wages" | "disabled" | "declared" | "formulas">>;

export interface TableColumnReport {
  /** Column letters on the sheet. */
  column: string;
  header: string;
  /** Field id ("employmentType", "pay:bonus"), or null when the column is not used. */
  field: string | null;
  label: Bilingual | null;
  /** For pay columns: wage component, non-wage item, total column, or ignored. */
  payKind?: PayKind;
  via: "dictionary" | "mapping" | "ignored" | "none";
  /** Where the mapping came from ("option", "参数!B14"). */
  mappingOrigin?: string;
  /** A second column with the same field: not used. */
  duplicate?: boolean;
}

export interface TableReport {
  sheet: string;
  kind: TableKind;
  kindVia: "headers" | "mapping";
  /** A1 range from the header row to the last row. */
  range: string;
  /** 1-based sheet row of the header. */
  headerRow: number;
  columns: TableColumnReport[];
  rows: RowCounts;
  /** A roster that also carries pay columns / certificate numbers, and whether its pay was used. */
  embedded?: { payroll: boolean; disabled: boolean; payUsed: boolean };
  // ---- Recognition (added): the decision, its score, the runner-up and why (src/workbook/recognise.ts) ----
  /** What the table is used as: its kind, or "derived" for a view of other sheets that is never counted. */
  role?: TableKind | "derived";
  /** Every role the rows serve (a roster with certificate columns is also the disabled register). */
  roles?: string[];
  score?: number;
  runnerUp?: { kind: string; score: number } | null;
  reasons?: Bilingual[];
  /** The runner-up scored within a point of the decision. */
  unsure?: boolean;
  /** For a derived table: the sheets its formulas read. */
  derivedFrom?: string[];
  /** For a payroll laid out with month columns: the month this slice reads. */
  month?: number;
  layout?: "month-columns";
}

export interface MappingReport {
  key: string;
  value: string;
  origin: string;
  /** "employmentType", "pay:bonus", "ignore", or a table kind for sheet rules. */
  target: string;
  applied: number;
}

export interface ParametersReport {
  sheet: string | null;
  values: Array<{ name: string; value: string; cell: CellRef }>;
  unknown: Array<{ name: string; value: string; cell: CellRef }>;
  employerName: string | null;
  uscc: string | null;
  filingYear: number;
  dataYear: number;
  filingDate: string | null;
  periodSource: "options" | "parameters" | "payroll" | "titles" | "declaration" | "today";
  region: { input: string; code: string | null };
  entityType: string;
  headcountMethod: string;
  overrides: Array<{ name: string; value: string; cell: string | null }>;
}

export interface HeadcountReport {
  method: string;
  months: Array<{ month: number; start: number; end: number; figure: string }>;
  annual: string;
  /** What each excluded category would add to the annual average, with its row count. */
  excluded: Record<string, { rows: number; annual: string }>;
}

export interface WagesReport {
  source: "payroll" | "roster" | "parameters" | "declaration" | "none";
  total: string;
  byCategory: Record<string, string>;
  nonWage: Record<string, string>;
  nonWageTotal: string;
  excludedStaff: { total: string; rows: number; byReason: Record<string, string> };
  unmatched: { rows: number; total: string };
  columns: Array<{ sheet: string; column: string; header: string; category: string; payKind: PayKind; included: string; excludedStaff: string }>;
  perMonth: boolean;
  monthsCovered: number[];
  /** What form column 4 holds: the wage total above, or (Shanghai) the sum of the contribution-base column. */
  basis: "wage-total" | "social-insurance-base";
  /** The payroll's contribution-base column (社保缴费基数) summed over the counted rows, when there is one. */
  socialInsuranceBase?: { total: string; used: boolean; columns: Array<{ sheet: string; column: string; header: string }> };
}

export interface DisabledReport {
  source: "register" | "parameters" | "declaration" | "none";
  certified: string;
  persons: Array<{
    sheet: string;
    row: number;
    person: string;
    weight: 1 | 2;
    weightReason: Bilingual;
    /** Share of the year on post (the headcount method applied to this person). */
    fraction: string;
    contribution: string;
    counted: boolean;
    reasons: Array<{ code: string; detail: Bilingual }>;
  }>;
}

export interface FormulaCheck {
  sheet: string;
  address: string;
  formula: string;
  /** LEVY function name, e.g. "DUE". */
  function: string;
  status: "ok" | "stale" | "no-cached-value" | "unsupported";
  cached: unknown;
  recomputed?: number | string | boolean | null;
  /** The error message when the recomputation failed (an Excel error would show). */
  error?: Bilingual;
}

export type { SheetData };
