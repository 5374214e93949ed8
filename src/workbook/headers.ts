/**
 * The header dictionary: Chinese and English column names → field ids and pay categories.
 *
 * Recognition runs in three steps on the normalised header (NFKC, lower case, no spaces, brackets unified):
 *   1. exact aliases (also after removing bracketed notes such as "（元）" or "(yyyy-mm-dd)");
 *   2. ordered "contains" rules for the few non-pay fields whose names vary most (身份证…, 入职…日期, 残疾…证号);
 *   3. pay rules, only for headers that contain a pay word (工资, 奖, 补贴, 费, pay, …), so that "岗位" (a job title)
 *      is never taken for "岗位工资". Non-wage rules run before wage rules because "冬季取暖补贴" and "独生子女费"
 *      contain wage-like words but are excluded by 第十一条.
 * Lookups use Map, never a plain object, so a header named "__proto__" or "constructor" is just an unknown header.
 */
import type { ColumnMeaning, FieldId, PayCategory } from "./fields";
import { nfkc } from "./text";

/** Exact aliases per field (any case, spacing and bracket style). */
const FIELD_ALIASES: ReadonlyArray<[FieldId, readonly string[]]> = [
  ["employeeId", ["工号", "员工编号", "职工编号", "员工号", "人员编号", "编号", "员工工号", "职工号", "员工代码", "员工编码", "人员编码", "职工编码", "Employee ID", "Employee No", "Employee Number", "Staff ID", "Staff No", "Emp ID", "EmpID", "Emp No"]],
  ["name", ["姓名", "员工姓名", "职工姓名", "人员姓名", "名字", "姓名(中文)", "Name", "Employee Name", "Full Name", "Staff Name"]],
  ["idNumber", ["身份证号", "身份证号码", "证件号码", "证件号", "身份证", "公民身份号码", "身份证件号码", "居民身份证号码", "ID number", "ID No", "ID card", "ID card number", "National ID", "Resident ID", "Identity number"]],
  ["sex", ["性别", "Sex", "Gender"]],
  ["birthDate", ["出生日期", "出生年月日", "生日", "Birth date", "Date of birth", "DOB"]],
  ["employmentType", ["用工形式", "用工性质", "员工类型", "人员类别", "用工类别", "用工类型", "员工类别", "人员类型", "职工类别", "用工方式", "雇佣类型", "人员性质", "员工性质", "岗位性质", "合同类型", "用工合同类型", "劳动合同类型", "Employment type", "Employment category", "Worker type", "Staff type", "Staff category", "Contract type"]],
  ["hireDate", ["入职日期", "入职时间", "到岗日期", "入司日期", "聘用日期", "报到日期", "入职日", "雇佣日期", "Hire date", "Date of hire", "Start date", "Joining date", "Date joined", "Employment start"]],
  ["leaveDate", ["离职日期", "离职时间", "离岗日期", "解除日期", "离职日", "退出日期", "最后工作日", "最后工作日期", "减员日期", "减员时间", "合同解除日期", "解除合同日期", "劳动合同解除日期", "离职生效日期", "Leave date", "Leaving date", "Date of leaving", "Termination date", "End date", "Employment end"]],
  ["contractStart", ["合同开始", "合同开始日期", "合同起始日期", "合同起始", "合同起始日", "合同生效日期", "合同起", "劳动合同开始日期", "劳动合同起始日期", "Contract start", "Contract start date"]],
  ["contractEnd", ["合同结束", "合同结束日期", "合同终止日期", "合同终止", "合同到期日", "合同到期日期", "合同截止日期", "合同止", "劳动合同结束日期", "劳动合同终止日期", "Contract end", "Contract end date", "Contract expiry"]],
  ["contractTerm", ["合同期限", "合同期限(月)", "合同期限(年)", "合同期", "合同年限", "合同期限月", "合同期限年", "Contract term", "Contract length", "Contract months", "Contract years", "Contract term (months)", "Contract term (years)"]],
  ["socialInsurance", ["社保缴纳", "社保", "是否缴纳社保", "社会保险", "社保缴纳情况", "参保", "是否参保", "缴纳社保", "社保状态", "参保状态", "是否缴纳社会保险", "社会保险缴纳", "Social insurance", "Social insurance paid", "SI paid"]],
  ["dispatchAssigned", ["派遣约定计入", "约定计入", "协议约定计入", "计入本单位", "派遣协议约定计入", "Assigned by agreement", "Dispatch assigned"]],
  ["employeeStatus", ["员工状态", "在职状态", "人员状态", "任职状态", "雇佣状态", "在职情况", "状态", "Employee status", "Employment status", "Status"]],
  ["month", ["月份", "工资月份", "所属月份", "发放月份", "月", "年月", "工资所属期", "所属期", "期间", "工资期间", "统计月份", "发薪月份", "薪资期间", "薪酬期间", "算薪周期", "计薪周期", "薪资周期", "薪资所属月份", "薪资所属期", "薪资月份", "薪酬月份", "计薪月份", "算薪月份", "工资所属月份", "发放期间", "所属期间", "核算期间", "核算月份", "Month", "Period", "Pay month", "Pay period"]],
  ["certificateNo", ["残疾人证号", "残疾证号", "残疾人证号码", "残疾证号码", "残疾人证编号", "残疾证编号", "残疾证", "残疾人证", "残疾军人证号", "证书编号", "Disability certificate no", "Disability certificate number", "Disability certificate", "Disability card no", "Certificate no", "Certificate number"]],
  ["certificateType", ["证件类型", "证件种类", "残疾证类型", "证书类型", "Certificate type"]],
  ["disabilityGrade", ["残疾等级", "等级", "残疾级别", "伤残等级", "Grade", "Disability grade", "Disability level"]],
  ["disabilityCategory", ["残疾类别", "残疾类型", "Disability category", "Disability type"]],
  ["certified", ["残联认定", "认定状态", "是否认定", "残联审核", "审核认定", "认定结果", "联网认证", "残联认证", "是否残联认定", "已认定", "认定", "Certified", "Certification", "DPF certified", "Certified by DPF"]],
  ["certValidUntil", ["有效期至", "证件有效期", "有效期", "有效期截止", "证件有效期至", "有效期截止日期", "Valid until", "Expiry date", "Expiry"]],
  ["monthlyWage", ["月工资", "月平均工资", "月均工资", "每月工资", "月薪", "Monthly wage", "Monthly salary", "Monthly pay"]],
  ["countedAs", ["按几人计算", "计算人数", "折算人数", "计入人数", "按人数计算", "计数", "Counted as", "Weight", "Count as"]],
  ["monthStart", ["月初人数", "期初人数", "月初在职人数", "月初", "Start of month", "Start-of-month count", "Opening headcount", "Opening"]],
  ["monthEnd", ["月末人数", "期末人数", "月末在职人数", "月末", "End of month", "End-of-month count", "Closing headcount", "Closing"]],
  ["monthCount", ["人数", "在职人数", "月平均人数", "平均人数", "当月人数", "月人数", "在职职工人数(月)", "Headcount", "Monthly headcount", "Count", "Staff count"]],
];

/** Exact pay headers, including every one the firm template writes. */
const PAY_ALIASES: ReadonlyArray<[PayCategory, readonly string[]]> = [
  ["timeWage", ["基本工资", "计时工资", "岗位工资", "薪级工资", "职务工资", "基础工资", "技能工资", "工龄工资", "工资", "底薪", "标准工资", "Basic pay", "Base pay", "Basic salary", "Base salary", "Salary", "Wage", "Time wages"]],
  ["pieceWage", ["计件工资", "提成", "销售提成", "佣金", "Piece wages", "Piece rate", "Commission"]],
  ["bonus", ["奖金", "绩效", "绩效奖", "绩效奖金", "年终奖", "季度奖", "绩效工资", "全勤奖", "月度奖金", "年终奖金", "十三薪", "Bonus", "Performance bonus", "Year-end bonus", "Annual bonus", "Quarterly bonus"]],
  ["allowance", ["津贴", "补贴", "津贴补贴", "津补贴", "岗位津贴", "交通补贴", "通讯补贴", "餐补", "伙食补贴", "住房补贴", "高温津贴", "Allowance", "Allowances", "Subsidy", "Subsidies"]],
  ["overtime", ["加班工资", "加班费", "加点工资", "Overtime", "Overtime pay"]],
  ["specialPay", ["特殊情况工资", "特殊情况下支付的工资", "病假工资", "产假工资", "婚丧假工资", "事假工资", "探亲假工资", "工伤期间工资", "Sick pay", "Maternity pay", "Special pay", "Leave pay"]],
  ["stateAward", ["发明奖", "科技进步奖", "自然科学奖", "合理化建议奖", "技术改进奖"]],
  ["welfare", ["福利费", "职工福利费", "防暑降温费", "取暖费", "冬季取暖补贴", "托儿补助", "生活困难补助", "丧葬费", "抚恤费", "探亲路费", "Welfare", "Staff welfare"]],
  ["oneChild", ["独生子女费", "独生子女补贴", "独生子女奖励", "One-child allowance"]],
  ["retireeCost", ["离退休费", "退休费", "离休费", "退职费", "退休金", "Retiree costs", "Pension"]],
  ["labourProtection", ["劳动保护费", "劳保费", "劳保用品", "工作服", "Labour protection", "Protective equipment"]],
  ["authorFees", ["稿费", "讲课费", "稿酬", "Author fees", "Lecture fees", "Royalties"]],
  ["travelMeal", ["出差伙食补助", "误餐补助", "误餐费", "差旅补助", "出差补助", "Travel meal allowance", "Missed-meal allowance", "Meal allowance (travel)"]],
  ["severance", ["经济补偿金", "经济补偿", "解除劳动合同补偿金", "离职补偿", "补偿金", "Severance", "Severance pay", "Economic compensation"]],
  ["dividend", ["股息", "分红", "利息", "Dividends", "Interest"]],
  ["labourFees", ["劳务费", "外包费", "Labour fees", "Contracting fees"]],
  ["studentSubsidy", ["实习补贴", "实习生补贴", "学生补贴", "Student subsidy", "Intern subsidy"]],
  ["employerContribution", ["单位缴纳社保", "单位社保", "单位公积金", "单位缴纳公积金", "单位缴纳社保公积金", "单位部分社保", "企业缴纳社保", "公司缴纳社保", "单位养老保险", "单位医疗保险", "Employer social insurance", "Employer contributions", "Employer housing fund"]],
  ["grossPay", ["应发工资", "应发合计", "应发", "应发金额", "工资合计", "工资总额", "税前工资", "应发工资合计", "全年工资", "年工资", "年度工资", "全年工资总额", "全年应发", "合计", "Gross pay", "Total pay", "Gross", "Gross wage", "Gross salary", "Annual pay", "Annual wage", "Annual salary", "Total"]],
  ["netPay", ["实发工资", "实发", "实发金额", "实发合计", "Net pay", "Take-home pay", "Net"]],
  ["socialInsuranceBase", ["社保缴费基数", "缴费基数", "社会保险缴费基数", "社保基数", "社会保险基数", "社保缴费工资基数", "月缴费基数", "Social insurance base", "Contribution base", "SI base", "Social insurance contribution base"]],
  ["deduction", ["个人社保", "个人缴纳社保", "个人公积金", "个人所得税", "个税", "代扣个税", "代扣社保", "扣款", "个人养老保险", "个人医疗保险", "Employee social insurance", "Income tax", "IIT", "Deductions"]],
];

/** Contains-rules for non-pay fields, tried in order after the exact lookup fails. */
const FIELD_RULES: ReadonlyArray<[RegExp, FieldId]> = [
  [/残疾(人)?证.*(号|编号)|disabilitycert/, "certificateNo"],
  [/身份证|证件号|idnumber|idcard|nationalid/, "idNumber"],
  [/(入职|到岗|入司|hire).*(日期|时间|日|date)/, "hireDate"],
  [/(离职|离岗|解除劳动|解除合同|合同解除|减员|最后(工作|上班|出勤)|leav|terminat).*(日期|时间|日|date)/, "leaveDate"],
  [/合同.*(开始|起始|生效)/, "contractStart"],
  [/合同.*(结束|终止|到期|截止)/, "contractEnd"],
  [/合同.*期限|合同期/, "contractTerm"],
  [/用工(形式|性质|类别|类型|方式)|员工(类型|类别|性质)|人员(类别|类型|性质)|employmenttype/, "employmentType"],
  [/残联.*(认定|认证|审核)|是否认定|认定(状态|结果|情况)/, "certified"],
  [/(社保|社会保险|参保)/, "socialInsurance"],
  [/残疾(等级|级别)/, "disabilityGrade"],
  [/残疾(类别|类型)/, "disabilityCategory"],
  [/有效期/, "certValidUntil"],
  [/月初/, "monthStart"],
  [/月末/, "monthEnd"],
];

/** A header must contain one of these before the pay rules may claim it. */
const PAY_WORD = /基数|工资|薪|奖|津贴|补贴|补助|费|金|加班|提成|佣金|社保|公积金|保险|年金|应发|实发|应付|实付|收入|合计|扣|税|分红|股息|pay|wage|salary|bonus|allowance|fee|overtime|commission|contribution|insurancebase|sibase|subsid|welfare|severance|pension|meal|royalt|deduct|gross|tax/;

/**
 * Pay rules in priority order: the contribution base (a "base", not an amount paid: before the deduction and employer
 * rules, which would take "个人缴费基数" or "单位社保缴费基数"), totals and deductions, the 第十一条 items, then the
 * wage components. A housing-fund base (公积金缴费基数) is not a social-insurance base and is left unrecognised.
 */
const PAY_RULES: ReadonlyArray<[RegExp, PayCategory | null]> = [
  [/公积金.*基数|housingfund.*base/, null],
  [/(社保|社会保险|保险|缴费|参保|养老|医疗).*基数|^基数$|(社保|社会保险|保险|养老)?缴费工资|(socialinsurance|insurance|contribution|^si)base/, "socialInsuranceBase"],
  // Rates and standards beside the pay (工资标准, 月薪标准, 定薪, 合同工资, 上年月平均工资, 计税基数): what a person is
  // entitled to or assessed on, not what the period paid. "标准工资" (an old name for basic pay) is an exact alias.
  [/标准(?!工资$)|定薪|定级工资|(合同|约定|协议|档案)(工资|薪)|月薪|日薪|时薪|平均工资|月平均|月均|基数|计税|薪点|薪酬带宽|ratestandard|payrate|salaryrate|paygrade|contractsalary/, "payRate"],
  // Absence deductions reduce gross pay (应发 = components − these); withholdings (个人社保, 个税) sit inside it.
  [/(考勤|缺勤|请假|事假|病假|旷工|迟到|早退|缺卡|出勤).*(扣)|扣(考勤|缺勤|事假|病假|旷工)|absence.*deduct|attendance.*deduct/, "attendanceDeduction"],
  [/个人(缴纳|承担|部分)?.*(社保|社会保险|养老|医疗|失业|公积金)|代扣|个税|个人所得税|扣款|扣除|应扣|employee.*(contribution|insurance)|incometax|deduct/, "deduction"],
  [/(单位|企业|公司|雇主)(缴纳|承担|部分)?.*(社保|社会保险|养老|医疗|失业|工伤|生育|公积金|年金)|employer/, "employerContribution"],
  [/实发|实付|实领|实得|到手|税后|净工资|工资卡|银行卡金额|代发|银行发放|银行代付|打卡|netpay|takehome|aftertax|bankpayout/, "netPay"],
  // Only a header that *starts* as a total ("应发…", "工资合计") is a total: "奖金合计" is a bonus column.
  [/^(应发|应付工资|工资合计|工资总额|税前|全年(工资|应发|收入)|年度工资|年工资|合计|总计|本期收入|当月收入|收入额|收入合计)|^gross|^total|^annual(pay|wage|salary)|^pretax/, "grossPay"],
  [/独生子女|计划生育/, "oneChild"],
  [/出差伙食|误餐|差旅|出差补助|安家费|调动.*旅费|travel/, "travelMeal"],
  [/经济补偿|补偿金|离职补偿|解除.*补偿|辞退|遣散|severance|compensation/, "severance"],
  [/离退休|退休费|离休|退职|退休金|pension|retire/, "retireeCost"],
  [/劳动保护|劳保|工作服|防护用品|清凉饮料|protect/, "labourProtection"],
  [/发明奖|科技进步奖|自然科学奖|合理化建议|技术改进奖/, "stateAward"],
  [/实习(生)?(补贴|津贴|补助)|学生补贴|student|intern/, "studentSubsidy"],
  [/福利|防暑降温|取暖|托儿|生活困难|困难补助|丧葬|抚恤|探亲路费|welfare/, "welfare"],
  [/稿费|讲课费|稿酬|审稿费|翻译费|royalt|lecture/, "authorFees"],
  [/股息|分红|利息|红利|dividend|interest/, "dividend"],
  [/劳务费|外包费|承包费/, "labourFees"],
  [/加班|加点|overtime/, "overtime"],
  [/特殊情况|病假|产假|工伤期间|婚假|丧假|事假|探亲假|年休假|带薪假|停工|附加工资|保留工资|sick|maternity|leave/, "specialPay"],
  [/计件|提成|佣金|piece|commission/, "pieceWage"],
  [/奖|绩效|年终|十三薪|13薪|双薪|bonus|incentive|performance/, "bonus"],
  [/津贴|补贴|补助|夜班|值班|轮班|倒班|高温|岗位费|allowance|subsid|shift/, "allowance"],
  [/工资|薪|底薪|basic|base|salary|wage|pay/, "timeWage"],
];

/** Normalised header text: NFKC, lower case, no spaces/underscores/dots/asterisks/colons, brackets unified to (). */
export function normaliseHeader(text: string): string {
  return nfkc(text)
    .toLowerCase()
    .replace(/[（【\[{]/g, "(")
    .replace(/[）】\]}]/g, ")")
    .replace(/[\s_.\-*＊:：#/\\'"“”‘’]+/g, "");
}

/** The header without bracketed notes: "入职日期(yyyy-mm-dd)" → "入职日期". */
function withoutNotes(normalised: string): string {
  return normalised.replace(/\([^)]*\)/g, "");
}

const EXACT = new Map<string, ColumnMeaning>();
for (const [field, aliases] of FIELD_ALIASES) for (const a of aliases) if (!EXACT.has(normaliseHeader(a))) EXACT.set(normaliseHeader(a), { field });
for (const [category, aliases] of PAY_ALIASES) for (const a of aliases) if (!EXACT.has(normaliseHeader(a))) EXACT.set(normaliseHeader(a), { field: "pay", category });

/** Every exact alias, for the catalogue and for tests. */
export function headerAliases(): Array<{ alias: string; meaning: ColumnMeaning }> {
  const out: Array<{ alias: string; meaning: ColumnMeaning }> = [];
  for (const [field, aliases] of FIELD_ALIASES) for (const alias of aliases) out.push({ alias, meaning: { field } });
  for (const [category, aliases] of PAY_ALIASES) for (const alias of aliases) out.push({ alias, meaning: { field: "pay", category } });
  return out;
}

const cache = new Map<string, ColumnMeaning | null>();

/** What a header cell means, or null when it is not recognised. */
export function recogniseHeader(text: string): ColumnMeaning | null {
  if (text.length > 80) return null; // a title or a note, not a header
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const result = recogniseUncached(text);
  if (cache.size < 10_000) cache.set(text, result);
  return result;
}

/** Pay categories whose column is an amount of the period in a gross sense (a component or a total). */
function isPeriodAmount(m: ColumnMeaning | null): boolean {
  if (!m || m.field !== "pay" || !m.category) return false;
  const c = m.category;
  return c === "grossPay" || c === "netPay" || c === "timeWage" || c === "pieceWage" || c === "bonus" || c === "allowance" || c === "overtime" || c === "specialPay";
}

/**
 * Headers whose qualifier decides what they are, whatever the rest says: 其中… (a breakdown of another column),
 * 上月应发 / 去年同期应发 / 应发工资（上月） (another period's gross), 预算工资 / 计划工资 (a budget), and 本月应发 /
 * 当月应发 / 调整后应发 / 实际应发 (the rest's meaning). 上年/去年 alone are not "another period": 上年工资总额 is the levy's
 * own figure (form column 4). undefined when no qualifier applies.
 */
function qualified(full: string): ColumnMeaning | null | undefined {
  const bare = withoutNotes(full) || full;
  if (/^其中/.test(bare) && bare.length > 2) {
    const m = recogniseUncached(bare.slice(2));
    if (m && m.field === "pay") return { field: "pay", category: "payBreakdown" };
  }
  const other = /^(上个?月|上期|去年同期|上年同期|同期|预算|计划(?!生育)|预计|测算|目标)(.+)$/.exec(bare);
  if (other) {
    const m = recogniseUncached(other[2]);
    const plan = /预算|计划|预计|测算|目标/.test(other[1]);
    if ((plan && (isPeriodAmount(m) || m?.field === "monthlyWage")) || (m?.field === "pay" && (m.category === "grossPay" || m.category === "netPay"))) return { field: "pay", category: "payOtherPeriod" };
  }
  const notes = [...full.matchAll(/\(([^)]*)\)/g)].map((x) => x[1]).join(" ");
  if (notes && /上个?月|上期|同期|预算|计划|预计|测算/.test(notes) && isPeriodAmount(recogniseUncached(bare))) return { field: "pay", category: "payOtherPeriod" };
  const current = /^(本月|当月|本期|本次|调整后|更正后|修正后|修订后|调整前|更正前|修正前|修订前|实际)(.+)$/.exec(bare);
  if (current) {
    const m = recogniseUncached(current[2]);
    if (m && m.field === "pay") return m;
  }
  return undefined;
}

/**
 * Counts that sit in payrolls, named with pay words (计薪天数, 薪级, 薪资档位, 加班小时) or not (出勤天数, 绩效系数,
 * 工龄): not amounts. Anchored at the end, so 薪级工资 and 工龄工资 stay pay.
 */
const COUNT = /(天数|日数|小时数?|工时|时数|时长|次数|系数|档位|档次|职级|薪级|星级)$|(薪资|薪酬|工资)(等级|级别)$|^(工龄|司龄)(年限|\(年\))?$/;

function recogniseUncached(text: string): ColumnMeaning | null {
  const full = normaliseHeader(text);
  if (full === "") return null;
  const q = qualified(full);
  if (q !== undefined) return q;
  const exact = EXACT.get(full) ?? EXACT.get(withoutNotes(full));
  if (exact) return exact;
  const bare = withoutNotes(full) || full;
  // "应发项目", "扣除项目": group titles over two-row headers, not columns.
  if (/项目$|类$|^items?$/.test(bare)) return null;
  if (COUNT.test(bare)) return { field: "pay", category: "payCount" };
  // HR exports' pay-period columns (发薪月份, 薪资所属月份, 算薪周期) name the row's month, not an amount.
  if (/^(.*(薪|工资|发放|核算|结算|所属|统计))?(月份|期间|周期|所属期|所属月)$/.test(bare) && !/(应发|实发|金额|合计|额|奖|费|补贴|津贴|证)/.test(bare)) return { field: "month" };
  if (PAY_WORD.test(bare)) {
    // Social-insurance yes/no columns mention 社保 but are not amounts; the amount columns say 单位/个人/基数/金额.
    if (/(社保|社会保险|参保)/.test(bare) && !/(单位|企业|公司|个人|基数|金额|费|额|employer|employee)/.test(bare)) return { field: "socialInsurance" };
    // A status, date or note about the pay (工资条发送状态, 发薪日期, 工资发放方式) is not an amount.
    if (/(状态|日期|时间|方式|说明|备注|标志|标识|开户行|银行|账号|账户)$/.test(bare)) return null;
    for (const [re, category] of PAY_RULES) if (re.test(bare)) return category ? { field: "pay", category } : null;
  }
  for (const [re, field] of FIELD_RULES) if (re.test(bare)) return { field };
  return null;
}
