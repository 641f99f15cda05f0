// A portfolio rule's own examples, run through the same check stage production uses.
import { clauseValuesOf } from '../extract/index.js';
import type { DocumentResult } from '../schema.js';
import { checkPortfolio } from './findings.js';
import type { PortfolioRule } from './load.js';
import type { Example } from './spec.js';

/**
 * A rule example as analysed documents: each clause's text placed one after another, offsets real, its
 * values read by the same extraction production uses (an example cannot pass on values production would
 * not read).
 */
export function exampleDocuments(ex: Example): DocumentResult[] {
  return ex.contracts.map((c) => {
    const docText = c.clauses.map((cl) => cl.text).join('\n\n');
    let at = 0;
    const clauses = c.clauses.map((cl, i) => {
      const start = at;
      at += cl.text.length + 2;
      const attributes = clauseValuesOf(cl.category, cl.text, { docText, start, end: start + cl.text.length });
      return {
        category: cl.category,
        start,
        end: start + cl.text.length,
        text: cl.text,
        page: 1,
        ruleId: `example#${i}`,
        ...(attributes ? { attributes } : {}),
      };
    });
    return {
      file: c.file,
      status: 'ok' as const,
      kind: 'txt' as const,
      ...(c.title ? { title: c.title } : {}),
      warnings: [],
      clauses,
    };
  });
}

/** Where an example's clauses state the values extraction must read, the ones it read otherwise. */
function valueProblems(ex: Example, docs: readonly DocumentResult[]): string[] {
  const out: string[] = [];
  ex.contracts.forEach((c, i) =>
    c.clauses.forEach((cl, j) => {
      const got = docs[i]!.clauses[j]!.attributes ?? {};
      for (const [k, want] of Object.entries(cl.values ?? {})) {
        if (JSON.stringify(got[k]) !== JSON.stringify(want))
          out.push(
            `${c.file} ${cl.category}: ${k} should read ${JSON.stringify(want)}, extraction reads ${JSON.stringify(got[k]) ?? 'nothing'}`,
          );
      }
    }),
  );
  return out;
}

/**
 * Runs a rule on its own examples, strictly: each clause's stated `values` must be what extraction reads;
 * each `fire` example must give a finding citing exactly its `cites` (and exactly `findings` findings when
 * it says how many), each `quiet` example none.
 */
export function runPortfolioExamples(rule: PortfolioRule, today = '2025-06-01'): string[] {
  const problems: string[] = [];
  const run = (ex: Example) => {
    const docs = exampleDocuments(ex);
    for (const p of valueProblems(ex, docs)) problems.push(`${rule.id}: example "${ex.name}": ${p}`);
    return checkPortfolio(docs, [rule], { config: ex.config ?? {}, today: ex.config?.today ?? today });
  };
  for (const ex of rule.examples.fire) {
    const fs = run(ex);
    if (!fs.length) {
      problems.push(`${rule.id}: fire example "${ex.name}" gave no finding`);
      continue;
    }
    if (ex.findings !== undefined && fs.length !== ex.findings)
      problems.push(`${rule.id}: fire example "${ex.name}" should give ${ex.findings} finding(s), gave ${fs.length}`);
    if (ex.cites) {
      const want = [...ex.cites].sort().join(', ');
      if (
        !fs.some(
          (f) =>
            [...new Set(f.clauses.map((c) => c.file))].sort().join(', ') === want &&
            [...f.documents].sort().join(', ') === want,
        )
      ) {
        problems.push(
          `${rule.id}: fire example "${ex.name}" should cite ${want}, got ${fs.map((f) => `[${f.documents.join(', ')}]`).join(' ')}`,
        );
      }
    }
  }
  for (const ex of rule.examples.quiet) {
    const fs = run(ex);
    if (fs.length)
      problems.push(`${rule.id}: quiet example "${ex.name}" gave ${fs.length} finding(s): ${fs[0]!.message}`);
  }
  return problems;
}
