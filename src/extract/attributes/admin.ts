// Administrative values: payment days, invoicing cycle and format, reporting cycle, notice methods,
// rates, committed time and venue. Pure functions.
import { norm, valueOf, type AttributeExtractor } from './util.js';
import { findDurations, toDays } from './durations.js';
import { placeAt } from './jurisdiction.js';
import { findMoney } from './money.js';
import { fullTime, hoursPerWeek } from './plain.js';

/** Days to pay: "net 30", "within thirty (30) days of receipt of invoice", "payable 45 days after invoice". */
export function paymentDays(text: string): number | undefined {
  const t = norm(text);
  const net = /\bnet\s*[-–]?\s*(\d{1,3})\b/i.exec(t) ?? /\bnet\s+(thirty|fifteen|sixty|forty-five|ninety)\b/i.exec(t);
  if (net) {
    const d = findDurations(`${net[1]} days`)[0];
    if (d) return toDays(d);
  }
  if (!/\b(?:pa(?:y|id|yable|yment)|invoice[sd]?|remit)\b/i.test(t)) return undefined;
  for (const d of findDurations(t)) {
    if (d.unit !== 'day' && d.unit !== 'week' && d.unit !== 'month') continue;
    const after = t.slice(d.end, d.end + 90);
    const before = t.slice(Math.max(0, d.start - 100), d.start);
    if (
      /^\s*(?:['’]s?\s*)?(?:after|of|from|following|upon)\s+[^.;]{0,50}?\b(?:invoice|statement|bill)/i.test(after) ||
      /\b(?:pa(?:y|id|yable)|due|remit\w*)\b[^.;]{0,60}\bwithin\s*$/i.test(before)
    )
      return toDays(d);
  }
  return undefined;
}

const CYCLES: Array<[RegExp, string]> = [
  [/\b(?:milestones?)\b/i, 'on milestones'],
  [/\bbi-?weekly|every\s+(?:two|2)\s+weeks|fortnightly\b/i, 'biweekly'],
  [/\bweekly|each\s+week|every\s+week|per\s+week\b/i, 'weekly'],
  [/\bmonthly|each\s+(?:calendar\s+)?month|every\s+month|per\s+month|end\s+of\s+(?:the|each)\s+month\b/i, 'monthly'],
  [/\bquarterly|each\s+(?:calendar\s+)?quarter|every\s+quarter\b/i, 'quarterly'],
  [/\bsemi-?annual(?:ly)?|twice\s+(?:a|per)\s+year\b/i, 'semi-annually'],
  [/\bannual(?:ly)?|each\s+(?:calendar\s+)?year|every\s+year|per\s+year\b/i, 'annually'],
  [/\bupon\s+(?:the\s+)?(?:completion|delivery|acceptance)\b/i, 'on completion'],
  [/\bin\s+advance\b/i, 'in advance'],
];

/** How often invoices go out: "monthly", "on milestones", ... */
export function invoiceCycle(text: string): string | undefined {
  const t = norm(text);
  if (!/\binvoic|\bbill(?:ed|ing)?\b|\bstatement\b/i.test(t)) return undefined;
  return CYCLES.find(([re]) => re.test(t))?.[1];
}

const FORMATS: Array<[RegExp, string]> = [
  [/\bitemi[sz]ed|\bdetailed\b|\bbreak-?down\b/i, 'itemized'],
  [/\bpurchase\s+order|\bP\.?O\.?\s+(?:number|no)/i, 'PO number'],
  [/\belectronic(?:ally)?|\be-?invoic|\bportal|\bAriba|\bCoupa|\bby\s+e-?mail\b/i, 'electronic'],
  [/\btime\s*sheets?|\btime\s+records|\bhours\s+worked/i, 'timesheets'],
  [/\breceipts|\bsupporting\s+documentation|\bbackup\s+documentation/i, 'receipts'],
  [/\bVAT\b|\btax\s+invoice/i, 'VAT invoice'],
];

export function invoiceFormat(text: string): string | undefined {
  const t = norm(text);
  if (!/\binvoic/i.test(t)) return undefined;
  const found = FORMATS.filter(([re]) => re.test(t)).map(([, f]) => f);
  return found.length ? found.join(', ') : undefined;
}

/** How often reports are due: "within 30 days after the end of each calendar quarter" → "quarterly". */
export function reportingCycle(text: string): string | undefined {
  const t = norm(text);
  const c = CYCLES.filter(([, name]) => !['on milestones', 'on completion', 'in advance'].includes(name)).find(([re]) =>
    re.test(t),
  );
  if (c) return c[1];
  if (/\b(?:upon|on)\s+(?:\w+\s+){0,2}request\b|\bas\s+(?:\w+\s+){1,2}may\s+(?:reasonably\s+)?request\b/i.test(t))
    return 'on request';
  return undefined;
}

const METHODS: Array<[RegExp, string]> = [
  [/\be-?mail|electronic\s+mail\b/i, 'email'],
  [
    /\bcourier|overnight|next[\s-]day\s+delivery|Federal\s+Express|FedEx|\bDHL\b|\bUPS\b|express\s+delivery/i,
    'courier',
  ],
  [
    /\b(?:registered|certified)\s+(?:or\s+(?:registered|certified)\s+)?(?:mail|post)|return\s+receipt/i,
    'registered mail',
  ],
  [
    /\b(?:first[\s-]class|prepaid|postage|regular|ordinary)\s+(?:mail|post)|\bby\s+(?:mail|post)\b|\bmailed\b|\bU\.?S\.?\s+mail/i,
    'mail',
  ],
  [
    /\bpersonal(?:ly)?\s+deliver|\bby\s+hand|\bhand[\s-]deliver|delivered\s+(?:personally|in\s+person)|personal\s+service/i,
    'hand',
  ],
  [/\bfax|facsimile|telecop|telex/i, 'fax'],
];

export function noticeMethods(text: string): string[] | undefined {
  const found = METHODS.filter(([re]) => re.test(text)).map(([, m]) => m);
  return found.length ? found : undefined;
}

/** A rate: "$150 per hour" → { amount: 150, currency: "USD", unit: "hour" }. */
export function rate(text: string): { amount: number; currency: string; unit: string } | undefined {
  const t = norm(text);
  for (const m of findMoney(t)) {
    const after = t.slice(m.end, m.end + 40);
    const before = t.slice(Math.max(0, m.start - 50), m.start);
    const u =
      /^\s*(?:\(\s*[^)]*\)\s*)?(?:(?:per|an?|each|\/)\s*|for\s+each\s+)(hour|hr|day|month|week|year|annum)\b/i.exec(
        after,
      ) ?? /^\s*(hourly|daily|monthly|weekly|annually)\b/i.exec(after);
    if (u) {
      const w = u[1]!.toLowerCase();
      const unit = /^(?:hour|hr|hourly)$/.test(w)
        ? 'hour'
        : /^(?:day|daily)$/.test(w)
          ? 'day'
          : /^(?:week|weekly)$/.test(w)
            ? 'week'
            : /^(?:month|monthly)$/.test(w)
              ? 'month'
              : 'year';
      return { amount: m.amount, currency: m.currency, unit };
    }
    // "an hourly rate of", "a monthly charge of", "an annual fee of"
    const lead = /\b(hourly|daily|weekly|monthly|annual|yearly)\s+(?:rate|fee|charge|retainer)\s+(?:of\s+)?$/i.exec(
      before,
    );
    if (lead) {
      const w = lead[1]!.toLowerCase();
      const unit = ({ hourly: 'hour', daily: 'day', weekly: 'week', monthly: 'month' } as Record<string, string>)[w];
      return { amount: m.amount, currency: m.currency, unit: unit ?? 'year' };
    }
    if (/\b(?:fixed|flat|lump[\s-]sum|total)\s+(?:fee|price|sum|amount|compensation)\s+(?:of\s+)?$/i.test(before))
      return { amount: m.amount, currency: m.currency, unit: 'fixed' };
  }
  return undefined;
}

/** The courts' place: "the state and federal courts located in New York County, New York". */
export function venue(text: string): string | undefined {
  const t = norm(text);
  const re =
    /\b(?:courts?|tribunals?|arbitration|venue)\b[^.;]{0,100}?\b(?:in|of|at|for|sitting\s+in|located\s+in|seated\s+in|held\s+in)\s+(?:the\s+)?(?:(?:State|County|City|Borough|Province|Commonwealth|Republic|Parish)\s+of\s+)?/gi;
  for (let m; (m = re.exec(t));) {
    if (/\bcompetent\s+jurisdiction\b/i.test(m[0])) continue;
    let p = placeAt(t, m.index + m[0].length);
    // a federal district: "the Southern District of New York"
    const of =
      p && /\bDistrict$/.test(p) ? /^\s*of\s+(?:the\s+)?/.exec(t.slice(t.indexOf(p, m.index) + p.length)) : null;
    if (of) {
      const q = placeAt(t, t.indexOf(p!, m.index) + p!.length + of[0].length);
      if (q) p = `${p} of ${q}`;
    }
    if (
      p &&
      !/^(?:Such|Any|This|That|Each|Said|Competent|Law|Equity|Justice|Chancery|Appeals?|Arbitration|Record)$/i.test(p)
    )
      return p;
  }
  return undefined;
}

export const ADMIN_EXTRACTORS: Record<string, AttributeExtractor> = {
  paymentDays: valueOf('paymentDays', paymentDays),
  invoiceCycle: valueOf('invoiceCycle', invoiceCycle),
  invoiceFormat: valueOf('invoiceFormat', invoiceFormat),
  reportingCycle: valueOf('reportingCycle', reportingCycle),
  noticeMethods: valueOf('noticeMethods', noticeMethods),
  rate: valueOf('rate', rate),
  hoursPerWeek: valueOf('hoursPerWeek', hoursPerWeek),
  fullTime: valueOf('fullTime', fullTime),
  venue: valueOf('venue', venue),
};
