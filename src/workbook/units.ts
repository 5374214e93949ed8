/**
 * Money units of a payroll: a pay column whose header names 万元 or 千元 ("应发工资（万元）", "应发工资(千元)"), or a
 * payroll whose title rows above the header say "单位：万元" / "金额单位：千元", holds amounts in that unit. Read as
 * yuan they would make the wage total 10,000 (or 1,000) times too small and the levy with it, with nothing to show.
 *
 * The amounts are converted to yuan exactly (decimal, then snapped to the fen by the money reader) in a copy of the
 * table's rows — the caller's sheet is never changed — and each conversion is reported (DATA_UNIT_CONVERTED, info)
 * naming the header or title cell that said so. A header's own unit wins over a title's; a header that says 元 is yuan.
 */
import { Decimal } from "../core/decimal";
import { cellAddress } from "./address";
import type { DetectedTable } from "./detect";
import type { IssueLog } from "./issues";
import { headerOf } from "./rows";
import type { CellValue } from "./types";

interface Unit {
  factor: number;
  name: string;
}

const WAN: Unit = { factor: 10000, name: "万元" };
const QIAN: Unit = { factor: 1000, name: "千元" };

/** The unit a header names, "yuan" when it names 元 alone, or null when it names none. */
export function headerUnit(header: string): Unit | "yuan" | null {
  const h = header.normalize("NFKC").replace(/\s+/g, "");
  if (/万元|[(（\[【]万[)）\]】]|单位[:：]?万\b/.test(h)) return WAN;
  if (/千元|[(（\[【]千[)）\]】]/.test(h)) return QIAN;
  if (/[(（\[【]元[)）\]】]|单位[:：]?元/.test(h)) return "yuan";
  return null;
}

/** A title above the header: "单位：万元", "金额单位：千元", "(单位:万元)". */
export function titleUnit(text: string): Unit | null {
  const h = text.normalize("NFKC").replace(/\s+/g, "");
  const m = /单位[:：]?(人民币)?(万元|千元)/.exec(h);
  if (!m) return null;
  return m[2] === "万元" ? WAN : QIAN;
}

function scaled(v: CellValue, factor: number): CellValue {
  if (typeof v === "number") return Number.isFinite(v) ? new Decimal(v).times(factor).toNumber() : v;
  if (typeof v === "string") {
    const t = v.normalize("NFKC").replace(/[,\s]/g, "");
    if (/^-?\d+(\.\d+)?$/.test(t)) return new Decimal(t).times(factor).toNumber();
  }
  return v;
}

/**
 * The payroll tables with their amounts in yuan: tables with no unit are returned as they are; the others as a copy
 * whose pay columns are converted.
 */
export function payrollInYuan(tables: DetectedTable[], issues: IssueLog): DetectedTable[] {
  return tables.map((t) => {
    if (!t.pay.length) return t;
    const values = t.sheet.values;
    // A title row above the header (within the five rows before it) naming the unit.
    let title: { unit: Unit; r: number; c: number; text: string } | null = null;
    for (let r = Math.max(0, t.headerRowIndex - 5); r < t.headerRowIndex && !title; r++) {
      const row = values[r] ?? [];
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (typeof v !== "string") continue;
        const u = titleUnit(v);
        if (u) {
          title = { unit: u, r, c, text: v };
          break;
        }
      }
    }
    const plan: Array<{ index: number; unit: Unit; via: "header" | "title" }> = [];
    for (const p of t.pay) {
      const h = headerUnit(headerOf(t, p.index));
      if (h === "yuan") continue;
      if (h) plan.push({ index: p.index, unit: h, via: "header" });
      else if (title) plan.push({ index: p.index, unit: title.unit, via: "title" });
    }
    if (!plan.length) return t;
    const copy = values.slice();
    for (let r = t.dataStart; r < copy.length; r++) {
      const row = copy[r];
      if (!row) continue;
      const next = row.slice();
      for (const p of plan) if (p.index < next.length) next[p.index] = scaled(next[p.index], p.unit.factor);
      copy[r] = next;
    }
    let titleSaid = false;
    for (const p of plan) {
      const header = headerOf(t, p.index);
      if (p.via === "title") {
        // One finding for the title, however many columns (or month slices) it covers.
        if (titleSaid) continue;
        titleSaid = true;
        issues.add("DATA_UNIT_CONVERTED", t.sheetName, "unit", title!.text, () => cellAddress(t.origin, title!.r, title!.c), undefined, {
          zh: `“${t.sheetName}”表的工资金额按标题“${title!.text}”以${p.unit.name}计，已乘以 ${p.unit.factor} 换算为元。`,
          en: `Sheet "${t.sheetName}": pay amounts are in ${p.unit.name} as the title "${title!.text}" says; multiplied by ${p.unit.factor} to yuan.`,
        });
        continue;
      }
      const at = p.via === "header" ? { r: t.headerRowIndex, c: p.index } : { r: title!.r, c: title!.c };
      const said = p.via === "header" ? `表头“${header}”` : `标题“${title!.text}”`;
      const saidEn = p.via === "header" ? `the header "${header}"` : `the title "${title!.text}"`;
      issues.add("DATA_UNIT_CONVERTED", t.sheetName, "unit", header, () => cellAddress(t.origin, at.r, at.c), undefined, {
        zh: `“${t.sheetName}”表“${header}”列的金额按${said}以${p.unit.name}计，已乘以 ${p.unit.factor} 换算为元。`,
        en: `Sheet "${t.sheetName}", column "${header}": amounts are in ${p.unit.name} as ${saidEn} says; multiplied by ${p.unit.factor} to yuan.`,
      });
    }
    return { ...t, sheet: { ...t.sheet, values: copy } };
  });
}
