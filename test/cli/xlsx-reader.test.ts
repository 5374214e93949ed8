/**
 * The .xlsx reader on real files written with ExcelJS in a temp dir: value mapping (rich text, shared formulas,
 * cached results, dates, errors, hyperlinks), and untrusted input (corrupt, text, empty, zip bombs, huge sheets,
 * __proto__ headers). Every failure must be a clear XlsxReadError or a note, never a crash, a hang or pollution.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { crc32, crc32Table, displayFormula, isDateFormat, readXlsx, resolvePartName, shiftFormula, XlsxReadError } from "../../src/cli/xlsx-reader";

const dir = mkdtempSync(join(tmpdir(), "levy-reader-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function write(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

async function readError(path: string): Promise<XlsxReadError> {
  try {
    await readXlsx(path);
  } catch (error) {
    expect(error).toBeInstanceOf(XlsxReadError);
    return error as XlsxReadError;
  }
  throw new Error("expected an XlsxReadError");
}

describe("pure helpers", () => {
  it("shifts relative references of a shared formula and leaves the rest alone", () => {
    expect(shiftFormula("SUM(A1:B2)*$C$1+C1", 1, 0)).toBe("SUM(A2:B3)*$C$1+C2");
    expect(shiftFormula("A$1+$A1", 2, 3)).toBe("D$1+$A3");
    expect(shiftFormula('IF(A1="A1",LOG10(B1),\'My Sheet\'!C1)', 1, 1)).toBe('IF(B2="A1",LOG10(C2),\'My Sheet\'!D2)');
    expect(shiftFormula("SUM(D:D)+SUM(2:13)", 1, 1)).toBe("SUM(E:E)+SUM(3:14)");
    expect(shiftFormula("SUM(Table1[工资])+A1", 1, 0)).toBe("SUM(Table1[工资])+A2");
  });

  it("shows custom functions and future functions as Office.js does", () => {
    expect(displayFormula("_xldudf_LEVY_DUE(C8,C10,C7,参数!$A$2:$B$11)")).toBe("=LEVY.DUE(C8,C10,C7,参数!$A$2:$B$11)");
    expect(displayFormula("[2]!_xldudf_LEVY_AVGHEADCOUNT(B2:C13)")).toBe("=LEVY.AVGHEADCOUNT(B2:C13)");
    expect(displayFormula("_xlfn.XLOOKUP(A1,B:B,C:C)")).toBe("=XLOOKUP(A1,B:B,C:C)");
    expect(displayFormula("LEVY.DUE(1,0,100)")).toBe("=LEVY.DUE(1,0,100)");
  });

  it("tells date formats from number and time formats", () => {
    for (const f of ["yyyy-mm-dd", "yyyy/m/d", 'yyyy"年"m"月"d"日"', "m/d/yy", "d-mmm-yy", "[$-804]yyyy年m月", "mmm-yy"]) expect(isDateFormat(f), f).toBe(true);
    for (const f of ["General", "0.00", "#,##0.00", '#,##0.00"元"', "h:mm", "0%", "@", "[Red]#,##0"]) expect(isDateFormat(f), f).toBe(false);
  });
});

describe("zip and package plumbing", () => {
  it("computes CRC-32 (check value of \"123456789\" is CBF43926), natively and with the fallback table", () => {
    const data = Buffer.from("123456789");
    expect(crc32(data)).toBe(0xcbf43926);
    expect(crc32Table(data)).toBe(0xcbf43926);
    // Incremental, as the reader feeds it chunk by chunk.
    expect(crc32Table(Buffer.from("6789"), crc32Table(Buffer.from("12345")))).toBe(0xcbf43926);
    expect(crc32(Buffer.from("6789"), crc32(Buffer.from("12345")))).toBe(0xcbf43926);
  });

  it("resolves relationship targets as OPC does: relative to the source part, absolute, '..', percent-escapes", () => {
    expect(resolvePartName("xl/workbook.xml", "worksheets/sheet1.xml")).toBe("xl/worksheets/sheet1.xml");
    expect(resolvePartName("xl/workbook.xml", "/xl/worksheets/payroll.xml")).toBe("xl/worksheets/payroll.xml");
    expect(resolvePartName("xl/workbook.xml", "../customXml/item1.xml")).toBe("customXml/item1.xml");
    expect(resolvePartName("xl/workbook.xml", "worksheets/a%20b.xml")).toBe("xl/worksheets/a b.xml");
    expect(resolvePartName("", "xl/workbook.xml")).toBe("xl/workbook.xml");
  });

  it("writes nothing to the temp folder while reading (worksheets before the shared strings, as Excel writes them)", async () => {
    const example = join(__dirname, "..", "..", "examples", "example-company.xlsx");
    const temp = mkdtempSync(join(tmpdir(), "levy-reader-tmp-"));
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    try {
      const read = await readXlsx(example);
      expect(read.sheets.map((s) => s.name)).toEqual(["申报信息", "员工花名册", "2024年工资明细", "残疾职工名册", "月度人数统计"]);
      expect(readdirSync(temp)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      rmSync(temp, { recursive: true, force: true });
    }
  });
});

describe("values", () => {
  it("maps strings, numbers, booleans, dates, errors, rich text, hyperlinks and formulas", async () => {
    const path = await write("values.xlsx", (wb) => {
      const ws = wb.addWorksheet("数据");
      ws.getCell("A1").value = "姓名";
      ws.getCell("B1").value = 8123.45;
      ws.getCell("C1").value = true;
      ws.getCell("D1").value = new Date(Date.UTC(2024, 2, 1));
      ws.getCell("D1").numFmt = "yyyy-mm-dd";
      ws.getCell("E1").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
      ws.getCell("F1").value = { richText: [{ text: "张", font: { bold: true } }, { text: "三" }] };
      ws.getCell("G1").value = { text: "链接", hyperlink: "https://example.com" };
      ws.getCell("A2").value = { formula: "B1*2", result: 16246.9 } as ExcelJS.CellFormulaValue;
      ws.getCell("B2").value = { formula: "B1*2" } as ExcelJS.CellFormulaValue; // no cached value
      ws.getCell("C2").value = { formula: "1/0", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue;
      ws.getCell("D2").value = { formula: "B1>1", result: true } as ExcelJS.CellFormulaValue;
      ws.getCell("E2").value = { formula: 'A1&"!"', result: "姓名!" } as ExcelJS.CellFormulaValue;
      ws.getCell("F2").value = { formula: "_xldudf_LEVY_DUE(100,1,8000000)", result: 20000 } as ExcelJS.CellFormulaValue;
      ws.getCell("A4").value = "line_x000D_break";
      ws.getCell("B4").value = 0.6;
      ws.getCell("B4").numFmt = "0%";
    });
    const { sheets, notes } = await readXlsx(path);
    expect(notes).toEqual([]);
    const [s] = sheets;
    expect(s.name).toBe("数据");
    expect(s.origin).toBe("A1");
    expect(s.values[0].slice(0, 7)).toEqual(["姓名", 8123.45, true, new Date(Date.UTC(2024, 2, 1)), { error: "#N/A" }, "张三", "链接"]);
    expect(s.values[1]).toEqual([16246.9, null, { error: "#DIV/0!" }, true, "姓名!", 20000]);
    expect(s.formulas?.[1]).toEqual(["=B1*2", "=B1*2", "=1/0", "=B1>1", '=A1&"!"', "=LEVY.DUE(100,1,8000000)"]);
    expect(s.formulas?.[0]).toEqual([]);
    expect(s.values[2]).toEqual([]);
    expect(s.values[3]).toEqual(["line\rbreak", 0.6]);
    expect(s.numberFormats?.[0][3]).toBe("yyyy-mm-dd");
    expect(s.numberFormats?.[3][1]).toBe("0%");
  });

  it("translates shared formulas from their master cell", async () => {
    const path = await write("shared.xlsx", (wb) => {
      const ws = wb.addWorksheet("S");
      for (let r = 1; r <= 4; r++) ws.getCell(`A${r}`).value = r;
      ws.getCell("B1").value = { formula: "A1*2", result: 2, shareType: "shared", ref: "B1:B4" } as unknown as ExcelJS.CellFormulaValue;
      for (let r = 2; r <= 4; r++) ws.getCell(`B${r}`).value = { sharedFormula: "B1", result: r * 2 } as ExcelJS.CellSharedFormulaValue;
    });
    const xml = await sheetXml(path);
    expect(xml).toMatch(/t="shared"/); // the file really holds shared formulas
    const [s] = (await readXlsx(path)).sheets;
    expect(s.formulas?.map((r) => r[1])).toEqual(["=A1*2", "=A2*2", "=A3*2", "=A4*2"]);
    expect(s.values.map((r) => r[1])).toEqual([2, 4, 6, 8]);
  });

  it("keeps Chinese text intact across zip chunk boundaries (ExcelJS's streaming reader does not)", async () => {
    const expected: string[] = [];
    const path = await write("cjk.xlsx", (wb) => {
      const ws = wb.addWorksheet("名单");
      for (let i = 0; i < 20000; i++) {
        const s = `员工姓名${i}号张三李四王五赵六`;
        expected.push(s);
        ws.addRow([s]);
      }
    });
    const [s] = (await readXlsx(path)).sheets;
    expect(s.values.map((r) => r[0])).toEqual(expected);
  });

  it("reads inline strings from a workbook without a shared-strings part, and dates without a styles part", async () => {
    const path = join(dir, "inline.xlsx");
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
    const ws = wb.addWorksheet("内联");
    ws.addRow(["工号", "姓名", "金额"]).commit();
    ws.addRow(["E1", "张三 & 李四 <合伙>", 12.5]).commit();
    await ws.commit();
    await wb.commit();
    const [s] = (await readXlsx(path)).sheets;
    expect(s.values).toEqual([
      ["工号", "姓名", "金额"],
      ["E1", "张三 & 李四 <合伙>", 12.5],
    ]);
  });

  it("reads a header named __proto__ or constructor as plain text", async () => {
    const path = await write("proto.xlsx", (wb) => {
      const ws = wb.addWorksheet("__proto__");
      ws.addRow(["__proto__", "constructor", "prototype", "polluted"]);
      ws.addRow(["x", "y", "z", "yes"]);
    });
    const { sheets } = await readXlsx(path);
    expect(sheets[0].name).toBe("__proto__");
    expect(sheets[0].values[0]).toEqual(["__proto__", "constructor", "prototype", "polluted"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });
});

describe("untrusted files", () => {
  it("refuses a missing file, an empty file, a text file and a legacy/encrypted file with a clear message", async () => {
    expect((await readError(join(dir, "missing.xlsx"))).code).toBe("NOT_FOUND");
    writeFileSync(join(dir, "empty.xlsx"), "");
    expect((await readError(join(dir, "empty.xlsx"))).code).toBe("EMPTY_FILE");
    writeFileSync(join(dir, "text.xlsx"), "工号,姓名\nE001,张三\n");
    const text = await readError(join(dir, "text.xlsx"));
    expect(text.code).toBe("TEXT_FILE");
    expect(text.zh).toMatch(/文本文件/);
    expect(text.en).toMatch(/text file/);
    const ole = Buffer.alloc(1024);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    writeFileSync(join(dir, "legacy.xlsx"), ole);
    expect((await readError(join(dir, "legacy.xlsx"))).code).toBe("LEGACY_OR_ENCRYPTED");
    writeFileSync(join(dir, "binary.xlsx"), Buffer.from([0, 1, 2, 3, 255, 254, 0, 7, 8]));
    expect((await readError(join(dir, "binary.xlsx"))).code).toBe("NOT_ZIP");
  });

  it("refuses a truncated and a corrupted workbook without hanging", async () => {
    const good = await write("good.xlsx", (wb) => {
      const ws = wb.addWorksheet("S");
      for (let i = 0; i < 2000; i++) ws.addRow([`行${i}`, i, i * 2]);
    });
    const bytes = readFileSync(good);
    writeFileSync(join(dir, "truncated.xlsx"), bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect((await readError(join(dir, "truncated.xlsx"))).code).toBe("TRUNCATED");
    // Damage the compressed data but keep the zip directory: inflating fails half-way.
    const damaged = Buffer.from(bytes);
    for (let i = 200; i < damaged.length - 2000; i += 97) damaged[i] ^= 0x5a;
    writeFileSync(join(dir, "damaged.xlsx"), damaged);
    const error = await readError(join(dir, "damaged.xlsx"));
    expect(["CORRUPT", "TRUNCATED", "NOT_XLSX"]).toContain(error.code);
  });

  it("refuses a zip that is not a workbook, and a zip bomb, before inflating anything", async () => {
    const good = await write("small.xlsx", (wb) => wb.addWorksheet("S").addRow(["a"]));
    // Rename the workbook part in both directories: a zip, but not an xlsx.
    const renamed = Buffer.from(readFileSync(good).toString("latin1").split("xl/workbook.xml").join("xl/notebook.xml"), "latin1");
    writeFileSync(join(dir, "notxlsx.xlsx"), renamed);
    expect((await readError(join(dir, "notxlsx.xlsx"))).code).toBe("NOT_XLSX");
    // Claim an absurd uncompressed size for the sheet in the central directory.
    const bomb = Buffer.from(readFileSync(good));
    const name = Buffer.from("xl/worksheets/sheet1.xml");
    for (let p = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); p >= 0; p = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p + 4)) {
      const len = bomb.readUInt16LE(p + 28);
      if (bomb.subarray(p + 46, p + 46 + len).equals(name)) bomb.writeUInt32LE(3_900_000_000, p + 24);
    }
    writeFileSync(join(dir, "bomb.xlsx"), bomb);
    const error = await readError(join(dir, "bomb.xlsx"));
    expect(error.code).toBe("TOO_LARGE");
    expect(error.zh).toMatch(/压缩炸弹|上限/);
  });

  it("reads an empty workbook as sheets without values", async () => {
    const path = await write("blank.xlsx", (wb) => wb.addWorksheet("Sheet1"));
    const { sheets, notes } = await readXlsx(path);
    expect(notes).toEqual([]);
    expect(sheets.every((s) => s.values.length === 0)).toBe(true);
  });

  it("caps the cells kept from a huge sheet with a note, and reads it all under the default cap", async () => {
    const path = join(dir, "huge.xlsx");
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
    const ws = wb.addWorksheet("大表");
    for (let i = 1; i <= 200_000; i++) ws.addRow([`E${i}`, i, i % 7]).commit();
    await ws.commit();
    await wb.commit();
    // Each row costs its 3 cells plus 1 for the row itself.
    const capped = await readXlsx(path, { maxCells: 90_000 });
    expect(capped.notes).toHaveLength(1);
    expect(capped.notes[0]).toMatchObject({ code: "READ_TRUNCATED", sheet: "大表", row: 22_501 });
    expect(capped.notes[0].message.en).toMatch(/too large/);
    expect(capped.sheets[0].values).toHaveLength(22_500);
    expect(capped.cells).toBeLessThanOrEqual(90_000);
    const full = await readXlsx(path);
    expect(full.notes).toEqual([]);
    expect(full.sheets[0].values).toHaveLength(200_000);
    expect(full.sheets[0].values[199_999]).toEqual(["E200000", 200_000, 200_000 % 7]);
  });
});

/** The raw XML of the first worksheet (to check what a test file really contains). */
async function sheetXml(path: string): Promise<string> {
  const { createRequire } = await import("node:module");
  const JSZip = createRequire(require.resolve("exceljs"))("jszip");
  const zip = await JSZip.loadAsync(readFileSync(path));
  return zip.file("xl/worksheets/sheet1.xml").async("string");
}
