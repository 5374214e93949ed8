/**
 * Defects 3, 7, 8, 11 end to end on real .xlsx files (written by ExcelJS, read by the CLI's reader): `levy audit
 * --json` on one client workbook, and a batch whose entity has a recognised source that bridges nothing — it must not
 * be "clean". Figures by hand from source-fixtures.ts (W 12,630,000.00, N 100, payable 31,575.00).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/helpers";
import { writeFixture } from "./fixtures";
import * as S from "./source-fixtures";

const dir = mkdtempSync(join(tmpdir(), "levy-recsource-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const recCodes = (file: { findings: Array<{ code: string; severity: string }> }) =>
  file.findings.filter((f) => f.code.startsWith("REC_")).map((f) => `${f.code}/${f.severity}`).sort();

describe("levy audit: sources read as the tester wrote them (.xlsx)", () => {
  it("万元 ledger, IIT 工资、薪金所得 with 105 people, and a 残联 list passing …43 against the register's …41", async () => {
    const file = await writeFixture(dir, "client.xlsx", [...S.baseCompany("41", "一级"), S.certList("43"), S.sudaBalance(S.W + 100000, "万元"), S.iitSummary("工资、薪金所得", 105)]);
    const run = await runCli(["audit", file, "--json", "--today", "2025-09-01"], dir);
    expect(run.code).toBe(1);
    const f = JSON.parse(run.stdout).files[0];
    // The list's grade 3 counts 1: A = 1, payable 31,575.00 (grade 1 would have made A = 2 and payable 0.00).
    expect(f.calculation.certifiedDisabled).toBe("1");
    expect(f.calculation.payable).toBe("31575.00");
    const byId = Object.fromEntries(f.reconciliation.bridges.map((b: { id: string; to: { amount: string }; unexplained: { amount: string } }) => [b.id, [b.to.amount, b.unexplained.amount]]));
    expect(byId).toEqual({
      // 1,273 万元 × 10,000 = 12,730,000.00 − 12,630,000.00 = 100,000.00
      "wage-ledger": ["12730000.00", "100000.00"],
      // 12 × 1,052,500 = 12,630,000.00
      "wage-iit": ["12630000.00", "0.00"],
      // 105 a month against 100
      "headcount-iit": ["105", "5"],
    });
    expect(recCodes(f)).toEqual(["REC_CERT_NUMBER_CONFLICT/error", "REC_HEADCOUNT_UNEXPLAINED/error", "REC_SOURCE_UNIT_CONVERTED/info", "REC_WAGE_UNEXPLAINED/error"]);
  });

  it("a batch entity whose ledger bridges nothing (department leaves under 221102, a 2023 A105050) is not clean", async () => {
    const folder = join(dir, "batch");
    mkdirSync(folder, { recursive: true });
    await writeFixture(folder, "A.xlsx", [...S.baseCompany(), S.sudaBalance(S.W)]);
    // B is another entity (no 统一社会信用代码, another name): one entity in two files would be BATCH_SAME_ENTITY.
    const other = S.baseCompany().map((sh) => (sh.name === "参数" ? { ...sh, values: sh.values.filter((r) => r[0] !== "统一社会信用代码").map((r) => (r[0] === "单位名称" ? ["单位名称", "宁波另一有限公司"] : r)), numberFormats: undefined } : sh));
    await writeFixture(folder, "B.xlsx", [...other, S.leafLedger(["22110201", "22110202", "22110301"], ["管理部门", "生产部门", "养老保险"]), S.cit("税款所属期间：2023年01月01日至2023年12月31日")]);
    const run = await runCli(["audit", folder, "--json", "--jobs", "1", "--today", "2025-09-01"], dir);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout);
    const status = Object.fromEntries(json.batch.entities.map((e: { file: string; status: string; reconciliation: { bridges: number } }) => [e.file.replace(/^.*[\\/]/, ""), [e.status, e.reconciliation.bridges]]));
    // A: 221101 工资 12,630,000.00 ties (one bridge, clean); B: no bridge at all, two errors.
    expect(status).toEqual({ "A.xlsx": ["clean", 1], "B.xlsx": ["findings", 0] });
    const b = json.files.find((x: { file: string }) => x.file.endsWith("B.xlsx"));
    expect(recCodes(b)).toEqual(["REC_SOURCE_NOT_BRIDGED/error", "REC_SOURCE_OTHER_YEAR/error"]);
  });
});
