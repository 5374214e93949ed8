/**
 * Writing output without harming what the user owns, and text that cannot harm where it goes (issue 9 §2):
 *
 * - `checkOutputPath`: an output path that is one of the inputs (same real path, or the same file through a hard
 *   link) is refused always; an existing file is refused unless `--force`; a folder is refused.
 * - `writeAtomically`: the workbook is written to a temporary file in the same folder and then moved into place, so
 *   an interrupted write never leaves a half-written file under the user's name; without `--force` the final step
 *   refuses to replace a file that appeared meanwhile.
 * - `sanitiseWorkbook`: text XML 1.0 cannot hold (control characters, U+FFFE/U+FFFF, lone surrogates) would make the
 *   written file unreadable by Excel and ExcelJS; such characters become U+FFFD and the caller says so.
 * - `terminalSafe`: cell text printed to a terminal loses escape sequences and control characters, so a cell
 *   cannot clear the screen, retitle the window or reorder text with bidi overrides.
 */
import { existsSync, linkSync, realpathSync, renameSync, statSync, unlinkSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type ExcelJS from "exceljs";
import type { Bilingual } from "../core/rules/types";

/** The output cannot be written where asked (the CLI exits 2 with this message). */
export class OutputRefused extends Error {
  constructor(readonly message_: Bilingual) {
    super(`${message_.zh} ${message_.en}`);
    this.name = "OutputRefused";
  }
}

function sameFile(a: string, b: string): boolean {
  try {
    if (realpathSync(a) === realpathSync(b)) return true;
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/** Refuse an output path that is an input, a folder, or (without `force`) an existing file. */
export function checkOutputPath(out: string, shownAs: string, inputs: readonly string[], force: boolean): void {
  if (!existsSync(out)) return;
  for (const input of inputs) {
    if (sameFile(out, input)) {
      throw new OutputRefused({
        zh: `输出文件“${shownAs}”就是要审核的工作簿之一，写入会覆盖客户的原始文件，已拒绝（--force 也不允许）。请另选输出文件名。`,
        en: `The output file "${shownAs}" is one of the workbooks being audited; writing it would replace the client's original, so it is refused (even with --force). Choose another output name.`,
      });
    }
  }
  if (statSync(out).isDirectory()) {
    throw new OutputRefused({ zh: `输出路径“${shownAs}”是一个文件夹，请指定文件名。`, en: `The output path "${shownAs}" is a folder; name a file.` });
  }
  if (!force) {
    throw new OutputRefused({
      zh: `输出文件“${shownAs}”已存在，未覆盖。如确需替换，请加 --force，或另选文件名。`,
      en: `The output file "${shownAs}" already exists and was not overwritten. Add --force to replace it, or choose another name.`,
    });
  }
}

/**
 * Write through `write(tempPath)` to a temporary file beside `path`, then move it into place. Without `force` the
 * move refuses to replace a file (link + unlink fails with EEXIST if one appeared since the check).
 */
export async function writeAtomically(path: string, force: boolean, write: (tempPath: string) => Promise<void>): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  // Ctrl-C while writing: remove the temporary file, then let the signal end the process as it would have.
  const onSignal = (signal: NodeJS.Signals) => {
    try {
      unlinkSync(temp);
    } catch {
      // not created yet
    }
    process.kill(process.pid, signal);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    await write(temp);
    if (force) renameSync(temp, path);
    else {
      linkSync(temp, path);
      unlinkSync(temp);
    }
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // never created, or already moved
    }
    throw error;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

/** Characters XML 1.0 cannot hold (§2.2), including lone surrogates. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text with every character XML 1.0 forbids replaced by U+FFFD, and how many were replaced. */
export function xmlSafe(text: string): { text: string; replaced: number } {
  let replaced = 0;
  const out = text.replace(NOT_XML, () => {
    replaced++;
    return "\ufffd";
  });
  return { text: out, replaced };
}

/** Make every text cell of a workbook writable as XML; returns the number of cells changed. */
export function sanitiseWorkbook(wb: ExcelJS.Workbook): number {
  let cells = 0;
  wb.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value;
        if (typeof v === "string") {
          const safe = xmlSafe(v);
          if (safe.replaced > 0) {
            cell.value = safe.text;
            cells++;
          }
        } else if (v && typeof v === "object" && "richText" in v) {
          let changed = false;
          const runs = v.richText.map((r) => {
            const safe = xmlSafe(r.text);
            if (safe.replaced > 0) changed = true;
            return { ...r, text: safe.text };
          });
          if (changed) {
            cell.value = { richText: runs };
            cells++;
          }
        }
      });
    });
  });
  return cells;
}

/**
 * Text for a terminal: ANSI/VT escape sequences (CSI, OSC, and other ESC sequences) removed, other control
 * characters (C0 except tab and newline, DEL, C1) and bidirectional overrides removed.
 */
export function terminalSafe(text: string): string {
  return text
    .replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, "")
    .replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g, "")
    .replace(/\u001b[ -/]*[0-~]?/g, "")
    .replace(/\u009b[0-?]*[ -/]*[@-~]/g, "")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "");
}
