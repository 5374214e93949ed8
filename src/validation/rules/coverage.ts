/**
 * Ranges that stop short of the data. The audit reads every row of a sheet, but a formula in the workbook sees only the
 * range it names: an Excel table (`RosterTable[#All]`) that a program filled without extending it, or a fixed range
 * (`参数!$A$2:$B$11`) with rows typed below it. Then the workbook's own form computes on fewer people than the audit
 * does, and the two disagree with nothing on screen — so each such range is a finding naming the rows outside it.
 *
 * Excel itself extends a table when rows are typed or pasted directly below it; ExcelJS, openpyxl and other writers do
 * not, which is how a filled template ends up with a two-row table over 2,000 people.
 */
import { columnIndex, originOf } from "../../workbook/address";
import type { CellValue, SheetData } from "../../workbook/types";
import { rule } from "../context";
import type { RuleModule } from "../context";
import { makeFinding } from "../finding";
import type { Finding, RuleInfo } from "../types";

export const COVERAGE_RULES: Record<string, RuleInfo> = {
  TABLE_ROWS_OUTSIDE: rule(
    "TABLE_ROWS_OUTSIDE",
    "error",
    { zh: "数据超出表格范围", en: "Rows outside the table" },
    {
      zh: "Excel 表格（如 RosterTable）的范围没有覆盖其下方的数据行：引用该表格的公式（如 LEVY.FORM）只计算表格内的行，与本审核读取的全部行不一致。引用该表格的公式存在时为错误，否则为警告。",
      en: "An Excel table (such as RosterTable) does not cover the data rows below it: formulas over the table (such as LEVY.FORM) compute on the table's rows only, not on every row this audit reads. Error when a formula uses the table, otherwise a warning.",
    },
    "",
    {
      zh: "在 Excel 中选中表格，点“表设计 → 调整表格大小”，把范围扩展到最后一行数据；或把数据粘贴在表格最后一行的正下方，Excel 会自动扩展表格。",
      en: "Select the table in Excel, choose Table Design → Resize Table and extend it to the last data row; or paste rows directly below the table's last row so Excel extends it.",
    },
  ),
  RANGE_ROWS_OUTSIDE: rule(
    "RANGE_ROWS_OUTSIDE",
    "error",
    { zh: "公式引用范围之外还有数据", en: "Data below a formula's range" },
    {
      zh: "LEVY.* 公式引用固定范围（如 参数!$A$2:$B$11），但紧接其下一行还有数据：公式看不到这些行，本审核却读取了。错误。",
      en: "A LEVY.* formula names a fixed range (such as 参数!$A$2:$B$11) and the row right below it holds data: the formula does not see those rows, this audit does. Error.",
    },
    "",
    {
      zh: "把公式的引用范围扩展到数据的最后一行，或把数据移入范围内。",
      en: "Extend the formula's range to the last data row, or move the data into the range.",
    },
  ),
};

interface Span {
  firstRow: number;
  lastRow: number;
  firstCol: number;
  lastCol: number;
}

function parseRange(ref: string): Span | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7}):\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m) return null;
  const firstCol = columnIndex(m[1]);
  const lastCol = columnIndex(m[3]);
  if (firstCol < 0 || lastCol < 0) return null;
  return { firstRow: Number(m[2]), lastRow: Number(m[4]), firstCol, lastCol };
}

function filled(v: CellValue | undefined): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === "string") return v.trim() !== "";
  return true;
}

/** Sheet rows (1-based) after `span.lastRow` with a value in the span's columns: first, last and how many. */
function rowsBelow(sheet: SheetData, span: Span, contiguousOnly: boolean): { first: number; last: number; count: number } | null {
  const origin = originOf(sheet);
  let first = 0;
  let last = 0;
  let count = 0;
  for (let r = Math.max(0, span.lastRow + 1 - origin.row); r < sheet.values.length; r++) {
    const row = sheet.values[r] ?? [];
    let any = false;
    for (let c = Math.max(span.firstCol - origin.col, 0); c <= span.lastCol - origin.col && c < row.length; c++) {
      if (filled(row[c])) {
        any = true;
        break;
      }
    }
    const sheetRow = origin.row + r;
    if (any) {
      if (!first) first = sheetRow;
      last = sheetRow;
      count++;
    } else if (contiguousOnly) {
      break;
    }
  }
  return count ? { first, last, count } : null;
}

function allFormulas(sheets: readonly SheetData[]): Array<{ sheet: string; formula: string }> {
  const out: Array<{ sheet: string; formula: string }> = [];
  for (const s of sheets) {
    for (const row of s.formulas ?? []) {
      for (const f of row ?? []) if (f) out.push({ sheet: s.name, formula: f });
    }
  }
  return out;
}

/** `Sheet!$A$2:$B$11`, `'My sheet'!A2:B11` or a bare `A2:B11` (same sheet as the formula). */
const QUALIFIED_RANGE = /(?:(?:'((?:[^']|'')+)'|([^\s'!(),=:;+\-*/&^<>{}"[\]]+))!)?(\$?[A-Za-z]{1,3}\$?\d{1,7}:\$?[A-Za-z]{1,3}\$?\d{1,7})/g;

export const coverageRules: RuleModule = {
  rules: Object.values(COVERAGE_RULES),
  check(ctx) {
    const out: Finding[] = [];
    const formulas = allFormulas(ctx.sheets);
    const byName = new Map(ctx.sheets.map((s) => [s.name, s]));

    for (const sheet of ctx.sheets) {
      for (const table of sheet.tables ?? []) {
        const span = parseRange(table.ref);
        if (!span) continue;
        const below = rowsBelow(sheet, span, true); // contiguous: a note two rows below a table is not its data
        if (!below) continue;
        const needle = `${table.name.toLowerCase()}[`;
        const users = formulas.filter((f) => f.formula.toLowerCase().includes(needle));
        const severity = users.length ? "error" : "warning";
        out.push(
          makeFinding(COVERAGE_RULES.TABLE_ROWS_OUTSIDE, {
            severity,
            rows: below.count,
            cells: [{ sheet: sheet.name, address: table.ref }, { sheet: sheet.name, address: `A${below.first}:A${below.last}` }],
            message: {
              zh: `工作表“${sheet.name}”的表格 ${table.name} 只覆盖 ${table.ref}，其下方第 ${below.first}–${below.last} 行还有 ${below.count} 行数据。${users.length ? `引用该表格的 ${users.length} 个公式（如 ${users[0].sheet}!${users[0].formula.slice(0, 40)}）看不到这些行，算出的结果与本审核不同。` : "本审核读取了这些行；引用该表格的公式将看不到它们。"}`,
              en: `On sheet "${sheet.name}" the table ${table.name} covers only ${table.ref}; rows ${below.first}–${below.last} below it hold ${below.count} more rows of data. ${users.length ? `The ${users.length} formulas over the table (e.g. ${users[0].sheet}!${users[0].formula.slice(0, 40)}) do not see those rows, so they compute a different result from this audit.` : "This audit reads those rows; any formula over the table would not."}`,
            },
          }),
        );
      }
    }

    // Fixed ranges passed to LEVY functions: data continuing right below the range is not seen by the formula.
    const seen = new Set<string>();
    for (const f of formulas) {
      if (!/LEVY[._]/i.test(f.formula)) continue;
      QUALIFIED_RANGE.lastIndex = 0;
      for (let m = QUALIFIED_RANGE.exec(f.formula); m; m = QUALIFIED_RANGE.exec(f.formula)) {
        const sheetName = m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] ?? f.sheet);
        const target = byName.get(sheetName);
        const span = parseRange(m[3]);
        if (!target || !span) continue;
        const key = `${target.name}!${m[3]}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const below = rowsBelow(target, span, true);
        if (!below) continue;
        out.push(
          makeFinding(COVERAGE_RULES.RANGE_ROWS_OUTSIDE, {
            rows: below.count,
            cells: [{ sheet: target.name, address: m[3].replace(/\$/g, "") }, { sheet: target.name, address: `A${below.first}:A${below.last}` }],
            message: {
              zh: `公式 ${f.sheet}!…${f.formula.slice(0, 40)} 引用“${target.name}”的 ${m[3]}，但其下方第 ${below.first}–${below.last} 行还有数据，公式看不到这些行。`,
              en: `The formula ${f.sheet}!…${f.formula.slice(0, 40)} names ${m[3]} on "${target.name}", but rows ${below.first}–${below.last} right below it hold data the formula does not see.`,
            },
          }),
        );
      }
    }
    return out;
  },
};
