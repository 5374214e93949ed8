/**
 * The pane's 对账 (reconciliation) view: each bridge of the analysis (`audit.reconciliation`, the same object
 * `levy audit --json` prints) as a waterfall picture and, beside it, a table with the same figures whose rows select
 * the cells behind them (click-through). Plain DOM: the pane mounts the returned element where it likes.
 */
import type { Bilingual } from "../core/rules/types";
import type { BridgeJson } from "../reconciliation/bridge";
import type { ReconciliationJson } from "../reconciliation/reconcile";
import { BRIDGE_TITLES, reconciliationSheetRows } from "../reconciliation/sheet-rows";
import type { CellRef } from "../workbook/types";
import { waterfallSvg } from "./waterfall";
import type { WaterfallBar } from "./waterfall";

export type ViewLanguage = "zh-CN" | "en-US";

const T = {
  heading: { zh: "对账", en: "Reconciliation" },
  item: { zh: "项目", en: "Item" },
  amount: { zh: "金额/人数", en: "Amount" },
  cells: { zh: "单元格", en: "Cells" },
  select: { zh: "选中", en: "Select" },
  within: { zh: "在容差内", en: "within tolerance" },
  over: { zh: "超过容差", en: "above tolerance" },
  tolerance: { zh: "容差", en: "tolerance" },
  sources: { zh: "对账来源", en: "Sources" },
  chart: { zh: "瀑布图", en: "Waterfall chart" },
} satisfies Record<string, Bilingual>;

function pick(lang: ViewLanguage, b: Bilingual): string {
  return lang === "zh-CN" ? b.zh : b.en;
}

/** "1,234,567.89" for money, the decimal text as it is for headcounts. */
export function formatAmount(amount: string, measure: "wage" | "headcount"): string {
  if (measure === "headcount") return amount;
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(amount);
  if (!m) return amount;
  return `${m[1]}${m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${m[3] ?? ""}`;
}

/** The bars of a bridge: start, explained parts, the unexplained remainder, end. */
export function bridgeBars(lang: ViewLanguage, b: BridgeJson): Array<WaterfallBar & { cells: CellRef[] }> {
  return [
    { key: `${b.id}:from`, label: pick(lang, b.from.label), amount: b.from.amount, kind: "start", cells: b.from.cells },
    ...b.steps.map((s) => ({ key: `${b.id}:${s.id}`, label: pick(lang, s.label), amount: s.amount, kind: "step" as const, cells: s.cells })),
    { key: `${b.id}:unexplained`, label: pick(lang, b.unexplained.label), amount: b.unexplained.amount, kind: "unexplained", cells: [] },
    { key: `${b.id}:to`, label: pick(lang, b.to.label), amount: b.to.amount, kind: "end", cells: b.to.cells },
  ];
}

/** The accessible description of a bridge's picture, in words. */
export function bridgeDescription(lang: ViewLanguage, b: BridgeJson): string {
  const f = (a: string) => formatAmount(a, b.measure);
  const title = pick(lang, BRIDGE_TITLES[b.id] ?? { zh: b.id, en: b.id });
  const parts = b.steps.map((s) => `${pick(lang, s.label)} ${f(s.amount)}`).join(lang === "zh-CN" ? "；" : "; ");
  const status = pick(lang, b.status === "within-tolerance" ? T.within : T.over);
  return lang === "zh-CN"
    ? `${title}瀑布图：${pick(lang, b.from.label)} ${f(b.from.amount)}${parts ? `；${parts}` : ""}；${pick(lang, b.unexplained.label)} ${f(b.unexplained.amount)}（${status}）；${pick(lang, b.to.label)} ${f(b.to.amount)}。`
    : `${title} waterfall: ${pick(lang, b.from.label)} ${f(b.from.amount)}${parts ? `; ${parts}` : ""}; ${pick(lang, b.unexplained.label)} ${f(b.unexplained.amount)} (${status}); ${pick(lang, b.to.label)} ${f(b.to.amount)}.`;
}

function h(doc: Document, tag: string, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElement {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

/**
 * The 对账 view, or null when the workbook has no reconciliation source. `onSelect` receives the cells of the row
 * or bar the user activates (the pane selects them in the workbook).
 */
export function renderReconciliationView(doc: Document, rec: ReconciliationJson | undefined | null, lang: ViewLanguage, onSelect: (cells: CellRef[]) => void): HTMLElement | null {
  if (!rec || (rec.bridges.length === 0 && rec.sources.length === 0)) return null;
  const root = h(doc, "section", { class: "reconciliation", "aria-labelledby": "recon-heading", "data-key": "reconciliation" }, h(doc, "h2", { id: "recon-heading" }, pick(lang, T.heading)));
  rec.bridges.forEach((b, i) => {
    const titleId = `recon-bridge-${i}`;
    const bars = bridgeBars(lang, b);
    const fig = h(doc, "figure", { class: `bridge bridge-${b.status}`, "aria-labelledby": titleId, "data-bridge": b.id });
    fig.append(h(doc, "figcaption", { id: titleId }, `${pick(lang, BRIDGE_TITLES[b.id] ?? { zh: b.id, en: b.id })} · ${pick(lang, b.status === "within-tolerance" ? T.within : T.over)} (${pick(lang, T.tolerance)} ${b.tolerance})`));
    fig.append(
      waterfallSvg(doc, bars, {
        ariaLabel: bridgeDescription(lang, b),
        format: (a) => formatAmount(a, b.measure),
        onActivate: (bar) => {
          const cells = bars.find((x) => x.key === bar.key)?.cells ?? [];
          if (cells.length) onSelect(cells);
        },
      }),
    );
    // The table alternative: the same figures, each row with a button selecting its cells.
    const table = h(doc, "table", { class: "bridge-table" }, h(doc, "caption", { class: "visually-hidden" }, `${pick(lang, BRIDGE_TITLES[b.id] ?? { zh: b.id, en: b.id })} — ${pick(lang, T.chart)}`));
    table.append(h(doc, "thead", {}, h(doc, "tr", {}, h(doc, "th", { scope: "col" }, pick(lang, T.item)), h(doc, "th", { scope: "col" }, pick(lang, T.amount)), h(doc, "th", { scope: "col" }, pick(lang, T.cells)))));
    const body = h(doc, "tbody");
    for (const bar of bars) {
      const cellText = bar.cells.length ? bar.cells.slice(0, 2).map((c) => `${c.sheet}!${c.address}`).join(", ") + (bar.cells.length > 2 ? " …" : "") : "";
      const action = bar.cells.length
        ? (() => {
            const button = h(doc, "button", { type: "button", class: "link", "data-key": `recon-select:${bar.key}`, "aria-label": `${pick(lang, T.select)} ${bar.label}: ${cellText}` }, cellText);
            button.addEventListener("click", () => onSelect(bar.cells));
            return button;
          })()
        : "";
      const sign = bar.kind === "step" || bar.kind === "unexplained" ? (bar.amount.startsWith("-") ? "" : "+") : bar.kind === "end" ? "= " : "";
      body.append(h(doc, "tr", { class: `row-${bar.kind}` }, h(doc, "th", { scope: "row" }, bar.label), h(doc, "td", { class: "num" }, `${sign}${formatAmount(bar.amount, b.measure)}`), h(doc, "td", {}, action)));
    }
    table.append(body);
    fig.append(table);
    for (const n of b.notes) fig.append(h(doc, "p", { class: "note" }, pick(lang, n)));
    root.append(fig);
  });
  if (rec.sources.length) {
    const list = h(doc, "ul", { class: "recon-sources" });
    for (const s of rec.sources) {
      const button = h(doc, "button", { type: "button", class: "link", "data-key": `recon-source:${s.sheet}` }, `${s.sheet}`);
      button.addEventListener("click", () => onSelect([{ sheet: s.sheet, address: s.range }]));
      list.append(h(doc, "li", {}, button, ` — ${pick(lang, s.label)} (${s.rows.used}/${s.rows.read})`));
    }
    root.append(h(doc, "h3", {}, pick(lang, T.sources)), list);
  }
  return root;
}

/**
 * The pane's 写入底稿 with the 对账 rows appended (the same rows as the CLI working paper's 对账 sheet), when the
 * workbook has reconciliation sources; the paper unchanged otherwise.
 */
export function withReconciliationRows<P extends { rows: Array<Array<string | number | boolean | null>>; formats: (string | null)[][] }>(paper: P, rec: ReconciliationJson | undefined | null): P {
  if (!rec || (rec.bridges.length === 0 && rec.sources.length === 0)) return paper;
  const extra = [[null], ["对账 Reconciliation"], ["对账 Bridge", "项目 Item", "金额/人数 Amount", "单元格 Cells", "说明 Note"], ...reconciliationSheetRows(rec).map((r) => r.cells.map((c, i) => (i === 2 && c !== null && /^-?\d+(\.\d+)?$/.test(c) ? Number(c) : c)))];
  return { ...paper, rows: [...paper.rows, ...extra], formats: [...paper.formats, ...extra.map((r) => r.map((_, i) => (i === 2 ? "#,##0.00##" : null)))] };
}
