// A document that could not be analysed, as a result. Kept apart from the analysis itself so that the parent
// process, which never reads a document, does not load the readers (pdf.js, mammoth) to build one.
import type { ClausemapError } from '../errors.js';
import type { DocumentResult, Warning } from '../schema.js';

export function failed(file: string, code: ClausemapError['code'], message: string, warnings: Warning[] = [], status: 'error' | 'skipped' = 'error'): DocumentResult {
  return { file, status, error: { code, message }, warnings, clauses: [] };
}
