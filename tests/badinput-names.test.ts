// CASES.md #24: hostile input names (../../etc/x.pdf, ..\x.docx, CON.pdf, 300-character paths, control
// and bidi characters) never influence where output goes: extract and audit write only the --out file.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DocumentResult } from '../src/schema.js';
import { describeCorpus, HAS_SHARED, SHARED } from './shared-data.js';

const ROOT = path.resolve(__dirname, '..');
const FORMS = path.join(SHARED, 'corpus', 'forms');
const GOOD_PDF = path.join(FORMS, 'pdf/common-paper/common-paper-mutual-nda.pdf');
const GOOD_DOCX = path.join(FORMS, 'docx/common-paper/common-paper-one-way-nda.docx');
const GOOD_TXT = path.join(SHARED, 'corpus', 'cuad', 'txt', 'LIMEENERGYCO_09_09_1999-EX-10-DISTRIBUTOR AGREEMENT.txt');

// without ../shared every test here is skipped, and the hooks with them: no folder to make or remove
const tmp = HAS_SHARED ? mkdtempSync(path.join(tmpdir(), 'clausemap-names-')) : '';
const cwd = path.join(tmp, 'work', 'a', 'b'); // "../../etc/x.pdf" from here is tmp/work/etc/x.pdf
const inDir = path.join(tmp, 'work', 'in');
const outDir = path.join(tmp, 'out');
const home = path.join(tmp, 'home');
const longDir = path.join(inDir, 'd'.repeat(80));
const NAMES: [string, string][] = [
  ['..\\x.docx', GOOD_DOCX],
  ['CON.pdf', GOOD_PDF],
  ['aux', GOOD_TXT],
  [`${'n'.repeat(246)}.txt`, GOOD_TXT],
  ['bell\x07esc\x1b[31mred.txt', GOOD_TXT],
  ['line\nbreak.txt', GOOD_TXT],
  ['invoice\u202Efdp.exe.txt', GOOD_TXT],
  ['<script>alert(1)<\\script>.docx', GOOD_DOCX],
];

function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = path.join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(path.relative(tmp, p));
    }
  };
  walk(dir);
  return out.sort();
}

function clausemap(args: string[]): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/clausemap.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, HOME: home, XDG_CACHE_HOME: path.join(home, '.cache') },
    timeout: 240_000,
  });
  return { status: r.status, stderr: r.stderr };
}

let before: string[];
let after: string[];
let extract: { status: number | null; stderr: string };
let auditJson: { status: number | null; stderr: string };

beforeAll(() => {
  for (const d of [cwd, longDir, path.join(tmp, 'work', 'etc'), outDir, home]) mkdirSync(d, { recursive: true });
  for (const [name, src] of NAMES) copyFileSync(src, path.join(inDir, name));
  copyFileSync(GOOD_TXT, path.join(longDir, `${'l'.repeat(240)}.txt`));
  copyFileSync(GOOD_PDF, path.join(tmp, 'work', 'etc', 'x.pdf'));
  before = listTree(tmp);
  // a name starting with a dot is a hidden file to the folder walk, so it is also named explicitly
  const inputs = ['../../in', '../../etc/x.pdf', '../../in/..\\x.docx'];
  extract = clausemap([
    'extract',
    ...inputs,
    '--format',
    'json',
    '--no-db',
    '--out',
    path.join(outDir, 'clauses.json'),
  ]);
  auditJson = clausemap([
    'audit',
    ...inputs,
    '--format',
    'json',
    '--no-db',
    '--quiet',
    '--out',
    path.join(outDir, 'report.json'),
  ]);
  after = listTree(tmp);
}, 400_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describeCorpus('hostile input names', () => {
  it('analyses every copy, whatever its name', () => {
    expect(extract.status, extract.stderr).toBe(0);
    const docs = (
      JSON.parse(readFileSync(path.join(outDir, 'clauses.json'), 'utf8')) as { documents: DocumentResult[] }
    ).documents;
    expect(docs).toHaveLength(NAMES.length + 2);
    expect(docs.every((d) => d.status === 'ok')).toBe(true);
    const names = docs.map((d) => path.basename(d.file));
    for (const [name] of NAMES) expect(names).toContain(name);
  });

  it('writes only the --out files, nothing next to the inputs, the working folder or home', () => {
    expect(auditJson.status, auditJson.stderr).toBe(0);
    const added = after.filter((f) => !before.includes(f));
    expect(added.sort()).toEqual(['out/clauses.json', 'out/report.json']);
    expect(before.filter((f) => !after.includes(f))).toEqual([]);
  });

  it('shows names in the JSON output only as escaped text', () => {
    const raw = readFileSync(path.join(outDir, 'report.json'), 'utf8');
    // eslint-disable-next-line no-control-regex -- no raw control character may reach the JSON
    expect(raw).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f]/);
    expect(raw).toContain('bell\\u0007esc\\u001b[31mred.txt');
  });
});
