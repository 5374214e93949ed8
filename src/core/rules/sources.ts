/**
 * The documents the rule profiles cite, with the repost URLs listed in `shared/domain/levy-rules.md`.
 * Short names follow the rules file (S-72, S-39, …) so a reader can cross-check an entry in one step.
 *
 * What users see of a source is its citation (`citationText`: document number, title, article) and, where the page
 * is an official one, its link (`citationUrl`). Our own references (seed files, sections of the rules file) live in
 * `internalRef` and are never shown.
 *
 * `date` is the document's date as precisely as a source gives it; where only the document number is known, it is
 * the year printed in the number (财税〔2017〕18号 → "2017"). Nothing here is more precise than its source.
 */
import type { Confidence, RuleSource } from "./types";

export const SOURCES = {
  regulation488: {
    document: "《残疾人就业条例》（国务院令第488号）第八条（比例不低于1.5%）",
    date: "2007-02-14",
    url: "https://aolonic.com/aa/n15w5w3kd.html",
    note: "Passed by the State Council on 2007-02-14, in force 2007-05-01.",
    internalRef: "levy-rules.md §1.1 (confirmed)",
  },
  regulation488art27: {
    document: "《残疾人就业条例》（国务院令第488号）第二十七条（自欠缴之日起按日加收5‰滞纳金）",
    date: "2007-02-14",
    url: "https://99.wendadaohang.com/zd/zvvWtzjte.html",
    note: "Restated for the levy by 财税〔2015〕72号 第二十六条（2015-09-09）.",
  },
  caishui2015_72: { document: "财税〔2015〕72号《残疾人就业保障金征收使用管理办法》", date: "2015-09-09", url: "http://www.m9rr9o.cn/changshi/119034.html" },
  caishui2015_72_art16: {
    document: "财税〔2015〕72号 第十六条（注册3年内、20人以下小微企业免征）",
    date: "2015-09-09",
    url: "http://crsrw.com/falvjiangtang/14625.html",
    note: "In-force date 2015-10-01 is secondary (m.5scpa.com).",
  },
  caishui2015_72_art7: {
    document: "财税〔2015〕72号 第七条（一、二级残疾人证或一至三级残疾军人证按2人计算）",
    date: "2015-09-09",
    url: "https://www.cqdpf.org.cn/web/article/1385734950387404800/web/content_1385734950387404800.html",
  },
  caishui2015_72_art17: {
    document: "财税〔2015〕72号 第十七条（不可抗力、自然灾害等突发事件致重大直接经济损失的，可申请减缴或者缓缴；缓缴额不超过1年应缴额，期限不超过6个月）",
    date: "2015-09-09",
    url: "http://crsrw.com/falvjiangtang/14625.html",
    note: "Secondary repost of the article. The detailed procedure is set by each province's 财政部门; approvals are published yearly.",
  },
  caishui2017_18: {
    document: "财税〔2017〕18号《关于取消、调整部分政府性基金有关政策的通知》",
    date: "2017",
    url: "http://retirementplanrankings.com/ask/q24007820.html",
    note: "Content confirmed; the effective date 2017-04-01 is not confirmed by a text; the document date is the year of its number.",
    internalRef: "levy-rules.md §1.3",
  },
  caishui2018_39: { document: "财税〔2018〕39号《关于降低部分政府性基金征收标准的通知》", date: "2018", url: "https://hexinrlzy.com/135.html", note: "In force from 2018-04-01.", internalRef: "levy-rules.md §1.4" },
  mof2019_98: { document: "财政部公告2019年第98号《关于调整残疾人就业保障金征收政策的公告》", date: "2019", url: "http://www.haining.gov.cn/art/2020/11/24/art_1688876_156309.html" },
  mof2023_8: {
    document: "财政部 国家税务总局公告2023年第8号《关于延续实施残疾人就业保障金优惠政策的公告》",
    date: "2023-03-26",
    retroactiveFrom: "2023-01-01",
    url: "http://m.xjbaicao.net/cn/Instant/municipal/202303/t20230328_7388069.html",
    note: "Dated 2023-03-26 and valid 2023-01-01 to 2027-12-31; payers who had already paid may ask for a refund.",
  },
  administrativeCoercion45: {
    document: "《行政强制法》第四十五条（加处罚款或者滞纳金的数额不得超出金钱给付义务的数额）",
    date: "2011",
    url: "http://crsrw.com/dianzishuiwu/124490.html",
    note: "The law is of 2011 and in force from 2012-01-01 (general knowledge; only the article text is confirmed by the URL).",
  },
  roundingConvention: {
    document: "无官方规定：人数按精确值计算，不取整 (no official rule on headcount decimals: exact values are used)",
    date: "2026-11",
    kind: "convention",
    note: "No official statement on headcount decimals; exact arithmetic is kept and the switch is exposed.",
    internalRef: "levy-rules.md §4.2 (recommended engine convention)",
  },
  headcountMethodGuide: {
    document: "本工具默认：月平均人数 = (月初+月末)÷2，同《江苏省残疾人就业保障金征收使用管理实施办法》（2017） (default: month average = (start + end) ÷ 2, as the Jiangsu 2017 measures)",
    date: "2026-11",
    kind: "convention",
    url: "https://www.daibanwang.com.cn/baike/213829.html",
    note: "72号 does not fix a national method; (start+end)/2 is the engine default for every period.",
    internalRef: "seed 002 问题5; levy-rules.md §2.1",
  },
  partYearForum: {
    document: "本工具默认：年内新设单位也按12个月平均 (default: divide by 12 even for part-year employers; a practitioners' answer, no official text)",
    date: "2026-11",
    kind: "convention",
    url: "http://www.electedteal.com/wenda/detail/nofollow/xt/9794941",
  },
  policyEnd2027: {
    document: "财政部 国家税务总局公告2023年第8号（有效期 2023-01-01 至 2027-12-31）",
    date: "2023-03-26",
    note: "No extension was known when these profiles were written (2026-11). Override tiersEnabled / smallEnterpriseThreshold if a newer notice extends them.",
  },
  smallEnterpriseAfter2027: {
    document: "财政部 国家税务总局公告2023年第8号（≤30人企业继续免征至2027-12-31）；财税〔2017〕18号（≤30人企业免征，未规定截止日期）",
    date: "2023-03-26",
    note:
      "Reading applied: the ≤30 exemption ends with 2023 No.8 on 2027-12-31. 98号 re-granted it as 暂免 for 2020–2022 and 2023 No.8 as 继续免征 to 2027-12-31; " +
      "we read these as time-limited extensions, and the later, specific texts govern. 18号 was not found to be repealed, so a collector may still apply it: " +
      "then override 免征人数上限 = 30.",
    internalRef: "levy-rules.md §1.4, §1.6",
  },
  nationalDefaultAnnual: { document: "本工具默认：按年申报 (default: annual filing; provinces set the frequency)", date: "2026-11", kind: "convention", note: "Provinces set the filing frequency; annual is the common case since 2020." },
  setByProvince: { document: "由各省规定，无全国统一值 (set by each province; no national value)", date: "2015-09-09", kind: "convention" },
  minimumWageByLocality: { document: "当地最低工资标准：请在参数表填写“最低工资” (the local minimum wage: set 最低工资 in the parameter block)", date: "2015-09-09", kind: "convention" },
  certification2026: {
    document: "2026年各省残联按比例就业联网认证通知：3月1日至10月31日 (2026 provincial certification notices: 3/1–10/31, the common pattern)",
    date: "2026",
    note: "Secondary: a public policy dataset summarising many provinces' notices.",
    internalRef: "S-PROV",
  },
  nationalFloorAssumed: {
    document: "《残疾人就业条例》（国务院令第488号）第八条（全国最低比例1.5%；未找到本省比例文件）",
    date: "2007-02-14",
    note: "Assumed: no provincial text was found, so the national floor is used.",
    internalRef: "levy-rules.md §6 (memory/low)",
  },
} satisfies Record<string, RuleSource>;

/**
 * Hosts of official publishers: government sites (*.gov.cn) and the 残联 sites that publish certification notices.
 * Repost pages (Q&A sites, blogs) are where a text was read, not where a reader should look it up.
 */
const OFFICIAL_HOSTS = [/\.gov\.cn$/i, /^(www\.)?gov\.cn$/i, /^(www\.)?cqdpf\.org\.cn$/i, /^(www\.)?tjdpf\.org\.cn$/i];

export function isOfficialUrl(url: string | undefined | null): boolean {
  if (typeof url !== "string" || !/^https?:\/\//i.test(url)) return false;
  try {
    const host = new URL(url).hostname;
    return OFFICIAL_HOSTS.some((re) => re.test(host));
  } catch {
    return false;
  }
}

/** The document as a reader can look it up (number, title, article), or "" when a source has none. */
export function citationText(source: Pick<RuleSource, "document"> | null | undefined): string {
  return source?.document?.trim() ?? "";
}

/** The official page of a source, when it has one (never a repost or a local file). */
export function citationUrl(source: Pick<RuleSource, "url"> | null | undefined): string | undefined {
  return source && isOfficialUrl(source.url) ? source.url : undefined;
}

/** The citation in one line: "document https://official.page" (no link when none is official). */
export function citationLine(source: Pick<RuleSource, "document" | "url"> | null | undefined): string {
  const url = citationUrl(source);
  return [citationText(source), url].filter(Boolean).join(" ");
}

/** How sure a value is, in words a reader understands (the tags themselves are the rules file's). */
export const CONFIDENCE_LABELS: Record<Confidence, { zh: string; en: string }> = {
  confirmed: { zh: "已核实", en: "confirmed" },
  secondary: { zh: "二手资料，待核实", en: "secondary source, to verify" },
  seed: { zh: "非官方资料，待核实", en: "unofficial material, to verify" },
  memory: { zh: "未找到原文，待核实", en: "no text found, to verify" },
  inference: { zh: "推断，待核实", en: "inferred, to verify" },
};

export function confidenceLabel(confidence: string, lang: "zh" | "en"): string {
  const l = (CONFIDENCE_LABELS as Record<string, { zh: string; en: string }>)[confidence];
  return l ? l[lang] : confidence;
}
