/**
 * Property: over random rosters and payrolls (valid, invalid, blank and hostile cells in every column), every data
 * row read is counted, excluded or rejected — per table and in total — and nothing throws.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseWorkbook } from "../../src/validation/analyse";
import { TEMPLATE_EMPLOYMENT_TYPES, TEMPLATE_PAYROLL_HEADERS, TEMPLATE_ROSTER_HEADERS } from "../../src/workbook/template-layout";
import type { CellValue } from "../../src/workbook/types";
import { makeId, parameterSheet, sheet } from "../workbook/fixtures";

const dateCell = fc.oneof(
  fc.constantFrom<CellValue>("2024-03-15", "2019-01-01", "2024/7/1", "2024年12月31日", "20240601", "2025-02-01", "2023-06-30", null, "", "不详", "2024-02-30", "#N/A"),
  fc.integer({ min: 40000, max: 47000 }),
  fc.date({ min: new Date("2015-01-01"), max: new Date("2026-12-31"), noInvalidDate: true }).map((d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))),
);
const typeCell = fc.constantFrom<CellValue>(...TEMPLATE_EMPLOYMENT_TYPES, null, "", "合同制", "外星人", "__proto__");
const idCell = fc.oneof(fc.integer({ min: 1, max: 400 }).map((n) => makeId(n, "19900101")), fc.constantFrom<CellValue>(null, "123", 110105199001010010, "constructor"));
const moneyCell = fc.oneof(fc.integer({ min: -1000, max: 50000 }), fc.constantFrom<CellValue>(null, "", "8,000元", "#VALUE!", "abc", 0.125, { error: "#N/A" }));

const person = fc.record({
  id: fc.integer({ min: 1, max: 60 }).map((n) => `E${n}`),
  name: fc.constantFrom("张三", "李四", "王五", "赵六", null),
  idNumber: idCell,
  type: typeCell,
  hire: dateCell,
  leave: dateCell,
  cStart: dateCell,
  cEnd: dateCell,
  si: fc.constantFrom<CellValue>("是", "否", null, "maybe"),
});

const payrow = fc.record({
  id: fc.integer({ min: 1, max: 70 }).map((n) => `E${n}`),
  month: fc.oneof(fc.integer({ min: 0, max: 13 }), fc.constantFrom<CellValue>("2024-05", "2023-12", "2024年13月", null, "三月")),
  amounts: fc.array(moneyCell, { minLength: 12, maxLength: 12 }),
});

describe("row accounting", () => {
  it("read = counted + excluded + rejected, per table and in total, for any roster and payroll", () => {
    fc.assert(
      fc.property(fc.array(person, { maxLength: 40 }), fc.array(payrow, { maxLength: 60 }), fc.nat({ max: 3 }), (people, pays, blanks) => {
        const rosterRows: CellValue[][] = [[...TEMPLATE_ROSTER_HEADERS]];
        for (const p of people) rosterRows.push([p.id, p.name, p.idNumber, p.type, p.hire, p.leave, p.cStart, p.cEnd, p.si]);
        for (let i = 0; i < blanks; i++) rosterRows.splice(1 + i, 0, new Array(9).fill(null));
        const payRows: CellValue[][] = [[...TEMPLATE_PAYROLL_HEADERS]];
        for (const p of pays) payRows.push([p.id, null, p.month, ...p.amounts]);
        const a = analyseWorkbook([parameterSheet([["申报年度", 2025]]), sheet("花名册", rosterRows), sheet("工资表", payRows)], { today: "2025-06-01" });
        // Negative amounts (corrections) are allowed row by row; a year whose counted pay sums below zero is unusable
        // input, refused by name — anything else fatal is a defect.
        if (a.fatal) expect(a.fatal.en).toMatch(/negative/);
        expect(a.rows.read).toBe(a.rows.counted + a.rows.excluded + a.rows.rejected);
        // Every non-blank row of both tables was read (blank rows are not data).
        expect(a.rows.read).toBe(people.length + pays.length);
        for (const t of a.tables) expect(t.rows.read).toBe(t.rows.counted + t.rows.excluded + t.rows.rejected);
        expect(a.tables.find((t) => t.kind === "roster")!.rows.read).toBe(people.length);
        // Listed outcomes match the counts (the list is far from its cap here).
        expect(a.exclusions.length).toBe(a.rows.excluded);
        expect(a.rejections.length).toBe(a.rows.rejected);
        // The headcount never exceeds the people counted.
        const counted = a.tables.find((t) => t.kind === "roster")!.rows.counted;
        if (a.calculation) expect(Number(a.calculation.headcount)).toBeLessThanOrEqual(counted);
      }),
      { numRuns: 150 },
    );
  });
  it("a year of pay that sums below zero is refused by name (seed 305852340 found it)", () => {
    const a = analyseWorkbook(
      [parameterSheet([["申报年度", 2025]]), sheet("花名册", [[...TEMPLATE_ROSTER_HEADERS], ["E1", "张三", null, "全日制", null, null, null, null, "是"]]), sheet("工资表", [[...TEMPLATE_PAYROLL_HEADERS], ["E1", null, "2024-05", -1]])],
      { today: "2025-06-01" },
    );
    expect(a.fatal?.en).toMatch(/negative/);
    expect(a.rows.read).toBe(2);
  });
});
