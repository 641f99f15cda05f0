// The report of the fixture portfolio, printed to PDF and read back: every section, and each planted
// conflict of fixtures/portfolio/expected.yaml with both contracts named and every clause it rests on
// quoted under its correct page number; its deadlines in the calendar, the CSV and the ICS.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPortfolio } from '../src/check/index.js';
import { buildReport, render, renderPdf } from '../src/report/index.js';
import { PdfPrinter } from '../src/report/pdf.js';
import { loadPortfolioRules } from '../src/check/index.js';
import type { Report } from '../src/schema.js';
import { analyzeAll, loadExpected, ROOT } from './e2e-expected.js';
import { pageOfQuote, pdfColumnsByPage, pdfTextByPage, squash } from './report-pdf-tools.js';

const PORTFOLIO = path.join(ROOT, 'fixtures/portfolio');
const TODAY = '2026-06-01';
const expected = loadExpected(path.join(PORTFOLIO, 'expected.yaml')) as ReturnType<typeof loadExpected> & {
  contracts: Array<{ file: string; counterparty: string; governingLaw: string }>;
  findings: Array<{
    rule: string;
    files: string[];
    dates?: Array<{ kind: string; date: string }>;
    clauses: Array<{ file: string; quote: string; page?: number; optional?: boolean }>;
  }>;
};

let report: Report;
let pages: string[];
let columns: string[][];
let printer: PdfPrinter;

beforeAll(async () => {
  const documents = await analyzeAll([PORTFOLIO]);
  const { rules } = loadPortfolioRules(path.join(ROOT, 'rules/portfolio'));
  const { findings, portfolio } = runPortfolio({ documents, rules, today: TODAY });
  report = buildReport({
    command: 'audit',
    documents,
    findings,
    portfolio,
    rulesVersion: 'fixture',
    generatedAt: `${TODAY}T09:00:00.000Z`,
    rules: rules.map((r) => ({ id: `portfolio/${r.id}`, title: r.title })),
  });
  printer = await PdfPrinter.launch();
  const pdf = await renderPdf(report, { printer });
  pages = pdfTextByPage(pdf);
  columns = pdfColumnsByPage(pdf);
}, 180_000);

afterAll(async () => {
  await printer?.close();
});

/** The PDF pages of the finding whose heading line names this rule and these files. */
function findingPages(rule: string, files: string[]): number[] {
  const at = pages
    .map((p, i) => ({ p: squash(p), i }))
    .filter(({ p }) => p.includes(squash(`rule ${rule}`)) && files.every((f) => p.includes(squash(f))));
  return at.map(({ i }) => i);
}

describe('fixture portfolio report (PDF)', () => {
  it('has every section, the six contracts and their key terms', () => {
    const all = pages.join('\n');
    for (const h of [
      'Executive summary',
      'Conflict matrix',
      'Findings',
      'Key terms by contract',
      'Deadline calendar',
      'Appendix: documents and rules',
    ])
      expect(all).toContain(h);
    expect(squash(all)).toContain(squash('6 of 6 files'));
    for (const c of expected.contracts) {
      expect(squash(all), c.file).toContain(squash(c.file));
      expect(squash(all), c.counterparty).toContain(squash(c.counterparty));
    }
    for (const d of report.documents)
      expect(
        columns.some((p) => p.some((c) => squash(c).includes(d.sha256!))),
        d.sha256,
      ).toBe(true);
  });

  for (const e of expected.findings) {
    it(`shows ${e.rule} on ${e.files.join(' + ')} with each clause quoted under its page`, () => {
      expect(findingPages(e.rule, e.files), 'finding heading with both contracts').not.toEqual([]);
      for (const c of e.clauses.filter((x) => !x.optional)) {
        const at = pageOfQuote(columns, { file: c.file, text: c.quote, ...(c.page ? { page: c.page } : {}) });
        expect(at, `${c.file} p. ${c.page}: "${c.quote.slice(0, 50)}…"`).toBeGreaterThanOrEqual(0);
      }
    });
  }

  it('puts the planted deadlines in the calendar, the ICS and the CSV', async () => {
    const calendar = squash(pages.slice(pages.findIndex((p) => /^\s*Deadline calendar\s*$/m.test(p))).join(''));
    const dates = expected.findings.flatMap((f) => f.dates ?? []);
    expect(dates.length).toBeGreaterThan(0);
    const ics = String(await render(report, 'ics'));
    for (const d of dates) {
      const shown = report.portfolio!.calendar.filter((x) => x.kind === d.kind).map((x) => x.date);
      const near = shown.find((x) => Math.abs(Date.parse(x) - Date.parse(d.date)) <= 86_400_000);
      expect(near, `${d.kind} ${d.date}`).toBeDefined();
      expect(calendar).toContain(squash(near!));
      expect(ics).toContain(`DTSTART;VALUE=DATE:${near!.replace(/-/g, '')}`);
    }
    const csv = String(await render(report, 'csv'))
      .slice(1)
      .trim()
      .split('\r\n');
    expect(csv).toHaveLength(1 + expected.contracts.length);
  });
});
