// The streamed extract JSON is byte for byte what JSON.stringify gives for the whole list, and an
// interrupted write leaves no file behind.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonDocumentsWriter } from '../src/report/json-stream.js';
import type { DocumentResult } from '../src/schema.js';
import { removeTemp, tempDir } from './batch-helpers.js';

afterAll(removeTemp);

const doc = (i: number): DocumentResult => ({
  file: `dir/contract "${i}".pdf`,
  status: 'ok',
  kind: 'pdf',
  pages: 2,
  warnings: [{ code: 'W', message: 'line\nbreak' }],
  clauses: [
    {
      category: 'term.renewal',
      start: 0,
      end: 9,
      text: 'Renews.\n\u2028',
      page: 1,
      ruleId: 'term/renewal#0',
      heading: undefined,
      attributes: { noticeDays: 30, parties: [{ name: 'A' }] },
    },
  ],
});

describe('streamed JSON', () => {
  for (const n of [0, 1, 3]) {
    it(`equals JSON.stringify for ${n} document(s)`, () => {
      const out = path.join(tempDir('json'), 'sub', 'out.json');
      const w = new JsonDocumentsWriter(out);
      const docs = Array.from({ length: n }, (_, i) => doc(i));
      docs.forEach((d) => w.write(d));
      expect(existsSync(out)).toBe(false); // only renamed into place at the end
      w.end();
      expect(readFileSync(out, 'utf8')).toBe(JSON.stringify({ documents: docs }, null, 2) + '\n');
    });
  }

  it('leaves nothing behind when aborted', () => {
    const dir = tempDir('json-abort');
    const w = new JsonDocumentsWriter(path.join(dir, 'out.json'));
    w.write(doc(1));
    w.abort();
    expect(readdirSync(dir)).toEqual([]);
  });
});
