// pdf.js's Node build bundles core-js, which replaces Array.prototype.push, JSON.parse and
// Function.prototype.toString with JavaScript polyfills (for spec corners clausemap never touches) in
// the whole process. Every push and every JSON.parse then runs several times slower, pdf.js's own text
// extraction first of all. This module keeps the engine's own functions from before pdf.js is loaded and
// puts them back afterwards. It must be imported before anything that imports pdf-parse.
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
    if (d?.value !== value) Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: false });
  }
}

/**
 * Loads pdf.js's worker code now (in Node it runs in-process, and loading it installs the polyfills
 * again), then restores the natives. For a process that will parse PDFs.
 */
export async function preparePdfProcess(): Promise<void> {
  try {
    const req = createRequire(createRequire(import.meta.url).resolve('pdf-parse'));
    await import(pathToFileURL(req.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')).href);
  } catch {
    // pdf.js loads its worker itself at the first PDF; only the speed-up is lost
  }
  restoreNatives();
}
