#!/usr/bin/env node
// Portfolio benchmark: builds every scenario of bench/portfolio/scenarios (contracts assembled from CUAD
// clauses at build time) into a temporary folder, runs the built CLI on each (`audit`, or `check DRAFT
// --against` for a draft scenario) with --me, scores the JSON output strictly (bench/portfolio/score.mjs)
// and prints the figures.
//
//   npm run bench:portfolio [-- --verbose] [--only NAME] [--keep] [--json FILE]
//
//   --verbose     for each miss and false alarm: the scenario, the rule and clausemap's findings on it
//   --only NAME   run one scenario (its file name without .yaml), or those whose names start with PREFIX
//                 when NAME is PREFIX* (quote it: --only 'fresh-*')
//   --keep        keep the built folder and print its path
//   --json FILE   write the figures and each scenario's result as JSON
//
// Run `npx tsc -p .` first: the CLI runs dist/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildScenario, hasCuad, loadScenarios, openCuad, ROOT, SHARED } from '../bench/portfolio/build.mjs';
import { scoreScenario, summarize } from '../bench/portfolio/score.mjs';

const USAGE = 'usage: npm run bench:portfolio -- [--verbose] [--only NAME] [--keep] [--json FILE]';

function fail(message, code = 1) {
  console.error(`bench-portfolio: ${message}`);
  process.exit(code);
}

function parseArgs(argv) {
  const a = { verbose: false, only: undefined, keep: false, json: undefined };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--verbose') a.verbose = true;
    else if (k === '--keep') a.keep = true;
    else if (k === '--only' || k === '--json') {
      const v = argv[++i];
      if (!v || v.startsWith('--')) fail(`${k} needs a value. ${USAGE}`, 2);
      a[k.slice(2)] = v;
    } else if (k === '--help' || k === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown option "${k}". ${USAGE}`, 2);
  }
  return a;
}

/** Runs the CLI on one built scenario; returns { output } or { error } (a sentence). */
function runCli(built, me, outDir) {
  const out = path.join(outDir, `${built.name}.json`);
  const common = ['--format', 'json', '--out', out, '--no-db', '--quiet', '--me', me];
  const config = ['--config', path.join(built.dir, 'clausemap.yaml')];
  const args = built.draft
    ? ['check', built.draft, '--against', built.inputs, ...common, ...config]
    : ['audit', built.inputs, ...common, ...config];
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/clausemap.js'), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  // 0: done, 1: a finding at --fail-on (not used here), 3: some files unreadable (still listed in the output)
  if (![0, 1, 3].includes(r.status ?? -1) || !existsSync(out))
    return { error: `clausemap ${args[0]} exited ${r.status ?? r.signal}: ${(r.stderr || '').trim().split('\n')[0]}` };
  return { output: JSON.parse(readFileSync(out, 'utf8')) };
}

const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(0)}%` : '-');

function printFigures(s) {
  console.log(`scenarios passed: ${s.passed} of ${s.scenarios}`);
  console.log(`planted conflicts found: ${s.found} of ${s.planted} (${pct(s.found, s.planted)})`);
  console.log(
    `high-or-critical false alarms: ${s.falseAlarms}, in ${s.falseAlarmScenarios} of ${s.scenarios} scenarios`,
  );
  if (s.failedRuns) console.log(`runs that failed or left a file unanalysed: ${s.failedRuns}`);
  console.log('');
  const rows = [['family', 'scenarios', 'passed', 'found / planted', 'false alarms']];
  for (const [f, v] of Object.entries(s.byFamily).sort())
    rows.push([f, String(v.scenarios), String(v.passed), `${v.found} / ${v.planted}`, String(v.falseAlarms)]);
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((c, i) => (i ? c.padStart(w[i]) : c.padEnd(w[i]))).join('  '));
}

const describe = (f) => `${f.rule} [${f.severity}] ${f.contracts.join(', ')}: ${f.line.slice(0, 160)}`;

function printDetails(results) {
  for (const r of results) {
    const missed = r.planted.filter((p) => !p.found);
    if (!missed.length && !r.falseAlarms.length && !r.error) continue;
    console.log(`\n== ${r.name} (${r.family})`);
    if (r.error) console.log(`   run: ${r.error}`);
    for (const p of missed) {
      console.log(`   MISSED ${p.rule}: ${p.contracts.join(', ')}${p.why ? ` (${p.why})` : ''}`);
      const same = r.findings.filter((f) => f.rule === p.rule);
      if (same.length) for (const f of same) console.log(`     its rule found: ${describe(f)}`);
      else console.log(`     no finding of ${p.rule}`);
    }
    for (const f of r.falseAlarms) console.log(`   FALSE ALARM ${describe(f)}`);
    const others = r.findings.filter((f) => !r.falseAlarms.includes(f));
    if (others.length) {
      console.log('   all other findings:');
      for (const f of others) console.log(`     ${describe(f)}`);
    }
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!hasCuad())
    fail(`the CUAD corpus is not at ${path.join(SHARED, 'corpus/cuad')}: the contracts are built from it`);
  if (!existsSync(path.join(ROOT, 'dist/commands/cli.js'))) fail('dist/ is missing: run `npx tsc -p .` first');
  let scenarios;
  try {
    scenarios = loadScenarios();
  } catch (e) {
    fail(e.message, 2);
  }
  if (args.only) {
    const prefix = args.only.endsWith('*') ? args.only.slice(0, -1) : undefined;
    scenarios = scenarios.filter((s) => (prefix !== undefined ? s.name.startsWith(prefix) : s.name === args.only));
    if (!scenarios.length) fail(`no scenario "${args.only}" in bench/portfolio/scenarios`, 2);
  }
  const cuad = openCuad();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'clausemap-bench-portfolio-'));
  const outputs = path.join(tmp, '.outputs');
  mkdirSync(outputs);
  const results = [];
  const started = Date.now();
  try {
    for (const s of scenarios) {
      if (process.stderr.isTTY)
        process.stderr.write(`\r${results.length + 1}/${scenarios.length} ${s.name}`.padEnd(80));
      const built = await buildScenario(s, tmp, cuad);
      results.push(scoreScenario(s, runCli(built, s.me.name, outputs)));
    }
  } catch (e) {
    if (args.keep) console.error(`bench-portfolio: built scenarios kept in ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
    fail(e.message);
  }
  if (process.stderr.isTTY) process.stderr.write('\r'.padEnd(81) + '\r');
  const summary = summarize(results);
  printFigures(summary);
  if (args.verbose) printDetails(results);
  console.log(`\n${scenarios.length} scenarios in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (args.json) {
    writeFileSync(args.json, JSON.stringify({ summary, scenarios: results }, null, 2) + '\n');
    console.log(`figures written to ${args.json}`);
  }
  if (args.keep) console.log(`built scenarios kept in ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}

main().catch((e) => fail(e.stack ?? String(e), 70));
