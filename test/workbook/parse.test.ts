/**
 * The tolerant parsers: numbers as text, separators, full-width digits, 元/人 suffixes, Excel serials, text dates,
 * blanks and error values. Every unreadable value is reported as BAD (never a silent 0).
 */
import { describe, expect, it } from "vitest";
import { termMonths, shortByDates, oneYearAfter } from "../../src/workbook/contract";
import { classifyEmployment } from "../../src/workbook/employment";
import { BAD, BLANK, DateReader, MonthReader, MoneyReader, OK, TEXT, civilOfDay, dayOfCivil, dayOfIso, fenOf, isoOfDay, personKey, readQuantity, readYesNo } from "../../src/workbook/parse";
import type { CellValue } from "../../src/workbook/types";

describe("money", () => {
  const r = new MoneyReader();
  const read = (v: CellValue) => {
    const s = r.read(v);
    return { s, value: s === OK || s === TEXT ? r.value().toString() : null };
  };
  it.each<[CellValue, number, string | null]>([
    [1234.56, OK, "1234.56"],
    [0.1, OK, "0.1"],
    [-50, OK, "-50"],
    [0.125, OK, "0.125"],
    ["5000", TEXT, "5000"],
    ["1,234.50", TEXT, "1234.5"],
    ["１２３４", TEXT, "1234"],
    ["８,０００元", TEXT, "8000"],
    ["￥3,000.00", TEXT, "3000"],
    ["(1,200)", TEXT, "-1200"],
    [" 60人 ", TEXT, "60"],
    ["12.345", TEXT, "12.345"],
    [null, BLANK, null],
    ["   ", BLANK, null],
    ["#N/A", BAD, null],
    [{ error: "#DIV/0!" }, BAD, null],
    ["abc", BAD, null],
    ["1.2.3", BAD, null],
    [new Date(Date.UTC(2024, 0, 1)), BAD, null],
    [true, BAD, null],
    [Number.NaN, BAD, null],
  ])("%j → status %i, %s", (v, status, value) => {
    expect(read(v)).toEqual({ s: status, value });
  });
  it("uses exact integer fen only for doubles that are two-decimal amounts", () => {
    expect(fenOf(1234.56)).toBe(123456);
    expect(fenOf(0.07)).toBe(7);
    expect(fenOf(19.99)).toBe(1999);
    expect(Number.isNaN(fenOf(0.125))).toBe(true);
    expect(Number.isNaN(fenOf(1 / 3))).toBe(true);
  });
});

describe("quantities (counts, weights)", () => {
  it("reads numbers and numbers as text", () => {
    expect(readQuantity(55.5)).toMatchObject({ status: OK });
    expect(readQuantity("60人").value?.toString()).toBe("60");
    expect(readQuantity("#VALUE!").status).toBe(BAD);
    expect(readQuantity(null).status).toBe(BLANK);
  });
});

describe("dates", () => {
  const r = new DateReader();
  const iso = (v: CellValue) => (r.read(v) === OK ? isoOfDay(r.day) : r.status === BLANK ? "blank" : "bad");
  it.each<[CellValue, string]>([
    ["2024-03-01", "2024-03-01"],
    ["2024/3/1", "2024-03-01"],
    ["2024年3月1日", "2024-03-01"],
    ["20240301", "2024-03-01"],
    ["2024.3.1", "2024-03-01"],
    ["２０２４－０３－０１", "2024-03-01"],
    [45352, "2024-03-01"],
    [45352.75, "2024-03-01"],
    [new Date(Date.UTC(2024, 2, 1)), "2024-03-01"],
    [null, "blank"],
    ["", "blank"],
    ["2024-02-30", "bad"],
    ["2024-13-01", "bad"],
    ["next week", "bad"],
    ["#N/A", "bad"],
    [{ error: "#REF!" }, "bad"],
    [60, "bad"],
    [true, "bad"],
  ])("%j → %s", (v, expected) => {
    expect(iso(v)).toBe(expected);
  });
  it("converts day numbers both ways without a time zone", () => {
    expect(dayOfIso("1970-01-01")).toBe(0);
    expect(isoOfDay(dayOfIso("2024-02-29"))).toBe("2024-02-29");
    expect(civilOfDay(dayOfIso("2024-02-29"))).toEqual({ y: 2024, m: 2, d: 29 });
    expect(dayOfCivil(2000, 3, 1)).toBe(dayOfIso("2000-03-01"));
    expect(dayOfCivil(1899, 12, 31)).toBe(dayOfIso("1899-12-31"));
  });
  it("reads a whole number written as yyyymmdd (20240701, a number) and says so; rejects ambiguous numbers", () => {
    // 20240701 is far past Excel's last serial (2958465 = 9999-12-31), so it can only mean 2024-07-01.
    expect(iso(20240701)).toBe("2024-07-01");
    expect(r.packed).toBe(true);
    expect(iso(45352)).toBe("2024-03-01");
    expect(r.packed).toBe(false);
    // Not a calendar date, or outside 1900–2100: still bad.
    expect(iso(20241301)).toBe("bad");
    expect(iso(20240230)).toBe("bad");
    expect(iso(21010101)).toBe("bad");
    // 240701 as a serial would be 2558-12-xx; as yymmdd 2024-07-01: ambiguous, rejected.
    expect(iso(240701)).toBe("bad");
    // 9999-12-31 (serial 2958465), the usual open-ended contract end, is still a date.
    expect(iso(2958465)).toBe("9999-12-31");
  });
  it("reads serials in the 1904 date system when the workbook uses it", () => {
    const r1904 = new DateReader(true);
    // 1904 serial 0 = 1904-01-01; 44012 = 2024-07-01 (1900 serial 45474 − 1462). The same number in the 1900
    // system is 2020-06-30.
    expect(r1904.read(0)).toBe(OK);
    expect(isoOfDay(r1904.day)).toBe("1904-01-01");
    expect(r1904.read(44012)).toBe(OK);
    expect(isoOfDay(r1904.day)).toBe("2024-07-01");
    expect(iso(44012)).toBe("2020-06-30");
    // Text serials too, and the yyyymmdd number is the same date in either system.
    expect(r1904.read("44012")).toBe(OK);
    expect(isoOfDay(r1904.day)).toBe("2024-07-01");
    expect(r1904.read(20240701)).toBe(OK);
    expect(isoOfDay(r1904.day)).toBe("2024-07-01");
    const m1904 = new MonthReader(true);
    expect(m1904.read(44012, true)).toBe(OK);
    expect([m1904.year, m1904.month]).toEqual([2024, 7]);
  });
});

describe("months", () => {
  const r = new MonthReader();
  const month = (v: CellValue, looksLikeDate = false) => (r.read(v, looksLikeDate) === OK ? `${r.year}-${r.month}` : "bad");
  it.each<[CellValue, string]>([
    [3, "0-3"],
    ["3", "0-3"],
    ["3月", "0-3"],
    ["十二月", "0-12"],
    ["2024-03", "2024-3"],
    ["2024/3", "2024-3"],
    ["2024年3月", "2024-3"],
    ["202403", "2024-3"],
    [202403, "2024-3"],
    ["2024-03-01", "2024-3"],
    [45352, "2024-3"],
    [new Date(Date.UTC(2024, 2, 1)), "2024-3"],
    ["Mar 2024", "2024-3"],
    ["13", "bad"],
    ["2024-13", "bad"],
    ["#N/A", "bad"],
  ])("%j → %s", (v, expected) => {
    expect(month(v)).toBe(expected);
  });
  it("reads a small number as a date when the cell is date-formatted", () => {
    expect(month(45352, true)).toBe("2024-3");
  });
});

describe("yes/no, keys, employment types, contract terms", () => {
  it("reads yes/no words", () => {
    expect(readYesNo("是")).toBe(true);
    expect(readYesNo("已认定")).toBe(true);
    expect(readYesNo("√")).toBe(true);
    expect(readYesNo("否")).toBe(false);
    expect(readYesNo("未缴")).toBe(false);
    expect(readYesNo(0)).toBe(false);
    expect(readYesNo(null)).toBeNull();
    expect(readYesNo("也许")).toBeUndefined();
  });
  it("normalises person keys: width, case, leading zeros", () => {
    expect(personKey("００１")).toBe("1");
    expect(personKey(1)).toBe("1");
    expect(personKey(" e001 ")).toBe("E001");
    expect(personKey("")).toBeNull();
  });
  it("classifies employment types (template values and common variants)", () => {
    expect(classifyEmployment("全日制")).toBe("regular");
    expect(classifyEmployment("在编")).toBe("established");
    expect(classifyEmployment("季节工")).toBe("seasonal");
    expect(classifyEmployment("实习")).toBe("intern");
    expect(classifyEmployment("非全日制")).toBe("partTime");
    expect(classifyEmployment("兼职")).toBe("partTime");
    expect(classifyEmployment("退休返聘")).toBe("retiree");
    expect(classifyEmployment("劳务派遣")).toBe("dispatchIn");
    expect(classifyEmployment("劳务派遣(约定计入)")).toBe("dispatchAssigned");
    expect(classifyEmployment("劳务")).toBe("labourService");
    expect(classifyEmployment("编外人员")).toBe("regular");
    expect(classifyEmployment(null)).toBe("regular");
    expect(classifyEmployment("外星人")).toBe("unknown");
  });
  it("reads contract terms with units from the header or the value", () => {
    expect(termMonths(12, "合同期限(月)")).toBe(12);
    expect(termMonths(1, "合同期限(年)")).toBe(12);
    expect(termMonths("6个月", "合同期限")).toBe(6);
    expect(termMonths("3年", "合同期限")).toBe(36);
    expect(termMonths("1年6个月", "合同期限")).toBe(18);
    expect(termMonths("无固定期限", "合同期限")).toBe(Infinity);
    expect(termMonths(3, "合同期限")).toBe(36);
    expect(termMonths(24, "合同期限")).toBe(24);
    expect(termMonths(null, "合同期限")).toBeNull();
    expect(Number.isNaN(termMonths("很久", "合同期限") as number)).toBe(true);
  });
  it("measures a contract of exactly one year as one year", () => {
    expect(shortByDates(dayOfIso("2024-01-01"), dayOfIso("2024-12-31"), NaN)).toBe(false);
    expect(shortByDates(dayOfIso("2024-01-01"), dayOfIso("2024-12-30"), NaN)).toBe(true);
    expect(shortByDates(NaN, dayOfIso("2024-06-30"), dayOfIso("2024-01-01"))).toBe(true);
    expect(shortByDates(dayOfIso("2024-01-01"), NaN, NaN)).toBeNull();
    expect(isoOfDay(oneYearAfter(dayOfIso("2024-02-29")))).toBe("2025-03-01");
  });
});

describe("the parameter block in the 1904 date system", () => {
  it("parseSettings reads date serials in the workbook's system", async () => {
    const { parseSettings } = await import("../../src/core/settings");
    // 44366 = 2025-06-20 in the 1904 system (1900 serial 45828 − 1462); 2021-06-19 in the 1900 system.
    expect(parseSettings([["申报日期", 44366]], { date1904: true }).case.filingDate).toBe("2025-06-20");
    expect(parseSettings([["申报日期", 44366]]).case.filingDate).toBe("2021-06-19");
  });
});
