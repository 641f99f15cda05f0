// What a new user meets first, on the fixture contracts: copies of one contract are one contract, and one
// client's own contracts (an MSA and its SOWs) differing among themselves is no spread "across your clients".
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Report } from '../src/schema.js';

const ROOT = path.resolve(__dirname, '..');
const FIXTURES = path.join(ROOT, 'fixtures');

function audit(dir: string, ...extra: string[]): Report {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'clausemap-newuser-out-')), 'report.json');
  const r = spawnSync(
    process.execPath,
    [path.join(ROOT, 'bin/clausemap.js'), 'audit', dir, '--no-db', '-q', '-o', out, ...extra],
    {
      encoding: 'utf8',
    },
  );
  expect(r.stderr).toBe('');
  return JSON.parse(readFileSync(out, 'utf8')) as Report;
}

const base = (f: string) => path.basename(f);

describe("a new user's portfolio", () => {
  it('reads three copies of one contract as one contract, listed with its copies', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'clausemap-copies-'));
    for (const n of ['meridian.pdf', 'meridian (1).pdf', 'meridian-signed.pdf']) {
      copyFileSync(path.join(FIXTURES, 'portfolio/04-meridian-crest-capital.pdf'), path.join(dir, n));
    }
    copyFileSync(path.join(FIXTURES, 'portfolio/02-brightwater-health-msa.pdf'), path.join(dir, 'brightwater.pdf'));
    const r = audit(dir);
    expect(r.documents).toHaveLength(4); // every file is still listed
    const contracts = r.portfolio!.contracts.map((c) => [base(c.file), (c.copies ?? []).map(base)]);
    expect(contracts).toEqual([
      ['brightwater.pdf', []],
      ['meridian (1).pdf', ['meridian-signed.pdf', 'meridian.pdf']],
    ]);
    // no finding between a contract and its own copy, and the hours of one engagement are counted once
    for (const f of r.findings)
      expect(f.documents.filter((d) => base(d).startsWith('meridian')).length).toBeLessThanOrEqual(1);
    expect(r.findings.some((f) => f.ruleId === 'portfolio/capacity-overcommit')).toBe(false);
  });

  it('gives no "across your clients" spread for one client\'s MSA, SOW and amendment', () => {
    const source = readFileSync(path.join(FIXTURES, 'src/portfolio/04-meridian-crest-capital.md'), 'utf8');
    const pay = /within ninety \(90\) days after receipt/;
    expect(source).toMatch(pay);
    const dir = mkdtempSync(path.join(tmpdir(), 'clausemap-one-client-'));
    const versions: Array<[string, string, string]> = [
      ['msa.txt', 'MASTER CONSULTING AGREEMENT', 'within thirty (30) days after receipt'],
      ['sow-1.txt', 'STATEMENT OF WORK NO. 1', 'within forty-five (45) days after receipt'],
      ['amendment-1.txt', 'AMENDMENT NO. 1', 'within sixty (60) days after receipt'],
    ];
    for (const [file, title, days] of versions)
      writeFileSync(path.join(dir, file), `${title}\n\n${source.replace(pay, days)}`);
    const one = audit(dir);
    expect(new Set(one.portfolio!.contracts.map((c) => c.counterparty)).size).toBe(1);
    const spread = (r: Report) => r.findings.filter((f) => /across your clients/.test(f.message));
    expect(spread(one)).toEqual([]);

    // a second client with its own terms: now the terms differ across clients
    copyFileSync(path.join(FIXTURES, 'portfolio/02-brightwater-health-msa.pdf'), path.join(dir, 'brightwater.pdf'));
    expect(spread(audit(dir)).length).toBeGreaterThan(0);
  });

  it('reaches an insurer client with a restriction on "any business engaged in banking, lending or insurance"', () => {
    const larkspur = readFileSync(path.join(FIXTURES, 'src/portfolio/03-larkspur-payments-contractor.md'), 'utf8');
    const section = /1\.3 \*\*Non-Competition\.\*\*[^\n]*/;
    expect(larkspur).toMatch(section);
    const restriction =
      '1.3 **Non-Competition.** During the term of this Agreement and for twelve (12) months after it ends, Contractor will not provide services to any business engaged in banking, lending or insurance.';
    const dir = mkdtempSync(path.join(tmpdir(), 'clausemap-field-list-'));
    writeFileSync(path.join(dir, 'larkspur.txt'), larkspur.replace(section, restriction));
    copyFileSync(path.join(FIXTURES, 'src/portfolio/05-cobalt-ridge-energy-psa.md'), path.join(dir, 'insurer.txt'));
    writeFileSync(path.join(dir, 'clausemap.yaml'), 'contracts:\n  insurer.txt:\n    industry: insurance\n');
    const overlap = audit(dir).findings.filter((f) => f.ruleId === 'portfolio/restrictive-covenant-overlap');
    expect(overlap.map((f) => f.documents.map(base).sort())).toContainEqual(['insurer.txt', 'larkspur.txt']);
    expect(overlap.find((f) => f.documents.some((d) => base(d) === 'insurer.txt'))!.why).toMatch(
      /banking, lending or insurance/,
    );
  });

  it('says who "you" are and why: inferred from the common party, given with --me, or unknown', () => {
    const portfolio = path.join(FIXTURES, 'portfolio');
    const inferred = audit(portfolio).portfolio!;
    expect(inferred.me).toBe('Okafor Data Works LLC');
    expect(inferred.meWhy).toMatch(/^inferred: the party named in 6 of the 6 contracts .*give --me/);
    const given = audit(portfolio, '--me', 'Brightwater Health Partners, Inc.').portfolio!;
    expect([given.me, given.meWhy]).toEqual(['Brightwater Health Partners, Inc.', 'given with --me']);
    // two unrelated contracts: nobody is common to them
    const dir = mkdtempSync(path.join(tmpdir(), 'clausemap-unrelated-'));
    copyFileSync(path.join(FIXTURES, 'src/portfolio/05-cobalt-ridge-energy-psa.md'), path.join(dir, 'a.txt'));
    const other = readFileSync(path.join(FIXTURES, 'src/portfolio/04-meridian-crest-capital.md'), 'utf8');
    writeFileSync(path.join(dir, 'b.txt'), other.replace(/Okafor Data Works/gi, 'Tessaly Analytics'));
    const unknown = audit(dir).portfolio!;
    expect(unknown.me).toBeUndefined();
    expect(unknown.meWhy).toMatch(/^no party is named in at least half of the 2 contracts/);
  });
});
