/**
 * Issue 9 §3–4: the LEVY.* functions never hang and never return a non-number. Every call with hostile arguments
 * returns a finite number, a string, a boolean or a table of strings — or an Excel error (#VALUE!, #NUM!, #N/A) with a
 * message that names the problem, never "[object Object]". A likely typo in the settings is #NUM! with the likely
 * meaning, not a 100× levy.
 */
import fc from "fast-check";
import { performance } from "node:perf_hooks";
import { beforeAll, describe, expect, it } from "vitest";
import { StubExcelError, callExcel, installCustomFunctionsStub } from "./custom-functions-stub";

installCustomFunctionsStub();
let F: typeof import("../../src/functions/functions");
beforeAll(async () => {
  F = await import("../../src/functions/functions");
});

function excelError(fn: () => unknown): StubExcelError {
  const r = callExcel(fn);
  if ("value" in r) throw new Error(`expected an Excel error, got ${JSON.stringify(r.value)}`);
  return r.error;
}

// National rules, filing year 2025, social average 100,000 (cap 200,000): 100 staff earning 10,000,000 in all.
const SETTINGS = [
  ["地区", "CN"],
  ["申报年度", 2025],
  ["社会平均工资", 100000],
];
const withSetting = (name: string, value: unknown) => [...SETTINGS, [name, value]];

describe("plausibility in the custom functions (issue 9 §3)", () => {
  it("computes a percentage quota as written: 1.6% of 100 staff → 1.6 required, 144,000.00 due (90% band)", () => {
    expect(F.required(100, withSetting("安置比例", "1.6%"))).toBe(1.6);
    expect(F.gross(100, 0, 10_000_000, withSetting("安置比例", "1.6%"))).toBe(160000);
    expect(F.due(100, 0, 10_000_000, withSetting("安置比例", "1.6%"))).toBe(144000);
  });

  it("安置比例 1.6 (160%) is #NUM! with the likely meaning, in every function that uses the settings", () => {
    const typo = withSetting("安置比例", 1.6);
    for (const call of [
      () => F.due(100, 0, 10_000_000, typo),
      () => F.gross(100, 0, 10_000_000, typo),
      () => F.required(100, typo),
      () => F.tier(100, 0, 10_000_000, typo),
      () => F.hiresNeeded(100, 0, 10_000_000, null, null, null, typo),
      () => F.explain(100, 0, 10_000_000, typo),
      () => F.rule("quotaRatio", typo),
    ]) {
      const e = excelError(call);
      expect(e.code).toBe("#NUM!");
      expect(e.message).toContain("did you mean 1.6% (0.016)?");
      expect(e.message).toContain("是否应为 1.6%");
    }
  });

  it("征收比例 60 (6000%), a monthly social average wage and a registration after the filing date are #NUM!", () => {
    expect(excelError(() => F.due(100, 0, 10_000_000, withSetting("征收比例", 60))).message).toContain("did you mean 60% (0.6)?");
    const monthly = [["申报年度", 2025], ["社会平均工资", 8000]];
    expect(excelError(() => F.due(100, 0, 10_000_000, monthly)).message).toContain("A year is 96000.");
    expect(excelError(() => F.avgWage(10_000_000, 100, 8000, [["申报年度", 2025]])).message).toContain("monthly figure");
    const e = excelError(() => F.due(100, 0, 10_000_000, withSetting("登记注册日期", "2042-01-01")));
    expect(e.code).toBe("#NUM!");
    expect(e.message).toContain("after the filing date 2025-07-01");
    expect(excelError(() => F.lateFee(20000, 45838, 45858, [["滞纳金日费率", 5]])).message).toContain("did you mean 5‰ (0.005)?");
  });

  it("a lawful but unusual value is computed (征收比例 10%: 15,000.00 gross, 13,500.00 due)", () => {
    expect(F.gross(100, 0, 10_000_000, withSetting("征收比例", "10%"))).toBe(15000);
    expect(F.due(100, 0, 10_000_000, withSetting("征收比例", "10%"))).toBe(13500);
  });
});

describe("hostile arguments (issue 9 §4)", () => {
  it("HIRESNEEDED returns at once for a headcount of 1e18 (it used to loop forever)", () => {
    const t = performance.now();
    expect(excelError(() => F.hiresNeeded(1e18, 0, 1e20, null, null, null, SETTINGS)).code).toBe("#NUM!");
    expect(excelError(() => F.hiresNeeded("1e25", 0, 1e20, null, null, null, SETTINGS)).code).toBe("#NUM!");
    expect(performance.now() - t).toBeLessThan(2000);
    // 9,999,999 staff is within the limits. Full quota needs k/12·(13 − month) ≥ 0.015·(9,999,999 + k/12·(13 − month)),
    // i.e. hires × months/12 ≥ 149,999.985 ÷ 0.985 = 152,284.25: 152,285 hires from January, 1,827,411 from December.
    expect(F.hiresNeeded(9_999_999, 0, 999_999_900_000, "full", 1, 1, SETTINGS)).toBe(152285);
    expect(F.hiresNeeded(9_999_999, 0, 999_999_900_000, "full", 1, 12, SETTINGS)).toBe(1827411);
  });

  it("the fuzzer's NaN and Infinity cases are Excel errors with messages", () => {
    expect(excelError(() => F.required("1e400")).code).toBe("#NUM!");
    expect(excelError(() => F.lateFee(1e308, 45838, 45858)).code).toBe("#NUM!");
    expect(excelError(() => F.due(100, 0, 10_000_000, withSetting("quotaRatio", 1e308))).code).toBe("#NUM!");
    expect(excelError(() => F.rule("免征人数", withSetting("免征人数", "9".repeat(400)))).code).toBe("#NUM!");
    expect(excelError(() => F.installment(1e300, 1)).code).toBe("#NUM!");
    expect(excelError(() => F.avgHeadcount(Array.from({ length: 12 }, () => [1e29]))).code).toBe("#NUM!");
  });

  it("an unknown settings name is reported once, with the count; informational rows are accepted", () => {
    const rows = [...SETTINGS, ...Array.from({ length: 5000 }, (_, i) => [`名称${i}`, i])];
    const t = performance.now();
    const e = excelError(() => F.due(100, 0, 10_000_000, rows));
    expect(performance.now() - t).toBeLessThan(1000);
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain("名称0");
    expect(e.message).toContain("and 4999 more unknown names");
    // The template's 参数 block starts with the employer's name and credit code; a caption row is fine too.
    const template = [["参数 Parameter", "值 Value"], ["单位名称", "某某公司"], ["统一社会信用代码", "91320500MA1XXXXXX1"], ["列:用工类别", "employmentType"], ...SETTINGS];
    expect(F.due(100, 0, 10_000_000, template)).toBe(135000);
  });

  it("large settings ranges are fast: whole columns of blanks pass, over 10,000 filled rows are refused at once", () => {
    const column = [...SETTINGS, ...Array.from({ length: 1_048_573 }, () => [null, null])];
    let t = performance.now();
    expect(F.due(100, 0, 10_000_000, column)).toBe(135000);
    expect(performance.now() - t).toBeLessThan(1500);
    const huge = Array.from({ length: 100_000 }, (_, i) => [`x${i}`, i]);
    t = performance.now();
    const e = excelError(() => F.due(100, 0, 10_000_000, huge));
    expect(performance.now() - t).toBeLessThan(500);
    expect(e.message).toContain("more than 10,000 filled rows");
  });

  it("objects and NaN inside ranges are named by position, never stringified", () => {
    const e = excelError(() => F.due(100, 0, 10_000_000, [["地区", { x: 1 }]] as unknown as unknown[][]));
    expect(e.message).toContain("row 1, column 2");
    expect(e.message).not.toContain("[object Object]");
    expect(excelError(() => F.due({} as unknown as number, 0, 100)).message).not.toContain("[object Object]");
    expect(excelError(() => F.lateFee(1, { a: 1 } as unknown as number, 45858)).message).not.toContain("[object Object]");
  });
});

describe("property: every LEVY.* call gives a finite value or an Excel error with a message", () => {
  const hostileScalar = fc.oneof(
    fc.constantFrom<unknown>(
      null,
      undefined,
      0,
      -0,
      1,
      -1,
      0.5,
      30,
      100,
      1e18,
      1e308,
      -1e308,
      2 ** 53,
      Number.MAX_VALUE,
      Number.MIN_VALUE,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      "",
      "  ",
      "abc",
      "1e400",
      "-1e400",
      "1e-400",
      "1.5",
      "60%",
      "１２３",
      "1,234.50",
      "9".repeat(1000),
      "2025-06-30",
      "2042-01-01",
      45838,
      true,
      false,
      {},
      [],
      [[1]],
      "__proto__",
      "constructor",
      "[object Object]",
      "#N/A",
      "next",
      "full",
      "tier-50",
      "11010519491231002X11",
      "quotaRatio",
      "征收比例",
    ),
    fc.double(),
    fc.integer(),
    fc.string({ maxLength: 30 }),
  );
  const names = fc.constantFrom("地区", "申报年度", "申报日期", "单位类型", "社会平均工资", "征收比例", "安置比例", "quotaRatio", "封顶倍数", "滞纳金日费率", "已缴", "登记注册日期", "免征人数", "最低工资", "分档", "单位名称", "x", "");
  const settings = fc.oneof(
    fc.constantFrom<unknown>(undefined, null, SETTINGS, [], [[]], "settings", 5),
    fc.array(fc.tuple(names, hostileScalar), { maxLength: 6 }),
    fc.array(fc.tuple(hostileScalar, hostileScalar), { maxLength: 4 }),
  );
  const months = fc.oneof(fc.array(fc.array(hostileScalar, { minLength: 1, maxLength: 2 }), { minLength: 12, maxLength: 12 }), hostileScalar);
  const arg = hostileScalar;

  const calls: Array<[string, fc.Arbitrary<() => unknown>]> = [
    ["AVGHEADCOUNT", months.map((m) => () => F.avgHeadcount(m as unknown[][]))],
    ["AVGWAGE", fc.tuple(arg, arg, arg, settings).map(([a, b, c, s]) => () => F.avgWage(a, b, c, s as unknown[][]))],
    ["REQUIRED", fc.tuple(arg, settings).map(([a, s]) => () => F.required(a, s as unknown[][]))],
    ["SHORTFALL", fc.tuple(arg, arg, settings).map(([a, b, s]) => () => F.shortfall(a, b, s as unknown[][]))],
    ["GROSS", fc.tuple(arg, arg, arg, settings).map(([a, b, c, s]) => () => F.gross(a, b, c, s as unknown[][]))],
    ["REDUCTION", fc.tuple(arg, arg, arg, settings).map(([a, b, c, s]) => () => F.reduction(a, b, c, s as unknown[][]))],
    ["DUE", fc.tuple(arg, arg, arg, settings).map(([a, b, c, s]) => () => F.due(a, b, c, s as unknown[][]))],
    ["TIER", fc.tuple(arg, arg, arg, settings).map(([a, b, c, s]) => () => F.tier(a, b, c, s as unknown[][]))],
    ["HIRESNEEDED", fc.tuple(arg, arg, arg, arg, arg, arg, settings).map(([a, b, c, d, e, f, s]) => () => F.hiresNeeded(a, b, c, d, e, f, s as unknown[][]))],
    ["LATEFEE", fc.tuple(arg, arg, arg, settings).map(([a, b, c, s]) => () => F.lateFee(a, b, c, s as unknown[][]))],
    ["INSTALLMENT", fc.tuple(arg, arg).map(([a, b]) => () => F.installment(a, b))],
    ["DISABLEDWEIGHT", fc.tuple(arg, settings).map(([a, s]) => () => F.disabledWeight(a, s as unknown[][]))],
    ["CHECKID", arg.map((a) => () => F.checkId(a))],
    ["RULE", fc.tuple(fc.oneof(names, arg), settings).map(([a, s]) => () => F.rule(a, s as unknown[][]))],
    ["EXPLAIN", fc.tuple(arg, arg, arg, settings).map(([a, b, c, s]) => () => F.explain(a, b, c, s as unknown[][]))],
  ];

  for (const [name, call] of calls) {
    it(`${name}`, () => {
      fc.assert(
        fc.property(call, (fn) => {
          const t = performance.now();
          let outcome: { value: unknown } | { error: StubExcelError };
          try {
            outcome = callExcel(fn);
          } catch (e) {
            throw new Error(`${name} threw something that is not an Excel error: ${String(e)}`);
          }
          expect(performance.now() - t, "one call takes under 2 s").toBeLessThan(2000);
          if ("error" in outcome) {
            expect(["#VALUE!", "#NUM!", "#N/A"]).toContain(outcome.error.code);
            expect(outcome.error.message.length).toBeGreaterThan(10);
            expect(outcome.error.message.length).toBeLessThanOrEqual(255);
            expect(outcome.error.message).not.toContain("[object Object]");
            return;
          }
          const v = outcome.value;
          if (typeof v === "number") expect(Number.isFinite(v), `${name} returned ${v}`).toBe(true);
          else if (Array.isArray(v)) expect(v.every((row) => Array.isArray(row) && row.every((c) => typeof c === "string"))).toBe(true);
          else expect(["string", "boolean"]).toContain(typeof v);
        }),
        { numRuns: 300, seed: 9 },
      );
    });
  }
});
