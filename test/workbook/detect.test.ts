/**
 * Table detection: title rows, blank rows, merged titles, extra columns, any column order, two-row headers, an
 * origin other than A1, sheets that are not tables, explicit mapping (options and parameter sheet), kind override.
 */
import { describe, expect, it } from "vitest";
import { detectTables, kindOf } from "../../src/workbook/detect";
import { addMappingEntry, emptyMapping } from "../../src/workbook/mapping";
import { IssueLog } from "../../src/workbook/issues";
import { readParameterBlock } from "../../src/workbook/parameters";
import { meaningId } from "../../src/workbook/fields";
import type { DetectedTable } from "../../src/workbook/detect";
import { sheet } from "./fixtures";

const fields = (t: DetectedTable) => Object.fromEntries(t.columns.map((c) => [c.letter, c.meaning ? meaningId(c.meaning) : null]));

describe("finding the header row", () => {
  it("skips title rows, blank rows and a merged title; columns in any order; extra columns kept as unknown", () => {
    const s = sheet("Sheet1", [
      ["2024年度职工花名册", null, null, null, null],
      [null, null, null, null, null],
      ["单位：示例公司", null, null, "制表日期：2025-01-05", null],
      ["备注", "入职日期", "姓名", "工号", "用工形式"],
      ["", "2020-01-01", "张三", "E1", "全日制"],
    ]);
    const { tables } = detectTables([s], emptyMapping());
    expect(tables).toHaveLength(1);
    expect(tables[0].kind).toBe("roster");
    expect(tables[0].headerRowIndex).toBe(3);
    expect(tables[0].dataStart).toBe(4);
    expect(fields(tables[0])).toEqual({ A: null, B: "hireDate", C: "name", D: "employeeId", E: "employmentType" });
  });
  it("honours the origin: a used range starting at C5 gives addresses from C5", () => {
    const s = sheet("名册", [["工号", "姓名", "入职日期"], ["E1", "张三", "2020-01-01"]], "C5");
    const { tables } = detectTables([s], emptyMapping());
    expect(tables[0].columns.map((c) => c.letter)).toEqual(["C", "D", "E"]);
  });
  it("merges a two-row header (group titles above pay items)", () => {
    const s = sheet("工资", [
      ["工号", "姓名", "月份", "应发项目", null, null, "扣除项目"],
      [null, null, null, "基本工资", "绩效奖金", "津贴补贴", "个人社保"],
      ["E1", "张三", "2024-01", 8000, 1000, 500, 800],
    ]);
    const { tables } = detectTables([s], emptyMapping());
    expect(tables[0].kind).toBe("payroll");
    expect(tables[0].dataStart).toBe(2);
    expect(tables[0].pay.map((p) => p.category)).toEqual(["timeWage", "bonus", "allowance", "deduction"]);
  });
  it("tells the table kinds apart", () => {
    const sheets = [
      sheet("a", [["工号", "姓名", "身份证号", "入职日期", "用工形式"]]),
      sheet("b", [["工号", "姓名", "月份", "基本工资", "奖金"]]),
      sheet("c", [["工号", "姓名", "残疾人证号", "残联认定"]]),
      sheet("d", [["月份", "月初人数", "月末人数"]]),
      sheet("e", [["工号", "姓名", "全年工资"]]),
      sheet("f", [["姓名", "入职日期", "基本工资", "残疾证号"]]),
      sheet("g", [["说明"], ["这是一张说明"]]),
    ];
    const { tables, skipped } = detectTables(sheets, emptyMapping());
    expect(tables.map((t) => [t.sheetName, t.kind])).toEqual([
      ["a", "roster"],
      ["b", "payroll"],
      ["c", "disabled"],
      ["d", "monthlyHeadcount"],
      ["e", "payroll"],
      ["f", "roster"],
    ]);
    expect(tables[5].embedded).toEqual({ payroll: true, disabled: true });
    expect(skipped.map((s) => s.sheet)).toEqual(["g"]);
  });
  it("reads the payroll month from the sheet name when there is no month column", () => {
    const { tables } = detectTables([sheet("2024年3月工资", [["工号", "姓名", "基本工资"], ["E1", "张三", 8000]])], emptyMapping());
    expect(tables[0].sheetMonth).toEqual({ year: 2024, month: 3 });
  });
  it("needs a person key and a date/type or pay column", () => {
    expect(kindOf(new Set(["name"]), 0, "x")).toBeNull();
    expect(kindOf(new Set(["hireDate", "leaveDate"]), 0, "x")).toBeNull();
  });
  it("treats __proto__ and constructor headers as unknown columns without touching prototypes", () => {
    const s = sheet("x", [["__proto__", "constructor", "工号", "姓名", "入职日期"], ["a", "b", "E1", "张三", "2020-01-01"]]);
    const { tables } = detectTables([s], emptyMapping());
    expect(tables[0].kind).toBe("roster");
    expect(fields(tables[0])).toEqual({ A: null, B: null, C: "employeeId", D: "name", E: "hireDate" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, "E1")).toBe(false);
  });
});

describe("explicit mapping", () => {
  const roster = () => sheet("人员", [["工号", "姓名", "入职日期", "类别X", "其他"], ["E1", "张三", "2020-01-01", "实习", "x"]]);
  it("maps by Sheet!Column and by header text, and can ignore a column", () => {
    const m = emptyMapping();
    addMappingEntry(m, "人员!D", "employmentType", "option");
    addMappingEntry(m, "其他", "ignore", "option");
    addMappingEntry(m, "入职日期", "忽略", "option");
    const { tables } = detectTables([roster()], m);
    const cols = tables[0].columns;
    expect(cols.find((c) => c.letter === "D")).toMatchObject({ via: "mapping", meaning: { field: "employmentType" } });
    expect(cols.find((c) => c.letter === "E")).toMatchObject({ via: "ignored", meaning: null });
    expect(cols.find((c) => c.letter === "C")).toMatchObject({ via: "ignored" });
    expect(m.columns.map((r) => r.applied)).toEqual([1, 1, 1]);
  });
  it("accepts a known header or a pay category as the target, and rejects nonsense", () => {
    const m = emptyMapping();
    addMappingEntry(m, "类别X", "用工形式", "option");
    addMappingEntry(m, "其他", "pay:bonus", "option");
    addMappingEntry(m, "x", "__proto__", "option");
    addMappingEntry(m, "y", "constructor", "option");
    expect(m.columns.map((r) => r.target)).toEqual([{ field: "employmentType" }, { field: "pay", category: "bonus" }]);
    expect(m.problems).toHaveLength(2);
  });
  it("reads mapping rows (列: / 映射: / 表:) from the parameter sheet", () => {
    const params = sheet("参数", [
      ["参数", "值"],
      ["地区", "CN"],
      ["列:类别X", "employmentType"],
      ["映射：人员!E", "ignore"],
      ["表:杂项", "roster"],
    ]);
    const misc = sheet("杂项", [["编号X", "名字X"], ["1", "张三"]]);
    const m = emptyMapping();
    const block = readParameterBlock([params, roster(), misc], m, new IssueLog());
    expect(block?.sheet).toBe("参数");
    expect(m.columns.map((r) => [r.key, r.origin])).toEqual([
      ["列:类别X", "参数!B3"],
      ["映射：人员!E", "参数!B4"],
    ]);
    expect(m.kinds.map((k) => [k.sheet, k.kind])).toEqual([["杂项", "roster"]]);
    const { tables } = detectTables([params, roster(), misc], m);
    expect(tables.find((t) => t.sheetName === "人员")!.field.get("employmentType")).toBe(3);
  });
});
