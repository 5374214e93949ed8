/**
 * The task pane's DOM: plain elements rendered from PaneController.state (no framework). Rendering replaces the
 * views' content and puts the keyboard focus back where it was (elements carry a stable data-key), so re-rendering
 * after every change never loses the user's place. Progress updates touch only the progress bar.
 */
import type { Bilingual } from "../core/rules/types";
import { ruleInfo } from "../validation/registry";
import type { Finding } from "../validation/types";
import { TEXT, colon, other, parens, pick, t, type Language, type TextKey } from "./i18n";
import type { PaneController, PaneState, View } from "./pane";
import { renderReconciliationView } from "./reconciliation-view";
import packageJson from "../../package.json";
import { ALL_PROFILES } from "../core/rules/resolve";
import { copyAllText, formHeader, formRows, keepTogether, type FormRow } from "./form-view";
import { sortedGroups, type FindingEntry } from "./findings-view";
import { u, uBoth, type UiKey } from "./ui-text";
import { payableSeries, whatIf, type ChartPoint } from "./what-if";
import { FIELD_OPTIONS, ROLE_OPTIONS, columnKey, fatalCandidates, fieldOptionForId, kindLabel, optionText, sheetRoles } from "./mapping-view";
import {
  bandView,
  describeCells,
  entityOptions,
  filingYearOptions,
  formCard,
  formatMoney,
  formatAmount,
  formCardNote,
  rowsText,
  sourceText,
  groupFindings,
  regionLabel,
  regionOptions,
  ruleCodes,
  severityCounts,
  trailTree,
  ENTITY_LABELS,
  REDUCTION_LABELS,
  workbookDefaults,
  type TrailNode,
} from "./view-model";

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** Any element by tag name (the Fluent custom elements are not in HTMLElementTagNameMap). */
export function el(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    e.setAttribute(name, value === true ? "" : String(value));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

/**
 * A Fluent button. Its name is its text (never aria-label: axe cannot see the role Fluent sets in ElementInternals).
 * `busy` keeps it focusable but inert while a run is going (disabled-focusable), so the focus never falls to <body>.
 */
export function fbutton(attrs: Attrs & { primary?: boolean; busy?: boolean; small?: boolean }, ...children: Child[]): HTMLElement {
  const { primary, busy, small, disabled, ...rest } = attrs;
  return el(
    "fluent-button",
    { ...rest, appearance: primary ? "primary" : (rest.appearance ?? null), size: small ? "small" : null, disabled: disabled && !busy ? true : null, "aria-disabled": disabled && !busy ? "true" : null, "disabled-focusable": busy ? true : null, tabindex: disabled && !busy ? null : 0 },
    ...children,
  );
}

/**
 * A labelled Fluent drop-down (fluent-dropdown + fluent-listbox + fluent-option): the label and the drop-down, whose
 * combobox button and listbox are named by the label (see PaneDropdown in fluent.ts). Its value is the chosen
 * option's `value`; choosing fires a bubbling `change` on the drop-down. `busy`: while a run goes the drop-down stays
 * focusable (so the focus never falls to <body>) but is inert, like a busy button (disabled-focusable).
 */
export function dropdown(id: string, label: string, action: string | null, options: ReadonlyArray<{ value: string; label: string; lang?: string }>, value: string, busy: boolean, extra: Attrs = {}): HTMLElement[] {
  const labelId = `${id}-label`;
  return [
    h("label", { id: labelId, for: id }, label),
    el(
      "fluent-dropdown",
      { ...extra, id, class: "dropdown", "data-action": action, "data-key": id, "data-labelledby": labelId, "disabled-focusable": busy ? true : null, "aria-busy": busy ? "true" : null },
      el("fluent-listbox", { id: `${id}-listbox` }, ...options.map((o) => el("fluent-option", { value: o.value, selected: o.value === value, lang: o.lang ?? null }, o.label))),
    ),
  ];
}

/** A view of the pane: its tab and how it renders. Other modules add theirs with registerView (the 对账 view, …). */
export interface ViewDefinition {
  view: View;
  label: TextKey | Bilingual;
  /** Renders the view's panel (built-in views are rendered by mountPane itself). */
  render?: (panel: HTMLElement, state: PaneState, controller: PaneController) => void;
}

const VIEWS: ViewDefinition[] = [
  { view: "calculation", label: "tabCalculation" },
  { view: "validation", label: "tabValidation" },
  { view: "mapping", label: "tabMapping" },
  { view: "settings", label: "tabSettings" },
];

/** Adds a view (tab and panel) before the settings; call before mountPane. */
export function registerView(definition: ViewDefinition): void {
  if (VIEWS.some((v) => v.view === definition.view)) return;
  VIEWS.splice(VIEWS.length - 1, 0, definition);
}

function viewLabel(lang: Language, label: TextKey | Bilingual): string {
  return typeof label === "string" ? t(lang, label) : pick(lang, label);
}

/** The latest date a rule entry takes effect from: the rule data's version. */
function rulesVersion(): string {
  const dates = JSON.stringify(ALL_PROFILES).match(/\d{4}-\d{2}-\d{2}/g) ?? [];
  return dates.reduce((a, b) => (b > a ? b : a), "—");
}

/** Fluent's "copy" icon (16 px, regular), drawn inline: no icon font, nothing fetched. */
function copyIcon(): HTMLElement {
  const NS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("width", "12");
  svg.setAttribute("height", "12");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", "icon");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS(NS, "path");
  path.setAttribute("fill", "currentColor");
  path.setAttribute("d", "M5 2a2 2 0 0 0-2 2v7a2 2 0 0 0 2 2h5a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2H5Zm0 1h5a1 1 0 0 1 1 1v7a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1Zm8 2v7a3 3 0 0 1-3 3H6a2 2 0 0 0 1.7 1H10a4 4 0 0 0 4-4V6.7A2 2 0 0 0 13 5Z");
  svg.append(path);
  return svg as unknown as HTMLElement;
}

/** An ISO timestamp in China time: "2026-12-01 21:25". */
export function chinaTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace("T", " ");
}

/** Text to the clipboard; where the Clipboard API is refused (some Office hosts), a selected textarea and copy. */
async function toClipboard(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the textarea
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/** Text in the pane's language, with the other language on hover and (when `small`) underneath. */
function bilingual(lang: Language, text: Bilingual, small = false, tag: "span" | "p" | "div" = "span", cls = ""): HTMLElement {
  const main = h(tag, { class: cls || null, title: other(lang, text), lang: lang === "zh-CN" ? "zh-CN" : "en" }, pick(lang, text));
  if (!small) return main;
  return h("div", { class: "bilingual" }, main, h("span", { class: "alt", lang: lang === "zh-CN" ? "en" : "zh-CN" }, other(lang, text)));
}

export interface PaneUi {
  render(): void;
}

export function mountPane(root: HTMLElement, controller: PaneController, today: string): PaneUi {
  let lastLanguage: Language | null = null;
  /** The trail tree of each analysis, built once (a 100k-row roster makes the row lists worth keeping). */
  const trees = new WeakMap<object, TrailNode | null>();
  const treeOf = (audit: NonNullable<PaneState["audit"]>): TrailNode | null => {
    if (!trees.has(audit)) trees.set(audit, trailTree(audit));
    return trees.get(audit) ?? null;
  };
  /** The last element (by data-key) that had the focus, and where it was when a dialog opened. */
  let lastFocusKey: string | undefined;
  let focusBeforeDialog: string | undefined;

  const skip = h("a", { class: "skip-link", href: "#main", "data-key": "skip-main" });
  const header = h("header", { class: "pane-header" });
  // Fluent's tablist and tabs (role on their hosts, aria-selected written by the tablist; arrow keys, Home and End move
  // between tabs through Fluent's focus group). Built once and updated in place, so the focus stays on a tab.
  const tablist = el("fluent-tablist", { class: "tabs", size: "small" });
  const tabs: Record<string, HTMLElement> = {};
  for (const { view } of VIEWS) {
    tabs[view] = el("fluent-tab", { id: `tab-${view}`, class: "tab", "aria-controls": `panel-${view}`, "data-action": "view", "data-view": view, "data-key": `tab-${view}` });
  }
  tablist.append(...VIEWS.map((v) => tabs[v.view]));
  // Fluent selects a tab when it gets the focus (arrow keys) and says so with a change event: the view follows.
  tablist.addEventListener("change", (event) => {
    if (event.target !== tablist) return;
    const view = (tablist as unknown as { activetab?: HTMLElement }).activetab?.dataset.view as View | undefined;
    if (view && view !== controller.state.view) controller.setView(view);
  });
  const status = h("div", { id: "status", class: "status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  const bar = h("div", { class: "progress-fill" });
  const progressbar = h("div", { role: "progressbar", class: "progress-track", "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": 0 }, bar);
  const stage = h("span", { class: "progress-stage" });
  const cancelButton = fbutton({ "data-action": "cancel", "data-key": "cancel" });
  const progress = h("div", { class: "progress", hidden: true }, h("div", { class: "progress-row" }, progressbar, cancelButton), stage);
  const panels: Record<string, HTMLElement> = {};
  for (const { view } of VIEWS) panels[view] = h("section", { role: "tabpanel", id: `panel-${view}`, "aria-labelledby": `tab-${view}`, class: "panel", tabindex: -1 });
  const dialogHost = h("div", { class: "dialog-host" });
  // One main landmark: the views; the header (banner) holds the title and the help entry.
  // The dialogs' host is inside it too (Fluent's <dialog> is in a shadow root, so axe counts the dialog's content as
  // page content, which belongs in a landmark).
  const main = h("main", { id: "main", tabindex: -1 }, tablist, progress, status, ...VIEWS.map((v) => panels[v.view]), dialogHost);
  root.replaceChildren(skip, header, main);

  /* ---------------------------------------------------------------- rendering */

  function renderHeader(lang: Language): void {
    skip.textContent = u(lang, "skipToMain");
    header.replaceChildren(
      h(
        "div",
        { class: "header-row" },
        h("h1", { class: "title" }, pick(lang, TEXT.appTitle), " ", h("span", { class: "title-alt", lang: lang === "zh-CN" ? "en" : "zh-CN" }, other(lang, TEXT.appTitle))),
        fbutton({ "data-action": "help", "data-key": "help", small: true, appearance: "subtle", class: "help-button" }, u(lang, "help")),
      ),
      h("p", { class: "subtitle" }, pick(lang, TEXT.appSubtitle)),
    );
  }

  function renderTabs(state: PaneState): void {
    const lang = state.language;
    tablist.setAttribute("aria-label", t(lang, "views"));
    for (const { view, label } of VIEWS) {
      const tab = tabs[view];
      const selected = state.view === view;
      const counts = view === "validation" && state.audit ? severityCounts(state.audit.findings) : null;
      const badge = counts && counts.error + counts.warning > 0 ? String(counts.error + counts.warning) : "";
      const key = `${viewLabel(lang, label)}\u0000${badge}\u0000${counts?.error ?? 0}`;
      if (tab.dataset.shown !== key) {
        tab.dataset.shown = key;
        tab.replaceChildren(viewLabel(lang, label), ...(badge ? [h("span", { slot: "end", class: `badge ${counts?.error ? "badge-error" : "badge-warning"}` }, badge)] : []));
      }
      // The same state Fluent's tablist writes (it does so once it has seen its tabs): never two selected tabs.
      tab.setAttribute("aria-selected", selected ? "true" : "false");
    }
    if (tablist.getAttribute("activeid") !== `tab-${state.view}`) tablist.setAttribute("activeid", `tab-${state.view}`);
    for (const { view } of VIEWS) panels[view].hidden = state.view !== view;
    for (const def of VIEWS) if (def.render && (state.view === def.view)) def.render(panels[def.view], state, controller);
  }

  /** The status line is a live region: it is touched only when what it says changes, so nothing is re-announced. */
  let shownStatus = "";
  function renderStatus(state: PaneState): void {
    const s = state.status;
    const key = s ? `${s.kind}\u0000${pick(state.language, s.text)}` : "";
    if (key === shownStatus) return;
    shownStatus = key;
    status.className = `status${s ? ` status-${s.kind}` : ""}`;
    status.dataset.kind = s?.kind ?? "";
    const intent = s ? (s.kind === "error" ? "error" : s.kind === "warning" ? "warning" : s.kind === "success" ? "success" : "info") : "";
    status.replaceChildren(...(s ? [el("fluent-message-bar", { intent, layout: "multiline", class: "message-bar" }, bilingual(state.language, s.text, false))] : []));
    // The raw error (Office's own text) only under "details" (issue 11).
    if (s?.details) status.append(h("details", { class: "status-details" }, h("summary", {}, t(state.language, "errorDetails")), h("pre", {}, s.details)));
  }

  function renderProgress(state: PaneState): void {
    const busy = state.busy;
    progress.hidden = busy === null;
    if (!busy) return;
    // Writes have no measurable progress: an indeterminate bar (no aria-valuenow), the stage text only.
    const pct = Math.round(busy.fraction * 100);
    const determinate = busy.task === "analyse";
    progress.classList.toggle("indeterminate", !determinate);
    bar.style.width = determinate ? `${pct}%` : "";
    if (determinate) progressbar.setAttribute("aria-valuenow", String(pct));
    else progressbar.removeAttribute("aria-valuenow");
    progressbar.setAttribute("aria-label", t(state.language, "progress"));
    stage.textContent = determinate ? `${pick(state.language, busy.stage)} ${pct}%` : pick(state.language, busy.stage);
    cancelButton.textContent = t(state.language, "cancel");
    cancelButton.hidden = !busy.cancellable;
  }

  function select(lang: Language, id: string, label: TextKey, action: string, options: Array<{ value: string; label: string }>, value: string, fromWorkbook: string | null, busy: boolean): HTMLElement {
    const first = fromWorkbook ? t(lang, "fromWorkbookValue", { value: fromWorkbook }) : t(lang, "fromWorkbook");
    return h("div", { class: "field" }, ...dropdown(id, t(lang, label), action, [{ value: "", label: first }, ...options], value, busy));
  }

  function renderCalculation(state: PaneState): void {
    const lang = state.language;
    const audit = state.audit;
    const calc = audit?.calculation ?? null;
    const busy = state.busy !== null;
    const s = state.settings;
    const fromBlock = workbookDefaults(lang, audit);
    const pickers = h(
      "div",
      { class: "pickers" },
      select(lang, "pick-region", "region", "pick-region", regionOptions(lang), s.region ?? "", fromBlock.region, busy),
      select(lang, "pick-year", "filingYear", "pick-year", filingYearOptions(today), s.filingYear ? String(s.filingYear) : "", fromBlock.filingYear, busy),
      select(lang, "pick-entity", "entityType", "pick-entity", entityOptions(lang), s.entityType ?? "", fromBlock.entityType, busy),
    );
    // With a result, the inputs fold under the line that names what the result was computed with.
    const inputs = calc
      ? h(
          "details",
          { class: "inputs", id: "inputs", open: state.stale || inputsOpen ? true : null },
          h("summary", { id: "computed-with", "data-key": "inputs-summary" }, inputsLine(lang, calc)),
          pickers,
        )
      : pickers;
    const actions = h(
      "div",
      { class: "actions no-print" },
      fbutton({ primary: true, "data-action": "calculate", "data-key": "calculate", busy }, t(lang, "calculate")),
      fbutton({ "data-action": "write-paper", "data-key": "write-paper", disabled: busy || !calc || state.stale, busy: busy && !!calc && !state.stale }, t(lang, "writeWorkingPaper")),
    );
    const content: Child[] = [inputs, actions];
    if (state.stale) {
      content.push(el("fluent-message-bar", { intent: "warning", id: "stale", layout: "multiline" }, h("span", {}, u(lang, "stale"))));
    }
    if (state.autoRun && calc) {
      const r = state.autoRun;
      content.push(
        h("p", { class: "meta auto-run", id: "auto-run" }, u(lang, "autoRan", { time: chinaTime(r.at), before: r.before === null ? "—" : formatMoney(r.before), after: r.after === null ? "—" : formatMoney(r.after) })),
      );
    }
    if (!audit) {
      content.push(h("p", { class: "empty" }, t(lang, "notRunYet")));
      const last = state.previousRun;
      if (last) content.push(historyCard(state));
    } else if (!calc) content.push(fatalCard(state));
    else {
      const result = h("div", { class: `result${state.stale ? " is-stale" : ""}`, id: "result" });
      result.append(formSection(state));
      // Reduction band and the distance to the next one.
      const band = bandView(audit);
      if (band) {
        const next: Child[] = [];
        // TIER_NEAR (a finding when a few hires suffice) says it best; otherwise the pane's own plan gives the distance.
        if (band.near) {
          next.push(bilingual(lang, band.near.message, true, "div", "near"), bilingual(lang, band.near.suggestion, false, "p", "suggestion"));
          if (band.near.cells.length > 0) next.push(h("button", { type: "button", class: "link", "data-action": "select-near", "data-key": "select-near" }, `${t(lang, "selectCells")}: ${describeCells(band.near.cells, 3)}`));
        } else if (band.hires) {
          next.push(h("p", { class: "hires", id: "hires" }, t(lang, "hiresLine", { hires: band.hires.count, target: pick(lang, band.hires.target), saving: band.hires.saving })));
        }
        if (next.length === 0) next.push(h("p", { class: "meta" }, band.quotaMet || band.kind === "small-enterprise" ? t(lang, "noNextBand") : "—"));
        result.append(
          h(
            "section",
            { class: "card band", id: "band", "aria-labelledby": "band-heading" },
            h("h2", { id: "band-heading" }, t(lang, "band")),
            h("p", { class: "band-label", "data-kind": band.kind }, pick(lang, band.label)),
            h("p", { class: "meta" }, `${t(lang, "disabledShare")}: ${band.disabledShare}`),
            h("h3", {}, t(lang, "nextBand")),
            h("div", { class: "next-band" }, ...next),
          ),
        );
      }
      if (audit.case) result.append(whatIfSection(state));
      result.append(historyCard(state));
      if (calc.notes.length > 0) {
        result.append(
          h(
            "section",
            { class: "card notes", "aria-labelledby": "notes-heading" },
            h("h2", { id: "notes-heading" }, t(lang, "notes")),
            h("ul", {}, ...calc.notes.map((n) => h("li", { class: `note note-${n.severity}` }, h("code", {}, n.code), " ", bilingual(lang, n.message)))),
          ),
        );
      }
      // The trail.
      const tree = treeOf(audit);
      if (tree) {
        result.append(
          h(
            "section",
            { class: "card trail no-print", "aria-labelledby": "trail-heading" },
            h("h2", { id: "trail-heading" }, t(lang, "trail")),
            h("p", { class: "meta" }, t(lang, "trailHint")),
            h("ul", { class: "trail-list", "aria-labelledby": "trail-heading" }, trailItem(state, tree, 1)),
          ),
        );
      }
      content.push(result);
    }
    panels.calculation.replaceChildren(...content.filter((c): c is Node => c instanceof Node));
  }

  /** Whether the user opened the inputs and the what-if panel (kept across renders). */
  let inputsOpen = false;
  let whatIfOpen = false;

  function inputsLine(lang: Language, calc: NonNullable<NonNullable<PaneState["audit"]>["calculation"]>): string {
    const entity = ENTITY_LABELS[calc.entityType as keyof typeof ENTITY_LABELS];
    return u(lang, "computedWith", { region: regionLabel(lang, calc.region.code), year: calc.filingYear, dataYear: calc.dataYear, entity: entity ? pick(lang, entity) : calc.entityType });
  }

  /** A form label whose last two characters (words in English) never wrap apart: no lone character on a line. */
  function formLabel(text: string): Child[] {
    const { head, tail } = keepTogether(text);
    return [head, h("span", { class: "keep" }, tail)];
  }

  /** The form: header fields, then columns 4–12 computed beside what the workbook declares, each with a copy button. */
  function formSection(state: PaneState): HTMLElement {
    const lang = state.language;
    const audit = state.audit as NonNullable<PaneState["audit"]>;
    const calc = audit.calculation as NonNullable<typeof audit.calculation>;
    const rows = formRows(audit);
    const head = formHeader(audit);
    const anyDeclared = rows.some((r) => r.declared !== null);
    const differing = rows.filter((r) => r.differs).length;
    const field = (key: UiKey, value: string | null, id: string, extra = "") =>
      h("div", { class: `hf ${id}` }, h("dt", {}, u(lang, key)), h("dd", { id, class: value === null ? "unknown" : null }, value === null ? u(lang, "notKnown") : value + extra));
    const header = head
      ? h(
          "dl",
          { class: "form-header", id: "form-header", "aria-label": u(lang, "formHeaderTitle") },
          h(
            "div",
            { class: "hf hf-period" },
            h("dt", {}, u(lang, "period")),
            h("dd", {}, h("span", { id: "hf-from" }, head.periodFrom), " — ", h("span", { id: "hf-to" }, head.periodTo), head.periodDeclared ? "" : u(lang, "periodFromDataYear")),
          ),
          field("employerName", head.employerName, "hf-name"),
          field("uscc", head.uscc, "hf-uscc"),
          field("reliefNature", head.reliefNature ? pick(lang, head.reliefNature) : null, "hf-relief"),
        )
      : null;
    const valueCells = (r: FormRow): HTMLElement[] => {
      // The figure is its own copy button (plain number, no separators, on the clipboard).
      const computed = h(
        "td",
        { class: "num value" },
        fbutton(
          { appearance: "transparent", small: true, class: "copy", "data-action": "copy-figure", "data-column": r.column, "data-key": `copy:${r.column}`, title: u(lang, "copyColumn", { column: r.column }) },
          h("span", { class: "computed", "data-value": r.field }, r.computed),
          copyIcon(),
          h("span", { class: "sr-only" }, ` ${u(lang, "copyColumn", { column: r.column })}`),
        ),
      );
      if (!anyDeclared) return [computed];
      return [
        computed,
        h(
          "td",
          { class: "num declared-cell" },
          r.declared === null ? "—" : h("span", { class: "declared", "data-declared": r.field }, r.declared),
          r.differs ? h("span", { class: "difference", "data-difference": r.field }, r.difference) : null,
        ),
      ];
    };
    const table = h(
      "table",
      { class: `form-card${anyDeclared ? " with-declared" : ""}`, id: "form-card" },
      h(
        "caption",
        {},
        t(lang, "formCard"),
        differing ? h("span", { class: "caption-differs", id: "declared-summary" }, ` · ${u(lang, "differingRows", { count: differing })}`) : null,
        state.stale ? h("span", { class: "stale-badge" }, ` ${u(lang, "staleBadge")}`) : null,
      ),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col", class: "col" }, t(lang, "column")),
          h("th", { scope: "col" }, lang === "zh-CN" ? "项目" : "Item"),
          h("th", { scope: "col", class: "num" }, anyDeclared ? u(lang, "colComputed") : lang === "zh-CN" ? "值" : "Value"),
          anyDeclared ? h("th", { scope: "col", class: "num" }, u(lang, "declaredDiffHead")) : null,
        ),
      ),
      h(
        "tbody",
        {},
        ...rows.map((r) => {
          const label = r.differs
            ? h(
                "button",
                { type: "button", class: "link row-link", "data-action": "form-finding", "data-column": r.column, "data-key": `form:${r.column}` },
                ...formLabel(pick(lang, r.label)),
                h("span", { class: "sr-only" }, `（${u(lang, "differs")}）`),
              )
            : h("span", { title: other(lang, r.label) }, ...formLabel(pick(lang, r.label)));
          const sel = state.selection?.key === `form:${r.column}` ? selectionNote(state, `form:${r.column}`) : null;
          return h(
            "tr",
            { class: `${r.column === 12 ? "emphasis " : ""}${r.differs ? "differs" : ""}`.trim() || null, "data-step": r.field, "data-column": r.column },
            h("td", { class: "col" }, String(r.column), r.differs ? h("span", { class: "differs-flag", "aria-hidden": "true" }, "≠") : null),
            h("th", { scope: "row" }, label, sel),
            ...valueCells(r),
          );
        }),
      ),
    );
    const intermediates = h(
      "details",
      { class: "intermediates" },
      h("summary", {}, lang === "zh-CN" ? "中间数（封顶额、计费基数、应安排人数、差额人数）" : "Intermediate figures (cap, base, required, shortfall)"),
      h(
        "table",
        { class: "form-card minor-card" },
        h("tbody", {}, ...formCard(calc).filter((r) => r.column === null).map((r) => h("tr", { class: "minor", "data-step": r.stepId }, h("th", { scope: "row" }, bilingual(lang, r.label)), h("td", { class: "num", "data-value": r.stepId, title: r.exact ? `${t(lang, "exactValue")}${colon(lang)}${r.exact}` : null }, r.value, r.exact ? h("span", { class: "exact" }, ` ${parens(lang, `${t(lang, "exactValue")} ${r.exact}`)}`) : null)))),
      ),
    );
    // Amounts use exact values, not the rounded intermediates shown (差额人数 0.68 is 0.67875 in the sum).
    const exactNote = formCardNote(calc);
    return h(
      "section",
      { class: "form-section", "aria-labelledby": "form-title" },
      h("h2", { id: "form-title", class: "sr-only" }, t(lang, "formCard")),
      header,
      anyDeclared ? null : h("p", { class: "meta", id: "no-declaration" }, u(lang, "noDeclaration")),
      table,
      h(
        "div",
        { class: "actions no-print" },
        fbutton({ "data-action": "copy-all", "data-key": "copy-all", small: true }, u(lang, "copyAll")),
        fbutton({ "data-action": "print", "data-key": "print", small: true }, u(lang, "print")),
      ),
      intermediates,
      exactNote ? h("p", { class: "form-note", id: "form-note" }, pick(lang, exactNote)) : null,
    );
  }

  /** Where the selection of an item's cells went, next to the item; "next area" / "next batch" when there are more. */
  function selectionNote(state: PaneState, key: string): HTMLElement | null {
    const s = state.selection;
    if (!s || s.key !== key) return null;
    const lang = state.language;
    if (s.error) return h("p", { class: "selection-status error", role: "status" }, bilingual(lang, s.error));
    const b = s.batches[s.batch];
    const left = s.batches.slice(s.batch + 1).reduce((n, x) => n + x.areas, 0);
    const next = s.batches[s.batch + 1];
    const parts: Child[] = [h("span", {}, u(lang, "selectedHere", { sheet: b.sheet, address: b.address.length > 60 ? `${b.address.slice(0, 57)}…` : b.address }))];
    if (s.batches.length > 1) parts.push(h("span", { class: "meta" }, ` (${u(lang, "areaOf", { n: s.batch + 1, total: s.batches.length })})`));
    if (left > 0) parts.push(h("span", { class: "meta areas-left" }, ` ${u(lang, "areasLeft", { count: left })}`));
    return h(
      "div",
      { class: "selection-status", role: "status" },
      ...parts,
      next
        ? h("button", { type: "button", class: "link", "data-action": "next-area", "data-for": key, "data-key": `next:${key}` }, next.sheet === b.sheet ? u(lang, "nextBatch") : `${u(lang, "nextArea")}: ${next.sheet}`)
        : null,
    );
  }

  /** The what-if panel: assumptions in, columns 9–12 out (the core recalculates), and the chart. */
  function whatIfSection(state: PaneState): HTMLElement {
    const lang = state.language;
    const w = state.whatIf;
    const num = (id: string, key: UiKey, value: string, attrs: Attrs = {}) =>
      h("div", { class: "field" }, h("label", { for: id }, u(lang, key)), h("input", { id, type: "number", value, "data-whatif": id, "data-key": id, inputmode: "decimal", ...attrs }));
    const months = Array.from({ length: 12 }, (_, i) => i + 1);
    const out = h("div", { class: "what-if-output", id: "what-if-output" });
    // Computed only while open (a chart is N + 1 calculations): closed, the result renders at once.
    if (whatIfOpen) fillWhatIf(out, state);
    return h(
      "details",
      { class: "card what-if no-print", id: "what-if", open: whatIfOpen ? true : null },
      h("summary", { "data-key": "what-if-summary" }, h("h2", { id: "what-if-heading", class: "summary-heading" }, u(lang, "whatIf"))),
      h("p", { class: "hint" }, u(lang, "whatIfHint")),
      h(
        "div",
        { class: "what-if-inputs" },
        num("wi-hires", "hiresToAdd", String(w.hires), { min: 0, max: 9999, step: 1 }),
        h(
          "div",
          { class: "field" },
          ...dropdown("wi-weight", u(lang, "weight"), null, [{ value: "1", label: u(lang, "weight1") }, { value: "2", label: u(lang, "weight2") }], String(w.weight), false, { "data-whatif": "wi-weight" }),
        ),
        h(
          "div",
          { class: "field" },
          ...dropdown("wi-month", u(lang, "fromMonth"), null, months.map((m) => ({ value: String(m), label: String(m) })), String(w.fromMonth), false, { "data-whatif": "wi-month" }),
        ),
        num("wi-headcount", "headcountDelta", w.headcountDelta, { step: "any" }),
        num("wi-wage", "wageDelta", w.wageDelta, { step: "any" }),
      ),
      out,
    );
  }

  /** The what-if figures and chart (re-filled alone while the user types, so the inputs keep their caret). */
  function fillWhatIf(out: HTMLElement, state: PaneState): void {
    const lang = state.language;
    const base = state.audit?.case;
    if (!base) {
      out.replaceChildren();
      return;
    }
    const r = whatIf(base, state.whatIf);
    if (!r.ok) {
      out.replaceChildren(h("p", { class: "error-text", id: "what-if-error" }, u(lang, "whatIfInvalid", { message: pick(lang, r.message) })));
      return;
    }
    const labels: Array<[keyof typeof r.now & string, number, Bilingual]> = [
      ["grossDue", 9, { zh: "本期应纳费额", en: "Gross levy" }],
      ["reduction", 10, { zh: "本期减免费额", en: "Reduction" }],
      ["alreadyPaid", 11, { zh: "本期已缴费额", en: "Already paid" }],
      ["payable", 12, { zh: "本期应补（退）费额", en: "Payable" }],
    ];
    const table = h(
      "table",
      { class: "form-card what-if-table", id: "what-if-table" },
      h("caption", {}, u(lang, "whatIfColumns")),
      h("thead", {}, h("tr", {}, h("th", { scope: "col", class: "col" }, t(lang, "column")), h("th", { scope: "col" }, lang === "zh-CN" ? "项目" : "Item"), h("th", { scope: "col", class: "num" }, u(lang, "now")), h("th", { scope: "col", class: "num" }, u(lang, "whatIfValue")))),
      h(
        "tbody",
        {},
        ...labels.map(([key, col, label]) =>
          h(
            "tr",
            { class: col === 12 ? "emphasis" : null },
            h("td", { class: "col" }, String(col)),
            h("th", { scope: "row" }, pick(lang, label)),
            h("td", { class: "num" }, formatMoney(r.now[key] as string)),
            h("td", { class: "num", "data-whatif-value": key }, formatMoney(r.then[key] as string)),
          ),
        ),
      ),
    );
    const max = Math.min(40, Math.max(5, state.whatIf.hires + 2, (state.audit?.hires?.hires ?? 0) + 2));
    const series = payableSeries(base, state.whatIf, max);
    out.replaceChildren(table, ...(series ? [chart(lang, series.points, series.bounds, max)] : []));
  }

  const KIND_LABELS: Record<ChartPoint["kind"], Bilingual> = {
    ...REDUCTION_LABELS,
    "quota-met": { zh: "已达到按比例安排要求", en: "Quota met" },
  };

  /** Payable against hires 0…max, the band changes marked; an image with a title and a description that says it all. */
  function chart(lang: Language, points: ChartPoint[], bounds: ChartPoint[], max: number): HTMLElement {
    const NS = "http://www.w3.org/2000/svg";
    const W = 280;
    const H = 140;
    const left = 8;
    const right = 8;
    const top = 12;
    const bottom = 22;
    const values = points.map((p) => Number(p.payable));
    const top$ = Math.max(1, ...values);
    const x = (k: number) => left + ((W - left - right) * k) / max;
    const y = (v: number) => top + (H - top - bottom) * (1 - Math.max(0, v) / top$);
    const svg = document.createElementNS(NS, "svg");
    const mk = (tag: string, attrs: Record<string, string | number>, text?: string) => {
      const e = document.createElementNS(NS, tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
      if (text !== undefined) e.textContent = text;
      return e;
    };
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-labelledby", "chart-title chart-desc");
    svg.setAttribute("class", "chart");
    svg.setAttribute("id", "what-if-chart");
    const title = u(lang, "chartTitle", { max });
    const shown = points.filter((p, i) => i === 0 || i === points.length - 1 || bounds.includes(p));
    const desc = u(lang, "chartDesc", {
      points: shown.map((p) => `${p.hires} → ${formatMoney(p.payable)}`).join(lang === "zh-CN" ? "；" : "; "),
      bounds: bounds.length === 0 ? u(lang, "chartNoBounds") : bounds.map((b) => u(lang, "chartBound", { hires: b.hires, band: pick(lang, KIND_LABELS[b.kind]) })).join(lang === "zh-CN" ? "；" : "; "),
    });
    svg.append(mk("title", { id: "chart-title" }, title), mk("desc", { id: "chart-desc" }, desc));
    svg.append(mk("line", { x1: left, y1: H - bottom, x2: W - right, y2: H - bottom, class: "axis" }));
    for (const b of bounds) {
      svg.append(mk("line", { x1: x(b.hires), y1: top - 4, x2: x(b.hires), y2: H - bottom, class: "bound", "data-hires": b.hires }));
      svg.append(mk("text", { x: x(b.hires) + 2, y: top + 4, class: "bound-label" }, String(b.hires)));
    }
    svg.append(mk("polyline", { points: points.map((p) => `${x(p.hires).toFixed(1)},${y(Number(p.payable)).toFixed(1)}`).join(" "), class: "series" }));
    svg.append(mk("text", { x: left, y: H - 6, class: "tick" }, "0"), mk("text", { x: W - right, y: H - 6, class: "tick", "text-anchor": "end" }, `${max} ${u(lang, "hiresAxis")}`));
    return h("figure", { class: "chart-figure" }, svg as unknown as HTMLElement, h("figcaption", { class: "meta", "aria-hidden": "true" }, desc));
  }

  /** Runs kept in the workbook: the last one and what changed since. */
  function historyCard(state: PaneState): HTMLElement {
    const lang = state.language;
    const prev = state.previousRun;
    const calc = state.audit?.calculation ?? null;
    const counts = state.audit ? severityCounts(state.audit.findings) : null;
    const lines: Child[] = [];
    if (prev && calc && counts) {
      lines.push(
        h("p", { id: "since-last" }, u(lang, "sinceLast", { at: chinaTime(prev.at), before: prev.payable === null ? "—" : formatMoney(prev.payable), after: formatMoney(calc.payable), errorsBefore: prev.errors, errorsAfter: counts.error })),
      );
    } else if (prev) {
      lines.push(h("p", { id: "last-run" }, u(lang, "lastRun", { at: chinaTime(prev.at), payable: prev.payable === null ? "—" : formatMoney(prev.payable), errors: prev.errors, warnings: prev.warnings, infos: prev.infos })));
    }
    const rows = [...state.history].reverse().slice(0, 10);
    return h(
      "section",
      { class: "card history", id: "history", "aria-labelledby": "history-heading" },
      h("h2", { id: "history-heading" }, u(lang, "history")),
      ...lines,
      rows.length === 0
        ? h("p", { class: "meta" }, u(lang, "historyEmpty"))
        : h(
            "table",
            { class: "history-table" },
            h("thead", {}, h("tr", {}, ...(["historyWhen", "historyInputsHead", "historyPayable", "historyFindings"] as UiKey[]).map((k) => h("th", { scope: "col" }, u(lang, k))))),
            h(
              "tbody",
              {},
              ...rows.map((r) =>
                h(
                  "tr",
                  {},
                  h("td", {}, chinaTime(r.at)),
                  h("td", {}, `${regionLabel(lang, r.region)} · ${r.filingYear}`),
                  h("td", { class: "num" }, r.payable === null ? "—" : formatMoney(r.payable)),
                  h("td", { class: "num" }, `${r.errors}/${r.warnings}/${r.infos}`),
                ),
              ),
            ),
          ),
    );
  }

  /** The analysis could not be used: say why, and offer what to do about it (actions, not syntax). */
  function fatalCard(state: PaneState): HTMLElement {
    const lang = state.language;
    const fatal = state.audit?.fatal;
    const busy = state.busy !== null;
    const action = state.mapping?.empty
      ? fbutton({ primary: true, "data-action": "insert-template", "data-key": "insert-template", busy}, t(lang, "insertTemplate"))
      : fbutton({ primary: true, "data-action": "open-mapping", "data-key": "open-mapping", busy}, t(lang, "chooseRoster"));
    return h("div", { class: "card card-error", role: "alert" }, h("h2", {}, t(lang, "fatal")), fatal ? bilingual(lang, fatal, true, "p") : null, h("div", { class: "actions" }, action));
  }

  /** Rendered again only when what it shows changes, so text being typed in the other rules stays. */
  let shownMapping: unknown[] = [];
  function renderMapping(state: PaneState): void {
    const lang = state.language;
    const m = state.mapping;
    const busy = state.busy !== null;
    // Built only while the view is shown (a wide payroll makes hundreds of drop-downs): nothing for the other views.
    if (state.view !== "mapping") {
      if (shownMapping.length > 0) panels.mapping.replaceChildren();
      shownMapping = [];
      return;
    }
    const key = [lang, m, state.audit, busy];
    if (key.every((k, i) => k === shownMapping[i])) return;
    shownMapping = key;
    const content: Child[] = [h("h2", { id: "mapping-heading" }, t(lang, "mappingTitle")), h("p", { class: "hint" }, t(lang, "mappingIntro", { sheet: "残保金映射" }))];
    if (!m) {
      content.push(
        h("p", { class: "empty" }, t(lang, "mappingNotRead")),
        h("div", { class: "actions" }, fbutton({ primary: true, "data-action": "read-workbook", "data-key": "read-workbook", busy}, t(lang, "readWorkbook"))),
      );
      panels.mapping.replaceChildren(...content.filter((c): c is Node => c instanceof Node));
      return;
    }
    const audit = state.audit;
    const candidates = fatalCandidates(audit);
    if (candidates.length > 0) {
      content.push(
        h(
          "div",
          { class: "card card-warning", id: "candidates", role: "note" },
          h("h3", {}, t(lang, "lowConfidence")),
          h(
            "ul",
            { class: "candidates" },
            ...candidates.map((c) =>
              h(
                "li",
                {},
                t(lang, "candidateLine", { sheet: c.sheet, kind: pick(lang, kindLabel(c.kind)), score: Number.isInteger(c.score) ? c.score : c.score.toFixed(2) }),
                c.reasons.length > 0 ? h("ul", { class: "reasons" }, ...c.reasons.map((r) => h("li", {}, bilingual(lang, r)))) : null,
              ),
            ),
          ),
        ),
      );
    } else if (audit?.fatal) {
      content.push(h("div", { class: "card card-error" }, bilingual(lang, audit.fatal, true, "p")));
    }
    const roles = sheetRoles(m.sheetNames, audit);
    // Sheets and their kinds.
    content.push(h("h3", { id: "mapping-sheets" }, t(lang, "sheetsHeading")));
    content.push(
      h(
        "ul",
        { class: "map-list", "aria-labelledby": "mapping-sheets" },
        ...roles.map((r, i) => {
          const id = `role-${i}`;
          const value = m.draft.roles[r.sheet] ?? "";
          return h(
            "li",
            { class: "map-row", "data-sheet": r.sheet },
            h(
              "div",
              { class: "map-what" },
              h("label", { for: id, class: "map-name" }, r.sheet),
              h("span", { class: "meta", id: `${id}-detected` }, t(lang, "detectedAs", { what: pick(lang, r.detected) }), r.via === "mapping" ? t(lang, "byMapping") : ""),
              // The decision explains itself: score, runner-up and reasons, folded away until asked for.
              r.why && (r.why.reasons.length > 0 || r.why.score !== null)
                ? h(
                    "details",
                    { class: "why" },
                    h("summary", {}, t(lang, "whyHeading", { score: r.why.score ?? "–", runnerUp: r.why.runnerUp ? `${pick(lang, kindLabel(r.why.runnerUp.kind))} ${r.why.runnerUp.score}` : "–" })),
                    h("ul", { class: "reasons" }, ...r.why.reasons.map((x) => h("li", {}, bilingual(lang, x)))),
                  )
                : null,
            ),
            h(
              "select",
              { id, "data-action": "map-role", "data-sheet": r.sheet, "data-key": `role:${r.sheet}`, "aria-describedby": `${id}-detected`, "aria-label": t(lang, "sheetRoleLabel", { sheet: r.sheet }) },
              h("option", { value: "", selected: value === "" }, t(lang, "roleAuto")),
              ...ROLE_OPTIONS.map((o) => h("option", { value: o.value, selected: o.value === value }, optionText(lang, o.label))),
            ),
          );
        }),
      ),
    );
    // Each table's columns.
    roles.forEach((r, i) => {
      const table = r.table;
      if (!table || table.columns.length === 0) return;
      const headingId = `columns-${i}`;
      content.push(
        h(
          "section",
          { class: "map-table", "aria-labelledby": headingId, "data-sheet": r.sheet },
          h("h3", { id: headingId }, t(lang, "columnsOf", { sheet: r.sheet }), h("span", { class: "meta" }, ` · ${pick(lang, kindLabel(table.kind))}`)),
          h(
            "ul",
            { class: "map-list", "aria-labelledby": headingId },
            ...table.columns.map((c, j) => {
              const id = `field-${i}-${j}`;
              const value = m.draft.columns[columnKey(r.sheet, c.column)] ?? "";
              const detected = c.field ? (fieldOptionForId(c.field)?.label ?? c.label) : null;
              const samples = m.samples[r.sheet]?.[c.column] ?? [];
              const auto = t(lang, "fieldAuto", { field: detected ? pick(lang, detected) : t(lang, "fieldUnused") });
              return h(
                "li",
                { class: "map-row", "data-column": c.column },
                h(
                  "div",
                  { class: "map-what" },
                  h("label", { for: id, class: "map-name" }, h("span", { class: "colno" }, c.column), " ", c.header || "—"),
                  h("span", { class: "meta samples", id: `${id}-samples` }, `${t(lang, "samples")}: ${samples.length > 0 ? samples.join(" · ") : t(lang, "noSamples")}`),
                ),
                h(
                  "select",
                  {
                    id,
                    "data-action": "map-field",
                    "data-sheet": r.sheet,
                    "data-column": c.column,
                    "data-key": `field:${r.sheet}!${c.column}`,
                    "aria-describedby": `${id}-samples`,
                    "aria-label": t(lang, "columnLabel", { column: c.column, header: c.header }),
                  },
                  h("option", { value: "", selected: value === "" }, auto),
                  ...FIELD_OPTIONS.filter((o) => o.group === "ignore").map((o) => h("option", { value: o.value, selected: o.value === value }, optionText(lang, o.label))),
                  h("optgroup", { label: t(lang, "groupFields") }, ...FIELD_OPTIONS.filter((o) => o.group === "field").map((o) => h("option", { value: o.value, selected: o.value === value }, optionText(lang, o.label)))),
                  h("optgroup", { label: t(lang, "groupPay") }, ...FIELD_OPTIONS.filter((o) => o.group === "pay").map((o) => h("option", { value: o.value, selected: o.value === value }, optionText(lang, o.label)))),
                ),
              );
            }),
          ),
        ),
      );
    });
    content.push(
      h(
        "div",
        { class: "field" },
        h("label", { for: "map-other" }, t(lang, "otherRules")),
        h("textarea", { id: "map-other", rows: 3, spellcheck: "false", "data-action": "map-other", "data-key": "map-other", "aria-describedby": "map-other-hint", "aria-invalid": m.error ? "true" : null }, m.draft.other),
        h("p", { class: "hint", id: "map-other-hint" }, t(lang, "otherRulesHint")),
      ),
    );
    if (m.error) content.push(h("div", { class: "card card-error", id: "mapping-error", role: "alert" }, bilingual(lang, m.error, true, "p")));
    content.push(
      h(
        "div",
        { class: "actions" },
        fbutton({ primary: true, "data-action": "mapping-save", "data-key": "mapping-save", busy}, t(lang, "saveMapping")),
        fbutton({ "data-action": "mapping-revert", "data-key": "mapping-revert", disabled: busy || !m.dirty, busy: busy && m.dirty}, t(lang, "revertMapping")),
      ),
      m.dirty ? h("p", { class: "meta", id: "mapping-dirty" }, t(lang, "unsavedChanges")) : null,
    );
    panels.mapping.replaceChildren(...content.filter((c): c is Node => c instanceof Node));
  }

  function trailItem(state: PaneState, node: TrailNode, level: number): HTMLElement {
    const lang = state.language;
    const open = state.expanded.has(node.key);
    const hasChildren = node.children.length > 0;
    const label = h(
      "span",
      { class: "trail-label" },
      node.column ? h("span", { class: "colno", title: t(lang, "column") }, String(node.column)) : null,
      h("span", { class: "trail-text" }, bilingual(lang, node.label), node.code ? h("code", { class: "code trail-code" }, node.code) : null),
      h("span", { class: "trail-value num", title: node.exact ? `${t(lang, "exactValue")}: ${node.exact}` : null }, node.kind === "step" ? node.value : rowsText(lang, Number(node.value))),
    );
    const head = hasChildren
      ? h("button", { type: "button", class: `disclosure kind-${node.kind}`, "aria-expanded": open ? "true" : "false", "data-action": "toggle", "data-node": node.key, "data-key": `toggle:${node.key}` }, h("span", { class: "chevron", "aria-hidden": "true" }), label)
      : h("div", { class: `leaf kind-${node.kind}` }, label);
    const details: Child[] = [];
    const formula = node.formulaText ? pick(lang, node.formulaText) : node.formula;
    if (formula && node.kind === "step") details.push(h("div", { class: "detail" }, h("span", { class: "k" }, `${t(lang, "formula")}${colon(lang)}`), h("code", {}, formula)));
    if (node.exact && node.kind === "step") details.push(h("div", { class: "detail" }, h("span", { class: "k" }, `${t(lang, "exactValue")}${colon(lang)}`), node.exact));
    if (node.source) details.push(h("div", { class: "detail" }, h("span", { class: "k" }, `${t(lang, "source")}${colon(lang)}`), sourceText(lang, node.source, node.confidence)));
    if (node.note) details.push(h("div", { class: "detail" }, bilingual(lang, node.note)));
    if (node.cells.length > 0) {
      details.push(
        h(
          "button",
          { type: "button", class: "link", "data-action": "select-trail", "data-node": node.key, "data-key": `select:${node.key}`, title: t(lang, "selectCells") },
          `${t(lang, "selectCells")}: ${describeCells(node.cells, 3)}`,
        ),
      );
    }
    const li = h("li", { class: `trail-item level-${Math.min(level, 6)}`, "data-node": node.key }, head, ...details);
    if (hasChildren && open) li.append(h("ul", {}, ...node.children.map((c) => trailItem(state, c, level + 1))));
    return li;
  }

  /** The text in the pane's language, and the other language only when the user asked for both. */
  function text(state: PaneState, value: Bilingual, cls = ""): HTMLElement {
    return bilingual(state.language, value, state.bothLanguages, "div", cls);
  }

  function findingItem(state: PaneState, entry: FindingEntry, showAmount: boolean): HTMLElement {
    const lang = state.language;
    const f = entry.finding;
    const index = entry.index;
    const key = `finding:${index}`;
    const where = describeCells(f.cells, 4, f.rows);
    const title = ruleInfo(f.code)?.title ?? null;
    const open = state.expanded.has(key);
    const selected = state.selection?.key === key;
    const detailId = `finding-detail-${index}`;
    const severityWord = t(lang, `severity_${f.severity}`);
    const li = h(
      "li",
      {
        role: "listitem",
        class: `finding severity-${f.severity}${selected ? " selected" : ""}`,
        tabindex: 0,
        "data-action": f.cells.length > 0 ? "select-finding" : "toggle-finding",
        "data-finding": index,
        "data-code": f.code,
        "data-key": `finding:${f.code}:${index}`,
        "aria-current": selected ? "true" : null,
        "aria-label": `${severityWord} ${f.code}: ${pick(lang, f.message)}`,
      },
      h(
        "div",
        { class: "finding-head" },
        h("span", { class: "sev-mark", "aria-hidden": "true" }, f.severity === "error" ? "✕" : f.severity === "warning" ? "!" : "i"),
        h("span", { class: "finding-title" }, h("code", { class: "code" }, f.code), title ? h("span", { class: "rule-title" }, ` ${pick(lang, title)}`) : null),
        showAmount && f.amount !== undefined ? h("span", { class: "amount num" }, formatMoney(f.amount)) : null,
      ),
      h("div", { class: "summary-line", lang: lang === "zh-CN" ? "zh-CN" : "en" }, pick(lang, f.message)),
      h(
        "div",
        { class: "finding-actions" },
        h(
          "button",
          { type: "button", class: "link", "aria-expanded": open ? "true" : "false", "aria-controls": detailId, "data-action": "toggle-finding", "data-finding": index, "data-key": `detail:${index}` },
          u(lang, "showDetail"),
        ),
        f.rows > 0 ? h("span", { class: "rows" }, rowsText(lang, f.rows)) : null,
      ),
      selected ? selectionNote(state, key) : null,
    );
    if (open) {
      li.append(
        h(
          "div",
          { class: "finding-detail", id: detailId },
          state.bothLanguages ? text(state, f.message, "message") : null,
          h("div", { class: "detail" }, h("span", { class: "k" }, `${t(lang, "suggestion")}${colon(lang)}`), text(state, f.suggestion)),
          f.source ? h("div", { class: "detail" }, h("span", { class: "k" }, `${t(lang, "source")}${colon(lang)}`), f.source) : null,
          f.amount !== undefined ? h("div", { class: "detail" }, h("span", { class: "k" }, `${t(lang, "amountAtStake")}${colon(lang)}`), formatAmount(lang, f.amount)) : null,
          where ? h("div", { class: "detail cells" }, h("span", { class: "k" }, `${t(lang, "cells")}${colon(lang)}`), where) : null,
        ),
      );
    }
    return li;
  }

  function renderValidation(state: PaneState): void {
    const lang = state.language;
    const audit = state.audit;
    const busy = state.busy !== null;
    const toolbar = h(
      "div",
      { class: "actions no-print" },
      fbutton({ primary: true, "data-action": "validate", "data-key": "validate", busy }, t(lang, audit ? "revalidate" : "validate")),
      fbutton({ "data-action": "copy-findings", "data-key": "copy-findings", disabled: busy || !audit, busy: busy && !!audit }, t(lang, "copyFindings")),
    );
    const content: Child[] = [toolbar];
    if (!audit) {
      content.push(h("p", { class: "empty" }, t(lang, "notValidatedYet")));
    } else {
      const counts = severityCounts(audit.findings);
      content.push(
        h(
          "p",
          { class: "summary", id: "findings-summary" },
          ...(["error", "warning", "info"] as const).map((sev) => h("span", { class: `chip chip-${sev}`, "data-severity": sev }, `${t(lang, `severity_${sev}`)} ${counts[sev]}`)),
        ),
      );
      const codes = ruleCodes(audit.findings);
      content.push(
        h(
          "div",
          { class: "filter-row no-print" },
          h(
            "div",
            { class: "field filter" },
            ...dropdown(
              "rule-filter",
              t(lang, "filterByRule"),
              "filter",
              [{ value: "", label: `${t(lang, "allRules")} (${audit.findings.length})` }, ...codes.map((c) => ({ value: c.code, label: `${c.code}${c.title ? ` · ${pick(lang, c.title)}` : ""} (${c.count})` }))],
              state.filter ?? "",
              false,
            ),
          ),
          h(
            "div",
            { class: "field checkbox" },
            h("input", { type: "checkbox", id: "both-languages", "data-action": "both-languages", "data-key": "both-languages", checked: state.bothLanguages }),
            h("label", { for: "both-languages" }, u(lang, "bothLanguages")),
          ),
        ),
        h("p", { class: "meta" }, u(lang, "sortedByMoney")),
      );
      const groups = sortedGroups(audit.findings, state.filter);
      if (groups.length === 0) content.push(h("p", { class: "empty" }, t(lang, "noFindings")));
      groups.forEach((g, gi) => {
        const id = `group-${g.severity}`;
        const collapsed = state.collapsed.has(g.severity);
        const name = `${t(lang, `severity_${g.severity}`)} (${g.count})`;
        const next = groups[gi + 1];
        const prev = groups[gi - 1];
        const skips = h(
          "div",
          { class: "skip-group no-print" },
          next ? h("a", { href: `#${`group-${next.severity}`}-heading`, class: "skip", "data-key": `skip:${g.severity}` }, u(lang, "skipNextGroup", { group: t(lang, `severity_${next.severity}`) })) : null,
          prev ? h("a", { href: `#${`group-${prev.severity}`}-heading`, class: "skip", "data-key": `skipback:${g.severity}` }, u(lang, "skipPrevGroup", { group: t(lang, `severity_${prev.severity}`) })) : null,
        );
        const items: HTMLElement[] = [];
        if (!collapsed) {
          for (const c of g.clusters) {
            if (c.entries.length > 1 && c.amount !== null) {
              items.push(
                h(
                  "li",
                  { class: "cluster", "data-amount": c.amount },
                  h("p", { class: "cluster-head" }, u(lang, "sameAmount", { count: c.entries.length, amount: formatMoney(c.amount) })),
                  h("ul", { class: "findings" }, ...c.entries.map((e) => findingItem(state, e, false))),
                ),
              );
            } else items.push(...c.entries.map((e) => findingItem(state, e, true)));
          }
        }
        content.push(
          h(
            "section",
            { class: `group group-${g.severity}`, "aria-labelledby": `${id}-heading`, id },
            h(
              "h2",
              { id: `${id}-heading`, tabindex: -1 },
              h("button", { type: "button", class: "group-toggle", "aria-expanded": collapsed ? "false" : "true", "data-action": "toggle-group", "data-severity": g.severity, "data-key": `group:${g.severity}` }, h("span", { class: "chevron", "aria-hidden": "true" }), name),
            ),
            skips,
            collapsed ? null : h("ul", { class: "findings", "aria-label": name }, ...items),
          ),
        );
      });
      // The 对账 view (bridges to the ledger and the returns), when the workbook has reconciliation sources.
      const recon = renderReconciliationView(document, audit.reconciliation, lang, (cells) => void controller.selectCells(cells));
      if (recon) content.push(recon);
    }
    panels.validation.replaceChildren(...content.filter((c): c is Node => c instanceof Node));
  }

  /** Rendered again only when the settings or the language change, so text being typed in the mapping stays. */
  let shownSettings = "";
  function renderSettings(state: PaneState): void {
    const lang = state.language;
    const s = state.settings;
    const key = JSON.stringify([lang, state.officeLanguage, s]);
    if (key === shownSettings) return;
    shownSettings = key;
    const officeName = state.officeLanguage === "zh-CN" ? "中文" : "English";
    const mappingText = Object.entries(s.mapping ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join("\n");
    panels.settings.replaceChildren(
      h(
        "div",
        { class: "field" },
        ...dropdown(
          "language",
          `${t(lang, "language")} / ${other(lang, TEXT.language)}`,
          "language",
          [
            { value: "auto", label: t(lang, "languageAuto", { value: officeName }) },
            { value: "zh-CN", label: "中文（简体）", lang: "zh-CN" },
            { value: "en-US", label: "English", lang: "en" },
          ],
          s.language ?? "auto",
          false,
        ),
      ),
      h(
        "div",
        { class: "field checkbox" },
        h("input", { type: "checkbox", id: "auto-validate", "data-action": "auto-validate", "data-key": "auto-validate", checked: s.autoValidate === true, "aria-describedby": "auto-validate-hint" }),
        h("label", { for: "auto-validate" }, t(lang, "autoValidate")),
        h("p", { class: "hint", id: "auto-validate-hint" }, t(lang, "autoValidateHint")),
      ),
      h(
        "div",
        { class: "field" },
        h("label", { for: "mapping" }, t(lang, "mapping")),
        h("textarea", { id: "mapping", rows: 4, spellcheck: "false", "aria-describedby": "mapping-hint", "data-key": "mapping" }, mappingText),
        h("p", { class: "hint", id: "mapping-hint" }, t(lang, "mappingHint")),
        fbutton({ "data-action": "save-mapping", "data-key": "save-mapping"}, t(lang, "saveSettings")),
      ),
      h("p", { class: "hint" }, t(lang, "settingsNote")),
    );
  }

  /** The open dialog (sheet and language), so that renders while it is open leave it and its focus alone. */
  let shownDialog = "";
  function renderDialog(state: PaneState): void {
    const c = state.confirm;
    const key = c ? `${JSON.stringify(c)}\u0000${state.language}` : state.help ? `help\u0000${state.language}` : "";
    if (key === shownDialog) return;
    shownDialog = key;
    if (!c && state.help) {
      helpDialog(state);
      return;
    }
    if (!c) {
      dialogHost.replaceChildren();
      return;
    }
    const lang = state.language;
    const template = c.kind === "template";
    const keep = fbutton({ "data-action": "confirm-no", "data-key": "confirm-no", slot: "action", autofocus: true }, t(lang, template ? "cancel" : "keep"));
    const title = t(lang, template ? "confirmTemplateTitle" : "confirmReplaceTitle");
    openDialog(
      // An alert dialog (role alertdialog, modal, no light dismiss); the safe answer has the focus.
      fdialog(
        "confirm-dialog",
        "alert",
        title,
        h("h2", { id: "dialog-title", slot: "title" }, title),
        h(
          "p",
          { id: "dialog-body" },
          c.kind === "template" ? t(lang, "confirmTemplateBody", { existing: c.existing.join("、"), adding: c.adding.join("、") }) : t(lang, "confirmReplaceBody", { sheet: c.sheet }),
        ),
        fbutton({ primary: true, "data-action": "confirm-yes", "data-key": "confirm-yes", slot: "action" }, t(lang, template ? "insert" : "replace")),
        keep,
      ),
      keep,
    );
  }

  /**
   * A fluent-dialog with a fluent-dialog-body. Its inner <dialog> is in Fluent's shadow root, where an id reference
   * to the title cannot reach: the name is given as aria-label (the title's text), which Fluent passes to the <dialog>.
   */
  function fdialog(id: string, type: "alert" | "modal", name: string, ...children: Child[]): HTMLElement {
    return el("fluent-dialog", { id, type, "aria-label": name, class: "dialog" }, el("fluent-dialog-body", {}, ...children));
  }

  /** Shows a dialog (modal: the rest of the pane is inert until it closes) with the focus on `focus`. */
  function openDialog(dialog: HTMLElement, focus: HTMLElement): void {
    dialogHost.replaceChildren(dialog);
    focus.focus();
    (dialog as unknown as { show(): void }).show();
  }

  /** Help and about: version, rule data, the guide, and where the data goes (nowhere). */
  function helpDialog(state: PaneState): void {
    const lang = state.language;
    const close = fbutton({ primary: true, "data-action": "help-close", "data-key": "help-close", slot: "action", autofocus: true }, u(lang, "close"));
    const title = u(lang, "helpTitle");
    openDialog(
      fdialog(
        "help-dialog",
        "modal",
        title,
        h("h2", { id: "help-title", slot: "title" }, title),
        h("p", { id: "help-version" }, u(lang, "helpVersion", { version: packageJson.version })),
        h("p", { id: "help-rules" }, u(lang, "helpRules", { date: rulesVersion(), profiles: ALL_PROFILES.length })),
        h("p", { id: "help-privacy" }, u(lang, "helpPrivacy")),
        h("p", {}, h("a", { href: "help.html", target: "_blank", rel: "noopener", id: "help-readme" }, u(lang, "helpReadme"))),
        close,
      ),
      close,
    );
  }

  function render(): void {
    const state = controller.state;
    const dialogOpen = dialogHost.childElementCount > 0;
    const dialogWanted = state.confirm !== null || state.help;
    if (dialogWanted && !dialogOpen) focusBeforeDialog = lastFocusKey;
    const closing = !dialogWanted && dialogOpen;
    if (closing) {
      lastFocusKey = focusBeforeDialog;
      focusBeforeDialog = undefined;
    }
    // The element to keep focused: the focused one, or, when the focus was lost (a button disabled while busy, a
    // dialog closed), the last one the user was on.
    const active = document.activeElement;
    const lost = active === null || active === document.body || !root.contains(active);
    // A dialog closing gives the focus back to where it was before it opened.
    const wanted = lost || closing ? lastFocusKey : active instanceof HTMLElement ? focusKey(active) : undefined;
    const lang = state.language;
    if (lang !== lastLanguage) {
      document.documentElement.lang = lang === "zh-CN" ? "zh-CN" : "en";
      document.title = `${pick(lang, TEXT.appTitle)} · ${other(lang, TEXT.appTitle)}`;
      lastLanguage = lang;
    }
    root.classList.toggle("busy", state.busy !== null);
    renderHeader(lang);
    renderTabs(state);
    renderProgress(state);
    renderStatus(state);
    renderCalculation(state);
    renderValidation(state);
    renderMapping(state);
    renderSettings(state);
    renderDialog(state);
    // A modal dialog: the rest of the pane is inert (as Fluent's modal <dialog> makes it), said so in the DOM too, so
    // that checkers such as axe leave the dimmed page behind the dialog alone.
    for (const part of [skip, header, tablist, progress, status, ...Object.values(panels)]) part.inert = dialogWanted;
    if (wanted && !dialogWanted) {
      const again = root.querySelector<HTMLElement>(`[data-key="${CSS.escape(wanted)}"]`);
      if (again && !(again as HTMLButtonElement).disabled && !again.closest("[hidden]") && document.activeElement !== again) again.focus({ preventScroll: true });
    }
  }

  /* ---------------------------------------------------------------- events */

  /** The key that finds a focused element again after a re-render (a drop-down's button: the drop-down's). */
  function focusKey(target: HTMLElement | null): string | undefined {
    if (!target?.dataset) return undefined;
    return target.dataset.key ?? target.closest<HTMLElement>("fluent-dropdown")?.dataset.key;
  }

  /** The Fluent drop-down an event happened in, and whether its list was open when the key went down. */
  const dropdownOf = (target: EventTarget | null): (HTMLElement & { open?: boolean; value?: string | null }) | null =>
    target instanceof Element ? target.closest<HTMLElement>("fluent-dropdown") : null;
  let listWasOpen = false;
  root.addEventListener("keydown", (event) => void (listWasOpen = dropdownOf(event.target)?.open === true), true);

  function nodeByKey(key: string): TrailNode | null {
    const audit = controller.state.audit;
    const tree = audit ? treeOf(audit) : null;
    const find = (n: TrailNode | null): TrailNode | null => {
      if (!n) return null;
      if (n.key === key) return n;
      for (const c of n.children) {
        const hit = find(c);
        if (hit) return hit;
      }
      return null;
    };
    return find(tree);
  }

  function cellsOf(key: string): readonly import("../workbook/types").CellRef[] | null {
    const audit = controller.state.audit;
    if (!audit) return null;
    if (key.startsWith("finding:")) return audit.findings[Number(key.slice(8))]?.cells ?? null;
    if (key.startsWith("form:")) {
      const row = formRows(audit).find((r) => r.column === Number(key.slice(5)));
      return row?.declaredCell ? [row.declaredCell] : null;
    }
    return null;
  }

  async function copy(value: string, all: boolean): Promise<void> {
    const ok = await toClipboard(value);
    const lines = value.split("\n").length;
    controller.setStatus(
      ok
        ? { kind: "success", text: all ? uBoth("copiedAll", { count: lines }) : uBoth("copied", { text: value }) }
        : { kind: "error", text: uBoth("copyFailed", { text: value.replace(/\n/g, " ") }) },
    );
  }

  function act(el: HTMLElement): void {
    const action = el.dataset.action;
    // A Fluent button that is disabled (or inert while a run goes) does nothing.
    if (el.hasAttribute("disabled") || el.hasAttribute("disabled-focusable")) return;
    switch (action) {
      case "view":
        controller.setView(el.dataset.view as View);
        break;
      case "calculate":
        void controller.analyse("calculation");
        break;
      case "validate":
        void controller.analyse("validation");
        break;
      case "cancel":
        controller.cancel();
        break;
      case "write-paper":
        void controller.writeWorkingPaper();
        break;
      case "copy-findings":
        void controller.copyFindings();
        break;
      case "toggle":
        controller.toggle(el.dataset.node ?? "");
        break;
      case "select-trail": {
        const node = nodeByKey(el.dataset.node ?? "");
        if (node) void controller.selectCells(node.cells);
        break;
      }
      case "select-near": {
        const near = controller.state.audit?.findings.find((f) => f.code === "TIER_NEAR");
        if (near) void controller.selectCells(near.cells);
        break;
      }
      case "select-finding": {
        const i = Number(el.dataset.finding);
        const f = controller.state.audit?.findings[i];
        if (f) void controller.selectFor(`finding:${i}`, f.cells);
        break;
      }
      case "toggle-finding":
        controller.toggle(`finding:${el.dataset.finding}`);
        break;
      case "toggle-group":
        controller.toggleGroup(el.dataset.severity ?? "");
        break;
      case "next-area": {
        const key = el.dataset.for ?? "";
        const cells = cellsOf(key);
        if (cells) void controller.nextArea(key, cells);
        break;
      }
      case "form-finding": {
        // A differing row: to its finding (selected, its cells selected) in the validation view, else to the declared cell.
        const column = Number(el.dataset.column);
        const audit = controller.state.audit;
        const row = audit ? formRows(audit).find((r) => r.column === column) : undefined;
        if (!audit || !row) break;
        if (row.finding !== null) {
          const f = audit.findings[row.finding];
          controller.setView("validation");
          const key = `finding:${row.finding}`;
          void controller.selectFor(key, f.cells.length > 0 ? f.cells : row.declaredCell ? [row.declaredCell] : []).then(() => {
            root.querySelector<HTMLElement>(`#panel-validation .finding[data-finding="${row.finding}"]`)?.focus();
          });
          if (f.cells.length === 0 && !row.declaredCell) root.querySelector<HTMLElement>(`#panel-validation .finding[data-finding="${row.finding}"]`)?.focus();
        } else if (row.declaredCell) void controller.selectFor(`form:${column}`, [row.declaredCell]);
        break;
      }
      case "copy-figure": {
        const audit = controller.state.audit;
        const row = audit ? formRows(audit).find((r) => r.column === Number(el.dataset.column)) : undefined;
        if (row) void copy(row.copy, false);
        break;
      }
      case "copy-all": {
        const audit = controller.state.audit;
        if (audit) void copy(copyAllText(formRows(audit)), true);
        break;
      }
      case "print":
        window.print();
        break;
      case "help":
        controller.setHelp(true);
        break;
      case "help-close":
        controller.setHelp(false);
        break;
      case "confirm-yes":
        controller.answerConfirm(true);
        break;
      case "open-mapping":
        controller.openMappingEditor();
        root.querySelector<HTMLElement>("#panel-mapping select, #panel-mapping button")?.focus();
        break;
      case "insert-template":
        void controller.insertTemplate();
        break;
      case "read-workbook":
        void controller.analyse("mapping");
        break;
      case "mapping-save": {
        // The other rules as typed, even if the box still has the focus (its change event has not fired).
        const other = root.querySelector<HTMLTextAreaElement>("#map-other");
        if (other) controller.setOtherRules(other.value);
        void controller.saveMapping();
        break;
      }
      case "mapping-revert":
        controller.revertMapping();
        break;
      case "confirm-no":
        controller.answerConfirm(false);
        break;
      case "save-mapping": {
        const text = (root.querySelector<HTMLTextAreaElement>("#mapping")?.value ?? "").split(/\r?\n/);
        const mapping: Record<string, string> = {};
        for (const line of text) {
          const eq = line.indexOf("=");
          if (eq > 0 && line.slice(eq + 1).trim() !== "") mapping[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
        }
        void controller.setMapping(mapping);
        break;
      }
      default:
        break;
    }
  }

  root.addEventListener("click", (event) => {
    const el = (event.target as HTMLElement).closest<HTMLElement>("[data-action]");
    if (!el || !root.contains(el) || el instanceof HTMLSelectElement || el instanceof HTMLInputElement || el.localName === "fluent-dropdown") return;
    act(el);
  });

  root.addEventListener("change", (event) => {
    const el = event.target as HTMLSelectElement | HTMLInputElement;
    // A Fluent drop-down's value is its chosen option's (an option's own change events are not the drop-down's).
    if (el.localName === "fluent-option" || el.localName === "fluent-listbox") return;
    const value = el.localName === "fluent-dropdown" ? ((el as unknown as { value: string | null }).value ?? "") : el.value;
    // A what-if drop-down (weight, from month): recomputed at once, like a typed assumption.
    if (el.localName === "fluent-dropdown" && el.dataset.whatif) {
      applyWhatIf(el.dataset.whatif, value);
      return;
    }
    switch (el.dataset.action) {
      case "pick-region":
        void controller.setPicker("region", value);
        break;
      case "pick-year":
        void controller.setPicker("filingYear", value);
        break;
      case "pick-entity":
        void controller.setPicker("entityType", value);
        break;
      case "filter":
        controller.setFilter(value || null);
        break;
      case "both-languages":
        controller.setBothLanguages((el as HTMLInputElement).checked);
        break;
      case "language":
        void controller.setLanguage(value as Language | "auto");
        break;
      case "auto-validate":
        void controller.setAutoValidate((el as HTMLInputElement).checked);
        break;
      case "map-role":
        controller.setSheetRole(el.dataset.sheet ?? "", value);
        break;
      case "map-field":
        controller.setColumnField(el.dataset.sheet ?? "", el.dataset.column ?? "", value);
        break;
      case "map-other":
        controller.setOtherRules(value, true);
        break;
      default:
        break;
    }
  });

  // What-if assumptions: recomputed on every keystroke, only the output re-filled (the inputs keep their caret).
  root.addEventListener("input", (event) => {
    const target = event.target as HTMLInputElement | HTMLSelectElement;
    if (target.dataset?.whatif) applyWhatIf(target.dataset.whatif, target.value);
  });

  /** One what-if assumption as typed or chosen: kept (no re-render), the output re-filled. */
  function applyWhatIf(which: string, value: string): void {
    const v = value.trim();
    const patch: Partial<import("./what-if").WhatIfInput> = {};
    if (which === "wi-hires") patch.hires = /^\d{1,4}$/.test(v) ? Number(v) : 0;
    else if (which === "wi-weight") patch.weight = v === "2" ? 2 : 1;
    else if (which === "wi-month") patch.fromMonth = Math.min(12, Math.max(1, Number(v) || 1));
    else if (which === "wi-headcount") patch.headcountDelta = /^-?\d+(\.\d+)?$/.test(v) ? v : "0";
    else if (which === "wi-wage") patch.wageDelta = /^-?\d+(\.\d+)?$/.test(v) ? v : "0";
    controller.setWhatIf(patch, true);
    const out = root.querySelector<HTMLElement>("#what-if-output");
    if (out) fillWhatIf(out, controller.state);
  }

  root.addEventListener("toggle", (event) => {
    const target = event.target as HTMLElement;
    if (target.id === "inputs") inputsOpen = (target as HTMLDetailsElement).open;
    if (target.id === "what-if") {
      whatIfOpen = (target as HTMLDetailsElement).open;
      const out = root.querySelector<HTMLElement>("#what-if-output");
      if (out) {
        if (whatIfOpen) fillWhatIf(out, controller.state);
        else out.replaceChildren();
      }
    }
  }, true);

  // A Fluent dialog closed by Fluent itself (Escape on its <dialog>, a click outside the help): the pane's state follows.
  dialogHost.addEventListener("toggle", (event) => {
    const dialog = event.target as HTMLElement;
    if (dialog.localName !== "fluent-dialog" || !dialog.isConnected || (event as unknown as CustomEvent<{ newState?: string }>).detail?.newState !== "closed") return;
    if (controller.state.confirm) controller.answerConfirm(false);
    else if (controller.state.help) controller.setHelp(false);
  });

  root.addEventListener("focusin", (event) => {
    const key = focusKey(event.target as HTMLElement);
    if (key) lastFocusKey = key;
  });

  root.addEventListener("keydown", (event) => {
    const target = event.target as HTMLElement;
    // Tabs: arrows, Home and End are Fluent's (its focus group moves the focus, the tablist selects and says change).
    // Enter or Space on the tab shown moves into its view; on another tab it shows that view, as a click does.
    if (target.localName === "fluent-tab" && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      if (target.getAttribute("aria-selected") === "true") root.querySelector<HTMLElement>(`#panel-${target.dataset.view}`)?.focus();
      else act(target);
      return;
    }
    // A drop-down of the inputs: Enter on the open list takes the option (Fluent) and runs the analysis with the
    // inputs; Enter on the closed drop-down opens its list (Fluent). The inputs stay unfolded, so the focus stays.
    const dd = dropdownOf(target);
    if (dd && event.key === "Enter" && !event.isComposing) {
      if (listWasOpen && /^pick-/.test(dd.dataset.action ?? "") && !controller.state.busy) {
        inputsOpen = true;
        void controller.analyse(controller.state.view === "validation" ? "validation" : "calculation");
      }
      return;
    }
    // Findings are list items: Enter or Space selects the cells.
    if (target.classList.contains("finding") && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      act(target);
      return;
    }
    // Enter on a field commits it (issue 11: every focusable item does something on Enter): a checkbox toggles, a
    // what-if assumption recomputes, a picker of the inputs runs the analysis with them, any other choice is applied.
    if (event.key === "Enter" && !event.isComposing && (target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) {
      event.preventDefault();
      if (target instanceof HTMLInputElement && (target.type === "checkbox" || target.type === "radio")) target.click();
      else if (target.dataset.whatif) target.dispatchEvent(new Event("input", { bubbles: true }));
      else if (/^pick-/.test(target.dataset.action ?? "") && !controller.state.busy) void controller.analyse(controller.state.view === "validation" ? "validation" : "calculation");
      else target.dispatchEvent(new Event("change", { bubbles: true }));
      return;
    }
    if (controller.state.help && !controller.state.confirm) {
      if (event.key === "Escape") {
        event.preventDefault();
        controller.setHelp(false);
      } else if (event.key === "Tab") {
        const items = Array.from(dialogHost.querySelectorAll<HTMLElement>("fluent-button, a[href]"));
        const i = items.indexOf(document.activeElement as HTMLElement);
        event.preventDefault();
        items[(i + (event.shiftKey ? items.length - 1 : 1)) % items.length]?.focus();
      }
      return;
    }
    if (controller.state.confirm) {
      if (event.key === "Escape") {
        event.preventDefault();
        controller.answerConfirm(false);
      } else if (event.key === "Tab") {
        // A modal dialog keeps the focus on its own buttons.
        const buttons = Array.from(dialogHost.querySelectorAll<HTMLElement>("button, fluent-button, a[href]"));
        const i = buttons.indexOf(document.activeElement as HTMLElement);
        event.preventDefault();
        buttons[(i + (event.shiftKey ? buttons.length - 1 : 1)) % buttons.length]?.focus();
      }
    }
  });

  controller.subscribe((change) => {
    if (change === "progress") renderProgress(controller.state);
    else render();
  });
  render();
  return { render };
}
