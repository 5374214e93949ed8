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

describe("levy calc: plausibility and hostile input (issue 9 §3)", () => {
  // National rules, 100 staff, average wage 100,000 (cap 200,000 not binding), no disabled staff: the 90% band.
  const base = { filingYear: 2025, headcount: "100", wageTotal: "10000000", certifiedDisabled: "0", socialAverageWage: "100000" };
  const write = (name: string, data: unknown) => {
    writeFileSync(join(dir, name), typeof data === "string" ? data : JSON.stringify(data));
    return name;
  };

  it("computes a percentage override as written (1.6% → 1.6 required, 160,000.00 gross, 144,000.00 payable)", async () => {
    const r = await runCli(["calc", write("q16pct.json", { ...base, overrides: { quotaRatio: "1.6%" } }), "--json"], dir);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.required).toBe("1.6");
    expect(json.grossDue).toBe("160000.00");
    expect(json.payable).toBe("144000.00");
  });

  it("refuses 安置比例 1.6 (160%) with exit 2 and the likely meaning instead of a 100× levy", async () => {
    const r = await runCli(["calc", write("q16.json", { ...base, overrides: { quotaRatio: "1.6" } })], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('"quotaRatio"');
    expect(r.stderr).toContain("160%");
    expect(r.stderr).toContain("did you mean 1.6% (0.016)?");
    expect(r.stderr).toContain("是否应为 1.6%");
  });

  it("refuses a collection rate of 60 (6000%), a monthly social average wage and a registration after the filing date, all at once", async () => {
    const r = await runCli(["calc", write("typos.json", { ...base, socialAverageWage: "8000", registrationDate: "2042-01-01", overrides: { localCollectionRate: "60" } })], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("did you mean 60% (0.6)?");
    expect(r.stderr).toContain("A year is 96000.");
    expect(r.stderr).toContain("2042-01-01: is after the filing date 2025-07-01");
  });

  it("computes a lawful but unusual value and lists it as a warning (征收比例 10% → 13,500.00)", async () => {
    const r = await runCli(["calc", write("low-rate.json", { ...base, overrides: { localCollectionRate: "10%" } }), "--json"], dir);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.grossDue).toBe("15000.00");
    expect(json.payable).toBe("13500.00");
    const note = json.notes.find((n: { code: string }) => n.code === "PARAM_UNUSUAL");
    expect(note.severity).toBe("warning");
    expect(note.message.en).toContain("10%");
  });

  it("warns about a filing date more than a year after --today, and refuses an invalid --today", async () => {
    const file = write("future.json", { ...base, filingYear: undefined, filingDate: "2027-07-01" });
    const r = await runCli(["calc", file, "--json", "--today", "2025-06-01"], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).notes.some((n: { code: string; message: { en: string } }) => n.code === "PARAM_UNUSUAL" && n.message.en.includes("today (2025-06-01)"))).toBe(true);
    const bad = await runCli(["calc", file, "--today", "2025-02-30"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--today");
    expect((await runCli(["calc", file, "--today"], dir)).code).toBe(2);
  });

  it("refuses an empty region instead of silently using national rules", async () => {
    const r = await runCli(["calc", write("empty-region.json", { ...base, region: "  " })], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"region"');
  });

  it("refuses numbers beyond a sane range without echoing them", async () => {
    for (const [name, content] of [
      ["e400-text.json", JSON.stringify({ ...base, headcount: "1e400" })],
      ["e400-number.json", `{"filingYear":2025,"headcount":1e400,"wageTotal":"1"}`],
      ["digits.json", JSON.stringify({ ...base, wageTotal: "9".repeat(100_000) })],
      ["ten-million.json", JSON.stringify({ ...base, headcount: "10000000" })],
      ["money.json", JSON.stringify({ ...base, alreadyPaid: "20000000000000" })],
    ]) {
      const r = await runCli(["calc", write(name, content)], dir);
      expect(r.code, name).toBe(2);
      expect(r.stdout, name).toBe("");
      expect(r.stderr.length, name).toBeLessThan(600);
    }
  });

  it("caps the file size (a 2 MiB file is refused, not echoed) and accepts a UTF-8 byte-order mark", async () => {
    const big = write("big.json", `{"region":"${"x".repeat(2 * 1024 * 1024)}"}`);
    const r = await runCli(["calc", big], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("file too large");
    expect(r.stderr.length).toBeLessThan(300);
    const bom = write("bom.json", `\uFEFF${JSON.stringify({ ...base, overrides: { quotaRatio: "1.6%" } })}`);
    const ok = await runCli(["calc", bom, "--json"], dir);
    expect(ok.stderr).toBe("");
    expect(JSON.parse(ok.stdout).payable).toBe("144000.00");
  });

  it("never prints [object Object] for a mistyped field", async () => {
    const r = await runCli(["calc", write("object.json", { ...base, overrides: { quotaRatio: { value: 1 } } })], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain("[object Object]");
  });
});


describe("case fields from the rule data: budgetFunded and approvedRelief", () => {
  it("a Hunan budget-funded case file pays on the regional average (100 staff, own 60,000, regional 80,000 → 108,000.00)", async () => {
    writeFileSync(
      join(dir, "hunan.json"),
      JSON.stringify({ filingYear: 2025, region: "湖南", entityType: "public-institution", headcount: "100", wageTotal: "6000000", socialAverageWage: "80000", budgetFunded: true }),
    );
    const r = await runCli(["calc", "hunan.json", "--json"], dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).payable).toBe("108000.00");
  });
  it("budgetFunded must be a boolean", async () => {
    writeFileSync(join(dir, "hunan-bad.json"), JSON.stringify({ region: "湖南", headcount: "100", wageTotal: "6000000", budgetFunded: "maybe" }));
    expect((await runCli(["calc", "hunan-bad.json"], dir)).code).toBe(2);
  });
});
