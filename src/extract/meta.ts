// Document-level facts that are not found sentence by sentence: the document's name, its parties and
// its dates, read from the title and preamble. Pure: text in, clauses out.
import type { Clause } from '../schema.js';

export function extractMeta(_text: string): Clause[] {
  return [];
}
