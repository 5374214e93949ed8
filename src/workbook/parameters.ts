/**
 * The parameter block: two columns of name/value pairs (the custom functions' `settings`), parsed by the core's
 * parseSettings so one block means the same everywhere. It is found as the (sheet, column) with the most recognised
 * setting names in the first 300 rows (a sheet called 参数/settings wins ties and may hold just one name).
 *
 * Three kinds of rows are taken out before parseSettings sees the block: mapping rows (列:… / 映射:… / 表:…, see
 * mapping.ts), the employer's name and 统一社会信用代码 (not calculation inputs), and filing-form labels such as
 * "应安排残疾人就业比例", which would otherwise override the quota ratio (they belong to the declaration block).
 */
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
  return caseFieldForName(text) !== undefined || parameterForName(text) !== undefined || isMappingName(text) || EMPLOYER_NAMES.has(k) || USCC_NAMES.has(k);
}

/** Names that are filing-form labels: left to the declaration block. */
function isFormLabel(text: string): boolean {
  return declarationFieldOf(text) !== undefined && /上年|本期|应安排|实际安排|费额|所属期/.test(text);
}

export function readParameterBlock(sheets: readonly SheetData[], mapping: Mapping, issues: IssueLog): ParameterBlock | null {
  let best: { sheet: SheetData; column: number; count: number } | null = null;
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
      if (counts[c] >= (preferred ? 1 : 2) && (!best || count > best.count)) best = { sheet, column: c, count };
    }
  }
  if (!best) return null;
  const { sheet, column } = best;
  const origin = originOf(sheet);
  const values = sheet.values;
  const cellOf = (row: number): CellRef => ({ sheet: sheet.name, address: cellAddress(origin, row, column + 1) });
  const rows: unknown[][] = [];
  let employerName: ParameterBlock["employerName"] = null;
  let uscc: ParameterBlock["uscc"] = null;
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
    if (isFormLabel(text)) continue;
    if (isBlockHeader(text, value)) continue;
    rows[r] = [name, value];
  }
  const settings = parseSettings(rows);
  for (const e of settings.errors) {
    issues.add("PARAM_INVALID", sheet.name, "parameters", e.name, () => cellOf(e.row).address, showRaw(rows[e.row]?.[1]), e.message as Bilingual);
  }
  const unknown = settings.unknown.filter((u) => cellText(u.value as CellValue) !== null).map((u) => ({ name: u.name, value: u.value, cell: cellOf(u.row) }));
  return { sheet: sheet.name, column, origin, settings, employerName, uscc, cellOf, unknown };
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
