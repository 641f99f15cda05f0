// The playbook: the shipped default loads; a draft's terms are graded ideal / acceptable / walk-away /
// beyond walk-away / missing against it from real clause language; terms the draft's conflicts rest on
// weigh more on the portfolio and are held firm.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPortfolio } from '../src/check/portfolio.js';
import { deviationsOf, levelOf, loadPlaybook, prioritiesOf, type Position } from '../src/check/playbook.js';
import { exampleDocuments } from '../src/check/index.js';
import type { Finding } from '../src/schema.js';

const { playbook, problems } = loadPlaybook(path.resolve(__dirname, '../rules/playbook/default.yaml'));

const draft = exampleDocuments({
  name: 'draft',
  contracts: [
    {
      file: 'draft.txt',
      clauses: [
        {
          category: 'restrict.non-compete',
          text: 'During the Term and for twelve (12) months thereafter, Consultant shall not provide services to any business engaged in the field of online payment processing.',
        },
        {
          category: 'liability.cap',
          text: 'Company\u2019s total cumulative liability for all claims arising out of or relating to this Agreement will not be more than the fees paid or payable to Contractor in the twelve (12) month period preceding the claim.',
        },
        {
          category: 'admin.payment-terms',
          text: 'Client will pay each undisputed invoice within sixty (60) days after receipt of a correct invoice.',
        },
        {
          category: 'term.termination-for-convenience',
          text: 'Company may immediately terminate this Agreement at any time, for any reason or no reason, by giving thirty (30) days\u2019 prior written notice to Contractor.',
        },
        {
          category: 'ip.background-ip',
          text: 'Consultant retains all right, title and interest in its Pre-Existing Materials and grants Client a non-exclusive licence to use them as part of the Deliverables.',
        },
      ],
    },
  ],
});

describe('playbook', () => {
  it('the default loads with the standard freelancer positions', () => {
    expect(problems).toEqual([]);
    expect(playbook!.positions.map((p) => p.term)).toEqual(
      expect.arrayContaining([
        'background-ip',
        'non-compete-length',
        'non-compete-scope',
        'liability-cap',
        'payment-terms',
        'termination-notice',
      ]),
    );
  });

  it('grades numbers and choices', () => {
    const max: Position = {
      term: 'x',
      title: 'x',
      measure: 'paymentDays',
      compare: 'max',
      ideal: 30,
      acceptable: 45,
      walkAway: 60,
      position: 'p',
      impact: { engagement: 5, portfolio: 5 },
    };
    expect([30, 45, 60, 90].map((n) => levelOf(max, n))).toEqual([
      'ideal',
      'acceptable',
      'walk-away',
      'beyond-walk-away',
    ]);
    expect(levelOf(max, undefined)).toBe('missing');
    const min: Position = { ...max, compare: 'min', ideal: 30, acceptable: 14, walkAway: 14 };
    expect([30, 14, 7].map((n) => levelOf(min, n))).toEqual(['ideal', 'acceptable', 'beyond-walk-away']);
  });

  it('reads a draft against it, citing the clause of each term', () => {
    const p = buildPortfolio(draft, {}, { draft: 'draft.txt' });
    const devs = Object.fromEntries(deviationsOf(p.contracts[0]!, playbook!, p).map((d) => [d.term, d]));
    expect(devs['non-compete-length']!.level).toBe('beyond-walk-away'); // 12 months after the end
    expect(devs['non-compete-scope']!.level).toBe('walk-away'); // a whole field, not named competitors
    expect(devs['liability-cap']!.level).toBe('beyond-walk-away'); // only the client's liability is capped
    expect(devs['payment-terms']!.level).toBe('walk-away'); // 60 days
    expect(devs['termination-notice']!.level).toBe('beyond-walk-away'); // you have no right to end it
    expect(devs['background-ip']!.level).toBe('acceptable'); // licensed, not assigned
    expect(devs['most-favoured-client']!.level).toBe('ideal');
    expect(devs['non-compete-length']!.clause?.category).toBe('restrict.non-compete');
  });

  it('holds firm on a term a new conflict rests on', () => {
    const p = buildPortfolio(draft, {}, { draft: 'draft.txt' });
    const devs = deviationsOf(p.contracts[0]!, playbook!, p);
    const conflict: Finding = {
      ruleId: 'portfolio/restrictive-covenant-overlap',
      severity: 'high',
      title: 't',
      message: 'm',
      documents: ['draft.txt', 'b.txt'],
      draft: true,
      clauses: [{ file: 'draft.txt', category: 'restrict.non-compete', start: 0, end: 10, text: 'x' }],
    };
    const without = Object.fromEntries(prioritiesOf(devs, [], 'draft.txt').map((x) => [x.term, x]));
    const withC = Object.fromEntries(prioritiesOf(devs, [conflict], 'draft.txt').map((x) => [x.term, x]));
    expect(withC['non-compete-length']!.impactPortfolio).toBeGreaterThan(
      without['non-compete-length']!.impactPortfolio,
    );
    expect(withC['non-compete-length']!.bucket).toBe('hold firm');
    expect(withC['non-compete-length']!.reason).toMatch(/conflicts with the portfolio/);
    expect(without['most-favoured-client']!.bucket).toBe('accept as is');
    for (const x of Object.values(withC)) expect(x.impactEngagement).toBeGreaterThanOrEqual(1);
  });
});
