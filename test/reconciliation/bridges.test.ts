/**
 * The bridges, asserted to the fen against figures derived by hand from the fixtures (test/reconciliation/fixtures.ts
 * states the company; the arithmetic is in each test). Each source in two layouts; two deliberate unexplained
 * differences (a 1,234.56 补提工资 in the Kingdee journal; two unrostered people in the wide IIT summary) must raise
 * REC_*; the certification list overrides the register and reports people on one side only.
 */
import { describe, expect, it } from "vitest";
import { analyseWorkbook } from "../../src/validation/analyse";
import type { BridgeJson } from "../../src/reconciliation/bridge";
import type { SheetData } from "../../src/workbook/types";
import * as F from "./fixtures";

function audit(extra: SheetData[], params: Parameters<typeof F.company>[0] = []) {
  return analyseWorkbook([...F.company(params), ...extra], { today: "2025-06-01" });
}

function bridge(a: ReturnType<typeof audit>, id: string): BridgeJson {
  const b = a.reconciliation!.bridges.find((x) => x.id === id);
  if (!b) throw new Error(`no bridge ${id}: ${JSON.stringify(a.reconciliation!.bridges.map((x) => x.id))}`);
  return b;
}

const steps = (b: BridgeJson) => Object.fromEntries(b.steps.map((s) => [s.id, s.amount]));
const rec = (a: ReturnType<typeof audit>) => a.findings.filter((f) => f.code.startsWith("REC_")).map((f) => `${f.code}/${f.severity}`);

describe("the company without sources", () => {
  it("computes the levy as before and reports no reconciliation", () => {
    const a = audit([]);
    // 10 × (12 × 6,300.25 + 2,000) = 776,030.00; 10 people all year.
    expect(a.calculation!.wageTotal).toBe("776030");
    expect(a.reconciliation!.sources).toEqual([]);
    expect(a.reconciliation!.bridges).toEqual([]);
    expect(rec(a)).toEqual([]);
  });
});

describe("wage total → ledger 2211", () => {
  it("科目余额表 (用友, two-level header): ties with interns, retiree, service agreement and the bonus accrual", () => {
    const a = audit([F.ledgerBalanceYonyou()]);
    const s = a.reconciliation!.sources[0];
    expect([s.sheet, s.kind, s.layout]).toEqual(["科目余额表", "ledger", "balance"]);
    // Rows: 1001, 2211, 221101–221105, 6602, 合计 = 9 read; 2211 and its five sub-accounts used.
    expect(s.rows).toEqual({ read: 9, used: 6, skipped: 3, rejected: 0 });
    const b = bridge(a, "wage-ledger");
    expect(b.from.amount).toBe("776030.00");
    // 工资 798,000.00 + 奖金 25,000.00 + 津贴和补贴 36,030.00 = 859,030.00
    expect(b.to.amount).toBe("859030.00");
    // interns 2 × 6 × 2,000; retiree 12 × 3,000; service agreement 12 × 1,500; bonus 25,000 credit − 20,000 debit
    expect(steps(b)).toEqual({ HC_INTERN: "24000.00", HC_RETIREE: "36000.00", HC_LABOUR_SERVICE: "18000.00", bonusAccrual: "5000.00" });
    // 859,030 − 776,030 − (24,000 + 36,000 + 18,000 + 5,000) = 0
    expect(b.unexplained.amount).toBe("0.00");
    expect(b.status).toBe("within-tolerance");
    expect(b.to.cells.map((c) => c.address)).toEqual(["F7", "F8", "F9"]);
    expect(rec(a)).toEqual([]);
  });

  it("明细账 (金蝶, one row per voucher): a 1,234.56 补提工资 no payroll explains is REC_WAGE_UNEXPLAINED (error)", () => {
    const a = audit([F.ledgerJournalKingdee()]);
    const s = a.reconciliation!.sources[0];
    expect([s.kind, s.layout]).toEqual(["ledger", "journal"]);
    // 1 期初 + 12 × 3 vouchers + 1 January bonus + 2 December entries + 12 本月合计 + 1 voucher of 2025 = 53 rows;
    // used 36 + 1 + 2 = 39; skipped 1 + 12 + 1 = 14.
    expect(s.rows).toEqual({ read: 53, used: 39, skipped: 14, rejected: 0 });
    const b = bridge(a, "wage-ledger");
    // 工资 6 × 68,500 + 6 × 64,500 + 1,234.56 = 799,234.56; 奖金 25,000; 津贴 12 × 3,002.50 = 36,030 → 860,264.56
    expect(b.to.amount).toBe("860264.56");
    expect(steps(b)).toEqual({ HC_INTERN: "24000.00", HC_RETIREE: "36000.00", HC_LABOUR_SERVICE: "18000.00", bonusAccrual: "5000.00" });
    // 860,264.56 − 776,030.00 − 83,000.00 = 1,234.56
    expect(b.unexplained.amount).toBe("1234.56");
    expect(b.status).toBe("unexplained");
    const f = a.findings.find((x) => x.code === "REC_WAGE_UNEXPLAINED")!;
    expect(f.severity).toBe("error");
    expect(f.message.zh).toContain("未解释差异 1234.56");
    // Cells on both sides: the journal's credit cells and the payroll's wage columns.
    expect(f.cells.some((c) => c.sheet === "应付职工薪酬明细账")).toBe(true);
    expect(f.cells.some((c) => c.sheet === "工资表")).toBe(true);
  });

  it("a tolerance from the parameter block (工资对账容差 2000) makes the same difference acceptable", () => {
    const a = audit([F.ledgerJournalKingdee()], [["工资对账容差", 2000]]);
    const b = bridge(a, "wage-ledger");
    expect(b.unexplained.amount).toBe("1234.56");
    expect(b.tolerance).toBe("2000");
    expect(b.toleranceCell).toEqual({ sheet: "参数", address: "B7" });
    expect(rec(a)).toEqual([]);
  });
});

describe("a ledger with 2211 and no sub-accounts", () => {
  it("bridges to the 2211 total; payroll welfare explains its part; the bonus accrual cannot be seen and stays unexplained", () => {
    const ledger: SheetData = {
      name: "总账",
      origin: "A1",
      values: [
        ["科目代码", "科目名称", "期初余额", "借方发生额", "贷方发生额", "期末余额"],
        ["1002", "银行存款", 100000, 50000, 900000, -750000],
        // 工资 798,000 + 奖金 25,000 + 津贴 36,030 + 福利 5,000 = 864,030 credited; 859,030 paid
        ["2211", "应付职工薪酬", 20000, 859030, 864030, 25000],
      ],
    };
    const a = audit([ledger]);
    const b = bridge(a, "wage-ledger");
    expect(b.to.amount).toBe("864030.00");
    expect(steps(b)).toEqual({ HC_INTERN: "24000.00", HC_RETIREE: "36000.00", HC_LABOUR_SERVICE: "18000.00", nonWageIn2211: "5000.00" });
    // 864,030 − 776,030 − (24,000 + 36,000 + 18,000 + 5,000) = 5,000 (the bonus accrued, invisible without 奖金)
    expect(b.unexplained.amount).toBe("5000.00");
    expect(b.notes[0].en).toContain("without sub-accounts");
    expect(rec(a)).toEqual(["REC_WAGE_UNEXPLAINED/error"]);
  });
});

describe("wage total → A105050 line 1", () => {
  // 实际发生额 836,030.00 = 776,030 + interns 24,000 + retiree 36,000 (service-agreement pay is 劳务报酬, not line 1).
  for (const [name, make, sheet] of [
    ["as exported (行次, seven columns, column-number row)", F.citExported, "A105050"],
    ["as retyped (no 行次, text amounts with separators)", F.citRetyped, "所得税年报职工薪酬"],
  ] as const) {
    it(name, () => {
      const a = audit([make()]);
      expect(a.reconciliation!.sources.map((s) => [s.sheet, s.kind])).toEqual([[sheet, "citA105050"]]);
      const b = bridge(a, "wage-cit");
      expect(b.to.amount).toBe("836030.00");
      expect(steps(b)).toEqual({ HC_INTERN: "24000.00", HC_RETIREE: "36000.00" });
      expect(b.unexplained.amount).toBe("0.00");
      // 账载金额 841,030 − 实际发生额 836,030 = 5,000 accrued, said in a note.
      expect(b.notes[0].zh).toContain("5000.00");
      expect(rec(a)).toEqual([]);
    });
  }
});

describe("IIT withholding", () => {
  it("by income item: wage income and people tie; 劳务报酬 rows are skipped", () => {
    const a = audit([F.iitByItem()]);
    const s = a.reconciliation!.sources[0];
    // 12 正常工资薪金 + 1 年终奖 used; 12 劳务报酬 + 合计 skipped.
    expect(s.rows).toEqual({ read: 26, used: 13, skipped: 13, rejected: 0 });
    const w = bridge(a, "wage-iit");
    // 12 × 66,002.50 + 5,000 (December welfare) + 20,000 (bonus) = 817,030.00
    expect(w.to.amount).toBe("817030.00");
    // retiree 36,000 (工资薪金) + cash welfare 10 × 500 = 5,000; interns and service agreement are 劳务报酬
    expect(steps(w)).toEqual({ HC_RETIREE: "36000.00", cashWelfare: "5000.00" });
    expect(w.unexplained.amount).toBe("0.00");
    const h = bridge(a, "headcount-iit");
    // 11 people every month → 132 ÷ 12 = 11; roster 10 + retiree 1
    expect([h.from.amount, h.to.amount, h.unexplained.amount]).toEqual(["10", "11", "0"]);
    expect(steps(h)).toEqual({ HC_RETIREE: "1" });
    expect(rec(a)).toEqual([]);
  });

  it("one row per month: two unrostered people from July are REC_HEADCOUNT_UNEXPLAINED (error)", () => {
    const a = audit([F.iitWide()]);
    const w = bridge(a, "wage-iit");
    // 10 × 66,002.50 + 86,002.50 + 71,002.50 = 817,030.00
    expect(w.to.amount).toBe("817030.00");
    expect(w.unexplained.amount).toBe("0.00");
    const h = bridge(a, "headcount-iit");
    // (6 × 11 + 6 × 13) ÷ 12 = 144 ÷ 12 = 12; 12 − 10 − 1 (retiree) = 1 > 0.5
    expect([h.to.amount, h.unexplained.amount, h.status]).toEqual(["12", "1", "unexplained"]);
    expect(rec(a)).toEqual(["REC_HEADCOUNT_UNEXPLAINED/error"]);
  });
});

describe("social insurance", () => {
  it("by insurance: the 基本养老保险 count is used; 10 insured a month ties with the roster", () => {
    const a = audit([F.siByInsurance()]);
    expect(a.reconciliation!.sources[0].rows).toEqual({ read: 24, used: 12, skipped: 12, rejected: 0 });
    const h = bridge(a, "headcount-social-insurance");
    // 120 ÷ 12 = 10; retirees, interns and service agreements are not insured: no explained part.
    expect([h.from.amount, h.to.amount, h.unexplained.amount]).toEqual(["10", "10", "0"]);
    expect(h.steps).toEqual([]);
  });

  it("one row per month with November missing: the average is over the 11 months covered, and the missing month is said", () => {
    const a = audit([F.siMonthly()]);
    const h = bridge(a, "headcount-social-insurance");
    // 11 × 10 ÷ 11 months covered = 10 = roster 10 → 0 (a missing month is not counted as 0 people).
    expect([h.to.amount, h.unexplained.amount]).toEqual(["10", "0"]);
    expect(a.reconciliation!.missingMonths).toEqual({ socialInsurance: [11] });
    expect(rec(a).sort()).toEqual(["REC_SOURCE_MONTHS_MISSING/warning"]);
  });
});

describe("the certification list", () => {
  it("联网认证结果: overrides the register (E02 否 → 通过), and names people on one side only", () => {
    const without = audit([]);
    // Register: E01 是, E02 否, E03 是 → 2 certified (weight 1 each, all year).
    expect(without.disabled!.certified).toBe("2");
    const a = audit([F.certList()]);
    expect(a.reconciliation!.sources.map((s) => [s.sheet, s.kind])).toEqual([["残联联网认证结果", "certificationList"]]);
    // E01 and E02 (overridden) and E03 (register 是, kept): 3.
    expect(a.disabled!.certified).toBe("3");
    const c = a.reconciliation!.certification!;
    expect(c.overridden).toEqual([{ person: "E02 员工2", register: false, list: true, registerCell: { sheet: "残疾职工", address: "E3" }, listCell: { sheet: "残联联网认证结果", address: "E3" } }]);
    expect(c.notInRegister.map((e) => e.name)).toEqual(["外来人"]);
    expect(c.notOnList).toEqual([{ person: "E03 员工3", cell: { sheet: "残疾职工", address: "E4" } }]);
    expect(rec(a).sort()).toEqual(["REC_CERT_NOT_IN_REGISTER/warning", "REC_CERT_NOT_ON_LIST/error", "REC_CERT_OVERRIDDEN/warning"]);
    expect(a.reconciliation!.sources[0].rows).toEqual({ read: 3, used: 3, skipped: 0, rejected: 0 });
  });

  it("年审结果 by 证件号码 only: the later result wins (E02 通过 then 不通过)", () => {
    const a = audit([F.certAnnualReview()]);
    expect(a.reconciliation!.sources.map((s) => s.kind)).toEqual(["certificationList"]);
    expect(a.disabled!.certified).toBe("2");
    expect(a.reconciliation!.certification!.overridden).toEqual([]);
    expect(rec(a)).toEqual([]);
  });
});

describe("all sources together", () => {
  it("every bridge is built and the levy itself is unchanged", () => {
    const a = audit([F.ledgerBalanceYonyou(), F.citExported(), F.iitByItem(), F.siByInsurance()]);
    expect(a.reconciliation!.bridges.map((b) => b.id)).toEqual(["wage-ledger", "wage-cit", "wage-iit", "headcount-iit", "headcount-social-insurance"]);
    expect(a.calculation!.wageTotal).toBe("776030");
    expect(a.tables.map((t) => t.sheet)).toEqual(["花名册", "工资表", "残疾职工"]);
    expect(rec(a)).toEqual([]);
  });
});
