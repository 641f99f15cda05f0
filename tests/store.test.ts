// The term database on real analyses of CUAD contracts: exact reuse under another name, what is and is
// not reused, the queries behind `clausemap terms`, and where the database goes when the portfolio
// folder is read-only.
import { chmodSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvCell, termsCsv } from '../src/report/csv.js';
import { analyzeFile } from '../src/pipeline/analyze.js';
import { loadClauseRules } from '../src/extract/clause-rules.js';
import { CLAUSE_RULES_DIR } from '../src/paths.js';
import type { DocumentResult } from '../src/schema.js';
import { reusable, TermStore, type StoreContext } from '../src/store/index.js';
import { candidateDbPaths, openStoreFor, writableDir } from '../src/store/location.js';
import { CUAD, removeTemp, tempDir } from './batch-helpers.js';
import { describeCorpus } from './shared-data.js';

const TXT = path.join(CUAD, 'txt');
const ctx: StoreContext = {
  analyzer: 'test-analyzer',
  rulesVersion: 'test-rules',
  caps: { timeoutMs: 60_000, maxMemoryMb: 1024 },
};
const stamp = { size: 1, mtimeNs: '1', ino: 1 };
const tmp = tempDir('store');
let docs: DocumentResult[] = [];
let store: TermStore;

afterAll(() => {
  store?.close();
  removeTemp();
});

describeCorpus('term database', () => {
  beforeAll(async () => {
    const files = readdirSync(TXT)
      .sort()
      .slice(0, 3)
      .map((f) => path.join(TXT, f));
    const { rules } = loadClauseRules(CLAUSE_RULES_DIR);
    docs = await Promise.all(files.map((f) => analyzeFile(f, rules)));
    store = TermStore.open(path.join(tmp, 'terms.db'));
    docs.forEach((d) => store.save(d, path.resolve(d.file), stamp, d.sha256, ctx));
  });

  it('analysed real contracts with clauses to store', () => {
    expect(docs.every((d) => d.status === 'ok' && d.sha256)).toBe(true);
    expect(docs.reduce((n, d) => n + d.clauses.length, 0)).toBeGreaterThan(5);
  });

  it('gives back exactly what was stored, under the name the file has now', () => {
    for (const d of docs) {
      const back = store.load(d.sha256!, 'renamed/contract.txt', ctx);
      expect(JSON.stringify(back)).toBe(JSON.stringify({ ...d, file: 'renamed/contract.txt' }));
    }
  });

  it('does not reuse a result made by another analyser version', () => {
    expect(store.load(docs[0]!.sha256!, 'x.txt', { ...ctx, analyzer: 'other' })).toBeUndefined();
  });

  it('renames the file inside an error message', () => {
    const bad: DocumentResult = {
      file: 'a/scan.pdf',
      status: 'error',
      error: { code: 'NO_TEXT_LAYER', message: 'a/scan.pdf: no text layer (scanned?).' },
      warnings: [],
      clauses: [],
    };
    store.save(bad, '/abs/a/scan.pdf', stamp, 'f'.repeat(64), ctx);
    expect(store.load('f'.repeat(64), 'b/copy.pdf', ctx)?.error?.message).toBe('b/copy.pdf: no text layer (scanned?).');
  });

  it('reuses TOO_COMPLEX only under the same or tighter caps', () => {
    const slow: DocumentResult = {
      file: 'slow.pdf',
      status: 'error',
      error: { code: 'TOO_COMPLEX', message: 'slow.pdf: file too complex' },
      warnings: [],
      clauses: [],
    };
    store.save(slow, '/abs/slow.pdf', stamp, 'e'.repeat(64), ctx);
    expect(store.load('e'.repeat(64), 'slow.pdf', ctx)?.error?.code).toBe('TOO_COMPLEX');
    expect(
      store.load('e'.repeat(64), 'slow.pdf', { ...ctx, caps: { timeoutMs: 120_000, maxMemoryMb: 1024 } }),
    ).toBeUndefined();
  });

  it('never keeps failures that depend on the run rather than the bytes', () => {
    for (const code of [
      'PASSWORD_REQUIRED',
      'PASSWORD_INCORRECT',
      'INTERNAL',
      'NOT_FOUND',
      'UNREADABLE',
      'FILE_TOO_LARGE',
    ] as const) {
      expect(reusable({ file: 'x', status: 'error', error: { code, message: 'x' }, warnings: [], clauses: [] })).toBe(
        false,
      );
    }
    const locked: DocumentResult = {
      file: 'locked.pdf',
      status: 'error',
      error: { code: 'PASSWORD_REQUIRED', message: 'locked.pdf: password required.' },
      warnings: [],
      clauses: [],
    };
    store.save(locked, '/abs/locked.pdf', stamp, 'd'.repeat(64), ctx);
    expect(store.load('d'.repeat(64), 'locked.pdf', ctx)).toBeUndefined();
    expect(store.documents().find((r) => r.path === '/abs/locked.pdf')?.errorCode).toBe('PASSWORD_REQUIRED');
  });

  it('queries clauses by category or family, with their values', () => {
    const all = store.terms();
    const cats = [...new Set(all.map((t) => t.category))];
    expect(cats.length).toBeGreaterThan(1);
    const family = cats[0]!.split('.')[0]!;
    const rows = store.terms({ category: family });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.category === family || r.category.startsWith(`${family}.`))).toBe(true);
    expect(store.terms({ category: cats[0] }).every((r) => r.category === cats[0])).toBe(true);
    const withValues = all.find((t) => t.values);
    if (withValues) {
      const src = docs
        .flatMap((d) => d.clauses)
        .find((c) => c.start === withValues.start && c.category === withValues.category);
      expect(withValues.values).toEqual(src?.attributes);
    }
    expect(store.documents().filter((d) => d.status === 'ok')).toHaveLength(3);
  });

  it('keeps committed documents when the process dies without closing the database', () => {
    const file = path.join(tmp, 'unclosed.db');
    const s1 = TermStore.open(file);
    s1.save(docs[0]!, '/abs/one.txt', stamp, docs[0]!.sha256, ctx);
    // no close(): WAL content committed by the transaction must be visible to the next connection
    const s2 = TermStore.open(file);
    expect(s2.load(docs[0]!.sha256!, 'one.txt', ctx)?.clauses).toHaveLength(docs[0]!.clauses.length);
    s2.close();
    s1.close();
  });
});

describe('where the database goes', () => {
  const inCache = (fn: (cache: string) => void) => {
    const cache = tempDir('cache');
    const before = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = cache;
    try {
      fn(cache);
    } finally {
      if (before === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = before;
    }
  };

  it('never writes into a read-only portfolio folder', () => {
    // a folder of its own, marked read-only: writableDir() honours the mode bits even where the process
    // could write anyway (as root), so this holds for every user
    const ro = tempDir('read-only');
    chmodSync(ro, 0o555);
    try {
      inCache((cache) => {
        expect(writableDir(ro)).toBe(false);
        const { store: s, warnings } = openStoreFor([ro]);
        expect(warnings).toEqual([]);
        expect(s?.file.startsWith(cache)).toBe(true);
        s?.close();
        expect(readdirSync(ro)).toEqual([]);
      });
    } finally {
      chmodSync(ro, 0o755); // writable again, so that removeTemp() can remove it
    }
  });

  it('puts it in the user cache, not next to a writable portfolio', () => {
    const dir = tempDir('portfolio');
    inCache((cache) => {
      const { store: s } = openStoreFor([dir]);
      expect(s?.file.startsWith(path.join(cache, 'clausemap') + path.sep)).toBe(true);
      expect(candidateDbPaths([dir])).toEqual([s?.file]);
      s?.close();
      expect(readdirSync(dir)).toEqual([]);
    });
  });

  it('goes on without a database, with a warning, when the file is not a database', () => {
    const junk = path.join(tmp, 'junk.db');
    writeFileSync(junk, 'this is not an SQLite file '.repeat(100));
    const { store: s, warnings } = openStoreFor([tmp], junk);
    expect(s).toBeUndefined();
    expect(warnings[0]).toMatch(/junk\.db/);
    expect(warnings[0]).toMatch(/--db/);
  });
});

describe('CSV export', () => {
  it('quotes per RFC 4180 and defuses spreadsheet formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "no"')).toBe('"say ""no"""');
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });

  it('has one column per value name', () => {
    const out = termsCsv([
      {
        file: 'a.pdf',
        path: '/a.pdf',
        sha256: 'h',
        page: 2,
        category: 'liability.cap',
        ruleId: 'r#0',
        heading: null,
        start: 1,
        end: 5,
        text: 'cap of $1,000',
        values: { amount: 1000, currency: 'USD' },
      },
    ]);
    const [head, row] = out.trim().split('\r\n');
    expect(head).toBe('file,page,category,text,rule,heading,start,end,sha256,value.amount,value.currency');
    expect(row).toBe('a.pdf,2,liability.cap,"cap of $1,000",r#0,,1,5,h,1000,USD');
  });
});
