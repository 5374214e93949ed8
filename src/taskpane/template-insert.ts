/**
 * The task pane's "insert template": the firm template's sheets (src/template/spec.ts, the very description
 * `levy template` writes through ExcelJS) written into the open workbook through Office.js — the 说明 instructions,
 * the parameter and data sheets as Excel tables with their drop-downs, formats and input styles, and the declaration
 * sheet with its LEVY.* formulas, check cell and spilling findings, protected without a password, printed one page
 * wide on A4.
 *
 * New sheets only: a template sheet whose name exists is left exactly as it is (the pane asks first, in its own
 * dialog); the declaration then reads that sheet's whole columns instead of a table. Table names already used in the
 * workbook are not reused (RosterTable2, …). Two context.sync() calls whatever the size: one to see what exists, one
 * for every write.
 */
import { isoToExcelSerial } from "../core/dates";
import { STYLES, TEMPLATE_TABLES, templateSpec, type CellSpec, type SheetSpec, type SpecValue, type StyleName, type TemplateSpec, type TemplateTableRole, type ValidationSpec } from "../template/spec";
import { columnLetters } from "../workbook/address";
import { TEMPLATE_SHEETS } from "../workbook/template-layout";
import type { AddSheetsResult, OfficeHost } from "./excel-gateway";

export interface InsertTemplateOptions {
  region?: string;
  filingYear: number;
}

/** The template's sheet names, in the order they are added. */
export function templateSheetNames(filingYear: number): string[] {
  return templateSpec({ filingYear }).sheets.map((s) => s.name);
}

/** A table name not yet used in the workbook: RosterTable, else RosterTable2, RosterTable3, … */
export function freeTableNames(taken: readonly string[]): Record<TemplateTableRole, string> {
  const used = new Set(taken.map((n) => n.toLowerCase()));
  const out = {} as Record<TemplateTableRole, string>;
  for (const [role, name] of Object.entries(TEMPLATE_TABLES) as Array<[TemplateTableRole, string]>) {
    let candidate = name;
    for (let i = 2; used.has(candidate.toLowerCase()); i++) candidate = `${name}${i}`;
    used.add(candidate.toLowerCase());
    out[role] = candidate;
  }
  return out;
}

/** A cell value as Office.js takes it: dates as serial numbers, blanks as "". */
function officeValue(v: SpecValue | undefined): string | number | boolean {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return isoToExcelSerial(v.date);
  return v;
}

/** Characters → points for a column width (Excel's default font: about 7 px, i.e. 5.25 pt, a character, plus padding). */
export function columnWidthPoints(characters: number): number {
  return Math.round(characters * 5.25 + 5);
}

function applyStyle(range: Excel.Range, name: StyleName): void {
  const s = STYLES[name];
  if (s.fill) range.format.fill.color = `#${s.fill}`;
  if (s.font?.bold) range.format.font.bold = true;
  if (s.font?.italic) range.format.font.italic = true;
  if (s.font?.color) range.format.font.color = `#${s.font.color}`;
  if (s.font?.size) range.format.font.size = s.font.size;
  if (s.horizontal) range.format.horizontalAlignment = "Center";
  if (s.wrap) range.format.wrapText = true;
}

function applyValidation(range: Excel.Range, rule: ValidationSpec): void {
  const dv = range.dataValidation;
  dv.ignoreBlanks = true;
  dv.rule =
    rule.kind === "list"
      ? { list: { inCellDropDown: true, source: (rule.values ?? []).join(",") } }
      : { date: { formula1: rule.after ?? "1950-01-01", operator: "GreaterThan" } };
  dv.prompt = { showPrompt: true, title: rule.promptTitle, message: rule.prompt };
  dv.errorAlert = { showAlert: true, style: rule.errorStyle === "stop" ? "Stop" : "Warning", title: rule.errorTitle, message: rule.error };
}

function writeCell(context: Excel.RequestContext, ws: Excel.Worksheet, sheet: SheetSpec, c: CellSpec): void {
  const range = ws.getRange(c.address);
  if (c.numFmt) range.numberFormat = [[c.numFmt]];
  // A formula as typed; a spilling one (LEVY.FINDINGS) spills by itself in Excel's dynamic-array engine.
  if (c.formula !== undefined) range.formulas = [[`=${c.formula}`]];
  else if (c.value !== undefined) range.values = [[officeValue(c.value)]];
  if (c.style) applyStyle(range, c.style);
  if (c.note) context.workbook.comments.add(`${quote(sheet.name)}!${c.address}`, c.note);
}

function quote(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Queues one sheet of the spec (no sync). */
function writeSheet(context: Excel.RequestContext, s: SheetSpec): Excel.Worksheet {
  const ws = context.workbook.worksheets.add(s.name);
  if (s.table) {
    const width = s.table.headers.length;
    const rows = s.table.rows.length;
    // Formats first (a text column keeps an ID's leading zeros), then the values, then the table over them.
    s.columns.forEach((col, i) => {
      if (col.numFmt) ws.getRangeByIndexes(1, i, rows, 1).numberFormat = Array.from({ length: rows }, () => [col.numFmt as string]);
    });
    const block = ws.getRangeByIndexes(0, 0, rows + 1, width);
    block.values = [[...s.table.headers], ...s.table.rows.map((r) => s.table!.headers.map((_, i) => officeValue(r[i])))];
    const table = ws.tables.add(`A1:${columnLetters(width - 1)}${rows + 1}`, true);
    table.name = s.table.name;
    table.style = "TableStyleLight9";
    table.showBandedRows = false;
    // Input columns: the data rows carry the input style; Excel gives it to each row the table grows by.
    s.columns.forEach((col, i) => {
      if (col.input) applyStyle(ws.getRangeByIndexes(1, i, rows, 1), "input");
    });
  }
  s.columns.forEach((col, i) => {
    ws.getRangeByIndexes(0, i, 1, 1).format.columnWidth = columnWidthPoints(col.width);
  });
  for (const c of s.cells) writeCell(context, ws, s, c);
  for (const m of s.merges) ws.getRange(m).merge(false);
  for (const v of s.validations) applyValidation(ws.getRange(v.range), v.rule);
  if (s.freezeRows) ws.freezePanes.freezeRows(s.freezeRows);
  ws.pageLayout.paperSize = "A4";
  ws.pageLayout.orientation = s.print.landscape ? "Landscape" : "Portrait";
  ws.pageLayout.centerHorizontally = true;
  // One page wide, as many pages tall as needed (0 = automatic, as fitToHeight="0" in the file).
  ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  if (s.print.titleRows) ws.pageLayout.setPrintTitleRows(`$${s.print.titleRows.replace(":", ":$")}`);
  // Last: no write reaches a protected sheet. No password, so a firm can unlock it (Review › Unprotect Sheet).
  if (s.protect) ws.protection.protect({ allowFormatColumns: true, allowFormatRows: true, selectionMode: "Normal" });
  return ws;
}

/** The spec the pane writes, given what the workbook already holds. */
export function specForWorkbook(options: InsertTemplateOptions, existingSheets: readonly string[], takenTableNames: readonly string[]): TemplateSpec {
  return templateSpec({
    region: options.region,
    filingYear: options.filingYear,
    tableNames: freeTableNames(takenTableNames),
    untouchedSheets: existingSheets,
  });
}

/**
 * Adds the template's sheets that do not exist yet; a sheet whose name exists is left exactly as it was and reported.
 * Two context.sync() calls.
 */
export async function insertTemplateSheets(host: OfficeHost, options: InsertTemplateOptions): Promise<AddSheetsResult> {
  return host.run(async (context) => {
    const names = templateSheetNames(options.filingYear);
    // Sync 1: which names exist, and the workbook's table names (checked in the batch that writes).
    const probes = names.map((name) => {
      const ws = context.workbook.worksheets.getItemOrNullObject(name);
      ws.load("name");
      return ws;
    });
    const tables = context.workbook.tables;
    tables.load("items/name");
    await context.sync();
    const existing = names.filter((_, i) => !probes[i].isNullObject);
    const spec = specForWorkbook(options, existing, tables.items.map((t) => t.name));
    const adding = spec.sheets.filter((s) => !existing.includes(s.name));
    if (adding.length === 0) return { added: [], existing };
    context.workbook.application.suspendApiCalculationUntilNextSync();
    const written = adding.map((s) => writeSheet(context, s));
    // Show where to start: the parameters (or the first sheet added).
    const first = Math.max(0, adding.findIndex((s) => s.name === TEMPLATE_SHEETS.parameters));
    written[first].activate();
    // Sync 2: every new sheet at once.
    await context.sync();
    return { added: adding.map((s) => s.name), existing };
  });
}
