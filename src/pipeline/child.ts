// Pool child: analyses one document at a time on request from the parent over IPC. The parent kills it
// when a document passes the time or memory cap (pdf.js blocks the event loop, so nothing in-process can).
import { loadClauseRules } from '../extract/rules.js';
import { analyzeFile } from './analyze.js';
import type { ChildRequest, ChildReply } from './pool.js';

const rulesDir = process.env.CLAUSEMAP_CLAUSE_RULES;
if (!rulesDir) throw new Error('CLAUSEMAP_CLAUSE_RULES not set');
const { rules } = loadClauseRules(rulesDir);

process.on('message', (msg: ChildRequest) => {
  void analyzeFile(msg.file, rules, msg.options).then((result) => {
    const reply: ChildReply = { id: msg.id, result };
    process.send?.(reply);
  });
});
process.send?.({ ready: true });
