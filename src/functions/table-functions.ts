/**
 * Table-level LEVY functions: whole ranges in (header row included), the very analysis `levy audit` and the task pane
 * run (analyseWorkbook) out. One code path: the numbers equal `levy audit` on the same data by construction.
 *
 * How a range becomes a sheet. Each range argument is one SheetData: named after the sheet it lies on when Excel
 * tells us the address (`@requiresParameterAddresses`), else after its role (花名册 / 工资表 / 残疾职工 / 参数), with
 * its top-left cell as origin, so a finding's cell is the cell on the user's sheet. Its role is forced through the
 * mapping (`表:<sheet> → roster|payroll|disabled`), so recognition never has to guess which range is which; the columns
 * are still recognised by their headers (and by the 列:/表: rows the settings range may carry, exactly as in the
 * parameter sheet). The settings range is the parameter sheet.
 *
 * What Excel hands a custom function, normalised before analysis: blanks arrive as "" (→ null), dates as serial
 * numbers (read as dates in date columns, as the pane's reader does), a 1×1 range may arrive as a scalar.
 *
 * One analysis per distinct set of arguments: LEVY.FORM, LEVY.FINDINGS and LEVY.CHECK over the same ranges in one
 * recalculation share it. Excel passes fresh arrays to each call, so the cache compares content: entries whose
 * shapes match are compared cell by cell (no hash that could collide); at most CACHE_SIZE analyses are kept.
 */
import { moneyString, plainString } from "../core/decimal";
import { dec } from "../core/decimal";
import { LevyInputError } from "../core/levy/types";
import { analyseWorkbook } from "../validation/analyse";
import type { WorkbookAudit } from "../validation/analyse-contract";
import type { CellValue, SheetData } from "../workbook/types";

export type TableRole = "roster" | "payroll" | "disabled" | "parameters";

/** Default sheet names per role: the firm template's (so its findings point at the template's cells). */
export const ROLE_SHEET: Record<TableRole, string> = { roster: "花名册", payroll: "工资表", disabled: "残疾职工", parameters: "参数" };

const ROLE_LABEL: Record<TableRole, { zh: string; en: string }> = {
  roster: { zh: "花名册", en: "roster" },
  payroll: { zh: "工资表", en: "payroll" },
  disabled: { zh: "残疾职工名册", en: "disabled register" },
  parameters: { zh: "参数区", en: "settings" },
};

/** One range argument: its values as Excel passed them and, when known, its address ("Sheet1!A1:I2001"). */
export interface RangeArg {
  role: TableRole;
  values: unknown;
  address?: string | null;
}

function isBlankArg(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "") || (Array.isArray(v) && v.length === 0);
}

/** The range as a matrix; a scalar (a 1×1 range) becomes [[v]]. */
function matrixOf(v: unknown): unknown[][] {
  if (Array.isArray(v)) return v.every((r) => Array.isArray(r)) ? (v as unknown[][]) : [v as unknown[]];
  return [[v]];
}

/** A cell as the workbook model expects it: "" and whitespace → null, errors kept as {error}, the rest as is. */
function cellOf(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") {
    if (v.trim() === "") return null;
    return /^#(N\/A|VALUE!|REF!|DIV\/0!|NUM!|NAME\?|NULL!|SPILL!|CALC!|GETTING_DATA)$/.test(v) ? { error: v } : v;
  }
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v === "object" && typeof (v as { error?: unknown }).error === "string") return v as CellValue;
  return String(v);
}

/**
 * Normalised in place: the arrays Excel hands a custom function are the function's own (a fresh copy per call), and
 * copying a million-row payroll would cost as much as a third of the analysis. Rows shorter than the first are fine.
 */
function normalise(m: unknown[][]): CellValue[][] {
  for (let r = 0; r < m.length; r++) {
    const row = m[r];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v === "number") continue;
      row[c] = cellOf(v);
    }
  }
  return m as CellValue[][];
}

/** "Sheet1!A1:B2", "'My sheet'!$A$1", "[Book1]Sheet1!A1" → sheet name and top-left cell; null when unreadable. */
export function parseAddress(address: string | null | undefined): { sheet: string; origin: string } | null {
  if (typeof address !== "string") return null;
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]{1,3})\$?(\d{1,7})/i.exec(address.trim());
  if (!m) return null;
  const sheet = (m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]).replace(/^\[[^\]]*\]/, "");
  return { sheet, origin: `${m[3].toUpperCase()}${m[4]}` };
}

const MAPPING_ROLE: Record<Exclude<TableRole, "parameters">, string> = { roster: "roster", payroll: "payroll", disabled: "disabled" };

/** The sheets and the forced role mapping the analysis runs on. Exported for the tests and the bench. */
export function sheetsFor(args: readonly RangeArg[]): { sheets: SheetData[]; mapping: Record<string, string> } {
  const sheets: SheetData[] = [];
  const mapping: Record<string, string> = {};
  const used = new Set<string>();
  for (const a of args) {
    if (isBlankArg(a.values)) continue;
    const where = parseAddress(a.address);
    let name = where?.sheet ?? ROLE_SHEET[a.role];
    // Two ranges on one sheet (a register beside the roster): the second keeps its role's name, so each is one table.
    if (used.has(name)) name = ROLE_SHEET[a.role];
    for (let i = 2; used.has(name); i++) name = `${ROLE_SHEET[a.role]}${i}`;
    used.add(name);
    sheets.push({ name, origin: where?.origin ?? "A1", values: normalise(matrixOf(a.values)) });
    if (a.role !== "parameters") mapping[`表:${name}`] = MAPPING_ROLE[a.role];
  }
  return { sheets, mapping };
}

/* ---- the per-batch cache ---- */

interface Entry {
  args: RangeArg[];
  audit: WorkbookAudit;
}

const CACHE_SIZE = 4;
const cache: Entry[] = [];

function sameCell(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const blankA = a === null || a === undefined || a === "";
  const blankB = b === null || b === undefined || b === "";
  if (blankA || blankB) return blankA && blankB;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return typeof a === "number" && typeof b === "number" && Number.isNaN(a) && Number.isNaN(b);
}

function sameValues(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isBlankArg(a) || isBlankArg(b)) return isBlankArg(a) && isBlankArg(b);
  const ma = matrixOf(a);
  const mb = matrixOf(b);
  if (ma.length !== mb.length) return false;
  for (let r = 0; r < ma.length; r++) {
    const ra = ma[r];
    const rb = mb[r];
    if (ra === rb) continue;
    if (ra.length !== rb.length) return false;
    for (let c = 0; c < ra.length; c++) if (!sameCell(ra[c], rb[c])) return false;
  }
  return true;
}

function sameArgs(a: readonly RangeArg[], b: readonly RangeArg[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i].role !== b[i].role || (a[i].address ?? null) !== (b[i].address ?? null)) return false;
  }
  for (let i = 0; i < a.length; i++) if (!sameValues(a[i].values, b[i].values)) return false;
  return true;
}

/** How many analyses actually ran (the tests check that FORM + FINDINGS + CHECK over the same ranges run one). */
export const analysisStats = { runs: 0 };

export function clearTableCache(): void {
  cache.length = 0;
}

/** Today for age and validity checks; tests pin it so results equal `levy audit --today`. Null = today in China. */
let fixedToday: string | null = null;
export function setTableFunctionsToday(today: string | null): void {
  fixedToday = today;
  clearTableCache();
}

/** The analysis of these ranges: the same analyseWorkbook `levy audit` runs, once per distinct set of arguments. */
export function analyseRanges(args: RangeArg[]): WorkbookAudit {
  const present = args.filter((a) => !isBlankArg(a.values));
  for (let i = 0; i < cache.length; i++) {
    if (sameArgs(cache[i].args, present)) {
      const [hit] = cache.splice(i, 1);
      cache.unshift(hit);
      return hit.audit;
    }
  }
  const { sheets, mapping } = sheetsFor(present);
  const audit = analyseWorkbook(sheets, fixedToday ? { mapping, today: fixedToday } : { mapping });
  analysisStats.runs++;
  cache.unshift({ args: present, audit });
  if (cache.length > CACHE_SIZE) cache.length = CACHE_SIZE;
  return audit;
}

function need(values: unknown, role: TableRole, field: string): void {
  if (isBlankArg(values)) {
    const l = ROLE_LABEL[role];
    throw new LevyInputError(field, { zh: `缺少${l.zh}区域（含表头行）。`, en: `The ${l.en} range (with its header row) is missing.` });
  }
}

/** The calculation, or an Excel error carrying the analysis's reason (no roster found, recognition unsure, …). */
function calculationOf(audit: WorkbookAudit): NonNullable<WorkbookAudit["calculation"]> {
  if (audit.fatal || !audit.calculation) {
    const f = audit.fatal ?? { zh: "无法计算。", en: "The levy cannot be computed." };
    throw new LevyInputError("ranges", f);
  }
  return audit.calculation;
}

const num = (s: string) => Number(s);
const money = (s: string) => Number(moneyString(dec(s)));

/* ---- the functions (functions.ts wraps each in `guarded` and carries the JSDoc) ---- */

export function headcountOf(roster: unknown, settings: unknown, addresses?: readonly (string | null)[]): number {
  need(roster, "roster", "roster");
  const audit = analyseRanges([
    { role: "roster", values: roster, address: addresses?.[0] },
    { role: "parameters", values: settings, address: addresses?.[1] },
  ]);
  // The headcount needs no wages: a roster alone gives it, even when the levy itself cannot be computed.
  if (audit.headcount && !audit.candidates) return num(audit.headcount.annual);
  return num(calculationOf(audit).headcount);
}

export function wageTotalOf(payroll: unknown, roster: unknown, settings: unknown, addresses?: readonly (string | null)[]): number {
  need(payroll, "payroll", "payroll");
  const audit = analyseRanges([
    { role: "roster", values: roster, address: addresses?.[1] },
    { role: "payroll", values: payroll, address: addresses?.[0] },
    { role: "parameters", values: settings, address: addresses?.[2] },
  ]);
  if (audit.calculation) return money(audit.calculation.wageTotal);
  if (audit.wages && !audit.candidates) return money(audit.wages.total);
  return money(calculationOf(audit).wageTotal);
}

export function disabledOf(register: unknown, roster: unknown, payroll: unknown, settings: unknown, addresses?: readonly (string | null)[]): number {
  need(register, "disabled", "register");
  const audit = analyseRanges(
    isBlankArg(roster)
      ? [
          // A staff list carrying the disability columns is the roster and the register at once.
          { role: "roster", values: register, address: addresses?.[0] },
          { role: "payroll", values: payroll, address: addresses?.[2] },
          { role: "parameters", values: settings, address: addresses?.[3] },
        ]
      : [
          { role: "roster", values: roster, address: addresses?.[1] },
          { role: "payroll", values: payroll, address: addresses?.[2] },
          { role: "disabled", values: register, address: addresses?.[0] },
          { role: "parameters", values: settings, address: addresses?.[3] },
        ],
  );
  if (audit.calculation) return num(audit.calculation.certifiedDisabled);
  if (audit.disabled && !audit.candidates) return num(audit.disabled.certified);
  return num(calculationOf(audit).certifiedDisabled);
}

function fullArgs(roster: unknown, payroll: unknown, register: unknown, settings: unknown, addresses?: readonly (string | null)[]): RangeArg[] {
  need(roster, "roster", "roster");
  return [
    { role: "roster", values: roster, address: addresses?.[0] },
    { role: "payroll", values: payroll, address: addresses?.[1] },
    { role: "disabled", values: register, address: addresses?.[2] },
    { role: "parameters", values: settings, address: addresses?.[3] },
  ];
}

/** Form columns 4–12 in order: [栏次, 项目, key of the calculation, money?]. */
export const FORM_LINES: ReadonlyArray<[number, string, "wageTotal" | "headcount" | "quotaRatio" | "certifiedDisabled" | "averageWage" | "grossDue" | "reduction" | "alreadyPaid" | "payable", boolean]> = [
  [4, "上年在职职工工资总额", "wageTotal", true],
  [5, "上年在职职工人数", "headcount", false],
  [6, "应安排残疾人就业比例", "quotaRatio", false],
  [7, "上年实际安排残疾人就业人数", "certifiedDisabled", false],
  [8, "上年在职职工年平均工资", "averageWage", true],
  [9, "本期应纳费额", "grossDue", true],
  [10, "本期减免费额", "reduction", true],
  [11, "本期已缴费额", "alreadyPaid", true],
  [12, "本期应补（退）费额", "payable", true],
];

/** 9 rows × 3 columns: 栏次, the form's label, the value. Money to the fen (column 8 rounded for display only). */
export function formOf(roster: unknown, payroll: unknown, register: unknown, settings: unknown, addresses?: readonly (string | null)[]): Array<Array<number | string>> {
  const c = calculationOf(analyseRanges(fullArgs(roster, payroll, register, settings, addresses)));
  return FORM_LINES.map(([column, label, key, isMoney]) => [column, label, isMoney ? money(c[key]) : num(c[key])]);
}

export const FINDINGS_HEADER = ["代码 Code", "级别 Severity", "说明 Message", "单元格 Cells"];
const SEVERITY_TEXT = { error: "错误 error", warning: "警告 warning", info: "提示 info" } as const;
const MAX_CELLS_SHOWN = 5;

/** Header + one row per finding (errors first): code, severity, the message in Chinese and English, the cells. */
export function findingsOf(roster: unknown, payroll: unknown, register: unknown, settings: unknown, addresses?: readonly (string | null)[]): string[][] {
  const audit = analyseRanges(fullArgs(roster, payroll, register, settings, addresses));
  const rows: string[][] = [FINDINGS_HEADER];
  if (audit.fatal) rows.push(["FATAL", SEVERITY_TEXT.error, `${audit.fatal.zh} ${audit.fatal.en}`, ""]);
  for (const f of audit.findings) {
    const cells = f.cells.slice(0, MAX_CELLS_SHOWN).map((c) => `${c.sheet}!${c.address}`);
    if (f.cells.length > MAX_CELLS_SHOWN) cells.push(`… +${f.cells.length - MAX_CELLS_SHOWN}`);
    rows.push([f.code, SEVERITY_TEXT[f.severity], `${f.message.zh} ${f.message.en}`, cells.join(", ")]);
  }
  if (rows.length === 1) rows.push(["—", "", "无发现 No findings", ""]);
  return rows;
}

/** The check cell: every row accounted for, and how many findings. */
export function checkOf(roster: unknown, payroll: unknown, register: unknown, settings: unknown, addresses?: readonly (string | null)[]): string {
  const audit = analyseRanges(fullArgs(roster, payroll, register, settings, addresses));
  const r = audit.rows;
  const count = { error: 0, warning: 0, info: 0 };
  for (const f of audit.findings) count[f.severity]++;
  if (audit.fatal) count.error++;
  const balanced = r.read === r.counted + r.excluded + r.rejected;
  return (
    `读取 read ${r.read} = 计入 counted ${r.counted} + 排除 excluded ${r.excluded} + 拒绝 rejected ${r.rejected} ${balanced ? "✓" : "✗"}` +
    ` · 发现 findings ${count.error + count.warning + count.info}（错误 errors ${count.error} · 警告 warnings ${count.warning} · 提示 info ${count.info}）`
  );
}

/** For the bench and the tests: the payable as a decimal string, straight from the shared analysis. */
export function payableText(roster: unknown, payroll: unknown, register: unknown, settings: unknown): string {
  return plainString(dec(calculationOf(analyseRanges(fullArgs(roster, payroll, register, settings))).payable));
}
