// `asymmetry` checks: the share of the portfolio a client may end on short notice while the user may not.
import { cite, name, num, str, type Contract, type Fact, type Portfolio } from './portfolio.js';
import { active, base, type RawFinding } from './select.js';
import type { AsymmetryCheck } from './spec.js';
import { escapeRegExp } from '../names.js';
import { partyRole } from '../extract/attributes/plain.js';

export interface TerminationView {
  client?: number;
  provider?: number;
  clientFacts: Fact[];
  providerFacts: Fact[];
  /** the user's exits that need a reason (the client's breach, non-payment): all they have without one */
  providerCauseFacts: Fact[];
  /** whether any clause gives the user a right to end the contract without cause, its notice read or not */
  providerMay: boolean;
}

/** Whether a clause could give the user a right: it names the user (by name or a provider's role word), either or
 *  each party, or no party at all; not when it names only the client. */
function mayBeMine(c: Contract, f: Fact): boolean {
  const text = f.clause.text;
  if (/\b(?:either|each|both|any|a)\s+part(?:y|ies)\b|\bparties\b/i.test(text)) return true;
  const named = (n: string) => new RegExp(`(?<![\\w-])${escapeRegExp(n)}(?![\\w-])`, 'i').test(text);
  if (c.meNames.some((n) => n && named(n))) return true;
  const roles = [...text.matchAll(/\b[A-Z][a-z]+\b/g)].map((m) => partyRole(m[0]));
  if (roles.includes('provider')) return true;
  const others = c.parties.filter((p) => !c.meNames.includes(p.name));
  return !roles.includes('client') && !others.some((p) => named(p.name) || (p.role !== undefined && named(p.role)));
}

export function terminationOf(c: Contract): TerminationView {
  const v: TerminationView = { clientFacts: [], providerFacts: [], providerCauseFacts: [], providerMay: false };
  for (const f of c.facts) {
    if (f.kind === 'termination-cause') {
      const who = str(f.values.whoMayTerminate);
      if (who === 'provider' || who === 'either') v.providerCauseFacts.push(f);
      continue;
    }
    if (f.kind !== 'termination') continue;
    const d = num(f.values.noticeDays);
    const who = str(f.values.whoMayTerminate);
    // a right whose holder was not read may be the user's, unless its words name only the client ("Termination for
    // Convenience by Customer.", "no charge is payable if Customer terminates")
    if (who === 'provider' || who === 'either' || (who === undefined && mayBeMine(c, f))) v.providerMay = true;
    if (d === undefined || !who) continue;
    if (who === 'client' || who === 'either') {
      v.client = Math.min(v.client ?? Infinity, d);
      v.clientFacts.push(f);
    }
    if (who === 'provider' || who === 'either') {
      v.provider = Math.min(v.provider ?? Infinity, d);
      v.providerFacts.push(f);
    }
  }
  return v;
}

/** 3 → "a third", 2 → "half" */
function fraction(ratio: number): string {
  return ratio === 2 ? 'half' : ratio === 3 ? 'a third' : ratio === 4 ? 'a quarter' : `1/${ratio}`;
}

const mark = (fs: readonly Fact[]) =>
  fs.some((f) => f.corrected.includes('noticeDays') || f.corrected.includes('whoMayTerminate'))
    ? ' (clausemap.yaml)'
    : '';

export function runAsymmetry(p: Portfolio, ch: AsymmetryCheck): RawFinding[] {
  const cs = active(p);
  if (!cs.length) return [];
  // one-sided: the client may leave on short notice and the user not as soon, or both may leave but the user
  // only on a notice several times the client's (45 days against six months)
  const short = (t: TerminationView) =>
    t.client !== undefined && t.client <= ch.shortDays && (t.provider === undefined || t.provider > t.client);
  // no right of the user's own to leave at all is the most unequal notice there is
  const unequal = (t: TerminationView) =>
    ch.unequalRatio !== undefined &&
    t.client !== undefined &&
    (t.provider === undefined ? !t.providerMay : t.provider >= ch.unequalRatio * Math.max(1, t.client));
  const asym = cs.map((c) => ({ c, t: terminationOf(c) })).filter(({ t }) => short(t) || unequal(t));
  if (!asym.length) return [];
  const useValue = cs.every((c) => c.value !== undefined);
  const w = (c: Contract) => (useValue ? c.value! : 1);
  const total = cs.reduce((s, c) => s + w(c), 0);
  const part = asym.reduce((s, x) => s + w(x.c), 0);
  const share = total ? part / total : 0;
  if (share < ch.minShare) return [];
  const pct = Math.round(share * 100);
  return [
    {
      message: `${pct}% of your portfolio${useValue ? "'s value" : ' (by number of contracts; values unknown)'} can be ended by the client on ${ch.shortDays} days' notice or less${ch.unequalRatio !== undefined ? `, or on a notice ${fraction(ch.unequalRatio)} of yours or less` : ''}, while you cannot leave on the same terms: ${asym.map((x) => name(x.c)).join(', ')}.`,
      why: `${asym.map(({ c, t }) => `${base(c.file)}: client ${t.client} days${mark(t.clientFacts)}, you ${t.provider === undefined ? 'no right to terminate for convenience' : `${t.provider} days${mark(t.providerFacts)}`}${useValue ? `, value ${c.value}${c.valueBasis === 'clausemap.yaml' ? ' (clausemap.yaml)' : ''}` : ''}`).join('; ')}; share ${pct}% ≥ ${Math.round(ch.minShare * 100)}%.`,
      documents: asym.map((x) => x.c.file),
      // with no right of your own to leave at will, the clauses that name your only exits show it
      clauses: asym.flatMap(({ t }) =>
        [
          ...new Set([...t.clientFacts, ...t.providerFacts, ...(t.provider === undefined ? t.providerCauseFacts : [])]),
        ].map((f) => cite(f, ['noticeDays', 'whoMayTerminate'])),
      ),
      key: 'asymmetry',
    },
  ];
}
