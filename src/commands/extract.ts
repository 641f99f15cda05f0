// `clausemap extract`: the clauses of each document, as JSON (the scorer's contract) or a table.
import type { Command } from 'commander';
import { loadClauseRules } from '../extract/clause-rules.js';
import { CLAUSE_RULES_DIR } from '../paths.js';
import { analyzeInputs, JsonDocumentsWriter } from '../pipeline/index.js';
import type { DocumentResult } from '../schema.js';
import { formatProblem } from '../yaml-load.js';
import { analysisOptions, EXIT, reportFailures, withAnalysisOptions, writeOutput, type AnalysisFlags, type SetCode } from './common.js';

export function extractTable(docs: readonly DocumentResult[]): string {
  const lines: string[] = [];
  for (const d of docs) {
    lines.push(`${d.file}  [${d.status}${d.error ? ` ${d.error.code}` : ''}]${d.pages ? `  ${d.pages} page(s)` : ''}`);
    if (d.error) lines.push(`  ${d.error.message}`);
    for (const w of d.warnings) lines.push(`  warning ${w.code}: ${w.message}`);
    for (const c of d.clauses) {
      const t = c.text.replace(/\s+/g, ' ');
      const attrs = c.attributes ? '  ' + JSON.stringify(c.attributes) : '';
      lines.push(`  p${c.page ?? 1}  ${c.category.padEnd(36)} ${t.length > 90 ? t.slice(0, 87) + '...' : t}${attrs}`);
    }
  }
  return lines.join('\n') + '\n';
}

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
