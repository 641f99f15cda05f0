// OCR on real scans: the scanned fixture (a portfolio contract rasterised, turned and speckled), images made
// from it here, a 200-page scan against the time cap, and the outside tools' own limits: each has a timeout,
// and none outlives the pool child that started it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../src/ingest/index.js';
import { runTool } from '../src/ingest/tool.js';
import { AnalysisPool } from '../src/pipeline/pool.js';
import { reusable } from '../src/store/index.js';
import { BADINPUT, isAlive } from './badinput.cases.js';
import { failure } from './ingest-failure.js';
import { ROOT } from './e2e-expected.js';
import { HAS_SHARED } from './shared-data.js';

const SCAN = path.join(ROOT, 'fixtures/scanned/04-meridian-crest-capital.pdf');
const tmp = mkdtempSync(path.join(tmpdir(), 'clausemap-ocr-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Page `n` of the scanned fixture as an image file (pdftoppm), at 200 dpi. */
function pageImage(n: number, format: 'png' | 'jpeg' | 'tiff'): string {
  const prefix = path.join(tmp, `page${n}-${format}`);
  execFileSync('pdftoppm', [
    `-${format}`,
    '-gray',
    '-r',
    '200',
    '-f',
    String(n),
    '-l',
    String(n),
    '-singlefile',
    SCAN,
    prefix,
  ]);
  return `${prefix}.${format === 'jpeg' ? 'jpg' : format === 'tiff' ? 'tif' : 'png'}`;
}

/** Two single-page baseline TIFFs (little-endian) joined into one two-page TIFF: the second's offsets moved. */
function twoPageTiff(a: Buffer, b: Buffer): Buffer {
  const shift = a.length;
  const out = Buffer.concat([a, b]);
  const ifdOf = (buf: Buffer, at: number) => buf.readUInt32LE(at + 4) + at;
  // walk the second file's IFD, moving every offset by `shift`
  const ifd2 = ifdOf(out, shift);
  const n = out.readUInt16LE(ifd2);
  const size = [0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8];
  for (let i = 0; i < n; i++) {
    const e = ifd2 + 2 + i * 12;
    const tag = out.readUInt16LE(e);
    const type = out.readUInt16LE(e + 2);
    const count = out.readUInt32LE(e + 4);
    const bytes = (size[type] ?? 1) * count;
    const isOffsetTag = tag === 273 || tag === 324; // StripOffsets, TileOffsets
    if (bytes > 4) out.writeUInt32LE(out.readUInt32LE(e + 8) + shift, e + 8);
    if (isOffsetTag) {
      if (bytes > 4) {
        const at = out.readUInt32LE(e + 8);
        for (let k = 0; k < count; k++) out.writeUInt32LE(out.readUInt32LE(at + 4 * k) + shift, at + 4 * k);
      } else if (type === 4) out.writeUInt32LE(out.readUInt32LE(e + 8) + shift, e + 8);
    }
  }
  // the first file's last IFD points on to the second's
  let ifd = ifdOf(out, 0);
  for (;;) {
    const next = ifd + 2 + out.readUInt16LE(ifd) * 12;
    if (out.readUInt32LE(next) === 0) {
      out.writeUInt32LE(ifd2, next);
      break;
    }
    ifd = out.readUInt32LE(next);
  }
  return out;
}

describe('OCR of a scanned PDF', () => {
  it('reads every page, keeps the page starts, and says it read by OCR with what confidence', async () => {
    const d = await ingestFile(SCAN, { ocr: { jobs: 2, timeoutMs: 600_000 } });
    expect(d.kind).toBe('pdf');
    expect(d.pageStarts).toHaveLength(4);
    expect(d.ocrPages?.map((p) => p.page)).toEqual([1, 2, 3, 4]);
    for (const p of d.ocrPages!) expect(p.confidence).toBeGreaterThanOrEqual(85);
    const flat = d.text.replace(/\s+/g, ' ');
    expect(flat).toContain('Meridian Crest Capital');
    expect(flat).toContain('thirty (30) days');
    const w = d.warnings.find((x) => x.code === 'OCR')!;
    expect(w.message).toMatch(/^Read by OCR: pages 1, 2, 3 and 4 \(mean word confidence page 1 \d+%/);
    // the page starts point at each page's own text
    expect(d.text.slice(d.pageStarts[3]!)).toMatch(/Assignment/);
  }, 120_000);

  it('reads by OCR only the pages of a mixed PDF that have no text layer', async () => {
    const doc = new PDFDocument({ autoFirstPage: false });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((r) => doc.on('end', () => r()));
    doc.addPage({ size: 'LETTER', margin: 72 });
    doc.fontSize(11).text('1. Services. Provider shall perform the services described in each statement of work.');
    doc.addPage({ size: 'LETTER', margin: 0 });
    doc.image(pageImage(4, 'png'), 0, 0, { width: 612, height: 792 });
    doc.end();
    await done;
    const mixed = path.join(tmp, 'mixed.pdf');
    writeFileSync(mixed, Buffer.concat(chunks));
    const d = await ingestFile(mixed, { ocr: { timeoutMs: 600_000 } });
    expect(d.ocrPages?.map((p) => p.page)).toEqual([2]);
    expect(d.text.slice(0, d.pageStarts[1]).replace(/\s+/g, ' ').trim()).toBe(
      '1. Services. Provider shall perform the services described in each statement of work.',
    );
    expect(d.text.slice(d.pageStarts[1]!)).toMatch(/11\.3 Assignment/);
    expect(d.warnings.find((w) => w.code === 'OCR')?.message).toMatch(/^Read by OCR: page 2 \(/);
  }, 120_000);

  it.skipIf(!HAS_SHARED)(
    'reads the scanned PDF of ../shared/badinput, noting its encryption and each page',
    async () => {
      const d = await ingestFile(path.join(BADINPUT, 'textract/ocr_text.pdf'), {
        ocr: { timeoutMs: 600_000, jobs: 2 },
      });
      expect(d.warnings.map((w) => w.code)).toEqual(['ENCRYPTED', 'OCR']);
      expect(d.warnings[1]!.message).toMatch(/^Read by OCR: pages 1, 2 and 3 \(mean word confidence page 1 \d+%/);
      expect(d.ocrPages?.every((p) => p.confidence >= 80)).toBe(true);
    },
    120_000,
  );

  it('reads nothing by OCR with --ocr never: no text layer, as before', async () => {
    const e = await failure(SCAN, { ocr: { mode: 'never' } });
    expect(e.code).toBe('NO_TEXT_LAYER');
    expect(e.message).toMatch(/OCR is off \(--ocr never\)/);
  });

  it('stops a 200-page scan at once with TOO_COMPLEX when the time cap cannot hold it, naming the --timeout', async () => {
    const png = pageImage(2, 'png');
    const doc = new PDFDocument({ autoFirstPage: false });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((r) => doc.on('end', () => r()));
    for (let i = 0; i < 200; i++) {
      doc.addPage({ size: 'LETTER', margin: 0 });
      doc.image(png, 0, 0, { width: 612, height: 792 });
    }
    doc.end();
    await done;
    const big = path.join(tmp, 'scan-200.pdf');
    writeFileSync(big, Buffer.concat(chunks));
    const t0 = Date.now();
    const e = await failure(big, { ocr: { jobs: 2, timeoutMs: 20_000 } });
    expect(e.code).toBe('TOO_COMPLEX');
    expect(e.message).toMatch(
      /OCR of 200 scanned pages needs about [\d.]+ s a page here.*run again with --timeout \d+/,
    );
    expect(Date.now() - t0).toBeLessThan(20_000);
  }, 60_000);
});

describe('OCR of images', () => {
  it('reads a PNG and a JPEG scan', async () => {
    for (const f of [pageImage(1, 'png'), pageImage(1, 'jpeg')]) {
      const d = await ingestFile(f, { ocr: { timeoutMs: 600_000 } });
      expect(d.kind).toBe('image');
      expect(d.text.replace(/\s+/g, ' ')).toContain('Meridian Crest Capital');
      expect(d.warnings.map((w) => w.code)).toContain('OCR');
    }
  }, 60_000);

  it('reads every page of a multi-page TIFF, each at its own page start', async () => {
    const tif = path.join(tmp, 'two.tif');
    writeFileSync(tif, twoPageTiff(readFileSync(pageImage(3, 'tiff')), readFileSync(pageImage(4, 'tiff'))));
    const d = await ingestFile(tif, { ocr: { timeoutMs: 600_000 } });
    expect(d.pageStarts).toHaveLength(2);
    expect(d.ocrPages?.map((p) => p.page)).toEqual([1, 2]);
    expect(d.text.slice(d.pageStarts[1]!)).toMatch(/Assignment/);
    expect(d.text.slice(0, d.pageStarts[1])).not.toMatch(/11\.3 Assignment/);
  }, 60_000);

  it('skips an image with OCR off, and calls a blank one blank', async () => {
    const png = pageImage(1, 'png');
    const off = await failure(png, { ocr: { mode: 'never' } });
    expect([off.status, off.message]).toEqual(['skipped', expect.stringMatching(/PNG image \(OCR is off/)]);
    const blankPng = path.join(tmp, 'white');
    // a white page as PNG: a one-page PDF with nothing on it, rasterised
    const doc = new PDFDocument({ size: 'LETTER' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((r) => doc.on('end', () => r()));
    doc.end();
    await done;
    writeFileSync(`${blankPng}.pdf`, Buffer.concat(chunks));
    execFileSync('pdftoppm', ['-png', '-r', '100', '-singlefile', `${blankPng}.pdf`, blankPng]);
    const blank = await failure(`${blankPng}.png`, { ocr: { timeoutMs: 600_000 } });
    expect(blank.code).toBe('BLANK_SCAN');
  }, 60_000);
});

describe('the term database', () => {
  it('keeps what OCR and the converters conclude from the bytes, so a re-run does not read them again', () => {
    for (const code of ['BLANK_SCAN', 'ILLEGIBLE_SCAN', 'CORRUPT_DOC', 'CORRUPT_IMAGE'] as const)
      expect(reusable({ file: 'x', status: 'error', error: { code, message: 'x' }, warnings: [], clauses: [] })).toBe(
        true,
      );
  });
});

describe('outside tools', () => {
  it('are stopped at their own timeout', async () => {
    const t0 = Date.now();
    const r = await runTool('/bin/sleep', ['20'], { timeoutMs: 300, dataMb: 256 });
    expect(r.timedOut).toBe(true);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('die with the pool child that started them when it is killed', async () => {
    const pool = new AnalysisPool({ concurrency: 1, timeoutMs: 120_000 });
    try {
      const result = pool.analyze(SCAN, { ocr: { jobs: 1 } });
      // wait for an OCR tool whose parent is the child
      let tool: number | undefined;
      const child = () => pool.pids()[0];
      for (let i = 0; i < 300 && !tool; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const parent = child();
        if (!parent) continue;
        for (const p of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
          try {
            const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
            const [name, rest] = [
              stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
              stat.slice(stat.lastIndexOf(')') + 2),
            ];
            if (/^(tesseract|pdftoppm)$/.test(name) && Number(rest.split(' ')[1]) === parent) tool = Number(p);
          } catch {
            // gone
          }
        }
      }
      expect(tool).toBeDefined();
      process.kill(child()!, 'SIGKILL'); // what the pool does at a time or memory cap
      const r = await result;
      expect(r.error?.code).toBe('TOO_COMPLEX');
      const t0 = Date.now();
      while (isAlive(tool!) && Date.now() - t0 < 2000) await new Promise((r) => setTimeout(r, 50));
      expect(isAlive(tool!)).toBe(false);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
