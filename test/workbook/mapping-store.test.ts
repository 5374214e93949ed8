import { describe, expect, it } from "vitest";
import { analyseWorkbook } from "../../src/validation/analyse";
import {
  MappingStoreError,
  findProblem,
  fromSheetRows,
  parseMappingFile,
  serializeMappingFile,
  tableRuleSheet,
  toOptions,
  toSheetRows,
} from "../../src/workbook/mapping-store";
import { MAPPING_SHEET } from "../../src/workbook/mapping";
import { makeWorkbook } from "../taskpane/fixtures";

const EXAMPLE = `{"format":"levy-mapping","version":1,"entries":[{"key":"表:员工信息","value":"花名册"},{"key":"员工信息!F","value":"用工形式"}]}`;

function thrown(fn: () => unknown): MappingStoreError {
  try {
    fn();
  } catch (error) {
    if (error instanceof MappingStoreError) return error;
    throw error;
  }
  throw new Error("expected a MappingStoreError");
}

describe("the mapping file", () => {
  it("parses the documented example", () => {
    expect(parseMappingFile(EXAMPLE)).toEqual([
      { key: "表:员工信息", value: "花名册", line: 1 },
      { key: "员工信息!F", value: "用工形式", line: 1 },
    ]);
  });

  it("writes one entry a line and reads back what it wrote", () => {
    const entries = [
      { key: "表:员工信息", value: "花名册" },
      { key: "员工信息!F", value: "用工形式" },
      { key: "年终奖金", value: "bonuses" },
    ];
    const text = serializeMappingFile(entries);
    expect(text).toBe(
      '{\n  "format": "levy-mapping",\n  "version": 1,\n  "entries": [\n' +
        '    {"key":"表:员工信息","value":"花名册"},\n' +
        '    {"key":"员工信息!F","value":"用工形式"},\n' +
        '    {"key":"年终奖金","value":"bonuses"}\n' +
        "  ]\n}\n",
    );
    expect(parseMappingFile(text)).toEqual([
      { key: "表:员工信息", value: "花名册", line: 5 },
      { key: "员工信息!F", value: "用工形式", line: 6 },
      { key: "年终奖金", value: "bonuses", line: 7 },
    ]);
    expect(serializeMappingFile([])).toBe('{\n  "format": "levy-mapping",\n  "version": 1,\n  "entries": [\n  ]\n}\n');
    expect(parseMappingFile(serializeMappingFile([]))).toEqual([]);
  });

  it("refuses a bad entry naming its line and entry number, in both languages", () => {
    const text = serializeMappingFile([
      { key: "表:员工信息", value: "花名册" },
      { key: "员工信息!F", value: "用工形式" },
      { key: "员工信息!G", value: "不存在的字段" },
    ]);
    const e = thrown(() => parseMappingFile(text));
    expect(e.line).toBe(7);
    expect(e.zh).toMatch(/^第 7 行（第 3 条）：列映射“员工信息!G → 不存在的字段”无效/);
    expect(e.en).toMatch(/^line 7 \(entry 3\): Column mapping "员工信息!G → 不存在的字段" is invalid/);
  });

  it("refuses a table rule with an unknown kind, a second kind for one sheet and a column given twice", () => {
    const kind = thrown(() => parseMappingFile(serializeMappingFile([{ key: "表:员工信息", value: "名单" }])));
    expect(kind.line).toBe(5);
    expect(kind.en).toContain("the kind must be roster, payroll, disabled, monthlyHeadcount or ignore");
    const twice = thrown(() =>
      parseMappingFile(
        serializeMappingFile([
          { key: "表:员工信息", value: "花名册" },
          { key: "sheet:员工信息", value: "工资表" },
        ]),
      ),
    );
    expect(twice.line).toBe(6);
    expect(twice.zh).toBe("第 6 行（第 2 条）：工作表“员工信息”的类型已在第 5 行（第 1 条）指定为“花名册”。");
    const column = thrown(() =>
      parseMappingFile(
        serializeMappingFile([
          { key: "员工信息!F", value: "用工形式" },
          { key: "员工信息!F", value: "姓名" },
        ]),
      ),
    );
    expect(column.line).toBe(6);
    expect(column.en).toContain('Column mapping "员工信息!F" is given twice');
  });

  it("refuses what is not a mapping file", () => {
    const syntax = thrown(() => parseMappingFile('{\n  "format": "levy-mapping",\n  "version": 1,\n  "entries": [\n    {"key": "a" "value": "b"}\n  ]\n}\n'));
    expect(syntax.line).toBe(5);
    expect(syntax.en).toMatch(/^The mapping file is not valid JSON on line 5/);
    expect(thrown(() => parseMappingFile('{"format":"other","version":1,"entries":[]}')).en).toBe('The mapping file\'s "format" must be "levy-mapping", not "other".');
    expect(thrown(() => parseMappingFile('{"format":"levy-mapping","version":2,"entries":[]}')).en).toBe("Mapping file version 2 is not supported (only 1).");
    expect(thrown(() => parseMappingFile('{"format":"levy-mapping","version":1}')).en).toBe('The mapping file has no "entries" array.');
    expect(thrown(() => parseMappingFile('{"format":"levy-mapping","version":1,"entries":[],"extra":1}')).en).toBe("The mapping file has unknown fields: extra.");
    expect(thrown(() => parseMappingFile("[]")).zh).toContain("映射文件应为一个 JSON 对象");
    const notText = thrown(() => parseMappingFile('{"format":"levy-mapping","version":1,"entries":[\n{"key":"a","value":3}]}'));
    expect(notText.en).toBe('line 2 (entry 1): each entry must be {"key":"text","value":"text"}.');
    const empty = thrown(() => parseMappingFile('{"format":"levy-mapping","version":1,"entries":[\n{"key":"员工信息!F","value":" "}]}'));
    expect(empty.en).toBe('line 2 (entry 1): "员工信息!F" has no value.');
  });
});

describe("the 残保金映射 sheet", () => {
  it("has a heading row and one rule a row", () => {
    expect(toSheetRows([{ key: "表:员工信息", value: "花名册" }, { key: "员工信息!F", value: "用工形式" }])).toEqual([
      ["键", "值"],
      ["表:员工信息", "花名册"],
      ["员工信息!F", "用工形式"],
    ]);
  });

  it("reads rows back with their sheet row, keeping half-filled rows for validation to name", () => {
    const rows = [["键", "值"], ["表:员工信息", "花名册"], [null, null], ["员工信息!F", null], [null, "工号"], ["工号", "employeeId", "a note"]];
    const entries = fromSheetRows(rows);
    expect(entries).toEqual([
      { key: "表:员工信息", value: "花名册", line: 2 },
      { key: "员工信息!F", value: "", line: 4 },
      { key: "", value: "工号", line: 5 },
      { key: "工号", value: "employeeId", line: 6 },
    ]);
    expect(findProblem(entries)?.zh).toBe("第 4 行：“员工信息!F”没有值。");
    expect(findProblem(entries.filter((e) => e.line !== 4))?.en).toBe('line 5: the key is empty (value "工号").');
    expect(findProblem(entries.filter((e) => e.line !== 4 && e.line !== 5))).toBeNull();
  });

  it("gives the analysis the same mapping whether it comes as options or as the sheet", () => {
    const entries = [
      { key: "表:参数", value: "忽略" },
      { key: "花名册!D", value: "employment type" },
      { key: "基本工资", value: "奖金" },
    ];
    expect(toOptions(entries)).toEqual({ "表:参数": "忽略", "花名册!D": "employment type", 基本工资: "奖金" });
    expect(Object.getPrototypeOf(toOptions(entries))).toBeNull();
    const workbook = makeWorkbook({ employees: 4 });
    const viaOptions = analyseWorkbook(workbook, { mapping: toOptions(entries) });
    const viaSheet = analyseWorkbook([...workbook, { name: MAPPING_SHEET, origin: "A1", values: toSheetRows(entries) }], {});
    const columns = (a: typeof viaOptions) => a.tables.map((t) => t.columns.map((c) => `${t.sheet}!${c.column}=${c.field}`)).flat();
    expect(columns(viaSheet)).toEqual(columns(viaOptions));
    expect(columns(viaSheet)).toContain("工资表!D=pay:bonus");
    expect(viaSheet.mapping.map((m) => [m.key, m.origin, m.target, m.applied])).toEqual([
      ["花名册!D", "残保金映射!B3", "employmentType", 1],
      ["基本工资", "残保金映射!B4", "pay:bonus", 1],
      ["表:参数", "残保金映射!B2", "ignore", 1],
    ]);
  });

  it("recognises table rules", () => {
    expect(tableRuleSheet("表:员工信息")).toBe("员工信息");
    expect(tableRuleSheet("sheet： Sheet3 ")).toBe("Sheet3");
    expect(tableRuleSheet("员工信息!F")).toBeNull();
  });
});
