/**
 * Plausibility of the parameter block (issue 9 §3): a likely typo is an error, not a 100× levy.
 *
 * The checks are core/levy/plausibility.ts, shared with `levy calc` (exit 2) and the LEVY.* functions (#NUM!); here
 * they become findings on the parameter cell:
 *   PARAM_IMPLAUSIBLE (error)   the value cannot be meant as typed: 安置比例 1.5 reads as 150% (did you mean 1.5%?),
 *                               征收比例 60 as 6000%, 滞纳金日费率 5 as 500% a day, 封顶倍数 200, a social average wage
 *                               that is a monthly figure or in 万元, a registration date after the filing date.
 *                               The calculation shown still used the value (the audit reports what the workbook says);
 *                               the amount at stake is the payable with the likely reading instead.
 *   PARAM_UNUSUAL (warning)     lawful but unusual: a quota below 1.5% or above 3%, a collection rate below 20%, a cap
 *                               other than 1–3×, a late fee below 5‰, a social average outside 30,000–300,000,
 *                               registration after the data year, a filing date more than a year after today.
 * Only values the parameter block supplies are checked (overrides of rule parameters and the case fields it sets);
 * the roster, payroll and register have their own rules.
 */
import { Decimal, dec } from "../../core/decimal";
import { checkPlausibility } from "../../core/levy/plausibility";
import type { PlausibilityField, PlausibilityIssue } from "../../core/levy/plausibility";
import type { LevyCase } from "../../core/levy/types";
import type { ParameterName } from "../../core/rules/types";
import type { CellRef } from "../../workbook/types";
import { rule } from "../context";
import type { RuleContext, RuleModule } from "../context";
import { makeFinding } from "../finding";
import type { Finding } from "../types";

const SOURCE = "《残疾人就业条例》（国务院令第488号）第八条、第二十七条；财税〔2018〕39号";

export const PLAUSIBILITY_RULES = {
  PARAM_IMPLAUSIBLE: rule(
    "PARAM_IMPLAUSIBLE",
    "error",
    { zh: "参数值不合理（疑似笔误）", en: "Implausible parameter (likely typo)" },
    {
      zh: "参数表中的值按字面不可能正确：比例超过100%（安置比例 1.5 被读作 150%）、征收比例超过100%、滞纳金超过每日5‰、社会平均工资像月工资或以万元填写、登记注册日期晚于申报日期等。计算结果按该值得出，很可能错了数十倍。错误。",
      en: "A parameter block value cannot be right as typed: a ratio above 100% (安置比例 1.5 reads as 150%), a collection rate above 100%, a late fee above 5‰ a day, a social average wage that looks monthly or in 万元, a registration date after the filing date. The result shown used the value and is likely wrong many times over. Error.",
    },
    SOURCE,
    { zh: "按提示改正参数表中的该单元格（例如写成 1.5% 或 0.015）。", en: "Correct that cell of the parameter block as suggested (e.g. write 1.5% or 0.015)." },
  ),
  PARAM_UNUSUAL: rule(
    "PARAM_UNUSUAL",
    "warning",
    { zh: "参数值异常", en: "Unusual parameter" },
    {
      zh: "参数表中的值合法但少见，并会改变应缴额：安置比例低于1.5%或高于3%、征收比例低于20%、封顶倍数不在1–3倍、滞纳金低于每日5‰、社会平均工资不在3万–30万元、登记注册晚于数据年度、申报日期比今天晚一年以上。警告。",
      en: "A parameter block value is lawful but unusual, and changes the levy: a quota below 1.5% or above 3%, a collection rate below 20%, a cap outside 1–3×, a late fee below 5‰ a day, a social average outside 30,000–300,000, registration after the data year, a filing date more than a year after today. Warning.",
    },
    SOURCE,
    { zh: "核对该值及其依据。", en: "Check the value and its source." },
  ),
};

function decimalOrNull(v: unknown): Decimal | null {
  if (v === undefined || v === null || v === "") return null;
  try {
    return dec(v as string);
  } catch {
    return null;
  }
}

export const plausibilityRules: RuleModule = {
  rules: Object.values(PLAUSIBILITY_RULES),
  check(ctx: RuleContext): Finding[] {
    const { model, result } = ctx;
    const block = model.parameters;
    if (!block) return [];
    const settings = block.settings;
    const filingDate = result?.filingDate ?? model.period.filingDate ?? `${model.period.filingYear}-07-01`;
    const fromBlock = model.period.source === "parameters";
    const issues = checkPlausibility({
      rules: model.rules,
      socialAverageWage: decimalOrNull(settings.case.socialAverageWage),
      alreadyPaid: decimalOrNull(settings.case.alreadyPaid),
      filingDate,
      dataYear: model.period.dataYear,
      registrationDate: settings.case.registrationDate ?? null,
      // A filing date the block does not set is not the block's to be questioned.
      today: fromBlock ? model.today : null,
    });
    const cellOf = (field: PlausibilityField): CellRef[] => {
      const key = field === "filingDate" && settings.rows.filingDate === undefined ? "filingYear" : field;
      const row = settings.rows[key as keyof typeof settings.rows];
      return row === undefined ? [] : [block.cellOf(row)];
    };
    const out: Finding[] = [];
    for (const i of issues) {
      const cells = cellOf(i.field);
      // Only what the block says: an override from elsewhere has no cell here.
      if (cells.length === 0) continue;
      const info = i.severity === "error" ? PLAUSIBILITY_RULES.PARAM_IMPLAUSIBLE : PLAUSIBILITY_RULES.PARAM_UNUSUAL;
      const used =
        i.severity === "error" && result
          ? { zh: ` 本次计算按该值得出（应补（退）费额 ${result.payable.toFixed(2)}）。`, en: ` The calculation shown used it (payable ${result.payable.toFixed(2)}).` }
          : { zh: "", en: "" };
      out.push(
        makeFinding(info, {
          message: { zh: `参数表 ${cells[0].sheet}!${cells[0].address}：${i.message.zh}${used.zh}`, en: `Parameter block ${cells[0].sheet}!${cells[0].address}: ${i.message.en}${used.en}` },
          cells,
          amount: amountAtStake(ctx, i),
        }),
      );
    }
    return out;
  },
};

/** Payable as computed minus payable with the likely reading (when there is one and the case can be recomputed). */
function amountAtStake(ctx: RuleContext, i: PlausibilityIssue): Decimal | null {
  const { result, model } = ctx;
  if (!result || !model.levyCase || i.severity !== "error") return null;
  let patch: Partial<LevyCase> | null = null;
  if (i.suggestion !== undefined && i.field in (model.rules ?? {})) {
    patch = { overrides: { ...(model.levyCase.overrides ?? {}), [i.field as ParameterName]: i.suggestion } };
  } else if (i.suggestion !== undefined && i.field === "socialAverageWage") {
    patch = { socialAverageWage: i.suggestion };
  }
  if (!patch) return null;
  const other = ctx.payableWith(patch);
  return other === null ? null : result.payable.minus(other);
}
