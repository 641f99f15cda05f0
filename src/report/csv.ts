// CSV, RFC 4180 (CRLF records, fields quoted when they hold a comma, quote or line break, quotes doubled):
// the report's one row per contract with its key terms, and `clausemap terms`' export of the term database.
// Text that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) is
// prefixed with a single quote; a number is written as it is, so -5 stays the number -5.
import type { Report } from '../schema.js';
import { KEY_TERMS } from '../schema.js';
import type { DocumentRow, TermRow } from '../store/index.js';
import { terminalSafe } from '../names.js';
import { contractsOf, KEY_TERM_LABEL, keyTermValue, REVIEW_WARNINGS, visible, worst } from './view.js';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: nothing for null or undefined, numbers and booleans as they are, other values as JSON. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  let s = typeof value === 'string' ? value : JSON.stringify(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

/** A row of the term database's exports, often read on a terminal: text cells with controls marked. */
const termsRow = (cells: readonly unknown[]): string =>
  csvRow(cells.map((v) => (typeof v === 'string' ? terminalSafe(v) : v)));

export const CSV_HEADER = [
  'File',
  'Title',
  'Status',
  ...KEY_TERMS.map((k) => KEY_TERM_LABEL[k]),
  'Findings',
  'Worst severity',
  'Configuration applied',
  'Review',
  'SHA-256',
];

/** UTF-8 with a byte-order mark, so spreadsheet programs read accents, Arabic and CJK correctly. */
export function renderCsv(report: Report): string {
  const sha = new Map(report.documents.map((d) => [d.file, d.sha256]));
  const review = new Map(
    report.documents.map((d) => [
      d.file,
      d.warnings
        .filter((w) => REVIEW_WARNINGS.has(w.code))
        .map((w) => w.message)
        .join(' '),
    ]),
  );
  let out = '\ufeff' + csvRow(CSV_HEADER);
  for (const c of contractsOf(report)) {
    const fs = report.findings.filter((f) => f.documents.includes(c.file));
    const cells = [
      c.file,
      c.title,
      c.status,
      ...KEY_TERMS.map((k) => keyTermValue(c, k)),
      fs.length,
      worst(fs),
      report.config,
      review.get(c.file) || undefined,
      sha.get(c.file),
    ];
    out += csvRow(cells.map((v) => (typeof v === 'string' ? visible(v) : v)));
  }
  return out;
}

const TERM_COLUMNS = ['file', 'page', 'category', 'text', 'rule', 'heading', 'start', 'end', 'sha256'] as const;
const DOCUMENT_COLUMNS = ['file', 'sha256', 'size', 'pages', 'status', 'error_code', 'error'] as const;

// The term database's exports have no byte-order mark: they are data for other programs (a pipe, a
// database import), where a mark would end up in the first column's name. The report above is for people.

/** Terms as CSV: the fixed columns, then one column per attribute found (value.<name>). */
export function termsCsv(rows: readonly TermRow[]): string {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r.values ?? {})))].sort();
  return (
    csvRow([...TERM_COLUMNS, ...names.map((n) => `value.${n}`)]) +
    rows
      .map((r) =>
        termsRow([
          r.file,
          r.page,
          r.category,
          r.text,
          r.ruleId,
          r.heading,
          r.start,
          r.end,
          r.sha256,
          ...names.map((n) => r.values?.[n]),
        ]),
      )
      .join('')
  );
}

export function documentsCsv(rows: readonly DocumentRow[]): string {
  return (
    csvRow(DOCUMENT_COLUMNS) +
    rows.map((d) => termsRow([d.file, d.sha256, d.size, d.pages, d.status, d.errorCode, d.error])).join('')
  );
}
