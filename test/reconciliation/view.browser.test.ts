/**
 * The pane's 对账 view in headless Chromium: src/taskpane/reconciliation-view.ts (with waterfall.ts) bundled by
 * esbuild into the page, rendered from the analysis of a fixture workbook (the same `reconciliation` object the CLI
 * prints). Checked in the real DOM: each bridge is a picture (<svg role="img"> whose accessible name tells the figures
 * in words) with a table alternative holding the same amounts; activating a row or a bar selects its cells; the
 * unexplained bar is drawn apart. Fails (never skips) when Chromium is missing.
 */
import { build } from "esbuild";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyseWorkbook } from "../../src/validation/analyse";
import { launchChromium, type Browser } from "../browser/harness";
import * as F from "./fixtures";

const root = resolve(__dirname, "..", "..");
let browser: Browser | undefined;
let launchError: unknown;
let bundle = "";

beforeAll(async () => {
  const out = await build({
    entryPoints: [join(root, "src", "taskpane", "reconciliation-view.ts")],
    bundle: true,
    write: false,
    format: "iife",
    globalName: "ReconView",
    platform: "browser",
    target: "es2020",
  });
  bundle = out.outputFiles[0].text;
  try {
    browser = await launchChromium();
  } catch (e) {
    launchError = e;
  }
});

afterAll(async () => {
  await browser?.close();
});

describe("对账 view in the browser", () => {
  it("draws each bridge as an accessible waterfall with a table alternative, and clicks through to cells", async () => {
    if (!browser) throw launchError;
    // Kingdee journal (1,234.56 unexplained) and the IIT summary by item (ties).
    const audit = analyseWorkbook([...F.company(), F.ledgerJournalKingdee(), F.iitByItem()], { today: "2025-06-01" });
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.setContent(`<!doctype html><html lang="zh-CN"><body><main id="host"></main></body></html>`);
    await page.addScriptTag({ content: bundle });
    await page.evaluate((rec) => {
      const w = window as unknown as { selected: unknown[]; ReconView: { renderReconciliationView: (d: Document, r: unknown, l: string, f: (c: unknown) => void) => HTMLElement | null } };
      w.selected = [];
      const el = w.ReconView.renderReconciliationView(document, rec, "zh-CN", (cells) => w.selected.push(cells));
      if (el) document.getElementById("host")!.append(el);
    }, audit.reconciliation);

    const figures = page.locator("figure.bridge");
    expect(await figures.count()).toBe(3); // wage → ledger, wage → IIT, headcount → IIT
    const ledger = page.locator('figure[data-bridge="wage-ledger"]');
    const svg = ledger.locator('svg[role="img"]');
    expect(await svg.count()).toBe(1);
    const label = (await svg.getAttribute("aria-label")) ?? "";
    expect(label).toContain("未解释差异（倒挤） 1,234.56");
    expect(label).toContain("776,030.00");
    expect(label).toContain("860,264.56");
    // Start, four explained parts, unexplained, end: seven bars and seven table rows with the same amounts.
    expect(await svg.locator("g.bar").count()).toBe(7);
    expect(await svg.locator("g.bar-unexplained rect").getAttribute("fill")).toMatch(/^url\(#hatch-/);
    const amounts = await ledger.locator("table.bridge-table tbody td.num").allTextContents();
    expect(amounts).toEqual(["776,030.00", "+24,000.00", "+36,000.00", "+18,000.00", "+5,000.00", "+1,234.56", "= 860,264.56"]);
    expect(await ledger.locator("figcaption").textContent()).toContain("超过容差");

    // Click-through: the end row's button selects the journal's credit cells; a bar does the same.
    await ledger.locator("tbody tr.row-end button").click();
    await ledger.locator("g.bar-start").click();
    const selected = (await page.evaluate(() => (window as unknown as { selected: Array<Array<{ sheet: string; address: string }>> }).selected)) ?? [];
    expect(selected).toHaveLength(2);
    expect(selected[0][0].sheet).toBe("应付职工薪酬明细账");
    expect(selected[0][0].address).toMatch(/^G\d+$/);
    expect(selected[1][0].sheet).toBe("工资表");

    // The buttons are reachable by keyboard and named.
    const name = await ledger.locator("tbody tr.row-end button").getAttribute("aria-label");
    expect(name).toMatch(/^选中 /);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows the new explained parts from the parts list: IIT months not covered, staff without social insurance", async () => {
    if (!browser) throw launchError;
    // No welfare column amounts; IIT Jan–Oct (the payroll's Nov + Dec, 126,005.00, is a part) and a list of 9 insured with E10 not insured (−1).
    const audit = analyseWorkbook([...F.companyWithoutWelfare(F.companyE10NotInsured()), F.siMonthlyCount(9), F.iitByItemMonths([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])], { today: "2025-06-01" });
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.setContent(`<!doctype html><html lang="zh-CN"><body><main id="host"></main></body></html>`);
    await page.addScriptTag({ content: bundle });
    await page.evaluate((rec) => {
      const w = window as unknown as { ReconView: { renderReconciliationView: (d: Document, r: unknown, l: string, f: (c: unknown) => void) => HTMLElement | null } };
      const el = w.ReconView.renderReconciliationView(document, rec, "zh-CN", () => undefined);
      if (el) document.getElementById("host")!.append(el);
    }, audit.reconciliation);
    const iit = page.locator('figure[data-bridge="wage-iit"]');
    const label = (await iit.locator('svg[role="img"]').getAttribute("aria-label")) ?? "";
    expect(label).toContain("个税汇总未覆盖月份（11、12月）的工资");
    expect(label).toContain("126,005.00");
    // Start, retiree, months not covered, unexplained, end.
    expect(await iit.locator("svg g.bar").count()).toBe(5);
    const si = page.locator('figure[data-bridge="headcount-social-insurance"]');
    expect(await si.locator("table.bridge-table tbody").textContent()).toContain("计入人数但花名册标明未参保的职工");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("renders nothing for a workbook without reconciliation sources", async () => {
    if (!browser) throw launchError;
    const audit = analyseWorkbook(F.company(), { today: "2025-06-01" });
    const page = await browser.context.newPage();
    await page.setContent(`<!doctype html><html><body><main id="host"></main></body></html>`);
    await page.addScriptTag({ content: bundle });
    const rendered = await page.evaluate((rec) => (window as unknown as { ReconView: { renderReconciliationView: (d: Document, r: unknown, l: string, f: () => void) => HTMLElement | null } }).ReconView.renderReconciliationView(document, rec, "en-US", () => undefined) !== null, audit.reconciliation);
    expect(rendered).toBe(false);
    await page.close();
  });
});
