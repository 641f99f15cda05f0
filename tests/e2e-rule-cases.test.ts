// Each portfolio rule on small real-language portfolios (fixtures/rule-cases/<rule>/{fire,quiet}/): the
// fire portfolio gives the expected finding citing the right contracts and clauses; the quiet one (near
// misses) gives no finding of that rule and cites none of the near-miss clauses.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPortfolioRules } from '../src/rules/index.js';
import { runPortfolio } from '../src/portfolio/index.js';
import { analyzeAll, loadExpected, missing, nearMissHits, ROOT } from './e2e-expected.js';

const CASES = path.join(ROOT, 'fixtures/rule-cases');
const { rules } = loadPortfolioRules(path.join(ROOT, 'rules/portfolio'));
const ids = existsSync(CASES) ? readdirSync(CASES).filter((n) => existsSync(path.join(CASES, n, 'fire'))).sort() : [];

describe('rule cases over real-language portfolios', () => {
  it('exist for the nine rules', () => {
    expect(ids.length).toBeGreaterThanOrEqual(9);
  });
  for (const id of ids) {
    for (const kind of ['fire', 'quiet'] as const) {
      const dir = path.join(CASES, id, kind);
      if (!existsSync(path.join(dir, 'case.yaml'))) continue;
      it(`${id} / ${kind}`, async () => {
        const exp = loadExpected(path.join(dir, 'case.yaml'));
        const docs = await analyzeAll([dir]);
        const { findings } = runPortfolio({ documents: docs, rules, today: '2026-03-01' });
        const ofRule = findings.filter((f) => f.ruleId === `portfolio/${id}`);
        const problems = [
          ...(exp.findings ?? []).flatMap((e) => missing(findings, e, dir)),
          ...(exp.near_misses ?? []).flatMap((nm) => nearMissHits(findings, nm, dir)),
          ...(kind === 'quiet' && ofRule.length ? [`quiet case gave: ${ofRule.map((f) => f.why).join(' | ')}`] : []),
        ];
        expect(problems).toEqual([]);
      }, 60_000);
    }
  }
});
