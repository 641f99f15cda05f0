// Extract stage: DocumentText in, clauses out. Segments the text, runs every clause rule on every
// segment, measures attributes, and adds document-level facts (parties, dates). Pure.
import { pageAt } from '../ingest/pages.js';
import type { Attributes, Clause, DocumentText } from '../schema.js';
import { measureClause, type AttributeContext } from './attributes/index.js';
import { extractMeta, metaValues } from './meta.js';
import { modelReading, type ClauseModel, type RuleHit } from './clause-model.js';
import type { Assertion } from './clause-rules.js';
import type { ClauseRule, CompiledAlternative } from './compiled-rules.js';
import { matchText, pointsElsewhere, segment, type Segment } from './segment.js';

/** a segment that is only a numbered heading: "4.2. Right to Renew.", "Section 6.08. Jointly Owned Patents." */
const BARE_HEADING = /^\W*(?:section\s+|article\s+)?[\d.\u2024]+\s+(?:[\w-]+\s+){0,4}[\w-]+[.\u2024]?\s*$/i;

/**
 * Does one alternative of a rule match a segment? `text` is what the rules read (see `matchText`): when the
 * segment is a list item, its lead-in comes first and `leadLength` says how long it is. A trigger (`any`) must
 * end inside the item itself, so that a lead-in alone never marks every item of its list.
 */
export function alternativeMatches(
  alt: CompiledAlternative,
  text: string,
  heading: string | undefined,
  leadLength = 0,
): boolean {
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
  if (alt.asserts && deniedAt(alt.asserts, text, span[0], span[1], leadLength)) return false;
  return true;
}

// Negation and scope. A rule that `asserts` something (a grant, a restriction, an obligation, a right) does not
// match where the words governing its trigger deny it: "Nothing in this Agreement shall be construed as granting
// ...", "Neither Party grants a license ...", "This Agreement does not create any exclusivity", "shall not impair the
// right of either party to market competitive products". The governing words are those of the trigger's own clause
// before it (and its first words): from the last semicolon, sibling item marker (", (b)", "or (ii)") or turn of the
// sentence ("provided that", "except that", "but") before the trigger; an inline list's lead-in ("shall not be
// construed (a) to ..., or (b) to grant") and a list item's lead-in ("This Agreement is not to be construed to:")
// carry to each item.

/** words that deny a grant, a restriction, an obligation or a right, whatever follows them */
const CONSTRUED = String.raw`(?:construed|deemed|interpreted|considered|read|intended|implied)`;
const NOTHING_CONSTRUED = String.raw`\bnothing\b[^;]{0,250}?\b(?:shall|will|may|is|are|be|should|can)\b[^;]{0,60}?\b${CONSTRUED}\b`;
const NOT_CONSTRUED = String.raw`\b(?:shall|will|may|does|do|is|are|should|can|cannot|must)\s*(?:not|never)\s+(?:[\w,]+\s+){0,4}?(?:be\s+)?${CONSTRUED}\b`;
const DENIERS: Record<Assertion, RegExp[]> = {
  grant: [
    new RegExp(NOTHING_CONSTRUED, 'i'),
    new RegExp(NOT_CONSTRUED, 'i'),
    // "Nothing in this Agreement grants ...", "This Agreement does not grant / confer / include ..."
    /\bnothing\b[^;]{0,250}?\b(?:grants?|confers?|gives?|conveys?|creates?|transfers?|vests?)\b/i,
    /\b(?:shall|will|does|do|did|is|are|may)\s+not\s+(?:(?!be\b)\w+\s+){0,2}?(?:grant|confer|convey|create|give|transfer|imply|constitute|vest)(?:s|ing)?\b/i,
    // "This Agreement does not include ... any obligation to grant"; a licence that "does not include the right to
    // sublicense" is still a grant, with a limit
    /(?<!\b(?:licen[cs]es?|rights?)\b[^;]{0,80})\b(?:does|do|shall|will)\s+not\s+include\b/i,
    // "Neither Party grants a license", "No party hereby grants"
    /\b(?:neither|no)\s+(?:party|parties|of\s+the\s+parties|[\w-]+\s+party)\b[^;]{0,40}?\b(?:grants?|confers?|gives?|conveys?|transfers?)\b/i,
    // "No right or license is granted", "no licence ... is either granted or implied"
    /\bno\s+(?:[\w-]+\s+){0,3}?(?:rights?|licen[cs]es?|title|interest)\b[^;]{0,160}?\b(?:is|are|shall\s+be|will\s+be|has\s+been|have\s+been)\s+(?:hereby\s+|either\s+|being\s+)?(?:granted|conferred|given|implied|conveyed|transferred|created)\b/i,
    /\bwithout\s+(?:granting|conferring|giving|conveying|transferring|creating)\b/i,
    /\b(?:grants?|confers?|gives?)\s+(?:\w+\s+){0,3}?no\s+(?:[\w-]+\s+){0,2}?(?:rights?|licen[cs]es?)\b/i,
  ],
  restriction: [
    new RegExp(NOTHING_CONSTRUED, 'i'),
    new RegExp(NOT_CONSTRUED, 'i'),
    // "Nothing in this Agreement shall prevent / restrict / limit either party from ..."
    /\bnothing\b[^;]{0,250}?\b(?:prevents?|precludes?|restricts?|limits?|prohibits?|impairs?|restrains?|bars?|requires?|obligates?|creates?)\b/i,
    // "shall not impair the right of either party to ...", "does not create any exclusivity"
    /\b(?:shall|will|does|do|is|are|may)\s+not\s+(?:\w+\s+){0,2}?(?:prevent|preclude|restrict|limit|prohibit|impair|restrain|bar|create|impose|establish|constitute)\b/i,
    // "neither party shall be restricted from", "Recipient shall not be precluded from"
    /\b(?:shall|will|is|are)\s+not\s+be\s+(?:restricted|precluded|prevented|prohibited|limited|restrained|barred|required|obligated)\b/i,
    /\bneither\s+party\s+(?:shall|will|is|be)\s+(?:be\s+)?(?:restricted|precluded|prevented|prohibited|limited|restrained|barred)\b/i,
    // "shall be free to develop competing products"
    /\b(?:is|are|be|remains?|remain)\s+(?:\w+\s+){0,2}?free\s+(?:and\s+\w+\s+\w+\s+)?to\b|\bwithout\s+(?:any\s+)?restriction\b/i,
    // "No exclusivity is created", "no restriction shall be imposed"
    /\bno\s+(?:[\w-]+\s+){0,2}?(?:exclusivity|restrictions?|obligations?|covenants?)\b[^;]{0,60}?\b(?:is|are|shall\s+be|will\s+be)\s+(?:hereby\s+)?(?:granted|created|implied|imposed|intended)\b/i,
  ],
  obligation: [
    new RegExp(NOTHING_CONSTRUED, 'i'),
    new RegExp(NOT_CONSTRUED, 'i'),
    /\bnothing\b[^;]{0,250}?\b(?:requires?|obligates?|obliges?|commits?|creates?)\b/i,
    /\b(?:shall|will|is|are)\s+not\s+(?:be\s+)?(?:required|obligated|obliged|committed|bound)\b|\b(?:is|are|be)\s+under\s+no\s+obligation\b|\bno\s+obligation\s+to\b/i,
    /\b(?:shall|will|does|do)\s+not\s+(?:\w+\s+){0,2}?(?:create|impose|establish|constitute)\b/i,
  ],
  right: [
    new RegExp(NOTHING_CONSTRUED, 'i'),
    new RegExp(NOT_CONSTRUED, 'i'),
    /\bnothing\b[^;]{0,250}?\b(?:grants?|confers?|gives?|entitles?|creates?)\b/i,
    /\b(?:shall|will|does|do|is|are)\s+not\s+(?:(?!be\b)\w+\s+){0,2}?(?:grant|confer|give|create|entitle)(?:s|ing)?\b|\b(?:shall|will)\s+not\s+(?:have|be\s+entitled\s+to)\s+(?:the|any)\s+right\b/i,
    // "Manufacturer shall have no right to terminate", "is not entitled to", "Neither party may terminate ... for
    // convenience"
    /\b(?:shall|will|does|do)\s+(?:have|possess)\s+no\s+(?:\w+\s+)?right\b|\b(?:has|have)\s+no\s+(?:\w+\s+)?right\b|\b(?:is|are|shall\s+be|will\s+be)\s+not\s+entitled\s+to\b|\bneither\s+party\s+(?:may|shall|will|can)\b/i,
  ],
};

/** how far into the trigger its governing words are read: its first words ("shall not impair ...") */
const TRIGGER_HEAD = 24;
/**
 * where a clause ends for negation: a semicolon (but not one between the items of an inline list) or a turn of
 * the sentence ("provided that", "except that", "but")
 */
const SCOPE_BREAK =
  /;(?!\s*(?:and\s+|or\s+|and\/or\s+)?\(\s*(?:[a-h]|[ivx]{1,5}|\d{1,2})\s*\)\s)|\b(?:provided\s*,?\s*(?:however\s*,?\s*)?that|except\s+that|save\s+that|but|however|unless|although|whereas)\b/gi;
/** an inline item marker: "(a)", "(ii)", "(3)" */
const INLINE_ITEM = /\(\s*(?:[a-h]|[ivx]{1,5}|\d{1,2})\s*\)\s/g;
/** a list item's own marker at its start: "(a) ", "5․3․1 ", "B․ " (dots as matchText reads them) */
const ITEM_MARKER =
  /^\s*(?:\(?(?:[a-z]|[ivx]{1,5}|\d{1,3})\)|\d{1,3}(?:[.\u2024]\d{1,3})*[.\u2024]?|[a-z][.\u2024])\s+/i;

/**
 * The governing words of text[from, to): its last clause (from the last scope break); in an inline list, the words
 * before its first item and those of the item the text ends in ("shall not be construed (a) to limit ..., or (b) to
 * grant": the lead-in governs every item). `whole` says the clause runs back to `from`.
 */
function lastClause(text: string, from: number, to: number): { words: string; whole: boolean } {
  const piece = text.slice(from, to);
  let start = 0;
  for (const m of piece.matchAll(SCOPE_BREAK)) start = m.index + m[0].length;
  const clause = piece.slice(start);
  const markers = [...clause.matchAll(INLINE_ITEM)];
  const words =
    markers.length && markers[0]!.index > 0
      ? `${clause.slice(0, markers[0]!.index)} ${clause.slice(markers[markers.length - 1]!.index)}`
      : clause;
  return { words, whole: start === 0 };
}

/**
 * The words governing a trigger at [start, end] of `text` (as the rules read it: a list item after its lead-in of
 * `leadLength` characters): its clause up to its first words, after the lead-in's last clause when the trigger sits
 * in the item's first clause.
 */
export function governingWords(text: string, start: number, end: number, leadLength = 0): string {
  const itemStart = leadLength > 0 && start >= leadLength ? leadLength : 0;
  let head = Math.min(end, start + TRIGGER_HEAD);
  // the trigger's first words stop at the end of its clause or item
  const cut = [...text.slice(start, head).matchAll(SCOPE_BREAK), ...text.slice(start, head).matchAll(INLINE_ITEM)].find(
    (m) => m.index > 0,
  );
  if (cut) head = start + cut.index;
  const marker = itemStart > 0 ? (ITEM_MARKER.exec(text.slice(itemStart, start))?.[0].length ?? 0) : 0;
  const own = lastClause(text, itemStart + marker, head);
  // the lead-in and the item read as one sentence: "shall not: (a) grant" as "shall not grant"
  if (itemStart > 0 && own.whole)
    return `${lastClause(text, 0, itemStart).words.replace(/\s*[:\u2014-]\s*$/, '')} ${own.words}`;
  return own.words;
}

/** Do the words governing the trigger at [start, end] deny what the rule asserts? */
export function deniedAt(kind: Assertion, text: string, start: number, end: number, leadLength = 0): boolean {
  const words = governingWords(text, start, end, leadLength);
  return DENIERS[kind].some((r) => r.test(words));
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
  /** the statistical model (see clause-model.ts): further segments, categories the rules missed, and a
   *  confidence on every clause; none: rules only, no confidence */
  model?: ClauseModel;
}

/**
 * The rules' findings in a list of segments: one clause per segment and rule that matches it (sentence by
 * sentence, before adjacent ones are joined), and the hits of each segment, which the clause model reads.
 */
export function ruleClauses(
  doc: Pick<DocumentText, 'text' | 'pageStarts'>,
  segs: readonly Segment[],
  rules: readonly ClauseRule[],
): { clauses: Clause[]; hits: RuleHit[][] } {
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
      const attributes = measureClause(
        rule.category,
        rule.attributes,
        seg.text,
        { docText: doc.text, start: seg.start, end: seg.end },
        seg.lead,
      );
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
    if (list) list.push(c);
    else byCategory.set(c.category, [c]);
  }
  const out: Clause[] = [];
  for (const list of byCategory.values()) {
    list.sort((a, b) => a.start - b.start || b.end - a.end);
    let run: Clause[] = [];
    let end = -1;
    const flush = () => {
      if (run.length) out.push(joined(run, end, text));
    };
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
  for (const c of run)
    for (const [k, v] of Object.entries(c.attributes ?? {})) if (attributes[k] == null) attributes[k] = v;
  const { attributes: _, confidence: _c, ...rest } = first;
  const sure = run.reduce<number | undefined>(
    (m, c) => (c.confidence === undefined ? m : Math.max(m ?? 0, c.confidence)),
    undefined,
  );
  return {
    ...rest,
    end,
    text: text.slice(first.start, end),
    ruleId: byRule.ruleId,
    ...(Object.keys(attributes).length ? { attributes } : {}),
    ...(sure !== undefined ? { confidence: sure } : {}),
    parts: run.map((c) => ({
      start: c.start,
      end: c.end,
      ruleId: c.ruleId,
      ...(c.page ? { page: c.page } : {}),
      ...(c.attributes ? { attributes: c.attributes } : {}),
      ...(c.confidence !== undefined ? { confidence: c.confidence } : {}),
    })),
  };
}

export function extractClauses(
  doc: Pick<DocumentText, 'text' | 'pageStarts'>,
  rules: readonly ClauseRule[],
  opts: ExtractOptions = {},
): Clause[] {
  const segs = segment(doc.text);
  const { clauses, hits } = ruleClauses(doc, segs, rules);
  let meta = extractMeta(doc.text, segs).map((c) => ({ ...c, page: pageAt(doc.pageStarts, c.start) }));
  if (opts.model) {
    const model = opts.model;
    const reading = modelReading(segs, hits, model);
    // ruleClauses gives one clause per hit, segment by segment, in the order of `hits`
    let k = 0;
    hits.forEach((here, seg) => {
      for (const h of here) {
        const confidence = reading.confidenceAt(seg, h.category);
        if (confidence !== undefined) clauses[k] = { ...clauses[k]!, confidence };
        k++;
      }
    });
    for (const c of reading.added) clauses.push({ ...c, page: pageAt(doc.pageStarts, c.start) });
    meta = meta.map((c) => {
      const confidence = model.accuracy.get(c.category);
      return confidence === undefined ? c : { ...c, confidence };
    });
  }
  // a definition that only points elsewhere is no clause of the category it names
  const elsewhere = new Set(segs.filter((s) => pointsElsewhere(s.text)).map((s) => s.start));
  return outputClauses(doc.text, elsewhere.size ? clauses.filter((c) => !elsewhere.has(c.start)) : clauses, meta);
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
  return category.startsWith('meta.')
    ? metaValues(category, clauseText)
    : measureClause(category, undefined, clauseText, ctx);
}
