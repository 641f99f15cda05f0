// A clause read by OCR at low confidence is marked for review in every report format: the note that
// analysis gives it (from the page's mean word confidence) reaches the quotes of the HTML/PDF and Markdown
// reports, the calendar, the JSON, and the CSV's Review column.
import { describe, expect, it } from 'vitest';
import { ocrReview } from '../src/ingest/ocr-text.js';
import { render } from '../src/report/index.js';
import type { Report } from '../src/schema.js';
import { syntheticReport } from './report-synthetic.js';

const OCR_PAGES = [
  { page: 1, confidence: 93 },
  { page: 2, confidence: 61 },
];

/** The synthetic report with its first finding's clauses and first deadline read from page 2 of a scan. */
function reportWithReview(): { report: Report; note: string } {
  const report = syntheticReport(4, { findings: 3 });
  const note = ocrReview(OCR_PAGES, [2])!;
  const f = report.findings[0]!;
  f.clauses = f.clauses.map((c) => ({ ...c, page: 2, review: note }));
  const d = report.portfolio!.calendar[0]!;
  d.clause = {
    ...(d.clause ?? { file: d.file, category: 'term.expiration', start: 0, end: 4, text: 'Term' }),
    review: note,
  };
  const doc = report.documents.find((x) => x.file === f.clauses[0]!.file)!;
  doc.warnings.push({
    code: 'OCR',
    message: 'Read by OCR: pages 1 and 2 (mean word confidence page 1 93%, page 2 61%).',
  });
  return { report, note };
}

describe('review notes of clauses read by OCR', () => {
  it('are set only for pages read under 80%', () => {
    expect(ocrReview(OCR_PAGES, [1])).toBeUndefined();
    expect(ocrReview(OCR_PAGES, [1, 2])).toBe('read by OCR at 61% on p. 2 word confidence: check it against the scan');
    expect(ocrReview(undefined, [2])).toBeUndefined();
  });

  it('show in every report format', async () => {
    const { report, note } = reportWithReview();
    for (const format of ['html', 'md', 'json', 'ics'] as const) {
      const out = String(await render(report, format)).replace(/\r\n[ \t]/g, ''); // ICS folds long lines
      expect(out, format).toContain(format === 'json' ? `"review": "${note}"` : note);
    }
    const csv = String(await render(report, 'csv'));
    expect(csv.split('\r\n')[0]).toContain('Review');
    expect(csv).toContain('Read by OCR: pages 1 and 2');
  });
});
