// The worker's side of the queue: takes documents from the queue of its own analyser version and reads
// each in the local pool of capped child processes (src/pipeline/pool.ts), under the caps the run asked
// for, from the bytes the run sent (checked by SHA-256; the name the run gave is only a label and is
// never opened). A document whose reader was killed at a cap is tried again (by any worker) until the last
// attempt, whose result is the document's; a worker that dies mid-document loses its lock, and another
// worker takes the document up.
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { explain } from '../errors.js';
import type { Caps } from '../pipeline/analyzer.js';
import { failed } from '../pipeline/failed.js';
import { analyzerVersion } from '../pipeline/index.js';
import { AnalysisPool } from '../pipeline/pool.js';
import { bullConnection, queueTarget, redact } from './connect.js';
import { ATTEMPTS, bytesKey, JobDataSchema, queueName, runKey, type JobReply } from './jobs.js';
import { RespClient } from './resp.js';

export interface WorkerSettings {
  url: string;
  /** documents read at once (default 1) */
  concurrency: number;
  /** a document whose worker has not renewed its lock for this long goes to another worker */
  lockMs: number;
  /** one line per document on stderr */
  log?: (line: string) => void;
}

export interface RunningWorker {
  queue: string;
  /** Stops taking documents, lets those being read finish (or, with `force`, abandons them to other
   *  workers), then stops the readers. */
  stop(force?: boolean): Promise<void>;
}

/** A document's name as a log line may show it: quoted, control and direction characters escaped. */
const shown = (s: string): string =>
  JSON.stringify(s).replace(
    /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

export async function startWorker(s: WorkerSettings): Promise<RunningWorker> {
  const target = queueTarget(s.url);
  const redis = new RespClient(target, true);
  await redis.connect();
  const log = s.log ?? (() => undefined);
  const pools = new Map<string, AnalysisPool>();
  const poolFor = (caps: Caps): AnalysisPool => {
    const k = `${caps.timeoutMs}/${caps.maxMemoryMb}`;
    let p = pools.get(k);
    if (!p) pools.set(k, (p = new AnalysisPool({ concurrency: s.concurrency, ...caps })));
    return p;
  };

  const read = async (job: Job): Promise<JobReply> => {
    const parsed = JobDataSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError('not a clausemap document job');
    const d = parsed.data;
    const attempt = job.attemptsMade + 1;
    const key = bytesKey(d.run, d.sha256);
    if (!(await redis.send('EXISTS', [runKey(d.run)]))) {
      // the run that asked has gone (Ctrl-C, a crash): nobody waits for this document
      await redis.send('DEL', [key]);
      log(`skipped ${shown(d.file)}: its run has stopped`);
      return { cancelled: true };
    }
    const bytes = await redis.sendBuffers('GET', [key]);
    const bad = (why: string): JobReply => ({
      result: failed(d.file, 'INTERNAL', explain('INTERNAL', d.file, why)),
      attempt,
    });
    if (!Buffer.isBuffer(bytes)) return bad('its bytes were no longer in the queue');
    if (createHash('sha256').update(bytes).digest('hex') !== d.sha256)
      return bad('the bytes that reached the worker do not match the SHA-256 the run sent');
    log(`reading ${shown(d.file)} (attempt ${attempt} of ${job.opts.attempts ?? 1})`);
    const started = Date.now();
    const { result, killed } = await poolFor(d.caps).analyzeRun(d.file, d.options, bytes);
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    log(`${result.error ? result.error.code : result.status} ${shown(d.file)} in ${secs} s`);
    // a reader killed at a cap may have been starved by a busy machine: another attempt, maybe elsewhere
    if (killed && attempt < (job.opts.attempts ?? 1)) throw new Error(result.error?.message ?? 'stopped at a cap');
    return { result, ...(killed ? { killed } : {}), attempt };
  };

  const name = queueName(analyzerVersion().analyzer);
  const connection = bullConnection(target);
  const worker = new Worker(name, read, {
    connection,
    concurrency: s.concurrency,
    lockDuration: s.lockMs,
    stalledInterval: s.lockMs,
    // a worker that died on it counts as an attempt
    maxStalledCount: ATTEMPTS - 1,
    name: `${hostname()}:${process.pid}`,
  });
  let lastError = '';
  worker.on('error', (e) => {
    // Redis away: BullMQ reconnects; said once until it changes
    if (e.message !== lastError) log(`queue: ${e.message}`);
    lastError = e.message;
  });
  await worker.waitUntilReady();
  log(`taking documents from ${redact(s.url)} (queue ${name}), ${s.concurrency} at a time`);
  return {
    queue: name,
    async stop(force = false) {
      await worker.close(force);
      await Promise.all([...pools.values()].map((p) => p.close()));
      connection.disconnect();
      redis.close();
    },
  };
}
