/**
 * The hostile corpus (issue 9): real .xlsx files written by ExcelJS — the bundled example workbook and small clean
 * workbooks — then damaged byte-wise or repacked with one part changed. Each file comes with the command to run,
 * the exit code and the message it must give. test/hostile/hostile.test.ts runs them; to look at the files:
 *
 *   npx tsx test/hostile/corpus.ts DIR
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import type { CellValue } from "../../src/workbook/types";
import { CLEAN_DECLARATION, CLEAN_PARAMS, cleanCompany, cleanEmployees, patchEmployees, sheetsToRows } from "../workbook/fixtures";
import type { Employee } from "../workbook/fixtures";
import { crc32, localData, readZip, writeZip } from "./zip";
import type { ZipEntry } from "./zip";

export const EXAMPLE = resolve(__dirname, "..", "..", "examples", "example-company.xlsx");
/** Form column 12 of the intact example (README, examples/README.md). */
export const EXAMPLE_PAYABLE = "42,789.53";

/** The example's parts (xl/workbook.xml and its relationships). */
export const PARTS = {
  declaration: { part: "xl/worksheets/sheet1.xml", sheet: "申报信息" },
  roster: { part: "xl/worksheets/sheet2.xml", sheet: "员工花名册" },
  payroll: { part: "xl/worksheets/sheet3.xml", sheet: "2024年工资明细" },
  strings: { part: "xl/sharedStrings.xml" },
  styles: { part: "xl/styles.xml" },
} as const;

export interface HostileCase {
  /** Test name. */
  what: string;
  /** levy arguments; paths are relative to the corpus folder. */
  argv: string[];
  exit: 0 | 1 | 2;
  /** Must appear in stdout + stderr. */
  says: RegExp[];
}

/** Replace one part of the example (or drop it with null), keeping every other part as it was. */
function repack(entries: readonly ZipEntry[], changes: Record<string, Buffer | null>, extra: ZipEntry[] = []): Buffer {
  const out: ZipEntry[] = [];
  for (const e of entries) {
    if (e.name in changes) {
      const data = changes[e.name];
      if (data !== null) out.push({ name: e.name, data });
    } else out.push(e);
  }
  return writeZip([...out, ...extra]);
}

/**
 * Damage an entry's deflate data so that inflating it really fails: first try 8 bytes changed a third of the way in
 * (deterministic offsets); where zlib happens to decode that to garbage without complaint (the CRC-32 case below
 * covers that), mark the first block with the reserved block type 11, which every inflater must reject.
 */
function damageDeflate(zip: Buffer, part: string): Buffer {
  const { start, length } = localData(zip, part);
  const fails = (copy: Buffer) => {
    try {
      inflateRawSync(copy.subarray(start, start + length));
      return false;
    } catch {
      return true;
    }
  };
  for (let k = 0; k < 50; k++) {
    const copy = Buffer.from(zip);
    const at = start + Math.floor(length / 3) + ((k * 37) % Math.floor(length / 2));
    for (let j = 0; j < 8; j++) copy[at + j] ^= 0x5a;
    if (fails(copy)) return copy;
  }
  const copy = Buffer.from(zip);
  copy[start] |= 0x06;
  if (fails(copy)) return copy;
  throw new Error(`could not damage ${part}`);
}

/** GBK encoder built from the platform's GBK decoder (every two-byte code decoded once, then inverted). */
function gbkEncode(text: string): Buffer {
  const decoder = new TextDecoder("gbk");
  const table = new Map<string, number>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.from([lead, trail]));
      if (ch.length === 1 && ch !== "\ufffd" && !table.has(ch)) table.set(ch, (lead << 8) | trail);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) bytes.push(c);
    else {
      const code = table.get(ch);
      if (code === undefined) throw new Error(`not in GBK: ${ch}`);
      bytes.push(code >> 8, code & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** A clean workbook (test/workbook/fixtures.ts) written by ExcelJS, optionally in the 1904 date system. */
async function writeClean(path: string, employees: Employee[], o: { date1904?: boolean; rosterExtraHeader?: string; dates?: Record<string, { col: number; value: number }> } = {}): Promise<void> {
  const wb = new ExcelJS.Workbook();
  if (o.date1904) wb.properties.date1904 = true;
  for (const s of sheetsToRows(cleanCompany({ employees, declaration: null, monthly: null, params: CLEAN_PARAMS }))) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((row, r) => {
      const values = [...row] as CellValue[];
      if (r === 0 && o.rosterExtraHeader && s.name === "花名册") values.push(o.rosterExtraHeader);
      ws.addRow(values as ExcelJS.CellValue[]);
    });
    if (s.name === "花名册" && o.dates) {
      s.rows.forEach((row, r) => {
        const d = o.dates?.[String(row[0])];
        if (!d) return;
        const cell = ws.getCell(r + 1, d.col);
        cell.value = d.value;
        cell.numFmt = "yyyy-mm-dd";
      });
    }
  }
  await wb.xlsx.writeFile(path);
}

/** Every file of the corpus, written into `dir`. */
export async function makeCorpus(dir: string): Promise<void> {
  const example = readFileSync(EXAMPLE);
  const entries = await readZip(EXAMPLE);
  const part = (name: string) => entries.find((e) => e.name === name)!.data;
  const put = (name: string, bytes: Buffer) => writeFileSync(join(dir, name), bytes);

  put("example.xlsx", example);
  // 1. Damaged deflate data in the parts the issue names.
  put("deflate-roster.xlsx", damageDeflate(example, PARTS.roster.part));
  put("deflate-payroll.xlsx", damageDeflate(example, PARTS.payroll.part));
  put("deflate-strings.xlsx", damageDeflate(example, PARTS.strings.part));
  put("deflate-styles.xlsx", damageDeflate(example, PARTS.styles.part));
  // 2. CRC-32: a stored payroll part with one digit changed (the directory keeps the original CRC).
  const payroll = part(PARTS.payroll.part);
  const digitAt = payroll.indexOf("<v>", payroll.indexOf("<v>1", payroll.length >> 1)) + 3;
  const changed = Buffer.from(payroll);
  changed[digitAt] = changed[digitAt] === 0x39 ? 0x31 : changed[digitAt] + 1;
  put(
    "crc-stored-digit.xlsx",
    writeZip(entries.map((e) => (e.name === PARTS.payroll.part ? { name: e.name, data: changed, method: 0 as const, claim: { crc: crc32(payroll) } } : e))),
  );
  // 30 single-bit flips spread over the example.
  for (let i = 0; i < 30; i++) {
    const copy = Buffer.from(example);
    const at = Math.floor(((i + 0.5) * copy.length) / 30);
    copy[at] ^= 1 << (i % 8);
    put(`bitflip-${String(i).padStart(2, "0")}.xlsx`, copy);
  }
  // 3. Malformed XML inside a sound zip (correct sizes and CRC): the payroll cut at 50%, an unterminated comment,
  //    an unterminated CDATA section.
  put("xml-cut-payroll.xlsx", repack(entries, { [PARTS.payroll.part]: payroll.subarray(0, payroll.length >> 1) }));
  const sheetData = payroll.indexOf("<sheetData>") + "<sheetData>".length;
  const insert = (at: number, text: string) => Buffer.concat([payroll.subarray(0, at), Buffer.from(text), payroll.subarray(at)]);
  put("xml-comment-payroll.xlsx", repack(entries, { [PARTS.payroll.part]: insert(payroll.indexOf("<row", sheetData + 5000), "<!-- ") }));
  put("xml-cdata-payroll.xlsx", repack(entries, { [PARTS.payroll.part]: insert(payroll.indexOf("<v>", sheetData + 5000) + 3, "<![CDATA[") }));
  // 4. Legal encodings and part names that must be read, and damaged or empty parts that must be named.
  const strings = part(PARTS.strings.part).toString("utf8");
  const utf16 = strings.replace(/encoding="UTF-8"/i, 'encoding="UTF-16"');
  put("utf16-strings.xlsx", repack(entries, { [PARTS.strings.part]: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf16, "utf16le")]) }));
  put("gbk-strings.xlsx", repack(entries, { [PARTS.strings.part]: gbkEncode(strings.replace(/encoding="UTF-8"/i, 'encoding="GBK"')) }));
  const renamed = "xl/worksheets/payroll_2024.xml";
  const rels = part("xl/_rels/workbook.xml.rels").toString("utf8").replace('Target="worksheets/sheet3.xml"', 'Target="/xl/worksheets/payroll_2024.xml"');
  const types = part("[Content_Types].xml").toString("utf8").replace("/xl/worksheets/sheet3.xml", `/${renamed}`);
  put(
    "renamed-payroll-part.xlsx",
    repack(entries, { [PARTS.payroll.part]: null, "xl/_rels/workbook.xml.rels": Buffer.from(rels), "[Content_Types].xml": Buffer.from(types) }, [{ name: renamed, data: payroll }]),
  );
  put("empty-payroll-part.xlsx", repack(entries, { [PARTS.payroll.part]: Buffer.alloc(0) }));
  put("missing-payroll-part.xlsx", repack(entries, { [PARTS.payroll.part]: null }));
  put("duplicate-payroll-part.xlsx", repack(entries, {}, [{ name: PARTS.payroll.part, data: Buffer.from("<worksheet/>") }]));
  put("gbk-undeclared-strings.xlsx", repack(entries, { [PARTS.strings.part]: gbkEncode(strings.replace(/ encoding="UTF-8"/i, "")) }));
  // 5. Bombs: 80 MB of XML white space in a month sheet, with an honest directory and with one that claims 4 KB.
  const bombXml = Buffer.concat([Buffer.from('<?xml version="1.0"?><worksheet><sheetData>'), Buffer.alloc(80 * 1024 ** 2, 0x20), Buffer.from("</sheetData></worksheet>")]);
  const bombRaw = deflateRawSync(bombXml, { level: 9 });
  put("bomb-honest.xlsx", repack(entries, { "xl/worksheets/sheet5.xml": null }, [{ name: "xl/worksheets/sheet5.xml", data: bombXml, raw: bombRaw }]));
  put("bomb-lying.xlsx", repack(entries, { "xl/worksheets/sheet5.xml": null }, [{ name: "xl/worksheets/sheet5.xml", data: bombXml, raw: bombRaw, claim: { size: 4096 } }]));

  // 6. The 1904 date system: 100 full-year staff; E0001–E0008 hired 2024-07-01, typed as a General-format 1904
  //    serial (45474 − 1462 = 44012); E0009 leaving 2024-06-30, a 1904 serial (44011) in a yyyy-mm-dd cell.
  //    Headcount by hand, (start + end) ÷ 2 per month: 91 full years + 8 × 6/12 + 1 × 6/12 = 95.5. Read as 1900
  //    serials the hires would be 2020-06-30 (full years: 99.5).
  const staff = cleanEmployees();
  const hired: Record<string, Partial<Employee>> = {};
  for (let i = 1; i <= 8; i++) hired[`E000${i}`] = { hire: 44012 };
  await writeClean(join(dir, "date1904.xlsx"), patchEmployees(staff, hired), { date1904: true, dates: { E0009: { col: 6, value: 44011 } } });
  // 6b. The 1904 date system in the parameter block and the declaration: General-format 1904 serials for
  //     申报日期 2025-06-20 (1900 serial 45828 − 1462 = 44366), 登记注册日期 2024-07-01 (45474 − 1462 = 44012) and
  //     费款所属期 2024-01-01 … 2024-12-31 (45292 − 1462 = 43830, 45657 − 1462 = 44195). Read as 1900 serials
  //     they would be 2021-06-19, 2020-06-30, 2019-12-31 and 2020-12-30.
  {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const params: Array<[string, CellValue]> = [...CLEAN_PARAMS, ["申报日期", 44366], ["登记注册日期", 44012]];
    const declaration: Array<[string, CellValue]> = [["费款所属期起", 43830], ["费款所属期止", 44195], ...CLEAN_DECLARATION];
    for (const s of sheetsToRows(cleanCompany({ employees: staff, params, declaration }))) {
      const ws = wb.addWorksheet(s.name);
      for (const row of s.rows) ws.addRow(row as ExcelJS.CellValue[]);
    }
    await wb.xlsx.writeFile(join(dir, "params1904.xlsx"));
  }
  // 6c. Typo'd ratios (issue 9 §3): 安置比例 1.5 meant as 1.5%, in a workbook's parameter block and in a calc case.
  {
    const wb = new ExcelJS.Workbook();
    for (const s of sheetsToRows(cleanCompany({ employees: staff, params: [...CLEAN_PARAMS, ["安置比例", 1.5]], declaration: null }))) {
      const ws = wb.addWorksheet(s.name);
      for (const row of s.rows) ws.addRow(row as ExcelJS.CellValue[]);
    }
    await wb.xlsx.writeFile(join(dir, "typo-ratio.xlsx"));
    writeFileSync(join(dir, "typo-ratio.json"), JSON.stringify({ region: "CN-JS", filingYear: 2025, headcount: "200", wageTotal: "20000000", certifiedDisabled: "0", overrides: { quotaRatio: "1.5", localCollectionRate: "0.6" } }));
    writeFileSync(join(dir, "typo-collection.json"), JSON.stringify({ region: "CN-JS", filingYear: 2025, headcount: "200", wageTotal: "20000000", certifiedDisabled: "0", overrides: { localCollectionRate: "60" } }));
  }
  // 7. Names XML cannot hold, read from `_xFFFE_` / `_x0001_` escapes, and a header with a terminal escape sequence.
  await writeClean(join(dir, "names.xlsx"), patchEmployees(staff, { E0010: { name: "张_xFFFE_三", type: "实习生" }, E0011: { name: "李_x0001_四", type: "实习生" } }), {
    rosterExtraHeader: "备注_x001B_[2J_x001B_]0;pwned_x0007_",
  });
  // 8. Output-path collisions.
  put("client.xlsx", example);
  put("existing.xlsx", Buffer.from("the user's own file"));
  put("existing-template.xlsx", Buffer.from("the user's own template"));
  symlinkSync(join(dir, "client.xlsx"), join(dir, "client-link.xlsx"));
}

const damagedPart = (p: { part: string; sheet?: string }) => [/工作簿已损坏/, new RegExp(p.part.replace(/\./g, "\\.")), ...(p.sheet ? [new RegExp(`工作表“${p.sheet}”`), new RegExp(`sheet "${p.sheet}"`)] : []), /was not audited/];

/** The cases with fixed expectations (the bit flips, 1904 dates and output paths have their own tests). */
export const CASES: HostileCase[] = [
  { what: "the intact example is audited (payable 42,789.53, errors found)", argv: ["audit", "example.xlsx"], exit: 1, says: [/本期应补（退）费额 Payable\s+42,789\.53/] },
  ...(["roster", "payroll"] as const).map((k) => ({ what: `damaged deflate data in the ${k} is refused, naming the part and sheet`, argv: ["audit", `deflate-${k}.xlsx`], exit: 2 as const, says: [...damagedPart(PARTS[k]), /无法解压|cannot be inflated/] })),
  { what: "damaged deflate data in the shared strings is refused, naming the part", argv: ["audit", "deflate-strings.xlsx"], exit: 2, says: [...damagedPart(PARTS.strings), /共享字符串/, /shared strings/] },
  { what: "damaged deflate data in the styles is refused, naming the part", argv: ["audit", "deflate-styles.xlsx"], exit: 2, says: [...damagedPart(PARTS.styles), /样式/, /styles/] },
  { what: "a damaged file before a valid one: both are reported, worst exit wins", argv: ["audit", "deflate-payroll.xlsx", "example.xlsx"], exit: 2, says: [/══ deflate-payroll\.xlsx ══\n无法审核 Cannot audit: 工作簿已损坏/, /══ example\.xlsx ══/, /本期应补（退）费额 Payable\s+42,789\.53/, /汇总 Summary \(2 个文件 files\)/] },
  { what: "a stored payroll part with one digit changed fails its CRC-32", argv: ["audit", "crc-stored-digit.xlsx"], exit: 2, says: [...damagedPart(PARTS.payroll), /CRC-32 校验和不符/, /fails its CRC-32 check/] },
  { what: "a payroll part cut at 50% is refused, not audited with half the rows", argv: ["audit", "xml-cut-payroll.xlsx"], exit: 2, says: [...damagedPart(PARTS.payroll), /不是格式正确的 XML/, /not well-formed XML \(the part ends inside/] },
  { what: "an unterminated comment in the payroll is refused", argv: ["audit", "xml-comment-payroll.xlsx"], exit: 2, says: [...damagedPart(PARTS.payroll), /unterminated comment/] },
  { what: "an unterminated CDATA section in the payroll is refused", argv: ["audit", "xml-cdata-payroll.xlsx"], exit: 2, says: [...damagedPart(PARTS.payroll), /unterminated CDATA/] },
  { what: "UTF-16 shared strings (legal) are read: same result as the example", argv: ["audit", "utf16-strings.xlsx"], exit: 1, says: [/本期应补（退）费额 Payable\s+42,789\.53/, /员工花名册!A3:M\d+ — 花名册 roster/] },
  { what: "GBK-declared shared strings are read: same result as the example", argv: ["audit", "gbk-strings.xlsx"], exit: 1, says: [/本期应补（退）费额 Payable\s+42,789\.53/, /员工花名册!A3:M\d+ — 花名册 roster/] },
  { what: "GBK bytes without a declaration are not UTF-8: refused, naming the part", argv: ["audit", "gbk-undeclared-strings.xlsx"], exit: 2, says: [...damagedPart(PARTS.strings), /not valid utf-8/] },
  { what: "a worksheet part with a legal name other than sheetN.xml is read through the relationships", argv: ["audit", "renamed-payroll-part.xlsx"], exit: 1, says: [/本期应补（退）费额 Payable\s+42,789\.53/, /2024年工资明细!A\d+:\w+\d+ — 工资表 payroll/] },
  { what: "an empty worksheet part is named as damaged", argv: ["audit", "empty-payroll-part.xlsx"], exit: 2, says: [...damagedPart(PARTS.payroll), /holds no XML element/] },
  { what: "a missing worksheet part is named", argv: ["audit", "missing-payroll-part.xlsx"], exit: 2, says: [...damagedPart(PARTS.payroll), /在文件中不存在/, /is missing from the file/] },
  { what: "a part that occurs twice is refused", argv: ["audit", "duplicate-payroll-part.xlsx"], exit: 2, says: [/出现了两次/, /occurs twice/] },
  { what: "a bomb with an honest directory is refused before inflating", argv: ["audit", "bomb-honest.xlsx"], exit: 2, says: [/压缩炸弹/, /zip bomb/, /sheet5\.xml/] },
  { what: "a bomb whose directory lies about its size is stopped as soon as it inflates past the claim", argv: ["audit", "bomb-lying.xlsx"], exit: 2, says: [/xl\/worksheets\/sheet5\.xml/, /zip 目录记载/, /zip directory records/] },
  { what: "安置比例 1.5 in a workbook's parameter block is an error on its cell with the likely meaning", argv: ["audit", "typo-ratio.xlsx"], exit: 1, says: [/\[PARAM_IMPLAUSIBLE\]/, /安置比例 1\.5 被读作 150%/, /did you mean 1\.5% \(0\.015\)\?/, /参数!B9/] },
  { what: "安置比例 1.5 in a levy calc override is refused (exit 2) with the likely meaning", argv: ["calc", "typo-ratio.json"], exit: 2, says: [/field "quotaRatio"/, /did you mean 1\.5% \(0\.015\)\?/] },
  { what: "征收比例 60 in a levy calc override is refused (exit 2): 60%?", argv: ["calc", "typo-collection.json"], exit: 2, says: [/field "localCollectionRate"/, /did you mean 60% \(0\.6\)\?/] },
  { what: "a workbook over --max-mb is refused with a message saying how to raise the limit", argv: ["audit", "example.xlsx", "--max-mb", "1"], exit: 2, says: [/超出可审核的上限（1 MB）/, /--max-mb/, /LEVY_MAX_MB/] },
  { what: "a read over --max-seconds is stopped with a message saying how to raise the limit", argv: ["audit", "example.xlsx", "--max-seconds", "0.001"], exit: 2, says: [/时间上限/, /--max-seconds/] },
];

if (require.main === module) {
  const dir = resolve(process.argv[2] ?? "hostile-corpus");
  mkdirSync(dir, { recursive: true });
  makeCorpus(dir).then(() => process.stdout.write(`hostile corpus written to ${dir}\n`));
}
