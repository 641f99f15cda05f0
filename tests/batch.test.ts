// Batches through the CLI (a frozen copy of the built package): reuse from the term database on a second
// run, re-analysis of a changed file only, output in input order whatever the completion order, stdout
// holding only the output, `clausemap terms`, and Ctrl-C: exit 130, what was done is kept, and the re-run
// finishes the rest with output identical to an uninterrupted run.
import { spawn } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CUAD, removeTemp, runCli, snapshotPackage, tempDir, type CliRun } from './batch-helpers.js';
import { describeCorpus } from './shared-data.js';

const PDF = path.join(CUAD, 'pdf');
const TXT = path.join(CUAD, 'txt');
let bin = '';

beforeAll(() => {
  bin = snapshotPackage();
});
afterAll(removeTemp);

/** "N analysed, M reused" from the summary line on stderr. */
function counts(r: CliRun): { analysed: number; reused: number } {
  const m = /(\d+) analysed, (\d+) reused/.exec(r.stderr);
  if (!m) throw new Error(`no summary on stderr:\n${r.stderr}`);
  return { analysed: Number(m[1]), reused: Number(m[2]) };
}

const bySize = (dir: string) =>
  readdirSync(dir)
    .map((f) => ({ f, size: statSync(path.join(dir, f)).size }))
    .sort((a, b) => a.size - b.size || (a.f < b.f ? -1 : 1));

describeCorpus('a batch with a term database', () => {
  let dir = '';
  let db = '';
  let first: CliRun;
  let second: CliRun;
  const names: string[] = [];

  beforeAll(async () => {
    const work = tempDir('batch');
    dir = path.join(work, 'portfolio');
    db = path.join(work, 'terms.db');
    mkdirSync(dir);
    // the first file takes longest, so the others finish before it: output must still follow input order
    const pdfs = bySize(PDF);
    copyFileSync(path.join(PDF, pdfs[Math.floor(pdfs.length * 0.6)]!.f), path.join(dir, 'a-longest.pdf'));
    bySize(TXT)
      .slice(40, 45)
      .forEach(({ f }, i) => copyFileSync(path.join(TXT, f), path.join(dir, `b-${i}.txt`)));
    copyFileSync(path.join(PDF, pdfs[30]!.f), path.join(dir, 'c-short.pdf'));
    names.push(...readdirSync(dir).sort());
    first = await runCli(bin, ['extract', dir, '--db', db, '--concurrency', '2']);
    second = await runCli(bin, ['extract', dir, '--db', db, '--concurrency', '2']);
  }, 120_000);

  it('analyses every document the first time, in input order whatever finished first', () => {
    expect(first.code).toBe(0);
    expect(counts(first)).toEqual({ analysed: names.length, reused: 0 });
    const docs = (JSON.parse(first.stdout) as { documents: { file: string; status: string }[] }).documents;
    expect(docs.map((d) => path.basename(d.file))).toEqual(names);
    expect(docs.every((d) => d.status === 'ok')).toBe(true);
  });

  it('reuses everything on a second run over the unchanged folder, with identical output', () => {
    expect(second.code).toBe(0);
    expect(counts(second)).toEqual({ analysed: 0, reused: names.length });
    expect(second.stdout).toBe(first.stdout);
  });

  it('writes only the output on stdout, and no progress with --quiet', async () => {
    expect(first.stderr).toMatch(/^clausemap: analysing 7 files/);
    expect(first.stdout.startsWith('{\n  "documents": [\n')).toBe(true);
    const quiet = await runCli(bin, ['extract', dir, '--db', db, '--quiet']);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toBe(first.stdout);
  });

  it('analyses a changed file again, and only that one', async () => {
    appendFileSync(
      path.join(dir, 'b-2.txt'),
      '\nThis Agreement shall be governed by the laws of the State of Delaware.\n',
    );
    const r = await runCli(bin, ['extract', dir, '--db', db]);
    expect(counts(r)).toEqual({ analysed: 1, reused: names.length - 1 });
    const docs = (JSON.parse(r.stdout) as { documents: { file: string; clauses: { text: string }[] }[] }).documents;
    expect(
      docs.find((d) => d.file.endsWith('b-2.txt'))!.clauses.some((c) => c.text.includes('State of Delaware')),
    ).toBe(true);
  });

  it('exports the stored terms as CSV and JSON', async () => {
    const json = await runCli(bin, ['terms', '--db', db, '--format', 'json', '--category', 'admin']);
    expect(json.code).toBe(0);
    const rows = (
      JSON.parse(json.stdout) as { terms: { file: string; category: string; page: number | null; text: string }[] }
    ).terms;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.category.startsWith('admin.') && r.file.startsWith(dir) && r.text.length > 0)).toBe(
      true,
    );
    expect(rows.some((r) => r.text.includes('State of Delaware'))).toBe(true);
    const csv = await runCli(bin, ['terms', '--db', db, '--documents']);
    const lines = csv.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('file,sha256,size,pages,status,error_code,error');
    expect(lines).toHaveLength(names.length + 1);
    const missing = await runCli(bin, ['terms', '--db', path.join(dir, 'nope.db')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no term database at .*nope\.db.*--db/);
  });

  it('keeps the database in the user cache by default, never in the portfolio folder', async () => {
    const cache = tempDir('cache');
    const r = await runCli(bin, ['extract', path.join(dir, 'b-0.txt'), '--quiet'], { XDG_CACHE_HOME: cache });
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, '.clausemap'))).toBe(false);
    expect(readdirSync(path.join(cache, 'clausemap')).some((f) => f.endsWith('.db'))).toBe(true);
  });

  it('uses the user cache for a read-only portfolio and never writes into it', async () => {
    const cache = tempDir('cache');
    // a portfolio folder of its own, marked read-only: clausemap honours the mode bits even where it could
    // write anyway (as root), so this holds for every user
    const ro = tempDir('read-only');
    const name = bySize(TXT)[3]!.f;
    const file = path.join(ro, name);
    copyFileSync(path.join(TXT, name), file);
    chmodSync(ro, 0o555);
    try {
      const r = await runCli(bin, ['extract', file], { XDG_CACHE_HOME: cache });
      expect(r.code).toBe(0);
      expect(readdirSync(path.join(cache, 'clausemap')).some((f) => f.endsWith('.db'))).toBe(true);
      expect(existsSync(path.join(ro, '.clausemap'))).toBe(false);
      expect(readdirSync(ro)).toEqual([name]);
    } finally {
      chmodSync(ro, 0o755); // writable again, so that removeTemp() can empty it
    }
  });
});

describeCorpus('Ctrl-C during a batch', () => {
  it('exits 130 keeping what is done; the re-run finishes the rest with identical output', async () => {
    const work = tempDir('interrupt');
    const dir = path.join(work, 'portfolio');
    mkdirSync(dir);
    const pdfs = bySize(PDF).slice(60, 69);
    pdfs.forEach(({ f }, i) => symlinkSync(path.join(PDF, f), path.join(dir, `${String(i).padStart(2, '0')}.pdf`)));
    const base = path.join(work, 'uninterrupted.json');
    const out = path.join(work, 'out.json');
    const db = path.join(work, 'terms.db');

    const whole = await runCli(bin, [
      'extract',
      dir,
      '--db',
      path.join(work, 'other.db'),
      '--out',
      base,
      '--concurrency',
      '1',
      '--follow-links',
    ]);
    expect(whole.code).toBe(0);

    const child = spawn(
      process.execPath,
      [bin, 'extract', dir, '--db', db, '--out', out, '--concurrency', '1', '--follow-links'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const stored = () => {
      try {
        const d = new Database(db, { readonly: true, fileMustExist: true });
        try {
          return (d.prepare('SELECT count(*) AS n FROM analyses').get() as { n: number }).n;
        } finally {
          d.close();
        }
      } catch {
        return 0;
      }
    };
    for (let t = 0; t < 1200 && stored() < 3; t++) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/interrupted after \d+ of 9 files; the \d+ finished are kept in .*terms\.db/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(work).filter((f) => f.includes('.partial-'))).toEqual([]);
    const kept = stored();
    expect(kept).toBeGreaterThanOrEqual(3);
    expect(kept).toBeLessThan(9);

    const rerun = await runCli(bin, ['extract', dir, '--db', db, '--out', out, '--concurrency', '1', '--follow-links']);
    expect(rerun.code).toBe(0);
    expect(counts(rerun)).toEqual({ analysed: 9 - kept, reused: kept });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(base, 'utf8'));
  }, 180_000);
});
