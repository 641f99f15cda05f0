// A list's lead-in gives its items the values that govern them: a restriction's time, tail, place and the
// party bound, unless the item says its own. Read through the extraction production runs.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadClauseRules } from '../src/extract/clause-rules.js';
import { extractClauses } from '../src/extract/index.js';

const { rules } = loadClauseRules(path.resolve(__dirname, '../rules/clauses'));

const clausesOf = (text: string) => extractClauses({ text, pageStarts: [0] }, rules);

const COVENANTS = `CONSULTING AGREEMENT

This Consulting Agreement is made between Acme Corp ("Company") and Jane Roe ("Consultant").

7. Restrictive Covenants.

7.1 During the Term and for a period of twenty-four (24) months thereafter, Consultant shall not, directly or indirectly, anywhere in the United States:

(a) have any ownership interest in, or render services to, any Competitor;

(b) for a period of six (6) months after termination, solicit any customer of the Company for the purpose of selling products that compete with the Company's products; or

(c) hire or solicit any employee of the Company.
`;

describe('values from a list lead-in', () => {
  const clauses = clausesOf(COVENANTS);
  const itemOf = (category: string, words: string) =>
    clauses.find((c) => c.category === category && c.text.includes(words) && !c.text.startsWith('7.1'));

  it("gives a restriction item the lead-in's time, tail, place and bound party", () => {
    const item = itemOf('restrict.no-solicit-employees', 'hire or solicit');
    expect(item?.attributes).toMatchObject({
      durationMonths: 24,
      tail: true,
      territory: 'United States',
      bound: 'Consultant',
    });
  });

  it("keeps an item's own time", () => {
    const item = itemOf('restrict.non-solicit', 'solicit any customer');
    expect(item?.attributes).toMatchObject({ durationMonths: 6, territory: 'United States', bound: 'Consultant' });
  });

  it('gives nothing to items of a list whose lead-in is not a restriction’s scope', () => {
    const text = `SERVICES AGREEMENT

This Services Agreement is made between Acme Corp ("Company") and Jane Roe ("Consultant").

9. Termination.

9.1 Either party may terminate this Agreement on thirty (30) days' written notice, and upon termination Consultant shall:

(a) return all Confidential Information of the Company; and

(b) not solicit any employee of the Company.
`;
    const item = clausesOf(text).find((c) => c.category === 'restrict.no-solicit-employees');
    expect(item?.text).toContain('not solicit any employee');
    expect(item?.attributes?.durationMonths).toBeUndefined();
    expect(item?.attributes?.bound).toBeUndefined();
  });
});

describe("a termination lead-in's party", () => {
  it('is the party of each item that gives a right to end without naming one', () => {
    const clauses = clausesOf(`OPERATING AGREEMENT

10. Termination.

10.1 Owner may terminate this Agreement at any time upon the occurrence of any of the following:

(a) Operator fails to pay any amount when due;

(e) Without cause on no less than seven (7) days prior written notice.

10.2 This Agreement or any Project Plan may be terminated:

(a) by Magenta for any reason upon ninety (90) days written notice to Bachem;
`);
    const item = (words: string) =>
      clauses.find((c) => c.category === 'term.termination-for-convenience' && c.text.includes(words));
    expect(item('Without cause')?.attributes).toMatchObject({ noticeDays: 7, whoMayTerminate: 'client' });
    expect(item('by Magenta')?.attributes).toMatchObject({ noticeDays: 90, whoMayTerminate: 'Magenta' });
  });
});
