// pdf.js's Node build bundles core-js, which replaces Array.prototype.push, JSON.parse and
// Function.prototype.toString with JavaScript polyfills (for spec corners clausemap never touches) in
// the whole process. Every push and every JSON.parse then runs several times slower, pdf.js's own text
// extraction first of all. This module keeps the engine's own functions from before pdf.js is loaded and
// puts them back afterwards. It must be imported before anything that imports pdf-parse.
// In a process that reads PDFs it also makes the copies of pdf.js's in-process messages cheaper (see
// preparePdfProcess).
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const NATIVES: ReadonlyArray<readonly [object, string, unknown]> = [
  [Array.prototype, 'push', Array.prototype.push],
  [JSON, 'parse', JSON.parse],
  [Function.prototype, 'toString', Function.prototype.toString],
];

/** Puts the engine's functions back where a polyfill replaced them. */
export function restoreNatives(): void {
  for (const [target, key, value] of NATIVES) {
    const d = Object.getOwnPropertyDescriptor(target, key);
    if (d?.value !== value)
      Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
  }
}

const NOT_PLAIN = Symbol('not plain');
const engineClone = globalThis.structuredClone;

/** A copy of plain data (objects with the ordinary prototype, arrays, primitives); throws NOT_PLAIN otherwise. */
function plainCopy(v: unknown, depth: number): unknown {
  if (typeof v !== 'object' || v === null) {
    if (typeof v === 'function' || typeof v === 'symbol') throw NOT_PLAIN;
    return v;
  }
  if (depth > 64) throw NOT_PLAIN;
  if (Array.isArray(v)) {
    const n = v.length;
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) out[i] = plainCopy(v[i], depth + 1);
    return out;
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) throw NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = plainCopy((v as Record<string, unknown>)[k], depth + 1);
  return out;
}

/**
 * structuredClone for one message: plain data (nearly every message, the text of each page among them) is
 * copied in JavaScript, several times faster than the engine's serialise-and-parse; anything else (typed
 * arrays, transfers, cycles deeper than the limit) goes to the engine's own structuredClone.
 */
export function cloneMessage<T>(v: T, opts?: StructuredSerializeOptions | null): T {
  if (!opts?.transfer?.length) {
    try {
      return plainCopy(v, 0) as T;
    } catch (e) {
      if (e !== NOT_PLAIN) throw e;
    }
  }
  return engineClone(v, opts ?? undefined);
}

/**
 * In Node, pdf.js's worker runs on the same thread and talks to the document through a LoopbackPort, which
 * copies every message with structuredClone. The port's postMessage is wrapped so that, for the duration of
 * that one call, the copy is cloneMessage's.
 */
function fasterLoopback(pdfjs: {
  PDFWorker: new (o: { verbosity: number }) => { promise: Promise<void>; port: object; destroy(): void };
}): Promise<void> {
  const worker = new pdfjs.PDFWorker({ verbosity: 0 });
  return worker.promise.then(() => {
    const proto = Object.getPrototypeOf(worker.port) as {
      postMessage(obj: unknown, transfer?: unknown): void;
      [WRAPPED]?: true;
    };
    worker.destroy();
    if (proto[WRAPPED]) return;
    const post = proto.postMessage;
    proto.postMessage = function (this: unknown, obj: unknown, transfer?: unknown) {
      globalThis.structuredClone = cloneMessage;
      try {
        return post.call(this, obj, transfer);
      } finally {
        globalThis.structuredClone = engineClone;
      }
    };
    proto[WRAPPED] = true;
  });
}
const WRAPPED = Symbol.for('clausemap.loopback');

/**
 * Loads pdf.js's worker code now (in Node it runs in-process, and loading it installs the polyfills
 * again), speeds up its in-process messages, then restores the natives. For a process that will parse PDFs.
 */
export async function preparePdfProcess(): Promise<void> {
  try {
    const req = createRequire(createRequire(import.meta.url).resolve('pdf-parse'));
    await import(pathToFileURL(req.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')).href);
    await fasterLoopback(await import(pathToFileURL(req.resolve('pdfjs-dist/legacy/build/pdf.mjs')).href));
  } catch {
    // pdf.js loads its worker itself at the first PDF; only the speed-up is lost
  }
  restoreNatives();
}
