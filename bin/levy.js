#!/usr/bin/env node
// The `levy` command. It runs the CLI bundle that webpack builds ahead of time (dist-cli/levy.js, made by the
// `prepare` script on `npm ci` / `npm install`, by `npm run build:cli` and by `npm run build`), so a start costs one
// file parse instead of a TypeScript compile through tsx (issue 9 §5). To run the sources without building, use
// `node --import tsx -e 'require("./src/cli/main.ts").main(…)'` (tsx is a devDependency). The exit code is whatever
// the command returns.
"use strict";
const path = require("node:path");

const bundle = path.join(__dirname, "..", "dist-cli", "levy.js");
let cli;
try {
  cli = require(bundle);
} catch (error) {
  if (error && error.code === "MODULE_NOT_FOUND" && String(error.message).includes(bundle)) {
    process.stderr.write(
      "levy: 命令行尚未构建 the command line is not built yet (dist-cli/levy.js is missing).\n" +
        "  运行 `npm run build:cli`（`npm ci` 在装有开发依赖时会自动构建；`npm ci --omit=dev` 不含 webpack，无法构建）。\n" +
        "  Run `npm run build:cli` (`npm ci` builds it when dev dependencies are installed; `npm ci --omit=dev` has no webpack, so build elsewhere and deploy dist-cli/).\n",
    );
    process.exit(2);
  }
  throw error;
}

// `levy audit x.xlsx --json | head`: a reader that stops early is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error && error.code === "EPIPE") process.exit(process.exitCode || 0);
    throw error;
  });
}

cli.main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    // Last line of defence: never a stack trace for the user, but say what happened.
    process.stderr.write(`levy: unexpected failure / 意外错误: ${error && error.message ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
