/**
 * Exact decimal arithmetic for money, headcounts and ratios.
 *
 * One configured Decimal constructor for the whole project: 40 significant digits (the issue asks for >= 34) and
 * ROUND_HALF_UP as the only rounding mode, used only where the filing form rounds (columns 9 and 10).
 * Nothing in the core ever converts money to a JavaScript number.
 */
import DecimalJs from "decimal.js";

export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Decimal = InstanceType<typeof Decimal>;

/** What callers may hand the core where a decimal is expected. Numbers are accepted but converted via their shortest string. */
export type DecimalLike = Decimal | string | number;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);
export const TWELVE = new Decimal(12);

/** Strict conversion: throws on NaN, Infinity, empty or non-numeric text. Use `parseDecimalLoose` for user-typed text. */
export function dec(value: DecimalLike): Decimal {
  if (value instanceof Decimal) return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    // String(number) gives the shortest round-trip representation, e.g. 0.1 -> "0.1", not 0.1000000000000000055…
    return new Decimal(String(value));
  }
  const text = value.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) throw new RangeError(`not a decimal number: "${value}"`);
  return new Decimal(text);
}

/** Round money to 0.01 yuan, ROUND_HALF_UP, the filing form's convention. */
export function roundMoney(value: Decimal): Decimal {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Money as a plain decimal string with exactly two decimals ("1234.50"), no exponent, no separators. */
export function moneyString(value: Decimal): string {
  return fixedPlaces(value, 2);
}

/**
 * `value` rounded half-up to `places` decimals and written out with exactly that many (no exponent: the constructor's
 * toExpNeg/toExpPos keep plain notation for every magnitude a levy can have).
 */
export function fixedPlaces(value: Decimal, places: number): string {
  const text = value.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toString();
  if (places === 0) return text;
  const [whole, frac = ""] = text.split(".");
  // "-0.00" is zero and written "0.00"; "-0.01" is a refund of one fen and keeps its sign.
  const normalised = whole === "-0" && /^0*$/.test(frac) ? "0" : whole;
  return `${normalised}.${frac.padEnd(places, "0")}`;
}

/** A full-precision decimal as a plain string without exponent and without trailing zeros ("60.66666666…", "0.015"). */
export function plainString(value: Decimal): string {
  // toString() never uses an exponent within the configured range and never writes trailing zeros.
  const text = value.toString();
  return text === "-0" ? "0" : text;
}

/** Display form for headcounts and shortfalls: two decimals, as the filing guides show them (the value itself is not rounded). */
export function display2(value: Decimal): string {
  return fixedPlaces(value, 2);
}

/** Money with thousands separators for human-readable output ("1,234,567.89"). */
export function moneyDisplay(value: Decimal): string {
  const [whole, frac] = moneyString(value).split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const digits = sign ? whole.slice(1) : whole;
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${frac}`;
}

export function minDecimal(a: Decimal, b: Decimal): Decimal {
  return a.lessThanOrEqualTo(b) ? a : b;
}

export function maxDecimal(a: Decimal, b: Decimal): Decimal {
  return a.greaterThanOrEqualTo(b) ? a : b;
}
