/**
 * Reading the reconciliation sources (src/workbook/source-tables.ts found them) into typed figures with their cells.
 * Every data row is used, skipped with a reason (a subtotal, another account, another income item, another year), or
 * rejected with the cell that could not be read — and counted, per table.
 */
import { Decimal, ZERO } from "../core/decimal";
import type { Bilingual } from "../core/rules/types";
import { DateReader, MoneyReader, OK, TEXT, monthOfText, readQuantity } from "../workbook/parse";
import { sourceCell, titlePeriod } from "../workbook/source-tables";
import type { TitlePeriod } from "../workbook/source-tables";
import { headerUnit, titleUnit } from "../workbook/units";
import type { SourceField, SourceTable } from "../workbook/source-tables";
import { cellText, nfkc } from "../workbook/text";
import type { CellRef, CellValue } from "../workbook/types";

export interface SourceRows {
  read: number;
  used: number;
  skipped: number;
  rejected: number;
  /** Up to 20 reasons with a row each, for the report. */
  notes: Array<{ row: number; status: "skipped" | "rejected"; reason: Bilingual; cell?: string }>;
  /** Cells that could not be read (amounts, months). */
  bad: CellRef[];
}

function rowsOf(): SourceRows {
  return { read: 0, used: 0, skipped: 0, rejected: 0, notes: [], bad: [] };
}

function note(rows: SourceRows, status: "skipped" | "rejected", row: number, reason: Bilingual, cell?: CellRef): void {
  if (status === "skipped") rows.skipped++;
  else rows.rejected++;
  if (cell && status === "rejected") rows.bad.push(cell);
  if (rows.notes.length < 20) rows.notes.push({ row, status, reason, ...(cell ? { cell: cell.address } : {}) });
}

const money = new MoneyReader();

/** An amount cell: a Decimal, null when blank, or "bad". */
function amount(v: CellValue | undefined): Decimal | null | "bad" {
  const s = money.read(v);
  if (s === OK || s === TEXT) return money.value();
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return null;
  if (typeof v === "string" && /^[-—–]+$/.test(v.trim())) return null; // "—" in a form: nothing
  return "bad";
}

function col(t: SourceTable, f: SourceField): number | undefined {
  return t.field.get(f);
}

function ref(t: SourceTable, r: number, c: number): CellRef {
  return { sheet: t.sheetName, address: sourceCell(t, r, c) };
}

function isBlankRow(row: readonly CellValue[] | undefined): boolean {
  return !Array.isArray(row) || row.every((v) => v === null || v === undefined || (typeof v === "string" && v.trim() === ""));
}

const SUMMARY_ROW = /^(合计|总计|小计|本月合计|本年累计|本期合计|本月累计|期末余额|结转下年|结转下期|过次页|承前页|total)/i;

/* ------------------------------------------------------------------ units, currencies, periods */

/** A source table whose amounts are in 万元 or 千元 (converted to yuan when read), and the cell that says so. */
export interface SourceUnit {
  table: number;
  sheet: string;
  unit: string;
  factor: number;
  cell: CellRef;
  text: string;
}

const AMOUNT_FIELDS: ReadonlySet<SourceField> = new Set<SourceField>(["opening", "openingDebit", "openingCredit", "debit", "credit", "ytdDebit", "ytdCredit", "closing", "closingDebit", "closingCredit", "balance", "bookAmount", "actualAmount", "taxAmount", "adjustment"]);

/**
 * The money unit of a ledger or A105050 table: an amount column's header ("本期贷方（万元）") first, else a title row
 * above the header ("单位：万元", "金额单位：千元"); null for yuan. Read as yuan, 万元 figures are 10,000 times too
 * small and every bridge to them is meaningless.
 */
export function sourceUnit(t: SourceTable): SourceUnit | null {
  for (const c of t.columns) {
    if (!AMOUNT_FIELDS.has(c.field)) continue;
    const u = headerUnit(c.header);
    if (u === "yuan") return null;
    if (u) return { table: t.id, sheet: t.sheetName, unit: u.name, factor: u.factor, cell: ref(t, t.headerRowIndex, c.index), text: c.header };
  }
  const v = t.sheet.values;
  for (let r = 0; r < t.headerRowIndex && r < v.length; r++) {
    const row = v[r];
    if (!Array.isArray(row)) continue;
    for (let c = 0; c < row.length && c < 30; c++) {
      const text = cellText(row[c]);
      const u = text ? titleUnit(text) : null;
      if (u) return { table: t.id, sheet: t.sheetName, unit: u.name, factor: u.factor, cell: ref(t, r, c), text: text! };
    }
  }
  return null;
}

/**
 * An amount cell in a table of unit `factor` (1 for yuan), in yuan. A plain number is scaled before it is read, so a
 * 万元 figure with four or six decimals (yuan or fen precision) is not first snapped to the fen as if it were yuan.
 */
function amountIn(v: CellValue | undefined, factor: number): Decimal | null | "bad" {
  if (factor === 1) return amount(v);
  const plain = typeof v === "number" ? (Number.isFinite(v) ? String(v) : null) : typeof v === "string" ? nfkc(v).replace(/[,\s]/g, "") : null;
  if (plain !== null && /^-?\d+(\.\d+)?(e-?\d+)?$/i.test(plain)) return amount(new Decimal(plain).times(factor).toNumber());
  const a = amount(v);
  return a === null || a === "bad" ? a : a.times(factor);
}

/** A 币别 column (金蝶: 人民币 and 综合本位币 rows for the same account): the currency whose rows are used. */
export interface CurrencyChoice {
  table: number;
  sheet: string;
  /** The currency used (综合本位币, or the only one), or null when several and none is the base-currency total. */
  used: string | null;
  skipped: string[];
  cell: CellRef;
}

function currencyChoice(t: SourceTable): CurrencyChoice | null {
  const c = col(t, "currency");
  if (c === undefined) return null;
  const seen: string[] = [];
  for (let r = t.dataStart; r < t.sheet.values.length; r++) {
    const cur = nfkc(cellText(t.sheet.values[r]?.[c]) ?? "").replace(/\s/g, "");
    if (cur !== "" && !seen.includes(cur)) seen.push(cur);
  }
  if (seen.length === 0) return null;
  const base = seen.find((x) => /综合本位币|本位币合计|本位币/.test(x));
  const used = base ?? (seen.length === 1 ? seen[0] : null);
  return { table: t.id, sheet: t.sheetName, used, skipped: seen.filter((x) => x !== used), cell: ref(t, t.headerRowIndex, c) };
}

/**
 * A ledger or A105050 table whose title gives a period in another year than the data year (期间：2023年01期-2023年12期,
 * 税款所属期间：2023年01月01日至2023年12月31日): every row is skipped with the reason (REC_SOURCE_OTHER_YEAR names the
 * title cell). Returns true when skipped.
 */
function skipOtherYear(t: SourceTable, rows: SourceRows, dataYear: number): boolean {
  const p = otherYearPeriod(t, dataYear);
  if (!p) return false;
  const v = t.sheet.values;
  for (let r = t.dataStart; r < v.length; r++) {
    if (isBlankRow(v[r])) continue;
    rows.read++;
    note(rows, "skipped", t.origin.row + r, { zh: `表头期间为 ${p.years.join("、")} 年（“${p.text}”），不是数据年度 ${dataYear}：未用于对账。`, en: `The title gives the period as ${p.years.join(", ")} ("${p.text}"), not data year ${dataYear}: not reconciled.` });
  }
  return true;
}

/** The title period of a ledger or A105050 table when it names a year other than the data year, else null. */
export function otherYearPeriod(t: SourceTable, dataYear: number): (TitlePeriod & { cell: CellRef | null }) | null {
  if (dataYear <= 0 || (t.kind !== "ledger" && t.kind !== "citA105050")) return null;
  const p = titlePeriod(t.sheet, t.headerRowIndex);
  if (!p || p.years.every((y) => y === dataYear)) return null;
  return { ...p, cell: p.row < 0 ? null : ref(t, p.row, p.col) };
}

/* ------------------------------------------------------------------ ledger */

/** What a 2211 sub-account holds, by its name (企业会计准则第9号 and the accounting software's default names). */
export type SubAccount = "wages" | "bonus" | "allowance" | "welfare" | "socialInsurance" | "housingFund" | "union" | "education" | "severance" | "nonMonetary" | "other";

export const SUB_ACCOUNT_LABELS: Record<SubAccount, Bilingual> = {
  wages: { zh: "工资", en: "wages" },
  bonus: { zh: "奖金", en: "bonuses" },
  allowance: { zh: "津贴和补贴", en: "allowances and subsidies" },
  welfare: { zh: "职工福利费", en: "staff welfare" },
  socialInsurance: { zh: "社会保险费", en: "social insurance" },
  housingFund: { zh: "住房公积金", en: "housing fund" },
  union: { zh: "工会经费", en: "union fees" },
  education: { zh: "职工教育经费", en: "staff education" },
  severance: { zh: "辞退福利", en: "termination benefits" },
  nonMonetary: { zh: "非货币性福利", en: "non-monetary benefits" },
  other: { zh: "其他", en: "other" },
};

/** Sub-accounts whose credits are wages (工资、奖金、津贴和补贴 — the 工资总额 items booked to 2211). */
export const WAGE_SUB_ACCOUNTS: readonly SubAccount[] = ["wages", "bonus", "allowance"];

export function subAccountOf(name: string): SubAccount {
  const t = name.replace(/^.*应付职工薪酬[-_/\\—－·.\s]*/, "");
  if (/辞退|解除劳动|离职补偿/.test(t)) return "severance";
  if (/非货币/.test(t)) return "nonMonetary";
  if (/福利/.test(t)) return "welfare";
  if (/社会保险|社保|养老|医疗|失业|工伤|生育/.test(t)) return "socialInsurance";
  if (/公积金/.test(t)) return "housingFund";
  if (/工会/.test(t)) return "union";
  if (/教育/.test(t)) return "education";
  if (/奖金|奖励|年终奖|绩效/.test(t)) return "bonus";
  if (/津贴|补贴/.test(t)) return "allowance";
  if (/工资|薪金|薪酬/.test(t)) return "wages";
  return "other";
}

export interface LedgerAccount {
  /** "221101" or null when the export has no code. */
  code: string | null;
  name: string;
  /** True for 2211 itself (应付职工薪酬), false for a sub-account. */
  parent: boolean;
  sub: SubAccount | null;
  opening: Decimal | null;
  debit: Decimal;
  credit: Decimal;
  closing: Decimal | null;
  /** The credit cells (one for a 科目余额表 row, the column range of the rows for a 明细账). */
  creditCells: CellRef[];
  debitCells: CellRef[];
  closingCells: CellRef[];
  openingCells: CellRef[];
  table: number;
  layout: "balance" | "journal";
  /** Set when the kind (sub) was taken from the account code, not a name (inferLeafKinds): why, for a finding. */
  inferred?: Bilingual;
}

export interface LedgerData {
  /** 2211 and its sub-accounts, from the balance tables first; journals only for accounts no balance table has. */
  accounts: LedgerAccount[];
  rows: Map<number, SourceRows>;
  /** Tables whose amounts were in 万元 / 千元 and were converted to yuan. */
  units?: SourceUnit[];
  /** Tables with a 币别 column: the currency rows used and those left out. */
  currencies?: CurrencyChoice[];
}

function codeOf(v: CellValue | undefined): string | null {
  const t = cellText(v);
  if (t === null) return null;
  const c = t.replace(/[.\-\s]/g, "");
  return /^\d{4,}$/.test(c) ? c : null;
}

function accountFrom(code: string | null, nameText: string | null, lastParentCode: string | null): { parent: boolean; sub: SubAccount | null } | null {
  const name = nameText ? nfkc(nameText).trim() : "";
  const payable = /应付职工薪酬/.test(name);
  if (code !== null) {
    if (code === "2211") return { parent: true, sub: null };
    if (code.startsWith("2211")) return { parent: false, sub: subAccountOf(name) };
    return null;
  }
  if (payable && /应付职工薪酬\s*$/.test(name)) return { parent: true, sub: null };
  if (payable) return { parent: false, sub: subAccountOf(name) };
  // An indented sub-account name right under the 2211 row (exports without codes).
  if (lastParentCode === "2211" && /^[\s　]+/.test(nameText ?? "")) return { parent: false, sub: subAccountOf(name) };
  return null;
}

function readBalance(t: SourceTable, rows: SourceRows, currency: CurrencyChoice | null = null): LedgerAccount[] {
  const out: LedgerAccount[] = [];
  const v = t.sheet.values;
  const factor = sourceUnit(t)?.factor ?? 1;
  const cCurrency = col(t, "currency");
  const cCode = col(t, "accountCode");
  const cName = col(t, "accountName");
  const credit = col(t, "ytdCredit") ?? col(t, "credit");
  const debit = col(t, "ytdDebit") ?? col(t, "debit");
  let lastParent: string | null = null;
  for (let r = t.dataStart; r < v.length; r++) {
    const row = v[r];
    if (isBlankRow(row)) continue;
    rows.read++;
    if (currency && cCurrency !== undefined) {
      const cur = nfkc(cellText(row[cCurrency]) ?? "").replace(/\s/g, "");
      if (currency.used === null || cur !== currency.used) {
        note(rows, "skipped", t.origin.row + r, currency.used === null ? { zh: `币别“${cur}”：表中有几种币别而没有“综合本位币”，无法确定按哪一种计算。`, en: `Currency "${cur}": several currencies and no 综合本位币 (base-currency total) row; which to use cannot be told.` } : { zh: `币别“${cur}”：按“${currency.used}”行计算，不重复计入。`, en: `Currency "${cur}": the "${currency.used}" rows are used, not these again.` });
        continue;
      }
    }
    const code = cCode === undefined ? null : codeOf(row[cCode]);
    const name = cName === undefined ? null : typeof row[cName] === "string" ? (row[cName] as string) : cellText(row[cName]);
    if (code === "2211" || (code === null && name !== null && /应付职工薪酬\s*$/.test(name))) lastParent = "2211";
    else if (code !== null || (name !== null && !/^[\s　]/.test(name))) lastParent = code ?? null;
    const acct = accountFrom(code, name, lastParent);
    if (!acct) {
      note(rows, "skipped", t.origin.row + r, { zh: `其他科目“${code ?? ""}${name ?? ""}”。`, en: `Another account "${code ?? ""}${name ?? ""}".` });
      continue;
    }
    const get = (c: number | undefined): Decimal | null | "bad" => (c === undefined ? null : amountIn(row[c], factor));
    const cr = get(credit);
    const dr = get(debit);
    const signed = (one: number | undefined, cred: number | undefined, deb: number | undefined): Decimal | null | "bad" => {
      if (one !== undefined) return get(one);
      if (cred === undefined && deb === undefined) return null;
      const a = get(cred);
      const b = get(deb);
      if (a === "bad" || b === "bad") return "bad";
      return (a ?? ZERO).minus(b ?? ZERO);
    };
    const opening = signed(col(t, "opening"), col(t, "openingCredit"), col(t, "openingDebit"));
    const closing = signed(col(t, "closing"), col(t, "closingCredit"), col(t, "closingDebit"));
    const badCol = cr === "bad" ? credit : dr === "bad" ? debit : opening === "bad" ? (col(t, "opening") ?? col(t, "openingCredit")) : closing === "bad" ? (col(t, "closing") ?? col(t, "closingCredit")) : undefined;
    if (badCol !== undefined) {
      note(rows, "rejected", t.origin.row + r, { zh: "金额无法识别。", en: "Unreadable amount." }, ref(t, r, badCol));
      continue;
    }
    rows.used++;
    const cells = (c: number | undefined) => (c === undefined ? [] : [ref(t, r, c)]);
    out.push({
      code,
      name: nfkc(name ?? code ?? "").trim(),
      parent: acct.parent,
      sub: acct.sub,
      opening: opening as Decimal | null,
      debit: (dr as Decimal | null) ?? ZERO,
      credit: (cr as Decimal | null) ?? ZERO,
      closing: closing as Decimal | null,
      creditCells: cells(credit),
      debitCells: cells(debit),
      closingCells: cells(col(t, "closing") ?? col(t, "closingCredit")),
      openingCells: cells(col(t, "opening") ?? col(t, "openingCredit")),
      table: t.id,
      layout: "balance",
    });
  }
  return out;
}

function yearOf(v: CellValue | undefined): number | null {
  if (v instanceof Date) return v.getUTCFullYear();
  if (typeof v === "number" && v > 20000 && v < 80000) return new Date(Date.UTC(1899, 11, 30) + v * 86400000).getUTCFullYear();
  const t = cellText(v);
  const m = t ? /^(\d{4})\s*[-/.年]/.exec(t) ?? /^(\d{4})\d{4}$/.exec(t) : null;
  return m ? Number(m[1]) : null;
}

/**
 * The account a 明细账 without an account column is for, from its title and sheet name: the code (221101) and the most
 * specific name — "应付职工薪酬-工资" over the sheet name "应付职工薪酬明细账", the name after the code ("科目：221101
 * 工资") over the bare 应付职工薪酬. A trailing 明细账 / 明细分类账 / 日记账 is not part of the name.
 */
export function journalTitleAccount(title: string): { code: string | null; name: string | null } {
  const text = nfkc(title);
  const codeMatch = /2211[\d.]*/.exec(text);
  const code = codeMatch ? codeMatch[0].replace(/\./g, "").replace(/\D+$/, "") : null;
  const clean = (n: string) => n.replace(/(明细分类账|明细账|日记账|分类账|总账|明细表|账页)$/, "").trim();
  const names: string[] = [];
  for (const m of text.matchAll(/应付职工薪酬[^\s,，;；]*/g)) names.push(clean(m[0]));
  if (codeMatch) {
    const after = /^\s*([^\s\d,，;；:：]+)/.exec(text.slice(codeMatch.index + codeMatch[0].length));
    if (after && !/^(应付职工薪酬|年|月|期)/.test(after[1])) names.push(clean(after[1]));
  }
  const useful = names.filter((n) => n !== "");
  const specific = useful.find((n) => subAccountOf(n) !== "other" && !/^应付职工薪酬$/.test(n));
  return { code, name: specific ?? useful.find((n) => /^应付职工薪酬$/.test(n)) ?? useful[0] ?? null };
}

function readJournal(t: SourceTable, rows: SourceRows, dataYear: number): LedgerAccount[] {
  const v = t.sheet.values;
  const cCode = col(t, "accountCode");
  const cName = col(t, "accountName");
  const cSum = col(t, "summary");
  const cDate = col(t, "date");
  const credit = col(t, "credit")!;
  const debit = col(t, "debit")!;
  const factor = sourceUnit(t)?.factor ?? 1;
  // The account: a column, else the title ("科目：221101 应付职工薪酬-工资", "2024年度 应付职工薪酬-工资 明细账").
  const fromTitle = journalTitleAccount(t.title);
  const titleCode = fromTitle.code;
  const byKey = new Map<string, LedgerAccount>();
  let first = -1;
  let last = -1;
  for (let r = t.dataStart; r < v.length; r++) {
    const row = v[r];
    if (isBlankRow(row)) continue;
    rows.read++;
    const code = cCode === undefined ? titleCode : codeOf(row[cCode]);
    const name = cName === undefined ? fromTitle.name : cellText(row[cName]);
    const acct = accountFrom(code, name, null);
    const summary = cSum === undefined ? "" : cellText(row[cSum]) ?? "";
    if (SUMMARY_ROW.test(summary) || /^(期初余额|上年结转|年初余额)/.test(summary)) {
      note(rows, "skipped", t.origin.row + r, { zh: `汇总/余额行“${summary}”（按明细行计算）。`, en: `Summary or balance row "${summary}" (the detail rows are used).` });
      continue;
    }
    if (!acct) {
      note(rows, "skipped", t.origin.row + r, { zh: `其他科目或科目不明“${code ?? ""}${name ?? ""}”。`, en: `Another or unknown account "${code ?? ""}${name ?? ""}".` });
      continue;
    }
    const y = cDate === undefined ? null : yearOf(row[cDate]);
    if (y !== null && dataYear > 0 && y !== dataYear) {
      note(rows, "skipped", t.origin.row + r, { zh: `${y} 年的凭证不属于数据年度 ${dataYear}。`, en: `A ${y} entry is outside data year ${dataYear}.` });
      continue;
    }
    const cr = amountIn(row[credit], factor);
    const dr = amountIn(row[debit], factor);
    if (cr === "bad" || dr === "bad") {
      note(rows, "rejected", t.origin.row + r, { zh: "金额无法识别。", en: "Unreadable amount." }, ref(t, r, cr === "bad" ? credit : debit));
      continue;
    }
    rows.used++;
    if (first < 0) first = r;
    last = r;
    const key = `${code ?? ""}|${nfkc(name ?? "").trim()}`;
    let a = byKey.get(key);
    if (!a) {
      a = { code, name: nfkc(name ?? code ?? "").trim(), parent: acct.parent, sub: acct.sub, opening: null, debit: ZERO, credit: ZERO, closing: null, creditCells: [], debitCells: [], closingCells: [], openingCells: [], table: t.id, layout: "journal" };
      byKey.set(key, a);
    }
    a.credit = a.credit.plus(cr ?? ZERO);
    a.debit = a.debit.plus(dr ?? ZERO);
    if (cr !== null && a.creditCells.length < 50) a.creditCells.push(ref(t, r, credit));
    if (dr !== null && a.debitCells.length < 50) a.debitCells.push(ref(t, r, debit));
  }
  return [...byKey.values()];
}

/**
 * Only the leaf sub-accounts of one table: a sub-account whose code is the start of another's (221101 工资 over
 * 22110101 基本工资 / 22110102 岗位工资; 金蝶 2211.01 over 2211.01.01) repeats its children's amounts and is left out.
 * A leaf whose own name says nothing (管理人员, 一车间) takes the kind of its nearest parent (工资).
 */
function leavesOnly(accounts: LedgerAccount[], rows: SourceRows): LedgerAccount[] {
  const subs = accounts.filter((a) => !a.parent && a.code !== null);
  const isParent = (a: LedgerAccount) => !a.parent && a.code !== null && subs.some((b) => b !== a && b.code!.length > a.code!.length && b.code!.startsWith(a.code!));
  const parents = accounts.filter(isParent);
  if (parents.length === 0) return accounts;
  const out: LedgerAccount[] = [];
  for (const a of accounts) {
    if (parents.includes(a)) {
      // A balance row counted as used when read is now skipped with its reason (read = used + skipped + rejected);
      // a journal parent's voucher rows stay counted as read and used (their amounts are the children's too).
      const cell = a.creditCells[0];
      if (a.layout === "balance") rows.used--;
      if (a.layout === "balance") note(rows, "skipped", cell ? Number(/\d+$/.exec(cell.address)?.[0] ?? 0) : 0, { zh: `上级科目“${a.code} ${a.name}”：按其下级明细科目计算，不重复计入。`, en: `Parent account "${a.code} ${a.name}": its sub-accounts are used, not it again.` });
      continue;
    }
    if (!a.parent && a.code !== null && a.sub === "other") {
      const up = parents.filter((p) => a.code!.startsWith(p.code!) && p.sub !== "other").sort((x, y) => y.code!.length - x.code!.length)[0];
      if (up) a.sub = up.sub;
    }
    out.push(a);
  }
  return out;
}

/**
 * Leaves named by department only (22110101 管理部门, 22110102 生产部门) with no row for their parent 221101: the name
 * says nothing of the kind. The accounting software's default chart (用友, 金蝶: 221101 / 2211.01 工资) puts wages
 * under 01, so such a leaf under 221101 is taken as wages — marked `inferred` (a warning names the cells); leaves
 * under any other second-level code stay "other" (not bridged; the no-bridge finding says so).
 */
export function inferLeafKinds(accounts: LedgerAccount[]): LedgerAccount[] {
  for (const a of accounts) {
    if (a.parent || a.sub !== "other" || a.code === null || a.code.length <= 6 || !a.code.startsWith("221101")) continue;
    if (accounts.some((b) => b.code === "221101")) continue;
    a.sub = "wages";
    a.inferred = {
      zh: `明细科目“${a.code} ${a.name}”的名称未说明性质，其上级科目 221101 不在表中：按会计软件默认科目表（221101 工资）视为工资。`,
      en: `Sub-account "${a.code} ${a.name}" is named by something other than its kind and its parent 221101 is not in the table: taken as wages by the accounting software's default chart (221101 wages).`,
    };
  }
  return accounts;
}

export function readLedger(tables: readonly SourceTable[], dataYear: number): LedgerData | null {
  const ledgers = tables.filter((t) => t.kind === "ledger");
  if (ledgers.length === 0) return null;
  const rows = new Map<number, SourceRows>();
  const balance: LedgerAccount[] = [];
  const journal: LedgerAccount[] = [];
  const units: SourceUnit[] = [];
  const currencies: CurrencyChoice[] = [];
  for (const t of ledgers) {
    const r = rowsOf();
    rows.set(t.id, r);
    if (skipOtherYear(t, r, dataYear)) continue;
    const unit = sourceUnit(t);
    if (unit) units.push(unit);
    const currency = t.recognition.layout === "journal" ? null : currencyChoice(t);
    if (currency) currencies.push(currency);
    const got = inferLeafKinds(leavesOnly(t.recognition.layout === "journal" ? readJournal(t, r, dataYear) : readBalance(t, r, currency), r));
    (t.recognition.layout === "journal" ? journal : balance).push(...got);
  }
  // One source per account: a balance table's row wins over a journal's sum for the same account.
  const key = (a: LedgerAccount) => (a.code ?? (a.parent ? "2211" : `${a.sub}`));
  const seen = new Set(balance.map(key));
  return { accounts: [...balance, ...journal.filter((a) => !seen.has(key(a)))], rows, units, currencies };
}

/* ------------------------------------------------------------------ A105050 */

export type CitLine = "wages" | "equity" | "welfare" | "education" | "union" | "socialInsurance" | "housingFund" | "supplementaryPension" | "supplementaryMedical" | "other" | "total";

const CIT_LINES: ReadonlyArray<[CitLine, RegExp, number]> = [
  ["wages", /工资薪金支出/, 1],
  ["equity", /股权激励/, 2],
  ["welfare", /职工福利费/, 3],
  ["education", /职工教育经费支出/, 4],
  ["union", /工会经费/, 7],
  ["socialInsurance", /基本社会保障性缴款|社会保险/, 8],
  ["housingFund", /住房公积金/, 9],
  ["supplementaryPension", /补充养老/, 10],
  ["supplementaryMedical", /补充医疗/, 11],
  ["other", /^(十|九)?[、.]?其他$/, 12],
  ["total", /^合计/, 13],
];

export interface CitLineValue {
  line: CitLine;
  lineNo: number;
  label: string;
  book: Decimal | null;
  actual: Decimal | null;
  tax: Decimal | null;
  cells: { book?: CellRef; actual?: CellRef; tax?: CellRef; label: CellRef };
  table: number;
}

export interface CitData {
  lines: Map<CitLine, CitLineValue>;
  rows: Map<number, SourceRows>;
  /** Tables whose amounts were in 万元 / 千元 and were converted to yuan. */
  units?: SourceUnit[];
}

export function readCit(tables: readonly SourceTable[], dataYear = 0): CitData | null {
  const cits = tables.filter((t) => t.kind === "citA105050");
  if (cits.length === 0) return null;
  const lines = new Map<CitLine, CitLineValue>();
  const rows = new Map<number, SourceRows>();
  const units: SourceUnit[] = [];
  for (const t of cits) {
    const rs = rowsOf();
    rows.set(t.id, rs);
    if (skipOtherYear(t, rs, dataYear)) continue;
    const unit = sourceUnit(t);
    if (unit) units.push(unit);
    const factor = unit?.factor ?? 1;
    const v = t.sheet.values;
    const cItem = col(t, "item");
    const cLine = col(t, "lineNo");
    for (let r = t.dataStart; r < v.length; r++) {
      const row = v[r];
      if (isBlankRow(row)) continue;
      rs.read++;
      const label = cItem === undefined ? "" : (cellText(row[cItem]) ?? "").replace(/\s/g, "");
      const lineNo = cLine === undefined ? NaN : Number(cellText(row[cLine]));
      // The label decides ("其中：股权激励" is not line 1); the line number only where the label says nothing.
      const bare = label.replace(/^[一二三四五六七八九十]+[、.]|^其中[:：]?/g, "");
      let line = CIT_LINES.find(([, re]) => re.test(bare) && !(bare.includes("按税收规定") && re.source.includes("教育")))?.[0];
      if (!line && label === "" && Number.isInteger(lineNo)) line = CIT_LINES.find(([, , n]) => n === lineNo)?.[0];
      if (!line) {
        note(rs, "skipped", t.origin.row + r, { zh: `不对账的行“${label || lineNo}”。`, en: `A line not reconciled: "${label || lineNo}".` });
        continue;
      }
      const read = (f: SourceField): { value: Decimal | null; cell?: CellRef; bad?: CellRef } => {
        const c = col(t, f);
        if (c === undefined) return { value: null };
        const a = amountIn(row[c], factor);
        return a === "bad" ? { value: null, bad: ref(t, r, c) } : { value: a, cell: ref(t, r, c) };
      };
      const book = read("bookAmount");
      const actual = read("actualAmount");
      const tax = read("taxAmount");
      const bad = book.bad ?? actual.bad ?? tax.bad;
      if (bad) {
        note(rs, "rejected", t.origin.row + r, { zh: "金额无法识别。", en: "Unreadable amount." }, bad);
        continue;
      }
      if (lines.has(line)) {
        note(rs, "skipped", t.origin.row + r, { zh: `第 ${CIT_LINES.find(([l]) => l === line)![2]} 行重复，只用第一次出现的。`, en: `Line ${CIT_LINES.find(([l]) => l === line)![2]} repeated; the first is used.` });
        continue;
      }
      rs.used++;
      lines.set(line, {
        line,
        lineNo: CIT_LINES.find(([l]) => l === line)![2],
        label: label || String(lineNo),
        book: book.value,
        actual: actual.value,
        tax: tax.value,
        cells: { book: book.cell, actual: actual.cell, tax: tax.cell, label: ref(t, r, cItem ?? cLine ?? 0) },
        table: t.id,
      });
    }
  }
  return { lines, rows, units };
}

/* ------------------------------------------------------------------ IIT and social insurance by month */

export interface MonthFigure {
  people: Decimal | null;
  amount: Decimal | null;
  peopleCells: CellRef[];
  amountCells: CellRef[];
}

export interface MonthlyData {
  /** Index 0–11: month 1–12 of the data year; null when the source has no row for the month. */
  months: Array<MonthFigure | null>;
  rows: Map<number, SourceRows>;
  /**
   * Per-person tables (one row per person per month): per month, the people listed (ID number, else name), each with
   * the first cell naming them. A month's people figure is their number.
   */
  perPerson: Array<Map<string, CellRef>>;
  /** Tables whose layout could not be told (a person column and a count column): not read, an error finding. */
  ambiguous: Array<{ table: number; sheet: string; cells: CellRef[] }>;
}

function monthIn(v: CellValue | undefined, dataYear: number): { month: number; year: number } | null {
  if (v instanceof Date) return { year: v.getUTCFullYear(), month: v.getUTCMonth() + 1 };
  if (typeof v === "number" && v >= 1 && v <= 12 && Number.isInteger(v)) return { year: 0, month: v };
  if (typeof v === "number" && v > 20000 && v < 80000) {
    const d = new Date(Date.UTC(1899, 11, 30) + v * 86400000);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1 };
  }
  const t = cellText(v);
  if (!t) return null;
  // "2024-01至2024-01", "2024.01-2024.01": the start of the period.
  const head = t.split(/至|~|—|–|到/)[0].trim();
  const packed = monthOfText(head) || monthOfText(head.replace(/-\d{1,2}$/, "").replace(/(\d{4})[-/.](\d{1,2})[-/.]\d{1,2}$/, "$1-$2"));
  if (!packed) return null;
  const out = packed > 100 ? { year: Math.floor(packed / 100), month: packed % 100 } : { year: 0, month: packed };
  return dataYear > 0 || out.year >= 0 ? out : null;
}

function readMonthly(
  tables: readonly SourceTable[],
  kind: "iitSummary" | "socialInsurance",
  dataYear: number,
  accept: (t: SourceTable, row: readonly CellValue[]) => { use: boolean; people: boolean; why?: Bilingual },
): MonthlyData | null {
  const mine = tables.filter((t) => t.kind === kind);
  if (mine.length === 0) return null;
  const months: Array<MonthFigure | null> = Array.from({ length: 12 }, () => null);
  const rows = new Map<number, SourceRows>();
  const perPerson: Array<Map<string, CellRef>> = Array.from({ length: 12 }, () => new Map());
  const ambiguous: MonthlyData["ambiguous"] = [];
  const peopleField: SourceField = kind === "iitSummary" ? "people" : "insured";
  const amountField: SourceField = kind === "iitSummary" ? "income" : "base";
  for (const t of mine) {
    const rs = rowsOf();
    rows.set(t.id, rs);
    const v = t.sheet.values;
    const cMonth = col(t, "month")!;
    const cPeople = col(t, peopleField);
    const cAmount = col(t, amountField);
    const layout = t.recognition.layout;
    const cId = col(t, "idNumber");
    const cName = col(t, "name");
    if (layout === "ambiguous") {
      // A name or ID column beside a count of people: not guessed (each row one person, or a count per person?).
      const header = (c: number | undefined) => (c === undefined ? [] : [ref(t, t.headerRowIndex, c)]);
      ambiguous.push({ table: t.id, sheet: t.sheetName, cells: [...header(cId ?? cName), ...header(cPeople)] });
      for (let r = t.dataStart; r < v.length; r++) {
        if (isBlankRow(v[r])) continue;
        rs.read++;
        note(rs, "skipped", t.origin.row + r, { zh: "表格同时有姓名/身份证号列和人数列，无法确定是逐人明细还是汇总：未使用。", en: "The table has both a name/ID column and a count column: per-person rows or a summary cannot be told; not used." });
      }
      continue;
    }
    if (layout === "perPersonWide") {
      readWide(t, rs, dataYear, months, perPerson, accept);
      continue;
    }
    for (let r = t.dataStart; r < v.length; r++) {
      const row = v[r];
      if (isBlankRow(row)) continue;
      rs.read++;
      const first = cellText(row[cMonth]) ?? "";
      if (SUMMARY_ROW.test(first)) {
        note(rs, "skipped", t.origin.row + r, { zh: `汇总行“${first}”。`, en: `Summary row "${first}".` });
        continue;
      }
      const m = monthIn(row[cMonth], dataYear);
      if (!m) {
        note(rs, "rejected", t.origin.row + r, { zh: `月份无法识别：“${first}”。`, en: `Unreadable month "${first}".` }, ref(t, r, cMonth));
        continue;
      }
      const cEnd = col(t, "monthEnd");
      if (cEnd !== undefined && !(row[cEnd] === null || row[cEnd] === undefined || cellText(row[cEnd]) === null)) {
        // 起 and 止 in one month (a monthly return); a period over several months cannot be put in one month.
        const end = monthIn(row[cEnd], dataYear);
        if (!end || end.month !== m.month || (end.year > 0 && m.year > 0 && end.year !== m.year)) {
          const endText = cellText(row[cEnd]) ?? "";
          note(rs, "rejected", t.origin.row + r, { zh: `税款所属期起止不在同一个月：“${first}”至“${endText}”，无法按月对账。`, en: `The period runs from "${first}" to "${endText}", not one month: it cannot be put in a month.` }, ref(t, r, cEnd));
          continue;
        }
      }
      if (m.year > 0 && dataYear > 0 && m.year !== dataYear) {
        note(rs, "skipped", t.origin.row + r, { zh: `${m.year}年${m.month}月不属于数据年度 ${dataYear}。`, en: `${m.year}-${String(m.month).padStart(2, "0")} is outside data year ${dataYear}.` });
        continue;
      }
      const a = accept(t, row);
      if (!a.use) {
        note(rs, "skipped", t.origin.row + r, a.why ?? { zh: "不对账的行。", en: "Not reconciled." });
        continue;
      }
      let who: string | null = null;
      let whoCell: CellRef | null = null;
      if (layout === "perPerson") {
        const id = cId === undefined ? null : idKey(row[cId]);
        const name = cName === undefined ? null : cellText(row[cName]);
        who = id !== null ? `id:${id}` : name !== null ? `name:${nfkc(name).replace(/\s/g, "")}` : null;
        if (who === null) {
          note(rs, "rejected", t.origin.row + r, { zh: "逐人明细行没有姓名或身份证号。", en: "A per-person row names nobody (no name or ID number)." }, ref(t, r, cId ?? cName!));
          continue;
        }
        whoCell = ref(t, r, cId !== undefined && id !== null ? cId : cName!);
      }
      const p = cPeople === undefined || !a.people ? null : readQuantity(row[cPeople]);
      const amt = cAmount === undefined ? null : amount(row[cAmount]);
      if ((p && p.status !== OK && p.status !== TEXT && p.value === null && !(row[cPeople!] === null || row[cPeople!] === undefined || row[cPeople!] === "")) || amt === "bad") {
        note(rs, "rejected", t.origin.row + r, { zh: "人数或金额无法识别。", en: "Unreadable count or amount." }, ref(t, r, amt === "bad" ? cAmount! : cPeople!));
        continue;
      }
      rs.used++;
      const f = (months[m.month - 1] ??= { people: null, amount: null, peopleCells: [], amountCells: [] });
      if (p?.value) {
        f.people = (f.people ?? ZERO).plus(p.value);
        f.peopleCells.push(ref(t, r, cPeople!));
      }
      if (who !== null && a.people && !perPerson[m.month - 1].has(who)) {
        // The month's people: each person once, however many rows (income items) they have that month.
        perPerson[m.month - 1].set(who, whoCell!);
        f.people = (f.people ?? ZERO).plus(1);
        if (f.peopleCells.length < 2) f.peopleCells.push(whoCell!);
      }
      if (amt !== null) {
        f.amount = (f.amount ?? ZERO).plus(amt);
        f.amountCells.push(ref(t, r, cAmount!));
      }
    }
  }
  return { months, rows, perPerson, ambiguous };
}

const LISTED = /^(是|√|✓|✔|参保|在保|正常|正常参保|缴费|正常缴费|y|yes)$/i;
const NOT_LISTED = /^(否|×|✗|停保|未参保|暂停|中断|n|no)$/i;

/**
 * One row per person, a column per month (社保: 姓名 | 身份证号 | 1月 … 12月): a person is listed in a month when the
 * month's cell holds a positive amount (the base or a contribution, summed as the month's amount) or a yes word; blank,
 * 0, "—" and no words are not listed. A cell that is none of these rejects the whole row (REC_SOURCE_UNREADABLE names
 * it): the row is not counted in any month rather than counted in the wrong ones. Columns of another year are left out.
 */
function readWide(
  t: SourceTable,
  rs: SourceRows,
  dataYear: number,
  months: Array<MonthFigure | null>,
  perPerson: Array<Map<string, CellRef>>,
  accept: (t: SourceTable, row: readonly CellValue[]) => { use: boolean; people: boolean; why?: Bilingual },
): void {
  const v = t.sheet.values;
  const cols = (t.monthColumns ?? []).filter((c) => c.year === 0 || dataYear <= 0 || c.year === dataYear);
  const cId = col(t, "idNumber");
  const cName = col(t, "name");
  for (let r = t.dataStart; r < v.length; r++) {
    const row = v[r];
    if (isBlankRow(row)) continue;
    rs.read++;
    const id = cId === undefined ? null : idKey(row[cId]);
    const name = cName === undefined ? null : cellText(row[cName]);
    if (name !== null && SUMMARY_ROW.test(name)) {
      note(rs, "skipped", t.origin.row + r, { zh: `汇总行“${name}”。`, en: `Summary row "${name}".` });
      continue;
    }
    const who = id !== null ? `id:${id}` : name !== null ? `name:${nfkc(name).replace(/\s/g, "")}` : null;
    if (who === null) {
      note(rs, "rejected", t.origin.row + r, { zh: "逐人明细行没有姓名或身份证号。", en: "A per-person row names nobody (no name or ID number)." }, ref(t, r, cId ?? cName!));
      continue;
    }
    const a = accept(t, row);
    if (!a.use) {
      note(rs, "skipped", t.origin.row + r, a.why ?? { zh: "不对账的行。", en: "Not reconciled." });
      continue;
    }
    const listed: Array<{ month: number; amount: Decimal | null; cell: CellRef }> = [];
    let bad: CellRef | null = null;
    for (const c of cols) {
      const x = row[c.index];
      const text = typeof x === "string" ? nfkc(x).trim() : null;
      if (text !== null && LISTED.test(text)) listed.push({ month: c.month, amount: null, cell: ref(t, r, c.index) });
      else if (text !== null && NOT_LISTED.test(text)) continue;
      else {
        const n = amount(x);
        if (n === "bad" || (n !== null && n.isNegative())) {
          bad = ref(t, r, c.index);
          break;
        }
        if (n !== null && !n.isZero()) listed.push({ month: c.month, amount: n, cell: ref(t, r, c.index) });
      }
    }
    if (bad) {
      note(rs, "rejected", t.origin.row + r, { zh: "月份单元格既不是金额也不是“是/否”，整行未计入。", en: "A month cell is neither an amount nor yes/no: the row is left out." }, bad);
      continue;
    }
    rs.used++;
    const whoCell = ref(t, r, id !== null && cId !== undefined ? cId : cName!);
    for (const l of listed) {
      const f = (months[l.month - 1] ??= { people: null, amount: null, peopleCells: [], amountCells: [] });
      if (a.people && !perPerson[l.month - 1].has(who)) {
        perPerson[l.month - 1].set(who, whoCell);
        f.people = (f.people ?? ZERO).plus(1);
        if (f.peopleCells.length < 2) f.peopleCells.push(l.cell);
      }
      if (l.amount !== null) {
        f.amount = (f.amount ?? ZERO).plus(l.amount);
        f.amountCells.push(l.cell);
      }
    }
  }
}

/**
 * The 所得项目 of an IIT row that is ordinary wage income (its people are the month's wage earners): blank, 正常工资薪金,
 * 工资薪金(所得), and the same written as the tax law does (工资、薪金所得, 个人所得税法 第二条) or under 综合所得
 * (综合所得-工资薪金, 综合所得（工资薪金）). Other 工资薪金 items (全年一次性奖金 …) are income only; null for those.
 */
export function iitItemKind(item: string): "wage" | null {
  const bare = nfkc(item).replace(/[\s、，,·]/g, "");
  const t = bare.replace(/^综合所得[-—–_:：/（(]?/, "").replace(/[)）]$/, "");
  if (t === "" && bare !== "") return null;
  if (t === "" || /^正常工资薪金/.test(t) || /^工资薪金(所得)?$/.test(t)) return "wage";
  return null;
}

/** IIT: 工资薪金 rows (正常工资薪金 for people and income; 全年一次性奖金 etc. for income only); 劳务报酬 and the rest skipped. */
export function readIit(tables: readonly SourceTable[], dataYear: number): MonthlyData | null {
  return readMonthly(tables, "iitSummary", dataYear, (t, row) => {
    const c = col(t, "incomeItem");
    if (c === undefined) return { use: true, people: true };
    const item = cellText(row[c]) ?? "";
    const kind = iitItemKind(item);
    if (kind === "wage") return { use: true, people: true };
    if (/工资薪金|全年一次性奖金|年终奖|解除劳动合同一次性补偿/.test(nfkc(item).replace(/[\s、]/g, "")) && !/解除劳动合同/.test(item)) return { use: true, people: false };
    return { use: false, people: false, why: { zh: `所得项目“${item}”不是工资薪金所得。`, en: `Income item "${item}" is not wage income.` } };
  });
}

/** Social insurance: one insurance per month (基本养老保险 when the list has a 险种 column), people and base. */
export function readSocialInsurance(tables: readonly SourceTable[], dataYear: number): MonthlyData | null {
  const chosen = new Map<number, string | null>();
  for (const t of tables.filter((x) => x.kind === "socialInsurance")) {
    const c = col(t, "insuranceType");
    if (c === undefined) {
      chosen.set(t.id, null);
      continue;
    }
    const types: string[] = [];
    for (let r = t.dataStart; r < t.sheet.values.length; r++) {
      const s = cellText(t.sheet.values[r]?.[c]);
      if (s && !types.includes(s)) types.push(s);
    }
    chosen.set(t.id, types.find((s) => /养老/.test(s)) ?? types[0] ?? null);
  }
  return readMonthly(tables, "socialInsurance", dataYear, (t, row) => {
    const c = col(t, "insuranceType");
    const want = chosen.get(t.id) ?? null;
    if (c === undefined || want === null) return { use: true, people: true };
    const s = cellText(row[c]) ?? "";
    return s === want ? { use: true, people: true } : { use: false, people: false, why: { zh: `险种“${s}”：按“${want}”的人数对账。`, en: `Insurance "${s}": the count of "${want}" is used.` } };
  });
}

/* ------------------------------------------------------------------ certification list */

export interface CertificationEntry {
  name: string | null;
  idNumber: string | null;
  certificateNo: string | null;
  /** true 通过, false 不通过, null unreadable. */
  passed: boolean | null;
  resultText: string;
  date: string | null;
  /** The result date as a day number (days since 1970-01-01, read by the workbook's DateReader), null when blank or unreadable. */
  day: number | null;
  cells: { row: CellRef; result: CellRef; certificate?: CellRef };
  table: number;
}

export interface CertificationList {
  entries: CertificationEntry[];
  rows: Map<number, SourceRows>;
}

function idKey(v: CellValue | undefined): string | null {
  const t = cellText(v);
  return t ? t.replace(/\s/g, "").toUpperCase() : null;
}

const dates = new DateReader();

/**
 * A result word: true 通过, false not passed (不通过, 审核未通过, 不予通过 …, and a pass marked expired — 通过（已过期）),
 * null unreadable. Spaces are ignored (“通 过”).
 */
export function resultOf(text: string): boolean | null {
  const t = nfkc(text).replace(/\s/g, "");
  if (/过期|失效|已注销|撤销|作废/.test(t)) return false;
  if (/^(通过|审核通过|认证通过|合格|已通过|已认定|认定|年审通过|审核已通过)$/.test(t)) return true;
  if (/^(不通过|未通过|审核不通过|审核未通过|认证不通过|认证未通过|不予通过|不予认定|不合格|未认定|驳回|退回|已驳回|已退回|年审不通过|年审未通过)$/.test(t)) return false;
  return null;
}

export function readCertificationList(tables: readonly SourceTable[]): CertificationList | null {
  const mine = tables.filter((t) => t.kind === "certificationList");
  if (mine.length === 0) return null;
  const entries: CertificationEntry[] = [];
  const rows = new Map<number, SourceRows>();
  for (const t of mine) {
    const rs = rowsOf();
    rows.set(t.id, rs);
    const v = t.sheet.values;
    const cResult = col(t, "result")!;
    for (let r = t.dataStart; r < v.length; r++) {
      const row = v[r];
      if (isBlankRow(row)) continue;
      rs.read++;
      const name = col(t, "name") === undefined ? null : cellText(row[col(t, "name")!]);
      const id = col(t, "idNumber") === undefined ? null : idKey(row[col(t, "idNumber")!]);
      const cert = col(t, "certificateNo") === undefined ? null : idKey(row[col(t, "certificateNo")!]);
      if (!name && !id && !cert) {
        note(rs, "skipped", t.origin.row + r, { zh: "没有姓名、身份证号或残疾人证号。", en: "No name, ID or certificate number." });
        continue;
      }
      const text = cellText(row[cResult]) ?? "";
      const passed = resultOf(text);
      const dc = col(t, "resultDate");
      const dv = dc === undefined ? null : row[dc];
      const date = dv instanceof Date ? dv.toISOString().slice(0, 10) : cellText(dv);
      dates.date1904 = t.sheet.date1904 === true;
      const day = dates.read(dv) === OK ? dates.day : null;
      const entry: CertificationEntry = { name, idNumber: id, certificateNo: cert, passed, resultText: text, date, day, cells: { row: ref(t, r, col(t, "name") ?? col(t, "idNumber") ?? cResult), result: ref(t, r, cResult), ...(cert !== null ? { certificate: ref(t, r, col(t, "certificateNo")!) } : {}) }, table: t.id };
      // An unreadable result is rejected (REC_SOURCE_UNREADABLE) but kept: the person it names must not be counted on it.
      entries.push(entry);
      if (passed === null) {
        note(rs, "rejected", t.origin.row + r, { zh: `认证结果无法识别：“${text}”。`, en: `Unreadable result "${text}".` }, ref(t, r, cResult));
        continue;
      }
      rs.used++;
    }
  }
  return { entries, rows };
}
