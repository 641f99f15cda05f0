// The closed set of cross-contract check types. Each takes the portfolio model and one check's
// parameters and gives raw findings: which contracts and clauses, the values read, and why it fired.
// A check that lacks a value it needs stays silent (the value is shown as missing in the summary).
import path from 'node:path';
import type { CitedClause, Severity } from '../schema.js';
import {
  cite, describePeriod, name, num, overlaps, period, str, type Contract, type Fact, type Portfolio, type Values,
} from '../portfolio/model.js';
import { addMonths, definedTermOnly, hasKeyword, keywords, overlap, serviceKind } from '../portfolio/values.js';
import { stripSuffix } from '../portfolio/config.js';
import { escapeRegExp } from '../names.js';
import type {
  AsymmetryCheck, CalendarCheck, Check, Condition, EachCheck, PairCheck, Selector, SpreadCheck, SumCheck,
} from './spec.js';

export interface RawFinding {
  severity?: Severity;
  title?: string;
  message: string;
  why: string;
  documents: string[];
  clauses: CitedClause[];
  /** identity for dedupe and for `check` (which findings exist among the signed contracts alone) */
  key: string;
}

const fmt = (v: unknown): string => (v === undefined ? '?' : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v));
const base = (f: string) => path.basename(f);

function test(v: unknown, c: Condition): boolean {
  if (Array.isArray(c)) return c.some((x) => x === v);
  if (c !== null && typeof c === 'object') {
    if (c.exists !== undefined) { if ((v !== undefined && v !== null) !== c.exists) return false; }
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

function whereHolds(values: Values, where: Record<string, Condition> | undefined): boolean {
  return !where || Object.entries(where).every(([k, c]) => test(values[k], c));
}

/** The contract as a whole, as a fact: its rate, hours, field, value (cited at its fee or time clause). */
export function engagementFact(c: Contract): Fact {
  let f = engagementFacts.get(c);
  if (!f) engagementFacts.set(c, f = engagementFactOf(c));
  return f;
}
// read once per contract: the pair checks ask for it once per pair
const engagementFacts = new WeakMap<Contract, Fact>();

function engagementFactOf(c: Contract): Fact {
  const anchor = c.facts.find((f) => f.kind === 'rate') ?? c.facts.find((f) => f.kind === 'commitment');
  const values: Values = {
    ...(c.rate ? { rate: c.rate } : {}), ...(c.hoursPerWeek !== undefined ? { hoursPerWeek: c.hoursPerWeek } : {}),
    ...(c.fullTime ? { fullTime: true } : {}), ...(c.industry ? { industry: c.industry } : {}),
    ...(c.fields.length ? { field: c.fields } : {}), ...(c.counterparty ? { counterparty: c.counterparty } : {}),
    ...(c.value !== undefined ? { annualValue: c.value } : {}),
  };
  return {
    kind: anchor?.kind ?? 'rate', file: c.file, category: anchor?.category ?? 'meta.engagement',
    clause: anchor?.clause ?? { start: 0, end: 0, text: `(engagement: ${name(c)})` },
    values: { ...(anchor?.values ?? {}), ...values }, corrected: anchor?.corrected ?? [], ...(anchor ? {} : { fromConfig: true }),
  };
}

export function select(c: Contract, s: Selector): Fact[] {
  const pool = s.fact === 'engagement' ? [engagementFact(c)] : c.facts.filter((f) => f.kind === s.fact);
  return pool.filter((f) => (!s.category || s.category.includes(f.category))
    && whereHolds(f.values, s.where)
    && (!s.whereAny || s.whereAny.some((w) => whereHolds(f.values, w))));
}

const active = (p: Portfolio) => p.contracts.filter((c) => c.status !== 'expired');

function valuesLine(f: Fact, keys?: readonly string[]): string {
  const ks = keys ?? Object.keys(f.values);
  const parts = ks.filter((k) => f.values[k] !== undefined).map((k) => `${k}=${fmt(f.values[k])}${f.corrected.includes(k) ? ' (clausemap.yaml)' : ''}`);
  return parts.length ? parts.join(', ') : 'no values read';
}

// ---------------------------------------------------------------------------------------------- pair

function covenantKind(f: Fact): string {
  return f.category === 'restrict.non-compete' ? 'non-compete' : f.category === 'restrict.exclusivity' ? 'exclusivity'
    : f.category.includes('solicit') ? 'non-solicit' : 'restriction';
}

/** An exclusivity that binds the user's work (not "the exclusive property of Client"). */
const EXCLUSIVE_SERVICE = /\b(?:exclusively|solely)\s+(?:for|to|on\s+behalf\s+of)\b|\bnot\s+(?:\w+\s+){0,3}(?:provide|perform|render|offer)\w*\b[^.]{0,80}\b(?:any\s+other|any\s+third|other\s+(?:clients?|customers?|persons?|compan))|\bexclusive\s+(?:services?|engagement|provider|consultant|basis)\b/i;

const servesOnly = new WeakMap<Fact, boolean>();
/** EXCLUSIVE_SERVICE on a restriction's text, read once per restriction rather than once per other contract. */
function bindsService(cov: Fact): boolean {
  let v = servesOnly.get(cov);
  if (v === undefined) servesOnly.set(cov, v = EXCLUSIVE_SERVICE.test(cov.clause.text));
  return v;
}

/** The clause of b that shows it works in `fieldText`: a recital or services clause first, else any clause
 *  sharing at least two of the field's words. Worked out once per contract and field: every contract whose
 *  restriction names the same field asks again. */
const evidenceFound = new WeakMap<Contract, Map<string, Fact | undefined>>();
function evidence(fieldText: string, b: Contract): Fact | undefined {
  let known = evidenceFound.get(b);
  if (!known) evidenceFound.set(b, known = new Map());
  if (!known.has(fieldText)) known.set(fieldText, findEvidence(fieldText, b));
  return known.get(fieldText);
}
function findEvidence(fieldText: string, b: Contract): Fact | undefined {
  const kws = keywords(fieldText);
  if (!kws.length) return undefined;
  const scores = new Map<Fact, number>();
  const score = (f: Fact) => {
    let v = scores.get(f);
    if (v === undefined) scores.set(f, v = overlap(fieldText, f.clause.text));
    return v;
  };
  const matched = (f: Fact) => kws.filter((k) => hasKeyword(f.clause.text, k)).length;
  /** the first of the best-scoring facts that pass */
  const best = (passes: (f: Fact) => boolean) => {
    let top: Fact | undefined;
    for (const f of b.facts) if (passes(f) && (!top || score(f) > score(top))) top = f;
    return top;
  };
  return best((f) => f.kind === 'profile' && score(f) >= 0.5) ?? best((f) => f.kind !== 'covenant' && score(f) >= 0.5 && matched(f) >= 2);
}

interface Cover { reason: string; evidence?: Fact }

const wordPatterns = new Map<string, RegExp>();
/** `\bname\b`, case-insensitive, compiled once per name. */
function wordPattern(name: string): RegExp {
  let re = wordPatterns.get(name);
  if (!re) {
    if (wordPatterns.size >= 10_000) wordPatterns.clear();
    wordPatterns.set(name, re = new RegExp(`\\b${escapeRegExp(name)}\\b`, 'i'));
  }
  return re;
}

/** Does the restriction `cov` (in contract a) reach engagement b? The reason and the clause of b that shows it. */
function covers(cov: Fact, a: Contract, b: Contract): Cover | undefined {
  const text = cov.clause.text;
  const bName = b.counterparty ? stripSuffix(b.counterparty) : '';
  if (bName.length > 2 && wordPattern(bName).test(text)) {
    const parties = b.facts.find((f) => f.kind === 'parties' && f.clause.text.toLowerCase().includes(bName.toLowerCase()))
      ?? b.facts.find((f) => f.kind === 'parties');
    return { reason: `the clause names ${b.counterparty}`, ...(parties ? { evidence: parties } : {}) };
  }
  if (cov.category.includes('solicit')) return undefined; // non-solicits reach people and customers, not fields
  // a restriction limited to a territory does not reach work the user says is done elsewhere
  const covT = str(cov.values.territory), bT = b.config?.territory;
  if (covT && covT !== 'worldwide' && bT && overlap(covT, bT) === 0 && overlap(bT, covT) === 0) return undefined;
  const fieldV = str(cov.values.field);
  const bField = [b.industry ?? '', ...b.fields].join(' ').trim();
  const aField = [a.industry ?? '', ...a.fields].join(' ').trim();
  if (fieldV && fieldV !== 'competitors') {
    if (bField && (overlap(fieldV, bField) >= 0.5 || overlap(bField, fieldV) >= 0.5)) return { reason: `its field "${fieldV}" matches ${name(b)}'s field "${bField}" (clausemap.yaml)` };
    if (bField) return undefined;
    const ev = evidence(fieldV, b);
    return ev ? { reason: `its field "${fieldV}" matches what ${name(b)}'s contract says of its business`, evidence: ev } : undefined;
  }
  if (fieldV === 'competitors' || cov.category === 'restrict.non-compete') {
    if (aField && bField && (overlap(aField, bField) >= 0.5 || overlap(bField, aField) >= 0.5)) {
      return { reason: `it bars work for competitors of ${a.counterparty ?? base(a.file)} (field "${aField}") and ${name(b)} works in "${bField}"` };
    }
    return undefined;
  }
  if (cov.category === 'restrict.exclusivity' && !fieldV && bindsService(cov)) return { reason: 'it is an exclusivity with no field limit, so it covers any other client' };
  return undefined;
}

function samesubject(l: Fact, r: Fact, min: number, ifUnknown: boolean): string | undefined {
  const a = str(l.values.subject), b = str(r.values.subject);
  if (l.values.broad === true || r.values.broad === true) return 'one side covers all know-how, tools and methods';
  if (a && b && (overlap(a, b) >= min || overlap(b, a) >= min)) return `"${a}" and "${b}" name the same thing`;
  if (!ifUnknown) return undefined;
  const unknown = [a, b].filter((s) => !s || definedTermOnly(s));
  if (unknown.length && !(a && b && !definedTermOnly(a) && !definedTermOnly(b))) {
    return `what is licensed could not be compared (${[a ?? 'not read', b ?? 'not read'].map((s) => `"${s}"`).join(' vs ')}${unknown.some((s) => s) ? '; a defined term is not resolved' : ''}): check whether both grants cover the same work`;
  }
  return undefined;
}

function rateOf(c: Contract, f: Fact): { amount: number; currency?: string; unit: string } | undefined {
  const r = (f.values.rate ?? c.rate) as { amount?: unknown; currency?: unknown; unit?: unknown } | undefined;
  const amount = num(r?.amount);
  if (!r || amount === undefined) return undefined;
  return { amount, ...(str(r.currency) ? { currency: str(r.currency) } : {}), unit: str(r.unit) ?? 'hour' };
}

function fill(t: string, a: Contract, b: Contract, l: Fact, r: Fact): string {
  return t.replace(/\{(a|b)\}/g, (_m, w: string) => name(w === 'a' ? a : b))
    .replace(/\{(left|right)\.(\w+)\}/g, (_m, side: string, k: string) => {
      const f = side === 'left' ? l : r;
      return k === 'category' ? f.category : f.values[k] === undefined ? 'not read' : fmt(f.values[k]);
    });
}

/** "data engineering" and "engineering" are alike (same head word); "data engineering" and "data entry" are not. */
function similarServices(a: string, b: string): boolean {
  const head = (s: string) => keywords(s).at(-1);
  return head(a) === head(b) || (overlap(a, b) >= 0.67 && overlap(b, a) >= 0.67);
}

/**
 * One pair of contracts at a time (both directions), so the findings stream out as they are found rather
 * than being held for the whole portfolio: the number of pairs grows with the square of the portfolio.
 */
export function* runPair(p: Portfolio, ch: PairCheck): Generator<RawFinding> {
  const rights = Array.isArray(ch.right) ? ch.right : [ch.right];
  const lefts = Array.isArray(ch.left) ? ch.left : [ch.left];
  // an expired contract still binds through a restriction whose tail runs past today
  const stillBinding = (a: Contract, f: Fact) => a.status !== 'expired'
    || (f.kind === 'covenant' && !!a.expiry && (num(f.values.tailMonths) ?? 0) > 0 && addMonths(a.expiry, num(f.values.tailMonths)!) >= p.today);
  // each contract's facts on either side, selected once; only contracts in force meet a left-hand fact
  const leftFacts = new Map(p.contracts.map((a) => [a, lefts.flatMap((l) => select(a, l)).filter((f) => stillBinding(a, f))]));
  const rightFacts = new Map(active(p).map((b) => [b, rights.flatMap((rsel) => select(b, rsel))]));
  const direction = (a: Contract, b: Contract, out: RawFinding[]): void => {
    const lfs = leftFacts.get(a)!, rfs = rightFacts.get(b);
    // most pairs have nothing to compare under a given check
    if (!lfs.length || !rfs?.length || (ch.symmetric && a.file > b.file)) return;
    const pa = period(a), pb = period(b);
    for (const lf of lfs) for (const rf of rfs) {
      const tail = num(lf.values.tailMonths);
      const paTail = tail && pa.to ? { ...pa, to: addMonths(pa.to, tail) } : pa;
      if (ch.concurrent && !overlaps(paTail, pb)) continue;
      let reason: string | undefined = 'both clauses are in force';
      let evidenceFact: Fact | undefined;
      let message = '';
      switch (ch.relation) {
        case 'any':
          message = `${name(a)}: ${lf.category} (${valuesLine(lf)}); ${name(b)}: ${rf.category} (${valuesLine(rf)}).`;
          break;
        case 'same-subject':
          reason = samesubject(lf, rf, ch.minOverlap, ch.ifUnknown === 'fire');
          // worded only for the pairs that fire: most pairs do not
          if (reason) message = `${name(a)} and ${name(b)} both dispose of the same work: ${lf.category} (${valuesLine(lf, ['exclusive', 'subject', 'backgroundIp', 'broad'])}) against ${rf.category} (${valuesLine(rf, ['exclusive', 'subject', 'backgroundIp', 'broad'])}).`;
          break;
        case 'covers-engagement': {
          const cv = covers(lf, a, b);
          reason = cv?.reason;
          if (cv?.evidence) evidenceFact = cv.evidence;
          if (reason) message = `The ${covenantKind(lf)} in ${name(a)} reaches the work for ${name(b)}.`;
          break;
        }
        case 'rate-below': {
          const ra = rateOf(a, lf), rb = rateOf(b, rf);
          if (!ra || !rb || ra.unit !== rb.unit || (ra.currency && rb.currency && ra.currency !== rb.currency)) { reason = undefined; break; }
          if (!(rb.amount < ra.amount)) { reason = undefined; break; }
          // the promise covers similar services: a rate for services of another kind is not compared
          const promised = serviceKind(lf.clause.text), paid = rf.fromConfig ? undefined : serviceKind(rf.clause.text);
          if (promised && paid && !similarServices(promised, paid)) { reason = undefined; break; }
          reason = `${name(b)} pays ${rb.amount} ${rb.currency ?? ''}/${rb.unit} while ${name(a)}, promised the best rate, pays ${ra.amount} ${ra.currency ?? ''}/${ra.unit}`.replace(/\s+\//g, '/');
          message = `${name(a)} is promised rates no worse than any other client's, but ${name(b)} pays less.`;
          break;
        }
      }
      if (!reason) continue;
      if (ch.message) message = fill(ch.message, a, b, lf, rf);
      const when = ch.concurrent ? `; periods ${describePeriod(paTail)}${tail ? ` (incl. ${tail}-month tail)` : ''} and ${describePeriod(pb)} overlap${!pa.from || !pb.from ? ' (dates unknown: taken as concurrent)' : ''}` : '';
      const aRate = ch.relation === 'rate-below' ? a.facts.find((f) => f.kind === 'rate' && f !== lf && f.values.rate !== undefined) : undefined;
      const rCite = evidenceFact ? [cite(evidenceFact)] : rf.fromConfig && ch.relation === 'covers-engagement' ? [] : [cite(rf)];
      out.push({
        message,
        why: `${reason.replace(/\.$/, '')}. ${base(a.file)} ${lf.category}: ${valuesLine(lf)}; ${base(b.file)} ${(evidenceFact ?? rf).category}: ${valuesLine(evidenceFact ?? rf)}${when}.`,
        documents: [a.file, b.file],
        clauses: [cite(lf), ...(aRate ? [cite(aRate, ['rate'])] : []), ...rCite],
        key: [a.file, lf.clause.start, b.file, rf.clause.start].join('|'),
      });
    }
  };
  const cs = p.contracts;
  for (let i = 0; i < cs.length; i++) {
    for (let j = i + 1; j < cs.length; j++) {
      const found: RawFinding[] = [];
      direction(cs[i]!, cs[j]!, found);
      direction(cs[j]!, cs[i]!, found);
      if (!found.length) continue;
      // a–b and b–a of the same two clauses are one conflict
      const seen = new Set<string>();
      const fs = ch.symmetric ? found : found.filter((f) => {
        const k = f.clauses.map((c) => `${c.file}@${c.start}`).sort().join('|');
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
      // one finding per pair of contracts: every clause pair that fired between them is cited together
      if (fs.length === 1) { yield fs[0]!; continue; }
      const clauses = new Map<string, CitedClause>();
      for (const f of fs) for (const c of f.clauses) clauses.set(`${c.file}@${c.start}-${c.end}:${c.category}`, c);
      yield {
        message: fs[0]!.message,
        why: [...new Set(fs.map((f) => f.why))].join(' '),
        documents: fs[0]!.documents,
        clauses: [...clauses.values()],
        key: fs[0]!.documents.slice().sort().join('|'),
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------- each

export function runEach(p: Portfolio, ch: EachCheck): RawFinding[] {
  const out: RawFinding[] = [];
  for (const c of active(p)) {
    if (ch.unless && select(c, ch.unless).length) continue;
    for (const f of select(c, ch.select)) {
      let extra = '';
      if (ch.above) {
        const v = num(f.values[ch.above.value]);
        const set = ch.above.config === 'insurance.amount' ? p.config.insurance?.amount : p.config.capacityHoursPerWeek;
        const mine = set ?? ch.above.default;
        if (v === undefined || mine === undefined || !(v > mine)) continue;
        extra = `; ${ch.above.value} ${v} is above your ${ch.above.config} of ${mine}${set !== undefined ? ' (clausemap.yaml)' : ` (assumed; set ${ch.above.config} in clausemap.yaml)`}`;
      }
      out.push({
        message: `${name(c)}: ${f.category.replace(/^[a-z]+\./, '').replace(/-/g, ' ')} — ${valuesLine(f)}.`,
        why: `${base(c.file)} ${f.category}: ${valuesLine(f)}${extra}.`,
        documents: [c.file],
        clauses: [cite(f)],
        key: `${c.file}|${f.clause.start}|${f.category}`,
      });
    }
  }
  return out;
}

// ----------------------------------------------------------------------------------------------- sum

/** The largest set of contracts in force at one time (unknown dates count as always in force). */
function busiest(cs: readonly Contract[]): Contract[] {
  const instants = [...new Set(cs.map((c) => c.effective).filter((d): d is string => !!d))];
  if (!instants.length) return [...cs];
  let best: Contract[] = [];
  for (const t of instants) {
    const set = cs.filter((c) => overlaps(period(c), { from: t, to: t }));
    if (set.length > best.length) best = set;
  }
  return best;
}

export function runSum(p: Portfolio, ch: SumCheck): RawFinding[] {
  const cs = active(p);
  if (ch.measure === 'hoursPerWeek') {
    const set = busiest(cs.filter((c) => c.hoursPerWeek !== undefined || c.fullTime));
    if (set.length < 2) return [];
    const capacity = p.config.capacityHoursPerWeek ?? ch.default ?? 40;
    const hours = (c: Contract) => c.hoursPerWeek ?? ch.fullTimeHours;
    const total = set.reduce((s, c) => s + hours(c), 0);
    if (!(total > capacity)) return [];
    const parts = set.map((c) => `${base(c.file)} ${c.hoursPerWeek !== undefined ? `${c.hoursPerWeek} h/week` : `full-time (${ch.fullTimeHours} h/week)`}`);
    return [{
      message: `At the same time you have committed ${total} hours a week across ${set.length} contracts, above your capacity of ${capacity}.`,
      why: `${parts.join(' + ')} = ${total} > capacity ${capacity}${p.config.capacityHoursPerWeek ? ' (clausemap.yaml)' : ' (default; set capacityHoursPerWeek in clausemap.yaml)'}.`,
      documents: set.map((c) => c.file),
      clauses: set.map((c) => cite(c.facts.find((f) => f.kind === 'commitment' && (num(f.values.hoursPerWeek) !== undefined || f.values.fullTime === true)) ?? engagementFact(c), ['hoursPerWeek', 'fullTime'])),
      key: 'hours',
    }];
  }
  // liability caps against fees
  const capped = cs.map((c) => ({ c, f: c.facts.find((f) => f.kind === 'liability' && num(f.values.capAmount) !== undefined) })).filter((x) => x.f);
  const fees = cs.reduce((s, c) => s + (c.value ?? 0), 0);
  if (!capped.length || !fees) return [];
  const total = capped.reduce((s, x) => s + num(x.f!.values.capAmount)!, 0);
  if (!(total > fees * ch.factor)) return [];
  return [{
    message: `The liability caps you accepted add up to ${total}, more than ${ch.factor === 1 ? '' : `${ch.factor} × `}the ${fees} a year the portfolio earns.`,
    why: `caps ${capped.map((x) => `${base(x.c.file)} ${num(x.f!.values.capAmount)}`).join(' + ')} = ${total} > fees ${fees}${ch.factor !== 1 ? ` × ${ch.factor}` : ''} (annual values: ${cs.filter((c) => c.value).map((c) => `${base(c.file)} ${c.value} [${c.valueBasis}]`).join(', ')}).`,
    documents: capped.map((x) => x.c.file),
    clauses: capped.map((x) => cite(x.f!, ['capAmount', 'capFormula', 'protects'])),
    key: 'caps',
  }];
}

// -------------------------------------------------------------------------------------------- spread

export interface SpreadResult { score: number; fields: Array<{ label: string; values: Map<string, Fact[]>; weight: number; alone: boolean; minRatio: number }> }

export function spreadOf(p: Portfolio, ch: SpreadCheck): SpreadResult {
  const cs = active(p);
  const fields = ch.fields.map((fd) => {
    const values = new Map<string, Fact[]>();
    for (const c of cs) {
      const kinds: readonly string[] = Array.isArray(fd.fact) ? fd.fact : [fd.fact];
      const ok = (x: Fact) => x.values[fd.value] !== undefined && x.values[fd.value] !== null && whereHolds(x.values, fd.where);
      const f = kinds.map((k) => c.facts.find((x) => x.kind === k && ok(x))).find((x) => x);
      if (!f) continue;
      const raw = f.values[fd.value];
      const v = Array.isArray(raw) ? raw.map(String).sort().join(' + ') : fmt(raw);
      values.set(v, [...(values.get(v) ?? []), f]);
    }
    return { label: fd.label, values, weight: fd.weight, alone: fd.alone, minRatio: fd.minRatio };
  });
  const score = fields.reduce((s, f) => s + f.weight * Math.max(0, f.values.size - 1), 0);
  return { score: Math.round(score * 10) / 10, fields };
}

export function runSpread(p: Portfolio, ch: SpreadCheck): RawFinding[] {
  if (active(p).length < ch.minContracts) return [];
  const r = spreadOf(p, ch);
  const out: RawFinding[] = [];
  const describe = (f: SpreadResult['fields'][number]) => `${f.label}: ${[...f.values.entries()].map(([v, fs]) => `${v} (${fs.map((x) => base(x.file)).join(', ')})`).join('; ')}`;
  for (const f of r.fields) {
    if (!f.alone || f.values.size < 2) continue;
    const nums = [...f.values.keys()].map(Number).filter((n) => Number.isFinite(n));
    if (nums.length === f.values.size) {
      const lo = Math.min(...nums), hi = Math.max(...nums);
      if (lo > 0 && hi / lo < f.minRatio) continue;
    }
    const facts = [...f.values.values()].flat();
    out.push({
      message: `Different ${f.label} across your clients: ${[...f.values.keys()].join(' vs ')}.`,
      why: describe(f) + '.',
      documents: [...new Set(facts.map((x) => x.file))],
      clauses: facts.map((x) => cite(x)),
      key: `alone|${f.label}`,
    });
  }
  const spread = r.fields.filter((f) => !f.alone && f.values.size >= 2);
  if (ch.minScore > 0 && r.score >= ch.minScore && spread.length) {
    const facts = spread.flatMap((f) => [...f.values.values()].flat());
    out.push({
      message: `Administrative burden score ${r.score}: ${spread.map((f) => `${f.values.size} different ${f.label}`).join(', ')}.`,
      why: `score = Σ weight × (different values − 1) = ${r.score} ≥ ${ch.minScore}. ${spread.map(describe).join('. ')}.`,
      documents: [...new Set(facts.map((x) => x.file))],
      clauses: facts.map((x) => cite(x)),
      key: 'score',
    });
  }
  return out;
}

// ----------------------------------------------------------------------------------------- asymmetry

export interface TerminationView {
  client?: number;
  provider?: number;
  clientFacts: Fact[];
  providerFacts: Fact[];
  /** the user's exits that need a reason (the client's breach, non-payment): all they have without one */
  providerCauseFacts: Fact[];
}

export function terminationOf(c: Contract): TerminationView {
  const v: TerminationView = { clientFacts: [], providerFacts: [], providerCauseFacts: [] };
  for (const f of c.facts) {
    if (f.kind === 'termination-cause') {
      const who = str(f.values.whoMayTerminate);
      if (who === 'provider' || who === 'either') v.providerCauseFacts.push(f);
      continue;
    }
    if (f.kind !== 'termination') continue;
    const d = num(f.values.noticeDays);
    const who = str(f.values.whoMayTerminate);
    if (d === undefined || !who) continue;
    if (who === 'client' || who === 'either') { v.client = Math.min(v.client ?? Infinity, d); v.clientFacts.push(f); }
    if (who === 'provider' || who === 'either') { v.provider = Math.min(v.provider ?? Infinity, d); v.providerFacts.push(f); }
  }
  return v;
}

const mark = (fs: readonly Fact[]) => (fs.some((f) => f.corrected.includes('noticeDays') || f.corrected.includes('whoMayTerminate')) ? ' (clausemap.yaml)' : '');

export function runAsymmetry(p: Portfolio, ch: AsymmetryCheck): RawFinding[] {
  const cs = active(p);
  if (!cs.length) return [];
  const asym = cs.map((c) => ({ c, t: terminationOf(c) })).filter(({ t }) => t.client !== undefined && t.client <= ch.shortDays && (t.provider === undefined || t.provider > t.client));
  if (!asym.length) return [];
  const useValue = cs.every((c) => c.value !== undefined);
  const w = (c: Contract) => (useValue ? c.value! : 1);
  const total = cs.reduce((s, c) => s + w(c), 0);
  const part = asym.reduce((s, x) => s + w(x.c), 0);
  const share = total ? part / total : 0;
  if (share < ch.minShare) return [];
  const pct = Math.round(share * 100);
  return [{
    message: `${pct}% of your portfolio${useValue ? "'s value" : ' (by number of contracts; values unknown)'} can be ended by the client on ${ch.shortDays} days' notice or less, while you cannot leave on the same terms: ${asym.map((x) => name(x.c)).join(', ')}.`,
    why: `${asym.map(({ c, t }) => `${base(c.file)}: client ${t.client} days${mark(t.clientFacts)}, you ${t.provider === undefined ? 'no right to terminate for convenience' : `${t.provider} days${mark(t.providerFacts)}`}${useValue ? `, value ${c.value}${c.valueBasis === 'clausemap.yaml' ? ' (clausemap.yaml)' : ''}` : ''}`).join('; ')}; share ${pct}% ≥ ${Math.round(ch.minShare * 100)}%.`,
    documents: asym.map((x) => x.c.file),
    // with no right of your own to leave at will, the clauses that name your only exits show it
    clauses: asym.flatMap(({ t }) => [...new Set([...t.clientFacts, ...t.providerFacts, ...(t.provider === undefined ? t.providerCauseFacts : [])])]
      .map((f) => cite(f, ['noticeDays', 'whoMayTerminate']))),
    key: 'asymmetry',
  }];
}

// ------------------------------------------------------------------------------------------ calendar

export interface DeadlineItem { date: string; kind: 'renewal-notice' | 'expiry' | 'restriction-end'; contract: Contract; title: string; fact?: Fact }

export function deadlinesOf(p: Portfolio): DeadlineItem[] {
  const out: DeadlineItem[] = [];
  for (const c of p.contracts) {
    const exp = c.expiry;
    if (exp && c.status !== 'expired') {
      const expFact = c.facts.find((f) => f.kind === 'expiry');
      out.push({ date: exp, kind: 'expiry', contract: c, title: `${name(c)} ${c.renewalMonths ? 'renews automatically' : 'expires'}`, ...(expFact ? { fact: expFact } : {}) });
      if (c.renewalNoticeDays !== undefined) {
        const nf = c.renewalNoticeFact;
        const d = new Date(exp + 'T00:00:00Z');
        d.setUTCDate(d.getUTCDate() - c.renewalNoticeDays);
        out.push({ date: d.toISOString().slice(0, 10), kind: 'renewal-notice', contract: c, title: `Last day to give ${c.renewalNoticeDays} days' notice of non-renewal to ${c.counterparty ?? base(c.file)}`, ...(nf ? { fact: nf } : {}) });
      }
    }
    for (const f of c.facts) {
      if (f.kind !== 'covenant') continue;
      const tail = num(f.values.tailMonths);
      const dur = num(f.values.durationMonths);
      // a restriction that ends with the contract is not a date of its own
      const end = tail !== undefined ? (exp && tail > 0 ? addMonths(exp, tail) : undefined) : dur !== undefined && c.effective ? addMonths(c.effective, dur) : undefined;
      if (end) out.push({ date: end, kind: 'restriction-end', contract: c, title: `${f.category.replace('restrict.', '')} of ${name(c)} ends`, fact: f });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.contract.file.localeCompare(b.contract.file) || a.kind.localeCompare(b.kind));
}

/** The calendar as one finding: every deadline from today on, citing the clause each rests on; more severe
 *  when one falls within `withinDays`. */
export function runCalendar(p: Portfolio, ch: CalendarCheck): RawFinding[] {
  const horizon = new Date(p.today + 'T00:00:00Z');
  horizon.setUTCDate(horizon.getUTCDate() + ch.withinDays);
  const h = horizon.toISOString().slice(0, 10);
  const ds = deadlinesOf(p).filter((d) => ch.kinds.includes(d.kind) && d.date >= p.today);
  if (!ds.length) return [];
  const soon = ds.filter((d) => d.date <= h);
  const facts = new Map<string, Fact>();
  for (const d of ds) {
    // the clause the value came from: a renewal clause that gives the renewal length before any other
    // that merely mentions a renewal term (a price change at renewal, say)
    const renewal = () => d.contract.renewalFact ?? d.contract.facts.find((f) => f.kind === 'renewal');
    const extra = d.kind === 'renewal-notice' ? renewal() : d.kind === 'expiry' ? d.contract.facts.find((f) => f.kind === 'expiry') : undefined;
    for (const f of [d.fact, extra]) if (f && !f.fromConfig) facts.set(`${f.file}@${f.clause.start}:${f.category}`, f);
  }
  const line = (d: DeadlineItem) => `${d.date} ${d.kind}: ${d.title}${d.kind === 'renewal-notice' ? ` (expiry ${d.contract.expiry} − ${d.contract.renewalNoticeDays} days)` : ''}`;
  return [{
    ...(soon.length ? {} : { severity: ch.quietSeverity }),
    message: soon.length
      ? `${soon.length} date${soon.length > 1 ? 's' : ''} within ${ch.withinDays} days: ${soon.map((d) => `${d.date}: ${d.title}`).join('; ')}. ${ds.length} dates in all on your calendar.`
      : `${ds.length} date${ds.length > 1 ? 's' : ''} to track; the next is ${ds[0]!.date}: ${ds[0]!.title}.`,
    why: `${ds.map(line).join('; ')} (today ${p.today}).`,
    documents: [...new Set(ds.map((d) => d.contract.file))],
    clauses: [...facts.values()].map((f) => cite(f)),
    key: 'calendar',
  }];
}

export function runCheck(p: Portfolio, ch: Check): Iterable<RawFinding> {
  switch (ch.type) {
    case 'pair': return runPair(p, ch);
    case 'each': return runEach(p, ch);
    case 'sum': return runSum(p, ch);
    case 'spread': return runSpread(p, ch);
    case 'asymmetry': return runAsymmetry(p, ch);
    case 'calendar': return runCalendar(p, ch);
  }
}

