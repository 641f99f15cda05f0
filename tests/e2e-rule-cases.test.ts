// Each portfolio rule on small real-language portfolios (fixtures/rule-cases/<rule>/{fire,quiet}/): the
// fire portfolio gives the expected finding citing the right contracts and clauses; the quiet one (near
// misses) gives no finding of that rule and cites none of the near-miss clauses.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPortfolioRules } from '../src/check/index.js';
import { runPortfolio } from '../src/check/index.js';
import { analyzeAll, loadExpected, missing, nearMissHits, notFound, ROOT } from './e2e-expected.js';

const CASES = path.join(ROOT, 'fixtures/rule-cases');
const { rules } = loadPortfolioRules(path.join(ROOT, 'rules/portfolio'));
const ids = existsSync(CASES)
  ? readdirSync(CASES)
      .filter((n) => existsSync(path.join(CASES, n, 'fire')))
      .sort()
  : [];

describe('rule cases over real-language portfolios', () => {
  it('exist for the nine rules', () => {
    expect(ids.length).toBeGreaterThanOrEqual(9);
  });
  for (const id of ids) {
    for (const kind of ['fire', 'quiet'] as const) {
      const dir = path.join(CASES, id, kind);
      if (!existsSync(path.join(dir, 'case.yaml'))) continue;
      const run = async () => {
        const exp = loadExpected(path.join(dir, 'case.yaml'));
        const { findings } = runPortfolio({ documents: await analyzeAll([dir]), rules, today: '2026-03-01' });
        return { exp, findings };
      };
      if (kind === 'fire') {
        it(`${id} / fire: found, citing each contract`, async () => {
          const { exp, findings } = await run();
          expect((exp.findings ?? []).flatMap((e) => notFound(findings, e, dir))).toEqual([]);
        }, 60_000);
        it(`${id} / fire: the planted clauses cited`, async () => {
          const { exp, findings } = await run();
          expect((exp.findings ?? []).flatMap((e) => missing(findings, e, dir))).toEqual([]);
        }, 60_000);
      } else {
        it(`${id} / quiet: silent, no near miss cited`, async () => {
          const { exp, findings } = await run();
          const ofRule = findings.filter((f) => f.ruleId === `portfolio/${id}`);
          expect([
            ...(exp.near_misses ?? []).flatMap((nm) => nearMissHits(findings, nm, dir)),
            ...(ofRule.length ? [`quiet case gave: ${ofRule.map((f) => f.why).join(' | ')}`] : []),
          ]).toEqual([]);
        }, 60_000);
      }
    }
  }
});
