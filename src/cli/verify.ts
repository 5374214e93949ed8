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
import type { EntityAudit } from "../batch/entity-audit";
import { checkGroupIntegrity, entityKey, matchEntities, snapshotKey, snapshotLabel } from "../snapshot/group";
import type { EntityKey, GroupEntityCheck, GroupVerifyReport } from "../snapshot/group";
import { padEndDisplay } from "./format";
import { EXIT } from "./io";
import type { CliIO } from "./io";
import { terminalSafe } from "./safe-output";
import { filedSnapshots, readSnapshotSource } from "./snapshot-io";
import type { Filed } from "./snapshot-io";
import type { ReadOptions } from "./xlsx-reader";

export const VERIFY_USAGE = `levy verify SNAPSHOT.json|WORKING-PAPER.xlsx [WORKBOOK.xlsx] [--json]
  核对申报快照 re-check a filed snapshot (written by levy audit --snapshot or --out):
  (a) 工作簿是否仍得出申报结果 does the workbook still give the filed result? (which tables/rows, columns 4–12, amounts)
  (b) 按现行规则是否会得出不同结果 would today's rules give a different result for the filed inputs?
  集团工作簿 group workbook: 按统一社会信用代码（其次单位名称）逐个单位核对；任一方缺少的单位均为差异
    each entity is paired by credit code (else name) and verified; an entity on one side only is a difference
  --json                 一个 JSON 对象 print one JSON object
  退出码 exit: 0 一致 all the same, 1 有差异 differences, 2 无法读取 unreadable
`;

export interface VerifyOptions {
  /** A rule book other than the built-in one (tests inject a changed profile). */
  profiles?: readonly RegionProfile[];
  readOptions?: ReadOptions;
}

const GROUP_WORKBOOK = (shownAs: string) => ({
  zh: `“${shownAs}”含有多个单位（集团工作簿）：请用 verifyFiled 按单位核对（levy verify 会自动这样做）。`,
  en: `"${shownAs}" holds several entities (a group workbook): verify it per entity with verifyFiled (levy verify does).`,
});

function analyseOptionsOf(snapshot: Snapshot): AnalyseOptions {
  const o = snapshot.source?.options ?? {};
  return {
    ...(o.region ? { region: o.region } : {}),
    ...(o.filingYear ? { filingYear: o.filingYear } : {}),
    ...(o.entityType ? { entityType: o.entityType } : {}),
    ...(o.mapping ? { mapping: { ...o.mapping } } : {}),
  };
}

/** The workbook as it stands, split into its entities; an unreadable file or an unsure split is refused (exit 2). */
async function workbookEntities(snapshot: Snapshot, workbook: { path: string; shownAs: string }, options: VerifyOptions): Promise<EntityAudit[]> {
  const entries = await auditFileEntities(workbook.path, workbook.shownAs, analyseOptionsOf(snapshot), options.readOptions ?? {});
  const unsure = entries[0]?.audit.findings?.find((f) => f.code === SPLIT_UNSURE);
  if (unsure) throw new SnapshotError({ zh: `“${workbook.shownAs}”无法按单位拆分：${unsure.message.zh}`, en: `"${workbook.shownAs}" cannot be split into its entities: ${unsure.message.en}` });
  for (const { audit, result, sheets } of entries) {
    if (!result || !sheets) throw new SnapshotError(audit.error ?? { zh: "工作簿无法读取。", en: "The workbook cannot be read." });
  }
  return entries;
}

function isGroupWorkbook(entries: readonly EntityAudit[]): boolean {
  return entries.length > 1 || entries[0]?.audit.entity !== undefined;
}

function checkEntity(snapshot: Snapshot, shownAs: string, entry: EntityAudit | null, options: VerifyOptions): VerifyReport {
  const integrity = checkIntegrity(snapshot);
  const rules = checkRules(snapshot, options.profiles);
  const workbookCheck = entry && entry.result && entry.sheets ? checkWorkbook(snapshot, shownAs, entry.result, tableDigests(entry.sheets, entry.result.tables ?? [])) : null;
  return verifyReport(snapshot, workbookCheck, rules, integrity);
}

/** Verify one entity's snapshot against a one-entity workbook (optional) and today's rules. Throws SnapshotError when the workbook is unreadable or a group. */
export async function verifySnapshot(snapshot: Snapshot, workbook: { path: string; shownAs: string } | null, options: VerifyOptions = {}): Promise<VerifyReport> {
  if (!workbook) return checkEntity(snapshot, "", null, options);
  const entries = await workbookEntities(snapshot, workbook, options);
  if (isGroupWorkbook(entries)) throw new SnapshotError(GROUP_WORKBOOK(workbook.shownAs));
  return checkEntity(snapshot, workbook.shownAs, entries[0], options);
}

/**
 * Verify what was filed — one entity's snapshot or a group's — against the workbook (optional) and today's rules.
 * One entity against a one-entity workbook: the report it always was. Otherwise (a group on either side) the
 * entities are paired by credit code, then name, and each pair verified on its own; an entity on one side only is a
 * difference (exit 1), never ignored.
 */
export async function verifyFiled(filed: Filed, workbook: { path: string; shownAs: string } | null, options: VerifyOptions = {}): Promise<VerifyReport | GroupVerifyReport> {
  const snapshots = filed.kind === "single" ? [filed.snapshot] : filed.snapshots;
  const entries = workbook ? await workbookEntities(snapshots[0], workbook, options) : null;
  if (filed.kind === "single" && !filed.snapshot.entity && (!entries || !isGroupWorkbook(entries))) {
    return checkEntity(filed.snapshot, workbook?.shownAs ?? "", entries?.[0] ?? null, options);
  }
  const integrity = filed.kind === "group" && filed.group ? checkGroupIntegrity(filed.group) : { ok: true, problems: [] };
  const report: GroupVerifyReport = {
    kind: "group",
    snapshot: { file: snapshots[0].source?.file ?? "", createdAt: filed.kind === "group" && filed.group ? filed.group.createdAt : snapshots[0].createdAt, entities: snapshots.length },
    integrity,
    workbook: workbook && entries ? { file: workbook.shownAs, entities: entries.length } : null,
    entities: [],
    exitCode: 0,
  };
  const pushed = (e: GroupEntityCheck) => report.entities.push(e);
  if (!entries) {
    for (const s of snapshots) {
      const r = checkEntity(s, "", null, options);
      pushed({ ...snapshotLabel(s), status: r.exitCode === 0 ? "same" : "different", report: r });
    }
  } else {
    const match = matchEntities(snapshots, entries, snapshotKey, workbookKey);
    const rows: Array<{ order: number; check: GroupEntityCheck }> = [];
    for (const p of match.pairs) {
      const r = checkEntity(p.left, workbook!.shownAs, p.right, options);
      rows.push({ order: snapshots.indexOf(p.left), check: { ...snapshotLabel(p.left), matchedBy: p.via, status: r.exitCode === 0 ? "same" : "different", report: r } });
    }
    for (const s of match.leftOnly) {
      const r = checkEntity(s, "", null, options);
      rows.push({
        order: snapshots.indexOf(s),
        check: {
          ...snapshotLabel(s),
          status: "missing-in-workbook",
          message: { zh: "已申报的此单位在工作簿中找不到（按统一社会信用代码，其次按单位名称）。", en: "This filed entity is not in the workbook (by credit code, else by name)." },
          report: r,
        },
      });
    }
    for (const e of match.rightOnly) {
      rows.push({
        order: snapshots.length + entries.indexOf(e),
        check: {
          ...workbookLabel(e),
          status: "missing-in-snapshot",
          message: { zh: "工作簿中的此单位不在快照中：未随本次申报记录（或名称、信用代码已改）。", en: "This entity of the workbook is not in the snapshot: it was not recorded with the filing (or its name or credit code changed)." },
        },
      });
    }
    rows.sort((a, b) => a.order - b.order);
    for (const r of rows) pushed(r.check);
  }
  report.exitCode = !integrity.ok || report.entities.some((e) => e.status !== "same") ? 1 : 0;
  return report;
}

function workbookKey(e: EntityAudit): EntityKey {
  return entityKey([e.audit.entity?.uscc, e.result?.parameters?.uscc], [e.audit.entity?.name, e.result?.parameters?.employerName]);
}

function workbookLabel(e: EntityAudit): { name: string | null; uscc: string | null } {
  return { name: e.audit.entity?.name ?? e.result?.parameters?.employerName ?? null, uscc: e.audit.entity?.uscc ?? e.result?.parameters?.uscc ?? null };
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

const GROUP_STATUS: Record<GroupEntityCheck["status"], string> = {
  same: "一致 same",
  different: "有差异 DIFFERENT",
  "missing-in-workbook": "工作簿中没有 MISSING from the workbook",
  "missing-in-snapshot": "快照中没有 MISSING from the snapshot",
};

/** A group's verify report: a line per entity, then each entity's own report (as for one entity). */
export function formatGroupVerify(r: GroupVerifyReport): string {
  const who = (e: { name: string | null; uscc: string | null }) => `${e.name ?? "?"}${e.uscc ? ` (${e.uscc})` : ""}`;
  const out: string[] = [
    `══ 集团申报快照核对 Group snapshot check: ${r.snapshot.entities} 个单位 entities filed${r.workbook ? `, 工作簿 workbook ${r.workbook.file}: ${r.workbook.entities} 个单位 entities` : ""} ══`,
  ];
  if (!r.integrity.ok) for (const p of r.integrity.problems) out.push(`  ${p.zh}`, `  ${p.en}`);
  for (const e of r.entities) out.push(`  ${padEndDisplay(who(e), 44)} ${GROUP_STATUS[e.status]}${e.matchedBy ? `（按 by ${e.matchedBy === "uscc" ? "信用代码 credit code" : "名称 name"}）` : ""}`);
  let text = terminalSafe(`${out.join("\n")}\n`);
  r.entities.forEach((e, i) => {
    text += terminalSafe(`\n── 单位 entity ${i + 1}/${r.entities.length}: ${who(e)} ──\n`);
    if (e.message) text += terminalSafe(`${GROUP_STATUS[e.status]}: ${e.message.zh}\n  ${e.message.en}\n`);
    if (e.report && e.status !== "missing-in-workbook") text += formatVerify(e.report);
  });
  text += `\n结论 Result (集团 group): ${r.exitCode === 0 ? "一致 all the same" : "有差异 differences"} (exit ${r.exitCode})\n`;
  return text;
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
  let report: VerifyReport | GroupVerifyReport;
  try {
    const filed = filedSnapshots(await readSnapshotSource(resolve(io.cwd, snapshotFile), snapshotFile, options.readOptions), snapshotFile);
    report = await verifyFiled(filed, workbookFile === undefined ? null : { path: resolve(io.cwd, workbookFile), shownAs: workbookFile }, options);
  } catch (error) {
    if (error instanceof SnapshotError) return refuse(io, error.detail);
    throw error;
  }
  if (parsed.flags.get("json") === true) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else io.stdout.write("kind" in report ? formatGroupVerify(report) : formatVerify(report));
  return report.exitCode;
}
