/**
 * The `levy calc --json` contract (issue 2 §4): money and ratio fields are decimal strings.
 * Field names are a contract read by other tools: add fields, never rename them.
 */
import { moneyString, plainString } from "../decimal";
import { parametersUsed } from "./calculate";
import type { LevyNote, LevyResult, ReductionKind, TrailStep } from "./types";

export interface LevyResultJson {
  filingYear: number;
  dataYear: number;
  headcount: string;
  wageTotal: string;
  quotaRatio: string;
  certifiedDisabled: string;
  averageWage: string;
  wageCap: string | null;
  wageBase: string;
  required: string;
  shortfall: string;
  grossDue: string;
  reductionKind: ReductionKind;
  reduction: string;
  alreadyPaid: string;
  payable: string;
  trail: TrailStep[];
  notes: LevyNote[];
  // Added fields (not in the original contract list, safe for readers that ignore unknown keys):
  filingDate: string;
  region: { code: string; label: { zh: string; en: string }; resolvedFrom: string };
  entityType: string;
  socialAverageWage: string | null;
  capApplied: boolean;
  localCollectionRate: string;
  proration: string;
  disabledShare: string;
  payableShare: string;
  policyExpired: boolean;
  overridden: string[];
  parameters: Array<{ name: string; value: unknown; source: { document: string; url?: string; note?: string }; confidence: string; regionCode: string; overridden: boolean; used: boolean }>;
}

export function serializeLevyResult(r: LevyResult): LevyResultJson {
  const used = new Set(parametersUsed(r));
  return {
    filingYear: r.filingYear,
    dataYear: r.dataYear,
    headcount: plainString(r.headcount),
    wageTotal: plainString(r.wageTotal),
    quotaRatio: plainString(r.quotaRatio),
    certifiedDisabled: plainString(r.certifiedDisabled),
    averageWage: plainString(r.averageWage),
    wageCap: r.wageCap === null ? null : plainString(r.wageCap),
    wageBase: plainString(r.wageBase),
    required: plainString(r.required),
    shortfall: plainString(r.shortfall),
    grossDue: moneyString(r.grossDue),
    reductionKind: r.reductionKind,
    reduction: moneyString(r.reduction),
    alreadyPaid: moneyString(r.alreadyPaid),
    payable: moneyString(r.payable),
    trail: r.trail,
    notes: r.notes,
    filingDate: r.filingDate,
    region: r.region,
    entityType: r.entityType,
    socialAverageWage: r.socialAverageWage === null ? null : plainString(r.socialAverageWage),
    capApplied: r.capApplied,
    localCollectionRate: plainString(r.localCollectionRate),
    proration: plainString(r.proration),
    disabledShare: plainString(r.disabledShare),
    payableShare: plainString(r.payableShare),
    policyExpired: r.policyExpired,
    overridden: r.overridden,
    parameters: Object.values(r.rules).map((p) => ({
      name: p.name,
      value: p.value,
      source: p.source,
      confidence: p.confidence,
      regionCode: p.regionCode,
      overridden: p.overridden,
      used: used.has(p.name),
    })),
  };
}
