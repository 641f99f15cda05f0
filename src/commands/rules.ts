// `clausemap rules list|validate`: what rules exist, and whether a rule folder loads and passes its examples.
import type { Command } from 'commander';
import path from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { loadClauseRules } from '../extract/clause-rules.js';
import { runClauseExamples } from '../extract/clause-examples.js';
import { loadPortfolioRules, runPortfolioExamples } from '../check/index.js';
import { RULES_DIR } from '../paths.js';
import { formatProblem } from '../yaml-load.js';
import { EXIT } from '../pipeline/exit-codes.js';
import { UsageError, type SetCode } from './common.js';

/** A rules folder given on the command line must be one: a missing folder has no rule to break. */
function rulesDir(what: string, dir: string): string {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    /* reported below */
  }
  if (!isDir)
    throw new UsageError(
      `${what}${dir}: no such rules folder; give a folder of rules (with clauses/ and portfolio/, or clause rules alone).`,
    );
  return dir;
}

export function registerRules(program: Command, setCode: SetCode): void {
  const rules = program.command('rules').description('list or validate rules');
  rules
    .command('list')
    .description('list the clause and portfolio rules in use')
    .option('--dir <dir>', 'rules folder', RULES_DIR)
    .action((o: { dir: string }) => {
      const dir = rulesDir('--dir ', o.dir);
      const c = loadClauseRules(path.join(dir, 'clauses'));
      const p = loadPortfolioRules(path.join(dir, 'portfolio'));
      process.stdout.write('clause rules:\n');
      for (const r of c.rules)
        process.stdout.write(`  ${r.category.padEnd(40)} ${r.title}  (${r.id}, ${r.match.length} pattern group(s))\n`);
      process.stdout.write('portfolio rules:\n');
      for (const r of p.rules)
        process.stdout.write(`  portfolio/${r.id.padEnd(32)} ${r.severity.padEnd(8)} ${r.title}\n`);
      const problems = [...c.problems, ...p.problems];
      for (const pr of problems) process.stderr.write(formatProblem(pr) + '\n');
      setCode(problems.length ? EXIT.USAGE : EXIT.OK);
    });
  rules
    .command('validate')
    .description("load every rule in a folder, report file:line errors, and run each rule's examples")
    .argument('[dir]', 'rules folder (with clauses/ and portfolio/)', RULES_DIR)
    .action((arg: string) => {
      const dir = rulesDir('', arg);
      const clausesDir = existsSync(path.join(dir, 'clauses')) ? path.join(dir, 'clauses') : dir;
      const c = loadClauseRules(clausesDir);
      const portfolioDir = path.join(dir, 'portfolio');
      const p = existsSync(portfolioDir) ? loadPortfolioRules(portfolioDir) : { rules: [], problems: [] };
      const problems = [...c.problems, ...p.problems];
      for (const pr of problems) process.stderr.write(formatProblem(pr) + '\n');
      const failures = [
        ...runClauseExamples(c.rules),
        ...p.rules.flatMap((r) => runPortfolioExamples(r).map((message) => ({ file: r.file, message }))),
      ];
      for (const f of failures) process.stderr.write(`${f.file}: ${f.message}\n`);
      const n = c.rules.length + p.rules.length;
      if (problems.length || failures.length) {
        process.stderr.write(
          `clausemap: ${problems.length} load error(s), ${failures.length} failing example(s) in ${n} rule(s)\n`,
        );
        return setCode(EXIT.USAGE);
      }
      process.stdout.write(
        `${n} rules valid (${c.rules.length} clause, ${p.rules.length} portfolio); all examples pass\n`,
      );
      setCode(EXIT.OK);
    });
}
