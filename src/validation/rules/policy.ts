/**
 * Policy and parameter rules: which rule of the filing date applied (exemption, cap, tiers), how far the employer is
 * from the next band, and whether a value the result depends on is unverified, overridden or past its end date.
 * Where the seeds repeat an outdated rule (a 15-person company charged, the 3× cap after 2018), the message names the
 * rule that applies now and the document that set it.
 */
import { display2, moneyDisplay } from "../../core/decimal";
import { parametersUsed } from "../../core/levy/calculate";
import { hiresNeeded } from "../../core/levy/hires";
import { NATIONAL } from "../../core/rules/national";
import { PARAMETER_INFO } from "../../core/rules/parameters";
import { citationText, citationUrl, confidenceLabel } from "../../core/rules/sources";
import type { ParameterName } from "../../core/rules/types";
import type { CellRef } from "../../workbook/types";
import { rule } from "../context";
import type { RuleModule } from "../context";
import { counted, makeFinding } from "../finding";
import type { Finding, RuleInfo } from "../types";

/** TIER_NEAR is raised when the next band is this many certified hires away (or fewer). */
export const TIER_NEAR_MAX_HIRES = 3;

export const POLICY_RULES: Record<string, RuleInfo> = {
  EXEMPT_SMALL_ENTERPRISE: rule(
    "EXEMPT_SMALL_ENTERPRISE",
    "info",
    { zh: "30人（含）以下企业免征", en: "Enterprise of 30 or fewer staff: exempt" },
    {
      zh: "在职职工人数≤30（含）的企业暂免征收（财税〔2017〕18号起；财政部公告2019年第98号、2023年第8号延续至2027-12-31）。2015年“20人以下、注册3年内”的旧规定已被取代。信息。",
      en: "Enterprises with at most 30 staff are exempt (since 财税〔2017〕18号; continued by MOF notices 2019 No.98 and 2023 No.8 until 2027-12-31). The 2015 rule (≤20 staff, within 3 years of registration) is superseded. Info.",
    },
    "财政部 国家税务总局公告2023年第8号",
  ),
  CAP_APPLIED: rule(
    "CAP_APPLIED",
    "info",
    { zh: "按社平工资2倍封顶", en: "Wage capped at 2× the social average" },
    {
      zh: "单位年平均工资高于当地社会平均工资2倍时按2倍计算（财税〔2018〕39号，2018-04-01起；此前18号为3倍）。仍按3倍封顶的资料已过时。信息。",
      en: "When the average wage exceeds twice the local social average, twice the social average is used (财税〔2018〕39号 from 2018-04-01; 3× under 18号 before). Material that still caps at 3× is outdated. Info.",
    },
    "财税〔2018〕39号；财政部公告2019年第98号 第一条",
  ),
  WG_BASE_SOCIAL_INSURANCE: rule(
    "WG_BASE_SOCIAL_INSURANCE",
    "warning",
    { zh: "当地以社保缴费基数代替工资总额", en: "The region uses social-insurance bases instead of the wage total" },
    {
      zh: "上海（沪财发〔2020〕9号，二手资料）以单位上年度社会保险缴费基数之和代替工资总额。本工具从工资表读取的是工资总额，不读取缴费基数，所以按工作簿计算的金额可能与当地口径不同。警告。",
      en: "Shanghai (沪财发〔2020〕9号, secondary source) uses the sum of the employer's social-insurance contribution bases instead of the wage total. The workbook reader takes the wage total from the payroll and does not read contribution bases, so the amount computed from the workbook may differ from the local basis. Warning.",
    },
    "沪财发〔2020〕9号",
    {
      zh: "向社保经办机构取得上年度缴费基数之和，用 =LEVY.DUE(人数, 残疾人数, 缴费基数之和, 参数) 或 levy calc 按该数计算；如当地仍按工资总额征收，在参数表写“工资基数口径 | wage-total”。",
      en: "Obtain the year's sum of contribution bases and compute with =LEVY.DUE(headcount, disabled, base sum, settings) or levy calc; if the collector still uses the wage total, set 工资基数口径 | wage-total in the parameter block.",
    },
  ),
  WG_BASE_FROM_SI_COLUMN: rule(
    "WG_BASE_FROM_SI_COLUMN",
    "info",
    { zh: "按工资表的社保缴费基数列计算", en: "Levy base taken from the payroll's contribution-base column" },
    {
      zh: "上海（沪财发〔2020〕9号，二手资料）以单位上年度社会保险缴费基数之和代替工资总额。工资表有“社保缴费基数”列时，本工具把该列在计入工资总额的同一批行（计入人数的人员、数据年度内的月份）上求和，作为申报表第4栏；工资总额仍单独列出以便核对。信息。",
      en: "Shanghai (沪财发〔2020〕9号, secondary source) uses the sum of the employer's social-insurance contribution bases instead of the wage total. When the payroll has a contribution-base column (社保缴费基数), the tool sums it over the same rows as the wage total (staff in the headcount, months of the data year) and uses that sum as form column 4; the wage total is still shown for comparison. Info.",
    },
    "沪财发〔2020〕9号",
    {
      zh: "核对该列是每人每月的缴费基数（不是缴费金额），并与社保经办机构的上年度缴费基数之和对账；如当地仍按工资总额征收，在参数表写“工资基数口径 | wage-total”。",
      en: "Check that the column holds each person's monthly contribution base (not the contribution paid) and agree its sum with the social-insurance agency's figure; if the collector still uses the wage total, set 工资基数口径 | wage-total in the parameter block.",
    },
  ),
  CAP_NOT_CHECKED: rule(
    "CAP_NOT_CHECKED",
    "warning",
    { zh: "未检查封顶", en: "Cap not checked" },
    {
      zh: "参数表没有当地社会平均工资，无法检查2倍封顶：平均工资高的单位可能多缴。警告。",
      en: "No local social average wage in the parameter block, so the 2× cap cannot be checked: a high-wage employer may overpay. Warning.",
    },
    "财税〔2018〕39号",
  ),
  PARAM_UNVERIFIED: rule(
    "PARAM_UNVERIFIED",
    "warning",
    { zh: "使用了未核实的规则参数", en: "An unverified rule value was used" },
    {
      zh: "影响结果的规则参数来自二手资料、非官方资料或未找到原文（未经官方原文确认），请向当地税务机关核实，必要时在参数表覆盖。警告。",
      en: "A rule value that affects the result comes from a secondary source, unofficial material or no text found (not confirmed in an official text); verify it with the local tax office and override it in the parameter block if needed. Warning.",
    },
    "",
  ),
  PARAM_OVERRIDDEN: rule(
    "PARAM_OVERRIDDEN",
    "info",
    { zh: "规则参数被覆盖", en: "Rule value overridden" },
    {
      zh: "参数表覆盖了规则库的值（如安置比例、征收比例、封顶倍数），结果按覆盖值计算。为规则库没有的参数（如最低工资）填写值不算覆盖。信息。",
      en: "The parameter block overrides a rule-profile value (quota ratio, collection rate, cap multiple…) and the result uses it. Supplying a value the profile does not hold (the minimum wage) is not an override. Info.",
    },
    "",
  ),
  POLICY_EXPIRED: rule(
    "POLICY_EXPIRED",
    "warning",
    { zh: "优惠政策已到期", en: "Preferential policy expired" },
    {
      zh: "申报日期晚于2027-12-31：2023年第8号公告的分档减缴和30人以下企业免征已到期，规则库未收录延续政策，结果未计优惠。警告。",
      en: "The filing date is after 2027-12-31: the tiers and the ≤30 exemption of MOF notice 2023 No.8 have expired and no extension is recorded; no reduction is applied. Warning.",
    },
    "财政部 国家税务总局公告2023年第8号",
  ),
  TIER_NEAR: rule(
    "TIER_NEAR",
    "info",
    { zh: "再安排少量残疾人即可进入下一档", en: "A few hires reach the next band" },
    {
      zh: `再安排不超过${TIER_NEAR_MAX_HIRES}名经认定的残疾人（自1月起在岗、各按1人计）即可达到50%档或足额安排，并给出可节省的金额（假设平均工资不变）。信息。`,
      en: `At most ${TIER_NEAR_MAX_HIRES} more certified disabled hires (on post from January, weight 1 each) reach the 50% band or full compliance; the saving is shown (average wage assumed unchanged). Info.`,
    },
    "财政部公告2019年第98号；财政部 国家税务总局公告2023年第8号（分档减缴）",
  ),
  REGION_CAVEAT: rule("REGION_CAVEAT", "info", { zh: "地区规则说明", en: "Regional caveat" }, { zh: "该地区的规则有已知的冲突或缺口（来自规则库）。信息。", en: "The region's rules have a known conflict or gap (from the rule profiles). Info." }, "", { zh: "向当地主管机关核实；如不同，在参数表中覆盖相应参数。", en: "Check with the local collector; if it differs, override the parameter in the parameter block." }),
  NO_LEVY_SHORT_OPERATION: rule(
    "NO_LEVY_SHORT_OPERATION",
    "info",
    { zh: "经营不足一个月不缴纳", en: "Under one month of operation: no levy" },
    { zh: "数据年度内经营不足1个月（或尚未成立）的单位不缴纳。信息。", en: "An employer operating less than one month in the data year (or not yet registered) pays nothing. Info." },
    "《江苏省残疾人就业保障金征收使用管理实施办法》（2017）第十条",
  ),
  HEADCOUNT_ZERO: rule("HEADCOUNT_ZERO", "info", { zh: "在职职工人数为0", en: "Headcount is 0" }, { zh: "没有在职职工：无应安排人数，不缴纳。信息。", en: "No staff: nothing is required and nothing is due. Info." }, "财税〔2015〕72号 第八条", { zh: "无需处理。", en: "Nothing to do." }),
  EXEMPTION_NEEDS_REGISTRATION_DATE: rule(
    "EXEMPTION_NEEDS_REGISTRATION_DATE",
    "warning",
    { zh: "免征需要登记注册日期", en: "Exemption needs the registration date" },
    { zh: "当期免征只适用于注册若干年内的小微企业，须提供登记注册日期。警告。", en: "The exemption in force applies only within some years of registration; give the registration date. Warning." },
    "财税〔2015〕72号 第十六条",
  ),
  SMALL_ENTERPRISE_READING: rule(
    "SMALL_ENTERPRISE_READING",
    "info",
    { zh: "≤30人免征在2027年后的解读", en: "Reading of the ≤30 exemption after 2027" },
    {
      zh: "申报日期晚于2027-12-31、在职职工≤30人的企业：财税〔2017〕18号未规定截止日期，本工具采用的解读是该免征随2023年第8号公告到期，结果中说明理由；如主管机关仍按18号执行，可在参数表覆盖。信息。",
      en: "An enterprise of ≤30 staff filing after 2027-12-31: 财税〔2017〕18号 set the exemption without an end date; the reading applied (it ended with 2023 No.8) is stated with its reasons; override it if the collector still applies 18号. Info.",
    },
    "财税〔2017〕18号; 财政部公告2019年第98号; 财政部 国家税务总局公告2023年第8号",
    { zh: "向主管税务机关确认是否仍按18号免征；如是，在参数表填写“免征人数上限 = 30”。", en: "Ask the collector whether 18号 still exempts you; if so, set 免征人数上限 = 30 in the parameter block." },
  ),
  CAP_SOURCE_NOT_FOUND: rule(
    "CAP_SOURCE_NOT_FOUND",
    "warning",
    { zh: "计征工资上限的通告未找到", en: "Wage cap notice not found" },
    {
      zh: "所用的城市计征工资上限只见于实际申报表或转述，未找到公布它的官方通告；金额取决于它，请以电子税务局申报表核对。警告。",
      en: "The city's fixed wage cap in use was only seen on a filed form or as quoted; the notice publishing it was not found. The amount depends on it: check it against the e-tax form. Warning.",
    },
    "粤财社〔2017〕51号 (广东各市计征工资上限)",
    { zh: "以电子税务局申报表上印的计征工资上限核对；不同则在参数表填写“计征工资上限”。", en: "Compare with the cap printed on the e-tax form; if it differs, set 计征工资上限 in the parameter block." },
  ),
  FORCE_MAJEURE_NOT_APPLIED: rule(
    "FORCE_MAJEURE_NOT_APPLIED",
    "info",
    { zh: "未计第十七条减缴或缓缴", en: "No article 17 reduction or deferral" },
    {
      zh: "财税〔2015〕72号第十七条的减缴、缓缴须经批准，本工具不作假设：结果未计入，如已获批准请填写“批准减缴额”。信息。",
      en: "A reduction or deferral under 财税〔2015〕72号 art. 17 needs approval, so none is assumed; set 批准减缴额 if one was approved. Info.",
    },
    "财税〔2015〕72号 第十七条",
    { zh: "如已获批准减缴，在参数表填写“批准减缴额”；缓缴不改变金额，计算滞纳金时以批准的缓缴期限为缴款期限。", en: "If a reduction was approved, set 批准减缴额; a deferral does not change the amount (use the approved date as the late-fee deadline)." },
  ),
  FORCE_MAJEURE_RELIEF: rule(
    "FORCE_MAJEURE_RELIEF",
    "info",
    { zh: "已计第十七条批准减缴额", en: "Approved article 17 reduction included" },
    { zh: "参数表的“批准减缴额”已计入第10栏。信息。", en: "The approved reduction (批准减缴额) is included in column 10. Info." },
    "财税〔2015〕72号 第十七条",
    { zh: "保留批准文书备查。", en: "Keep the approval on file." },
  ),
  RELIEF_LIMITED: rule(
    "RELIEF_LIMITED",
    "warning",
    { zh: "批准减缴额超过应纳额", en: "Approved reduction exceeds what is due" },
    { zh: "批准减缴额超过其他减免后的应纳额，按应纳额计。警告。", en: "The approved reduction exceeds what is due after the other reductions; what is due is used. Warning." },
    "财税〔2015〕72号 第十七条",
    { zh: "核对批准减缴额。", en: "Check the approved amount." },
  ),
};

const UNVERIFIED = new Set(["secondary", "seed", "memory"]);

/** Core notes that have no rule of their own here and are passed through as findings. */
const PASSED_THROUGH = new Set(["REGION_CAVEAT", "NO_LEVY_SHORT_OPERATION", "HEADCOUNT_ZERO", "EXEMPTION_NEEDS_REGISTRATION_DATE", "SMALL_ENTERPRISE_READING", "FORCE_MAJEURE_RELIEF", "FORCE_MAJEURE_NOT_APPLIED", "RELIEF_LIMITED", "CAP_SOURCE_NOT_FOUND"]);

function cellOfOrigin(origin: string | undefined): CellRef[] {
  if (!origin || !origin.includes("!")) return [];
  const i = origin.lastIndexOf("!");
  return [{ sheet: origin.slice(0, i), address: origin.slice(i + 1) }];
}

export const policyRules: RuleModule = {
  rules: Object.values(POLICY_RULES),
  check(ctx) {
    const out: Finding[] = [];
    const { result: r, model } = ctx;
    if (!r || !model.levyCase) return out;

    if (r.reductionKind === "small-enterprise") {
      const doc = r.rules.smallEnterpriseThreshold.source.document;
      const partYear = model.levyCase.registrationDate && Number(String(model.levyCase.registrationDate).slice(0, 4)) === r.dataYear;
      out.push(
        makeFinding(POLICY_RULES.EXEMPT_SMALL_ENTERPRISE, {
          message: {
            zh: `企业在职职工人数 ${display2(r.headcount)} ≤ ${r.rules.smallEnterpriseThreshold.value} 人，免征应纳费额 ${moneyDisplay(r.grossDue)} 元（${doc}）。按“20人以下、注册3年内”的2015年旧规定或对小企业照常征收的做法已过时。部分地区仍需零申报。${partYear ? " 注意：年内新设单位按全年12个月平均，人数可能因此低于30；江苏按经营月份折算的口径可能得出不同结论。" : ""}`,
            en: `An enterprise with ${display2(r.headcount)} staff ≤ ${r.rules.smallEnterpriseThreshold.value}: the gross levy of ${moneyDisplay(r.grossDue)} is exempt (${doc}). The 2015 rule (≤20 staff within 3 years of registration), or charging small firms as usual, is outdated. Some provinces still require a zero return.${partYear ? " Note: a part-year employer averaged over 12 months may fall under 30 for that reason; Jiangsu's operating-month method may decide differently." : ""}`,
          },
          suggestion: { zh: "按当地要求办理零申报（减免申报）。", en: "File the zero (exemption) return if the province requires one." },
          source: doc,
          amount: r.reduction,
        }),
      );
    }

    if (r.capApplied && r.wageCap) {
      const uncapped = ctx.payableWith({ overrides: { ...(model.levyCase.overrides ?? {}), capMultiple: null } });
      out.push(
        makeFinding(POLICY_RULES.CAP_APPLIED, {
          message: {
            zh: `单位年平均工资 ${moneyDisplay(r.averageWage)} 高于社会平均工资的 ${r.rules.capMultiple.value} 倍（${moneyDisplay(r.wageCap)}），按封顶额计算（${r.rules.capMultiple.source.document}）。2018-04-01起封顶为2倍，仍按3倍（财税〔2017〕18号）计算的资料已过时。`,
            en: `The average wage ${moneyDisplay(r.averageWage)} exceeds ${r.rules.capMultiple.value}× the social average (${moneyDisplay(r.wageCap)}); the cap is used (${r.rules.capMultiple.source.document}). Since 2018-04-01 the cap is 2×; material still using 3× (财税〔2017〕18号) is outdated.`,
          },
          suggestion: { zh: "无需处理。", en: "Nothing to do." },
          source: r.rules.capMultiple.source.document,
          amount: uncapped ? uncapped.minus(r.payable) : null,
        }),
      );
    }
    const siBase = model.payroll.socialInsuranceBase;
    if (r.rules.wageBaseType.value === "social-insurance-base" && model.wageBasis === "social-insurance-base" && siBase) {
      const cols = siBase.columns.map((c) => `${c.sheet}!${c.column}“${c.header}”`).join("、");
      const wages = model.payroll.wageTotal;
      const bad = siBase.badCells ? { zh: `该列有 ${siBase.badCells} 个无法识别的数值，按空白处理。`, en: ` ${siBase.badCells} unreadable cell(s) in that column were read as blank.` } : { zh: "", en: "" };
      out.push(
        makeFinding(POLICY_RULES.WG_BASE_FROM_SI_COLUMN, {
          cells: siBase.columns.map((c) => ({ sheet: c.sheet, address: c.headerCell })),
          message: {
            zh: `${r.region.label.zh}的计费基数为上年度社会保险缴费基数之和（${r.rules.wageBaseType.source.document}，${r.rules.wageBaseType.confidence}）：第4栏使用 ${cols} 列的缴费基数之和 ${moneyDisplay(siBase.total)}（与工资总额同一批行），工资表的工资总额为 ${moneyDisplay(wages)}。${bad.zh}`,
            en: `${r.region.label.en} bases the levy on the sum of social-insurance contribution bases (${r.rules.wageBaseType.source.document}, ${r.rules.wageBaseType.confidence}): column 4 uses the sum of contribution bases in ${cols}, ${moneyDisplay(siBase.total)} (over the same rows as the wage total); the payroll's wage total is ${moneyDisplay(wages)}.${bad.en}`,
          },
          source: r.rules.wageBaseType.source.document,
        }),
      );
    } else if (r.rules.wageBaseType.value === "social-insurance-base" && !r.wageTotal.isZero()) {
      // A contribution-base column in some payroll tables only (or summing to zero) cannot stand for the whole year.
      const partial =
        siBase && siBase.tablesWithout > 0
          ? { zh: `工资表中只有部分表有缴费基数列（${siBase.tablesWithout} 张没有），未采用。`, en: ` Only some payroll tables have a contribution-base column (${siBase.tablesWithout} do not), so it was not used.` }
          : siBase && siBase.total.isZero()
            ? { zh: "工资表的缴费基数列合计为0，未采用。", en: " The payroll's contribution-base column sums to 0, so it was not used." }
            : { zh: "", en: "" };
      out.push(
        makeFinding(POLICY_RULES.WG_BASE_SOCIAL_INSURANCE, {
          message: {
            zh: `${r.region.label.zh}的计费基数为上年度社会保险缴费基数之和（${r.rules.wageBaseType.source.document}，${r.rules.wageBaseType.confidence}）；本结果使用的是工作簿中的工资总额 ${moneyDisplay(r.wageTotal)}，不是缴费基数之和。${partial.zh}`,
            en: `${r.region.label.en} bases the levy on the sum of social-insurance contribution bases (${r.rules.wageBaseType.source.document}, ${r.rules.wageBaseType.confidence}); this result uses the workbook's wage total ${moneyDisplay(r.wageTotal)}, not that sum.${partial.en}`,
          },
          source: r.rules.wageBaseType.source.document,
        }),
      );
    }
    if (r.rules.capMultiple.value !== null && r.socialAverageWage === null && r.wageCap === null && !r.grossDue.isZero()) {
      out.push(
        makeFinding(POLICY_RULES.CAP_NOT_CHECKED, {
          message: {
            zh: `参数表没有“社会平均工资”，无法检查 ${r.rules.capMultiple.value} 倍封顶；已按单位平均工资 ${moneyDisplay(r.averageWage)} 计算。`,
            en: `No 社会平均工资 in the parameter block, so the ${r.rules.capMultiple.value}× cap could not be checked; the employer's average ${moneyDisplay(r.averageWage)} was used.`,
          },
          suggestion: { zh: "在参数表填写当地上年度社会平均工资（城镇非私营与私营加权平均）。", en: "Enter the local social average wage (the weighted non-private/private average) in the parameter block." },
        }),
      );
    }

    const used = new Set<ParameterName>(parametersUsed(r));
    if (model.headcount) used.add("headcountMethod");
    for (const name of used) {
      const p = r.rules[name];
      if (p.overridden || !UNVERIFIED.has(p.confidence)) continue;
      out.push(
        makeFinding(POLICY_RULES.PARAM_UNVERIFIED, {
          message: {
            zh: `规则参数“${PARAMETER_INFO[name].label.zh}” = ${String(p.value)}（${p.regionCode}）的来源为${confidenceLabel(p.confidence, "zh")}：${citationText(p.source)}${p.source.note ? `（${p.source.note}）` : ""}。`,
            en: `Rule value ${PARAMETER_INFO[name].label.en} = ${String(p.value)} (${p.regionCode}) has only a weak source (${confidenceLabel(p.confidence, "en")}): ${citationText(p.source)}${p.source.note ? ` (${p.source.note})` : ""}.`,
          },
          suggestion: { zh: `向当地税务机关核实；如不同，在参数表填写“${PARAMETER_INFO[name].aliases[1] ?? name}”覆盖。`, en: `Verify with the local tax office; if it differs, override it in the parameter block (${name}).` },
          source: citationText(p.source),
          sourceUrl: citationUrl(p.source),
        }),
      );
    }
    for (const name of r.overridden) {
      const p = r.rules[name];
      if (p.profileValue === null || p.profileValue === undefined) continue; // supplying a value the profile lacks is not overriding
      // An override that brings back a value the national timeline has since replaced (a 3× cap after 2018-04-01,
      // the ≤20 exemption, no tiers in 2020–2027) is an outdated rule: say which one applies now.
      const superseded = NATIONAL.entries.find((e) => e.parameter === name && e.to !== undefined && e.to < r.filingDate && String(e.value) === String(p.value) && String(e.value) !== String(p.profileValue));
      const current = NATIONAL.entries.find((e) => e.parameter === name && e.from <= r.filingDate && (e.to === undefined || r.filingDate <= e.to));
      out.push(
        makeFinding(POLICY_RULES.PARAM_OVERRIDDEN, {
          severity: superseded ? "warning" : "info",
          cells: cellOfOrigin(model.overrideOrigins[name]),
          message: superseded
            ? {
                zh: `参数“${PARAMETER_INFO[name].label.zh}”被覆盖为 ${String(p.value)}：这是已失效的规定（${superseded.source.document}，有效至 ${superseded.to}）；申报日期 ${r.filingDate} 适用 ${String(p.profileValue)}（${current?.source.document ?? p.source.document}）。`,
                en: `${PARAMETER_INFO[name].label.en} is overridden to ${String(p.value)}: an outdated rule (${superseded.source.document}, in force until ${superseded.to}); for a filing on ${r.filingDate} the value is ${String(p.profileValue)} (${current?.source.document ?? p.source.document}).`,
              }
            : {
                zh: `参数“${PARAMETER_INFO[name].label.zh}”被参数表覆盖：规则库 ${String(p.profileValue)} → ${String(p.value)}。`,
                en: `${PARAMETER_INFO[name].label.en} overridden by the parameter block: profile ${String(p.profileValue)} → ${String(p.value)}.`,
              },
          suggestion: superseded
            ? { zh: "删除此覆盖，按现行规定计算。", en: "Remove the override and use the rule in force." }
            : { zh: "确认覆盖有依据（当地文件）。", en: "Make sure the override has a basis (a local document)." },
        }),
      );
    }
    if (r.policyExpired) {
      out.push(
        makeFinding(POLICY_RULES.POLICY_EXPIRED, {
          message: {
            zh: `申报日期 ${r.filingDate} 晚于2027-12-31：2023年第8号公告的分档减缴和30人以下企业免征已到期，规则库未收录延续政策，本结果未计任何优惠。`,
            en: `Filing date ${r.filingDate} is after 2027-12-31: the tiers and the ≤30 exemption of MOF notice 2023 No.8 have expired and no extension is recorded; no reduction is applied.`,
          },
          suggestion: { zh: "如有延续政策，在参数表覆盖“分档减缴”和“免征人数”。", en: "If a newer notice extends them, override 分档减缴 and 免征人数 in the parameter block." },
        }),
      );
    }
    if (!r.shortfall.isZero() && (r.reductionKind === "tier-90" || r.reductionKind === "tier-50")) {
      try {
        const plan = hiresNeeded(model.levyCase, "next", 1, 1);
        if (plan.reachable && plan.hires > 0 && plan.hires <= TIER_NEAR_MAX_HIRES && plan.saving.greaterThan(0)) {
          const goal = plan.target === "tier-50" && !plan.after.payable.isZero() ? { zh: "50%档（安排比例达到1%）", en: "the 50% band (1% disabled share)" } : { zh: "足额安排（不再缴纳）", en: "full compliance (nothing due)" };
          out.push(
            makeFinding(POLICY_RULES.TIER_NEAR, {
              message: {
                zh: `再安排 ${plan.hires} 名经认定的残疾人（1月起在岗、各按1人计）即可达到${goal.zh}：应缴从 ${moneyDisplay(plan.before.payable)} 降至 ${moneyDisplay(plan.after.payable)}，节省 ${moneyDisplay(plan.saving)} 元。`,
                en: `${plan.hires} more certified disabled ${plan.hires === 1 ? "hire" : "hires"} (from January, weight 1) ${plan.hires === 1 ? "reaches" : "reach"} ${goal.en}: payable falls from ${moneyDisplay(plan.before.payable)} to ${moneyDisplay(plan.after.payable)}, saving ${moneyDisplay(plan.saving)}.`,
              },
              suggestion: { zh: "考虑安排残疾人就业（一、二级残疾人按2人计）。", en: "Consider hiring disabled employees (grade 1–2 count double)." },
              amount: plan.saving,
            }),
          );
        }
      } catch {
        // Planning is advice; a failure here must not hide the audit.
      }
    }
    for (const note of r.notes) {
      const info = POLICY_RULES[note.code];
      if (!info || !PASSED_THROUGH.has(note.code)) continue;
      out.push(makeFinding(info, { severity: note.severity, message: note.message }));
    }
    return out;
  },
};
