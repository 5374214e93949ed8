/**
 * Group workbooks and parameter blocks (tester round 2, defects 1, 2, 6, 9a): every entity of a group workbook is
 * computed under ITS OWN parameter block, or the file is refused (ENTITY_SPLIT_UNSURE, exit 2) — never under another
 * entity's block. Workbooks are written here with ExcelJS (own generator, after the tester's layouts).
 *
 * A公司: 100 staff, staff i paid 8,000 + 50i a month, E0001 certified grade-3 disabled, 浙江省杭州市.
 *   W = 12 × (100 × 8,000 + 50 × 5,050) = 12,630,000; average 126,300; required 100 × 1.5% = 1.5, actual 1;
 *   shortfall 0.5 × 126,300 = 63,150.00; 1% ≤ actual ratio < 1.5% in 浙江 → pays 50%: 31,575.00.
 * B公司: 50 staff, staff i paid 6,000 + 100i, no disabled staff, 江苏省盐城市.
 *   W = 12 × (50 × 6,000 + 100 × 1,275) = 5,130,000; average 102,600; 0.75 × 102,600 = 76,950 × 60% = 46,170;
 *   below 1% → 90% band: 41,553.00 (tester's arithmetic, adv-report-2 §1).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { A, columnWorkbook, params, payroll, PA, PB, prefixWorkbook, register, roster, twoParamSheets } from "./group-fixtures";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/helpers";

const dir = mkdtempSync(join(tmpdir(), "levy-grp-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  await columnWorkbook("name", twoParamSheets()).xlsx.writeFile(join(dir, "G2.xlsx"));
  await columnWorkbook("name", twoParamSheets("A公司-参数", "B公司-参数")).xlsx.writeFile(join(dir, "G12.xlsx"));
  await columnWorkbook("uscc", twoParamSheets()).xlsx.writeFile(join(dir, "G15.xlsx"));
  // G13: one 参数 sheet holding two blocks headed 单位名称：A公司 / 单位名称：B公司.
  await columnWorkbook("name", (wb) => {
    const ws = wb.addWorksheet("参数");
    for (const [title, p] of [["单位名称：A公司", PA], ["单位名称：B公司", PB]] as const) {
      ws.addRow([title]);
      for (const [k, v] of Object.entries(p)) ws.addRow([k, v]);
      ws.addRow([]);
    }
  }).xlsx.writeFile(join(dir, "G13.xlsx"));
  // G5: both blocks say 单位名称 A公司 (one 浙江 + UA, the other 盐城 + UB); every data row says A公司.
  await columnWorkbook("name", (wb) => {
    params(wb.addWorksheet("参数A"), PA);
    params(wb.addWorksheet("参数B"), { ...PB, 单位名称: "A公司" });
  }, () => "A公司").xlsx.writeFile(join(dir, "G5.xlsx"));
  // One company, one block, 所在地区 written twice with different values.
  {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("参数");
    params(ws, PA);
    ws.addRow(["所在地区", "江苏省盐城市"]);
    roster(wb.addWorksheet("花名册"), A);
    payroll(wb.addWorksheet("工资表"), A);
    register(wb.addWorksheet("残疾职工"), A[0]);
    await wb.xlsx.writeFile(join(dir, "twice.xlsx"));
  }
  await prefixWorkbook().xlsx.writeFile(join(dir, "G1.xlsx"));
  // G10: the prefixed group plus an unprefixed 科目余额表 (A's ledger).
  {
    const wb = prefixWorkbook();
    const ws = wb.addWorksheet("科目余额表");
    ws.addRow(["科目编码", "科目名称", "本期借方", "本期贷方"]);
    ws.addRow(["221101", "应付职工薪酬_工资", 12630000, 12630000]);
    await wb.xlsx.writeFile(join(dir, "G10.xlsx"));
  }
}, 120_000);

interface FileJson {
  calculation: { payable: string; region: { code: string }; headcount: string } | null;
  entity?: { name: string | null; uscc: string | null };
  findings: Array<{ code: string; severity: string; cells: Array<{ sheet: string; address: string }>; message: { en: string } }>;
  error?: { en: string };
}
async function audit(file: string, extra: string[] = []) {
  const r = await runCli(["audit", file, "--json", "--today", "2025-06-01", ...extra], dir);
  return { code: r.code, files: JSON.parse(r.stdout).files as FileJson[], stderr: r.stderr };
}

describe("defect 1: each entity of a column-split group under its own parameter block", () => {
  it.each([
    ["G2.xlsx", "two parameter sheets 参数A / 参数B naming 单位名称"],
    ["G12.xlsx", "parameter sheets prefixed A公司-参数 / B公司-参数"],
    ["G13.xlsx", "one 参数 sheet with two blocks headed 单位名称：A公司 / 单位名称：B公司"],
    ["G15.xlsx", "a 统一社会信用代码 column matched to the blocks' codes"],
  ])("%s (%s): A公司 浙江 31,575.00, B公司 盐城 41,553.00", async (file) => {
    const r = await audit(file);
    const got = r.files.map((f) => [f.calculation?.region.code.slice(0, 5), f.calculation?.headcount, f.calculation?.payable]);
    expect(got).toEqual([
      ["CN-ZJ", "100", "31575.00"],
      ["CN-JS", "50", "41553.00"],
    ]);
  }, 120_000);
});

describe("defect 2 and the general rule: a parameter never settled silently", () => {
  it("G5: two blocks both 单位名称 A公司 with different credit codes and regions → refused, ENTITY_SPLIT_UNSURE, exit 2", async () => {
    const r = await audit("G5.xlsx");
    expect(r.code).toBe(2);
    expect(r.files).toHaveLength(1);
    expect(r.files[0].calculation).toBeNull();
    expect(r.files[0].findings.map((f) => f.code)).toEqual(["ENTITY_SPLIT_UNSURE"]);
    expect(r.files[0].findings[0].message.en).toMatch(/credit code/);
  }, 120_000);

  it("所在地区 written twice with different values: an error naming both cells", async () => {
    const r = await audit("twice.xlsx");
    const f = r.files[0].findings.filter((x) => x.code === "PARAM_INVALID" && /written twice/.test(x.message.en));
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe("error");
    // Rows: title, blank, then 8 parameters (所在地区 is the 3rd → row 5); the repeat is row 11. Values in column B.
    expect(f[0].cells).toEqual([
      { sheet: "参数", address: "B5" },
      { sheet: "参数", address: "B11" },
    ]);
    expect(r.code).toBe(1);
  }, 120_000);
});

describe("defect 9a: an unprefixed reconciliation source in a sheet-prefixed group", () => {
  it("G10: an unprefixed 科目余额表 is not given to every entity: refused, ENTITY_SPLIT_UNSURE naming the sheet", async () => {
    const r = await audit("G10.xlsx");
    expect(r.code).toBe(2);
    expect(r.files[0].findings.map((f) => f.code)).toEqual(["ENTITY_SPLIT_UNSURE"]);
    expect(r.files[0].findings[0].cells).toEqual([{ sheet: "科目余额表", address: "A1" }]);
  }, 120_000);
});

// Defect 6 (--snapshot / verify on a group workbook, once refused) is now supported: test/snapshot/group-snapshot.test.ts.
