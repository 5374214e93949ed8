/**
 * A user's value as it may appear inside a message: one line, at most `max` characters (a 200 MB string must not
 * become a 200 MB message), and never "[object Object]" — ranges and objects are described, not stringified.
 */
export function shown(value: unknown, max = 40): string {
  let text: string;
  if (typeof value === "string") text = value;
  else if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint" || value === null || value === undefined) text = String(value);
  else if (Array.isArray(value)) text = `[…${value.length}]`;
  else if (value instanceof Date) text = Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString().slice(0, 10);
  else if (typeof value === "object") text = "{…}";
  else text = typeof value;
  text = text.replace(/[\r\n\t]+/g, " ");
  return text.length > max ? `${text.slice(0, max)}…（共 ${text.length} 字符 / ${text.length} characters）` : text;
}
