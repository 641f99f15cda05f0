// A restriction's field narrowed inside its industry ("any pharmaceutical product that is an FGFR inhibitor")
// reaches another client of that industry for certain only where that client's contract says the narrowing
// words of its business; otherwise a person must look (a low "needs review" finding, not a high conflict).
import { describe, expect, it } from 'vitest';
import { exampleDocuments, loadPortfolioRules, runPortfolio } from '../src/check/index.js';
import { PORTFOLIO_RULES_DIR } from '../src/paths.js';

const rules = loadPortfolioRules(PORTFOLIO_RULES_DIR).rules.filter((r) => r.id === 'restrictive-covenant-overlap');

const run = (otherBusiness: string) =>
  runPortfolio({
    documents: exampleDocuments({
      name: 'a narrowed competing product',
      contracts: [
        {
          file: 'halvorsen.txt',
          clauses: [
            {
              category: 'restrict.non-compete',
              text: 'During the Term, Consultant shall not promote any Competing Product. "Competing Product" means any pharmaceutical product that is a fibroblast growth factor receptor (FGFR) inhibitor or is approved for the treatment of urothelial carcinoma.',
            },
          ],
        },
        { file: 'other.txt', clauses: [{ category: 'meta.recitals', text: `WHEREAS, Client ${otherBusiness}.` }] },
      ],
    }),
    rules,
    today: '2026-01-01',
  }).findings.map((f) => f.severity);

describe('a restriction whose field is narrowed inside its industry', () => {
  it('reaches a client of that industry whose contract says the narrowing words', () => {
    expect(run('develops and sells pharmaceutical products, including FGFR inhibitors for bile duct cancer')).toEqual([
      'high',
    ]);
  });
  it('is for review against a client of the industry whose contract does not say them', () => {
    expect(run('develops and sells pharmaceutical products for psoriasis and eczema')).toEqual(['low']);
  });
});
