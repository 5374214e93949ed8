/**
 * Issue 11, the Office look: the pane's tabs, drop-downs and dialogs are Fluent UI web components (v3) and stay
 * accessible. Proved three ways in headless Chromium, at 320 and 450 px, in zh-CN and en-US:
 * - Chromium's own accessibility tree (CDP Accessibility.getFullAXTree, which reads ElementInternals too): tablist and
 *   tabs with names and selected state, comboboxes named by their labels, listbox and options with selected state,
 *   the help dialog and the replace confirmation (alertdialog) with names;
 * - axe-core: zero violations of any impact in every state (start, list open, computed, validation, filter open,
 *   settings, help, confirmation);
 * - the keyboard: arrow keys, Home and End along the tabs, Enter and Space on tabs and options, Escape closes
 *   dialogs, the focus never on <body> during a run started from a picker; the picked values reach the calculation.
 * Also: the Office theme is read again when the pane regains the focus or becomes visible (a fake Office whose theme
 * changes between reads), and English UI text never shows ¥ (one money style: 元 in Chinese, CNY in English).
 * Screenshots go to test-artifacts/fluent/.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CDPSession, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SheetData } from "../../src/workbook/types";
import { makeWorkbook } from "../taskpane/fixtures";
import {
  OFFICE_JS_URL,
  ROOT,
  chooseOption,
  dropdownValue,
  ensureBuilt,
  fakeOfficeScript,
  launchChromium,
  readExampleWorkbook,
  startServer,
  toFakeWorkbook,
  type Browser,
  type FakeConfig,
  type HarnessServer,
} from "./harness";

const ARTIFACTS = join(ROOT, "test-artifacts", "fluent");
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TINY: SheetData[] = makeWorkbook({ employees: 40, interns: 2 });

let browser: Browser | undefined;
let server: HarnessServer;
let launchError: unknown;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
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

interface Opened {
  page: Page;
  problems: string[];
}

async function openPane(config: FakeConfig, width: number, height = 700): Promise<Opened> {
  if (!browser) throw launchError;
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height });
  const opened: Opened = { page, problems: [] };
  page.on("console", (m) => {
    if (m.type() === "error") opened.problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => opened.problems.push(`pageerror: ${e.message}`));
  await page.route(OFFICE_JS_URL, (route) => route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: fakeOfficeScript(config) }));
  await page.route((url) => url.hostname !== "127.0.0.1" && url.href !== OFFICE_JS_URL, (route) => route.abort());
  await page.goto(`${server.url}/taskpane.html`, { timeout: 120_000 });
  await page.waitForSelector("#tab-calculation");
  // Fluent fills a drop-down's button a moment after it is connected.
  await page.waitForFunction(() => Array.from(document.querySelectorAll("fluent-dropdown")).every((d) => d.querySelector('[slot="control"]')));
  return opened;
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

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

/** A node of Chromium's accessibility tree: role, name and the states these checks read. */
interface AxNode {
  role: string;
  name: string;
  selected?: boolean;
  expanded?: boolean;
  modal?: boolean;
  focused?: boolean;
}

const ROLES = ["tablist", "tab", "tabpanel", "combobox", "listbox", "option", "dialog", "alertdialog"];

/** Chromium's own accessibility tree (what a screen reader gets), the nodes of the roles above. */
async function axTree(cdp: CDPSession): Promise<AxNode[]> {
  const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as unknown as {
    nodes: Array<{ ignored: boolean; role?: { value: string }; name?: { value: string }; properties?: Array<{ name: string; value: { value: unknown } }> }>;
  };
  return nodes
    .filter((n) => !n.ignored && ROLES.includes(n.role?.value ?? ""))
    .map((n) => {
      const prop = (name: string) => n.properties?.find((p) => p.name === name)?.value.value as boolean | undefined;
      const node: AxNode = { role: n.role?.value ?? "", name: String(n.name?.value ?? "").trim() };
      for (const key of ["selected", "expanded", "modal", "focused"] as const) {
        const v = prop(key);
        if (v !== undefined) node[key] = v === true || (v as unknown) === "true";
      }
      return node;
    });
}

const focusedIsBody = (page: Page) => page.evaluate(() => document.activeElement === null || document.activeElement === document.body);

/** Hand-written expectations per language: the names a reader hears. */
const NAMES = {
  "zh-CN": {
    views: "视图",
    tabs: ["计算", "校验", "映射", "同比", "设置"],
    pickers: ["地区", "申报年度", "单位类型"],
    fromWorkbook: "按工作簿参数",
    help: "关于残保金助手",
    replace: "替换工作表？",
    filter: "按规则筛选",
    language: "语言 / Language",
    beijing: "北京",
    year: "2024 年申报（2023 年数据）",
    government: "机关",
  },
  "en-US": {
    views: "Views",
    tabs: ["Calculation", "Validation", "Mapping", "YoY", "Settings"],
    pickers: ["Region", "Filing year", "Entity type"],
    fromWorkbook: "From the workbook",
    help: "About Levy Assistant",
    replace: "Replace the sheet?",
    filter: "Filter by rule",
    language: "Language / 语言",
    beijing: "Beijing",
    year: "filing 2024 (data 2023)",
    government: "Government body",
  },
} as const;

describe("Fluent tabs, drop-downs and dialogs: Chromium's accessibility tree, axe, keyboard", () => {
  for (const width of [320, 450]) {
    for (const lang of ["zh-CN", "en-US"] as const) {
      const tag = `${lang}-${width}`;
      const N = NAMES[lang];
      it(`every state — ${tag}`, async () => {
        const { page, problems } = await openPane({ workbook: toFakeWorkbook(TINY), displayLanguage: lang }, width);
        const cdp = await page.context().newCDPSession(page);

        // Start: a tablist of five named tabs, the first selected; three comboboxes named by their labels, closed.
        let tree = await axTree(cdp);
        expect(tree.filter((n) => n.role === "tablist").map((n) => n.name)).toEqual([N.views]);
        expect(tree.filter((n) => n.role === "tab").map((n) => [n.name, n.selected])).toEqual(N.tabs.map((name, i) => [name, i === 0]));
        expect(tree.filter((n) => n.role === "combobox").map((n) => [n.name, n.expanded])).toEqual(N.pickers.map((name) => [name, false]));
        await axe(page, `start ${tag}`);
        await shot(page, `start-${tag}`);

        // The region's list, opened with the mouse: a listbox named 地区/Region whose first option (from the workbook)
        // is the selected one.
        await page.click('#pick-region [slot="control"]');
        await page.waitForFunction(() => document.querySelector('#pick-region [slot="control"]')?.getAttribute("aria-expanded") === "true");
        tree = await axTree(cdp);
        expect(tree.find((n) => n.role === "combobox" && n.name === N.pickers[0])?.expanded).toBe(true);
        expect(tree.filter((n) => n.role === "listbox").map((n) => n.name)).toEqual([N.pickers[0]]);
        const options = tree.filter((n) => n.role === "option");
        expect(options.length).toBeGreaterThan(30);
        expect(options[0]).toMatchObject({ name: N.fromWorkbook, selected: true });
        expect(options.slice(1).every((o) => o.selected === false)).toBe(true);
        await axe(page, `region list open ${tag}`);
        await shot(page, `region-open-${tag}`);
        await page.click('#pick-region fluent-option[value="CN-BJ"]');
        await page.waitForFunction(() => (document.getElementById("pick-region") as unknown as { value: string }).value === "CN-BJ");
        expect(await page.getAttribute('#pick-region fluent-option[value="CN-BJ"]', "aria-selected")).toBe("true");

        // The entity type with Space: Space opens the list, ArrowDown twice passes 企业 to 机关 (the options:
        // from the workbook, enterprise, government, …), Space takes it (no run).
        await page.focus("#pick-entity [slot=\"control\"]");
        await page.keyboard.press(" ");
        await page.waitForFunction(() => document.querySelector('#pick-entity [slot="control"]')?.getAttribute("aria-expanded") === "true");
        await page.keyboard.press("ArrowDown");
        await page.keyboard.press("ArrowDown");
        await page.keyboard.press(" ");
        await page.waitForFunction(() => (document.getElementById("pick-entity") as unknown as { value: string }).value === "government");
        expect(await page.isVisible("#form-card")).toBe(false);

        // The year with Enter: Enter opens the list (on "from the workbook"); the years follow from next year down
        // (in 2026: 2027, 2026, 2025, 2024), so 2024 is (this year + 1) − 2024 + 1 steps down (4 in 2026); Enter takes
        // it and runs the analysis with all three inputs. The focus is watched every 10 ms: never on <body>.
        const thisYear = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
        const steps = thisYear + 1 - 2024 + 1;
        await page.focus("#pick-year [slot=\"control\"]");
        await page.keyboard.press("Enter");
        await page.waitForFunction(() => document.querySelector('#pick-year [slot="control"]')?.getAttribute("aria-expanded") === "true");
        for (let i = 0; i < steps; i++) await page.keyboard.press("ArrowDown");
        await page.evaluate(() => {
          const w = window as unknown as { __bodyFocus: number; __watch: number };
          w.__bodyFocus = 0;
          w.__watch = window.setInterval(() => {
            if (document.activeElement === document.body || document.activeElement === null) w.__bodyFocus++;
          }, 10);
        });
        await page.keyboard.press("Enter");
        await page.waitForSelector("#form-card", { timeout: 60_000 });
        await page.waitForFunction(() => !document.querySelector("[disabled-focusable]"), undefined, { timeout: 60_000 });
        const bodyFocus = await page.evaluate(() => {
          const w = window as unknown as { __bodyFocus: number; __watch: number };
          window.clearInterval(w.__watch);
          return w.__bodyFocus;
        });
        expect(bodyFocus, "times the focus was on <body> during the run").toBe(0);
        expect(await page.evaluate(() => document.activeElement?.closest("fluent-dropdown")?.id)).toBe("pick-year");
        // The three values reached the calculation: the result names the inputs it was computed with.
        const computedWith = (await page.textContent("#computed-with")) ?? "";
        expect(computedWith).toContain(N.beijing);
        expect(computedWith).toContain(N.year);
        expect(computedWith).toContain(N.government);
        expect([await dropdownValue(page, "pick-region"), await dropdownValue(page, "pick-year"), await dropdownValue(page, "pick-entity")]).toEqual(["CN-BJ", "2024", "government"]);
        await axe(page, `computed ${tag}`);
        await shot(page, `computed-${tag}`);

        // Tabs from the keyboard: ArrowRight selects and shows the next view, ArrowLeft goes back, End and Home go to
        // the ends; Enter (and Space) on the shown tab moves into its view.
        await page.focus("#tab-calculation");
        await page.keyboard.press("ArrowRight");
        await page.waitForFunction(() => document.getElementById("tab-validation")?.getAttribute("aria-selected") === "true");
        expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-validation");
        expect(await page.isVisible("#panel-validation")).toBe(true);
        expect(await page.isVisible("#panel-calculation")).toBe(false);
        tree = await axTree(cdp);
        // (After a run the validation tab's name says how many errors and warnings its badge counts: the badge's bare
        // number is hidden from the tree, words stand in for it.)
        const selectedTabs = tree.filter((n) => n.role === "tab" && n.selected).map((n) => n.name);
        expect(selectedTabs).toHaveLength(1);
        const counted = lang === "zh-CN" ? "（\\d+ 个错误，\\d+ 个警告）" : "\\(\\d+ errors?, \\d+ warnings?\\)";
        expect(selectedTabs[0]).toMatch(new RegExp(`^${N.tabs[1]}( ${counted})?$`));
        await page.keyboard.press("End");
        expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-settings");
        await page.keyboard.press("Home");
        expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-calculation");
        await page.keyboard.press("ArrowLeft");
        expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-settings");
        await page.keyboard.press("ArrowRight");
        await page.keyboard.press("ArrowRight");
        await page.waitForFunction(() => document.getElementById("tab-validation")?.getAttribute("aria-selected") === "true");
        await page.keyboard.press("Enter");
        expect(await page.evaluate(() => document.activeElement?.id)).toBe("panel-validation");
        await page.focus("#tab-validation");
        await page.keyboard.press(" ");
        expect(await page.evaluate(() => document.activeElement?.id)).toBe("panel-validation");
        await axe(page, `validation ${tag}`);

        // The rule filter: a named listbox when open; Escape closes it and keeps the choice.
        await page.click('#rule-filter [slot="control"]');
        await page.waitForFunction(() => document.querySelector('#rule-filter [slot="control"]')?.getAttribute("aria-expanded") === "true");
        tree = await axTree(cdp);
        expect(tree.filter((n) => n.role === "listbox").map((n) => n.name)).toEqual([N.filter]);
        await axe(page, `filter open ${tag}`);
        await page.keyboard.press("Escape");
        await page.waitForFunction(() => document.querySelector('#rule-filter [slot="control"]')?.getAttribute("aria-expanded") === "false");
        expect(await dropdownValue(page, "rule-filter")).toBe("");

        // Settings: the language drop-down, named by its bilingual label.
        await page.click("#tab-settings");
        tree = await axTree(cdp);
        expect(tree.filter((n) => n.role === "combobox").map((n) => n.name)).toEqual([N.language]);
        await axe(page, `settings ${tag}`);
        await shot(page, `settings-${tag}`);

        // Help: a modal dialog named by its title, the focus on Close; Escape closes it, the focus back on Help.
        await page.click('[data-action="help"]');
        await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset.key === "help-close");
        tree = await axTree(cdp);
        expect(tree.filter((n) => n.role === "dialog").map((n) => [n.name, n.modal])).toEqual([[N.help, true]]);
        await axe(page, `help ${tag}`);
        await shot(page, `help-${tag}`);
        await page.keyboard.press("Escape");
        await page.waitForSelector("#help-dialog", { state: "detached" });
        expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.key)).toBe("help");

        // The replace confirmation: an alertdialog named by its question; Escape keeps the sheet.
        await page.click("#tab-calculation");
        await page.click('[data-action="calculate"]');
        await page.waitForSelector('[data-action="write-paper"]:not([disabled]):not([disabled-focusable])', { timeout: 60_000 });
        await page.click('[data-action="write-paper"]');
        await page.waitForFunction(() => (window as unknown as { __fakeExcel: { sheetNames(): string[] } }).__fakeExcel.sheetNames().includes("残保金底稿"));
        await page.waitForSelector('[data-action="write-paper"]:not([disabled]):not([disabled-focusable])', { timeout: 60_000 });
        await page.click('[data-action="write-paper"]');
        await page.waitForFunction(() => (document.activeElement as HTMLElement | null)?.dataset.key === "confirm-no");
        tree = await axTree(cdp);
        expect(tree.filter((n) => n.role === "alertdialog").map((n) => [n.name, n.modal])).toEqual([[N.replace, true]]);
        await axe(page, `confirm ${tag}`);
        await shot(page, `confirm-${tag}`);
        await page.keyboard.press("Escape");
        await page.waitForSelector("#confirm-dialog", { state: "detached" });
        expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.key)).toBe("write-paper");
        expect(await focusedIsBody(page)).toBe(false);

        expect(problems).toEqual([]);
        await page.close();
      }, 240_000);
    }
  }
});

/**
 * Fluent's controls fade their colours (CSS transitions) when the theme's tokens change: axe measuring contrast in the
 * middle of the fade sees a colour that is neither theme's. Wait until no transition or animation runs (shadow trees
 * included: Document.getAnimations covers them in Chromium).
 */
async function transitionsDone(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"), undefined, { timeout: 10_000 });
}

describe("the Office theme is followed while the pane is open", () => {
  const dark = { bodyBackgroundColor: "#262626", bodyForegroundColor: "#ffffff", controlBackgroundColor: "#404040", controlForegroundColor: "#ffffff" };
  const white = { bodyBackgroundColor: "#ffffff", bodyForegroundColor: "#262626", controlBackgroundColor: "#ffffff", controlForegroundColor: "#262626" };

  it("reads Office.context.officeTheme again when the pane regains the focus or becomes visible", async () => {
    // The fake's theme changes between reads: dark on opening, white from the second read on, as when the user
    // switches Office to White while the pane is open.
    const { page, problems } = await openPane({ workbook: toFakeWorkbook(TINY), displayLanguage: "zh-CN", officeThemes: [dark, white] }, 320);
    const theme = () => page.evaluate(() => ({ kind: document.documentElement.dataset.theme, bg: getComputedStyle(document.body).backgroundColor }));
    expect(await theme()).toEqual({ kind: "dark", bg: "rgb(38, 38, 38)" });
    const reads = () => page.evaluate(() => (window as unknown as { __fakeExcel: { themeReads: number } }).__fakeExcel.themeReads);
    expect(await reads()).toBe(1);
    // The pane gets the focus back (the user clicks into it after switching the theme).
    await page.evaluate(() => window.dispatchEvent(new FocusEvent("focus")));
    expect(await reads()).toBe(2);
    await page.waitForFunction(() => document.documentElement.dataset.theme === "light");
    expect(await theme()).toEqual({ kind: "light", bg: "rgb(255, 255, 255)" });
    await transitionsDone(page);
    await axe(page, "after the theme change");
    await shot(page, "theme-changed-to-white");
    problems.length = 0;
    await page.close();

    // Becoming visible again does the same (white first, dark from the second read on).
    const second = await openPane({ workbook: toFakeWorkbook(TINY), displayLanguage: "en-US", officeThemes: [white, dark] }, 450);
    expect(await second.page.evaluate(() => document.documentElement.dataset.theme)).toBe("light");
    await second.page.evaluate(() => document.dispatchEvent(new Event("visibilitychange")));
    await second.page.waitForFunction(() => document.documentElement.dataset.theme === "dark");
    expect(await second.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(38, 38, 38)");
    await transitionsDone(second.page);
    await axe(second.page, "after the theme change (visibility)");
    expect(second.problems).toEqual([]);
    await second.page.close();
  }, 120_000);
});

describe("one money style: no ¥ in English (CNY), none in Chinese (元)", async () => {
  const example = (await readExampleWorkbook()) as SheetData[];

  /** All the text a reader can see or hear in every view, the trail and the what-if opened, help shown. */
  async function allText(page: Page): Promise<string> {
    const parts: string[] = [];
    const grab = async () => parts.push(await page.evaluate(() => `${document.body.innerText}\n${Array.from(document.querySelectorAll("[title],[aria-label]")).map((e) => `${e.getAttribute("title") ?? ""} ${e.getAttribute("aria-label") ?? ""}`).join("\n")}`));
    await page.click('#panel-calculation [data-action="calculate"]');
    await page.waitForSelector("#form-card", { timeout: 60_000 });
    await page.waitForFunction(() => !document.querySelector("[disabled-focusable]"), undefined, { timeout: 60_000 });
    for (let i = 0; i < 6; i++) {
      const toggles = page.locator('#panel-calculation [data-action="toggle"][aria-expanded="false"]');
      if ((await toggles.count()) === 0) break;
      await toggles.first().click();
    }
    if (await page.$("#what-if > summary")) await page.click("#what-if > summary");
    parts.push((await page.textContent("#status")) ?? "");
    await grab();
    for (const tab of ["#tab-validation", "#tab-mapping", "#tab-yoy", "#tab-settings"]) {
      await page.click(tab);
      await grab();
    }
    await page.click('[data-action="help"]');
    await page.waitForSelector("#help-title"); // the dialog's content (Fluent shows it in the top layer; its host has no box)
    await grab();
    return parts.join("\n");
  }

  for (const lang of ["en-US", "zh-CN"] as const) {
    it(`the ${lang} pane never shows ¥ or ￥ (status line, form, trail, findings, what-if, every view)`, async () => {
      for (const sheets of [example, TINY]) {
        const { page, problems } = await openPane({ workbook: toFakeWorkbook(sheets), displayLanguage: lang }, 450, 900);
        const text = await allText(page);
        // The scan saw the money: the payable is on the page, in the language's one style.
        expect(text).toMatch(lang === "en-US" ? /CNY [\d,]+\.\d\d/ : /[\d,]+\.\d\d ?元/);
        const yen = text.split("\n").filter((line) => /[¥￥]/.test(line));
        expect(yen, `lines with ¥ in ${lang}`).toEqual([]);
        expect(problems).toEqual([]);
        await page.close();
      }
    }, 180_000);
  }
});
