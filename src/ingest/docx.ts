// Ingest: DOCX through mammoth (raw text). One page: Word files have no fixed pagination.
import mammoth from 'mammoth';
import { errorFor } from '../errors.js';
import type { Warning } from '../schema.js';
import { cleanExtracted } from './clean.js';

export async function readDocx(buf: Buffer, file: string): Promise<{ text: string; warnings: Warning[] }> {
  const warnings: Warning[] = [];
  let value: string;
  try {
    const r = await mammoth.extractRawText({ buffer: buf });
    value = r.value;
  } catch (e) {
    const msg = (e as Error)?.message ?? String(e);
    if (/Could not find (main document part|file word\/document\.xml)|Can't find end of central directory|End of data reached|is this a zip file/i.test(msg)) throw errorFor('NOT_A_WORD_DOCUMENT', file);
    throw errorFor('CORRUPT_DOCX', file, msg.slice(0, 120));
  }
  const text = cleanExtracted(value).replace(/\n{3,}/g, '\n\n');
  return { text, warnings };
}
