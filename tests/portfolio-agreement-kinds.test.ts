// A restriction that bars its party from making agreements of a kind ("shall not enter into any other Joint
// Venture Agreement or Marketing/Distribution Agreement", "will not grant other franchises") reaches another
// contract of that kind, whatever the two clients do.
import { describe, expect, it } from 'vitest';
import { exampleDocuments, loadPortfolioRules, runPortfolio } from '../src/check/index.js';
import { forbiddenKinds } from '../src/check/pair.js';
import { PORTFOLIO_RULES_DIR } from '../src/paths.js';

const rules = loadPortfolioRules(PORTFOLIO_RULES_DIR).rules.filter((r) => r.id === 'restrictive-covenant-overlap');

const run = (otherTitle: string) =>
  runPortfolio({
    documents: exampleDocuments({
      name: 'a bar on other distribution agreements',
      contracts: [
        {
          file: 'jv.txt',
          clauses: [
            {
              category: 'restrict.exclusivity',
              text: 'During the term of this Agreement, Consultant shall not enter into any other Joint Venture Agreement or Marketing/Distribution Agreement with any company with respect to the Products.',
            },
          ],
        },
        { file: 'other.txt', clauses: [{ category: 'meta.document-name', text: otherTitle }] },
      ],
    }),
    rules,
    today: '2026-01-01',
  }).findings.map((f) => [f.severity, f.documents.length]);

describe('a bar on making agreements of a kind', () => {
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
    expect(run('Distribution Agreement')).toEqual([['high', 2]]);
    expect(run('Supply Agreement')).toEqual([]);
  });
});
