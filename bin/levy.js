#!/usr/bin/env node
// The `levy` command. It runs the TypeScript sources through tsx, so a fresh clone needs only `npm install`
// (no separate build step for the CLI). The exit code is whatever the command returns.
"use strict";
require("tsx/cjs");
const { main } = require("../src/cli/main.ts");
main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    // Last line of defence: never a stack trace for the user, but say what happened.
    process.stderr.write(`levy: unexpected failure / 意外错误: ${error && error.message ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
