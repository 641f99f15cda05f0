// `clausemap serve` keeps its analysis children warm: they are started with the server, before any upload,
// and an upload or a draft check is read by those same children rather than by new ones.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createPortfolio, DRAFT, form, PORTFOLIO_FILES, serve, waitDone, type Served } from './serve-helpers.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'clausemap-serve-warm-'));
let running: Served | undefined;

afterAll(async () => {
  await running?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

/** The analysis children of a process: its children running the pool's child script. */
function analysisChildren(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== pid) continue;
      if (readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(path.join('pipeline', 'child.js'))) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out.sort((a, b) => a - b);
}

async function waitFor<T>(what: () => T, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = what();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

it.skipIf(process.platform !== 'linux')(
  'starts its children with the server and reads uploads and drafts with them',
  async () => {
    const s = (running = await serve(path.join(tmp, 'data'), ['--concurrency', '2']));
    const pid = s.proc.pid!;
    const warm = await waitFor(
      () => analysisChildren(pid),
      (c) => c.length === 2,
    );
    expect(warm).toHaveLength(2);

    const id = await createPortfolio(s);
    expect((await s.api(`/api/portfolios/${id}/files`, { method: 'POST', body: form(PORTFOLIO_FILES) })).status).toBe(
      201,
    );
    await waitDone(s, id);
    const r = await s.api(`/api/portfolios/${id}/check`, { method: 'POST', body: form([DRAFT]) });
    expect(r.status).toBe(200);
    const report = (await r.json()) as { documents: { status: string }[] };
    expect(report.documents.filter((d) => d.status === 'ok')).toHaveLength(7);
    // the same two children read all seven documents, and are still there for the next upload
    expect(analysisChildren(pid)).toEqual(warm);

    expect(await s.stop()).toBe(0);
    running = undefined;
    expect(
      await waitFor(
        () => warm.filter((c) => existsSync(`/proc/${c}`)),
        (left) => left.length === 0,
        5_000,
      ),
    ).toEqual([]);
  },
  60_000,
);
