/**
 * Provincial and city profiles (rules file §6). Only what differs from the national timeline is listed.
 * Every value carries the confidence the rules file gives it; `secondary`, `seed`, `memory` and `inference` values are
 * reported as PARAM_UNVERIFIED when they influence a result, and any of them can be overridden from the parameter block.
 *
 * Dates: an entry never starts before the document it cites (test/core/rules.test.ts). Where a provincial text is
 * dated later than 2015-10-01, filings before it fall back to the national floor (条例 第八条, 1.5%), which is what is
 * known for that period. Where only the year of a document is known (the year printed in its number), the entry starts
 * on 1 January of that year and says so.
 *
 * S-PROV (rules file): a public TypeScript policy dataset (`PROVINCIAL_PATCHES`) citing official provincial pages;
 * its document numbers, dates and URLs are copied here with the dataset as the secondary source.
 */
import { entry } from "./national";
import { SOURCES } from "./sources";
import type { Confidence, RegionProfile, RuleSource } from "./types";

const SPROV = "Secondary: a public policy dataset citing the official provincial page";
const YEAR_ONLY = "Only the year of the document is known (from its number); the entry starts on 1 January of that year.";

interface SourceOptions {
  url?: string;
  /** Our own reference (seed file, rules-file section, issue): kept for maintainers, never shown. */
  internalRef?: string;
  note?: string;
  retroactiveFrom?: string;
  kind?: RuleSource["kind"];
}

function src(document: string, date: string, options: SourceOptions = {}): RuleSource {
  const s: RuleSource = { document, date };
  if (options.url) s.url = options.url;
  if (options.internalRef) s.internalRef = options.internalRef;
  if (options.note) s.note = options.note;
  if (options.retroactiveFrom) s.retroactiveFrom = options.retroactiveFrom;
  if (options.kind) s.kind = options.kind;
  return s;
}

/** A province whose only known parameter is its ratio. */
function ratioOnly(code: string, zh: string, en: string, ratio: string, from: string, source: RuleSource, confidence: Confidence, extraNames: string[] = []): RegionProfile {
  return {
    code,
    names: [code, zh, ...provinceSuffixes(zh), en, ...extraNames],
    label: { zh, en },
    parent: "CN",
    entries: [entry("quotaRatio", ratio, from, undefined, source, confidence)],
  };
}

/** 江苏 -> 江苏省; 北京 -> 北京市; 新疆 -> 新疆维吾尔自治区 is given explicitly. */
function provinceSuffixes(zh: string): string[] {
  const municipalities = ["北京", "天津", "上海", "重庆"];
  return municipalities.includes(zh) ? [`${zh}市`] : [`${zh}省`];
}

// ---- Jiangsu ----------------------------------------------------------------------------------------------------

/** Jiangsu's 13 prefecture-level cities: the collection rate (征收比例) is set per city. */
const JIANGSU_CITIES: Array<[string, string, string]> = [
  ["320100", "南京", "Nanjing"],
  ["320200", "无锡", "Wuxi"],
  ["320300", "徐州", "Xuzhou"],
  ["320400", "常州", "Changzhou"],
  ["320500", "苏州", "Suzhou"],
  ["320600", "南通", "Nantong"],
  ["320700", "连云港", "Lianyungang"],
  ["320800", "淮安", "Huai'an"],
  ["320900", "盐城", "Yancheng"],
  ["321000", "扬州", "Yangzhou"],
  ["321100", "镇江", "Zhenjiang"],
  ["321200", "泰州", "Taizhou"],
  ["321300", "宿迁", "Suqian"],
];

const SEED002 = "../shared/seeds/002_4c9a05ebbd3a34ea.txt";

const jiangsuCityRates: Record<string, RegionProfile["entries"]> = {
  "320900": [
    entry(
      "localCollectionRate",
      "0.6",
      "2017-01-01",
      undefined,
      src("盐城市2017年残疾人就业保障金问答（问题4）：市区征收比例60%，依据《江苏省人民政府关于修改〈江苏省按比例安排残疾人就业办法〉的决定》", "2017", {
        internalRef: `${SEED002} (seed 002 问题4)`,
        note:
          "The 2017 Q&A sets 60% for 盐城市区 (亭湖、盐都、大丰). This profile is the city and its districts; the counties and county-level city " +
          "(响水、滨海、阜宁、射阳、建湖、东台) have their own profiles without this rate. A 2017 figure: re-verify for the current year.",
      }),
      "seed",
    ),
  ],
  "320100": [
    entry(
      "localCollectionRate",
      "0.45",
      "2024-01-01",
      undefined,
      src("南京市2024年残疾人就业保障金征收函 (Nanjing 2024 collection letter, not published)", "2024", {
        internalRef: "../shared/seeds/000_726634d9128a9f23.txt (seed 000)",
        note: "Unverified, informal source; the same letter uses outdated rules (blind = 2, city average wage, charges a 15-person company).",
      }),
      "seed",
    ),
  ],
};

const jiangsuCities: RegionProfile[] = JIANGSU_CITIES.map(([gb, zh, en]) => ({
  code: `CN-JS-${gb}`,
  names: [`CN-JS-${gb}`, gb, zh, `${zh}市`, en, `${en} City`, ...(gb === "320900" ? ["盐城市区", "盐城市市区"] : [])],
  label: { zh: `${zh}市`, en },
  parent: "CN-JS",
  entries: jiangsuCityRates[gb] ?? [],
  caveats:
    gb === "320900"
      ? [{ zh: "盐城：60%为市区征收比例（2017年）；所属县（市）另列，未收录征收比例。", en: "Yancheng: 60% is the urban districts' rate (2017); the counties are separate profiles with no recorded rate." }]
      : jiangsuCityRates[gb]
        ? undefined
        : [{ zh: `${zh}市的征收比例未收录，默认按100%计算；请在参数表中填写“征收比例”。`, en: `No collection rate is recorded for ${en}; 100% is used. Set 征收比例 in the parameter block.` }],
}));

/** Yancheng's counties and county-level city: seed 002's 60% is for 市区 only. Two-character short names are left out:
 * they occur inside other places' names (广东台山 contains 东台, 福建湖里 contains 建湖). */
const YANCHENG_COUNTIES: Array<[string, string[], string, string]> = [
  ["320921", ["响水县"], "响水县", "Xiangshui"],
  ["320922", ["滨海县"], "滨海县", "Binhai County"],
  ["320923", ["阜宁县"], "阜宁县", "Funing"],
  ["320924", ["射阳县"], "射阳县", "Sheyang"],
  ["320925", ["建湖县"], "建湖县", "Jianhu"],
  ["320981", ["东台市"], "东台市", "Dongtai"],
];

const yanchengCounties: RegionProfile[] = YANCHENG_COUNTIES.map(([gb, names, zh, en]) => ({
  code: `CN-JS-${gb}`,
  names: [`CN-JS-${gb}`, gb, ...names, `盐城市${zh}`, en],
  label: { zh: `盐城市${zh}`, en: `${en} (Yancheng)` },
  parent: "CN-JS-320900",
  entries: [
    entry(
      "localCollectionRate",
      "1",
      "2017-01-01",
      undefined,
      src("本县（市）征收比例未收录：盐城60%仅适用于市区 (no county rate recorded: Yancheng's 60% is for the urban districts only)", "2017", { internalRef: `${SEED002} (seed 002 问题4)`, note: "100% (the national formula) is used until the county's own rate is known." }),
      "inference",
    ),
  ],
  caveats: [{ zh: `${zh}的征收比例未收录（盐城60%仅适用于市区），默认按100%计算；请在参数表中填写“征收比例”。`, en: `No collection rate is recorded for ${en} (Yancheng's 60% is for the urban districts only); 100% is used. Set 征收比例 in the parameter block.` }],
}));

// ---- Guangdong --------------------------------------------------------------------------------------------------

/** Guangdong's 21 prefecture-level cities (GB/T 2260). */
const GUANGDONG_CITIES: Array<[string, string, string]> = [
  ["440100", "广州", "Guangzhou"],
  ["440200", "韶关", "Shaoguan"],
  ["440300", "深圳", "Shenzhen"],
  ["440400", "珠海", "Zhuhai"],
  ["440500", "汕头", "Shantou"],
  ["440600", "佛山", "Foshan"],
  ["440700", "江门", "Jiangmen"],
  ["440800", "湛江", "Zhanjiang"],
  ["440900", "茂名", "Maoming"],
  ["441200", "肇庆", "Zhaoqing"],
  ["441300", "惠州", "Huizhou"],
  ["441400", "梅州", "Meizhou"],
  ["441500", "汕尾", "Shanwei"],
  ["441600", "河源", "Heyuan"],
  ["441700", "阳江", "Yangjiang"],
  ["441800", "清远", "Qingyuan"],
  ["441900", "东莞", "Dongguan"],
  ["442000", "中山", "Zhongshan"],
  ["445100", "潮州", "Chaozhou"],
  ["445200", "揭阳", "Jieyang"],
  ["445300", "云浮", "Yunfu"],
];

const CAP_READING =
  "Read as an annual cap on col 8 (上年在职职工年平均工资) in place of 2 × the social average: that is how the filed form applied it " +
  "(with a realistic social average the national formula gives about twice the filed amount, which a cap read as monthly × 12 = 435,504 could not produce). " +
  "The figure itself looks monthly-derived (36,292 ≈ 3 × 12,097.33); the notice that publishes it and says what it is was not found. Check the 计征工资上限 printed on your e-tax form and override it if it differs. " +
  "Searched again in December 2026 (public web pages, documentation and code: 广州/东莞 残疾人就业保障金 计征工资上限, 36292, 36993, 深圳 残保金 办法): no notice, document number or Shenzhen text was found, so no document number is given and every result using the figure carries the warning CAP_SOURCE_NOT_FOUND.";

const guangdongCityEntries: Record<string, RegionProfile["entries"]> = {
  "440100": [
    entry(
      "wageCapAmount",
      "36292",
      "2025-01-01",
      "2025-12-31",
      src("广州: 2024年度 (2025年申报) 残疾人就业保障金缴费申报表, a real filed form: 计征工资上限 36,292", "2025", {
        note: `Seen on one real filed form (an independent check); the Guangzhou tax notice publishing it was not found. ${CAP_READING}`,
        internalRef: "issue 9 §6",
      }),
      "inference",
    ),
  ],
  "441900": [
    entry(
      "wageCapAmount",
      "36993",
      "2025-01-01",
      "2025-12-31",
      src("东莞: 2025年残疾人就业保障金征收通告, 计征工资上限 36,993", "2025", {
        internalRef: "as quoted in issue 9 §6",
        retroactiveFrom: "2025-01-01",
        note: `The notice text was not retrieved; the figure is as quoted by the independent check. Applied to the 2025 collection (2024 data). ${CAP_READING.replace("36,292 ≈ 3 × 12,097.33", "36,993 = 3 × 12,331")}`,
      }),
      "inference",
    ),
  ],
};

const guangdongCityCaveats: Record<string, Array<{ zh: string; en: string; severity?: "info" | "warning" }>> = {
  "440300": [
    {
      // A warning: the text was searched for (issue 9 §6; a public policy dataset only says "深圳经济特区另有本市办法")
      // and not found, and a different ratio or cap would change the money.
      zh: "深圳经济特区另有本市残保金办法，本工具未找到其条文：按广东省1.5%和国家公式计算，请以深圳市税务局当年通告核对比例与封顶。",
      en: "Shenzhen has its own special-zone rules, whose text was not found: Guangdong's 1.5% and the national formula are used. Check the ratio and the cap against the Shenzhen tax bureau's notice for the year.",
      severity: "warning",
    },
  ],
};

const GD_CAP_CAVEAT = (zh: string, en: string) => ({
  zh: `广东各市每年公布残保金“计征工资上限”；${zh}仅收录了已知年度（见参数来源），其他年度请在参数表填写“计征工资上限”或“社会平均工资”。`,
  en: `Guangdong cities publish a yearly 计征工资上限 (fixed wage cap); for ${en} only the years listed in the parameter sources are recorded. For other years set 计征工资上限 or the social average wage in the parameter block.`,
});

const guangdongCities: RegionProfile[] = GUANGDONG_CITIES.map(([gb, zh, en]) => ({
  code: `CN-GD-${gb}`,
  names: [`CN-GD-${gb}`, gb, zh, `${zh}市`, en, `${en} City`],
  label: { zh: `${zh}市`, en },
  parent: "CN-GD",
  entries: guangdongCityEntries[gb] ?? [],
  caveats: [...(guangdongCityCaveats[gb] ?? []), GD_CAP_CAVEAT(`${zh}市`, en)],
}));

// ---- Hunan ------------------------------------------------------------------------------------------------------

const HUNAN_273 = (what: string) =>
  src(`湖南省人民政府令第273号《湖南省按比例安排残疾人就业规定》: ${what}`, "2016", {
    url: "https://hunan.gov.cn/hnszf/szf/hnzb_18/xxgz/202012/14098168/files/ae6a7994e95b44eb83bdd0e1507c28e8.pdf",
    note: `${SPROV}. ${YEAR_ONLY}`,
  });

// ---- Profiles ---------------------------------------------------------------------------------------------------

export const PROVINCES: RegionProfile[] = [
  {
    code: "CN-BJ",
    names: ["CN-BJ", "北京", "北京市", "Beijing"],
    label: { zh: "北京市", en: "Beijing" },
    parent: "CN",
    entries: [
      entry(
        "quotaRatio",
        "0.017",
        "2015-10-01",
        "2019-12-31",
        src("Old Beijing rule (1.7%), as reported by CMS (2016)", "2016", {
          url: "https://cms.law/en/CHN/Publication/Disabled-Persons-Employment-Security-Fund-to-be-Paid-Nationwide-in-China",
          kind: "report",
          note: "A 2016 report of the Beijing rule then in force; the Beijing text itself and its date were not found.",
        }),
        "confirmed",
      ),
      entry("quotaRatio", "0.015", "2020-01-01", undefined, src("京财税〔2019〕1333号", "2019", { url: "https://invest.beijing.gov.cn/sy/zt/qyrx/202603/t20260316_4557787.html", note: `${SPROV}; the exact start date is not verified.` }), "secondary"),
      entry("certificationWindow", "3/1–10/31", "2022-01-01", undefined, src("京残发〔2022〕5号", "2022", { note: `${SPROV}. ${YEAR_ONLY}` }), "secondary"),
    ],
  },
  {
    code: "CN-TJ",
    names: ["CN-TJ", "天津", "天津市", "Tianjin"],
    label: { zh: "天津市", en: "Tianjin" },
    parent: "CN",
    entries: [
      entry(
        "quotaRatio",
        "0.015",
        "2021-10-01",
        undefined,
        src("津财规〔2021〕15号 天津市残疾人就业保障金征收使用管理实施办法", "2021", {
          url: "https://tianjin.chinatax.gov.cn/11255000000/0100/010003/20250924085032118.shtml",
          note: `${SPROV}: the Tianjin 办法 (津地税货劳〔2016〕8号 as revised by 津财综〔2020〕10号) is in force from 2021-10-01 for 5 years; the 2025 tax notice cites it as 津财规〔2021〕15号. Filings before 2021-10-01 use the national floor.`,
        }),
        "secondary",
      ),
      entry(
        "declarationWindow",
        "9/25–10/31",
        "2025-01-01",
        "2025-12-31",
        src("国家税务总局天津市税务局公告2025年第5号", "2025-09-24", {
          url: "https://tianjin.chinatax.gov.cn/11255000000/0100/010003/20250924085032118.shtml",
          retroactiveFrom: "2025-01-01",
          note: `${SPROV}. Sets the window of the 2025 collection (2024 data) only.`,
        }),
        "secondary",
      ),
      entry(
        "paymentDeadline",
        "10-31",
        "2025-01-01",
        "2025-12-31",
        src("国家税务总局天津市税务局公告2025年第5号", "2025-09-24", {
          url: "https://tianjin.chinatax.gov.cn/11255000000/0100/010003/20250924085032118.shtml",
          retroactiveFrom: "2025-01-01",
          note: `${SPROV}. The 2025 collection only; no deadline is recorded for other years.`,
        }),
        "secondary",
      ),
      entry(
        "certificationWindow",
        "3/1–10/31",
        "2026-02-25",
        "2026-12-31",
        src("天津市残联《关于开展2026年残疾人按比例就业情况联网认证工作的通告》", "2026-02-25", { url: "http://www.tjdpf.org.cn/system/2026/02/25/030095692.shtml", note: SPROV }),
        "secondary",
      ),
    ],
    caveats: [{ zh: "天津的封顶基数为“本市职工年平均工资”的2倍。", en: "Tianjin states the cap as 2 × the city's average staff wage." }],
  },
  {
    code: "CN-SH",
    names: ["CN-SH", "上海", "上海市", "Shanghai"],
    label: { zh: "上海市", en: "Shanghai" },
    parent: "CN",
    entries: [
      entry(
        "quotaRatio",
        "0.016",
        "2015-10-01",
        "2019-12-31",
        src("Old Shanghai rule (1.6%), as reported by CMS (2016)", "2016", {
          url: "https://cms.law/en/CHN/Publication/Disabled-Persons-Employment-Security-Fund-to-be-Paid-Nationwide-in-China",
          kind: "report",
          note: "A 2016 report of the Shanghai rule then in force; the Shanghai text itself and its date were not found.",
        }),
        "confirmed",
      ),
      entry(
        "quotaRatio",
        "0.015",
        "2020-01-01",
        "2030-12-31",
        src("沪财发〔2020〕9号", "2020", { url: "https://czj.sh.gov.cn/zys_8908/zcjd_8969/qt_8982/20260107/927cccf6356f4129828147dbff3746a4.html", note: `${SPROV}; valid to 2030-12-31 after the 2026-01-07 extension.` }),
        "secondary",
      ),
      entry(
        "wageBaseType",
        "social-insurance-base",
        "2020-01-01",
        "2030-12-31",
        src("沪财发〔2020〕9号: 上年度社会保险缴费基数之和", "2020", { url: "https://czj.sh.gov.cn/zys_8908/zcjd_8969/qt_8982/20260107/927cccf6356f4129828147dbff3746a4.html", note: SPROV }),
        "secondary",
      ),
      entry(
        "certificationWindow",
        "3/16–10/31",
        "2026-01-01",
        "2026-12-31",
        src("国家税务总局上海市税务局《2025年度残疾人就业保障金缴费指南》 with the 市残联 2026 notice", "2026", { url: "https://shanghai.chinatax.gov.cn/xwdt/ztzl/zcgll/cjrbzj/jfzy/202608/t481322.html", note: `${SPROV}. The 2026 window only.` }),
        "secondary",
      ),
    ],
    caveats: [
      {
        zh: "上海以单位上年度社会保险缴费基数之和代替工资总额：请在“工资总额”中填入缴费基数之和。",
        en: "Shanghai uses the sum of social-insurance contribution bases instead of the wage total: enter that sum as the wage total.",
      },
    ],
  },
  {
    code: "CN-JS",
    names: ["CN-JS", "江苏", "江苏省", "Jiangsu", "Su"],
    label: { zh: "江苏省", en: "Jiangsu" },
    parent: "CN",
    entries: [
      entry(
        "quotaRatio",
        "0.015",
        "2017-01-01",
        undefined,
        src("苏财综〔2017〕2号《江苏省残疾人就业保障金征收使用管理实施办法》第六条", "2017", { internalRef: `${SEED002} (seed 002)`, note: `${YEAR_ONLY} Filings before 2017 use the national floor.` }),
        "confirmed",
      ),
      entry(
        "localCollectionRate",
        "1",
        "2017-01-01",
        undefined,
        src("苏财综〔2017〕2号: 应缴额 × 征收比例, the rate set per city", "2017", {
          url: "https://jiangsu.chinatax.gov.cn/art/2021/6/11/art_8774_348913.html",
          note: "S-PROV citing a 2021 灌云 tax notice that quotes the 2017 formula. The province has no single rate; choose the city (e.g. 盐城市) or set 征收比例.",
        }),
        "secondary",
      ),
      entry("partYearMethod", "jiangsu-proration", "2017-01-01", undefined, src("《江苏省残疾人就业保障金征收使用管理实施办法》（2017）第十条（(12 − 登记注册月份) ÷ 12）", "2017", { internalRef: `${SEED002} (seed 002 问题11)` }), "seed"),
      entry(
        "headcountMethod",
        "start-end-average",
        "2017-01-01",
        undefined,
        src("《江苏省残疾人就业保障金征收使用管理实施办法》（2017）：月平均人数 = (月初人数 + 月末人数) ÷ 2", "2017", { url: "https://www.daibanwang.com.cn/baike/213829.html", internalRef: "seed 002 问题5" }),
        "confirmed",
      ),
      entry("filingFrequency", "annual", "2017-01-01", undefined, src("《江苏省残疾人就业保障金征收使用管理实施办法》（2017）第十条：按年或按季申报", "2017", { internalRef: `${SEED002} (seed 002 问题7)`, note: "Quarterly filers pay 1/4 within 15 days after each quarter." }), "seed"),
      entry(
        "paymentDeadline",
        "09-30",
        "2017-01-01",
        "2017-12-31",
        src("江苏省2017年残疾人就业保障金问答（问题7）：首年网厅申报表开放到9月底", "2017", { internalRef: `${SEED002} (seed 002 问题7)`, note: "The first year of self-declaration: the June window (6/1–6/30) stayed open to 9/30." }),
        "seed",
      ),
      entry(
        "paymentDeadline",
        "06-30",
        "2018-01-01",
        "2025-12-31",
        src("《江苏省残疾人就业保障金征收使用管理实施办法》（2017）第十条：按年申报的，6月1日至6月30日申报缴纳", "2017", {
          internalRef: `${SEED002} (seed 002 问题7)`,
          note: "No later Jiangsu text on the payment window was found. It is closed at 2025: from 2026 the province's certification runs to 10/31 (江苏省残联 2026-02-28), which a 6/30 payment deadline cannot follow.",
        }),
        "seed",
      ),
      entry(
        "certificationWindow",
        "3/1–10/31",
        "2026-02-28",
        "2026-12-31",
        src("江苏省残联《关于开展2026年按比例安排残疾人就业情况联网认证工作的通知》", "2026-02-28", { url: "https://www.jscl.gov.cn/html/category/TZGG/article/ee70531e1c304241810bcba2aee50bd9.html", note: SPROV }),
        "secondary",
      ),
    ],
    caveats: [
      { zh: "江苏按设区市设定征收比例。", en: "Jiangsu sets the collection rate per city." },
      { zh: "江苏2026年起的缴款期限未收录：计算滞纳金时请填写“缴款期限”。", en: "Jiangsu's payment deadline from 2026 is not recorded: set 缴款期限 when computing a late fee." },
    ],
  },
  ...jiangsuCities,
  ...yanchengCounties,
  {
    code: "CN-ZJ",
    names: ["CN-ZJ", "浙江", "浙江省", "Zhejiang"],
    label: { zh: "浙江省", en: "Zhejiang" },
    parent: "CN",
    entries: [
      entry(
        "quotaRatio",
        "0.015",
        "2017-05-02",
        undefined,
        src("浙财社〔2017〕26号 (执行自2017-05-02); Haining notice (2020)", "2017-04", {
          url: "https://zhejiang.chinatax.gov.cn/art/2017/4/20/art_8410_12284.html",
          note: "S-PROV: published 2017-04-20, in force 2017-05-02. Filings before use the national floor. Ningbo has its own rules.",
        }),
        "confirmed",
      ),
      entry("declarationWindow", "9月征期", "2020-01-01", undefined, src("浙江: 2020年起按年缴纳，每年9月征期", "2020", { note: `${SPROV} (summary of 浙财社〔2017〕26号's later practice). ${YEAR_ONLY}` }), "secondary"),
    ],
    caveats: [{ zh: "宁波另有规定。", en: "Ningbo has its own rules." }],
  },
  {
    code: "CN-GD",
    names: ["CN-GD", "广东", "广东省", "Guangdong"],
    label: { zh: "广东省", en: "Guangdong" },
    parent: "CN",
    entries: [
      entry(
        "quotaRatio",
        "0.015",
        "2018-01-01",
        undefined,
        src("粤财社〔2017〕51号《广东省残疾人就业保障金征收使用管理实施办法》", "2017", {
          url: "https://guangdong.chinatax.gov.cn/gdsw/gzsw_cjrjybzj/2018-07/06/content_f3d584a796bd4f778b2a2a458f707748.shtml",
          note: `${SPROV}: in force from 2018-01-01.`,
        }),
        "secondary",
      ),
    ],
    caveats: [
      {
        zh: "广东各市每年公布“计征工资上限”；请选择所在市（如 广州市、东莞市）。深圳另有本市办法。",
        en: "Guangdong cities publish a yearly 计征工资上限 (fixed wage cap): choose the city (e.g. 广州市, 东莞市). Shenzhen has its own rules.",
      },
    ],
  },
  ...guangdongCities,
  {
    code: "CN-SD",
    names: ["CN-SD", "山东", "山东省", "Shandong"],
    label: { zh: "山东省", en: "Shandong" },
    parent: "CN",
    entries: [
      entry(
        "quotaRatio",
        "0.015",
        "2026-06-01",
        undefined,
        src("鲁财税〔2026〕8号 第六条", "2026-06", {
          url: "http://czt.shandong.gov.cn/art/2026/6/2/art_100312_10330386.html",
          note: `${SPROV}: published 2026-06-02, 第二十九条 in force from 2026-06-01, replacing 鲁财综〔2018〕31号 (whose text was not found; filings before use the national floor).`,
        }),
        "secondary",
      ),
      entry("declarationWindow", "8/1–11/30", "2026-06-01", undefined, src("鲁财税〔2026〕8号 第十一条", "2026-06", { url: "http://czt.shandong.gov.cn/art/2026/6/2/art_100312_10330386.html", note: SPROV }), "secondary"),
      entry("paymentDeadline", "11-30", "2026-06-01", undefined, src("鲁财税〔2026〕8号 第十一条", "2026-06", { url: "http://czt.shandong.gov.cn/art/2026/6/2/art_100312_10330386.html", note: SPROV }), "secondary"),
    ],
  },
  {
    code: "CN-HE",
    names: ["CN-HE", "河北", "河北省", "Hebei"],
    label: { zh: "河北省", en: "Hebei" },
    parent: "CN",
    entries: [
      entry(
        "quotaRatio",
        "0.015",
        "2016-01-01",
        undefined,
        src("冀财税〔2016〕40号《河北省残疾人就业保障金征收使用管理实施办法》", "2016", { url: "https://www.yongqing.gov.cn/xingzhengshiyexingshoufeihezhengfuxingjijinmuluqingdan/2023-06-03/15204.html", note: `${SPROV}. ${YEAR_ONLY}` }),
        "secondary",
      ),
      entry(
        "paymentDeadline",
        "11-30",
        "2026-01-01",
        "2026-12-31",
        src("吴桥县《关于残疾人就业保障金审核及缴纳的通告》（河北 2026：缴费不得迟于2026年11月30日）", "2026-03-02", {
          url: "http://www.wuqiao.gov.cn/wuqiao/c101108/202603/4a9d0d8f781545298823a2a8e04c23a3.shtml",
          retroactiveFrom: "2026-01-01",
          note: `${SPROV}. Sets the 2026 collection's deadline only.`,
        }),
        "secondary",
      ),
    ],
  },
  {
    code: "CN-HA",
    names: ["CN-HA", "河南", "河南省", "Henan"],
    label: { zh: "河南省", en: "Henan" },
    parent: "CN",
    entries: [
      entry(
        "quotaRatio",
        "0.016",
        "2020-01-01",
        undefined,
        src("豫发改价调〔2020〕1038号", "2020", { url: "https://fgw.henan.gov.cn/2021/01-05/2072521.html", note: `${SPROV}; published 2021-01-05; the in-force date of the 2020 text is not verified. ${YEAR_ONLY}` }),
        "secondary",
      ),
    ],
  },
  {
    code: "CN-SC",
    names: ["CN-SC", "四川", "四川省", "Sichuan"],
    label: { zh: "四川省", en: "Sichuan" },
    parent: "CN",
    entries: [
      entry(
        "quotaRatio",
        "0.016",
        "2021-01-01",
        undefined,
        src("川财规〔2021〕5号, extended by 川财规〔2026〕2号", "2021", { url: "https://www.jzg.gov.cn/jzgrmzf/c100053/202301/70dbb837d4944d77a2a3ed824d7dcf26.shtml", note: `${SPROV}. ${YEAR_ONLY}` }),
        "secondary",
      ),
    ],
  },
  {
    code: "CN-JL",
    names: ["CN-JL", "吉林", "吉林省", "Jilin"],
    label: { zh: "吉林省", en: "Jilin" },
    parent: "CN",
    entries: [
      entry("quotaRatio", "0.015", "2016-01-01", undefined, src("吉财税〔2016〕726号", "2016", { url: "http://jilin.chinatax.gov.cn/art/2025/9/17/art_23132_921627.html", note: `${SPROV}. ${YEAR_ONLY}` }), "secondary"),
    ],
    caveats: [
      {
        zh: "冲突：《吉林省残疾人保障条例》第三十条规定1.6%的安排比例并“盲人按2人计算”；征收按1.5%。如需按条例计算，请覆盖参数。",
        en: "Conflict: Jilin's disability regulation art. 30 sets a 1.6% duty and counts blind people twice; the levy notice uses 1.5%. Override the parameters if your collector applies the regulation.",
      },
    ],
  },
  ratioOnly("CN-CQ", "重庆", "Chongqing", "0.015", "2016-01-01", src("渝财综〔2016〕58号", "2016", { url: "https://m.chinaacc.com/shuishou/dyjh/qi20240710135549.shtml", note: YEAR_ONLY }), "confirmed"),
  {
    code: "CN-HN",
    names: ["CN-HN", "湖南", "湖南省", "Hunan"],
    label: { zh: "湖南省", en: "Hunan" },
    parent: "CN",
    entries: [
      entry("quotaRatio", "0.015", "2016-01-01", undefined, HUNAN_273("比例不低于1.5%"), "secondary"),
      entry("capMultiple", "1", "2016-01-01", undefined, HUNAN_273("其他单位按本单位职工平均工资计征，高于当地职工平均工资的按当地平均工资 (1×)"), "secondary"),
      entry("budgetFundedWageBase", "social-average", "2016-01-01", undefined, HUNAN_273("与财政有经常性经费领拨关系的单位，按统计部门公布的上年度本地区职工年平均工资计征"), "secondary"),
    ],
    caveats: [
      {
        zh: "湖南：财政拨款单位（与财政有经常性经费领拨关系）按地区平均工资计征——请在参数表填写“财政拨款：是”和“社会平均工资”；其他单位以地区平均工资为上限（1倍）。",
        en: "Hunan: budget-funded units pay on the regional average wage — set 财政拨款 = 是 and the social average wage; other units are capped at 1 × the regional average.",
      },
      {
        zh: "冲突：湖南省财政厅2019年通知（省政府门户2019-01-14）的公式对所有单位都用地区平均工资；本工具按省政府令第273号区分。",
        en: "Conflict: the Hunan finance department's 2019 notice (hunan.gov.cn, 2019-01-14) writes the formula with the regional average for every unit; this tool follows order 273's distinction.",
      },
    ],
  },
  ratioOnly("CN-HB", "湖北", "Hubei", "0.015", "2017-01-01", src("鄂财法规〔2017〕11号 (湖北省人民政府令第334号)", "2017", { url: "https://www.hbdaye.gov.cn/zfxxgk/fdgknr/gysyjs/shbz/202303/t20230329_1001750.html", note: `${SPROV}. ${YEAR_ONLY}` }), "secondary"),
  ratioOnly("CN-SX", "山西", "Shanxi", "0.015", "2016-01-01", src("山西省残疾人就业保障金征收使用管理实施办法", "2016", { url: "https://xxgk.qinshui.gov.cn/xzf/qsczj/fdzdgknr/mlqd_25/202301/P020230118420849432752.pdf", note: `${SPROV}. ${YEAR_ONLY}` }), "secondary"),
  ratioOnly("CN-LN", "辽宁", "Liaoning", "0.015", "2016-01-01", src("辽财非〔2016〕415号", "2016", { url: "https://czt.ln.gov.cn/czt/zfxxgk/zc/xzgfxwj/2024070812165444350/index.shtml", note: `${SPROV}. ${YEAR_ONLY}` }), "secondary"),
  ratioOnly("CN-SN", "陕西", "Shaanxi", "0.015", "2016-01-01", src("陕财办综〔2016〕85号", "2016", { url: "http://www.weibin.gov.cn/col15477/col15480/col15503/col16841/202605/t20260529_1273875.html", note: `${SPROV}. ${YEAR_ONLY}` }), "secondary"),
  ratioOnly("CN-YN", "云南", "Yunnan", "0.015", "2017-01-01", src("云财非税〔2017〕32号", "2017", { url: "https://www.hhmz.gov.cn/info/5581/331971.htm", note: `${SPROV}. ${YEAR_ONLY}` }), "secondary"),
  ratioOnly("CN-GS", "甘肃", "Gansu", "0.015", "2015-10-01", src("《甘肃省残疾人就业办法》第八条 (施行 2013-04-10); 甘政办发〔2020〕87号", "2013", { url: "https://www.moj.gov.cn/pub/sfbgw/flfggz/flfggzdfzwgz/201305/t20130524_140073.html", note: SPROV }), "secondary"),
  ratioOnly("CN-QH", "青海", "Qinghai", "0.015", "2016-07-20", src("青财综字〔2016〕1045号", "2016-07", { url: "http://www.qinghai.gov.cn/ztzl/system/2016/07/20/010224943.shtml", note: `${SPROV}: announced 2016-07-20. Filings before use the national floor.` }), "secondary"),
  {
    code: "CN-HL",
    names: ["CN-HL", "黑龙江", "黑龙江省", "Heilongjiang"],
    label: { zh: "黑龙江省", en: "Heilongjiang" },
    parent: "CN",
    entries: [
      entry("quotaRatio", "0.015", "2016-01-01", undefined, src("黑财综〔2016〕48号 第六条", "2016", { url: "https://www.hlj.gov.cn/hlj/c108040/202211/c00_31443922.shtml", note: `${SPROV}. ${YEAR_ONLY}` }), "secondary"),
      entry(
        "certificationWindow",
        "4月–5月",
        "2016-01-01",
        "2025-12-31",
        src("黑财综〔2016〕48号: 每年4—5月向所在地残疾人就业服务机构申报", "2016", { url: "https://www.hlj.gov.cn/hlj/c108040/202211/c00_31443922.shtml", note: `${SPROV}. ${YEAR_ONLY} Replaced for 2026 by 黑残服发〔2026〕2号.` }),
        "secondary",
      ),
      entry(
        "certificationWindow",
        "3/1–10/31",
        "2026-03-01",
        "2026-12-31",
        src("黑残服发〔2026〕2号 (林口县 2026-03-02 转发)", "2026", {
          url: "https://www.linkou.gov.cn/mdjlkxrmzf/bmdt31_LK/202603/1038124/files/%E6%9E%97%E5%8F%A3%E5%8E%BF%E6%AE%8B%E7%96%BE%E4%BA%BA%E8%81%94%E5%90%88%E4%BC%9A%E5%85%B3%E4%BA%8E%E5%BC%80%E5%B1%952026%E5%B9%B4%E6%8C%89%E6%AF%94%E4%BE%8B%E5%AE%89%E6%8E%92%E6%AE%8B%E7%96%BE%E4%BA%BA%E5%B0%B1%E4%B8%9A%E5%AE%A1%E6%A0%B8%E8%AE%A4%E5%AE%9A%E5%B7%A5%E4%BD%9C%E7%9A%84%E9%80%9A%E7%9F%A5.pdf",
          note: SPROV,
        }),
        "secondary",
      ),
      entry(
        "declarationWindow",
        "6月–11月（当月15日前）",
        "2016-01-01",
        undefined,
        src("黑财综〔2016〕48号: 6月—11月（当月15日前）向税务机关申报缴纳", "2016", { url: "https://www.hlj.gov.cn/hlj/c108040/202211/c00_31443922.shtml", note: `${SPROV}. ${YEAR_ONLY} No later text on the payment window was found.` }),
        "secondary",
      ),
      entry(
        "paymentDeadline",
        "11-15",
        "2016-01-01",
        undefined,
        src("黑财综〔2016〕48号: 6月—11月（当月15日前）申报缴纳", "2016", {
          url: "https://www.hlj.gov.cn/hlj/c108040/202211/c00_31443922.shtml",
          note: `${SPROV}. Read as: the last day is 15 November (the 15th of the last month of the window). ${YEAR_ONLY}`,
        }),
        "inference",
      ),
    ],
  },
  {
    code: "CN-JX",
    names: ["CN-JX", "江西", "江西省", "Jiangxi"],
    label: { zh: "江西省", en: "Jiangxi" },
    parent: "CN",
    entries: [
      entry("quotaRatio", "0.015", "2019-01-23", undefined, src("赣财非税〔2019〕3号《江西省残疾人就业保障金征收使用管理实施办法》", "2019-01-23", { url: "https://jxf.jiangxi.gov.cn/jxsczt/gfxwj/content/content_1985597047802630144.html", note: `${SPROV}. Filings before use the national floor.` }), "secondary"),
      entry("certificationWindow", "3月–4月", "2019-01-23", undefined, src("赣财非税〔2019〕3号: 每年3—4月份为安排残疾人就业申报审核期", "2019-01-23", { url: "https://jxf.jiangxi.gov.cn/jxsczt/gfxwj/content/content_1985597047802630144.html", note: SPROV }), "secondary"),
    ],
    caveats: [
      { zh: "江西的残保金申报缴纳期限未找到条文：计算滞纳金时请填写“缴款期限”。", en: "Jiangxi's payment window was not found: set 缴款期限 when computing a late fee." },
      {
        zh: "江西自2026年1月1日起，财政拨款的机关、团体、事业单位残保金改由同级税务部门征收（计算方法不变）。",
        en: "From 2026-01-01 Jiangxi's budget-funded units pay through the tax bureau too (the formula does not change).",
      },
    ],
  },
  ratioOnly("CN-HI", "海南", "Hainan", "0.015", "2019-08-08", src("海南省残疾人就业保障金征缴政策解答 (保亭县政府网)", "2019-08-08", { url: "https://baoting.hainan.gov.cn/jdhy/zcjd/sjjd/201908/t20190808_2648233.html", note: `${SPROV}. The provincial 办法 itself was not found; filings before use the national floor.` }), "secondary"),
  ratioOnly("CN-NM", "内蒙古", "Inner Mongolia", "0.015", "2018-01-01", src("内财非税规〔2018〕9号", "2018", { url: "https://www.xlgl.gov.cn/xlgl/zw/zwgk/rdhy/2023061917314048259/index.html", note: `${SPROV}. ${YEAR_ONLY}` }), "secondary", ["内蒙古自治区", "Nei Mongol"]),
  ratioOnly("CN-GX", "广西", "Guangxi", "0.015", "2016-01-01", src("桂财税〔2016〕47号", "2016", { url: "http://www.gxdpf.org.cn/contents/646/44458.html", note: `${SPROV}. ${YEAR_ONLY}` }), "secondary", ["广西壮族自治区"]),
  ratioOnly(
    "CN-NX",
    "宁夏",
    "Ningxia",
    "0.015",
    "2016-01-01",
    src("宁财（综）发〔2016〕892号", "2016", { url: "https://www.ndpf.org.cn/zcjd/202311/t20231121_797812.html", note: `${YEAR_ONLY} The ratio is confirmed by the 2025 notice at https://www.bosslot168.com/mrdt/gsgg/202501/t20250115_4791357.html.` }),
    "confirmed",
    ["宁夏回族自治区"],
  ),
  {
    code: "CN-XJ",
    names: ["CN-XJ", "新疆", "新疆维吾尔自治区", "Xinjiang", "乌鲁木齐", "乌鲁木齐市"],
    label: { zh: "新疆维吾尔自治区", en: "Xinjiang" },
    parent: "CN",
    entries: [entry("quotaRatio", "0.015", "2016-01-01", undefined, src("新财非税〔2016〕28号 (national floor)", "2016", { url: "https://www.xjyiwu.gov.cn/xjyiwu/c123449/202603/8d5bd970b47c4a09aa3e645fa5d0f7c4.shtml", note: `${SPROV}. ${YEAR_ONLY}` }), "secondary")],
    caveats: [
      {
        zh: "冲突：乌鲁木齐经开区的一份通知写2%，像是2017年前的模板改了年份；本工具按1.5%计算，如主管机关按2%征收请覆盖“安置比例”。",
        en: "Conflict: an Urumqi development-zone notice says 2%, apparently a pre-2017 template with the year changed; 1.5% is used. Override quotaRatio if your collector applies 2%.",
      },
    ],
  },
  {
    code: "CN-XZ",
    names: ["CN-XZ", "西藏", "西藏自治区", "Tibet", "Xizang"],
    label: { zh: "西藏自治区", en: "Tibet" },
    parent: "CN",
    entries: [
      entry(
        "quotaRatio",
        "0.015",
        "2020-11-01",
        undefined,
        src("藏财税〔2020〕17号 (交由税务部门征收; national floor)", "2020-11", { url: "https://linzhi.gov.cn/linzhi/c100004/202011/9109c8dcd7f44b3b85257deaf22e3365.shtml", note: `${SPROV}: announced in November 2020. Filings before use the national floor.` }),
        "secondary",
      ),
      entry(
        "declarationWindow",
        "1月–9月",
        "2021-01-01",
        undefined,
        src("藏财税〔2020〕17号: 暂按年度征收，申报缴纳时间为1月至9月", "2020-11", { url: "https://linzhi.gov.cn/linzhi/c100004/202011/9109c8dcd7f44b3b85257deaf22e3365.shtml", note: `${SPROV}: announced in November 2020, so the first full window is 2021.` }),
        "secondary",
      ),
    ],
  },
  ...(
    [
      ["CN-AH", "安徽", "Anhui"],
      ["CN-GZ", "贵州", "Guizhou"],
      ["CN-FJ", "福建", "Fujian"],
    ] as const
  ).map(([code, zh, en]) => ratioOnly(code, zh, en, "0.015", "2015-10-01", SOURCES.nationalFloorAssumed, "memory")),
];

