// The `audit` and `check` commands end to end through the CLI (built dist): the draft's report carries
// only findings involving the draft, its playbook deviations and priority matrix; clausemap.yaml and
// playbook errors stop the run with exit 2 and a file:line message; --fail-on sets the exit code.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportSchema } from '../src/schema.js';
import { HAS_SHARED, SHARED } from './shared-data.js';

const ROOT = path.resolve(__dirname, '..');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, 'bin/clausemap.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
const tmp = mkdtempSync(path.join(tmpdir(), 'clausemap-cli-'));
const DRAFT = 'fixtures/drafts/pinecrest-outdoor-consulting-draft.pdf';

describe('clausemap check', () => {
  it('reports only what the draft adds, its deviations and its priority matrix', () => {
    const r = cli('check', DRAFT, '--against', 'fixtures/portfolio', '--format', 'json', '--no-db', '--quiet');
    expect(r.status, r.stderr).toBe(0);
    const report = ReportSchema.parse(JSON.parse(r.stdout));
    expect(report.command).toBe('check');
    expect(report.draft).toBe(DRAFT);
    expect(report.findings.every((f) => f.draft === true && f.documents.includes(DRAFT))).toBe(true);
    expect(report.portfolio?.contracts.find((c) => c.file === DRAFT)?.status).toBe('draft');
    expect(report.portfolio?.deviations?.length).toBeGreaterThanOrEqual(10);
    const buckets = new Set(report.portfolio?.priorities?.map((p) => p.bucket));
    expect([...buckets].every((b) => ['hold firm', 'trade', 'concede', 'accept as is'].includes(b))).toBe(true);
    expect(report.rules?.map((x) => x.id)).toContain('portfolio/mfn-breach');
  }, 120_000);
});

describe('clausemap audit', () => {
  it('exits 1 with --fail-on when a finding reaches it, leaves out findings below --min-severity, writes the portfolio summary', () => {
    const r = cli(
      'audit',
      'fixtures/portfolio',
      '--format',
      'json',
      '--no-db',
      '--quiet',
      '--fail-on',
      'critical',
      '--min-severity',
      'high',
    );
    expect(r.status, r.stderr).toBe(1);
    const report = ReportSchema.parse(JSON.parse(r.stdout));
    expect(report.findings.every((f) => ['high', 'critical'].includes(f.severity))).toBe(true);
    expect(
      report.findings.some((f) => f.ruleId === 'portfolio/background-ip-conflict' && f.severity === 'critical'),
    ).toBe(true);
    expect(report.portfolio?.me).toBe('Okafor Data Works LLC');
    expect(report.portfolio?.contracts).toHaveLength(6);
    expect(typeof report.portfolio?.burdenScore).toBe('number');
  }, 120_000);

  it('stops with exit 2 and file:line when clausemap.yaml is wrong', () => {
    const bad = path.join(tmp, 'clausemap.yaml');
    writeFileSync(bad, 'me: Okafor Data Works LLC\ncapacityHoursPerWeek: lots\n');
    const r = cli('audit', 'fixtures/portfolio', '--config', bad, '--format', 'json', '--no-db', '--quiet');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${bad}:2:`);
    expect(r.stdout).toBe('');
  });

  it('stops with exit 2 and file:line when the playbook is wrong', () => {
    const bad = path.join(tmp, 'playbook.yaml');
    writeFileSync(bad, 'title: Mine\npositions:\n  - term: net\n    measure: nothing\n');
    const r = cli(
      'check',
      DRAFT,
      '--against',
      'fixtures/portfolio',
      '--playbook',
      bad,
      '--format',
      'json',
      '--no-db',
      '--quiet',
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${bad}:3:`);
  });

  it.skipIf(!HAS_SHARED)(
    'finds clausemap.yaml in the portfolio folder: who I am, my cover, and a per-file password',
    () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'clausemap-portfolio-'));
      copyFileSync(path.join(ROOT, 'fixtures/portfolio/04-meridian-crest-capital.pdf'), path.join(dir, 'meridian.pdf'));
      copyFileSync(
        path.join(SHARED, 'badinput/py-pdf-sample-files/libreoffice-writer-password.pdf'),
        path.join(dir, 'locked.pdf'),
      );
      writeFileSync(
        path.join(dir, 'clausemap.yaml'),
        [
          'me: Okafor Data Works LLC',
          'insurance: { amount: 500000, currency: USD }',
          'contracts:',
          '  locked.pdf: { password: openpassword }',
          '',
        ].join('\n'),
      );
      const r = cli('audit', dir, '--format', 'json', '--no-db', '--quiet');
      expect(r.status, r.stderr).toBe(0);
      const report = ReportSchema.parse(JSON.parse(r.stdout));
      expect(report.documents.map((d) => [path.basename(d.file), d.status])).toEqual([
        ['locked.pdf', 'ok'],
        ['meridian.pdf', 'ok'],
      ]);
      expect(report.portfolio?.me).toBe('Okafor Data Works LLC');
      const exposure = report.findings.find((f) => f.ruleId === 'portfolio/liability-exposure');
      expect(exposure?.why).toMatch(/above your insurance cover of 500,000 \(clausemap\.yaml\)/);
    },
    120_000,
  );
});
