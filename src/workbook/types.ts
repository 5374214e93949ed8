/**
 * The workbook model's input contract: plain 2-D arrays with their sheet name and top-left address.
 * The model knows nothing of where they came from (Office.js in the add-in, ExcelJS in the CLI).
 */

/** An Excel error value as read (ExcelJS: {error:"#N/A"}; Office.js: the text "#N/A" — adapters normalise to this). */
export interface CellError {
  error: string;
}

/** What a cell may hold after an adapter has read it. Dates may arrive as Date (ExcelJS) or serial numbers (Office.js). */
export type CellValue = string | number | boolean | Date | CellError | null;

export interface SheetData {
  name: string;
  /** A1 address of values[0][0], e.g. "A1" (Office.js usedRange may start elsewhere). */
  origin: string;
  values: CellValue[][];
  /** Formulas where known (same shape as values; null where the cell has none). */
  formulas?: (string | null)[][];
  /** Number formats where known (same shape), so a number formatted as a date can be read as one. */
  numberFormats?: (string | null)[][];
  /** Excel tables on the sheet where known: name and A1 range (header row included), e.g. RosterTable A1:I2401. */
  tables?: Array<{ name: string; ref: string }>;
  /**
   * The workbook uses the 1904 date system (older Mac Excel): a date serial n means 1904-01-01 + n days. Adapters set
   * it from the workbook (xlsx: workbookPr date1904); every reader that turns a number into a date honours it
   * (workbook/parse.ts DateReader and MonthReader, core parseSettings). Absent = the 1900 system.
   */
  date1904?: boolean;
  /**
   * Merged ranges where known, as A1 ranges on the sheet ("A2:A13"). A merged cell keeps its value in the top-left
   * cell only; readers use this to carry a person's 工号/姓名 merged down over their month rows (merges.ts).
   */
  merges?: string[];
}

/** A cell or range on a sheet, for findings and the trail ("A5", "B2:B40"). */
export interface CellRef {
  sheet: string;
  address: string;
}

export function isCellError(v: unknown): v is CellError {
  return typeof v === "object" && v !== null && !(v instanceof Date) && typeof (v as CellError).error === "string";
}
