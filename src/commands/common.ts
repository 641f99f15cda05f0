// Shared by the command modules: exit codes, severities, the analysis options.
import type { Command } from 'commander';
import type { AnalyzeOptions } from '../pipeline/index.js';
import type { DocumentResult, Severity } from '../schema.js';
import { SEVERITY_ORDER, SeveritySchema } from '../schema.js';

export const EXIT = { OK: 0, FINDINGS: 1, USAGE: 2, INPUTS: 3 } as const;
export type SetCode = (code: number) => void;

export function parseSeverity(s: string): Severity | 'none' {
  if (s === 'none') return 'none';
  const r = SeveritySchema.safeParse(s);
  if (!r.success) throw new Error(`--fail-on takes none, info, low, medium, high or critical, not "${s}"`);
  return r.data;
}

/** The exit code a run earns: 3 when an input failed, else 1 when `worst` (the most severe finding) reaches fail-on, else 0. */
export function exitFor(docs: readonly DocumentResult[], worst: Severity | undefined, failOn: Severity | 'none'): number {
  if (docs.some((d) => d.status === 'error')) return EXIT.INPUTS;
  if (failOn !== 'none' && worst && SEVERITY_ORDER[worst] >= SEVERITY_ORDER[failOn]) return EXIT.FINDINGS;
  return EXIT.OK;
}

export function intOption(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a whole number of at least 1, not "${v}"`);
  return n;
}

/** A one-line summary on stderr of what failed, so a person sees it even when stdout goes to a file. */
export function reportFailures(docs: readonly DocumentResult[]): void {
  const bad = docs.filter((d) => d.status !== 'ok');
  if (!bad.length) return;
  process.stderr.write(`clausemap: ${bad.length} of ${docs.length} files could not be analysed:\n`);
  for (const d of bad.slice(0, 20)) process.stderr.write(`  [${d.error?.code ?? d.status}] ${d.error?.message ?? d.file}\n`);
  if (bad.length > 20) process.stderr.write(`  … and ${bad.length - 20} more (see the output)\n`);
}

/** The options every command that analyses documents takes (extract, audit, check). */
export interface AnalysisFlags {
  concurrency?: number; password?: string; timeout: number; maxMemoryMb: number; db?: string | false; quiet?: boolean;
}

export function withAnalysisOptions(cmd: Command): Command {
  return cmd
    .option('--concurrency <n>', 'documents analysed at once (default: number of cores)', intOption)
    .option('--password <password>', 'password for encrypted PDFs')
    .option('--timeout <seconds>', 'per-document time cap', intOption, 60)
    .option('--max-memory-mb <mb>', 'per-document memory cap', intOption, 1024)
    .option('--db <file>', 'term database (default: <portfolio>/.clausemap/terms.db, else the user cache)')
    .option('--no-db', 'neither reuse nor keep results in a term database')
    .option('--quiet', 'no progress on stderr');
}

export function analysisOptions(o: AnalysisFlags): AnalyzeOptions {
  return {
    concurrency: o.concurrency, timeoutMs: o.timeout * 1000, maxMemoryMb: o.maxMemoryMb,
    ingest: { password: o.password }, db: o.db ?? true, progress: !o.quiet,
  };
}
