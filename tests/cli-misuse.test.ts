// The command line called wrongly: each mistake exits 2 with one sentence on stderr naming the option or
// file and what to do, no stack trace, and nothing written anywhere (no report, no partial file, no term
// database next to the inputs, in the working folder or in the user's cache). Runs the built CLI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'clausemap.js');
const CONTRACT =
  'CONSULTING AGREEMENT\n\nThis Consulting Agreement is made between Acme Freight, Inc. ("Client") and Jane Roe Studio LLC ("Consultant").\n\n' +
  "1. Termination. Either party may terminate this Agreement for convenience on thirty (30) days' written notice.\n\n" +
  '2. Governing Law. This Agreement is governed by the laws of the State of Delaware.\n';

const temps: string[] = [];
const temp = (name: string) => {
  const d = mkdtempSync(path.join(tmpdir(), `clausemap-${name}-`));
  temps.push(d);
  return d;
};
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

/** Every file and folder under `dir`, hidden ones too. */
const listing = (dir: string): string[] => (readdirSync(dir, { recursive: true }) as string[]).sort();

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  work: string;
  written: string[];
  cached: string[];
}

/** Runs the CLI in a fresh folder holding contracts/a.txt and contracts/b.txt; says what it wrote. */
function cli(args: string[], prepare?: (work: string) => void): Run {
  const work = temp('misuse');
  const cache = temp('misuse-cache');
  mkdirSync(path.join(work, 'contracts'));
  writeFileSync(path.join(work, 'contracts', 'a.txt'), CONTRACT);
  writeFileSync(path.join(work, 'contracts', 'b.txt'), CONTRACT.replace('Acme Freight, Inc.', 'Beta Health LLC'));
  prepare?.(work);
  const before = new Set(listing(work));
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: work,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, XDG_CACHE_HOME: cache },
  });
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    work,
    written: listing(work).filter((f) => !before.has(f)),
    cached: listing(cache),
  };
}

function expectUsage(r: Run, ...mentions: string[]): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^clausemap: [^\n]+\n$/); // one line
  expect(r.stderr).not.toMatch(/internal error|\bat .*\.js:\d+/);
  for (const m of mentions) expect(r.stderr).toContain(m);
  expect(r.written).toEqual([]);
  expect(r.cached).toEqual([]);
}

describe('usage errors: exit 2, one sentence, nothing written', () => {
  it('--out naming an existing folder', () => {
    expectUsage(cli(['audit', 'contracts', '--out', 'contracts']), '--out contracts', 'is a folder');
  });

  it('--out in a folder that cannot be written, checked before the run', () => {
    expectUsage(cli(['audit', 'contracts', '--out', '/proc/x.md']), '--out /proc/x.md');
  });

  it.each([
    [['--concurrency', '0'], '--concurrency'],
    [['--concurrency', 'abc'], '--concurrency'],
    [['--timeout', '0'], '--timeout'],
    [['--max-memory-mb', '-1'], '--max-memory-mb'],
  ])('%j', (opt, name) => {
    expectUsage(cli(['audit', 'contracts', ...opt]), name, 'whole number');
  });

  it('each severity option names itself', () => {
    const min = cli(['audit', 'contracts', '--min-severity', 'severe']);
    expectUsage(min, '--min-severity', 'severe');
    expect(min.stderr).not.toContain('--fail-on');
    expectUsage(cli(['check', 'contracts/a.txt', '--against', 'contracts', '--fail-on', 'severe']), '--fail-on');
  });

  it('rules validate on a folder that does not exist', () => {
    expectUsage(cli(['rules', 'validate', 'no-such-rules']), 'no-such-rules');
  });

  it('a missing input folder (not a report of no conflicts, nor a database in the working folder)', () => {
    const r = cli(['audit', 'no-such-folder']);
    expectUsage(r, 'no-such-folder', 'no such file or folder');
    expect(existsSync(path.join(r.work, '.clausemap'))).toBe(false);
  });

  it('a missing input among existing ones, for extract too', () => {
    expectUsage(cli(['extract', 'contracts', 'contracts/c.txt']), 'contracts/c.txt');
  });

  it('a missing draft for check', () => {
    expectUsage(cli(['check', 'no-such-draft.pdf', '--against', 'contracts']), 'no-such-draft.pdf');
  });

  it('a glob that matches nothing', () => {
    expectUsage(cli(['audit', 'contracts/*.pdf']), 'contracts/*.pdf');
  });

  it('an unknown --category for terms, with the category meant', () => {
    const db = path.join(temp('misuse-db'), 'terms.db');
    const made = cli(['extract', 'contracts', '--db', db, '--quiet']);
    expect(made.status, made.stderr).toBe(0);
    expectUsage(cli(['terms', '--db', db, '--category', 'liablity.cap']), '--category liablity.cap', '"liability.cap"');
    const family = cli(['terms', '--db', db, '--category', 'admin']);
    expect(family.status, family.stderr).toBe(0);
  });

  it('a format --out does not name', () => {
    expectUsage(cli(['audit', 'contracts', '--out', 'report.txt']), '--out report.txt', '--format');
  });
});

describe('the command line itself', () => {
  it('with no arguments prints help on stderr and exits 2', () => {
    const r = cli([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage: clausemap');
    expect(r.written).toEqual([]);
  });

  it('help asked for is a success, and lists every exit code', () => {
    const r = cli(['--help']);
    expect(r.status).toBe(0);
    for (const code of ['0 ', '1 ', '2 ', '3 ', '70 ', '130 ']) expect(r.stdout).toContain(`\n  ${code}`);
  });

  it('expands a quoted glob', () => {
    const r = cli(['extract', 'contracts/*.txt', '--no-db', '-q']);
    expect(r.status, r.stderr).toBe(0);
    const docs = (JSON.parse(r.stdout) as { documents: { file: string; status: string }[] }).documents;
    expect(docs.map((d) => [d.file, d.status])).toEqual([
      ['contracts/a.txt', 'ok'],
      ['contracts/b.txt', 'ok'],
    ]);
  });

  it('takes -o, -f and -q for --out, --format and --quiet', () => {
    const r = cli(['audit', 'contracts', '-f', 'json', '-o', 'report.out', '-q', '--no-db']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.written).toEqual(['report.out']);
    expect((JSON.parse(readFileSync(path.join(r.work, 'report.out'), 'utf8')) as { command: string }).command).toBe(
      'audit',
    );
  });
});
