/**
 * The declaration block: what the user filed or intends to file, form columns 2–12 of the 《残疾人就业保障金缴费
 * 申报表》 (rules file §4.1). Labels are found anywhere in a sheet's first 100 rows; the value is the first non-blank
 * cell to the right (name/value layout, as in the firm template) or, failing that, below (the form's horizontal
 * layout, skipping the row of column numbers 1 2 3 …). Labels may carry their column number ("4.", "(4)", "第4栏")
 * and a unit ("（元）"). A sheet needs three different labels to count as a declaration, or one if its name says it
 * is one (申报表, Declaration).
 */
import type { Decimal } from "../core/decimal";
import { dec } from "../core/decimal";
import { normaliseDecimalText } from "../core/rules/parameters";
import type { Bilingual } from "../core/rules/types";
import { cellAddress, originOf } from "./address";
import { normaliseHeader } from "./headers";
import type { IssueLog } from "./issues";
import { BAD, DateReader } from "./parse";
import { cellText, errorValueOf, showValue } from "./text";
import type { CellRef, CellValue, SheetData } from "./types";

export type DeclField = "periodStart" | "periodEnd" | "wageTotal" | "headcount" | "quotaRatio" | "certifiedDisabled" | "averageWage" | "grossDue" | "reduction" | "alreadyPaid" | "payable";

export const DECL_COLUMNS: Record<DeclField, { column: number; label: Bilingual }> = {
  periodStart: { column: 2, label: { zh: "费款所属期起", en: "period from" } },
  periodEnd: { column: 3, label: { zh: "费款所属期止", en: "period to" } },
  wageTotal: { column: 4, label: { zh: "上年在职职工工资总额", en: "wage total" } },
  headcount: { column: 5, label: { zh: "上年在职职工人数", en: "headcount" } },
  quotaRatio: { column: 6, label: { zh: "应安排残疾人就业比例", en: "quota ratio" } },
  certifiedDisabled: { column: 7, label: { zh: "上年实际安排残疾人就业人数", en: "certified disabled employees" } },
  averageWage: { column: 8, label: { zh: "上年在职职工年平均工资", en: "average wage" } },
  grossDue: { column: 9, label: { zh: "本期应纳费额", en: "gross levy" } },
  reduction: { column: 10, label: { zh: "本期减免费额", en: "reduction" } },
  alreadyPaid: { column: 11, label: { zh: "本期已缴费额", en: "already paid" } },
  payable: { column: 12, label: { zh: "本期应补（退）费额", en: "payable" } },
};

const LABELS: ReadonlyArray<[DeclField, readonly string[]]> = [
  ["periodStart", ["费款所属期起", "所属期起", "费款所属期起始", "所属期起始日期", "费款所属期(起)", "Period from", "Period start"]],
  ["periodEnd", ["费款所属期止", "所属期止", "费款所属期截止", "所属期止日期", "费款所属期(止)", "Period to", "Period end"]],
  ["wageTotal", ["上年在职职工工资总额", "在职职工工资总额", "上年工资总额", "工资总额", "Wage total", "Declared wage total"]],
  ["headcount", ["上年在职职工人数", "在职职工人数", "上年职工人数", "职工人数", "Declared headcount", "Average headcount"]],
  ["quotaRatio", ["应安排残疾人就业比例", "安排残疾人就业比例", "Quota ratio"]],
  ["certifiedDisabled", ["上年实际安排残疾人就业人数", "实际安排残疾人就业人数", "实际安排残疾人数", "安排残疾人数", "残疾人数", "Certified disabled", "Certified disabled employees"]],
  ["averageWage", ["上年在职职工年平均工资", "在职职工年平均工资", "年平均工资", "Average wage", "Average annual wage"]],
  ["grossDue", ["本期应纳费额", "应纳费额", "本期应缴费额", "应缴费额", "Gross levy", "Gross due"]],
  ["reduction", ["本期减免费额", "减免费额", "减免额", "减免金额", "Reduction"]],
  ["alreadyPaid", ["本期已缴费额", "已缴费额", "Already paid"]],
  ["payable", ["本期应补(退)费额", "应补(退)费额", "应补退费额", "本期应补退费额", "应补(退)额", "应缴纳金额", "Payable", "Amount payable", "Payable (refund if negative)"]],
];

/** Form label text → key: drops a leading column number and bracketed units. */
export function declarationLabelKey(text: string): string {
  return normaliseHeader(text)
    .replace(/^(第\d{1,2}栏|栏次\d{1,2}|\(\d{1,2}\)|\d{1,2}[、,]?)/, "")
    .replace(/\((元|人|%|人民币|元\/人|年|月)\)/g, "");
}

const BY_KEY = new Map<string, DeclField>();
for (const [field, labels] of LABELS) for (const l of labels) BY_KEY.set(declarationLabelKey(l), field);

export function declarationFieldOf(text: string): DeclField | undefined {
  if (text.length > 40) return undefined;
  return BY_KEY.get(declarationLabelKey(text));
}

export interface DeclaredValue {
  /** Decimal for amounts/counts/ratios; ISO date text for the period. */
  value: Decimal | string;
  cell: CellRef;
  raw: CellValue;
}

export interface Declaration {
  sheet: string;
  values: Partial<Record<DeclField, DeclaredValue>>;
  /** Label cells whose value could not be read. */
  unreadable: DeclField[];
}

const SCAN_ROWS = 100;
const SCAN_COLS = 30;

/** Find the declaration sheet (the one with most distinct labels, at least 3) and read its values. */
export function readDeclaration(sheets: readonly SheetData[], issues: IssueLog): Declaration | null {
  let best: { sheet: SheetData; labels: Array<{ field: DeclField; r: number; c: number }> } | null = null;
  for (const sheet of sheets) {
    const values = Array.isArray(sheet?.values) ? sheet.values : [];
    const labels: Array<{ field: DeclField; r: number; c: number }> = [];
    const fields = new Set<DeclField>();
    for (let r = 0; r < Math.min(values.length, SCAN_ROWS); r++) {
      const row = values[r];
      if (!Array.isArray(row)) continue;
      for (let c = 0; c < Math.min(row.length, SCAN_COLS); c++) {
        const v = row[c];
        if (typeof v !== "string") continue;
        const field = declarationFieldOf(v);
        if (field && !fields.has(field)) {
          fields.add(field);
          labels.push({ field, r, c });
        }
      }
    }
    // Three labels make a declaration anywhere; on a sheet named like one (申报表, declaration) one label is enough.
    const named = /申报|declar|filing/i.test(String(sheet?.name ?? ""));
    if ((fields.size >= 3 || (named && fields.size >= 1)) && (!best || labels.length > best.labels.length)) best = { sheet, labels };
  }
  if (!best) return null;
  const { sheet, labels } = best;
  const values = sheet.values;
  const origin = originOf(sheet);
  const out: Declaration = { sheet: sheet.name, values: {}, unreadable: [] };
  const isLabel = (v: CellValue | undefined) => typeof v === "string" && declarationFieldOf(v) !== undefined;
  const dates = new DateReader(sheet.date1904 === true);
  for (const { field, r, c } of labels) {
    let pos: [number, number] | null = null;
    const row = values[r];
    let formulaOnly = false;
    for (let k = c + 1; k <= c + 4 && Array.isArray(row) && k < row.length; k++) {
      const v = row[k];
      const f = sheet.formulas?.[r]?.[k];
      if ((v === null || v === undefined) && typeof f === "string" && f !== "") {
        // A formula Excel never calculated and saved: its value is unknown, not blank.
        issues.add("FORMULA_NO_VALUE", sheet.name, `declaration:${field}`, String(row[c]), () => cellAddress(origin, r, k), f.length > 40 ? `${f.slice(0, 39)}…` : f);
        formulaOnly = true;
        break;
      }
      if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) continue;
      if (isLabel(v)) break;
      pos = [r, k];
      break;
    }
    if (formulaOnly) {
      out.unreadable.push(field);
      continue;
    }
    if (!pos) {
      for (let k = r + 1; k <= r + 3 && k < values.length; k++) {
        const v = values[k]?.[c];
        if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) continue;
        if (isLabel(v)) break;
        // The form's row of column numbers (1 2 3 … 12) sits between the labels and the values.
        if ((typeof v === "number" && v === DECL_COLUMNS[field].column) || (typeof v === "string" && v.trim() === String(DECL_COLUMNS[field].column))) continue;
        pos = [k, c];
        break;
      }
    }
    if (!pos) continue;
    const raw = values[pos[0]][pos[1]];
    const cell: CellRef = { sheet: sheet.name, address: cellAddress(origin, pos[0], pos[1]) };
    if (field === "periodStart" || field === "periodEnd") {
      if (dates.read(raw) === BAD) {
        issues.add("DATA_BAD_DATE", sheet.name, `declaration:${field}`, String(values[r][c]), () => cell.address, showValue(raw));
        out.unreadable.push(field);
        continue;
      }
      const d = new Date(dates.day * 86_400_000).toISOString().slice(0, 10);
      if (dates.packed) issues.add("DATA_PACKED_DATE", sheet.name, `declaration:${field}`, String(values[r][c]), () => cell.address, `${showValue(raw)} → ${d}`);
      out.values[field] = { value: d, cell, raw };
      continue;
    }
    let text: string | undefined;
    if (typeof raw === "number") text = Number.isFinite(raw) ? String(raw) : undefined;
    else if (typeof raw === "string" && !errorValueOf(raw)) text = normaliseDecimalText(cellText(raw)?.replace(/[,，]/g, "").replace(/(元|人)$/, "") ?? "");
    if (text === undefined) {
      issues.add("DATA_BAD_NUMBER", sheet.name, `declaration:${field}`, String(values[r][c]), () => cell.address, showValue(raw));
      out.unreadable.push(field);
      continue;
    }
    out.values[field] = { value: dec(text), cell, raw };
  }
  return out;
}
