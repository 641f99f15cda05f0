// `clausemap terms` on a term database whose pages are damaged: one sentence naming the file and what to do,
// exit 2, never a stack trace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'bin/clausemap.js');

it('reports a damaged term database in one sentence', () => {
  const db = path.join(mkdtempSync(path.join(tmpdir(), 'clausemap-corrupt-')), 'terms.db');
  const made = spawnSync(
    process.execPath,
    [CLI, 'extract', path.join(ROOT, 'fixtures/portfolio/01-harbor-lane-logistics.docx'), '--db', db, '-q'],
    { encoding: 'utf8' },
  );
  expect(made.status).toBe(0);
  // every page after the first two overwritten in part: the schema is readable, the rows are not
  const fd = openSync(db, 'r+');
  for (let off = 8192; off < statSync(db).size; off += 4096) writeSync(fd, Buffer.alloc(200, 0xff), 0, 200, off);
  closeSync(fd);
  const r = spawnSync(process.execPath, [CLI, 'terms', '--db', db], { encoding: 'utf8' });
  expect(r.status).toBe(2);
  expect(r.stderr).toContain(`the term database ${db} cannot be read`);
  expect(r.stderr).toMatch(/Delete it/);
  expect(r.stderr).not.toMatch(/\n\s+at /);
});
