// The pipeline edge: inputs → DocumentResults in input order, whatever order the pool finishes in.
// Documents already in the term database (same bytes, same analyser) are not analysed again; the rest
// go to the child-process pool, a few at a time, and each is committed to the database as it finishes.
// Results are handed on in input order as soon as they are ready, so a caller can stream them out.
import { restoreNatives } from './natives.js'; // first: before anything loads pdf.js
import { createHash } from 'node:crypto';
import { constants, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import PQueue from 'p-queue';
import { explain } from '../errors.js';
import type { IngestOptions } from '../ingest/index.js';
import type { OcrMode, OcrOptions } from '../ingest/ocr.js';
import { which } from '../ingest/tool.js';
import { CLAUSE_RULES_DIR, PACKAGE_ROOT, VERSION } from '../paths.js';
import { Progress } from '../progress.js';
import { rulesVersion } from '../extract/rules-version.js';
import type { DocumentResult } from '../schema.js';
import type { FileStamp, StoreContext, TermStore } from '../store/index.js';
import { openStoreFor } from '../store/location.js';
import type { Analyzer, AnalyzerFactory } from './analyzer.js';
import { AnalysisPool, type PoolOptions } from './pool.js';
import { expandInputs, type InputList } from './inputs.js';
import { Interruption } from './interrupt.js';

/** Where results go, in input order, as soon as each is ready. */
export interface DocumentSink {
  write(r: DocumentResult, index: number): void;
  /** the run was interrupted: drop what was written */
  abort?(): void;
}

export interface AnalyzeOptions extends PoolOptions {
  ingest?: IngestOptions;
  /** per-file ingest options (e.g. passwords from clausemap.yaml), keyed by the path as listed */
  perFile?: (file: string) => IngestOptions | undefined;
  /** each result as it finishes (completion order) */
  onResult?: (r: DocumentResult, done: number, total: number) => void;
  /** the term database: a file, true for the portfolio's default one, false or absent for none */
  db?: string | boolean;
  /** progress and notes on stderr (a bar on a terminal, a few log lines otherwise) */
  progress?: boolean | Progress;
  /** results in input order as they become ready; the returned results then carry no clauses */
  sink?: DocumentSink;
  /** the run's handler of SIGINT/SIGTERM, told how to stop the analysis: stop, kill the children, keep
   *  what is done and exit 130 */
  interruption?: Interruption;
  /** with no `interruption`: whether to handle the signals that way for the analysis alone (default true) */
  exitOnSignal?: boolean;
  /** the inputs as expandInputs(args) lists them, when the caller has listed them already */
  list?: InputList;
  /** follow links that lead out of the folders given (--follow-links) */
  followLinks?: boolean;
  /** handed the open term database at the end, instead of closing it (the caller then closes it) */
  keepStore?: (store: TermStore) => void;
  /** what reads the documents instead of the local pool (a job queue: src/queue/) */
  analyzer?: AnalyzerFactory;
}

/** Compiled code that cannot change what analysing a document gives: rendering, the command line and the
 *  run around the analysis (what the checks are given is in their own digest). */
const NOT_ANALYSIS = /^(?:report\/|commands\/|pipeline\/(?:run|interrupt|exit-codes)\.js$)/;

/**
 * The version of everything that makes a DocumentResult: the clause rules, the compiled code (all of it
 * but rendering and the command line: the analysis may import from anywhere) and the PDF reader.
 */
export function analyzerVersion(clauseRulesDir: string = CLAUSE_RULES_DIR): { analyzer: string; rulesVersion: string } {
  // a run asks twice (the term database, then the digest of the checks): the code is read once
  let v = versions.get(clauseRulesDir);
  if (!v) versions.set(clauseRulesDir, (v = hashAnalyzer(clauseRulesDir)));
  return v;
}
const versions = new Map<string, { analyzer: string; rulesVersion: string }>();

function hashAnalyzer(clauseRulesDir: string): { analyzer: string; rulesVersion: string } {
  const rv = rulesVersion([clauseRulesDir]);
  const h = createHash('sha256').update(VERSION).update('\0');
  const dist = path.join(PACKAGE_ROOT, 'dist');
  const files = existsSync(dist)
    ? (readdirSync(dist, { recursive: true }) as string[])
        .map((f) => f.split(path.sep).join('/'))
        .filter((f) => f.endsWith('.js') && !NOT_ANALYSIS.test(f))
        .sort()
    : [];
  for (const f of files)
    h.update(f)
      .update('\0')
      .update(readFileSync(path.join(dist, f)))
      .update('\0');
  try {
    h.update(
      (
        JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'node_modules', 'pdf-parse', 'package.json'), 'utf8')) as {
          version: string;
        }
      ).version,
    );
  } catch {
    // not installed next to the package: the code hash alone
  }
  return { analyzer: `${rv}-${h.digest('hex').slice(0, 12)}`, rulesVersion: rv };
}

/** What OCR gives depends on its mode and on the tools installed: a result read without them (or with
 *  OCR off) is not reused once they are there. The default (auto, every tool present) keeps the version. */
function analyzerWithOcr<T extends { analyzer: string }>(v: T, mode: OcrMode): T {
  const missing = ['tesseract', 'pdftoppm', 'antiword', 'unrtf'].filter((t) => !which(t));
  return mode === 'auto' && !missing.length ? v : { ...v, analyzer: `${v.analyzer}+ocr-${mode}-${missing.join('-')}` };
}

/** The file's SHA-256; undefined when it cannot be read, or is no longer a regular file (a pipe put in
 *  its place since the walk is opened without blocking and never read here). */
async function hashFile(file: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
    if (!(await handle.stat()).isFile()) return undefined;
    const h = createHash('sha256');
    for await (const chunk of handle.createReadStream({ highWaterMark: 1 << 20, autoClose: false }))
      h.update(chunk as Buffer);
    return h.digest('hex');
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}

async function stampOf(file: string): Promise<FileStamp | undefined> {
  try {
    const st = await stat(file, { bigint: true });
    return { size: Number(st.size), mtimeNs: String(st.mtimeNs), ino: Number(st.ino) };
  } catch {
    return undefined;
  }
}

/** Hands results on in index order, holding only those that finished ahead of an earlier one. */
class InOrder {
  private next = 0;
  private readonly waiting = new Map<number, DocumentResult>();
  constructor(private readonly emit: (r: DocumentResult, i: number) => void) {}
  put(i: number, r: DocumentResult): void {
    this.waiting.set(i, r);
    while (this.waiting.has(this.next)) {
      const r0 = this.waiting.get(this.next)!;
      this.waiting.delete(this.next);
      this.emit(r0, this.next++);
    }
  }
}

const never = new Promise<never>(() => undefined);

export async function analyzeInputs(args: readonly string[], opts: AnalyzeOptions = {}): Promise<DocumentResult[]> {
  const { files, missing, refused = [] } = opts.list ?? expandInputs(args, { followLinks: opts.followLinks });
  const total = missing.length + refused.length + files.length;
  const progress = opts.progress === true ? new Progress() : opts.progress || undefined;
  const say = (s: string) => (progress ? progress.note(s) : undefined);

  restoreNatives();
  const opened = opts.db
    ? openStoreFor(args, typeof opts.db === 'string' ? opts.db : undefined)
    : { warnings: [] as string[] };
  for (const w of opened.warnings) say(w);
  const store: TermStore | undefined = opened.store;

  const results: DocumentResult[] = new Array<DocumentResult>(total);
  const order = new InOrder((r, i) => {
    if (opts.sink) {
      opts.sink.write(r, i);
      results[i] = { ...r, clauses: [] };
    } else {
      results[i] = r;
    }
  });

  const cores = opts.concurrency ?? availableParallelism();
  const concurrency = Math.max(1, Math.min(cores, Math.max(1, files.length)));
  const pool: Analyzer = opts.analyzer
    ? await opts.analyzer({
        ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
        timeoutMs: opts.timeoutMs ?? 60_000,
        maxMemoryMb: opts.maxMemoryMb ?? 1024,
        analyzer: analyzerVersion(opts.clauseRulesDir).analyzer,
        note: say,
      })
    : new AnalysisPool({
        ...opts,
        concurrency,
        onOcrPage: (file, done, total) => progress?.ocrPage(file, done, total),
      });
  // OCR reads a document's pages in parallel with the cores its batch leaves free, under its caps
  const ocr: OcrOptions = {
    mode: 'auto',
    ...opts.ingest?.ocr,
    jobs: Math.max(1, Math.floor(cores / concurrency)),
    ...pool.caps,
  };
  const ctx: StoreContext | undefined = store
    ? { ...analyzerWithOcr(analyzerVersion(opts.clauseRulesDir), ocr.mode!), caps: pool.caps }
    : undefined;
  const queue = new PQueue({ concurrency: pool.window });
  let stopped = false;
  let done = 0;

  const interruption = opts.interruption ?? (opts.exitOnSignal !== false ? new Interruption() : undefined);
  const forget = interruption?.onInterrupt(() => {
    stopped = true;
    queue.clear();
    opts.sink?.abort?.();
    const kept = progress?.counts().done ?? done;
    store?.close();
    progress?.interrupted(
      store
        ? `the ${kept} finished are kept in ${store.file}; run the same command again to finish the rest.`
        : 'nothing was kept (no term database).',
    );
  });

  const finished = (i: number, r: DocumentResult, reused: boolean) => {
    done++;
    progress?.tick(r.status, reused, r.status === 'ok' ? (r.pages ?? 0) : 0);
    opts.onResult?.(r, done, total);
    order.put(i, r);
  };

  const one = async (i: number, file: string): Promise<void> => {
    if (stopped) return never;
    const abs = path.resolve(file);
    let stamp: FileStamp | undefined;
    let sha: string | undefined;
    if (store && ctx) {
      stamp = await stampOf(file);
      if (stamp) {
        sha = await hashFile(file);
        const cached = sha ? store.load(sha, file, ctx) : undefined;
        if (stopped) return never;
        if (cached) {
          store.touch(cached, abs, stamp, sha, ctx);
          return finished(i, cached, true);
        }
      }
    }
    if (stopped) return never;
    const { result: r, killed } = await pool.analyzeRun(file, { ...opts.ingest, ...opts.perFile?.(file), ocr });
    if (stopped) return never; // killed by the interruption: not a result
    // a document whose child was killed at a cap is not kept: the kill says how that run went (the machine's
    // load, what else the child held), not what the document is, and the next run reads it again
    if (store && ctx && !killed) store.save(r, abs, stamp, r.sha256 ?? sha, ctx);
    finished(i, r, false);
  };

  let completed = false;
  try {
    progress?.start(total, store ? ` (term database ${store.file})` : '');
    missing.forEach((f, i) =>
      finished(
        i,
        {
          file: f,
          status: 'error',
          error: { code: 'NOT_FOUND', message: explain('NOT_FOUND', f) },
          warnings: [],
          clauses: [],
        },
        false,
      ),
    );
    refused.forEach(({ file, status, code, message }, k) =>
      finished(missing.length + k, { file, status, error: { code, message }, warnings: [], clauses: [] }, false),
    );
    const first = missing.length + refused.length;
    files.forEach((f, k) => void queue.add(() => one(first + k, f)));
    await queue.onIdle();
    await pool.close();
    if (store) {
      const dirs = args
        .filter((a) => {
          try {
            return statSync(a).isDirectory();
          } catch {
            return false;
          }
        })
        .map((a) => path.resolve(a));
      store.forgetMissing(dirs, new Set(files.map((f) => path.resolve(f))));
    }
    progress?.finish();
    completed = true;
  } finally {
    forget?.();
    if (!opts.interruption) interruption?.close();
    if (!stopped) {
      await pool.close();
      if (store && opts.keepStore && completed) opts.keepStore(store);
      else store?.close();
    }
  }
  return results;
}
