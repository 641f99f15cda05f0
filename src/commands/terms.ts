// `clausemap terms`: query and export the term database that `extract`, `audit` and `check` fill —
// e.g. every liability cap across the portfolio, with file, page, text and the values read from it.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { EXIT } from '../pipeline/exit-codes.js';
import { documentsCsv, termsCsv } from '../report/csv.js';
import { quietOnClosedStdout, writeOutput } from '../report/output.js';
import { StoreError, TermStore } from '../store/index.js';
import { candidateDbPaths, findStoreFor } from '../store/location.js';
import { loadClauseRules } from '../extract/clause-rules.js';
import { CLAUSE_RULES_DIR } from '../paths.js';
import { didYouMean } from '../yaml-load.js';
import { checkOutput, clauseCategories, formatOf, UsageError, type SetCode } from './common.js';

interface TermsOptions {
  db?: string;
  category?: string;
  format?: string;
  out?: string;
  documents?: boolean;
}

/** `--category`: a clause category (liability.cap) or a family of them (liability); a misspelt one would
 *  find nothing and print a bare header, as if the portfolio had no such clause. */
function checkCategory(category: string | undefined): void {
  if (category === undefined) return;
  const categories = clauseCategories(loadClauseRules(CLAUSE_RULES_DIR).rules);
  const known = [...categories, ...new Set(categories.map((c) => c.split('.')[0]!))];
  if (known.includes(category)) return;
  throw new UsageError(
    `--category ${category}: no such clause category${didYouMean(category, known)}; \`clausemap rules list\` lists them.`,
  );
}

export function registerTerms(program: Command, setCode: SetCode): void {
  program
    .command('terms')
    .description('query the term database: the clauses and values found in each document, as CSV or JSON')
    .argument('[portfolio...]', 'the folder (or files) whose database to read (default: the current folder)')
    .option('--db <file>', 'the term database to read (default: the one extract/audit used for the portfolio)')
    .option('--category <category>', 'only this clause category, or a family of them (e.g. liability.cap, liability)')
    .option('--documents', 'list the documents (path, SHA-256, size, pages, status, error) instead of their clauses')
    .option('-f, --format <format>', "csv or json (default: from --out's extension, else csv)")
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action((portfolio: string[], o: TermsOptions) => {
      const format = formatOf(o, ['csv', 'json'] as const, 'csv');
      checkOutput(o.out);
      checkCategory(o.category);
      const inputs = portfolio.length ? portfolio : ['.'];
      const file = o.db ?? findStoreFor(inputs);
      if (!file || !existsSync(file)) {
        const where = o.db ? o.db : candidateDbPaths(inputs).join(' or ');
        throw new UsageError(
          `no term database at ${where}. Run \`clausemap audit\` or \`clausemap extract\` on the portfolio first, or give --db.`,
        );
      }
      let store: TermStore;
      try {
        store = TermStore.openReadOnly(file);
      } catch (e) {
        throw new UsageError(
          `cannot read the term database ${e instanceof StoreError ? e.message : (e as Error).message}. Check the path given with --db.`,
        );
      }
      if (!o.out || o.out === '-') quietOnClosedStdout();
      try {
        if (o.documents) {
          const docs = store.documents();
          writeOutput(
            format === 'json' ? JSON.stringify({ documents: docs }, null, 2) + '\n' : documentsCsv(docs),
            o.out,
          );
        } else {
          const rows = store.terms({ category: o.category });
          writeOutput(format === 'json' ? JSON.stringify({ terms: rows }, null, 2) + '\n' : termsCsv(rows), o.out);
        }
      } catch (e) {
        // a page of the database that cannot be read (SQLITE_CORRUPT, SQLITE_NOTADB, an I/O error): a sentence, not a crash
        if ((e as { code?: unknown }).code && String((e as { code: unknown }).code).startsWith('SQLITE_'))
          throw new UsageError(
            `the term database ${file} cannot be read (${(e as Error).message}). Delete it (the next \`clausemap audit\` or \`extract\` makes it again) or give another with --db.`,
          );
        throw e;
      } finally {
        store.close();
      }
      setCode(EXIT.OK);
    });
}
