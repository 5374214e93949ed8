/**
 * Resolve a region name to its profile chain and a filing date to the parameter values in force.
 * Lookup order: city -> province -> national; the most specific entry whose date range contains the filing date wins.
 */
import { LevyInputError } from "../levy/types";
import { FIRST_SUPPORTED_FILING_DATE, NATIONAL, PREFERENTIAL_POLICY_END } from "./national";
import { PARAMETER_INFO, PARAMETER_NAMES, coerceParameterValue } from "./parameters";
import { PROVINCES } from "./provinces";
import type { ParameterEntry, ParameterName, ParameterValues, RegionProfile, ResolvedParameter, ResolvedRules } from "./types";

export const ALL_PROFILES: readonly RegionProfile[] = [NATIONAL, ...PROVINCES];

const byCode = new Map<string, RegionProfile>(ALL_PROFILES.map((p) => [p.code, p]));

/** Normalised lookup key: case-folded, spaces, full-width spaces and hyphens/underscores unified. */
function key(name: string): string {
  return name.normalize("NFKC").trim().toLowerCase().replace(/[\s_]+/g, "-");
}

const byName = new Map<string, RegionProfile>();
for (const profile of ALL_PROFILES) {
  for (const name of profile.names) {
    const k = key(name);
    // First registration wins: a province's own names are listed before any city that might share one.
    if (!byName.has(k)) byName.set(k, profile);
  }
}

export function findRegion(nameOrCode: string | null | undefined): RegionProfile | undefined {
  if (nameOrCode === null || nameOrCode === undefined) return NATIONAL;
  const text = String(nameOrCode);
  if (text.trim() === "") return NATIONAL;
  const exact = byCode.get(text.trim().toUpperCase());
  if (exact) return exact;
  const named = byName.get(key(text));
  if (named) return named;
  // "江苏省南京市" or "南京市江宁区": try the longest known name contained in the text, preferring cities.
  let best: RegionProfile | undefined;
  let bestLength = 0;
  for (const [k, profile] of byName) {
    if (k.length >= 2 && key(text).includes(k) && (k.length > bestLength || (k.length === bestLength && profile.parent && profile.parent !== "CN"))) {
      best = profile;
      bestLength = k.length;
    }
  }
  return best;
}

export function resolveRegion(nameOrCode: string | null | undefined): RegionProfile {
  const found = findRegion(nameOrCode);
  if (!found) {
    throw new LevyInputError("region", {
      zh: `无法识别的地区“${String(nameOrCode)}”：请使用如 CN-JS、江苏、南京市 的写法。`,
      en: `Unknown region "${String(nameOrCode)}": use a code or name such as CN-JS, 江苏 or 南京市.`,
    });
  }
  return found;
}

/** The chain from the most specific profile up to national. */
export function profileChain(profile: RegionProfile): RegionProfile[] {
  const chain: RegionProfile[] = [];
  let current: RegionProfile | undefined = profile;
  while (current && chain.length < 5) {
    chain.push(current);
    current = current.parent ? byCode.get(current.parent) : undefined;
  }
  return chain;
}

function inForce(e: ParameterEntry, date: string): boolean {
  return e.from <= date && (e.to === undefined || date <= e.to);
}

export interface RulesResolution {
  rules: ResolvedRules;
  overridden: ParameterName[];
  policyExpired: boolean;
  profile: RegionProfile;
}

/**
 * All parameters in force for `profile` on `filingDate`, then the caller's overrides on top.
 * Throws LevyInputError for filing dates before 72号 and for override values of the wrong shape.
 */
export function resolveRules(
  profile: RegionProfile,
  filingDate: string,
  overrides: Partial<Record<ParameterName, unknown>> = {},
  overrideOrigins: Partial<Record<ParameterName, string>> = {},
  chainOverride?: readonly RegionProfile[],
): RulesResolution {
  if (filingDate < FIRST_SUPPORTED_FILING_DATE) {
    throw new LevyInputError("filingDate", {
      zh: `申报日期 ${filingDate} 早于财税〔2015〕72号施行（2015-10-01）；本工具不计算此前按地区平均工资征收的旧办法。`,
      en: `Filing date ${filingDate} is before 财税〔2015〕72号 took effect (2015-10-01); the earlier regional-average regime is not modelled.`,
    });
  }
  const chain = chainOverride ?? profileChain(profile);
  const partial: Partial<Record<ParameterName, ResolvedParameter>> = {};
  for (const name of PARAMETER_NAMES) {
    for (const p of chain) {
      const hit = p.entries.find((e) => e.parameter === name && inForce(e, filingDate));
      if (hit) {
        partial[name] = { name, value: hit.value, source: hit.source, confidence: hit.confidence, regionCode: p.code, from: hit.from, to: hit.to, overridden: false };
        break;
      }
    }
    if (!partial[name]) {
      // Every parameter has an open-ended national entry from 2015-10-01, so this is a data defect, not user error.
      throw new Error(`rule profile defect: no value for ${name} on ${filingDate}`);
    }
  }
  const overridden: ParameterName[] = [];
  for (const [rawName, rawValue] of Object.entries(overrides)) {
    if (!Object.prototype.hasOwnProperty.call(PARAMETER_INFO, rawName)) {
      throw new LevyInputError(`overrides.${rawName}`, { zh: `未知的参数名“${rawName}”。`, en: `Unknown parameter "${rawName}".` });
    }
    const name = rawName as ParameterName;
    if (rawValue === undefined) continue;
    const value = coerceParameterValue(name, rawValue);
    const base = partial[name] as ResolvedParameter;
    const origin = overrideOrigins[name];
    partial[name] = {
      name,
      value,
      source: { document: origin ? `用户覆盖 / user override (${origin})` : "用户覆盖 / user override" },
      confidence: "confirmed",
      regionCode: "override",
      overridden: true,
      profileValue: base.value,
    };
    overridden.push(name);
  }
  const rules = partial as ResolvedRules;
  const policyExpired = filingDate > PREFERENTIAL_POLICY_END;
  return { rules, overridden, policyExpired, profile };
}

/** Value accessor with the right static type. */
export function valueOf<N extends ParameterName>(rules: ResolvedRules, name: N): ParameterValues[N] {
  return rules[name].value as ParameterValues[N];
}

/**
 * The same region in another set of profiles (a rule book other than the built-in one, e.g. a test's changed profile
 * for `levy verify`): the profile with `code` and its chain up to national, or undefined when the set lacks it.
 */
export function profileIn(profiles: readonly RegionProfile[], code: string): { profile: RegionProfile; chain: RegionProfile[] } | undefined {
  const map = new Map(profiles.map((p) => [p.code, p]));
  const profile = map.get(code);
  if (!profile) return undefined;
  const chain: RegionProfile[] = [];
  let current: RegionProfile | undefined = profile;
  while (current && chain.length < 5) {
    chain.push(current);
    current = current.parent ? map.get(current.parent) : undefined;
  }
  return { profile, chain };
}
