import { describe, expect, it } from "vitest";
import { addDays } from "../../src/core/dates";
import { calculateLevy } from "../../src/core/levy/calculate";
import { PARAMETER_NAMES, coerceParameterValue, normaliseDecimalText } from "../../src/core/rules/parameters";
import { ALL_PROFILES, findRegion, resolveRegion, resolveRules } from "../../src/core/rules/resolve";
import type { Confidence } from "../../src/core/rules/types";
import { parseSettings } from "../../src/core/settings";

const CONFIDENCES: Confidence[] = ["confirmed", "secondary", "seed", "memory", "inference"];

describe("rule profile data", () => {
  it("every entry names its document and carries a confidence tag from the rules file", () => {
    for (const p of ALL_PROFILES) {
      for (const e of p.entries) {
        expect(e.source.document.length, `${p.code} ${e.parameter}`).toBeGreaterThan(3);
        expect(CONFIDENCES).toContain(e.confidence);
        expect(e.to === undefined || e.from <= e.to).toBe(true);
      }
    }
  });

  it("no two entries of one parameter overlap within a profile", () => {
    for (const p of ALL_PROFILES) {
      for (const name of PARAMETER_NAMES) {
        const entries = p.entries.filter((e) => e.parameter === name).sort((a, b) => a.from.localeCompare(b.from));
        for (let i = 1; i < entries.length; i++) {
          const prev = entries[i - 1];
          expect(prev.to !== undefined && prev.to < entries[i].from, `${p.code} ${name} ${prev.from}..${prev.to} overlaps ${entries[i].from}`).toBe(true);
        }
      }
    }
  });

  it("every parameter resolves for every profile on every quarter from 2015-10-01 to 2031", () => {
    for (const p of ALL_PROFILES) {
      for (let d = "2015-10-01"; d < "2031-01-01"; d = addDays(d, 91)) {
        const { rules } = resolveRules(p, d);
        for (const name of PARAMETER_NAMES) expect(rules[name], `${p.code} ${name} ${d}`).toBeDefined();
      }
    }
  });

  it("national timeline: 2015 no cap, 2017-04 3×, 2018-04 2×, tiers 2020–2027", () => {
    const cn = resolveRegion("CN");
    expect(resolveRules(cn, "2016-07-01").rules.capMultiple.value).toBe(null);
    expect(resolveRules(cn, "2016-07-01").rules.smallEnterpriseThreshold.value).toBe("20");
    expect(resolveRules(cn, "2017-04-01").rules.capMultiple.value).toBe("3");
    expect(resolveRules(cn, "2017-04-01").rules.smallEnterpriseThreshold.value).toBe("30");
    expect(resolveRules(cn, "2018-03-31").rules.capMultiple.value).toBe("3");
    expect(resolveRules(cn, "2018-04-01").rules.capMultiple.value).toBe("2");
    expect(resolveRules(cn, "2019-12-31").rules.tiersEnabled.value).toBe(false);
    expect(resolveRules(cn, "2020-01-01").rules.tiersEnabled.value).toBe(true);
    expect(resolveRules(cn, "2027-12-31").rules.tiersEnabled.value).toBe(true);
    const after = resolveRules(cn, "2028-01-01");
    expect(after.rules.tiersEnabled.value).toBe(false);
    expect(after.rules.smallEnterpriseThreshold.value).toBe(null);
    expect(after.policyExpired).toBe(true);
  });

  it("provinces: Henan and Sichuan 1.6%, Shanghai 1.6% before 2020 then 1.5% on social-insurance bases, Beijing 1.7% → 1.5%", () => {
    expect(resolveRules(resolveRegion("CN-HA"), "2025-07-01").rules.quotaRatio.value).toBe("0.016");
    expect(resolveRules(resolveRegion("四川省"), "2025-07-01").rules.quotaRatio.value).toBe("0.016");
    const sh2019 = resolveRules(resolveRegion("上海"), "2019-07-01").rules;
    expect(sh2019.quotaRatio.value).toBe("0.016");
    const sh2025 = resolveRules(resolveRegion("上海"), "2025-07-01").rules;
    expect(sh2025.quotaRatio.value).toBe("0.015");
    expect(sh2025.wageBaseType.value).toBe("social-insurance-base");
    expect(sh2025.quotaRatio.confidence).toBe("secondary");
    expect(resolveRules(resolveRegion("北京"), "2019-07-01").rules.quotaRatio.value).toBe("0.017");
    expect(resolveRules(resolveRegion("北京"), "2025-07-01").rules.quotaRatio.value).toBe("0.015");
  });

  it("Jiangsu: per-city collection rate, the province's proration method, inherited by cities", () => {
    const yancheng = resolveRules(resolveRegion("盐城市"), "2025-07-01").rules;
    expect(yancheng.localCollectionRate.value).toBe("0.6");
    expect(yancheng.localCollectionRate.confidence).toBe("seed");
    expect(yancheng.partYearMethod.value).toBe("jiangsu-proration");
    expect(yancheng.partYearMethod.regionCode).toBe("CN-JS");
    expect(yancheng.quotaRatio.regionCode).toBe("CN-JS");
    expect(resolveRules(resolveRegion("苏州"), "2025-07-01").rules.localCollectionRate.value).toBe("1");
  });
});

describe("region names", () => {
  it.each([
    ["CN-JS", "CN-JS"],
    ["cn-js", "CN-JS"],
    ["江苏", "CN-JS"],
    ["江苏省", "CN-JS"],
    ["Jiangsu", "CN-JS"],
    ["南京市", "CN-JS-320100"],
    ["南京", "CN-JS-320100"],
    ["江苏省南京市", "CN-JS-320100"],
    ["南京市江宁区", "CN-JS-320100"],
    ["河南", "CN-HA"],
    ["河北省", "CN-HE"],
    ["新疆维吾尔自治区", "CN-XJ"],
    ["上海市", "CN-SH"],
    ["", "CN"],
    ["全国", "CN"],
  ])("%s → %s", (name, code) => {
    expect(findRegion(name)?.code).toBe(code);
  });

  it("an unknown region is a LevyInputError naming the field", () => {
    expect(() => resolveRegion("火星")).toThrow(/region/);
  });
});

describe("overrides", () => {
  it("are applied, reported with the profile value, and attributed to their origin", () => {
    const r = calculateLevy({ filingYear: 2025, region: "CN-JS", headcount: "100", wageTotal: "10000000", overrides: { localCollectionRate: "60%" }, overrideOrigins: { localCollectionRate: "参数!B9" } });
    expect(r.overridden).toEqual(["localCollectionRate"]);
    expect(r.rules.localCollectionRate.value).toBe("0.60");
    expect(r.rules.localCollectionRate.profileValue).toBe("1");
    expect(r.rules.localCollectionRate.source.document).toContain("参数!B9");
    expect(r.grossDue.toFixed(2)).toBe("90000.00");
  });
  it("unknown names and bad values are refused with the parameter named", () => {
    expect(() => calculateLevy({ filingYear: 2025, headcount: "1", wageTotal: "1", overrides: { quota: "1" } as never })).toThrow(/quota/);
    expect(() => calculateLevy({ filingYear: 2025, headcount: "1", wageTotal: "1", overrides: { quotaRatio: "-1" } })).toThrow(/quotaRatio/);
    expect(() => coerceParameterValue("headcountMethod", "weekly")).toThrow(/headcountMethod/);
  });
  it("percent and per-mille text become exact decimals", () => {
    expect(normaliseDecimalText("1.6%")).toBe("0.016");
    expect(normaliseDecimalText("5‰")).toBe("0.005");
    expect(normaliseDecimalText("0.05%")).toBe("0.0005");
    expect(normaliseDecimalText("60%")).toBe("0.60");
    expect(normaliseDecimalText("abc")).toBe(undefined);
  });
});

describe("settings blocks", () => {
  it("read Chinese and English names, dates as serials, numbers as text", () => {
    const s = parseSettings([
      ["地区", "南京市"],
      ["申报年度", "2025年"],
      ["单位类型", "事业单位"],
      ["社会平均工资", "１２３,４５６元"],
      ["registrationDate", 45306],
      ["征收比例", "45%"],
      ["列:用工类别", "employmentType"],
      [null, null],
      ["已缴", ""],
    ]);
    expect(s.case).toEqual({ region: "南京市", filingYear: 2025, entityType: "public-institution", socialAverageWage: "123456", registrationDate: "2024-01-15" });
    expect(s.overrides).toEqual({ localCollectionRate: "45%" });
    expect(s.rows.localCollectionRate).toBe(5);
    expect(s.unknown).toEqual([{ row: 6, name: "列:用工类别", value: "employmentType" }]);
    expect(s.errors).toEqual([]);
  });
  it("report unreadable values with their row instead of dropping them", () => {
    const s = parseSettings([
      ["申报年度", "明年"],
      ["社会平均工资", "#N/A"],
      ["单位类型", "合伙"],
    ]);
    expect(s.errors.map((e) => e.row)).toEqual([0, 1, 2]);
    expect(s.case).toEqual({});
  });
  it("tolerate non-arrays and odd rows without throwing", () => {
    expect(parseSettings(null).errors).toEqual([]);
    expect(parseSettings([[], [42, "x"], ["__proto__", "polluted"]]).errors.length).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBe(undefined);
  });
});

describe("the 2015 three-year window", () => {
  it("ends on the third anniversary of registration; 29 February rolls to 1 March", async () => {
    const { addYears } = await import("../../src/core/dates");
    expect(addYears("2013-07-01", 3)).toBe("2016-07-01");
    expect(addYears("2012-02-29", 3)).toBe("2015-03-01");
    expect(addYears("2012-02-29", 4)).toBe("2016-02-29");
    const exempt = (registrationDate: string) => calculateLevy({ filingDate: "2016-07-01", headcount: "15", wageTotal: "900000", registrationDate }).reductionKind;
    expect(exempt("2013-07-02")).toBe("small-enterprise"); // anniversary 2016-07-02 is after the filing date
    expect(exempt("2013-07-01")).toBe("none"); // the third anniversary is the filing date itself
  });
});
