// Extract stage: DocumentText in, clauses out. Segments the text, runs every clause rule on every
// segment, measures attributes, and adds document-level facts (parties, dates). Pure.
import { pageAt } from '../ingest/index.js';
import type { Clause, DocumentText } from '../schema.js';
import { extractorsFor, runExtractors } from './attributes/index.js';
import { extractMeta } from './meta.js';
import type { ClauseRule, CompiledAlternative } from './rules.js';
import { segment, type Segment } from './segment.js';

export function alternativeMatches(alt: CompiledAlternative, text: string, heading: string | undefined): boolean {
  const h = heading ?? '';
  if (alt.notHeading && alt.notHeading.test(h)) return false;
  if (alt.heading && !alt.heading.test(h) && !(alt.headingOrText && alt.heading.test(text))) return false;
  if (!alt.any.some((r) => r.test(text))) return false;
  if (!alt.all.every((r) => r.test(text))) return false;
  if (alt.not.some((r) => r.test(text))) return false;
  return true;
}

/** Which alternative of a rule matches a segment (index), or -1. */
export function matchRule(rule: ClauseRule, seg: Pick<Segment, 'text' | 'heading'>): number {
  return rule.compiled.findIndex((alt) => alternativeMatches(alt, seg.text, seg.heading));
}

export function extractClauses(doc: Pick<DocumentText, 'text' | 'pageStarts'>, rules: readonly ClauseRule[]): Clause[] {
  const segs = segment(doc.text);
  const out: Clause[] = [];
  for (const seg of segs) {
    for (const rule of rules) {
      const alt = matchRule(rule, seg);
      if (alt < 0) continue;
      const names = extractorsFor(rule.category, rule.attributes);
      const attributes = names.length
        ? runExtractors(names, seg.text, { docText: doc.text, start: seg.start, end: seg.end })
        : undefined;
      out.push({
        category: rule.category,
        start: seg.start,
        end: seg.end,
        text: seg.text,
        page: pageAt(doc.pageStarts, seg.start),
        ruleId: `${rule.id}#${alt}`,
        heading: seg.heading,
        ...(attributes ? { attributes } : {}),
      });
    }
  }
  for (const c of extractMeta(doc.text)) out.push({ ...c, page: pageAt(doc.pageStarts, c.start) });
  out.sort((a, b) => a.start - b.start || a.category.localeCompare(b.category));
  return out;
}
