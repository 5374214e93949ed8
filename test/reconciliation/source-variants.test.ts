/**
 * Reconciliation sources the round-3 tester found read wrongly or silently ignored (defects 3, 7, 8, 10, 11), on the
 * tester's base company (source-fixtures.ts: W = 12,630,000.00, N = 100, A = 1, payable 31,575.00). Each bridge is
 * asserted to the fen with the arithmetic beside it; a source that is recognised but gives no bridge must say why.
 */
import { describe, expect, it } from "vitest";
import type { BridgeJson } from "../../src/reconciliation/bridge";
import { iitItemKind, journalTitleAccount } from "../../src/reconciliation/read";
import { analyseWorkbook } from "../../src/validation/analyse";
import type { SheetData } from "../../src/workbook/types";
import * as S from "./source-fixtures";

function audit(extra: SheetData[], company: SheetData[] = S.baseCompany()) {
  return analyseWorkbook([...company, ...extra], { today: "2025-09-01" });
}

function bridge(a: ReturnType<typeof audit>, id: string): BridgeJson {
  const b = a.reconciliation!.bridges.find((x) => x.id === id);
  if (!b) throw new Error(`no bridge ${id}: ${JSON.stringify(a.reconciliation!.bridges.map((x) => x.id))}`);
  return b;
}

const rec = (a: ReturnType<typeof audit>) => a.findings.filter((f) => f.code.startsWith("REC_")).map((f) => `${f.code}/${f.severity}`).sort();
const finding = (a: ReturnType<typeof audit>, code: string) => a.findings.find((f) => f.code === code)!;
const cells = (f: { cells: Array<{ sheet: string; address: string }> }) => f.cells.map((c) => `${c.sheet}!${c.address}`);

describe("the base company", () => {
  it("W 12,630,000.00, N 100, A 1, payable 31,575.00 without sources", () => {
    const a = audit([]);
    // 12 × 1,052,500 = 12,630,000; 100 people all year; E0001 grade 3 counts 1.
    expect(a.calculation!.wageTotal).toBe("12630000");
    expect(a.calculation!.headcount).toBe("100");
    expect(a.calculation!.certifiedDisabled).toBe("1");
    // (1.5 − 1) × 126,300 = 63,150; 50% band → 31,575.00.
    expect(a.calculation!.payable).toBe("31575.00");
    expect(rec(a)).toEqual([]);
  });
});

describe("defect 7: IIT 所得项目 as the tax law and the 综合所得 menu write it", () => {
  it("iitItemKind: 工资、薪金所得 and 综合所得-工资薪金 are ordinary wages; 全年一次性奖金 and 劳务报酬 are not", () => {
    expect(["工资、薪金所得", "综合所得-工资薪金", "综合所得（工资薪金）", "正常工资薪金", "工资薪金", "", "正常工资薪金所得"].map(iitItemKind)).toEqual(["wage", "wage", "wage", "wage", "wage", "wage", "wage"]);
    expect(["全年一次性奖金收入", "综合所得-劳务报酬", "劳务报酬所得", "综合所得"].map(iitItemKind)).toEqual([null, null, null, null]);
  });

  for (const item of ["工资、薪金所得", "综合所得-工资薪金"]) {
    it(`“${item}” with 105 people: wage ties, headcount +5 is an error`, () => {
      const a = audit([S.iitSummary(item, 105)]);
      const wage = bridge(a, "wage-iit");
      // 12 × 1,052,500 = 12,630,000.00 on both sides.
      expect([wage.from.amount, wage.to.amount, wage.unexplained.amount]).toEqual(["12630000.00", "12630000.00", "0.00"]);
      const hc = bridge(a, "headcount-iit");
      // 12 × 105 ÷ 12 = 105 against the roster's 100: 5 people unexplained.
      expect([hc.from.amount, hc.to.amount, hc.unexplained.amount]).toEqual(["100", "105", "5"]);
      expect(rec(a)).toEqual(["REC_HEADCOUNT_UNEXPLAINED/error"]);
      expect(a.reconciliation!.sources[0].rows).toEqual({ read: 12, used: 12, skipped: 0, rejected: 0 });
    });
  }

  it("“工资、薪金所得” with 100 people: both bridges tie, nothing to report", () => {
    const a = audit([S.iitSummary("工资、薪金所得", 100)]);
    expect(bridge(a, "headcount-iit").unexplained.amount).toBe("0");
    expect(bridge(a, "wage-iit").unexplained.amount).toBe("0.00");
    expect(rec(a)).toEqual([]);
  });

  it("an IIT summary with only 劳务报酬 rows is recognised but bridges nothing: an error that says why", () => {
    const a = audit([S.iitSummary("劳务报酬所得", 105)]);
    expect(a.reconciliation!.bridges).toEqual([]);
    const f = finding(a, "REC_SOURCE_NOT_BRIDGED");
    expect(f.severity).toBe("error");
    expect(f.message.zh).toContain("劳务报酬所得");
    expect(f.message.zh).toContain("全部 12 行都未使用");
    // The table from its header (row 2) to the last month (row 14), the recognised columns A–D.
    expect(cells(f)).toEqual(["个税扣缴申报汇总!A2:D14"]);
  });
});

describe("defect 7: ledgers whose account or kind was not found", () => {
  it("journalTitleAccount takes the most specific name of the title and sheet name", () => {
    expect(journalTitleAccount("明细账 应付职工薪酬明细账 科目：221101 工资 2024年")).toEqual({ code: "221101", name: "工资" });
    expect(journalTitleAccount("应付职工薪酬明细账 2024年度 应付职工薪酬-工资 明细账")).toEqual({ code: null, name: "应付职工薪酬-工资" });
    expect(journalTitleAccount("明细账 科目：2211 应付职工薪酬")).toEqual({ code: "2211", name: "应付职工薪酬" });
  });

  it("U8 明细账 with 月/日 columns and the year in the title: the 100,000.00 gap is an error", () => {
    const a = audit([S.u8Journal(100000)]);
    const b = bridge(a, "wage-ledger");
    // Credits: 11 × 1,052,500 + (1,052,500 + 100,000) = 11,577,500 + 1,152,500 = 12,730,000.00; the 期初余额,
    // 本月合计 and 本年累计 rows are skipped (1 + 12 + 1 = 14 of 38).
    expect([b.from.amount, b.to.amount, b.unexplained.amount]).toEqual(["12630000.00", "12730000.00", "100000.00"]);
    expect(a.reconciliation!.sources[0].rows).toEqual({ read: 38, used: 24, skipped: 14, rejected: 0 });
    expect(rec(a)).toEqual(["REC_WAGE_UNEXPLAINED/error"]);
  });

  it("the same journal without the gap ties", () => {
    const a = audit([S.u8Journal(0)]);
    // 12 × 1,052,500 = 12,630,000.00.
    expect(bridge(a, "wage-ledger").to.amount).toBe("12630000.00");
    expect(rec(a)).toEqual([]);
  });

  it("a journal named 应付职工薪酬明细账 whose title says 应付职工薪酬-工资: the gap is an error", () => {
    const a = audit([S.titledJournal(100000)]);
    const b = bridge(a, "wage-ledger");
    // 11 × 1,052,500 + 1,152,500 = 12,730,000.00 − 12,630,000.00 = 100,000.00.
    expect([b.to.amount, b.unexplained.amount]).toEqual(["12730000.00", "100000.00"]);
    expect(rec(a)).toEqual(["REC_WAGE_UNEXPLAINED/error"]);
  });

  it("leaf-only codes 221101xx named by department: taken as wages with a warning, the 100,000.00 gap an error", () => {
    const a = audit([S.leafLedger(["22110101", "22110102", "22110301"], ["管理部门", "生产部门", "养老保险"])]);
    const b = bridge(a, "wage-ledger");
    // 管理部门 6,100,000 + 生产部门 6,630,000 = 12,730,000.00; 养老保险 (221103) is social insurance, not wages.
    expect([b.to.amount, b.unexplained.amount]).toEqual(["12730000.00", "100000.00"]);
    expect(b.to.cells.map((c) => c.address)).toEqual(["F3", "F4"]);
    expect(rec(a)).toEqual(["REC_LEDGER_KIND_INFERRED/warning", "REC_WAGE_UNEXPLAINED/error"]);
    expect(cells(finding(a, "REC_LEDGER_KIND_INFERRED"))).toEqual(["科目余额表!F3", "科目余额表!F4"]);
  });

  it("department leaves under another code (221102xx) are not guessed: no bridge, an error naming the accounts", () => {
    const a = audit([S.leafLedger(["22110201", "22110202", "22110301"], ["管理部门", "生产部门", "养老保险"])]);
    expect(a.reconciliation!.bridges).toEqual([]);
    expect(rec(a)).toEqual(["REC_SOURCE_NOT_BRIDGED/error"]);
    const f = finding(a, "REC_SOURCE_NOT_BRIDGED");
    expect(f.message.zh).toContain("22110201 管理部门");
    expect(f.message.zh).toContain("没有工资、奖金、津贴和补贴");
  });
});

describe("defect 8: a ledger in 万元", () => {
  it("1,273 万元 is 12,730,000.00: the real 100,000.00 gap is an error, the conversion an info naming the title cell", () => {
    const a = audit([S.sudaBalance(S.W + 100000, "万元")]);
    const b = bridge(a, "wage-ledger");
    // (12,630,000 + 100,000) ÷ 10,000 = 1,273 万元 × 10,000 = 12,730,000.00; − 12,630,000.00 = 100,000.00.
    expect([b.to.amount, b.unexplained.amount]).toEqual(["12730000.00", "100000.00"]);
    expect(rec(a)).toEqual(["REC_SOURCE_UNIT_CONVERTED/info", "REC_WAGE_UNEXPLAINED/error"]);
    // 单位：万元 is in I2.
    expect(cells(finding(a, "REC_SOURCE_UNIT_CONVERTED"))).toEqual(["科目余额表!I2"]);
  });

  it("万元 to four decimals keeps the yuan: 1,263.4567 万元 = 12,634,567.00 (not snapped to 1,263.46 first)", () => {
    const a = audit([S.sudaBalance(S.W + 4567, "万元")]);
    const b = bridge(a, "wage-ledger");
    // 12,634,567 ÷ 10,000 = 1,263.4567 万元 × 10,000 = 12,634,567.00; − 12,630,000.00 = 4,567.00 (1,263.46 would give 4,600.00).
    expect([b.to.amount, b.unexplained.amount]).toEqual(["12634567.00", "4567.00"]);
  });

  it("the same ledger in 元 is not converted", () => {
    const a = audit([S.sudaBalance(S.W, "元")]);
    expect(bridge(a, "wage-ledger").to.amount).toBe("12630000.00");
    expect(rec(a)).toEqual([]);
  });
});

describe("defect 10: 金蝶 币别 rows", () => {
  it("人民币 and 综合本位币 rows: 综合本位币 counted once, an info says which", () => {
    const a = audit([S.kingdeeCurrencies(["人民币", "综合本位币"])]);
    const b = bridge(a, "wage-ledger");
    // 2211.01 工资 本年累计贷方 12,630,000.00 once (not 2 × = 25,260,000.00).
    expect([b.to.amount, b.unexplained.amount]).toEqual(["12630000.00", "0.00"]);
    expect(rec(a)).toEqual(["REC_LEDGER_CURRENCY/info"]);
    expect(finding(a, "REC_LEDGER_CURRENCY").message.zh).toContain("按“综合本位币”行计算");
    // Rows: 4 read; the 2 人民币 rows skipped; the 2 综合本位币 rows (2211 and 2211.01) used.
    expect(a.reconciliation!.sources[0].rows).toEqual({ read: 4, used: 2, skipped: 2, rejected: 0 });
  });

  it("a single currency needs no note", () => {
    const a = audit([S.kingdeeCurrencies(["人民币"])]);
    expect(bridge(a, "wage-ledger").to.amount).toBe("12630000.00");
    expect(rec(a)).toEqual([]);
  });

  it("人民币 and 美元 without 综合本位币 cannot be told: errors, no bridge", () => {
    const a = audit([S.kingdeeCurrencies(["人民币", "美元"])]);
    expect(a.reconciliation!.bridges).toEqual([]);
    expect(rec(a)).toEqual(["REC_LEDGER_CURRENCY/error", "REC_SOURCE_NOT_BRIDGED/error"]);
  });
});

describe("defect 11: sources of another year", () => {
  it("a 2023 科目余额表 that happens to tie is not bridged: an error naming the period cell", () => {
    const a = audit([S.kingdeeCurrencies(["人民币"], "期间：2023年01期-2023年12期")]);
    expect(a.reconciliation!.bridges).toEqual([]);
    expect(rec(a)).toEqual(["REC_SOURCE_OTHER_YEAR/error"]);
    const f = finding(a, "REC_SOURCE_OTHER_YEAR");
    expect(cells(f)).toEqual(["科目余额表!A2"]);
    expect(f.message.zh).toContain("2023");
    // Both rows read and skipped with the reason.
    expect(a.reconciliation!.sources[0].rows).toEqual({ read: 2, used: 0, skipped: 2, rejected: 0 });
  });

  it("a 2023 A105050 (税款所属期间 in the title) is not bridged", () => {
    const a = audit([S.cit("税款所属期间：2023年01月01日至2023年12月31日")]);
    expect(a.reconciliation!.bridges).toEqual([]);
    expect(rec(a)).toEqual(["REC_SOURCE_OTHER_YEAR/error"]);
    expect(cells(finding(a, "REC_SOURCE_OTHER_YEAR"))).toEqual(["A105050!A2"]);
  });

  it("the 2024 A105050 ties; a print date in 2025 is not a period", () => {
    const a = audit([S.cit("税款所属期间：2024年01月01日至2024年12月31日 打印日期：2025-03-01")]);
    // 实际发生额 12,630,000.00 − 12,630,000.00 = 0.00.
    expect(bridge(a, "wage-cit").unexplained.amount).toBe("0.00");
    expect(rec(a)).toEqual([]);
  });

  it("所属年度 2023 in a ledger title", () => {
    const a = audit([S.sudaBalance(S.W, "元", "所属年度：2023")]);
    expect(a.reconciliation!.bridges).toEqual([]);
    expect(rec(a)).toEqual(["REC_SOURCE_OTHER_YEAR/error"]);
  });
});

describe("defect 3: the 残联 list certifies under another certificate number", () => {
  it("C2: register …41 (一级) but the list passes …43 (grade 3): the list is followed, A = 1, payable 31,575.00, an error naming both cells", () => {
    const a = audit([S.certList("43")], S.baseCompany("41", "一级"));
    // Grade 3 counts 1 (grade 1 would count 2): A = 1 → payable 31,575.00 as the base company.
    expect(a.calculation!.certifiedDisabled).toBe("1");
    expect(a.calculation!.payable).toBe("31575.00");
    expect(rec(a)).toEqual(["REC_CERT_NUMBER_CONFLICT/error"]);
    const f = finding(a, "REC_CERT_NUMBER_CONFLICT");
    // Register 残疾证号 D2, list 残疾人证号 C2.
    expect(cells(f)).toEqual(["残疾职工!D2", "残联认证结果!C2"]);
    expect(f.message.zh).toContain(`${S.id(1)}41`);
    expect(f.message.zh).toContain(`${S.id(1)}43`);
    expect(f.message.zh).toContain("按清单计算");
  });

  it("C1: register …43 (grade 3) but the list passes …41 (grade 1): the list is followed, A = 2 ≥ 1.5 required → payable 0.00, an error", () => {
    const a = audit([S.certList("41")]);
    expect(a.calculation!.certifiedDisabled).toBe("2");
    expect(a.calculation!.payable).toBe("0.00");
    expect(rec(a)).toEqual(["REC_CERT_NUMBER_CONFLICT/error"]);
  });

  it("the list's number is another person's: cannot be decided, the person is not counted (A = 0), an error", () => {
    const a = audit([S.certList("43", 2)], S.baseCompany("41", "一级"));
    expect(a.calculation!.certifiedDisabled).toBe("0");
    expect(rec(a)).toEqual(["REC_CERT_NUMBER_CONFLICT/error"]);
    expect(finding(a, "REC_CERT_NUMBER_CONFLICT").message.zh).toContain("无法确定，不计入");
  });

  it("the same number on both sides: nothing to report", () => {
    const a = audit([S.certList("43")]);
    expect(a.calculation!.certifiedDisabled).toBe("1");
    expect(rec(a)).toEqual([]);
  });
});
