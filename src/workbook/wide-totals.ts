/**
 * The whole-year total column of a month-column payroll (全年应发合计 beside 1月应发 … 12月应发, 13薪, 年终奖) is not
 * read as pay: the months and the items beside them are (detect.ts splitWidePayrolls). It is a check. Row by row, the
 * total must equal what is read — each month's wage (its components, else its 应发) plus the whole-year items — with
 * or without the non-wage items (第十一条) the table shows. A table whose total column disagrees is
 * DATA_TOTAL_MISMATCH, an error naming the total cells: one of the two figures is wrong and the levy may be understated.
 */
import { Decimal } from "../core/decimal";
import type { DetectedTable } from "./detect";
import { PAY_CATEGORIES } from "./fields";
import type { IssueLog } from "./issues";
import { MoneySum } from "./money";
import { BAD, BLANK, MoneyReader } from "./parse";
import { addressOf, headerOf, isBlankRow, usedColumns } from "./rows";
import type { CellRef, CellValue } from "./types";

interface Parts {
  /** Columns whose amounts are the row's wage, with a sign (−1: an absence deduction). */
  wage: Array<{ index: number; sign: 1 | -1 }>;
  nonWage: number[];
  totals: number[];
}

/** What one wide payroll reads as wages: per month its components (else its first total), plus the items without a month. */
function partsOf(t: DetectedTable): Parts {
  const parts: Parts = { wage: [], nonWage: [], totals: [] };
  const byMonth = new Map<number, { wage: Parts["wage"]; total: number }>();
  for (const col of t.columns) {
    const m = col.meaning;
    if (!m || m.field !== "pay" || !m.category) continue;
    const kind = PAY_CATEGORIES[m.category].kind;
    const month = m.month ?? 0;
    if (month === 0) {
      if (kind === "total") parts.totals.push(col.index);
      else if (kind === "wage") parts.wage.push({ index: col.index, sign: 1 });
      else if (kind === "nonWage" && m.category !== "employerContribution") parts.nonWage.push(col.index);
      continue;
    }
    let g = byMonth.get(month);
    if (!g) byMonth.set(month, (g = { wage: [], total: -1 }));
    if (kind === "wage") g.wage.push({ index: col.index, sign: 1 });
    else if (kind === "wageDeduction") g.wage.push({ index: col.index, sign: -1 });
    else if (kind === "total" && g.total < 0) g.total = col.index;
    else if (kind === "nonWage" && m.category !== "employerContribution") parts.nonWage.push(col.index);
  }
  for (const g of byMonth.values()) {
    if (g.wage.length) parts.wage.push(...g.wage.filter((w) => w.sign === 1 || g.wage.some((x) => x.sign === 1)));
    else if (g.total >= 0) parts.wage.push({ index: g.total, sign: 1 });
  }
  return parts;
}

/** Check every wide payroll's whole-year total column(s); one finding per table and column that disagrees. */
export function checkWideTotals(tables: readonly DetectedTable[], issues: IssueLog): void {
  const seen = new Set<string>();
  const money = new MoneyReader();
  for (const t of tables) {
    if (t.wideMonth === 0 && !t.wideAnnual) continue;
    const key = `${t.sheetName}\u0000${t.headerRowIndex}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const parts = partsOf(t);
    if (!parts.totals.length || !parts.wage.length) continue;
    const cols = usedColumns(t);
    const values = t.sheet.values;
    for (const totalCol of parts.totals) {
      const total = new MoneySum();
      const read = new MoneySum();
      const withNonWage = new MoneySum();
      const rowsOff: CellRef[] = [];
      let rows = 0;
      for (let r = t.dataStart; r < values.length; r++) {
        const row = values[r];
        if (!Array.isArray(row) || isBlankRow(row, cols)) continue;
        const tv = amount(money, row[totalCol]);
        if (tv === null || tv === BAD_AMOUNT) continue;
        let w: RowSum | null = { fen: 0, dec: null };
        for (const p of parts.wage) {
          if (!add(money, row[p.index], p.sign, w)) {
            w = null;
            break;
          }
        }
        if (w === null) continue;
        const nw: RowSum = { fen: 0, dec: null };
        for (const c of parts.nonWage) add(money, row[c], 1, nw);
        rows++;
        const wd = toDecimal(w);
        const nwd = toDecimal(nw);
        total.addDecimal(tv);
        read.addDecimal(wd);
        withNonWage.addDecimal(wd.plus(nwd));
        const off = tv.minus(wd).abs().greaterThan(1) && tv.minus(wd.plus(nwd)).abs().greaterThan(1);
        if (off && rowsOff.length < 200) rowsOff.push({ sheet: t.sheetName, address: addressOf(t, r, totalCol) });
      }
      if (!rows) continue;
      const T = total.toDecimal();
      const W = read.toDecimal();
      const WN = withNonWage.toDecimal();
      if (T.minus(W).abs().lessThanOrEqualTo(1) || T.minus(WN).abs().lessThanOrEqualTo(1)) continue;
      const header = headerOf(t, totalCol);
      issues.addCells("DATA_TOTAL_MISMATCH", t.sheetName, "pay:grossPay", header, rowsOff.length ? rowsOff : [{ sheet: t.sheetName, address: addressOf(t, t.headerRowIndex, totalCol) }], header, {
        zh: `“${t.sheetName}”表的“${header}”列合计为 ${T.toFixed(2)}，而各月工资加上月份列之外的工资项目（如年终奖、13薪）合计为 ${W.toFixed(2)}（差 ${T.minus(W).toFixed(2)}，${rowsOff.length} 行不符）：两者只有一个是对的。计算采用各月与年度项目之和，请核对。`,
        en: `Column "${header}" of sheet "${t.sheetName}" totals ${T.toFixed(2)}, while the months plus the items beside them (year-end bonus, 13th-month pay) add up to ${W.toFixed(2)} (difference ${T.minus(W).toFixed(2)}; ${rowsOff.length} rows disagree): only one can be right. The months and items are used; check which is the filing basis.`,
      });
    }
  }
}

const BAD_AMOUNT = new Decimal(NaN);

interface RowSum {
  fen: number;
  dec: Decimal | null;
}

/** Adds a cell's amount (negated when sign is −1: an absence deduction); false when the cell cannot be read. */
function add(money: MoneyReader, v: CellValue | undefined, sign: 1 | -1, sum: RowSum): boolean {
  const s = money.read(v);
  if (s === BLANK) return true;
  if (s === BAD) return false;
  if (money.decimal) sum.dec = (sum.dec ?? new Decimal(0)).plus(sign === 1 ? money.decimal : money.decimal.abs().negated());
  else sum.fen += sign === 1 ? money.fen : -Math.abs(money.fen);
  return true;
}

function toDecimal(sum: RowSum): Decimal {
  const d = new Decimal(sum.fen).dividedBy(100);
  return sum.dec ? d.plus(sum.dec) : d;
}

/** A cell's amount: null when blank, BAD_AMOUNT when unreadable. */
function amount(money: MoneyReader, v: CellValue | undefined): Decimal | null {
  const s = money.read(v);
  if (s === BLANK) return null;
  if (s === BAD) return BAD_AMOUNT;
  return money.decimal ?? new Decimal(money.fen).dividedBy(100);
}
