/**
 * Headcount rules (rules file §2.1): who was left out of 上年在职职工人数 and why, and whether the user's own figure
 * (declaration column 5, the parameter block, or a monthly table) agrees with the roster.
 *
 * Severity: an exclusion is information (the tool did the right thing) unless the user's declared headcount exceeds
 * the roster figure by at least what that category adds — then the declaration appears to include them: warning.
 * A declared headcount that differs from the roster is an error when it changes the payable amount, else a warning.
 */
import { Decimal, ZERO, display2, moneyDisplay } from "../../core/decimal";
import type { Bilingual } from "../../core/rules/types";
import type { DetectedTable } from "../../workbook/detect";
import { cellAddress } from "../../workbook/address";
import type { CellRef } from "../../workbook/types";
import { rule } from "../context";
import type { RuleContext, RuleModule } from "../context";
import { listPeople, makeFinding } from "../finding";
import type { Finding, RuleInfo } from "../types";

const S72 = "财税〔2015〕72号 第八条";

export const HC_RULES: Record<string, RuleInfo> = {
  HC_TYPE_UNKNOWN: rule(
    "HC_TYPE_UNKNOWN",
    "error",
    { zh: "无法识别的用工形式", en: "Unrecognised employment type" },
    {
      zh: "在职职工指在编人员和签订一年以上劳动合同的人员。用工形式无法识别（如“外派”“借调”“挂职”）时无法判断是否应计入：此人暂按全日制职工计入人数、其工资计入工资总额，并列为错误，写明不计入时的应缴金额。",
      en: "在职职工 are 在编 staff and people with a labour contract of at least one year. An employment type the tool cannot read (外派, 借调, 挂职 …) cannot be decided: the person is counted as an ordinary employee for now, with their pay in the wage total, and it is an error stating the payable if they were left out.",
    },
    S72,
  ),
  HC_COUNTED_WITHOUT_PAY: rule(
    "HC_COUNTED_WITHOUT_PAY",
    "error",
    { zh: "计入人数的月份没有工资", en: "Counted in months with no pay" },
    {
      zh: "花名册显示在职、计入在职职工人数的人，在按月的工资表中这些月份没有任何工资：或者此人已离职（离职日期缺失或未识别），或者工资表缺少这些月份。人数与工资总额必须出自同一批人同一期间；影响人数达1人或1%时为错误，否则为警告。",
      en: "People the roster shows as employed, and counts in the headcount, have no pay at all in those months of the monthly payroll: either they had left (a leave date missing or not recognised) or the payroll lacks those months. Headcount and wage total must cover the same people and period; an error when the effect reaches 1 person or 1%, else a warning.",
    },
    `${S72}; 《关于工资总额组成的规定》(国家统计局令1990年第1号) 第三条`,
  ),
  HC_INTERN: rule(
    "HC_INTERN",
    "info",
    { zh: "实习生不计入人数", en: "Interns excluded from headcount" },
    {
      zh: "实习生与单位无劳动关系，不计入在职职工人数，其补贴也不计入工资总额。信息；若申报人数看来包含了他们则为警告。",
      en: "Interns have no labour relationship: not in the headcount, and their pay is not wages. Info; a warning when the declared headcount appears to include them.",
    },
    `${S72}；《关于工资总额组成的规定》第十一条（十三）`,
  ),
  HC_PART_TIME: rule(
    "HC_PART_TIME",
    "info",
    { zh: "非全日制用工不计入人数", en: "Part-time staff excluded from headcount" },
    {
      zh: "非全日制用工（劳动合同法第68–71条）可口头约定、随时终止，不满足“一年以上劳动合同”的条件。信息；申报看来包含时为警告。",
      en: "Part-time (非全日制) contracts may be oral and ended at any time, so they fail the one-year contract test. Info; a warning when the declaration appears to include them.",
    },
    `${S72}；《劳动合同法》第六十八条至第七十一条`,
  ),
  HC_RETIREE: rule(
    "HC_RETIREE",
    "info",
    { zh: "退休返聘人员不计入人数", en: "Re-hired retirees excluded from headcount" },
    {
      zh: "领取养老金后劳动合同终止，返聘属劳务关系，不计入在职职工人数。信息；申报看来包含时为警告。",
      en: "The labour contract ends when the pension starts; re-hired retirees are in a service relationship and are not counted. Info; a warning when the declaration appears to include them.",
    },
    S72,
  ),
  HC_DISPATCH_IN: rule(
    "HC_DISPATCH_IN",
    "info",
    { zh: "接收的劳务派遣人员不计入人数", en: "Dispatched workers received are not counted here" },
    {
      zh: "劳务派遣人员计入派遣单位的在职职工人数；只有残疾人派遣人员可按派遣协议约定计入用工单位（98号公告第二条）。信息；申报看来包含，或非残疾人被标为“约定计入”时为警告。",
      en: "Dispatched workers count at the dispatching agency; only disabled dispatched workers may be assigned to the user employer by the dispatch agreement (MOF notice 2019 No.98, item 2). Info; a warning when the declaration appears to include them or a non-disabled worker is marked as assigned.",
    },
    `${S72}；财政部公告2019年第98号 第二条`,
  ),
  HC_LABOUR_SERVICE: rule(
    "HC_LABOUR_SERVICE",
    "info",
    { zh: "劳务协议人员不计入人数", en: "Service-agreement workers excluded from headcount" },
    {
      zh: "以劳务协议（非劳动合同）用工的人员不计入在职职工人数。信息；申报看来包含时为警告。",
      en: "People engaged under a service (劳务) agreement rather than a labour contract are not counted. Info; a warning when the declaration appears to include them.",
    },
    S72,
  ),
  HC_SHORT_CONTRACT: rule(
    "HC_SHORT_CONTRACT",
    "info",
    { zh: "合同不足一年不计入人数", en: "Contracts under one year excluded" },
    {
      zh: "在职职工指在编人员或签订一年以上（含）劳动合同的人员；合同期限不足一年者不计入（季节工按实际月份折算除外）。信息；申报看来包含时为警告。",
      en: "在职职工 are 在编 staff or people with a contract of at least one year; shorter contracts are excluded (seasonal staff are averaged over their months instead). Info; a warning when the declaration appears to include them.",
    },
    S72,
  ),
  HC_LEFT_NO_DATE: rule(
    "HC_LEFT_NO_DATE",
    "error",
    { zh: "已离职但没有离职日期", en: "Left, but no leave date" },
    {
      zh: "员工状态为离职，但没有离职日期：无法知道在职到哪个月，按全年在职计入人数，人数可能偏高。错误。",
      en: "The employee status says the person left, but there is no leave date: the months on staff are unknown, so they are counted for the whole year and the headcount may be too high. Error.",
    },
    S72,
    { zh: "补填离职日期。", en: "Fill in the leave date." },
  ),
  HC_DECLARED_MISMATCH: rule(
    "HC_DECLARED_MISMATCH",
    "error",
    { zh: "申报人数与花名册不符", en: "Declared headcount differs from the roster" },
    {
      zh: "申报表第5栏、参数表或月度人数表的在职职工人数与按花名册计算的不一致（容差0.005人），并列出可解释差额的人员类别。影响应缴金额时为错误，否则为警告。",
      en: "The headcount in declaration column 5, the parameter block or the monthly table differs from the roster-derived figure (tolerance 0.005), with the categories that explain the gap. An error when it changes the amount payable, else a warning.",
    },
    `${S72}；苏财综〔2017〕17号（月平均人数）`,
  ),
};

const EXCLUSION_CODES = ["HC_INTERN", "HC_PART_TIME", "HC_RETIREE", "HC_DISPATCH_IN", "HC_LABOUR_SERVICE", "HC_SHORT_CONTRACT"] as const;

const CATEGORY_LABEL: Record<string, Bilingual> = {
  HC_INTERN: { zh: "实习生", en: "interns" },
  HC_PART_TIME: { zh: "非全日制", en: "part-time staff" },
  HC_RETIREE: { zh: "退休返聘", en: "re-hired retirees" },
  HC_DISPATCH_IN: { zh: "劳务派遣", en: "dispatched workers" },
  HC_LABOUR_SERVICE: { zh: "劳务协议", en: "service-agreement workers" },
  HC_SHORT_CONTRACT: { zh: "合同不足一年", en: "contracts under one year" },
};

const TOLERANCE = new Decimal("0.005");

function declaredHeadcounts(ctx: RuleContext): Array<{ value: Decimal; cells: CellRef[]; label: Bilingual }> {
  const out: Array<{ value: Decimal; cells: CellRef[]; label: Bilingual }> = [];
  const d = ctx.model.declared.headcount;
  if (d) out.push({ value: d.value, cells: [d.cell], label: d.source === "declaration" ? { zh: "申报表第5栏", en: "declaration column 5" } : { zh: "参数表", en: "the parameter block" } });
  const m = ctx.model.monthlyTable;
  if (m && m.monthsPresent > 0) out.push({ value: m.annual, cells: m.cells.filter((c): c is CellRef => c !== null), label: { zh: "月度人数表", en: "the monthly headcount table" } });
  return out;
}

function personCell(tables: readonly DetectedTable[], table: number, row: number, col: number): CellRef {
  const t = tables[table];
  const c = col >= 0 ? col : (t.columns[0]?.index ?? 0);
  return { sheet: t.sheetName, address: cellAddress(t.origin, row, c) };
}

export const headcountRules: RuleModule = {
  rules: Object.values(HC_RULES),
  check(ctx) {
    const out: Finding[] = [];
    const { model, result } = ctx;
    const hc = model.headcount;
    if (!hc) return out;
    const declared = declaredHeadcounts(ctx);
    const maxGap = declared.reduce((g, d) => Decimal.max(g, d.value.minus(hc.annual)), ZERO);
    const disabledPeople = new Set(model.disabled?.entries.map((e) => e.person).filter((p) => p !== null));

    for (const i of model.issues.byCode("HC_LEFT_NO_DATE")) {
      out.push(
        makeFinding(HC_RULES.HC_LEFT_NO_DATE, {
          rows: i.rows,
          cells: i.cells,
          message: {
            zh: `“${i.sheet}”表有 ${i.rows} 人员工状态为离职但没有离职日期（如 ${i.samples.join("、")}）：按全年在职计入人数，人数可能偏高。`,
            en: `Sheet "${i.sheet}": ${i.rows} people are marked as left but have no leave date (e.g. ${i.samples.join(", ")}): they are counted for the whole year, so the headcount may be too high.`,
          },
        }),
      );
    }
    for (const code of EXCLUSION_CODES) {
      const people = model.persons.filter((p) => p.status === "excluded" && p.reason === code);
      const assignedNonDisabled = code === "HC_DISPATCH_IN" ? model.persons.filter((p) => p.typeClass === "dispatchAssigned" && p.status === "counted" && !disabledPeople.has(p)) : [];
      if (people.length === 0 && assignedNonDisabled.length === 0) continue;
      const info = HC_RULES[code];
      if (people.length) {
        const annual = hc.excludedAnnual.get(code) ?? ZERO;
        const included = maxGap.greaterThan(TOLERANCE) && annual.greaterThan(0) && annual.lessThanOrEqualTo(maxGap.plus(TOLERANCE));
        const amount = included ? (() => {
          const w = ctx.payableWith({ headcount: hc.annual.plus(annual).toString() });
          return w && result ? w.minus(result.payable) : null;
        })() : null;
        const names = listPeople(people.map((p) => `${p.display}${p.typeText ? `（${p.typeText}）` : ""}`));
        const label = CATEGORY_LABEL[code];
        out.push(
          makeFinding(info, {
            severity: included ? "warning" : "info",
            rows: people.length,
            cells: people.slice(0, 200).map((p) => personCell(model.tables, p.table, p.row, p.decidingColumn)),
            message: {
              zh: `${people.length} 名${label.zh}未计入在职职工人数（折合年平均 ${display2(annual)} 人）：${names.zh}。${included ? `申报人数比花名册多 ${display2(maxGap)} 人，看来包含了他们。` : ""}`,
              en: `${people.length} ${label.en} left out of the headcount (annual average ${display2(annual)}): ${names.en}.${included ? ` The declared headcount exceeds the roster by ${display2(maxGap)}, so it appears to include them.` : ""}`,
            },
            suggestion: included
              ? { zh: `从申报人数中去掉${label.zh}（并从工资总额中去掉其工资）。`, en: `Remove the ${label.en} from the declared headcount (and their pay from the wage total).` }
              : { zh: "无需处理；如实为一年以上劳动合同职工，请更正用工形式或合同日期。", en: "Nothing to do; if they do hold a contract of a year or more, correct the employment type or contract dates." },
            amount,
          }),
        );
      }
      if (assignedNonDisabled.length) {
        out.push(
          makeFinding(info, {
            severity: "warning",
            rows: assignedNonDisabled.length,
            cells: assignedNonDisabled.slice(0, 200).map((p) => personCell(model.tables, p.table, p.row, model.tables[p.table].field.get("employmentType") ?? -1)),
            message: {
              zh: `${assignedNonDisabled.length} 名劳务派遣人员标为“约定计入”本单位，但不在残疾职工名册中：98号公告只允许残疾人派遣人员按协议约定计入用工单位；已按标注计入人数，请核实。`,
              en: `${assignedNonDisabled.length} dispatched workers are marked as assigned here by agreement but are not in the disabled register: MOF notice 2019 No.98 allows such agreements only for disabled dispatched workers. They were counted as marked; please check.`,
            },
            suggestion: { zh: "非残疾人派遣人员应由派遣单位计算：改为“劳务派遣”。", en: "Non-disabled dispatched workers count at the agency: mark them as 劳务派遣." },
          }),
        );
      }
    }

    const unknownType = unknownTypes(ctx);
    if (unknownType) out.push(unknownType);
    const unpaid = countedWithoutPay(ctx);
    if (unpaid) out.push(unpaid);

    for (const d of declared) {
      const gap = d.value.minus(hc.annual);
      if (gap.abs().lessThanOrEqualTo(TOLERANCE)) continue;
      const explains: string[] = [];
      const explainsEn: string[] = [];
      for (const [code, annual] of hc.excludedAnnual) {
        if (annual.isZero() || !CATEGORY_LABEL[code]) continue;
        const match = gap.greaterThan(0) && annual.minus(gap).abs().lessThanOrEqualTo(TOLERANCE);
        explains.push(`${CATEGORY_LABEL[code].zh} ${display2(annual)}${match ? "（恰好等于差额）" : ""}`);
        explainsEn.push(`${CATEGORY_LABEL[code].en} ${display2(annual)}${match ? " (exactly the gap)" : ""}`);
      }
      const rejected = model.persons.filter((p) => p.inRoster && p.status === "rejected").length;
      if (rejected > 0) {
        explains.push(`数据有误被拒绝的花名册行 ${rejected} 行`);
        explainsEn.push(`${rejected} roster rows rejected for bad data`);
      }
      const withDeclared = ctx.payableWith({ headcount: d.value.toString() });
      const amount = withDeclared && result ? withDeclared.minus(result.payable) : null;
      const differs = amount !== null && amount.abs().greaterThanOrEqualTo("0.01");
      let monthCells = d.cells;
      if (d.label.en === "the monthly headcount table" && model.monthlyTable) {
        const m = model.monthlyTable;
        monthCells = [];
        for (let i = 0; i < 12; i++) if (m.figures[i] !== null && !m.figures[i]!.equals(hc.figures[i]) && m.cells[i]) monthCells.push(m.cells[i]!);
      }
      out.push(
        makeFinding(HC_RULES.HC_DECLARED_MISMATCH, {
          severity: differs ? "error" : "warning",
          cells: monthCells,
          rows: 0,
          message: {
            zh: `${d.label.zh}的在职职工人数为 ${display2(d.value)}，按花名册计算为 ${display2(hc.annual)}（差 ${display2(gap)}）。${explains.length ? `未计入人数的类别：${explains.join("、")}。` : ""}`,
            en: `The headcount in ${d.label.en} is ${display2(d.value)}; the roster gives ${display2(hc.annual)} (difference ${display2(gap)}).${explainsEn.length ? ` Categories left out: ${explainsEn.join(", ")}.` : ""}`,
          },
          suggestion: {
            zh: "按花名册核对人数：只计在编及一年以上劳动合同人员，月人数按规则口径平均后除以12。",
            en: "Reconcile with the roster: count only 在编 staff and contracts of a year or more, average each month by the rule's method, divide the sum by 12.",
          },
          amount,
        }),
      );
    }
    return out;
  },
};

/**
 * Roster people counted in months for which a monthly payroll pays them nothing (the tester's cases: leavers whose
 * 最后工作日 column was not read, a payroll cut after June). The headcount effect is person-months ÷ 12.
 */
function countedWithoutPay(ctx: RuleContext): Finding | null {
  const { model, result } = ctx;
  const pay = model.payroll;
  if (!pay.found || pay.perMonthRows === 0 || !pay.tables.length || !pay.tables.every((t) => t.perMonth)) return null;
  if (model.wageSource !== "payroll" && model.wageSource !== "roster") return null;
  const frame = model.frame;
  let personMonths = 0;
  const hits: Array<{ display: string; months: number[]; sheet: string; address: string }> = [];
  for (const p of model.persons) {
    if (!p.inRoster || p.status !== "counted" || !p.present) continue;
    const months: number[] = [];
    for (let m = 0; m < 12; m++) {
      const a = frame.start + frame.monthFirst[m];
      const b = frame.start + frame.monthLast[m];
      if (p.present[0] <= b && p.present[1] >= a && !(p.payMonths & (1 << m))) months.push(m + 1);
    }
    if (!months.length) continue;
    personMonths += months.length;
    const t = model.tables[p.table];
    hits.push({ display: p.display, months, sheet: p.sheet, address: cellAddress(t.origin, p.row, t.field.get("leaveDate") ?? t.field.get("name") ?? t.columns[0]?.index ?? 0) });
  }
  if (!hits.length) return null;
  // Payroll rows rejected for an unreadable amount or month are already errors of their own (their pay is not read,
  // so their months look unpaid here): as many unpaid person-months as rejected rows are theirs, not a new finding.
  const rejectedRows = model.accounting.outcomes.filter((o) => o.table === "payroll" && o.status === "rejected").length;
  if (personMonths <= rejectedRows) return null;
  const effect = new Decimal(personMonths).dividedBy(12);
  const headcount = result ? result.headcount : null;
  const material = effect.greaterThanOrEqualTo(1) || (headcount !== null && headcount.greaterThan(0) && effect.dividedBy(headcount).greaterThanOrEqualTo("0.01"));
  let amount: Decimal | null = null;
  if (result && headcount !== null) {
    const w = ctx.payableWith({ headcount: Decimal.max(ZERO, headcount.minus(effect)).toDecimalPlaces(2).toString() });
    amount = w ? w.minus(result.payable) : null;
  }
  const byMonths = new Map<string, string[]>();
  for (const h of hits) {
    const k = h.months.join(",");
    byMonths.set(k, [...(byMonths.get(k) ?? []), h.display]);
  }
  const groups = [...byMonths].slice(0, 3).map(([k, names]) => {
    const ms = k.split(",").map(Number);
    const span = ms.length > 2 && ms[ms.length - 1] - ms[0] === ms.length - 1 ? `${ms[0]}–${ms[ms.length - 1]}月` : `${ms.join("、")}月`;
    const spanEn = ms.length > 2 && ms[ms.length - 1] - ms[0] === ms.length - 1 ? `months ${ms[0]}–${ms[ms.length - 1]}` : `months ${ms.join(", ")}`;
    const who = listPeople(names);
    return { zh: `${who.zh}（${span}）`, en: `${who.en} (${spanEn})` };
  });
  return makeFinding(HC_RULES.HC_COUNTED_WITHOUT_PAY, {
    severity: material ? "error" : "warning",
    rows: hits.length,
    cells: hits.slice(0, 200).map((h) => ({ sheet: h.sheet, address: h.address })),
    message: {
      zh: `${hits.length} 名计入在职职工人数的人共有 ${personMonths} 个在职月份在工资表中没有任何工资（约合 ${display2(effect)} 人）：${groups.map((g) => g.zh).join("；")}。可能已离职而离职日期缺失或未识别，或工资表缺少这些月份。`,
      en: `${hits.length} people counted in the headcount have ${personMonths} months of employment with no pay at all in the payroll (about ${display2(effect)} people): ${groups.map((g) => g.en).join("; ")}. They may have left with the leave date missing or unrecognised, or the payroll lacks those months.`,
    },
    suggestion: {
      zh: "核对这些人的离职日期（填入“离职日期”列），或补全工资表缺少的月份，再重新校验。",
      en: "Check these people's leave dates (fill in the 离职日期 column), or add the payroll's missing months, and validate again.",
    },
    amount,
  });
}

/** Counted people whose employment type could not be read: the values, the rows, and the payable if they were out. */
function unknownTypes(ctx: RuleContext): Finding | null {
  const { model, result } = ctx;
  const issues = model.issues.byCode("HC_TYPE_UNKNOWN");
  if (!issues.length) return null;
  const people = model.persons.filter((p) => p.inRoster && p.status === "counted" && p.typeClass === "unknown");
  const frame = model.frame;
  let months = 0;
  let wage = ZERO;
  for (const p of people) {
    if (p.present) for (let m = 0; m < 12; m++) if (p.present[0] <= frame.start + frame.monthLast[m] && p.present[1] >= frame.start + frame.monthFirst[m]) months++;
    wage = wage.plus(new Decimal(p.wageFen).dividedBy(100)).plus(p.wageExtra ?? ZERO);
  }
  let amount: Decimal | null = null;
  let without: Decimal | null = null;
  if (result && people.length) {
    const headcount = Decimal.max(ZERO, result.headcount.minus(new Decimal(months).dividedBy(12))).toDecimalPlaces(2);
    without = ctx.payableWith({ headcount: headcount.toString(), wageTotal: Decimal.max(ZERO, result.wageTotal.minus(wage)).toString() });
    amount = without ? without.minus(result.payable) : null;
  }
  const values = [...new Set(issues.flatMap((i) => i.samples))];
  const rows = issues.reduce((a, i) => a + i.rows, 0);
  const cells = issues.flatMap((i) => i.cells);
  const names = listPeople(people.map((p) => p.display));
  const money = without && result ? { zh: `如不计入（连同其工资），应缴金额为 ${moneyDisplay(without)}（现为 ${moneyDisplay(result.payable)}）。`, en: ` Left out (with their pay), the payable would be ${moneyDisplay(without)} (now ${moneyDisplay(result.payable)}).` } : { zh: "", en: "" };
  return makeFinding(HC_RULES.HC_TYPE_UNKNOWN, {
    rows,
    cells,
    message: {
      zh: `${rows} 行的用工形式无法识别（${values.map((v) => `“${v}”`).join("、")}）：${names.zh} 暂按全日制职工计入人数，工资计入工资总额。${money.zh}`,
      en: `${rows} rows have an employment type the tool cannot read (${values.map((v) => `"${v}"`).join(", ")}): ${names.en} counted as ordinary employees for now, with their pay in the wage total.${money.en}`,
    },
    suggestion: {
      zh: "按劳动关系改写用工形式：签订一年以上劳动合同或在编的写“全日制”，实习/见习写“实习”，派遣写“劳务派遣”，劳务协议写“劳务”；或在参数表中映射该取值。",
      en: "Rewrite the type by the labour relationship: 全日制 for contracts of a year or more or 在编, 实习 for interns and trainees, 劳务派遣 for dispatch, 劳务 for service agreements; or map the value in the parameter block.",
    },
    amount,
  });
}
