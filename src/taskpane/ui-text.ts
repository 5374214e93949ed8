/**
 * Texts of the pane's layout added for issue 11 (form comparison, copy, print, findings grouping, selection, stale
 * results, what-if, history, help). Kept apart from i18n.ts so that the two can change independently.
 */
import type { Bilingual } from "../core/rules/types";
import { fill, pick, type Language } from "./i18n";

export const UI_TEXT = {
  skipToMain: { zh: "跳到主要内容", en: "Skip to main content" },
  help: { zh: "帮助", en: "Help" },
  tabBadge: { zh: "（{errors} 个错误，{warnings} 个警告）", en: " ({errors} {errors:error|errors}, {warnings} {warnings:warning|warnings})" },
  helpTitle: { zh: "关于残保金助手", en: "About Levy Assistant" },
  helpVersion: { zh: "版本 {version}", en: "Version {version}" },
  helpRules: { zh: "规则数据截至 {date}（地区规则 {profiles} 套）", en: "Rule data as of {date} ({profiles} regional profiles)" },
  helpPrivacy: {
    zh: "数据不离开本工作簿：计算在本机完成，不连接任何网络，不保存临时文件。",
    en: "Your data goes nowhere: everything is computed on this machine, with no network connection and no temporary files.",
  },
  helpReadme: { zh: "使用说明（README：任务窗格）", en: "User guide (README: the task pane)" },
  close: { zh: "关闭", en: "Close" },
  // form
  formHeaderTitle: { zh: "申报表表头", en: "Form header" },
  period: { zh: "费款所属期", en: "Period" },
  periodFrom: { zh: "费款所属期起", en: "Period from" },
  periodTo: { zh: "费款所属期止", en: "Period to" },
  periodFromDataYear: { zh: "（按数据年度）", en: " (the data year)" },
  employerName: { zh: "单位名称", en: "Employer" },
  uscc: { zh: "统一社会信用代码", en: "Unified social credit code" },
  reliefNature: { zh: "减免性质", en: "Relief" },
  notKnown: { zh: "未知", en: "not known" },
  colComputed: { zh: "计算", en: "Computed" },
  colDeclared: { zh: "申报", en: "Declared" },
  colDifference: { zh: "差额", en: "Difference" },
  declaredDiffHead: { zh: "申报 / 差额", en: "Decl. / diff." },
  colCopy: { zh: "复制", en: "Copy" },
  copy: { zh: "复制", en: "Copy" },
  copyColumn: { zh: "复制第 {column} 栏", en: "Copy column {column}" },
  copyAll: { zh: "全部复制（按栏次）", en: "Copy all (form order)" },
  copied: { zh: "已复制：{text}", en: "Copied: {text}" },
  copiedAll: { zh: "已复制第 4–12 栏（{count} 个数）", en: "Copied columns 4–12 ({count} figures)" },
  copyFailed: { zh: "无法写入剪贴板：{text}（请手动复制）", en: "The clipboard refused: {text} (copy it by hand)" },
  print: { zh: "打印", en: "Print" },
  differs: { zh: "与申报不符", en: "differs from the declaration" },
  openFinding: { zh: "查看原因", en: "See why" },
  declaredCell: { zh: "申报单元格", en: "declared cell" },
  noDeclaration: { zh: "工作簿没有申报数，只显示计算值。", en: "The workbook declares no figures: computed values only." },
  differingRows: { zh: "{count} 栏与申报不符", en: "{count} ≠ declared" },
  // inputs / stale
  computedWith: { zh: "依据：{region} · {year} 年申报（{dataYear} 年数据）· {entity}", en: "Inputs: {region} · filing {year} (data {dataYear}) · {entity}" },
  stale: { zh: "结果已过期：地区、年度或单位类型已更改，请重新计算。", en: "These results are stale: region, year or entity type changed. Calculate again." },
  staleBadge: { zh: "已过期", en: "Stale" },
  autoRan: { zh: "已于 {time} 自动重新校验：应缴 {before} → {after}", en: "Re-validated automatically at {time}: payable {before} → {after}" },
  // findings
  sortedByMoney: { zh: "按涉及金额排序，其次按严重程度", en: "Sorted by the amount at stake, then by severity" },
  sameAmount: { zh: "以下 {count} 项涉及同一金额 {amount}（不可相加）", en: "These {count} findings concern the same {amount} (do not add them up)" },
  showDetail: { zh: "详情", en: "Details" },
  bothLanguages: { zh: "显示英文", en: "Show Chinese too" },
  skipNextGroup: { zh: "跳到下一组：{group}", en: "Skip to the next group: {group}" },
  skipPrevGroup: { zh: "回到上一组：{group}", en: "Back to the previous group: {group}" },
  selectedHere: { zh: "已选中 {sheet}!{address}", en: "Selected {sheet}!{address}" },
  areaOf: { zh: "第 {n}/{total} 处", en: "area {n} of {total}" },
  nextArea: { zh: "下一处", en: "Next area" },
  areasLeft: { zh: "还有 {count} 个区域未选中", en: "{count} more areas not selected yet" },
  nextBatch: { zh: "选中下一批", en: "Select the next batch" },
  selectCellsOf: { zh: "选中单元格", en: "Select the cells" },
  amountLine: { zh: "涉及金额 {amount}", en: "Amount at stake {amount}" },
  doneErrors: { zh: "完成，{count} 个错误", en: "Done, {count} errors" },
  doneError1: { zh: "完成，1 个错误", en: "Done, 1 error" },
  doneWarnings: { zh: "完成，无错误，{count} 个警告", en: "Done, no errors, {count} warnings" },
  // what-if
  whatIf: { zh: "假设分析", en: "What if" },
  whatIfHint: { zh: "只改变下面的假设，不改动工作簿；第 9–12 栏由计算引擎实时重算。", en: "Changes only these assumptions, never the workbook; columns 9–12 are recalculated live by the engine." },
  hiresToAdd: { zh: "新增残疾职工（人）", en: "Disabled hires to add" },
  weight: { zh: "每人按", en: "Each counts as" },
  weight1: { zh: "1 人", en: "1" },
  weight2: { zh: "2 人（一、二级）", en: "2 (grade 1–2)" },
  fromMonth: { zh: "自几月起", en: "From month" },
  headcountDelta: { zh: "在职人数调整（人）", en: "Headcount adjustment" },
  wageDelta: { zh: "工资总额调整（元）", en: "Wage total adjustment (CNY)" },
  whatIfColumns: { zh: "假设下的第 9–12 栏", en: "Columns 9–12 under these assumptions" },
  now: { zh: "当前", en: "Now" },
  whatIfValue: { zh: "假设", en: "What if" },
  whatIfInvalid: { zh: "无法计算：{message}", en: "Cannot calculate: {message}" },
  chartTitle: { zh: "应缴金额与新增残疾职工人数（0–{max} 人）", en: "Payable against disabled hires (0–{max})" },
  chartDesc: { zh: "{points}。档次变化：{bounds}。", en: "{points}. Band changes: {bounds}." },
  chartNoBounds: { zh: "无", en: "none" },
  chartBound: { zh: "{hires} 人起{band}", en: "from {hires}: {band}" },
  hiresAxis: { zh: "新增人数", en: "hires" },
  // history
  history: { zh: "运行记录（保存在本工作簿）", en: "Run history (kept in this workbook)" },
  lastRun: { zh: "上次运行 {at}：应缴 {payable}；错误 {errors}，警告 {warnings}，提示 {infos}", en: "Last run {at}: payable {payable}; errors {errors}, warnings {warnings}, notes {infos}" },
  sinceLast: { zh: "与上次（{at}）相比：应缴 {before} → {after}；错误 {errorsBefore} → {errorsAfter}", en: "Since the last run ({at}): payable {before} → {after}; errors {errorsBefore} → {errorsAfter}" },
  historyInputs: { zh: "{region} · {year} · {entity}", en: "{region} · {year} · {entity}" },
  historyEmpty: { zh: "尚无记录。", en: "No runs yet." },
  historyWhen: { zh: "时间", en: "When" },
  historyInputsHead: { zh: "输入", en: "Inputs" },
  historyPayable: { zh: "应缴", en: "Payable" },
  historyFindings: { zh: "错/警/提", en: "E/W/N" },
  views: { zh: "视图", en: "Views" },
} satisfies Record<string, Bilingual>;

export type UiKey = keyof typeof UI_TEXT;

export function u(lang: Language, key: UiKey, values: Record<string, string | number> = {}): string {
  return fill(pick(lang, UI_TEXT[key]), values);
}

export function uBoth(key: UiKey, values: Record<string, string | number> = {}): Bilingual {
  return { zh: fill(UI_TEXT[key].zh, values), en: fill(UI_TEXT[key].en, values) };
}
