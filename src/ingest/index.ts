// Ingest stage: a file path in, one DocumentText out (or a ClausemapError with a stable code, status
// "error" or "skipped"). Checks run cheapest first: size, magic bytes, then the format reader.
// Nothing after this stage knows which format a contract came from.
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { ClausemapError, errorFor, skipped } from '../errors.js';
import type { DocumentText, Warning } from '../schema.js';
import { detect, plan } from './detect.js';
import { cleanPdfPages } from './clean.js';
import { readLegacy } from './legacy.js';
import { ocrImage, ocrMissing, ocrPdfPages, type OcrOptions } from './ocr.js';
import { pageList, REVIEW_BELOW, type OcrPage } from './ocr-text.js';
import { readPdf } from './pdf.js';
import { readText } from './txt.js';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip.js';

export interface IngestOptions {
  password?: string;
  /** file size limit in MB (default 100) */
  maxFileMb?: number;
  /** most pages read from one PDF (default 5000) */
  maxPages?: number;
  /** DOCX zip limits (uncompressed total and per part in MB, inflate ratio, entries) */
  zip?: Partial<ZipLimits>;
  /** OCR of scans (mode, pages at once) and the document's caps, which the outside tools run under */
  ocr?: OcrOptions;
}

/** Fewer printable characters than this in a whole PDF and it is taken to have no text layer. */
const MIN_CHARS = 20;
/** Fewer printable characters per page than this (on average) and the PDF is flagged as partly scanned. */
const MIN_CHARS_PER_PAGE = 60;

export async function ingestFile(file: string, opts: IngestOptions = {}): Promise<DocumentText> {
  // the document's time cap counts from here: OCR plans its pages in what the reading before it left
  opts = { ...opts, ocr: { startedAt: Date.now(), ...opts.ocr } };
  let size: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw errorFor('UNREADABLE', file, 'not a regular file');
    size = st.size;
  } catch (e) {
    if ((e as Error)?.name === 'ClausemapError') throw e;
    throw errorFor(
      (e as NodeJS.ErrnoException)?.code === 'ENOENT' ? 'NOT_FOUND' : 'UNREADABLE',
      file,
      (e as Error)?.message,
    );
  }
  if (size === 0) throw errorFor('EMPTY_FILE', file);
  const limitMb = opts.maxFileMb ?? 100;
  if (size > limitMb * 1024 * 1024)
    throw errorFor('FILE_TOO_LARGE', file, `${(size / 1048576).toFixed(1)} MB, limit ${limitMb} MB`);
  let buf: Buffer;
  try {
    // read what stat said, never more (the file may grow while we read)
    const fh = await open(file, 'r');
    try {
      buf = Buffer.alloc(size);
      const { bytesRead } = await fh.read(buf, 0, size, 0);
      buf = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw errorFor('UNREADABLE', file, (e as Error).message);
  }
  return ingestBuffer(buf, file, opts);
}

const CJK = /[\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF]/g;

/** Printable characters; a CJK character counts as three (it carries about a word). */
function printable(s: string): number {
  const t = s.replace(/\s+/g, '');
  return t.length + 2 * (t.match(CJK)?.length ?? 0);
}

export async function ingestBuffer(buf: Buffer, file: string, opts: IngestOptions = {}): Promise<DocumentText> {
  if (buf.length === 0) throw errorFor('EMPTY_FILE', file);
  const sha256 = createHash('sha256').update(buf).digest('hex');
  const base = { file, sha256, bytes: buf.length };
  const what = plan(detect(buf), file);
  if ('skip' in what) throw skipped(file, what.skip);
  if ('fail' in what) throw errorFor(what.fail, file, what.detail);
  switch (what.read) {
    case 'pdf':
      return readPdfDocument(buf, file, opts, base);
    case 'legacy': {
      const r = await readLegacy(buf, file, what.format, opts.ocr);
      if (printable(r.text) === 0) throw errorFor('NO_TEXT', file, 'only white space or pictures');
      notOurReport(file, r.text);
      return { ...base, kind: what.format, text: r.text, pageStarts: [0], warnings: [] };
    }
    case 'image': {
      const mode = opts.ocr?.mode ?? 'auto';
      const missing = ocrMissing(false);
      if (mode === 'never' || missing)
        throw skipped(file, `a ${what.what} (${missing ? `to read scans, ${missing}` : 'OCR is off: --ocr never'})`);
      const pages = await ocrImage(buf, file, what.ext, opts.ocr ?? {});
      const { text, pageStarts } = cleanPdfPages(pages.map((p) => p.text));
      const warnings: Warning[] = [];
      noteOcr(file, pages, warnings, text);
      notOurReport(file, text);
      return { ...base, kind: 'image', text, pageStarts, warnings, ocrPages: ocrPagesOf(pages) };
    }
    case 'docx': {
      // loaded at the first DOCX: a run of PDFs and texts never loads the XML parser
      const { readDocx } = await import('./docx.js');
      const r = await readDocx(buf, file, { ...DEFAULT_ZIP_LIMITS, ...opts.zip });
      if (printable(r.text) === 0)
        throw errorFor('NO_TEXT', file, 'only empty paragraphs or pictures', { warnings: r.warnings });
      notOurReport(file, r.text);
      return { ...base, kind: 'docx', text: r.text, pageStarts: [0], warnings: r.warnings };
    }
    case 'text': {
      const r = readText(buf, what.encoding);
      if (printable(r.text) === 0) throw errorFor('NO_TEXT', file, 'only white space', { warnings: r.warnings });
      notOurReport(file, r.text);
      return { ...base, kind: 'txt', text: r.text, pageStarts: [0], warnings: r.warnings };
    }
  }
}

async function readPdfDocument(
  buf: Buffer,
  file: string,
  opts: IngestOptions,
  base: Pick<DocumentText, 'file' | 'sha256' | 'bytes'>,
): Promise<DocumentText> {
  const r = await readPdf(buf, file, {
    password: opts.password,
    ...(opts.maxPages ? { maxPages: opts.maxPages } : {}),
  });
  const warnings: Warning[] = [...r.warnings];
  const pages = r.pages.length;
  // the pages OCR reads: those without a usable text layer (auto), every page (always), none (never)
  const mode = opts.ocr?.mode ?? 'auto';
  const wanted =
    mode === 'never'
      ? []
      : r.pages.map((p, i) => (mode === 'always' || printable(p) < MIN_CHARS ? i + 1 : 0)).filter(Boolean);
  const missing = wanted.length ? ocrMissing(true) : undefined;
  let ocr: OcrPage[] = [];
  if (wanted.length && !missing) {
    ocr = await ocrPdfPages(buf, file, wanted, { ...opts.ocr, ...(opts.password ? { password: opts.password } : {}) });
    for (const p of ocr) if (p.verdict === 'read' || mode === 'always') r.pages[p.page - 1] = p.text;
  }
  const { text, pageStarts } = cleanPdfPages(r.pages);
  const chars = printable(text);
  if (chars < MIN_CHARS) {
    const howToOcr = missing ? `; to read scans, ${missing}` : mode === 'never' ? '; OCR is off (--ocr never)' : '';
    const seen = ocr.filter((p) => p.verdict !== 'unrendered');
    if (seen.length && seen.every((p) => p.verdict === 'blank'))
      throw errorFor('BLANK_SCAN', file, blankDetail(seen, pages), { warnings, pages });
    if (seen.length)
      throw errorFor('ILLEGIBLE_SCAN', file, confidences(seen.filter((p) => p.verdict !== 'blank')), {
        warnings,
        pages,
      });
    if (ocr.length) warnings.push(unrenderedWarning(ocr));
    throw errorFor(
      'NO_TEXT_LAYER',
      file,
      `${chars} characters of text on ${pages} page${pages === 1 ? '' : 's'}${howToOcr}`,
      { warnings, pages },
    );
  }
  if (ocr.length) noteOcr(file, ocr, warnings, text);
  else {
    const perPage = pageStarts.map((s, i) => printable(text.slice(s, pageStarts[i + 1] ?? text.length)));
    const empty = perPage.map((n, i) => (n < MIN_CHARS ? i + 1 : 0)).filter(Boolean);
    const how = missing ? ` To read them, ${missing}.` : ' Run OCR on the file (--ocr auto) to include them.';
    if (chars < MIN_CHARS_PER_PAGE * Math.max(1, pages) * 0.5) {
      warnings.push({
        code: 'LOW_TEXT',
        message: `Little text came out (${chars} characters over ${pages} page${pages === 1 ? '' : 's'}): parts may be scanned images; clauses there were not read.${missing ? how : ''}`,
      });
    } else if (empty.length) {
      warnings.push({
        code: 'SCANNED_PAGES',
        message: `Page${empty.length === 1 ? '' : 's'} ${listPages(empty)} ha${empty.length === 1 ? 's' : 've'} no text layer (scanned?); clauses there were not read.${how}`,
      });
    }
  }
  notOurReport(file, text);
  return { ...base, kind: 'pdf', text, pageStarts, warnings, ...(ocr.length ? { ocrPages: ocrPagesOf(ocr) } : {}) };
}

function ocrPagesOf(pages: readonly OcrPage[]): NonNullable<DocumentText['ocrPages']> {
  return pages.filter((p) => p.verdict === 'read').map((p) => ({ page: p.page, confidence: p.confidence }));
}

function blankDetail(seen: readonly OcrPage[], pages: number): string {
  const words = seen.reduce((n, p) => n + p.words, 0);
  return `${pages} page${pages === 1 ? '' : 's'}, ${words ? `${words} stray word${words === 1 ? '' : 's'}` : 'no word'} in all`;
}

function unrenderedWarning(ocr: readonly OcrPage[]): Warning {
  const bad = ocr.filter((p) => p.verdict === 'unrendered').map((p) => p.page);
  return {
    code: 'OCR_UNRENDERED',
    message: `Page${bad.length === 1 ? '' : 's'} ${pageList(bad)} could not be drawn for OCR (the PDF is damaged there); nothing on ${bad.length === 1 ? 'it' : 'them'} was read.`,
  };
}

function confidences(pages: readonly OcrPage[]): string {
  const shown = pages.slice(0, 12).map((p) => `page ${p.page} ${p.confidence}%`);
  return `mean word confidence ${shown.join(', ')}${pages.length > 12 ? ` and ${pages.length - 12} more pages` : ''}`;
}

/** The warnings of a document read by OCR: which pages, how sure; which were blank or illegible. */
function noteOcr(file: string, pages: readonly OcrPage[], warnings: Warning[], text: string): void {
  if (!printable(text)) {
    if (pages.every((p) => p.verdict === 'blank')) throw errorFor('BLANK_SCAN', file, blankDetail(pages, pages.length));
    throw errorFor('ILLEGIBLE_SCAN', file, confidences(pages.filter((p) => p.verdict !== 'blank')));
  }
  const read = pages.filter((p) => p.verdict === 'read');
  const low = read.filter((p) => p.confidence < REVIEW_BELOW);
  if (read.length)
    warnings.push({
      code: 'OCR',
      message: `Read by OCR: page${read.length === 1 ? '' : 's'} ${pageList(read.map((p) => p.page))} (${confidences(read)}).${low.length ? ` Clauses on page${low.length === 1 ? '' : 's'} ${pageList(low.map((p) => p.page))} (under ${REVIEW_BELOW}%) are marked for review: check names, dates and amounts against the scan.` : ' Check names, dates and amounts against the scan.'}`,
    });
  const blank = pages.filter((p) => p.verdict === 'blank').map((p) => p.page);
  if (blank.length)
    warnings.push({
      code: 'BLANK_PAGES',
      message: `Page${blank.length === 1 ? '' : 's'} ${pageList(blank)} ${blank.length === 1 ? 'is' : 'are'} blank (no text, even by OCR).`,
    });
  if (pages.some((p) => p.verdict === 'unrendered')) warnings.push(unrenderedWarning(pages));
  const illegible = pages.filter((p) => p.verdict === 'illegible');
  if (illegible.length)
    warnings.push({
      code: 'ILLEGIBLE_PAGES',
      message: `Page${illegible.length === 1 ? '' : 's'} ${pageList(illegible.map((p) => p.page))} could not be read with confidence (${confidences(illegible)}); nothing on ${illegible.length === 1 ? 'it' : 'them'} was analysed. Check ${illegible.length === 1 ? 'it' : 'them'} by eye or scan again.`,
    });
}

/** The line every clausemap report carries (cover and closing line): "clausemap 0.1.0; rules version 1a2b…". */
const OUR_REPORT = /\bclausemap \d+\.\d+\.\d+\S*[;,] rules (?:version )?[0-9a-f]{12}\b/;

/**
 * A report clausemap wrote (left in the folder it audits, say) is no contract: reading it would turn last
 * run's findings into this run's clauses. It is listed as skipped, with the reason.
 */
function notOurReport(file: string, text: string): void {
  if (OUR_REPORT.test(text))
    throw new ClausemapError(
      'UNSUPPORTED_TYPE',
      `${file}: skipped: a report written by clausemap, not a contract. Write reports outside the folders you audit.`,
      { status: 'skipped' },
    );
}

function listPages(pages: readonly number[]): string {
  return pages.length > 12 ? `${pages.slice(0, 12).join(', ')} and ${pages.length - 12} more` : pages.join(', ');
}

export { pageAt } from './pages.js';
