// `clausemap extract --format table`: each document's status, warnings and clauses, one line each, for a person.
import { terminalSafe } from '../names.js';
import type { DocumentResult } from '../schema.js';

export function extractTable(docs: readonly DocumentResult[], config?: string): string {
  const lines: string[] = config ? [`configuration applied: ${config}`] : [];
  for (const d of docs) {
    lines.push(`${d.file}  [${d.status}${d.error ? ` ${d.error.code}` : ''}]${d.pages ? `  ${d.pages} page(s)` : ''}`);
    if (d.error) lines.push(`  ${d.error.message}`);
    for (const w of d.warnings) lines.push(`  warning ${w.code}: ${w.message}`);
    for (const c of d.clauses) {
      const t = c.text.replace(/\s+/g, ' ');
      const attrs = c.attributes ? '  ' + JSON.stringify(c.attributes) : '';
      const sure = c.confidence === undefined ? '  -  ' : c.confidence.toFixed(2);
      lines.push(
        `  p${c.page ?? 1}  ${c.category.padEnd(36)} ${sure}  ${t.length > 90 ? t.slice(0, 87) + '...' : t}${attrs}`,
      );
    }
  }
  // a table is read on a terminal: nothing in a file name or a clause may drive it
  return terminalSafe(lines.join('\n')) + '\n';
}
