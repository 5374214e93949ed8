/**
 * A person as the roster (or, failing that, the disabled register) describes them, and the index used to link
 * payroll and register rows to them by 工号, 身份证号 or 姓名 (in that order of trust).
 */
import type { Decimal } from "../core/decimal";
import type { EmploymentClass } from "./employment";

export type PersonStatus = "counted" | "excluded" | "rejected";

export interface Person {
  index: number;
  /** Detected table id and row index within its values. */
  table: number;
  row: number;
  sheet: string;
  sheetRow: number;
  employeeId: string | null;
  name: string | null;
  /** Normalised (upper-case, half-width) ID number text, when the row has one. */
  idNumber: string | null;
  /** "1001 张三" for messages. */
  display: string;
  typeText: string | null;
  typeClass: EmploymentClass;
  /** Day numbers; NaN = not given. */
  hire: number;
  leave: number;
  /** Employed days within the data year, or null. */
  present: [number, number] | null;
  /** Contract shorter than one year (null = unknown). */
  contractShort: boolean | null;
  socialInsurance: boolean | null;
  /** The roster's social-insurance text when it is neither yes nor no (e.g. 部分缴纳): the condition cannot be read. */
  socialInsuranceUnread?: string;
  /** The ID number passed its check (birth date and sex can then be read from it). */
  idValid: boolean;
  status: PersonStatus;
  /** Finding code of the exclusion or rejection. */
  reason: string | null;
  /** Column index of the cell that decided the status (for findings), or -1. */
  decidingColumn: number;
  /** False for a person known only from the disabled register. */
  inRoster: boolean;
  /** Wage components paid to this person in the data year (payroll), exact: fen plus a Decimal remainder. */
  wageFen: number;
  wageExtra: Decimal | null;
  /** Bit m−1 set when the payroll has a row for month m of the data year. */
  payMonths: number;
  payRows: number;
  /**
   * One source per person and period (payroll.ts): the months (bits 0–11; bit 12 = a whole-year row) each group of
   * payroll tables supplied — group 0 the regular payroll, group 1 year-end bonus sheets, which add to it — the first
   * table that supplied them, and the group's months as they stood before the table now being read. Plain numbers on
   * the person (no object per person: this runs for every payroll row when several tables could overlap).
   */
  payTable: number;
  payBefore: number;
  payMask0: number;
  payMask1: number;
  payFirst0: number;
  payFirst1: number;
}

export type KeyField = "employeeId" | "idNumber" | "name";

const RANK: Record<PersonStatus, number> = { counted: 2, excluded: 1, rejected: 0 };

/**
 * Lookup by 工号, 身份证号 or 姓名. Each map is built on first use: a payroll keyed by 工号 never pays for indexing
 * 100,000 names. People added after a map exists are inserted into it.
 */
export class PersonIndex {
  private readonly people: Person[] = [];
  private readonly maps: Record<KeyField, Map<string, Person> | null> = { employeeId: null, idNumber: null, name: null };
  /** Names shared by two different people cannot be used to link rows. */
  private readonly ambiguousNames = new Set<string>();

  add(p: Person): void {
    this.people.push(p);
    if (this.maps.employeeId) this.put(this.maps.employeeId, p.employeeId, p);
    if (this.maps.idNumber) this.put(this.maps.idNumber, p.idNumber, p);
    if (this.maps.name) this.putName(this.maps.name, p);
  }

  private put(map: Map<string, Person>, key: string | null, p: Person): void {
    if (key === null) return;
    const existing = map.get(key);
    // A rehired person has two rows: link pay to the row that counts.
    if (!existing || RANK[p.status] > RANK[existing.status]) map.set(key, p);
  }

  private putName(map: Map<string, Person>, p: Person): void {
    if (p.name === null) return;
    const existing = map.get(p.name);
    if (existing && !samePerson(existing, p)) this.ambiguousNames.add(p.name);
    this.put(map, p.name, p);
  }

  private map(field: KeyField): Map<string, Person> {
    let m = this.maps[field];
    if (!m) {
      m = new Map();
      for (const p of this.people) {
        if (field === "name") this.putName(m, p);
        else this.put(m, p[field], p);
      }
      this.maps[field] = m;
    }
    return m;
  }

  get(field: KeyField, key: string | null): Person | undefined {
    if (key === null) return undefined;
    const m = this.maps[field] ?? this.map(field);
    if (field === "name" && this.ambiguousNames.has(key)) return undefined;
    return m.get(key);
  }

  size(field: KeyField): number {
    return this.map(field).size;
  }

  isAmbiguousName(name: string): boolean {
    this.map("name");
    return this.ambiguousNames.has(name);
  }
}

function samePerson(a: Person, b: Person): boolean {
  if (a.idNumber !== null && b.idNumber !== null) return a.idNumber === b.idNumber;
  if (a.employeeId !== null && b.employeeId !== null) return a.employeeId === b.employeeId;
  return false;
}

export function displayOf(employeeId: string | null, name: string | null, idNumber: string | null): string {
  const parts = [employeeId, name].filter((x): x is string => x !== null);
  if (parts.length) return parts.join(" ");
  return idNumber ? `${idNumber.slice(0, 6)}…${idNumber.slice(-4)}` : "?";
}
