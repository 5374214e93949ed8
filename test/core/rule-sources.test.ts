/**
 * Issue 9 §6: every rule entry carries the date of the document it cites, and no entry starts before that document
 * (unless the document itself sets an earlier start, or is a later report of a rule already in force and says so).
 * The expectations below are copied by hand from levy-rules.md and the sources named in src/core/rules.
 */
import { describe, expect, it } from "vitest";
import { ALL_PROFILES, findRegion, resolveRegion, resolveRules } from "../../src/core/rules/resolve";

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

describe("rule sources carry their document date", () => {
  it("every entry's source has a date of the form YYYY, YYYY-MM or YYYY-MM-DD", () => {
    for (const p of ALL_PROFILES) {
      for (const e of p.entries) {
        expect(e.source.date, `${p.code} ${e.parameter} ${e.from}: ${e.source.document}`).toMatch(DATE);
        if (e.source.retroactiveFrom !== undefined) expect(e.source.retroactiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });

  it("no entry starts before the document it cites (compared at the precision the date is known)", () => {
    const offenders: string[] = [];
    for (const p of ALL_PROFILES) {
      for (const e of p.entries) {
        const s = e.source;
        if (s.kind === "convention") continue; // an engine convention, not a collector's rule
        if (s.kind === "report") {
          // A later report of a rule already in force: allowed, but it must say so.
          expect(s.note, `${p.code} ${e.parameter}: a report must explain itself`).toBeTruthy();
          continue;
        }
        const date = s.date as string;
        const ok = s.retroactiveFrom !== undefined ? e.from >= s.retroactiveFrom : e.from.slice(0, date.length) >= date;
        if (!ok) offenders.push(`${p.code} ${e.parameter} from ${e.from} cites ${s.document} (${date})`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("a retroactive start is one the document states: 2023 No.8 is dated 2023-03-26 and applies from 2023-01-01", () => {
    const r = resolveRules(resolveRegion("CN"), "2023-02-01").rules;
    expect(r.tiersEnabled.value).toBe(true);
    expect(r.tiersEnabled.source.date).toBe("2023-03-26");
    expect(r.tiersEnabled.source.retroactiveFrom).toBe("2023-01-01");
  });
});

describe("entries aligned with the rules file (issue 9 §6)", () => {
  const at = (region: string, date: string) => resolveRules(resolveRegion(region), date).rules;

  it("Tianjin: 津财规〔2021〕15号 from 2021-10-01; before that the national floor", () => {
    expect(at("天津", "2020-07-01").quotaRatio.regionCode).toBe("CN");
    expect(at("天津", "2020-07-01").quotaRatio.value).toBe("0.015");
    expect(at("天津", "2022-07-01").quotaRatio.regionCode).toBe("CN-TJ");
    expect(at("天津", "2022-07-01").quotaRatio.source.document).toContain("津财规〔2021〕15号");
  });

  it("Tianjin: the 2025 notice's window and deadline hold for 2025 only", () => {
    expect(at("天津", "2025-07-01").declarationWindow.value).toBe("9/25–10/31");
    expect(at("天津", "2025-07-01").paymentDeadline.value).toBe("10-31");
    expect(at("天津", "2026-07-01").paymentDeadline.value).toBe(null);
  });

  it("Jiangsu: 苏财综〔2017〕2号 from 2017; national floor before", () => {
    expect(at("江苏", "2016-07-01").quotaRatio.regionCode).toBe("CN");
    expect(at("江苏", "2017-07-01").quotaRatio.regionCode).toBe("CN-JS");
  });

  it("Jiangsu's payment deadline is no longer open-ended: 9/30 in 2017, 6/30 2018–2025, none recorded from 2026", () => {
    expect(at("江苏", "2017-07-01").paymentDeadline.value).toBe("09-30");
    expect(at("江苏", "2020-07-01").paymentDeadline.value).toBe("06-30");
    expect(at("江苏", "2025-07-01").paymentDeadline.value).toBe("06-30");
    expect(at("江苏", "2026-07-01").paymentDeadline.value).toBe(null);
  });

  it("Shandong: 鲁财税〔2026〕8号 from 2026-06-01; national floor before", () => {
    expect(at("山东", "2025-07-01").quotaRatio.regionCode).toBe("CN");
    expect(at("山东", "2025-07-01").declarationWindow.value).toBe(null);
    expect(at("山东", "2026-07-01").quotaRatio.regionCode).toBe("CN-SD");
    expect(at("山东", "2026-07-01").paymentDeadline.value).toBe("11-30");
  });

  it("Hebei: 冀财税〔2016〕40号 from 2016; the 2026 deadline for 2026 only", () => {
    expect(at("河北", "2015-12-01").quotaRatio.regionCode).toBe("CN");
    expect(at("河北", "2016-07-01").quotaRatio.regionCode).toBe("CN-HE");
    expect(at("河北", "2026-07-01").paymentDeadline.value).toBe("11-30");
    expect(at("河北", "2027-07-01").paymentDeadline.value).toBe(null);
  });

  it("the late fee cites the 2007 条例 第二十七条, not the 2015 办法, for its 2007 start", () => {
    const r = at("CN", "2016-07-01");
    expect(r.lateFeeRatePerDay.value).toBe("0.005");
    expect(r.lateFeeRatePerDay.source.document).toContain("第二十七条");
    expect(r.lateFeeRatePerDay.source.date).toBe("2007-02-14");
  });

  it("Yancheng's 60% is the urban districts' rate: the counties do not inherit it", () => {
    expect(at("盐城市", "2025-07-01").localCollectionRate.value).toBe("0.6");
    expect(findRegion("东台市")?.code).toBe("CN-JS-320981");
    expect(findRegion("盐城市东台市")?.code).toBe("CN-JS-320981");
    expect(findRegion("建湖县")?.code).toBe("CN-JS-320925");
    const dongtai = at("东台市", "2025-07-01");
    expect(dongtai.localCollectionRate.value).toBe("1");
    expect(dongtai.localCollectionRate.regionCode).toBe("CN-JS-320981");
    expect(dongtai.partYearMethod.value).toBe("jiangsu-proration");
    expect(resolveRegion("东台市").caveats?.[0].zh).toContain("征收比例未收录");
    // Short forms are not names: "广东台山市" is not Dongtai (it is in Guangdong).
    expect(findRegion("广东台山市")?.code).toBe("CN-GD");
    // 天津市滨海新区 is Tianjin, not Yancheng's 滨海县.
    expect(findRegion("天津市滨海新区")?.code).toBe("CN-TJ");
  });

  it("Zhejiang: 浙财社〔2017〕26号 from its in-force date 2017-05-02", () => {
    expect(at("浙江", "2017-05-01").quotaRatio.regionCode).toBe("CN");
    expect(at("浙江", "2017-05-02").quotaRatio.regionCode).toBe("CN-ZJ");
  });

  it("Heilongjiang windows: 4–5月 certification and 6–11月 payment (黑财综〔2016〕48号), 2026 certification 3/1–10/31", () => {
    const hl2025 = at("黑龙江", "2025-07-01");
    expect(hl2025.certificationWindow.value).toBe("4月–5月");
    expect(hl2025.declarationWindow.value).toBe("6月–11月（当月15日前）");
    expect(hl2025.paymentDeadline.value).toBe("11-15");
    expect(hl2025.paymentDeadline.confidence).toBe("inference");
    expect(at("黑龙江", "2026-07-01").certificationWindow.value).toBe("3/1–10/31");
  });

  it("Jiangxi: 3–4月 certification (赣财非税〔2019〕3号); the payment window is a visible caveat", () => {
    expect(at("江西", "2025-07-01").certificationWindow.value).toBe("3月–4月");
    expect(at("江西", "2025-07-01").paymentDeadline.value).toBe(null);
    expect(resolveRegion("江西").caveats?.map((c) => c.en).join(" ")).toContain("payment window was not found");
  });
});

describe("Guangdong cities", () => {
  it.each([
    ["广州", "CN-GD-440100"],
    ["广州市", "CN-GD-440100"],
    ["广东省广州市天河区", "CN-GD-440100"],
    ["440100", "CN-GD-440100"],
    ["东莞市", "CN-GD-441900"],
    ["深圳", "CN-GD-440300"],
    ["Foshan", "CN-GD-440600"],
    ["广东", "CN-GD"],
  ])("%s → %s", (name, code) => {
    expect(findRegion(name)?.code).toBe(code);
  });

  it("Guangzhou and Dongguan carry their 2025 计征工资上限; other years and cities none", () => {
    expect(resolveRules(resolveRegion("广州"), "2025-07-01").rules.wageCapAmount.value).toBe("36292");
    expect(resolveRules(resolveRegion("东莞"), "2025-07-01").rules.wageCapAmount.value).toBe("36993");
    expect(resolveRules(resolveRegion("广州"), "2026-07-01").rules.wageCapAmount.value).toBe(null);
    expect(resolveRules(resolveRegion("佛山"), "2025-07-01").rules.wageCapAmount.value).toBe(null);
    expect(resolveRules(resolveRegion("广州"), "2025-07-01").rules.wageCapAmount.confidence).toBe("inference");
  });

  it("Shenzhen's own rules are a visible caveat", () => {
    expect(resolveRegion("深圳").caveats?.map((c) => c.zh).join(" ")).toContain("深圳经济特区另有本市残保金办法");
  });
});
