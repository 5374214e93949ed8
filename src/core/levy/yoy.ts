/**
 * Year-over-year bridge: why this year's payable (form column 12) differs from last year's, in parts that sum
 * EXACTLY to the change.
 *
 * Method: sequential substitution through the calculation engine itself (calculateLevy; no rule is re-implemented).
 * State 0 is last year's filing. Each step replaces one group of last year's inputs with this year's and recomputes;
 * the step's amount is the payable after it minus the payable before it. The steps telescope, so they sum exactly to
 * (this year's recomputed payable − last year's recomputed payable); the last step ("rounding residue") carries the
 * difference between that and the change in the FILED payables (0.00 whenever both filings recompute to their own
 * figures, which is the normal case) and says so.
 *
 * Every rule parameter is pinned to the value each year's filing used (passed as overrides), so the bridge explains
 * the filings as filed even when the rule profiles have changed since.
 *
 * The fixed order (documented for users, and the order the working paper and the pane show):
 *   1 headcount       在职职工人数 (col 5), with last year's average wage held (the wage total moves with the headcount)
 *   2 averageWage     平均工资与封顶: this year's average wage (col 8), social average wage and cap parameters
 *                     (capMultiple, wageCapAmount, budgetFundedWageBase)
 *   3 quota           安置比例与征收比例: quotaRatio (col 6) and localCollectionRate
 *   4 disabled        残疾职工人数 (col 7)
 *   5 tier            分档减缴与免征: until this step last year's reduction band is held (tier-50 / tier-90 keep last
 *                     year's paying share, an exempt small enterprise stays exempt); here the band is decided afresh
 *                     under this year's tier and exemption parameters and entity type
 *   6 policy          政策及其他: filing date, registration date, approved relief, budget funding, region and every
 *                     other parameter (partYearMethod, roundHeadcount, wageBaseType, …)
 *   7 alreadyPaid     本期已缴费额 (col 11)
 *   8 residue         舍入差: filed change − the sum of steps 1–7 (see above)
 *
 * Pure: no Office, DOM, Node or file access.
 */
import { Decimal, ZERO, dec, display2, moneyString, plainString } from "../decimal";
import type { Bilingual, ParameterName, ParameterValues } from "../rules/types";
import { PARAMETER_INFO, PARAMETER_NAMES } from "../rules/parameters";
import { calculateLevy } from "./calculate";
import { annualAverageHeadcount } from "./headcount";
import type { LevyCase, LevyResult, ReductionKind } from "./types";

/** One year's filing as the bridge needs it: the aggregates, every rule value used, and the filed payable. */
export interface YoyFiling {
  /** The aggregates as filed. Its `overrides` are ignored: `parameters` holds every value the filing used. */
  case: LevyCase;
  parameters: ParameterValues;
  /** Filed form column 12 (decimal string). */
  payable: string;
  filingYear: number;
}

export type YoyStepId = "headcount" | "averageWage" | "quota" | "disabled" | "tier" | "policy" | "alreadyPaid" | "residue";

export interface YoyStep {
  id: YoyStepId;
  label: Bilingual;
  /** Change in payable this step explains (decimal string, 2 places, yuan). */
  amount: string;
  /** Payable after the step (recomputed). */
  payableAfter: string;
  /** What changed in this step, last year → this year ("100 → 120"). Empty when nothing in the group changed. */
  changes: Array<{ name: string; label: Bilingual; from: string; to: string }>;
  note?: Bilingual;
}

export interface YoyBridge {
  lastYear: { filingYear: number; payable: string; recomputed: string; reductionKind: ReductionKind };
  thisYear: { filingYear: number; payable: string; recomputed: string; reductionKind: ReductionKind };
  /** thisYear.payable − lastYear.payable (filed figures). */
  change: string;
  steps: YoyStep[];
  method: Bilingual;
  notes: Bilingual[];
}

export const YOY_ORDER: readonly YoyStepId[] = ["headcount", "averageWage", "quota", "disabled", "tier", "policy", "alreadyPaid", "residue"];

export const YOY_LABELS: Record<YoyStepId, Bilingual> = {
  headcount: { zh: "在职职工人数", en: "Headcount" },
  averageWage: { zh: "平均工资与封顶", en: "Average wage and cap" },
  quota: { zh: "安置比例与征收比例", en: "Quota ratio and local collection rate" },
  disabled: { zh: "残疾职工人数", en: "Disabled staff" },
  tier: { zh: "分档减缴与免征", en: "Reduction band and exemption" },
  policy: { zh: "政策及其他", en: "Policy and other changes" },
  alreadyPaid: { zh: "已缴费额", en: "Already paid" },
  residue: { zh: "舍入差", en: "Rounding residue" },
};

export const YOY_METHOD: Bilingual = {
  zh: "连环替代法：按固定顺序（人数 → 平均工资与封顶 → 安置比例与征收比例 → 残疾职工 → 分档与免征 → 政策及其他 → 已缴）逐项把上年数据换成本年数据并重新计算，每项金额为替换前后应补（退）费额之差；各项之和恰等于两年应补（退）费额之差，最后一项“舍入差”承担重算与申报数之间的差额（通常为 0.00）。分档在第5步之前按上年档次保持不变。",
  en: "Sequential substitution in a fixed order (headcount → average wage and cap → quota ratio and collection rate → disabled staff → band and exemption → policy and other → already paid): each step swaps last year's inputs for this year's and recomputes; its amount is the change in payable. The steps sum exactly to the change; the last step, the rounding residue, carries any difference between the recomputed and the filed figures (normally 0.00). Until step 5 last year's reduction band is held.",
};

type Year = 0 | 1;

interface State {
  headcount: Year;
  averageWage: Year;
  quota: Year;
  disabled: Year;
  tier: Year;
  policy: Year;
  alreadyPaid: Year;
  /** Hold last year's reduction band (steps before `tier`). */
  holdBand: boolean;
}

const CAP_PARAMETERS: readonly ParameterName[] = ["capMultiple", "wageCapAmount", "budgetFundedWageBase"];
const QUOTA_PARAMETERS: readonly ParameterName[] = ["quotaRatio", "localCollectionRate"];
const TIER_PARAMETERS: readonly ParameterName[] = ["tiersEnabled", "tierThreshold", "tierUpperPays", "tierLowerPays", "smallEnterpriseThreshold", "smallEnterpriseYearsSinceRegistration"];

/** The annual average headcount the case states (before any rounding rule): the figure, or the 12 months averaged. */
function caseHeadcount(c: LevyCase): Decimal {
  if (c.monthlyHeadcount !== undefined && c.monthlyHeadcount !== null) return annualAverageHeadcount(c.monthlyHeadcount).annual;
  return dec(c.headcount ?? 0);
}

function present(v: unknown): string {
  if (v === undefined || v === null || v === "") return "—";
  if (typeof v === "boolean") return v ? "是 yes" : "否 no";
  if (typeof v === "number") return String(v);
  if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)) return plainString(dec(v));
  return String(v);
}

export class YoyError extends Error {
  constructor(readonly detail: Bilingual) {
    super(`${detail.zh} ${detail.en}`);
    this.name = "YoyError";
  }
}

/** The bridge from `last` to `current`. Throws YoyError when a step cannot be computed (never a partial bridge). */
export function yoyBridge(last: YoyFiling, current: YoyFiling): YoyBridge {
  const years = [last, current] as const;
  const heads = years.map((y) => caseHeadcount(y.case));
  const averages = years.map((y, i) => (heads[i].isZero() ? ZERO : dec(y.case.wageTotal).dividedBy(heads[i])));
  // Last year's band, as the engine decides it with last year's own inputs and rules.
  const baseline = compute({ headcount: 0, averageWage: 0, quota: 0, disabled: 0, tier: 0, policy: 0, alreadyPaid: 0, holdBand: false }, null);
  const band = baseline.reductionKind;

  function caseOf(s: State, heldBand: ReductionKind | null): LevyCase {
    const p = years[s.policy].case;
    const h = years[s.headcount].case;
    const wageTotal = s.headcount === s.averageWage ? String(years[s.averageWage].case.wageTotal) : plainString(averages[s.averageWage].times(heads[s.headcount]));
    const overrides: Record<string, unknown> = {};
    for (const name of PARAMETER_NAMES) overrides[name] = years[s.policy].parameters[name];
    for (const name of CAP_PARAMETERS) overrides[name] = years[s.averageWage].parameters[name];
    for (const name of QUOTA_PARAMETERS) overrides[name] = years[s.quota].parameters[name];
    for (const name of TIER_PARAMETERS) overrides[name] = years[s.tier].parameters[name];
    let entityType = years[s.tier].case.entityType;
    if (heldBand === "tier-50" || heldBand === "tier-90") {
      const share = years[0].parameters[heldBand === "tier-50" ? "tierUpperPays" : "tierLowerPays"];
      Object.assign(overrides, { tiersEnabled: true, tierUpperPays: share, tierLowerPays: share, smallEnterpriseThreshold: null });
    } else if (heldBand === "small-enterprise") {
      // Above every headcount in play, so the enterprise stays exempt until the band is released.
      const above = Decimal.max(heads[0], heads[1]).plus(1).ceil();
      Object.assign(overrides, { smallEnterpriseThreshold: plainString(above), smallEnterpriseYearsSinceRegistration: null });
      entityType = "enterprise";
    }
    const out: LevyCase = {
      region: p.region,
      filingYear: p.filingYear,
      ...(p.filingDate ? { filingDate: p.filingDate } : {}),
      entityType,
      wageTotal,
      certifiedDisabled: years[s.disabled].case.certifiedDisabled ?? "0",
      socialAverageWage: years[s.averageWage].case.socialAverageWage ?? null,
      alreadyPaid: years[s.alreadyPaid].case.alreadyPaid ?? "0",
      registrationDate: p.registrationDate ?? null,
      budgetFunded: p.budgetFunded ?? null,
      approvedRelief: p.approvedRelief ?? null,
      overrides: overrides as LevyCase["overrides"],
    };
    if (h.monthlyHeadcount !== undefined && h.monthlyHeadcount !== null) out.monthlyHeadcount = h.monthlyHeadcount;
    else out.headcount = h.headcount;
    return out;
  }

  function compute(s: State, heldBand: ReductionKind | null): LevyResult {
    // The endpoints are the filings themselves (exact wage totals); only the states between are mixed.
    try {
      return calculateLevy(caseOf(s, s.holdBand ? heldBand : null));
    } catch (e) {
      const m = e instanceof Error ? e.message : String(e);
      throw new YoyError({ zh: `无法计算同比分析：${m}`, en: `The year-over-year bridge cannot be computed: ${m}` });
    }
  }

  const state: State = { headcount: 0, averageWage: 0, quota: 0, disabled: 0, tier: 0, policy: 0, alreadyPaid: 0, holdBand: true };
  const start = compute(state, band);
  let before = start.payable;
  const steps: YoyStep[] = [];
  const notes: Bilingual[] = [];
  const change = (name: string, label: Bilingual, a: unknown, b: unknown, out: YoyStep["changes"]) => {
    if (present(a) !== present(b)) out.push({ name, label, from: present(a), to: present(b) });
  };
  const paramChanges = (names: readonly ParameterName[], out: YoyStep["changes"]) => {
    for (const n of names) change(n, PARAMETER_INFO[n].label, years[0].parameters[n], years[1].parameters[n], out);
  };
  let previous = start;
  for (const id of YOY_ORDER) {
    if (id === "residue") continue;
    const changes: YoyStep["changes"] = [];
    switch (id) {
      case "headcount":
        state.headcount = 1;
        change("headcount", { zh: "在职职工人数（第5栏）", en: "Headcount (col 5)" }, plainString(heads[0]), plainString(heads[1]), changes);
        break;
      case "averageWage":
        state.averageWage = 1;
        change("averageWage", { zh: "年平均工资（第8栏）", en: "Average wage (col 8)" }, display2(averages[0]), display2(averages[1]), changes);
        change("socialAverageWage", { zh: "社会平均工资", en: "Social average wage" }, years[0].case.socialAverageWage, years[1].case.socialAverageWage, changes);
        paramChanges(CAP_PARAMETERS, changes);
        break;
      case "quota":
        state.quota = 1;
        paramChanges(QUOTA_PARAMETERS, changes);
        break;
      case "disabled":
        state.disabled = 1;
        change("certifiedDisabled", { zh: "残疾职工人数（第7栏）", en: "Certified disabled (col 7)" }, years[0].case.certifiedDisabled ?? "0", years[1].case.certifiedDisabled ?? "0", changes);
        break;
      case "tier":
        state.tier = 1;
        state.holdBand = false;
        change("entityType", { zh: "单位类型", en: "Entity type" }, years[0].case.entityType ?? "enterprise", years[1].case.entityType ?? "enterprise", changes);
        paramChanges(TIER_PARAMETERS, changes);
        break;
      case "policy": {
        state.policy = 1;
        change("filingDate", { zh: "申报日期", en: "Filing date" }, start.filingDate, current.case.filingDate ?? `${current.filingYear}-07-01`, changes);
        change("region", { zh: "地区", en: "Region" }, last.case.region ?? "CN", current.case.region ?? "CN", changes);
        change("registrationDate", { zh: "登记注册日期", en: "Registration date" }, last.case.registrationDate, current.case.registrationDate, changes);
        change("approvedRelief", { zh: "批准减缴额", en: "Approved relief" }, last.case.approvedRelief, current.case.approvedRelief, changes);
        change("budgetFunded", { zh: "财政拨款单位", en: "Budget-funded unit" }, last.case.budgetFunded, current.case.budgetFunded, changes);
        const grouped = new Set<ParameterName>([...CAP_PARAMETERS, ...QUOTA_PARAMETERS, ...TIER_PARAMETERS]);
        paramChanges(PARAMETER_NAMES.filter((n) => !grouped.has(n)), changes);
        break;
      }
      case "alreadyPaid":
        state.alreadyPaid = 1;
        change("alreadyPaid", { zh: "本期已缴费额（第11栏）", en: "Already paid (col 11)" }, last.case.alreadyPaid ?? "0", current.case.alreadyPaid ?? "0", changes);
        break;
    }
    const after = compute(state, band);
    const step: YoyStep = { id, label: YOY_LABELS[id], amount: moneyString(after.payable.minus(before)), payableAfter: moneyString(after.payable), changes };
    if (id === "tier" && after.reductionKind !== previous.reductionKind) {
      step.note = { zh: `减免档次：${previous.reductionKind} → ${after.reductionKind}`, en: `Reduction band: ${previous.reductionKind} → ${after.reductionKind}` };
    }
    steps.push(step);
    before = after.payable;
    previous = after;
  }
  const end = previous;
  const filedChange = dec(current.payable).minus(dec(last.payable));
  const residue = filedChange.minus(end.payable.minus(start.payable));
  steps.push({
    id: "residue",
    label: YOY_LABELS.residue,
    amount: moneyString(residue),
    payableAfter: moneyString(dec(current.payable)),
    changes: [],
    note: residue.isZero()
      ? { zh: "两年的申报数均可按其参数重算得出，舍入差为 0.00。", en: "Both filings recompute to their own figures; the residue is 0.00." }
      : {
          zh: `最后一项承担重算与申报数之差：上年重算 ${moneyString(start.payable)}（申报 ${moneyString(dec(last.payable))}），本年重算 ${moneyString(end.payable)}（申报 ${moneyString(dec(current.payable))}）。`,
          en: `The last step carries the difference between recomputed and filed figures: last year recomputes to ${moneyString(start.payable)} (filed ${moneyString(dec(last.payable))}), this year to ${moneyString(end.payable)} (filed ${moneyString(dec(current.payable))}).`,
        },
  });
  if (current.filingYear !== last.filingYear + 1) {
    notes.push({
      zh: `上年快照的申报年度为 ${last.filingYear}，本年为 ${current.filingYear}：不是相邻两年。`,
      en: `The earlier filing is for ${last.filingYear} and this one for ${current.filingYear}: not consecutive years.`,
    });
  }
  return {
    lastYear: { filingYear: last.filingYear, payable: moneyString(dec(last.payable)), recomputed: moneyString(start.payable), reductionKind: band },
    thisYear: { filingYear: current.filingYear, payable: moneyString(dec(current.payable)), recomputed: moneyString(end.payable), reductionKind: end.reductionKind },
    change: moneyString(filedChange),
    steps,
    method: YOY_METHOD,
    notes,
  };
}

/** Waterfall bars for a chart: last year's payable, each step, this year's payable. */
export interface WaterfallStep {
  label_zh: string;
  label_en: string;
  amount: string;
  kind: "start" | "step" | "end";
}

export function yoyWaterfall(bridge: YoyBridge): WaterfallStep[] {
  return [
    { label_zh: `${bridge.lastYear.filingYear}年应补（退）费额`, label_en: `Payable ${bridge.lastYear.filingYear}`, amount: bridge.lastYear.payable, kind: "start" },
    ...bridge.steps.map((s) => ({ label_zh: s.label.zh, label_en: s.label.en, amount: s.amount, kind: "step" as const })),
    { label_zh: `${bridge.thisYear.filingYear}年应补（退）费额`, label_en: `Payable ${bridge.thisYear.filingYear}`, amount: bridge.thisYear.payable, kind: "end" },
  ];
}
