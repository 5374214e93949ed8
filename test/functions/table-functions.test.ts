/**
 * The table-level LEVY functions run the very analysis `levy audit` runs: on every fixture workbook whose roles each
 * sit in one table, the ranges handed over as Excel hands them (header row included, blanks as "", dates as serial
 * numbers) give form columns 4–12 equal to the audit's to the fen — by construction, and proved here.
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { isoToExcelSerial } from "../../src/core/dates";
import { readXlsx } from "../../src/cli/xlsx-reader";
import { analyseWorkbook } from "../../src/validation/analyse";
import type { WorkbookAudit } from "../../src/validation/analyse-contract";
import type { CellValue, SheetData } from "../../src/workbook/types";
import { RENDERINGS, render } from "../corpus/layouts";
import { makeCompany } from "../corpus/people";
import { cleanCompany, cleanEmployees, rosterSheet, payrollSheet, yearOfPay, CLEAN_PAY, parameterSheet, CLEAN_PARAMS } from "../workbook/fixtures";
import { runCli } from "../cli/helpers";
import { installCustomFunctionsStub } from "./custom-functions-stub";

installCustomFunctionsStub();
let T: typeof import("../../src/functions/table-functions");
// The adapters as Excel calls them: optional ranges may arrive as null, the invocation may be absent.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let F: any;
beforeAll(async () => {
  T = await import("../../src/functions/table-functions");
  F = await import("../../src/functions/functions");
});

const TODAY = "2025-03-01";

/** A cell as Excel hands it to a custom function: blanks "", dates as serial numbers, errors as their text. */
function excelCell(v: CellValue | undefined): unknown {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return isoToExcelSerial(v.toISOString().slice(0, 10));
  if (typeof v === "object") return v.error;
  return v;
}

/** The used range of a sheet as Excel would pass it: rectangular, with its address. */
function excelRange(s: SheetData): { values: unknown[][]; address: string } {
  const width = Math.max(1, ...s.values.map((r) => r.length));
  const values = s.values.map((r) => Array.from({ length: width }, (_, c) => excelCell(r[c])));
  const quoted = /^[A-Za-z0-9_\u4e00-\u9fff]+$/.test(s.name) ? s.name : `'${s.name.replace(/'/g, "''")}'`;
  return { values, address: `${quoted}!${s.origin}` };
}

interface Roles {
  roster: SheetData;
  payroll: SheetData | null;
  disabled: SheetData | null;
  parameters: SheetData | null;
  /** Every source table is one of the ranges (else a monthly-headcount sheet, say, is not passed: findings differ). */
  complete: boolean;
}

/** The sheet of each role as the audit found them; null when a role spans several sheets (not one range). */
function rolesOf(sheets: SheetData[], audit: WorkbookAudit): Roles | null {
  const by = (kind: string) => audit.tables.filter((t) => t.role === kind);
  const roster = by("roster");
  const payroll = by("payroll");
  const disabled = by("disabled");
  if (roster.length !== 1 || payroll.length > 1 || disabled.length > 1) return null;
  const sheet = (name: string | undefined) => (name === undefined ? null : sheets.find((s) => s.name === name) ?? null);
  // Two roles on one sheet in two tables cannot be one range each.
  const names = [roster[0].sheet, payroll[0]?.sheet, disabled[0]?.sheet].filter(Boolean);
  if (new Set(names).size !== names.length) return null;
  const complete = audit.tables.every((t) => ["roster", "payroll", "disabled", "derived"].includes(String(t.role)));
  return { complete, roster: sheet(roster[0].sheet)!, payroll: sheet(payroll[0]?.sheet), disabled: sheet(disabled[0]?.sheet), parameters: sheet(audit.parameters.sheet ?? undefined) };
}

const FORM_KEYS = ["wageTotal", "headcount", "quotaRatio", "certifiedDisabled", "averageWage", "grossDue", "reduction", "alreadyPaid", "payable"] as const;

/** Calls LEVY.FORM / FINDINGS / CHECK / HEADCOUNT / WAGETOTAL / DISABLED through the adapter and checks them against the audit. */
function expectSameAsAudit(label: string, sheets: SheetData[], audit: WorkbookAudit, roles: Roles): void {
  const r = excelRange(roles.roster);
  const p = roles.payroll ? excelRange(roles.payroll) : null;
  const d = roles.disabled ? excelRange(roles.disabled) : null;
  const s = roles.parameters ? excelRange(roles.parameters) : null;
  const invocation = { parameterAddresses: [r.address, p?.address ?? "", d?.address ?? "", s?.address ?? ""] };
  const c = audit.calculation!;
  const form = F.form(r.values, p?.values ?? null, d?.values ?? null, s?.values ?? null, invocation as never);
  expect(form.map((row: unknown[]) => row[0]), label).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);
  FORM_KEYS.forEach((key, i) => {
    const money = [0, 4, 5, 6, 7, 8].includes(i);
    const want = money ? Number(Number(c[key]).toFixed(2)) : Number(c[key]);
    expect(form[i][2], `${label} column ${i + 4} ${key}`).toBe(want);
  });
  // Money to the fen: the decimal strings agree exactly.
  expect((form[8][2] as number).toFixed(2), label).toBe(c.payable);
  expect((form[5][2] as number).toFixed(2), label).toBe(c.grossDue);
  if (!roles.complete) return;
  const findings = F.findings(r.values, p?.values ?? null, d?.values ?? null, s?.values ?? null, invocation as never);
  expect(findings.slice(1).map((f: string[]) => f[0]), label).toEqual(audit.findings.length ? audit.findings.map((f) => f.code) : ["—"]);
  const check = F.check(r.values, p?.values ?? null, d?.values ?? null, s?.values ?? null, invocation as never);
  expect(check, label).toContain(`读取 read ${audit.rows.read} = 计入 counted ${audit.rows.counted} + 排除 excluded ${audit.rows.excluded} + 拒绝 rejected ${audit.rows.rejected}`);
  expect(check, label).toContain(`发现 findings ${audit.findings.length}`);
}

function viaFunctions(label: string, sheets: SheetData[]): "compared" | "not one range per role" {
  const audit = analyseWorkbook(sheets, { today: TODAY });
  expect(audit.fatal, label).toBeUndefined();
  const roles = rolesOf(sheets, audit);
  if (!roles) return "not one range per role";
  expectSameAsAudit(label, sheets, audit, roles);
  return "compared";
}

describe("table-level functions = levy audit, to the fen", () => {
  beforeAll(() => T.setTableFunctionsToday(TODAY));

  it("on every corpus rendering whose roles each sit in one table", () => {
    const people = makeCompany(11, 120);
    const outcome: Record<string, string> = {};
    for (const [name, options] of Object.entries(RENDERINGS)) outcome[name] = viaFunctions(name, render(people, options));
    const compared = Object.values(outcome).filter((o) => o === "compared").length;
    // Most layouts qualify; the others spread one role over several sheets (one payroll sheet per month, …).
    expect(compared, JSON.stringify(outcome, null, 1)).toBeGreaterThanOrEqual(10);
  });

  it("on the clean company of the workbook tests", () => {
    expect(viaFunctions("clean", cleanCompany({ monthly: null, declaration: null }))).toBe("compared");
  });

  it("on the bundled example workbook, against `levy audit --json` itself", async () => {
    const file = join(__dirname, "..", "..", "examples", "example-company.xlsx");
    const { sheets } = await readXlsx(file);
    const audit = analyseWorkbook(sheets, { today: TODAY });
    const cli = JSON.parse((await runCli(["audit", file, "--json", "--today", TODAY], process.cwd())).stdout).files[0];
    expect(cli.calculation.payable).toBe(audit.calculation!.payable);
    const roles = rolesOf(sheets, audit);
    expect(roles).not.toBeNull();
    expectSameAsAudit("example-company.xlsx", sheets, audit, roles!);
  });
});

describe("one analysis per distinct set of ranges", () => {
  it("FORM, FINDINGS and CHECK over the same ranges (fresh arrays each call, as Excel passes them) analyse once", () => {
    T.setTableFunctionsToday(TODAY);
    const sheets = cleanCompany({ monthly: null, declaration: null });
    const [params, roster, payroll, disabled] = sheets.map((s) => excelRange(s).values);
    const copy = (m: unknown[][]) => m.map((r) => [...r]);
    const before = T.analysisStats.runs;
    F.form(copy(roster), copy(payroll), copy(disabled), copy(params));
    F.findings(copy(roster), copy(payroll), copy(disabled), copy(params));
    F.check(copy(roster), copy(payroll), copy(disabled), copy(params));
    expect(T.analysisStats.runs - before).toBe(1);
    // A changed cell is a new analysis.
    const changed = copy(payroll);
    changed[1][3] = Number(changed[1][3]) + 1;
    F.form(copy(roster), changed, copy(disabled), copy(params));
    expect(T.analysisStats.runs - before).toBe(2);
  });
});

describe("what the COUNTIFS template got wrong, the functions get right", () => {
  const settings = [
    ["参数", "值"],
    ["地区", "CN"],
    ["申报年度", 2025],
    ["单位类型", "企业"],
  ];
  it("a full-time employee on a contract shorter than a year is not counted", () => {
    T.setTableFunctionsToday(TODAY);
    const roster = [
      ["工号", "姓名", "用工形式", "入职日期", "离职日期", "合同开始日期", "合同结束日期"],
      ["A1", "甲", "全日制", isoToExcelSerial("2020-01-01"), "", isoToExcelSerial("2023-01-01"), isoToExcelSerial("2026-12-31")],
      ["A2", "乙", "全日制", isoToExcelSerial("2020-01-01"), "", isoToExcelSerial("2024-01-01"), isoToExcelSerial("2024-06-30")],
    ];
    expect(F.headcount(roster, settings)).toBe(1);
  });

  it("pasted HR vocabulary (正式工, 合同制, a trailing space, a date typed as text) loses nobody", () => {
    T.setTableFunctionsToday(TODAY);
    const roster = [
      ["工号", "姓名", "用工形式", "入职日期", "离职日期"],
      ["A1", "甲", "正式工", isoToExcelSerial("2020-01-01"), ""],
      ["A2", "乙", "合同制", "2020/3/1", ""],
      ["A3", "丙", "全日制 ", "2019年5月6日", ""],
      ["A4", "丁", "实习", isoToExcelSerial("2020-01-01"), ""],
    ];
    expect(F.headcount(roster, settings)).toBe(3);
  });

  it("what cannot be read is a finding with its cell, never a silent drop", () => {
    T.setTableFunctionsToday(TODAY);
    const roster = [
      ["工号", "姓名", "用工形式", "入职日期", "离职日期"],
      ["A1", "甲", "全日制", isoToExcelSerial("2020-01-01"), ""],
      ["A2", "乙", "全日制", "2023-02-30", ""],
    ];
    const payroll = [
      ["工号", "月份", "基本工资"],
      ["A1", "2024-01", 5000],
      ["A2", "2024-01", 5000],
    ];
    const f = F.findings(roster, payroll, null, settings, { parameterAddresses: ["员工!B3:F5", "工资!A1:C3", "", "参数!A1:B4"] } as never);
    const bad = f.find((row: string[]) => row[0] === "DATA_BAD_DATE");
    expect(bad?.[3]).toBe("员工!E5");
    expect(F.check(roster, payroll, null, settings)).toMatch(/拒绝 rejected 1/);
  });

  it("payroll rows of another year are not summed", () => {
    T.setTableFunctionsToday(TODAY);
    const roster = [
      ["工号", "姓名", "用工形式", "入职日期"],
      ["A1", "甲", "全日制", isoToExcelSerial("2020-01-01")],
    ];
    const payroll = [
      ["工号", "月份", "基本工资"],
      ...Array.from({ length: 12 }, (_, m) => ["A1", `2024-${String(m + 1).padStart(2, "0")}`, 5000]),
      ["A1", "2023-12", 7000],
    ];
    expect(F.wageTotal(payroll, roster, settings)).toBe(60000);
  });

  it("a disabled employee's 365-day contract in a leap year is not a year's contract", () => {
    T.setTableFunctionsToday(TODAY);
    const sheets = cleanCompany({ monthly: null, declaration: null });
    const [params, roster, payroll, disabled] = sheets.map((s) => excelRange(s).values);
    const full = F.disabled(disabled, roster, payroll, params);
    expect(full).toBe(2);
    const head = disabled[0] as string[];
    const start = head.indexOf("合同开始日期");
    const end = head.indexOf("合同结束日期");
    const short = disabled.map((r) => [...r]);
    if (start >= 0 && end >= 0) {
      short[1][start] = isoToExcelSerial("2024-01-01");
      short[1][end] = isoToExcelSerial("2024-12-30"); // 365 days in 2024: one day short of a year
    } else {
      short[0] = [...short[0], "合同开始日期", "合同结束日期"];
      short.forEach((r, i) => i > 0 && r.push(i === 1 ? isoToExcelSerial("2024-01-01") : "", i === 1 ? isoToExcelSerial("2024-12-30") : ""));
    }
    expect(F.disabled(short, roster, payroll, params)).toBe(1);
  });

  it("the half-fen case: cells that SUM to 15,462,082.99999977 in binary give column 9 = 231,931.25, not 231,931.24", () => {
    T.setTableFunctionsToday(TODAY);
    // 100 full-time staff all of 2024, paid 12,885.01 a month each, but 12,956.01 for A001 in January:
    // W = 1,199 × 12,885.01 + 12,956.01 = 15,449,126.99 + 12,956.01 = 15,462,083.00 (form column 4).
    // Column 9 = (100 × 1.5% − 0) × W / 100 = 0.015 × 15,462,083 = 231,931.245 → half up → 231,931.25.
    const date = (iso: string) => new Date(`${iso}T00:00:00Z`);
    const roster: SheetData = {
      name: "花名册",
      origin: "A1",
      values: [["工号", "姓名", "用工形式", "入职日期", "合同开始日期", "合同结束日期"], ...Array.from({ length: 100 }, (_, i) => [`A${String(i + 1).padStart(3, "0")}`, `员工${i + 1}`, "全日制", date("2015-01-01"), date("2015-01-01"), null])],
    };
    const pay: CellValue[][] = [];
    for (let i = 0; i < 100; i++) for (let m = 1; m <= 12; m++) pay.push([`A${String(i + 1).padStart(3, "0")}`, `2024-${String(m).padStart(2, "0")}`, i === 0 && m === 1 ? 12956.01 : 12885.01]);
    const payroll: SheetData = { name: "工资表", origin: "A1", values: [["工号", "月份", "基本工资"], ...pay] };
    const params: SheetData = { name: "参数", origin: "A1", values: [["参数", "值"], ["地区", "CN"], ["申报年度", 2025], ["单位类型", "企业"]] };
    // The trap the old SUMPRODUCT fell into: the same cells summed in binary floating point fall just short.
    const floatSum = pay.reduce((sum, r) => sum + (r[2] as number), 0);
    expect(floatSum).toBe(15462082.99999977);
    expect(Number((0.015 * floatSum).toFixed(2))).toBe(231931.24);
    const form = F.form(excelRange(roster).values, excelRange(payroll).values, null, excelRange(params).values);
    expect(form[0][2]).toBe(15462083);
    expect(form[1][2]).toBe(100);
    expect(form[5][2]).toBe(231931.25);
    // And the audit says the same, to the fen.
    expect(viaFunctions("half-fen", [params, roster, payroll])).toBe("compared");
  });

  it("a missing roster is #VALUE! naming it; a roster alone gives the headcount", () => {
    T.setTableFunctionsToday(TODAY);
    const e = (() => {
      try {
        F.form(null as never, null, null, null);
      } catch (x) {
        return x as { code: string; message: string };
      }
      return null;
    })();
    expect(e?.code).toBe("#VALUE!");
    expect(e?.message).toContain("roster");
    const sheets = [parameterSheet(CLEAN_PARAMS), rosterSheet(cleanEmployees(10))];
    expect(F.headcount(excelRange(sheets[1]).values, excelRange(sheets[0]).values)).toBe(10);
    void payrollSheet;
    void yearOfPay;
    void CLEAN_PAY;
  });
});
