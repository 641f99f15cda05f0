// The run's side of the queue: an Analyzer (src/pipeline/analyzer.ts) whose documents become BullMQ jobs.
// Each document's bytes go to Redis under their own key, the job names them by SHA-256, and the job's
// reply comes back to this run, which hands it on as the local pool's would be: the run writes it into
// its term database and builds its report as for a local result. Identical files of a run are one job.
// While the run lives it keeps a mark in Redis; workers skip the jobs of a run whose mark has gone
// (Ctrl-C, a crash), and the bytes of such a run expire.
import { createHash, randomBytes } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { Queue, QueueEvents, type IRedisClient, type Job } from 'bullmq';
import { explain } from '../errors.js';
import type { IngestOptions } from '../ingest/index.js';
import type { Analyzer, AnalyzerRequest, Caps, PoolResult } from '../pipeline/analyzer.js';
import { failed } from '../pipeline/failed.js';
import type { DocumentResult } from '../schema.js';
import { bullConnection, queueTarget, redact } from './connect.js';
import {
  ATTEMPTS,
  BYTES_TTL_MS,
  bytesKey,
  JobReplySchema,
  MAX_QUEUE_MB,
  queueName,
  RUN_BEAT_MS,
  RUN_TTL_MS,
  runKey,
  type JobData,
} from './jobs.js';
import { RespClient } from './resp.js';

/** Documents a queue run keeps in Redis at once when `--concurrency` does not say. */
const DEFAULT_WINDOW = 32;

/** The file's bytes, or the result that says why they cannot be sent (as ingest would say it). */
async function readForQueue(file: string): Promise<Buffer | DocumentResult> {
  try {
    const st = await stat(file);
    if (!st.isFile()) return failed(file, 'UNREADABLE', explain('UNREADABLE', file, 'not a regular file'));
    if (st.size > MAX_QUEUE_MB * 1048576)
      return failed(
        file,
        'FILE_TOO_LARGE',
        explain(
          'FILE_TOO_LARGE',
          file,
          `${(st.size / 1048576).toFixed(1)} MB; documents sent through the queue are limited to ${MAX_QUEUE_MB} MB, so analyse this one without --queue`,
        ),
      );
    const fh = await open(file, 'r');
    try {
      const buf = Buffer.alloc(st.size);
      const { bytesRead } = await fh.read(buf, 0, st.size, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code === 'ENOENT' ? 'NOT_FOUND' : 'UNREADABLE';
    return failed(file, code, explain(code, file, code === 'UNREADABLE' ? (e as Error).message : undefined));
  }
}

/** A result read for one file, given the name of another with the same bytes. */
export function relabel(r: DocumentResult, to: string): DocumentResult {
  if (r.file === to) return r;
  const prefix = `${r.file}: `;
  const error = r.error?.message.startsWith(prefix)
    ? { ...r.error, message: `${to}: ${r.error.message.slice(prefix.length)}` }
    : r.error;
  return { ...r, file: to, ...(error ? { error } : {}) };
}

export class QueueAnalyzer implements Analyzer {
  readonly window: number;
  private readonly run = randomBytes(16).toString('hex');
  private readonly pending = new Map<string, Promise<PoolResult>>();
  private readonly beat: NodeJS.Timeout;
  private closed = false;
  private noWorker?: () => Promise<void>;

  private constructor(
    readonly caps: Caps,
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    private readonly redis: RespClient,
    /** the connections BullMQ was given: its own copies it closes, these are ours to close */
    private readonly connections: IRedisClient[],
    window: number | undefined,
  ) {
    this.window = window ?? DEFAULT_WINDOW;
    // each document in flight listens for its own end and its own removal
    queue.setMaxListeners(this.window * 2 + 10);
    events.setMaxListeners(this.window * 2 + 10);
    this.beat = setInterval(() => void this.mark(), RUN_BEAT_MS);
    this.beat.unref();
    process.once('exit', this.gone);
  }

  /** The run ends without closing (Ctrl-C exits at once): its mark goes, and workers skip its jobs. The
   *  command is written to the socket before the process ends. */
  private readonly gone = (): void => {
    this.redis.send('DEL', [runKey(this.run)]).catch(() => undefined);
  };

  /** Connects to the queue at `url` for a run's documents; notes when no worker is listening yet. */
  static async open(url: string, req: AnalyzerRequest): Promise<QueueAnalyzer> {
    const target = queueTarget(url);
    const redis = new RespClient(target, true);
    await redis.connect();
    const name = queueName(req.analyzer);
    const connections = [bullConnection(target), bullConnection(target)];
    const queue = new Queue(name, { connection: connections[0]! });
    const events = new QueueEvents(name, { connection: connections[1]! });
    events.on('error', () => undefined); // reconnects on its own; a job's wait sees what it must
    queue.on('error', () => undefined);
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    const self = new QueueAnalyzer(
      { timeoutMs: req.timeoutMs, maxMemoryMb: req.maxMemoryMb },
      queue,
      events,
      redis,
      connections,
      req.concurrency,
    );
    await self.mark();
    // said once the first document is sent: a run whose documents are all in its term database needs none
    self.noWorker = async () => {
      if ((await queue.getWorkersCount()) === 0)
        req.note(
          `no worker is listening on ${redact(url)} for this version of clausemap (queue ${name}) yet; the documents wait for one (start \`clausemap worker --queue URL\` from the same version).`,
        );
    };
    return self;
  }

  private async mark(): Promise<void> {
    try {
      await this.redis.send('SET', [runKey(this.run), '1', 'PX', RUN_TTL_MS]);
    } catch {
      // Redis is away: the next beat tries again, and the jobs wait
    }
  }

  analyzeRun(file: string, options: IngestOptions = {}): Promise<PoolResult> {
    return this.one(file, options).catch((e: unknown) => ({
      result: failed(file, 'INTERNAL', explain('INTERNAL', file, `the queue: ${(e as Error)?.message ?? String(e)}`)),
    }));
  }

  private async one(file: string, options: IngestOptions): Promise<PoolResult> {
    if (this.closed) return { result: failed(file, 'INTERNAL', explain('INTERNAL', file, 'queue closed')) };
    const bytes = await readForQueue(file);
    if (!Buffer.isBuffer(bytes)) return { result: bytes };
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    // what the worker needs of the options: the password and how to OCR (its caps are the job's)
    const ocr = options.ocr
      ? {
          ...(options.ocr.mode ? { mode: options.ocr.mode } : {}),
          ...(options.ocr.jobs ? { jobs: options.ocr.jobs } : {}),
        }
      : undefined;
    const opts: JobData['options'] = {
      ...(options.password !== undefined ? { password: options.password } : {}),
      ...(ocr ? { ocr } : {}),
    };
    const key = `${sha256}\0${JSON.stringify(opts)}`;
    // identical files are one job: the later ones get the first one's result under their own name
    const first = this.pending.get(key);
    if (first) {
      const r = await first;
      return { ...r, result: relabel(r.result, file) };
    }
    // kept while in flight only: a later copy finds the result in the run's term database
    const p = this.submit(file, sha256, bytes, opts).finally(() => this.pending.delete(key));
    this.pending.set(key, p);
    return p;
  }

  private async submit(file: string, sha256: string, bytes: Buffer, options: JobData['options']): Promise<PoolResult> {
    const check = this.noWorker;
    this.noWorker = undefined;
    await check?.().catch(() => undefined);
    const stored = bytesKey(this.run, sha256);
    await this.redis.send('SET', [stored, bytes, 'PX', BYTES_TTL_MS]);
    const data: JobData = { run: this.run, file, sha256, options, caps: this.caps };
    let job: Job | undefined;
    try {
      job = await this.queue.add('document', data, {
        attempts: ATTEMPTS,
        // the run removes its jobs as their results come; these catch the jobs of a run that died
        removeOnComplete: { age: BYTES_TTL_MS / 1000 },
        removeOnFail: { age: BYTES_TTL_MS / 1000 },
      });
      const reply: unknown = await job.waitUntilFinished(this.events);
      const r = JobReplySchema.safeParse(reply);
      if (!r.success || 'cancelled' in r.data)
        return { result: failed(file, 'INTERNAL', explain('INTERNAL', file, 'the queue gave back no result')) };
      // checked, but handed on as it came: zod's output would reorder the keys
      const { result, killed } = reply as { result: DocumentResult; killed?: PoolResult['killed'] };
      return { result: relabel(result, file), ...(killed ? { killed } : {}) };
    } catch (e) {
      // the job failed for good: its workers stopped on it more often than allowed
      return {
        result: failed(
          file,
          'INTERNAL',
          explain('INTERNAL', file, `the queue's workers gave up on it: ${(e as Error)?.message ?? String(e)}`),
        ),
      };
    } finally {
      await Promise.allSettled([this.redis.send('DEL', [stored]), job?.remove()]);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled(this.pending.values());
    clearInterval(this.beat);
    process.off('exit', this.gone);
    await Promise.allSettled([this.redis.send('DEL', [runKey(this.run)])]);
    await Promise.allSettled([this.events.close(), this.queue.close()]);
    for (const c of this.connections) c.disconnect();
    this.redis.close();
  }
}
