// Every cross-contract rule's own examples: each `fire` portfolio gives a finding citing exactly the
// contracts it names, each `quiet` (near-miss) portfolio gives none. A new rule file is tested the moment
// it exists.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadPortfolioRules, runPortfolioExamples } from '../src/check/index.js';

const dir = path.resolve(__dirname, '../rules/portfolio');
const { rules, problems } = loadPortfolioRules(dir);

const REQUIRED = [
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

describe('portfolio rules', () => {
  it('all load without problems', () => {
    expect(problems).toEqual([]);
  });
  it('include the nine required rules', () => {
    const ids = rules.map((r) => r.id);
    expect(REQUIRED.filter((id) => !ids.includes(id))).toEqual([]);
  });
  for (const r of rules) {
    it(`${r.id}: fires on its positives and stays quiet on its near misses`, () => {
      expect(runPortfolioExamples(r)).toEqual([]);
    });
  }
});
