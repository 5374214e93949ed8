/**
 * The pane's 写入底稿 gains the 对账 rows (the same rows as the CLI's 对账 sheet) only when the workbook has
 * reconciliation sources; and an unreadable source cell is an error naming the cell, never a silent zero.
 */
import { describe, expect, it } from "vitest";
import { withReconciliationRows } from "../../src/taskpane/reconciliation-view";
import { analyseWorkbook } from "../../src/validation/analyse";
import * as F from "./fixtures";

describe("pane working paper", () => {
  it("appends the bridge rows, amounts as numbers", () => {
    const audit = analyseWorkbook([...F.company(), F.ledgerJournalKingdee()], { today: "2025-06-01" });
    const paper = { rows: [["残保金计算底稿 Levy working paper"]], formats: [[null]], headerRows: 1 };
    const out = withReconciliationRows(paper, audit.reconciliation);
    const bridge = out.rows.filter((r) => r[0] === "工资总额 → 总账2211 / Wage total → ledger 2211");
    // 776,030.00 + 24,000 + 36,000 + 18,000 + 5,000 + 1,234.56 (unexplained) = 860,264.56
    expect(bridge.map((r) => r[2])).toEqual([776030, 24000, 36000, 18000, 5000, 1234.56, 860264.56]);
    expect(out.formats).toHaveLength(out.rows.length);
    expect(out.headerRows).toBe(1);
  });

  it("leaves the paper as it is without sources", () => {
    const audit = analyseWorkbook(F.company(), { today: "2025-06-01" });
    const paper = { rows: [["x"]], formats: [[null]], headerRows: 1 };
    expect(withReconciliationRows(paper, audit.reconciliation)).toBe(paper);
  });
});

describe("unreadable source cells", () => {
  it("A105050 with 八十万 in line 1: REC_SOURCE_UNREADABLE (error) names the cell; no wage-cit bridge from a guess", () => {
    const cit = F.citRetyped();
    cit.values[1][2] = "八十万";
    const audit = analyseWorkbook([...F.company(), cit], { today: "2025-06-01" });
    const f = audit.findings.find((x) => x.code === "REC_SOURCE_UNREADABLE")!;
    expect(f.severity).toBe("error");
    expect(f.cells).toEqual([{ sheet: "所得税年报职工薪酬", address: "C2" }]);
    expect(audit.reconciliation!.bridges.map((b) => b.id)).toEqual([]);
    expect(audit.reconciliation!.notes.map((n) => n.en)).toEqual(["A105050 has no line 1 (wages)."]);
  });
});
