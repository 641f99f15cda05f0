#!/usr/bin/env node
// OCR benchmark: CUAD development PDFs turned into scans (each page rasterised with `pdftoppm -r 200
// -gray`, then put back together as a PDF of page images with no text layer), extracted with the built
// CLI (OCR on, --ocr auto), and scored with the shared scorer (../shared/eval/score-cuad.mjs) against the
// same contracts' labels, next to the text-layer PDFs of the same contracts. Prints document macro-F1 and
// attribute accuracy both ways, the OCR pace (pages per second per core) and the peak memory of the
// clausemap process tree (the CLI, its pool children and the OCR tools).
//
//   npm run bench:ocr [-- --limit N] [--concurrency N] [--keep]
//
//   --limit N        contracts to use (default 20): every k-th of the sorted CUAD PDFs, so that N of them
//                    spread over the whole list
//   --concurrency N  documents at once (default: the number of cores)
//   --keep           keep the temporary folder (scans and predictions) and print its path
//
// Run `npx tsc -p .` first: the CLI uses dist/.
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { treeRssKb } from './bench-measure.mjs';
import { imagePdf, pageCount, rasterise } from './make-scan-fixture.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(root, '../shared');
const corpus = path.join(shared, 'corpus/cuad');
const scorerPath = path.join(shared, 'eval/score-cuad.mjs');
const DPI = 200;

function fail(message) {
  console.error(`bench-ocr: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const a = { limit: 20, concurrency: os.availableParallelism(), keep: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--limit') a.limit = Number(argv[++i]);
    else if (k === '--concurrency') a.concurrency = Number(argv[++i]);
    else if (k === '--keep') a.keep = true;
    else {
      console.error(`bench-ocr: unknown option "${k}"; see the comment at the top of scripts/bench-ocr.mjs`);
      process.exit(2);
    }
  }
  for (const [k, v] of [
    ['--limit', a.limit],
    ['--concurrency', a.concurrency],
  ])
    if (!Number.isInteger(v) || v < 1) fail(`${k} takes a whole number of at least 1`);
  return a;
}

/** The CLI over a folder (no term database, so everything is read), timed, with its tree's peak memory. */
function extract(inputDir, outFile, concurrency) {
  const args = [
    path.join(root, 'bin/clausemap.js'),
    'extract',
    inputDir,
    '--format',
    'json',
    '--out',
    outFile,
    '--no-db',
    '--quiet',
    '--concurrency',
    String(concurrency),
    // OCR is slow: the per-document cap is raised so that every contract is read
    '--timeout',
    '3600',
  ];
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    let peak = 0;
    const poll = setInterval(() => (peak = Math.max(peak, treeRssKb(child.pid) / 1024)), 250);
    child.on('exit', (code) => {
      clearInterval(poll);
      if (code !== 0 && code !== 3) fail(`clausemap extract exited with code ${code}`);
      resolve({
        predictions: JSON.parse(readFileSync(outFile, 'utf8')),
        seconds: Number(process.hrtime.bigint() - t0) / 1e9,
        peakMb: Math.round(peak),
      });
    });
  });
}

/** Labels of the chosen contracts only (the text files linked), so unread contracts are not counted missing. */
function subsetCorpus(tmp, ids) {
  const dir = path.join(tmp, 'cuad-subset');
  mkdirSync(dir, { recursive: true });
  const keep = new Set(ids);
  const rows = readFileSync(path.join(corpus, 'labels.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .filter((l) => keep.has(JSON.parse(l).id));
  writeFileSync(path.join(dir, 'labels.jsonl'), rows.join('\n') + '\n');
  symlinkSync(path.join(corpus, 'txt'), path.join(dir, 'txt'));
  return dir;
}

function summary(score, scoreAttributes, corpusDir, predictions) {
  for (const d of predictions.documents)
    for (const c of d.clauses ?? []) {
      delete c.start; // offsets point into the PDF's text, not the .txt the span scores use
      delete c.end;
    }
  const s = score(corpusDir, predictions);
  const attrs = scoreAttributes(corpusDir, predictions);
  const scored = Object.values(attrs).reduce((n, r) => n + r.scored, 0);
  const right = Object.values(attrs).reduce((n, r) => n + r.right, 0);
  return { s, attrs, accuracy: scored ? right / scored : 0, scored, right };
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  if (!existsSync(scorerPath))
    fail(`the shared scorer is not at ${scorerPath}; the benchmark needs ../shared next to the repository`);
  if (!existsSync(path.join(root, 'dist/commands/cli.js'))) fail('dist/ is missing; build first with `npx tsc -p .`');
  const { score, scoreAttributes } = await import(pathToFileURL(scorerPath).href);
  const ids = new Set(
    readFileSync(path.join(corpus, 'labels.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).id),
  );
  const all = readdirSync(path.join(corpus, 'pdf'))
    .filter((f) => f.toLowerCase().endsWith('.pdf') && ids.has(f.slice(0, -4)))
    .sort();
  const n = Math.min(a.limit, all.length);
  const step = all.length / n;
  const chosen = Array.from({ length: n }, (_, i) => all[Math.floor(i * step)]);

  const tmp = mkdtempSync(path.join(os.tmpdir(), 'clausemap-bench-ocr-'));
  const textDir = path.join(tmp, 'text');
  const scanDir = path.join(tmp, 'scan');
  mkdirSync(textDir);
  mkdirSync(scanDir);
  let pages = 0;
  const t0 = Date.now();
  for (const f of chosen) {
    // a copy, not a link: clausemap does not follow links out of the folder it reads (LINK_OUTSIDE)
    copyFileSync(path.join(corpus, 'pdf', f), path.join(textDir, f));
    const src = path.join(corpus, 'pdf', f);
    const count = pageCount(src);
    pages += count;
    const one = function* () {
      for (let p = 1; p <= count; p++) yield* rasterise(src, DPI, { first: p, last: p });
    };
    writeFileSync(path.join(scanDir, f), await imagePdf(one(), DPI));
  }
  console.log(
    `${n} of ${all.length} CUAD PDFs (every ${step.toFixed(1)}th), ${pages} pages, made into scans at ${DPI} dpi in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );

  const corpusDir = subsetCorpus(
    tmp,
    chosen.map((f) => f.slice(0, -4)),
  );
  const text = await extract(textDir, path.join(tmp, 'text.json'), a.concurrency);
  const scan = await extract(scanDir, path.join(tmp, 'scan.json'), a.concurrency);
  const T = summary(score, scoreAttributes, corpusDir, text.predictions);
  const S = summary(score, scoreAttributes, corpusDir, scan.predictions);
  const failed = (p) =>
    p.documents.filter((d) => d.status !== 'ok').map((d) => `${path.basename(d.file)} ${d.error?.code}`);
  const ocrPages = scan.predictions.documents.flatMap((d) => d.warnings ?? []).filter((w) => w.code === 'OCR').length;

  const pct = (x) => (100 * x).toFixed(1).padStart(5);
  console.log('\nattribute                             text-layer    scan (OCR)');
  for (const label of Object.keys(T.attrs))
    console.log(
      `  ${label.padEnd(34)} ${pct(T.attrs[label].accuracy)}% (${T.attrs[label].scored})  ${pct(S.attrs[label].accuracy)}% (${S.attrs[label].scored})`,
    );
  console.log(`\n                                     text-layer    scan (OCR)   difference`);
  console.log(
    `document macro-F1                    ${pct(T.s.macroF1)}%       ${pct(S.s.macroF1)}%      ${pct(S.s.macroF1 - T.s.macroF1)}`,
  );
  console.log(
    `core macro-F1                        ${pct(T.s.coreMacroF1)}%       ${pct(S.s.coreMacroF1)}%      ${pct(S.s.coreMacroF1 - T.s.coreMacroF1)}`,
  );
  console.log(
    `attribute accuracy (all values)      ${pct(T.accuracy)}%       ${pct(S.accuracy)}%      ${pct(S.accuracy - T.accuracy)}   (${T.right}/${T.scored} vs ${S.right}/${S.scored})`,
  );
  console.log(
    `failed                               ${failed(text.predictions).length}            ${failed(scan.predictions).length}`,
  );
  for (const f of failed(scan.predictions)) console.log(`  scan failed: ${f}`);
  console.log(
    `\nOCR: ${pages} pages of ${n} documents (${ocrPages} read by OCR) in ${scan.seconds.toFixed(0)} s with --concurrency ${a.concurrency}: ${(pages / scan.seconds / a.concurrency).toFixed(3)} pages/s per core; peak RSS of the process tree ${scan.peakMb} MB`,
  );
  console.log(`text-layer PDFs: ${text.seconds.toFixed(1)} s, peak RSS ${text.peakMb} MB`);
  if (a.keep) console.log(`kept: ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}

main().catch((e) => fail(e?.stack ?? String(e)));
