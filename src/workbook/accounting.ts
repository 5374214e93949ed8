/**
 * Row accounting: every data row read is counted, excluded with a reason code, or rejected with a finding code, and
 * read = counted + excluded + rejected per table and in total. Counted rows are only counted (no object per row);
 * excluded and rejected rows are listed with their reason, up to MAX_OUTCOMES in all (the counts by reason are
 * always complete).
 */
import type { Bilingual } from "../core/rules/types";
import type { TableKind } from "./fields";

export const MAX_OUTCOMES = 50_000;

export interface RowCountsByTable {
  read: number;
  counted: number;
  excluded: number;
  rejected: number;
}

export interface RowOutcome {
  sheet: string;
  /** 1-based sheet row number. */
  row: number;
  table: TableKind;
  status: "excluded" | "rejected";
  /** A finding code from the registry: HC_INTERN, PERIOD_MISMATCH, DATA_BAD_DATE, … */
  reason: string;
  detail: Bilingual;
  /** The cell that decided it (A1 address on `sheet`), when there is one. */
  cell?: string;
  /** Who the row is about (employee ID or name), when known. */
  person?: string;
}

export class RowAccounting {
  readonly perTable = new Map<number, RowCountsByTable>();
  readonly byReason = new Map<string, { excluded: number; rejected: number }>();
  readonly outcomes: RowOutcome[] = [];
  /** Outcomes not listed because the list was full. */
  omitted = 0;

  private counts(table: number): RowCountsByTable {
    let c = this.perTable.get(table);
    if (!c) {
      c = { read: 0, counted: 0, excluded: 0, rejected: 0 };
      this.perTable.set(table, c);
    }
    return c;
  }

  counted(table: number, rows = 1): void {
    const c = this.counts(table);
    c.read += rows;
    c.counted += rows;
  }

  /** Takes ownership of `outcome` (sets its status; no copy: up to a million rows may be excluded). */
  excluded(table: number, outcome: Omit<RowOutcome, "status">): void {
    const c = this.counts(table);
    c.read++;
    c.excluded++;
    const o = outcome as RowOutcome;
    o.status = "excluded";
    this.note(o);
  }

  rejected(table: number, outcome: Omit<RowOutcome, "status">): void {
    const c = this.counts(table);
    c.read++;
    c.rejected++;
    const o = outcome as RowOutcome;
    o.status = "rejected";
    this.note(o);
  }

  /** A table registered with no rows (so it still appears in the report). */
  touch(table: number): void {
    this.counts(table);
  }

  private note(o: RowOutcome): void {
    let r = this.byReason.get(o.reason);
    if (!r) {
      r = { excluded: 0, rejected: 0 };
      this.byReason.set(o.reason, r);
    }
    r[o.status]++;
    if (this.outcomes.length < MAX_OUTCOMES) this.outcomes.push(o);
    else this.omitted++;
  }

  total(): RowCountsByTable {
    const t = { read: 0, counted: 0, excluded: 0, rejected: 0 };
    for (const c of this.perTable.values()) {
      t.read += c.read;
      t.counted += c.counted;
      t.excluded += c.excluded;
      t.rejected += c.rejected;
    }
    return t;
  }
}
