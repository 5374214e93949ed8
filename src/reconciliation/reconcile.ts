/**
 * The reconciliation: the wage total and headcount behind the levy, bridged to each source the workbook holds —
 * ledger 2211 credits, A105050 line 1, the IIT withholding summaries and the social-insurance lists — and the
 * certification list against the register. Pure: reads the workbook model, returns bridges and findings.
 */
import { Decimal, ZERO, dec } from "../core/decimal";
import type { Bilingual } from "../core/rules/types";
import { cellAddress } from "../workbook/address";
import type { WorkbookModel } from "../workbook/model";
import { tableRange } from "../workbook/detect";
import { SOURCE_LABELS } from "../workbook/source-tables";
import type { SourceKind } from "../workbook/source-tables";
import { cleanNumberText } from "../workbook/parse";
import { cellText } from "../workbook/text";
import type { CellRef } from "../workbook/types";
import { bridgeJson, makeBridge } from "./bridge";
import type { Bridge, BridgeJson, BridgeStep } from "./bridge";
import type { CertificationResult } from "./certification";
import { WAGE_SUB_ACCOUNTS, readCit, readIit, readLedger, readSocialInsurance, SUB_ACCOUNT_LABELS } from "./read";
import type { CitData, LedgerData, MonthlyData, SourceRows } from "./read";
import { CATEGORY_LABELS, CONTAINS, CONTAINS_SOURCES, STAFF_CATEGORIES, TOLERANCES } from "./settings";
import type { TargetId } from "./settings";

export interface Tolerance {
  value: Decimal;
  cell: CellRef | null;
  /** The parameter-block name that set it, or null for the default. */
  name: string | null;
}

export interface Reconciliation {
  sources: Array<{ sheet: string; kind: SourceKind; label: Bilingual; layout: string; range: string; headerRow: number; score: number; runnerUp: { kind: string; score: number } | null; reasons: Bilingual[]; columns: Array<{ column: string; header: string; field: string }>; rows: SourceRows }>;
  tolerances: { wage: Tolerance; headcount: Tolerance };
  bridges: Bridge[];
  /** Months a monthly source lacks (1–12), per source. */
  missingMonths: Partial<Record<"iitSummary" | "socialInsurance", number[]>>;
  certification: CertificationResult | null;
  notes: Bilingual[];
  ledger: LedgerData | null;
  cit: CitData | null;
  iit: MonthlyData | null;
  socialInsurance: MonthlyData | null;
}

function tolerance(model: WorkbookModel, which: keyof typeof TOLERANCES): Tolerance {
  const p = TOLERANCES[which];
  for (const u of model.parameters?.unknown ?? []) {
    const name = u.name.replace(/\s/g, "");
    if (!p.names.some((n) => n.replace(/\s/g, "") === name)) continue;
    const t = typeof u.value === "number" ? String(u.value) : cleanNumberText(String(u.value));
    if (t !== null && dec(t).gte(0)) return { value: dec(t), cell: u.cell, name: u.name };
  }
  return { value: dec(p.value), cell: null, name: null };
}

function sum(values: Array<Decimal | null | undefined>): Decimal {
  return values.reduce<Decimal>((a, v) => (v ? a.plus(v) : a), ZERO);
}

/** The header cells of the payroll's wage columns (what the payroll figure is the sum of). */
function payrollCells(model: WorkbookModel): CellRef[] {
  const out: CellRef[] = [];
  for (const c of model.payroll.columns) {
    if (c.included.isZero()) continue;
    const t = model.tables.find((x) => x.id === c.table);
    if (!t) continue;
    const col = t.columns.find((x) => x.letter === c.column);
    if (!col) continue;
    const ref = { sheet: t.sheetName, address: cellAddress(t.origin, t.headerRowIndex, col.index) };
    if (!out.some((o) => o.sheet === ref.sheet && o.address === ref.address)) out.push(ref);
    if (out.length >= 12) break;
  }
  return out;
}

function rosterCells(model: WorkbookModel): CellRef[] {
  const t = model.tables.find((x) => x.kind === "roster" && !x.derived);
  return t ? [{ sheet: t.sheetName, address: tableRange(t) }] : [];
}

function categoryParts(target: TargetId, amounts: (cat: (typeof STAFF_CATEGORIES)[number]) => Decimal | null | undefined, cells: CellRef[]): BridgeStep[] {
  const out: BridgeStep[] = [];
  for (const cat of STAFF_CATEGORIES) {
    if (!CONTAINS[cat][target]) continue;
    const a = amounts(cat);
    if (!a || a.isZero()) continue;
    out.push({ id: cat, label: { zh: `${CATEGORY_LABELS[cat].zh}（不计入残保金，${target === "ledger" || target === "citA105050" || target === "iitIncome" ? "工资" : "人数"}在对方来源中）`, en: `${CATEGORY_LABELS[cat].en} (left out of the levy, included in the other source)` }, amount: a, cells });
  }
  return out;
}

/**
 * Months of a monthly source: Σ over the months present ÷ the number of months present (a list covering 10 months is
 * a 10-month average, not 12 with two months of nobody; the missing months are REC_SOURCE_MONTHS_MISSING), the months
 * missing, and the cells.
 */
function annualAverage(data: MonthlyData, pick: "people" | "amount"): { total: Decimal; average: Decimal; covered: number; missing: number[]; cells: CellRef[] } {
  let total = ZERO;
  const missing: number[] = [];
  const cells: CellRef[] = [];
  data.months.forEach((m, i) => {
    const v = m ? m[pick] : null;
    if (!m || v === null) missing.push(i + 1);
    else {
      total = total.plus(v);
      cells.push(...(pick === "people" ? m.peopleCells : m.amountCells));
    }
  });
  const covered = 12 - missing.length;
  return { total, average: covered > 0 ? total.dividedBy(covered) : ZERO, covered, missing, cells: cells.slice(0, 24) };
}

const MEMO = new WeakMap<WorkbookModel, Reconciliation>();

/** The reconciliation of a workbook model (computed once per model; the rule module and the report share it). */
export function reconcile(model: WorkbookModel): Reconciliation {
  const memo = MEMO.get(model);
  if (memo) return memo;
  const dataYear = model.period.dataYear;
  const sources = model.sourceTables ?? [];
  const ledger = readLedger(sources, dataYear);
  const cit = readCit(sources, dataYear);
  const iit = readIit(sources, dataYear);
  const si = readSocialInsurance(sources, dataYear);
  const tw = tolerance(model, "wage");
  const th = tolerance(model, "headcount");
  const bridges: Bridge[] = [];
  const notes: Bilingual[] = [];
  const missingMonths: Reconciliation["missingMonths"] = {};

  const wageKnown = model.wageSource === "payroll" || model.wageSource === "roster";
  const payroll = model.payroll;
  const fromWage = { label: { zh: "工资表工资总额（计入残保金的人员）", en: "Payroll wage total (people the levy counts)" }, amount: payroll.wageTotal, cells: payrollCells(model) };
  if (model.wageBasis === "social-insurance-base" && (ledger || cit || iit)) {
    notes.push({ zh: "本地第4栏按社保缴费基数计算；对账使用工资表的工资总额（不是第4栏）。", en: "Column 4 is the contribution base here; the bridges start from the payroll's wage total (not column 4)." });
  }
  const excludedPay = (cat: string) => payroll.excludedStaff.byReason.get(cat) ?? null;
  const payCells = fromWage.cells.slice(0, 3);
  if (!wageKnown && (ledger || cit || iit)) notes.push({ zh: "没有工资明细，工资总额无法与其他来源对账。", en: "No payroll detail: the wage total cannot be bridged to the other sources." });

  // Bonus accrued this year and paid next: the 2211 奖金 sub-account's credit − debit (its balance movement).
  const bonus = ledger?.accounts.filter((a) => !a.parent && a.sub === "bonus") ?? [];
  const bonusAccrual: BridgeStep | null = bonus.length
    ? {
        id: "bonusAccrual",
        label: { zh: "本年计提、次年发放的奖金（2211 奖金 贷方−借方）", en: "Bonus accrued this year, paid next year (2211 bonus: credits − debits)" },
        amount: sum(bonus.map((a) => a.credit.minus(a.debit))),
        cells: bonus.flatMap((a) => [...a.creditCells.slice(0, 2), ...a.debitCells.slice(0, 2)]),
      }
    : null;

  if (ledger && ledger.accounts.length === 0) notes.push({ zh: "总账/明细账中没有应付职工薪酬（2211）科目的行：无法与总账对账。", en: "The ledger has no rows of account 2211 (employee pay payable): no bridge to the ledger." });
  // 1. Wage → ledger 2211 (工资、奖金、津贴和补贴 credits; the 2211 total when the ledger has no sub-accounts).
  if (wageKnown && ledger) {
    const subs = ledger.accounts.filter((a) => !a.parent && a.sub !== null);
    const wageSubs = subs.filter((a) => WAGE_SUB_ACCOUNTS.includes(a.sub!));
    const parent = ledger.accounts.filter((a) => a.parent);
    const parts = categoryParts("ledger", excludedPay, payCells);
    if (bonusAccrual) parts.push(bonusAccrual);
    if (wageSubs.length > 0 || parent.length > 0) {
      const useSubs = wageSubs.length > 0 || subs.length > 0;
      const accounts = useSubs ? wageSubs : parent;
      if (!useSubs) {
        const nonWage = [...payroll.nonWage.entries()].filter(([k]) => k === "welfare" || k === "employerContribution");
        const amount = sum(nonWage.map(([, v]) => v));
        if (!amount.isZero()) parts.push({ id: "nonWageIn2211", label: { zh: "计入2211的职工福利费与单位社保（工资表非工资列）", en: "Staff welfare and employer contributions booked to 2211 (payroll non-wage columns)" }, amount, cells: payCells });
        notes.push({ zh: "科目余额表只有应付职工薪酬总账，没有明细科目：与2211贷方合计对账，其中的福利费、社保、公积金、工会经费等只能按工资表列解释。", en: "The ledger has 2211 without sub-accounts: bridged to its total credit; welfare, social insurance, housing fund and union fees in it are explained only as far as the payroll's columns show them." });
      }
      const to = {
        label: { zh: useSubs ? `总账2211 ${accounts.map((a) => SUB_ACCOUNT_LABELS[a.sub!].zh).filter((v, i, arr) => arr.indexOf(v) === i).join("、")} 贷方` : "总账2211 应付职工薪酬 贷方合计", en: useSubs ? "Ledger 2211 wage sub-accounts, credits" : "Ledger 2211 total credits" },
        amount: sum(accounts.map((a) => a.credit)),
        cells: accounts.flatMap((a) => a.creditCells.slice(0, 4)),
      };
      bridges.push(makeBridge("wage-ledger", "wage", fromWage, to, parts, tw.value, tw.cell, notes.splice(0)));
    }
  }

  // 2. Wage → A105050 line 1 (实际发生额, paid basis; the 账载金额 when the form has no column 2, with the accrual part).
  if (wageKnown && cit) {
    const line = cit.lines.get("wages");
    if (line && (line.actual !== null || line.book !== null)) {
      const useActual = line.actual !== null;
      const parts = categoryParts("citA105050", excludedPay, payCells);
      if (!useActual && bonusAccrual) parts.push(bonusAccrual);
      const cell = useActual ? line.cells.actual : line.cells.book;
      const bridgeNotes: Bilingual[] = [];
      if (line.actual !== null && line.book !== null && !line.actual.eq(line.book)) {
        bridgeNotes.push({ zh: `A105050 第1行 账载金额 ${line.book.toFixed(2)} 与实际发生额 ${line.actual.toFixed(2)} 相差 ${line.book.minus(line.actual).toFixed(2)}（计提未发放）。`, en: `A105050 line 1: book amount ${line.book.toFixed(2)} against actual ${line.actual.toFixed(2)}, ${line.book.minus(line.actual).toFixed(2)} accrued and not paid.` });
      }
      bridges.push(
        makeBridge(
          "wage-cit",
          "wage",
          fromWage,
          { label: { zh: `企业所得税A105050 第1行 工资薪金支出（${useActual ? "实际发生额" : "账载金额"}）`, en: `CIT A105050 line 1 wages (${useActual ? "actual" : "book amount"})` }, amount: (useActual ? line.actual : line.book)!, cells: cell ? [cell] : [line.cells.label] },
          parts,
          tw.value,
          tw.cell,
          bridgeNotes,
        ),
      );
    } else notes.push({ zh: "A105050 中没有第1行 工资薪金支出。", en: "A105050 has no line 1 (wages)." });
  }

  // 3. Wage → IIT 工资薪金 income; 4. headcount → IIT people.
  if (iit) {
    const income = annualAverage(iit, "amount");
    const people = annualAverage(iit, "people");
    if (people.missing.length) missingMonths.iitSummary = people.missing;
    if (wageKnown && income.cells.length) {
      const parts = categoryParts("iitIncome", excludedPay, payCells);
      const welfare = payroll.nonWage.get("welfare");
      if (welfare && !welfare.isZero()) parts.push({ id: "cashWelfare", label: { zh: "工资表中以现金发放的福利费（个税按工资薪金所得计税）", en: "Welfare paid in cash on the payroll (taxed as wage income)" }, amount: welfare, cells: payCells });
      bridges.push(makeBridge("wage-iit", "wage", fromWage, { label: { zh: "个税扣缴 工资薪金所得收入额（全年）", en: "IIT withholding: wage income (year)" }, amount: income.total, cells: income.cells }, parts, tw.value, tw.cell));
    }
    if (model.headcount && people.cells.length) {
      const h = model.headcount;
      bridges.push(
        makeBridge(
          "headcount-iit",
          "headcount",
          { label: { zh: "花名册年平均在职职工人数（第5栏）", en: "Roster annual average headcount (column 5)" }, amount: h.annual, cells: rosterCells(model) },
          { label: { zh: `个税扣缴 工资薪金所得人数月平均（Σ÷${people.covered}）`, en: `IIT: people with wage income, monthly average (Σ ÷ ${people.covered})` }, amount: people.average, cells: people.cells },
          categoryParts("iitPeople", (c) => h.excludedAnnual.get(c), rosterCells(model)),
          th.value,
          th.cell,
          people.missing.length ? [{ zh: `缺少 ${people.missing.join("、")} 月的数据（月平均按有数据的 ${people.covered} 个月计算）。`, en: `Months ${people.missing.join(", ")} are missing (the average is over the ${people.covered} months present).` }] : [],
        ),
      );
    }
  }

  // 5. Headcount → social insurance 参保人数.
  if (si && model.headcount) {
    const people = annualAverage(si, "people");
    if (people.missing.length) missingMonths.socialInsurance = people.missing;
    if (people.cells.length) {
      const h = model.headcount;
      bridges.push(
        makeBridge(
          "headcount-social-insurance",
          "headcount",
          { label: { zh: "花名册年平均在职职工人数（第5栏）", en: "Roster annual average headcount (column 5)" }, amount: h.annual, cells: rosterCells(model) },
          { label: { zh: `社保参保人数月平均（Σ÷${people.covered}）`, en: `Social insurance: insured people, monthly average (Σ ÷ ${people.covered})` }, amount: people.average, cells: people.cells },
          categoryParts("socialInsurance", (c) => h.excludedAnnual.get(c), rosterCells(model)),
          th.value,
          th.cell,
          people.missing.length ? [{ zh: `缺少 ${people.missing.join("、")} 月的数据（月平均按有数据的 ${people.covered} 个月计算）。`, en: `Months ${people.missing.join(", ")} are missing (the average is over the ${people.covered} months present).` }] : [],
        ),
      );
    }
  }

  const rowsOf = (id: number): SourceRows => ledger?.rows.get(id) ?? cit?.rows.get(id) ?? iit?.rows.get(id) ?? si?.rows.get(id) ?? model.certification?.rows.get(id) ?? certRows(model, id);
  const out: Reconciliation = {
    sources: sources.map((t) => ({
      sheet: t.sheetName,
      kind: t.kind,
      label: SOURCE_LABELS[t.kind],
      layout: t.recognition.layout,
      range: `${cellAddress(t.origin, t.headerRowIndex, t.columns[0]?.index ?? 0)}:${cellAddress(t.origin, Math.max(t.sheet.values.length - 1, t.headerRowIndex), t.columns[t.columns.length - 1]?.index ?? 0)}`,
      headerRow: t.origin.row + t.headerRowIndex,
      score: t.recognition.score,
      runnerUp: t.recognition.runnerUp,
      reasons: t.recognition.reasons,
      columns: t.columns.map((c) => ({ column: c.letter, header: c.header, field: c.field })),
      rows: rowsOf(t.id),
    })),
    tolerances: { wage: tw, headcount: th },
    bridges,
    missingMonths,
    certification: model.certification ?? null,
    notes,
    ledger,
    cit,
    iit,
    socialInsurance: si,
  };
  MEMO.set(model, out);
  return out;
}

/** Row counts of a certification-list table (read in the model; recounted here for the report). */
function certRows(model: WorkbookModel, id: number): SourceRows {
  const t = model.sourceTables.find((x) => x.id === id);
  const rows: SourceRows = { read: 0, used: 0, skipped: 0, rejected: 0, notes: [], bad: [] };
  if (!t) return rows;
  for (let r = t.dataStart; r < t.sheet.values.length; r++) {
    const row = t.sheet.values[r];
    if (Array.isArray(row) && row.some((v) => cellText(v) !== null)) rows.read++;
  }
  return rows;
}

/** The `reconciliation` object of `levy audit --json` (added field; decimals as strings). */
export interface ReconciliationJson {
  sources: Array<Omit<Reconciliation["sources"][number], "rows"> & { rows: { read: number; used: number; skipped: number; rejected: number }; notes: SourceRows["notes"] }>;
  tolerances: { wage: { value: string; cell: CellRef | null; name: string | null }; headcount: { value: string; cell: CellRef | null; name: string | null } };
  bridges: BridgeJson[];
  missingMonths: Reconciliation["missingMonths"];
  certification: null | {
    listEntries: number;
    matched: number;
    overridden: Array<{ person: string; register: boolean | null; list: boolean; registerCell: CellRef; listCell: CellRef }>;
    notInRegister: Array<{ name: string | null; idNumber: string | null; cell: CellRef }>;
    notOnList: Array<{ person: string; cell: CellRef }>;
    /** People the list cannot settle (unreadable result, or results the dates cannot order): not counted. */
    undecided: Array<{ person: string; registerCell: CellRef; listCells: CellRef[]; reason: "unreadable" | "noDate" | "sameDate" }>;
  };
  notes: Bilingual[];
  /** The documents behind which staff categories each source contains. */
  basis: readonly string[];
}

export function reconciliationJson(r: Reconciliation): ReconciliationJson {
  const c = r.certification;
  return {
    sources: r.sources.map((s) => ({ ...s, rows: { read: s.rows.read, used: s.rows.used, skipped: s.rows.skipped, rejected: s.rows.rejected }, notes: s.rows.notes })),
    tolerances: {
      wage: { value: r.tolerances.wage.value.toString(), cell: r.tolerances.wage.cell, name: r.tolerances.wage.name },
      headcount: { value: r.tolerances.headcount.value.toString(), cell: r.tolerances.headcount.cell, name: r.tolerances.headcount.name },
    },
    bridges: r.bridges.map(bridgeJson),
    missingMonths: r.missingMonths,
    certification: c
      ? {
          listEntries: c.listEntries,
          matched: c.matched,
          overridden: c.overridden.map((o) => ({ person: o.person, register: o.register ?? null, list: o.list, registerCell: o.registerCell, listCell: o.listCell })),
          notInRegister: c.notInRegister.map((e) => ({ name: e.name, idNumber: e.idNumber, cell: e.cells.row })),
          notOnList: c.notOnList,
          undecided: c.undecided,
        }
      : null,
    notes: r.notes,
    basis: CONTAINS_SOURCES,
  };
}

export { Decimal };
