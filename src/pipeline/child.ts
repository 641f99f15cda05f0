// Pool child: analyses one document at a time on request from the parent over IPC. The parent kills it
// when a document passes the time or memory cap (pdf.js blocks the event loop, so nothing in-process can);
// the OS data limit set at spawn makes giant allocations fail inside the parser instead.
import { preparePdfProcess } from './natives.js'; // first: before anything loads pdf.js
import { explain } from '../errors.js';
import { loadClauseRules } from '../extract/clause-rules.js';
import { analyzeFile } from './analyze.js';
import { failed } from './failed.js';
import type { ChildRequest, ChildReply } from './pool.js';

const rulesDir = process.env.CLAUSEMAP_CLAUSE_RULES;
if (!rulesDir) throw new Error('CLAUSEMAP_CLAUSE_RULES not set');
const { rules } = loadClauseRules(rulesDir);
await preparePdfProcess();

let current: ChildRequest | undefined;
const send = (reply: ChildReply) => process.send?.(reply);

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
  void analyzeFile(msg.file, rules, msg.options).then((result) => {
    if (current?.id !== msg.id) return;
    current = undefined;
    send({ id: msg.id, result });
  });
});
process.send?.({ ready: true });
