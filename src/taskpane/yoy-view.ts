/**
 * The pane's 同比 (year-over-year) view, issue 10 §3: why this year's payable (form column 12) differs from last
 * year's, as a waterfall whose parts sum exactly to the change. Last year's filing comes from a snapshot JSON the user
 * picks (read in the browser with File.text(); nothing is sent anywhere) or from a hidden 快照 sheet of the open
 * workbook whose filing year is the year before this run's. This year's is the snapshot of the current run. The bridge
 * is the core's (src/core/levy/yoy.ts through src/snapshot/yoy-filing.ts, the same as `levy audit --last-year`).
 * Plain DOM; registered as a tab with ui.ts registerView (registerYoyView, called by taskpane.ts).
 */
import { ZERO, dec } from "../core/decimal";
import { YoyError, yoyBridge, yoyWaterfall, type YoyBridge } from "../core/levy/yoy";
import type { Bilingual } from "../core/rules/types";
import { snapshotDigest } from "../snapshot/build";
import { parseSnapshot } from "../snapshot/parse";
import { SnapshotError, type Snapshot } from "../snapshot/types";
import { filingOf } from "../snapshot/yoy-filing";
import type { PaneController, PaneState } from "./pane";
import { formatAmount } from "./reconciliation-view";
import { registerView } from "./ui";
import { waterfallSvg, type WaterfallBar } from "./waterfall";

export type YoyLanguage = "zh-CN" | "en-US";

export const YOY_VIEW = "yoy";

const T = {
  tab: { zh: "同比", en: "YoY" },
  heading: { zh: "同比分析：应补（退）费额为何变化", en: "Year over year: why the payable changed" },
  pick: { zh: "选择上年快照（.json）", en: "Pick last year's snapshot (.json)" },
  private: { zh: "文件只在本机读取，不会上传。", en: "The file is read on this computer only; nothing is uploaded." },
  calculateFirst: { zh: "请先计算本年度，再做同比分析。", en: "Calculate this year first, then compare with last year." },
  noLastYear: {
    zh: "未找到上年快照：请选择上年用 levy audit --snapshot 导出的快照文件，或上年在本工作簿写入底稿时保存的快照。",
    en: "No snapshot of last year found: pick the snapshot file last year's levy audit --snapshot wrote, or write last year's working paper in this workbook.",
  },
  item: { zh: "项目", en: "Item" },
  amount: { zh: "金额（元）", en: "Amount (yuan)" },
  changed: { zh: "变化（上年 → 本年）", en: "What changed (last → this year)" },
  chart: { zh: "同比瀑布图", en: "Year-over-year waterfall" },
} satisfies Record<string, Bilingual>;

function pick(lang: YoyLanguage, b: Bilingual): string {
  return lang === "zh-CN" ? b.zh : b.en;
}

function h(doc: Document, tag: string, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElement {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

const money = (a: string): string => formatAmount(a, "wage");

/** Last year's snapshot as the view uses it, and where it came from. */
export interface LastYear {
  snapshot: Snapshot;
  /** The file name picked, or the workbook sheet it was found on. */
  from: { kind: "file" | "sheet"; name: string };
}

/** Last year's snapshot among those in the workbook: the one whose filing year is the year before this run's. */
export function lastYearInWorkbook(current: Snapshot, filed: ReadonlyArray<{ sheet: string; snapshot: Snapshot }>): LastYear | null {
  const found = filed.filter((f) => f.snapshot.period.filingYear === current.period.filingYear - 1);
  const last = found[found.length - 1];
  return last ? { snapshot: last.snapshot, from: { kind: "sheet", name: last.sheet } } : null;
}

/** Reads a picked snapshot file (File.text(), in the browser); a file that is not a snapshot is refused with the reason. */
export async function readSnapshotFile(file: Pick<File, "name" | "text">): Promise<LastYear> {
  return { snapshot: parseSnapshot(await file.text()), from: { kind: "file", name: file.name } };
}

/** The bars of the bridge: last year's payable, each step (the residue included), this year's payable. */
export function yoyBars(lang: YoyLanguage, b: YoyBridge): WaterfallBar[] {
  const ids = ["start", ...b.steps.map((s) => s.id), "end"];
  return yoyWaterfall(b).map((w, i) => ({ key: `yoy:${ids[i]}`, label: lang === "zh-CN" ? w.label_zh : w.label_en, amount: w.amount, kind: w.kind }));
}

/** The sum of the parts, and whether it equals the change in the filed payables (it must, to the fen). */
export function yoySumCheck(b: YoyBridge): { sum: string; change: string; equal: boolean } {
  const sum = b.steps.reduce((acc, s) => acc.plus(dec(s.amount)), ZERO);
  const change = dec(b.thisYear.payable).minus(dec(b.lastYear.payable));
  return { sum: sum.toFixed(2), change: change.toFixed(2), equal: sum.eq(change) && change.eq(dec(b.change)) };
}

/** The picture's accessible name: the whole bridge in words. */
export function yoyDescription(lang: YoyLanguage, b: YoyBridge): string {
  const sep = lang === "zh-CN" ? "；" : "; ";
  const parts = b.steps.map((s) => `${pick(lang, s.label)} ${money(s.amount)}`).join(sep);
  return lang === "zh-CN"
    ? `同比瀑布图：${b.lastYear.filingYear}年应补（退）费额 ${money(b.lastYear.payable)}；${parts}；${b.thisYear.filingYear}年应补（退）费额 ${money(b.thisYear.payable)}；变动 ${money(b.change)}，等于各项之和。`
    : `Year-over-year waterfall: payable ${b.lastYear.filingYear} ${money(b.lastYear.payable)}; ${parts}; payable ${b.thisYear.filingYear} ${money(b.thisYear.payable)}; change ${money(b.change)}, the sum of the parts.`;
}

function signed(amount: string): string {
  return `${amount.startsWith("-") ? "" : "+"}${money(amount)}`;
}

/** Warnings about the pair: a different employer, or a snapshot edited since it was written (its digest). */
export function pairWarnings(last: Snapshot, current: Snapshot): Bilingual[] {
  const out: Bilingual[] = [];
  if (snapshotDigest(last) !== last.digest) {
    out.push({ zh: "上年快照的校验值不符：快照在写出后被修改过，其数字不一定是当年申报的数。", en: "Last year's snapshot fails its digest check: it was edited after it was written, so its figures may not be what was filed." });
  }
  if (last.employer.uscc && current.employer.uscc && last.employer.uscc !== current.employer.uscc) {
    out.push({ zh: `上年快照的统一社会信用代码（${last.employer.uscc}）与本年（${current.employer.uscc}）不同：不是同一单位。`, en: `Last year's snapshot is for another employer (USCC ${last.employer.uscc}, this year ${current.employer.uscc}).` });
  }
  return out;
}

/**
 * The 同比 view's content. `current` is this run's snapshot (null before a calculation); `last` last year's, when
 * found or picked; `error` why a picked file was refused; `onFile` receives the file the user picks.
 */
export function renderYoyView(
  doc: Document,
  lang: YoyLanguage,
  input: { current: Snapshot | null | undefined; last: LastYear | null; error?: Bilingual | null; filedError?: Bilingual | null },
  onFile: (file: File) => void,
): HTMLElement {
  const root = h(doc, "section", { class: "yoy", "aria-labelledby": "yoy-heading", "data-key": "yoy" }, h(doc, "h2", { id: "yoy-heading" }, pick(lang, T.heading)));
  const inputEl = h(doc, "input", { type: "file", id: "yoy-file", accept: ".json,application/json", "data-key": "yoy-file", "aria-describedby": "yoy-private" }) as HTMLInputElement;
  inputEl.addEventListener("change", () => {
    const file = inputEl.files?.[0];
    if (file) onFile(file);
  });
  root.append(h(doc, "div", { class: "field yoy-pick" }, h(doc, "label", { for: "yoy-file" }, pick(lang, T.pick)), inputEl, h(doc, "p", { id: "yoy-private", class: "hint" }, pick(lang, T.private))));
  for (const e of [input.error, input.filedError]) if (e) root.append(h(doc, "p", { class: "yoy-error", role: "alert" }, pick(lang, e)));
  const current = input.current;
  if (!current) {
    root.append(h(doc, "p", { class: "yoy-empty" }, pick(lang, T.calculateFirst)));
    return root;
  }
  if (!input.last) {
    root.append(h(doc, "p", { class: "yoy-empty" }, pick(lang, T.noLastYear)));
    return root;
  }
  let bridge: YoyBridge;
  try {
    bridge = yoyBridge(filingOf(input.last.snapshot), filingOf(current));
  } catch (error) {
    const detail = error instanceof YoyError || error instanceof SnapshotError ? (error as { detail?: Bilingual }).detail : undefined;
    const text = detail ?? { zh: `无法做同比分析：${(error as Error).message}`, en: `The year-over-year bridge cannot be made: ${(error as Error).message}` };
    root.append(h(doc, "p", { class: "yoy-error", role: "alert" }, pick(lang, text)));
    return root;
  }
  const source = input.last.from.kind === "file" ? { zh: `上年快照：文件“${input.last.from.name}”`, en: `Last year's snapshot: file "${input.last.from.name}"` } : { zh: `上年快照：本工作簿的隐藏工作表“${input.last.from.name}”`, en: `Last year's snapshot: hidden sheet "${input.last.from.name}" of this workbook` };
  root.append(h(doc, "p", { class: "yoy-source", "data-key": "yoy-source" }, pick(lang, source)));
  for (const w of pairWarnings(input.last.snapshot, current)) root.append(h(doc, "p", { class: "yoy-warning", role: "alert" }, pick(lang, w)));

  const bars = yoyBars(lang, bridge);
  const fig = h(doc, "figure", { class: "bridge yoy-bridge", "aria-labelledby": "yoy-caption" });
  fig.append(h(doc, "figcaption", { id: "yoy-caption" }, `${pick(lang, T.chart)} ${bridge.lastYear.filingYear} → ${bridge.thisYear.filingYear}`));
  fig.append(waterfallSvg(doc, bars, { ariaLabel: yoyDescription(lang, bridge), format: money }));
  // The table alternative: the same figures, with what changed in each step.
  const table = h(doc, "table", { class: "bridge-table yoy-table" }, h(doc, "caption", { class: "visually-hidden" }, pick(lang, T.chart)));
  table.append(h(doc, "thead", {}, h(doc, "tr", {}, h(doc, "th", { scope: "col" }, pick(lang, T.item)), h(doc, "th", { scope: "col" }, pick(lang, T.amount)), h(doc, "th", { scope: "col" }, pick(lang, T.changed)))));
  const body = h(doc, "tbody");
  const row = (kind: string, key: string, label: string, amount: string, changed: string) =>
    body.append(h(doc, "tr", { class: `row-${kind}`, "data-key": key }, h(doc, "th", { scope: "row" }, label), h(doc, "td", { class: "num" }, amount), h(doc, "td", {}, changed)));
  row("start", "yoy-row:start", bars[0].label, money(bridge.lastYear.payable), "");
  bridge.steps.forEach((s, i) => {
    const changed = s.changes.map((c) => `${pick(lang, c.label)} ${c.from} → ${c.to}`).join(lang === "zh-CN" ? "；" : "; ");
    row("step", `yoy-row:${s.id}`, bars[i + 1].label, signed(s.amount), [changed, s.note ? pick(lang, s.note) : ""].filter(Boolean).join(" — "));
  });
  row("end", "yoy-row:end", bars[bars.length - 1].label, `= ${money(bridge.thisYear.payable)}`, "");
  table.append(body);
  fig.append(table);
  root.append(fig);

  // The sum check, in figures: the parts add up to the change in the filed payables, to the fen.
  const check = yoySumCheck(bridge);
  const sumText = check.equal
    ? {
        zh: `各项之和 ${signed(check.sum)} = 本年 ${money(bridge.thisYear.payable)} − 上年 ${money(bridge.lastYear.payable)} = 变动 ${signed(check.change)} ✓`,
        en: `Sum of the parts ${signed(check.sum)} = this year ${money(bridge.thisYear.payable)} − last year ${money(bridge.lastYear.payable)} = change ${signed(check.change)} ✓`,
      }
    : {
        zh: `错误：各项之和 ${signed(check.sum)} 不等于变动 ${signed(check.change)}，此分析不可用。`,
        en: `Error: the parts sum to ${signed(check.sum)}, not the change ${signed(check.change)}; do not use this bridge.`,
      };
  root.append(h(doc, "p", { class: check.equal ? "yoy-sum" : "yoy-sum yoy-error", "data-key": "yoy-sum", ...(check.equal ? {} : { role: "alert" }) }, pick(lang, sumText)));
  for (const n of bridge.notes) root.append(h(doc, "p", { class: "note" }, pick(lang, n)));
  root.append(h(doc, "p", { class: "note yoy-method" }, pick(lang, bridge.method)));
  return root;
}

/** What the view keeps between renders: the picked file's snapshot (or why it was refused). */
interface Picked {
  last: LastYear | null;
  error: Bilingual | null;
}

/** Adds the 同比 tab to the pane (call before mountPane). */
export function registerYoyView(): void {
  const picked = new WeakMap<PaneController, Picked>();
  let shown: { panel: HTMLElement; key: unknown[] } | null = null;
  const render = (panel: HTMLElement, state: PaneState, controller: PaneController): void => {
    const p = picked.get(controller) ?? { last: null, error: null };
    const audit = state.audit;
    const current = audit?.snapshot ?? null;
    const last = p.last ?? (current ? lastYearInWorkbook(current, audit?.filed?.snapshots ?? []) : null);
    // Rendered again only when what it shows changes (the file input keeps its focus while the pane re-renders).
    const key = [state.language, audit, p.last, p.error];
    if (shown && shown.panel === panel && shown.key.every((k, i) => k === key[i])) return;
    shown = { panel, key };
    const lang: YoyLanguage = state.language === "zh-CN" ? "zh-CN" : "en-US";
    const view = renderYoyView(panel.ownerDocument, lang, { current, last, error: p.error, filedError: audit?.filed?.error ?? null }, (file) => {
      readSnapshotFile(file).then(
        (l) => picked.set(controller, { last: l, error: null }),
        (e: unknown) => picked.set(controller, { last: p.last, error: e instanceof SnapshotError ? e.detail : { zh: `无法读取“${file.name}”。`, en: `Cannot read "${file.name}".` } }),
      ).finally(() => render(panel, controller.state, controller));
    });
    panel.replaceChildren(view);
  };
  registerView({ view: YOY_VIEW, label: T.tab, render });
}
