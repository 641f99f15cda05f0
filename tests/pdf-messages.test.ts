// pdf.js in Node runs its worker on the same thread and copies every message between the two with
// structuredClone; clausemap's PDF children copy plain messages in JavaScript instead (src/pipeline/natives.ts).
// The copy must be a copy (nothing shared), fall back to the engine for what is not plain data, and leave the
// text of real PDFs exactly as it was.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../src/ingest/pdf.js';
import { cloneMessage, preparePdfProcess } from '../src/pipeline/natives.js';
import { HAS_SHARED, SHARED } from './shared-data.js';

const CORPUS = path.join(SHARED, 'corpus');
const PDFS = [
  'cuad/pdf/ACCURAYINC_09_01_2010-EX-10.31-DISTRIBUTOR AGREEMENT.PDF',
  'cuad/pdf/2ThemartComInc_19990826_10-12G_EX-10.10_6700288_EX-10.10_Co-Branding Agreement_ Agency Agreement.pdf',
  'cuad/pdf/ACCELERATEDTECHNOLOGIESHOLDINGCORP_04_24_2003-EX-10.13-JOINT VENTURE AGREEMENT.PDF',
].map((p) => path.join(CORPUS, p));

describe('pdf.js messages', () => {
  it('copies plain data deeply, as structuredClone does', () => {
    const styles = Object.create(null) as Record<string, unknown>;
    styles.g_d0_f1 = { fontFamily: 'serif', ascent: 0.9, vertical: false };
    const msg = {
      stream: 4,
      chunk: { items: [{ str: 'Term', transform: [1, 0, 0, 1, 72, 700], hasEOL: true, dir: 'ltr' }], styles },
      none: undefined,
      n: null,
    };
    const copy = cloneMessage(msg);
    expect(copy).toEqual(structuredClone(msg));
    expect(Object.keys(copy)).toEqual(['stream', 'chunk', 'none', 'n']);
    expect(copy.chunk.items[0]).not.toBe(msg.chunk.items[0]);
    expect(copy.chunk.items[0]!.transform).not.toBe(msg.chunk.items[0]!.transform);
    expect(Object.getPrototypeOf(copy.chunk.styles)).toBe(Object.prototype); // as structuredClone gives it
    msg.chunk.items[0]!.transform[4] = 0;
    expect(copy.chunk.items[0]!.transform[4]).toBe(72);
  });

  it('leaves what is not plain data to the engine: typed arrays, maps, transfers, functions', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const copy = cloneMessage({ data: bytes, seen: new Map([['a', 1]]) });
    expect(copy.data).toBeInstanceOf(Uint8Array);
    expect(Array.from(copy.data)).toEqual([1, 2, 3]);
    expect(copy.data.buffer).not.toBe(bytes.buffer);
    expect(copy.seen.get('a')).toBe(1);
    const moved = new Uint8Array([4, 5]);
    const sent = cloneMessage({ data: moved }, { transfer: [moved.buffer] });
    expect(moved.byteLength).toBe(0); // transferred: the sender's view is detached
    expect(Array.from(sent.data)).toEqual([4, 5]);
    expect(() => cloneMessage({ f: () => 1 })).toThrow(/could not be cloned/);
  });

  it.skipIf(!HAS_SHARED)(
    'reads real PDFs to the same text with the faster copy as without it',
    async () => {
      const before = [];
      for (const f of PDFS) before.push(await readPdf(readFileSync(f), f));
      expect(before.map((r) => r.pages.join('').length).every((n) => n > 10_000)).toBe(true);
      await preparePdfProcess();
      const Proto = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as {
        PDFWorker: new (o: object) => { promise: Promise<void>; port: object; destroy(): void };
      };
      const w = new Proto.PDFWorker({ verbosity: 0 });
      await w.promise;
      expect((Object.getPrototypeOf(w.port) as Record<symbol, unknown>)[Symbol.for('clausemap.loopback')]).toBe(true);
      w.destroy();
      for (const [i, f] of PDFS.entries()) {
        const after = await readPdf(readFileSync(f), f);
        expect(after.pages).toEqual(before[i]!.pages);
        expect(after.warnings).toEqual(before[i]!.warnings);
      }
    },
    60_000,
  );
});
