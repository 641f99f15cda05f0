// Extract stage: DocumentText in, clauses out. Segments the text, runs every clause rule on every
// segment, measures attributes, and adds document-level facts (parties, dates). Pure.
import { pageAt } from '../ingest/pages.js';
import type { Attributes, Clause, DocumentText } from '../schema.js';
import { measureClause, type AttributeContext } from './attributes/index.js';
import { extractMeta, metaValues } from './meta.js';
import { modelClauses, type ClauseModel, type RuleHit } from './clause-model.js';
import type { ClauseRule, CompiledAlternative } from './clause-rules.js';
import { matchText, segment, type Segment } from './segment.js';

/** a segment that is only a numbered heading: "4.2. Right to Renew.", "Section 6.08. Jointly Owned Patents." */
const BARE_HEADING = /^\W*(?:section\s+|article\s+)?[\d.\u2024]+\s+(?:[\w-]+\s+){0,4}[\w-]+[.\u2024]?\s*$/i;

/**
 * Does one alternative of a rule match a segment? `text` is what the rules read (see `matchText`): when the
 * segment is a list item, its lead-in comes first and `leadLength` says how long it is. A trigger (`any`) must
 * end inside the item itself, so that a lead-in alone never marks every item of its list.
 */
export function alternativeMatches(alt: CompiledAlternative, text: string, heading: string | undefined, leadLength = 0): boolean {
  if (!alt.bareHeading && BARE_HEADING.test(text)) return false;
  const h = heading ?? '';
  if (alt.notHeading && alt.notHeading.test(h)) return false;
  if (alt.heading && !alt.heading.test(h) && !(alt.headingOrText && alt.heading.test(text))) return false;
  let span: [number, number] | undefined;
  for (const r of alt.any) if ((span = triggerSpan(r, text, leadLength))) break;
  if (!span) return false;
  if (!alt.all.every((r) => r.test(text))) return false;
  const notText = alt.notInPart ? partAround(text, span[0], span[1]) : text;
  if (alt.not.some((r) => r.test(notText))) return false;
  return true;
}

/** Where a trigger matches the text ([start, end]), if it ends inside the item and not in its lead-in alone. */
function triggerSpan(r: RegExp, text: string, leadLength: number): [number, number] | undefined {
  const m = r.exec(text);
  if (!m) return undefined;
  if (m.index + m[0].length > leadLength) return [m.index, m.index + m[0].length];
  const rest = r.exec(text.slice(leadLength));
  return rest ? [leadLength + rest.index, leadLength + rest.index + rest[0].length] : undefined;
}

/** a semicolon, or the marker of an inline list item after a colon, comma, "and" or "or": "; (b)", ", (ii)" */
const PART_BOUNDARY = /;|(?:^|[:,]\s*|\b(?:and|or)\s+)\(\s*(?:[a-h]|[ivx]{1,5}|\d{1,2})\s*\)\s/gi;

/** the part of the text around [start, end] that no part boundary cuts: boundaries inside the span are passed over */
export function partAround(text: string, start: number, end: number): string {
  let from = 0;
  let to = text.length;
  for (const m of text.matchAll(PART_BOUNDARY)) {
    const at = m.index;
    if (at + m[0].length <= start) from = at + m[0].length;
    else if (at >= end) {
      to = at;
      break;
    }
  }
  return text.slice(from, to);
}

/** What the rules read of each segment, worked out once per segment rather than once per rule. */
const READ = new WeakMap<object, { text: string; leadLength: number }>();
function readOf(seg: Pick<Segment, 'text' | 'lead'>): { text: string; leadLength: number } {
  let t = READ.get(seg);
  if (t === undefined) READ.set(seg, (t = matchText(seg)));
  return t;
}

/** Which alternative of a rule matches a segment (index), or -1. */
export function matchRule(rule: ClauseRule, seg: Pick<Segment, 'text' | 'heading' | 'lead'>): number {
  const { text, leadLength } = readOf(seg);
  if (rule.compiledGate && !rule.compiledGate.test(text)) return -1;
  return rule.compiled.findIndex((alt) => alternativeMatches(alt, text, seg.heading, leadLength));
}

export interface ExtractOptions {
  /** a statistical model that adds further segments of the categories rules found (see model.ts); none: rules only */
  model?: ClauseModel;
}

/**
 * The rules' findings in a list of segments: one clause per segment and rule that matches it (sentence by
 * sentence, before adjacent ones are joined), and the hits of each segment, which the clause model reads.
 */
export function ruleClauses(doc: Pick<DocumentText, 'text' | 'pageStarts'>, segs: readonly Segment[], rules: readonly ClauseRule[]): { clauses: Clause[]; hits: RuleHit[][] } {
  const clauses: Clause[] = [];
  const hits: RuleHit[][] = [];
  for (const seg of segs) {
    const here: RuleHit[] = [];
    hits.push(here);
    for (const rule of rules) {
      const alt = matchRule(rule, seg);
      if (alt < 0) continue;
      const ruleId = `${rule.id}#${alt}`;
      here.push({ category: rule.category, ruleId });
      const attributes = measureClause(rule.category, rule.attributes, seg.text, { docText: doc.text, start: seg.start, end: seg.end });
      clauses.push({
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
  return { clauses, hits };
}

/**
 * One clause per provision: clauses of the same category with nothing but white space between them (a
 * heading and its sentences, the sentences of one paragraph, the items of one list) become one clause over
 * all of them, which lists them as its parts. It keeps the first one's heading and page, the id of the first
 * rule that found a part (a part the clause model added counts only when no rule found one), and each
 * attribute as the first part that has it gives it, which is the value a reader taking the first clause
 * that carries it would get.
 */
function joinAdjacent(clauses: readonly Clause[], text: string): Clause[] {
  const byCategory = new Map<string, Clause[]>();
  for (const c of clauses) {
    const list = byCategory.get(c.category);
    if (list) list.push(c); else byCategory.set(c.category, [c]);
  }
  const out: Clause[] = [];
  for (const list of byCategory.values()) {
    list.sort((a, b) => a.start - b.start || b.end - a.end);
    let run: Clause[] = [];
    let end = -1;
    const flush = () => { if (run.length) out.push(joined(run, end, text)); };
    for (const c of list) {
      if (run.length && (c.start <= end || /^\s*$/.test(text.slice(end, c.start)))) {
        run.push(c);
        end = Math.max(end, c.end);
        continue;
      }
      flush();
      run = [c];
      end = c.end;
    }
    flush();
  }
  return out;
}

function joined(run: readonly Clause[], end: number, text: string): Clause {
  const first = run[0]!;
  if (run.length === 1) return first;
  const byRule = run.find((c) => !c.ruleId.endsWith('+model')) ?? first;
  const attributes: NonNullable<Clause['attributes']> = {};
  for (const c of run) for (const [k, v] of Object.entries(c.attributes ?? {})) if (attributes[k] == null) attributes[k] = v;
  const { attributes: _, ...rest } = first;
  return {
    ...rest,
    end,
    text: text.slice(first.start, end),
    ruleId: byRule.ruleId,
    ...(Object.keys(attributes).length ? { attributes } : {}),
    parts: run.map((c) => ({
      start: c.start, end: c.end, ruleId: c.ruleId,
      ...(c.page ? { page: c.page } : {}),
      ...(c.attributes ? { attributes: c.attributes } : {}),
    })),
  };
}

export function extractClauses(doc: Pick<DocumentText, 'text' | 'pageStarts'>, rules: readonly ClauseRule[], opts: ExtractOptions = {}): Clause[] {
  const segs = segment(doc.text);
  const { clauses, hits } = ruleClauses(doc, segs, rules);
  if (opts.model) for (const c of modelClauses(segs, hits, opts.model)) clauses.push({ ...c, page: pageAt(doc.pageStarts, c.start) });
  return outputClauses(doc.text, clauses, extractMeta(doc.text, segs).map((c) => ({ ...c, page: pageAt(doc.pageStarts, c.start) })));
}

/** What extractClauses gives from the clauses found sentence by sentence and the metadata: joined, in text order. */
export function outputClauses(text: string, found: readonly Clause[], meta: readonly Clause[]): Clause[] {
  const out = joinAdjacent(found, text).concat(meta);
  out.sort((a, b) => a.start - b.start || a.category.localeCompare(b.category));
  return out;
}

/**
 * The values extraction gives a clause of `category` whose text is `clauseText` (at ctx.start..ctx.end of
 * ctx.docText): the metadata pass's for document-level categories, else the clause's extractors and plain
 * readings. For text placed by hand (a rule example), read as production reads it.
 */
export function clauseValuesOf(category: string, clauseText: string, ctx: AttributeContext): Attributes | undefined {
  return category.startsWith('meta.') ? metaValues(category, clauseText) : measureClause(category, undefined, clauseText, ctx);
}
