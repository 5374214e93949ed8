/**
 * REC_* findings about the reconciliation SOURCES themselves (rules.ts has the bridges and the certification list):
 * a source recognised but giving no bridge (never "clean" with nothing reconciled), a source for another year, amounts
 * converted from 万元 / 千元, the 币别 rows used, a sub-account's kind taken from its code, and a person the 残联 list
 * passes under another certificate number than the register's.
 */
import type { Bilingual } from "../core/rules/types";
import { makeFinding, listPeople } from "../validation/finding";
import { rule } from "../validation/context";
import type { RuleContext, RuleModule } from "../validation/context";
import type { Finding } from "../validation/types";
import { SOURCE_LABELS } from "../workbook/source-tables";
import type { SourceKind } from "../workbook/source-tables";
import type { CellRef } from "../workbook/types";
import { otherYearPeriod, SUB_ACCOUNT_LABELS, WAGE_SUB_ACCOUNTS } from "./read";
import { reconcile } from "./reconcile";
import type { Reconciliation } from "./reconcile";

const LAW_72 = "财税〔2015〕72号《残疾人就业保障金征收使用管理办法》第八条 (用人单位在职职工人数、工资总额)";
const LAW_72_CERT = "财税〔2015〕72号《残疾人就业保障金征收使用管理办法》第九条 (残疾人就业服务机构审核确认的安排残疾人就业人数)";
const CERT_STANDARD = "GB/T 26341-2010《残疾人残疾分类和分级》；中国残联《第二代中华人民共和国残疾人证》编号规则 (身份证号 + 残疾类别 + 残疾等级)";

const R = {
  REC_SOURCE_NOT_BRIDGED: rule(
    "REC_SOURCE_NOT_BRIDGED",
    "error",
    { zh: "对账来源已识别但没有形成对账", en: "A reconciliation source is recognised but gives no bridge" },
    {
      zh: "工作簿中有总账、A105050、个税或社保清单，但从中没有得到可与工资总额或人数对账的数字（原因见消息）：这些来源没有起到核对作用，其中的差异不会被发现。完全没有对账时为错误；只缺一部分（如个税只有收入额没有人数）时为警告。",
      en: "The workbook holds a ledger, A105050, IIT or social-insurance list, but no figure to bridge the wage total or headcount to came out of it (the message says why): the source checked nothing, and a difference in it would go unseen. An error when nothing is bridged; a warning when a part is missing (IIT income without people, say).",
    },
    LAW_72,
    { zh: "按消息所述修正来源（科目、所得项目、月份、期间），或删除不用于对账的工作表。", en: "Correct the source as the message says (accounts, income items, months, period), or remove the sheet if it is not meant for reconciliation." },
  ),
  REC_SOURCE_OTHER_YEAR: rule(
    "REC_SOURCE_OTHER_YEAR",
    "error",
    { zh: "对账来源的期间不是数据年度", en: "A reconciliation source is for another year" },
    {
      zh: "总账或A105050标题中的期间（期间、会计期间、税款所属期、所属年度）不是残保金的数据年度（申报年度的上一年）：与另一年的数字对账没有意义，即使金额相同也不能证明工资总额正确。该来源未用于对账。",
      en: "The period in the title of the ledger or A105050 (期间, 会计期间, 税款所属期, 所属年度) is not the levy's data year (the year before the filing year): a bridge to another year's figures proves nothing, even when the amounts agree. The source is not reconciled.",
    },
    LAW_72,
    { zh: "换成数据年度的科目余额表/明细账或A105050。", en: "Use the data year's ledger or A105050." },
  ),
  REC_SOURCE_UNIT_CONVERTED: rule(
    "REC_SOURCE_UNIT_CONVERTED",
    "info",
    { zh: "对账来源的金额单位已换算为元", en: "A reconciliation source's amounts were converted to yuan" },
    { zh: "总账或A105050的标题或表头写明金额单位为万元或千元：金额已乘以 10,000 或 1,000 换算为元再对账。以万元列示的金额精度有限，差异在末位单位的一半以内时可能只是四舍五入。", en: "The title or header of the ledger or A105050 states the amounts in 万元 (10,000 yuan) or 千元 (1,000 yuan): they are multiplied by 10,000 or 1,000 before the bridge. Amounts shown in 万元 are rounded; a difference within half a unit of the last digit may be rounding only." },
    LAW_72,
  ),
  REC_LEDGER_CURRENCY: rule(
    "REC_LEDGER_CURRENCY",
    "info",
    { zh: "科目余额表按币别分行：只用一种币别的行", en: "Trial balance with a row per currency: one currency's rows are used" },
    { zh: "金蝶等软件导出“所有币别”时，同一科目有“人民币”和“综合本位币”等多行，相加会重复计算。按“综合本位币”（或唯一的币别）计算，其余币别行不计入；有几种币别而没有综合本位币时无法确定，为错误。", en: "Exports of 所有币别 (all currencies) list an account once per currency and again as 综合本位币 (the base-currency total); adding them counts twice. The 综合本位币 rows (or the only currency) are used; with several currencies and no 综合本位币 row it cannot be told (an error)." },
    LAW_72,
    { zh: "导出时选择币别“综合本位币”或“人民币”。", en: "Export with the currency set to 综合本位币 or 人民币." },
  ),
  REC_LEDGER_KIND_INFERRED: rule(
    "REC_LEDGER_KIND_INFERRED",
    "warning",
    { zh: "明细科目的性质按科目编码推定", en: "A sub-account's kind is taken from its code" },
    { zh: "应付职工薪酬的明细科目只以部门等命名（如 22110101 管理部门），上级科目不在表中：按会计软件默认科目表把 221101 下的科目视为工资。若本单位 221101 不是工资，对账结果不可靠。", en: "Sub-accounts of 2211 are named by department only (22110101 管理部门) and their parent is not in the table: those under 221101 are taken as wages, as in the accounting software's default chart. If 221101 is not wages here, the bridge is unreliable." },
    LAW_72,
    { zh: "导出时包含上级科目（221101 工资）或科目全名（应付职工薪酬_工资_管理部门）。", en: "Export with the parent accounts (221101 工资) or full account names (应付职工薪酬_工资_管理部门)." },
  ),
  REC_CERT_NUMBER_CONFLICT: rule(
    "REC_CERT_NUMBER_CONFLICT",
    "error",
    { zh: "残联认证清单上的残疾人证号与名册不同", en: "The DPF list certifies a person under another certificate number than the register" },
    {
      zh: "残疾人证号末两位是残疾类别和等级，等级决定按 1 人还是 2 人计算。清单（认证机构的结论）上通过的证号与名册不同：清单的证号有效且属于此人时按清单计算；无法确定时（证号无效、不属于此人、或清单上有几个证号）此人不计入。两种情况都需要核对。",
      en: "The last two characters of the certificate number are the category and grade, and the grade decides whether the person counts 1 or 2. The list (the certifying body's answer) passes the person under another number than the register: when the list's number is valid and is this person's, the list is used; when that cannot be decided (invalid, another person's, or several numbers on the list) the person is not counted. Either way it must be checked.",
    },
    `${LAW_72_CERT}; ${CERT_STANDARD}`,
    { zh: "向残联核实当前有效的残疾人证号和等级，改正名册的残疾人证号和等级列。", en: "Confirm the current certificate number and grade with the DPF and correct the register's certificate and grade columns." },
  ),
};

type BridgedKind = Exclude<SourceKind, "certificationList">;

const EXPECTED: Record<BridgedKind, Array<{ id: string; measure: "wage" | "headcount"; label: Bilingual }>> = {
  ledger: [{ id: "wage-ledger", measure: "wage", label: { zh: "工资总额", en: "wage total" } }],
  citA105050: [{ id: "wage-cit", measure: "wage", label: { zh: "工资总额", en: "wage total" } }],
  iitSummary: [
    { id: "wage-iit", measure: "wage", label: { zh: "工资薪金收入额", en: "wage income" } },
    { id: "headcount-iit", measure: "headcount", label: { zh: "人数", en: "headcount" } },
  ],
  socialInsurance: [{ id: "headcount-social-insurance", measure: "headcount", label: { zh: "参保人数", en: "insured people" } }],
};

const at = (c: CellRef) => `${c.sheet}!${c.address}`;

/** Why a kind of source gave none (or not all) of its bridges, from what was read. */
function whyNot(kind: BridgedKind, measure: "wage" | "headcount", r: Reconciliation, ctx: RuleContext): Bilingual {
  const model = ctx.model;
  const wageKnown = model.wageSource === "payroll" || model.wageSource === "roster";
  if (measure === "wage" && !wageKnown) return { zh: "没有工资明细，工资总额无法与此来源对账", en: "there is no payroll detail, so the wage total cannot be bridged to it" };
  if (measure === "headcount" && !model.headcount) return { zh: "没有花名册人数，无法与此来源对账", en: "there is no roster headcount to bridge to it" };
  const srcs = r.sources.filter((s) => s.kind === kind);
  const used = srcs.reduce((a, s) => a + s.rows.used, 0);
  const read = srcs.reduce((a, s) => a + s.rows.read, 0);
  if (used === 0) {
    const n = srcs.flatMap((s) => s.rows.notes.map((x) => ({ ...x, sheet: s.sheet })))[0];
    if (read === 0) return { zh: "表中没有数据行", en: "the table has no data rows" };
    return n
      ? { zh: `全部 ${read} 行都未使用，例如 ${n.sheet} 第 ${n.row} 行：${n.reason.zh}`, en: `none of the ${read} rows is used, e.g. ${n.sheet} row ${n.row}: ${n.reason.en}` }
      : { zh: `全部 ${read} 行都未使用`, en: `none of the ${read} rows is used` };
  }
  if (kind === "ledger" && r.ledger) {
    const accounts = r.ledger.accounts;
    if (accounts.length === 0) return { zh: "没有应付职工薪酬（2211）科目的行", en: "no rows of account 2211 (employee pay payable)" };
    const found = accounts.filter((a) => !a.parent).map((a) => `${a.code ?? ""} ${a.name}（${SUB_ACCOUNT_LABELS[a.sub ?? "other"].zh}）`.trim());
    const foundEn = accounts.filter((a) => !a.parent).map((a) => `${a.code ?? ""} ${a.name} (${SUB_ACCOUNT_LABELS[a.sub ?? "other"].en})`.trim());
    if (!accounts.some((a) => !a.parent && a.sub !== null && WAGE_SUB_ACCOUNTS.includes(a.sub)))
      return { zh: `2211 的明细科目中没有工资、奖金、津贴和补贴（找到：${found.slice(0, 6).join("、")}），明细科目名称未说明性质时无法判断`, en: `no sub-account of 2211 is wages, bonuses or allowances (found: ${foundEn.slice(0, 6).join(", ")}); a name that does not say the kind cannot be judged` };
  }
  if (kind === "citA105050" && r.cit && !r.cit.lines.get("wages")) return { zh: "A105050 中没有第1行 工资薪金支出", en: "A105050 has no line 1 (wages)" };
  if (kind === "iitSummary" && r.iit) {
    const hasPeople = r.iit.months.some((m) => m && m.people !== null);
    const hasIncome = r.iit.months.some((m) => m && m.amount !== null);
    if (measure === "headcount" && !hasPeople) return { zh: "用到的行没有人数（没有人数列，或所得项目都不是正常工资薪金）", en: "the rows used carry no count of people (no people column, or no row of ordinary wage income)" };
    if (measure === "wage" && !hasIncome) return { zh: "用到的行没有收入额", en: "the rows used carry no income" };
  }
  if (kind === "socialInsurance" && r.socialInsurance && !r.socialInsurance.months.some((m) => m && m.people !== null)) return { zh: "用到的行没有参保人数", en: "the rows used carry no count of insured people" };
  return { zh: "没有可对账的数字", en: "no figure to bridge" };
}

export const sourceRules: RuleModule = {
  rules: Object.values(R),
  check(ctx) {
    const out: Finding[] = [];
    const tables = ctx.model.sourceTables ?? [];
    if (tables.length === 0) return out;
    const r = reconcile(ctx.model);
    const dataYear = ctx.model.period.dataYear;

    // Another year's ledger or A105050.
    const otherYear = tables.map((t) => ({ t, p: otherYearPeriod(t, dataYear) })).filter((x) => x.p !== null);
    for (const { t, p } of otherYear) {
      out.push(
        makeFinding(R.REC_SOURCE_OTHER_YEAR, {
          message: {
            zh: `“${t.sheetName}”（${SOURCE_LABELS[t.kind].zh}）标题中的期间为 ${p!.years.join("、")} 年（“${p!.text}”），数据年度为 ${dataYear} 年：未用于对账。`,
            en: `"${t.sheetName}" (${SOURCE_LABELS[t.kind].en}) gives its period as ${p!.years.join(", ")} ("${p!.text}"); the data year is ${dataYear}: not reconciled.`,
          },
          cells: p!.cell ? [p!.cell] : [],
        }),
      );
    }

    // Recognised sources that gave no bridge (or not all of theirs).
    for (const kind of Object.keys(EXPECTED) as BridgedKind[]) {
      const mine = tables.filter((t) => t.kind === kind);
      if (mine.length === 0) continue;
      if (mine.every((t) => otherYear.some((x) => x.t === t))) continue; // REC_SOURCE_OTHER_YEAR says why
      const expected = EXPECTED[kind];
      const missing = expected.filter((e) => !r.bridges.some((b) => b.id === e.id));
      if (missing.length === 0) continue;
      const none = missing.length === expected.length;
      const trim = (b: Bilingual): Bilingual => ({ zh: b.zh.replace(/[。．.]+$/, ""), en: b.en.replace(/[。．.]+$/, "") });
      // One reason for several missing bridges is said once ("no wage income and headcount bridge: …").
      const reasons: Array<{ m: { label: Bilingual }; why: Bilingual }> = [];
      for (const m of missing) {
        const why = trim(whyNot(kind, m.measure, r, ctx));
        const same = reasons.find((x) => x.why.zh === why.zh);
        if (same) same.m = { label: { zh: `${same.m.label.zh}和${m.label.zh}`, en: `${same.m.label.en} and ${m.label.en}` } };
        else reasons.push({ m, why });
      }
      const sheets = [...new Set(mine.map((t) => t.sheetName))];
      const range = r.sources.filter((s) => s.kind === kind).map((s) => ({ sheet: s.sheet, address: s.range }));
      out.push(
        makeFinding(R.REC_SOURCE_NOT_BRIDGED, {
          severity: none ? "error" : "warning",
          message: {
            zh: `${SOURCE_LABELS[kind].zh}“${sheets.join("”、“")}”已识别，但${reasons.map((x) => `没有${x.m.label.zh}对账：${x.why.zh}`).join("；")}。`,
            en: `The ${SOURCE_LABELS[kind].en} "${sheets.join('", "')}" is recognised, but ${reasons.map((x) => `there is no ${x.m.label.en} bridge: ${x.why.en}`).join("; ")}.`,
          },
          cells: range,
        }),
      );
    }

    // 万元 / 千元 converted.
    for (const u of [...(r.ledger?.units ?? []), ...(r.cit?.units ?? [])]) {
      out.push(
        makeFinding(R.REC_SOURCE_UNIT_CONVERTED, {
          message: { zh: `“${u.sheet}”的金额单位为${u.unit}（${at(u.cell)}“${u.text}”）：已乘以 ${u.factor.toLocaleString("en-US")} 换算为元。`, en: `"${u.sheet}" states its amounts in ${u.unit} (${at(u.cell)} "${u.text}"): multiplied by ${u.factor.toLocaleString("en-US")} to yuan.` },
          cells: [u.cell],
        }),
      );
    }

    // 币别 rows.
    for (const c of r.ledger?.currencies ?? []) {
      if (c.used !== null && c.skipped.length === 0) continue;
      out.push(
        makeFinding(R.REC_LEDGER_CURRENCY, {
          severity: c.used === null ? "error" : "info",
          message:
            c.used === null
              ? { zh: `“${c.sheet}”按币别分行（${c.skipped.join("、")}），没有“综合本位币”行：无法确定按哪种币别计算，未对账。`, en: `"${c.sheet}" has a row per currency (${c.skipped.join(", ")}) and no 综合本位币 row: which to use cannot be told; not reconciled.` }
              : { zh: `“${c.sheet}”按币别分行：按“${c.used}”行计算，“${c.skipped.join("”、“")}”行不重复计入。`, en: `"${c.sheet}" has a row per currency: the "${c.used}" rows are used; the "${c.skipped.join('", "')}" rows are not counted again.` },
          cells: [c.cell],
        }),
      );
    }

    // Sub-account kinds from the code.
    const inferred = (r.ledger?.accounts ?? []).filter((a) => a.inferred);
    if (inferred.length) {
      out.push(
        makeFinding(R.REC_LEDGER_KIND_INFERRED, {
          message: {
            zh: `${inferred.map((a) => `${a.code} ${a.name}`).join("、")}：名称未说明性质、上级科目 221101 不在表中，按默认科目表视为工资。`,
            en: `${inferred.map((a) => `${a.code} ${a.name}`).join(", ")}: the names do not say the kind and the parent 221101 is not in the table; taken as wages by the default chart.`,
          },
          cells: inferred.flatMap((a) => a.creditCells.slice(0, 1)),
          rows: inferred.length,
        }),
      );
    }

    // Certificate numbers: the list against the register.
    const conflicts = r.certification?.certificateConflicts ?? [];
    if (conflicts.length) {
      const one = (c: (typeof conflicts)[number]) => {
        const g = (n: number | null) => (n === null ? "?" : String(n));
        return {
          zh: `${c.person}：名册 ${c.registerNo}（${at(c.registerCell)}，${g(c.registerGrade)}级），清单 ${c.listNo}（${c.listCells.map(at).join("、")}，${g(c.listGrade)}级）——${c.outcome === "followed" ? "按清单计算" : "无法确定，不计入"}`,
          en: `${c.person}: register ${c.registerNo} (${at(c.registerCell)}, grade ${g(c.registerGrade)}), list ${c.listNo} (${c.listCells.map(at).join(", ")}, grade ${g(c.listGrade)}) — ${c.outcome === "followed" ? "the list is used" : "cannot be decided, not counted"}`,
        };
      };
      const parts = conflicts.map(one);
      out.push(
        makeFinding(R.REC_CERT_NUMBER_CONFLICT, {
          message: {
            zh: `残联认证结果清单上通过的残疾人证号与名册不同（${listPeople(parts.map((p) => p.zh), 5).zh}）。`,
            en: `The certification list passes ${conflicts.length === 1 ? "a person" : `${conflicts.length} people`} under another certificate number than the register (${listPeople(parts.map((p) => p.en), 5).en}).`,
          },
          cells: conflicts.flatMap((c) => [c.registerCell, ...c.listCells]),
          rows: conflicts.length,
        }),
      );
    }
    return out;
  },
};

export const SOURCE_RULES = R;
