/** `levy calc`: the JSON contract, the table, and exit 2 with a message naming the problem. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers";

const root = resolve(__dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "levy-calc-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONTRACT_FIELDS = [
  "filingYear",
  "dataYear",
  "headcount",
  "wageTotal",
  "quotaRatio",
  "certifiedDisabled",
  "averageWage",
  "wageCap",
  "wageBase",
  "required",
  "shortfall",
  "grossDue",
  "reductionKind",
  "reduction",
  "alreadyPaid",
  "payable",
  "trail",
  "notes",
];

describe("levy calc", () => {
  it("prints the --json contract for the bundled case", async () => {
    const r = await runCli(["calc", "examples/case-jiangsu-2025.json", "--json"], root);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const json = JSON.parse(r.stdout);
    for (const f of CONTRACT_FIELDS) expect(json, f).toHaveProperty(f);
    for (const f of ["headcount", "wageTotal", "grossDue", "reduction", "payable", "averageWage"]) expect(typeof json[f], f).toBe("string");
    expect(json.filingYear).toBe(2025);
    expect(json.dataYear).toBe(2024);
    expect(json.wageTotal).toBe("4980000");
    expect(json.region.code).toBe("CN-JS");
    expect(Array.isArray(json.trail) && json.trail.length).toBeGreaterThan(5);
    expect(json.parameters.some((p: { name: string; source: { document: string } }) => p.name === "quotaRatio" && p.source.document)).toBe(true);
    // One certified disabled employee of 60.67 staff: 0.91 required, quota met.
    expect(json.shortfall).toBe("0");
    expect(json.payable).toBe("0.00");
  });

  it("prints a bilingual table with the form columns (rules file example 5)", async () => {
    writeFileSync(join(dir, "example5.json"), JSON.stringify({ filingYear: 2025, headcount: "60.6667", wageTotal: "4980000", certifiedDisabled: "0", socialAverageWage: "95000" }));
    const r = await runCli(["calc", "example5.json"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/本期应纳费额 Gross levy\s+74,700\.00/);
    expect(r.stdout).toMatch(/本期应补（退）费额 Payable\s+67,230\.00/);
    expect(r.stdout).toMatch(/按90%缴纳/);
    const json = JSON.parse((await runCli(["calc", "example5.json", "--json"], dir)).stdout);
    expect(json.grossDue).toBe("74700.00");
    expect(json.payable).toBe("67230.00");
    expect(json.reductionKind).toBe("tier-90");
  });

  it("exits 2 naming a bad field, bad JSON, a missing file, or bad usage", async () => {
    writeFileSync(join(dir, "typo.json"), JSON.stringify({ wageTotal: "1000000", headcnt: "50" }));
    let r = await runCli(["calc", "typo.json"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/headcnt/);
    expect(r.stdout).toBe("");

    writeFileSync(join(dir, "bad-type.json"), JSON.stringify({ wageTotal: "1000000", headcount: [1, 2] }));
    r = await runCli(["calc", "bad-type.json"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/headcount/);

    writeFileSync(join(dir, "broken.json"), "{ wageTotal: ");
    r = await runCli(["calc", "broken.json"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/JSON/);

    r = await runCli(["calc", "nope.json"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ENOENT|无法读取/);

    r = await runCli(["calc"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/usage/);

    r = await runCli(["calc", "typo.json", "--verbose"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--verbose/);
  });

  it("never prints a stack trace for a wrong command", async () => {
    const r = await runCli(["calcu"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
