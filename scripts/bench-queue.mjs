#!/usr/bin/env node
// Queue benchmark, all in one run so the figures share the machine's conditions (printed, not asserted):
// the same CUAD text contracts (default 60) through
//   1. a local run, --concurrency 1, then --concurrency 2;
//   2. a run given --queue with one `clausemap worker --concurrency 1`, then with two of them;
// each cold (--no-db), timed from the run's start to its end (the workers are started and ready
// before). Documents per second, the ratio of two workers to one, and of the queue to the local pool.
// A private redis-server on a free loopback port (no file written) is started and stopped.
//
//   npm run bench:queue                 # 60 texts
//   options: --files N  --keep (leave the work folder)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'clausemap.js');
const TXT = path.resolve(ROOT, '..', 'shared', 'corpus', 'cuad', 'txt');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] && !process.argv[i + 1].startsWith('--') ? process.argv[i + 1] : fallback;
}
const FILES = Number(arg('files', '60'));
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) {
  console.log('bench:queue needs redis-server (scripts/setup.sh installs it).');
  process.exit(0);
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** A worker process, resolved once it says it is taking documents. */
function worker(url) {
  const p = spawn(process.execPath, [BIN, 'worker', '--queue', url, '--concurrency', '1'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let said = '';
    p.stderr.on('data', (d) => {
      said += d;
      if (said.includes('taking documents')) resolve(p);
    });
    p.once('exit', (code) => reject(new Error(`worker exited (${code}): ${said}`)));
  });
}
const stop = (p) =>
  new Promise((resolve) => {
    if (p.exitCode !== null || p.signalCode !== null) return resolve();
    p.once('exit', resolve);
    p.kill('SIGTERM');
  });

/** Wall time of one cold extract of `dir` (exit 0 or 3: the run finished). */
function timed(dir, extra) {
  const t = process.hrtime.bigint();
  try {
    execFileSync(process.execPath, [BIN, 'extract', dir, '--no-db', '-q', '--format', 'json', ...extra], {
      stdio: ['ignore', 'ignore', 'inherit'],
      maxBuffer: 1 << 30,
    });
  } catch (e) {
    if (e.status !== 3) throw e;
  }
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const work = mkdtempSync(path.join(tmpdir(), 'clausemap-bench-queue-'));
const port = await freePort();
const redis = spawn(
  'redis-server',
  ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'],
  { stdio: 'ignore' },
);
const url = `redis://127.0.0.1:${port}`;
try {
  const names = readdirSync(TXT)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .slice(0, FILES);
  for (const f of names) copyFileSync(path.join(TXT, f), path.join(work, f));
  await new Promise((r) => setTimeout(r, 300));
  console.log(`bench:queue: ${names.length} CUAD texts; load average before: ${load()}`);
  timed(work, ['--concurrency', '1']); // warm-up, not counted: the file cache and the build
  const rows = [];
  const row = (what, ms) => {
    rows.push({ what, ms });
    console.log(
      `  ${what.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${((names.length * 1000) / ms).toFixed(2).padStart(6)} documents/s`,
    );
  };
  row('local, --concurrency 1', timed(work, ['--concurrency', '1']));
  row('local, --concurrency 2', timed(work, ['--concurrency', '2']));
  for (const n of [1, 2]) {
    const ws = [];
    for (let i = 0; i < n; i++) ws.push(await worker(url));
    try {
      row(`queue, ${n} worker${n > 1 ? 's' : ''} of concurrency 1`, timed(work, ['--queue', url]));
    } finally {
      await Promise.all(ws.map(stop));
    }
  }
  const [l1, l2, q1, q2] = rows.map((r) => r.ms);
  console.log(`  two workers against one: ${(q1 / q2).toFixed(2)}x the documents per second`);
  console.log(`  queue against local: ${(l1 / q1).toFixed(2)}x with one reader, ${(l2 / q2).toFixed(2)}x with two`);
  console.log(`load average after: ${load()} (a shared machine: compare only figures of one run)`);
} finally {
  redis.kill('SIGKILL');
  if (!process.argv.includes('--keep')) rmSync(work, { recursive: true, force: true });
}
