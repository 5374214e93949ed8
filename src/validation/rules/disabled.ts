/**
 * Disabled-employee rules (rules file §2.2): each condition a person fails is its own code, so the pane can group
 * "not certified" apart from "no social insurance".
 *
 * Severity: error when the workbook counts the person anyway (its 按几人计算 column says so, or the declared column 7
 * exceeds the certified count), because the declaration then claims people the 残联 will not confirm; otherwise a
 * warning (the person is correctly left out, but most conditions can be fixed, which lowers the levy) — information
 * only for age, which cannot be fixed. `amount` is the change in the payable amount the person(s) make.
 */
import { Decimal, ZERO, display2, moneyDisplay } from "../../core/decimal";
import type { Bilingual } from "../../core/rules/types";
import { cellAddress } from "../../workbook/address";
import type { DisabledEntry } from "../../workbook/disabled";
import type { CellRef } from "../../workbook/types";
import { rule } from "../context";
import type { RuleContext, RuleModule } from "../context";
import { counted, listPeople, makeFinding, worst } from "../finding";
import type { Finding, RuleInfo, Severity } from "../types";

const S7 = "财税〔2015〕72号 第七条";

export const DS_RULES: Record<string, RuleInfo> = {
  DS_UNCERTIFIED: rule(
    "DS_UNCERTIFIED",
    "error",
    { zh: "未经残联认定", en: "Not certified by the DPF" },
    {
      zh: "只有经残疾人就业服务机构审核认定（联网认证）的残疾职工才计入安排人数；未认定的按0计。被计入时为错误，否则为警告（在认定期内申请认定可降低应缴金额）。",
      en: "Only disabled employees certified by the disabled persons' employment service (联网认证) count; uncertified people count 0. An error when the workbook counts them, else a warning (certifying them within the window lowers the levy).",
    },
    `${S7}；苏财综〔2017〕17号（申报审核）`,
  ),
  DS_CERT_INVALID: rule(
    "DS_CERT_INVALID",
    "error",
    { zh: "残疾人证无效", en: "Invalid disability certificate" },
    {
      zh: "第二代残疾人证号为20位（18位身份证号+类别1–7+等级1–4），须通过校验且未过期；残疾军人证须有1–8级。被计入时为错误，否则为警告。",
      en: "A second-generation certificate number has 20 characters (18-character ID + category 1–7 + grade 1–4), must pass its checks and must not have expired; a veteran certificate needs a grade 1–8. An error when the workbook counts the person, else a warning.",
    },
    `${S7}；《中华人民共和国残疾人证》（第二代）证号规则`,
  ),
  DS_CONTRACT_SHORT: rule(
    "DS_CONTRACT_SHORT",
    "error",
    { zh: "残疾职工合同不足一年", en: "Disabled employee's contract under one year" },
    {
      zh: "残疾职工须在编或签订一年以上（含）劳动合同（服务协议）。被计入时为错误，否则为警告（续签一年以上合同即可计入）。",
      en: "A disabled employee must be 在编 or hold a labour contract (service agreement) of at least one year. An error when the workbook counts them, else a warning (a renewal of a year or more makes them count).",
    },
    S7,
  ),
  DS_WAGE_BELOW_MIN: rule(
    "DS_WAGE_BELOW_MIN",
    "error",
    { zh: "残疾职工工资低于最低工资", en: "Disabled employee paid below the minimum wage" },
    {
      zh: "残疾职工的月工资须不低于当地最低工资标准（参数“最低工资”）。被计入时为错误，否则为警告。",
      en: "A disabled employee's monthly wage must be at least the local minimum wage (parameter 最低工资). An error when the workbook counts them, else a warning.",
    },
    S7,
  ),
  DS_NO_SOCIAL_INSURANCE: rule(
    "DS_NO_SOCIAL_INSURANCE",
    "error",
    { zh: "未足额缴纳社保", en: "Social insurance not paid" },
    {
      zh: "单位须为残疾职工足额缴纳社会保险。被计入时为错误，否则为警告。",
      en: "The employer must pay the disabled employee's social insurance in full. An error when the workbook counts them, else a warning.",
    },
    S7,
  ),
  DS_SOCIAL_INSURANCE_UNREAD: rule(
    "DS_SOCIAL_INSURANCE_UNREAD",
    "error",
    { zh: "社保缴纳情况无法识别", en: "Social insurance value not understood" },
    {
      zh: "单位须为残疾职工足额缴纳社会保险。社保列的取值既不是“是”也不是“否”（如“部分缴纳”“断缴3个月”“仅医保”）时无法确认，此人不计入安排人数，并列为错误：请核实后填“是”或“否”。",
      en: "The employer must pay the disabled employee's social insurance in full. When the social-insurance cell is neither yes nor no (e.g. 部分缴纳, 断缴3个月, 仅医保) this cannot be confirmed: the person is not counted, and it is an error until the cell says yes or no.",
    },
    S7,
  ),
  DS_SOCIAL_INSURANCE_UNKNOWN: rule(
    "DS_SOCIAL_INSURANCE_UNKNOWN",
    "error",
    { zh: "社保缴纳情况未填写", en: "Social insurance not recorded" },
    {
      zh: "残疾职工须由本单位足额缴纳社会保险才计入；社保缴纳为空（或没有该列）时无法确认，此人不计入。若此人否则可以计入（改变人数和应缴金额）为错误，并给出计入后的金额差；否则为警告。",
      en: "A disabled employee counts only with social insurance paid in full by this employer; when it is blank (or there is no such column) this cannot be confirmed and the person is not counted. An error when the person would otherwise count (it changes the count and the amount, which the finding gives), else a warning.",
    },
    S7,
  ),
  DS_WAGE_UNCHECKED: rule(
    "DS_WAGE_UNCHECKED",
    "error",
    { zh: "无法核对最低工资", en: "Minimum wage not checkable" },
    {
      zh: "残疾职工工资须不低于当地最低工资标准；参数表没有“最低工资”而月工资低于3,000元（本工具设定的界限，高于规则库所知的各地第一档月最低工资）时无法确认，此人不计入。若此人否则可以计入为错误，并给出计入后的金额差；否则为警告。",
      en: "A disabled employee must be paid at least the local minimum wage; with no 最低工资 in the parameter block and a monthly wage under 3,000 (this tool's bound, above every first-tier monthly minimum the rules data knows of) this cannot be confirmed and the person is not counted. An error when the person would otherwise count (with the amount it changes), else a warning.",
    },
    S7,
  ),
  DS_NOT_IN_ROSTER: rule(
    "DS_NOT_IN_ROSTER",
    "error",
    { zh: "残疾职工不在花名册中", en: "Disabled employee not in the roster" },
    {
      zh: "残疾职工须是本单位在职职工，计入在职职工人数；名册中有而花名册中没有的人不计入安排人数。被计入时为错误，否则为警告（补入花名册并核对后可计入）。",
      en: "A disabled employee must be on the staff and in the headcount; a person in the register but not in the roster does not count. An error when the workbook counts them, else a warning (add them to the roster and check).",
    },
    S7,
  ),
  DS_AGE_OUT_OF_RANGE: rule(
    "DS_AGE_OUT_OF_RANGE",
    "error",
    { zh: "不在就业年龄段", en: "Outside working age" },
    {
      zh: "残疾职工须在数据年度内处于就业年龄段（16周岁至法定退休年龄，2025年起按渐进式延迟退休计算）。被计入时为错误，否则为信息。",
      en: "A disabled employee must be of working age during the data year (16 to the statutory retirement age, with the gradual increase from 2025). An error when the workbook counts them, else info.",
    },
    `${S7}；《劳动法》第十五条；渐进式延迟法定退休年龄办法（2025）`,
  ),
  DS_RETIREMENT_TRACK_UNKNOWN: rule(
    "DS_RETIREMENT_TRACK_UNKNOWN",
    "error",
    { zh: "女职工退休年龄无法确定", en: "Female employee's retirement age unknown" },
    {
      zh: "女职工的法定退休年龄取决于岗位：工人50岁、干部（管理、技术岗位）55岁（2025年起渐进延迟）。按工人已超龄、按干部仍在就业年龄段时，工作簿不能说明是哪一种：暂不计入，并列为错误，写明计入时应缴金额的变化。",
      en: "A woman's statutory retirement age depends on her post: 50 for workers, 55 for cadres (managerial or technical posts), rising gradually from 2025. When she is past the worker age but within the cadre age, the workbook cannot tell which applies: she is not counted for now, and it is an error stating the change if she counted.",
    },
    `${S7}; 《国务院关于工人退休、退职的暂行办法》(国发〔1978〕104号); 渐进式延迟法定退休年龄办法 (2025)`,
  ),
  DS_WEIGHT_MISMATCH: rule(
    "DS_WEIGHT_MISMATCH",
    "warning",
    { zh: "残疾职工折算人数有误", en: "Wrong weight for a disabled employee" },
    {
      zh: "一、二级残疾人证（残疾军人证一至三级）按2人计算，其余按1人。表中按3–4级计2人（多计）为错误；按1–2级只计1人（少计）或填写的等级与证号不符为警告。",
      en: "Grade 1–2 certificates (veterans 1–3) count 2, the rest 1. Counting a grade 3–4 as 2 (over-count) is an error; counting a grade 1–2 as 1 (under-count) or a typed grade that disagrees with the number is a warning.",
    },
    S7,
  ),
  DS_DECLARED_MISMATCH: rule(
    "DS_DECLARED_MISMATCH",
    "error",
    { zh: "申报残疾人数与名册不符", en: "Declared disabled count differs from the register" },
    {
      zh: "申报表第7栏（或参数表）的安排残疾人数与按名册计算的认定、加权、按在岗月份折算后的人数不一致（容差0.005）。影响应缴金额时为错误，否则为警告。",
      en: "The disabled count in declaration column 7 (or the parameter block) differs from the register's certified, weighted, months-on-post figure (tolerance 0.005). An error when it changes the amount payable, else a warning.",
    },
    S7,
  ),
};

const ELIGIBILITY = ["DS_UNCERTIFIED", "DS_CERT_INVALID", "DS_CONTRACT_SHORT", "DS_WAGE_BELOW_MIN", "DS_NO_SOCIAL_INSURANCE", "DS_SOCIAL_INSURANCE_UNKNOWN", "DS_SOCIAL_INSURANCE_UNREAD", "DS_WAGE_UNCHECKED", "DS_RETIREMENT_TRACK_UNKNOWN", "DS_NOT_IN_ROSTER", "DS_AGE_OUT_OF_RANGE"] as const;

/** Conditions the workbook does not let the tool check: the person is left out, and it is an error when that changes the count. */
const UNKNOWN: ReadonlySet<string> = new Set(["DS_SOCIAL_INSURANCE_UNKNOWN", "DS_SOCIAL_INSURANCE_UNREAD", "DS_WAGE_UNCHECKED", "DS_RETIREMENT_TRACK_UNKNOWN"]);

const SUGGEST: Record<string, Bilingual> = {
  DS_UNCERTIFIED: { zh: "在残联认定期内申请联网认证；未认定前不要计入申报人数。", en: "Apply for DPF certification within the window; do not count them until certified." },
  DS_CERT_INVALID: { zh: "核对残疾人证号（20位）或换领新证。", en: "Check the 20-character certificate number or renew the certificate." },
  DS_CONTRACT_SHORT: { zh: "签订一年以上劳动合同。", en: "Sign a contract of at least one year." },
  DS_WAGE_BELOW_MIN: { zh: "按不低于当地最低工资标准支付工资。", en: "Pay at least the local minimum wage." },
  DS_NO_SOCIAL_INSURANCE: { zh: "为其足额缴纳社会保险。", en: "Pay their social insurance in full." },
  DS_SOCIAL_INSURANCE_UNREAD: { zh: "核实单位是否为其足额缴纳社会保险，在社保列填“是”或“否”。", en: "Check whether the employer pays their social insurance in full and write yes or no in the column." },
  DS_SOCIAL_INSURANCE_UNKNOWN: { zh: "在社保缴纳列填写“是/否”（已足额缴纳填“是”），再重新校验。", en: "Fill in the social-insurance column with 是/否 (是 when paid in full) and validate again." },
  DS_WAGE_UNCHECKED: { zh: "在参数表填写当地“最低工资”（元/月），再重新校验。", en: "Set the local 最低工资 (yuan a month) in the parameter block and validate again." },
  DS_NOT_IN_ROSTER: { zh: "把此人补入花名册（工号、身份证号与名册一致），再重新校验。", en: "Add the person to the roster (with the same employee ID or ID number) and validate again." },
  DS_AGE_OUT_OF_RANGE: { zh: "不计入安排人数。", en: "Do not count them." },
  DS_RETIREMENT_TRACK_UNKNOWN: { zh: "核实其岗位：管理或技术岗位（干部）按55岁退休可计入，工人按50岁退休不计入；在残联认定结果中确认。", en: "Check her post: a managerial or technical (cadre) post retires at 55 and she counts; a worker retires at 50 and she does not. Confirm with the DPF certification." },
};

function entryCell(ctx: RuleContext, e: DisabledEntry, column: number): CellRef {
  const t = ctx.model.tables[e.table];
  const c = column >= 0 ? column : (e.columns.name ?? e.columns.employeeId ?? t.columns[0]?.index ?? 0);
  return { sheet: t.sheetName, address: cellAddress(t.origin, e.row, c) };
}

function claimed(e: DisabledEntry): boolean {
  return e.claimed !== null && e.claimed.greaterThan(0);
}

export const disabledRules: RuleModule = {
  rules: Object.values(DS_RULES),
  check(ctx) {
    const out: Finding[] = [];
    const { model, result } = ctx;
    const d = model.disabled;
    const declared = model.declared.certifiedDisabled;
    if (d) {
      const computed = d.certified;
      const declaredOver = declared !== undefined && declared.value.minus(computed).greaterThan("0.005");
      for (const code of ELIGIBILITY) {
        const hits = d.entries.filter((e) => e.failures.some((f) => f.code === code));
        if (!hits.length) continue;
        let severity: Severity = "info";
        const anyCounted = hits.some((e) => claimed(e) || declaredOver);
        for (const e of hits) {
          const counted = claimed(e) || declaredOver;
          // An unreadable social-insurance value is an error either way: the tool could not tell, and leaving the person
          // out may be the wrong call (138,930 on the tester's company).
          severity = worst(severity, counted || code === "DS_SOCIAL_INSURANCE_UNREAD" || code === "DS_RETIREMENT_TRACK_UNKNOWN" ? "error" : code === "DS_AGE_OUT_OF_RANGE" ? "info" : "warning");
        }
        // Money: what these people would change if they counted (only those failing nothing else could).
        const potential = hits.filter((e) => e.failures.every((f) => f.code === code)).reduce((a, e) => a.plus(e.fraction.times(e.weight)), ZERO);
        let amount: Decimal | null = null;
        if (!potential.isZero() && result) {
          const w = ctx.payableWith({ certifiedDisabled: computed.plus(potential).toString() });
          amount = w ? w.minus(result.payable) : null;
        }
        const details = hits.slice(0, 3).map((e) => e.failures.find((f) => f.code === code)!.detail);
        const names = listPeople(hits.map((e) => e.display));
        if (UNKNOWN.has(code)) {
          // The tool cannot tell: an error whenever it changes the count (someone failing nothing else).
          const changes = !potential.isZero();
          out.push(
            makeFinding(DS_RULES[code], {
              severity: changes || declaredOver || hits.some(claimed) ? "error" : "warning",
              rows: hits.length,
              cells: hits.map((e) => entryCell(ctx, e, e.failures.find((f) => f.code === code)!.column)),
              message: {
                zh: `${hits.length} 名残疾职工未计入安排人数（${DS_RULES[code].title.zh}，无法确认）：${names.zh}。${details.map((x) => x.zh).join(" ")}${changes ? ` 若条件满足，安排人数增加 ${display2(potential)}${amount ? `，应缴${amount.isNegative() ? "减少" : "变化"} ${moneyDisplay(amount.abs())} 元` : ""}。` : ""}`,
                en: `${hits.length} disabled employees are not counted (${DS_RULES[code].title.en}: cannot be confirmed): ${names.en}. ${details.map((x) => x.en).join(" ")}${changes ? ` If the condition holds, the disabled count rises by ${display2(potential)}${amount ? ` and the payable ${amount.isNegative() ? "falls" : "changes"} by ${moneyDisplay(amount.abs())}` : ""}.` : ""}`,
              },
              suggestion: SUGGEST[code],
              amount,
            }),
          );
          continue;
        }
        out.push(
          makeFinding(DS_RULES[code], {
            severity,
            rows: hits.length,
            cells: hits.map((e) => entryCell(ctx, e, e.failures.find((f) => f.code === code)!.column)),
            message: {
              zh: `${hits.length} 名残疾职工不能计入安排人数（${DS_RULES[code].title.zh}）：${names.zh}。${details.map((x) => x.zh).join(" ")}${anyCounted ? " 但工作簿或申报把他们计入了。" : ""}`,
              en: `${hits.length} disabled employees cannot count (${DS_RULES[code].title.en}): ${names.en}. ${details.map((x) => x.en).join(" ")}${anyCounted ? " Yet the workbook or the declaration counts them." : ""}`,
            },
            suggestion: SUGGEST[code],
            amount,
          }),
        );
      }
      // Weight.
      const over: DisabledEntry[] = [];
      const under: DisabledEntry[] = [];
      for (const e of d.entries) {
        if (e.status === "rejected") continue;
        const validCert = !e.failures.some((f) => f.code === "DS_CERT_INVALID");
        if (claimed(e) && validCert && !e.claimed!.equals(e.weight)) (e.claimed!.greaterThan(e.weight) ? over : under).push(e);
        else if (e.gradeConflict) under.push(e);
      }
      if (over.length || under.length) {
        const all = [...over, ...under];
        const text = all.slice(0, 5).map((e) => ({
          zh: `${e.display}：${e.claimed ? `表中按 ${e.claimed.toString()} 人` : e.gradeConflict!.zh}，应按 ${e.weight} 人（${e.weightReason.zh}）`,
          en: `${e.display}: ${e.claimed ? `counted as ${e.claimed.toString()}` : e.gradeConflict!.en}, should be ${e.weight} (${e.weightReason.en})`,
        }));
        out.push(
          makeFinding(DS_RULES.DS_WEIGHT_MISMATCH, {
            severity: over.length ? "error" : "warning",
            rows: all.length,
            cells: all.map((e) => entryCell(ctx, e, e.claimed ? (e.columns.countedAs ?? -1) : (e.columns.disabilityGrade ?? -1))),
            message: { zh: `${all.length} 名残疾职工的折算人数有误：${text.map((x) => x.zh).join("；")}。`, en: `${counted(all.length, "disabled employee has", "disabled employees have")} the wrong weight: ${text.map((x) => x.en).join("; ")}.` },
            suggestion: { zh: "一、二级（残疾军人一至三级）按2人，其余按1人；以证号中的等级为准。", en: "Grades 1–2 (veterans 1–3) count 2, others 1; the grade in the certificate number wins." },
          }),
        );
      }
    }
    // The declared count.
    if (declared && (d || model.certifiedSource !== "none")) {
      const computed = d ? d.certified : null;
      if (computed !== null && declared.value.minus(computed).abs().greaterThan("0.005")) {
        const w = ctx.payableWith({ certifiedDisabled: declared.value.toString() });
        const amount = w && result ? w.minus(result.payable) : null;
        const partYear = d!.entries.filter((e) => e.status === "counted" && e.fraction.lessThan(1));
        out.push(
          makeFinding(DS_RULES.DS_DECLARED_MISMATCH, {
            severity: amount && amount.abs().greaterThanOrEqualTo("0.01") ? "error" : "warning",
            cells: [declared.cell],
            message: {
              zh: `${declared.source === "declaration" ? "申报表第7栏" : "参数表"}的安排残疾人数为 ${display2(declared.value)}，按名册计算为 ${display2(computed)}（已认定、加权、按在岗月份折算）。${partYear.length ? `其中 ${partYear.length} 人年内部分月份在岗，按月折算。` : ""}`,
              en: `The disabled count in ${declared.source === "declaration" ? "declaration column 7" : "the parameter block"} is ${display2(declared.value)}; the register gives ${display2(computed)} (certified, weighted, pro-rated by months on post).${partYear.length ? ` ${partYear.length} of them were on post for part of the year and are pro-rated.` : ""}`,
            },
            suggestion: { zh: "以残联认定结果为准申报第7栏。", en: "Declare column 7 as certified by the DPF." },
            amount,
          }),
        );
      }
    }
    return out;
  },
};

