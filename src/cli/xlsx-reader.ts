/**
 * Read an .xlsx file into the workbook model's input: `SheetData[]` (plain 2-D arrays, their sheet name and origin).
 *
 * ExcelJS's streaming WorkbookReader does the unzipping and the ordering of zip entries (it parks worksheets in temp
 * files when the shared strings come later in the zip, as Excel writes them). Everything that is decoded is decoded
 * here, because the stock reader has gaps that matter for Chinese workbooks and for auditing:
 *
 * - It decodes each zip chunk to text on its own, so a Chinese character split across two chunks becomes "��"
 *   (ExcelJS 4.4.0, `utils/browser-buffer-decode.js`; exceljs/exceljs#2063, #2084, open PR #1665); reproducible with
 *   20k CJK shared strings (test/cli/xlsx-reader.test.ts). Here every XML part is decoded with a streaming UTF-8
 *   decoder.
 * - Shared formulas reach its callers as an empty formula text; here they are translated from their master cell.
 * - Inline rich text keeps only the last run, phonetic runs (<rPh>) replace the text, `_x000D_` escapes stay, and a
 *   formula's cached boolean or error result comes back as a number; all handled here.
 * - It builds a Row and a Cell object with a style model per cell, after a general SAX parser (saxes) has built a node
 *   and an attribute object per tag; here xml-scanner.ts finds tags with indexOf and reads only the attributes
 *   needed, and a cell becomes one array slot. That is what keeps 100k-employee workbooks fast and small.
 *
 * Values follow the model's contract (src/workbook/types.ts): string | number | boolean | Date (UTC midnight, as
 * ExcelJS gives) | {error} | null. Formulas are kept as Office.js shows them ("=SUM(A1:A3)", `_xlfn.` prefixes removed,
 * a custom function stored as `_xldudf_LEVY_DUE(` shown as `LEVY.DUE(`), with the cached result as the value, or null
 * when the file holds no cached result. Number formats are recorded where they change a value's meaning (dates, text
 * "@", percentages); money formats are not kept. Rows are ragged: trailing empty cells are omitted and a row with no
 * cells is []; read a missing cell as null.
 *
 * Untrusted files: the zip's central directory is checked before anything is inflated (not a zip, a legacy .xls or an
 * encrypted workbook, a truncated file, a zip bomb → a clear bilingual XlsxReadError); the number of cells kept is
 * capped (`maxCells`) so a sheet with millions of rows cannot exhaust memory: the rest of the sheet is skipped and a
 * note says so. No object is ever keyed by text from the file, so a header named `__proto__` is just a string.
 */
import { closeSync, openSync, readSync, fstatSync } from "node:fs";
import { createRequire } from "node:module";
import { StringDecoder } from "node:string_decoder";
import ExcelJS from "exceljs";
import type { Bilingual } from "../core/rules/types";
import type { CellValue, SheetData } from "../workbook/types";
import { XmlScanner } from "./xml-scanner";
import type { XmlHandler, XmlTag } from "./xml-scanner";
import { columnLetters as columnLettersFrom0 } from "../workbook/address";


export type XlsxErrorCode = "NOT_FOUND" | "UNREADABLE" | "EMPTY_FILE" | "NOT_ZIP" | "TEXT_FILE" | "LEGACY_OR_ENCRYPTED" | "TRUNCATED" | "NOT_XLSX" | "ENCRYPTED" | "TOO_LARGE" | "CORRUPT";

/** The file cannot be read as a workbook at all (the CLI exits 2 with this message). */
export class XlsxReadError extends Error {
  readonly code: XlsxErrorCode;
  readonly zh: string;
  readonly en: string;
  constructor(code: XlsxErrorCode, message: Bilingual) {
    super(`${message.en} / ${message.zh}`);
    this.name = "XlsxReadError";
    this.code = code;
    this.zh = message.zh;
    this.en = message.en;
  }
}

/** Something the reader had to do that the audit must report (a truncated sheet, an unreadable part). */
export interface ReaderNote {
  code: "READ_TRUNCATED" | "READ_SHEET_FAILED";
  sheet: string;
  /** First row (1-based) not read, for READ_TRUNCATED. */
  row?: number;
  message: Bilingual;
}

export interface ReadOptions {
  /**
   * Slots kept in memory, all sheets together: every cell up to the last one of its row (gaps count) plus one per
   * row. Default 16 million (LEVY_MAX_CELLS overrides); 100k employees with 12 months of payroll need about 8.4
   * million, so the default leaves room.
   */
  maxCells?: number;
}

export interface WorkbookRead {
  sheets: SheetData[];
  notes: ReaderNote[];
  /** Cell slots kept. */
  cells: number;
  date1904: boolean;
}

export const DEFAULT_MAX_CELLS = 16_000_000;
const EXCEL_MAX_ROWS = 1_048_576;
const EXCEL_MAX_COLUMNS = 16_384;

/* ---------------------------------------------------------------------------------------------------------------
 * Before inflating anything: is this a zip, is it an xlsx, is it plausible in size?
 * ------------------------------------------------------------------------------------------------------------- */

const LIMITS = {
  /** Sum of uncompressed sizes. Our 100k-employee bench file is about 0.6 GB of XML. */
  totalUncompressed: 4 * 1024 ** 3,
  /** An entry that inflates more than this ratio and to more than `ratioFloor` bytes is a zip bomb. */
  ratio: 500,
  ratioFloor: 64 * 1024 ** 2,
  centralDirectory: 32 * 1024 ** 2,
};

interface ZipEntryInfo {
  name: string;
  compressed: number;
  uncompressed: number;
  flags: number;
}

/** Read the zip's central directory (a few kilobytes at the end of the file) and refuse what cannot be an xlsx. */
export function inspectXlsx(path: string): ZipEntryInfo[] {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new XlsxReadError("NOT_FOUND", { zh: "文件不存在。", en: "The file does not exist." });
    if (code === "EISDIR") throw new XlsxReadError("UNREADABLE", { zh: "这是一个文件夹，不是工作簿文件。", en: "This is a folder, not a workbook file." });
    throw new XlsxReadError("UNREADABLE", { zh: `无法打开文件（${code ?? "错误"}）。`, en: `The file cannot be opened (${code ?? String(error)}).` });
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new XlsxReadError("UNREADABLE", { zh: "这是一个文件夹，不是工作簿文件。", en: "This is a folder, not a workbook file." });
    const size = stat.size;
    if (size === 0) throw new XlsxReadError("EMPTY_FILE", { zh: "文件是空的（0 字节）。", en: "The file is empty (0 bytes)." });
    const head = Buffer.alloc(Math.min(size, 512));
    readSync(fd, head, 0, head.length, 0);
    if (head.length >= 8 && head.readUInt32BE(0) === 0xd0cf11e0 && head.readUInt32BE(4) === 0xa1b11ae1) {
      throw new XlsxReadError("LEGACY_OR_ENCRYPTED", {
        zh: "这是旧版 Excel 97-2003（.xls）文件或加密（设有打开密码）的工作簿。请在 Excel 中取消密码，另存为 .xlsx 后再审核。",
        en: "This is a legacy Excel 97-2003 (.xls) file or a password-protected workbook. Remove the password and save it as .xlsx, then audit it again.",
      });
    }
    if (head.length < 4 || head.readUInt32LE(0) !== 0x04034b50) {
      if (looksLikeText(head)) {
        throw new XlsxReadError("TEXT_FILE", {
          zh: "这是一个文本文件（如 CSV），不是 .xlsx 工作簿。请在 Excel 中打开并另存为 .xlsx。",
          en: "This is a text file (CSV or similar), not an .xlsx workbook. Open it in Excel and save it as .xlsx.",
        });
      }
      throw new XlsxReadError("NOT_ZIP", { zh: "这不是 .xlsx 工作簿（文件格式无法识别）。", en: "This is not an .xlsx workbook (unrecognised file format)." });
    }
    const entries = readCentralDirectory(fd, size);
    const names = new Set(entries.map((e) => e.name));
    if (!names.has("xl/workbook.xml")) {
      const hint = names.has("word/document.xml") ? { zh: "（这是 Word 文档）", en: " (it is a Word document)" } : names.has("ppt/presentation.xml") ? { zh: "（这是 PowerPoint 文件）", en: " (it is a PowerPoint file)" } : { zh: "", en: "" };
      throw new XlsxReadError("NOT_XLSX", { zh: `这是 zip 压缩文件，但不是 Excel 工作簿${hint.zh}。`, en: `This is a zip archive but not an Excel workbook${hint.en}.` });
    }
    if (entries.some((e) => (e.flags & 1) === 1)) {
      throw new XlsxReadError("ENCRYPTED", { zh: "工作簿的部分内容已加密，无法读取。", en: "Parts of the workbook are encrypted and cannot be read." });
    }
    let total = 0;
    for (const e of entries) {
      total += e.uncompressed;
      if (e.uncompressed > LIMITS.ratioFloor && e.uncompressed > LIMITS.ratio * Math.max(1, e.compressed)) {
        throw new XlsxReadError("TOO_LARGE", {
          zh: `文件中的“${e.name}”解压后异常巨大（${mb(e.uncompressed)}，压缩比超过 ${LIMITS.ratio}:1），疑似“压缩炸弹”，已拒绝读取。`,
          en: `"${e.name}" inflates to an implausible size (${mb(e.uncompressed)}, more than ${LIMITS.ratio}:1): refused as a possible zip bomb.`,
        });
      }
    }
    if (total > LIMITS.totalUncompressed) {
      throw new XlsxReadError("TOO_LARGE", { zh: `工作簿解压后达 ${mb(total)}，超出可审核的上限（${mb(LIMITS.totalUncompressed)}）。`, en: `The workbook inflates to ${mb(total)}, beyond what can be audited (${mb(LIMITS.totalUncompressed)}).` });
    }
    return entries;
  } finally {
    closeSync(fd);
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(0)} MB`;
}

function looksLikeText(head: Buffer): boolean {
  const text = head.toString("utf8");
  // No control characters other than tab/CR/LF, and no replacement characters from invalid UTF-8 (allow a cut tail).
  return !/[\u0000-\u0008\u000e-\u001f]/.test(text) && (text.match(/\ufffd/g)?.length ?? 0) <= 1;
}

function readCentralDirectory(fd: number, size: number): ZipEntryInfo[] {
  const truncated = () =>
    new XlsxReadError("TRUNCATED", { zh: "文件不完整或已损坏（找不到 zip 目录），可能下载或复制时被截断。", en: "The file is incomplete or corrupt (no zip directory found); it may have been cut off while downloading or copying." });
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = Buffer.alloc(tailLength);
  readSync(fd, tail, 0, tailLength, size - tailLength);
  let eocd = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw truncated();
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // Zip64: the locator sits just before the EOCD record.
    const locatorAt = size - tailLength + eocd - 20;
    if (locatorAt < 0) throw truncated();
    const locator = Buffer.alloc(20);
    readSync(fd, locator, 0, 20, locatorAt);
    if (locator.readUInt32LE(0) !== 0x07064b50) throw truncated();
    const z64At = Number(locator.readBigUInt64LE(8));
    const z64 = Buffer.alloc(56);
    if (z64At + 56 > size) throw truncated();
    readSync(fd, z64, 0, 56, z64At);
    if (z64.readUInt32LE(0) !== 0x06064b50) throw truncated();
    count = Number(z64.readBigUInt64LE(32));
    cdSize = Number(z64.readBigUInt64LE(40));
    cdOffset = Number(z64.readBigUInt64LE(48));
  }
  if (cdSize > LIMITS.centralDirectory || cdOffset + cdSize > size || count > 100_000) throw truncated();
  const cd = Buffer.alloc(cdSize);
  readSync(fd, cd, 0, cdSize, cdOffset);
  const entries: ZipEntryInfo[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw truncated();
    const flags = cd.readUInt16LE(p + 8);
    let compressed = cd.readUInt32LE(p + 20);
    let uncompressed = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const name = cd.toString("utf8", p + 46, p + 46 + nameLength);
    if (uncompressed === 0xffffffff || compressed === 0xffffffff) {
      // Zip64 extended information extra field (id 1): uncompressed, then compressed size, each 8 bytes when flagged.
      let q = p + 46 + nameLength;
      const end = q + extraLength;
      while (q + 4 <= end) {
        const id = cd.readUInt16LE(q);
        const len = cd.readUInt16LE(q + 2);
        if (id === 1) {
          let r = q + 4;
          if (uncompressed === 0xffffffff && r + 8 <= q + 4 + len) {
            uncompressed = Number(cd.readBigUInt64LE(r));
            r += 8;
          }
          if (compressed === 0xffffffff && r + 8 <= q + 4 + len) compressed = Number(cd.readBigUInt64LE(r));
        }
        q += 4 + len;
      }
    }
    entries.push({ name: name.replace(/^\/+/, ""), compressed, uncompressed, flags });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/* ---------------------------------------------------------------------------------------------------------------
 * Small pure helpers (exported for tests).
 * ------------------------------------------------------------------------------------------------------------- */

/** Column letters → 1-based number ("A" → 1, "XFD" → 16384); 0 if there are none. */
export function columnNumber(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else if (c !== 36) break; // "$"
  }
  return n;
}

function rowNumberOf(ref: string): number {
  let i = 0;
  while (i < ref.length && !(ref.charCodeAt(i) >= 48 && ref.charCodeAt(i) <= 57)) i++;
  return Number.parseInt(ref.slice(i), 10);
}

/** 1-based column number → letters (1 → "A"); the workbook layer's helper counts from 0. */
export function columnLetters(n: number): string {
  return columnLettersFrom0(n - 1);
}

/** OOXML escapes characters XML cannot hold as `_xHHHH_` (e.g. `_x000D_` for a carriage return). */
export function decodeOoxmlEscapes(text: string): string {
  if (text.indexOf("_x") < 0) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/**
 * Translate a shared formula from its master cell to a dependent cell: relative A1 references move by (rows, cols);
 * `$`-anchored parts, string literals, quoted sheet names, structured references and function names are left alone.
 */
export function shiftFormula(formula: string, rows: number, cols: number): string {
  if (rows === 0 && cols === 0) return formula;
  let out = "";
  let i = 0;
  const n = formula.length;
  const isWordChar = (c: string) => /[A-Za-z0-9_.$\\]/.test(c);
  while (i < n) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < n) {
        if (formula[j] === ch) {
          if (formula[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "[") {
      let depth = 0;
      let j = i;
      for (; j < n; j++) {
        if (formula[j] === "[") depth++;
        else if (formula[j] === "]" && --depth === 0) break;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (isWordChar(ch)) {
      let j = i;
      while (j < n && isWordChar(formula[j])) j++;
      const token = formula.slice(i, j);
      const prev = out.length > 0 ? out[out.length - 1] : "";
      const next = formula[j] ?? "";
      out += next === "(" || next === "[" ? token : shiftToken(token, rows, cols, prev === ":" || next === ":");
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function shiftToken(token: string, rows: number, cols: number, inRange: boolean): string {
  let m = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$/.exec(token);
  if (m && columnNumber(m[2]) <= 16384) {
    const col = m[1] ? m[2].toUpperCase() : columnLetters(columnNumber(m[2]) + cols);
    const row = m[3] ? m[4] : String(Number(m[4]) + rows);
    return `${m[1]}${col}${m[3]}${row}`;
  }
  if (!inRange) return token;
  m = /^(\$?)([A-Za-z]{1,3})$/.exec(token);
  if (m && columnNumber(m[2]) <= 16384) return m[1] ? token : columnLetters(columnNumber(m[2]) + cols);
  m = /^(\$?)(\d+)$/.exec(token);
  if (m) return m[1] ? token : String(Number(m[2]) + rows);
  return token;
}

/**
 * A formula as Office.js would show it: "=" in front, `_xlfn.`/`_xlws.` future-function prefixes dropped, and the
 * add-in's custom functions, which Excel stores as `_xldudf_LEVY_DUE(` (see template.ts), shown as `LEVY.DUE(`.
 */
export function displayFormula(stored: string): string {
  let f = stored;
  if (f.indexOf("_xl") >= 0) {
    f = f
      .replace(/(?:\[\d+\]!)?_xldudf_LEVY_([A-Za-z0-9]+)\s*\(/gi, (_, name: string) => `LEVY.${name.toUpperCase()}(`)
      .replace(/_xlfn\.|_xlws\./g, "");
  }
  return f.startsWith("=") ? f : `=${f}`;
}

/** Does a number format show dates? (y or d outside quotes, brackets and escapes; time-only formats are not dates). */
export function isDateFormat(format: string): boolean {
  const clean = format.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "").replace(/\\./g, "").replace(/[_*]./g, "");
  return /[yYdD]/.test(clean);
}

/** Built-in number formats that Excel does not write into styles.xml (ids 0–49 as in zh-CN Excel). */
const BUILTIN_FORMATS: Record<number, string> = {
  0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
  14: "yyyy/m/d", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "yyyy/m/d h:mm",
  27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: "m-d-yy", 31: 'yyyy"年"m"月"d"日"', 32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"', 35: '上午/下午h"时"mm"分"ss"秒"', 36: 'yyyy"年"m"月"', 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
  50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"', 54: 'm"月"d"日"', 55: '上午/下午h"时"mm"分"', 56: '上午/下午h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
};

/** How a style's number format changes a cell: kept format (or null when it does not matter), and whether it is a date. */
interface StyleInfo {
  format: string | null;
  date: boolean;
}

function styleInfo(format: string | undefined): StyleInfo {
  if (!format || format === "General") return { format: null, date: false };
  const date = isDateFormat(format);
  const meaningful = date || format === "@" || format.includes("%");
  return { format: meaningful ? format : null, date };
}

/* ---------------------------------------------------------------------------------------------------------------
 * The reader.
 * ------------------------------------------------------------------------------------------------------------- */

/**
 * Feed an async iterable of byte chunks through a streaming UTF-8 decoder into the XML scanner. After `stop()` turns
 * true the rest is read and dropped without parsing: abandoning ExcelJS's entry iterator half-way would leave its data
 * listener buffering the remainder in memory while the zip entry drains.
 */
async function feed(handler: XmlHandler, chunks: AsyncIterable<Buffer | string>, stop?: () => boolean): Promise<void> {
  const scanner = new XmlScanner(handler);
  const decoder = new StringDecoder("utf8");
  let stopped = false;
  for await (const chunk of chunks) {
    if (stopped) continue;
    scanner.write(typeof chunk === "string" ? chunk : decoder.write(chunk));
    if (stop?.()) stopped = true;
  }
  if (stopped) return;
  const rest = decoder.end();
  if (rest) scanner.write(rest);
  scanner.end();
}

/** Excel caps a cell's text at 32,767 characters; a file that claims more is cut there (no unbounded strings). */
const MAX_TEXT = 32_767;

function appendText(current: string, more: string): string {
  return current.length >= MAX_TEXT ? current : current.length + more.length > MAX_TEXT ? (current + more).slice(0, MAX_TEXT) : current + more;
}

async function parseSharedStrings(chunks: AsyncIterable<Buffer>): Promise<string[]> {
  const strings: string[] = [];
  let inSi = false;
  let inT = false;
  let inPhonetic = false;
  let text = "";
  await feed(
    {
      open(name) {
        if (name === "si") {
          inSi = true;
          text = "";
        } else if (name === "t") inT = inSi && !inPhonetic;
        else if (name === "rPh") inPhonetic = true;
      },
      text(t) {
        if (inT) text = appendText(text, t);
      },
      close(name) {
        if (name === "si") {
          strings.push(decodeOoxmlEscapes(text));
          inSi = false;
        } else if (name === "t") inT = false;
        else if (name === "rPh") inPhonetic = false;
      },
    },
    chunks,
  );
  return strings;
}

async function parseStyles(chunks: AsyncIterable<Buffer>): Promise<StyleInfo[]> {
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await feed(
    {
      open(name, tag) {
        if (name === "numFmt") custom.set(Number(tag.attr("numFmtId")), tag.attr("formatCode") ?? "");
        else if (name === "cellXfs") inCellXfs = true;
        else if (name === "xf" && inCellXfs) xfFormats.push(Number(tag.attr("numFmtId") ?? 0));
      },
      text() {},
      close(name) {
        if (name === "cellXfs") inCellXfs = false;
      },
    },
    chunks,
  );
  return xfFormats.map((id) => styleInfo(custom.get(id) ?? BUILTIN_FORMATS[id]));
}

interface WorkbookPart {
  sheets: Array<{ name: string; rId: string; state?: string }>;
  date1904: boolean;
}

async function parseWorkbookPart(chunks: AsyncIterable<Buffer>): Promise<WorkbookPart> {
  const part: WorkbookPart = { sheets: [], date1904: false };
  await feed(
    {
      open(name, tag) {
        if (name === "workbookPr") {
          const v = tag.attr("date1904");
          part.date1904 = v === "1" || v === "true";
        } else if (name === "sheet") {
          part.sheets.push({ name: tag.attr("name") ?? "", rId: tag.attr("r:id") ?? tag.attrLocal("id") ?? "", state: tag.attr("state") });
        }
      },
      text() {},
      close() {},
    },
    chunks,
  );
  return part;
}

async function parseRelationships(chunks: AsyncIterable<Buffer>): Promise<Array<{ id: string; target: string }>> {
  const rels: Array<{ id: string; target: string }> = [];
  await feed(
    {
      open(name, tag) {
        if (name === "Relationship") rels.push({ id: tag.attr("Id") ?? "", target: tag.attr("Target") ?? "" });
      },
      text() {},
      close() {},
    },
    chunks,
  );
  return rels;
}

function excelSerialToDate(serial: number, date1904: boolean): Date | number {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2_958_465) return serial;
  const days = date1904 ? serial + 1462 : serial;
  return new Date(Math.round((days - 25569) * 86_400_000));
}

interface SheetBudget {
  remaining: number;
}

interface ParsedSheet {
  values: CellValue[][];
  formulas?: (string | null)[][];
  numberFormats?: (string | null)[][];
  firstRow: number;
  truncatedAt?: number;
  slots: number;
}

async function parseWorksheet(chunks: AsyncIterable<Buffer>, strings: readonly string[], styles: readonly StyleInfo[], date1904: boolean, budget: SheetBudget): Promise<ParsedSheet> {
  const values: CellValue[][] = [];
  let formulas: (string | null)[][] | undefined;
  let numberFormats: (string | null)[][] | undefined;
  let firstRow = 0;
  let slots = 0;
  let truncatedAt: number | undefined;
  const shared = new Map<string, { formula: string; row: number; col: number }>();

  let inData = false;
  let row: CellValue[] | null = null;
  let rowIndex = -1;
  let lastRowNumber = 0;
  /** Whether the current <row> gave its number: then a cell's own reference need not be parsed for it. */
  let rowNumbered = false;
  let lastCol = 0;
  // Cell state.
  let ref = "";
  let type = "";
  let style = 0;
  let hasV = false;
  let vText = "";
  let inV = false;
  let hasF = false;
  let fText = "";
  let fType = "";
  let fSi = "";
  let inF = false;
  let inIs = false;
  let inT = false;
  let inPhonetic = false;
  let isText = "";

  /** Make `row` the array for `rowNumber`; false when the budget cannot hold the empty rows before it. */
  const ensureRow = (rowNumber: number): boolean => {
    if (firstRow === 0) firstRow = rowNumber;
    const index = rowNumber - firstRow;
    if (index < 0) {
      row = null; // out of order above the first row: ignored (malformed file)
      return true;
    }
    const gap = Math.max(0, index + 1 - values.length);
    if (gap > budget.remaining) return false;
    budget.remaining -= gap;
    slots += gap;
    while (values.length <= index) values.push([]);
    rowIndex = index;
    row = values[index];
    return true;
  };

  const open = (name: string, tag: XmlTag): void => {
    if (!inData) {
      if (name === "sheetData") inData = true;
      return;
    }
    switch (name) {
      case "row": {
        const rText = tag.attr("r");
        const r = rText !== undefined ? Number.parseInt(rText, 10) : lastRowNumber + 1;
        rowNumbered = Number.isFinite(r) && r > 0;
        lastRowNumber = rowNumbered ? r : lastRowNumber + 1;
        row = null;
        rowIndex = -1;
        lastCol = 0;
        break;
      }
      case "c": {
        ref = tag.attr("r") ?? "";
        type = tag.attr("t") ?? "";
        const s = tag.attr("s");
        style = s !== undefined ? Number(s) : 0;
        hasV = hasF = inV = inF = inIs = inT = inPhonetic = false;
        vText = fText = fType = fSi = isText = "";
        break;
      }
      case "v":
        inV = hasV = true;
        break;
      case "f":
        inF = hasF = true;
        fType = tag.attr("t") ?? "";
        fSi = tag.attr("si") ?? "";
        break;
      case "is":
        inIs = true;
        break;
      case "t":
        inT = inIs && !inPhonetic;
        break;
      case "rPh":
        inPhonetic = true;
        break;
    }
  };
  const text = (t: string): void => {
    if (inV) vText = appendText(vText, t);
    else if (inF) fText = appendText(fText, t);
    else if (inT) isText = appendText(isText, t);
  };
  const close = (name: string): void => {
    if (!inData) return;
    switch (name) {
      case "v":
        inV = false;
        break;
      case "f":
        inF = false;
        break;
      case "t":
        inT = false;
        break;
      case "rPh":
        inPhonetic = false;
        break;
      case "is":
        inIs = false;
        break;
      case "sheetData":
        inData = false;
        break;
      case "c": {
        const rowNumber = ref && !rowNumbered ? rowNumberOf(ref) || lastRowNumber : lastRowNumber;
        const col = ref ? columnNumber(ref) || lastCol + 1 : lastCol + 1;
        lastCol = col;
        const info = styles[style];
        let value: CellValue = null;
        switch (type) {
          case "s":
            if (hasV && vText !== "") value = strings[Number(vText)] ?? null;
            break;
          case "inlineStr":
            value = decodeOoxmlEscapes(isText);
            break;
          case "str":
            value = hasV ? decodeOoxmlEscapes(vText) : null;
            break;
          case "b":
            value = hasV ? vText === "1" || vText === "true" : null;
            break;
          case "e":
            value = hasV ? { error: vText } : null;
            break;
          case "d": {
            const d = new Date(vText.length === 10 ? `${vText}T00:00:00Z` : vText);
            value = hasV && !Number.isNaN(d.getTime()) ? d : hasV ? vText : null;
            break;
          }
          default:
            if (hasV && vText !== "") {
              const num = Number(vText);
              value = Number.isNaN(num) ? vText : info?.date ? excelSerialToDate(num, date1904) : num;
            }
        }
        let formula: string | null = null;
        if (hasF) {
          if (fType === "shared" && fSi !== "") {
            const master = shared.get(fSi);
            if (fText !== "") shared.set(fSi, { formula: fText, row: rowNumber, col });
            else if (master) fText = shiftFormula(master.formula, rowNumber - master.row, col - master.col);
          }
          if (fText !== "") formula = displayFormula(fText);
        }
        const format = info?.format ?? null;
        if (value === null && formula === null) break; // an empty (perhaps styled) cell: nothing to keep
        if (truncatedAt !== undefined) break;
        if (rowNumber > EXCEL_MAX_ROWS || col > EXCEL_MAX_COLUMNS) {
          // Beyond what Excel itself can hold: the file was not written by Excel and is not read further.
          truncatedAt = Math.min(rowNumber, EXCEL_MAX_ROWS + 1);
          break;
        }
        if ((rowIndex < 0 || rowNumber !== firstRow + rowIndex) && !ensureRow(rowNumber)) {
          truncatedAt = rowNumber;
          break;
        }
        const target = row as CellValue[] | null;
        if (target === null) break;
        const slot = col - 1;
        const growth = Math.max(0, slot + 1 - target.length);
        if (growth > budget.remaining) {
          truncatedAt = rowNumber;
          values.length = rowIndex; // drop the partial row
          break;
        }
        budget.remaining -= growth;
        slots += growth;
        while (target.length < slot) target.push(null);
        target[slot] = value;
        if (formula !== null) {
          formulas ??= [];
          while (formulas.length <= rowIndex) formulas.push([]);
          const fr = formulas[rowIndex];
          while (fr.length < slot) fr.push(null);
          fr[slot] = formula;
        }
        if (format !== null) {
          numberFormats ??= [];
          while (numberFormats.length <= rowIndex) numberFormats.push([]);
          const nr = numberFormats[rowIndex];
          while (nr.length < slot) nr.push(null);
          nr[slot] = format;
        }
        break;
      }
    }
  };
  await feed({ open, text, close }, chunks, () => truncatedAt !== undefined);
  if (formulas) while (formulas.length < values.length) formulas.push([]);
  if (numberFormats) while (numberFormats.length < values.length) numberFormats.push([]);
  if (formulas && formulas.length > values.length) formulas.length = values.length;
  if (numberFormats && numberFormats.length > values.length) numberFormats.length = values.length;
  return { values, formulas, numberFormats, firstRow: firstRow || 1, truncatedAt, slots };
}

/** The streaming reader's internals this module hooks into (ExcelJS 4.4.0, stream/xlsx/workbook-reader.js). */
interface ReaderInternals {
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseStyles(entry: NodeJS.ReadableStream): Promise<void>;
  _parseWorkbook(entry: NodeJS.ReadableStream): Promise<void>;
  _parseRels(entry: NodeJS.ReadableStream): Promise<void>;
  sharedStrings?: unknown[];
  workbookRels?: unknown[];
  model?: { sheets?: unknown[] };
  properties?: unknown;
}

interface WorksheetReaderInternals {
  id: number | string;
  name: string;
  iterator: AsyncIterable<Buffer>;
}

/** ExcelJS's own stream iteration (pauses the zip entry between chunks). */
const iterateStream = createRequire(require.resolve("exceljs"))("./lib/utils/iterate-stream") as (stream: NodeJS.ReadableStream) => AsyncIterable<Buffer>;

function entryChunks(entry: NodeJS.ReadableStream): AsyncIterable<Buffer> {
  return iterateStream(entry);
}

/** Read every sheet of an .xlsx file. Throws XlsxReadError when the file cannot be used at all. */
export async function readXlsx(path: string, options: ReadOptions = {}): Promise<WorkbookRead> {
  const entries = inspectXlsx(path);
  const envCap = Number(process.env.LEVY_MAX_CELLS);
  const maxCells = options.maxCells ?? (Number.isFinite(envCap) && envCap > 0 ? envCap : DEFAULT_MAX_CELLS);
  const hasSheets = entries.some((e) => /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name));

  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: "cache", hyperlinks: "ignore", styles: "ignore", worksheets: "emit", entries: "ignore" });
  const internals = reader as unknown as ReaderInternals;
  let strings: string[] = [];
  let styles: StyleInfo[] = [];
  let workbookPart: WorkbookPart = { sheets: [], date1904: false };
  let rels: Array<{ id: string; target: string }> = [];
  // Every part is parsed here, with a streaming decoder. ExcelJS streams a worksheet directly once `sharedStrings` and
  // `workbookRels` are set, and otherwise parks it in a temp file to be parsed after the last zip entry. They are set
  // only when every part a worksheet needs has been read (strings, styles for dates, workbook for the 1904 flag), so a
  // worksheet never meets a half-read workbook. A part the file does not have counts as read.
  const present = (name: string) => entries.some((e) => e.name === name);
  const done = { strings: !present("xl/sharedStrings.xml"), styles: !present("xl/styles.xml"), workbook: !present("xl/workbook.xml"), rels: !present("xl/_rels/workbook.xml.rels") };
  settleNow();
  function settleNow(): void {
    if (done.strings && done.styles && done.workbook && done.rels) {
      internals.sharedStrings = strings;
      internals.workbookRels = [];
    }
  }
  const settle = settleNow;
  internals._parseSharedStrings = async function* (entry) {
    strings = await parseSharedStrings(entryChunks(entry));
    done.strings = true;
    settle();
  };
  internals._parseStyles = async (entry) => {
    styles = await parseStyles(entryChunks(entry));
    done.styles = true;
    settle();
  };
  internals._parseWorkbook = async (entry) => {
    workbookPart = await parseWorkbookPart(entryChunks(entry));
    internals.model = { sheets: [] };
    internals.properties = { date1904: workbookPart.date1904 };
    done.workbook = true;
    settle();
  };
  internals._parseRels = async (entry) => {
    rels = await parseRelationships(entryChunks(entry));
    done.rels = true;
    settle();
  };

  const parsed: Array<{ sheetNo: string; sheet: ParsedSheet }> = [];
  const notes: ReaderNote[] = [];
  const budget: SheetBudget = { remaining: maxCells };
  try {
    for await (const worksheet of reader) {
      const ws = worksheet as unknown as WorksheetReaderInternals;
      const sheetNo = String(ws.id);
      // ExcelJS parks worksheets that precede the shared strings and parses them last, by which time every part
      // above has been read; a worksheet streamed directly comes after them in the zip, so they are read too.
      const sheet = await parseWorksheet(ws.iterator, strings, styles, workbookPart.date1904, budget);
      parsed.push({ sheetNo, sheet });
    }
  } catch (error) {
    if (error instanceof XlsxReadError) throw error;
    throw new XlsxReadError("CORRUPT", {
      zh: `工作簿已损坏，无法读取（${shortReason(error)}）。请在 Excel 中打开并另存后重试。`,
      en: `The workbook is corrupt and cannot be read (${shortReason(error)}). Open it in Excel, save it again and retry.`,
    });
  }
  if (!hasSheets && parsed.length === 0) {
    return { sheets: [], notes, cells: 0, date1904: workbookPart.date1904 };
  }
  // ExcelJS reads worksheets named xl/worksheets/sheetN.xml only; say so if a file names them otherwise.
  const unread = entries.filter((e) => /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name) && !/^xl\/worksheets\/sheet\d+\.xml$/.test(e.name));
  for (const e of unread) {
    notes.push({ code: "READ_SHEET_FAILED", sheet: e.name, message: { zh: `无法读取工作表部件“${e.name}”（命名不符合常规），其内容未纳入审核。`, en: `The worksheet part "${e.name}" could not be read (unusual part name); its contents are not in the audit.` } });
  }

  // Name and order the sheets as workbook.xml lists them.
  const targetOf = new Map<string, string>();
  for (const r of rels) targetOf.set(r.id, r.target.replace(/^\/?xl\//, "").replace(/^\//, "").toLowerCase());
  const order = workbookPart.sheets.map((s) => ({ name: s.name, target: targetOf.get(s.rId) ?? "" }));
  const named = parsed.map(({ sheetNo, sheet }) => {
    const target = `worksheets/sheet${sheetNo}.xml`;
    const index = order.findIndex((o) => o.target === target);
    return { index: index < 0 ? Number.MAX_SAFE_INTEGER : index, name: index < 0 ? `Sheet${sheetNo}` : order[index].name, sheet };
  });
  named.sort((a, b) => a.index - b.index);

  let cells = 0;
  const sheets: SheetData[] = named.map(({ name, sheet }) => {
    cells += sheet.slots;
    if (sheet.truncatedAt !== undefined) {
      notes.push({
        code: "READ_TRUNCATED",
        sheet: name,
        row: sheet.truncatedAt,
        message: {
          zh: `工作表“${name}”过大：已读取到第 ${sheet.truncatedAt - 1} 行，超出单次审核上限（共 ${maxCells.toLocaleString("en-US")} 个单元格），其后的行未读取，结果不完整。`,
          en: `Sheet "${name}" is too large: read up to row ${sheet.truncatedAt - 1}; the rows after it exceed the audit limit (${maxCells.toLocaleString("en-US")} cells in all) and were not read, so the results are incomplete.`,
        },
      });
    }
    const data: SheetData = { name, origin: `A${sheet.firstRow}`, values: sheet.values };
    if (sheet.formulas) data.formulas = sheet.formulas;
    if (sheet.numberFormats) data.numberFormats = sheet.numberFormats;
    return data;
  });
  return { sheets, notes, cells, date1904: workbookPart.date1904 };
}

function shortReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0].slice(0, 160);
}
