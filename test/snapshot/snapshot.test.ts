/**
 * Filed snapshot and `levy verify` (issue 10 §3), end to end with real .xlsx files written and read by ExcelJS:
 * write the working paper, reopen it, verify clean; edit one payroll cell, verify names the sheet and row and the
 * columns that move; change a rule profile value (an injected rule book), verify says the filed number would change
 * and leaves the filed number alone.
 *
 * The company: the clean test company (test/workbook/fixtures.ts) without its disabled register, so a levy is due.
 *   100 full-year staff, national rules, filing 2025, social average wage 100,000 (cap 2 × = 200,000).
 *   col 4  wage total   = 100 × (12 × 9,700 + 12,000)            = 12,840,000.00
 *   col 5  headcount    = 100
 *   col 6  quota ratio  = 1.5%  → required 1.5, col 7 = 0, shortfall 1.5
 *   col 8  average wage = 12,840,000 ÷ 100                       = 128,400 (< cap 200,000)
 *   col 9  gross        = 1.5 × 128,400                          = 192,600.00
 *   col 10 reduction    = disabled share 0 < 1% → pays 90%: 10% of 192,600 = 19,260.00
 *   col 12 payable      = 192,600.00 − 19,260.00                 = 173,340.00
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_PROFILES } from "../../src/core/rules/resolve";
import type { RegionProfile } from "../../src/core/rules/types";
import { runVerify, verifySnapshot } from "../../src/cli/verify";
import { sha256Hex } from "../../src/snapshot/sha256";
import { compressRows, expandRows } from "../../src/snapshot/digest";
import { parseSnapshot } from "../../src/snapshot/parse";
import type { Snapshot } from "../../src/snapshot/types";
import type { CliIO } from "../../src/cli/io";
import { CLEAN_PARAMS, CLEAN_PAY, cleanCompany, cleanEmployees, parameterSheet, payrollSheet, rosterSheet, sheetsToRows, writeXlsx, yearOfPay } from "../workbook/fixtures";
import { runCli } from "../cli/helpers";

const dir = mkdtempSync(join(tmpdir(), "levy-snapshot-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const COMPANY = join(dir, "company.xlsx");
const PAPER = join(dir, "paper.xlsx");
const SNAP = join(dir, "snap.json");

beforeAll(async () => {
  await writeXlsx(COMPANY, sheetsToRows(cleanCompany({ disabled: null, declaration: null })));
  const run = await runCli(["audit", COMPANY, "--out", PAPER, "--snapshot", SNAP], dir);
  expect(run.stderr).toBe("");
  expect(run.code).toBeLessThan(2);
}, 120_000);

function io() {
  let stdout = "";
  let stderr = "";
  const value: CliIO = { stdout: { write: (t: string) => ((stdout += t), true) }, stderr: { write: (t: string) => ((stderr += t), true) }, cwd: dir };
  return { io: value, out: () => stdout, err: () => stderr };
}

describe("sha256", () => {
  it("equals node:crypto on any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (s) => {
        expect(sha256Hex(s)).toBe(createHash("sha256").update(Buffer.from(new TextEncoder().encode(s))).digest("hex"));
      }),
      { numRuns: 60 },
    );
  });
  it("row ranges round-trip", () => {
    expect(compressRows([2, 3, 4, 6, 8, 9])).toBe("2-4,6,8-9");
    expect(expandRows("2-4,6,8-9")).toEqual([2, 3, 4, 6, 8, 9]);
  });
});

describe("the snapshot", () => {
  it("holds the filed figures, the rule values with their sources, and digests instead of rows", () => {
    const s = parseSnapshot(readFileSync(SNAP, "utf8"));
    expect(s.result).toMatchObject({ wageTotal: "12840000", headcount: "100", quotaRatio: "0.015", certifiedDisabled: "0", averageWage: "128400", grossDue: "192600.00", reductionKind: "tier-90", reduction: "19260.00", alreadyPaid: "0.00", payable: "173340.00" });
    expect(s.period).toMatchObject({ filingYear: 2025, dataYear: 2024 });
    expect(s.region.code).toBe("CN");
    const quota = s.rules.parameters.find((p) => p.name === "quotaRatio");
    expect(quota).toMatchObject({ value: "0.015", used: true, overridden: false });
    expect(quota?.source.document).toMatch(/条例|号/);
    // Roster 100 rows, payroll 1,200 rows (100 × 12), each with a 12-hex-digit row digest.
    const roster = s.inputs.tables.find((t) => t.kind === "roster");
    const payroll = s.inputs.tables.find((t) => t.kind === "payroll");
    expect(roster?.dataRows).toBe(100);
    expect(payroll?.dataRows).toBe(1200);
    expect(payroll?.rowNumbers).toBe("2-1201");
    expect(payroll?.rowHashes).toMatch(/^[0-9a-f]{14400}$/);
    expect(payroll?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(s.tool.version).toMatch(/^\d+\.\d+\.\d+/);
    // Headcount parts: 12 months of 100; wage parts: 100 staff × 12 × 8,000 basic = 9,600,000.
    expect(s.inputs.headcount?.months.map((m) => m.figure)).toEqual(new Array(12).fill("100"));
    expect(Object.values(s.inputs.wageParts ?? {})).toContain("9600000");
  });

  it("is private: no name or ID number of any employee is in it", () => {
    const text = readFileSync(SNAP, "utf8");
    for (const e of cleanEmployees().slice(0, 20)) {
      expect(text).not.toContain(e.name);
      expect(text).not.toContain(String(e.idNumber));
    }
  });

  it("sits in the working paper on a very hidden, protected sheet", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(PAPER);
    const ws = wb.getWorksheet("快照");
    expect(ws?.state).toBe("veryHidden");
    expect((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet).toBe(true);
    expect(ws?.getCell("A1").value).toBe("levy-snapshot");
  });

  it("--snapshot never replaces an existing file without --force", async () => {
    const before = readFileSync(SNAP, "utf8");
    const run = await runCli(["audit", COMPANY, "--snapshot", SNAP], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--force");
    expect(readFileSync(SNAP, "utf8")).toBe(before);
    const again = await runCli(["audit", COMPANY, "--snapshot", COMPANY, "--force"], dir);
    expect(again.code).toBe(2);
  });
});

describe("levy verify", () => {
  it("round trip: the working paper reopened verifies clean against the workbook (exit 0)", async () => {
    const run = await runCli(["verify", PAPER, COMPANY], dir);
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("(a) 工作簿 Workbook");
    expect(run.stdout).toContain("一致 same");
    expect(run.code).toBe(0);
    const json = await runCli(["verify", SNAP, COMPANY, "--json"], dir);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.workbook.same).toBe(true);
    expect(report.rules.same).toBe(true);
    expect(report.integrity.ok).toBe(true);
  }, 60_000);

  it("names the edited payroll cell's sheet and row, and the columns that move", async () => {
    // Payroll rows: header on row 1, then 12 rows per employee in order: E0005 is rows 50–61 (1 + 4 × 12 + 1 …),
    // its March row is 52. Basic pay (基本工资) is column D. 8,000 → 8,500 adds 500 to the wage total.
    const edited = join(dir, "edited.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(COMPANY);
    const ws = wb.getWorksheet("工资表")!;
    expect(ws.getCell("A52").value).toBe("E0005");
    expect(ws.getCell("C52").value).toBe("2024-03");
    expect(ws.getCell("D1").value).toBe("基本工资");
    expect(ws.getCell("D52").value).toBe(8000);
    ws.getCell("D52").value = 8500;
    await wb.xlsx.writeFile(edited);

    const run = await runCli(["verify", SNAP, edited, "--json"], dir);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.workbook.same).toBe(false);
    expect(report.workbook.tables).toEqual([expect.objectContaining({ sheet: "工资表", kind: "payroll", status: "changed", rows: [{ change: "changed", sheet: "工资表", row: 52 }] })]);
    // With the filed rules: wage total 12,840,500; average 128,405; gross 1.5 × 128,405 = 192,607.50;
    // reduction 10% = 19,260.75; payable 173,346.75 (+6.75).
    const cols = Object.fromEntries(report.workbook.columns.map((c: { column: number; now: string; difference: string }) => [c.column, [c.now, c.difference]]));
    expect(cols[4]).toEqual(["12840500", "500.00"]);
    expect(cols[8]).toEqual(["128405", "5.00"]);
    expect(cols[9]).toEqual(["192607.50", "7.50"]);
    expect(cols[10]).toEqual(["19260.75", "0.75"]);
    expect(cols[12]).toEqual(["173346.75", "6.75"]);
    expect(report.rules.same).toBe(true);

    const text = await runCli(["verify", SNAP, edited], dir);
    expect(text.stdout).toContain("工资表!52 已修改 changed");
    expect(text.stdout).toContain("173,340.00 → 173,346.75");
  }, 60_000);

  it("another company's workbook with the same figures is not 'the same': the employer is compared (exit 1)", async () => {
    // Same people, same pay, so every form column agrees; only 单位名称 and 统一社会信用代码 differ. The second code
    // is a valid GB 32100 code (check character H worked out by hand: 31 − (Σ code×weight mod 31)).
    const other = join(dir, "other-company.xlsx");
    const params = CLEAN_PARAMS.map(([k, v]) => [k, k === "单位名称" ? "另一家贸易有限公司" : k === "统一社会信用代码" ? "91330100MA2KD0001H" : v] as [string, (typeof CLEAN_PARAMS)[number][1]]);
    await writeXlsx(other, sheetsToRows(cleanCompany({ disabled: null, declaration: null, params })));
    const run = await runCli(["verify", SNAP, other, "--json"], dir);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.workbook.same).toBe(false);
    expect(report.workbook.columns).toEqual([]);
    expect(report.workbook.inputs).toEqual([
      expect.objectContaining({ name: "employer.uscc", filed: "91310110666007217T", now: "91330100MA2KD0001H" }),
      expect.objectContaining({ name: "employer.name", filed: "示例科技有限公司", now: "另一家贸易有限公司" }),
    ]);
    const text = await runCli(["verify", SNAP, other], dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain("另一家贸易有限公司");
    expect(text.stdout).not.toContain("一致 all the same");
  }, 60_000);

  it("reports that today's rules would change the filed number, without changing it", async () => {
    // A rule book where the national quota ratio is 1.7% from 2025: required 1.7, gross 1.7 × 128,400 = 218,280.00,
    // reduction 10% = 21,828.00, payable 196,452.00.
    const profiles: RegionProfile[] = ALL_PROFILES.map((p) =>
      p.code !== "CN" ? p : { ...p, entries: [{ parameter: "quotaRatio", value: "0.017", from: "2025-01-01", source: { document: "测试规则 test rule" }, confidence: "confirmed" }, ...p.entries] },
    );
    const snapshot: Snapshot = parseSnapshot(readFileSync(SNAP, "utf8"));
    const report = await verifySnapshot(snapshot, { path: COMPANY, shownAs: "company.xlsx" }, { profiles });
    expect(report.workbook?.same).toBe(true);
    expect(report.rules.same).toBe(false);
    expect(report.rules.parameters).toEqual([expect.objectContaining({ name: "quotaRatio", filed: "0.015", now: "0.017", used: true, nowSource: "测试规则 test rule" })]);
    expect(report.rules.payable).toEqual({ filed: "173340.00", now: "196452.00" });
    const cols = Object.fromEntries(report.rules.columns.map((c) => [c.column, c.now]));
    expect(cols).toEqual({ 6: "0.017", 9: "218280.00", 10: "21828.00", 12: "196452.00" });
    expect(report.rules.rulesVersion.now).not.toBe(report.rules.rulesVersion.filed);
    expect(report.exitCode).toBe(1);
    expect(snapshot.result.payable).toBe("173340.00");

    const cli = io();
    expect(await runVerify([SNAP], cli.io, { profiles })).toBe(1);
    expect(cli.out()).toContain("quotaRatio");
    expect(cli.out()).toContain("173,340.00 → 196,452.00");
    expect(cli.out()).toContain("申报数不因此改变 the filed figures are not changed by this");
  }, 60_000);

  it("a snapshot edited by hand is reported; garbage and missing files are refused with exit 2", async () => {
    const tampered = join(dir, "tampered.json");
    const s = JSON.parse(readFileSync(SNAP, "utf8"));
    s.result.payable = "100.00";
    writeFileSync(tampered, JSON.stringify(s));
    const run = await runCli(["verify", tampered, "--json"], dir);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.integrity.ok).toBe(false);
    expect(report.integrity.problems.map((p: { en: string }) => p.en).join(" ")).toContain("digest");

    writeFileSync(join(dir, "garbage.json"), "{not json");
    expect((await runCli(["verify", "garbage.json"], dir)).code).toBe(2);
    expect((await runCli(["verify", "missing.json"], dir)).code).toBe(2);
    // A workbook without snapshots is not a snapshot.
    copyFileSync(COMPANY, join(dir, "plain.xlsx"));
    const plain = await runCli(["verify", "plain.xlsx"], dir);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain("holds no snapshot");
    expect(existsSync(join(dir, "plain.xlsx"))).toBe(true);
  }, 60_000);

  it("an input changed (the region): the headline says the workbook now gives a different result, with the figure", async () => {
    const moved = join(dir, "moved.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(COMPANY);
    const ws = wb.getWorksheet("参数")!;
    let edited = false;
    ws.eachRow((row) => {
      if (row.getCell(1).value === "地区") {
        row.getCell(2).value = "江苏省盐城市";
        edited = true;
      }
    });
    expect(edited).toBe(true);
    await wb.xlsx.writeFile(moved);
    // Under 盐城 (60% of the national levy, 2017 Q&A): gross 1.5 × 128,400 × 60% = 115,560.00; the 90% band pays
    // 90% → 104,004.00. Filed (national): 173,340.00.
    const run = await runCli(["verify", SNAP, moved], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain("申报结果不变");
    expect(run.stdout).toContain("工作簿现在得出不同结果 the workbook now gives a different result");
    expect(run.stdout).toContain("173,340.00 → 104,004.00");
    const json = JSON.parse((await runCli(["verify", SNAP, moved, "--json"], dir)).stdout);
    expect(json.workbook.payable.workbook).toBe("104004.00");
  }, 60_000);

  it("a workbook that no longer gives a result is a difference (exit 1), not a crash", async () => {
    const gone = join(dir, "no-roster.xlsx");
    await writeXlsx(gone, sheetsToRows(cleanCompany({ disabled: null, declaration: null }).filter((sh) => sh.name !== "花名册")));
    const run = await runCli(["verify", SNAP, gone, "--json"], dir);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.workbook.same).toBe(false);
    expect(report.workbook.tables).toContainEqual(expect.objectContaining({ sheet: "花名册", kind: "roster", status: "removed", filedRows: 100 }));
  }, 60_000);

  it("--help", async () => {
    const run = await runCli(["verify", "--help"], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("levy verify SNAPSHOT.json");
  });
});

describe("levy audit --last-year", () => {
  // Last year's workbook: 80 of the same staff, filing 2024 (data 2023), same pay. Wage total 80 × 128,400 =
  // 10,272,000, average 128,400, required 80 × 1.5% = 1.2, gross 1.2 × 128,400 = 154,080.00, 90% band → reduction
  // 15,408.00, payable 138,672.00. This year (above): 173,340.00. Change +34,668.00, all of it headcount:
  // 100 staff at last year's average 128,400 in last year's 90% band: 1.5 × 128,400 × 0.9 = 173,340.00 − 138,672.00.
  const LAST = join(dir, "last.xlsx");
  beforeAll(async () => {
    const employees = cleanEmployees(80);
    const params = CLEAN_PARAMS.map(([k, v]): [string, typeof v] => (k === "申报年度" ? [k, 2024] : [k, v]));
    await writeXlsx(LAST, sheetsToRows([parameterSheet(params), rosterSheet(employees), payrollSheet(yearOfPay(employees, 2023, CLEAN_PAY))]));
  }, 60_000);

  it("from last year's workbook: the yoy object in --json, parts summing to the change", async () => {
    const run = await runCli(["audit", COMPANY, "--last-year", LAST, "--json"], dir);
    expect(run.stderr).toBe("");
    const yoy = JSON.parse(run.stdout).files[0].yoy;
    expect(yoy.lastYear).toMatchObject({ filingYear: 2024, payable: "138672.00" });
    expect(yoy.thisYear).toMatchObject({ filingYear: 2025, payable: "173340.00" });
    expect(yoy.change).toBe("34668.00");
    expect(Object.fromEntries(yoy.steps.map((s: { id: string; amount: string }) => [s.id, s.amount]))).toEqual({
      headcount: "34668.00", averageWage: "0.00", quota: "0.00", disabled: "0.00", tier: "0.00", policy: "0.00", alreadyPaid: "0.00", residue: "0.00",
    });
  }, 60_000);

  it("a 'last year' that is this year's own filing: the bridge (change 0.00) comes with a YOY_NOT_CONSECUTIVE warning", async () => {
    const run = await runCli(["audit", COMPANY, "--last-year", SNAP, "--json"], dir);
    const file = JSON.parse(run.stdout).files[0];
    expect(file.yoy.change).toBe("0.00");
    expect(file.findings.filter((f: { code: string }) => f.code === "YOY_NOT_CONSECUTIVE")).toEqual([expect.objectContaining({ severity: "warning" })]);
    const good = JSON.parse((await runCli(["audit", COMPANY, "--last-year", LAST, "--json"], dir)).stdout).files[0];
    expect(good.findings.some((f: { code: string }) => f.code === "YOY_NOT_CONSECUTIVE")).toBe(false);
  }, 60_000);

  it("from last year's snapshot, into the working paper's 同比 sheet and the terminal", async () => {
    const lastSnap = join(dir, "last.json");
    expect((await runCli(["audit", LAST, "--snapshot", lastSnap], dir)).code).toBeLessThan(2);
    const paper = join(dir, "paper-yoy.xlsx");
    const run = await runCli(["audit", COMPANY, "--last-year", lastSnap, "--out", paper], dir);
    expect(run.stdout).toContain("同比分析 Year-over-year bridge: 2024 → 2025");
    expect(run.stdout).toMatch(/在职职工人数 Headcount\s+34,668\.00/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(paper);
    const ws = wb.getWorksheet("同比 YoY")!;
    expect(ws.getCell("B2").value).toBe("2024年应补（退）费额");
    expect(ws.getCell("E2").value).toBe(138672);
    expect(ws.getCell("C3").value).toBe("Headcount");
    expect(ws.getCell("D3").value).toBe(34668);
    expect(ws.getCell("E11").value).toBe(173340);
    expect(ws.getCell("D12").value).toBe(34668);
    expect(wb.getWorksheet("快照")?.state).toBe("veryHidden");
    // A working paper holding one snapshot is accepted as last year too.
    const again = await runCli(["audit", COMPANY, "--last-year", paper, "--json"], dir);
    expect(JSON.parse(again.stdout).files[0].yoy.lastYear.filingYear).toBe(2025);
  }, 90_000);

  it("refuses --last-year with several workbooks, and an unreadable last year", async () => {
    expect((await runCli(["audit", COMPANY, COMPANY, "--last-year", LAST], dir)).code).toBe(2);
    writeFileSync(join(dir, "junk.json"), "[]");
    const run = await runCli(["audit", COMPANY, "--last-year", "junk.json"], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("not a valid levy snapshot");
  }, 60_000);
});
