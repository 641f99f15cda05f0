// Extract stage: DocumentText in, clauses out. Segments the text, runs every clause rule on every
// segment, measures attributes, and adds document-level facts (parties, dates). Pure.
import { pageAt } from '../ingest/pages.js';
import type { Clause, DocumentText } from '../schema.js';
import { extractorsFor, runExtractors } from './attributes/index.js';
import { extractMeta } from './meta.js';
import { modelClauses, type ClauseModel, type RuleHit } from './model.js';
import type { ClauseRule, CompiledAlternative } from './rules.js';
import { matchText, segment, type Segment } from './segment.js';

/**
 * Does one alternative of a rule match a segment? `text` is what the rules read (see `matchText`): when the
 * segment is a list item, its lead-in comes first and `leadLength` says how long it is. A trigger (`any`) must
 * end inside the item itself, so that a lead-in alone never marks every item of its list.
 */
export function alternativeMatches(alt: CompiledAlternative, text: string, heading: string | undefined, leadLength = 0): boolean {
  const h = heading ?? '';
  if (alt.notHeading && alt.notHeading.test(h)) return false;
  if (alt.heading && !alt.heading.test(h) && !(alt.headingOrText && alt.heading.test(text))) return false;
  if (!alt.any.some((r) => triggers(r, text, leadLength))) return false;
  if (!alt.all.every((r) => r.test(text))) return false;
  if (alt.not.some((r) => r.test(text))) return false;
  return true;
}

function triggers(r: RegExp, text: string, leadLength: number): boolean {
  if (!leadLength) return r.test(text);
  const m = r.exec(text);
  if (!m) return false;
  return m.index + m[0].length > leadLength || r.test(text.slice(leadLength));
}

/** Which alternative of a rule matches a segment (index), or -1. */
/** What the rules read of each segment, worked out once per segment rather than once per rule. */
const READ = new WeakMap<object, string>();
function readOf(seg: Pick<Segment, 'text' | 'lead'>): string {
  let t = READ.get(seg);
  if (t === undefined) READ.set(seg, (t = matchText(seg)));
  return t;
}

export function matchRule(rule: ClauseRule, seg: Pick<Segment, 'text' | 'heading' | 'lead'>): number {
  const text = readOf(seg);
  if (rule.compiledGate && !rule.compiledGate.test(text)) return -1;
  const leadLength = seg.lead ? seg.lead.length + 1 : 0;
  return rule.compiled.findIndex((alt) => alternativeMatches(alt, text, seg.heading, leadLength));
}

export interface ExtractOptions {
  /** a statistical model that adds further segments of the categories rules found (see model.ts); none: rules only */
  model?: ClauseModel;
}

export function extractClauses(doc: Pick<DocumentText, 'text' | 'pageStarts'>, rules: readonly ClauseRule[], opts: ExtractOptions = {}): Clause[] {
  const segs = segment(doc.text);
  const out: Clause[] = [];
  const hits: RuleHit[][] = [];
  for (const seg of segs) {
    const here: RuleHit[] = [];
    hits.push(here);
    for (const rule of rules) {
      const alt = matchRule(rule, seg);
      if (alt < 0) continue;
      const ruleId = `${rule.id}#${alt}`;
      here.push({ category: rule.category, ruleId });
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
        ruleId,
        heading: seg.heading,
        ...(attributes ? { attributes } : {}),
      });
    }
  }
  if (opts.model) for (const c of modelClauses(segs, hits, opts.model)) out.push({ ...c, page: pageAt(doc.pageStarts, c.start) });
  for (const c of extractMeta(doc.text, segs)) out.push({ ...c, page: pageAt(doc.pageStarts, c.start) });
  out.sort((a, b) => a.start - b.start || a.category.localeCompare(b.category));
  return out;
}
