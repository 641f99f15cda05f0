#!/usr/bin/env node
// Speed benchmark, all in one run so the figures share the machine's conditions (printed, not asserted):
//   1. `clausemap --version` (the floor: node and the command line);
//   2. `extract` of one 10-page CUAD text contract, cold (an empty term database each time);
//   3. `audit fixtures/portfolio --format json`, cold;
//   4. the CUAD development PDFs: pdftotext N at once, then a cold `audit --format json --concurrency N`
//      of the same files, and the ratio;
//   5. `audit` of the CUAD texts as one portfolio, `--format pdf`, cold (the large printed report);
//   6. a CPU profile (node --cpu-prof, the CLI and its children) of 2 and 3: where the time goes.
// Wall times are medians of --runs runs (default 5) for 1 to 3; peak RSS is summed over the process tree.
// It runs a frozen copy of the built package, after one uncounted run (which keeps the checked rules).
// The load average before and after is printed: on a shared machine only figures of one run compare.
//
//   npm run bench:speed                 # everything (about 5 minutes on an idle 2-core machine)
//   npm run bench:speed -- --quick      # 40 PDFs and 60 texts instead of 408, 3 runs
//   options: --runs N  --concurrency N (default 2)  --keep (leave the work folder)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measured, pdftotextAll, snapshot } from './bench-measure.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let BIN = path.join(ROOT, 'bin', 'clausemap.js');
const CUAD = path.resolve(ROOT, '..', 'shared', 'corpus', 'cuad');
const TEN_PAGES = 'AlliedEsportsEntertainmentInc_20190815_8-K_EX-10.34_11788308_EX-10.34_Sponsorship Agreement';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] && !process.argv[i + 1].startsWith('--') ? process.argv[i + 1] : fallback;
}
const flag = (name) => process.argv.includes(`--${name}`);
const QUICK = flag('quick');
const RUNS = Number(arg('runs', QUICK ? '3' : '5'));
const N = Number(arg('concurrency', '2'));
const SUBSET = { pdf: QUICK ? 40 : Infinity, txt: QUICK ? 60 : Infinity };

const s = (ms) => (ms / 1000).toFixed(2);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let work;
let dbCount = 0;
const freshDb = () => path.join(work, `terms-${++dbCount}.db`);

/** A clausemap command, its exit code checked (0, 1 and 3 are runs that finished). */
async function clausemap(args, label, nodeArgs = []) {
  const r = await measured(process.execPath, [...nodeArgs, BIN, ...args]);
  if (r.code !== 0 && r.code !== 1 && r.code !== 3)
    throw new Error(`${label}: clausemap exited with ${r.code ?? r.signal}\n${r.stderr}`);
  return r;
}

/** `runs` runs of a command; the median wall time and the highest peak. */
async function repeated(label, args) {
  const rs = [];
  for (let i = 0; i < RUNS; i++) rs.push(await clausemap(args(), label));
  const ms = rs.map((r) => r.ms);
  return {
    label,
    ms: median(ms),
    min: Math.min(...ms),
    max: Math.max(...ms),
    peakMb: Math.max(...rs.map((r) => r.peakMb)),
  };
}

/** The first `n` files of `dir` with this extension: `dir` itself for all of them, else a copy of those. */
function subset(dir, ext, n) {
  const files = readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith(ext))
    .sort()
    .slice(0, n);
  if (n === Infinity) return { dir, files: files.map((f) => path.join(dir, f)) };
  const to = path.join(work, `subset-${ext.slice(1)}`);
  mkdirSync(to);
  for (const f of files) cpSync(path.join(dir, f), path.join(to, f));
  return { dir: to, files: files.map((f) => path.join(to, f)) };
}

// ---- CPU profile summary -------------------------------------------------------------------------------

/** Self time of one profile, grouped by where the code lives (a file of dist/, a package, node, the engine). */
function profileSummary(file) {
  const p = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const groups = new Map();
  let busy = 0;
  p.samples.forEach((id, i) => {
    const t = p.timeDeltas[i] ?? 0;
    const cf = byId.get(id).callFrame;
    const where =
      cf.url.replace(/^.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\/.*$/, '$1').replace(/^.*\/dist\//, 'dist/') ||
      cf.functionName ||
      '(engine)';
    if (where !== '(idle)') busy += t;
    groups.set(where, (groups.get(where) ?? 0) + t);
  });
  return { wallMs: (p.endTime - p.startTime) / 1000, busyMs: busy / 1000, groups };
}

function printProfiles(label, dir) {
  console.log(`\n${label}: CPU profile (self time, ms)`);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => {
      const p = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
      return { f: path.join(dir, f), start: p.startTime };
    })
    .sort((a, b) => a.start - b.start);
  const t0 = files[0]?.start ?? 0;
  files.forEach(({ f, start }, i) => {
    const sum = profileSummary(f);
    const top = [...sum.groups]
      .filter(([k]) => k !== '(idle)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([k, v]) => `${k} ${Math.round(v / 1000)}`)
      .join(', ');
    console.log(
      `  ${i === 0 ? 'CLI  ' : `child${i}`} from +${Math.round((start - t0) / 1000)} ms, ${Math.round(sum.wallMs)} ms wall, ${Math.round(sum.busyMs)} ms busy: ${top}`,
    );
  });
}

// ---- the run -------------------------------------------------------------------------------------------

async function main() {
  work = mkdtempSync(path.join(tmpdir(), 'clausemap-bench-speed-'));
  // a frozen copy of the build: a rebuild during the run cannot change what is measured
  BIN = snapshot(ROOT, work);
  const loadBefore = load();
  console.log(`clausemap speed benchmark${QUICK ? ' (--quick)' : ''}; ${RUNS} runs each for the small commands`);
  console.log(`load average before: ${loadBefore} (1, 5, 15 min)\n`);
  const text = path.join(CUAD, 'txt', `${TEN_PAGES}.txt`);
  const fixtures = path.join(ROOT, 'fixtures', 'portfolio');

  // one run first, not counted: the copy's first process keeps the checked rules (dist/.cache), as any
  // installation's first run does
  await clausemap(['audit', fixtures, '--format', 'json', '--no-db', '-q'], 'warm-up');
  const small = [
    await repeated('clausemap --version', () => ['--version']),
    await repeated('extract, one 10-page text, cold', () => ['extract', text, '--db', freshDb(), '-q']),
    await repeated('audit fixtures (6 files) --format json, cold', () => [
      'audit',
      fixtures,
      '--format',
      'json',
      '--db',
      freshDb(),
      '-q',
    ]),
  ];
  for (const r of small)
    console.log(
      `${r.label.padEnd(48)} ${s(r.ms)} s (median; ${s(r.min)} to ${s(r.max)}), peak RSS ${Math.round(r.peakMb)} MB`,
    );

  const pdfs = subset(path.join(CUAD, 'pdf'), '.pdf', SUBSET.pdf);
  console.log(`\n${pdfs.files.length} CUAD PDFs, ${N} at once:`);
  const pt = await pdftotextAll(pdfs.files, N);
  console.log(`  pdftotext                                      ${s(pt.ms)} s, peak RSS ${Math.round(pt.peakMb)} MB`);
  const cold = await clausemap(
    [
      'audit',
      pdfs.dir,
      '--format',
      'json',
      '--out',
      path.join(work, 'pdfs.json'),
      '--db',
      freshDb(),
      '-q',
      '--concurrency',
      String(N),
    ],
    'cold audit',
  );
  const report = JSON.parse(readFileSync(path.join(work, 'pdfs.json'), 'utf8'));
  const pages = report.documents.reduce((n, d) => n + (d.pages ?? 0), 0);
  console.log(
    `  clausemap audit --format json, cold            ${s(cold.ms)} s, peak RSS ${Math.round(cold.peakMb)} MB (${report.documents.length} documents, ${pages} pages)`,
  );
  console.log(`  ratio to pdftotext                             ${(cold.ms / pt.ms).toFixed(2)}`);

  const txts = subset(path.join(CUAD, 'txt'), '.txt', SUBSET.txt);
  const pdfOut = path.join(work, 'texts.pdf');
  const big = await clausemap(
    ['audit', txts.dir, '--format', 'pdf', '--out', pdfOut, '--db', freshDb(), '-q', '--concurrency', String(N)],
    'pdf report',
  );
  let printed = 'no PDF written';
  try {
    const info = execFileSync('pdfinfo', [pdfOut], { encoding: 'utf8' });
    printed = `${/Pages:\s+(\d+)/.exec(info)?.[1]} pages, ${(readFileSync(pdfOut).length / 1e6).toFixed(1)} MB`;
  } catch {
    // pdfinfo missing or no file: said as it is
  }
  console.log(
    `\naudit of ${txts.files.length} CUAD texts --format pdf, cold    ${s(big.ms)} s, peak RSS ${Math.round(big.peakMb)} MB (${printed})`,
  );

  for (const [label, args] of [
    ['extract, one 10-page text, cold', ['extract', text, '--db', freshDb(), '-q']],
    ['audit fixtures --format json, cold', ['audit', fixtures, '--format', 'json', '--db', freshDb(), '-q']],
  ]) {
    const dir = path.join(work, `profile-${++dbCount}`);
    await clausemap(args, label, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
    printProfiles(label, dir);
  }

  console.log(`\nload average after: ${load()} (before: ${loadBefore})`);
  if (flag('keep')) console.log(`work folder kept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  if (work && !flag('keep')) rmSync(work, { recursive: true, force: true });
  process.exitCode = 1;
});
