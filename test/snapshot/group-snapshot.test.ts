/**
 * Group workbooks and the filed snapshot (issue 10 §3–4), end to end on real .xlsx written and read by ExcelJS:
 * `levy audit G.xlsx --snapshot OUT.json` writes one JSON holding each entity's snapshot, `--out` one hidden 快照
 * sheet per entity; `levy verify` pairs the entities (credit code, then name) and verifies each; an entity on one side
 * only is a difference; `--last-year` bridges per entity and says so when an entity has no last year.
 *
 * The group (test/batch/group-fixtures.ts): sheets "A公司-参数", "A公司-花名册" … and "B公司-…".
 *   A公司 (浙江, 100 staff, one certified disabled): payable 31,575.00 (arithmetic in the fixtures).
 *   B公司 (盐城, 50 staff): payable 41,553.00.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/helpers";
import { A, B, columnWorkbook, D, params, PA, payroll, prefixWorkbook, register, roster, twoParamSheets, UA, UB } from "../batch/group-fixtures";
import type { Person } from "../batch/group-fixtures";

const dir = mkdtempSync(join(tmpdir(), "levy-grpsnap-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TODAY = ["--today", "2025-06-01"];

function oneEntity(p: typeof PA, people: Person[], disabled: Person | null): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  params(wb.addWorksheet("参数"), p);
  roster(wb.addWorksheet("花名册"), people);
  payroll(wb.addWorksheet("工资表"), people);
  if (disabled) register(wb.addWorksheet("残疾职工"), disabled);
  return wb;
}

beforeAll(async () => {
  await prefixWorkbook().xlsx.writeFile(join(dir, "G.xlsx"));
  await oneEntity(PA, A, A[0]).xlsx.writeFile(join(dir, "A_only.xlsx"));
  // B's payroll edited in one cell: B0001's January row is row 2 of "B公司-工资表" (header on row 1, then month 1's
  // 50 rows); 基本工资 (D) and 应发工资 (E) 6,100 → 7,100.
  const edited = prefixWorkbook();
  const ws = edited.getWorksheet("B公司-工资表")!;
  expect(ws.getCell("A2").value).toBe("B0001");
  expect(ws.getCell("D2").value).toBe(6100);
  expect(ws.getCell("E2").value).toBe(6100);
  ws.getCell("D2").value = 7100;
  ws.getCell("E2").value = 7100;
  await edited.xlsx.writeFile(join(dir, "G_editB.xlsx"));
  const r = await runCli(["audit", "G.xlsx", "--snapshot", "GS.json", "--out", "GWP.xlsx", ...TODAY], dir);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
}, 180_000);

interface Entity { status: string; name: string | null; uscc: string | null; matchedBy?: string; report?: { exitCode: number; workbook: { same: boolean; tables: unknown[]; columns: Array<{ column: number; filed: string; now: string; difference: string }>; payable: { filed: string; now: string } } | null } }

async function verifyJson(...args: string[]) {
  const r = await runCli(["verify", ...args, "--json"], dir);
  return { code: r.code, report: r.stdout ? JSON.parse(r.stdout) : null, stderr: r.stderr };
}

describe("levy audit G.xlsx --snapshot: one JSON, one snapshot per entity", () => {
  it("wraps each entity's snapshot as {kind: group, entities}", () => {
    const g = JSON.parse(readFileSync(join(dir, "GS.json"), "utf8"));
    expect(g).toMatchObject({ format: "levy-snapshot", kind: "group", version: 1, source: { file: "G.xlsx" } });
    expect(g.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(g.entities).toHaveLength(2);
    expect(g.entities.map((e: { entity: unknown }) => e.entity)).toEqual([
      { index: 1, of: 2, name: "A公司", uscc: UA, sheets: ["A公司-参数", "A公司-花名册", "A公司-工资表", "A公司-残疾职工"] },
      { index: 2, of: 2, name: "B公司", uscc: UB, sheets: ["B公司-参数", "B公司-花名册", "B公司-工资表"] },
    ]);
    expect(g.entities.map((e: { result: { payable: string } }) => e.result.payable)).toEqual(["31575.00", "41553.00"]);
    expect(g.entities.map((e: { region: { code: string } }) => e.region.code)).toEqual(["CN-ZJ", "CN-JS-320900"]);
    // B's payroll: 50 staff × 12 months = 600 rows digested, on B's own sheet only.
    expect(g.entities[1].inputs.tables.map((t: { sheet: string; dataRows: number }) => [t.sheet, t.dataRows])).toEqual([
      ["B公司-花名册", 50],
      ["B公司-工资表", 600],
    ]);
  });

  it("a one-entity workbook's snapshot keeps exactly its old shape (no kind, no entity)", async () => {
    const r = await runCli(["audit", "A_only.xlsx", "--snapshot", "SA.json", ...TODAY], dir);
    expect(r.code).toBe(0);
    const s = JSON.parse(readFileSync(join(dir, "SA.json"), "utf8"));
    expect(Object.keys(s).sort()).toEqual(["createdAt", "digest", "employer", "format", "inputs", "period", "region", "result", "rules", "source", "tool", "version"]);
    expect(s.result.payable).toBe("31575.00");
  }, 120_000);

  it("--out keeps one very hidden 快照 sheet per entity", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "GWP.xlsx"));
    const sheets = wb.worksheets.filter((w) => w.name.endsWith("快照"));
    expect(sheets.map((w) => [w.name, w.state])).toEqual([
      ["F1 快照", "veryHidden"],
      ["F2 快照", "veryHidden"],
    ]);
  });

  it("--json of a group audit only adds fields: each entity's entry has every key of a one-entity entry, plus entity", async () => {
    const group = JSON.parse((await runCli(["audit", "G.xlsx", "--json", ...TODAY], dir)).stdout);
    const single = JSON.parse((await runCli(["audit", "A_only.xlsx", "--json", ...TODAY], dir)).stdout);
    const keys = Object.keys(single.files[0]);
    for (const f of group.files) {
      for (const k of keys) expect(f).toHaveProperty(k);
      expect(f.entity).toMatchObject({ of: 2 });
    }
    expect(group.files.map((f: { calculation: { payable: string } }) => f.calculation.payable)).toEqual(["31575.00", "41553.00"]);
  }, 120_000);
});

describe("levy verify of a group", () => {
  it("the unchanged group workbook verifies clean (exit 0), per entity, from the JSON and from the working paper", async () => {
    for (const source of ["GS.json", "GWP.xlsx"]) {
      const { code, report } = await verifyJson(source, "G.xlsx");
      expect(code).toBe(0);
      expect(report.kind).toBe("group");
      expect(report.entities.map((e: Entity) => [e.name, e.status, e.matchedBy])).toEqual([
        ["A公司", "same", "uscc"],
        ["B公司", "same", "uscc"],
      ]);
    }
    const text = await runCli(["verify", "GS.json", "G.xlsx"], dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("── 单位 entity 2/2: B公司");
    expect(text.stdout).toContain("结论 Result (集团 group): 一致 all the same (exit 0)");
  }, 180_000);

  it("one payroll cell of B edited: B is reported (the row, the columns), A is the same", async () => {
    const { code, report } = await verifyJson("GS.json", "G_editB.xlsx");
    expect(code).toBe(1);
    const [a, b] = report.entities as Entity[];
    expect(a).toMatchObject({ name: "A公司", status: "same" });
    expect(b).toMatchObject({ name: "B公司", status: "different" });
    expect(b.report!.workbook!.tables).toEqual([expect.objectContaining({ sheet: "B公司-工资表", status: "changed", rows: [{ change: "changed", sheet: "B公司-工资表", row: 2 }] })]);
    // B with the filed rules: W 5,130,000 + 1,000 = 5,131,000; average 5,131,000 ÷ 50 = 102,620; shortfall 0.75;
    // gross 0.75 × 102,620 × 60% (盐城) = 46,179.00; below 1% → 90% band: 41,561.10 (+8.10).
    expect(b.report!.workbook!.payable).toMatchObject({ filed: "41553.00", now: "41561.10" });
    const cols = Object.fromEntries(b.report!.workbook!.columns.map((c) => [c.column, c.difference]));
    expect(cols[4]).toBe("1000.00");
    expect(cols[12]).toBe("8.10");
  }, 180_000);

  it("an entity on one side only is a difference (exit 1), never ignored", async () => {
    // One entity's snapshot against the group workbook: A is paired, B is missing from the snapshot.
    expect((await runCli(["audit", "A_only.xlsx", "--snapshot", "SA2.json", ...TODAY], dir)).code).toBe(0);
    const one = await verifyJson("SA2.json", "G.xlsx");
    expect(one.code).toBe(1);
    expect(one.report.entities.map((e: Entity) => [e.name, e.status])).toEqual([
      ["A公司", "different"], // its tables are on sheets named 花名册 …, in the group on A公司-花名册 …
      ["B公司", "missing-in-snapshot"],
    ]);
    // The group's snapshot against a one-entity workbook: B is missing from the workbook.
    const other = await verifyJson("GS.json", "A_only.xlsx");
    expect(other.code).toBe(1);
    expect(other.report.entities.map((e: Entity) => [e.name, e.status])).toEqual([
      ["A公司", "different"],
      ["B公司", "missing-in-workbook"],
    ]);
    const text = await runCli(["verify", "GS.json", "A_only.xlsx"], dir);
    expect(text.stdout).toContain("工作簿中没有 MISSING from the workbook");
  }, 180_000);

  it("an entity removed from the group JSON by hand: the digest says so and the workbook's entity is missing (exit 1)", async () => {
    const g = JSON.parse(readFileSync(join(dir, "GS.json"), "utf8"));
    g.entities = g.entities.slice(0, 1);
    writeFileSync(join(dir, "GS-cut.json"), JSON.stringify(g));
    const { code, report } = await verifyJson("GS-cut.json", "G.xlsx");
    expect(code).toBe(1);
    expect(report.integrity.ok).toBe(false);
    expect(report.entities.map((e: Entity) => [e.name, e.status])).toEqual([
      ["A公司", "same"],
      ["B公司", "missing-in-snapshot"],
    ]);
  }, 120_000);

  it("a group told apart by a 统一社会信用代码 column: editing one of B's rows in the shared payroll reports B only", async () => {
    // One roster and one payroll for both companies; payroll row 1 the header, then month 1: A's 100 rows (2–101),
    // B's 50 rows (102–151). B0001's January row is 102; 基本工资 E and 应发工资 F 6,100 → 7,100 (+1,000 as above).
    await columnWorkbook("uscc", twoParamSheets()).xlsx.writeFile(join(dir, "GC.xlsx"));
    const edited = columnWorkbook("uscc", twoParamSheets());
    const ws = edited.getWorksheet("工资表")!;
    expect([ws.getCell("A102").value, ws.getCell("B102").value, ws.getCell("E102").value, ws.getCell("F102").value]).toEqual([UB, "B0001", 6100, 6100]);
    ws.getCell("E102").value = 7100;
    ws.getCell("F102").value = 7100;
    await edited.xlsx.writeFile(join(dir, "GC_editB.xlsx"));
    expect((await runCli(["audit", "GC.xlsx", "--snapshot", "GC.json", ...TODAY], dir)).code).toBe(0);
    const clean = await verifyJson("GC.json", "GC.xlsx");
    expect(clean.code).toBe(0);
    const { code, report } = await verifyJson("GC.json", "GC_editB.xlsx");
    expect(code).toBe(1);
    const [a, b] = report.entities as Entity[];
    expect([a.uscc, a.status, b.uscc, b.status]).toEqual([UA, "same", UB, "different"]);
    expect(b.report!.workbook!.tables).toEqual([expect.objectContaining({ sheet: "工资表", rows: [{ change: "changed", sheet: "工资表", row: 102 }] })]);
    expect(b.report!.workbook!.payable).toMatchObject({ filed: "41553.00", now: "41561.10" });
  }, 180_000);

  it("without a workbook: each entity's snapshot against itself and today's rules", async () => {
    const { code, report } = await verifyJson("GS.json");
    expect(code).toBe(0);
    expect(report.workbook).toBeNull();
    expect(report.entities.map((e: Entity) => e.status)).toEqual(["same", "same"]);
  }, 60_000);
});

describe("levy audit G.xlsx --last-year: a bridge per entity", () => {
  // Last year (filing 2024, data 2023): only A公司, with its first 80 staff (E0001 certified, same pay).
  //   W = 12 × (80 × 8,000 + 50 × (1 + … + 80) = 50 × 3,240) = 12 × 802,000 = 9,624,000; average 120,300;
  //   required 80 × 1.5% = 1.2, actual 1 (1.25%: between 1% and 1.5% → pays 50%); shortfall 0.2;
  //   gross 0.2 × 120,300 = 24,060.00; reduction 12,030.00; payable 12,030.00.
  //   This year A: 31,575.00 → change 19,545.00.
  beforeAll(async () => {
    const staff = A.slice(0, 80);
    const wb = new ExcelJS.Workbook();
    params(wb.addWorksheet("参数"), { ...PA, 申报年度: 2024 });
    roster(wb.addWorksheet("花名册"), staff);
    const ws = wb.addWorksheet("工资表");
    ws.addRow(["工号", "姓名", "工资月份", "基本工资", "应发工资", "实发工资"]);
    for (let m = 1; m <= 12; m++) for (const p of staff) ws.addRow([p.no, p.name, D(2023, m, 1), p.pay, p.pay, Math.round(p.pay * 0.85)]);
    register(wb.addWorksheet("残疾职工"), A[0]);
    await wb.xlsx.writeFile(join(dir, "A_2024.xlsx"));
  }, 60_000);

  it("a one-entity last year given to a group: paired with A by credit code; B gets YOY_NO_LAST_YEAR and no bridge", async () => {
    const r = await runCli(["audit", "G.xlsx", "--last-year", "A_2024.xlsx", "--json", ...TODAY], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const [a, b] = JSON.parse(r.stdout).files;
    expect(a.yoy.lastYear).toMatchObject({ filingYear: 2024, payable: "12030.00" });
    expect(a.yoy.thisYear).toMatchObject({ filingYear: 2025, payable: "31575.00" });
    expect(a.yoy.change).toBe("19545.00");
    // The steps sum to the change (added here in cents, independently of the bridge's own arithmetic).
    expect(a.yoy.steps.reduce((s: number, x: { amount: string }) => s + Math.round(Number(x.amount) * 100), 0)).toBe(1954500);
    expect(a.findings.map((f: { code: string }) => f.code)).not.toContain("YOY_NO_LAST_YEAR");
    expect(b.yoy).toBeUndefined();
    const missing = b.findings.find((f: { code: string }) => f.code === "YOY_NO_LAST_YEAR");
    expect(missing).toMatchObject({ severity: "warning" });
    expect(missing.message.en).toContain("B公司");
    expect(missing.message.en).toContain("not a zero change");
  }, 180_000);

  it("a group's snapshot as last year: every entity paired (change 0.00 against itself); the working paper has a 同比 sheet per entity", async () => {
    const r = await runCli(["audit", "G.xlsx", "--last-year", "GS.json", "--out", "GWP-yoy.xlsx", "--json", ...TODAY], dir);
    expect(r.code).toBe(0);
    const files = JSON.parse(r.stdout).files;
    expect(files.map((f: { yoy: { change: string } }) => f.yoy.change)).toEqual(["0.00", "0.00"]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "GWP-yoy.xlsx"));
    expect(wb.worksheets.map((w) => w.name).filter((n) => n.includes("同比"))).toEqual(["F1 同比 YoY", "F2 同比 YoY"]);
  }, 180_000);

  it("a group's last year given to one entity: paired by credit code; last year's other entity is listed as unmatched", async () => {
    const r = await runCli(["audit", "A_only.xlsx", "--last-year", "GS.json", "--json", ...TODAY], dir);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.files[0].yoy.change).toBe("0.00");
    expect(json.lastYearUnmatched).toEqual([{ name: "B公司", uscc: UB }]);
  }, 120_000);

  it("another company's last year for a one-entity workbook: no bridge, the finding instead", async () => {
    const wb = oneEntity({ ...PA, 单位名称: "B公司", 统一社会信用代码: UB, 所在地区: "江苏省盐城市", 当地社平工资: 120000 }, B, null);
    await wb.xlsx.writeFile(join(dir, "B_only.xlsx"));
    const r = await runCli(["audit", "B_only.xlsx", "--last-year", "SA.json", "--json", ...TODAY], dir);
    const f = JSON.parse(r.stdout).files[0];
    expect(f.yoy).toBeUndefined();
    expect(f.findings.map((x: { code: string }) => x.code)).toContain("YOY_NO_LAST_YEAR");
  }, 120_000);
});
