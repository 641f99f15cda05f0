// The pipeline edge: inputs → DocumentResult[] in input order, whatever order the pool finishes in.
import { availableParallelism } from 'node:os';
import { explain } from '../errors.js';
import type { DocumentResult } from '../schema.js';
import type { IngestOptions } from '../ingest/index.js';
import { AnalysisPool, type PoolOptions } from './pool.js';
import { expandInputs } from './inputs.js';

export interface AnalyzeOptions extends PoolOptions {
  ingest?: IngestOptions;
  /** per-file ingest options (e.g. passwords from clausemap.yaml), keyed by the path as listed */
  perFile?: (file: string) => IngestOptions | undefined;
  onResult?: (r: DocumentResult, done: number, total: number) => void;
}

export async function analyzeInputs(args: readonly string[], opts: AnalyzeOptions = {}): Promise<DocumentResult[]> {
  const { files, missing } = expandInputs(args);
  const results: DocumentResult[] = missing.map((f) => ({
    file: f, status: 'error', error: { code: 'NOT_FOUND', message: explain('NOT_FOUND', f) }, warnings: [], clauses: [],
  }));
  if (!files.length) return results;
  const pool = new AnalysisPool({ ...opts, concurrency: Math.min(opts.concurrency ?? availableParallelism(), files.length) });
  let done = 0;
  try {
    const out = await Promise.all(files.map(async (f) => {
      const r = await pool.analyze(f, { ...opts.ingest, ...opts.perFile?.(f) });
      opts.onResult?.(r, ++done, files.length);
      return r;
    }));
    results.push(...out);
  } finally {
    await pool.close();
  }
  return results;
}
