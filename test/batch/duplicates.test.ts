/**
 * The same filing twice in a batch (issue 10 §4), on real .xlsx written by ExcelJS:
 * - a byte-identical copy is a row of its own, a warning BATCH_DUPLICATE_FILE naming the first file, not audited and
 *   not added into the totals;
 * - two different files giving the same entity (credit code and data year) keep both rows (and both in the totals)
 *   and each gets the error BATCH_SAME_ENTITY naming both files (exit 1).
 *
 * Companies (test/batch/group-fixtures.ts, arithmetic there): A公司 payable 31,575.00 (gross 63,150.00),
 * B公司 payable 41,553.00 (gross 46,170.00).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/helpers";
import { A, B, params, PA, PB, payroll, prefixWorkbook, register, roster } from "./group-fixtures";
import type { Params, Person } from "./group-fixtures";

const dir = mkdtempSync(join(tmpdir(), "levy-dups-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function oneEntity(p: Params, people: Person[], disabled: Person | null, note?: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  params(wb.addWorksheet("参数"), p);
  roster(wb.addWorksheet("花名册"), people);
  payroll(wb.addWorksheet("工资表"), people);
  if (disabled) register(wb.addWorksheet("残疾职工"), disabled);
  if (note) wb.addWorksheet("说明").addRow([note]);
  return wb;
}

beforeAll(async () => {
  for (const d of ["dups", "same", "group"]) mkdirSync(join(dir, d));
  await oneEntity(PA, A, A[0]).xlsx.writeFile(join(dir, "dups", "A.xlsx"));
  await oneEntity(PB, B, null).xlsx.writeFile(join(dir, "dups", "B.xlsx"));
  copyFileSync(join(dir, "dups", "A.xlsx"), join(dir, "dups", "C-copy-of-A.xlsx"));
  // Two versions of A's workbook: the second has a note sheet more (other bytes, the same entity and figures).
  await oneEntity(PA, A, A[0]).xlsx.writeFile(join(dir, "same", "A.xlsx"));
  await oneEntity(PA, A, A[0], "第二版 second version").xlsx.writeFile(join(dir, "same", "A-v2.xlsx"));
  // A group workbook holding A公司 and B公司, beside A's own workbook.
  await prefixWorkbook().xlsx.writeFile(join(dir, "group", "G.xlsx"));
  copyFileSync(join(dir, "dups", "A.xlsx"), join(dir, "group", "A.xlsx"));
}, 120_000);

interface Row { file: string; status: string; columns: Record<string, string> | null; findings: { error: number; warning: number }; duplicateOf?: string; exitCode: number }
interface FileJson { file: string; findings: Array<{ code: string; severity: string; message: { zh: string; en: string } }>; duplicateOf?: string; calculation: unknown }

async function batch(folder: string, extra: string[] = []) {
  const r = await runCli(["audit", folder, "--jobs", "1", "--json", "--today", "2025-06-01", ...extra], dir);
  const json = JSON.parse(r.stdout) as { files: FileJson[]; batch: { entities: Row[]; totals: Record<string, unknown>; exitCode: number } };
  return { code: r.code, json };
}

describe("byte-identical files in a batch", () => {
  it("the copy is a duplicate of the first: a warning, no figures, not in the totals", async () => {
    const { code, json } = await batch("dups");
    expect(code).toBe(0);
    const rows = json.batch.entities;
    expect(rows.map((r) => [r.file, r.status])).toEqual([
      ["dups/A.xlsx", "clean"],
      ["dups/B.xlsx", "clean"],
      ["dups/C-copy-of-A.xlsx", "duplicate"],
    ]);
    expect(rows[2]).toMatchObject({ duplicateOf: "dups/A.xlsx", columns: null, exitCode: 0, findings: { error: 0, warning: 1 } });
    const copy = json.files[2];
    expect(copy.duplicateOf).toBe("dups/A.xlsx");
    expect(copy.calculation).toBeNull();
    expect(copy.findings.map((f) => [f.code, f.severity])).toEqual([["BATCH_DUPLICATE_FILE", "warning"]]);
    expect(copy.findings[0].message.en).toContain("dups/A.xlsx");
    // Totals over A and B only: payable 31,575.00 + 41,553.00 = 73,128.00; gross 63,150.00 + 46,170.00 = 109,320.00.
    expect(json.batch.totals).toMatchObject({ entities: 2, duplicates: 1, clean: 2, payable: "73128.00", grossDue: "109320.00" });
  }, 120_000);

  it("the summary workbook shows the duplicate row and no working paper for it", async () => {
    const r = await runCli(["audit", "dups", "--jobs", "1", "--out", "dups-summary.xlsx", "--today", "2025-06-01"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("3 dups/C-copy-of-A.xlsx = dups/A.xlsx");
    expect(readdirSync(join(dir, "dups-summary-底稿")).sort()).toEqual(["A.xlsx", "B.xlsx"]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "dups-summary.xlsx"));
    const ws = wb.getWorksheet("汇总 Summary")!;
    expect(ws.getCell("B4").value).toBe("dups/C-copy-of-A.xlsx");
    expect(String(ws.getCell("U4").value)).toContain("重复文件 duplicate file");
    expect(ws.getCell("P4").value).toBeNull();
    // Totals row: column 12 = 73,128.00.
    expect(ws.getCell("A5").value).toBe("合计 Total");
    expect(ws.getCell("P5").value).toBe(73128);
  }, 120_000);
});

describe("one entity from two different files", () => {
  it("both rows kept and in the totals, each with an error naming both files (exit 1)", async () => {
    const { code, json } = await batch("same");
    expect(code).toBe(1);
    const rows = json.batch.entities;
    expect(rows.map((r) => [r.file, r.status, r.findings.error])).toEqual([
      ["same/A-v2.xlsx", "findings", 1],
      ["same/A.xlsx", "findings", 1],
    ]);
    for (const f of json.files) {
      const same = f.findings.find((x) => x.code === "BATCH_SAME_ENTITY");
      expect(same?.severity).toBe("error");
      expect(same?.message.en).toContain("same/A-v2.xlsx");
      expect(same?.message.en).toContain("same/A.xlsx");
      expect(same?.message.en).toContain(PA.统一社会信用代码 as string);
    }
    // Both kept: 2 × 31,575.00 = 63,150.00.
    expect(json.batch.totals).toMatchObject({ entities: 2, duplicates: 0, payable: "63150.00" });
  }, 120_000);

  it("an entity of a group workbook and the same entity's own workbook are flagged the same way", async () => {
    const { code, json } = await batch("group");
    expect(code).toBe(1);
    expect(json.batch.entities.map((r) => [r.file, r.status])).toEqual([
      ["group/A.xlsx", "findings"],
      ["group/G.xlsx", "findings"],
      ["group/G.xlsx", "clean"],
    ]);
    const msg = json.files[1].findings.find((x) => x.code === "BATCH_SAME_ENTITY")!.message.zh;
    expect(msg).toContain("group/A.xlsx");
    expect(msg).toContain("group/G.xlsx（单位 entity 1/2）");
  }, 120_000);
});
