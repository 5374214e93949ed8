#!/usr/bin/env node
// Offline manifest check (first half of `npm run validate`; the second half is test/manifest.test.ts):
// runs `office-addin-manifest info manifest.xml` (node_modules/.bin/office-addin-manifest) and checks what it read.
// `office-addin-manifest validate` is not used: it uploads the manifest to a Microsoft web service.
//   node scripts/validate-manifest.js [manifest.xml]      exit 0 = ok, 1 = the manifest or the tool failed
//
// Usage data (telemetry) and prompts. The office-addin-* tools report usage through `office-addin-usage-data`.
// Installed here: 3.0.0 (under office-addin-manifest) and 2.1.1 (under custom-functions-metadata). In both, every
// reporting method is a documented no-op ("Usage data reporting has been removed"), isUsageDataOn() is always false,
// needToPromptForUsageData() always false, and office-addin-manifest constructs it with raisePrompt: false; no
// environment variable is consulted. Older releases (1.x) decided from ~/office-addin-usage-data.json
// ({"usageDataInstances": {"<group>": {"usageDataLevel": "on" | "off"}}}), prompted on stdin when the group was
// missing, and sent to Application Insights when "on". So that no version can phone home or wait for an answer:
//   - the tool runs with HOME/USERPROFILE set to a fresh temporary directory holding that file with every known group
//     set to "off" (the user's real settings are neither read nor changed),
//   - stdin is closed (`ignore`), so a prompt would read end-of-file instead of waiting; a 60 s timeout backs this up,
//   - a preloaded guard (--require) makes every outgoing connection (net/tls/http/https/dns/fetch) throw, so a network
//     request cannot even be attempted; `info` needs none.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const manifestPath = path.resolve(root, process.argv[2] || "manifest.xml");
const TIMEOUT_MS = 60_000;

const NO_NETWORK_GUARD = `"use strict";
// Preloaded by scripts/validate-manifest.js: any attempt to reach the network fails at once.
const blocked = (what) => () => { throw new Error("network access is disabled for office-addin-manifest (" + what + ")"); };
for (const [name, fns] of [["net", ["connect", "createConnection"]], ["tls", ["connect"]], ["http", ["request", "get"]],
    ["https", ["request", "get"]], ["dns", ["lookup", "resolve", "resolve4", "resolve6"]], ["dgram", ["createSocket"]]]) {
  const mod = require(name);
  for (const fn of fns) mod[fn] = blocked(name + "." + fn);
}
globalThis.fetch = async () => { throw new Error("network access is disabled for office-addin-manifest (fetch)"); };
`;

const USAGE_DATA_OFF = {
  usageDataInstances: Object.fromEntries(
    ["office-addin-usage-data", "office-addin-manifest", "office-addin-debugging", "office-addin-dev-certs", "custom-functions-metadata"].map(
      (group) => [group, { usageDataLevel: "off" }],
    ),
  ),
};

/** The JavaScript file behind node_modules/.bin/office-addin-manifest (a symlink on POSIX, a .cmd shim on Windows). */
function officeAddinManifestCli() {
  const bin = path.join(root, "node_modules", ".bin", "office-addin-manifest");
  try {
    const real = fs.realpathSync(bin);
    if (real.endsWith(".js")) return real;
  } catch {
    // not there or not a symlink: read the package's bin entry instead
  }
  const pkgFile = require.resolve("office-addin-manifest/package.json", { paths: [root] });
  const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8"));
  const entry = typeof pkg.bin === "string" ? pkg.bin : pkg.bin["office-addin-manifest"];
  return path.join(path.dirname(pkgFile), entry);
}

function fail(message) {
  process.stderr.write(`validate-manifest: ${message}\n`);
  process.exit(1);
}

function main() {
  if (!fs.existsSync(manifestPath)) fail(`${manifestPath} not found`);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "levy-manifest-"));
  try {
    fs.writeFileSync(path.join(home, "office-addin-usage-data.json"), `${JSON.stringify(USAGE_DATA_OFF, null, 2)}\n`);
    const guard = path.join(home, "no-network.js");
    fs.writeFileSync(guard, NO_NETWORK_GUARD);
    const env = { ...process.env, HOME: home, USERPROFILE: home };
    delete env.NODE_OPTIONS; // nothing else preloaded into the tool
    const cli = officeAddinManifestCli();
    const relative = path.relative(root, manifestPath) || manifestPath;
    process.stdout.write(`office-addin-manifest info ${relative}\n`);
    const r = spawnSync(process.execPath, ["--require", guard, cli, "info", manifestPath], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
      timeout: TIMEOUT_MS,
      killSignal: "SIGKILL",
    });
    process.stdout.write(r.stdout || "");
    process.stderr.write(r.stderr || "");
    if (r.error && r.error.code === "ETIMEDOUT") fail(`office-addin-manifest did not finish within ${TIMEOUT_MS / 1000} s`);
    if (r.error) fail(`could not run office-addin-manifest: ${r.error.message}`);
    if (r.status !== 0) fail(`office-addin-manifest info failed (exit ${r.status ?? r.signal})`);
    if (/^Error:/m.test(r.stderr || "")) fail("office-addin-manifest info reported an error");

    // What the tool read must be this add-in: an Excel task pane add-in with document read/write permission only.
    const field = (name) => {
      const m = new RegExp(`^\\s*${name}: ?(.*)$`, "m").exec(r.stdout || "");
      return m ? m[1].trim() : undefined;
    };
    const expected = {
      Id: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
      Name: /^Levy Assistant$/,
      Type: /^TaskPaneApp$/,
      Version: /^\d+\.\d+\.\d+\.\d+$/,
      AppDomains: /^$/,
      "Default Locale": /^en-US$/,
      Hosts: /^Workbook$/,
      Permissions: /^ReadWriteDocument$/,
      "Source Location": /^https:\/\//,
    };
    const problems = Object.entries(expected)
      .filter(([name, pattern]) => field(name) === undefined || !pattern.test(field(name)))
      .map(([name, pattern]) => `${name}: expected ${pattern}, got ${JSON.stringify(field(name))}`);
    if (problems.length > 0) fail(`unexpected manifest info:\n  ${problems.join("\n  ")}`);
    process.stdout.write("manifest info ok\n");
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

main();
