/**
 * Disabled register → 上年实际安排残疾人就业人数 (rules file §2.2).
 *
 * A person counts only if all hold: certified by the 残联 (required; blank = not certified); a valid certificate
 * (a 20-character 第二代残疾人证 number that passes its checks and has not expired before the data year, or a
 * 残疾军人证 with grade 1–8); 在编 or a contract of at least one year; of working age during the data year; paid at
 * least the local minimum wage (when the parameter is given); social insurance paid; and in the headcount (a
 * dispatched worker counts here only when the dispatch agreement says so, 98号 二).
 *
 * Weight: grade 1–2 (veterans 1–3) count 2 (72号 第七条). Part-year employment is pro-rated by the same monthly
 * method as the headcount (a disabled employee from July adds 0.5 × weight), consistent with hiresNeeded in the core
 * and with the annual-average headcount; the rules file marks part-year treatment as open (§2.2), see the report.
 *
 * Register rows are read before the payroll (so pay can be attributed to people who are only in the register) and
 * evaluated after it.
 */
import { Decimal, ZERO, dec } from "../core/decimal";
import { checkDisabilityCertificate, checkResidentId, disabledWeight } from "../core/identifiers";
import { isWorkingAgeDuring } from "../core/people/working-age";
import type { Bilingual } from "../core/rules/types";
import type { RowAccounting } from "./accounting";
import { shortByDates, termMonths } from "./contract";
import type { DetectedTable } from "./detect";
import { classifyEmployment } from "./employment";
import type { FieldId } from "./fields";
import type { IssueLog } from "./issues";
import { BAD, BLANK, DateReader, TEXT, isoOfDay, personKey, readQuantity, readYesNo } from "./parse";
import { displayOf } from "./person";
import type { Person, PersonIndex } from "./person";
import { clipToYear, personYearFraction } from "./presence";
import type { HeadcountMethod, YearFrame } from "./presence";
import { birthAndSex, idText } from "./roster";
import { addressOf, headerOf, isBlankRow, isRepeatedHeader, sheetRow, summaryText, usedColumns } from "./rows";
import { cellText, nfkc, showValue } from "./text";
import type { CellValue } from "./types";

export interface DisabledFailure {
  code: string;
  detail: Bilingual;
  /** Column index on the entry's row, or -1. */
  column: number;
}

export interface DisabledEntry {
  table: number;
  row: number;
  sheet: string;
  sheetRow: number;
  /** A roster row carrying a certificate column, rather than a separate register. */
  embedded: boolean;
  display: string;
  person: Person | null;
  certificateNo: CellValue;
  veteran: boolean;
  grade: CellValue;
  category: CellValue;
  certified: boolean | null | undefined;
  validUntil: number;
  contractShort: boolean | null;
  established: boolean;
  socialInsurance: boolean | null | undefined;
  monthlyWage: Decimal | null;
  /** The weight the workbook itself counts this person as (按几人计算), when it says. */
  claimed: Decimal | null;
  hire: number;
  leave: number;
  columns: Partial<Record<FieldId, number>>;
  status: "pending" | "counted" | "excluded" | "rejected";
  weight: 1 | 2;
  weightReason: Bilingual;
  /** Grade typed in a column disagrees with the certificate number's grade. */
  gradeConflict: Bilingual | null;
  fraction: Decimal;
  contribution: Decimal;
  failures: DisabledFailure[];
  /** Monthly wage used for the minimum-wage test, when known. */
  wageUsed: Decimal | null;
}

export interface RegisterContext {
  index: PersonIndex;
  personAt: (table: number, row: number) => Person | undefined;
  issues: IssueLog;
  accounting: RowAccounting;
  /** Creates a person known only from the register (added to `index`, so the payroll can find them). */
  addPlaceholder: (p: Omit<Person, "index">) => Person;
}

const FIELDS: FieldId[] = [
  "employeeId",
  "name",
  "idNumber",
  "certificateNo",
  "certificateType",
  "disabilityGrade",
  "disabilityCategory",
  "certified",
  "certValidUntil",
  "contractStart",
  "contractEnd",
  "contractTerm",
  "socialInsurance",
  "monthlyWage",
  "countedAs",
  "hireDate",
  "leaveDate",
  "employmentType",
];

/** Phase 1: read register rows (and roster rows that carry a certificate number), link them to people. */
export function readRegister(tables: readonly DetectedTable[], ctx: RegisterContext): DisabledEntry[] {
  const { issues, accounting, index } = ctx;
  const entries: DisabledEntry[] = [];
  const dates = new DateReader();
  const seen = new Map<string, DisabledEntry>();
  for (const t of tables) {
    const embedded = t.kind === "roster";
    if (!embedded) accounting.touch(t.id);
    dates.date1904 = t.sheet.date1904 === true;
    const col: Partial<Record<FieldId, number>> = {};
    for (const f of FIELDS) {
      const c = t.field.get(f);
      if (c !== undefined) col[f] = c;
    }
    if (!embedded && col.certified === undefined) {
      issues.addCell("DATA_MISSING_COLUMN", t.sheetName, "certified", "", t.origin, t.headerRowIndex, t.columns[0]?.index ?? 0, undefined, {
        zh: "残疾职工名册没有“残联认定”列：未经残联认定的人员不能计入安排人数，因此无人计入。",
        en: "The disabled register has no 残联认定 (certified) column: only people certified by the DPF count, so nobody is counted.",
      });
    }
    const cols = usedColumns(t);
    const values = t.sheet.values;
    for (let r = t.dataStart; r < values.length; r++) {
      const row = values[r];
      if (!Array.isArray(row)) continue;
      let person: Person | undefined;
      if (embedded) {
        if (col.certificateNo === undefined || cellText(row[col.certificateNo]) === null) continue;
        person = ctx.personAt(t.id, r);
        if (!person) continue;
      } else if (isBlankRow(row, cols) || isRepeatedHeader(row, t)) continue;
      const base = { sheet: t.sheetName, row: sheetRow(t, r), table: "disabled" as const };
      if (!embedded) {
        const summary = summaryText(row, t, cols);
        if (summary !== null) {
          accounting.excluded(t.id, { ...base, reason: "DATA_SUMMARY_ROW", detail: { zh: `合计/备注行“${summary}”。`, en: `Summary or note row "${summary}".` } });
          issues.addCell("DATA_SUMMARY_ROW", t.sheetName, "row", "", t.origin, r, cols[0], summary);
          continue;
        }
      }
      const get = (f: FieldId): CellValue => (col[f] === undefined ? null : (row[col[f]!] ?? null));
      const employeeId = personKey(get("employeeId"));
      const name = cellText(get("name"));
      const certText = idText(get("certificateNo"));
      let idNumber = idText(get("idNumber"));
      if (idNumber === null && certText !== null && certText.length === 20) idNumber = certText.slice(0, 18);
      const display = displayOf(employeeId, name, idNumber);
      const reject = (reason: string, c: number, detail: Bilingual) => {
        if (!embedded) accounting.rejected(t.id, { ...base, reason, detail, cell: c >= 0 ? addressOf(t, r, c) : undefined, person: display });
      };
      if (employeeId === null && name === null && idNumber === null && certText === null) {
        const c = col.name ?? col.employeeId ?? col.certificateNo ?? -1;
        if (c >= 0) issues.addCell("DATA_MISSING_VALUE", t.sheetName, "person", headerOf(t, c), t.origin, r, c);
        reject("DATA_MISSING_VALUE", c, { zh: "没有工号、姓名、身份证号或残疾人证号。", en: "No employee ID, name, ID number or certificate number." });
        continue;
      }
      // Dates and numbers: unreadable → the row is rejected.
      const dateOf = (f: FieldId): number | "bad" => {
        const c = col[f];
        if (c === undefined) return NaN;
        const s = dates.read(row[c]);
        if (s === BAD) {
          issues.addCell("DATA_BAD_DATE", t.sheetName, f, headerOf(t, c), t.origin, r, c, showValue(row[c]));
          return "bad";
        }
        if (dates.packed) issues.addCell("DATA_PACKED_DATE", t.sheetName, f, headerOf(t, c), t.origin, r, c, `${showValue(row[c])} → ${isoOfDay(dates.day)}`);
        return dates.day;
      };
      const numberOf = (f: FieldId): Decimal | null | "bad" => {
        const c = col[f];
        if (c === undefined) return null;
        const q = readQuantity(row[c]);
        if (q.status === BAD || (q.value !== null && q.value.isNegative())) {
          issues.addCell("DATA_BAD_NUMBER", t.sheetName, f, headerOf(t, c), t.origin, r, c, showValue(row[c]));
          return "bad";
        }
        if (q.status === TEXT) issues.addCell("DATA_TEXT_NUMBER", t.sheetName, f, headerOf(t, c), t.origin, r, c, showValue(row[c]));
        return q.value;
      };
      const validUntil = dateOf("certValidUntil");
      const cStart = dateOf("contractStart");
      const cEnd = dateOf("contractEnd");
      const hire = dateOf("hireDate");
      const leave = dateOf("leaveDate");
      const monthlyWage = numberOf("monthlyWage");
      const claimed = numberOf("countedAs");
      const badDate = [validUntil, cStart, cEnd, hire, leave].indexOf("bad");
      if (badDate >= 0) {
        const f = (["certValidUntil", "contractStart", "contractEnd", "hireDate", "leaveDate"] as FieldId[])[badDate];
        reject("DATA_BAD_DATE", col[f]!, { zh: `日期无法识别：“${showValue(row[col[f]!])}”。`, en: `Unreadable date: "${showValue(row[col[f]!])}".` });
        continue;
      }
      if (monthlyWage === "bad" || claimed === "bad") {
        const c = monthlyWage === "bad" ? col.monthlyWage! : col.countedAs!;
        reject("DATA_BAD_NUMBER", c, { zh: `数字无法识别：“${showValue(row[c])}”。`, en: `Unreadable number: "${showValue(row[c])}".` });
        continue;
      }
      let contractShort: boolean | null = null;
      if (col.contractTerm !== undefined) {
        const m = termMonths(row[col.contractTerm], headerOf(t, col.contractTerm));
        if (m !== null && m !== m) {
          issues.addCell("DATA_BAD_NUMBER", t.sheetName, "contractTerm", headerOf(t, col.contractTerm), t.origin, r, col.contractTerm!, showValue(row[col.contractTerm]));
          reject("DATA_BAD_NUMBER", col.contractTerm, { zh: "合同期限无法识别。", en: "Unreadable contract term." });
          continue;
        }
        if (m !== null) contractShort = m < 12;
      }
      if (contractShort === null && (col.contractStart !== undefined || col.contractEnd !== undefined)) {
        contractShort = shortByDates(cStart as number, cEnd as number, (hire as number) === (hire as number) ? (hire as number) : (person?.hire ?? NaN));
      }
      // Link to the roster.
      if (!embedded) {
        person = index.get("employeeId", employeeId) ?? index.get("idNumber", idNumber) ?? index.get("name", name);
        if (!person) {
          person = ctx.addPlaceholder({
            table: t.id,
            row: r,
            sheet: t.sheetName,
            sheetRow: base.row,
            employeeId,
            name,
            idNumber,
            display,
            typeText: null,
            typeClass: "regular",
            hire: hire as number,
            leave: leave as number,
            present: null,
            contractShort,
            socialInsurance: null,
            idValid: false,
            status: "counted",
            reason: null,
            decidingColumn: -1,
            inRoster: false,
            wageFen: 0,
            wageExtra: null,
            payMonths: 0,
            payTable: -1,
        payBefore: 0,
        payMask0: 0,
        payMask1: 0,
        payFirst0: -1,
        payFirst1: -1,
            payRows: 0,
          });
        }
      }
      // Duplicates: the same certificate (or the same person) listed twice would be counted twice.
      const dupKey = certText ?? idNumber ?? (employeeId !== null ? `#${employeeId}` : null);
      if (dupKey !== null) {
        const earlier = seen.get(dupKey);
        if (earlier) {
          const c = col.certificateNo ?? col.idNumber ?? col.employeeId ?? -1;
          if (c >= 0) issues.addCell("ID_DUPLICATE", t.sheetName, "certificateNo", headerOf(t, c), t.origin, r, c, dupKey);
          reject("ID_DUPLICATE", c, { zh: `与第 ${earlier.sheetRow} 行重复，只计一次。`, en: `Duplicate of row ${earlier.sheetRow}; counted once.` });
          continue;
        }
      }
      const typeText = cellText(get("employmentType"));
      const certifiedRaw = get("certified");
      const certified = col.certified === undefined ? null : readYesNo(certifiedRaw);
      if (certified === undefined) issues.addCell("DATA_UNKNOWN_VALUE", t.sheetName, "certified", headerOf(t, col.certified!), t.origin, r, col.certified!, showValue(certifiedRaw));
      const si = col.socialInsurance === undefined ? undefined : readYesNo(get("socialInsurance"));
      if (col.socialInsurance !== undefined && si === undefined) issues.addCell("DATA_UNKNOWN_VALUE", t.sheetName, "socialInsurance", headerOf(t, col.socialInsurance), t.origin, r, col.socialInsurance!, showValue(get("socialInsurance")));
      const typeCell = nfkc(String(get("certificateType") ?? "")) + (certText ?? "");
      const entry: DisabledEntry = {
        table: t.id,
        row: r,
        sheet: t.sheetName,
        sheetRow: base.row,
        embedded,
        display,
        person: person ?? null,
        certificateNo: compactCertificate(get("certificateNo")),
        veteran: /军|veteran/i.test(typeCell) || (typeof get("certificateNo") === "string" && /残疾军人|伤残军人|veteran/i.test(String(get("certificateNo")))),
        // "残疾军人证 3级" in the certificate column carries its grade (as LEVY.DISABLEDWEIGHT reads it).
        grade: get("disabilityGrade") ?? veteranGrade(get("certificateNo")),
        category: get("disabilityCategory"),
        certified,
        validUntil: validUntil as number,
        contractShort,
        established: typeText !== null && classifyEmployment(typeText) === "established",
        socialInsurance: col.socialInsurance === undefined ? null : si,
        monthlyWage,
        claimed,
        hire: hire as number,
        leave: leave as number,
        columns: col,
        status: "pending",
        weight: 1,
        weightReason: { zh: "", en: "" },
        gradeConflict: null,
        fraction: ZERO,
        contribution: ZERO,
        failures: [],
        wageUsed: null,
      };
      if (dupKey !== null) seen.set(dupKey, entry);
      entries.push(entry);
    }
  }
  return entries;
}

export interface EvaluateContext {
  frame: YearFrame;
  method: HeadcountMethod;
  today: string;
  /** Monthly minimum wage (yuan), or null when not given. */
  minimumWage: string | null;
  blindCountsDouble: boolean;
  tables: Map<number, DetectedTable>;
  issues: IssueLog;
  accounting: RowAccounting;
}

export interface DisabledResult {
  entries: DisabledEntry[];
  /** Σ weight × fraction of counted entries. */
  certified: Decimal;
  /** Entries whose wage could not be checked against the minimum wage (parameter missing or wage unknown). */
  wageUnchecked: number;
}

function popcount(x: number): number {
  let n = 0;
  while (x) {
    n += x & 1;
    x >>>= 1;
  }
  return n;
}

/** Months of the year the clipped interval touches. */
function monthsTouched(frame: YearFrame, a: number, b: number): number {
  let n = 0;
  for (let m = 0; m < 12; m++) if (a - frame.start <= frame.monthLast[m] && b - frame.start >= frame.monthFirst[m]) n++;
  return n;
}

function veteranGrade(v: CellValue): CellValue {
  if (typeof v !== "string" || !/军|veteran/i.test(v)) return null;
  const m = /([1-8一二三四五六七八])\s*级|grade\s*([1-8])/i.exec(v.normalize("NFKC"));
  if (!m) return null;
  const g = m[1] ?? m[2];
  return "一二三四五六七八".includes(g) ? "一二三四五六七八".indexOf(g) + 1 : Number(g);
}

/** A 20-character certificate number typed in groups ("3205 0519 …", full-width spaces too) is the number. */
function compactCertificate(v: CellValue): CellValue {
  if (typeof v !== "string") return v;
  const compact = v.normalize("NFKC").replace(/[\s\u3000-]+/g, "");
  return /^[0-9]{17}[0-9Xx][1-7][1-4]$/.test(compact) ? compact : v;
}

/**
 * Without the local minimum wage (parameter 最低工资; no profile carries one), a disabled employee paid under this
 * much a month may be below it, and then does not count (72号 第七条; rules file §2.2 condition 4). The tool cannot
 * tell, so the person is not counted and DS_WAGE_UNCHECKED (an error when it changes the count) says what they would
 * change. An engine bound, not a rule: chosen above every first-tier monthly minimum wage the rules data knows of.
 * Setting 最低工资 replaces it with the exact check.
 */
export const UNCHECKED_WAGE_BOUND = 3000;

/** Phase 2: eligibility, weight and pro-rated contribution of each register entry. */
export function evaluateRegister(entries: DisabledEntry[], ctx: EvaluateContext): DisabledResult {
  const { frame, issues, accounting } = ctx;
  const yearStartIso = isoOfDay(frame.start);
  const yearEndIso = isoOfDay(frame.end);
  const minWage = ctx.minimumWage === null ? null : dec(ctx.minimumWage);
  let certified = ZERO;
  let wageUnchecked = 0;
  for (const e of entries) {
    const t = ctx.tables.get(e.table)!;
    const c = e.columns;
    const fail = (code: string, column: number | undefined, detail: Bilingual) => e.failures.push({ code, detail, column: column ?? -1 });
    const p = e.person;

    // Weight (72号 第七条) and certificate validity.
    const w = e.veteran
      ? disabledWeight({ kind: "veteran-certificate", grade: e.grade as unknown as number | null }, { blindCountsDouble: ctx.blindCountsDouble })
      : disabledWeight({ kind: "disability-certificate", certificateNo: e.certificateNo as unknown as string | null, grade: e.grade as unknown as number | null, category: e.category as unknown as number | null }, { blindCountsDouble: ctx.blindCountsDouble });
    e.weight = w.weight;
    e.weightReason = w.reason;
    const conflict = w.errors.find((x) => x.code === "GRADE_MISMATCH");
    if (conflict) e.gradeConflict = conflict.message;
    if (e.veteran) {
      const bad = w.errors.find((x) => x.code === "GRADE" || x.code === "GRADE_MISSING");
      if (bad) fail("DS_CERT_INVALID", c.disabilityGrade ?? c.certificateNo, bad.message);
    } else {
      const check = checkDisabilityCertificate(e.certificateNo, ctx.today);
      if (!check.ok) {
        fail("DS_CERT_INVALID", c.certificateNo, {
          zh: `残疾人证号无效：${check.errors.map((x) => x.message.zh).join("；")}`,
          en: `Invalid disability certificate number: ${check.errors.map((x) => x.message.en).join("; ")}`,
        });
      }
    }
    if (e.validUntil === e.validUntil && e.validUntil < frame.start) {
      fail("DS_CERT_INVALID", c.certValidUntil, { zh: `证件已于 ${isoOfDay(e.validUntil)} 过期（早于数据年度）。`, en: `The certificate expired on ${isoOfDay(e.validUntil)}, before the data year.` });
    }
    // Certification by the 残联.
    if (e.certified !== true) {
      fail("DS_UNCERTIFIED", c.certified, {
        zh: c.certified === undefined ? "没有残联认定记录。" : `残联认定为“${showValue(c.certified === undefined ? null : t.sheet.values[e.row][c.certified])}”：未经认定不计入。`,
        en: c.certified === undefined ? "No DPF certification recorded." : `DPF certification is "${showValue(t.sheet.values[e.row][c.certified])}": uncertified people do not count.`,
      });
    }
    // In the headcount and employed in the data year.
    let present: [number, number] | null = null;
    if (p && p.inRoster) {
      if (p.status === "excluded" && p.reason && p.reason.startsWith("HC_")) {
        fail(p.reason, -1, {
          zh: `${p.display} 不计入在职职工人数（${p.typeText ?? p.reason}），也就不能计入安排残疾人数${p.reason === "HC_DISPATCH_IN" ? "：劳务派遣人员由派遣单位计算，除非派遣协议约定由本单位计算（财政部公告2019年第98号）" : ""}。`,
          en: `${p.display} is excluded from the headcount (${p.typeText ?? p.reason}), so cannot count as an arranged disabled employee${p.reason === "HC_DISPATCH_IN" ? ": dispatched workers count at the dispatcher unless the dispatch agreement assigns them here (MOF notice 2019 No.98)" : ""}.`,
        });
      }
      present = p.present;
      if (!present && p.status !== "rejected") fail("PERIOD_MISMATCH", -1, { zh: `数据年度 ${frame.year} 内未在职。`, en: `Not employed during data year ${frame.year}.` });
      if (p.status === "rejected") present = clipToYear(frame, e.hire, e.leave);
    } else {
      present = clipToYear(frame, e.hire, e.leave);
      if (!present) fail("PERIOD_MISMATCH", c.leaveDate ?? c.hireDate, { zh: `数据年度 ${frame.year} 内未在职。`, en: `Not employed during data year ${frame.year}.` });
    }
    // Contract ≥ 1 year or 在编.
    const established = e.established || p?.typeClass === "established";
    const short = e.contractShort ?? p?.contractShort ?? null;
    if (!established && short === true) {
      fail("DS_CONTRACT_SHORT", c.contractTerm ?? c.contractEnd ?? c.contractStart, { zh: "劳动合同期限不足1年，且非在编。", en: "The labour contract is shorter than one year and the person is not 在编." });
    }
    // Working age during the data year (birth date and sex from the ID number).
    const idSource = (c.idNumber !== undefined ? t.sheet.values[e.row][c.idNumber] : null) ?? (typeof e.certificateNo === "string" ? e.certificateNo.trim().slice(0, 18) : null);
    let birth: string | null = null;
    let sex: "male" | "female" | null = null;
    if (p?.idValid && p.idNumber) ({ birthDate: birth, sex } = birthAndSex(p.idNumber));
    else if (idSource !== null) {
      const id = checkResidentId(idSource, ctx.today);
      if (id.ok) {
        birth = id.birthDate;
        sex = id.sex;
      }
    }
    if (birth && sex) {
      const from = present ? isoOfDay(present[0]) : yearStartIso;
      const to = present ? isoOfDay(present[1]) : yearEndIso;
      const age = isWorkingAgeDuring(birth, sex, from, to);
      // A woman past the worker retirement age (50 → 55) but within the cadre one (55 → 58): the workbook does not say
      // which track she is on, and the two readings give different levies. Not counted, and an error with both.
      const cadre = !age.ok && sex === "female" ? isWorkingAgeDuring(birth, sex, from, to, "cadre") : null;
      if (cadre?.ok) {
        fail("DS_RETIREMENT_TRACK_UNKNOWN", c.idNumber ?? c.certificateNo, {
          zh: `女职工按工人退休年龄已不在就业年龄段（${age.reason.zh}），按干部（管理、技术岗位）退休年龄仍在：工作簿未写明岗位类别，暂不计入。`,
          en: `As a female worker she is past working age (${age.reason.en}); as a cadre (managerial or technical post) she is not: the workbook does not say which, so she is not counted for now.`,
        });
      } else if (!age.ok) fail("DS_AGE_OUT_OF_RANGE", c.idNumber ?? c.certificateNo, { zh: `不在就业年龄段：${age.reason.zh}。`, en: `Not of working age: ${age.reason.en}.` });
    }
    // Minimum wage.
    let monthly: Decimal | null = e.monthlyWage;
    if (monthly === null && p && p.payRows > 0) {
      const total = new Decimal(p.wageFen).dividedBy(100).plus(p.wageExtra ?? ZERO);
      const months = p.payMonths ? popcount(p.payMonths) : present ? monthsTouched(frame, present[0], present[1]) : 12;
      monthly = total.dividedBy(months);
    }
    e.wageUsed = monthly;
    if (minWage !== null && monthly !== null && monthly.lessThan(minWage)) {
      fail("DS_WAGE_BELOW_MIN", c.monthlyWage, {
        zh: `月工资 ${monthly.toDecimalPlaces(2).toFixed(2)} 元低于当地最低工资 ${ctx.minimumWage} 元。`,
        en: `Monthly wage ${monthly.toDecimalPlaces(2).toFixed(2)} is below the local minimum wage ${ctx.minimumWage}.`,
      });
    }
    if (minWage === null && monthly !== null && monthly.lessThan(UNCHECKED_WAGE_BOUND)) {
      // Without the local minimum wage the condition cannot be checked, and a wage this low may be below it: not
      // counted, and the finding says what counting them would change (never a count the tool cannot stand behind).
      fail("DS_WAGE_UNCHECKED", c.monthlyWage ?? c.name ?? c.employeeId, {
        zh: `月工资 ${monthly.toDecimalPlaces(2).toFixed(2)} 元，低于 ${UNCHECKED_WAGE_BOUND} 元，而参数表没有当地最低工资：无法确认是否达到最低工资标准。`,
        en: `Monthly wage ${monthly.toDecimalPlaces(2).toFixed(2)}, under ${UNCHECKED_WAGE_BOUND}, and no local minimum wage is given: whether it reaches the minimum cannot be checked.`,
      });
    }
    if (minWage === null || monthly === null) {
      wageUnchecked++;
      if (minWage !== null) {
        const col = c.monthlyWage ?? c.name ?? c.employeeId ?? 0;
        issues.addCell("DATA_MISSING_VALUE", e.sheet, "monthlyWage", headerOf(t, col), t.origin, e.row, col, undefined, {
          zh: "找不到此残疾职工的工资（名册无月工资，工资表也没有），未核对最低工资条件。",
          en: "No wage found for this disabled employee (no monthly wage in the register and none in the payroll): the minimum-wage condition was not checked.",
        });
      }
    }
    // Social insurance.
    // A value that is neither yes nor no (部分缴纳, 断缴3个月, 自行缴纳, 仅医保 …) cannot show that the employer paid in
    // full (72号 第七条), so the person is not counted and the cell is named, as for an unreadable certification.
    const registerUnread = c.socialInsurance !== undefined && e.socialInsurance === undefined ? showValue(t.sheet.values[e.row][c.socialInsurance]) : null;
    const rosterUnread = p?.inRoster ? (p.socialInsuranceUnread ?? null) : null;
    const si = e.socialInsurance ?? p?.socialInsurance ?? null;
    if (e.socialInsurance === false || p?.socialInsurance === false) fail("DS_NO_SOCIAL_INSURANCE", c.socialInsurance, { zh: "未足额缴纳社会保险。", en: "Social insurance is not paid in full." });
    else if (registerUnread !== null || rosterUnread !== null) {
      const text = (registerUnread ?? rosterUnread)!;
      const where = registerUnread !== null ? { zh: "", en: "" } : { zh: "（花名册）", en: " (roster)" };
      fail("DS_SOCIAL_INSURANCE_UNREAD", registerUnread !== null ? c.socialInsurance : -1, {
        zh: `社保缴纳${where.zh}为“${text}”：无法确认单位足额缴纳社会保险，未计入。`,
        en: `Social insurance${where.en} is "${text}": full payment by the employer cannot be confirmed, so not counted.`,
      });
    } else if (si === null || si === undefined) {
      // A person counts only with social insurance paid in full (72号 第七条; rules file §2.2 condition 5): a blank
      // (or no such column) cannot show it, so the person is not counted and DS_SOCIAL_INSURANCE_UNKNOWN says what
      // counting them would change.
      fail("DS_SOCIAL_INSURANCE_UNKNOWN", c.socialInsurance ?? c.name ?? c.employeeId, {
        zh: "社保缴纳未填写（空白，或没有社保缴纳列）：无法确认已足额缴纳社会保险。",
        en: "Social insurance is not recorded (blank, or no social-insurance column): full payment cannot be confirmed.",
      });
    }
    // In the headcount: someone the roster does not know is not on the staff as far as the filing can show.
    if (p && !p.inRoster) {
      fail("DS_NOT_IN_ROSTER", c.employeeId ?? c.name ?? c.idNumber, {
        zh: `${e.display} 不在花名册中：不在在职职工人数里，不能计入安排残疾人数。`,
        en: `${e.display} is not in the roster: not in the headcount, so cannot count as an arranged disabled employee.`,
      });
    }

    e.fraction = present ? personYearFraction(frame, present[0], present[1], ctx.method) : ZERO;
    if (e.failures.length === 0) {
      e.status = "counted";
      e.contribution = e.fraction.times(e.weight);
      certified = certified.plus(e.contribution);
      if (!e.embedded) accounting.counted(e.table);
    } else {
      e.status = "excluded";
      const first = e.failures[0];
      if (!e.embedded) {
        accounting.excluded(e.table, {
          sheet: e.sheet,
          row: e.sheetRow,
          table: "disabled",
          reason: first.code,
          detail: first.detail,
          cell: first.column >= 0 ? addressOf(t, e.row, first.column) : undefined,
          person: e.display,
        });
      }
    }
  }
  return { entries, certified, wageUnchecked };
}
