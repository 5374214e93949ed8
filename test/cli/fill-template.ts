/**
 * Fill a template with clean data, as `levy template` (or the pane) writes it with data — every table sized to its
 * rows — and store the formula results Excel with the add-in would have saved: the declaration's cells computed by
 * the table-level functions on the tables as Excel passes them (header row included, dates as serial numbers,
 * blanks as ""). The result is what a firm's saved template looks like after a year's data has been entered.
 */
import ExcelJS from "exceljs";
import { CHECK_CELL, DECLARATION_CELLS, FINDINGS_CELL, parameterRow, specFor, workbookOfSpec, writeTemplate } from "../../src/cli/template";
import { isoToExcelSerial } from "../../src/core/dates";
import * as impl from "../../src/functions/impl";
import * as tables from "../../src/functions/table-functions";
import { TEMPLATE_DISABLED_HEADERS, TEMPLATE_PARAMETER_ROWS, TEMPLATE_PAYROLL_HEADERS, TEMPLATE_ROSTER_HEADERS, TEMPLATE_SHEETS } from "../../src/workbook/template-layout";
import { disabilityCertificate, isoDate, makeRng, residentId, uscc, utcDate } from "../../scripts/sample-data";

export interface CleanData {
  employees: number;
  payrollRows: number;
  wageTotal: number;
  declared: Record<number, number | string>;
  check: string;
  findings: string[][];
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

/** A row as Excel hands it to a custom function. */
function excelRow(r: ExcelJS.CellValue[], width: number): unknown[] {
  return Array.from({ length: width }, (_, i) => {
    const v = r[i];
    if (v === null || v === undefined) return "";
    if (v instanceof Date) return isoToExcelSerial(v.toISOString().slice(0, 10));
    return v;
  });
}

export interface FillOptions {
  employees?: number;
  /** Rewrite the data before it is written (e.g. paste HR vocabulary into it). */
  tweak?: (data: { roster: ExcelJS.CellValue[][]; payroll: ExcelJS.CellValue[][]; disabled: ExcelJS.CellValue[][] }) => void;
}

export async function fillTemplate(outPath: string, options: FillOptions = {}): Promise<CleanData> {
  const employees = options.employees ?? 90;
  const rng = makeRng(7);
  const S = TEMPLATE_SHEETS;

  // Staff: full-time, valid IDs, three-year contracts covering 2024; two join and two leave mid-month.
  const people: Employee[] = [];
  for (let i = 0; i < employees; i++) {
    const hire = i === 10 ? "2024-03-15" : i === 20 ? "2024-08-14" : isoDate(2015 + (i % 9), 1 + (i % 12), 10);
    const leave = i === 30 ? "2024-05-16" : i === 40 ? "2024-10-17" : null;
    const birth = isoDate(1975 + (i % 23), 1 + (i % 12), 1 + (i % 28));
    people.push({ no: `T${String(i + 1).padStart(5, "0")}`, name: `员工${i + 1}`, id: residentId(rng, "320505", birth, i % 2 === 0), hire, leave, base: 6000 + (i % 10) * 700 });
  }
  const roster: ExcelJS.CellValue[][] = people.map((e) => {
    const contractStart = e.hire > "2023-01-01" ? e.hire : "2023-01-01";
    const contractEnd = `${Number(contractStart.slice(0, 4)) + 3}${contractStart.slice(4)}`;
    return [e.no, e.name, e.id, "全日制", utcDate(e.hire), e.leave ? utcDate(e.leave) : null, utcDate(contractStart), utcDate(contractEnd), "是"];
  });

  // Payroll: every wage component used, plus non-wage items in their own columns.
  const payroll: ExcelJS.CellValue[][] = [];
  let wageTotal = 0;
  for (let m = 1; m <= 12; m++) {
    const first = isoDate(DATA_YEAR, m, 1);
    const last = isoDate(DATA_YEAR, m, new Date(Date.UTC(DATA_YEAR, m, 0)).getUTCDate());
    for (const e of people) {
      if (!(e.hire <= last && (e.leave === null || e.leave >= first))) continue;
      const wages = [e.base, 0, Math.round(e.base * 0.15), m === 12 ? e.base : 0, 400, m % 3 === 0 ? 600 : 0, m === 2 ? 300 : 0];
      const nonWage = [m === 7 ? 200 : 0, 0, 150, 0, Math.round(e.base * 0.3)];
      payroll.push([e.no, e.name, `${DATA_YEAR}-${String(m).padStart(2, "0")}`, ...wages, ...nonWage]);
      wageTotal += wages.reduce((a, b) => a + b, 0);
    }
  }
  if (TEMPLATE_PAYROLL_HEADERS.length !== 3 + 7 + 5) throw new Error("template payroll columns changed; update the filler");

  // One certified disabled employee (grade 3, counts once) with a long contract, insured, paid above the minimum.
  const d = people[5];
  const disabled: ExcelJS.CellValue[][] = [[d.no, d.name, d.id, disabilityCertificate(d.id, 4, 3), "是", utcDate("2023-01-01"), utcDate("2025-12-31"), "是", d.base]];
  options.tweak?.({ roster, payroll, disabled });

  const spec = specFor({ region: "CN-JS", filingYear: 2025, data: { roster, payroll, disabled } });
  const wb = workbookOfSpec(spec, 2025);
  const params = wb.getWorksheet(S.parameters)!;
  const setParam = (name: string, value: ExcelJS.CellValue) => (params.getCell(`B${parameterRow(name)}`).value = value);
  setParam("单位名称", "苏州模板测试有限公司");
  setParam("统一社会信用代码", uscc(rng, "320505"));
  setParam("社会平均工资", 118236);
  setParam("最低工资", 2280);
  setParam("已缴", 0);

  // The tables as Excel passes them to LEVY.FORM / CHECK / FINDINGS (RosterTable[#All], …).
  const asRange = (headers: readonly string[], rows: ExcelJS.CellValue[][]) => [[...headers], ...rows.map((r) => excelRow(r, headers.length))];
  const paramRows: ExcelJS.CellValue[][] = TEMPLATE_PARAMETER_ROWS.map((p, i) => [p.name, params.getCell(`B${i + 2}`).value, p.note]);
  const ranges = [
    asRange(TEMPLATE_ROSTER_HEADERS, roster),
    asRange(TEMPLATE_PAYROLL_HEADERS, payroll),
    asRange(TEMPLATE_DISABLED_HEADERS, disabled),
    asRange(["参数 Parameter", "值 Value", "说明 Note"], paramRows),
  ] as const;
  const addresses = [`${S.roster}!A1`, `${S.payroll}!A1`, `${S.disabled}!A1`, `${S.parameters}!A1`];
  const form = tables.formOf(...ranges, addresses);
  const check = tables.checkOf(...ranges, addresses);
  const findings = tables.findingsOf(...ranges, addresses);

  const decl = wb.getWorksheet(S.declaration)!;
  const C = DECLARATION_CELLS;
  const byColumn = new Map(form.map((r) => [r[0] as number, r[2] as number]));
  const settings = TEMPLATE_PARAMETER_ROWS.map((p, i) => [p.name, params.getCell(`B${i + 2}`).value]);
  const [wt, hc, disabledCount] = [byColumn.get(4)!, byColumn.get(5)!, byColumn.get(7)!];
  const results: Record<string, ExcelJS.CellValue> = {
    [C[2]]: utcDate(`${DATA_YEAR}-01-01`),
    [C[3]]: utcDate(`${DATA_YEAR}-12-31`),
    B2: "苏州模板测试有限公司",
    B3: String(params.getCell(`B${parameterRow("统一社会信用代码")}`).value),
    B4: `${DATA_YEAR}-01-01 至 ${DATA_YEAR}-12-31`,
    [CHECK_CELL]: check,
    C22: impl.tier(hc, disabledCount, wt, settings),
    C23: impl.avgWage(wt, hc, 118236, settings),
    C24: impl.hires(hc, disabledCount, wt, "next", 1, 1, settings),
  };
  for (const [column, value] of byColumn) results[C[column as keyof typeof C]] = value;
  for (const [address, result] of Object.entries(results)) {
    const cell = decl.getCell(address);
    cell.value = { formula: (cell.value as ExcelJS.CellFormulaValue).formula, result } as ExcelJS.CellFormulaValue;
  }
  const master = decl.getCell(FINDINGS_CELL);
  master.value = { ...(master.value as ExcelJS.CellFormulaValue), result: findings[0][0] } as ExcelJS.CellFormulaValue;
  await writeTemplate(wb, spec, outPath);
  const declared: Record<number, number | string> = {};
  for (const [column, value] of byColumn) declared[column] = value;
  return { employees, payrollRows: payroll.length, wageTotal, declared, check, findings };
}
