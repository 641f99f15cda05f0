// clausemap.yaml as the command line finds and reads it: next to a file argument too, and in the folders
// above the inputs (up to the user's home folder); a misspelt key or `set:` category stops the run at its
// own line:col with the word it most likely means; a `contracts:` entry naming no input is a warning at its
// line; the per-file passwords reach `extract` as they reach `audit`. Runs the built CLI.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, describe, expect, it } from 'vitest';
import { findConfig, loadConfig } from '../src/config/config.js';
import { closest } from '../src/yaml-load.js';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'clausemap.js');
const CONTRACT =
  'CONSULTING AGREEMENT\n\nThis Consulting Agreement is made between Acme Freight, Inc. ("Client") and Jane Roe Studio LLC ("Consultant").\n\n' +
  "1. Termination. Either party may terminate this Agreement for convenience on thirty (30) days' written notice.\n";

const temps: string[] = [];
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

/** A folder `home/work/contracts` with a.txt; each file of `files` written relative to the top folder. */
function layout(files: Record<string, string> = {}): string {
  const top = mkdtempSync(path.join(tmpdir(), 'clausemap-config-'));
  temps.push(top);
  mkdirSync(path.join(top, 'home', 'work', 'contracts'), { recursive: true });
  writeFileSync(path.join(top, 'home', 'work', 'contracts', 'a.txt'), CONTRACT);
  for (const [f, text] of Object.entries(files)) writeFileSync(path.join(top, f), text);
  return top;
}

/** The CLI run in `top/home/work`, with `top/home` as the user's home folder. */
const cli = (top: string, ...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], {
    cwd: path.join(top, 'home', 'work'),
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, HOME: path.join(top, 'home') },
  });

const BROKEN = 'me: Jane Roe Studio LLC\ncapacityHoursPerWeek: lots\n';

describe('finding clausemap.yaml', () => {
  it('next to a file given as an input, not only in a folder given', () => {
    const top = layout({ 'home/work/contracts/clausemap.yaml': BROKEN });
    const r = cli(top, 'audit', 'contracts/a.txt', '--no-db', '-q');
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain('contracts/clausemap.yaml:2:');
  });

  it('in the folders above the inputs, up to the home folder', () => {
    const top = layout({ 'home/work/clausemap.yaml': 'me: Zed Quill Consulting\n' });
    const r = cli(top, 'audit', 'contracts', '--no-db', '-q', '-f', 'json');
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { portfolio: { me?: string } }).portfolio.me).toBe('Zed Quill Consulting');
    // the home folder is the last one searched: one above it is not read
    const above = layout({ 'clausemap.yaml': BROKEN });
    const s = cli(above, 'audit', 'contracts', '--no-db', '-q', '-f', 'json');
    expect(s.status, s.stderr).toBe(0);
    expect(findConfig(undefined, ['/a/b/c.pdf'], () => false, '/a')).toBeUndefined();
  });

  it('--config wins over the one found', () => {
    const top = layout({ 'home/work/clausemap.yaml': BROKEN, 'mine.yaml': 'me: Jane Roe Studio LLC\n' });
    const r = cli(top, 'audit', 'contracts', '--no-db', '-q', '--config', path.join(top, 'mine.yaml'));
    expect(r.status, r.stderr).toBe(0);
    const missing = cli(top, 'audit', 'contracts', '--no-db', '-q', '--config', 'nope.yaml');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('clausemap: --config nope.yaml: no such file; check the path.\n');
  });
});

describe('mistakes in clausemap.yaml', () => {
  it('an unknown key is reported at its own line:col with the key meant', () => {
    const top = layout({
      'home/work/clausemap.yaml': 'me: Jane Roe Studio LLC\ncapacity: 30\ncontracts:\n  a.txt:\n    pasword: x\n',
    });
    const r = cli(top, 'audit', 'contracts', '--no-db', '-q');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      'clausemap.yaml:2:1: unknown key "capacity" (did you mean "capacityHoursPerWeek"?)',
      'clausemap.yaml:5:5: contracts.a.txt: unknown key "pasword" (did you mean "password"?)',
    ]);
  });

  it('a misspelt category under set: stops the run at its line, with the category meant', () => {
    const top = layout({
      'home/work/clausemap.yaml': [
        'contracts:',
        '  a.txt:',
        '    set:',
        '      term.renewl: { renewalTermMonths: 12 }',
        'clients:',
        '  Acme Freight:',
        '    set:',
        '      liability.cap: { amount: 5 }',
        '      liablity.insurance: { amount: 5 }',
        '',
      ].join('\n'),
    });
    const r = cli(top, 'audit', 'contracts', '--no-db', '-q');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      'clausemap.yaml:4:7: contracts.a.txt.set: unknown clause category "term.renewl" (did you mean "term.renewal"?)',
      'clausemap.yaml:9:7: clients.Acme Freight.set: unknown clause category "liablity.insurance" (did you mean "liability.insurance"?)',
    ]);
  });

  it('a contracts: entry that names no input is a warning at its line; the run goes on', () => {
    const top = layout({
      'home/work/clausemap.yaml':
        'me: Jane Roe Studio LLC\ncontracts:\n  a.txt: { status: signed }\n  zebra.pdf: { status: signed }\n',
    });
    const r = cli(top, 'audit', 'contracts', '--no-db', '-q', '-f', 'json');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe(
      'clausemap.yaml:4:3: warning: contracts: "zebra.pdf" is none of the input files, so its settings are not used\n',
    );
    const s = cli(top, 'extract', 'contracts', '--no-db', '-q');
    expect(s.stderr).toContain('"zebra.pdf" is none of the input files');
    writeFileSync(path.join(top, 'home/work/clausemap.yaml'), 'contracts:\n  a.tx: { status: signed }\n');
    expect(cli(top, 'audit', 'contracts', '--no-db', '-q').stderr).toContain(
      'clausemap.yaml:2:3: warning: contracts: "a.tx" is none of the input files, so its settings are not used (did you mean "a.txt"?)',
    );
  });

  it('loadConfig without the clause categories leaves set: keys alone', () => {
    const top = layout({ 'c.yaml': 'contracts:\n  a.txt:\n    set:\n      term.renewl: {}\n' });
    expect(loadConfig(path.join(top, 'c.yaml')).problems).toEqual([]);
    expect(
      loadConfig(path.join(top, 'c.yaml'), { categories: ['term.renewal'] }).problems.map((p) => [p.line, p.col]),
    ).toEqual([[4, 7]]);
  });

  it('suggests only a word that is close', () => {
    expect(closest('capacity', ['me', 'capacityHoursPerWeek', 'clients'])).toBe('capacityHoursPerWeek');
    expect(
      closest('04-merdian-crest-captal.pdf', ['04-meridian-crest-capital.pdf', '05-cobalt-ridge-energy-psa.pdf']),
    ).toBe('04-meridian-crest-capital.pdf');
    expect(closest('liablity', ['liability.cap', 'liability', 'term'])).toBe('liability');
    expect(closest('zzz', ['me', 'clients'])).toBeUndefined();
  });
});

/** An encrypted PDF (password `sesame`) holding the contract's text. */
async function lockedPdf(file: string): Promise<void> {
  const doc = new PDFDocument({ userPassword: 'sesame', ownerPassword: 'owner', pdfVersion: '1.7' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.fontSize(11).text(CONTRACT, 72, 72, { width: 450 });
  doc.end();
  await done;
  writeFileSync(file, Buffer.concat(chunks));
}

describe('passwords from clausemap.yaml', () => {
  it('reach extract as they reach audit', async () => {
    const top = layout({ 'home/work/clausemap.yaml': 'contracts:\n  locked.pdf: { password: sesame }\n' });
    await lockedPdf(path.join(top, 'home/work/contracts/locked.pdf'));
    for (const command of ['extract', 'audit']) {
      const r = cli(top, command, 'contracts', '--no-db', '-q', '-f', 'json');
      expect(r.status, r.stderr).toBe(0);
      const docs = (JSON.parse(r.stdout) as { documents: { file: string; status: string }[] }).documents;
      expect(docs.map((d) => [d.file, d.status])).toEqual([
        ['contracts/a.txt', 'ok'],
        ['contracts/locked.pdf', 'ok'],
      ]);
    }
  });
});
