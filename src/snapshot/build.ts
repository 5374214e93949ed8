/**
 * Build the filed snapshot from one audit (pure: the caller gives the sheets, the audit, the time and the tool version).
 */
import { moneyString, plainString } from "../core/decimal";
import type { LevyResult } from "../core/levy/types";
import { ALL_PROFILES, profileChain } from "../core/rules/resolve";
import type { RegionProfile } from "../core/rules/types";
import type { AuditResult } from "../validation/analyse-contract";
import type { SheetData } from "../workbook/types";
import { canonicalJson } from "./canonical";
import { tableDigests } from "./digest";
import { sha256Hex } from "./sha256";
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, SnapshotError } from "./types";
import type { Snapshot, SnapshotEntity, SnapshotParameter, SnapshotResult } from "./types";

export const TOOL_NAME = "levy-assistant";

/** The version of a rule book: SHA-256 (first 16 hex digits) of its profiles as canonical JSON. */
export function rulesVersion(profiles: readonly RegionProfile[] = ALL_PROFILES): string {
  return sha256Hex(canonicalJson(profiles)).slice(0, 16);
}

export function resultOf(r: LevyResult): SnapshotResult {
  return {
    wageTotal: plainString(r.wageTotal),
    headcount: plainString(r.headcount),
    quotaRatio: plainString(r.quotaRatio),
    certifiedDisabled: plainString(r.certifiedDisabled),
    averageWage: plainString(r.averageWage),
    socialAverageWage: r.socialAverageWage === null ? null : plainString(r.socialAverageWage),
    wageCap: r.wageCap === null ? null : plainString(r.wageCap),
    wageBase: plainString(r.wageBase),
    localCollectionRate: plainString(r.localCollectionRate),
    required: plainString(r.required),
    shortfall: plainString(r.shortfall),
    grossDue: moneyString(r.grossDue),
    reductionKind: r.reductionKind,
    reduction: moneyString(r.reduction),
    alreadyPaid: moneyString(r.alreadyPaid),
    payable: moneyString(r.payable),
  };
}

/** Parameters of a result: every value in force, where it came from, and whether the calculation used it. */
export function parametersOf(r: LevyResult): SnapshotParameter[] {
  const used = new Set<string>();
  for (const step of r.trail) if (step.rule) used.add(step.rule.name);
  return Object.values(r.rules).map((p) => ({
    name: p.name,
    value: p.value,
    ...(p.overridden ? { profileValue: p.profileValue ?? null } : {}),
    source: p.source,
    confidence: p.confidence,
    regionCode: p.regionCode,
    overridden: p.overridden,
    used: used.has(p.name),
  }));
}

/** The digest a snapshot carries: SHA-256 of its canonical JSON without the digest itself. */
export function snapshotDigest(s: Omit<Snapshot, "digest"> & { digest?: string }): string {
  const { digest: _digest, ...rest } = s;
  return sha256Hex(canonicalJson(rest));
}

export interface BuildOptions {
  file: string;
  options?: Snapshot["source"]["options"];
  createdAt: string;
  toolVersion: string;
  /** One entity of a group workbook: which (added to the snapshot; absent for an ordinary workbook). */
  entity?: SnapshotEntity;
}

export function buildSnapshot(sheets: readonly SheetData[], audit: AuditResult, o: BuildOptions): Snapshot {
  const r = audit.result;
  if (!r || !audit.case) {
    throw new SnapshotError({ zh: "此工作簿没有计算结果，无法生成快照。", en: "The workbook gave no result, so there is nothing to snapshot." });
  }
  const chain = profileChain(ALL_PROFILES.find((p) => p.code === r.region.code) ?? ALL_PROFILES[0]).map((p) => p.code);
  const hc = audit.headcount ?? null;
  const body: Omit<Snapshot, "digest"> = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    createdAt: o.createdAt,
    tool: { name: TOOL_NAME, version: o.toolVersion },
    source: { file: o.file, options: o.options ?? {} },
    employer: { name: audit.parameters?.employerName ?? null, uscc: audit.parameters?.uscc ?? null },
    period: { filingYear: r.filingYear, dataYear: r.dataYear, filingDate: r.filingDate },
    region: { input: r.region.resolvedFrom, code: r.region.code, label: r.region.label },
    rules: { version: rulesVersion(), profile: r.region.code, chain, parameters: parametersOf(r) },
    inputs: {
      case: JSON.parse(JSON.stringify(audit.case)),
      headcount: hc ? { method: hc.method, months: hc.months.map((m) => ({ month: m.month, figure: m.figure })), annual: hc.annual, excluded: JSON.parse(JSON.stringify(hc.excluded)) } : null,
      wageTotal: plainString(r.wageTotal),
      ...(audit.wages ? { wageParts: { ...audit.wages.byCategory } } : {}),
      wageSource: audit.wages?.source ?? "none",
      certifiedDisabled: plainString(r.certifiedDisabled),
      rows: { ...audit.rows },
      tables: tableDigests(sheets, audit.tables ?? []),
    },
    result: resultOf(r),
    ...(o.entity ? { entity: { ...o.entity, sheets: [...o.entity.sheets] } } : {}),
  };
  return { ...body, digest: snapshotDigest(body) };
}
