// `clausemap extract ../shared/badinput` as a user runs it, mixed with 20 good CUAD contracts: exit code 3,
// every hostile file listed with its status and code, the 20 contracts analysed exactly as when run
// alone, peak memory of the whole process tree under 2 GB, and no process left behind.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DocumentResult } from '../src/schema.js';
import { BADINPUT, CASES, isAlive, isCorpusDoc } from './badinput.cases.js';
import { describeCorpus, HAS_SHARED, SHARED } from './shared-data.js';

const ROOT = path.resolve(__dirname, '..');
const CUAD_PDF = path.join(SHARED, 'corpus', 'cuad', 'pdf');

interface Run {
  code: number | null;
  ms: number;
  peakTreeMb: number;
  seen: number[];
  documents: DocumentResult[];
}

function procStat(pid: number): { ppid: number; rssMb: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), rssMb: (Number(fields[21]) * 4096) / 1048576 };
  } catch {
    return undefined;
  }
}

/** The pid and every descendant of it, with their summed resident memory. */
function tree(root: number): { pids: number[]; rssMb: number } {
  const all = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const p of all) {
    const s = procStat(p);
    if (s) {
      parent.set(p, s.ppid);
      rss.set(p, s.rssMb);
    }
  }
  const pids = all.filter((p) => {
    for (let q: number | undefined = p, n = 0; q && n < 50; q = parent.get(q), n++) if (q === root) return true;
    return false;
  });
  return { pids, rssMb: pids.reduce((a, p) => a + (rss.get(p) ?? 0), 0) };
}

async function extract(inputs: string[], out: string): Promise<Run> {
  const started = Date.now();
  const child = spawn(
    process.execPath,
    ['bin/clausemap.js', 'extract', ...inputs, '--format', 'json', '--no-db', '--out', out],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString('utf8')).slice(-4000);
  });
  let peak = 0;
  const seen = new Set<number>();
  const poll = setInterval(() => {
    if (!child.pid) return;
    const t = tree(child.pid);
    peak = Math.max(peak, t.rssMb);
    for (const p of t.pids) seen.add(p);
  }, 100);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearInterval(poll);
  const ms = Date.now() - started;
  if (!existsSync(out)) throw new Error(`extract exited ${code} without writing ${out}:\n${stderr}`);
  const documents = (JSON.parse(readFileSync(out, 'utf8')) as { documents: DocumentResult[] }).documents;
  return { code, ms, peakTreeMb: Math.round(peak), seen: [...seen], documents };
}

/** The 20 smallest CUAD PDFs: real contracts, quick to read. */
function goodContracts(): string[] {
  return readdirSync(CUAD_PDF)
    .filter((f) => /\.pdf$/i.test(f))
    .map((f) => ({ f: path.join(CUAD_PDF, f), size: statSync(path.join(CUAD_PDF, f)).size }))
    .sort((a, b) => a.size - b.size || a.f.localeCompare(b.f))
    .slice(0, 20)
    .map((x) => x.f);
}

// without ../shared every test here is skipped, and the hooks with them: no folder to make or remove
const tmp = HAS_SHARED ? mkdtempSync(path.join(tmpdir(), 'clausemap-badinput-')) : '';
const good = HAS_SHARED ? goodContracts() : [];
let mixed: Run;
let alone: Run;

beforeAll(async () => {
  mixed = await extract([BADINPUT, ...good], path.join(tmp, 'mixed.json'));
  alone = await extract(good, path.join(tmp, 'alone.json'));
}, 400_000);

afterAll(() => {
  console.log(
    `badinput + 20 CUAD: exit ${mixed?.code}, ${mixed?.ms} ms, peak RSS of the process tree ${mixed?.peakTreeMb} MB; 20 CUAD alone: ${alone?.ms} ms`,
  );
  rmSync(tmp, { recursive: true, force: true });
});

describeCorpus('extract over ../shared/badinput mixed with good contracts', () => {
  it('exits 3 ("some inputs failed") within 3 minutes and under 2 GB', () => {
    expect(mixed.code).toBe(3);
    expect(mixed.ms).toBeLessThan(180_000);
    expect(mixed.peakTreeMb).toBeGreaterThan(0);
    expect(mixed.peakTreeMb).toBeLessThan(2048);
  });

  it('lists every hostile file with the status and code CASES.md wants', () => {
    const byRel = new Map(mixed.documents.map((d) => [path.relative(BADINPUT, path.resolve(ROOT, d.file)), d]));
    for (const [file, want] of Object.entries(CASES)) {
      const d = byRel.get(file);
      expect(d, `${file} is listed`).toBeDefined();
      const got = { status: d!.status, code: d!.error?.code };
      if (want.orCode && got.code === want.orCode) continue;
      expect(got, file).toEqual({ status: want.status, code: want.code });
    }
    // nothing else from the folder but its own documentation files, read as text
    const others = [...byRel.keys()].filter((k) => !k.startsWith('..') && !(k in CASES));
    expect(others.every(isCorpusDoc)).toBe(true);
    expect(mixed.documents).toHaveLength(Object.keys(CASES).length + others.length + good.length);
  });

  it('analyses the 20 good contracts exactly as when they run alone', () => {
    const pick = (r: Run) => good.map((f) => r.documents.find((d) => path.resolve(ROOT, d.file) === f));
    const a = pick(alone);
    const m = pick(mixed);
    expect(a.every((d) => d?.status === 'ok')).toBe(true);
    expect(a.reduce((n, d) => n + (d?.clauses.length ?? 0), 0)).toBeGreaterThan(20);
    expect(m).toEqual(a);
  });

  it('leaves no process behind', () => {
    expect(mixed.seen.length).toBeGreaterThan(1);
    expect(mixed.seen.filter(isAlive)).toEqual([]);
    expect(alone.seen.filter(isAlive)).toEqual([]);
  });
});
