/**
 * Calendar dates as ISO strings (YYYY-MM-DD), computed in UTC so no time zone can shift a day.
 * Excel serials use the 1900 date system (serial 1 = 1900-01-01, with Excel's phantom 1900-02-29 at serial 60).
 */

const DAY_MS = 86_400_000;
/** Serial 25569 is 1970-01-01 in Excel's 1900 system (valid for serials after the phantom leap day). */
const EXCEL_UNIX_EPOCH_SERIAL = 25569;

export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoFromParts(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function parts(iso: string): { year: number; month: number; day: number } {
  return { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) };
}

/** Whole days from a to b (b − a); positive when b is later. */
export function daysBetween(a: string, b: string): number {
  const pa = parts(a);
  const pb = parts(b);
  return Math.round((Date.UTC(pb.year, pb.month - 1, pb.day) - Date.UTC(pa.year, pa.month - 1, pa.day)) / DAY_MS);
}

export function addDays(iso: string, days: number): string {
  const p = parts(iso);
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day) + days * DAY_MS);
  return isoFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The same day `years` later; 29 February becomes 1 March in a common year (the anniversary has passed by then). */
export function addYears(iso: string, years: number): string {
  const p = parts(iso);
  const y = p.year + years;
  return p.month === 2 && p.day === 29 && daysInMonth(y, 2) === 28 ? isoFromParts(y, 3, 1) : isoFromParts(y, p.month, p.day);
}

/** Serial 1462 of the 1900 system is 1904-01-01, serial 0 of the 1904 system (older Mac Excel). */
export const DATE1904_OFFSET = 1462;

/**
 * Excel serial → ISO date; fractional part (time of day) is ignored. Undefined outside 1900–9999.
 * `date1904`: the workbook uses the 1904 date system (serial 0 = 1904-01-01), so the same number is a date four
 * years and a day later. Every place that turns a cell number into a date passes the workbook's system here.
 */
export function excelSerialToIso(serial: number, date1904 = false): string | undefined {
  if (date1904) {
    if (!Number.isFinite(serial) || serial < 0 || serial + DATE1904_OFFSET >= 2958466) return undefined;
    return excelSerialToIso(serial + DATE1904_OFFSET, false);
  }
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return undefined;
  const whole = Math.floor(serial);
  if (whole === 60) return undefined; // 1900-02-29 does not exist; Excel invented it for Lotus compatibility.
  const adjusted = whole < 60 ? whole + 1 : whole; // serials before the phantom day are one day "early"
  const d = new Date((adjusted - EXCEL_UNIX_EPOCH_SERIAL) * DAY_MS);
  return isoFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function isoToExcelSerial(iso: string): number {
  const p = parts(iso);
  const serial = Date.UTC(p.year, p.month - 1, p.day) / DAY_MS + EXCEL_UNIX_EPOCH_SERIAL;
  return serial <= 60 ? serial - 1 : serial;
}

/** Today's date in UTC+8 (China), as an ISO string. */
export function todayInChina(now: Date = new Date()): string {
  const shifted = new Date(now.getTime() + 8 * 3_600_000);
  return isoFromParts(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/**
 * A date given by a user: ISO text, 2024/3/1, 2024.3.1, 2024年3月1日, 20240301, an Excel serial number (in the
 * workbook's date system: `date1904`), or a JavaScript Date (ExcelJS hands dates as UTC midnight). Undefined when it
 * is not a real date.
 */
export function parseDateLoose(value: unknown, date1904 = false): string | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    return isoFromParts(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  }
  if (typeof value === "number") return excelSerialToIso(value, date1904);
  if (typeof value !== "string") return undefined;
  const t = value.normalize("NFKC").trim();
  if (t === "") return undefined;
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(t);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) {
    const iso = isoFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
    return isIsoDate(iso) ? iso : undefined;
  }
  if (/^\d+(\.\d+)?$/.test(t)) {
    const n = Number(t);
    // Only plausible serials (1950..2100) are taken from text, so "2024" or an amount is not mistaken for a date.
    const serial1900 = date1904 ? n + DATE1904_OFFSET : n;
    if (serial1900 >= 18264 && serial1900 <= 73051) return excelSerialToIso(serial1900);
  }
  return undefined;
}
