/**
 * Issue 11, "content in the user's language": every string a user sees — finding sources and texts, rule sources and
 * notes, trail labels and formulas, the pane's texts, the working papers (the pane's and the CLI's), the CLI output on
 * the example and on corpus workbooks, the custom functions' explanation — is scanned for our internals: file paths,
 * "§" into our own docs, the rules file's name, our principle tags ("levy-assistant: …") and "seed". Then the
 * typography: full-width punctuation in Chinese, English plurals, one money style, China-time timestamps.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readXlsx } from "../../src/cli/xlsx-reader";
import { chinaTime } from "../../src/core/china-time";
import { calculateLevy } from "../../src/core/levy/calculate";
import { serializeLevyResult } from "../../src/core/levy/serialize";
import { ALL_PROFILES } from "../../src/core/rules/resolve";
import { CONFIDENCE_LABELS, SOURCES, citationText, citationUrl, isOfficialUrl } from "../../src/core/rules/sources";
import { explain } from "../../src/functions/impl";
import { TEXT, fill } from "../../src/taskpane/i18n";
import { TRANSLATED_OFFICE_ERRORS, officeErrorText } from "../../src/taskpane/office-errors";
import { findingsSheetRows, formCard, formCardNote, formatAmount, rowsText, runSummary, trailTree, workingPaperRows, type PaneAudit, type TrailNode } from "../../src/taskpane/view-model";
import { analyseWorkbook } from "../../src/validation/analyse";
import { RULES } from "../../src/validation/registry";
import type { SheetData } from "../../src/workbook/types";
import { runCli } from "../cli/helpers";
import { RENDERINGS, render } from "../corpus/layouts";
import { makeCompany } from "../corpus/people";

const root = join(__dirname, "..", "..");
const EXAMPLE = "examples/example-company.xlsx";
const dir = mkdtempSync(join(tmpdir(), "levy-content-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What must never reach a user. */
const FORBIDDEN: Array<[string, RegExp]> = [
  ["a file path", /\.(ts|md|js)\b/],
  ["a folder of ours", /\b(core|workbook|validation|taskpane|functions|cli|src|rules|seeds)\//],
  ["a section sign into our docs", /§/],
  ["the rules file", /levy-rules|rules file/i],
  ["a principle tag", /levy-assistant:/i],
  ["seed", /seed/i],
  ["an issue of ours", /\bissue \d/i],
];

type Text = [where: string, text: string];

function leaks(texts: Iterable<Text>): string[] {
  const out: string[] = [];
  for (const [where, text] of texts) {
    for (const [what, re] of FORBIDDEN) if (re.test(text)) out.push(`${where}: ${what} in "${text.slice(0, 160)}"`);
  }
  return out;
}

function* bilingual(where: string, b: { zh: string; en: string } | undefined | null): Generator<Text> {
  if (!b) return;
  yield [`${where}.zh`, b.zh];
  yield [`${where}.en`, b.en];
}

/** Every cell of an .xlsx written by the CLI, as text. */
async function xlsxTexts(file: string): Promise<Text[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: Text[] = [];
  for (const ws of wb.worksheets) {
    // A hidden sheet holds data for the tool (the snapshot's JSON), not text for people.
    if (ws.state === "hidden" || ws.state === "veryHidden") continue;
    ws.eachRow((row, r) => row.eachCell((cell, c) => {
      if (typeof cell.value === "string") out.push([`${ws.name}!R${r}C${c}`, cell.value]);
    }));
  }
  return out;
}

async function writeSheets(sheets: SheetData[], file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.values) ws.addRow(r.map((v) => (v === undefined ? null : v)) as ExcelJS.CellValue[]);
  }
  await wb.xlsx.writeFile(file);
}

function* treeTexts(node: TrailNode, lang: "zh" | "en"): Generator<Text> {
  yield* bilingual(`trail ${node.key} label`, node.label);
  yield* bilingual(`trail ${node.key} formula`, node.formulaText);
  if (node.source) yield [`trail ${node.key} source`, node.source];
  yield* bilingual(`trail ${node.key} confidence`, node.confidence);
  yield* bilingual(`trail ${node.key} note`, node.note);
  for (const c of node.children) yield* treeTexts(c, lang);
}

/** The audit as the pane keeps it (no Decimal-valued result). */
function paneAudit(): PaneAudit {
  const { result: _result, ...rest } = example as typeof example & { result?: unknown };
  return rest as PaneAudit;
}

// The example's audit, in process (the same analysis the pane runs in its worker).
let example: ReturnType<typeof analyseWorkbook>;
const CORPUS = ["baseline", "english", "combinedB", "formParameters"] as const;

beforeAll(async () => {
  const read = await readXlsx(join(root, EXAMPLE));
  example = analyseWorkbook(read.sheets, { today: "2025-06-30" });
  const people = makeCompany(11, 60);
  for (const name of CORPUS) await writeSheets(render(people, RENDERINGS[name]), join(dir, `${name}.xlsx`));
}, 120_000);

describe("no internals in any user-facing string", () => {
  it("rule sources: documents and notes of every source and every profile entry, and the caveats", () => {
    const texts: Text[] = [];
    for (const [k, s] of Object.entries(SOURCES)) {
      texts.push([`SOURCES.${k}.document`, s.document]);
      if ("note" in s && s.note) texts.push([`SOURCES.${k}.note`, s.note]);
    }
    for (const p of ALL_PROFILES) {
      for (const e of p.entries) {
        texts.push([`${p.code} ${e.parameter} document`, e.source.document]);
        if (e.source.note) texts.push([`${p.code} ${e.parameter} note`, e.source.note]);
        // A link shown to users is an official page, never a local file.
        const url = citationUrl(e.source);
        if (url) texts.push([`${p.code} ${e.parameter} url`, url]);
      }
      for (const c of p.caveats ?? []) texts.push(...bilingual(`${p.code} caveat`, c));
    }
    expect(texts.length).toBeGreaterThan(100);
    expect(leaks(texts)).toEqual([]);
  });

  it("the rule catalogue: titles, descriptions, fixes and sources", () => {
    const texts: Text[] = RULES.flatMap((r) => [...bilingual(`${r.code} title`, r.title), ...bilingual(`${r.code} description`, r.description), ...bilingual(`${r.code} fix`, r.fix), [`${r.code} source`, r.source] as Text]);
    expect(leaks(texts)).toEqual([]);
  });

  it("the example's findings, trail and notes, and the calculation of every region", () => {
    const texts: Text[] = [];
    for (const f of example.findings) {
      texts.push(...bilingual(`${f.code} message`, f.message), ...bilingual(`${f.code} suggestion`, f.suggestion), [`${f.code} source`, f.source]);
      if (f.sourceUrl) texts.push([`${f.code} sourceUrl`, f.sourceUrl]);
    }
    // Every region, a part-year employer (the part-year step), overrides (the override notes).
    for (const p of ALL_PROFILES) {
      const r = serializeLevyResult(calculateLevy({ region: p.code, filingYear: 2025, headcount: "100", wageTotal: "8000000", certifiedDisabled: "0.5", registrationDate: "2024-03-15", socialAverageWage: "60000", overrides: { minimumWageMonthly: "2280" } }));
      for (const s of r.trail) {
        texts.push(...bilingual(`${p.code} ${s.id} label`, s.label), ...bilingual(`${p.code} ${s.id} formulaText`, s.formulaText), ...bilingual(`${p.code} ${s.id} valueText`, s.valueText), ...bilingual(`${p.code} ${s.id} note`, s.note));
        if (s.rule) texts.push([`${p.code} ${s.id} source`, citationText(s.rule.source)]);
      }
      for (const n of r.notes) texts.push(...bilingual(`${p.code} ${n.code}`, n.message));
    }
    expect(leaks(texts)).toEqual([]);
  });

  it("the pane: its texts, the trail tree, the working paper and findings sheets, the summary", () => {
    const texts: Text[] = Object.entries(TEXT).flatMap(([k, v]) => [...bilingual(`TEXT.${k}`, v)]);
    const audit = paneAudit();
    const tree = trailTree(audit);
    expect(tree).not.toBeNull();
    texts.push(...treeTexts(tree!, "zh"));
    const paper = workingPaperRows(audit, "2026-12-01T13:25:00Z");
    const sheet = findingsSheetRows(example.findings);
    for (const rows of [paper.rows, sheet.rows]) rows.forEach((r, i) => r.forEach((c, j) => typeof c === "string" && texts.push([`sheet R${i}C${j}`, c])));
    texts.push(...bilingual("runSummary", runSummary(audit)));
    expect(leaks(texts)).toEqual([]);
  });

  it("the custom functions' explanation (LEVY.EXPLAIN)", () => {
    const rows = explain(100, 0.5, 8000000, [["地区", "江苏"], ["申报年度", 2025], ["登记注册日期", "2024-03-15"]]);
    expect(rows.length).toBeGreaterThan(5);
    expect(leaks(rows.flatMap((r, i) => r.map((c, j): Text => [`EXPLAIN R${i}C${j}`, c])))).toEqual([]);
  });

  it("the CLI's text output and working paper on the example and on corpus workbooks", async () => {
    const texts: Text[] = [];
    const out = join(dir, "paper.xlsx");
    const r = await runCli(["audit", EXAMPLE, "--out", out, "--today", "2025-06-30"], root);
    expect(r.code).toBe(1);
    texts.push(["audit stdout", r.stdout], ["audit stderr", r.stderr]);
    texts.push(...(await xlsxTexts(out)));
    for (const kase of ["examples/case-jiangsu-2025.json", "examples/case-example-company-2025.json"]) {
      const calc = await runCli(["calc", kase, "--today", "2025-06-30"], root);
      expect(calc.code, kase).toBe(0);
      texts.push([`calc ${kase} stdout`, calc.stdout], [`calc ${kase} stderr`, calc.stderr]);
    }
    for (const name of CORPUS) {
      const file = join(dir, `${name}.xlsx`);
      const paper = join(dir, `${name}-paper.xlsx`);
      const run = await runCli(["audit", file, "--out", paper, "--today", "2025-03-01"], dir);
      texts.push([`${name} stdout`, run.stdout], [`${name} stderr`, run.stderr]);
      if (run.code !== 2) texts.push(...(await xlsxTexts(paper)));
    }
    expect(texts.length).toBeGreaterThan(1000);
    expect(leaks(texts)).toEqual([]);
  }, 240_000);

  it("the scan itself catches each kind of leak", () => {
    // A test of the test: one sample per forbidden pattern, none of them in a real citation.
    const samples = ["core/rules/provinces.ts", "workbook/mapping.ts", "levy-rules.md §5.1", "levy-assistant: nothing lost, nothing silent", "(seed 002)", "issue 9 §6"];
    for (const s of samples) expect(leaks([["sample", s]]), s).not.toEqual([]);
    expect(leaks([["citation", "财税〔2015〕72号 第八条；《关于工资总额组成的规定》(国家统计局令1990年第1号) 第四条 https://czj.sh.gov.cn/a/b.html"]])).toEqual([]);
  });
});

describe("citations", () => {
  it("data-quality findings cite nothing; levy findings cite a document", () => {
    const dataQuality = example.findings.filter((f) => /^DATA_/.test(f.code));
    expect(dataQuality.length).toBeGreaterThan(0);
    for (const f of dataQuality) expect(f.source, f.code).toBe("");
    const hc = example.findings.find((f) => f.code === "HC_INTERN");
    expect(hc?.source).toBe("财税〔2015〕72号 第八条；《关于工资总额组成的规定》第十一条（十三）");
  });

  it("links only official pages (government sites), never reposts or local files", () => {
    expect(isOfficialUrl("https://czj.sh.gov.cn/zys_8908/x.html")).toBe(true);
    expect(isOfficialUrl("https://www.gov.cn/zhengce/content/202506/content_7030053.htm")).toBe(true);
    expect(isOfficialUrl("http://www.haining.gov.cn/art/2020/11/24/art_1688876_156309.html")).toBe(true);
    expect(isOfficialUrl("https://hexinrlzy.com/135.html")).toBe(false);
    expect(isOfficialUrl("../shared/seeds/002_4c9a05ebbd3a34ea.txt")).toBe(false);
    expect(isOfficialUrl("https://evil.gov.cn.example.com/")).toBe(false);
    // 98号 is known through the Haining government notice: a link; 39号 only through a repost: none.
    expect(citationUrl(SOURCES.mof2019_98)).toBe("http://www.haining.gov.cn/art/2020/11/24/art_1688876_156309.html");
    expect(citationUrl(SOURCES.caishui2018_39)).toBeUndefined();
  });

  it("keeps our own references for maintainers in internalRef, out of the citation", () => {
    const js = ALL_PROFILES.find((p) => p.code === "CN-JS")!;
    const ratio = js.entries.find((e) => e.parameter === "quotaRatio")!;
    expect(ratio.source.document).toBe("苏财综〔2017〕2号《江苏省残疾人就业保障金征收使用管理实施办法》第六条");
    expect(ratio.source.internalRef).toContain("seed 002");
    expect(ratio.source.url).toBeUndefined();
  });

  it("says how sure a value is in words, not in the rules file's tags", () => {
    for (const [tag, label] of Object.entries(CONFIDENCE_LABELS)) {
      expect(label.zh, tag).toMatch(/[\u4e00-\u9fff]/);
      expect(label.en, tag).not.toMatch(/seed|memory/i);
    }
  });
});

describe("the trail in the display language", () => {
  const r = serializeLevyResult(calculateLevy({ region: "CN-JS-320900", filingYear: 2025, headcount: "245.25", wageTotal: "30921940", certifiedDisabled: "3", socialAverageWage: "118236" }));
  const step = (id: string) => r.trail.find((s) => s.id === id)!;

  it("writes the formulas in the form's terms, in both languages, for every step", () => {
    for (const s of r.trail) {
      expect(s.formulaText, s.id).toBeDefined();
      expect(s.formulaText!.zh, s.id).not.toMatch(/round2|as given|rule profile|[a-z]{4,}[A-Z]/);
    }
    expect(step("grossDue").formulaText).toEqual({ zh: "差额人数 × 计费基数 × 征收比例 × 折算比例，四舍五入到分", en: "shortfall × wage base × collection rate × proration, rounded to the fen" });
    expect(step("quotaRatio").formulaText?.zh).toBe("按地区规则");
    expect(step("alreadyPaid").formulaText).toEqual({ zh: "按填报值", en: "as given" });
    expect(step("averageWage").formulaText?.zh).toBe("第4栏 ÷ 第5栏");
    // The machine formula stays as it was (the --json contract).
    expect(step("grossDue").formula).toBe("round2(shortfall × wageBase × localCollectionRate × proration)");
  });

  it("shows the exact value behind a rounded intermediate and says amounts use it", () => {
    // 245.25 × 0.015 = 3.67875 required; − 3 certified = 0.67875 shortfall, shown 0.68.
    const card = formCard(r);
    const shortfall = card.find((c) => c.stepId === "shortfall")!;
    expect(shortfall.value).toBe("0.68");
    expect(shortfall.exact).toBe("0.67875");
    // Money rounded by the form itself (col 9) carries no exact value: it is what is filed.
    expect(card.find((c) => c.stepId === "grossDue")?.exact).toBeUndefined();
    // 30,921,940 ÷ 245.25 = 126,083.34352701…: shown to the fen, the exact value cut after 8 decimals.
    expect(card.find((c) => c.stepId === "averageWage")?.exact).toBe("126,083.34352701…");
    expect(formCardNote(r)?.zh).toContain("金额按精确值计算");
    expect(formCardNote(r)?.en).toContain("amounts use the exact values");
    // Whole figures: nothing rounded, no note.
    const whole = serializeLevyResult(calculateLevy({ region: "CN", filingYear: 2025, headcount: "100", wageTotal: "8000000", certifiedDisabled: "1" }));
    expect(formCardNote(whole)).toBeNull();
  });
});

describe("typography", () => {
  const zhTexts = (): Text[] => [
    ...Object.entries(TEXT).map(([k, v]): Text => [k, v.zh]),
    ...example.findings.flatMap((f): Text[] => [[`${f.code} message`, f.message.zh], [`${f.code} suggestion`, f.suggestion.zh]]),
    ...(example.calculation?.trail ?? []).flatMap((s): Text[] => [[`${s.id} label`, s.label.zh], [`${s.id} formula`, s.formulaText?.zh ?? ""]]),
  ];

  it("uses full-width punctuation in Chinese (建议：, （数据年度 2024）)", () => {
    // Half-width ":" ";" "(" ")" next to a Chinese character. Mapping syntax (列:表头, 表:工作表名) and function
    // calls (=LEVY.DUE(人数, …)) are typed by the user as shown and are left alone.
    const bad = zhTexts().filter(([, z]) => {
      const t = z.replace(/(列|表):/g, "").replace(/[A-Z]\([^)]*\)/g, "");
      return /[\u4e00-\u9fff]\s?[:;]|[\u4e00-\u9fff] ?\(|\( ?[\u4e00-\u9fff][^)]*\)/.test(t);
    });
    expect(bad).toEqual([]);
  });

  it("gets English plurals right: 1 row, 2 rows", () => {
    expect(rowsText("en-US", 1)).toBe("1 row");
    expect(rowsText("en-US", 2)).toBe("2 rows");
    expect(rowsText("zh-CN", 2)).toBe("2 行");
    expect(fill(TEXT.rowsRead.en, { read: 1, counted: 1, excluded: 0, rejected: 0 })).toBe("1 row read: 1 counted, 0 excluded, 0 rejected");
    expect(fill(TEXT.hiresLine.en, { hires: 1, target: "the 50% band", saving: "1,000.00" })).toBe("1 more certified disabled hire reaches the 50% band, saving about CNY 1,000.00.");
    expect(fill(TEXT.hiresLine.en, { hires: 3, target: "the 50% band", saving: "1,000.00" })).toBe("3 more certified disabled hires reach the 50% band, saving about CNY 1,000.00.");
    const en = example.findings.map((f) => f.message.en);
    expect(en.filter((e) => /(^|[^\d.,])1 (?!more\b)[a-z]+s\b|\w\(s\)/.test(e))).toEqual([]);
    // The example has rows of exactly one: the singular is used.
    expect(en.some((e) => /\b1 row falls outside data year 2024/.test(e))).toBe(true);
  });

  it("has one money style: 元 in Chinese, CNY in English, never ¥", () => {
    expect(formatAmount("zh-CN", "42789.53")).toBe("42,789.53 元");
    expect(formatAmount("en-US", "42789.53")).toBe("CNY 42,789.53");
    const all = [...Object.values(TEXT).flatMap((v) => [v.zh, v.en]), ...example.findings.flatMap((f) => [f.message.zh, f.message.en, f.suggestion.zh, f.suggestion.en])];
    expect(all.filter((t) => t.includes("¥"))).toEqual([]);
    const summary = runSummary(paneAudit());
    expect(summary.zh).toContain("应缴 42,789.53 元");
    expect(summary.en).toContain("payable CNY 42,789.53");
  });

  it("heads the form with 栏次", () => {
    expect(TEXT.column.zh).toBe("栏次");
  });

  it("gives timestamps in China time, 2026-12-01 21:25", () => {
    // 13:25 UTC + 8 h = 21:25 in Beijing; 20:00 UTC on 31 Dec is 04:00 on 1 Jan in Beijing.
    expect(chinaTime("2026-12-01T13:25:40Z")).toBe("2026-12-01 21:25");
    expect(chinaTime(new Date(Date.UTC(2026, 11, 31, 20, 0)))).toBe("2027-01-01 04:00");
    expect(chinaTime("2026-12-01T21:25:00+08:00")).toBe("2026-12-01 21:25");
    expect(chinaTime("")).toBe("");
    const paper = workingPaperRows(paneAudit(), "2026-12-01T13:25:40Z");
    expect(paper.rows[1]).toEqual(expect.arrayContaining(["2026-12-01 21:25"]));
    expect(String(paper.rows[1][0])).toContain("北京时间");
  });
});

describe("Office errors in the user's language", () => {
  const officeError = (code: string, message: string) => Object.assign(new Error(message), { code, debugInfo: { errorLocation: "Range.values" } });

  it("translates the common codes with a next step and keeps the raw text under details", () => {
    for (const code of ["RequestPayloadSizeLimitExceeded", "InvalidOperationInCellEditMode", "AccessDenied", "GeneralException"]) {
      expect(TRANSLATED_OFFICE_ERRORS, code).toContain(code);
      const t = officeErrorText(officeError(code, "Some English text from Excel."));
      expect(t.code).toBe(code);
      expect(t.message.zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(t.message.zh, code).not.toContain("Some English text");
      expect(t.message.en, code).not.toContain("Some English text");
      expect(t.message.zh, code).toMatch(/请|后重试/);
      expect(t.details).toBe(`${code}: Some English text from Excel.\nRange.values`);
    }
    expect(officeErrorText(officeError("InvalidOperationInCellEditMode", "x")).message.zh).toContain("按 Enter 或 Esc");
    expect(officeErrorText(officeError("RequestPayloadSizeLimitExceeded", "x")).message.en).toContain("smaller");
  });

  it("recognises a protected sheet by its message when the code is a general one", () => {
    const t = officeErrorText(officeError("InvalidOperation", "The cell or chart you're trying to change is on a protected sheet."));
    expect(t.message.zh).toContain("受保护");
  });

  it("passes our own bilingual errors through and wraps unknown ones", () => {
    expect(officeErrorText({ zh: "找不到花名册", en: "No roster found" })).toEqual({ message: { zh: "找不到花名册", en: "No roster found" }, details: "", code: null });
    const unknown = officeErrorText(officeError("SomethingNew", "weird"));
    expect(unknown.message.zh).toContain("SomethingNew");
    expect(unknown.details).toContain("weird");
  });
});
