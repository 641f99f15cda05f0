// Word 97-2003 (.doc) through antiword and RTF through unrtf, on real files: the corpus's .doc under its own
// name and under a .docx name, RTF made here (accents, a \u escape, a .doc name), and what a .doc that is
// something else still gets. Without the converter on the PATH, LEGACY_DOC says how to get it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../src/ingest/index.js';
import type { DocumentResult } from '../src/schema.js';
import { failure } from './ingest-failure.js';
import { BADINPUT } from './badinput.cases.js';
import { ROOT } from './e2e-expected.js';
import { HAS_SHARED } from './shared-data.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'clausemap-legacy-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function put(name: string, data: string): string {
  const f = path.join(tmp, name);
  writeFileSync(f, data, 'latin1');
  return f;
}

const RTF =
  '{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\f0\\fs24 ' +
  '{\\b 7. Termination.} Either party may terminate this Agreement on thirty (30) days\\rquote  written notice.\\par ' +
  'The caf\\u233? supplier and the r\\u233?sum\\u233? clause apply in M\\u252?nchen.\\par}';

describe('Word 97-2003 and RTF', () => {
  it.skipIf(!HAS_SHARED)('reads a .doc through antiword, under its own name or a .docx one', async () => {
    for (const f of ['textract/raw_text.doc', 'textract/raw_text.doc-renamed.docx']) {
      const d = await ingestFile(path.join(BADINPUT, f));
      expect(d.kind).toBe('doc');
      expect(d.text).toMatch(/^I love word documents\. They are lovely\./);
      expect(d.pageStarts).toEqual([0]);
    }
  });

  it('reads RTF through unrtf, accents and all, and an RTF saved under a .doc name', async () => {
    for (const name of ['terms.rtf', 'terms.doc']) {
      const d = await ingestFile(put(name, RTF));
      expect(d.kind).toBe('rtf');
      expect(d.text).toContain(
        "7. Termination. Either party may terminate this Agreement on thirty (30) days' written notice.",
      );
      expect(d.text).toContain('The café supplier and the résumé clause apply in München.');
      expect(d.text).not.toMatch(/###|UnRTF/);
    }
  });

  it('gives a .doc that is something else its own code', async () => {
    const html = await failure(put('page.doc', '<!DOCTYPE html><html><body>Agreement</body></html>'));
    expect([html.code, html.message]).toEqual(['UNSUPPORTED_TYPE', expect.stringMatching(/web page \(HTML\)/)]);
    expect((await failure(put('notes.doc', 'plain text named as Word'))).code).toBe('CORRUPT_DOCX');
  });

  it.skipIf(!HAS_SHARED)(
    'without antiword, LEGACY_DOC says how to get it',
    () => {
      const r = spawnSync(
        process.execPath,
        [
          path.join(ROOT, 'bin/clausemap.js'),
          'extract',
          '--no-db',
          '-q',
          '-f',
          'json',
          path.join(BADINPUT, 'textract/raw_text.doc'),
        ],
        { env: { ...process.env, PATH: '/nonexistent' }, encoding: 'utf8' },
      );
      const doc = (JSON.parse(r.stdout) as { documents: DocumentResult[] }).documents[0]!;
      expect(doc.error?.code).toBe('LEGACY_DOC');
      expect(doc.error?.message).toMatch(
        /needs the antiword converter: install it \(Debian\/Ubuntu: apt-get install antiword/,
      );
    },
    60_000,
  );
});
