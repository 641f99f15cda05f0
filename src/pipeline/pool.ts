// The edge where concurrency lives: a pool of long-lived child processes that analyse documents, with
// per-document caps enforced from outside the parser:
//  1. an OS data-segment limit (ulimit -d) set when the child starts: a giant allocation (a JBIG2 bomb's
//     10^10-pixel image) fails at once inside the parser, which reports TOO_COMPLEX;
//  2. a resident-memory (RSS) cap, polled from /proc: a child over it is killed (SIGKILL);
//  3. a wall-clock cap per document: a child still busy at the cap is killed (pdf.js blocks the event
//     loop, so only killing the process can stop it).
// A killed child is replaced; its document gets TOO_COMPLEX and the batch goes on.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PQueue from 'p-queue';
import { explain } from '../errors.js';
import type { IngestOptions } from '../ingest/index.js';
import { CLAUSE_RULES_DIR, PACKAGE_ROOT } from '../paths.js';
import type { DocumentResult } from '../schema.js';
import { failed } from './failed.js';

export interface ChildRequest {
  id: number;
  file: string;
  options: IngestOptions;
}
export interface ChildReply {
  id: number;
  result: DocumentResult;
}

/** How one document went in the pool (for progress displays, benchmarks and tests). */
export interface RunInfo {
  file: string;
  /** from sending the document to the child until its answer (queueing and child start-up excluded) */
  ms: number;
  /** highest resident memory of the child seen while it worked on this document */
  peakRssMb: number;
  /** set when the child was killed or died on this document */
  killed?: 'time' | 'memory' | 'exit';
}

export interface PoolOptions {
  concurrency?: number;
  /** per-document wall-clock cap (default 60 s) */
  timeoutMs?: number;
  /** per-child resident memory cap, polled (default 1024 MB) */
  maxMemoryMb?: number;
  /** OS limit on each child's data segment (RLIMIT_DATA) in MB; 0 turns it off (default 2048 MB) */
  dataLimitMb?: number;
  /** how often the memory cap is checked (default 100 ms) */
  pollMs?: number;
  clauseRulesDir?: string;
  onFinished?: (info: RunInfo) => void;
}

// the compiled child; when this module runs from the TypeScript sources (tests), the build's copy
const HERE_CHILD = fileURLToPath(new URL('./child.js', import.meta.url));
const CHILD = existsSync(HERE_CHILD) ? HERE_CHILD : path.join(PACKAGE_ROOT, 'dist', 'pipeline', 'child.js');
const SHELL = '/bin/sh';
/** Each child is one of `concurrency` processes that keep the cores busy: V8's background collector threads
 *  would only compete with the other children, so each child collects on its own thread. */
const CHILD_FLAGS = ['--single-threaded-gc'];

function rssMb(pid: number): number {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(s);
    return m ? +m[1]! / 1024 : 0;
  } catch {
    return 0;
  }
}

interface Worker {
  proc: ChildProcess;
  ready: Promise<void>;
  busy: boolean;
  stderr: string;
}

type Resolved = Required<Omit<PoolOptions, 'onFinished'>> & Pick<PoolOptions, 'onFinished'>;

export class AnalysisPool {
  private readonly workers: Worker[] = [];
  private readonly queue: PQueue;
  private readonly spawned: ChildProcess[] = [];
  private nextId = 1;
  private closed = false;
  private readonly onParentExit = () => {
    for (const p of this.spawned) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  };
  readonly opts: Resolved;

  constructor(opts: PoolOptions = {}) {
    this.opts = {
      concurrency: Math.max(1, opts.concurrency ?? globalThis.navigator?.hardwareConcurrency ?? 2),
      timeoutMs: opts.timeoutMs ?? 60_000,
      maxMemoryMb: opts.maxMemoryMb ?? 1024,
      dataLimitMb: opts.dataLimitMb ?? 2048,
      pollMs: opts.pollMs ?? 100,
      clauseRulesDir: opts.clauseRulesDir ?? CLAUSE_RULES_DIR,
      onFinished: opts.onFinished,
    };
    this.queue = new PQueue({ concurrency: this.opts.concurrency });
    process.once('exit', this.onParentExit);
  }

  /** Process ids of the children started so far that have not exited. */
  pids(): number[] {
    return this.spawned.filter((p) => p.exitCode === null && p.signalCode === null && p.pid).map((p) => p.pid!);
  }

  private spawn(): Worker {
    const env = { ...process.env, CLAUSEMAP_CLAUSE_RULES: this.opts.clauseRulesDir };
    const limitKb = Math.floor(this.opts.dataLimitMb * 1024);
    const useLimit = limitKb > 0 && process.platform !== 'win32' && existsSync(SHELL);
    // `exec` keeps the pid: the shell becomes node, with the limit inherited and the IPC channel intact
    const proc = fork(CHILD, [], {
      env,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
      ...(useLimit
        ? {
            execPath: SHELL,
            execArgv: [
              '-c',
              `ulimit -d ${limitKb} 2>/dev/null; exec "$0" ${CHILD_FLAGS.join(' ')} "$@"`,
              process.execPath,
            ],
          }
        : { execArgv: CHILD_FLAGS }),
    });
    this.spawned.push(proc);
    const ready = new Promise<void>((resolve, reject) => {
      const onMsg = (m: unknown) => {
        if (m && typeof m === 'object' && 'ready' in m) {
          proc.off('message', onMsg);
          resolve();
        }
      };
      proc.on('message', onMsg);
      proc.once('exit', (code) => reject(new Error(`analysis child exited early (code ${code})`)));
      proc.once('error', (e) => reject(e));
    });
    ready.catch(() => undefined);
    const w: Worker = { proc, ready, busy: false, stderr: '' };
    // the tail of what the child says on stderr, to explain a child that will not start
    proc.stderr?.on('data', (d: Buffer) => {
      w.stderr = (w.stderr + d.toString('utf8')).slice(-2000);
    });
    this.workers.push(w);
    return w;
  }

  private take(): Worker {
    const free = this.workers.find(
      (w) => !w.busy && w.proc.exitCode === null && w.proc.signalCode === null && !w.proc.killed,
    );
    const w = free ?? this.spawn();
    w.busy = true;
    return w;
  }

  private drop(w: Worker): void {
    const i = this.workers.indexOf(w);
    if (i >= 0) this.workers.splice(i, 1);
    if (w.proc.exitCode === null && w.proc.signalCode === null) w.proc.kill('SIGKILL');
  }

  /** Analyse one file in a child, under the caps. Never rejects. */
  analyze(file: string, options: IngestOptions = {}): Promise<DocumentResult> {
    if (this.closed) return Promise.resolve(failed(file, 'INTERNAL', explain('INTERNAL', file, 'pool closed')));
    return this.queue
      .add(() => this.run(file, options))
      .then(
        (r) => r ?? failed(file, 'INTERNAL', explain('INTERNAL', file, 'no result')),
        (e: unknown) => failed(file, 'INTERNAL', explain('INTERNAL', file, (e as Error)?.message ?? String(e))),
      );
  }

  private async run(file: string, options: IngestOptions): Promise<DocumentResult> {
    let w = this.take();
    // a child that fails to start is not the document's fault: start another once before giving up
    for (let attempt = 1; ; attempt++) {
      try {
        await w.ready;
        break;
      } catch (e) {
        this.drop(w);
        if (attempt >= 2)
          return failed(
            file,
            'INTERNAL',
            explain(
              'INTERNAL',
              file,
              `${(e as Error).message}${w.stderr ? `: ${w.stderr.trim().split('\n').slice(-1)[0]}` : ''}`,
            ),
          );
        w = this.take();
      }
    }
    const id = this.nextId++;
    const started = Date.now();
    let peak = 0;
    return new Promise<DocumentResult>((resolve) => {
      let done = false;
      const finish = (r: DocumentResult, killed?: RunInfo['killed']) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        clearInterval(mem);
        w.proc.off('message', onMsg);
        w.proc.off('exit', onExit);
        if (killed) this.drop(w);
        else w.busy = false;
        try {
          this.opts.onFinished?.({
            file,
            ms: Date.now() - started,
            peakRssMb: Math.round(peak),
            ...(killed ? { killed } : {}),
          });
        } catch {
          /* a progress callback must not break the batch */
        }
        resolve(r);
      };
      const onMsg = (m: ChildReply) => {
        if (m && m.id === id) finish(m.result);
      };
      const onExit = (code: number | null, signal: string | null) => {
        const oom = signal === 'SIGABRT' || code === 134;
        const why = oom
          ? `it ran out of memory under the ${this.opts.dataLimitMb} MB limit`
          : `the reader stopped (${signal ?? `exit ${code}`})`;
        finish(failed(file, 'TOO_COMPLEX', explain('TOO_COMPLEX', file, why)), 'exit');
      };
      const timer = setTimeout(() => {
        finish(
          failed(
            file,
            'TOO_COMPLEX',
            explain('TOO_COMPLEX', file, `still reading after ${Math.round(this.opts.timeoutMs / 1000)} s`),
          ),
          'time',
        );
      }, this.opts.timeoutMs);
      const mem = setInterval(() => {
        const pid = w.proc.pid;
        if (!pid) return;
        const rss = rssMb(pid);
        peak = Math.max(peak, rss);
        if (rss > this.opts.maxMemoryMb) {
          finish(
            failed(file, 'TOO_COMPLEX', explain('TOO_COMPLEX', file, `over ${this.opts.maxMemoryMb} MB of memory`)),
            'memory',
          );
        }
      }, this.opts.pollMs);
      w.proc.on('message', onMsg);
      w.proc.once('exit', onExit);
      const req: ChildRequest = { id, file, options };
      try {
        w.proc.send(req);
      } catch (e) {
        finish(failed(file, 'INTERNAL', explain('INTERNAL', file, (e as Error).message)), 'exit');
      }
    });
  }

  /** Wait for queued documents, then stop every child and wait until each has exited. */
  async close(): Promise<void> {
    this.closed = true;
    await this.queue.onIdle();
    this.workers.splice(0);
    await Promise.all(
      this.spawned.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.exitCode !== null || p.signalCode !== null) return resolve();
            p.once('exit', () => resolve());
            p.kill('SIGKILL');
          }),
      ),
    );
    process.off('exit', this.onParentExit);
  }
}
