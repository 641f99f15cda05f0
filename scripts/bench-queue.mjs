#!/usr/bin/env node
// Queue benchmark, all in one run so the figures share the machine's conditions (printed, not asserted):
// the same CUAD contracts (default 60 texts; --pdf: their PDFs) through
//   1. a local run, --concurrency 1, then --concurrency 2;
//   2. a run given --queue with one `clausemap worker --concurrency 1`, then with two of them;
// each cold (--no-db), timed from the run's start to its end (the workers are started and ready
// before). Documents per second, the ratio of two workers to one, and of the queue to the local pool.
// A private redis-server on a free loopback port (no file written) is started and stopped.
//
//   npm run bench:queue                 # 60 texts
//   npm run bench:queue -- --pdf --files 408 --audit   # the 408 PDFs, audited to JSON
//   npm run bench:queue -- --many 20000   # 20,000 unique texts (CUAD texts copied, a line added to each)
//     through two workers only: the coordinator's and Redis's peak RSS
//   options: --files N  --pdf  --audit (`audit --format json` instead of `extract`; the JSON of the local run
//   with two readers and of the queue with two workers are compared, generatedAt aside)  --keep
//   (leave the work folder)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, createReadStream, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import readline from 'node:readline';
import net from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { comparableReport, makeBatch, measured, rssKb } from './bench-measure.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'clausemap.js');
const PDF = process.argv.includes('--pdf');
const AUDIT = process.argv.includes('--audit');
const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus', 'cuad', PDF ? 'pdf' : 'txt');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] && !process.argv[i + 1].startsWith('--') ? process.argv[i + 1] : fallback;
}
const FILES = Number(arg('files', '60'));
const MANY = Number(arg('many', '0'));
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

let outputs = 0;
/** Wall time of one cold extract (or audit) of `dir` (exit 0, 1 or 3: the run finished); its JSON in `out`. */
function timed(dir, extra, out = path.join(work, `out-${outputs++}.json`)) {
  const t = process.hrtime.bigint();
  try {
    const cmd = AUDIT ? ['audit', dir, '--fail-on', 'none'] : ['extract', dir];
    execFileSync(process.execPath, [BIN, ...cmd, '--no-db', '-q', '--format', 'json', '-o', out, ...extra], {
      stdio: ['ignore', 'ignore', 'inherit'],
      maxBuffer: 1 << 30,
    });
  } catch (e) {
    if (e.status !== 3 && e.status !== 1) throw e;
  }
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return Object.assign(ms, { out });
}

const work = mkdtempSync(path.join(tmpdir(), 'clausemap-bench-queue-'));
const docs = path.join(work, 'contracts');
mkdirSync(docs);
const port = await freePort();
const redis = spawn(
  'redis-server',
  ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'],
  { stdio: 'ignore' },
);
const url = `redis://127.0.0.1:${port}`;
/** --many: one run of `count` unique texts through two workers; peak RSS of the coordinator's process tree
 *  and of redis-server, sampled every 100 ms. */
async function many(count) {
  makeBatch(CORPUS, docs, count);
  console.log(`bench:queue --many: ${count} unique texts, extract --format json; load average before: ${load()}`);
  const ws = [await worker(url), await worker(url)];
  let redisPeakKb = 0;
  const timer = setInterval(() => {
    redisPeakKb = Math.max(redisPeakKb, rssKb(redis.pid));
  }, 100);
  try {
    const out = path.join(work, 'many.json');
    const r = await measured(process.execPath, [
      BIN,
      'extract',
      docs,
      '--no-db',
      '-q',
      '--format',
      'json',
      '-o',
      out,
      '--queue',
      url,
    ]);
    if (r.code !== 0 && r.code !== 3) throw new Error(`the run exited with ${r.code ?? r.signal}: ${r.stderr}`);
    // the report may exceed a string's size: count its documents line by line
    const status = {};
    for await (const line of readline.createInterface({ input: createReadStream(out) })) {
      const m = /^ {6}"status": "(\w+)"/.exec(line);
      if (m) status[m[1]] = (status[m[1]] ?? 0) + 1;
    }
    console.log(
      `  ${count} documents through two workers of concurrency 1: ${(r.ms / 1000).toFixed(1)} s, ${((count * 1000) / r.ms).toFixed(2)} documents/s, exit ${r.code}`,
    );
    console.log(
      `  documents in the JSON by status: ${JSON.stringify(status)}; report ${Math.round(statSync(out).size / 2 ** 20)} MB`,
    );
    console.log(
      `  peak RSS: coordinator ${Math.round(r.peakMb)} MB, redis-server ${Math.round(redisPeakKb / 1024)} MB`,
    );
  } finally {
    clearInterval(timer);
    await Promise.all(ws.map(stop));
  }
  console.log(`load average after: ${load()}`);
}

try {
  if (MANY) await many(MANY);
  else await compare();
} finally {
  redis.kill('SIGKILL');
  if (!process.argv.includes('--keep')) rmSync(work, { recursive: true, force: true });
}

/** The four runs on the same files: local with one and two readers, the queue with one and two workers. */
async function compare() {
  const names = readdirSync(CORPUS)
    .filter((f) => f.toLowerCase().endsWith(PDF ? '.pdf' : '.txt'))
    .sort()
    .slice(0, FILES);
  for (const f of names) copyFileSync(path.join(CORPUS, f), path.join(docs, f));
  await new Promise((r) => setTimeout(r, 300));
  console.log(
    `bench:queue: ${names.length} CUAD ${PDF ? 'PDFs' : 'texts'}, ${AUDIT ? 'audit' : 'extract'} --format json; load average before: ${load()}`,
  );
  timed(docs, ['--concurrency', '1']); // warm-up, not counted: the file cache and the build
  const rows = [];
  const row = (what, ms) => {
    rows.push({ what, ms, out: ms.out });
    console.log(
      `  ${what.padEnd(34)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${((names.length * 1000) / ms).toFixed(2).padStart(6)} documents/s`,
    );
  };
  row('local, --concurrency 1', timed(docs, ['--concurrency', '1']));
  row('local, --concurrency 2', timed(docs, ['--concurrency', '2']));
  for (const n of [1, 2]) {
    const ws = [];
    for (let i = 0; i < n; i++) ws.push(await worker(url));
    try {
      row(`queue, ${n} worker${n > 1 ? 's' : ''} of concurrency 1`, timed(docs, ['--queue', url]));
    } finally {
      await Promise.all(ws.map(stop));
    }
  }
  const [l1, l2, q1, q2] = rows.map((r) => r.ms);
  console.log(`  two workers against one: ${(q1 / q2).toFixed(2)}x the documents per second`);
  console.log(`  queue against local: ${(l1 / q1).toFixed(2)}x with one reader, ${(l2 / q2).toFixed(2)}x with two`);
  console.log(`  time of the queue with two workers against local with two readers: ${(q2 / l2).toFixed(2)}x`);
  const same = comparableReport(rows[1].out) === comparableReport(rows[3].out);
  console.log(
    `  JSON of the queue with two workers ${same ? 'is' : 'is NOT'} byte-identical to the local run's, generatedAt aside`,
  );
  console.log(`load average after: ${load()} (a shared machine: compare only figures of one run)`);
}
