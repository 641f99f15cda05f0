// `clausemap audit` (the portfolio report) and `clausemap check` (what signing a draft would add): the
// options, checked, then the pipeline (src/pipeline/run.ts).
import { Option, type Command } from 'commander';
import { run } from '../pipeline/run.js';
import { FORMATS, type Format } from '../report/index.js';
import type { Severity } from '../schema.js';
import {
  analysisOptions,
  checkQueue,
  checkOutput,
  checkOutputNotInput,
  formatOf,
  loadSettings,
  resolveDraft,
  resolveInputs,
  severityOption,
  withAnalysisOptions,
  type AnalysisFlags,
  type SetCode,
} from './common.js';

interface RunOptions extends AnalysisFlags {
  format?: string;
  failOn: Severity | 'none';
  playbook?: string;
  minSeverity?: Severity | 'none';
  me?: string;
}

function withRunOptions(cmd: Command): Command {
  return withAnalysisOptions(
    cmd
      .option('-f, --format <format>', `${FORMATS.join(' | ')} (default: from --out's extension, else md)`)
      .addOption(
        new Option(
          '--fail-on <severity>',
          'exit 1 when a finding is at or above this severity (none, info, low, medium, high, critical)',
        )
          .argParser(severityOption)
          .default('none'),
      )
      .option('--playbook <file>', 'your own playbook of positions (default: rules/playbook/default.yaml)')
      .option(
        '--me <name>',
        "your own party name, as the contracts write it (default: clausemap.yaml's `me`, else the party common to the contracts)",
      )
      .option(
        '--min-severity <severity>',
        'leave out findings below this severity (info, low, medium, high, critical)',
        severityOption,
      ),
  );
}

async function audit(
  command: 'audit' | 'check',
  args: string[],
  draftArg: string | undefined,
  o: RunOptions,
): Promise<number> {
  // every option and input first: a mistake stops the run before anything is opened or written
  const format: Format = formatOf(o, FORMATS, 'md', { markdown: 'md', htm: 'html' });
  checkOutput(o.out);
  const draft = draftArg === undefined ? undefined : resolveDraft(draftArg);
  const inputs = resolveInputs(args);
  checkOutputNotInput(o.out, draft ? [...inputs, draft] : inputs);
  const { config, playbook, portfolioRules } = loadSettings(o, draft ? [...inputs, draft] : inputs, true);
  await checkQueue(o);
  const minSeverity = o.minSeverity === 'none' ? undefined : o.minSeverity;
  return run({
    command,
    inputs,
    ...(draft ? { draft } : {}),
    analysis: analysisOptions(o),
    ...(config ? { config } : {}),
    out: o.out,
    format,
    failOn: o.failOn,
    ...(minSeverity ? { minSeverity } : {}),
    rules: portfolioRules,
    ...(playbook ? { playbook } : {}),
    ...(o.me?.trim() ? { me: o.me.trim() } : {}),
  });
}

export function registerAudit(program: Command, setCode: SetCode): void {
  withRunOptions(
    program
      .command('audit')
      .description('check a portfolio of contracts against each other and write the conflict report')
      .argument(
        '<inputs...>',
        "folders and files of the portfolio (a quoted glob such as 'contracts/*.pdf' is expanded)",
      ),
  ).action(async (inputs: string[], o: RunOptions) => setCode(await audit('audit', inputs, undefined, o)));
  withRunOptions(
    program
      .command('check')
      .description('what signing a draft would add: its conflicts with the signed portfolio and its risky clauses')
      .argument('<draft>', 'the draft contract')
      .requiredOption('--against <inputs...>', 'folders and files of the signed portfolio'),
  ).action(async (draft: string, o: RunOptions & { against: string[] }) =>
    setCode(await audit('check', o.against, draft, o)),
  );
}
