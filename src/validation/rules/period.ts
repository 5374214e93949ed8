/**
 * Period rules (rules file §1.7): a filing in year Y uses the data of year Y−1. Data of another year is excluded row
 * by row (information), but a payroll or roster that is mostly of the wrong year is an error: the filing would be
 * computed from the wrong data. Months missing from a monthly payroll or headcount table are a warning.
 */
import { rule } from "../context";
import type { RuleModule } from "../context";
import { counted, makeFinding } from "../finding";
import type { Finding, RuleInfo } from "../types";

export const PERIOD_RULES: Record<string, RuleInfo> = {
  PERIOD_SIGNALS_DISAGREE: rule(
    "PERIOD_SIGNALS_DISAGREE",
    "error",
    { zh: "年度线索不一致", en: "The file's years disagree" },
    {
      zh: "工作簿中说明年度的地方互相矛盾（工资月份、标题、费款所属期、申报年度）：年度决定适用的规则和计入的行，结果可能按错误的年度计算。错误。",
      en: "Places in the workbook that name the year contradict each other (payroll months, titles, fee period, filing year): the year decides the rules and the rows counted, so the result may be for the wrong year. Error.",
    },
    "财税〔2015〕72号 第八条（上年）",
    { zh: "在参数表写明“申报年度”或“费款所属期”，并核对工资表的月份。", en: "State 申报年度 (filing year) or 费款所属期 (data period) in the parameter block and check the payroll's months." },
  ),
  PARAM_AMBIGUOUS_YEAR: rule(
    "PARAM_AMBIGUOUS_YEAR",
    "warning",
    { zh: "年度写法有两种读法", en: "Ambiguous year label" },
    {
      zh: "参数表只写了“年度/年份”：可能是数据年度，也可能是申报年度。按数据支持的读法计算，并说明另一种读法。警告。",
      en: "The parameter block says only 年度/年份 (year): it may be the data year or the filing year. The reading the data supports is used, and the other is named. Warning.",
    },
    "财税〔2015〕72号 第八条（上年）",
    { zh: "改写为“申报年度”或“费款所属期”。", en: "Write 申报年度 (filing year) or 费款所属期 (data period) instead." },
  ),
  PARAM_REGION_DEFAULT: rule(
    "PARAM_REGION_DEFAULT",
    "warning",
    { zh: "未写明地区", en: "No region given" },
    {
      zh: "工作簿和选项都没有地区：按全国规则计算。各省安置比例、征收比例、封顶和减免规则不同，金额可能不对。警告。",
      en: "Neither the workbook nor the options name a region: national rules are used. Provinces differ in quota ratio, collection rate, cap and reductions, so the amount may be off. Warning.",
    },
    "财税〔2015〕72号 第四条（省级规定）",
    { zh: "在参数表填写“地区”。", en: "Set 地区 (region) in the parameter block." },
  ),
  PERIOD_MISMATCH: rule(
    "PERIOD_MISMATCH",
    "error",
    { zh: "数据年度不符", en: "Data outside the data year" },
    {
      zh: "申报年度Y使用Y−1年的数据。工资表或花名册的主要年份不是Y−1时为错误；个别不在数据年度的行被排除时为信息；申报表的费款所属期不在数据年度时为警告（部分地区按申报月份填写所属期）。",
      en: "Filing year Y uses the data of year Y−1. An error when the payroll or roster is mostly of another year; information when individual rows outside the data year are excluded; a warning when the declaration's fee period is not the data year (some provinces fill in the declaration month).",
    },
    "财税〔2015〕72号 第八条（上年）",
  ),
  MONTHS_INCOMPLETE: rule(
    "MONTHS_INCOMPLETE",
    "warning",
    { zh: "月份不全", en: "Months missing" },
    {
      zh: "按月工资表缺少有职工在职的月份，或月度人数表不足12个月：工资总额或人数可能偏低。警告。",
      en: "A monthly payroll lacks months in which staff were employed, or the monthly headcount table has fewer than 12 months: the wage total or headcount may be understated. Warning.",
    },
    "财税〔2015〕72号 第八条",
  ),
  PERIOD_INFERRED: rule(
    "PERIOD_INFERRED",
    "info",
    { zh: "申报年度为推断", en: "Filing year inferred" },
    {
      zh: "参数表没有申报年度：按工资表的月份（或申报表的所属期，或今天）推断。信息。",
      en: "The parameter block gives no filing year: it was inferred from the payroll months (or the declaration's period, or today). Info.",
    },
    "财税〔2015〕72号 第八条（上年）",
  ),
};

function monthList(months: number[]): string {
  return months.map((m) => `${m}月`).join("、");
}

export const periodRules: RuleModule = {
  rules: Object.values(PERIOD_RULES),
  check(ctx) {
    const out: Finding[] = [];
    const { model } = ctx;
    const { dataYear, filingYear } = model.period;
    let wrongYear = false;
    for (const code of ["PERIOD_SIGNALS_DISAGREE", "PARAM_AMBIGUOUS_YEAR", "PARAM_REGION_DEFAULT"] as const) {
      for (const i of model.issues.byCode(code)) {
        out.push(makeFinding(PERIOD_RULES[code], { message: i.detail ?? PERIOD_RULES[code].description, cells: i.cells.filter((c) => c.address !== ""), rows: 0 }));
      }
    }
    // The payroll's year.
    const years = model.payroll.yearsSeen;
    const total = [...years.values()].reduce((a, b) => a + b, 0);
    // An error when another year has more pay rows than the data year (the wrong year's payroll, or none of the data
    // year); a sheet of several complete years whose data year is among the largest only has rows excluded (info).
    let main = dataYear;
    for (const [y, n] of years) if (n > (years.get(main) ?? 0)) main = y;
    if (total > 0 && main !== dataYear) {
      wrongYear = true;
      const payrollTables = model.tables.filter((t) => t.kind === "payroll");
      out.push(
        makeFinding(PERIOD_RULES.PERIOD_MISMATCH, {
          rows: total - (years.get(dataYear) ?? 0),
          cells: payrollTables.map((t) => ({ sheet: t.sheetName, address: `${t.columns.find((c) => c.index === t.field.get("month"))?.letter ?? t.columns[0]?.letter ?? "A"}${t.origin.row + t.headerRowIndex}` })),
          message: {
            zh: `工资表主要是 ${main} 年的数据，但申报年度 ${filingYear} 应使用 ${dataYear} 年（上年）的数据${main === filingYear ? "：数据年度不能等于申报年度" : ""}。不属于 ${dataYear} 年的工资行已排除。`,
            en: `The payroll is mostly for ${main}, but filing year ${filingYear} uses the data of ${dataYear} (the previous year)${main === filingYear ? ": the data year cannot be the filing year" : ""}. Pay rows outside ${dataYear} were excluded.`,
          },
          suggestion: { zh: `提供 ${dataYear} 年的工资表，或把申报年度改为 ${main + 1}。`, en: `Provide the ${dataYear} payroll, or set the filing year to ${main + 1}.` },
        }),
      );
    }
    // The roster: nobody employed in the data year.
    const present = model.persons.filter((p) => p.inRoster && p.present);
    const outside = model.persons.filter((p) => p.inRoster && p.reason === "PERIOD_MISMATCH");
    if (model.persons.length > 0 && present.length === 0 && outside.length > 0) {
      wrongYear = true;
      out.push(
        makeFinding(PERIOD_RULES.PERIOD_MISMATCH, {
          rows: outside.length,
          message: { zh: `花名册中没有人在数据年度 ${dataYear} 在职：请核对申报年度（${filingYear}）和入职/离职日期。`, en: `Nobody in the roster was employed during data year ${dataYear}: check the filing year (${filingYear}) and the hire/leave dates.` },
          suggestion: { zh: "核对申报年度。", en: "Check the filing year." },
        }),
      );
    }
    // Individual rows outside the year.
    const byReason = model.accounting.byReason.get("PERIOD_MISMATCH");
    if (byReason && !wrongYear) {
      const rows = model.accounting.outcomes.filter((o) => o.reason === "PERIOD_MISMATCH");
      // Name the sheets the rows are on (the user's words), not the model's internal table ids.
      const perSheet = new Map<string, number>();
      for (const o of rows) perSheet.set(o.sheet, (perSheet.get(o.sheet) ?? 0) + 1);
      const parts = [...perSheet].map(([sheetName, n]) => `“${sheetName}” ${n}`).join(", ");
      out.push(
        makeFinding(PERIOD_RULES.PERIOD_MISMATCH, {
          severity: "info",
          rows: byReason.excluded,
          cells: rows.map((o) => ({ sheet: o.sheet, address: o.cell ?? `A${o.row}` })),
          message: { zh: `${byReason.excluded} 行不属于数据年度 ${dataYear}（${parts}），已排除。`, en: `${counted(byReason.excluded, "row falls", "rows fall")} outside data year ${dataYear} (${parts}) and ${byReason.excluded === 1 ? "was" : "were"} excluded.` },
          suggestion: { zh: "无需处理。", en: "Nothing to do." },
        }),
      );
    }
    // The declaration's fee period.
    const decl = model.declaration;
    for (const field of ["periodStart", "periodEnd"] as const) {
      const v = decl?.values[field];
      if (v && typeof v.value === "string" && Number(v.value.slice(0, 4)) !== dataYear) {
        out.push(
          makeFinding(PERIOD_RULES.PERIOD_MISMATCH, {
            severity: "warning",
            cells: [v.cell],
            message: { zh: `申报表的费款所属期${field === "periodStart" ? "起" : "止"}为 ${v.value}，不在数据年度 ${dataYear} 内。`, en: `The declaration's fee period ${field === "periodStart" ? "start" : "end"} is ${v.value}, outside data year ${dataYear}.` },
            suggestion: { zh: `所属期一般为 ${dataYear}-01-01 至 ${dataYear}-12-31（以当地电子税务局为准）。`, en: `The period is normally ${dataYear}-01-01 to ${dataYear}-12-31 (follow the local e-tax system).` },
          }),
        );
      }
    }
    // Months.
    const hc = model.headcount;
    if (hc && model.payroll.perMonthRows > 0) {
      const missing: number[] = [];
      for (let m = 0; m < 12; m++) if ((hc.counts.start[m] > 0 || hc.counts.end[m] > 0) && !(model.payroll.monthsCovered & (1 << m))) missing.push(m + 1);
      if (missing.length) {
        out.push(
          makeFinding(PERIOD_RULES.MONTHS_INCOMPLETE, {
            message: { zh: `工资表缺少 ${dataYear} 年 ${monthList(missing)} 的数据，而这些月份有职工在职：工资总额可能偏低。`, en: `The payroll has no rows for ${missing.join(", ")}/${dataYear}, although staff were employed then: the wage total may be understated.` },
            suggestion: { zh: "补全各月工资。", en: "Add the missing months." },
          }),
        );
      }
    }
    const mt = model.monthlyTable;
    if (mt && mt.monthsPresent < 12) {
      const missing: number[] = [];
      for (let m = 0; m < 12; m++) if (mt.figures[m] === null) missing.push(m + 1);
      out.push(
        makeFinding(PERIOD_RULES.MONTHS_INCOMPLETE, {
          message: { zh: `月度人数表缺少 ${monthList(missing)}：年平均人数须按12个月计算。`, en: `The monthly headcount table lacks months ${missing.join(", ")}: the annual average needs all 12.` },
          suggestion: { zh: "补全12个月。", en: "Fill in all 12 months." },
        }),
      );
    }
    if (model.period.source !== "options" && model.period.source !== "parameters") {
      const from = { payroll: { zh: "工资表的月份", en: "the payroll's months" }, titles: { zh: "工作表名和标题中的年份", en: "the years in sheet names and titles" }, declaration: { zh: "申报表的所属期", en: "the declaration's period" }, today: { zh: "今天的日期", en: "today's date" } }[model.period.source];
      out.push(
        makeFinding(PERIOD_RULES.PERIOD_INFERRED, {
          message: { zh: `参数表没有申报年度：按${from.zh}推断为 ${filingYear} 年申报（数据年度 ${dataYear}）。`, en: `No filing year in the parameter block: inferred from ${from.en} as filing ${filingYear} (data year ${dataYear}).` },
          suggestion: { zh: "在参数表填写“申报年度”。", en: "Set 申报年度 in the parameter block." },
        }),
      );
    }
    return out;
  },
};
