/**
 * The audit of one file as a list of entities (issue 10 §4): an ordinary workbook is one entity, audited exactly as
 * `levy audit FILE` always did (the same FileAudit); a group workbook is split by src/workbook/entities.ts and each
 * entity is audited on its own sheet set, under its own parameter block and region; a split that is unsure refuses
 * the file (exit 2, finding ENTITY_SPLIT_UNSURE naming the sheets) rather than mixing entities. Never throws.
 */
import type { AnalyseOptions, AuditResult } from "../validation/analyse-contract";
import type { Finding } from "../validation/types";
import type { SheetData } from "../workbook/types";
import { splitEntities } from "../workbook/entities";
import type { EntityPart } from "../workbook/entities";
import { auditRead, unusable } from "../cli/audit";
import type { FileAudit } from "../cli/audit";
import { readXlsx, XlsxReadError } from "../cli/xlsx-reader";
import type { ReadOptions, WorkbookRead } from "../cli/xlsx-reader";

/** Which entity of a group workbook a FileAudit is (added to the `--json` file entry; absent for ordinary files). */
export interface EntityInfo {
  /** 1-based, in the workbook's order. */
  index: number;
  /** How many entities the workbook holds. */
  of: number;
  name: string | null;
  uscc: string | null;
  /** Told apart by a 单位名称/信用代码 column ("column") or by sheet names and labels ("sheets"). */
  via: EntityPart["via"];
  /** The sheets belonging to this entity alone. */
  sheets: string[];
}

export interface EntityAudit {
  audit: FileAudit & { entity?: EntityInfo };
  result: AuditResult | null;
  /** The sheets analysed (the entity's sheet set), for the filed snapshot (issue 10 §3). */
  sheets?: SheetData[];
}

export const SPLIT_UNSURE = "ENTITY_SPLIT_UNSURE";

function splitFinding(reason: { zh: string; en: string }, cells: Finding["cells"]): Finding {
  return {
    code: SPLIT_UNSURE,
    severity: "error",
    message: reason,
    cells,
    rows: 0,
    suggestion: {
      zh: "每个单位用“单位名称-表名”命名工作表（如“A公司-花名册”），或在各表上方写明单位名称/统一社会信用代码，或按单位拆分为多个文件。",
      en: 'Name each entity\'s sheets "Entity-Sheet" (e.g. "A公司-花名册"), write 单位名称 / 统一社会信用代码 above each table, or split the workbook into one file per entity.',
    },
    source: "levy audit（按单位拆分 entity split）",
  };
}

/** Audit a workbook already read: one entry per entity. */
export async function auditReadEntities(read: WorkbookRead, displayName: string, options: AnalyseOptions): Promise<EntityAudit[]> {
  const split = splitEntities(read.sheets);
  if (split.kind === "single") return [await auditRead(read, displayName, options)];
  if (split.kind === "unsure") {
    return [{ audit: unusable(displayName, split.reason, [splitFinding(split.reason, split.cells)]), result: null }];
  }
  const out: EntityAudit[] = [];
  for (const e of split.entities) {
    const { audit, result, sheets } = await auditRead({ ...read, sheets: e.sheets }, displayName, options);
    const entity: EntityInfo = { index: e.index, of: split.entities.length, name: e.name, uscc: e.uscc, via: e.via, sheets: e.ownSheets };
    out.push({ audit: { ...audit, entity }, result, ...(sheets ? { sheets } : {}) });
  }
  return out;
}

/** Read and audit one file: one entry per entity; an unreadable file is one unusable entry with the reason. */
export async function auditFileEntities(path: string, displayName: string, options: AnalyseOptions, readOptions: ReadOptions = {}): Promise<EntityAudit[]> {
  let read: WorkbookRead;
  try {
    read = await readXlsx(path, readOptions);
  } catch (error) {
    if (error instanceof XlsxReadError) return [{ audit: unusable(displayName, { zh: error.zh, en: error.en }), result: null }];
    return [{ audit: unusable(displayName, { zh: `读取失败：${(error as Error).message}`, en: `Reading failed: ${(error as Error).message}` }), result: null }];
  }
  try {
    return await auditReadEntities(read, displayName, options);
  } catch (error) {
    return [{ audit: unusable(displayName, { zh: `分析失败：${(error as Error).message}`, en: `Analysis failed: ${(error as Error).message}` }), result: null }];
  }
}
