// A portfolio rule's own examples, run through the same check stage production uses.
import type { DocumentResult } from '../schema.js';
import { checkPortfolio } from './findings.js';
import type { PortfolioRule } from './load.js';
import type { Example } from './spec.js';

/** A rule example as analysed documents: each clause's text placed one after another, offsets real. */
export function exampleDocuments(ex: Example): DocumentResult[] {
  return ex.contracts.map((c) => {
    let at = 0;
    const clauses = c.clauses.map((cl, i) => {
      const start = at;
      at += cl.text.length + 2;
      return { category: cl.category, start, end: start + cl.text.length, text: cl.text, page: 1, ruleId: `example#${i}`, ...(cl.values ? { attributes: cl.values as Record<string, never> } : {}) };
    });
    return { file: c.file, status: 'ok' as const, kind: 'txt' as const, ...(c.title ? { title: c.title } : {}), warnings: [], clauses };
  });
}

/** Runs a rule on its own examples: each `fire` example must give a finding citing exactly its `cites`, each `quiet` none. */
export function runPortfolioExamples(rule: PortfolioRule, today = '2025-06-01'): string[] {
  const problems: string[] = [];
  for (const ex of rule.examples.fire) {
    const fs = checkPortfolio(exampleDocuments(ex), [rule], { config: ex.config ?? {}, today: ex.config?.today ?? today });
    if (!fs.length) { problems.push(`${rule.id}: fire example "${ex.name}" gave no finding`); continue; }
    if (ex.cites) {
      const want = [...ex.cites].sort().join(', ');
      if (!fs.some((f) => [...new Set(f.clauses.map((c) => c.file))].sort().join(', ') === want && [...f.documents].sort().join(', ') === want)) {
        problems.push(`${rule.id}: fire example "${ex.name}" should cite ${want}, got ${fs.map((f) => `[${f.documents.join(', ')}]`).join(' ')}`);
      }
    }
  }
  for (const ex of rule.examples.quiet) {
    const fs = checkPortfolio(exampleDocuments(ex), [rule], { config: ex.config ?? {}, today: ex.config?.today ?? today });
    if (fs.length) problems.push(`${rule.id}: quiet example "${ex.name}" gave ${fs.length} finding(s): ${fs[0]!.message}`);
  }
  return problems;
}
