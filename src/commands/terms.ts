// `clausemap terms`: query and export the term database that `extract`, `audit` and `check` fill —
// e.g. every liability cap across the portfolio, with file, page, text and the values read from it.
import type { Command } from 'commander';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { documentsCsv, termsCsv } from '../report/csv.js';
import { quietOnClosedStdout, writeOutput } from '../report/output.js';
import { StoreError, TermStore } from '../store/index.js';
import { candidateDbPaths, findStoreFor } from '../store/location.js';
import { EXIT, type SetCode } from './common.js';

interface TermsOptions { db?: string; category?: string; format?: string; out?: string; documents?: boolean }

export function registerTerms(program: Command, setCode: SetCode): void {
  program
    .command('terms')
    .description('query the term database: the clauses and values found in each document, as CSV or JSON')
    .argument('[portfolio...]', 'the folder (or files) whose database to read (default: the current folder)')
    .option('--db <file>', 'the term database to read (default: the one extract/audit used for the portfolio)')
    .option('--category <category>', 'only this clause category, or a family of them (e.g. liability.cap, liability)')
    .option('--documents', 'list the documents (path, SHA-256, size, pages, status, error) instead of their clauses')
    .option('--format <format>', "csv or json (default: from --out's extension, else csv)")
    .option('--out <file>', 'write to a file instead of stdout')
    .action((portfolio: string[], o: TermsOptions) => {
      const format = (o.format ?? (o.out ? path.extname(o.out).slice(1).toLowerCase() : '') ?? '') || 'csv';
      if (format !== 'csv' && format !== 'json') {
        process.stderr.write(`clausemap: --format takes csv or json, not "${format}"\n`);
        return setCode(EXIT.USAGE);
      }
      const inputs = portfolio.length ? portfolio : ['.'];
      const file = o.db ?? findStoreFor(inputs);
      if (!file || !existsSync(file)) {
        const where = o.db ? o.db : candidateDbPaths(inputs).join(' or ');
        process.stderr.write(`clausemap: no term database at ${where}. Run \`clausemap audit\` or \`clausemap extract\` on the portfolio first, or give --db.\n`);
        return setCode(EXIT.USAGE);
      }
      let store: TermStore;
      try {
        store = TermStore.openReadOnly(file);
      } catch (e) {
        process.stderr.write(`clausemap: cannot read the term database ${e instanceof StoreError ? e.message : (e as Error).message}. Check the path given with --db.\n`);
        return setCode(EXIT.USAGE);
      }
      if (!o.out || o.out === '-') quietOnClosedStdout();
      try {
        if (o.documents) {
          const docs = store.documents();
          writeOutput(format === 'json' ? JSON.stringify({ documents: docs }, null, 2) + '\n' : documentsCsv(docs), o.out);
        } else {
          const rows = store.terms({ category: o.category });
          writeOutput(format === 'json' ? JSON.stringify({ terms: rows }, null, 2) + '\n' : termsCsv(rows), o.out);
        }
      } finally {
        store.close();
      }
      setCode(EXIT.OK);
    });
}
