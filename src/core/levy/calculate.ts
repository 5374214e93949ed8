/**
 * The levy, following the filing form (附件6) columns 4–12 (rules file §4.1, §8 conventions):
 *
 *   col 8  averageWage = wageTotal ÷ headcount                     (full precision)
 *          wageBase    = min(averageWage, capMultiple × socialAverageWage)   (when the social average is known)
 *          required    = headcount × quotaRatio ; shortfall = max(0, required − certifiedDisabled)
 *   col 9  grossDue    = round2(shortfall × wageBase × localCollectionRate × proration)
 *   col 10 reduction   = grossDue (≤30 enterprise) or round2(grossDue × (1 − payableShare)) (分档减缴)
 *   col 12 payable     = grossDue − reduction − alreadyPaid
 *
 * Rounding happens only at columns 9 and 10 (ROUND_HALF_UP to 0.01 yuan). Everything else is exact.
 */
import { Decimal, ONE, TWELVE, ZERO, dec, display2, maxDecimal, moneyDisplay, minDecimal, moneyString, plainString, roundMoney } from "../decimal";
import { addYears, isIsoDate, parts } from "../dates";
import { PARAMETER_INFO } from "../rules/parameters";
import { SOURCES, citationText } from "../rules/sources";
import { profileIn, resolveRegion, resolveRules, valueOf } from "../rules/resolve";
import type { Bilingual, ParameterName, RegionProfile, ResolvedRules } from "../rules/types";
import { annualAverageHeadcount, nonNegativeDecimal, operatingMonthsAverage } from "./headcount";
import { LevyInputError } from "./types";
import type { EntityType, LevyCase, LevyNote, LevyResult, ReductionKind, TrailStep } from "./types";

/** Trail formulas in the form's terms (what the pane, the working paper and the functions show). */
export const FORMULA_TEXT = {
  policy: { zh: "按申报日期选用地区规则；数据年度 = 申报年度 − 1", en: "the region's rules in force on the filing date; data year = filing year − 1" },
  partYearJiangsu: {
    zh: "年化工资总额 = 工资总额 × 12 ÷ 经营月数；折算比例 = (12 − 登记注册月份) ÷ 12",
    en: "annualised wage total = wage total × 12 ÷ months operated; proration = (12 − registration month) ÷ 12",
  },
  partYearDivide12: { zh: "登记注册前的月份计0；年平均人数 = 各月人数之和 ÷ 12", en: "months before registration count 0; annual average = sum of the months ÷ 12" },
  monthlyAverage: { zh: "各月人数之和 ÷ 12", en: "sum of the monthly figures ÷ 12" },
  asGiven: { zh: "按填报值", en: "as given" },
  annualised: { zh: "按经营月份年化", en: "annualised over the months operated" },
  ruleProfile: { zh: "按地区规则", en: "from the region's rules" },
  certified: { zh: "残联审核认定的人数；一、二级残疾人（残疾军人一至三级）按2人计", en: "as certified by the disabled persons' federation; grades 1–2 (veterans 1–3) count 2" },
  shortfall: { zh: "应安排人数 − 第7栏，不小于0（不取整：财税〔2015〕72号 第八条）", en: "required − col 7, at least 0 (not rounded: 财税〔2015〕72号 art. 8)" },
  grossDue: { zh: "差额人数 × 计费基数 × 征收比例 × 折算比例，四舍五入到分", en: "shortfall × wage base × collection rate × proration, rounded to the fen" },
} as const satisfies Record<string, Bilingual>;

function withRounding(text: Bilingual, rounded: boolean): Bilingual {
  return rounded ? { zh: `${text.zh}，四舍五入保留两位小数`, en: `${text.en}, rounded to two decimals` } : text;
}

/** A parameter value for a sentence: "无"/"none" for no value (never "null"). */
function shownValue(v: unknown, lang: "zh" | "en"): string {
  if (v === null || v === undefined) return lang === "zh" ? "无" : "none";
  if (typeof v === "boolean") return lang === "zh" ? (v ? "是" : "否") : v ? "yes" : "no";
  return String(v);
}

/** "0.015" → "1.5%" for formula texts. */
function percentText(ratio: string): string {
  return `${dec(ratio).times(100).toString()}%`;
}

export const ENTITY_TYPES: readonly EntityType[] = ["enterprise", "government", "public-institution", "social-organization", "private-non-enterprise", "other"];

/** Policy is chosen by the filing date; a filing year without a date means 1 July of that year (rules file §1.7). */
export function filingDateOf(c: Pick<LevyCase, "filingYear" | "filingDate">): { filingDate: string; filingYear: number; dataYear: number } {
  if (c.filingDate !== undefined && c.filingDate !== null && String(c.filingDate).trim() !== "") {
    const d = String(c.filingDate).trim();
    if (!isIsoDate(d)) throw new LevyInputError("filingDate", { zh: `申报日期“${d}”不是有效日期（YYYY-MM-DD）。`, en: `filingDate "${d}" is not a valid date (YYYY-MM-DD).` });
    const year = parts(d).year;
    if (c.filingYear !== undefined && c.filingYear !== null && Number(c.filingYear) !== year) {
      throw new LevyInputError("filingYear", { zh: `申报年度 ${c.filingYear} 与申报日期 ${d} 不一致。`, en: `filingYear ${c.filingYear} does not match filingDate ${d}.` });
    }
    return { filingDate: d, filingYear: year, dataYear: year - 1 };
  }
  const y = Number(c.filingYear);
  if (c.filingYear === undefined || c.filingYear === null || !Number.isInteger(y) || y < 2000 || y > 2100) {
    throw new LevyInputError("filingYear", {
      zh: `缺少或无效的申报年度“${String(c.filingYear ?? "")}”：请填写如 2025 的年份（申报年度 Y 使用 Y−1 年的数据）。`,
      en: `Missing or invalid filingYear "${String(c.filingYear ?? "")}": give a year such as 2025 (filing year Y uses the data of year Y−1).`,
    });
  }
  return { filingDate: `${y}-07-01`, filingYear: y, dataYear: y - 1 };
}

function ruleRef(rules: ResolvedRules, name: ParameterName): NonNullable<TrailStep["rule"]> {
  const r = rules[name];
  return { name, value: r.value === null ? "null" : String(r.value), source: r.source, confidence: r.confidence, overridden: r.overridden, regionCode: r.regionCode };
}

function money(field: string, value: LevyCase["wageTotal"] | undefined | null, fallback?: Decimal): Decimal {
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) {
    if (fallback) return fallback;
    throw new LevyInputError(field, { zh: `缺少 ${field}。`, en: `${field} is missing.` });
  }
  return nonNegativeDecimal(value, field);
}

function entityTypeOf(value: unknown): EntityType {
  if (value === undefined || value === null || value === "") return "enterprise";
  if (typeof value === "string" && (ENTITY_TYPES as readonly string[]).includes(value)) return value as EntityType;
  throw new LevyInputError("entityType", {
    zh: `单位类型“${String(value)}”无效：应为 ${ENTITY_TYPES.join(" / ")}。`,
    en: `entityType "${String(value)}" is invalid: expected one of ${ENTITY_TYPES.join(", ")}.`,
  });
}

interface PartYear {
  /** Month of registration within the data year (1–12), or null for a full-year employer. */
  registrationMonth: number | null;
  noLevy: boolean;
}

function partYearOf(registrationDate: string | null | undefined, dataYear: number): PartYear {
  if (registrationDate === undefined || registrationDate === null || registrationDate === "") return { registrationMonth: null, noLevy: false };
  if (!isIsoDate(registrationDate)) {
    throw new LevyInputError("registrationDate", { zh: `登记注册日期“${registrationDate}”无效（YYYY-MM-DD）。`, en: `registrationDate "${registrationDate}" is not a valid date (YYYY-MM-DD).` });
  }
  const p = parts(registrationDate);
  if (p.year < dataYear) return { registrationMonth: null, noLevy: false };
  if (p.year > dataYear) return { registrationMonth: null, noLevy: true };
  // Less than one full month of operation in the data year → no levy (苏财综〔2017〕 实施办法 第十条).
  const noLevy = registrationDate > `${dataYear}-12-01`;
  return { registrationMonth: p.month, noLevy };
}

function budgetFundedNeedsAverage(): LevyNote {
  return {
    code: "BUDGET_FUNDED_NEEDS_SOCIAL_AVERAGE",
    severity: "warning",
    message: {
      zh: "财政拨款单位在本地区按地区平均工资计征，但未提供“社会平均工资”：暂按单位平均工资计算。",
      en: "Here a budget-funded unit pays on the regional average wage, but no social average wage was given: the unit's own average is used for now.",
    },
  };
}

export interface CalculateOptions {
  /**
   * A rule book other than the built-in profiles (the region is still found by its names, then taken from this set
   * by code). `levy verify` uses it to ask what another rule book would give; tests inject a changed profile.
   */
  profiles?: readonly RegionProfile[];
}

export function calculateLevy(input: LevyCase, options: CalculateOptions = {}): LevyResult {
  if (input === null || typeof input !== "object") throw new LevyInputError("case", { zh: "缺少计算数据。", en: "No case data given." });
  const { filingDate, filingYear, dataYear } = filingDateOf(input);
  let profile = resolveRegion(input.region ?? "CN");
  let chain: RegionProfile[] | undefined;
  if (options.profiles) {
    const found = profileIn(options.profiles, profile.code);
    if (!found) throw new LevyInputError("region", { zh: `规则集中没有地区 ${profile.code}。`, en: `The rule book has no profile for ${profile.code}.` });
    ({ profile, chain } = found);
  }
  const { rules, overridden, policyExpired } = resolveRules(profile, filingDate, (input.overrides ?? {}) as Partial<Record<ParameterName, unknown>>, input.overrideOrigins, chain);
  const entityType = entityTypeOf(input.entityType);
  const notes: LevyNote[] = [];
  const trail: TrailStep[] = [];

  trail.push({
    id: "policy",
    label: { zh: "适用政策", en: "Policy in force" },
    formula: "filingDate → rule profile; dataYear = filingYear − 1",
    formulaText: FORMULA_TEXT.policy,
    inputs: { region: profile.code, filingDate },
    value: `${profile.label.zh} / ${profile.label.en}: filing ${filingYear}, data ${dataYear}`,
    valueText: { zh: `${profile.label.zh}：申报年度 ${filingYear}，数据年度 ${dataYear}`, en: `${profile.label.en}: filing year ${filingYear}, data year ${dataYear}` },
  });
  for (const caveat of profile.caveats ?? []) notes.push({ code: "REGION_CAVEAT", severity: caveat.severity ?? "info", message: { zh: caveat.zh, en: caveat.en } });
  for (const name of overridden) {
    const r = rules[name];
    notes.push({
      code: "PARAM_OVERRIDDEN",
      severity: "info",
      message: {
        zh: `参数“${PARAMETER_INFO[name].label.zh}”被覆盖：${shownValue(r.profileValue, "zh")} → ${shownValue(r.value, "zh")}。`,
        en: `${PARAMETER_INFO[name].label.en} overridden: ${shownValue(r.profileValue, "en")} → ${shownValue(r.value, "en")}.`,
      },
    });
  }
  if (policyExpired) {
    notes.push({
      code: "POLICY_EXPIRED",
      severity: "warning",
      message: {
        zh: "申报日期晚于2027-12-31：2023年第8号公告的分档减缴和30人以下企业免征已到期，且未录入后续政策；本结果未计任何优惠。如有延续政策，请覆盖参数。",
        en: "The filing date is after 2027-12-31: the tiers and the ≤30 exemption of MOF notice 2023 No.8 have expired and no extension is recorded; no reduction is applied. Override the parameters if a newer notice extends them.",
      },
    });
  }

  // ---- col 5: headcount ------------------------------------------------------------------------------------------
  const partYear = partYearOf(input.registrationDate, dataYear);
  const partYearMethod = valueOf(rules, "partYearMethod");
  let monthly: Decimal[] | null = null;
  let headcount: Decimal;
  if (input.monthlyHeadcount !== undefined && input.monthlyHeadcount !== null) {
    const avg = annualAverageHeadcount(input.monthlyHeadcount);
    monthly = avg.monthly;
    headcount = avg.annual;
    if (input.headcount !== undefined && input.headcount !== null && input.headcount !== "") {
      const given = nonNegativeDecimal(input.headcount, "headcount");
      if (!given.equals(headcount)) {
        notes.push({
          code: "HEADCOUNT_GIVEN_TWICE",
          severity: "warning",
          message: { zh: `同时给出年平均人数 ${plainString(given)} 和月度人数（平均 ${display2(headcount)}），采用月度人数。`, en: `Both headcount ${plainString(given)} and monthly figures (average ${display2(headcount)}) were given; the monthly figures are used.` },
        });
      }
    }
  } else {
    if (input.headcount === undefined || input.headcount === null || input.headcount === "") {
      throw new LevyInputError("headcount", { zh: "缺少在职职工人数（headcount 或 monthlyHeadcount）。", en: "headcount (or monthlyHeadcount) is missing." });
    }
    headcount = nonNegativeDecimal(input.headcount, "headcount");
  }
  let wageTotal = money("wageTotal", input.wageTotal);
  const wageTotalAsGiven = wageTotal;
  let proration = ONE;

  if (partYear.registrationMonth !== null && !partYear.noLevy && partYearMethod === "jiangsu-proration") {
    const m = partYear.registrationMonth;
    const monthsOperated = 13 - m;
    if (monthly) headcount = operatingMonthsAverage(monthly, m);
    wageTotal = wageTotal.times(TWELVE).dividedBy(monthsOperated);
    proration = new Decimal(12 - m).dividedBy(TWELVE);
    trail.push({
      id: "partYear",
      label: { zh: "新设单位按月折算（江苏）", en: "Part-year employer (Jiangsu proration)" },
      formula: "annualised wageTotal = wageTotal × 12 ÷ monthsOperated; proration = (12 − registrationMonth) ÷ 12",
      formulaText: FORMULA_TEXT.partYearJiangsu,
      inputs: { registrationDate: String(input.registrationDate), monthsOperated: String(monthsOperated), wageTotalAsGiven: plainString(wageTotalAsGiven) },
      value: `proration ${plainString(proration)}`,
      valueText: { zh: `折算比例 ${plainString(proration)}`, en: `proration ${plainString(proration)}` },
      rule: ruleRef(rules, "partYearMethod"),
      note: monthly
        ? { zh: "人数按经营月份平均。", en: "Headcount averaged over the operating months." }
        : { zh: "给出的年平均人数视为经营月份的平均人数。", en: "The given headcount is taken as the average over the operating months." },
    });
  } else if (partYear.registrationMonth !== null && !partYear.noLevy) {
    trail.push({
      id: "partYear",
      label: { zh: "新设单位（除以12）", en: "Part-year employer (divide by 12)" },
      formula: "months before registration count 0; annual average = Σ months ÷ 12",
      formulaText: FORMULA_TEXT.partYearDivide12,
      inputs: { registrationDate: String(input.registrationDate) },
      value: "proration 1",
      valueText: { zh: "折算比例 1", en: "proration 1" },
      rule: ruleRef(rules, "partYearMethod"),
    });
  }
  if (partYear.noLevy) {
    proration = ZERO;
    notes.push({
      code: "NO_LEVY_SHORT_OPERATION",
      severity: "info",
      message: {
        zh: `登记注册日期 ${String(input.registrationDate)}：在数据年度 ${dataYear} 经营不足1个月（或尚未成立），不缴纳。`,
        en: `Registered ${String(input.registrationDate)}: less than one month of operation in data year ${dataYear} (or not yet registered), so no levy is due.`,
      },
    });
  }

  const roundHeadcount = valueOf(rules, "roundHeadcount");
  const headcountExact = headcount;
  if (roundHeadcount) headcount = headcount.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  trail.push({
    id: "headcount",
    label: { zh: "上年在职职工人数", en: "Average headcount (prior year)" },
    formColumn: 5,
    formula: monthly ? "Σ monthly figures ÷ 12" : "as given",
    formulaText: withRounding(monthly ? FORMULA_TEXT.monthlyAverage : FORMULA_TEXT.asGiven, roundHeadcount),
    inputs: monthly ? { months: monthly.map(plainString).join(", ") } : { headcount: plainString(headcountExact) },
    value: plainString(headcount),
    rule: roundHeadcount ? ruleRef(rules, "roundHeadcount") : undefined,
  });
  trail.push({
    id: "wageTotal",
    label: valueOf(rules, "wageBaseType") === "social-insurance-base" ? { zh: "上年社会保险缴费基数之和", en: "Sum of social-insurance bases (prior year)" } : { zh: "上年在职职工工资总额", en: "Wage total (prior year)" },
    formColumn: 4,
    formula: proration.equals(ONE) || partYearMethod !== "jiangsu-proration" ? "as given" : "annualised",
    formulaText: proration.equals(ONE) || partYearMethod !== "jiangsu-proration" ? FORMULA_TEXT.asGiven : FORMULA_TEXT.annualised,
    inputs: { wageTotal: plainString(wageTotalAsGiven) },
    value: plainString(wageTotal),
    rule: ruleRef(rules, "wageBaseType"),
  });

  // ---- col 6, 7 ---------------------------------------------------------------------------------------------------
  const quotaRatio = dec(valueOf(rules, "quotaRatio"));
  trail.push({ id: "quotaRatio", label: { zh: "应安排残疾人就业比例", en: "Quota ratio" }, formColumn: 6, formula: "rule profile", formulaText: FORMULA_TEXT.ruleProfile, inputs: {}, value: plainString(quotaRatio), rule: ruleRef(rules, "quotaRatio") });
  const certifiedDisabled = money("certifiedDisabled", input.certifiedDisabled, ZERO);
  trail.push({
    id: "certifiedDisabled",
    label: { zh: "上年实际安排残疾人就业人数", en: "Certified disabled employees (weighted)" },
    formColumn: 7,
    formula: "certified by the 残联; grade 1–2 (veterans 1–3) count 2",
    formulaText: FORMULA_TEXT.certified,
    inputs: { certifiedDisabled: plainString(certifiedDisabled) },
    value: plainString(certifiedDisabled),
  });

  // ---- col 8 and the cap ------------------------------------------------------------------------------------------
  const averageWage = headcount.isZero() ? ZERO : wageTotal.dividedBy(headcount);
  if (headcount.isZero()) {
    notes.push({ code: "HEADCOUNT_ZERO", severity: "info", message: { zh: "在职职工人数为0：无应安排人数，不缴纳。", en: "Headcount is 0: nothing is required and nothing is due." } });
  }
  trail.push({
    id: "averageWage",
    label: { zh: "上年在职职工年平均工资", en: "Average annual wage" },
    formColumn: 8,
    formula: "col 4 ÷ col 5",
    formulaText: { zh: "第4栏 ÷ 第5栏", en: "col 4 ÷ col 5" },
    inputs: { wageTotal: plainString(wageTotal), headcount: plainString(headcount) },
    value: plainString(averageWage),
  });

  const capMultipleText = valueOf(rules, "capMultiple");
  const wageCapAmountText = valueOf(rules, "wageCapAmount");
  const budgetFunded = input.budgetFunded === true;
  const budgetFundedOnSocialAverage = budgetFunded && valueOf(rules, "budgetFundedWageBase") === "social-average";
  const socialAverageWage = input.socialAverageWage === undefined || input.socialAverageWage === null || input.socialAverageWage === "" ? null : nonNegativeDecimal(input.socialAverageWage, "socialAverageWage");
  let wageCap: Decimal | null = null;
  let wageBase = averageWage;
  let capApplied = false;
  if (budgetFundedOnSocialAverage && socialAverageWage !== null) {
    // 湖南省人民政府令第273号: a budget-funded unit pays on the regional average wage, not its own (rules file §2.3).
    wageBase = socialAverageWage;
    trail.push({
      id: "wageBase",
      label: { zh: "计费工资基数（财政拨款单位：地区平均工资）", en: "Wage base (budget-funded unit: regional average wage)" },
      formula: "= socialAverageWage (budget-funded unit)",
      formulaText: { zh: "= 地区社会平均工资（财政拨款单位）", en: "= regional average wage (budget-funded unit)" },
      inputs: { averageWage: plainString(averageWage), socialAverageWage: plainString(socialAverageWage), budgetFunded: "true" },
      value: plainString(wageBase),
      rule: ruleRef(rules, "budgetFundedWageBase"),
      note: { zh: "请填写统计部门公布的上年度本地区职工年平均工资。", en: "Give the statistics bureau's prior-year regional average staff wage as the social average." },
    });
  } else if (wageCapAmountText !== null) {
    if (budgetFundedOnSocialAverage) notes.push(budgetFundedNeedsAverage());
    wageCap = dec(wageCapAmountText);
    wageBase = minDecimal(averageWage, wageCap);
    capApplied = averageWage.greaterThan(wageCap);
    const capRule = rules.wageCapAmount;
    const { document: capSourceDocument } = capRule.source;
    const seenOnFiledForm = capSourceDocument.includes("申报表");
    if (!capRule.overridden && capRule.confidence === "inference") {
      // The figure was seen (a filed form, a quoted notice) but the notice that publishes it was not found: the
      // money depends on it, so a warning says so in every result that uses it.
      notes.push({
        code: "CAP_SOURCE_NOT_FOUND",
        severity: "warning",
        message: {
          zh: `计征工资上限 ${moneyDisplay(wageCap)} 元（${profile.label.zh}）未找到公布它的官方通告，仅见于${seenOnFiledForm ? "一份实际申报表" : "转述"}：请以电子税务局申报表上印的计征工资上限核对，不同则在参数表填写“计征工资上限”。`,
          en: `The fixed wage cap ${moneyDisplay(wageCap)} (${profile.label.en}) was not found in a published notice; it was only seen ${seenOnFiledForm ? "on a real filed form" : "as quoted"}. Check it against the cap printed on the e-tax form and set 计征工资上限 in the parameter block if it differs.`,
        },
      });
    }
    if (capApplied) {
      notes.push({
        code: "CAP_APPLIED",
        severity: "info",
        message: {
          zh: `单位平均工资 ${display2(averageWage)} 高于当地计征工资上限 ${display2(wageCap)}，按上限计算。`,
          en: `The average wage ${display2(averageWage)} exceeds the local fixed wage cap (${display2(wageCap)}); the cap is used.`,
        },
      });
    }
    trail.push({
      id: "wageBase",
      label: { zh: "计费工资基数（计征工资上限）", en: "Wage base (fixed local cap)" },
      formula: "min(col 8, wageCapAmount)",
      formulaText: { zh: "第8栏与计征工资上限取较小者", en: "the lower of col 8 and the fixed wage cap" },
      inputs: { averageWage: plainString(averageWage), wageCapAmount: plainString(wageCap) },
      value: plainString(wageBase),
      rule: ruleRef(rules, "wageCapAmount"),
    });
  } else if (capMultipleText === null) {
    if (budgetFundedOnSocialAverage) notes.push(budgetFundedNeedsAverage());
    trail.push({ id: "wageBase", label: { zh: "计费工资基数（无封顶）", en: "Wage base (no cap in force)" }, formula: "= col 8", formulaText: { zh: "= 第8栏（无封顶）", en: "= col 8 (no cap)" }, inputs: {}, value: plainString(wageBase), rule: ruleRef(rules, "capMultiple") });
  } else if (socialAverageWage === null) {
    if (budgetFundedOnSocialAverage) notes.push(budgetFundedNeedsAverage());
    notes.push({
      code: "CAP_NOT_CHECKED",
      severity: "warning",
      message: {
        zh: `未提供当地社会平均工资，无法检查 ${capMultipleText} 倍封顶；按单位平均工资计算。`,
        en: `No local social average wage was given, so the ${capMultipleText}× cap could not be checked; the employer's own average is used.`,
      },
    });
    trail.push({ id: "wageBase", label: { zh: "计费工资基数（未检查封顶）", en: "Wage base (cap not checked)" }, formula: "= col 8 (social average unknown)", formulaText: { zh: "= 第8栏（未提供社会平均工资，未检查封顶）", en: "= col 8 (social average not given, cap not checked)" }, inputs: {}, value: plainString(wageBase), rule: ruleRef(rules, "capMultiple") });
  } else {
    wageCap = dec(capMultipleText).times(socialAverageWage);
    wageBase = minDecimal(averageWage, wageCap);
    capApplied = averageWage.greaterThan(wageCap);
    if (capApplied) {
      notes.push({
        code: "CAP_APPLIED",
        severity: "info",
        message: {
          zh: `单位平均工资 ${display2(averageWage)} 高于 ${capMultipleText} 倍社平工资 ${display2(wageCap)}，按封顶额计算。`,
          en: `The average wage ${display2(averageWage)} exceeds ${capMultipleText} × the social average (${display2(wageCap)}); the cap is used.`,
        },
      });
    }
    trail.push({
      id: "wageBase",
      label: { zh: "计费工资基数", en: "Wage base" },
      formula: "min(col 8, capMultiple × socialAverageWage)",
      formulaText: { zh: "第8栏与 封顶倍数 × 社会平均工资 取较小者", en: "the lower of col 8 and cap multiple × social average wage" },
      inputs: { averageWage: plainString(averageWage), capMultiple: capMultipleText, socialAverageWage: plainString(socialAverageWage), wageCap: plainString(wageCap) },
      value: plainString(wageBase),
      rule: ruleRef(rules, "capMultiple"),
    });
  }

  // ---- required, shortfall, col 9 ---------------------------------------------------------------------------------
  const required = headcount.times(quotaRatio);
  const shortfall = maxDecimal(ZERO, required.minus(certifiedDisabled));
  trail.push({ id: "required", label: { zh: "应安排残疾人数", en: "Required disabled employees" }, formula: "col 5 × col 6", formulaText: { zh: "第5栏 × 第6栏", en: "col 5 × col 6" }, inputs: { headcount: plainString(headcount), quotaRatio: plainString(quotaRatio) }, value: plainString(required) });
  trail.push({ id: "shortfall", label: { zh: "差额人数", en: "Shortfall" }, formula: "max(0, required − col 7) (not rounded: 72号 第八条)", formulaText: FORMULA_TEXT.shortfall, inputs: { required: plainString(required), certifiedDisabled: plainString(certifiedDisabled) }, value: plainString(shortfall) });

  const localCollectionRate = dec(valueOf(rules, "localCollectionRate"));
  if (!localCollectionRate.equals(ONE) || rules.localCollectionRate.overridden) {
    trail.push({ id: "localCollectionRate", label: { zh: "征收比例", en: "Local collection rate" }, formula: "rule profile", formulaText: FORMULA_TEXT.ruleProfile, inputs: {}, value: plainString(localCollectionRate), rule: ruleRef(rules, "localCollectionRate") });
  }
  const grossExact = shortfall.times(wageBase).times(localCollectionRate).times(proration);
  const grossDue = roundMoney(grossExact);
  trail.push({
    id: "grossDue",
    label: { zh: "本期应纳费额", en: "Gross levy" },
    formColumn: 9,
    formula: "round2(shortfall × wageBase × localCollectionRate × proration)",
    formulaText: FORMULA_TEXT.grossDue,
    inputs: { shortfall: plainString(shortfall), wageBase: plainString(wageBase), localCollectionRate: plainString(localCollectionRate), proration: plainString(proration), exact: plainString(grossExact) },
    value: moneyString(grossDue),
  });

  // ---- col 10: reductions -----------------------------------------------------------------------------------------
  const disabledShare = headcount.isZero() ? ZERO : certifiedDisabled.dividedBy(headcount);
  let reductionKind: ReductionKind = "none";
  let payableShare = ONE;
  const threshold = valueOf(rules, "smallEnterpriseThreshold");
  const yearsLimit = valueOf(rules, "smallEnterpriseYearsSinceRegistration");
  let smallEnterprise = false;
  if (entityType === "enterprise" && threshold !== null && headcount.lessThanOrEqualTo(dec(threshold))) {
    if (yearsLimit === null) smallEnterprise = true;
    else if (input.registrationDate && isIsoDate(input.registrationDate)) {
      // "Within N years of registration" (72号 第十六条): the filing date falls before the N-th anniversary.
      smallEnterprise = filingDate < addYears(input.registrationDate, yearsLimit);
    } else {
      notes.push({
        code: "EXEMPTION_NEEDS_REGISTRATION_DATE",
        severity: "warning",
        message: {
          zh: `本期免征只适用于注册${yearsLimit}年内的小微企业：请提供登记注册日期。`,
          en: `The exemption in force applies only within ${yearsLimit} years of registration: give the registration date.`,
        },
      });
    }
  }
  if (policyExpired && entityType === "enterprise" && threshold === null && headcount.lessThanOrEqualTo(30) && !rules.smallEnterpriseThreshold.overridden) {
    notes.push({
      code: "SMALL_ENTERPRISE_READING",
      severity: "info",
      message: {
        zh: "≤30人企业免征：财税〔2017〕18号未规定截止日期；本工具采用的解读是该免征随2023年第8号公告于2027-12-31到期（财政部公告2019年第98号以“暂免”、财政部 国家税务总局公告2023年第8号以“继续免征”附期限重新规定，后出的具体规定优先；未见18号被废止）。如主管机关仍按18号执行，请在参数表填写“免征人数上限 = 30”。",
        en: "≤30 exemption: 财税〔2017〕18号 set it without an end date. The reading applied here is that it ended with 2023 No.8 on 2027-12-31 (MOF notice 2019 No.98 re-granted it as a temporary 暂免 and MOF/STA notice 2023 No.8 as 继续免征, both with end dates; the later, specific texts govern; 18号 was not found to be repealed). If your collector still applies 18号, set 免征人数上限 = 30.",
      },
    });
  }
  let reduction = ZERO;
  if (grossDue.isZero()) {
    reductionKind = "none";
  } else if (smallEnterprise) {
    reductionKind = "small-enterprise";
    payableShare = ZERO;
    reduction = grossDue;
    notes.push({
      code: "EXEMPT_SMALL_ENTERPRISE",
      severity: "info",
      message: {
        zh: `企业在职职工人数 ${display2(headcount)} ≤ ${threshold} 人，免征（${rules.smallEnterpriseThreshold.source.document}）。`,
        en: `Enterprise with ${display2(headcount)} staff ≤ ${threshold}: exempt (${rules.smallEnterpriseThreshold.source.document}).`,
      },
    });
  } else if (valueOf(rules, "tiersEnabled")) {
    const upper = disabledShare.greaterThanOrEqualTo(dec(valueOf(rules, "tierThreshold")));
    reductionKind = upper ? "tier-50" : "tier-90";
    payableShare = dec(valueOf(rules, upper ? "tierUpperPays" : "tierLowerPays"));
    reduction = roundMoney(grossDue.times(ONE.minus(payableShare)));
  }
  const reliefAsked = input.approvedRelief === undefined || input.approvedRelief === null || input.approvedRelief === "" ? null : nonNegativeDecimal(input.approvedRelief, "approvedRelief");
  let relief = ZERO;
  if (reliefAsked !== null && !reliefAsked.isZero()) {
    const room = grossDue.minus(reduction);
    relief = minDecimal(roundMoney(reliefAsked), room);
    if (relief.lessThan(roundMoney(reliefAsked))) {
      notes.push({
        code: "RELIEF_LIMITED",
        severity: "warning",
        message: {
          zh: `批准减缴额 ${display2(reliefAsked)} 超过其他减免后的应纳额，按 ${display2(relief)} 计。`,
          en: `The approved reduction ${display2(reliefAsked)} exceeds what is due after the other reductions; ${display2(relief)} is used.`,
        },
      });
    }
    notes.push({
      code: "FORCE_MAJEURE_RELIEF",
      severity: "info",
      message: {
        zh: `按财税〔2015〕72号第十七条计入批准减缴额 ${display2(relief)}（须经批准，具体办法由省级财政部门制定）。缓缴（不超过1年应缴额、不超过6个月）不改变金额：计算滞纳金时以批准的缓缴期限为缴款期限。依据：${citationText(SOURCES.caishui2015_72_art17)}。`,
        en: `An approved reduction of ${display2(relief)} under 72号 art. 17 is included (it needs approval under the province's procedure). A deferral (at most one year's levy, at most 6 months) does not change the amount: use the approved deferred date as the late-fee deadline. Source: ${citationText(SOURCES.caishui2015_72_art17)}.`,
      },
    });
    reduction = reduction.plus(relief);
  } else if (reliefAsked === null && grossDue.greaterThan(0)) {
    // 72号 第十七条 is modelled as an input (approvedRelief), never assumed: say that none is included.
    notes.push({
      code: "FORCE_MAJEURE_NOT_APPLIED",
      severity: "info",
      message: {
        zh: "本结果未计财税〔2015〕72号第十七条的减缴或缓缴：因不可抗力、自然灾害等突发事件遭受重大直接经济损失的，可申请减缴或缓缴（须经批准，具体办法由省级财政部门制定）。如已获批准减缴，在参数表填写“批准减缴额”。",
        en: "No reduction or deferral under 财税〔2015〕72号 art. 17 is included: an employer with a major direct loss from force majeure or a natural disaster may apply for one (it needs approval under the province's procedure). If a reduction was approved, set 批准减缴额 in the parameter block.",
      },
    });
  }
  trail.push({
    id: "reduction",
    label: { zh: "本期减免费额", en: "Reduction" },
    formColumn: 10,
    formula:
      reductionKind === "small-enterprise"
        ? "= col 9 (≤ threshold enterprise exemption)"
        : reductionKind === "none"
          ? "0"
          : "round2(col 9 × (1 − payableShare)); payableShare by disabled share vs tierThreshold",
    formulaText:
      reductionKind === "small-enterprise"
        ? { zh: `= 第9栏（在职职工 ${threshold} 人（含）以下企业免征）`, en: `= col 9 (enterprise of at most ${threshold} staff: exempt)` }
        : reductionKind === "none"
          ? { zh: "0（无减免）", en: "0 (no reduction)" }
          : {
              zh: `第9栏 × (1 − 缴纳比例)，四舍五入到分；残疾人占比 ≥ ${percentText(valueOf(rules, "tierThreshold"))} 按 ${percentText(valueOf(rules, "tierUpperPays"))} 缴纳，低于则按 ${percentText(valueOf(rules, "tierLowerPays"))} 缴纳`,
              en: `col 9 × (1 − share payable), rounded to the fen; a disabled share ≥ ${percentText(valueOf(rules, "tierThreshold"))} pays ${percentText(valueOf(rules, "tierUpperPays"))}, below it ${percentText(valueOf(rules, "tierLowerPays"))}`,
            },
    inputs: {
      grossDue: moneyString(grossDue),
      disabledShare: plainString(disabledShare),
      payableShare: plainString(payableShare),
      entityType,
      headcount: plainString(headcount),
    },
    value: moneyString(reduction),
    ...(relief.isZero() ? {} : { note: { zh: `含第十七条批准减缴额 ${moneyString(relief)}`, en: `includes ${moneyString(relief)} approved under 72号 art. 17` } }),
    rule: reductionKind === "small-enterprise" ? ruleRef(rules, "smallEnterpriseThreshold") : reductionKind === "none" ? undefined : ruleRef(rules, reductionKind === "tier-50" ? "tierUpperPays" : "tierLowerPays"),
  });

  // ---- col 11, 12 -------------------------------------------------------------------------------------------------
  const alreadyPaid = money("alreadyPaid", input.alreadyPaid, ZERO);
  const payable = grossDue.minus(reduction).minus(alreadyPaid);
  trail.push({ id: "alreadyPaid", label: { zh: "本期已缴费额", en: "Already paid" }, formColumn: 11, formula: "as given", formulaText: FORMULA_TEXT.asGiven, inputs: {}, value: moneyString(alreadyPaid) });
  trail.push({
    id: "payable",
    label: { zh: "本期应补（退）费额", en: "Payable (refund if negative)" },
    formColumn: 12,
    formula: "col 9 − col 10 − col 11",
    formulaText: { zh: "第9栏 − 第10栏 − 第11栏", en: "col 9 − col 10 − col 11" },
    inputs: { grossDue: moneyString(grossDue), reduction: moneyString(reduction), alreadyPaid: moneyString(alreadyPaid) },
    value: moneyString(payable),
  });

  return {
    region: { code: profile.code, label: profile.label, resolvedFrom: String(input.region ?? "CN") },
    filingYear,
    dataYear,
    filingDate,
    entityType,
    wageTotal,
    headcount,
    quotaRatio,
    certifiedDisabled,
    averageWage,
    socialAverageWage,
    wageCap,
    capApplied,
    wageBase,
    localCollectionRate,
    proration,
    required,
    shortfall,
    disabledShare,
    grossDue,
    reductionKind,
    payableShare,
    reduction,
    alreadyPaid,
    payable,
    policyExpired,
    rules,
    overridden,
    trail,
    notes,
  };
}

/** Parameters that influenced this result (those named in the trail), for PARAM_UNVERIFIED. */
export function parametersUsed(result: LevyResult): ParameterName[] {
  const used = new Set<ParameterName>();
  for (const step of result.trail) if (step.rule) used.add(step.rule.name);
  return [...used];
}
