// The seam between a run and whatever reads its documents: the local pool of capped child processes
// (pool.ts, the default) or a job queue whose workers run that same pool elsewhere (src/queue/). A run
// hands documents over and gets each one's DocumentResult back; ordering, the term database, the checks
// and the report stay the run's.
import type { IngestOptions } from '../ingest/index.js';
import type { DocumentResult } from '../schema.js';

/** A document's result, and whether its reader was killed on it (then the result is the cap's, not the
 *  document's own: a busier machine, or a larger cap, may read it). */
export interface PoolResult {
  result: DocumentResult;
  killed?: 'time' | 'memory' | 'exit';
}

/** The per-document caps a run's documents are read under (they decide what the term database reuses). */
export interface Caps {
  timeoutMs: number;
  maxMemoryMb: number;
}

export interface Analyzer {
  readonly caps: Caps;
  /** how many documents the run hands over at once: enough to keep every reader busy */
  readonly window: number;
  /** One document, read under the caps. Never rejects. */
  analyzeRun(file: string, options?: IngestOptions): Promise<PoolResult>;
  /** Waits for the documents handed over, then lets the readers go. */
  close(): Promise<void>;
}

/** What a run tells the analyser it opens instead of the local pool. */
export interface AnalyzerRequest extends Caps {
  /** `--concurrency` when given */
  concurrency?: number;
  /** the version of everything that makes a DocumentResult (analyzerVersion()) */
  analyzer: string;
  /** a note for the person running the command (progress, stderr) */
  note: (s: string) => void;
}

export type AnalyzerFactory = (req: AnalyzerRequest) => Promise<Analyzer>;
