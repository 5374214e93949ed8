/**
 * Findings are data (DEVELOPERS.md): a stable code, a severity, a bilingual message, the cells concerned and a fix.
 * The task pane, the CLI, the audit working paper and the docs all read findings in this shape.
 */
import type { Bilingual } from "../core/rules/types";
import type { CellRef } from "../workbook/types";

export type Severity = "error" | "warning" | "info";

export interface Finding {
  /** Stable code from the registry, e.g. "HC_INTERN". */
  code: string;
  severity: Severity;
  message: Bilingual;
  /** The cells concerned (at most a few hundred; `rows` says how many rows in all). */
  cells: CellRef[];
  /** Number of data rows concerned (0 when the finding is about parameters or totals). */
  rows: number;
  suggestion: Bilingual;
  /**
   * The legal or official document behind the finding, as a reader can look it up (number, title, article), or ""
   * for a data-quality finding that rests on no legal text. Never a file of this project.
   */
  source: string;
  /** Added: the official page of `source`, when one is known (government sites; never a repost). */
  sourceUrl?: string;
  /** Amount of money at stake where the rule can tell (decimal string, yuan). */
  amount?: string;
}

/** A rule's catalogue entry (the pane and the docs show the catalogue). */
export interface RuleInfo {
  code: string;
  severity: Severity;
  title: Bilingual;
  description: Bilingual;
  source: string;
  /** What to do about a finding of this rule, used when the finding itself carries no specific suggestion. */
  fix?: Bilingual;
}
