/**
 * Roster → people → 12 monthly headcounts.
 *
 * Each row ends in exactly one state (the row accounting adds up):
 *   rejected  no name/工号/身份证号 (DATA_MISSING_VALUE); an unreadable date (DATA_BAD_DATE); leave before hire
 *             (DATA_LEAVE_BEFORE_HIRE); the same person twice over overlapping dates (ID_DUPLICATE; the first row wins)
 *   excluded  not employed on any day of the data year (PERIOD_MISMATCH); an excluded employment type (HC_INTERN,
 *             HC_PART_TIME, HC_RETIREE, HC_DISPATCH_IN, HC_LABOUR_SERVICE); a contract under one year
 *             (HC_SHORT_CONTRACT); a 合计 / note row (DATA_SUMMARY_ROW)
 *   counted   everyone else, on the days they were employed in the data year.
 * A blank hire date means "employed before the year began" and a blank leave date "still employed"; a blank hire
 * date in a roster that has the column is reported (DATA_MISSING_VALUE) so the assumption is visible.
 */
import { checkResidentId } from "../core/identifiers";
import type { Bilingual } from "../core/rules/types";
import type { RowAccounting } from "./accounting";
import { shortByDates, termMonths } from "./contract";
import type { DetectedTable } from "./detect";
import { EXCLUSION_CODE, classifyEmployment, contractChecked } from "./employment";
import type { EmploymentClass } from "./employment";
import type { FieldId } from "./fields";
import type { IssueLog } from "./issues";
import { BAD, DateReader, isoOfDay, personKey, readYesNo } from "./parse";
import { PersonIndex, displayOf } from "./person";
import type { Person } from "./person";
import { PresenceCounter, clipToYear } from "./presence";
import type { YearFrame } from "./presence";
import { addressOf, headerOf, isBlankRow, isRepeatedHeader, isTitleAboveRepeatedHeader, noteFormulaWithoutValue, sheetRow, summaryText, usedColumns } from "./rows";
import { cellText, showValue } from "./text";
import type { CellValue } from "./types";

export interface RosterResult {
  persons: Person[];
  index: PersonIndex;
  /** People counted in the headcount, by day. */
  counted: PresenceCounter;
  /** People excluded by reason code (only those employed in the data year), by day: what including them would add. */
  excludedPresence: Map<string, PresenceCounter>;
  /** Roster tables lacking columns the rules need (reported as DATA_MISSING_COLUMN). */
  missing: Array<{ table: number; sheet: string; fields: FieldId[] }>;
}

export interface RosterContext {
  frame: YearFrame;
  today: string;
  issues: IssueLog;
  accounting: RowAccounting;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/**
 * Fast validity check for the common case (GB 11643 checksum over char codes, real birth date not after today); the
 * core's full check, which explains what is wrong, runs only when this fails.
 */
function idLooksValid(id: string, todayCompact: number): boolean {
  if (id.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const digit = id.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return false;
    sum += digit * ID_WEIGHTS[i];
  }
  if (ID_CHECK.charCodeAt(sum % 11) !== id.charCodeAt(17)) return false;
  const y = (id.charCodeAt(6) - 48) * 1000 + (id.charCodeAt(7) - 48) * 100 + (id.charCodeAt(8) - 48) * 10 + (id.charCodeAt(9) - 48);
  const m = (id.charCodeAt(10) - 48) * 10 + (id.charCodeAt(11) - 48);
  const d = (id.charCodeAt(12) - 48) * 10 + (id.charCodeAt(13) - 48);
  const compact = y * 10000 + m * 100 + d;
  if (compact < 19000101 || compact > todayCompact) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
}

/** Birth date and sex from a valid 18-character ID (the roster only validates; this runs for the few who need it). */
export function birthAndSex(id: string): { birthDate: string; sex: "male" | "female" } {
  return { birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, sex: (id.charCodeAt(16) - 48) % 2 === 1 ? "male" : "female" };
}

const CLEAN_ID = /^\d{17}[\dX]$/;

export function idText(v: CellValue | undefined): string | null {
  if (typeof v === "string") {
    if (CLEAN_ID.test(v)) return v; // the common case, without allocating a normalised copy
    const t = cellText(v);
    return t === null ? null : t.replace(/\s+/g, "").toUpperCase();
  }
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return null;
}

/** Marks an unreadable date (a day number no real date has). */
const BAD_DATE = -1e9;

// Module-level aliases for the per-row loop (imported bindings compile to getter calls under tsx and vitest).
const S_BAD = BAD;
const personKeyFn = personKey;
const cellTextFn = cellText;
const classifyFn = classifyEmployment;
const readYesNoFn = readYesNo;
const isBlankRowFn = isBlankRow;
const isRepeatedHeaderFn = isRepeatedHeader;
const summaryTextFn = summaryText;
const clipFn = clipToYear;

/** "1001 张三" without building arrays (this runs once per roster row). */
function displayFast(employeeId: string | null, name: string | null, idNumber: string | null): string {
  if (employeeId !== null) return name !== null ? `${employeeId} ${name}` : employeeId;
  if (name !== null) return name;
  return displayOf(null, null, idNumber);
}

interface RosterColumns {
  id: number;
  name: number;
  idNo: number;
  type: number;
  hire: number;
  leave: number;
  cStart: number;
  cEnd: number;
  term: number;
  si: number;
  assigned: number;
  status: number;
}

function finish(person: Person, status: "excluded" | "rejected", reason: string, column: number, detail: Bilingual, t: DetectedTable, accounting: RowAccounting): void {
  person.status = status;
  person.reason = reason;
  person.decidingColumn = column;
  const outcome = { sheet: t.sheetName, row: person.sheetRow, table: "roster" as const, reason, detail, cell: column >= 0 ? addressOf(t, person.row, column) : undefined, person: person.display };
  if (status === "rejected") accounting.rejected(t.id, outcome);
  else accounting.excluded(t.id, outcome);
}

export function readRoster(tables: readonly DetectedTable[], ctx: RosterContext): RosterResult {
  const { frame, issues, accounting } = ctx;
  const persons: Person[] = [];
  const index = new PersonIndex();
  const counted = new PresenceCounter(frame);
  const excludedPresence = new Map<string, PresenceCounter>();
  const missing: RosterResult["missing"] = [];
  const todayCompact = Number(ctx.today.replace(/-/g, ""));
  const dates = new DateReader();
  /** People employed in the data year, by identity key (an array only once a key repeats), for overlap duplicates. */
  const seen = new Map<string, Person | Person[]>();
  /** Employment-type cells repeat a handful of values: classify each raw text once. */
  const typeCache = new Map<string, [string | null, EmploymentClass]>();

  for (const t of tables) {
    accounting.touch(t.id);
    dates.date1904 = t.sheet.date1904 === true;
    const f = (id: FieldId) => t.field.get(id) ?? -1;
    const col: RosterColumns = {
      id: f("employeeId"),
      name: f("name"),
      idNo: f("idNumber"),
      type: f("employmentType"),
      hire: f("hireDate"),
      leave: f("leaveDate"),
      cStart: f("contractStart"),
      cEnd: f("contractEnd"),
      term: f("contractTerm"),
      si: f("socialInsurance"),
      assigned: f("dispatchAssigned"),
      status: f("employeeStatus"),
    };
    const termHeader = col.term >= 0 ? headerOf(t, col.term) : "";
    const tableMissing: FieldId[] = [];
    if (col.hire < 0 && col.leave < 0) tableMissing.push("hireDate", "leaveDate");
    if (col.type < 0) tableMissing.push("employmentType");
    if (col.cStart < 0 && col.cEnd < 0 && col.term < 0) tableMissing.push("contractEnd");
    if (tableMissing.length) missing.push({ table: t.id, sheet: t.sheetName, fields: tableMissing });

    const cols = usedColumns(t);
    const values = t.sheet.values;
    const hasFormulas = Array.isArray(t.sheet.formulas);
    let countedRows = 0;
    /** A date cell → day number, NaN when blank, or BAD_DATE (reported). */
    const readDate = (row: readonly CellValue[], r: number, c: number, field: FieldId): number => {
      if (c < 0) return NaN;
      const v = row[c];
      if (dates.read(v) === S_BAD) {
        issues.addCell("DATA_BAD_DATE", t.sheetName, field, headerOf(t, c), t.origin, r, c, showValue(v));
        return BAD_DATE;
      }
      if (hasFormulas && (v === null || v === undefined)) noteFormulaWithoutValue(t, r, c, field, issues);
      if (dates.packed) issues.addCell("DATA_PACKED_DATE", t.sheetName, field, headerOf(t, c), t.origin, r, c, `${showValue(v)} → ${isoOfDay(dates.day)}`);
      return dates.day;
    };

    for (let r = t.dataStart; r < values.length; r++) {
      const row = values[r];
      if (!Array.isArray(row) || isBlankRowFn(row, cols) || isRepeatedHeaderFn(row, t)) continue;
      const summary = summaryTextFn(row, t, cols);
      if (summary !== null) {
        accounting.excluded(t.id, { sheet: t.sheetName, row: sheetRow(t, r), table: "roster", reason: "DATA_SUMMARY_ROW", detail: { zh: `合计/备注行“${summary}”，不是职工。`, en: `Summary or note row "${summary}", not an employee.` } });
        issues.addCell("DATA_SUMMARY_ROW", t.sheetName, "row", "", t.origin, r, cols[0], summary);
        continue;
      }
      if (isTitleAboveRepeatedHeader(values, r, t, cols)) {
        const title = showValue(row.find((v, c) => cols.includes(c) && v !== null && v !== undefined && v !== "") ?? "");
        accounting.excluded(t.id, { sheet: t.sheetName, row: sheetRow(t, r), table: "roster", reason: "DATA_SUMMARY_ROW", detail: { zh: `下一张表的标题行“${title}”，不是职工。`, en: `Title row "${title}" of the next table, not an employee.` } });
        issues.addCell("DATA_SUMMARY_ROW", t.sheetName, "row", "", t.origin, r, cols[0], title);
        continue;
      }
      const employeeId = col.id >= 0 ? personKeyFn(row[col.id]) : null;
      const name = col.name >= 0 ? cellTextFn(row[col.name]) : null;
      const idNumber = col.idNo >= 0 ? idText(row[col.idNo]) : null;
      if (employeeId === null && name === null && idNumber === null) {
        const c = col.name >= 0 ? col.name : col.id >= 0 ? col.id : col.idNo;
        issues.addCell("DATA_MISSING_VALUE", t.sheetName, "person", headerOf(t, c), t.origin, r, c);
        accounting.rejected(t.id, { sheet: t.sheetName, row: sheetRow(t, r), table: "roster", reason: "DATA_MISSING_VALUE", detail: { zh: "没有工号、姓名或身份证号，无法确认是谁。", en: "No employee ID, name or ID number: the row names nobody." }, cell: addressOf(t, r, c) });
        continue;
      }
      const rawType = col.type >= 0 ? row[col.type] : null;
      let typeText: string | null;
      let typeClass: EmploymentClass;
      const cachedType = typeof rawType === "string" ? typeCache.get(rawType) : undefined;
      if (cachedType) [typeText, typeClass] = cachedType;
      else {
        typeText = cellTextFn(rawType);
        typeClass = classifyFn(typeText);
        if (typeof rawType === "string" && typeCache.size < 10_000) typeCache.set(rawType, [typeText, typeClass]);
      }
      if (typeClass === "unknown") {
        issues.addCell("HC_TYPE_UNKNOWN", t.sheetName, "employmentType", headerOf(t, col.type), t.origin, r, col.type, typeText ?? "");
      }
      if (col.assigned >= 0 && typeClass === "dispatchIn" && readYesNoFn(row[col.assigned]) === true) typeClass = "dispatchAssigned";
      const hire = readDate(row, r, col.hire, "hireDate");
      const leave = readDate(row, r, col.leave, "leaveDate");
      // 员工状态 = 离职 with no leave date: the person left, but when? Counted for the whole year, and said as an error.
      if (col.status >= 0 && leave !== leave) {
        const st = row[col.status];
        if (typeof st === "string" && /离职|已离|辞职|解聘|退休|resign|left|terminat/i.test(st)) {
          issues.addCell("HC_LEFT_NO_DATE", t.sheetName, "leaveDate", headerOf(t, col.status), t.origin, r, col.status, `${displayFast(employeeId, name, idNumber)}（${st.trim()}）`);
        }
      }
      const cStart = readDate(row, r, col.cStart, "contractStart");
      const cEnd = readDate(row, r, col.cEnd, "contractEnd");
      const person: Person = {
        index: persons.length,
        table: t.id,
        row: r,
        sheet: t.sheetName,
        sheetRow: t.origin.row + r,
        employeeId,
        name,
        idNumber,
        display: displayFast(employeeId, name, idNumber),
        typeText,
        typeClass,
        hire: hire === BAD_DATE ? NaN : hire,
        leave: leave === BAD_DATE ? NaN : leave,
        present: null,
        contractShort: null,
        socialInsurance: null,
        idValid: false,
        status: "counted",
        reason: null,
        decidingColumn: -1,
        inRoster: true,
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
      };
      persons.push(person);

      if (idNumber !== null) {
        if (idLooksValid(idNumber, todayCompact)) {
          person.idValid = true;
        } else {
          const check = checkResidentId(row[col.idNo], ctx.today);
          if (check.ok) {
            person.idValid = true;
            if (check.normalized) person.idNumber = check.normalized;
          } else {
            issues.addCell("ID_INVALID", t.sheetName, "idNumber", headerOf(t, col.idNo), t.origin, r, col.idNo, showValue(row[col.idNo]), {
              zh: check.errors.map((e) => e.message.zh).join("；"),
              en: check.errors.map((e) => e.message.en).join("; "),
            });
          }
        }
      }
      if (col.si >= 0) {
        const si = readYesNoFn(row[col.si]);
        if (si === undefined) issues.addCell("DATA_UNKNOWN_VALUE", t.sheetName, "socialInsurance", headerOf(t, col.si), t.origin, r, col.si, showValue(row[col.si]));
        person.socialInsurance = si ?? null;
        if (si === undefined) person.socialInsuranceUnread = showValue(row[col.si]);
      }

      if (hire === BAD_DATE || leave === BAD_DATE || cStart === BAD_DATE || cEnd === BAD_DATE) {
        const c = hire === BAD_DATE ? col.hire : leave === BAD_DATE ? col.leave : cStart === BAD_DATE ? col.cStart : col.cEnd;
        finish(person, "rejected", "DATA_BAD_DATE", c, { zh: `日期无法识别：“${showValue(row[c])}”。`, en: `Unreadable date: "${showValue(row[c])}".` }, t, accounting);
        index.add(person);
        continue;
      }
      if (hire === hire && leave === leave && leave < hire) {
        issues.addCell("DATA_LEAVE_BEFORE_HIRE", t.sheetName, "leaveDate", headerOf(t, col.leave), t.origin, r, col.leave, `${isoOfDay(hire)} → ${isoOfDay(leave)}`);
        finish(person, "rejected", "DATA_LEAVE_BEFORE_HIRE", col.leave, { zh: `离职日期 ${isoOfDay(leave)} 早于入职日期 ${isoOfDay(hire)}。`, en: `Leave date ${isoOfDay(leave)} is before the hire date ${isoOfDay(hire)}.` }, t, accounting);
        index.add(person);
        continue;
      }
      if (col.hire >= 0 && hire !== hire) {
        issues.addCell("DATA_MISSING_VALUE", t.sheetName, "hireDate", headerOf(t, col.hire), t.origin, r, col.hire, undefined, {
          zh: "入职日期为空：按数据年度之前入职计算。",
          en: "Blank hire date: taken as hired before the data year.",
        });
      }
      // Contract length.
      if (col.term >= 0) {
        const months = termMonths(row[col.term], termHeader);
        if (months !== null && months !== months) {
          issues.addCell("DATA_BAD_NUMBER", t.sheetName, "contractTerm", termHeader, t.origin, r, col.term, showValue(row[col.term]));
          finish(person, "rejected", "DATA_BAD_NUMBER", col.term, { zh: `合同期限无法识别：“${showValue(row[col.term])}”。`, en: `Unreadable contract term: "${showValue(row[col.term])}".` }, t, accounting);
          index.add(person);
          continue;
        }
        if (months !== null) person.contractShort = months < 12;
      }
      if (person.contractShort === null && (col.cStart >= 0 || col.cEnd >= 0)) person.contractShort = shortByDates(cStart, cEnd, hire);

      const present = clipFn(frame, hire, leave);
      person.present = present;
      const key = idNumber ?? (employeeId !== null ? `#${employeeId}` : null);
      if (present && key !== null) {
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          const list = Array.isArray(earlier) ? earlier : [earlier];
          // A plain loop: a closure over `present` would make every iteration of the row loop allocate a context.
          let overlap: Person | undefined;
          for (let i = 0; i < list.length && !overlap; i++) {
            const q = list[i];
            if (q.present && q.status !== "rejected" && q.present[0] <= present[1] && present[0] <= q.present[1]) overlap = q;
          }
          if (overlap) {
            const c = idNumber !== null ? col.idNo : col.id;
            issues.addCell("ID_DUPLICATE", t.sheetName, idNumber !== null ? "idNumber" : "employeeId", headerOf(t, c), t.origin, r, c, idNumber ?? employeeId ?? "");
            person.present = null;
            finish(person, "rejected", "ID_DUPLICATE", c, { zh: `与第 ${overlap.sheetRow} 行是同一人且在职期间重叠，只计一次。`, en: `Same person as row ${overlap.sheetRow} with overlapping employment; counted once.` }, t, accounting);
            index.add(person);
            continue;
          }
          list.push(person);
          if (!Array.isArray(earlier)) seen.set(key, list);
        } else seen.set(key, person);
      }
      index.add(person);

      if (!present) {
        const c = leave === leave && leave < frame.start ? col.leave : col.hire;
        finish(
          person,
          "excluded",
          "PERIOD_MISMATCH",
          c,
          {
            zh: `数据年度 ${frame.year} 内未在职（入职 ${hire === hire ? isoOfDay(hire) : "—"}，离职 ${leave === leave ? isoOfDay(leave) : "—"}）。`,
            en: `Not employed during data year ${frame.year} (hired ${hire === hire ? isoOfDay(hire) : "—"}, left ${leave === leave ? isoOfDay(leave) : "—"}).`,
          },
          t,
          accounting,
        );
        continue;
      }
      const code = EXCLUSION_CODE[typeClass];
      if (code) {
        finish(person, "excluded", code, col.type, { zh: `用工形式“${typeText}”不计入在职职工人数。`, en: `Employment type "${typeText}" is not counted in the headcount.` }, t, accounting);
      } else if (person.contractShort === true && contractChecked(typeClass)) {
        const c = col.term >= 0 ? col.term : col.cEnd >= 0 ? col.cEnd : col.cStart;
        finish(person, "excluded", "HC_SHORT_CONTRACT", c, { zh: "劳动合同期限不足1年，不计入在职职工人数。", en: "Labour contract shorter than one year: not counted in the headcount." }, t, accounting);
      }
      if (person.status === "excluded") {
        let p = excludedPresence.get(person.reason!);
        if (!p) excludedPresence.set(person.reason!, (p = new PresenceCounter(frame)));
        p.add(present[0], present[1]);
        continue;
      }
      counted.add(present[0], present[1]);
      countedRows++;
    }
    if (countedRows) accounting.counted(t.id, countedRows);
  }
  return { persons, index, counted, excludedPresence, missing };
}
