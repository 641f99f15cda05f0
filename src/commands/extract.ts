// `clausemap extract`: the clauses of each document, as JSON (the scorer's contract) or a table: the
// options, checked, then the pipeline (src/pipeline/run.ts).
import type { Command } from 'commander';
import { run } from '../pipeline/run.js';
import {
  analysisOptions,
  checkQueue,
  checkOutput,
  checkOutputNotInput,
  formatOf,
  loadSettings,
  resolveInputs,
  withAnalysisOptions,
  type AnalysisFlags,
  type SetCode,
} from './common.js';

async function extract(args: string[], o: AnalysisFlags & { format?: string }): Promise<number> {
  // the format is --format's alone: `--out clauses.txt` has always meant JSON
  const format = formatOf({ format: o.format }, ['json', 'table'] as const, 'json');
  checkOutput(o.out);
  const inputs = resolveInputs(args);
  checkOutputNotInput(o.out, inputs);
  // clausemap.yaml for its per-file passwords
  const { config } = loadSettings(o, inputs, false);
  await checkQueue(o);
  return run({
    command: 'extract',
    format,
    inputs,
    analysis: analysisOptions(o),
    ...(config ? { config } : {}),
    out: o.out,
  });
}

export function registerExtract(program: Command, setCode: SetCode): void {
  withAnalysisOptions(
    program
      .command('extract')
      .description('extract the clauses of each document')
      .argument('<inputs...>', "files and folders (a quoted glob such as 'contracts/*.pdf' is expanded)")
      .option('-f, --format <format>', 'json or table (default: json)'),
  ).action(async (inputs: string[], o: AnalysisFlags & { format?: string }) => setCode(await extract(inputs, o)));
}
