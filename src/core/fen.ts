/**
 * Money that arrives as a binary double is snapped to the fen before any decimal work.
 *
 * A wage total, a payment or a salary can never hold a fraction of a fen, but a double that Excel computed (a SUM over
 * many cells, a SUMPRODUCT, a pasted value) may sit a hair away from the exact amount: 231931.25 summed in binary
 * floating point can arrive as 231931.24999999997, and taking that at face value rounds column 9 half a fen the wrong
 * way (231,931.24 instead of 231,931.25). The rule, in one place for the custom functions, the settings block and the
 * workbook reader: when |v·100 − round(v·100)| < 1e-6, the amount is round(v·100) fen; otherwise the double is taken
 * as written (e.g. 0.125 stays 0.125: that is a real third decimal, not noise).
 */

/** Amounts beyond this (10^13 yuan) are not snapped: v·100 no longer resolves 1e-6 fen. */
const MAX_SNAP_FEN = 1e15;
/** How far from a whole fen a double may be and still be that fen (in fen). */
export const FEN_SNAP_TOLERANCE = 1e-6;

/** A finite double → integer fen when it is (within float noise) a whole number of fen; NaN otherwise. */
export function snapFen(v: number): number {
  const x = v * 100;
  const r = Math.round(x);
  if (Math.abs(r) > MAX_SNAP_FEN) return NaN;
  // Exact for every decimal Excel stores with ≤ 2 places (r/100 === v), and for the binary noise of sums.
  return r / 100 === v || Math.abs(x - r) < FEN_SNAP_TOLERANCE ? (r === 0 ? 0 : r) : NaN;
}

/** Integer fen → plain decimal text with two decimals ("-12.05"), exact (integer arithmetic only). */
export function fenText(fen: number): string {
  const negative = fen < 0;
  const a = Math.abs(fen);
  const whole = Math.floor(a / 100);
  const cents = a - whole * 100;
  return `${negative ? "-" : ""}${whole}.${cents < 10 ? "0" : ""}${cents}`;
}

/** A money double as decimal text: snapped to the fen when it is one, else its shortest round-trip text. */
export function moneyTextOfNumber(v: number): string {
  const f = snapFen(v);
  // An exact amount keeps its own text ("100000"); only noise is replaced by the fen it stands for.
  return f === f && f / 100 !== v ? fenText(f) : String(v);
}
