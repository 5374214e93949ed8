/**
 * Payroll layouts from adversarial report 3 (defects 1, 4, 6 and the layout part of 12): real .xlsx written by ExcelJS,
 * read by the real reader, audited. Base company (test/corpus/adversarial-workbooks.ts): 100 staff paid 8000 + 50i a
 * month (Σ one month = 100 × 8000 + 50 × 5050 = 1,052,500; a year W = 12,630,000), 1 certified grade-3 disabled
 * employee, 浙江, filing 2025, social average 100,000 (cap 200,000 not reached). N = 100, required 1.5, shortfall 0.5,
 * disabled share 1% → the 50% band: payable = round2(0.5 × W/100) − round2(that × 0.5).
 * Base: 0.5 × 126,300 = 63,150.00, reduction 31,575.00, payable 31,575.00.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readXlsx } from "../../src/cli/xlsx-reader";
import { analyseWorkbook } from "../../src/validation/analyse";
import { D, baseWorkbook, staff } from "../corpus/adversarial-workbooks";
import type { Staff } from "../corpus/adversarial-workbooks";

const TODAY = "2025-07-01";
const dir = mkdtempSync(join(tmpdir(), "levy-layouts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

async function audit(wb: ExcelJS.Workbook) {
  const file = join(dir, `w${n++}.xlsx`);
  await wb.xlsx.writeFile(file);
  const { sheets } = await readXlsx(file);
  return analyseWorkbook(sheets, { today: TODAY });
}

type Audit = Awaited<ReturnType<typeof audit>>;

function errors(a: Audit, code?: string) {
  return a.findings.filter((f) => f.severity === "error" && (!code || f.code === code));
}

/** The base company with its long payroll sheet replaced by `fill` (a sheet named 2024工资). */
function withPayroll(fill: (ws: ExcelJS.Worksheet, ps: Staff[]) => void, extraParams: Array<[string, ExcelJS.CellValue]> = []): ExcelJS.Workbook {
  const ps = staff();
  const wb = baseWorkbook({ people: ps });
  wb.removeWorksheet(wb.getWorksheet("2024工资")!.id);
  const par = wb.getWorksheet("参数")!;
  extraParams.forEach((row, k) => par.insertRow(3 + k, row));
  fill(wb.addWorksheet("2024工资"), ps);
  return wb;
}

const months = Array.from({ length: 12 }, (_, i) => i + 1);

/** Month over item: 2024年m月 (merged or not) over 应发工资 | 实发工资. */
function monthOverItem(merge: boolean, subtotalAfter = 0) {
  return (ws: ExcelJS.Worksheet, ps: Staff[]) => {
    const h1: (string | null)[] = ["工号", "姓名"];
    const h2: (string | null)[] = [null, null];
    for (const m of months) {
      h1.push(`2024年${m}月`, null);
      h2.push("应发工资", "实发工资");
    }
    ws.addRow(h1);
    ws.addRow(h2);
    if (merge) for (let m = 0; m < 12; m++) ws.mergeCells(1, 3 + 2 * m, 1, 4 + 2 * m);
    let sum = 0;
    ps.forEach((p, i) => {
      ws.addRow([p.no, p.name, ...months.flatMap(() => [p.pay, p.pay - 100])]);
      sum += p.pay;
      if (subtotalAfter && i + 1 === subtotalAfter) ws.addRow([null, "小计", ...months.flatMap(() => [sum, sum - 100 * subtotalAfter])]);
    });
  };
}

/** Item over month: 应发工资 over 1月 … 12月, then 实发工资 over 1月 … 12月. */
function itemOverMonth(ws: ExcelJS.Worksheet, ps: Staff[]) {
  ws.addRow(["工号", "姓名", "应发工资", ...Array(11).fill(null), "实发工资", ...Array(11).fill(null)]);
  ws.addRow([null, null, ...months.map((m) => `${m}月`), ...months.map((m) => `${m}月`)]);
  ws.mergeCells(1, 3, 1, 14);
  ws.mergeCells(1, 15, 1, 26);
  for (const p of ps) ws.addRow([p.no, p.name, ...months.map(() => p.pay), ...months.map(() => p.pay - 100)]);
}

/** One header row: 1月应发 … 12月应发 (plus optional extra columns and cells). */
function oneRowWide(extraHeaders: string[] = [], extra: (p: Staff) => ExcelJS.CellValue[] = () => []) {
  return (ws: ExcelJS.Worksheet, ps: Staff[]) => {
    ws.addRow(["工号", "姓名", ...months.map((m) => `${m}月应发`), ...extraHeaders]);
    for (const p of ps) ws.addRow([p.no, p.name, ...months.map(() => p.pay), ...extra(p)]);
  };
}

/** Long: one row per person and month. */
function long(ws: ExcelJS.Worksheet, ps: Staff[]) {
  ws.addRow(["工号", "姓名", "工资月份", "基本工资", "应发工资", "实发工资"]);
  for (const m of months) for (const p of ps) ws.addRow([p.no, p.name, D(2024, m, 1), p.pay, p.pay, p.pay - 100]);
}

describe("defect 1: wide payroll with the month on the top header row", () => {
  for (const [name, fill] of [
    ["merged 2024年m月 over 应发工资 | 实发工资 (W1)", monthOverItem(true)],
    ["the same without merges: the month only in the first cell of its pair (W4)", monthOverItem(false)],
    ["merged, with an unlabelled 小计 row after 50 people (W2)", monthOverItem(true, 50)],
  ] as const) {
    it(`${name}: every month's 应发 is read, W 12,630,000, payable 31,575.00 (was: one month, 2,631.25)`, async () => {
      const a = await audit(withPayroll(fill));
      expect(a.calculation).toMatchObject({ wageTotal: "12630000", headcount: "100", certifiedDisabled: "1", payable: "31575.00" });
      expect(errors(a)).toEqual([]);
      // 实发 is net pay, never wages: each month slice has exactly one gross column.
      const slices = a.tables.filter((t) => t.sheet === "2024工资");
      expect(slices.filter((t) => t.month).map((t) => t.month)).toEqual(months);
    });
  }

  it("three items per month (基本工资 | 绩效奖金 | 应发合计) and a 全年合计 column: components read, W 13,230,000, payable 33,075.00", async () => {
    // W = 12 × (1,052,500 + 100 × 500) = 13,230,000; 0.5 × 132,300 = 66,150.00; reduction 33,075.00; payable 33,075.00.
    const wb = withPayroll((ws, ps) => {
      ws.addRow(["2024年度员工工资汇总表"]);
      const h1: (string | null)[] = ["工号", "姓名", "部门"];
      const h2: (string | null)[] = [null, null, null];
      for (const m of months) {
        h1.push(`${m}月`, null, null);
        h2.push("基本工资", "绩效奖金", "应发合计");
      }
      h1.push("全年合计");
      h2.push(null);
      ws.addRow(h1);
      ws.addRow(h2);
      for (let m = 0; m < 12; m++) ws.mergeCells(2, 4 + 3 * m, 2, 6 + 3 * m);
      for (const c of [1, 2, 3, 40]) ws.mergeCells(2, c, 3, c);
      for (const p of ps) ws.addRow([p.no, p.name, "研发部", ...months.flatMap(() => [p.pay, 500, p.pay + 500]), 12 * (p.pay + 500)]);
    });
    const a = await audit(wb);
    expect(a.calculation).toMatchObject({ wageTotal: "13230000", headcount: "100", payable: "33075.00" });
    expect(errors(a)).toEqual([]);
  });

  it("several gross-pay columns and no components, only one read: an error naming every column (never silent)", async () => {
    // 应发工资 and 合计 both read as the gross total; the first is used (W 12,630,000) but the other may be more pay.
    const a = await audit(
      withPayroll((ws, ps) => {
        ws.addRow(["工号", "姓名", "工资月份", "应发工资", "合计"]);
        for (const m of months) for (const p of ps) ws.addRow([p.no, p.name, D(2024, m, 1), p.pay, p.pay + 300]);
      }),
    );
    expect(a.calculation).toMatchObject({ wageTotal: "12630000" });
    const f = errors(a, "DATA_DOUBLE_SOURCE");
    expect(f).toHaveLength(1);
    expect(f[0].cells).toEqual([
      { sheet: "2024工资", address: "D1" },
      { sheet: "2024工资", address: "E1" },
    ]);
    expect(f[0].message.zh).toContain("应发工资");
    expect(f[0].message.zh).toContain("合计");
  });
});

describe("defect 4: 年终奖 / 13薪 columns beside the month columns are wages", () => {
  it("1月应发 … 12月应发 + 年终奖 5,000 each (M3): W 13,130,000, payable 32,825.00 (was: 31,575.00)", async () => {
    // W = 12,630,000 + 100 × 5,000 = 13,130,000; 0.5 × 131,300 = 65,650.00; reduction 32,825.00; payable 32,825.00.
    const a = await audit(withPayroll(oneRowWide(["年终奖"], () => [5000])));
    expect(a.calculation).toMatchObject({ wageTotal: "13130000", payable: "32825.00" });
    expect(errors(a)).toEqual([]);
  });

  it("bare month headers 1月 … 12月 under a title, + 年终奖 (M4): W 13,130,000, payable 32,825.00", async () => {
    const a = await audit(
      withPayroll((ws, ps) => {
        ws.addRow(["2024年应发工资明细"]);
        ws.addRow(["工号", "姓名", ...months.map((m) => `${m}月`), "年终奖"]);
        for (const p of ps) ws.addRow([p.no, p.name, ...months.map(() => p.pay), 5000]);
      }),
    );
    expect(a.calculation).toMatchObject({ wageTotal: "13130000", payable: "32825.00" });
    expect(errors(a)).toEqual([]);
  });

  it("+ 13薪 + 年终奖 + a 全年应发合计 that agrees (M2): W 14,182,500, payable 35,456.25, no error", async () => {
    // W = 12,630,000 + 1,052,500 (13薪 = one month) + 500,000 = 14,182,500; 0.5 × 141,825 = 70,912.50;
    // reduction round2(35,456.25) = 35,456.25; payable 35,456.25. 全年应发合计 = 13 × pay + 5,000 per person agrees.
    const a = await audit(withPayroll(oneRowWide(["13薪", "年终奖", "全年应发合计"], (p) => [p.pay, 5000, 13 * p.pay + 5000])));
    expect(a.calculation).toMatchObject({ wageTotal: "14182500", payable: "35456.25" });
    expect(errors(a)).toEqual([]);
  });

  it("a 全年应发合计 that leaves the 年终奖 out disagrees with months + items: DATA_TOTAL_MISMATCH error on its cells", async () => {
    // Total per person 13 × pay (no 5,000): Σ 13,682,500 vs months + items 14,182,500, 500,000 apart. Months + items used.
    const a = await audit(withPayroll(oneRowWide(["13薪", "年终奖", "全年应发合计"], (p) => [p.pay, 5000, 13 * p.pay])));
    expect(a.calculation).toMatchObject({ wageTotal: "14182500", payable: "35456.25" });
    const f = errors(a, "DATA_TOTAL_MISMATCH");
    expect(f).toHaveLength(1);
    expect(f[0].cells).toHaveLength(100);
    expect(f[0].cells[0]).toEqual({ sheet: "2024工资", address: "Q2" }); // A 工号, B 姓名, C–N months, O 13薪, P 年终奖, Q 合计
    expect(f[0].message.zh).toContain("13682500.00");
    expect(f[0].message.zh).toContain("14182500.00");
  });

  it("WG_BONUS_MISSING still works: month components without any bonus column warn; a 年终奖 beside the months is the bonus", async () => {
    const components = (bonus: boolean) => (ws: ExcelJS.Worksheet, ps: Staff[]) => {
      ws.addRow(["工号", "姓名", ...months.map((m) => `${m}月基本工资`), ...(bonus ? ["年终奖"] : [])]);
      for (const p of ps) ws.addRow([p.no, p.name, ...months.map(() => p.pay), ...(bonus ? [5000] : [])]);
    };
    const without = await audit(withPayroll(components(false)));
    expect(without.calculation).toMatchObject({ wageTotal: "12630000", payable: "31575.00" });
    expect(without.findings.filter((x) => x.code === "WG_BONUS_MISSING")).toHaveLength(1);
    const withBonus = await audit(withPayroll(components(true)));
    expect(withBonus.calculation).toMatchObject({ wageTotal: "13130000", payable: "32825.00" });
    expect(withBonus.findings.filter((x) => x.code === "WG_BONUS_MISSING")).toEqual([]);
  });
});

describe("defect 6: a formula with no saved result in a money column is an error naming the cells", () => {
  it("10 December 应发 cells as formulas never calculated (P5): DATA_BAD_NUMBER error on those cells, rows left out", async () => {
    // Like a saved #REF!: the 10 rows are left out. W = 12,630,000 − Σ pay of people 91–100 (10 × 8,000 + 50 × 955 =
    // 127,750) = 12,502,250; 0.5 × 125,022.50 = 62,511.25; reduction round2(31,255.625) = 31,255.63; payable 31,255.62.
    const wb = withPayroll((ws, ps) => {
      ws.addRow(["工号", "姓名", "工资月份", "应发工资", "实发工资"]);
      for (const m of months)
        ps.forEach((p, i) => {
          const r = ws.addRow([p.no, p.name, D(2024, m, 1), p.pay, Math.round(p.pay * 0.85)]);
          if (m === 12 && i >= 90) r.getCell(4).value = { formula: `${p.pay}+0` } as ExcelJS.CellFormulaValue;
        });
    });
    const a = await audit(wb);
    expect(a.calculation).toMatchObject({ wageTotal: "12502250", payable: "31255.62" });
    const f = errors(a, "DATA_BAD_NUMBER");
    expect(f).toHaveLength(1);
    expect(f[0].rows).toBe(10);
    // Rows 1192–1201: header row 1, January–November on rows 2–1101, December on 1102–1201 (people 91–100 last).
    expect(f[0].cells.map((c) => c.address)).toEqual(Array.from({ length: 10 }, (_, k) => `D${1192 + k}`));
    expect(f[0].message.zh).toContain("=12550+0"); // person 91: 8,000 + 50 × 91
  });
});

describe("defect 12 (layout): merged person cells, a second roster table on the same sheet", () => {
  for (const sub of [false, true]) {
    it(`工号/姓名 merged down over each person's 12 month rows${sub ? " and a per-person 小计 row" : ""}: no HC_COUNTED_WITHOUT_PAY, payable 31,575.00`, async () => {
      const wb = withPayroll((ws, ps) => {
        ws.addRow(["工号", "姓名", "月份", "基本工资", "应发工资", "实发工资"]);
        let r = 2;
        for (const p of ps) {
          const start = r;
          for (const m of months) {
            ws.addRow([m === 1 ? p.no : null, m === 1 ? p.name : null, `2024-${String(m).padStart(2, "0")}`, p.pay, p.pay, p.pay - 100]);
            r++;
          }
          if (sub) {
            ws.addRow([null, null, "小计", 12 * p.pay, 12 * p.pay, 12 * (p.pay - 100)]);
            r++;
          }
          ws.mergeCells(start, 1, r - 1, 1);
          ws.mergeCells(start, 2, r - 1, 2);
        }
      });
      const a = await audit(wb);
      expect(a.calculation).toMatchObject({ wageTotal: "12630000", headcount: "100", payable: "31575.00" });
      expect(errors(a)).toEqual([]);
      expect(a.findings.filter((f) => f.code === "HC_COUNTED_WITHOUT_PAY" || f.code === "DATA_MISSING_VALUE")).toEqual([]);
    });
  }

  it("在职 and 离职 tables on one roster sheet: the 离职人员 title row is not a person (N 97.5, payable 29,037.88)", async () => {
    // Staff 96–100 left on 2024-06-30 and are paid Jan–Jun. N = 95 + 5 × 6/12 = 97.5.
    // W = 12 × 1,052,500 − 6 × (5 × 8,000 + 50 × 490 = 64,500) = 12,243,000; average 125,569.2307…;
    // shortfall 97.5 × 1.5% − 1 = 0.4625; gross round2(58,075.769…) = 58,075.77; share 1/97.5 ≥ 1% → 50%;
    // reduction round2(29,037.885) = 29,037.89; payable 29,037.88.
    const ps = staff();
    for (const p of ps.slice(95)) {
      p.leave = D(2024, 6, 30);
      p.months = [1, 2, 3, 4, 5, 6];
    }
    const wb = baseWorkbook({ people: ps });
    const ros = wb.getWorksheet("花名册")!;
    wb.removeWorksheet(ros.id);
    const cols = ["工号", "姓名", "身份证号", "用工形式", "入职日期", "离职日期", "合同起始日期", "合同终止日期", "是否参保"];
    const ws = wb.addWorksheet("在职人员花名册");
    const row = (p: Staff) => [p.no, p.name, p.id, p.type, p.hire, p.leave, p.hire, null, p.si];
    ws.addRow(["在职人员"]);
    ws.addRow(cols);
    for (const p of ps.slice(0, 95)) ws.addRow(row(p));
    ws.addRow([]);
    ws.addRow([]);
    ws.addRow(["离职人员"]);
    ws.addRow(cols);
    for (const p of ps.slice(95)) ws.addRow(row(p));
    const a = await audit(wb);
    expect(a.calculation).toMatchObject({ wageTotal: "12243000", headcount: "97.5", payable: "29037.88" });
    expect(errors(a)).toEqual([]);
    const title = a.exclusions.find((o) => o.sheet === "在职人员花名册" && o.row === 100);
    expect(title).toMatchObject({ reason: "DATA_SUMMARY_ROW" });
  });
});

describe("metamorphic: the same payroll in four layouts gives the same levy", () => {
  it("long, one-row wide (1月应发), month over 应发/实发, 应发/实发 over months: W 12,630,000, payable 31,575.00 each", async () => {
    const results = [];
    for (const fill of [long, oneRowWide(), monthOverItem(true), monthOverItem(false), itemOverMonth]) results.push(await audit(withPayroll(fill)));
    for (const a of results) {
      expect(a.calculation).toMatchObject({ wageTotal: "12630000", headcount: "100", certifiedDisabled: "1", payable: "31575.00" });
      expect(errors(a)).toEqual([]);
    }
  });
});
