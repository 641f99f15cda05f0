// The closed set of cross-contract check types. Each takes the portfolio model and one check's
// parameters and gives raw findings: which contracts and clauses, the values read, and why it fired.
// A check that lacks a value it needs stays silent (the value is shown as missing in the summary).
import path from 'node:path';
import type { CitedClause, Finding, Severity } from '../schema.js';
import {
  cite, describePeriod, name, num, overlaps, period, str, type Contract, type Fact, type Portfolio, type Values,
} from '../portfolio/model.js';
import { addMonths, keywords, overlap } from '../portfolio/values.js';
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

/** Does the restriction `cov` (in contract a) reach engagement b? Returns the reason, or undefined. */
function covers(cov: Fact, a: Contract, b: Contract): string | undefined {
  const text = cov.clause.text;
  if (b.counterparty && b.counterparty.length > 2 && new RegExp(`\\b${b.counterparty.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(text)) {
    return `the clause names ${b.counterparty}`;
  }
  if (cov.category.includes('solicit')) return undefined; // non-solicits reach people and customers, not fields
  const fieldV = str(cov.values.field);
  const bField = [b.industry ?? '', ...b.fields].join(' ').trim();
  const aField = [a.industry ?? '', ...a.fields].join(' ').trim();
  if (fieldV && fieldV !== 'competitors') {
    const against = bField || b.profile;
    const o = overlap(fieldV, against);
    if (o >= 0.5) return `its field "${fieldV}" matches ${bField ? `${name(b)}'s field "${bField}"` : `the words of ${name(b)}`}`;
    return undefined;
  }
  if (fieldV === 'competitors' || cov.category === 'restrict.non-compete') {
    if (aField && bField && (overlap(aField, bField) >= 0.5 || overlap(bField, aField) >= 0.5)) {
      return `it bars work for competitors of ${a.counterparty ?? base(a.file)} (field "${aField}") and ${name(b)} works in "${bField}"`;
    }
    return undefined;
  }
  if (cov.category === 'restrict.exclusivity' && !fieldV) return 'it is an exclusivity with no field limit, so it covers any other client';
  return undefined;
}

function samesubject(l: Fact, r: Fact, min: number): string | undefined {
  const a = str(l.values.subject), b = str(r.values.subject);
  if (l.values.broad === true || r.values.broad === true) return 'one side covers all know-how, tools and methods';
  if (!a || !b) return undefined;
  if (overlap(a, b) >= min || overlap(b, a) >= min) return `"${a}" and "${b}" name the same thing`;
  return undefined;
}

function rateOf(c: Contract, f: Fact): { amount: number; currency?: string; unit: string } | undefined {
  const r = (f.values.rate ?? c.rate) as { amount?: unknown; currency?: unknown; unit?: unknown } | undefined;
  const amount = num(r?.amount);
  if (!r || amount === undefined) return undefined;
  return { amount, ...(str(r.currency) ? { currency: str(r.currency) } : {}), unit: str(r.unit) ?? 'hour' };
}

export function runPair(p: Portfolio, ch: PairCheck): RawFinding[] {
  const out: RawFinding[] = [];
  const rights = Array.isArray(ch.right) ? ch.right : [ch.right];
  const cs = active(p);
  for (const a of cs) for (const lf of select(a, ch.left)) for (const b of cs) {
    if (b === a) continue;
    if (ch.symmetric && a.file > b.file) continue;
    for (const rsel of rights) for (const rf of select(b, rsel)) {
      const pa = period(a);
      const tail = num(lf.values.tailMonths);
      const paTail = tail && pa.to ? { ...pa, to: addMonths(pa.to, tail) } : pa;
      if (ch.concurrent && !overlaps(paTail, period(b))) continue;
      let reason: string | undefined = 'both clauses are in force';
      let message = '';
      switch (ch.relation) {
        case 'any':
          message = `${name(a)}: ${lf.category} (${valuesLine(lf)}); ${name(b)}: ${rf.category} (${valuesLine(rf)}).`;
          break;
        case 'same-subject':
          reason = samesubject(lf, rf, ch.minOverlap);
          message = `${name(a)} and ${name(b)} both dispose of the same work: ${lf.category} (${valuesLine(lf, ['exclusive', 'subject', 'backgroundIp', 'broad'])}) against ${rf.category} (${valuesLine(rf, ['exclusive', 'subject', 'backgroundIp', 'broad'])}).`;
          break;
        case 'covers-engagement':
          reason = covers(lf, a, b);
          message = `The ${covenantKind(lf)} in ${name(a)} reaches the work for ${name(b)}.`;
          break;
        case 'rate-below': {
          const ra = rateOf(a, lf), rb = rateOf(b, rf);
          if (!ra || !rb || ra.unit !== rb.unit || (ra.currency && rb.currency && ra.currency !== rb.currency)) { reason = undefined; break; }
          if (!(rb.amount < ra.amount)) { reason = undefined; break; }
          reason = `${name(b)} pays ${rb.amount} ${rb.currency ?? ''}/${rb.unit} while ${name(a)}, promised the best rate, pays ${ra.amount} ${ra.currency ?? ''}/${ra.unit}`.replace(/\s+\//g, '/');
          message = `${name(a)} is promised rates no worse than any other client's, but ${name(b)} pays less.`;
          break;
        }
      }
      if (!reason) continue;
      const when = ch.concurrent ? `; periods ${describePeriod(paTail)}${tail ? ` (incl. ${tail}-month tail)` : ''} and ${describePeriod(period(b))} overlap${!pa.from || !period(b).from ? ' (dates unknown: taken as concurrent)' : ''}` : '';
      const rCite = rf.fromConfig && ch.relation === 'covers-engagement' ? [] : [cite(rf)];
      out.push({
        message,
        why: `${reason}. ${base(a.file)} ${lf.category}: ${valuesLine(lf)}; ${base(b.file)} ${rf.category}: ${valuesLine(rf)}${when}.`,
        documents: [a.file, b.file],
        clauses: [cite(lf), ...rCite],
        key: [a.file, lf.clause.start, b.file, rf.clause.start].join('|'),
      });
    }
  }
  if (ch.symmetric) return out;
  // one finding per unordered pair of clauses (a–b and b–a of the same two clauses are one conflict)
  const seen = new Set<string>();
  return out.filter((f) => {
    const k = f.clauses.map((c) => `${c.file}@${c.start}`).sort().join('|') + (f.documents.slice().sort().join('|'));
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
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
        const mine = ch.above.config === 'insurance.amount' ? p.config.insurance?.amount : p.config.capacityHoursPerWeek;
        if (v === undefined || mine === undefined || !(v > mine)) continue;
        extra = `; ${ch.above.value} ${v} is above your ${ch.above.config} of ${mine} (clausemap.yaml)`;
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
      clauses: set.map((c) => cite(engagementFact(c), ['hoursPerWeek', 'fullTime'])),
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
      const f = c.facts.find((x) => x.kind === fd.fact && x.values[fd.value] !== undefined && x.values[fd.value] !== null);
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

export interface TerminationView { client?: number; provider?: number; clientFacts: Fact[]; providerFacts: Fact[] }

export function terminationOf(c: Contract): TerminationView {
  const v: TerminationView = { clientFacts: [], providerFacts: [] };
  for (const f of c.facts) {
    if (f.kind !== 'termination') continue;
    const d = num(f.values.noticeDays);
    const who = str(f.values.whoMayTerminate);
    if (d === undefined || !who) continue;
    if (who === 'client' || who === 'either') { v.client = Math.min(v.client ?? Infinity, d); v.clientFacts.push(f); }
    if (who === 'provider' || who === 'either') { v.provider = Math.min(v.provider ?? Infinity, d); v.providerFacts.push(f); }
  }
  return v;
}

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
    why: `${asym.map(({ c, t }) => `${base(c.file)}: client ${t.client} days, you ${t.provider === undefined ? 'no right to terminate for convenience' : `${t.provider} days`}${useValue ? `, value ${c.value}` : ''}`).join('; ')}; share ${pct}% ≥ ${Math.round(ch.minShare * 100)}%.`,
    documents: asym.map((x) => x.c.file),
    clauses: asym.flatMap(({ t }) => [...new Set([...t.clientFacts, ...t.providerFacts])].map((f) => cite(f, ['noticeDays', 'whoMayTerminate']))),
    key: 'asymmetry',
  }];
}

// ------------------------------------------------------------------------------------------ calendar

export interface DeadlineItem { date: string; kind: 'renewal-notice' | 'expiry' | 'restriction-end'; contract: Contract; title: string; fact?: Fact }

export function deadlinesOf(p: Portfolio): DeadlineItem[] {
  const out: DeadlineItem[] = [];
  for (const c of p.contracts) {
    if (c.status === 'expired') continue;
    const exp = c.expiry;
    if (exp) {
      const expFact = c.facts.find((f) => f.kind === 'expiry');
      out.push({ date: exp, kind: 'expiry', contract: c, title: `${name(c)} ${c.renewalMonths ? 'renews automatically' : 'expires'}`, ...(expFact ? { fact: expFact } : {}) });
      if (c.renewalNoticeDays !== undefined) {
        const nf = c.facts.find((f) => f.kind === 'renewal-notice');
        const d = new Date(exp + 'T00:00:00Z');
        d.setUTCDate(d.getUTCDate() - c.renewalNoticeDays);
        out.push({ date: d.toISOString().slice(0, 10), kind: 'renewal-notice', contract: c, title: `Last day to give ${c.renewalNoticeDays} days' notice of non-renewal to ${c.counterparty ?? base(c.file)}`, ...(nf ? { fact: nf } : {}) });
      }
    }
    for (const f of c.facts) {
      if (f.kind !== 'covenant') continue;
      const tail = num(f.values.tailMonths);
      const dur = num(f.values.durationMonths);
      const end = tail !== undefined && exp ? addMonths(exp, tail) : dur !== undefined && c.effective ? addMonths(c.effective, dur) : undefined;
      if (end) out.push({ date: end, kind: 'restriction-end', contract: c, title: `${f.category.replace('restrict.', '')} of ${name(c)} ends`, fact: f });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.contract.file.localeCompare(b.contract.file) || a.kind.localeCompare(b.kind));
}

export function runCalendar(p: Portfolio, ch: CalendarCheck): RawFinding[] {
  const horizon = new Date(p.today + 'T00:00:00Z');
  horizon.setUTCDate(horizon.getUTCDate() + ch.withinDays);
  const h = horizon.toISOString().slice(0, 10);
  return deadlinesOf(p).filter((d) => ch.kinds.includes(d.kind) && d.date >= p.today && d.date <= h).map((d) => ({
    message: `${d.date}: ${d.title}.`,
    why: `${d.kind} on ${d.date}, within ${ch.withinDays} days of ${p.today}${d.contract.renewalNoticeDays !== undefined && d.kind === 'renewal-notice' ? ` (expiry ${d.contract.expiry} − ${d.contract.renewalNoticeDays} days' notice)` : ''}.`,
    documents: [d.contract.file],
    clauses: d.fact ? [cite(d.fact)] : [],
    key: `${d.contract.file}|${d.kind}|${d.date}`,
  }));
}

export function runCheck(p: Portfolio, ch: Check): RawFinding[] {
  switch (ch.type) {
    case 'pair': return runPair(p, ch);
    case 'each': return runEach(p, ch);
    case 'sum': return runSum(p, ch);
    case 'spread': return runSpread(p, ch);
    case 'asymmetry': return runAsymmetry(p, ch);
    case 'calendar': return runCalendar(p, ch);
  }
}

export type { Finding };
export { keywords };
