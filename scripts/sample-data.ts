/**
 * Deterministic building blocks for generated workbooks: a seeded PRNG, Chinese names, valid (or deliberately invalid)
 * resident IDs, disability certificate numbers and USCCs. Shared by `scripts/make-example.ts`, the bench and the CLI
 * tests, so every generated file is reproducible byte for byte from its seed.
 */
import { residentIdCheckChar } from "../src/core/identifiers/resident-id";
import { usccCheckChar } from "../src/core/identifiers/uscc";

/** mulberry32: small, fast, good enough for test data, and identical on every platform. */
export function makeRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍鹏辉玲建国建华红梅文斌波宇浩凯晨欣怡子涵雨轩梓萱一诺思远嘉怡俊杰志强海燕婷婷晓东丹丹佳琪";

export function chineseName(rng: Rng): string {
  const given = [...GIVEN];
  const n = rng.chance(0.7) ? 2 : 1;
  let name = rng.pick([...SURNAMES]);
  for (let i = 0; i < n; i++) name += rng.pick(given);
  return name;
}

/** A valid 18-character resident ID for the given area code (GB/T 2260), birth date and sex. */
export function residentId(rng: Rng, area: string, birthIso: string, male: boolean): string {
  const seq2 = String(rng.int(0, 99)).padStart(2, "0");
  const sexDigit = male ? rng.pick(["1", "3", "5", "7", "9"]) : rng.pick(["0", "2", "4", "6", "8"]);
  const first17 = `${area}${birthIso.replace(/-/g, "")}${seq2}${sexDigit}`;
  return first17 + residentIdCheckChar(first17);
}

/** The same ID with a wrong check character (for planted ID_INVALID mistakes). */
export function corruptCheckChar(id: string): string {
  const right = id[17];
  const wrong = "0123456789X".split("").find((c) => c !== right && c !== "X") ?? "1";
  return id.slice(0, 17) + wrong;
}

/** 第二代残疾人证: 18-character ID + category digit (1–7) + grade digit (1–4). */
export function disabilityCertificate(id: string, category: number, grade: number): string {
  return `${id}${category}${grade}`;
}

/** A valid 统一社会信用代码 for a company registered with 市场监管 (9) as an enterprise (1) in `area`. */
export function uscc(rng: Rng, area: string): string {
  // 主体标识码: an 8-digit organisation code body plus its GB 11714 check character (0–9 or X), so both checks pass.
  let org = "";
  for (let i = 0; i < 8; i++) org += String(rng.int(0, 9));
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const c = 11 - (org.split("").reduce((sum, d, i) => sum + Number(d) * weights[i], 0) % 11);
  const body = `91${area}${org}${c === 11 ? "0" : c === 10 ? "X" : String(c)}`;
  return body + usccCheckChar(body);
}

/** ISO date helpers for generators (UTC, no time zone surprises). */
export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** A Date at UTC midnight, which is how ExcelJS writes and reads date cells. */
export function utcDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

export function randomDate(rng: Rng, fromIso: string, toIso: string): string {
  const a = Date.parse(`${fromIso}T00:00:00Z`);
  const b = Date.parse(`${toIso}T00:00:00Z`);
  const t = a + Math.floor(rng.next() * ((b - a) / 86_400_000 + 1)) * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Round to cents without binary-float artefacts in the written cell (e.g. 8123.45, not 8123.450000000001). */
export function cents(value: number): number {
  return Math.round(value * 100) / 100;
}
