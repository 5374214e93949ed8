/**
 * Hand-made workbooks in the workbook model's input shape (SheetData), laid out as the firm template lays them out.
 * Dates are Excel serial numbers with a date number format, as Office.js delivers them.
 */
import { addDays, isoToExcelSerial } from "../../src/core/dates";
import { residentIdCheckChar } from "../../src/core/identifiers";
import { TEMPLATE_PARAMETER_ROWS, TEMPLATE_PAYROLL_HEADERS, TEMPLATE_ROSTER_HEADERS, TEMPLATE_SHEETS } from "../../src/workbook/template-layout";
import type { CellValue, SheetData } from "../../src/workbook/types";

export interface FixtureOptions {
  /** Full-time staff employed all through the data year. */
  employees: number;
  /** Interns (实习) on the roster, excluded from the headcount. */
  interns?: number;
  region?: string;
  filingYear?: number;
  entityType?: string;
  socialAverageWage?: string;
  /** Monthly basic pay of every full-time employee (yuan). */
  monthlyPay?: number;
  /** Payroll: "monthly" = one row per person per month; "annual" = one row per person. */
  payroll?: "monthly" | "annual";
}

const DATE = "yyyy-mm-dd";

/** A valid 18-digit resident ID (check character computed), distinct for every n below 7 million, born 1980–1999. */
export function residentId(n: number): string {
  const birth = addDays("1980-01-01", n % 7000).replace(/-/g, "");
  const first17 = `320102${birth}${String(Math.floor(n / 7000) % 1000).padStart(3, "0")}`;
  return first17 + residentIdCheckChar(first17);
}

function sheet(name: string, rows: CellValue[][], dateColumns: readonly number[] = []): SheetData {
  const numberFormats = rows.map((row, r) => row.map((_, c) => (r > 0 && dateColumns.includes(c) ? DATE : null)));
  return { name, origin: "A1", values: rows, numberFormats };
}

export function makeWorkbook(options: FixtureOptions): SheetData[] {
  const filingYear = options.filingYear ?? 2025;
  const dataYear = filingYear - 1;
  const pay = options.monthlyPay ?? 5000;
  const settings: Record<string, CellValue> = {
    单位名称: "示例科技有限公司",
    统一社会信用代码: null,
    地区: options.region ?? "CN",
    申报年度: filingYear,
    单位类型: options.entityType ?? "企业",
    社会平均工资: options.socialAverageWage ? Number(options.socialAverageWage) : null,
    最低工资: null,
    征收比例: null,
    已缴: 0,
    登记注册日期: null,
  };
  const parameters: CellValue[][] = [["参数", "值", "说明"], ...TEMPLATE_PARAMETER_ROWS.map((r) => [r.name, settings[r.name] ?? null, r.note])];

  const roster: CellValue[][] = [[...TEMPLATE_ROSTER_HEADERS]];
  const people: Array<{ id: string; name: string }> = [];
  const total = options.employees + (options.interns ?? 0);
  for (let i = 0; i < total; i++) {
    const intern = i >= options.employees;
    const id = `E${String(i + 1).padStart(5, "0")}`;
    const name = `员工${i + 1}`;
    people.push({ id, name });
    roster.push([
      id,
      name,
      residentId(i + 1),
      intern ? "实习" : "全日制",
      isoToExcelSerial(intern ? `${dataYear}-03-01` : "2020-01-06"),
      null,
      isoToExcelSerial(intern ? `${dataYear}-03-01` : "2020-01-06"),
      isoToExcelSerial(intern ? `${dataYear}-08-31` : "2029-01-05"),
      "是",
    ]);
  }

  const blank = TEMPLATE_PAYROLL_HEADERS.length - 4;
  let payroll: CellValue[][];
  if ((options.payroll ?? "monthly") === "monthly") {
    payroll = [[...TEMPLATE_PAYROLL_HEADERS]];
    for (let month = 1; month <= 12; month++) {
      for (let i = 0; i < options.employees; i++) {
        payroll.push([people[i].id, people[i].name, `${dataYear}-${String(month).padStart(2, "0")}`, pay, ...Array<CellValue>(blank).fill(null)]);
      }
    }
  } else {
    // One row per person with the year's pay: no month column at all.
    payroll = [TEMPLATE_PAYROLL_HEADERS.filter((h) => h !== "月份")];
    for (let i = 0; i < options.employees; i++) payroll.push([people[i].id, people[i].name, pay * 12, ...Array<CellValue>(blank).fill(null)]);
  }

  return [
    sheet(TEMPLATE_SHEETS.parameters, parameters),
    sheet(TEMPLATE_SHEETS.roster, roster, [4, 5, 6, 7]),
    sheet(TEMPLATE_SHEETS.payroll, payroll),
  ];
}

/**
 * A client's workbook the recognition gets wrong in two ways (the mapping editor's test case): the roster is a sheet
 * 员工信息 whose employment-type column is headed 人员属性 (not in the dictionary, so the 2 interns cannot be told
 * apart), and an old copy 旧名单 with 3 more full-time people is read as a second roster: 43 people instead of 40.
 * Telling the pane "旧名单 = ignore" and "员工信息!D = 用工形式" gives the 40 of makeWorkbook({employees: 40, interns: 2}).
 */
export function makeUnclearWorkbook(): SheetData[] {
  const [parameters, roster, payroll] = makeWorkbook({ employees: 40, interns: 2 });
  const header = [...roster.values[0]];
  header[3] = "人员属性";
  const renamed: SheetData = { ...roster, name: "员工信息", values: [header, ...roster.values.slice(1)] };
  const oldRows: CellValue[][] = [header];
  for (let i = 1; i <= 3; i++) {
    oldRows.push([`X${i}`, `老员工${i}`, residentId(9000 + i), "全日制", isoToExcelSerial("2020-01-06"), null, isoToExcelSerial("2020-01-06"), isoToExcelSerial("2029-01-05"), "是"]);
  }
  return [parameters, renamed, payroll, sheet("旧名单", oldRows, [4, 5, 6, 7])];
}
