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
  /** Row counts of the list's tables. */
  rows: CertificationList["rows"];
}

function norm(s: string | null | undefined): string | null {
  if (!s) return null;
  const t = s.replace(/\s/g, "").toUpperCase();
  return t === "" ? null : t;
}

export function applyCertificationList(list: CertificationList | null, entries: DisabledEntry[], tables: ReadonlyMap<number, DetectedTable>): CertificationResult | null {
  if (!list) return null;
  const byId = new Map<string, CertificationEntry>();
  const byName = new Map<string, CertificationEntry[]>();
  // The latest result per person (a person reviewed twice in the year: the later date wins; equal dates, the later row).
  const later = (a: CertificationEntry, b: CertificationEntry) => ((b.date ?? "") >= (a.date ?? "") ? b : a);
  for (const e of list.entries) {
    const id = norm(e.idNumber) ?? norm(e.certificateNo)?.slice(0, 18) ?? null;
    if (id) byId.set(id, byId.has(id) ? later(byId.get(id)!, e) : e);
    const n = norm(e.name);
    if (n) byName.set(n, [...(byName.get(n) ?? []), e]);
  }
  const used = new Set<CertificationEntry>();
  const names = new Map<string, number>();
  for (const e of entries) {
    const n = norm(e.person?.name ?? null);
    if (n) names.set(n, (names.get(n) ?? 0) + 1);
  }
  const result: CertificationResult = { matched: 0, overridden: [], notInRegister: [], notOnList: [], listEntries: list.entries.length, rows: list.rows };
  for (const e of entries) {
    const id = norm(e.person?.idNumber ?? null) ?? norm(cellText(e.certificateNo))?.slice(0, 18) ?? null;
    let hit = id ? byId.get(id) : undefined;
    if (!hit) {
      const n = norm(e.person?.name ?? null);
      const same = n ? byName.get(n) : undefined;
      if (n && same && same.length === 1 && names.get(n) === 1 && !norm(same[0].idNumber)) hit = same[0];
    }
    const t = tables.get(e.table);
    const col = e.columns.certified ?? e.columns.certificateNo ?? e.columns.name ?? 0;
    const registerCell: CellRef = { sheet: e.sheet, address: t ? cellAddress(t.origin, e.row, col) : `A${e.sheetRow}` };
    if (!hit) {
      if (e.certified === true) result.notOnList.push({ person: e.display, cell: registerCell });
      continue;
    }
    used.add(hit);
    result.matched++;
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
