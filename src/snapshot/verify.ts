/**
 * `levy verify`, the pure part: compare a filed snapshot with (a) what the workbook gives now and (b) what today's
 * rules give for the filed inputs. Nothing here changes a filed number: every difference is reported beside it.
 *
 * (a) The workbook is audited again; its aggregates are recomputed with the FILED rule values (the profile values
 *     of the filing plus the workbook's own overrides as they stand now), so a difference is a change in the
 *     workbook, never a change of rules. The tables are compared row by row through their digests.
 * (b) The filed aggregates (and the filing's own overrides) are recomputed with today's rule book; every rule value
 *     that differs from the one filed is listed, and every form column that would change.
 */
import { dec, moneyString } from "../core/decimal";
import { calculateLevy } from "../core/levy/calculate";
import type { LevyCase, LevyResult } from "../core/levy/types";
import { PARAMETER_INFO } from "../core/rules/parameters";
import { ALL_PROFILES } from "../core/rules/resolve";
import type { Bilingual, ParameterName, RegionProfile } from "../core/rules/types";
import type { AuditResult } from "../validation/analyse-contract";
import { rulesVersion, resultOf, snapshotDigest } from "./build";
import { canonicalJson } from "./canonical";
import { rowChanges, tableKey } from "./digest";
import type { RowChange } from "./digest";
import { FORM_COLUMNS } from "./types";
import type { Snapshot, SnapshotResult, TableDigest } from "./types";

/** Rows listed per table; the rest are counted in `rowsOmitted`. */
export const ROWS_LISTED = 200;

export interface ColumnChange {
  column: number;
  label: Bilingual;
  filed: string;
  now: string;
  /** now − filed, for numeric columns. */
  difference: string;
}

export interface InputChange {
  name: string;
  label: Bilingual;
  filed: string;
  now: string;
}

export interface ParameterChange {
  name: string;
  label: Bilingual;
  filed: string;
  now: string;
  filedSource: string;
  nowSource: string;
  /** The filed calculation used this parameter. */
  used: boolean;
}

export interface TableChange {
  sheet: string;
  kind: string;
  month?: number;
  status: "changed" | "added" | "removed" | "columns-changed";
  rows: RowChange[];
  rowsOmitted: number;
  filedRows: number;
  nowRows: number;
  columns?: { filed: string[]; now: string[] };
}

export interface WorkbookCheck {
  file: string;
  same: boolean;
  /** The workbook can no longer be audited (no result): why. */
  error?: Bilingual;
  columns: ColumnChange[];
  inputs: InputChange[];
  tables: TableChange[];
  /**
   * Filed form column 12; what the workbook gives now with the filed rule values (`now`); and what the workbook gives
   * on its own as `levy audit` computes it — its region, rules and overrides as they stand now (`workbook`). The two
   * differ when an input that selects the rules (the region, the unit type) changed.
   */
  payable: { filed: string; now: string | null; workbook?: string | null };
}

export interface RulesCheck {
  same: boolean;
  rulesVersion: { filed: string; now: string };
  parameters: ParameterChange[];
  columns: ColumnChange[];
  payable: { filed: string; now: string | null };
  error?: Bilingual;
}

export interface VerifyReport {
  snapshot: { file: string; createdAt: string; filingYear: number; region: string; payable: string; toolVersion: string };
  /** The snapshot's own digest matches its content, and its figures recompute from its inputs and rule values. */
  integrity: { ok: boolean; problems: Bilingual[]; columns: ColumnChange[] };
  workbook: WorkbookCheck | null;
  rules: RulesCheck;
  /** 0 all same, 1 differences. */
  exitCode: 0 | 1;
}

function text(v: unknown): string {
  if (v === undefined || v === null) return "—";
  if (typeof v === "object") return canonicalJson(v);
  return String(v);
}

function numericallyEqual(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  try {
    return dec(a).equals(dec(b));
  } catch {
    return a === b;
  }
}

export function columnChanges(filed: SnapshotResult, now: SnapshotResult): ColumnChange[] {
  const out: ColumnChange[] = [];
  for (const c of FORM_COLUMNS) {
    const a = filed[c.key] as string;
    const b = now[c.key] as string;
    if (numericallyEqual(a, b)) continue;
    let difference = "";
    try {
      difference = c.money ? moneyString(dec(b).minus(dec(a))) : dec(b).minus(dec(a)).toString();
    } catch {
      difference = "";
    }
    out.push({ column: c.column, label: c.label, filed: a, now: b, difference });
  }
  if (filed.reductionKind !== now.reductionKind) {
    out.push({ column: 10, label: { zh: "减免类型", en: "Reduction kind" }, filed: filed.reductionKind, now: now.reductionKind, difference: "" });
  }
  return out;
}

/** The filed rule values as overrides: every parameter pinned to what the filing used. */
function filedValues(s: Snapshot, profileOnly: boolean): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const p of s.rules.parameters) {
    if (!Object.prototype.hasOwnProperty.call(PARAMETER_INFO, p.name)) continue;
    o[p.name] = profileOnly && p.overridden ? (p.profileValue ?? null) : p.value;
  }
  return o;
}

function recompute(c: LevyCase, overrides: Record<string, unknown>, profiles?: readonly RegionProfile[]): LevyResult {
  const { overrideOrigins: _origins, ...rest } = c;
  return calculateLevy({ ...rest, overrides: overrides as LevyCase["overrides"] }, profiles ? { profiles } : {});
}

function failure(e: unknown): Bilingual {
  const m = e instanceof Error ? e.message : String(e);
  return { zh: `无法重新计算：${m}`, en: `Cannot recompute: ${m}` };
}

/** The snapshot against itself: its digest, and its figures recomputed from its inputs with its own rule values. */
export function checkIntegrity(s: Snapshot): VerifyReport["integrity"] {
  const problems: Bilingual[] = [];
  if (snapshotDigest(s) !== s.digest) {
    problems.push({
      zh: "快照内容与其校验值（digest）不符：快照在生成后被修改过，以下比较以修改后的内容为准。",
      en: "The snapshot does not match its own digest: it was changed after it was written; the comparisons below use its content as it now stands.",
    });
  }
  let columns: ColumnChange[] = [];
  try {
    columns = columnChanges(s.result, resultOf(recompute(s.inputs.case, filedValues(s, false))));
    if (columns.length > 0) {
      problems.push({ zh: "快照记录的结果不能由其自身的输入和参数重算得出。", en: "The snapshot's result does not recompute from its own inputs and rule values." });
    }
  } catch (e) {
    problems.push(failure(e));
  }
  return { ok: problems.length === 0, problems, columns };
}

/** (b) The filed inputs under today's rule book (or `profiles`, a rule book given by the caller). */
export function checkRules(s: Snapshot, profiles?: readonly RegionProfile[]): RulesCheck {
  const book = profiles ?? ALL_PROFILES;
  const version = { filed: s.rules.version, now: rulesVersion(book) };
  let now: LevyResult;
  try {
    // The filing's own overrides (the workbook's parameter block) still apply: they are the user's, not the rules'.
    const { overrideOrigins: _origins, ...c } = s.inputs.case;
    now = calculateLevy(c, { profiles: book });
  } catch (e) {
    return { same: false, rulesVersion: version, parameters: [], columns: [], payable: { filed: s.result.payable, now: null }, error: failure(e) };
  }
  const parameters: ParameterChange[] = [];
  for (const p of s.rules.parameters) {
    const name = p.name as ParameterName;
    const current = now.rules[name];
    if (!current) continue;
    const filedValue = p.overridden ? p.profileValue : p.value;
    const nowValue = current.overridden ? current.profileValue : current.value;
    if (text(filedValue) === text(nowValue)) continue;
    parameters.push({
      name,
      label: PARAMETER_INFO[name]?.label ?? { zh: name, en: name },
      filed: text(filedValue),
      now: text(nowValue),
      filedSource: p.source?.document ?? "",
      nowSource: current.overridden ? "" : current.source.document,
      used: p.used,
    });
  }
  const columns = columnChanges(s.result, resultOf(now));
  const same = columns.length === 0 && !parameters.some((p) => p.used);
  return { same, rulesVersion: version, parameters, columns, payable: { filed: s.result.payable, now: moneyString(now.payable) } };
}

const INPUT_FIELDS: ReadonlyArray<{ key: keyof LevyCase; label: Bilingual }> = [
  { key: "region", label: { zh: "地区", en: "Region" } },
  { key: "filingYear", label: { zh: "申报年度", en: "Filing year" } },
  { key: "filingDate", label: { zh: "申报日期", en: "Filing date" } },
  { key: "entityType", label: { zh: "单位类型", en: "Entity type" } },
  { key: "monthlyHeadcount", label: { zh: "月度人数", en: "Monthly headcount" } },
  { key: "headcount", label: { zh: "在职职工人数", en: "Headcount" } },
  { key: "wageTotal", label: { zh: "工资总额", en: "Wage total" } },
  { key: "certifiedDisabled", label: { zh: "残疾职工人数", en: "Certified disabled" } },
  { key: "socialAverageWage", label: { zh: "社会平均工资", en: "Social average wage" } },
  { key: "alreadyPaid", label: { zh: "已缴费额", en: "Already paid" } },
  { key: "registrationDate", label: { zh: "登记注册日期", en: "Registration date" } },
  { key: "budgetFunded", label: { zh: "财政拨款单位", en: "Budget-funded" } },
  { key: "approvedRelief", label: { zh: "批准减缴额", en: "Approved relief" } },
  { key: "overrides", label: { zh: "参数覆盖", en: "Parameter overrides" } },
];

function tableLabel(t: TableDigest): string {
  return `${t.sheet}${t.month ? ` (${t.month})` : ""}`;
}

/** (a) The workbook as it stands against the snapshot. `tables` are the digests of the workbook's tables now. */
export function checkWorkbook(s: Snapshot, file: string, audit: AuditResult, tables: readonly TableDigest[]): WorkbookCheck {
  const check: WorkbookCheck = { file, same: true, columns: [], inputs: [], tables: [], payable: { filed: s.result.payable, now: null } };
  // Tables, row by row.
  const before = new Map(s.inputs.tables.map((t) => [tableKey(t), t]));
  const after = new Map(tables.map((t) => [tableKey(t), t]));
  for (const [key, old] of before) {
    const now = after.get(key);
    if (!now) {
      check.tables.push({ sheet: old.sheet, kind: old.kind, ...(old.month ? { month: old.month } : {}), status: "removed", rows: [], rowsOmitted: 0, filedRows: old.dataRows, nowRows: 0 });
      continue;
    }
    if (old.sha256 === now.sha256) continue;
    if (canonicalJson(old.columns) !== canonicalJson(now.columns)) {
      check.tables.push({ sheet: old.sheet, kind: old.kind, ...(old.month ? { month: old.month } : {}), status: "columns-changed", rows: [], rowsOmitted: 0, filedRows: old.dataRows, nowRows: now.dataRows, columns: { filed: old.columns, now: now.columns } });
      continue;
    }
    const rows = rowChanges(old, now);
    check.tables.push({ sheet: old.sheet, kind: old.kind, ...(old.month ? { month: old.month } : {}), status: "changed", rows: rows.slice(0, ROWS_LISTED), rowsOmitted: Math.max(0, rows.length - ROWS_LISTED), filedRows: old.dataRows, nowRows: now.dataRows });
  }
  for (const [key, now] of after) {
    if (!before.has(key)) check.tables.push({ sheet: now.sheet, kind: now.kind, ...(now.month ? { month: now.month } : {}), status: "added", rows: [], rowsOmitted: 0, filedRows: 0, nowRows: now.dataRows });
  }
  // Aggregates handed to the core.
  const c = audit.case;
  if (c) {
    for (const f of INPUT_FIELDS) {
      if (f.key === "headcount" && c.monthlyHeadcount) continue;
      const a = text(s.inputs.case[f.key]);
      const b = text(c[f.key]);
      if (a !== b && !(typeof s.inputs.case[f.key] === "string" && typeof c[f.key] === "string" && numericallyEqual(a, b))) check.inputs.push({ name: f.key, label: f.label, filed: a, now: b });
    }
  }
  // Whose filing it is: a snapshot checked against another company's workbook is never "the same", even when its
  // figures happen to agree (the snapshot records the employer; a blank on either side where the other has one is a
  // change too).
  for (const [name, label, filed, now] of [
    ["employer.uscc", { zh: "统一社会信用代码", en: "Unified social credit code" }, s.employer?.uscc, audit.parameters?.uscc],
    ["employer.name", { zh: "单位名称", en: "Employer name" }, s.employer?.name, audit.parameters?.employerName],
  ] as const) {
    const a = (filed ?? "").trim();
    const b = (now ?? "").trim();
    if (a !== b) check.inputs.push({ name, label, filed: a || "—", now: b || "—" });
  }
  // The result with the filed rule values (the workbook's overrides as they are now on top).
  if (!c || audit.fatal) {
    check.error = audit.fatal ?? { zh: "工作簿没有给出计算结果。", en: "The workbook gives no result." };
  } else {
    try {
      const pinned = { ...filedValues(s, true), ...(c.overrides ?? {}) };
      const now = resultOf(recompute(c, pinned));
      check.columns = columnChanges(s.result, now);
      check.payable.now = now.payable;
      check.payable.workbook = audit.result ? moneyString(audit.result.payable) : null;
    } catch (e) {
      check.error = failure(e);
    }
  }
  check.same = !check.error && check.columns.length === 0 && check.inputs.length === 0 && check.tables.length === 0;
  return check;
}

export function verifyReport(s: Snapshot, workbook: WorkbookCheck | null, rules: RulesCheck, integrity: VerifyReport["integrity"]): VerifyReport {
  const differences = !integrity.ok || (workbook !== null && !workbook.same) || !rules.same;
  return {
    snapshot: { file: s.source?.file ?? "", createdAt: s.createdAt, filingYear: s.period.filingYear, region: s.region?.code ?? "", payable: s.result.payable, toolVersion: s.tool?.version ?? "" },
    integrity,
    workbook,
    rules,
    exitCode: differences ? 1 : 0,
  };
}

export { tableLabel };
