/**
 * The pane's logic end to end against an office-addin-mock workbook: the real gateway, the real analysis (inline),
 * no DOM.
 */
import { describe, expect, it } from "vitest";
import { CancelledError, POST_CELLS, SheetCollector, inlineAnalyser, workerAnalyser, type Analyser, type WorkerLike, type WorkerReply, type WorkerRequest } from "../../src/taskpane/analyser";
import type { SheetData } from "../../src/workbook/types";
import { analyseWorkbook } from "../../src/validation/analyse";
import { OWN_SHEETS, createOfficeGateway } from "../../src/taskpane/excel-gateway";
import { PaneController } from "../../src/taskpane/pane";
import type { PaneAudit } from "../../src/taskpane/view-model";
import { createExcelMock, type ExcelMock } from "./excel-mock";
import { makeWorkbook, type FixtureOptions } from "./fixtures";

const OWN: readonly string[] = Object.values(OWN_SHEETS);

interface Timers {
  pending: Array<{ fn: () => void; ms: number }>;
  flush(): void;
}

function setup(options: FixtureOptions = { employees: 40, interns: 2 }, analyser?: Analyser): { mock: ExcelMock; pane: PaneController; timers: Timers } {
  const mock = createExcelMock(makeWorkbook(options));
  const timers: Timers = {
    pending: [],
    flush() {
      const due = timers.pending.splice(0);
      due.forEach((t) => t.fn());
    },
  };
  let pane: PaneController | null = null;
  const gateway = createOfficeGateway(mock.host, { confirmReplace: (sheet) => (pane as PaneController).confirmReplace(sheet) });
  pane = new PaneController({
    gateway,
    analyser: analyser ?? inlineAnalyser(analyseWorkbook),
    officeLanguage: "zh-CN",
    now: () => "2025-07-01T08:00:00.000Z",
    setTimer: (fn, ms) => {
      const t = { fn, ms };
      timers.pending.push(t);
      return t;
    },
    clearTimer: (h) => {
      const i = timers.pending.indexOf(h as { fn: () => void; ms: number });
      if (i >= 0) timers.pending.splice(i, 1);
    },
  });
  return { mock, pane, timers };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe("a validation run", () => {
  it("reads the workbook, analyses it and shows the result", async () => {
    const { pane } = setup();
    const fractions: number[] = [];
    pane.subscribe(() => {
      if (pane.state.busy) fractions.push(pane.state.busy.fraction);
    });
    await pane.analyse("validation");
    expect(pane.state.busy).toBeNull();
    expect(pane.state.view).toBe("validation");
    expect(pane.state.status?.kind).toBe("warning"); // the interns are warnings: the status says so in the warning style (issue 11), never a plain success
    expect(pane.state.audit?.calculation?.payable).toBe("32400.00");
    expect(pane.state.audit?.findings.some((f) => f.code === "HC_INTERN")).toBe(true);
    // One certified hire from January: 41 staff, 1 disabled ≥ 41 × 1.5% — the whole quota, nothing left to pay.
    expect(pane.state.audit?.hires).toEqual({ target: "full", hires: 1, reachable: true, saving: "32400.00", payableAfter: "0.00" });
    expect(fractions.length).toBeGreaterThan(2);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
  });

  it("takes the same number of context.sync() calls for 10 and for 10,000 roster rows", async () => {
    const counts: number[] = [];
    for (const employees of [10, 10_000]) {
      const { mock, pane } = setup({ employees, interns: 1, payroll: "annual" });
      await pane.analyse("validation");
      expect(pane.state.status?.kind).toBe("warning"); // the intern is a warning (issue 11: the status tells the truth)
      expect(pane.state.audit?.tables?.find((t) => t.kind === "roster")?.rows.read).toBe(employees + 1);
      counts.push(mock.syncs());
      expect(mock.userSheetChanges(OWN)).toEqual([]);
    }
    expect(counts[0]).toBe(counts[1]);
  }, 60_000);

  it("passes the pickers to the analysis over the workbook's parameter block", async () => {
    const { pane } = setup();
    await pane.setPicker("region", "CN-JS");
    await pane.setPicker("filingYear", "2024");
    expect(pane.analysisOptions()).toEqual({ region: "CN-JS", filingYear: 2024 });
    await pane.analyse();
    expect(pane.state.audit?.calculation?.region.code).toBe("CN-JS");
    expect(pane.state.audit?.calculation?.filingYear).toBe(2024);
    await pane.setPicker("region", "");
    expect(pane.analysisOptions()).toEqual({ filingYear: 2024 });
  });

  it("can be cancelled, and says so", async () => {
    let release: () => void = () => undefined;
    const slow: Analyser = {
      run: (_s, _o, onProgress, signal) =>
        new Promise<PaneAudit>((_, reject) => {
          onProgress(0.1, "roster");
          release = () => reject(new Error("should have been cancelled"));
          signal.addEventListener("abort", () => reject(new CancelledError()));
        }),
    };
    const { pane } = setup({ employees: 5 }, slow);
    const run = pane.analyse();
    await until(() => pane.state.busy !== null && pane.state.busy.fraction > 0.4, "the analysis to start");
    expect(pane.state.busy?.cancellable).toBe(true);
    pane.cancel();
    await run;
    release();
    expect(pane.state.busy).toBeNull();
    expect(pane.state.status).toEqual({ kind: "info", text: { zh: "已取消。", en: "Cancelled." } });
    expect(pane.state.audit).toBeNull();
  });

  it("reports a failure in both languages", async () => {
    const failing: Analyser = { run: async () => Promise.reject(new Error("boom")) };
    const { pane } = setup({ employees: 5 }, failing);
    await pane.analyse();
    // Not an Office error: a plain sentence with the next step in both languages, the raw text only under details.
    expect(pane.state.status).toEqual({
      kind: "error",
      text: {
        zh: "出错：操作未完成，出现了意外错误。请重试；如仍出错，请把“详细信息”发给支持人员。",
        en: "Failed: The operation did not finish: an unexpected error occurred. Try again; if it persists, send the details to support.",
      },
      details: "boom",
    });
  });

  it("translates an Office error and keeps Office's own text under details", async () => {
    const protectedSheet = Object.assign(new Error("The cell or chart you're trying to change is protected and therefore read-only."), { code: "AccessDenied" });
    const failing: Analyser = { run: async () => Promise.reject(protectedSheet) };
    const { pane } = setup({ employees: 5 }, failing);
    await pane.analyse();
    expect(pane.state.status?.text.zh).toContain("受保护");
    expect(pane.state.status?.text.zh).toContain("撤销工作表保护");
    expect(pane.state.status?.text.en).toContain("Unprotect the sheet");
    expect(pane.state.status?.text.zh).not.toContain("read-only");
    expect(pane.state.status?.details).toBe("AccessDenied: The cell or chart you're trying to change is protected and therefore read-only.");
  });
});

describe("selecting cells", () => {
  it("selects a finding's cells on its sheet", async () => {
    const { mock, pane } = setup();
    await pane.analyse("validation");
    const interns = pane.state.audit?.findings.find((f) => f.code === "HC_INTERN");
    await pane.selectCells(interns?.cells ?? []);
    expect(mock.selections).toHaveLength(1);
    expect(mock.selections[0].sheet).toBe("花名册");
    expect(pane.state.status?.text.en).toMatch(/^Selected 花名册!/);
  });
});

describe("writing the add-in's sheets", () => {
  it("writes the working paper and the findings sheet, asks before replacing, and never touches the user's sheets", async () => {
    const { mock, pane } = setup();
    await pane.writeWorkingPaper();
    expect(pane.state.status?.text.en).toBe("Calculate first.");
    await pane.analyse();
    await pane.writeWorkingPaper();
    expect(pane.state.status?.kind).toBe("success");
    const paper = mock.written("残保金底稿").flatMap((b) => b.values);
    expect(paper[0][0]).toBe("残保金计算底稿 Levy working paper");
    expect(paper.some((r) => r[2] === 32400)).toBe(true);

    await pane.copyFindings();
    const sheet = mock.written("校验结果").flatMap((b) => b.values);
    expect(sheet[0][1]).toBe("代码 Code");
    expect(sheet.some((r) => r[1] === "HC_INTERN")).toBe(true);

    // The working paper exists now: writing it again asks first; "keep" leaves it alone.
    const again = pane.writeWorkingPaper();
    await until(() => pane.state.confirm !== null, "the question");
    expect(pane.state.confirm).toEqual({ kind: "replace", sheet: "残保金底稿" });
    const before = mock.written("残保金底稿").length;
    pane.answerConfirm(false);
    await again;
    expect(pane.state.status?.text.en).toBe('"残保金底稿" was not replaced.');
    expect(mock.written("残保金底稿").length).toBe(before);

    const replace = pane.writeWorkingPaper();
    await until(() => pane.state.confirm !== null, "the question");
    pane.answerConfirm(true);
    await replace;
    expect(pane.state.status?.kind).toBe("success");
    expect(mock.sheets.get("残保金底稿")?.calls).toContain("clear");

    // The filed snapshot sheet (issue 10 §3) is the add-in's own too (test/taskpane/snapshot-sheet.test.ts).
    expect(mock.userSheetChanges([...OWN, "2025 快照"])).toEqual([]);
  });
});

describe("settings", () => {
  it("persist in the document and come back when the pane reopens", async () => {
    const { mock, pane } = setup();
    expect(pane.state.language).toBe("zh-CN");
    await pane.setPicker("region", "CN-JS");
    await pane.setPicker("entityType", "public-institution");
    await pane.setLanguage("en-US");
    await pane.setMapping({ 用工类别: "employmentType" });
    expect(pane.state.language).toBe("en-US");
    const reopened = new PaneController({ gateway: createOfficeGateway(mock.host), analyser: inlineAnalyser(analyseWorkbook), officeLanguage: "zh-CN" });
    expect(reopened.state.settings).toEqual({ region: "CN-JS", entityType: "public-institution", language: "en-US", mapping: { 用工类别: "employmentType" } });
    expect(reopened.state.language).toBe("en-US");
    expect(reopened.analysisOptions()).toEqual({ region: "CN-JS", entityType: "public-institution", mapping: { 用工类别: "employmentType" } });
    await reopened.setLanguage("auto");
    expect(reopened.state.language).toBe("zh-CN");
    expect(mock.settingsStore.get("levyAssistant")).not.toHaveProperty("language");
  });
});

describe("re-validation after edits", () => {
  it("re-validates once, debounced, after the user's edits; ignores its own sheets and its own writes", async () => {
    const { mock, pane, timers } = setup();
    await pane.setAutoValidate(true);
    expect(mock.handlers()).toBe(1);
    await mock.fireChange("花名册", "D2");
    await mock.fireChange("花名册", "D3");
    expect(timers.pending).toHaveLength(1);
    expect(timers.pending[0].ms).toBe(1500);
    const syncsBefore = mock.syncs();
    timers.flush();
    await until(() => pane.state.audit !== null && pane.state.busy === null, "the re-validation");
    expect(mock.syncs() - syncsBefore).toBe(3);

    pane.onChange({ sheetId: "x", sheet: "校验结果", address: "A1", byThisAddin: false });
    pane.onChange({ sheetId: "x", sheet: "花名册", address: "A1", byThisAddin: true });
    expect(timers.pending).toHaveLength(0);

    await pane.setAutoValidate(false);
    expect(mock.handlers()).toBe(0);
    await mock.fireChange("花名册", "D2");
    expect(timers.pending).toHaveLength(0);
  });
});

describe("the worker analyser", () => {
  function fakeWorker(script: (request: WorkerRequest, reply: (r: WorkerReply) => void) => void): WorkerLike & { terminated: boolean } {
    const w: WorkerLike & { terminated: boolean } = {
      terminated: false,
      onmessage: null,
      onerror: null,
      postMessage(request) {
        setTimeout(() => script(request, (r) => w.onmessage?.({ data: r })), 0);
      },
      terminate() {
        w.terminated = true;
      },
    };
    return w;
  }
  const audit: PaneAudit = { calculation: null, rows: { read: 0, counted: 0, excluded: 0, rejected: 0 }, findings: [] };
  const never: Analyser = { run: () => Promise.reject(new Error("fallback used")) };

  it("sends the sheets in slices, relays progress and the result", async () => {
    const sheets = makeWorkbook({ employees: 5000, payroll: "annual" });
    let received: SheetData[] = [];
    let slices = 0;
    let collector: SheetCollector | null = null;
    const analyser = workerAnalyser(
      () =>
        fakeWorker((req, reply) => {
          if (req.type === "begin") collector = new SheetCollector(req);
          else if (req.type === "rows") {
            slices++;
            expect(req.values.length * req.values[0].length).toBeLessThanOrEqual(POST_CELLS);
            collector?.add(req);
          } else {
            received = collector?.sheets ?? [];
            reply({ type: "progress", id: req.id, fraction: 0.5, stage: "roster" });
            reply({ type: "done", id: req.id, audit });
          }
        }),
      never,
    );
    const seen: number[] = [];
    await expect(analyser.run(sheets, {}, (f) => seen.push(f), new AbortController().signal)).resolves.toEqual(audit);
    expect(seen).toEqual([0.5]);
    expect(slices).toBeGreaterThan(3);
    expect(received).toEqual(sheets);
  });

  it("terminates the worker on cancel", async () => {
    const workers: Array<WorkerLike & { terminated: boolean }> = [];
    const analyser = workerAnalyser(() => {
      const w = fakeWorker(() => undefined);
      workers.push(w);
      return w;
    }, never);
    const abort = new AbortController();
    const run = analyser.run([], {}, () => undefined, abort.signal);
    abort.abort();
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(workers.map((w) => w.terminated)).toEqual([true]);
  });

  it("falls back to the inline analysis when a worker cannot start", async () => {
    const inline: Analyser = { run: async () => audit };
    const refused = workerAnalyser(() => {
      throw new Error("CSP");
    }, inline);
    await expect(refused.run([], {}, () => undefined, new AbortController().signal)).resolves.toEqual(audit);
    const broken = workerAnalyser(() => {
      const w = fakeWorker(() => undefined);
      w.postMessage = () => setTimeout(() => w.onerror?.({ message: "404" }), 0);
      return w;
    }, inline);
    await expect(broken.run([], {}, () => undefined, new AbortController().signal)).resolves.toEqual(audit);
  });
});
