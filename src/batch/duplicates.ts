/**
 * The same filing twice in one batch (issue 10 §4): a folder of client workbooks easily holds a file and its copy
 * ("A.xlsx", "A - 副本.xlsx"), or two versions of one client's workbook. Neither may be summed twice.
 *
 * - Byte-identical files (SHA-256 of the bytes): only the first (in the batch's path order) is audited; each later
 *   copy is a row of its own with the warning BATCH_DUPLICATE_FILE naming the first, no figures, and is not counted
 *   in the totals.
 * - Different files giving the same entity (统一社会信用代码 and data year): every one of them keeps its row and its
 *   figures, and each gets the error BATCH_SAME_ENTITY naming all the files — a firm must not file twice, and which
 *   version is right is for the user to say.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { countFindings, unusable } from "../cli/audit";
import type { FileAudit } from "../cli/audit";
import { EXIT } from "../cli/io";
import type { Finding } from "../validation/types";
import type { BatchEntry } from "./task";

export const BATCH_DUPLICATE_FILE = "BATCH_DUPLICATE_FILE";
export const BATCH_SAME_ENTITY = "BATCH_SAME_ENTITY";

/** SHA-256 of a file's bytes, streamed; null when it cannot be read (the audit then reports why). */
export function hashFile(path: string): Promise<string | null> {
  return new Promise((resolveHash) => {
    const hash = createHash("sha256");
    const stream = createReadStream(path);
    stream.on("data", (chunk) => hash.update(chunk));
    stream.on("error", () => resolveHash(null));
    stream.on("end", () => resolveHash(hash.digest("hex")));
  });
}

/** For each file, the index of the earlier file with the same bytes, or -1. */
export async function duplicateOf(paths: readonly string[]): Promise<number[]> {
  const first = new Map<string, number>();
  const out: number[] = [];
  for (let i = 0; i < paths.length; i++) {
    const h = await hashFile(paths[i]);
    if (h === null) {
      out.push(-1);
      continue;
    }
    const seen = first.get(h);
    if (seen === undefined) first.set(h, i);
    out.push(seen ?? -1);
  }
  return out;
}

/** The row of a byte-identical copy: not audited, no figures, a warning naming the file it copies. */
export function duplicateEntry(file: string, original: string): BatchEntry {
  const finding: Finding = {
    code: BATCH_DUPLICATE_FILE,
    severity: "warning",
    message: {
      zh: `“${file}”与“${original}”内容完全相同（逐字节一致）：按重复文件处理，未重复审核，也未计入合计。`,
      en: `"${file}" is byte-for-byte identical to "${original}": treated as a duplicate, not audited again and not added into the totals.`,
    },
    cells: [],
    rows: 0,
    suggestion: {
      zh: "从文件夹中删除多余的副本；如两者本应是不同单位的工作簿，请检查是否复制错了文件。",
      en: "Remove the extra copy from the folder; if the two should be different clients' workbooks, check which file was copied by mistake.",
    },
    source: "",
  };
  const audit: FileAudit = {
    ...unusable(file, finding.message, [finding]),
    exitCode: EXIT.ok,
    duplicateOf: original,
  };
  delete audit.error;
  return { audit, employer: { name: null, uscc: null } };
}

function sameEntityFinding(uscc: string, dataYear: number, files: readonly string[]): Finding {
  return {
    code: BATCH_SAME_ENTITY,
    severity: "error",
    message: {
      zh: `同一单位（统一社会信用代码 ${uscc}，数据年度 ${dataYear}）出现在 ${files.length} 个不同的文件中：${files.join("、")}。同一单位同一年度只能申报一次，以上各行都已保留并计入合计，请确认以哪个文件为准。`,
      en: `One entity (USCC ${uscc}, data year ${dataYear}) comes from ${files.length} different files: ${files.join(", ")}. An entity files once a year; every one of these rows is kept (and in the totals) — say which file is the filing.`,
    },
    cells: [],
    rows: 0,
    suggestion: {
      zh: "保留正确的一个文件，删除或移走其他版本后重新批量审核。",
      en: "Keep the right file, remove or move the other versions, and run the batch again.",
    },
    source: "",
  };
}

/**
 * Flag entries that are the same entity (credit code and data year) from different files: each gets the error
 * finding naming all the files, and its exit code becomes at least 1. Entries are changed in place.
 */
export function flagSameEntity(entries: readonly BatchEntry[]): void {
  const groups = new Map<string, BatchEntry[]>();
  for (const e of entries) {
    const uscc = (e.employer.uscc ?? "").normalize("NFKC").replace(/\s+/g, "").toUpperCase();
    const year = e.audit.calculation?.dataYear;
    if (!uscc || year === undefined || year === null) continue;
    const key = `${uscc}\u0000${year}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  for (const list of groups.values()) {
    const files = [...new Set(list.map((e) => e.audit.file))];
    if (files.length < 2) continue;
    const uscc = list[0].employer.uscc ?? "";
    const year = list[0].audit.calculation!.dataYear;
    const shown = list.map((e) => (e.audit.entity ? `${e.audit.file}（单位 entity ${e.audit.entity.index}/${e.audit.entity.of}）` : e.audit.file));
    for (const e of list) {
      e.audit.findings.push(sameEntityFinding(uscc, year, [...new Set(shown)]));
      e.audit.counts = countFindings(e.audit.findings);
      if (e.audit.exitCode < EXIT.findings) e.audit.exitCode = EXIT.findings;
    }
  }
}
