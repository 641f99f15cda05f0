// Ingest, step 1: what a file is, from its bytes (never its name), then what to do with it, from the
// bytes and the name together (a spreadsheet or an image is listed as skipped, never dropped).
import path from 'node:path';
import type { ErrorCode } from '../schema.js';

export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'cp1252';

export type Detected =
  | { type: 'pdf'; headerless: boolean }
  | { type: 'zip' } // OOXML or another zip: decided by the docx reader from its parts
  | { type: 'ole'; what: 'word' | 'encrypted-office' | 'excel' | 'powerpoint' | 'outlook' | 'other' }
  | { type: 'text'; encoding: TextEncoding; markup?: 'html' | 'xml' | 'rtf' }
  | { type: 'image'; what: string }
  | { type: 'unknown'; what: string };

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

function startsWith(buf: Uint8Array, bytes: readonly number[], at = 0): boolean {
  if (buf.length < at + bytes.length) return false;
  for (let i = 0; i < bytes.length; i++) if (buf[at + i] !== bytes[i]) return false;
  return true;
}

/** An OLE2 compound file names its streams in UTF-16LE in the directory; the names tell what it holds. */
function oleKind(buf: Uint8Array): Extract<Detected, { type: 'ole' }>['what'] {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const has = (name: string) => b.includes(Buffer.from(name, 'utf16le'));
  if (has('EncryptedPackage')) return 'encrypted-office';
  if (has('WordDocument')) return 'word';
  if (has('Workbook') || has('Book')) return 'excel';
  if (has('PowerPoint Document')) return 'powerpoint';
  if (has('__substg1.0_')) return 'outlook';
  return 'other';
}

function imageKind(buf: Uint8Array): string | undefined {
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'PNG image';
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'JPEG image';
  if (startsWith(buf, [0x47, 0x49, 0x46, 0x38])) return 'GIF image';
  if (startsWith(buf, [0x49, 0x49, 0x2a, 0x00]) || startsWith(buf, [0x4d, 0x4d, 0x00, 0x2a])) return 'TIFF image';
  if (startsWith(buf, [0x52, 0x49, 0x46, 0x46]) && startsWith(buf, [0x57, 0x45, 0x42, 0x50], 8)) return 'WebP image';
  if (
    startsWith(buf, [0x66, 0x74, 0x79, 0x70], 4) &&
    /^(heic|heix|mif1|avif)/.test(Buffer.from(buf.subarray(8, 12)).toString('latin1'))
  )
    return 'HEIC/AVIF image';
  if (startsWith(buf, [0x42, 0x4d]) && buf.length > 26 && startsWith(buf, [0, 0, 0, 0], 6)) return 'BMP image';
  return undefined;
}

function otherBinary(buf: Uint8Array): string {
  if (startsWith(buf, [0x1f, 0x8b])) return 'gzip archive';
  if (startsWith(buf, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return '7-Zip archive';
  if (startsWith(buf, [0x52, 0x61, 0x72, 0x21])) return 'RAR archive';
  if (startsWith(buf, [0x7f, 0x45, 0x4c, 0x46])) return 'program (ELF)';
  if (startsWith(buf, [0x4d, 0x5a])) return 'Windows program';
  if (startsWith(buf, [0x25, 0x21, 0x50, 0x53])) return 'PostScript file';
  return 'binary data of an unknown kind';
}

/** A zip with bytes missing at the start or junk in front: a local header early on, or the end-of-central-
 *  directory record near the end. The zip reader then says what is broken. */
function looksLikeDamagedZip(buf: Uint8Array): boolean {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const local = b.subarray(0, 1024).indexOf(Buffer.from('PK\x03\x04', 'latin1'));
  const eocd = b.subarray(Math.max(0, b.length - 65_557)).indexOf(Buffer.from('PK\x05\x06', 'latin1'));
  return local >= 0 && eocd >= 0;
}

/** Share of bytes in the sample that no text file has (NUL and C0 controls other than tab/CR/LF/FF/ESC). */
function controlShare(sample: Uint8Array): number {
  let ctrl = 0;
  for (const b of sample) if (b === 0 || b < 9 || (b > 13 && b < 32 && b !== 27)) ctrl++;
  return sample.length ? ctrl / sample.length : 0;
}

/** UTF-16 without a byte order mark: mostly-ASCII text leaves a NUL in every other byte. */
function utf16NoBom(sample: Uint8Array): 'utf16le' | 'utf16be' | undefined {
  const n = Math.min(sample.length & ~1, 4096);
  if (n < 8) return undefined;
  let evenNul = 0,
    oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) evenNul++;
    if (sample[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul / pairs > 0.6 && evenNul / pairs < 0.05) return 'utf16le';
  if (evenNul / pairs > 0.6 && oddNul / pairs < 0.05) return 'utf16be';
  return undefined;
}

export function detect(buf: Uint8Array): Detected {
  const firstK = Buffer.from(buf.subarray(0, 1024)).toString('latin1');
  // %PDF within the first KiB (some producers put junk before the header)
  if (firstK.includes('%PDF-')) return { type: 'pdf', headerless: false };
  if (startsWith(buf, [0x50, 0x4b]) && (buf[2] === 0x03 || buf[2] === 0x05 || buf[2] === 0x07)) return { type: 'zip' };
  if (startsWith(buf, [...OLE_MAGIC])) return { type: 'ole', what: oleKind(buf) };
  if (looksLikeDamagedZip(buf)) return { type: 'zip' };
  const image = imageKind(buf);
  if (image) return { type: 'image', what: image };
  if (startsWith(buf, [0xef, 0xbb, 0xbf])) return text('utf8', buf.subarray(3));
  if (startsWith(buf, [0xff, 0xfe])) return { type: 'text', encoding: 'utf16le' };
  if (startsWith(buf, [0xfe, 0xff])) return { type: 'text', encoding: 'utf16be' };
  const sample = buf.subarray(0, 64 * 1024);
  const u16 = utf16NoBom(sample);
  if (u16) return { type: 'text', encoding: u16 };
  const latin = Buffer.from(sample).toString('latin1');
  // a PDF without its %PDF- header (pdf.js reads these): numbered objects and endobj
  if (/(?:^|[\r\n])\s*\d+\s+\d+\s+obj\b/.test(latin) && /\bendobj\b/.test(latin))
    return { type: 'pdf', headerless: true };
  if (controlShare(sample) < 0.01) {
    const asUtf8 = Buffer.from(sample).toString('utf8');
    // a sample cut inside a multi-byte character leaves one U+FFFD at the end; more means "not UTF-8"
    const bad = (asUtf8.slice(0, -1).match(/\uFFFD/g) ?? []).length;
    return text(bad > 0 ? 'cp1252' : 'utf8', sample);
  }
  return { type: 'unknown', what: otherBinary(buf) };
}

function text(encoding: TextEncoding, sample: Uint8Array): Detected {
  const head = Buffer.from(sample.subarray(0, 512)).toString('latin1').trimStart().slice(0, 100).toLowerCase();
  if (head.startsWith('{\\rtf')) return { type: 'text', encoding, markup: 'rtf' };
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return { type: 'text', encoding, markup: 'html' };
  if (head.startsWith('<?xml') || head.startsWith('<svg')) return { type: 'text', encoding, markup: 'xml' };
  return { type: 'text', encoding };
}

/** What ingest does with a file. */
export type Plan =
  | { read: 'pdf' }
  | { read: 'docx' }
  | { read: 'legacy'; format: 'doc' | 'rtf' }
  | { read: 'image'; ext: 'png' | 'jpg' | 'tif'; what: string }
  | { read: 'text'; encoding: TextEncoding }
  | { fail: ErrorCode; detail?: string }
  | { skip: string };

/** Plain-text extensions that hold data or code, not contracts. */
const NON_CONTRACT_TEXT = new Set([
  'json',
  'jsonl',
  'ndjson',
  'csv',
  'tsv',
  'xml',
  'xsd',
  'xsl',
  'html',
  'htm',
  'xhtml',
  'css',
  'js',
  'mjs',
  'cjs',
  'ts',
  'yaml',
  'yml',
  'toml',
  'ini',
  'cfg',
  'conf',
  'log',
  'sh',
  'bat',
  'ps1',
  'py',
  'rb',
  'java',
  'c',
  'h',
  'cpp',
  'go',
  'rs',
  'sql',
  'svg',
  'php',
  'pl',
  'lock',
  'map',
  'eml',
  'ics',
  'vcf',
]);
const SPREADSHEET_OR_SLIDES = new Set([
  'xlsx',
  'xlsm',
  'xltx',
  'pptx',
  'pptm',
  'ppsx',
  'potx',
  'ods',
  'odp',
  'odg',
  'numbers',
  'key',
  'epub',
  'jar',
  'apk',
  'vsdx',
]);
/** Scans read by OCR (tesseract reads every page of a TIFF). */
const OCR_IMAGES: Record<string, 'png' | 'jpg' | 'tif'> = {
  'PNG image': 'png',
  'JPEG image': 'jpg',
  'TIFF image': 'tif',
};
const OLE_NON_CONTRACT = new Set(['xls', 'xlt', 'ppt', 'pps', 'pot', 'msg', 'msi', 'vsd', 'pub']);

export function extensionOf(file: string): string {
  const ext = path.extname(file).toLowerCase();
  return ext.startsWith('.') ? ext.slice(1) : '';
}

/** Decide from the detected type plus the extension: a file named like a contract is never skipped. */
export function plan(d: Detected, file: string): Plan {
  const ext = extensionOf(file);
  const namedPdf = ext === 'pdf';
  const namedWord = ext === 'docx' || ext === 'docm' || ext === 'dotx' || ext === 'doc' || ext === 'dot';
  switch (d.type) {
    case 'pdf':
      return { read: 'pdf' };
    case 'zip':
      if (SPREADSHEET_OR_SLIDES.has(ext)) return { skip: `a .${ext} file (a zip package that is not a Word document)` };
      return { read: 'docx' };
    case 'ole':
      if (d.what === 'word') return { read: 'legacy', format: 'doc' };
      if (d.what === 'encrypted-office')
        return { fail: 'ENCRYPTED_DOCUMENT', detail: 'an Office file encrypted with a password' };
      if (OLE_NON_CONTRACT.has(ext) || (!namedWord && !namedPdf && d.what !== 'other')) {
        return {
          skip:
            d.what === 'excel'
              ? 'an Excel 97-2003 workbook'
              : d.what === 'powerpoint'
                ? 'a PowerPoint 97-2003 file'
                : d.what === 'outlook'
                  ? 'an Outlook message'
                  : `a .${ext || 'ole'} file`,
        };
      }
      return namedPdf
        ? { fail: 'CORRUPT_PDF', detail: 'it is an Office 97-2003 file, not a PDF' }
        : {
            fail: 'CORRUPT_DOC',
            detail:
              d.what === 'other'
                ? 'an Office 97-2003 container without a Word document in it'
                : `it is ${d.what === 'excel' ? 'an Excel workbook' : d.what === 'powerpoint' ? 'a PowerPoint file' : 'an Outlook message'}, not a Word document`,
          };
    case 'image':
      if (namedPdf) return { fail: 'CORRUPT_PDF', detail: `it is a ${d.what}, not a PDF` };
      if (namedWord) return { fail: 'NOT_A_WORD_DOCUMENT', detail: `it is a ${d.what}` };
      if (OCR_IMAGES[d.what]) return { read: 'image', ext: OCR_IMAGES[d.what]!, what: d.what };
      return { skip: `a ${d.what} (if it is a scanned contract, run OCR into a PDF)` };
    case 'unknown':
      if (namedPdf) return { fail: 'CORRUPT_PDF', detail: `no PDF header: ${d.what}` };
      if (namedWord) return { fail: 'CORRUPT_DOCX', detail: `not a zip package: ${d.what}` };
      return { skip: `a file of ${d.what}` };
    case 'text':
      // Word saves RTF and web pages under .doc names too
      if (d.markup === 'rtf') return { read: 'legacy', format: 'rtf' };
      if (d.markup === 'html' && namedWord)
        return { fail: 'UNSUPPORTED_TYPE', detail: 'a web page (HTML) with a Word name; save it as .docx or PDF' };
      if (namedPdf) return { fail: 'CORRUPT_PDF', detail: 'it is plain text without PDF structure' };
      if (namedWord) return { fail: 'CORRUPT_DOCX', detail: 'it is plain text, not a zip package' };
      if (NON_CONTRACT_TEXT.has(ext)) return { skip: `a .${ext} file` };
      if (d.markup) return { skip: `an ${d.markup.toUpperCase()} file` };
      return { read: 'text', encoding: d.encoding };
  }
}
