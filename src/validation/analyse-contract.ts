/**
 * The contract between the pure analysis (workbook model + core + validation) and its adapters (CLI, task pane).
 * `analyseWorkbook` in ./analyse.ts implements it.
 */
import type { LevyResultJson } from "../core/levy/serialize";
import type { LevyResult } from "../core/levy/types";
import type { Bilingual } from "../core/rules/types";
import type { SheetData } from "../workbook/types";
import type { Finding } from "./types";

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
}
