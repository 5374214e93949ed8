/**
 * The browser harness for the task pane, shared by the end-to-end test, `npm run playground` and
 * `scripts/screenshots.js`: builds dist/ when it is missing or older than the sources, serves it on 127.0.0.1 with a
 * fake Office.js host that serves a workbook, and starts Debian's Chromium through playwright-core.
 *
 * The fake host replaces https://appsforoffice.microsoft.com/lib/1/hosted/office.js: the tests intercept that URL
 * with page.route (so the built taskpane.html is loaded unchanged and nothing leaves the machine); the playground
 * serves /playground.html, the same page with the script tag pointing at /fake-office.js, for a person's browser.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve, sep } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { readXlsx } from "../../src/cli/xlsx-reader";
import { isoToExcelSerial } from "../../src/core/dates";
import type { CellValue, SheetData } from "../../src/workbook/types";

export const ROOT = resolve(__dirname, "..", "..");
export const DIST = join(ROOT, "dist");
export const OFFICE_JS_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
export const CHROMIUM = process.env.LEVY_CHROMIUM || "/usr/bin/chromium";
export const EXAMPLE_WORKBOOK = join(ROOT, "examples", "example-company.xlsx");

/** `--name value` from a command line (the scripts' options), or the fallback. */
export function argOption(argv: readonly string[], name: string, fallback?: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
}

/* ------------------------------------------------------------------ build */

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when dist/taskpane.html is missing or older than src/, the webpack config or the manifest. */
export function distIsStale(): boolean {
  const built = join(DIST, "taskpane.html");
  if (!existsSync(built) || !existsSync(join(DIST, "taskpane.js"))) return true;
  const sources = Math.max(newestMtime(join(ROOT, "src")), newestMtime(join(ROOT, "webpack.config.js")), newestMtime(join(ROOT, "manifest.xml")));
  return statSync(built).mtimeMs < sources;
}

/** Runs `webpack --mode production` when dist/ is missing or stale; throws with webpack's output if it fails. */
export function ensureBuilt(log: (line: string) => void = () => undefined): void {
  if (!distIsStale()) return;
  log("building dist/ (webpack --mode production)…");
  const webpack = join(ROOT, "node_modules", ".bin", "webpack");
  const r = spawnSync(webpack, ["--mode", "production"], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`webpack failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
}

/* ------------------------------------------------------------------ workbooks for the fake host */

/** A sheet as Office.js holds it: "" for empty, error values as text, dates as serial numbers with a date format. */
export interface FakeSheet {
  name: string;
  origin: string;
  values: Array<Array<string | number | boolean>>;
  numberFormats: Array<Array<string | null>>;
}

export function toFakeWorkbook(sheets: readonly SheetData[]): FakeSheet[] {
  return sheets.map((s) => {
    const values: FakeSheet["values"] = [];
    const numberFormats: FakeSheet["numberFormats"] = [];
    s.values.forEach((row, r) => {
      values.push([]);
      numberFormats.push([]);
      (row ?? []).forEach((v: CellValue, c) => {
        let format = s.numberFormats?.[r]?.[c] ?? null;
        let out: string | number | boolean;
        if (v === null || v === undefined) out = "";
        else if (v instanceof Date) {
          out = isoToExcelSerial(v.toISOString().slice(0, 10));
          if (!format) format = "yyyy-mm-dd";
        } else if (typeof v === "object") out = v.error;
        else out = v;
        values[r].push(out);
        numberFormats[r].push(format);
      });
    });
    return { name: s.name, origin: s.origin || "A1", values, numberFormats };
  });
}

export interface FakeConfig {
  workbook: FakeSheet[];
  displayLanguage?: string;
  /** Document settings the workbook carries (key → value). */
  settings?: Record<string, unknown>;
  /** Milliseconds each context.sync() takes (to watch the progress bar). */
  delayMs?: number;
  /** Office.context.officeTheme (colours as "#rrggbb"). */
  officeTheme?: OfficeTheme;
  /** A theme that changes between reads of Office.context.officeTheme: read n gets entry n, the last one after that. */
  officeThemes?: OfficeTheme[];
}

export interface OfficeTheme {
  bodyBackgroundColor: string;
  bodyForegroundColor: string;
  controlBackgroundColor: string;
  controlForegroundColor: string;
}

/** The script served in place of office.js: the configuration, then the fake host. */
export function fakeOfficeScript(config: FakeConfig): string {
  const fake = readFileSync(join(__dirname, "fake-office.js"), "utf8");
  // JSON in a script: escape "</" so a cell value cannot end the script element.
  return `window.__LEVY_FAKE__ = ${JSON.stringify(config).replace(/<\//g, "<\\/")};\n${fake}`;
}

/** The example workbook through the CLI's reader (src/cli/xlsx-reader.ts), or null when it is not there. */
export async function readExampleWorkbook(): Promise<SheetData[] | null> {
  if (!existsSync(EXAMPLE_WORKBOOK)) return null;
  return (await readXlsx(EXAMPLE_WORKBOOK)).sheets;
}

/* ------------------------------------------------------------------ Fluent drop-downs */

/**
 * Chooses an option of one of the pane's Fluent drop-downs (fluent-dropdown) as a person does: a click on the
 * drop-down opens its list, a click on the option takes it. Resolves once the (re-rendered) drop-down shows it.
 */
export async function chooseOption(page: Page, id: string, value: string): Promise<void> {
  await page.click(`#${id} [slot="control"]`);
  await page.click(`#${id} fluent-option[value="${value}"]`);
  await page.waitForFunction(([i, v]) => (document.getElementById(i) as unknown as { value?: string | null } | null)?.value === v, [id, value] as const);
}

/** The value of a Fluent drop-down (its chosen option's value). */
export function dropdownValue(page: Page, id: string): Promise<string | null> {
  return page.evaluate((i) => (document.getElementById(i) as unknown as { value?: string | null } | null)?.value ?? null, id);
}

/* ------------------------------------------------------------------ server */

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

export interface HarnessServer {
  url: string;
  /** Replaces the workbook and settings the fake host serves from now on. */
  setConfig(config: FakeConfig): void;
  close(): Promise<void>;
}

/** Serves dist/ plus /fake-office.js and /playground.html on 127.0.0.1 (port 0 = a free one). */
export async function startServer(config: FakeConfig, port = 0): Promise<HarnessServer> {
  let current = config;
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405).end();
      return;
    }
    if (path === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }
    if (path === "/fake-office.js") {
      res.writeHead(200, { "content-type": TYPES[".js"], "cache-control": "no-store" }).end(fakeOfficeScript(current));
      return;
    }
    if (path === "/" || path === "/playground.html") {
      const html = readFileSync(join(DIST, "taskpane.html"), "utf8").replace(OFFICE_JS_URL, "/fake-office.js");
      if (!html.includes("/fake-office.js")) {
        res.writeHead(500).end("dist/taskpane.html does not load office.js from the CDN");
        return;
      }
      res.writeHead(200, { "content-type": TYPES[".html"], "cache-control": "no-store" }).end(html);
      return;
    }
    const file = normalize(join(DIST, path));
    if (!file.startsWith(DIST + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": TYPES[".txt"] }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" }).end(readFileSync(file));
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => ok());
  });
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    setConfig(next) {
      current = next;
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/* ------------------------------------------------------------------ browser */

/** Chromium's flags besides --headless (which playwright-core adds itself when `headless` is true). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Debian's Chromium with a fresh profile. Throws (never skips) when it is missing. */
export async function launchChromium(options: { headless?: boolean; viewport?: { width: number; height: number } } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it with: sudo apt-get install -y chromium (or set LEVY_CHROMIUM)`);
  }
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), "levy-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 420, height: 900 },
    deviceScaleFactor: 1,
    locale: "zh-CN",
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
