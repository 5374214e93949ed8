/**
 * The documents the rule profiles cite, with the repost URLs listed in `shared/domain/levy-rules.md`.
 * Short names follow the rules file (S-72, S-39, …) so a reader can cross-check an entry in one step.
 */
import type { RuleSource } from "./types";

export const SOURCES = {
  regulation488: { document: "《残疾人就业条例》(国务院令第488号) 第八条、第二十七条", url: "https://aolonic.com/aa/n15w5w3kd.html" },
  caishui2015_72: { document: "财税〔2015〕72号《残疾人就业保障金征收使用管理办法》", url: "http://www.m9rr9o.cn/changshi/119034.html" },
  caishui2015_72_art16: {
    document: "财税〔2015〕72号 第十六条 (注册3年内、20人以下小微企业免征)",
    url: "http://crsrw.com/falvjiangtang/14625.html",
    note: "In-force date 2015-10-01 is secondary (m.5scpa.com).",
  },
  caishui2015_72_art7: { document: "财税〔2015〕72号 第七条 (一、二级残疾人证或一至三级残疾军人证按2人计算)", url: "https://www.cqdpf.org.cn/web/article/1385734950387404800/web/content_1385734950387404800.html" },
  caishui2015_72_art26: { document: "财税〔2015〕72号 第二十六条 (滞纳金 日5‰)", url: "https://m.caishuijiaonang.com/rdwt/detail-0000000002015091700008.html" },
  caishui2017_18: {
    document: "财税〔2017〕18号《关于取消、调整部分政府性基金有关政策的通知》",
    url: "http://retirementplanrankings.com/ask/q24007820.html",
    note: "Content confirmed; the effective date 2017-04-01 is from memory (rules file §1.3).",
  },
  caishui2018_39: { document: "财税〔2018〕39号《关于降低部分政府性基金征收标准的通知》", url: "https://hexinrlzy.com/135.html" },
  mof2019_98: { document: "财政部公告2019年第98号《关于调整残疾人就业保障金征收政策的公告》", url: "http://www.haining.gov.cn/art/2020/11/24/art_1688876_156309.html" },
  mof2023_8: { document: "财政部 国家税务总局公告2023年第8号《关于延续实施残疾人就业保障金优惠政策的公告》", url: "http://m.xjbaicao.net/cn/Instant/municipal/202303/t20230328_7388069.html" },
  administrativeCoercion45: { document: "《行政强制法》第四十五条 (加处罚款或者滞纳金的数额不得超出金钱给付义务的数额)", url: "http://crsrw.com/dianzishuiwu/124490.html" },
  roundingConvention: {
    document: "levy-rules.md §4.2 (recommended engine convention)",
    note: "No official statement on headcount decimals; exact arithmetic is kept and the switch is exposed.",
  },
  headcountMethodGuide: {
    document: "苏财综〔2017〕17号 (月平均人数 = (月初+月末)/2) via seed 002; daibanwang.com.cn/baike/213829",
    url: "https://www.daibanwang.com.cn/baike/213829.html",
    note: "72号 does not fix a national method; (start+end)/2 is the engine default.",
  },
  partYearForum: {
    document: "Forum answer: divide by 12 even for part-year employers",
    url: "http://www.electedteal.com/wenda/detail/nofollow/xt/9794941",
  },
  policyEnd2027: {
    document: "财政部 国家税务总局公告2023年第8号 (valid 2023-01-01 to 2027-12-31)",
    note: "No extension was known when these profiles were written (2026-11). Override tiersEnabled / smallEnterpriseThreshold if a newer notice extends them.",
  },
  nationalDefaultAnnual: { document: "National default: annual filing", note: "Provinces set the filing frequency; annual is the common case since 2020." },
  certification2026: { document: "2026 provincial notices: 残联联网认证 3/1–10/31 (common pattern)", note: "S-PROV, many provinces" },
} satisfies Record<string, RuleSource>;
