/**
 * Issue 10 §3 in Chromium: the pane's 同比 tab. This year's workbook (filing 2025: 50 staff × 6,000 a month) is
 * calculated; last year's snapshot (filing 2024: 40 staff × 5,000 a month, made by the pane's own snapshot builder) is
 * loaded through the file input, read in the page (File.text(); the page can reach nothing but 127.0.0.1); the
 * waterfall appears with its table and sum check, and axe-core finds no violation. Then the same from a hidden
 * "2024 快照" sheet in the open workbook, with no file picked.
 *
 * Hand-computed (national rules, no disabled staff, no cap; see test/taskpane/yoy-view.test.ts for the steps):
 *   last year  0.6 × 60,000 × 90% = 32,400.00; this year 0.75 × 72,000 × 90% = 48,600.00; change +16,200.00
 *   headcount +8,100.00 (0.75 × 60,000 × 0.9 − 32,400), average wage +8,100.00 (48,600 − 40,500), the rest 0.00.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paneSnapshot } from "../../src/taskpane/analyser";
import { snapshotSheetRows } from "../../src/snapshot/sheet";
import type { Snapshot } from "../../src/snapshot/types";
import { analyseWorkbook } from "../../src/validation/analyse";
import type { SheetData } from "../../src/workbook/types";
import { makeWorkbook } from "../taskpane/fixtures";
import { OFFICE_JS_URL, ensureBuilt, fakeOfficeScript, launchChromium, startServer, toFakeWorkbook, type Browser, type FakeConfig, type HarnessServer } from "./harness";

const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

let browser: Browser | undefined;
let server: HarnessServer;
let launchError: unknown;

beforeAll(async () => {
  ensureBuilt();
  server = await startServer({ workbook: [] });
  try {
    browser = await launchChromium();
  } catch (error) {
    launchError = error;
  }
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const THIS_YEAR: SheetData[] = makeWorkbook({ employees: 50, monthlyPay: 6000, filingYear: 2025 });
const LAST_YEAR_SHEETS: SheetData[] = makeWorkbook({ employees: 40, monthlyPay: 5000, filingYear: 2024 });
const LAST_YEAR: Snapshot = paneSnapshot(analyseWorkbook(LAST_YEAR_SHEETS, {}), LAST_YEAR_SHEETS, {}) as Snapshot;

async function openPane(config: FakeConfig, width: number): Promise<{ page: Page; problems: string[] }> {
  if (!browser) throw launchError;
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 800 });
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await page.route(OFFICE_JS_URL, (route) => route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: fakeOfficeScript(config) }));
  // Nothing leaves the machine: any request elsewhere is refused (and would show as a console error).
  await page.route((url) => url.hostname !== "127.0.0.1" && url.href !== OFFICE_JS_URL, (route) => route.abort());
  await page.goto(`${server.url}/taskpane.html`, { timeout: 120_000 });
  await page.waitForSelector("#tab-calculation");
  return { page, problems };
}

async function axe(page: Page, state: string): Promise<void> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const a = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const r = await a.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(" ")}`);
  });
  expect(violations, `axe violations in state "${state}"`).toEqual([]);
}

async function calculateThenYoy(page: Page): Promise<void> {
  await page.click('#panel-calculation [data-action="calculate"]');
  await page.waitForSelector("#form-card", { timeout: 60_000 });
  await page.click("#tab-yoy");
  await page.waitForSelector("#panel-yoy .yoy");
}

describe("the 同比 tab", () => {
  for (const width of [320, 450]) {
    it(`loads last year's snapshot through the file input and shows the waterfall (${width} px)`, async () => {
      const { page, problems } = await openPane({ workbook: toFakeWorkbook(THIS_YEAR), displayLanguage: "zh-CN" }, width);
      await calculateThenYoy(page);
      expect(await page.textContent("#panel-yoy")).toContain("未找到上年快照");
      await axe(page, `yoy before a file ${width}`);

      await page.setInputFiles("#yoy-file", { name: "2024快照.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(LAST_YEAR, null, 2)) });
      await page.waitForSelector('#panel-yoy [data-key="yoy-sum"]', { timeout: 30_000 });
      expect(await page.textContent('#panel-yoy [data-key="yoy-source"]')).toBe("上年快照：文件“2024快照.json”");
      expect(await page.textContent('#panel-yoy [data-key="yoy-sum"]')).toBe("各项之和 +16,200.00 = 本年 48,600.00 − 上年 32,400.00 = 变动 +16,200.00 ✓");
      const svg = page.locator("#panel-yoy svg.waterfall");
      expect(await svg.getAttribute("role")).toBe("img");
      const label = (await svg.getAttribute("aria-label")) ?? "";
      expect(label).toContain("2024年应补（退）费额 32,400.00；在职职工人数 8,100.00；平均工资与封顶 8,100.00");
      expect(label).toContain("2025年应补（退）费额 48,600.00");
      expect(await page.locator("#panel-yoy svg.waterfall g.bar").count()).toBe(10);
      expect(await page.textContent('#panel-yoy [data-key="yoy-row:headcount"] td')).toBe("+8,100.00");
      expect(await page.textContent('#panel-yoy [data-key="yoy-row:averageWage"] td')).toBe("+8,100.00");
      // The view fits the pane's width (no sideways scrolling).
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await axe(page, `yoy with the waterfall ${width}`);

      // A file that is not a snapshot is refused, saying why; the bridge already shown stays.
      await page.setInputFiles("#yoy-file", { name: "junk.json", mimeType: "application/json", buffer: Buffer.from("{}") });
      await page.waitForSelector("#panel-yoy .yoy-error");
      expect(await page.textContent("#panel-yoy .yoy-error")).toContain("这不是有效的残保金快照");
      expect(await page.textContent('#panel-yoy [data-key="yoy-source"]')).toBe("上年快照：文件“2024快照.json”");
      await axe(page, `yoy refused file ${width}`);
      expect(problems).toEqual([]);
      await page.close();
    }, 180_000);
  }

  it("finds last year's snapshot in the workbook's hidden 快照 sheet (en-US)", async () => {
    const sheet: SheetData = { name: "2024 快照", origin: "A1", values: snapshotSheetRows(LAST_YEAR).map((r) => [...r]) };
    const { page, problems } = await openPane({ workbook: toFakeWorkbook([...THIS_YEAR, sheet]), displayLanguage: "en-US" }, 320);
    await calculateThenYoy(page);
    await page.waitForSelector('#panel-yoy [data-key="yoy-sum"]');
    expect(await page.textContent('#panel-yoy [data-key="yoy-source"]')).toBe('Last year\'s snapshot: hidden sheet "2024 快照" of this workbook');
    expect(await page.textContent('#panel-yoy [data-key="yoy-sum"]')).toBe("Sum of the parts +16,200.00 = this year 48,600.00 − last year 32,400.00 = change +16,200.00 ✓");
    await axe(page, "yoy from the workbook en-US");
    expect(problems).toEqual([]);
    await page.close();
  }, 180_000);
});
