// Parties named in scripts without Latin letters: the portfolio still knows who is "me" and who the
// counterparty is.
import { describe, expect, it } from 'vitest';
import { extractClauses } from '../src/extract/index.js';
import { loadClauseRules } from '../src/extract/clause-rules.js';
import { buildPortfolio } from '../src/check/portfolio.js';
import type { DocumentResult } from '../src/schema.js';
import path from 'node:path';

const { rules } = loadClauseRules(path.resolve(__dirname, '../rules/clauses'));

function contract(file: string, client: string): DocumentResult {
  const text = `CONSULTING AGREEMENT\n\nThis Consulting Agreement is entered into as of March 1, 2026 by and between ${client} ("Client") and Jordan Lee Consulting LLC ("Consultant").\n\n1. Termination. Client may terminate this Agreement for any reason upon seven (7) days' written notice to Consultant.\n`;
  return {
    file,
    status: 'ok',
    kind: 'txt',
    pages: 1,
    warnings: [],
    clauses: extractClauses({ text, pageStarts: [0] }, rules),
  };
}

describe('portfolio parties', () => {
  it('keeps Arabic and Japanese client names as counterparties', () => {
    const p = buildPortfolio([contract('a.txt', 'شركة النخيل للتجارة'), contract('b.txt', '東京データ株式会社')]);
    expect(p.me).toBe('Jordan Lee Consulting LLC');
    expect(p.contracts.map((c) => c.counterparty)).toEqual(['شركة النخيل للتجارة', '東京データ株式会社']);
  });
});
