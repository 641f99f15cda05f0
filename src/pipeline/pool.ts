// The edge where concurrency lives: a pool of long-lived child processes that analyse documents, with
// per-document caps enforced from outside the parser:
//  1. an OS data-segment limit (ulimit -d) set when the child starts: a giant allocation (a JBIG2 bomb's
//     10^10-pixel image) fails at once inside the parser, which reports TOO_COMPLEX;
//  2. a memory cap on what the document costs: the child's resident memory (RSS, polled from /proc) above
//     what it held when it started on the document. An idle child holds its code, the rules and the model
//     (and pdf.js once it has read a PDF); none of that is the document's. A child over the cap is killed;
//  3. a wall-clock cap per document: a child still busy at the cap is killed (pdf.js blocks the event
//     loop, so only killing the process can stop it).
// A killed child is replaced; its document gets TOO_COMPLEX and the batch goes on. A child that a
// document left much larger than it was is ended after it (recycled), so that what one document left
// behind never weighs on the run. Children start when there is a document for them, not before (the first
// one may have been started as the command started: see child-start.ts).
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import PQueue from 'p-queue';
import { explain } from '../errors.js';
import type { IngestOptions } from '../ingest/index.js';
import { CLAUSE_RULES_DIR } from '../paths.js';
import { DEFAULT_DATA_LIMIT_MB, startChild, takePrestarted } from './child-start.js';
import type { DocumentResult } from '../schema.js';
import type { Analyzer, Caps, PoolResult } from './analyzer.js';
import { failed } from './failed.js';

export type { PoolResult } from './analyzer.js';

export interface ChildRequest {
  id: number;
  /** the file to read; with `bytes`, only the name the result and its messages give the document */
  file: string;
  options: IngestOptions;
  /** the document's bytes, when they came from elsewhere (a queue) rather than from `file` */
  bytes?: Uint8Array;
}
/** The child's answer; `started` comes first, once the child is ready to read this document (it has
 *  loaded what the document's kind needs), and the memory cap counts from there. */
export type ChildReply = { id: number; result: DocumentResult } | { id: number; started: true };
/** Sent while a document is read by OCR, after each page. */
export interface ChildOcrProgress {
  id: number;
  ocr: { done: number; total: number };
}

/** How one document went in the pool (for progress displays, benchmarks and tests). */
export interface RunInfo {
  file: string;
  /** from sending the document to the child until its answer (queueing and child start-up excluded) */
  ms: number;
  /** highest resident memory of the child seen while it worked on this document */
  peakRssMb: number;
  /** the child's resident memory when it started on the document: the memory cap counts above it */
  baseRssMb: number;
  /** the child's resident memory when it was done (0 when it was killed) */
  endRssMb: number;
  /** the child that read it */
  pid: number;
  /** set when the child was killed or died on this document */
  killed?: 'time' | 'memory' | 'exit';
  /** the child was ended after this document because it had grown by more than `recycleMb` */
  recycled?: true;
}

export interface PoolOptions {
  concurrency?: number;
  /** per-document wall-clock cap (default 60 s) */
  timeoutMs?: number;
  /** per-document memory cap: the child's resident memory above what it held when it started on the
   *  document, polled (default 1024 MB) */
  maxMemoryMb?: number;
  /** a child that a document left this much larger than when it started on its first document is ended
   *  after it (default half the memory cap) */
  recycleMb?: number;
  /** OS limit on each child's data segment (RLIMIT_DATA) in MB; 0 turns it off (default 2048 MB) */
  dataLimitMb?: number;
  /** how often the memory cap is checked (default 100 ms) */
  pollMs?: number;
  clauseRulesDir?: string;
  onFinished?: (info: RunInfo) => void;
  /** a page of a document was read by OCR: pages done of those to read */
  onOcrPage?: (file: string, done: number, total: number) => void;
}

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
  /** the tail of what the child wrote on stderr */
  readonly stderr: string;
  /** resident memory when it started on its first document (after what that document's kind loads) */
  firstBaseMb?: number;
}

type Resolved = Required<Omit<PoolOptions, 'onFinished' | 'onOcrPage'>> & Pick<PoolOptions, 'onFinished' | 'onOcrPage'>;

export class AnalysisPool implements Analyzer {
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
      recycleMb: opts.recycleMb ?? (opts.maxMemoryMb ?? 1024) / 2,
      dataLimitMb: opts.dataLimitMb ?? DEFAULT_DATA_LIMIT_MB,
      pollMs: opts.pollMs ?? 100,
      clauseRulesDir: opts.clauseRulesDir ?? CLAUSE_RULES_DIR,
      onFinished: opts.onFinished,
      onOcrPage: opts.onOcrPage,
    };
    this.queue = new PQueue({ concurrency: this.opts.concurrency });
    process.once('exit', this.onParentExit);
  }

  get caps(): Caps {
    return { timeoutMs: this.opts.timeoutMs, maxMemoryMb: this.opts.maxMemoryMb };
  }

  /** a little ahead of the children, so a child never waits for the run to hash the next file */
  get window(): number {
    return this.opts.concurrency * 2;
  }

  /** Process ids of the children started so far that have not exited. */
  pids(): number[] {
    return this.spawned.filter((p) => p.exitCode === null && p.signalCode === null && p.pid).map((p) => p.pid!);
  }

  /** Starts children until there are `concurrency` of them, idle until documents come: a long-lived pool
   *  (`clausemap serve`) keeps them ready, so a document does not wait for a child to load. */
  warm(): void {
    if (this.closed) return;
    const alive = this.workers.filter((w) => w.proc.exitCode === null && w.proc.signalCode === null);
    for (let n = alive.length; n < this.opts.concurrency; n++) this.spawn();
  }

  private spawn(): Worker {
    // a long-lived pool forgets the children that have exited
    for (let i = this.spawned.length - 1; i >= 0; i--) {
      const p = this.spawned[i]!;
      if (p.exitCode !== null || p.signalCode !== null) this.spawned.splice(i, 1);
    }
    const spec = { clauseRulesDir: this.opts.clauseRulesDir, dataLimitMb: this.opts.dataLimitMb };
    // the first child may have been started as the command started (see child-start.ts)
    const started = takePrestarted(spec) ?? startChild(spec);
    const { proc, ready } = started;
    this.spawned.push(proc);
    const w: Worker = {
      proc,
      ready,
      busy: false,
      get stderr() {
        return started.stderr();
      },
    };
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

  /** Takes a child out of the pool and kills it (it may be busy). */
  private drop(w: Worker): void {
    const i = this.workers.indexOf(w);
    if (i >= 0) this.workers.splice(i, 1);
    if (w.proc.exitCode === null && w.proc.signalCode === null) w.proc.kill('SIGKILL');
  }

  /** Takes an idle child out of the pool and asks it to exit (it closes its channel, so a profile it
   *  writes is complete); kills it if it has not exited within a second. Resolves when it has exited. */
  private retire(p: ChildProcess): Promise<void> {
    const i = this.workers.findIndex((w) => w.proc === p);
    if (i >= 0) this.workers.splice(i, 1);
    return new Promise<void>((resolve) => {
      if (p.exitCode !== null || p.signalCode !== null) return resolve();
      const kill = setTimeout(() => p.kill('SIGKILL'), 1000);
      p.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      if (p.connected) p.disconnect();
      else p.kill('SIGKILL');
    });
  }

  /** Analyse one file in a child, under the caps. Never rejects. */
  analyze(file: string, options: IngestOptions = {}): Promise<DocumentResult> {
    return this.analyzeRun(file, options).then((r) => r.result);
  }

  /** analyze(), also saying whether the child was killed on the document; `bytes`: the document's bytes,
   *  `file` then only names it. Never rejects. */
  analyzeRun(file: string, options: IngestOptions = {}, bytes?: Uint8Array): Promise<PoolResult> {
    const internal = (why: string): PoolResult => ({
      result: failed(file, 'INTERNAL', explain('INTERNAL', file, why)),
    });
    if (this.closed) return Promise.resolve(internal('pool closed'));
    return this.queue
      .add(() => this.run(file, options, bytes))
      .then(
        (r) => r ?? internal('no result'),
        (e: unknown) => internal((e as Error)?.message ?? String(e)),
      );
  }

  private async run(file: string, options: IngestOptions, bytes?: Uint8Array): Promise<PoolResult> {
    let w = this.take();
    // a child that fails to start is not the document's fault: start another once before giving up
    for (let attempt = 1; ; attempt++) {
      try {
        await w.ready;
        break;
      } catch (e) {
        this.drop(w);
        if (attempt >= 2)
          return {
            result: failed(
              file,
              'INTERNAL',
              explain(
                'INTERNAL',
                file,
                `${(e as Error).message}${w.stderr ? `: ${w.stderr.trim().split('\n').slice(-1)[0]}` : ''}`,
              ),
            ),
          };
        w = this.take();
      }
    }
    const id = this.nextId++;
    const started = Date.now();
    const pid = w.proc.pid ?? 0;
    const { maxMemoryMb } = this.opts;
    // until the child says it has started on the document, the memory cap is not applied: what it loads
    // for the document's kind (pdf.js, at the first PDF) is the child's, not the document's
    let base: number | undefined;
    let peak = 0;
    return new Promise<PoolResult>((resolve) => {
      let done = false;
      const finish = (result: DocumentResult, killed?: RunInfo['killed']) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        clearInterval(mem);
        w.proc.off('message', onMsg);
        w.proc.off('exit', onExit);
        let recycled = false;
        let now = 0;
        if (killed) this.drop(w);
        else {
          // a child the document left much larger than it started is ended: the next document gets a fresh one
          now = rssMb(pid);
          peak = Math.max(peak, now);
          w.firstBaseMb ??= base ?? now;
          recycled = now - w.firstBaseMb > this.opts.recycleMb;
          if (recycled) void this.retire(w.proc);
          else w.busy = false;
        }
        try {
          this.opts.onFinished?.({
            file,
            ms: Date.now() - started,
            peakRssMb: Math.round(peak),
            baseRssMb: Math.round(base ?? 0),
            endRssMb: Math.round(now),
            pid,
            ...(killed ? { killed } : {}),
            ...(recycled ? { recycled: true as const } : {}),
          });
        } catch {
          /* a progress callback must not break the batch */
        }
        resolve(killed ? { result, killed } : { result });
      };
      const onMsg = (m: ChildReply | ChildOcrProgress) => {
        if (!m || m.id !== id) return;
        if ('ocr' in m) this.opts.onOcrPage?.(file, m.ocr.done, m.ocr.total);
        else if ('started' in m) {
          base = rssMb(pid);
          w.firstBaseMb ??= base;
          peak = Math.max(peak, base);
        } else finish(m.result);
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
        if (!pid || base === undefined) return;
        const rss = rssMb(pid);
        peak = Math.max(peak, rss);
        if (rss - base > maxMemoryMb) {
          finish(
            failed(file, 'TOO_COMPLEX', explain('TOO_COMPLEX', file, `over ${maxMemoryMb} MB of memory`)),
            'memory',
          );
        }
      }, this.opts.pollMs);
      w.proc.on('message', onMsg);
      w.proc.once('exit', onExit);
      // OCR inside the child plans its pages within this document's caps
      const caps = { timeoutMs: this.opts.timeoutMs, maxMemoryMb: this.opts.maxMemoryMb };
      const req: ChildRequest = {
        id,
        file,
        options: { ...options, ocr: { ...caps, ...options.ocr } },
        ...(bytes ? { bytes } : {}),
      };
      try {
        w.proc.send(req);
      } catch (e) {
        finish(failed(file, 'INTERNAL', explain('INTERNAL', file, (e as Error).message)), 'exit');
      }
    });
  }

  /** Wait for queued documents, then stop every child (see retire) and wait until each has exited. */
  async close(): Promise<void> {
    this.closed = true;
    await this.queue.onIdle();
    await Promise.all(this.spawned.map((p) => this.retire(p)));
    process.off('exit', this.onParentExit);
  }
}
