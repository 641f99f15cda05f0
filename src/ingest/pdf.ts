// Ingest: PDF through pdf-parse (pdf.js). A fresh parser per file: reusing one after an error hides the
// error. pdf.js messages never reach the user: errors are mapped by name to stable codes.
// pdf.js runs on this thread and cannot be interrupted, so this must run inside a pool child that the
// parent can kill (src/pipeline/pool.ts); the child's OS data limit makes giant allocations fail fast, and
// pdf.js's "allocation failed" warnings are turned into TOO_COMPLEX here.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PDFParse } from 'pdf-parse';
import { errorFor } from '../errors.js';
import type { Warning } from '../schema.js';

export interface PdfText {
  pages: string[];
  title?: string;
  warnings: Warning[];
  encrypted: boolean;
}

export interface PdfOptions {
  password?: string;
  /** stop after this many pages (a /Count can claim millions) */
  maxPages?: number;
}

const require_ = createRequire(import.meta.url);
function pdfjsDir(): string | undefined {
  try {
    const fromPdfParse = createRequire(require_.resolve('pdf-parse'));
    return path.dirname(fromPdfParse.resolve('pdfjs-dist/package.json'));
  } catch {
    return undefined;
  }
}
const PDFJS_DIR = pdfjsDir();
/** CMaps (CJK encodings) and standard font data, shipped with pdfjs-dist. Without them vertical or CJK text
 *  comes out empty and simple fonts lose their widths. */
export const PDFJS_DATA = PDFJS_DIR
  ? {
      cMapUrl: path.join(PDFJS_DIR, 'cmaps') + path.sep,
      cMapPacked: true,
      standardFontDataUrl: path.join(PDFJS_DIR, 'standard_fonts') + path.sep,
    }
  : {};

/** pdf.js reports recoverable trouble on the console; collect it while one document is parsed. */
async function capturingConsole<T>(fn: (notes: string[]) => Promise<T>): Promise<T> {
  const notes: string[] = [];
  const { warn, log } = console;
  const keep = (...a: unknown[]) => {
    if (notes.length < 200) notes.push(a.map(String).join(' '));
  };
  console.warn = keep;
  console.log = keep;
  try {
    return await fn(notes);
  } finally {
    console.warn = warn;
    console.log = log;
  }
}

const ALLOCATION = /Array buffer allocation failed|Invalid typed array length|Invalid array length|out of memory/i;

// pdf.js permission flags (PermissionFlag)
const PERMISSIONS: [number, string][] = [
  [4, 'printing'],
  [16, 'copying text'],
  [8, 'editing'],
  [32, 'annotating'],
  [256, 'filling forms'],
];

interface FieldObject {
  value?: unknown;
  defaultValue?: unknown;
  type?: string;
  page?: number;
  name?: string;
  hidden?: boolean;
}

function fieldText(v: unknown): string {
  if (Array.isArray(v)) return v.map(fieldText).filter(Boolean).join(', ');
  if (v === null || v === undefined || v === false) return '';
  const s = String(v).trim();
  return s === 'Off' ? '' : s;
}

/** Some CJK fonts use a predefined CMap pdf.js 5 maps wrongly (mojibake); the bytes say which CMap. */
function cjkEncodingClaimed(buf: Buffer): string | undefined {
  const m =
    /\/Encoding\s*\/((?:90ms|83pv|Add|B5|CNS|ETen|GB|GBK|GBT|HK|KSC|UniCNS|UniGB|UniJIS|UniKS|Ext|EUC|H|V|78|90)[A-Za-z0-9-]*)/.exec(
      buf.toString('latin1'),
    );
  return m && !/^Identity-[HV]$/.test(m[1]!) ? m[1] : undefined;
}
const CJK = /[\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF\uFF00-\uFFEF]/;

export async function readPdf(buf: Buffer, file: string, opts: PdfOptions = {}): Promise<PdfText> {
  const maxPages = opts.maxPages ?? 5000;
  const warnings: Warning[] = [];
  // loaded at the first PDF: a process that reads no PDF never loads pdf.js
  const { PDFParse: Parser } = await import('pdf-parse');
  const parser = new Parser({
    data: new Uint8Array(buf),
    password: opts.password,
    verbosity: 1,
    isEvalSupported: false,
    stopAtErrors: false,
    ...PDFJS_DATA,
  } as ConstructorParameters<typeof PDFParse>[0]);
  // pdf-parse keeps these private; the text of a page is computed exactly as its getText() does
  const p = parser as unknown as {
    load(): Promise<PdfDoc>;
    getPageText(page: unknown, params: object, total: number): Promise<string>;
  };
  return capturingConsole(async (notes) => {
    try {
      const doc = await p.load();
      const total = doc.numPages;
      const pages: string[] = [];
      let failed = 0;
      let inARow = 0;
      let firstError: string | undefined;
      // a page count is a claim (/Count can say 213 million): read page by page, and stop after a run of
      // unreadable pages, counting only the pages that exist up to there
      for (let i = 1; i <= Math.min(total, maxPages); i++) {
        try {
          const page = await doc.getPage(i);
          pages.push(await p.getPageText(page, {}, total));
          page.cleanup();
          inARow = 0;
        } catch (e) {
          if (isAllocation(e)) throw e;
          failed++;
          inARow++;
          firstError ??= (e as Error)?.message ?? String(e);
          pages.push('');
          if (inARow >= 20) {
            pages.splice(pages.length - inARow);
            failed -= inARow;
            if (pages.length)
              warnings.push({
                code: 'PAGES_UNREADABLE',
                message: `The PDF claims ${total} pages; from page ${pages.length + 1} on none could be read, so only ${pages.length} were.`,
              });
            break;
          }
        }
      }
      if (notes.some((n) => ALLOCATION.test(n)))
        throw errorFor('TOO_COMPLEX', file, 'a part of it needs more memory than the cap allows', {
          pages: pages.length,
        });
      if (firstError !== undefined && failed === pages.length)
        throw errorFor('CORRUPT_PDF', file, `no page could be read: ${clip(firstError)}`);
      if (failed)
        warnings.push({
          code: 'PAGES_UNREADABLE',
          message: `${failed} of ${pages.length} pages could not be read; their text is missing.`,
        });
      if (total > maxPages)
        warnings.push({
          code: 'PAGES_LIMIT',
          message: `The PDF claims ${total} pages; only the first ${maxPages} were read.`,
        });

      const { info } = await doc.getMetadata().catch(() => ({ info: {} as Record<string, unknown> }));
      const encrypted = !!(info as Record<string, unknown>).EncryptFilterName;
      if (encrypted && !opts.password) {
        const allowed = new Set((await doc.getPermissions().catch(() => null)) ?? PERMISSIONS.map(([f]) => f));
        const restricted = PERMISSIONS.filter(([f]) => !allowed.has(f)).map(([, what]) => what);
        warnings.push({
          code: 'ENCRYPTED',
          message: `The PDF is encrypted but opens without a password${restricted.length ? `; its owner restricts ${restricted.join(', ')}` : ''}. The text was read for analysis only.`,
        });
      }
      if ((info as Record<string, unknown>).IsXFAPresent) {
        warnings.push({
          code: 'XFA_FORM',
          message:
            'The PDF is an XFA form (Adobe LiveCycle): the form content and its field values were not read, only the static page (often a "requires Adobe Reader" notice). Open it in Adobe Reader and print it to PDF, then run again.',
        });
      } else if ((info as Record<string, unknown>).IsAcroFormPresent) {
        await addFormFields(doc, pages, warnings);
      }
      const claimed = cjkEncodingClaimed(buf);
      const joined = pages.join('');
      if (claimed && !CJK.test(joined)) {
        warnings.push({
          code: 'GARBLED_TEXT',
          message: `The PDF uses the CJK encoding ${claimed}, but no CJK characters came out: the text is probably garbled (mojibake). Check it, or print the file to a new PDF and run again.`,
        });
      } else {
        const unmapped = (joined.match(/[\uFFFD\uE000-\uF8FF]/g) ?? []).length;
        if (unmapped > 20 && unmapped / Math.max(1, joined.replace(/\s/g, '').length) > 0.05) {
          warnings.push({
            code: 'GARBLED_TEXT',
            message: `${unmapped} characters could not be mapped to text (fonts without a Unicode map); parts of the text are probably garbled.`,
          });
        }
      }
      return { pages, warnings, encrypted };
    } catch (e) {
      if ((e as Error)?.name === 'ClausemapError') throw e;
      if (isAllocation(e)) throw errorFor('TOO_COMPLEX', file, 'a part of it needs more memory than the cap allows');
      const name = (e as { name?: string })?.name ?? '';
      const msg = (e as Error)?.message ?? String(e);
      if (name === 'PasswordException')
        throw errorFor(opts.password ? 'PASSWORD_INCORRECT' : 'PASSWORD_REQUIRED', file);
      if (/^The PDF file is empty/i.test(msg)) throw errorFor('EMPTY_FILE', file);
      throw errorFor('CORRUPT_PDF', file, clip(msg));
    } finally {
      await parser.destroy().catch(() => undefined);
    }
  });
}

interface PdfDoc {
  numPages: number;
  getPage(i: number): Promise<{ cleanup(): void }>;
  getMetadata(): Promise<{ info: Record<string, unknown> }>;
  getPermissions(): Promise<number[] | null>;
  getFieldObjects(): Promise<Record<string, FieldObject[]> | null>;
}

/** AcroForm values are not in the page text: add them at the end of their page, marked as such. */
async function addFormFields(doc: PdfDoc, pages: string[], warnings: Warning[]): Promise<void> {
  const fields = await doc.getFieldObjects().catch(() => null);
  if (!fields) return;
  let total = 0,
    filled = 0;
  const byPage = new Map<number, string[]>();
  for (const [name, widgets] of Object.entries(fields)) {
    if (!Array.isArray(widgets) || !widgets.length || widgets.every((x) => x.type === 'button')) continue; // push buttons
    total++;
    const withValue = widgets.find((x) => fieldText(x.value));
    if (!withValue) continue;
    filled++;
    const page = Math.min(Math.max(0, withValue.page ?? 0), Math.max(0, pages.length - 1));
    const list = byPage.get(page) ?? [];
    list.push(`[Form field] ${name.replace(/\s+/g, ' ').trim()}: ${fieldText(withValue.value).replace(/\s+/g, ' ')}`);
    byPage.set(page, list);
  }
  if (!total) return;
  for (const [page, lines] of byPage) pages[page] = `${pages[page] ?? ''}\n${lines.join('\n')}\n`;
  warnings.push({
    code: 'FORM_FIELDS',
    message: filled
      ? `The PDF is a form: ${filled} of ${total} field values were read and added at the end of their pages, marked "[Form field]".`
      : `The PDF is a form with ${total} fields, all empty; only the printed labels were read.`,
  });
}

function isAllocation(e: unknown): boolean {
  return e instanceof RangeError || ALLOCATION.test((e as Error)?.message ?? '');
}

function clip(msg: string | undefined): string {
  return (msg ?? '').replace(/\s+/g, ' ').trim().slice(0, 100);
}
