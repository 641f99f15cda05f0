// Ingest stage: a file path in, one DocumentText out (or a ClausemapError with a stable code, status
// "error" or "skipped"). Checks run cheapest first: size, magic bytes, then the format reader.
// Nothing after this stage knows which format a contract came from.
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { ClausemapError, errorFor, skipped } from '../errors.js';
import type { DocumentText, Warning } from '../schema.js';
import { detect, plan } from './detect.js';
import { readDocx } from './docx.js';
import { cleanPdfPages } from './clean.js';
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
}

/** Fewer printable characters than this in a whole PDF and it is taken to have no text layer. */
const MIN_CHARS = 20;
/** Fewer printable characters per page than this (on average) and the PDF is flagged as partly scanned. */
const MIN_CHARS_PER_PAGE = 60;

export async function ingestFile(file: string, opts: IngestOptions = {}): Promise<DocumentText> {
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
    case 'pdf': {
      const r = await readPdf(buf, file, {
        password: opts.password,
        ...(opts.maxPages ? { maxPages: opts.maxPages } : {}),
      });
      const { text, pageStarts } = cleanPdfPages(r.pages);
      const warnings: Warning[] = [...r.warnings];
      const chars = printable(text);
      const pages = r.pages.length;
      if (chars < MIN_CHARS) {
        throw errorFor('NO_TEXT_LAYER', file, `${chars} characters of text on ${pages} page${pages === 1 ? '' : 's'}`, {
          warnings,
          pages,
        });
      }
      const perPage = pageStarts.map((s, i) => printable(text.slice(s, pageStarts[i + 1] ?? text.length)));
      const empty = perPage.map((n, i) => (n < MIN_CHARS ? i + 1 : 0)).filter(Boolean);
      if (chars < MIN_CHARS_PER_PAGE * Math.max(1, pages) * 0.5) {
        warnings.push({
          code: 'LOW_TEXT',
          message: `Little text came out (${chars} characters over ${pages} page${pages === 1 ? '' : 's'}): parts may be scanned images; clauses there were not read.`,
        });
      } else if (empty.length) {
        warnings.push({
          code: 'SCANNED_PAGES',
          message: `Page${empty.length === 1 ? '' : 's'} ${listPages(empty)} ha${empty.length === 1 ? 's' : 've'} no text layer (scanned?); clauses there were not read. Run OCR on the file to include them.`,
        });
      }
      notOurReport(file, text);
      return { ...base, kind: 'pdf', text, pageStarts, warnings };
    }
    case 'docx': {
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
