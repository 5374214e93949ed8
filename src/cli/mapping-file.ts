/**
 * `levy audit --mapping FILE.json` and `--save-mapping FILE.json`: the mapping file (format in
 * src/workbook/mapping-store.ts) read from and written to disk. Writing goes to a temporary file in the same folder,
 * then into place: with --force by rename (atomic replace), without it by a hard link, which fails if the file
 * appeared meanwhile — an existing file is never overwritten unless asked.
 */
import { existsSync } from "node:fs";
import { link, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { AuditResult } from "../validation/analyse-contract";
import { MappingStoreError, fromOptions, isSheetOrigin, parseMappingFile, serializeMappingFile, tableRuleSheet, validateEntries, type LocatedEntry, type MappingEntry } from "../workbook/mapping-store";

export class MappingFileError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh}\n  ${en}`);
    this.name = "MappingFileError";
  }
}

export async function readMappingFile(path: string, shown: string): Promise<LocatedEntry[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new MappingFileError(`无法读取映射文件 ${shown}（${code}）。`, `Cannot read the mapping file ${shown} (${code}).`);
  }
  try {
    return parseMappingFile(text);
  } catch (error) {
    if (error instanceof MappingStoreError) throw new MappingFileError(`映射文件 ${shown}：${error.zh}`, `Mapping file ${shown}: ${error.en}`);
    throw error;
  }
}

/** Refuses early (before any work) when the file exists and --force was not given. */
export function checkSaveTarget(path: string, shown: string, force: boolean): void {
  if (!force && existsSync(path)) {
    throw new MappingFileError(`映射文件 ${shown} 已存在；加 --force 以覆盖。`, `The mapping file ${shown} already exists; add --force to replace it.`);
  }
}

/**
 * What a run used: the options' entries that applied as given (--map, then --mapping), then the rows of each
 * workbook's 残保金映射 sheet, in the order the analysis reports them; table rules first. Duplicates (same key and
 * value from several workbooks) are kept once.
 */
export function usedEntries(options: Readonly<Record<string, string>> | undefined, reports: ReadonlyArray<AuditResult["mapping"] | null>): MappingEntry[] {
  const reported = reports.flatMap((r) => r ?? []);
  let entries: MappingEntry[];
  if (reports.some((r) => Array.isArray(r))) {
    const usedOptions = new Set(reported.filter((m) => m.origin === "option").map((m) => m.key));
    entries = [...fromOptions(options).filter((e) => usedOptions.has(e.key)), ...reported.filter((m) => isSheetOrigin(m.origin)).map((m) => ({ key: m.key, value: m.value }))];
  } else {
    entries = fromOptions(options);
  }
  const seen = new Set<string>();
  const unique = entries.filter((e) => {
    const k = `${e.key}\u0000${e.value}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return [...unique.filter((e) => tableRuleSheet(e.key) !== null), ...unique.filter((e) => tableRuleSheet(e.key) === null)];
}

export async function writeMappingFile(path: string, shown: string, entries: readonly MappingEntry[], force: boolean): Promise<void> {
  // Lines as they will be in the file (entries start on line 5), so a refusal points where the entry would be.
  try {
    validateEntries(entries.map((e, i) => ({ ...e, line: i + 5 })), (e, i) => ({ zh: `第 ${i + 1} 条`, en: `entry ${i + 1}` }));
  } catch (error) {
    if (error instanceof MappingStoreError) throw new MappingFileError(`未写入 ${shown}：${error.zh}`, `${shown} not written: ${error.en}`);
    throw error;
  }
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(temp, serializeMappingFile(entries), { encoding: "utf8", flag: "wx" });
    if (force) await rename(temp, path);
    else await link(temp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    if (code === "EEXIST") throw new MappingFileError(`映射文件 ${shown} 已存在；加 --force 以覆盖。`, `The mapping file ${shown} already exists; add --force to replace it.`);
    throw new MappingFileError(`无法写入映射文件 ${shown}（${code}）。`, `Cannot write the mapping file ${shown} (${code}).`);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}
