// A document that could not be analysed, as a result: built by the analysis in a pool child (analyze.ts) and
// by the pool in the parent for a document whose child it killed or lost (pool.ts). Kept apart from the
// analysis so that the parent, which never reads a document, does not load the readers (pdf.js) to build one.
import type { ClausemapError } from '../errors.js';
import type { DocumentResult, Warning } from '../schema.js';

export function failed(
  file: string,
  code: ClausemapError['code'],
  message: string,
  warnings: Warning[] = [],
  status: 'error' | 'skipped' = 'error',
): DocumentResult {
  return { file, status, error: { code, message }, warnings, clauses: [] };
}
