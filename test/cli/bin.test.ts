/**
 * The built command line (issue 9 §5): bin/levy.js runs dist-cli/levy.js (webpack, `prepare` on `npm ci`), starts
 * without tsx, does not load ExcelJS for `levy calc`, and answers `--help` for every command.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
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
    expect(pkg.scripts.prepare).toBe("node scripts/prepare.js");
    expect(readFileSync(join(ROOT, ".gitignore"), "utf8").split("\n")).toContain("dist-cli/");
  });

  it("a production install without webpack (npm ci --omit=dev) succeeds and says the CLI is not built; levy then refuses clearly", () => {
    // A package folder with no node_modules: what `npm ci --omit=dev` leaves as far as webpack is concerned.
    const dir = mkdtempSync(join(tmpdir(), "levy-prod-"));
    try {
      mkdirSync(join(dir, "scripts"));
      mkdirSync(join(dir, "bin"));
      copyFileSync(join(ROOT, "scripts", "prepare.js"), join(dir, "scripts", "prepare.js"));
      copyFileSync(join(ROOT, "bin", "levy.js"), join(dir, "bin", "levy.js"));
      const prepare = spawnSync(process.execPath, [join(dir, "scripts", "prepare.js")], { cwd: dir, encoding: "utf8" });
      expect(prepare.status).toBe(0);
      expect(prepare.stderr).toMatch(/命令行未构建/);
      expect(prepare.stderr).toMatch(/The command line is NOT built: a production install \(--omit=dev\) has no webpack/);
      const levyRun = spawnSync(process.execPath, [join(dir, "bin", "levy.js"), "calc", "x.json"], { cwd: dir, encoding: "utf8" });
      expect(levyRun.status).toBe(2);
      expect(levyRun.stderr).toMatch(/the command line is not built yet/);
      expect(levyRun.stderr).toMatch(/--omit=dev/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
