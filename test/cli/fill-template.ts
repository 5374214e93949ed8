/**
 * Fill a generated template with clean data through ExcelJS, and store the formula results Excel (with the add-in
 * loaded) would have saved: the monthly COUNTIFS counted in TypeScript, the declaration's LEVY.* cells computed by the
 * same implementations the custom functions run (src/functions/impl.ts). The result is what a firm's saved template
 * looks like after a year's data has been entered.
 */
import ExcelJS from "exceljs";
import { DECLARATION_CELLS, parameterRow } from "../../src/cli/template";
import * as impl from "../../src/functions/impl";
import { TEMPLATE_PARAMETER_ROWS, TEMPLATE_PAYROLL_HEADERS, TEMPLATE_SHEETS } from "../../src/workbook/template-layout";
import { disabilityCertificate, isoDate, makeRng, residentId, uscc, utcDate } from "../../scripts/sample-data";

export interface CleanData {
  employees: number;
  payrollRows: number;
  wageTotal: number;
  monthly: Array<[number, number]>;
  declared: Record<number, number | string>;
}

interface Employee {
  no: string;
  name: string;
  id: string;
  hire: string;
  leave: string | null;
  base: number;
}

const DATA_YEAR = 2024;

function on(e: Employee, day: string): boolean {
  return e.hire <= day && (e.leave === null || e.leave >= day);
}

export async function fillTemplate(templatePath: string, outPath: string, employees = 90): Promise<CleanData> {
  const rng = makeRng(7);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(templatePath);
  const S = TEMPLATE_SHEETS;

  // Parameters.
  const params = wb.getWorksheet(S.parameters)!;
  const setParam = (name: string, value: ExcelJS.CellValue) => (params.getCell(`B${parameterRow(name)}`).value = value);
  setParam("单位名称", "苏州模板测试有限公司");
  setParam("统一社会信用代码", uscc(rng, "320505"));
  setParam("社会平均工资", 118236);
  setParam("最低工资", 2280);
  setParam("已缴", 0);

  // Staff: full-time, valid IDs, three-year contracts covering 2024; two join and two leave mid-month.
  const people: Employee[] = [];
  for (let i = 0; i < employees; i++) {
    const hire = i === 10 ? "2024-03-15" : i === 20 ? "2024-08-14" : isoDate(2015 + (i % 9), 1 + (i % 12), 10);
    const leave = i === 30 ? "2024-05-16" : i === 40 ? "2024-10-17" : null;
    const birth = isoDate(1975 + (i % 23), 1 + (i % 12), 1 + (i % 28));
    people.push({ no: `T${String(i + 1).padStart(3, "0")}`, name: `员工${i + 1}`, id: residentId(rng, "320505", birth, i % 2 === 0), hire, leave, base: 6000 + (i % 10) * 700 });
  }
  const roster = wb.getWorksheet(S.roster)!;
  people.forEach((e, i) => {
    const contractStart = e.hire > "2023-01-01" ? e.hire : "2023-01-01";
    const contractEnd = `${Number(contractStart.slice(0, 4)) + 3}${contractStart.slice(4)}`;
    roster.getRow(i + 2).values = [e.no, e.name, e.id, "全日制", utcDate(e.hire), e.leave ? utcDate(e.leave) : null, utcDate(contractStart), utcDate(contractEnd), "是"];
  });

  // Payroll: every wage component used, plus non-wage items in their own columns.
  const payroll = wb.getWorksheet(S.payroll)!;
  let r = 2;
  let wageTotal = 0;
  for (let m = 1; m <= 12; m++) {
    const first = isoDate(DATA_YEAR, m, 1);
    const last = isoDate(DATA_YEAR, m, new Date(Date.UTC(DATA_YEAR, m, 0)).getUTCDate());
    for (const e of people) {
      if (!(e.hire <= last && (e.leave === null || e.leave >= first))) continue;
      const wages = [e.base, 0, Math.round(e.base * 0.15), m === 12 ? e.base : 0, 400, m % 3 === 0 ? 600 : 0, m === 2 ? 300 : 0];
      const nonWage = [m === 7 ? 200 : 0, 0, 150, 0, Math.round(e.base * 0.3)];
      payroll.getRow(r++).values = [e.no, e.name, `${DATA_YEAR}-${String(m).padStart(2, "0")}`, ...wages, ...nonWage];
      wageTotal += wages.reduce((a, b) => a + b, 0);
    }
  }
  expectLength(TEMPLATE_PAYROLL_HEADERS.length, 3 + 7 + 5);

  // One certified disabled employee (grade 3, counts once) with a long contract, insured, paid above the minimum.
  const d = people[5];
  const disabled = wb.getWorksheet(S.disabled)!;
  disabled.getRow(2).values = [d.no, d.name, d.id, disabilityCertificate(d.id, 4, 3), "是", utcDate("2023-01-01"), utcDate("2025-12-31"), "是", d.base];

  // Monthly counts as the COUNTIFS compute them, stored as the formulas' cached results.
  const monthlySheet = wb.getWorksheet(S.monthlyHeadcount)!;
  const monthly: Array<[number, number]> = [];
  for (let m = 1; m <= 12; m++) {
    const first = isoDate(DATA_YEAR, m, 1);
    const last = isoDate(DATA_YEAR, m, new Date(Date.UTC(DATA_YEAR, m, 0)).getUTCDate());
    const pair: [number, number] = [people.filter((e) => on(e, first)).length, people.filter((e) => on(e, last)).length];
    monthly.push(pair);
    for (const [col, value] of [["B", pair[0]], ["C", pair[1]]] as const) {
      const cell = monthlySheet.getCell(`${col}${m + 1}`);
      cell.value = { formula: (cell.value as ExcelJS.CellFormulaValue).formula, result: value };
    }
  }

  // The declaration as Excel with the add-in computes it.
  const settings = TEMPLATE_PARAMETER_ROWS.map((p, i) => [p.name, params.getCell(`B${i + 2}`).value]);
  const decl = wb.getWorksheet(S.declaration)!;
  const headcount = impl.avgHeadcount(monthly);
  const certified = 1;
  const C = DECLARATION_CELLS;
  const results: Record<string, number | string> = {
    [C[4]]: wageTotal,
    [C[5]]: headcount,
    [C[6]]: impl.rule("quotaRatio", settings) as number,
    [C[7]]: certified,
    [C[8]]: impl.avgWage(wageTotal, headcount, undefined, undefined),
    [C[9]]: impl.gross(headcount, certified, wageTotal, settings),
    [C[10]]: impl.reduction(headcount, certified, wageTotal, settings),
    [C[11]]: 0,
    [C[12]]: impl.due(headcount, certified, wageTotal, settings),
    C17: impl.tier(headcount, certified, wageTotal, settings),
    C18: impl.avgWage(wageTotal, headcount, 118236, settings),
    C19: impl.hires(headcount, certified, wageTotal, "next", 1, 1, settings),
    B2: "苏州模板测试有限公司",
    B3: String(params.getCell(`B${parameterRow("统一社会信用代码")}`).value),
  };
  for (const [address, result] of Object.entries(results)) {
    const cell = decl.getCell(address);
    cell.value = { formula: (cell.value as ExcelJS.CellFormulaValue).formula, result };
  }
  const explain = impl.explain(headcount, certified, wageTotal, settings);
  const master = decl.getCell("A22");
  master.value = { ...(master.value as ExcelJS.CellFormulaValue), result: explain[0][0] };
  await wb.xlsx.writeFile(outPath);
  const declared: Record<number, number | string> = {};
  for (const [col, address] of Object.entries(C)) declared[Number(col)] = results[address];
  return { employees, payrollRows: r - 2, wageTotal, monthly, declared };
}

function expectLength(actual: number, expected: number): void {
  if (actual !== expected) throw new Error(`template payroll has ${actual} columns, the filler expects ${expected}`);
}
