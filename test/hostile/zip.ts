/**
 * A minimal zip writer and reader for the hostile corpus: it writes exactly the bytes a test asks for, including a
 * directory that lies (wrong sizes, wrong CRC-32), duplicate names, stored or deflated entries. The reader here is
 * deliberately independent of the code under test (src/cli/xlsx-reader.ts): it uses ExcelJS's own JSZip.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { deflateRawSync } from "node:zlib";

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** 0 stored, 8 deflated (default). */
  method?: 0 | 8;
  /** Bytes to write as the entry's data instead of compressing `data` (damaged deflate, a bomb, …). */
  raw?: Buffer;
  /** What the directory claims, when it should lie. */
  claim?: { crc?: number; size?: number };
}

let crcTable: Int32Array | undefined;
/** CRC-32 (ISO-HDLC), table-driven: the corpus computes its own, independently of the reader's. */
export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let c = -1;
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** A zip of `entries`, in order, with fixed timestamps. */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const body = e.raw ?? (method === 8 ? deflateRawSync(e.data, { level: 9 }) : e.data);
    const name = Buffer.from(e.name, "utf8");
    const crc = e.claim?.crc ?? crc32(e.data);
    const size = e.claim?.size ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x4800, 10); // 09:00
    local.writeUInt16LE(0x5ad4, 12); // 2025-06-20
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0x4800, 12);
    central.writeUInt16LE(0x5ad4, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** Every entry of an .xlsx (names and inflated bytes, in zip order), read with JSZip. */
export async function readZip(path: string): Promise<ZipEntry[]> {
  const JSZip = createRequire(require.resolve("exceljs"))("jszip");
  const zip = await JSZip.loadAsync(readFileSync(path));
  const out: ZipEntry[] = [];
  for (const name of Object.keys(zip.files)) {
    if (zip.files[name].dir) continue;
    out.push({ name, data: await zip.file(name).async("nodebuffer") });
  }
  return out;
}

/** Where an entry's compressed data sits in a zip written by anyone (from its local header). */
export function localData(zip: Buffer, name: string): { start: number; length: number } {
  const sig = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
  for (let p = zip.indexOf(sig); p >= 0; p = zip.indexOf(sig, p + 4)) {
    const nameLength = zip.readUInt16LE(p + 26);
    const extraLength = zip.readUInt16LE(p + 28);
    if (zip.toString("utf8", p + 30, p + 30 + nameLength) !== name) continue;
    // ExcelJS writes sizes in a data descriptor; take the compressed size from the central directory instead.
    const c = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
    for (let q = zip.indexOf(c); q >= 0; q = zip.indexOf(c, q + 4)) {
      const n = zip.readUInt16LE(q + 28);
      if (zip.toString("utf8", q + 46, q + 46 + n) === name) return { start: p + 30 + nameLength + extraLength, length: zip.readUInt32LE(q + 20) };
    }
  }
  throw new Error(`no entry ${name}`);
}
