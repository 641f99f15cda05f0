// The closed set of cross-contract check types, one file each. Each takes the portfolio model and one
// check's parameters and gives raw findings: which contracts and clauses, the values read, and why it fired.
// A check that lacks a value it needs stays silent (the value is shown as missing in the summary).
import { runAsymmetry } from './asymmetry.js';
import { runCalendar } from './calendar.js';
import { runEach } from './each.js';
import { runPair } from './pair.js';
import type { Portfolio } from './portfolio.js';
import type { RawFinding } from './select.js';
import type { Check } from './spec.js';
import { runSpread } from './spread.js';
import { runSum } from './sum.js';

export type { RawFinding } from './select.js';

export function runCheck(p: Portfolio, ch: Check): Iterable<RawFinding> {
  switch (ch.type) {
    case 'pair':
      return runPair(p, ch);
    case 'each':
      return runEach(p, ch);
    case 'sum':
      return byGroup(p, (g) => runSum(g, ch));
    case 'spread':
      return byGroup(p, (g) => runSpread(g, ch));
    case 'asymmetry':
      return byGroup(p, (g) => runAsymmetry(g, ch));
    case 'calendar':
      return runCalendar(p, ch);
  }
}

/** A check over the whole portfolio (hours, spreads, shares) run on each group of contracts that share a
 *  party: with "me" known that is the portfolio itself. */
function byGroup(p: Portfolio, run: (g: Portfolio) => RawFinding[]): RawFinding[] {
  const groups = [...new Set(p.contracts.map((c) => c.group))];
  if (groups.length === 1) return run(p);
  return groups.flatMap((g) =>
    run({ ...p, contracts: p.contracts.filter((c) => c.group === g) }).map((f) => ({
      ...f,
      key: `group ${g}|${f.key}`,
    })),
  );
}
