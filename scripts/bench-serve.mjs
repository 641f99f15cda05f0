#!/usr/bin/env node
// Load on `clausemap serve`: C clients at once, each making its own portfolio and uploading F contracts
// (distinct CUAD texts from ../shared, or the fixture portfolio repeated when ../shared is not there), then
// waiting for its report. Printed, not asserted: whether every file was analysed (each upload in its
// portfolio's report exactly once), the wall time, and the peak resident memory of the server's process
// tree (the server and its analysis children), sampled from /proc every 100 ms.
//
//   node scripts/bench-serve.mjs                  # 20 clients x 10 contracts
//   node scripts/bench-serve.mjs --cuad-pdfs      # the 408 CUAD PDFs: uploaded (in requests of at most 200
//     files) until the portfolio's JSON report is given, against a cold `clausemap audit` of the same files,
//     both with --concurrency 2, in one run
//   node scripts/bench-serve.mjs --check         # the fixture portfolio, then 7 checks of the fixture draft
//     against it, one after the other, each made new (so read, not reused): the time of each (upload to answer)
//   options: --clients C  --files F  --keep
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { treeRssKb } from './bench-measure.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const CLIENTS = arg('clients', 20);
const FILES = arg('files', 10);
const KEEP = process.argv.includes('--keep');
const CUAD_PDFS = process.argv.includes('--cuad-pdfs');
const CHECK = process.argv.includes('--check');
const BIN = path.join(ROOT, 'bin', 'clausemap.js');

const CUAD = path.resolve(ROOT, '..', 'shared', 'corpus', 'cuad', 'txt');
const pool = existsSync(CUAD)
  ? readdirSync(CUAD)
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => path.join(CUAD, f))
  : readdirSync(path.join(ROOT, 'fixtures', 'portfolio'))
      .filter((f) => /\.(pdf|docx)$/.test(f))
      .map((f) => path.join(ROOT, 'fixtures', 'portfolio', f));

const data = mkdtempSync(path.join(tmpdir(), 'clausemap-bench-serve-'));

/** --cuad-pdfs: the CLI's cold audit of the 408 PDFs, timed here before the server starts. */
let cli;
const PDFS = path.resolve(ROOT, '..', 'shared', 'corpus', 'cuad', 'pdf');
if (CUAD_PDFS) {
  if (!existsSync(PDFS)) throw new Error(`--cuad-pdfs needs ${PDFS}`);
  const t = Date.now();
  const r = spawnSync(
    process.execPath,
    [
      BIN,
      'audit',
      PDFS,
      '--no-db',
      '-q',
      '--concurrency',
      '2',
      '--format',
      'json',
      '--fail-on',
      'none',
      '-o',
      path.join(data, 'cli.json'),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  cli = { ms: Date.now() - t, code: r.status, report: JSON.parse(readFileSync(path.join(data, 'cli.json'), 'utf8')) };
}

const server = spawn(
  process.execPath,
  [BIN, 'serve', '--data', path.join(data, 'serve'), ...(CUAD_PDFS ? ['--concurrency', '2'] : [])],
  {
    stdio: ['ignore', 'ignore', 'pipe'],
  },
);
const url = await new Promise((resolve, reject) => {
  let err = '';
  server.stderr.on('data', (d) => {
    err += d;
    const m = /serving at (\S+)/.exec(err);
    if (m) resolve(m[1]);
  });
  server.on('exit', (c) => reject(new Error(`serve exited ${c}: ${err}`)));
});
const u = new URL(url);
const token = u.searchParams.get('token');
const api = (p, init = {}) =>
  fetch(u.origin + p, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, treeRssKb(server.pid) / 1024)), 100);

/** A new portfolio's id. */
async function newPortfolio(name) {
  const r = await api('/api/portfolios', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  return (await r.json()).id;
}

/** Adds the files of `fd` to a portfolio; an upload the server refuses stops the benchmark. */
async function upload(id, fd, who = 'upload') {
  const up = await api(`/api/portfolios/${id}/files`, { method: 'POST', body: fd });
  if (up.status !== 201) throw new Error(`${who}: ${up.status} ${await up.text()}`);
}

/** Waits until every file of the portfolio is analysed and its report is ready. */
async function analysed(id, pollMs) {
  while (!(await (await api(`/api/portfolios/${id}/status`)).json()).done)
    await new Promise((r) => setTimeout(r, pollMs));
}

async function client(c) {
  const names = [];
  const fd = new FormData();
  for (let k = 0; k < FILES; k++) {
    const file = pool[(c * FILES + k) % pool.length];
    const name = `client-${c}-${k}-${path.basename(file)}`;
    names.push(name);
    fd.append('files', new Blob([readFileSync(file)]), name);
  }
  const id = await newPortfolio(`client ${c}`);
  await upload(id, fd, `client ${c}`);
  await analysed(id, 500);
  const report = await (await api(`/api/portfolios/${id}/report?format=json`)).json();
  const seen = report.documents.map((d) => d.file);
  return {
    missing: names.filter((n) => !seen.includes(n)).length,
    twice: seen.length - new Set(seen).size,
    extra: seen.filter((n) => !names.includes(n)).length,
    ok: report.documents.filter((d) => d.status === 'ok').length,
    documents: seen.length,
  };
}

/** --cuad-pdfs: one portfolio, the 408 PDFs uploaded in requests of at most 200 files, until its report. */
async function cuadPdfs() {
  const files = readdirSync(PDFS)
    .filter((f) => /\.pdf$/i.test(f))
    .sort();
  const id = await newPortfolio('CUAD PDFs');
  for (let i = 0; i < files.length; i += 200) {
    const fd = new FormData();
    for (const f of files.slice(i, i + 200)) fd.append('files', new Blob([readFileSync(path.join(PDFS, f))]), f);
    await upload(id, fd);
  }
  await analysed(id, 250);
  return { files, report: await (await api(`/api/portfolios/${id}/report?format=json`)).json() };
}

/** --check: the fixture portfolio analysed, then the fixture draft checked against it 7 times. */
async function checks() {
  const dir = path.join(ROOT, 'fixtures', 'portfolio');
  const fd = new FormData();
  for (const f of readdirSync(dir).filter((f) => /\.(pdf|docx)$/.test(f)))
    fd.append('files', new Blob([readFileSync(path.join(dir, f))]), f);
  const id = await newPortfolio('fixtures');
  await upload(id, fd);
  await analysed(id, 100);
  const draft = path.join(ROOT, 'fixtures', 'drafts', 'pinecrest-outdoor-consulting-draft.pdf');
  const times = [];
  let findings;
  for (let i = 0; i < 7; i++) {
    const body = new FormData();
    // a new draft each time (a comment after the PDF's end), so that none is taken from the term database
    body.append('files', new Blob([readFileSync(draft), `\n% draft ${i}\n`]), path.basename(draft));
    const t = performance.now();
    const r = await api(`/api/portfolios/${id}/check`, { method: 'POST', body });
    const report = await r.json();
    times.push(performance.now() - t);
    findings = report.findings?.length;
    await new Promise((r) => setTimeout(r, 300));
  }
  return { times, findings };
}

const t0 = Date.now();
if (CHECK) {
  const { times, findings } = await checks();
  clearInterval(sampler);
  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `clausemap serve: the fixture draft checked 7 times against the fixture portfolio (${findings} findings)`,
  );
  console.log(
    `  each: ${times.map((t) => `${(t / 1000).toFixed(2)} s`).join(', ')}; median ${(sorted[3] / 1000).toFixed(2)} s`,
  );
  console.log(`  peak RSS of the server and its children ${Math.round(peak)} MB`);
  if (!KEEP) rmSync(data, { recursive: true, force: true });
  process.exit(0);
}
if (CUAD_PDFS) {
  const { files, report } = await cuadPdfs();
  const ms = Date.now() - t0;
  clearInterval(sampler);
  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
  const strip = (r) => JSON.stringify({ ...r, generatedAt: undefined, inputs: undefined });
  const byName = (r) =>
    new Map(r.documents.map((d) => [path.basename(d.file), JSON.stringify({ ...d, file: undefined })]));
  const a = byName(cli.report);
  const b = byName(report);
  const sameDocs = [...a].filter(([k, v]) => b.get(k) === v).length;
  console.log(
    `clausemap serve: the ${files.length} CUAD PDFs uploaded through the API, against the CLI, --concurrency 2`,
  );
  console.log(
    `  CLI audit, cold: ${(cli.ms / 1000).toFixed(1)} s (exit ${cli.code}), ${cli.report.documents.length} documents, ${cli.report.findings.length} findings`,
  );
  console.log(
    `  upload to JSON report: ${(ms / 1000).toFixed(1)} s, ${report.documents.length} documents, ${report.findings.length} findings`,
  );
  console.log(`  time through the server against the CLI: ${(ms / cli.ms).toFixed(2)}x`);
  console.log(
    `  documents read the same as by the CLI (name aside): ${sameDocs} of ${a.size}; reports ${strip(cli.report) === strip(report) ? 'identical' : 'differ (paths and names)'}`,
  );
  console.log(`  peak RSS of the server and its children ${Math.round(peak)} MB`);
  if (!KEEP) rmSync(data, { recursive: true, force: true });
  process.exit(0);
}
const results = await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
const ms = Date.now() - t0;
clearInterval(sampler);
server.kill('SIGTERM');
await new Promise((r) => server.on('exit', r));
if (!KEEP) rmSync(data, { recursive: true, force: true });

const sum = (k) => results.reduce((s, r) => s + r[k], 0);
console.log(
  `clausemap serve: ${CLIENTS} clients x ${FILES} files at once (${existsSync(CUAD) ? 'CUAD texts' : 'fixtures'})`,
);
console.log(`  uploaded ${CLIENTS * FILES}, in the reports ${sum('documents')} (${sum('ok')} read)`);
console.log(`  lost ${sum('missing')}, twice ${sum('twice')}, not uploaded ${sum('extra')}`);
console.log(`  wall ${(ms / 1000).toFixed(1)} s, ${((CLIENTS * FILES) / (ms / 1000)).toFixed(2)} files/s`);
console.log(`  peak RSS of the server and its children ${Math.round(peak)} MB`);
if (KEEP) console.log(`  data folder kept: ${data}`);
