// `check` semantics on small portfolios in real clause language: only the findings the draft adds are
// reported (never one that exists among the signed contracts alone), the draft's own risky clauses are,
// and the finding chain is deterministic; the checker never throws on odd extracted values.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { checkPortfolio, exampleDocuments, finishFindings, loadPortfolioRules } from '../src/check/index.js';
import type { Finding } from '../src/schema.js';

const { rules } = loadPortfolioRules(path.resolve(__dirname, '../rules/portfolio'));
const TODAY = '2026-03-01';

const signed = exampleDocuments({
  name: 'signed',
  contracts: [
    {
      file: 'harbor.txt',
      clauses: [
        {
          category: 'ip.ownership-assignment',
          text: 'Consultant hereby assigns to Client all right, title and interest in and to all pre-existing know-how, tools and methods of Consultant used in performing the Services.',
        },
        { category: 'admin.fees', text: 'Client will pay Consultant $165 per hour.' },
      ],
    },
    {
      file: 'brightwater.txt',
      clauses: [
        {
          category: 'ip.license-grant',
          text: 'Provider grants Customer a non-exclusive, perpetual, irrevocable, worldwide, royalty-free license to use, copy, and modify the Toolkit as incorporated in the Deliverables.',
        },
        {
          category: 'admin.fees',
          text: 'Customer will pay Provider for data engineering services at a rate of $150 per hour.',
        },
      ],
    },
  ],
});
const draftDocs = (clauses: Array<{ category: string; text: string }>) =>
  exampleDocuments({ name: 'draft', contracts: [{ file: 'draft.txt', clauses }] });

describe('check: what the draft adds', () => {
  it('the signed portfolio alone has its own conflict', () => {
    const fs = checkPortfolio(signed, rules, { today: TODAY });
    expect(fs.some((f) => f.ruleId === 'portfolio/background-ip-conflict')).toBe(true);
  });

  it('a draft that repeats the portfolio adds nothing', () => {
    const draft = draftDocs([
      {
        category: 'admin.fees',
        text: 'Pinecrest will pay Consultant for data engineering services at an hourly rate of $160.',
      },
      {
        category: 'term.termination-for-convenience',
        text: 'Either party may terminate this Agreement for convenience at any time upon thirty (30) days\u2019 prior written notice to the other party.',
      },
    ]);
    expect(checkPortfolio([...draft, ...signed], rules, { draft: 'draft.txt', today: TODAY })).toEqual([]);
  });

  it('a most-favoured-client promise at $160 with a $150 client is the one conflict added', () => {
    const draft = draftDocs([
      {
        category: 'restrict.most-favored-nation',
        text: 'Consultant represents that the rates charged to Pinecrest under this Agreement are not, and during the term of this Agreement will not be, higher than the rates Consultant charges any other client for substantially similar data engineering services.',
      },
      {
        category: 'admin.fees',
        text: 'Pinecrest will pay Consultant for data engineering services at an hourly rate of $160.',
      },
    ]);
    const fs = checkPortfolio([...draft, ...signed], rules, { draft: 'draft.txt', today: TODAY });
    expect(fs.map((f) => [f.ruleId, f.documents])).toEqual([
      ['portfolio/mfn-breach', ['draft.txt', 'brightwater.txt']],
    ]);
    expect(fs[0]!.draft).toBe(true);
    expect(fs[0]!.clauses.map((c) => [c.file, c.category])).toEqual([
      ['draft.txt', 'restrict.most-favored-nation'],
      ['draft.txt', 'admin.fees'],
      ['brightwater.txt', 'admin.fees'],
    ]);
  });

  it("the draft's own uncapped liability is reported", () => {
    const draft = draftDocs([
      {
        category: 'liability.uncapped',
        text: 'Consultant\u2019s liability for breach of Section 5 (Confidentiality) shall be unlimited.',
      },
    ]);
    const fs = checkPortfolio([...draft, ...signed], rules, { draft: 'draft.txt', today: TODAY });
    expect(fs.map((f) => [f.ruleId, f.documents])).toEqual([['portfolio/liability-exposure', ['draft.txt']]]);
  });
});

describe('finding chain', () => {
  const f = (ruleId: string, severity: Finding['severity'], doc: string): Finding => ({
    ruleId,
    severity,
    title: 't',
    message: `m ${doc}`,
    documents: [doc],
    clauses: [{ file: doc, category: 'x.y', start: 0, end: 1, text: 'x' }],
  });
  it('dedupes, drops below the minimum severity, sorts by severity then rule then documents', () => {
    const items = [
      f('portfolio/b', 'low', 'z.txt'),
      f('portfolio/a', 'high', 'y.txt'),
      f('portfolio/b', 'low', 'z.txt'),
      f('portfolio/a', 'high', 'a.txt'),
      f('portfolio/c', 'info', 'a.txt'),
    ];
    expect(finishFindings(items, 'low').map((x) => [x.ruleId, x.documents[0]])).toEqual([
      ['portfolio/a', 'a.txt'],
      ['portfolio/a', 'y.txt'],
      ['portfolio/b', 'z.txt'],
    ]);
    expect(finishFindings([...items].reverse(), 'low')).toEqual(finishFindings(items, 'low'));
  });
});

describe('odd values never crash a rule', () => {
  const odd: unknown[] = [null, 'n/a', -1, 1e12, [], {}, { amount: 'x' }, true, '2026-99-99', [{ name: 5 }]];
  const keys = [
    'noticeDays',
    'whoMayTerminate',
    'rate',
    'hoursPerWeek',
    'fullTime',
    'capAmount',
    'uncapped',
    'insuranceAmount',
    'paymentDays',
    'backgroundIp',
    'exclusive',
    'subject',
    'tail',
    'durationMonths',
    'field',
    'date',
    'termMonths',
    'renewalMonths',
    'parties',
    'jurisdiction',
    'noticeMethods',
  ];
  const cats = [
    'term.termination-for-convenience',
    'admin.fees',
    'admin.time-commitment',
    'liability.cap',
    'liability.insurance',
    'admin.payment-terms',
    'ip.background-ip',
    'ip.license-grant',
    'restrict.non-compete',
    'term.expiration',
    'term.renewal',
    'meta.parties',
    'admin.governing-law',
    'admin.notices',
    'meta.effective-date',
  ];
  it('on every category with every odd value', () => {
    let n = 0;
    for (const v of odd) {
      const docs = ['a.txt', 'b.txt'].map((file) => ({
        file,
        status: 'ok' as const,
        warnings: [],
        clauses: cats.map((category, i) => ({
          category,
          start: i,
          end: i + 1,
          text: 'Either party may terminate on 7 days notice.',
          ruleId: 'x',
          attributes: Object.fromEntries(keys.map((k) => [k, v])) as never,
        })),
      }));
      expect(() => {
        n += checkPortfolio(docs, rules, { today: TODAY }).length;
      }).not.toThrow();
    }
    expect(n).toBeGreaterThanOrEqual(0);
  });
});

describe('liability: a cap with carve-outs is not uncapped liability', () => {
  const liability = (text: string) =>
    checkPortfolio(
      exampleDocuments({
        name: 'liability',
        contracts: [{ file: 'acme.txt', clauses: [{ category: 'liability.uncapped', text }] }],
      }),
      rules,
      { today: TODAY },
    ).filter((f) => f.ruleId === 'portfolio/liability-exposure');

  it('names the claims outside the cap, at medium', () => {
    const [f, ...rest] = liability(
      "Each party's liability under this Agreement, other than for personal injury or breach of confidentiality, is limited to the amounts paid in the twelve months before the claim.",
    );
    expect(rest).toEqual([]);
    expect(f!.severity).toBe('medium');
    expect(f!.message).toContain('outside the cap: breach of confidentiality');
  });

  it('keeps liability with no cap at all high', () => {
    const [f] = liability("Contractor's liability under this Agreement shall be unlimited.");
    expect(f!.severity).toBe('high');
  });
});

describe('a restriction whose competing business the contract defines narrowly', () => {
  const nonCompete =
    'During the Term, Consultant shall not provide services to any Competitive Business, except as otherwise approved in writing by the Company.';
  const means =
    'any person that designs, prices or administers accident, illness or wellness coverage for dogs, cats or other companion animals, whether written as insurance or as a membership plan';
  const portfolio = (recital: string) => {
    const docs = exampleDocuments({
      name: 'pet cover',
      contracts: [
        {
          file: 'tallgrass.txt',
          clauses: [
            { category: 'meta.recitals', text: 'Company acts as a managing general agent for insurance programs.' },
            { category: 'restrict.non-compete', text: nonCompete },
          ],
        },
        { file: 'other.txt', clauses: [{ category: 'meta.recitals', text: recital }] },
      ],
    });
    // what extraction reads of the clause once the contract's definition of "Competitive Business" is resolved
    const c = docs[0]!.clauses.find((x) => x.category === 'restrict.non-compete')!;
    c.attributes = { ...(c.attributes ?? {}), field: 'competitors', fieldMeans: means, bound: 'provider' };
    return checkPortfolio(docs, rules, { today: TODAY }).filter(
      (f) => f.ruleId === 'portfolio/restrictive-covenant-overlap',
    );
  };

  it('reaches an insurer of pets for certain', () => {
    const [f] = portfolio('Client sells pet insurance: accident-and-illness plans for household dogs and cats.');
    expect(f?.severity).toBe('high');
  });

  it('leaves an insurer whose contract says nothing of animals for review, at low severity', () => {
    const [f] = portfolio('Client writes homeowners, farmowners and crop-hail insurance in Kansas and Nebraska.');
    expect(f?.severity).toBe('low');
    expect(f?.message + (f?.why ?? '')).toContain('does not mention');
  });
});

describe("a recital about the user is not the client's business", () => {
  it('a hospital that buys courier runs is not a courier business', () => {
    const docs = exampleDocuments({
      name: 'courier',
      contracts: [
        {
          file: 'northpoint.txt',
          clauses: [
            {
              category: 'restrict.exclusivity',
              text: 'Contractor agrees not to provide same-day delivery services for any other provider of next day or multiple day courier services.',
            },
          ],
        },
        {
          file: 'meridian.txt',
          clauses: [
            {
              category: 'meta.parties',
              text: 'This Agreement is between Meridian Lakes Health System ("Health System") and Swiftlane Courier Group LLC ("Courier").',
            },
            {
              category: 'meta.recitals',
              text: 'A. Health System operates four acute-care hospitals and a reference laboratory. B. Courier provides same-day, on-demand and scheduled final-mile courier services.',
            },
          ],
        },
      ],
    });
    const found = (me: string | undefined) =>
      checkPortfolio(docs, rules, { today: TODAY, ...(me ? { me } : {}) }).filter(
        (f) => f.ruleId === 'portfolio/restrictive-covenant-overlap',
      );
    expect(found('Swiftlane Courier Group LLC')).toEqual([]);
  });
});
