/**
 * A waterfall chart as inline SVG: a start bar, floating bars for each part (up or down), an unexplained bar drawn
 * apart (hatched), and an end bar. Accessible: the <svg> is role="img" with an aria-label that says the whole story in
 * words, and the caller puts a table beside it with the same figures (the chart is never the only place they are).
 * Values arrive as exact decimal text; numbers are used only for the geometry.
 */

export interface WaterfallBar {
  key: string;
  label: string;
  /** Exact decimal text of the bar's amount (a total for "start"/"end", a change otherwise). */
  amount: string;
  kind: "start" | "step" | "unexplained" | "end";
  /** Shown when the bar is activated (click-through to cells). */
  title?: string;
}

export interface WaterfallOptions {
  width?: number;
  barHeight?: number;
  /** The accessible name of the picture. */
  ariaLabel: string;
  /** Formats an amount for the labels on the bars. */
  format: (amount: string) => string;
  onActivate?: (bar: WaterfallBar) => void;
}

const SVG = "http://www.w3.org/2000/svg";

function el<K extends keyof SVGElementTagNameMap>(doc: Document, tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const e = doc.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** Horizontal waterfall: one row per bar, so long Chinese labels fit a narrow pane. */
export function waterfallSvg(doc: Document, bars: readonly WaterfallBar[], options: WaterfallOptions): SVGSVGElement {
  const width = options.width ?? 320;
  const rowH = options.barHeight ?? 22;
  const labelW = Math.round(width * 0.42);
  const plotW = width - labelW - 8;
  // Running positions (start and end of each bar on the value axis).
  let running = 0;
  const spans = bars.map((b) => {
    const v = Number(b.amount);
    if (b.kind === "start" || b.kind === "end") {
      running = b.kind === "start" ? v : running;
      return { from: 0, to: b.kind === "end" ? v : v };
    }
    const from = running;
    running += v;
    return { from, to: running };
  });
  const lo = Math.min(0, ...spans.map((s) => Math.min(s.from, s.to)));
  const hi = Math.max(0, ...spans.map((s) => Math.max(s.from, s.to)));
  const scale = hi - lo > 0 ? plotW / (hi - lo) : 0;
  const x = (v: number) => labelW + (v - lo) * scale;
  const height = bars.length * rowH + 8;
  const svg = el(doc, "svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", "aria-label": options.ariaLabel, class: "waterfall", focusable: "false" });
  const title = el(doc, "title", {});
  title.textContent = options.ariaLabel;
  svg.appendChild(title);
  const defs = el(doc, "defs", {});
  const pattern = el(doc, "pattern", { id: `hatch-${Math.random().toString(36).slice(2, 8)}`, width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" });
  pattern.appendChild(el(doc, "rect", { width: 6, height: 6, fill: "#fde7e9" }));
  pattern.appendChild(el(doc, "line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#a4262c", "stroke-width": 3 }));
  defs.appendChild(pattern);
  svg.appendChild(defs);
  svg.appendChild(el(doc, "line", { x1: x(0), y1: 0, x2: x(0), y2: height, stroke: "#8a8886", "stroke-width": 1 }));
  bars.forEach((b, i) => {
    const s = spans[i];
    const y = i * rowH + 4;
    const g = el(doc, "g", { class: `bar bar-${b.kind}`, "data-key": b.key });
    const label = el(doc, "text", { x: 0, y: y + rowH * 0.65, "font-size": 11, fill: "#323130" });
    label.textContent = b.label.length > 14 ? `${b.label.slice(0, 13)}…` : b.label;
    g.appendChild(label);
    const left = Math.min(x(s.from), x(s.to));
    const w = Math.max(1, Math.abs(x(s.to) - x(s.from)));
    const fill = b.kind === "unexplained" ? `url(#${pattern.getAttribute("id")})` : b.kind === "step" ? (Number(b.amount) >= 0 ? "#107c10" : "#d83b01") : "#0f6cbd";
    const rect = el(doc, "rect", { x: left, y: y + 2, width: w, height: rowH - 6, fill, stroke: b.kind === "unexplained" ? "#a4262c" : "none" });
    const tip = el(doc, "title", {});
    tip.textContent = `${b.label}: ${options.format(b.amount)}${b.title ? ` — ${b.title}` : ""}`;
    rect.appendChild(tip);
    g.appendChild(rect);
    if (options.onActivate) {
      g.setAttribute("style", "cursor:pointer");
      g.addEventListener("click", () => options.onActivate!(b));
    }
    svg.appendChild(g);
  });
  return svg;
}
