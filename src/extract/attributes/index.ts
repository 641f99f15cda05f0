// Attribute extractors: code that measures values on a clause (durations, days, money, jurisdictions,
// dates, parties). Rules decide which clauses exist; extractors measure them. Pure functions.
import type { Attributes } from '../../schema.js';

export interface AttributeContext {
  /** the whole document text, for look-ups outside the clause (definitions, the preamble) */
  docText: string;
  start: number;
  end: number;
}

export type AttributeExtractor = (clauseText: string, ctx: AttributeContext) => Attributes;

const WORD_NUM: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, thirty: 30, sixty: 60, ninety: 90, eighteen: 18, twenty: 20, 'twenty-four': 24, 'forty-five': 45, forty: 40, fourteen: 14,
};

/** "thirty (30) days", "90 days", "six months" → days */
export function durationDays(text: string): number | undefined {
  const m = /\b(?:(\d{1,4})|([a-z-]+)\s*(?:\((\d{1,4})\))?)\s*(?:\(\d+\)\s*)?(business\s+|calendar\s+)?(day|week|month|year)s?\b/i.exec(text);
  if (!m) return undefined;
  const n = m[1] ? +m[1] : m[3] ? +m[3] : WORD_NUM[(m[2] ?? '').toLowerCase()];
  if (!n) return undefined;
  const unit = m[5]!.toLowerCase();
  return unit === 'day' ? n : unit === 'week' ? 7 * n : unit === 'month' ? 30 * n : 365 * n;
}

const EXTRACTORS: Record<string, AttributeExtractor> = {
  noticeDays: (t): Attributes => {
    const d = durationDays(t);
    return d === undefined ? {} : { noticeDays: d };
  },
  jurisdiction: (t): Attributes => {
    const m = /laws?\s+of\s+(?:the\s+)?(?:State\s+of\s+|Commonwealth\s+of\s+|Province\s+of\s+)?([A-Z][A-Za-z.]+(?:[ ,]+(?:of\s+)?[A-Z][A-Za-z.]+){0,3})/.exec(t);
    return m ? { jurisdiction: m[1]!.replace(/[ ,]+$/, '').replace(/,?\s+(?:without|excluding|and|applicable).*$/i, '') } : {};
  },
};

/** Extractors that always run on clauses of a category, whatever rule found them. */
const BY_CATEGORY: Record<string, string[]> = {
  'admin.governing-law': ['jurisdiction'],
  'term.renewal-notice': ['noticeDays'],
  'term.termination-for-convenience': ['noticeDays'],
};

export function extractorsFor(category: string, fromRule: readonly string[] = []): string[] {
  const base = BY_CATEGORY[category] ?? [];
  return fromRule.length ? [...new Set([...base, ...fromRule])] : base;
}

export function registerExtractor(name: string, fn: AttributeExtractor): void {
  EXTRACTORS[name] = fn;
}

export function knownExtractors(): string[] {
  return Object.keys(EXTRACTORS).sort();
}

export function runExtractors(names: readonly string[], clauseText: string, ctx: AttributeContext): Attributes | undefined {
  let out: Attributes | undefined;
  for (const n of names) {
    const fn = EXTRACTORS[n];
    if (!fn) continue;
    const v = fn(clauseText, ctx);
    if (Object.keys(v).length) out = { ...(out ?? {}), ...v };
  }
  return out;
}
