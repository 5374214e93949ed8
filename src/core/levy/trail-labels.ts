/**
 * Names of the trail's inputs in the form's terms, for people (the pane, the working paper). The keys are the
 * machine names the `--json` trail carries in `inputs`; unknown keys are shown as they are.
 */
import { dec } from "../decimal";
import type { Bilingual } from "../rules/types";

export const TRAIL_INPUT_LABELS: Record<string, Bilingual> = {
  region: { zh: "地区", en: "region" },
  filingDate: { zh: "申报日期", en: "filing date" },
  registrationDate: { zh: "登记注册日期", en: "registration date" },
  monthsOperated: { zh: "经营月数", en: "months operated" },
  wageTotalAsGiven: { zh: "填报的工资总额", en: "wage total as given" },
  months: { zh: "各月人数", en: "monthly figures" },
  headcount: { zh: "在职职工人数（第5栏）", en: "headcount (col 5)" },
  wageTotal: { zh: "工资总额（第4栏）", en: "wage total (col 4)" },
  certifiedDisabled: { zh: "实际安排残疾人数（第7栏）", en: "certified disabled (col 7)" },
  averageWage: { zh: "年平均工资（第8栏）", en: "average wage (col 8)" },
  socialAverageWage: { zh: "社会平均工资", en: "social average wage" },
  budgetFunded: { zh: "财政拨款单位", en: "budget-funded unit" },
  wageCapAmount: { zh: "计征工资上限", en: "fixed wage cap" },
  capMultiple: { zh: "封顶倍数", en: "cap multiple" },
  wageCap: { zh: "封顶额", en: "wage cap" },
  quotaRatio: { zh: "安排比例（第6栏）", en: "quota ratio (col 6)" },
  required: { zh: "应安排人数", en: "required" },
  shortfall: { zh: "差额人数", en: "shortfall" },
  wageBase: { zh: "计费基数", en: "wage base" },
  localCollectionRate: { zh: "征收比例", en: "collection rate" },
  proration: { zh: "折算比例", en: "proration" },
  exact: { zh: "未舍入金额", en: "before rounding" },
  grossDue: { zh: "应纳费额（第9栏）", en: "gross levy (col 9)" },
  disabledShare: { zh: "残疾人占比", en: "disabled share" },
  payableShare: { zh: "缴纳比例", en: "share payable" },
  entityType: { zh: "单位类型", en: "entity type" },
  reduction: { zh: "减免费额（第10栏）", en: "reduction (col 10)" },
  alreadyPaid: { zh: "已缴费额（第11栏）", en: "already paid (col 11)" },
};

/** "在职职工人数（第5栏）= 245.25；…" — the inputs of one step in one language. */
export function trailInputsText(inputs: Record<string, string>, lang: "zh" | "en"): string {
  return Object.entries(inputs)
    .map(([k, v]) => `${TRAIL_INPUT_LABELS[k]?.[lang] ?? k} = ${v}`)
    .join(lang === "zh" ? "；" : "; ");
}

/** An exact decimal for reading: grouped, and cut after 8 decimals with "…" (a quotient can run to 40 digits). */
export function exactText(value: string): string | undefined {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value.trim())) return undefined;
  const exact = dec(value);
  if (exact.decimalPlaces() <= 2) return undefined;
  const cut = exact.decimalPlaces() > 8;
  const [int, frac] = exact.toFixed(cut ? 8 : exact.decimalPlaces(), 1 /* ROUND_DOWN */).split(".");
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${frac}${cut ? "…" : ""}`;
}
