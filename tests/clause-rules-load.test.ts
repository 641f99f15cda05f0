// Loading clause rules checks what the schema cannot: a rule file is named for its category, and the
// extractors it asks for exist.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadClauseRules } from '../src/extract/clause-rules.js';
import { CLAUSE_RULES_DIR } from '../src/paths.js';

const RULE = (category: string, attributes: string) => `category: ${category}
title: Payment terms
description: When invoices are due.
${attributes}
match:
  - any: ['\\bnet\\s+\\d+\\b']
examples:
  positive: ['Invoices are payable net 30.']
  negative: ['The fee is $100.']
`;

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'clausemap-rules-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('clause rule loading', () => {
  it('loads the shipped rules without a problem', () => {
    const { rules, problems } = loadClauseRules(CLAUSE_RULES_DIR);
    expect(problems).toEqual([]);
    for (const r of rules) expect(r.id).toBe(r.category.replace('.', '/'));
  });

  it('reports a rule whose file is not named for its category, at the category line', () => {
    const dir = folder({ 'admin/payments.yaml': RULE('admin.payment-terms', '') });
    const { rules, problems } = loadClauseRules(dir);
    expect(rules).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({
        line: 1,
        col: 11,
        message: expect.stringContaining('belongs in admin/payment-terms.yaml, not admin/payments.yaml'),
      }),
    ]);
  });

  it('reports an extractor that does not exist, at its line, with the one meant', () => {
    const dir = folder({
      'admin/payment-terms.yaml': RULE('admin.payment-terms', 'attributes: [paymentDays, invoiceCylce]'),
    });
    const { problems } = loadClauseRules(dir);
    expect(problems).toEqual([
      expect.objectContaining({
        line: 4,
        message: expect.stringContaining('no extractor is called "invoiceCylce" (did you mean "invoiceCycle"?)'),
      }),
    ]);
  });
});
