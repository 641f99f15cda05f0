// The fixture portfolio with one contract given as its scan: analysed in the pool (OCR in the children),
// it gives the same findings as with the text-layer PDF, its clauses come out of the term database on a
// re-run without any OCR, and without tesseract on the PATH the scan is NO_TEXT_LAYER with how to get it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPortfolioRules, runPortfolio } from '../src/check/index.js';
import { analyzeInputs } from '../src/pipeline/index.js';
import { Progress } from '../src/progress.js';
import type { DocumentResult, Finding } from '../src/schema.js';
import { analyzeAll, loadExpected, nearMissHits, notFound, ROOT } from './e2e-expected.js';

const PORTFOLIO = path.join(ROOT, 'fixtures/portfolio');
const SCANNED = '04-meridian-crest-capital.pdf';
const TODAY = '2026-06-01';
const { rules } = loadPortfolioRules(path.join(ROOT, 'rules/portfolio'));
const expected = loadExpected(path.join(PORTFOLIO, 'expected.yaml'));

const tmp = mkdtempSync(path.join(tmpdir(), 'clausemap-ocr-portfolio-'));
const dir = path.join(tmp, 'portfolio');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** What a finding says, independent of the folder: rule, severity, contracts. */
const gist = (fs: readonly Finding[]) =>
  fs.map((f) => `${f.ruleId} ${f.severity} ${f.documents.map((d) => path.basename(d)).join(' + ')}`).sort();

function quietProgress(): Progress {
  return new Progress({ out: { write: () => true } });
}

let text: DocumentResult[] = [];
let scan: DocumentResult[] = [];
let again: Progress;
let first: Progress;
const bar: string[] = [];
beforeAll(async () => {
  spawnSync('mkdir', ['-p', dir]);
  for (const f of readdirSync(PORTFOLIO).filter((f) => /\.(pdf|docx)$/.test(f)))
    copyFileSync(f === SCANNED ? path.join(ROOT, 'fixtures/scanned', f) : path.join(PORTFOLIO, f), path.join(dir, f));
  const db = path.join(tmp, 'terms.db');
  // the first run's bar, as a terminal would show it
  first = new Progress({ out: { isTTY: true, columns: 200, write: (s: string) => bar.push(s) } });
  // a loaded machine reads a page in 20 s: the cap is raised so the scan is read, not stopped
  const caps = { concurrency: 2, timeoutMs: 600_000, db, exitOnSignal: false };
  scan = await analyzeInputs([dir], { ...caps, progress: first });
  again = quietProgress();
  await analyzeInputs([dir], { ...caps, progress: again });
  text = await analyzeAll([PORTFOLIO]);
}, 600_000);

describe('a portfolio with one contract scanned', () => {
  it('reads the scan by OCR, with its warning, among the text contracts', () => {
    const d = scan.find((x) => path.basename(x.file) === SCANNED)!;
    expect(d.status).toBe('ok');
    expect(d.warnings.map((w) => w.code)).toContain('OCR');
    expect(scan.every((x) => x.status === 'ok')).toBe(true);
  });

  it('finds the same conflicts as with the text-layer PDF', () => {
    const fromScan = runPortfolio({ documents: scan, rules, today: TODAY }).findings;
    const fromText = runPortfolio({ documents: text, rules, today: TODAY }).findings;
    expect(gist(fromScan)).toEqual(gist(fromText));
    // every planted conflict the text-layer portfolio shows, the one with the scan shows too
    const planted = (expected.findings ?? []).filter((e) => !notFound(fromText, e, PORTFOLIO).length);
    expect(planted.length).toBeGreaterThan(3);
    expect(planted.flatMap((e) => notFound(fromScan, e, dir))).toEqual([]);
    expect((expected.near_misses ?? []).flatMap((nm) => nearMissHits(fromScan, nm, dir))).toEqual([]);
  });

  it('shows the pages of the scan in the progress bar while OCR reads them', () => {
    expect(bar.some((s) => /OCR [1-3]\/4 pages/.test(s))).toBe(true);
  });

  it('does no OCR again on a re-run: every document comes from the term database', () => {
    expect(first.counts().reused).toBe(0);
    expect(again.counts()).toMatchObject({ done: 6, reused: 6 });
  });
});

describe('the --ocr option', () => {
  it('takes auto, always or never, and nothing else (usage error, exit 2)', () => {
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin/clausemap.js'), 'extract', '--no-db', '-q', '--ocr', 'sometimes', PORTFOLIO],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--ocr <mode>.*Give auto, always or never\./);
  });
});

describe('without tesseract', () => {
  it('keeps NO_TEXT_LAYER for a scan and says how to get OCR', () => {
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'bin/clausemap.js'), 'extract', '--no-db', '-q', '-f', 'json', path.join(dir, SCANNED)],
      { env: { ...process.env, PATH: '/nonexistent' }, encoding: 'utf8' },
    );
    expect(r.status).toBe(3);
    const doc = (JSON.parse(r.stdout) as { documents: DocumentResult[] }).documents[0]!;
    expect(doc.error?.code).toBe('NO_TEXT_LAYER');
    expect(doc.error?.message).toMatch(/to read scans, install tesseract .*apt-get install tesseract-ocr/);
  }, 60_000);
});
