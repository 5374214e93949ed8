/* functions.json as custom-functions-metadata generates it from the JSDoc of src/functions/functions.ts (the same call
 * the webpack plugin makes, without webpack), and the zh-CN descriptions in src/functions/locale/zh-CN.json. */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { generateCustomFunctionsMetadata, type IFunction, type IGenerateResult } from "custom-functions-metadata";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
const FUNCTIONS_TS = path.join(ROOT, "src", "functions", "functions.ts");
const ZH_CN_JSON = path.join(ROOT, "src", "functions", "locale", "zh-CN.json");

type Dimensionality = "scalar" | "matrix";
/** [name, optional, dimensionality]; every parameter is typed `any` (the adapters validate their inputs themselves). */
type Param = [string, boolean, Dimensionality];
interface Expected {
  params: Param[];
  result: { type?: string; dimensionality?: Dimensionality };
  options?: Record<string, unknown>;
}

const settings: Param = ["settings", true, "matrix"];
const headcount: Param = ["headcount", false, "scalar"];
const disabled: Param = ["disabled", false, "scalar"];
const wageTotal: Param = ["wageTotal", false, "scalar"];
const num = { type: "number" };
const TABLES: Param[] = [["roster", false, "matrix"], ["payroll", true, "matrix"], ["register", true, "matrix"], settings];

/** The LEVY.* contract (README "Custom functions"). Adding a function means adding it here and to zh-CN.json. */
const EXPECTED: Record<string, Expected> = {
  AVGHEADCOUNT: { params: [["months", false, "matrix"]], result: num },
  AVGWAGE: { params: [wageTotal, headcount, ["socialAverageWage", true, "scalar"], settings], result: num },
  REQUIRED: { params: [headcount, settings], result: num },
  SHORTFALL: { params: [headcount, disabled, settings], result: num },
  GROSS: { params: [headcount, disabled, wageTotal, settings], result: num },
  REDUCTION: { params: [headcount, disabled, wageTotal, settings], result: num },
  DUE: { params: [headcount, disabled, wageTotal, settings], result: num },
  TIER: { params: [headcount, disabled, ["wageTotal", true, "scalar"], settings], result: { type: "string" } },
  HIRESNEEDED: {
    params: [headcount, disabled, wageTotal, ["target", true, "scalar"], ["weight", true, "scalar"], ["fromMonth", true, "scalar"], settings],
    result: num,
  },
  LATEFEE: { params: [["amount", false, "scalar"], ["deadline", false, "scalar"], ["paidOn", false, "scalar"], settings], result: num },
  INSTALLMENT: { params: [["annual", false, "scalar"], ["quarter", false, "scalar"]], result: num },
  DISABLEDWEIGHT: { params: [["certificateNo", false, "scalar"], settings], result: num },
  CHECKID: { params: [["id", false, "scalar"]], result: { type: "boolean" } },
  RULE: { params: [["name", false, "scalar"], settings], result: {} },
  EXPLAIN: { params: [headcount, disabled, wageTotal, settings], result: { type: "string", dimensionality: "matrix" } },
  // Table-level functions (src/functions/table-functions.ts): whole ranges, Excel supplies their addresses.
  HEADCOUNT: { params: [["roster", false, "matrix"], settings], result: num, options: { requiresParameterAddresses: true } },
  WAGETOTAL: { params: [["payroll", false, "matrix"], ["roster", true, "matrix"], settings], result: num, options: { requiresParameterAddresses: true } },
  DISABLED: { params: [["register", false, "matrix"], ["roster", true, "matrix"], ["payroll", true, "matrix"], settings], result: num, options: { requiresParameterAddresses: true } },
  FORM: { params: TABLES, result: { dimensionality: "matrix" }, options: { requiresParameterAddresses: true } },
  FINDINGS: { params: TABLES, result: { type: "string", dimensionality: "matrix" }, options: { requiresParameterAddresses: true } },
  CHECK: { params: TABLES, result: { type: "string" }, options: { requiresParameterAddresses: true } },
};
const IDS = Object.keys(EXPECTED);

interface ZhEntry {
  description?: unknown;
  parameters?: Record<string, unknown>;
  result?: unknown;
}
const zhCN = JSON.parse(fs.readFileSync(ZH_CN_JSON, "utf8")) as Record<string, ZhEntry>;
const hasChinese = (s: unknown) => typeof s === "string" && /[\u4e00-\u9fff]/.test(s);

let generated: IGenerateResult;
let functions: IFunction[];
beforeAll(async () => {
  generated = await generateCustomFunctionsMetadata([FUNCTIONS_TS], false);
  functions = generated.errors.length === 0 ? (JSON.parse(generated.metadataJson) as { functions: IFunction[] }).functions : [];
});
const byId = (id: string) => {
  const fn = functions.find((f) => f.id === id);
  if (!fn) throw new Error(`${id} is not in functions.json`);
  return fn;
};

describe("functions.json (generated from the JSDoc)", () => {
  it("is generated without errors", () => {
    expect(generated.errors).toEqual([]);
    expect(functions.length).toBeGreaterThan(0);
  });

  it("has exactly the LEVY.* functions, ASCII names equal to their ids", () => {
    expect(functions.map((f) => f.id).sort()).toEqual([...IDS].sort());
    for (const f of functions) {
      expect(f.name).toBe(f.id);
      expect(f.id).toMatch(/^[A-Z][A-Z0-9]{2,}$/);
      expect(typeof f.description === "string" && f.description.trim().length > 0, `${f.id} has a description`).toBe(true);
    }
  });

  it("associates every function with an exported function of functions.ts", () => {
    expect(generated.associate.map((a) => a.id).sort()).toEqual([...IDS].sort());
    const source = fs.readFileSync(FUNCTIONS_TS, "utf8");
    for (const a of generated.associate) expect(source).toMatch(new RegExp(`export function ${a.functionName}\\(`));
  });

  it.each(IDS)("%s has the expected parameters and result", (id) => {
    const fn = byId(id);
    const expected = EXPECTED[id];
    const actual = fn.parameters.map((p): Param => [p.name, p.optional === true, (p.dimensionality ?? "scalar") as Dimensionality]);
    expect(actual).toEqual(expected.params);
    for (const p of fn.parameters) {
      expect(p.type, `${id}(${p.name}) type`).toBe("any");
      expect(p.repeating ?? false).toBe(false);
      expect(typeof p.description === "string" && p.description.trim().length > 0, `${id}(${p.name}) has a description`).toBe(true);
    }
    // Excel needs the optional parameters after the required ones.
    const firstOptional = fn.parameters.findIndex((p) => p.optional);
    if (firstOptional >= 0) expect(fn.parameters.slice(firstOptional).every((p) => p.optional)).toBe(true);
    expect(fn.result ?? {}).toEqual(expected.result);
    expect(fn.options ?? {}).toEqual(expected.options ?? {});
  });

  it("has EXPLAIN return a matrix and AVGHEADCOUNT take a matrix", () => {
    expect(byId("EXPLAIN").result).toEqual({ type: "string", dimensionality: "matrix" });
    expect(byId("AVGHEADCOUNT").parameters[0]).toMatchObject({ name: "months", dimensionality: "matrix", type: "any" });
  });
});

describe("src/functions/locale/zh-CN.json", () => {
  it("covers every function and parameter in Chinese, with no stray entries", () => {
    expect(Object.keys(zhCN).sort()).toEqual([...IDS].sort());
    for (const id of IDS) {
      const entry = zhCN[id];
      expect(hasChinese(entry.description), `${id} description`).toBe(true);
      expect(hasChinese(entry.result), `${id} result`).toBe(true);
      expect(Object.keys(entry).sort(), `${id} keys`).toEqual(["description", "parameters", "result"]);
      const params = entry.parameters ?? {};
      expect(Object.keys(params), `${id} parameters`).toEqual(EXPECTED[id].params.map(([name]) => name));
      for (const [name, text] of Object.entries(params)) expect(hasChinese(text), `${id}(${name})`).toBe(true);
    }
  });

  it("matches the generated metadata exactly (names and parameters)", () => {
    for (const f of functions) {
      expect(Object.keys(zhCN[f.id]?.parameters ?? {}), f.id).toEqual(f.parameters.map((p) => p.name));
    }
  });
});

describe("functions.zh-CN.json (webpack.config.js localizeMetadata)", () => {
  type Metadata = { functions: IFunction[] };
  const requireFromRoot = createRequire(path.join(ROOT, "package.json"));
  const { localizeMetadata } = requireFromRoot("./webpack.config.js") as {
    localizeMetadata: (metadata: Metadata, zh: Record<string, ZhEntry>) => Metadata;
  };

  it("replaces only the descriptions: ids, names, types and options stay as generated", () => {
    const metadata = JSON.parse(generated.metadataJson) as Metadata & Record<string, unknown>;
    const localized = localizeMetadata(metadata, zhCN) as Metadata & Record<string, unknown>;
    const strip = (m: Metadata) => ({ ...m, functions: m.functions.map((f) => ({ ...f, description: "", parameters: f.parameters.map((p) => ({ ...p, description: "" })) })) });
    expect(strip(localized)).toEqual(strip(metadata));
    for (const f of localized.functions) {
      expect(f.description).toBe(zhCN[f.id].description);
      for (const p of f.parameters) expect(p.description).toBe(zhCN[f.id].parameters?.[p.name]);
      expect(f.name).toMatch(/^[A-Z0-9]+$/);
    }
  });

  it("fails when a function or parameter has no zh-CN description, or zh-CN.json names one that does not exist", () => {
    const metadata = JSON.parse(generated.metadataJson) as Metadata;
    const without = (mutate: (zh: Record<string, ZhEntry>) => void) => {
      const zh = JSON.parse(JSON.stringify(zhCN)) as Record<string, ZhEntry>;
      mutate(zh);
      return () => localizeMetadata(metadata, zh);
    };
    expect(without((zh) => delete zh.CHECKID)).toThrow(/CHECKID: no zh-CN entry/);
    expect(without((zh) => (zh.DUE.description = " "))).toThrow(/DUE: no zh-CN description/);
    expect(without((zh) => delete zh.LATEFEE.parameters?.paidOn)).toThrow(/LATEFEE\(paidOn\)/);
    expect(without((zh) => (zh.RULE.parameters = { ...zh.RULE.parameters, region: "地区" }))).toThrow(/RULE\(region\)/);
    expect(without((zh) => (zh.NOPE = { description: "无" }))).toThrow(/NOPE: in zh-CN.json but not a custom function/);
  });
});
