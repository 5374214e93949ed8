/**
 * Three-level 2211 sub-accounts (221101 工资 with children 22110101 / 22110102; 金蝶 2211.01 with 2211.01.01 / .02):
 * only the leaves are summed — a parent account's credit is its children's credits again.
 * The company and the two-level ledger are fixtures.ts's (工资 798,000; 奖金 25,000 credit / 20,000 debit;
 * 津贴和补贴 36,030 — ties to the payroll 776,030 with interns 24,000, retiree 36,000, service 18,000, bonus accrual 5,000).
 */
import { describe, expect, it } from "vitest";
import { analyseWorkbook } from "../../src/validation/analyse";
import type { CellValue, SheetData } from "../../src/workbook/types";
import * as F from "./fixtures";

const rec = (a: ReturnType<typeof analyseWorkbook>) => a.findings.filter((f) => f.code.startsWith("REC_")).map((f) => `${f.code}/${f.severity}`);

/** The 用友 / 金蝶 科目余额表 with 工资 split into 基本工资 700,000 + 岗位工资 98,000 (+ gap on 岗位工资). */
function threeLevel(style: "yonyou" | "kingdee", gap = 0): SheetData {
  const c = (code: string) => (style === "kingdee" ? code.replace(/^(\d{4})(\d{2})?(\d{2})?$/, (_, a, b, d) => [a, b, d].filter(Boolean).join(".")) : code);
  const rows: CellValue[][] = [
    ["科目编码", "科目名称", "期初余额", null, "本期发生额", null, "期末余额", null],
    [null, null, "借方", "贷方", "借方", "贷方", "借方", "贷方"],
    [c("2211"), "应付职工薪酬", null, 20000, 1014030 + gap, 1039030 + gap, null, 45000],
    [c("221101"), "工资", null, null, 798000 + gap, 798000 + gap, null, null],
    [c("22110101"), "基本工资", null, null, 700000, 700000, null, null],
    [c("22110102"), "岗位工资", null, null, 98000 + gap, 98000 + gap, null, null],
    [c("221102"), "奖金", null, 20000, 20000, 25000, null, 25000],
    [c("221103"), "津贴和补贴", null, null, 36030, 36030, null, null],
    [c("221104"), "职工福利费", null, null, 5000, 5000, null, null],
  ];
  return { name: "科目余额表", origin: "A1", values: rows };
}

function ledgerBridge(sheet: SheetData) {
  const a = analyseWorkbook([...F.company(), sheet], { today: "2025-06-01" });
  const b = a.reconciliation!.bridges.find((x) => x.id === "wage-ledger")!;
  return { a, b };
}

describe("three-level 2211 sub-accounts", () => {
  for (const style of ["yonyou", "kingdee"] as const) {
    it(`${style}: the leaves only — 基本工资 700,000 + 岗位工资 98,000 + 奖金 25,000 + 津贴 36,030 = 859,030, unexplained 0`, () => {
      const { a, b } = ledgerBridge(threeLevel(style));
      // Before: 221101 and its children both counted: 859,030 + 798,000 = 1,657,030.
      expect(b.to.amount).toBe("859030.00");
      // 859,030 − 776,030 − (24,000 + 36,000 + 18,000 + 5,000) = 0
      expect(b.unexplained.amount).toBe("0.00");
      expect(rec(a)).toEqual([]);
    });
  }

  it("a real 5,000 gap at a leaf is reported as 5,000", () => {
    const { a, b } = ledgerBridge(threeLevel("kingdee", 5000));
    // 岗位工资 103,000: 864,030 − 776,030 − 83,000 = 5,000.00 (before: 5,000 counted twice plus 803,000 again).
    expect(b.to.amount).toBe("864030.00");
    expect(b.unexplained.amount).toBe("5000.00");
    expect(rec(a)).toEqual(["REC_WAGE_UNEXPLAINED/error"]);
  });
});
