/**
 * Wage-total rules (rules file §3): the statutory components are in, the 第十一条 items are out, and pay of people
 * excluded from the headcount is out too, so the average wage (form column 8) is neither understated nor inflated.
 * A declared figure "appears to include/omit" an amount when the gap to the computed total matches it within
 * max(1 yuan, 0.01%).
 */
import { Decimal, ZERO, moneyDisplay } from "../../core/decimal";
import type { Bilingual } from "../../core/rules/types";
import { PAY_CATEGORIES, meaningLabel } from "../../workbook/fields";
import { recogniseHeader } from "../../workbook/headers";
import type { PayCategory } from "../../workbook/fields";
import type { CellRef } from "../../workbook/types";
import { rule } from "../context";
import type { RuleContext, RuleModule } from "../context";
import { makeFinding } from "../finding";
import type { Finding, RuleInfo } from "../types";

const RULE_1990 = "《关于工资总额组成的规定》（国家统计局令1990年第1号）";

export const WG_RULES: Record<string, RuleInfo> = {
  WG_NO_GROSS_PAY: rule(
    "WG_NO_GROSS_PAY",
    "error",
    { zh: "工资总额为0", en: "Wage total is 0" },
    {
      zh: "有在职职工而工资表读出的工资总额为0：工资表只有实发工资（税后，不是工资总额），或应发工资是公式而文件里保存的结果为0或为空（文件未经 Excel 重新计算保存）。按0计算会少缴全部保障金，因此为错误。",
      en: "There are staff but the payroll gives a wage total of 0: the payroll has only net pay (实发, after deductions, not the wage total), or gross pay is a formula whose saved result is 0 or empty (the file was not recalculated and saved in Excel). Computing on 0 would understate the levy entirely, so this is an error.",
    },
    `${RULE_1990} 第三条; 财税〔2015〕72号 第五条`,
  ),
  WG_BONUS_MISSING: rule(
    "WG_BONUS_MISSING",
    "warning",
    { zh: "奖金、津贴或加班工资可能未计入", en: "Bonuses, allowances or overtime may be missing" },
    {
      zh: "奖金（含年终奖）、津贴补贴、加班工资都属于工资总额（第四条）。工资表有这些项目而申报的工资总额恰好少了它们，或工资表根本没有奖金和津贴列时提示。申报少计且影响应缴金额时为错误。",
      en: "Bonuses (including year-end bonuses), allowances and overtime are wages (art. 4). Raised when the declared wage total is short by exactly such items, or when the payroll has no bonus or allowance column at all. An error when the declaration omits them and the payable amount changes.",
    },
    `${RULE_1990} 第四条`,
  ),
  WG_NON_WAGE_INCLUDED: rule(
    "WG_NON_WAGE_INCLUDED",
    "warning",
    { zh: "非工资项目计入了工资总额", en: "Non-wage items included in the wage total" },
    {
      zh: "福利费、独生子女费、出差伙食补助/误餐补助、经济补偿金、离退休费、劳动保护费、单位缴纳的社保公积金、稿费讲课费等不属于工资总额（第十一条）。申报的工资总额或表内“应发合计”看来包含了它们时提示；申报多计且影响应缴金额时为错误。",
      en: "Welfare, one-child allowances, travel and missed-meal allowances, severance, retiree costs, labour protection, employer social insurance and housing fund, author and lecture fees are not wages (art. 11). Raised when the declared wage total or the sheet's own total column appears to include them; an error when the declaration includes them and the payable amount changes.",
    },
    `${RULE_1990} 第十一条`,
  ),
  WG_EXCLUDED_STAFF_PAY: rule(
    "WG_EXCLUDED_STAFF_PAY",
    "info",
    { zh: "不计人数人员的工资已剔除", en: "Pay of staff excluded from headcount removed" },
    {
      zh: "实习、非全日制、返聘、派遣、劳务及短期合同人员不计入人数，其工资也不计入工资总额，否则平均工资被抬高。信息；申报的工资总额看来包含了这些工资时为警告（影响应缴金额时为错误）。",
      en: "Interns, part-time, re-hired retirees, dispatched, service-agreement and short-contract staff are not in the headcount, so their pay is left out of the wage total (else the average wage is inflated). Info; a warning when the declared wage total appears to include it (an error when the payable amount changes).",
    },
    "财税〔2015〕72号 第八条",
  ),
  WG_PAID_OUTSIDE_EMPLOYMENT: rule(
    "WG_PAID_OUTSIDE_EMPLOYMENT",
    "warning",
    { zh: "数据年度内未在职人员领取了工资", en: "Pay in the data year to people not employed in it" },
    {
      zh: "花名册的任职期整段在数据年度之外（如上年离职），工资表却有其本年的工资。工资总额按本年实际支付计，包含这笔工资，但此人不计入人数，平均工资因此抬高；如花名册的入职/离职日期有误，人数也错了。警告，列出人数、金额和不计入时的应缴差额：请核对花名册日期与工资表的所属期。",
      en: "The roster places the person's employment wholly outside the data year (e.g. left last year), yet the payroll pays them in it. The wage total counts what was paid in the year, so it includes this pay, while the person is not in the headcount, which raises the average wage; if the roster's dates are wrong, the headcount is wrong too. A warning with the people, the amount and the payable without it: check the roster's dates and the payroll's periods.",
    },
    `${RULE_1990} 第三条；财税〔2015〕72号 第五条`,
  ),
  WG_TOTAL_UNRECONCILED: rule(
    "WG_TOTAL_UNRECONCILED",
    "error",
    { zh: "合计列与工资构成列对不上", en: "Total column does not reconcile with the components" },
    {
      zh: "工资表既有工资构成列又有应发合计列，但合计列既不等于构成列之和，也不等于构成列加非工资项目：两个来源对不上。工资总额按应发合计列（减去其中的非工资项目）计算——构成列可能漏了未识别的项目，或混入了实发等列——但也可能合计列之外另有工资（如单列的年终奖）。错误：请核对，必要时用映射（如 列:应发工资 | pay:timeWage）说明各列含义。",
      en: "The payroll has component columns and a total column, but the total equals neither the components nor components plus non-wage items: two sources disagree. The wage total takes the total column (less the non-wage items in it) — the components may miss an unrecognised item or include a net-pay column — but pay may also sit outside the total (a separate year-end bonus column). Error: check, and map columns if needed (e.g. 列:应发工资 | pay:timeWage).",
    },
    `${RULE_1990} 第四条`,
  ),
  WG_PAY_RATE_ONLY: rule(
    "WG_PAY_RATE_ONLY",
    "error",
    { zh: "工资表只有工资标准或基数列", en: "The payroll has only rate or base columns" },
    {
      zh: "工资表没有应发工资，也没有工资构成列（基本工资、奖金、津贴等），只有工资标准、月薪、定薪、合同工资、缴费基数之类的列：这些是标准或基数，不是当期实际发放的工资，不能当作工资总额。不作猜测：工资总额未从这些列取数。错误。",
      en: "The payroll has no gross pay and no wage components (basic pay, bonuses, allowances…), only rate or base columns such as 工资标准, 月薪, 定薪, 合同工资 or a contribution base: these are standards, not pay actually paid in the period, and are not the wage total. No guess is made: the wage total is not taken from them. Error.",
    },
    `${RULE_1990} 第三条`,
  ),
  WG_GROSS_CHOSEN: rule(
    "WG_GROSS_CHOSEN",
    "info",
    { zh: "多个应发类列：已按表头选定", en: "Several gross-like columns: chosen by their headers" },
    {
      zh: "工资表有多个应发类的列，表头写明了哪一列是本期实际应发：调整后的优先于调整前的，本月的优先于上月、去年同期，实际的优先于预算；“其中”列是另一列的明细。其余列显示为未使用，不计入工资总额。信息。",
      en: "The payroll has several gross-like columns and their headers say which is the period's actual gross: the adjusted one over the one before adjustment, this month's over last month's or last year's, actual over budget; an 'of which' (其中) column breaks down another column. The others are shown as not used and are not in the wage total. Info.",
    },
    `${RULE_1990} 第三条`,
  ),
  WG_GROSS_AMBIGUOUS: rule(
    "WG_GROSS_AMBIGUOUS",
    "error",
    { zh: "多个应发列金额不同，无法确定用哪一列", en: "Several gross columns with different sums: which one is unclear" },
    {
      zh: "工资表有两个或更多应发工资列，表头没有说明哪一列是本期实际应发，而它们的合计不同：工资总额暂按第一列计算，但另一列也可能是对的。错误：请删除多余的列，或用映射指定（如 列:应发工资2 | 忽略）。",
      en: "The payroll has two or more gross-pay columns, their headers do not say which is the period's actual gross, and their sums differ: the wage total uses the first for now, but the other may be the right one. Error: remove the extra column, or map it (e.g. 列:应发工资2 | ignore).",
    },
    `${RULE_1990} 第三条`,
  ),
  WG_DECLARED_MISMATCH: rule(
    "WG_DECLARED_MISMATCH",
    "error",
    { zh: "申报工资总额与工资表不符", en: "Declared wage total differs from the payroll" },
    {
      zh: "申报表第4栏（或参数表）的工资总额与按工资表计算的不一致（容差1元），并列出可能的原因。影响应缴金额时为错误，否则为警告。",
      en: "The wage total in declaration column 4 (or the parameter block) differs from the payroll-derived total (tolerance CNY 1), with the likely causes. An error when it changes the amount payable, else a warning.",
    },
    `${RULE_1990}；财税〔2015〕72号 第八条`,
  ),
};

function tolerance(base: Decimal): Decimal {
  return Decimal.max(new Decimal(1), base.abs().times("0.0001"));
}

function near(a: Decimal, b: Decimal, base: Decimal): boolean {
  return a.minus(b).abs().lessThanOrEqualTo(tolerance(base));
}

function payCells(ctx: RuleContext, categories: (c: PayCategory) => boolean): CellRef[] {
  const cells: CellRef[] = [];
  for (const t of ctx.model.tables) {
    if (t.kind !== "payroll" && !(t.kind === "roster" && t.embedded.payroll)) continue;
    for (const p of t.pay) if (categories(p.category)) cells.push({ sheet: t.sheetName, address: `${t.columns.find((c) => c.index === p.index)!.letter}${t.origin.row + t.headerRowIndex}` });
  }
  return cells;
}

function deltaPayable(ctx: RuleContext, wageTotal: Decimal): Decimal | null {
  const w = ctx.payableWith({ wageTotal: wageTotal.toString() });
  return w && ctx.result ? w.minus(ctx.result.payable) : null;
}

function sumOf(map: Map<PayCategory, Decimal>, cats: readonly PayCategory[]): Decimal {
  return cats.reduce((a, c) => a.plus(map.get(c) ?? ZERO), ZERO);
}

const LABEL = (c: PayCategory): Bilingual => PAY_CATEGORIES[c].label;

/** What the dictionary alone makes of a header (to spot a mapping that turns a non-wage item into wages). */
function headerCategory(header: string): PayCategory | null {
  const m = recogniseHeader(header);
  return m && m.field === "pay" && m.category ? m.category : null;
}

export const wageRules: RuleModule = {
  rules: Object.values(WG_RULES),
  check(ctx) {
    const out: Finding[] = [];
    const { model } = ctx;
    const p = model.payroll;
    const zero = noGrossPay(ctx);
    if (zero) out.push(zero);
    if (!p.found || (model.wageSource !== "payroll" && model.wageSource !== "roster")) {
      return out;
    }
    out.push(...payColumnChoices(ctx));
    const computed = p.wageTotal;
    // Where column 4 is the sum of contribution bases (Shanghai), the declared figure is that sum, not wages: the
    // wage-total comparisons below would compare unlike things (the declaration rules check it against the result).
    const declared = model.wageBasis === "social-insurance-base" ? undefined : model.declared.wageTotal;
    const gap = declared ? declared.value.minus(computed) : null;
    const causes: Bilingual[] = [];

    // Pay of excluded staff.
    if (p.excludedStaff.rows > 0) {
      const total = p.excludedStaff.total;
      const included = gap !== null && gap.greaterThan(tolerance(computed)) && near(gap, total, computed);
      if (included) causes.push({ zh: `不计人数人员的工资 ${moneyDisplay(total)}`, en: `pay of staff excluded from the headcount, ${moneyDisplay(total)}` });
      const amount = included ? deltaPayable(ctx, computed.plus(total)) : null;
      const byReason = [...p.excludedStaff.byReason].map(([r, d]) => `${r} ${moneyDisplay(d)}`).join(", ");
      const cells = model.accounting.outcomes.filter((o) => o.reason === "WG_EXCLUDED_STAFF_PAY" && o.cell).map((o) => ({ sheet: o.sheet, address: o.cell! }));
      out.push(
        makeFinding(WG_RULES.WG_EXCLUDED_STAFF_PAY, {
          severity: included ? (amount && amount.abs().greaterThanOrEqualTo("0.01") ? "error" : "warning") : "info",
          rows: p.excludedStaff.rows,
          cells,
          message: {
            zh: `${p.excludedStaff.people.size} 名不计入人数人员的工资 ${moneyDisplay(total)} 元（${p.excludedStaff.rows} 行；${byReason}）未计入工资总额。${included ? "申报的工资总额恰好多出这笔工资，看来包含了它。" : ""}`,
            en: `Pay of ${p.excludedStaff.people.size} people excluded from the headcount, ${moneyDisplay(total)} (${p.excludedStaff.rows} rows; ${byReason}), was left out of the wage total.${included ? " The declared wage total exceeds the payroll by exactly this amount, so it appears to include it." : ""}`,
          },
          suggestion: included
            ? { zh: "从申报的工资总额中扣除这些人员的工资。", en: "Remove their pay from the declared wage total." }
            : { zh: "无需处理。", en: "Nothing to do." },
          amount,
        }),
      );
    }

    // Pay in the data year to people the roster employs wholly outside it: paid, so in the wage total; not staff of
    // the year, so not in the headcount. Both readings move the payable, so it is said with the amount either way.
    const outsiders = model.persons.filter((x) => x.inRoster && x.reason === "PERIOD_MISMATCH" && x.payRows > 0);
    const outsiderPay = outsiders.reduce<Decimal>((a, x) => a.plus(new Decimal(x.wageFen).dividedBy(100)).plus(x.wageExtra ?? ZERO), ZERO);
    if (outsiders.length > 0 && !outsiderPay.isZero()) {
      const without = deltaPayable(ctx, computed.minus(outsiderPay));
      const rosterCells = outsiders.slice(0, 12).map((x) => ({ sheet: x.sheet, address: `A${x.sheetRow}` }));
      out.push(
        makeFinding(WG_RULES.WG_PAID_OUTSIDE_EMPLOYMENT, {
          rows: outsiders.reduce((a, x) => a + x.payRows, 0),
          cells: rosterCells,
          message: {
            zh: `${outsiders.length} 名花名册任职期在 ${model.period.dataYear} 年之外的人员本年领取工资 ${moneyDisplay(outsiderPay)} 元，已按实际支付计入工资总额，但不计入人数。${without ? `不计入时应缴费额相差 ${moneyDisplay(without.abs())} 元。` : ""}`,
            en: `${outsiders.length} ${outsiders.length === 1 ? "person" : "people"} the roster employs wholly outside ${model.period.dataYear} ${outsiders.length === 1 ? "was" : "were"} paid ${moneyDisplay(outsiderPay)} in it: counted in the wage total as paid, but not in the headcount.${without ? ` Without it the payable would differ by ${moneyDisplay(without.abs())}.` : ""}`,
          },
          suggestion: {
            zh: "核对花名册的入职/离职日期和工资表的所属期：如是上年工资本年补发，保留；如日期有误，更正花名册。",
            en: "Check the roster's hire/leave dates and the payroll's periods: back pay for last year paid this year stays; wrong dates should be corrected in the roster.",
          },
          amount: without,
        }),
      );
    }

    // Non-wage items.
    const nonWage = p.nonWageTotal;
    if (!nonWage.isZero()) {
      const declaredIncludes = gap !== null && gap.greaterThan(tolerance(computed)) && near(gap, nonWage, computed);
      if (declaredIncludes) {
        causes.push({ zh: `非工资项目 ${moneyDisplay(nonWage)}`, en: `non-wage items, ${moneyDisplay(nonWage)}` });
        const amount = deltaPayable(ctx, computed.plus(nonWage));
        out.push(
          makeFinding(WG_RULES.WG_NON_WAGE_INCLUDED, {
            severity: amount && amount.abs().greaterThanOrEqualTo("0.01") ? "error" : "warning",
            cells: [declared!.cell, ...payCells(ctx, (c) => PAY_CATEGORIES[c].kind === "nonWage")],
            message: {
              zh: `申报的工资总额 ${moneyDisplay(declared!.value)} 比按工资构成计算的 ${moneyDisplay(computed)} 多出 ${moneyDisplay(gap!)}，恰好等于非工资项目合计（${[...p.nonWage].map(([c, d]) => `${LABEL(c).zh} ${moneyDisplay(d)}`).join("、")}）。`,
              en: `The declared wage total ${moneyDisplay(declared!.value)} exceeds the component total ${moneyDisplay(computed)} by ${moneyDisplay(gap!)}, exactly the non-wage items (${[...p.nonWage].map(([c, d]) => `${LABEL(c).en} ${moneyDisplay(d)}`).join(", ")}).`,
            },
            suggestion: { zh: "申报的工资总额只计第四条的六项工资构成。", en: "Declare only the six wage components of art. 4." },
            amount,
          }),
        );
      }
      const check = p.totalColumnCheck;
      if (check && !check.nonWage.isZero() && !near(check.total, check.components, check.components) && near(check.total, check.components.plus(check.nonWage), check.components)) {
        out.push(
          makeFinding(WG_RULES.WG_NON_WAGE_INCLUDED, {
            severity: "warning",
            cells: payCells(ctx, (c) => PAY_CATEGORIES[c].kind === "total"),
            message: {
              zh: `工资表的合计列（${moneyDisplay(check.total)}）包含了非工资项目 ${moneyDisplay(check.nonWage)}；本工具按工资构成列计算工资总额 ${moneyDisplay(check.components)}，不用合计列。`,
              en: `The payroll's total column (${moneyDisplay(check.total)}) includes non-wage items of ${moneyDisplay(check.nonWage)}; the wage total is computed from the component columns, ${moneyDisplay(check.components)}, not from that column.`,
            },
            suggestion: { zh: "不要用含非工资项目的合计列申报工资总额。", en: "Do not declare the wage total from a total column that includes non-wage items." },
          }),
        );
      }
    }
    // A total column that is neither the components nor components + non-wage: the total was used (payroll.ts).
    for (const b of p.totalBasis) {
      out.push(
        makeFinding(WG_RULES.WG_TOTAL_UNRECONCILED, {
          cells: payCells(ctx, (c) => PAY_CATEGORIES[c].kind === "total").filter((c) => c.sheet === b.sheet),
          message: {
            zh: `“${b.sheet}”的应发合计列之和 ${moneyDisplay(b.total)} 与工资构成列之和 ${moneyDisplay(b.components)}（非工资项目 ${moneyDisplay(b.nonWage)}）对不上：工资总额按合计列计为 ${moneyDisplay(b.used)}，按构成列则为 ${moneyDisplay(b.components)}。`,
            en: `"${b.sheet}": the total column sums to ${moneyDisplay(b.total)}, the component columns to ${moneyDisplay(b.components)} (non-wage items ${moneyDisplay(b.nonWage)}): the wage total uses the total column, ${moneyDisplay(b.used)}; the components would give ${moneyDisplay(b.components)}.`,
          },
          suggestion: { zh: "核对未识别的列（如 夜班费、考勤扣款、实付工资）和合计列之外的工资，必要时在参数表用“列:表头 | 字段”映射。", en: "Check unrecognised columns (night-shift pay, attendance deductions, net pay) and pay outside the total, and map columns (列:header | field) if needed." },
        }),
      );
    }
    // A column the user mapped to a wage component although its header names a non-wage item.
    for (const t of model.tables) {
      for (const col of t.columns) {
        if (col.via !== "mapping" || col.meaning?.field !== "pay" || !col.meaning.category || PAY_CATEGORIES[col.meaning.category].kind !== "wage") continue;
        const byHeader = headerCategory(col.header);
        if (byHeader && PAY_CATEGORIES[byHeader].kind === "nonWage") {
          out.push(
            makeFinding(WG_RULES.WG_NON_WAGE_INCLUDED, {
              severity: "warning",
              cells: [{ sheet: t.sheetName, address: `${col.letter}${t.origin.row + t.headerRowIndex}` }],
              message: {
                zh: `“${col.header}”列按映射（${col.mappingOrigin}）计入了工资（${LABEL(col.meaning.category).zh}），但按表头它是${LABEL(byHeader).zh}，不属于工资总额。`,
                en: `Column "${col.header}" is mapped (${col.mappingOrigin}) as wages (${LABEL(col.meaning.category).en}), but by its header it is ${LABEL(byHeader).en}, which is not part of the wage total.`,
              },
              suggestion: { zh: "核对映射。", en: "Check the mapping." },
            }),
          );
        }
      }
    }

    // Bonus, allowance, overtime.
    const hasComponents = p.tables.some((t) => t.basis === "components");
    const present = p.categoriesPresent;
    if (hasComponents && !present.has("bonus") && !present.has("allowance")) {
      out.push(
        makeFinding(WG_RULES.WG_BONUS_MISSING, {
          severity: "warning",
          cells: payCells(ctx, () => true).slice(0, 1),
          message: {
            zh: "工资表没有奖金或津贴补贴列：年终奖、绩效奖金、津贴补贴都属于工资总额。若另有奖金发放表，请一并提供。",
            en: "The payroll has no bonus or allowance column: year-end and performance bonuses and allowances are wages. If bonuses are paid through a separate sheet, include it.",
          },
          suggestion: { zh: "补充奖金、津贴补贴数据。", en: "Add the bonus and allowance data." },
        }),
      );
    }
    if (gap !== null && gap.isNegative() && gap.abs().greaterThan(tolerance(computed))) {
      const candidates: Array<{ cats: PayCategory[]; label: Bilingual }> = [
        { cats: ["bonus"], label: LABEL("bonus") },
        { cats: ["allowance"], label: LABEL("allowance") },
        { cats: ["overtime"], label: LABEL("overtime") },
        { cats: ["bonus", "allowance"], label: { zh: "奖金和津贴补贴", en: "bonuses and allowances" } },
        { cats: ["bonus", "allowance", "overtime"], label: { zh: "奖金、津贴补贴和加班工资", en: "bonuses, allowances and overtime" } },
      ];
      const hit = candidates.find((c) => {
        const s = sumOf(p.byCategory, c.cats);
        return !s.isZero() && near(gap.abs(), s, computed);
      });
      if (hit) {
        const s = sumOf(p.byCategory, hit.cats);
        causes.push({ zh: `少计${hit.label.zh} ${moneyDisplay(s)}`, en: `${hit.label.en} left out, ${moneyDisplay(s)}` });
        const amount = deltaPayable(ctx, computed.minus(s));
        out.push(
          makeFinding(WG_RULES.WG_BONUS_MISSING, {
            severity: amount && amount.abs().greaterThanOrEqualTo("0.01") ? "error" : "warning",
            cells: [declared!.cell, ...payCells(ctx, (c) => hit.cats.includes(c))],
            message: {
              zh: `申报的工资总额 ${moneyDisplay(declared!.value)} 比工资表少 ${moneyDisplay(gap.abs())}，恰好等于${hit.label.zh}合计：这些属于工资总额，应当计入。`,
              en: `The declared wage total ${moneyDisplay(declared!.value)} is ${moneyDisplay(gap.abs())} short of the payroll, exactly the ${hit.label.en}: these are wages and must be included.`,
            },
            suggestion: { zh: "把奖金（含年终奖）、津贴补贴、加班工资计入工资总额。", en: "Include bonuses (with the year-end bonus), allowances and overtime in the wage total." },
            amount,
          }),
        );
      }
    }

    // The headline comparison.
    if (declared && gap !== null && gap.abs().greaterThan(new Decimal(1))) {
      const amount = deltaPayable(ctx, declared.value);
      out.push(
        makeFinding(WG_RULES.WG_DECLARED_MISMATCH, {
          severity: amount && amount.abs().greaterThanOrEqualTo("0.01") ? "error" : "warning",
          cells: [declared.cell],
          message: {
            zh: `${declared.source === "declaration" ? "申报表第4栏" : "参数表"}的工资总额为 ${moneyDisplay(declared.value)}，按工资表计算为 ${moneyDisplay(computed)}（差 ${moneyDisplay(gap)}）。${causes.length ? `可能原因：${causes.map((c) => c.zh).join("；")}。` : ""}`,
            en: `The wage total in ${declared.source === "declaration" ? "declaration column 4" : "the parameter block"} is ${moneyDisplay(declared.value)}; the payroll gives ${moneyDisplay(computed)} (difference ${moneyDisplay(gap)}).${causes.length ? ` Likely cause: ${causes.map((c) => c.en).join("; ")}.` : ""}`,
          },
          suggestion: { zh: "按工资表的六项工资构成重新汇总工资总额。", en: "Recompute the wage total from the payroll's six wage components." },
          amount,
        }),
      );
    }
    return out;
  },
};

/** Columns recognised as reference figures (rates, counts, other periods, breakdowns) of a table. */
function referenceColumns(t: RuleContext["model"]["tables"][number], categories: readonly PayCategory[]) {
  return t.columns.filter((c) => c.via === "dictionary" && c.meaning?.field === "pay" && c.meaning.category !== undefined && categories.includes(c.meaning.category));
}

/**
 * How the payroll's gross columns were chosen, table by table: rate or base columns only (no gross, no components) is
 * an error, never a guess; gross-like columns settled by their headers (调整后 over 调整前, 本月 over 上月, actual over
 * budget, 其中 breakdowns) are an info naming the columns left out; two gross columns with different sums, the first
 * of which set the wage total, are an error naming both.
 */
function payColumnChoices(ctx: RuleContext): Finding[] {
  const { model } = ctx;
  const p = model.payroll;
  const out: Finding[] = [];
  if (!p.found || (model.wageSource !== "payroll" && model.wageSource !== "roster")) return out;
  const seen = new Set<string>();
  for (const t of model.tables) {
    if (t.derived || !(t.kind === "payroll" || (t.kind === "roster" && t.embedded.payroll && model.wageSource === "roster"))) continue;
    // Month-column payrolls are read as one slice per month over the same columns: one finding per sheet and header.
    const key = `${t.sheetName}\u0000${t.headerRowIndex}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const headerRow = t.origin.row + t.headerRowIndex;
    const cell = (c: { letter: string }) => ({ sheet: t.sheetName, address: `${c.letter}${headerRow}` });
    const used = t.columns.filter((c) => t.pay.some((x) => x.index === c.index && (PAY_CATEGORIES[x.category].kind === "wage" || PAY_CATEGORIES[x.category].kind === "total")));
    // Where the rules make the contribution base the levy basis (Shanghai), a base column alone is what is needed.
    const bases = model.wageBasis === "social-insurance-base" ? [] : t.columns.filter((c) => t.pay.some((x) => x.index === c.index && PAY_CATEGORIES[x.category].kind === "base"));
    const rates = [...referenceColumns(t, ["payRate"]), ...bases];
    if (!used.length && rates.length) {
      const names = rates.map((c) => `${c.letter} ${c.header}`);
      out.push(
        makeFinding(WG_RULES.WG_PAY_RATE_ONLY, {
          cells: rates.map(cell),
          message: {
            zh: `“${t.sheetName}”表没有应发工资或工资构成列，只有工资标准/基数类的列（${names.join("、")}）：这些不是当期实际发放的工资，工资总额未从它们取数。`,
            en: `Sheet "${t.sheetName}" has no gross pay or wage-component column, only rate or base columns (${names.join(", ")}): these are not pay actually paid in the period, and the wage total is not taken from them.`,
          },
          suggestion: {
            zh: "提供含应发工资或工资构成（基本工资、奖金、津贴等）的工资表；如某列确是当期发放额，请用映射说明（如 列:工资标准 | 基本工资）。",
            en: "Provide a payroll with gross pay or the wage components (basic pay, bonuses, allowances…); if a column really is the period's pay, say so in the mapping (e.g. 列:工资标准 | timeWage).",
          },
        }),
      );
    }
    const others = referenceColumns(t, ["payOtherPeriod", "payBreakdown"]);
    if (others.length && used.length) {
      const usedText = used.map((c) => `${c.letter} ${c.header}`);
      const otherText = others.map((c) => ({ zh: `${c.letter} ${c.header} 是${meaningLabel(c.meaning!).zh}`, en: `${c.letter} ${c.header} is ${meaningLabel(c.meaning!).en.replace(/^'/, "an '")}` }));
      out.push(
        makeFinding(WG_RULES.WG_GROSS_CHOSEN, {
          cells: [...used, ...others].map(cell),
          message: {
            zh: `“${t.sheetName}”表：工资总额取 ${usedText.join("、")}；${otherText.map((x) => x.zh).join("；")}，未计入。`,
            en: `Sheet "${t.sheetName}": the wage total takes ${usedText.join(", ")}; ${otherText.map((x) => x.en).join("; ")}, not counted.`,
          },
          suggestion: { zh: "核对所选的列；如选错，请用映射指定（如 列:应发工资（调整前） | 忽略）。", en: "Check the column chosen; if it is wrong, map the columns (e.g. 列:应发工资（调整前） | ignore)." },
        }),
      );
    }
  }
  // Two gross columns left after the headers had their say: where the first set the wage total, their sums must agree.
  for (const tr of p.tables) {
    const usesTotal = tr.basis === "total" || p.totalBasis.some((b) => b.table === tr.table);
    if (!usesTotal) continue;
    const totals = p.columns.filter((c) => c.table === tr.table && PAY_CATEGORIES[c.category].kind === "total");
    if (totals.length < 2 || totals.every((c) => c.included.minus(totals[0].included).abs().lessThanOrEqualTo(1))) continue;
    const t = model.tables[tr.table];
    const headerRow = t ? t.origin.row + t.headerRowIndex : 1;
    out.push(
      makeFinding(WG_RULES.WG_GROSS_AMBIGUOUS, {
        cells: totals.map((c) => ({ sheet: c.sheet, address: `${c.column}${headerRow}` })),
        message: {
          zh: `“${tr.sheet}”表有 ${totals.length} 个应发工资列，合计不同：${totals.map((c) => `${c.column} ${c.header} ${moneyDisplay(c.included)}`).join("，")}。表头没有说明哪一列是本期实际应发；工资总额暂按 ${totals[0].column} ${totals[0].header} 计算。`,
          en: `Sheet "${tr.sheet}" has ${totals.length} gross-pay columns with different sums: ${totals.map((c) => `${c.column} ${c.header} ${moneyDisplay(c.included)}`).join("; ")}. The headers do not say which is the period's actual gross; the wage total uses ${totals[0].column} ${totals[0].header} for now.`,
        },
        suggestion: { zh: "删除多余的应发列，或用映射把不用的列设为忽略。", en: "Remove the extra gross column, or map the one not to use to ignore." },
      }),
    );
  }
  return out;
}

/**
 * Staff but no wages: a payroll with only net pay, or gross pay as formulas whose saved results are 0 or empty. The
 * levy would be computed on 0 with nothing beside it; say which sheet, which columns and why.
 */
function noGrossPay(ctx: RuleContext): Finding | null {
  const { model, result } = ctx;
  if (!result || !result.wageTotal.isZero() || !result.headcount.greaterThan(0)) return null;
  if (model.wageSource !== "payroll" && model.wageSource !== "roster") return null;
  const tables = model.tables.filter((t) => t.kind === "payroll" || (t.kind === "roster" && t.embedded.payroll && model.wageSource === "roster"));
  if (!tables.length) return null;
  const cells: CellRef[] = [];
  const why: Bilingual[] = [];
  for (const t of tables) {
    const header = (i: number) => t.columns.find((c) => c.index === i)?.header ?? "";
    const letter = (i: number) => t.columns.find((c) => c.index === i)?.letter ?? "A";
    const headerRow = t.origin.row + t.headerRowIndex;
    const gross = t.pay.filter((x) => ["wage", "total"].includes(PAY_CATEGORIES[x.category].kind));
    const net = t.pay.filter((x) => x.category === "netPay");
    if (!gross.length) {
      const rates = referenceColumns(t, ["payRate", "payOtherPeriod"]);
      if (rates.length) {
        cells.push(...rates.map((c) => ({ sheet: t.sheetName, address: `${c.letter}${headerRow}` })));
        why.push({ zh: `“${t.sheetName}”表的 ${rates.map((c) => c.header).join("、")} 是工资标准、其他期间或预算的金额，不是本期发放的工资`, en: `sheet "${t.sheetName}": ${rates.map((c) => c.header).join(", ")} ${rates.length === 1 ? "is a rate, another period's or a budgeted figure" : "are rates, other periods' or budgeted figures"}, not pay for the period` });
        continue;
      }
      cells.push(...(net.length ? net : t.pay).map((x) => ({ sheet: t.sheetName, address: `${letter(x.index)}${headerRow}` })));
      why.push(
        net.length
          ? { zh: `“${t.sheetName}”表只有实发工资列（${net.map((x) => header(x.index)).join("、")}），没有应发工资或工资构成列`, en: `sheet "${t.sheetName}" has only net pay (${net.map((x) => header(x.index)).join(", ")}), no gross pay or wage components` }
          : { zh: `“${t.sheetName}”表没有应发工资或工资构成列`, en: `sheet "${t.sheetName}" has no gross pay or wage-component column` },
      );
      continue;
    }
    let formulas = 0;
    for (const x of gross) {
      for (let r = t.dataStart; r < t.sheet.values.length; r++) {
        const f = t.sheet.formulas?.[r]?.[x.index];
        if (typeof f === "string" && f !== "") {
          formulas++;
          if (cells.length < 20) cells.push({ sheet: t.sheetName, address: `${letter(x.index)}${t.origin.row + r}` });
        }
      }
    }
    if (formulas) {
      why.push({
        zh: `“${t.sheetName}”表的应发工资有 ${formulas} 个公式单元格，文件中保存的结果为0或为空（文件可能由程序生成、未经 Excel 重新计算保存）`,
        en: `sheet "${t.sheetName}" has ${formulas} gross-pay formula cells whose saved results are 0 or empty (the file may have been written by a program and never recalculated in Excel)`,
      });
    } else cells.push(...gross.map((x) => ({ sheet: t.sheetName, address: `${letter(x.index)}${headerRow}` })));
  }
  return makeFinding(WG_RULES.WG_NO_GROSS_PAY, {
    cells,
    message: {
      zh: `在职职工 ${result.headcount.toString()} 人，工资表读出的工资总额却为0${why.length ? `：${why.map((w) => w.zh).join("；")}` : ""}。应缴金额按0计算，不可信。`,
      en: `${result.headcount.toString()} staff, yet the payroll gives a wage total of 0${why.length ? `: ${why.map((w) => w.en).join("; ")}` : ""}. The amount payable is computed on 0 and cannot be relied on.`,
    },
    suggestion: {
      zh: "提供含应发工资（工资总额）的工资表；如应发为公式，请在 Excel 中打开、重新计算并保存后再校验。",
      en: "Provide a payroll with gross pay (the wage total); if gross pay is a formula, open the file in Excel, recalculate and save, then validate again.",
    },
  });
}
