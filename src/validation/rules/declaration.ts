/**
 * The declared amounts (form columns 6, 8, 9, 10, 12) against the computed ones. Differences in money are errors: the
 * return would be wrong. The message explains the usual causes, naming the rule in force and the document behind it:
 * a ≤30 enterprise charged (exempt under 2023年第8号), the tiered reduction not applied (98号 / 2023年第8号), a 3×
 * cap (replaced by 2× from 2018-04-01, 财税〔2018〕39号), no cap at all, or a gross truncated to whole yuan.
 */
import { Decimal, display2, moneyDisplay, plainString } from "../../core/decimal";
import { calculateLevy } from "../../core/levy/calculate";
import type { Bilingual } from "../../core/rules/types";
import type { CellRef } from "../../workbook/types";
import { rule } from "../context";
import type { RuleModule } from "../context";
import { makeFinding } from "../finding";
import type { Finding, RuleInfo } from "../types";

export const DECL_RULES: Record<string, RuleInfo> = {
  DECL_PAYABLE_MISMATCH: rule(
    "DECL_PAYABLE_MISMATCH",
    "error",
    { zh: "申报金额与计算不符", en: "Declared amounts differ from the calculation" },
    {
      zh: "申报表第9栏（应纳）、第10栏（减免）或第12栏（应补退）与按工作簿数据和现行规则计算的不一致（容差0.01元）时为错误；只有第6栏比例或第8栏平均工资不符时为警告。说明指出适用的现行规定（如30人以下企业免征、分档减缴、2倍封顶）。",
      en: "An error when declaration column 9 (gross), 10 (reduction) or 12 (payable) differs from the amount computed from the workbook under the rules in force (tolerance 0.01); a warning when only column 6 (ratio) or 8 (average wage) differs. The message names the rule that applies now (≤30 exemption, tiered reduction, 2× cap).",
    },
    "《残疾人就业保障金缴费申报表》；财政部公告2023年第8号；财税〔2018〕39号",
  ),
};

const CENT = new Decimal("0.01");

export const declarationRules: RuleModule = {
  rules: Object.values(DECL_RULES),
  check(ctx) {
    const out: Finding[] = [];
    const { result: r, model } = ctx;
    const d = model.declared;
    if (!r || !model.levyCase || model.declaration === null) return out;
    const diffs: Array<{ zh: string; en: string }> = [];
    const cells: CellRef[] = [];
    let moneyDiffers = false;
    const money = (field: "grossDue" | "reduction" | "payable", computed: Decimal, col: number, label: Bilingual) => {
      const v = d[field];
      if (!v || v.source !== "declaration") return;
      if (v.value.minus(computed).abs().greaterThanOrEqualTo(CENT)) {
        diffs.push({ zh: `第${col}栏${label.zh}申报 ${moneyDisplay(v.value)}，应为 ${moneyDisplay(computed)}`, en: `column ${col} (${label.en}) declared ${moneyDisplay(v.value)}, should be ${moneyDisplay(computed)}` });
        cells.push(v.cell);
        moneyDiffers = true;
      }
    };
    money("grossDue", r.grossDue, 9, { zh: "应纳费额", en: "gross" });
    money("reduction", r.reduction, 10, { zh: "减免费额", en: "reduction" });
    money("payable", r.payable, 12, { zh: "应补（退）费额", en: "payable" });
    const ratio = d.quotaRatio;
    if (ratio && ratio.source === "declaration") {
      // A ratio typed as 1.5 (meaning 1.5%) is read as a percentage.
      const asRatio = ratio.value.greaterThan(1) ? ratio.value.dividedBy(100) : ratio.value;
      if (!asRatio.equals(r.quotaRatio)) {
        diffs.push({ zh: `第6栏比例申报 ${plainString(asRatio)}，现行为 ${plainString(r.quotaRatio)}（${r.rules.quotaRatio.source.document}）`, en: `column 6 (ratio) declared ${plainString(asRatio)}, in force ${plainString(r.quotaRatio)} (${r.rules.quotaRatio.source.document})` });
        cells.push(ratio.cell);
      }
    }
    const avg = d.averageWage;
    if (avg && avg.source === "declaration" && avg.value.minus(r.averageWage).abs().greaterThanOrEqualTo(CENT)) {
      diffs.push({ zh: `第8栏平均工资申报 ${moneyDisplay(avg.value)}，按工作簿为 ${moneyDisplay(r.averageWage)}`, en: `column 8 (average wage) declared ${moneyDisplay(avg.value)}, the workbook gives ${moneyDisplay(r.averageWage)}` });
      cells.push(avg.cell);
    }
    if (!diffs.length) return out;

    // Why: the usual outdated rules.
    const why: Bilingual[] = [];
    const declaredPayable = d.payable?.source === "declaration" ? d.payable.value : null;
    const declaredGross = d.grossDue?.source === "declaration" ? d.grossDue.value : null;
    const declaredReduction = d.reduction?.source === "declaration" ? d.reduction.value : null;
    if (r.reductionKind === "small-enterprise" && ((declaredPayable && declaredPayable.greaterThan(0)) || (declaredReduction && declaredReduction.lessThan(r.reduction)))) {
      why.push({
        zh: `本单位为在职职工 ${display2(r.headcount)} 人（≤30）的企业，按${r.rules.smallEnterpriseThreshold.source.document}免征（有效期至2027-12-31），申报却计算了应缴金额；对30人以下企业照常征收（如南京来函对15人企业计征6,637元）或按2015年“20人以下、注册3年内”免征的做法已过时`,
        en: `this is an enterprise of ${display2(r.headcount)} staff (≤30), exempt under ${r.rules.smallEnterpriseThreshold.source.document} (valid to 2027-12-31), yet the declaration charges it; charging small enterprises (as the Nanjing letter did for a 15-person company, CNY 6,637) or the 2015 ≤20/3-year rule is outdated`,
      });
    }
    if ((r.reductionKind === "tier-50" || r.reductionKind === "tier-90") && declaredReduction !== null && declaredReduction.isZero() && r.reduction.greaterThan(0)) {
      why.push({
        zh: `分档减缴未计：安排比例 ${display2(r.disabledShare.times(100))}% ${r.reductionKind === "tier-50" ? "≥1%，按50%缴纳" : "<1%，按90%缴纳"}（${r.rules.tierUpperPays.source.document}）`,
        en: `the tiered reduction is missing: a disabled share of ${display2(r.disabledShare.times(100))}% ${r.reductionKind === "tier-50" ? "≥ 1% pays 50%" : "< 1% pays 90%"} (${r.rules.tierUpperPays.source.document})`,
      });
    }
    if (declaredGross && r.socialAverageWage !== null && !declaredGross.equals(r.grossDue)) {
      for (const [multiple, text] of [
        ["3", { zh: "申报按3倍社平工资封顶计算（财税〔2017〕18号）；自2018-04-01起为2倍（财税〔2018〕39号）", en: "the declaration caps at 3× the social average (财税〔2017〕18号); since 2018-04-01 the cap is 2× (财税〔2018〕39号)" }],
        [null, { zh: "申报未按2倍社平工资封顶（财税〔2018〕39号）", en: "the declaration applies no cap; 2× the social average applies (财税〔2018〕39号)" }],
      ] as const) {
        if (String(r.rules.capMultiple.value) === String(multiple)) continue;
        try {
          const alt = calculateLevy({ ...model.levyCase, filingYear: r.filingYear, filingDate: r.filingDate, overrides: { ...(model.levyCase.overrides ?? {}), capMultiple: multiple } });
          if (alt.grossDue.equals(declaredGross)) {
            why.push(text);
            break;
          }
        } catch {
          // Not this cause.
        }
      }
    }
    if (declaredGross && !declaredGross.equals(r.grossDue) && declaredGross.equals(r.grossDue.toDecimalPlaces(0, Decimal.ROUND_DOWN)) && !r.grossDue.isInteger()) {
      why.push({ zh: "申报把应纳费额截尾到元；金额应按四舍五入保留到分", en: "the declaration truncates the gross to whole yuan; amounts are rounded half-up to the fen" });
    }
    const amount = declaredPayable ? declaredPayable.minus(r.payable) : declaredGross ? declaredGross.minus(r.grossDue) : null;
    out.push(
      makeFinding(DECL_RULES.DECL_PAYABLE_MISMATCH, {
        // Columns 6 and 8 alone (the amounts agree) are a warning: the inputs behind them are checked by their own rules.
        severity: moneyDiffers ? "error" : "warning",
        cells,
        message: {
          zh: `申报表与计算不符：${diffs.map((x) => x.zh).join("；")}。${why.length ? `原因：${why.map((x) => x.zh).join("；")}。` : ""}`,
          en: `The declaration differs from the calculation: ${diffs.map((x) => x.en).join("; ")}.${why.length ? ` Why: ${why.map((x) => x.en).join("; ")}.` : ""}`,
        },
        suggestion: { zh: "按计算结果（见计算过程）更正申报表。", en: "Correct the declaration to the computed figures (see the calculation trail)." },
        source: why.length && r.reductionKind === "small-enterprise" ? r.rules.smallEnterpriseThreshold.source.document : DECL_RULES.DECL_PAYABLE_MISMATCH.source,
        amount,
      }),
    );
    return out;
  },
};
