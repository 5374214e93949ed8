/**
 * The bench's batch line (issue 10 §4): 200 client workbooks of 300 employees each, audited as one folder by the
 * built CLI (`node bin/levy.js audit DIR --out GROUP.xlsx --json`: every file read, analysed, its working paper
 * written, the summary written), on 1 job and on all cores, each in a fresh process. The workbooks are synthetic
 * (bench/synthetic.ts): 10 companies generated with different seeds, each copied 20 times (generating all 200 would
 * take longer than auditing them) with its own 统一社会信用代码 written into each copy — a batch treats byte-identical
 * files as duplicates and one credit code in two files as the same entity filed twice, so plain copies would not be
 * audited; everything is written into a temporary folder and deleted afterwards.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import JSZip from "jszip";
import { makeRng, uscc } from "../scripts/sample-data";
import { writeSyntheticWorkbook } from "./synthetic";

/** A copy of a synthetic workbook under another credit code (the shared string 91320505…, see synthetic.ts). */
async function copyAsOtherEntity(from: string, to: string, seed: number): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(from));
  const part = zip.file("xl/sharedStrings.xml");
  if (!part) throw new Error(`${from}: no shared strings`);
  const xml = await part.async("string");
  const code = uscc(makeRng(seed), "320505");
  const next = xml.replace(/>91320505[0-9A-Z]{10}</, `>${code}<`);
  if (next === xml) throw new Error(`${from}: no credit code to replace`);
  zip.file("xl/sharedStrings.xml", next);
  writeFileSync(to, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

const ROOT = resolve(__dirname, "..");

interface BatchRun {
  jobs: number;
  ms: number;
  /** User + system CPU seconds and peak RSS (MB) from /usr/bin/time, when available. */
  cpu?: number;
  maxRssMB?: number;
  exit: number | null;
  entities: number;
  papers: number;
  payable: string;
  error?: string;
}

function auditFolder(clients: string, out: string, jobs: number): BatchRun {
  mkdirSync(out, { recursive: true });
  const args = [join(ROOT, "bin", "levy.js"), "audit", clients, "--jobs", String(jobs), "--out", join(out, "GROUP.xlsx"), "--json"];
  const timed = existsSync("/usr/bin/time");
  const t = performance.now();
  const r = timed
    ? spawnSync("/usr/bin/time", ["-f", "TIME %U %S %M", process.execPath, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 })
    : spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  const ms = performance.now() - t;
  const run: BatchRun = { jobs, ms, exit: r.status, entities: 0, papers: 0, payable: "?" };
  const m = /TIME ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? "");
  if (m) {
    run.cpu = Number(m[1]) + Number(m[2]);
    run.maxRssMB = Math.round(Number(m[3]) / 1024);
  }
  try {
    const json = JSON.parse(r.stdout) as { batch: { totals: { entities: number; payable: string } } };
    run.entities = json.batch.totals.entities;
    run.payable = json.batch.totals.payable;
    run.papers = readdirSync(join(out, "GROUP-底稿")).length;
  } catch {
    run.error = `levy audit exited ${r.status}: ${(r.stderr || "").slice(-800)}`;
  }
  return run;
}

/** Generate the folder, audit it on 1 job and on every core, print one line, delete everything. */
export async function batchLine(options: { files?: number; employees?: number; distinct?: number } = {}): Promise<void> {
  const files = options.files ?? 200;
  const employees = options.employees ?? 300;
  const distinct = Math.min(options.distinct ?? 10, files);
  const dir = mkdtempSync(join(tmpdir(), "levy-bench-batch-"));
  try {
    const clients = join(dir, "clients");
    mkdirSync(clients);
    const t = performance.now();
    const seeds: string[] = [];
    for (let i = 0; i < distinct; i++) {
      const file = join(dir, `company-${i + 1}.xlsx`);
      await writeSyntheticWorkbook(file, { employees, seed: 1000 + i });
      seeds.push(file);
    }
    for (let i = 0; i < files; i++) await copyAsOtherEntity(seeds[i % distinct], join(clients, `client-${String(i + 1).padStart(3, "0")}.xlsx`), 7000 + i);
    const gen = (performance.now() - t) / 1000;
    const cores = availableParallelism();
    const runs = [auditFolder(clients, join(dir, "out-1"), 1)];
    if (cores > 1) runs.push(auditFolder(clients, join(dir, `out-${cores}`), cores));
    for (const r of runs) if (r.error) process.stdout.write(`  ! batch, ${r.jobs} job(s): ${r.error}\n`);
    const show = (r: BatchRun) =>
      `${r.jobs} job${r.jobs > 1 ? "s" : ""} ${(r.ms / 1000).toFixed(2)} s (${((r.ms / files)).toFixed(0)} ms/file${r.cpu !== undefined ? `, CPU ${r.cpu.toFixed(1)} s, peak RSS ${r.maxRssMB} MB` : ""}; ${r.entities} entities, ${r.papers} papers, exit ${r.exit})`;
    const speedup = runs.length > 1 ? ` — ${(runs[0].ms / runs[1].ms).toFixed(2)}× on ${cores} cores` : "";
    const same = runs.every((r) => r.payable === runs[0].payable) ? `payable total ${runs[0].payable} on every run` : `PAYABLE DIFFERS: ${runs.map((r) => r.payable).join(" vs ")}`;
    process.stdout.write(
      `batch (${files} client workbooks × ${employees} employees, ${distinct} distinct, generated in ${gen.toFixed(1)} s; levy audit DIR --out GROUP.xlsx with one working paper per entity): ` +
        `${runs.map(show).join("; ")}${speedup}; ${same}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
