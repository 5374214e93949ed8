/**
 * The people behind the metamorphic corpus: one company's staff for data year 2024, drawn from a seed, with an
 * independent oracle for the three aggregates the levy rests on (headcount, wage total, certified disabled).
 *
 * The oracle is deliberately simple and separate from src/workbook: it knows the company's facts (who counts, what
 * they were paid) because it made them up, not because it read a workbook. Every rendering in layouts.ts must give
 * the levy the oracle predicts.
 */
import { residentIdCheckChar } from "../../src/core/identifiers";

export type Kind = "fullTime" | "intern" | "retiree" | "dispatch" | "partTime";

export interface MonthPay {
  basic: number;
  bonus: number;
  allowance: number;
  /** Year-end bonus (December only). */
  yearEnd: number;
  /** Deductions inside gross pay. */
  pension: number;
  tax: number;
}

export interface Person {
  no: number;
  employeeId: string;
  name: string;
  idNumber: string;
  birth: string;
  kind: Kind;
  department: string;
  hire: string;
  leave: string | null;
  contractStart: string;
  contractEnd: string;
  disabled: null | { certificate: string; grade: number; certified: boolean };
  /** Pay by month 1..12 (absent = not employed that month). */
  pay: Map<number, MonthPay>;
}

/** mulberry32: a tiny deterministic PRNG, so a seed names one company. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华";

function makeId(rand: () => number, birth: string, male: boolean, n: number): string {
  let seq = (n * 7 + Math.floor(rand() * 50)) % 1000;
  if ((seq % 2 === 1) !== male) seq = seq % 2 === 1 ? seq - 1 : seq + 1;
  const first17 = `320505${birth.replace(/-/g, "")}${String(seq).padStart(3, "0")}`;
  return first17 + residentIdCheckChar(first17);
}

function iso(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

const DEPARTMENTS = ["一部", "二部", "三部"];

/**
 * A company of `size` people (at least 12): mostly full-time staff on multi-year contracts, plus interns, a re-hired
 * retiree, dispatched and part-time workers, joiners and leavers during 2024, two certified disabled employees (one
 * grade 2, counting twice) and one uncertified.
 */
export function makeCompany(seed: number, size = 240): Person[] {
  const rand = prng(seed);
  const people: Person[] = [];
  const kinds: Kind[] = ["intern", "intern", "retiree", "dispatch", "partTime"];
  for (let n = 1; n <= size; n++) {
    const kind: Kind = n > 5 && n <= 5 + kinds.length ? kinds[n - 6] : "fullTime";
    const male = rand() < 0.5;
    const by = kind === "retiree" ? 1960 : 1975 + Math.floor(rand() * 25);
    const birth = iso(by, 1 + Math.floor(rand() * 12), 1 + Math.floor(rand() * 28));
    // Joiners and leavers: whole months so every rendering can show the same months.
    let hire = iso(2015 + Math.floor(rand() * 8), 1 + Math.floor(rand() * 12), 1);
    let leave: string | null = null;
    if (n % 9 === 0) hire = iso(2024, 2 + (n % 10), 1);
    if (n % 11 === 0) leave = iso(2024, Math.max(3 + (n % 8), hire < "2024-01-01" ? 1 : Number(hire.slice(5, 7))), 28);
    const first = hire < "2024-01-01" ? 1 : Number(hire.slice(5, 7));
    const last = leave ? Number(leave.slice(5, 7)) : 12;
    const pay = new Map<number, MonthPay>();
    const base = 4000 + Math.floor(rand() * 80) * 100;
    for (let m = first; m <= last; m++) {
      const bonus = rand() < 0.5 ? Math.floor(rand() * 3000) : 0;
      const allowance = 300 + Math.floor(rand() * 5) * 50 + (rand() < 0.2 ? 0.5 : 0);
      const yearEnd = m === 12 ? Math.floor(rand() * 20) * 500 : 0;
      const gross = base + bonus + allowance + yearEnd;
      pay.set(m, { basic: base, bonus, allowance, yearEnd, pension: Math.round(base * 0.105 * 100) / 100, tax: Math.round(Math.max(0, gross - 5000) * 0.03 * 100) / 100 });
    }
    const contractStart = kind === "fullTime" ? iso(2023, 1, 1) : hire;
    const contractEnd = kind === "fullTime" ? iso(2026, 12, 31) : iso(2025, 12, 31);
    const name = SURNAMES[Math.floor(rand() * SURNAMES.length)] + GIVEN[Math.floor(rand() * GIVEN.length)] + (rand() < 0.5 ? GIVEN[Math.floor(rand() * GIVEN.length)] : "");
    const idNumber = makeId(rand, birth, male, n);
    let disabled: Person["disabled"] = null;
    if (n === 2) disabled = { certificate: `${idNumber}43`, grade: 3, certified: true };
    if (n === 3) disabled = { certificate: `${idNumber}12`, grade: 2, certified: true };
    if (n === 4) disabled = { certificate: `${idNumber}64`, grade: 4, certified: false };
    people.push({
      no: n,
      employeeId: `E${String(n).padStart(4, "0")}`,
      name: `${name}${n}`,
      idNumber,
      birth,
      kind,
      department: DEPARTMENTS[n % DEPARTMENTS.length],
      hire,
      leave,
      contractStart,
      contractEnd,
      disabled,
      pay,
    });
  }
  return people;
}

export function grossOf(p: MonthPay): number {
  return p.basic + p.bonus + p.allowance + p.yearEnd;
}

/** Money as integer fen, so the oracle's sums are exact. */
export function fen(x: number): number {
  return Math.round(x * 100);
}

/**
 * The oracle. Counted: full-time staff (contracts of four years). Headcount: per month (employed on the 1st +
 * employed on the last day) ÷ 2, averaged over 12 — people here join on the 1st and leave on the 28th, so a joiner
 * counts at both ends of the joining month and a leaver at the start only. Wage total: all pay of counted staff.
 * Certified: certified disabled full-time staff, grade 1–2 twice, pro-rated like the headcount (none of them joins or
 * leaves, so each counts whole).
 */
export function oracle(people: readonly Person[]): { headcountX24: number; wageFen: number; certified: number } {
  let halfMonths = 0;
  let wage = 0;
  let certified = 0;
  for (const p of people) {
    if (p.kind !== "fullTime") continue;
    for (let m = 1; m <= 12; m++) {
      const first = iso(2024, m, 1);
      const lastDay = new Date(Date.UTC(2024, m, 0)).getUTCDate();
      const last = iso(2024, m, lastDay);
      const at = (d: string) => p.hire <= d && (p.leave === null || p.leave >= d);
      if (at(first)) halfMonths++;
      if (at(last)) halfMonths++;
    }
    for (const mp of p.pay.values()) wage += fen(grossOf(mp));
    if (p.disabled?.certified) certified += p.disabled.grade <= 2 ? 2 : 1;
  }
  return { headcountX24: halfMonths, wageFen: wage, certified };
}
