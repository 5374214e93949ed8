/**
 * Rule profiles as dated data (OpenFisca style): every parameter of the levy is a list of dated entries, each with
 * the document it comes from and the confidence tag copied from `shared/domain/levy-rules.md`.
 * Formulas never contain a literal rate; they ask for the value in force on the filing date.
 */

/** Confidence tags of the rules file. `secondary`, `seed`, `memory` and `inference` values raise PARAM_UNVERIFIED. */
export type Confidence = "confirmed" | "secondary" | "seed" | "memory" | "inference";

export interface RuleSource {
  /** The document, e.g. "财税〔2018〕39号". */
  document: string;
  /**
   * Date of the document, as precisely as a source states it: "2015-09-09", "2017-04" or "2016" (the year printed in
   * a document number such as 冀财税〔2016〕40号 when nothing more precise was found). Every profile entry's source
   * carries one; a test checks that no entry starts before it (compared at the precision given), except as below.
   */
  date?: string;
  /**
   * The document itself sets a start earlier than its own date (2023 No.8, issued 2023-03-26, applies from
   * 2023-01-01; an annual collection notice governs the whole collection year). Entries may start from here.
   */
  retroactiveFrom?: string;
  /**
   * "rule" (default): a legal or administrative text. "report": a later text that describes a rule already in force
   * (the entry may start before its date; the note must say so). "convention": an engine convention or a placeholder,
   * not a rule of any collector; dated when it was written down.
   */
  kind?: "rule" | "report" | "convention";
  /** Where it was read (a repost URL, or an official page), if any. Shown as a link only when official (citationUrl). */
  url?: string;
  /**
   * Our own reference (a seed file, a section of the rules file, an issue): for maintainers, never shown to users.
   * Everything a user sees is the document, its official link and the note.
   */
  internalRef?: string;
  /** Anything the next reader must know (conflicts, unverified dates). */
  note?: string;
}

/** Every parameter the engine knows. Adding one means adding it here, to PARAMETER_INFO and to the profiles. */
export interface ParameterValues {
  /** 应安排残疾人就业比例 (quota ratio), e.g. "0.015". */
  quotaRatio: string;
  /** Cap multiple of the local social average wage ("2"), or null for no cap (2015-10 to 2017-03). */
  capMultiple: string | null;
  /**
   * 计征工资上限: a fixed cap in yuan, published by a locality for one collection year, compared with col 8
   * (上年在职职工年平均工资) in place of capMultiple × social average. null = none published (the usual case).
   */
  wageCapAmount: string | null;
  /**
   * What a budget-funded unit (财政拨款单位, a case fact: LevyCase.budgetFunded) pays on. "own-average" everywhere
   * except Hunan (省政府令第273号), where such units use the regional average wage ("social-average").
   */
  budgetFundedWageBase: "own-average" | "social-average";
  /** 征收比例: the local collection rate (Jiangsu multiplies the levy by it). "1" elsewhere. */
  localCollectionRate: string;
  /** Small-enterprise exemption: maximum 在职职工人数 (inclusive), or null when no exemption applies. */
  smallEnterpriseThreshold: string | null;
  /** 2015 rule: the exemption applied only within this many years of registration. null = no time limit. */
  smallEnterpriseYearsSinceRegistration: number | null;
  /** 分档减缴 in force (98号 / 2023 No.8). */
  tiersEnabled: boolean;
  /** Disabled share at or above which the employer pays `tierUpperPays` ("0.01" = 1%). */
  tierThreshold: string;
  /** Share of the gross levy paid in the upper band (>= threshold, below quota): "0.5". */
  tierUpperPays: string;
  /** Share of the gross levy paid in the lower band (< threshold): "0.9". */
  tierLowerPays: string;
  /** What the average wage is computed from. Shanghai: the sum of social-insurance contribution bases. */
  wageBaseType: "wage-total" | "social-insurance-base";
  /** How one month's headcount is measured from a roster. */
  headcountMethod: "start-end-average" | "month-end" | "daily-average";
  /** How an employer registered during the data year is treated. */
  partYearMethod: "divide-by-12" | "jiangsu-proration";
  /** 滞纳金 per day, "0.005" = 5‰. */
  lateFeeRatePerDay: string;
  /** Whether the late fee is capped at the principal (行政强制法 第四十五条). */
  lateFeeCappedAtPrincipal: boolean;
  /** Legacy local rule: every blind (视力) certificate holder counts twice. National rule: only grades 1–2. */
  blindCountsDouble: boolean;
  /** Round the annual average headcount to 2 decimals before use (rules file §4.2, switch 6). */
  roundHeadcount: boolean;
  /** Filing frequency. */
  filingFrequency: "annual" | "quarterly";
  /** The declaration window, as text for people ("7/1–9/30"); not used in arithmetic. */
  declarationWindow: string | null;
  /** Last day (MM-DD) of the payment window in the filing year, used as the default late-fee deadline. */
  paymentDeadline: string | null;
  /** The certification (残联 联网认证) window, as text. */
  certificationWindow: string | null;
  /** Local monthly minimum wage for the disabled-employee check (yuan per month), where known. */
  minimumWageMonthly: string | null;
}

export type ParameterName = keyof ParameterValues;

/** One dated value of one parameter. `from`/`to` are ISO dates (inclusive) of the filing (declaration) date. */
export interface ParameterEntry<N extends ParameterName = ParameterName> {
  parameter: N;
  value: ParameterValues[N];
  from: string;
  to?: string;
  source: RuleSource;
  confidence: Confidence;
}

/** A region or city profile: entries that override the national timeline for that place. */
export interface RegionProfile {
  /** ISO 3166-2 style code: "CN", "CN-JS"; cities use the province code plus the GB/T 2260 code: "CN-JS-320900". */
  code: string;
  /** Names that resolve to this region (Chinese with and without 省/市, pinyin/English). */
  names: string[];
  /** Display names. */
  label: { zh: string; en: string };
  /** Parent profile code (city -> province -> CN). */
  parent?: string;
  entries: ParameterEntry[];
  /**
   * Known conflicts or caveats for this region, shown in the trail and as notes. `severity` "warning" where the
   * region's own rules were not found and the result may differ (Shenzhen); default "info".
   */
  caveats?: Array<{ zh: string; en: string; severity?: "info" | "warning" }>;
}

/** A parameter as resolved for one calculation: the value used and where it came from. */
export interface ResolvedParameter<N extends ParameterName = ParameterName> {
  name: N;
  value: ParameterValues[N];
  source: RuleSource;
  confidence: Confidence;
  /** Region code whose entry supplied the value ("CN" for national). "override" when the caller supplied it. */
  regionCode: string;
  from?: string;
  to?: string;
  overridden: boolean;
  /** The profile's own value when overridden (so the trail can show both). */
  profileValue?: ParameterValues[N];
}

export type ResolvedRules = { [N in ParameterName]: ResolvedParameter<N> };

export interface Bilingual {
  zh: string;
  en: string;
}
