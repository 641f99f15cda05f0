// Progress of a batch on stderr: a one-line bar redrawn in place on a terminal (files done / total,
// rate, ETA, failures so far), a few plain log lines otherwise. stdout is never touched.

export interface ProgressSink {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

export interface ProgressOptions {
  out?: ProgressSink;
  /** ms between redraws on a terminal */
  redrawMs?: number;
  /** ms between log lines when not on a terminal (besides start and end) */
  logEveryMs?: number;
  now?: () => number;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

export class Progress {
  private readonly out: ProgressSink;
  private readonly tty: boolean;
  private readonly redrawMs: number;
  private readonly logEveryMs: number;
  private readonly now: () => number;
  private total = 0;
  private done = 0;
  private reused = 0;
  private failed = 0;
  private pages = 0;
  private started = 0;
  private lastDraw = 0;
  private lastLog = 0;
  private drawn = false;
  private ticker: ReturnType<typeof setInterval> | undefined;
  /** documents being read by OCR now: pages done and to read */
  private readonly ocr = new Map<string, { done: number; total: number }>();

  constructor(opts: ProgressOptions = {}) {
    this.out = opts.out ?? process.stderr;
    this.tty = !!this.out.isTTY;
    this.redrawMs = opts.redrawMs ?? 100;
    this.logEveryMs = opts.logEveryMs ?? 15_000;
    this.now = opts.now ?? (() => Date.now());
  }

  start(total: number, note = ''): void {
    this.total = total;
    this.started = this.now();
    this.lastLog = this.started;
    if (!this.tty) this.out.write(`clausemap: analysing ${total} file${total === 1 ? '' : 's'}${note}\n`);
    else {
      this.draw(true);
      // the rate and ETA move on while a long document is read
      this.ticker = setInterval(() => this.draw(true), 1000);
      this.ticker.unref?.();
    }
  }

  /** One document finished: `reused` when it came from the term database. */
  tick(status: 'ok' | 'error' | 'skipped', reused: boolean, pages = 0): void {
    this.done++;
    if (reused) this.reused++;
    if (status === 'error') this.failed++;
    this.pages += pages;
    const t = this.now();
    if (this.tty) {
      if (t - this.lastDraw >= this.redrawMs || this.done === this.total) this.draw(false);
    } else if (t - this.lastLog >= this.logEveryMs && this.done < this.total) {
      this.lastLog = t;
      this.out.write(`clausemap: ${this.line()}\n`);
    }
  }

  /** A page of a scan was read by OCR (shown in the bar until the document is done). */
  ocrPage(file: string, done: number, total: number): void {
    if (done >= total) this.ocr.delete(file);
    else this.ocr.set(file, { done, total });
    if (this.tty) this.draw(false);
  }

  /** The last line: what was done, how fast. */
  finish(): void {
    this.stop();
    this.clear();
    const ms = this.now() - this.started;
    const analysed = this.done - this.reused;
    const parts = [
      `${this.done} file${this.done === 1 ? '' : 's'} in ${formatDuration(ms)}`,
      `${analysed} analysed, ${this.reused} reused from the term database`,
    ];
    if (this.pages && analysed) parts.push(`${Math.round(this.pages / Math.max(ms / 1000, 0.001))} pages/s`);
    if (this.failed) parts.push(`${this.failed} could not be read`);
    this.out.write(`clausemap: ${parts.join(', ')}\n`);
  }

  interrupted(where: string): void {
    this.stop();
    this.clear();
    this.out.write(`clausemap: interrupted after ${this.done} of ${this.total} files; ${where}\n`);
  }

  /** Writes a message without garbling the bar. */
  note(message: string): void {
    this.clear();
    this.out.write(message.endsWith('\n') ? message : message + '\n');
    if (this.tty && this.total) this.draw(true);
  }

  counts(): { done: number; reused: number; failed: number; total: number } {
    return { done: this.done, reused: this.reused, failed: this.failed, total: this.total };
  }

  private line(): string {
    const elapsed = this.now() - this.started;
    const analysed = this.done - this.reused;
    const rate = analysed > 0 && elapsed > 0 ? analysed / (elapsed / 1000) : 0;
    const left = this.total - this.done;
    const eta = rate > 0 ? formatDuration((left / rate) * 1000) : '?';
    const pct = this.total ? Math.floor((100 * this.done) / this.total) : 100;
    return (
      `${this.done}/${this.total} files (${pct}%) · ${rate ? rate.toFixed(1) : '–'} files/s · ETA ${left ? eta : '0s'}` +
      (this.reused ? ` · ${this.reused} reused` : '') +
      (this.failed ? ` · ${this.failed} failed` : '') +
      this.ocrLine()
    );
  }

  /** " · OCR 3/10 pages" over the documents being read by OCR now. */
  private ocrLine(): string {
    if (!this.ocr.size) return '';
    let done = 0,
      total = 0;
    for (const o of this.ocr.values()) {
      done += o.done;
      total += o.total;
    }
    return ` · OCR ${done}/${total} pages`;
  }

  private draw(force: boolean): void {
    const t = this.now();
    if (!force && t - this.lastDraw < this.redrawMs && this.done !== this.total) return;
    this.lastDraw = t;
    const cols = this.out.columns || 80;
    const width = Math.max(10, Math.min(30, cols - 70));
    const filled = this.total ? Math.round((width * this.done) / this.total) : width;
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const text = `${bar} ${this.line()}`;
    this.out.write(`\r${text.length >= cols ? text.slice(0, cols - 1) : text}\x1b[K`);
    this.drawn = true;
  }

  private stop(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private clear(): void {
    if (this.tty && this.drawn) {
      this.out.write('\r\x1b[K');
      this.drawn = false;
    }
  }
}
