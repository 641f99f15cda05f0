// What extraction gives is what the schema says: every DocumentResult of the shipped fixtures and of a spread of
// CUAD contracts validates against DocumentResultSchema. The queue checks the results its workers send back
// against it, so a value the schema does not know would fail a document there and not in a local run.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClauseModel } from '../src/extract/clause-model.js';
import { loadClauseRules } from '../src/extract/clause-rules.js';
import { extractClauses } from '../src/extract/index.js';
import { analyzeInputs } from '../src/pipeline/index.js';
import { DocumentResultSchema } from '../src/schema.js';
import { HAS_SHARED, SHARED } from './shared-data.js';

const FIXTURES = path.resolve(__dirname, '../fixtures');

const problems = (r: unknown): string[] => {
  const v = DocumentResultSchema.safeParse(r);
  return v.success ? [] : v.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('extraction results and their schema', () => {
  it('every fixture document validates', async () => {
    const results = await analyzeInputs([FIXTURES], { db: false, concurrency: 2, exitOnSignal: false });
    expect(results.length).toBeGreaterThan(20);
    for (const r of results) expect(problems(r), r.file).toEqual([]);
  }, 120_000);

  it.skipIf(!HAS_SHARED)(
    'the clauses of every fourth CUAD contract validate',
    () => {
      const { rules } = loadClauseRules(path.resolve(__dirname, '../rules/clauses'));
      const model = loadClauseModel();
      const dir = path.join(SHARED, 'corpus', 'cuad', 'txt');
      const names = readdirSync(dir)
        .filter((f) => f.endsWith('.txt'))
        .sort()
        .filter((_, i) => i % 4 === 0 || /ReynoldsConsumerProducts.*Service Agreement/.test(_));
      expect(names.length).toBeGreaterThan(100);
      for (const f of names) {
        const text = readFileSync(path.join(dir, f), 'utf8');
        const clauses = extractClauses({ text, pageStarts: [0] }, rules, { model });
        const r = { file: f, status: 'ok', warnings: [], clauses };
        expect(problems(r), f).toEqual([]);
      }
    },
    120_000,
  );
});
