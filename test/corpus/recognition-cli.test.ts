/**
 * A low-confidence recognition is never a result: `levy audit` refuses (exit 2) with the candidates listed, a
 * mapping settles it, and `--explain` prints, per sheet, the role, the score, the runner-up and why.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { residentIdCheckChar } from "../../src/core/identifiers";
import { runCli } from "../cli/helpers";

const dir = mkdtempSync(join(tmpdir(), "levy-recog-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function id(n: number): string {
  const first17 = `11010519850101${String(100 + n * 2 + 1).padStart(3, "0")}`;
  return first17 + residentIdCheckChar(first17);
}

beforeAll(async () => {
  // One sheet: person, hire date and two pay columns, no month anywhere. A roster listing monthly pay rates, or an
  // annual payroll with hire dates? Read as a year's pay it gives one levy, as a month's rate another.
  const wb = new ExcelJS.Workbook();
  const p = wb.addWorksheet("参数");
  p.addRows([["地区", "CN"], ["申报年度", 2025], ["社会平均工资", 100000]]);
  const s = wb.addWorksheet("人员");
  s.addRow(["工号", "姓名", "身份证号", "入职日期", "基本工资", "绩效奖金"]);
  for (let i = 1; i <= 40; i++) s.addRow([`E${i}`, `职工${i}`, id(i), "2020-01-01", 100000, 20000]);
  await wb.xlsx.writeFile(join(dir, "unsure.xlsx"));
});

describe("unsure recognition", () => {
  it("exits 2 and lists the candidates with their scores and reasons, in text and JSON", async () => {
    const text = await runCli(["audit", "unsure.xlsx", "--today", "2025-03-01"], dir);
    expect(text.code).toBe(2);
    expect(text.stdout).toContain("无法可靠识别");
    expect(text.stdout).toMatch(/候选 candidate: 人员 — 花名册 roster 4\.5 \/ 工资表 payroll 3\.5/);
    expect(text.stdout).toContain("相差12倍");
    const json = await runCli(["audit", "unsure.xlsx", "--json", "--today", "2025-03-01"], dir);
    const [file] = JSON.parse(json.stdout).files;
    expect(file.exitCode).toBe(2);
    expect(file.calculation).toBeNull();
    expect(file.candidates[0]).toMatchObject({ sheet: "人员", kind: "roster", score: 4.5, runnerUp: { kind: "payroll", score: 3.5 } });
    expect(file.findings.map((f: { code: string }) => f.code)).toContain("RECOGNITION_UNSURE");
  });
  it("a mapping of the sheet's role settles it (no guess, the user's word)", async () => {
    const r = await runCli(["audit", "unsure.xlsx", "--json", "--today", "2025-03-01", "--map", "表:人员=花名册"], dir);
    const [file] = JSON.parse(r.stdout).files;
    expect(file.exitCode).not.toBe(2);
    // Read as a roster carrying a year's pay: 40 × 120,000 = 4,800,000.
    expect(file.calculation.wageTotal).toBe("4800000");
    expect(file.tables[0]).toMatchObject({ sheet: "人员", kind: "roster", kindVia: "mapping" });
  });
  it("--explain prints each sheet's role, score, runner-up and reasons", async () => {
    const r = await runCli(["audit", "unsure.xlsx", "--explain", "--today", "2025-03-01"], dir);
    expect(r.stdout).toContain("识别说明 How each sheet was recognised");
    expect(r.stdout).toContain("人员 → 花名册 roster + 工资表 payroll — 得分 score 4.5");
    expect(r.stdout).toContain("识别出的表头：工号、姓名、身份证号、入职日期，另有 2 个工资项目列。");
    expect(r.stdout).toContain("参数 → 参数区 parameter block");
  });
});
