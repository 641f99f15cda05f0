// `clausemap audit` (the portfolio report) and `clausemap check` (what signing a draft would add).
import type { Command } from 'commander';
import path from 'node:path';
import { loadClauseRules } from '../extract/rules.js';
import { CLAUSE_RULES_DIR, PLAYBOOK_DIR, PORTFOLIO_RULES_DIR } from '../paths.js';
import { analyzeInputs } from '../pipeline/index.js';
import { buildReport, FORMATS, render, type Format } from '../report/index.js';
import { checkPortfolio, loadPortfolioRules } from '../rules/index.js';
import { rulesVersion } from '../rules-version.js';
import { formatProblem } from '../yaml-load.js';
import { EXIT, exitFor, intOption, parseSeverity, reportFailures, writeOutput, type SetCode } from './common.js';

interface RunOptions {
  format?: string; out?: string; failOn: string; concurrency?: number; password?: string; timeout: number; maxMemoryMb: number;
}

function formatOf(o: RunOptions): Format {
  const f = (o.format ?? (o.out ? path.extname(o.out).slice(1).toLowerCase() : 'md')) || 'md';
  const norm = f === 'markdown' ? 'md' : f === 'htm' ? 'html' : f;
  if (!(FORMATS as readonly string[]).includes(norm)) throw new Error(`--format takes ${FORMATS.join(', ')}, not "${f}"`);
  return norm as Format;
}

function withRunOptions(cmd: Command): Command {
  return cmd
    .option('--format <format>', `${FORMATS.join(' | ')} (default: from --out's extension, else md)`)
    .option('--out <file>', 'write the report to a file instead of stdout')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (none, info, low, medium, high, critical)', 'none')
    .option('--concurrency <n>', 'documents analysed at once (default: number of cores)', intOption)
    .option('--password <password>', 'password for encrypted PDFs')
    .option('--timeout <seconds>', 'per-document time cap', intOption, 60)
    .option('--max-memory-mb <mb>', 'per-document memory cap', intOption, 1536);
}

async function run(command: 'audit' | 'check', inputs: string[], draft: string | undefined, o: RunOptions, setCode: SetCode): Promise<void> {
  let format: Format, failOn;
  try {
    format = formatOf(o);
    failOn = parseSeverity(o.failOn);
  } catch (e) {
    process.stderr.write(`clausemap: ${(e as Error).message}\n`);
    return setCode(EXIT.USAGE);
  }
  const clauseRules = loadClauseRules(CLAUSE_RULES_DIR);
  const portfolioRules = loadPortfolioRules(PORTFOLIO_RULES_DIR);
  const problems = [...clauseRules.problems, ...portfolioRules.problems];
  if (problems.length) {
    for (const p of problems) process.stderr.write(formatProblem(p) + '\n');
    return setCode(EXIT.USAGE);
  }
  const all = draft ? [draft, ...inputs] : inputs;
  const documents = await analyzeInputs(all, {
    concurrency: o.concurrency, timeoutMs: o.timeout * 1000, maxMemoryMb: o.maxMemoryMb, ingest: { password: o.password },
  });
  const findings = checkPortfolio(documents, portfolioRules.rules, { draft });
  const report = buildReport({
    command, documents, findings, draft,
    rulesVersion: rulesVersion([CLAUSE_RULES_DIR, PORTFOLIO_RULES_DIR, PLAYBOOK_DIR]),
  });
  let data: string | Buffer;
  try {
    data = await render(report, format);
  } catch (e) {
    process.stderr.write(`clausemap: ${(e as Error).message}\n`);
    return setCode(EXIT.USAGE);
  }
  writeOutput(data, o.out);
  reportFailures(documents);
  setCode(exitFor(documents, findings, failOn));
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
