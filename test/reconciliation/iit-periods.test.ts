/**
 * IIT summaries as the 电子税务局 exports them (税款所属期起 / 税款所属期止 instead of one 税款所属期 column), and a summary
 * covering only some months. The company and the by-item summary are fixtures.ts's (wage income 817,030.00; 11 people
 * a month, roster 10 + retiree 1).
 */
import { describe, expect, it } from "vitest";
import { isoToExcelSerial } from "../../src/core/dates";
import { analyseWorkbook } from "../../src/validation/analyse";
import type { CellValue, SheetData } from "../../src/workbook/types";
import * as F from "./fixtures";

const m2 = (m: number) => String(m).padStart(2, "0");
const rec = (a: ReturnType<typeof analyseWorkbook>) => a.findings.filter((f) => f.code.startsWith("REC_")).map((f) => `${f.code}/${f.severity}`).sort();
const audit = (extra: SheetData[]) => analyseWorkbook([...F.company(), ...extra], { today: "2025-06-01" });
const bridge = (a: ReturnType<typeof audit>, id: string) => a.reconciliation!.bridges.find((b) => b.id === id)!;

/** iitByItem's rows with 起 / 止 dates (Excel dates); `gap` more income in March; `endOf` overrides one row's 止. */
function iitStartEnd(gap = 0, endOf: Record<number, string> = {}): SheetData {
  const rows: CellValue[][] = [["税款所属期起", "税款所属期止", "所得项目", "申报人数", "收入额", "应纳税额"]];
  const formats: Array<Array<string | null>> = [[null, null, null, null, null, null]];
  const last = (m: number) => new Date(Date.UTC(2024, m, 0)).getUTCDate();
  for (let m = 1; m <= 12; m++) {
    const from = isoToExcelSerial(`2024-${m2(m)}-01`);
    const to = isoToExcelSerial(endOf[m] ?? `2024-${m2(m)}-${last(m)}`);
    rows.push([from, to, "正常工资薪金所得", 11, (m === 12 ? 71002.5 : 66002.5) + (m === 3 ? gap : 0), 1000]);
    formats.push(["yyyy-mm-dd", "yyyy-mm-dd", null, null, null, null]);
    if (m === 1) {
      rows.push([from, to, "全年一次性奖金收入", 10, 20000, 600]);
      formats.push(["yyyy-mm-dd", "yyyy-mm-dd", null, null, null, null]);
    }
  }
  return { name: "个税扣缴汇总", origin: "A1", values: rows, numberFormats: formats };
}

describe("税款所属期起 / 税款所属期止", () => {
  it("is recognised as the IIT summary and bridged month by month", () => {
    const a = audit([iitStartEnd()]);
    // Before: the sheet was "not used" (no source at all).
    expect(a.reconciliation!.sources.map((s) => s.kind)).toEqual(["iitSummary"]);
    // 12 × 66,002.50 + 5,000 + 20,000 = 817,030.00; explained: retiree 36,000 + cash welfare 5,000 → 0.
    expect(bridge(a, "wage-iit").to.amount).toBe("817030.00");
    expect(bridge(a, "wage-iit").unexplained.amount).toBe("0.00");
    // 11 people × 12 ÷ 12 = 11 = roster 10 + retiree 1.
    expect(bridge(a, "headcount-iit").unexplained.amount).toBe("0");
    expect(rec(a)).toEqual([]);
  });

  it("a 50,000 income gap is found", () => {
    const a = audit([iitStartEnd(50000)]);
    // 817,030 + 50,000 = 867,030; unexplained 50,000.00 (IIT higher → error).
    expect(bridge(a, "wage-iit").unexplained.amount).toBe("50000.00");
    expect(rec(a)).toEqual(["REC_WAGE_UNEXPLAINED/error"]);
  });

  it("a row whose 起 and 止 are in different months is rejected with its cell, not put in one month", () => {
    const a = audit([iitStartEnd(0, { 3: "2024-04-30" })]);
    const s = a.reconciliation!.sources[0];
    // 14 rows (12 months + January bonus + header excluded = 13 data rows); March rejected.
    expect(s.rows).toEqual({ read: 13, used: 12, skipped: 0, rejected: 1 });
    const f = a.findings.find((x) => x.code === "REC_SOURCE_UNREADABLE")!;
    // Header row 1, January two rows (2, 3), February 4, March 5: its 止 cell B5.
    expect(f.cells.map((c) => `${c.sheet}!${c.address}`)).toEqual(["个税扣缴汇总!B5"]);
  });
});

describe("a summary covering only some months", () => {
  it("divides people by the months covered (10), not by 12, and still says the months are missing", () => {
    // iitByItem without November and December: 11 people in each of Jan–Oct.
    const only = F.iitByItem();
    const values = only.values.filter((row) => !(typeof row[0] === "string" && /^2024-1[12]$/.test(row[0])));
    const a = audit([{ ...only, values }]);
    const h = bridge(a, "headcount-iit");
    // 10 × 11 ÷ 10 = 11 = roster 10 + retiree 1 → unexplained 0 (before: 110 ÷ 12 = 9.1667, −1.8333 unexplained).
    expect([h.to.amount, h.unexplained.amount]).toEqual(["11", "0"]);
    expect(a.reconciliation!.missingMonths).toEqual({ iitSummary: [11, 12] });
    expect(rec(a)).toContain("REC_SOURCE_MONTHS_MISSING/warning");
    expect(rec(a)).not.toContain("REC_HEADCOUNT_UNEXPLAINED/warning");
  });
});
