/**
 * Header recognition: every variant named in issue 3 §1, every header the firm template writes, English headers,
 * width/spacing/bracket variants, and hostile names (__proto__, constructor).
 */
import { describe, expect, it } from "vitest";
import { meaningId } from "../../src/workbook/fields";
import { recogniseHeader } from "../../src/workbook/headers";
import { TEMPLATE_DISABLED_HEADERS, TEMPLATE_MONTHLY_HEADERS, TEMPLATE_PAYROLL_HEADERS, TEMPLATE_ROSTER_HEADERS } from "../../src/workbook/template-layout";

const id = (h: string) => {
  const m = recogniseHeader(h);
  return m ? meaningId(m) : null;
};

describe("issue 3 §1 header variants", () => {
  const cases: Array<[string, string]> = [
    ["工号", "employeeId"],
    ["员工编号", "employeeId"],
    ["Employee ID", "employeeId"],
    ["姓名", "name"],
    ["Name", "name"],
    ["身份证号", "idNumber"],
    ["身份证号码", "idNumber"],
    ["证件号码", "idNumber"],
    ["ID number", "idNumber"],
    ["用工形式", "employmentType"],
    ["用工性质", "employmentType"],
    ["员工类型", "employmentType"],
    ["人员类别", "employmentType"],
    ["Employment type", "employmentType"],
    ["入职日期", "hireDate"],
    ["Hire date", "hireDate"],
    ["离职日期", "leaveDate"],
    ["Leave date", "leaveDate"],
    ["合同开始", "contractStart"],
    ["合同起始日期", "contractStart"],
    ["合同结束", "contractEnd"],
    ["合同终止日期", "contractEnd"],
    ["合同期限(月)", "contractTerm"],
    ["合同期限(年)", "contractTerm"],
    ["残疾人证号", "certificateNo"],
    ["残疾证号", "certificateNo"],
    ["Disability certificate no.", "certificateNo"],
    ["残联认定", "certified"],
    ["认定状态", "certified"],
    ["是否认定", "certified"],
    ["社保缴纳", "socialInsurance"],
    ["Social insurance", "socialInsurance"],
    ["月份", "month"],
    ["Month", "month"],
    ["基本工资", "pay:timeWage"],
    ["计时工资", "pay:timeWage"],
    ["岗位工资", "pay:timeWage"],
    ["计件工资", "pay:pieceWage"],
    ["奖金", "pay:bonus"],
    ["绩效奖金", "pay:bonus"],
    ["年终奖", "pay:bonus"],
    ["季度奖", "pay:bonus"],
    ["津贴", "pay:allowance"],
    ["补贴", "pay:allowance"],
    ["津贴补贴", "pay:allowance"],
    ["加班工资", "pay:overtime"],
    ["加班费", "pay:overtime"],
    ["特殊情况工资", "pay:specialPay"],
    ["病假工资", "pay:specialPay"],
    ["产假工资", "pay:specialPay"],
    ["福利费", "pay:welfare"],
    ["独生子女费", "pay:oneChild"],
    ["出差伙食补助", "pay:travelMeal"],
    ["误餐补助", "pay:travelMeal"],
    ["经济补偿金", "pay:severance"],
    ["离退休费", "pay:retireeCost"],
    ["劳动保护费", "pay:labourProtection"],
    ["单位缴纳社保", "pay:employerContribution"],
    ["单位公积金", "pay:employerContribution"],
    ["稿费", "pay:authorFees"],
    ["讲课费", "pay:authorFees"],
  ];
  it.each(cases)("%s → %s", (header, expected) => {
    expect(id(header)).toBe(expected);
  });
});

describe("the firm template's headers", () => {
  it("recognises every roster, payroll, register and monthly header", () => {
    for (const h of [...TEMPLATE_ROSTER_HEADERS, ...TEMPLATE_PAYROLL_HEADERS, ...TEMPLATE_DISABLED_HEADERS, ...TEMPLATE_MONTHLY_HEADERS]) {
      expect(recogniseHeader(h), h).not.toBeNull();
    }
  });
  it("maps the template payroll's pay columns to the right categories", () => {
    expect(TEMPLATE_PAYROLL_HEADERS.map(id)).toEqual([
      "employeeId",
      "name",
      "month",
      "pay:timeWage",
      "pay:pieceWage",
      "pay:bonus",
      "pay:bonus",
      "pay:allowance",
      "pay:overtime",
      "pay:specialPay",
      "pay:welfare",
      "pay:oneChild",
      "pay:travelMeal",
      "pay:severance",
      "pay:employerContribution",
    ]);
  });
  it("reads the register's 月工资 as the monthly wage and 月初/月末人数 as counts", () => {
    expect(id("月工资")).toBe("monthlyWage");
    expect(id("月初人数")).toBe("monthStart");
    expect(id("月末人数")).toBe("monthEnd");
  });
});

describe("tolerance and priorities", () => {
  it("ignores width, spacing, case, asterisks and bracketed notes", () => {
    expect(id("　工　号　")).toBe("employeeId");
    expect(id("*入职日期(yyyy-mm-dd)")).toBe("hireDate");
    expect(id("ＥＭＰＬＯＹＥＥ ＩＤ")).toBe("employeeId");
    expect(id("基本工资（元）")).toBe("pay:timeWage");
    expect(id("HIRE_DATE")).toBe("hireDate");
  });
  it("classifies non-wage items before wage-like words", () => {
    expect(id("冬季取暖补贴")).toBe("pay:welfare");
    expect(id("独生子女补贴")).toBe("pay:oneChild");
    expect(id("防暑降温费")).toBe("pay:welfare");
    expect(id("个人缴纳养老保险")).toBe("pay:deduction");
    expect(id("单位缴纳医疗保险")).toBe("pay:employerContribution");
    expect(id("奖金合计")).toBe("pay:bonus");
    expect(id("应发工资")).toBe("pay:grossPay");
    expect(id("实发工资")).toBe("pay:netPay");
    expect(id("交通补贴")).toBe("pay:allowance");
  });
  it("does not take a job title for pay or a yes/no column for an amount", () => {
    expect(id("岗位")).toBeNull();
    expect(id("部门")).toBeNull();
    expect(id("是否缴纳社会保险")).toBe("socialInsurance");
  });
  it("treats hostile or odd names as unknown", () => {
    expect(recogniseHeader("__proto__")).toBeNull();
    expect(recogniseHeader("constructor")).toBeNull();
    expect(recogniseHeader("toString")).toBeNull();
    expect(recogniseHeader("hasOwnProperty")).toBeNull();
    expect(recogniseHeader("x".repeat(200))).toBeNull();
  });
});

describe("social-insurance contribution base (社保缴费基数): a base, neither pay nor the yes/no column", () => {
  it("recognises the base headers", () => {
    for (const h of ["社保缴费基数", "缴费基数", "社会保险缴费基数", "社保基数", "Social insurance base", "Contribution base", "社保缴费基数（元）", "缴 费 基 数", "养老保险缴费基数", "个人缴费基数", "单位社保缴费基数", "SI base"]) {
      expect(id(h), h).toBe("pay:socialInsuranceBase");
    }
  });
  it("does not take the deduction, employer-contribution or yes/no columns for a base, nor a base for them", () => {
    const cases: Array<[string, string | null]> = [
      ["个人社保", "pay:deduction"],
      ["个人缴纳社保", "pay:deduction"],
      ["Employee social insurance", "pay:deduction"],
      ["单位缴纳社保", "pay:employerContribution"],
      ["单位社保", "pay:employerContribution"],
      ["Employer social insurance", "pay:employerContribution"],
      ["社保缴纳", "socialInsurance"],
      ["社保", "socialInsurance"],
      ["是否缴纳社会保险", "socialInsurance"],
      ["Social insurance", "socialInsurance"],
      // A housing-fund base is not a social-insurance base, and "Base pay" is still pay.
      ["公积金缴费基数", null],
      ["Base pay", "pay:timeWage"],
    ];
    for (const [h, want] of cases) expect(id(h), h).toBe(want);
  });
});
