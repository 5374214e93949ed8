/**
 * The firm template's canonical layout: sheet names and header texts. `levy template` writes exactly these, and the
 * header recogniser must recognise every one of them (a test checks that), so a generated template is understood
 * out of the box. User-made workbooks are recognised by the wider header dictionary, not by these names.
 */

export const TEMPLATE_SHEETS = {
  parameters: "参数",
  roster: "花名册",
  payroll: "工资表",
  disabled: "残疾职工",
  monthlyHeadcount: "月度人数",
  declaration: "申报表",
} as const;

/** Parameter block rows (name in column A, value in column B, note in C). Names are settings names (core/settings). */
export const TEMPLATE_PARAMETER_ROWS: ReadonlyArray<{ name: string; note: string }> = [
  { name: "单位名称", note: "用人单位名称 Employer name" },
  { name: "统一社会信用代码", note: "18位 USCC" },
  { name: "地区", note: "如 CN-JS、江苏、南京市 Region" },
  { name: "申报年度", note: "申报年度Y使用Y−1年数据 Filing year" },
  { name: "单位类型", note: "企业/机关/事业单位/社会团体/民办非企业 Entity type" },
  { name: "社会平均工资", note: "当地上年度社会平均工资（年）Social average wage" },
  { name: "最低工资", note: "当地月最低工资标准 Monthly minimum wage" },
  { name: "征收比例", note: "江苏等地的征收比例，留空按规则库 Local collection rate" },
  { name: "已缴", note: "本期已缴费额 Already paid" },
  { name: "登记注册日期", note: "年内新设单位填写 Registration date" },
];

export const TEMPLATE_ROSTER_HEADERS = ["工号", "姓名", "身份证号", "用工形式", "入职日期", "离职日期", "合同开始日期", "合同结束日期", "社保缴纳"] as const;

/** Employment-type values offered by the template's data validation list. */
export const TEMPLATE_EMPLOYMENT_TYPES = ["全日制", "在编", "季节工", "实习", "非全日制", "退休返聘", "劳务派遣", "劳务派遣(约定计入)", "劳务"] as const;

/** One row per person per month. Wage components first, then non-wage items. */
export const TEMPLATE_PAYROLL_HEADERS = [
  "工号",
  "姓名",
  "月份",
  "基本工资",
  "计件工资",
  "绩效奖金",
  "年终奖",
  "津贴补贴",
  "加班工资",
  "特殊情况工资",
  "福利费",
  "独生子女费",
  "误餐补助",
  "经济补偿金",
  "单位缴纳社保",
] as const;

export const TEMPLATE_DISABLED_HEADERS = ["工号", "姓名", "身份证号", "残疾人证号", "残联认定", "合同开始日期", "合同结束日期", "社保缴纳", "月工资"] as const;

export const TEMPLATE_MONTHLY_HEADERS = ["月份", "月初人数", "月末人数"] as const;

export const TEMPLATE_YES_NO = ["是", "否"] as const;
