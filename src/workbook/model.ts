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
import type { MonthlyTableResult } from "./monthly-table";
import { readParameterBlock } from "./parameters";
import type { ParameterBlock } from "./parameters";
import { MonthReader, OK } from "./parse";
import { readPayroll } from "./payroll";
import type { PayrollResult } from "./payroll";
import { PersonIndex } from "./person";
import type { Person } from "./person";
import { annualOf, monthFigures, yearFrame } from "./presence";
import type { HeadcountMethod, MonthlyCounts, YearFrame } from "./presence";
import { readRoster } from "./roster";
import type { RosterResult } from "./roster";
import type { CellRef, SheetData } from "./types";

export interface PeriodInfo {
  filingYear: number;
  dataYear: number;
  filingDate?: string;
  /** Where the filing year came from. */
  source: "options" | "parameters" | "payroll" | "declaration" | "today";
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
}

function progress(options: AnalyseOptions | undefined, fraction: number, stage: string): void {
  try {
    options?.onProgress?.(fraction, stage);
  } catch {
    // A failing progress display must not stop the analysis.
  }
}

/** Infer the data year from the payroll's months (most frequent year in the first rows), then the declaration. */
function inferDataYear(tables: readonly DetectedTable[], declaration: Declaration | null): { year: number; source: PeriodInfo["source"] } | null {
  const counts = new Map<number, number>();
  const reader = new MonthReader();
  for (const t of tables) {
    if (t.kind !== "payroll") continue;
    if (t.sheetMonth?.year) counts.set(t.sheetMonth.year, (counts.get(t.sheetMonth.year) ?? 0) + 1);
    const c = t.field.get("month");
    if (c === undefined) continue;
    const values = t.sheet.values;
    for (let r = t.dataStart; r < Math.min(values.length, t.dataStart + 5000); r++) {
      const v = values[r]?.[c];
      if (reader.read(v) === OK && reader.year) counts.set(reader.year, (counts.get(reader.year) ?? 0) + 1);
    }
  }
  let best: number | null = null;
  for (const [y, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = y;
  if (best !== null) return { year: best, source: "payroll" };
  const start = declaration?.values.periodStart?.value;
  if (typeof start === "string") return { year: Number(start.slice(0, 4)), source: "declaration" };
  return null;
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
  const { tables, skipped } = detectTables(sheets.filter((s) => !isMappingSheet(s)), mapping);
  const declaration = readDeclaration(sheets, issues);
  progress(options, 0.08, "tables");

  // 2. The period.
  let period: PeriodInfo;
  const optYear = options.filingYear;
  if (optYear !== undefined && optYear !== null && Number.isInteger(optYear) && optYear >= 2000 && optYear <= 2100) {
    period = { filingYear: optYear, dataYear: optYear - 1, source: "options" };
  } else if (settings?.case.filingDate) {
    const y = Number(settings.case.filingDate.slice(0, 4));
    period = { filingYear: y, dataYear: y - 1, filingDate: settings.case.filingDate, source: "parameters", cell: parameters!.cellOf(settings.rows.filingDate!) };
  } else if (settings?.case.filingYear !== undefined) {
    period = { filingYear: settings.case.filingYear, dataYear: settings.case.filingYear - 1, source: "parameters", cell: parameters!.cellOf(settings.rows.filingYear!) };
  } else {
    const inferred = inferDataYear(tables, declaration);
    if (inferred) period = { filingYear: inferred.year + 1, dataYear: inferred.year, source: inferred.source };
    else {
      const y = Number(today.slice(0, 4));
      period = { filingYear: y, dataYear: y - 1, source: "today" };
    }
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
  const rosterTables = tables.filter((t) => t.kind === "roster");
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
  const registerTables = tables.filter((t) => t.kind === "disabled" || (t.kind === "roster" && t.embedded.disabled));
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
  const payrollTables = tables.filter((t) => t.kind === "payroll");
  const embeddedPay = tables.filter((t) => t.kind === "roster" && t.embedded.payroll);
  const payroll = readPayroll(payrollTables.length ? payrollTables : embeddedPay, { dataYear: period.dataYear, index, personAt, issues, accounting });
  const embeddedPayIgnored = payrollTables.length ? embeddedPay.map((t) => t.id) : [];
  progress(options, 0.75, "evaluate");
  const tableMap = new Map(tables.map((t) => [t.id, t]));
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
    tables.filter((t) => t.kind === "monthlyHeadcount"),
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

  if (sheets.length === 0 || sheets.every((s) => !Array.isArray(s.values) || s.values.length === 0)) {
    fatal = { zh: "工作簿是空的：没有任何数据。", en: "The workbook is empty: it holds no data." };
  } else if (!roster && !fatal) {
    fatal = {
      zh: "找不到花名册：没有一张工作表在前30行内有“工号/姓名/身份证号”与“入职日期/离职日期/用工形式”等表头。请检查表头，或在参数表用“表:工作表名 | 花名册”指定。",
      en: "No roster found: no sheet has headers such as 工号/姓名/身份证号 together with 入职日期/离职日期/用工形式 in its first 30 rows. Check the headers, or name the sheet in the parameter block with 表:SheetName | roster.",
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
  };
}
