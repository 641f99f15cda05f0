// The first analysis child starts as the command starts (src/pipeline/child-start.ts): the pool takes that
// child when it was started as the pool would start one, and kills it otherwise; a command that needs no
// child (help, a usage error, a run on a queue) starts none or ends at once, and leaves no process behind;
// and the output is the same as without it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prestart, prestartedPid } from '../src/pipeline/child-start.js';
import { AnalysisPool, type RunInfo } from '../src/pipeline/pool.js';
import { isAlive } from './badinput.cases.js';

const BIN = path.resolve(__dirname, '../bin/clausemap.js');
const tmp = mkdtempSync(path.join(tmpdir(), 'clausemap-child-start-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const DOC = path.join(tmp, 'nda.txt');
writeFileSync(
  DOC,
  'MUTUAL NONDISCLOSURE AGREEMENT\n\nThis Agreement is made on March 3, 2021 between Acme Inc. and Beta LLC.\n\n' +
    '1. During the Term and for 12 months after, Beta shall not solicit any employee of Acme.\n\n' +
    '2. This Agreement shall be governed by the laws of the State of New York.\n',
);

const waitGone = async (pid: number) => {
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  return !isAlive(pid);
};

/** Processes (other than this one) whose environment holds `mark`. */
function marked(mark: string): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${d}/environ`, 'latin1').includes(mark)) out.push(Number(d));
    } catch {
      // gone, or not ours to read
    }
  }
  return out;
}

describe('the first child, started with the command', () => {
  it('is the child that reads the first document', async () => {
    prestart(['node', 'clausemap', 'extract', DOC]);
    const pid = prestartedPid();
    expect(pid).toBeGreaterThan(0);
    const runs: RunInfo[] = [];
    const pool = new AnalysisPool({ concurrency: 1, onFinished: (r) => runs.push(r) });
    const r = await pool.analyze(DOC);
    await pool.close();
    expect(r.status).toBe('ok');
    expect(runs.map((x) => x.pid)).toEqual([pid]);
    expect(prestartedPid()).toBeUndefined();
  });

  it('is killed, not used, by a pool that starts its children otherwise', async () => {
    prestart(['node', 'clausemap', 'audit', DOC]);
    const pid = prestartedPid()!;
    const runs: RunInfo[] = [];
    const pool = new AnalysisPool({ concurrency: 1, dataLimitMb: 1024, onFinished: (r) => runs.push(r) });
    expect((await pool.analyze(DOC)).status).toBe('ok');
    await pool.close();
    expect(runs[0]!.pid).not.toBe(pid);
    expect(await waitGone(pid)).toBe(true);
  });

  it('is not started for help, a queue, another command, or with CLAUSEMAP_PRESTART=0', () => {
    for (const args of [['audit', '--help'], ['check', DOC, '--queue', 'redis://127.0.0.1:1'], ['terms'], ['serve']]) {
      prestart(['node', 'clausemap', ...args]);
      expect(prestartedPid(), args.join(' ')).toBeUndefined();
    }
    process.env.CLAUSEMAP_PRESTART = '0';
    try {
      prestart(['node', 'clausemap', 'extract', DOC]);
      expect(prestartedPid()).toBeUndefined();
    } finally {
      delete process.env.CLAUSEMAP_PRESTART;
    }
  });

  it('a command that ends before it needs a child ends at once and leaves none', async () => {
    const mark = `CLAUSEMAP_TEST_MARK_${process.pid}_${Date.now()}`;
    const t = Date.now();
    const r = spawnSync(process.execPath, [BIN, 'audit', path.join(tmp, 'absent'), '-q'], {
      encoding: 'utf8',
      env: { ...process.env, [mark]: '1', XDG_CACHE_HOME: path.join(tmp, 'cache') },
      timeout: 20_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/absent: no such file or folder/);
    expect(Date.now() - t).toBeLessThan(10_000);
    for (let i = 0; i < 100 && marked(mark).length; i++) await new Promise((res) => setTimeout(res, 50));
    expect(marked(mark)).toEqual([]);
  });

  it('gives the same JSON as a run without it', () => {
    const run = (env: Record<string, string>) =>
      execFileSync(process.execPath, [BIN, 'extract', DOC, '--no-db', '-q', '--format', 'json'], {
        encoding: 'utf8',
        env: { ...process.env, ...env },
      });
    const withIt = run({});
    expect(JSON.parse(withIt).documents?.[0]?.status ?? JSON.parse(withIt)[0]?.status).toBe('ok');
    expect(withIt).toBe(run({ CLAUSEMAP_PRESTART: '0' }));
  });
});
