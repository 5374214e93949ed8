/**
 * Data-quality rules: every cell the reader could not use, or used on an assumption, becomes a finding with its
 * address (never a silent zero). One finding per (code, sheet, column), with the first 200 cells and the full count.
 */
import type { Bilingual } from "../../core/rules/types";
import { FIELD_LABELS } from "../../workbook/fields";
import type { FieldId } from "../../workbook/fields";
import type { ParseIssue } from "../../workbook/issues";
import { rule } from "../context";
import type { RuleContext, RuleModule } from "../context";
import { counted, makeFinding } from "../finding";
import type { Finding, RuleInfo } from "../types";

export const DATA_RULES: Record<string, RuleInfo> = {
  DATA_TEXT_NUMBER: rule(
    "DATA_TEXT_NUMBER",
    "info",
    { zh: "数字存成了文本", en: "Numbers stored as text" },
    { zh: "数字以文本形式保存（含千分位、全角数字、“元/人”后缀），已按数字读取。信息。", en: "Numbers stored as text (with separators, full-width digits or a 元/人 suffix) were read as numbers. Info." },
    "",
    { zh: "无需处理；如需在 Excel 中计算，可把这些单元格转换为数字。", en: "Nothing to do; convert the cells to numbers if Excel formulas must use them." },
  ),
  DATA_BAD_NUMBER: rule(
    "DATA_BAD_NUMBER",
    "error",
    { zh: "无法识别的数字", en: "Unreadable number" },
    { zh: "金额或人数无法识别（文字、错误值如 #N/A、日期）：所在行被拒绝，不按0计。错误：结果缺少这些行。", en: "An amount or count cannot be read (text, an error value such as #N/A, a date): the row is rejected, never read as 0. Error: the result lacks these rows." },
    "",
    { zh: "改正这些单元格为数字（没有金额填0），再重新校验。", en: "Correct these cells to numbers (0 where there is no amount) and validate again." },
  ),
  DATA_BAD_DATE: rule(
    "DATA_BAD_DATE",
    "error",
    { zh: "无法识别的日期或月份", en: "Unreadable date or month" },
    { zh: "日期应为 Excel 日期或 2024-03-01、2024/3/1、2024年3月1日、20240301 等文本；月份可为 3、2024-03、2024年3月。无法识别的行被拒绝。错误。", en: "Dates must be Excel dates or text such as 2024-03-01, 2024/3/1, 2024年3月1日, 20240301; months may be 3, 2024-03, 2024年3月. Rows that cannot be read are rejected. Error." },
    "",
    { zh: "改为 Excel 日期或 2024-03-01、2024/3/1、2024年3月1日、20240301 等写法；月份可写 3、2024-03、2024年3月。", en: "Enter an Excel date or text such as 2024-03-01, 2024/3/1, 2024年3月1日 or 20240301; months may be 3, 2024-03 or 2024年3月." },
  ),
  DATA_PACKED_DATE: rule(
    "DATA_PACKED_DATE",
    "info",
    { zh: "数字写成的日期", en: "Date typed as a number" },
    { zh: "日期单元格中是 20240701 这样的8位数字（不是 Excel 日期，也不是文本）：按“年年年年月月日日”读取（1900–2100年的真实日期；这样的数远超 Excel 日期序号的上限，不会是序号）。较短的数字（如 240701）含义不明，仍作无效日期拒绝。信息。", en: "A date cell holds an 8-digit number such as 20240701 (neither an Excel date nor text): it is read as yyyymmdd (a real date in 1900–2100; such a number is far beyond Excel's last date serial, so it cannot be one). Shorter numbers (240701) are ambiguous and are still rejected as invalid dates. Info." },
    "",
    { zh: "无需处理；如需在 Excel 中按日期计算，可把这些单元格改为 Excel 日期。", en: "Nothing to do; convert the cells to Excel dates if Excel formulas must use them as dates." },
  ),
  DATA_LEAVE_BEFORE_HIRE: rule(
    "DATA_LEAVE_BEFORE_HIRE",
    "error",
    { zh: "离职日期早于入职日期", en: "Leave date before hire date" },
    { zh: "离职日期早于入职日期，无法确定在职期间：该行被拒绝。错误。", en: "The leave date is before the hire date, so the employment period is unknown: the row is rejected. Error." },
    "",
    { zh: "核对入职、离职日期后改正。", en: "Check the hire and leave dates and correct them." },
  ),
  DATA_MISSING_COLUMN: rule(
    "DATA_MISSING_COLUMN",
    "warning",
    { zh: "缺少列", en: "Missing column" },
    { zh: "表格缺少规则需要的列（如入职/离职日期、用工形式、合同日期、残联认定），相应检查无法进行或按假设处理。警告。", en: "A table lacks a column the rules need (hire/leave dates, employment type, contract dates, certification), so a check cannot run or an assumption is made. Warning." },
    "",
    { zh: "补充该列，或在参数表中用“列:表头 | 字段”说明哪一列是它。", en: "Add the column, or map an existing one in the parameter block (列:header | field)." },
  ),
  DATA_MISSING_VALUE: rule(
    "DATA_MISSING_VALUE",
    "warning",
    { zh: "缺少数据", en: "Missing value" },
    { zh: "必要的单元格为空：行被拒绝，或按说明中的假设处理（如入职日期为空按年初前入职）。警告。", en: "A needed cell is blank: the row is rejected, or an assumption stated in the message is made (a blank hire date means hired before the year). Warning." },
    "",
    { zh: "补全空白单元格。", en: "Fill in the blank cells." },
  ),
  DATA_UNKNOWN_VALUE: rule(
    "DATA_UNKNOWN_VALUE",
    "warning",
    { zh: "无法识别的取值", en: "Unrecognised value" },
    { zh: "用工形式或是/否列的取值无法识别，按说明中的方式处理。警告。", en: "An employment type or yes/no value is not recognised; it is treated as the message says. Warning." },
    "",
    { zh: "改用下拉列表中的写法，或在参数表中映射。", en: "Use one of the listed values, or map the value in the parameter block." },
  ),
  DATA_UNIT_CONVERTED: rule(
    "DATA_UNIT_CONVERTED",
    "info",
    { zh: "金额单位已换算", en: "Amounts converted to yuan" },
    { zh: "工资列的表头（如“应发工资（万元）”）或表格标题（如“单位：万元”）写明金额以万元或千元计：已按该单位换算为元后计算。信息。", en: "A pay column's header (e.g. 应发工资（万元）) or the table's title (e.g. 单位：万元) says the amounts are in 10,000 or 1,000 yuan: they were converted to yuan. Info." },
    "",
    { zh: "核对换算后的工资总额；如金额实际以元计，请改正表头或标题中的单位。", en: "Check the converted wage total; if the amounts are in fact in yuan, correct the unit in the header or title." },
  ),
  DATA_SUMMARY_ROW: rule(
    "DATA_SUMMARY_ROW",
    "info",
    { zh: "合计或备注行", en: "Summary or note row" },
    { zh: "以“合计/小计/备注/制表”等开头的行不是数据，已排除，避免重复计算。信息。", en: "Rows starting with 合计/小计/备注/制表 are not data and are excluded so nothing is counted twice. Info." },
    "",
    { zh: "无需处理：合计行不作为人员计入。", en: "Nothing to do: total rows are not counted as people." },
  ),
  DATA_TOTAL_MISMATCH: rule(
    "DATA_TOTAL_MISMATCH",
    "error",
    { zh: "明细与小计/合计不符", en: "Detail does not add up to the table's total" },
    { zh: "表内的小计/合计行只作核对：上方明细之和与它不等，说明有行被删除、隐藏、重复或手改了合计。计算采用明细；两者只有一个是对的，应缴金额可能因此少算，故为错误。", en: "The table's own subtotal/total rows are used only as a check: the detail above does not add up to one, so rows may have been deleted, hidden or duplicated, or the total typed over. The detail is used; only one of the two can be right and the levy may be understated, so this is an error." },
    "",
    { zh: "核对该小计对应的明细行，找出差额来源。", en: "Check the detail rows under that subtotal and find the difference." },
  ),
  DATA_DOUBLE_SOURCE: rule(
    "DATA_DOUBLE_SOURCE",
    "error",
    { zh: "同一工资有两个来源", en: "Pay supplied by two tables" },
    { zh: "两张表为同一人同一期间提供工资（副本、汇总表、按月表加年度汇总）。相加会重复计算：计算只采用明细来源，另一张表的这些行已排除。错误：请确认哪张是申报依据。", en: "Two tables supply pay for the same person and period (a copy, a summary, monthly sheets plus an annual summary). Adding both would double count: only the detail source is used and the other table's rows are excluded. Error: confirm which table the filing rests on." },
    "",
    { zh: "删除或在映射中忽略重复的表（表:工作表名 | 忽略），或确认保留的是明细表。", en: "Remove the duplicate table or ignore it in the mapping (表:SheetName | ignore), or confirm the detail table is the one kept." },
  ),
  RECOGNITION_UNSURE: rule(
    "RECOGNITION_UNSURE",
    "error",
    { zh: "无法确定表格用途", en: "Table role uncertain" },
    { zh: "某张表可作两种用途（如花名册或工资表），两者得分接近，按哪种读取会改变金额：不作猜测，请在映射中指定。错误。", en: "A table could serve two roles (roster or payroll, say) with close scores, and the money depends on which: no guess is made; name its role in the mapping. Error." },
    "",
    { zh: "在任务窗格的映射编辑器中选择该表的用途，或用 --map \"表:工作表名=花名册\" 指定。", en: "Choose the sheet's role in the task pane's mapping editor, or pass --map \"表:SheetName=roster\"." },
  ),
  DATA_SHEET_UNUSED: rule(
    "DATA_SHEET_UNUSED",
    "warning",
    { zh: "有人员和金额的工作表未使用", en: "A sheet with people and amounts was not used" },
    { zh: "某工作表有工号/姓名等人员列和金额，但不像花名册、工资表或名册，未计入。如其中是工资或奖金，工资总额会偏低。警告。", en: "A sheet has person columns and amounts but fits no role, so it was not counted. If it holds pay or bonuses, the wage total is understated. Warning." },
    "",
    { zh: "在映射中指定该表和列的用途，或删除无关的表。", en: "Name the sheet's role and columns in the mapping, or remove the unrelated sheet." },
  ),
  DATA_AMBIGUOUS_PERSON: rule(
    "DATA_AMBIGUOUS_PERSON",
    "error",
    { zh: "同名人员无法区分", en: "Same name, different people" },
    { zh: "工资表只能按姓名与花名册对应，而花名册中同名的是不同的人：工资无法归属，是否应计入工资总额无法判断。错误。", en: "The payroll can only be linked by name, and the roster has different people of that name: the pay cannot be attributed, so whether it belongs in the wage total cannot be decided. Error." },
    "",
    { zh: "在工资表中加入工号或身份证号列。", en: "Add an employee ID or ID number column to the payroll." },
  ),
  DATA_UNMATCHED_PERSON: rule(
    "DATA_UNMATCHED_PERSON",
    "error",
    { zh: "花名册中找不到此人", en: "Person not in the roster" },
    { zh: "工资表中的人员在花名册里找不到（按工号、身份证号、姓名依次匹配）：其工资计入了工资总额，人数里却没有此人——要么花名册漏了人（人数偏低），要么这不是在职职工的工资（工资总额偏高）。两者都改变金额。错误。", en: "A payroll person is not in the roster (matched by employee ID, ID number, then name): their pay is in the wage total but they are not in the headcount — either the roster misses them (headcount too low) or this is not staff pay (wage total too high). Both change the amount. Error." },
    "",
    { zh: "把此人补入花名册，或改正工号/身份证号使两表一致；非在职职工的工资不要放在工资表里。", en: "Add the person to the roster, or correct the employee ID or ID number so both tables agree; keep pay of non-staff out of the payroll." },
  ),
  DATA_DUPLICATE: rule(
    "DATA_DUPLICATE",
    "warning",
    { zh: "重复的月份", en: "Duplicate month" },
    { zh: "月度人数表中同一月份出现多次，采用第一次。警告。", en: "A month appears more than once in the monthly table; the first is used. Warning." },
    "",
    { zh: "删除重复行，或改正工号/月份。", en: "Remove the duplicate rows, or correct the employee ID or month." },
  ),
  DATA_MISSING_TABLE: rule(
    "DATA_MISSING_TABLE",
    "warning",
    { zh: "缺少工资表或残疾职工名册", en: "No payroll or disabled register" },
    { zh: "没有工资表时工资总额取自参数表或申报表，没有名册时安排残疾人数取自参数表或申报表，均未经核对。警告。", en: "Without a payroll the wage total is taken from the parameter block or declaration, and without a register the disabled count likewise, unverified. Warning." },
    "",
    { zh: "补充该表。", en: "Add the table." },
  ),
  PARAM_INVALID: rule(
    "PARAM_INVALID",
    "error",
    { zh: "参数或映射无效", en: "Invalid parameter or mapping" },
    { zh: "参数表的值、选项或列映射无法识别：已忽略并按规则库或默认值计算（说明中写明）。错误；未匹配任何列的映射为警告。", en: "A parameter value, option or column mapping cannot be read: it is ignored and the rule profile or default is used (as the message says). Error; a mapping that matched no column is a warning." },
    "",
    { zh: "按说明改正参数表中的这一行。", en: "Correct this row of the parameter block as described." },
  ),
};

const CODES = ["DATA_TEXT_NUMBER", "DATA_BAD_NUMBER", "DATA_BAD_DATE", "DATA_PACKED_DATE", "DATA_LEAVE_BEFORE_HIRE", "DATA_MISSING_COLUMN", "DATA_MISSING_VALUE", "DATA_UNKNOWN_VALUE", "DATA_UNIT_CONVERTED", "DATA_SUMMARY_ROW", "DATA_TOTAL_MISMATCH", "DATA_DOUBLE_SOURCE", "RECOGNITION_UNSURE", "DATA_SHEET_UNUSED", "DATA_AMBIGUOUS_PERSON", "DATA_UNMATCHED_PERSON", "DATA_DUPLICATE", "PARAM_INVALID"] as const;

function fieldLabel(field: string): Bilingual {
  const bare = field.replace(/^declaration:/, "");
  if ((FIELD_LABELS as Record<string, Bilingual | undefined>)[bare]) return FIELD_LABELS[bare as FieldId];
  return { zh: bare, en: bare };
}

function where(i: ParseIssue): Bilingual {
  const col = i.header || fieldLabel(i.field).zh;
  return { zh: `${i.sheet ? `“${i.sheet}”表` : ""}“${col}”`, en: `${i.sheet ? `sheet "${i.sheet}", ` : ""}column "${i.header || fieldLabel(i.field).en}"` };
}

function samples(i: ParseIssue): string {
  return i.samples.length ? `（如 ${i.samples.map((s) => `“${s}”`).join("、")}）` : "";
}

function samplesEn(i: ParseIssue): string {
  return i.samples.length ? ` (e.g. ${i.samples.map((s) => `"${s}"`).join(", ")})` : "";
}

function messageOf(i: ParseIssue): Bilingual {
  const w = where(i);
  const extra: Bilingual = i.detail ?? { zh: "", en: "" };
  switch (i.code) {
    case "DATA_TEXT_NUMBER":
      return { zh: `${w.zh}有 ${i.rows} 个数字存成了文本${samples(i)}，已按数字读取。`, en: `${w.en}: ${counted(i.rows, "number", "numbers")} stored as text${samplesEn(i)} ${i.rows === 1 ? "was" : "were"} read as ${i.rows === 1 ? "a number" : "numbers"}.` };
    case "DATA_BAD_NUMBER":
      return { zh: `${w.zh}有 ${i.rows} 个单元格不是有效数字${samples(i)}，所在行未计入。${extra.zh}`, en: `${w.en}: ${counted(i.rows, "cell is not a valid number", "cells are not valid numbers")}${samplesEn(i)}; ${i.rows === 1 ? "its row is" : "their rows are"} left out. ${extra.en}`.trim() };
    case "DATA_BAD_DATE":
      return { zh: `${w.zh}有 ${i.rows} 个单元格不是有效日期或月份${samples(i)}，所在行未计入。`, en: `${w.en}: ${counted(i.rows, "cell is not a valid date or month", "cells are not valid dates or months")}${samplesEn(i)}; ${i.rows === 1 ? "its row is" : "their rows are"} left out.` };
    case "DATA_PACKED_DATE":
      return { zh: `${w.zh}有 ${i.rows} 个日期写成了8位数字${samples(i)}，已按“年年年年月月日日”读取。`, en: `${w.en}: ${counted(i.rows, "date typed as an 8-digit number was", "dates typed as 8-digit numbers were")}${samplesEn(i)} read as yyyymmdd.` };
    case "DATA_LEAVE_BEFORE_HIRE":
      return { zh: `${w.zh}有 ${i.rows} 行离职日期早于入职日期${samples(i)}，这些人未计入人数。`, en: `${w.en}: ${counted(i.rows, "row has", "rows have")} a leave date before the hire date${samplesEn(i)}; ${i.rows === 1 ? "this person is" : "these people are"} not counted.` };
    case "DATA_MISSING_VALUE":
      return { zh: `${w.zh}有 ${i.rows} 个必要单元格为空。${extra.zh}`, en: `${w.en}: ${counted(i.rows, "needed cell is", "needed cells are")} blank. ${extra.en}`.trim() };
    case "DATA_UNKNOWN_VALUE":
      return { zh: `${w.zh}有 ${i.rows} 个无法识别的取值${samples(i)}。${extra.zh}`, en: `${w.en}: ${counted(i.rows, "unrecognised value", "unrecognised values")}${samplesEn(i)}. ${extra.en}`.trim() };
    case "DATA_SUMMARY_ROW":
      return { zh: `“${i.sheet}”表有 ${i.rows} 行合计/备注行${samples(i)}，已排除。`, en: `Sheet "${i.sheet}": ${counted(i.rows, "summary or note row", "summary or note rows")}${samplesEn(i)} ${i.rows === 1 ? "was" : "were"} excluded.` };
    case "DATA_UNMATCHED_PERSON":
      return { zh: `${w.zh}有 ${i.rows} 行的人员在花名册中找不到${samples(i)}。${extra.zh}`, en: `${w.en}: ${counted(i.rows, "row names a person", "rows name people")} not found in the roster${samplesEn(i)}. ${extra.en}`.trim() };
    case "DATA_DUPLICATE":
      return { zh: `${w.zh}有 ${i.rows} 个重复的月份${samples(i)}，采用第一次出现的。`, en: `${w.en}: ${counted(i.rows, "duplicate month", "duplicate months")}${samplesEn(i)}; the first is used.` };
    case "DATA_UNIT_CONVERTED":
    case "DATA_TOTAL_MISMATCH":
    case "DATA_SHEET_UNUSED":
    case "DATA_AMBIGUOUS_PERSON":
    case "DATA_DOUBLE_SOURCE":
    case "RECOGNITION_UNSURE":
      return { zh: i.rows > 1 && i.code === "DATA_TOTAL_MISMATCH" ? `${extra.zh}（共 ${i.rows} 处）` : extra.zh, en: i.rows > 1 && i.code === "DATA_TOTAL_MISMATCH" ? `${extra.en} (${i.rows} places)` : extra.en };
    case "DATA_MISSING_COLUMN":
      return { zh: `“${i.sheet}”表：${extra.zh}`, en: `Sheet "${i.sheet}": ${extra.en}` };
    case "PARAM_INVALID":
      return { zh: `参数“${i.header || i.field}”的值${samples(i)}无效。${extra.zh}`, en: `Parameter "${i.header || i.field}" has an invalid value${samplesEn(i)}. ${extra.en}`.trim() };
    default:
      return { zh: `${w.zh}：${extra.zh}`, en: `${w.en}: ${extra.en}` };
  }
}

const MISSING_ROSTER: Partial<Record<FieldId, Bilingual>> = {
  hireDate: { zh: "花名册没有入职/离职日期列：所有人按全年在职计算。", en: "The roster has no hire or leave date column: everyone is counted for the whole year." },
  employmentType: { zh: "花名册没有用工形式列：无法剔除实习、非全日制、返聘、派遣、劳务人员。", en: "The roster has no employment-type column: interns, part-time, retirees, dispatched and service workers cannot be excluded." },
  contractEnd: { zh: "花名册没有合同期限或合同日期列：无法检查合同是否满一年。", en: "The roster has no contract term or dates: the one-year contract test cannot be checked." },
};

export const dataRules: RuleModule = {
  rules: Object.values(DATA_RULES),
  check(ctx: RuleContext) {
    const out: Finding[] = [];
    const { model } = ctx;
    for (const code of CODES) {
      for (const i of model.issues.byCode(code)) {
        out.push(makeFinding(DATA_RULES[code], { message: messageOf(i), cells: i.cells, rows: code === "PARAM_INVALID" || code === "DATA_MISSING_COLUMN" ? 0 : i.rows }));
      }
    }
    for (const m of model.roster?.missing ?? []) {
      const t = model.tables[m.table];
      for (const f of m.fields) {
        const text = MISSING_ROSTER[f];
        if (!text) continue;
        out.push(makeFinding(DATA_RULES.DATA_MISSING_COLUMN, { message: { zh: `“${m.sheet}”表：${text.zh}`, en: `Sheet "${m.sheet}": ${text.en}` }, cells: [{ sheet: t.sheetName, address: `${t.columns[0]?.letter ?? "A"}${t.origin.row + t.headerRowIndex}` }] }));
      }
    }
    // Mapping problems and rules that matched nothing.
    for (const p of model.mapping.problems) {
      out.push(makeFinding(DATA_RULES.PARAM_INVALID, { message: p.message, cells: p.origin.includes("!") ? [{ sheet: p.origin.split("!")[0], address: p.origin.split("!")[1] }] : [] }));
    }
    for (const r of [...model.mapping.columns, ...model.mapping.kinds]) {
      if (r.applied > 0) continue;
      out.push(
        makeFinding(DATA_RULES.PARAM_INVALID, {
          severity: "warning",
          message: { zh: `映射“${r.key} → ${r.value}”（${r.origin}）没有匹配到任何表头或工作表。`, en: `Mapping "${r.key} → ${r.value}" (${r.origin}) matched no header or sheet.` },
          cells: r.origin.includes("!") ? [{ sheet: r.origin.split("!")[0], address: r.origin.split("!")[1] }] : [],
        }),
      );
    }
    // Sources that are not verified against data.
    if (model.wageSource === "parameters" || model.wageSource === "declaration") {
      const d = model.declared.wageTotal!;
      out.push(
        makeFinding(DATA_RULES.DATA_MISSING_TABLE, {
          message: { zh: "没有工资表：工资总额取自" + (d.source === "parameters" ? "参数表" : "申报表") + "，未经核对。", en: `No payroll: the wage total is taken from the ${d.source === "parameters" ? "parameter block" : "declaration"}, unverified.` },
          cells: [d.cell],
          suggestion: { zh: "提供工资表（每人每月一行或每人一行）。", en: "Provide a payroll (one row per person per month, or per person per year)." },
        }),
      );
    }
    if (model.certifiedSource === "parameters" || model.certifiedSource === "declaration") {
      const d = model.declared.certifiedDisabled!;
      if (!d.value.isZero()) {
        out.push(
          makeFinding(DATA_RULES.DATA_MISSING_TABLE, {
            message: { zh: `没有残疾职工名册：安排残疾人数 ${d.value.toString()} 取自${d.source === "parameters" ? "参数表" : "申报表"}，未经核对。`, en: `No disabled register: the disabled count ${d.value.toString()} is taken from the ${d.source === "parameters" ? "parameter block" : "declaration"}, unverified.` },
            cells: [d.cell],
            suggestion: { zh: "提供残疾职工名册（证号、残联认定、合同、社保、工资）。", en: "Provide the disabled register (certificate, certification, contract, social insurance, wage)." },
          }),
        );
      }
    }
    return out;
  },
};
