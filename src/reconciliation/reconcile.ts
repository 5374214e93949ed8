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
import { PAY_CATEGORIES } from "../workbook/fields";
import { PresenceCounter, monthFigures, yearFrame } from "../workbook/presence";
import { cellText } from "../workbook/text";
import type { CellRef } from "../workbook/types";
import { bridgeJson, makeBridge } from "./bridge";
import type { Bridge, BridgeId, BridgeJson, BridgeStep } from "./bridge";
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
  /**
   * Months the IIT summary lacks, split by whether their filing deadline (the 15th of the next month) has passed by
   * today: `due` should have been filed (a warning names them when the payroll paid wages then), `notDue` not yet.
   * `paid`: the payroll's pay in the due months (null when the payroll cannot be split by month).
   */
  iitMonths: { due: number[]; notDue: number[]; paid: Decimal | null } | null;
  /** IIT / social-insurance tables whose layout cannot be told (a person column and a count column): not used. */
  layoutProblems: Array<{ kind: "iitSummary" | "socialInsurance"; sheet: string; cells: CellRef[] }>;
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

/**
 * The data ranges of the payroll columns the wage total is the sum of (工资表!D2:D1201): the wage components, and the
 * total column (应发工资) of a table whose wage is read from it.
 */
function payrollCells(model: WorkbookModel): CellRef[] {
  const out: CellRef[] = [];
  const p = model.payroll;
  for (const c of p.columns) {
    const kind = PAY_CATEGORIES[c.category].kind;
    const basis = p.tables.find((x) => x.table === c.table)?.basis;
    const inTotal = kind === "wage" || kind === "wageDeduction" || (kind === "total" && (basis === "total" || p.totalBasis.some((b) => b.table === c.table)));
    if (!inTotal || (c.included.isZero() && c.excludedStaff.isZero())) continue;
    const t = model.tables.find((x) => x.id === c.table);
    if (!t) continue;
    const col = t.columns.find((x) => x.letter === c.column);
    if (!col) continue;
    const last = Math.max(t.sheet.values.length - 1, t.dataStart);
    const ref = { sheet: t.sheetName, address: `${cellAddress(t.origin, t.dataStart, col.index)}:${cellAddress(t.origin, last, col.index)}` };
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

/** Month m (1–12) of the data year: its IIT filing deadline, the 15th of the next month (ISO date). */
function iitDeadline(dataYear: number, m: number): string {
  const y = m === 12 ? dataYear + 1 : dataYear;
  const mm = m === 12 ? 1 : m + 1;
  return `${y}-${String(mm).padStart(2, "0")}-15`;
}

function iitMonthsDue(missing: number[], dataYear: number, today: string, byMonth: Decimal[] | undefined): NonNullable<Reconciliation["iitMonths"]> {
  const due = missing.filter((m) => today > iitDeadline(dataYear, m));
  const notDue = missing.filter((m) => !due.includes(m));
  return { due, notDue, paid: byMonth ? sum(due.map((m) => byMonth[m - 1])) : null };
}

/**
 * The payroll split by month for a source lacking some months: the levy's pay of the missing months, and each
 * category's pay over the months present. Null when the payroll cannot be split exactly (rows without a month, the
 * total-column basis adjusting a table as a whole, a category's pay not all in months).
 */
function monthSplit(model: WorkbookModel, target: TargetId, missing: number[]): { missingPay: Decimal; categories: Map<string, Decimal> } | null {
  const p = model.payroll;
  const byMonth = p.wageByMonth;
  if (!byMonth || !sum(byMonth).eq(p.wageTotal)) return null;
  const categories = new Map<string, Decimal>();
  for (const cat of STAFF_CATEGORIES) {
    if (!CONTAINS[cat][target]) continue;
    const total = p.excludedStaff.byReason.get(cat);
    if (!total || total.isZero()) continue;
    const months = p.excludedByMonth?.get(cat);
    if (!months || !sum(months).eq(total)) return null;
    categories.set(cat, sum(months.filter((_, i) => !missing.includes(i + 1))));
  }
  return { missingPay: sum(missing.map((m) => byMonth[m - 1])), categories };
}

function personCell(model: WorkbookModel, p: WorkbookModel["persons"][number], field: string | null): CellRef {
  const t = model.tables.find((x) => x.id === p.table);
  const c = t && field ? t.field.get(field as never) : undefined;
  const col = c !== undefined ? c : p.decidingColumn;
  return t && col !== undefined && col >= 0 ? { sheet: t.sheetName, address: cellAddress(t.origin, p.row, col) } : { sheet: p.sheet, address: `A${p.sheetRow}` };
}

/**
 * Counted staff the roster marks as not insured (是否参保 = 否; the disabled register's 社保缴纳 = 否 where the roster
 * says nothing), as monthly figures under the headcount's method; null
 * when there are none, or when the counted people's own figures are not the headcount's (it came from elsewhere).
 */
function notInsured(model: WorkbookModel): { figures: Decimal[]; cells: CellRef[]; people: number } | null {
  const h = model.headcount;
  if (!h) return null;
  const frame = yearFrame(model.period.dataYear);
  const all = new PresenceCounter(frame);
  const none = new PresenceCounter(frame);
  const cells: CellRef[] = [];
  // The disabled register's 社保缴纳 answers for a person the roster says nothing about.
  const register = new Map<object, CellRef>();
  for (const e of model.disabled?.entries ?? []) {
    const c = e.columns.socialInsurance;
    const t = model.tables.find((x) => x.id === e.table);
    if (e.person && e.socialInsurance === false && c !== undefined && t) register.set(e.person, { sheet: t.sheetName, address: cellAddress(t.origin, e.row, c) });
  }
  for (const p of model.persons) {
    if (!p.inRoster || p.status !== "counted" || !p.present) continue;
    all.add(p.present[0], p.present[1]);
    const fromRegister = p.socialInsurance === null || p.socialInsurance === undefined ? register.get(p) : undefined;
    if (p.socialInsurance !== false && !fromRegister) continue;
    none.add(p.present[0], p.present[1]);
    if (cells.length < 12) cells.push(fromRegister ?? personCell(model, p, "socialInsurance"));
  }
  if (none.people === 0) return null;
  const allFigures = monthFigures(all.monthly(), h.method);
  if (allFigures.some((f, m) => !f.eq(h.figures[m]))) return null;
  return { figures: monthFigures(none.monthly(), h.method), cells, people: none.people };
}

/** People the roster employs wholly outside the data year who are paid in it: per month, how many were paid. */
function paidOutsideYear(model: WorkbookModel): { counts: number[]; cells: CellRef[]; people: number } | null {
  const counts = Array.from({ length: 12 }, () => 0);
  const cells: CellRef[] = [];
  let people = 0;
  for (const p of model.persons) {
    if (!p.inRoster || p.reason !== "PERIOD_MISMATCH" || p.payMonths === 0) continue;
    people++;
    for (let m = 0; m < 12; m++) if (p.payMonths & (1 << m)) counts[m]++;
    if (cells.length < 12) cells.push(personCell(model, p, null));
  }
  return people ? { counts, cells, people } : null;
}

/** Per-person sources: the people listed that the roster does not have (by ID number, else name). */
function notInRoster(model: WorkbookModel, data: MonthlyData): CellRef[] {
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const p of model.persons) {
    if (!p.inRoster) continue;
    if (p.idNumber) ids.add(p.idNumber.replace(/\s/g, "").toUpperCase());
    if (p.name) names.add(p.name.replace(/\s/g, ""));
  }
  const out = new Map<string, CellRef>();
  for (const month of data.perPerson) {
    for (const [key, cell] of month) {
      if (out.has(key)) continue;
      const known = key.startsWith("id:") ? ids.has(key.slice(3)) : names.has(key.slice(5));
      if (!known) out.set(key, cell);
    }
  }
  return [...out.values()];
}

/**
 * Headcount → a monthly source (IIT people or insured people): the roster's annual average against the source's
 * average over the months it covers, with the parts: the averaging over other months, the staff categories the source
 * contains, counted staff without social insurance (insured people only), people paid in the year but employed
 * outside it (IIT only). Per month too (from, parts, to, remainder), for the months the source covers.
 */
function headcountBridge(model: WorkbookModel, id: BridgeId, target: TargetId, data: MonthlyData, people: ReturnType<typeof annualAverage>, label: Bilingual, th: Tolerance): Bridge {
  const h = model.headcount!;
  const covered = Array.from({ length: 12 }, (_, i) => i).filter((i) => !people.missing.includes(i + 1));
  const n = covered.length;
  const avg = (f: readonly Decimal[]) => covered.reduce((a, m) => a.plus(f[m] ?? ZERO), ZERO).dividedBy(n);
  const cells = rosterCells(model);
  const monthly: Array<{ id: string; figures: Decimal[] }> = [];
  const parts: BridgeStep[] = [];
  if (people.missing.length) {
    parts.push({ id: "monthsNotCovered", label: { zh: `按对方有数据的 ${n} 个月平均（花名册按12个月平均）`, en: `Averaged over the ${n} months the source covers (the roster over 12)` }, amount: avg(h.figures).minus(h.annual), cells });
  }
  for (const step of categoryParts(target, (c) => { const f = h.excludedFigures.get(c); return f ? avg(f) : null; }, cells)) {
    parts.push(step);
    monthly.push({ id: step.id, figures: h.excludedFigures.get(step.id)! });
  }
  const notes: Bilingual[] = [];
  if (target === "socialInsurance") {
    const none = notInsured(model);
    if (none) {
      const figures = none.figures.map((f) => f.negated());
      parts.push({ id: "noSocialInsurance", label: { zh: `计入人数但花名册标明未参保的职工（${none.people} 人）`, en: `Counted staff the roster marks as not insured (${none.people})` }, amount: avg(figures), cells: none.cells });
      monthly.push({ id: "noSocialInsurance", figures });
    }
  }
  if (target === "iitPeople") {
    const out = paidOutsideYear(model);
    if (out) {
      const figures = out.counts.map((c) => new Decimal(c));
      parts.push({ id: "outsideDataYear", label: { zh: `数据年度内未在职、但本年领取工资的人员（${out.people} 人，个税有、人数无）`, en: `People not employed in the data year but paid in it (${out.people}): in the IIT count, not in the headcount` }, amount: avg(figures), cells: out.cells });
      monthly.push({ id: "outsideDataYear", figures });
    }
  }
  if (people.missing.length) notes.push({ zh: `缺少 ${people.missing.join("、")} 月的数据（月平均按有数据的 ${n} 个月计算）。`, en: `Months ${people.missing.join(", ")} are missing (the average is over the ${n} months present).` });
  if (data.perPerson.some((m) => m.size > 0)) {
    const strangers = notInRoster(model, data);
    notes.push({ zh: `逐人明细：每月人数为当月列出的不同人员数。${strangers.length ? `其中 ${strangers.length} 人不在花名册中（如 ${strangers.slice(0, 3).map((c) => `${c.sheet}!${c.address}`).join("、")}）。` : ""}`, en: `Per-person detail: a month's count is the number of different people listed that month.${strangers.length ? ` ${strangers.length} of them are not in the roster (e.g. ${strangers.slice(0, 3).map((c) => `${c.sheet}!${c.address}`).join(", ")}).` : ""}` });
  }
  const bridge = makeBridge(
    id,
    "headcount",
    { label: { zh: "花名册年平均在职职工人数（第5栏）", en: "Roster annual average headcount (column 5)" }, amount: h.annual, cells },
    { label: { zh: `${label.zh}（Σ÷${n}）`, en: `${label.en} (Σ ÷ ${n})` }, amount: people.average, cells: people.cells },
    parts,
    th.value,
    th.cell,
    notes,
  );
  bridge.months = covered.map((m) => {
    const steps = monthly.map((x) => ({ id: x.id, amount: x.figures[m] ?? ZERO }));
    const from = h.figures[m];
    const to = data.months[m]?.people ?? ZERO;
    return { month: m + 1, from, to, steps, unexplained: to.minus(from).minus(sum(steps.map((x) => x.amount))) };
  });
  return bridge;
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
  let iitMonths: Reconciliation["iitMonths"] = null;

  const wageKnown = model.wageSource === "payroll" || model.wageSource === "roster";
  const payroll = model.payroll;
  const fromWage = { label: { zh: "工资表工资总额（计入残保金的人员）", en: "Payroll wage total (people the levy counts)" }, amount: payroll.wageTotal, cells: payrollCells(model) };
  if (model.wageBasis === "social-insurance-base" && (ledger || cit || iit)) {
    notes.push({ zh: "本地第4栏按社保缴费基数计算；对账使用工资表的工资总额（不是第4栏）。", en: "Column 4 is the contribution base here; the bridges start from the payroll's wage total (not column 4)." });
  }
  const excludedPay = (cat: string) => payroll.excludedStaff.byReason.get(cat) ?? null;
  // Pay in the data year of people the roster employs wholly outside it: counted in the payroll's wage total. Paid, so
  // in the paid-basis sources (A105050 实际发生额, the IIT): no difference, said in a note. Their service is not in the
  // data year, so an accrual-basis source (2211 credits, A105050 账载金额) recognised it in another year
  // (企业会计准则第9号: in the period the employee renders the service): an explained part, −their pay.
  const outsiders = model.persons.filter((p) => p.inRoster && p.reason === "PERIOD_MISMATCH" && p.payRows > 0);
  const outsiderPay = outsiders.reduce<Decimal>((a, p) => a.plus(new Decimal(p.wageFen).dividedBy(100)).plus(p.wageExtra ?? ZERO), ZERO);
  const hasOutsiders = outsiders.length > 0 && !outsiderPay.isZero();
  const outsiderNote: Bilingual[] = hasOutsiders
    ? [{ zh: `工资表工资总额含 ${outsiders.length} 名数据年度内未在职人员（花名册任职期在 ${dataYear} 年之外）在本年领取的工资 ${outsiderPay.toFixed(2)}；对方来源按实际发放计，同样包含，不构成差异。`, en: `The payroll's wage total includes ${outsiderPay.toFixed(2)} paid this year to ${outsiders.length} people the roster employs wholly outside ${dataYear}; the other source counts what was paid, so it includes it too: no difference.` }]
    : [];
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

  /** The accrual-basis part for people outside the data year, or a note when a bonus accrual part may already hold it. */
  const outsiderAccrual = (): { part: BridgeStep | null; notes: Bilingual[] } => {
    if (!hasOutsiders) return { part: null, notes: [] };
    if (bonusAccrual) {
      return {
        part: null,
        notes: [{ zh: `工资表工资总额含 ${outsiders.length} 名数据年度外人员（任职期在 ${dataYear} 年之外）在本年领取的工资 ${outsiderPay.toFixed(2)}：其服务期不在本年，按会计准则不在本年贷方，但可能已体现在奖金科目的借方（跨年奖金部分）中，无法区分，留在未解释差异中。`, en: `The payroll's wage total includes ${outsiderPay.toFixed(2)} paid this year to ${outsiders.length} people employed wholly outside ${dataYear}: their service is not in this year, so it is not in this year's credits, but it may already be in the bonus sub-account's debits (the bonus accrual part); that cannot be told, so it stays in the unexplained remainder.` }],
      };
    }
    return {
      part: {
        id: "outsideDataYear",
        label: { zh: `数据年度外人员在本年领取的工资（${outsiders.length} 人，任职期在 ${dataYear} 年之外：服务期不在本年，按企业会计准则第9号不在本年计提）`, en: `Pay this year to ${outsiders.length} people employed wholly outside ${dataYear} (their service is not in this year, so under CAS 9 it is not accrued in it)` },
        amount: outsiderPay.negated(),
        cells: outsiders.slice(0, 12).map((p) => personCell(model, p, null)),
      },
      notes: [],
    };
  };

  if (ledger && ledger.accounts.length === 0) notes.push({ zh: "总账/明细账中没有应付职工薪酬（2211）科目的行：无法与总账对账。", en: "The ledger has no rows of account 2211 (employee pay payable): no bridge to the ledger." });
  // 1. Wage → ledger 2211 (工资、奖金、津贴和补贴 credits; the 2211 total when the ledger has no sub-accounts).
  if (wageKnown && ledger) {
    const subs = ledger.accounts.filter((a) => !a.parent && a.sub !== null);
    const wageSubs = subs.filter((a) => WAGE_SUB_ACCOUNTS.includes(a.sub!));
    const parent = ledger.accounts.filter((a) => a.parent);
    const parts = categoryParts("ledger", excludedPay, payCells);
    if (bonusAccrual) parts.push(bonusAccrual);
    const outside = outsiderAccrual();
    if (outside.part) parts.push(outside.part);
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
      bridges.push(makeBridge("wage-ledger", "wage", fromWage, to, parts, tw.value, tw.cell, [...notes.splice(0), ...outside.notes]));
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
      if (useActual) bridgeNotes.push(...outsiderNote);
      else {
        const outside = outsiderAccrual();
        if (outside.part) parts.push(outside.part);
        bridgeNotes.push(...outside.notes);
      }
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
    if (income.missing.length && income.covered > 0) iitMonths = iitMonthsDue(income.missing, dataYear, model.today, payroll.wageByMonth);
    if (wageKnown && income.cells.length) {
      const welfare = payroll.nonWage.get("welfare");
      const hasWelfare = !!welfare && !welfare.isZero();
      const bridgeNotes: Bilingual[] = [...outsiderNote];
      let parts: BridgeStep[];
      const split = income.missing.length ? monthSplit(model, "iitIncome", income.missing) : null;
      if (income.missing.length && split && !hasWelfare) {
        // The summary covers some months: the payroll's pay of the other months is no part of it (an explained part),
        // and the categories the IIT contains are counted over the months it covers only.
        parts = categoryParts("iitIncome", (c) => split.categories.get(c), payCells);
        parts.push({ id: "monthsNotInIit", label: { zh: `个税汇总未覆盖月份（${income.missing.join("、")}月）的工资（工资表有、个税汇总无）`, en: `Pay of the months the IIT summary does not cover (${income.missing.join(", ")}): on the payroll, not in the summary` }, amount: split.missingPay.negated(), cells: payCells });
      } else {
        parts = categoryParts("iitIncome", excludedPay, payCells);
        if (hasWelfare) parts.push({ id: "cashWelfare", label: { zh: "工资表中以现金发放的福利费（个税按工资薪金所得计税）", en: "Welfare paid in cash on the payroll (taxed as wage income)" }, amount: welfare!, cells: payCells });
        if (income.missing.length) {
          bridgeNotes.push({ zh: `个税汇总缺少 ${income.missing.join("、")} 月，但工资表的工资无法按月拆分（没有月份列、合计列口径或现金福利费）：这些月份的工资留在未解释差异中。`, en: `The IIT summary lacks months ${income.missing.join(", ")}, but the payroll's pay cannot be split by month (no month column, the total-column basis, or cash welfare): those months' pay stays in the unexplained remainder.` });
        }
      }
      if (iitMonths && iitMonths.notDue.length) bridgeNotes.push({ zh: `${iitMonths.notDue.join("、")} 月的个税申报期限（次月15日）尚未届满。`, en: `The IIT filing deadline (the 15th of the next month) of months ${iitMonths.notDue.join(", ")} has not passed.` });
      bridges.push(makeBridge("wage-iit", "wage", fromWage, { label: { zh: `个税扣缴 工资薪金所得收入额（${income.covered === 12 ? "全年" : `${income.covered} 个月`}）`, en: `IIT withholding: wage income (${income.covered === 12 ? "year" : `${income.covered} months`})` }, amount: income.total, cells: income.cells }, parts, tw.value, tw.cell, bridgeNotes));
    }
    if (model.headcount && people.cells.length) {
      bridges.push(headcountBridge(model, "headcount-iit", "iitPeople", iit, people, { zh: "个税扣缴 工资薪金所得人数月平均", en: "IIT: people with wage income, monthly average" }, th));
    }
  }

  // 5. Headcount → social insurance 参保人数.
  if (si && model.headcount) {
    const people = annualAverage(si, "people");
    if (people.missing.length) missingMonths.socialInsurance = people.missing;
    if (people.cells.length) {
      bridges.push(headcountBridge(model, "headcount-social-insurance", "socialInsurance", si, people, { zh: "社保参保人数月平均", en: "Social insurance: insured people, monthly average" }, th));
    }
  }
  const layoutProblems: Reconciliation["layoutProblems"] = [];
  for (const [kind, d] of [["iitSummary", iit], ["socialInsurance", si]] as const) for (const x of d?.ambiguous ?? []) layoutProblems.push({ kind, sheet: x.sheet, cells: x.cells });

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
    iitMonths,
    layoutProblems,
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
  /** Added: the IIT summary's missing months by whether their filing deadline has passed (null when none missing). */
  iitMonths?: { due: number[]; notDue: number[]; paid: string | null } | null;
  /** Added: IIT / social-insurance tables not used because their layout cannot be told. */
  layoutProblems?: Reconciliation["layoutProblems"];
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
    iitMonths: r.iitMonths ? { due: r.iitMonths.due, notDue: r.iitMonths.notDue, paid: r.iitMonths.paid ? r.iitMonths.paid.toFixed(2) : null } : null,
    layoutProblems: r.layoutProblems,
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
