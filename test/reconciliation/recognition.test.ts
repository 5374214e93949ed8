/**
 * Recognition of the reconciliation sources by their headers (src/workbook/source-tables.ts through detectTables):
 * each fixture layout is taken as its source with a score, reasons and the columns it read; tables the levy reads
 * (monthly headcount, a register with 残联认定, a payroll with 收入额) keep their levy role.
 */
import { describe, expect, it } from "vitest";
import { detectTables } from "../../src/workbook/detect";
import { addMappingEntry, emptyMapping } from "../../src/workbook/mapping";
import { sourceFieldOf } from "../../src/workbook/source-tables";
import type { CellValue, SheetData } from "../../src/workbook/types";
import * as F from "./fixtures";

const sheet = (name: string, values: CellValue[][]): SheetData => ({ name, origin: "A1", values });

describe("source tables are recognised by their headers", () => {
  const cases: Array<[string, SheetData, string, string, string[]]> = [
    ["用友 科目余额表 (two-level header)", F.ledgerBalanceYonyou(), "ledger", "balance", ["accountCode", "accountName", "openingDebit", "openingCredit", "debit", "credit", "closingDebit", "closingCredit"]],
    ["金蝶 明细账", F.ledgerJournalKingdee(), "ledger", "journal", ["date", "voucher", "accountCode", "accountName", "summary", "debit", "credit", "balance"]],
    ["A105050 as exported", F.citExported(), "citA105050", "rows", ["lineNo", "item", "bookAmount", "actualAmount", "deductRate", "carriedIn", "taxAmount", "adjustment", "carriedOut"]],
    ["A105050 retyped", F.citRetyped(), "citA105050", "rows", ["item", "bookAmount", "actualAmount", "taxAmount", "adjustment"]],
    ["IIT by income item", F.iitByItem(), "iitSummary", "rows", ["month", "incomeItem", "people", "income", "tax"]],
    ["IIT one row per month", F.iitWide(), "iitSummary", "rows", ["month", "people", "income"]],
    ["social insurance by insurance", F.siByInsurance(), "socialInsurance", "rows", ["month", "insuranceType", "insured", "base", "employerPart", "employeePart"]],
    ["social insurance one row per month", F.siMonthly(), "socialInsurance", "rows", ["month", "insured", "base"]],
    ["联网认证结果", F.certList(), "certificationList", "rows", ["name", "idNumber", "certificateNo", "result", "resultDate"]],
    ["年审结果", F.certAnnualReview(), "certificationList", "rows", ["name", "idNumber", "result", "resultDate"]],
  ];
  for (const [name, s, kind, layout, fields] of cases) {
    it(name, () => {
      const { tables, skipped, sources } = detectTables([s], emptyMapping());
      expect(tables).toEqual([]);
      expect(skipped).toEqual([]);
      expect(sources).toHaveLength(1);
      expect([sources[0].kind, sources[0].recognition.layout]).toEqual([kind, layout]);
      expect(sources[0].columns.map((c) => c.field)).toEqual(fields);
      expect(sources[0].recognition.score).toBeGreaterThanOrEqual(6);
      expect(sources[0].recognition.reasons.at(-1)!.zh).toContain("作为对账来源");
    });
  }
});

describe("levy tables keep their role", () => {
  it("a monthly headcount table (月份, 月初人数, 月末人数)", () => {
    const { tables, sources } = detectTables([sheet("月度人数", [["月份", "月初人数", "月末人数"], [1, 10, 10], [2, 10, 11]])], emptyMapping());
    expect(tables.map((t) => t.kind)).toEqual(["monthlyHeadcount"]);
    expect(sources).toEqual([]);
  });

  it("a month table with 人数 and 收入 but nothing that says income tax is not an IIT summary", () => {
    const { sources } = detectTables([sheet("统计", [["月份", "人数", "收入"], [1, 10, 60000]])], emptyMapping());
    expect(sources).toEqual([]);
  });

  it("a disabled register with 残联认定 (是/否), even beside a 认定日期 column", () => {
    const values: CellValue[][] = [["工号", "姓名", "身份证号", "残疾人证号", "残联认定", "认定日期"]];
    for (let i = 0; i < 5; i++) values.push([`E${i}`, `人${i}`, F.idOf(i), `${F.idOf(i)}14`, "是", "2025-03-01"]);
    const { tables, sources } = detectTables([sheet("残疾职工", values)], emptyMapping());
    expect(tables.map((t) => t.kind)).toEqual(["disabled"]);
    expect(sources).toEqual([]);
  });

  it("a mapping that names the sheet's role wins over the source reading", () => {
    const m = emptyMapping();
    addMappingEntry(m, "表:残联联网认证结果", "disabled", "option");
    const { tables, sources } = detectTables([F.certList()], m);
    expect(tables.map((t) => t.kind)).toEqual(["disabled"]);
    expect(sources).toEqual([]);
  });
});

describe("the header dictionary", () => {
  it("reads a two-level header's sides from the group above", () => {
    expect(sourceFieldOf("贷方", "期末余额")).toBe("closingCredit");
    expect(sourceFieldOf("借方", "期初余额")).toBe("openingDebit");
    expect(sourceFieldOf("贷方", "本年累计")).toBe("ytdCredit");
    expect(sourceFieldOf("贷方", "本期发生额")).toBe("credit");
    expect(sourceFieldOf("税收金额（元）", "")).toBe("taxAmount");
    expect(sourceFieldOf("工资薪金所得人数", "")).toBe("people");
    expect(sourceFieldOf("月初人数", "")).toBeNull();
  });
});
