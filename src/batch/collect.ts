/**
 * The files of a batch: the command line's files as given, and each folder's spreadsheets (not its subfolders).
 * Sorted by path (code-point order, not locale: the same order on every machine) and without duplicates. What is
 * left out of a folder is listed with the reason, never dropped silently.
 */
import { readdirSync, realpathSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Bilingual } from "../core/rules/types";

export interface BatchInput {
  /** Absolute path. */
  path: string;
  /** As shown to the user: relative to the working folder when given that way. */
  displayName: string;
}

export interface CollectedInputs {
  files: BatchInput[];
  ignored: Array<{ file: string; reason: Bilingual }>;
  /** Any folder named on the command line. */
  hasDirectory: boolean;
}

const SPREADSHEET = /\.(xlsx|xlsm|xltx|xltm|xls|et|csv)$/i;

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Expand the positional arguments; `skip` are real paths never to read (the summary being written). */
export function collectInputs(args: readonly string[], cwd: string, skip: readonly string[] = []): CollectedInputs {
  const out: CollectedInputs = { files: [], ignored: [], hasDirectory: false };
  const seen = new Set<string>(skip.map(realOrSelf));
  const add = (path: string, displayName: string) => {
    const real = realOrSelf(path);
    if (seen.has(real)) return;
    seen.add(real);
    out.files.push({ path, displayName });
  };
  for (const arg of args) {
    const path = resolve(cwd, arg);
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      // missing: the reader reports it
    }
    if (!isDir) {
      add(path, arg);
      continue;
    }
    out.hasDirectory = true;
    for (const name of readdirSync(path).sort()) {
      const full = join(path, name);
      const shown = join(arg, name);
      if (name.startsWith(".") || name.startsWith("~$")) {
        out.ignored.push({ file: shown, reason: { zh: "隐藏文件或 Excel 临时锁文件", en: "a hidden file or an Excel lock file" } });
        continue;
      }
      let dir = false;
      try {
        dir = statSync(full).isDirectory();
      } catch {
        // a dangling link: report it as a file
      }
      if (dir) {
        out.ignored.push({ file: shown, reason: { zh: "子文件夹（不递归读取；需要时请单独列出）", en: "a subfolder (not searched; name it separately if needed)" } });
      } else if (!SPREADSHEET.test(name)) {
        out.ignored.push({ file: shown, reason: { zh: "不是电子表格文件", en: "not a spreadsheet file" } });
      } else {
        add(full, shown);
      }
    }
  }
  out.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return out;
}
