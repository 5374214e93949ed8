#!/usr/bin/env node
// Draws the add-in icons (assets/icon-16.png … icon-128.png) with Node's built-in modules only: the shapes are
// rasterised with 4×4 supersampling and written by a small PNG encoder (RGBA, zlib from node:zlib, CRC-32 by hand).
// The output is deterministic; the PNGs are committed, rerun this script after changing the drawing.
//   node scripts/make-icons.js [outDir]
// The icon: a teal rounded square with a white coin showing a yuan sign (¥).
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

const SIZES = [16, 32, 64, 80, 128];
const BACKGROUND = [0x0f, 0x6e, 0x5f]; // teal
const WHITE = [0xff, 0xff, 0xff];

// ---- PNG encoder -------------------------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buffers) {
  let c = 0xffffffff;
  for (const buf of buffers) for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeBuf = Buffer.from(type, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32([typeBuf, data]));
  return Buffer.concat([length, typeBuf, data, crc]);
}

/** @param {number} width @param {number} height @param {Uint8Array} rgba width*height*4 bytes, row-major */
function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method 0
  header[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// ---- drawing (in a unit square, y down) --------------------------------------------------------------------------

function roundedSquare(x, y, radius) {
  const qx = Math.abs(x - 0.5) - (0.5 - radius);
  const qy = Math.abs(y - 0.5) - (0.5 - radius);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - radius <= 0;
}

function nearSegment(x, y, ax, ay, bx, by, halfWidth) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= halfWidth;
}

/** Colour at a point of the unit square, or null where transparent. */
function paint(x, y, size) {
  if (!roundedSquare(x, y, 0.2)) return null;
  // Thicker strokes on the small icons so they stay legible.
  const stroke = size <= 16 ? 0.07 : size <= 32 ? 0.055 : 0.045;
  const r = Math.hypot(x - 0.5, y - 0.5);
  const ring = Math.abs(r - 0.34) <= stroke * 0.75;
  const yen =
    nearSegment(x, y, 0.36, 0.28, 0.5, 0.48, stroke) || // left arm
    nearSegment(x, y, 0.64, 0.28, 0.5, 0.48, stroke) || // right arm
    nearSegment(x, y, 0.5, 0.48, 0.5, 0.73, stroke) || // stem
    nearSegment(x, y, 0.39, 0.52, 0.61, 0.52, stroke * 0.8) || // upper bar
    nearSegment(x, y, 0.39, 0.62, 0.61, 0.62, stroke * 0.8); // lower bar
  if (size <= 16) return yen ? WHITE : BACKGROUND; // no ring at 16 px: too fine to read
  return ring || yen ? WHITE : BACKGROUND;
}

function drawIcon(size) {
  const SS = 4; // samples per axis
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const colour = paint((px + (sx + 0.5) / SS) / size, (py + (sy + 0.5) / SS) / size, size);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered++;
        }
      }
      const i = (py * size + px) * 4;
      if (covered > 0) {
        rgba[i] = Math.round(r / covered);
        rgba[i + 1] = Math.round(g / covered);
        rgba[i + 2] = Math.round(b / covered);
        rgba[i + 3] = Math.round((255 * covered) / (SS * SS));
      }
    }
  }
  return encodePng(size, size, rgba);
}

function main() {
  const outDir = path.resolve(process.argv[2] || path.join(__dirname, "..", "assets"));
  fs.mkdirSync(outDir, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(outDir, `icon-${size}.png`);
    fs.writeFileSync(file, drawIcon(size));
    process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
  }
}

if (require.main === module) main();

module.exports = { encodePng, drawIcon, crc32, SIZES };
