/**
 * The pane's own texts in zh-CN and en-US. Messages that come with the data (findings, trail labels, regions) are
 * already bilingual ({zh, en}); `pick` chooses the side for the current language.
 */
import type { Bilingual } from "../core/rules/types";
import type { Language } from "./excel-gateway";

export type { Language };

export function languageFromDisplay(displayLanguage: string | undefined | null): Language {
  return typeof displayLanguage === "string" && /^zh\b/i.test(displayLanguage) ? "zh-CN" : "en-US";
}

export function pick(lang: Language, text: Bilingual): string {
  return lang === "zh-CN" ? text.zh : text.en;
}

/** The other language's text (shown small or on hover). */
export function other(lang: Language, text: Bilingual): string {
  return lang === "zh-CN" ? text.en : text.zh;
}

export const TEXT = {
  appTitle: { zh: "残保金助手", en: "Levy Assistant" },
  appSubtitle: { zh: "残疾人就业保障金", en: "Disabled Persons' Employment Security Fund" },
  views: { zh: "视图", en: "Views" },
  tabCalculation: { zh: "计算", en: "Calculation" },
  tabValidation: { zh: "校验", en: "Validation" },
  tabSettings: { zh: "设置", en: "Settings" },
  region: { zh: "地区", en: "Region" },
  filingYear: { zh: "申报年度", en: "Filing year" },
  entityType: { zh: "单位类型", en: "Entity type" },
  fromWorkbook: { zh: "按工作簿参数", en: "From the workbook" },
  fromWorkbookValue: { zh: "工作簿参数（{value}）", en: "Workbook: {value}" },
  calculate: { zh: "计算", en: "Calculate" },
  cancel: { zh: "取消", en: "Cancel" },
  revalidate: { zh: "重新校验", en: "Re-validate" },
  validate: { zh: "校验", en: "Validate" },
  writeWorkingPaper: { zh: "写入底稿", en: "Write working paper" },
  copyFindings: { zh: "复制到校验结果表", en: "Copy to findings sheet" },
  formCard: { zh: "申报表栏次（附件6）", en: "Filing form columns (Annex 6)" },
  column: { zh: "栏次", en: "Col." },
  wageCap: { zh: "封顶额", en: "Wage cap" },
  wageBase: { zh: "计费基数", en: "Wage base" },
  required: { zh: "应安排人数", en: "Required" },
  shortfall: { zh: "差额人数", en: "Shortfall" },
  notChecked: { zh: "未检查", en: "not checked" },
  band: { zh: "减免档次", en: "Reduction band" },
  disabledShare: { zh: "残疾人占比", en: "Disabled share" },
  nextBand: { zh: "距下一档", en: "Distance to the next band" },
  noNextBand: { zh: "已在最优档次。", en: "Already in the best band." },
  hiresLine: {
    zh: "再安排 {hires} 名持证残疾人可达到{target}，约节省 {saving} 元。",
    en: "{hires} more certified disabled {hires:hire reaches|hires reach} {target}, saving about CNY {saving}.",
  },
  trail: { zh: "计算轨迹", en: "Calculation trail" },
  trailHint: { zh: "从应缴金额一直展开到计入与剔除的行；点击可在工作簿中选中单元格。", en: "From the amount down to the rows counted and excluded; click to select the cells." },
  expand: { zh: "展开", en: "Expand" },
  collapse: { zh: "收起", en: "Collapse" },
  selectCells: { zh: "选中单元格", en: "Select cells" },
  formula: { zh: "公式", en: "Formula" },
  source: { zh: "依据", en: "Source" },
  suggestion: { zh: "建议", en: "Suggestion" },
  cells: { zh: "单元格", en: "Cells" },
  rows: { zh: "行", en: "rows" },
  rowsRead: { zh: "读取 {read} 行：计入 {counted}，剔除 {excluded}，拒收 {rejected}", en: "{read} {read:row|rows} read: {counted} counted, {excluded} excluded, {rejected} rejected" },
  rowCount: { zh: "{count} 行", en: "{count} {count:row|rows}" },
  amountAtStake: { zh: "涉及金额", en: "Amount at stake" },
  severity_error: { zh: "错误", en: "Errors" },
  severity_warning: { zh: "警告", en: "Warnings" },
  severity_info: { zh: "提示", en: "Notes" },
  filterByRule: { zh: "按规则筛选", en: "Filter by rule" },
  allRules: { zh: "全部规则", en: "All rules" },
  noFindings: { zh: "没有发现问题。", en: "No findings." },
  notRunYet: { zh: "尚未计算。点击“计算”读取当前工作簿。", en: "Not calculated yet. Click Calculate to read this workbook." },
  notValidatedYet: { zh: "尚未校验。点击“校验”检查当前工作簿。", en: "Not validated yet. Click Validate to check this workbook." },
  findingsSummary: { zh: "错误 {errors}，警告 {warnings}，提示 {infos}", en: "errors {errors}, warnings {warnings}, notes {infos}" },
  language: { zh: "语言", en: "Language" },
  languageAuto: { zh: "跟随 Office（{value}）", en: "Follow Office ({value})" },
  autoValidate: { zh: "编辑后自动重新校验", en: "Re-validate after edits" },
  autoValidateHint: { zh: "工作表内容改变约 1.5 秒后重新读取并校验。", en: "Reads and checks the workbook again about 1.5 s after cells change." },
  mapping: { zh: "列映射（仅本窗格）", en: "Column mapping (this pane only)" },
  mappingHint: {
    zh: "每行一条，如 花名册!F=employmentType 或 用工类别=employmentType。优先于工作簿中的映射；要与命令行和同事共用，请用“映射”页（保存在“残保金映射”工作表）。",
    en: "One per line, e.g. 花名册!F=employmentType or 用工类别=employmentType. Wins over the workbook's mapping; to share a mapping with the CLI and colleagues, use the Mapping view (saved in the 残保金映射 sheet).",
  },
  saveSettings: { zh: "保存设置", en: "Save settings" },
  settingsSaved: { zh: "设置已保存到工作簿。", en: "Settings saved in the workbook." },
  settingsNote: { zh: "地区、年度、单位类型和列映射保存在工作簿中，随模板一起分发。", en: "Region, year, entity type and mapping are saved in the workbook, so a firm template carries them." },
  reading: { zh: "正在读取工作簿…", en: "Reading the workbook…" },
  analysing: { zh: "正在计算与校验…", en: "Calculating and checking…" },
  stage_sheets: { zh: "读取工作表列表", en: "Listing sheets" },
  stage_cells: { zh: "读取单元格", en: "Reading cells" },
  stage_tables: { zh: "识别表格并逐行核对", en: "Finding the tables, checking every row" },
  stage_formulas: { zh: "检查 LEVY 公式", en: "Checking LEVY formulas" },
  stage_rules: { zh: "运行校验规则", en: "Running the checks" },
  stage_done: { zh: "完成", en: "Done" },
  done: { zh: "完成：{summary}。", en: "Done: {summary}." },
  cancelled: { zh: "已取消。", en: "Cancelled." },
  failed: { zh: "出错：{message}", en: "Failed: {message}" },
  fatal: { zh: "无法使用此工作簿", en: "This workbook cannot be used" },
  writing: { zh: "正在写入“{sheet}”…", en: "Writing \"{sheet}\"…" },
  written: { zh: "已写入“{sheet}”（{address}）。", en: "Written to \"{sheet}\" ({address})." },
  notReplaced: { zh: "未替换“{sheet}”。", en: "\"{sheet}\" was not replaced." },
  selected: { zh: "已选中 {sheet}!{address}", en: "Selected {sheet}!{address}" },
  confirmReplaceTitle: { zh: "替换工作表？", en: "Replace the sheet?" },
  confirmReplaceBody: { zh: "工作表“{sheet}”已存在。替换它的内容吗？（本插件只写入自己的工作表。）", en: "The sheet \"{sheet}\" already exists. Replace its content? (The add-in writes only to its own sheets.)" },
  replace: { zh: "替换", en: "Replace" },
  keep: { zh: "保留", en: "Keep" },
  revalidatingAfterEdit: { zh: "工作表已修改，正在重新校验…", en: "The workbook changed; re-validating…" },
  openInExcel: { zh: "请在 Excel 中打开本插件。", en: "Open this add-in in Excel." },
  progress: { zh: "进度", en: "Progress" },
  nothingToWrite: { zh: "请先计算。", en: "Calculate first." },
  policy: { zh: "政策", en: "Policy" },
  dataYear: { zh: "数据年度", en: "data year" },
  notes: { zh: "说明", en: "Notes" },
  otherLanguage: { zh: "English", en: "中文" },
  errorDetails: { zh: "详细信息", en: "Details" },
  exactValuesNote: {
    zh: "人数和平均工资按两位小数显示；金额按精确值计算，用显示值手算可能相差几分。悬停或展开可查看精确值。",
    en: "Headcounts and average wages are shown to two decimals; amounts use the exact values, so a hand check with the shown figures may differ by a few fen. Hover or expand to see the exact value.",
  },
  exactValue: { zh: "精确值", en: "Exact value" },
  generatedAtChinaTime: { zh: "生成时间（北京时间）", en: "Generated (China time, UTC+8)" },
  tabMapping: { zh: "映射", en: "Mapping" },
  mappingTitle: { zh: "识别与映射", en: "Recognition and mapping" },
  mappingIntro: {
    zh: "工具判断不了的地方由您决定：选择每张工作表的类型、每一列的字段。保存在本工作簿的“{sheet}”工作表中，之后每次计算以及打开此文件的同事都会使用。",
    en: "Decide where the tool cannot: what each sheet is and what each column holds. Saved in this workbook's \"{sheet}\" sheet, used by every later run and by colleagues who open the file.",
  },
  sheetsHeading: { zh: "工作表", en: "Sheets" },
  sheetRoleLabel: { zh: "“{sheet}”的类型", en: "Kind of \"{sheet}\"" },
  detectedAs: { zh: "识别为：{what}", en: "Recognised as: {what}" },
  byMapping: { zh: "（按映射）", en: " (by mapping)" },
  roleAuto: { zh: "自动", en: "Automatic" },
  columnsOf: { zh: "“{sheet}”的列", en: "Columns of \"{sheet}\"" },
  columnLabel: { zh: "{column} 列“{header}”的字段", en: "Field of column {column} \"{header}\"" },
  fieldAuto: { zh: "自动（{field}）", en: "Automatic ({field})" },
  fieldUnused: { zh: "未使用", en: "not used" },
  samples: { zh: "示例", en: "Samples" },
  noSamples: { zh: "（无数据）", en: "(no data)" },
  groupFields: { zh: "字段", en: "Fields" },
  groupPay: { zh: "工资项目", en: "Pay items" },
  otherRules: { zh: "其他规则（每行 键 = 值）", en: "Other rules (one KEY = VALUE a line)" },
  otherRulesHint: { zh: "如 用工类别 = 用工形式，或 表:Sheet3 = 忽略。", en: "E.g. 用工类别 = employment type, or 表:Sheet3 = ignore." },
  saveMapping: { zh: "保存映射并重新计算", en: "Save mapping and recalculate" },
  revertMapping: { zh: "撤销更改", en: "Discard changes" },
  unsavedChanges: { zh: "有未保存的更改。", en: "Unsaved changes." },
  mappingNotRead: { zh: "尚未读取工作簿。", en: "The workbook has not been read yet." },
  readWorkbook: { zh: "读取工作簿", en: "Read the workbook" },
  mappingSaved: { zh: "映射已保存到“{sheet}”（{count} 条），正在重新计算…", en: "Mapping saved to \"{sheet}\" ({count} {count:rule|rules}); recalculating…" },
  mappingRefused: { zh: "未保存：{message}", en: "Not saved: {message}" },
  mappingNothing: { zh: "没有要保存的规则。", en: "There are no rules to save." },
  chooseRoster: { zh: "选择花名册工作表", en: "Choose the roster sheet" },
  insertTemplate: { zh: "插入模板工作表", en: "Insert the template sheets" },
  templateInserted: { zh: "已插入工作表：{sheets}。请填写后点击“计算”。", en: "Sheets inserted: {sheets}. Fill them in, then click Calculate." },
  templateAllExist: { zh: "模板工作表均已存在，未插入任何工作表。", en: "All the template sheets exist already; nothing was inserted." },
  confirmTemplateTitle: { zh: "插入模板工作表？", en: "Insert the template sheets?" },
  confirmTemplateBody: { zh: "已存在的工作表不会改动：{existing}。只插入：{adding}。", en: "Sheets that exist stay as they are: {existing}. Only these are added: {adding}." },
  insert: { zh: "插入", en: "Insert" },
  lowConfidence: { zh: "识别把握不大，请确认工作表类型", en: "Recognition is uncertain: please confirm the sheet kinds" },
  whyHeading: { zh: "为何如此识别（得分 {score}，次选 {runnerUp}）", en: "Why (score {score}; runner-up {runnerUp})" },
  candidateLine: { zh: "“{sheet}”可能是{kind}（得分 {score}）", en: "\"{sheet}\" may be the {kind} (score {score})" },
} satisfies Record<string, Bilingual>;

export type TextKey = keyof typeof TEXT;

/** The text for `key` in `lang`, with {name} placeholders filled. */
export function t(lang: Language, key: TextKey, values: Record<string, string | number> = {}): string {
  return fill(pick(lang, TEXT[key]), values);
}

/**
 * Fills {name} placeholders; {name:one|other} picks the English singular when the value is 1 ("1 row", "2 rows").
 * Chinese texts need no plural forms.
 */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)(?::([^|{}]*)\|([^{}]*))?\}/g, (whole, name: string, one: string | undefined, many: string | undefined) => {
    if (!Object.prototype.hasOwnProperty.call(values, name)) return whole;
    if (one === undefined) return String(values[name]);
    return Number(values[name]) === 1 ? one : (many ?? "");
  });
}

/** The label colon: full-width in Chinese ("建议："), ": " in English. */
export function colon(lang: Language): string {
  return lang === "zh-CN" ? "：" : ": ";
}

/** Parentheses around a text: full-width in Chinese ("（数据年度 2024）"), " (…)" in English. */
export function parens(lang: Language, text: string): string {
  return lang === "zh-CN" ? `（${text}）` : `(${text})`;
}

/** Both languages of a text key, with placeholders filled (for bilingual status lines and sheets). */
export function both(key: TextKey, values: Record<string, string | number> = {}): Bilingual {
  return { zh: fill(TEXT[key].zh, values), en: fill(TEXT[key].en, values) };
}
