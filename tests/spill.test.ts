// The findings spill (an audit's findings kept on disk, deduplicated and sorted by SQLite) gives exactly
// what the in-memory chain (finishFindings) gives: the same findings, the same first-kept duplicate, the
// same order, the same minimum-severity cut. Run on the fixture portfolio plus real CUAD contracts, each
// filed twice under another name, as a large batch of copies is.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPortfolioInto } from '../src/check/index.js';
import { portfolioInput } from '../src/check/portfolio.js';
import { finishFindings, loadPortfolioRules } from '../src/check/index.js';
import type { DocumentResult, Finding, Severity } from '../src/schema.js';
import { FindingSpill, IndexedSpill, parseFindings } from '../src/store/spill.js';
import { compact } from '../src/pipeline/memory.js';
import { analyzeAll, ROOT } from './e2e-expected.js';
import { HAS_SHARED, SHARED } from './shared-data.js';

const CUAD = path.join(SHARED, 'corpus', 'cuad', 'txt');
const { rules } = loadPortfolioRules(path.join(ROOT, 'rules/portfolio'));

const found: Finding[] = [];
const spills: FindingSpill[] = [];

beforeAll(async () => {
  if (!HAS_SHARED) return; // the tests that use these findings are skipped
  const cuad = readdirSync(CUAD)
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .slice(0, 60)
    .map((n) => path.join(CUAD, n));
  const docs = await analyzeAll([path.join(ROOT, 'fixtures/portfolio'), ...cuad]);
  // each document twice, as another file with other bytes (a second version that reads the same): the same
  // clauses in two contracts give findings that look alike, which is what the chain must sort and dedupe
  const copies: DocumentResult[] = docs
    .flatMap((d) => [
      d,
      { ...d, file: d.file.replace(/(\.\w+)$/, ' (copy)$1'), ...(d.sha256 ? { sha256: `${d.sha256}-v2` } : {}) },
    ])
    .map(portfolioInput);
  // "me" given: the CUAD contracts name no common party, and the test wants the findings of one portfolio
  runPortfolioInto(
    { documents: copies, rules, today: '2026-03-01', config: { me: 'Okafor Data Works LLC' } },
    { add: (f) => found.push(f) },
  );
}, 120_000);

afterAll(() => {
  for (const s of spills) s.close();
});

/** Through a spill that goes to disk at once (`holdUpTo` 0), unless told to hold more in memory first. */
function spilled(items: readonly Finding[], minSeverity?: Severity, holdUpTo = 0): Finding[] {
  const spill = new FindingSpill(holdUpTo);
  spills.push(spill);
  for (const f of items) spill.add(f);
  expect(spill.onDisk).toBe(items.length > holdUpTo);
  return [...parseFindings(spill.sortedJson(minSeverity))];
}

describe('findings spill', () => {
  it.skipIf(!HAS_SHARED)("gives the in-memory chain's findings, in its order, for a portfolio with copies", () => {
    expect(found.length).toBeGreaterThan(200);
    const want = finishFindings(found);
    const got = spilled(found);
    expect(got.length).toBe(want.length);
    expect(got.map((f) => JSON.stringify(f))).toEqual(want.map((f) => JSON.stringify(f)));
    // the copies conflict with their originals: both names are cited
    expect(
      got.some(
        (f) => f.documents.some((d) => d.includes(' (copy)')) && f.documents.some((d) => !d.includes(' (copy)')),
      ),
    ).toBe(true);
  });

  it.skipIf(!HAS_SHARED)(
    'keeps the first of two same findings, and cuts below the minimum severity as the chain does',
    () => {
      // each finding again, made critical: the same finding by identity, so the first (its own severity) stays
      const doubled = [...found, ...found.map((f) => ({ ...f, severity: 'critical' as const, why: 'later copy' }))];
      for (const min of [undefined, 'medium', 'high'] as const) {
        const got = spilled(doubled, min);
        expect(got.map((f) => JSON.stringify(f))).toEqual(finishFindings(doubled, min).map((f) => JSON.stringify(f)));
        expect(got.some((f) => f.why === 'later copy')).toBe(false);
      }
      expect(spilled(doubled, 'high').length).toBeLessThan(spilled(doubled).length);
    },
  );

  it.skipIf(!HAS_SHARED)(
    'gives the same list whether the findings stay in memory, go to disk part way, or go to disk at once',
    () => {
      const doubled = [...found, ...found.map((f) => ({ ...f, severity: 'critical' as const, why: 'later copy' }))];
      const want = spilled(doubled, 'medium').map((f) => JSON.stringify(f));
      for (const holdUpTo of [Math.floor(found.length / 2), found.length + 10, doubled.length, 10 * doubled.length]) {
        expect(spilled(doubled, 'medium', holdUpTo).map((f) => JSON.stringify(f))).toEqual(want);
        // as findings: held ones are handed over as they are, the others parsed from disk
        const spill = new FindingSpill(holdUpTo);
        spills.push(spill);
        for (const f of doubled) spill.add(f);
        expect([...spill.sorted('medium')].map((f) => JSON.stringify(f))).toEqual(want);
        // read again, both ways (an audit writes them to its term database and then to the report): the same list
        expect([...parseFindings(spill.sortedJson('medium'))].map((f) => JSON.stringify(f))).toEqual(want);
        expect([...spill.sorted('medium')].map((f) => JSON.stringify(f))).toEqual(want);
        // and with another minimum severity, the list for that one
        expect([...spill.sorted('high')].map((f) => JSON.stringify(f))).toEqual(
          spilled(doubled, 'high').map((f) => JSON.stringify(f)),
        );
      }
    },
  );

  it('orders text by UTF-16 code unit, as JavaScript compares strings, not by UTF-8 bytes', () => {
    const base: Finding = {
      ruleId: 'portfolio/x',
      severity: 'low',
      title: 't',
      message: '',
      documents: ['a.txt', 'b.txt'],
      clauses: [],
    };
    // U+FF01 sorts after U+1F600 by code unit (0xFF01 > 0xD83D) but before it by UTF-8 bytes
    const items: Finding[] = [
      { ...base, message: 'x \uFF01' },
      { ...base, message: 'x \u{1F600}' },
      { ...base, message: 'x \uFFFD' },
      { ...base, message: 'x' },
    ];
    const got = spilled(items).map((f) => f.message);
    expect(got).toEqual(finishFindings(items).map((f) => f.message));
    expect(got).toEqual(['x', 'x \u{1F600}', 'x \uFF01', 'x \uFFFD']);
  });
});

describe('indexed spill and compaction', () => {
  it.skipIf(!HAS_SHARED)('gives back what was set aside, in index order, as it was', () => {
    const docs = found.slice(0, 50);
    const spill = new IndexedSpill<Finding>();
    try {
      // set in the order workers might finish
      for (const i of docs.map((_, i) => i).reverse()) spill.set(i, docs[i]!);
      expect(spill.all()).toEqual(docs);
    } finally {
      spill.close();
    }
  });

  it('a full collection frees what is no longer held', () => {
    compact();
    const before = process.memoryUsage().heapUsed;
    // made and dropped inside a function: nothing holds it once the function returns
    const grown = (() => {
      const garbage = Array.from({ length: 200_000 }, (_, i) => `finding ${i} `.repeat(20));
      expect(garbage).toHaveLength(200_000);
      return process.memoryUsage().heapUsed - before;
    })();
    expect(grown).toBeGreaterThan(30e6);
    compact();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(10e6);
  });
});
