/**
 * The pane's mapping editor shows why each sheet was recognised as it was: the score, the runner-up and the reasons
 * the engine gives (the same ones `levy audit --explain` prints), and views of other sheets as views.
 */
import { describe, expect, it } from "vitest";
import { sheetRoles } from "../../src/taskpane/mapping-view";
import type { PaneAudit } from "../../src/taskpane/view-model";
import { analyseWorkbook } from "../../src/validation/analyse";
import { RENDERINGS, render } from "../corpus/layouts";
import { makeCompany } from "../corpus/people";

describe("mapping editor: the decision explains itself", () => {
  const sheets = render(makeCompany(5, 40), RENDERINGS.combinedB);
  const audit = analyseWorkbook(sheets, { today: "2025-03-01" }) as unknown as PaneAudit;
  const roles = sheetRoles(sheets.map((s) => s.name), audit);
  it("the HR staff list with inline disability columns: roster and register, with its reasons", () => {
    const staff = roles.find((r) => r.sheet === "员工信息")!;
    expect(staff.kind).toBe("roster");
    expect(staff.why!.score).toBeGreaterThan(0);
    expect(staff.why!.reasons.map((x) => x.zh).join("\n")).toContain("识别出的表头：工号、姓名、身份证号、用工形式、入职日期、离职日期");
  });
  it("the lookup sheet is shown as a view of the payroll", () => {
    const lookup = roles.find((r) => r.sheet === "工资汇总")!;
    expect(lookup.detected.zh).toContain("视图");
    expect(lookup.why!.reasons.some((x) => x.zh.includes("不作为数据来源计入"))).toBe(true);
  });
});
