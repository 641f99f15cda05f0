// A table of contents names the clauses of a contract; no clause is read from it. Entries as CUAD filings
// print them, run together: a section number, a title, a page number.
import { describe, expect, it } from 'vitest';
import { isContents } from '../src/extract/segment.js';
import { extractClauses } from '../src/extract/index.js';
import { loadClauseRules } from '../src/extract/clause-rules.js';
import { CLAUSE_RULES_DIR } from '../src/paths.js';

const contents =
  'Termination 14.1 Termination By Company for Cause 33 14.2 Termination For Change Of Control 33 14.3 Termination By Company For Convenience 34 14.4 Termination Fee 34';

describe('tables of contents', () => {
  it('are told by their entries', () => {
    expect(isContents(contents)).toBe(true);
    expect(
      isContents('TABLE OF CONTENTS ARTICLE 1 DEFINITIONS 1 ARTICLE 2 RIGHTS AND OBLIGATIONS 11 2.1 License Grants 11'),
    ).toBe(true);
    expect(
      isContents('Section 6.1 Indemnification of Operator by Owner 21 Section 6.2 Indemnification of Owner 21'),
    ).toBe(false);
    // a dotted number printed against its title, as many filings do
    expect(
      isContents(
        'Change of Control 10 3.7 Compliance with Laws 11 3.8 Conflict of Interest 11 3.9 Construction and Interpretation 11 3.10Cumulative Remedies 12 3.11Delivery, Performance and Acceptance 12',
      ),
    ).toBe(true);
  });

  it('are not sentences that happen to hold section numbers and figures', () => {
    expect(
      isContents(
        'Either party may terminate this Agreement under Section 14.2 on 30 days notice, and Section 14.3 applies after 12 months.',
      ),
    ).toBe(false);
    expect(isContents('The fees in 3.1 Schedule A are 100 and those in 3.2 Schedule B are 200.')).toBe(false);
  });

  it('give no clause, while the clause they name is read where it is written', () => {
    const { rules } = loadClauseRules(CLAUSE_RULES_DIR);
    const text = `${contents}\n\n14.2 Termination For Change Of Control. Either party may terminate this Agreement upon written notice if the other party undergoes a change of control.`;
    const coc = extractClauses({ text, pageStarts: [0] }, rules).filter((c) => c.category === 'term.change-of-control');
    expect(coc.length).toBe(1);
    expect(coc[0]!.text).toMatch(/^14\.2 Termination For Change Of Control\. Either party/);
  });
});

describe('a definition that points elsewhere', () => {
  it('gives no clause of the category it names; the provision it points to does', () => {
    const { rules } = loadClauseRules(CLAUSE_RULES_DIR);
    const text =
      '1.4 "Change of Control" has the meaning set forth in the Asset Purchase Agreement.\n\n14.2 Termination. Either party may terminate this Agreement upon written notice if the other party undergoes a Change of Control.';
    const coc = extractClauses({ text, pageStarts: [0] }, rules).filter((c) => c.category === 'term.change-of-control');
    expect(coc.map((c) => c.text.slice(0, 28))).toEqual(['Either party may terminate t']);
  });
});
