// Attribute extractors: code that measures values on a clause (durations, days, money, jurisdictions,
// dates, parties). Rules decide which clauses exist; extractors measure them. Pure functions.
//
// Each extractor returns nothing rather than a guess. Extractors by name, the categories they run on
// (BY_CATEGORY below; a clause rule may ask for more with `attributes:`) and the value form:
//
//   jurisdiction     admin.governing-law                  string: "New York", "Ontario, Canada", "England and Wales"
//   venue            admin.venue, admin.governing-law      string: the courts' place, "New York, New York"
//   noticeDays       term.renewal-notice,                  number of days (a month is 30, a year 365):
//                    term.termination-for-convenience,      the period tied to "notice" / "prior to", not the first number
//                    term.work-cancellation
//   renewalMonths    term.renewal                          number of months of one renewal term ("successive one-year periods" → 12)
//   termMonths       term.renewal, term.expiration          number of months of the initial term ("for a period of two (2) years" → 24)
//   date             term.expiration                       ISO yyyy-mm-dd of an explicit end date ("shall expire on December 31, 2023")
//   whoMayTerminate  term.termination-for-convenience,     "either" | "client" | "provider" | the party name as written
//                    term.work-cancellation
//   durationMonths   restrict.non-compete, restrict.exclusivity, restrict.non-solicit, restrict.no-solicit-*
//                                                          number of months the restriction lasts; with
//   tail             (same)                                true when it runs on after the contract ends ("for 12 months thereafter")
//   territory        (same)                                string: "United States", "worldwide", "the Territory", "within 50 miles of ..."
//   field            (same)                                string: what it covers ("financial services", "competitors of Client",
//                                                          a defined "Competitor" whose definition is `fieldMeans`)
//   counterparties   (same)                                string[]: the companies it names, itself or through the definitions
//                                                          and schedules it refers to (withNamed below)
//   excepted         (same)                                string: what it carves out ("excluding sales to the Retained
//                                                          Customers"), with what that refers to (withNamed below)
//   capAmount        liability.cap, liability.uncapped,    number, US dollars: a stated ceiling ("shall not exceed $1,000,000")
//                    liability.indemnification
//   capFormula       (same)                                string: a ceiling by formula ("fees paid in the 12 months before the claim")
//   uncapped         (same)                                true where liability is stated to be unlimited / the cap does not apply
//   insuranceAmount  liability.insurance                   number, US dollars: the largest required limit
//   insuranceType    liability.insurance                   string: "general liability, professional liability (E&O)"
//   paymentDays      admin.payment-terms, admin.invoicing  number: days to pay ("net 30", "within thirty (30) days of invoice")
//   invoiceCycle     admin.invoicing, admin.payment-terms  string: "monthly" | "weekly" | "quarterly" | "annually" | "on milestones" | "on completion" | "in advance"
//   invoiceFormat    admin.invoicing                       string: what an invoice must carry or how it is sent ("itemized", "PO number", "electronic")
//   reportingCycle   admin.reporting                       string: "weekly" | "monthly" | "quarterly" | "annually" | "on request"
//   noticeMethods    admin.notices                         string[]: of "email", "courier", "mail", "registered mail", "hand", "fax"
//   rate             admin.fees                            { amount: number, currency: "USD"|"EUR"|"GBP"|..., unit: "hour"|"day"|"month"|"fixed" }
//   hoursPerWeek     admin.time-commitment                 number: committed hours per week
//   fullTime         admin.time-commitment                 boolean: true for full-time / exclusive dedication, false for part-time
//   volumePerMonth   admin.minimum-commitment,             { amount, unit }: a volume a period as units a month ("75,000 units
//                    admin.volume-restriction (plain)       each quarter" → 25,000 unit), the unit in the singular
//   backgroundIp     ip.background-ip, ip.ownership-assignment
//                                                          "retained" | "assigned" | "licensed": what happens to pre-existing IP,
//                                                          know-how and tools (only when the clause speaks of them)
//   exclusive        ip.license-grant                      boolean: exclusive (true) or non-exclusive (false) licence
//   subject          ip.license-grant                      string: what is licensed ("the Software", "the Licensed Patents")
//   grantee          ip.license-* (plain reading)          string: who a passive grant names ("Company is hereby granted ..."),
//                                                          where no grantor is written; the checks take the other party as grantor
//   assignor         ip.ownership-assignment (plain)       string: who assigns ("Vendor assigns to Client" → Vendor)
//   role             admin.fees (plain)                   string: the role, grade or item a line of a rate card prices
//                                                          ("2. Senior Medical Writer: $185 per hour" → Senior Medical Writer)
//   dayHours         admin.fees                            number: the hours of the day a rate is charged per, where the
//                                                          contract defines it ("Consulting Day" means eight hours; withDayHours)
//   described        admin.services                        string: the schedules or exhibits the clause says describe the
//                                                          work ("the concept described in Schedule A"), their text (withDescribed)
//
// Document-level values (meta.parties → parties, meta.agreement-date / meta.effective-date → date,
// meta.document-name → name) come from ../meta.ts.
import type { Attributes } from '../../schema.js';
import { findDurations, toDays } from './durations.js';
import { findJurisdiction } from './jurisdiction.js';
import { expiryDate, initialTermMonths, noticePeriodDays, renewalTermMonths, whoMayTerminate } from './term.js';
import { COVENANT_EXTRACTORS } from './covenants.js';
import { LIABILITY_EXTRACTORS } from './liability.js';
import { ADMIN_EXTRACTORS } from './admin.js';
import { IP_EXTRACTORS } from './ip.js';
import { valueOf, type AttributeContext, type AttributeExtractor } from './util.js';
import { clauseValues, VALUE_GROUP_OF_CATEGORY } from './values.js';
import { backgroundIp, definedDayHours, restricts } from './plain.js';
import { attachedTexts, definitionOf, inclusionsOf, meaningOf, withAttachment } from './definitions.js';
import { exceptedText, namedOrganisations, referredText } from './named.js';

export type { AttributeContext, AttributeExtractor } from './util.js';

/** "thirty (30) days", "90 days", "six months" → days (the first period in the text) */
export function durationDays(text: string): number | undefined {
  const d = findDurations(text)[0];
  return d ? toDays(d) : undefined;
}

/** The clause's sentence plus the next ones: where a heading-only or cut-short clause carries on. */
function around(ctx: AttributeContext, after = 400): string {
  return ctx.docText.slice(ctx.start, Math.min(ctx.docText.length, ctx.end + after));
}

const EXTRACTORS: Record<string, AttributeExtractor> = {
  noticeDays: valueOf('noticeDays', noticePeriodDays),
  jurisdiction: valueOf(
    'jurisdiction',
    (t, ctx) => findJurisdiction(t) ?? (/\bgovern|\blaws?\b/i.test(t) ? findJurisdiction(around(ctx, 300)) : undefined),
  ),
  renewalMonths: valueOf('renewalMonths', (t, ctx) =>
    renewalTermMonths(t, ctx.docText.slice(Math.max(0, ctx.start - 1500), ctx.start)),
  ),
  termMonths: valueOf('termMonths', initialTermMonths),
  date: valueOf('date', expiryDate),
  whoMayTerminate: valueOf('whoMayTerminate', whoMayTerminate),
  ...COVENANT_EXTRACTORS,
  ...LIABILITY_EXTRACTORS,
  ...ADMIN_EXTRACTORS,
  ...IP_EXTRACTORS,
};

const COVENANT = ['durationMonths', 'tail', 'territory', 'field'];
const LIABILITY = ['capAmount', 'capFormula', 'uncapped'];

/** Extractors that always run on clauses of a category, whatever rule found them. */
const BY_CATEGORY: Record<string, string[]> = {
  'admin.governing-law': ['jurisdiction', 'venue'],
  'admin.venue': ['venue'],
  'term.renewal-notice': ['noticeDays'],
  'term.renewal': ['renewalMonths', 'termMonths'],
  'term.expiration': ['date', 'termMonths'],
  'term.termination-for-convenience': ['noticeDays', 'whoMayTerminate'],
  'term.work-cancellation': ['noticeDays', 'whoMayTerminate'],
  'restrict.non-compete': COVENANT,
  'restrict.exclusivity': COVENANT,
  'restrict.non-solicit': COVENANT,
  'restrict.no-solicit-customers': COVENANT,
  'restrict.no-solicit-employees': COVENANT,
  'liability.cap': LIABILITY,
  'liability.uncapped': LIABILITY,
  'liability.indemnification': LIABILITY,
  'liability.insurance': ['insuranceAmount', 'insuranceType'],
  'admin.payment-terms': ['paymentDays', 'invoiceCycle'],
  'admin.invoicing': ['invoiceCycle', 'invoiceFormat', 'paymentDays'],
  'admin.reporting': ['reportingCycle'],
  'admin.notices': ['noticeMethods'],
  'admin.fees': ['rate'],
  'admin.time-commitment': ['hoursPerWeek', 'fullTime'],
  'ip.background-ip': ['backgroundIp'],
  'ip.ownership-assignment': ['backgroundIp'],
  'ip.license-grant': ['exclusive', 'subject'],
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

export function runExtractors(
  names: readonly string[],
  clauseText: string,
  ctx: AttributeContext,
): Attributes | undefined {
  let out: Attributes | undefined;
  for (const n of names) {
    const fn = EXTRACTORS[n];
    if (!fn) continue;
    const v = fn(clauseText, ctx);
    if (Object.keys(v).length) out = { ...(out ?? {}), ...v };
  }
  return out;
}

/**
 * Every value of a clause of `category` found by a rule asking for `fromRule` extractors: the one reading
 * of clause values that extraction, the term database, the checks and the portfolio rules' examples share.
 */
export function measureClause(
  category: string,
  fromRule: readonly string[] | undefined,
  clauseText: string,
  ctx: AttributeContext,
  lead?: string,
): Attributes | undefined {
  const names = extractorsFor(category, fromRule);
  const values = clauseValues(category, clauseText, names.length ? runExtractors(names, clauseText, ctx) : undefined);
  const doc = ctx.docText;
  const read = values
    ? throughDefinitions(
        category,
        clauseText,
        withIncluded(category, clauseText, withDefinitions(values, doc), doc),
        doc,
      )
    : values;
  const own = withNamed(
    category,
    clauseText,
    doc,
    withDescribed(
      category,
      clauseText,
      doc,
      withDayHours(category, clauseText, doc, withCapDefined(category, clauseText, doc, read)),
    ),
  );
  return lead ? withLeadValues(category, fromRule, own, clauseText, lead, ctx) : own;
}

/**
 * Values a list's lead-in gives each item of the list: "During the Term and for 24 months thereafter,
 * Consultant shall not, anywhere in the United States: (a) ...; (b) ..." holds each item for that time, in
 * that place, and binds that party. Only where the lead-in is itself the restriction ("shall not", "agrees
 * not to", "refrain from", "is prohibited from") and the items are what it forbids: a lead-in that gives
 * notice or orders something else ("on thirty days' notice ..., Consultant shall: (b) not solicit ...") does
 * not time its items. Likewise the party a termination lead-in gives the right to. Restrictive covenants and
 * termination rights only: elsewhere a number in a lead-in (a fee, a notice period) is not each item's. An
 * item's own value wins.
 */
const FROM_LEAD: Partial<Record<string, readonly string[]>> = {
  covenant: ['durationMonths', 'tailMonths', 'tail', 'territory', 'territoryMeans', 'bound'],
  // "Owner may terminate this Agreement upon any of the following: ... (e) without cause on seven (7) days'
  // notice": each item is that party's right
  termination: ['whoMayTerminate'],
};
/** Whether a lead-in states what its items are: the restriction itself, or a right to end the contract. */
const LEAD_GIVES: Partial<Record<string, (lead: string) => boolean>> = {
  covenant: restricts,
  termination: (lead) => /\b(?:terminat|cancel)/i.test(lead),
};
/** Groups whose lead-in is read with the item after it, as one sentence: "This Agreement may be terminated:
 *  (a) by Magenta for any reason" is Magenta's right. */
const READ_WITH_ITEM = new Set(['termination']);
function withLeadValues(
  category: string,
  fromRule: readonly string[] | undefined,
  own: Attributes | undefined,
  clauseText: string,
  lead: string,
  ctx: AttributeContext,
): Attributes | undefined {
  const group = VALUE_GROUP_OF_CATEGORY[category];
  const keys = group ? FROM_LEAD[group] : undefined;
  if (!keys || !LEAD_GIVES[group!]?.(lead)) return own;
  const fromLead = measureClause(
    category,
    fromRule,
    READ_WITH_ITEM.has(group!) ? `${lead.replace(/\s*[:\u2014-]\s*$/, '')} ${clauseText}` : lead,
    ctx,
  );
  if (!fromLead) return own;
  let out = own;
  for (const k of keys) {
    const v = fromLead[k];
    if (v !== undefined && out?.[k] === undefined) out = { ...out, [k]: v };
  }
  return out;
}

/**
 * What an assignment takes through the defined terms it says it includes ("all work product ..., including
 * Promotional Materials", where Promotional Materials take in the illustrations of a named library), when its
 * subject is not itself a defined term: `subjectMeans`, so that the checks see what is given away.
 */
function withIncluded(category: string, clauseText: string, values: Attributes, docText: string): Attributes {
  if (category !== 'ip.ownership-assignment' || values.subjectMeans !== undefined) return values;
  const means: string[] = [];
  for (const m of clauseText.matchAll(
    /\bincluding,?\s+(?:without\s+limitation,?\s+|but\s+not\s+limited\s+to,?\s+)?(?:all\s+|any\s+|the\s+)?([A-Z][a-z][\w-]*(?:\s+[A-Z][a-z][\w-]*){0,2})/g,
  )) {
    const m2 = meaningOf(m[1]!, docText);
    if (m2 && !means.includes(m2)) means.push(m2);
  }
  return means.length ? { ...values, subjectMeans: means.join('; ') } : values;
}

/**
 * An assignment that reaches the user's pre-existing materials only through what its defined term means
 * ("assigns ... the Deliverables", where "Deliverables" includes any Pre-Existing Materials incorporated in them)
 * is an assignment of background IP, as if the definition were written into the clause.
 */
function throughDefinitions(category: string, clauseText: string, values: Attributes, docText: string): Attributes {
  if (VALUE_GROUP_OF_CATEGORY[category] !== 'ip' || values.backgroundIp !== undefined) return values;
  // what its subject means, and what the contract says elsewhere that the terms the clause defines include
  // ("(collectively, "Inventions")" here, "Inventions include the software tools ... Consultant brings" there)
  const means = [
    typeof values.subjectMeans === 'string' ? values.subjectMeans : '',
    ...[
      ...clauseText.matchAll(
        /\(\s*(?:collectively,?\s+|each,?\s+|together,?\s+)?(?:the\s+)?["“]([A-Z][\w -]{1,40})["”]\s*\)/g,
      ),
    ].flatMap((m) => inclusionsOf(m[1]!, docText)),
  ].filter(Boolean);
  if (!means.length) return values;
  // read as if written where the term stands, so that the sentence that uses the term is the one read
  const said = `(${means.join('; ').replace(/\.(?=\s|$)/g, ';')})`;
  const subject = typeof values.subject === 'string' ? values.subject.replace(/^the\s+/i, '') : '';
  const at = subject ? clauseText.indexOf(subject) : -1;
  const position = backgroundIp(
    at >= 0
      ? `${clauseText.slice(0, at + subject.length)} ${said}${clauseText.slice(at + subject.length)}`
      : `${clauseText} ${said}`,
  );
  return position === 'assigned' ? { ...values, backgroundIp: position } : values;
}

/**
 * `dayHours`: the length of the day a day rate is charged per, where the contract defines that day ("$1,320 per
 * Consulting Day", where "Consulting Day" means eight (8) hours of work), so that a day rate compares with an hourly
 * one. A day the contract does not define has no length here.
 */
function withDayHours(
  category: string,
  clauseText: string,
  docText: string | undefined,
  values: Attributes | undefined,
): Attributes | undefined {
  if (VALUE_GROUP_OF_CATEGORY[category] !== 'rate' || !docText || !values) return values;
  const day = /\bper\s+([A-Z][a-z]+\s+Day)s?\b/.exec(clauseText)?.[1];
  const means = day ? definitionOf(day, docText) : undefined;
  const hours = means ? definedDayHours(means) : undefined;
  return hours ? { ...values, dayHours: hours } : values;
}

/** A ceiling named by a defined term: "in excess of the Maximum Liability", "shall not exceed the Liability Cap". */
const CAP_BY_TERM =
  /\b(?:in\s+excess\s+of|exceed|limited\s+to|more\s+than|greater\s+than)\s+(?:the\s+)?([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})/g;

/**
 * `capAmount`, `capFormula` of a cap that names its ceiling by a defined term, read from the term's definition
 * ("Maximum Liability" means "twelve million five hundred thousand US dollars (US$12,500,000) in the aggregate"),
 * as if the definition were written where the term stands.
 */
function withCapDefined(
  category: string,
  clauseText: string,
  docText: string | undefined,
  values: Attributes | undefined,
): Attributes | undefined {
  if (VALUE_GROUP_OF_CATEGORY[category] !== 'liability' || !docText) return values;
  if (values?.capAmount !== undefined || values?.capFormula !== undefined) return values;
  for (const m of clauseText.matchAll(CAP_BY_TERM)) {
    const means = definitionOf(m[1]!, docText);
    if (!means) continue;
    const read = clauseValues(
      category,
      `${clauseText.slice(0, m.index + m[0].length - m[1]!.length)}${means}`,
      undefined,
    );
    const cap = {
      ...(read?.capAmount !== undefined ? { capAmount: read.capAmount } : {}),
      ...(read?.capFormula !== undefined ? { capFormula: read.capFormula } : {}),
    };
    if (Object.keys(cap).length) return { ...values, ...cap };
  }
  return values;
}

/** At most this much of the attachments a services clause refers to is kept. */
const MAX_DESCRIBED = 2000;

/**
 * `described`: the text of the schedules, exhibits or annexes a services clause says describe the work ("the
 * Ember Yard concept described in Schedule A", where the schedule says it is a pizza restaurant), so that what
 * the user does for a client is read where the contract says it.
 */
function withDescribed(
  category: string,
  clauseText: string,
  docText: string | undefined,
  values: Attributes | undefined,
): Attributes | undefined {
  if (category !== 'admin.services' || !docText) return values;
  const parts = attachedTexts(clauseText, docText).map((t) => t.replace(/\s+/g, ' ').trim());
  return parts.length ? { ...values, described: parts.join('\n').slice(0, MAX_DESCRIBED) } : values;
}

/**
 * `counterparties`: the organisations a restriction names, in its own words or through the definitions and
 * schedules it refers to ("any Customer", where Customers are the companies Schedule B lists); `excepted`: what
 * it carves out, with what that refers to ("excluding sales to the Retained Customers", listed in Schedule B).
 */
function withNamed(
  category: string,
  clauseText: string,
  docText: string | undefined,
  values: Attributes | undefined,
): Attributes | undefined {
  if (VALUE_GROUP_OF_CATEGORY[category] !== 'covenant') return values;
  // what the clause refers to (its definitions and their schedules), read once for both
  const referred = docText ? referredText(clauseText, docText) : '';
  const names = namedOrganisations(clauseText, docText, referred);
  const excepted = exceptedText(clauseText, docText, referred);
  return names || excepted
    ? { ...values, ...(names ? { counterparties: names } : {}), ...(excepted ? { excepted } : {}) }
    : values;
}

/** A subject that points to an attachment ("each of the assets identified on Schedule A") with what it lists. */
function onAttachment(value: string, docText: string): string | undefined {
  const w = withAttachment(value, docText);
  return w === value ? undefined : w;
}

/** Values that name what they cover by a defined term, resolved against the contract's definitions. */
const DEFINED = ['subject', 'field', 'territory'];

/** The defined thing a field is drawn around: "products ... similar to or competitive with the Vendor Companion
 *  Solution" covers what "Vendor Companion Solution" means. */
function competingWith(field: string): string[] {
  const tail =
    /\b(?:compet\w*|similar)\b.*?\b(?:with|to)\s+((?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4}(?:(?:,\s*|\s+)(?:or|and|and\/or)?\s*(?:the\s+|any\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4})*)\s*$/.exec(
      field,
    )?.[1];
  // "compete with Company Products or the Licensed Products": each defined thing named
  return tail ? tail.split(/\s*,\s*(?:or\s+|and\s+)?|\s+(?:or|and|and\/or)\s+/).filter(Boolean) : [];
}

/**
 * `subjectMeans`, `fieldMeans`, `territoryMeans`: what a value that is only a defined term ("the Software",
 * "the Territory") means where the contract defines it, so that the checks compare what it stands for.
 */
function withDefinitions(values: Attributes, docText: string): Attributes {
  let out = values;
  for (const k of DEFINED) {
    const v = values[k];
    if (typeof v !== 'string') continue;
    const means =
      meaningOf(v, docText) ??
      (k === 'subject' ? onAttachment(v, docText) : undefined) ??
      (k === 'field'
        ? competingWith(v)
            .map((t) => meaningOf(t, docText))
            .filter((m): m is string => !!m)
            .join('; ') || undefined
        : undefined);
    // a definition says something in words ("2. 3" is a heading caught as one)
    if (means && /[a-z]{3}/i.test(means)) out = { ...out, [`${k}Means`]: means };
  }
  return out;
}
