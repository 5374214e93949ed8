/**
 * Properties of the core and the LEVY.* adapters over random inputs (fast-check):
 * no adapter throws anything but an Excel error; payable ≤ gross; gross is monotone in headcount and wage total and
 * non-increasing in the disabled count; four instalments sum to the annual amount; money has at most 2 decimals.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { Decimal } from "../../src/core/decimal";
import { calculateLevy } from "../../src/core/levy/calculate";
import { quarterlyInstallments } from "../../src/core/levy/installments";
import type { LevyCase } from "../../src/core/levy/types";
import { callExcel, installCustomFunctionsStub } from "../functions/custom-functions-stub";

installCustomFunctionsStub();
let F: typeof import("../../src/functions/functions");
beforeAll(async () => {
  F = await import("../../src/functions/functions");
});

/** Decimal strings with up to 4 decimals, the way headcounts and amounts appear in real files. */
const decimalText = (max: number) => fc.tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max: 9999 })).map(([w, f]) => `${w}.${String(f).padStart(4, "0")}`);
const regions = fc.constantFrom("CN", "CN-JS", "盐城市", "河南", "CN-SH", "新疆", "CN-BJ", "南京");
const years = fc.integer({ min: 2016, max: 2029 });
const entity = fc.constantFrom("enterprise", "public-institution", "government") as fc.Arbitrary<LevyCase["entityType"]>;
const baseCase = fc.record({
  region: regions,
  filingYear: years,
  entityType: entity,
  headcount: decimalText(5000),
  wageTotal: decimalText(500_000_000),
  certifiedDisabled: decimalText(60),
  socialAverageWage: fc.option(decimalText(300_000), { nil: undefined }),
});

const twoDecimals = (d: Decimal) => d.decimalPlaces() <= 2;

/** Anything Excel could hand a function: numbers, text, booleans, null, ranges. */
const excelScalar = fc.oneof(fc.double({ noNaN: false }), fc.string(), fc.boolean(), fc.constant(null), fc.integer(), fc.constantFrom("1,234", "１２３", "60人", "#N/A", "", " "));
const excelArg = fc.oneof(excelScalar, fc.array(fc.array(excelScalar, { maxLength: 3 }), { maxLength: 13 }));

describe("core properties", () => {
  it("payable ≤ gross, reduction ≤ gross, money has at most 2 decimals", () => {
    fc.assert(
      fc.property(baseCase, (c) => {
        const r = calculateLevy(c);
        expect(r.payable.lessThanOrEqualTo(r.grossDue)).toBe(true);
        expect(r.reduction.lessThanOrEqualTo(r.grossDue)).toBe(true);
        expect(r.reduction.isNegative()).toBe(false);
        for (const m of [r.grossDue, r.reduction, r.payable, r.alreadyPaid]) expect(twoDecimals(m)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("gross due is non-decreasing in headcount and wage total, non-increasing in the disabled count", () => {
    fc.assert(
      fc.property(baseCase, decimalText(500), decimalText(10_000_000), decimalText(5), (c, dn, dw, da) => {
        const g = calculateLevy(c).grossDue;
        const moreStaff = calculateLevy({ ...c, headcount: new Decimal(c.headcount as string).plus(dn).toString() }).grossDue;
        const moreWage = calculateLevy({ ...c, wageTotal: new Decimal(c.wageTotal).plus(dw).toString() }).grossDue;
        const moreDisabled = calculateLevy({ ...c, certifiedDisabled: new Decimal(c.certifiedDisabled as string).plus(da).toString() }).grossDue;
        expect(moreStaff.greaterThanOrEqualTo(g)).toBe(true);
        expect(moreWage.greaterThanOrEqualTo(g)).toBe(true);
        expect(moreDisabled.lessThanOrEqualTo(g)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("four instalments always sum to the annual amount and each has at most 2 decimals", () => {
    fc.assert(
      fc.property(decimalText(10_000_000), (annual) => {
        const q = quarterlyInstallments(annual);
        const sum = q.reduce((a, b) => a.plus(b), new Decimal(0));
        expect(sum.equals(new Decimal(annual).toDecimalPlaces(2, Decimal.ROUND_HALF_UP))).toBe(true);
        expect(q.every(twoDecimals)).toBe(true);
      }),
    );
  });
});

describe("LEVY.* adapters never throw anything but an Excel error", () => {
  const allowed = new Set(["#VALUE!", "#NUM!", "#N/A"]);
  const calls: Array<[string, (a: unknown[]) => unknown, string]> = [
    ["AVGHEADCOUNT", (a) => F.avgHeadcount(a[0] as never), "number"],
    ["AVGWAGE", (a) => F.avgWage(a[0], a[1], a[2], a[3] as never), "number"],
    ["REQUIRED", (a) => F.required(a[0], a[1] as never), "number"],
    ["SHORTFALL", (a) => F.shortfall(a[0], a[1], a[2] as never), "number"],
    ["GROSS", (a) => F.gross(a[0], a[1], a[2], a[3] as never), "number"],
    ["REDUCTION", (a) => F.reduction(a[0], a[1], a[2], a[3] as never), "number"],
    ["DUE", (a) => F.due(a[0], a[1], a[2], a[3] as never), "number"],
    ["TIER", (a) => F.tier(a[0], a[1], a[2], a[3] as never), "string"],
    ["HIRESNEEDED", (a) => F.hiresNeeded(a[0], a[1], a[2], a[3], a[4], a[5], a[6] as never), "number"],
    ["LATEFEE", (a) => F.lateFee(a[0], a[1], a[2], a[3] as never), "number"],
    ["INSTALLMENT", (a) => F.installment(a[0], a[1]), "number"],
    ["DISABLEDWEIGHT", (a) => F.disabledWeight(a[0], a[1] as never), "number"],
    ["CHECKID", (a) => F.checkId(a[0]), "boolean"],
    ["RULE", (a) => F.rule(a[0], a[1] as never), "any"],
    ["EXPLAIN", (a) => F.explain(a[0], a[1], a[2], a[3] as never), "object"],
  ];
  for (const [name, call, type] of calls) {
    it(`${name}: a value of the declared type or #VALUE!/#NUM!/#N/A`, () => {
      fc.assert(
        fc.property(fc.array(excelArg, { minLength: 7, maxLength: 7 }), (args) => {
          const r = callExcel(() => call(args));
          if ("error" in r) {
            expect(allowed.has(r.error.code)).toBe(true);
            expect(r.error.message.length).toBeGreaterThan(0);
          } else if (type === "number") {
            expect(typeof r.value === "number" && Number.isFinite(r.value)).toBe(true);
          } else if (type !== "any") {
            expect(typeof r.value).toBe(type);
          }
        }),
        { numRuns: 150 },
      );
    });
  }

  it("money-valued functions return values with at most 2 decimals", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 2_000_000_000 }), (n, a, w) => {
        for (const fn of [F.gross, F.reduction, F.due]) {
          const r = callExcel(() => fn(n, a, w, [["申报年度", 2025]]));
          if ("value" in r) expect(new Decimal(String(r.value)).decimalPlaces()).toBeLessThanOrEqual(2);
        }
      }),
    );
  });
});
