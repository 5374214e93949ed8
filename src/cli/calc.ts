/**
 * `levy calc CASE.json [--json]`: the core on aggregates. Bad input → exit 2 with a message naming the field.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { calculateLevy } from "../core/levy/calculate";
import { serializeLevyResult } from "../core/levy/serialize";
import { LevyInputError } from "../core/levy/types";
import type { LevyCase } from "../core/levy/types";
import { parseEntityType } from "../core/settings";
import { formatCalculation } from "./format";
import { EXIT } from "./io";
import type { CliIO } from "./io";

const CASE_FIELDS = new Set([
  "region",
  "filingYear",
  "filingDate",
  "entityType",
  "headcount",
  "monthlyHeadcount",
  "wageTotal",
  "certifiedDisabled",
  "socialAverageWage",
  "alreadyPaid",
  "registrationDate",
  "overrides",
]);

/** Turn the parsed JSON into a LevyCase, refusing unknown or mistyped fields by name (a typo must not be ignored). */
export function caseFromJson(data: unknown): LevyCase {
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new LevyInputError("case", { zh: "案例文件应为一个 JSON 对象。", en: "The case file must hold one JSON object." });
  }
  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!CASE_FIELDS.has(key)) {
      throw new LevyInputError(key, { zh: `未知字段“${key}”。可用字段：${[...CASE_FIELDS].join(", ")}。`, en: `Unknown field "${key}". Known fields: ${[...CASE_FIELDS].join(", ")}.` });
    }
  }
  const numeric = (key: string): string | undefined => {
    const v = record[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === "number" || typeof v === "string") return String(v);
    throw new LevyInputError(key, { zh: `“${key}”应为数字或数字字符串。`, en: `"${key}" must be a number or a decimal string.` });
  };
  const text = (key: string): string | undefined => {
    const v = record[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === "string") return v;
    throw new LevyInputError(key, { zh: `“${key}”应为文字。`, en: `"${key}" must be a string.` });
  };
  const c: LevyCase = { wageTotal: numeric("wageTotal") as string };
  const region = text("region");
  if (region !== undefined) c.region = region;
  if (record.filingYear !== undefined) {
    const y = record.filingYear;
    if (typeof y !== "number" && typeof y !== "string") throw new LevyInputError("filingYear", { zh: "申报年度应为年份。", en: "filingYear must be a year." });
    c.filingYear = Number(y);
  }
  const filingDate = text("filingDate");
  if (filingDate !== undefined) c.filingDate = filingDate;
  const entity = text("entityType");
  if (entity !== undefined) {
    const e = parseEntityType(entity);
    if (!e) throw new LevyInputError("entityType", { zh: `单位类型“${entity}”无效。`, en: `entityType "${entity}" is invalid.` });
    c.entityType = e;
  }
  for (const key of ["headcount", "certifiedDisabled", "socialAverageWage", "alreadyPaid"] as const) {
    const v = numeric(key);
    if (v !== undefined) c[key] = v;
  }
  if (record.monthlyHeadcount !== undefined) {
    const m = record.monthlyHeadcount;
    if (!Array.isArray(m)) throw new LevyInputError("monthlyHeadcount", { zh: "monthlyHeadcount 应为12个数字或[月初,月末]的数组。", en: "monthlyHeadcount must be an array of 12 numbers or [start, end] pairs." });
    c.monthlyHeadcount = m.map((v, i) => {
      if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === "number" || typeof x === "string")) return [String(v[0]), String(v[1])] as const;
      if (typeof v === "number" || typeof v === "string") return String(v);
      throw new LevyInputError(`monthlyHeadcount[${i + 1}]`, { zh: `第${i + 1}个月的人数无效。`, en: `Month ${i + 1} is not a number or a [start, end] pair.` });
    });
  }
  const registration = text("registrationDate");
  if (registration !== undefined) c.registrationDate = registration;
  if (record.overrides !== undefined) {
    const o = record.overrides;
    if (o === null || typeof o !== "object" || Array.isArray(o)) throw new LevyInputError("overrides", { zh: "overrides 应为对象。", en: "overrides must be an object." });
    c.overrides = Object.fromEntries(Object.entries(o as Record<string, unknown>)) as LevyCase["overrides"];
    c.overrideOrigins = Object.fromEntries(Object.keys(o as object).map((k) => [k, "case file"])) as LevyCase["overrideOrigins"];
  }
  if (c.wageTotal === undefined) throw new LevyInputError("wageTotal", { zh: "缺少 wageTotal（工资总额）。", en: "wageTotal is missing." });
  return c;
}

export async function runCalc(args: string[], io: CliIO): Promise<number> {
  const json = args.includes("--json");
  const files = args.filter((a) => !a.startsWith("--"));
  const unknownFlags = args.filter((a) => a.startsWith("--") && a !== "--json");
  if (unknownFlags.length > 0 || files.length !== 1) {
    io.stderr.write(`levy calc: 用法 usage: levy calc CASE.json [--json]${unknownFlags.length ? ` (未知选项 unknown option ${unknownFlags.join(" ")})` : ""}\n`);
    return EXIT.badInput;
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(resolve(io.cwd, files[0]), "utf8"));
  } catch (error) {
    const reason = error instanceof SyntaxError ? `JSON 格式错误 invalid JSON: ${error.message}` : `无法读取 cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
    io.stderr.write(`levy calc: ${files[0]}: ${reason}\n`);
    return EXIT.badInput;
  }
  try {
    const result = serializeLevyResult(calculateLevy(caseFromJson(data)));
    io.stdout.write(json ? `${JSON.stringify(result, null, 2)}\n` : formatCalculation(result));
    return EXIT.ok;
  } catch (error) {
    if (error instanceof LevyInputError) {
      io.stderr.write(`levy calc: 字段 field "${error.field}": ${error.zh}\n  ${error.en}\n`);
      return EXIT.badInput;
    }
    throw error;
  }
}
