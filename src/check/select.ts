// What every check type shares: the raw finding a check gives, conditions on values (`where`), selecting a
// contract's facts (or the engagement as a whole) and writing values for a reader.
import { valuePhrase } from '../value-words.js';
import path from 'node:path';
import type { CitedClause, Severity } from '../schema.js';
import { name, type Contract, type Fact, type Portfolio, type Values } from './portfolio.js';
import type { Condition, Selector } from './spec.js';

export interface RawFinding {
  severity?: Severity;
  title?: string;
  message: string;
  why: string;
  documents: string[];
  clauses: CitedClause[];
  /** identity for dedupe and for `check` (which findings exist among the signed contracts alone) */
  key: string;
  /** the check could not make its comparison (a value it needs was not read): a person must look, and
   *  the finding is low severity, titled "Needs review", whatever the rule's own severity */
  review?: boolean;
}

export const fmt = (v: unknown): string =>
  v === undefined ? '?' : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
export const base = (f: string) => path.basename(f);

export function test(v: unknown, c: Condition): boolean {
  if (Array.isArray(c)) return c.some((x) => x === v);
  if (c !== null && typeof c === 'object') {
    if (c.exists !== undefined) {
      if ((v !== undefined && v !== null) !== c.exists) return false;
    }
    const n = typeof v === 'number' ? v : undefined;
    if (c.gt !== undefined && !(n !== undefined && n > c.gt)) return false;
    if (c.gte !== undefined && !(n !== undefined && n >= c.gte)) return false;
    if (c.lt !== undefined && !(n !== undefined && n < c.lt)) return false;
    if (c.lte !== undefined && !(n !== undefined && n <= c.lte)) return false;
    if (c.not !== undefined && (Array.isArray(c.not) ? c.not.includes(v as never) : c.not === v)) return false;
    return true;
  }
  return v === c;
}

export function whereHolds(values: Values, where: Record<string, Condition> | undefined): boolean {
  return !where || Object.entries(where).every(([k, c]) => test(values[k], c));
}

/** The contract as a whole, as a fact: its rate, hours, field, value (cited at its fee or time clause). */
export function engagementFact(c: Contract): Fact {
  let f = engagementFacts.get(c);
  if (!f) engagementFacts.set(c, (f = engagementFactOf(c)));
  return f;
}
// read once per contract: the pair checks ask for it once per pair
const engagementFacts = new WeakMap<Contract, Fact>();

function engagementFactOf(c: Contract): Fact {
  const anchor = c.facts.find((f) => f.kind === 'rate') ?? c.facts.find((f) => f.kind === 'commitment');
  const values: Values = {
    ...(c.rate ? { rate: c.rate } : {}),
    ...(c.hoursPerWeek !== undefined ? { hoursPerWeek: c.hoursPerWeek } : {}),
    ...(c.fullTime ? { fullTime: true } : {}),
    ...(c.industry ? { industry: c.industry } : {}),
    ...(c.fields.length ? { field: c.fields } : {}),
    ...(c.counterparty ? { counterparty: c.counterparty } : {}),
    ...(c.value !== undefined ? { annualValue: c.value } : {}),
  };
  return {
    kind: anchor?.kind ?? 'rate',
    file: c.file,
    category: anchor?.category ?? 'meta.engagement',
    clause: anchor?.clause ?? { start: 0, end: 0, text: `(engagement: ${name(c)})` },
    values: { ...(anchor?.values ?? {}), ...values },
    corrected: anchor?.corrected ?? [],
    ...(anchor ? {} : { fromConfig: true }),
  };
}

export function select(c: Contract, s: Selector): Fact[] {
  const pool = s.fact === 'engagement' ? [engagementFact(c)] : c.facts.filter((f) => f.kind === s.fact);
  return pool.filter(
    (f) =>
      (!s.category || s.category.includes(f.category)) &&
      whereHolds(f.values, s.where) &&
      (!s.whereAny || s.whereAny.some((w) => whereHolds(f.values, w))),
  );
}

export const active = (p: Portfolio) => p.contracts.filter((c) => c.status !== 'expired');

export function valuesLine(f: Fact, keys?: readonly string[]): string {
  const ks = keys ?? Object.keys(f.values);
  const parts = ks
    .filter((k) => f.values[k] !== undefined)
    .map((k) => `${valuePhrase(k, f.values[k])}${f.corrected.includes(k) ? ' (clausemap.yaml)' : ''}`);
  return parts.length ? parts.join('; ') : 'no values read';
}
