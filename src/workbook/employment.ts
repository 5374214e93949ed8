/**
 * Employment types → whether the person belongs in 上年在职职工人数 (rules file §2.1).
 *
 * Counted: 在编 staff, and people with a labour contract of at least one year (全日制/正式/合同制…); seasonal staff
 * count in the months they are employed (72号 第八条 converts them to an annual average, so their short contract
 * does not exclude them). Excluded, each with its finding code: interns (no labour relationship), 非全日制 part-time
 * (oral, terminable contracts), re-hired retirees (a 劳务 relationship once pension starts), dispatched workers
 * received from an agency (counted at the dispatcher, 72号 第八条, unless the row says the dispatch agreement assigns
 * them here, 98号 二), and 劳务 service agreements. 临时工 and 试用 are treated as ordinary contracts: the contract
 * term decides (72号 第八条: 在职职工 = 在编 or a labour contract of at least one year; a 临时工 with a contract of a
 * year or more is 在职职工, one with a shorter contract is excluded by the contract test), and 季节工 count in the
 * months they are employed. 见习 (graduate traineeship, a 见习协议 rather than a labour contract) is excluded like an
 * internship. A blank type is an ordinary employee; an unrecognised one (外派, 借调, 挂职 …) is counted, and the
 * roster reports it as an error (HC_TYPE_UNKNOWN) with the money that depends on it.
 */
import { nfkc } from "./text";

export type EmploymentClass =
  | "regular"
  | "established"
  | "seasonal"
  | "intern"
  | "partTime"
  | "retiree"
  | "dispatchIn"
  | "dispatchAssigned"
  | "labourService"
  | "unknown";

/** Classes excluded from the headcount, with the finding code that reports them. */
export const EXCLUSION_CODE: Partial<Record<EmploymentClass, string>> = {
  intern: "HC_INTERN",
  partTime: "HC_PART_TIME",
  retiree: "HC_RETIREE",
  dispatchIn: "HC_DISPATCH_IN",
  labourService: "HC_LABOUR_SERVICE",
};

/** Classes whose contract term is checked (≥ 1 year). 在编 and seasonal staff are exempt from the test. */
export function contractChecked(c: EmploymentClass): boolean {
  return c === "regular" || c === "unknown" || c === "dispatchAssigned";
}

const RULES: ReadonlyArray<[RegExp, EmploymentClass]> = [
  [/派遣|dispatch|agency/, "dispatchIn"],
  [/非全日制|兼职|小时工|钟点工|part-?time|hourly/, "partTime"],
  // 见习 (就业见习, graduate traineeships) runs on a 见习协议, not a labour contract: excluded like an internship.
  [/实习|见习|在校|学生|intern|trainee|student/, "intern"],
  [/退休|返聘|retire/, "retiree"],
  [/编外/, "regular"],
  [/在编|编制|事业编|行政编|公务员|参公|established|civilservant/, "established"],
  [/季节|seasonal/, "seasonal"],
  [/劳务|外包|service|contractor|freelanc/, "labourService"],
  [/全日制|正式|合同制|劳动合同|全职|固定期限|长期|合同工|在职|试用|临时|full-?time|regular|permanent|employee|staff|probation|temporary|temp|contract/, "regular"],
];

/** Markers that a dispatched worker is assigned to this employer by the dispatch agreement. */
const ASSIGNED = /约定|协议计入|计入本单位|计入我单位|assigned|agreement/;

const cache = new Map<string, EmploymentClass>();

export function classifyEmployment(text: string | null): EmploymentClass {
  if (text === null) return "regular";
  let hit = cache.get(text);
  if (hit !== undefined) return hit;
  const t = nfkc(text).trim().toLowerCase().replace(/\s+/g, "");
  hit = "unknown";
  if (t === "") hit = "regular";
  else {
    for (const [re, c] of RULES) {
      if (re.test(t)) {
        hit = c;
        break;
      }
    }
    if (hit === "dispatchIn" && ASSIGNED.test(t)) hit = "dispatchAssigned";
  }
  if (cache.size < 10_000) cache.set(text, hit);
  return hit;
}
