/**
 * Cell-level problems found while reading tables, aggregated per (code, sheet, column) so that a column of 100,000
 * text-stored numbers is one issue with a count, not 100,000 objects. The first MAX_CELLS addresses are kept; `rows`
 * is always the full count.
 */
import type { Bilingual } from "../core/rules/types";
import { cellAddress } from "./address";
import type { CellPosition } from "./address";
import type { CellRef } from "./types";

export const MAX_CELLS = 200;

export interface ParseIssue {
  /** A finding code from the registry (DATA_BAD_NUMBER, DATA_BAD_DATE, …). */
  code: string;
  sheet: string;
  /** The column's meaning id ("hireDate", "pay:bonus") or a block name ("parameters"). */
  field: string;
  /** The header text as written in the sheet. */
  header: string;
  cells: CellRef[];
  rows: number;
  /** A few of the offending values, as written. */
  samples: string[];
  /** Extra explanation (e.g. what the unknown value was taken to mean). */
  detail?: Bilingual;
}

export class IssueLog {
  private readonly byKey = new Map<string, ParseIssue>();

  /** `address` is computed only while the cell list is below the cap (address strings are not free at 1M rows). */
  add(code: string, sheet: string, field: string, header: string, address: () => string, sample?: string, detail?: Bilingual): void {
    // Different explanations (a checksum error vs an ID stored as a number) are different issues.
    const issue = this.issue(code, sheet, field, header, detail);
    issue.rows++;
    if (issue.cells.length < MAX_CELLS) issue.cells.push({ sheet, address: address() });
    if (sample !== undefined && issue.samples.length < 5 && !issue.samples.includes(sample)) issue.samples.push(sample);
  }

  /**
   * The same for a cell at values[r][c] of a table. Per-row loops use this form: a closure such as
   * `() => addressOf(t, r, c)` inside a loop body makes V8 allocate a context for the loop variables on every
   * iteration, even when no issue is ever added (that alone cost ~100 bytes per payroll row).
   */
  addCell(code: string, sheet: string, field: string, header: string, origin: CellPosition, r: number, c: number, sample?: string, detail?: Bilingual): void {
    const issue = this.issue(code, sheet, field, header, detail);
    issue.rows++;
    if (issue.cells.length < MAX_CELLS) issue.cells.push({ sheet, address: cellAddress(origin, r, c) });
    if (sample !== undefined && issue.samples.length < 5 && !issue.samples.includes(sample)) issue.samples.push(sample);
  }

  /** One issue naming several cells, possibly on different sheets (a parameter written twice). */
  addCells(code: string, sheet: string, field: string, header: string, cells: readonly CellRef[], sample?: string, detail?: Bilingual): void {
    const issue = this.issue(code, sheet, field, header, detail);
    issue.rows++;
    for (const c of cells) if (issue.cells.length < MAX_CELLS) issue.cells.push(c);
    if (sample !== undefined && issue.samples.length < 5 && !issue.samples.includes(sample)) issue.samples.push(sample);
  }

  private issue(code: string, sheet: string, field: string, header: string, detail?: Bilingual): ParseIssue {
    const key = `${code}\u0000${sheet}\u0000${field}\u0000${header}\u0000${detail?.en ?? ""}`;
    let issue = this.byKey.get(key);
    if (!issue) {
      issue = { code, sheet, field, header, cells: [], rows: 0, samples: [] };
      if (detail) issue.detail = detail;
      this.byKey.set(key, issue);
    }
    return issue;
  }

  list(): ParseIssue[] {
    return [...this.byKey.values()];
  }

  byCode(code: string): ParseIssue[] {
    return this.list().filter((i) => i.code === code);
  }
}
