#!/usr/bin/env node
// Regenerates the README's screenshots of the task pane: docs/screenshots/calculation.png and validation.png.
// Same harness as the browser tests and the playground (dist/ + fake Office host + the example workbook), driven in
// headless Chromium. Chinese text needs a CJK font (Debian: apt-get install fonts-wqy-microhei or fonts-noto-cjk).
//
//   node scripts/screenshots.js [--lang en-US] [--out docs/screenshots]
"use strict";
require("tsx/cjs");
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const harness = require("../test/browser/harness.ts");

const option = (name, fallback) => harness.argOption(process.argv, name, fallback);

async function main() {
  const out = path.resolve(harness.ROOT, option("out", path.join("docs", "screenshots")));
  const lang = option("lang", "zh-CN");
  const fonts = spawnSync("fc-list", [":lang=zh", "family"], { encoding: "utf8" });
  if (fonts.status === 0 && fonts.stdout.trim() === "") console.warn("warning: no CJK font installed; Chinese text will show as boxes (apt-get install fonts-wqy-microhei)");
  harness.ensureBuilt((line) => console.log(line));
  const sheets = await harness.readExampleWorkbook();
  if (!sheets) throw new Error("examples/example-company.xlsx not found");
  const server = await harness.startServer({ workbook: harness.toFakeWorkbook(sheets), displayLanguage: lang });
  // A task pane widened a little (Excel lets the user drag it), tall enough for the card, the band and the trail's rows.
  const browser = await harness.launchChromium({ viewport: { width: 480, height: 2000 } });
  try {
    const page = await browser.context.newPage();
    await page.route((url) => url.hostname !== "127.0.0.1", (route) => route.abort());
    await page.goto(`${server.url}/playground.html`);
    await page.waitForSelector("#tab-calculation");
    await page.click('#panel-calculation [data-action="calculate"]');
    await page.waitForSelector("#form-card", { timeout: 60000 });
    // Open the trail down to the rows behind the headcount.
    for (const key of ["payable/grossDue", "payable/grossDue/shortfall", "payable/grossDue/shortfall/required", "payable/grossDue/shortfall/required/headcount"]) {
      const toggle = page.locator(`[data-action="toggle"][data-node="${key}"]`);
      if ((await toggle.count()) > 0) await toggle.click();
    }
    // Unfold the inputs the result was computed with: the region, year and entity type drop-downs (Fluent).
    if ((await page.locator("#computed-with").count()) > 0) await page.click("#computed-with");
    await page.waitForSelector("#pick-region", { state: "visible" });
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    await page.mouse.move(0, 0);
    fs.mkdirSync(out, { recursive: true });
    await page.screenshot({ path: path.join(out, "calculation.png") });
    await page.click("#tab-validation");
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    await page.setViewportSize({ width: 480, height: 1200 });
    await page.screenshot({ path: path.join(out, "validation.png") });
    console.log(`wrote ${path.relative(process.cwd(), path.join(out, "calculation.png"))} and validation.png`);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(`screenshots: ${error && error.message ? error.message : error}`);
  process.exit(1);
});
