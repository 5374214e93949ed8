/**
 * End to end through real .xlsx files: written with ExcelJS into a temp directory, read back with ExcelJS into
 * SheetData (as the CLI does), analysed. Dates arrive as Date objects, merged titles as one cell, formulas with
 * their cached results.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { analyseWorkbook } from "../../src/validation/analyse";
import type { CellValue } from "../../src/workbook/types";
import { CLEAN_PARAMS, cleanCompany, cleanEmployees, makeCert, readXlsx, sheetsToRows, writeXlsx } from "../workbook/fixtures";
import type { XlsxCell } from "../workbook/fixtures";

const dir = mkdtempSync(join(tmpdir(), "levy-xlsx-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TODAY = { today: "2025-06-01" };
const date = (iso: string): XlsxCell => ({ value: new Date(`${iso}T00:00:00Z`), numFmt: "yyyy-mm-dd" });

describe("xlsx round trips", () => {
  it("the clean company survives write → read → analyse unchanged", async () => {
    const path = join(dir, "clean.xlsx");
    await writeXlsx(path, sheetsToRows(cleanCompany()));
    const sheets = await readXlsx(path);
    expect(sheets.map((s) => s.name)).toEqual(["参数", "花名册", "工资表", "残疾职工", "月度人数", "申报表"]);
    const a = analyseWorkbook(sheets, TODAY);
    expect(a.findings).toEqual([]);
    expect(a.calculation).toMatchObject({ headcount: "100", wageTotal: "12840000", certifiedDisabled: "2", payable: "0.00" });
    expect(a.rows).toEqual({ read: 1314, counted: 1314, excluded: 0, rejected: 0 });
  });

  it("a hand-made roster: merged title, real dates, text numbers, an error cell, columns out of order", async () => {
    const path = join(dir, "messy.xlsx");
    const emps = cleanEmployees(40);
    const roster: Array<Array<CellValue | XlsxCell>> = [
      ["2024年度职工花名册（截至12月31日）", null, null, null, null],
      [null, null, null, null, null],
      ["姓名", "入职日期", "工号", "身份证号码", "用工性质"],
      ...emps.map((e, i) => [e.name, i === 5 ? "2024年7月1日" : date("2020-01-01"), e.id, e.idNumber ?? null, i === 7 ? "实习生" : "合同制"]),
    ];
    const payroll: Array<Array<CellValue | XlsxCell>> = [
      ["员工编号", "发放月份", "岗位工资", "年终奖", "加班费", "福利费"],
      ...emps.flatMap((e, i) =>
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => [e.id, date(`2024-${String(m).padStart(2, "0")}-01`), i === 0 && m === 1 ? "8,000.00" : i === 1 && m === 2 ? ({ error: "#N/A" } as CellValue) : 8000, m === 12 ? 10000 : 0, 100, 50]),
      ),
    ];
    await writeXlsx(path, [
      { name: "Settings", rows: CLEAN_PARAMS.map(([k, v]) => [k, v]) },
      { name: "Staff", rows: roster, merges: ["A1:E1"] },
      { name: "Pay", rows: payroll },
    ]);
    const a = analyseWorkbook(await readXlsx(path), TODAY);
    expect(a.fatal).toBeUndefined();
    expect(a.tables.map((t) => [t.sheet, t.kind, t.headerRow])).toEqual([
      ["Staff", "roster", 3],
      ["Pay", "payroll", 1],
    ]);
    const find = (code: string) => a.findings.find((f) => f.code === code)!;
    expect(find("DATA_TEXT_NUMBER")).toMatchObject({ severity: "info", cells: [{ sheet: "Pay", address: "C2" }] });
    expect(find("DATA_BAD_NUMBER")).toMatchObject({ severity: "error", cells: [{ sheet: "Pay", address: "C15" }] });
    expect(find("HC_INTERN")).toMatchObject({ cells: [{ sheet: "Staff", address: "E11" }] });
    // 39 counted people, one hired 1 July: (38 × 12 + 6) ÷ 12 = 38.5.
    expect(a.calculation?.headcount).toBe("38.5");
    // Wages: 39 × (12 × 8,100 + 10,000) less the rejected row of 8,100 (the intern's pay is excluded).
    expect(a.calculation?.wageTotal).toBe(String(39 * (12 * 8100 + 10000) - 8100));
    expect(a.rows.read).toBe(a.rows.counted + a.rows.excluded + a.rows.rejected);
    expect(a.rows.read).toBe(40 + 480);
  });

  it("saved LEVY formulas: a stale cached value and a formula never calculated", async () => {
    const path = join(dir, "formulas.xlsx");
    const sheets = cleanCompany({ disabled: null, declaration: null, monthly: null });
    const rows: Array<{ name: string; rows: Array<Array<CellValue | XlsxCell>> }> = sheetsToRows(sheets);
    rows.push({
      name: "申报表",
      rows: [
        ["项目", "金额"],
        ["本期应纳费额", { value: 192600, formula: "_xldudf_LEVY_GROSS(100,0,12840000,参数!A2:B8)" }],
        ["本期应补（退）费额", { value: 170000, formula: "_xldudf_LEVY_DUE(100,0,12840000,参数!A2:B8)" }],
        ["本期减免费额", { value: null, formula: "LEVY.REDUCTION(100,0,12840000,参数!A2:B8)" }],
      ],
    });
    await writeXlsx(path, rows);
    const a = analyseWorkbook(await readXlsx(path), TODAY);
    expect(a.formulas.map((f) => [f.address, f.function, f.status, f.recomputed])).toEqual([
      ["B2", "GROSS", "ok", 192600],
      ["B3", "DUE", "stale", 173340],
      ["B4", "REDUCTION", "no-cached-value", 19260],
    ]);
    expect(a.findings.find((f) => f.code === "FORMULA_STALE")?.cells).toEqual([{ sheet: "申报表", address: "B3" }]);
    expect(a.findings.find((f) => f.code === "FORMULA_NO_VALUE")?.cells).toEqual([{ sheet: "申报表", address: "B4" }]);
    // The declared payable 170,000 is also checked against the computation.
    expect(a.findings.find((f) => f.code === "DECL_PAYABLE_MISMATCH")?.amount).toBe("3340.00");
  });

  it("a small enterprise that declared a payable amount (the seed letter's mistake)", async () => {
    const path = join(dir, "small.xlsx");
    const rows = sheetsToRows(cleanCompany({ employees: cleanEmployees(25), disabled: null, monthly: null, declaration: [["上年在职职工人数", 25], ["本期应纳费额", 48150], ["本期减免费额", 0], ["本期应补（退）费额", 48150]] }));
    await writeXlsx(path, rows);
    const a = analyseWorkbook(await readXlsx(path), TODAY);
    // 25 × 128,400 = 3,210,000; 0.375 × 128,400 = 48,150.00 gross, all exempt.
    expect(a.calculation).toMatchObject({ grossDue: "48150.00", reduction: "48150.00", payable: "0.00" });
    const f = a.findings.find((x) => x.code === "DECL_PAYABLE_MISMATCH")!;
    expect(f).toMatchObject({ severity: "error", amount: "48150.00" });
    expect(f.message.zh).toContain("2023年第8号");
    expect(a.findings.find((x) => x.code === "EXEMPT_SMALL_ENTERPRISE")?.severity).toBe("info");
  });

  it("an uncertified disabled employee in a register read from xlsx", async () => {
    const path = join(dir, "register.xlsx");
    const emps = cleanEmployees();
    const sheets = cleanCompany({
      disabled: [
        { id: emps[0].id, name: emps[0].name, idNumber: emps[0].idNumber ?? null, certificate: makeCert(String(emps[0].idNumber), 1, 2) },
        { id: emps[1].id, name: emps[1].name, idNumber: emps[1].idNumber ?? null, certificate: makeCert(String(emps[1].idNumber), 4, 3), certified: "未认定" },
      ],
      declaration: null,
      monthly: null,
    });
    await writeXlsx(path, sheetsToRows(sheets));
    const a = analyseWorkbook(await readXlsx(path), TODAY);
    expect(a.calculation?.certifiedDisabled).toBe("2");
    expect(a.findings.find((f) => f.code === "DS_UNCERTIFIED")).toMatchObject({ severity: "warning", cells: [{ sheet: "残疾职工", address: "E3" }] });
  });
});
