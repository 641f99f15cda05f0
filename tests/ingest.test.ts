// Ingest on its own, in this process, over files that are safe to parse here (the dangerous ones are only
// ever read in pool children: tests/badinput.test.ts). Text quality, DOCX features, type detection and
// the zip checks that run before anything is inflated.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanPdfPages } from '../src/ingest/clean.js';
import { ingestFile } from '../src/ingest/index.js';
import { failure } from './ingest-failure.js';
import { BADINPUT } from './badinput.cases.js';
import { describeCorpus, HAS_SHARED, SHARED } from './shared-data.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'clausemap-ingest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const bad = (f: string) => path.join(BADINPUT, f);

function put(name: string, data: string | Buffer): string {
  const f = path.join(tmp, name);
  writeFileSync(f, data);
  return f;
}

/** A minimal zip writer: entries deflated (or stored), sizes as given (to make a zip that lies). */
function zip(entries: { name: string; data: Buffer; claimSize?: number; store?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const body = e.store ? e.data : deflateRawSync(e.data);
    const name = Buffer.from(e.name);
    const size = e.claimSize ?? e.data.length;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.store ? 0 : 8, 10);
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

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
function docx(bodyXml: string): Buffer {
  return zip([
    {
      name: '[Content_Types].xml',
      data: Buffer.from(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      ),
    },
    {
      name: '_rels/.rels',
      data: Buffer.from(
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
    },
    {
      name: 'word/document.xml',
      data: Buffer.from(`<?xml version="1.0"?><w:document xmlns:w="${W}"><w:body>${bodyXml}</w:body></w:document>`),
    },
  ]);
}

describe('PDF text clean-up', () => {
  it.skipIf(!HAS_SHARED)('expands ligatures and gives NFC text', async () => {
    const d = await ingestFile(bad('pdfjs/copy_paste_ligatures.pdf'));
    expect(d.text).not.toMatch(/[\uFB00-\uFB06]/);
    expect(d.text).toContain('ffffiflffiffl');
    expect(d.text).toBe(d.text.normalize('NFC'));
  });

  it.skipIf(!HAS_SHARED)('reads vertical Japanese with the CMaps configured', async () => {
    const d = await ingestFile(bad('pdfjs/vertical.pdf'));
    expect(d.text.replace(/\s+/g, ' ')).toContain('あいうえお 日本語');
  });

  it.skipIf(!HAS_SHARED)(
    'drops page markers, page numbers and running heads; joins line-end hyphenation; keeps pages',
    async () => {
      const d = await ingestFile(bad('py-pdf-sample-files/GeoTopo-komprimiert.pdf'));
      expect(d.pageStarts).toHaveLength(117);
      expect(d.text).not.toMatch(/-- \d+ of 117 --/);
      expect(d.text).not.toMatch(/^\d+ 1\.6\. WEGE UND KNOTEN$/m);
      expect((d.text.match(/[a-zäöüß]-\n/g) ?? []).length).toBeLessThan(5); // 47 before
      for (let i = 1; i < d.pageStarts.length; i++) expect(d.pageStarts[i]!).toBeGreaterThan(d.pageStarts[i - 1]!);
    },
  );

  it('keeps page i starting exactly at pageStarts[i]', () => {
    const pages = [
      'ACME CONFIDENTIAL\nFirst page body, agree-\nment here.\n1',
      'ACME CONFIDENTIAL\nSecond page body.\n2',
      '',
      'ACME CONFIDENTIAL\nFourth \uFB01nal page.\n-- 4 of 4 --\n4',
    ];
    const { text, pageStarts } = cleanPdfPages(pages);
    expect(pageStarts).toHaveLength(4);
    expect(text.slice(pageStarts[0], pageStarts[1])).toBe('First page body, agreement here.\n\n');
    expect(text.slice(pageStarts[1], pageStarts[2])).toBe('Second page body.\n\n');
    expect(text.slice(pageStarts[2], pageStarts[3])).toBe('\n\n');
    expect(text.slice(pageStarts[3])).toBe('Fourth final page.\n\n');
  });

  it('keeps a real compound split at a line end', () => {
    const { text } = cleanPdfPages(['The third-party software and the third-\nparty services.']);
    expect(text).toContain('third-party services');
  });

  it.skipIf(!HAS_SHARED)('reads two columns in order and rejoins accents drawn as separate glyphs', async () => {
    const d = await ingestFile(bad('py-pdf-sample-files/multicolumn.pdf'));
    const left = d.text.indexOf('Nam dui ligula, fringilla a, euismod sodales');
    const right = d.text.indexOf('Quisque ullamcorper placerat ipsum');
    expect(left).toBeGreaterThan(0);
    expect(right).toBeGreaterThan(left);
    expect(d.text).toContain('consectetuer adipiscing elit. Ut purus elit');
    const t = await ingestFile(bad('textract/two_column.pdf'));
    expect(t.text).toContain('The role of mentorship in protégé performance');
    expect(t.text).toContain('Luís A. Nunes Amaral');
  });

  it.skipIf(!HAS_SHARED)('calls a scan a scan, with the pages it read (OCR off)', async () => {
    const e = await failure(bad('textract/ocr_text.pdf'), { ocr: { mode: 'never' } });
    expect(e.code).toBe('NO_TEXT_LAYER');
    expect(e.pages).toBe(3);
    expect(e.message).toMatch(/no text layer \(scanned\?\)/);
  });

  it.skipIf(!HAS_SHARED)('adds AcroForm values, marked, at the end of their page', async () => {
    const d = await ingestFile(bad('py-pdf-sample-files/libreoffice-form.pdf'));
    expect(d.text).toContain('[Form field] First Name: Alice');
  });
});

/** A PDF made here: running header and footer on every page, body text, and one page left without text. */
async function makePdf(file: string, bodies: string[]): Promise<void> {
  const doc = new PDFDocument({ autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  bodies.forEach((body, i) => {
    doc.addPage({ margin: 20 });
    if (!body) return; // a page with no text at all, as a scanned page has
    doc.fontSize(9).text('ACME MASTER SERVICES AGREEMENT - CONFIDENTIAL', 72, 40);
    doc.fontSize(11).text(body, 72, 100, { width: 450 });
    doc.fontSize(9).text(`Page ${i + 1} of ${bodies.length}`, 72, 720);
  });
  doc.end();
  await done;
  writeFileSync(file, Buffer.concat(chunks));
}

describe('PDF clean-up end to end', () => {
  it('removes the running header and page footer, keeps each page at its start, flags the page with no text', async () => {
    const bodies = [
      '1. Services. Provider shall perform the services described in each statement of work.',
      '2. Fees. Customer shall pay all undisputed invoices within thirty days of receipt.',
      '',
      '3. Term. This Agreement continues for one year and renews for successive one-year terms.',
    ];
    const f = path.join(tmp, 'made.pdf');
    await makePdf(f, bodies);
    const d = await ingestFile(f, { ocr: { mode: 'never' } });
    expect(d.pageStarts).toHaveLength(4);
    expect(d.text).not.toContain('CONFIDENTIAL');
    expect(d.text).not.toMatch(/Page \d of 4/);
    for (const [i, body] of bodies.entries()) {
      const page = d.text.slice(d.pageStarts[i], d.pageStarts[i + 1] ?? d.text.length);
      expect(page.replace(/\s+/g, ' ').trim()).toBe(body);
    }
    expect(d.warnings.find((w) => w.code === 'SCANNED_PAGES')?.message).toMatch(/^Page 3 has no text layer/);
  });
});

describeCorpus('DOCX reader', () => {
  it('rebuilds list numbers from the numbering part, restarts included', async () => {
    const a = await ingestFile(bad('pandoc/lists_restarting.docx'));
    expect(a.text).toMatch(/^2\. Foo\n\n3\. Bar\n\n4\. Baz\n\nInterruption\n\n1\. Bop\./);
    const b = await ingestFile(bad('python-docx/num-having-numbering-part.docx'));
    expect(b.text.startsWith('1. Paragraph having List Number style.')).toBe(true);
  });

  it('keeps footnotes and endnotes, linked by number', async () => {
    const d = await ingestFile(bad('pandoc/notes.docx'));
    expect(d.text).toContain('Test footnote.[1]');
    expect(d.text).toMatch(/Footnotes\n\n\[1\] My note\./);
    expect(d.text).toMatch(/Endnotes\n\n\[i\] This is an endnote at the end of the document\./);
    expect((await ingestFile(bad('mammoth/footnotes.docx'))).text).toMatch(/Footnotes\n\n\[1\] \S/);
    expect((await ingestFile(bad('mammoth/endnotes.docx'))).text).toMatch(/Endnotes\n\n\[i\] \S/);
  });

  it('says which headers, footers and comments were left out', async () => {
    const h = await ingestFile(bad('python-docx/doc-odd-even-hdrs.docx'));
    expect(h.text).toBe('First Page.\n\nSecond Page.\n\n');
    expect(h.warnings.find((w) => w.code === 'HEADERS_FOOTERS')!.message).toContain('Odd page header.');
    const c = await ingestFile(bad('mammoth/comments.docx'));
    expect(c.warnings.find((w) => w.code === 'COMMENTS')!.message).toMatch(
      /2 comments by Michael Williamson .*A tachyon walks into a bar/,
    );
    const p = await ingestFile(bad('pandoc/comments.docx'));
    expect(p.warnings.find((w) => w.code === 'COMMENTS')!.message).toMatch(/^\d+ comments/);
  });

  it('reports tracked changes and analyses the accepted view', async () => {
    const d = await ingestFile(bad('pandoc/track_changes_deletion.docx'));
    expect(d.text).not.toContain('excessively');
    const ins = await ingestFile(bad('pandoc/track_changes_insertion.docx'));
    expect(ins.text).toContain('insertions');
    expect(ins.warnings[0]!.message).toMatch(/by eng-dept \(\d+ insertions?\)/);
    const move = await ingestFile(bad('pandoc/track_changes_move.docx'));
    expect(move.warnings.map((w) => w.code)).toContain('TRACKED_CHANGES');
  });

  it('reads tables, text boxes, Strict OOXML, a byte-order mark and a main part elsewhere', async () => {
    expect((await ingestFile(bad('mammoth/tables.docx'))).text).toMatch(
      /Top left\n\nTop right\n\nBottom left\n\nBottom right/,
    );
    expect((await ingestFile(bad('mammoth/text-box.docx'))).text).toContain('Datum plane');
    expect((await ingestFile(bad('pandoc/textbox_image.docx'))).text).toContain('The image is below.');
    expect((await ingestFile(bad('mammoth/strict-format.docx'))).text).toContain('Test');
    expect((await ingestFile(bad('mammoth/utf8-bom.docx'))).text.length).toBeGreaterThan(10);
    expect((await ingestFile(bad('pandoc/alternate_document_path.docx'))).text.length).toBeGreaterThan(50);
    const rows = await ingestFile(bad('pandoc/table_header_rowspan.docx'));
    expect(rows.text.split('\n\n').length).toBeGreaterThan(10);
  });

  it('refuses a DTD (XXE, billion laughs) without expanding or fetching anything', async () => {
    for (const f of ['derived/xxe-external-entity.docx', 'derived/billion-laughs.docx']) {
      const e = await failure(bad(f));
      expect(e.code).toBe('CORRUPT_DOCX');
      expect(e.message).toMatch(/declares a DTD/);
      expect(e.message).not.toContain('root:');
    }
  });

  it('keeps hostile text literal and never opens external pictures', async () => {
    const d = await ingestFile(bad('derived/html-injection-payloads.docx'));
    expect(d.text).toContain('<script>');
    expect(d.text).not.toMatch(/root:x:0:0/);
    const e = await failure(bad('mammoth/external-picture.docx'));
    expect(e.warnings.map((w) => w.code)).toContain('EXTERNAL_CONTENT');
  });
});

describe('checks before parsing', () => {
  it('rejects an entry that would inflate far past its stored size, before inflating it', async () => {
    const f = put('ratio.docx', zip([{ name: 'word/document.xml', data: Buffer.alloc(20 * 1024 * 1024, 0x20) }]));
    const e = await failure(f);
    expect(e.code).toBe('ARCHIVE_BOMB');
    expect(e.message).toMatch(/word\/document\.xml would inflate to 20 MB .* ratio of \d+:1/);
  });

  it('never trusts a claimed size: an entry inflating past it is stopped', async () => {
    const body = `<w:p><w:r><w:t>${'x'.repeat(200_000)}</w:t></w:r></w:p>`;
    const real = docx(body);
    // same package, but the directory claims the document part is 100 bytes
    const lying = zip([
      {
        name: '_rels/.rels',
        data: Buffer.from(
          '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        ),
      },
      {
        name: 'word/document.xml',
        data: Buffer.from(`<?xml version="1.0"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`),
        claimSize: 100,
      },
    ]);
    expect((await ingestFile(put('real.docx', real))).text.length).toBeGreaterThan(199_000);
    const e = await failure(put('lying.docx', lying));
    expect(['ARCHIVE_BOMB', 'CORRUPT_DOCX']).toContain(e.code);
  });

  it('says "password-protected" for an encrypted Office file and "not a Word document" for other zips', async () => {
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(500),
      Buffer.from('EncryptedPackage', 'utf16le'),
      Buffer.alloc(500),
    ]);
    expect((await failure(put('locked.docx', ole))).code).toBe('ENCRYPTED_DOCUMENT');
    expect(
      (await failure(put('sheet.zip', zip([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }])))).message,
    ).toMatch(/not a Word document \(it is an Excel workbook\)/);
  });

  it.skipIf(!HAS_SHARED)('reads entry names like __proto__ as names: nothing leaks into later files', async () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    expect((await failure(bad('jszip/pollution.zip'))).code).toBe('NOT_A_WORD_DOCUMENT');
    expect((await failure(bad('jszip/backslash.zip'))).code).toBe('NOT_A_WORD_DOCUMENT');
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).toString).toBe(Object.prototype.toString);
    expect((await ingestFile(bad('mammoth/tables.docx'))).text).toContain('Top left');
  });

  it('lists what is not a contract as skipped, with the reason; text contracts are read', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100)]);
    const img = await failure(put('scan.png', png), { ocr: { mode: 'never' } });
    expect(img.status).toBe('skipped');
    expect(img.message).toMatch(/skipped: a PNG image/);
    expect((await failure(put('data.json', '{"a": 1}'))).status).toBe('skipped');
    expect((await failure(put('page.txt', '<!DOCTYPE html><html><body>x</body></html>'))).status).toBe('skipped');
    const renamed = await failure(put('scan.pdf', png));
    expect({ status: renamed.status, code: renamed.code }).toEqual({ status: 'error', code: 'CORRUPT_PDF' });
    expect((await ingestFile(put('notes.md', '# Agreement\n\nThe parties agree.'))).kind).toBe('txt');
  });

  it('reads text in other encodings and never cleans .txt (offsets point into the file)', async () => {
    const raw = 'The parties agree: ﬁnal terms apply.\r\nSigned.';
    expect((await ingestFile(put('plain.txt', raw))).text).toBe(raw);
    const u16 = await ingestFile(put('u16.txt', Buffer.from('Agreement between the parties.', 'utf16le')));
    expect(u16.text).toBe('Agreement between the parties.');
    const cp = await ingestFile(
      put('cp.txt', Buffer.from([0x93, 0x41, 0x94, 0x20, 0x61, 0x67, 0x72, 0x65, 0x65, 0x6d, 0x65, 0x6e, 0x74])),
    );
    expect(cp.text).toBe('“A” agreement');
    expect(cp.warnings.map((w) => w.code)).toEqual(['TEXT_ENCODING']);
  });

  it('rejects empty and too-large files with their own codes', async () => {
    expect((await failure(put('empty.pdf', ''))).code).toBe('EMPTY_FILE');
    const big = put('big.txt', Buffer.alloc(2 * 1024 * 1024, 0x61));
    await expect(ingestFile(big, { maxFileMb: 1 })).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
  });

  it.skipIf(!HAS_SHARED)('reads a CUAD contract as text exactly as the file holds it', async () => {
    const dir = path.join(SHARED, 'corpus', 'cuad', 'txt');
    const f = path.join(dir, 'LIMEENERGYCO_09_09_1999-EX-10-DISTRIBUTOR AGREEMENT.txt');
    const d = await ingestFile(f);
    expect(d.text).toBe(readFileSync(f, 'utf8').replace(/^\uFEFF/, ''));
  });
});
