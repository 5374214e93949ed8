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
import { mkdtempSync, rmSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/helpers";

const dir = mkdtempSync(join(tmpdir(), "levy-grp-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const D = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
function idc(body17: string): string {
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(body17[i]) * W[i];
  return body17 + "10X98765432"[s % 11];
}
const CH = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WT = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function uscc(b17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += CH.indexOf(b17[i]) * WT[i];
  let c = 31 - (s % 31);
  if (c === 31) c = 0;
  return b17 + CH[c];
}
const UA = uscc("91330106MA2AAAAA1");
const UB = uscc("91320900MA1BBBBB2");

interface Person { no: string; name: string; id: string; pay: number; hire: Date }
function peopleA(): Person[] {
  const out: Person[] = [];
  for (let i = 1; i <= 100; i++) {
    let q = 100 + (i % 800);
    if (q % 2 === 0) q++;
    out.push({ no: "E" + String(i).padStart(4, "0"), name: "员工" + i, id: idc("330106" + "1985" + "0" + (1 + (i % 9)) + String(10 + (i % 18)) + String(q).slice(-3)), pay: 8000 + 50 * i, hire: D(2015, 3, 1) });
  }
  return out;
}
function peopleB(): Person[] {
  const out: Person[] = [];
  for (let i = 1; i <= 50; i++) out.push({ no: "B" + String(i).padStart(4, "0"), name: "乙员工" + i, id: idc("320902" + "1990" + "0" + (1 + (i % 9)) + String(10 + (i % 18)) + String(200 + 2 * i + 1).padStart(3, "0")), pay: 6000 + 100 * i, hire: D(2016, 1, 1) });
  return out;
}
const A = peopleA();
const B = peopleB();
type Params = Record<string, string | number | Date>;
const PA: Params = { 单位名称: "A公司", 统一社会信用代码: UA, 所在地区: "浙江省杭州市", 申报年度: 2025, 单位性质: "企业", 当地社平工资: 100000, 最低工资标准: 2490, 已缴费额: 0 };
const PB: Params = { ...PA, 单位名称: "B公司", 统一社会信用代码: UB, 所在地区: "江苏省盐城市", 当地社平工资: 120000 };

function params(ws: ExcelJS.Worksheet, p: Params) {
  ws.addRow(["残疾人就业保障金申报资料"]);
  ws.addRow([]);
  for (const [k, v] of Object.entries(p)) ws.addRow([k, v]);
}
const ROSTER = ["工号", "姓名", "身份证号", "用工形式", "入职日期", "离职日期", "合同起始日期", "合同终止日期", "是否参保"];
function roster(ws: ExcelJS.Worksheet, ps: Person[]) {
  ws.addRow(["员工花名册（2024年度）"]);
  ws.addRow(ROSTER);
  for (const p of ps) ws.addRow([p.no, p.name, p.id, "全日制", p.hire, null, p.hire, null, "是"]);
}
function payroll(ws: ExcelJS.Worksheet, ps: Person[]) {
  ws.addRow(["工号", "姓名", "工资月份", "基本工资", "应发工资", "实发工资"]);
  for (let m = 1; m <= 12; m++) for (const p of ps) ws.addRow([p.no, p.name, D(2024, m, 1), p.pay, p.pay, Math.round(p.pay * 0.85)]);
}
const REGISTER = ["工号", "姓名", "身份证号", "残疾证号", "残疾类别", "残疾等级", "是否认定", "合同起始日期", "合同终止日期", "是否缴纳社保", "月工资"];
function register(ws: ExcelJS.Worksheet, p: Person) {
  ws.addRow(REGISTER);
  ws.addRow([p.no, p.name, p.id, p.id + "43", "肢体", "三级", "已认定", p.hire, null, "是", p.pay]);
}

/** One roster / payroll / register for both companies with an entity column (name or credit code). */
function columnWorkbook(key: "name" | "uscc", paramSheets: (wb: ExcelJS.Workbook) => void, nameOf: (e: "A" | "B") => string = (e) => (key === "name" ? `${e}公司` : e === "A" ? UA : UB)): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  paramSheets(wb);
  const head = key === "name" ? "单位名称" : "统一社会信用代码";
  let ws = wb.addWorksheet("花名册");
  ws.addRow([head, ...ROSTER]);
  for (const [e, ps] of [["A", A], ["B", B]] as const) for (const p of ps) ws.addRow([nameOf(e), p.no, p.name, p.id, "全日制", p.hire, null, p.hire, null, "是"]);
  ws = wb.addWorksheet("工资表");
  ws.addRow([head, "工号", "姓名", "工资月份", "基本工资", "应发工资", "实发工资"]);
  for (let m = 1; m <= 12; m++) for (const [e, ps] of [["A", A], ["B", B]] as const) for (const p of ps) ws.addRow([nameOf(e), p.no, p.name, D(2024, m, 1), p.pay, p.pay, Math.round(p.pay * 0.85)]);
  ws = wb.addWorksheet("残疾职工");
  ws.addRow([head, ...REGISTER]);
  ws.addRow([nameOf("A"), A[0].no, A[0].name, A[0].id, A[0].id + "43", "肢体", "三级", "已认定", A[0].hire, null, "是", A[0].pay]);
  return wb;
}
const twoParamSheets = (a = "参数A", b = "参数B") => (wb: ExcelJS.Workbook) => {
  params(wb.addWorksheet(a), PA);
  params(wb.addWorksheet(b), PB);
};
function prefixWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  params(wb.addWorksheet("A公司-参数"), PA);
  roster(wb.addWorksheet("A公司-花名册"), A);
  payroll(wb.addWorksheet("A公司-工资表"), A);
  register(wb.addWorksheet("A公司-残疾职工"), A[0]);
  params(wb.addWorksheet("B公司-参数"), PB);
  roster(wb.addWorksheet("B公司-花名册"), B);
  payroll(wb.addWorksheet("B公司-工资表"), B);
  return wb;
}

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

describe("defect 6: --snapshot and verify on a group workbook", () => {
  it("refuses --snapshot for a group workbook before writing anything (exit 2, reason)", async () => {
    const r = await runCli(["audit", "G1.xlsx", "--snapshot", "GS.json", "--today", "2025-06-01"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ENTITY|单位/);
    expect(readdirSync(dir).filter((n) => n.startsWith("GS"))).toEqual([]);
    expect(existsSync(join(dir, "GS.json"))).toBe(false);
  }, 120_000);

  it("verify of a working paper holding a group's snapshots says it cannot verify per entity (exit 2), never DIFFERENT", async () => {
    const w = await runCli(["audit", "G1.xlsx", "--out", "GWP.xlsx", "--today", "2025-06-01"], dir);
    expect(w.code).toBe(0);
    const r = await runCli(["verify", "GWP.xlsx", "G1.xlsx"], dir);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).not.toMatch(/DIFFERENT/);
    expect(r.stdout + r.stderr).toMatch(/entit/i);
  }, 120_000);
});

describe("defect 6: verify against a group workbook", () => {
  it("a one-entity snapshot verified against a group workbook: exit 2 with the reason, not a false DIFFERENT", async () => {
    const wb = new ExcelJS.Workbook();
    params(wb.addWorksheet("参数"), PA);
    roster(wb.addWorksheet("花名册"), A);
    payroll(wb.addWorksheet("工资表"), A);
    register(wb.addWorksheet("残疾职工"), A[0]);
    await wb.xlsx.writeFile(join(dir, "A_only.xlsx"));
    const s = await runCli(["audit", "A_only.xlsx", "--snapshot", "SA.json", "--today", "2025-06-01"], dir);
    expect(s.code).toBe(0);
    const r = await runCli(["verify", "SA.json", "G1.xlsx"], dir);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).not.toMatch(/DIFFERENT/);
    expect(r.stdout + r.stderr).toMatch(/several entities/);
  }, 120_000);
});
