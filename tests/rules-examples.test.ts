// Every clause rule's own examples: positives must match, negatives must not. A new rule file is tested
// the moment it exists.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadClauseRules } from '../src/extract/rules.js';
import { runClauseExamples } from '../src/extract/examples.js';
import { CORE } from '../../shared/eval/score-cuad.mjs';

const dir = path.resolve(__dirname, '../rules/clauses');
const { rules, problems } = loadClauseRules(dir);

describe('clause rules', () => {
  it('all load without problems', () => {
    expect(problems).toEqual([]);
    expect(rules.length).toBeGreaterThan(0);
  });
  it('cover every core category of the scorer', () => {
    const have = new Set(rules.map((r) => r.category));
    expect((CORE as string[]).filter((c) => !have.has(c))).toEqual([]);
  });
  for (const r of rules) {
    it(`${r.id}: examples`, () => {
      expect(runClauseExamples([r])).toEqual([]);
    });
  }
});
