#!/usr/bin/env node
// `npm run bench` (= node --expose-gc bin/levy-bench.js [--sizes 10000,100000] [--keep] [--dir DIR] [--annual]).
// Runs the TypeScript bench through tsx, like bin/levy.js; each measurement runs in its own child process.
"use strict";
require("tsx/cjs");
const { main } = require("../bench/bench.ts");
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`levy-bench: ${error && error.stack ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
