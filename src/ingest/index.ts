// Ingest stage: a file path in, one DocumentText out (or a ClausemapError with a stable code).
// Nothing after this stage knows which format a contract came from.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { errorFor } from '../errors.js';
import type { DocumentText, Warning } from '../schema.js';
import { detect } from './detect.js';
import { readDocx } from './docx.js';
import { readPdf } from './pdf.js';
import { readText } from './txt.js';

export interface IngestOptions {
  password?: string;
  maxFileMb?: number;
}

/** Fewer printable characters per page than this and the PDF is taken to be a scan. */
const MIN_CHARS_PER_PAGE = 60;

export async function ingestFile(file: string, opts: IngestOptions = {}): Promise<DocumentText> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw errorFor('NOT_FOUND', file);
  }
  if (size === 0) throw errorFor('EMPTY_FILE', file);
  const maxBytes = (opts.maxFileMb ?? 100) * 1024 * 1024;
  if (size > maxBytes) throw errorFor('FILE_TOO_LARGE', file, `${(size / 1048576).toFixed(1)} MB, limit ${opts.maxFileMb ?? 100} MB`);
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (e) {
    throw errorFor('UNREADABLE', file, (e as Error).message);
  }
  return ingestBuffer(buf, file, opts);
}

export async function ingestBuffer(buf: Buffer, file: string, opts: IngestOptions = {}): Promise<DocumentText> {
  if (buf.length === 0) throw errorFor('EMPTY_FILE', file);
  const sha256 = createHash('sha256').update(buf).digest('hex');
  const d = detect(buf);
  const base = { file, sha256, bytes: buf.length };
  switch (d.type) {
    case 'pdf': {
      const r = await readPdf(buf, file, { password: opts.password });
      const pageStarts: number[] = [];
      let text = '';
      for (const p of r.pages) {
        pageStarts.push(text.length);
        text += p.replace(/\s+$/, '') + '\n\n';
      }
      if (!pageStarts.length) pageStarts.push(0);
      const warnings: Warning[] = [...r.warnings];
      const printable = text.replace(/\s+/g, '').length;
      if (printable < MIN_CHARS_PER_PAGE * Math.max(1, r.pages.length) * 0.5) {
        if (printable < 20) throw errorFor('NO_TEXT_LAYER', file);
        warnings.push({ code: 'LOW_TEXT', message: `Little text came out (${printable} characters over ${r.pages.length} pages): parts may be scanned images; clauses there were not read.` });
      }
      return { ...base, kind: 'pdf', text, pageStarts, title: r.title, warnings };
    }
    case 'zip': {
      const r = await readDocx(buf, file);
      return { ...base, kind: 'docx', text: r.text, pageStarts: [0], warnings: r.warnings };
    }
    case 'ole':
      throw errorFor('LEGACY_DOC', file);
    case 'text': {
      const r = readText(buf, d.encoding);
      return { ...base, kind: 'txt', text: r.text, pageStarts: [0], warnings: r.warnings };
    }
    case 'unknown':
      throw errorFor('UNSUPPORTED_TYPE', file, d.what);
  }
}

/** 1-based page of an offset. */
export function pageAt(pageStarts: readonly number[], offset: number): number {
  let lo = 0, hi = pageStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pageStarts[mid]! <= offset) lo = mid; else hi = mid - 1;
  }
  return lo + 1;
}
