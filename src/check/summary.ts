// The portfolio part of the report: one row of key terms per contract (every KEY_TERMS entry that is
// known), the calendar of deadlines, and the administrative burden score. Pure: Portfolio in, data out.
import path from 'node:path';
import type { ContractSummary, Deadline, KeyTerm, PortfolioSummary } from '../schema.js';
import { KEY_TERMS } from '../schema.js';
import { terminationOf } from './asymmetry.js';
import { deadlinesOf } from './calendar.js';
import { spreadOf } from './spread.js';
import type { SpreadCheck } from './spec.js';
import { cite, num, str, type Contract, type Fact, type Portfolio } from './portfolio.js';

const money = (n: number, cur?: string) => `${cur && cur !== 'USD' ? cur + ' ' : '$'}${n.toLocaleString('en-US')}`;

function firstValue(c: Contract, kind: Fact['kind'], key: string): unknown {
  return c.facts.find((f) => f.kind === kind && f.values[key] !== undefined)?.values[key];
}

function days(n: number): string {
  return `${n} day${n === 1 ? '' : 's'}`;
}

export function keyTermsOf(c: Contract, me?: string): Partial<Record<KeyTerm, string>> {
  const k: Partial<Record<KeyTerm, string>> = {};
  if (c.parties.length)
    k.parties = c.parties
      .map((p) => `${p.name}${p.role ? ` (${p.role})` : ''}${me && p.name === me ? ' [you]' : ''}`)
      .join('; ');
  if (c.counterparty) k.counterparty = c.counterparty;
  if (c.effective) k.effectiveDate = c.effective;
  if (c.expiry) k.expiryDate = c.expiry;
  if (c.termMonths !== undefined) k.term = `${c.termMonths} months`;
  else if (c.effective && c.expiry) k.term = `${c.effective} to ${c.expiry}`;
  if (c.renewalMonths !== undefined) k.renewal = `renews automatically for ${c.renewalMonths} months`;
  else if (c.facts.some((f) => f.kind === 'renewal')) k.renewal = 'renewal clause (length not read)';
  if (c.renewalNoticeDays !== undefined) k.renewalNoticeDays = String(c.renewalNoticeDays);
  const t = terminationOf(c);
  if (t.client !== undefined || t.provider !== undefined) {
    k.terminationNotice = `client ${t.client === undefined ? 'no right' : days(t.client)}, you ${t.provider === undefined ? 'no right' : days(t.provider)}`;
  } else {
    const d = num(firstValue(c, 'termination', 'noticeDays'));
    if (d !== undefined) k.terminationNotice = days(d);
  }
  const liab = c.facts.filter((f) => f.kind === 'liability');
  const read = liab.filter(
    (f) => f.values.uncapped === true || num(f.values.capAmount) !== undefined || str(f.values.capFormula),
  );
  const capped = read.length ? read : liab;
  if (capped.length) {
    const parts = capped.map((f) => {
      if (f.values.uncapped === true) return 'uncapped';
      const amt = num(f.values.capAmount);
      const who = str(f.values.protects);
      const what = amt !== undefined ? money(amt) : (str(f.values.capFormula) ?? 'cap (amount not read)');
      return who === 'client' ? `${what} (protects the client only)` : what;
    });
    k.liabilityCap = [...new Set(parts)].join('; ');
  }
  const ins = c.facts.filter((f) => f.kind === 'insurance' && num(f.values.insuranceAmount) !== undefined);
  if (ins.length)
    k.insurance = ins
      .map((f) => `${str(f.values.insuranceType) ?? 'insurance'} ${money(num(f.values.insuranceAmount)!)}`)
      .join('; ');
  const ip = c.facts.filter((f) => f.kind === 'ip' && str(f.values.backgroundIp));
  const lic = c.facts.filter((f) => f.kind === 'license' && f.values.exclusive !== undefined);
  const ipParts = [
    ...ip.map(
      (f) => `background IP ${f.values.backgroundIp}${f.values.broad ? ' (all know-how, tools and methods)' : ''}`,
    ),
    ...lic.map(
      (f) =>
        `${f.values.exclusive ? 'exclusive' : 'non-exclusive'} licence${str(f.values.subject) ? ` of ${str(f.values.subject)}` : ''}`,
    ),
  ];
  if (!ipParts.length && c.facts.some((f) => f.kind === 'ip')) ipParts.push('work product assigned');
  if (ipParts.length) k.ipPosition = [...new Set(ipParts)].join('; ');
  const cov = c.facts.filter((f) => f.kind === 'covenant');
  if (cov.length) {
    k.restrictiveCovenants = [
      ...new Set(
        cov.map((f) => {
          const kind = f.category.replace('restrict.', '');
          const tail = num(f.values.tailMonths);
          const fieldV = str(f.values.field);
          return `${kind}${fieldV ? ` (${fieldV})` : ''}${tail ? `, ${tail} months after the end` : ''}`;
        }),
      ),
    ].join('; ');
  }
  const law = str(firstValue(c, 'law', 'jurisdiction'));
  if (law) k.governingLaw = law;
  const pay = num(firstValue(c, 'payment', 'paymentDays')) ?? num(firstValue(c, 'invoicing', 'paymentDays'));
  if (pay !== undefined) k.paymentTerms = `net ${pay}`;
  const cyc = str(firstValue(c, 'invoicing', 'invoiceCycle')) ?? str(firstValue(c, 'payment', 'invoiceCycle'));
  const format = str(firstValue(c, 'invoicing', 'invoiceFormat'));
  if (cyc || format) k.invoicing = [cyc, format].filter(Boolean).join(', ');
  return k;
}

/** The default burden fields, when no rule scores the burden. */
const DEFAULT_BURDEN: SpreadCheck = {
  type: 'spread',
  minScore: 0,
  minContracts: 2,
  fields: [
    { label: 'payment terms', fact: 'payment', value: 'paymentDays', weight: 1, alone: false, minRatio: 1 },
    { label: 'invoicing cycles', fact: 'invoicing', value: 'invoiceCycle', weight: 1, alone: false, minRatio: 1 },
    { label: 'invoice formats', fact: 'invoicing', value: 'invoiceFormat', weight: 1, alone: false, minRatio: 1 },
    { label: 'reporting duties', fact: 'reporting', value: 'reportingCycle', weight: 0.5, alone: false, minRatio: 1 },
    { label: 'notice methods', fact: 'notices', value: 'noticeMethods', weight: 0.5, alone: false, minRatio: 1 },
    { label: 'governing laws', fact: 'law', value: 'jurisdiction', weight: 1, alone: false, minRatio: 1 },
    { label: 'venues', fact: 'venue', value: 'venue', weight: 0.5, alone: false, minRatio: 1 },
  ],
};

export function calendarOf(p: Portfolio): Deadline[] {
  return deadlinesOf(p).map((d) => ({
    date: d.date,
    kind: d.kind,
    file: d.contract.file,
    title: d.title,
    ...(d.fact ? { clause: cite(d.fact) } : {}),
  }));
}

export function summarize(p: Portfolio, burden: SpreadCheck | undefined = DEFAULT_BURDEN): PortfolioSummary {
  const contracts: ContractSummary[] = p.contracts.map((c) => {
    const kt = keyTermsOf(c, p.me);
    const keyTerms: Record<string, string> = {};
    for (const t of KEY_TERMS) if (kt[t] !== undefined) keyTerms[t] = kt[t]!;
    return {
      file: c.file,
      title: c.title ?? path.basename(c.file),
      ...(c.counterparty ? { counterparty: c.counterparty } : {}),
      status: c.status,
      ...(c.effective ? { effectiveDate: c.effective } : {}),
      ...(c.expiry ? { expiryDate: c.expiry } : {}),
      keyTerms,
      ...(c.copies ? { copies: c.copies } : {}),
      ...(c.amendedBy ? { amendedBy: c.amendedBy } : {}),
    };
  });
  // the score counts signed contracts only: the burden you carry today
  const signed = { ...p, contracts: p.contracts.filter((c) => c.status === 'signed') };
  return {
    ...(p.me ? { me: p.me } : {}),
    meWhy: p.meWhy,
    contracts,
    calendar: calendarOf(p),
    burdenScore: spreadOf(signed, burden).score,
  };
}
