/**
 * The mapping editor: its view model (options, samples, the draft and its validation), and the pane's actions end to
 * end against an office-addin-mock workbook — save writes the 残保金映射 sheet in one assignment with a constant
 * number of context.sync() calls and re-runs the analysis; a bad line is refused by name; an unusable workbook offers
 * actions (the editor, the template's sheets).
 */
import { describe, expect, it } from "vitest";
import { inlineAnalyser, type Analyser } from "../../src/taskpane/analyser";
import { OWN_SHEETS, createOfficeGateway } from "../../src/taskpane/excel-gateway";
import {
  FIELD_OPTIONS,
  ROLE_OPTIONS,
  draftEntries,
  draftFromEntries,
  fatalCandidates,
  fieldOptionFor,
  fieldOptionForId,
  roleOptionFor,
  sampleText,
  sheetRoles,
} from "../../src/taskpane/mapping-view";
import { PaneController } from "../../src/taskpane/pane";
import type { PaneAudit } from "../../src/taskpane/view-model";
import { analyseWorkbook } from "../../src/validation/analyse";
import { FIELD_IDS, PAY_CATEGORY_IDS } from "../../src/workbook/fields";
import type { SheetData } from "../../src/workbook/types";
import { createExcelMock, type ExcelMock } from "./excel-mock";
import { makeUnclearWorkbook } from "./fixtures";

const OWN: readonly string[] = Object.values(OWN_SHEETS);

function setup(workbook: SheetData[], analyser?: Analyser): { mock: ExcelMock; pane: PaneController } {
  const mock = createExcelMock(workbook);
  let pane: PaneController | null = null;
  const gateway = createOfficeGateway(mock.host, { confirmReplace: (sheet) => (pane as PaneController).confirmReplace(sheet) });
  pane = new PaneController({ gateway, analyser: analyser ?? inlineAnalyser(analyseWorkbook), officeLanguage: "zh-CN", now: () => "2025-07-01T08:00:00.000Z" });
  return { mock, pane };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe("the editor's options", () => {
  it("offer every field and pay item by its Chinese/English name, each read back as itself", () => {
    expect(FIELD_OPTIONS).toHaveLength(1 + (FIELD_IDS.length - 1) + PAY_CATEGORY_IDS.length);
    for (const o of FIELD_OPTIONS) {
      expect(fieldOptionFor(o.value), o.value).toBe(o);
      // Names, never internal identifiers such as employmentType or pay:bonus.
      expect(o.label.en).not.toMatch(/[a-z][A-Z]|:/);
      expect([...FIELD_IDS, ...PAY_CATEGORY_IDS]).not.toContain(o.value);
    }
    expect(fieldOptionFor("employmentType")?.value).toBe("用工形式");
    expect(fieldOptionFor("Employment type")?.value).toBe("用工形式");
    expect(fieldOptionFor("pay:bonus")?.value).toBe("奖金");
    expect(fieldOptionFor("ignore")?.value).toBe("忽略");
    expect(fieldOptionFor("乱写")).toBeNull();
    expect(fieldOptionForId("pay:overtime")?.label).toEqual({ zh: "加班加点工资", en: "overtime pay" });
    expect(fieldOptionForId("hireDate")?.value).toBe("入职日期");
    expect(ROLE_OPTIONS.map((o) => o.value)).toEqual(["花名册", "工资表", "残疾职工", "月度人数", "忽略"]);
    expect(roleOptionFor("roster")?.value).toBe("花名册");
    expect(roleOptionFor("monthlyHeadcount")?.value).toBe("月度人数");
    expect(roleOptionFor("名单")).toBeNull();
  });

  it("show dates as dates and long text shortened", () => {
    expect(sampleText(45292, "yyyy-mm-dd")).toBe("2024-01-01");
    expect(sampleText(45292, null)).toBe("45292");
    expect(sampleText("  全日制 ", null)).toBe("全日制");
    expect(sampleText("一二三四五六七八九十一二三四五六七八九十", null)).toBe("一二三四五六七八九十一二三四五六七…");
    expect(sampleText({ error: "#N/A" }, null)).toBe("#N/A");
  });

  it("read low-confidence candidates defensively", () => {
    const audit = (fatal: unknown) => ({ fatal }) as unknown as PaneAudit;
    expect(fatalCandidates(null)).toEqual([]);
    expect(fatalCandidates(audit({ zh: "x", en: "x" }))).toEqual([]);
    expect(fatalCandidates(audit({ zh: "x", en: "x", candidates: "nope" }))).toEqual([]);
    expect(
      fatalCandidates(audit({ zh: "x", en: "x", candidates: [{ sheet: "员工信息", kind: "roster", score: 0.42, reasons: [{ zh: "有姓名", en: "has names" }, "bad"] }, { kind: "payroll" }, null] })),
    ).toEqual([{ sheet: "员工信息", kind: "roster", score: 0.42, reasons: [{ zh: "有姓名", en: "has names" }] }]);
    // Next to fatal, as the recognition engine reports them (with a runner-up the editor does not need).
    const nextTo = { fatal: { zh: "x", en: "x" }, candidates: [{ sheet: "Sheet2", kind: "payroll", score: 3, runnerUp: { kind: "roster", score: 2.5 }, reasons: [] }] } as unknown as PaneAudit;
    expect(fatalCandidates(nextTo)).toEqual([{ sheet: "Sheet2", kind: "payroll", score: 3, reasons: [] }]);
    // Never without fatal: a usable result is not second-guessed.
    expect(fatalCandidates({ candidates: [{ sheet: "Sheet2", kind: "payroll", score: 3, reasons: [] }] } as unknown as PaneAudit)).toEqual([]);
  });

  it("name the recognition's roles and say when it was unsure", () => {
    const table = { sheet: "汇总", kind: "roster", kindVia: "headers", range: "A1:B2", headerRow: 1, columns: [], rows: { read: 0, counted: 0, excluded: 0, rejected: 0 } };
    const audit = { tables: [{ ...table, role: "derived" }, { ...table, sheet: "名单", unsure: true }] } as unknown as PaneAudit;
    expect(sheetRoles(["汇总", "名单"], audit).map((r) => r.detected)).toEqual([
      { zh: "视图（由其他表算出，不计入）", en: "view of other sheets (not counted)" },
      { zh: "花名册（不确定）", en: "roster (unsure)" },
    ]);
  });
});

describe("the draft", () => {
  const workbook = makeUnclearWorkbook();
  const audit = analyseWorkbook(workbook, {}) as unknown as PaneAudit;
  const roles = sheetRoles(["参数", "员工信息", "工资表", "旧名单", "残保金映射"], audit);

  it("lists each sheet with what it was recognised as", () => {
    expect(roles.map((r) => [r.sheet, r.detected.zh, r.kind])).toEqual([
      ["参数", "参数区", null],
      ["员工信息", "花名册", "roster"],
      ["工资表", "工资表", "payroll"],
      ["旧名单", "花名册", "roster"],
    ]);
  });

  it("puts what the drop-downs cannot show in the other rules, never losing a line", () => {
    const draft = draftFromEntries(
      [
        { key: "表:旧名单", value: "ignore" },
        { key: "员工信息!D", value: "employment type" },
        { key: "人员属性", value: "用工形式" },
        { key: "员工信息!Z", value: "姓名" },
        { key: "表:旧名单", value: "工资表" },
        { key: "员工信息!E", value: "乱写" },
      ],
      roles,
    );
    expect(draft).toEqual({
      roles: { 旧名单: "忽略" },
      columns: { "员工信息!D": "用工形式" },
      other: "人员属性 = 用工形式\n员工信息!Z = 姓名\n表:旧名单 = 工资表\n员工信息!E = 乱写",
    });
    const { problem } = draftEntries(draft, roles);
    expect(problem?.zh).toBe("其他规则第 3 行：工作表“旧名单”的类型已在工作表“旧名单”的类型指定为“忽略”。");
  });

  it("orders the entries: sheet kinds, columns, other rules; and names a bad line", () => {
    const ok = draftEntries({ roles: { 旧名单: "忽略" }, columns: { "员工信息!D": "用工形式" }, other: "\n年终奖金 = 奖金\n" }, roles);
    expect(ok.problem).toBeNull();
    expect(ok.entries.map((e) => [e.key, e.value])).toEqual([
      ["表:旧名单", "忽略"],
      ["员工信息!D", "用工形式"],
      ["年终奖金", "奖金"],
    ]);
    const bad = draftEntries({ roles: {}, columns: {}, other: "员工信息!E = 入职日期\n员工信息!F = 乱写" }, roles);
    expect(bad.problem?.zh).toMatch(/^其他规则第 2 行：列映射“员工信息!F → 乱写”无效：/);
    expect(bad.problem?.en).toMatch(/^line 2 of the other rules: Column mapping "员工信息!F → 乱写" is invalid/);
    const noSeparator = draftEntries({ roles: {}, columns: {}, other: "员工信息!F 用工形式" }, roles);
    expect(noSeparator.problem?.en).toBe('line 1 of the other rules "员工信息!F 用工形式": write it as KEY = VALUE (e.g. 花名册!F = employment type).');
    const tab = draftEntries({ roles: {}, columns: {}, other: "员工信息!F\t离职日期" }, roles);
    expect(tab.entries.map((e) => [e.key, e.value])).toEqual([["员工信息!F", "离职日期"]]);
    const twice = draftEntries({ roles: {}, columns: { "员工信息!D": "用工形式" }, other: "员工信息!D = 姓名" }, roles);
    expect(twice.problem?.en).toContain('line 1 of the other rules: Column mapping "员工信息!D" is given twice');
  });
});

describe("the mapping editor in the pane", () => {
  it("shows the sheets read with samples under each header", async () => {
    const { pane } = setup(makeUnclearWorkbook());
    await pane.analyse("calculation");
    const m = pane.state.mapping;
    expect(m?.sheetNames).toEqual(["参数", "员工信息", "工资表", "旧名单"]);
    expect(m?.saved).toBeNull();
    expect(m?.empty).toBe(false);
    expect(m?.samples["员工信息"]["D"]).toEqual(["全日制", "全日制", "全日制"]);
    expect(m?.samples["员工信息"]["E"]).toEqual(["2020-01-06", "2020-01-06", "2020-01-06"]);
    expect(m?.samples["工资表"]["C"]).toEqual(["2024-01", "2024-01", "2024-01"]);
    expect(m?.samples["旧名单"]["B"]).toEqual(["老员工1", "老员工2", "老员工3"]);
    expect(pane.state.audit?.calculation?.headcount).toBe("43");
  });

  it("saves the 残保金映射 sheet in one assignment, then re-runs the analysis, which uses it", async () => {
    const { mock, pane } = setup(makeUnclearWorkbook());
    await pane.analyse("calculation");
    pane.openMappingEditor();
    expect(pane.state.view).toBe("mapping");
    pane.setSheetRole("旧名单", "忽略");
    pane.setColumnField("员工信息", "D", "用工形式");
    expect(pane.state.mapping?.dirty).toBe(true);
    mock.resetSyncs();
    await pane.saveMapping();
    expect(mock.written("残保金映射")).toEqual([
      {
        address: "A1:B3",
        values: [
          ["键", "值"],
          ["表:旧名单", "忽略"],
          ["员工信息!D", "用工形式"],
        ],
        numberFormat: [
          ["@", "@"],
          ["@", "@"],
          ["@", "@"],
        ],
      },
    ]);
    // 1 (does the sheet exist?) + 2 (write) + 3 (read the workbook again).
    expect(mock.syncs()).toBe(6);
    expect(mock.sheets.get("残保金映射")?.calls).not.toContain("activate");
    // The analysis re-ran and read the sheet: 40 people, the interns excluded, the old copy not used.
    expect(pane.state.view).toBe("mapping");
    expect(pane.state.audit?.calculation?.headcount).toBe("40");
    expect(pane.state.audit?.tables?.map((t) => t.sheet)).toEqual(["员工信息", "工资表"]);
    expect(pane.state.audit?.mapping?.map((r) => [r.key, r.origin, r.applied])).toEqual([
      ["员工信息!D", "残保金映射!B3", 1],
      ["表:旧名单", "残保金映射!B2", 1],
    ]);
    expect(pane.state.audit?.findings.find((f) => f.code === "HC_INTERN")?.rows).toBe(2);
    // The editor now shows what is saved.
    expect(pane.state.mapping?.saved).toEqual([
      { key: "表:旧名单", value: "忽略", line: 2 },
      { key: "员工信息!D", value: "用工形式", line: 3 },
    ]);
    expect(pane.state.mapping?.draft).toEqual({ roles: { 旧名单: "忽略" }, columns: { "员工信息!D": "用工形式" }, other: "" });
    expect(pane.state.mapping?.dirty).toBe(false);
    expect(mock.userSheetChanges(OWN)).toEqual([]);
  });

  it("asks before replacing the sheet, with the same number of syncs for 2 rules or 40", async () => {
    const { mock, pane } = setup(makeUnclearWorkbook());
    await pane.analyse("calculation");
    pane.setSheetRole("旧名单", "忽略");
    await pane.saveMapping();

    pane.setColumnField("员工信息", "D", "用工形式");
    const kept = pane.saveMapping();
    await until(() => pane.state.confirm !== null, "the question");
    expect(pane.state.confirm).toEqual({ kind: "replace", sheet: "残保金映射" });
    pane.answerConfirm(false);
    await kept;
    expect(pane.state.status?.text.en).toBe('"残保金映射" was not replaced.');
    expect(mock.written("残保金映射")).toHaveLength(1);
    expect(pane.state.mapping?.dirty).toBe(true);

    const counts: number[] = [];
    for (const other of ["", Array.from({ length: 38 }, (_, i) => `表头${i} = 忽略`).join("\n")]) {
      pane.setOtherRules(other);
      mock.resetSyncs();
      const saving = pane.saveMapping();
      await until(() => pane.state.confirm !== null, "the question");
      pane.answerConfirm(true);
      await saving;
      counts.push(mock.syncs());
    }
    expect(counts).toEqual([6, 6]);
    const last = mock.written("残保金映射").at(-1);
    expect(last?.address).toBe("A1:B41");
    expect(last?.values[40]).toEqual(["表头37", "忽略"]);
    expect(mock.sheets.get("残保金映射")?.calls).toContain("clear");
  });

  it("refuses a bad line with its message and writes nothing", async () => {
    const { mock, pane } = setup(makeUnclearWorkbook());
    await pane.analyse("calculation");
    pane.setSheetRole("旧名单", "忽略");
    pane.setOtherRules("员工信息!E = 入职日期\n员工信息!D = 不知道");
    const syncs = mock.syncs();
    await pane.saveMapping();
    expect(pane.state.mapping?.error?.zh).toMatch(/^其他规则第 2 行：列映射“员工信息!D → 不知道”无效：值应为字段名/);
    expect(pane.state.status?.kind).toBe("error");
    expect(pane.state.status?.text.en).toMatch(/^Not saved: line 2 of the other rules: Column mapping "员工信息!D → 不知道" is invalid/);
    expect(mock.syncs()).toBe(syncs);
    expect(mock.sheets.has("残保金映射")).toBe(false);
    // Fixing the line clears the message and saves.
    pane.setOtherRules("员工信息!E = 入职日期\n员工信息!D = 用工形式");
    expect(pane.state.mapping?.error).toBeNull();
    await pane.saveMapping();
    expect(mock.written("残保金映射")[0].values).toEqual([
      ["键", "值"],
      ["表:旧名单", "忽略"],
      ["员工信息!E", "入职日期"],
      ["员工信息!D", "用工形式"],
    ]);
    expect(pane.state.audit?.calculation?.headcount).toBe("40");
  });

  it("opens on a saved sheet's rows, keeping a line the drop-downs cannot show", async () => {
    const saved: SheetData = {
      name: "残保金映射",
      origin: "A1",
      values: [
        ["键", "值"],
        ["表:旧名单", "忽略"],
        ["人员属性", "用工形式"],
        ["员工信息!Z", "bogus"],
      ],
    };
    const { pane } = setup([...makeUnclearWorkbook(), saved]);
    await pane.analyse("calculation");
    expect(pane.state.audit?.calculation?.headcount).toBe("40");
    expect(pane.state.mapping?.draft).toEqual({ roles: { 旧名单: "忽略" }, columns: {}, other: "人员属性 = 用工形式\n员工信息!Z = bogus" });
    await pane.saveMapping();
    expect(pane.state.mapping?.error?.en).toMatch(/^line 2 of the other rules: Column mapping "员工信息!Z → bogus" is invalid/);
    pane.revertMapping();
    expect(pane.state.mapping?.error).toBeNull();
    expect(pane.state.mapping?.dirty).toBe(false);
  });

  it("opens the editor when the recognition reports low-confidence candidates", async () => {
    const inline = inlineAnalyser(analyseWorkbook);
    const uncertain: Analyser = {
      async run(sheets, options, progress, signal) {
        const audit = await inline.run(sheets, options, progress, signal);
        const fatal = { zh: "识别把握不大。", en: "Recognition is uncertain." };
        const candidates = [{ sheet: "员工信息", kind: "roster", score: 0.4, runnerUp: { kind: "payroll", score: 0.35 }, reasons: [{ zh: "有工号", en: "has IDs" }] }];
        return { ...audit, calculation: null, fatal, candidates } as PaneAudit;
      },
    };
    const { pane } = setup(makeUnclearWorkbook(), uncertain);
    await pane.analyse("calculation");
    expect(pane.state.view).toBe("mapping");
    expect(fatalCandidates(pane.state.audit)).toEqual([{ sheet: "员工信息", kind: "roster", score: 0.4, reasons: [{ zh: "有工号", en: "has IDs" }] }]);
  });
});

describe("an unusable workbook", () => {
  it("empty: inserts the template's sheets in two syncs, writing only new sheets", async () => {
    const { mock, pane } = setup([]);
    await pane.analyse("calculation");
    expect(pane.state.audit?.fatal?.en).toBe("The workbook is empty: it holds no data.");
    expect(pane.state.mapping?.empty).toBe(true);
    mock.resetSyncs();
    await pane.insertTemplate();
    // 2 to list the sheets, 2 to add them (the template's own sheets: test/taskpane/template-insert.test.ts).
    expect(mock.syncs()).toBe(4);
    expect([...mock.sheets.keys()]).toEqual(["说明", "参数", "花名册", "工资表", "残疾职工", "申报表"]);
    // The roster as an Excel table: its header and one blank row, for Excel to extend.
    expect(mock.written("花名册")[0]).toEqual({ address: "A1:I2", values: [["工号", "姓名", "身份证号", "用工形式", "入职日期", "离职日期", "合同开始日期", "合同结束日期", "社保缴纳"], ["", "", "", "", "", "", "", "", ""]] });
    expect(mock.tables.map((t) => `${t.sheet}!${t.address}`)).toContain("花名册!A1:I2");
    expect(pane.state.status?.text.zh).toBe("已插入工作表：说明、参数、花名册、工资表、残疾职工、申报表。请填写后点击“计算”。");
    expect(pane.state.audit).toBeNull();
  });

  it("empty but with a sheet of a template name: asks, and never touches that sheet", async () => {
    // A 花名册 sheet with nothing in it: the read finds no data, but the name is taken.
    const { mock, pane } = setup([{ name: "花名册", origin: "A1", values: [] }]);
    await pane.analyse("calculation");
    expect(pane.state.mapping?.empty).toBe(true);
    const inserting = pane.insertTemplate();
    await until(() => pane.state.confirm !== null, "the question");
    expect(pane.state.confirm).toEqual({ kind: "template", existing: ["花名册"], adding: ["说明", "参数", "工资表", "残疾职工", "申报表"] });
    pane.answerConfirm(true);
    await inserting;
    expect([...mock.sheets.keys()]).toEqual(["花名册", "说明", "参数", "工资表", "残疾职工", "申报表"]);
    expect(mock.sheets.get("花名册")?.calls).toEqual([]);
    expect(mock.written("花名册")).toEqual([]);

    const again = await pane.insertTemplate();
    expect(again).toBeUndefined();
    expect(pane.state.status?.text.en).toBe("All the template sheets exist already; nothing was inserted.");
  });

  it("a clash answered 'cancel' in the pane's own dialog adds nothing and touches nothing", async () => {
    const { mock, pane } = setup([{ name: "申报表", origin: "A1", values: [] }]);
    await pane.analyse("calculation");
    const inserting = pane.insertTemplate();
    await until(() => pane.state.confirm !== null, "the question");
    expect(pane.state.confirm).toEqual({ kind: "template", existing: ["申报表"], adding: ["说明", "参数", "花名册", "工资表", "残疾职工"] });
    pane.answerConfirm(false);
    await inserting;
    expect([...mock.sheets.keys()]).toEqual(["申报表"]);
    expect(mock.tables).toEqual([]);
    expect(mock.userSheetChanges([])).toEqual([]);
    expect(pane.state.status?.text.en).toMatch(/cancel/i);
  });

  it("no roster: the analysis says so and the editor has every sheet to choose from", async () => {
    const [parameters, roster] = makeUnclearWorkbook();
    // Headers nobody recognises: the roster is not found.
    const unknown: SheetData = { ...roster, name: "Sheet1", values: [["代码", "人", "证", "类", "起", "止", "甲", "乙", "丙"], ...roster.values.slice(1)] };
    const { pane } = setup([parameters, unknown]);
    await pane.analyse("calculation");
    expect(pane.state.audit?.fatal?.en).toMatch(/^No roster found/);
    expect(pane.state.mapping?.empty).toBe(false);
    expect(sheetRoles(pane.state.mapping?.sheetNames ?? [], pane.state.audit).map((r) => r.sheet)).toEqual(["参数", "Sheet1"]);
    pane.openMappingEditor();
    expect(pane.state.view).toBe("mapping");
  });
});
