import type { Decimal, DecimalLike } from "../decimal";
import type { Bilingual, Confidence, ParameterName, ParameterValues, ResolvedRules, RuleSource } from "../rules/types";

/** 单位类型. Only enterprises (企业) get the ≤30 exemption; the others pay on the tiers. */
export type EntityType = "enterprise" | "government" | "public-institution" | "social-organization" | "private-non-enterprise" | "other";

/** One month's headcount: a single figure, or a (start-of-month, end-of-month) pair that is averaged. */
export type MonthHeadcount = DecimalLike | readonly [DecimalLike, DecimalLike];

/** The aggregates of one filing. This is also the `levy calc` case-file shape (with strings for decimals). */
export interface LevyCase {
  /** Region code or name: "CN-JS", "江苏", "南京市". Defaults to "CN". */
  region?: string;
  /** 申报年度: the declaration year Y; data are of year Y−1. */
  filingYear?: number;
  /** Exact filing date (ISO). Without it, 1 July of the filing year is assumed. */
  filingDate?: string;
  entityType?: EntityType;
  /** 上年在职职工人数 (annual average), or… */
  headcount?: DecimalLike;
  /** …12 monthly figures from which it is averaged. */
  monthlyHeadcount?: readonly MonthHeadcount[];
  /** 上年在职职工工资总额 (or, where the profile says so, the social-insurance base sum). */
  wageTotal: DecimalLike;
  /** 上年实际安排残疾人就业人数, certified and already weighted (grade 1–2 counts 2). */
  certifiedDisabled?: DecimalLike;
  /** 当地社会平均工资 (annual). Without it the cap cannot be checked. */
  socialAverageWage?: DecimalLike | null;
  /**
   * 财政拨款单位: the unit is funded by the budget (与财政有经常性经费领拨关系). An entity type alone cannot say this
   * (a 事业单位 may or may not be). It changes the wage base only where the profile says so (Hunan: the regional
   * average, given as socialAverageWage). Default false.
   */
  budgetFunded?: boolean | null;
  /**
   * 72号 第十七条: a reduction (减缴) approved by the authority after force majeure, in yuan. Added to col 10; it cannot
   * exceed what is left after the other reductions. A deferral (缓缴) is not an amount: give its date as the late-fee deadline.
   */
  approvedRelief?: DecimalLike | null;
  /** 本期已缴费额. */
  alreadyPaid?: DecimalLike;
  /** 工商登记 date of the employer (ISO), for part-year employers and the 2015 three-year exemption. */
  registrationDate?: string | null;
  /** Caller overrides of any rule parameter (values as in ParameterValues, decimals as strings). */
  overrides?: Partial<{ [N in ParameterName]: ParameterValues[N] | string | number | boolean | null }>;
  /** Where each override came from (e.g. "参数!B7"), shown in the trail. */
  overrideOrigins?: Partial<Record<ParameterName, string>>;
}

export type ReductionKind = "none" | "tier-50" | "tier-90" | "small-enterprise";

/** One step of the calculation trail, in order. */
export interface TrailStep {
  /** Stable id: "headcount", "averageWage", "grossDue", … */
  id: string;
  label: Bilingual;
  /** Column of the filing form (附件6), if the step is one. */
  formColumn?: number;
  /** The formula in the engine's terms (machine-readable, kept for the JSON contract). */
  formula: string;
  /** Added: the formula in the form's terms, for people, in both languages (第5栏 × 第6栏 / col 5 × col 6). */
  formulaText?: Bilingual;
  inputs: Record<string, string>;
  value: string;
  /** Added: the value in words where `value` is not a number (the policy and part-year steps). */
  valueText?: Bilingual;
  /** The rule parameter the step used, with its source and confidence. */
  rule?: { name: ParameterName; value: string; source: RuleSource; confidence: Confidence; overridden: boolean; regionCode: string };
  note?: Bilingual;
}

export interface LevyNote {
  code: string;
  severity: "info" | "warning";
  message: Bilingual;
}

/** The computed filing, full precision (Decimal). `serializeLevyResult` turns it into the `--json` contract. */
export interface LevyResult {
  region: { code: string; label: Bilingual; resolvedFrom: string };
  filingYear: number;
  dataYear: number;
  filingDate: string;
  entityType: EntityType;
  /** Col 4. */
  wageTotal: Decimal;
  /** Col 5, as used (rounded to 2 decimals only if the profile says so). */
  headcount: Decimal;
  /** Col 6. */
  quotaRatio: Decimal;
  /** Col 7. */
  certifiedDisabled: Decimal;
  /** Col 8 (full precision). */
  averageWage: Decimal;
  socialAverageWage: Decimal | null;
  wageCap: Decimal | null;
  capApplied: boolean;
  wageBase: Decimal;
  localCollectionRate: Decimal;
  proration: Decimal;
  required: Decimal;
  shortfall: Decimal;
  /** Disabled share (certified ÷ headcount), full precision; 0 when headcount is 0. */
  disabledShare: Decimal;
  /** Col 9, rounded to 0.01. */
  grossDue: Decimal;
  reductionKind: ReductionKind;
  /** Share of the gross that is payable after the reduction (1, 0.5, 0.9 or 0). */
  payableShare: Decimal;
  /** Col 10, rounded to 0.01. */
  reduction: Decimal;
  /** Col 11. */
  alreadyPaid: Decimal;
  /** Col 12 = 9 − 10 − 11 (negative = refund). */
  payable: Decimal;
  policyExpired: boolean;
  rules: ResolvedRules;
  overridden: ParameterName[];
  trail: TrailStep[];
  notes: LevyNote[];
}

/** Bad input: names the field, says what is wrong in both languages. Callers turn it into #VALUE!, exit 2, a finding. */
export class LevyInputError extends Error {
  readonly field: string;
  readonly zh: string;
  readonly en: string;
  readonly kind: "value" | "not-available" | "number";
  constructor(field: string, message: Bilingual, kind: "value" | "not-available" | "number" = "value") {
    super(`${field}: ${message.en} / ${message.zh}`);
    this.name = "LevyInputError";
    this.field = field;
    this.zh = message.zh;
    this.en = message.en;
    this.kind = kind;
  }
}
