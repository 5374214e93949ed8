/**
 * The built command line (issue 9 §5): bin/levy.js runs dist-cli/levy.js (webpack, `prepare` on `npm ci`), starts
 * without tsx, does not load ExcelJS for `levy calc`, and answers `--help` for every command.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "..", "..");
const BUNDLE = join(ROOT, "dist-cli", "levy.js");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

beforeAll(() => {
  // `npm test` builds it first; a bare `vitest run` builds it here when missing or older than src/.
  if (!existsSync(BUNDLE) || statSync(BUNDLE).mtimeMs < newestMtime(join(ROOT, "src"))) {
    const r = spawnSync(join(ROOT, "node_modules", ".bin", "webpack"), ["--mode", "production", "--config-name", "cli"], { cwd: ROOT, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`webpack --config-name cli failed:\n${r.stdout}\n${r.stderr}`);
  }
});

function levy(args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, "bin", "levy.js"), ...args], { cwd: ROOT, encoding: "utf8" });
}

describe("bin/levy.js (built CLI)", () => {
  it("runs levy calc from the bundle and prints the example company's payable", () => {
    const r = levy(["calc", "examples/case-example-company-2025.json", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    // The README's audit of the same figures: column 12 = 42,789.53.
    expect(json.payable).toBe("42789.53");
    expect(json.grossDue).toBe("85579.07");
  });

  it("does not load exceljs or tsx for levy calc", () => {
    const script = `
      const { main } = require(${JSON.stringify(BUNDLE)});
      main(["calc", "examples/case-jiangsu-2025.json"], { stdout: { write() {} }, stderr: process.stderr, cwd: ${JSON.stringify(ROOT)} }).then((code) => {
        const loaded = Object.keys(require.cache).filter((k) => /node_modules[\\\\/](exceljs|tsx)[\\\\/]/.test(k));
        process.stdout.write(JSON.stringify({ code, loaded }));
      });`;
    const r = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ code: 0, loaded: [] });
  });

  it("answers --help for every command with exit 0", () => {
    for (const [command, first] of [
      ["calc", "levy calc CASE.json"],
      ["audit", "levy audit FILE.xlsx"],
      ["template", "levy template --out TEMPLATE.xlsx"],
    ]) {
      const r = levy([command, "--help"]);
      expect(r.status, command).toBe(0);
      expect(r.stdout.startsWith(first), command).toBe(true);
      expect(levy([command, "-h"]).stdout, command).toBe(r.stdout);
      expect(levy(["help", command]).stdout, command).toBe(r.stdout);
    }
    const top = levy(["--help"]);
    expect(top.status).toBe(0);
    expect(top.stdout).toContain("levy <command> --help");
  });

  it("keeps tsx out of the runtime dependencies", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
    expect(Object.keys(pkg.dependencies).sort()).toEqual(["decimal.js", "exceljs", "jszip", "yauzl"]);
    expect(pkg.scripts.prepare).toBe("webpack --mode production --config-name cli");
    expect(readFileSync(join(ROOT, ".gitignore"), "utf8").split("\n")).toContain("dist-cli/");
  });
});
