// Pool child: analyses one document at a time on request from the parent over IPC. The parent kills it
// when a document passes the time or memory cap (pdf.js blocks the event loop, so nothing in-process can);
// the OS data limit set at spawn makes giant allocations fail inside the parser instead.
// A child loads pdf.js only when it is first given a PDF: a portfolio of Word and text files never pays for it.
import { closeSync, openSync, readSync } from 'node:fs';
import { preparePdfProcess, restoreNatives } from './natives.js';
import { explain } from '../errors.js';
import { loadClauseModel } from '../extract/clause-model.js';
import { keptClauseRules } from '../extract/compiled-rules.js';
import { detect } from '../ingest/detect.js';
import { analyzeFile } from './analyze.js';
import { failed } from './failed.js';
import type { ChildOcrProgress, ChildReply, ChildRequest } from './pool.js';

const rulesDir = process.env.CLAUSEMAP_CLAUSE_RULES;
if (!rulesDir) throw new Error('CLAUSEMAP_CLAUSE_RULES not set');
// the rules as the parent's run kept them checked; only a folder with a file not yet kept loads the schema
const rules = keptClauseRules(rulesDir) ?? (await import('../extract/clause-rules.js')).loadClauseRules(rulesDir).rules;
// every document reads the model: loaded now, it is the child's memory, not the first document's
loadClauseModel();

let current: ChildRequest | undefined;
const send = (reply: ChildReply | ChildOcrProgress) => process.send?.(reply);

/** Whether the document's first bytes say PDF (as ingest will decide from them); unreadable: no. */
function looksLikePdf(file: string, bytes?: Uint8Array): boolean {
  if (bytes)
    return detect(Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 64 * 1024))).type === 'pdf';
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(64 * 1024);
    const n = readSync(fd, head, 0, head.length, 0);
    return detect(head.subarray(0, n)).type === 'pdf';
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

let pdfReady: Promise<void> | undefined;

// a parser bug that escapes its promise must not leave the parent waiting until the time cap
const crash = (e: unknown) => {
  if (current) {
    const { id, file } = current;
    current = undefined;
    send({ id, result: failed(file, 'INTERNAL', explain('INTERNAL', file, (e as Error)?.message ?? String(e))) });
  }
};
process.on('uncaughtException', crash);
// pdf.js can reject a promise nobody awaits after a document is done; that is no reason to fail the next one
process.on('unhandledRejection', () => undefined);
process.on('disconnect', () => process.exit(0));

process.on('message', (msg: ChildRequest) => {
  current = msg;
  // the parent shows the pages of a scan as OCR reads them
  const onPage = (done: number, total: number) => send({ id: msg.id, ocr: { done, total } });
  void (async () => {
    if (!pdfReady && looksLikePdf(msg.file, msg.bytes)) pdfReady = preparePdfProcess();
    if (pdfReady) await pdfReady;
    // the memory cap counts from here: what was loaded for the document's kind is the child's
    send({ id: msg.id, started: true });
    const result = await analyzeFile(
      msg.file,
      rules,
      { ...msg.options, ocr: { ...msg.options.ocr, onPage } },
      msg.bytes,
    );
    // a reader loaded on the way (pdf.js through a file that did not look like a PDF) put its polyfills back
    restoreNatives();
    if (current?.id !== msg.id) return;
    current = undefined;
    send({ id: msg.id, result });
  })();
});
process.send?.({ ready: true });
