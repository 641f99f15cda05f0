// Stable error codes with sentences a person can act on. Thrown inside a stage, turned into data
// (DocumentResult.error) at the pipeline edge, so one bad file never stops a batch.
// docs/bad-input.md explains every code; keep the two in step.
import type { ErrorCode, Warning } from './schema.js';

export interface ClausemapErrorExtra {
  /** 'skipped': the file is not a contract input (an image, a spreadsheet, JSON…); listed, never an error */
  status?: 'error' | 'skipped';
  /** what was learnt before the failure (e.g. "encrypted, opened without a password") */
  warnings?: Warning[];
  /** pages actually read, when known */
  pages?: number;
}

export class ClausemapError extends Error {
  readonly status: 'error' | 'skipped';
  readonly warnings: Warning[];
  readonly pages?: number;
  constructor(
    public readonly code: ErrorCode,
    message: string,
    extra: ClausemapErrorExtra = {},
  ) {
    super(message);
    this.name = 'ClausemapError';
    this.status = extra.status ?? 'error';
    this.warnings = extra.warnings ?? [];
    if (extra.pages !== undefined) this.pages = extra.pages;
  }
}

/** What to tell the user, by code. `file` is the name as given; it is only ever shown as escaped text. */
export function explain(code: ErrorCode, file: string, detail?: string): string {
  const d = detail ? ` (${detail})` : '';
  switch (code) {
    case 'EMPTY_FILE':
      return `${file}: empty file (0 bytes). Check that the export or download finished and try again.`;
    case 'FILE_TOO_LARGE':
      return `${file}: file too large${d}. Split it into smaller files, or print it to a PDF with compressed images, and run again.`;
    case 'NOT_FOUND':
      return `${file}: no such file. Check the path.`;
    case 'UNREADABLE':
      return `${file}: could not be read${d}. Check its permissions.`;
    case 'UNSUPPORTED_TYPE':
      return `${file}: not a contract format clausemap reads${d}. Give it a PDF, DOCX or plain-text file.`;
    case 'LEGACY_DOC':
      return `${file}: Word 97-2003 .doc could not be read${d}.`;
    case 'NOT_A_WORD_DOCUMENT':
      return `${file}: not a Word document${d}. It is a zip archive without a Word document in it; export the contract as .docx or PDF.`;
    case 'PASSWORD_REQUIRED':
      return `${file}: password required. Give it with --password, or per file in clausemap.yaml.`;
    case 'PASSWORD_INCORRECT':
      return `${file}: password incorrect. Check the password given with --password or in clausemap.yaml.`;
    case 'ENCRYPTED_DOCUMENT':
      return `${file}: password-protected document${d}. Remove the protection (save an unprotected copy) and run again.`;
    case 'CORRUPT_PDF':
      return `${file}: corrupt or truncated PDF${d}. Download or export it again; "print to PDF" from a viewer often repairs it.`;
    case 'CORRUPT_DOCX':
      return `${file}: corrupt or truncated Word document${d}. Open it in Word or LibreOffice and save it again as .docx.`;
    case 'CORRUPT_DOC':
      return `${file}: corrupt or unreadable Word 97-2003 or RTF document${d}. Open it in Word or LibreOffice and save it again as .docx.`;
    case 'CORRUPT_IMAGE':
      return `${file}: the image could not be read${d}. Scan or export it again (PNG, JPEG, TIFF or PDF).`;
    case 'ARCHIVE_BOMB':
      return `${file}: rejected before unpacking: it would inflate far beyond a real document${d}. Open and re-save it if it is genuine.`;
    case 'TOO_COMPLEX':
      return `${file}: file too complex: reading it passed the time or memory cap${d}. Raise --timeout / --max-memory-mb, or print it to a simpler PDF.`;
    case 'NO_TEXT_LAYER':
      return `${file}: no text layer (scanned?): the PDF holds images of pages, not text${d}. To read it, let clausemap run OCR (--ocr auto, the default, needs tesseract), or run OCR on it (e.g. ocrmypdf) and try again.`;
    case 'BLANK_SCAN':
      return `${file}: no text, even by OCR: every page is blank or holds only a stray word${d}. Check that this is the right file and that the scan holds the contract.`;
    case 'ILLEGIBLE_SCAN':
      return `${file}: illegible scan: OCR could not read its pages with confidence${d}. Scan it again at 300 dpi or more, straight and in focus, and run again.`;
    case 'NO_TEXT':
      return `${file}: no text: the document holds no readable text${d}. If the contract is a picture inside it, run OCR on a PDF of it; otherwise check that this is the right file.`;
    case 'NAMED_PIPE':
      return `${file}: a named pipe (FIFO), not a file: clausemap reads only regular files. Give the contract's file itself.`;
    case 'SOCKET':
      return `${file}: a socket, not a file: clausemap reads only regular files. Give the contract's file itself.`;
    case 'DEVICE':
      return `${file}: a device, not a file: clausemap reads only regular files. Give the contract's file itself.`;
    case 'BROKEN_LINK':
      return `${file}: a link to nothing (its target is missing, or links that loop). Point it at the contract, or remove it.`;
    case 'LINK_OUTSIDE':
      return `${file}: a link out of the folder${d}, not followed. Give that file or folder itself, or run with --follow-links.`;
    case 'PATH_TOO_DEEP':
      return `${file}: nested too deep${d}, not read. Give this folder itself, or move the contracts up.`;
    case 'INTERNAL':
      return `${file}: clausemap failed on this file${d}. Please report it with the file if you can share it.`;
  }
}

export function errorFor(code: ErrorCode, file: string, detail?: string, extra?: ClausemapErrorExtra): ClausemapError {
  return new ClausemapError(code, explain(code, file, detail), extra);
}

/** A file clausemap does not treat as a contract: listed with status "skipped" and the reason. */
export function skipped(file: string, what: string): ClausemapError {
  return new ClausemapError(
    'UNSUPPORTED_TYPE',
    `${file}: skipped: ${what} is not a contract format clausemap reads. Give contracts as PDF, DOCX or plain text.`,
    { status: 'skipped' },
  );
}
