/**
 * Recognition as a scored, explainable decision. For every candidate table, each role gets a score from the headers
 * (which fields were recognised), the values under them (how many rows carry a certificate number, whether the ID
 * column holds resident IDs) and the formulas (a table whose values are formulas over other tables is a view). The
 * decision, its score, the runner-up and the reasons travel into the report (`tables[].kindVia`, `score`, `runnerUp`,
 * `reasons`) and `levy audit --explain`.
 *
 * The header rule of detect.ts (kindOf) stays the backbone — it is what every fixture was built against — and the
 * value signals correct it where headers alone mislead: a staff list with 残疾人证号 / 残联认定 columns filled for a
 * handful of rows is a roster carrying its disabled register, not a register.
 */
import type { Bilingual } from "../core/rules/types";
import type { TableColumn } from "./detect";
import { FIELD_LABELS, PAY_CATEGORIES } from "./fields";
import type { ColumnMeaning, FieldId, TableKind } from "./fields";
import type { CellValue, SheetData } from "./types";

export type Role = TableKind | "derived" | "unrelated";

export interface Recognition {
  kind: TableKind | null;
  /** Every table kind the rows serve: a roster with certificate columns is also the disabled register. */
  roles: Role[];
  score: number;
  runnerUp: { kind: Role; score: number } | null;
  scores: Partial<Record<Role, number>>;
  reasons: Bilingual[];
  /** Roster columns present (hire/leave dates, employment type, contract), for workbook-level decisions. */
  rosterColumns: number;
  /** True when the runner-up scores within UNSURE_MARGIN of the decision (reported; see model.ts). */
  unsure: boolean;
}

/** A decision whose runner-up is this close is "unsure". */
export const UNSURE_MARGIN = 1;
const SAMPLE_ROWS = 400;

const PERSON_KEYS: FieldId[] = ["employeeId", "name", "idNumber"];
const ROSTER_FIELDS: FieldId[] = ["hireDate", "leaveDate", "employmentType", "contractStart", "contractEnd", "contractTerm", "dispatchAssigned"];

export interface ValueSignals {
  /** Non-blank data rows sampled. */
  rows: number;
  /** Rows with a certificate number or a certification value filled in. */
  disabilityFilled: number;
  /** Cells of the ID-number column that look like resident IDs (15/18 characters). */
  idLike: number;
  idCells: number;
}

type HeaderCell = { meaning: ColumnMeaning | null };

/** Value signals from the first rows under the header. */
export function valueSignals(values: readonly (readonly CellValue[])[], dataStart: number, cells: ReadonlyMap<number, HeaderCell>, _sheet: SheetData): ValueSignals {
  const disabilityCols: number[] = [];
  const keyCols: number[] = [];
  let idCol = -1;
  for (const [c, cell] of cells) {
    const f = cell.meaning?.field;
    if (f === "certificateNo" || f === "certified") disabilityCols.push(c);
    if (f === "employeeId" || f === "name" || f === "idNumber") keyCols.push(c);
    if (f === "idNumber" && idCol < 0) idCol = c;
  }
  const out: ValueSignals = { rows: 0, disabilityFilled: 0, idLike: 0, idCells: 0 };
  const end = Math.min(values.length, dataStart + SAMPLE_ROWS);
  for (let r = dataStart; r < end; r++) {
    const row = values[r];
    if (!Array.isArray(row)) continue;
    if (!keyCols.some((c) => filled(row[c]))) continue;
    out.rows++;
    if (disabilityCols.some((c) => filled(row[c]))) out.disabilityFilled++;
    if (idCol >= 0 && filled(row[idCol])) {
      out.idCells++;
      if (/^\d{15}$|^\d{17}[\dXx]$/.test(String(row[idCol]).trim())) out.idLike++;
    }
  }
  return out;
}

function filled(v: CellValue | undefined): boolean {
  return v !== null && v !== undefined && !(typeof v === "string" && v.trim() === "");
}

function names(fields: Iterable<FieldId>): string {
  return [...fields].map((f) => FIELD_LABELS[f].zh).join("、");
}

function namesEn(fields: Iterable<FieldId>): string {
  return [...fields].map((f) => FIELD_LABELS[f].en).join(", ");
}

/**
 * Score every role and decide. `headerKind` is the header rule's answer (kindOf) and `forced` a mapping's; the value
 * signals may move a register to a roster. Scores are on one scale: roughly one point per recognised column that
 * speaks for the role, two for a decisive one.
 */
export function decideKind(
  fields: ReadonlySet<FieldId>,
  payCount: number,
  headerKind: TableKind | null,
  signals: ValueSignals,
  forced: TableKind | null,
): Recognition {
  const has = (f: FieldId) => fields.has(f);
  const personKey = PERSON_KEYS.some(has);
  const rosterCols = ROSTER_FIELDS.filter(has);
  const scores: Partial<Record<Role, number>> = {};
  const keyPts = personKey ? 2 : 0;
  const fillShare = signals.rows > 0 ? signals.disabilityFilled / signals.rows : 0;
  // Hire/leave dates and the employment type are what make a staff list; contract columns appear on registers too.
  const core = (["hireDate", "leaveDate", "employmentType"] as FieldId[]).filter(has).length;
  scores.roster = keyPts + core * 1.5 + (rosterCols.length - core) * 0.5 + (signals.idCells > 0 && signals.idLike / signals.idCells > 0.8 ? 1 : 0) - (has("month") ? 2 : 0) - (fillShare >= 0.8 ? 2 : 0);
  scores.payroll = keyPts + Math.min(payCount, 4) + (has("month") ? 2 : 0) + (has("monthlyWage") ? 1 : 0) - (has("month") ? 0 : rosterCols.length * 0.5);
  scores.disabled =
    (personKey ? 1 : 0) +
    (has("certificateNo") ? 3 : 0) +
    (has("certified") ? 2 : 0) +
    (has("disabilityGrade") || has("disabilityCategory") ? 1 : 0) +
    (signals.rows >= 1 && fillShare >= 0.8 ? 2 : 0) -
    (signals.rows >= 4 && fillShare < 0.5 ? 3 : 0);
  scores.monthlyHeadcount = has("month") && (has("monthStart") || has("monthEnd") || has("monthCount")) && !personKey ? 6 : 0;
  for (const k of Object.keys(scores) as Role[]) scores[k] = Math.max(0, Math.round((scores[k] ?? 0) * 10) / 10);

  const reasons: Bilingual[] = [];
  const shown = [...fields].filter((f) => f !== "pay");
  if (shown.length) reasons.push({ zh: `识别出的表头：${names(shown)}${payCount ? `，另有 ${payCount} 个工资项目列` : ""}。`, en: `Recognised headers: ${namesEn(shown)}${payCount ? `, plus ${payCount} pay columns` : ""}.` });
  else if (payCount) reasons.push({ zh: `识别出 ${payCount} 个工资项目列。`, en: `${payCount} pay columns recognised.` });

  let kind = forced ?? headerKind;
  const roles: Role[] = [];
  // A register candidate whose certificate columns are blank on most rows, with roster columns beside them, is a
  // staff list carrying the disability columns inline: the roster, and (the same rows) the register.
  if (!forced && kind === "disabled" && rosterCols.length >= 1 && personKey && signals.rows >= 4 && fillShare < 0.5) {
    kind = "roster";
    reasons.push({
      zh: `残疾人证号/残联认定只在 ${`${signals.disabilityFilled}/${signals.rows}`} 行填写，且有${names(rosterCols)}：这是带残疾信息列的花名册，同时作为残疾职工名册。`,
      en: `Certificate/certification filled on only ${signals.disabilityFilled} of ${signals.rows} rows, next to ${namesEn(rosterCols)}: a staff list carrying the disability columns inline — the roster, and also the disabled register.`,
    });
  }
  if (forced) reasons.push({ zh: `按映射指定为${forced}。`, en: `Set to ${forced} by the mapping.` });
  if (kind) {
    roles.push(kind);
    if (kind === "roster" && (has("certificateNo") || has("certified"))) roles.push("disabled");
    if (kind === "roster" && payCount > 0) roles.push("payroll");
  }
  const score = kind ? (scores[kind] ?? 0) : 0;
  let runnerUp: Recognition["runnerUp"] = null;
  for (const [k, v] of Object.entries(scores) as Array<[Role, number]>) {
    if (k === kind || roles.includes(k)) continue;
    if (!runnerUp || v > runnerUp.score) runnerUp = { kind: k, score: v };
  }
  if (runnerUp && runnerUp.score === 0) runnerUp = null;
  const unsure = !forced && kind !== null && runnerUp !== null && runnerUp.score >= score - UNSURE_MARGIN + 0.001 && runnerUp.kind !== "monthlyHeadcount";
  return { kind, roles, score, runnerUp, scores, reasons, rosterColumns: rosterCols.length, unsure };
}

const LOOKUP_FUNCTION = /\b(VLOOKUP|HLOOKUP|XLOOKUP|LOOKUP|INDEX|MATCH|SUMIFS?|SUMPRODUCT|COUNTIFS?|AVERAGEIFS?|INDIRECT|OFFSET|FILTER|GETPIVOTDATA)\s*\(/i;

/** The sheets a formula refers to ('工资表'!A:A, 工资表!D2, [1]Sheet!A1). */
function referencedSheets(formula: string, into: Set<string>): boolean {
  let any = false;
  const re = /(?:'((?:[^']|'')+)'|([^\s'!(),=+\-*/&<>:;{}"]+))!/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(formula)) !== null) {
    const name = (m[1] ?? m[2] ?? "").replace(/''/g, "'").replace(/^\[\d+\]/, "");
    if (name) into.add(name);
    any = true;
  }
  return any;
}

/**
 * Is this table a view of other sheets? True when most of its value columns (everything but the person keys) hold,
 * in most of their filled cells, formulas that refer to another sheet or look values up. Whether the sheets it
 * refers to hold source tables is decided at the workbook level (detect.ts): a payroll whose amounts are formulas over
 * an attendance sheet is still the payroll.
 */
export function derivedSignal(sheet: SheetData, dataStart: number, columns: readonly TableColumn[], _field: ReadonlyMap<FieldId, number>): { sheets: string[]; formulaShare: number } | null {
  const formulas = sheet.formulas;
  if (!Array.isArray(formulas)) return null;
  const valueCols = columns.filter((c) => c.meaning && !c.duplicate && !PERSON_KEYS.includes(c.meaning.field) && !(c.meaning.field === "pay" && c.meaning.category && (PAY_CATEGORIES[c.meaning.category].kind === "ignored" || PAY_CATEGORIES[c.meaning.category].kind === "reference")));
  if (valueCols.length === 0) return null;
  const sheets = new Set<string>();
  let derivedCols = 0;
  let cellsSeen = 0;
  let cellsDerived = 0;
  const end = Math.min(sheet.values.length, dataStart + SAMPLE_ROWS);
  for (const col of valueCols) {
    let seen = 0;
    let derived = 0;
    for (let r = dataStart; r < end; r++) {
      const f = formulas[r]?.[col.index];
      const v = sheet.values[r]?.[col.index];
      if ((f === null || f === undefined || f === "") && (v === null || v === undefined || v === "")) continue;
      seen++;
      if (typeof f === "string" && f !== "" && (referencedSheets(f, sheets) || LOOKUP_FUNCTION.test(f))) derived++;
    }
    cellsSeen += seen;
    cellsDerived += derived;
    if (seen > 0 && derived * 2 >= seen) derivedCols++;
  }
  if (derivedCols * 2 < valueCols.length || derivedCols === 0) return null;
  sheets.delete(sheet.name);
  return { sheets: [...sheets], formulaShare: cellsSeen ? cellsDerived / cellsSeen : 0 };
}
