/** The form label's unbreakable end (src/taskpane/form-view.ts keepTogether): expected splits written by hand. */
import { describe, expect, it } from "vitest";
import { keepTogether } from "../../src/taskpane/form-view";

describe("keepTogether", () => {
  it("keeps the last two Chinese characters together", () => {
    expect(keepTogether("上年在职职工人数")).toEqual({ head: "上年在职职工", tail: "人数" });
    expect(keepTogether("本期应补（退）费额")).toEqual({ head: "本期应补（退）", tail: "费额" });
  });
  it("keeps closing punctuation with the character before it and opening punctuation with the one after", () => {
    // 计费工资基数（无封顶）: two characters besides punctuation from the end are 封顶 → 封顶）.
    expect(keepTogether("计费工资基数（无封顶）")).toEqual({ head: "计费工资基数（无", tail: "封顶）" });
    // 应补（退）: 退 and 补 are the two characters; （ between them stays inside → 补（退）.
    expect(keepTogether("应补（退）")).toEqual({ head: "应", tail: "补（退）" });
    // 差额（人）: 人 is one, （ opens before it, 额 is the second → 额（人）.
    expect(keepTogether("差额（人）")).toEqual({ head: "差", tail: "额（人）" });
  });
  it("keeps the last two words of English together, and a short label whole", () => {
    expect(keepTogether("Payable (refund if negative)")).toEqual({ head: "Payable (refund ", tail: "if negative)" });
    expect(keepTogether("Gross levy")).toEqual({ head: "", tail: "Gross levy" });
    expect(keepTogether("Reduction")).toEqual({ head: "", tail: "Reduction" });
  });
});
