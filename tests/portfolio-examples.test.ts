// Portfolio rule examples are read as production reads contracts: their clauses' values come from the
// same extraction, stated values are assertions, and a fire example may say how many findings it gives.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { exampleDocuments, loadPortfolioRules, runPortfolioExamples, type PortfolioRule } from '../src/check/index.js';
import { extractClauses } from '../src/extract/index.js';
import { loadClauseRules } from '../src/extract/clause-rules.js';
import { CLAUSE_RULES_DIR, PORTFOLIO_RULES_DIR } from '../src/paths.js';
import type { Example } from '../src/check/spec.js';

const rules = loadPortfolioRules(PORTFOLIO_RULES_DIR).rules;
const rule = (id: string): PortfolioRule => rules.find((r) => r.id === id)!;

const assignment =
  'Contractor hereby irrevocably transfers and assigns to Company all right, title, and interest in and to the Work Product and all Background Technology, including all know-how, tools and methods used by Contractor in performing the Services.';
const retention =
  'Consultant retains all right, title and interest in its Pre-Existing Materials and grants Client a non-exclusive, perpetual licence to use the Pre-Existing Materials incorporated into the Deliverables.';

const fire = (over: Partial<Example> = {}, values?: Record<string, unknown>): Example => ({
  name: 'assigned to one, licensed to the other',
  contracts: [
    {
      file: 'acme.txt',
      clauses: [{ category: 'ip.ownership-assignment', text: assignment, ...(values ? { values } : {}) }],
    },
    { file: 'beta.txt', clauses: [{ category: 'ip.background-ip', text: retention }] },
  ],
  cites: ['acme.txt', 'beta.txt'],
  ...over,
});

describe('portfolio rule examples', () => {
  it('give a clause the values a document with the same sentence gets from extraction', () => {
    const { rules: clauseRules } = loadClauseRules(CLAUSE_RULES_DIR);
    const text = `1. Intellectual Property.\n\n${assignment}\n`;
    const extracted = extractClauses({ text, pageStarts: [0] }, clauseRules).find(
      (c) => c.category === 'ip.ownership-assignment',
    );
    expect(extracted?.attributes?.backgroundIp).toBe('assigned');
    const [doc] = exampleDocuments(fire());
    expect(doc!.clauses[0]!.attributes).toEqual(extracted!.attributes);
  });

  it('hold a clause to the values it states, as extraction reads them', () => {
    const r = rule('background-ip-conflict');
    expect(
      runPortfolioExamples({
        ...r,
        examples: { fire: [fire({}, { backgroundIp: 'assigned' })], quiet: r.examples.quiet },
      }),
    ).toEqual([]);
    const wrong = runPortfolioExamples({
      ...r,
      examples: { fire: [fire({}, { backgroundIp: 'retained' })], quiet: r.examples.quiet },
    });
    expect(wrong).toEqual([
      expect.stringContaining('backgroundIp should read "retained", extraction reads "assigned"'),
    ]);
  });

  it('cannot pass on values production would not read', () => {
    // the words of a clause nobody would read as an assignment: stating the value does not make it one
    const r = rule('background-ip-conflict');
    const vague: Example = {
      name: 'vague',
      cites: ['a.txt', 'b.txt'],
      contracts: [
        {
          file: 'a.txt',
          clauses: [
            {
              category: 'ip.background-ip',
              text: 'The parties discussed the Prior Inventions at length.',
              values: { backgroundIp: 'assigned' },
            },
          ],
        },
        { file: 'b.txt', clauses: [{ category: 'ip.background-ip', text: retention }] },
      ],
    };
    const problems = runPortfolioExamples({ ...r, examples: { fire: [vague], quiet: r.examples.quiet } });
    expect(problems).toContain('background-ip-conflict: fire example "vague" gave no finding');
    expect(problems.some((p) => p.includes('backgroundIp should read "assigned", extraction reads nothing'))).toBe(
      true,
    );
  });

  it('count the findings of a fire example when it says how many', () => {
    const r = rule('background-ip-conflict');
    expect(
      runPortfolioExamples({ ...r, examples: { fire: [fire({ findings: 1 })], quiet: r.examples.quiet } }),
    ).toEqual([]);
    expect(
      runPortfolioExamples({ ...r, examples: { fire: [fire({ findings: 2 })], quiet: r.examples.quiet } }),
    ).toEqual([
      'background-ip-conflict: fire example "assigned to one, licensed to the other" should give 2 finding(s), gave 1',
    ]);
  });

  it('read a document-level clause as the metadata pass does', () => {
    const [doc] = exampleDocuments({
      name: 'parties',
      contracts: [
        {
          file: path.join('x', 'a.txt'),
          clauses: [
            { category: 'meta.parties', text: 'Acme Freight, Inc. ("Company") and Jane Roe Studio LLC ("Contractor")' },
          ],
        },
      ],
    });
    expect(doc!.clauses[0]!.attributes).toEqual({
      parties: [
        { name: 'Acme Freight, Inc.', role: 'Company' },
        { name: 'Jane Roe Studio LLC', role: 'Contractor' },
      ],
    });
  });
});
