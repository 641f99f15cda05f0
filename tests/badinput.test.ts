// Every case of ../shared/badinput/CASES.md over the real files, through the analysis pool (the dangerous
// files are only ever parsed in pool children, never in this process). One pool serves all 88 files.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AnalysisPool, type RunInfo } from '../src/pipeline/pool.js';
import type { DocumentResult } from '../src/schema.js';
import { BADINPUT, CASES, isAlive, isCorpusDoc } from './badinput.cases.js';
import { describeCorpus } from './shared-data.js';

const results = new Map<string, DocumentResult>();
const runs = new Map<string, RunInfo>();
const extra = new Map<string, DocumentResult>();
let pids: number[] = [];
let alive: number[] = [];

beforeAll(async () => {
  const pool = new AnalysisPool({
    concurrency: 2,
    timeoutMs: 30_000,
    pollMs: 20,
    onFinished: (i) => runs.set(path.relative(BADINPUT, i.file), i),
  });
  const files = Object.keys(CASES);
  const all = await Promise.all([
    ...files.map((f) => pool.analyze(path.join(BADINPUT, f))),
    // case 3: a wrong password is "incorrect", the right one opens the file
    pool.analyze(path.join(BADINPUT, 'pdfjs/pr6531_1.pdf'), { password: 'wrong' }),
    pool.analyze(path.join(BADINPUT, 'pdfjs/pr6531_2.pdf'), { password: 'asdfasdf' }),
    pool.analyze(path.join(BADINPUT, 'pdfjs/issue6010_2.pdf'), { password: 'æøå' }),
    pool.analyze(path.join(BADINPUT, 'py-pdf-sample-files/libreoffice-writer-password.pdf'), {
      password: 'openpassword',
    }),
    pool.analyze(path.join(BADINPUT, 'py-pdf-sample-files/libreoffice-writer-password.pdf'), {
      password: 'permissionpassword-not-the-user-one',
    }),
  ]);
  files.forEach((f, i) => results.set(f, all[i]!));
  const tail = all.slice(files.length);
  ['wrong', 'right-2', 'right-utf8', 'right-lo', 'wrong-lo'].forEach((k, i) => extra.set(k, tail[i]!));
  pids = pool.pids();
  await pool.close();
  alive = pids.filter(isAlive);
}, 170_000);

afterAll(() => {
  // the measured figures, for the record
  const rows = [...runs.values()]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 8)
    .map(
      (r) => `${path.relative(BADINPUT, r.file)} ${r.ms} ms ${r.peakRssMb} MB${r.killed ? ' killed:' + r.killed : ''}`,
    );
  console.log(`slowest documents:\n  ${rows.join('\n  ')}`);
});

describeCorpus('bad input (CASES.md)', () => {
  it('the table covers every hostile file in the folder', () => {
    const onDisk = (readdirSync(BADINPUT, { recursive: true }) as string[])
      .filter((f) => !isCorpusDoc(f) && /\.[a-z0-9]+$/i.test(f) && !readdirSync(BADINPUT).includes(f))
      .sort();
    expect(onDisk).toHaveLength(88);
    expect(Object.keys(CASES).sort()).toEqual(onDisk);
  });

  it.each(Object.entries(CASES))('%s', (file, want) => {
    const r = results.get(file)!;
    expect(r, file).toBeDefined();
    const got = r.error?.code;
    if (want.orCode && got === want.orCode) {
      expect(r.status).toBe('error');
    } else {
      expect({ status: r.status, code: got }).toEqual({ status: want.status, code: want.code });
    }
    // every failure is a sentence naming the file and saying what to do, never a parser's message
    if (r.error) {
      expect(r.error.message.startsWith(path.join(BADINPUT, file) + ':')).toBe(true);
      expect(r.error.message.slice(path.join(BADINPUT, file).length)).not.toMatch(
        /PasswordException|InvalidPDFException|UnknownErrorException|xmldom|jszip|Corrupted zip|undefined/,
      );
      expect(r.error.message.length).toBeGreaterThan(file.length + 30);
    }
    for (const w of want.warnings ?? [])
      expect(
        r.warnings.map((x) => x.code),
        `${file} warns ${w}`,
      ).toContain(w);
    const run = runs.get(file)!;
    if (want.budgetMs) expect(run.ms, `${file} took ${run.ms} ms`).toBeLessThan(want.budgetMs);
  });

  it('says "password incorrect" for a wrong password and opens with the right one', () => {
    expect(extra.get('wrong')!.error?.code).toBe('PASSWORD_INCORRECT');
    expect(extra.get('wrong-lo')!.error?.code).toBe('PASSWORD_INCORRECT');
    for (const k of ['right-2', 'right-utf8']) expect(extra.get(k)!.error?.code ?? 'opened').not.toMatch(/^PASSWORD_/);
    const lo = extra.get('right-lo')!;
    expect(lo.status).toBe('ok');
    expect(lo.chars).toBeGreaterThan(400);
    for (const f of Object.keys(CASES).filter((k) => CASES[k]!.case === 3)) {
      expect(results.get(f)!.error!.message).toMatch(/password required\. Give it with --password/);
    }
  });

  it('stops the JBIG2 bomb at its cap in seconds, as "file too complex"', () => {
    const r = results.get('pdfjs/bomb_giant.pdf')!;
    expect(r.error!.message).toMatch(/file too complex/);
    expect(runs.get('pdfjs/bomb_giant.pdf')!.peakRssMb).toBeLessThan(1100);
  });

  it('rejects the zip bomb from its directory, before inflating, in little memory', () => {
    const r = results.get('derived/zip-bomb-700MB-document-xml.docx')!;
    expect(r.error!.message).toMatch(/word\/document\.xml would inflate to \d+ MB/);
    expect(runs.get('derived/zip-bomb-700MB-document-xml.docx')!.peakRssMb).toBeLessThan(300);
  });

  it('says "password-protected document" for an encrypted zip', () => {
    expect(results.get('jszip/encrypted.zip')!.error!.message).toMatch(/password-protected document/);
  });

  it('never shows local file content or reads entities', () => {
    for (const r of results.values()) {
      expect(JSON.stringify(r)).not.toMatch(/root:x:0:0|lollollol/);
    }
  });

  it('notes the tracked changes with their author and the deleted text', () => {
    const del = results.get('pandoc/track_changes_deletion.docx')!.warnings.find((w) => w.code === 'TRACKED_CHANGES')!;
    expect(del.message).toMatch(/all changes accepted/);
    expect(del.message).toContain('n excessively modified');
    const ins = results.get('pandoc/track_changes_insertion.docx')!.warnings.find((w) => w.code === 'TRACKED_CHANGES')!;
    expect(ins.message).toContain('eng-dept');
  });

  it('counts the pages it read, not the /Count a file claims', () => {
    expect(results.get('pdfjs/poppler-85140-0.pdf')!.pages ?? 0).toBeLessThan(10);
  });

  it('leaves no child process behind', () => {
    expect(pids.length).toBeGreaterThan(0);
    expect(alive).toEqual([]);
  });
});
