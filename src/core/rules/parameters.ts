/**
 * The catalogue of rule parameters: how each is named in a parameter block (Chinese and English aliases),
 * what kind of value it holds, and how a user-supplied override is checked.
 */
import { LevyInputError } from "../levy/types";
import type { Bilingual, ParameterName, ParameterValues } from "./types";

type Kind = "decimal" | "decimal-or-null" | "boolean" | "integer-or-null" | "text-or-null" | { oneOf: readonly string[] };

export interface ParameterInfo {
  label: Bilingual;
  kind: Kind;
  /** Names accepted in a settings range / parameter block (matched after normalisation). */
  aliases: string[];
}

export const PARAMETER_INFO: { [N in ParameterName]: ParameterInfo } = {
  quotaRatio: { label: { zh: "安置比例", en: "Quota ratio" }, kind: "decimal", aliases: ["quotaRatio", "安置比例", "规定比例", "安排比例", "应安排残疾人就业比例", "比例", "ratio"] },
  capMultiple: { label: { zh: "封顶倍数", en: "Cap multiple" }, kind: "decimal-or-null", aliases: ["capMultiple", "封顶倍数", "上限倍数", "cap"] },
  wageCapAmount: {
    label: { zh: "计征工资上限", en: "Fixed wage cap (CNY per year)" },
    kind: "decimal-or-null",
    aliases: ["wageCapAmount", "计征工资上限", "计征上限", "工资上限", "计费工资上限"],
  },
  budgetFundedWageBase: {
    label: { zh: "财政拨款单位计征工资", en: "Wage base of budget-funded units" },
    kind: { oneOf: ["own-average", "social-average"] },
    aliases: ["budgetFundedWageBase", "财政拨款单位计征工资", "财政拨款单位工资基数"],
  },
  localCollectionRate: { label: { zh: "征收比例", en: "Local collection rate" }, kind: "decimal", aliases: ["localCollectionRate", "征收比例", "地方征收比例", "collectionRate"] },
  smallEnterpriseThreshold: { label: { zh: "小微企业免征人数上限", en: "Small-enterprise exemption threshold" }, kind: "decimal-or-null", aliases: ["smallEnterpriseThreshold", "免征人数", "免征人数上限", "小微企业免征人数"] },
  smallEnterpriseYearsSinceRegistration: { label: { zh: "免征限注册年限", en: "Exemption: years since registration" }, kind: "integer-or-null", aliases: ["smallEnterpriseYearsSinceRegistration", "免征注册年限"] },
  tiersEnabled: { label: { zh: "分档减缴", en: "Tiered reduction in force" }, kind: "boolean", aliases: ["tiersEnabled", "分档减缴", "分档"] },
  tierThreshold: { label: { zh: "分档比例线", en: "Tier threshold" }, kind: "decimal", aliases: ["tierThreshold", "分档比例线", "分档界限"] },
  tierUpperPays: { label: { zh: "高档缴纳比例", en: "Upper band pays" }, kind: "decimal", aliases: ["tierUpperPays", "高档缴纳比例", "减半比例"] },
  tierLowerPays: { label: { zh: "低档缴纳比例", en: "Lower band pays" }, kind: "decimal", aliases: ["tierLowerPays", "低档缴纳比例"] },
  wageBaseType: { label: { zh: "工资基数口径", en: "Wage base type" }, kind: { oneOf: ["wage-total", "social-insurance-base"] }, aliases: ["wageBaseType", "工资基数口径", "基数口径"] },
  headcountMethod: { label: { zh: "月人数口径", en: "Monthly headcount method" }, kind: { oneOf: ["start-end-average", "month-end", "daily-average"] }, aliases: ["headcountMethod", "月人数口径", "人数口径", "平均人数方法"] },
  partYearMethod: { label: { zh: "新设单位计算方法", en: "Part-year method" }, kind: { oneOf: ["divide-by-12", "jiangsu-proration"] }, aliases: ["partYearMethod", "新设单位计算方法", "不足一年计算方法"] },
  lateFeeRatePerDay: { label: { zh: "滞纳金日费率", en: "Late fee per day" }, kind: "decimal", aliases: ["lateFeeRatePerDay", "滞纳金日费率", "滞纳金率", "lateFeeRate"] },
  lateFeeCappedAtPrincipal: { label: { zh: "滞纳金以本金为限", en: "Late fee capped at principal" }, kind: "boolean", aliases: ["lateFeeCappedAtPrincipal", "滞纳金以本金为限"] },
  blindCountsDouble: { label: { zh: "盲人按2人计算", en: "Blind counts double (legacy)" }, kind: "boolean", aliases: ["blindCountsDouble", "盲人按2人计算", "盲人按两人计算"] },
  roundHeadcount: { label: { zh: "人数先取两位小数", en: "Round headcount to 2 dp" }, kind: "boolean", aliases: ["roundHeadcount", "人数取两位小数", "人数先取两位小数"] },
  filingFrequency: { label: { zh: "申报周期", en: "Filing frequency" }, kind: { oneOf: ["annual", "quarterly"] }, aliases: ["filingFrequency", "申报周期", "申报方式"] },
  declarationWindow: { label: { zh: "申报期", en: "Declaration window" }, kind: "text-or-null", aliases: ["declarationWindow", "申报期"] },
  paymentDeadline: { label: { zh: "缴款期限", en: "Payment deadline" }, kind: "text-or-null", aliases: ["paymentDeadline", "缴款期限", "缴费期限"] },
  certificationWindow: { label: { zh: "残联认定期", en: "Certification window" }, kind: "text-or-null", aliases: ["certificationWindow", "残联认定期", "认定期"] },
  minimumWageMonthly: { label: { zh: "最低工资（月）", en: "Minimum wage (monthly)" }, kind: "decimal-or-null", aliases: ["minimumWageMonthly", "最低工资", "最低工资标准", "月最低工资", "minimumWage"] },
};

export const PARAMETER_NAMES = Object.keys(PARAMETER_INFO) as ParameterName[];

const TRUE_WORDS = new Set(["true", "yes", "y", "1", "是", "对", "启用", "有", "√", "✓"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0", "否", "不", "停用", "无", "×", "✗"]);

export function parseBooleanWord(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value !== "string") return undefined;
  const t = value.normalize("NFKC").trim().toLowerCase();
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  return undefined;
}

function isNullish(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") {
    const t = value.trim().toLowerCase();
    return t === "" || t === "null" || t === "none" || t === "无" || t === "不封顶";
  }
  return false;
}

/** Decimal text for a ratio or amount: accepts "1.6%", "0.016", 0.016, "60%". Returns a plain decimal string. */
export function normaliseDecimalText(value: unknown): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value !== "string") return undefined;
  let t = value.normalize("NFKC").trim().replace(/,/g, "");
  let percent = false;
  if (t.endsWith("%")) {
    percent = true;
    t = t.slice(0, -1).trim();
  } else if (t.endsWith("‰")) {
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t.slice(0, -1).trim())) return undefined;
    return shiftDecimal(t.slice(0, -1).trim(), 3);
  }
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return undefined;
  return percent ? shiftDecimal(t, 2) : t;
}

/** Divide a plain decimal string by 10^places without floating point. */
function shiftDecimal(text: string, places: number): string {
  const negative = text.startsWith("-");
  const body = text.replace(/^[+-]/, "");
  const [whole, frac = ""] = body.split(".");
  const digits = whole.padStart(places + 1, "0");
  const cut = digits.length - places;
  const result = `${digits.slice(0, cut)}.${digits.slice(cut)}${frac}`.replace(/^0+(?=\d)/, "");
  return (negative ? "-" : "") + result;
}

/** Check and convert an override value to the parameter's type; bad shapes are LevyInputErrors naming the parameter. */
export function coerceParameterValue<N extends ParameterName>(name: N, raw: unknown): ParameterValues[N] {
  const info = PARAMETER_INFO[name];
  const fail = (expected: Bilingual): never => {
    throw new LevyInputError(name, {
      zh: `参数“${info.label.zh}”(${name}) 的值“${String(raw)}”无效：应为${expected.zh}。`,
      en: `Parameter ${info.label.en} (${name}) has an invalid value "${String(raw)}": expected ${expected.en}.`,
    });
  };
  const kind = info.kind;
  if (kind === "boolean") {
    const b = parseBooleanWord(raw);
    return (b === undefined ? fail({ zh: "是/否", en: "yes/no" }) : b) as ParameterValues[N];
  }
  if (kind === "decimal" || kind === "decimal-or-null") {
    if (kind === "decimal-or-null" && isNullish(raw)) return null as ParameterValues[N];
    const d = normaliseDecimalText(raw);
    if (d === undefined || d.startsWith("-")) return fail({ zh: "非负数（可写作 1.5% 或 0.015）", en: "a non-negative number (1.5% or 0.015)" });
    return d as ParameterValues[N];
  }
  if (kind === "integer-or-null") {
    if (isNullish(raw)) return null as ParameterValues[N];
    const d = normaliseDecimalText(raw);
    if (d === undefined || !/^\d+$/.test(d)) return fail({ zh: "非负整数", en: "a whole number" });
    return Number(d) as ParameterValues[N];
  }
  if (kind === "text-or-null") {
    if (isNullish(raw)) return null as ParameterValues[N];
    if (typeof raw !== "string" && typeof raw !== "number") return fail({ zh: "文字", en: "text" });
    return String(raw).trim() as ParameterValues[N];
  }
  const t = typeof raw === "string" ? raw.trim() : raw;
  if (typeof t !== "string" || !kind.oneOf.includes(t)) return fail({ zh: kind.oneOf.join(" / "), en: `one of ${kind.oneOf.join(", ")}` });
  return t as ParameterValues[N];
}

/** Find the parameter a settings name refers to (any alias, case- and width-insensitive). */
export function parameterForName(name: string): ParameterName | undefined {
  const k = name.normalize("NFKC").trim().toLowerCase().replace(/[\s_:：]+/g, "");
  for (const p of PARAMETER_NAMES) {
    if (PARAMETER_INFO[p].aliases.some((a) => a.toLowerCase().replace(/[\s_]+/g, "") === k)) return p;
  }
  return undefined;
}
