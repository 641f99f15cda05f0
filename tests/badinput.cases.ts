// What each of the 88 files of ../shared/badinput must get (../shared/badinput/CASES.md), shared by the
// pool test (codes, budgets, warnings) and the CLI test (the whole folder in one run).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SHARED } from './shared-data.js';

export const BADINPUT = path.join(SHARED, 'badinput');

export interface Expect {
  status: 'ok' | 'error' | 'skipped';
  /** error code; for ok results, undefined */
  code?: string;
  /** alternatives also acceptable (CASES.md allows "error or partial text") */
  orCode?: string;
  /** warning codes that must be present */
  warnings?: string[];
  /** per-file budget in ms (CASES.md), measured in the pool from request to answer */
  budgetMs?: number;
  case: number;
}

const e = (code: string, c: number, extra: Partial<Expect> = {}): Expect => ({
  status: 'error',
  code,
  case: c,
  ...extra,
});
const ok = (c: number, extra: Partial<Expect> = {}): Expect => ({ status: 'ok', case: c, ...extra });

export const CASES: Record<string, Expect> = {
  // 1 empty files
  'derived/zero-bytes.pdf': e('EMPTY_FILE', 1, { budgetMs: 1000 }),
  'derived/zero-bytes.docx': e('EMPTY_FILE', 1, { budgetMs: 1000 }),
  // 2 type from the bytes, not the name
  // read through antiword (LEGACY_DOC only where no converter is installed)
  'textract/raw_text.doc': ok(2),
  'textract/raw_text.doc-renamed.docx': ok(2),
  'mammoth/hello.zip-renamed.docx': e('NOT_A_WORD_DOCUMENT', 2, { budgetMs: 2000 }),
  'mammoth/empty.zip': e('NOT_A_WORD_DOCUMENT', 2, { budgetMs: 2000 }),
  // 3 passwords
  'pdfjs/pr6531_1.pdf': e('PASSWORD_REQUIRED', 3),
  'pdfjs/pr6531_2.pdf': e('PASSWORD_REQUIRED', 3),
  'pdfjs/issue6010_2.pdf': e('PASSWORD_REQUIRED', 3),
  'py-pdf-sample-files/libreoffice-writer-password.pdf': e('PASSWORD_REQUIRED', 3),
  'pdfjs/saslprep-r6.pdf': e('PASSWORD_REQUIRED', 3),
  // 4 encrypted with an empty user password: opens, noted, then no text (case 9)
  'pdfjs/empty_protected.pdf': e('BLANK_SCAN', 4, { warnings: ['ENCRYPTED'] }),
  // 5 corrupt
  'pdfjs/bug1020226.pdf': e('CORRUPT_PDF', 5, { budgetMs: 5000 }),
  'pdfjs/REDHAT-1531897-0.pdf': e('CORRUPT_PDF', 5, { budgetMs: 5000 }),
  'pdfjs/poppler-395-0-fuzzed.pdf': e('CORRUPT_PDF', 5, { budgetMs: 5000 }),
  'py-pdf-sample-files/unreadablemetadata.pdf': e('CORRUPT_PDF', 5, { budgetMs: 5000 }),
  'derived/truncated-60pct_multicolumn.pdf': e('CORRUPT_PDF', 5, { budgetMs: 5000 }),
  // 6 load, little or no text: finished fast, flagged. OCR finds the page blank (a stray word at most), or
  // poppler cannot draw it for OCR either (then no text layer, with an OCR_UNRENDERED warning)
  'pdfjs/GHOSTSCRIPT-698804-1-fuzzed.pdf': e('BLANK_SCAN', 6, { budgetMs: 10_000 }),
  'pdfjs/issue15590.pdf': e('NO_TEXT_LAYER', 6, { budgetMs: 10_000, warnings: ['OCR_UNRENDERED'] }),
  'pdfjs/xref_command_missing.pdf': e('BLANK_SCAN', 6, { budgetMs: 10_000 }),
  'pdfjs/poppler-91414-0-53.pdf': e('NO_TEXT_LAYER', 6, { budgetMs: 10_000, warnings: ['OCR_UNRENDERED'] }),
  'pdfjs/bug1980958.pdf': e('NO_TEXT_LAYER', 6, { budgetMs: 10_000, warnings: ['OCR_UNRENDERED'] }),
  // 7 a /Count of 213 million pages
  'pdfjs/poppler-85140-0.pdf': e('NO_TEXT_LAYER', 7, { budgetMs: 10_000, warnings: ['OCR_UNRENDERED'] }),
  // 8 cycles: error or partial text, never a hang
  'pdfjs/Pages-tree-refs.pdf': { status: 'ok', orCode: 'CORRUPT_PDF', case: 8, budgetMs: 10_000 },
  'pdfjs/operator_list_cycle.pdf': e('BLANK_SCAN', 8, { budgetMs: 10_000 }),
  'pdfjs/ContentStreamCycleType3insideType3.pdf': e('BLANK_SCAN', 8, { budgetMs: 10_000 }),
  // 9 scans: read by OCR; a page with nothing legible (a tiny fax image, one stray word) is BLANK_SCAN
  // (3 pages take 10 s on two idle cores; on a loaded machine they can pass these tests' caps: TOO_COMPLEX is
  // then the right answer, and tests/ocr.test.ts reads the file, its warnings too, without a cap)
  'textract/ocr_text.pdf': ok(9, { orCode: 'TOO_COMPLEX' }),
  'py-pdf-sample-files/imagemagick-CCITTFaxDecode.pdf': e('BLANK_SCAN', 9),
  'pdfjs/scan-bad.pdf': e('BLANK_SCAN', 9),
  // 10 forms
  'pdfjs/xfa_issue14315.pdf': ok(10, { warnings: ['XFA_FORM'] }),
  'py-pdf-sample-files/libreoffice-form.pdf': ok(10, { warnings: ['FORM_FIELDS'] }),
  'py-pdf-sample-files/pdflatex-forms.pdf': e('BLANK_SCAN', 10, { warnings: ['FORM_FIELDS'] }),
  // 11 CJK
  'pdfjs/vertical.pdf': ok(11),
  'pdfjs/90ms_rksj_h_sample.pdf': ok(11, { warnings: ['GARBLED_TEXT'] }),
  // 12 text quality
  'pdfjs/copy_paste_ligatures.pdf': ok(12),
  'textract/two_column.pdf': ok(12),
  'py-pdf-sample-files/GeoTopo-komprimiert.pdf': ok(12),
  'py-pdf-sample-files/multicolumn.pdf': ok(12),
  // 13 right-to-left
  'py-pdf-sample-files/habibi-rotated.pdf': ok(13),
  'pdfjs/ArabicCIDTrueType.pdf': ok(13),
  // 14 tracked changes
  'pandoc/track_changes_insertion.docx': ok(14, { warnings: ['TRACKED_CHANGES'] }),
  'pandoc/track_changes_deletion.docx': ok(14, { warnings: ['TRACKED_CHANGES'] }),
  'pandoc/track_changes_move.docx': ok(14, { warnings: ['TRACKED_CHANGES'] }),
  'pandoc/paragraph_insertion_deletion.docx': ok(14, { warnings: ['TRACKED_CHANGES'] }),
  // 15 comments
  'mammoth/comments.docx': ok(15, { warnings: ['COMMENTS'] }),
  'pandoc/comments.docx': ok(15, { warnings: ['COMMENTS'] }),
  'python-docx/comments-rich-para.docx': ok(15, { warnings: ['COMMENTS'] }),
  // 16 headers, footers, notes
  'python-docx/doc-odd-even-hdrs.docx': ok(16, { warnings: ['HEADERS_FOOTERS'] }),
  'mammoth/footnotes.docx': ok(16),
  'mammoth/endnotes.docx': ok(16),
  'pandoc/notes.docx': ok(16),
  // 17 numbering
  'python-docx/num-having-numbering-part.docx': ok(17),
  'pandoc/lists_restarting.docx': ok(17),
  // 18 odd but valid packages
  'pandoc/alternate_document_path.docx': ok(18),
  'mammoth/strict-format.docx': ok(18),
  'mammoth/utf8-bom.docx': ok(18),
  'pandoc/table_header_rowspan.docx': ok(18),
  'pandoc/textbox_image.docx': ok(18),
  'mammoth/text-box.docx': ok(18),
  // 19 zips that are not Word documents, given as-is
  'jszip/all_missing_bytes.zip': e('CORRUPT_DOCX', 19, { budgetMs: 2000 }),
  'jszip/backslash.zip': e('NOT_A_WORD_DOCUMENT', 19, { budgetMs: 2000 }),
  'jszip/encrypted.zip': e('ENCRYPTED_DOCUMENT', 19, { budgetMs: 2000 }),
  'jszip/invalid_bad_decompressed_size.zip': e('CORRUPT_DOCX', 19, { budgetMs: 2000 }),
  'jszip/invalid_bad_offset.zip': e('NOT_A_WORD_DOCUMENT', 19, { budgetMs: 2000 }),
  'jszip/invalid_compression.zip': e('NOT_A_WORD_DOCUMENT', 19, { budgetMs: 2000 }),
  'jszip/invalid_crc32.zip': e('NOT_A_WORD_DOCUMENT', 19, { budgetMs: 2000 }),
  'jszip/pollution.zip': e('NOT_A_WORD_DOCUMENT', 19, { budgetMs: 2000 }),
  'jszip/zip64.zip': e('NOT_A_WORD_DOCUMENT', 19, { budgetMs: 2000 }),
  // 20 zip bomb
  'derived/zip-bomb-700MB-document-xml.docx': e('ARCHIVE_BOMB', 20, { budgetMs: 2000 }),
  // 21 entities
  'derived/xxe-external-entity.docx': e('CORRUPT_DOCX', 21),
  'derived/billion-laughs.docx': e('CORRUPT_DOCX', 21),
  // 22, 23 hostile links and payloads: read as literal text
  'mammoth/external-picture.docx': e('NO_TEXT', 22, { warnings: ['EXTERNAL_CONTENT'] }),
  'derived/html-injection-payloads.docx': ok(23),
  'derived/html-injection-text.pdf': ok(23),
  // 25 the JBIG2 bomb: stopped at the cap
  'pdfjs/bomb_giant.pdf': e('TOO_COMPLEX', 25, { budgetMs: 15_000 }),
  // files in the folder that CASES.md does not name: what clausemap does with them
  'mammoth/empty.docx': e('NO_TEXT', 0),
  'mammoth/tables.docx': ok(0),
  'pandoc/11113-emoji.docx': ok(0),
  'pandoc/zotero_citations.docx': ok(0),
  'pdfjs/bug1606566.pdf': e('BLANK_SCAN', 0),
  'pdfjs/cid_cff.pdf': ok(0),
  'pdfjs/issue13226.pdf': ok(0),
  'pdfjs/simpletype3font.pdf': e('BLANK_SCAN', 0),
  'pdfjs/text_rise_eol_bug.pdf': ok(0),
  'py-pdf-sample-files/reportlab-overlay.pdf': ok(0),
  'python-docx/having-images.docx': e('NO_TEXT', 0),
  'python-docx/sty-having-no-styles-part.docx': e('NO_TEXT', 0),
  'textract/paragraphs_and_tables.docx': ok(0),
};

/** The folder's own documentation and licence files: plain text, read like any text contract. */
export function isCorpusDoc(rel: string): boolean {
  return /(?:^|\/)(?:SOURCE\.md|README\.md|CASES\.md|LICENSE[^/]*|COPYING[^/]*|COPYRIGHT[^/]*)$/.test(rel);
}

/** Whether a process still exists (a zombie, exited but not yet reaped, counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}
