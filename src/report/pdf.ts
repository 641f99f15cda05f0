// PDF printing with headless Chromium. The HTML is hostile-by-assumption (it quotes contract text), so the
// page runs with JavaScript off, is loaded with setContent (never a file:// URL), and every request that
// is not a data: URL is aborted. One browser serves a batch of renders and is always closed, with its
// temporary profile removed, also when a render fails or times out.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer';

export type ReportErrorCode = 'NO_CHROMIUM' | 'RENDER_TIMEOUT' | 'RENDER_FAILED';

/** A report that could not be printed; the message starts with the stable code, e.g. "NO_CHROMIUM: …". */
export class ReportError extends Error {
  constructor(
    public readonly code: ReportErrorCode,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'ReportError';
  }
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--disable-extensions',
  '--disable-default-apps',
  '--mute-audio',
] as const;

/** Default cap on one render (load + print). Override with CLAUSEMAP_RENDER_TIMEOUT (seconds). */
export const DEFAULT_RENDER_TIMEOUT_MS = 120_000;

const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, name);
    if (isFile(p)) return p;
  }
  return undefined;
}

export const NO_CHROMIUM_MESSAGE =
  'No Chromium or Chrome was found to print the PDF. Install Chromium (Debian/Ubuntu: apt-get install chromium), ' +
  'or name a browser with CLAUSEMAP_CHROMIUM=/path/to/chrome, or write the report with --format html ' +
  '(md, json, csv and ics work too).';

/**
 * The browser to print with: CLAUSEMAP_CHROMIUM, then PUPPETEER_EXECUTABLE_PATH, then a system Chromium or
 * Chrome, then the browser Puppeteer downloaded. Throws NO_CHROMIUM with what to do when there is none.
 */
export async function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  opts: { puppeteerCache?: boolean; systemPaths?: readonly string[] } = {},
): Promise<string> {
  for (const name of ['CLAUSEMAP_CHROMIUM', 'PUPPETEER_EXECUTABLE_PATH'] as const) {
    const p = env[name];
    if (!p) continue;
    if (isFile(p)) return p;
    throw new ReportError(
      'NO_CHROMIUM',
      `${name} is set to "${p}", but there is no browser there. Fix the path, unset it, or write the report with --format html.`,
    );
  }
  for (const p of opts.systemPaths ?? SYSTEM_PATHS) if (isFile(p)) return p;
  for (const n of PATH_NAMES) {
    const p = onPath(n, env);
    if (p) return p;
  }
  if (opts.puppeteerCache !== false) {
    try {
      const { default: puppeteer } = await import('puppeteer');
      const p = puppeteer.executablePath();
      if (p && isFile(p)) return p;
    } catch {
      // no downloaded browser either
    }
  }
  throw new ReportError('NO_CHROMIUM', NO_CHROMIUM_MESSAGE);
}

export interface PrintOptions {
  headerTemplate?: string;
  footerTemplate?: string;
  /** cap on this render, default the printer's */
  timeoutMs?: number;
  /** a tagged (accessible) PDF: structure for screen readers, at a cost in time and size on long reports */
  tagged?: boolean;
  /** told about every request the page tries to make, and whether it was allowed (only data: is) */
  onRequest?: (url: string, allowed: boolean) => void;
}

export interface PrinterOptions {
  executablePath?: string;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

function timeoutFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const s = Number(env.CLAUSEMAP_RENDER_TIMEOUT);
  return Number.isFinite(s) && s > 0 ? s * 1000 : undefined;
}

/** One headless Chromium, reused for a batch of renders. Always `close()` it (or use `withPrinter`). */
export class PdfPrinter {
  private closed = false;

  private constructor(
    private readonly browser: Browser,
    private readonly profile: string,
    readonly timeoutMs: number,
    /** removes the profile if the process exits without close() (e.g. Ctrl-C: Puppeteer kills the browser) */
    private readonly onExit: () => void,
  ) {}

  static async launch(opts: PrinterOptions = {}): Promise<PdfPrinter> {
    const env = opts.env ?? process.env;
    const executablePath = opts.executablePath ?? (await findChromium(env));
    const timeoutMs = opts.timeoutMs ?? timeoutFromEnv(env) ?? DEFAULT_RENDER_TIMEOUT_MS;
    const profile = mkdtempSync(path.join(tmpdir(), 'clausemap-chromium-'));
    // from the moment it exists: a Ctrl-C while Chromium starts leaves no profile behind either. On the way
    // out Chromium is killed first (its process group), so that it writes nothing more into the profile.
    const chromium: { pid?: number } = {};
    const onExit = (): void => {
      try {
        if (chromium.pid) process.kill(-chromium.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      // a Chromium still starting (its pid not known yet) may write a little more as it dies: try for 1 s
      const pause = new Int32Array(new SharedArrayBuffer(4));
      for (let i = 0; i < 40 && existsSync(profile); i++) {
        try {
          rmSync(profile, { recursive: true, force: true });
        } catch {
          Atomics.wait(pause, 0, 0, 25);
        }
      }
    };
    process.once('exit', onExit);
    const { default: puppeteer } = await import('puppeteer');
    let browser: Browser;
    try {
      browser = await puppeteer.launch({
        executablePath,
        headless: true,
        pipe: true, // no debugging port
        userDataDir: profile,
        // Chromium's own temporary files (its singleton lock folder) go inside the profile, removed with it
        env: { ...env, TMPDIR: profile },
        args: [...CHROMIUM_ARGS],
        timeout: Math.min(timeoutMs, 60_000),
        protocolTimeout: timeoutMs + 10_000,
      });
    } catch (e) {
      process.removeListener('exit', onExit);
      onExit();
      throw new ReportError(
        'NO_CHROMIUM',
        `Chromium at ${executablePath} could not be started (${(e as Error).message.split('\n')[0]}). ` +
          'Check that it runs (try `chromium --version`), name another with CLAUSEMAP_CHROMIUM, or write the report with --format html.',
      );
    }
    chromium.pid = browser.process()?.pid;
    return new PdfPrinter(browser, profile, timeoutMs, onExit);
  }

  /** The profile folder Chromium was started with (removed on close). */
  get userDataDir(): string {
    return this.profile;
  }

  /** The browser's process id, while it runs. */
  get pid(): number | undefined {
    return this.browser.process()?.pid;
  }

  async print(html: string, opts: PrintOptions = {}): Promise<Buffer> {
    if (this.closed) throw new ReportError('RENDER_FAILED', 'The PDF printer was already closed; start a new one.');
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    const page = await this.browser.newPage();
    let timer: NodeJS.Timeout | undefined;
    const work = (async () => {
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (req) => {
        if (req.isInterceptResolutionHandled()) return;
        const url = req.url();
        const allowed = url.startsWith('data:');
        opts.onRequest?.(url, allowed);
        (allowed ? req.continue() : req.abort('blockedbyclient')).catch(() => undefined);
      });
      await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
      await page.emulateMediaType('print');
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: !!(opts.headerTemplate || opts.footerTemplate),
        headerTemplate: opts.headerTemplate ?? '<span></span>',
        footerTemplate: opts.footerTemplate ?? '<span></span>',
        margin: { top: '20mm', bottom: '18mm', left: '14mm', right: '14mm' },
        timeout: timeoutMs,
        tagged: opts.tagged ?? true,
        outline: false,
      });
      return Buffer.from(pdf);
    })();
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ReportError(
              'RENDER_TIMEOUT',
              `Printing the PDF took longer than ${Math.round(timeoutMs / 1000)} s and was stopped. Raise CLAUSEMAP_RENDER_TIMEOUT (seconds), or write the report with --format html.`,
            ),
          ),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([work, expired]);
    } catch (e) {
      // A render that hung or failed may leave the browser in any state: do not reuse it.
      work.catch(() => undefined);
      await this.close();
      if (e instanceof ReportError) throw e;
      throw new ReportError(
        'RENDER_FAILED',
        `Printing the PDF failed (${(e as Error).message.split('\n')[0]}). Write the report with --format html, and please report this.`,
      );
    } finally {
      clearTimeout(timer);
      if (!this.closed) await page.close().catch(() => undefined);
    }
  }

  /** Close the browser (kill its process group if it does not exit) and remove its profile. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const proc = this.browser.process();
    const exited =
      proc && proc.exitCode === null && proc.signalCode === null
        ? new Promise<void>((resolve) => proc.once('exit', () => resolve()))
        : Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.browser.close(),
        new Promise((r) => {
          timer = setTimeout(r, 5_000);
        }),
      ]);
    } catch {
      // fall through to the kill
    } finally {
      clearTimeout(timer);
    }
    if (proc?.pid && proc.exitCode === null && proc.signalCode === null) {
      try {
        process.kill(-proc.pid, 'SIGKILL'); // Puppeteer starts Chromium in its own process group
      } catch {
        try {
          proc.kill('SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    process.removeListener('exit', this.onExit);
    if (existsSync(this.profile)) rmSync(this.profile, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** Run `fn` with one printer and close it afterwards, whatever happens. */
export async function withPrinter<T>(fn: (p: PdfPrinter) => Promise<T>, opts: PrinterOptions = {}): Promise<T> {
  const printer = await PdfPrinter.launch(opts);
  try {
    return await fn(printer);
  } finally {
    await printer.close();
  }
}

/** Print one HTML document to PDF with a browser started and closed for it. */
export async function htmlToPdf(html: string, opts: PrintOptions & PrinterOptions = {}): Promise<Buffer> {
  return withPrinter((p) => p.print(html, opts), opts);
}
