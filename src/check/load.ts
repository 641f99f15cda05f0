// Loading the cross-contract rules (rules/portfolio/<id>.yaml): each file parsed and checked with zod,
// problems as file:line:col.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { loadYaml, type LoadProblem } from '../yaml-load.js';
import { PortfolioRuleSchema, type PortfolioRuleSpec } from './spec.js';

export interface PortfolioRule extends PortfolioRuleSpec {
  id: string;
  file: string;
}

export function loadPortfolioRules(dir: string): { rules: PortfolioRule[]; problems: LoadProblem[] } {
  const rules: PortfolioRule[] = [];
  const problems: LoadProblem[] = [];
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort();
  } catch (e) {
    return {
      rules,
      problems: [
        { file: dir, line: 0, col: 0, message: `cannot read the portfolio rules folder: ${(e as Error).message}` },
      ],
    };
  }
  for (const n of names) {
    const file = path.join(dir, n);
    const r = loadYaml(file, PortfolioRuleSchema);
    if (!r.ok) {
      problems.push(...r.problems);
      continue;
    }
    rules.push({ ...r.value, id: n.replace(/\.ya?ml$/, ''), file });
  }
  return { rules, problems };
}
