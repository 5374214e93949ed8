/**
 * The pane's state and actions, without a DOM: the UI renders `state` and calls the actions; the tests drive the
 * actions against a mocked Excel. Everything the pane does to the workbook goes through the ExcelGateway.
 */
import type { Bilingual } from "../core/rules/types";
import { isCancelled, type Analyser, type AnalysisOptions } from "./analyser";
import { HISTORY_LIMIT, OWN_SHEETS, isOutputSheet, type AddinSettings, type ExcelGateway, type OwnSheetName, type RunRecord, type WorksheetChange } from "./excel-gateway";
import { selectionBatches, type SelectionBatch } from "./findings-view";
import { paneSnapshotSheetName, type WriteOptions } from "./excel-gateway";
import { snapshotSheetRows } from "../snapshot/sheet";
import { uBoth } from "./ui-text";
import { DEFAULT_WHAT_IF, type WhatIfInput } from "./what-if";
import { both, type Language, type TextKey } from "./i18n";
import { withReconciliationRows } from "./reconciliation-view";
import { officeErrorText } from "./office-errors";
import { findingsSheetRows, runSummary, selectionFor, severityCounts, workingPaperRows, type PaneAudit } from "./view-model";
import type { CellRef, SheetData } from "../workbook/types";
import { toSheetRows, type LocatedEntry } from "../workbook/mapping-store";
import { todayInChina } from "../core/dates";
import { templateSheetNames } from "./template-insert";
import {
  draftEntries,
  draftFromEntries,
  fatalCandidates,
  savedEntries,
  sheetRoles,
  tableSamples,
  columnKey,
  type EditorDraft,
  type Samples,
} from "./mapping-view";

/** The built-in views; other modules add theirs through the tab registry in ui.ts (any other string). */
export type CoreView = "calculation" | "validation" | "mapping" | "settings";
export type View = CoreView | (string & {});

/** The mapping editor's data (from the last read of the workbook) and the user's draft. */
export interface MappingEditorState {
  /** Every sheet read, in workbook order (the add-in's output sheets are never read). */
  sheetNames: string[];
  /** A few values under each header of each table. */
  samples: Samples;
  /** The rows of the 残保金映射 sheet as read; null when the workbook has none. */
  saved: LocatedEntry[] | null;
  draft: EditorDraft;
  /** The draft differs from what is saved. */
  dirty: boolean;
  /** Why the last save was refused (the bad line named). */
  error: Bilingual | null;
  /** No sheet holds any data. */
  empty: boolean;
}

export interface Status {
  kind: "info" | "success" | "warning" | "error";
  text: Bilingual;
  /** Added: the raw error text (Office's English message) for a "details" disclosure; never the main text. */
  details?: string;
}

/** Where the last selection of a finding's (or a form row's) cells went, shown next to it. */
export interface SelectionState {
  /** "finding:<index>" or "form:<column>". */
  key: string;
  batches: SelectionBatch[];
  /** The batch selected now. */
  batch: number;
  error?: Bilingual;
}

/** The last automatic re-validation after an edit: when, and the payable before and after. */
export interface AutoRun {
  at: string;
  before: string | null;
  after: string | null;
}

export interface Busy {
  task: "analyse" | "write";
  fraction: number;
  stage: Bilingual;
  cancellable: boolean;
}

export type ConfirmRequest = { kind: "replace"; sheet: OwnSheetName } | { kind: "template"; existing: string[]; adding: string[] };

export interface PaneState {
  view: View;
  /** Office's display language (the default). */
  officeLanguage: Language;
  /** Settings as saved in the workbook. */
  settings: AddinSettings;
  /** The language in use: the saved choice, else Office's. */
  language: Language;
  audit: PaneAudit | null;
  busy: Busy | null;
  status: Status | null;
  /** Rule code the findings list is filtered to. */
  filter: string | null;
  /** Trail nodes expanded (by key). */
  expanded: ReadonlySet<string>;
  /** Set while the pane asks whether to replace one of its sheets (or to insert the template's). */
  confirm: ConfirmRequest | null;
  /** The mapping editor; null until the workbook has been read. */
  mapping: MappingEditorState | null;
  /** Region, year or entity type changed since the shown result was computed: it is stale until the next run. */
  stale: boolean;
  selection: SelectionState | null;
  autoRun: AutoRun | null;
  /** Runs kept in the workbook, oldest first. */
  history: RunRecord[];
  /** The run before the latest one of this session (what changed since), or the last saved run at start. */
  previousRun: RunRecord | null;
  whatIf: WhatIfInput;
  /** Show both languages in the findings (else the second is behind a toggle). */
  bothLanguages: boolean;
  /** Finding groups collapsed (by severity). */
  collapsed: ReadonlySet<string>;
  /** The help/about dialog is open. */
  help: boolean;
}

export type Change = "all" | "progress";

export interface PaneDeps {
  gateway: ExcelGateway;
  analyser: Analyser;
  officeLanguage: Language;
  /** ISO timestamp for "generated at" (injectable for tests). */
  now?: () => string;
  /** Debounce before re-validating after an edit (ms). */
  debounceMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** Stage names reported by the gateway's read and by analyseWorkbook. */
const STAGES: Record<string, Bilingual> = {
  sheets: both("stage_sheets"),
  cells: both("stage_cells"),
  start: both("stage_tables"),
  formulas: both("stage_formulas"),
  rules: both("stage_rules"),
  done: both("stage_done"),
};

function stageText(stage: string, reading: boolean): Bilingual {
  return STAGES[stage] ?? both(reading ? "reading" : "analysing");
}

/** An error as a status: the translated message with the next step, the raw text under details. */
function errorStatus(error: unknown): Status {
  const { message, details } = officeErrorText(error);
  const status: Status = { kind: "error", text: bilingualFill("failed", "message", message) };
  if (details) status.details = details;
  return status;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The status after a run tells the truth: errors in the error style, warnings in the warning style. */
function doneStatus(audit: PaneAudit, summary: Bilingual): Status {
  const c = severityCounts(audit.findings);
  const text = bilingualFill("done", "summary", summary);
  if (c.error > 0) {
    const head = c.error === 1 ? uBoth("doneError1") : uBoth("doneErrors", { count: c.error });
    return { kind: "error", text: { zh: `${head.zh}。${summary.zh}。`, en: `${head.en}. ${cap(summary.en)}.` } };
  }
  if (c.warning > 0) {
    const head = uBoth("doneWarnings", { count: c.warning });
    return { kind: "warning", text: { zh: `${head.zh}。${summary.zh}。`, en: `${head.en}. ${cap(summary.en)}.` } };
  }
  return { kind: "success", text };
}

/** A text key with one placeholder filled by a bilingual value, each language with its own side. */
function bilingualFill(key: TextKey, name: string, value: Bilingual): Bilingual {
  return { zh: both(key, { [name]: value.zh }).zh, en: both(key, { [name]: value.en }).en };
}

export class PaneController {
  state: PaneState;
  private readonly listeners = new Set<(change: Change) => void>();
  private abort: AbortController | null = null;
  private unsubscribe: (() => Promise<void>) | null = null;
  private timer: unknown = null;
  private pendingRevalidate = false;
  /** The run in progress was started by an edit (auto re-validation). */
  private autoRunning = false;
  private confirmResolve: ((answer: boolean) => void) | null = null;
  private readonly now: () => string;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly deps: PaneDeps) {
    this.now = deps.now ?? (() => new Date().toISOString());
    this.setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
    const settings = deps.gateway.getSettings();
    this.state = {
      view: "calculation",
      officeLanguage: deps.officeLanguage,
      settings,
      language: settings.language ?? deps.officeLanguage,
      audit: null,
      busy: null,
      status: null,
      filter: null,
      expanded: new Set(["payable"]),
      confirm: null,
      mapping: null,
      stale: false,
      selection: null,
      autoRun: null,
      history: [],
      previousRun: null,
      whatIf: DEFAULT_WHAT_IF,
      bothLanguages: false,
      collapsed: new Set(),
      help: false,
    };
    try {
      const history = deps.gateway.getHistory?.() ?? [];
      this.state.history = history;
      this.state.previousRun = history[history.length - 1] ?? null;
    } catch {
      // a history that cannot be read is no history; the settings stay usable
    }
  }

  /** Starts what the saved settings ask for (re-validation after edits). */
  async start(): Promise<void> {
    if (this.state.settings.autoValidate) await this.subscribeToEdits();
  }

  subscribe(listener: (change: Change) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private update(patch: Partial<PaneState>, change: Change = "all"): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(change);
  }

  /* ------------------------------------------------------------ views, language, settings */

  /** A status belongs to its view: changing the view clears it. */
  setView(view: View): void {
    if (view !== this.state.view) this.update({ view, status: null });
  }

  setHelp(open: boolean): void {
    this.update({ help: open });
  }

  /** `quiet`: keep the assumptions without re-rendering (the panel re-fills its output itself while the user types). */
  setWhatIf(patch: Partial<WhatIfInput>, quiet = false): void {
    const whatIf = { ...this.state.whatIf, ...patch };
    if (quiet) this.state = { ...this.state, whatIf };
    else this.update({ whatIf });
  }

  /** A status of the current view (copy, …). */
  setStatus(status: Status | null): void {
    this.update({ status });
  }

  setBothLanguages(on: boolean): void {
    this.update({ bothLanguages: on });
  }

  toggleGroup(severity: string): void {
    const collapsed = new Set(this.state.collapsed);
    if (collapsed.has(severity)) collapsed.delete(severity);
    else collapsed.add(severity);
    this.update({ collapsed });
  }

  async setLanguage(language: Language | "auto"): Promise<void> {
    const settings: AddinSettings = { ...this.state.settings };
    if (language === "auto") delete settings.language;
    else settings.language = language;
    this.update({ settings, language: settings.language ?? this.state.officeLanguage });
    await this.saveSettings(settings, false);
  }

  /** Region / filing year / entity type pickers: "" = the workbook's parameter block decides. */
  async setPicker(field: "region" | "filingYear" | "entityType", value: string): Promise<void> {
    const settings: AddinSettings = { ...this.state.settings };
    if (value === "") delete settings[field];
    else if (field === "filingYear") settings.filingYear = Number(value);
    else settings[field] = value;
    // The shown result was computed with the old inputs: stale (and not written) until the next run.
    this.update({ settings, stale: this.state.audit !== null && this.state.audit.calculation !== null });
    await this.saveSettings(settings, false);
  }

  async setMapping(mapping: Record<string, string>): Promise<void> {
    const settings: AddinSettings = { ...this.state.settings };
    if (Object.keys(mapping).length === 0) delete settings.mapping;
    else settings.mapping = mapping;
    this.update({ settings });
    await this.saveSettings(settings, true);
  }

  async setAutoValidate(on: boolean): Promise<void> {
    const settings: AddinSettings = { ...this.state.settings, autoValidate: on };
    this.update({ settings });
    await this.saveSettings(settings, false);
    if (on) await this.subscribeToEdits();
    else await this.unsubscribeFromEdits();
  }

  private async saveSettings(settings: AddinSettings, announce: boolean): Promise<void> {
    try {
      await this.deps.gateway.setSettings(settings);
      if (announce) this.update({ status: { kind: "success", text: both("settingsSaved") } });
    } catch (error) {
      this.update({ status: errorStatus(error) });
    }
  }

  /** What the analysis is told (pickers win over the workbook's parameter block). */
  analysisOptions(): AnalysisOptions {
    const s = this.state.settings;
    const options: AnalysisOptions = {};
    if (s.region) options.region = s.region;
    if (s.filingYear) options.filingYear = s.filingYear;
    if (s.entityType) options.entityType = s.entityType;
    if (s.mapping) options.mapping = s.mapping;
    return options;
  }

  /* ------------------------------------------------------------ calculate / validate */

  /** Reads the workbook and runs the analysis; `then` is the view to show afterwards (default: stay). */
  async analyse(then?: View): Promise<void> {
    if (this.state.busy) return;
    const abort = new AbortController();
    this.abort = abort;
    this.pendingRevalidate = false;
    const progress = (fraction: number, stage: Bilingual) =>
      this.update({ busy: { task: "analyse", fraction: Math.max(0, Math.min(1, fraction)), stage, cancellable: true } }, "progress");
    this.update({ busy: { task: "analyse", fraction: 0, stage: both("reading"), cancellable: true }, status: null });
    try {
      // Reading is 40% of the bar, the analysis the rest.
      // Formulas too: a lookup sheet of VLOOKUP/SUMIF over the payroll is a view, recognised as such only from its
      // formulas — without them the pane would count it (and raise DATA_DOUBLE_SOURCE) where the CLI does not.
      const sheets = await this.deps.gateway.readWorkbook({ formulas: true, onProgress: (f, stage) => progress(0.4 * f, stageText(stage, true)) });
      if (abort.signal.aborted) throw new Error("cancelled");
      progress(0.4, both("analysing"));
      const audit = await this.deps.analyser.run(sheets, this.analysisOptions(), (f, stage) => progress(0.4 + 0.6 * f, stageText(stage, false)), abort.signal);
      const summary = runSummary(audit);
      const before = this.state.audit?.calculation?.payable ?? null;
      const auto = this.autoRunning;
      this.autoRunning = false;
      const record = this.runRecord(audit);
      const history = record ? [...this.state.history, record].slice(-HISTORY_LIMIT) : this.state.history;
      this.update({
        audit,
        busy: null,
        stale: false,
        selection: null,
        mapping: this.editorState(sheets, audit),
        // Low-confidence recognition: the user decides, in the mapping editor.
        view: fatalCandidates(audit).length > 0 ? "mapping" : (then ?? this.state.view),
        status: audit.fatal ? { kind: "error", text: audit.fatal } : doneStatus(audit, summary),
        filter: this.state.filter && audit.findings.some((f) => f.code === this.state.filter) ? this.state.filter : null,
        autoRun: auto ? { at: this.now(), before, after: audit.calculation?.payable ?? null } : null,
        history,
        previousRun: record ? (this.state.history[this.state.history.length - 1] ?? null) : this.state.previousRun,
      });
      if (record) await this.saveHistory(history);
    } catch (error) {
      const cancelled = abort.signal.aborted || isCancelled(error);
      this.update({ busy: null, status: cancelled ? { kind: "info", text: both("cancelled") } : errorStatus(error) });
    } finally {
      if (this.abort === abort) this.abort = null;
    }
    if (this.pendingRevalidate) this.scheduleRevalidate();
  }

  cancel(): void {
    this.abort?.abort();
  }

  /** The run as the workbook keeps it: inputs, payable and counts (no person's data). */
  private runRecord(audit: PaneAudit): RunRecord | null {
    const calc = audit.calculation;
    if (!calc) return null;
    const c = severityCounts(audit.findings);
    return { at: this.now(), region: calc.region.code, filingYear: calc.filingYear, entityType: calc.entityType, payable: calc.payable, errors: c.error, warnings: c.warning, infos: c.info };
  }

  private async saveHistory(history: readonly RunRecord[]): Promise<void> {
    try {
      await this.deps.gateway.saveHistory?.(history);
    } catch {
      // The history is a convenience: a workbook that refuses it still gets its result (and says nothing wrong).
    }
  }

  /* ------------------------------------------------------------ the mapping editor */

  /** The editor's data from the sheets just read; a draft being edited survives a re-run. */
  private editorState(sheets: readonly SheetData[], audit: PaneAudit): MappingEditorState {
    const sheetNames = sheets.map((s) => s.name);
    const saved = savedEntries(sheets);
    const previous = this.state.mapping;
    const keep = previous?.dirty === true;
    return {
      sheetNames,
      samples: tableSamples(sheets, audit.tables ?? []),
      saved,
      draft: keep ? previous.draft : draftFromEntries(saved ?? [], sheetRoles(sheetNames, audit)),
      dirty: keep,
      error: null,
      empty: sheets.length === 0 || sheets.every((s) => s.values.every((row) => !row || row.every((v) => v === null || v === ""))),
    };
  }

  private editDraft(change: (draft: EditorDraft) => void): void {
    const m = this.state.mapping;
    if (!m) return;
    const draft: EditorDraft = { roles: { ...m.draft.roles }, columns: { ...m.draft.columns }, other: m.draft.other };
    change(draft);
    this.update({ mapping: { ...m, draft, dirty: true, error: null } });
  }

  /** "" = automatic (no rule). */
  setSheetRole(sheet: string, value: string): void {
    this.editDraft((d) => {
      if (value === "") delete d.roles[sheet];
      else d.roles[sheet] = value;
    });
  }

  /** "" = automatic (no rule). */
  setColumnField(sheet: string, column: string, value: string): void {
    this.editDraft((d) => {
      const key = columnKey(sheet, column);
      if (value === "") delete d.columns[key];
      else d.columns[key] = value;
    });
  }

  /**
   * The other rules as typed. `quiet` (the text box's change event, which fires when it loses the focus) keeps the
   * text without re-rendering: a re-render between the press and the release of a click would swallow the click.
   */
  setOtherRules(text: string, quiet = false): void {
    const m = this.state.mapping;
    if (!m || m.draft.other === text) return;
    if (quiet) {
      this.state = { ...this.state, mapping: { ...m, draft: { ...m.draft, other: text }, dirty: true, error: null } };
      return;
    }
    this.editDraft((d) => {
      d.other = text;
    });
  }

  revertMapping(): void {
    const m = this.state.mapping;
    if (!m) return;
    this.update({ mapping: { ...m, draft: draftFromEntries(m.saved ?? [], sheetRoles(m.sheetNames, this.state.audit)), dirty: false, error: null } });
  }

  openMappingEditor(): void {
    this.setView("mapping");
  }

  /**
   * Validates the draft (every line, a bad one refused by name), writes the 残保金映射 sheet in one assignment (asking
   * before replacing it), then runs the analysis again, which reads the sheet like every other reader.
   */
  async saveMapping(): Promise<void> {
    const m = this.state.mapping;
    if (!m || this.state.busy) return;
    const { entries, problem } = draftEntries(m.draft, sheetRoles(m.sheetNames, this.state.audit));
    if (problem) {
      this.update({ mapping: { ...m, error: problem.bilingual }, status: { kind: "error", text: bilingualFill("mappingRefused", "message", problem.bilingual) } });
      return;
    }
    if (entries.length === 0 && m.saved === null) {
      this.update({ status: { kind: "info", text: both("mappingNothing") } });
      return;
    }
    const sheet = OWN_SHEETS.mapping;
    const rows = toSheetRows(entries);
    this.update({ busy: { task: "write", fraction: 0, stage: both("writing", { sheet }), cancellable: false }, status: null });
    try {
      // Text format for every cell, so a key such as "2024" or a value such as "-" stays as typed.
      const result = await this.deps.gateway.writeOwnSheet(sheet, rows, { headerRows: 1, formats: rows.map((r) => r.map(() => "@")), activate: false });
      if (!result.written) {
        this.update({ busy: null, status: { kind: "info", text: both("notReplaced", { sheet }) } });
        return;
      }
      this.update({ busy: null, mapping: { ...m, dirty: false, error: null }, status: { kind: "success", text: both("mappingSaved", { sheet, count: entries.length }) } });
    } catch (error) {
      this.update({ busy: null, status: errorStatus(error) });
      return;
    }
    await this.analyse("mapping");
  }

  /**
   * An empty workbook: adds the firm template's sheets (src/template/spec.ts, the same as `levy template` writes) that
   * do not exist yet; if some do, says which and asks first, in the pane's own dialog. Never touches an existing sheet.
   */
  async insertTemplate(): Promise<void> {
    if (this.state.busy) return;
    const settings = this.deps.gateway.getSettings();
    const options = { region: settings.region, filingYear: settings.filingYear ?? Number(todayInChina().slice(0, 4)) };
    const wanted = templateSheetNames(options.filingYear);
    try {
      const names = new Set((await this.deps.gateway.listSheets()).map((s) => s.name));
      const existing = wanted.filter((name) => names.has(name));
      const adding = wanted.filter((name) => !names.has(name));
      if (adding.length === 0) {
        this.update({ status: { kind: "info", text: both("templateAllExist") } });
        return;
      }
      if (existing.length > 0 && !(await this.ask({ kind: "template", existing, adding }))) {
        this.update({ status: { kind: "info", text: both("cancelled") } });
        return;
      }
      this.update({ busy: { task: "write", fraction: 0, stage: both("writing", { sheet: adding.join("、") }), cancellable: false }, status: null });
      const result = await this.deps.gateway.addTemplate(options);
      // The workbook now has (empty) sheets: the old "empty workbook" result no longer describes it.
      this.update({ busy: null, audit: null, mapping: null, status: { kind: "success", text: both("templateInserted", { sheets: result.added.join("、") }) } });
    } catch (error) {
      this.update({ busy: null, status: errorStatus(error) });
    }
  }

  /* ------------------------------------------------------------ findings and trail */

  setFilter(code: string | null): void {
    this.update({ filter: code || null });
  }

  toggle(key: string): void {
    const expanded = new Set(this.state.expanded);
    if (expanded.has(key)) expanded.delete(key);
    else expanded.add(key);
    this.update({ expanded });
  }

  /**
   * Selects a finding's (or a form row's) cells, the first batch: one sheet at a time, at most 30 areas. The status
   * goes next to the item (state.selection), not to the page's status line.
   */
  async selectFor(key: string, cells: readonly CellRef[], batch = 0): Promise<void> {
    const batches = selectionBatches(cells);
    const target = batches[batch];
    if (!target) return;
    try {
      await this.deps.gateway.select(target.sheet, target.address);
      this.update({ selection: { key, batches, batch } });
    } catch (error) {
      this.update({ selection: { key, batches, batch, error: officeErrorText(error).message } });
    }
  }

  /** The next batch of the current selection ("next area" / "next batch"). */
  async nextArea(key: string, cells: readonly CellRef[]): Promise<void> {
    const s = this.state.selection;
    const next = s && s.key === key ? s.batch + 1 : 0;
    await this.selectFor(key, cells, next < selectionBatches(cells).length ? next : 0);
  }

  async selectCells(cells: readonly CellRef[]): Promise<void> {
    const target = selectionFor(cells);
    if (!target) return;
    try {
      await this.deps.gateway.select(target.sheet, target.address);
      this.update({ status: { kind: "info", text: both("selected", { sheet: target.sheet, address: target.address }) } });
    } catch (error) {
      this.update({ status: errorStatus(error) });
    }
  }

  /* ------------------------------------------------------------ the add-in's own sheets */

  /** The gateway's confirm-before-replace hook: shows the question and waits for `answerConfirm`. */
  confirmReplace(sheet: OwnSheetName): Promise<boolean> {
    return this.ask({ kind: "replace", sheet });
  }

  private ask(request: ConfirmRequest): Promise<boolean> {
    this.confirmResolve?.(false);
    return new Promise((resolve) => {
      this.confirmResolve = resolve;
      this.update({ confirm: request });
    });
  }

  answerConfirm(replace: boolean): void {
    const resolve = this.confirmResolve;
    this.confirmResolve = null;
    this.update({ confirm: null });
    resolve?.(replace);
  }

  async writeWorkingPaper(): Promise<void> {
    const audit = this.state.audit;
    if (this.state.stale) {
      this.update({ status: { kind: "warning", text: uBoth("stale") } });
      return;
    }
    if (!audit) {
      this.update({ status: { kind: "info", text: both("nothingToWrite") } });
      return;
    }
    const paper = withReconciliationRows(workingPaperRows(audit, this.now()), audit.reconciliation);
    // Issue 10 §3: the filed snapshot goes into the workbook with the working paper (same layout as the CLI's).
    const snapshot = audit.snapshot ? { sheet: paneSnapshotSheetName(audit.snapshot.period.filingYear), rows: snapshotSheetRows(audit.snapshot) } : undefined;
    await this.write(OWN_SHEETS.workingPaper, paper.rows, paper.formats, paper.headerRows, snapshot);
    const skipped = audit.snapshotSkipped;
    if (skipped && this.state.status?.kind === "success") {
      const text = this.state.status.text;
      this.update({
        status: {
          kind: "warning",
          text: {
            zh: `${text.zh}未写入申报快照：工作簿有 ${skipped.rows} 行数据，超过任务窗格的上限 ${skipped.limit} 行；请用 levy audit --snapshot 生成快照。`,
            en: `${text.en} The filed snapshot was not written: the workbook has ${skipped.rows} data rows, above the pane's limit of ${skipped.limit}; make it with levy audit --snapshot.`,
          },
        },
      });
    }
  }

  async copyFindings(): Promise<void> {
    const audit = this.state.audit;
    if (!audit) {
      this.update({ status: { kind: "info", text: both("nothingToWrite") } });
      return;
    }
    const sheet = findingsSheetRows(audit.findings);
    await this.write(OWN_SHEETS.findings, sheet.rows, sheet.formats, sheet.headerRows);
  }

  private async write(sheet: OwnSheetName, rows: Parameters<ExcelGateway["writeOwnSheet"]>[1], formats: (string | null)[][], headerRows: number, snapshot?: WriteOptions["snapshot"]): Promise<void> {
    if (this.state.busy) return;
    this.update({ busy: { task: "write", fraction: 0, stage: both("writing", { sheet }), cancellable: false }, status: null });
    try {
      const result = await this.deps.gateway.writeOwnSheet(sheet, rows, { formats, headerRows, ...(snapshot ? { snapshot } : {}) });
      const written = both("written", { sheet, address: result.address });
      this.update({
        busy: null,
        status: result.written ? { kind: result.snapshot === "kept" ? "warning" : "success", text: snapshot ? withSnapshotNote(written, snapshot.sheet, result.snapshot) : written } : { kind: "info", text: both("notReplaced", { sheet }) },
      });
    } catch (error) {
      this.update({ busy: null, status: errorStatus(error) });
    }
  }

  /* ------------------------------------------------------------ re-validation after edits */

  private async subscribeToEdits(): Promise<void> {
    if (this.unsubscribe) return;
    try {
      this.unsubscribe = await this.deps.gateway.onWorksheetChanged((change) => this.onChange(change));
    } catch (error) {
      this.update({ status: errorStatus(error) });
    }
  }

  private async unsubscribeFromEdits(): Promise<void> {
    const off = this.unsubscribe;
    this.unsubscribe = null;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    if (off) await off();
  }

  /** Edits by this add-in, or to its output sheets, are not the user's and do not trigger a re-validation. */
  onChange(change: WorksheetChange): void {
    if (!this.state.settings.autoValidate || change.byThisAddin || (change.sheet !== undefined && isOutputSheet(change.sheet))) return;
    if (this.state.busy) {
      this.pendingRevalidate = true;
      return;
    }
    this.scheduleRevalidate();
  }

  private scheduleRevalidate(): void {
    this.pendingRevalidate = false;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = this.setTimer(() => {
      this.timer = null;
      this.update({ status: { kind: "info", text: both("revalidatingAfterEdit") } });
      this.autoRunning = true;
      void this.analyse();
    }, this.deps.debounceMs ?? 1500);
  }

  async dispose(): Promise<void> {
    this.cancel();
    await this.unsubscribeFromEdits();
  }
}

/** The write status with what became of the filed snapshot (issue 10 §3). */
function withSnapshotNote(text: Bilingual, sheet: string, outcome: "written" | "kept" | undefined): Bilingual {
  if (outcome === "written") {
    return { zh: `${text.zh}申报快照已存入隐藏工作表“${sheet}”。`, en: `${text.en} The filed snapshot is stored in the hidden sheet "${sheet}".` };
  }
  return {
    zh: `${text.zh}未写入申报快照：工作表“${sheet}”已存在且不是本工具的快照，未改动。`,
    en: `${text.en} The filed snapshot was not written: a sheet "${sheet}" exists that is not this tool's snapshot, and was left unchanged.`,
  };
}
