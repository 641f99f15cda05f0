// The analysis behind `clausemap serve`: one queue for the whole server, so portfolios are analysed one
// after the other, each in the capped child processes of the command line's pool (src/pipeline), with
// the portfolio's own term database. After the analysis the audit is run as `clausemap audit --format json`
// runs it (src/pipeline/run.ts) and kept beside the files; every format of the report is rendered from it
// by src/report, as the command line renders it. Progress goes to whoever listens (the events stream).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import PQueue from 'p-queue';
import type { Playbook, PortfolioRule } from '../check/index.js';
import type { LoadedConfig } from '../config/config.js';
import type { Analyzer } from '../pipeline/analyzer.js';
import { analyzeInputs } from '../pipeline/index.js';
import { AnalysisPool } from '../pipeline/pool.js';
import { run } from '../pipeline/run.js';
import { render, type Format } from '../report/index.js';
import type { Report } from '../schema.js';
import { uniqueNames, withDisplayNames, type NamedPath } from './names.js';
import { newId, safeExt, type Portfolio, type PortfolioStore, type StoredFile } from './portfolios.js';

/** What a run reads besides the documents (the command line's loadSettings, given by the command). */
export interface Settings {
  portfolioRules: PortfolioRule[];
  config?: LoadedConfig;
  playbook?: Playbook;
}
export type SettingsLoader = (inputs: readonly string[]) => Settings;

export interface WorkOptions {
  concurrency?: number;
  timeoutMs: number;
  maxMemoryMb: number;
}

export interface Status {
  /** files in the portfolio */
  files: number;
  /** files the analysis has finished with (read or not) */
  analysed: number;
  /** of those, files that could not be read (each is listed in the report with its reason) */
  failed: number;
  /** nothing left to do: the report of every file is ready */
  done: boolean;
  /** why the last analysis stopped, when it did */
  error?: string;
}

/** The report as kept beside the files, with what it was made from. */
export interface Kept {
  fingerprint: string;
  /** display name → stored file id, for the contract view */
  names: Record<string, string>;
  report: Report;
}

interface Live {
  scheduled: boolean;
  running: boolean;
  analysed: number;
  failed: number;
  error?: string;
  listeners: Set<(s: Status) => void>;
}

const REPORT = 'report.json';

/** A base name plain enough to be a link's name inside a generated folder: letters, digits, spaces and
 *  . _ ( ) + , & ' -, not starting with a dot, and no YAML name (an upload named clausemap.yaml would be
 *  read as the run's configuration); anything else is linked under its generated id. */
const PLAIN_NAME = /^(?!\.)(?!.*\.ya?ml$)[\p{L}\p{N}\p{M} ._()+,&'-]{1,200}$/iu;

/**
 * The portfolio's files as the pipeline reads them: links in run/, one generated folder per file named by
 * its rank in display-name order (the pipeline orders files by path), each link named by the file's own
 * base name when it is plain (the report's finding ids are hashed from base names, so they are then those
 * `clausemap audit` gives), else by its id. Rebuilt before each run (runs are one at a time). `rank` 0 is
 * kept for a draft.
 */
export function namedPaths(store: PortfolioStore, p: Portfolio): NamedPath[] {
  const files = [...p.files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
  const names = uniqueNames(files);
  const run = path.join(store.dir(p.id), 'run');
  rmSync(run, { recursive: true, force: true });
  return files.map((f, i) => ({
    path: linkFile(run, i + 1, store.pathOf(p.id, f), names[i]!, f),
    name: names[i]!,
    id: f.id,
  }));
}

/** A link to `target` in run/<rank>/, under the display name's base name when it is plain, else `<id>.<ext>`. */
function linkFile(run: string, rank: number, target: string, name: string, f: Pick<StoredFile, 'id' | 'ext'>): string {
  const dir = path.join(run, String(rank).padStart(6, '0'));
  mkdirSync(dir, { recursive: true });
  const base = path.basename(name.replace(/\\/g, '/'));
  const link = path.join(dir, PLAIN_NAME.test(base) && base !== '..' ? base : `${f.id}.${f.ext}`);
  symlinkSync(path.resolve(target), link);
  return link;
}

export const fingerprintOf = (p: Portfolio): string =>
  createHash('sha256')
    .update(
      p.files
        .map((f) => `${f.id}\0${f.name}`)
        .sort()
        .join('\n'),
    )
    .digest('hex');

export class Work {
  private readonly queue = new PQueue({ concurrency: 1 });
  private readonly printQueue = new PQueue({ concurrency: 1 });
  private readonly live = new Map<string, Live>();

  /** One pool of capped children for the server's whole life, started with the server: an upload or a draft
   *  check does not wait for children to load. Each run borrows it (closing it only readies it again). */
  private readonly pool: AnalysisPool;
  private readonly borrowed: Analyzer;

  constructor(
    private readonly store: PortfolioStore,
    private readonly settings: SettingsLoader,
    private readonly opts: WorkOptions,
  ) {
    this.pool = new AnalysisPool({
      ...(opts.concurrency ? { concurrency: opts.concurrency } : {}),
      timeoutMs: opts.timeoutMs,
      maxMemoryMb: opts.maxMemoryMb,
    });
    this.pool.warm();
    const pool = this.pool;
    this.borrowed = {
      caps: pool.caps,
      window: pool.window,
      analyzeRun: (file, options) => pool.analyzeRun(file, options),
      close: async () => pool.warm(),
    };
  }

  /** Lets the children go (the server is stopping). */
  close(): Promise<void> {
    return this.pool.close();
  }

  private liveOf(id: string): Live {
    let l = this.live.get(id);
    if (!l) this.live.set(id, (l = { scheduled: false, running: false, analysed: 0, failed: 0, listeners: new Set() }));
    return l;
  }

  /** The kept report, when it is the report of the portfolio's files as they are now. */
  kept(p: Portfolio): Kept | undefined {
    const s = this.store.readSidecar(p.id, REPORT);
    if (!s) return undefined;
    try {
      const k = JSON.parse(s) as Kept;
      return k.fingerprint === fingerprintOf(p) ? k : undefined;
    } catch {
      return undefined;
    }
  }

  status(p: Portfolio): Status {
    const l = this.liveOf(p.id);
    const base = { files: p.files.length, ...(l.error ? { error: l.error } : {}) };
    if (l.scheduled || l.running) return { ...base, analysed: l.analysed, failed: l.failed, done: false };
    const k = this.kept(p);
    if (k) {
      const docs = k.report.documents.filter((d) => d.file !== k.report.draft);
      return { ...base, analysed: docs.length, failed: docs.filter((d) => d.status !== 'ok').length, done: true };
    }
    return { ...base, analysed: 0, failed: 0, done: p.files.length === 0 || !!l.error };
  }

  subscribe(id: string, fn: (s: Status) => void): () => void {
    const l = this.liveOf(id);
    l.listeners.add(fn);
    return () => l.listeners.delete(fn);
  }

  private emit(id: string): void {
    const p = this.store.get(id);
    const l = this.liveOf(id);
    if (!p) return;
    const s = this.status(p);
    for (const fn of l.listeners) fn(s);
  }

  /** Analyses the portfolio's files (again) when nothing is queued for it yet. */
  schedule(id: string): void {
    const l = this.liveOf(id);
    if (l.scheduled) return;
    l.scheduled = true;
    delete l.error;
    void this.queue.add(() => this.analyse(id));
    this.emit(id);
  }

  /** Every portfolio whose kept report is not of its files (a restart after an upload): analysed again. */
  resume(): void {
    for (const p of this.store.list()) if (p.files.length && !this.kept(p)) this.schedule(p.id);
  }

  idle(): Promise<void> {
    return this.queue.onIdle();
  }

  private async analyse(id: string): Promise<void> {
    const l = this.liveOf(id);
    l.scheduled = false;
    const p = this.store.get(id);
    if (!p || !p.files.length) return this.emit(id);
    l.running = true;
    l.analysed = 0;
    l.failed = 0;
    this.emit(id);
    try {
      const named = namedPaths(this.store, p);
      await analyzeInputs(
        named.map((n) => n.path),
        {
          ...this.analysis(id),
          exitOnSignal: false,
          onResult: (r, done) => {
            l.analysed = done;
            if (r.status !== 'ok') l.failed++;
            this.emit(id);
          },
        },
      );
      const report = await this.audit(p, named);
      const kept: Kept = {
        fingerprint: fingerprintOf(p),
        names: Object.fromEntries(named.map((n) => [n.name, n.id])),
        report,
      };
      if (this.store.get(id)) this.store.writeSidecar(id, REPORT, JSON.stringify(kept));
    } catch (e) {
      l.error = `The analysis of this portfolio stopped: ${(e as Error).message}. Add or remove a file to try again.`;
    } finally {
      l.running = false;
      this.emit(id);
    }
  }

  private analysis(id: string) {
    return {
      concurrency: this.opts.concurrency,
      timeoutMs: this.opts.timeoutMs,
      maxMemoryMb: this.opts.maxMemoryMb,
      db: this.store.dbFile(id),
      progress: false,
      analyzer: async () => this.borrowed,
    };
  }

  /** `clausemap audit` (or `check`) with --format json on the portfolio's files, names put back. */
  private async audit(p: Portfolio, named: NamedPath[], draft?: NamedPath): Promise<Report> {
    const inputs = named.map((n) => n.path);
    const settings = this.settings(draft ? [...inputs, draft.path] : inputs);
    const dir = this.store.scratch(p.id);
    try {
      const out = path.join(dir, 'report.json');
      await run({
        command: draft ? 'check' : 'audit',
        inputs,
        ...(draft ? { draft: draft.path } : {}),
        analysis: this.analysis(p.id),
        ...(settings.config ? { config: settings.config } : {}),
        out,
        format: 'json',
        failOn: 'none',
        rules: settings.portfolioRules,
        ...(settings.playbook ? { playbook: settings.playbook } : {}),
      });
      const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
      return withDisplayNames(report, draft ? [...named, draft] : named);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  /** The report in a format, as `clausemap audit --format F` writes it; undefined until it is ready. */
  async report(p: Portfolio, format: Format): Promise<string | Buffer | undefined> {
    const k = this.kept(p);
    if (!k) return undefined;
    if (format === 'pdf') return this.printQueue.add(() => render(k.report, 'pdf'));
    return render(k.report, format);
  }

  /** `clausemap check` of a draft (stored at `draftPath`, under no name of the client's) against the
   *  portfolio's files. The draft is read first, as the command line reads it. */
  async check(p: Portfolio, draftPath: string, draftName: string): Promise<Report> {
    return this.queue.add(async () => {
      const named = namedPaths(this.store, p);
      const name = uniqueNames([...named, { name: draftName }]).at(-1)!;
      const id = newId();
      const link = linkFile(path.join(this.store.dir(p.id), 'run'), 0, draftPath, name, {
        id,
        ext: safeExt(draftName),
      });
      return this.audit(p, named, { path: link, name, id });
    });
  }

  forget(id: string): void {
    this.live.delete(id);
  }
}
