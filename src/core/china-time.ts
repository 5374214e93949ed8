/**
 * Timestamps as a Chinese accountant reads them: China Standard Time (UTC+8, no daylight saving), "2026-12-01 21:25".
 * Pure: the instant comes in (a Date or an ISO string with its offset), the wall-clock text goes out.
 */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/**
 * "2026-12-01T13:25:40Z" → "2026-12-01 21:25". A string that is not a date-time (no time part, or not parseable) is
 * returned unchanged, so a caller that already holds a formatted text loses nothing.
 */
export function chinaTime(when: Date | string): string {
  if (typeof when === "string" && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(when.trim())) return when;
  const ms = typeof when === "string" ? Date.parse(when) : when.getTime();
  if (!Number.isFinite(ms)) return typeof when === "string" ? when : "";
  const d = new Date(ms + CHINA_OFFSET_MS);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
