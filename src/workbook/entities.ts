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
  /** 0-based row of the sheet. */
  row: number;
}

/** Labels naming the entity in the first rows of a sheet, above its table's header (if any). */
function sheetMarkers(sheet: SheetData, headerRow: number | null, limit = LABEL_ROWS): Marker[] {
  const out: Marker[] = [];
  const origin = originOf(sheet);
  const rows = Math.min(sheet.values.length, headerRow ?? limit, limit);
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
        if (kind === "uscc" && USCC_VALUE.test(v.toUpperCase())) out.push({ kind, value: v.toUpperCase(), cell: { sheet: sheet.name, address: cellAddress(origin, r, at) }, row: r });
        else if (kind === "name" && typeof value === "string" && v.length >= 2 && v.length <= 60) out.push({ kind, value: v, cell: { sheet: sheet.name, address: cellAddress(origin, r, at) }, row: r });
        continue;
      }
      const n = INLINE_NAME.exec(text);
      if (n) out.push({ kind: "name", value: n[1], cell, row: r });
      const u = INLINE_USCC.exec(text);
      if (u && USCC_VALUE.test(u[1].toUpperCase())) out.push({ kind: "uscc", value: u[1].toUpperCase(), cell, row: r });
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

function splitByColumn(sheets: readonly SheetData[], tables: DetectedTable[], sources: Set<string>): EntitySplit | null {
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
  const list = [...entities.values()];
  const assigned = assignOtherSheets(sheets, new Set(bySheet.keys()), sources, list);
  if ("reason" in assigned) return assigned;
  const parts: EntityPart[] = [];
  let index = 0;
  list.forEach((e, i) => {
    const own = new Set<string>();
    const set: SheetData[] = [];
    for (const sheet of sheets) {
      const t = bySheet.get(sheet.name);
      if (t) {
        own.add(sheet.name);
        const mine = e.rows.get(sheet.name) ?? new Set<number>();
        set.push(blankSheet(sheet, (r) => r < t.dataStart || mine.has(r)));
        continue;
      }
      const segments = assigned.segments.get(sheet.name);
      if (!segments) {
        set.push(sheet); // names no entity: shared (notes, a parameter sheet without 单位名称)
        continue;
      }
      const mine = segments.filter((g) => g.owner === i);
      if (mine.length === 0) continue; // another entity's sheet
      own.add(sheet.name);
      set.push(mine.length === segments.length ? sheet : blankSheet(sheet, (r) => mine.some((g) => r >= g.start && r < g.end)));
    }
    parts.push({ index: ++index, name: e.name, uscc: e.uscc, via: "column", sheets: set, ownSheets: [...own] });
  });
  return { kind: "group", entities: parts };
}

interface Segment {
  /** Rows [start, end) of the sheet. */
  start: number;
  end: number;
  markers: Marker[];
  /** Indexes of the entities the segment names. */
  matched: Set<number>;
  owner?: number;
}

const BLOCK_ROWS = 300;

/**
 * A column split assigns the sheets outside the split tables — parameter blocks, reconciliation sources, notes — by
 * the entity they name: a sheet-name prefix, 单位名称 / 统一社会信用代码 labels, a block headed 单位名称：X (one sheet
 * may hold several blocks, one after the other). A sheet naming no entity is shared, except a reconciliation source
 * (a ledger or 残联 list of unknown owner is not given to every entity). Unsure — never guessed — when a block names
 * several entities or one not in the data, or when the workbook has several blocks and an entity has not exactly one.
 */
function assignOtherSheets(
  sheets: readonly SheetData[],
  tableSheets: Set<string>,
  sources: Set<string>,
  entities: Array<{ name: string | null; uscc: string | null }>,
): { segments: Map<string, Segment[]> } | Extract<EntitySplit, { kind: "unsure" }> {
  const hits = (m: { kind: "name" | "uscc"; value: string }): number[] =>
    entities.flatMap((e, i) => ((m.kind === "uscc" ? e.uscc === m.value : e.name !== null && nameKey(e.name) === nameKey(m.value)) ? [i] : []));
  const prefixHits = (p: string): number[] =>
    entities.flatMap((e, i) => (e.name !== null && (nameKey(e.name).includes(nameKey(p)) || nameKey(p).includes(nameKey(e.name))) ? [i] : []));
  const out = new Map<string, Segment[]>();
  const problems: Array<{ cell: CellRef; zh: string; en: string }> = [];
  const unmatched: Array<{ sheet: string; cell: CellRef; zh: string; en: string }> = [];
  for (const sheet of sheets) {
    if (tableSheets.has(sheet.name)) continue;
    const ms = sheetMarkers(sheet, null, BLOCK_ROWS).sort((a, b) => a.row - b.row);
    const prefix = sheetPrefix(sheet.name);
    const byPrefix = prefix ? prefixHits(prefix) : [];
    if (ms.length === 0 && byPrefix.length === 0) {
      if (sources.has(sheet.name)) {
        problems.push({ cell: { sheet: sheet.name, address: "A1" }, zh: `核对资料“${sheet.name}”没有写明属于哪个单位（表名前缀或单位名称）`, en: `the reconciliation source "${sheet.name}" names no entity (sheet-name prefix or 单位名称)` });
      }
      continue;
    }
    const segments: Segment[] = [];
    for (const m of ms) {
      const cur = segments[segments.length - 1];
      const other = cur?.markers.some((x) => x.kind === m.kind && (m.kind === "uscc" ? x.value !== m.value : nameKey(x.value) !== nameKey(m.value)));
      if (!cur || other) {
        if (cur) cur.end = m.row;
        segments.push({ start: cur ? m.row : 0, end: sheet.values.length, markers: [m], matched: new Set(hits(m)) });
      } else {
        cur.markers.push(m);
        for (const i of hits(m)) cur.matched.add(i);
      }
    }
    if (segments.length === 0) segments.push({ start: 0, end: sheet.values.length, markers: [], matched: new Set() });
    for (const g of segments) {
      for (const i of byPrefix) g.matched.add(i);
      const at = g.markers[0]?.cell ?? { sheet: sheet.name, address: "A1" };
      const said = g.markers.map((m) => m.value).concat(prefix ? [prefix] : []).join(" / ");
      if (g.matched.size === 1) g.owner = [...g.matched][0];
      else if (g.matched.size > 1) problems.push({ cell: at, zh: `“${sheet.name}”中的${said}同时指向多个单位`, en: `"${sheet.name}" (${said}) names more than one entity` });
      else unmatched.push({ sheet: sheet.name, cell: at, zh: `“${sheet.name}”写明的单位（${said}）与数据表中的单位对不上`, en: `"${sheet.name}" names an entity (${said}) that matches none in the data tables` });
    }
    out.set(sheet.name, segments);
  }
  // A lone block naming an entity the data does not (the group's own name) is shared, as one naming none; with
  // several blocks, or on a reconciliation source, it is a problem.
  const blockCount = [...out.entries()].filter(([name]) => !sources.has(name)).reduce((n, [, gs]) => n + gs.length, 0);
  for (const u of unmatched) {
    if (blockCount < 2 && !sources.has(u.sheet)) out.delete(u.sheet);
    else problems.push(u);
  }
  // Several blocks: every entity must have exactly one (parameter sheets and blocks, not reconciliation sources).
  const blocks = [...out.entries()].filter(([name]) => !sources.has(name)).flatMap(([, gs]) => gs);
  if (blocks.length >= 2) {
    entities.forEach((e, i) => {
      const mine = blocks.filter((g) => g.owner === i);
      if (mine.length === 1) return;
      const who = e.name ?? e.uscc ?? `#${i + 1}`;
      problems.push({
        cell: mine[0]?.markers[0]?.cell ?? { sheet: blocks[0].markers[0]?.cell.sheet ?? "A1", address: "A1" },
        zh: mine.length === 0 ? `工作簿有 ${blocks.length} 个参数块，但没有一个写明属于“${who}”` : `“${who}”有 ${mine.length} 个参数块（${mine.map((g) => `${g.markers[0]?.cell.sheet}!${g.markers[0]?.cell.address}`).join("、")}），无法判断用哪一个`,
        en: mine.length === 0 ? `the workbook has ${blocks.length} parameter blocks but none names "${who}"` : `"${who}" has ${mine.length} parameter blocks (${mine.map((g) => `${g.markers[0]?.cell.sheet}!${g.markers[0]?.cell.address}`).join(", ")}); which one applies cannot be told`,
      });
    });
  }
  if (problems.length > 0) {
    return unsure(
      `按单位名称/信用代码列拆分单位时，无法为每个单位确定其参数与资料：${problems.map((p) => p.zh).join("；")}。为免用错其他单位的参数，未审核。请在每个参数块上方写明“单位名称：X”或统一社会信用代码，或用“单位-参数”命名工作表，或按单位拆分为多个文件。`,
      `Splitting the entities by the name/code column, their parameters and sources cannot be assigned reliably: ${problems.map((p) => p.en).join("; ")}. Not audited rather than applying another entity's parameters. Head each parameter block with "单位名称：X" or its credit code, name the sheets "Entity-参数", or split the workbook into one file per entity.`,
      problems.map((p) => p.cell),
    ) as Extract<EntitySplit, { kind: "unsure" }>;
  }
  return { segments: out };
}

function splitBySheets(sheets: readonly SheetData[], tables: DetectedTable[], sources: Set<string>): EntitySplit {
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
    // A reconciliation source (科目余额表, 残联 list) is a table too: one naming no entity is not given to every entity.
    const holdsTable = tableOf.has(sheet.name) || sources.has(sheet.name);
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
    const set = sheets.filter((s) => own.has(s.name) || (!sheetToken.has(s.name) && !tableOf.has(s.name) && !sources.has(s.name)));
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
  let sources: Set<string>;
  try {
    const detection = detectTables(sheets, emptyMapping());
    tables = detection.tables.filter((t) => !t.derived && SOURCE_KINDS.has(t.kind));
    sources = new Set(detection.sources.map((s) => s.sheetName));
  } catch {
    return { kind: "single" }; // the model reports whatever detection cannot read
  }
  const split = splitByColumn(sheets, tables, sources) ?? splitBySheets(sheets, tables, sources);
  return split.kind === "single" ? (twoCodes(sheets, tables) ?? split) : split;
}

/**
 * A workbook read as one entity whose labels give two different 统一社会信用代码 (two parameter blocks of two
 * companies, both called A公司): which block is the employer's cannot be told, so the file is refused.
 */
function twoCodes(sheets: readonly SheetData[], tables: DetectedTable[]): EntitySplit | null {
  const header = new Map<string, number>();
  for (const t of tables) if (!header.has(t.sheetName)) header.set(t.sheetName, t.headerRowIndex);
  const codes = new Map<string, CellRef>();
  for (const sheet of sheets) {
    for (const m of sheetMarkers(sheet, header.get(sheet.name) ?? null, header.has(sheet.name) ? LABEL_ROWS : BLOCK_ROWS)) {
      if (m.kind === "uscc" && !codes.has(m.value)) codes.set(m.value, m.cell);
    }
  }
  if (codes.size < 2) return null;
  const list = [...codes.keys()];
  return unsure(
    `工作簿按一个单位审核，但写有 ${codes.size} 个不同的统一社会信用代码（${list.join("、")}），无法判断哪个参数块属于本单位；为免用错参数，未审核。请删除其他单位的参数块，或按单位拆分为多个文件。`,
    `The workbook reads as one entity but gives ${codes.size} different credit codes (${list.join(", ")}), so which parameter block is the employer's cannot be told; not audited rather than applying the wrong parameters. Remove the other entity's block, or split the workbook into one file per entity.`,
    [...codes.values()],
  );
}
