// CSV formatter: one row per contract with its key terms (RFC 4180: CRLF records, fields quoted when they
// hold a comma, quote or line break, quotes doubled). A cell that a spreadsheet would run as a formula
// (starting with = + - @, tab or carriage return) is prefixed with a single quote.
import type { Report } from '../schema.js';
import { KEY_TERMS } from '../schema.js';
import { contractsOf, KEY_TERM_LABEL, keyTermValue, visible, worst } from './view.js';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | undefined): string {
  let s = value === undefined ? '' : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(cells: (string | number | undefined)[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

export const CSV_HEADER = ['File', 'Title', 'Status', ...KEY_TERMS.map((k) => KEY_TERM_LABEL[k]), 'Findings', 'Worst severity', 'SHA-256'];

/** UTF-8 with a byte-order mark, so spreadsheet programs read accents, Arabic and CJK correctly. */
export function renderCsv(report: Report): string {
  const sha = new Map(report.documents.map((d) => [d.file, d.sha256]));
  let out = '\ufeff' + csvRow(CSV_HEADER);
  for (const c of contractsOf(report)) {
    const fs = report.findings.filter((f) => f.documents.includes(c.file));
    const cells = [c.file, c.title, c.status, ...KEY_TERMS.map((k) => keyTermValue(c, k)), fs.length, worst(fs), sha.get(c.file)];
    out += csvRow(cells.map((v) => (typeof v === 'string' ? visible(v) : v)));
  }
  return out;
}
