/**
 * Batches and groups of entities (issue 10 §4), end to end on real .xlsx files:
 *
 * - a folder with two client workbooks, a corrupt file, a foreign workbook (a sales list, not a payroll) and a text
 *   file: the summary covers every file, the two clients' figures are the hand-computed ones, each entity's JSON is
 *   the very object `levy audit FILE --json` gives, the corrupt and foreign files are rows with their reasons, exit 2;
 * - the summary workbook and one working paper per entity are written; a second run refuses to overwrite them;
 * - a group workbook with two entities in different provinces (河南 1.6%, 吉林 1.5%) is split and each entity is
 *   computed under its own rules (amounts by hand); a group whose split is unsure is refused, not mixed;
 * - the order of results does not depend on the number of jobs (worker threads, jobs = 2), in process and from the
 *   webpack-built CLI.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SheetData } from "../../src/workbook/types";
import { CLEAN_EXPECTED, CLEAN_PARAMS, cleanCompany, cleanEmployees, sheetsToRows, writeXlsx } from "../workbook/fixtures";
import { makeRng, uscc } from "../../scripts/sample-data";
import { runCli } from "../cli/helpers";
import { main } from "../../src/cli/main";
import { runBatchTasks } from "../../src/batch/pool";

const ROOT = resolve(__dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "levy-batch-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Row {
  no: number;
  file: string;
  entity: { index: number; of: number } | null;
  name: string | null;
  uscc: string | null;
  region: { code: string } | null;
  columns: Record<string, string> | null;
  findings: { error: number; warning: number; info: number };
  reconciliation: { sources: number; bridges: number; unexplained: number } | null;
  status: string;
  exitCode: number;
  reason?: { zh: string; en: string };
  paper?: string;
}

function prefixed(prefix: string, sheets: SheetData[]): SheetData[] {
  return sheets.map((s) => ({ ...s, name: `${prefix}-${s.name}` }));
}

const OTHER_USCC = uscc(makeRng(7), "310110");

/** A client with no disabled staff: 100 people × 128,400 a year (fixtures' clean pay), national rules. */
const NO_DISABLED = { disabled: null, monthly: null, declaration: null } as const;

beforeAll(async () => {
  const clients = join(dir, "clients");
  mkdirSync(clients);
  await writeXlsx(join(clients, "b-clean.xlsx"), sheetsToRows(cleanCompany()));
  // Another company (its own credit code): the same code and data year in two files would be BATCH_SAME_ENTITY.
  await writeXlsx(join(clients, "a-short.xlsx"), sheetsToRows(cleanCompany({ ...NO_DISABLED, params: CLEAN_PARAMS.map(([k, v]): [string, typeof v] => [k, k === "统一社会信用代码" ? OTHER_USCC : v]) })));
  // Corrupt: the first 2,000 bytes of a real workbook (no zip directory).
  writeFileSync(join(clients, "c-corrupt.xlsx"), readFileSync(join(clients, "b-clean.xlsx")).subarray(0, 2000));
  // Foreign: a workbook that is not a payroll at all.
  await writeXlsx(join(clients, "d-sales.xlsx"), [
    { name: "销售明细", rows: [["产品", "数量", "单价", "金额"], ["螺丝", 100, 0.5, 50], ["螺母", 200, 0.3, 60]] },
  ]);
  writeFileSync(join(clients, "notes.txt"), "not a workbook");

  // Group: 甲公司 in 河南 (100 staff), 乙公司 in 吉林 (60 other staff), no disabled staff, sheets "甲公司-花名册" …
  const staff = cleanEmployees(160);
  const params = (name: string, region: string): Array<[string, string | number]> => [
    ["单位名称", name],
    ["地区", region],
    ["申报年度", 2025],
    ["单位类型", "企业"],
    ["社会平均工资", 100000],
    ["最低工资", 2490],
  ];
  const a = prefixed("甲公司", cleanCompany({ ...NO_DISABLED, employees: staff.slice(0, 100), params: params("甲公司", "河南") }));
  const b = prefixed("乙公司", cleanCompany({ ...NO_DISABLED, employees: staff.slice(100), params: params("乙公司", "吉林") }));
  const notes: SheetData = { name: "说明", origin: "A1", values: [["本工作簿含两家子公司的残保金资料。"]] };
  await writeXlsx(join(dir, "group.xlsx"), sheetsToRows([notes, ...a, ...b]));
  // Unsure: the same, plus a payroll sheet that names no entity.
  const stray: SheetData = { ...b.find((s) => s.name === "乙公司-工资表")!, name: "工资表" };
  await writeXlsx(join(dir, "group-unsure.xlsx"), sheetsToRows([...a, ...b, stray]));
}, 120_000);

async function batchJson(args: string[]) {
  const r = await runCli(["audit", ...args, "--json"], dir);
  return { code: r.code, stderr: r.stderr, json: JSON.parse(r.stdout) as { files: Array<Record<string, unknown>>; batch: { entities: Row[]; ignored: Array<{ file: string }>; totals: Record<string, unknown>; inputs: string[] } } };
}

describe("levy audit DIR/ (a folder of client workbooks)", () => {
  it("reports every file, in path order, with the corrupt and foreign ones as rows with their reasons (exit 2)", async () => {
    const { code, json } = await batchJson(["clients", "--jobs", "1"]);
    expect(code).toBe(2);
    const rows = json.batch.entities;
    expect(rows.map((r) => r.file)).toEqual(["clients/a-short.xlsx", "clients/b-clean.xlsx", "clients/c-corrupt.xlsx", "clients/d-sales.xlsx"]);
    expect(json.batch.ignored.map((i) => i.file)).toEqual(["clients/notes.txt"]);
    expect(json.files).toHaveLength(4);

    // Hand-computed, national rules, data year 2024, social average 100,000 (cap 200,000 not reached):
    // a-short: 100 staff × (12 × 9,700 + 12,000) = 12,840,000; average 128,400; required 100 × 1.5% = 1.5, no disabled
    // → shortfall 1.5; gross 1.5 × 128,400 = 192,600.00; share 0 < 1% → pays 90%, reduction 10% = 19,260.00;
    // payable 192,600.00 − 19,260.00 = 173,340.00.
    const [short, clean, corrupt, sales] = rows;
    expect(short.columns).toEqual({ "4": "12840000", "5": "100", "6": "0.015", "7": "0", "8": "128400", "9": "192600.00", "10": "19260.00", "11": "0.00", "12": "173340.00" });
    expect(short.region?.code).toBe("CN");
    expect(short.status).toBe("clean");
    expect(short.reconciliation).toEqual({ sources: 0, bridges: 0, unexplained: 0 }); // no ledger or return in it
    expect(corrupt.reconciliation).toBeNull(); // never audited
    // b-clean: the fixtures' clean company (2 certified disabled ≥ 1.5 required → nothing due).
    expect(clean.columns?.["4"]).toBe(CLEAN_EXPECTED.wageTotal);
    expect(clean.columns?.["5"]).toBe(CLEAN_EXPECTED.headcount);
    expect(clean.columns?.["12"]).toBe(CLEAN_EXPECTED.payable);
    expect(clean.name).toBe("示例科技有限公司");
    expect(clean.uscc).toBe("91310110666007217T");
    expect(clean.findings.error).toBe(0);

    expect(corrupt.status).toBe("unusable");
    expect(corrupt.columns).toBeNull();
    expect(corrupt.reason?.en).toMatch(/corrupt|zip/i);
    expect(sales.status).toBe("unusable");
    expect(sales.reason?.en).toMatch(/roster/i);
    // Totals: 173,340.00 + 0.00 over the two audited entities.
    expect(json.batch.totals).toMatchObject({ entities: 4, clean: 2, unusable: 2, payable: "173340.00", grossDue: "192600.00" });
  });

  it("gives each file the very object single-file `levy audit FILE --json` gives", async () => {
    const { json } = await batchJson(["clients", "--jobs", "1"]);
    for (const [i, file] of json.batch.inputs.entries()) {
      const single = await runCli(["audit", file, "--json"], dir);
      expect(json.files[i]).toEqual(JSON.parse(single.stdout).files[0]);
    }
  });

  it("gives the same results in the same order on 2 worker threads", async () => {
    const one = await batchJson(["clients", "--jobs", "1"]);
    const two = await batchJson(["clients", "--jobs", "2"]);
    expect(two.code).toBe(one.code);
    expect(two.json.files).toEqual(one.json.files);
    expect(two.json.batch.entities).toEqual(one.json.batch.entities);
    expect((two.json.batch as unknown as { jobs: number }).jobs).toBe(2);
  });

  it("writes the summary workbook and one working paper per entity, and never overwrites them without --force", async () => {
    const r = await runCli(["audit", "clients", "--out", "GROUP.xlsx", "--jobs", "2"], dir);
    expect(r.code).toBe(2);
    const papers = join(dir, "GROUP-底稿");
    expect(readdirSync(papers).sort()).toEqual(["a-short.xlsx", "b-clean.xlsx"]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "GROUP.xlsx"));
    const ws = wb.getWorksheet("汇总 Summary")!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain("对账 Reconciliation");
    const col = (h: string) => header.indexOf(h) + 1;
    expect(ws.getRow(2).getCell(col("文件 File")).value).toBe("clients/a-short.xlsx");
    expect(ws.getRow(2).getCell(col("12 应补（退）Payable")).value).toBe(173340);
    expect(ws.getRow(2).getCell(col("对账 Reconciliation")).value).toBe("—");
    expect(String(ws.getRow(4).getCell(col("结论 Result")).value)).toMatch(/无法审核/);
    expect(String(ws.getRow(5).getCell(col("结论 Result")).value)).toMatch(/无法审核/);
    // The per-entity paper is the ordinary working paper of that file.
    const paper = new ExcelJS.Workbook();
    await paper.xlsx.readFile(join(papers, "a-short.xlsx"));
    expect(paper.getWorksheet("汇总 Summary")!.getRow(2).getCell(14).value).toBe(173340);

    const before = statSync(join(dir, "GROUP.xlsx")).mtimeMs;
    const again = await runCli(["audit", "clients", "--out", "GROUP.xlsx"], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    expect(statSync(join(dir, "GROUP.xlsx")).mtimeMs).toBe(before);
    // The summary exists but the papers folder is the one in the way: still refused.
    rmSync(join(dir, "GROUP.xlsx"));
    const third = await runCli(["audit", "clients", "--out", "GROUP.xlsx"], dir);
    expect(third.code).toBe(2);
    expect(third.stderr).toMatch(/not empty/);
    expect(existsSync(join(dir, "GROUP.xlsx"))).toBe(false);
    const forced = await runCli(["audit", "clients", "--out", "GROUP.xlsx", "--force", "--jobs", "1"], dir);
    expect(forced.code).toBe(2);
    expect(existsSync(join(dir, "GROUP.xlsx"))).toBe(true);
  });

  it("never writes the summary over a client workbook of the batch, even with --force (the folder's or a listed file)", async () => {
    const client = join(dir, "clients", "a-short.xlsx");
    const before = readFileSync(client);
    for (const args of [
      ["audit", "clients", "--out", "clients/a-short.xlsx", "--force", "--jobs", "1"],
      ["audit", "clients/a-short.xlsx", "clients/b-clean.xlsx", "--batch", "--out", "clients/a-short.xlsx", "--force", "--jobs", "1"],
    ]) {
      const r = await runCli(args, dir);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/one of the workbooks being audited/);
      expect(readFileSync(client).equals(before)).toBe(true);
    }
  });

  it("prints a text summary naming the files that could not be audited", async () => {
    const r = await runCli(["audit", "clients", "--jobs", "1"], dir);
    expect(r.stdout).toMatch(/批量审核 Batch audit: 4/);
    expect(r.stdout).toMatch(/c-corrupt\.xlsx: /);
    expect(r.stdout).toMatch(/notes\.txt: 不是电子表格文件/);
    // No progress line when stderr is not a terminal.
    expect(r.stderr).toBe("");
  });
});

describe("batch robustness and terminal output", () => {
  it("a worker that dies costs only its files: each is reported with the reason and the pool finishes", async () => {
    const tasks = ["x.xlsx", "y.xlsx", "z.xlsx"].map((f, index) => ({ index, path: join(dir, f), displayName: f, options: {}, readOptions: {} }));
    const results = await runBatchTasks(tasks, { jobs: 2, worker: { file: "process.exit(3)", eval: true } });
    expect(results.map((r) => r.index)).toEqual([0, 1, 2]);
    for (const r of results) {
      expect(r.entries).toHaveLength(1);
      expect(r.entries[0].audit.exitCode).toBe(2);
      expect(r.entries[0].audit.error?.en).toMatch(/stopped: .*worker exited \(3\)/);
    }
  });

  it("shows a progress line on a terminal's stderr, and none with --json", async () => {
    const run = async (args: string[]) => {
      let err = "";
      let out = "";
      const code = await main(["audit", "clients", "--jobs", "1", ...args], { stdout: { write: (t: string) => (out += t) }, stderr: Object.assign({ write: (t: string) => (err += t) }, { isTTY: true }), cwd: dir });
      return { code, out, err };
    };
    const text = await run([]);
    expect(text.err).toMatch(/批量审核 auditing 4\/4/);
    const json = await run(["--json"]);
    expect(json.err).not.toMatch(/auditing/);
    expect(JSON.parse(json.out).batch.entities).toHaveLength(4);
  });
});

describe("group workbook: one sheet set per entity", () => {
  it("splits 甲公司 (河南) and 乙公司 (吉林) and computes each under its own province's rules", async () => {
    const r = await runCli(["audit", "group.xlsx", "--json"], dir);
    expect(r.code).toBe(0);
    const files = JSON.parse(r.stdout).files as Array<{ file: string; calculation: Record<string, string> & { region: { code: string } }; entity: { index: number; of: number; name: string; sheets: string[] } }>;
    expect(files).toHaveLength(2);
    const [a, b] = files;
    expect(a.entity).toMatchObject({ index: 1, of: 2, name: "甲公司" });
    expect(a.entity.sheets.sort()).toEqual(["甲公司-参数", "甲公司-工资表", "甲公司-花名册"].sort());
    // 甲公司, 河南 (豫发改价调〔2020〕1038号: 1.6%): 100 staff, wages 12,840,000, average 128,400; required
    // 100 × 1.6% = 1.6, no disabled; gross 1.6 × 128,400 = 205,440.00; below 1% → pays 90%: reduction 20,544.00;
    // payable 184,896.00.
    expect(a.calculation.region.code).toBe("CN-HA");
    expect([a.calculation.wageTotal, a.calculation.headcount, a.calculation.quotaRatio]).toEqual(["12840000", "100", "0.016"]);
    expect([a.calculation.grossDue, a.calculation.reduction, a.calculation.payable]).toEqual(["205440.00", "20544.00", "184896.00"]);
    // 乙公司, 吉林 (1.5%): 60 staff × 128,400 = 7,704,000; required 60 × 1.5% = 0.9; gross 0.9 × 128,400 =
    // 115,560.00; reduction 10% = 11,556.00; payable 104,004.00. (Mixed with 甲公司 it would be 160 staff.)
    expect(b.entity).toMatchObject({ index: 2, of: 2, name: "乙公司" });
    expect(b.calculation.region.code).toBe("CN-JL");
    expect([b.calculation.wageTotal, b.calculation.headcount, b.calculation.quotaRatio]).toEqual(["7704000", "60", "0.015"]);
    expect([b.calculation.grossDue, b.calculation.reduction, b.calculation.payable]).toEqual(["115560.00", "11556.00", "104004.00"]);
  });

  it("audits a group workbook inside a folder batch as one row per entity", async () => {
    mkdirSync(join(dir, "groups"), { recursive: true });
    writeFileSync(join(dir, "groups", "group.xlsx"), readFileSync(join(dir, "group.xlsx")));
    const { code, json } = await batchJson(["groups", "--jobs", "1", "--out", "groups-summary.xlsx"]);
    expect(code).toBe(0);
    // One working paper per entity, named from the file and the entity.
    expect(readdirSync(join(dir, "groups-summary-底稿")).sort()).toEqual(["group-乙公司.xlsx", "group-甲公司.xlsx"]);
    expect(json.batch.entities.map((r) => [r.file, r.entity, r.name, r.region?.code, r.columns?.["12"]])).toEqual([
      ["groups/group.xlsx", { index: 1, of: 2 }, "甲公司", "CN-HA", "184896.00"],
      ["groups/group.xlsx", { index: 2, of: 2 }, "乙公司", "CN-JL", "104004.00"],
    ]);
  });

  it("refuses a group workbook whose split is unsure (a payroll sheet naming no entity) rather than mixing", async () => {
    const r = await runCli(["audit", "group-unsure.xlsx", "--json"], dir);
    expect(r.code).toBe(2);
    const [file] = JSON.parse(r.stdout).files;
    expect(file.calculation).toBeNull();
    expect(file.findings.map((f: { code: string }) => f.code)).toEqual(["ENTITY_SPLIT_UNSURE"]);
    expect(file.findings[0].cells).toEqual([{ sheet: "工资表", address: "A1" }]);
    expect(file.error.en).toMatch(/"工资表" holds a table but names no entity/);
  });
});

describe("the built CLI (dist-cli, worker script bundled by webpack)", () => {
  it("runs a batch on 2 worker threads with the same results as in process", async () => {
    const bundle = join(ROOT, "dist-cli", "batch-worker.js");
    if (!existsSync(bundle) || statSync(bundle).mtimeMs < statSync(join(ROOT, "src", "batch", "task.ts")).mtimeMs) {
      const b = spawnSync(join(ROOT, "node_modules", ".bin", "webpack"), ["--mode", "production", "--config-name", "cli"], { cwd: ROOT, encoding: "utf8" });
      expect(b.status, b.stderr).toBe(0);
    }
    const r = spawnSync(process.execPath, [join(ROOT, "bin", "levy.js"), "audit", "clients", "--jobs", "2", "--json"], { cwd: dir, encoding: "utf8" });
    expect(r.status).toBe(2);
    const built = JSON.parse(r.stdout);
    const inProcess = await batchJson(["clients", "--jobs", "1"]);
    expect(built.files).toEqual(inProcess.json.files);
    expect(built.batch.entities).toEqual(inProcess.json.batch.entities);
  });
});
