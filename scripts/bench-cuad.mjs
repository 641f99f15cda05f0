#!/usr/bin/env node
// CUAD benchmark: extracts the CUAD development split with the built CLI, scores the output with the
// shared scorer (../shared/eval/score-cuad.mjs, imported as is) and prints its table, the attribute
// accuracies and the throughput.
//
//   npm run bench:cuad [-- --pdf] [--split all|even|odd] [--in-process] [--concurrency N] [--keep]
//
//   --pdf          extract the original PDFs instead of the text files (document-level figures only:
//                  offsets then point into the PDF's text, not the .txt the span scores are measured on)
//   --split        score all contracts (default), or only those whose position in the sorted label file
//                  is even / odd (a held-out check when rules were tuned on one half)
//   --in-process   extract in this process, one document after another, without the worker pool
//                  (measures the extractor alone; the default measures the CLI end to end)
//   --keep         keep the temporary folder with the predictions and print its path
//
// Run `npx tsc -p .` first: the CLI and the in-process mode use dist/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(root, '../shared');
const corpus = path.join(shared, 'corpus/cuad');
const scorerPath = path.join(shared, 'eval/score-cuad.mjs');

function parseArgs(argv) {
  const a = { pdf: false, split: 'all', inProcess: false, keep: false, concurrency: undefined };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--pdf') a.pdf = true;
    else if (k === '--in-process') a.inProcess = true;
    else if (k === '--keep') a.keep = true;
    else if (k === '--split') a.split = argv[++i];
    else if (k === '--concurrency') a.concurrency = argv[++i];
    else {
      console.error(`bench-cuad: unknown option "${k}"; see the comment at the top of scripts/bench-cuad.mjs`);
      process.exit(2);
    }
  }
  if (!['all', 'even', 'odd'].includes(a.split)) {
    console.error(`bench-cuad: --split takes all, even or odd, not "${a.split}"`);
    process.exit(2);
  }
  return a;
}

function fail(message) {
  console.error(`bench-cuad: ${message}`);
  process.exit(1);
}

/** The CLI, end to end (worker pool, no term database so every run measures extraction). */
function extractWithCli(inputDir, outFile, concurrency) {
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
  ];
  if (concurrency) args.push('--concurrency', String(concurrency));
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  // exit code 3 means some inputs could not be read: they are in the output and the scorer counts them
  if (r.status !== 0 && r.status !== 3) fail(`clausemap extract exited with code ${r.status}`);
  return JSON.parse(readFileSync(outFile, 'utf8'));
}

/** The extractor alone, in this process, one document after another. */
async function extractInProcess(inputDir) {
  const dist = path.join(root, 'dist');
  const { ingestFile } = await import(pathToFileURL(path.join(dist, 'ingest/index.js')).href);
  const { loadClauseRules } = await import(pathToFileURL(path.join(dist, 'extract/clause-rules.js')).href);
  const { extractClauses } = await import(pathToFileURL(path.join(dist, 'extract/index.js')).href);
  const { rules, problems } = loadClauseRules(path.join(root, 'rules/clauses'));
  if (problems.length)
    fail(`the clause rules do not load: ${problems.map((p) => `${p.file}:${p.line ?? ''} ${p.message}`).join('; ')}`);
  const documents = [];
  for (const name of readdirSync(inputDir).sort()) {
    const file = path.join(inputDir, name);
    try {
      const doc = await ingestFile(file, {});
      documents.push({ file, status: 'ok', warnings: doc.warnings, clauses: extractClauses(doc, rules) });
    } catch (e) {
      documents.push({
        file,
        status: 'error',
        error: { code: e?.code ?? 'INTERNAL', message: String(e?.message ?? e) },
        warnings: [],
        clauses: [],
      });
    }
  }
  return { documents };
}

/** A corpus folder holding only the chosen half of the labels (the text files are linked, not copied). */
function splitCorpus(tmp, split) {
  if (split === 'all') return corpus;
  const rows = readFileSync(path.join(corpus, 'labels.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  rows.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const keep = rows.filter((_, i) => i % 2 === (split === 'even' ? 0 : 1));
  const dir = path.join(tmp, `cuad-${split}`);
  rmSync(dir, { recursive: true, force: true });
  spawnSync('mkdir', ['-p', dir]);
  writeFileSync(path.join(dir, 'labels.jsonl'), keep.map((r) => JSON.stringify(r)).join('\n') + '\n');
  symlinkSync(path.join(corpus, 'txt'), path.join(dir, 'txt'));
  return dir;
}

function printTable(s, pdf) {
  const pct = (x) => (100 * x).toFixed(1).padStart(5);
  console.log(
    'category                                    gold   tp   fp   fn    P     R     F1' +
      (pdf ? '' : '  | spanR spanP'),
  );
  for (const r of s.rows) {
    const line = `${(r.core ? '*' : ' ') + r.category.padEnd(42)} ${String(r.gold).padStart(4)} ${String(r.tp).padStart(4)} ${String(r.fp).padStart(4)} ${String(r.fn).padStart(4)} ${pct(r.precision)} ${pct(r.recall)} ${pct(r.f1)}`;
    console.log(pdf ? line : `${line} | ${pct(r.spanRecall)} ${pct(r.spanPrecision)}`);
  }
  console.log(
    `contracts ${s.contracts}, missing from output ${s.missing}, failed ${s.failed}, with offsets ${s.withOffsets}`,
  );
  if (!pdf)
    console.log(
      `span level: recall ${pct(s.spanRecall)}%  precision ${pct(s.spanPrecision)}%   core: recall ${pct(s.coreSpanRecall)}%  precision ${pct(s.coreSpanPrecision)}%`,
    );
  console.log('attribute values (first clause of the category that carries it):');
  for (const [label, r] of Object.entries(s.attributes))
    console.log(
      `  ${label.padEnd(36)} ${`${r.category}.${r.attribute}`.padEnd(40)} scored ${String(r.scored).padStart(4)}  right ${String(r.right).padStart(4)}  accuracy ${pct(r.accuracy)}%`,
    );
  console.log(
    `document level: macro-F1 ${pct(s.macroF1)}%  core macro-F1 ${pct(s.coreMacroF1)}%  micro-F1 ${pct(s.microF1)}%`,
  );
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  if (!existsSync(scorerPath))
    fail(`the shared scorer is not at ${scorerPath}; the benchmark needs ../shared next to the repository`);
  if (!existsSync(path.join(root, 'dist/commands/cli.js'))) fail('dist/ is missing; build first with `npx tsc -p .`');
  const { score, scoreAttributes } = await import(pathToFileURL(scorerPath).href);
  const inputDir = path.join(corpus, a.pdf ? 'pdf' : 'txt');
  const count = readdirSync(inputDir).filter((f) => !f.startsWith('.')).length;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'clausemap-bench-'));
  const outFile = path.join(tmp, a.pdf ? 'cuad-pdf.json' : 'cuad-txt.json');

  const t0 = process.hrtime.bigint();
  const predictions = a.inProcess ? await extractInProcess(inputDir) : extractWithCli(inputDir, outFile, a.concurrency);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (a.inProcess) writeFileSync(outFile, JSON.stringify(predictions));
  // PDF offsets point into the PDF's text, not into the .txt files the span scores use: score documents only
  if (a.pdf)
    for (const d of predictions.documents)
      for (const c of d.clauses ?? []) {
        delete c.start;
        delete c.end;
      }

  const corpusDir = splitCorpus(tmp, a.split);
  const s = score(corpusDir, predictions);
  s.attributes = scoreAttributes(corpusDir, predictions);
  console.log(`CUAD ${a.pdf ? 'PDF' : 'text'} input, split ${a.split} (${s.contracts} contracts scored)`);
  printTable(s, a.pdf);
  console.log(
    `extraction: ${count} contracts in ${seconds.toFixed(1)} s, ${(count / seconds).toFixed(1)} contracts/s (${a.inProcess ? 'in process, sequential' : 'CLI, worker pool'})`,
  );
  if (a.keep) console.log(`predictions: ${outFile}`);
  else rmSync(tmp, { recursive: true, force: true });
}

main().catch((e) => fail(e?.stack ?? String(e)));
