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
    // The browser's print dialog, recorded (headless Chromium shows none).
    window.print = () => void (window as unknown as { __effects?: string[] }).__effects?.push("print");
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

/* ------------------------------------------------------------------ Enter on every focusable item */

/** A selector that finds the focused element again after a re-render: its data-key, its id, or a path from one. */
function focusedSelector(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    if (!active || active === document.body) return null;
    // A Fluent drop-down's focus is on its inner combobox button; the drop-down (its data-key) finds it again.
    const el = (active.closest("fluent-dropdown") as HTMLElement | null) ?? active;
    const esc = (v: string) => v.replace(/"/g, '\\"');
    const own = (e: HTMLElement): string | null => (e.dataset.key ? `[data-key="${esc(e.dataset.key)}"]` : e.id ? `#${CSS.escape(e.id)}` : null);
    const direct = own(el);
    // (page.focus focuses the element itself: for a drop-down, its button.)
    if (direct && el !== active && document.querySelectorAll(direct).length === 1) return `${direct} [slot="control"]`;
    if (direct && document.querySelectorAll(direct).length === 1) return direct;
    const parts: string[] = [];
    let e: HTMLElement | null = el;
    while (e && e !== document.body) {
      const anchor = own(e);
      if (anchor && e !== el && document.querySelectorAll(anchor).length === 1) {
        parts.unshift(anchor);
        break;
      }
      const parent: HTMLElement | null = e.parentElement;
      const index = parent ? Array.from(parent.children).indexOf(e) + 1 : 1;
      parts.unshift(`${e.tagName.toLowerCase()}:nth-child(${index})`);
      e = parent;
    }
    return parts.join(" > ");
  });
}

/** Every element Tab reaches from the top of the page, in order (stops when the focus comes round again). */
async function tabOrder(page: Page): Promise<string[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const seen: string[] = [];
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press("Tab");
    const s = await focusedSelector(page);
    if (s === null) continue;
    if (seen.includes(s)) break;
    seen.push(s);
  }
  return seen;
}

/**
 * Counts what Enter did: DOM changes (nodes, text, attributes other than focus styling), a moved focus, a hash
 * change, a value committed (input/change), a toggled checkbox, the clipboard, Excel selections and writes.
 * Navigation away (a link to the guide) is recorded as its click and then prevented, so the page stays.
 */
async function watchEffects(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __effects: string[]; __watching?: boolean };
    w.__effects = [];
    if (w.__watching) return;
    w.__watching = true;
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === "attributes" && ["class", "style", "tabindex", "current-value"].includes(r.attributeName ?? "") && r.target === document.activeElement) continue;
        w.__effects.push(`mutation:${r.type}${r.attributeName ? `:${r.attributeName}` : ""}`);
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    document.addEventListener("focusin", () => w.__effects.push("focus"), true);
    document.addEventListener("input", () => w.__effects.push("input"), true);
    document.addEventListener("change", () => w.__effects.push("change"), true);
    window.addEventListener("hashchange", () => w.__effects.push("hash"));
    document.addEventListener(
      "click",
      (e) => {
        const a = (e.target as HTMLElement).closest?.("a[href]");
        if (a && !(a.getAttribute("href") ?? "").startsWith("#")) {
          e.preventDefault();
          w.__effects.push("navigate");
        }
      },
      true,
    );
  });
}

async function effectsOfEnter(page: Page, selector: string): Promise<string[]> {
  // Not while a run goes (its buttons are inert, disabled-focusable, until it ends).
  await page.waitForFunction(() => !document.querySelector("[disabled-focusable]"), undefined, { timeout: 60_000 });
  await page.focus(selector);
  await page.waitForTimeout(300);
  await page.waitForFunction(() => !document.querySelector("[disabled-focusable]"), undefined, { timeout: 60_000 });
  await watchEffects(page);
  const before = await page.evaluate(() => {
    const f = (window as any).__fakeExcel;
    return { copied: (window as any).__copied.length, selections: f.selections.length, writes: f.writes.length };
  });
  await page.keyboard.press("Enter");
  // An effect is waited for up to 2 s (a loaded machine is slow to re-render), then 100 ms more for the rest.
  await page.waitForFunction(() => ((window as any).__effects as string[]).length > 0, undefined, { timeout: 2_000 }).catch(() => undefined);
  await page.waitForTimeout(100);
  const after = await page.evaluate(() => {
    const f = (window as any).__fakeExcel;
    return { copied: (window as any).__copied.length, selections: f.selections.length, writes: f.writes.length, effects: (window as any).__effects as string[] };
  });
  const effects = [...after.effects];
  if (after.copied > before.copied) effects.push("clipboard");
  if (after.selections > before.selections) effects.push("selection");
  if (after.writes > before.writes) effects.push("write");
  return effects;
}

describe("every focusable item does something on Enter", () => {
  const tiny = makeWorkbook({ employees: 40, interns: 2 });
  const states: Array<{ name: string; setUp: (page: Page) => Promise<void> }> = [
    // The start state: the pickers unfolded, nothing computed yet. Enter on a closed picker opens its list; Enter on
    // Calculate starts a run, during which the pickers, like the buttons, are inert (disabled-focusable) until it ends.
    { name: "start", setUp: async () => undefined },
    { name: "calculation with the what-if open", setUp: async (page) => (await calculate(page), await page.click("#what-if > summary")) },
    { name: "validation", setUp: async (page) => (await calculate(page), await page.click("#tab-validation")) },
    { name: "mapping", setUp: async (page) => (await calculate(page), await page.click("#tab-mapping")) },
    { name: "settings", setUp: async (page) => await page.click("#tab-settings") },
    { name: "help", setUp: async (page) => void (await page.click('[data-action="help"]'), await page.waitForSelector("#help-title")) },
  ];
  for (const state of states) {
    it(`Enter acts on every item Tab reaches — ${state.name}`, async () => {
      const fresh = async () => {
        const opened = await openPane({ workbook: toFakeWorkbook(tiny), displayLanguage: "zh-CN" }, 450, 900);
        await state.setUp(opened.page);
        return opened;
      };
      let { page, problems } = await fresh();
      const order = await tabOrder(page);
      // The help dialog is modal (the pane behind it is inert): Tab reaches its two items only, the guide and Close.
      if (state.name === "help") expect([...order].sort()).toEqual(["#help-readme", '[data-key="help-close"]']);
      else expect(order.length, "focusable items").toBeGreaterThan(2);
      const idle: string[] = [];
      const tab = await page.evaluate(() => document.querySelector('[role="tab"][aria-selected="true"]')?.id ?? null);
      for (const selector of order) {
        // Back to the state: a dialog an earlier Enter opened is closed, the state's view shown again; an item an
        // earlier Enter took away (a folded group) brings a fresh pane.
        if (state.name !== "help" && (await page.$("fluent-dialog, [role=dialog], [role=alertdialog]"))) await page.keyboard.press("Escape");
        if (tab && (await page.getAttribute(`#${tab}`, "aria-selected")) !== "true") await page.click(`#${tab}`);
        if (!(await page.$(selector)) || !(await page.isVisible(selector))) {
          expect(problems).toEqual([]);
          await page.close();
          ({ page, problems } = await fresh());
        }
        const effects = await effectsOfEnter(page, selector);
        if (effects.length === 0) idle.push(selector);
      }
      expect(idle, `items where Enter did nothing in "${state.name}"`).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    }, 600_000);
  }
});
