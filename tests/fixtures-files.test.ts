// The committed fixtures are exactly what scripts/make-fixtures.mjs generates from fixtures/src, they ingest
// through the real pipeline with the page counts expected.yaml states, and every quoted clause in
// expected.yaml / case.yaml is on the page it names. Keeps fixtures and their expectations from drifting.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ingestFile } from '../src/ingest/index.js';
import type { DocumentText } from '../src/schema.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const FIX = path.join(ROOT, 'fixtures');
const GENERATED = ['portfolio', 'drafts', 'rule-cases'];
const RULES = [
  'background-ip-conflict',
  'exclusive-license-conflict',
  'restrictive-covenant-overlap',
  'mfn-breach',
  'capacity-overcommit',
  'liability-exposure',
  'admin-burden',
  'termination-asymmetry',
  'deadlines',
];

interface QuotedClause {
  file: string;
  category: string;
  quote: string;
  page: number;
}
interface ExpectedGroup {
  rule: string;
  files?: string[];
  clauses?: QuotedClause[];
}
interface ExpectedFile {
  contracts?: { file: string; pages: number }[];
  findings?: ExpectedGroup[];
  near_misses?: ExpectedGroup[];
  may_also_fire?: ExpectedGroup[];
  rule?: string;
  expect?: 'fire' | 'quiet';
}

/** Files below dir, relative, skipping dot-folders (e.g. a term database written next to the contracts). */
function listFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      if (n.startsWith('.')) return [];
      const p = path.join(dir, n);
      return statSync(p).isDirectory() ? listFiles(p, base) : [path.relative(base, p)];
    });
}

const norm = (s: string) =>
  s
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();

/** The 1-based pages of `doc` whose text contains `quote` (whitespace-insensitive). */
function pagesWithQuote(doc: DocumentText, quote: string): number[] {
  const q = norm(quote);
  return doc.pageStarts.flatMap((start, i) => {
    const end = doc.pageStarts[i + 1] ?? doc.text.length;
    return norm(doc.text.slice(start, end)).includes(q) ? [i + 1] : [];
  });
}

const docs = new Map<string, Promise<DocumentText>>();
const ingest = (file: string) => {
  if (!docs.has(file)) docs.set(file, ingestFile(file));
  return docs.get(file)!;
};

function readExpected(file: string): ExpectedFile {
  return parse(readFileSync(file, 'utf8')) as ExpectedFile;
}

async function checkQuotes(expectedFile: string): Promise<number> {
  const spec = readExpected(expectedFile);
  const dir = path.dirname(expectedFile);
  let n = 0;
  for (const group of [...(spec.findings ?? []), ...(spec.near_misses ?? []), ...(spec.may_also_fire ?? [])]) {
    for (const f of group.files ?? [])
      expect(existsSync(path.join(dir, f)), `${expectedFile}: ${group.rule} names ${f}`).toBe(true);
    for (const c of group.clauses ?? []) {
      const doc = await ingest(path.join(dir, c.file));
      expect(
        pagesWithQuote(doc, c.quote),
        `${path.relative(ROOT, expectedFile)}: "${c.quote.slice(0, 60)}…" in ${c.file}`,
      ).toEqual([c.page]);
      n++;
    }
  }
  return n;
}

describe('fixture generator', () => {
  let out = '';
  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'clausemap-fixtures-'));
    await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts/make-fixtures.mjs'), '--out', out], {
      cwd: ROOT,
    });
  }, 120_000);
  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('regenerates every committed fixture byte for byte, and nothing else', () => {
    for (const set of GENERATED) {
      const committed = listFiles(path.join(FIX, set));
      const fresh = listFiles(path.join(out, set));
      expect(fresh.length, set).toBeGreaterThan(0);
      expect(committed, `${set}: committed files differ from the generated ones; run npm run fixtures`).toEqual(fresh);
      for (const f of fresh) {
        const same = readFileSync(path.join(FIX, set, f)).equals(readFileSync(path.join(out, set, f)));
        expect(same, `fixtures/${set}/${f} is not what the generator makes; run npm run fixtures`).toBe(true);
      }
    }
  });

  it('rejects a usage error with exit code 2', async () => {
    const r = await promisify(execFile)(process.execPath, [
      path.join(ROOT, 'scripts/make-fixtures.mjs'),
      '--bogus',
    ]).then(
      () => 0,
      (e: { code?: number }) => e.code ?? -1,
    );
    expect(r).toBe(2);
  });
});

describe('fixture portfolio and draft', () => {
  it('has at least two DOCX and two PDF contracts of several pages', () => {
    const files = listFiles(path.join(FIX, 'portfolio'));
    expect(files.filter((f) => f.endsWith('.docx')).length).toBeGreaterThanOrEqual(2);
    expect(files.filter((f) => f.endsWith('.pdf')).length).toBeGreaterThanOrEqual(2);
  });

  for (const set of ['portfolio', 'drafts']) {
    it(`${set}: every contract ingests with the page count expected.yaml states`, async () => {
      const spec = readExpected(path.join(FIX, set, 'expected.yaml'));
      expect(spec.contracts?.length).toBeGreaterThan(0);
      for (const c of spec.contracts ?? []) {
        const doc = await ingest(path.join(FIX, set, c.file));
        expect(doc.pageStarts.length, c.file).toBe(c.pages);
        expect(doc.warnings, c.file).toEqual([]);
        if (c.file.endsWith('.pdf')) expect(c.pages, c.file).toBeGreaterThanOrEqual(3);
      }
    });

    it(`${set}: every quoted clause is on the page expected.yaml states`, async () => {
      expect(await checkQuotes(path.join(FIX, set, 'expected.yaml'))).toBeGreaterThan(5);
    });
  }

  it('plants the six portfolio conflicts, some quoted beyond page 1', () => {
    const spec = readExpected(path.join(FIX, 'portfolio', 'expected.yaml'));
    const rules = (spec.findings ?? []).map((f) => f.rule);
    expect(rules).toEqual(
      expect.arrayContaining([
        'portfolio/background-ip-conflict',
        'portfolio/restrictive-covenant-overlap',
        'portfolio/termination-asymmetry',
        'portfolio/admin-burden',
        'portfolio/liability-exposure',
        'portfolio/deadlines',
      ]),
    );
    const pages = (spec.findings ?? []).flatMap((f) => (f.clauses ?? []).map((c) => c.page));
    expect(Math.max(...pages)).toBeGreaterThan(1);
    for (const f of spec.findings ?? []) expect(f.clauses?.length, f.rule).toBeGreaterThan(0);
  });

  it('the draft adds exactly one conflict, involving the draft', () => {
    const spec = readExpected(path.join(FIX, 'drafts', 'expected.yaml'));
    expect(spec.findings?.length).toBe(1);
    expect(spec.findings![0]!.files).toContain('pinecrest-outdoor-consulting-draft.pdf');
  });

  it('a quote that is not in the file, or on another page, is caught', async () => {
    const doc = await ingest(path.join(FIX, 'portfolio', '02-brightwater-health-msa.pdf'));
    expect(
      pagesWithQuote(doc, 'Customer will pay Provider for data engineering services at a rate of $150 per hour'),
    ).toEqual([2]);
    expect(
      pagesWithQuote(doc, 'Customer will pay Provider for data engineering services at a rate of $140 per hour'),
    ).toEqual([]);
  });
});

describe('rule cases', () => {
  for (const rule of RULES) {
    for (const kind of ['fire', 'quiet'] as const) {
      it(`${rule}/${kind}: a small portfolio whose case.yaml quotes are in its files`, async () => {
        const dir = path.join(FIX, 'rule-cases', rule, kind);
        const spec = readExpected(path.join(dir, 'case.yaml'));
        expect(spec.rule).toBe(`portfolio/${rule}`);
        expect(spec.expect).toBe(kind);
        const txt = listFiles(dir).filter((f) => f.endsWith('.txt'));
        expect(txt.length).toBeGreaterThanOrEqual(2);
        expect(txt.length).toBeLessThanOrEqual(3);
        for (const f of txt) {
          const doc = await ingest(path.join(dir, f));
          expect(doc.kind).toBe('txt');
          const words = doc.text.split(/\s+/).length;
          expect(words, f).toBeGreaterThan(350);
          expect(words, f).toBeLessThan(1400);
        }
        if (kind === 'fire') {
          expect(spec.findings?.length).toBe(1);
          expect(spec.findings![0]!.rule).toBe(`portfolio/${rule}`);
        } else {
          expect(spec.findings ?? []).toEqual([]);
          expect(spec.near_misses?.length).toBeGreaterThan(0);
        }
        expect(await checkQuotes(path.join(dir, 'case.yaml'))).toBeGreaterThan(0);
      });
    }
  }
});
