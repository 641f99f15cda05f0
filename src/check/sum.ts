// `sum` checks: a measure added up over the contracts in force at one time (hours against capacity,
// liability caps against the fees the portfolio earns).
import { cite, num, overlaps, period, type Contract, type Fact, type Portfolio } from './portfolio.js';
import { active, base, engagementFact, type RawFinding } from './select.js';
import type { SumCheck } from './spec.js';
import { volumeUnit } from '../extract/attributes/plain.js';
import { valueWords } from '../value-words.js';

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
    const parts = set.map(
      (c) =>
        `${base(c.file)} ${c.hoursPerWeek !== undefined ? `${c.hoursPerWeek} h/week` : `full-time (${ch.fullTimeHours} h/week)`}`,
    );
    return [
      {
        message: `At the same time you have committed ${total} hours a week across ${set.length} contracts, above your capacity of ${capacity}.`,
        why: `${parts.join(' + ')} = ${total} > capacity ${capacity}${p.config.capacityHoursPerWeek ? ' (clausemap.yaml)' : ' (default; set capacityHoursPerWeek in clausemap.yaml)'}.`,
        documents: set.map((c) => c.file),
        clauses: set.map((c) =>
          cite(
            c.facts.find(
              (f) =>
                f.kind === 'commitment' && (num(f.values.hoursPerWeek) !== undefined || f.values.fullTime === true),
            ) ?? engagementFact(c),
            ['hoursPerWeek', 'fullTime'],
          ),
        ),
        key: 'hours',
      },
    ];
  }
  if (ch.measure === 'volumePerMonth') return volumes(p, cs);
  // liability caps against fees
  const capped = cs
    .map((c) => ({ c, f: c.facts.find((f) => f.kind === 'liability' && num(f.values.capAmount) !== undefined) }))
    .filter((x) => x.f);
  const fees = cs.reduce((s, c) => s + (c.value ?? 0), 0);
  if (!capped.length || !fees) return [];
  const total = capped.reduce((s, x) => s + num(x.f!.values.capAmount)!, 0);
  if (!(total > fees * ch.factor)) return [];
  return [
    {
      message: `The liability caps you accepted add up to ${total}, more than ${ch.factor === 1 ? '' : `${ch.factor} × `}the ${fees} a year the portfolio earns.`,
      why: `caps ${capped.map((x) => `${base(x.c.file)} ${num(x.f!.values.capAmount)}`).join(' + ')} = ${total} > fees ${fees}${ch.factor !== 1 ? ` × ${ch.factor}` : ''} (annual values: ${cs
        .filter((c) => c.value)
        .map((c) => `${base(c.file)} ${c.value} [${c.valueBasis}]`)
        .join(', ')}).`,
      documents: capped.map((x) => x.c.file),
      clauses: capped.map((x) => cite(x.f!, ['capAmount', 'capFormula', 'protects'])),
      key: 'caps',
    },
  ];
}

/** Volumes a month that contracts in force at one time ask the user to supply, against what the user can supply
 *  (clausemap.yaml `capacityPerMonth`); nothing to compare without it. Each contract counts its largest volume in
 *  the capacity's unit. */
function volumes(p: Portfolio, cs: readonly Contract[]): RawFinding[] {
  const cap = p.config.capacityPerMonth;
  if (!cap) return [];
  const unit = volumeUnit(cap.unit);
  const largest = new Map<Contract, { amount: number; fact: Fact }>();
  for (const c of cs)
    for (const f of c.facts) {
      const v = f.kind === 'commitment' ? (f.values.volumePerMonth as { amount?: unknown; unit?: unknown }) : undefined;
      const amount = num(v?.amount);
      if (amount === undefined || typeof v?.unit !== 'string' || volumeUnit(v.unit) !== unit) continue;
      if (amount > (largest.get(c)?.amount ?? 0)) largest.set(c, { amount, fact: f });
    }
  const set = busiest([...largest.keys()]);
  if (set.length < 2) return [];
  const total = set.reduce((s, c) => s + largest.get(c)!.amount, 0);
  if (!(total > cap.amount)) return [];
  // in words as the reports give every volume: "12,000 units a month"
  const words = (amount: number) => valueWords('volumePerMonth', { amount, unit });
  return [
    {
      message: `At the same time your contracts ask for ${words(total)} across ${set.length} contracts, above the ${words(cap.amount)} you can supply.`,
      why: `${set.map((c) => `${base(c.file)} ${words(largest.get(c)!.amount)}`).join(' + ')} = ${words(total)} > capacity ${words(cap.amount)} (clausemap.yaml).`,
      documents: set.map((c) => c.file),
      clauses: set.map((c) => cite(largest.get(c)!.fact, ['volumePerMonth'])),
      key: 'volumes',
    },
  ];
}
