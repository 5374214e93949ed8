/**
 * The 残联 certification result list (联网认证 / 年审结果) overrides the register's own 残联认定 column where both
 * name the same person: the list is the certifying body's answer, the register a copy of it. Matched by ID number,
 * then by certificate number (whose first 18 characters are the ID number), then by a name that is unique on both.
 * The register entries are changed in place before the register is evaluated, so the levy uses the list's answer.
 */
import { cellAddress } from "../workbook/address";
import type { DetectedTable } from "../workbook/detect";
import type { DisabledEntry } from "../workbook/disabled";
import { cellText } from "../workbook/text";
import type { CellRef } from "../workbook/types";
import type { CertificationEntry, CertificationList } from "./read";

export interface CertificationOverride {
  person: string;
  /** The register's value before (true/false, null blank, undefined no column or unreadable). */
  register: boolean | null | undefined;
  list: boolean;
  registerCell: CellRef;
  listCell: CellRef;
}

export interface CertificationResult {
  /** Register entries matched to a list entry. */
  matched: number;
  /** Where the list changed the register's value. */
  overridden: CertificationOverride[];
  /** Certified on the list (通过) but not in the register. */
  notInRegister: CertificationEntry[];
  /** Certified in the register but not on the list. */
  notOnList: Array<{ person: string; cell: CellRef }>;
  listEntries: number;
  /**
   * People the list cannot settle: results that cannot be read, or several results whose order the dates cannot decide
   * (no dates, or the same date with different results). They are NOT counted (a person counts only when certified).
   */
  undecided: Array<{ person: string; registerCell: CellRef; listCells: CellRef[]; reason: "unreadable" | "noDate" | "sameDate" }>;
  /** Row counts of the list's tables. */
  rows: CertificationList["rows"];
  /**
   * The list passes the person under another certificate number than the register's (another grade or category):
   * "followed" — the list's number is used for the weight; "undecided" — it cannot be (the list's number is not a
   * valid 第二代残疾人证 number of this person, or the list passes them under several numbers) and the person is not
   * counted. Both are REC_CERT_NUMBER_CONFLICT errors naming both cells.
   */
  certificateConflicts?: CertificateConflict[];
}

export interface CertificateConflict {
  person: string;
  registerNo: string;
  listNo: string;
  registerCell: CellRef;
  listCells: CellRef[];
  outcome: "followed" | "undecided";
  /** Grades read from the two numbers (null when a number has none). */
  registerGrade: number | null;
  listGrade: number | null;
}

function norm(s: string | null | undefined): string | null {
  if (!s) return null;
  const t = s.replace(/\s/g, "").toUpperCase();
  return t === "" ? null : t;
}

/**
 * The latest result of one person's list rows, by the result date (read as a date, not compared as text). Rows that
 * agree need no date. The order cannot be decided — entry null — when the results differ and a row has no date, or
 * the latest date carries different results; a latest result that cannot be read decides nothing either.
 */
function latestResult(rows: readonly CertificationEntry[]): { entry: CertificationEntry; cells: CellRef[]; reason: null } | { entry: null; cells: CellRef[]; reason: "unreadable" | "noDate" | "sameDate" } {
  const cells = rows.map((r) => r.cells.result);
  const outcomes = new Set(rows.map((r) => r.passed));
  if (outcomes.size === 1) {
    const only = rows[rows.length - 1];
    return only.passed === null ? { entry: null, cells, reason: "unreadable" } : { entry: only, cells: [], reason: null };
  }
  if (rows.some((r) => r.day === null)) return { entry: null, cells, reason: "noDate" };
  const last = Math.max(...rows.map((r) => r.day!));
  const top = rows.filter((r) => r.day === last);
  const topOutcomes = new Set(top.map((r) => r.passed));
  if (topOutcomes.size > 1) return { entry: null, cells: top.map((r) => r.cells.result), reason: "sameDate" };
  if (top[0].passed === null) return { entry: null, cells: top.map((r) => r.cells.result), reason: "unreadable" };
  return { entry: top[0], cells: [], reason: null };
}

export function applyCertificationList(list: CertificationList | null, entries: DisabledEntry[], tables: ReadonlyMap<number, DetectedTable>): CertificationResult | null {
  if (!list) return null;
  const byId = new Map<string, CertificationEntry[]>();
  const byName = new Map<string, CertificationEntry[]>();
  for (const e of list.entries) {
    const id = norm(e.idNumber) ?? norm(e.certificateNo)?.slice(0, 18) ?? null;
    if (id) byId.set(id, [...(byId.get(id) ?? []), e]);
    const n = norm(e.name);
    if (n) byName.set(n, [...(byName.get(n) ?? []), e]);
  }
  const used = new Set<CertificationEntry>();
  const names = new Map<string, number>();
  for (const e of entries) {
    const n = norm(e.person?.name ?? null);
    if (n) names.set(n, (names.get(n) ?? 0) + 1);
  }
  const result: CertificationResult = { matched: 0, overridden: [], notInRegister: [], notOnList: [], undecided: [], listEntries: list.entries.length, rows: list.rows };
  for (const e of entries) {
    const id = norm(e.person?.idNumber ?? null) ?? norm(cellText(e.certificateNo))?.slice(0, 18) ?? null;
    let group = id ? byId.get(id) : undefined;
    if (!group) {
      const n = norm(e.person?.name ?? null);
      const same = n ? byName.get(n) : undefined;
      if (n && same && same.length === 1 && names.get(n) === 1 && !norm(same[0].idNumber)) group = same;
    }
    const t = tables.get(e.table);
    const col = e.columns.certified ?? e.columns.certificateNo ?? e.columns.name ?? 0;
    const registerCell: CellRef = { sheet: e.sheet, address: t ? cellAddress(t.origin, e.row, col) : `A${e.sheetRow}` };
    if (!group) {
      if (e.certified === true) result.notOnList.push({ person: e.display, cell: registerCell });
      continue;
    }
    for (const g of group) used.add(g);
    result.matched++;
    const latest = latestResult(group);
    if (latest.entry === null) {
      // Not counted: the list does not say this person is certified.
      result.undecided.push({ person: e.display, registerCell, listCells: latest.cells, reason: latest.reason });
      e.certified = false;
      continue;
    }
    const hit = latest.entry;
    const conflict = hit.passed === true ? certificateConflict(e, group, registerTableOf(tables, e)) : null;
    if (conflict) {
      (result.certificateConflicts ??= []).push(conflict);
      if (conflict.outcome === "followed") {
        // The certifying body's number decides the grade and category (the register's grade column would contradict it).
        e.certificateNo = conflict.listNo;
        e.grade = null;
        e.category = null;
        e.veteran = false;
      } else {
        e.certified = false;
        continue;
      }
    }
    if (e.certified !== hit.passed) {
      result.overridden.push({ person: e.display, register: e.certified, list: hit.passed === true, registerCell, listCell: hit.cells.result });
      e.certified = hit.passed;
    }
  }
  for (const e of list.entries) if (!used.has(e) && e.passed === true && !result.notInRegister.some((x) => norm(x.idNumber) !== null && norm(x.idNumber) === norm(e.idNumber))) result.notInRegister.push(e);
  // Entries superseded by a later result for the same person are not "missing from the register".
  result.notInRegister = result.notInRegister.filter((e) => {
    const id = norm(e.idNumber) ?? norm(e.certificateNo)?.slice(0, 18) ?? null;
    return !id || !entries.some((x) => (norm(x.person?.idNumber ?? null) ?? norm(cellText(x.certificateNo))?.slice(0, 18)) === id);
  });
  return result;
}

const CERT_20 = /^[0-9]{17}[0-9X][1-7][1-4]$/;

function registerTableOf(tables: ReadonlyMap<number, DetectedTable>, e: DisabledEntry): DetectedTable | undefined {
  return tables.get(e.table);
}

/**
 * The register's certificate number against the numbers the list passes the person under. Null when they agree or
 * either side has none. Followed when the list names one valid 20-character number whose first 18 characters are the
 * person's ID number; undecided otherwise.
 */
function certificateConflict(e: DisabledEntry, group: readonly CertificationEntry[], t: DetectedTable | undefined): CertificateConflict | null {
  const registerNo = norm(cellText(e.certificateNo));
  if (registerNo === null || e.veteran) return null;
  const passed = group.filter((g) => g.passed === true && norm(g.certificateNo) !== null);
  const listNos = [...new Set(passed.map((g) => norm(g.certificateNo)!))];
  if (listNos.length === 0 || (listNos.length === 1 && listNos[0] === registerNo)) return null;
  const c = e.columns.certificateNo ?? e.columns.name ?? 0;
  const registerCell: CellRef = { sheet: e.sheet, address: t ? cellAddress(t.origin, e.row, c) : `A${e.sheetRow}` };
  const listCells = passed.filter((g) => norm(g.certificateNo) !== registerNo).map((g) => g.cells.certificate ?? g.cells.row);
  const id = norm(e.person?.idNumber ?? null) ?? (registerNo.length >= 18 ? registerNo.slice(0, 18) : null);
  const listNo = listNos.find((n) => n !== registerNo)!;
  const gradeOf = (n: string) => (CERT_20.test(n) ? Number(n[19]) : null);
  const followed = listNos.length === 1 && CERT_20.test(listNo) && id !== null && listNo.slice(0, 18) === id;
  return { person: e.display, registerNo, listNo, registerCell, listCells, outcome: followed ? "followed" : "undecided", registerGrade: gradeOf(registerNo), listGrade: gradeOf(listNo) };
}
