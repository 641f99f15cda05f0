// The analysis pool's caps, each on its own: the OS data limit, the wall-clock cap and the resident-memory
// cap. A document over a cap gets TOO_COMPLEX, its child is killed and replaced, the next document is
// analysed normally, and close() leaves no process behind. The JBIG2 bomb only ever runs in a child.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeInputs } from '../src/pipeline/index.js';
import { AnalysisPool, type RunInfo } from '../src/pipeline/pool.js';
import { BADINPUT, isAlive } from './badinput.cases.js';
import { HAS_SHARED } from './shared-data.js';

const BOMB = path.join(BADINPUT, 'pdfjs/bomb_giant.pdf');
const GOOD = path.join(BADINPUT, 'py-pdf-sample-files/multicolumn.pdf');

async function runAll(opts: ConstructorParameters<typeof AnalysisPool>[0], files: string[]) {
  const runs: RunInfo[] = [];
  const pool = new AnalysisPool({ concurrency: 1, ...opts, onFinished: (r) => runs.push(r) });
  const results = [];
  for (const f of files) results.push(await pool.analyze(f));
  const pids = pool.pids();
  await pool.close();
  return { results, runs, pids, closedPids: pool.pids() };
}

describe('analysis pool caps', () => {
  it.skipIf(!HAS_SHARED)(
    'the data limit stops the JBIG2 bomb in seconds; the next file is read by a working child',
    async () => {
      const { results, runs, pids, closedPids } = await runAll({ timeoutMs: 60_000 }, [BOMB, GOOD]);
      expect(results[0]!.error?.code).toBe('TOO_COMPLEX');
      expect(runs[0]!.ms).toBeLessThan(15_000);
      expect(results[1]!.status).toBe('ok');
      expect(closedPids).toEqual([]);
      expect(pids.filter(isAlive)).toEqual([]);
    },
  );

  it.skipIf(!HAS_SHARED)('without the data limit, the time cap kills the bomb', async () => {
    const { results, runs } = await runAll({ timeoutMs: 3000, dataLimitMb: 0 }, [BOMB, GOOD]);
    expect(results[0]!.error?.code).toBe('TOO_COMPLEX');
    expect(results[0]!.error!.message).toMatch(/still reading after 3 s/);
    expect(runs[0]!.killed).toBe('time');
    expect(results[1]!.status).toBe('ok');
  });

  it.skipIf(!HAS_SHARED)('the memory cap kills a child whose PDF costs more than it', async () => {
    // the cap counts above what the child held when it started on the PDF, pdf.js loaded
    const { results, runs } = await runAll({ maxMemoryMb: 1, pollMs: 5 }, [GOOD]);
    expect(results[0]!.error?.code).toBe('TOO_COMPLEX');
    expect(results[0]!.error!.message).toMatch(/over 1 MB of memory/);
    expect(runs[0]!.killed).toBe('memory');
  });

  it('never rejects, even for a missing file or after close()', async () => {
    const pool = new AnalysisPool({ concurrency: 1 });
    const missing = await pool.analyze(path.join(BADINPUT, 'no/such/file.pdf'));
    expect(missing.error?.code).toBe('NOT_FOUND');
    await pool.close();
    const late = await pool.analyze(GOOD);
    expect(late.error?.code).toBe('INTERNAL');
    expect(pool.pids()).toEqual([]);
  });

  it.skipIf(!HAS_SHARED)(
    'passes a password per file (the clausemap.yaml hook) and the --password default',
    async () => {
      const locked = path.join(BADINPUT, 'py-pdf-sample-files/libreoffice-writer-password.pdf');
      const aes = path.join(BADINPUT, 'pdfjs/pr6531_1.pdf');
      const perFile = (f: string) => (f === locked ? { password: 'openpassword' } : undefined);
      const [a, b] = await analyzeInputs([locked, aes], {
        concurrency: 1,
        exitOnSignal: false,
        perFile,
        ingest: { password: 'not-this-one' },
      });
      expect(a!.status).toBe('ok');
      expect(b!.error?.code).toBe('PASSWORD_INCORRECT');
    },
  );
});

describe('the parent process', () => {
  it('does not load the document readers: only a process that reads a PDF loads pdf.js', async () => {
    const { execFileSync } = await import('node:child_process');
    const dist = path.resolve(__dirname, '../dist');
    // pdf.js announces itself as globalThis.pdfjsLib when it loads
    const probe = (modules: string[]) =>
      execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `${modules.map((m) => `await import(${JSON.stringify(path.join(dist, m))});`).join(' ')} console.log(typeof globalThis.pdfjsLib)`,
        ],
        { encoding: 'utf8' },
      ).trim();
    expect(probe(['commands/audit.js', 'commands/extract.js', 'pipeline/index.js', 'pipeline/pool.js'])).toBe(
      'undefined',
    );
    expect(probe(['pipeline/analyze.js'])).toBe('undefined');
    // the probe sees the reader where it is loaded: reading a PDF loads it
    const pdf = path.resolve(__dirname, '../fixtures/portfolio/02-brightwater-health-msa.pdf');
    expect(
      execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `const { ingestFile } = await import(${JSON.stringify(path.join(dist, 'ingest/index.js'))}); await ingestFile(${JSON.stringify(pdf)}); console.log(typeof globalThis.pdfjsLib)`,
        ],
        { encoding: 'utf8' },
      ).trim(),
    ).toBe('object');
  });
});
