/**
 * splitEntities (src/workbook/entities.ts): telling the entities of a group workbook apart, in memory. Each entity is
 * then analysed with analyseWorkbook; the expected figures are hand-computed from the fixtures' clean pay
 * (9,700 a month + 12,000 in December = 128,400 a year per person).
 */
import { describe, expect, it } from "vitest";
import { analyseWorkbook } from "../../src/validation/analyse";
import { splitEntities } from "../../src/workbook/entities";
import type { CellValue, SheetData } from "../../src/workbook/types";
import { CLEAN_PARAMS, cleanCompany, cleanEmployees, parameterSheet, payrollSheet, rosterSheet, yearOfPay, CLEAN_PAY } from "./fixtures";

const NO_EXTRAS = { disabled: null, monthly: null, declaration: null } as const;

/** A sheet with a column added at the left (header, then one value per data row). */
function withEntityColumn(s: SheetData, header: string, value: (row: CellValue[], i: number) => CellValue): SheetData {
  const [head, ...rows] = s.values;
  return { ...s, values: [[header, ...head], ...rows.map((r, i) => [value(r, i), ...r])] };
}

describe("splitEntities", () => {
  it("leaves an ordinary workbook alone", () => {
    expect(splitEntities(cleanCompany()).kind).toBe("single");
  });

  it("splits a roster and payroll with a 单位名称 column by row, keeping every cell address", async () => {
    const staff = cleanEmployees(50);
    // 甲 gets staff 1–30, 乙 31–50.
    const owner = (id: unknown) => (Number(String(id).slice(1)) <= 30 ? "甲公司" : "乙公司");
    const roster = withEntityColumn(rosterSheet(staff), "单位名称", (r) => owner(r[0]));
    const payroll = withEntityColumn(payrollSheet(yearOfPay(staff, 2024, CLEAN_PAY)), "单位名称", (r) => owner(r[0]));
    const sheets = [parameterSheet(CLEAN_PARAMS), roster, payroll];
    const split = splitEntities(sheets);
    expect(split.kind).toBe("group");
    if (split.kind !== "group") return;
    expect(split.entities.map((e) => [e.name, e.via, e.sheets.length])).toEqual([
      ["甲公司", "column", 3],
      ["乙公司", "column", 3],
    ]);
    // Rows are blanked, not removed: 乙公司's first roster row is still row 32 of the sheet (header row 1, 31 staff before).
    const yi = split.entities[1].sheets.find((s) => s.name === roster.name)!;
    expect(yi.values).toHaveLength(roster.values.length);
    expect(yi.values[1]).toEqual([]);
    expect(yi.values[31][0]).toBe("乙公司");
    // 甲公司: 30 staff × 128,400 = 3,852,000. 乙公司: 20 × 128,400 = 2,568,000 (national, 20 staff ≤ 30: exempt).
    const [a, b] = await Promise.all(split.entities.map((e) => analyseWorkbook(e.sheets, {})));
    expect([a.calculation?.headcount, a.calculation?.wageTotal]).toEqual(["30", "3852000"]);
    expect([b.calculation?.headcount, b.calculation?.wageTotal]).toEqual(["20", "2568000"]);
    expect(a.rows.read + b.rows.read).toBe(50 + 600);
  });

  it("is unsure when a data row names no entity, or a table lacks the entity column", () => {
    const staff = cleanEmployees(10);
    const roster = withEntityColumn(rosterSheet(staff), "单位名称", (_r, i) => (i === 3 ? null : i < 5 ? "甲公司" : "乙公司"));
    const payroll = withEntityColumn(payrollSheet(yearOfPay(staff, 2024, CLEAN_PAY)), "单位名称", (_r, i) => (i < 60 ? "甲公司" : "乙公司"));
    const blank = splitEntities([roster, payroll]);
    expect(blank.kind).toBe("unsure");
    if (blank.kind === "unsure") expect(blank.cells).toEqual([{ sheet: roster.name, address: "A5" }]);
    const fine = withEntityColumn(rosterSheet(staff), "单位名称", (_r, i) => (i < 5 ? "甲公司" : "乙公司"));
    const missing = splitEntities([fine, payrollSheet(yearOfPay(staff, 2024, CLEAN_PAY))]);
    expect(missing.kind).toBe("unsure");
    if (missing.kind === "unsure") expect(missing.reason.en).toMatch(/no such column/);
  });

  it("groups sheets by the 单位名称 written above their tables when the sheet names say nothing", () => {
    const staff = cleanEmployees(40);
    const titled = (s: SheetData, title: string, name: string): SheetData => ({ ...s, name, values: [[title], ...s.values] });
    const sheets = [
      titled(rosterSheet(staff.slice(0, 20)), "单位名称：甲公司  统一社会信用代码：91310110666007217T", "名册一"),
      titled(payrollSheet(yearOfPay(staff.slice(0, 20), 2024, CLEAN_PAY)), "单位名称：甲公司", "工资一"),
      titled(rosterSheet(staff.slice(20)), "单位名称：乙公司", "名册二"),
      titled(payrollSheet(yearOfPay(staff.slice(20), 2024, CLEAN_PAY)), "单位名称：乙公司", "工资二"),
    ];
    const split = splitEntities(sheets);
    expect(split.kind).toBe("group");
    if (split.kind !== "group") return;
    expect(split.entities.map((e) => [e.name, e.uscc, e.ownSheets])).toEqual([
      ["甲公司", "91310110666007217T", ["名册一", "工资一"]],
      ["乙公司", null, ["名册二", "工资二"]],
    ]);
  });

  it("is unsure when one entity's sheets give two different credit codes", () => {
    const a = cleanCompany({ ...NO_EXTRAS, employees: cleanEmployees(20) }).map((s) => ({ ...s, name: `甲公司-${s.name}` }));
    const b = cleanCompany({ ...NO_EXTRAS, employees: cleanEmployees(40).slice(20), params: [["统一社会信用代码", "91110000600037341L"], ["地区", "CN"]] }).map((s) => ({ ...s, name: `乙公司-${s.name}` }));
    // 甲公司's parameter sheet carries CLEAN_PARAMS' code; its roster title names another.
    a[1] = { ...a[1], values: [["统一社会信用代码：91110000600037341X"], ...a[1].values] };
    const split = splitEntities([...a, ...b]);
    expect(split.kind).toBe("unsure");
    if (split.kind === "unsure") expect(split.reason.en).toMatch(/different credit codes/);
  });

  it("does not take monthly sheet names (1月-工资, 2024-03) for entity prefixes", () => {
    const staff = cleanEmployees(10);
    const rows = yearOfPay(staff, 2024, CLEAN_PAY);
    const months = [1, 2, 3].map((m) => ({ ...payrollSheet(rows.filter((_r, i) => i % 12 === m - 1)), name: `2024-${String(m).padStart(2, "0")}` }));
    expect(splitEntities([parameterSheet(CLEAN_PARAMS), rosterSheet(staff), ...months]).kind).toBe("single");
  });
});

describe("splitEntities: one employer's lists are not entities", () => {
  it("does not split 在职-花名册 / 离职-花名册 (prefixes that do not read as companies, no 单位名称)", () => {
    const staff = cleanEmployees(20);
    const sheets = [parameterSheet(CLEAN_PARAMS), { ...rosterSheet(staff.slice(0, 10)), name: "在职-花名册" }, { ...rosterSheet(staff.slice(10)), name: "离职-花名册" }, payrollSheet(yearOfPay(staff, 2024, CLEAN_PAY))];
    expect(splitEntities(sheets).kind).toBe("single");
  });
});
