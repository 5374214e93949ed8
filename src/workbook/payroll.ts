/**
 * Payroll → 上年在职职工工资总额.
 *
 * A payroll is one row per person per month (a month column, or a month in the sheet name such as "2024年3月"), or
 * one row per person per year (no month anywhere). Every pay column is classified (fields.ts): the wage total is the
 * sum of the wage-component columns; a table with no component column uses its total column (应发工资) instead.
 * Non-wage items (第十一条) are summed separately and never enter the total. A social-insurance contribution-base
 * column (社保缴费基数) is summed apart over exactly the rows whose wages are counted (socialInsuranceBase below): it is
 * never pay, and the model uses it as the levy base only where the rules say "social-insurance-base" (Shanghai).
 *
 * Rows: pay outside the data year is excluded (PERIOD_MISMATCH); pay of people the roster excludes from the headcount
 * is excluded too (WG_EXCLUDED_STAFF_PAY, rules file §2.1 consistency rule: otherwise the average wage is inflated);
 * a row with an unreadable amount or month is rejected as a whole (DATA_BAD_NUMBER / DATA_BAD_DATE), so the total is
 * never built from a silent zero. Pay of people not found in the roster is counted and reported.
 */
import { Decimal } from "../core/decimal";
import type { RowAccounting } from "./accounting";
import type { DetectedTable } from "./detect";
import { PAY_CATEGORIES } from "./fields";
import type { PayCategory } from "./fields";
import type { IssueLog } from "./issues";
import type { Bilingual } from "../core/rules/types";
import type { CellValue, SheetData } from "./types";
import { MoneySum } from "./money";
import { BAD, BLANK, MonthReader, MoneyReader, OK, TEXT, personKey } from "./parse";
import type { KeyField, Person, PersonIndex } from "./person";
import { idText } from "./roster";
import { addressOf, headerOf, isBlankRow, isRepeatedHeader, noteFormulaWithoutValue, sheetRow, summaryText, usedColumns } from "./rows";
import { cellText, showValue } from "./text";
import { normaliseHeader } from "./headers";
import { checkWideTotals } from "./wide-totals";
import { mergedDown } from "./merges";

export interface PayColumnReport {
  table: number;
  sheet: string;
  column: string;
  header: string;
  category: PayCategory;
  /** Over counted rows. */
  included: Decimal;
  /** Over rows of people excluded from the headcount. */
  excludedStaff: Decimal;
}

export interface PayrollTableReport {
  table: number;
  sheet: string;
  keyField: KeyField | null;
  perMonth: boolean;
  /** "components" when the table has wage-component columns, else "total" (its 应发 column), else "none". */
  basis: "components" | "total" | "none";
}

export interface PayrollResult {
  found: boolean;
  tables: PayrollTableReport[];
  columns: PayColumnReport[];
  /** Σ wage over counted rows. */
  wageTotal: Decimal;
  /** Included wage by component (only tables on the components basis). */
  byCategory: Map<PayCategory, Decimal>;
  /** Non-wage items over counted rows, by category. */
  nonWage: Map<PayCategory, Decimal>;
  nonWageTotal: Decimal;
  /** Tables with both components and a total column: Σ total column, and Σ components + Σ non-wage in those tables. */
  totalColumnCheck: { total: Decimal; components: Decimal; nonWage: Decimal; tables: number[] } | null;
  /** Wage of people excluded from the headcount, by the roster's reason code. */
  excludedStaff: { total: Decimal; byReason: Map<string, Decimal>; rows: number; people: Set<Person> };
  unmatched: { rows: number; total: Decimal };
  /** Bit m−1 set when some counted row belongs to month m of the data year (per-month payrolls only). */
  monthsCovered: number;
  /**
   * Σ wage over the counted rows of each month (index 0–11) of per-month tables. Rows without a month, and the
   * table-level total-column adjustment (totalBasis), are in no month: Σ byMonth equals wageTotal only when neither
   * occurs (the reconciliation checks that before attributing a month's pay).
   */
  wageByMonth?: Decimal[];
  /** Pay of people excluded from the headcount per month (index 0–11), by reason; rows without a month in none. */
  excludedByMonth?: Map<string, Decimal[]>;
  perMonthRows: number;
  /** Rows by the year their month names (per-month payrolls with years). */
  yearsSeen: Map<number, number>;
  /** Wage-component categories present in any payroll table (for WG_BONUS_MISSING). */
  categoriesPresent: Set<PayCategory>;
  /**
   * Σ of the contribution-base column over the counted rows (the rows whose wages make up wageTotal), one column per
   * table (the first); null when no table has such a column. `tablesWithout` counts the tables read that lack one.
   */
  socialInsuranceBase: { total: Decimal; columns: Array<{ table: number; sheet: string; column: string; header: string; headerCell: string }>; tablesWithout: number; badCells: number } | null;
  /**
   * Tables whose total column (应发合计) equals neither their components nor components + non-wage items: the wage
   * total takes the payroll system's own gross (the total column, less the non-wage items it holds) rather than
   * components that are incomplete (an unrecognised 夜班费) or polluted (a net-pay column read as pay).
   * WG_TOTAL_UNRECONCILED is an error beside it: two sources disagree.
   */
  totalBasis: Array<{ table: number; sheet: string; total: Decimal; components: Decimal; nonWage: Decimal; used: Decimal }>;
}

export interface PayrollContext {
  dataYear: number;
  index: PersonIndex;
  /** Roster rows by (table id, row) for rosters that carry their own pay columns. */
  personAt: (table: number, row: number) => Person | undefined;
  issues: IssueLog;
  accounting: RowAccounting;
}

// tsx/esbuild and vitest compile every use of an imported binding into a property-getter call; the per-row loop
// below runs millions of times, so it uses module-level aliases taken once at load time.
const S_BAD = BAD;
const S_BLANK = BLANK;
const S_TEXT = TEXT;
const S_OK = OK;
const personKeyFn = personKey;
const idTextFn = idText;
const cellTextFn = cellText;
const isBlankRowFn = isBlankRow;
const isRepeatedHeaderFn = isRepeatedHeader;
const summaryTextFn = summaryText;
/** Largest amount (fen) on the inline fast path, and the largest running column sum before it is flushed. */
const MAX_FAST = 1e13;
const MAX_SUM = 4e15;

function chooseKey(t: DetectedTable, index: PersonIndex): KeyField | null {
  if (t.field.has("employeeId") && index.size("employeeId") > 0) return "employeeId";
  if (t.field.has("idNumber") && index.size("idNumber") > 0) return "idNumber";
  if (t.field.has("name") && index.size("name") > 0) return "name";
  if (t.field.has("employeeId")) return "employeeId";
  if (t.field.has("idNumber")) return "idNumber";
  if (t.field.has("name")) return "name";
  return null;
}

/**
 * The fast kernel: every pay cell of the row is a plain number with at most two decimals, or blank. Adds the row's
 * amounts into `sums` and returns its wage in fen; returns NaN (having added nothing) when any cell needs the slow
 * path (text, an error value, more decimals, a running sum about to need flushing). Small and free of rare paths on
 * purpose: V8 optimises it early and a deoptimisation elsewhere never throws it away.
 */
function fastAmounts(row: readonly CellValue[], payIndex: Int32Array, role: Int8Array, rowFen: Float64Array, sums: Float64Array): number {
  const n = payIndex.length;
  let wage = 0;
  for (let k = 0; k < n; k++) {
    const v = row[payIndex[k]];
    let f = 0;
    if (typeof v === "number") {
      f = Math.round(v * 100);
      if (f / 100 !== v || f > MAX_FAST || f < -MAX_FAST) return rollback(sums, rowFen, k);
    } else if (v !== null && v !== undefined) return rollback(sums, rowFen, k);
    const total = sums[k] + f;
    if (total > MAX_SUM || total < -MAX_SUM) return rollback(sums, rowFen, k);
    sums[k] = total;
    rowFen[k] = f;
    if (role[k] === 1) wage += f;
    else if (role[k] === 6) wage -= f < 0 ? -f : f;
  }
  return wage;
}

function rollback(sums: Float64Array, rowFen: Float64Array, upTo: number): number {
  for (let k = 0; k < upTo; k++) sums[k] -= rowFen[k];
  return NaN;
}

/** Everything one payroll table needs while its rows are read. */
interface TableState {
  t: DetectedTable;
  embedded: boolean;
  pay: DetectedTable["pay"];
  n: number;
  payIndex: Int32Array;
  role: Int8Array;
  incFen: Float64Array;
  exclFen: Float64Array;
  included: MoneySum[];
  excl: MoneySum[];
  keyField: KeyField | null;
  keyCol: number;
  /** The person key merged down over several rows (merges.ts), by row; null when the key column has no merges. */
  keyFill: Map<number, CellValue> | null;
  monthCol: number;
  hasFormulas: boolean;
  rowFen: Float64Array;
  rowDec: (Decimal | null)[];
  /** Wage of counted rows in fen, kept as a number (flushed into `wage` before it could lose precision). */
  wageAcc: number;
  countedRows: number;
  /** Unreadable contribution-base cells (reported, read as blank). */
  badBaseCells: number;
  details: Map<Person, Bilingual>;
  /**
   * Running wage (fen) of the detail rows since the last subtotal row, and of all detail rows, for checking the
   * table's own 小计/合计 rows and for recognising an unlabelled one. `…Ok` is false once a row whose amount is not in
   * the sum (rejected, another year, more than two decimals) falls in the block.
   */
  /** Source group for the one-source-per-period rule: 0 regular payroll, 1 a year-end bonus sheet. */
  group: 0 | 1;
  block: { fen: number; rows: number; ok: boolean };
  grand: { fen: number; rows: number; ok: boolean };
}

interface Shared {
  ctx: PayrollContext;
  result: PayrollResult;
  wage: MoneySum;
  excludedByReason: Map<string, MoneySum>;
  unmatched: MoneySum;
  money: MoneyReader;
  months: MonthReader;
  /** Table id → sheet name, for naming the other source. */
  tableNames: Map<number, string>;
  /** Per repeating table, the first other table named in its finding (so the finding stays one per table). */
  firstOther: Map<number, string>;
  /** More than one table could supply the same person and month (a single payroll, or one month-column sheet, cannot). */
  multiSource: boolean;
  /** Counted wage per month of the data year (index 0–11). */
  byMonth: MoneySum[];
  /** Excluded staff's pay per month, by reason. */
  excludedMonths: Map<string, MoneySum[]>;
}

/** The slow path for one row: text numbers, error values, amounts with more decimals. Sets st.rowFen/rowDec. */
function slowAmounts(sh: Shared, st: TableState, row: readonly CellValue[], r: number, sums: Float64Array, sumObjects: MoneySum[]): { bad: number; wageFen: number; wageDec: Decimal | null } {
  const { t, pay, n, payIndex, role, rowFen, rowDec } = st;
  const { money } = sh;
  const issues = sh.ctx.issues;
  let bad = -1;
  let wageFen = 0;
  let wageDec: Decimal | null = null;
  for (let k = 0; k < n; k++) {
    const c = payIndex[k];
    const v = row[c];
    rowFen[k] = 0;
    rowDec[k] = null;
    if (v === null || v === undefined) {
      if (st.hasFormulas && (role[k] === 1 || role[k] === 6) && formulaWithoutValue(st, r, c, k, issues)) {
        if (bad < 0) bad = c;
      } else if (st.hasFormulas) noteFormulaWithoutValue(t, r, c, `pay:${pay[k].category}`, issues);
      continue;
    }
    const status = money.read(v);
    if (status === S_BAD) {
      issues.addCell("DATA_BAD_NUMBER", t.sheetName, `pay:${pay[k].category}`, headerOf(t, c), t.origin, r, c, showValue(v));
      // An unreadable contribution base is reported but does not throw the row's wages away (it is not pay).
      if (role[k] === 4) st.badBaseCells++;
      else if (bad < 0) bad = c;
      continue;
    }
    if (status === S_BLANK) continue;
    if (status === S_TEXT) issues.addCell("DATA_TEXT_NUMBER", t.sheetName, `pay:${pay[k].category}`, headerOf(t, c), t.origin, r, c, showValue(v));
    if (money.decimal) {
      rowDec[k] = money.decimal;
      if (role[k] === 1) wageDec = wageDec ? wageDec.plus(money.decimal) : money.decimal;
      else if (role[k] === 6) wageDec = (wageDec ?? new Decimal(0)).minus(money.decimal.abs());
    } else {
      rowFen[k] = money.fen;
      if (role[k] === 1) wageFen += money.fen;
      else if (role[k] === 6) wageFen -= Math.abs(money.fen);
    }
  }
  if (bad >= 0) return { bad, wageFen: 0, wageDec: null };
  for (let k = 0; k < n; k++) {
    if (rowDec[k]) sumObjects[k].addDecimal(rowDec[k]!);
    sumObjects[k].addFen(sums[k] + rowFen[k]);
    sums[k] = 0;
  }
  return { bad, wageFen, wageDec };
}

/**
 * A wage cell holding a formula Excel never calculated: the amount is unknown, not zero. Like a saved #REF!, the row is
 * left out and the cell is an error (DATA_BAD_NUMBER naming it), so the total is never built from a silent blank.
 */
function formulaWithoutValue(st: TableState, r: number, c: number, k: number, issues: IssueLog): boolean {
  const { t } = st;
  const f = t.sheet.formulas?.[r]?.[c];
  if (typeof f !== "string" || f === "") return false;
  issues.addCell("DATA_BAD_NUMBER", t.sheetName, `pay:${st.pay[k].category}`, headerOf(t, c), t.origin, r, c, formulaText(f), {
    zh: "这些单元格是没有保存计算结果的公式（文件未经 Excel 重新计算保存），金额未知。请在 Excel 中打开、重算并保存后再审核。",
    en: "These cells are formulas without a saved result (the file was not recalculated and saved in Excel): the amounts are unknown. Open the file in Excel, recalculate, save, and audit again.",
  });
  return true;
}

function formulaText(f: string): string {
  const t = f.startsWith("=") ? f : `=${f}`;
  return t.length > 40 ? `${t.slice(0, 39)}…` : t;
}

function outcomeBase(t: DetectedTable, r: number): { sheet: string; row: number; table: "payroll" } {
  return { sheet: t.sheetName, row: sheetRow(t, r), table: "payroll" };
}

function rejectMonth(sh: Shared, st: TableState, row: readonly CellValue[], r: number, status: number): void {
  const { t, monthCol } = st;
  const v = row[monthCol];
  if (status === S_BLANK && st.hasFormulas) noteFormulaWithoutValue(t, r, monthCol, "month", sh.ctx.issues);
  const code = status === S_BAD ? "DATA_BAD_DATE" : "DATA_MISSING_VALUE";
  sh.ctx.issues.addCell(code, t.sheetName, "month", headerOf(t, monthCol), t.origin, r, monthCol, showValue(v));
  sh.ctx.accounting.rejected(t.id, { ...outcomeBase(t, r), reason: code, detail: { zh: `月份无法识别：“${showValue(v)}”。`, en: `Unreadable month: "${showValue(v)}".` }, cell: addressOf(t, r, monthCol) });
}

function excludeOtherYear(sh: Shared, st: TableState, r: number, year: number, month: number): void {
  const { t, monthCol } = st;
  const dataYear = sh.ctx.dataYear;
  sh.ctx.accounting.excluded(t.id, {
    sheet: t.sheetName,
    row: t.origin.row + r,
    table: "payroll",
    reason: "PERIOD_MISMATCH",
    detail: { zh: `${year}年${month ? `${month}月` : ""}的工资不属于数据年度 ${dataYear}。`, en: `Pay for ${year}${month ? `-${String(month).padStart(2, "0")}` : ""} is outside data year ${dataYear}.` },
    cell: monthCol >= 0 ? addressOf(t, r, monthCol) : undefined,
  });
}

function rejectAmount(sh: Shared, st: TableState, row: readonly CellValue[], r: number, bad: number): void {
  const { t } = st;
  const shown = row[bad] === null || row[bad] === undefined ? formulaText(t.sheet.formulas?.[r]?.[bad] ?? "") : showValue(row[bad]);
  sh.ctx.accounting.rejected(t.id, { ...outcomeBase(t, r), reason: "DATA_BAD_NUMBER", detail: { zh: `金额无法识别：“${shown}”，整行未计入。`, en: `Unreadable amount "${shown}": the row is left out.` }, cell: addressOf(t, r, bad) });
}

function excludeStaffPay(sh: Shared, st: TableState, r: number, person: Person, reason: string, wageFen: number, wageDec: Decimal | null, month: number): void {
  const { t } = st;
  let sum = sh.excludedByReason.get(reason);
  if (!sum) sh.excludedByReason.set(reason, (sum = new MoneySum()));
  sum.addFen(wageFen);
  if (wageDec) sum.addDecimal(wageDec);
  if (month) {
    let byMonth = sh.excludedMonths.get(reason);
    if (!byMonth) sh.excludedMonths.set(reason, (byMonth = Array.from({ length: 12 }, () => new MoneySum())));
    byMonth[month - 1].addFen(wageFen);
    if (wageDec) byMonth[month - 1].addDecimal(wageDec);
  }
  sh.result.excludedStaff.rows++;
  sh.result.excludedStaff.people.add(person);
  if (st.embedded) return;
  let detail = st.details.get(person);
  if (!detail) {
    // One shared message per person: their 12 monthly rows carry the same explanation.
    detail = { zh: `${person.display} 不计入在职职工人数（${reason}），其工资不计入工资总额。`, en: `${person.display} is excluded from the headcount (${reason}), so their pay is excluded from the wage total.` };
    st.details.set(person, detail);
  }
  sh.ctx.accounting.excluded(t.id, { sheet: t.sheetName, row: t.origin.row + r, table: "payroll", reason: "WG_EXCLUDED_STAFF_PAY", detail, cell: addressOf(t, r, st.keyCol), person: person.display });
}

function unmatchedPay(sh: Shared, st: TableState, r: number, keyText: string | null, wageFen: number, wageDec: Decimal | null): void {
  const { t, keyField, keyCol } = st;
  sh.result.unmatched.rows++;
  sh.unmatched.addFen(wageFen);
  if (wageDec) sh.unmatched.addDecimal(wageDec);
  if (keyText === null) sh.ctx.issues.addCell("DATA_MISSING_VALUE", t.sheetName, keyField!, headerOf(t, keyCol), t.origin, r, keyCol);
  else if (keyField === "name" && sh.ctx.index.isAmbiguousName(keyText))
    sh.ctx.issues.addCell("DATA_AMBIGUOUS_PERSON", t.sheetName, keyField, headerOf(t, keyCol), t.origin, r, keyCol, keyText, {
      zh: `工资表只按姓名对应，而花名册中有同名的不同人员（如“${keyText}”）：这些工资无法确定属于谁，已计入工资总额，可能包含不计入人数人员（实习、返聘等）的工资。`,
      en: `The payroll is linked by name only, and the roster has different people with the same name (e.g. "${keyText}"): this pay cannot be attributed, is counted in the wage total, and may include pay of people excluded from the headcount.`,
    });
  else
    sh.ctx.issues.addCell("DATA_UNMATCHED_PERSON", t.sheetName, keyField!, headerOf(t, keyCol), t.origin, r, keyCol, keyText, {
      zh: "花名册中找不到此人：其工资计入工资总额，但无法核对是否应计入人数。",
      en: "Not found in the roster: the pay is counted in the wage total, but whether the person belongs in the headcount cannot be checked.",
    });
}

function summaryRow(sh: Shared, st: TableState, row: readonly CellValue[], r: number, summary: string, firstCol: number): void {
  const { t } = st;
  sh.ctx.accounting.excluded(t.id, { ...outcomeBase(t, r), reason: "DATA_SUMMARY_ROW", detail: { zh: `合计/备注行“${summary}”，不计入工资总额（避免重复计算）。`, en: `Summary or note row "${summary}": not added to the wage total (it would double count).` } });
  sh.ctx.issues.addCell("DATA_SUMMARY_ROW", t.sheetName, "row", "", t.origin, r, firstCol, summary);
  // The table's own subtotal is a check: the detail above must add up to it.
  const fen = rowWageFen(sh, st, row);
  if (fen === null) return;
  const { block, grand } = st;
  const matches = (block.rows > 0 && block.ok && fen === block.fen) || (grand.rows > 0 && grand.ok && fen === grand.fen);
  if (!matches && block.rows > 0 && block.ok) {
    sh.ctx.issues.addCell("DATA_TOTAL_MISMATCH", t.sheetName, "row", "", t.origin, r, firstCol, summary, {
      zh: `“${summary}”行的工资合计为 ${fenText(fen)}，上方 ${block.rows} 行明细合计为 ${fenText(block.fen)}（差 ${fenText(fen - block.fen)}）：明细与小计不符，可能有行被删除、隐藏或重复。计算采用明细。`,
      en: `Row "${summary}" totals ${fenText(fen)}, while the ${block.rows} detail rows above add up to ${fenText(block.fen)} (difference ${fenText(fen - block.fen)}): rows may have been deleted, hidden or duplicated. The detail is used.`,
    });
  }
  block.fen = 0;
  block.rows = 0;
  block.ok = true;
}

function fenText(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100).toLocaleString("en-US")}.${String(a % 100).padStart(2, "0")}`;
}

/** The wage (fen) a row shows in the columns that make up the wage total; null when it shows no amount at all. */
function rowWageFen(sh: Shared, st: TableState, row: readonly CellValue[]): number | null {
  let fen = 0;
  let any = false;
  for (let k = 0; k < st.n; k++) {
    if (st.role[k] !== 1 && st.role[k] !== 6) continue;
    const v = row[st.payIndex[k]];
    if (v === null || v === undefined) continue;
    const status = sh.money.read(v);
    if (status === S_BAD || status === S_BLANK || sh.money.decimal) continue;
    fen += st.role[k] === 6 ? -Math.abs(sh.money.fen) : sh.money.fen;
    any = true;
  }
  return any ? fen : null;
}

/**
 * A row with no person key whose amounts equal the detail rows above (since the last subtotal, or all of them) is an
 * unlabelled subtotal or total: excluded, never added to the wage total a second time.
 */
function unlabelledTotal(sh: Shared, st: TableState, row: readonly CellValue[], r: number): boolean {
  const { block, grand, t } = st;
  const fen = rowWageFen(sh, st, row);
  if (fen === null || fen === 0) return false;
  const isBlock = block.rows > 1 && block.ok && fen === block.fen;
  const isGrand = grand.rows > 1 && grand.ok && fen === grand.fen;
  if (!isBlock && !isGrand) return unlabelledTotalMismatch(sh, st, r, fen);
  const label = isBlock && !isGrand ? { zh: "小计", en: "subtotal" } : { zh: "合计", en: "total" };
  sh.ctx.accounting.excluded(t.id, {
    ...outcomeBase(t, r),
    reason: "DATA_SUMMARY_ROW",
    detail: { zh: `没有工号/姓名且金额 ${fenText(fen)} 等于上方各行之和：${label.zh}行，不计入工资总额。`, en: `No person on the row and its amount ${fenText(fen)} equals the rows above: a ${label.en} row, not added to the wage total.` },
    cell: addressOf(t, r, st.keyCol),
  });
  sh.ctx.issues.addCell("DATA_SUMMARY_ROW", t.sheetName, "row", "", t.origin, r, st.keyCol, `(${label.zh} ${fenText(fen)})`);
  block.fen = 0;
  block.rows = 0;
  block.ok = true;
  return true;
}

/**
 * A row with no person whose amount is within 10% of everything above it (and more than ten rows above): a total that
 * the detail does not add up to — a row deleted, hidden or duplicated. Excluded like any total, and an error
 * (DATA_TOTAL_MISMATCH) naming both figures: the detail is used, but one of the two is wrong.
 */
function unlabelledTotalMismatch(sh: Shared, st: TableState, r: number, fen: number): boolean {
  const { block, grand, t } = st;
  const ref = grand.ok && grand.rows > 10 ? grand : block.ok && block.rows > 10 ? block : null;
  if (!ref || ref.fen <= 0 || fen <= 0 || Math.abs(fen - ref.fen) > ref.fen * 0.1) return false;
  sh.ctx.accounting.excluded(t.id, {
    ...outcomeBase(t, r),
    reason: "DATA_SUMMARY_ROW",
    detail: { zh: `没有工号/姓名且金额 ${fenText(fen)} 接近上方各行之和 ${fenText(ref.fen)}：合计行，不计入工资总额。`, en: `No person on the row and its amount ${fenText(fen)} is close to the rows above (${fenText(ref.fen)}): a total row, not added to the wage total.` },
    cell: addressOf(t, r, st.keyCol),
  });
  sh.ctx.issues.addCell("DATA_SUMMARY_ROW", t.sheetName, "row", "", t.origin, r, st.keyCol, `(合计 ${fenText(fen)})`);
  const col = st.pay.find((_, k) => st.role[k] === 1)?.index ?? st.keyCol;
  sh.ctx.issues.addCell("DATA_TOTAL_MISMATCH", t.sheetName, "row", "", t.origin, r, col, fenText(fen), {
    zh: `第 ${sheetRow(t, r)} 行（无工号/姓名的合计行）的工资合计为 ${fenText(fen)}，上方 ${ref.rows} 行明细合计为 ${fenText(ref.fen)}（差 ${fenText(fen - ref.fen)}）：明细与合计不符，可能有行被删除、隐藏或重复。计算采用明细。`,
    en: `Row ${sheetRow(t, r)} (a total row with no person) totals ${fenText(fen)}, while the ${ref.rows} detail rows above add up to ${fenText(ref.fen)} (difference ${fenText(fen - ref.fen)}): rows may have been deleted, hidden or duplicated. The detail is used.`,
  });
  block.fen = 0;
  block.rows = 0;
  block.ok = true;
  return true;
}

const ANNUAL = 1 << 12;
const ALL = (1 << 13) - 1;

/**
 * One source per person and period. True (and the row excluded as DATA_DOUBLE_SOURCE) when an earlier table of the
 * same group already supplied this person's pay for this month, or for the whole year; a whole-year row conflicts with
 * any month already supplied. Tables are read detail first (readPayroll), so the detail source is the one kept.
 */
function secondSource(sh: Shared, st: TableState, person: Person, r: number, month: number): boolean {
  const t = st.t;
  const g = st.group;
  if (person.payTable !== t.id) {
    person.payTable = t.id;
    person.payBefore = g === 0 ? person.payMask0 : person.payMask1;
  }
  const bits = month ? 1 << (month - 1) : ANNUAL;
  const before = person.payBefore;
  const clash = month ? (before & (bits | ANNUAL)) !== 0 : (before & ALL) !== 0;
  if (!clash) {
    if (g === 0) {
      person.payMask0 |= bits;
      if (person.payFirst0 < 0) person.payFirst0 = t.id;
    } else {
      person.payMask1 |= bits;
      if (person.payFirst1 < 0) person.payFirst1 = t.id;
    }
    return false;
  }
  return repeatedPay(sh, st, person, r, month);
}

/** The rare path: the row repeats pay another table supplied. */
function repeatedPay(sh: Shared, st: TableState, person: Person, r: number, month: number): boolean {
  const t = st.t;
  const first = st.group === 0 ? person.payFirst0 : person.payFirst1;
  st.block.ok = st.grand.ok = false;
  const other = sh.tableNames.get(first) ?? "?";
  const what = month ? { zh: `${month}月`, en: `month ${month}` } : { zh: "全年", en: "the year" };
  sh.ctx.accounting.excluded(t.id, {
    ...outcomeBase(t, r),
    reason: "DATA_DOUBLE_SOURCE",
    detail: { zh: `${person.display} ${what.zh}的工资已由“${other}”提供：此行不重复计入。`, en: `${person.display}'s pay for ${what.en} already comes from "${other}": this row is not added again.` },
    cell: addressOf(t, r, st.keyCol),
    person: person.display,
  });
  // One finding per table that repeats pay (the people are its samples), not one per person.
  const firstOther = sh.firstOther.get(t.id) ?? other;
  if (!sh.firstOther.has(t.id)) sh.firstOther.set(t.id, other);
  sh.ctx.issues.addCell("DATA_DOUBLE_SOURCE", t.sheetName, "row", "", t.origin, r, st.keyCol, `${person.display} ${what.zh}`, {
    zh: `“${t.sheetName}”重复提供了其他表（如“${firstOther}”）已提供的同一人同一期间的工资：两者相加会重复计算。计算采用先读取的明细表，“${t.sheetName}”中的这些行已排除。`,
    en: `"${t.sheetName}" repeats pay that other tables (e.g. "${firstOther}") already supply for the same people and periods: adding both would double count. The detail tables read first are used; these rows of "${t.sheetName}" are excluded.`,
  });
  return true;
}

/** The row loop of one table. Rare events go to the out-of-line functions above. */
function scanTable(sh: Shared, st: TableState): void {
  const { t, embedded, keyField, keyCol, monthCol, payIndex, role, rowFen } = st;
  const { ctx, result, months } = sh;
  const { dataYear, index } = ctx;
  const values = t.sheet.values;
  months.date1904 = t.sheet.date1904 === true;
  const cols = usedColumns(t);
  const formats = t.sheet.numberFormats;
  const sheetYear = t.sheetMonth?.year ?? 0;
  const sheetMonthNo = t.sheetMonth?.month ?? 0;
  // Rows of one year counted in a local and written to the map when the year changes.
  let yearNow = 0;
  let yearRows = 0;
  let lastKeyValue: unknown = undefined;
  let lastKeyText: string | null = null;
  let lastPerson: Person | undefined = undefined;

  for (let r = t.dataStart; r < values.length; r++) {
    const row = values[r];
    if (!Array.isArray(row)) continue;
    let person: Person | undefined;
    if (embedded) {
      person = ctx.personAt(t.id, r);
      if (!person) continue; // blank, summary or header rows of the roster (already accounted there)
      if (person.status !== "counted" && person.reason !== null && !person.reason.startsWith("HC_")) continue;
    } else {
      if (isBlankRowFn(row, cols) || isRepeatedHeaderFn(row, t)) continue;
      const summary = summaryTextFn(row, t, cols);
      if (summary !== null) {
        summaryRow(sh, st, row, r, summary, cols[0]);
        continue;
      }
    }
    // Month and year.
    let year = dataYear;
    let month = 0;
    let named = 0;
    if (monthCol >= 0) {
      const status = months.read(row[monthCol], formats ? monthLooksDate(formats, r, monthCol) : false);
      if (status !== S_OK) {
        if (status === S_BLANK && keyCol >= 0 && !embedded && (row[keyCol] === null || row[keyCol] === undefined) && unlabelledTotal(sh, st, row, r)) continue;
        st.block.ok = st.grand.ok = false;
        rejectMonth(sh, st, row, r, status);
        continue;
      }
      month = months.month;
      named = months.year || sheetYear;
      year = named || dataYear;
    } else if (sheetMonthNo) {
      month = sheetMonthNo;
      named = sheetYear;
      year = named || dataYear;
    }
    if (named) {
      if (named === yearNow) yearRows++;
      else {
        if (yearNow) result.yearsSeen.set(yearNow, (result.yearsSeen.get(yearNow) ?? 0) + yearRows);
        yearNow = named;
        yearRows = 1;
      }
    }
    if (year !== dataYear) {
      st.block.ok = st.grand.ok = false;
      excludeOtherYear(sh, st, r, year, month);
      continue;
    }
    // Whose pay is it? (Decided before the amounts, so each amount is read and added once.)
    let keyText: string | null = null;
    if (!embedded && keyField !== null) {
      const kv = row[keyCol] ?? (st.keyFill !== null ? st.keyFill.get(r) : undefined);
      if (kv === lastKeyValue && kv !== null && kv !== undefined) {
        // Payrolls list each person's months together: the same key as the previous row needs no lookup.
        keyText = lastKeyText;
        person = lastPerson;
      } else {
        keyText = keyField === "employeeId" ? personKeyFn(kv) : keyField === "idNumber" ? idTextFn(kv) : cellTextFn(kv);
        if (keyText === null && unlabelledTotal(sh, st, row, r)) continue;
        person = index.get(keyField, keyText);
        lastKeyValue = kv;
        lastKeyText = keyText;
        lastPerson = person;
      }
    }
    const excludedReason = person !== undefined && person.status === "excluded" && person.reason !== null && person.reason.startsWith("HC_") ? person.reason : null;
    if (sh.multiSource && !embedded && excludedReason === null && person !== undefined && secondSource(sh, st, person, r, month)) continue;
    const sums = excludedReason === null ? st.incFen : st.exclFen;
    // With formulas present the slow path runs, so a blank formula cell is reported (FORMULA_NO_VALUE).
    let wageFen = st.hasFormulas ? NaN : fastAmounts(row, payIndex, role, rowFen, sums);
    let wageDec: Decimal | null = null;
    if (wageFen !== wageFen) {
      const slow = slowAmounts(sh, st, row, r, sums, excludedReason === null ? st.included : st.excl);
      if (slow.bad >= 0) {
        st.block.ok = st.grand.ok = false;
        if (!embedded) rejectAmount(sh, st, row, r, slow.bad);
        continue;
      }
      wageFen = slow.wageFen;
      wageDec = slow.wageDec;
    }
    if (wageDec !== null) st.block.ok = st.grand.ok = false;
    st.block.fen += wageFen;
    st.block.rows++;
    st.grand.fen += wageFen;
    st.grand.rows++;
    if (excludedReason !== null) {
      excludeStaffPay(sh, st, r, person!, excludedReason, wageFen, wageDec, month);
      continue;
    }
    st.wageAcc += wageFen;
    if (st.wageAcc > MAX_SUM || st.wageAcc < -MAX_SUM) {
      sh.wage.addFen(st.wageAcc);
      st.wageAcc = 0;
    }
    if (wageDec) sh.wage.addDecimal(wageDec);
    if (month) {
      result.monthsCovered |= 1 << (month - 1);
      result.perMonthRows++;
      const mSum = sh.byMonth[month - 1];
      mSum.addFen(wageFen);
      if (wageDec) mSum.addDecimal(wageDec);
    }
    if (person !== undefined) {
      person.wageFen += wageFen;
      if (wageDec) person.wageExtra = person.wageExtra ? person.wageExtra.plus(wageDec) : wageDec;
      if (month) person.payMonths |= 1 << (month - 1);
      person.payRows++;
    } else if (!embedded && keyField !== null) unmatchedPay(sh, st, r, keyText, wageFen, wageDec);
    if (!embedded) st.countedRows++;
  }
  if (yearNow) result.yearsSeen.set(yearNow, (result.yearsSeen.get(yearNow) ?? 0) + yearRows);
}

function monthLooksDate(formats: NonNullable<SheetData["numberFormats"]>, r: number, c: number): boolean {
  const fmt = formats[r]?.[c];
  return typeof fmt === "string" && /[ymd]/i.test(fmt) && !/^general$/i.test(fmt);
}

/**
 * The order payroll tables are read in, detail first, so that when two tables supply the same person and period the
 * detail one is kept: tables with months (a month column, a month in the sheet name, month columns) before
 * whole-year tables. A whole-year table whose only wage column is a bonus, not repeated by name in the monthly
 * tables (a 年终奖 sheet), adds to the payroll instead (group 1).
 */
export function sourceOrder(tables: readonly DetectedTable[]): { ordered: DetectedTable[]; groups: Map<number, 0 | 1> } {
  const perMonth = (t: DetectedTable) => t.field.has("month") || t.sheetMonth !== null;
  const groups = new Map<number, 0 | 1>();
  const regularHeaders = new Set<string>();
  for (const t of tables) if (perMonth(t)) for (const p of t.pay) regularHeaders.add(normaliseHeader(headerOf(t, p.index)));
  for (const t of tables) {
    if (perMonth(t) || t.kind === "roster") continue;
    const wage = t.pay.filter((p) => PAY_CATEGORIES[p.category].kind === "wage" || PAY_CATEGORIES[p.category].kind === "total");
    const bonusOnly = wage.length > 0 && wage.every((p) => p.category === "bonus" && !regularHeaders.has(normaliseHeader(headerOf(t, p.index))));
    if (bonusOnly) groups.set(t.id, 1);
  }
  const rank = (t: DetectedTable) => (perMonth(t) ? 0 : groups.get(t.id) === 1 ? 2 : 1);
  const ordered = [...tables].sort((a, b) => rank(a) - rank(b) || a.id - b.id);
  return { ordered, groups };
}

/**
 * A table without wage components and with several total columns (应发工资 and 应发合计, or twelve 应发工资 columns
 * whose months were not recognised): only the first is read, so the others are either duplicates or pay left out.
 * Which is unknown, so it is an error naming every one (DATA_DOUBLE_SOURCE); a mapping settles it.
 */
function severalTotals(t: DetectedTable, totals: DetectedTable["pay"], issues: IssueLog): void {
  const cells = totals.map((p) => ({ sheet: t.sheetName, address: `${t.columns.find((c) => c.index === p.index)!.letter}${t.origin.row + t.headerRowIndex}` }));
  const names = totals.map((p) => `“${headerOf(t, p.index)}”(${t.columns.find((c) => c.index === p.index)!.letter})`);
  issues.addCells("DATA_DOUBLE_SOURCE", t.sheetName, "pay:grossPay", headerOf(t, totals[0].index), cells, undefined, {
    zh: `“${t.sheetName}”表有 ${totals.length} 个应发合计类列（${names.join("、")}），没有工资构成列：只采用了第一个，其余列是重复还是另有工资无法判断。请用映射指明（如 列:${headerOf(t, totals[1].index)} | 忽略，或 | pay:bonus）。`,
    en: `Sheet "${t.sheetName}" has ${totals.length} gross-pay total columns (${names.join(", ")}) and no wage components: only the first is used, and whether the others repeat it or hold more pay cannot be told. Say which in the mapping (e.g. ${headerOf(t, totals[1].index)}=ignore, or =pay:bonus).`,
  });
}

export function readPayroll(tables: readonly DetectedTable[], ctx: PayrollContext): PayrollResult {
  const { index, issues, accounting } = ctx;
  const result: PayrollResult = {
    found: tables.length > 0,
    tables: [],
    columns: [],
    wageTotal: new Decimal(0),
    byCategory: new Map(),
    nonWage: new Map(),
    nonWageTotal: new Decimal(0),
    totalColumnCheck: null,
    excludedStaff: { total: new Decimal(0), byReason: new Map(), rows: 0, people: new Set() },
    unmatched: { rows: 0, total: new Decimal(0) },
    monthsCovered: 0,
    perMonthRows: 0,
    yearsSeen: new Map(),
    categoriesPresent: new Set(),
    socialInsuranceBase: null,
    totalBasis: [],
  };
  const sh: Shared = { ctx, result, wage: new MoneySum(), excludedByReason: new Map(), unmatched: new MoneySum(), money: new MoneyReader(), months: new MonthReader(), tableNames: new Map(tables.map((t) => [t.id, t.sheetName])), firstOther: new Map(), multiSource: new Set(tables.filter((t) => t.kind !== "roster").map((t) => t.sheetName)).size > 1, byMonth: Array.from({ length: 12 }, () => new MoneySum()), excludedMonths: new Map() };
  const { ordered, groups } = sourceOrder(tables);
  const checkTotal = new MoneySum();
  const checkComponents = new MoneySum();
  const checkNonWage = new MoneySum();
  const checkTables: number[] = [];
  const baseSum = new MoneySum();
  const baseColumns: NonNullable<PayrollResult["socialInsuranceBase"]>["columns"] = [];
  let tablesWithoutBase = 0;
  let badBaseCells = 0;

  for (const t of ordered) {
    const embedded = t.kind === "roster";
    if (!embedded) accounting.touch(t.id);
    const pay = t.pay;
    const wageCols = pay.filter((p) => PAY_CATEGORIES[p.category].kind === "wage");
    const totalCols = pay.filter((p) => PAY_CATEGORIES[p.category].kind === "total");
    const basis: PayrollTableReport["basis"] = wageCols.length ? "components" : totalCols.length ? "total" : "none";
    // Role per pay column: 1 = counts as wage, 2 = non-wage, 3 = total column (checked, not summed), 4 = contribution
    // base (summed apart), 0 = ignored. Every column's sum over counted rows is kept per column either way.
    const role = Int8Array.from(
      pay.map((p) => {
        const k = PAY_CATEGORIES[p.category].kind;
        if (k === "wage") return 1;
        if (k === "nonWage") return 2;
        if (k === "total") return basis === "total" && p === totalCols[0] ? 1 : 3;
        if (k === "base") return 4;
        if (k === "wageDeduction") return basis === "components" ? 6 : 0;
        return 0;
      }),
    );
    if (basis === "total" && totalCols.length > 1) severalTotals(t, totalCols, issues);
    for (const p of wageCols) result.categoriesPresent.add(p.category);
    const hasCheck = basis === "components" && totalCols.length > 0;
    if (hasCheck) checkTables.push(t.id);
    const n = pay.length;
    const keyField = embedded ? null : chooseKey(t, index);
    const st: TableState = {
      t,
      embedded,
      pay,
      n,
      payIndex: Int32Array.from(pay.map((p) => p.index)),
      role,
      incFen: new Float64Array(n),
      exclFen: new Float64Array(n),
      included: pay.map(() => new MoneySum()),
      excl: pay.map(() => new MoneySum()),
      keyField,
      keyCol: keyField ? t.field.get(keyField)! : -1,
      keyFill: keyField && !embedded ? mergedDown(t.sheet, t.field.get(keyField)!) : null,
      monthCol: t.field.get("month") ?? -1,
      hasFormulas: Array.isArray(t.sheet.formulas),
      rowFen: new Float64Array(n),
      rowDec: new Array(n).fill(null),
      wageAcc: 0,
      countedRows: 0,
      badBaseCells: 0,
      details: new Map(),
      group: groups.get(t.id) ?? 0,
      block: { fen: 0, rows: 0, ok: true },
      grand: { fen: 0, rows: 0, ok: true },
    };
    result.tables.push({ table: t.id, sheet: t.sheetName, keyField: embedded ? "employeeId" : keyField, perMonth: st.monthCol >= 0 || t.sheetMonth !== null, basis });
    if (!embedded && keyField === null) {
      issues.addCell("DATA_MISSING_COLUMN", t.sheetName, "person", "", t.origin, t.headerRowIndex, t.columns[0]?.index ?? 0, undefined, {
        zh: "工资表没有工号、身份证号或姓名列：无法与花名册对应，不计人数人员的工资无法剔除。",
        en: "The payroll has no employee ID, ID number or name column: it cannot be linked to the roster, so pay of excluded staff cannot be removed.",
      });
    }
    scanTable(sh, st);
    if (st.countedRows) accounting.counted(t.id, st.countedRows);
    sh.wage.addFen(st.wageAcc);
    for (let k = 0; k < n; k++) {
      st.included[k].addFen(st.incFen[k]);
      st.excl[k].addFen(st.exclFen[k]);
    }
    for (let k = 0; k < n; k++) {
      const p = pay[k];
      const info = PAY_CATEGORIES[p.category];
      const inc = st.included[k].toDecimal();
      result.columns.push({ table: t.id, sheet: t.sheetName, column: t.columns.find((c) => c.index === p.index)!.letter, header: headerOf(t, p.index), category: p.category, included: inc, excludedStaff: st.excl[k].toDecimal() });
      if (info.kind === "wage") result.byCategory.set(p.category, (result.byCategory.get(p.category) ?? new Decimal(0)).plus(inc));
      if (info.kind === "nonWage") {
        result.nonWage.set(p.category, (result.nonWage.get(p.category) ?? new Decimal(0)).plus(inc));
        // Employer contributions are paid on top of gross pay, never inside an employee's 应发合计; counting them here
        // would make "total = components + non-wage items" impossible whenever such a column exists.
        if (hasCheck && p.category !== "employerContribution") checkNonWage.addSum(st.included[k]);
      }
      if (hasCheck && info.kind === "wage") checkComponents.addSum(st.included[k]);
      if (hasCheck && info.kind === "total" && p === totalCols[0]) checkTotal.addSum(st.included[k]);
    }
    if (hasCheck) {
      let comp = new Decimal(0);
      let total = new Decimal(0);
      let nw = new Decimal(0);
      for (let k = 0; k < n; k++) {
        const p = pay[k];
        const kind = PAY_CATEGORIES[p.category].kind;
        const inc = st.included[k].toDecimal();
        if (kind === "wage") comp = comp.plus(inc);
        else if (kind === "wageDeduction") comp = comp.minus(inc.abs());
        else if (kind === "nonWage" && p.category !== "employerContribution") nw = nw.plus(inc);
        else if (kind === "total" && p === totalCols[0]) total = inc;
      }
      const close = (a: Decimal, b: Decimal) => a.minus(b).abs().lessThanOrEqualTo(1);
      if (!total.isZero() && !close(total, comp) && !close(total, comp.plus(nw))) {
        const used = total.greaterThanOrEqualTo(comp.plus(nw)) ? total.minus(nw) : total;
        sh.wage.addDecimal(used.minus(comp));
        result.totalBasis.push({ table: t.id, sheet: t.sheetName, total, components: comp, nonWage: nw, used });
      }
    }
    // The contribution base: the first such column of the table (a second one, e.g. per insurance, would double it).
    const baseK = pay.findIndex((p) => PAY_CATEGORIES[p.category].kind === "base");
    if (baseK >= 0) {
      baseSum.addSum(st.included[baseK]);
      const letter = t.columns.find((c) => c.index === pay[baseK].index)!.letter;
      baseColumns.push({ table: t.id, sheet: t.sheetName, column: letter, header: headerOf(t, pay[baseK].index), headerCell: `${letter}${t.origin.row + t.headerRowIndex}` });
    } else tablesWithoutBase++;
    badBaseCells += st.badBaseCells;
  }
  checkWideTotals(tables, issues);
  result.wageTotal = sh.wage.toDecimal();
  result.wageByMonth = sh.byMonth.map((m) => m.toDecimal());
  result.excludedByMonth = new Map([...sh.excludedMonths].map(([reason, months]) => [reason, months.map((m) => m.toDecimal())]));
  result.nonWageTotal = [...result.nonWage.values()].reduce((a, b) => a.plus(b), new Decimal(0));
  let exTotal = new Decimal(0);
  for (const [reason, sum] of sh.excludedByReason) {
    const d = sum.toDecimal();
    result.excludedStaff.byReason.set(reason, d);
    exTotal = exTotal.plus(d);
  }
  result.excludedStaff.total = exTotal;
  result.unmatched.total = sh.unmatched.toDecimal();
  if (baseColumns.length) result.socialInsuranceBase = { total: baseSum.toDecimal(), columns: baseColumns, tablesWithout: tablesWithoutBase, badCells: badBaseCells };
  if (checkTables.length) result.totalColumnCheck = { total: checkTotal.toDecimal(), components: checkComponents.toDecimal(), nonWage: checkNonWage.toDecimal(), tables: checkTables };
  return result;
}
