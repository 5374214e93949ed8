/**
 * `levy template`: the workbook's structure (instructions, canonical sheets and headers, tables sized to their data,
 * validation lists, formats, protection, print setup), the declaration's table-level LEVY formulas, and a filled
 * template audited by `levy audit` giving exactly the figures the functions computed — at 90 and 2,100 staff and
 * with pasted HR vocabulary.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import JSZip from "jszip";
import { CHECK_CELL, DECLARATION_CELLS, FINDINGS_CELL, INSTRUCTIONS_SHEET, PAYROLL_WAGE_HEADERS, TEMPLATE_TABLES, settingsRange } from "../../src/cli/template";
import { readXlsx } from "../../src/cli/xlsx-reader";
import { PAY_CATEGORIES } from "../../src/workbook/fields";
import { recogniseHeader } from "../../src/workbook/headers";
import {
  TEMPLATE_DISABLED_HEADERS,
  TEMPLATE_EMPLOYMENT_TYPES,
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
  expect(r.stdout).toContain("说明 · 参数 · 花名册 · 工资表 · 残疾职工 · 申报表");
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
  it("has the instructions, then the canonical sheets with the canonical headers (no COUNTIFS monthly sheet)", () => {
    const S = TEMPLATE_SHEETS;
    expect(wb.worksheets.map((w) => w.name)).toEqual([INSTRUCTIONS_SHEET, S.parameters, S.roster, S.payroll, S.disabled, S.declaration]);
    expect(rowValues(wb.getWorksheet(S.roster)!, 1, TEMPLATE_ROSTER_HEADERS.length)).toEqual([...TEMPLATE_ROSTER_HEADERS]);
    expect(rowValues(wb.getWorksheet(S.payroll)!, 1, TEMPLATE_PAYROLL_HEADERS.length)).toEqual([...TEMPLATE_PAYROLL_HEADERS]);
    expect(rowValues(wb.getWorksheet(S.disabled)!, 1, TEMPLATE_DISABLED_HEADERS.length)).toEqual([...TEMPLATE_DISABLED_HEADERS]);
    const help = wb.getWorksheet(INSTRUCTIONS_SHEET)!;
    expect(String(help.getCell("A3").value)).toMatch(/自动扩展表格/);
    expect(String(help.getCell("B3").value)).toMatch(/Excel extends the table/);
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

  it("makes Excel tables, drop-downs with prompts (stop style where the money depends on it), formats and input styles", () => {
    const roster = wb.getWorksheet(TEMPLATE_SHEETS.roster)!;
    expect(roster.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const tables = (ws: ExcelJS.Worksheet) => Object.keys((ws as unknown as { tables: Record<string, unknown> }).tables ?? {});
    expect(tables(roster)).toEqual(["RosterTable"]);
    expect(tables(wb.getWorksheet(TEMPLATE_SHEETS.payroll)!)).toEqual(["PayrollTable"]);
    expect(tables(wb.getWorksheet(TEMPLATE_SHEETS.disabled)!)).toEqual(["DisabledTable"]);
    expect(tables(wb.getWorksheet(TEMPLATE_SHEETS.parameters)!)).toEqual(["ParamTable"]);
    const dv = (roster as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    const typeList = Object.entries(dv).find(([, v]) => v.type === "list" && String(v.formulae[0]).includes("全日制"));
    expect(typeList?.[1].formulae[0]).toBe(`"${TEMPLATE_EMPLOYMENT_TYPES.join(",")}"`);
    expect(typeList?.[1]).toMatchObject({ errorStyle: "stop", showInputMessage: true });
    expect(typeList?.[1].prompt).toMatch(/headcount/);
    // On the table's data rows: Excel copies a column's validation to each row the table grows by.
    expect(typeList?.[0]).toBe("D2");
    expect(Object.values(dv).some((v) => v.type === "list" && v.formulae[0] === '"是,否"' && v.errorStyle === "stop")).toBe(true);
    expect(roster.getColumn(3).numFmt).toBe("@"); // 身份证号 as text
    expect(roster.getColumn(5).numFmt).toBe("yyyy-mm-dd");
    expect(wb.getWorksheet(TEMPLATE_SHEETS.payroll)!.getColumn(4).numFmt).toBe("#,##0.00");
    expect(roster.getColumn(1).fill).toMatchObject({ fgColor: { argb: "FFFFF2CC" } }); // input style
  });

  it("protects the form and the instructions without a password; data sheets stay open so their tables can grow", () => {
    const protection = (name: string) => (wb.getWorksheet(name) as unknown as { sheetProtection?: Record<string, unknown> }).sheetProtection;
    for (const name of [TEMPLATE_SHEETS.declaration, INSTRUCTIONS_SHEET]) {
      expect(protection(name)).toMatchObject({ sheet: true });
      expect(protection(name)?.hashValue).toBeUndefined();
    }
    for (const name of [TEMPLATE_SHEETS.roster, TEMPLATE_SHEETS.payroll, TEMPLATE_SHEETS.disabled, TEMPLATE_SHEETS.parameters]) expect(protection(name)?.sheet ?? false).toBe(false);
  });

  it("prints each sheet one page wide on A4 with the header rows repeated", () => {
    for (const ws of wb.worksheets) expect(ws.pageSetup, ws.name).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    for (const name of [TEMPLATE_SHEETS.parameters, TEMPLATE_SHEETS.roster, TEMPLATE_SHEETS.payroll, TEMPLATE_SHEETS.disabled]) expect(wb.getWorksheet(name)!.pageSetup.printTitlesRow, name).toBe("1:1");
    expect(wb.getWorksheet(TEMPLATE_SHEETS.declaration)!.pageSetup.printTitlesRow).toBe("6:6");
    expect(wb.getWorksheet(TEMPLATE_SHEETS.payroll)!.pageSetup.orientation).toBe("landscape"); // 15 columns
  });

  it("lays the form out like the e-tax form and computes columns 4–12 with LEVY.FORM over whole tables", () => {
    const ws = wb.getWorksheet(TEMPLATE_SHEETS.declaration)!;
    const C = DECLARATION_CELLS;
    const form = "_xldudf_LEVY_FORM(RosterTable[#All],PayrollTable[#All],DisabledTable[#All],ParamTable[#All])";
    [4, 5, 6, 7, 8, 9, 10, 11, 12].forEach((column, i) => {
      expect(formula(ws, C[column as keyof typeof C])).toBe(`INDEX(${form},${i + 1},3)`);
      expect(ws.getCell(`A${6 + column}`).value).toBe(column);
    });
    for (let column = 1; column <= 12; column++) expect(ws.getCell(`A${6 + column}`).value).toBe(column);
    expect(ws.getCell("B8").value).toBe("费款所属期起");
    expect(ws.getCell("B10").value).toBe("上年在职职工工资总额");
    expect(ws.getCell("B18").value).toBe("本期应补（退）费额");
    expect(ws.getCell("A2").value).toBe("用人单位名称");
    expect(ws.getCell("A3").value).toBe("统一社会信用代码");
    expect(ws.getCell("A4").value).toBe("费款所属期");
    expect(formula(ws, CHECK_CELL)).toBe("_xldudf_LEVY_CHECK(RosterTable[#All],PayrollTable[#All],DisabledTable[#All],ParamTable[#All])");
    expect(formula(ws, FINDINGS_CELL)).toBe("_xldudf_LEVY_FINDINGS(RosterTable[#All],PayrollTable[#All],DisabledTable[#All],ParamTable[#All])");
    expect(formula(ws, "C22")).toBe("_xldudf_LEVY_TIER(C11,C13,C10,参数!$A$2:$B$11)");
  });

  it("writes LEVY.FINDINGS as a dynamic array that spills exactly the findings, with nothing below it", async () => {
    const zip = await JSZip.loadAsync(readFileSync(join(dir, "t.xlsx")));
    const sheets = await Promise.all(Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f)).map((f) => zip.file(f)!.async("string")));
    const decl = sheets.filter((x) => x.includes("_xldudf_LEVY_FINDINGS"));
    expect(decl).toHaveLength(1);
    // The anchor cell carries the dynamic-array cell metadata and an array formula over itself only (no fixed block).
    expect(decl[0]).toMatch(new RegExp(`<c r="${FINDINGS_CELL}"[^>]*\\bcm="1"[^>]*>\\s*<f t="array" ref="${FINDINGS_CELL}">_xldudf_LEVY_FINDINGS\\(`));
    expect(decl[0].match(/cm="1"/g)).toHaveLength(1);
    expect(await zip.file("xl/metadata.xml")!.async("string")).toMatch(/<metadataType name="XLDAPR"[\s\S]*<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"\/>[\s\S]*<cellMetadata count="1"><bk><rc t="1" v="0"\/><\/bk><\/cellMetadata>/);
    expect(await zip.file("[Content_Types].xml")!.async("string")).toContain('<Override PartName="/xl/metadata.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"/>');
    expect(await zip.file("xl/_rels/workbook.xml.rels")!.async("string")).toMatch(/Type="http:\/\/schemas.openxmlformats.org\/officeDocument\/2006\/relationships\/sheetMetadata" Target="metadata.xml"/);
    // Room to spill: the findings are the last thing on the form; every row below the anchor is empty.
    const ws = wb.getWorksheet(TEMPLATE_SHEETS.declaration)!;
    const anchorRow = Number(FINDINGS_CELL.slice(1));
    const below: string[] = [];
    ws.eachRow((row, n) => row.eachCell((cell) => void (n > anchorRow || (n === anchorRow && cell.address !== FINDINGS_CELL) ? below.push(cell.address) : null)));
    expect(below).toEqual([]);
    expect(String(ws.getCell(`A${anchorRow - 1}`).value)).toMatch(/向下溢出.*spilling down/);
  });

  it("depends on no fixed last row: formulas read whole tables, drop-downs cover their table's data rows", () => {
    const refs: string[] = [];
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value as ExcelJS.CellFormulaValue | null;
          if (v && typeof v === "object" && "formula" in v && v.formula) refs.push(...(v.formula.match(/(?:[^\s(,!]+!)?\$?[A-Z]{1,3}\$?\d+:\$?[A-Z]{1,3}\$?\d+/g) ?? []));
        }),
      );
    }
    // The only row-bounded range is the fixed list of parameters (10 rows), for the scalar functions' settings.
    expect([...new Set(refs)]).toEqual([settingsRange()]);
    for (const [sheet, table] of [[TEMPLATE_SHEETS.roster, TEMPLATE_TABLES.roster], [TEMPLATE_SHEETS.disabled, TEMPLATE_TABLES.disabled]] as const) {
      const ws = wb.getWorksheet(sheet)!;
      const ref = (ws as unknown as { getTable(n: string): { table: { tableRef: string } } }).getTable(table).table.tableRef;
      const lastRow = Number(/\d+$/.exec(ref)![0]);
      const dv = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
      for (const address of Object.keys(dv)) {
        // "D2" or "D2:D2": a column of the table's data rows (row 2 to the table's last row).
        const [a, b = a] = address.split(":");
        expect(Number(/\d+$/.exec(a)![0]), `${sheet}!${address}`).toBe(2);
        expect(Number(/\d+$/.exec(b)![0]), `${sheet}!${address}`).toBe(lastRow);
      }
    }
  });

  it("marks input cells by style and keeps the protected form's formula and check cells locked", () => {
    const ws = wb.getWorksheet(TEMPLATE_SHEETS.declaration)!;
    let formulas = 0;
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.protection?.locked, cell.address).not.toBe(false);
        if (cell.isMerged && cell.master.address !== cell.address) return; // shows its master's formula
        const v = cell.value as ExcelJS.CellFormulaValue | null;
        if (v && typeof v === "object" && "formula" in v && v.formula && cell.address !== FINDINGS_CELL) {
          formulas++;
          expect(cell.fill, cell.address).toMatchObject({ fgColor: { argb: "FFEDEDED" } });
        }
      }),
    );
    // 单位名称, 信用代码, 所属期, 栏次 2–12, the check, tier, wage base, hires.
    expect(formulas).toBe(3 + 11 + 1 + 3);
    expect(ws.getCell(CHECK_CELL).font).toMatchObject({ bold: true });
    const params = wb.getWorksheet(TEMPLATE_SHEETS.parameters)!;
    expect(params.getColumn(2).fill).toMatchObject({ fgColor: { argb: "FFFFF2CC" } });
    for (const sheet of [TEMPLATE_SHEETS.roster, TEMPLATE_SHEETS.payroll, TEMPLATE_SHEETS.disabled]) {
      const data = wb.getWorksheet(sheet)!;
      for (let c = 1; c <= data.actualColumnCount; c++) expect(data.getColumn(c).fill, `${sheet} column ${c}`).toMatchObject({ fgColor: { argb: "FFFFF2CC" } });
    }
  });

  it("re-implements no rule in built-in formulas (standing check: no COUNTIFS or SUMPRODUCT in template.ts)", () => {
    const source = readFileSync(join(__dirname, "..", "..", "src", "cli", "template.ts"), "utf8");
    expect(source.match(/COUNTIFS|SUMPRODUCT/g)).toBeNull();
    for (const ws of wb.worksheets) {
      ws.eachRow((row) => row.eachCell((cell) => {
        const v = cell.value as ExcelJS.CellFormulaValue | null;
        if (v && typeof v === "object" && "formula" in v && v.formula) expect(v.formula, `${ws.name}!${cell.address}`).not.toMatch(/COUNTIFS|SUMPRODUCT|SUMIFS/);
      }));
    }
  });

  it("keeps the payroll's wage components (D:J) apart from the non-wage items", () => {
    const cols = TEMPLATE_PAYROLL_HEADERS.slice(3, 10);
    expect(cols).toEqual([...PAYROLL_WAGE_HEADERS]);
    for (const h of TEMPLATE_PAYROLL_HEADERS) {
      const meaning = recogniseHeader(h);
      if (meaning?.field !== "pay" || !meaning.category) continue;
      const isWage = PAY_CATEGORIES[meaning.category].kind === "wage";
      expect(cols.includes(h as (typeof PAYROLL_WAGE_HEADERS)[number]), h).toBe(isWage);
    }
  });

  it("is shown back by the reader as LEVY.* formulas without cached values", async () => {
    const { sheets } = await readXlsx(join(dir, "t.xlsx"));
    const decl = sheets.find((s) => s.name === TEMPLATE_SHEETS.declaration)!;
    const row = 22 - Number(decl.origin.slice(1));
    expect(decl.formulas?.[row][2]).toBe("=LEVY.TIER(C11,C13,C10,参数!$A$2:$B$11)");
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

interface AuditFile {
  calculation: Record<string, string>;
  rows: { read: number; counted: number; excluded: number; rejected: number };
  findings: Array<{ code: string; severity: string; rows: number; cells: Array<{ sheet: string; address: string }> }>;
  tables: Array<{ sheet: string; kind: string; range: string }>;
  declared: Record<string, { value: string; cell: { sheet: string; address: string } }>;
  formulas: Array<{ address: string; status: string }>;
}

async function audit(name: string): Promise<{ code: number; file: AuditFile }> {
  const r = await runCli(["audit", name, "--json", "--today", "2025-06-30"], dir);
  return { code: r.code, file: JSON.parse(r.stdout).files[0] };
}

/** The declaration the functions computed is exactly levy audit's calculation, to the fen. */
function expectFormEqualsAudit(declared: Record<number, number | string>, calc: Record<string, string>): void {
  const keys = ["wageTotal", "headcount", "quotaRatio", "certifiedDisabled", "averageWage", "grossDue", "reduction", "alreadyPaid", "payable"];
  keys.forEach((key, i) => {
    const money = [4, 8, 9, 10, 11, 12].includes(i + 4);
    expect(declared[i + 4], key).toBe(money ? Number(Number(calc[key]).toFixed(2)) : Number(calc[key]));
  });
  expect((declared[12] as number).toFixed(2)).toBe(calc.payable);
  expect((declared[9] as number).toFixed(2)).toBe(calc.grossDue);
}

describe("template round trip", () => {
  it("filled with clean data and saved as Excel would, audits with no errors and no warnings; its figures are the audit's", async () => {
    const filled = await fillTemplate(join(dir, "filled.xlsx"));
    const { code, file } = await audit("filled.xlsx");
    const notInfo = file.findings.filter((f) => f.severity !== "info");
    expect(notInfo, JSON.stringify(notInfo, null, 1)).toEqual([]);
    expect(code).toBe(0);
    expect(file.rows.read).toBe(filled.employees + filled.payrollRows + 1);
    expect(file.rows.counted).toBe(file.rows.read);
    expect(file.tables.map((t) => `${t.sheet}:${t.kind}`)).toEqual(["花名册:roster", "工资表:payroll", "残疾职工:disabled"]);
    expect(Number(file.calculation.wageTotal)).toBe(filled.wageTotal);
    expectFormEqualsAudit(filled.declared, file.calculation);
    expect(file.declared.payable.cell).toEqual({ sheet: "申报表", address: "C18" });
    // The functions see the data, not the workbook's formulas: the audit's FORMULA_* notes about them are its own.
    const data = file.findings.filter((f) => !f.code.startsWith("FORMULA_")).length;
    expect(filled.check).toBe(`读取 read ${file.rows.read} = 计入 counted ${file.rows.counted} + 排除 excluded 0 + 拒绝 rejected 0 ✓ · 发现 findings ${data}（错误 errors 0 · 警告 warnings 0 · 提示 info ${data}）`);
    const byCell = new Map(file.formulas.map((f) => [f.address, f.status]));
    for (const address of ["C22", "C23", "C24"]) expect(byCell.get(address), address).toBe("ok");
  });

  it("at 2,100 staff (past the old fixed 2,000 rows) the tables cover every row and nobody's pay is dropped", async () => {
    const filled = await fillTemplate(join(dir, "big.xlsx"), { employees: 2100 });
    const check = new ExcelJS.Workbook();
    await check.xlsx.readFile(join(dir, "big.xlsx"));
    const ref = (sheet: string, table: string) => (check.getWorksheet(sheet) as unknown as { getTable(n: string): { table: { tableRef: string } } }).getTable(table).table.tableRef;
    expect(ref(TEMPLATE_SHEETS.roster, "RosterTable")).toBe("A1:I2101");
    expect(ref(TEMPLATE_SHEETS.payroll, "PayrollTable")).toBe(`A1:O${filled.payrollRows + 1}`);
    // The drop-downs cover the table's 2,100 data rows (employment type in D, 社保缴纳 in I), not a fixed block.
    const zip = await JSZip.loadAsync(readFileSync(join(dir, "big.xlsx")));
    const xml = (await Promise.all(Object.keys(zip.files).filter((f) => f.startsWith("xl/worksheets/sheet")).map((f) => zip.file(f)!.async("string")))).join("");
    for (const sqref of ["D2:D2101", "I2:I2101", "E2:E2101"]) expect(xml, sqref).toContain(`sqref="${sqref}"`);
    const { file } = await audit("big.xlsx");
    expect(file.rows.read).toBe(2100 + filled.payrollRows + 1);
    expect(file.rows.counted).toBe(file.rows.read);
    expect(Number(file.calculation.wageTotal)).toBe(filled.wageTotal);
    expectFormEqualsAudit(filled.declared, file.calculation);
  }, 180_000);

  it("pasted HR vocabulary (正式工, 合同制, a trailing space, 已认定, a date typed as text) loses nobody and still equals the audit", async () => {
    const clean = await fillTemplate(join(dir, "clean2.xlsx"));
    const filled = await fillTemplate(join(dir, "pasted.xlsx"), {
      tweak: ({ roster, disabled }) => {
        roster[0][3] = "正式工";
        roster[1][3] = "合同制";
        roster[2][3] = "全日制 ";
        roster[3][4] = "2016/4/10";
        disabled[0][4] = "已认定";
      },
    });
    expect(filled.declared[5]).toBe(clean.declared[5]);
    expect(filled.declared[7]).toBe(clean.declared[7]);
    expect(filled.declared[12]).toBe(clean.declared[12]);
    const { file } = await audit("pasted.xlsx");
    expectFormEqualsAudit(filled.declared, file.calculation);
    expect(filled.check).toContain(`读取 read ${file.rows.read} = 计入 counted ${file.rows.counted}`);
  });

  it("a LEVY.* cell whose saved value no longer matches its inputs is reported", async () => {
    await fillTemplate(join(dir, "stale.xlsx"));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "stale.xlsx"));
    const cell = wb.getWorksheet(TEMPLATE_SHEETS.declaration)!.getCell("C23");
    cell.value = { formula: (cell.value as ExcelJS.CellFormulaValue).formula, result: 1234.5 };
    await wb.xlsx.writeFile(join(dir, "stale.xlsx"));
    const { file } = await audit("stale.xlsx");
    const stale = file.findings.find((f) => f.code === "FORMULA_STALE") as unknown as { cells: unknown[] } | undefined;
    expect(stale?.cells).toEqual([{ sheet: "申报表", address: "C23" }]);
  });
});

describe("a template filled by a program that does not extend the tables", () => {
  it("is an error naming each table and the rows outside it (the form's LEVY.FORM would see one row; the audit reads all)", async () => {
    // As the independent tester did: open the empty template with ExcelJS and write 3 staff and their 36 pay rows
    // below the header. ExcelJS leaves RosterTable at A1:I2 and PayrollTable at A1:O2 (Excel would have extended them).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "t.xlsx"));
    const roster = wb.getWorksheet(TEMPLATE_SHEETS.roster)!;
    const payroll = wb.getWorksheet(TEMPLATE_SHEETS.payroll)!;
    const ids = ["110101198001010038", "110101198502020031", "110101199003030035"];
    ids.forEach((id, i) => {
      roster.getRow(i + 2).values = [`E${i + 1}`, `员工${i + 1}`, id, "全日制", new Date(Date.UTC(2015, 0, 1)), null, new Date(Date.UTC(2015, 0, 1)), new Date(Date.UTC(2030, 0, 1)), "是"];
      for (let m = 1; m <= 12; m++) payroll.getRow(2 + i * 12 + (m - 1)).values = [`E${i + 1}`, `员工${i + 1}`, `2024-${String(m).padStart(2, "0")}`, 8000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    });
    // A parameter typed in the first row below the fixed parameter block the scalar LEVY functions read ($A$2:$B$11).
    const params = wb.getWorksheet(TEMPLATE_SHEETS.parameters)!;
    params.getCell("A12").value = "最低工资";
    params.getCell("B12").value = 2280;
    await wb.xlsx.writeFile(join(dir, "unextended.xlsx"));

    const { code, file } = await audit("unextended.xlsx");
    expect(code).toBeGreaterThanOrEqual(1);
    const outside = file.findings.filter((f) => f.code === "TABLE_ROWS_OUTSIDE");
    // Roster rows 3–4 (2 rows) and payroll rows 3–37 (35 rows) lie below tables that end on row 2.
    // The typed parameter on row 12 also lies below ParamTable (A1:C11), joined to the template's own note on row 13.
    expect(outside.map((f) => [f.severity, f.rows, f.cells.map((c) => `${c.sheet}!${c.address}`).join(" ")])).toEqual([
      ["error", 2, `${TEMPLATE_SHEETS.parameters}!A1:C11 ${TEMPLATE_SHEETS.parameters}!A12:A13`],
      ["error", 2, `${TEMPLATE_SHEETS.roster}!A1:I2 ${TEMPLATE_SHEETS.roster}!A3:A4`],
      ["error", 35, `${TEMPLATE_SHEETS.payroll}!A1:O2 ${TEMPLATE_SHEETS.payroll}!A3:A37`],
    ]);
    const range = file.findings.find((f) => f.code === "RANGE_ROWS_OUTSIDE");
    expect(range?.severity).toBe("error");
    expect(range?.cells.map((c) => `${c.sheet}!${c.address}`)).toEqual([`${TEMPLATE_SHEETS.parameters}!A2:B11`, `${TEMPLATE_SHEETS.parameters}!A12:A13`]);
  });

  it("a template filled with its tables sized to the data raises neither", async () => {
    await fillTemplate(join(dir, "sized.xlsx"));
    const { file } = await audit("sized.xlsx");
    expect(file.findings.filter((f) => f.code === "TABLE_ROWS_OUTSIDE" || f.code === "RANGE_ROWS_OUTSIDE")).toEqual([]);
  });
});
