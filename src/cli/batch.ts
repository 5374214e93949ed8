/**
 * `levy audit DIR/ [FILE …] [--out GROUP.xlsx] [--jobs N] [--json]`: a batch of client workbooks (issue 10 §4).
 *
 * Folders are expanded to their spreadsheets (src/batch/collect.ts), files sorted by path; each file is audited in a
 * worker thread (src/batch/pool.ts, `--jobs`, default the number of cores) and split into its entities when it is a
 * group workbook. With `--out GROUP.xlsx`: the consolidated summary there, and one working paper per entity in the
 * folder "GROUP-底稿" beside it (the folder must not exist yet, unless --force). `--json` prints the usual
 * `{files: [...]}` — one entry per entity, the same object `levy audit FILE --json` gives — plus `batch` with the
 * summary rows. A file that cannot be audited is a row with its reason; the batch goes on.
 *
 * Exit code: 0 every entity clean, 1 some entity has findings of severity error, 2 some file (or entity) could not
 * be audited (or the summary could not be written). The worst wins, as with several files.
 */
import { availableParallelism } from "node:os";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import { dec, display2, moneyDisplay } from "../core/decimal";
import type { Bilingual } from "../core/rules/types";
import type { AnalyseOptions } from "../validation/analyse-contract";
import { collectInputs } from "../batch/collect";
import { BATCH_SAME_ENTITY, duplicateEntry, duplicateOf, flagSameEntity } from "../batch/duplicates";
import { runBatchTasks } from "../batch/pool";
import { summaryRows, summaryTotals, writeSummaryWorkbook } from "../batch/summary";
import type { SummaryRow } from "../batch/summary";
import { safeFileName } from "../batch/task";
import type { BatchEntry, BatchTask } from "../batch/task";
import { displayWidth, padEndDisplay, padStartDisplay } from "./format";
import { EXIT } from "./io";
import type { CliIO } from "./io";
import { checkOutputPath, OutputRefused, terminalSafe, writeAtomically } from "./safe-output";
import type { ReadOptions } from "./xlsx-reader";

export interface BatchRequest {
  positional: string[];
  options: AnalyseOptions;
  readOptions: ReadOptions;
  json: boolean;
  out?: string;
  force: boolean;
  /** --jobs as given (validated here); undefined: one per core. */
  jobs?: string;
}

/** The folder of working papers beside GROUP.xlsx: "GROUP-底稿". */
export function papersDirFor(out: string): string {
  return join(dirname(out), `${basename(out, extname(out))}-底稿`);
}

/** Name stems for the working papers: the file's stem, made unique (a.xlsx and a.xlsm, or the same name in two folders). */
function paperBases(paths: readonly string[]): string[] {
  const stems = paths.map((p) => safeFileName(basename(p, extname(p))));
  const count = new Map<string, number>();
  for (const s of stems) count.set(s, (count.get(s) ?? 0) + 1);
  const used = new Set<string>();
  return stems.map((s, i) => {
    let stem = (count.get(s) ?? 0) > 1 ? `${s}-${extname(paths[i]).slice(1) || "file"}` : s;
    for (let n = 2; used.has(stem); n++) stem = `${s}-${n}`;
    used.add(stem);
    return stem;
  });
}

function refuse(io: CliIO, message: Bilingual): number {
  io.stderr.write(terminalSafe(`levy audit: ${message.zh}\n  ${message.en}\n`));
  return EXIT.badInput;
}

export async function runBatch(req: BatchRequest, io: CliIO): Promise<number> {
  let jobs = availableParallelism();
  if (req.jobs !== undefined) {
    if (!/^\d+$/.test(req.jobs) || Number(req.jobs) < 1 || Number(req.jobs) > 256) {
      return refuse(io, { zh: `--jobs 应为 1–256 的整数，得到 "${req.jobs.slice(0, 20)}"`, en: `--jobs must be a whole number from 1 to 256, got "${req.jobs.slice(0, 20)}"` });
    }
    jobs = Number(req.jobs);
  }
  const outPath = req.out !== undefined ? resolve(io.cwd, req.out) : null;
  const papersDir = outPath ? papersDirFor(outPath) : null;
  const collected = collectInputs(req.positional, io.cwd, outPath ? [outPath] : []);
  if (collected.files.length === 0) {
    return refuse(io, { zh: "文件夹中没有电子表格文件（.xlsx 等），没有可审核的内容。", en: "The folder holds no spreadsheet files (.xlsx …): nothing to audit." });
  }
  const inputs = collected.files.map((f) => f.path);
  if (outPath && papersDir) {
    try {
      // Checked against every spreadsheet the command names, the output path included: a summary written over
      // batch/good_A.xlsx would replace a client's workbook, --force or not (the audit leaves the out path out of its
      // inputs only so that a summary is never audited as a client).
      const named = collectInputs(req.positional, io.cwd, []).files.map((f) => f.path);
      checkOutputPath(outPath, req.out!, named, req.force);
    } catch (error) {
      if (!(error instanceof OutputRefused)) throw error;
      return refuse(io, error.message_);
    }
    if (existsSync(papersDir) && !req.force && readdirSync(papersDir).length > 0) {
      return refuse(io, {
        zh: `底稿文件夹“${papersDir}”已存在且不为空，未覆盖其中的文件。如确需替换，请加 --force，或另选 --out 文件名。`,
        en: `The working-paper folder "${papersDir}" already exists and is not empty; nothing in it was replaced. Add --force to replace, or choose another --out name.`,
      });
    }
    mkdirSync(papersDir, { recursive: true });
  }

  const bases = paperBases(inputs);
  // Byte-identical copies are not audited again: each is a row of its own, a duplicate of the first (duplicates.ts).
  const copyOf = await duplicateOf(inputs);
  const audited = collected.files.map((f, i) => ({ f, i })).filter(({ i }) => copyOf[i] < 0);
  const tasks: BatchTask[] = audited.map(({ f, i }, index) => ({
    index,
    path: f.path,
    displayName: f.displayName,
    options: req.options,
    readOptions: req.readOptions,
    ...(papersDir ? { papers: { dir: papersDir, base: bases[i], inputs, force: req.force } } : {}),
  }));

  // A progress line only on a terminal, never into --json or a pipe.
  const tty = !req.json && (io.stderr as { isTTY?: boolean }).isTTY === true;
  const results = await runBatchTasks(tasks, {
    jobs,
    onDone: tty ? (done, total, task) => io.stderr.write(`\r\x1b[K批量审核 auditing ${done}/${total} · ${terminalSafe(task.displayName).slice(-50)}`) : undefined,
  });
  if (tty) io.stderr.write("\r\x1b[K");

  const byFile = new Map<number, BatchEntry[]>(audited.map(({ i }, index) => [i, results[index].entries]));
  const entries: BatchEntry[] = collected.files.flatMap((f, i) => (copyOf[i] >= 0 ? [duplicateEntry(f.displayName, collected.files[copyOf[i]].displayName)] : byFile.get(i) ?? []));
  // The same entity (credit code, data year) from two different files: an error on each, both rows kept.
  flagSameEntity(entries);
  const rows = summaryRows(entries);
  let code = Math.max(...entries.map((e) => e.audit.exitCode));
  if (entries.some((e) => e.paperError)) code = EXIT.badInput;
  let summaryError: Bilingual | null = null;
  if (outPath) {
    try {
      await writeAtomically(outPath, req.force, (temp) => writeSummaryWorkbook(temp, rows, { ignored: collected.ignored, jobs: Math.min(jobs, tasks.length), papersDir, exitCode: code }));
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      summaryError = { zh: `无法写入汇总 cannot write ${req.out}: ${why}`, en: `Cannot write the summary ${req.out}: ${why}` };
      code = EXIT.badInput;
    }
  }

  if (req.json) {
    const batch = {
      inputs: collected.files.map((f) => f.displayName),
      ignored: collected.ignored,
      jobs: Math.min(jobs, tasks.length),
      entities: rows,
      totals: summaryTotals(rows),
      summaryWorkbook: outPath && !summaryError ? outPath : null,
      papersDir,
      exitCode: code,
    };
    io.stdout.write(`${JSON.stringify({ files: entries.map((e) => e.audit), batch }, null, 2)}\n`);
    for (const r of rows) if (r.reason) io.stderr.write(terminalSafe(`levy audit: ${r.file}: ${r.reason.zh}\n  ${r.reason.en}\n`));
  } else {
    const sameEntity = new Map<string, Bilingual>();
    for (const e of entries) for (const f of e.audit.findings) if (f.code === BATCH_SAME_ENTITY) sameEntity.set(f.message.en, f.message);
    io.stdout.write(formatBatch(rows, collected.ignored, Math.min(jobs, tasks.length), [...sameEntity.values()]));
    if (outPath && !summaryError) io.stdout.write(terminalSafe(`\n汇总已写入 summary written: ${req.out}\n底稿 working papers: ${relative(io.cwd, papersDir!) || "."} (${rows.filter((r) => r.paper).length})\n`));
  }
  for (const r of rows) if (r.paperError) io.stderr.write(terminalSafe(`levy audit: ${r.file}: ${r.paperError.zh}\n  ${r.paperError.en}\n`));
  if (summaryError) io.stderr.write(terminalSafe(`levy audit: ${summaryError.zh}\n`));
  return code;
}

const STATUS: Record<SummaryRow["status"], string> = { clean: "通过 clean", findings: "有错误 errors", unusable: "无法审核 not audited", duplicate: "重复 duplicate" };

/** The terminal summary: one line per entity, then the reasons files could not be audited, then what was left out. */
export function formatBatch(rows: readonly SummaryRow[], ignored: ReadonlyArray<{ file: string; reason: Bilingual }>, jobs: number, sameEntity: readonly Bilingual[] = []): string {
  const header = ["#", "文件 File", "单位 Entity", "地区 Region", "人数 Headcount", "应纳 Gross (9)", "应补退 Payable (12)", "E", "W", "I", "结论 Result"];
  const lines = rows.map((r) => [
    String(r.no),
    r.file,
    (r.name ?? "—").slice(0, 24),
    r.region ? r.region.code : "—",
    r.columns ? display2(dec(r.columns["5"])) : "—",
    r.columns ? moneyDisplay(dec(r.columns["9"])) : "—",
    r.columns ? moneyDisplay(dec(r.columns["12"])) : "—",
    String(r.findings.error),
    String(r.findings.warning),
    String(r.findings.info),
    STATUS[r.status],
  ]);
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...lines.map((l) => displayWidth(l[i]))));
  const left = new Set([1, 2, 3, 10]);
  const line = (cells: string[]) => cells.map((c, i) => (left.has(i) ? padEndDisplay(c, widths[i]) : padStartDisplay(c, widths[i]))).join("  ");
  const t = summaryTotals(rows);
  const out = [
    `\n批量审核 Batch audit: ${t.entities} 个单位 entities (${jobs} 个并行任务 jobs) — 通过 ${t.clean} clean · 有错误 ${t.findings} with errors · 无法审核 ${t.unusable} not audited${t.duplicates ? ` · 重复文件 ${t.duplicates} duplicate files (未计入 not counted)` : ""}`,
    line(header),
    widths.map((w) => "─".repeat(w)).join("  "),
    ...lines.map(line),
    `合计 Total: 应纳 gross ${moneyDisplay(dec(t.grossDue))} · 应补退 payable ${moneyDisplay(dec(t.payable))}`,
  ];
  if (sameEntity.length > 0) {
    out.push("", `同一单位出现在多个文件中 The same entity in several files (${BATCH_SAME_ENTITY}):`);
    for (const m of sameEntity) out.push(`  ${m.zh}`, `      ${m.en}`);
  }
  const copies = rows.filter((r) => r.duplicateOf !== undefined);
  if (copies.length > 0) {
    out.push("", "重复文件 Duplicate files (逐字节相同，未审核、未计入合计 byte-identical: not audited, not in the totals):");
    for (const r of copies) out.push(`  ${r.no} ${r.file} = ${r.duplicateOf}`);
  }
  const failed = rows.filter((r) => r.reason);
  if (failed.length > 0) {
    out.push("", "无法审核 Not audited:");
    for (const r of failed) out.push(`  ${r.no} ${r.file}: ${r.reason!.zh}`, `      ${r.reason!.en}`);
  }
  if (ignored.length > 0) {
    out.push("", "未读取 Left out of the folders:");
    for (const i of ignored) out.push(`  ${i.file}: ${i.reason.zh} / ${i.reason.en}`);
  }
  return terminalSafe(`${out.join("\n")}\n`);
}
