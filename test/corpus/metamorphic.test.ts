/**
 * Metamorphic corpus: one company rendered through every layout in layouts.ts (alone and combined) must give the
 * same form columns 4–12, the same roster row accounting, the same headcount/wage/disability finding codes, the same
 * region and period — and the aggregates the independent oracle in people.ts predicts. A property test draws random
 * companies and random combinations of layout transformations and checks the same invariant.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseWorkbook } from "../../src/validation/analyse";
import type { WorkbookAudit } from "../../src/validation/analyse-contract";
import { invariant } from "./invariant";
import { BASE, RENDERINGS, render } from "./layouts";
import type { LayoutOptions } from "./layouts";
import { makeCompany, oracle } from "./people";

const TODAY = "2025-03-01";
function audit(people: ReturnType<typeof makeCompany>, options: Partial<LayoutOptions>): WorkbookAudit {
  return analyseWorkbook(render(people, options), { today: TODAY });
}

describe("metamorphic corpus: the same people through every layout", () => {
  const people = makeCompany(7);
  const truth = oracle(people);
  const baseline = invariant(audit(people, {}));

  it("the baseline agrees with the independent oracle and is clean", () => {
    expect(baseline.fatal).toBeNull();
    // The oracle counts half-months: 24 of them make one person-year.
    expect(Number(baseline.form!.headcount) * 24).toBeCloseTo(truth.headcountX24, 9);
    expect(Math.round(Number(baseline.form!.wageTotal) * 100)).toBe(truth.wageFen);
    expect(baseline.form!.certifiedDisabled).toBe(String(truth.certified));
    expect(baseline.region).toBe("CN-JS");
    expect(baseline.filingYear).toBe(2025);
    expect(baseline.errors).toEqual([]);
    // Every exclusion the people call for is reported.
    expect(baseline.codes).toEqual(["DS_UNCERTIFIED:warning", "HC_DISPATCH_IN:info", "HC_INTERN:info", "HC_PART_TIME:info", "HC_RETIREE:info", "WG_EXCLUDED_STAFF_PAY:info"]);
    expect(Number(baseline.form!.payable)).toBeGreaterThan(0);
  });

  it("has at least 15 renderings", () => {
    expect(Object.keys(RENDERINGS).length).toBeGreaterThanOrEqual(15);
  });

  for (const [name, options] of Object.entries(RENDERINGS)) {
    it(`${name}: same levy, same roster accounting, same findings`, () => {
      expect(invariant(audit(people, options))).toEqual(baseline);
    });
  }
});

describe("metamorphic property: random people, random combinations of layouts", () => {
  const layoutArb = fc.record({
    vocabulary: fc.constantFrom<LayoutOptions["vocabulary"]>("standard", "hr", "english"),
    titles: fc.boolean(),
    twoRowHeader: fc.boolean(),
    payroll: fc.constantFrom<LayoutOptions["payroll"]>("long", "sheets", "wide", "annual"),
    monthSheetNames: fc.constantFrom<LayoutOptions["monthSheetNames"]>("n月", "yyyy年n月", "yyyy.mm", "n月工资"),
    bonusSheet: fc.boolean(),
    grossAndNet: fc.boolean(),
    grossOnly: fc.boolean(),
    inlineDisabled: fc.boolean(),
    subtotals: fc.boolean(),
    lookupSheet: fc.boolean(),
    shuffleColumns: fc.boolean(),
    shuffleSheets: fc.boolean(),
    parameters: fc.constantFrom<LayoutOptions["parameters"]>("standard", "form", "noYear"),
  });

  it("any combination gives the baseline's invariant", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 40, max: 120 }), layoutArb, (seed, size, layout) => {
        const people = makeCompany(seed, size);
        const base = invariant(audit(people, BASE));
        const truth = oracle(people);
        expect(Number(base.form!.headcount) * 24).toBeCloseTo(truth.headcountX24, 9);
        expect(Math.round(Number(base.form!.wageTotal) * 100)).toBe(truth.wageFen);
        expect(invariant(audit(people, layout))).toEqual(base);
      }),
      { numRuns: 40, seed: 20261201 },
    );
  });
});
