#!/usr/bin/env node
// Batch benchmark, all in one run so the figures share the machine's conditions:
//   1. pdftotext over the corpus PDFs, N at once (N = --concurrency, default the number of cores);
//   2. `clausemap audit --format json` over the same folder with an empty term database (cold);
//   3. the same command again (warm: everything comes from the database).
// Prints wall times, the ratio to pdftotext, pages per second and peak RSS (summed over the process tree,
// sampled from /proc every 100 ms). `--mode many` instead builds a batch of --count text documents
// (the CUAD texts copied under new names, each made unique so none is reused) and compares its peak RSS
// with a batch of the first 408 of them.
//
//   npm run bench:batch                      # 408 CUAD PDFs: pdftotext, cold, warm
//   npm run bench:batch -- --mode many       # 5,000 text documents against 408
//   options: --corpus DIR  --concurrency N  --count N  --command audit|extract (default audit)  --keep
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { comparableReport, makeBatch, measured, pdftotextAll, snapshot } from './bench-measure.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let BIN = path.join(ROOT, 'bin', 'clausemap.js');

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] && !process.argv[i + 1].startsWith('--') ? process.argv[i + 1] : fallback;
}
const flag = (name) => process.argv.includes(`--${name}`);

const MODE = arg('mode', 'pdf');
const N = Number(arg('concurrency', String(availableParallelism())));
const COMMAND = arg('command', 'audit');
const CUAD = path.resolve(ROOT, '..', 'shared', 'corpus', 'cuad');
const CORPUS = path.resolve(arg('corpus', path.join(CUAD, MODE === 'many' ? 'txt' : 'pdf')));
const COUNT = Number(arg('count', '5000'));

function pagesOf(reportFile) {
  const r = JSON.parse(readFileSync(reportFile, 'utf8'));
  const docs = r.documents ?? [];
  return {
    pages: docs.reduce((s, d) => s + (d.pages ?? 0), 0),
    documents: docs.length,
    failed: docs.filter((d) => d.status === 'error').length,
  };
}

async function clausemap(dir, out, db, label, command = COMMAND) {
  const args = [BIN, command, dir, '--format', 'json', '--out', out, '--db', db, '--quiet', '--concurrency', String(N)];
  const r = await measured(process.execPath, args);
  if ((r.code !== 0 && r.code !== 3 && r.code !== 1) || !existsSync(out)) {
    throw new Error(`${label}: clausemap exited with ${r.code ?? r.signal}\n${r.stderr}`);
  }
  return r;
}

const s = (ms) => (ms / 1000).toFixed(1);
const mb = (x) => Math.round(x);

function table(rows) {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  for (const r of rows) console.log(r.map((c, i) => String(c).padEnd(w[i])).join('  '));
}

async function pdfMode(work) {
  const files = readdirSync(CORPUS)
    .filter((f) => /\.pdf$/i.test(f))
    .sort()
    .map((f) => path.join(CORPUS, f));
  if (!files.length) throw new Error(`no PDFs in ${CORPUS}`);
  console.log(
    `corpus: ${CORPUS} (${files.length} PDFs), parallelism ${N}, command: clausemap ${COMMAND} --format json`,
  );
  const pt = await pdftotextAll(files, N);
  console.log(`pdftotext done in ${s(pt.ms)} s`);
  const db = path.join(work, 'terms.db');
  const cold = await clausemap(CORPUS, path.join(work, 'cold.json'), db, 'cold');
  console.log(`cold done in ${s(cold.ms)} s`);
  const warm = await clausemap(CORPUS, path.join(work, 'warm.json'), db, 'warm');
  console.log(`warm done in ${s(warm.ms)} s`);
  // the analysis alone, warm: what the batch machinery costs without the cross-contract checks and report
  const extract =
    COMMAND === 'extract'
      ? undefined
      : await clausemap(CORPUS, path.join(work, 'extract.json'), db, 'extract warm', 'extract');
  const { pages, documents, failed } = pagesOf(path.join(work, 'cold.json'));
  const findings = (JSON.parse(readFileSync(path.join(work, 'cold.json'), 'utf8')).findings ?? []).length;
  const same = comparableReport(path.join(work, 'cold.json')) === comparableReport(path.join(work, 'warm.json'));
  console.log('');
  table([
    ['run', 'wall s', 'ratio to pdftotext', 'pages/s', 'peak RSS MB'],
    [`pdftotext (${N} at once)`, s(pt.ms), '1.00', Math.round(pages / (pt.ms / 1000)), mb(pt.peakMb)],
    [
      'clausemap cold (empty db)',
      s(cold.ms),
      (cold.ms / pt.ms).toFixed(2),
      Math.round(pages / (cold.ms / 1000)),
      mb(cold.peakMb),
    ],
    [
      'clausemap warm (same db)',
      s(warm.ms),
      (warm.ms / pt.ms).toFixed(2),
      Math.round(pages / (warm.ms / 1000)),
      mb(warm.peakMb),
    ],
    ...(extract
      ? [
          [
            'clausemap extract, warm',
            s(extract.ms),
            (extract.ms / pt.ms).toFixed(2),
            Math.round(pages / (extract.ms / 1000)),
            mb(extract.peakMb),
          ],
        ]
      : []),
  ]);
  console.log('');
  console.log(
    `${documents} documents, ${pages} pages, ${failed} unreadable, ${findings} findings; warm/cold = ${((100 * warm.ms) / cold.ms).toFixed(1)} %; ` +
      `warm report ${same ? 'identical to' : 'DIFFERENT from'} cold (generatedAt aside)`,
  );
  return { pdftotext: pt, cold, warm, pages, documents, same };
}

/** How many findings a run kept in its term database (the report itself may be too large to parse here). */
function storedFindings(db) {
  const Database = createRequire(import.meta.url)('better-sqlite3');
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'stage_findings'").get().n
      ? d.prepare('SELECT count(*) AS n FROM stage_findings').get().n
      : 0;
  } finally {
    d.close();
  }
}

async function manyMode(work) {
  const small = 408;
  console.log(
    `texts from ${CORPUS}: batches of ${small} and ${COUNT} unique documents, parallelism ${N}, command: clausemap ${COMMAND} --format json`,
  );
  makeBatch(CORPUS, path.join(work, 'small'), small);
  makeBatch(CORPUS, path.join(work, 'large'), COUNT);
  const a = await clausemap(
    path.join(work, 'small'),
    path.join(work, 'small.json'),
    path.join(work, 'small.db'),
    'small',
  );
  console.log(`${small} done in ${s(a.ms)} s`);
  const b = await clausemap(
    path.join(work, 'large'),
    path.join(work, 'large.json'),
    path.join(work, 'large.db'),
    'large',
  );
  console.log(`${COUNT} done in ${s(b.ms)} s`);
  console.log('');
  const fa = COMMAND === 'audit' ? storedFindings(path.join(work, 'small.db')) : '-';
  const fb = COMMAND === 'audit' ? storedFindings(path.join(work, 'large.db')) : '-';
  table([
    ['batch', 'documents', 'findings', 'wall s', 'docs/s', 'peak RSS MB'],
    ['small', small, fa, s(a.ms), Math.round(small / (a.ms / 1000)), mb(a.peakMb)],
    ['large', COUNT, fb, s(b.ms), Math.round(COUNT / (b.ms / 1000)), mb(b.peakMb)],
  ]);
  console.log('');
  console.log(`peak RSS large/small = ${(b.peakMb / a.peakMb).toFixed(2)} (target ≤ 1.20)`);
  return { small: a, large: b };
}

const work = mkdtempSync(path.join(tmpdir(), 'clausemap-bench-'));
try {
  if (!existsSync(path.join(ROOT, 'dist', 'commands', 'cli.js')))
    throw new Error('dist/ is missing: run `npx tsc -p .` first');
  BIN = snapshot(ROOT, work);
  if (MODE === 'many') await manyMode(work);
  else await pdfMode(work);
} catch (e) {
  console.error(`bench-batch: ${e.message}`);
  process.exitCode = 1;
} finally {
  if (flag('keep')) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
