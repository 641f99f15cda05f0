#!/usr/bin/env node
// A scanned copy of a fixture contract, for the OCR tests: each page rasterised with poppler's pdftoppm
// (200 dpi, grey), turned a little (0.7°), speckled with seeded noise and made black and white as an office
// scanner does, then put back together as a PDF of page images with no text layer (pdfkit). Byte-stable:
// the noise comes from the build's seeded generator (run `npm run build` first) and the PDF's dates are fixed.
//
// Usage: node scripts/make-scan-fixture.mjs [--src PDF] [--out PDF]
//   defaults: fixtures/portfolio/04-meridian-crest-capital.pdf → fixtures/scanned/04-meridian-crest-capital.pdf
// scripts/bench-ocr.mjs uses its rasterise() and imagePdf() to make image-only PDFs.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { mulberry32 } from '../dist/random.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIXED_DATE = new Date('2026-01-02T09:00:00Z');

/** Grey pixels of a binary PGM (P5, 8-bit), as pdftoppm -gray writes it. */
function readPgm(buf) {
  let at = 0;
  const fields = [];
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(buf[at]))) at++;
    if (buf[at] === 0x23) {
      while (buf[at] !== 0x0a) at++;
      continue;
    }
    let s = '';
    while (!/\s/.test(String.fromCharCode(buf[at]))) s += String.fromCharCode(buf[at++]);
    fields.push(s);
  }
  at++;
  if (fields[0] !== 'P5' || +fields[3] !== 255) throw new Error('expected an 8-bit binary PGM');
  return { width: +fields[1], height: +fields[2], data: buf.subarray(at, at + +fields[1] * +fields[2]) };
}

/** Turned by `degrees` about the centre (bilinear), grey noise added, then thresholded to black and white. */
export function scanLook({ width, height, data }, { degrees = 0.7, noise = 30, speckle = 0.0002, seed = 7 } = {}) {
  const rnd = mulberry32(seed);
  const out = Buffer.alloc(width * height, 255);
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a),
    sin = Math.sin(a);
  const cx = width / 2,
    cy = height / 2;
  const at = (x, y) => (x < 0 || y < 0 || x >= width || y >= height ? 255 : data[y * width + x]);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = cos * (x - cx) + sin * (y - cy) + cx;
      const sy = -sin * (x - cx) + cos * (y - cy) + cy;
      const x0 = Math.floor(sx),
        y0 = Math.floor(sy);
      const fx = sx - x0,
        fy = sy - y0;
      const v =
        at(x0, y0) * (1 - fx) * (1 - fy) +
        at(x0 + 1, y0) * fx * (1 - fy) +
        at(x0, y0 + 1) * (1 - fx) * fy +
        at(x0 + 1, y0 + 1) * fx * fy;
      const g = v + (rnd() + rnd() + rnd() - 1.5) * noise;
      out[y * width + x] = rnd() < speckle ? 0 : g < 150 ? 0 : 255;
    }
  }
  return { width, height, data: out };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, body) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  const tb = Buffer.concat([Buffer.from(type, 'latin1'), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(tb));
  return Buffer.concat([len, tb, crc]);
}

/** An 8-bit greyscale PNG. */
export function encodePng({ width, height, data }) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) data.copy(raw, y * (width + 1) + 1, y * width, (y + 1) * width);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The pages of `pdf` (all, or `first` to `last`) as grey rasters at `dpi` (pdftoppm -gray). */
export function rasterise(pdf, dpi, opts = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'clausemap-scan-'));
  const range = [...(opts.first ? ['-f', String(opts.first)] : []), ...(opts.last ? ['-l', String(opts.last)] : [])];
  try {
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', ...range, pdf, join(dir, 'p')]);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.pgm'))
      .sort()
      .map((f) => readPgm(readFileSync(join(dir, f))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The number of pages of a PDF (pdfinfo). */
export function pageCount(pdf) {
  return Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [pdf], { encoding: 'latin1' }))?.[1] ?? 0);
}

/** A PDF of page images (no text layer) at `dpi`, as a Buffer. `pages` may be any iterable, so that a
 *  generator keeps one page in memory at a time. */
export async function imagePdf(pages, dpi) {
  const PDFDocument = (await import('pdfkit')).default;
  const doc = new PDFDocument({ autoFirstPage: false, info: { CreationDate: FIXED_DATE, ModDate: FIXED_DATE } });
  const chunks = [];
  doc.on('data', (c) => chunks.push(c));
  const done = new Promise((r) => doc.on('end', r));
  for (const p of pages) {
    const w = (p.width / dpi) * 72,
      h = (p.height / dpi) * 72;
    doc.addPage({ size: [w, h], margin: 0 });
    doc.image(encodePng(p), 0, 0, { width: w, height: h });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

async function main(argv) {
  let src = join(ROOT, 'fixtures', 'portfolio', '04-meridian-crest-capital.pdf');
  let out;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--src') src = resolve(argv[++i] ?? '');
    else if (argv[i] === '--out') out = resolve(argv[++i] ?? '');
    else {
      console.error('usage: node scripts/make-scan-fixture.mjs [--src PDF] [--out PDF]');
      process.exit(2);
    }
  }
  out ??= join(ROOT, 'fixtures', 'scanned', basename(src));
  const dpi = 200;
  const pages = rasterise(src, dpi).map((p, i) => scanLook(p, { seed: 7 + i, degrees: i % 2 ? -0.6 : 0.7 }));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, await imagePdf(pages, dpi));
  console.log(`wrote ${out} (${pages.length} pages)`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
