/**
 * Identifiers (rules file §5): 公民身份号码 (GB 11643 checksum, real birth date), duplicates that would count a
 * person twice, and the employer's 统一社会信用代码 (GB 32100; the inner GB 11714 check is only a warning because some
 * legitimately issued codes fail it).
 */
import { checkUscc } from "../../core/identifiers";
import { rule } from "../context";
import type { RuleModule } from "../context";
import { counted, makeFinding } from "../finding";
import type { Finding, RuleInfo } from "../types";

export const ID_RULES: Record<string, RuleInfo> = {
  ID_INVALID: rule(
    "ID_INVALID",
    "warning",
    { zh: "身份证号无效", en: "Invalid ID number" },
    {
      zh: "身份证号长度、字符、出生日期或校验码不对（GB 11643），或被存成了数字而失去位数。该行仍计入人数，但残联认定和年龄检查依赖正确的身份证号。警告。",
      en: "The ID number has the wrong length, characters, birth date or check character (GB 11643), or was stored as a number and lost digits. The row still counts, but certification and the age check rely on it. Warning.",
    },
    "GB 11643-1999《公民身份号码》",
  ),
  ID_DUPLICATE: rule(
    "ID_DUPLICATE",
    "error",
    { zh: "同一人重复出现", en: "The same person listed twice" },
    {
      zh: "同一身份证号（或工号、残疾人证号）在在职期间重叠的两行出现，会被重复计算：只计第一行，后一行被拒绝。错误。",
      en: "The same ID number (or employee ID, or certificate) appears on two rows with overlapping employment and would be counted twice: the first row counts, the later one is rejected. Error.",
    },
    "财税〔2015〕72号 第八条（在职职工人数）、第七条（残疾人就业人数）",
  ),
  USCC_INVALID: rule(
    "USCC_INVALID",
    "error",
    { zh: "统一社会信用代码无效", en: "Invalid unified social credit code" },
    {
      zh: "统一社会信用代码须为18位并通过 GB 32100 校验；申报表上的代码错误会导致申报被退回。错误；仅内嵌组织机构代码校验不过时为警告。",
      en: "The unified social credit code must have 18 characters and pass the GB 32100 check; a wrong code on the return gets it rejected. Error; a warning when only the embedded GB 11714 organisation-code check fails.",
    },
    "GB 32100-2015《法人和其他组织统一社会信用代码编码规则》",
  ),
};

export const identifierRules: RuleModule = {
  rules: Object.values(ID_RULES),
  check(ctx) {
    const out: Finding[] = [];
    for (const i of ctx.model.issues.byCode("ID_INVALID")) {
      out.push(
        makeFinding(ID_RULES.ID_INVALID, {
          rows: i.rows,
          cells: i.cells,
          message: {
            zh: `“${i.sheet}”表“${i.header}”列有 ${i.rows} 个无效的身份证号（如 ${i.samples.join("、")}）：${i.detail?.zh ?? ""}`,
            en: `Sheet "${i.sheet}", column "${i.header}": ${counted(i.rows, "invalid ID number", "invalid ID numbers")} (e.g. ${i.samples.join(", ")}): ${i.detail?.en ?? ""}`,
          },
          suggestion: { zh: "把单元格设为文本后重新输入18位身份证号。", en: "Format the cells as text and re-enter the 18-character ID numbers." },
        }),
      );
    }
    for (const i of ctx.model.issues.byCode("ID_DUPLICATE")) {
      out.push(
        makeFinding(ID_RULES.ID_DUPLICATE, {
          rows: i.rows,
          cells: i.cells,
          message: {
            zh: `“${i.sheet}”表有 ${i.rows} 行与前面的行是同一人（如 ${i.samples.join("、")}），只计一次。`,
            en: `Sheet "${i.sheet}": ${counted(i.rows, "row repeats", "rows repeat")} an earlier person (e.g. ${i.samples.join(", ")}); each is counted once.`,
          },
          suggestion: { zh: "删除重复行；再次入职请确保前后两段在职期间不重叠。", en: "Delete the duplicates; for a rehire make sure the two periods do not overlap." },
        }),
      );
    }
    const uscc = ctx.model.parameters?.uscc;
    if (uscc) {
      const check = checkUscc(uscc.value);
      if (!check.ok || check.warnings.length) {
        const problems = check.ok ? check.warnings : check.errors;
        out.push(
          makeFinding(ID_RULES.USCC_INVALID, {
            severity: check.ok ? "warning" : "error",
            cells: [uscc.cell],
            message: {
              zh: `统一社会信用代码“${String(uscc.value)}”${check.ok ? "内嵌组织机构代码校验不通过" : "无效"}：${problems.map((p) => p.message.zh).join("；")}`,
              en: `Unified social credit code "${String(uscc.value)}" ${check.ok ? "fails the embedded organisation-code check" : "is invalid"}: ${problems.map((p) => p.message.en).join("; ")}`,
            },
            suggestion: { zh: "按营业执照核对代码。", en: "Copy the code from the business licence." },
          }),
        );
      }
    }
    return out;
  },
};
