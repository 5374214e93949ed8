/**
 * `levy template`: the workbook's structure (canonical sheets and headers, tables, validation lists, formats,
 * frozen headers), the declaration formulas and the ranges they read, and how the custom functions are stored.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DECLARATION_CELLS, PAYROLL_WAGE_HEADERS, certifiedDisabledFormula, countedWageFormula, settingsRange } from "../../src/cli/template";
import { readXlsx } from "../../src/cli/xlsx-reader";
import { PAY_CATEGORIES } from "../../src/workbook/fields";
import { recogniseHeader } from "../../src/workbook/headers";
import {
  TEMPLATE_DISABLED_HEADERS,
  TEMPLATE_EMPLOYMENT_TYPES,
  TEMPLATE_MONTHLY_HEADERS,
  TEMPLATE_PARAMETER_ROWS,
  TEMPLATE_PAYROLL_HEADERS,
  TEMPLATE_ROSTER_HEADERS,
  TEMPLATE_SHEETS,
} from "../../src/workbook/template-layout";
import { fillTemplate } from "./fill-template";
import { runCli } from "./helpers";

const dir = mkdtempSync(join(tmpdir(), "levy-template-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let wb: ExcelJS.Workbook;
beforeAll(async () => {
  const r = await runCli(["template", "--out", "t.xlsx", "--region", "CN-JS", "--year", "2025"], dir);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/t\.xlsx/);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, "t.xlsx"));
});

function formula(ws: ExcelJS.Worksheet, address: string): string {
  const v = ws.getCell(address).value as ExcelJS.CellFormulaValue | null;
  if (!v || typeof v !== "object" || !("formula" in v)) throw new Error(`${ws.name}!${address} holds no formula`);
  return v.formula;
}

function rowValues(ws: ExcelJS.Worksheet, row: number, count: number): unknown[] {
  return Array.from({ length: count }, (_, i) => ws.getCell(row, i + 1).value);
}

describe("levy template", () => {
  it("has the canonical sheets, in order, with the canonical headers", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.values(TEMPLATE_SHEETS));
    const S = TEMPLATE_SHEETS;
    expect(rowValues(wb.getWorksheet(S.roster)!, 1, TEMPLATE_ROSTER_HEADERS.length)).toEqual([...TEMPLATE_ROSTER_HEADERS]);
    expect(rowValues(wb.getWorksheet(S.payroll)!, 1, TEMPLATE_PAYROLL_HEADERS.length)).toEqual([...TEMPLATE_PAYROLL_HEADERS]);
    expect(rowValues(wb.getWorksheet(S.disabled)!, 1, TEMPLATE_DISABLED_HEADERS.length)).toEqual([...TEMPLATE_DISABLED_HEADERS]);
    expect(rowValues(wb.getWorksheet(S.monthlyHeadcount)!, 1, TEMPLATE_MONTHLY_HEADERS.length)).toEqual([...TEMPLATE_MONTHLY_HEADERS]);
  });

  it("prefills the parameter block from the flags: names in A, values in B, notes in C", () => {
    const ws = wb.getWorksheet(TEMPLATE_SHEETS.parameters)!;
    TEMPLATE_PARAMETER_ROWS.forEach((p, i) => {
      expect(ws.getCell(`A${i + 2}`).value).toBe(p.name);
      expect(ws.getCell(`C${i + 2}`).value).toBe(p.note);
    });
    const value = (name: string) => ws.getCell(`B${TEMPLATE_PARAMETER_ROWS.findIndex((p) => p.name === name) + 2}`).value;
    expect(value("地区")).toBe("CN-JS");
    expect(value("申报年度")).toBe(2025);
    expect(value("单位类型")).toBe("企业");
    expect(settingsRange()).toBe(`参数!$A$2:$B$${TEMPLATE_PARAMETER_ROWS.length + 1}`);
  });

  it("makes Excel tables with frozen headers, validation lists and number formats", () => {
    const roster = wb.getWorksheet(TEMPLATE_SHEETS.roster)!;
    expect(roster.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const tables = (ws: ExcelJS.Worksheet) => Object.keys((ws as unknown as { tables: Record<string, unknown> }).tables ?? {});
    expect(tables(roster)).toEqual(["RosterTable"]);
    expect(tables(wb.getWorksheet(TEMPLATE_SHEETS.payroll)!)).toEqual(["PayrollTable"]);
    const dv = (roster as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    const typeList = Object.entries(dv).find(([, v]) => v.type === "list" && String(v.formulae[0]).includes("全日制"));
    expect(typeList?.[1].formulae[0]).toBe(`"${TEMPLATE_EMPLOYMENT_TYPES.join(",")}"`);
    expect(Object.values(dv).some((v) => v.type === "list" && v.formulae[0] === '"是,否"')).toBe(true);
    expect(roster.getColumn(3).numFmt).toBe("@"); // 身份证号 as text
    expect(roster.getColumn(5).numFmt).toBe("yyyy-mm-dd");
    expect(wb.getWorksheet(TEMPLATE_SHEETS.payroll)!.getColumn(4).numFmt).toBe("#,##0.00");
  });

  it("computes form columns 4–12 with LEVY.* formulas over the right ranges, stored as Excel stores custom functions", () => {
    const ws = wb.getWorksheet(TEMPLATE_SHEETS.declaration)!;
    const C = DECLARATION_CELLS;
    expect(formula(ws, C[4])).toBe(countedWageFormula(2000, 24000)); // spelled out in the next test
    expect(formula(ws, C[5])).toBe("_xldudf_LEVY_AVGHEADCOUNT(月度人数!$B$2:$C$13)");
    expect(formula(ws, C[6])).toBe('_xldudf_LEVY_RULE("quotaRatio",参数!$A$2:$B$11)');
    expect(formula(ws, C[7])).toBe(certifiedDisabledFormula(200, "参数!$B$8")); // spelled out below
    expect(formula(ws, C[8])).toBe("_xldudf_LEVY_AVGWAGE(C7,C8)");
    expect(formula(ws, C[9])).toBe("_xldudf_LEVY_GROSS(C8,C10,C7,参数!$A$2:$B$11)");
    expect(formula(ws, C[10])).toBe("_xldudf_LEVY_REDUCTION(C8,C10,C7,参数!$A$2:$B$11)");
    expect(formula(ws, C[11])).toBe("N(参数!$B$10)");
    expect(formula(ws, C[12])).toBe("_xldudf_LEVY_DUE(C8,C10,C7,参数!$A$2:$B$11)");
    expect(formula(ws, "C17")).toBe("_xldudf_LEVY_TIER(C8,C10,C7,参数!$A$2:$B$11)");
    expect(formula(ws, "A22")).toBe("_xldudf_LEVY_EXPLAIN(C8,C10,C7,参数!$A$2:$B$11)");
    // Labels of the official form next to the formulas.
    expect(ws.getCell("B7").value).toBe("上年在职职工工资总额");
    expect(ws.getCell("B15").value).toBe("本期应补（退）费额");
    // Column 11 reads the parameter named 已缴, column 9's settings range is the whole parameter block.
    expect(TEMPLATE_PARAMETER_ROWS[10 - 2].name).toBe("已缴");
  });

  it("column 4 sums the wage components (D:J) only of people whose roster type counts", () => {
    const f = formula(wb.getWorksheet(TEMPLATE_SHEETS.declaration)!, "C7");
    expect(f.startsWith("SUMPRODUCT(((")).toBe(true);
    for (const t of ["全日制", "在编", "季节工", "劳务派遣(约定计入)"]) {
      expect(f).toContain(`COUNTIFS(花名册!$A$2:$A$2001,工资表!$A$2:$A$24001,花名册!$D$2:$D$2001,"${t}")`);
    }
    for (const t of ["实习", "非全日制", "退休返聘", "劳务派遣", "劳务"]) expect(f).not.toContain(`,"${t}")`);
    expect(f.endsWith(")>0)*工资表!$D$2:$J$24001)")).toBe(true);
  });

  it("column 7 counts certified, insured, contracted, minimum-wage disabled staff, grade 1–2 twice", () => {
    // 残疾职工: D 残疾人证号, E 残联认定, F/G 合同开始/结束日期, H 社保缴纳, I 月工资; 参数!B8 = 最低工资.
    expect(formula(wb.getWorksheet(TEMPLATE_SHEETS.declaration)!, "C10")).toBe(
      'SUMPRODUCT((残疾职工!$E$2:$E$201="是")' +
        '*(残疾职工!$H$2:$H$201<>"否")' +
        '*(((残疾职工!$G$2:$G$201="")+(残疾职工!$G$2:$G$201-残疾职工!$F$2:$F$201+1>=365))>0)' +
        '*(((残疾职工!$I$2:$I$201="")+(残疾职工!$I$2:$I$201>=N(参数!$B$8)))>0)' +
        '*(残疾职工!$D$2:$D$201<>"")' +
        '*(1+(RIGHT(残疾职工!$D$2:$D$201,1)="1")+(RIGHT(残疾职工!$D$2:$D$201,1)="2")))',
    );
    expect(wb.getWorksheet(TEMPLATE_SHEETS.parameters)!.getCell("A8").value).toBe("最低工资");
  });

  it("sums exactly the payroll's wage components in column 4 (D:J), no non-wage item", () => {
    const cols = TEMPLATE_PAYROLL_HEADERS.slice(3, 10);
    expect(cols).toEqual([...PAYROLL_WAGE_HEADERS]);
    for (const h of TEMPLATE_PAYROLL_HEADERS) {
      const meaning = recogniseHeader(h);
      if (meaning?.field !== "pay" || !meaning.category) continue;
      const isWage = PAY_CATEGORIES[meaning.category].kind === "wage";
      expect(cols.includes(h as (typeof PAYROLL_WAGE_HEADERS)[number]), h).toBe(isWage);
    }
  });

  it("counts monthly headcount from the roster with COUNTIFS over the counted employment types", () => {
    const ws = wb.getWorksheet(TEMPLATE_SHEETS.monthlyHeadcount)!;
    expect(ws.getCell("A2").value).toBe("2024-01");
    expect(ws.getCell("A13").value).toBe("2024-12");
    const f = formula(ws, "B2");
    expect(f).toContain('花名册!$D$2:$D$2001,{"全日制","在编","季节工","劳务派遣(约定计入)"}');
    expect(f).toContain('花名册!$E$2:$E$2001,"<="&DATE(2024,1,1)');
    expect(formula(ws, "C13")).toContain("DATE(2024,13,0)");
  });

  it("is shown back by the reader as LEVY.* formulas without cached values", async () => {
    const { sheets } = await readXlsx(join(dir, "t.xlsx"));
    const decl = sheets.find((s) => s.name === TEMPLATE_SHEETS.declaration)!;
    const row = 15 - Number(decl.origin.slice(1));
    expect(decl.formulas?.[row][2]).toBe("=LEVY.DUE(C8,C10,C7,参数!$A$2:$B$11)");
    expect(decl.values[row][2] ?? null).toBeNull();
  });

  it("refuses bad flags with exit 2", async () => {
    expect((await runCli(["template"], dir)).code).toBe(2);
    expect((await runCli(["template", "--out", "x.xlsx", "--region", "火星"], dir)).stderr).toMatch(/unknown region/);
    expect((await runCli(["template", "--out", "x.xlsx", "--year", "25"], dir)).code).toBe(2);
    expect((await runCli(["template", "--out", "x.xlsx", "--colour", "red"], dir)).stderr).toMatch(/--colour/);
    expect((await runCli(["template", "--out", join(dir, "no", "such", "dir", "t.xlsx")], dir)).code).toBe(2);
  });
});

describe("template round trip", () => {
  it("filled with clean data and saved as Excel would, audits with no errors and no warnings; its LEVY.* cells check out", async () => {
    const filled = await fillTemplate(join(dir, "t.xlsx"), join(dir, "filled.xlsx"));
    const r = await runCli(["audit", "filled.xlsx", "--json", "--today", "2025-06-30"], dir);
    const [file] = JSON.parse(r.stdout).files;
    const notInfo = file.findings.filter((f: { severity: string }) => f.severity !== "info");
    expect(notInfo, JSON.stringify(notInfo, null, 1)).toEqual([]);
    expect(r.code).toBe(0);
    // The monthly headcount sheet is COUNTIFS over the roster: a view of another sheet, reported but not read.
    expect(file.rows.read).toBe(filled.employees + filled.payrollRows + 1);
    expect(file.tables.find((t: { sheet: string }) => t.sheet === "月度人数")).toMatchObject({ role: "derived", derivedFrom: ["花名册"], rows: { read: 0 } });
    expect(file.rows.counted).toBe(file.rows.read);
    // The tables are the template's, recognised by their canonical headers.
    expect(file.tables.map((t: { sheet: string; kind: string }) => `${t.sheet}:${t.kind}`)).toEqual(["花名册:roster", "工资表:payroll", "残疾职工:disabled", "月度人数:monthlyHeadcount"]);
    // The audit's own calculation agrees with what the declaration's formulas computed.
    expect(Number(file.calculation.wageTotal)).toBe(filled.wageTotal);
    expect(Number(file.calculation.payable)).toBe(filled.declared[12]);
    expect(file.declared.payable.cell).toEqual({ sheet: "申报表", address: "C15" });
    const byCell = new Map(file.formulas.map((f: { address: string; status: string }) => [f.address, f.status]));
    for (const address of ["C8", "C9", "C11", "C12", "C13", "C15", "C17"]) expect(byCell.get(address), address).toBe("ok");
  });

  it("a LEVY.* cell whose saved value no longer matches its inputs is reported", async () => {
    await fillTemplate(join(dir, "t.xlsx"), join(dir, "stale.xlsx"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "stale.xlsx"));
    const cell = wb.getWorksheet(TEMPLATE_SHEETS.declaration)!.getCell("C15");
    cell.value = { formula: (cell.value as ExcelJS.CellFormulaValue).formula, result: 1234.5 };
    await wb.xlsx.writeFile(join(dir, "stale.xlsx"));
    const [file] = JSON.parse((await runCli(["audit", "stale.xlsx", "--json", "--today", "2025-06-30"], dir)).stdout).files;
    const stale = file.findings.find((f: { code: string }) => f.code === "FORMULA_STALE");
    expect(stale?.cells).toEqual([{ sheet: "申报表", address: "C15" }]);
  });
});
