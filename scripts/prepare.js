#!/usr/bin/env node
// `prepare` (run by `npm ci` / `npm install` in this folder): build the command line bundle dist-cli/ with webpack.
//
// webpack is a devDependency. A production install (`npm ci --omit=dev`) has no webpack, and a prepare script that
// just calls it fails the whole install with "webpack: not found". This script instead builds when webpack is
// there and otherwise says, in one clear message, that the command line is not built and how to get it; the install
// succeeds, and `levy` itself then refuses with the same advice (bin/levy.js, exit 2) rather than failing obscurely.
// It never downloads anything. Exit codes: 0 built or skipped with the message; webpack's own code if a build fails.
"use strict";
const { spawnSync } = require("node:child_process");
const { existsSync } = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");
const BUNDLE = path.join(ROOT, "dist-cli", "levy.js");

function webpackCli() {
  try {
    return require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
  } catch {
    return null;
  }
}

function main() {
  const cli = webpackCli();
  if (cli === null) {
    const built = existsSync(BUNDLE);
    process.stderr.write(
      built
        ? "levy prepare: webpack 不可用（未安装开发依赖），沿用已有的 dist-cli/levy.js。\n" +
            "  webpack is not installed (dev dependencies omitted): the existing dist-cli/levy.js is kept, not rebuilt.\n"
        : "levy prepare: 命令行未构建：生产安装（--omit=dev）不含 webpack。请在有开发依赖的环境运行 `npm ci`（或 `npm run build:cli`），再把 dist-cli/ 一起部署。\n" +
            "  The command line is NOT built: a production install (--omit=dev) has no webpack. Run `npm ci` with dev dependencies\n" +
            "  (or `npm run build:cli`) and deploy dist-cli/ with the package. `levy` will refuse with this advice until then.\n",
    );
    return 0;
  }
  const r = spawnSync(process.execPath, [cli, "--mode", "production", "--config-name", "cli"], { cwd: ROOT, stdio: "inherit" });
  if (r.error) {
    process.stderr.write(`levy prepare: webpack 无法运行 could not run webpack: ${r.error.message}\n`);
    return 1;
  }
  return r.status === null ? 1 : r.status;
}

process.exitCode = main();
