// What a restriction reaches, beyond a shared industry:
// - a field narrowed inside its industry ("any pharmaceutical product that is an FGFR inhibitor") reaches another
//   client of that industry for certain only where that client's contract says the narrowing words; otherwise a
//   person must look (a low "needs review" finding, not a high conflict);
// - a bar on making agreements of a kind ("shall not enter into any other Joint Venture Agreement or
//   Marketing/Distribution Agreement", "will not grant other franchises") reaches another contract of that kind,
//   whatever the two clients do.
import { describe, expect, it } from 'vitest';
import { exampleDocuments, loadPortfolioRules, runPortfolio } from '../src/check/index.js';
import { forbiddenKinds } from '../src/check/pair.js';
import { PORTFOLIO_RULES_DIR } from '../src/paths.js';

const rules = loadPortfolioRules(PORTFOLIO_RULES_DIR).rules.filter((r) => r.id === 'restrictive-covenant-overlap');

/** The severity and number of documents of each finding between a restriction and another contract's clause. */
const reach = (restriction: { category: string; text: string }, other: { category: string; text: string }) =>
  runPortfolio({
    documents: exampleDocuments({
      name: 'a restriction and another contract',
      contracts: [
        { file: 'restricting.txt', clauses: [restriction] },
        { file: 'other.txt', clauses: [other] },
      ],
    }),
    rules,
    today: '2026-01-01',
  }).findings.map((f) => [f.severity, f.documents.length]);

describe('a restriction whose field is narrowed inside its industry', () => {
  const narrowed = {
    category: 'restrict.non-compete',
    text: 'During the Term, Consultant shall not promote any Competing Product. "Competing Product" means any pharmaceutical product that is a fibroblast growth factor receptor (FGFR) inhibitor or is approved for the treatment of urothelial carcinoma.',
  };
  const recital = (business: string) => ({ category: 'meta.recitals', text: `WHEREAS, Client ${business}.` });
  it('reaches a client of that industry whose contract says the narrowing words', () => {
    expect(
      reach(
        narrowed,
        recital('develops and sells pharmaceutical products, including FGFR inhibitors for bile duct cancer'),
      ),
    ).toEqual([['high', 2]]);
  });
  it('is for review against a client of the industry whose contract does not say them', () => {
    expect(reach(narrowed, recital('develops and sells pharmaceutical products for psoriasis and eczema'))).toEqual([
      ['low', 2],
    ]);
  });
});

describe('a bar on making agreements of a kind', () => {
  const bar = {
    category: 'restrict.exclusivity',
    text: 'During the term of this Agreement, Consultant shall not enter into any other Joint Venture Agreement or Marketing/Distribution Agreement with any company with respect to the Products.',
  };
  const titled = (title: string) => ({ category: 'meta.document-name', text: title });
  it('reads the kinds a restriction forbids, only when it forbids another one', () => {
    expect([
      ...forbiddenKinds('We will not grant other franchises nor establish our own Unit Franchises in the Territory.'),
    ]).toEqual(['franchise']);
    expect([
      ...forbiddenKinds('The Distributor shall not appoint any other sub-distributor without prior approval.'),
    ]).toEqual(['distribution']);
    expect(
      forbiddenKinds('Distributor shall not enter into this Distribution Agreement on behalf of others.').size,
    ).toBe(0);
  });
  it('reaches a contract of the kind it bars, and no other', () => {
    expect(reach(bar, titled('Distribution Agreement'))).toEqual([['high', 2]]);
    expect(reach(bar, titled('Supply Agreement'))).toEqual([]);
  });
});
