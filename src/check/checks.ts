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
      return runSum(p, ch);
    case 'spread':
      return runSpread(p, ch);
    case 'asymmetry':
      return runAsymmetry(p, ch);
    case 'calendar':
      return runCalendar(p, ch);
  }
}
