/**
 * The parameter block: two columns of name/value pairs (the custom functions' `settings`), parsed by the core's
 * parseSettings so one block means the same everywhere. It is found as the (sheet, column) with the most recognised
 * setting names in the first 300 rows (a sheet called 参数/settings wins ties and may hold just one name).
 *
 * Three kinds of rows are taken out before parseSettings sees the block: mapping rows (列:… / 映射:… / 表:…, see
 * mapping.ts), the employer's name and 统一社会信用代码 (not calculation inputs), and filing-form labels such as
 * "应安排残疾人就业比例", which would otherwise override the quota ratio (they belong to the declaration block).
 */
import { Decimal } from "../core/decimal";
import { caseFieldForName, parseSettings } from "../core/settings";
import type { ParsedSettings } from "../core/settings";
import { parameterForName } from "../core/rules/parameters";
import type { Bilingual } from "../core/rules/types";
import { cellAddress, originOf } from "./address";
import type { CellPosition } from "./address";
import { declarationFieldOf } from "./declaration";
import type { IssueLog } from "./issues";
import { addMappingEntry, isMappingName } from "./mapping";
import type { Mapping } from "./mapping";
import { normaliseHeader } from "./headers";
import { cellText } from "./text";
import type { CellRef, CellValue, SheetData } from "./types";

const SCAN_ROWS = 300;
const SCAN_COLS = 8;

const EMPLOYER_NAMES = new Set(["单位名称", "用人单位名称", "企业名称", "公司名称", "缴费单位名称", "employer", "employername", "company", "companyname"].map(normaliseHeader));
const USCC_NAMES = new Set(["统一社会信用代码", "社会信用代码", "信用代码", "纳税人识别号", "纳税人识别号/统一社会信用代码", "统一社会信用代码/纳税人识别号", "uscc", "creditcode", "taxid"].map(normaliseHeader));
const PARAM_SHEET = /参数|设置|settings|parameters|params|config/i;

/**
 * Parameter labels as accountants and the e-tax form write them, mapped onto the settings names parseSettings knows.
 * The data-period labels (费款所属期 2024年度, 所属年度, 数据年度) name the data year, so the filing year is one
 * more; a bare 年度 / 年份 could be either and is decided in model.ts from what the data says.
 */
type Alias =
  | { kind: "name"; name: string }
  | { kind: "dataYear" }
  | { kind: "ambiguousYear" }
  | { kind: "socialAverage"; factor: number; unit: string };

const DATA_PERIOD = /^(费款所属期|所属期|所属年度|数据年度|统计年度|工资年度|费款所属年度|所属年份|数据年份|dataYear|dataperiod|feeperiod)$/i;
const BARE_YEAR = /^(年度|年份|年|year|period)$/i;
const REGION = /^(所在|所属|注册|登记)?(省份|省市|省|地区|区域|城市|地市|市|地|所在地|注册地|登记地|地址)$|^(所在|所属|注册|登记)(地|地区|省份|城市)$|^(province|city|location)$/i;
const ENTITY = /^(单位|组织|机构)(性质|类型|类别|性质类型)$|^(entity|organisation|organization)(type|kind)?$/i;
const SOCIAL_AVERAGE = /(社会|社平|全省|全市|全区|城镇|非私营|在岗职工).*平均工资|社平工资|社会平均|socialaverage|averagewage/i;

const ALREADY_PAID = /^(本期|本年|当年|已)?.{0,4}(已缴|已预缴|已缴纳|已交|预缴)|alreadypaid|prepaid/i;

function aliasOf(text: string): Alias | null {
  const k = normaliseHeader(text);
  const bare = k.replace(/\([^)]*\)/g, "");
  // Column 11 under any of its names (本期已缴费额, 已缴纳金额, 已预缴, 已缴金额(元)): the form label is the block's.
  if (ALREADY_PAID.test(bare) && !/应补|应退|应纳|减免/.test(bare)) return { kind: "name", name: "已缴" };
  if (caseFieldForName(text) !== undefined || parameterForName(text) !== undefined) return null;
  if (DATA_PERIOD.test(bare)) return { kind: "dataYear" };
  if (BARE_YEAR.test(bare)) return { kind: "ambiguousYear" };
  if (REGION.test(bare)) return { kind: "name", name: "地区" };
  if (ENTITY.test(bare)) return { kind: "name", name: "单位类型" };
  if (SOCIAL_AVERAGE.test(bare)) {
    if (/万元/.test(k)) return { kind: "socialAverage", factor: 10000, unit: "万元" };
    if (/元\/月|元每月|月平均|月均|monthly|permonth/.test(text.normalize("NFKC").toLowerCase().replace(/\s+/g, "")) || /元月\)/.test(k)) return { kind: "socialAverage", factor: 12, unit: "元/月" };
    return { kind: "socialAverage", factor: 1, unit: "元" };
  }
  return null;
}

/** The year a period value names: 2024, "2024年度", "2024年", "2024-01-01至2024-12-31", "2024年1月-12月". */
export function yearOfPeriod(value: unknown): number | null {
  if (typeof value === "number" && Number.isInteger(value) && value >= 1990 && value <= 2100) return value;
  if (value instanceof Date) return value.getUTCFullYear();
  if (typeof value !== "string") return null;
  const years = [...value.normalize("NFKC").matchAll(/(19|20)\d{2}/g)].map((m) => Number(m[0]));
  if (years.length === 0) return null;
  return years.every((y) => y === years[0]) ? years[0] : null;
}

export interface ParameterBlock {
  sheet: string;
  /** 0-based column of the names (values are in the next column). */
  column: number;
  origin: CellPosition;
  settings: ParsedSettings;
  employerName: { value: string; cell: CellRef } | null;
  uscc: { value: CellValue; cell: CellRef } | null;
  /** Address of the value cell for a values-array row index. */
  cellOf(row: number): CellRef;
  /** Rows of the block whose name is unknown (neither a setting nor a mapping), for the report. */
  unknown: Array<{ name: string; value: unknown; cell: CellRef }>;
  /** A data-period label (费款所属期, 所属年度): the data year it names and its cell. The filing year is one more. */
  dataYear: { year: number; label: string; cell: CellRef; row: number } | null;
  /** A bare 年度 / 年份: the year, read as data year or filing year in model.ts. */
  ambiguousYear: { year: number; label: string; cell: CellRef; row: number } | null;
  /** Labels read under another name (所在省份 → 地区, 上年度全省社会平均工资（万元） → 社会平均工资 × 10000). */
  aliases: Array<{ label: string; as: string; cell: CellRef; note?: Bilingual }>;
}

const settingNameCache = new Map<string, boolean>();

/** Cached: the alias lookups normalise every alias, and the block search asks about every short text cell. */
function isSettingName(text: string): boolean {
  let hit = settingNameCache.get(text);
  if (hit === undefined) {
    hit = isSettingNameUncached(text);
    if (settingNameCache.size < 20_000) settingNameCache.set(text, hit);
  }
  return hit;
}

function isSettingNameUncached(text: string): boolean {
  // Form labels are not counted: a declaration sheet must not be taken for the parameter block.
  if (isFormLabel(text) || (declarationFieldOf(text) !== undefined && caseFieldForName(text) === undefined)) return false;
  const k = normaliseHeader(text);
  return caseFieldForName(text) !== undefined || parameterForName(text) !== undefined || isMappingName(text) || EMPLOYER_NAMES.has(k) || USCC_NAMES.has(k) || aliasOf(text) !== null;
}

/** Names that are filing-form labels: left to the declaration block. */
function isFormLabel(text: string): boolean {
  return declarationFieldOf(text) !== undefined && /上年|本期|应安排|实际安排|费额|所属期/.test(text);
}

export function readParameterBlock(sheets: readonly SheetData[], mapping: Mapping, issues: IssueLog): ParameterBlock | null {
  let best: { sheet: SheetData; column: number; count: number } | null = null;
  const candidates: Array<{ sheet: SheetData; column: number }> = [];
  for (const sheet of sheets) {
    const values = Array.isArray(sheet?.values) ? sheet.values : [];
    const counts = new Array(SCAN_COLS).fill(0);
    for (let r = 0; r < Math.min(values.length, SCAN_ROWS); r++) {
      const row = values[r];
      if (!Array.isArray(row)) continue;
      for (let c = 0; c < Math.min(row.length, SCAN_COLS); c++) {
        const v = row[c];
        if (typeof v === "string" && v.length < 60 && isSettingName(v)) counts[c]++;
      }
    }
    const preferred = PARAM_SHEET.test(String(sheet?.name ?? ""));
    for (let c = 0; c < SCAN_COLS; c++) {
      const count = counts[c] + (preferred ? 0.5 : 0);
      if (counts[c] >= (preferred ? 1 : 2)) candidates.push({ sheet, column: c });
      if (counts[c] >= (preferred ? 1 : 2) && (!best || count > best.count)) best = { sheet, column: c, count };
    }
  }
  if (!best) return null;
  reportRepeats(candidates, issues);
  const { sheet, column } = best;
  const origin = originOf(sheet);
  const values = sheet.values;
  const cellOf = (row: number): CellRef => ({ sheet: sheet.name, address: cellAddress(origin, row, column + 1) });
  const rows: unknown[][] = [];
  let employerName: ParameterBlock["employerName"] = null;
  let uscc: ParameterBlock["uscc"] = null;
  let dataYear: ParameterBlock["dataYear"] = null;
  let ambiguousYear: ParameterBlock["ambiguousYear"] = null;
  const aliases: ParameterBlock["aliases"] = [];
  const badYear = (r: number, text: string, value: unknown) =>
    issues.add("PARAM_INVALID", sheet.name, "filingYear", text, () => cellOf(r).address, showRaw(value), { zh: `“${text}”应为年份，如 2024 或“2024年度”。`, en: `"${text}" must name a year, such as 2024 or 2024年度.` });
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    const name = Array.isArray(row) ? row[column] : null;
    const value = Array.isArray(row) ? (row[column + 1] ?? null) : null;
    rows.push([null, null]);
    if (typeof name !== "string") {
      rows[r] = [name ?? null, value];
      continue;
    }
    const text = name.trim();
    const k = normaliseHeader(text);
    if (isMappingName(text)) {
      if (value !== null && !(typeof value === "string" && value.trim() === "")) addMappingEntry(mapping, text, value, `${sheet.name}!${cellOf(r).address}`);
      continue;
    }
    if (EMPLOYER_NAMES.has(k)) {
      const v = cellText(value);
      if (v !== null) employerName = { value: v, cell: cellOf(r) };
      continue;
    }
    if (USCC_NAMES.has(k)) {
      if (cellText(value) !== null) uscc = { value, cell: cellOf(r) };
      continue;
    }
    const alias = aliasOf(text);
    if (alias && !(value === null || (typeof value === "string" && value.trim() === ""))) {
      if (alias.kind === "dataYear" || alias.kind === "ambiguousYear") {
        const y = yearOfPeriod(value);
        if (y === null) {
          badYear(r, text, value);
          continue;
        }
        if (alias.kind === "dataYear") {
          if (!dataYear) dataYear = { year: y, label: text, cell: cellOf(r), row: r };
          // The form's 费款所属期 is the data period: filing year = data year + 1.
          rows[r] = ["申报年度", y + 1];
          aliases.push({ label: text, as: "申报年度", cell: cellOf(r), note: { zh: `${text} ${y} 为数据年度，申报年度为 ${y + 1}。`, en: `${text} ${y} is the data year; the filing year is ${y + 1}.` } });
        } else if (!ambiguousYear) ambiguousYear = { year: y, label: text, cell: cellOf(r), row: r };
        continue;
      }
      if (alias.kind === "name") {
        rows[r] = [alias.name, value];
        aliases.push({ label: text, as: alias.name, cell: cellOf(r) });
        continue;
      }
      // The social average wage, with the unit its label names.
      const t = typeof value === "number" ? String(value) : typeof value === "string" ? value.normalize("NFKC").replace(/[,，\s元]/g, "") : "";
      if (/^\d+(\.\d+)?$/.test(t) && alias.factor !== 1) {
        const scaled = new Decimal(t).times(alias.factor).toString();
        rows[r] = ["社会平均工资", scaled];
        aliases.push({ label: text, as: "社会平均工资", cell: cellOf(r), note: { zh: `按标签中的单位（${alias.unit}）换算为 ${scaled} 元/年。`, en: `Converted from the label's unit (${alias.unit}) to ${scaled} yuan a year.` } });
      } else {
        rows[r] = ["社会平均工资", value];
        aliases.push({ label: text, as: "社会平均工资", cell: cellOf(r) });
      }
      continue;
    }
    if (isFormLabel(text)) continue;
    if (isBlockHeader(text, value)) continue;
    rows[r] = [name, value];
  }
  const settings = parseSettings(rows, { date1904: sheet.date1904 === true });
  for (const e of settings.errors) {
    issues.add("PARAM_INVALID", sheet.name, "parameters", e.name, () => cellOf(e.row).address, showRaw(rows[e.row]?.[1]), e.message as Bilingual);
  }
  const unknown = settings.unknown.filter((u) => cellText(u.value as CellValue) !== null).map((u) => ({ name: u.name, value: u.value, cell: cellOf(u.row) }));
  return { sheet: sheet.name, column, origin, settings, employerName, uscc, cellOf, unknown, dataYear, ambiguousYear, aliases };
}

/** The block's own column headings ("参数 Parameter | 值 Value", "名称 | 数值"): a caption row, not a setting. */
const BLOCK_NAME_HEADINGS = ["参数", "参数名", "参数名称", "名称", "项目", "parameter", "parameters", "name", "setting", "settings"];
const BLOCK_VALUE_HEADINGS = ["值", "数值", "参数值", "内容", "取值", "value", "values"];

function isBlockHeader(name: string, value: unknown): boolean {
  if (typeof value !== "string") return false;
  const words = (t: string) => t.normalize("NFKC").toLowerCase().split(/[\s/|()（）:：]+/).filter((w) => w !== "");
  const nameWords = words(name);
  const valueWords = words(value);
  return nameWords.length > 0 && valueWords.length > 0 && nameWords.every((w) => BLOCK_NAME_HEADINGS.includes(w)) && valueWords.every((w) => BLOCK_VALUE_HEADINGS.includes(w));
}

function showRaw(v: unknown): string {
  return v === null || v === undefined ? "" : String(v).slice(0, 40);
}

/** The setting a label stands for, so 所在地区 and 地区 (or 社平工资 and 当地社平工资) are the same parameter. */
function settingKey(text: string): string | null {
  if (isMappingName(text) || isFormLabel(text)) return null;
  const k = normaliseHeader(text);
  if (EMPLOYER_NAMES.has(k) || USCC_NAMES.has(k)) return null; // told apart by the entity split (entities.ts)
  const alias = aliasOf(text);
  if (alias) return alias.kind === "name" ? `s:${alias.name}` : `a:${alias.kind}`;
  const field = caseFieldForName(text);
  if (field !== undefined) return `c:${String(field)}`;
  const parameter = parameterForName(text);
  if (parameter !== undefined) return `p:${String(parameter)}`;
  return null;
}

function valueKey(v: CellValue): string | null {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const t = cellText(v);
  return t === null ? null : t.normalize("NFKC").replace(/\s+/g, "").replace(/[,，]/g, "");
}

/**
 * A parameter written more than once in the workbook (in one block or in two) with different values is never
 * settled silently by row order: one error naming both cells. The value used is still the block's (the last row).
 */
function reportRepeats(candidates: ReadonlyArray<{ sheet: SheetData; column: number }>, issues: IssueLog): void {
  const seen = new Map<string, { label: string; value: string; shown: string; cell: CellRef }>();
  const reported = new Set<string>();
  for (const { sheet, column } of candidates) {
    const origin = originOf(sheet);
    const values = Array.isArray(sheet.values) ? sheet.values : [];
    for (let r = 0; r < Math.min(values.length, SCAN_ROWS); r++) {
      const row = values[r];
      if (!Array.isArray(row) || typeof row[column] !== "string") continue;
      const label = (row[column] as string).trim();
      const key = settingKey(label);
      const value = valueKey((row[column + 1] ?? null) as CellValue);
      if (key === null || value === null) continue;
      const cell = { sheet: sheet.name, address: cellAddress(origin, r, column + 1) };
      const first = seen.get(key);
      if (!first) {
        seen.set(key, { label, value, shown: showRaw(row[column + 1]), cell });
        continue;
      }
      if (first.value === value || reported.has(`${key}\u0000${value}`)) continue;
      reported.add(`${key}\u0000${value}`);
      const at = (c: CellRef) => `${c.sheet}!${c.address}`;
      issues.addCells("PARAM_INVALID", first.cell.sheet, "parameters", first.label, [first.cell, cell], undefined, {
        zh: `参数写了两次且取值不同：${at(first.cell)}“${first.label}”为“${first.shown}”，${at(cell)}“${label}”为“${showRaw(row[column + 1])}”；无法判断以哪个为准，计算结果不可靠。请删除其中一个。`,
        en: `The parameter is written twice with different values: ${at(first.cell)} "${first.label}" is "${first.shown}", ${at(cell)} "${label}" is "${showRaw(row[column + 1])}"; which one applies cannot be told, so the result is unreliable. Delete one of them.`,
      });
    }
  }
}
