// One document, start to finish: ingest then extract. Turns every failure into a DocumentResult with a
// stable code. Runs inside a pool child (src/pipeline/child.ts) so that the parent can cap it.
import { ClausemapError, explain } from '../errors.js';
import { extractClauses } from '../extract/index.js';
import { loadClauseModel } from '../extract/clause-model.js';
import type { ClauseRule } from '../extract/compiled-rules.js';
import { ingestBuffer, ingestFile, type IngestOptions } from '../ingest/index.js';
import { ocrReview } from '../ingest/ocr-text.js';
import type { DocumentResult } from '../schema.js';
import { failed } from './failed.js';

export async function analyzeFile(
  file: string,
  rules: readonly ClauseRule[],
  opts: IngestOptions = {},
  bytes?: Uint8Array,
): Promise<DocumentResult> {
  try {
    // bytes that came from elsewhere (a queue): `file` only names the document
    const doc = bytes
      ? await ingestBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), file, opts)
      : await ingestFile(file, opts);
    // the rules, plus further segments of the categories they found, from the model shipped in models/
    const found = extractClauses(doc, rules, { model: loadClauseModel() });
    // a clause from a page OCR read with little confidence is marked for review, in every report
    const clauses = doc.ocrPages
      ? found.map((c) => {
          const review = ocrReview(doc.ocrPages, [c.page, ...(c.parts ?? []).map((p) => p.page)]);
          return review ? { ...c, review } : c;
        })
      : found;
    return {
      file,
      status: 'ok',
      kind: doc.kind,
      pages: doc.pageStarts.length,
      chars: doc.text.length,
      sha256: doc.sha256,
      bytes: doc.bytes,
      ...(doc.title ? { title: doc.title } : {}),
      warnings: doc.warnings,
      clauses,
    };
  } catch (e) {
    if (e instanceof ClausemapError) {
      const r = failed(file, e.code, e.message, e.warnings, e.status);
      return e.pages !== undefined ? { ...r, pages: e.pages } : r;
    }
    return failed(file, 'INTERNAL', explain('INTERNAL', file, (e as Error)?.message ?? String(e)));
  }
}
