/**
 * Reconciliation sources, recognised by their headers like every other table: the general ledger (科目余额表 or
 * 明细账), the CIT annual return's A105050 (职工薪酬支出及纳税调整明细表), the IIT withholding monthly summaries
 * (个税扣缴汇总), the social-insurance monthly lists (参保人数 / 缴费基数) and the 残联 certification result list
 * (联网认证 / 年审结果). Each is optional. None of them feeds the levy's own figures (except the certification list,
 * which overrides the register's 残联认定 — see src/reconciliation/certification.ts); they feed the bridges.
 *
 * A source table has its own header dictionary (科目编码, 本期贷方, 账载金额, 参保人数 … mean nothing to the levy
 * tables) and its own scores, on the same scale as recognise.ts: roughly one point per column that speaks for the
 * role, two or three for a decisive one, two for a value signal (a 2211 account code, 工资薪金 in 所得项目, 通过 in
 * the result column, a title that names the form). detect.ts takes a sheet as a source only when its best source
 * score reaches SOURCE_MIN_SCORE and beats the score of the levy role the sheet would otherwise get, so a workbook
 * without such sheets is recognised exactly as before.
 */
import type { Bilingual } from "../core/rules/types";
import { cellAddress, columnLetters, originOf } from "./address";
import type { CellPosition } from "./address";
import { cellText } from "./text";
import type { CellValue, SheetData } from "./types";

export type SourceKind = "ledger" | "citA105050" | "iitSummary" | "socialInsurance" | "certificationList";

export const SOURCE_KINDS: readonly SourceKind[] = ["ledger", "citA105050", "iitSummary", "socialInsurance", "certificationList"];

export const SOURCE_LABELS: Record<SourceKind, Bilingual> = {
  ledger: { zh: "总账/科目余额表/明细账", en: "general ledger / trial balance" },
  citA105050: { zh: "企业所得税年报A105050", en: "CIT annual return A105050" },
  iitSummary: { zh: "个税扣缴月度汇总", en: "IIT withholding monthly summary" },
  socialInsurance: { zh: "社保月度参保清单", en: "social-insurance monthly list" },
  certificationList: { zh: "残联认证结果清单", en: "DPF certification result list" },
};

export type SourceField =
  // ledger
  | "accountCode"
  | "accountName"
  | "opening"
  | "openingDebit"
  | "openingCredit"
  | "debit"
  | "credit"
  | "ytdDebit"
  | "ytdCredit"
  | "closing"
  | "closingDebit"
  | "closingCredit"
  | "date"
  | "ledgerMonth"
  | "ledgerDay"
  | "voucher"
  | "summary"
  | "balance"
  /** 币别 (金蝶: a row per currency and account, 综合本位币 the base-currency total). */
  | "currency"
  // A105050
  | "lineNo"
  | "item"
  | "bookAmount"
  | "actualAmount"
  | "deductRate"
  | "carriedIn"
  | "taxAmount"
  | "adjustment"
  | "carriedOut"
  // IIT and social insurance
  | "month"
  /** The end of the period (税款所属期止) when the export gives 起 / 止 columns; 起 is "month". */
  | "monthEnd"
  | "incomeItem"
  | "people"
  | "income"
  | "tax"
  | "insuranceType"
  | "insured"
  | "base"
  | "employerPart"
  | "employeePart"
  // certification list
  | "name"
  | "idNumber"
  | "certificateNo"
  | "result"
  | "resultDate";

export interface SourceColumn {
  index: number;
  letter: string;
  header: string;
  field: SourceField;
}

export interface SourceRecognition {
  kind: SourceKind;
  /** "balance" (科目余额表) or "journal" (明细账) for the ledger; "wide" (one row per month) otherwise. */
  layout: string;
  score: number;
  scores: Partial<Record<SourceKind, number>>;
  /** The best other role (a source kind, or the levy role detect.ts would give the sheet). */
  runnerUp: { kind: string; score: number } | null;
  reasons: Bilingual[];
}

export interface SourceTable {
  id: number;
  sheet: SheetData;
  sheetName: string;
  kind: SourceKind;
  origin: CellPosition;
  headerRowIndex: number;
  dataStart: number;
  columns: SourceColumn[];
  field: Map<SourceField, number>;
  /** Title rows above the header and the sheet name, for signals such as "科目：2211 应付职工薪酬". */
  title: string;
  /** Columns whose header is a month (layout "perPersonWide": one row per person, a column per month). */
  monthColumns?: Array<{ index: number; letter: string; header: string; year: number; month: number }>;
  recognition: SourceRecognition;
}

/** Below this a sheet is never taken as a source. */
export const SOURCE_MIN_SCORE = 6;
const SCAN_ROWS = 30;
const SCAN_COLUMNS = 120;
const SAMPLE_ROWS = 400;

function norm(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s*:：]/g, "")
    .replace(/[（(][^)）]*(元|%|万元|人|率|yuan)[^)）]*[)）]/g, "")
    .replace(/^\d+[.、]/, "");
}

/** One header cell (with the group label above it, for two-level headers) → a source field, or null. */
export function sourceFieldOf(label: string, group: string): SourceField | null {
  const t = norm(label);
  const g = norm(group);
  if (t === "") return null;
  const side = (debitOrCredit: "debit" | "credit"): SourceField => {
    if (/期初|年初|上期/.test(g)) return debitOrCredit === "debit" ? "openingDebit" : "openingCredit";
    if (/期末|年末/.test(g)) return debitOrCredit === "debit" ? "closingDebit" : "closingCredit";
    if (/本年累计|累计发生/.test(g)) return debitOrCredit === "debit" ? "ytdDebit" : "ytdCredit";
    return debitOrCredit;
  };
  if (/^(科目编码|科目代码|科目编号|科目号|会计科目编码|科目代码号)$/.test(t)) return "accountCode";
  if (/^(科目名称|会计科目|科目|科目全称|会计科目名称)$/.test(t)) return "accountName";
  if (/^(期初余额|期初|年初余额|期初数|期初金额|期初贷方余额)$/.test(t)) return "opening";
  if (/^(期末余额|期末|期末数|期末金额|期末贷方余额)$/.test(t)) return "closing";
  if (/^(期初借方|期初余额借方|年初借方)$/.test(t)) return "openingDebit";
  if (/^(期初贷方|期初余额贷方|年初贷方)$/.test(t)) return "openingCredit";
  if (/^(期末借方|期末余额借方)$/.test(t)) return "closingDebit";
  if (/^(期末贷方|期末余额贷方)$/.test(t)) return "closingCredit";
  if (/^(本年累计借方|累计借方|本年借方累计)$/.test(t)) return "ytdDebit";
  if (/^(本年累计贷方|累计贷方|本年贷方累计)$/.test(t)) return "ytdCredit";
  if (/^(本期借方|借方发生额|本期借方发生额|借方金额|借方|借|本期发生借方|本期发生额借方)$/.test(t)) return side("debit");
  if (/^(本期贷方|贷方发生额|本期贷方发生额|贷方金额|贷方|贷|本期发生贷方|本期发生额贷方)$/.test(t)) return side("credit");
  if (/^(日期|凭证日期|记账日期|制单日期|业务日期)$/.test(t)) return "date";
  if (/^月$/.test(t)) return "ledgerMonth";
  if (/^日$/.test(t)) return "ledgerDay";
  if (/^(凭证号|凭证字号|凭证号数|凭证编号|凭证字|凭证)$/.test(t)) return "voucher";
  if (/^(摘要|业务摘要|凭证摘要)$/.test(t)) return "summary";
  if (/^(余额|余额金额)$/.test(t)) return "balance";
  if (/^(币别|币种|币别名称|币种名称)$/.test(t)) return "currency";
  if (/^(行次|行号)$/.test(t)) return "lineNo";
  if (/^(项目|项目名称|项目内容)$/.test(t)) return "item";
  if (/^账载金额/.test(t)) return "bookAmount";
  if (/^实际发生额/.test(t)) return "actualAmount";
  if (/^税收规定扣除率/.test(t)) return "deductRate";
  if (/^以前年度累计结转扣除额/.test(t)) return "carriedIn";
  if (/^税收金额/.test(t)) return "taxAmount";
  if (/^纳税调整金额/.test(t)) return "adjustment";
  if (/^累计结转以后年度扣除额/.test(t)) return "carriedOut";
  // 电子税务局 exports: 税款所属期起 / 税款所属期止 (a date each); the month is that of 起, 止 is checked against it.
  if (/^(税款所属期|所属期|所属期间|费款所属期|所得期间)(起|自|开始|起始|开始日期|起始日期)$/.test(t)) return "month";
  if (/^(税款所属期|所属期|所属期间|费款所属期|所得期间)(止|至|结束|终止|结束日期|终止日期)$/.test(t)) return "monthEnd";
  if (/^(所属月份|税款所属期|税款所属月份|所属期|月份|申报月份|所得期间|费款所属期|缴费月份|缴费年月|结算期|所属年月|年月|申报所属期)$/.test(t)) return "month";
  if (/^(所得项目|所得项目名称|所得类型)$/.test(t)) return "incomeItem";
  if (/^(险种|险种类型|险种名称|征收项目|征收品目)$/.test(t)) return "insuranceType";
  if (/^(参保人数|缴费人数|在职参保人数|参保职工人数|缴费职工人数|应缴人数)$/.test(t)) return "insured";
  if (/^(缴费基数|缴费工资|缴费基数合计|单位缴费基数|缴费工资总额|缴费基数总额)$/.test(t)) return "base";
  if (/^(单位缴费|单位缴纳|单位缴费金额|单位部分|单位应缴|单位缴费额)$/.test(t)) return "employerPart";
  if (/^(个人缴费|个人缴纳|个人缴费金额|个人部分|个人应缴|个人缴费额)$/.test(t)) return "employeePart";
  if (/人数/.test(t) && !/月初|月末|期初|期末|残疾/.test(t)) return "people";
  if (/^(收入额|收入|本期收入|收入合计|本月收入|收入额合计|本期收入额)$/.test(t) || /工资薪金.*收入|收入.*工资薪金/.test(t)) return "income";
  if (/^(应纳税额|已扣缴税额|应扣缴税额|本期应扣缴税额|扣缴税额|税额)$/.test(t)) return "tax";
  if (/^(姓名|名字|人员姓名)$/.test(t)) return "name";
  if (/^(身份证号|身份证号码|证件号码|公民身份号码|身份证件号码)$/.test(t)) return "idNumber";
  if (/^(残疾人证号|残疾证号|残疾人证号码|残疾证号码|残疾人证编号|残疾证编号|证号)$/.test(t)) return "certificateNo";
  if (/^(认证结果|审核结果|年审结果|认定结果|审核状态|认证状态|审批结果|核验结果|结果)$/.test(t)) return "result";
  if (/^(认证日期|审核日期|年审日期|认定日期|审核时间|认证时间|办理日期|审批日期|核验日期)$/.test(t)) return "resultDate";
  return null;
}

interface Scan {
  index: number;
  cells: Map<number, { text: string; field: SourceField | null }>;
  fields: Set<SourceField>;
  recognised: number;
  /** Headers that are months (1月, 2024年1月, 2024-01, 202401): column → year (0 when not said) and month. */
  months: Map<number, { year: number; month: number }>;
}

/** A header naming one month: 1月, 2024年1月, 2024-01, 2024.01, 202401. */
function monthHeader(text: string): { year: number; month: number } | null {
  const t = text.normalize("NFKC").replace(/\s/g, "");
  const m = /^(?:(\d{4})年)?(\d{1,2})月(?:份)?$/.exec(t) ?? /^(\d{4})[-./](\d{1,2})$/.exec(t) ?? /^(\d{4})(\d{2})$/.exec(t);
  if (!m) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year: m[1] ? Number(m[1]) : 0, month } : null;
}

function scanHeader(values: readonly (readonly CellValue[])[], r: number): Scan {
  const scan: Scan = { index: r, cells: new Map(), fields: new Set(), recognised: 0, months: new Map() };
  const row = values[r];
  if (!Array.isArray(row)) return scan;
  const above = r > 0 && Array.isArray(values[r - 1]) ? values[r - 1] : [];
  let group = "";
  const width = Math.min(Math.max(row.length, above.length), SCAN_COLUMNS);
  for (let c = 0; c < width; c++) {
    const a = typeof above[c] === "string" ? cellText(above[c]) : null;
    const own = typeof row[c] === "string" ? cellText(row[c]) : null;
    if (a !== null) group = a;
    // A label merged over two rows sits in the upper row only; a group label (期初余额 over 借方 | 贷方) carries right.
    const label = own ?? a;
    if (label === null) continue;
    const field = sourceFieldOf(label, own !== null ? group : "");
    const month = field === null && own !== null ? monthHeader(own) : null;
    if (month) scan.months.set(c, month);
    else if (field === null && own === null && typeof row[c] === "number") {
      // 202401 typed as a number.
      const n = monthHeader(String(row[c]));
      if (n && n.year > 0) scan.months.set(c, n);
    }
    scan.cells.set(c, { text: own !== null && group !== "" && group !== own && field !== sourceFieldOf(own, "") ? `${group}/${own}` : label, field });
    if (field && !scan.fields.has(field)) {
      scan.fields.add(field);
      scan.recognised++;
    }
  }
  return scan;
}

function has(fields: ReadonlySet<SourceField>, ...list: SourceField[]): boolean {
  return list.some((f) => fields.has(f));
}

/** Text of the rows above the header and the sheet name (titles name the form, the account, the period). */
function titleOf(sheet: SheetData, headerRow: number): string {
  const parts = [String(sheet.name ?? "")];
  for (let r = 0; r < headerRow && r < 10; r++) {
    const row = sheet.values[r];
    if (!Array.isArray(row)) continue;
    for (const v of row.slice(0, 12)) {
      const t = cellText(v);
      if (t) parts.push(t);
    }
  }
  return parts.join(" ");
}

function columnValues(values: readonly (readonly CellValue[])[], start: number, col: number | undefined): string[] {
  if (col === undefined) return [];
  const out: string[] = [];
  for (let r = start; r < Math.min(values.length, start + SAMPLE_ROWS); r++) {
    const t = cellText(values[r]?.[col]);
    if (t) out.push(t);
  }
  return out;
}

function scoreKinds(fields: ReadonlySet<SourceField>, firstCol: Map<SourceField, number>, values: readonly (readonly CellValue[])[], dataStart: number, title: string, monthColumns = 0): { scores: Partial<Record<SourceKind, number>>; reasons: Partial<Record<SourceKind, Bilingual[]>>; journal: boolean } {
  const scores: Partial<Record<SourceKind, number>> = {};
  const reasons: Partial<Record<SourceKind, Bilingual[]>> = {};
  const why = (k: SourceKind, zh: string, en: string) => (reasons[k] ??= []).push({ zh, en });
  const f = (x: SourceField) => fields.has(x);

  // Ledger: a credit column and an account column (科目余额表), or voucher/摘要 with debit and credit (明细账).
  const journal = has(fields, "voucher", "summary") && has(fields, "debit") && has(fields, "credit");
  const anyCredit = has(fields, "credit", "ytdCredit");
  if (anyCredit && (has(fields, "accountCode", "accountName") || journal)) {
    let s = (f("accountCode") ? 3 : 0) + (f("accountName") ? 2 : 0) + 2 + (has(fields, "debit", "ytdDebit") ? 1 : 0) + (has(fields, "opening", "openingCredit", "openingDebit") ? 1 : 0) + (has(fields, "closing", "closingCredit", "closingDebit") ? 1 : 0);
    if (journal) s += (f("voucher") ? 2 : 0) + (f("summary") ? 1 : 0) + (has(fields, "date", "ledgerMonth") ? 1 : 0);
    const accounts = [...columnValues(values, dataStart, firstCol.get("accountCode")), ...columnValues(values, dataStart, firstCol.get("accountName"))];
    if (accounts.some((a) => /^2211/.test(a) || /应付职工薪酬/.test(a)) || /应付职工薪酬|2211/.test(title)) {
      s += 2;
      why("ledger", "含应付职工薪酬（2211）科目。", "Holds the account 应付职工薪酬 (2211, employee pay payable).");
    }
    scores.ledger = s;
  }
  // A105050: book / actual / tax amounts by item, or the form's title.
  if (has(fields, "bookAmount", "actualAmount", "taxAmount") && has(fields, "item", "lineNo")) {
    let s = (f("bookAmount") ? 3 : 0) + (f("actualAmount") ? 2 : 0) + (f("taxAmount") ? 3 : 0) + (f("adjustment") ? 1 : 0) + (f("item") ? 1 : 0);
    const items = columnValues(values, dataStart, firstCol.get("item"));
    if (items.some((t) => /工资薪金支出/.test(t)) || /A105050|职工薪酬支出及纳税调整/i.test(title)) {
      s += 2;
      why("citA105050", "有“工资薪金支出”行或标题为 A105050 职工薪酬支出及纳税调整明细表。", "Has the line 工资薪金支出 or the title A105050 (employee pay and tax adjustment schedule).");
    }
    scores.citA105050 = s;
  }
  // IIT: month, people and income, and something that says income tax (所得项目, 工资薪金, 扣缴 / 个税 in the title).
  if (f("month") && has(fields, "people", "income")) {
    const items = columnValues(values, dataStart, firstCol.get("incomeItem"));
    const itemSignal = items.some((t) => /工资、?薪金|全年一次性奖金/.test(t));
    const titleSignal = /个税|个人所得税|扣缴|工资薪金/.test(title);
    if (f("incomeItem") || itemSignal || titleSignal) {
      let s = 1 + (f("people") ? 2 : 0) + (f("income") ? 2 : 0) + (f("incomeItem") ? 2 : 0) + (f("tax") ? 1 : 0) + (itemSignal ? 2 : 0) + (titleSignal ? 2 : 0);
      if (f("insured") || f("base")) s -= 3;
      why("iitSummary", "有所属月份、人数、收入额，且所得项目/标题指向个人所得税扣缴。", "Month, people and income, with the income item or the title naming IIT withholding.");
      scores.iitSummary = s;
    }
  }
  // Social insurance: month with 参保人数 or 缴费基数.
  if (f("month") && has(fields, "insured", "base")) {
    let s = 1 + (f("insured") ? 3 : 0) + (f("base") ? 2 : 0) + (has(fields, "employerPart", "employeePart") ? 1 : 0) + (f("insuranceType") ? 1 : 0);
    if (/社保|社会保险|参保|养老/.test(title)) {
      s += 2;
      why("socialInsurance", "标题指向社会保险。", "The title names social insurance.");
    }
    scores.socialInsurance = s;
  }
  // Social insurance, one row per person with a column per month: only when the title says so (a payroll has the same
  // shape — 姓名 | 1月 … 12月 — and keeps it otherwise).
  if (!f("month") && monthColumns >= 6 && has(fields, "name", "idNumber") && /社保|社会保险|参保|养老保险|缴费基数|缴费工资/.test(title)) {
    const s = 1 + 2 + 3 + 2;
    if (s > (scores.socialInsurance ?? 0)) {
      scores.socialInsurance = s;
      why("socialInsurance", "每人一行、每月一列，标题指向社会保险。", "One row per person and a column per month, with a title naming social insurance.");
    }
  }
  // Certification list: a person, a result and its date (or the certificate); results read 通过 / 不通过.
  if (has(fields, "name", "idNumber") && f("result") && has(fields, "resultDate", "certificateNo")) {
    let s = 1 + 2 + (f("resultDate") ? 2 : 0) + (f("certificateNo") ? 2 : 0);
    const results = columnValues(values, dataStart, firstCol.get("result"));
    if (results.length > 0 && results.filter((t) => /^(通过|不通过|未通过|审核通过|审核不通过|认证通过|认证不通过|合格|不合格)$/.test(t)).length / results.length >= 0.8) {
      s += 2;
      why("certificationList", "结果列为“通过/不通过”。", "The result column reads 通过 / 不通过 (passed / not passed).");
    }
    if (/联网认证|年审|认证结果|审核结果|残联/.test(title)) {
      s += 2;
      why("certificationList", "标题指向残联联网认证/年审结果。", "The title names the DPF certification or annual review.");
    }
    scores.certificationList = s;
  }
  return { scores, reasons, journal };
}

/**
 * The best source reading of a sheet, or null. `levyRole` is what detect.ts would make of the sheet otherwise (its
 * kind and score); the source wins only when it scores higher, and reaches SOURCE_MIN_SCORE.
 */
export function recogniseSourceSheet(sheet: SheetData, levyRole: { kind: string; score: number } | null): Omit<SourceTable, "id"> | null {
  const values = Array.isArray(sheet?.values) ? sheet.values : [];
  if (values.length === 0) return null;
  let best: { scan: Scan; kind: SourceKind; score: number; scores: Partial<Record<SourceKind, number>>; reasons: Bilingual[]; journal: boolean } | null = null;
  for (let r = 0; r < Math.min(values.length, SCAN_ROWS); r++) {
    const scan = scanHeader(values, r);
    // One row per person with a column per month (姓名 | 身份证号 | 1月 … 12月): the months count as one recognised field.
    if (scan.recognised + (scan.months.size >= 6 ? 1 : 0) < 3) continue;
    const firstCol = new Map<SourceField, number>();
    for (const [c, cell] of [...scan.cells].sort((a, b) => a[0] - b[0])) if (cell.field && !firstCol.has(cell.field)) firstCol.set(cell.field, c);
    const title = titleOf(sheet, r);
    const { scores, reasons, journal } = scoreKinds(scan.fields, firstCol, values, r + 1, title, scan.months.size);
    for (const [k, s] of Object.entries(scores) as Array<[SourceKind, number]>) {
      if (!best || s > best.score) best = { scan, kind: k, score: s, scores, reasons: reasons[k] ?? [], journal };
    }
  }
  if (!best || best.score < SOURCE_MIN_SCORE) return null;
  if (levyRole && levyRole.score >= best.score) return null;
  const origin = originOf(sheet);
  const columns: SourceColumn[] = [];
  const field = new Map<SourceField, number>();
  for (const [c, cell] of [...best.scan.cells].sort((a, b) => a[0] - b[0])) {
    if (!cell.field) continue;
    columns.push({ index: c, letter: columnLetters(origin.col + c), header: cell.text, field: cell.field });
    if (!field.has(cell.field)) field.set(cell.field, c);
  }
  let runnerUp: SourceRecognition["runnerUp"] = levyRole && levyRole.score > 0 ? { ...levyRole } : null;
  for (const [k, s] of Object.entries(best.scores) as Array<[SourceKind, number]>) if (k !== best.kind && (!runnerUp || s > runnerUp.score)) runnerUp = { kind: k, score: s };
  const shown = columns.map((c) => c.header).join("、");
  const reasons: Bilingual[] = [
    { zh: `识别出的表头：${shown}。`, en: `Recognised headers: ${columns.map((c) => c.header).join(", ")}.` },
    ...best.reasons,
    { zh: `作为对账来源：${SOURCE_LABELS[best.kind].zh}（得分 ${best.score}）。`, en: `Used as a reconciliation source: ${SOURCE_LABELS[best.kind].en} (score ${best.score}).` },
  ];
  const dataStart = best.scan.index + 1;
  const wide = best.kind === "socialInsurance" && !field.has("month") && best.scan.months.size >= 6;
  const monthColumns = wide ? [...best.scan.months].sort((a, b) => a[0] - b[0]).map(([c, m]) => ({ index: c, letter: columnLetters(origin.col + c), header: best!.scan.cells.get(c)?.text ?? "", ...m })) : undefined;
  return {
    sheet,
    sheetName: String(sheet.name ?? ""),
    kind: best.kind,
    origin,
    headerRowIndex: best.scan.index,
    dataStart,
    columns,
    field,
    title: titleOf(sheet, best.scan.index),
    ...(monthColumns ? { monthColumns } : {}),
    recognition: { kind: best.kind, layout: best.kind === "ledger" ? (best.journal ? "journal" : "balance") : monthlyLayout(best.kind, field, wide), score: best.score, scores: best.scores, runnerUp, reasons },
  };
}

/**
 * An IIT or social-insurance table: "rows" (one row per month, with a count of people), "perPerson" (one row per
 * person per month: a name or ID column and no count — the months' counts are the people listed), or "ambiguous"
 * (both a person column and a count column: per-person rows or monthly rows by person? Not guessed).
 */
function monthlyLayout(kind: SourceKind, field: ReadonlyMap<SourceField, number>, wide = false): string {
  if (kind !== "iitSummary" && kind !== "socialInsurance") return "rows";
  if (!field.has("name") && !field.has("idNumber")) return "rows";
  if (field.has(kind === "iitSummary" ? "people" : "insured")) return "ambiguous";
  return wide ? "perPersonWide" : "perPerson";
}

/** The years a title names as the period of a table, with the first cell (row, column of sheet.values) naming one. */
export interface TitlePeriod {
  years: number[];
  text: string;
  /** -1 when the year is in the sheet name only. */
  row: number;
  col: number;
}

/** Dates that are not the period: when the report was printed, prepared or filed. */
const NOT_PERIOD = /(编制|打印|制表|制单|报送|申报|填报|导出|查询|生成|报表)(日期|时间)[:：]?\s*[\d年月日号./\-\s:：]*/g;
const PERIOD_YEAR = /(?<![\dA-Za-z])((?:19|20)\d{2})(?=\s*(?:年|[-./]\s*\d{1,2}(?!\d{2})|期|$|\s))/g;

/**
 * The period years in the title rows above a header (期间：2023年01期-2023年12期, 会计期间, 税款所属期间：2023年01月01日
 * 至2023年12月31日, 所属年度 2024, 2024年度) and in the sheet name; print and filing dates (打印日期 …) are not periods.
 * Null when no year is named.
 */
export function titlePeriod(sheet: SheetData, headerRow: number): TitlePeriod | null {
  const years: number[] = [];
  let first: { text: string; row: number; col: number } | null = null;
  const look = (raw: string, row: number, col: number) => {
    const text = raw.normalize("NFKC").replace(NOT_PERIOD, " ");
    for (const m of text.matchAll(PERIOD_YEAR)) {
      const y = Number(m[1]);
      if (!years.includes(y)) years.push(y);
      if (!first || (first.row < 0 && row >= 0)) first = { text: raw, row, col };
    }
  };
  for (let r = 0; r < headerRow && r < 10; r++) {
    const row = sheet.values[r];
    if (!Array.isArray(row)) continue;
    row.slice(0, 12).forEach((v, c) => {
      const t = typeof v === "string" ? cellText(v) : null;
      if (t) look(t, r, c);
    });
  }
  look(String(sheet.name ?? ""), -1, -1);
  if (!first || years.length === 0) return null;
  const f = first as { text: string; row: number; col: number };
  return { years: years.sort((a, b) => a - b), text: f.text, row: f.row, col: f.col };
}

/** "科目余额表!F12" style address of a cell of a source table. */
export function sourceCell(t: Pick<SourceTable, "origin">, r: number, c: number): string {
  return cellAddress(t.origin, r, c);
}
