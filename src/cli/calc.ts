/**
 * `levy calc CASE.json [--json] [--today YYYY-MM-DD]`: the core on aggregates.
 *
 * Exit 2 (unusable input) with a bilingual message naming the field for: unknown or mistyped fields, numbers that are
 * not decimals or are absurdly long, an empty region, an invalid --today, a file over MAX_CASE_BYTES (read with a
 * bounded read, so /dev/zero or a 200 MB file is refused after 1 MiB, never echoed), and any value the plausibility
 * checks (core/levy/plausibility.ts) call an error — a likely typo such as 安置比例 1.5 (150%) is refused with the
 * likely meaning, not turned into a 100× levy. Unusual but lawful values are computed and listed as warnings in the
 * notes. A UTF-8 byte-order mark is accepted.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { resolve } from "node:path";
import { isIsoDate, todayInChina } from "../core/dates";
import { calculateLevy } from "../core/levy/calculate";
import { checkResultPlausibility, plausibilityNotes } from "../core/levy/plausibility";
import { serializeLevyResult } from "../core/levy/serialize";
import { LevyInputError } from "../core/levy/types";
import type { LevyCase } from "../core/levy/types";
import { parseEntityType } from "../core/settings";
import { shown } from "../core/shown";
import { ArgsError, parseArgs } from "./args";
import { formatCalculation } from "./format";
import { EXIT } from "./io";
import type { CliIO } from "./io";

/** A case file is a few hundred bytes; 1 MiB leaves room for comments-as-fields and long trails of overrides. */
export const MAX_CASE_BYTES = 1024 * 1024;
/** Longest number text accepted: 40 significant digits (the core's precision) plus sign, point and exponent. */
const MAX_NUMBER_TEXT = 50;
/** Longest region, date or entity-type text accepted. */
const MAX_TEXT = 100;

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
  "budgetFunded",
  "approvedRelief",
  "overrides",
]);

const USAGE = "levy calc: 用法 usage: levy calc CASE.json [--json] [--today YYYY-MM-DD]";

const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A JSON number or decimal string, checked here so the core never sees Infinity, 100,000 digits or "abc". */
function numberText(field: string, v: unknown): string {
  if (typeof v === "number") {
    // JSON.parse turns 1e400 into Infinity.
    if (!Number.isFinite(v)) throw new LevyInputError(field, { zh: `“${field}”超出范围（不是有限数字）。`, en: `"${field}" is out of range (not a finite number).` }, "number");
    return String(v);
  }
  if (typeof v === "string") {
    const t = v.trim();
    if (t.length > MAX_NUMBER_TEXT) {
      throw new LevyInputError(field, { zh: `“${field}”的数字太长（${t.length} 个字符，最多 ${MAX_NUMBER_TEXT}）。`, en: `"${field}" is too long for a number (${t.length} characters, at most ${MAX_NUMBER_TEXT}).` }, "number");
    }
    if (!DECIMAL_TEXT.test(t)) throw new LevyInputError(field, { zh: `“${field}”不是数字：“${shown(t)}”。`, en: `"${field}" is not a number: "${shown(t)}".` });
    const exponent = /[eE]([+-]?\d+)$/.exec(t);
    if (exponent && Math.abs(Number(exponent[1])) > 30) {
      throw new LevyInputError(field, { zh: `“${field}”超出范围：“${shown(t)}”。`, en: `"${field}" is out of range: "${shown(t)}".` }, "number");
    }
    return t;
  }
  throw new LevyInputError(field, { zh: `“${field}”应为数字或数字字符串。`, en: `"${field}" must be a number or a decimal string.` });
}

/** Turn the parsed JSON into a LevyCase, refusing unknown or mistyped fields by name (a typo must not be ignored). */
export function caseFromJson(data: unknown): LevyCase {
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new LevyInputError("case", { zh: "案例文件应为一个 JSON 对象。", en: "The case file must hold one JSON object." });
  }
  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!CASE_FIELDS.has(key)) {
      throw new LevyInputError(shown(key), { zh: `未知字段“${shown(key)}”。可用字段：${[...CASE_FIELDS].join(", ")}。`, en: `Unknown field "${shown(key)}". Known fields: ${[...CASE_FIELDS].join(", ")}.` });
    }
  }
  const numeric = (key: string): string | undefined => {
    const v = record[key];
    if (v === undefined || v === null) return undefined;
    return numberText(key, v);
  };
  const text = (key: string): string | undefined => {
    const v = record[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string") throw new LevyInputError(key, { zh: `“${key}”应为文字。`, en: `"${key}" must be a string.` });
    if (v.length > MAX_TEXT) throw new LevyInputError(key, { zh: `“${key}”太长（${v.length} 个字符）。`, en: `"${key}" is too long (${v.length} characters).` });
    return v.replace(/^\uFEFF/, "");
  };
  const c: LevyCase = { wageTotal: numeric("wageTotal") as string };
  const region = text("region");
  if (region !== undefined) {
    // An empty region used to mean national rules silently; omit the field for that.
    if (region.trim() === "") {
      throw new LevyInputError("region", { zh: "地区为空：请填写如 CN-JS、江苏、南京市；按全国规则计算请删去该字段或写 CN。", en: 'region is empty: give one such as CN-JS, 江苏 or 南京市; for national rules leave the field out or write "CN".' });
    }
    c.region = region;
  }
  if (record.filingYear !== undefined) {
    const y = record.filingYear;
    if (typeof y !== "number" && typeof y !== "string") throw new LevyInputError("filingYear", { zh: "申报年度应为年份。", en: "filingYear must be a year." });
    const n = Number(typeof y === "string" ? y.trim() : y);
    if (!Number.isInteger(n) || n < 2000 || n > 2100) throw new LevyInputError("filingYear", { zh: `申报年度“${shown(y)}”无效：应为如 2025 的年份。`, en: `filingYear "${shown(y)}" is invalid: give a year such as 2025.` });
    c.filingYear = n;
  }
  const filingDate = text("filingDate");
  if (filingDate !== undefined) c.filingDate = filingDate;
  const entity = text("entityType");
  if (entity !== undefined) {
    const e = parseEntityType(entity);
    if (!e) throw new LevyInputError("entityType", { zh: `单位类型“${shown(entity)}”无效。`, en: `entityType "${shown(entity)}" is invalid.` });
    c.entityType = e;
  }
  for (const key of ["headcount", "certifiedDisabled", "socialAverageWage", "alreadyPaid"] as const) {
    const v = numeric(key);
    if (v !== undefined) c[key] = v;
  }
  if (record.monthlyHeadcount !== undefined) {
    const m = record.monthlyHeadcount;
    if (!Array.isArray(m) || m.length !== 12) {
      throw new LevyInputError("monthlyHeadcount", { zh: "monthlyHeadcount 应为12个数字或12个[月初,月末]的数组。", en: "monthlyHeadcount must be an array of 12 numbers or 12 [start, end] pairs." });
    }
    c.monthlyHeadcount = m.map((v, i) => {
      const field = `monthlyHeadcount[${i + 1}]`;
      if (Array.isArray(v) && v.length === 2) return [numberText(`${field}.start`, v[0]), numberText(`${field}.end`, v[1])] as const;
      if (typeof v === "number" || typeof v === "string") return numberText(field, v);
      throw new LevyInputError(field, { zh: `第${i + 1}个月的人数无效。`, en: `Month ${i + 1} is not a number or a [start, end] pair.` });
    });
  }
  const registration = text("registrationDate");
  if (registration !== undefined) c.registrationDate = registration;
  // Hunan's budget-funded units (湖南 财政拨款) and an approved 72号 第十七条 reduction.
  if (record.budgetFunded !== undefined) {
    if (typeof record.budgetFunded !== "boolean") throw new LevyInputError("budgetFunded", { zh: "budgetFunded 应为 true 或 false。", en: "budgetFunded must be true or false." });
    c.budgetFunded = record.budgetFunded;
  }
  const relief = numeric("approvedRelief");
  if (relief !== undefined) c.approvedRelief = relief;
  if (record.overrides !== undefined) {
    const o = record.overrides;
    if (o === null || typeof o !== "object" || Array.isArray(o)) throw new LevyInputError("overrides", { zh: "overrides 应为对象。", en: "overrides must be an object." });
    const entries = Object.entries(o as Record<string, unknown>);
    for (const [k, v] of entries) {
      const field = `overrides.${shown(k)}`;
      if (v !== null && typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") {
        throw new LevyInputError(field, { zh: `“${field}”应为数字、文字或是/否。`, en: `"${field}" must be a number, a string or true/false.` });
      }
      if (typeof v === "number" && !Number.isFinite(v)) throw new LevyInputError(field, { zh: `“${field}”超出范围。`, en: `"${field}" is out of range.` }, "number");
      if (typeof v === "string" && v.length > MAX_NUMBER_TEXT) throw new LevyInputError(field, { zh: `“${field}”太长（${v.length} 个字符）。`, en: `"${field}" is too long (${v.length} characters).` }, "number");
    }
    c.overrides = Object.fromEntries(entries) as LevyCase["overrides"];
    c.overrideOrigins = Object.fromEntries(entries.map(([k]) => [k, "case file"])) as LevyCase["overrideOrigins"];
  }
  if (c.wageTotal === undefined) throw new LevyInputError("wageTotal", { zh: "缺少 wageTotal（工资总额）。", en: "wageTotal is missing." });
  return c;
}

/** Read at most `max` bytes; more → null. A bounded read, so /dev/zero and fifos cannot eat the memory. */
export function readBounded(path: string, max: number): Buffer | null {
  const fd = openSync(path, "r");
  try {
    if (fstatSync(fd).isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    const chunks: Buffer[] = [];
    let total = 0;
    const buffer = Buffer.alloc(64 * 1024);
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      total += n;
      if (total > max) return null;
      chunks.push(Buffer.from(buffer.subarray(0, n)));
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

function clip(message: string): string {
  return message.length > 500 ? `${message.slice(0, 500)}…` : message;
}

export async function runCalc(args: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args, { boolean: ["json"], value: ["today"] });
  } catch (error) {
    io.stderr.write(`${USAGE} (${error instanceof ArgsError ? error.message : String(error)})\n`);
    return EXIT.badInput;
  }
  const json = parsed.flags.has("json");
  const files = parsed.positional;
  if (files.length !== 1) {
    io.stderr.write(`${USAGE}\n`);
    return EXIT.badInput;
  }
  const todayFlag = parsed.flags.get("today");
  if (todayFlag !== undefined && (typeof todayFlag !== "string" || !isIsoDate(todayFlag.trim()))) {
    io.stderr.write(`levy calc: --today “${shown(todayFlag)}” 不是有效日期 is not a valid date (YYYY-MM-DD)\n`);
    return EXIT.badInput;
  }
  const today = typeof todayFlag === "string" ? todayFlag.trim() : todayInChina();
  const file = files[0];
  let data: unknown;
  try {
    const bytes = readBounded(resolve(io.cwd, file), MAX_CASE_BYTES);
    if (bytes === null) {
      io.stderr.write(`levy calc: ${shown(file, 200)}: 文件太大 file too large (案例文件最多 a case file is at most ${MAX_CASE_BYTES / 1024 / 1024} MiB)\n`);
      return EXIT.badInput;
    }
    const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
    data = JSON.parse(text);
    const dup = duplicateJsonKey(text);
    if (dup !== null) {
      io.stderr.write(`levy calc: ${shown(file, 200)}: 键“${shown(dup, 60)}”出现了两次，无法确定用哪个值 the key "${shown(dup, 60)}" is given twice; which value is meant cannot be told\n`);
      return EXIT.badInput;
    }
  } catch (error) {
    const reason = error instanceof SyntaxError ? `JSON 格式错误 invalid JSON: ${clip(error.message)}` : `无法读取 cannot read: ${(error as NodeJS.ErrnoException).code ?? clip(String(error))}`;
    io.stderr.write(`levy calc: ${shown(file, 200)}: ${reason}\n`);
    return EXIT.badInput;
  }
  try {
    const c = caseFromJson(data);
    const result = calculateLevy(c);
    const issues = checkResultPlausibility(result, c.registrationDate, today);
    const errors = issues.filter((i) => i.severity === "error");
    if (errors.length > 0) {
      for (const e of errors) io.stderr.write(`levy calc: 不合理的值 implausible value, 字段 field "${e.field}": ${e.message.zh}\n  ${e.message.en}\n`);
      return EXIT.badInput;
    }
    result.notes.push(...plausibilityNotes(issues));
    const out = serializeLevyResult(result);
    io.stdout.write(json ? `${JSON.stringify(out, null, 2)}\n` : formatCalculation(out));
    return EXIT.ok;
  } catch (error) {
    if (error instanceof LevyInputError) {
      const field = error.field.length > 100 ? `${error.field.slice(0, 100)}…` : error.field;
      io.stderr.write(`levy calc: 字段 field "${field}": ${clip(error.zh)}\n  ${clip(error.en)}\n`);
      return EXIT.badInput;
    }
    if (error instanceof RangeError) {
      io.stderr.write(`levy calc: 数字超出范围 number out of range: ${clip(error.message)}\n`);
      return EXIT.badInput;
    }
    throw error;
  }
}

/**
 * The first key given twice in one JSON object, or null. JSON.parse keeps the last silently ({"headcount": "100", …,
 * "headcount": "200"} computes on 200); a case file with a repeated key is refused instead. Called on text JSON.parse
 * has already accepted, so only strings, braces and brackets need tracking.
 */
export function duplicateJsonKey(text: string): string | null {
  const stack: Array<Set<string> | null> = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "{") {
      stack.push(new Set());
      expectKey = true;
    } else if (ch === "[") {
      stack.push(null);
      expectKey = false;
    } else if (ch === "}" || ch === "]") {
      stack.pop();
      expectKey = false;
    } else if (ch === ",") {
      expectKey = stack.length > 0 && stack[stack.length - 1] !== null;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      if (expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        const keys = stack[stack.length - 1]!;
        if (keys.has(key)) return key;
        keys.add(key);
        expectKey = false;
      }
      i = j;
    }
  }
  return null;
}
