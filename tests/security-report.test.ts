// What the report says about the run itself: the clausemap.yaml it applied (a folder's configuration can
// change findings, e.g. `status: expired`), and that reports written into the audited folder change nothing.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cleanup, cli, findingsOf, portfolioCopy, report, temp } from './security-helpers.js';

afterAll(cleanup);

const CONTRACT = (client: string, days: number) => `CONSULTING AGREEMENT
This Consulting Agreement is made on January 5, 2026 between ${client} ("Client") and Okafor Data Works LLC ("Consultant").
1. Payment. Client shall pay each invoice within ${days} days of receipt.
2. Termination. Either party may terminate this Agreement for convenience on ${days} days' written notice.
`;

describe('the configuration applied', () => {
  const dir = path.join(temp('report'), 'contracts');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'a.txt'), CONTRACT('Acme Freight, Inc.', 30));
  writeFileSync(path.join(dir, 'b.txt'), CONTRACT('Beta Health LLC', 90));
  const config = path.join(dir, 'clausemap.yaml');
  writeFileSync(config, 'me: Okafor Data Works LLC\ncontracts:\n  b.txt:\n    status: expired\n');
  const cache = temp('cache');

  for (const format of ['md', 'html', 'json', 'csv'] as const) {
    it(`is named in the ${format} report`, () => {
      const r = cli(['audit', dir, '-q', '-f', format], cache);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(config);
      if (format === 'json') expect(report(r).config).toBe(config);
    });
  }

  it('is named in the PDF report', () => {
    const out = path.join(temp('pdf'), 'report.pdf');
    const r = cli(['audit', dir, '-q', '-o', out], cache, 120_000);
    expect(r.status).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/Configuration applied/);
    expect(text.replace(/\s+/g, '')).toContain(config);
  });

  it('is named in the extract table', () => {
    const r = cli(['extract', dir, '-q', '-f', 'table'], cache);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(`configuration applied: ${config}`);
  });
});

describe('reports written into the audited folder', () => {
  it('leave the findings of a second run (with its term database) as they were', () => {
    const dir = portfolioCopy();
    const cache = temp('cache');
    const first = cli(['audit', dir, '-o', path.join(dir, 'report.json')], cache);
    expect(first.status).toBe(0);
    expect(cli(['audit', dir, '-q', '-o', path.join(dir, 'report.md')], cache).status).toBe(0);
    const again = cli(['audit', dir, '-q', '-f', 'json'], cache);
    expect(again.status).toBe(0);
    const firstReport = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as ReturnType<typeof report>;
    expect(findingsOf(report(again))).toEqual(findingsOf(firstReport));
  });
});

describe('a report that cannot be written', () => {
  const dir = path.join(temp('small'), 'contracts');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'a.txt'), CONTRACT('Acme Freight, Inc.', 30));
  writeFileSync(path.join(dir, 'b.txt'), CONTRACT('Beta Health LLC', 90));

  for (const format of ['md', 'json'] as const) {
    it(`a file size limit (as a full disk) on --out, ${format}: a sentence, exit 4, no partial file`, () => {
      const outDir = temp('full');
      const out = path.join(outDir, `report.${format}`);
      // ulimit -f: the child may write files of a few kilobytes at most (EFBIG beyond, like ENOSPC)
      const r = spawnSync(
        'sh',
        ['-c', 'ulimit -f 4 && exec "$0" "$@"', process.execPath, BIN, 'audit', dir, '-q', '--no-db', '-o', out],
        { encoding: 'utf8', timeout: 60_000, env: { ...process.env, XDG_CACHE_HOME: temp('cache') } },
      );
      expect(r.status).toBe(4);
      expect(r.stderr).toMatch(/--out .*report\.\w+: the report could not be written \(the file is larger/);
      expect(r.stderr).not.toMatch(/internal error/);
      expect(readdirSync(outDir)).toEqual([]);
    });
  }

  it('the partial file of a killed run is removed by the next run', () => {
    const outDir = temp('stale');
    const gone = spawnSync('true').pid!; // a process that has ended
    const stale = path.join(outDir, `report.md.partial-${gone}`);
    writeFileSync(stale, '# half a report');
    const r = cli(['audit', dir, '-q', '--no-db', '-o', path.join(outDir, 'report.md')], temp('cache'));
    expect(r.status).toBe(0);
    expect(readdirSync(outDir)).toEqual(['report.md']);
  });
});

describe('an interrupted PDF print', () => {
  it('leaves no Chromium profile or Chromium temp folder in TMPDIR', async () => {
    const dir = path.join(temp('print'), 'contracts');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'a.txt'), CONTRACT('Acme Freight, Inc.', 30));
    writeFileSync(path.join(dir, 'b.txt'), CONTRACT('Beta Health LLC', 90));
    const cache = temp('cache');
    // Ctrl-C as Chromium starts, while it loads, and while it prints
    for (const delayMs of [0, 400, 900]) {
      const tmp = temp('tmpdir');
      const outDir = temp('out');
      const child = spawn(process.execPath, [BIN, 'audit', dir, '-q', '-o', path.join(outDir, 'r.pdf')], {
        env: { ...process.env, XDG_CACHE_HOME: cache, TMPDIR: tmp },
        stdio: 'ignore',
      });
      const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
        child.on('close', (code, signal) => resolve([code, signal])),
      );
      for (let t = 0; t < 1200 && !readdirSync(tmp).some((f) => f.startsWith('clausemap-chromium-')); t++)
        await new Promise((r) => setTimeout(r, 25));
      await new Promise((r) => setTimeout(r, delayMs));
      child.kill('SIGINT');
      const [code, signal] = await exited;
      // 130: stopped by the run's handler; 0, or the default end by SIGINT (the shell's 130 too): the signal
      // came after the run had finished and let go of its handler
      expect(code === 130 || code === 0 || signal === 'SIGINT').toBe(true);
      expect(readdirSync(tmp)).toEqual([]);
      // no partial file: either no report or a whole one
      const written = readdirSync(outDir);
      if (code === 0) expect(written).toEqual(['r.pdf']);
      if (written.length) {
        expect(written).toEqual(['r.pdf']);
        const pdf = readFileSync(path.join(outDir, 'r.pdf'), 'latin1');
        expect(pdf.startsWith('%PDF-')).toBe(true);
        expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
      }
    }
  }, 120_000);
});
