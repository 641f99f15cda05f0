// The portfolio benchmark's parts (bench/portfolio): the strict scorer on small made-up outputs, the
// scenario schema on the committed scenarios and on broken ones, and the builder on three real scenarios
// (CUAD text read from ../shared, party names rewritten, every format readable by clausemap). The whole
// benchmark is `npm run bench:portfolio`, not a unit test.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../src/ingest/index.js';
import { describeCorpus } from './shared-data.js';
import * as build from '../bench/portfolio/build.mjs';
import { ScenarioSchema } from '../bench/portfolio/schema.mjs';
import { scoreScenario, summarize } from '../bench/portfolio/score.mjs';

interface Finding {
  ruleId: string;
  severity: string;
  documents: string[];
  message?: string;
}
const finding = (rule: string, severity: string, ...files: string[]): Finding => ({
  ruleId: `portfolio/${rule}`,
  severity,
  documents: files.map((f) => `/tmp/built/scenario/${f}`),
  message: `${rule} fired\nsecond line`,
});
const ok = (...files: string[]) => files.map((f) => ({ file: `/tmp/built/scenario/${f}`, status: 'ok' }));
const scenario = {
  name: 'two-clients',
  family: 'mfn',
  expect: [{ rule: 'mfn-breach', contracts: ['a.pdf', 'b.docx'] }],
};

describe('portfolio benchmark scorer', () => {
  it('finds a planted conflict when a finding has its rule and names every planted contract', () => {
    const r = scoreScenario(scenario, {
      output: {
        documents: ok('a.pdf', 'b.docx', 'c.txt'),
        findings: [
          finding('mfn-breach', 'high', 'a.pdf', 'b.docx', 'c.txt'),
          finding('deadlines', 'medium', 'c.txt'),
          finding('admin-burden', 'low', 'a.pdf', 'c.txt'),
        ],
      },
    });
    expect(r.planted.map((p: { found: boolean }) => p.found)).toEqual([true]);
    expect(r.falseAlarms).toEqual([]);
    expect(r.passed).toBe(true);
    expect(r.findings[0]).toMatchObject({
      rule: 'mfn-breach',
      contracts: ['a.pdf', 'b.docx', 'c.txt'],
      line: 'mfn-breach fired',
    });
  });

  it('fails a scenario whose finding names only one of the planted contracts, and counts that finding as a false alarm', () => {
    const r = scoreScenario(scenario, {
      output: { documents: ok('a.pdf', 'b.docx'), findings: [finding('mfn-breach', 'high', 'a.pdf', 'c.txt')] },
    });
    expect(r.planted[0].found).toBe(false);
    expect(r.falseAlarms.map((f: { rule: string }) => f.rule)).toEqual(['mfn-breach']);
    expect(r.passed).toBe(false);
  });

  it('counts high and critical findings of other rules as false alarms, and lower ones not', () => {
    const r = scoreScenario(scenario, {
      output: {
        documents: ok('a.pdf', 'b.docx'),
        findings: [
          finding('mfn-breach', 'high', 'b.docx', 'a.pdf'),
          finding('background-ip-conflict', 'critical', 'a.pdf', 'b.docx'),
          finding('termination-asymmetry', 'medium', 'a.pdf'),
        ],
      },
    });
    expect(r.planted[0].found).toBe(true);
    expect(r.falseAlarms.map((f: { rule: string; severity: string }) => `${f.rule}:${f.severity}`)).toEqual([
      'background-ip-conflict:critical',
    ]);
    expect(r.passed).toBe(false);
  });

  it('neither finds nor blames a finding that an allow entry names (the same conflict seen by another rule)', () => {
    const withAllow = {
      ...scenario,
      allow: [{ rule: 'restrictive-covenant-overlap', contracts: ['a.pdf', 'b.docx'] }],
    };
    const output = {
      documents: ok('a.pdf', 'b.docx'),
      findings: [finding('restrictive-covenant-overlap', 'high', 'a.pdf', 'b.docx')],
    };
    const r = scoreScenario(withAllow, { output });
    expect(r.falseAlarms).toEqual([]);
    expect(r.planted[0].found).toBe(false);
    expect(r.passed).toBe(false);
    expect(scoreScenario(scenario, { output }).falseAlarms).toHaveLength(1);
  });

  it('fails a scenario whose run failed or left a file unanalysed', () => {
    expect(scoreScenario(scenario, { error: 'clausemap audit exited 70' })).toMatchObject({
      passed: false,
      error: 'clausemap audit exited 70',
    });
    const r = scoreScenario(scenario, {
      output: {
        documents: [...ok('a.pdf'), { file: '/x/b.docx', status: 'error' }],
        findings: [finding('mfn-breach', 'high', 'a.pdf', 'b.docx')],
      },
    });
    expect(r.passed).toBe(false);
    expect(r.error).toBe('not analysed: b.docx: error');
  });

  it('a clean scenario passes with context findings only, and the summary adds up per family', () => {
    const clean = { name: 'quiet', family: 'clean', expect: [] };
    const quiet = scoreScenario(clean, {
      output: { documents: ok('a.pdf'), findings: [finding('admin-burden', 'medium', 'a.pdf', 'b.docx')] },
    });
    const loud = scoreScenario(clean, {
      output: { documents: ok('a.pdf'), findings: [finding('liability-exposure', 'high', 'a.pdf')] },
    });
    const missed = scoreScenario(scenario, { output: { documents: ok('a.pdf'), findings: [] } });
    expect([quiet.passed, loud.passed, missed.passed]).toEqual([true, false, false]);
    const s = summarize([quiet, loud, missed]);
    expect(s).toMatchObject({ scenarios: 3, passed: 1, planted: 1, found: 0, falseAlarms: 1, falseAlarmScenarios: 1 });
    expect(s.byFamily.clean).toEqual({ scenarios: 2, passed: 1, planted: 0, found: 0, falseAlarms: 1 });
    expect(s.byFamily.mfn).toEqual({ scenarios: 1, passed: 0, planted: 1, found: 0, falseAlarms: 0 });
  });
});

describe('portfolio benchmark scenarios', () => {
  const scenarios = build.loadScenarios();

  it('has at least 40 scenarios, 36 planted conflicts, every family and clean portfolios of 5 to 8 contracts', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(40);
    const planted = scenarios.reduce((n: number, s: { expect: unknown[] }) => n + s.expect.length, 0);
    expect(planted).toBeGreaterThanOrEqual(36);
    const families = new Set(scenarios.map((s: { family: string }) => s.family));
    for (const f of ['restriction', 'mfn', 'background-ip', 'capacity', 'termination', 'liability'])
      expect(families).toContain(f);
    for (const f of ['exclusive-licence', 'admin', 'deadlines', 'draft', 'near-miss', 'clean'])
      expect(families).toContain(f);
    const clean = scenarios.filter((s: { family: string }) => s.family === 'clean');
    expect(clean.length).toBeGreaterThanOrEqual(3);
    for (const s of clean) expect(s.contracts.length).toBeGreaterThanOrEqual(5);
  });

  it('rejects a scenario that expects a contract it does not list, or a draft conflict without the draft', () => {
    const base = scenarios.find((s: { name: string }) => s.name === 'mfn-higher-fee-than-other-clients');
    const { name: _name, ...data } = base;
    expect(ScenarioSchema.safeParse(data).success).toBe(true);
    const wrong = { ...data, expect: [{ rule: 'mfn-breach', contracts: ['01-harbor-mutual.docx', 'missing.pdf'] }] };
    const r = ScenarioSchema.safeParse(wrong);
    expect(r.success).toBe(false);
    expect(r.error.issues[0].message).toBe('missing.pdf is not one of the contracts');
    const draft = {
      ...data,
      draft: '02-ridgeline-retail.pdf',
      expect: [{ rule: 'liability-exposure', contracts: ['01-harbor-mutual.docx'] }],
    };
    expect(ScenarioSchema.safeParse(draft).error.issues[0].message).toMatch(/only expects conflicts the draft brings/);
  });
});

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describeCorpus('portfolio benchmark builder (CUAD from ../shared)', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'bench-portfolio-test-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));
  const cuad = build.openCuad();
  const all = build.loadScenarios();
  const pick = (n: string) => all.find((s: { name: string }) => s.name === n);

  it.each([
    ['restriction-exclusive-agent-twice'],
    ['bgip-project-includes-toolkit'],
    ['draft-second-exclusive-licence'],
  ])('%s: every contract is readable, carries its CUAD clauses with the party names rewritten', async (name) => {
    const s = pick(name);
    const built = await build.buildScenario(s, out, cuad);
    const config = readFileSync(path.join(built.dir, 'clausemap.yaml'), 'utf8');
    expect(config).toContain(`me: ${s.me.name}`);
    expect(config).toContain(`today: ${s.today}`);
    if (s.draft) {
      expect(built.draft).toBe(path.join(built.dir, 'draft', s.draft));
      expect(built.inputs).toBe(path.join(built.dir, 'signed'));
    }
    for (const f of built.files) {
      const doc = await ingestFile(f.path);
      expect(doc.kind).toBe(path.extname(f.file).slice(1));
      const text = squash(doc.text);
      expect(text).toContain(f.client);
      expect(text).toContain(s.me.name);
      for (const ref of f.cuad) {
        const rec = cuad.byFile.get(ref.cuad);
        const span = rec.labels[ref.category].spans[ref.span];
        const first = squash(span.split('<omitted>')[0]);
        const renamed = squash(build.rename(first, ref.rename));
        // the first words of the clause, as rewritten, are in the document (a PDF may break lines)
        expect(text).toContain(renamed.split(' ').slice(0, 6).join(' '));
        const contract = s.contracts.find((c: { file: string }) => c.file === f.file);
        const allowed = [s.me.name, contract.meRole, contract.client.name, contract.client.role, 'Party', 'Parties'];
        expect(build.leftoverName(text, build.partyNames(rec), allowed)).toBeUndefined();
      }
    }
    if (s.contracts.some((c: { file: string }) => c.file.endsWith('.pdf'))) {
      const pdf = built.files.find((f: { file: string }) => f.file.endsWith('.pdf'));
      const doc = await ingestFile(pdf.path);
      expect(doc.text).toMatch(/Page 1 of \d/);
    }
  });

  it('stops on a reference to a span the labels do not have, naming the scenario and the contract', () => {
    const s = structuredClone(pick('restriction-lamotrigine-tail'));
    s.contracts[0].sections[1].clauses[0].span = 7;
    expect(() => build.assemble(s, s.contracts[0], cuad)).toThrow(
      /restriction-lamotrigine-tail\/01-eastbrook-development\.pdf .*has 1 "Non-Compete" span\(s\), not a span 7/,
    );
  });

  it('stops when a CUAD party name is left in a clause', () => {
    const s = structuredClone(pick('restriction-lamotrigine-tail'));
    s.contracts[0].sections[1].clauses[0].rename = {};
    expect(() => build.assemble(s, s.contracts[0], cuad)).toThrow(/still names "Aucta": add it to rename/);
  });
});
