// The memory cap counts what a document costs: the child's memory above what it held when it started on
// the document (its code, the rules, the model are not the document's). A child a document left much
// larger is ended after it, and the next document gets a fresh one. A document whose child was killed at a
// cap is not kept in the term database as if that were its result: the next run reads it again.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeInputs } from '../src/pipeline/index.js';
import { AnalysisPool, type PoolOptions, type RunInfo } from '../src/pipeline/pool.js';
import { isAlive } from './badinput.cases.js';
import { HAS_SHARED, SHARED } from './shared-data.js';

const CUAD = path.join(SHARED, 'corpus/cuad/txt');
/** 645 bytes: the smallest contract of the CUAD texts */
const SMALL = path.join(CUAD, 'RMRGROUPINC_01_22_2020-EX-99.1-JOINT FILING AGREEMENT.txt');
const OTHER = path.join(CUAD, 'NELNETINC_04_08_2020-EX-1-JOINT FILING AGREEMENT.txt');

const tmp = mkdtempSync(path.join(tmpdir(), 'clausemap-pool-memory-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A 6 MB text: reading it grows a child by well over 20 MB, and it keeps some of that afterwards. */
function largeText(): string {
  const f = path.join(tmp, 'large.txt');
  writeFileSync(f, ('The Supplier shall deliver the goods on time. '.repeat(40) + '\n').repeat(3000));
  return f;
}

async function runAll(opts: PoolOptions, files: string[]) {
  const runs: RunInfo[] = [];
  const pool = new AnalysisPool({ concurrency: 1, pollMs: 10, ...opts, onFinished: (r) => runs.push(r) });
  const results = [];
  for (const f of files) results.push(await pool.analyze(f));
  const pids = pool.pids();
  await pool.close();
  return { results, runs, pids };
}

describe.skipIf(!HAS_SHARED)('the memory cap', () => {
  it('counts what the document costs, not what the idle child holds', async () => {
    // an idle child holds more than 40 MB (node, the rules, the model): a cap on its whole memory failed this
    const { results, runs } = await runAll({ maxMemoryMb: 40 }, [SMALL]);
    expect(results[0]!.status).toBe('ok');
    expect(runs[0]!.killed).toBeUndefined();
    expect(runs[0]!.baseRssMb).toBeGreaterThan(40);
    expect(runs[0]!.peakRssMb - runs[0]!.baseRssMb).toBeLessThan(40);
  });

  it('still stops a document that costs more than the cap', async () => {
    const { results, runs } = await runAll({ maxMemoryMb: 20 }, [largeText(), SMALL]);
    expect(results[0]!.error?.code).toBe('TOO_COMPLEX');
    expect(results[0]!.error!.message).toMatch(/over 20 MB of memory/);
    expect(runs[0]!.killed).toBe('memory');
    // the next document is read by a fresh child, under the same cap
    expect(results[1]!.status).toBe('ok');
    expect(runs[1]!.pid).not.toBe(runs[0]!.pid);
  });

  it('ends a child that a document left larger, and reads the next one in a fresh child', async () => {
    const { results, runs, pids } = await runAll({ maxMemoryMb: 1024, recycleMb: 20 }, [largeText(), SMALL, OTHER]);
    expect(results.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    expect(runs[0]!.endRssMb - runs[0]!.baseRssMb).toBeGreaterThan(20);
    expect(runs[0]!.recycled).toBe(true);
    expect(runs[1]!.pid).not.toBe(runs[0]!.pid);
    // a small document leaves the child as it was: the child goes on
    expect(runs[1]!.recycled).toBeUndefined();
    expect(runs[2]!.pid).toBe(runs[1]!.pid);
    // close() ended both
    expect(pids.filter(isAlive)).toEqual([]);
  });
});

describe.skipIf(!HAS_SHARED)('a document killed at a cap', () => {
  const cases: Array<[string, Partial<PoolOptions>, () => string]> = [
    ['time', { timeoutMs: 1 }, () => SMALL],
    ['memory', { maxMemoryMb: 20, pollMs: 10 }, largeText],
  ];
  it.each(cases)(
    'at the %s cap is not kept in the term database: the next run reads it again',
    async (_, caps, file) => {
      const db = path.join(tmp, `terms-${_}.db`);
      const f = file();
      const once = async () => {
        const runs: RunInfo[] = [];
        const [r] = await analyzeInputs([f], {
          concurrency: 1,
          exitOnSignal: false,
          db,
          ...caps,
          onFinished: (i) => runs.push(i),
        });
        return { r: r!, runs };
      };
      const first = await once();
      expect(first.r.error?.code).toBe('TOO_COMPLEX');
      expect(first.runs.map((i) => i.killed)).toEqual([_]);
      // the same caps again: the document is analysed again (killed again), not read back from the database
      const second = await once();
      expect(second.r.error?.code).toBe('TOO_COMPLEX');
      expect(second.runs).toHaveLength(1);
    },
  );
});
