// Shared by the tests of `clausemap serve`: the server started as a user starts it (the built command, a
// free port, a data folder of its own), and the API calls the tests make.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');
export const PORTFOLIO = path.join(ROOT, 'fixtures', 'portfolio');
export const PORTFOLIO_FILES = [
  '01-harbor-lane-logistics.docx',
  '02-brightwater-health-msa.pdf',
  '03-larkspur-payments-contractor.docx',
  '04-meridian-crest-capital.pdf',
  '05-cobalt-ridge-energy-psa.pdf',
  '06-sable-quay-media.docx',
].map((f) => path.join(PORTFOLIO, f));
export const DRAFT = path.join(ROOT, 'fixtures', 'drafts', 'pinecrest-outdoor-consulting-draft.pdf');

export interface Served {
  base: string;
  token: string;
  url: string;
  proc: ChildProcess;
  stderr: () => string;
  /** fetch with the token */
  api: (p: string, init?: RequestInit) => Promise<Response>;
  stop: () => Promise<number | null>;
}

export async function serve(dataDir: string, args: string[] = []): Promise<Served> {
  const proc = spawn(process.execPath, [path.join(ROOT, 'bin', 'clausemap.js'), 'serve', '--data', dataDir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 20_000);
    proc.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /clausemap: serving at (\S+)/.exec(err);
      if (m) {
        clearTimeout(t);
        resolve(m[1]!);
      }
    });
    proc.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  const u = new URL(url);
  const token = u.searchParams.get('token')!;
  const base = u.origin;
  return {
    base,
    token,
    url,
    proc,
    stderr: () => err,
    api: (p, init = {}) =>
      fetch(base + p, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } }),
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve(proc.exitCode);
        proc.on('exit', (code) => resolve(code));
        proc.kill('SIGTERM');
      }),
  };
}

export function form(files: { file: string; name?: string }[] | string[], field = 'files'): FormData {
  const fd = new FormData();
  for (const f of files) {
    const { file, name } = typeof f === 'string' ? { file: f, name: path.basename(f) } : f;
    fd.append(field, new Blob([readFileSync(file)]), name ?? path.basename(file));
  }
  return fd;
}

export async function createPortfolio(s: Served, name = 'Test portfolio'): Promise<string> {
  const r = await s.api('/api/portfolios', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  if (r.status !== 201) throw new Error(`create: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { id: string }).id;
}

export interface Status {
  files: number;
  analysed: number;
  failed: number;
  done: boolean;
}

export async function waitDone(s: Served, id: string, ms = 60_000): Promise<Status> {
  const end = Date.now() + ms;
  for (;;) {
    const st = (await (await s.api(`/api/portfolios/${id}/status`)).json()) as Status;
    if (st.done) return st;
    if (Date.now() > end) throw new Error(`not done: ${JSON.stringify(st)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
