/**
 * Finding the tables: each sheet's first rows are scanned for the row whose cells best match the header dictionary
 * (title rows, blank rows and merged titles above it score low and are skipped), a second header row directly above
 * or below is merged in (two-level headers such as "应发项目" over "基本工资 | 奖金"), and the set of recognised
 * fields decides what kind of table it is. Sheet names are only a tie-breaker; column order never matters.
 */
import type { Bilingual } from "../core/rules/types";
import { cellAddress, columnLetters, originOf } from "./address";
import type { CellPosition } from "./address";
import { PAY_CATEGORIES, isReferenceCategory } from "./fields";
import type { ColumnMeaning, FieldId, PayCategory, TableKind } from "./fields";
import { recogniseHeader } from "./headers";
import { kindFor, mappingFor } from "./mapping";
import type { Mapping, MappingRule } from "./mapping";
import { composeMonthHeader } from "./header-rows";
import { monthOfText } from "./parse";
import { cellText } from "./text";
import { decideKind, derivedSignal, valueSignals } from "./recognise";
import type { Recognition } from "./recognise";
import type { CellValue, SheetData } from "./types";
import { recogniseSourceSheet } from "./source-tables";
import type { SourceTable } from "./source-tables";

/** How many rows from the top are searched for a header row. */
export const HEADER_SCAN_ROWS = 30;
/** Columns beyond this are not searched for headers (a header row is never this wide). */
const HEADER_SCAN_COLUMNS = 300;

export interface TableColumn {
  index: number;
  letter: string;
  header: string;
  meaning: ColumnMeaning | null;
  via: "dictionary" | "mapping" | "ignored" | "none";
  /** Set when an earlier column already holds this (non-pay) field; this one is not used. */
  duplicate?: boolean;
  /** The mapping rule's origin when via = "mapping" or "ignored". */
  mappingOrigin?: string;
}

export interface DetectedTable {
  id: number;
  sheet: SheetData;
  sheetName: string;
  kind: TableKind;
  origin: CellPosition;
  /** Index (into values) of the main header row. */
  headerRowIndex: number;
  /** Index of the first data row. */
  dataStart: number;
  columns: TableColumn[];
  /** Field → column index (the first column with that field). */
  field: Map<FieldId, number>;
  pay: Array<{ index: number; category: PayCategory }>;
  /** A roster that also carries pay columns (one row per person per year) or certificate numbers. */
  embedded: { payroll: boolean; disabled: boolean };
  /** Payroll month taken from the sheet name ("2024年3月", "3月工资") when the table has no month column. */
  sheetMonth: { year: number; month: number } | null;
  /** How the kind was decided. */
  kindVia: "headers" | "mapping";
  /** Header texts by column (parallel arrays), for recognising a repeated header row inside the data. */
  headerTexts: { columns: number[]; texts: string[] };
  /** The recognition decision: each role's score, the reasons, the runner-up (recognise.ts). */
  recognition: Recognition;
  /**
   * Set when the table's value cells are formulas over other sheets (a lookup or summary sheet): a view of data that
   * lives elsewhere, shown in the report, never read as a source.
   */
  derived: { sheets: string[]; formulaShare: number } | null;
  /** For a payroll with month columns (1月应发 … 12月应发): the month this slice of the table reads (1–12), else 0. */
  wideMonth: number;
  /** The slice of such a payroll that reads its pay columns without a month (年终奖, 13薪 beside the months). */
  wideAnnual?: boolean;
}

export interface SkippedSheet {
  sheet: string;
  reason: Bilingual;
  /** The sheet has a person column (工号/姓名/身份证号) and amounts under its header: it may hold pay nobody read. */
  peopleWithAmounts?: boolean;
}

interface RowScan {
  index: number;
  cells: Map<number, { text: string; meaning: ColumnMeaning | null; rule: MappingRule | null }>;
  fields: Set<FieldId>;
  payCount: number;
  score: number;
}

function scanRow(row: readonly CellValue[] | undefined, index: number, sheetName: string, mapping: Mapping): RowScan {
  const scan: RowScan = { index, cells: new Map(), fields: new Set(), payCount: 0, score: 0 };
  if (!Array.isArray(row)) return scan;
  const width = Math.min(row.length, HEADER_SCAN_COLUMNS);
  for (let c = 0; c < width; c++) {
    const text = cellText(row[c]);
    const rule = mappingFor(mapping, sheetName, c, text);
    if (text === null && !rule) continue;
    let meaning: ColumnMeaning | null = null;
    if (rule) meaning = rule.target === "ignore" ? null : rule.target;
    else if (text !== null && typeof row[c] === "string") meaning = monthPayHeader(text) ?? recogniseHeader(text) ?? bonusSheetAmount(text, sheetName);
    scan.cells.set(c, { text: text ?? "", meaning, rule });
    if (!meaning) continue;
    // A count (计薪天数, 工龄) is no sign of a payroll: it sits on staff lists too.
    if (meaning.field === "pay") scan.payCount += meaning.category === "payCount" ? 0 : 1;
    else scan.fields.add(meaning.field);
  }
  scan.score = scan.fields.size + Math.min(scan.payCount, 4);
  return scan;
}

/**
 * A pay header tagged with a month: "1月应发", "2024年3月工资", "3月份基本工资", "应发工资(1月)", "Gross pay 3", "Jan gross".
 * The meaning is the rest's (应发 → total, 基本工资 → time wage; a bare month means the month's total pay).
 */
export function monthPayHeader(text: string): ColumnMeaning | null {
  const t = text.normalize("NFKC").trim();
  let month = 0;
  let rest = "";
  // "2024-01", "2024/1", "2024.01", "202401" (optionally followed by the item): a month-column header.
  const dated = /^(20\d{2})\s*[-/.]\s*(\d{1,2})(?!\d)\s*(.*)$/.exec(t) ?? /^(20\d{2})(0[1-9]|1[0-2])(?!\d)\s*(.*)$/.exec(t);
  if (dated) {
    const mo = Number(dated[2]);
    const tail = dated[3].trim();
    if (mo < 1 || mo > 12) return null;
    const meaningTail = tail === "" || /^(月|月份)?(工资|薪资|pay|wages?)?$/i.test(tail) ? ({ field: "pay", category: "grossPay" } as ColumnMeaning) : recogniseHeader(tail.replace(/^月份?/, ""));
    return meaningTail && meaningTail.field === "pay" ? { ...meaningTail, month: mo } : null;
  }
  let m = /^(?:\d{4}\s*年\s*)?(\d{1,2})\s*月份?\s*(.*)$/.exec(t) ?? /^(.*?)[\s(（]*(?:\d{4}\s*年\s*)?(\d{1,2})\s*月份?[)）]?$/.exec(t);
  if (m) {
    const first = /^\d/.test(m[1]);
    month = Number(first ? m[1] : m[2]);
    rest = (first ? m[2] : m[1]).trim();
  } else {
    m = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*(.*)$/i.exec(t) ?? /^(.*?)\s*(?:\(|-|\s)\s*(\d{1,2})\s*\)?$/.exec(t);
    if (!m) return null;
    const names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    const idx = names.indexOf(m[1].toLowerCase().slice(0, 3));
    if (idx >= 0) {
      month = idx + 1;
      rest = m[2].trim();
    } else {
      month = Number(m[2]);
      rest = m[1].trim();
    }
  }
  if (!(month >= 1 && month <= 12)) return null;
  const meaning = rest === "" || /^(工资|薪资|薪酬|pay|wages?|salary)$/i.test(rest) ? ({ field: "pay", category: "grossPay" } as ColumnMeaning) : recogniseHeader(rest);
  if (!meaning || meaning.field !== "pay") return null;
  return { ...meaning, month };
}

/**
 * The header of a wide payroll whose months and pay items are on two rows (the best row and the one below, or the one
 * above and the best row), read as one composed row placed on the lower row; null when the rows are not such a pair.
 */
function composedMonthHeader(values: readonly (readonly CellValue[])[], best: RowScan, sheetName: string, mapping: Mapping): RowScan | null {
  for (const upper of [best.index, best.index - 1]) {
    const lower = upper + 1;
    if (upper < 0 || lower >= values.length) continue;
    const row = composeMonthHeader(values[upper], values[lower], HEADER_SCAN_COLUMNS);
    if (!row) continue;
    const scan = scanRow(row, lower, sheetName, mapping);
    if (scan.score >= best.score) return scan;
  }
  return null;
}

/** On a sheet named for bonuses (年终奖, 2024奖金, Bonus), a bare amount column (金额, 发放金额, Amount) is the bonus. */
function bonusSheetAmount(text: string, sheetName: string): ColumnMeaning | null {
  if (!/年终奖|奖金|bonus/i.test(sheetName)) return null;
  return /^(金额|发放金额|奖金金额|应发金额|税前金额|amount|grossamount)$/i.test(text.normalize("NFKC").replace(/[\s（）()元]/g, "")) ? { field: "pay", category: "bonus" } : null;
}

const PERSON_KEYS: FieldId[] = ["employeeId", "name", "idNumber"];
const ROSTER_FIELDS: FieldId[] = ["hireDate", "leaveDate", "employmentType", "contractStart", "contractEnd", "contractTerm", "dispatchAssigned"];

function has(fields: Set<FieldId>, list: FieldId[]): boolean {
  return list.some((f) => fields.has(f));
}

/** The kind a set of header fields describes, or null. */
export function kindOf(fields: Set<FieldId>, payCount: number, sheetName: string): TableKind | null {
  const personKey = has(fields, PERSON_KEYS);
  const rosterish = has(fields, ROSTER_FIELDS);
  const hasPay = payCount > 0 || fields.has("monthlyWage");
  if (fields.has("month") && has(fields, ["monthStart", "monthEnd", "monthCount"]) && !personKey) return "monthlyHeadcount";
  if (fields.has("certificateNo") || fields.has("certified")) {
    const looksDisabled = /残|disab/i.test(sheetName);
    if (rosterish && !fields.has("certified") && !looksDisabled) return "roster";
    if (personKey || fields.has("certificateNo")) return "disabled";
  }
  if (personKey && hasPay && (fields.has("month") || !rosterish)) return "payroll";
  if (personKey && rosterish) return "roster";
  if (fields.has("name") && fields.has("idNumber") && !hasPay) return "roster";
  return null;
}

function sheetMonthOf(name: string): { year: number; month: number } | null {
  const t = name.trim();
  let m = /(\d{4})\s*[年\-./_]\s*(\d{1,2})\s*月?/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { year: Number(m[1]), month: Number(m[2]) };
  m = /(?:^|\D)(\d{4})(\d{2})(?:\D|$)/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { year: Number(m[1]), month: Number(m[2]) };
  m = /(?:^|\D)(\d{1,2})\s*月/.exec(t);
  if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return { year: 0, month: Number(m[1]) };
  const packed = monthOfText(t);
  return packed ? { year: Math.floor(packed / 100), month: packed % 100 } : null;
}

/**
 * Detect the tables of every sheet. `skip` names sheets already used as the parameter or declaration block.
 * Never throws; a sheet that is not a table is listed in `skipped` with the reason.
 */
export function detectTables(sheets: readonly SheetData[], mapping: Mapping): { tables: DetectedTable[]; skipped: SkippedSheet[]; sources: SourceTable[] } {
  const tables: DetectedTable[] = [];
  const skipped: SkippedSheet[] = [];
  // Reconciliation sources (ledger, A105050, IIT, social insurance, certification list): taken only when their score
  // beats the levy role the sheet would otherwise get (source-tables.ts), never against a mapping.
  const sources: SourceTable[] = [];
  const asSource = (sheet: SheetData, levyRole: { kind: string; score: number } | null): boolean => {
    const s = recogniseSourceSheet(sheet, levyRole);
    if (s) sources.push({ ...s, id: sources.length });
    return s !== null;
  };
  for (const sheet of sheets) {
    const name = String(sheet?.name ?? "");
    const values = Array.isArray(sheet?.values) ? sheet.values : [];
    const forced = kindFor(mapping, name);
    if (forced) forced.applied++;
    if (forced?.kind === "ignore") {
      skipped.push({ sheet: name, reason: { zh: "按映射忽略。", en: "Ignored by the mapping." } });
      continue;
    }
    if (values.length === 0) {
      skipped.push({ sheet: name, reason: { zh: "空工作表。", en: "Empty sheet." } });
      continue;
    }
    const limit = Math.min(values.length, HEADER_SCAN_ROWS);
    const scans: RowScan[] = [];
    let best: RowScan | null = null;
    for (let r = 0; r < limit; r++) {
      const s = scanRow(values[r], r, name, mapping);
      scans.push(s);
      if (!best || s.score > best.score) best = s;
    }
    if (!best || best.score < 2) {
      if (!forced && asSource(sheet, null)) continue;
      skipped.push({ sheet: name, reason: { zh: `前 ${limit} 行中没有可识别的表头行。`, en: `No recognisable header row in the first ${limit} rows.` } });
      continue;
    }
    // Months on one header row and pay items on the other (header-rows.ts): one row of composed headers.
    const monthPair = composedMonthHeader(values, best, name, mapping);
    if (monthPair) best = monthPair;
    // Merge a second header row directly above or below: cells it recognises where the main row has nothing.
    const merged = new Map(best.cells);
    const fields = new Set(best.fields);
    let payCount = best.payCount;
    let lastHeader = best.index;
    for (const neighbour of monthPair ? [] : [scans[best.index - 1], best.index + 1 < values.length ? scanRow(values[best.index + 1], best.index + 1, name, mapping) : undefined]) {
      if (!neighbour) continue;
      const additions: number[] = [];
      for (const [c, cell] of neighbour.cells) {
        const mine = merged.get(c);
        // The lower row of a two-level header is the more specific one for pay items ("合计" over "基本工资").
        const refines = neighbour.index > best.index && mine?.meaning?.field === "pay" && cell.meaning?.field === "pay";
        if (cell.meaning && (!mine || !mine.meaning || refines)) additions.push(c);
      }
      // Two or more: a lone recognised cell next to the header is more likely a title ("2024年工资表") or a value.
      if (additions.length >= 2) {
        for (const c of additions) {
          const cell = neighbour.cells.get(c)!;
          const replaced = merged.get(c)?.meaning?.field === "pay";
          merged.set(c, cell);
          if (cell.meaning?.field === "pay") payCount += replaced ? 0 : 1;
          else if (cell.meaning) fields.add(cell.meaning.field);
        }
        if (neighbour.index > lastHeader) lastHeader = neighbour.index;
      }
    }
    // A field-description row under the header (北森 and other HR exports: 文本 | 数值 | 年月): header, not data.
    if (isDescriptionRow(values[lastHeader + 1])) lastHeader++;
    const signals = valueSignals(values, lastHeader + 1, merged, sheet);
    const recognition = decideKind(fields, payCount, kindOf(fields, payCount, name), signals, forced ? (forced.kind as TableKind) : null);
    const kind: TableKind | null = recognition.kind;
    if (!kind && !forced && asSource(sheet, null)) continue;
    if (kind && !forced && asSource(sheet, { kind, score: recognition.score })) continue;
    if (!kind) {
      let amounts = 0;
      if (has(fields, PERSON_KEYS)) {
        for (let r = lastHeader + 1; r < Math.min(values.length, lastHeader + 200) && amounts < 3; r++) {
          const row = values[r];
          if (Array.isArray(row)) for (const v of row) if (typeof v === "number" && Math.abs(v) >= 100 && !Number.isInteger(v / 1e6)) amounts++;
        }
      }
      skipped.push({
        peopleWithAmounts: amounts >= 3,
        sheet: name,
        reason: {
          zh: `第 ${originOf(sheet).row + best.index} 行像表头，但无法判断是花名册、工资表、残疾职工名册还是月度人数表（缺少工号/姓名/身份证号或日期、工资列）。`,
          en: `Row ${originOf(sheet).row + best.index} looks like a header, but it is not clear whether this is a roster, payroll, disabled register or monthly table (no ID/name column, or no date or pay columns).`,
        },
      });
      continue;
    }
    const origin = originOf(sheet);
    const columns: TableColumn[] = [];
    const field = new Map<FieldId, number>();
    const pay: Array<{ index: number; category: PayCategory }> = [];
    const headerTexts = { columns: [] as number[], texts: [] as string[] };
    for (const c of [...merged.keys()].sort((a, b) => a - b)) {
      const cell = merged.get(c)!;
      const col: TableColumn = {
        index: c,
        letter: columnLetters(origin.col + c),
        header: cell.text,
        meaning: cell.meaning,
        via: cell.rule ? (cell.rule.target === "ignore" ? "ignored" : "mapping") : cell.meaning ? "dictionary" : "none",
      };
      if (cell.rule) {
        cell.rule.applied++;
        col.mappingOrigin = cell.rule.origin;
      }
      if (cell.text) {
        headerTexts.columns.push(c);
        headerTexts.texts.push(cell.text);
      }
      let meaning = cell.meaning;
      // In a payroll a monthly-wage column is simply pay (base pay, or the whole pay when it is the only column) —
      // except 月薪 and averages (月平均工资), which are the rate a person is on, not what the month paid.
      if (meaning && meaning.field === "monthlyWage" && kind === "payroll") meaning = col.meaning = { field: "pay", category: MONTHLY_RATE.test(cell.text) ? "payRate" : "timeWage" };
      if (meaning?.field === "pay" && meaning.category) {
        // Reference figures (rates, counts, other periods, breakdowns) are shown but never read.
        if (!isReferenceCategory(meaning.category)) pay.push({ index: c, category: meaning.category });
      } else if (meaning) {
        if (field.has(meaning.field)) col.duplicate = true;
        else field.set(meaning.field, c);
      }
      columns.push(col);
    }
    if (kind === "payroll") settlePayColumns(columns, pay, field.has("month") || sheetMonthOf(name) !== null);
    const certColumns = field.has("certificateNo");
    tables.push({
      id: tables.length,
      sheet,
      sheetName: name,
      kind,
      origin,
      headerRowIndex: best.index,
      dataStart: lastHeader + 1,
      columns,
      field,
      pay,
      embedded: {
        payroll: kind === "roster" && pay.some((p) => PAY_CATEGORIES[p.category].kind === "wage" || PAY_CATEGORIES[p.category].kind === "total"),
        disabled: kind === "roster" && certColumns,
      },
      sheetMonth: kind === "payroll" && !field.has("month") ? sheetMonthOf(name) : null,
      kindVia: forced ? "mapping" : "headers",
      headerTexts,
      recognition,
      derived: forced ? null : derivedSignal(sheet, lastHeader + 1, columns, field),
      wideMonth: 0,
    });
  }
  resolveRoles(tables);
  return { tables: splitWidePayrolls(tables), skipped, sources };
}

const TYPE_WORD = /^(文本|数值|数字|日期|年月|年月日|时间|金额|货币|字符|字符串|整数|小数|百分比|布尔|text|number|numeric|date|datetime|month|string|integer|decimal|currency|percent|boolean)$/i;

/** Every filled cell is a data-type word, and at least two are. */
function isDescriptionRow(row: readonly CellValue[] | undefined): boolean {
  if (!Array.isArray(row)) return false;
  let words = 0;
  for (const v of row) {
    if (v === null || v === undefined || v === "") continue;
    if (typeof v !== "string" || !TYPE_WORD.test(v.trim())) return false;
    words++;
  }
  return words >= 2;
}

/** 月薪, 月平均工资, 月均工资: a monthly-wage header that names a rate rather than the month's pay. */
const MONTHLY_RATE = /月薪|平均|月均/;
/** A year's figure (年薪, 全年工资): on a row of one month it is a rate, not the month's pay. */
const ANNUAL_FIGURE = /年薪|全年(工资|应发|收入|薪)|年度(工资|薪|应发|收入)|年工资|年收入|annual|yearly/i;
/** Gross columns whose qualifier settles which one is the period's pay: the adjusted / this month's over the rest. */
const GROSS_FINAL = /调整后|更正后|修正后|修订后|最终|实际|本月|当月/;
const GROSS_SUPERSEDED = /调整前|更正前|修正前|修订前|^\s*原/;

/**
 * Payroll columns whose meaning depends on the table (recognised by the dictionary, never a mapping):
 *   - on rows of one month, a year's figure (年薪, 全年工资) is a rate, not the month's pay;
 *   - two or more gross columns (应发工资（调整前） / （调整后）) where the qualifier settles it: the adjusted one (or
 *     this month's) is the gross, the others are read as another figure (payOtherPeriod) and shown as not used.
 * Gross columns still two or more after this are left for the rules to compare (WG_GROSS_AMBIGUOUS).
 */
function settlePayColumns(columns: TableColumn[], pay: Array<{ index: number; category: PayCategory }>, perMonthRows: boolean): void {
  const demote = (col: TableColumn, category: PayCategory) => {
    col.meaning = { field: "pay", category };
    const k = pay.findIndex((p) => p.index === col.index);
    if (k >= 0) pay.splice(k, 1);
  };
  const fromDictionary = (col: TableColumn) => col.via === "dictionary" && col.meaning?.field === "pay";
  // (A payroll with month columns reads each month's columns only: its whole-year columns are never read anyway.)
  if (perMonthRows && !columns.some((c) => c.meaning?.month)) {
    for (const col of columns) {
      const m = col.meaning;
      if (fromDictionary(col) && !m!.month && (m!.category === "timeWage" || m!.category === "grossPay") && ANNUAL_FIGURE.test(col.header)) demote(col, "payRate");
    }
  }
  const groups = new Map<number, TableColumn[]>();
  for (const col of columns) {
    if (!fromDictionary(col) || col.meaning!.category !== "grossPay") continue;
    const month = col.meaning!.month ?? 0;
    groups.set(month, [...(groups.get(month) ?? []), col]);
  }
  for (const gross of groups.values()) {
    if (gross.length < 2) continue;
    const final = gross.filter((c) => GROSS_FINAL.test(c.header));
    const superseded = gross.filter((c) => GROSS_SUPERSEDED.test(c.header) && !GROSS_FINAL.test(c.header));
    if (final.length) {
      for (const c of gross) if (!final.includes(c)) demote(c, "payOtherPeriod");
    } else if (superseded.length && superseded.length < gross.length) {
      for (const c of superseded) demote(c, "payOtherPeriod");
    }
  }
}

/**
 * Workbook-level decisions a single sheet cannot make. A staff list that carries the disability columns inline
 * (残疾人证号, 残联认定 next to 入职日期 and 用工形式 — the most common single-sheet HR export) is the roster *and*
 * the source of the disabled register (the same rows): when no other table is a roster, the best register candidate
 * with roster columns becomes the roster with its register embedded.
 */
function resolveRoles(tables: DetectedTable[]): void {
  // A view is a view of something: keep the mark only when a sheet it refers to holds a source table.
  const sources = new Set(tables.filter((t) => !t.derived).map((t) => t.sheetName));
  for (const t of tables) {
    if (!t.derived) continue;
    if (!t.derived.sheets.some((s) => sources.has(s))) {
      t.derived = null;
      continue;
    }
    t.recognition.roles = ["derived"];
    t.recognition.reasons.push({
      zh: `数值列是引用其他工作表（${t.derived.sheets.join("、")}）的公式（${Math.round(t.derived.formulaShare * 100)}% 的单元格）：这是查询/汇总视图，不作为数据来源计入。`,
      en: `Its value columns are formulas over other sheets (${t.derived.sheets.join(", ")}; ${Math.round(t.derived.formulaShare * 100)}% of cells): a lookup or summary view, not counted as a source.`,
    });
  }
  const live = tables.filter((t) => !t.derived);
  if (live.some((t) => t.kind === "roster")) return;
  const candidates = live.filter((t) => t.kind === "disabled" && t.kindVia === "headers" && t.recognition.rosterColumns > 0);
  candidates.sort((a, b) => b.recognition.rosterColumns - a.recognition.rosterColumns || (b.sheet.values.length - a.sheet.values.length));
  const t = candidates[0];
  if (!t) return;
  t.kind = "roster";
  t.embedded = { payroll: t.pay.some((p) => PAY_CATEGORIES[p.category].kind === "wage" || PAY_CATEGORIES[p.category].kind === "total"), disabled: true };
  t.recognition.roles = ["roster", "disabled", ...(t.embedded.payroll ? (["payroll"] as const) : [])];
  t.recognition.reasons.push({
    zh: "工作簿中没有其他花名册：此表有入职日期/用工形式等花名册列，作为花名册，同时其残疾人证号/残联认定列作为残疾职工名册（同一批行）。",
    en: "No other roster in the workbook: this table has roster columns (hire date, employment type…), so it is the roster, and its certificate/certification columns are the disabled register (the same rows).",
  });
}

/**
 * A payroll with one row per person and month columns (1月应发 … 12月应发, "Gross pay 3") is read as one slice per
 * month: each slice is the same rows with that month's pay columns, as if it were a monthly sheet. Pay items without
 * a month beside them (年终奖, 13薪, a non-wage item) are one more slice, read as whole-year pay; a total without a
 * month (全年合计) is not read but checked against the months and those items (wide-totals.ts).
 */
function splitWidePayrolls(tables: DetectedTable[]): DetectedTable[] {
  const out: DetectedTable[] = [];
  for (const t of tables) {
    const months = new Set<number>();
    for (const col of t.columns) if (col.meaning?.field === "pay" && col.meaning.month && !isReferenceCategory(col.meaning.category)) months.add(col.meaning.month);
    if (t.kind !== "payroll" || months.size < 3) {
      out.push(t);
      continue;
    }
    t.recognition.reasons.push({ zh: `按月分列的工资表（${months.size} 个月份列组）：按月读取。`, en: `A payroll with month columns (${months.size} month groups): read month by month.` });
    for (const m of [...months].sort((a, b) => a - b)) {
      const pay = t.pay.filter((p) => t.columns.find((c) => c.index === p.index)?.meaning?.month === m);
      out.push({ ...t, pay, sheetMonth: { year: t.sheetMonth?.year ?? 0, month: m }, wideMonth: m });
    }
    const annual = t.pay.filter((p) => !t.columns.find((c) => c.index === p.index)?.meaning?.month && PAY_CATEGORIES[p.category].kind !== "total" && PAY_CATEGORIES[p.category].kind !== "base");
    if (annual.some((p) => PAY_CATEGORIES[p.category].kind === "wage" || PAY_CATEGORIES[p.category].kind === "nonWage")) {
      const names = annual.map((p) => t.columns.find((c) => c.index === p.index)!.header);
      t.recognition.reasons.push({ zh: `月份列之外的工资项目（${names.join("、")}）按全年一次读取。`, en: `Pay items beside the month columns (${names.join(", ")}) are read once, for the whole year.` });
      out.push({ ...t, pay: annual, sheetMonth: null, wideMonth: 0, wideAnnual: true });
    }
  }
  out.forEach((t, i) => (t.id = i));
  return out;
}

/** The range a table covers, for reports ("A3:O1203"). */
export function tableRange(t: DetectedTable): string {
  const values = t.sheet.values;
  const lastCol = t.columns.length ? Math.max(...t.columns.map((c) => c.index)) : 0;
  const firstCol = t.columns.length ? Math.min(...t.columns.map((c) => c.index)) : 0;
  return `${cellAddress(t.origin, t.headerRowIndex, firstCol)}:${cellAddress(t.origin, Math.max(values.length - 1, t.headerRowIndex), lastCol)}`;
}
