// What a clause's values are, as the one place that reads them: the extractors of its category (and of
// its rule's `attributes:`), then the plain readings of its value group where the extractors found
// nothing. The check stage reads these values and nothing else from a clause's text.
import type { Attributes } from '../../schema.js';
import * as P from './plain.js';

/** The groups of clause categories whose values the cross-contract checks read. The document-level ones
 *  (effective, parties, profile) take their values from the metadata pass (../meta.ts), not from here. */
export const VALUE_GROUPS = [
  'ip',
  'license',
  'covenant',
  'mfn',
  'rate',
  'commitment',
  'liability',
  'indemnity',
  'insurance',
  'payment',
  'invoicing',
  'reporting',
  'notices',
  'law',
  'venue',
  'termination',
  'termination-cause',
  'renewal',
  'renewal-notice',
  'expiry',
  'effective',
  'parties',
  'profile',
  'amendment',
] as const;
export type ValueGroup = (typeof VALUE_GROUPS)[number];

/** Which value group a clause category belongs to. Categories not listed give the checks nothing. */
export const VALUE_GROUP_OF_CATEGORY: Record<string, ValueGroup> = {
  'ip.background-ip': 'ip',
  'ip.ownership-assignment': 'ip',
  'ip.license-back': 'ip',
  'ip.license-grant': 'license',
  'ip.license-irrevocable-perpetual': 'license',
  'restrict.non-compete': 'covenant',
  'restrict.exclusivity': 'covenant',
  'restrict.no-solicit-customers': 'covenant',
  'restrict.no-solicit-employees': 'covenant',
  'restrict.non-solicit': 'covenant',
  'restrict.most-favored-nation': 'mfn',
  'admin.fees': 'rate',
  // "a fee equal to fifty (50)% of Retail Revenues": the price of the work as a share of revenue
  'admin.revenue-profit-sharing': 'rate',
  'admin.time-commitment': 'commitment',
  // "no fewer than 120 hours of Services per calendar month": a minimum commitment of the user's time
  'admin.minimum-commitment': 'commitment',
  // "up to 20,000 units per month": a volume the supplier must be able to deliver
  'admin.volume-restriction': 'commitment',
  'liability.cap': 'liability',
  'liability.uncapped': 'liability',
  'liability.indemnification': 'indemnity',
  'liability.insurance': 'insurance',
  'admin.payment-terms': 'payment',
  'admin.invoicing': 'invoicing',
  'admin.reporting': 'reporting',
  'admin.notices': 'notices',
  'admin.governing-law': 'law',
  'admin.venue': 'venue',
  'term.termination-for-convenience': 'termination',
  'term.work-cancellation': 'termination',
  'term.termination-for-cause': 'termination-cause',
  'term.renewal': 'renewal',
  'term.renewal-notice': 'renewal-notice',
  'term.expiration': 'expiry',
  'meta.effective-date': 'effective',
  'meta.agreement-date': 'effective',
  'meta.parties': 'parties',
  // what the engagement is about: recitals, the services, the title
  'meta.recitals': 'profile',
  'admin.services': 'profile',
  'meta.document-name': 'profile',
  // what an amendment deletes or replaces in the contract it amends
  'meta.amendment': 'amendment',
};

type Values = Record<string, unknown>;

/** The plain readings of a clause of a value group (never overriding what the extractors gave). */
function plainValues(group: ValueGroup, category: string, text: string): Values {
  const v: Values = {};
  const put = (k: string, x: unknown) => {
    if (x !== undefined && x !== null && !(Array.isArray(x) && !x.length)) v[k] = x;
  };
  switch (group) {
    case 'ip':
      put('backgroundIp', P.backgroundIp(text));
      if (P.broadKnowHow(text)) v.broad = true;
      if (category === 'ip.license-back') put('backgroundIp', 'licensed');
      put('subject', P.assignedSubject(text) ?? P.licenseSubject(text));
      // who gives the rights away: "Vendor assigns to Client", "Consultant agrees to assign, and hereby does assign"
      if (category === 'ip.ownership-assignment')
        put('assignor', P.subjectOf(text, /(?:hereby\s+)?(?:irrevocably\s+)?(?:assigns?|transfers?|conveys?)\b/));
      break;
    case 'license':
      put('exclusive', P.exclusive(text));
      put('subject', P.licenseSubject(text));
      put('grantor', P.subjectOf(text, /(?:hereby\s+)?grants?\b/));
      // the passive names who receives: "Company is hereby granted ... a licence"
      if (
        v.grantor === undefined &&
        !/\b(?:no|not)\s+(?:\w+\s+){0,3}(?:is|are|be)\s+granted\b|\bgranted\s+no\b/i.test(text)
      )
        put('grantee', P.subjectOf(text, /(?:is|are|shall\s+be)\s+(?:hereby\s+)?granted\b/));
      put('territory', P.territory(text));
      put('field', P.licenseField(text));
      break;
    case 'covenant':
      put(
        'durationMonths',
        /\bduring\s+the\s+term\b/i.test(text) && !/\bthereafter|after|following\b/i.test(text)
          ? undefined
          : P.durationMonths(text),
      );
      put('tailMonths', P.tailMonths(text));
      put('territory', P.territory(text));
      put('field', P.field(text));
      put('bound', P.boundBy(text));
      if (P.grantsExclusiveRights(text)) v.byLicence = true;
      break;
    case 'rate':
      put('rate', P.rate(text));
      put('role', P.rateRole(text));
      if (P.mfn(text)) v.mfn = true;
      break;
    case 'mfn':
      put('rate', P.rate(text));
      break;
    case 'commitment':
      put('hoursPerWeek', P.hoursPerWeek(text));
      put('volumePerMonth', P.volumePerMonth(text));
      if (P.hoursCeiling(text)) v.ceiling = true;
      if (P.fullTime(text)) v.fullTime = true;
      break;
    case 'liability': {
      const m = P.money(text);
      if (m) v.capAmount = m.amount;
      if (/\bfees\s+(?:actually\s+)?paid(?:\s+or\s+payable)?\b|\bamounts?\s+(?:actually\s+)?paid\b/i.test(text)) {
        const months = /\b(?:preceding|prior|previous|last)\b/i.test(text) ? P.durationMonths(text) : undefined;
        v.capFormula = months ? `fees paid in ${months} months` : 'fees paid';
      }
      const times = /\b(two|three|2|3)\s*(?:\(\d\)\s*)?times\b/i.exec(text);
      if (times) v.capFormula = `${times[1]} × fees`;
      // a cap that names what it does not cover leaves those claims uncapped, unless they are all customary ones
      const named = P.carveOuts(text);
      const outs = named?.filter((x) => !P.customaryCarveOut(x));
      if (
        (category === 'liability.uncapped' ||
          /\bunlimited\b|\bshall\s+not\s+(?:be\s+)?(?:limit|apply\s+to)\b/i.test(text)) &&
        !(named && outs!.length === 0)
      ) {
        v.uncapped = true;
        if (outs?.length) v.uncappedFor = outs;
      }
      const who =
        /\b(each|either|neither)\s+party['’]s?\b|\bin\s+no\s+event\s+(?:will|shall)\s+(?:either|any|a)\s+party\b/i.test(
          text,
        )
          ? 'both'
          : /\b(?:company|client|customer)['’]s\s+(?:total|aggregate|entire|cumulative|maximum)?\s*(?:\w+\s+)?liability/i.test(
                text,
              )
            ? 'client'
            : /\b(?:consultant|contractor|provider|supplier|freelancer)['’]s\s+(?:total|aggregate|entire|cumulative|maximum)?\s*(?:\w+\s+)?liability/i.test(
                  text,
                )
              ? 'provider'
              : (/\b([A-Z][\w]*(?:\s+[A-Z][\w]*){0,3})['’]s\s+(?:total|aggregate|entire|cumulative|maximum)?\s*(?:\w+\s+)?liability/.exec(
                  text,
                )?.[1] ?? P.cappedParty(text));
      put('protects', who);
      break;
    }
    case 'indemnity': {
      put('indemnifier', P.indemnifier(text));
      break;
    }
    case 'insurance': {
      const m = P.money(text);
      if (m) v.insuranceAmount = m.amount;
      const t =
        /\b(professional\s+(?:liability|indemnity)|errors\s+and\s+omissions|general\s+liability|cyber(?:\s+liability)?|workers['’]?\s+compensation)\b/i.exec(
          text,
        );
      if (t) v.insuranceType = t[1]!.toLowerCase();
      break;
    }
    case 'payment':
      put('paymentDays', P.paymentDays(text));
      break;
    case 'invoicing':
      put('invoiceCycle', P.cycle(text));
      put('invoiceFormat', P.invoiceFormat(text));
      break;
    case 'reporting':
      put('reportingCycle', P.cycle(text));
      break;
    case 'notices':
      put('noticeMethods', P.noticeMethods(text));
      break;
    case 'venue':
      put('venue', P.venue(text));
      break;
    case 'termination':
      put('noticeDays', P.noticeDays(text));
      put('whoMayTerminate', P.whoMayTerminate(text));
      put('rights', P.terminationRights(text));
      break;
    case 'termination-cause':
      put('whoMayTerminate', P.whoMayTerminate(text));
      break;
    // a renewal's length is the renewal-term extractor's alone: the first period of a renewal clause is as
    // often a notice period or the initial term (renewal term accuracy on CUAD 91.6% without, 88.2% with)
    case 'renewal-notice':
      put('noticeDays', P.daysBeforeEnd(text) ?? P.noticeDays(text));
      break;
    case 'expiry':
      put('date', P.isoDate(text));
      put('termMonths', P.isoDate(text) ? undefined : P.termLengthMonths(text));
      break;
    default:
      break;
  }
  return v;
}

/**
 * A clause's values from the extractors' `measured` and the plain readings of its value group, in that
 * order of precedence (the plain readings' keys first in the result). Missing an assignment of background
 * IP is the costly mistake: where the plain reading is an assignment and the extractor says otherwise, the
 * value is an assignment and the extractor's reading is kept as `backgroundIpExtracted`. "Up to N hours"
 * commits nothing: a ceiling drops the hours.
 */
export function clauseValues(category: string, text: string, measured: Attributes | undefined): Attributes | undefined {
  const group = VALUE_GROUP_OF_CATEGORY[category];
  if (!group) return measured;
  const plain = plainValues(group, category, text);
  const values: Values = { ...plain, ...(measured ?? {}) };
  if (
    group === 'ip' &&
    plain.backgroundIp === 'assigned' &&
    values.backgroundIp !== 'assigned' &&
    values.backgroundIp !== undefined
  ) {
    values.backgroundIpExtracted = values.backgroundIp;
    values.backgroundIp = 'assigned';
  }
  if (group === 'commitment' && plain.ceiling === true) delete values.hoursPerWeek;
  return Object.keys(values).length ? (values as Attributes) : undefined;
}
