/**
 * The mapping editor without a DOM: what each sheet was recognised as, each table's headers with their field and a
 * few sample values, the drop-down options (fields named in Chinese and English, never internal ids), and the draft
 * the user edits — split into the drop-downs' rules and the other rules (a text box, one KEY = VALUE a line) — with
 * its validation (every line through a fresh emptyMapping() + addMappingEntry, via mapping-store.findProblem).
 */
import { excelSerialToIso } from "../core/dates";
import type { Bilingual } from "../core/rules/types";
import type { TableReport } from "../validation/analyse-contract";
import { columnIndex, parseA1 } from "../workbook/address";
import { FIELD_IDS, FIELD_LABELS, PAY_CATEGORIES, PAY_CATEGORY_IDS, TABLE_LABELS, type ColumnMeaning, type TableKind } from "../workbook/fields";
import { MAPPING_SHEET_NAMES, addMappingEntry, emptyMapping, parseMappingTarget } from "../workbook/mapping";
import { MappingStoreError, findProblem, fromSheetRows, tableRuleSheet, type LocatedEntry, type MappingEntry } from "../workbook/mapping-store";
import type { CellValue, SheetData } from "../workbook/types";
import { pick, type Language } from "./i18n";
import type { PaneAudit } from "./view-model";

export type RoleKind = TableKind | "ignore";

/** The sheet-role drop-down: the value written into the mapping is the Chinese kind word. */
export const ROLE_OPTIONS: ReadonlyArray<{ value: string; kind: RoleKind; label: Bilingual }> = [
  { value: "花名册", kind: "roster", label: { zh: "花名册", en: "roster" } },
  { value: "工资表", kind: "payroll", label: { zh: "工资表", en: "payroll" } },
  { value: "残疾职工", kind: "disabled", label: { zh: "残疾职工名册", en: "disabled employee register" } },
  { value: "月度人数", kind: "monthlyHeadcount", label: { zh: "月度人数", en: "monthly headcount" } },
  { value: "忽略", kind: "ignore", label: { zh: "忽略", en: "ignore" } },
];

export interface FieldOption {
  /** What the mapping stores: the field's Chinese name (accepted by parseMappingTarget), or 忽略. */
  value: string;
  label: Bilingual;
  group: "ignore" | "field" | "pay";
  meaning: ColumnMeaning | "ignore";
}

export const IGNORE_VALUE = "忽略";

/** Every field and pay item a column can be set to, by its Chinese/English name. */
export const FIELD_OPTIONS: readonly FieldOption[] = [
  { value: IGNORE_VALUE, label: { zh: "忽略（不使用此列）", en: "ignore (do not use this column)" }, group: "ignore", meaning: "ignore" },
  ...FIELD_IDS.filter((f) => f !== "pay").map((f): FieldOption => ({ value: FIELD_LABELS[f].zh, label: FIELD_LABELS[f], group: "field", meaning: { field: f } })),
  ...PAY_CATEGORY_IDS.map((c): FieldOption => ({ value: PAY_CATEGORIES[c].label.zh, label: PAY_CATEGORIES[c].label, group: "pay", meaning: { field: "pay", category: c } })),
];

/** "用工形式 · employment type" in the pane's language first. */
export function optionText(lang: Language, label: Bilingual): string {
  const other = lang === "zh-CN" ? label.en : label.zh;
  return `${pick(lang, label)} · ${other}`;
}

function sameMeaning(a: ColumnMeaning | "ignore" | null, b: ColumnMeaning | "ignore"): boolean {
  if (a === null) return false;
  if (a === "ignore" || b === "ignore") return a === b;
  return a.field === b.field && (a.category ?? null) === (b.category ?? null);
}

/** The drop-down option a mapping value stands for (any synonym: "employmentType", "employment type", 用工类别…). */
export function fieldOptionFor(value: string): FieldOption | null {
  const target = parseMappingTarget(value);
  return FIELD_OPTIONS.find((o) => sameMeaning(target, o.meaning)) ?? null;
}

/** The option for a field id as the analysis reports it ("employmentType", "pay:bonus"). */
export function fieldOptionForId(id: string | null): FieldOption | null {
  if (!id) return null;
  const [field, category] = id.split(":");
  return FIELD_OPTIONS.find((o) => o.meaning !== "ignore" && o.meaning.field === field && (o.meaning.category ?? undefined) === (category || undefined)) ?? null;
}

/** The role option a table-rule value stands for (花名册, roster, 人员名册…). */
export function roleOptionFor(value: string): (typeof ROLE_OPTIONS)[number] | null {
  const m = emptyMapping();
  addMappingEntry(m, "表:x", value, "");
  const kind = m.kinds[0]?.kind;
  return ROLE_OPTIONS.find((o) => o.kind === kind) ?? null;
}

/* ---------------------------------------------------------------- samples */

/** Sample values per sheet, per column letter: the first few non-blank values under the header. */
export type Samples = Record<string, Record<string, string[]>>;

const SAMPLE_COUNT = 3;
const SAMPLE_SCAN = 40;
const SAMPLE_WIDTH = 18;

function isDateFormat(format: string | null | undefined): boolean {
  if (!format) return false;
  const plain = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
  return /[yd]/i.test(plain) || /m+\s*[/-]/i.test(plain);
}

export function sampleText(value: CellValue | undefined, format: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") return value.error;
  if (typeof value === "number" && isDateFormat(format)) return excelSerialToIso(value) ?? String(value);
  const text = String(value).trim();
  return text.length > SAMPLE_WIDTH ? `${text.slice(0, SAMPLE_WIDTH - 1)}…` : text;
}

/** Samples for every table of the analysis, from the sheets as read (a few rows each: cheap for any size). */
export function tableSamples(sheets: readonly SheetData[], tables: readonly TableReport[]): Samples {
  const out: Samples = Object.create(null);
  for (const table of tables) {
    const sheet = sheets.find((s) => s.name === table.sheet);
    if (!sheet) continue;
    const origin = parseA1(sheet.origin) ?? { row: 1, col: 0 };
    const first = table.headerRow - origin.row + 1;
    const perColumn: Record<string, string[]> = Object.create(null);
    for (const column of table.columns) {
      const c = columnIndex(column.column) - origin.col;
      const values: string[] = [];
      for (let r = Math.max(0, first); r < sheet.values.length && r < first + SAMPLE_SCAN && values.length < SAMPLE_COUNT; r++) {
        const text = sampleText(sheet.values[r]?.[c], sheet.numberFormats?.[r]?.[c]);
        if (text !== "") values.push(text);
      }
      perColumn[column.column] = values;
    }
    out[table.sheet] = perColumn;
  }
  return out;
}

/* ---------------------------------------------------------------- sheets and their roles */

export interface SheetRole {
  sheet: string;
  /** What the analysis made of the sheet. */
  detected: Bilingual;
  kind: TableKind | null;
  via: "headers" | "mapping" | null;
  table: TableReport | null;
  /** Why the engine decided so: its score, the runner-up, the reasons (absent for blocks and unused sheets). */
  why?: { score: number | null; runnerUp: { kind: string; score: number } | null; reasons: Bilingual[] };
}

export function isMappingSheetName(name: string): boolean {
  return MAPPING_SHEET_NAMES.includes(name);
}

const NOT_RECOGNISED: Bilingual = { zh: "未识别", en: "not recognised" };

/** Each sheet read (in workbook order, the mapping sheet left out) with what it was recognised as. */
export function sheetRoles(sheetNames: readonly string[], audit: PaneAudit | null): SheetRole[] {
  const tables = audit?.tables ?? [];
  const parameters = audit?.parameters?.sheet ?? null;
  const declaration = Object.values(audit?.declared ?? {}).find((d) => d?.source === "declaration")?.cell.sheet ?? null;
  return sheetNames
    .filter((name) => !isMappingSheetName(name))
    .map((sheet) => {
      const table = tables.find((t) => t.sheet === sheet) ?? null;
      if (table) {
        // Fields the recognition engine adds (role, unsure) are read defensively: they may be absent.
        const extra = table as TableReport & { role?: unknown; unsure?: unknown };
        const label = kindLabel(typeof extra.role === "string" ? extra.role : table.kind);
        const detected = extra.unsure === true ? { zh: `${label.zh}（不确定）`, en: `${label.en} (unsure)` } : label;
        const why = {
          score: typeof table.score === "number" ? table.score : null,
          runnerUp: table.runnerUp ?? null,
          reasons: Array.isArray(table.reasons) ? table.reasons.filter(isBilingual) : [],
        };
        return { sheet, detected, kind: table.kind, via: table.kindVia, table, why };
      }
      if (sheet === parameters) return { sheet, detected: { zh: "参数区", en: "parameter block" }, kind: null, via: null, table: null };
      if (sheet === declaration) return { sheet, detected: { zh: "申报表", en: "declaration" }, kind: null, via: null, table: null };
      const skipped = audit?.skippedSheets?.find((s) => s.sheet === sheet);
      return { sheet, detected: skipped ? { zh: `未使用：${skipped.reason.zh}`, en: `not used: ${skipped.reason.en}` } : NOT_RECOGNISED, kind: null, via: null, table: null };
    });
}

/** Low-confidence recognition (added to `fatal` by the recognition engine): read defensively, it may be absent. */
export interface Candidate {
  sheet: string;
  kind: string;
  score: number;
  reasons: Bilingual[];
}

function isBilingual(x: unknown): x is Bilingual {
  return typeof x === "object" && x !== null && typeof (x as Bilingual).zh === "string" && typeof (x as Bilingual).en === "string";
}

/**
 * The candidates of an unsure recognition, wherever the analysis puts them: `AuditResult.candidates` next to `fatal`
 * (the recognition engine on main) or `fatal.candidates` (as first announced). Only with `fatal` set: a usable
 * result is never second-guessed here.
 */
export function fatalCandidates(audit: PaneAudit | null): Candidate[] {
  if (!audit?.fatal) return [];
  const top = (audit as { candidates?: unknown }).candidates;
  const raw = Array.isArray(top) ? top : (audit.fatal as { candidates?: unknown }).candidates;
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((c): c is Record<string, unknown> => typeof c === "object" && c !== null && typeof (c as { sheet?: unknown }).sheet === "string")
    .map((c) => ({
      sheet: c.sheet as string,
      kind: typeof c.kind === "string" ? c.kind : "",
      score: typeof c.score === "number" && Number.isFinite(c.score) ? c.score : 0,
      reasons: Array.isArray(c.reasons) ? c.reasons.filter(isBilingual) : [],
    }));
}

const OTHER_ROLES: Record<string, Bilingual> = {
  derived: { zh: "视图（由其他表算出，不计入）", en: "view of other sheets (not counted)" },
  unrelated: { zh: "无关", en: "unrelated" },
};

/** A table kind or recognition role in both languages (unknown ones as they are). */
export function kindLabel(kind: string): Bilingual {
  return (TABLE_LABELS as Record<string, Bilingual>)[kind] ?? OTHER_ROLES[kind] ?? { zh: kind, en: kind };
}

/* ---------------------------------------------------------------- the draft */

/** What the user edits: the sheet-role drop-downs, the column drop-downs, and the other rules as text. */
export interface EditorDraft {
  /** Sheet name → role value (ROLE_OPTIONS value); absent = automatic. */
  roles: Record<string, string>;
  /** "Sheet!F" → field option value; absent = automatic. */
  columns: Record<string, string>;
  /** Other rules, one "KEY = VALUE" a line. */
  other: string;
}

export function emptyDraft(): EditorDraft {
  return { roles: {}, columns: {}, other: "" };
}

export function columnKey(sheet: string, column: string): string {
  return `${sheet}!${column}`;
}

/**
 * Splits saved entries into what the drop-downs show and the rest. An entry a drop-down cannot show exactly (an
 * unknown value, a header-text key, a second rule for one sheet or column) goes to the other rules, so that it is
 * visible and validated, never lost.
 */
export function draftFromEntries(entries: readonly MappingEntry[], roles: readonly SheetRole[]): EditorDraft {
  const draft = emptyDraft();
  const other: string[] = [];
  for (const e of entries) {
    const sheet = tableRuleSheet(e.key);
    if (sheet !== null) {
      const role = roles.find((r) => r.sheet === sheet);
      const option = roleOptionFor(e.value);
      if (role && option && !(role.sheet in draft.roles)) {
        draft.roles[role.sheet] = option.value;
        continue;
      }
    } else {
      const bang = e.key.lastIndexOf("!");
      const letters = bang > 0 ? e.key.slice(bang + 1).trim().toUpperCase() : "";
      const table = bang > 0 ? roles.find((r) => r.sheet === e.key.slice(0, bang).trim())?.table : undefined;
      const option = fieldOptionFor(e.value);
      if (table && option && table.columns.some((c) => c.column === letters)) {
        const key = columnKey(table.sheet, letters);
        if (!(key in draft.columns)) {
          draft.columns[key] = option.value;
          continue;
        }
      }
    }
    other.push(`${e.key} = ${e.value}`);
  }
  draft.other = other.join("\n");
  return draft;
}

/** An entry of the draft with the words that name it in a message. */
export interface DraftEntry extends LocatedEntry {
  where: Bilingual;
}

/** Splits one line of the other rules: KEY <tab> VALUE, KEY = VALUE or KEY → VALUE. */
function splitRule(line: string): { key: string; value: string } | null {
  const tab = line.indexOf("\t");
  if (tab > 0) return { key: line.slice(0, tab).trim(), value: line.slice(tab + 1).trim() };
  for (const sep of ["=", "＝", "→"]) {
    const at = line.lastIndexOf(sep);
    if (at > 0) return { key: line.slice(0, at).trim(), value: line.slice(at + sep.length).trim() };
  }
  return null;
}

/**
 * The entries to save, in order (sheet roles, columns, other rules), or the first problem as a bilingual message
 * naming the line: never a line dropped.
 */
export function draftEntries(draft: EditorDraft, roles: readonly SheetRole[]): { entries: DraftEntry[]; problem: MappingStoreError | null } {
  const entries: DraftEntry[] = [];
  for (const r of roles) {
    const value = draft.roles[r.sheet];
    if (value) entries.push({ key: `表:${r.sheet}`, value, line: 0, where: { zh: `工作表“${r.sheet}”的类型`, en: `the kind of sheet "${r.sheet}"` } });
  }
  for (const r of roles) {
    for (const c of r.table?.columns ?? []) {
      const value = draft.columns[columnKey(r.sheet, c.column)];
      if (value) entries.push({ key: columnKey(r.sheet, c.column), value, line: 0, where: { zh: `“${r.sheet}”${c.column} 列（${c.header}）`, en: `column ${c.column} (${c.header}) of "${r.sheet}"` } });
    }
  }
  // Drop-down choices for sheets or columns the last analysis no longer shows (the draft outlived a re-run): kept.
  const emitted = new Set(entries.map((e) => e.key));
  for (const [sheet, value] of Object.entries(draft.roles)) {
    if (value && !emitted.has(`表:${sheet}`)) entries.push({ key: `表:${sheet}`, value, line: 0, where: { zh: `工作表“${sheet}”的类型`, en: `the kind of sheet "${sheet}"` } });
  }
  for (const [key, value] of Object.entries(draft.columns)) {
    if (value && !emitted.has(key)) entries.push({ key, value, line: 0, where: { zh: `列 ${key}`, en: `column ${key}` } });
  }
  const lines = draft.other.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].trim();
    if (text === "") continue;
    const where = { zh: `其他规则第 ${i + 1} 行`, en: `line ${i + 1} of the other rules` };
    const rule = splitRule(text);
    if (!rule) {
      return {
        entries,
        problem: new MappingStoreError(`${where.zh}“${text}”：应写成 键 = 值（如 花名册!F = 用工形式）。`, `${where.en} "${text}": write it as KEY = VALUE (e.g. 花名册!F = employment type).`, i + 1),
      };
    }
    entries.push({ ...rule, line: i + 1, where });
  }
  return { entries, problem: findProblem(entries, (e) => (e as DraftEntry).where) };
}

/** The saved mapping as read from the workbook (the 残保金映射 sheet), or null when there is none. */
export function savedEntries(sheets: readonly SheetData[]): LocatedEntry[] | null {
  const sheet = sheets.find((s) => isMappingSheetName(s.name));
  if (!sheet) return null;
  const origin = parseA1(sheet.origin) ?? { row: 1, col: 0 };
  // The analysis reads columns A and B of the sheet's used range as written (the add-in writes from A1).
  return fromSheetRows(sheet.values, origin.row);
}

