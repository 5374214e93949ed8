/**
 * Money arriving as a binary double is snapped to the fen before any decimal work (core/fen.ts), in the custom
 * functions, the settings block and the workbook reader alike.
 */
import { describe, expect, it } from "vitest";
import { Decimal } from "../../src/core/decimal";
import { fenText, moneyTextOfNumber, snapFen } from "../../src/core/fen";
import { parseSettings } from "../../src/core/settings";
import * as impl from "../../src/functions/impl";
import { MoneyReader, fenOf } from "../../src/workbook/parse";

const SETTINGS = [
  ["地区", "CN"],
  ["申报年度", 2025],
];
// Four wage amounts whose exact sum is 110,425.00; summed left to right in binary floating point (as SUM or
// SUMPRODUCT does) they give 110424.99999999999. Headcount 100, none disabled, 1.5%: column 9 = 0.015 × 110,425
// = 1,656.375, which rounds half up to 1,656.38 — and to 1,656.37 if the double is taken at face value.
const AMOUNTS = [49354.59, 33609.27, 26460.15, 1000.99];

describe("money snapped to the fen", () => {
  it("the float sum really is just under the exact figure", () => {
    const floatSum = AMOUNTS.reduce((a, b) => a + b, 0);
    expect(floatSum).toBe(110424.99999999999);
    expect(AMOUNTS.reduce((s, a) => s.plus(a), new Decimal(0)).toString()).toBe("110425");
    // Taken at face value the decimal work rounds the wrong way: this is the bug being prevented.
    expect(new Decimal(String(floatSum)).times("0.015").toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toString()).toBe("1656.37");
  });

  it("LEVY.GROSS / DUE on the float sum give the exact figure, 1,656.38", () => {
    const floatSum = AMOUNTS.reduce((a, b) => a + b, 0);
    expect(impl.gross(100, 0, floatSum, SETTINGS)).toBe(1656.38);
    expect(impl.gross(100, 0, 110425, SETTINGS)).toBe(1656.38);
    expect(impl.due(100, 0, floatSum, SETTINGS)).toBe(impl.due(100, 0, 110425, SETTINGS));
  });

  it("the issue's case: 231,931.24999999997 is 231,931.25", () => {
    expect(snapFen(231931.24999999997)).toBe(23193125);
    expect(moneyTextOfNumber(231931.24999999997)).toBe("231931.25");
    expect(fenOf(231931.24999999997)).toBe(23193125);
  });

  it("a real third decimal is not noise and is kept", () => {
    expect(snapFen(0.125)).toBeNaN();
    expect(moneyTextOfNumber(0.125)).toBe("0.125");
    expect(moneyTextOfNumber(1234.5678)).toBe("1234.5678");
    expect(snapFen(1234.56)).toBe(123456);
    expect(snapFen(-0.01)).toBe(-1);
    expect(fenText(-1205)).toBe("-12.05");
    expect(fenText(7)).toBe("0.07");
    expect(fenText(0)).toBe("0.00");
  });

  it("the workbook reader and the settings block use the same snap", () => {
    const r = new MoneyReader();
    r.read(110424.99999999999);
    expect(r.decimal).toBeNull();
    expect(r.fen).toBe(11042500);
    const s = parseSettings([["已缴", 0.30000000000000004], ["社会平均工资", 118235.99999999999]]);
    expect(s.case.alreadyPaid).toBe("0.30");
    expect(parseSettings([["已缴", 100000]]).case.alreadyPaid).toBe("100000");
    expect(s.case.socialAverageWage).toBe("118236.00");
  });
});
