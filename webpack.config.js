/* webpack build of the Excel add-in (shared runtime): dist/ holds
 *   functions.js            the LEVY.* custom functions (+ the CustomFunctions.associate calls, injected at build time)
 *   functions.json          custom functions metadata generated from the JSDoc in src/functions/functions.ts
 *   functions.zh-CN.json    the same metadata with the zh-CN descriptions of src/functions/locale/zh-CN.json
 *   taskpane.js / .html     the task pane; in the shared runtime the page also loads functions.js
 *   functions.html          functions.js alone, for hosts that run custom functions without the shared runtime
 *   help.html               the SupportUrl / "learn more" page of the manifest (static, no script)
 *   manifest.xml, assets/   copied
 * Office.js is never bundled: the HTML pages load it from Microsoft's CDN (see OFFICE_JS) and `externals` maps any
 * import of it to the global. The build needs no network access.
 *
 * Environment: LEVY_ADDIN_BASE_URL=https://host/path/ rewrites https://localhost:3000/ in dist/manifest.xml (deployments);
 * LEVY_DEV_HTTP=1 makes the dev server plain http (see devServerOptions). */
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

const ROOT = __dirname;
const DEV_URL = "https://localhost:3000/";
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const FUNCTIONS_SOURCE = "./src/functions/functions.ts";
const FUNCTIONS_METADATA = "functions.json";
const ZH_CN_SOURCE = path.join(ROOT, "src", "functions", "locale", "zh-CN.json");
const ZH_CN_METADATA = "functions.zh-CN.json";
const TASKPANE_TEMPLATE = path.join(ROOT, "src", "taskpane", "taskpane.html");

/**
 * The zh-CN metadata: functions.json with every function and parameter description replaced by its zh-CN text.
 * Ids, names (ASCII, as Excel formulas use them), types and the rest are kept as they are. Throws, listing every
 * problem, if a function or parameter has no zh-CN description or zh-CN.json names one that does not exist.
 * @param {{functions: Array<{id: string, description?: string, parameters?: Array<{name: string, description?: string}>}>}} metadata
 * @param {Record<string, {description?: string, parameters?: Record<string, string>, result?: string}>} zh
 */
function localizeMetadata(metadata, zh) {
  const problems = [];
  const text = (value) => typeof value === "string" && value.trim() !== "";
  const functions = metadata.functions.map((fn) => {
    const entry = zh[fn.id];
    if (!entry) {
      problems.push(`${fn.id}: no zh-CN entry`);
      return fn;
    }
    if (!text(entry.description)) problems.push(`${fn.id}: no zh-CN description`);
    const zhParameters = entry.parameters || {};
    const parameters = (fn.parameters || []).map((p) => {
      if (!text(zhParameters[p.name])) problems.push(`${fn.id}(${p.name}): no zh-CN description`);
      return { ...p, description: zhParameters[p.name] };
    });
    const known = new Set((fn.parameters || []).map((p) => p.name));
    for (const name of Object.keys(zhParameters)) {
      if (!known.has(name)) problems.push(`${fn.id}(${name}): in zh-CN.json but not a parameter of ${fn.id}`);
    }
    const localized = { ...fn, description: entry.description };
    if (fn.parameters) localized.parameters = parameters;
    return localized;
  });
  const ids = new Set(metadata.functions.map((fn) => fn.id));
  for (const id of Object.keys(zh)) {
    if (!ids.has(id)) problems.push(`${id}: in zh-CN.json but not a custom function`);
  }
  if (problems.length > 0) throw new Error(`zh-CN custom function metadata is incomplete:\n  ${problems.join("\n  ")}`);
  return { ...metadata, functions };
}

/** Emits functions.zh-CN.json from the functions.json asset that CustomFunctionsMetadataPlugin added; fails the build if it is incomplete. */
class LocalizedFunctionsMetadataPlugin {
  apply(compiler) {
    const name = "LocalizedFunctionsMetadataPlugin";
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.hooks.processAssets.tap({ name, stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        compilation.fileDependencies.add(ZH_CN_SOURCE);
        const generated = compilation.getAsset(FUNCTIONS_METADATA);
        if (!generated) return; // generation failed: CustomFunctionsMetadataPlugin has already reported why
        try {
          const metadata = JSON.parse(generated.source.source().toString());
          const zh = JSON.parse(fs.readFileSync(ZH_CN_SOURCE, "utf8"));
          const localized = localizeMetadata(metadata, zh);
          compilation.emitAsset(ZH_CN_METADATA, new webpack.sources.RawSource(`${JSON.stringify(localized, null, 4)}\n`));
        } catch (error) {
          compilation.errors.push(new webpack.WebpackError(`${path.relative(ROOT, ZH_CN_SOURCE)}: ${error.message}`));
        }
      });
    });
  }
}

/** The Content-Security-Policy of the task pane template, reused for functions.html so the two cannot drift apart. */
function contentSecurityPolicy() {
  const html = fs.readFileSync(TASKPANE_TEMPLATE, "utf8");
  const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  if (!match) throw new Error(`${TASKPANE_TEMPLATE} has no Content-Security-Policy meta tag`);
  return match[1];
}

function functionsPage(csp) {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="${csp}" />
    <title>Levy Assistant functions</title>
    <script src="${OFFICE_JS}"></script>
  </head>
  <body></body>
</html>
`;
}

function helpPage(csp) {
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <meta http-equiv="Content-Security-Policy" content="${csp}" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>残保金助手 · Levy Assistant</title>
  </head>
  <body>
    <h1>残保金助手 · Levy Assistant</h1>
    <p>在单元格中输入 <code>=LEVY.</code> 即可使用残疾人就业保障金函数，例如 <code>=LEVY.DUE(在职职工人数, 残疾职工人数, 工资总额, 参数区域)</code>；
      在“开始”选项卡中点击“残保金助手”打开任务窗格。</p>
    <p>Type <code>=LEVY.</code> in a cell to use the levy functions, for example
      <code>=LEVY.DUE(headcount, disabled, wageTotal, settings)</code>; open the task pane from Home &gt; Levy Assistant.</p>
    <p>函数说明见项目 README。 The function reference is in the project's README.</p>
  </body>
</html>
`;
}

/** Rewrites the development URL in the copied manifest when LEVY_ADDIN_BASE_URL names the deployment (https only). */
function manifestTransform(content) {
  const base = process.env.LEVY_ADDIN_BASE_URL;
  if (!base) return content;
  if (!/^https:\/\/[^/]+(\/.*)?\/$/.test(base)) throw new Error("LEVY_ADDIN_BASE_URL must be an https URL ending in /");
  return content.toString().split(DEV_URL).join(base);
}

/**
 * Dev server TLS. Office requires https with a certificate it trusts. `npm start` (office-addin-debugging through npx,
 * Windows/macOS) installs a trusted developer certificate in ~/.office-addin-dev-certs and then runs `npm run dev-server`;
 * when those files exist they are used. Otherwise webpack-dev-server generates a self-signed certificate (its
 * `selfsigned` dependency, cached in node_modules/.cache), which a browser accepts after a warning but Office does not
 * trust until you do. LEVY_DEV_HTTP=1 serves plain http (for local browser checks only; Office refuses http).
 */
function devServerOptions() {
  let server;
  const certs = path.join(os.homedir(), ".office-addin-dev-certs");
  const files = { key: "localhost.key", cert: "localhost.crt", ca: "ca.crt" };
  if (process.env.LEVY_DEV_HTTP === "1") {
    server = { type: "http" };
  } else if (Object.values(files).every((file) => fs.existsSync(path.join(certs, file)))) {
    const options = {};
    for (const [key, file] of Object.entries(files)) options[key] = fs.readFileSync(path.join(certs, file));
    server = { type: "https", options };
  } else {
    server = { type: "https" };
  }
  return {
    server,
    host: "localhost", // not reachable from the network
    port: Number(process.env.npm_package_config_dev_server_port || 3000),
    // Excel on the web fetches functions.json from another origin.
    headers: { "Access-Control-Allow-Origin": "*" },
    // Serve only the build output, never the project directory.
    static: false,
    // The pages' CSP has connect-src 'none', which also blocks the dev server's reload websocket: reload the add-in by hand.
    hot: false,
    liveReload: false,
    client: false,
  };
}

module.exports = (env = {}, argv = {}) => {
  const dev = argv.mode === "development";
  const csp = contentSecurityPolicy();
  const config = {
    mode: dev ? "development" : "production",
    // Never an eval-based devtool: the pages' CSP has no 'unsafe-eval'.
    devtool: dev ? "source-map" : false,
    context: ROOT,
    entry: {
      functions: FUNCTIONS_SOURCE,
      taskpane: "./src/taskpane/taskpane.ts",
    },
    output: {
      path: path.join(ROOT, "dist"),
      filename: "[name].js",
      clean: true,
      // Rewrite every file on each build, even unchanged ones: the browser tests' harness decides whether dist/ is
      // stale from dist/taskpane.html's mtime, and an unchanged page that kept its old mtime made every `npm test`
      // rebuild dist/ a second time inside a test hook.
      compareBeforeEmit: false,
    },
    // Office hosts with the shared runtime use WebView2 / Safari, but keep the emitted syntax at ES2017 for older
    // Microsoft 365 builds (EdgeHTML).
    target: ["web", "es2017"],
    resolve: { extensions: [".ts", ".js"] },
    externals: { "office-js": "Office", "@microsoft/office-js": "Office" },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // Type checking is `npm run typecheck`; ES modules let webpack concatenate and tree-shake.
            options: { transpileOnly: true, compilerOptions: { module: "es2020", target: "es2017", sourceMap: dev } },
          },
        },
      ],
    },
    plugins: [
      // Generates functions.json from the JSDoc and (through its loader) appends CustomFunctions.associate(id, fn)
      // for every @customfunction to functions.ts, as Microsoft's Excel-Custom-Functions-Shared template does.
      new CustomFunctionsMetadataPlugin({ output: FUNCTIONS_METADATA, input: FUNCTIONS_SOURCE }),
      new LocalizedFunctionsMetadataPlugin(),
      // office.js (loaded synchronously before the bundles) defines CustomFunctions.associate itself. Only when it is
      // missing (a plain browser or a test harness without network) would the associate calls throw; register nothing then.
      new webpack.BannerPlugin({
        banner: 'if (typeof CustomFunctions === "undefined") { self.CustomFunctions = { associate: function () {} }; }',
        raw: true,
        entryOnly: true,
        include: /^functions\.js$/,
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: TASKPANE_TEMPLATE,
        // Shared runtime: the custom functions run inside the task pane page, so it loads both bundles.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        scriptLoading: "defer",
      }),
      new HtmlWebpackPlugin({
        filename: "functions.html",
        templateContent: functionsPage(csp),
        chunks: ["functions"],
        scriptLoading: "defer",
      }),
      new HtmlWebpackPlugin({ filename: "help.html", templateContent: helpPage(csp), inject: false, chunks: [] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "manifest.xml", to: "manifest.xml", transform: manifestTransform },
          { from: "assets", to: "assets" },
        ],
      }),
    ],
    performance: { hints: false },
  };
  if (env.WEBPACK_SERVE) {
    config.devServer = devServerOptions();
    return config;
  }
  return [{ ...config, name: "addin" }, cliConfig(dev)];
};

/**
 * The `levy` command line, bundled ahead of time for Node (issue 9 §5): dist-cli/levy.js exports `main`, and
 * bin/levy.js requires it, so a start costs one file parse instead of compiling TypeScript through tsx (≈2 s → <0.3 s).
 * Packages from node_modules (decimal.js, exceljs) stay external `require`s: exceljs is only reached through the
 * dynamic import()s of src/cli/main.ts, which become chunks loaded on first use, so `levy calc` never loads it. `npm ci` builds this through the `prepare` script (`webpack --config-name cli`); `npm run build`
 * and `npm test` build it with the add-in. Its own directory, not dist/, because the add-in build cleans dist/.
 */
function cliConfig(dev) {
  return {
    name: "cli",
    mode: dev ? "development" : "production",
    devtool: false,
    context: ROOT,
    target: "node20",
    // batch-worker.js: the worker thread of `levy audit DIR/` (src/batch/pool.ts finds it beside this bundle).
    entry: { levy: "./src/cli/main.ts", "batch-worker": "./src/batch/worker.ts" },
    output: {
      path: path.join(ROOT, "dist-cli"),
      filename: "[name].js",
      chunkFilename: "[name].js",
      library: { type: "commonjs2" },
      clean: true,
      // Fresh mtimes on every build (test/cli/bin.test.ts rebuilds when dist-cli/levy.js is older than src/).
      compareBeforeEmit: false,
    },
    resolve: { extensions: [".ts", ".js"] },
    // Every bare module name (a package or a node: built-in) is required at run time from node_modules.
    externalsPresets: { node: true },
    externals: [({ request }, callback) => (/^[a-z@][^:]*$/i.test(request) && !request.startsWith(".") ? callback(null, `commonjs ${request}`) : callback())],
    module: {
      // Our sources are ES modules; any `require` in them is Node's own at run time. This keeps
      // createRequire(require.resolve("exceljs")) in src/cli/xlsx-reader.ts working (it loads a file inside exceljs).
      parser: { javascript: { createRequire: false, commonjs: false } },
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "es2020", target: "es2020", sourceMap: false } } },
        },
      ],
    },
    // The commands' dynamic imports become chunk files (dist-cli/audit.js, template.js) that Node requires on first
    // use: `levy calc` reads and compiles only the core and calc (start-up is mostly reading and compiling JavaScript).
    // Readable stack traces; the bundle is small and parsed once.
    optimization: { minimize: false },
    performance: { hints: false },
  };
}

module.exports.localizeMetadata = localizeMetadata;
