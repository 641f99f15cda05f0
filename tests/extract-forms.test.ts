// The project's own clause categories (the ones CUAD does not label) on real standard-form agreements:
// Common Paper's Independent Contractor and Professional Services Agreements (CC BY 4.0), read through ingest
// as a user's file would be.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractClauses } from '../src/extract/index.js';
import { loadClauseRules } from '../src/extract/clause-rules.js';
import { ingestFile } from '../src/ingest/index.js';
import type { Clause } from '../src/schema.js';
import { describeCorpus, SHARED } from './shared-data.js';

const FORMS = path.join(SHARED, 'corpus', 'forms');
const { rules } = loadClauseRules(path.resolve(__dirname, '../rules/clauses'));

async function extract(file: string): Promise<Clause[]> {
  const doc = await ingestFile(path.join(FORMS, file));
  const clauses = extractClauses(doc, rules);
  for (const c of clauses) expect(c.text).toBe(doc.text.slice(c.start, c.end));
  return clauses;
}
const texts = (clauses: Clause[], category: string) =>
  clauses
    .filter((c) => c.category === category)
    .map((c) => c.text.replace(/\s+/g, ' '))
    .join('\n');

describeCorpus('Common Paper independent contractor agreement', async () => {
  const clauses = await extract('docx/common-paper/common-paper-independent-contractor-agreement.docx');

  it('finds the contractor-side clauses the portfolio checks compare', () => {
    expect(texts(clauses, 'restrict.non-solicit')).toContain(
      'Contractor will not directly or indirectly solicit the services of any Company personnel',
    );
    expect(texts(clauses, 'ip.moral-rights-waiver')).toContain(
      'waives and agrees never to assert, any and all Moral Rights',
    );
    expect(texts(clauses, 'liability.indemnification')).toContain(
      'Contractor will indemnify and hold harmless Company',
    );
    expect(texts(clauses, 'admin.confidentiality')).toContain('not disclose Confidential Information to anyone else');
    expect(texts(clauses, 'admin.notices')).toContain('Notices will be deemed given');
    expect(texts(clauses, 'admin.venue')).toContain(
      'irrevocably submits to the exclusive jurisdiction of such Chosen Courts',
    );
    expect(texts(clauses, 'admin.invoicing')).toContain('Contractor will submit a final invoice');
    expect(texts(clauses, 'term.termination-for-convenience')).toContain('for any reason or no reason');
  });

  it('does not read a survival list as a covenant', () => {
    expect(texts(clauses, 'restrict.non-solicit')).not.toContain('will survive expiration or termination');
  });
});

describeCorpus('Common Paper professional services agreement', async () => {
  const clauses = await extract('pdf/common-paper/common-paper-professional-services-agreement.pdf');

  it('finds background IP, the licence back to the provider, invoicing and payment terms', () => {
    expect(texts(clauses, 'ip.background-ip')).toMatch(/Pre-Existing Materials/);
    expect(texts(clauses, 'ip.license-back')).toContain(
      'Customer hereby grants Provider a non-exclusive, royalty-free license',
    );
    expect(texts(clauses, 'admin.invoicing')).toContain('Provider will send invoices for Fees');
    expect(texts(clauses, 'admin.payment-terms')).toContain('Customer will pay Provider the Fees');
  });
});

describe('project categories on their own examples', () => {
  const byCategory = new Map(rules.map((r) => [r.category, r]));
  it('has a rule for every category the portfolio checks name', () => {
    for (const c of [
      'liability.indemnification',
      'admin.confidentiality',
      'admin.payment-terms',
      'admin.invoicing',
      'admin.reporting',
      'admin.notices',
      'admin.fees',
      'admin.time-commitment',
      'admin.venue',
      'ip.background-ip',
      'ip.license-back',
      'ip.moral-rights-waiver',
      'restrict.non-solicit',
    ]) {
      expect(byCategory.has(c), c).toBe(true);
    }
  });
  it('reads fees and time commitments in a consulting engagement', () => {
    const text =
      'Company will pay Consultant $150 per hour for the Services. Consultant shall devote at least twenty (20) hours per week to the Services. Consultant will deliver a written status report to Company each week.';
    const cats = extractClauses({ text, pageStarts: [0] }, rules).map((c) => c.category);
    expect(cats).toEqual(expect.arrayContaining(['admin.fees', 'admin.time-commitment', 'admin.reporting']));
  });
});
