/**
 * Tolerant cell parsers. Each reader keeps its last result in fields instead of returning an object, because the
 * payroll loop reads millions of cells and a result object per cell would dominate the run time.
 *
 * Money is read as exact integer fen whenever the amount has at most two decimals (the check below is exact, see
 * `fenOf`); anything finer falls back to a Decimal. Nothing here uses parseFloat or toFixed on money.
 */
import { Decimal, dec } from "../core/decimal";
import { DATE1904_OFFSET, isIsoDate, isoFromParts, parseDateLoose } from "../core/dates";
import { snapFen } from "../core/fen";
import { isCellError } from "./types";
import type { CellValue } from "./types";
import { errorValueOf, nfkc } from "./text";

export const BLANK = 0;
export const OK = 1;
/** Read correctly, but the cell held text (a number stored as text): DATA_TEXT_NUMBER. */
export const TEXT = 2;
export const BAD = 3;
export type ReadStatus = typeof BLANK | typeof OK | typeof TEXT | typeof BAD;

const DAY_MS = 86_400_000;

/**
 * A finite double → exact integer fen, or NaN when the double is not (within float noise) a decimal with at most two
 * places. The snap lives in core/fen.ts, shared with the custom functions: 1234.56 → 123456, 231931.24999999997 (a sum
 * computed in binary) → 23193125, 0.125 → NaN (a real third decimal, read as a Decimal).
 */
export function fenOf(v: number): number {
  return snapFen(v);
}

/** Text → plain decimal text, tolerating separators, full-width digits, ¥, a trailing 元/人/名 and (123) negatives. */
export function cleanNumberText(raw: string): string | null {
  let t = nfkc(raw).trim();
  if (t === "") return null;
  t = t.replace(/[,，\s']/g, "").replace(/^[¥￥$]/, "").replace(/(元|人|名|个|人民币|rmb|cny)$/i, "");
  let negative = false;
  const paren = /^\((.*)\)$/.exec(t);
  if (paren) {
    negative = true;
    t = paren[1];
  }
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
  if (negative) t = t.startsWith("-") ? t.slice(1) : `-${t.replace(/^\+/, "")}`;
  return t;
}

/** Plain decimal text with at most two decimals → integer fen (exact integer arithmetic), else NaN. */
function fenOfText(t: string): number {
  const m = /^([+-]?)(\d{1,13})(?:\.(\d{0,2}))?$/.exec(t);
  if (!m) return NaN;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  return m[1] === "-" ? -fen : fen;
}

export class MoneyReader {
  status: ReadStatus = BLANK;
  /** The amount in fen, when `decimal` is null. */
  fen = 0;
  /** The amount, when it has more than two decimals or is too large for `fen`. */
  decimal: Decimal | null = null;

  read(v: CellValue | undefined): ReadStatus {
    this.decimal = null;
    this.fen = 0;
    if (typeof v === "number") {
      if (!Number.isFinite(v)) return (this.status = BAD);
      const f = fenOf(v);
      if (f === f) this.fen = f; // not NaN
      else this.decimal = dec(v);
      return (this.status = OK);
    }
    if (v === null || v === undefined) return (this.status = BLANK);
    if (typeof v === "string") {
      if (v.trim() === "") return (this.status = BLANK);
      if (errorValueOf(v)) return (this.status = BAD);
      const t = cleanNumberText(v);
      if (t === null) return (this.status = BAD);
      const f = fenOfText(t);
      if (f === f) this.fen = f;
      else this.decimal = dec(t);
      return (this.status = TEXT);
    }
    return (this.status = BAD); // Date, boolean, error value
  }

  /** The last amount as a Decimal (slow path; for the few places that need it). */
  value(): Decimal {
    return this.decimal ?? new Decimal(this.fen).dividedBy(100);
  }
}

/** A count or rate (headcounts, weights, contract months): Decimal or null, with a status. */
export function readQuantity(v: CellValue | undefined): { status: ReadStatus; value: Decimal | null } {
  if (typeof v === "number") return Number.isFinite(v) ? { status: OK, value: dec(v) } : { status: BAD, value: null };
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return { status: BLANK, value: null };
  if (typeof v === "string") {
    const t = cleanNumberText(v);
    return t === null ? { status: BAD, value: null } : { status: TEXT, value: dec(t) };
  }
  return { status: BAD, value: null };
}

/** Days since 1970-01-01 for an ISO date (UTC, so no time zone moves a day). */
export function dayOfIso(iso: string): number {
  return Math.round(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS);
}

export function isoOfDay(day: number): string {
  const d = new Date(day * DAY_MS);
  return isoFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function dayOf(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

/**
 * Day number → civil date without allocating (H. Hinnant's civil_from_days, proleptic Gregorian), for per-row
 * date arithmetic such as "one year after the contract start".
 */
export function civilOfDay(day: number): { y: number; m: number; d: number } {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** Civil date → day number (H. Hinnant's days_from_civil). */
export function dayOfCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * A whole number written as yyyymmdd (20240701, a number, not text) → day number, or NaN. Only years 1900–2100 and
 * real calendar dates: such a number is far beyond Excel's last serial (2958465 = 9999-12-31), so it cannot be meant
 * as a serial. Anything shorter (240701, 2024071) stays ambiguous and is not read this way.
 */
export function dayOfPackedDate(v: number): number {
  if (!Number.isInteger(v) || v < 19000101 || v > 21001231) return NaN;
  const y = Math.floor(v / 10000);
  const m = Math.floor(v / 100) % 100;
  const d = v % 100;
  const iso = isoFromParts(y, m, d);
  return isIsoDate(iso) ? dayOfIso(iso) : NaN;
}

/**
 * Dates: Excel serials (Office.js; in the 1904 system when `date1904`), Date objects (ExcelJS, UTC midnight), text
 * in the forms parseDateLoose knows (2024-03-01, 2024/3/1, 2024年3月1日, 20240301), and whole numbers written as
 * yyyymmdd (20240701: `packed` is then true, and the caller says how the cell was read). `day` is NaN unless the
 * status is OK or TEXT.
 */
export class DateReader {
  status: ReadStatus = BLANK;
  day = NaN;
  /** The last number was read as yyyymmdd, not as a serial. */
  packed = false;
  private readonly textCache = new Map<string, number>();
  private system1904: boolean;

  constructor(date1904 = false) {
    this.system1904 = date1904;
  }

  /** The workbook's date system (a reader may serve tables of several sheets of one workbook). */
  set date1904(on: boolean) {
    if (on !== this.system1904) this.textCache.clear();
    this.system1904 = on;
  }

  get date1904(): boolean {
    return this.system1904;
  }

  read(v: CellValue | undefined): ReadStatus {
    this.day = NaN;
    this.packed = false;
    if (typeof v === "number") {
      if (v >= 19000101 && v <= 21001231) {
        const day = dayOfPackedDate(v);
        if (day !== day) return (this.status = BAD);
        this.day = day;
        this.packed = true;
        return (this.status = OK);
      }
      // A six-digit number past 2100 as a serial (240701 would be 2558-12-xx) is more likely yymmdd: ambiguous, so
      // rejected rather than read as a date centuries away. 9999-12-31 (2958465, open-ended contracts) is not here.
      const serial1900 = this.system1904 ? v + DATE1904_OFFSET : v;
      if (serial1900 > 73051 && serial1900 < 1_000_000) return (this.status = BAD);
      if (this.system1904) {
        // 1904 system: serial 0 = 1904-01-01, no phantom leap day.
        if (!Number.isFinite(v) || v < 0 || v + DATE1904_OFFSET >= 2958466) return (this.status = BAD);
        this.day = Math.floor(v) + DATE1904_OFFSET - 25569;
        return (this.status = OK);
      }
      if (!Number.isFinite(v) || v < 1 || v >= 2958466) return (this.status = BAD);
      const whole = Math.floor(v);
      if (whole === 60) return (this.status = BAD); // Excel's phantom 1900-02-29
      this.day = (whole < 60 ? whole + 1 : whole) - 25569;
      return (this.status = OK);
    }
    if (v instanceof Date) {
      const t = v.getTime();
      if (Number.isNaN(t)) return (this.status = BAD);
      this.day = Math.floor(t / DAY_MS);
      return (this.status = OK);
    }
    if (v === null || v === undefined) return (this.status = BLANK);
    if (typeof v === "string") {
      if (v.trim() === "") return (this.status = BLANK);
      let day = this.textCache.get(v);
      if (day === undefined) {
        const iso = errorValueOf(v) ? undefined : parseDateLoose(v, this.system1904);
        day = iso === undefined ? NaN : dayOfIso(iso);
        if (this.textCache.size < 50_000) this.textCache.set(v, day);
      }
      if (day !== day) return (this.status = BAD);
      this.day = day;
      return (this.status = OK);
    }
    return (this.status = BAD);
  }
}

const EN_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const ZH_MONTHS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12, 正: 1, 腊: 12 };

/** Packed month: year × 100 + month, or just the month (1–12) when the cell names no year. 0 = unreadable. */
export function monthOfText(raw: string, date1904 = false): number {
  const t = nfkc(raw).trim().toLowerCase();
  let m = /^(\d{1,2})\s*月?(份)?$/.exec(t);
  if (m) return validMonth(0, Number(m[1]));
  m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*(月(份)?)?$/.exec(t);
  if (m) return validMonth(Number(m[1]), Number(m[2]));
  m = /^(\d{4})(\d{2})$/.exec(t);
  if (m) return validMonth(Number(m[1]), Number(m[2]));
  m = /^(十[一二]?|[一二三四五六七八九正腊])月(份)?$/.exec(t);
  if (m) return ZH_MONTHS[m[1]] ?? 0;
  m = /^([a-z]{3})[a-z]*\.?(?:[\s\-/,]+(\d{4}))?$/.exec(t);
  if (m && EN_MONTHS.includes(m[1])) return validMonth(m[2] ? Number(m[2]) : 0, EN_MONTHS.indexOf(m[1]) + 1);
  m = /^(\d{4})[\s\-/]+([a-z]{3})[a-z]*$/.exec(t);
  if (m && EN_MONTHS.includes(m[2])) return validMonth(Number(m[1]), EN_MONTHS.indexOf(m[2]) + 1);
  const iso = parseDateLoose(t, date1904);
  if (iso) return Number(iso.slice(0, 4)) * 100 + Number(iso.slice(5, 7));
  return 0;
}

function validMonth(year: number, month: number): number {
  if (month < 1 || month > 12) return 0;
  if (year !== 0 && (year < 1900 || year > 2200)) return 0;
  return year * 100 + month;
}

/**
 * Months: 3, "3月", "2024-03", "2024年3月", 202403, an Excel serial or a Date (its month), "Mar 2024".
 * `year` is 0 when the cell gives only the month.
 */
export class MonthReader {
  status: ReadStatus = BLANK;
  year = 0;
  month = 0;
  private readonly cache = new Map<string | number, number>();
  private system1904: boolean;

  /** `date1904`: serials are in the workbook's 1904 date system. */
  constructor(date1904 = false) {
    this.system1904 = date1904;
  }

  set date1904(on: boolean) {
    if (on !== this.system1904) this.cache.clear();
    this.system1904 = on;
  }

  get date1904(): boolean {
    return this.system1904;
  }

  read(v: CellValue | undefined, looksLikeDate = false): ReadStatus {
    this.year = 0;
    this.month = 0;
    let packed: number;
    if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return (this.status = BLANK);
    if (v instanceof Date) {
      if (Number.isNaN(v.getTime())) return (this.status = BAD);
      packed = v.getUTCFullYear() * 100 + v.getUTCMonth() + 1;
    } else if (typeof v === "number") {
      const hit = looksLikeDate ? undefined : this.cache.get(v);
      if (hit !== undefined) packed = hit;
      else {
        packed = 0;
        if (!looksLikeDate && Number.isInteger(v) && v >= 1 && v <= 12) packed = v;
        else if (!looksLikeDate && Number.isInteger(v) && v >= 190001 && v <= 220012) packed = validMonth(Math.floor(v / 100), v % 100);
        else if (v >= (this.system1904 ? 0 : 1) && v < 2958466) {
          const iso = parseDateLoose(v, this.system1904);
          if (iso) packed = Number(iso.slice(0, 4)) * 100 + Number(iso.slice(5, 7));
        }
        if (!looksLikeDate && this.cache.size < 10_000) this.cache.set(v, packed);
      }
    } else if (typeof v === "string") {
      if (errorValueOf(v)) return (this.status = BAD);
      let hit = this.cache.get(v);
      if (hit === undefined) {
        hit = monthOfText(v, this.system1904);
        if (this.cache.size < 10_000) this.cache.set(v, hit);
      }
      packed = hit;
    } else return (this.status = BAD);
    if (packed === 0) return (this.status = BAD);
    this.year = Math.floor(packed / 100);
    this.month = packed % 100;
    return (this.status = OK);
  }
}

const YES = new Set(["是", "有", "已", "已缴", "已缴纳", "正常", "正常缴纳", "缴纳", "在缴", "参保", "已参保", "足额", "足额缴纳", "已认定", "认定", "通过", "已通过", "已认证", "认证", "合格", "y", "yes", "true", "1", "√", "✓", "✔", "对", "ok"]);
const NO = new Set(["否", "无", "未", "未缴", "未缴纳", "停缴", "断缴", "欠缴", "未参保", "未认定", "不", "没有", "未通过", "未认证", "不合格", "待认定", "审核中", "n", "no", "false", "0", "×", "✗", "✘", "x", "错"]);

/** Yes/no cells: true, false, null (blank) or undefined (a value that is neither; reported as DATA_UNKNOWN_VALUE). */
const yesNoCache = new Map<string, boolean | null | undefined>();

export function readYesNo(v: CellValue | undefined): boolean | null | undefined {
  if (v === null || v === undefined) return null;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v === 1 ? true : v === 0 ? false : undefined;
  if (typeof v !== "string") return undefined;
  // A yes/no column holds a handful of distinct texts; each is normalised once.
  if (yesNoCache.has(v)) return yesNoCache.get(v);
  const t = nfkc(v).trim().toLowerCase();
  const out = t === "" ? null : YES.has(t) ? true : NO.has(t) ? false : undefined;
  if (yesNoCache.size < 10_000) yesNoCache.set(v, out);
  return out;
}

const LOWER = /[a-z]/;
/** Module-level alias: imported bindings compile to getter calls, and personKey runs once per payroll row. */
const nfkcFn = nfkc;

/** A key for matching people across tables: trimmed NFKC text; digit-only ids lose leading zeros (001 = 1). */
export function personKey(v: CellValue | undefined): string | null {
  if (v === null || v === undefined) return null;
  let t: string;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return null;
    t = String(v);
  } else if (typeof v === "string") {
    t = nfkcFn(v).trim();
    if (t === "") return null;
    const first = t.charCodeAt(0);
    if (first === 48 /* 0 */ && /^\d+$/.test(t)) t = t.replace(/^0+(?=\d)/, "");
  } else return null;
  // Upper-casing allocates a new string, so only when there is a lower-case ASCII letter to change.
  return LOWER.test(t) ? t.toUpperCase() : t;
}
