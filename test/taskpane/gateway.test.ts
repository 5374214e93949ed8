import { describe, expect, it } from "vitest";
import {
  CHUNK_CELLS,
  NotOwnSheetError,
  OWN_SHEETS,
  blockAddress,
  createOfficeGateway,
  normaliseCell,
  parseAddinSettings,
  planRowChunks,
  type OwnSheetName,
} from "../../src/taskpane/excel-gateway";
import { createExcelMock } from "./excel-mock";
import { makeWorkbook } from "./fixtures";

const OWN: readonly string[] = Object.values(OWN_SHEETS);

describe("pure helpers", () => {
  it("chunks rows so no block exceeds the cell budget", () => {
    expect(planRowChunks(0, 9)).toEqual([]);
    expect(planRowChunks(10, 9)).toEqual([{ start: 0, rows: 10 }]);
    const chunks = planRowChunks(100_000, 12);
    expect(chunks.every((c) => c.rows * 12 <= CHUNK_CELLS)).toBe(true);
    expect(chunks.reduce((n, c) => n + c.rows, 0)).toBe(100_000);
    expect(chunks[1].start).toBe(chunks[0].rows);
    // A row wider than the budget still makes progress, one row at a time.
    expect(planRowChunks(3, CHUNK_CELLS * 2)).toHaveLength(3);
  });

  it("turns Office.js cells into workbook-model cells", () => {
    expect(normaliseCell("")).toBeNull();
    expect(normaliseCell("#N/A")).toEqual({ error: "#N/A" });
    expect(normaliseCell("#DIV/0!")).toEqual({ error: "#DIV/0!" });
    expect(normaliseCell("#不是错误")).toBe("#不是错误");
    expect(normaliseCell(45292)).toBe(45292);
    expect(normaliseCell(false)).toBe(false);
  });

  it("addresses blocks", () => {
    expect(blockAddress(0, 0, 1, 1)).toBe("A1");
    expect(blockAddress(4, 1, 36, 26)).toBe("B5:AA40");
  });

  it("accepts only well-formed settings from a document", () => {
    expect(parseAddinSettings("not json")).toEqual({});
    expect(parseAddinSettings({ region: " CN-JS ", filingYear: 2025.5, language: "fr-FR", autoValidate: "yes", mapping: { 用工类别: "employmentType", x: 3 } })).toEqual({
      region: "CN-JS",
      mapping: { 用工类别: "employmentType" },
    });
    expect(parseAddinSettings(JSON.stringify({ filingYear: 2025, entityType: "enterprise", autoValidate: true, language: "en-US" }))).toEqual({
      filingYear: 2025,
      entityType: "enterprise",
      autoValidate: true,
      language: "en-US",
    });
  });
});

describe("Office.js gateway on an office-addin-mock workbook", () => {
  it("reads every sheet's used range with values, number formats and error values", async () => {
    const workbook = makeWorkbook({ employees: 3, interns: 1 });
    workbook[1].values[2][5] = { error: "#N/A" };
    const mock = createExcelMock(workbook);
    const gateway = createOfficeGateway(mock.host);
    const sheets = await gateway.readWorkbook();
    expect(sheets.map((s) => s.name)).toEqual(workbook.map((s) => s.name));
    const roster = sheets[1];
    expect(roster.origin).toBe("A1");
    expect(roster.values).toHaveLength(5);
    expect(roster.values[0]).toEqual(workbook[1].values[0]);
    expect(roster.values[1][4]).toBe(workbook[1].values[1][4]);
    expect(roster.numberFormats?.[1][4]).toBe("yyyy-mm-dd");
    expect(roster.numberFormats?.[1][0]).toBeNull();
    expect(roster.values[2][5]).toEqual({ error: "#N/A" });
    expect(roster.values[1][5]).toBeNull();
    expect(roster.formulas).toBeUndefined();
    expect(mock.syncs()).toBe(3);
  });

  it("reads a used range that does not start at A1 with its origin", async () => {
    const mock = createExcelMock([{ name: "花名册", origin: "C4", values: [["工号", "姓名"], ["E1", "张三"]] }]);
    const [sheet] = await createOfficeGateway(mock.host).readWorkbook({ formulas: true });
    expect(sheet.origin).toBe("C4");
    expect(sheet.values).toEqual([["工号", "姓名"], ["E1", "张三"]]);
    expect(sheet.formulas).toEqual([[null, null], [null, null]]);
  });

  it("uses the same number of context.sync() calls for 10 and for 10,000 roster rows", async () => {
    const counts: number[] = [];
    for (const employees of [10, 10_000]) {
      const mock = createExcelMock(makeWorkbook({ employees, payroll: "annual" }));
      const sheets = await createOfficeGateway(mock.host).readWorkbook();
      expect(sheets[1].values).toHaveLength(employees + 1);
      counts.push(mock.syncs());
      // The large roster is read in several blocks, all in the same round trip.
      if (employees === 10_000) expect(mock.ranges.filter((r) => r.sheet === "花名册" && r.mock.values.length > 1).length).toBeGreaterThan(1);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBe(3);
  });

  it("falls back to one round trip per block when Excel on the web refuses the payload", async () => {
    const mock = createExcelMock(makeWorkbook({ employees: 200, payroll: "annual" }));
    let refused = false;
    const run = mock.host.run;
    const host = {
      ...mock.host,
      run: <T>(batch: (c: Excel.RequestContext) => Promise<T>): Promise<T> => {
        if (!refused) {
          refused = true;
          return Promise.reject(Object.assign(new Error("payload"), { code: "RequestPayloadSizeLimitExceeded" }));
        }
        return run(batch);
      },
    };
    const sheets = await createOfficeGateway(host, { chunkCells: 500 }).readWorkbook();
    expect(sheets[1].values).toHaveLength(201);
    expect(sheets[1].values[200][0]).toBe("E00200");
  });

  it("writes only to its own sheets, creating them with one assignment per block and calculation suspended", async () => {
    const mock = createExcelMock(makeWorkbook({ employees: 5 }));
    const gateway = createOfficeGateway(mock.host);
    const rows = [["项目", "值"], ["本期应纳费额", 36000], ["公式样的文字", "=SUM(A1)"]];
    const result = await gateway.writeOwnSheet(OWN_SHEETS.workingPaper, rows, { headerRows: 1, formats: [[null, null], [null, "#,##0.00"], [null, null]] });
    expect(result).toEqual({ written: true, sheet: "残保金底稿", address: "A1:B3", replaced: false });
    const blocks = mock.written("残保金底稿");
    expect(blocks).toHaveLength(1);
    expect(blocks[0].values).toEqual(rows);
    expect(blocks[0].numberFormat).toEqual([
      ["General", "General"],
      ["General", "#,##0.00"],
      ["General", "@"],
    ]);
    expect(mock.suspendCalls()).toBe(1);
    expect(mock.sheets.get("残保金底稿")?.calls).toContain("freezeRows(1)");
    expect(mock.userSheetChanges(OWN)).toEqual([]);
  });

  it("sets the output sheets to print on A4, one page wide, header rows repeated, in the same number of syncs", async () => {
    const rows = [["栏次 Column", "项目 Item", "值 Value", "公式 Formula", "依据 Source", "可信度 Confidence"], [4, "工资总额", 1, "", "", ""]];
    // ExcelApi 1.9 supported: page layout queued in the write's batch.
    const mock = createExcelMock(makeWorkbook({ employees: 5 }));
    const asked: string[] = [];
    const gateway = createOfficeGateway({ ...mock.host, isSetSupported: (set, version) => (asked.push(`${set} ${version}`), true) });
    mock.resetSyncs();
    await gateway.writeOwnSheet(OWN_SHEETS.workingPaper, rows, { headerRows: 1 });
    const withLayout = mock.syncs();
    expect(asked).toEqual(["ExcelApi 1.9"]);
    // 6 columns > 5 → landscape; verticalFitToPages 0 = as many pages tall as needed.
    expect(mock.pageLayouts.get("残保金底稿")).toEqual({
      paperSize: "A4",
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printTitleRows: "$1:$1",
    });
    // A narrow findings block with two header rows prints portrait and repeats both rows.
    await gateway.writeOwnSheet(OWN_SHEETS.findings, [["a", "b"], ["c", "d"], ["e", "f"]], { headerRows: 2 });
    expect(mock.pageLayouts.get("校验结果")).toMatchObject({ paperSize: "A4", orientation: "Portrait", printTitleRows: "$1:$2" });

    // An older host (no ExcelApi 1.9): the sheet is written, page layout untouched, same number of syncs.
    const old = createExcelMock(makeWorkbook({ employees: 5 }));
    const oldGateway = createOfficeGateway({ ...old.host, isSetSupported: () => false });
    old.resetSyncs();
    const result = await oldGateway.writeOwnSheet(OWN_SHEETS.workingPaper, rows, { headerRows: 1 });
    expect(result.written).toBe(true);
    expect(old.pageLayouts.get("残保金底稿")).toEqual({});
    expect(old.syncs()).toBe(withLayout);

    // The mapping sheet is input, not a printout: no page layout.
    await gateway.writeOwnSheet(OWN_SHEETS.mapping, [["键", "值"]], { headerRows: 1 });
    expect(mock.pageLayouts.get(OWN_SHEETS.mapping)).toEqual({});
  });

  it("refuses to write to any sheet it does not own, before touching Excel", async () => {
    const mock = createExcelMock(makeWorkbook({ employees: 5 }));
    const gateway = createOfficeGateway(mock.host);
    for (const name of ["花名册", "参数", "Sheet1", "残保金底稿 ", "校验结果(2)"]) {
      await expect(gateway.writeOwnSheet(name as OwnSheetName, [["x"]])).rejects.toBeInstanceOf(NotOwnSheetError);
    }
    expect(mock.syncs()).toBe(0);
    expect(mock.userSheetChanges(OWN)).toEqual([]);
  });

  it("asks before replacing its own sheet and keeps it when the user says no", async () => {
    const mock = createExcelMock([...makeWorkbook({ employees: 2 }), { name: "校验结果", origin: "A1", values: [["旧内容"]] }]);
    const asked: string[] = [];
    let answer = false;
    const gateway = createOfficeGateway(mock.host, {
      confirmReplace: async (sheet) => {
        asked.push(sheet);
        return answer;
      },
    });
    const kept = await gateway.writeOwnSheet(OWN_SHEETS.findings, [["新内容"]]);
    expect(kept.written).toBe(false);
    expect(asked).toEqual(["校验结果"]);
    expect(mock.sheets.get("校验结果")?.calls).not.toContain("clear");
    expect(mock.written("校验结果")).toEqual([]);

    answer = true;
    const replaced = await gateway.writeOwnSheet(OWN_SHEETS.findings, [["新内容"]]);
    expect(replaced).toMatchObject({ written: true, replaced: true });
    expect(mock.written("校验结果").at(-1)?.values).toEqual([["新内容"]]);
    expect(mock.userSheetChanges(OWN)).toEqual([]);
  });

  it("does not read its own sheets back as input", async () => {
    const mock = createExcelMock([...makeWorkbook({ employees: 2 }), { name: "残保金底稿", origin: "A1", values: [["工号", "姓名"]] }]);
    const sheets = await createOfficeGateway(mock.host).readWorkbook();
    expect(sheets.map((s) => s.name)).not.toContain("残保金底稿");
  });

  it("selects a range on its sheet", async () => {
    const mock = createExcelMock(makeWorkbook({ employees: 5 }));
    const gateway = createOfficeGateway(mock.host);
    await gateway.select("花名册", "A3:I3");
    await gateway.select("花名册", "'花名册'!D2");
    await gateway.select("花名册", "A2,A5:A6");
    expect(mock.selections).toEqual([
      { sheet: "花名册", address: "A3:I3" },
      { sheet: "花名册", address: "D2" },
      { sheet: "花名册", address: "A2,A5:A6" },
    ]);
    expect(mock.userSheetChanges(OWN)).toEqual([]);
  });

  it("keeps settings in the document", async () => {
    const mock = createExcelMock(makeWorkbook({ employees: 1 }));
    const gateway = createOfficeGateway(mock.host);
    expect(gateway.getSettings()).toEqual({});
    await gateway.setSettings({ region: "CN-JS", filingYear: 2025, entityType: "enterprise", autoValidate: true, language: "en-US" });
    // A second gateway on the same document (the pane reopened) sees them.
    expect(createOfficeGateway(mock.host).getSettings()).toEqual({ region: "CN-JS", filingYear: 2025, entityType: "enterprise", autoValidate: true, language: "en-US" });
  });

  it("reports worksheet changes with the sheet's name and unsubscribes", async () => {
    const mock = createExcelMock(makeWorkbook({ employees: 1 }));
    const gateway = createOfficeGateway(mock.host);
    const seen: unknown[] = [];
    const off = await gateway.onWorksheetChanged((c) => seen.push(c));
    await mock.fireChange("花名册", "D2");
    await mock.fireChange("花名册", "D3", "ThisLocalAddin");
    expect(seen).toEqual([
      { sheetId: mock.sheets.get("花名册")?.id, sheet: "花名册", address: "D2", byThisAddin: false },
      { sheetId: mock.sheets.get("花名册")?.id, sheet: "花名册", address: "D3", byThisAddin: true },
    ]);
    await off();
    expect(mock.handlers()).toBe(0);
  });
});
