/**
 * What a column can mean. Field ids are the stable names a mapping refers to (`--map 用工类别=employmentType`, or a
 * parameter-sheet row `列:用工类别 | employmentType`); pay columns are classified into the six statutory wage
 * components (国家统计局令1990年第1号 第四条) or one of the items its 第十一条 excludes.
 */
import type { Bilingual } from "../core/rules/types";

export type TableKind = "roster" | "payroll" | "disabled" | "monthlyHeadcount";

export const TABLE_KINDS: readonly TableKind[] = ["roster", "payroll", "disabled", "monthlyHeadcount"];

export const TABLE_LABELS: Record<TableKind, Bilingual> = {
  roster: { zh: "花名册", en: "roster" },
  payroll: { zh: "工资表", en: "payroll" },
  disabled: { zh: "残疾职工名册", en: "disabled employee register" },
  monthlyHeadcount: { zh: "月度人数表", en: "monthly headcount table" },
};

/** Non-pay fields. Pay columns use field "pay" plus a PayCategory. */
export type FieldId =
  | "employeeId"
  | "name"
  | "idNumber"
  | "sex"
  | "birthDate"
  | "employmentType"
  | "hireDate"
  | "leaveDate"
  | "contractStart"
  | "contractEnd"
  | "contractTerm"
  | "socialInsurance"
  | "dispatchAssigned"
  | "employeeStatus"
  | "month"
  | "certificateNo"
  | "certificateType"
  | "disabilityGrade"
  | "disabilityCategory"
  | "certified"
  | "certValidUntil"
  | "monthlyWage"
  | "countedAs"
  | "monthStart"
  | "monthEnd"
  | "monthCount"
  | "pay";

/** Wage components (included in 工资总额), the excluded items, and columns that are neither (totals, deductions). */
export type PayCategory =
  // 第四条: the six components
  | "timeWage"
  | "pieceWage"
  | "bonus"
  | "allowance"
  | "overtime"
  | "specialPay"
  // 第十一条: not wages
  | "stateAward"
  | "welfare"
  | "oneChild"
  | "retireeCost"
  | "labourProtection"
  | "authorFees"
  | "travelMeal"
  | "severance"
  | "dividend"
  | "labourFees"
  | "studentSubsidy"
  | "employerContribution"
  // neither: a total column, net pay, or a deduction already inside gross pay
  | "grossPay"
  | "netPay"
  | "deduction"
  // reduces gross pay itself (考勤扣款, 缺勤扣款): 应发 = components − these
  | "attendanceDeduction"
  // neither wages nor pay: the monthly social-insurance contribution base (Shanghai's levy basis, 沪财发〔2020〕9号)
  | "socialInsuranceBase"
  // reference figures beside the pay, never read as amounts paid (kind "reference"): a rate or standard (工资标准,
  // 月薪, 定薪, 合同工资, 年薪 on monthly rows), a count (计薪天数, 薪级, 加班小时, 绩效系数), another period's or the
  // budget's figure (上月应发, 去年同期应发, 预算工资, 应发工资（调整前） beside 调整后), and a breakdown of another
  // column (其中：绩效)
  | "payRate"
  | "payCount"
  | "payOtherPeriod"
  | "payBreakdown";

/**
 * "base": a contribution-base column, summed apart from the wages and used only where the rules say so.
 * "reference": a figure beside the pay that is not an amount paid in the row's period (a rate, a count, another
 * period's or the budget's figure, a breakdown): recognised so that it is shown as not used, with the reason (its
 * label), but never read — it is not among a table's pay columns (detect.ts), so it can neither be summed nor reject a row.
 */
export type PayKind = "wage" | "nonWage" | "total" | "ignored" | "base" | "wageDeduction" | "reference";

export interface PayCategoryInfo {
  kind: PayKind;
  label: Bilingual;
  /** The article of 《关于工资总额组成的规定》 that classifies it. */
  rule: string;
}

const R3 = "《关于工资总额组成的规定》第三条";
const R4 = "《关于工资总额组成的规定》第四条";
const R11 = "《关于工资总额组成的规定》第十一条";

export const PAY_CATEGORIES: Record<PayCategory, PayCategoryInfo> = {
  timeWage: { kind: "wage", label: { zh: "计时工资", en: "time wages" }, rule: `${R4}(一)` },
  pieceWage: { kind: "wage", label: { zh: "计件工资", en: "piece wages" }, rule: `${R4}(二)` },
  bonus: { kind: "wage", label: { zh: "奖金", en: "bonuses" }, rule: `${R4}(三)` },
  allowance: { kind: "wage", label: { zh: "津贴和补贴", en: "allowances and subsidies" }, rule: `${R4}(四)` },
  overtime: { kind: "wage", label: { zh: "加班加点工资", en: "overtime pay" }, rule: `${R4}(五)` },
  specialPay: { kind: "wage", label: { zh: "特殊情况下支付的工资", en: "pay in special circumstances" }, rule: `${R4}(六)` },
  stateAward: { kind: "nonWage", label: { zh: "国家规定的奖励", en: "state-defined awards" }, rule: `${R11}(一)` },
  welfare: { kind: "nonWage", label: { zh: "劳动保险和职工福利", en: "labour insurance and staff welfare" }, rule: `${R11}(二)` },
  oneChild: { kind: "nonWage", label: { zh: "独生子女费", en: "one-child allowance" }, rule: `${R11}(二)(十四)` },
  retireeCost: { kind: "nonWage", label: { zh: "离退休人员费用", en: "retiree costs" }, rule: `${R11}(三)` },
  labourProtection: { kind: "nonWage", label: { zh: "劳动保护费", en: "labour protection" }, rule: `${R11}(四)` },
  authorFees: { kind: "nonWage", label: { zh: "稿费、讲课费", en: "author and lecture fees" }, rule: `${R11}(五)` },
  travelMeal: { kind: "nonWage", label: { zh: "出差伙食补助、误餐补助", en: "travel meal and missed-meal allowances" }, rule: `${R11}(六)` },
  severance: { kind: "nonWage", label: { zh: "经济补偿金", en: "severance pay" }, rule: `${R11}(十)` },
  dividend: { kind: "nonWage", label: { zh: "股息、利息", en: "dividends and interest" }, rule: `${R11}(九)` },
  labourFees: { kind: "nonWage", label: { zh: "劳务费、外包费", en: "labour-provider and contracting fees" }, rule: `${R11}(十一)(十二)` },
  studentSubsidy: { kind: "nonWage", label: { zh: "在校学生补贴", en: "subsidies to students" }, rule: `${R11}(十三)` },
  employerContribution: { kind: "nonWage", label: { zh: "单位缴纳的社保和公积金", en: "employer social insurance and housing fund" }, rule: "levy-rules.md §3 (employer contributions are not wages)" },
  grossPay: { kind: "total", label: { zh: "应发合计", en: "gross pay total" }, rule: `${R4} (total column)` },
  netPay: { kind: "ignored", label: { zh: "实发工资", en: "net pay" }, rule: "net pay is after deductions; gross (应发) is the basis" },
  attendanceDeduction: { kind: "wageDeduction", label: { zh: "考勤扣款", en: "attendance deductions" }, rule: `${R4}: wages actually paid — absence deductions reduce gross pay (应发), unlike withholdings inside it` },
  deduction: { kind: "ignored", label: { zh: "个人扣缴项目", en: "employee deductions" }, rule: "already inside gross pay (应发)" },
  socialInsuranceBase: { kind: "base", label: { zh: "社保缴费基数", en: "social-insurance contribution base" }, rule: "沪财发〔2020〕9号 (not wages: used as the levy base only where the rules say social-insurance-base)" },
  payRate: { kind: "reference", label: { zh: "非当期发放的工资标准或定额", en: "pay rate or standard (not pay for the period)" }, rule: `${R3}: the wage total is pay actually paid; a rate or standard is not` },
  payCount: { kind: "reference", label: { zh: "天数、工时、级别或系数等非金额项", en: "days, hours, grade or coefficient (not an amount)" }, rule: `${R3}: not an amount` },
  payOtherPeriod: { kind: "reference", label: { zh: "其他期间、预算或调整前的金额", en: "another period's, budgeted or pre-adjustment figure" }, rule: `${R3}: pay of the period actually paid` },
  payBreakdown: { kind: "reference", label: { zh: "含在另一列中的其中明细", en: "'of which' breakdown (inside another column)" }, rule: `${R4}: counted once, in the column it breaks down` },
};

/**
 * Pay categories that are reference figures: recognised and shown, never read as amounts. (Labels are mapping values
 * too, read back after NFKC: no full-width brackets, commas or colons in them.)
 */
export function isReferenceCategory(c: PayCategory | undefined): boolean {
  return c !== undefined && PAY_CATEGORIES[c].kind === "reference";
}

export const FIELD_LABELS: Record<FieldId, Bilingual> = {
  employeeId: { zh: "工号", en: "employee ID" },
  name: { zh: "姓名", en: "name" },
  idNumber: { zh: "身份证号", en: "ID number" },
  sex: { zh: "性别", en: "sex" },
  birthDate: { zh: "出生日期", en: "birth date" },
  employmentType: { zh: "用工形式", en: "employment type" },
  hireDate: { zh: "入职日期", en: "hire date" },
  leaveDate: { zh: "离职日期", en: "leave date" },
  contractStart: { zh: "合同开始日期", en: "contract start" },
  contractEnd: { zh: "合同结束日期", en: "contract end" },
  contractTerm: { zh: "合同期限", en: "contract term" },
  socialInsurance: { zh: "社保缴纳", en: "social insurance paid" },
  dispatchAssigned: { zh: "派遣约定计入", en: "dispatch assigned by agreement" },
  employeeStatus: { zh: "员工状态", en: "employee status" },
  month: { zh: "月份", en: "month" },
  certificateNo: { zh: "残疾人证号", en: "disability certificate no." },
  certificateType: { zh: "证件类型", en: "certificate type" },
  disabilityGrade: { zh: "残疾等级", en: "disability grade" },
  disabilityCategory: { zh: "残疾类别", en: "disability category" },
  certified: { zh: "残联认定", en: "certified by the DPF" },
  certValidUntil: { zh: "证件有效期至", en: "certificate valid until" },
  monthlyWage: { zh: "月工资", en: "monthly wage" },
  countedAs: { zh: "按几人计算", en: "counted as" },
  monthStart: { zh: "月初人数", en: "start-of-month count" },
  monthEnd: { zh: "月末人数", en: "end-of-month count" },
  monthCount: { zh: "月人数", en: "monthly count" },
  pay: { zh: "工资项目", en: "pay item" },
};

/** Every field id, for validating mappings. */
export const FIELD_IDS = Object.keys(FIELD_LABELS) as FieldId[];
export const PAY_CATEGORY_IDS = Object.keys(PAY_CATEGORIES) as PayCategory[];

/** A recognised column meaning. */
export interface ColumnMeaning {
  field: FieldId;
  /** Only for field "pay". */
  category?: PayCategory;
  /** A pay column of one month in a payroll laid out with month columns ("3月应发"): 1–12. */
  month?: number;
}

export function meaningLabel(m: ColumnMeaning): Bilingual {
  if (m.field === "pay" && m.category) return PAY_CATEGORIES[m.category].label;
  return FIELD_LABELS[m.field];
}

/** "employmentType" or "pay:bonus" — the id a report shows and a mapping accepts. */
export function meaningId(m: ColumnMeaning): string {
  return m.field === "pay" && m.category ? `pay:${m.category}` : m.field;
}
