/**
 * The reconciliation end to end on real .xlsx files (written by ExcelJS, read by the CLI's reader): `levy audit --json`
 * carries the `reconciliation` object (an added field), `--out` writes the 对账 sheet, and the example workbook (no
 * reconciliation sources) keeps its figures and finding counts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/helpers";
import * as F from "./fixtures";

const root = resolve(__dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "levy-recon-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("levy audit with reconciliation sources (.xlsx)", () => {
  it("--json has the bridges; --out has the 对账 sheet with both ends and the unexplained remainder", async () => {
    const file = await F.writeFixture(dir, "client.xlsx", [...F.company(), F.ledgerJournalKingdee(), F.citRetyped(), F.iitByItem(), F.siMonthly(), F.certList()]);
    const out = join(dir, "paper.xlsx");
    const run = await runCli(["audit", file, "--json", "--out", out, "--today", "2025-06-01"], dir);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout);
    const r = json.files[0].reconciliation;
    expect(r.sources.map((s: { kind: string; layout: string }) => `${s.kind}/${s.layout}`)).toEqual(["ledger/journal", "citA105050/rows", "iitSummary/rows", "socialInsurance/rows", "certificationList/rows"]);
    const byId = Object.fromEntries(r.bridges.map((b: { id: string; unexplained: { amount: string } }) => [b.id, b.unexplained.amount]));
    // Kingdee journal: 1,234.56 unexplained; A105050 and IIT tie; SI lacks November: 110 ÷ 11 months covered − 10 = 0.
    expect(byId).toEqual({ "wage-ledger": "1234.56", "wage-cit": "0.00", "wage-iit": "0.00", "headcount-iit": "0", "headcount-social-insurance": "0" });
    const codes = json.files[0].findings.map((f: { code: string }) => f.code).filter((c: string) => c.startsWith("REC_")).sort();
    expect(codes).toEqual(["REC_CERT_NOT_IN_REGISTER", "REC_CERT_NOT_ON_LIST", "REC_CERT_OVERRIDDEN", "REC_SOURCE_MONTHS_MISSING", "REC_WAGE_UNEXPLAINED"]);
    // The list overrides the register: E01, E02, E03 → 3 (the levy's column 7).
    expect(json.files[0].calculation.certifiedDisabled).toBe("3");

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("对账 Reconciliation");
    expect(ws).toBeDefined();
    const rows: string[][] = [];
    ws!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v)))));
    const ledger = rows.filter((r) => r[0].startsWith("工资总额 → 总账2211"));
    // start, four explained parts, the unexplained remainder, the end.
    expect(ledger.map((r) => r[2])).toEqual(["776030", "24000", "36000", "18000", "5000", "1234.56", "860264.56"]);
    expect(ledger[5][1]).toContain("未解释差异（倒挤）");
    expect(ledger[6][3]).toContain("应付职工薪酬明细账!G");
  });

  it("the example workbook has no reconciliation source: same payable and counts, no 对账 sheet", async () => {
    const out = join(dir, "example-paper.xlsx");
    const run = await runCli(["audit", join(root, "examples", "example-company.xlsx"), "--json", "--out", out], root);
    const f = JSON.parse(run.stdout).files[0];
    expect(f.calculation.payable).toBe("42789.53");
    expect(f.counts).toEqual({ error: 18, warning: 9, info: 6 });
    expect(f.reconciliation.sources).toEqual([]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet("对账 Reconciliation")).toBeUndefined();
  });
});

describe("a batch of clients with reconciliation sources", () => {
  it("the summary's 对账 column counts each entity's bridges and those left unexplained", async () => {
    const folder = join(dir, "batch-clients");
    // a-tied: the 用友 balance ties the wage total (0.00 unexplained); b-gap: the 金蝶 journal leaves 1,234.56.
    await F.writeFixture(folder, "a-tied.xlsx", [...F.company(), F.ledgerBalanceYonyou()]);
    await F.writeFixture(folder, "b-gap.xlsx", [...F.company(), F.ledgerJournalKingdee()]);
    const run = await runCli(["audit", folder, "--json", "--jobs", "1", "--today", "2025-06-01"], dir);
    const rows = JSON.parse(run.stdout).batch.entities as Array<{ file: string; reconciliation: { sources: number; bridges: number; unexplained: number } }>;
    expect(rows.map((r) => [r.file.replace(/.*\//, ""), r.reconciliation])).toEqual([
      ["a-tied.xlsx", { sources: 1, bridges: 1, unexplained: 0 }],
      ["b-gap.xlsx", { sources: 1, bridges: 1, unexplained: 1 }],
    ]);
  });
});
