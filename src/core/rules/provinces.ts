/**
 * Provincial and city profiles (rules file §6). Only what differs from the national timeline is listed.
 * Every value carries the confidence the rules file gives it; `secondary`, `seed` and `memory` values are reported
 * as PARAM_UNVERIFIED when they influence a result, and any of them can be overridden from the parameter block.
 */
import { entry } from "./national";
import type { Confidence, RegionProfile, RuleSource } from "./types";

const SPROV = "S-PROV: a public policy dataset citing the official provincial page (secondary)";

function src(document: string, url?: string, note?: string): RuleSource {
  const s: RuleSource = { document };
  if (url) s.url = url;
  if (note) s.note = note;
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

const jiangsuCityRates: Record<string, RegionProfile["entries"]> = {
  "320900": [
    entry("localCollectionRate", "0.6", "2017-01-01", undefined, src("苏财综〔2017〕17号 附: 盐城市区征收比例 60% (seed 002)", "../shared/seeds/002_4c9a05ebbd3a34ea.txt", "2017 figure for the urban districts; re-verify for the current year."), "seed"),
  ],
  "320100": [
    entry(
      "localCollectionRate",
      "0.45",
      "2024-01-01",
      undefined,
      src("Nanjing 2024 letter (seed 000)", "../shared/seeds/000_726634d9128a9f23.txt", "Unverified, informal source; the same letter uses outdated rules (blind = 2, city average wage, charges a 15-person company)."),
      "seed",
    ),
  ],
};

const jiangsuCities: RegionProfile[] = JIANGSU_CITIES.map(([gb, zh, en]) => ({
  code: `CN-JS-${gb}`,
  names: [`CN-JS-${gb}`, gb, zh, `${zh}市`, en, `${en} City`],
  label: { zh: `${zh}市`, en },
  parent: "CN-JS",
  entries: jiangsuCityRates[gb] ?? [],
  caveats: jiangsuCityRates[gb]
    ? undefined
    : [{ zh: `${zh}市的征收比例未收录，默认按100%计算；请在参数表中填写“征收比例”。`, en: `No collection rate is recorded for ${en}; 100% is used. Set 征收比例 in the parameter block.` }],
}));

export const PROVINCES: RegionProfile[] = [
  {
    code: "CN-BJ",
    names: ["CN-BJ", "北京", "北京市", "Beijing"],
    label: { zh: "北京市", en: "Beijing" },
    parent: "CN",
    entries: [
      entry("quotaRatio", "0.017", "2015-10-01", "2019-12-31", src("Old Beijing rule (1.7%)", "https://cms.law/en/CHN/Publication/Disabled-Persons-Employment-Security-Fund-to-be-Paid-Nationwide-in-China"), "confirmed"),
      entry("quotaRatio", "0.015", "2020-01-01", undefined, src("京财税〔2019〕1333号", undefined, `${SPROV}; the exact start date is not verified.`), "secondary"),
      entry("certificationWindow", "3/1–10/31", "2022-01-01", undefined, src("京残发〔2022〕5号", undefined, SPROV), "secondary"),
    ],
  },
  {
    code: "CN-TJ",
    names: ["CN-TJ", "天津", "天津市", "Tianjin"],
    label: { zh: "天津市", en: "Tianjin" },
    parent: "CN",
    entries: [
      entry("quotaRatio", "0.015", "2015-10-01", undefined, src("津财规〔2021〕15号", undefined, SPROV), "secondary"),
      entry("declarationWindow", "9/25–10/31", "2025-01-01", undefined, src("天津市税务局公告2025年第5号", undefined, SPROV), "secondary"),
      entry("paymentDeadline", "10-31", "2025-01-01", undefined, src("天津市税务局公告2025年第5号", undefined, SPROV), "secondary"),
      entry("certificationWindow", "3/1–10/31", "2025-01-01", undefined, src("天津 2025", undefined, SPROV), "secondary"),
    ],
    caveats: [{ zh: "天津的封顶基数为“本市职工年平均工资”的2倍。", en: "Tianjin states the cap as 2 × the city's average staff wage." }],
  },
  {
    code: "CN-SH",
    names: ["CN-SH", "上海", "上海市", "Shanghai"],
    label: { zh: "上海市", en: "Shanghai" },
    parent: "CN",
    entries: [
      entry("quotaRatio", "0.016", "2015-10-01", "2019-12-31", src("Old Shanghai rule (1.6%)", "https://cms.law/en/CHN/Publication/Disabled-Persons-Employment-Security-Fund-to-be-Paid-Nationwide-in-China"), "confirmed"),
      entry("quotaRatio", "0.015", "2020-01-01", "2030-12-31", src("沪财发〔2020〕9号", "https://czj.sh.gov.cn/zys_8908/zcjd_8969/qt_8982/20260107/927cccf6356f4129828147dbff3746a4.html", SPROV), "secondary"),
      entry(
        "wageBaseType",
        "social-insurance-base",
        "2020-01-01",
        "2030-12-31",
        src("沪财发〔2020〕9号: 上年度社会保险缴费基数之和", "https://czj.sh.gov.cn/zys_8908/zcjd_8969/qt_8982/20260107/927cccf6356f4129828147dbff3746a4.html", SPROV),
        "secondary",
      ),
      entry("certificationWindow", "3/16–10/31", "2026-01-01", undefined, src("上海 2026 notice", undefined, SPROV), "secondary"),
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
      entry("quotaRatio", "0.015", "2015-10-01", undefined, src("苏财综〔2017〕2号 / 苏财综〔2017〕17号 (seed 002)", "../shared/seeds/002_4c9a05ebbd3a34ea.txt"), "confirmed"),
      entry(
        "localCollectionRate",
        "1",
        "2017-01-01",
        undefined,
        src("江苏: 应缴额 × 征收比例, set per city", undefined, "S-PROV citing jiangsu.chinatax (2021). The province has no single rate; choose the city (e.g. 盐城市) or set 征收比例."),
        "secondary",
      ),
      entry("partYearMethod", "jiangsu-proration", "2017-01-01", undefined, src("江苏省残疾人就业保障金征收使用管理实施办法 第十条 ((12 − 登记注册月份) ÷ 12) (seed 002)", "../shared/seeds/002_4c9a05ebbd3a34ea.txt"), "seed"),
      entry("headcountMethod", "start-end-average", "2017-01-01", undefined, src("苏财综〔2017〕17号: 月平均人数 = (月初+月末)/2 (seed 002)", "https://www.daibanwang.com.cn/baike/213829.html"), "confirmed"),
      entry("filingFrequency", "annual", "2017-01-01", undefined, src("江苏: 按年或按季申报 (seed 002)", undefined, "Quarterly filers pay 1/4 within 15 days after each quarter."), "seed"),
      entry("paymentDeadline", "06-30", "2017-01-01", undefined, src("江苏 2017: 年度申报 6/1–6/30 (seed 002)"), "seed"),
      entry("certificationWindow", "3/1–10/31", "2026-01-01", undefined, src("江苏 2026", undefined, SPROV), "secondary"),
    ],
    caveats: [{ zh: "江苏按设区市设定征收比例。", en: "Jiangsu sets the collection rate per city." }],
  },
  ...jiangsuCities,
  {
    code: "CN-ZJ",
    names: ["CN-ZJ", "浙江", "浙江省", "Zhejiang"],
    label: { zh: "浙江省", en: "Zhejiang" },
    parent: "CN",
    entries: [
      entry("quotaRatio", "0.015", "2015-10-01", undefined, src("浙财社〔2017〕26号; Haining notice", "http://www.haining.gov.cn/art/2020/11/24/art_1688876_156309.html"), "confirmed"),
      entry("declarationWindow", "9月征期", "2020-01-01", undefined, src("浙江: annual filing since 2020", undefined, SPROV), "secondary"),
    ],
    caveats: [{ zh: "宁波另有规定。", en: "Ningbo has its own rules." }],
  },
  ratioOnly("CN-GD", "广东", "Guangdong", "0.015", "2018-01-01", src("粤财社〔2017〕51号", undefined, SPROV), "secondary"),
  {
    code: "CN-SD",
    names: ["CN-SD", "山东", "山东省", "Shandong"],
    label: { zh: "山东省", en: "Shandong" },
    parent: "CN",
    entries: [
      entry("quotaRatio", "0.015", "2015-10-01", undefined, src("鲁财税〔2026〕8号", undefined, SPROV), "secondary"),
      entry("declarationWindow", "8/1–11/30", "2026-06-01", undefined, src("鲁财税〔2026〕8号", undefined, SPROV), "secondary"),
      entry("paymentDeadline", "11-30", "2026-06-01", undefined, src("鲁财税〔2026〕8号", undefined, SPROV), "secondary"),
    ],
  },
  {
    code: "CN-HE",
    names: ["CN-HE", "河北", "河北省", "Hebei"],
    label: { zh: "河北省", en: "Hebei" },
    parent: "CN",
    entries: [
      entry("quotaRatio", "0.015", "2015-10-01", undefined, src("冀财税〔2016〕40号", undefined, SPROV), "secondary"),
      entry("paymentDeadline", "11-30", "2026-01-01", undefined, src("河北 2026", undefined, SPROV), "secondary"),
    ],
  },
  {
    code: "CN-HA",
    names: ["CN-HA", "河南", "河南省", "Henan"],
    label: { zh: "河南省", en: "Henan" },
    parent: "CN",
    entries: [
      entry("quotaRatio", "0.016", "2020-01-01", undefined, src("豫发改价调〔2020〕1038号", undefined, `${SPROV}; the in-force date of the 2020 text is not verified.`), "secondary"),
    ],
  },
  {
    code: "CN-SC",
    names: ["CN-SC", "四川", "四川省", "Sichuan"],
    label: { zh: "四川省", en: "Sichuan" },
    parent: "CN",
    entries: [entry("quotaRatio", "0.016", "2021-01-01", undefined, src("川财规〔2021〕5号, extended by 川财规〔2026〕2号", undefined, SPROV), "secondary")],
  },
  {
    code: "CN-JL",
    names: ["CN-JL", "吉林", "吉林省", "Jilin"],
    label: { zh: "吉林省", en: "Jilin" },
    parent: "CN",
    entries: [entry("quotaRatio", "0.015", "2015-10-01", undefined, src("吉财税〔2016〕726号", undefined, SPROV), "secondary")],
    caveats: [
      {
        zh: "冲突：《吉林省残疾人保障条例》第三十条规定1.6%的安排比例并“盲人按2人计算”；征收按1.5%。如需按条例计算，请覆盖参数。",
        en: "Conflict: Jilin's disability regulation art. 30 sets a 1.6% duty and counts blind people twice; the levy notice uses 1.5%. Override the parameters if your collector applies the regulation.",
      },
    ],
  },
  ratioOnly("CN-CQ", "重庆", "Chongqing", "0.015", "2016-01-01", src("渝财综〔2016〕58号", "https://m.chinaacc.com/shuishou/dyjh/qi20240710135549.shtml"), "confirmed"),
  {
    code: "CN-HN",
    names: ["CN-HN", "湖南", "湖南省", "Hunan"],
    label: { zh: "湖南省", en: "Hunan" },
    parent: "CN",
    entries: [
      entry("quotaRatio", "0.015", "2015-10-01", undefined, src("湖南省人民政府令第273号", undefined, SPROV), "secondary"),
      entry("capMultiple", "1", "2018-04-01", undefined, src("湖南省人民政府令第273号: 非财政拨款单位以地区平均工资为上限", undefined, SPROV), "secondary"),
    ],
    caveats: [
      {
        zh: "湖南：财政拨款单位按地区平均工资计算（本工具未区分，请覆盖参数）。",
        en: "Hunan: units funded by the budget use the regional average wage (not modelled; override the parameters).",
      },
    ],
  },
  ...(
    [
      ["CN-HB", "湖北", "Hubei"],
      ["CN-SX", "山西", "Shanxi"],
      ["CN-LN", "辽宁", "Liaoning"],
      ["CN-SN", "陕西", "Shaanxi"],
      ["CN-YN", "云南", "Yunnan"],
      ["CN-GS", "甘肃", "Gansu"],
      ["CN-QH", "青海", "Qinghai"],
      ["CN-HL", "黑龙江", "Heilongjiang"],
      ["CN-JX", "江西", "Jiangxi"],
      ["CN-HI", "海南", "Hainan"],
    ] as const
  ).map(([code, zh, en]) => ratioOnly(code, zh, en, "0.015", "2015-10-01", src("Provincial notice (1.5%)", undefined, SPROV), "secondary")),
  ratioOnly("CN-NM", "内蒙古", "Inner Mongolia", "0.015", "2015-10-01", src("Provincial notice (1.5%)", undefined, SPROV), "secondary", ["内蒙古自治区", "Nei Mongol"]),
  ratioOnly("CN-GX", "广西", "Guangxi", "0.015", "2015-10-01", src("Provincial notice (1.5%)", undefined, SPROV), "secondary", ["广西壮族自治区"]),
  ratioOnly("CN-NX", "宁夏", "Ningxia", "0.015", "2015-10-01", src("宁夏 2025 notice", "https://www.bosslot168.com/mrdt/gsgg/202501/t20250115_4791357.html"), "confirmed", ["宁夏回族自治区"]),
  {
    code: "CN-XJ",
    names: ["CN-XJ", "新疆", "新疆维吾尔自治区", "Xinjiang", "乌鲁木齐", "乌鲁木齐市"],
    label: { zh: "新疆维吾尔自治区", en: "Xinjiang" },
    parent: "CN",
    entries: [entry("quotaRatio", "0.015", "2016-01-01", undefined, src("新财非税〔2016〕28号 (national floor)", undefined, SPROV), "secondary")],
    caveats: [
      {
        zh: "冲突：种子文件000（乌鲁木齐经开区通知）写2%，像是2017年前的模板改了年份；本工具按1.5%计算，如主管机关按2%征收请覆盖“安置比例”。",
        en: "Conflict: seed 000 (Urumqi development-zone notice) says 2%, apparently a pre-2017 template with the year changed; 1.5% is used. Override quotaRatio if your collector applies 2%.",
      },
    ],
  },
  {
    code: "CN-XZ",
    names: ["CN-XZ", "西藏", "西藏自治区", "Tibet", "Xizang"],
    label: { zh: "西藏自治区", en: "Tibet" },
    parent: "CN",
    entries: [
      entry("quotaRatio", "0.015", "2015-10-01", undefined, src("藏财税〔2020〕17号 (national floor)", undefined, SPROV), "secondary"),
      entry("declarationWindow", "1月–9月", "2020-01-01", undefined, src("藏财税〔2020〕17号", undefined, SPROV), "secondary"),
    ],
  },
  ...(
    [
      ["CN-AH", "安徽", "Anhui"],
      ["CN-GZ", "贵州", "Guizhou"],
      ["CN-FJ", "福建", "Fujian"],
    ] as const
  ).map(([code, zh, en]) => ratioOnly(code, zh, en, "0.015", "2015-10-01", src("Assumed national floor (no provincial text found)"), "memory")),
];
