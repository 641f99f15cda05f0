// The queue end to end: a private redis-server, `clausemap worker` processes of a frozen copy of the
// package, and runs given --queue. Skipped, with one line, where redis-server is not installed.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeTemp, ROOT, runCli, snapshotPackage, tempDir } from './batch-helpers.js';
import {
  HAS_REDIS,
  startRedis,
  startWorker,
  withoutTime,
  writeShortContract,
  writeSlowContract,
  type TestRedis,
} from './queue-helpers.js';

if (!HAS_REDIS) console.log('queue tests skipped: redis-server is not installed (scripts/setup.sh installs it)');

const PORTFOLIO = path.join(ROOT, 'fixtures', 'portfolio');
const DOCX = path.join(PORTFOLIO, '01-harbor-lane-logistics.docx');
const PDF = path.join(PORTFOLIO, '02-brightwater-health-msa.pdf');

interface Doc {
  file: string;
  status: string;
  error?: { code: string; message: string };
  clauses: unknown[];
}
const documents = (json: string): Doc[] => (JSON.parse(json) as { documents: Doc[] }).documents;
const readings = (log: string, name: string): number =>
  log.split('\n').filter((l) => l.includes('reading ') && l.includes(name)).length;

describe.skipIf(!HAS_REDIS)('documents through a Redis queue', () => {
  let bin = '';
  let redis: TestRedis;
  beforeAll(async () => {
    bin = snapshotPackage();
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
    removeTemp();
  });

  it('gives the same JSON report as a local run, apart from the time it was written', async () => {
    const w = await startWorker(bin, redis.url, ['--concurrency', '1']);
    try {
      const args = ['audit', PORTFOLIO, '--format', 'json', '--no-db', '-q'];
      const [queued, local] = await Promise.all([runCli(bin, [...args, '--queue', redis.url]), runCli(bin, args)]);
      expect(queued.stderr).toBe(local.stderr);
      expect(queued.code).toBe(local.code);
      expect(withoutTime(queued.stdout)).toEqual(withoutTime(local.stdout));
      expect(documents(queued.stdout).length).toBe(6);
      // every document was read by the worker, none by the run
      expect(
        w
          .log()
          .split('\n')
          .filter((l) => l.includes('reading ')).length,
      ).toBe(6);
    } finally {
      await w.stop();
    }
  });

  it('gives a document whose worker was killed mid-read to another worker, and counts it once', async () => {
    const dir = tempDir('queue-killed');
    writeSlowContract(path.join(dir, 'slow.txt'));
    copyFileSync(DOCX, path.join(dir, 'a.docx'));
    const lock = ['--concurrency', '1', '--lock-timeout', '1'];
    const first = await startWorker(bin, redis.url, lock);
    const run = runCli(bin, ['extract', dir, '--format', 'json', '--no-db', '-q', '--queue', redis.url]);
    await first.waitFor(/reading "[^"]*slow\.txt"/);
    await first.stop('SIGKILL');
    const second = await startWorker(bin, redis.url, lock);
    try {
      const r = await run;
      expect(r.code).toBe(0);
      const docs = documents(r.stdout);
      expect(docs.map((d) => [path.basename(d.file), d.status])).toEqual([
        ['a.docx', 'ok'],
        ['slow.txt', 'ok'],
      ]);
      expect(docs[1]!.clauses.length).toBeGreaterThan(0);
      expect(second.log()).toMatch(/ok "[^"]*slow\.txt"/);
      expect(readings(second.log(), 'slow.txt')).toBe(1);
    } finally {
      await second.stop();
    }
  });

  it('fails a document killed at a cap on every attempt with TOO_COMPLEX, and the batch goes on', async () => {
    const dir = tempDir('queue-poison');
    writeSlowContract(path.join(dir, 'slow.txt'), 200);
    writeShortContract(path.join(dir, 'a.txt'));
    const w = await startWorker(bin, redis.url, ['--concurrency', '1']);
    try {
      const r = await runCli(bin, [
        'extract',
        dir,
        '--format',
        'json',
        '--no-db',
        '-q',
        '--timeout',
        '2',
        '--queue',
        redis.url,
      ]);
      expect(r.code).toBe(3);
      const docs = documents(r.stdout);
      expect(docs[0]).toMatchObject({ status: 'ok' });
      expect(docs[1]).toMatchObject({ status: 'error', error: { code: 'TOO_COMPLEX' } });
      expect(docs[1]!.error!.message).toMatch(/slow\.txt: file too complex: .*still reading after 2 s/);
      expect(readings(w.log(), 'slow.txt'), w.log()).toBe(3);
      expect(r.stderr).toMatch(/\[TOO_COMPLEX\]/);
    } finally {
      await w.stop();
    }
  });

  it('reads identical files once, each listed under its own name', async () => {
    const dir = tempDir('queue-dupes');
    copyFileSync(DOCX, path.join(dir, 'a.docx'));
    copyFileSync(DOCX, path.join(dir, 'b.docx'));
    copyFileSync(PDF, path.join(dir, 'c.pdf'));
    const w = await startWorker(bin, redis.url, ['--concurrency', '2']);
    try {
      const args = ['extract', dir, '--format', 'json', '--no-db', '-q'];
      const [queued, local] = await Promise.all([runCli(bin, [...args, '--queue', redis.url]), runCli(bin, args)]);
      expect(queued.code).toBe(0);
      expect(JSON.parse(queued.stdout)).toEqual(JSON.parse(local.stdout));
      expect(documents(queued.stdout).map((d) => path.basename(d.file))).toEqual(['a.docx', 'b.docx', 'c.pdf']);
      expect(readings(w.log(), 'a.docx') + readings(w.log(), 'b.docx')).toBe(1);
      expect(readings(w.log(), 'c.pdf')).toBe(1);
    } finally {
      await w.stop();
    }
  });

  it('drops the waiting documents of a run stopped with Ctrl-C: no worker reads them', async () => {
    const run = spawn(process.execPath, [bin, 'extract', PORTFOLIO, '--no-db', '--queue', redis.url], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let said = '';
    run.stderr.on('data', (d: Buffer) => {
      said += d.toString('utf8');
    });
    // the run says no worker listens, then sends its documents
    await expect.poll(() => said, { timeout: 30_000 }).toMatch(/no worker is listening/);
    await new Promise((r) => setTimeout(r, 1500));
    const exited = new Promise<number | null>((resolve) => run.once('exit', (code) => resolve(code)));
    run.kill('SIGINT');
    expect(await exited).toBe(130);
    const w = await startWorker(bin, redis.url, ['--concurrency', '2']);
    try {
      await w.waitFor(/skipped "[^"]*06-sable-quay-media\.docx": its run has stopped/);
      expect(w.log()).not.toMatch(/reading /);
    } finally {
      await w.stop();
    }
  });

  it('finishes a run whose Redis was restarted mid-document (Redis keeping its data)', async () => {
    const dir = tempDir('queue-restart');
    mkdirSync(path.join(dir, 'redis'));
    mkdirSync(path.join(dir, 'in'));
    writeSlowContract(path.join(dir, 'in', 'slow.txt'));
    writeShortContract(path.join(dir, 'in', 'a.txt'));
    let kept = await startRedis(path.join(dir, 'redis'));
    const w = await startWorker(bin, kept.url, ['--concurrency', '1']);
    try {
      const run = runCli(bin, [
        'extract',
        path.join(dir, 'in'),
        '--format',
        'json',
        '--no-db',
        '-q',
        '--queue',
        kept.url,
      ]);
      await w.waitFor(/reading "[^"]*slow\.txt"/);
      await kept.stop();
      kept = await startRedis(path.join(dir, 'redis'), kept.port);
      const r = await run;
      expect(r.stderr).toBe('');
      expect(documents(r.stdout).map((d) => [path.basename(d.file), d.status])).toEqual([
        ['a.txt', 'ok'],
        ['slow.txt', 'ok'],
      ]);
      // the worker goes on taking documents over its new connections
      const again = await runCli(bin, ['extract', path.join(dir, 'in', 'a.txt'), '--no-db', '-q', '--queue', kept.url]);
      expect(again.stderr).toBe('');
      expect(again.code).toBe(0);
    } finally {
      await w.stop();
      await kept.stop();
    }
  });

  it('refuses an address that is not Redis, or where no Redis answers, before reading anything', async () => {
    const notRedis = await runCli(bin, ['extract', DOCX, '--no-db', '--queue', 'http://127.0.0.1:1']);
    expect(notRedis.code).toBe(2);
    expect(notRedis.stderr).toMatch(
      /^clausemap: --queue http:\/\/127\.0\.0\.1:1: not a Redis address; give redis:\/\/HOST:PORT/,
    );
    const nobody = await runCli(bin, ['extract', DOCX, '--no-db'], { CLAUSEMAP_QUEUE: 'redis://127.0.0.1:1' });
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toMatch(/redis:\/\/127\.0\.0\.1:1: no Redis answers there .*start redis-server there/);
    expect(nobody.stdout).toBe('');
  });
});
