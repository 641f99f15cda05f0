// `clausemap serve` in real Chromium (Debian's, as the PDF report uses it): a portfolio made and filled
// through the file input, the live progress to its end, the six planted conflicts of fixtures/portfolio
// on the page, a finding's clause opened in the contract view, the PDF downloaded, the draft of
// fixtures/drafts checked (its MFN finding shown), the Brightwater counterparty view; axe-core finds no
// serious or critical violation on any page, no page breaks its CSP, and the browser asks nothing of any
// other server.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findChromium } from '../src/report/index.js';
import { CHROMIUM_ARGS } from '../src/report/pdf.js';
import { DRAFT, PORTFOLIO, PORTFOLIO_FILES, ROOT, serve, type Served } from './serve-helpers.js';

const AXE = readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

const tmp = mkdtempSync(path.join(tmpdir(), 'clausemap-serve-browser-'));
let s: Served;
let browser: Browser;
let page: Page;
const outside: string[] = [];
const cspErrors: string[] = [];
const axeFindings: string[] = [];

beforeAll(async () => {
  // the day the fixture's planted findings are dated for (as tests/e2e-portfolio.test.ts reads them): a
  // clausemap.yaml in the data folder applies to every portfolio, as it applies to an audit of files below it
  mkdirSync(path.join(tmp, 'data'));
  writeFileSync(path.join(tmp, 'data', 'clausemap.yaml'), 'today: 2026-06-01\n');
  s = await serve(path.join(tmp, 'data'));
  const { default: puppeteer } = await import('puppeteer');
  browser = await puppeteer.launch({
    executablePath: await findChromium(),
    headless: true,
    pipe: true,
    userDataDir: path.join(tmp, 'profile'),
    args: [...CHROMIUM_ARGS], // as the PDF report starts it: --no-sandbox --disable-gpu --no-first-run …
  });
  page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const ok = req.url().startsWith(s.base + '/');
    if (!ok) outside.push(req.url());
    void (ok ? req.continue() : req.abort('blockedbyclient'));
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await s?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

/** axe-core on the page as it is (run through the debugging protocol, so the page's CSP stays in force). */
async function axe(where: string): Promise<void> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const r = await (
      globalThis as unknown as {
        axe: { run: () => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
      }
    ).axe.run();
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  for (const v of violations)
    if (v.impact === 'serious' || v.impact === 'critical')
      axeFindings.push(`${where}: ${v.id} (${v.impact}, ${v.nodes})`);
}

it('runs the whole path in Chromium with no accessibility violation and no outside request', async () => {
  // the printed link: the token becomes a cookie and leaves the address
  await page.goto(s.url);
  expect(new URL(page.url()).search).toBe('');
  await axe('home');
  await page.type('#new-name', 'Okafor Data Works');
  await Promise.all([page.waitForNavigation(), page.click('form[action="/portfolios"] button')]);
  const id = new URL(page.url()).pathname.split('/')[2]!;
  await axe('empty portfolio');

  // the file input, then the live progress until the report replaces it
  const input = (await page.$('#file-input'))!;
  await input.uploadFile(...PORTFOLIO_FILES);
  await page.waitForSelector('article.finding', { timeout: 90_000 });
  expect(await page.$eval('#progress-text', (e) => e.textContent)).toMatch(/All 6 files analysed/);
  await axe('report');

  // the six planted conflicts, each between its contracts (a contract expired by then is rightly left out
  // of the findings that need contracts in force)
  const expected = parse(readFileSync(path.join(PORTFOLIO, 'expected.yaml'), 'utf8')) as {
    findings: { rule: string; files: string[] }[];
  };
  const expired = await page.evaluate(async (u) => {
    const r = (await (await fetch(u)).json()) as { portfolio: { contracts: { file: string; status: string }[] } };
    return r.portfolio.contracts.filter((c) => c.status === 'expired').map((c) => c.file);
  }, `/api/portfolios/${id}/report?format=json`);
  const shown = await page.$$eval('article.finding', (as) =>
    as.map((a) => ({ rule: a.getAttribute('data-rule'), text: a.querySelector('p')?.textContent ?? '' })),
  );
  expect(expected.findings).toHaveLength(6);
  for (const e of expected.findings) {
    const files = e.files.filter((f) => e.files.length <= 2 || !expired.includes(f));
    expect(
      shown.some((f) => f.rule === e.rule && files.every((x) => f.text.includes(x))),
      `${e.rule} on ${files.join(' + ')}`,
    ).toBe(true);
  }
  // a matrix cell opens its finding
  const cell = await page.$eval('table.matrix td a', (a) => a.getAttribute('href'));
  expect(cell).toMatch(/^#finding-\d+$/);

  // one finding's clause, opened in the contract, highlighted, its page shown
  const quote = await page.$eval('#finding-1 figure.quote blockquote', (b) => b.textContent ?? '');
  await Promise.all([page.waitForNavigation(), page.click('#finding-1 a.open')]);
  const mark = await page.$eval('mark#clause', (m) => m.textContent ?? '');
  expect(mark).toMatch(/^\[page \d+\]/);
  expect(mark.replace(/\s+/g, ' ')).toContain(quote.replace(/\s+/g, ' ').slice(0, 60));
  expect(new URL(page.url()).hash).toBe('#clause');
  await axe('contract view');

  // the PDF report, downloaded as a user downloads it
  await page.goto(`${s.base}/p/${id}`);
  const downloads = path.join(tmp, 'downloads');
  const cdp = await page.createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  await page.click('a[href$="format=pdf"]');
  const pdf = path.join(downloads, 'clausemap-report.pdf');
  for (let t = 0; t < 600 && !existsSync(pdf); t++) await new Promise((r) => setTimeout(r, 100));
  expect(readdirSync(downloads)).toContain('clausemap-report.pdf');
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');

  // the draft check: what signing would add, with the MFN finding and the playbook table
  await page.goto(`${s.base}/p/${id}/check`);
  await axe('check form');
  await (await page.$('#draft-input'))!.uploadFile(DRAFT);
  await Promise.all([page.waitForNavigation({ timeout: 90_000 }), page.click('#check-form button')]);
  expect(await page.$('#check-result article.finding[data-rule="portfolio/mfn-breach"]')).not.toBeNull();
  expect(await page.$('#playbook table')).not.toBeNull();
  await axe('check result');

  // the Brightwater counterparty view
  await page.goto(`${s.base}/p/${id}`);
  const party = await page.$$eval('#parties a', (as) =>
    as.filter((a) => /Brightwater/.test(a.textContent ?? '')).map((a) => a.getAttribute('href')),
  );
  expect(party).toHaveLength(1);
  await Promise.all([page.waitForNavigation(), page.click(`#parties a[href="${party[0]}"]`)]);
  expect(await page.$eval('h1', (h) => h.textContent)).toMatch(/Brightwater Health Partners/);
  const rows = await page.$$eval('tbody tr', (trs) => trs.map((t) => t.textContent ?? ''));
  expect(rows.join('\n')).toMatch(/Last day to give renewal notice\s*2026-12-30/);
  expect(rows.join('\n')).toMatch(/\$150 per hour/);
  await axe('counterparty view');

  expect(axeFindings).toEqual([]);
  expect(cspErrors).toEqual([]);
  expect(outside).toEqual([]);
}, 240_000);
