/**
 * An exact money accumulator for hot loops: integer fen in a plain number (exact far beyond any payroll, and flushed
 * into a Decimal long before 2^53), plus a Decimal for the rare amounts with more than two decimals.
 */
import { Decimal } from "../core/decimal";

const FLUSH_AT = 4e15;

export class MoneySum {
  fen = 0;
  private extra: Decimal | null = null;

  addFen(fen: number): void {
    this.fen += fen;
    if (this.fen > FLUSH_AT || this.fen < -FLUSH_AT) this.flush();
  }

  addDecimal(value: Decimal): void {
    this.extra = this.extra ? this.extra.plus(value) : value;
  }

  addSum(other: MoneySum): void {
    this.addFen(other.fen);
    if (other.extra) this.addDecimal(other.extra);
  }

  private flush(): void {
    this.addDecimal(new Decimal(this.fen).dividedBy(100));
    this.fen = 0;
  }

  isZero(): boolean {
    return this.fen === 0 && (this.extra === null || this.extra.isZero());
  }

  toDecimal(): Decimal {
    const base = new Decimal(this.fen).dividedBy(100);
    return this.extra ? base.plus(this.extra) : base;
  }
}
