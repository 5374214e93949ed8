/**
 * The 残联 certification list with several results for one person, and result words beyond 通过 / 不通过.
 * The company (fixtures.ts): register E01 是, E02 否, E03 是 → 2 certified without a list.
 * Conservative rule: a disabled person counts only when the list certifies them; a conflict the list's dates cannot
 * settle, or a result that cannot be read, is an error and the person is NOT counted.
 */
import { describe, expect, it } from "vitest";
import { isoToExcelSerial } from "../../src/core/dates";
import { analyseWorkbook } from "../../src/validation/analyse";
import type { CellValue, SheetData } from "../../src/workbook/types";
import * as F from "./fixtures";

function audit(extra: SheetData[]) {
  return analyseWorkbook([...F.company(), ...extra], { today: "2025-06-01" });
}

const rec = (a: ReturnType<typeof audit>) => a.findings.filter((f) => f.code.startsWith("REC_")).map((f) => `${f.code}/${f.severity}`).sort();

/** A list: E01 with the given rows (result, date), then E03 通过 2024/3/1. */
function list(e01: Array<[string, CellValue]>): SheetData {
  const rows: CellValue[][] = [["残联联网认证结果"], ["姓名", "身份证号", "残疾人证号", "认证结果", "认证日期"]];
  for (const [result, date] of e01) rows.push([F.PEOPLE[0].name, F.idOf(0), `${F.idOf(0)}14`, result, date]);
  rows.push([F.PEOPLE[2].name, F.idOf(2), `${F.idOf(2)}14`, "通过", "2024/3/1"]);
  return { name: "残联认证", origin: "A1", values: rows };
}

describe("several results for one person: the latest result date wins", () => {
  // E01: 不通过 on 2024-11-05 (the later) listed BEFORE 通过 on 2024-03-01 — row order must not decide.
  // Expected certified: E03 only (E01's latest is 不通过; E02 否 and not on the list) = 1 (was 2 by row order).
  const later: Array<[string, CellValue]> = [
    ["2024/11/5", "2024/3/1"],
    ["2024.11.5", "2024.3.1"],
    ["2024年11月5日", "2024年3月1日"],
    ["serial", "serial"],
  ].map(([a, b]) => [a, b]) as never;
  for (const [late, early] of later as unknown as Array<[string, string]>) {
    it(`dates written as ${late}`, () => {
      const d = (s: string, iso: string): CellValue => (s === "serial" ? isoToExcelSerial(iso) : s);
      const a = audit([list([["不通过", d(late, "2024-11-05")], ["通过", d(early, "2024-03-01")]])]);
      expect(a.reconciliation!.sources.map((s) => s.kind)).toEqual(["certificationList"]);
      expect(a.disabled!.certified).toBe("1");
      const c = a.reconciliation!.certification!;
      expect(c.overridden.map((o) => [o.person, o.list])).toEqual([["E01 员工1", false]]);
      expect(rec(a)).toEqual(["REC_CERT_OVERRIDDEN/warning"]);
    });
  }

  it("the later 通过 after an earlier 不通过 counts", () => {
    const a = audit([list([["通过", "2024/11/5"], ["不通过", "2024/3/1"]])]);
    // E01 (latest 通过) + E03 = 2.
    expect(a.disabled!.certified).toBe("2");
    expect(rec(a)).toEqual([]);
  });

  it("no dates and different results: an error naming the cells, the person not counted", () => {
    const a = audit([list([["不通过", null], ["通过", null]])]);
    // E03 only = 1.
    expect(a.disabled!.certified).toBe("1");
    expect(rec(a)).toEqual(["REC_CERT_UNDECIDED/error"]);
    const f = a.findings.find((x) => x.code === "REC_CERT_UNDECIDED")!;
    expect(f.message.zh).toContain("员工1");
    // The result cells of both rows (D3, D4) and the register cell (残疾职工!E2).
    expect(f.cells.map((c) => `${c.sheet}!${c.address}`).sort()).toEqual(["残疾职工!E2", "残联认证!D3", "残联认证!D4"]);
  });

  it("the same date with different results: an error, the person not counted", () => {
    const a = audit([list([["不通过", "2024/11/5"], ["通过", "2024年11月5日"]])]);
    expect(a.disabled!.certified).toBe("1");
    expect(rec(a)).toEqual(["REC_CERT_UNDECIDED/error"]);
  });

  it("the same result twice needs no date", () => {
    const a = audit([list([["通过", null], ["通过", null]])]);
    expect(a.disabled!.certified).toBe("2");
    expect(rec(a)).toEqual([]);
  });
});

describe("result words", () => {
  for (const word of ["审核未通过", "不予通过", "通过（已过期）", "通过(已过期)", "已过期"]) {
    it(`${word} is not passed: E01 not counted`, () => {
      const a = audit([list([[word, "2024/11/5"]])]);
      // E03 only = 1 (before: 2, the unreadable row left E01's register 是 in force).
      expect(a.disabled!.certified).toBe("1");
      expect(rec(a)).toEqual(["REC_CERT_OVERRIDDEN/warning"]);
    });
  }

  it("an unreadable result (待审核): an error and the person is not counted", () => {
    const a = audit([list([["待审核", "2024/11/5"]])]);
    expect(a.disabled!.certified).toBe("1");
    expect(rec(a)).toEqual(["REC_CERT_UNDECIDED/error", "REC_SOURCE_UNREADABLE/error"]);
  });
});
