/**
 * The documents the rule profiles cite, with the repost URLs listed in `shared/domain/levy-rules.md`.
 * Short names follow the rules file (S-72, S-39, …) so a reader can cross-check an entry in one step.
 *
 * `date` is the document's date as precisely as a source gives it; where only the document number is known, it is
 * the year printed in the number (财税〔2017〕18号 → "2017"). Nothing here is more precise than its source.
 */
import type { RuleSource } from "./types";

export const SOURCES = {
  regulation488: {
    document: "《残疾人就业条例》(国务院令第488号) 第八条 (比例不低于1.5%)",
    date: "2007-02-14",
    url: "https://aolonic.com/aa/n15w5w3kd.html",
    note: "Passed by the State Council on 2007-02-14, in force 2007-05-01 (rules file §1.1, confirmed).",
  },
  regulation488art27: {
    document: "《残疾人就业条例》(国务院令第488号) 第二十七条 (自欠缴之日起按日加收5‰滞纳金)",
    date: "2007-02-14",
    url: "https://99.wendadaohang.com/zd/zvvWtzjte.html",
    note: "Restated for the levy by 财税〔2015〕72号 第二十六条 (2015-09-09).",
  },
  caishui2015_72: { document: "财税〔2015〕72号《残疾人就业保障金征收使用管理办法》", date: "2015-09-09", url: "http://www.m9rr9o.cn/changshi/119034.html" },
  caishui2015_72_art16: {
    document: "财税〔2015〕72号 第十六条 (注册3年内、20人以下小微企业免征)",
    date: "2015-09-09",
    url: "http://crsrw.com/falvjiangtang/14625.html",
    note: "In-force date 2015-10-01 is secondary (m.5scpa.com).",
  },
  caishui2015_72_art7: {
    document: "财税〔2015〕72号 第七条 (一、二级残疾人证或一至三级残疾军人证按2人计算)",
    date: "2015-09-09",
    url: "https://www.cqdpf.org.cn/web/article/1385734950387404800/web/content_1385734950387404800.html",
  },
  caishui2015_72_art17: {
    document: "财税〔2015〕72号 第十七条 (不可抗力、自然灾害等突发事件致重大直接经济损失的，可申请减缴或者缓缴；缓缴额不超过1年应缴额，期限不超过6个月)",
    date: "2015-09-09",
    url: "http://crsrw.com/falvjiangtang/14625.html",
    note: "Secondary repost of the article. The detailed procedure is set by each province's 财政部门; approvals are published yearly.",
  },
  caishui2017_18: {
    document: "财税〔2017〕18号《关于取消、调整部分政府性基金有关政策的通知》",
    date: "2017",
    url: "http://retirementplanrankings.com/ask/q24007820.html",
    note: "Content confirmed; the effective date 2017-04-01 is from memory (rules file §1.3); the document date is the year of its number.",
  },
  caishui2018_39: { document: "财税〔2018〕39号《关于降低部分政府性基金征收标准的通知》", date: "2018", url: "https://hexinrlzy.com/135.html", note: "In force from 2018-04-01 (rules file §1.4)." },
  mof2019_98: { document: "财政部公告2019年第98号《关于调整残疾人就业保障金征收政策的公告》", date: "2019", url: "http://www.haining.gov.cn/art/2020/11/24/art_1688876_156309.html" },
  mof2023_8: {
    document: "财政部 国家税务总局公告2023年第8号《关于延续实施残疾人就业保障金优惠政策的公告》",
    date: "2023-03-26",
    retroactiveFrom: "2023-01-01",
    url: "http://m.xjbaicao.net/cn/Instant/municipal/202303/t20230328_7388069.html",
    note: "Dated 2023-03-26 and valid 2023-01-01 to 2027-12-31; payers who had already paid may ask for a refund.",
  },
  administrativeCoercion45: {
    document: "《行政强制法》第四十五条 (加处罚款或者滞纳金的数额不得超出金钱给付义务的数额)",
    date: "2011",
    url: "http://crsrw.com/dianzishuiwu/124490.html",
    note: "The law is of 2011 and in force from 2012-01-01 (general knowledge; only the article text is confirmed by the URL).",
  },
  roundingConvention: {
    document: "levy-rules.md §4.2 (recommended engine convention)",
    date: "2026-11",
    kind: "convention",
    note: "No official statement on headcount decimals; exact arithmetic is kept and the switch is exposed.",
  },
  headcountMethodGuide: {
    document: "Engine default: 月平均人数 = (月初+月末)/2, as Jiangsu's 2017 实施办法 (seed 002 问题5) and daibanwang.com.cn/baike/213829 describe",
    date: "2026-11",
    kind: "convention",
    url: "https://www.daibanwang.com.cn/baike/213829.html",
    note: "72号 does not fix a national method; (start+end)/2 is the engine default for every period.",
  },
  partYearForum: {
    document: "Engine default: divide by 12 even for part-year employers (forum answer, undated)",
    date: "2026-11",
    kind: "convention",
    url: "http://www.electedteal.com/wenda/detail/nofollow/xt/9794941",
  },
  policyEnd2027: {
    document: "财政部 国家税务总局公告2023年第8号 (valid 2023-01-01 to 2027-12-31)",
    date: "2023-03-26",
    note: "No extension was known when these profiles were written (2026-11). Override tiersEnabled / smallEnterpriseThreshold if a newer notice extends them.",
  },
  smallEnterpriseAfter2027: {
    document: "财政部 国家税务总局公告2023年第8号 (≤30人企业继续免征 to 2027-12-31); 财税〔2017〕18号 set the ≤30 exemption without an end date",
    date: "2023-03-26",
    note:
      "Reading applied: the ≤30 exemption ends with 2023 No.8 on 2027-12-31. 98号 re-granted it as 暂免 for 2020–2022 and 2023 No.8 as 继续免征 to 2027-12-31; " +
      "the rules file (§1.4, §1.6) reads these as time-limited extensions and the later, specific texts govern. 18号 was not found to be repealed, so a collector may still apply it: " +
      "then override 免征人数上限 = 30.",
  },
  nationalDefaultAnnual: { document: "National default: annual filing", date: "2026-11", kind: "convention", note: "Provinces set the filing frequency; annual is the common case since 2020." },
  setByProvince: { document: "Set by each province (no national value)", date: "2015-09-09", kind: "convention" },
  minimumWageByLocality: { document: "Local minimum wage: set it in the parameter block (最低工资)", date: "2015-09-09", kind: "convention" },
  certification2026: { document: "2026 provincial notices: 残联联网认证 3/1–10/31 (common pattern)", date: "2026", note: "S-PROV, many provinces" },
  nationalFloorAssumed: {
    document: "《残疾人就业条例》第八条: national floor 1.5% (no provincial ratio text found)",
    date: "2007-02-14",
    note: "Assumed: no provincial text was found, so the national floor is used (rules file §6: memory/low).",
  },
} satisfies Record<string, RuleSource>;
