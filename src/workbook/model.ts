/**
 * The workbook model: sheets (plain 2-D arrays) → parameters, mapping, tables, people, headcount, wage total,
 * certified disabled count, the user's declared figures, row accounting and cell-level issues → the LevyCase the core
 * computes. Pure: it never throws on bad data (bad data becomes issues and rejected rows), and it knows nothing of
 * Office.js, files or ExcelJS.
 *
 * Order matters and is deliberate:
 *   1. mapping from options, then the parameter block (which may add mapping rows) — before table detection;
 *   2. the data year (filing year − 1), so every date can be clipped to it;
 *   3. rules in force (region, filing date, overrides) — the headcount method is a rule parameter;
 *   4. roster → people and headcount; disabled register rows linked to people; payroll (which needs the people, and
 *      attributes pay to disabled employees for the minimum-wage test); register evaluation; monthly table;
 *      declaration.
 */
import { Decimal, ZERO, plainString } from "../core/decimal";
import { todayInChina, isIsoDate } from "../core/dates";
import { ENTITY_TYPES } from "../core/levy/calculate";
import type { EntityType, LevyCase, MonthHeadcount } from "../core/levy/types";
import { LevyInputError } from "../core/levy/types";
import { PARAMETER_INFO } from "../core/rules/parameters";
import { resolveRegion, resolveRules } from "../core/rules/resolve";
import type { Bilingual, ParameterName, RegionProfile, ResolvedRules } from "../core/rules/types";
import { parseEntityType } from "../core/settings";
import type { AnalyseOptions } from "../validation/analyse-contract";
import { RowAccounting } from "./accounting";
import { cellAddress, originOf } from "./address";
import { readDeclaration } from "./declaration";
import type { Declaration, DeclField } from "./declaration";
import { detectTables } from "./detect";
import type { DetectedTable, SkippedSheet } from "./detect";
import { evaluateRegister, readRegister } from "./disabled";
import type { DisabledResult } from "./disabled";
import { IssueLog } from "./issues";
import { MAPPING_SHEET_NAMES, addMappingEntry, emptyMapping } from "./mapping";
import type { Mapping } from "./mapping";
import { readMonthlyTables } from "./monthly-table";
import { PAY_CATEGORIES, TABLE_LABELS } from "./fields";
import type { MonthlyTableResult } from "./monthly-table";
import { readParameterBlock } from "./parameters";
import type { ParameterBlock } from "./parameters";
import { MonthReader, OK } from "./parse";
import { readPayroll, sourceOrder } from "./payroll";
import { payrollInYuan } from "./units";
import type { PayrollResult } from "./payroll";
import { PersonIndex } from "./person";
import type { Person } from "./person";
import { annualOf, monthFigures, yearFrame } from "./presence";
import type { HeadcountMethod, MonthlyCounts, YearFrame } from "./presence";
import { readRoster } from "./roster";
import type { RosterResult } from "./roster";
import type { CellRef, SheetData } from "./types";
import type { SourceTable } from "./source-tables";
import { applyCertificationList } from "../reconciliation/certification";
import type { CertificationResult } from "../reconciliation/certification";
import { readCertificationList } from "../reconciliation/read";

export interface PeriodInfo {
  filingYear: number;
  dataYear: number;
  filingDate?: string;
  /** Where the filing year came from. */
  source: "options" | "parameters" | "payroll" | "titles" | "declaration" | "today";
  /** The parameter cell, when it came from the parameter block. */
  cell?: CellRef;
}

export interface HeadcountModel {
  method: HeadcountMethod;
  counts: MonthlyCounts;
  /** The monthly figures under the method (exact decimals). */
  figures: Decimal[];
  annual: Decimal;
  /** What each exclusion reason would add to the annual average if those people were counted. */
  excludedAnnual: Map<string, Decimal>;
  /** …and to each month. */
  excludedFigures: Map<string, Decimal[]>;
}

export interface DeclaredFigure {
  value: Decimal;
  cell: CellRef;
  source: "declaration" | "parameters";
}

export interface WorkbookModel {
  sheetNames: string[];
  parameters: ParameterBlock | null;
  mapping: Mapping;
  tables: DetectedTable[];
  skipped: SkippedSheet[];
  declaration: Declaration | null;
  period: PeriodInfo;
  frame: YearFrame;
  today: string;
  regionInput: string;
  region: RegionProfile | null;
  entityType: EntityType;
  rules: ResolvedRules | null;
  overrides: Partial<Record<ParameterName, unknown>>;
  overrideOrigins: Partial<Record<ParameterName, string>>;
  roster: RosterResult | null;
  persons: Person[];
  headcount: HeadcountModel | null;
  payroll: PayrollResult;
  /** Roster tables whose pay columns were not used because a separate payroll exists. */
  embeddedPayIgnored: number[];
  disabled: DisabledResult | null;
  monthlyTable: MonthlyTableResult | null;
  /** Declared (filed) figures: the declaration block first, the parameter block's aggregates second. */
  declared: Partial<Record<DeclField, DeclaredFigure>>;
  wageSource: "payroll" | "roster" | "parameters" | "declaration" | "none";
  /**
   * What the case's wageTotal (form column 4) holds: the payroll's wage total, or — where the rules say
   * "social-insurance-base" and every payroll table read has a contribution-base column with a non-zero sum — the sum
   * of that column over the counted rows (payroll.socialInsuranceBase).
   */
  wageBasis: "wage-total" | "social-insurance-base";
  certifiedSource: "register" | "parameters" | "declaration" | "none";
  accounting: RowAccounting;
  issues: IssueLog;
  levyCase: LevyCase | null;
  fatal?: Bilingual;
  /** When recognition was too unsure to give a result: the tables and the roles they could have. */
  candidates?: RecognitionCandidate[];
  /** Reconciliation sources found by their headers (ledger, A105050, IIT, social insurance, certification list). */
  sourceTables: SourceTable[];
  /** The certification list applied to the register (src/reconciliation/certification.ts), when there is one. */
  certification: CertificationResult | null;
}

export interface RecognitionCandidate {
  sheet: string;
  kind: string;
  score: number;
  runnerUp: { kind: string; score: number } | null;
  reasons: Bilingual[];
}

function progress(options: AnalyseOptions | undefined, fraction: number, stage: string): void {
  try {
    options?.onProgress?.(fraction, stage);
  } catch {
    // A failing progress display must not stop the analysis.
  }
}

/**
 * What the file says about its data year, strongest first: the payroll's months (and monthly sheet names), then
 * years written in sheet names and in the title rows above the tables (“2024年度工资明细”), then the declaration's
 * fee period. Each signal keeps its votes so a disagreement can be reported, not averaged away.
 */
export interface YearSignals {
  payroll: Map<number, number>;
  titles: Map<number, number>;
  declaration: number | null;
}

function vote(m: Map<number, number>, y: number, n = 1): void {
  if (y >= 1990 && y <= 2100) m.set(y, (m.get(y) ?? 0) + n);
}

/**
 * The year with the most votes; a tie goes to the later year. A payroll sheet holding 2023, 2024 and half of 2025
 * (12, 12 and 6 months) is read as the 2024 data — the latest complete year — not the first year met.
 */
function topYear(m: Map<number, number>): number | null {
  let best: number | null = null;
  for (const [y, n] of m) {
    const b = best === null ? -1 : (m.get(best) ?? 0);
    if (best === null || n > b || (n === b && y > best)) best = y;
  }
  return best;
}

function dataYearSignals(tables: readonly DetectedTable[], sheets: readonly SheetData[], declaration: Declaration | null): YearSignals {
  const payroll = new Map<number, number>();
  const titles = new Map<number, number>();
  const reader = new MonthReader();
  for (const t of tables) {
    if (t.kind !== "payroll" || t.wideMonth > 1) continue;
    if (t.sheetMonth?.year) vote(payroll, t.sheetMonth.year);
    const c = t.field.get("month");
    if (c === undefined) continue;
    reader.date1904 = t.sheet.date1904 === true;
    const values = t.sheet.values;
    for (let r = t.dataStart; r < Math.min(values.length, t.dataStart + 5000); r++) {
      const v = values[r]?.[c];
      if (reader.read(v) === OK && reader.year) vote(payroll, reader.year);
    }
  }
  const headerRows = new Map(tables.map((t) => [t.sheetName, t.headerRowIndex]));
  for (const sheet of sheets) {
    const name = String(sheet.name);
    // "2024年度残保金申报" names the data year to some and the filing year to others: texts about the filing itself
    // (申报, 缴费, 征收, 残保金) do not vote.
    const aboutFiling = (t: string) => /申报|缴费|缴纳|征收|残保金|保障金|filing/i.test(t);
    if (!aboutFiling(name)) for (const m of name.matchAll(/(20\d{2})\s*(?:年|\.|-|\/|$)/g)) vote(titles, Number(m[1]));
    const limit = Math.min(headerRows.get(name) ?? 0, 5);
    for (let r = 0; r < limit; r++) {
      for (const v of sheet.values[r] ?? []) {
        if (typeof v !== "string" || v.length > 60 || /制表|日期|打印|导出|截至/.test(v) || aboutFiling(v)) continue;
        for (const m of v.matchAll(/(20\d{2})\s*年/g)) vote(titles, Number(m[1]));
      }
    }
  }
  const start = declaration?.values.periodStart?.value;
  return { payroll, titles, declaration: typeof start === "string" ? Number(start.slice(0, 4)) : null };
}

function inferDataYear(signals: YearSignals): { year: number; source: PeriodInfo["source"] } | null {
  const p = topYear(signals.payroll);
  if (p !== null) return { year: p, source: "payroll" };
  const t = topYear(signals.titles);
  if (t !== null) return { year: t, source: "titles" };
  if (signals.declaration !== null) return { year: signals.declaration, source: "declaration" };
  return null;
}

/** A pay header that names a year's amount (全年工资, 年薪, 年度应发, Annual pay). */
const ANNUAL_HEADER = /全年|年度|年薪|年工资|年收入|annual|yearly|per\s*year/i;

/** Does a roster's pay column hold any amount (first rows)? An empty 月薪 column is not a second source. */
function hasAmounts(t: DetectedTable): boolean {
  const end = Math.min(t.sheet.values.length, t.dataStart + 200);
  for (let r = t.dataStart; r < end; r++) {
    const row = t.sheet.values[r];
    if (!Array.isArray(row)) continue;
    for (const p of t.pay) {
      const v = row[p.index];
      if (typeof v === "number" && v !== 0) return true;
      if (typeof v === "string" && /\d/.test(v)) return true;
    }
  }
  return false;
}

function isMappingSheet(sheet: SheetData): boolean {
  return MAPPING_SHEET_NAMES.includes(String(sheet.name));
}

/**
 * The mapping saved in the workbook (sheet 残保金映射: KEY | VALUE rows, a heading row allowed). Added after the
 * options, so a run's own --map / pane choice wins, and before the parameter sheet's rows.
 */
function readMappingSheet(sheets: readonly SheetData[], mapping: Mapping): void {
  for (const sheet of sheets) {
    if (!isMappingSheet(sheet) || !Array.isArray(sheet.values)) continue;
    const origin = originOf(sheet);
    sheet.values.forEach((row, r) => {
      if (!Array.isArray(row)) return;
      const key = row[0];
      const value = row[1];
      if (typeof key !== "string" || key.trim() === "" || value === null || value === undefined || String(value).trim() === "") return;
      if (r === 0 && /^(键|key|映射|mapping)$/i.test(key.trim())) return; // the heading row
      addMappingEntry(mapping, key, value, `${sheet.name}!${cellAddress(origin, r, 1)}`);
    });
  }
}

export function buildWorkbookModel(sheetsInput: readonly SheetData[], options: AnalyseOptions = {}): WorkbookModel {
  const issues = new IssueLog();
  const accounting = new RowAccounting();
  const sheets = (Array.isArray(sheetsInput) ? sheetsInput : []).filter((s): s is SheetData => s !== null && typeof s === "object");
  const today = typeof options.today === "string" && isIsoDate(options.today) ? options.today : todayInChina();
  progress(options, 0.02, "parameters");

  // 1. Mapping and parameters.
  const mapping = emptyMapping();
  if (options.mapping && typeof options.mapping === "object") {
    for (const key of Object.keys(options.mapping)) addMappingEntry(mapping, key, options.mapping[key], "option");
  }
  readMappingSheet(sheets, mapping);
  const parameters = readParameterBlock(sheets.filter((s) => !isMappingSheet(s)), mapping, issues);
  const settings = parameters?.settings;
  const { tables, skipped, sources: sourceTables } = detectTables(sheets.filter((s) => !isMappingSheet(s)), mapping);
  // Views (lookup and summary sheets of formulas over other sheets) are reported, never read as sources.
  const sources = tables.filter((t) => !t.derived);
  const declaration = readDeclaration(sheets, issues);
  progress(options, 0.08, "tables");

  // 2. The period: options, then the parameter block, then what the data says, and only then today's date.
  let period: PeriodInfo;
  const signals = dataYearSignals(sources, sheets, declaration);
  const inferred = inferDataYear(signals);
  const optYear = options.filingYear;
  const ambiguous = parameters?.ambiguousYear ?? null;
  if (optYear !== undefined && optYear !== null && Number.isInteger(optYear) && optYear >= 2000 && optYear <= 2100) {
    period = { filingYear: optYear, dataYear: optYear - 1, source: "options" };
  } else if (settings?.case.filingDate) {
    const y = Number(settings.case.filingDate.slice(0, 4));
    period = { filingYear: y, dataYear: y - 1, filingDate: settings.case.filingDate, source: "parameters", cell: parameters!.cellOf(settings.rows.filingDate!) };
  } else if (settings?.case.filingYear !== undefined) {
    period = { filingYear: settings.case.filingYear, dataYear: settings.case.filingYear - 1, source: "parameters", cell: parameters!.cellOf(settings.rows.filingYear!) };
  } else if (ambiguous) {
    // A bare 年度 / 年份: the data year (filing year + 1), or the filing year itself. Take the reading the data supports;
    // without data, the data-year reading (a workbook of 2024 payroll labelled 年度 2024 means the 2024 data).
    const Y = ambiguous.year;
    const asFiling = inferred !== null && inferred.year === Y - 1;
    period = asFiling ? { filingYear: Y, dataYear: Y - 1, source: "parameters", cell: ambiguous.cell } : { filingYear: Y + 1, dataYear: Y, source: "parameters", cell: ambiguous.cell };
    const taken = asFiling ? { zh: `申报年度 ${Y}（数据年度 ${Y - 1}）`, en: `filing year ${Y} (data year ${Y - 1})` } : { zh: `数据年度 ${Y}（申报年度 ${Y + 1}）`, en: `data year ${Y} (filing year ${Y + 1})` };
    const why = inferred ? { zh: `工资表等数据属于 ${inferred.year} 年`, en: `the data (${inferred.source}) is for ${inferred.year}` } : { zh: "文件中没有其他年份线索", en: "nothing else in the file names a year" };
    const contradicts = inferred !== null && inferred.year !== Y && inferred.year !== Y - 1;
    issues.add(contradicts ? "PERIOD_SIGNALS_DISAGREE" : "PARAM_AMBIGUOUS_YEAR", ambiguous.cell.sheet, "filingYear", ambiguous.label, () => ambiguous.cell.address, String(Y), {
      zh: `“${ambiguous.label} ${Y}”有两种读法：数据年度 ${Y}（${Y + 1} 年申报），或申报年度 ${Y}（使用 ${Y - 1} 年数据）。${why.zh}，按${taken.zh}计算。${contradicts ? "两种读法都与数据不符。" : ""}请改写为“申报年度”或“费款所属期”。`,
      en: `"${ambiguous.label} ${Y}" reads two ways: data year ${Y} (filed in ${Y + 1}), or filing year ${Y} (using ${Y - 1} data). ${why.en}, so ${taken.en} is used.${contradicts ? " Neither reading matches the data." : ""} Write 申报年度 (filing year) or 费款所属期 (data period) instead.`,
    });
  } else if (inferred) {
    period = { filingYear: inferred.year + 1, dataYear: inferred.year, source: inferred.source };
  } else {
    const y = Number(today.slice(0, 4));
    period = { filingYear: y, dataYear: y - 1, source: "today" };
  }
  // Signals that disagree with each other (payroll months against titles), or a data-period label against an
  // explicit filing year, are errors: the year decides which rules and which rows apply.
  const payrollYear = topYear(signals.payroll);
  const titleYear = topYear(signals.titles);
  if (period.source !== "options" && payrollYear !== null && titleYear !== null && payrollYear !== titleYear && (signals.titles.get(payrollYear) ?? 0) === 0) {
    issues.add("PERIOD_SIGNALS_DISAGREE", "", "period", "", () => "", `${payrollYear}/${titleYear}`, {
      zh: `工资表的月份属于 ${payrollYear} 年，而工作表名或标题写的是 ${titleYear} 年：数据年度按 ${period.dataYear} 计算，请核对。`,
      en: `The payroll's months are in ${payrollYear}, but sheet names or titles say ${titleYear}: data year ${period.dataYear} is used; check which is right.`,
    });
  }
  const dy = parameters?.dataYear;
  if (dy && period.source === "parameters" && period.dataYear !== dy.year) {
    issues.add("PERIOD_SIGNALS_DISAGREE", dy.cell.sheet, "filingYear", dy.label, () => dy.cell.address, String(dy.year), {
      zh: `“${dy.label}”为 ${dy.year} 年（数据年度），但参数表的申报年度为 ${period.filingYear}（数据年度 ${period.dataYear}）：两者不一致，按申报年度计算，请核对。`,
      en: `"${dy.label}" says ${dy.year} (the data year), but the filing year in the block is ${period.filingYear} (data year ${period.dataYear}): they disagree; the filing year is used. Check which is right.`,
    });
  }
  if (optYear !== undefined && period.source !== "options") {
    issues.add("PARAM_INVALID", "", "filingYear", "", () => "", String(optYear), { zh: `申报年度“${String(optYear)}”无效。`, en: `Filing year "${String(optYear)}" is invalid.` });
  }
  if (period.filingDate && settings?.case.filingYear !== undefined && settings.case.filingYear !== period.filingYear) {
    issues.add("PARAM_INVALID", parameters!.sheet, "filingYear", "申报年度", () => parameters!.cellOf(settings.rows.filingYear!).address, String(settings.case.filingYear), {
      zh: `申报年度 ${settings.case.filingYear} 与申报日期 ${period.filingDate} 不一致，按申报日期。`,
      en: `Filing year ${settings.case.filingYear} does not match the filing date ${period.filingDate}; the date is used.`,
    });
  }
  if (period.source === "options" && settings?.case.filingDate && Number(settings.case.filingDate.slice(0, 4)) === period.filingYear) period.filingDate = settings.case.filingDate;
  const frame = yearFrame(period.dataYear);
  const filingDate = period.filingDate ?? `${period.filingYear}-07-01`;

  // 3. Region, entity type and the rules in force.
  const regionInput = String(options.region ?? settings?.case.region ?? "CN");
  if (options.region === undefined && settings?.case.region === undefined) {
    issues.add("PARAM_REGION_DEFAULT", parameters?.sheet ?? "", "region", "地区", () => (parameters ? parameters.cellOf(0).address : ""), undefined, {
      zh: "工作簿没有写明地区：按全国规则计算。各省的安置比例、征收比例和封顶规则不同，请在参数表填写“地区”（如 江苏、南京市）。",
      en: "The workbook names no region: national rules were used. Provinces differ in quota ratio, collection rate and cap; set 地区 (region) in the parameter block, e.g. 江苏 or 南京市.",
    });
  }
  let region: RegionProfile | null = null;
  try {
    region = resolveRegion(regionInput);
  } catch (e) {
    const cell = options.region === undefined && settings?.rows.region !== undefined ? parameters!.cellOf(settings.rows.region) : null;
    issues.add("PARAM_INVALID", cell?.sheet ?? "", "region", "地区", () => cell?.address ?? "", regionInput, e instanceof LevyInputError ? { zh: `${e.zh} 已按全国规则计算。`, en: `${e.en} National rules were used.` } : undefined);
    region = resolveRegion("CN");
  }
  let entityType: EntityType = settings?.case.entityType ?? "enterprise";
  if (options.entityType !== undefined) {
    const parsed = (ENTITY_TYPES as readonly string[]).includes(options.entityType) ? (options.entityType as EntityType) : parseEntityType(options.entityType);
    if (parsed) entityType = parsed;
    else issues.add("PARAM_INVALID", "", "entityType", "", () => "", String(options.entityType), { zh: `单位类型“${options.entityType}”无效，按${entityType}。`, en: `Entity type "${options.entityType}" is invalid; ${entityType} is used.` });
  }
  const overrides: Partial<Record<ParameterName, unknown>> = { ...(settings?.overrides ?? {}) };
  const overrideOrigins: Partial<Record<ParameterName, string>> = {};
  for (const name of Object.keys(overrides) as ParameterName[]) {
    const row = settings?.rows[name];
    if (row !== undefined && parameters) overrideOrigins[name] = `${parameters.sheet}!${parameters.cellOf(row).address}`;
  }
  let rules: ResolvedRules | null = null;
  let fatal: Bilingual | undefined;
  for (let attempt = 0; attempt < 30 && rules === null && fatal === undefined; attempt++) {
    try {
      rules = resolveRules(region, filingDate, overrides, overrideOrigins).rules;
    } catch (e) {
      if (e instanceof LevyInputError && Object.prototype.hasOwnProperty.call(overrides, e.field)) {
        // A bad override value: report it and compute with the rule profile's value.
        const name = e.field as ParameterName;
        const row = settings?.rows[name];
        const cell = row !== undefined && parameters ? parameters.cellOf(row) : null;
        issues.add("PARAM_INVALID", cell?.sheet ?? "", name, PARAMETER_INFO[name].label.zh, () => cell?.address ?? "", String(overrides[name]), { zh: `${e.zh} 已按规则库的值计算。`, en: `${e.en} The rule profile's value was used.` });
        delete overrides[name];
        delete overrideOrigins[name];
      } else if (e instanceof LevyInputError) {
        fatal = { zh: e.zh, en: e.en };
      } else throw e;
    }
  }
  const method: HeadcountMethod = rules?.headcountMethod.value ?? "start-end-average";
  progress(options, 0.12, "roster");

  // 4. Roster.
  const rosterTables = sources.filter((t) => t.kind === "roster");
  const roster = rosterTables.length ? readRoster(rosterTables, { frame, today, issues, accounting }) : null;
  const persons: Person[] = roster ? roster.persons : [];
  const index = roster ? roster.index : new PersonIndex();
  // Row → person, only for rosters that also carry pay or certificate columns (built on first use).
  let byRow: Map<number, Map<number, Person>> | null = null;
  const personAt = (table: number, row: number) => {
    if (!byRow) {
      byRow = new Map();
      for (const p of persons) {
        if (!p.inRoster) continue;
        let m = byRow.get(p.table);
        if (!m) byRow.set(p.table, (m = new Map()));
        m.set(p.row, p);
      }
    }
    return byRow.get(table)?.get(row);
  };
  let headcount: HeadcountModel | null = null;
  if (roster) {
    const counts = roster.counted.monthly();
    const figures = monthFigures(counts, method);
    const excludedAnnual = new Map<string, Decimal>();
    const excludedFigures = new Map<string, Decimal[]>();
    for (const [reason, presence] of roster.excludedPresence) {
      const f = monthFigures(presence.monthly(), method);
      excludedFigures.set(reason, f);
      excludedAnnual.set(reason, annualOf(f));
    }
    headcount = { method, counts, figures, annual: annualOf(figures), excludedAnnual, excludedFigures };
  }
  progress(options, 0.3, "disabled");

  // 5. Disabled register (phase 1), payroll, register evaluation.
  const registerTables = sources.filter((t) => t.kind === "disabled" || (t.kind === "roster" && t.embedded.disabled));
  const entries = readRegister(registerTables, {
    index,
    personAt,
    issues,
    accounting,
    addPlaceholder: (p) => {
      const person: Person = { ...p, index: persons.length };
      person.present = null;
      persons.push(person);
      index.add(person);
      return person;
    },
  });
  for (const e of entries) if (e.person && !e.person.inRoster) e.person.present = null;
  progress(options, 0.35, "payroll");
  const payrollTables = sources.filter((t) => t.kind === "payroll");
  const embeddedPay = sources.filter((t) => t.kind === "roster" && t.embedded.payroll);
  // A roster with annual pay is the payroll unless a payroll table supplies the same pay. Year-end bonus sheets add to
  // it rather than replace it; any other payroll is a second source for the same people and year.
  const supplements = sourceOrder(payrollTables).groups;
  const regularPayroll = payrollTables.filter((t) => supplements.get(t.id) !== 1);
  const useEmbedded = regularPayroll.length === 0;
  const payroll = readPayroll(payrollInYuan(useEmbedded ? [...embeddedPay, ...payrollTables] : payrollTables, issues), { dataYear: period.dataYear, index, personAt, issues, accounting });
  const embeddedPayIgnored = useEmbedded ? [] : embeddedPay.map((t) => t.id);
  for (const t of useEmbedded ? [] : embeddedPay) {
    if (!hasAmounts(t)) continue;
    const other = regularPayroll[0];
    const col = t.pay[0]?.index ?? 0;
    issues.addCell("DATA_DOUBLE_SOURCE", t.sheetName, "row", "", t.origin, t.headerRowIndex, col, t.sheetName, {
      zh: `花名册“${t.sheetName}”带有工资列，工资表“${other.sheetName}”也提供同一批人同一年的工资：两者相加会重复计算。计算只采用工资表（明细来源），花名册的工资列未计入。`,
      en: `The roster "${t.sheetName}" carries pay columns and the payroll "${other.sheetName}" supplies the same people's pay for the same year: adding both would double count. Only the payroll (the detail source) is used; the roster's pay columns are not counted.`,
    });
  }
  progress(options, 0.75, "evaluate");
  const tableMap = new Map(tables.map((t) => [t.id, t]));
  // The 残联 certification list, where there is one, overrides the register's 残联认定 before the evaluation.
  const certification = applyCertificationList(readCertificationList(sourceTables), entries, tableMap);
  const disabled = registerTables.length
    ? evaluateRegister(entries, {
        frame,
        method,
        today,
        minimumWage: rules?.minimumWageMonthly.value ?? null,
        blindCountsDouble: rules?.blindCountsDouble.value ?? false,
        tables: tableMap,
        issues,
        accounting,
      })
    : null;
  const monthlyTable = readMonthlyTables(
    sources.filter((t) => t.kind === "monthlyHeadcount"),
    period.dataYear,
    issues,
    accounting,
  );
  progress(options, 0.8, "declaration");

  // 6. Declared figures: the declaration block, then the parameter block's aggregates.
  const declared: Partial<Record<DeclField, DeclaredFigure>> = {};
  if (declaration) {
    for (const [field, v] of Object.entries(declaration.values) as Array<[DeclField, { value: Decimal | string; cell: CellRef }]>) {
      if (v.value instanceof Decimal) declared[field] = { value: v.value, cell: v.cell, source: "declaration" };
    }
  }
  if (settings && parameters) {
    for (const [field, caseField] of [
      ["headcount", "headcount"],
      ["wageTotal", "wageTotal"],
      ["certifiedDisabled", "certifiedDisabled"],
      ["alreadyPaid", "alreadyPaid"],
    ] as const) {
      const v = settings.case[caseField];
      const row = settings.rows[caseField];
      if (!declared[field] && v !== undefined && row !== undefined) declared[field] = { value: new Decimal(String(v)), cell: parameters.cellOf(row), source: "parameters" };
    }
  }

  // 7. The case for the core.
  let wageSource: WorkbookModel["wageSource"] = "none";
  let wageTotal: Decimal | null = null;
  if (payrollTables.length) {
    wageSource = "payroll";
    wageTotal = payroll.wageTotal;
  } else if (embeddedPay.length) {
    wageSource = "roster";
    wageTotal = payroll.wageTotal;
  } else if (declared.wageTotal) {
    wageSource = declared.wageTotal.source === "parameters" ? "parameters" : "declaration";
    wageTotal = declared.wageTotal.value;
  }
  let wageBasis: WorkbookModel["wageBasis"] = "wage-total";
  const siBase = payroll.socialInsuranceBase;
  if (rules?.wageBaseType.value === "social-insurance-base" && (wageSource === "payroll" || wageSource === "roster") && siBase && siBase.tablesWithout === 0 && !siBase.total.isZero()) {
    wageBasis = "social-insurance-base";
    wageTotal = siBase.total;
  }
  let certifiedSource: WorkbookModel["certifiedSource"] = "none";
  let certified: Decimal = ZERO;
  if (disabled) {
    certifiedSource = "register";
    certified = disabled.certified;
  } else if (declared.certifiedDisabled) {
    certifiedSource = declared.certifiedDisabled.source === "parameters" ? "parameters" : "declaration";
    certified = declared.certifiedDisabled.value;
  }

  // Nothing lost: a sheet with people and amounts that no role fits may hold pay (a bonus sheet under a header the
  // dictionary does not know); say so rather than list it quietly as unused.
  for (const sk of skipped) {
    if (!sk.peopleWithAmounts) continue;
    issues.add("DATA_SHEET_UNUSED", sk.sheet, "table", "", () => "A1", sk.sheet, {
      zh: `工作表“${sk.sheet}”有人员列和金额，但无法判断用途，未计入：${sk.reason.zh}如其中是工资或奖金，请在映射中指定（如 表:${sk.sheet} | 工资表，列:金额 | 奖金）。`,
      en: `Sheet "${sk.sheet}" has people and amounts but no recognisable role, so it was not counted: ${sk.reason.en} If it holds pay or bonuses, say so in the mapping (e.g. 表:${sk.sheet} | payroll, 列:金额 | bonus).`,
    });
  }

  // A low-confidence recognition is never a result: a table whose runner-up role scores as well as the one chosen,
  // where the choice changes the money (it is read as the payroll or the register, or its pay is used), stops the run.
  const annualPay = (t: DetectedTable) =>
    t.pay.filter((p) => PAY_CATEGORIES[p.category].kind === "wage" || PAY_CATEGORIES[p.category].kind === "total").every((p) => ANNUAL_HEADER.test(t.columns.find((c) => c.index === p.index)?.header ?? "") || p.category === "bonus");
  const unsure = sources.filter((t) => {
    if (t.kindVia === "mapping") return false;
    // Pay columns on a staff list with no period in their names (基本工资, 工资): a year's pay, or the monthly rate HR
    // systems list? Read one way the wage total is twelve times the other.
    if (t.kind === "roster") return t.embedded.payroll && !embeddedPayIgnored.includes(t.id) && payrollTables.filter((p) => supplements.get(p.id) !== 1).length === 0 && !annualPay(t);
    return t.recognition.unsure && (t.kind === "payroll" || t.kind === "disabled");
  });
  let candidates: RecognitionCandidate[] | undefined;
  if (unsure.length) {
    candidates = unsure.map((t) => ({
      sheet: t.sheetName,
      kind: t.kind,
      score: t.recognition.score,
      runnerUp: t.recognition.runnerUp ?? { kind: "payroll", score: t.recognition.scores.payroll ?? 0 },
      reasons: [
        ...t.recognition.reasons,
        ...(t.kind === "roster"
          ? [{ zh: "花名册上的工资列没有写明期间（全年/年薪）：可能是全年工资，也可能是月工资标准。", en: "The staff list's pay columns name no period (annual, 全年): they may be a year's pay or a monthly rate." }]
          : []),
      ],
    }));
    for (const t of unsure) {
      const r = t.recognition.runnerUp;
      const detail =
        t.kind === "roster"
          ? {
              zh: `“${t.sheetName}”的工资列（${t.pay.map((p) => t.columns.find((c) => c.index === p.index)?.header).join("、")}）没有写明是全年金额还是月标准，又没有单独的工资表：按全年读与按月读相差12倍。请提供工资表，或在映射中说明（如 列:基本工资 | 全年工资，或 表:${t.sheetName} | 花名册）。`,
              en: `The pay columns of "${t.sheetName}" (${t.pay.map((p) => t.columns.find((c) => c.index === p.index)?.header).join(", ")}) do not say whether they are a year's pay or a monthly rate, and there is no separate payroll: the two readings differ twelvefold. Provide the payroll, or say so in the mapping (e.g. 表:${t.sheetName} | roster to read them as a year's pay).`,
            }
          : {
              zh: `无法确定“${t.sheetName}”是${TABLE_LABELS[t.kind].zh}（得分 ${t.recognition.score}）还是${r && r.kind in TABLE_LABELS ? TABLE_LABELS[r.kind as keyof typeof TABLE_LABELS].zh : r?.kind}（得分 ${r?.score}），两种读法的金额不同：请在映射中指定（表:${t.sheetName} | 花名册/工资表/残疾职工/忽略）。`,
              en: `"${t.sheetName}" could be a ${TABLE_LABELS[t.kind].en} (score ${t.recognition.score}) or a ${r && r.kind in TABLE_LABELS ? TABLE_LABELS[r.kind as keyof typeof TABLE_LABELS].en : r?.kind} (score ${r?.score}), and the amounts differ: name its role in the mapping (表:${t.sheetName} | roster/payroll/disabled/ignore).`,
            };
      issues.addCell("RECOGNITION_UNSURE", t.sheetName, "table", "", t.origin, t.headerRowIndex, t.columns[0]?.index ?? 0, t.sheetName, detail);
    }
  }

  if (sheets.length === 0 || sheets.every((s) => !Array.isArray(s.values) || s.values.length === 0)) {
    fatal = { zh: "工作簿是空的：没有任何数据。", en: "The workbook is empty: it holds no data." };
  } else if (!roster && !fatal) {
    fatal = {
      zh: "找不到花名册：没有一张工作表在前30行内有“工号/姓名/身份证号”与“入职日期/离职日期/用工形式”等表头。请检查表头，或在参数表用“表:工作表名 | 花名册”指定。",
      en: "No roster found: no sheet has headers such as 工号/姓名/身份证号 together with 入职日期/离职日期/用工形式 in its first 30 rows. Check the headers, or name the sheet in the parameter block with 表:SheetName | roster.",
    };
  } else if (candidates && !fatal) {
    fatal = {
      zh: `无法可靠识别：${candidates.map((c) => `“${c.sheet}”`).join("、")}可作不同用途，金额取决于按哪种读取。不作猜测：请在任务窗格的映射编辑器中选择，或用 --map "表:工作表名=花名册" 指定。`,
      en: `Recognition is unsure: ${candidates.map((c) => `"${c.sheet}"`).join(", ")} could serve different roles, and the money depends on which. No guess is made: choose in the task pane's mapping editor, or pass --map "表:SheetName=roster".`,
    };
  } else if (wageTotal === null && !fatal) {
    fatal = {
      zh: "找不到工资数据：没有工资表，花名册没有工资列，参数表和申报表也没有工资总额。",
      en: "No wage data found: there is no payroll, the roster has no pay columns, and neither the parameter block nor the declaration gives a wage total.",
    };
  }

  let levyCase: LevyCase | null = null;
  if (!fatal && headcount && wageTotal !== null) {
    const monthly: MonthHeadcount[] =
      method === "start-end-average" ? headcount.counts.start.map((s, m) => [String(s), String(headcount!.counts.end[m])] as const) : headcount.figures.map((f) => plainString(f));
    levyCase = {
      region: regionInput,
      filingYear: period.filingYear,
      entityType,
      monthlyHeadcount: monthly,
      wageTotal: plainString(wageTotal),
      certifiedDisabled: plainString(certified),
      overrides: overrides as LevyCase["overrides"],
      overrideOrigins,
    };
    if (region && region.code === "CN" && regionInput !== "CN" && issues.byCode("PARAM_INVALID").some((i) => i.field === "region")) levyCase.region = "CN";
    if (period.filingDate) levyCase.filingDate = period.filingDate;
    if (settings?.case.socialAverageWage !== undefined) levyCase.socialAverageWage = settings.case.socialAverageWage;
    const paid = settings?.case.alreadyPaid ?? (declared.alreadyPaid ? plainString(declared.alreadyPaid.value) : undefined);
    if (paid !== undefined) levyCase.alreadyPaid = paid;
    if (settings?.case.registrationDate) levyCase.registrationDate = settings.case.registrationDate;
    // Hunan's budget-funded units (财政拨款) and an approved 72号 第十七条 reduction (批准减缴额).
    if (settings?.case.budgetFunded !== undefined) levyCase.budgetFunded = settings.case.budgetFunded;
    if (settings?.case.approvedRelief !== undefined) levyCase.approvedRelief = settings.case.approvedRelief;
  }
  progress(options, 0.85, "model");

  return {
    sheetNames: sheets.map((s) => String(s.name)),
    parameters,
    mapping,
    tables,
    skipped,
    declaration,
    period,
    frame,
    today,
    regionInput,
    region,
    entityType,
    rules,
    overrides,
    overrideOrigins,
    roster,
    persons,
    headcount,
    payroll,
    embeddedPayIgnored,
    disabled,
    monthlyTable,
    declared,
    wageSource,
    wageBasis,
    certifiedSource,
    accounting,
    issues,
    levyCase,
    fatal,
    ...(candidates ? { candidates } : {}),
    sourceTables,
    certification,
  };
}
