// Helpers for the queue tests: a private redis-server on a free loopback port (no file written, stopped
// after), and `clausemap worker` processes of a frozen copy of the package, read line by line.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { RespClient } from '../src/queue/resp.js';
import { ROOT } from './batch-helpers.js';

/** Whether redis-server is installed: without it the queue tests are skipped (the setup says so once). */
export const HAS_REDIS = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export interface TestRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** A redis-server on a free loopback port; with `dir`, one that keeps its data there (an append-only file
 *  written at every change), so that another started on the same port and folder finds it again. */
export async function startRedis(dir?: string, port?: number): Promise<TestRedis> {
  port ??= await freePort();
  const keep = dir ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir] : ['--appendonly', 'no'];
  const proc = spawn('redis-server', ['--port', String(port), '--save', '', ...keep, '--bind', '127.0.0.1'], {
    stdio: 'ignore',
  });
  for (let i = 0; ; i++) {
    const c = new RespClient({ host: '127.0.0.1', port });
    try {
      await c.connect(1000);
      await c.send('PING');
      break;
    } catch (e) {
      if (i > 50) throw e;
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      c.close();
    }
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGKILL');
      }),
  };
}

export interface TestWorker {
  proc: ChildProcess;
  log(): string;
  /** resolves when a line of the worker's stderr matches */
  waitFor(re: RegExp, timeoutMs?: number): Promise<string>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startWorker(bin: string, url: string, args: string[] = []): Promise<TestWorker> {
  const proc = spawn(process.execPath, [bin, 'worker', '--queue', url, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  const waiters: { re: RegExp; resolve: (s: string) => void }[] = [];
  proc.stderr!.on('data', (d: Buffer) => {
    log += d.toString('utf8');
    for (const w of [...waiters]) {
      const m = log.split('\n').find((l) => w.re.test(l));
      if (m) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  const w: TestWorker = {
    proc,
    log: () => log,
    waitFor: (re, timeoutMs = 30_000) =>
      new Promise<string>((resolve, reject) => {
        const hit = log.split('\n').find((l) => re.test(l));
        if (hit) return resolve(hit);
        const t = setTimeout(() => reject(new Error(`worker never said ${re}; it said:\n${log}`)), timeoutMs);
        waiters.push({
          re,
          resolve: (s) => {
            clearTimeout(t);
            resolve(s);
          },
        });
      }),
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill(signal);
      }),
  };
  await w.waitFor(/taking documents/);
  return w;
}

/** A long plain-text contract (two of the fixture portfolio's sources, `times` times over): seconds to
 *  read (about 4 s at 20 times on a busy 2-core machine). */
export function writeSlowContract(file: string, times = 20): void {
  const src = path.join(ROOT, 'fixtures', 'src', 'portfolio');
  const one = ['01-harbor-lane-logistics.md', '02-brightwater-health-msa.md']
    .map((f) => readFileSync(path.join(src, f), 'utf8'))
    .join('\n\n');
  writeFileSync(file, Array.from({ length: times }, () => one).join('\n\n'));
}

/** A JSON report without the moment it was written. */
export const withoutTime = (json: string): unknown => {
  const r = JSON.parse(json) as { generatedAt?: string };
  delete r.generatedAt;
  return r;
};

/** A short plain-text contract: a fraction of a second to read. */
export function writeShortContract(file: string): void {
  writeFileSync(
    file,
    readFileSync(path.join(ROOT, 'fixtures', 'src', 'portfolio', '03-larkspur-payments-contractor.md')),
  );
}
