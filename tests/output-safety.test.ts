// A report never lands on a contract, and a report left in the audited folder is not read as one.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Report } from '../src/schema.js';

const ROOT = path.resolve(__dirname, '..');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, 'bin/clausemap.js'), ...args], { encoding: 'utf8' });

function portfolioCopy(): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'clausemap-out-')), 'portfolio');
  cpSync(path.join(ROOT, 'fixtures/portfolio'), dir, { recursive: true });
  return dir;
}

describe('the report and the audited folder', () => {
  it('refuses an --out that names a contract being read, and writes nothing', () => {
    const dir = portfolioCopy();
    const contract = path.join(dir, '02-brightwater-health-msa.pdf');
    const before = readFileSync(contract);
    const r = cli('audit', dir, '-q', '-o', contract);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining('is one of the files being read')]);
    expect(readFileSync(contract).equals(before)).toBe(true);
    expect(existsSync(path.join(dir, '.clausemap'))).toBe(false);
    expect(cli('extract', contract, '-q', '-o', contract).status).toBe(2);
  });

  it("gives the same findings when last run's reports were written into the folder", () => {
    const dir = portfolioCopy();
    const json = (r: ReturnType<typeof cli>) => JSON.parse(r.stdout) as Report;
    const first = json(cli('audit', dir, '--no-db', '-q', '-f', 'json'));
    for (const f of ['report.md', 'report.json', 'report.html'])
      expect(cli('audit', dir, '--no-db', '-q', '-o', path.join(dir, f)).status).toBe(0);
    const second = json(cli('audit', dir, '--no-db', '-q', '-f', 'json'));
    expect(second.findings.map((f) => [f.ruleId, f.documents])).toEqual(
      first.findings.map((f) => [f.ruleId, f.documents]),
    );
    const reports = second.documents.filter((d) => /report\.(md|json|html)$/.test(d.file));
    expect(reports).toHaveLength(3);
    for (const d of reports) expect(d.status).toBe('skipped');
    expect(reports.find((d) => d.file.endsWith('.md'))!.error!.message).toMatch(
      /a report written by clausemap, not a contract/,
    );
  });

  it('never replaces a link or a device planted at the --out name', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'clausemap-out-planted-'));
    const target = path.join(dir, 'elsewhere.md');
    writeFileSync(target, 'not a report\n');
    symlinkSync(target, path.join(dir, 'report.md'));
    const viaLink = cli(
      'audit',
      path.join(ROOT, 'fixtures/portfolio'),
      '--no-db',
      '-q',
      '-o',
      path.join(dir, 'report.md'),
    );
    expect(viaLink.status).toBe(2);
    expect(viaLink.stderr).toMatch(/is a link/);
    expect(lstatSync(path.join(dir, 'report.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('not a report\n');
    // a device node (the null device's numbers) in a folder of our own: made only where this user may
    const device = path.join(dir, 'null');
    if (spawnSync('mknod', [device, 'c', '1', '3']).status !== 0) return;
    const viaDevice = cli('audit', path.join(ROOT, 'fixtures/portfolio'), '--no-db', '-q', '-o', device);
    expect(viaDevice.status).toBe(2);
    expect(viaDevice.stderr).toMatch(/is not a regular file/);
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
  });
});
