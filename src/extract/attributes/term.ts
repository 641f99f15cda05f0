// Term values: notice periods (renewal, termination for convenience), renewal term, initial term, who may
// terminate, and an explicit end date. Each reads the period tied to its phrase, not the first number
// in the clause. Pure functions.
import { findDates } from './dates.js';
import { findDurations, LOOKED_BACK, toDays, toMonths, type Duration } from './durations.js';
import { norm } from './util.js';

const NOTICE_BEFORE =
  /\b(?:at\s+least|not\s+less\s+than|no\s+less\s+than|no\s+later\s+than|not\s+later\s+than|minimum\s+of|a\s+minimum\s+of|upon|on|with|giving|gives?|given|provides?|provided|providing|by|within|serving|delivering|least|than|of)\s*(?:\(?written\)?\s+|prior\s+|advance\s+)*$/i;
export const NOTICE_AFTER =
  /^\s*(?:\(\s*\d+\s*\)\s*)?(?:['’]s?\s*)?(?:of\s+)?(?:(?:prior|advance|written|advanced|express|formal)\s+)*(?:(?:written|prior)\s+)?(?:notice|notification|written\s+notice)\b|^\s*(?:['’]s?\s*)?(?:or\s+more\s+)?(?:prior\s+to|before|in\s+advance\s+of|preceding|ahead\s+of)\b|^\s*(?:['’]s?\s*)?(?:notice\s+)?prior\s+(?:to\s+)?/i;

/** The period a notice must be given in: "at least ninety (90) days prior to the end of the term" → 90. */
export function noticePeriodDays(text: string): number | undefined {
  const t = norm(text);
  const ds = findDurations(t);
  let best: { d: Duration; score: number } | undefined;
  for (const d of ds) {
    const before = t.slice(Math.max(0, d.start - 60), d.start);
    const after = t.slice(d.end, d.end + 60);
    let score = 0;
    if (NOTICE_AFTER.test(after)) score += 2;
    if (NOTICE_BEFORE.test(before)) score += 1;
    if (/\bnotice\b/i.test(before.slice(-30))) score += 1;
    // "renew for successive one (1) year periods", "a term of three years": a term, not a notice
    if (
      /^\s*(?:['’]s?\s*)?(?:period|term|renewal|extension|increments?|intervals?)s?\b/i.test(after) &&
      !/notice/i.test(after.slice(0, 25))
    )
      score -= 2;
    if (
      /\b(?:for|of)\s+(?:an?\s+)?(?:additional|successive|further|consecutive|subsequent|renewal|initial)\s*$/i.test(
        before,
      )
    )
      score -= 2;
    if (/\b(?:after|following)\s*$/i.test(before) && !/notice/i.test(before)) score -= 1;
    if (score <= 0) continue;
    if (!best || score > best.score) best = { d, score };
  }
  return best ? toDays(best.d) : undefined;
}

const RENEW =
  /\b(?:renew(?:s|ed|al|als|able)?|extend(?:s|ed)?|extension|prolong(?:s|ed)?|successor|continue[sd]?\s+(?:thereafter|automatically)|roll(?:s|ed)?\s+over|successive|additional\s+(?:term|period)s?)\b/gi;

/** The length of one renewal: "automatically renewed for successive one (1) year periods" → 12.
 * `context` (the text before the clause) answers "successive terms of the same duration". */
export function renewalTermMonths(text: string, context = ''): number | undefined {
  const t = norm(text);
  if (
    /\b(?:same|equal|like|identical)\s+(?:duration|length|period|term)\b|\bequal\s+in\s+(?:duration|length)\b/i.test(t)
  ) {
    const initial = initialTermMonths(text) ?? initialTermMonths(context);
    if (initial !== undefined) return initial;
  }
  if (
    /\b(?:year[\s-]to[\s-]year|annual(?:ly)?\s+(?:basis|renewals?|periods?|terms?|extensions?)|renew(?:s|ed|ing)?\s+(?:\w+\s+)?(?:annually|every\s+year|each\s+year)|extend(?:s|ed)?\s+annually|annually\s+renew|from\s+year\s+to\s+year)\b/i.test(
      t,
    )
  )
    return 12;
  if (/\bmonth[\s-]to[\s-]month\b|\bmonthly\s+(?:periods?|terms?|basis|renewals?)\b/i.test(t)) return 1;
  if (/\bquarterly\s+(?:periods?|terms?|renewals?)\b/i.test(t)) return 3;
  const ds = findDurations(t).filter((d) => toMonths(d) !== undefined || d.unit === 'day');
  // "with an automatic 2 year term extension", "a one-year renewal term"
  for (const d of ds) {
    if (
      /^\s*(?:term\s+)?(?:extensions?|renewals?|renewal\s+(?:terms?|periods?))\b/i.test(t.slice(d.end, d.end + 30)) &&
      toMonths(d) !== undefined
    )
      return toMonths(d);
  }
  RENEW.lastIndex = 0;
  for (let m; (m = RENEW.exec(t));) {
    for (const d of ds) {
      if (d.start < m.index || d.start - m.index > 160) continue;
      const between = t.slice(m.index, d.start);
      const after = t.slice(d.end, d.end + 40);
      // a notice period inside the renewal sentence is not the renewal term
      if (NOTICE_AFTER.test(after) || /\b(?:notice|prior|before|within)\b[^.]{0,15}$/i.test(between)) continue;
      if (/[.;]\s+[A-Z]/.test(between)) break;
      const months = toMonths(d);
      if (months !== undefined) return months;
    }
  }
  // "for the term of one year; thereafter, the Agreement shall renew automatically": renews for the same term
  if (
    /\b(?:shall|will)\s+(?:be\s+)?(?:automatically\s+)?renew(?:ed)?\s+automatically\b|\brenew(?:s|ed)?\s+automatically\b/i.test(
      t,
    )
  )
    return initialTermMonths(text);
  return undefined;
}

/** The initial term: "for a period of two (2) years", "an initial term of thirty-six (36) months". */
export function initialTermMonths(text: string): number | undefined {
  const t = norm(text);
  const re =
    /\b(?:initial\s+(?:term|period)|term\s+of\s+this\s+agreement|this\s+agreement|agreement\s+term|term)\b[^.;]{0,120}?\b(?:for|of|be|is|last|until|through)\b[^.;]{0,40}?$/i;
  for (const d of findDurations(t)) {
    const months = toMonths(d);
    if (months === undefined) continue;
    const before = t.slice(Math.max(0, d.start - 170), d.start);
    const after = t.slice(d.end, d.end + 30);
    if (NOTICE_AFTER.test(after)) continue;
    if (/\b(?:renew\w*|successive|additional|extension|further)\b[^.;]{0,40}$/i.test(before)) continue;
    // a window looked back over ("the change in the CPI over the preceding twelve months") is not a term
    if (LOOKED_BACK.test(before)) continue;
    if (re.test(before) || /\b(?:period|term)\s+of\s+(?:an?\s+)?$/i.test(before)) return months;
  }
  return undefined;
}

/** An explicit end date: "shall expire on December 31, 2023", "until June 30, 2021". */
export function expiryDate(text: string): string | undefined {
  const t = text.replace(/\s+/g, ' ');
  for (const d of findDates(t)) {
    if (!d.iso) continue;
    const before = t.slice(Math.max(0, d.start - 80), d.start);
    if (
      /\b(?:expir\w*|terminat\w*|end(?:s|ing)?|until|through|thru|to|till|continu\w*\s+(?:in\s+(?:full\s+)?(?:force|effect)\s+)?(?:until|through)|last\s+(?:until|through))\s+(?:on\s+|at\s+[^.]{0,30}?\s+on\s+)?(?:the\s+)?$/i.test(
        before,
      )
    )
      return d.iso;
  }
  return undefined;
}

/** Who may terminate for convenience: "either", "client", "provider", or the party name as written. */
export function whoMayTerminate(text: string): string | undefined {
  const t = norm(text);
  const m =
    /\b([Ee]ither\s+[Pp]arty|[Ee]ach\s+[Pp]arty|[Bb]oth\s+[Pp]arties|[Aa]ny\s+[Pp]arty|(?:the\s+)?[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})\s+(?:may|shall\s+(?:have|be\s+entitled)|will\s+have|has|reserves)\b[^.;]{0,80}?\bterminat/.exec(
      t,
    );
  // "any Project Plan may be terminated": what is ended, not who ends it
  if (!m || /^\s*(?:may|shall|will|can)\s+(?:also\s+)?be\s+(?:terminat|cancel)/i.test(m[0].slice(m[1]!.length)))
    return undefined;
  const who = m[1]!.replace(/^the\s+/i, '').trim();
  if (/^(?:either|each|both|any|a)\s+part(?:y|ies)$/i.test(who)) return 'either';
  if (
    /^(?:Client|Customer|Company|Buyer|Purchaser|Licensee|Owner|Employer|Principal|Distributor|Franchisee)$/i.test(who)
  )
    return 'client';
  if (
    /^(?:Consultant|Contractor|Provider|Service\s+Provider|Supplier|Vendor|Seller|Licensor|Developer|Agency|Freelancer|Manufacturer)$/i.test(
      who,
    )
  )
    return 'provider';
  if (
    /^(?:This|Such|Any|No|Neither|Notwithstanding|Upon|In|If|The|Agreement|Party|Other|Non|Terminating|Breaching|Affected|Either|Each)\b/i.test(
      who,
    )
  )
    return undefined;
  return who;
}
