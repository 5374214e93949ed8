/**
 * Human-readable, bilingual rendering of a calculation for the terminal. Shared by `levy calc` and `levy audit`.
 * Money is shown with thousands separators; the figures are the same decimal strings the JSON carries.
 */
import { dec, display2, moneyDisplay } from "../core/decimal";
import type { LevyResultJson } from "../core/levy/serialize";
import { CONFIDENCE_LABELS, citationLine } from "../core/rules/sources";
import { exactText } from "../core/levy/trail-labels";

const REDUCTION_TEXT: Record<string, string> = {
  none: "无减免 none",
  "tier-50": "按50%缴纳 upper band, pays 50%",
  "tier-90": "按90%缴纳 lower band, pays 90%",
  "small-enterprise": "30人以下企业免征 small-enterprise exemption",
};

/** East Asian wide characters take two terminal columns. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

export function padEndDisplay(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

export function padStartDisplay(text: string, width: number): string {
  return " ".repeat(Math.max(0, width - displayWidth(text))) + text;
}

export function formatCalculation(r: LevyResultJson): string {
  const pct = (s: string) => `${dec(s).times(100).toString()}%`;
  const rows: Array<[string, string, string]> = [
    ["4", "上年在职职工工资总额 Wage total", moneyDisplay(dec(r.wageTotal))],
    ["5", "上年在职职工人数 Headcount", display2(dec(r.headcount))],
    ["6", "应安排比例 Quota ratio", pct(r.quotaRatio)],
    ["7", "实际安排残疾人数 Certified disabled", display2(dec(r.certifiedDisabled))],
    ["8", "年平均工资 Average wage", moneyDisplay(dec(r.averageWage))],
    ["", "封顶额 Wage cap", r.wageCap === null ? "未检查 not checked" : moneyDisplay(dec(r.wageCap))],
    ["", "计费基数 Wage base", moneyDisplay(dec(r.wageBase))],
    ["", "应安排人数 Required", display2(dec(r.required))],
    ["", "差额人数 Shortfall", display2(dec(r.shortfall))],
    ["9", "本期应纳费额 Gross levy", moneyDisplay(dec(r.grossDue))],
    ["10", "本期减免费额 Reduction", moneyDisplay(dec(r.reduction))],
    ["", "减免类型 Reduction kind", REDUCTION_TEXT[r.reductionKind] ?? r.reductionKind],
    ["11", "本期已缴费额 Already paid", moneyDisplay(dec(r.alreadyPaid))],
    ["12", "本期应补（退）费额 Payable", moneyDisplay(dec(r.payable))],
  ];
  const labelWidth = Math.max(...rows.map((row) => displayWidth(row[1])));
  const valueWidth = Math.max(...rows.map((row) => displayWidth(row[2])));
  const lines = [
    `残保金计算 Levy calculation — ${r.region.label.zh} / ${r.region.label.en} · 申报年度 filing year ${r.filingYear} (数据年度 data year ${r.dataYear}, 申报日期 filing date ${r.filingDate})`,
    `${padEndDisplay("栏次", 5)} ${padEndDisplay("项目 Item", labelWidth)}  ${padStartDisplay("值 Value", valueWidth)}`,
    ...rows.map(([col, label, value]) => `${padStartDisplay(col, 4)}  ${padEndDisplay(label, labelWidth)}  ${padStartDisplay(value, valueWidth)}`),
  ];
  // Figures shown to two decimals whose exact value has more: say the amounts use the exact values.
  const exact = ([["差额人数 shortfall", r.shortfall], ["在职职工人数 headcount", r.headcount], ["年平均工资 average wage", r.averageWage]] as const).filter(([, v]) => dec(v).decimalPlaces() > 2);
  if (exact.length > 0) {
    lines.push(
      `      注：人数和平均工资显示两位小数，金额按精确值计算（${exact.map(([k, v]) => `${k.split(" ")[0]} ${exactText(v)}`).join("，")}）。`,
      `      Note: headcounts and average wages show two decimals; amounts use the exact values (${exact.map(([k, v]) => `${k.split(" ")[1]}${k.split(" ")[2] ? ` ${k.split(" ")[2]}` : ""} ${exactText(v)}`).join(", ")}).`,
    );
  }
  if (r.notes.length > 0) {
    lines.push("", "说明 Notes:");
    for (const n of r.notes) lines.push(`  [${n.severity}] ${n.code}: ${n.message.zh}`, `      ${n.message.en}`);
  }
  const unverified = r.parameters.filter((p) => p.used && p.confidence !== "confirmed");
  if (unverified.length > 0) {
    lines.push("", "待核实的规则参数 Parameters to verify:");
    for (const p of unverified) {
      const c = (CONFIDENCE_LABELS as Record<string, { zh: string; en: string }>)[p.confidence];
      lines.push(`  ${p.name} = ${String(p.value)}（${c ? `${c.zh} ${c.en}` : p.confidence}）— ${citationLine(p.source)}`);
    }
  }
  return lines.join("\n") + "\n";
}
