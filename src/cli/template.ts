/**
 * `levy template --out TEMPLATE.xlsx [--region CN-JS] [--year 2025]`: the firm template.
 *
 * What the template holds — sheets, cells, formulas, tables, drop-downs, styles, protection, print setup — is one pure
 * description, src/template/spec.ts, which the task pane's "insert template" writes through Office.js as well; this
 * file is its ExcelJS writer. The declaration sheet (申报表) computes form columns 4–12 with the table-level functions
 * (LEVY.FORM / CHECK / FINDINGS, src/functions/table-functions.ts) over the Excel tables: the very analysis of
 * `levy audit`, so the template cannot disagree with it. No rule is re-implemented in built-in formulas.
 *
 * How a custom function is written into the file. Excel stores a JavaScript custom function of an add-in under the
 * prefix `_xldudf_`, with the namespace dot turned into an underscore: the cell that shows `=LEVY.DUE(C8,C10,C7,…)`
 * holds `_xldudf_LEVY_DUE(C8,C10,C7,…)` in the sheet XML. Sources: an Excel engineer in
 * OfficeDev/Excel-Custom-Functions#108 ("For Javascript Custom Functions, we by default save out with a different
 * prefix _xldudf"; a formula typed in as `CUSTOMJS.NEWFDS(` without the prefix in a file did not calculate when
 * opened, until each cell was re-entered); OfficeDev/office-js#3558 (on opening, a cell shows `_xldudf_…` until the
 * add-in registers its functions, then Excel binds the name and calculates) and #2568 (the XML of a saved workbook
 * holds `_xldudf_XXXX`); workbooks saved by Excel in public repositories hold e.g. `_xldudf_CX_GET(...)`. So the
 * template writes `_xldudf_LEVY_<NAME>(` — what Excel itself would have saved — and asks Excel to recalculate on
 * load (`fullCalcOnLoad`). Without the add-in the cells show `#NAME?`; the data sheets work regardless. The reader
 * (xlsx-reader.ts) shows such a formula back as `=LEVY.DUE(…)`, as Office.js does.
 */
import { resolve } from "node:path";
import { writeFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { todayInChina } from "../core/dates";
import { findRegion } from "../core/rules/resolve";
import {
  STYLES,
  templateSpec,
  type CellSpec,
  type SheetSpec,
  type SpecValue,
  type StyleName,
  type TemplateSpec,
  type ValidationSpec,
} from "../template/spec";
import { ArgsError, parseArgs } from "./args";
import { checkOutputPath, OutputRefused, sanitiseWorkbook, writeAtomically } from "./safe-output";
import { EXIT } from "./io";
import type { CliIO } from "./io";

export {
  CHECK_CELL,
  DECLARATION_CELLS,
  FINDINGS_CELL,
  INSTRUCTIONS,
  INSTRUCTIONS_SHEET,
  PAYROLL_WAGE_HEADERS,
  TEMPLATE_TABLES,
  parameterRow,
  settingsRange,
  tableArgs,
  templateColumn,
} from "../template/spec";

export interface TemplateOptions {
  region?: string;
  filingYear?: number;
  /**
   * Data to write into the tables (rows without the header, in the template's column order). Each table is sized to
   * its data (at least one row); Excel extends it as rows are typed or pasted directly below.
   */
  data?: { roster?: ExcelJS.CellValue[][]; payroll?: ExcelJS.CellValue[][]; disabled?: ExcelJS.CellValue[][] };
}

/** How a LEVY.* call is written into the file (see the header comment). */
export function storedCustomFunction(name: string): string {
  return `_xldudf_LEVY_${name.toUpperCase()}`;
}

/** A formula as typed (`LEVY.FORM(…)`) → as Excel stores it in the file (`_xldudf_LEVY_FORM(…)`). */
export function storedFormula(typed: string): string {
  return typed.replace(/\bLEVY\.([A-Z][A-Z0-9]*)\(/g, (_, name: string) => `${storedCustomFunction(name)}(`);
}

function argb(rgb: string): string {
  return `FF${rgb}`;
}

/** A named style of the spec → ExcelJS fill, font and alignment on one cell. */
function applyStyle(cell: ExcelJS.Cell, name: StyleName): void {
  const s = STYLES[name];
  if (s.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(s.fill) } };
  if (s.font) cell.font = { ...(s.font.bold ? { bold: true } : {}), ...(s.font.italic ? { italic: true } : {}), ...(s.font.size ? { size: s.font.size } : {}), ...(s.font.color ? { color: { argb: argb(s.font.color) } } : {}) };
  if (s.horizontal || s.wrap) cell.alignment = { vertical: "middle", ...(s.horizontal ? { horizontal: s.horizontal } : {}), ...(s.wrap ? { wrapText: true } : {}) };
}

function cellValue(v: SpecValue | undefined): ExcelJS.CellValue {
  if (v === undefined) return null;
  if (v !== null && typeof v === "object") return new Date(`${v.date}T00:00:00Z`);
  return v;
}

function specValueOf(v: ExcelJS.CellValue): SpecValue {
  if (v instanceof Date) return { date: v.toISOString().slice(0, 10) };
  if (v === null || v === undefined || typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v ?? null;
  return String(v);
}

/** ExcelJS 4.4 supports range validations (worksheet.dataValidations.add) but its typings omit them. */
function validations(ws: ExcelJS.Worksheet): { add(range: string, validation: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
}

function validationOf(rule: ValidationSpec): ExcelJS.DataValidation {
  const common = {
    allowBlank: true,
    showInputMessage: true,
    promptTitle: rule.promptTitle,
    prompt: rule.prompt,
    showErrorMessage: true,
    errorStyle: rule.errorStyle,
    errorTitle: rule.errorTitle,
    error: rule.error,
  };
  if (rule.kind === "list") return { type: "list", formulae: [`"${(rule.values ?? []).join(",")}"`], ...common };
  return { type: "date", operator: "greaterThan", formulae: [new Date(`${rule.after}T00:00:00Z`)], ...common };
}

function writeCell(ws: ExcelJS.Worksheet, c: CellSpec): void {
  const cell = ws.getCell(c.address);
  if (c.formula !== undefined) {
    // A spilling formula is an array formula anchored on its cell; writeTemplate marks it dynamic (see below).
    cell.value = (c.spill ? { formula: storedFormula(c.formula), shareType: "array", ref: c.address } : { formula: storedFormula(c.formula) }) as unknown as ExcelJS.CellFormulaValue;
  } else if (c.value !== undefined) {
    cell.value = cellValue(c.value);
  }
  if (c.style) applyStyle(cell, c.style);
  if (c.numFmt) cell.numFmt = c.numFmt;
  if (c.note) cell.note = c.note;
}

/** One sheet of the spec, through ExcelJS. */
function writeSheet(wb: ExcelJS.Workbook, s: SheetSpec): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(s.name, s.freezeRows ? { views: [{ state: "frozen", ySplit: s.freezeRows, xSplit: 0 }] } : {});
  if (s.table) {
    ws.addTable({
      name: s.table.name,
      ref: "A1",
      headerRow: true,
      totalsRow: false,
      style: { theme: "TableStyleLight9", showRowStripes: false },
      columns: s.table.headers.map((h) => ({ name: h, filterButton: true })),
      rows: s.table.rows.map((r) => r.map(cellValue)),
    });
  }
  s.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    // A column style (not one per cell): Excel gives it to every cell typed or pasted into the column.
    if (c.numFmt || c.input) col.style = { ...(c.numFmt ? { numFmt: c.numFmt } : {}), ...(c.input ? { fill: { type: "pattern", pattern: "solid", fgColor: { argb: argb(STYLES.input.fill as string) } } } : {}) } as Partial<ExcelJS.Style>;
  });
  for (const c of s.cells) writeCell(ws, c);
  if (s.freezeRows) ws.getRow(s.freezeRows).height = 22;
  for (const m of s.merges) ws.mergeCells(m);
  for (const v of s.validations) validations(ws).add(v.range, validationOf(v.rule));
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9, // A4
    orientation: s.print.landscape ? "landscape" : "portrait",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(s.print.titleRows ? { printTitlesRow: s.print.titleRows } : {}),
  };
  // Sheet protection without a password (a firm can unlock it: Review › Unprotect Sheet); cells stay selectable and
  // columns and rows may be resized (ExcelJS: formatColumns/formatRows true = allowed, as allowFormatColumns in Office.js).
  if (s.protect) (ws as unknown as { sheetProtection: Record<string, boolean> }).sheetProtection = { sheet: true, formatColumns: true, formatRows: true };
  return ws;
}

/** The spec as an ExcelJS workbook (not yet written: use writeTemplate, which marks the spilling formulas). */
export function workbookOfSpec(spec: TemplateSpec, filingYear: number): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "levy-assistant 残保金助手";
  wb.created = wb.modified = new Date(Date.UTC(filingYear, 0, 1));
  // The LEVY.* cells carry no cached results: let Excel compute everything when the file is opened.
  wb.calcProperties = { fullCalcOnLoad: true };
  for (const s of spec.sheets) writeSheet(wb, s);
  return wb;
}

/** The spec of the template for these options (the pane builds the same spec). */
export function specFor(options: TemplateOptions = {}): TemplateSpec {
  const filingYear = options.filingYear ?? Number(todayInChina().slice(0, 4));
  const d = options.data;
  const rows = (r: ExcelJS.CellValue[][] | undefined) => r?.map((row) => row.map(specValueOf));
  return templateSpec({ region: options.region, filingYear, data: d ? { roster: rows(d.roster), payroll: rows(d.payroll), disabled: rows(d.disabled) } : undefined });
}

/** Build the template workbook (not yet written). */
export function buildTemplate(options: TemplateOptions = {}): ExcelJS.Workbook {
  const filingYear = options.filingYear ?? Number(todayInChina().slice(0, 4));
  return workbookOfSpec(specFor({ ...options, filingYear }), filingYear);
}

/* ---- dynamic arrays ----
 * A formula that spills is stored by Excel as an array formula whose cell carries cell metadata `cm="1"` pointing at
 * the dynamic-array property (XLDAPR, fDynamic="1") in xl/metadata.xml. Without it Excel opens the formula as a legacy
 * array formula confined to its `ref` (one cell). ExcelJS writes no metadata part, so writeTemplate adds it to the
 * package: the part, its content type and its relationship from the workbook, and cm="1" on each spilling cell.
 */
const METADATA_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">' +
  '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>' +
  '<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>' +
  '<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata></metadata>';
const METADATA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml";
const METADATA_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata";

/** Spilling cells of the spec, by sheet name. */
function spillCells(spec: TemplateSpec): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of spec.sheets) {
    const cells = s.cells.filter((c) => c.spill && c.formula).map((c) => c.address);
    if (cells.length > 0) out.set(s.name, cells);
  }
  return out;
}

/** The workbook as .xlsx bytes, its spilling formulas marked as dynamic arrays. */
export async function templateBytes(wb: ExcelJS.Workbook, spec: TemplateSpec): Promise<Buffer> {
  const plain = Buffer.from(await wb.xlsx.writeBuffer());
  const spills = spillCells(spec);
  if (spills.size === 0) return plain;
  const zip = await JSZip.loadAsync(plain);
  const text = async (path: string) => {
    const f = zip.file(path);
    if (!f) throw new Error(`template: the package has no ${path}`);
    return f.async("string");
  };
  // Sheet name → part, through the workbook and its relationships.
  const workbookXml = await text("xl/workbook.xml");
  const relsXml = await text("xl/_rels/workbook.xml.rels");
  const target = new Map<string, string>();
  for (const m of relsXml.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const t = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && t) target.set(id, t.replace(/^\/?xl\//, ""));
  }
  const xmlName = (name: string) => name.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
  for (const [sheet, cells] of spills) {
    const m = new RegExp(`<sheet\\b[^>]*\\bname="${xmlName(sheet).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*>`).exec(workbookXml);
    const rid = m && /\br:id="([^"]+)"/.exec(m[0])?.[1];
    const part = rid ? target.get(rid) : undefined;
    if (!part) throw new Error(`template: sheet ${sheet} not found in the package`);
    let xml = await text(`xl/${part}`);
    for (const address of cells) {
      const before = xml;
      xml = xml.replace(new RegExp(`<c r="${address}"(?![^>]*\\bcm=)`), `<c r="${address}" cm="1"`);
      if (xml === before) throw new Error(`template: cell ${sheet}!${address} not found in the package`);
    }
    zip.file(`xl/${part}`, xml);
  }
  zip.file("xl/metadata.xml", METADATA_XML);
  const types = await text("[Content_Types].xml");
  zip.file("[Content_Types].xml", types.replace("</Types>", `<Override PartName="/xl/metadata.xml" ContentType="${METADATA_TYPE}"/></Types>`));
  zip.file("xl/_rels/workbook.xml.rels", relsXml.replace("</Relationships>", `<Relationship Id="rIdLevyMetadata" Type="${METADATA_REL}" Target="metadata.xml"/></Relationships>`));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

/** Writes the template (or a filled copy of it) to `path`. */
export async function writeTemplate(wb: ExcelJS.Workbook, spec: TemplateSpec, path: string): Promise<void> {
  await writeFile(path, await templateBytes(wb, spec));
}

export async function runTemplate(args: string[], io: CliIO): Promise<number> {
  const usage = "用法 usage: levy template --out TEMPLATE.xlsx [--region CN-JS] [--year 2025] [--force]";
  let parsed;
  try {
    parsed = parseArgs(args, { boolean: ["force"], value: ["out", "region", "year"] });
  } catch (error) {
    io.stderr.write(`levy template: ${(error as Error).message}\n${usage}\n`);
    return EXIT.badInput;
  }
  const out = parsed.flags.get("out");
  if (typeof out !== "string" || parsed.positional.length > 0) {
    io.stderr.write(`levy template: ${usage}\n`);
    return EXIT.badInput;
  }
  const options: TemplateOptions = {};
  const region = parsed.flags.get("region");
  if (typeof region === "string") {
    if (!findRegion(region)) {
      io.stderr.write(`levy template: 未知地区 unknown region "${region}"（如 e.g. CN-JS、江苏、南京市）\n`);
      return EXIT.badInput;
    }
    options.region = region;
  }
  const year = parsed.flags.get("year");
  if (typeof year === "string") {
    const y = Number(year);
    if (!/^\d{4}$/.test(year) || y < 2016 || y > 2100) {
      io.stderr.write(`levy template: 申报年度应为四位年份 --year must be a four-digit filing year, got "${year}"\n`);
      return EXIT.badInput;
    }
    options.filingYear = y;
  }
  const path = resolve(io.cwd, out);
  const force = parsed.flags.get("force") === true;
  try {
    checkOutputPath(path, out, [], force); // an existing file is replaced only with --force (issue 9 §2)
  } catch (error) {
    if (!(error instanceof OutputRefused)) throw error;
    io.stderr.write(`levy template: ${error.message_.zh}\n  ${error.message_.en}\n`);
    return EXIT.badInput;
  }
  const filingYear = options.filingYear ?? Number(todayInChina().slice(0, 4));
  const spec = specFor({ ...options, filingYear });
  try {
    const wb = workbookOfSpec(spec, filingYear);
    sanitiseWorkbook(wb);
    await writeAtomically(path, force, (temp) => writeTemplate(wb, spec, temp));
  } catch (error) {
    io.stderr.write(`levy template: 无法写入 cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return EXIT.badInput;
  }
  io.stdout.write(`已生成模板 template written: ${out}\n  ${spec.sheets.map((s) => s.name).join(" · ")}\n`);
  return EXIT.ok;
}
