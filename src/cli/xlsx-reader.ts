/**
 * Read an .xlsx file into the workbook model's input: `SheetData[]` (plain 2-D arrays, their sheet name and origin).
 *
 * The zip is read with yauzl (random access through the central directory; every inflate error surfaces on the
 * entry's stream), and each part is checked whole: its inflated size against the directory, its CRC-32 against the
 * directory, and its XML for well-formedness (xml-scanner.ts is strict). A part that fails any of these makes the
 * whole file refused with a bilingual XlsxReadError that names the part (and the sheet) — never a partial audit,
 * never a silent exit (issue 9 §1). Parts are found the way Excel finds them: `_rels/.rels` → the workbook part →
 * its relationships → worksheets, shared strings and styles, whatever their names. Each part's character encoding
 * comes from its byte-order mark or XML declaration (UTF-8, UTF-16, GBK/GB18030, …), decoded with a streaming
 * TextDecoder, so a Chinese character split across two chunks stays intact. Nothing is written to disk: the shared
 * strings and styles are read first (random access), then each worksheet streams straight into the scanner.
 *
 * What else is done here rather than by ExcelJS's reader (which the CLI used before): shared formulas are translated
 * from their master cell; inline rich text keeps every run, phonetic runs (<rPh>) are dropped, `_x000D_` escapes are
 * decoded, a formula's cached boolean or error stays a boolean or error; and a cell becomes one array slot (no Row or
 * Cell objects), which is what keeps 100k-employee workbooks fast and small.
 *
 * Values follow the model's contract (src/workbook/types.ts): string | number | boolean | Date (UTC midnight) |
 * {error} | null. Formulas are kept as Office.js shows them ("=SUM(A1:A3)", `_xlfn.` prefixes removed, a custom
 * function stored as `_xldudf_LEVY_DUE(` shown as `LEVY.DUE(`), with the cached result as the value, or null when the
 * file holds no cached result. Number formats are recorded where they change a value's meaning (dates, text "@",
 * percentages); money formats are not kept. Rows are ragged: trailing empty cells are omitted and a row with no cells
 * is []; read a missing cell as null. Dates in date-formatted cells honour the workbook's 1904 date system.
 *
 * Untrusted files, bounded in time and space: before anything is inflated the directory's sizes are checked (a zip
 * bomb with an honest directory is refused at once); while inflating, the bytes are counted as they stream and
 * reading stops at `maxBytes` (a directory that lies about sizes is caught there, and by the size check per part);
 * a timer stops the read after `maxSeconds`; the number of cells kept is capped (`maxCells`: the rest of the sheet is
 * checked but not kept, and a note says so). No object is ever keyed by text from the file, so a header named
 * `__proto__` is just a string.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream";
import * as zlib from "node:zlib";
import yauzl from "yauzl";
import type { Bilingual } from "../core/rules/types";
import type { CellValue, SheetData } from "../workbook/types";
import { XmlScanner, XmlSyntaxError } from "./xml-scanner";
import type { XmlHandler, XmlTag } from "./xml-scanner";
import { columnLetters as columnLettersFrom0 } from "../workbook/address";

export type XlsxErrorCode =
  | "NOT_FOUND"
  | "UNREADABLE"
  | "EMPTY_FILE"
  | "NOT_ZIP"
  | "TEXT_FILE"
  | "LEGACY_OR_ENCRYPTED"
  | "TRUNCATED"
  | "NOT_XLSX"
  | "ENCRYPTED"
  | "TOO_LARGE"
  | "TOO_SLOW"
  | "CORRUPT";

/** The file cannot be read as a workbook at all (the CLI exits 2 with this message). */
export class XlsxReadError extends Error {
  readonly code: XlsxErrorCode;
  readonly zh: string;
  readonly en: string;
  /** The damaged part's name in the zip, when one part is to blame. */
  readonly part?: string;
  constructor(code: XlsxErrorCode, message: Bilingual, part?: string) {
    super(`${message.en} / ${message.zh}`);
    this.name = "XlsxReadError";
    this.code = code;
    this.zh = message.zh;
    this.en = message.en;
    if (part !== undefined) this.part = part;
  }
}

/** Something the reader had to do that the audit must report (a sheet cut short at the cell cap). */
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
  /** Bytes inflated, all parts together, before reading stops (default 2 GiB; LEVY_MAX_MB, `--max-mb`). */
  maxBytes?: number;
  /** Seconds the read may take before it is stopped (default 300; LEVY_MAX_SECONDS, `--max-seconds`). */
  maxSeconds?: number;
}

export interface WorkbookRead {
  sheets: SheetData[];
  notes: ReaderNote[];
  /** Cell slots kept. */
  cells: number;
  date1904: boolean;
}

export const DEFAULT_MAX_CELLS = 16_000_000;
/** 2 GiB of XML: our 100k-employee bench file (7.3 million cells) inflates to 311 MB. */
export const DEFAULT_MAX_MB = 2048;
export const DEFAULT_MAX_SECONDS = 300;
const EXCEL_MAX_ROWS = 1_048_576;
const EXCEL_MAX_COLUMNS = 16_384;

const LIMITS = {
  /** An entry that inflates more than this ratio and to more than `ratioFloor` bytes is a zip bomb. */
  ratio: 500,
  ratioFloor: 64 * 1024 ** 2,
  entries: 100_000,
};

function envNumber(name: string): number | undefined {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : undefined;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(0)} MB`;
}

/* ---------------------------------------------------------------------------------------------------------------
 * Before inflating anything: is this a zip, is it an xlsx, is it plausible in size?
 * ------------------------------------------------------------------------------------------------------------- */

/** Look at the file's first bytes: refuse what is plainly not a zip (missing, empty, .xls, CSV, …). */
function sniffFile(path: string): void {
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
  } finally {
    closeSync(fd);
  }
}

function looksLikeText(head: Buffer): boolean {
  const text = head.toString("utf8");
  // No control characters other than tab/CR/LF, and no replacement characters from invalid UTF-8 (allow a cut tail).
  return !/[\u0000-\u0008\u000e-\u001f]/.test(text) && (text.match(/\ufffd/g)?.length ?? 0) <= 1;
}

function truncatedError(): XlsxReadError {
  return new XlsxReadError("TRUNCATED", { zh: "文件不完整或已损坏（找不到 zip 目录），可能下载或复制时被截断。", en: "The file is incomplete or corrupt (no zip directory found); it may have been cut off while downloading or copying." });
}

function corruptZip(reason: string): XlsxReadError {
  return new XlsxReadError("CORRUPT", {
    zh: `工作簿已损坏：zip 目录无法读取（${reason}），未作审核。请向提供方索取未损坏的文件，或在 Excel 中打开并另存后重试。`,
    en: `The workbook is damaged: its zip directory cannot be read (${reason}); it was not audited. Ask for an undamaged copy, or open it in Excel, save it again and retry.`,
  });
}

/** An open zip: its entries by lower-case name (OPC part names are case-insensitive). */
interface Zip {
  file: yauzl.ZipFile;
  byName: Map<string, yauzl.Entry>;
}

function openZip(path: string): Promise<Zip> {
  return new Promise((resolveZip, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: true }, (error, file) => {
      if (error || !file) {
        const text = shortReason(error);
        reject(/end of central directory|signature not found|eocdr|zip64/i.test(text) ? truncatedError() : corruptZip(text));
        return;
      }
      const byName = new Map<string, yauzl.Entry>();
      let failed = false;
      const fail = (e: XlsxReadError) => {
        if (failed) return;
        failed = true;
        file.close();
        reject(e);
      };
      file.on("error", (e: unknown) => fail(/end of central directory|signature|overflow|bounds/i.test(shortReason(e)) ? truncatedError() : corruptZip(shortReason(e))));
      file.on("entry", (entry: yauzl.Entry) => {
        if (failed) return;
        if (byName.size >= LIMITS.entries) return fail(corruptZip(`more than ${LIMITS.entries} entries`));
        if (!entry.fileName.endsWith("/")) {
          const key = entry.fileName.replace(/^\/+/, "").toLowerCase();
          if (byName.has(key)) {
            return fail(
              new XlsxReadError("CORRUPT", {
                zh: `工作簿已损坏：部件“${entry.fileName}”在文件中出现了两次（不同程序会读到不同内容），未作审核。`,
                en: `The workbook is damaged: the part "${entry.fileName}" occurs twice in the file (different programs would read different contents); it was not audited.`,
              }, entry.fileName),
            );
          }
          byName.set(key, entry);
        }
        file.readEntry();
      });
      file.on("end", () => {
        if (!failed) resolveZip({ file, byName });
      });
      file.readEntry();
    });
  });
}

/** Refuse what the directory alone shows cannot be an xlsx we should inflate. */
function checkDirectory(zip: Zip, maxBytes: number): void {
  const names = zip.byName;
  let total = 0;
  for (const e of names.values()) {
    if (e.isEncrypted()) throw new XlsxReadError("ENCRYPTED", { zh: "工作簿的部分内容已加密，无法读取。", en: "Parts of the workbook are encrypted and cannot be read." });
    total += e.uncompressedSize;
    if (e.uncompressedSize > LIMITS.ratioFloor && e.uncompressedSize > LIMITS.ratio * Math.max(1, e.compressedSize)) {
      throw new XlsxReadError("TOO_LARGE", {
        zh: `文件中的“${e.fileName}”解压后异常巨大（${mb(e.uncompressedSize)}，压缩比超过 ${LIMITS.ratio}:1），疑似“压缩炸弹”，已拒绝读取。`,
        en: `"${e.fileName}" inflates to an implausible size (${mb(e.uncompressedSize)}, more than ${LIMITS.ratio}:1): refused as a possible zip bomb.`,
      }, e.fileName);
    }
  }
  if (total > maxBytes) throw tooLarge(maxBytes, total);
}

function tooLarge(maxBytes: number, total?: number): XlsxReadError {
  return new XlsxReadError("TOO_LARGE", {
    zh: `工作簿解压后${total !== undefined ? `达 ${mb(total)}，` : ""}超出可审核的上限（${mb(maxBytes)}），已停止读取，未作审核。如确需审核，可用 --max-mb 提高上限（或设环境变量 LEVY_MAX_MB）。`,
    en: `The workbook inflates to ${total !== undefined ? `${mb(total)}, ` : ""}more than the audit limit (${mb(maxBytes)}); reading stopped and nothing was audited. To audit it anyway, raise the limit with --max-mb (or LEVY_MAX_MB).`,
  });
}

function tooSlow(seconds: number): XlsxReadError {
  return new XlsxReadError("TOO_SLOW", {
    zh: `读取工作簿超过 ${seconds} 秒的时间上限，已停止，未作审核。如确需审核，可用 --max-seconds 提高上限（或设环境变量 LEVY_MAX_SECONDS）。`,
    en: `Reading the workbook took longer than the ${seconds}-second limit and was stopped; nothing was audited. To audit it anyway, raise the limit with --max-seconds (or LEVY_MAX_SECONDS).`,
  });
}

/* ---------------------------------------------------------------------------------------------------------------
 * Reading one part whole: inflate (errors surface), count, CRC-32, then decode and scan.
 * ------------------------------------------------------------------------------------------------------------- */

/** Node's zlib.crc32 (Node ≥ 20.15 / 22.2), or a table implementation where it is absent. */
const nativeCrc32 = (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
let crcTable: Int32Array | undefined;
export function crc32(data: Uint8Array, value = 0): number {
  if (nativeCrc32) return nativeCrc32(data, value);
  return crc32Table(data, value);
}
export function crc32Table(data: Uint8Array, value = 0): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let c = ~value;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** A problem with one part, in both languages; the reader adds which part and sheet. */
class PartProblem extends Error {
  constructor(readonly reason: Bilingual) {
    super(reason.en);
  }
}

/**
 * A cell given twice in the sheet XML — a repeated <c r="D2">, or a repeated <row r="3"> holding the same cells. Excel
 * never writes this; reading "the later one wins" would silently replace a value (the tester's payroll audited as
 * sound with one person-month replaced), so the part is refused as damaged.
 */
function refuseCellWrittenTwice(target: readonly CellValue[], formulaRow: readonly (string | null)[] | undefined, slot: number, ref: string, rowNumber: number, col: number): void {
  if (slot >= target.length) return;
  if (target[slot] === null && (formulaRow?.[slot] ?? null) === null) return;
  const at = ref || `${columnLetters(col)}${rowNumber}`;
  throw new PartProblem({
    zh: `的单元格 ${at} 出现了两次（重复的单元格或重复的第 ${rowNumber} 行）：无法确定哪个值是真的`,
    en: `gives cell ${at} twice (a repeated cell or a repeated row ${rowNumber}): which value is real cannot be told`,
  });
}

/** Bytes and time for the whole read. */
interface ReadBudget {
  used: number;
  maxBytes: number;
  deadline: number;
  seconds: number;
  aborted: XlsxReadError | null;
}

/** Inflated chunks of 256 KB rather than zlib's 16 KB: a sixteenth of the per-chunk work in the scanner. */
const INFLATE_CHUNK = 256 * 1024;

/**
 * An entry's inflated bytes. yauzl hands over the entry's raw bytes (it checks the local header and the bounds);
 * inflating here lets the chunks be large, and stream.pipeline forwards an error from either stage (a read error,
 * or zlib's "invalid block type", "unexpected end of file", …) to the stream the reader iterates.
 */
function openEntry(zip: Zip, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolveStream, reject) => {
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
      reject(new PartProblem({ zh: `使用了不支持的压缩方法（${entry.compressionMethod}）`, en: `uses an unsupported compression method (${entry.compressionMethod})` }));
      return;
    }
    zip.file.openReadStream(entry, { decodeFileData: false }, (error, raw) => {
      if (error || !raw) return reject(error ?? new Error("no stream"));
      if (entry.compressionMethod === 0) return resolveStream(raw as Readable);
      const inflate = zlib.createInflateRaw({ chunkSize: INFLATE_CHUNK });
      resolveStream(pipeline(raw as Readable, inflate, () => undefined));
    });
  });
}

/**
 * The inflated bytes of a part, counted against the budget as they stream: more bytes than the directory claims
 * stops the part at once (a directory that lies about sizes), and at the end its size and CRC-32 must match.
 */
async function* partChunks(zip: Zip, entry: yauzl.Entry, budget: ReadBudget): AsyncGenerator<Buffer> {
  const stream = await openEntry(zip, entry);
  const claimed = entry.uncompressedSize;
  let crc = 0;
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (budget.aborted) throw budget.aborted;
      size += chunk.length;
      budget.used += chunk.length;
      if (size > claimed) {
        throw new PartProblem({ zh: `解压后超过 zip 目录记载的大小（${claimed} 字节）`, en: `inflates to more than the ${claimed} bytes the zip directory records` });
      }
      if (budget.used > budget.maxBytes) throw tooLarge(budget.maxBytes);
      if (Date.now() > budget.deadline) throw tooSlow(budget.seconds);
      crc = crc32(chunk, crc);
      yield chunk;
    }
  } finally {
    stream.destroy();
  }
  if (size !== claimed) {
    throw new PartProblem({ zh: `的实际大小（${size} 字节）与 zip 目录记载的（${claimed} 字节）不符`, en: `is ${size} bytes long, not the ${claimed} bytes the zip directory records` });
  }
  if (crc >>> 0 !== entry.crc32 >>> 0) {
    throw new PartProblem({ zh: "的 CRC-32 校验和不符：内容已被改动或损坏", en: "fails its CRC-32 check: its contents were altered or damaged" });
  }
}

/** A streaming decoder for one part, chosen from its byte-order mark or XML declaration (XML 1.0 appendix F). */
function decoderFor(head: Buffer): { decoder: TextDecoder; skip: number } {
  const b0 = head[0];
  const b1 = head[1];
  const make = (label: string, skip: number) => ({ decoder: new TextDecoder(label, { fatal: true }), skip });
  if (b0 === 0xef && b1 === 0xbb && head[2] === 0xbf) return make("utf-8", 3);
  if (b0 === 0xff && b1 === 0xfe) return make("utf-16le", 2);
  if (b0 === 0xfe && b1 === 0xff) return make("utf-16be", 2);
  if (b0 === 0x3c && b1 === 0x00 && head[2] === 0x3f && head[3] === 0x00) return make("utf-16le", 0);
  if (b0 === 0x00 && b1 === 0x3c && head[2] === 0x00 && head[3] === 0x3f) return make("utf-16be", 0);
  const declaration = /^<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head.toString("latin1", 0, Math.min(head.length, 512)));
  if (!declaration) return make("utf-8", 0);
  const label = declaration[1];
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new PartProblem({ zh: `声明了无法识别的字符编码“${label}”`, en: `declares an unknown character encoding "${label}"` });
  }
  if (decoder.encoding.startsWith("utf-16")) {
    throw new PartProblem({ zh: `声明为 ${label} 编码，但内容并非 ${label}`, en: `declares ${label} but is not encoded in it` });
  }
  return { decoder, skip: 0 };
}

/**
 * Decode a part's bytes (encoding from its BOM or declaration) and feed them to the strict XML scanner. Throws
 * PartProblem when the part is not text in its encoding or not well-formed XML.
 */
async function feed(handler: XmlHandler, chunks: AsyncIterable<Buffer>): Promise<void> {
  const scanner = new XmlScanner(handler);
  let decoder: TextDecoder | null = null;
  let head: Buffer | null = null;
  /**
   * The first problem with the text; the rest of the part is still drained, so that a part whose bytes were damaged
   * is reported as such (its CRC-32 fails at the end, thrown by partChunks) rather than as the XML error the damage
   * happened to cause.
   */
  let problem: unknown = null;
  const write = (bytes: Buffer | null) => {
    if (problem !== null) return;
    try {
      if (decoder === null) {
        const chosen = decoderFor(bytes ?? Buffer.alloc(0));
        decoder = chosen.decoder;
        scanner.write(decoder.decode((bytes ?? Buffer.alloc(0)).subarray(chosen.skip), { stream: true }));
      } else if (bytes === null) {
        scanner.write(decoder.decode());
        scanner.end();
      } else scanner.write(decoder.decode(bytes, { stream: true }));
    } catch (error) {
      problem = error;
    }
  };
  for await (const chunk of chunks) {
    if (decoder === null && problem === null) {
      head = head ? Buffer.concat([head, chunk]) : chunk;
      if (head.length < 512) continue; // enough bytes to read the declaration
      write(head);
      head = null;
      continue;
    }
    write(chunk);
  }
  if (decoder === null) write(head);
  write(null);
  if (problem === null) return;
  const error = problem as Error;
  if (error instanceof XmlSyntaxError) throw new PartProblem({ zh: `不是格式正确的 XML（${error.message}）`, en: `is not well-formed XML (${error.message})` });
  if (error instanceof TypeError && /encoded data was not valid|invalid/i.test(error.message)) {
    const encoding = (decoder as TextDecoder | null)?.encoding ?? "utf-8";
    throw new PartProblem({ zh: `含有不符合其字符编码（${encoding}）的字节`, en: `holds bytes that are not valid ${encoding}` });
  }
  throw error;
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

interface Relationship {
  id: string;
  /** The last segment of the relationship type ("worksheet", "sharedStrings", "styles", "officeDocument"). */
  type: string;
  target: string;
  external: boolean;
}

async function parseRelationships(chunks: AsyncIterable<Buffer>): Promise<Relationship[]> {
  const rels: Relationship[] = [];
  await feed(
    {
      open(name, tag) {
        if (name === "Relationship") {
          const type = tag.attr("Type") ?? "";
          rels.push({ id: tag.attr("Id") ?? "", type: type.slice(type.lastIndexOf("/") + 1), target: tag.attr("Target") ?? "", external: tag.attr("TargetMode") === "External" });
        }
      },
      text() {},
      close() {},
    },
    chunks,
  );
  return rels;
}

/** A relationship's target as a part name in the zip: relative to the source part's folder, or absolute ("/xl/…"). */
export function resolvePartName(sourcePart: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(target);
  } catch {
    // not percent-encoded
  }
  t = t.replace(/\\/g, "/");
  const base = t.startsWith("/") ? [] : sourcePart.split("/").slice(0, -1);
  for (const seg of t.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") base.pop();
    else base.push(seg);
  }
  return base.join("/");
}

/** The relationships part of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
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
  /** Merged ranges as written (<mergeCell ref="A2:A13"/>). */
  merges: string[];
}

/** Merged ranges kept per sheet (a sheet with more is read without the rest; they only fill in person keys). */
const MAX_MERGES = 200_000;

async function parseWorksheet(chunks: AsyncIterable<Buffer>, strings: readonly string[], styles: readonly StyleInfo[], date1904: boolean, budget: SheetBudget): Promise<ParsedSheet> {
  const values: CellValue[][] = [];
  let formulas: (string | null)[][] | undefined;
  let numberFormats: (string | null)[][] | undefined;
  let firstRow = 0;
  let slots = 0;
  let truncatedAt: number | undefined;
  const shared = new Map<string, { formula: string; row: number; col: number }>();
  const merges: string[] = [];

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
      else if (name === "mergeCell") {
        const m = tag.attr("ref");
        if (m && merges.length < MAX_MERGES) merges.push(m);
      }
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
            if (hasV && vText !== "") {
              const index = Number(vText);
              value = strings[index];
              if (value === undefined) {
                throw new PartProblem({
                  zh: `的单元格 ${ref || `第 ${rowNumber} 行`} 引用了不存在的共享字符串（第 ${vText} 个，共 ${strings.length} 个）`,
                  en: `has a cell ${ref || `in row ${rowNumber}`} that refers to shared string ${vText}, but there are only ${strings.length}`,
                });
              }
            }
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
        refuseCellWrittenTwice(target, formulas?.[rowIndex], slot, ref, rowNumber, col);
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
  await feed({ open, text, close }, chunks);
  if (formulas) while (formulas.length < values.length) formulas.push([]);
  if (numberFormats) while (numberFormats.length < values.length) numberFormats.push([]);
  if (formulas && formulas.length > values.length) formulas.length = values.length;
  if (numberFormats && numberFormats.length > values.length) numberFormats.length = values.length;
  return { values, formulas, numberFormats, firstRow: firstRow || 1, truncatedAt, slots, merges };
}


/* ---------------------------------------------------------------------------------------------------------------
 * The reader.
 * ------------------------------------------------------------------------------------------------------------- */

/** Read every sheet of an .xlsx file. Throws XlsxReadError when the file cannot be used at all. */
export async function readXlsx(path: string, options: ReadOptions = {}): Promise<WorkbookRead> {
  sniffFile(path);
  const maxCells = options.maxCells ?? envNumber("LEVY_MAX_CELLS") ?? DEFAULT_MAX_CELLS;
  const maxBytes = options.maxBytes ?? (envNumber("LEVY_MAX_MB") ?? DEFAULT_MAX_MB) * 1024 ** 2;
  const seconds = options.maxSeconds ?? envNumber("LEVY_MAX_SECONDS") ?? DEFAULT_MAX_SECONDS;
  const budget: ReadBudget = { used: 0, maxBytes, deadline: Date.now() + seconds * 1000, seconds, aborted: null };
  const zip = await openZip(path);
  // A timer both bounds the time and keeps the process alive while a read is pending: a stream that never settles
  // ends in a clear TOO_SLOW refusal, never in a silent exit 0.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      budget.aborted = tooSlow(seconds);
      reject(budget.aborted);
    }, seconds * 1000);
  });
  try {
    checkDirectory(zip, maxBytes);
    const work = readWorkbook(zip, budget, maxCells);
    // If the timer wins, the work stops at its next chunk (budget.aborted); its rejection is then nobody's business.
    work.catch(() => undefined);
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    zip.file.close();
  }
}

async function readWorkbook(zip: Zip, budget: ReadBudget, maxCells: number): Promise<WorkbookRead> {
  const entryOf = (part: string) => zip.byName.get(part.toLowerCase());
  /** Read one part whole with `parse`; any failure refuses the file naming the part (and sheet). */
  const readPart = async <T>(part: string, what: Bilingual, parse: (chunks: AsyncIterable<Buffer>) => Promise<T>): Promise<T> => {
    const entry = entryOf(part);
    const label = { zh: `部件“${part}”${what.zh}`, en: `The part "${part}"${what.en}` };
    if (!entry) throw damaged(part, label, { zh: "在文件中不存在", en: "is missing from the file" });
    try {
      return await parse(partChunks(zip, entry, budget));
    } catch (error) {
      if (error instanceof XlsxReadError) throw error;
      if (error instanceof PartProblem) throw damaged(part, label, error.reason);
      const text = shortReason(error);
      if (/too many bytes|not enough bytes/i.test(text)) {
        throw damaged(part, label, { zh: `的实际大小与 zip 目录记载的不符（${text}）`, en: `does not have the size the zip directory records (${text})` });
      }
      throw damaged(part, label, { zh: `的压缩数据无法解压（${text}）`, en: `holds compressed data that cannot be inflated (${text})` });
    }
  };

  // The package relationships name the workbook part; without them, the usual name.
  let workbookName = "xl/workbook.xml";
  if (entryOf("_rels/.rels")) {
    const rootRels = await readPart("_rels/.rels", { zh: "（文件关系表）", en: " (package relationships)" }, parseRelationships);
    const office = rootRels.find((r) => r.type === "officeDocument" && !r.external);
    if (office) workbookName = resolvePartName("", office.target);
  }
  if (!entryOf(workbookName)) {
    const names = zip.byName;
    const hint = names.has("word/document.xml") ? { zh: "（这是 Word 文档）", en: " (it is a Word document)" } : names.has("ppt/presentation.xml") ? { zh: "（这是 PowerPoint 文件）", en: " (it is a PowerPoint file)" } : { zh: "", en: "" };
    throw new XlsxReadError("NOT_XLSX", { zh: `这是 zip 压缩文件，但不是 Excel 工作簿${hint.zh}。`, en: `This is a zip archive but not an Excel workbook${hint.en}.` });
  }
  const workbookPart = await readPart(workbookName, { zh: "（工作簿）", en: " (the workbook)" }, parseWorkbookPart);
  const relsName = relsPartOf(workbookName);
  const rels = entryOf(relsName) ? await readPart(relsName, { zh: "（工作簿关系表）", en: " (workbook relationships)" }, parseRelationships) : [];
  const relById = new Map<string, Relationship>();
  for (const r of rels) relById.set(r.id, r);
  const partOf = (type: string, fallback: string): string | null => {
    const r = rels.find((x) => x.type === type && !x.external);
    if (r) return resolvePartName(workbookName, r.target);
    return rels.length === 0 && entryOf(fallback) ? fallback : null;
  };

  const stylesName = partOf("styles", "xl/styles.xml");
  const styles = stylesName ? await readPart(stylesName, { zh: "（样式）", en: " (styles)" }, parseStyles) : [];
  const stringsName = partOf("sharedStrings", "xl/sharedStrings.xml");
  const strings = stringsName ? await readPart(stringsName, { zh: "（共享字符串）", en: " (shared strings)" }, parseSharedStrings) : [];

  const notes: ReaderNote[] = [];
  const sheetBudget: SheetBudget = { remaining: maxCells };
  const sheets: SheetData[] = [];
  let cells = 0;
  for (const [index, s] of workbookPart.sheets.entries()) {
    const name = s.name || `Sheet${index + 1}`;
    const what = { zh: `（工作表“${name}”）`, en: ` (sheet "${name}")` };
    const rel = relById.get(s.rId);
    let part: string;
    if (rel) {
      if (rel.type !== "worksheet") continue; // a chart sheet, dialog or macro sheet: no cells to audit
      part = resolvePartName(workbookName, rel.target);
    } else if (rels.length === 0 && entryOf(`xl/worksheets/sheet${index + 1}.xml`)) {
      part = `xl/worksheets/sheet${index + 1}.xml`;
    } else {
      throw damaged(workbookName, { zh: `工作表“${name}”`, en: `Sheet "${name}"` }, { zh: `在工作簿关系表中找不到（${s.rId || "无编号"}）`, en: `has no entry in the workbook relationships (${s.rId || "no id"})` });
    }
    const sheet = await readPart(part, what, (chunks) => parseWorksheet(chunks, strings, styles, workbookPart.date1904, sheetBudget));
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
    // General-format numbers stay numbers; the model's date readers turn them into dates in this system.
    if (workbookPart.date1904) data.date1904 = true;
    if (sheet.formulas) data.formulas = sheet.formulas;
    if (sheet.numberFormats) data.numberFormats = sheet.numberFormats;
    if (sheet.merges.length) data.merges = sheet.merges;
    const tables = await readSheetTables(part, entryOf, readPart);
    if (tables.length) data.tables = tables;
    sheets.push(data);
  }
  return { sheets, notes, cells, date1904: workbookPart.date1904 };
}

/**
 * The Excel tables (ListObjects) on a worksheet, from its relationships: name and range. The audit reads every row of
 * a sheet, but a formula over `RosterTable[#All]` sees only the table's range, so the analysis compares the two
 * (TABLE_ROWS_OUTSIDE). A table part is small; a damaged one refuses the file like any other part.
 */
async function readSheetTables(
  sheetPart: string,
  entryOf: (part: string) => unknown,
  readPart: <T>(part: string, what: Bilingual, parse: (chunks: AsyncIterable<Buffer>) => Promise<T>) => Promise<T>,
): Promise<Array<{ name: string; ref: string }>> {
  const relsName = relsPartOf(sheetPart);
  if (!entryOf(relsName)) return [];
  const rels = await readPart(relsName, { zh: "（工作表关系表）", en: " (sheet relationships)" }, parseRelationships);
  const out: Array<{ name: string; ref: string }> = [];
  for (const r of rels) {
    if (r.type !== "table" || r.external) continue;
    const part = resolvePartName(sheetPart, r.target);
    const table = await readPart(part, { zh: "（表格定义）", en: " (table definition)" }, async (chunks) => {
      let found: { name: string; ref: string } | null = null;
      await feed(
        {
          open(name, tag) {
            if (name === "table" && !found) found = { name: tag.attr("displayName") ?? tag.attr("name") ?? "", ref: tag.attr("ref") ?? "" };
          },
          text() {},
          close() {},
        },
        chunks,
      );
      return found as { name: string; ref: string } | null;
    });
    if (table && table.name && table.ref) out.push(table);
  }
  return out;
}

/** The file is refused because one part is damaged: say which, and what to do. */
function damaged(part: string, label: Bilingual, reason: Bilingual): XlsxReadError {
  return new XlsxReadError(
    "CORRUPT",
    {
      zh: `工作簿已损坏：${label.zh}${reason.zh}。文件未作审核。请向提供方索取未损坏的文件，或在 Excel 中打开（Excel 会提示修复）并另存后重试。`,
      en: `The workbook is damaged: ${label.en} ${reason.en}. The file was not audited. Ask for an undamaged copy, or open it in Excel (which offers to repair it), save it again and retry.`,
    },
    part,
  );
}

function shortReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0].slice(0, 160);
}
