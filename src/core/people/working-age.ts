/**
 * Working age (就业年龄段) for the certified-disabled-employee check (rules file §2.2, condition 3).
 *
 * Lower bound: 16 full years (劳动法 minimum employment age). Upper bound: the statutory retirement age, which since
 * 2025-01-01 depends on the birth month under the gradual-retirement reform. The schedule is data (RETIREMENT_SCHEDULE)
 * so that a corrected reading of the decision changes one table, not the arithmetic.
 *
 * Dates are ISO "YYYY-MM-DD" strings handled with integer arithmetic only: no Date objects, so no host time zone can
 * move a birthday by a day. Nothing here throws: bad input gives null / ok = false with a reason.
 */
import type { Bilingual, Confidence, RuleSource } from "../rules/types";

export type Sex = "male" | "female";
/** 女干部 (management and professional posts) vs 女工人 (worker posts): different statutory ages for women. */
export type WomenCategory = "cadre" | "worker";
export type RetirementGroup = "male" | "female-cadre" | "female-worker";

export interface RetirementScheduleEntry {
  group: RetirementGroup;
  label: Bilingual;
  /** Statutory age before the reform, in years. */
  baseAgeYears: number;
  /** First birth month (YYYY-MM) whose retirement age rises; everyone born earlier keeps `baseAgeYears`. */
  firstAffectedBirthMonth: string;
  /** The age rises by one month for every this many birth months, starting with +1 for `firstAffectedBirthMonth`. */
  birthMonthsPerStep: number;
  /** Cap of the total increase, in months. */
  maxIncreaseMonths: number;
  /** Target age after the transition, in years (documentation; equals baseAgeYears + maxIncreaseMonths / 12). */
  targetAgeYears: number;
}

/**
 * 全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定 (2024-09-13), in force from 2025-01-01.
 * Rules file tag: [memory, medium — verify] (§2.2 and open uncertainty §10 item 8). Any correction belongs here.
 *
 * Read as: a man born in 1965-01…1965-04 retires at 60 years + 1 month, 1965-05…1965-08 at 60 + 2 months, and so on
 * until the cap (63, reached from birth month 1976-09); women workers step every 2 birth months.
 */
export const RETIREMENT_SCHEDULE: {
  source: RuleSource;
  confidence: Confidence;
  /** The tag exactly as the rules file gives it. */
  tag: string;
  effectiveFrom: string;
  entries: readonly RetirementScheduleEntry[];
} = {
  source: {
    document: "全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定（2024年9月13日）",
    note: "Rules file §2.2: men 60→63 and women cadre 55→58 by 1 month every 4 months; women worker 50→55 by 1 month every 2 months, from 2025-01-01.",
  },
  confidence: "memory",
  tag: "[memory, medium]",
  effectiveFrom: "2025-01-01",
  entries: [
    {
      group: "male",
      label: { zh: "男职工", en: "men" },
      baseAgeYears: 60,
      firstAffectedBirthMonth: "1965-01",
      birthMonthsPerStep: 4,
      maxIncreaseMonths: 36,
      targetAgeYears: 63,
    },
    {
      group: "female-cadre",
      label: { zh: "女干部（管理和专业技术岗位）", en: "women, cadre (management and professional posts)" },
      baseAgeYears: 55,
      firstAffectedBirthMonth: "1970-01",
      birthMonthsPerStep: 4,
      maxIncreaseMonths: 36,
      targetAgeYears: 58,
    },
    {
      group: "female-worker",
      label: { zh: "女工人", en: "women, worker" },
      baseAgeYears: 50,
      firstAffectedBirthMonth: "1975-01",
      birthMonthsPerStep: 2,
      maxIncreaseMonths: 60,
      targetAgeYears: 55,
    },
  ],
};

/** Minimum employment age, 劳动法 第十五条 (rules file §2.2, [memory, high]). */
export const MINIMUM_WORKING_AGE_YEARS = 16;

/**
 * Women default to "worker" (the earlier age, 50 → 55). Rosters rarely record 干部/工人, and the default decides
 * whether a woman between the two ages is counted as a certified disabled employee. The worker age flags her row
 * for review; a wrong flag costs one correction (record category "cadre"), while the cadre age would silently count
 * someone the 残联 may reject, under-declaring the levy. Most disabled employees placed by enterprises also hold
 * worker posts, where 50 is the age that applies.
 */
export const DEFAULT_WOMEN_CATEGORY: WomenCategory = "worker";

export interface RetirementAge {
  group: RetirementGroup;
  years: number;
  months: number;
  /** years × 12 + months. */
  totalMonths: number;
}

/** The statutory retirement age for a birth date, or null if the birth date or sex is not valid. */
export function retirementAge(birthDate: string, sex: Sex, category?: WomenCategory): RetirementAge | null {
  const birth = parseIsoDate(birthDate);
  const entry = scheduleEntry(sex, category);
  if (!birth || !entry) return null;
  const first = parseYearMonth(entry.firstAffectedBirthMonth);
  if (!first) return null; // only if the schedule data itself is malformed
  const monthsAfterFirst = birth.year * 12 + (birth.month - 1) - (first.year * 12 + (first.month - 1));
  // Born before the first affected month: old age. From it on: +1 month, then +1 per step, up to the cap.
  const increase =
    monthsAfterFirst < 0 ? 0 : Math.min(Math.floor(monthsAfterFirst / entry.birthMonthsPerStep) + 1, entry.maxIncreaseMonths);
  const totalMonths = entry.baseAgeYears * 12 + increase;
  return { group: entry.group, years: Math.floor(totalMonths / 12), months: totalMonths % 12, totalMonths };
}

/**
 * The date (ISO) on which the person reaches the statutory retirement age: birth date + age, the day clamped to the
 * month's end (born on the 31st, retiring in a 30-day month → the 30th; born 29 Feb → 28 Feb in a common year).
 * Returns null (rather than throwing) if the birth date is not a real ISO date or `sex` is not "male"/"female".
 * Women without a category use DEFAULT_WOMEN_CATEGORY ("worker").
 */
export function retirementDate(birthDate: string, sex: Sex, category?: WomenCategory): string | null {
  const age = retirementAge(birthDate, sex, category);
  return age ? addMonths(birthDate, age.totalMonths) : null;
}

export interface WorkingAgeResult {
  ok: boolean;
  reason: Bilingual;
  /** The 16th birthday (first day of working age), when the birth date is valid. */
  workingAgeFrom: string | null;
  /** The retirement date (first day no longer of working age), when birth date and sex are valid. */
  retirementDate: string | null;
}

/**
 * Whether the person is of working age on at least one day of [periodStart, periodEnd] (both inclusive, normally the
 * data year): on or after the 16th birthday and before the retirement date. Someone who turns 16 or retires during
 * the year is of working age for part of it and passes; whether part-year service is pro-rated is decided elsewhere.
 */
export function isWorkingAgeDuring(
  birthDate: string,
  sex: Sex,
  periodStart: string,
  periodEnd: string,
  category?: WomenCategory,
): WorkingAgeResult {
  const fail = (reason: Bilingual, from: string | null = null, until: string | null = null): WorkingAgeResult => ({
    ok: false,
    reason,
    workingAgeFrom: from,
    retirementDate: until,
  });
  if (!parseIsoDate(birthDate)) {
    return fail({ zh: `出生日期“${String(birthDate)}”不是有效日期（YYYY-MM-DD）`, en: `birth date "${String(birthDate)}" is not a valid date (YYYY-MM-DD)` });
  }
  if (!parseIsoDate(periodStart) || !parseIsoDate(periodEnd) || periodStart > periodEnd) {
    return fail({
      zh: `期间“${String(periodStart)}”至“${String(periodEnd)}”无效`,
      en: `the period "${String(periodStart)}" to "${String(periodEnd)}" is not valid`,
    });
  }
  const from = addMonths(birthDate, MINIMUM_WORKING_AGE_YEARS * 12);
  const age = retirementAge(birthDate, sex, category);
  if (!age) {
    return fail({ zh: `性别“${String(sex)}”无效，应为男或女`, en: `sex "${String(sex)}" is not valid; it must be male or female` }, from);
  }
  const until = addMonths(birthDate, age.totalMonths);
  const ageZh = `${age.years}岁${age.months > 0 ? `${age.months}个月` : ""}`;
  const ageEn = `${age.years} years${age.months > 0 ? ` ${age.months} months` : ""}`;
  const groupLabel = RETIREMENT_SCHEDULE.entries.find((e) => e.group === age.group)?.label ?? { zh: "", en: "" };

  if (from > periodEnd) {
    return fail(
      {
        zh: `期间内未满 16 周岁（${from} 满 16 周岁）`,
        en: `under 16 throughout the period (turns 16 on ${from})`,
      },
      from,
      until,
    );
  }
  // ISO strings compare as dates; the retirement date itself is no longer working age.
  if (until <= periodStart) {
    return fail(
      {
        zh: `期间开始前已达法定退休年龄（${groupLabel.zh}，${ageZh}，退休日期 ${until}）`,
        en: `reached the statutory retirement age before the period (${groupLabel.en}, ${ageEn}, retirement date ${until})`,
      },
      from,
      until,
    );
  }
  return {
    ok: true,
    reason: {
      zh: `期间内处于就业年龄段：${from} 满 16 周岁，${until} 达到法定退休年龄（${groupLabel.zh}，${ageZh}）`,
      en: `of working age during the period: 16 on ${from}, statutory retirement age (${groupLabel.en}, ${ageEn}) on ${until}`,
    },
    workingAgeFrom: from,
    retirementDate: until,
  };
}

function scheduleEntry(sex: unknown, category: unknown): RetirementScheduleEntry | null {
  let group: RetirementGroup;
  if (sex === "male") group = "male";
  // An unknown category text is treated like a missing one: the documented default applies.
  else if (sex === "female") group = category === "cadre" || category === "worker" ? `female-${category}` : `female-${DEFAULT_WOMEN_CATEGORY}`;
  else return null;
  return RETIREMENT_SCHEDULE.entries.find((e) => e.group === group) ?? null;
}

// ---------------------------------------------------------------------------------------------------------------------
// Date helpers (integer arithmetic on ISO strings; resident-id.ts keeps its own copy so the modules stay independent).
// ---------------------------------------------------------------------------------------------------------------------

interface YMD {
  year: number;
  month: number;
  day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

function parseIsoDate(iso: unknown): YMD | null {
  if (typeof iso !== "string") return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const ymd = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (ymd.month < 1 || ymd.month > 12 || ymd.day < 1 || ymd.day > daysInMonth(ymd.year, ymd.month)) return null;
  return ymd;
}

function parseYearMonth(text: string): { year: number; month: number } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  return m ? { year: Number(m[1]), month: Number(m[2]) } : null;
}

/** `iso` + `months` calendar months, the day clamped to the target month's length. `iso` must already be valid. */
function addMonths(iso: string, months: number): string {
  const d = parseIsoDate(iso) as YMD;
  const index = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(d.day, daysInMonth(year, month));
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
