/**
 * Form columns 4–12 as the columns of a summary sheet: one definition for the working paper's 汇总 sheet and the
 * batch summary (GROUP.xlsx), so the two always label and format the form's columns alike.
 */
export const MONEY_FORMAT = "#,##0.00";

export const FORM_SUMMARY_COLUMNS: ReadonlyArray<{ header: string; width: number; format: string }> = [
  { header: "4 工资总额 Wage total", width: 16, format: MONEY_FORMAT },
  { header: "5 在职职工人数 Headcount", width: 12, format: "#,##0.00" },
  { header: "6 比例 Quota ratio", width: 10, format: "0.00%" },
  { header: "7 残疾人数 Certified disabled", width: 12, format: "#,##0.00" },
  { header: "8 年平均工资 Average wage", width: 14, format: MONEY_FORMAT },
  { header: "9 应纳费额 Gross", width: 14, format: MONEY_FORMAT },
  { header: "10 减免 Reduction", width: 14, format: MONEY_FORMAT },
  { header: "11 已缴 Paid", width: 12, format: MONEY_FORMAT },
  { header: "12 应补（退）Payable", width: 14, format: MONEY_FORMAT },
];
