/**
 * The pane's 同比 view (issue 10 §3) rendered from a snapshot pair, in happy-dom. The pair is made by the pane's own
 * snapshot builder from two hand-made workbooks (test/taskpane/fixtures.ts; national rules, no disabled staff, no
 * social average wage so no cap; every employee full-time all year):
 *
 *   last year  (filing 2024): 40 staff × 5,000 × 12 = wage total 2,400,000; average 60,000
 *              required 40 × 1.5% = 0.6; gross 0.6 × 60,000 = 36,000; disabled share 0 < 1% → pays 90%
 *              payable 36,000 × 0.9 = 32,400.00
 *   this year  (filing 2025): 50 staff × 6,000 × 12 = wage total 3,600,000; average 72,000
 *              required 50 × 1.5% = 0.75; gross 0.75 × 72,000 = 54,000; payable 54,000 × 0.9 = 48,600.00
 *   change     48,600 − 32,400 = 16,200.00
 *
 * The bridge's parts (sequential substitution in the documented order):
 *   1 headcount    50 staff at last year's average: 0.75 × 60,000 × 0.9 = 40,500; 40,500 − 32,400 = +8,100.00
 *   2 average wage 72,000:                          0.75 × 72,000 × 0.9 = 48,600; 48,600 − 40,500 = +8,100.00
 *   3–8 quota, disabled, band, policy, already paid, residue: nothing changes = 0.00 each
 *   sum 8,100 + 8,100 = 16,200.00 = the change.
 */
import { Window } from "happy-dom";
import { beforeAll, describe, expect, it } from "vitest";
import { paneSnapshot } from "../../src/taskpane/analyser";
import { lastYearInWorkbook, readSnapshotFile, renderYoyView, yoyBars, yoySumCheck } from "../../src/taskpane/yoy-view";
import { yoyBridge } from "../../src/core/levy/yoy";
import { filingOf } from "../../src/snapshot/yoy-filing";
import type { Snapshot } from "../../src/snapshot/types";
import { analyseWorkbook } from "../../src/validation/analyse";
import { makeWorkbook } from "./fixtures";

function snapshotOfYear(filingYear: number, employees: number, monthlyPay: number): Snapshot {
  const sheets = makeWorkbook({ employees, monthlyPay, filingYear });
  const s = paneSnapshot(analyseWorkbook(sheets, {}), sheets, {}, () => new Date("2025-07-01T08:00:00Z"));
  if (!s) throw new Error("no snapshot");
  return s;
}

let last: Snapshot;
let current: Snapshot;
beforeAll(() => {
  last = snapshotOfYear(2024, 40, 5000);
  current = snapshotOfYear(2025, 50, 6000);
});

function doc(): Document {
  return new Window().document as unknown as Document;
}

describe("the 同比 view from a snapshot pair", () => {
  it("has the hand-computed payables and parts, summing exactly to the change", () => {
    expect(last.result.payable).toBe("32400.00");
    expect(current.result.payable).toBe("48600.00");
    const bridge = yoyBridge(filingOf(last), filingOf(current));
    expect(Object.fromEntries(bridge.steps.map((s) => [s.id, s.amount]))).toEqual({
      headcount: "8100.00",
      averageWage: "8100.00",
      quota: "0.00",
      disabled: "0.00",
      tier: "0.00",
      policy: "0.00",
      alreadyPaid: "0.00",
      residue: "0.00",
    });
    expect(yoySumCheck(bridge)).toEqual({ sum: "16200.00", change: "16200.00", equal: true });
    expect(yoyBars("zh-CN", bridge).map((b) => [b.kind, b.amount])).toEqual([
      ["start", "32400.00"],
      ...["8100.00", "8100.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00"].map((a) => ["step", a]),
      ["end", "48600.00"],
    ]);
  });

  it("renders the waterfall (role=img, the bridge in words), the table alternative and the sum check", () => {
    const d = doc();
    const view = renderYoyView(d, "zh-CN", { current, last: { snapshot: last, from: { kind: "file", name: "2024.json" } } }, () => undefined);
    const svg = view.querySelector("svg");
    expect(svg?.getAttribute("role")).toBe("img");
    const label = svg?.getAttribute("aria-label") ?? "";
    expect(label).toContain("2024年应补（退）费额 32,400.00");
    expect(label).toContain("在职职工人数 8,100.00");
    expect(label).toContain("平均工资与封顶 8,100.00");
    expect(label).toContain("2025年应补（退）费额 48,600.00");
    expect(view.querySelectorAll("svg g.bar")).toHaveLength(10);
    const rows = Array.from(view.querySelectorAll("tbody tr")).map((tr) => [tr.querySelector("th")?.textContent, tr.querySelector("td")?.textContent]);
    expect(rows[0]).toEqual(["2024年应补（退）费额", "32,400.00"]);
    expect(rows[1]).toEqual(["在职职工人数", "+8,100.00"]);
    expect(rows[2]).toEqual(["平均工资与封顶", "+8,100.00"]);
    expect(rows[rows.length - 1]).toEqual(["2025年应补（退）费额", "= 48,600.00"]);
    // What changed, in the table: headcount 40 → 50, average wage 60,000 → 72,000.
    expect(view.querySelector('[data-key="yoy-row:headcount"]')?.textContent).toContain("40 → 50");
    expect(view.querySelector('[data-key="yoy-row:averageWage"]')?.textContent).toContain("60000 → 72000");
    expect(view.querySelector('[data-key="yoy-sum"]')?.textContent).toBe("各项之和 +16,200.00 = 本年 48,600.00 − 上年 32,400.00 = 变动 +16,200.00 ✓");
    expect(view.querySelector('[data-key="yoy-source"]')?.textContent).toBe("上年快照：文件“2024.json”");
    expect(view.querySelector('[role="alert"]')).toBeNull();
    const input = view.querySelector('input[type="file"]');
    expect(input?.getAttribute("accept")).toBe(".json,application/json");
    expect(view.querySelector(`label[for="${input?.id}"]`)).not.toBeNull();
  });

  it("in English too", () => {
    const view = renderYoyView(doc(), "en-US", { current, last: { snapshot: last, from: { kind: "sheet", name: "2024 快照" } } }, () => undefined);
    expect(view.querySelector('[data-key="yoy-sum"]')?.textContent).toBe("Sum of the parts +16,200.00 = this year 48,600.00 − last year 32,400.00 = change +16,200.00 ✓");
    expect(view.querySelector('[data-key="yoy-source"]')?.textContent).toBe('Last year\'s snapshot: hidden sheet "2024 快照" of this workbook');
  });

  it("finds last year's snapshot among the workbook's, reads a picked file, and refuses one that is not a snapshot", async () => {
    expect(lastYearInWorkbook(current, [{ sheet: "2025 快照", snapshot: current }])).toBeNull();
    expect(lastYearInWorkbook(current, [{ sheet: "2024 快照", snapshot: last }, { sheet: "2025 快照", snapshot: current }])?.from).toEqual({ kind: "sheet", name: "2024 快照" });
    const read = await readSnapshotFile({ name: "last.json", text: async () => JSON.stringify(last) });
    expect(read.snapshot).toEqual(last);
    await expect(readSnapshotFile({ name: "x.json", text: async () => "{}" })).rejects.toThrow(/不是有效的残保金快照/);
  });

  it("says what is missing, and warns about an edited snapshot", () => {
    const none = renderYoyView(doc(), "zh-CN", { current: null, last: null }, () => undefined);
    expect(none.textContent).toContain("请先计算本年度");
    const noLast = renderYoyView(doc(), "zh-CN", { current, last: null }, () => undefined);
    expect(noLast.textContent).toContain("未找到上年快照");
    const edited = { ...last, result: { ...last.result, payable: "30000.00" } };
    const view = renderYoyView(doc(), "zh-CN", { current, last: { snapshot: edited, from: { kind: "file", name: "e.json" } } }, () => undefined);
    expect(view.querySelector('[role="alert"]')?.textContent).toContain("校验值不符");
    // The residue carries the difference between the edited figure and what last year's inputs recompute to:
    // filed change 48,600 − 30,000 = 18,600; steps 1–7 explain 16,200; residue 2,400. Still summing exactly.
    expect(view.querySelector('[data-key="yoy-row:residue"] td')?.textContent).toBe("+2,400.00");
    expect(view.querySelector('[data-key="yoy-sum"]')?.textContent).toContain("变动 +18,600.00 ✓");
  });
});
