// Runs each clause rule's own examples: every positive must match the rule, no negative may.
// Used by `clausemap rules validate` and by the test suite.
import { matchRule } from './index.js';
import type { ClauseRule } from './compiled-rules.js';
import { segment } from './segment.js';

export interface ExampleFailure {
  ruleId: string;
  file: string;
  message: string;
}

/** An example may carry its heading as "Heading:: sentence". */
function parseExample(e: string): { text: string; heading?: string } {
  const i = e.indexOf(':: ');
  return i > 0 ? { heading: e.slice(0, i), text: e.slice(i + 3) } : { text: e };
}

function hits(rule: ClauseRule, example: string): boolean {
  const { text, heading } = parseExample(example);
  if (matchRule(rule, { text, heading }) >= 0) return true;
  // an example may hold more than one sentence: it counts when a segment of it matches
  return segment(text).some((s) => matchRule(rule, { text: s.text, heading: heading ?? s.heading }) >= 0);
}

export function runClauseExamples(rules: readonly ClauseRule[]): ExampleFailure[] {
  const out: ExampleFailure[] = [];
  for (const r of rules) {
    for (const p of r.examples.positive)
      if (!hits(r, p))
        out.push({ ruleId: r.id, file: r.file, message: `positive example not matched: "${p.slice(0, 100)}"` });
    for (const n of r.examples.negative)
      if (hits(r, n))
        out.push({ ruleId: r.id, file: r.file, message: `negative example matched: "${n.slice(0, 100)}"` });
  }
  return out;
}
