/**
 * `levy verify SNAPSHOT [WORKBOOK.xlsx] [--json]` (issue 10 §3): re-check a filed snapshot.
 *
 *   SNAPSHOT   the JSON written by `levy audit --snapshot`, or a working paper written by `levy audit --out`
 *   WORKBOOK   the client workbook as it stands now (optional): does it still give the filed result?
 *
 * Says (a) whether the workbook still gives the same result — and if not, which tables and rows changed, which form
 * columns and by how much (recomputed with the filed rule values, so only the workbook's changes show) — and (b)
 * whether today's rules would give a different result for the filed inputs, naming every rule value that changed.
 * A filed number is never changed: differences are reported beside it.
 * Exit: 0 all the same, 1 differences, 2 unreadable (snapshot or workbook).
 */
import { resolve } from "node:path";
import { dec, moneyDisplay } from "../core/decimal";
import type { RegionProfile } from "../core/rules/types";
import { tableDigests } from "../snapshot/digest";
import { SnapshotError } from "../snapshot/types";
import type { Snapshot } from "../snapshot/types";
import { checkIntegrity, checkRules, checkWorkbook, verifyReport } from "../snapshot/verify";
import type { ColumnChange, VerifyReport } from "../snapshot/verify";
import type { AnalyseOptions } from "../validation/analyse-contract";
import type { Bilingual } from "../core/rules/types";
import { ArgsError, parseArgs } from "./args";
import { auditFileEntities, SPLIT_UNSURE } from "../batch/entity-audit";
import { EXIT } from "./io";
import type { CliIO } from "./io";
import { terminalSafe } from "./safe-output";
import { oneSnapshot, readSnapshotSource } from "./snapshot-io";
import type { ReadOptions } from "./xlsx-reader";

export const VERIFY_USAGE = `levy verify SNAPSHOT.json|WORKING-PAPER.xlsx [WORKBOOK.xlsx] [--json]
  核对申报快照 re-check a filed snapshot (written by levy audit --snapshot or --out):
  (a) 工作簿是否仍得出申报结果 does the workbook still give the filed result? (which tables/rows, columns 4–12, amounts)
  (b) 按现行规则是否会得出不同结果 would today's rules give a different result for the filed inputs?
  --json                 一个 JSON 对象 print one JSON object
  退出码 exit: 0 一致 all the same, 1 有差异 differences, 2 无法读取 unreadable
`;

export interface VerifyOptions {
  /** A rule book other than the built-in one (tests inject a changed profile). */
  profiles?: readonly RegionProfile[];
  readOptions?: ReadOptions;
}

/** Verify a snapshot against a workbook (optional) and today's rules. Throws SnapshotError when the workbook is unreadable. */
const GROUP_WORKBOOK = (shownAs: string) => ({
  zh: `“${shownAs}”含有多个单位（集团工作簿），levy verify 尚不能按单位核对：按整个工作簿重算会得出错误的“不一致”。请按单位拆分为多个文件，分别用 levy audit --snapshot 导出快照后核对。`,
  en: `"${shownAs}" holds several entities (a group workbook); levy verify cannot verify it per entity yet, and recomputing the whole workbook would report a false mismatch. Split it into one file per entity, export each with levy audit --snapshot, and verify those.`,
});

export async function verifySnapshot(snapshot: Snapshot, workbook: { path: string; shownAs: string } | null, options: VerifyOptions = {}): Promise<VerifyReport> {
  const integrity = checkIntegrity(snapshot);
  const rules = checkRules(snapshot, options.profiles);
  let workbookCheck = null;
  if (workbook) {
    const o = snapshot.source?.options ?? {};
    const analyse: AnalyseOptions = {
      ...(o.region ? { region: o.region } : {}),
      ...(o.filingYear ? { filingYear: o.filingYear } : {}),
      ...(o.entityType ? { entityType: o.entityType } : {}),
      ...(o.mapping ? { mapping: { ...o.mapping } } : {}),
    };
    const entries = await auditFileEntities(workbook.path, workbook.shownAs, analyse, options.readOptions ?? {});
    // A group workbook (or one whose split is unsure) is never recomputed as one entity: that would report DIFFERENT.
    if (entries.length > 1 || entries[0].audit.entity || entries[0].audit.findings?.some((f) => f.code === SPLIT_UNSURE)) throw new SnapshotError(GROUP_WORKBOOK(workbook.shownAs));
    const { audit, result, sheets } = entries[0];
    if (!result || !sheets) throw new SnapshotError(audit.error ?? { zh: "工作簿无法读取。", en: "The workbook cannot be read." });
    workbookCheck = checkWorkbook(snapshot, workbook.shownAs, result, tableDigests(sheets, result.tables ?? []));
  }
  return verifyReport(snapshot, workbookCheck, rules, integrity);
}

function amount(text: string): string {
  try {
    return moneyDisplay(dec(text));
  } catch {
    return text;
  }
}

function columnLines(columns: readonly ColumnChange[]): string[] {
  return columns.map((c) => `    第${c.column}栏 col ${c.column} ${c.label.zh} ${c.label.en}: ${c.filed} → ${c.now}${c.difference ? `（差 difference ${c.difference}）` : ""}`);
}

const CHANGE_TEXT: Record<string, string> = { changed: "已修改 changed", added: "新增 added", removed: "删除 removed" };
const ROWS_SHOWN = 20;

export function formatVerify(r: VerifyReport): string {
  const out: string[] = [
    `══ 申报快照核对 Snapshot check ══`,
    `快照 Snapshot: ${r.snapshot.file} — 申报年度 filing year ${r.snapshot.filingYear}, ${r.snapshot.region}, 应补（退）payable ${amount(r.snapshot.payable)}; 生成于 created ${r.snapshot.createdAt} (levy ${r.snapshot.toolVersion})`,
  ];
  if (!r.integrity.ok) {
    out.push("", "快照自身 The snapshot itself: 有问题 PROBLEMS");
    for (const p of r.integrity.problems) out.push(`  ${p.zh}`, `  ${p.en}`);
    out.push(...columnLines(r.integrity.columns));
  }
  out.push("");
  const w = r.workbook;
  if (!w) {
    out.push("(a) 工作簿 Workbook: 未核对（未指定工作簿）not checked — name the workbook to check it");
  } else if (w.same) {
    out.push(`(a) 工作簿 Workbook ${w.file}: 一致 same — 仍得出申报结果 still gives the filed result (应补（退）payable ${amount(w.payable.filed)}), 数据行未变 no row changed`);
  } else {
    out.push(`(a) 工作簿 Workbook ${w.file}: 有差异 DIFFERENT`);
    if (w.error) out.push(`  ${w.error.zh}`, `  ${w.error.en}`);
    if (w.columns.length > 0) {
      out.push(`  按申报时的规则重算 recomputed with the filed rule values: 应补（退）payable ${amount(w.payable.filed)} → ${w.payable.now === null ? "—" : amount(w.payable.now)}`);
      out.push(...columnLines(w.columns));
    }
    const own = w.payable.workbook ?? null;
    if (!w.error && own !== null && !dec(own).eq(dec(w.payable.filed)) && (w.payable.now === null || !dec(own).eq(dec(w.payable.now)))) {
      // An input that selects the rules (the region) changed: the workbook's own result is not the filed one.
      out.push(`  工作簿现在得出不同结果 the workbook now gives a different result (按其当前地区与规则 with its region and rules as they are now): 应补（退）payable ${amount(w.payable.filed)} → ${amount(own)}`);
    } else if (w.columns.length === 0 && !w.error) {
      out.push(`  申报结果不变 the filed result is unchanged (应补（退）payable ${amount(w.payable.filed)}), 但数据有改动 but the data changed:`);
    }
    for (const i of w.inputs) out.push(`  汇总数 aggregate ${i.label.zh} ${i.label.en}: ${i.filed.slice(0, 200)} → ${i.now.slice(0, 200)}`);
    for (const t of w.tables) {
      const where = `${t.sheet}${t.month ? ` (${t.month}月)` : ""} [${t.kind}]`;
      if (t.status === "added") out.push(`  表 table ${where}: 新增 added (${t.nowRows} 行 rows)`);
      else if (t.status === "removed") out.push(`  表 table ${where}: 已不存在或未被识别 gone or no longer recognised (申报时 filed ${t.filedRows} 行 rows)`);
      else if (t.status === "columns-changed") out.push(`  表 table ${where}: 读取的列不同 other columns read: ${t.columns?.filed.join(" ")} → ${t.columns?.now.join(" ")}`);
      else {
        out.push(`  表 table ${where}: ${t.rows.length + t.rowsOmitted} 行有变化 rows differ (申报时 filed ${t.filedRows} 行 rows, 现在 now ${t.nowRows})`);
        for (const row of t.rows.slice(0, ROWS_SHOWN)) out.push(`    ${row.sheet}!${row.row} ${CHANGE_TEXT[row.change]}`);
        const more = t.rows.length - ROWS_SHOWN + t.rowsOmitted;
        if (more > 0) out.push(`    … 另有 ${more} 行 more rows (--json 列出前 200 行 lists the first 200)`);
      }
    }
  }
  out.push("");
  const rules = r.rules;
  if (rules.error) {
    out.push("(b) 现行规则 Today's rules: 无法重算 cannot recompute", `  ${rules.error.zh}`, `  ${rules.error.en}`);
  } else if (rules.same && rules.parameters.length === 0) {
    out.push(`(b) 现行规则 Today's rules: 一致 same — 对申报数据得出相同结果 give the same result for the filed inputs (规则版本 rules ${rules.rulesVersion.filed}${rules.rulesVersion.now !== rules.rulesVersion.filed ? ` → ${rules.rulesVersion.now}` : ""})`);
  } else {
    out.push(`(b) 现行规则 Today's rules: ${rules.same ? "结果相同 same result" : "有差异 DIFFERENT"} (规则版本 rules ${rules.rulesVersion.filed} → ${rules.rulesVersion.now})`);
    for (const p of rules.parameters) {
      out.push(`  参数 rule ${p.label.zh} ${p.label.en} (${p.name}): ${p.filed} → ${p.now}${p.used ? "" : "（申报计算未用到 not used by the filed calculation）"}`);
      if (p.nowSource && p.nowSource !== p.filedSource) out.push(`      依据 source: ${p.filedSource} → ${p.nowSource}`);
    }
    if (rules.columns.length > 0) {
      out.push(`  按现行规则 under today's rules: 应补（退）payable ${amount(rules.payable.filed)} → ${rules.payable.now === null ? "—" : amount(rules.payable.now)}；申报数不因此改变 the filed figures are not changed by this`);
      out.push(...columnLines(rules.columns));
    }
  }
  out.push("", `结论 Result: ${r.exitCode === 0 ? "一致 all the same" : "有差异 differences"} (exit ${r.exitCode})`);
  return terminalSafe(`${out.join("\n")}\n`);
}

function refuse(io: CliIO, detail: Bilingual): number {
  io.stderr.write(terminalSafe(`levy verify: ${detail.zh}\n  ${detail.en}\n`));
  return EXIT.badInput;
}

export async function runVerify(args: string[], io: CliIO, options: VerifyOptions = {}): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args, { boolean: ["json"] });
  } catch (error) {
    io.stderr.write(`levy verify: ${error instanceof ArgsError ? error.message : String(error)}\n${VERIFY_USAGE}`);
    return EXIT.badInput;
  }
  if (parsed.positional.length < 1 || parsed.positional.length > 2) {
    io.stderr.write(`levy verify: 请指定快照及（可选）工作簿 name a snapshot and, optionally, the workbook\n${VERIFY_USAGE}`);
    return EXIT.badInput;
  }
  const [snapshotFile, workbookFile] = parsed.positional;
  let report: VerifyReport;
  try {
    const snapshot = oneSnapshot(await readSnapshotSource(resolve(io.cwd, snapshotFile), snapshotFile, options.readOptions), snapshotFile);
    report = await verifySnapshot(snapshot, workbookFile === undefined ? null : { path: resolve(io.cwd, workbookFile), shownAs: workbookFile }, options);
  } catch (error) {
    if (error instanceof SnapshotError) return refuse(io, error.detail);
    throw error;
  }
  if (parsed.flags.get("json") === true) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else io.stdout.write(formatVerify(report));
  return report.exitCode;
}
