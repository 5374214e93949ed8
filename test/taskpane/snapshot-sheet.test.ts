/**
 * Issue 10 §3 in the pane: 写入底稿 also stores the filed snapshot in the workbook (a veryHidden sheet protected
 * without a password, the CLI's layout), in the same number of context.sync() calls; and a snapshot made in the pane
 * equals the CLI's for the same workbook.
 *
 * The pane's side reads an office-addin-mock workbook (test/taskpane/excel-mock.ts): dates are serial numbers with a
 * date number format, as Office.js gives them. The CLI's side is `levy audit --snapshot` on the same sheets written
 * to a real .xlsx by ExcelJS (dates: the same serials with the same number format), read by the CLI's own reader,
 * which turns them into Dates. The row digests must agree although the two readers hand the digest different types.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { inlineAnalyser, paneSnapshot } from "../../src/taskpane/analyser";
import { createOfficeGateway, paneSnapshotSheetName } from "../../src/taskpane/excel-gateway";
import { PaneController } from "../../src/taskpane/pane";
import { snapshotDigest } from "../../src/snapshot/build";
import { canonicalCell, digestCell } from "../../src/snapshot/canonical";
import { parseSnapshot } from "../../src/snapshot/parse";
import { snapshotsInSheets } from "../../src/snapshot/sheet";
import type { Snapshot } from "../../src/snapshot/types";
import { analyseWorkbook } from "../../src/validation/analyse";
import type { CellValue, SheetData } from "../../src/workbook/types";
import { writeXlsx, type XlsxCell } from "../workbook/fixtures";
import { runCli } from "../cli/helpers";
import { createExcelMock } from "./excel-mock";
import { makeWorkbook } from "./fixtures";

const dir = mkdtempSync(join(tmpdir(), "levy-pane-snapshot-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The Office-shaped sheets as .xlsx rows: a number with a number format keeps it (ExcelJS numFmt). */
function xlsxRows(sheets: SheetData[]): Array<{ name: string; rows: Array<Array<CellValue | XlsxCell>> }> {
  return sheets.map((s) => ({
    name: s.name,
    rows: s.values.map((row, r) => row.map((v, c) => (typeof v === "number" && s.numberFormats?.[r]?.[c] ? { value: v, numFmt: s.numberFormats[r][c] as string } : v))),
  }));
}

/** A snapshot without what only says when and where it was made (time, file name, tool version), digest recomputed. */
function comparable(s: Snapshot): Snapshot {
  const body = { ...s, createdAt: "-", source: { ...s.source, file: "-" }, tool: { ...s.tool, version: "-" } };
  return { ...body, digest: snapshotDigest(body) };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

async function paneRun(sheets: SheetData[]) {
  const mock = createExcelMock(sheets);
  let pane: PaneController | null = null;
  const gateway = createOfficeGateway(mock.host, { confirmReplace: (sheet) => (pane as PaneController).confirmReplace(sheet) });
  pane = new PaneController({ gateway, analyser: inlineAnalyser(analyseWorkbook), officeLanguage: "zh-CN", now: () => "2025-07-01T08:00:00.000Z" });
  await pane.analyse();
  return { mock, pane };
}

describe("a date cell digests alike from either reader", () => {
  it("turns a serial with a date format into the Date the CLI's reader makes", () => {
    // 45658 = 2025-01-01 (25569 = 1970-01-01; 45658 − 25569 = 20089 days = 2025-01-01T00:00:00Z).
    expect(canonicalCell(digestCell(45658, "yyyy-mm-dd"))).toBe("d:2025-01-01T00:00:00.000Z");
    expect(canonicalCell(digestCell(new Date(Date.UTC(2025, 0, 1)), "yyyy-mm-dd"))).toBe("d:2025-01-01T00:00:00.000Z");
    // 1904 system: serial 0 = 1904-01-01 = 1900-system serial 1462.
    expect(canonicalCell(digestCell(0, "yyyy/m/d", true))).toBe("d:1904-01-01T00:00:00.000Z");
    // Not a date format, or time only: the number stays a number.
    expect(canonicalCell(digestCell(45658, "#,##0.00"))).toBe("n:45658");
    expect(canonicalCell(digestCell(0.5, "h:mm"))).toBe("n:0.5");
    expect(canonicalCell(digestCell(45658, null))).toBe("n:45658");
  });
});

describe("the pane's snapshot equals the CLI's for the same workbook", () => {
  it("same aggregates, result, rules and row digests; stored in a veryHidden protected sheet in 3 syncs", async () => {
    const sheets = makeWorkbook({ employees: 30, interns: 2 });
    const file = join(dir, "company.xlsx");
    const snapFile = join(dir, "snap.json");
    await writeXlsx(file, xlsxRows(sheets));
    const cli = await runCli(["audit", file, "--snapshot", snapFile], dir);
    expect(cli.code).toBeLessThan(2);
    const fromCli = parseSnapshot(readFileSync(snapFile, "utf8"));

    const { mock, pane } = await paneRun(sheets);
    const fromPane = pane.state.audit?.snapshot;
    expect(fromPane).toBeTruthy();
    // The roster holds dates (hire dates, as serials in the pane): a digested column is a date column.
    expect(fromCli.inputs.tables.flatMap((t) => t.columns).some((c) => /Date$/.test(c))).toBe(true);
    expect(fromPane?.inputs.tables.map((t) => t.sha256)).toEqual(fromCli.inputs.tables.map((t) => t.sha256));
    expect(comparable(fromPane as Snapshot)).toEqual(comparable(fromCli));

    // 写入底稿: the working paper and the snapshot sheet in the same three round trips as the working paper alone.
    mock.resetSyncs();
    await pane.writeWorkingPaper();
    expect(pane.state.status?.kind).toBe("success");
    expect(pane.state.status?.text.en).toContain('The filed snapshot is stored in the hidden sheet "2025 快照".');
    expect(mock.syncs()).toBe(3);
    const name = paneSnapshotSheetName(2025);
    const state = mock.sheets.get(name);
    expect(state?.mock.visibility).toBe("VeryHidden");
    expect(mock.protections.filter((p) => p.sheet === name)).toEqual([{ sheet: name, options: undefined, password: undefined }]);
    // Read back with the CLI's reader of snapshot sheets: the very snapshot the pane made.
    const cells = mock.written(name).flatMap((b) => b.values) as CellValue[][];
    const back = snapshotsInSheets([{ name, origin: "A1", values: cells }]);
    expect(back).toHaveLength(1);
    expect(back[0].snapshot).toEqual(fromPane);

    // Writing again (the user agrees to replace the working paper): our own veryHidden sheet is unprotected, cleared,
    // rewritten and protected again, still in three round trips.
    mock.resetSyncs();
    const callsBefore = state?.calls.length ?? 0;
    const again = pane.writeWorkingPaper();
    await until(() => pane.state.confirm !== null);
    pane.answerConfirm(true);
    await again;
    expect(mock.syncs()).toBe(3);
    expect(state?.calls.slice(callsBefore).filter((c) => ["unprotect", "clear", "protect"].includes(c))).toEqual(["unprotect", "clear", "protect"]);
    expect(mock.protections.filter((p) => p.sheet === name)).toHaveLength(2);
  }, 120_000);

  it("rewrites its own snapshot sheet and leaves a visible sheet of that name alone", async () => {
    const sheets = makeWorkbook({ employees: 5 });
    const { mock, pane } = await paneRun([...sheets, { name: "2025 快照", origin: "A1", values: [["我的笔记"]] }]);
    await pane.writeWorkingPaper();
    expect(pane.state.status?.kind).toBe("warning");
    expect(pane.state.status?.text.zh).toContain("未写入申报快照");
    expect(mock.written("2025 快照")).toEqual([]);
    expect(mock.protections).toEqual([]);
    expect(mock.userSheetChanges(["残保金底稿"])).toEqual([]);
  }, 60_000);
});

describe("the pane builds no snapshot without a result", () => {
  it("returns null for a run that gave no figure", () => {
    const audit = analyseWorkbook([], {});
    expect(paneSnapshot(audit, [], {})).toBeNull();
  });
});

describe("a workbook too large for the pane's snapshot", () => {
  it("makes none, and the write status says so and where to make it", async () => {
    // 3 staff: roster 3 rows + payroll 3 × 12 = 36 rows = 39 source rows; with the limit at 38 the pane skips it.
    const sheets = makeWorkbook({ employees: 3 });
    const audit = analyseWorkbook(sheets, {});
    const rows = (audit.tables ?? []).reduce((n, t) => n + (t.role === "derived" ? 0 : t.rows.read), 0);
    expect(rows).toBe(39);
    const { toPaneAudit } = await import("../../src/taskpane/analyser");
    expect(toPaneAudit(audit, sheets, {}).snapshot).not.toBeNull();
    const { mock, pane } = await paneRun(sheets);
    pane.state.audit = { ...(pane.state.audit as NonNullable<typeof pane.state.audit>), snapshot: null, snapshotSkipped: { rows: 39, limit: 38 } };
    await pane.writeWorkingPaper();
    expect(pane.state.status?.kind).toBe("warning");
    expect(pane.state.status?.text.en).toContain("the workbook has 39 data rows, above the pane's limit of 38; make it with levy audit --snapshot.");
    expect(mock.written("2025 快照")).toEqual([]);
  }, 60_000);
});
