/**
 * The filed snapshot (issue 10 §3): what was filed, so it can be re-checked later (`levy verify`) and explained next
 * year (the YoY bridge). Private by design: the rows are kept only as SHA-256 digests, never their contents.
 *
 * JSON shape (`levy audit --snapshot OUT.json`, and the hidden 快照 sheet of the working paper), version 1:
 *   format, version, createdAt, tool {name, version}
 *   source {file, options}            the audited file's name and the options the audit ran with (region, year, …)
 *   employer {name, uscc}, period {filingYear, dataYear, filingDate}, region {input, code, label}
 *   rules {version, profile, chain, parameters[]}   every rule value in force, its source and whether it was used
 *   inputs {case, headcount, wageTotal, wageSource, certifiedDisabled, rows, tables[]}  aggregates and row digests
 *   result                            form columns 4–12 and the steps between (decimal strings)
 *   digest                            SHA-256 of the canonical JSON of everything above (a check against edits)
 */
import type { LevyCase, ReductionKind } from "../core/levy/types";
import type { Bilingual, Confidence, RuleSource } from "../core/rules/types";

export const SNAPSHOT_FORMAT = "levy-snapshot";
export const SNAPSHOT_VERSION = 1;

/** A table's rows as digests: enough to say which table changed and which rows, nothing of what they hold. */
export interface TableDigest {
  sheet: string;
  kind: string;
  /** Month slice of a payroll laid out with month columns. */
  month?: number;
  range: string;
  headerRow: number;
  /** The columns read, as "letter:field" ("B:employeeId"); only these go into the digests. */
  columns: string[];
  /** As the audit counted them. */
  rows: { read: number; counted: number; excluded: number; rejected: number };
  /** Non-blank data rows digested. */
  dataRows: number;
  /** SHA-256 over the canonical serialisation of the data rows (row contents only, in sheet order). */
  sha256: string;
  /** Sheet row numbers of the digested rows, as ranges: "2-50,52-101". */
  rowNumbers: string;
  /** One 12-hex-digit (48-bit) digest per row above, concatenated in the same order. */
  rowHashes: string;
}

export interface SnapshotParameter {
  name: string;
  value: unknown;
  /** The profile's own value when the workbook overrode it. */
  profileValue?: unknown;
  source: RuleSource;
  confidence: Confidence;
  regionCode: string;
  overridden: boolean;
  used: boolean;
}

export interface SnapshotResult {
  wageTotal: string;
  headcount: string;
  quotaRatio: string;
  certifiedDisabled: string;
  averageWage: string;
  socialAverageWage: string | null;
  wageCap: string | null;
  wageBase: string;
  localCollectionRate: string;
  required: string;
  shortfall: string;
  grossDue: string;
  reductionKind: ReductionKind;
  reduction: string;
  alreadyPaid: string;
  payable: string;
}

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  createdAt: string;
  tool: { name: string; version: string };
  source: { file: string; options: { region?: string; filingYear?: number; entityType?: string; mapping?: Record<string, string> } };
  employer: { name: string | null; uscc: string | null };
  period: { filingYear: number; dataYear: number; filingDate: string };
  region: { input: string; code: string; label: Bilingual };
  rules: { version: string; profile: string; chain: string[]; parameters: SnapshotParameter[] };
  inputs: {
    case: LevyCase;
    /** The monthly figures, the annual average, and what each category left out would add (rows, annual). */
    headcount: { method: string; months: Array<{ month: number; figure: string }>; annual: string; excluded?: Record<string, { rows: number; annual: string }> } | null;
    wageTotal: string;
    /** The wage total by pay category (basic, bonus, …), as the audit summed it. */
    wageParts?: Record<string, string>;
    wageSource: string;
    certifiedDisabled: string;
    rows: { read: number; counted: number; excluded: number; rejected: number };
    tables: TableDigest[];
  };
  result: SnapshotResult;
  /**
   * Added: set only for one entity of a group workbook (issue 10 §4) — which entity of the workbook this is, as the
   * split told it apart, so `levy verify` and `--last-year` can match it to the entity again. Absent for an ordinary
   * (one-entity) workbook, whose snapshot is exactly what it always was.
   */
  entity?: SnapshotEntity;
  digest: string;
}

/** Which entity of a group workbook a snapshot is. */
export interface SnapshotEntity {
  /** 1-based, in the workbook's order; `of` entities in all. */
  index: number;
  of: number;
  name: string | null;
  uscc: string | null;
  /** The sheets belonging to this entity alone. */
  sheets: string[];
}

export const GROUP_SNAPSHOT_KIND = "group";

/**
 * A group workbook's filing (`levy audit G.xlsx --snapshot OUT.json`): one ordinary snapshot per entity, each with its
 * `entity`, in the workbook's order, and a SHA-256 of the whole (so an entity removed by hand is noticed).
 */
export interface GroupSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  kind: typeof GROUP_SNAPSHOT_KIND;
  version: number;
  createdAt: string;
  tool: { name: string; version: string };
  source: { file: string; options: Snapshot["source"]["options"] };
  entities: Snapshot[];
  digest: string;
}

/** The snapshot cannot be read or is not one (exit 2). */
export class SnapshotError extends Error {
  constructor(readonly detail: Bilingual) {
    super(`${detail.zh} ${detail.en}`);
    this.name = "SnapshotError";
  }
}

/** Form columns 4–12 as the snapshot's result keys, in form order. */
export const FORM_COLUMNS: ReadonlyArray<{ column: number; key: keyof SnapshotResult; label: Bilingual; money: boolean }> = [
  { column: 4, key: "wageTotal", label: { zh: "上年在职职工工资总额", en: "Wage total" }, money: true },
  { column: 5, key: "headcount", label: { zh: "上年在职职工人数", en: "Headcount" }, money: false },
  { column: 6, key: "quotaRatio", label: { zh: "应安排比例", en: "Quota ratio" }, money: false },
  { column: 7, key: "certifiedDisabled", label: { zh: "实际安排残疾人数", en: "Certified disabled" }, money: false },
  { column: 8, key: "averageWage", label: { zh: "年平均工资", en: "Average wage" }, money: true },
  { column: 9, key: "grossDue", label: { zh: "本期应纳费额", en: "Gross levy" }, money: true },
  { column: 10, key: "reduction", label: { zh: "本期减免费额", en: "Reduction" }, money: true },
  { column: 11, key: "alreadyPaid", label: { zh: "本期已缴费额", en: "Already paid" }, money: true },
  { column: 12, key: "payable", label: { zh: "本期应补（退）费额", en: "Payable" }, money: true },
];
