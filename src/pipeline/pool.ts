// The edge where concurrency lives: a pool of long-lived child processes that analyse documents, with a
// per-document time cap and memory (RSS) cap enforced from outside. A child over a cap is killed
// (SIGKILL) and replaced; its document gets TOO_COMPLEX and the batch goes on.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import PQueue from 'p-queue';
import { explain } from '../errors.js';
import type { IngestOptions } from '../ingest/index.js';
import { CLAUSE_RULES_DIR } from '../paths.js';
import type { DocumentResult } from '../schema.js';
import { failed } from './analyze.js';

export interface ChildRequest { id: number; file: string; options: IngestOptions }
export interface ChildReply { id: number; result: DocumentResult }

export interface PoolOptions {
  concurrency?: number;
  /** per-document wall-clock cap */
  timeoutMs?: number;
  /** per-child resident memory cap */
  maxMemoryMb?: number;
  clauseRulesDir?: string;
}

const CHILD = fileURLToPath(new URL('./child.js', import.meta.url));

function rssMb(pid: number): number {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(s);
    return m ? +m[1]! / 1024 : 0;
  } catch {
    return 0;
  }
}

interface Worker { proc: ChildProcess; ready: Promise<void>; busy: boolean }

export class AnalysisPool {
  private readonly workers: Worker[] = [];
  private readonly queue: PQueue;
  private nextId = 1;
  private closed = false;
  readonly opts: Required<PoolOptions>;

  constructor(opts: PoolOptions = {}) {
    this.opts = {
      concurrency: Math.max(1, opts.concurrency ?? (globalThis.navigator?.hardwareConcurrency ?? 2)),
      timeoutMs: opts.timeoutMs ?? 60_000,
      maxMemoryMb: opts.maxMemoryMb ?? 1536,
      clauseRulesDir: opts.clauseRulesDir ?? CLAUSE_RULES_DIR,
    };
    this.queue = new PQueue({ concurrency: this.opts.concurrency });
  }

  private spawn(): Worker {
    const proc = fork(CHILD, [], {
      env: { ...process.env, CLAUSEMAP_CLAUSE_RULES: this.opts.clauseRulesDir },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    proc.stderr?.resume();
    const ready = new Promise<void>((resolve, reject) => {
      const onMsg = (m: unknown) => {
        if (m && typeof m === 'object' && 'ready' in m) {
          proc.off('message', onMsg);
          resolve();
        }
      };
      proc.on('message', onMsg);
      proc.once('exit', (code) => reject(new Error(`analysis child exited early (code ${code})`)));
    });
    ready.catch(() => undefined);
    const w: Worker = { proc, ready, busy: false };
    this.workers.push(w);
    return w;
  }

  private take(): Worker {
    const free = this.workers.find((w) => !w.busy && w.proc.exitCode === null && !w.proc.killed);
    const w = free ?? this.spawn();
    w.busy = true;
    return w;
  }

  private drop(w: Worker): void {
    const i = this.workers.indexOf(w);
    if (i >= 0) this.workers.splice(i, 1);
    if (w.proc.exitCode === null) w.proc.kill('SIGKILL');
  }

  /** Analyse one file in a child, under the caps. Never rejects. */
  analyze(file: string, options: IngestOptions = {}): Promise<DocumentResult> {
    if (this.closed) return Promise.resolve(failed(file, 'INTERNAL', explain('INTERNAL', file, 'pool closed')));
    return this.queue.add(() => this.run(file, options)) as Promise<DocumentResult>;
  }

  private async run(file: string, options: IngestOptions): Promise<DocumentResult> {
    const w = this.take();
    try {
      await w.ready;
    } catch (e) {
      this.drop(w);
      return failed(file, 'INTERNAL', explain('INTERNAL', file, (e as Error).message));
    }
    const id = this.nextId++;
    return new Promise<DocumentResult>((resolve) => {
      let done = false;
      const finish = (r: DocumentResult, kill: boolean) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        clearInterval(mem);
        w.proc.off('message', onMsg);
        w.proc.off('exit', onExit);
        if (kill) this.drop(w);
        else w.busy = false;
        resolve(r);
      };
      const onMsg = (m: ChildReply) => {
        if (m && m.id === id) finish(m.result, false);
      };
      const onExit = (code: number | null, signal: string | null) => {
        finish(failed(file, 'TOO_COMPLEX', explain('TOO_COMPLEX', file, `the reader stopped (${signal ?? `exit ${code}`})`)), true);
      };
      const timer = setTimeout(() => {
        finish(failed(file, 'TOO_COMPLEX', explain('TOO_COMPLEX', file, `still reading after ${Math.round(this.opts.timeoutMs / 1000)} s`)), true);
      }, this.opts.timeoutMs);
      const mem = setInterval(() => {
        const pid = w.proc.pid;
        if (pid && rssMb(pid) > this.opts.maxMemoryMb) {
          finish(failed(file, 'TOO_COMPLEX', explain('TOO_COMPLEX', file, `over ${this.opts.maxMemoryMb} MB of memory`)), true);
        }
      }, 100);
      w.proc.on('message', onMsg);
      w.proc.once('exit', onExit);
      const req: ChildRequest = { id, file, options };
      w.proc.send(req);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue.onIdle();
    await Promise.all(this.workers.splice(0).map((w) => new Promise<void>((resolve) => {
      if (w.proc.exitCode !== null || w.proc.signalCode !== null) return resolve();
      w.proc.once('exit', () => resolve());
      w.proc.kill('SIGKILL');
    })));
  }
}
