// Folder walks: which files of a folder become inputs.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandInputs } from '../src/pipeline/inputs.js';

const dir = mkdtempSync(path.join(tmpdir(), 'clausemap-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('expandInputs', () => {
  it('lists hidden files but not hidden folders, bookkeeping files or YAML configuration', () => {
    for (const f of [
      'b.pdf',
      'a.docx',
      '.hidden-contract.txt',
      '.DS_Store',
      '~$lock.docx',
      'clausemap.yaml',
      'notes.md',
    ])
      writeFileSync(path.join(dir, f), 'x');
    mkdirSync(path.join(dir, '.clausemap'));
    writeFileSync(path.join(dir, '.clausemap', 'terms.db'), 'x');
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub', 'c.pdf'), 'x');
    const { files, missing } = expandInputs([dir, path.join(dir, 'nope.pdf')]);
    expect(files.map((f) => path.relative(dir, f))).toEqual([
      '.hidden-contract.txt',
      'a.docx',
      'b.pdf',
      'notes.md',
      path.join('sub', 'c.pdf'),
    ]);
    expect(missing).toEqual([path.join(dir, 'nope.pdf')]);
  });
  it('reads a YAML file named explicitly, once', () => {
    const y = path.join(dir, 'clausemap.yaml');
    expect(expandInputs([y, y]).files).toEqual([y]);
  });
});
