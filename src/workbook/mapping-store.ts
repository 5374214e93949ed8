/**
 * A mapping as the user saves it: an ordered list of KEY → VALUE entries (the syntax of ./mapping.ts), in two
 * stored forms that hold the same thing:
 *
 *   the workbook sheet 残保金映射 (MAPPING_SHEET)   row 1: 键 | 值, then one KEY | VALUE a row  (the task pane writes it)
 *   a JSON file (levy audit --mapping / --save-mapping):
 *     {"format":"levy-mapping","version":1,"entries":[{"key":"表:员工信息","value":"花名册"},{"key":"员工信息!F","value":"用工形式"}]}
 *
 * Every entry is checked by the same code the analysis uses (a fresh `emptyMapping()` + `addMappingEntry`), so what
 * is refused here would have been a PARAM_INVALID finding in the run; a bad entry is an error naming its line, never
 * dropped. Pure: no Node, no DOM.
 */
import type { Bilingual } from "../core/rules/types";
import { MAPPING_SHEET, addMappingEntry, emptyMapping } from "./mapping";
import type { CellValue } from "./types";
import { nfkc } from "./text";

export const MAPPING_FORMAT = "levy-mapping";
export const MAPPING_VERSION = 1;

export interface MappingEntry {
  key: string;
  value: string;
}

/** An entry with the line it came from (1-based: the sheet row, the file line, the line of the pane's rules box). */
export interface LocatedEntry extends MappingEntry {
  line: number;
}

export interface StoredMappingFile {
  format: typeof MAPPING_FORMAT;
  version: typeof MAPPING_VERSION;
  entries: MappingEntry[];
}

/** A mapping that cannot be used, with the line at fault (null when the whole text is at fault). */
export class MappingStoreError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
    readonly line: number | null = null,
  ) {
    super(`${zh} / ${en}`);
    this.name = "MappingStoreError";
  }

  get bilingual(): Bilingual {
    return { zh: this.zh, en: this.en };
  }
}

/** The heading row of the 残保金映射 sheet (model.ts skips a first row reading 键 | 值 or key | value). */
export const SHEET_HEADING: readonly [string, string] = ["键", "值"];

const TABLE_PREFIX = /^(表|工作表|sheet|table)\s*[:：]\s*/i;

/** "表:花名册" → "花名册"; null for a column rule. */
export function tableRuleSheet(key: string): string | null {
  const t = nfkc(key).trim();
  const m = TABLE_PREFIX.exec(t);
  return m ? t.slice(m[0].length).trim() : null;
}

function sameSheet(a: string, b: string): boolean {
  return nfkc(a).trim().toLowerCase() === nfkc(b).trim().toLowerCase();
}

/**
 * The first problem in `entries`, or null when every entry is usable: each goes through a fresh mapping exactly as
 * the analysis adds it, plus one check the analysis does not make (two table rules for one sheet: the second would be
 * ignored). `where` names a line for the message ("第 3 行 line 3").
 */
export function findProblem(entries: readonly LocatedEntry[], where: (entry: LocatedEntry, index: number) => Bilingual = (e) => lineName(e.line)): MappingStoreError | null {
  const mapping = emptyMapping();
  const kinds: Array<{ entry: LocatedEntry; index: number }> = [];
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    const before = mapping.problems.length;
    const at = where(entry, index);
    if (entry.key.trim() === "") {
      return new MappingStoreError(`${at.zh}：键为空（值为“${entry.value}”）。`, `${at.en}: the key is empty (value "${entry.value}").`, entry.line);
    }
    if (entry.value.trim() === "") {
      return new MappingStoreError(`${at.zh}：“${entry.key}”没有值。`, `${at.en}: "${entry.key}" has no value.`, entry.line);
    }
    addMappingEntry(mapping, entry.key, entry.value, `line ${entry.line}`);
    if (mapping.problems.length > before) {
      const p = mapping.problems[before];
      return new MappingStoreError(`${at.zh}：${p.message.zh}`, `${at.en}: ${p.message.en}`, entry.line);
    }
    const sheet = tableRuleSheet(entry.key);
    if (sheet !== null) {
      const first = kinds.find((k) => sameSheet(tableRuleSheet(k.entry.key) as string, sheet));
      if (first) {
        const was = where(first.entry, first.index);
        return new MappingStoreError(
          `${at.zh}：工作表“${sheet}”的类型已在${was.zh}指定为“${first.entry.value}”。`,
          `${at.en}: the kind of sheet "${sheet}" is already set to "${first.entry.value}" on ${was.en}.`,
          entry.line,
        );
      }
      kinds.push({ entry, index });
    }
  }
  return null;
}

export function lineName(line: number): Bilingual {
  return { zh: `第 ${line} 行`, en: `line ${line}` };
}

/** Throws the first problem (see findProblem). */
export function validateEntries(entries: readonly LocatedEntry[], where?: (entry: LocatedEntry, index: number) => Bilingual): void {
  const problem = findProblem(entries, where);
  if (problem) throw problem;
}

/* ------------------------------------------------------------------------------------------------ JSON file */

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Where each entry's key is written in the JSON text (best effort: the next occurrence of the key as JSON). */
function entryLines(text: string, entries: readonly unknown[]): number[] {
  const lines: number[] = [];
  let from = text.indexOf('"entries"');
  if (from < 0) from = 0;
  for (const e of entries) {
    const key = typeof e === "object" && e !== null ? (e as { key?: unknown }).key : undefined;
    // The start of the next object in the array, else the key's text.
    const open = text.indexOf("{", from + 1);
    const at = open >= 0 ? open : typeof key === "string" ? text.indexOf(JSON.stringify(key), from) : -1;
    if (at < 0) {
      lines.push(lines.length > 0 ? lines[lines.length - 1] : lineAt(text, from));
      continue;
    }
    lines.push(lineAt(text, at));
    const close = text.indexOf("}", at);
    from = close >= 0 ? close : at;
  }
  return lines;
}

/**
 * Parses and validates a mapping file. Errors name the file line (and the entry number), bilingual.
 * Accepted: {"format":"levy-mapping","version":1,"entries":[{"key":…,"value":…}, …]}.
 */
export function parseMappingFile(text: string): LocatedEntry[] {
  let data: unknown;
  const clean = text.replace(/^\uFEFF/, "");
  try {
    data = JSON.parse(clean);
  } catch (error) {
    const message = (error as Error).message;
    const pos = /position (\d+)/.exec(message);
    const line = pos ? lineAt(clean, Number(pos[1])) : null;
    const where = line === null ? "" : `第 ${line} 行：`;
    const whereEn = line === null ? "" : ` on line ${line}`;
    throw new MappingStoreError(`${where}映射文件不是有效的 JSON（${message}）。`, `The mapping file is not valid JSON${whereEn} (${message}).`, line);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new MappingStoreError("映射文件应为一个 JSON 对象：{\"format\":\"levy-mapping\",\"version\":1,\"entries\":[…]}。", 'The mapping file must be one JSON object: {"format":"levy-mapping","version":1,"entries":[…]}.', 1);
  }
  const o = data as Record<string, unknown>;
  if (o.format !== MAPPING_FORMAT) {
    throw new MappingStoreError(`映射文件的 format 应为 "${MAPPING_FORMAT}"，实为 ${JSON.stringify(o.format ?? null)}。`, `The mapping file's "format" must be "${MAPPING_FORMAT}", not ${JSON.stringify(o.format ?? null)}.`, 1);
  }
  if (o.version !== MAPPING_VERSION) {
    throw new MappingStoreError(`不支持映射文件版本 ${JSON.stringify(o.version ?? null)}（支持 ${MAPPING_VERSION}）。`, `Mapping file version ${JSON.stringify(o.version ?? null)} is not supported (only ${MAPPING_VERSION}).`, 1);
  }
  if (!Array.isArray(o.entries)) {
    throw new MappingStoreError("映射文件缺少 entries 数组。", 'The mapping file has no "entries" array.', 1);
  }
  const unknown = Object.keys(o).filter((k) => k !== "format" && k !== "version" && k !== "entries");
  if (unknown.length > 0) {
    throw new MappingStoreError(`映射文件有未知字段：${unknown.join("、")}。`, `The mapping file has unknown fields: ${unknown.join(", ")}.`, 1);
  }
  const lines = entryLines(clean, o.entries);
  const where = (line: number, index: number): Bilingual => ({ zh: `第 ${line} 行（第 ${index + 1} 条）`, en: `line ${line} (entry ${index + 1})` });
  const entries: LocatedEntry[] = [];
  o.entries.forEach((raw, i) => {
    const line = lines[i];
    const at = where(line, i);
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      throw new MappingStoreError(`${at.zh}：每条应为 {"key":…,"value":…}。`, `${at.en}: each entry must be {"key":…,"value":…}.`, line);
    }
    const e = raw as Record<string, unknown>;
    const extra = Object.keys(e).filter((k) => k !== "key" && k !== "value");
    if (typeof e.key !== "string" || typeof e.value !== "string" || extra.length > 0) {
      throw new MappingStoreError(`${at.zh}：每条应为 {"key":"文本","value":"文本"}。`, `${at.en}: each entry must be {"key":"text","value":"text"}.`, line);
    }
    entries.push({ key: e.key, value: e.value, line });
  });
  validateEntries(entries, (e, index) => where(e.line, index));
  return entries;
}

/** The JSON text of a mapping file: one entry a line, so a line number in an error points at the entry. */
export function serializeMappingFile(entries: readonly MappingEntry[]): string {
  const lines = entries.map((e, i) => `    ${JSON.stringify({ key: e.key, value: e.value })}${i < entries.length - 1 ? "," : ""}`);
  return `{\n  "format": ${JSON.stringify(MAPPING_FORMAT)},\n  "version": ${MAPPING_VERSION},\n  "entries": [\n${lines.join("\n")}${lines.length ? "\n" : ""}  ]\n}\n`;
}

/* ------------------------------------------------------------------------------------------------ the sheet */

/** The rows of the 残保金映射 sheet: the heading row, then KEY | VALUE. */
export function toSheetRows(entries: readonly MappingEntry[]): string[][] {
  return [[...SHEET_HEADING], ...entries.map((e) => [e.key, e.value])];
}

function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") return v.error;
  return String(v);
}

/**
 * Entries from the rows of a 残保金映射 sheet (`values` as read, first row at sheet row `firstRow`). The heading row
 * is skipped, blank rows too; a row with only a key or only a value is kept (with "" on the other side) so that
 * validation names it instead of losing it.
 */
export function fromSheetRows(values: readonly (readonly CellValue[] | undefined)[], firstRow = 1): LocatedEntry[] {
  const out: LocatedEntry[] = [];
  values.forEach((row, r) => {
    const key = cellText(row?.[0]).trim();
    const value = cellText(row?.[1]).trim();
    if (key === "" && value === "") return;
    if (r === 0 && /^(键|key|映射|mapping)$/i.test(key)) return;
    out.push({ key, value, line: firstRow + r });
  });
  return out;
}

/** The sheet's entries as the analysis options' mapping (first entry for a key wins, as in the analysis). */
export function toOptions(entries: readonly MappingEntry[]): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (const e of entries) if (!Object.prototype.hasOwnProperty.call(out, e.key)) out[e.key] = e.value;
  return out;
}

/** Entries from an options mapping (CLI --map, the pane's settings), in key order as given. */
export function fromOptions(mapping: Readonly<Record<string, string>> | undefined): MappingEntry[] {
  if (!mapping) return [];
  return Object.keys(mapping).map((key) => ({ key, value: mapping[key] }));
}

/** True for a mapping report origin that is a row of the workbook's mapping sheet ("残保金映射!B3"). */
export function isSheetOrigin(origin: string): boolean {
  return origin.startsWith(`${MAPPING_SHEET}!`) || origin.startsWith("LevyMapping!");
}

export { MAPPING_SHEET };
