// What travels through the queue between a run and the workers, declared once (zod): a job names one
// document (its bytes wait under their own key, checked by SHA-256 on arrival), the caps it is read under
// and the run that asked; a reply is the document's result. Both are read back from Redis, which anyone
// with access to it may have written: each is checked before it is used.
import { z } from 'zod';
import { DocumentResultSchema } from '../schema.js';

/** Documents travel through Redis, which holds every byte in memory until the document's result is
 *  back; the run keeps at most its window of documents there. Larger files are refused (FILE_TOO_LARGE). */
export const MAX_QUEUE_MB = 16;
/** Attempts at a document whose reader was killed at a cap (a busy machine may have caused it) or whose
 *  worker stopped on it: the last attempt's result is the document's. */
export const ATTEMPTS = 3;
/** How long a document's bytes and a run's mark live in Redis without their run (a run that died). */
export const BYTES_TTL_MS = 24 * 3600_000;
/** A run refreshes its mark this often; workers skip the documents of a run whose mark has gone. */
export const RUN_BEAT_MS = 5_000;
export const RUN_TTL_MS = 20_000;

/** One queue per analyser version: a worker only ever takes documents its own code would read alike. */
export const queueName = (analyzer: string): string => `clausemap-${analyzer.replace(/[^A-Za-z0-9_-]/g, '_')}`;
export const bytesKey = (run: string, sha256: string): string => `clausemap:bytes:${run}:${sha256}`;
export const runKey = (run: string): string => `clausemap:run:${run}`;

const SHA256 = z.string().regex(/^[0-9a-f]{64}$/);

export const JobDataSchema = z.object({
  /** the run that asked: its id */
  run: z.string().regex(/^[0-9a-f]{32}$/),
  /** the document's name as the run lists it: a label for the result and its messages, never opened */
  file: z.string().min(1),
  sha256: SHA256,
  options: z.object({
    password: z.string().optional(),
    ocr: z
      .object({
        mode: z.enum(['auto', 'always', 'never']).optional(),
        jobs: z.number().int().positive().max(64).optional(),
      })
      .optional(),
  }),
  caps: z.object({ timeoutMs: z.number().int().positive(), maxMemoryMb: z.number().int().positive() }),
});
export type JobData = z.infer<typeof JobDataSchema>;

export const JobReplySchema = z.union([
  z.object({
    result: DocumentResultSchema,
    killed: z.enum(['time', 'memory', 'exit']).optional(),
    /** the attempt that gave this result (1 = the first) */
    attempt: z.number().int().positive(),
  }),
  /** the run had gone when a worker took the job: nothing was read */
  z.object({ cancelled: z.literal(true) }),
]);
export type JobReply = z.infer<typeof JobReplySchema>;
