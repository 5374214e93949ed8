/**
 * Reconciliation parameters as data: the tolerances (with the parameter-block names that override them) and, for
 * each category of staff the levy leaves out, whether each other source normally contains them. A category a source
 * contains is an explained part of the bridge from the payroll to that source; one it does not contain is no part of
 * that bridge (a difference it would cause stays in the unexplained remainder, where a reader sees it).
 */
import type { Bilingual } from "../core/rules/types";

export interface ToleranceParameter {
  /** Names accepted in the parameter block (名称 | 值), any of them. */
  names: readonly string[];
  /** Default (yuan for money, persons for headcount). */
  value: string;
  label: Bilingual;
  note: string;
}

/**
 * Tolerances. An unexplained remainder whose absolute value is above the tolerance is a REC_* finding. Defaults: one
 * yuan per bridge on money (rounding of a few hundred monthly rows in other software stays below it), and half a
 * person on an annual average (the levy's (月初+月末)÷2 against a month's count of people paid or insured moves the
 * average by a fraction of a person when people join or leave mid-month).
 */
export const TOLERANCES = {
  wage: {
    names: ["工资对账容差", "工资总额对账容差", "对账容差（工资）", "reconciliationWageTolerance"],
    value: "1.00",
    label: { zh: "工资对账容差（元）", en: "Wage reconciliation tolerance (yuan)" },
    note: "Project choice (audit practice); no official document sets it.",
  },
  headcount: {
    names: ["人数对账容差", "对账容差（人数）", "reconciliationHeadcountTolerance"],
    value: "0.5",
    label: { zh: "人数对账容差（人）", en: "Headcount reconciliation tolerance (persons)" },
    note: "Project choice (audit practice); no official document sets it.",
  },
} as const satisfies Record<string, ToleranceParameter>;

export type TargetId = "ledger" | "citA105050" | "iitIncome" | "iitPeople" | "socialInsurance";

/** The levy's exclusion reasons that are categories of staff (the roster's HC_* codes). */
export const STAFF_CATEGORIES = ["HC_INTERN", "HC_RETIREE", "HC_DISPATCH_IN", "HC_LABOUR_SERVICE", "HC_PART_TIME", "HC_SHORT_CONTRACT"] as const;
export type StaffCategory = (typeof STAFF_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<StaffCategory, Bilingual> = {
  HC_INTERN: { zh: "实习生", en: "interns" },
  HC_RETIREE: { zh: "退休返聘人员", en: "re-hired retirees" },
  HC_DISPATCH_IN: { zh: "劳务派遣人员", en: "dispatched workers" },
  HC_LABOUR_SERVICE: { zh: "劳务协议人员", en: "service-agreement workers" },
  HC_PART_TIME: { zh: "非全日制人员", en: "part-time staff" },
  HC_SHORT_CONTRACT: { zh: "合同不足一年人员", en: "contracts under one year" },
};

/**
 * Which sources contain each category, with why. `true`: the category's pay (or people) is in that source, so it
 * explains part of the difference. The payroll system posts everyone it pays to 2211, so the ledger contains all of
 * them; A105050 line 1 is 工资薪金 of people 任职或者受雇 — not 劳务报酬; the IIT 工资薪金所得 excludes 劳务报酬
 * (service agreements, and students' internship pay, withheld as 劳务报酬); social insurance covers employees with a
 * labour contract, not retirees, interns, service-agreement workers, nor dispatched workers (insured by the agency).
 */
export const CONTAINS: Record<StaffCategory, Record<TargetId, boolean>> = {
  HC_INTERN: { ledger: true, citA105050: true, iitIncome: false, iitPeople: false, socialInsurance: false },
  HC_RETIREE: { ledger: true, citA105050: true, iitIncome: true, iitPeople: true, socialInsurance: false },
  HC_DISPATCH_IN: { ledger: true, citA105050: true, iitIncome: false, iitPeople: false, socialInsurance: false },
  HC_LABOUR_SERVICE: { ledger: true, citA105050: false, iitIncome: false, iitPeople: false, socialInsurance: false },
  HC_PART_TIME: { ledger: true, citA105050: true, iitIncome: true, iitPeople: true, socialInsurance: false },
  HC_SHORT_CONTRACT: { ledger: true, citA105050: true, iitIncome: true, iitPeople: true, socialInsurance: true },
};

/** The documents behind the choices above, shown with the bridges (official documents only). */
export const CONTAINS_SOURCES: readonly string[] = [
  "《企业所得税法实施条例》第三十四条 (工资薪金：支付给在本企业任职或者受雇的员工的劳动报酬)",
  "国家税务总局公告2015年第34号 第三条 (接受外部劳务派遣用工：直接支付给员工个人的费用作为工资薪金支出)",
  "国税函〔2005〕382号 (退休人员再任职取得的收入按工资、薪金所得缴纳个人所得税)",
  "国家税务总局公告2020年第13号 第二条 (正在接受全日制学历教育的学生因实习取得劳务报酬所得)",
  "《企业会计准则第9号——职工薪酬》 (应付职工薪酬：工资、奖金、津贴和补贴，职工福利费，社会保险费，住房公积金，工会经费和职工教育经费等)",
];
