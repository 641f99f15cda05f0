// OCR, the edge: pages of a PDF rasterised with poppler's `pdftoppm`, images and rasters read with
// Debian's `tesseract` (TSV output: words with confidences), in a temporary folder removed afterwards.
// Pages are read `jobs` at a time; each tool run has its own timeout and data limit (./tool.ts). Runs
// inside a pool child, whose time cap is known here: when the pages read so far say the rest cannot be
// done in time, the document stops at once with TOO_COMPLEX and the --timeout that would do.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { errorFor } from '../errors.js';
import { joinSplitWords, parseTsv, type OcrPage } from './ocr-text.js';
import { runTool, which } from './tool.js';

export type OcrMode = 'auto' | 'always' | 'never';

export interface OcrOptions {
  mode?: OcrMode;
  /** pages read at once (default 1) */
  jobs?: number;
  /** the document's time cap: OCR stops with TOO_COMPLEX when it cannot finish inside it */
  timeoutMs?: number;
  /** when the document's clock started (Date.now()); default: when OCR starts */
  startedAt?: number;
  /** the per-document memory cap, also each tool's data limit (MB) */
  maxMemoryMb?: number;
  /** rasterising resolution (default 300 dpi) */
  dpi?: number;
  /** told after each page is read: pages done, pages to read */
  onPage?: (done: number, total: number) => void;
}

/** Where the OCR tools are missing, what to install (and the package that has each). */
export function ocrMissing(forPdf: boolean): string | undefined {
  const need = [
    ...(which('tesseract') ? [] : ['tesseract (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-eng)']),
    ...(forPdf && !which('pdftoppm') ? ['pdftoppm (apt-get install poppler-utils)'] : []),
  ];
  return need.length ? `install ${need.join(' and ')}, or run scripts/setup.sh` : undefined;
}

const TESSERACT_ENV = { OMP_THREAD_LIMIT: '1', LC_ALL: 'C' };

/** One document's OCR: its temporary folder, clock and page count, for the messages. */
class Job {
  private readonly started = Date.now();
  private done = 0;
  constructor(
    readonly dir: string,
    readonly file: string,
    readonly total: number,
    readonly opts: OcrOptions,
  ) {}

  /** What is left of the document's time, less a margin to hand the answer back. */
  left(): number {
    return (this.opts.timeoutMs ?? 60_000) * 0.95 - (Date.now() - (this.opts.startedAt ?? this.started));
  }

  caps(): { timeoutMs: number; dataMb: number } {
    return { timeoutMs: Math.max(1000, Math.min(120_000, this.left())), dataMb: this.opts.maxMemoryMb ?? 1024 };
  }

  /** After a page: stop now if the pace so far cannot finish in time. */
  pageDone(): void {
    this.done++;
    this.opts.onPage?.(this.done, this.total);
    const elapsed = Date.now() - this.started;
    const jobs = Math.max(1, this.opts.jobs ?? 1);
    if (this.done < Math.min(jobs, this.total) || this.done >= this.total) return;
    const need = (elapsed / this.done) * (this.total - this.done);
    if (need > this.left()) this.tooSlow(elapsed);
  }

  tooSlow(elapsed: number): never {
    const perPage = elapsed / Math.max(1, this.done);
    const whole = Math.ceil(((perPage * this.total) / 1000) * 1.3 + 5);
    throw errorFor(
      'TOO_COMPLEX',
      this.file,
      `OCR of ${this.total} scanned page${this.total === 1 ? '' : 's'} needs about ${Math.round(perPage / 100) / 10} s a page here, past the ${Math.round((this.opts.timeoutMs ?? 60_000) / 1000)} s cap; run again with --timeout ${whole} (or more --concurrency cores)`,
    );
  }

  async tesseract(image: string, firstPage: number): Promise<OcrPage[]> {
    if (this.left() <= 0) this.tooSlow(Date.now() - this.started);
    const r = await runTool(which('tesseract')!, [image, 'stdout', '-l', 'eng', '--psm', '3', 'tsv'], this.caps(), {
      ...TESSERACT_ENV,
    });
    if (r.timedOut) this.tooSlow(Date.now() - this.started);
    if (r.code !== 0 || r.overflow) {
      const why = r.overflow
        ? 'the OCR output passed its size limit'
        : r.signal
          ? `the OCR stopped (${r.signal}), most likely at the memory cap`
          : `tesseract could not read the image: ${clip(r.stderr)}`;
      throw errorFor(r.signal || r.overflow ? 'TOO_COMPLEX' : 'CORRUPT_IMAGE', this.file, why);
    }
    return parseTsv(r.stdout.toString('utf8'), firstPage);
  }

  async rasterise(pdf: string, page: number, password?: string): Promise<string | undefined> {
    if (this.left() <= 0) this.tooSlow(Date.now() - this.started);
    const prefix = path.join(this.dir, `p${page}`);
    const args = [
      '-r',
      String(this.opts.dpi ?? 300),
      '-gray',
      '-png',
      '-f',
      String(page),
      '-l',
      String(page),
      ...(password ? ['-upw', password] : []),
      pdf,
      prefix,
    ];
    const r = await runTool(which('pdftoppm')!, args, { ...this.caps(), maxOutputBytes: 1 << 20 });
    if (r.timedOut) this.tooSlow(Date.now() - this.started);
    const made = (await readdir(this.dir)).find((f) => f.startsWith(`p${page}-`) && f.endsWith('.png'));
    if (!made && r.signal)
      throw errorFor('TOO_COMPLEX', this.file, `rasterising page ${page} for OCR stopped (${r.signal})`);
    return made ? path.join(this.dir, made) : undefined;
  }
}

/** Runs `fn` over `items`, `jobs` at a time; the first failure stops the rest from starting. */
async function inParallel<T, R>(items: readonly T[], jobs: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failed: unknown;
  const worker = async () => {
    while (failed === undefined && next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i]!);
      } catch (e) {
        failed ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, items.length)) }, worker));
  if (failed !== undefined) throw failed;
  return out;
}

const OCR_DIR_PREFIX = 'clausemap-ocr-';

/** Whether a process is alive (a signal 0 reaches it, or it is not ours to signal). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let staleSwept = false;
/** The working folders of OCR processes that were killed at a cap (their folder names carry their pid):
 *  removed by the next process that reads a scan. */
async function sweepStale(): Promise<void> {
  if (staleSwept) return;
  staleSwept = true;
  const names = await readdir(tmpdir()).catch(() => [] as string[]);
  for (const n of names) {
    const m = new RegExp(`^${OCR_DIR_PREFIX}(\\d+)-`).exec(n);
    if (m && +m[1]! !== process.pid && !alive(+m[1]!))
      await rm(path.join(tmpdir(), n), { recursive: true, force: true }).catch(() => undefined);
  }
}

async function withJob<R>(file: string, total: number, opts: OcrOptions, fn: (job: Job) => Promise<R>): Promise<R> {
  await sweepStale();
  const dir = await mkdtemp(path.join(tmpdir(), `${OCR_DIR_PREFIX}${process.pid}-`));
  try {
    return await fn(new Job(dir, file, total, opts));
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** OCR of the given 1-based pages of a PDF (in the order given). */
export function ocrPdfPages(
  buf: Buffer,
  file: string,
  pages: readonly number[],
  opts: OcrOptions & { password?: string },
): Promise<OcrPage[]> {
  return withJob(file, pages.length, opts, async (job) => {
    const pdf = path.join(job.dir, 'in.pdf');
    await writeFile(pdf, buf, { mode: 0o600 });
    const read = await inParallel(pages, opts.jobs ?? 1, async (page) => {
      const image = await job.rasterise(pdf, page, opts.password);
      const read: OcrPage = image
        ? { ...(await job.tesseract(image, page))[0]!, page }
        : { page, text: '', words: 0, confidence: 0, verdict: 'unrendered' };
      if (image) await rm(image, { force: true });
      job.pageDone();
      return read;
    });
    return joinSplitWords(read);
  });
}

/** OCR of an image file (PNG, JPEG, or TIFF with any number of pages). */
export function ocrImage(buf: Buffer, file: string, ext: string, opts: OcrOptions): Promise<OcrPage[]> {
  return withJob(file, 1, opts, async (job) => {
    const image = path.join(job.dir, `in.${ext}`);
    await writeFile(image, buf, { mode: 0o600 });
    const pages = await job.tesseract(image, 1);
    job.pageDone();
    return joinSplitWords(pages);
  });
}

function clip(s: string): string {
  return s.replace(/\s+/g, ' ').trim().slice(0, 120) || 'no reason given';
}
