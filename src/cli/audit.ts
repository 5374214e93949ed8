/**
 * `levy audit FILE.xlsx [FILE2.xlsx …] [--json] [--out REPORT.xlsx] [--map HEADER=field …] [--region X] [--year Y]`
 *
 * Per file: read (xlsx-reader) → analyseWorkbook (the pure model, core and validation rules) → print the form
 * columns, the row accounting and the findings, bilingual and grouped by severity. Several files → one summary table.
 * Exit code: 0 clean, 1 any finding of severity error, 2 unusable input (unreadable file, no roster); with several
 * files the worst wins, and an unusable file never stops the others from being audited.
 */
import { formatReconciliation } from "../reconciliation/format";
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { auditFileEntities } from "../batch/entity-audit";
import type { EntityInfo } from "../batch/entity-audit";
import { matchEntities, snapshotKey, snapshotLabel } from "../snapshot/group";
import { isIsoDate } from "../core/dates";
import { dec, moneyDisplay, display2 } from "../core/decimal";
import type { Bilingual } from "../core/rules/types";
import { analyseWorkbook } from "../validation/analyse";
import type { AnalyseOptions, AuditResult, RowCounts } from "../validation/analyse-contract";
import type { Finding, Severity } from "../validation/types";
import { ArgsError, parseArgs } from "./args";
import { displayWidth, formatCalculation, padEndDisplay, padStartDisplay } from "./format";
import { EXIT } from "./io";
import type { CliIO } from "./io";
import { checkOutputPath, OutputRefused, terminalSafe, writeAtomically } from "./safe-output";
import { MappingFileError, checkSaveTarget, readMappingFile, usedEntries, writeMappingFile } from "./mapping-file";
import { writeWorkingPaper } from "./working-paper";
import { yoyBridge, YoyError } from "../core/levy/yoy";
import type { YoyBridge } from "../core/levy/yoy";
import { filingOf } from "../snapshot/yoy-filing";
import { SnapshotError } from "../snapshot/types";
import type { Snapshot, SnapshotEntity } from "../snapshot/types";
import type { SheetData } from "../workbook/types";
import { formatYoy, groupSnapshotOf, lastYearFiled, snapshotOf, writeGroupSnapshotJson, writeSnapshotJson } from "./snapshot-io";
import type { Filed } from "./snapshot-io";
import { readXlsx, XlsxReadError } from "./xlsx-reader";
import type { ReaderNote, ReadOptions, WorkbookRead } from "./xlsx-reader";

const USAGE =
  "用法 usage: levy audit FILE.xlsx [FILE2.xlsx …] [--json] [--out REPORT.xlsx] [--map 列=字段 HEADER=field …] [--region CN-JS] [--year 2025]\n" +
  "             [--entity 企业] [--today YYYY-MM-DD] [--max-cells N] [--max-mb N] [--max-seconds N] [--force] [--explain]\n" +
  "             [--mapping MAP.json] [--save-mapping MAP.json [--force]] [--snapshot OUT.json] [--last-year LAST.json|LAST.xlsx]";

/**
 * The audit of one file: the `--json` element. `file`, `calculation`, `rows` and `findings` are the contract; the
 * rest are additions (never renamed): the exit code, the reason a file was unusable, counts, and the model's reports
 * of what it recognised (tables and column mapping, rows by reason, declared figures, LEVY.* formulas, …).
 */
export interface FileAudit {
  file: string;
  calculation: AuditResult["calculation"];
  rows: RowCounts;
  findings: Finding[];
  /** 0, 1 or 2, as the process exit code would be for this file alone. */
  exitCode: number;
  /** Set when the file could not be used (exit 2): why, in both languages. */
  error?: Bilingual;
  /** Findings per severity. */
  counts: Record<Severity, number>;
  tables?: AuditResult["tables"];
  skippedSheets?: AuditResult["skippedSheets"];
  mapping?: AuditResult["mapping"];
  rowsByReason?: AuditResult["rowsByReason"];
  declared?: AuditResult["declared"];
  headcount?: AuditResult["headcount"];
  wages?: AuditResult["wages"];
  disabled?: AuditResult["disabled"];
  formulas?: AuditResult["formulas"];
  /** With an unusable file whose recognition was unsure: the candidate tables and why (added). */
  candidates?: AuditResult["candidates"];
  /** Bridges to the ledger, A105050, IIT, social insurance; the certification list (added). */
  reconciliation?: AuditResult["reconciliation"];
  /** With `--last-year`: the change in payable since last year's filing, in parts that sum to it (added). */
  yoy?: YoyBridge;
  /** In a batch: this file is a byte-identical copy of that one, so it was not audited again (added). */
  duplicateOf?: string;
}

/** The model's reports that the JSON carries (the per-row lists stay in the working paper: they can be long). */
function reports(result: AuditResult): Partial<FileAudit> {
  const { tables, skippedSheets, mapping, rowsByReason, declared, headcount, wages, disabled, formulas } = result;
  return { tables, skippedSheets, mapping, rowsByReason, declared, headcount, wages, disabled, formulas, ...(result.reconciliation ? { reconciliation: result.reconciliation } : {}) };
}

export interface AuditRun {
  files: FileAudit[];
  /** Full model results, for the working paper (not printed with --json). */
  results: Array<AuditResult | null>;
  /** The filed snapshot of each file, for the working paper's hidden 快照 sheet (null: no result to snapshot). */
  snapshots?: Array<Snapshot | null>;
}

const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];
const SEVERITY_TEXT: Record<Severity, string> = { error: "错误 Errors", warning: "警告 Warnings", info: "提示 Info" };

export function countFindings(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
  return counts;
}

/** A problem the reader had (a sheet cut short, a part it could not read) as a finding, so it is never missed. */
function readerFinding(note: ReaderNote): Finding {
  const truncated = note.code === "READ_TRUNCATED";
  return {
    code: note.code,
    severity: truncated ? "error" : "warning",
    message: note.message,
    cells: note.row !== undefined ? [{ sheet: note.sheet, address: `A${note.row}` }] : [],
    rows: 0,
    suggestion: truncated
      ? { zh: "删除无关的行或列，或按月份拆分为多个文件分别审核；也可用环境变量 LEVY_MAX_CELLS 提高上限。", en: "Remove unrelated rows or columns, or split the workbook (e.g. by month) and audit the parts; LEVY_MAX_CELLS raises the limit." }
      : { zh: "在 Excel 中打开并另存为 .xlsx 后重试。", en: "Open the file in Excel, save it as .xlsx and retry." },
    source: "",
  };
}

export function unusable(file: string, error: Bilingual, findings: Finding[] = []): FileAudit {
  return { file, calculation: null, rows: { read: 0, counted: 0, excluded: 0, rejected: 0 }, findings, exitCode: EXIT.badInput, error, counts: countFindings(findings) };
}

/** Audit one file: never throws; an unusable file comes back with exit code 2 and a bilingual reason. */
export async function auditFile(path: string, displayName: string, options: AnalyseOptions, readOptions: ReadOptions = {}): Promise<{ audit: FileAudit; result: AuditResult | null; sheets?: SheetData[] }> {
  let read;
  try {
    read = await readXlsx(path, readOptions);
  } catch (error) {
    if (error instanceof XlsxReadError) return { audit: unusable(displayName, { zh: error.zh, en: error.en }), result: null };
    return { audit: unusable(displayName, { zh: `读取失败：${(error as Error).message}`, en: `Reading failed: ${(error as Error).message}` }), result: null };
  }
  return auditRead(read, displayName, options);
}

/** The audit of a workbook already read (one entity of a group workbook, or the whole file): never throws. */
export async function auditRead(read: WorkbookRead, displayName: string, options: AnalyseOptions): Promise<{ audit: FileAudit; result: AuditResult | null; sheets?: SheetData[] }> {
  const readerFindings = read.notes.map(readerFinding);
  if (read.sheets.every((s) => s.values.every((row) => row.length === 0))) {
    return {
      audit: unusable(displayName, { zh: "工作簿是空的：没有任何工作表含有数据。", en: "The workbook is empty: no sheet holds any data." }, readerFindings),
      result: null,
    };
  }
  let result: AuditResult;
  try {
    // Each sheet carries the workbook's date system (date1904); the model's date readers honour it.
    result = await analyseWorkbook(read.sheets, options);
  } catch (error) {
    // The model promises not to throw on bad data; if it does, the file is reported, never a stack trace.
    return { audit: unusable(displayName, { zh: `分析失败：${(error as Error).message}`, en: `Analysis failed: ${(error as Error).message}` }, readerFindings), result: null };
  }
  const findings = [...readerFindings, ...result.findings];
  const counts = countFindings(findings);
  if (result.fatal) {
    return { audit: { ...unusable(displayName, result.fatal, findings), calculation: result.calculation, rows: result.rows, ...reports(result), ...(result.candidates ? { candidates: result.candidates } : {}) }, result, sheets: read.sheets };
  }
  return {
    audit: { file: displayName, calculation: result.calculation, rows: result.rows, findings, exitCode: counts.error > 0 ? EXIT.findings : EXIT.ok, counts, ...reports(result) },
    result,
    sheets: read.sheets,
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Parse `--map HEADER=field` options into the mapping object (keys from the user: no prototype). */
export function mappingFromArgs(entries: readonly string[]): Record<string, string> {
  const mapping = Object.create(null) as Record<string, string>;
  for (const entry of entries) {
    const eq = entry.lastIndexOf("=");
    if (eq <= 0 || eq === entry.length - 1) throw new ArgsError(`--map 应为 列=字段 expects HEADER=field, got "${entry}"`);
    mapping[entry.slice(0, eq).trim()] = entry.slice(eq + 1).trim();
  }
  return mapping;
}

export async function runAudit(args: string[], io: CliIO): Promise<number> {
  let parsed;
  let mapping: Record<string, string> | undefined;
  try {
    parsed = parseArgs(args, { boolean: ["json", "force", "explain", "batch"], value: ["out", "region", "year", "entity", "today", "max-cells", "max-mb", "max-seconds", "mapping", "save-mapping", "snapshot", "last-year", "jobs"], repeat: ["map"] });
    const maps = parsed.repeated.get("map") ?? [];
    if (maps.length > 0) mapping = mappingFromArgs(maps);
  } catch (error) {
    io.stderr.write(`levy audit: ${(error as Error).message}\n${USAGE}\n`);
    return EXIT.badInput;
  }
  if (parsed.positional.length === 0) {
    io.stderr.write(`levy audit: 请指定要审核的工作簿 name at least one workbook\n${USAGE}\n`);
    return EXIT.badInput;
  }
  const options: AnalyseOptions = {};
  // --mapping FILE.json adds its entries after the --map ones (a --map for the same key wins).
  const mappingPath = parsed.flags.get("mapping");
  const savePath = parsed.flags.get("save-mapping");
  try {
    if (typeof savePath === "string") checkSaveTarget(resolve(io.cwd, savePath), savePath, parsed.flags.get("force") === true);
    if (typeof mappingPath === "string") {
      mapping = mapping ?? (Object.create(null) as Record<string, string>);
      for (const e of await readMappingFile(resolve(io.cwd, mappingPath), mappingPath)) if (!(e.key in mapping)) mapping[e.key] = e.value;
    }
  } catch (error) {
    if (!(error instanceof MappingFileError)) throw error;
    io.stderr.write(`levy audit: ${error.message}\n`);
    return EXIT.badInput;
  }
  if (mapping) options.mapping = mapping;
  const region = parsed.flags.get("region");
  if (typeof region === "string" && region.trim() === "") {
    io.stderr.write(`levy audit: --region 为空 is empty (give CN-JS, 江苏, 南京市 …; leave it out for the workbook's own)\n`);
    return EXIT.badInput;
  }
  if (typeof region === "string") options.region = region;
  const year = parsed.flags.get("year");
  if (typeof year === "string") {
    if (!/^\d{4}$/.test(year)) {
      io.stderr.write(`levy audit: --year 应为四位申报年度 must be a four-digit filing year, got "${year}"\n`);
      return EXIT.badInput;
    }
    options.filingYear = Number(year);
  }
  const entity = parsed.flags.get("entity");
  if (typeof entity === "string") options.entityType = entity;
  const today = parsed.flags.get("today");
  if (typeof today === "string" && !isIsoDate(today)) {
    io.stderr.write(`levy audit: --today 应为有效日期 must be a valid date YYYY-MM-DD, got "${today.slice(0, 40)}"\n`);
    return EXIT.badInput;
  }
  if (typeof today === "string") options.today = today;
  const readOptions: ReadOptions = {};
  const maxCells = parsed.flags.get("max-cells");
  if (typeof maxCells === "string") {
    if (!/^\d+$/.test(maxCells) || Number(maxCells) < 1) {
      io.stderr.write(`levy audit: --max-cells 应为正整数 must be a positive whole number, got "${maxCells}"\n`);
      return EXIT.badInput;
    }
    readOptions.maxCells = Number(maxCells);
  }
  // Limits on inflated bytes and reading time (issue 9 §1): --max-mb, --max-seconds.
  for (const [flag, key, scale] of [["max-mb", "maxBytes", 1024 ** 2], ["max-seconds", "maxSeconds", 1]] as const) {
    const v = parsed.flags.get(flag);
    if (typeof v !== "string") continue;
    if (!/^\d+(\.\d+)?$/.test(v) || Number(v) <= 0) {
      io.stderr.write(`levy audit: --${flag} 应为正数 must be a positive number, got "${v}"\n`);
      return EXIT.badInput;
    }
    readOptions[key] = Number(v) * scale;
  }
  const json = parsed.flags.get("json") === true;
  const explain = parsed.flags.get("explain") === true;
  const out = parsed.flags.get("out");
  const force = parsed.flags.get("force") === true;
  // A folder, --batch or --jobs: the batch (issue 10 §4) — summary workbook, one working paper per entity, worker threads.
  const jobs = parsed.flags.get("jobs");
  if (parsed.flags.get("batch") === true || typeof jobs === "string" || parsed.positional.some((f) => isDirectory(resolve(io.cwd, f)))) {
    if (explain || typeof savePath === "string") {
      io.stderr.write(`levy audit: --explain 与 --save-mapping 只用于单个文件，不用于批量审核 work on single files, not on a batch\n`);
      return EXIT.badInput;
    }
    const { runBatch } = await import(/* webpackChunkName: "batch" */ "./batch");
    return runBatch({ positional: parsed.positional, options, readOptions, json, out: typeof out === "string" ? out : undefined, force, jobs: typeof jobs === "string" ? jobs : undefined }, io);
  }
  if (typeof out === "string") {
    // Never overwrite what the user owns (issue 9 §2): not an input, not an existing file without --force.
    try {
      checkOutputPath(resolve(io.cwd, out), out, parsed.positional.map((f) => resolve(io.cwd, f)), force);
    } catch (error) {
      if (!(error instanceof OutputRefused)) throw error;
      io.stderr.write(terminalSafe(`levy audit: ${error.message_.zh}\n  ${error.message_.en}\n`));
      return EXIT.badInput;
    }
  }

  // Issue 10 §3: --snapshot OUT.json and --last-year LAST (one workbook at a time; a group workbook per entity).
  const snapshotPath = parsed.flags.get("snapshot");
  const lastYearPath = parsed.flags.get("last-year");
  const snapshotCheck = checkSnapshotFlags(io, parsed.positional, snapshotPath, lastYearPath, out, force);
  if (snapshotCheck !== null) return snapshotCheck;
  let lastYear: Filed | null = null;
  if (typeof lastYearPath === "string") {
    try {
      lastYear = await lastYearFiled(resolve(io.cwd, lastYearPath), lastYearPath, options, readOptions, auditFileEntities);
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      io.stderr.write(terminalSafe(`levy audit: --last-year: ${error.detail.zh}\n  ${error.detail.en}\n`));
      return EXIT.badInput;
    }
  }

  const run: AuditRun = { files: [], results: [], snapshots: [] };
  const used: Array<AuditResult["mapping"] | null> = []; // for --save-mapping
  let snapshotCode: number = EXIT.ok;
  const lastYearUnmatched: Array<{ name: string | null; uscc: string | null }> = [];
  // A group workbook (several entities, issue 10 §4) gives one entry per entity; an ordinary one, the one it always did.
  for (const file of parsed.positional) {
    const entries = await auditFileEntities(resolve(io.cwd, file), file, options, readOptions);
    const group = entries.length > 1 || entries[0]?.audit.entity !== undefined;
    let snapshots: Array<Snapshot | null> | null = null;
    if (typeof out === "string" || typeof snapshotPath === "string" || lastYear) {
      snapshots = entries.map(({ audit, result, sheets }) => snapshotOf(file, result, sheets, options, group && audit.entity ? snapshotEntity(audit.entity) : undefined));
      if (typeof snapshotPath === "string") snapshotCode = Math.max(snapshotCode, writeFiledSnapshot(io, file, entries, snapshots, group, snapshotPath, options, force, json));
      if (lastYear) snapshotCode = Math.max(snapshotCode, attachYoy(io, file, entries, snapshots, group, lastYear, lastYearUnmatched));
    }
    entries.forEach(({ audit, result }, i) => {
      run.files.push(audit);
      // Full results are kept only for the working paper, so auditing many files does not hold them all in memory.
      run.results.push(typeof out === "string" ? result : null);
      if (snapshots) run.snapshots?.push(typeof out === "string" ? snapshots[i] : null);
      if (typeof savePath === "string") used.push(result?.mapping ?? null);
      if (!json) io.stdout.write(formatFileAudit(audit, result));
      if (!json && explain) io.stdout.write(formatExplain(audit, result));
      if (!json && audit.yoy) io.stdout.write(terminalSafe(formatYoy(audit.yoy)));
    });
  }
  if (!json && lastYearUnmatched.length > 0) io.stdout.write(terminalSafe(formatLastYearUnmatched(lastYearUnmatched)));
  if (!json && run.files.length > 1) io.stdout.write(formatSummary(run.files));
  if (json) {
    // `lastYearUnmatched` (added): entities of last year's group filing that no entity this year pairs with.
    io.stdout.write(`${JSON.stringify({ files: run.files, ...(lastYearUnmatched.length > 0 ? { lastYearUnmatched } : {}) }, null, 2)}\n`);
  }
  let code = Math.max(snapshotCode, ...run.files.map((f) => f.exitCode));
  if (typeof out === "string") {
    try {
      await writeAtomically(resolve(io.cwd, out), force, (temp) => writeWorkingPaper(temp, run));
      if (!json) io.stdout.write(`\n审计底稿已写入 working paper written: ${out}\n`);
    } catch (error) {
      io.stderr.write(`levy audit: 无法写入底稿 cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      code = EXIT.badInput;
    }
  }
  if (typeof savePath === "string") {
    try {
      const entries = usedEntries(options.mapping, used);
      await writeMappingFile(resolve(io.cwd, savePath), savePath, entries, parsed.flags.get("force") === true);
      if (!json) io.stdout.write(`\n映射已保存 mapping saved (${entries.length} 条 entries): ${savePath}\n`);
    } catch (error) {
      if (!(error instanceof MappingFileError)) throw error;
      io.stderr.write(`levy audit: ${error.message}\n`);
      code = EXIT.badInput;
    }
  }
  for (const f of run.files) if (f.error && json) io.stderr.write(terminalSafe(`levy audit: ${f.file}: ${f.error.zh}\n  ${f.error.en}\n`));
  return code;
}

/* ---------------------------------------------------------------------------------------------------------------
 * Snapshot and last year (issue 10 §3).
 * ------------------------------------------------------------------------------------------------------------- */

/** --snapshot and --last-year take one workbook; the snapshot file is checked like --out. Null when all is well. */
function checkSnapshotFlags(io: CliIO, files: readonly string[], snapshotPath: string | true | undefined, lastYearPath: string | true | undefined, out: string | true | undefined, force: boolean): number | null {
  if ((typeof snapshotPath === "string" || typeof lastYearPath === "string") && files.length !== 1) {
    io.stderr.write(`levy audit: --snapshot / --last-year 一次只能用于一个工作簿 take exactly one workbook\n`);
    return EXIT.badInput;
  }
  if (typeof snapshotPath !== "string") return null;
  if (typeof out === "string" && resolve(io.cwd, out) === resolve(io.cwd, snapshotPath)) {
    io.stderr.write(`levy audit: --snapshot 与 --out 不能是同一个文件 cannot be the same file as --out\n`);
    return EXIT.badInput;
  }
  try {
    const inputs = [...files, ...(typeof lastYearPath === "string" ? [lastYearPath] : [])].map((f) => resolve(io.cwd, f));
    checkOutputPath(resolve(io.cwd, snapshotPath), snapshotPath, inputs, force);
  } catch (error) {
    if (!(error instanceof OutputRefused)) throw error;
    io.stderr.write(terminalSafe(`levy audit: ${error.message_.zh}\n  ${error.message_.en}\n`));
    return EXIT.badInput;
  }
  return null;
}

type Entry = { audit: FileAudit & { entity?: EntityInfo }; result: AuditResult | null };

function snapshotEntity(e: EntityInfo): SnapshotEntity {
  return { index: e.index, of: e.of, name: e.name, uscc: e.uscc, sheets: [...e.sheets] };
}

function entityText(e: EntityInfo | undefined): string {
  return e ? ` · 单位 entity ${e.index}/${e.of} ${e.name ?? e.uscc ?? ""}` : "";
}

/**
 * `--snapshot OUT.json` for one audited file: its snapshot as always, or — a group workbook — one JSON holding every
 * entity's snapshot (src/snapshot/group.ts). Nothing is written when an entity gave no result (exit 2, naming it):
 * a group filing missing an entity would verify as if the entity did not exist. The exit code this part adds.
 */
function writeFiledSnapshot(io: CliIO, file: string, entries: readonly Entry[], snapshots: ReadonlyArray<Snapshot | null>, group: boolean, snapshotPath: string, options: AnalyseOptions, force: boolean, json: boolean): number {
  const missing = entries.filter((_, i) => !snapshots[i]);
  if (missing.length > 0) {
    const who = group ? missing.map((e) => e.audit.entity?.name ?? e.audit.entity?.uscc ?? String(e.audit.entity?.index ?? "?")).join("、") : "";
    io.stderr.write(
      terminalSafe(
        group
          ? `levy audit: ${file}: 单位 ${who} 没有计算结果，未写快照 no result for entity ${who}, so no snapshot was written (a group snapshot holds every entity)\n`
          : `levy audit: ${file}: 没有计算结果，未写快照 no result, so no snapshot was written\n`,
      ),
    );
    return EXIT.badInput;
  }
  try {
    const path = resolve(io.cwd, snapshotPath);
    if (group) writeGroupSnapshotJson(path, groupSnapshotOf(file, snapshots as Snapshot[], options), force);
    else writeSnapshotJson(path, snapshots[0] as Snapshot, force);
    if (!json) io.stdout.write(terminalSafe(`\n快照已写入 snapshot written: ${snapshotPath}${group ? ` (${entries.length} 个单位 entities)` : ""}\n`));
    return EXIT.ok;
  } catch (error) {
    io.stderr.write(terminalSafe(`levy audit: 无法写入快照 cannot write ${snapshotPath}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`));
    return EXIT.badInput;
  }
}

export const YOY_NO_LAST_YEAR = "YOY_NO_LAST_YEAR";
export const YOY_NOT_CONSECUTIVE = "YOY_NOT_CONSECUTIVE";

/** A "last year" that is this year, a later year or two years back: the bridge is shown, but the file is likely the wrong one. */
function notConsecutiveFinding(lastYear: number, thisYear: number): Finding {
  return {
    code: YOY_NOT_CONSECUTIVE,
    severity: "warning",
    message: {
      zh: `作为“上年”给出的申报是 ${lastYear} 年度的，本年申报为 ${thisYear} 年度：不是上一年，同比分析比较的不是相邻两年。`,
      en: `The filing given as last year's is for ${lastYear} and this one is for ${thisYear}: not the year before, so the bridge does not compare consecutive years.`,
    },
    cells: [],
    rows: 0,
    suggestion: {
      zh: `请改用 ${thisYear - 1} 年度的快照或工作簿。`,
      en: `Give the ${thisYear - 1} filing's snapshot or workbook instead.`,
    },
    source: "",
  };
}

function noLastYearFinding(s: Snapshot): Finding {
  const { name, uscc } = snapshotLabel(s);
  const who = `${name ?? "?"}${uscc ? `（统一社会信用代码 ${uscc}）` : ""}`;
  const whoEn = `${name ?? "?"}${uscc ? ` (USCC ${uscc})` : ""}`;
  return {
    code: YOY_NO_LAST_YEAR,
    severity: "warning",
    message: {
      zh: `上年申报中没有与单位“${who}”对应的单位（按统一社会信用代码，其次按单位名称）：此单位没有同比分析（不是变动为零）。`,
      en: `Last year's filing holds no entity matching "${whoEn}" (by credit code, else by name): this entity has no year-over-year bridge (not a zero change).`,
    },
    cells: [],
    rows: 0,
    suggestion: {
      zh: "新设单位无需处理；如单位名称或统一社会信用代码有变更，请用该单位上年的快照或工作簿单独做同比分析。",
      en: "Nothing to do for a new entity; if its name or credit code changed, run the bridge with that entity's own last-year snapshot or workbook.",
    },
    source: "",
  };
}

/**
 * `--last-year` for one audited file: the YoY bridge of each entity. A one-entity workbook against a one-entity last
 * year is bridged as always when either names no entity; otherwise the entities are paired by credit code, then name (src/snapshot/group.ts), an
 * entity with no partner last year gets the finding YOY_NO_LAST_YEAR (no bridge — not a zero bridge), and last year's
 * entities with no partner are collected into `unmatched`. The exit code this part adds.
 */
function attachYoy(io: CliIO, file: string, entries: readonly Entry[], snapshots: ReadonlyArray<Snapshot | null>, group: boolean, lastYear: Filed, unmatched: Array<{ name: string | null; uscc: string | null }>): number {
  let code: number = EXIT.ok;
  const bridge = (audit: FileAudit, last: Snapshot, now: Snapshot, e?: EntityInfo) => {
    try {
      audit.yoy = yoyBridge(filingOf(last), filingOf(now));
      if (last.period.filingYear !== now.period.filingYear - 1) {
        audit.findings.push(notConsecutiveFinding(last.period.filingYear, now.period.filingYear));
        audit.counts = countFindings(audit.findings);
      }
    } catch (error) {
      if (!(error instanceof YoyError)) throw error;
      io.stderr.write(terminalSafe(`levy audit: ${file}${entityText(e)}: ${error.detail.zh}\n  ${error.detail.en}\n`));
      code = EXIT.badInput;
    }
  };
  if (!group && lastYear.kind === "single" && (!snapshots[0] || !namesAnEntity(snapshots[0]) || !namesAnEntity(lastYear.snapshot))) {
    // One entity each side, one of them naming no entity: bridged as always (nothing to pair by).
    if (snapshots[0]) bridge(entries[0].audit, lastYear.snapshot, snapshots[0]);
    else {
      io.stderr.write(terminalSafe(`levy audit: ${file}: 没有计算结果，无法做同比分析 no result, so no year-over-year bridge\n`));
      code = EXIT.badInput;
    }
    return code;
  }
  const now = entries.map((e, i) => ({ entry: e, snapshot: snapshots[i] })).filter((x): x is { entry: Entry; snapshot: Snapshot } => x.snapshot !== null);
  if (now.length === 0) {
    io.stderr.write(terminalSafe(`levy audit: ${file}: 没有计算结果，无法做同比分析 no result, so no year-over-year bridge\n`));
    return EXIT.badInput;
  }
  const last = lastYear.kind === "single" ? [lastYear.snapshot] : lastYear.snapshots;
  const match = matchEntities(now, last, (x) => snapshotKey(x.snapshot), snapshotKey);
  for (const p of match.pairs) bridge(p.left.entry.audit, p.right, p.left.snapshot, p.left.entry.audit.entity);
  for (const x of match.leftOnly) {
    const audit = x.entry.audit;
    audit.findings.push(noLastYearFinding(x.snapshot));
    audit.counts = countFindings(audit.findings);
  }
  for (const s of match.rightOnly) unmatched.push(snapshotLabel(s));
  return code;
}

function namesAnEntity(s: Snapshot): boolean {
  const k = snapshotKey(s);
  return k.usccs.length > 0 || k.names.length > 0;
}

function formatLastYearUnmatched(list: ReadonlyArray<{ name: string | null; uscc: string | null }>): string {
  const lines = ["", "上年申报中本年没有对应单位的 Entities of last year's filing with no partner this year (no bridge):"];
  for (const u of list) lines.push(`  ${u.name ?? "?"}${u.uscc ? ` ${u.uscc}` : ""}`);
  return `${lines.join("\n")}\n`;
}

/* ---------------------------------------------------------------------------------------------------------------
 * Text output.
 * ------------------------------------------------------------------------------------------------------------- */

/** How many cell references a finding shows in the terminal (the working paper lists them all). */
const CELLS_SHOWN = 6;

export function formatFinding(f: Finding): string {
  const lines = [`  [${f.code}] ${f.message.zh}`, `      ${f.message.en}`];
  if (f.cells.length > 0) {
    const refs = f.cells.slice(0, CELLS_SHOWN).map((c) => `${c.sheet}!${c.address}`);
    const more = f.cells.length > CELLS_SHOWN || f.rows > f.cells.length ? ` … (${Math.max(f.rows, f.cells.length)} 行 rows)` : "";
    lines.push(`      单元格 cells: ${refs.join(", ")}${more}`);
    if (f.source) lines.push(`      依据 source: ${[f.source, f.sourceUrl].filter(Boolean).join(" ")}`);
  } else if (f.rows > 0) {
    lines.push(`      涉及 ${f.rows} 行 rows`);
  }
  if (f.amount !== undefined) lines.push(`      涉及金额 amount: ${moneyDisplay(dec(f.amount))}`);
  if (f.suggestion.zh || f.suggestion.en) lines.push(`      建议：${f.suggestion.zh}`, `      Fix: ${f.suggestion.en}`);
  return lines.join("\n");
}

function rowAccounting(rows: RowCounts): string {
  const sum = rows.counted + rows.excluded + rows.rejected;
  const check = sum === rows.read ? "✓" : `≠ ${sum} (!)`;
  return `行数核对 Row accounting: 读取 read ${rows.read} = 计入 counted ${rows.counted} + 排除 excluded ${rows.excluded} + 拒绝 rejected ${rows.rejected} ${check}`;
}

/** Excluded and rejected rows per reason code (complete counts from the model). */
function reasonSummary(byReason: AuditResult["rowsByReason"]): string[] {
  if (!byReason) return [];
  const entries = Object.entries(byReason).sort((a, b) => b[1].excluded + b[1].rejected - (a[1].excluded + a[1].rejected) || a[0].localeCompare(b[0]));
  return entries.map(([code, n]) => `  ${padEndDisplay(code, 26)}${n.excluded ? ` 排除 excluded ${String(n.excluded).padStart(5)}` : ""}${n.rejected ? ` 拒绝 rejected ${String(n.rejected).padStart(5)}` : ""}`);
}

/** What was recognised: each table with its columns (recognised → field; the rest listed as unused). */
function tablesSummary(audit: FileAudit, result: AuditResult | null): string[] {
  const lines: string[] = [];
  const KIND: Record<string, string> = { roster: "花名册 roster", payroll: "工资表 payroll", disabled: "残疾职工 disabled register", monthlyHeadcount: "月度人数 monthly headcount" };
  for (const t of audit.tables ?? []) {
    // Reference figures (工资标准, 计薪天数, 上月应发 …) are recognised but never read: listed as unused, with what they are.
    const reference = (c: (typeof t.columns)[number]) => c.payKind === "reference";
    const used = t.columns.filter((c) => c.field && !c.duplicate && !reference(c));
    const unused = t.columns.filter((c) => !c.field || c.duplicate || reference(c)).map((c) => (reference(c) && c.label ? `${c.header}：${c.label.zh} ${c.label.en}` : c.header || c.column));
    lines.push(`  ${t.sheet}!${t.range} — ${KIND[t.kind] ?? t.kind}${t.kindVia === "mapping" ? "（按映射 by mapping）" : ""}, ${t.rows.read} 行 rows`);
    lines.push(`    ${used.map((c) => `${c.column} ${c.header}→${c.field}${c.via === "mapping" ? "*" : ""}${c.payKind === "nonWage" ? "(非工资 non-wage)" : c.payKind === "total" ? "(合计 total)" : ""}`).join(", ")}`);
    if (unused.length) lines.push(`    未使用 unused: ${unused.join(", ")}`);
  }
  // The parameter block and the declaration are read by label, not as tables: name them, and do not call them unused.
  const blocks = new Map<string, string[]>();
  const note = (sheet: string | null | undefined, what: string) => sheet && blocks.set(sheet, [...(blocks.get(sheet) ?? []), what]);
  note(result?.parameters?.sheet, "参数区 parameter block");
  note(Object.values(audit.declared ?? {}).find((d) => d?.source === "declaration")?.cell.sheet, "申报表 declaration");
  for (const [sheet, what] of blocks) lines.push(`  ${sheet} — ${what.join(", ")}`);
  for (const s of audit.skippedSheets ?? []) if (!blocks.has(s.sheet)) lines.push(`  ${s.sheet}: 未使用 not used — ${s.reason.zh} ${s.reason.en}`);
  return lines;
}

const ROLE_TEXT: Record<string, string> = { roster: "花名册 roster", payroll: "工资表 payroll", disabled: "残疾职工 disabled register", monthlyHeadcount: "月度人数 monthly headcount", derived: "视图 view (不计入 not counted)", unrelated: "无关 unrelated" };

/** `--explain`: per sheet, the role chosen, its score, the runner-up and the reasons; sheets not used and why. */
export function formatExplain(audit: FileAudit, result: AuditResult | null): string {
  const out: string[] = ["", "识别说明 How each sheet was recognised (--explain):"];
  for (const t of audit.tables ?? []) {
    const role = t.role ?? t.kind;
    const runner = t.runnerUp ? `；次选 runner-up ${ROLE_TEXT[t.runnerUp.kind] ?? t.runnerUp.kind} ${t.runnerUp.score}` : "";
    out.push(`  ${t.sheet}${t.month ? ` (${t.month}月)` : ""} → ${(t.roles ?? [role]).map((r) => ROLE_TEXT[r] ?? r).join(" + ")}${t.kindVia === "mapping" ? "（按映射 by mapping）" : ""} — 得分 score ${t.score ?? "?"}${runner}${t.unsure ? " — 不确定 UNSURE" : ""}`);
    for (const r of t.reasons ?? []) out.push(`      ${r.zh}`, `      ${r.en}`);
  }
  for (const s of audit.reconciliation?.sources ?? []) {
    out.push(`  ${s.sheet} → 对账来源 reconciliation source: ${s.label.zh} ${s.label.en} (${s.layout}) — 得分 score ${s.score}${s.runnerUp ? `；次选 runner-up ${ROLE_TEXT[s.runnerUp.kind] ?? s.runnerUp.kind} ${s.runnerUp.score}` : ""}`);
    for (const r of s.reasons) out.push(`      ${r.zh}`, `      ${r.en}`);
  }
  const declarationSheet = Object.values(audit.declared ?? {}).find((d) => d?.source === "declaration")?.cell.sheet;
  for (const s of audit.skippedSheets ?? []) {
    const blocks = [s.sheet === result?.parameters?.sheet ? "参数区 parameter block (按名称读取 read by label)" : "", s.sheet === declarationSheet ? "申报表 declaration (按栏次标签读取 read by form label)" : ""].filter(Boolean);
    out.push(blocks.length ? `  ${s.sheet} → ${blocks.join(", ")}` : `  ${s.sheet} → 未使用 not used: ${s.reason.zh} ${s.reason.en}`);
  }
  return `${out.join("\n")}\n`;
}

function candidateLines(audit: FileAudit): string[] {
  const lines: string[] = [];
  for (const c of audit.candidates ?? []) {
    lines.push(`  候选 candidate: ${c.sheet} — ${ROLE_TEXT[c.kind] ?? c.kind} ${c.score}${c.runnerUp ? ` / ${ROLE_TEXT[c.runnerUp.kind] ?? c.runnerUp.kind} ${c.runnerUp.score}` : ""}`);
    for (const r of c.reasons) lines.push(`      ${r.zh}`, `      ${r.en}`);
  }
  return lines;
}

export function formatFileAudit(audit: FileAudit, result: AuditResult | null): string {
  const entity = (audit as FileAudit & { entity?: { index: number; of: number; name: string | null; uscc: string | null } }).entity;
  const out: string[] = [`\n══ ${audit.file}${entity ? ` · 单位 entity ${entity.index}/${entity.of}: ${entity.name ?? entity.uscc ?? "?"}` : ""} ══`];
  if (audit.error) {
    out.push(`无法审核 Cannot audit: ${audit.error.zh}`, `  ${audit.error.en}`, ...candidateLines(audit));
  }
  if (audit.calculation) out.push(formatCalculation(audit.calculation).trimEnd());
  const tables = tablesSummary(audit, result);
  if (tables.length > 0) out.push("", "识别的表 Tables found (列 column→字段 field; * = 按映射 mapped):", ...tables);
  if (result || audit.rows.read > 0) {
    out.push("", rowAccounting(audit.rows));
    const reasons = reasonSummary(audit.rowsByReason);
    if (reasons.length > 0) out.push("按原因 By reason:", ...reasons);
  }
  out.push(...formatReconciliation(audit.reconciliation));
  if (audit.findings.length > 0) {
    const c = audit.counts;
    out.push("", `发现 Findings: ${c.error} 错误 errors · ${c.warning} 警告 warnings · ${c.info} 提示 info`);
    for (const severity of SEVERITIES) {
      const group = audit.findings.filter((f) => f.severity === severity);
      if (group.length === 0) continue;
      out.push("", `${SEVERITY_TEXT[severity]} (${group.length})`);
      for (const f of group) out.push(formatFinding(f));
    }
  } else if (!audit.error) {
    out.push("", "未发现问题 No findings.");
  }
  const verdict = audit.exitCode === EXIT.ok ? "通过 clean" : audit.exitCode === EXIT.findings ? "有错误 errors found" : "无法使用 unusable";
  out.push("", `结论 Result: ${verdict} (exit ${audit.exitCode})`);
  return terminalSafe(`${out.join("\n")}\n`);
}

export function formatSummary(files: readonly FileAudit[]): string {
  const header = ["文件 File", "人数 Headcount", "应纳 Gross (9)", "应补退 Payable (12)", "错误 E", "警告 W", "提示 I", "退出码 Exit"];
  const rows = files.map((f) => [
    f.file,
    f.calculation ? display2(dec(f.calculation.headcount)) : "—",
    f.calculation ? moneyDisplay(dec(f.calculation.grossDue)) : "—",
    f.calculation ? moneyDisplay(dec(f.calculation.payable)) : "—",
    String(f.counts.error),
    String(f.counts.warning),
    String(f.counts.info),
    String(f.exitCode),
  ]);
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]))));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? padEndDisplay(c, widths[i]) : padStartDisplay(c, widths[i]))).join("  ");
  return terminalSafe(`\n汇总 Summary (${files.length} 个文件 files)\n${line(header)}\n${widths.map((w) => "─".repeat(w)).join("  ")}\n${rows.map(line).join("\n")}\n`);
}
