// `clausemap audit` (the portfolio report) and `clausemap check` (what signing a draft would add).
import type { Command } from 'commander';
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { loadClauseRules } from '../extract/clause-rules.js';
import { CLAUSE_RULES_DIR, PLAYBOOK_DIR, PORTFOLIO_RULES_DIR } from '../paths.js';
import { analyzeInputs, analyzerVersion, INTERRUPTED_EXIT } from '../pipeline/index.js';
import { compact, compactEvery } from '../pipeline/memory.js';
import { findConfig, loadConfig, passwordFor, type LoadedConfig } from '../config/config.js';
import { loadPlaybook, loadPortfolioRules, portfolioDigest, portfolioInput, runPortfolioInto, type Playbook } from '../check/index.js';
import { buildReport, FORMATS, render, type Format } from '../report/index.js';
import { documentJson, fieldsAround, JsonDocumentsWriter } from '../report/json-stream.js';
import { writeOutput } from '../report/output.js';
import { rulesVersion } from '../extract/rules-version.js';
import { FindingSchema, PortfolioSummarySchema, SEVERITY_ORDER, type DocumentResult, type Finding, type PortfolioSummary, type Severity } from '../schema.js';
import type { TermStore } from '../store/index.js';
import { FindingSpill, IndexedSpill, parseFindings } from '../store/spill.js';
import { formatProblem, type LoadProblem } from '../yaml-load.js';
import { analysisOptions, EXIT, exitFor, parseSeverity, reportFailures, withAnalysisOptions, type AnalysisFlags, type SetCode } from './common.js';

interface RunOptions extends AnalysisFlags {
  format?: string; out?: string; failOn: string; config?: string; playbook?: string; minSeverity?: string;
}

function formatOf(o: RunOptions): Format {
  const f = (o.format ?? (o.out ? path.extname(o.out).slice(1).toLowerCase() : 'md')) || 'md';
  const norm = f === 'markdown' ? 'md' : f === 'htm' ? 'html' : f;
  if (!(FORMATS as readonly string[]).includes(norm)) throw new Error(`--format takes ${FORMATS.join(', ')}, not "${f}"`);
  return norm as Format;
}

function withRunOptions(cmd: Command): Command {
  return withAnalysisOptions(cmd
    .option('--format <format>', `${FORMATS.join(' | ')} (default: from --out's extension, else md)`)
    .option('--out <file>', 'write the report to a file instead of stdout')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (none, info, low, medium, high, critical)', 'none')
    .option('--config <file>', 'clausemap.yaml to use (default: clausemap.yaml in the portfolio folder, if any)')
    .option('--playbook <file>', 'your own playbook of positions (default: rules/playbook/default.yaml)')
    .option('--min-severity <severity>', 'leave out findings below this severity (info, low, medium, high, critical)'));
}

const isDir = (p: string) => { try { return statSync(p).isDirectory(); } catch { return false; } };

/** clausemap.yaml and the playbook: every problem at once, as file:line:col. */
function loadSettings(inputs: readonly string[], o: RunOptions): { config?: LoadedConfig; playbook?: Playbook; problems: LoadProblem[] } {
  const problems: LoadProblem[] = [];
  const cfgFile = findConfig(o.config, inputs, isDir);
  let config: LoadedConfig | undefined;
  if (cfgFile) {
    const r = loadConfig(cfgFile);
    problems.push(...r.problems);
    config = r.config;
  }
  const pbFile = o.playbook ?? (config?.config.playbook ? path.resolve(path.dirname(config.file!), config.config.playbook) : path.join(PLAYBOOK_DIR, 'default.yaml'));
  const pb = loadPlaybook(pbFile);
  problems.push(...pb.problems);
  return { ...(config ? { config } : {}), ...(pb.playbook ? { playbook: pb.playbook } : {}), problems };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The stage's result: the portfolio part, and the findings in report order, read one at a time (and
 *  as often as needed) from where they are kept rather than held in memory. */
interface Stage { portfolio: PortfolioSummary; findings: () => Iterable<Finding> }

/** The findings and portfolio summary as stored by an earlier run, if they still read as such. */
function storedStage(store: TermStore, scope: string, digest: string): Stage | undefined {
  try {
    const stored = store.stageResult(scope, digest);
    if (!stored) return undefined;
    // checked against the schema, but given back as stored: zod's output would reorder the keys
    const portfolio = JSON.parse(stored.portfolio) as PortfolioSummary;
    if (!PortfolioSummarySchema.safeParse(portfolio).success) return undefined;
    // every finding is checked before the report reads any of them
    const checked = compactEvery(25_000);
    for (const f of parseFindings(stored.findings)) {
      if (!FindingSchema.safeParse(f).success) return undefined;
      checked();
    }
    return { portfolio, findings: () => parseFindings(store.stageResult(scope, digest)!.findings) };
  } catch {
    return undefined; // an unreadable entry is a miss
  }
}

async function run(command: 'audit' | 'check', inputs: string[], draft: string | undefined, o: RunOptions, setCode: SetCode): Promise<void> {
  let format: Format, failOn, minSeverity: Severity | undefined;
  try {
    format = formatOf(o);
    failOn = parseSeverity(o.failOn);
    const m = o.minSeverity === undefined ? 'none' : parseSeverity(o.minSeverity);
    minSeverity = m === 'none' ? undefined : m;
  } catch (e) {
    process.stderr.write(`clausemap: ${(e as Error).message}\n`);
    return setCode(EXIT.USAGE);
  }
  const clauseRules = loadClauseRules(CLAUSE_RULES_DIR);
  const portfolioRules = loadPortfolioRules(PORTFOLIO_RULES_DIR);
  const settings = loadSettings(inputs, o);
  const problems = [...clauseRules.problems, ...portfolioRules.problems, ...settings.problems];
  if (problems.length) {
    for (const p of problems) process.stderr.write(formatProblem(p) + '\n');
    return setCode(EXIT.USAGE);
  }
  const all = draft ? [draft, ...inputs] : inputs;
  const reportOf = (documents: DocumentResult[], findings: Finding[], portfolio?: PortfolioSummary, generatedAt?: string) => buildReport({
    command, documents, findings, draft, ...(portfolio ? { portfolio } : {}),
    rules: portfolioRules.rules.map((r) => ({ id: `portfolio/${r.id}`, title: r.title })),
    rulesVersion: rulesVersion([CLAUSE_RULES_DIR, PORTFOLIO_RULES_DIR, PLAYBOOK_DIR]),
    ...(generatedAt ? { generatedAt } : {}),
  });
  // Documents stream through: a JSON report gets each one as it is ready; the checks keep only the
  // clauses they read, and the digest of each document decides whether the last run's findings still hold.
  const opening = fieldsAround(reportOf([], []), 'documents').before;
  const json = format === 'json' ? new JsonDocumentsWriter(o.out, opening) : undefined;
  // what the checks read of each document waits on disk until the workers are done (they and it would
  // otherwise be in memory at once)
  const keptSpill = new IndexedSpill<DocumentResult>();
  const digests: string[] = [];
  const afterDocument = compactEvery(250);
  let store: TermStore | undefined;
  const documents = await analyzeInputs(all, {
    ...analysisOptions(o),
    perFile: (f) => passwordFor(settings.config?.config, f),
    sink: {
      write(r, i) {
        const body = documentJson(r);
        digests[i] = sha256(body);
        json?.writeJson(body);
        keptSpill.set(i, portfolioInput(r));
        afterDocument();
      },
      abort: () => json?.abort(),
    },
    keepStore: (s) => { store = s; },
  });
  let kept: DocumentResult[];
  try {
    kept = keptSpill.all();
  } finally {
    keptSpill.close();
  }
  // The findings go to disk as they are found once there are more than a few thousand (a large batch has
  // more than memory holds), then come back deduplicated and in order. Ctrl-C during the checks (they run
  // in one piece, so it is seen when they end): no half-written report.
  const spill = new FindingSpill();
  const interrupted = () => {
    json?.abort();
    spill.close();
    store?.close();
    process.exit(INTERRUPTED_EXIT);
  };
  process.on('SIGINT', interrupted);
  process.on('SIGTERM', interrupted);
  const stageInput = {
    rules: portfolioRules.rules, ...(draft ? { draft } : {}), ...(minSeverity ? { minSeverity } : {}),
    ...(settings.config ? { config: settings.config.config, configFile: settings.config.file } : {}),
    ...(settings.playbook ? { playbook: settings.playbook } : {}),
    today: settings.config?.config.today ?? new Date().toISOString().slice(0, 10),
  };
  let stage: Stage | undefined;
  let scope = '', digest = '';
  if (store) {
    scope = sha256(JSON.stringify([command, ...all.map((a) => path.resolve(a))]));
    digest = portfolioDigest({ ...stageInput, code: analyzerVersion().analyzer, cwd: process.cwd() }, digests);
    stage = storedStage(store, scope, digest);
  }
  if (!stage) {
    compact();
    const afterFinding = compactEvery(25_000);
    const portfolio = runPortfolioInto({ documents: kept, ...stageInput }, { add: (f) => { spill.add(f); afterFinding(); } });
    compact();
    stage = { portfolio, findings: () => spill.sorted(minSeverity) };
    if (store) {
      try {
        store.saveStageResult(scope, digest, JSON.stringify(portfolio), spill.sortedJson(minSeverity));
        // findings that went to disk are read back from the database, in order: the spill would sort them again
        const saved = store;
        if (spill.onDisk) stage = { portfolio, findings: () => parseFindings(saved.stageResult(scope, digest)!.findings) };
      } catch {
        // the database is only a cache: a run goes on without it
      }
    }
  }
  kept = [];
  // a signal that came during the checks is read in the loop's next poll, between these two turns
  await new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
  process.off('SIGINT', interrupted);
  process.off('SIGTERM', interrupted);
  let worst: Severity | undefined;
  const written = compactEvery(25_000);
  const findings = function* (found: Iterable<Finding>): Generator<Finding> {
    for (const f of found) {
      written();
      if (!worst || SEVERITY_ORDER[f.severity] > SEVERITY_ORDER[worst]) worst = f.severity;
      yield f;
    }
  };
  try {
    if (json) {
      // the findings are written one at a time, as they are read back
      json.end({ ...fieldsAround(reportOf(documents, [], stage.portfolio, opening.generatedAt as string), 'documents').after, findings: findings(stage.findings()) });
    } else {
      const report = reportOf(documents, [...findings(stage.findings())], stage.portfolio, opening.generatedAt as string);
      let data: string | Buffer;
      try {
        data = await render(report, format);
      } catch (e) {
        process.stderr.write(`clausemap: ${(e as Error).message}\n`);
        return setCode(EXIT.USAGE);
      }
      writeOutput(data, o.out);
    }
  } finally {
    spill.close();
    store?.close();
  }
  reportFailures(documents);
  setCode(exitFor(documents, worst, failOn));
}

export function registerAudit(program: Command, setCode: SetCode): void {
  withRunOptions(program
    .command('audit')
    .description('check a portfolio of contracts against each other and write the conflict report')
    .argument('<inputs...>', 'folders and files of the portfolio'))
    .action((inputs: string[], o: RunOptions) => run('audit', inputs, undefined, o, setCode));
  withRunOptions(program
    .command('check')
    .description('what signing a draft would add: its conflicts with the signed portfolio and its risky clauses')
    .argument('<draft>', 'the draft contract')
    .requiredOption('--against <inputs...>', 'folders and files of the signed portfolio'))
    .action((draft: string, o: RunOptions & { against: string[] }) => run('check', o.against, draft, o, setCode));
}
