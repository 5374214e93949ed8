#!/usr/bin/env node
// `npm test`: the whole suite, the same on a developer's machine and in CI.
//   1. makes sure Debian's Chromium is there for the browser tests (installs it with apt-get when running as root;
//      otherwise stops and says how — browser tests never skip silently),
//   2. type-checks, 3. builds dist/ (the browser tests load the built task pane), 4. checks the manifest offline,
//   5. runs every vitest file, and ends with one plain line "N passed, N failed" that CI can read.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const CHROMIUM = process.env.LEVY_CHROMIUM || "/usr/bin/chromium";

function run(label, command, args, options = {}) {
  process.stdout.write(`\n== ${label}: ${command} ${args.join(" ")}\n`);
  const started = Date.now();
  const r = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env, ...options });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    process.stdout.write(`== ${label} failed (exit ${r.status ?? r.signal}) after ${seconds}s\n`);
    process.stdout.write("0 passed, 1 failed\n");
    process.exit(r.status || 1);
  }
  process.stdout.write(`== ${label} ok (${seconds}s)\n`);
}

function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) {
    process.stderr.write(`Chromium is missing at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium\n`);
    process.stdout.write("0 passed, 1 failed\n");
    process.exit(1);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  run("install chromium", "apt-get", ["update", "-qq"], { env });
  run("install chromium", "apt-get", ["install", "-y", "-qq", "chromium"], { env });
}

ensureChromium();
const bin = (name) => path.join(root, "node_modules", ".bin", name);
run("typecheck", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]);
run("build", bin("webpack"), ["--mode", "production"]);
run("manifest", process.execPath, [path.join(root, "scripts", "validate-manifest.js")]);

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "levy-test-")), "vitest.json");
const vitest = spawnSync(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], { cwd: root, stdio: "inherit", env: process.env });
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const json = JSON.parse(fs.readFileSync(report, "utf8"));
  passed = json.numPassedTests;
  failed = json.numFailedTests + (json.numFailedTestSuites || 0);
  skipped = json.numPendingTests + json.numTodoTests;
} catch (error) {
  failed = 1;
  process.stderr.write(`could not read the vitest report: ${error.message}\n`);
}
// A skipped test is not a pass (DEVELOPERS.md): fail the run if any test was skipped.
if (skipped > 0) {
  process.stderr.write(`${skipped} test(s) were skipped or todo; skipped tests are defects here.\n`);
  failed += skipped;
}
if (vitest.status !== 0 && failed === 0) failed = 1;
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
