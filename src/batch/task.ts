/**
 * One unit of a batch: one file, audited (and split into entities), each entity's working paper written beside the
 * consolidated summary. It runs the same in a worker thread (worker.ts) and in-process (pool.ts with one job), and
 * returns only plain data (FileAudit is JSON): the full model results never cross a thread, the papers are written
 * where the results are.
 */
import { join } from "node:path";
import type { AnalyseOptions } from "../validation/analyse-contract";
import type { FileAudit } from "../cli/audit";
import { checkOutputPath, OutputRefused, writeAtomically } from "../cli/safe-output";
import { snapshotOf } from "../cli/snapshot-io";
import { writeWorkingPaper } from "../cli/working-paper";
import type { ReadOptions } from "../cli/xlsx-reader";
import type { Bilingual } from "../core/rules/types";
import { auditFileEntities } from "./entity-audit";
import type { EntityInfo } from "./entity-audit";

export interface BatchTask {
  /** Position in the sorted input list: results come back in this order whatever finishes first. */
  index: number;
  path: string;
  displayName: string;
  options: AnalyseOptions;
  readOptions: ReadOptions;
  /** Where to write the working papers (absent: none), the file's name stem there, and what may not be replaced. */
  papers?: { dir: string; base: string; inputs: string[]; force: boolean };
}

export interface BatchEntry {
  audit: FileAudit & { entity?: EntityInfo };
  /** 单位名称 / 统一社会信用代码 as the entity's parameter block (or the split) gives them. */
  employer: { name: string | null; uscc: string | null };
  /** The working paper written for this entity (absolute path), or why it was not. */
  paper?: string;
  paperError?: Bilingual;
}

export interface BatchTaskResult {
  index: number;
  entries: BatchEntry[];
}

/** A file name made of an entity's name: no path separators or characters Windows refuses, at most 60 characters. */
export function safeFileName(text: string): string {
  const cleaned = text
    .normalize("NFKC")
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, "_")
    .replace(/^[.\s]+|[.\s]+$/g, "")
    .slice(0, 60);
  return cleaned === "" ? "_" : cleaned;
}

export async function runBatchTask(task: BatchTask): Promise<BatchTaskResult> {
  const audits = await auditFileEntities(task.path, task.displayName, task.options, task.readOptions);
  const entries: BatchEntry[] = [];
  const used = new Set<string>();
  for (const { audit, result, sheets } of audits) {
    const name = audit.entity?.name ?? result?.parameters?.employerName ?? null;
    const uscc = audit.entity?.uscc ?? result?.parameters?.uscc ?? null;
    const entry: BatchEntry = { audit, employer: { name, uscc } };
    entries.push(entry);
    if (!task.papers || !result || !audit.calculation) continue;
    let stem = task.papers.base;
    if (audit.entity) stem += `-${safeFileName(audit.entity.name ?? audit.entity.uscc ?? String(audit.entity.index))}`;
    if (used.has(stem)) stem += `-${audit.entity?.index ?? entries.length}`;
    used.add(stem);
    const path = join(task.papers.dir, `${stem}.xlsx`);
    try {
      checkOutputPath(path, path, task.papers.inputs, task.papers.force);
      // The filed snapshot (hidden sheet, issue 10 §3) as `levy audit FILE --out` writes it; not for one entity of a
      // group workbook, which `levy verify` could not re-derive from the whole file.
      const snapshot = audit.entity ? null : snapshotOf(task.displayName, result, sheets, task.options);
      await writeAtomically(path, task.papers.force, (temp) => writeWorkingPaper(temp, { files: [audit], results: [result], snapshots: [snapshot] }));
      entry.paper = path;
    } catch (error) {
      entry.paperError =
        error instanceof OutputRefused
          ? error.message_
          : { zh: `无法写入底稿：${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, en: `Cannot write the working paper: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
    }
  }
  return { index: task.index, entries };
}
