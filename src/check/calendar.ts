// `calendar` checks: the dated deadlines of the portfolio (renewal notices, expiries, ends of restrictions).
import { cite, name, num, type Contract, type Fact, type Portfolio } from './portfolio.js';
import { base, type RawFinding } from './select.js';
import type { CalendarCheck } from './spec.js';
import { addMonths } from './dates.js';

export interface DeadlineItem {
  date: string;
  kind: 'renewal-notice' | 'expiry' | 'restriction-end';
  contract: Contract;
  title: string;
  fact?: Fact;
}

export function deadlinesOf(p: Portfolio): DeadlineItem[] {
  const out: DeadlineItem[] = [];
  for (const c of p.contracts) {
    const exp = c.expiry;
    if (exp && c.status !== 'expired') {
      const expFact = c.facts.find((f) => f.kind === 'expiry');
      out.push({
        date: exp,
        kind: 'expiry',
        contract: c,
        title: `${name(c)} ${c.renewalMonths ? 'renews automatically' : 'expires'}`,
        ...(expFact ? { fact: expFact } : {}),
      });
      if (c.renewalNoticeDays !== undefined) {
        const nf = c.renewalNoticeFact;
        const d = new Date(exp + 'T00:00:00Z');
        d.setUTCDate(d.getUTCDate() - c.renewalNoticeDays);
        out.push({
          date: d.toISOString().slice(0, 10),
          kind: 'renewal-notice',
          contract: c,
          title: `Last day to give ${c.renewalNoticeDays} days' notice of non-renewal to ${c.counterparty ?? base(c.file)}`,
          ...(nf ? { fact: nf } : {}),
        });
      }
    }
    for (const f of c.facts) {
      if (f.kind !== 'covenant') continue;
      const tail = num(f.values.tailMonths);
      const dur = num(f.values.durationMonths);
      // a restriction that ends with the contract is not a date of its own
      const end =
        tail !== undefined
          ? exp && tail > 0
            ? addMonths(exp, tail)
            : undefined
          : dur !== undefined && c.effective
            ? addMonths(c.effective, dur)
            : undefined;
      if (end)
        out.push({
          date: end,
          kind: 'restriction-end',
          contract: c,
          title: `${f.category.replace('restrict.', '')} of ${name(c)} ends`,
          fact: f,
        });
    }
  }
  return out.sort(
    (a, b) =>
      a.date.localeCompare(b.date) || a.contract.file.localeCompare(b.contract.file) || a.kind.localeCompare(b.kind),
  );
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
    const extra =
      d.kind === 'renewal-notice'
        ? renewal()
        : d.kind === 'expiry'
          ? d.contract.facts.find((f) => f.kind === 'expiry')
          : undefined;
    for (const f of [d.fact, extra]) if (f && !f.fromConfig) facts.set(`${f.file}@${f.clause.start}:${f.category}`, f);
  }
  const line = (d: DeadlineItem) =>
    `${d.date} ${d.kind}: ${d.title}${d.kind === 'renewal-notice' ? ` (expiry ${d.contract.expiry} − ${d.contract.renewalNoticeDays} days)` : ''}`;
  return [
    {
      ...(soon.length ? {} : { severity: ch.quietSeverity }),
      message: soon.length
        ? `${soon.length} date${soon.length > 1 ? 's' : ''} within ${ch.withinDays} days: ${soon.map((d) => `${d.date}: ${d.title}`).join('; ')}. ${ds.length} dates in all on your calendar.`
        : `${ds.length} date${ds.length > 1 ? 's' : ''} to track; the next is ${ds[0]!.date}: ${ds[0]!.title}.`,
      why: `${ds.map(line).join('; ')} (today ${p.today}).`,
      documents: [...new Set(ds.map((d) => d.contract.file))],
      clauses: [...facts.values()].map((f) => cite(f)),
      key: 'calendar',
    },
  ];
}
