/**
 * Group workbooks (issue 10 §4): one workbook holding the data of several entities (a group's companies, each filing
 * its own levy in its own province). The sheets are split into one sheet set per entity *before* the model runs, so
 * each entity is analysed exactly like a workbook of its own — its own parameter block, region and rules.
 *
 * Entities are told apart by what the workbook says, in this order:
 *
 *   1. a 单位名称 / 统一社会信用代码 column in the data tables (a roster covering several companies): each table's rows
 *      go to the entity they name. Every source table must carry the column, every non-blank data row must name an
 *      entity; otherwise the split is unsure.
 *   2. sheet-name prefixes ("A公司-花名册", "A公司_工资表") and labels in the first rows of a sheet (title rows,
 *      parameter blocks: 单位名称：A公司, 统一社会信用代码 | 9132…): sheets naming the same entity (same code, the same
 *      name, or a name containing the prefix) form one set. It is a group only when at least two sets each hold a
 *      roster and read as an entity (a label, or a prefix with 公司/厂/集团/中心/… — "在职-花名册" and "离职-花名册"
 *      are one employer's two lists). A sheet that holds a table but names no entity, a set without a roster that holds a table, or two
 *      different codes in one set make the split unsure.
 *
 * An unsure split is never guessed: the caller refuses the file (exit 2) with the reason and the cells. A workbook
 * naming one entity (or none) is `single` and is analysed as it always was.
 *
 * Rows are never removed: another entity's rows are blanked (empty arrays), so every cell address stays what it is in
 * the file and findings name the cells the user sees. Pure: plain arrays in, plain arrays out.
 */
import type { Bilingual } from "../core/rules/types";
import { cellAddress, originOf } from "./address";
import { detectTables } from "./detect";
import type { DetectedTable } from "./detect";
import { normaliseHeader } from "./headers";
import { emptyMapping } from "./mapping";
import { cellText } from "./text";
import type { CellRef, CellValue, SheetData } from "./types";

export interface EntityPart {
  /** 1-based position in the workbook's order of first appearance. */
  index: number;
  /** 单位名称 as the workbook writes it (or the sheet-name prefix when no sheet gives a name). */
  name: string | null;
  /** 统一社会信用代码 when the workbook gives one. */
  uscc: string | null;
  /** How the entity was told apart. */
  via: "column" | "sheets";
  /** The sheet set analysed for this entity (blanked rows for a split by column). */
  sheets: SheetData[];
  /** Names of the sheets that belong to this entity alone (shared sheets are not listed). */
  ownSheets: string[];
}

export type EntitySplit =
  | { kind: "single" }
  | { kind: "group"; entities: EntityPart[] }
  | { kind: "unsure"; reason: Bilingual; cells: CellRef[] };

// Not 合同主体 / 合同公司: in one employer's roster it names the labour-dispatch agency of dispatched staff.
const NAME_LABELS = ["单位名称", "用人单位名称", "用人单位", "企业名称", "公司名称", "缴费单位名称", "纳税人名称", "所属公司", "法人主体", "employer", "employername", "company", "companyname"].map(normaliseHeader);
const USCC_LABELS = ["统一社会信用代码", "社会信用代码", "信用代码", "纳税人识别号", "纳税人识别号/统一社会信用代码", "统一社会信用代码/纳税人识别号", "uscc", "creditcode", "taxid"].map(normaliseHeader);
const NAME_SET = new Set(NAME_LABELS);
const USCC_SET = new Set(USCC_LABELS);
const INLINE_NAME = /(?:用人单位名称|缴费单位名称|单位名称|企业名称|公司名称|纳税人名称)\s*[:：]\s*([^\s:：,，;；|]{2,60})/;
const INLINE_USCC = /(?:统一社会信用代码|社会信用代码|纳税人识别号)\s*[:：]\s*([0-9A-Za-z]{15,20})/;
const USCC_VALUE = /^[0-9A-Z]{15,20}$/;
/** Separators between an entity prefix and the rest of a sheet name. */
const PREFIX = /^(.+?)\s*[-_－—–·|｜:：]\s*(.+)$/;
/** Words that make a sheet-name prefix read as an entity. */
const ENTITY_WORD = /公司|集团|分公司|子公司|厂|店|中心|医院|学校|学院|研究院|研究所|事务所|协会|基金会|合作社|银行|有限|股份|co\.?|ltd|inc|corp|gmbh|llc/i;
const LABEL_ROWS = 30;
const LABEL_COLS = 10;

const SOURCE_KINDS = new Set(["roster", "payroll", "disabled", "monthlyHeadcount"]);

function labelKind(text: string): "name" | "uscc" | null {
  const k = normaliseHeader(text).replace(/\([^)]*\)/g, "");
  if (NAME_SET.has(k)) return "name";
  if (USCC_SET.has(k)) return "uscc";
  return null;
}

/** Entity names compared without spaces, bracket styles and case. */
function nameKey(name: string): string {
  return normaliseHeader(name);
}

interface Marker {
  kind: "name" | "uscc";
  value: string;
  cell: CellRef;
}

/** Labels naming the entity in the first rows of a sheet, above its table's header (if any). */
function sheetMarkers(sheet: SheetData, headerRow: number | null): Marker[] {
  const out: Marker[] = [];
  const origin = originOf(sheet);
  const rows = Math.min(sheet.values.length, headerRow ?? LABEL_ROWS, LABEL_ROWS);
  for (let r = 0; r < rows; r++) {
    const row = sheet.values[r];
    if (!Array.isArray(row)) continue;
    for (let c = 0; c < Math.min(row.length, LABEL_COLS); c++) {
      const text = typeof row[c] === "string" ? cellText(row[c]) : null;
      if (!text || text.length > 120) continue;
      const cell = { sheet: sheet.name, address: cellAddress(origin, r, c) };
      const kind = labelKind(text);
      if (kind) {
        // The value: the next filled cell to the right (a label/value pair of a parameter block or a title row).
        let value: CellValue | undefined;
        let at = c + 1;
        for (; at < Math.min(row.length, c + 4); at++) if (cellText(row[at]) !== null) break;
        value = row[at];
        const v = cellText(value ?? null);
        if (v === null || labelKind(v)) continue;
        if (kind === "uscc" && USCC_VALUE.test(v.toUpperCase())) out.push({ kind, value: v.toUpperCase(), cell: { sheet: sheet.name, address: cellAddress(origin, r, at) } });
        else if (kind === "name" && typeof value === "string" && v.length >= 2 && v.length <= 60) out.push({ kind, value: v, cell: { sheet: sheet.name, address: cellAddress(origin, r, at) } });
        continue;
      }
      const n = INLINE_NAME.exec(text);
      if (n) out.push({ kind: "name", value: n[1], cell });
      const u = INLINE_USCC.exec(text);
      if (u && USCC_VALUE.test(u[1].toUpperCase())) out.push({ kind: "uscc", value: u[1].toUpperCase(), cell });
    }
  }
  return out;
}

/** The entity prefix of a sheet name ("A公司-花名册" → "A公司"); none for years, months and numbers ("2024-03"). */
function sheetPrefix(name: string): string | null {
  const m = PREFIX.exec(name.normalize("NFKC").trim());
  if (!m) return null;
  const prefix = m[1].trim();
  if (prefix.length < 2 || /^[\d\s年月.]+$/.test(prefix) || /^(19|20)\d{2}/.test(prefix) || /^\d{1,2}月/.test(prefix)) return null;
  return prefix;
}

/** A tiny union-find over string tokens. */
class Groups {
  private parent = new Map<string, string>();
  find(x: string): string {
    if (!this.parent.has(x)) this.parent.set(x, x);
    let p = this.parent.get(x)!;
    while (p !== this.parent.get(p)) p = this.parent.get(p)!;
    this.parent.set(x, p);
    return p;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
  tokens(): string[] {
    return [...this.parent.keys()];
  }
}

function blankSheet(sheet: SheetData, keep: (row: number) => boolean): SheetData {
  const pick = <T>(rows: T[][] | undefined): T[][] | undefined => rows?.map((row, r) => (keep(r) ? row : []));
  const out: SheetData = { name: sheet.name, origin: sheet.origin, values: pick(sheet.values)! };
  if (sheet.formulas) out.formulas = pick(sheet.formulas);
  if (sheet.numberFormats) out.numberFormats = pick(sheet.numberFormats);
  return out;
}

function unsure(zh: string, en: string, cells: CellRef[]): EntitySplit {
  return { kind: "unsure", reason: { zh, en }, cells: cells.slice(0, 20) };
}

/** The entity column of a table: a 单位名称-like or 统一社会信用代码-like header (name preferred). */
function entityColumn(t: DetectedTable): { index: number; kind: "name" | "uscc"; header: string } | null {
  let found: { index: number; kind: "name" | "uscc"; header: string } | null = null;
  for (const col of t.columns) {
    if (col.meaning) continue;
    const kind = labelKind(col.header);
    if (kind === "name") return { index: col.index, kind, header: col.header };
    if (kind === "uscc" && !found) found = { index: col.index, kind, header: col.header };
  }
  return found;
}

function splitByColumn(sheets: readonly SheetData[], tables: DetectedTable[]): EntitySplit | null {
  const bySheet = new Map<string, DetectedTable>();
  for (const t of tables) if (!bySheet.has(t.sheetName)) bySheet.set(t.sheetName, t);
  const columns = new Map<string, { index: number; kind: "name" | "uscc"; header: string }>();
  let multi = false;
  for (const [name, t] of bySheet) {
    const col = entityColumn(t);
    if (!col) continue;
    columns.set(name, col);
    const seen = new Set<string>();
    for (let r = t.dataStart; r < t.sheet.values.length && seen.size < 2; r++) {
      const v = cellText(t.sheet.values[r]?.[col.index] ?? null);
      if (v !== null) seen.add(col.kind === "uscc" ? v.toUpperCase() : nameKey(v));
    }
    if (seen.size >= 2) multi = true;
  }
  if (!multi) return null;
  const missing = [...bySheet.keys()].filter((s) => !columns.has(s));
  if (missing.length > 0) {
    return unsure(
      `工作表“${[...columns.keys()].join("”“")}”有单位名称/信用代码列且含多个单位，但工作表“${missing.join("”“")}”没有该列，无法判断其中的行属于哪个单位；为免混算，未审核。请在这些表中加上单位名称列，或按单位拆分为多个文件。`,
      `Sheet(s) "${[...columns.keys()].join('", "')}" have an employer name/code column naming several entities, but "${missing.join('", "')}" ha${missing.length === 1 ? "s" : "ve"} no such column, so their rows cannot be assigned to an entity; not audited rather than mixing entities. Add the column to those sheets, or split the workbook into one file per entity.`,
      missing.map((s) => ({ sheet: s, address: "A1" })),
    );
  }
  // Entities in order of first appearance; the name column's value is the name, a code column's the code.
  const entities = new Map<string, { name: string | null; uscc: string | null; rows: Map<string, Set<number>> }>();
  const kinds = new Set([...columns.values()].map((c) => c.kind));
  if (kinds.size > 1) {
    return unsure(
      "有的表按单位名称、有的表按统一社会信用代码区分单位，无法可靠对应；为免混算，未审核。请在各表中使用同一列（单位名称或统一社会信用代码）。",
      "Some tables tell entities apart by name and others by credit code, which cannot be matched reliably; not audited rather than mixing entities. Use the same column (name or code) in every table.",
      [...columns.entries()].map(([s, c]) => ({ sheet: s, address: cellAddress(originOf(bySheet.get(s)!.sheet), bySheet.get(s)!.headerRowIndex, c.index) })),
    );
  }
  for (const [sheetName, col] of columns) {
    const t = bySheet.get(sheetName)!;
    const values = t.sheet.values;
    const orphans: CellRef[] = [];
    for (let r = t.dataStart; r < values.length; r++) {
      const row = values[r];
      if (!Array.isArray(row) || row.every((v) => cellText(v ?? null) === null)) continue;
      const v = cellText(row[col.index] ?? null);
      if (v === null) {
        orphans.push({ sheet: sheetName, address: cellAddress(t.origin, r, col.index) });
        continue;
      }
      const key = col.kind === "uscc" ? v.toUpperCase() : nameKey(v);
      let e = entities.get(key);
      if (!e) entities.set(key, (e = { name: col.kind === "name" ? v : null, uscc: col.kind === "uscc" ? v.toUpperCase() : null, rows: new Map() }));
      let rows = e.rows.get(sheetName);
      if (!rows) e.rows.set(sheetName, (rows = new Set()));
      rows.add(r);
    }
    if (orphans.length > 0) {
      return unsure(
        `工作表“${sheetName}”有 ${orphans.length} 行数据的“${col.header}”为空，无法判断属于哪个单位；为免混算，未审核（含合计行时请删除或填写单位）。`,
        `Sheet "${sheetName}" has ${orphans.length} data row(s) with "${col.header}" blank, so they cannot be assigned to an entity; not audited rather than mixing entities (remove total rows or fill in the entity).`,
        orphans,
      );
    }
  }
  const parts: EntityPart[] = [];
  let index = 0;
  for (const e of entities.values()) {
    const own = new Set<string>();
    const set = sheets.map((sheet) => {
      const t = bySheet.get(sheet.name);
      if (!t) return sheet;
      own.add(sheet.name);
      const mine = e.rows.get(sheet.name) ?? new Set<number>();
      return blankSheet(sheet, (r) => r < t.dataStart || mine.has(r));
    });
    parts.push({ index: ++index, name: e.name, uscc: e.uscc, via: "column", sheets: set, ownSheets: [...own] });
  }
  return { kind: "group", entities: parts };
}

function splitBySheets(sheets: readonly SheetData[], tables: DetectedTable[]): EntitySplit {
  const tableOf = new Map<string, DetectedTable>();
  for (const t of tables) if (!tableOf.has(t.sheetName)) tableOf.set(t.sheetName, t);
  const rosterSheets = new Set(tables.filter((t) => t.kind === "roster").map((t) => t.sheetName));
  const groups = new Groups();
  const sheetToken = new Map<string, string>();
  const markers = new Map<string, Marker[]>();
  const prefixes = new Map<string, string>();
  for (const sheet of sheets) {
    const t = tableOf.get(sheet.name);
    const m = sheetMarkers(sheet, t ? t.headerRowIndex : null);
    const prefix = sheetPrefix(sheet.name);
    const tokens = [...m.map((x) => (x.kind === "uscc" ? `u:${x.value}` : `n:${nameKey(x.value)}`)), ...(prefix ? [`p:${nameKey(prefix)}`] : [])];
    if (tokens.length === 0) continue;
    markers.set(sheet.name, m);
    if (prefix) prefixes.set(sheet.name, prefix);
    for (const token of tokens) groups.union(tokens[0], token);
    sheetToken.set(sheet.name, tokens[0]);
  }
  // A prefix and a name are the same entity when one contains the other ("A公司" and "A公司有限公司").
  const all = groups.tokens();
  const texts = all.filter((t) => t.startsWith("p:") || t.startsWith("n:"));
  for (const a of texts) for (const b of texts) if (a < b && (a.slice(2).includes(b.slice(2)) || b.slice(2).includes(a.slice(2)))) groups.union(a, b);
  const members = new Map<string, string[]>();
  for (const sheet of sheets) {
    const token = sheetToken.get(sheet.name);
    if (!token) continue;
    const root = groups.find(token);
    members.set(root, [...(members.get(root) ?? []), sheet.name]);
  }
  // An entity needs a roster and a sign that it is an entity: a 单位名称 / 信用代码 label, or a prefix that reads as a
  // company ("A公司", "华东分厂"). "在职-花名册" and "离职-花名册" are two lists of one employer, not two entities.
  const isEntity = (names: string[]) =>
    names.some((n) => rosterSheets.has(n)) && names.some((n) => (markers.get(n) ?? []).length > 0 || ENTITY_WORD.test(prefixes.get(n) ?? ""));
  const withRoster = [...members.entries()].filter(([, names]) => isEntity(names));
  if (withRoster.length < 2) return { kind: "single" };

  // A group. Every sheet holding a table must belong to exactly one entity with a roster.
  const problems: Array<{ sheet: string; zh: string; en: string }> = [];
  const entityRoots = new Set(withRoster.map(([root]) => root));
  for (const sheet of sheets) {
    const token = sheetToken.get(sheet.name);
    const holdsTable = tableOf.has(sheet.name);
    if (!token) {
      if (holdsTable) problems.push({ sheet: sheet.name, zh: `工作表“${sheet.name}”有数据表，但没有写明属于哪个单位（表名前缀或单位名称）`, en: `sheet "${sheet.name}" holds a table but names no entity (sheet-name prefix or 单位名称)` });
      continue;
    }
    if (!entityRoots.has(groups.find(token))) {
      problems.push({ sheet: sheet.name, zh: `工作表“${sheet.name}”所写的单位在工作簿中没有花名册`, en: `sheet "${sheet.name}" names an entity that has no roster in the workbook` });
    }
  }
  const parts: EntityPart[] = [];
  let index = 0;
  for (const [root, names] of withRoster) {
    const ms = names.flatMap((n) => markers.get(n) ?? []);
    const codes = [...new Set(ms.filter((m) => m.kind === "uscc").map((m) => m.value))];
    if (codes.length > 1) {
      problems.push({ sheet: names[0], zh: `工作表“${names.join("”“")}”被视为同一单位，却写有不同的统一社会信用代码 ${codes.join("、")}`, en: `sheets "${names.join('", "')}" are taken as one entity but give different credit codes ${codes.join(", ")}` });
      continue;
    }
    const nameCounts = new Map<string, number>();
    for (const m of ms) if (m.kind === "name") nameCounts.set(m.value, (nameCounts.get(m.value) ?? 0) + 1);
    const name = [...nameCounts.entries()].sort((a, b) => b[1] - a[1] || b[0].length - a[0].length)[0]?.[0] ?? names.map((n) => prefixes.get(n)).find(Boolean) ?? null;
    const own = new Set(names);
    // Sheets naming no entity and holding no table (instructions, a shared parameter sheet) go to every entity.
    const set = sheets.filter((s) => own.has(s.name) || (!sheetToken.has(s.name) && !tableOf.has(s.name)));
    parts.push({ index: ++index, name, uscc: codes[0] ?? null, via: "sheets", sheets: set, ownSheets: names });
    void root;
  }
  if (problems.length > 0) {
    return unsure(
      `这是含多个单位的工作簿，但无法可靠地按单位拆分：${problems.map((p) => p.zh).join("；")}。为免混算，未审核。请用“单位-表名”命名工作表，或在表头上方写明单位名称，或按单位拆分为多个文件。`,
      `This workbook holds several entities but cannot be split reliably: ${problems.map((p) => p.en).join("; ")}. Not audited rather than mixing entities. Name the sheets "Entity-Sheet", write 单位名称 above each table, or split the workbook into one file per entity.`,
      problems.map((p) => ({ sheet: p.sheet, address: "A1" })),
    );
  }
  return { kind: "group", entities: parts };
}

/** Split a workbook into its entities (see the file comment); `single` for an ordinary one-entity workbook. */
export function splitEntities(sheets: readonly SheetData[]): EntitySplit {
  let tables: DetectedTable[];
  try {
    tables = detectTables(sheets, emptyMapping()).tables.filter((t) => !t.derived && SOURCE_KINDS.has(t.kind));
  } catch {
    return { kind: "single" }; // the model reports whatever detection cannot read
  }
  return splitByColumn(sheets, tables) ?? splitBySheets(sheets, tables);
}
