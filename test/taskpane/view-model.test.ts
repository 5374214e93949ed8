import { describe, expect, it } from "vitest";
import { calculateLevy } from "../../src/core/levy/calculate";
import { serializeLevyResult } from "../../src/core/levy/serialize";
import type { Finding } from "../../src/validation/types";
import {
  bandView,
  describeCells,
  findingsSheetRows,
  formCard,
  formatMoney,
  formatPercent,
  groupFindings,
  regionOptions,
  ruleCodes,
  runSummary,
  selectionFor,
  trailTree,
  workbookDefaults,
  workingPaperRows,
  type PaneAudit,
  type TrailNode,
} from "../../src/taskpane/view-model";
import { languageFromDisplay, t } from "../../src/taskpane/i18n";

/** 40 staff, no disabled employee, 2,400,000 wages, national rules, filing 2025: gross 36,000.00, pays 90%. */
const calc = serializeLevyResult(calculateLevy({ region: "CN", filingYear: 2025, entityType: "enterprise", headcount: "40", wageTotal: "2400000", certifiedDisabled: "0", socialAverageWage: "100000" }));

function finding(code: string, severity: Finding["severity"], rows = 0, cells: Finding["cells"] = [], amount?: string): Finding {
  return {
    code,
    severity,
    message: { zh: `${code} 中文`, en: `${code} English` },
    cells,
    rows,
    suggestion: { zh: "建议", en: "Suggestion" },
    source: "72号",
    ...(amount ? { amount } : {}),
  };
}

const interns = finding("HC_INTERN", "info", 2, [
  { sheet: "花名册", address: "A42:I42" },
  { sheet: "花名册", address: "A43:I43" },
]);
const audit: PaneAudit = {
  calculation: calc,
  rows: { read: 42, counted: 40, excluded: 2, rejected: 0 },
  findings: [interns, finding("ID_INVALID", "error", 1, [{ sheet: "花名册", address: "C7" }]), finding("TIER_NEAR", "info", 0, [], "14400.00"), finding("CAP_NOT_CHECKED", "warning")],
};

function find(node: TrailNode, key: string): TrailNode | undefined {
  if (node.key === key) return node;
  for (const c of node.children) {
    const hit = find(c, key);
    if (hit) return hit;
  }
  return undefined;
}

describe("form card and band", () => {
  it("lists form columns 4–12 in order with money, people and ratios formatted from the decimal strings", () => {
    const card = formCard(calc);
    expect(card.filter((r) => r.column !== null).map((r) => r.column)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const value = (id: string) => card.find((r) => r.stepId === id)?.value;
    expect(value("wageTotal")).toBe("2,400,000.00");
    expect(value("headcount")).toBe("40.00");
    expect(value("quotaRatio")).toBe("1.5%");
    expect(value("averageWage")).toBe("60,000.00");
    expect(value("wageCap")).toBe("200,000.00");
    expect(value("shortfall")).toBe("0.60");
    expect(value("grossDue")).toBe("36,000.00");
    expect(value("reduction")).toBe("3,600.00");
    expect(value("payable")).toBe("32,400.00");
    expect(card.at(-1)).toMatchObject({ column: 12, emphasis: true });
  });

  it("formats money exactly, however large", () => {
    expect(formatMoney("12345678901234567.895")).toBe("12,345,678,901,234,567.90");
    expect(formatMoney("-1234.5")).toBe("-1,234.50");
    expect(formatPercent("0.00826446280991735537")).toBe("0.83%");
    expect(formatPercent("0.015")).toBe("1.5%");
  });

  it("shows the band, the hires to the next one and the TIER_NEAR finding", () => {
    const band = bandView({ ...audit, hires: { target: "tier-50", hires: 1, reachable: true, saving: "14400.00", payableAfter: "18000.00" } });
    expect(band?.kind).toBe("tier-90");
    expect(band?.label.zh).toContain("90%");
    expect(band?.disabledShare).toBe("0%");
    expect(band?.hires).toEqual({ count: 1, target: { zh: "按 50% 缴纳的档次", en: "the 50% band" }, saving: "14,400.00", payableAfter: "18,000.00", reachable: true });
    expect(band?.near?.saving).toBe("14,400.00");
    expect(bandView({ ...audit, findings: [], hires: null })).toMatchObject({ hires: null, near: null });
    expect(bandView({ ...audit, calculation: null })).toBeNull();
  });
});

describe("trail tree", () => {
  const tree = trailTree(audit) as TrailNode;

  it("starts at the payable amount and walks down the inputs", () => {
    expect(tree.key).toBe("payable");
    expect(tree.value).toBe("32,400.00");
    expect(tree.children.map((c) => c.key)).toEqual(["payable/grossDue", "payable/reduction", "payable/alreadyPaid"]);
    expect(find(tree, "payable/grossDue/shortfall/required/headcount")?.value).toBe("40.00");
    expect(find(tree, "payable/grossDue/wageBase/averageWage/wageTotal")?.value).toBe("2,400,000.00");
  });

  it("ends in the rows excluded, with their cells", () => {
    const headcount = find(tree, "payable/grossDue/shortfall/required/headcount") as TrailNode;
    const excluded = headcount.children.find((c) => c.kind === "excluded");
    expect(excluded?.rows).toBe(2);
    expect(excluded?.cells).toEqual(interns.cells);
  });

  it("has unique keys", () => {
    const keys: string[] = [];
    const walk = (n: TrailNode) => {
      keys.push(n.key);
      n.children.forEach(walk);
    };
    walk(tree);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("findings", () => {
  it("groups by severity, errors first, and filters by rule", () => {
    expect(groupFindings(audit.findings).map((g) => [g.severity, g.count])).toEqual([
      ["error", 1],
      ["warning", 1],
      ["info", 2],
    ]);
    expect(groupFindings(audit.findings, "HC_INTERN").map((g) => [g.severity, g.count])).toEqual([["info", 1]]);
    expect(ruleCodes(audit.findings).map((c) => c.code)).toEqual(["ID_INVALID", "CAP_NOT_CHECKED", "HC_INTERN", "TIER_NEAR"]);
  });

  it("describes and selects cells", () => {
    expect(describeCells(interns.cells)).toBe("花名册!A42:I42, A43:I43");
    expect(describeCells(interns.cells, 1, 12)).toBe("花名册!A42:I42 (+11)");
    expect(selectionFor(interns.cells)).toEqual({ sheet: "花名册", address: "A42:I42,A43:I43" });
    expect(selectionFor([{ sheet: "工资表", address: "D2" }, { sheet: "花名册", address: "A1" }])).toEqual({ sheet: "工资表", address: "D2" });
    expect(selectionFor([])).toBeNull();
  });

  it("summarises a run in both languages", () => {
    expect(runSummary(audit)).toEqual({ zh: "应缴 32,400.00 元；错误 1，警告 1，提示 2", en: "payable CNY 32,400.00; errors 1, warnings 1, notes 2" });
  });
});

describe("sheets the add-in writes", () => {
  it("writes the findings sheet with both languages and money as numbers", () => {
    const sheet = findingsSheetRows(audit.findings);
    expect(sheet.headerRows).toBe(1);
    expect(sheet.rows).toHaveLength(5);
    expect(sheet.rows[1].slice(0, 4)).toEqual(["错误 error", "ID_INVALID", "ID_INVALID 中文", "ID_INVALID English"]);
    const tierRow = sheet.rows.findIndex((r) => r[1] === "TIER_NEAR");
    expect(sheet.rows[tierRow][9]).toBe(14400);
    expect(sheet.formats[tierRow][9]).toBe("#,##0.00");
    expect(sheet.rows.every((r) => r.length === sheet.rows[0].length)).toBe(true);
  });

  it("writes the working paper with the form columns, the trail, the rows and the parameters", () => {
    const paper = workingPaperRows(audit, "2025-07-01T08:00:00Z");
    const row = (label: string) => paper.rows.find((r) => typeof r[1] === "string" && r[1].startsWith(label));
    expect(row("本期应补（退）费额")?.[2]).toBe(32400);
    expect(row("上年在职职工人数")?.[2]).toBe("40");
    const payableIndex = paper.rows.indexOf(row("本期应补（退）费额") as (typeof paper.rows)[number]);
    expect(paper.formats[payableIndex][2]).toBe("#,##0.00");
    // Parameters by their name on the form (安置比例), with the citation and the confidence in words.
    expect(paper.rows.some((r) => r[0] === "安置比例 Quota ratio" && r[1] === "0.015")).toBe(true);
    // Generated at 2025-07-01T08:00:00Z = 16:00 China time (UTC+8).
    expect(paper.rows[1][1]).toBe("2025-07-01 16:00");
    expect(paper.rows.some((r) => r[1] === "HC_INTERN" && r[2] === 2)).toBe(true);
    // Money that would lose digits as an Excel number stays text.
    const huge = workingPaperRows({ ...audit, calculation: { ...calc, trail: calc.trail.map((s) => (s.id === "payable" ? { ...s, value: "1234567890123456.78" } : s)) } }, "");
    expect(huge.rows.find((r) => typeof r[1] === "string" && r[1].startsWith("本期应补"))?.[2]).toBe("1234567890123456.78");
  });

  it("says why when there is no calculation", () => {
    const paper = workingPaperRows({ calculation: null, rows: { read: 0, counted: 0, excluded: 0, rejected: 0 }, findings: [], fatal: { zh: "找不到花名册", en: "No roster found" } }, "");
    expect(paper.rows.flat().join(" ")).toContain("No roster found");
  });
});

describe("pickers", () => {
  it("show what the workbook's parameter block says", () => {
    const parameters = {
      values: [
        { name: "region", value: "苏州市", cell: { sheet: "参数", address: "B4" } },
        { name: "filingYear", value: "2025", cell: { sheet: "参数", address: "B5" } },
        { name: "entityType", value: "enterprise", cell: { sheet: "参数", address: "B6" } },
      ],
    } as unknown as NonNullable<PaneAudit["parameters"]>;
    expect(workbookDefaults("zh-CN", { ...audit, parameters })).toEqual({ region: "苏州市", filingYear: "2025", entityType: "企业" });
    expect(workbookDefaults("en-US", { ...audit, parameters })).toEqual({ region: "Suzhou", filingYear: "2025", entityType: "Enterprise" });
    expect(workbookDefaults("en-US", null)).toEqual({ region: null, filingYear: null, entityType: null });
  });
});

describe("language", () => {
  it("follows Office's display language and fills placeholders", () => {
    expect(languageFromDisplay("zh-CN")).toBe("zh-CN");
    expect(languageFromDisplay("zh-TW")).toBe("zh-CN");
    expect(languageFromDisplay("en-GB")).toBe("en-US");
    expect(languageFromDisplay(undefined)).toBe("en-US");
    expect(t("en-US", "written", { sheet: "校验结果", address: "A1:J5" })).toBe('Written to "校验结果" (A1:J5).');
    expect(regionOptions("en-US").find((o) => o.value === "CN-JS-320100")?.label).toBe("　Nanjing · CN-JS-320100");
  });
});
