// The PDF report, printed by the real Chromium and read back with poppler: sections, quotes with page
// numbers, running header and page numbers, pages that are not blank; hostile files from the real
// pipeline; the locked-down renderer (no script, no request but data:); the browser's lifecycle.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../src/ingest/index.js';
import { buildReport, render, renderPdf } from '../src/report/index.js';
import { findChromium, PdfPrinter, ReportError, withPrinter } from '../src/report/pdf.js';
import type { Report } from '../src/schema.js';
import { pageOfQuote, pdfColumnsByPage, pdfInfo, pdfPageImages, pdfTextByPage, squash } from './report-pdf-tools.js';
import { syntheticReport } from './report-synthetic.js';
import { describeCorpus, SHARED } from './shared-data.js';

const BAD = path.join(SHARED, 'badinput', 'derived');

function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Processes whose command line names this profile folder (Chromium and all its helpers). */
function processesUsing(profile: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,stat=,args='], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes(profile) && !/\sZ/.test(l.slice(0, 14)) && !l.includes('ps -eo'));
}

function zombiesUnder(pid: number): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,stat=,comm='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((p) => Number(p[1]) === pid && p[2]?.startsWith('Z'))
    .map((p) => p.join(' '));
}

let printer: PdfPrinter;
let server: http.Server;
let hits: string[] = [];
let port = 0;

beforeAll(async () => {
  printer = await PdfPrinter.launch();
  server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    res.end('leak');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await printer?.close();
  await new Promise((r) => server?.close(r));
});

describe('pdf report', () => {
  const report = syntheticReport(6, { findings: 8, failed: 1 });
  let pdf: Buffer;
  let pages: string[];
  let columns: string[][];

  beforeAll(async () => {
    pdf = await renderPdf(report, { printer });
    pages = pdfTextByPage(pdf);
    columns = pdfColumnsByPage(pdf);
  });

  /** the index of the page that has `text` whole in one of its text blocks */
  const pageWith = (text: string): number => columns.findIndex((p) => p.some((b) => squash(b).includes(squash(text))));

  it('is a PDF with every section, in order', () => {
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const all = pages.join('\n');
    let at = -1;
    for (const h of [
      'Contract portfolio conflict report',
      'Executive summary',
      'Conflict matrix',
      'Findings',
      'Key terms by contract',
      'Deadline calendar',
      'Appendix: documents and rules',
    ]) {
      const i = all.indexOf(h, at + 1);
      expect(i, h).toBeGreaterThan(at);
      at = i;
    }
    expect(all).toContain('Files that could not be read (1)');
    expect(all).toContain('NO_TEXT_LAYER');
  });

  it('has the running header and "Page i of n" on every page', () => {
    expect(pages.length).toBeGreaterThan(8);
    pages.forEach((p, i) => {
      expect(p, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(p, `page ${i + 1}`).toContain('Contract portfolio conflict report');
      expect(p).toContain('2026-11-26');
    });
  });

  it('quotes the clauses of both contracts of each finding, each under its page number and file', () => {
    for (const f of report.findings) {
      const names = f.documents.map((d) => d.split('/').pop()!);
      for (const c of f.clauses) {
        const at = pageOfQuote(columns, c);
        expect(at, `${f.title}: quote from ${c.file} under "p. ${c.page} · ${c.file}"`).toBeGreaterThanOrEqual(0);
      }
      expect(squash(pages.join(''))).toContain(squash(names.join(' and ')));
      if (f.suggestion) expect(squash(pages.join(''))).toContain(squash(f.suggestion));
      if (f.why) expect(squash(pages.join(''))).toContain(squash(f.why));
    }
  });

  it('shows the values the rule used, key terms, deadlines and document hashes', () => {
    const all = squash(pages.join(''));
    // a value the rule used, in words with its unit, under its label
    const notice = report.findings.flatMap((f) => f.clauses).find((c) => typeof c.values?.noticeDays === 'number');
    expect(notice).toBeDefined();
    expect(all).toContain(squash(`${notice!.values!.noticeDays as number} days`));
    expect(all).toContain(squash('notice'));
    expect(all).not.toContain('noticeDays');
    for (const c of report.portfolio!.contracts) expect(all).toContain(squash(c.keyTerms.governingLaw!));
    for (const d of report.portfolio!.calendar) expect(all).toContain(squash(d.date));
    for (const d of report.documents) if (d.sha256) expect(pageWith(d.sha256), d.sha256).toBeGreaterThan(0);
    for (const r of report.rules!) expect(all).toContain(squash(r.id));
  });

  it('prints pages that are not blank, with a coloured matrix that also carries letters', () => {
    const images = pdfPageImages(pdf);
    expect(images).toHaveLength(pages.length);
    for (const img of images) expect(img.ink, `page ${img.page}`).toBeGreaterThan(0.004);
    const matrixPage = pages.findIndex(
      (p) => squash(p).includes('Conflictmatrix') && squash(p).includes('pairsofcontractsconflict'),
    );
    expect(matrixPage).toBeGreaterThan(0);
    expect(images[matrixPage]!.colour).toBeGreaterThan(0.01);
    // the severity letters are real text in the drawing, so the matrix reads without colour
    expect(pages[matrixPage]).toMatch(/\bC\b[\s\S]*\bH\b/);
  });

  it('puts every finding quote on one page (no quote split across a page break)', () => {
    for (const f of report.findings)
      for (const c of f.clauses) expect(pageOfQuote(columns, c), c.text.slice(0, 40)).toBeGreaterThanOrEqual(0);
  });
});

describe('small reports', () => {
  it('prints a report with no readable contract and no finding, every page numbered', async () => {
    const r = buildReport({
      command: 'audit',
      rulesVersion: 'x',
      findings: [],
      generatedAt: '2026-11-26T12:00:00.000Z',
      documents: [
        {
          file: 'in/scan.pdf',
          status: 'error',
          error: { code: 'NO_TEXT_LAYER', message: 'in/scan.pdf: no text layer (scanned?).' },
          warnings: [],
          clauses: [],
        },
      ],
    });
    const text = pdfTextByPage(await renderPdf(r, { printer }));
    expect(text.join('\n')).toContain('no text layer');
    expect(text.join('\n')).toContain('No finding.');
    text.forEach((p, i) => expect(p).toContain(`Page ${i + 1} of ${text.length}`));
  });
});

describeCorpus('hostile input', () => {
  let report: Report;
  const files = [path.join(BAD, 'html-injection-payloads.docx'), path.join(BAD, 'html-injection-text.pdf')];

  beforeAll(async () => {
    // The real pipeline (ingest, extraction in the child pool) gives the documents; the report then quotes
    // their whole text, as a finding would quote a clause, so every payload reaches the page.
    // The pool runs the compiled child (dist/pipeline/child.js): `npm test` builds first.
    const dist = path.resolve('dist/pipeline/index.js');
    expect(existsSync(dist), 'run `npx tsc -p .` before this test').toBe(true);
    const { analyzeInputs } = (await import(dist)) as typeof import('../src/pipeline/index.js');
    const documents = await analyzeInputs(files, { concurrency: 2 });
    expect(documents.map((d) => d.status)).toEqual(['ok', 'ok']);
    const texts = await Promise.all(files.map((f) => ingestFile(f)));
    const meta = pdfInfo(readFileSync(files[1]!));
    documents[1]!.title ??= meta.Title; // the PDF's /Info Title is a payload too
    const trap = `<img src="http://127.0.0.1:${port}/img"><link rel="stylesheet" href="http://127.0.0.1:${port}/css"><style>@import url(http://127.0.0.1:${port}/import);</style>`;
    report = buildReport({
      command: 'audit',
      documents,
      rulesVersion: 'test',
      generatedAt: '2026-11-26T12:00:00.000Z',
      findings: [
        {
          ruleId: 'portfolio/test',
          severity: 'high',
          title: `Payloads ${meta.Author ?? ''}`,
          message: `The two hostile files ${trap}`,
          why: documents[1]!.title ?? '',
          suggestion: trap,
          documents: files,
          clauses: texts.map((t) => ({
            file: t.file,
            category: 'test.payload',
            start: 0,
            end: t.text.length,
            page: 1,
            text: t.text + '\n\n' + trap,
            values: { payload: trap },
          })),
        },
      ],
      portfolio: {
        contracts: files.map((f) => ({
          file: f,
          title: trap,
          status: 'signed' as const,
          keyTerms: { governingLaw: trap },
        })),
        calendar: [{ date: '2027-01-01', kind: 'expiry', file: files[0]!, title: trap }],
      },
    });
  });

  it('renders the payloads as literal text, runs no script and makes no request but data:', async () => {
    const requests: { url: string; allowed: boolean }[] = [];
    hits = [];
    const pdf = await renderPdf(report, { printer, onRequest: (url, allowed) => requests.push({ url, allowed }) });
    const text = pdfTextByPage(pdf).join('\n');
    const flat = squash(text);
    for (const payload of [
      '<script>document.title="PWNED"</script>',
      `<iframe src="file:///etc/passwd"></iframe>`,
      '{{constructor.constructor("return process")().exit()}}',
      '${process.exit()}',
      '<%= 7*7 %>',
      '</style></title></textarea><svg onload=alert(1)>',
      '<img src="http://127.0.0.1:9/leak" onerror="alert(1)">',
      '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">',
      `<img src="http://127.0.0.1:${port}/img">`,
    ]) {
      expect(flat, payload).toContain(squash(payload));
    }
    expect(flat).toContain(squash('<img src=x onerror=alert(2)>')); // the PDF's Author, in the finding title
    expect(flat).toContain(squash('<script>alert(1)</script>')); // its Title
    expect(text).toContain('[U+202E]'); // the RTL override is shown, not obeyed
    expect(text).not.toMatch(/root:x:0:0/); // no local file content
    expect(pdfInfo(pdf).Title).not.toMatch(/PWNED/); // document.title was not rewritten
    expect(text).toContain('Executive summary'); // the body was not replaced
    expect(requests.filter((r) => !r.url.startsWith('data:'))).toEqual([]);
    expect(requests.every((r) => r.allowed === r.url.startsWith('data:'))).toBe(true);
    expect(hits).toEqual([]);
  });

  it('the HTML format carries the same payloads escaped', async () => {
    const html = String(await render(report, 'html'));
    expect(html).not.toMatch(/<script|<iframe|<img|<link|<svg onload/i);
    expect(html).toContain('&lt;script&gt;document.title&#x3D;&quot;PWNED&quot;&lt;/script&gt;');
  });
});

describe('the renderer itself', () => {
  it('blocks every non-data: request and runs no script even for raw, unescaped HTML', async () => {
    hits = [];
    const requests: { url: string; allowed: boolean }[] = [];
    const png =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    // No CSP here on purpose: request interception alone must stop these.
    const html = `<!DOCTYPE html><html><head><title>raw</title>
      <link rel="stylesheet" href="http://127.0.0.1:${port}/css">
      <style>@import url("http://127.0.0.1:${port}/import"); body { background: url("http://127.0.0.1:${port}/bg"); }</style></head>
      <body><p>visible body text</p>
      <img src="http://127.0.0.1:${port}/img"><img src="${png}">
      <iframe src="file:///etc/passwd"></iframe>
      <script>document.body.innerHTML = 'SCRIPT RAN'; document.title = 'PWNED';</script>
      <script src="http://127.0.0.1:${port}/js"></script>
      <img src="x" onerror="document.body.innerHTML='HANDLER RAN'">
      </body></html>`;
    const pdf = await printer.print(html, { onRequest: (url, allowed) => requests.push({ url, allowed }) });
    const text = pdfTextByPage(pdf).join('\n');
    expect(text).toContain('visible body text');
    expect(text).not.toMatch(/SCRIPT RAN|HANDLER RAN|root:x:0:0/);
    expect(pdfInfo(pdf).Title).toBe('raw');
    expect(hits).toEqual([]);
    const blocked = requests.filter((r) => !r.allowed).map((r) => r.url);
    expect(blocked.some((u) => u.startsWith(`http://127.0.0.1:${port}/`))).toBe(true); // interception saw and aborted them
    expect(requests.filter((r) => r.allowed).every((r) => r.url.startsWith('data:'))).toBe(true);
  });

  it('closes the browser, removes its profile and leaves no process, also after a timeout', async () => {
    let pid: number | undefined;
    let profile = '';
    await withPrinter(async (p) => {
      pid = p.pid;
      profile = p.userDataDir;
      expect(alive(pid)).toBe(true);
      expect(processesUsing(profile).length).toBeGreaterThan(0);
      await p.print('<p>one</p>');
      await p.print('<p>two</p>'); // the same browser serves a second render
      expect(p.pid).toBe(pid);
    });
    expect(alive(pid)).toBe(false);
    expect(existsSync(profile)).toBe(false);
    expect(processesUsing(profile)).toEqual([]);

    const slow = await PdfPrinter.launch({ timeoutMs: 1 });
    const slowPid = slow.pid;
    const slowProfile = slow.userDataDir;
    const big = syntheticReport(60, { findings: 120 });
    await expect(renderPdf(big, { printer: slow })).rejects.toMatchObject({ code: 'RENDER_TIMEOUT' });
    await expect(slow.print('<p>x</p>')).rejects.toMatchObject({ code: 'RENDER_FAILED' });
    expect(alive(slowPid)).toBe(false);
    expect(existsSync(slowProfile)).toBe(false);
    expect(processesUsing(slowProfile)).toEqual([]);
    expect(zombiesUnder(process.pid)).toEqual([]);
  });

  it('says clearly when there is no Chromium, and the other formats still work', async () => {
    await expect(findChromium({ CLAUSEMAP_CHROMIUM: '/nonexistent/chrome' })).rejects.toMatchObject({
      code: 'NO_CHROMIUM',
      message: expect.stringContaining('CLAUSEMAP_CHROMIUM'),
    });
    const none = findChromium({ PATH: '' }, { puppeteerCache: false, systemPaths: [] });
    await expect(none).rejects.toBeInstanceOf(ReportError);
    await expect(none).rejects.toMatchObject({
      code: 'NO_CHROMIUM',
      message: expect.stringMatching(/Install Chromium.*--format html/),
    });
    const saved = process.env.CLAUSEMAP_CHROMIUM;
    process.env.CLAUSEMAP_CHROMIUM = '/nonexistent/chrome';
    try {
      const r = syntheticReport(2, { findings: 1 });
      await expect(render(r, 'pdf')).rejects.toMatchObject({ code: 'NO_CHROMIUM' });
      for (const f of ['html', 'md', 'json', 'csv', 'ics'] as const)
        expect(String(await render(r, f)).length).toBeGreaterThan(100);
    } finally {
      if (saved === undefined) delete process.env.CLAUSEMAP_CHROMIUM;
      else process.env.CLAUSEMAP_CHROMIUM = saved;
    }
  });
});
