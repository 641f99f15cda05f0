// Contract families on real files (fixtures/families): an MSA, its SOW and an amendment deleting the MSA's
// non-compete are one engagement with Acme; the amendment is applied and the report says what it changed.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Report } from '../src/schema.js';

const ROOT = path.resolve(__dirname, '..');
const FAMILIES = path.join(ROOT, 'fixtures/families');

function audit(dir: string, format = 'json') {
  return spawnSync(
    process.execPath,
    [path.join(ROOT, 'bin/clausemap.js'), 'audit', dir, '--no-db', '-q', '--format', format],
    {
      encoding: 'utf8',
    },
  );
}

describe('contract families', () => {
  it('applies the amendment: the deleted non-compete no longer reaches the insurer', () => {
    const r = audit(FAMILIES);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.portfolio!.me).toBe('Okafor Data Works LLC');
    expect(report.findings.filter((f) => f.ruleId === 'portfolio/restrictive-covenant-overlap')).toEqual([]);
    const msa = report.portfolio!.contracts.find((c) => c.file.endsWith('01-acme-msa.txt'))!;
    expect(msa.amendedBy).toEqual([
      expect.objectContaining({
        by: expect.stringMatching(/03-acme-amendment-1\.txt$/),
        section: '5',
        action: 'deleted',
        removed: ['restrict.non-compete'],
      }),
    ]);
    expect(msa.keyTerms.restrictiveCovenants ?? 'not found').not.toMatch(/non-compete/);
    expect(audit(FAMILIES, 'md').stdout).toMatch(
      /Section 5 \(Non-Competition\) deleted by 03-acme-amendment-1\.txt: restrict\.non-compete no longer read from this contract\./,
    );
  });

  it('without the amendment, the non-compete reaches the insurer: the fixture is no test that cannot fail', () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'clausemap-families-')), 'families');
    cpSync(FAMILIES, dir, { recursive: true });
    rmSync(path.join(dir, '03-acme-amendment-1.txt'));
    const report = JSON.parse(audit(dir).stdout) as Report;
    const found = report.findings.filter((f) => f.ruleId === 'portfolio/restrictive-covenant-overlap');
    expect(found).toHaveLength(1);
    // the MSA's clause fires; the finding names the engagement it belongs to, the MSA and its SOW, once
    expect(found[0]!.documents.map((d) => path.basename(d)).sort()).toEqual([
      '01-acme-msa.txt',
      '02-acme-sow-1.txt',
      '04-beta-mutual.txt',
    ]);
    expect(found[0]!.clauses.map((c) => path.basename(c.file))).toContain('01-acme-msa.txt');
  });

  it('gives no cross-contract finding between the MSA and its own SOW', () => {
    const report = JSON.parse(audit(FAMILIES).stdout) as Report;
    const within = report.findings.filter(
      (f) =>
        f.ruleId !== 'portfolio/deadlines' &&
        f.documents.length === 2 &&
        f.documents.every((d) => /acme/.test(path.basename(d))),
    );
    expect(within).toEqual([]);
  });
});

describe('near-identical files', () => {
  it('reads a re-saved copy with a page footer and other spacing as one contract, listed with its copy', () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'clausemap-near-')), 'clients');
    cpSync(FAMILIES, dir, { recursive: true });
    const beta = readFileSync(path.join(dir, '04-beta-mutual.txt'), 'utf8');
    writeFileSync(
      path.join(dir, '05-beta-mutual-signed-copy.txt'),
      beta.replace(/\n\n/g, '\n\n\n').replace(/  +/g, ' ') + '\nPage 1 of 1 - Beta Mutual / Okafor - Executed copy\n',
    );
    // a second SOW that differs in its hours is a contract of its own, not a copy
    const sow = readFileSync(path.join(dir, '02-acme-sow-1.txt'), 'utf8');
    writeFileSync(
      path.join(dir, '06-acme-sow-2.txt'),
      sow.replace('NO. 1', 'NO. 2').replace('twenty (20) hours', 'ten (10) hours'),
    );
    const report = JSON.parse(audit(dir).stdout) as Report;
    const files = report.portfolio!.contracts.map((c) => path.basename(c.file));
    expect(files).not.toContain('05-beta-mutual-signed-copy.txt');
    expect(files).toContain('06-acme-sow-2.txt');
    const beta1 = report.portfolio!.contracts.find((c) => c.file.endsWith('04-beta-mutual.txt'))!;
    expect(beta1.copies?.map((f) => path.basename(f))).toEqual(['05-beta-mutual-signed-copy.txt']);
    // every file is still listed among the documents
    expect(report.documents.map((d) => path.basename(d.file))).toContain('05-beta-mutual-signed-copy.txt');
  });
});
