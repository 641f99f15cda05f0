// Reading rendered PDFs back for the report tests: text per page (pdftotext) and page images (pdftoppm).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'clausemap-report-test-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function pdfPages(pdf: Buffer): number {
  return withTempDir((dir) => {
    const f = path.join(dir, 'r.pdf');
    writeFileSync(f, pdf);
    const m = /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [f], { encoding: 'utf8' }));
    return Number(m?.[1] ?? 0);
  });
}

export function pdfInfo(pdf: Buffer): Record<string, string> {
  return withTempDir((dir) => {
    const f = path.join(dir, 'r.pdf');
    writeFileSync(f, pdf);
    const out = execFileSync('pdfinfo', ['-enc', 'UTF-8', f], { encoding: 'utf8' });
    return Object.fromEntries(
      out
        .split('\n')
        .filter((l) => l.includes(':'))
        .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
    );
  });
}

/** The text of each page, in page order. */
export function pdfTextByPage(pdf: Buffer): string[] {
  return withTempDir((dir) => {
    const f = path.join(dir, 'r.pdf');
    writeFileSync(f, pdf);
    // pages are separated by form feeds
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', f, '-'], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    const pages = text.split('\f');
    if (pages.at(-1)!.trim() === '') pages.pop();
    return pages;
  });
}

/**
 * Without whitespace or hyphens: text that the PDF wraps at a different place still compares equal
 * (pdftotext drops the hyphen where a line breaks after one, as in file names).
 */
export function squash(s: string): string {
  return s.replace(/[\s\-\u2010\u2011]+/g, '');
}

export interface PageImage {
  page: number;
  width: number;
  height: number;
  ink: number;
  colour: number;
  bytes: number;
}

/**
 * Each page as a small image: `ink` is the share of pixels darker than light grey, `colour` the share of
 * clearly coloured pixels. A blank page has ink 0.
 */
export function pdfPageImages(pdf: Buffer, opts: { dpi?: number; first?: number; last?: number } = {}): PageImage[] {
  return withTempDir((dir) => {
    const f = path.join(dir, 'r.pdf');
    writeFileSync(f, pdf);
    const args = ['-r', String(opts.dpi ?? 24)];
    if (opts.first) args.push('-f', String(opts.first));
    if (opts.last) args.push('-l', String(opts.last));
    execFileSync('pdftoppm', [...args, f, path.join(dir, 'p')]);
    return readdirSync(dir)
      .filter((n) => n.endsWith('.ppm'))
      .sort()
      .map((n) => {
        const buf = readFileSync(path.join(dir, n));
        const m = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 40).toString('latin1'))!;
        const [w, h] = [Number(m[1]), Number(m[2])];
        const px = buf.subarray(m[0].length);
        let ink = 0;
        let colour = 0;
        for (let i = 0; i + 2 < px.length; i += 3) {
          const r = px[i]!,
            g = px[i + 1]!,
            b = px[i + 2]!;
          if ((r + g + b) / 3 < 200) ink++;
          if (Math.max(r, g, b) - Math.min(r, g, b) > 80) colour++;
        }
        return {
          page: Number(/-(\d+)\.ppm$/.exec(n)![1]),
          width: w,
          height: h,
          ink: ink / (w * h),
          colour: colour / (w * h),
          bytes: buf.length,
        };
      });
  });
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
      : ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()]!,
  );
}

/**
 * The text of each page by column: poppler's text blocks grouped by their left edge and read top to
 * bottom. A quote printed in one of two columns side by side comes out whole, where plain pdftotext
 * interleaves the columns' lines.
 */
export function pdfColumnsByPage(pdf: Buffer): string[][] {
  return withTempDir((dir) => {
    const f = path.join(dir, 'r.pdf');
    writeFileSync(f, pdf);
    const xml = execFileSync('pdftotext', ['-enc', 'UTF-8', '-bbox-layout', f, '-'], {
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
    });
    return [...xml.matchAll(/<page[^>]*>([\s\S]*?)<\/page>/g)].map((p) => {
      const blocks = [...p[1]!.matchAll(/<block xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([\s\S]*?)<\/block>/g)].map(
        (b) => ({
          x: Number(b[1]),
          y: Number(b[2]),
          text: [...b[3]!.matchAll(/<word[^>]*>([\s\S]*?)<\/word>/g)].map((w) => decodeXml(w[1]!)).join(' '),
        }),
      );
      // left edges less than 30 pt apart belong to one column (a caption and its indented quote)
      const xs = [...new Set(blocks.map((b) => b.x))].sort((a, b) => a - b);
      const columnOf = new Map<number, number>();
      xs.forEach((x, i) => columnOf.set(x, i > 0 && x - xs[i - 1]! < 30 ? columnOf.get(xs[i - 1]!)! : i));
      const columns = new Map<number, { y: number; text: string }[]>();
      for (const b of blocks) {
        const k = columnOf.get(b.x)!;
        columns.set(k, [...(columns.get(k) ?? []), b]);
      }
      return [...columns.values()].map((c) =>
        c
          .sort((a, b) => a.y - b.y)
          .map((b) => b.text)
          .join(' '),
      );
    });
  });
}

/**
 * Where a quote is printed under its caption "p. N · file · category": the index of the PDF page whose
 * column has a caption for this page and file followed by the quote (before the next caption), or -1.
 */
export function pageOfQuote(columnsByPage: string[][], q: { file: string; page?: number; text: string }): number {
  const caption = squash(`${q.page ? `p. ${q.page}` : 'page not known'} · ${path.basename(q.file)} ·`);
  const quote = squash(q.text);
  return columnsByPage.findIndex((cols) =>
    cols.some((col) => {
      const sq = squash(col);
      // segments, each starting at a caption
      return sq.split(/(?=p\.\d+·|pagenotknown·)/).some((seg) => seg.startsWith(caption) && seg.includes(quote));
    }),
  );
}
