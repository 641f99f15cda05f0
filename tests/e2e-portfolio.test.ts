// End to end over the fixture portfolio (six signed client contracts, DOCX and PDF) and its draft:
// `audit` finds every planted conflict with each contract and clause cited and cites no near miss;
// `check` reports exactly the conflict the draft adds and nothing that exists among the signed contracts.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPortfolio } from '../src/check/index.js';
import { loadPlaybook } from '../src/check/playbook.js';
import { loadPortfolioRules } from '../src/check/index.js';
import type { DocumentResult } from '../src/schema.js';
import { analyzeAll, loadExpected, missing, nearMissHits, notFound, ROOT } from './e2e-expected.js';

const PORTFOLIO = path.join(ROOT, 'fixtures/portfolio');
const DRAFTS = path.join(ROOT, 'fixtures/drafts');
const DRAFT = path.join(DRAFTS, 'pinecrest-outdoor-consulting-draft.pdf');
const TODAY = '2026-06-01';
const { rules } = loadPortfolioRules(path.join(ROOT, 'rules/portfolio'));
const { playbook } = loadPlaybook(path.join(ROOT, 'rules/playbook/default.yaml'));

type Exp = ReturnType<typeof loadExpected> & {
  contracts?: Array<{ file: string; counterparty?: string; effectiveDate?: string; governingLaw?: string }>;
};
const expected = loadExpected(path.join(PORTFOLIO, 'expected.yaml')) as Exp & { dates?: unknown };
const draftExpected = loadExpected(path.join(DRAFTS, 'expected.yaml'));

let signed: DocumentResult[] = [];
let draft: DocumentResult[] = [];
beforeAll(async () => {
  signed = await analyzeAll([PORTFOLIO]);
  draft = await analyzeAll([DRAFT]);
}, 120_000);

describe('audit of the fixture portfolio', () => {
  it('reads all six contracts', () => {
    expect(signed.map((d) => [path.basename(d.file), d.status])).toEqual(
      expected.contracts!.map((c) => [c.file, 'ok']),
    );
  });
  for (const e of expected.findings ?? []) {
    it(`finds ${e.rule} on ${e.files.join(' + ')}, citing each contract`, () => {
      const { findings } = runPortfolio({ documents: signed, rules, today: TODAY });
      expect(notFound(findings, e, PORTFOLIO)).toEqual([]);
    });
    it(`cites the planted clauses of ${e.rule} on ${e.files.join(' + ')}`, () => {
      const { findings } = runPortfolio({ documents: signed, rules, today: TODAY });
      expect(missing(findings, e, PORTFOLIO)).toEqual([]);
    });
  }
  it('cites none of the near misses', () => {
    const { findings } = runPortfolio({ documents: signed, rules, today: TODAY });
    expect((expected.near_misses ?? []).flatMap((nm) => nearMissHits(findings, nm, PORTFOLIO))).toEqual([]);
  });
  it('shows every value a finding rests on next to its clause', () => {
    const { findings } = runPortfolio({ documents: signed, rules, today: TODAY });
    for (const f of findings) {
      expect(f.why).toBeTruthy();
      expect(f.suggestion).toMatch(/^Ask: .+ Fallback: .+/);
      for (const c of f.clauses) expect(typeof c.text).toBe('string');
    }
    const asym = findings.find((f) => f.ruleId === 'portfolio/termination-asymmetry');
    expect(asym?.clauses.map((c) => c.values?.noticeDays).sort()).toEqual([7, 90]);
  });
  it('knows "me", each counterparty and effective date', () => {
    const { portfolio } = runPortfolio({ documents: signed, rules, today: TODAY });
    expect(portfolio.me).toBe('Okafor Data Works LLC');
    for (const c of expected.contracts!) {
      const s = portfolio.contracts.find((x) => path.basename(x.file) === c.file)!;
      expect([s.counterparty, s.effectiveDate]).toEqual([c.counterparty, c.effectiveDate]);
    }
  });
  it('gives the same findings whatever order the documents come in', () => {
    const a = runPortfolio({ documents: signed, rules, today: TODAY }).findings;
    const b = runPortfolio({ documents: [...signed].reverse(), rules, today: TODAY }).findings;
    expect(b).toEqual(a);
  });
});

describe('check of the fixture draft against the portfolio', () => {
  it('reports exactly the one conflict the draft adds, citing both contracts', () => {
    const { findings } = runPortfolio({
      documents: [...draft, ...signed],
      rules,
      draft: DRAFT,
      playbook,
      today: TODAY,
    });
    expect(findings.map((f) => [f.ruleId, f.documents.map((d) => path.basename(d)).sort()])).toEqual(
      draftExpected.findings!.map((e) => [e.rule, e.files.map((f) => path.basename(f)).sort()]),
    );
    expect(draftExpected.findings!.flatMap((e) => notFound(findings, e, DRAFTS))).toEqual([]);
    expect(findings.every((f) => f.draft === true)).toBe(true);
  });
  it('cites the planted clauses of the conflict the draft adds', () => {
    const { findings } = runPortfolio({
      documents: [...draft, ...signed],
      rules,
      draft: DRAFT,
      playbook,
      today: TODAY,
    });
    expect(draftExpected.findings!.flatMap((e) => missing(findings, e, DRAFTS))).toEqual([]);
  });
  it('cites none of the draft near misses', () => {
    const { findings } = runPortfolio({
      documents: [...draft, ...signed],
      rules,
      draft: DRAFT,
      playbook,
      today: TODAY,
    });
    expect((draftExpected.near_misses ?? []).flatMap((nm) => nearMissHits(findings, nm, DRAFTS))).toEqual([]);
  });
  it('grades the draft against the playbook and sorts its terms', () => {
    const { portfolio, findings } = runPortfolio({
      documents: [...draft, ...signed],
      rules,
      draft: DRAFT,
      playbook,
      today: TODAY,
    });
    const dev = Object.fromEntries(portfolio.deviations!.map((d) => [d.term, d.level]));
    expect(dev['background-ip']).toBe('ideal');
    expect(dev['termination-notice']).toBe('ideal');
    expect(dev['most-favoured-client']).toBe('walk-away');
    const pr = Object.fromEntries(portfolio.priorities!.map((p) => [p.term, p]));
    // the term the new conflict rests on weighs most on the portfolio
    if (findings.some((f) => f.ruleId === 'portfolio/mfn-breach'))
      expect(pr['most-favoured-client']!.bucket).toBe('hold firm');
    expect(pr['termination-notice']!.bucket).toBe('accept as is');
  });
});
