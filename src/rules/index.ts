// Check stage: cross-contract rules (rules/portfolio/*.yaml) over the analysed documents → findings.
// Pure: documents and rules in, findings out.
import type { DocumentResult, Finding } from '../schema.js';
import type { LoadProblem } from '../yaml-load.js';

export interface PortfolioRule { id: string; file: string; title: string; severity: Finding['severity'] }

export function loadPortfolioRules(_dir: string): { rules: PortfolioRule[]; problems: LoadProblem[] } {
  return { rules: [], problems: [] };
}

export interface CheckOptions {
  /** file of the draft, for `check`: only findings involving it are kept */
  draft?: string;
}

export function checkPortfolio(_docs: readonly DocumentResult[], _rules: readonly PortfolioRule[], _opts: CheckOptions = {}): Finding[] {
  return [];
}
