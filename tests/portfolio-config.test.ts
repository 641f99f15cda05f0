// clausemap.yaml: optional, validated with file:line errors; what it says (who I am, client fields,
// capacity, insurance, passwords, corrections of extracted values) changes the portfolio and the findings,
// and a corrected value is shown as such next to its clause.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfig, loadConfig, passwordFor, type Config } from '../src/config/config.js';
import { runPortfolio } from '../src/check/index.js';
import { buildPortfolio } from '../src/check/portfolio.js';
import { exampleDocuments, loadPortfolioRules } from '../src/check/index.js';

const { rules } = loadPortfolioRules(path.resolve(__dirname, '../rules/portfolio'));
const tmp = mkdtempSync(path.join(tmpdir(), 'clausemap-config-'));
const write = (name: string, text: string) => {
  const f = path.join(tmp, name);
  writeFileSync(f, text);
  return f;
};

// Two contracts in the words of the Common Paper Independent Contractor Agreement, with the blanks filled.
const docs = exampleDocuments({
  name: 'two clients',
  contracts: [
    {
      file: 'acme.txt',
      clauses: [
        {
          category: 'meta.parties',
          text: 'Acme Freight, Inc. ("Company") and Jane Roe Studio LLC ("Contractor")',
          values: {
            parties: [
              { name: 'Acme Freight, Inc.', role: 'Company' },
              { name: 'Jane Roe Studio LLC', role: 'Contractor' },
            ],
          },
        },
        {
          category: 'term.termination-for-convenience',
          text: 'Company may immediately terminate this Agreement (including the SOW) at any time, for any reason or no reason, by giving seven (7) days\u2019 prior written notice to Contractor.',
        },
        {
          category: 'liability.insurance',
          text: 'Contractor will maintain professional liability insurance with limits of not less than $2,000,000 per claim.',
        },
      ],
    },
    {
      file: 'beta.txt',
      clauses: [
        {
          category: 'meta.parties',
          text: 'Beta Health LLC ("Company") and Jane Roe Studio LLC ("Contractor")',
          values: {
            parties: [
              { name: 'Beta Health LLC', role: 'Company' },
              { name: 'Jane Roe Studio LLC', role: 'Contractor' },
            ],
          },
        },
        {
          category: 'term.termination-for-convenience',
          text: 'Either party may terminate this Agreement for convenience on thirty (30) days\u2019 written notice.',
        },
      ],
    },
  ],
});

describe('clausemap.yaml', () => {
  it('is optional: "me" is the party common to the contracts', () => {
    const p = buildPortfolio(docs, {});
    expect(p.me).toBe('Jane Roe Studio LLC');
    expect(p.contracts.map((c) => c.counterparty)).toEqual(['Acme Freight, Inc.', 'Beta Health LLC']);
  });

  it('reports bad fields at file:line', () => {
    const f = write(
      'bad.yaml',
      'me: Jane Roe\ncapacityHoursPerWeek: -5\ncontracts:\n  acme.txt:\n    hoursPerWeek: many\n',
    );
    const r = loadConfig(f);
    expect(r.config).toBeUndefined();
    expect(r.problems.map((p) => [p.line, p.message.split(':')[0]])).toEqual([
      [2, 'capacityHoursPerWeek'],
      [5, 'contracts.acme.txt.hoursPerWeek'],
    ]);
  });

  it('reports unknown keys and YAML syntax errors with a line', () => {
    expect(loadConfig(write('typo.yaml', 'me: Jane\ncapacity: 30\n')).problems[0]!.message).toMatch(/capacity/);
    expect(loadConfig(write('syntax.yaml', 'me: [Jane\n')).problems[0]!.line).toBeGreaterThan(0);
  });

  it('is found in the portfolio folder, or named with --config', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'clausemap-folder-'));
    writeFileSync(path.join(dir, 'clausemap.yaml'), 'me: Jane\n');
    const isDir = (p: string) => p === dir;
    expect(findConfig(undefined, [dir], isDir)).toBe(path.join(dir, 'clausemap.yaml'));
    expect(findConfig('/x/mine.yaml', [dir], isDir)).toBe('/x/mine.yaml');
    expect(findConfig(undefined, ['/nowhere'], isDir)).toBeUndefined();
  });

  it('gives per-file passwords to the pipeline', () => {
    const cfg: Config = { contracts: { 'locked.pdf': { password: 's3cret' } } };
    expect(passwordFor(cfg, 'clients/locked.pdf')).toEqual({ password: 's3cret' });
    expect(passwordFor(cfg, 'clients/other.pdf')).toBeUndefined();
  });

  it('corrects an extracted value, and the finding shows the corrected value next to its clause', () => {
    const before = runPortfolio({ documents: docs, rules }).findings.find(
      (f) => f.ruleId === 'portfolio/termination-asymmetry',
    );
    expect(before?.clauses[0]?.values).toEqual({ noticeDays: 7, whoMayTerminate: 'client' });
    // the user says Acme's notice is really 30 days and either party may use it: the asymmetry is gone
    const fixed = runPortfolio({
      documents: docs,
      rules,
      config: {
        contracts: {
          'acme.txt': { set: { 'term.termination-for-convenience': { noticeDays: 30, whoMayTerminate: 'either' } } },
        },
      },
    });
    expect(fixed.findings.find((f) => f.ruleId === 'portfolio/termination-asymmetry')).toBeUndefined();
    // a correction that makes a rule fire is marked in the reason
    const shorter = runPortfolio({
      documents: docs,
      rules,
      config: {
        contracts: {
          'beta.txt': { set: { 'term.termination-for-convenience': { noticeDays: 3, whoMayTerminate: 'client' } } },
        },
      },
    });
    const f = shorter.findings.find((x) => x.ruleId === 'portfolio/termination-asymmetry')!;
    expect(f.documents).toEqual(['acme.txt', 'beta.txt']);
    expect(f.why).toMatch(/beta\.txt: client 3 days \(clausemap\.yaml\)/);
    expect(f.clauses.find((c) => c.file === 'beta.txt')?.values).toEqual({ noticeDays: 3, whoMayTerminate: 'client' });
  });

  it('takes corrections given for a client, in the party words of its contract', () => {
    const config: Config = {
      clients: {
        'Beta Health': { set: { 'term.termination-for-convenience': { noticeDays: 3, whoMayTerminate: 'Company' } } },
      },
    };
    const p = buildPortfolio(docs, config);
    const f = p.contracts[1]!.facts.find((x) => x.kind === 'termination')!;
    expect([f.values.noticeDays, f.values.whoMayTerminate, f.corrected]).toEqual([
      3,
      'client',
      ['noticeDays', 'whoMayTerminate'],
    ]);
  });

  it('uses the insurance cover and client fields the user states', () => {
    const exposure = (config: Config) =>
      runPortfolio({ documents: docs, rules, config }).findings.filter(
        (f) => f.ruleId === 'portfolio/liability-exposure',
      );
    expect(exposure({ insurance: { amount: 2000000 } })).toEqual([]);
    const f = exposure({ insurance: { amount: 1000000 } })[0]!;
    expect(f.why).toMatch(/the insurance of 2,000,000 is above your insurance cover of 1,000,000 \(clausemap.yaml\)/);
    const p = buildPortfolio(docs, { clients: { 'Beta Health': { industry: 'outpatient clinics' } } });
    expect(p.contracts[1]!.industry).toBe('outpatient clinics');
  });
});
