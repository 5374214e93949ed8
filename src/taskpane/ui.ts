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

const VIEWS: ReadonlyArray<{ view: View; label: TextKey }> = [
  { view: "calculation", label: "tabCalculation" },
  { view: "validation", label: "tabValidation" },
  { view: "mapping", label: "tabMapping" },
  { view: "settings", label: "tabSettings" },
];

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

  const header = h("header", { class: "pane-header" });
  const tablist = h("div", { role: "tablist", class: "tabs" });
  const status = h("div", { id: "status", class: "status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
  const bar = h("div", { class: "progress-fill" });
  const progressbar = h("div", { role: "progressbar", class: "progress-track", "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": 0 }, bar);
  const stage = h("span", { class: "progress-stage" });
  const cancelButton = h("button", { type: "button", class: "button", "data-action": "cancel", "data-key": "cancel" });
  const progress = h("div", { class: "progress", hidden: true }, h("div", { class: "progress-row" }, progressbar, cancelButton), stage);
  const panels: Record<View, HTMLElement> = {
    calculation: h("section", { role: "tabpanel", id: "panel-calculation", "aria-labelledby": "tab-calculation", class: "panel" }),
    validation: h("section", { role: "tabpanel", id: "panel-validation", "aria-labelledby": "tab-validation", class: "panel" }),
    mapping: h("section", { role: "tabpanel", id: "panel-mapping", "aria-labelledby": "tab-mapping", class: "panel" }),
    settings: h("section", { role: "tabpanel", id: "panel-settings", "aria-labelledby": "tab-settings", class: "panel" }),
  };
  const dialogHost = h("div", { class: "dialog-host" });
  root.replaceChildren(header, tablist, progress, status, panels.calculation, panels.validation, panels.mapping, panels.settings, dialogHost);

  /* ---------------------------------------------------------------- rendering */

  function renderHeader(lang: Language): void {
    header.replaceChildren(
      h("h1", { class: "title" }, pick(lang, TEXT.appTitle), " ", h("span", { class: "title-alt" }, other(lang, TEXT.appTitle))),
      h("p", { class: "subtitle" }, pick(lang, TEXT.appSubtitle)),
    );
  }

  function renderTabs(state: PaneState): void {
    const lang = state.language;
    tablist.setAttribute("aria-label", t(lang, "views"));
    tablist.replaceChildren(
      ...VIEWS.map(({ view, label }) => {
        const selected = state.view === view;
        const counts = view === "validation" && state.audit ? severityCounts(state.audit.findings) : null;
        return h(
          "button",
          {
            type: "button",
            role: "tab",
            id: `tab-${view}`,
            class: "tab",
            "aria-selected": selected ? "true" : "false",
            "aria-controls": `panel-${view}`,
            tabindex: selected ? 0 : -1,
            "data-action": "view",
            "data-view": view,
            "data-key": `tab-${view}`,
          },
          t(lang, label),
          counts && counts.error + counts.warning > 0 ? h("span", { class: `badge ${counts.error ? "badge-error" : "badge-warning"}` }, String(counts.error + counts.warning)) : null,
        );
      }),
    );
    for (const { view } of VIEWS) panels[view].hidden = state.view !== view;
  }

  /** The status line is a live region: it is touched only when what it says changes, so nothing is re-announced. */
  let shownStatus = "";
  function renderStatus(state: PaneState): void {
    const s = state.status;
    const key = s ? `${s.kind}\u0000${pick(state.language, s.text)}` : "";
    if (key === shownStatus) return;
    shownStatus = key;
    status.className = `status${s ? ` status-${s.kind}` : ""}`;
    status.replaceChildren(...(s ? [bilingual(state.language, s.text, false)] : []));
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

  function select(lang: Language, id: string, label: TextKey, action: string, options: Array<{ value: string; label: string }>, value: string, fromWorkbook: string | null): HTMLElement {
    const first = fromWorkbook ? t(lang, "fromWorkbookValue", { value: fromWorkbook }) : t(lang, "fromWorkbook");
    return h(
      "div",
      { class: "field" },
      h("label", { for: id }, t(lang, label)),
      h(
        "select",
        { id, "data-action": action, "data-key": id },
        h("option", { value: "", selected: value === "" }, first),
        ...options.map((o) => h("option", { value: o.value, selected: o.value === value }, o.label)),
      ),
    );
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
      select(lang, "pick-region", "region", "pick-region", regionOptions(lang), s.region ?? "", fromBlock.region),
      select(lang, "pick-year", "filingYear", "pick-year", filingYearOptions(today), s.filingYear ? String(s.filingYear) : "", fromBlock.filingYear),
      select(lang, "pick-entity", "entityType", "pick-entity", entityOptions(lang), s.entityType ?? "", fromBlock.entityType),
    );
    const actions = h(
      "div",
      { class: "actions" },
      h("button", { type: "button", class: "button primary", "data-action": "calculate", "data-key": "calculate", disabled: busy }, t(lang, "calculate")),
      h("button", { type: "button", class: "button", "data-action": "write-paper", "data-key": "write-paper", disabled: busy || !calc }, t(lang, "writeWorkingPaper")),
    );
    const content: Child[] = [pickers, actions];
    if (!audit) content.push(h("p", { class: "empty" }, t(lang, "notRunYet")));
    else if (!calc) content.push(fatalCard(state));
    else {
      content.push(
        h(
          "p",
          { class: "meta" },
          `${regionLabel(lang, calc.region.code)} · ${t(lang, "filingYear")} ${calc.filingYear} ${parens(lang, `${t(lang, "dataYear")} ${calc.dataYear}`)} · `,
          t(lang, "rowsRead", { read: audit.rows.read, counted: audit.rows.counted, excluded: audit.rows.excluded, rejected: audit.rows.rejected }),
        ),
      );
      // Form columns 4–12.
      const card = h(
        "table",
        { class: "form-card", id: "form-card" },
        h("caption", {}, t(lang, "formCard")),
        h("thead", {}, h("tr", {}, h("th", { scope: "col", class: "col" }, t(lang, "column")), h("th", { scope: "col" }, lang === "zh-CN" ? "项目" : "Item"), h("th", { scope: "col", class: "num" }, lang === "zh-CN" ? "值" : "Value"))),
        h(
          "tbody",
          {},
          ...formCard(calc).map((row) =>
            h(
              "tr",
              { class: row.emphasis ? "emphasis" : row.column === null ? "minor" : null, "data-step": row.stepId },
              h("td", { class: "col" }, row.column === null ? "" : String(row.column)),
              h("th", { scope: "row" }, bilingual(lang, row.label)),
              h("td", { class: "num", "data-value": row.stepId, title: row.exact ? `${t(lang, "exactValue")}: ${row.exact}` : null }, row.value),
            ),
          ),
        ),
      );
      content.push(card);
      const exactNote = formCardNote(calc);
      if (exactNote) content.push(h("p", { class: "form-note", id: "form-note" }, pick(lang, exactNote)));
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
        content.push(
          h(
            "div",
            { class: "card band", id: "band" },
            h("h2", {}, t(lang, "band")),
            h("p", { class: "band-label", "data-kind": band.kind }, pick(lang, band.label)),
            h("p", { class: "meta" }, `${t(lang, "disabledShare")}: ${band.disabledShare}`),
            h("h3", {}, t(lang, "nextBand")),
            h("div", { class: "next-band" }, ...next),
          ),
        );
      }
      if (calc.notes.length > 0) {
        content.push(
          h(
            "div",
            { class: "card notes" },
            h("h2", {}, t(lang, "notes")),
            h("ul", {}, ...calc.notes.map((n) => h("li", { class: `note note-${n.severity}` }, h("code", {}, n.code), " ", bilingual(lang, n.message)))),
          ),
        );
      }
      // The trail.
      const tree = treeOf(audit);
      if (tree) {
        content.push(
          h("div", { class: "card trail" }, h("h2", { id: "trail-heading" }, t(lang, "trail")), h("p", { class: "meta" }, t(lang, "trailHint")), h("ul", { class: "trail-list", "aria-labelledby": "trail-heading" }, trailItem(state, tree, 1))),
        );
      }
    }
    panels.calculation.replaceChildren(...content.filter((c): c is Node => c instanceof Node));
  }

  /** The analysis could not be used: say why, and offer what to do about it (actions, not syntax). */
  function fatalCard(state: PaneState): HTMLElement {
    const lang = state.language;
    const fatal = state.audit?.fatal;
    const busy = state.busy !== null;
    const action = state.mapping?.empty
      ? h("button", { type: "button", class: "button primary", "data-action": "insert-template", "data-key": "insert-template", disabled: busy }, t(lang, "insertTemplate"))
      : h("button", { type: "button", class: "button primary", "data-action": "open-mapping", "data-key": "open-mapping", disabled: busy }, t(lang, "chooseRoster"));
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
        h("div", { class: "actions" }, h("button", { type: "button", class: "button primary", "data-action": "read-workbook", "data-key": "read-workbook", disabled: busy }, t(lang, "readWorkbook"))),
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
        h("button", { type: "button", class: "button primary", "data-action": "mapping-save", "data-key": "mapping-save", disabled: busy }, t(lang, "saveMapping")),
        h("button", { type: "button", class: "button", "data-action": "mapping-revert", "data-key": "mapping-revert", disabled: busy || !m.dirty }, t(lang, "revertMapping")),
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

  function findingItem(lang: Language, f: Finding, index: number): HTMLElement {
    const where = describeCells(f.cells, 4, f.rows);
    const title = ruleInfo(f.code)?.title ?? null;
    return h(
      "li",
      {
        role: "listitem",
        class: `finding severity-${f.severity}`,
        tabindex: 0,
        "data-action": f.cells.length > 0 ? "select-finding" : null,
        "data-finding": index,
        "data-code": f.code,
        "data-key": `finding:${f.code}:${index}`,
        "aria-label": `${f.code}: ${pick(lang, f.message)}`,
      },
      h(
        "div",
        { class: "finding-head" },
        h("span", {}, h("code", { class: "code" }, f.code), title ? h("span", { class: "rule-title" }, ` ${pick(lang, title)}`) : null),
        f.rows > 0 ? h("span", { class: "rows" }, rowsText(lang, f.rows)) : null,
      ),
      bilingual(lang, f.message, true, "div", "message"),
      h("div", { class: "detail" }, h("span", { class: "k" }, `${t(lang, "suggestion")}${colon(lang)}`), bilingual(lang, f.suggestion)),
      // Data-quality findings rest on no legal text: no 依据 line at all rather than an empty one.
      f.source ? h("div", { class: "detail" }, h("span", { class: "k" }, `${t(lang, "source")}${colon(lang)}`), f.source) : null,
      f.amount !== undefined ? h("div", { class: "detail" }, h("span", { class: "k" }, `${t(lang, "amountAtStake")}${colon(lang)}`), formatAmount(lang, f.amount)) : null,
      where ? h("div", { class: "detail cells" }, h("span", { class: "k" }, `${t(lang, "cells")}${colon(lang)}`), where) : null,
    );
  }

  let shownFindings: Finding[] = [];

  function renderValidation(state: PaneState): void {
    const lang = state.language;
    const audit = state.audit;
    const busy = state.busy !== null;
    const toolbar = h(
      "div",
      { class: "actions" },
      h("button", { type: "button", class: "button primary", "data-action": "validate", "data-key": "validate", disabled: busy }, t(lang, audit ? "revalidate" : "validate")),
      h("button", { type: "button", class: "button", "data-action": "copy-findings", "data-key": "copy-findings", disabled: busy || !audit }, t(lang, "copyFindings")),
    );
    const content: Child[] = [toolbar];
    shownFindings = [];
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
          { class: "field filter" },
          h("label", { for: "rule-filter" }, t(lang, "filterByRule")),
          h(
            "select",
            { id: "rule-filter", "data-action": "filter", "data-key": "rule-filter" },
            h("option", { value: "", selected: state.filter === null }, `${t(lang, "allRules")} (${audit.findings.length})`),
            ...codes.map((c) => h("option", { value: c.code, selected: state.filter === c.code }, `${c.code}${c.title ? ` · ${pick(lang, c.title)}` : ""} (${c.count})`)),
          ),
        ),
      );
      const groups = groupFindings(audit.findings, state.filter);
      if (groups.length === 0) content.push(h("p", { class: "empty" }, t(lang, "noFindings")));
      for (const g of groups) {
        const id = `group-${g.severity}`;
        content.push(
          h(
            "section",
            { class: `group group-${g.severity}`, "aria-labelledby": id },
            h("h2", { id }, `${t(lang, `severity_${g.severity}`)} (${g.count})`),
            h(
              "ul",
              { role: "list", class: "findings", "aria-labelledby": id },
              ...g.findings.map((f) => {
                shownFindings.push(f);
                return findingItem(lang, f, shownFindings.length - 1);
              }),
            ),
          ),
        );
      }
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
        h("label", { for: "language" }, `${t(lang, "language")} / ${other(lang, TEXT.language)}`),
        h(
          "select",
          { id: "language", "data-action": "language", "data-key": "language" },
          h("option", { value: "auto", selected: s.language === undefined }, t(lang, "languageAuto", { value: officeName })),
          h("option", { value: "zh-CN", selected: s.language === "zh-CN", lang: "zh-CN" }, "中文（简体）"),
          h("option", { value: "en-US", selected: s.language === "en-US", lang: "en" }, "English"),
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
        h("button", { type: "button", class: "button", "data-action": "save-mapping", "data-key": "save-mapping" }, t(lang, "saveSettings")),
      ),
      h("p", { class: "hint" }, t(lang, "settingsNote")),
    );
  }

  /** The open dialog (sheet and language), so that renders while it is open leave it and its focus alone. */
  let shownDialog = "";
  function renderDialog(state: PaneState): void {
    const c = state.confirm;
    const key = c ? `${JSON.stringify(c)}\u0000${state.language}` : "";
    if (key === shownDialog) return;
    shownDialog = key;
    if (!c) {
      dialogHost.replaceChildren();
      return;
    }
    const lang = state.language;
    const template = c.kind === "template";
    const keep = h("button", { type: "button", class: "button", "data-action": "confirm-no", "data-key": "confirm-no" }, t(lang, template ? "cancel" : "keep"));
    dialogHost.replaceChildren(
      h(
        "div",
        { class: "backdrop" },
        h(
          "div",
          { role: "alertdialog", "aria-modal": "true", "aria-labelledby": "dialog-title", "aria-describedby": "dialog-body", class: "dialog" },
          h("h2", { id: "dialog-title" }, t(lang, template ? "confirmTemplateTitle" : "confirmReplaceTitle")),
          h(
            "p",
            { id: "dialog-body" },
            c.kind === "template" ? t(lang, "confirmTemplateBody", { existing: c.existing.join("、"), adding: c.adding.join("、") }) : t(lang, "confirmReplaceBody", { sheet: c.sheet }),
          ),
          h("div", { class: "actions" }, h("button", { type: "button", class: "button primary", "data-action": "confirm-yes", "data-key": "confirm-yes" }, t(lang, template ? "insert" : "replace")), keep),
        ),
      ),
    );
    keep.focus();
  }

  function render(): void {
    const state = controller.state;
    const dialogOpen = dialogHost.childElementCount > 0;
    if (state.confirm && !dialogOpen) focusBeforeDialog = lastFocusKey;
    if (!state.confirm && dialogOpen) {
      lastFocusKey = focusBeforeDialog;
      focusBeforeDialog = undefined;
    }
    // The element to keep focused: the focused one, or, when the focus was lost (a button disabled while busy, a
    // dialog closed), the last one the user was on.
    const active = document.activeElement;
    const lost = active === null || active === document.body || !root.contains(active);
    const wanted = lost ? lastFocusKey : active instanceof HTMLElement ? active.dataset.key : undefined;
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
    if (wanted && !state.confirm) {
      const again = root.querySelector<HTMLElement>(`[data-key="${CSS.escape(wanted)}"]`);
      if (again && !(again as HTMLButtonElement).disabled && !again.closest("[hidden]") && document.activeElement !== again) again.focus({ preventScroll: true });
    }
  }

  /* ---------------------------------------------------------------- events */

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

  function act(el: HTMLElement): void {
    const action = el.dataset.action;
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
        const f = shownFindings[Number(el.dataset.finding)];
        if (f) void controller.selectCells(f.cells);
        break;
      }
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
    if (!el || !root.contains(el) || el instanceof HTMLSelectElement || el instanceof HTMLInputElement) return;
    act(el);
  });

  root.addEventListener("change", (event) => {
    const el = event.target as HTMLSelectElement | HTMLInputElement;
    const value = el.value;
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

  root.addEventListener("focusin", (event) => {
    const key = (event.target as HTMLElement).dataset?.key;
    if (key) lastFocusKey = key;
  });

  root.addEventListener("keydown", (event) => {
    const target = event.target as HTMLElement;
    // Tabs: arrows move between views (roving tabindex), as the ARIA tabs pattern asks.
    if (target.getAttribute("role") === "tab" && ["ArrowLeft", "ArrowRight", "Home", "End"].includes(event.key)) {
      const i = VIEWS.findIndex((v) => v.view === target.dataset.view);
      const n = VIEWS.length;
      const next = event.key === "Home" ? 0 : event.key === "End" ? n - 1 : (i + (event.key === "ArrowRight" ? 1 : n - 1)) % n;
      event.preventDefault();
      controller.setView(VIEWS[next].view);
      root.querySelector<HTMLElement>(`#tab-${VIEWS[next].view}`)?.focus();
      return;
    }
    // Findings are list items: Enter or Space selects the cells.
    if (target.classList.contains("finding") && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      act(target);
      return;
    }
    if (controller.state.confirm) {
      if (event.key === "Escape") {
        event.preventDefault();
        controller.answerConfirm(false);
      } else if (event.key === "Tab") {
        // A modal dialog keeps the focus on its own buttons.
        const buttons = Array.from(dialogHost.querySelectorAll<HTMLElement>("button"));
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
