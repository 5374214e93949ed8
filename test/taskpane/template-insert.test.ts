/**
 * The pane's "insert template" writes the same template as `levy template`: both writers take one description
 * (src/template/spec.ts). Written here through Office.js on an office-addin-mock workbook and through ExcelJS into a
 * real .xlsx read back by ExcelJS, the two are compared formula by formula, drop-down by drop-down, table by table,
 * with the protection and the print setup. New sheets only; a clash keeps the user's sheet as it is.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { specFor, workbookOfSpec, writeTemplate } from "../../src/cli/template";
import { specFormulas } from "../../src/template/spec";
import { freeTableNames, insertTemplateSheets } from "../../src/taskpane/template-insert";
import { createExcelMock, type ExcelMock } from "./excel-mock";

const OPTIONS = { region: "CN-JS", filingYear: 2025 };
const SHEETS = ["说明", "参数", "花名册", "工资表", "残疾职工", "申报表"];
const dir = mkdtempSync(join(tmpdir(), "levy-template-insert-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** "D2:D2" → "D2": one cell either way. */
function oneCell(address: string): string {
  const [a, b] = address.split(":");
  return b === undefined || a === b ? a : address;
}

/** Formulas the add-in assigned, "Sheet!A1" → formula without "=". */
function officeFormulas(mock: ExcelMock): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of mock.ranges) {
    const f = r.mock.formulas as unknown;
    if (!Array.isArray(f)) continue;
    const cell = (f as unknown[][])[0]?.[0];
    if (typeof cell === "string" && cell.startsWith("=")) out.set(`${r.sheet}!${r.address}`, cell.slice(1));
  }
  return out;
}

/** Validations the add-in set, "Sheet!range" → [list source or date, error style]. */
function officeValidations(mock: ExcelMock): Map<string, [string, string]> {
  const out = new Map<string, [string, string]>();
  for (const r of mock.ranges) {
    const dv = r.mock.dataValidation as { rule?: { list?: { source: string }; date?: { formula1: string } }; errorAlert?: { style: string }; prompt?: { showPrompt: boolean } };
    if (!dv?.rule) continue;
    expect(dv.prompt?.showPrompt, `${r.sheet}!${r.address}`).toBe(true);
    out.set(`${r.sheet}!${oneCell(r.address)}`, [dv.rule.list ? dv.rule.list.source : `date>${dv.rule.date?.formula1}`, String(dv.errorAlert?.style).toLowerCase()]);
  }
  return out;
}

let mock: ExcelMock;
let wb: ExcelJS.Workbook;
beforeAll(async () => {
  mock = createExcelMock([]);
  mock.resetSyncs();
  const result = await insertTemplateSheets(mock.host, OPTIONS);
  expect(result).toEqual({ added: SHEETS, existing: [] });
  expect(mock.syncs()).toBe(2);
  const spec = specFor(OPTIONS);
  await writeTemplate(workbookOfSpec(spec, 2025), spec, join(dir, "t.xlsx"));
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, "t.xlsx"));
});

describe("insert template (Office.js) = levy template (ExcelJS)", () => {
  it("adds the same sheets in the same order", () => {
    expect([...mock.sheets.keys()]).toEqual(SHEETS);
    expect(wb.worksheets.map((w) => w.name)).toEqual(SHEETS);
  });

  it("writes the same formulas into the same cells (LEVY.* as typed; _xldudf_LEVY_* in the file)", () => {
    const excel = new Map<string, string>();
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value as ExcelJS.CellFormulaValue | null;
          // A merged range shows its master's formula in every cell: only the master holds it.
          if (cell.isMerged && cell.master.address !== cell.address) return;
          if (v && typeof v === "object" && "formula" in v && v.formula) excel.set(`${ws.name}!${cell.address}`, v.formula.replace(/_xldudf_LEVY_([A-Z]+)\(/g, "LEVY.$1("));
        }),
      );
    }
    const office = officeFormulas(mock);
    expect(office).toEqual(excel);
    expect(office).toEqual(specFormulas(specFor(OPTIONS)));
    // The formulas that matter, spelled out: the form, the check, the findings over whole tables.
    const all = "RosterTable[#All],PayrollTable[#All],DisabledTable[#All],ParamTable[#All]";
    expect(office.get("申报表!C10")).toBe(`INDEX(LEVY.FORM(${all}),1,3)`);
    expect(office.get("申报表!C18")).toBe(`INDEX(LEVY.FORM(${all}),9,3)`);
    expect(office.get("申报表!C20")).toBe(`LEVY.CHECK(${all})`);
    expect(office.get("申报表!A29")).toBe(`LEVY.FINDINGS(${all})`);
    expect([...office.values()].join(" ")).not.toMatch(/COUNTIFS|SUMPRODUCT|SUMIFS/);
  });

  it("makes the same Excel tables over the same cells, each sized to its data (one blank row when empty)", () => {
    const excel = wb.worksheets.flatMap((ws) =>
      Object.values((ws as unknown as { tables: Record<string, { table: { name: string; tableRef: string } }> }).tables ?? {}).map((t) => `${ws.name}!${t.table.tableRef}=${t.table.name}`),
    );
    const office = mock.tables.map((t) => `${t.sheet}!${t.address}=${t.mock.name}`);
    expect(office.sort()).toEqual(excel.sort());
    // 10 parameters; one blank data row for each data table.
    expect(office.sort()).toEqual(["参数!A1:C11=ParamTable", "工资表!A1:O2=PayrollTable", "残疾职工!A1:I2=DisabledTable", "花名册!A1:I2=RosterTable"]);
    expect(mock.tables.every((t) => t.hasHeaders)).toBe(true);
  });

  it("sets the same drop-downs with prompts, stop style where a wrong value changes the money", () => {
    const excel = new Map<string, [string, string]>();
    for (const ws of wb.worksheets) {
      const model = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
      for (const [address, v] of Object.entries(model)) {
        expect(v.showInputMessage, `${ws.name}!${address}`).toBe(true);
        const what = v.type === "list" ? String(v.formulae[0]).replace(/^"|"$/g, "") : `date>${(v.formulae[0] as Date).toISOString().slice(0, 10)}`;
        excel.set(`${ws.name}!${oneCell(address)}`, [what, String(v.errorStyle)]);
      }
    }
    const office = officeValidations(mock);
    expect(office).toEqual(excel);
    expect(office.get("花名册!D2")).toEqual(["全日制,在编,季节工,实习,非全日制,退休返聘,劳务派遣,劳务派遣(约定计入),劳务", "stop"]);
    expect(office.get("花名册!I2")).toEqual(["是,否", "stop"]);
    expect(office.get("残疾职工!E2")).toEqual(["是,否", "stop"]);
    expect(office.get("花名册!E2")).toEqual(["date>1950-01-01", "warning"]);
  });

  it("protects the same sheets without a password, and sets the same print setup", () => {
    const excelProtected = wb.worksheets.filter((ws) => (ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).map((ws) => ws.name);
    expect(mock.protections.map((p) => p.sheet)).toEqual(excelProtected);
    expect(excelProtected).toEqual(["说明", "申报表"]);
    for (const p of mock.protections) {
      expect(p.password).toBeUndefined();
      expect(p.options).toMatchObject({ allowFormatColumns: true, allowFormatRows: true, selectionMode: "Normal" });
    }
    for (const name of excelProtected) {
      const sp = (wb.getWorksheet(name) as unknown as { sheetProtection: Record<string, unknown> }).sheetProtection;
      expect(sp, name).toMatchObject({ sheet: true, formatColumns: true, formatRows: true });
      expect(sp.hashValue ?? sp.password, name).toBeUndefined();
    }
    for (const ws of wb.worksheets) {
      const layout = mock.pageLayouts.get(ws.name)!;
      expect(layout.paperSize, ws.name).toBe("A4");
      expect(ws.pageSetup.paperSize, ws.name).toBe(9);
      expect(layout.zoom, ws.name).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
      expect([ws.pageSetup.fitToWidth, ws.pageSetup.fitToHeight], ws.name).toEqual([1, 0]);
      expect(String(layout.orientation).toLowerCase(), ws.name).toBe(ws.pageSetup.orientation);
      const titles = ws.pageSetup.printTitlesRow;
      expect(layout.printTitleRows ?? null, ws.name).toBe(titles ? `$${titles.replace(":", ":$")}` : null);
    }
  });

  it("writes the same header notes (as comments) and the same instructions", () => {
    const excelNotes: string[] = [];
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => void (cell.note && excelNotes.push(`'${ws.name}'!${cell.address}`))));
    expect(mock.comments.map((c) => c.address).sort()).toEqual(excelNotes.sort());
    const help = mock.written("说明").map((w) => w.values[0][0]);
    expect(help).toContain(wb.getWorksheet("说明")!.getCell("A3").value);
  });
});

describe("insert template into a workbook that has some of the names", () => {
  it("leaves an existing 花名册 as it is; the form reads its whole columns; a taken table name is not reused", async () => {
    const m = createExcelMock([{ name: "花名册", origin: "A1", values: [["工号", "姓名"], ["A1", "甲"]] }], { tables: ["PayrollTable"] });
    const result = await insertTemplateSheets(m.host, OPTIONS);
    expect(result).toEqual({ added: ["说明", "参数", "工资表", "残疾职工", "申报表"], existing: ["花名册"] });
    // Nothing but the new sheets changed: the user's 花名册 had no call and no write.
    expect(m.userSheetChanges(result.added)).toEqual([]);
    expect(m.sheets.get("花名册")?.values).toEqual([["工号", "姓名"], ["A1", "甲"]]);
    expect(m.tables.map((t) => t.mock.name).sort()).toEqual(["DisabledTable", "ParamTable", "PayrollTable2"]);
    expect(officeFormulas(m).get("申报表!C20")).toBe("LEVY.CHECK(花名册!$A:$I,PayrollTable2[#All],DisabledTable[#All],ParamTable[#All])");
  });

  it("picks table names nobody uses, case-insensitively", () => {
    expect(freeTableNames(["rostertable", "RosterTable2", "ParamTable"])).toEqual({ parameters: "ParamTable2", roster: "RosterTable3", payroll: "PayrollTable", disabled: "DisabledTable" });
  });
});
