/**
 * A settings block: two columns of name/value pairs (names in Chinese or English), as kept in a template's parameter
 * sheet and passed to every LEVY.* function as `settings`. Parsing is shared by the custom functions, the workbook
 * reader and the CLI so that one block means the same thing everywhere.
 */
import { parseDateLoose } from "./dates";
import { moneyTextOfNumber } from "./fen";
import { ENTITY_TYPES } from "./levy/calculate";
import type { EntityType, LevyCase } from "./levy/types";
import { PARAMETER_INFO, PARAMETER_NAMES, parseBooleanWord } from "./rules/parameters";
import { shown } from "./shown";
import type { Bilingual, ParameterName } from "./rules/types";

/** Case fields a settings block may set, with their accepted names. */
const CASE_FIELDS = {
  region: ["region", "地区", "所在地区", "省份", "地区代码", "城市", "所属地区"],
  filingYear: ["filingYear", "申报年度", "缴费年度", "申报年份"],
  filingDate: ["filingDate", "申报日期"],
  entityType: ["entityType", "单位类型", "单位性质"],
  socialAverageWage: ["socialAverageWage", "社会平均工资", "社平工资", "当地社会平均工资", "当地社平工资", "上年度社会平均工资"],
  alreadyPaid: ["alreadyPaid", "已缴", "已缴费额", "本期已缴费额", "已缴金额"],
  registrationDate: ["registrationDate", "登记注册日期", "成立日期", "注册日期", "工商登记日期"],
  headcount: ["headcount", "在职职工人数", "上年在职职工人数", "职工人数"],
  wageTotal: ["wageTotal", "工资总额", "上年在职职工工资总额"],
  certifiedDisabled: ["certifiedDisabled", "残疾人数", "安排残疾人数", "上年实际安排残疾人就业人数", "实际安排残疾人数"],
  budgetFunded: ["budgetFunded", "财政拨款", "财政拨款单位", "是否财政拨款", "财政拨款单位（是/否）"],
  approvedRelief: ["approvedRelief", "批准减缴额", "不可抗力减缴额", "减缴额（第十七条）"],
} as const satisfies Partial<Record<keyof LevyCase, readonly string[]>>;

export type SettingsCaseField = keyof typeof CASE_FIELDS;

const ENTITY_WORDS: Record<string, EntityType> = {
  企业: "enterprise",
  公司: "enterprise",
  enterprise: "enterprise",
  company: "enterprise",
  机关: "government",
  国家机关: "government",
  government: "government",
  事业单位: "public-institution",
  "public-institution": "public-institution",
  institution: "public-institution",
  社会团体: "social-organization",
  社团: "social-organization",
  "social-organization": "social-organization",
  民办非企业: "private-non-enterprise",
  民办非企业单位: "private-non-enterprise",
  社会服务机构: "private-non-enterprise",
  "private-non-enterprise": "private-non-enterprise",
  其他: "other",
  other: "other",
};

export function parseEntityType(value: unknown): EntityType | undefined {
  if (typeof value !== "string") return undefined;
  const t = value.normalize("NFKC").trim();
  if ((ENTITY_TYPES as readonly string[]).includes(t)) return t as EntityType;
  return ENTITY_WORDS[t] ?? ENTITY_WORDS[t.toLowerCase()];
}

function normName(name: string): string {
  return name.normalize("NFKC").trim().toLowerCase().replace(/[\s_:：()（）]+/g, "");
}

/** Every alias, normalised once (a settings range of 100,000 rows must not normalise 150 aliases per row). */
const CASE_FIELD_BY_KEY = new Map<string, SettingsCaseField>();
for (const [field, aliases] of Object.entries(CASE_FIELDS)) {
  for (const a of aliases) if (!CASE_FIELD_BY_KEY.has(normName(a))) CASE_FIELD_BY_KEY.set(normName(a), field as SettingsCaseField);
}

const MONEY_FIELDS: ReadonlySet<string> = new Set(["socialAverageWage", "alreadyPaid", "wageTotal", "approvedRelief"]);

export function caseFieldForName(name: string): SettingsCaseField | undefined {
  return CASE_FIELD_BY_KEY.get(normName(name));
}

/**
 * parameterForName (core/rules/parameters.ts) through a precomputed map: the same keys (an alias lower-cased without
 * spaces or underscores; a name NFKC-normalised, trimmed, lower-cased, without spaces, underscores or colons), the
 * first parameter listing an alias wins, as there. test/core/plausibility.test.ts checks the two agree on every alias.
 */
let parameterByKey: Map<string, ParameterName> | null = null;

export function parameterForSettingName(name: string): ParameterName | undefined {
  if (!parameterByKey) {
    parameterByKey = new Map();
    for (const p of PARAMETER_NAMES) {
      for (const a of PARAMETER_INFO[p].aliases) {
        const k = a.toLowerCase().replace(/[\s_]+/g, "");
        if (!parameterByKey.has(k)) parameterByKey.set(k, p);
      }
    }
  }
  return parameterByKey.get(name.normalize("NFKC").trim().toLowerCase().replace(/[\s_:：]+/g, ""));
}

/**
 * Names a parameter block may carry that are not calculation inputs: the employer's name and credit code (the
 * template's 参数 sheet starts with them), notes, the block's own caption (参数 | 值), and the workbook reader's
 * mapping rows (列:… / 映射:… / 表:…). The LEVY.* functions accept and ignore these; any other unknown name is a
 * likely typo (征收比列 for 征收比例) and is reported.
 */
const INFORMATIONAL_NAMES = new Set(
  [
    "单位名称", "用人单位名称", "企业名称", "公司名称", "缴费单位名称", "employer", "employername", "company", "companyname",
    "统一社会信用代码", "社会信用代码", "信用代码", "纳税人识别号", "纳税人识别号/统一社会信用代码", "统一社会信用代码/纳税人识别号", "uscc", "creditcode", "taxid",
    "备注", "说明", "注", "note", "notes", "remark", "remarks",
    "参数", "参数名", "参数名称", "名称", "项目", "parameter", "parameters", "name", "setting", "settings",
    "参数parameter", "参数名称parameter", "名称name", "项目item",
  ].map(normName),
);

export function isInformationalSettingName(name: string): boolean {
  const t = name.normalize("NFKC").trim();
  if (/^(列|映射|表|column|map|sheet)\s*[:：]/i.test(t)) return true;
  return INFORMATIONAL_NAMES.has(normName(t));
}

export interface SettingsIssue {
  /** 0-based row within the block. */
  row: number;
  name: string;
  message: Bilingual;
}

export interface ParsedSettings {
  case: Partial<LevyCase>;
  overrides: Partial<Record<ParameterName, unknown>>;
  /** Block row each recognised name came from (for cell references in findings and the trail). */
  rows: Partial<Record<SettingsCaseField | ParameterName, number>>;
  /** Names that are neither case fields nor rule parameters (the workbook layer reads column mappings from these). */
  unknown: Array<{ row: number; name: string; value: unknown }>;
  errors: SettingsIssue[];
}

function isBlank(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** Text or number as typed; Excel error values arrive as strings like "#N/A" and are reported. */
function scalarText(v: unknown): string | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === "string") return v.normalize("NFKC").trim().replace(/,/g, "").replace(/(元|人)$/, "");
  return undefined;
}

/**
 * Parse rows of [name, value] (extra columns ignored; a 1-row horizontal block is not supported: names go down).
 * `options.date1904`: date serials are in the 1904 date system (the workbook reader knows; Excel's custom functions
 * receive 1900 serials, the default).
 * Never throws: unreadable values become `errors` with the row they came from.
 */
export function parseSettings(rows: readonly (readonly unknown[])[] | null | undefined, options: { date1904?: boolean } = {}): ParsedSettings {
  const out: ParsedSettings = { case: {}, overrides: {}, rows: {}, unknown: [], errors: [] };
  if (!Array.isArray(rows)) return out;
  rows.forEach((row, index) => {
    if (!Array.isArray(row) || row.length === 0) return;
    const [rawName, value] = row;
    if (isBlank(rawName)) return;
    if (typeof rawName !== "string") {
      if (!isBlank(value)) out.errors.push({ row: index, name: shown(rawName), message: { zh: `第${index + 1}行的参数名不是文字。`, en: `Row ${index + 1}: the setting name is not text.` } });
      return;
    }
    const name = rawName.trim();
    // The workbook reader hands error cells as {error: "#N/A"}; any other object is not a cell value either.
    if (value !== null && typeof value === "object" && !(value instanceof Date)) {
      const error = (value as { error?: unknown }).error;
      const text = typeof error === "string" ? error : "{…}";
      out.errors.push({ row: index, name, message: { zh: `“${shown(name)}”的值是错误值 ${shown(text)}。`, en: `"${shown(name)}" holds the error value ${shown(text)}.` } });
      return;
    }
    if (typeof value === "string" && /^#[A-Z0-9/!?]+[!?]?$/.test(value.trim())) {
      out.errors.push({ row: index, name, message: { zh: `“${shown(name)}”的值是错误值 ${shown(value)}。`, en: `"${shown(name)}" holds the error value ${shown(value)}.` } });
      return;
    }
    const field = caseFieldForName(name);
    if (field) {
      if (isBlank(value)) return;
      out.rows[field] = index;
      const bad = (expected: Bilingual) =>
        out.errors.push({ row: index, name, message: { zh: `“${shown(name)}”的值“${shown(value)}”无效：应为${expected.zh}。`, en: `"${shown(name)}" has an invalid value "${shown(value)}": expected ${expected.en}.` } });
      switch (field) {
        case "region":
          out.case.region = String(value).trim();
          break;
        case "filingYear": {
          const t = scalarText(value)?.replace(/年$/, "");
          const y = t !== undefined && /^\d{4}$/.test(t) ? Number(t) : NaN;
          if (Number.isInteger(y)) out.case.filingYear = y;
          else bad({ zh: "四位年份，如 2025", en: "a four-digit year such as 2025" });
          break;
        }
        case "filingDate":
        case "registrationDate": {
          // A number is a serial in the workbook's date system (the 1904 system in older Mac workbooks).
          const d = parseDateLoose(value, options.date1904 === true);
          if (d) out.case[field] = d;
          else bad({ zh: "日期，如 2025-07-01", en: "a date such as 2025-07-01" });
          break;
        }
        case "budgetFunded": {
          const b = parseBooleanWord(value);
          if (b === undefined) bad({ zh: "是/否", en: "yes/no" });
          else out.case.budgetFunded = b;
          break;
        }
        case "entityType": {
          const e = parseEntityType(value);
          if (e) out.case.entityType = e;
          else bad({ zh: "企业 / 机关 / 事业单位 / 社会团体 / 民办非企业", en: "enterprise, government, public-institution, social-organization or private-non-enterprise" });
          break;
        }
        default: {
          // Money fields: a double is snapped to the fen (core/fen.ts) before any decimal work.
          const t = typeof value === "number" && Number.isFinite(value) && MONEY_FIELDS.has(field) ? moneyTextOfNumber(value) : scalarText(value);
          if (t !== undefined && /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) out.case[field] = t;
          else bad({ zh: "数字", en: "a number" });
        }
      }
      return;
    }
    const parameter = parameterForSettingName(name);
    if (parameter) {
      if (isBlank(value)) return; // a blank value keeps the profile's; write 无 or 不封顶 to set "none"
      out.rows[parameter] = index;
      out.overrides[parameter] = typeof value === "string" ? value.trim() : value;
      return;
    }
    out.unknown.push({ row: index, name, value });
  });
  return out;
}
