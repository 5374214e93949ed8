/**
 * Plausibility (issue 9 §3): a likely typo is an error, not a 100× levy.
 *
 * The calculation accepts any non-negative number where a number is expected; this module says which of them cannot
 * be what the user meant. It is one table of checks shared by `levy calc` (errors → exit 2, warnings → notes), the
 * LEVY.* functions (errors → #NUM! with the message) and the audit (PARAM_IMPLAUSIBLE / PARAM_UNUSUAL findings on the
 * parameter cell, src/validation/rules/plausibility.ts).
 *
 * How error and warning are decided:
 *   error    the value cannot be right as typed: a ratio above 1 (100%) in a parameter that is a share of something
 *            (安置比例 1.5 is 150%, surely 1.5%), a collection rate above 100%, a late fee above the statutory 5‰ a day,
 *            a registration date after the filing date, a social average wage no Chinese locality has (below what a
 *            minimum-wage job pays in a year, or over a million a year), a headcount of ten million or more, amounts
 *            beyond 10^13 yuan (no employer's wage bill or levy comes near), more weighted disabled staff than twice
 *            the headcount (each person counts at most 2), a quota ratio below the 1.5% floor of 条例 第八条 (provinces
 *            may only set it higher), a cap multiple below 1 (no region caps under 1×), an employer average wage under
 *            1,000 a year (below any minimum wage: a wage total in 万元). Where a reading is likely, the message says it
 *            ("did you mean 1.5%?") and `suggestion` carries it.
 *   warning  the value is lawful but unusual and changes the levy: a quota ratio above 3%, a collection rate below
 *            20%, a cap multiple above 3, a late-fee rate below 5‰, a social average wage outside 30,000–300,000 a
 *            year, an employer registered after the data year (nothing is due), a filing date more than a year after
 *            today, an average wage over 10 million a year.
 *
 * Only what the user supplied is checked: overridden rule parameters (the profiles' own values are sourced data) and
 * the case's inputs. Everything here is exact decimal arithmetic; nothing throws.
 */
import { Decimal, dec, plainString } from "../decimal";
import { addDays, isIsoDate } from "../dates";
import { PARAMETER_INFO } from "../rules/parameters";
import type { Bilingual, ParameterName, ResolvedRules } from "../rules/types";
import type { LevyNote, LevyResult } from "./types";

export type PlausibilityField = ParameterName | "headcount" | "wageTotal" | "certifiedDisabled" | "socialAverageWage" | "alreadyPaid" | "registrationDate" | "filingDate" | "averageWage";

export interface PlausibilityIssue {
  field: PlausibilityField;
  severity: "error" | "warning";
  /** The value as the calculation read it (decimal string or ISO date). */
  value: string;
  message: Bilingual;
  /** What the user probably meant, in the field's own units (a decimal string), when one reading is likely. */
  suggestion?: string;
}

/** The figures a plausibility check looks at; each is optional so the audit can check a parameter block alone. */
export interface PlausibilityInput {
  rules?: ResolvedRules | null;
  headcount?: Decimal | null;
  wageTotal?: Decimal | null;
  certifiedDisabled?: Decimal | null;
  socialAverageWage?: Decimal | null;
  alreadyPaid?: Decimal | null;
  filingDate?: string | null;
  dataYear?: number | null;
  registrationDate?: string | null;
  /** Today (ISO), for "filing date far in the future". Without it that check is skipped. */
  today?: string | null;
}

/** Hard limits: beyond these a number is not a plausible input at all (also what keeps results finite in Excel). */
export const LIMITS = {
  /** No employer has ten million staff (the largest Chinese employers have about 1.5 million). */
  headcount: new Decimal("1e7"),
  /** 10^13 yuan: far beyond any employer's wage bill, levy or payment. */
  money: new Decimal("1e13"),
  /** Social average wage, yuan a year: below 12 × 1,000 no locality; above a million, none either. */
  socialAverageWageMin: new Decimal(12_000),
  socialAverageWageMax: new Decimal(1_000_000),
  /** Lawful but unusual outside this band (2015–2025 figures run from about 40,000 to about 220,000). */
  socialAverageWageUsualMin: new Decimal(30_000),
  socialAverageWageUsualMax: new Decimal(300_000),
} as const;

const ONE = new Decimal(1);
const HUNDRED = new Decimal(100);

function pct(d: Decimal): string {
  return `${plainString(d.times(HUNDRED))}%`;
}

function label(field: PlausibilityField): Bilingual {
  if (field in PARAMETER_INFO) return PARAMETER_INFO[field as ParameterName].label;
  const labels: Record<string, Bilingual> = {
    headcount: { zh: "在职职工人数", en: "Headcount" },
    wageTotal: { zh: "工资总额", en: "Wage total" },
    certifiedDisabled: { zh: "安排残疾人数", en: "Certified disabled count" },
    socialAverageWage: { zh: "社会平均工资", en: "Social average wage" },
    alreadyPaid: { zh: "已缴费额", en: "Amount already paid" },
    registrationDate: { zh: "登记注册日期", en: "Registration date" },
    filingDate: { zh: "申报日期", en: "Filing date" },
    averageWage: { zh: "年平均工资", en: "Average wage" },
  };
  return labels[field];
}

/** A parameter that is a share of something (0–100%): above 1 it was almost surely typed as a percentage. */
const RATIO_PARAMETERS: ReadonlyArray<ParameterName> = ["quotaRatio", "localCollectionRate", "tierThreshold", "tierUpperPays", "tierLowerPays"];

function ratioAboveOne(field: ParameterName, v: Decimal): PlausibilityIssue {
  const l = label(field);
  const meant = v.lessThanOrEqualTo(HUNDRED) ? v.dividedBy(HUNDRED) : null;
  const value = plainString(v);
  return {
    field,
    severity: "error",
    value,
    message: meant
      ? {
          zh: `${l.zh} ${value} 被读作 ${pct(v)}，比例不能超过100%：是否应为 ${value}%（即 ${plainString(meant)}）？`,
          en: `${l.en} ${value} reads as ${pct(v)}, and a ratio cannot exceed 100%: did you mean ${value}% (${plainString(meant)})?`,
        }
      : {
          zh: `${l.zh} ${value}（${pct(v)}）不可能：比例不能超过100%。`,
          en: `${l.en} ${value} (${pct(v)}) cannot be right: a ratio cannot exceed 100%.`,
        },
    ...(meant ? { suggestion: plainString(meant) } : {}),
  };
}

function issue(field: PlausibilityField, severity: PlausibilityIssue["severity"], value: string, zh: string, en: string, suggestion?: Decimal | string): PlausibilityIssue {
  const l = label(field);
  const out: PlausibilityIssue = { field, severity, value, message: { zh: `${l.zh} ${value}：${zh}`, en: `${l.en} ${value}: ${en}` } };
  if (suggestion !== undefined) out.suggestion = typeof suggestion === "string" ? suggestion : plainString(suggestion);
  return out;
}

function asDecimal(v: unknown): Decimal | null {
  if (v === null || v === undefined) return null;
  try {
    return dec(v as string);
  } catch {
    return null;
  }
}

/** Overridden rule parameters whose value cannot be meant, or is lawful but unusual. */
function parameterIssues(rules: ResolvedRules): PlausibilityIssue[] {
  const out: PlausibilityIssue[] = [];
  for (const name of Object.keys(rules) as ParameterName[]) {
    const r = rules[name];
    if (!r || !r.overridden) continue;
    const v = asDecimal(r.value);
    if (v === null) continue;
    const value = plainString(v);
    if (RATIO_PARAMETERS.includes(name) && v.greaterThan(ONE)) {
      out.push(ratioAboveOne(name, v));
      continue;
    }
    switch (name) {
      case "quotaRatio":
        if (v.greaterThan("0.1")) {
          out.push(issue(name, "error", value, `安置比例 ${pct(v)} 远高于任何省份的规定（1.5%–2%）：是否应为 ${pct(v.dividedBy(10))}？`, `a quota of ${pct(v)} is far above any province's (1.5%–2%): did you mean ${pct(v.dividedBy(10))}?`, v.dividedBy(10)));
        } else if (v.greaterThan("0.03")) {
          out.push(issue(name, "warning", value, `安置比例 ${pct(v)} 高于已知各省的规定（1.5%–2%），请核对。`, `a quota of ${pct(v)} is above every known provincial ratio (1.5%–2%); check it.`));
        } else if (v.lessThan("0.015")) {
          // 条例 第八条: no lower than 1.5% anywhere (provinces may only set it higher). 0.0015 is 1.5% with a zero too many.
          const tenfold = v.times(10);
          const meant = tenfold.greaterThanOrEqualTo("0.015") && tenfold.lessThanOrEqualTo("0.03") ? tenfold : undefined;
          out.push(
            issue(
              name,
              "error",
              value,
              `安置比例 ${pct(v)} 低于《残疾人就业条例》第八条规定的下限 1.5%（各省只能规定更高）${meant ? `：是否应为 ${pct(meant)}？` : "。"}`,
              `a quota of ${pct(v)} is below the 1.5% floor of the 条例 (art. 8; provinces may only set it higher)${meant ? `: did you mean ${pct(meant)}?` : "."}`,
              meant,
            ),
          );
        }
        break;
      case "localCollectionRate":
        if (v.lessThan("0.2")) {
          out.push(issue(name, "warning", value, `征收比例 ${pct(v)} 异常低${v.isZero() ? "（不征收）" : ""}，请核对。`, `a collection rate of ${pct(v)} is unusually low${v.isZero() ? " (nothing is collected)" : ""}; check it.`));
        }
        break;
      case "tierThreshold":
        if (v.greaterThan("0.05")) out.push(issue(name, "warning", value, `分档比例线 ${pct(v)} 异常（全国为 1%），请核对。`, `a tier threshold of ${pct(v)} is unusual (nationally 1%); check it.`));
        break;
      case "capMultiple":
        if (v.isZero()) {
          out.push(issue(name, "error", value, "封顶倍数为0会使计费基数和应缴额都为0；不封顶请写“无”。", "a cap multiple of 0 makes the wage base and the levy 0; write 无 (none) for no cap."));
        } else if (v.greaterThan(10)) {
          // A reading within the lawful 1–3×: 20 → 2 (a slipped point), 200 → 200% = 2×.
          const inRange = (x: Decimal) => x.greaterThanOrEqualTo(1) && x.lessThanOrEqualTo(3);
          const meant = inRange(v.dividedBy(10)) ? v.dividedBy(10) : inRange(v.dividedBy(HUNDRED)) ? v.dividedBy(HUNDRED) : undefined;
          const said = meant === undefined ? null : meant.equals(v.dividedBy(HUNDRED)) ? { zh: `${value}%（即 ${plainString(meant)} 倍）`, en: `${value}% (${plainString(meant)}×)` } : { zh: `${plainString(meant)} 倍`, en: `${plainString(meant)}×` };
          out.push(
            issue(
              name,
              "error",
              value,
              `封顶倍数 ${value} 倍不可能（全国为2倍）${said ? `：是否应为 ${said.zh}？` : "。"}`,
              `a cap of ${value} × the social average cannot be right (nationally 2×)${said ? `: did you mean ${said.en}?` : "."}`,
              meant,
            ),
          );
        } else if (v.lessThan(1)) {
          // No region caps below 1× the social average (Hunan 1×, nationally 2×): 0.2 is 2 with a misplaced point.
          const meant = v.times(10).greaterThanOrEqualTo(1) && v.times(10).lessThanOrEqualTo(3) ? v.times(10) : undefined;
          out.push(
            issue(
              name,
              "error",
              value,
              `封顶倍数 ${value} 倍低于任何地区的规定（全国为2倍，湖南为1倍）${meant ? `：是否应为 ${plainString(meant)} 倍？` : "。"}`,
              `a cap of ${value}× is below every region's (nationally 2×, Hunan 1×)${meant ? `: did you mean ${plainString(meant)}×?` : "."}`,
              meant,
            ),
          );
        } else if (v.greaterThan(3)) {
          out.push(issue(name, "warning", value, `封顶倍数 ${value} 倍异常（全国为2倍，2018年前为3倍，湖南为1倍），请核对。`, `a cap of ${value}× is unusual (nationally 2×, 3× before 2018, Hunan 1×); check it.`));
        }
        break;
      case "lateFeeRatePerDay":
        if (v.greaterThan("0.005")) {
          // 5 meant 5‰; 0.5 meant 0.5% (= 5‰).
          const meant = v.greaterThan(ONE) ? v.dividedBy(1000) : v.dividedBy(HUNDRED);
          const meantText = v.greaterThan(ONE) ? `${value}‰` : `${value}%`;
          out.push(
            issue(
              name,
              "error",
              value,
              `滞纳金日费率 ${pct(v)} 超过《残疾人就业条例》第二十七条的每日5‰：是否应为 ${meantText}（即 ${plainString(meant)}）？`,
              `a late fee of ${pct(v)} a day exceeds the statutory 5‰ a day (条例 art. 27): did you mean ${meantText} (${plainString(meant)})?`,
              meant,
            ),
          );
        } else if (v.lessThan("0.005")) {
          out.push(issue(name, "warning", value, `滞纳金日费率低于法定的每日5‰（万分之五是税款滞纳金的费率），请核对。`, `the rate is below the statutory 5‰ a day (0.05% is the tax-arrears rate); check it.`));
        }
        break;
      case "smallEnterpriseThreshold":
        if (v.greaterThan(100)) out.push(issue(name, "warning", value, "免征人数上限异常（现行为30人，2015年为20人），请核对。", "an unusual exemption threshold (30 staff now, 20 in 2015); check it."));
        break;
      case "smallEnterpriseYearsSinceRegistration":
        if (v.greaterThan(10)) out.push(issue(name, "warning", value, "免征注册年限异常（2015年规定为3年），请核对。", "an unusual limit (3 years under the 2015 rule); check it."));
        break;
      case "minimumWageMonthly":
        if (v.greaterThan(10_000)) {
          out.push(issue(name, "error", value, `月最低工资不可能超过1万元（最高的地区约2,700元）：是否填了年度金额？按月为 ${plainString(v.dividedBy(12).toDecimalPlaces(2))}。`, `no monthly minimum wage exceeds 10,000 (the highest is about 2,700): is this an annual figure? Monthly it is ${plainString(v.dividedBy(12).toDecimalPlaces(2))}.`, v.dividedBy(12).toDecimalPlaces(2)));
        } else if (v.lessThan(1000) || v.greaterThan(5000)) {
          out.push(issue(name, "warning", value, "月最低工资异常（各地约1,400–2,700元），请核对。", "an unusual monthly minimum wage (about 1,400–2,700 across China); check it."));
        }
        break;
      default:
        break;
    }
  }
  return out;
}

function socialAverageIssues(v: Decimal): PlausibilityIssue[] {
  const value = plainString(v);
  if (v.lessThan(LIMITS.socialAverageWageMin)) {
    if (v.greaterThanOrEqualTo(1000)) {
      const meant = v.times(12);
      return [issue("socialAverageWage", "error", value, `年社会平均工资不可能这么低：是否填了月平均工资？按年为 ${plainString(meant)}。`, `no locality's annual average wage is this low: is this a monthly figure? A year is ${plainString(meant)}.`, meant)];
    }
    if (v.greaterThan(0) && v.lessThan(100)) {
      const meant = v.times(10_000);
      return [issue("socialAverageWage", "error", value, `年社会平均工资不可能这么低：是否以万元填写？即 ${plainString(meant)} 元。`, `no locality's annual average wage is this low: is it in 万元 (10,000 yuan)? That is ${plainString(meant)} yuan.`, meant)];
    }
    return [issue("socialAverageWage", "error", value, "年社会平均工资不可能这么低（各地约4万–22万元）。", "no locality's annual average wage is this low (about 40,000–220,000 yuan).")];
  }
  if (v.greaterThan(LIMITS.socialAverageWageMax)) {
    return [issue("socialAverageWage", "error", value, "年社会平均工资不可能超过100万元（各地约4万–22万元）：是否以分或其他单位填写？", "no locality's annual average wage exceeds 1,000,000 yuan (about 40,000–220,000): is it in fen or another unit?")];
  }
  if (v.lessThan(LIMITS.socialAverageWageUsualMin) || v.greaterThan(LIMITS.socialAverageWageUsualMax)) {
    return [issue("socialAverageWage", "warning", value, "年社会平均工资异常（各地约4万–22万元），请核对。", "an unusual annual social average wage (about 40,000–220,000 yuan across China); check it.")];
  }
  return [];
}

/** Every implausible or unusual input, errors first. Never throws. */
export function checkPlausibility(input: PlausibilityInput): PlausibilityIssue[] {
  const out: PlausibilityIssue[] = [];
  if (input.rules) out.push(...parameterIssues(input.rules));
  const { headcount, wageTotal, certifiedDisabled, alreadyPaid, socialAverageWage } = input;
  if (headcount) {
    if (headcount.greaterThanOrEqualTo(LIMITS.headcount)) {
      out.push(issue("headcount", "error", plainString(headcount), "没有单位有一千万名职工：请核对人数（是否填了工资或其他数字？）。", "no employer has ten million staff: check the figure (is it a wage or another number?)."));
    } else if (headcount.greaterThan(2_000_000)) {
      out.push(issue("headcount", "warning", plainString(headcount), "人数异常多（最大的雇主约150万人），请核对。", "an unusually large headcount (the largest employers have about 1.5 million staff); check it."));
    }
  }
  for (const [field, v] of [
    ["wageTotal", wageTotal],
    ["alreadyPaid", alreadyPaid],
  ] as const) {
    if (v && v.greaterThan(LIMITS.money)) out.push(issue(field, "error", plainString(v), "金额超过10万亿元，不可能：请核对单位（元）。", "an amount above 10 trillion yuan cannot be right: check the unit (yuan)."));
  }
  if (certifiedDisabled && headcount && certifiedDisabled.greaterThan(headcount.times(2))) {
    out.push(
      issue(
        "certifiedDisabled",
        "error",
        plainString(certifiedDisabled),
        `超过在职职工人数 ${plainString(headcount)} 的两倍：每名残疾职工最多按2人计算。`,
        `more than twice the headcount ${plainString(headcount)}: each disabled employee counts at most 2.`,
      ),
    );
  }
  if (socialAverageWage) out.push(...socialAverageIssues(socialAverageWage));
  if (headcount && wageTotal && headcount.greaterThanOrEqualTo(1) && !wageTotal.isZero() && wageTotal.lessThanOrEqualTo(LIMITS.money)) {
    const average = wageTotal.dividedBy(headcount);
    if (average.lessThan(1000)) {
      // Below any minimum wage anywhere (about 1,400 a month): a wage total in 万元 or 千元, not a real payroll.
      const meant = average.times(10_000).greaterThanOrEqualTo(12_000) && average.times(10_000).lessThanOrEqualTo(10_000_000) ? wageTotal.times(10_000) : undefined;
      out.push(issue("averageWage", "error", plainString(average.toDecimalPlaces(2)), `人均年工资不足1,000元，低于任何地区的最低工资：工资总额是否以万元或千元填写？${meant ? `按万元即 ${plainString(meant)} 元。` : ""}`, `under 1,000 yuan a year per person, below any minimum wage: is the wage total in 万元 (10,000 yuan) or 千元?${meant ? ` In 万元 it is ${plainString(meant)} yuan.` : ""}`));
    } else if (average.greaterThan(10_000_000)) {
      out.push(issue("averageWage", "warning", plainString(average.toDecimalPlaces(2)), "人均年工资超过1,000万元：工资总额是否以分填写？", "over 10 million yuan a year per person: is the wage total in fen?"));
    }
  }
  const { filingDate, registrationDate, dataYear, today } = input;
  if (registrationDate && isIsoDate(registrationDate)) {
    if (filingDate && registrationDate > filingDate) {
      out.push(
        issue("registrationDate", "error", registrationDate, `晚于申报日期 ${filingDate}：单位不可能在申报之后才成立（按此计算应缴额为0）。`, `is after the filing date ${filingDate}: an employer cannot be registered after it files (the levy would be 0).`),
      );
    } else if (dataYear && Number(registrationDate.slice(0, 4)) > dataYear) {
      out.push(issue("registrationDate", "warning", registrationDate, `晚于数据年度 ${dataYear}：该年度不缴纳，请核对日期。`, `is after data year ${dataYear}: nothing is due for that year; check the date.`));
    } else if (registrationDate < "1949-10-01") {
      out.push(issue("registrationDate", "warning", registrationDate, "早于1949年，请核对日期。", "is before 1949; check the date."));
    }
  }
  if (filingDate && today && isIsoDate(filingDate) && isIsoDate(today) && filingDate > addDays(today, 366)) {
    out.push(issue("filingDate", "warning", filingDate, `比今天（${today}）晚一年以上，请核对。`, `is more than a year after today (${today}); check it.`));
  }
  return [...out.filter((i) => i.severity === "error"), ...out.filter((i) => i.severity === "warning")];
}

/** The checks on a computed result (what `levy calc` and the LEVY.* functions use). */
export function checkResultPlausibility(result: LevyResult, registrationDate: string | null | undefined, today?: string | null): PlausibilityIssue[] {
  return checkPlausibility({
    rules: result.rules,
    headcount: result.headcount,
    wageTotal: result.wageTotal,
    certifiedDisabled: result.certifiedDisabled,
    socialAverageWage: result.socialAverageWage,
    alreadyPaid: result.alreadyPaid,
    filingDate: result.filingDate,
    dataYear: result.dataYear,
    registrationDate: registrationDate ?? null,
    today: today ?? null,
  });
}

/** Finding / note code of an issue: implausible values are errors, unusual ones warnings. */
export function plausibilityCode(i: PlausibilityIssue): "PARAM_IMPLAUSIBLE" | "PARAM_UNUSUAL" {
  return i.severity === "error" ? "PARAM_IMPLAUSIBLE" : "PARAM_UNUSUAL";
}

/** Warnings as result notes (errors never reach a result: the adapters refuse the input). */
export function plausibilityNotes(issues: readonly PlausibilityIssue[]): LevyNote[] {
  return issues.filter((i) => i.severity === "warning").map((i) => ({ code: plausibilityCode(i), severity: "warning", message: i.message }));
}
