/**
 * `levy audit` end to end, in process: the bundled example workbook (every planted mistake found, written by hand
 * from examples/README.md), the --json contract, the --out working paper, several files at once, and untrusted
 * input (corrupt, text, empty, __proto__, formulas without cached values, a very large sheet): always a clear message
 * or finding and the right exit code, never a crash, a hang or prototype pollution.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeExample } from "../../scripts/make-example";
import type { Finding } from "../../src/validation/types";
import { runCli } from "./helpers";
import type { CliRun } from "./helpers";

const root = resolve(__dirname, "..", "..");
const EXAMPLE = "examples/example-company.xlsx";
const dir = mkdtempSync(join(tmpdir(), "levy-audit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The planted mistakes (examples/README.md) and the severity each must be reported with. */
const EXPECTED: Record<string, "error" | "warning" | "info"> = {
  HC_INTERN: "warning",
  HC_PART_TIME: "warning",
  HC_RETIREE: "warning",
  HC_DISPATCH_IN: "warning",
  HC_LABOUR_SERVICE: "warning",
  HC_SHORT_CONTRACT: "warning",
  HC_DECLARED_MISMATCH: "error",
  WG_BONUS_MISSING: "error",
  WG_NON_WAGE_INCLUDED: "warning",
  WG_EXCLUDED_STAFF_PAY: "info",
  WG_DECLARED_MISMATCH: "error",
  DS_UNCERTIFIED: "error",
  DS_CERT_INVALID: "error",
  DS_WEIGHT_MISMATCH: "warning",
  DS_WAGE_BELOW_MIN: "error",
  DS_NO_SOCIAL_INSURANCE: "error",
  DS_CONTRACT_SHORT: "error",
  DS_AGE_OUT_OF_RANGE: "error",
  DS_DECLARED_MISMATCH: "error",
  ID_INVALID: "warning",
  ID_DUPLICATE: "error",
  USCC_INVALID: "error",
  DATA_TEXT_NUMBER: "info",
  DATA_BAD_NUMBER: "error",
  DATA_BAD_DATE: "error",
  DATA_LEAVE_BEFORE_HIRE: "error",
  PERIOD_MISMATCH: "info",
  DECL_PAYABLE_MISMATCH: "error",
  TIER_NEAR: "info",
};

interface JsonFile {
  file: string;
  calculation: Record<string, unknown> | null;
  rows: { read: number; counted: number; excluded: number; rejected: number };
  findings: Finding[];
  exitCode: number;
  error?: { zh: string; en: string };
  rowsByReason?: Record<string, { excluded: number; rejected: number }>;
  tables?: Array<{ sheet: string; kind: string; columns: Array<{ header: string; field: string | null }> }>;
  formulas?: Array<{ address: string; status: string }>;
}

function json(run: CliRun): { files: JsonFile[] } {
  return JSON.parse(run.stdout);
}

function codes(f: JsonFile): Set<string> {
  return new Set(f.findings.map((x) => x.code));
}

describe("levy audit on the example workbook", () => {
  let text: CliRun;
  let example: JsonFile;
  beforeAll(async () => {
    text = await runCli(["audit", EXAMPLE, "--today", "2025-06-30"], root);
    example = json(await runCli(["audit", EXAMPLE, "--json", "--today", "2025-06-30"], root)).files[0];
  });

  it("finds every planted mistake with its severity, and exits 1", () => {
    expect(text.code).toBe(1);
    expect(example.exitCode).toBe(1);
    const found = new Map(example.findings.map((f) => [f.code, f.severity]));
    const missing = Object.keys(EXPECTED).filter((c) => !found.has(c));
    expect(missing, `missing: ${missing.join(", ")}`).toEqual([]);
    for (const [code, severity] of Object.entries(EXPECTED)) expect(found.get(code), code).toBe(severity);
  });

  it("points at the planted cells", () => {
    const cells = (code: string) => example.findings.filter((f) => f.code === code).flatMap((f) => f.cells.map((c) => `${c.sheet}!${c.address}`));
    expect(cells("USCC_INVALID")).toEqual(["申报信息!C5"]);
    expect(cells("DATA_BAD_DATE")[0]).toMatch(/^员工花名册!H\d+$/);
    expect(cells("DS_CERT_INVALID")[0]).toMatch(/^残疾职工名册!E\d+$/);
    expect(cells("WG_BONUS_MISSING")).toEqual(expect.arrayContaining(["申报信息!C16", "2024年工资明细!G2", "2024年工资明细!I2"]));
    expect(example.findings.find((f) => f.code === "DATA_BAD_NUMBER" && f.message.zh.includes("待核"))).toBeDefined();
    expect(example.findings.find((f) => f.code === "HC_INTERN")?.rows).toBe(6);
    expect(example.findings.find((f) => f.code === "HC_DISPATCH_IN")?.rows).toBe(8);
  });

  it("gives every finding a suggestion of what to do, not the rule's description with its severity note", async () => {
    const { RULES } = await import("../../src/validation/registry");
    const description = new Map(RULES.map((r) => [r.code, r.description.en]));
    for (const f of example.findings) {
      expect(f.suggestion.en, f.code).not.toBe(description.get(f.code));
      expect(f.suggestion.en, f.code).not.toMatch(/\b(Error|Warning|Info)\.$/);
      expect(f.suggestion.zh.length, f.code).toBeGreaterThan(0);
    }
  });

  it("accounts for every row: read = counted + excluded + rejected, and by reason", () => {
    const r = example.rows;
    expect(r.read).toBeGreaterThan(3000);
    expect(r.counted + r.excluded + r.rejected).toBe(r.read);
    const byReason = example.rowsByReason!;
    const excluded = Object.values(byReason).reduce((n, v) => n + v.excluded, 0);
    const rejected = Object.values(byReason).reduce((n, v) => n + v.rejected, 0);
    expect(excluded).toBe(r.excluded);
    expect(rejected).toBe(r.rejected);
    expect(byReason.HC_INTERN.excluded).toBe(6);
    expect(text.stdout).toMatch(/读取 read \d+ = 计入 counted \d+ \+ 排除 excluded \d+ \+ 拒绝 rejected \d+ ✓/);
  });

  it("prints the form columns, the tables it recognised, and findings grouped by severity, bilingual", () => {
    const out = text.stdout;
    expect(out).toMatch(/本期应补（退）费额 Payable\s+[\d,]+\.\d\d/);
    expect(out).toMatch(/员工花名册!A3:M\d+ — 花名册 roster/);
    expect(out).toMatch(/G 用工性质→employmentType/);
    expect(out).toMatch(/未使用 unused: 序号, 部门, 备注/);
    const e = out.indexOf("错误 Errors (");
    const w = out.indexOf("警告 Warnings (");
    const i = out.indexOf("提示 Info (");
    expect(e).toBeGreaterThan(0);
    expect(w).toBeGreaterThan(e);
    expect(i).toBeGreaterThan(w);
    expect(out).toMatch(/\[USCC_INVALID\] 统一社会信用代码.*\n\s+Unified social credit code/);
    expect(out).toMatch(/单元格 cells: 申报信息!C5/);
    expect(out).toMatch(/建议：.*\n\s+Fix: /);
    expect(out).toMatch(/结论 Result: 有错误 errors found \(exit 1\)/);
  });

  it("prints exactly {files:[{file, calculation, rows, findings}]} with --json, calculation as levy calc --json", () => {
    expect(example.file).toBe(EXAMPLE);
    expect(Object.keys(example)).toEqual(expect.arrayContaining(["file", "calculation", "rows", "findings"]));
    const calc = example.calculation!;
    for (const f of ["filingYear", "dataYear", "headcount", "wageTotal", "quotaRatio", "certifiedDisabled", "averageWage", "wageCap", "wageBase", "required", "shortfall", "grossDue", "reductionKind", "reduction", "alreadyPaid", "payable", "trail", "notes", "parameters"]) expect(calc, f).toHaveProperty(f);
    expect(calc.filingYear).toBe(2025);
    expect(calc.dataYear).toBe(2024);
    expect(typeof calc.payable).toBe("string");
    expect((calc.region as { code: string }).code).toBe("CN-JS-320500");
    const f = example.findings[0];
    for (const k of ["code", "severity", "message", "cells", "rows", "suggestion", "source"]) expect(f, k).toHaveProperty(k);
  });

  it("agrees with levy calc on the aggregates it derived (examples/case-example-company-2025.json)", async () => {
    const calc = JSON.parse((await runCli(["calc", "examples/case-example-company-2025.json", "--json"], root)).stdout);
    for (const k of ["headcount", "wageTotal", "certifiedDisabled", "averageWage", "grossDue", "reduction", "payable", "reductionKind"]) expect(example.calculation![k], k).toBe(calc[k]);
    expect(example.calculation!.payable).toBe("42789.53");
  });

  it("is the file scripts/make-example.ts generates, byte for byte", async () => {
    const fresh = join(dir, "example.xlsx");
    await writeExample(fresh);
    expect(readFileSync(fresh).equals(readFileSync(join(root, EXAMPLE)))).toBe(true);
  });
});

describe("levy audit --out", () => {
  it("writes a working paper ExcelJS can read, with every sheet, frozen headers and the planted findings", async () => {
    const out = join(dir, "paper.xlsx");
    const r = await runCli(["audit", EXAMPLE, "--out", out, "--today", "2025-06-30"], root);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/working paper written/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["汇总 Summary", "计算过程 Trail", "发现 Findings", "排除与拒绝 Rows", "参数 Parameters", "识别的表 Tables", "月度人数 Headcount", "工资构成 Wages", "残疾职工 Disabled", "快照"]);
    // The filed snapshot (issue 10 §3) is the one sheet nobody reads: very hidden, no view.
    expect(wb.getWorksheet("快照")!.state).toBe("veryHidden");
    for (const ws of wb.worksheets) if (ws.state === "visible") expect(ws.views[0], ws.name).toMatchObject({ state: "frozen", ySplit: 1 });
    const trail = wb.getWorksheet("计算过程 Trail")!;
    const steps = trail.getColumn(3).values.filter((v) => typeof v === "number");
    expect(steps).toEqual(expect.arrayContaining([4, 5, 6, 7, 8, 9, 10, 11, 12]));
    const findings = wb.getWorksheet("发现 Findings")!;
    const codesInPaper = new Set(findings.getColumn(3).values.filter((v) => typeof v === "string"));
    for (const code of Object.keys(EXPECTED)) expect(codesInPaper.has(code), code).toBe(true);
    const rows = wb.getWorksheet("排除与拒绝 Rows")!;
    const reasons = rows.getColumn(2).values.filter((v) => typeof v === "string") as string[];
    expect(reasons.filter((v) => v === "HC_INTERN")).toHaveLength(6);
    expect(reasons).toEqual(expect.arrayContaining(["DATA_BAD_DATE", "ID_DUPLICATE", "PERIOD_MISMATCH"]));
    const params = wb.getWorksheet("参数 Parameters")!;
    expect(params.getColumn(1).values).toEqual(expect.arrayContaining(["quotaRatio", "capMultiple"]));
    expect(wb.getWorksheet("汇总 Summary")!.getCell("N2").value).toBe(Number(JSON.parse((await runCli(["audit", EXAMPLE, "--json", "--today", "2025-06-30"], root)).stdout).files[0].calculation.payable));
  });
});

describe("levy audit --out prints on A4", () => {
  it("sets every visible sheet to A4, one page wide, header row repeated, landscape where the columns are wide", async () => {
    const out = join(dir, "paper-a4.xlsx");
    expect((await runCli(["audit", EXAMPLE, "--out", out, "--today", "2025-06-30"], root)).code).toBe(1);
    // Read back by ExcelJS from the written file (not the objects that wrote it).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const visible = wb.worksheets.filter((ws) => ws.state === "visible");
    expect(visible.length).toBe(9);
    for (const ws of visible) {
      expect(ws.pageSetup, ws.name).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(ws.pageSetup.printTitlesRow, ws.name).toMatch(/^\$?1:\$?1$/);
    }
    // 汇总 Summary: 8 + 36 + 16 + 10 + 10 + 16 + 12 + 10 + 12 + … characters, far past the ≈ 90 that fit across
    // portrait A4 (174 mm printable ≈ 660 px ≈ 90 × 7 px) → landscape.
    expect(wb.getWorksheet("汇总 Summary")!.pageSetup.orientation).toBe("landscape");
  });
});

describe("several files and bad input", () => {
  beforeAll(() => {
    writeFileSync(join(dir, "notes.xlsx"), "工号,姓名\nE1,张三\n");
    writeFileSync(join(dir, "empty.xlsx"), "");
    const zipped = readFileSync(join(root, EXAMPLE));
    writeFileSync(join(dir, "cut.xlsx"), zipped.subarray(0, 5000));
  });

  it("audits the good files, reports the unusable ones, prints a summary, and exits with the worst code", async () => {
    const r = await runCli(["audit", join(root, EXAMPLE), "notes.xlsx", "cut.xlsx", "--today", "2025-06-30"], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/汇总 Summary \(3 个文件 files\)/);
    expect(r.stdout).toMatch(/notes\.xlsx\s+—\s+—\s+—\s+0\s+0\s+0\s+2/);
    expect(r.stdout).toMatch(/这是一个文本文件/);
    expect(r.stdout).toMatch(/incomplete or corrupt/);
    expect(r.stdout).toMatch(/example-company\.xlsx\s+245\.25/);
    const j = json(await runCli(["audit", join(root, EXAMPLE), "notes.xlsx", "--json", "--today", "2025-06-30"], dir));
    expect(j.files.map((f) => f.exitCode)).toEqual([1, 2]);
    expect(j.files[1]).toMatchObject({ file: "notes.xlsx", calculation: null, rows: { read: 0, counted: 0, excluded: 0, rejected: 0 }, findings: [] });
    expect(j.files[1].error?.en).toMatch(/text file/);
  });

  it("exits 2 with a clear bilingual message for a missing, empty or non-xlsx file, never a stack trace", async () => {
    for (const [file, pattern] of [
      ["missing.xlsx", /does not exist/],
      ["empty.xlsx", /empty \(0 bytes\)/],
      ["notes.xlsx", /text file/],
      ["cut.xlsx", /incomplete or corrupt/],
    ] as const) {
      const r = await runCli(["audit", file], dir);
      expect(r.code, file).toBe(2);
      expect(r.stdout, file).toMatch(pattern);
      expect(r.stdout + r.stderr, file).not.toMatch(/\n\s+at .*\(/);
    }
  });

  it("refuses bad usage with exit 2", async () => {
    expect((await runCli(["audit"], dir)).code).toBe(2);
    expect((await runCli(["audit", "x.xlsx", "--bogus"], dir)).stderr).toMatch(/--bogus/);
    expect((await runCli(["audit", "x.xlsx", "--map", "novalue"], dir)).stderr).toMatch(/HEADER=field/);
    expect((await runCli(["audit", "x.xlsx", "--year", "twenty"], dir)).code).toBe(2);
    expect((await runCli(["audit", "x.xlsx", "--max-cells", "-5"], dir)).code).toBe(2);
  });
});

describe("levy audit --map", () => {
  it("maps an unrecognised header to a field, and says so", async () => {
    const wb = new ExcelJS.Workbook();
    const p = wb.addWorksheet("参数");
    p.addRow(["地区", "CN-JS"]);
    p.addRow(["申报年度", 2025]);
    p.addRow(["社会平均工资", 118236]);
    const r = wb.addWorksheet("名单");
    r.addRow(["工号", "姓名", "人员身份", "入职日期", "合同开始日期", "合同结束日期", "年薪"]);
    for (let i = 1; i <= 50; i++) r.addRow([`E${i}`, `员工${i}`, i <= 5 ? "实习" : "全日制", new Date(Date.UTC(2019, 0, 1)), new Date(Date.UTC(2023, 0, 1)), new Date(Date.UTC(2026, 0, 1)), 100000]);
    await wb.xlsx.writeFile(join(dir, "mapme.xlsx"));

    const plain = json(await runCli(["audit", "mapme.xlsx", "--json", "--today", "2025-06-30"], dir)).files[0];
    expect(plain.calculation?.headcount).toBe("50");
    expect(codes(plain).has("DATA_MISSING_COLUMN")).toBe(true);

    const mappedRun = await runCli(["audit", "mapme.xlsx", "--map", "人员身份=employmentType", "--today", "2025-06-30"], dir);
    expect(mappedRun.stdout).toMatch(/C 人员身份→employmentType\*/);
    const mapped = json(await runCli(["audit", "mapme.xlsx", "--json", "--map", "人员身份=employmentType", "--today", "2025-06-30"], dir)).files[0];
    expect(mapped.calculation?.headcount).toBe("45");
    expect(mapped.findings.find((f) => f.code === "HC_INTERN")?.rows).toBe(5);
    expect((mapped as unknown as { mapping: Array<{ key: string; target: string; applied: number }> }).mapping).toEqual([expect.objectContaining({ key: "人员身份", target: "employmentType", applied: 1 })]);
  });
});

describe("untrusted workbooks", () => {
  async function write(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
    const wb = new ExcelJS.Workbook();
    build(wb);
    await wb.xlsx.writeFile(join(dir, name));
    return name;
  }

  it("an empty workbook: exit 2, 'the workbook is empty'", async () => {
    const file = await write("blank.xlsx", (wb) => wb.addWorksheet("Sheet1"));
    const r = await runCli(["audit", file], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/工作簿是空的/);
    expect(r.stdout).toMatch(/The workbook is empty/);
  });

  it("headers and mappings named __proto__ / constructor never pollute a prototype", async () => {
    const file = await write("proto.xlsx", (wb) => {
      const p = wb.addWorksheet("参数");
      p.addRow(["申报年度", 2025]);
      p.addRow(["列:__proto__", "polluted"]);
      p.addRow(["列:constructor", "employeeId"]);
      const ws = wb.addWorksheet("__proto__");
      ws.addRow(["工号", "姓名", "__proto__", "constructor", "prototype", "入职日期", "用工形式", "基本工资"]);
      ws.addRow(["E1", "张三", "polluted", "polluted", "polluted", new Date(Date.UTC(2020, 0, 1)), "全日制", 80000]);
    });
    const r = await runCli(["audit", file, "--json", "--map", "__proto__=polluted", "--map", "constructor=name", "--today", "2025-06-30"], dir);
    expect([0, 1, 2]).toContain(r.code);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it("a LEVY formula without a cached value is reported, not read as 0", async () => {
    const file = await write("uncached.xlsx", (wb) => {
      const p = wb.addWorksheet("参数");
      p.addRow(["地区", "CN-JS"]);
      p.addRow(["申报年度", 2025]);
      p.addRow(["社会平均工资", 118236]);
      const roster = wb.addWorksheet("花名册");
      roster.addRow(["工号", "姓名", "用工形式", "入职日期", "合同开始日期", "合同结束日期"]);
      const payroll = wb.addWorksheet("工资表");
      payroll.addRow(["工号", "月份", "基本工资", "绩效奖金"]);
      for (let i = 1; i <= 40; i++) {
        roster.addRow([`E${i}`, `员工${i}`, "全日制", new Date(Date.UTC(2019, 0, 1)), new Date(Date.UTC(2023, 0, 1)), new Date(Date.UTC(2026, 0, 1))]);
        for (let m = 1; m <= 12; m++) payroll.addRow([`E${i}`, `2024-${String(m).padStart(2, "0")}`, 8000, 800]);
      }
      const d = wb.addWorksheet("申报表");
      d.addRow(["栏次", "项目", "金额"]);
      d.addRow([4, "上年在职职工工资总额", { formula: "SUM(工资表!C:D)" }]);
      d.addRow([5, "上年在职职工人数", 40]);
      d.addRow([7, "上年实际安排残疾人就业人数", 0]);
      d.addRow([12, "本期应补（退）费额", { formula: "_xldudf_LEVY_DUE(C3,C4,C2,参数!A1:B3)" }]);
    });
    const r = await runCli(["audit", file, "--json", "--today", "2025-06-30"], dir);
    const f = json(r).files[0];
    expect(codes(f).has("FORMULA_NO_VALUE")).toBe(true);
    const finding = f.findings.find((x) => x.code === "FORMULA_NO_VALUE")!;
    expect(finding.cells.map((c) => `${c.sheet}!${c.address}`)).toEqual(expect.arrayContaining(["申报表!C2"]));
    expect(f.formulas?.find((x) => x.address === "C5")?.status).toBe("no-cached-value");
  });

  it("a very large sheet: read in full under the default cap, or cut with a READ_TRUNCATED error — never a hang", async () => {
    const path = join(dir, "huge.xlsx");
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
    const ws = wb.addWorksheet("大表");
    ws.addRow(["编号", "备注", "数量"]).commit();
    for (let i = 1; i <= 200_000; i++) ws.addRow([`R${i}`, i % 3 ? "甲" : "乙", i]).commit();
    await ws.commit();
    await wb.commit();
    // Not a roster: unusable, said plainly.
    const full = await runCli(["audit", "huge.xlsx"], dir);
    expect(full.code).toBe(2);
    expect(full.stdout).toMatch(/无法审核 Cannot audit: .+\n\s+\S+/);
    // Over the cap: the reader stops, and the audit says the results are incomplete.
    const capped = json(await runCli(["audit", "huge.xlsx", "--json", "--max-cells", "100000"], dir)).files[0];
    expect(capped.exitCode).toBe(2);
    const truncated = capped.findings.find((f) => f.code === "READ_TRUNCATED");
    expect(truncated?.severity).toBe("error");
    expect(truncated?.message.en).toMatch(/too large/);
  }, 60_000);
});
