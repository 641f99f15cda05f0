// One run of `extract`, `audit` or `check`, start to finish. The documents are analysed (or read back from
// the term database) and handed on in input order as each is ready: `extract` writes them out; `audit` and
// `check` stream them into a JSON report as they come, keep on disk what the checks read of each (the
// workers and it would otherwise be in memory at once), run the checks (or reuse the last run's findings
// when nothing they read has changed), and write the report, the JSON form one finding at a time. One
// SIGINT/SIGTERM handler covers the whole run: an interrupted run leaves no partial report. The commands
// have checked every option and input before calling here.
import { createHash } from 'node:crypto';
import path from 'node:path';
import {
  portfolioDigest,
  portfolioInput,
  runPortfolioInto,
  type Playbook,
  type PortfolioRule,
} from '../check/index.js';
import { passwordFor, unusedContractEntries, type LoadedConfig } from '../config/config.js';
import { rulesVersion } from '../extract/rules-version.js';
import { terminalSafe } from '../names.js';
import { CLAUSE_RULES_DIR, PLAYBOOK_DIR, PORTFOLIO_RULES_DIR, RULES_DATA_DIR } from '../paths.js';
import { extractTable } from '../report/extract-table.js';
import { buildReport, render, type Format } from '../report/index.js';
import { documentJson, fieldsAround, JsonDocumentsWriter } from '../report/json-stream.js';
import { writeOutput } from '../report/output.js';
import {
  FindingSchema,
  PortfolioSummarySchema,
  SEVERITY_ORDER,
  type DocumentResult,
  type Finding,
  type PortfolioSummary,
  type Severity,
} from '../schema.js';
import type { TermStore } from '../store/index.js';
import { FindingSpill, IndexedSpill, parseFindings } from '../store/spill.js';
import { EXIT } from './exit-codes.js';
import { analyzeInputs, analyzerVersion, type AnalyzeOptions, type DocumentSink } from './index.js';
import { expandInputs } from './inputs.js';
import { Interruption } from './interrupt.js';
import { compact, compactEvery } from './memory.js';

interface RunBase {
  /** files and folders, each known to exist */
  inputs: string[];
  /** concurrency, caps, the term database, progress, the --password */
  analysis: AnalyzeOptions;
  /** clausemap.yaml: per-file passwords (and, for the checks, everything else in it) */
  config?: LoadedConfig;
  out?: string;
}

export interface ExtractRun extends RunBase {
  command: 'extract';
  format: 'json' | 'table';
}

export interface PortfolioRunRequest extends RunBase {
  command: 'audit' | 'check';
  draft?: string;
  format: Format;
  failOn: Severity | 'none';
  minSeverity?: Severity;
  rules: readonly PortfolioRule[];
  playbook?: Playbook;
  /** the user's own party name (`--me`) */
  me?: string;
}

/** The run; resolves to its exit code (EXIT). */
export async function run(req: ExtractRun | PortfolioRunRequest): Promise<number> {
  const interruption = new Interruption();
  try {
    return req.command === 'extract' ? await extract(req, interruption) : await portfolio(req, interruption);
  } finally {
    interruption.close();
  }
}

/** The analysis of every input: per-file passwords from clausemap.yaml, and a warning for each of its
 *  `contracts:` entries that names no input (a misspelt file name would otherwise be ignored silently). */
function analyse(
  req: RunBase,
  all: readonly string[],
  interruption: Interruption,
  extra: Pick<AnalyzeOptions, 'sink' | 'keepStore'>,
): Promise<DocumentResult[]> {
  const list = expandInputs(all, { followLinks: req.analysis.followLinks });
  if (req.config)
    for (const w of unusedContractEntries(req.config, list.files)) process.stderr.write(`${terminalSafe(w)}\n`);
  const config = req.config?.config;
  return analyzeInputs(all, { ...req.analysis, ...extra, list, interruption, perFile: (f) => passwordFor(config, f) });
}

async function extract(req: ExtractRun, interruption: Interruption): Promise<number> {
  const json = req.format === 'json' ? new JsonDocumentsWriter(req.out) : undefined;
  const documents = await analyse(req, req.inputs, interruption, json ? { sink: json } : {});
  if (json) json.end();
  else writeOutput(extractTable(documents, req.config?.file), req.out);
  return finish(documents, undefined, 'none');
}

/** A one-line summary on stderr of what failed, so a person sees it even when stdout goes to a file; then
 *  the exit code the run earns: 3 when an input failed, else 1 when `worst` (the most severe finding)
 *  reaches fail-on, else 0. */
function finish(docs: readonly DocumentResult[], worst: Severity | undefined, failOn: Severity | 'none'): number {
  const bad = docs.filter((d) => d.status !== 'ok');
  if (bad.length) {
    process.stderr.write(`clausemap: ${bad.length} of ${docs.length} files could not be analysed:\n`);
    for (const d of bad.slice(0, 20))
      process.stderr.write(`  [${d.error?.code ?? d.status}] ${terminalSafe(d.error?.message ?? d.file)}\n`);
    if (bad.length > 20) process.stderr.write(`  … and ${bad.length - 20} more (see the output)\n`);
  }
  if (docs.some((d) => d.status === 'error')) return EXIT.INPUTS;
  if (failOn !== 'none' && worst && SEVERITY_ORDER[worst] >= SEVERITY_ORDER[failOn]) return EXIT.FINDINGS;
  return EXIT.OK;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The stage's result: the portfolio part, and the findings in report order, read one at a time (and
 *  as often as needed) from where they are kept rather than held in memory. */
interface Stage {
  portfolio: PortfolioSummary;
  findings: () => Iterable<Finding>;
}

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

async function portfolio(req: PortfolioRunRequest, interruption: Interruption): Promise<number> {
  const { command, draft, minSeverity, format } = req;
  const all = draft ? [draft, ...req.inputs] : req.inputs;
  const reportOf = (
    documents: DocumentResult[],
    findings: Finding[],
    portfolio?: PortfolioSummary,
    generatedAt?: string,
  ) =>
    buildReport({
      command,
      documents,
      findings,
      draft,
      ...(req.config?.file ? { config: req.config.file } : {}),
      ...(portfolio ? { portfolio } : {}),
      rules: req.rules.map((r) => ({ id: `portfolio/${r.id}`, title: r.title })),
      rulesVersion: rulesVersion([CLAUSE_RULES_DIR, PORTFOLIO_RULES_DIR, PLAYBOOK_DIR, RULES_DATA_DIR]),
      ...(generatedAt ? { generatedAt } : {}),
    });
  // Documents stream through: a JSON report gets each one as it is ready; the checks keep only the
  // clauses they read, and the digest of each document decides whether the last run's findings still hold.
  const opening = fieldsAround(reportOf([], []), 'documents').before;
  const json = format === 'json' ? new JsonDocumentsWriter(req.out, opening) : undefined;
  const keptSpill = new IndexedSpill<DocumentResult>();
  const spill = new FindingSpill();
  let store: TermStore | undefined;
  interruption.onInterrupt(() => {
    json?.abort();
    keptSpill.close();
    spill.close();
    store?.close();
  });
  const digests: string[] = [];
  const afterDocument = compactEvery(250);
  const sink: DocumentSink = {
    write(r, i) {
      const body = documentJson(r);
      digests[i] = sha256(body);
      json?.writeJson(body);
      keptSpill.set(i, portfolioInput(r));
      afterDocument();
    },
  };
  const documents = await analyse(req, all, interruption, {
    sink,
    keepStore: (s) => {
      store = s;
    },
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
  const config = req.config;
  const stageInput = {
    rules: req.rules,
    ...(draft ? { draft } : {}),
    ...(minSeverity ? { minSeverity } : {}),
    ...(config ? { config: config.config, configFile: config.file } : {}),
    ...(req.playbook ? { playbook: req.playbook } : {}),
    ...(req.me ? { me: req.me } : {}),
    today: config?.config.today ?? new Date().toISOString().slice(0, 10),
  };
  let stage: Stage | undefined;
  let scope = '',
    digest = '';
  if (store) {
    scope = sha256(JSON.stringify([command, ...all.map((a) => path.resolve(a))]));
    digest = portfolioDigest({ ...stageInput, code: analyzerVersion().analyzer, cwd: process.cwd() }, digests);
    stage = storedStage(store, scope, digest);
  }
  if (!stage) {
    compact();
    const afterFinding = compactEvery(25_000);
    const portfolio = runPortfolioInto(
      { documents: kept, ...stageInput },
      {
        add: (f) => {
          spill.add(f);
          afterFinding();
        },
      },
    );
    compact();
    stage = { portfolio, findings: () => spill.sorted(minSeverity) };
    if (store) {
      try {
        store.saveStageResult(scope, digest, JSON.stringify(portfolio), spill.sortedJson(minSeverity));
        // findings that went to disk are read back from the database, in order: the spill would sort them again
        const saved = store;
        if (spill.onDisk)
          stage = { portfolio, findings: () => parseFindings(saved.stageResult(scope, digest)!.findings) };
      } catch {
        // the database is only a cache: a run goes on without it
      }
    }
  }
  // the documents the checks read are let go before the report is written
  // eslint-disable-next-line no-useless-assignment -- dropping the last reference frees them for the collector
  kept = [];
  // a signal that came during the checks is read in the loop's next poll, between these two turns
  await new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
  let worst: Severity | undefined;
  const written = compactEvery(25_000);
  const findings = function* (found: Iterable<Finding>): Generator<Finding> {
    for (const f of found) {
      written();
      // a finding the user waived in clausemap.yaml does not fail the run
      if (!f.waived && (!worst || SEVERITY_ORDER[f.severity] > SEVERITY_ORDER[worst])) worst = f.severity;
      yield f;
    }
  };
  try {
    if (json) {
      // the findings are written one at a time, as they are read back
      json.end({
        ...fieldsAround(reportOf(documents, [], stage.portfolio, opening.generatedAt as string), 'documents').after,
        findings: findings(stage.findings()),
      });
    } else {
      const report = reportOf(
        documents,
        [...findings(stage.findings())],
        stage.portfolio,
        opening.generatedAt as string,
      );
      let data: string | Buffer;
      try {
        data = await render(report, format);
      } catch (e) {
        process.stderr.write(`clausemap: ${(e as Error).message}\n`);
        return EXIT.USAGE;
      }
      writeOutput(data, req.out);
    }
  } finally {
    spill.close();
    store?.close();
  }
  return finish(documents, worst, req.failOn);
}
