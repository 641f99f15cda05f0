// Bounded mutation fuzzing of ingest: truncations and byte flips of real PDFs and DOCX files (fixed seed,
// 300 cases), each through the analysis pool. Every case must come back, quickly, as a result or an
// error with a stable code: no crash of the analyser (INTERNAL), no hang (killed at the time cap).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AnalysisPool, type RunInfo } from '../src/pipeline/pool.js';
import { ErrorCodeSchema, type DocumentResult } from '../src/schema.js';
import { isAlive } from './badinput.cases.js';
import { mulberry32 } from '../src/random.js';
import { describeCorpus, HAS_SHARED, SHARED } from './shared-data.js';

const FORMS = path.join(SHARED, 'corpus', 'forms');
const CUAD = path.join(SHARED, 'corpus', 'cuad', 'pdf');
const SEEDS = [
  path.join(FORMS, 'pdf/common-paper/common-paper-amendment.pdf'),
  path.join(FORMS, 'pdf/yc-safe/yc-safe-pro-rata-side-letter.pdf'),
  path.join(CUAD, 'SECURIANFUNDSTRUST_05_01_2012-EX-99.28.H.9-NET INVESTMENT INCOME MAINTENANCE AGREEMENT.PDF'),
  path.join(FORMS, 'docx/common-paper/common-paper-term-sheet.docx'),
  path.join(FORMS, 'docx/yc-safe/yc-safe-pro-rata-side-letter.docx'),
];
const PER_SEED = 60;

function mutate(src: Buffer, rand: () => number, i: number): { data: Buffer; how: string } {
  const at = (n: number) => Math.floor(rand() * n);
  switch (i % 4) {
    case 0: {
      // truncation
      const len = at(src.length);
      return { data: src.subarray(0, len), how: `truncated to ${len}` };
    }
    case 1: {
      // a few random bytes flipped
      const b = Buffer.from(src);
      const n = 1 + at(16);
      for (let k = 0; k < n; k++) b[at(b.length)] ^= 1 << at(8);
      return { data: b, how: `${n} bit flips` };
    }
    case 2: {
      // a block overwritten with noise
      const b = Buffer.from(src);
      const start = at(b.length);
      const len = 1 + at(256);
      for (let k = start; k < Math.min(b.length, start + len); k++) b[k] = at(256);
      return { data: b, how: `${len} noise bytes at ${start}` };
    }
    default: {
      // a block zeroed near the end (xref, trailer, zip directory)
      const b = Buffer.from(src);
      const start = Math.max(0, b.length - 1 - at(Math.min(4096, b.length)));
      b.fill(0, start, Math.min(b.length, start + 1 + at(64)));
      return { data: b, how: `zeroed near the end at ${start}` };
    }
  }
}

// without ../shared every test here is skipped, and the hooks with them: no folder to make or remove
const tmp = HAS_SHARED ? mkdtempSync(path.join(tmpdir(), 'clausemap-fuzz-')) : '';
const cases: { file: string; how: string }[] = [];
const results: DocumentResult[] = [];
const runs = new Map<string, RunInfo>();
let alive: number[] = [];
let wall = 0;

beforeAll(async () => {
  const rand = mulberry32(0xc1a05e); // seeded: every run fuzzes the same 300 files
  SEEDS.forEach((seed, s) => {
    const src = readFileSync(seed);
    for (let i = 0; i < PER_SEED; i++) {
      const { data, how } = mutate(src, rand, i);
      const file = path.join(tmp, `${s}-${i}${path.extname(seed)}`);
      writeFileSync(file, data);
      cases.push({ file, how: `${path.basename(seed)}: ${how}` });
    }
  });
  const started = Date.now();
  const pool = new AnalysisPool({ concurrency: 2, timeoutMs: 15_000, onFinished: (r) => runs.set(r.file, r) });
  results.push(...(await Promise.all(cases.map((c) => pool.analyze(c.file)))));
  const pids = pool.pids();
  await pool.close();
  wall = Date.now() - started;
  alive = pids.filter(isAlive);
}, 170_000);

afterAll(() => {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.error?.code ?? r.status, (counts.get(r.error?.code ?? r.status) ?? 0) + 1);
  console.log(`fuzz: ${results.length} cases in ${wall} ms: ${[...counts].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  rmSync(tmp, { recursive: true, force: true });
});

describeCorpus('mutation fuzzing (300 cases, fixed seed)', () => {
  it('answers every case with a result or an error with a stable code', () => {
    expect(results).toHaveLength(SEEDS.length * PER_SEED);
    const bad = results
      .map((r, i) => ({ r, c: cases[i]! }))
      .filter(
        ({ r }) =>
          !(
            r.status === 'ok' ||
            (r.error && ErrorCodeSchema.safeParse(r.error.code).success && r.error.message.startsWith(r.file))
          ),
      )
      .map(({ c }) => c.how);
    expect(bad).toEqual([]);
  });

  it('never crashes the analyser and never hangs', () => {
    const crashed = results
      .map((r, i) => ({ r, c: cases[i]! }))
      .filter(({ r }) => r.error?.code === 'INTERNAL')
      .map(({ r, c }) => `${c.how}: ${r.error!.message}`);
    expect(crashed.slice(0, 5), `${crashed.length} crashed`).toEqual([]);
    const killed = cases
      .filter((c) => runs.get(c.file)?.killed)
      .map((c) => `${c.how}: killed (${runs.get(c.file)!.killed})`);
    expect(killed.slice(0, 5), `${killed.length} killed`).toEqual([]);
    expect(wall).toBeLessThan(60_000 * 2); // about 30 s on two idle cores; generous for a busy machine
  });

  it('still reads most mildly damaged files', () => {
    const ok = results.filter((r) => r.status === 'ok').length;
    expect(ok).toBeGreaterThan(results.length * 0.2);
  });

  it('leaves no child process behind', () => {
    expect(alive).toEqual([]);
  });
});
