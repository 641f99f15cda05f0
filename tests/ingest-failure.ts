// The ClausemapError that ingesting a file ends in (a test of a file that must not read).
import { ClausemapError } from '../src/errors.js';
import { ingestFile, type IngestOptions } from '../src/ingest/index.js';

export async function failure(file: string, opts?: IngestOptions): Promise<ClausemapError> {
  try {
    await ingestFile(file, opts);
  } catch (e) {
    if (e instanceof ClausemapError) return e;
    throw e;
  }
  throw new Error(`${file} was read`);
}
