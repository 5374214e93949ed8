#!/usr/bin/env node
// `npm run playground`: the task pane in your own browser, without Excel. Builds dist/ if needed, then serves it on
// http://127.0.0.1:PORT with a fake Office.js host that holds the example workbook (examples/example-company.xlsx),
// so the Calculation and Validation views can be clicked through. Nothing leaves the machine.
//
//   npm run playground [-- --port 3100] [--workbook FILE.xlsx] [--lang en-US] [--delay 200]
"use strict";
require("tsx/cjs");
const path = require("node:path");
const harness = require("../test/browser/harness.ts");

const option = (name, fallback) => harness.argOption(process.argv, name, fallback);

async function workbook(file) {
  if (file) {
    const { readXlsx } = require("../src/cli/xlsx-reader.ts");
    return { sheets: (await readXlsx(path.resolve(file))).sheets, label: file };
  }
  const example = await harness.readExampleWorkbook();
  if (example) return { sheets: example, label: path.relative(process.cwd(), harness.EXAMPLE_WORKBOOK) };
  const { makeWorkbook } = require("../test/taskpane/fixtures.ts");
  return { sheets: makeWorkbook({ employees: 40, interns: 2 }), label: "a small hand-made workbook (examples/example-company.xlsx not found)" };
}

async function listen(config, port) {
  try {
    return await harness.startServer(config, port);
  } catch (error) {
    if (error && error.code === "EADDRINUSE") return harness.startServer(config, 0);
    throw error;
  }
}

async function main() {
  harness.ensureBuilt((line) => console.log(line));
  const { sheets, label } = await workbook(option("workbook"));
  const config = {
    workbook: harness.toFakeWorkbook(sheets),
    displayLanguage: option("lang", "zh-CN"),
    delayMs: Number(option("delay", "0")),
  };
  const server = await listen(config, Number(option("port", process.env.PORT || "3100")));
  console.log(`Workbook: ${label}`);
  console.log(`Levy Assistant playground: ${server.url}/playground.html`);
  console.log("(fake Office host: inspect window.__fakeExcel in the browser console for what the pane selected or wrote.) Ctrl+C stops.");
  const stop = () => server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  console.error(`playground: ${error && error.message ? error.message : error}`);
  process.exit(1);
});
