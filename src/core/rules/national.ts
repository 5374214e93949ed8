/**
 * The national timeline (rules file §1.9). Dates are FILING (declaration) dates, not data years (§1.7): a filing
 * in year Y concerns the data of year Y−1, and the policy windows are keyed to the declaration.
 */
import { SOURCES } from "./sources";
import type { Confidence, ParameterEntry, ParameterName, ParameterValues, RegionProfile, RuleSource } from "./types";

/** Build one dated entry; `to` is inclusive, undefined = open-ended. */
export function entry<N extends ParameterName>(
  parameter: N,
  value: ParameterValues[N],
  from: string,
  to: string | undefined,
  source: RuleSource,
  confidence: Confidence,
): ParameterEntry<N> {
  return to === undefined ? { parameter, value, from, source, confidence } : { parameter, value, from, to, source, confidence };
}

/** The first filing date the engine models: 72号 in force. Earlier filings used the regional-average regime. */
export const FIRST_SUPPORTED_FILING_DATE = "2015-10-01";

/** The last day of the preferential measures (2023 No.8). Stored as data; the resolver reports when it is passed. */
export const PREFERENTIAL_POLICY_END = "2027-12-31";

const S = SOURCES;
const expired = { ...S.policyEnd2027 };

export const NATIONAL: RegionProfile = {
  code: "CN",
  names: ["CN", "China", "全国", "中国", "national", "国家"],
  label: { zh: "全国", en: "China (national)" },
  entries: [
    entry("quotaRatio", "0.015", "2007-05-01", undefined, S.regulation488, "confirmed"),
    entry("wageCapAmount", null, "2015-10-01", undefined, { ...S.caishui2015_72, note: "No fixed amount nationally: the cap is capMultiple × the local social average." }, "confirmed"),
    entry("budgetFundedWageBase", "own-average", "2015-10-01", undefined, { ...S.caishui2015_72, note: "第八条: every unit pays on its own average wage; budget funding changes nothing nationally." }, "confirmed"),

    entry("capMultiple", null, "2015-10-01", "2017-03-31", S.caishui2015_72, "confirmed"),
    entry("capMultiple", "3", "2017-04-01", "2018-03-31", S.caishui2017_18, "memory"),
    entry("capMultiple", "2", "2018-04-01", undefined, S.caishui2018_39, "confirmed"),

    entry("smallEnterpriseThreshold", "20", "2015-10-01", "2017-03-31", S.caishui2015_72_art16, "secondary"),
    entry("smallEnterpriseYearsSinceRegistration", 3, "2015-10-01", "2017-03-31", S.caishui2015_72_art16, "secondary"),
    entry("smallEnterpriseThreshold", "30", "2017-04-01", "2019-12-31", S.caishui2017_18, "memory"),
    entry("smallEnterpriseYearsSinceRegistration", null, "2017-04-01", undefined, S.caishui2017_18, "memory"),
    entry("smallEnterpriseThreshold", "30", "2020-01-01", "2022-12-31", S.mof2019_98, "confirmed"),
    entry("smallEnterpriseThreshold", "30", "2023-01-01", PREFERENTIAL_POLICY_END, S.mof2023_8, "confirmed"),
    // After 2027-12-31 nothing is assumed: no tiers, flagged POLICY_EXPIRED (see resolve.ts). For the ≤30 exemption
    // 18号 had no end date; the reading applied (source note S.smallEnterpriseAfter2027, result note
    // SMALL_ENTERPRISE_READING) is that 98号 and 2023 No.8 re-granted it with end dates, so it ends on 2027-12-31.
    entry("smallEnterpriseThreshold", null, "2028-01-01", undefined, S.smallEnterpriseAfter2027, "inference"),

    entry("tiersEnabled", false, "2015-10-01", "2019-12-31", S.caishui2015_72, "confirmed"),
    entry("tiersEnabled", true, "2020-01-01", "2022-12-31", S.mof2019_98, "confirmed"),
    entry("tiersEnabled", true, "2023-01-01", PREFERENTIAL_POLICY_END, S.mof2023_8, "confirmed"),
    entry("tiersEnabled", false, "2028-01-01", undefined, expired, "inference"),
    entry("tierThreshold", "0.01", "2020-01-01", undefined, S.mof2019_98, "confirmed"),
    entry("tierUpperPays", "0.5", "2020-01-01", undefined, S.mof2019_98, "confirmed"),
    entry("tierLowerPays", "0.9", "2020-01-01", undefined, S.mof2019_98, "confirmed"),
    // Before 2020 the tier parameters are irrelevant (tiersEnabled false) but must resolve to something readable.
    entry("tierThreshold", "0.01", "2015-10-01", "2019-12-31", { ...S.caishui2015_72, kind: "convention", note: "No tiers before 2020 (tiersEnabled false): a placeholder equal to 98号's later line, shown for reference only." }, "confirmed"),
    entry("tierUpperPays", "1", "2015-10-01", "2019-12-31", S.caishui2015_72, "confirmed"),
    entry("tierLowerPays", "1", "2015-10-01", "2019-12-31", S.caishui2015_72, "confirmed"),

    entry("localCollectionRate", "1", "2015-10-01", undefined, { ...S.caishui2015_72, note: "The national formula (第八条) has no local collection rate." }, "confirmed"),
    entry("wageBaseType", "wage-total", "2015-10-01", undefined, S.caishui2015_72, "confirmed"),
    entry("headcountMethod", "start-end-average", "2015-10-01", undefined, S.headcountMethodGuide, "inference"),
    entry("partYearMethod", "divide-by-12", "2015-10-01", undefined, S.partYearForum, "secondary"),
    entry("lateFeeRatePerDay", "0.005", "2007-05-01", undefined, S.regulation488art27, "confirmed"),
    entry("lateFeeCappedAtPrincipal", true, "2012-01-01", undefined, S.administrativeCoercion45, "confirmed"),
    entry("blindCountsDouble", false, "2015-10-01", undefined, S.caishui2015_72_art7, "confirmed"),
    entry("roundHeadcount", false, "2015-10-01", undefined, S.roundingConvention, "inference"),
    entry("filingFrequency", "annual", "2015-10-01", undefined, S.nationalDefaultAnnual, "inference"),
    entry("declarationWindow", null, "2015-10-01", undefined, S.setByProvince, "confirmed"),
    entry("paymentDeadline", null, "2015-10-01", undefined, S.setByProvince, "confirmed"),
    entry("certificationWindow", "3/1–10/31", "2026-01-01", undefined, S.certification2026, "secondary"),
    entry("certificationWindow", null, "2015-10-01", "2025-12-31", S.setByProvince, "confirmed"),
    entry("minimumWageMonthly", null, "2015-10-01", undefined, S.minimumWageByLocality, "confirmed"),
  ],
};
