/**
 * Explicit column mapping: the user's fix for a wrong or missing guess. Two sources, same syntax:
 *
 *   AnalyseOptions.mapping (CLI `--map KEY=FIELD`):   { "花名册!F": "employmentType", "用工类别": "用工形式" }
 *   parameter-sheet rows (name | value):               列:用工类别 | employmentType
 *                                                      映射:花名册!F | employmentType
 *                                                      表:Sheet3   | roster
 *
 * KEY is `Sheet!F` (a column letter on one sheet), `Sheet!header text`, or a header text (any sheet). The row-name
 * prefixes 列: 映射: column: map: (full- or half-width colon) mark a column mapping; 表: sheet: table: force a sheet's
 * table kind. FIELD is a field id ("employmentType", "pay:bonus", "bonus"), any header the dictionary knows
 * ("用工形式", "年终奖"), or ignore / 忽略 / 无 / - to drop the column. Kinds: roster 花名册, payroll 工资表,
 * disabled 残疾职工, monthlyHeadcount 月度人数, ignore 忽略. Options win over the parameter sheet.
 */
import type { Bilingual } from "../core/rules/types";
import { columnIndex } from "./address";
import { FIELD_IDS, FIELD_LABELS, PAY_CATEGORIES, PAY_CATEGORY_IDS } from "./fields";
import type { ColumnMeaning, FieldId, PayCategory, TableKind } from "./fields";
import { normaliseHeader, recogniseHeader } from "./headers";
import { nfkc } from "./text";

export type MappingTarget = ColumnMeaning | "ignore";

export interface MappingRule {
  /** As written by the user. */
  key: string;
  value: string;
  /** "option" or the parameter cell, e.g. "参数!A14". */
  origin: string;
  sheet: string | null;
  column: number | null;
  header: string | null;
  target: MappingTarget;
  /** Set by detection: how many columns the rule applied to. */
  applied: number;
}

export interface KindRule {
  key: string;
  value: string;
  origin: string;
  sheet: string;
  kind: TableKind | "ignore";
  applied: number;
}

export interface MappingProblem {
  key: string;
  value: string;
  origin: string;
  message: Bilingual;
}

export interface Mapping {
  columns: MappingRule[];
  kinds: KindRule[];
  problems: MappingProblem[];
}

/**
 * The sheet where a mapping is saved in the workbook (by the task pane's mapping editor, or by hand): two columns,
 * KEY | VALUE, the same rows a parameter sheet may hold (表:花名册 | 花名册, 花名册!F | 用工形式). Every reader of the
 * workbook (CLI, pane, functions) applies it, so a colleague who opens the file gets the same recognition.
 */
export const MAPPING_SHEET = "残保金映射";
export const MAPPING_SHEET_NAMES = [MAPPING_SHEET, "LevyMapping"];

const IGNORE_WORDS = new Set(["ignore", "忽略", "无", "-", "none", "skip", "不用", "不计"]);
const COLUMN_PREFIX = /^(列|映射|column|map|col)\s*[:：]\s*/i;
const TABLE_PREFIX = /^(表|工作表|sheet|table)\s*[:：]\s*/i;

const KIND_WORDS = new Map<string, TableKind | "ignore">([
  ["roster", "roster"],
  ["花名册", "roster"],
  ["人员名册", "roster"],
  ["payroll", "payroll"],
  ["工资表", "payroll"],
  ["工资", "payroll"],
  ["disabled", "disabled"],
  ["残疾职工", "disabled"],
  ["残疾人名册", "disabled"],
  ["monthlyheadcount", "monthlyHeadcount"],
  ["monthly", "monthlyHeadcount"],
  ["月度人数", "monthlyHeadcount"],
  ["ignore", "ignore"],
  ["忽略", "ignore"],
]);

/** A mapping value → what the column means; null when the value names nothing known. */
export function parseMappingTarget(value: string): MappingTarget | null {
  const t = nfkc(value).trim();
  if (t === "") return null;
  if (IGNORE_WORDS.has(t.toLowerCase())) return "ignore";
  const lower = t.toLowerCase();
  const field = FIELD_IDS.find((f) => f.toLowerCase() === lower && f !== "pay");
  if (field) return { field };
  const payId = lower.startsWith("pay:") ? lower.slice(4) : lower;
  const category = PAY_CATEGORY_IDS.find((c) => c.toLowerCase() === payId);
  if (category) return { field: "pay", category };
  const byLabel = PAY_CATEGORY_IDS.find((c) => PAY_CATEGORIES[c].label.zh === t || PAY_CATEGORIES[c].label.en.toLowerCase() === lower);
  if (byLabel) return { field: "pay", category: byLabel };
  // The names the pane's drop-downs and the README show (字段名 in Chinese or English).
  const byFieldLabel = FIELD_IDS.find((f) => f !== "pay" && (FIELD_LABELS[f].zh === t || FIELD_LABELS[f].en.toLowerCase() === lower));
  if (byFieldLabel) return { field: byFieldLabel };
  return recogniseHeader(t);
}

function parseKey(key: string): { sheet: string | null; column: number | null; header: string | null } {
  const t = nfkc(key).trim();
  const bang = t.lastIndexOf("!");
  if (bang > 0) {
    const sheet = t.slice(0, bang).replace(/^'(.*)'$/, "$1").trim();
    const rest = t.slice(bang + 1).trim();
    const col = columnIndex(rest.replace(/\$/g, ""));
    if (col >= 0) return { sheet, column: col, header: null };
    return { sheet, column: null, header: normaliseHeader(rest) };
  }
  return { sheet: null, column: null, header: normaliseHeader(t) };
}

export function emptyMapping(): Mapping {
  return { columns: [], kinds: [], problems: [] };
}

/** Add one KEY=VALUE. `origin` says where it came from (for the report and for problems). */
export function addMappingEntry(mapping: Mapping, rawKey: string, rawValue: unknown, origin: string, forceTable = false): void {
  const value = rawValue === null || rawValue === undefined ? "" : String(rawValue);
  let key = nfkc(String(rawKey)).trim();
  const tableMatch = TABLE_PREFIX.exec(key);
  if (tableMatch || forceTable) {
    if (tableMatch) key = key.slice(tableMatch[0].length).trim();
    const kind = KIND_WORDS.get(nfkc(value).trim().toLowerCase().replace(/\s+/g, ""));
    if (!kind || key === "") {
      mapping.problems.push({
        key: rawKey,
        value,
        origin,
        message: {
          zh: `表类型映射“${rawKey} → ${value}”无效：类型应为 花名册/工资表/残疾职工/月度人数/忽略（roster/payroll/disabled/monthlyHeadcount/ignore）。`,
          en: `Table mapping "${rawKey} → ${value}" is invalid: the kind must be roster, payroll, disabled, monthlyHeadcount or ignore.`,
        },
      });
      return;
    }
    mapping.kinds.push({ key: rawKey, value, origin, sheet: key, kind, applied: 0 });
    return;
  }
  const columnMatch = COLUMN_PREFIX.exec(key);
  if (columnMatch) key = key.slice(columnMatch[0].length).trim();
  const target = parseMappingTarget(value);
  const parsedKey = parseKey(key);
  if (!target || key === "" || (parsedKey.header === "" && parsedKey.column === null)) {
    mapping.problems.push({
      key: rawKey,
      value,
      origin,
      message: {
        zh: `列映射“${rawKey} → ${value}”无效：值应为字段名（如 employmentType、hireDate、pay:bonus）或已知表头（如 用工形式、年终奖），或“忽略”。`,
        en: `Column mapping "${rawKey} → ${value}" is invalid: the value must be a field id (employmentType, hireDate, pay:bonus…), a known header (用工形式, 年终奖…) or "ignore".`,
      },
    });
    return;
  }
  // Options are added first and win: a later rule for the same key is dropped (and reported as such).
  const duplicate = mapping.columns.find((r) => r.sheet === parsedKey.sheet && r.column === parsedKey.column && r.header === parsedKey.header);
  if (duplicate) {
    mapping.problems.push({
      key: rawKey,
      value,
      origin,
      message: {
        zh: `列映射“${rawKey}”重复，采用 ${duplicate.origin} 的“${duplicate.value}”。`,
        en: `Column mapping "${rawKey}" is given twice; the one from ${duplicate.origin} ("${duplicate.value}") is used.`,
      },
    });
    return;
  }
  mapping.columns.push({ key: rawKey, value, origin, ...parsedKey, target, applied: 0 });
}

/** Is this parameter-sheet row name a mapping row? */
export function isMappingName(name: string): boolean {
  const t = nfkc(name).trim();
  return COLUMN_PREFIX.test(t) || TABLE_PREFIX.test(t);
}

function sameSheet(a: string, b: string): boolean {
  return a === b || nfkc(a).trim().toLowerCase() === nfkc(b).trim().toLowerCase();
}

/** The rule for one header cell: sheet+column first, then sheet+header, then header alone. */
export function mappingFor(mapping: Mapping, sheet: string, column: number, headerText: string | null): MappingRule | null {
  if (mapping.columns.length === 0) return null;
  const header = headerText === null ? null : normaliseHeader(headerText);
  let best: MappingRule | null = null;
  let rank = 0;
  for (const rule of mapping.columns) {
    if (rule.sheet !== null && !sameSheet(rule.sheet, sheet)) continue;
    if (rule.column !== null) {
      if (rule.column === column && rank < 3) {
        best = rule;
        rank = 3;
      }
    } else if (header !== null && rule.header === header) {
      const r = rule.sheet !== null ? 2 : 1;
      if (r > rank) {
        best = rule;
        rank = r;
      }
    }
  }
  return best;
}

export function kindFor(mapping: Mapping, sheet: string): KindRule | null {
  return mapping.kinds.find((k) => sameSheet(k.sheet, sheet)) ?? null;
}

export type { FieldId, PayCategory };
