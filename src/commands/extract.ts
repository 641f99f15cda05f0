// `clausemap extract`: the clauses of each document, as JSON (the scorer's contract) or a table.
import type { Command } from 'commander';
import { loadClauseRules } from '../extract/clause-rules.js';
import { CLAUSE_RULES_DIR } from '../paths.js';
import { analyzeInputs } from '../pipeline/index.js';
import { extractTable } from '../report/extract-table.js';
import { JsonDocumentsWriter } from '../report/json-stream.js';
import { writeOutput } from '../report/output.js';
import { formatProblem } from '../yaml-load.js';
import { analysisOptions, EXIT, reportFailures, withAnalysisOptions, type AnalysisFlags, type SetCode } from './common.js';

export function registerExtract(program: Command, setCode: SetCode): void {
  const cmd = program
    .command('extract')
    .description('extract the clauses of each document')
    .argument('<inputs...>', 'files and folders')
    .option('--format <format>', 'json or table', 'json')
    .option('--out <file>', 'write to a file instead of stdout');
  withAnalysisOptions(cmd)
    .action(async (inputs: string[], o: AnalysisFlags & { format: string; out?: string }) => {
      if (o.format !== 'json' && o.format !== 'table') {
        process.stderr.write(`clausemap: --format takes json or table, not "${o.format}"\n`);
        return setCode(EXIT.USAGE);
      }
      const { problems } = loadClauseRules(CLAUSE_RULES_DIR);
      if (problems.length) {
        for (const p of problems) process.stderr.write(formatProblem(p) + '\n');
        return setCode(EXIT.USAGE);
      }
      const json = o.format === 'json' ? new JsonDocumentsWriter(o.out) : undefined;
      const documents = await analyzeInputs(inputs, { ...analysisOptions(o), sink: json });
      if (json) json.end();
      else writeOutput(extractTable(documents), o.out);
      reportFailures(documents);
      setCode(documents.some((d) => d.status === 'error') ? EXIT.INPUTS : EXIT.OK);
    });
}
