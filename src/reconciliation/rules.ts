/**
 * REC_* findings: what the reconciliation (reconcile.ts) could not explain, and the certification list against the
 * register. Severity policy: an unexplained remainder where the other source is HIGHER than the payroll's figure is an
 * error — the levy's wage total or headcount may be understated, and an understated levy is what the collecting
 * authority reassesses with a late fee (财税〔2015〕72号 第二十六条 / 《残疾人就业条例》第二十七条); where it is LOWER,
 * a warning — the levy may be overstated (the payer's loss), and it still has to be explained in the file.
 */
import type { Bilingual } from "../core/rules/types";
import { makeFinding, listPeople } from "../validation/finding";
import { rule } from "../validation/context";
import type { RuleContext, RuleModule } from "../validation/context";
import type { Finding } from "../validation/types";
import type { CellRef } from "../workbook/types";
import { SOURCE_LABELS } from "../workbook/source-tables";
import type { Bridge } from "./bridge";
import { reconcile } from "./reconcile";

const LAW_72 = "财税〔2015〕72号《残疾人就业保障金征收使用管理办法》第八条 (用人单位在职职工人数、工资总额)";
const LAW_IIT_14 = "《中华人民共和国个人所得税法》第十四条 (扣缴义务人每月或者每次预扣、代扣的税款，应当在次月十五日内缴入国库，并向税务机关报送扣缴个人所得税申报表)";
const LAW_72_CERT = "财税〔2015〕72号《残疾人就业保障金征收使用管理办法》第九条 (残疾人就业服务机构审核确认的安排残疾人就业人数)";

const R = {
  REC_WAGE_UNEXPLAINED: rule(
    "REC_WAGE_UNEXPLAINED",
    "error",
    { zh: "工资总额与账/税来源的差异无法解释", en: "Wage total differs from the books or a return by an unexplained amount" },
    {
      zh: "工资表的工资总额与总账2211、A105050第1行或个税工资薪金收入对账后，扣除实习生、退休返聘、派遣、劳务、福利与单位社保、跨年奖金等已解释部分，剩余差异超过容差。对方来源更高时为错误（残保金可能少计），更低时为警告。",
      en: "After the explained parts (interns, re-hired retirees, dispatched and service-agreement workers, welfare and employer contributions, bonuses accrued across the year end), the payroll's wage total still differs from the ledger 2211, A105050 line 1 or the IIT wage income by more than the tolerance. An error when the other source is higher (the levy may be understated), a warning when lower.",
    },
    LAW_72,
    { zh: "核对两边单元格：遗漏的工资表（月份、人员）、计入2211的非工资项目、跨年计提；确认后在参数区设置“工资对账容差”。", en: "Check the cells on both sides: a missing payroll month or person, non-wage items booked to 2211, accruals across the year end; the tolerance is the parameter 工资对账容差." },
  ),
  REC_HEADCOUNT_UNEXPLAINED: rule(
    "REC_HEADCOUNT_UNEXPLAINED",
    "error",
    { zh: "人数与个税/社保人数的差异无法解释", en: "Headcount differs from IIT or social-insurance counts by an unexplained amount" },
    {
      zh: "花名册年平均人数与个税工资薪金所得人数或社保参保人数的月平均相比，扣除已解释的人员类别后仍超过容差。对方人数更多时为错误（残保金人数可能少计），更少时为警告。",
      en: "The roster's annual average headcount differs from the monthly average of IIT wage earners or insured people by more than the tolerance after the explained categories. An error when the other source has more people (the levy headcount may be understated), a warning when fewer.",
    },
    LAW_72,
    { zh: "核对花名册是否漏人、离职日期，及个税/社保清单的月份；容差为参数“人数对账容差”。", en: "Check the roster for missing people and leave dates, and the months of the IIT / social-insurance lists; the tolerance is the parameter 人数对账容差." },
  ),
  REC_CERT_OVERRIDDEN: rule(
    "REC_CERT_OVERRIDDEN",
    "warning",
    { zh: "残联认证结果清单改变了名册的认定状态", en: "The DPF certification list changes the register's certification" },
    { zh: "同一人在残联认证结果清单与残疾职工名册中的认定结果不同：按清单（认证机构的结论）计算。", en: "The certification list and the register disagree for a person: the list (the certifying body's answer) is used." },
    LAW_72_CERT,
    { zh: "把名册的“残联认定”列改为与清单一致。", en: "Correct the register's 残联认定 column to match the list." },
  ),
  REC_CERT_NOT_IN_REGISTER: rule(
    "REC_CERT_NOT_IN_REGISTER",
    "warning",
    { zh: "清单上认证通过的人不在残疾职工名册中", en: "Certified on the list but missing from the register" },
    { zh: "残联认证结果清单上“通过”的人在名册（或花名册的残疾信息）中找不到：他们没有计入第7栏，残保金可能多计。", en: "People passed on the certification list are not in the register: they are not in column 7, so the levy may be overstated." },
    LAW_72_CERT,
    { zh: "把这些人补入残疾职工名册（含入职日期、合同、社保），或确认其不在本单位就业。", en: "Add them to the register (with hire date, contract, social insurance), or confirm they are not employed here." },
  ),
  REC_CERT_NOT_ON_LIST: rule(
    "REC_CERT_NOT_ON_LIST",
    "error",
    { zh: "名册认定为已认证的人不在残联认证结果清单上", en: "Certified in the register but not on the certification list" },
    { zh: "名册的“残联认定”为是，但残联认证结果清单上没有此人：计入第7栏的人数没有认证机构的结论支持，残保金可能少计。", en: "The register says certified, but the certification list has no such person: column 7 counts someone without the certifying body's answer, so the levy may be understated." },
    LAW_72_CERT,
    { zh: "向残联确认认证结果，或把名册的“残联认定”改为否。", en: "Confirm the result with the DPF, or set 残联认定 to no in the register." },
  ),
  REC_CERT_UNDECIDED: rule(
    "REC_CERT_UNDECIDED",
    "error",
    { zh: "残联认证结果清单无法确定此人的认证结果", en: "The DPF certification list does not settle a person's result" },
    {
      zh: "同一人在清单上有多个不同结果而认证日期无法排定先后（没有日期，或同一日期不同结果），或结果无法识别：无法确认此人已通过认证，未计入第7栏。",
      en: "The list has several different results for the person and the dates cannot order them (no dates, or the same date with different results), or the result cannot be read: the certification is not confirmed, so the person is left out of column 7.",
    },
    LAW_72_CERT,
    { zh: "向残联确认最新的认证结果，在清单中填写认证日期或删除过时的行。", en: "Confirm the latest result with the DPF; fill in the result dates or delete the outdated rows." },
  ),
  REC_SOURCE_UNREADABLE: rule(
    "REC_SOURCE_UNREADABLE",
    "error",
    { zh: "对账来源中有无法识别的单元格", en: "Unreadable cells in a reconciliation source" },
    { zh: "总账、A105050、个税或社保清单、认证清单中有金额、人数、月份或结果无法识别，该行未参与对账，对账数字不完整。", en: "An amount, count, month or result in a reconciliation source cannot be read; the row is left out, so the bridge is incomplete." },
    LAW_72,
    { zh: "把这些单元格改为数字、月份（2024-03）或“通过/不通过”。", en: "Enter a number, a month (2024-03) or 通过/不通过 in these cells." },
  ),
  REC_SOURCE_MONTHS_MISSING: rule(
    "REC_SOURCE_MONTHS_MISSING",
    "warning",
    { zh: "个税或社保清单缺少月份", en: "IIT or social-insurance list lacks months" },
    { zh: "清单没有覆盖全年：人数月平均按有数据的月份计算，收入额只含有数据的月份，工资对账差异会因此偏大。", en: "The list does not cover the whole year: the monthly average of people is over the months present, and the income only covers those months, so the wage difference is overstated." },
    LAW_72,
    { zh: "补齐缺少月份的汇总行。", en: "Add the missing months." },
  ),
  REC_SOURCE_LAYOUT_AMBIGUOUS: rule(
    "REC_SOURCE_LAYOUT_AMBIGUOUS",
    "error",
    { zh: "个税或社保清单的格式无法确定", en: "The layout of an IIT or social-insurance list cannot be told" },
    { zh: "表格同时有姓名/身份证号列和人数列：无法确定每行是一个人还是一个汇总数，不猜测，该表未参与对账。", en: "The table has both a name/ID column and a count column: whether a row is one person or a count cannot be told; it is not guessed, and the table is left out of the bridges." },
    LAW_72,
    { zh: "逐人明细请删除人数列；月度汇总请删除姓名/身份证号列。", en: "For per-person detail remove the count column; for a monthly summary remove the name/ID column." },
  ),
};

function money(b: Bridge, d: Bridge["unexplained"]): string {
  return b.measure === "wage" ? d.toFixed(2) : d.toDecimalPlaces(2).toFixed(2);
}

function bridgeFinding(ctx: RuleContext, b: Bridge): Finding {
  const info = b.measure === "wage" ? R.REC_WAGE_UNEXPLAINED : R.REC_HEADCOUNT_UNEXPLAINED;
  const higher = b.unexplained.gt(0);
  const explained = b.steps.map((s) => `${s.label.zh} ${money(b, s.amount)}`).join("；");
  const explainedEn = b.steps.map((s) => `${s.label.en} ${money(b, s.amount)}`).join("; ");
  const cells: CellRef[] = [...b.to.cells.slice(0, 4), ...b.from.cells.slice(0, 4)];
  // Money at stake: the payable had the unexplained remainder been in the levy's figure (column 4 or 5).
  let amount = null;
  if (ctx.result && ctx.model.levyCase) {
    const patched = b.measure === "wage" ? ctx.payableWith({ wageTotal: ctx.result.wageTotal.plus(b.unexplained).toString() }) : ctx.payableWith({ headcount: ctx.result.headcount.plus(b.unexplained).toString() });
    amount = patched ? patched.minus(ctx.result.payable) : null;
  }
  return makeFinding(info, {
    severity: higher ? "error" : "warning",
    message: {
      zh: `${b.to.label.zh} ${money(b, b.to.amount)}，${b.from.label.zh} ${money(b, b.from.amount)}；${explained ? `已解释：${explained}；` : ""}未解释差异 ${money(b, b.unexplained)}，超过容差 ${b.tolerance.toString()}。`,
      en: `${b.to.label.en} ${money(b, b.to.amount)}; ${b.from.label.en} ${money(b, b.from.amount)}; ${explainedEn ? `explained: ${explainedEn}; ` : ""}unexplained ${money(b, b.unexplained)}, above the tolerance ${b.tolerance.toString()}.`,
    },
    cells,
    amount,
  });
}

export const reconciliationRules: RuleModule = {
  rules: Object.values(R),
  check(ctx) {
    const out: Finding[] = [];
    if (!ctx.model.sourceTables || ctx.model.sourceTables.length === 0) return out;
    const r = reconcile(ctx.model);
    for (const b of r.bridges) if (!b.withinTolerance) out.push(bridgeFinding(ctx, b));
    const bad = r.sources.flatMap((s) => s.rows.bad.map((c) => ({ c, s })));
    if (bad.length) {
      out.push(
        makeFinding(R.REC_SOURCE_UNREADABLE, {
          message: { zh: `对账来源中有 ${bad.length} 个单元格无法识别（如 ${bad[0].c.sheet}!${bad[0].c.address}），所在行未参与对账。`, en: `${bad.length} cells of the reconciliation sources cannot be read (e.g. ${bad[0].c.sheet}!${bad[0].c.address}); their rows are left out of the bridges.` },
          cells: bad.map((x) => x.c),
          rows: bad.length,
        }),
      );
    }
    for (const [kind, months] of Object.entries(r.missingMonths) as Array<["iitSummary" | "socialInsurance", number[]]>) {
      const src = r.sources.find((s) => s.kind === kind);
      const im = kind === "iitSummary" ? r.iitMonths : null;
      // IIT months whose filing deadline has not passed are no finding (the bridge says so); the others should have
      // been filed, and the warning names them with the payroll's pay in them.
      if (im && im.due.length === 0 && im.notDue.length > 0) continue;
      const paid = im && im.due.length && im.paid && !im.paid.isZero() ? im.paid : null;
      out.push(
        makeFinding(R.REC_SOURCE_MONTHS_MISSING, {
          message: paid
            ? { zh: `${SOURCE_LABELS[kind].zh}缺少 ${im!.due.join("、")} 月：工资表这些月份发放工资 ${paid.toFixed(2)}，申报期限（次月15日）已过，应已扣缴申报。工资对账把这些工资列为“个税汇总未覆盖月份”，请补齐汇总或核实是否漏报。`, en: `The ${SOURCE_LABELS[kind].en} lacks months ${im!.due.join(", ")}: the payroll pays ${paid.toFixed(2)} in them and their filing deadline (the 15th of the next month) has passed, so they should have been filed. The wage bridge shows that pay as "months not in the IIT summary"; add those months or check whether they were filed.` }
            : { zh: `${SOURCE_LABELS[kind].zh}缺少 ${months.join("、")} 月。`, en: `The ${SOURCE_LABELS[kind].en} lacks months ${months.join(", ")}.` },
          cells: src ? [{ sheet: src.sheet, address: src.range }] : [],
          ...(paid ? { source: LAW_IIT_14, suggestion: { zh: "补齐这些月份的扣缴汇总；若确未申报，向主管税务机关补报。", en: "Add those months' withholding summaries; if they were not filed, file them with the tax office." } } : {}),
        }),
      );
    }
    for (const p of r.layoutProblems ?? []) {
      out.push(
        makeFinding(R.REC_SOURCE_LAYOUT_AMBIGUOUS, {
          message: { zh: `“${p.sheet}”（${SOURCE_LABELS[p.kind].zh}）同时有姓名/身份证号列和人数列，无法确定是逐人明细还是月度汇总：未参与对账。`, en: `"${p.sheet}" (${SOURCE_LABELS[p.kind].en}) has both a name/ID column and a count column; per-person rows or a monthly summary cannot be told: left out of the bridges.` },
          cells: p.cells,
        }),
      );
    }
    const c = r.certification;
    if (c) {
      if (c.overridden.length) {
        out.push(
          makeFinding(R.REC_CERT_OVERRIDDEN, {
            message: {
              zh: `残联认证结果清单改变了 ${c.overridden.length} 人的认定状态（${listPeople(c.overridden.map((o) => `${o.person}：名册${o.register === true ? "是" : o.register === false ? "否" : "空"}→清单${o.list ? "通过" : "不通过"}`)).zh}），按清单计算。`,
              en: `The certification list changes ${c.overridden.length} people's certification (${listPeople(c.overridden.map((o) => `${o.person}: register ${o.register === true ? "yes" : o.register === false ? "no" : "blank"} → list ${o.list ? "passed" : "not passed"}`)).en}); the list is used.`,
            },
            cells: c.overridden.flatMap((o) => [o.registerCell, o.listCell]),
            rows: c.overridden.length,
          }),
        );
      }
      if (c.notInRegister.length) {
        const names = c.notInRegister.map((e) => e.name ?? e.idNumber ?? "?");
        out.push(makeFinding(R.REC_CERT_NOT_IN_REGISTER, { message: { zh: `残联认证通过但不在残疾职工名册中：${listPeople(names).zh}。`, en: `Passed on the certification list but not in the register: ${listPeople(names).en}.` }, cells: c.notInRegister.map((e) => e.cells.row), rows: names.length }));
      }
      if (c.undecided.length) {
        const why = (r: string) => (r === "unreadable" ? { zh: "结果无法识别", en: "unreadable result" } : r === "noDate" ? { zh: "结果不同且无认证日期", en: "different results without dates" } : { zh: "同一日期结果不同", en: "different results on the same date" });
        out.push(
          makeFinding(R.REC_CERT_UNDECIDED, {
            message: {
              zh: `残联认证结果清单无法确定 ${c.undecided.length} 人的认证结果，未计入已认证人数：${listPeople(c.undecided.map((u) => `${u.person}（${why(u.reason).zh}，${u.listCells.map((x) => `${x.sheet}!${x.address}`).join("、")}）`)).zh}。`,
              en: `The certification list does not settle ${c.undecided.length} people's result; they are not counted as certified: ${listPeople(c.undecided.map((u) => `${u.person} (${why(u.reason).en}, ${u.listCells.map((x) => `${x.sheet}!${x.address}`).join(", ")})`)).en}.`,
            },
            cells: c.undecided.flatMap((u) => [u.registerCell, ...u.listCells]),
            rows: c.undecided.length,
          }),
        );
      }
      if (c.notOnList.length) {
        const names = c.notOnList.map((e) => e.person);
        out.push(makeFinding(R.REC_CERT_NOT_ON_LIST, { message: { zh: `名册认定为已认证，但残联认证结果清单上没有：${listPeople(names).zh}。`, en: `Certified in the register but not on the certification list: ${listPeople(names).en}.` }, cells: c.notOnList.map((e) => e.cell), rows: names.length }));
      }
    }
    return out;
  },
};

export const RECONCILIATION_RULES = R;
export type { Bilingual };
